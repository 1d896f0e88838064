package portal

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/find"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// TestHomeNeverWaitsForRecount: while the home page's counts are recounted
// (here: a count that blocks until the test lets it go), requests for / are
// answered at once with the last counts, and only one recount runs; the
// next request after it ends shows the new counts. A failed recount keeps
// the last counts.
func TestHomeNeverWaitsForRecount(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "home.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u, err := ui.New(ui.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), StaticHash: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{UI: u, DB: db, Find: &find.Finder{DB: db}})
	t.Cleanup(p.Close)
	var counts atomic.Int32
	started, release := make(chan struct{}, 10), make(chan struct{})
	var fail atomic.Bool
	p.home.count = func(ctx context.Context) (homePage, error) {
		n := counts.Add(1)
		if n > 1 {
			started <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
				return homePage{}, ctx.Err()
			}
		}
		if fail.Load() {
			return homePage{}, errors.New("database away")
		}
		return homePage{Agencies: 1000 * int(n)}, nil
	}
	mux := http.NewServeMux()
	p.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	get := func(want string) time.Duration {
		t.Helper()
		start := time.Now()
		res, err := http.Get(srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		took := time.Since(start)
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Fatalf("home: %d, want %q in the page", res.StatusCode, want)
		}
		return took
	}
	expire := func() {
		p.home.mu.Lock()
		p.home.at = time.Now().Add(-homeTTL - time.Second)
		p.home.mu.Unlock()
	}
	get("1,000") // the first count: the node's first request waits for it
	expire()
	get("1,000") // stale: served, and the recount starts in the background
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no recount started")
	}
	// The recount is blocked: every request still answers at once.
	for range 5 {
		if took := get("1,000"); took > time.Second {
			t.Fatalf("a request waited %s behind the recount", took)
		}
	}
	if n := counts.Load(); n != 2 {
		t.Fatalf("%d counts, want 2 (one recount at a time)", n)
	}
	release <- struct{}{}
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.home.mu.Lock()
		done := p.home.running == nil
		p.home.mu.Unlock()
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the recount did not end")
		}
		time.Sleep(time.Millisecond)
	}
	get("2,000")
	// A failed recount keeps the last counts.
	fail.Store(true)
	expire()
	get("2,000")
	<-started
	release <- struct{}{}
	for {
		p.home.mu.Lock()
		done := p.home.running == nil
		p.home.mu.Unlock()
		if done {
			break
		}
		time.Sleep(time.Millisecond)
	}
	get("2,000")
}

// TestHomeWarmedAtStart: the node's background work counts the home page
// at start, before any request.
func TestHomeWarmedAtStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "home.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u, err := ui.New(ui.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), StaticHash: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{UI: u, DB: db, Find: &find.Finder{DB: db}})
	t.Cleanup(p.Close)
	done := make(chan struct{})
	go func() { p.Background(ctx, time.Hour); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		p.home.mu.Lock()
		counted := p.home.page != nil
		p.home.mu.Unlock()
		if counted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the home page was not counted at start")
		}
	}
}

// TestHomeRenderedOnce: "/" is rendered once per count and language and
// then served as bytes; what it serves is what Render writes for the same
// count (body, ETag, headers), and a new count is shown at once.
func TestHomeRenderedOnce(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "home.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u, err := ui.New(ui.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), StaticHash: "test", BaseURL: "https://info.example.go.th"})
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{UI: u, DB: db, Find: &find.Finder{DB: db}})
	t.Cleanup(p.Close)
	var n atomic.Int32
	p.home.count = func(ctx context.Context) (homePage, error) {
		return homePage{Agencies: 1000 + int(n.Add(1))}, nil
	}
	mux := http.NewServeMux()
	p.Register(mux)
	get := func(lang, enc string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", enc)
		if lang == "en" {
			req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		return w
	}
	gunzip := func(w *httptest.ResponseRecorder) string {
		if w.Header().Get("Content-Encoding") != "gzip" {
			return w.Body.String()
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		return string(b)
	}
	for round := 1; round <= 2; round++ {
		for _, lang := range []string{"th", "en"} {
			page, err := p.homeData(ctx)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest("GET", "/", nil)
			if lang == "en" {
				req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
			}
			want := httptest.NewRecorder()
			u.Render(want, req, http.StatusOK, "home", ui.T(lang, "site.name"), page)
			for _, enc := range []string{"gzip", "identity"} {
				got := get(lang, enc)
				if got.Code != 200 || gunzip(got) != want.Body.String() {
					t.Fatalf("round %d, %s, %s: %d, differs from Render:\n%.300s\n%.300s", round, lang, enc, got.Code, gunzip(got), want.Body.String())
				}
				for _, h := range []string{"ETag", "Content-Type", "Content-Language", "Cache-Control"} {
					if got.Header().Get(h) != want.Header().Get(h) {
						t.Errorf("%s: %q, Render %q", h, got.Header().Get(h), want.Header().Get(h))
					}
				}
			}
			if !strings.Contains(want.Body.String(), ui.FormatNumber(1000+round)) {
				t.Errorf("round %d: the page does not show its count", round)
			}
		}
		// The next count, as the background recount would leave it.
		p.home.mu.Lock()
		p.home.at = time.Now().Add(-2 * homeTTL)
		p.home.mu.Unlock()
		p.homeData(ctx)
		recounting := func() bool {
			p.home.mu.Lock()
			defer p.home.mu.Unlock()
			return p.home.running != nil
		}
		for deadline := time.Now().Add(5 * time.Second); n.Load() < int32(round+1) || recounting(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("no recount")
			}
		}
	}
}
