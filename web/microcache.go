package web

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The public pages are the same for every citizen (but for the language), and
// most requests ask for a few popular ones. microcache keeps each rendered
// and compressed page for up to 30 seconds, so a burst of requests costs one
// render. It is emptied whenever this node's back office changes something
// and whenever the change feed brings another node's change, so nobody waits
// out the TTL to see a publish; the TTL only bounds how old counters (views,
// ratings) may look.

const (
	microTTL        = 30 * time.Second
	microMaxEntries = 20000
	microMaxBody    = 512 << 10
)

type microEntry struct {
	status  int
	header  http.Header
	body    []byte
	expires time.Time
	gen     uint64
	// refreshing is set by the one request that renders the page again
	// once it expired; meanwhile the others get the expired copy (for at
	// most another TTL), so an expiry costs one render, not a stampede of
	// every connection waiting on the database at once.
	refreshing atomic.Bool
}

type microcache struct {
	mu      sync.RWMutex
	entries map[string]*microEntry
	gen     atomic.Uint64
	off     bool
	now     func() time.Time // nil: time.Now (tests set a clock)
	// onHit, when set, is told of every request answered from the cache:
	// what a handler counts (manual views) must not stop counting
	// because the handler did not run.
	onHit func(*http.Request)
}

// cachedHeaders are the response headers a cached page keeps; per-request
// ones (the request ID) are set anew on every answer.
var cachedHeaders = []string{"Content-Type", "Content-Encoding", "Content-Language", "Vary", "ETag", "Cache-Control", "Last-Modified"}

// Purge forgets every cached page.
func (c *microcache) Purge() {
	c.gen.Add(1)
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

func microKey(r *http.Request) string {
	lang := langFrom(r)
	enc := "id"
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		enc = "gz"
	}
	return r.Method + " " + lang + " " + enc + " " + r.URL.RequestURI()
}

// cacheable: an anonymous GET of a public page.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if r.Header.Get("Authorization") != "" || len(r.URL.RawQuery) > 512 {
		return false
	}
	return publicPage(r.URL.Path)
}

func (c *microcache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c.off || !cacheable(r) {
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
		fresh := e != nil && e.gen == c.gen.Load() && (now.Before(e.expires) ||
			now.Before(e.expires.Add(microTTL)) && !e.refreshing.CompareAndSwap(false, true))
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
		next.ServeHTTP(rec, r)
		if rec.status != http.StatusOK || rec.overflow || r.Method != http.MethodGet || w.Header().Get("Set-Cookie") != "" ||
			strings.Contains(w.Header().Get("Cache-Control"), "no-store") {
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
		c.mu.Lock()
		if c.entries == nil {
			c.entries = map[string]*microEntry{}
		}
		if len(c.entries) >= microMaxEntries {
			for k := range c.entries { // drop an arbitrary tenth: cheap and good enough
				delete(c.entries, k)
				if len(c.entries) < microMaxEntries*9/10 {
					break
				}
			}
		}
		c.entries[key] = e
		c.mu.Unlock()
	})
}

// recorder passes a response through and keeps a copy of its body.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	overflow bool
	wrote    bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
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

// purgeAfterChange empties the page cache after every back-office request
// that may have changed something.
func (s *Server) purgeAfterChange(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.micro.Purge()
		}
	})
}
