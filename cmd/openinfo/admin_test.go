package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
)

// TestAdminCommands: with an outside provider, the first central officer
// comes from `openinfo admin token` and the first administrator from
// `openinfo admin grant`, both audited.
func TestAdminCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir})
	db := openTestDB(t, filepath.Join(dir, "openinfo.db"))
	dept := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมทดสอบระบบ"}
	if err := db.CreateAgency(ctx, dept); err != nil {
		t.Fatal(err)
	}
	admin := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"admin"}, args...), env, &out, io.Discard, nil)
		return out.String(), err
	}

	out, err := admin("token", "--agency", id64(dept.ID), "--role", "central_officer")
	if err != nil {
		t.Fatal(err)
	}
	token, err := openinfo.ParseToken(strings.SplitN(out, "\n", 2)[0])
	if err != nil {
		t.Fatalf("no token printed: %q", out)
	}
	secret, _ := os.ReadFile(filepath.Join(dir, "secret"))
	sealer, _ := auth.NewSealer([]byte(strings.TrimSpace(string(secret))))
	u, _ := db.RecordLogin(ctx, &openinfo.User{Issuer: "https://dex.example", Subject: "CgVhbGljZRIEbG9jYWw", Username: "alice", GivenName: "Alice"})
	// The demo central officer's token (internal/app's demoOfficers, in the README).
	bound, err := db.RedeemToken(ctx, u.ID, openinfo.HashToken(sealer.HashKey(), token), time.Now())
	if err != nil || bound.AgencyID != dept.ID || bound.Role != openinfo.RoleCentral {
		t.Fatalf("redeem the printed token: %+v %v", bound, err)
	}

	for _, bad := range [][]string{
		{"token", "--agency", id64(dept.ID), "--role", "platform_admin"},
		{"token", "--role", "central_officer"},
		{"token", "--agency", "999", "--role", "central_officer"},
		{"grant", "--user", "alice", "--role", "central_officer"},
		{"grant", "--user", "nobody", "--role", "platform_admin"},
		{"nothing"},
	} {
		if _, err := admin(bad...); err == nil {
			t.Errorf("admin %v: no error", bad)
		}
	}

	b, _ := db.RecordLogin(ctx, &openinfo.User{Issuer: "https://dex.example", Subject: "CgNib2ISBGxvY2Fs", Username: "bob", GivenName: "Bob"})
	if out, err := admin("grant", "--user", "bob", "--role", "platform_admin"); err != nil || !strings.Contains(out, "Bob") {
		t.Fatalf("grant: %q %v", out, err)
	}
	if got, _ := db.User(ctx, b.ID); got.Role != openinfo.RoleAdmin {
		t.Fatalf("bob is %q", got.Role)
	}
	var n int
	db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE actor_name LIKE 'openinfo admin%'`).Scan(&n)
	if n < 2 {
		t.Fatalf("%d audited command-line changes, want 2", n)
	}
}

// TestDemoTokensOutsideProvider: demo data with an outside provider leaves
// the demo roles' tokens waiting for the first people to sign in.
func TestDemoTokensOutsideProvider(t *testing.T) {
	dir := t.TempDir()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir, "OPENINFO_ADDR": "127.0.0.1:0",
		"OPENINFO_OIDC_ISSUER": "http://127.0.0.1:9/dex", "OPENINFO_OIDC_CLIENT_SECRET": "outside-client-secret"})
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, env, io.Discard, &logs, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	cancel()
	<-done
	db, err := store.Open(context.Background(), filepath.Join(dir, "openinfo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	secret, _ := os.ReadFile(filepath.Join(dir, "secret"))
	sealer, _ := auth.NewSealer([]byte(strings.TrimSpace(string(secret))))
	u, _ := db.RecordLogin(context.Background(), &openinfo.User{Issuer: "http://127.0.0.1:9/dex", Subject: "first", GivenName: "First"})
	// The demo central officer's token (internal/app's demoOfficers, in the README).
	bound, err := db.RedeemToken(context.Background(), u.ID, openinfo.HashToken(sealer.HashKey(), "100000000000001"), time.Now())
	if err != nil || bound.Role != openinfo.RoleCentral {
		t.Fatalf("the demo central officer's token: %+v %v\n%s", bound, err, logs.String())
	}
}

func id64(n int64) string { return strconv.FormatInt(n, 10) }
