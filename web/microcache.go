package web

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo/web/internal/find"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// The public pages are the same for every citizen (but for the language), and
// most requests ask for a few popular ones. microcache keeps each rendered
// and compressed page for up to 30 seconds, so a burst of requests costs one
// render. It is emptied whenever this node's back office changes something
// and whenever the change feed brings another node's change, so nobody waits
// out the TTL to see a publish; the TTL only bounds how old counters (views,
// ratings) may look.
//
// Anonymous requests must not grow it without bound: the key holds only the
// query parameters the page reads (cacheParams), and the whole cache is
// bounded in bytes (Config.PageCacheBytes).

const (
	microTTL        = 30 * time.Second
	microMaxEntries = 20000
	microMaxBody    = 512 << 10
	// DefaultPageCacheBytes bounds the page cache when Config.PageCacheBytes is 0.
	DefaultPageCacheBytes = 64 << 20
	// microEntryOverhead is what an entry costs beside its key and body
	// (map slot, struct, headers), so tiny pages are not counted as free.
	microEntryOverhead = 512
	// microStale is how long past its expiry a page may be served when
	// rendering it again fails because the database is away.
	microStale = 10 * time.Minute
	// microStaleRetry is how long a stale page is served before the next
	// attempt to render it.
	microStaleRetry = 2 * time.Second
)

type microEntry struct {
	status  int
	header  http.Header
	body    []byte
	expires time.Time
	gen     uint64
	size    int64 // bytes charged against the cache's bound
	// refreshing is set by the one request that renders the page again
	// once it expired; meanwhile the others get the expired copy (for at
	// most another TTL), so an expiry costs one render, not a stampede of
	// every connection waiting on the database at once.
	refreshing atomic.Bool
	// staleUntil (Unix ns): rendering failed because the database was
	// away; until then the entry is served stale without trying again.
	staleUntil atomic.Int64
}

type microcache struct {
	mu      sync.RWMutex
	entries map[string]*microEntry
	gen     atomic.Uint64
	bytes   int64 // sum of the entries' sizes, under mu
	off     bool
	// maxBytes bounds the entries' total size (0: DefaultPageCacheBytes).
	maxBytes int64
	now      func() time.Time // nil: time.Now (tests set a clock)
	// onHit, when set, is told of every request answered from the cache:
	// what a handler counts (manual views) must not stop counting
	// because the handler did not run.
	onHit func(*http.Request)
	// staleServed counts pages served stale because the database was away.
	staleServed atomic.Int64
}

// cachedHeaders are the response headers a cached page keeps; per-request
// ones (the request ID) are set anew on every answer.
var cachedHeaders = []string{"Content-Type", "Content-Encoding", "Content-Language", "Vary", "ETag", "Cache-Control", "Last-Modified"}

// Purge forgets every cached page.
func (c *microcache) Purge() {
	c.gen.Add(1)
	c.mu.Lock()
	c.entries = nil
	c.bytes = 0
	c.mu.Unlock()
}

// searchParams are what find.Read reads.
var searchParams = append([]string{"q", "kind", "page", "ungroup", "near"}, find.Facets...)

// cacheParams are the query parameters a public page reads (its handler's
// r.URL.Query() and newPager calls); every other parameter is dropped from
// the key and from the request the handler sees. Add a parameter here when a
// public handler starts reading one, or the page will ignore it.
func cacheParams(path string) []string {
	switch {
	case path == "/search":
		return searchParams
	case path == "/agencies":
		return []string{"q", "type", "province", "page"}
	case strings.HasPrefix(path, "/agencies/"):
		return []string{"sub", "page", "manuals"}
	case strings.HasPrefix(path, "/manuals/") && strings.HasSuffix(path, "/history"):
		return []string{"changed", "a", "b"}
	case strings.HasPrefix(path, "/manuals/"):
		return []string{"province"} // the citizen's province, whose service points come first
	case path == "/egov":
		return []string{"q", "section", "type", "ministry", "province", "page"}
	}
	return nil
}

