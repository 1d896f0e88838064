package auth

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitFor yields until cond holds; what is awaited is an event, not a delay.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for !cond() {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

func (rp *RP) waiting() int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.waiters
}

// TestHungProviderSharesOneFetch: three logins against a provider that does
// not answer make one discovery request between them and all fail when it
// fails (before: each waited for the lock, then for its own request); a
// login whose visitor gives up is not held by the hung fetch.
func TestHungProviderSharesOneFetch(t *testing.T) {
	op := newFakeOP(t, false)
	release := make(chan struct{})
	op.block = release
	rp := New(Config{Issuer: op.issuer, ClientID: "client", ClientSecret: "s3cret", RedirectURL: "http://app/cb",
		DiscoveryTimeout: time.Hour})
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = rp.Start(context.Background())
		}()
	}
	waitFor(t, func() bool { return rp.waiting() == 3 && op.hitCount() > 0 })
	if n := op.hitCount(); n != 1 {
		t.Fatalf("discovery requests while three logins wait = %d, want 1", n)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := rp.Start(gone); !errors.Is(err, ErrUnreachable) || !errors.Is(err, context.Canceled) {
		t.Fatalf("a login given up during a hung discovery: %v", err)
	}
	close(release) // the provider answers 503
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, ErrUnreachable) {
			t.Fatalf("login %d: %v, want ErrUnreachable", i, err)
		}
	}
	if n := op.hitCount(); n != 1 {
		t.Fatalf("discovery requests = %d, want 1", n)
	}
	if rp.Healthy() || rp.LastError() == nil {
		t.Fatal("a provider that failed discovery is reported healthy")
	}
}

// TestDiscoveryTimeout: one attempt ends at DiscoveryTimeout, not at the
// HTTP client's 15 s, and says the provider cannot be reached.
func TestDiscoveryTimeout(t *testing.T) {
	op := newFakeOP(t, false)
	op.block = make(chan struct{}) // never released: the client gives up
	rp := New(Config{Issuer: op.issuer, ClientID: "client", DiscoveryTimeout: 20 * time.Millisecond})
	err := rp.Check(context.Background())
	if !errors.Is(err, ErrUnreachable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Check against a hung provider: %v", err)
	}
}

// TestDiscoveryTTL: the discovery document is re-read after its TTL, so a
// provider that gains an end-session endpoint is seen without a restart;
// while it is refreshed, and when a refresh fails, the old one serves.
func TestDiscoveryTTL(t *testing.T) {
	op := newFakeOP(t, false)
	var mu sync.Mutex
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	rp := New(Config{Issuer: op.issuer, ClientID: "client", PostLogoutURL: "http://app/", Now: clock})
	ctx := context.Background()
	if err := rp.Check(ctx); err != nil || !rp.Healthy() || rp.LastError() != nil {
		t.Fatalf("Check = %v, healthy %v", err, rp.Healthy())
	}
	if u := rp.LogoutURL(ctx, "tok"); u != "" {
		t.Fatalf("logout URL without an end-session endpoint = %q", u)
	}
	op.set("end_session_endpoint", op.srv.URL+"/logout")
	advance(59 * time.Minute)
	if u := rp.LogoutURL(ctx, "tok"); u != "" || op.hitCount() != 1 {
		t.Fatalf("re-read before the TTL: %q, %d requests", u, op.hitCount())
	}
	advance(2 * time.Minute)
	rp.LogoutURL(ctx, "tok") // stale: served at once, refreshed behind
	rp.mu.Lock()
	f := rp.flight
	rp.mu.Unlock()
	if f != nil {
		<-f.done
	}
	if u := rp.LogoutURL(ctx, "tok"); !strings.HasPrefix(u, op.srv.URL+"/logout?") {
		t.Fatalf("after the TTL the logout URL = %q", u)
	}
	// The provider breaks: Check says so, the known document still serves.
	op.set("issuer", "https://elsewhere.example")
	advance(2 * time.Hour)
	if err := rp.Check(ctx); !errors.Is(err, ErrProvider) || rp.Healthy() || !errors.Is(rp.LastError(), ErrProvider) {
		t.Fatalf("Check of a provider with the wrong issuer = %v, healthy %v", err, rp.Healthy())
	}
	if _, _, err := rp.Start(ctx); err != nil {
		t.Fatalf("Start with a stale document: %v", err)
	}
}

// TestScopesSupported: only scopes the provider lists are asked for (dex
// refuses the whole login over one it does not know), openid always; the
// dropped ones are logged once; with no list, all are asked for.
func TestScopesSupported(t *testing.T) {
	op := newFakeOP(t, false)
	op.set("scopes_supported", []string{"openid", "profile", "email"})
	logs := &testLogger{}
	rp := New(Config{Issuer: op.issuer, ClientID: "client", Logger: slog.New(slog.NewTextHandler(logs, nil))})
	ctx := context.Background()
	for range 2 {
		u, _, err := rp.Start(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if q, _ := url.Parse(u); q.Query().Get("scope") != "openid profile" {
			t.Fatalf("scope = %q", q.Query().Get("scope"))
		}
		rp.Check(ctx) // a refresh finds the same: no new warning
	}
	if n := logs.count("level=WARN"); n != 1 || logs.count("dropped=phone") != 1 {
		t.Fatalf("warnings = %q", logs.lines)
	}
	op.set("scopes_supported", nil)
	rp2 := New(Config{Issuer: op.issuer, ClientID: "client", Scopes: []string{"profile", "phone"}})
	u, _, err := rp2.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := url.Parse(u); q.Query().Get("scope") != "openid profile phone" {
		t.Fatalf("scope without scopes_supported = %q", q.Query().Get("scope"))
	}
}

// TestIssuerTrailingSlash: an issuer written with a trailing slash is used
// exactly so, as discovery must match it byte for byte.
func TestIssuerTrailingSlash(t *testing.T) {
	op := newFakeOP(t, true)
	rp := New(Config{Issuer: op.issuer, ClientID: "client"})
	if err := rp.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
}
