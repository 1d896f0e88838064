package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestHelp(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"search", "http", "ratings"} {
		if !strings.Contains(out.String(), "\n  "+cmd+" ") {
			t.Errorf("help lacks %s:\n%s", cmd, out.String())
		}
	}
	if err := run(context.Background(), nil, envOf(nil), io.Discard, io.Discard); err == nil {
		t.Error("no command accepted")
	}
}

// TestHTTPAllPoints: --urls all-points loads every visible point's page
// and nothing else, and "/" alongside without a failure; an unknown --urls
// is refused.
func TestHTTPAllPoints(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "openinfo.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a := &openinfo.Agency{Type: openinfo.AgencyMinistry, NameTH: "กระทรวงทดสอบ"}
	if err := db.CreateAgency(ctx, a); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: "จุดบริการ " + strconv.Itoa(i), Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir})
	var out bytes.Buffer
	if err := run(ctx, []string{"http", "--urls", "all-points", "--duration", "500ms", "--connections", "2"}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var fields, home []string
	for _, l := range strings.Split(out.String(), "\n") {
		switch {
		case strings.HasPrefix(l, "all-points "):
			fields = strings.Fields(l)
		case strings.HasPrefix(l, "home (1 conn) "):
			home = strings.Fields(strings.TrimPrefix(l, "home (1 conn) "))
		}
	}
	if len(fields) != 7 || fields[0] != "all-points" || fields[5] != "0" || fields[6] != "3" || !strings.Contains(out.String(), "rotating over 3 point URLs") ||
		len(home) != 6 || home[4] != "0" {
		t.Fatalf("output:\n%s", out.String())
	}
	t.Log(out.String())
	if err := run(ctx, []string{"http", "--urls", "everything"}, env, io.Discard, io.Discard); err == nil {
		t.Error("--urls everything accepted")
	}
}