// canonicalQuery keeps the first non-empty value of each parameter the page
// reads (handlers use Get, and treat empty as absent), sorted by name.
func canonicalQuery(path string, q url.Values) string {
	keep := url.Values{}
	for _, k := range cacheParams(path) {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	return keep.Encode()
}

func microKey(r *http.Request) string {
	enc := negotiatedEncoding(r)
	if enc == "" {
		enc = "identity"
	}
	// The search page shows grouped hits in the remembered province.
	near := ""
	if r.URL.Path == "/search" || strings.HasPrefix(r.URL.Path, "/api/") {
		near, _ = find.Near(r)
	}
	return r.Method + " " + ui.LangFrom(r) + " " + enc + " " + near + " " + r.URL.RequestURI()
}

// negotiatedEncoding is the encoding gzhttp (Handler, default options: gzip
// and zstd, zstd preferred at equal weight, nothing for HEAD) will choose
// for r, so a zstd page is never filed under a key a gzip-only client
// reads. Should the two ever disagree, serve still checks the client accepts
// the cached entry's encoding.
func negotiatedEncoding(r *http.Request) string {
	if r.Method == http.MethodHead {
		return ""
	}
	ae := r.Header.Get("Accept-Encoding")
	gz, zs := acceptQ(ae, "gzip"), acceptQ(ae, "zstd")
	switch {
	case zs > 0 && zs >= gz:
		return "zstd"
	case gz > 0:
		return "gzip"
	}
	return ""
}

// acceptQ is the weight Accept-Encoding header ae gives coding enc, parsed
// as gzhttp does (exact names, no "*"; a malformed q is 0).
func acceptQ(ae, enc string) float64 {
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if p = strings.TrimSpace(p); len(p) >= 2 && strings.EqualFold(p[:2], "q=") {
				q, _ = strconv.ParseFloat(p[2:], 64)
			}
		}
		return q
	}
	return 0
}

// accepts reports whether r can read a body in content coding enc.
func accepts(r *http.Request, enc string) bool {
	return enc == "" || enc == "identity" || acceptQ(r.Header.Get("Accept-Encoding"), enc) > 0
}

// cacheable: an anonymous GET of a public page.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if r.Header.Get("Authorization") != "" || len(r.URL.RawQuery) > 4096 {
		return false
	}
	return ui.PublicPage(r.URL.Path)
}

// canonical returns r as the handler is to see it: only the parameters the
// page reads, in a fixed order, so its output (pager links, the language
// switch's return path) cannot carry the dropped ones into a shared entry.
func canonical(r *http.Request) *http.Request {
	q := canonicalQuery(r.URL.Path, r.URL.Query())
	if q == r.URL.RawQuery {
		return r
	}
	r = r.WithContext(r.Context())
	u := *r.URL
	u.RawQuery, u.ForceQuery = q, false
	r.URL = &u
	r.RequestURI = u.RequestURI()
	return r
}

func (c *microcache) limit() int64 {
	if c.maxBytes > 0 {
		return c.maxBytes
	}
	return DefaultPageCacheBytes
}

