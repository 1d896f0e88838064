package web

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
)

// TestPageCache: a public page is rendered once and served again from the
// cache, with its own request ID and a 304 for a matching ETag; the change
// feed's purge shows the new data at once.
func TestPageCache(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sealer, _ := auth.NewSealer([]byte("cache secret, not for production"))
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Sealer: sealer, PageCache: true})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	get := func(path string, hdr ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	path := "/points/" + itoa(f.point.ID)
	first := get(path)
	if first.Code != 200 || !strings.Contains(first.Body.String(), "ฝ่ายทะเบียน") {
		t.Fatalf("first: %d", first.Code)
	}
	// Changed behind the site's back: the cached page is still served...
	f.point.NameTH = "ฝ่ายทะเบียนและนิติกรรม"
	if err := f.db.UpdateServicePoint(ctx, f.point); err != nil {
		t.Fatal(err)
	}
	second := get(path)
	if !strings.Contains(second.Body.String(), "ฝ่ายทะเบียน<") && strings.Contains(second.Body.String(), "ฝ่ายทะเบียนและนิติกรรม") {
		t.Fatal("the second request was not served from the cache")
	}
	if second.Header().Get("X-Request-Id") == first.Header().Get("X-Request-Id") {
		t.Fatal("a cached page replays the first request's ID")
	}
	if rec := get(path, "If-None-Match", first.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Fatalf("cached 304: %d", rec.Code)
	}
	// ...the English page is cached apart...
	if en := get(path, "Cookie", "lang=en"); !strings.Contains(en.Body.String(), `lang="en"`) {
		t.Fatal("the English page came from the Thai cache entry")
	}
	// ...until the feed reports a change, or a back-office POST happens.
	s.PurgePages()
	if !strings.Contains(get(path).Body.String(), "ฝ่ายทะเบียนและนิติกรรม") {
		t.Fatal("purge did not empty the cache")
	}
	f.point.NameTH = "ฝ่ายทะเบียนที่ดิน"
	if err := f.db.UpdateServicePoint(ctx, f.point); err != nil {
		t.Fatal(err)
	}
	// An anonymous back-office POST changes nothing, so it keeps the cache
	// (TestPageCachePurgeOnCommit: a committed change empties it).
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/admin/logout", nil))
	if strings.Contains(get(path).Body.String(), "ฝ่ายทะเบียนที่ดิน") {
		t.Fatal("an anonymous back-office POST emptied the cache")
	}
	// Back-office pages are never cached.
	if cacheable(httptest.NewRequest("GET", "/admin/manuals", nil)) {
		t.Fatal("a back-office page is cacheable")
	}
}

// TestPageCacheExpiry: once a page expires, one request renders it again
// while the others still get the expired copy; a failed render lets the
// next request try; past twice the TTL nobody gets the old copy.
func TestPageCacheExpiry(t *testing.T) {
	clock := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	c := &microcache{now: func() time.Time { return clock }}
	var renders atomic.Int32
	version := atomic.Int32{}
	status := atomic.Int32{}
	status.Store(200)
	gate := make(chan struct{})
	close(gate)
	var gateMu sync.Mutex
	h := c.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gateMu.Lock()
		g := gate
		gateMu.Unlock()
		<-g
		renders.Add(1)
		w.WriteHeader(int(status.Load()))
		fmt.Fprintf(w, "v%d", version.Load())
	}))
	get := func() string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/points/1", nil))
		return rec.Body.String()
	}
	if get() != "v0" || get() != "v0" || renders.Load() != 1 {
		t.Fatalf("fresh page rendered %d times", renders.Load())
	}
	// Expired: the first request renders (held at the gate), the others get v0.
	clock = clock.Add(microTTL + time.Second)
	version.Store(1)
	gateMu.Lock()
	gate = make(chan struct{})
	held := gate
	gateMu.Unlock()
	refreshed := make(chan string)
	go func() { refreshed <- get() }()
	for renders.Load() == 1 && !c.refreshingAny() {
		time.Sleep(time.Millisecond)
	}
	if got := get(); got != "v0" {
		t.Fatalf("while one request renders, another got %q, want the expired copy v0", got)
	}
	close(held)
	if got := <-refreshed; got != "v1" {
		t.Fatalf("the refreshing request got %q", got)
	}
	if got := get(); got != "v1" || renders.Load() != 2 {
		t.Fatalf("after the refresh: %q, %d renders", got, renders.Load())
	}
	// A failed refresh is not cached and lets the next request try.
	clock = clock.Add(microTTL + time.Second)
	status.Store(500)
	version.Store(2)
	if got := get(); got != "v2" {
		t.Fatalf("failed refresh answered %q", got)
	}
	status.Store(200)
	version.Store(3)
	if got := get(); got != "v3" || renders.Load() != 4 {
		t.Fatalf("after a failed refresh: %q, %d renders (want a new render)", got, renders.Load())
	}
	// Past twice the TTL the old copy is never served.
	clock = clock.Add(2*microTTL + time.Second)
	version.Store(4)
	if got := get(); got != "v4" {
		t.Fatalf("long expired page: %q", got)
	}
}

