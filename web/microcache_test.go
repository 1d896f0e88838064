package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/auth"
)

// TestPageCache: a public page is rendered once and served again from the
// cache, with its own request ID and a 304 for a matching ETag; a change in
// the back office (any POST there) or the change feed's purge shows the new
// data at once.
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
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/admin/logout", nil))
	if !strings.Contains(get(path).Body.String(), "ฝ่ายทะเบียนที่ดิน") {
		t.Fatal("a back-office POST did not empty the cache")
	}
	// Back-office pages are never cached.
	if cacheable(httptest.NewRequest("GET", "/admin/manuals", nil)) {
		t.Fatal("a back-office page is cacheable")
	}
}
