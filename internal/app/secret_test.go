package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func openTestDB(t *testing.T, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// putLegacySecret stores a secret the way earlier versions did.
func putLegacySecret(t *testing.T, db *store.DB, v string) {
	t.Helper()
	if _, err := db.SQL().Exec(`INSERT INTO meta (key, value) VALUES ('secret', $1)`, v); err != nil {
		t.Fatal(err)
	}
}

// TestSecretOutsideTheDatabase: a generated secret lives in a 0600 file
// beside the SQLite database, never in the database; an old one moves out;
// PostgreSQL needs OPENINFO_SECRET.
func TestSecretOutsideTheDatabase(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	dir := t.TempDir()
	db := openTestDB(t, filepath.Join(dir, "openinfo.db"))
	c := &Config{DataDir: dir}
	s1, err := InstallationSecret(ctx, c, db, log)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "secret"))
	if err != nil || fi.Mode().Perm() != 0o600 || len(s1) != 64 {
		t.Fatalf("secret file %v %v, %d characters", fi, err, len(s1))
	}
	if s2, _ := InstallationSecret(ctx, c, db, log); s2 != s1 {
		t.Fatal("a second start made another secret")
	}
	if v, _ := db.LegacySecret(ctx); v != "" {
		t.Fatal("the secret is in the database")
	}
	os.Chmod(filepath.Join(dir, "secret"), 0o644)
	if _, err := InstallationSecret(ctx, c, db, log); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable secret file was used: %v", err)
	}

	// An installation from before: its secret moves to the file, so tokens
	// sealed with it still open, and leaves the database.
	old := t.TempDir()
	odb := openTestDB(t, filepath.Join(old, "openinfo.db"))
	legacy := strings.Repeat("ab", 32)
	putLegacySecret(t, odb, legacy)
	if s, err := InstallationSecret(ctx, &Config{DataDir: old}, odb, log); err != nil || s != legacy {
		t.Fatalf("legacy secret = %q, %v", s, err)
	}
	if b, _ := os.ReadFile(filepath.Join(old, "secret")); strings.TrimSpace(string(b)) != legacy {
		t.Fatal("the legacy secret did not move to the file")
	}
	if v, _ := odb.LegacySecret(ctx); v != "" {
		t.Fatal("the legacy secret stayed in the database")
	}

}

// TestSecretPostgres: with PostgreSQL no secret, no start; with one, an old
// copy in the database is removed.
func TestSecretPostgres(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	legacy := strings.Repeat("ab", 32)
	pdb := openTestDB(t, pgtest.NewDatabase(t, nil))
	if _, err := InstallationSecret(ctx, &Config{DataDir: t.TempDir()}, pdb, log); err == nil || !strings.Contains(err.Error(), "OPENINFO_SECRET") {
		t.Fatalf("PostgreSQL without a secret: %v", err)
	}
	putLegacySecret(t, pdb, legacy)
	if _, err := InstallationSecret(ctx, &Config{}, pdb, log); err == nil || !strings.Contains(err.Error(), "earlier version") {
		t.Fatalf("PostgreSQL with only an old secret: %v", err)
	}
	if s, err := InstallationSecret(ctx, &Config{Secret: legacy}, pdb, log); err != nil || s != legacy {
		t.Fatalf("PostgreSQL with the secret set: %q %v", s, err)
	}
	if v, _ := pdb.LegacySecret(ctx); v != "" {
		t.Fatal("the old secret stayed in the PostgreSQL database")
	}
}