// refreshingAny reports whether some entry is being rendered again (tests).
func (c *microcache) refreshingAny() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, e := range c.entries {
		if e.refreshing.Load() {
			return true
		}
	}
	return false
}

// TestPageCacheCountsViews: a manual page answered from the cache still
// counts as a view, as a rendered one does (the portal's
// TestCountCachedView says which pages count).
func TestPageCacheCountsViews(t *testing.T) {
	var rendered, hits int
	c := &microcache{onHit: func(r *http.Request) {
		if r.URL.Path == "/manuals/42" {
			hits++
		}
	}}
	h := c.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rendered++ // handleManual counts this view itself
		io.WriteString(w, "manual")
	}))
	for range 3 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/manuals/42", nil))
	}
	if rendered+hits != 3 || rendered != 1 {
		t.Fatalf("views = %d rendered + %d from the cache, want 1 + 2", rendered, hits)
	}
}

// TestPageCacheJunkQueries: parameters a page does not read neither make
// new entries nor reach the page (its links would carry them into the
// shared entry), and the cache stays within its byte bound however many
// distinct pages are asked for.
func TestPageCacheJunkQueries(t *testing.T) {
	f := newFixture(t)
	const bound = 1 << 20
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCache: true, PageCacheBytes: bound})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for i := range 10000 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/faq?fill=%d&x%d=%d", i, i, i), nil))
		if rec.Code != 200 || strings.Contains(rec.Body.String(), "fill=") {
			t.Fatalf("/faq?fill=%d: %d, or the page carries the unknown parameter", i, rec.Code)
		}
	}
	// Known parameters still count: the filtered directory is its own page.
	for _, u := range []string{"/agencies?q=x&fill=1", "/agencies?fill=2&q=x", "/agencies?q=x&q=y&page=&fill=3"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", u, nil))
	}
	s.micro.mu.RLock()
	n, size := len(s.micro.entries), s.micro.bytes
	s.micro.mu.RUnlock()
	if n != 2 || size > bound {
		t.Fatalf("after 10,000 junk queries: %d entries, %d bytes (want 2 entries: /faq and /agencies?q=x)", n, size)
	}

	// Distinct pages (each search is one) are bounded in bytes.
	c := &microcache{maxBytes: 256 << 10}
	page := strings.Repeat("ก", 3000) // 9 KB
	ch := c.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	for i := range 10000 {
		ch.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/search?q=%d", i), nil))
		if c.bytes > c.maxBytes {
			t.Fatalf("after %d searches the cache holds %d bytes, bound %d", i+1, c.bytes, c.maxBytes)
		}
	}
	var sum int64
	for _, e := range c.entries {
		sum += e.size
	}
	if sum != c.bytes || len(c.entries) > 30 || len(c.entries) < 10 {
		t.Fatalf("%d entries of %d bytes, counted %d", len(c.entries), sum, c.bytes)
	}
}

// TestPageCacheEncoding: a page cached for a zstd-capable client is not
// served to one that only reads gzip, nor a compressed one to a client that
// accepts none.
func TestPageCacheEncoding(t *testing.T) {
	f := newFixture(t)
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCache: true})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	path := "/points/" + itoa(f.point.ID)
	get := func(ae string) (string, string) {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if ae != "" {
			req.Header.Set("Accept-Encoding", ae)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		enc := rec.Header().Get("Content-Encoding")
		var body []byte
		switch enc {
		case "":
			body = rec.Body.Bytes()
		case "gzip":
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatalf("%q: %v", ae, err)
			}
			body, err = io.ReadAll(zr)
			if err != nil {
				t.Fatalf("%q: %v", ae, err)
			}
		case "zstd":
			zr, err := zstd.NewReader(rec.Body)
			if err != nil {
				t.Fatalf("%q: %v", ae, err)
			}
			defer zr.Close()
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%q: %v", ae, err)
			}
		}
		if rec.Code != 200 || !strings.Contains(string(body), "ฝ่ายทะเบียน") {
			t.Fatalf("%q: %d, %s", ae, rec.Code, enc)
		}
		return enc, rec.Header().Get("X-Request-Id")
	}
	for _, c := range []struct{ ae, want string }{
		{"zstd, gzip", "zstd"}, // fills the cache with zstd
		{"gzip", "gzip"},
		{"gzip, deflate, br", "gzip"},
		{"", ""},
		{"identity", ""},
		{"gzip;q=0, zstd;q=0", ""},
		{"br", ""},
		{"zstd;q=0.5, gzip", "gzip"},
		{"zstd, gzip", "zstd"}, // from the cache
		{"gzip", "gzip"},
	} {
		if enc, _ := get(c.ae); enc != c.want {
			t.Fatalf("Accept-Encoding %q got Content-Encoding %q, want %q", c.ae, enc, c.want)
		}
	}
}

