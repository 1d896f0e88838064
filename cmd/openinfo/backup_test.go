package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/store"
)

// TestBackupRestoreCommands: backup writes a checked copy of the data
// directory's database, restore refuses while the database is open and
// puts the copy back once it is not; PostgreSQL is sent to pg_dump.
func TestBackupRestoreCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := func(k string) string {
		if k == "OPENINFO_DATA_DIR" {
			return dir
		}
		return ""
	}
	if err := run(ctx, []string{"migrate"}, env, io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "openinfo-backup.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"backup", file}, env, &out, io.Discard, nil); err != nil || !strings.Contains(out.String(), "integrity check") {
		t.Fatalf("backup: %v\n%s", err, out.String())
	}
	// A server has the database open: the restore is refused.
	db, err := store.Open(ctx, filepath.Join(dir, "openinfo.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"restore", file}, env, io.Discard, io.Discard, nil); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("restore while open: %v", err)
	}
	db.Close()
	out.Reset()
	if err := run(ctx, []string{"restore", "--data-dir", dir, file}, func(string) string { return "" }, &out, io.Discard, nil); err != nil ||
		!strings.Contains(out.String(), "kept as") {
		t.Fatalf("restore: %v\n%s", err, out.String())
	}
	if err := run(ctx, []string{"backup"}, env, io.Discard, io.Discard, nil); err == nil {
		t.Fatal("backup without a file name")
	}
	pg := func(k string) string {
		if k == "OPENINFO_DATABASE_URL" {
			return "postgres://openinfo@localhost/openinfo"
		}
		return ""
	}
	for _, cmd := range []string{"backup", "restore"} {
		if err := run(ctx, []string{cmd, file}, pg, io.Discard, io.Discard, nil); !errors.Is(err, store.ErrPostgresBackup) ||
			!strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("%s on PostgreSQL: %v", cmd, err)
		}
	}
}
