package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

// TestServeDemo starts the binary's serve command on SQLite, as `go run
// ./cmd/openinfo` does, and reads the portal with its demo data.
func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir, "OPENINFO_ADDR": "127.0.0.1:0"})
	serveAndCheck(t, env, filepath.Join(dir, "openinfo.db"))
}

// TestServeDemoPostgres does the same on PostgreSQL: one setting switches the engine.
func TestServeDemoPostgres(t *testing.T) {
	dsn := pgtest.NewDatabase(t, nil)
	env := envOf(map[string]string{"OPENINFO_DATABASE_URL": dsn, "OPENINFO_ADDR": "127.0.0.1:0"})
	serveAndCheck(t, env, dsn)
}

func serveAndCheck(t *testing.T, env func(string) string, dsn string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, env, io.Discard, &logs, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	for path, want := range map[string]string{
		"/":         "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ",
		"/agencies": "กระทรวงมหาดไทย",
		"/readyz":   "ready",
	} {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Fatalf("GET %s = %d, lacks %q", path, res.StatusCode, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}
	if !strings.Contains(logs.String(), "demo data loaded") {
		t.Fatalf("first start did not load demo data:\n%s", logs.String())
	}

	// A second start keeps the data and loads no second copy.
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, before, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true})
	db.Close()
	ctx, cancel = context.WithCancel(context.Background())
	logs.Reset()
	go func() { done <- run(ctx, nil, env, io.Discard, &logs, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("second start: %v\n%s", err, logs.String())
	}
	cancel()
	<-done
	db, _ = store.Open(context.Background(), dsn)
	defer db.Close()
	if _, after, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true}); after != before || before == 0 {
		t.Fatalf("agencies: %d after the first start, %d after the second", before, after)
	}
}

func TestHelpListsEverySetting(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(nil), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !strings.Contains(out.String(), "--"+s.name) || !strings.Contains(out.String(), s.env) {
			t.Fatalf("help lacks %s / %s", s.name, s.env)
		}
	}
}

func TestConfig(t *testing.T) {
	c, err := parseConfig("serve", []string{"--addr", ":9000"}, envOf(map[string]string{
		"OPENINFO_ADDR": ":7000", "OPENINFO_DATA_DIR": "/var/lib/openinfo", "OPENINFO_BASE_URL": "https://info.example/",
		"OPENINFO_DEMO": "false"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.DataDir != "/var/lib/openinfo" || c.Demo || !c.SecureCookies || c.BaseURL != "https://info.example" {
		t.Fatalf("config = %+v", c)
	}
	if c.dsn() != "/var/lib/openinfo/openinfo.db" {
		t.Fatalf("dsn = %q", c.dsn())
	}
	for _, bad := range []map[string]string{
		{"OPENINFO_DEMO": "maybe"}, {"OPENINFO_LOG_LEVEL": "loud"}, {"OPENINFO_SHUTDOWN_TIMEOUT": "soon"}, {"OPENINFO_LOG_FORMAT": "xml"},
	} {
		if _, err := parseConfig("serve", nil, envOf(bad), io.Discard, nil); err == nil {
			t.Fatalf("%v accepted", bad)
		}
	}
	if err := run(context.Background(), []string{"frobnicate"}, envOf(nil), io.Discard, io.Discard, nil); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestGenDataSmall(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir})
	if err := run(context.Background(), []string{"gen-data", "--scale", "small", "--seed", "3"}, env, &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "done:") || !strings.Contains(out.String(), "database size") {
		t.Fatalf("output:\n%s", out.String())
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "openinfo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, n, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true})
	_, p, _ := db.ServicePoints(context.Background(), store.PointFilter{WithHidden: true})
	if n < 100 || p < 1000 {
		t.Fatalf("small data set: %d agencies, %d points", n, p)
	}
	if err := run(context.Background(), []string{"gen-data", "--scale", "galactic"}, env, &out, io.Discard, nil); err == nil {
		t.Fatal("unknown scale accepted")
	}
}
