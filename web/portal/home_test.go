package portal

import (
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
