package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
)

// TestLogoutAtOutsideProvider: with the provider on another origin, signing
// out in Chromium ends the back-office session, passes through the
// provider's end-session endpoint (which the CSP's form-action 'self' would
// block as the redirect of the logout form), ends the provider's session and
// comes back to the site's home page; signing in again asks for the password.
func TestLogoutAtOutsideProvider(t *testing.T) {
	exe := chromium(t)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "logout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	// Two loopback listeners: two origins.
	office := httptest.NewUnstartedServer(nil)
	officeURL := "http://" + office.Listener.Addr().String()
	idp := httptest.NewUnstartedServer(nil)
	issuer := "http://" + idp.Listener.Addr().String() + "/digitalid"
	did, err := digitalid.New(digitalid.Config{DB: db.SQL(), Dialect: digitalid.Dialect(db.Dialect()), Issuer: issuer, DevMode: true, Logger: quiet,
		Secret: []byte("0123456789abcdef0123456789abcdef"), Insecure: true,
		Clients: []digitalid.Client{{ID: "backoffice", Secret: "backoffice-secret", Name: "openinfo",
			RedirectURIs: []string{officeURL + "/admin/callback"}, PostLogoutRedirectURIs: []string{officeURL + "/"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string // the provider's paths, as the browser visits them
	mux := http.NewServeMux()
	mux.Handle("/digitalid/", did.Handler())
	idp.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path)
		mu.Unlock()
		mux.ServeHTTP(w, r)
	})
	idp.Start()
	t.Cleanup(idp.Close)
	sealer, _ := auth.NewSealer([]byte("another secret of the back office"))
	rp := auth.New(auth.Config{Issuer: issuer, ClientID: "backoffice", ClientSecret: "backoffice-secret", Logger: quiet,
		RedirectURL: officeURL + "/admin/callback", PostLogoutURL: officeURL + "/"})
	site, err := web.New(web.Config{DB: db, Logger: quiet, BaseURL: officeURL, RP: rp, Sealer: sealer, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	office.Config.Handler = site.Handler()
	office.Start()
	t.Cleanup(office.Close)

	check, _ := openinfo.CitizenIDCheckDigit("110370012345")
	sub, err := did.CreateUser(ctx, digitalid.NewUser{CitizenID: "110370012345" + string(check), GivenName: "สมพร", FamilyName: "ทดสอบ",
		BirthDate: time.Date(1985, 1, 10, 0, 0, 0, 0, time.UTC), LaserCode: "JT1-2345678-90",
		Username: "somporn", Password: "Secret123x", Mobile: "0812345601"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: issuer, Subject: sub, Username: "somporn", GivenName: "สมพร", FamilyName: "ทดสอบ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.GrantGlobalRole(ctx, u.ID, openinfo.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	providerSessions := func() int {
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM did_sessions WHERE sub = $1`, sub).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	profile, err := os.MkdirTemp("", "openinfo-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(profile))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

	// waitAt waits until the browser is at url (a prefix), then settles.
	waitAt := func(what, prefix string) {
		t.Helper()
		var loc string
		for {
			if err := chromedp.Run(bctx, chromedp.Location(&loc)); err != nil {
				t.Fatalf("%s: still at %s, want %s: %v", what, loc, prefix, err)
			}
			if strings.HasPrefix(loc, prefix) {
				break
			}
			if err := chromedp.Run(bctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
				t.Fatalf("%s: still at %s, want %s: %v", what, loc, prefix, err)
			}
		}
		if err := chromedp.Run(bctx, chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
	}

	// The back office's door is a landing page; its button signs in.
	if err := chromedp.Run(bctx, chromedp.Navigate(officeURL+"/admin"),
		chromedp.Click(`a.button[href="/admin/login"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitAt("sign-in", issuer+"/login")
	if err := chromedp.Run(bctx,
		chromedp.SendKeys(`#f-username`, "somporn", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, "Secret123x", chromedp.ByQuery),
		chromedp.Submit(`#f-password`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	var loc string
	for {
		if err := chromedp.Run(bctx, chromedp.Sleep(50*time.Millisecond), chromedp.Location(&loc)); err != nil {
			t.Fatalf("after the password: at %s: %v", loc, err)
		}
		if strings.HasPrefix(loc, issuer+"/consent") {
			if err := chromedp.Run(bctx, chromedp.WaitReady(`button[value="allow"]`, chromedp.ByQuery),
				chromedp.Click(`button[value="allow"]`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if loc == officeURL+"/admin" {
			break
		}
	}
	waitAt("dashboard", officeURL+"/admin")
	if n := providerSessions(); n != 1 {
		t.Fatalf("provider sessions after sign-in = %d, want 1", n)
	}

	mu.Lock()
	seen = nil
	mu.Unlock()
	if err := chromedp.Run(bctx, chromedp.Click(`form.logout button`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	for {
		if err := chromedp.Run(bctx, chromedp.Location(&loc)); err != nil {
			t.Fatalf("logout: the browser stayed at %s: %v", loc, err)
		}
		if loc == officeURL+"/" {
			break
		}
		if err := chromedp.Run(bctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
			t.Fatalf("logout: the browser stayed at %s: %v", loc, err)
		}
	}
	mu.Lock()
	visited := strings.Join(seen, " ")
	mu.Unlock()
	if !strings.Contains(visited, "/digitalid/end_session") {
		t.Fatalf("the browser never reached the provider's end-session endpoint (it visited %q)", visited)
	}
	if n := providerSessions(); n != 0 {
		t.Fatalf("provider sessions after logout = %d, want 0", n)
	}
	if err := chromedp.Run(bctx, chromedp.Navigate(officeURL+"/admin"),
		chromedp.Click(`a.button[href="/admin/login"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitAt("signing in again", issuer+"/login")
	var pw int
	if err := chromedp.Run(bctx, chromedp.Evaluate(`document.querySelectorAll('#f-password').length`, &pw)); err != nil || pw != 1 {
		t.Fatalf("signing in again does not ask for the password: %v", err)
	}
}