// TestPageCachePurgeOnCommit: back-office requests that commit nothing
// (anonymous, refused) keep the cache; a committed change empties it.
func TestPageCachePurgeOnCommit(t *testing.T) {
	f := newAdminFixture(t)
	f.s.micro.off = false
	// The node's own change goes to its search before the answer (#19).
	var syncs atomic.Int32
	f.s.searchSync = func(context.Context) error { syncs.Add(1); return nil }
	ctx := context.Background()
	path := f.srv.URL + "/points/" + itoa(f.officePt.ID)
	page := func() string {
		_, b, _ := fetch(t, http.DefaultClient, path)
		return string(b)
	}
	if !strings.Contains(page(), "งานทะเบียนรถ") {
		t.Fatal("first render")
	}
	f.officePt.NameTH = "งานทะเบียนรถและภาษี"
	if err := f.db.UpdateServicePoint(ctx, f.officePt); err != nil {
		t.Fatal(err)
	}
	anon := noRedirect()
	officer := f.as(t, openinfo.RolePointOfficer, f.office)
	for _, c := range []*http.Client{anon, officer} {
		for _, u := range []string{"/admin/questions", "/admin/logout", "/admin/x"} {
			res, err := c.PostForm(f.srv.URL+u, map[string][]string{"th_staff": {"x"}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode < 300 {
				t.Fatalf("POST %s: %d", u, res.StatusCode)
			}
			if strings.Contains(page(), "งานทะเบียนรถและภาษี") {
				t.Fatalf("POST %s (%d) that changed nothing emptied the cache", u, res.StatusCode)
			}
		}
	}
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	res, err := opdc.PostForm(f.srv.URL+"/admin/questions", map[string][]string{"csrf": {"test-csrf"}, "inc_channel": {"yes"},
		"th_channel": {"ท่านพึงพอใจต่อช่องทางการให้บริการเพียงใด"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(page(), "งานทะเบียนรถและภาษี") {
		t.Fatalf("a committed change (%d) did not empty the cache", res.StatusCode)
	}
	if n := syncs.Load(); n != 1 {
		t.Fatalf("search synced %d times, want once (after the committed change only)", n)
	}
}

// TestPageCacheStaleIfError (issue 19): when rendering a page again fails
// with 503 (the database is away), the last good copy is served, for up to
// microStale past its expiry, without trying again for microStaleRetry;
// a 500 is not hidden, and past the bound the 503 goes through.
func TestPageCacheStaleIfError(t *testing.T) {
	clock := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	c := &microcache{now: func() time.Time { return clock }}
	var renders atomic.Int32
	status := atomic.Int32{}
	status.Store(200)
	h := c.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		st := int(status.Load())
		if st == 503 {
			w.Header().Set("Retry-After", "30")
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(st)
		fmt.Fprintf(w, "status %d render %d", st, renders.Load())
	}))
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/points/1", nil))
		return rec
	}
	if r := get(); r.Code != 200 || r.Body.String() != "status 200 render 1" {
		t.Fatalf("first: %d %q", r.Code, r.Body)
	}
	// The database goes away; the copy expires.
	status.Store(503)
	clock = clock.Add(3 * microTTL)
	r := get()
	if r.Code != 200 || r.Body.String() != "status 200 render 1" || r.Header().Get("X-Cache") != "stale" || r.Header().Get("Retry-After") != "" {
		t.Fatalf("while away: %d %q %v", r.Code, r.Body, r.Header())
	}
	if renders.Load() != 2 {
		t.Fatalf("%d renders, want one attempt", renders.Load())
	}
	// Within microStaleRetry the stale copy is served without an attempt.
	get()
	if renders.Load() != 2 {
		t.Fatalf("%d renders: tried again at once", renders.Load())
	}
	clock = clock.Add(microStaleRetry + time.Second)
	if r := get(); r.Code != 200 || renders.Load() != 3 {
		t.Fatalf("after the retry pause: %d, %d renders", r.Code, renders.Load())
	}
	// A 500 is an error of the page, not an outage: not hidden.
	status.Store(500)
	clock = clock.Add(microStaleRetry + time.Second)
	if r := get(); r.Code != 500 {
		t.Fatalf("500 answered %d", r.Code)
	}
	// Past the bound: the 503 goes through.
	status.Store(503)
	clock = clock.Add(microStale)
	if r := get(); r.Code != 503 || r.Header().Get("Retry-After") != "30" || !strings.HasPrefix(r.Body.String(), "status 503") {
		t.Fatalf("past the bound: %d %q", r.Code, r.Body)
	}
	// Back: rendered and cached again.
	status.Store(200)
	if r := get(); r.Code != 200 || r.Header().Get("X-Cache") == "stale" {
		t.Fatalf("after the outage: %d %v", r.Code, r.Header())
	}
}