func (c *microcache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c.off || !cacheable(r) {
			next.ServeHTTP(w, r)
			return
		}
		if r = canonical(r); len(r.URL.RawQuery) > 512 {
			next.ServeHTTP(w, r)
			return
		}
		key := microKey(r)
		now := time.Now()
		if c.now != nil {
			now = c.now()
		}
		c.mu.RLock()
		e := c.entries[key]
		c.mu.RUnlock()
		fresh := e != nil && e.gen == c.gen.Load() && accepts(r, e.header.Get("Content-Encoding")) && (now.Before(e.expires) ||
			now.Before(e.expires.Add(microTTL)) && !e.refreshing.CompareAndSwap(false, true) ||
			now.UnixNano() < e.staleUntil.Load() && now.Before(e.expires.Add(microStale)))
		if fresh {
			if c.onHit != nil && r.Method == http.MethodGet {
				c.onHit(r)
			}
			h := w.Header()
			for k, v := range e.header {
				h[k] = v
			}
			if inm := r.Header.Get("If-None-Match"); inm != "" && inm == e.header.Get("ETag") {
				h.Del("Content-Encoding")
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.WriteHeader(e.status)
			if r.Method != http.MethodHead {
				w.Write(e.body)
			}
			return
		}
		gen := c.gen.Load()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		// The last good copy, should the page fail now because the
		// database is away (503): stale-if-error, for up to microStale.
		var stale *microEntry
		if e != nil && e.gen == gen && now.Before(e.expires.Add(microStale)) && accepts(r, e.header.Get("Content-Encoding")) {
			stale, rec.hold503 = e, true
		}
		next.ServeHTTP(rec, r)
		if rec.held {
			h := w.Header()
			for k := range h {
				delete(h, k)
			}
			for k, v := range stale.header {
				h[k] = v
			}
			h.Set("Cache-Control", "no-cache")
			h.Set("X-Cache", "stale")
			// The next few seconds' requests take the stale copy without
			// trying the database again.
			stale.staleUntil.Store(now.Add(microStaleRetry).UnixNano())
			stale.refreshing.Store(false)
			c.staleServed.Add(1)
			if inm := r.Header.Get("If-None-Match"); inm != "" && inm == stale.header.Get("ETag") {
				h.Del("Content-Encoding")
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.WriteHeader(stale.status)
			if r.Method != http.MethodHead {
				w.Write(stale.body)
			}
			return
		}
		if rec.status != http.StatusOK || rec.overflow || r.Method != http.MethodGet || w.Header().Get("Set-Cookie") != "" ||
			strings.Contains(w.Header().Get("Cache-Control"), "no-store") || !accepts(r, w.Header().Get("Content-Encoding")) {
			if e != nil {
				e.refreshing.Store(false) // let another request try
			}
			return
		}
		// The TTL varies per page, so pages filled together (after a purge,
		// at start) do not all expire in the same instant.
		e = &microEntry{status: rec.status, header: http.Header{}, body: rec.buf.Bytes(), expires: now.Add(microTTL - rand.N(microTTL/2)), gen: gen}
		for _, k := range cachedHeaders {
			if v := w.Header().Values(k); len(v) > 0 {
				e.header[http.CanonicalHeaderKey(k)] = v
			}
		}
		e.size = int64(len(key)+len(e.body)) + microEntryOverhead
		for k, v := range e.header {
			e.size += int64(len(k) + len(strings.Join(v, "")))
		}
		c.store(key, e)
	})
}

// store files e under key, first dropping arbitrary entries (a tenth of the
// bound at a time: cheap, and good enough for a 30-second cache) while the
// entries would exceed the byte or count bound.
func (c *microcache) store(key string, e *microEntry) {
	limit := c.limit()
	if e.size > limit/4 {
		return // one page may not push out a quarter of the others
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.gen != c.gen.Load() {
		return // rendered before a purge: it would never be served
	}
	if c.entries == nil {
		c.entries = map[string]*microEntry{}
	}
	if old := c.entries[key]; old != nil {
		c.bytes -= old.size
		delete(c.entries, key)
	}
	if c.bytes+e.size > limit || len(c.entries) >= microMaxEntries {
		for k, old := range c.entries {
			delete(c.entries, k)
			c.bytes -= old.size
			if c.bytes+e.size <= limit*9/10 && len(c.entries) < microMaxEntries*9/10 {
				break
			}
		}
	}
	c.entries[key] = e
	c.bytes += e.size
}

// recorder passes a response through and keeps a copy of its body.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	overflow bool
	wrote    bool
	// hold503: a 503 is not passed through but held (its body dropped),
	// for the cache to answer with its stale copy instead.
	hold503, held bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
		if code == http.StatusServiceUnavailable && r.hold503 {
			r.held = true
		}
	}
	if r.held {
		return
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	if r.held {
		return len(b), nil
	}
	r.wrote = true
	if !r.overflow {
		if r.buf.Len()+len(b) > microMaxBody {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// PurgePages empties the page cache: call it when public data changed.
func (s *Server) PurgePages() { s.micro.Purge() }

// purgeAfterChange empties the page cache after a back-office request
// during which the store committed a change (store.DB.CommittedChanges
// counts the committed transactions that wrote an audit entry): a refused
// or anonymous POST changes nothing, so it must not cost every cached page.
func (s *Server) purgeAfterChange(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		before := s.db.CommittedChanges()
		next.ServeHTTP(w, r)
		if s.db.CommittedChanges() != before {
			// This node's own change is in its search before the
			// officer's next page (the answer is still in the server's
			// buffer): the feed is applied now, not at the next poll.
			if s.searchSync != nil {
				ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
				if err := s.searchSync(ctx); err != nil {
					s.Log.Warn("search refresh after a change", "err", err)
				}
				cancel()
			}
			s.micro.Purge()
		}
	})
}
