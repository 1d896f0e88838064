package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
)

// TestNoSessionForVisitors: visitors who are not signed in (a crawler, a
// flood on /admin/login, anonymous posts) store nothing on the server; a
// sign-in stores one session, keyed by the hash of its cookie.
func TestNoSessionForVisitors(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		count := func() int {
			var n int
			if err := db.SQL().QueryRow(`SELECT count(*) FROM sessions`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for i := range 60 {
			for _, p := range []string{"/admin/login", "/admin", "/admin/agencies", "/admin/login?next=%2Fadmin%2Ftasks"} {
				res, err := noFollow.Get(e.office.URL + p)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			if i%10 == 0 {
				res, err := noFollow.PostForm(e.office.URL+"/admin/agencies/1/edit", url.Values{"name_th": {"x"}})
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
			}
		}
		if n := count(); n != 0 {
			t.Fatalf("anonymous requests stored %d sessions", n)
		}

		p := newPerson(41, "สมชาย")
		e.register(p)
		b := newBrowser(t)
		e.login(b, p, "allow")
		if n := count(); n != 1 {
			t.Fatalf("a sign-in stored %d sessions, want 1", n)
		}
		u, _ := url.Parse(e.office.URL + "/admin")
		for _, c := range b.c.Jar.Cookies(u) {
			if c.Name != "openinfo_session" {
				continue
			}
			var n int
			db.SQL().QueryRow(`SELECT count(*) FROM sessions WHERE token = $1`, c.Value).Scan(&n)
			if n != 0 || strings.TrimSpace(c.Value) == "" {
				t.Fatal("the session cookie's value is stored as it is")
			}
		}
	})
}

// TestReadyzReportsProvider: a sign-in provider that does not answer is
// reported on /readyz, and the node stays ready for citizens.
func TestReadyzReportsProvider(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, t.TempDir()+"/r.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	issuer := dead.URL + "/dex"
	dead.Close() // nothing listens there any more
	rp := auth.New(auth.Config{Issuer: issuer, ClientID: "openinfo", ClientSecret: "s", RedirectURL: "http://x/admin/callback",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	sealer, _ := auth.NewSealer([]byte("readyz test secret, 32 characters"))
	site, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), RP: rp, Sealer: sealer})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	get := func(p string) (int, string) {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, body := get("/readyz"); st != 200 || strings.Contains(body, "sign-in provider") {
		t.Fatalf("before any sign-in: %d %q", st, body)
	}
	if st, _ := get("/admin/login"); st != http.StatusServiceUnavailable {
		t.Fatalf("sign-in with the provider away: %d", st)
	}
	if st, body := get("/readyz"); st != 200 || !strings.Contains(body, "sign-in provider: not answering") {
		t.Fatalf("after a failed sign-in: %d %q", st, body)
	}
}
