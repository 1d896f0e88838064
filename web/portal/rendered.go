package portal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Rendered pages (issue 19). A manual's page changes only when it is
// published again, its process or agency is renamed, or its service points
// change; a point's page, when the point, its agency or what is pinned to it
// change. So each is rendered once, compressed once, and kept in the
// database (store.RenderedPage) with its ETag; serving it is one lookup.
// The database drops a page in the transaction of any change of what it
// shows (migration 00035), so every node stops serving it at the commit.
//
// Only the canonical pages are kept: /manuals/{id} and /points/{id} in Thai
// and in English, for a GET. A manual page for a chosen province
// (?province=) is rendered on each request, as before (the page cache keeps
// it for a while).
//
// Pages are kept when a request renders one (lazily, on a miss) and by the
// pages.render job, which renders the Thai pages nobody asked for yet
// (Backfill). A page is stored only if no change was committed since its
// data was read (store.RenderEpoch, StoreRendered).

// renderedPages is a node's side of it.
type renderedPages struct {
	db      *store.DB
	version string // the renderer's: the binary, the base URL, the operator

	epochMu sync.Mutex
	epoch   int64
	epochOK bool
	epochAt time.Time

	queue chan store.RenderedPage
	stop  context.CancelFunc
	done  chan struct{}

	hits, misses, stored atomic.Int64
}

// KeptPages counts the canonical page requests answered from a kept page
// (hits) and rendered (misses), and the pages this node stored (the
// backfill's included): for metrics and tests.
func (s *Portal) KeptPages() (hits, misses, stored int64) {
	if s.pages == nil {
		return 0, 0, 0
	}
	return s.pages.hits.Load(), s.pages.misses.Load(), s.pages.stored.Load()
}

// epochTTL is how long one reading of the count of changes serves the
// renders that start after it (one query, not one per miss); a change
// within it only means the renders after it are not stored.
const epochTTL = 50 * time.Millisecond

// storeBatch is how many pages one transaction stores.
const storeBatch = 64

// Kept pages are compressed harder than the middleware compresses: once,
// by the backfill, at the best level; on a miss, at the default level (a
// few per cent larger, half the time). Writers are pooled: a new one costs
// more than compressing a page.
var gzipPools = map[int]*sync.Pool{gzip.BestCompression: {}, gzip.DefaultCompression: {}}

// RenderVersion names the renderer of this process: a hash of its
// executable (any change of code, templates or text is a new binary), with
// extra (the settings a page shows: base URL, operator, static files'
// hash). Pages another version rendered are misses.
func RenderVersion(extra ...string) string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	for _, e := range extra {
		h.Write([]byte{0})
		h.Write([]byte(e))
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

func newRenderedPages(db *store.DB, version string) *renderedPages {
	ctx, cancel := context.WithCancel(context.Background())
	p := &renderedPages{db: db, version: version, queue: make(chan store.RenderedPage, 256), stop: cancel, done: make(chan struct{})}
	go p.writer(ctx)
	return p
}

func (p *renderedPages) close() {
	p.stop()
	<-p.done
}

// lookup returns the kept page, if any. An error (the database is away)
// is a miss: the render that follows fails the same way, and the page
// cache answers with its last good copy.
func (p *renderedPages) lookup(ctx context.Context, kind string, id int64, lang string) (etag string, gz []byte, ok bool) {
	etag, gz, ok, err := p.db.Rendered(ctx, kind, id, lang, p.version)
	return etag, gz, ok && err == nil
}

// currentEpoch is store.RenderEpoch, read at most every epochTTL.
func (p *renderedPages) currentEpoch(ctx context.Context) (int64, bool) {
	p.epochMu.Lock()
	defer p.epochMu.Unlock()
	if time.Since(p.epochAt) < epochTTL {
		return p.epoch, p.epochOK
	}
	e, ok, err := p.db.RenderEpoch(ctx)
	if err != nil {
		return 0, false
	}
	p.epoch, p.epochOK, p.epochAt = e, ok, time.Now()
	return e, ok
}

// keep queues a rendered page for the writer; a full queue drops it (it is
// rendered again on its next miss, or by the backfill).
func (p *renderedPages) keep(pg store.RenderedPage) {
	select {
	case p.queue <- pg:
	default:
	}
}

// writer stores the queued pages in batches.
func (p *renderedPages) writer(ctx context.Context) {
	defer close(p.done)
	var batch []store.RenderedPage
	flush := func() {
		for try := 0; try < 3 && len(batch) > 0; try++ {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			n, busy, err := p.db.StoreRendered(sctx, batch)
			cancel()
			p.stored.Add(int64(n))
			if err != nil || !busy {
				break
			}
			time.Sleep(20 * time.Millisecond) // a change is committing: its count moves, or it is done
		}
		batch = batch[:0]
	}
	for {
		select {
		case <-ctx.Done():
			return
		case pg := <-p.queue:
			batch = append(batch, pg)
		drain:
			for len(batch) < storeBatch {
				select {
				case pg := <-p.queue:
					batch = append(batch, pg)
				default:
					break drain
				}
			}
			flush()
		}
	}
}

// gzipPage compresses a page for keeping, at level (gzip.BestCompression
// or gzip.DefaultCompression).
func gzipPage(html []byte, level int) []byte {
	var b bytes.Buffer
	b.Grow(len(html)/4 + 64)
	pool := gzipPools[level]
	zw, _ := pool.Get().(*gzip.Writer)
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(&b, level)
	} else {
		zw.Reset(&b)
	}
	zw.Write(html)
	zw.Close()
	pool.Put(zw)
	return b.Bytes()
}

// writeKept answers a GET with a kept (or just rendered) page: its gzip
// bytes as they are when the client takes gzip (the compressing middleware
// passes a response that has its Content-Encoding through), else
// decompressed.
func writeKept(w http.ResponseWriter, r *http.Request, lang, etag string, gz []byte) {
	if ui.SetPublicHeaders(w, r, lang, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusOK)
		w.Write(gz)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
	io.Copy(w, zr)
}

// acceptsGzip: the request's Accept-Encoding gives gzip a weight above 0.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		params = strings.TrimSpace(params)
		if q, ok := strings.CutPrefix(params, "q="); ok {
			q = strings.TrimSpace(q)
			return q != "" && strings.Trim(q, "0.") != ""
		}
		return true
	}
	return false
}

// keptPage is a public page that may be kept: the canonical URL of a kind
// and ID, read by a GET.
type keptPage struct {
	kind string
	id   int64
	lang string
}

// servePage answers a GET of a canonical page from what is kept, or renders
// it with render (which returns the page's template, title and data, or an
// error for the caller to show), answers with it and keeps it. It reports
// false when the request is not for a kept page (the caller renders it the
// usual way) or when render failed (err says how).
func (s *Portal) servePage(w http.ResponseWriter, r *http.Request, k keptPage, path string,
	render func(ctx context.Context) (name, title string, data any, err error)) (served bool, err error) {
	p := s.pages
	if p == nil || r.Method != http.MethodGet {
		return false, nil
	}
	ctx := r.Context()
	if etag, gz, ok := p.lookup(ctx, k.kind, k.id, k.lang); ok {
		p.hits.Add(1)
		writeKept(w, r, k.lang, etag, gz)
		return true, nil
	}
	p.misses.Add(1)
	epoch, canKeep := p.currentEpoch(ctx)
	name, title, data, err := render(ctx)
	if err != nil {
		return false, err
	}
	html, etag, err := s.RenderPublic(name, title, k.lang, path, data)
	if err != nil {
		return false, err
	}
	gz := gzipPage(html, gzip.DefaultCompression)
	writeKept(w, r, k.lang, etag, gz)
	if canKeep {
		p.keep(store.RenderedPage{Kind: k.kind, ID: k.id, Lang: k.lang, Version: p.version, ETag: etag, Body: gz, Epoch: epoch})
	}
	return true, nil
}

// renderKept renders the canonical page of k as servePage does, for the
// backfill: its template, title and data from render, then the HTML, the
// ETag and the gzip bytes.
func (s *Portal) renderKept(ctx context.Context, k keptPage, epoch int64) (store.RenderedPage, error) {
	var (
		name, title string
		data        any
		err         error
	)
	switch k.kind {
	case store.RenderedManual:
		name, title, data, err = s.manualData(ctx, k.id, k.lang, "")
	case store.RenderedPoint:
		name, title, data, err = s.pointData(ctx, k.id, k.lang)
	}
	if err != nil {
		return store.RenderedPage{}, err
	}
	html, etag, err := s.RenderPublic(name, title, k.lang, keptPath(k), data)
	if err != nil {
		return store.RenderedPage{}, err
	}
	return store.RenderedPage{Kind: k.kind, ID: k.id, Lang: k.lang, Version: s.pages.version, ETag: etag, Body: gzipPage(html, gzip.BestCompression), Epoch: epoch}, nil
}

func keptPath(k keptPage) string {
	if k.kind == store.RenderedManual {
		return "/manuals/" + itoa(k.id)
	}
	return "/points/" + itoa(k.id)
}

// BackfillOptions bound a backfill run.
type BackfillOptions struct {
	// For is how long the run may take (0: until every page is kept).
	For time.Duration
	// Pause is how long to rest after each batch, as a share of the time
	// the batch took (1: half of one core), so the node keeps serving.
	Pause float64
	// Workers render in parallel (0: 1).
	Workers int
	// Langs are the languages to render (nil: Thai, what most read).
	Langs []string
	// Kinds are the kinds of page to render (nil: manuals, then points).
	Kinds []string
}

// Backfill renders and keeps the canonical pages of published manuals
// and visible points that have none by this renderer yet, in ID order, until
// all are kept or o.For has passed: the pages.render job (one node at a
// time) and the benchmark. It returns how many it kept.
func (s *Portal) Backfill(ctx context.Context, o BackfillOptions) (int, error) {
	if s.pages == nil {
		return 0, nil
	}
	if o.Langs == nil {
		o.Langs = []string{ui.LangTH}
	}
	workers := max(o.Workers, 1)
	var deadline time.Time
	if o.For > 0 {
		deadline = time.Now().Add(o.For)
	}
	if o.Kinds == nil {
		o.Kinds = []string{store.RenderedManual, store.RenderedPoint}
	}
	kept := 0
	for _, kind := range o.Kinds {
		for _, lang := range o.Langs {
			var after int64
			for {
				if ctx.Err() != nil {
					return kept, ctx.Err()
				}
				if !deadline.IsZero() && time.Now().After(deadline) {
					return kept, nil
				}
				start := time.Now()
				// The count of changes comes before the list and the data
				// are read; on PostgreSQL it waits for changes in flight.
				epoch, ok, err := s.db.RenderEpoch(ctx)
				if err != nil {
					return kept, err
				}
				if !ok {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				ids, err := s.db.MissingRendered(ctx, kind, lang, s.pages.version, after, storeBatch*workers)
				if err != nil {
					return kept, err
				}
				if len(ids) == 0 {
					break
				}
				prev := after
				after = ids[len(ids)-1]
				pages := make([]store.RenderedPage, len(ids))
				errs := make([]error, len(ids))
				var wg sync.WaitGroup
				for w := range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := w; i < len(ids); i += workers {
							pages[i], errs[i] = s.renderKept(ctx, keptPage{kind: kind, id: ids[i], lang: lang}, epoch)
						}
					}()
				}
				wg.Wait()
				var batch []store.RenderedPage
				for i := range pages {
					if errs[i] == nil {
						batch = append(batch, pages[i])
					} else if store.Unavailable(errs[i]) || ctx.Err() != nil {
						return kept, errs[i]
					} // else: hidden or unpublished since listed, or a page that fails to render: left to the request path
				}
				for len(batch) > 0 {
					n, busy, err := s.db.StoreRendered(ctx, batch)
					if err != nil {
						return kept, err
					}
					kept += n
					s.pages.stored.Add(int64(n))
					if n == 0 && !busy {
						after = prev // a change came between: the same pages again
					}
					if !busy {
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				if o.Pause > 0 {
					select {
					case <-ctx.Done():
					case <-time.After(time.Duration(float64(time.Since(start)) * o.Pause)):
					}
				}
			}
		}
	}
	return kept, nil
}

// PruneKept removes pages kept by other renderers (an older build's) a day
// after they were stored, a batch at a time.
func (s *Portal) PruneKept(ctx context.Context) error {
	if s.pages == nil {
		return nil
	}
	_, err := s.db.PruneRendered(ctx, s.pages.version, time.Now().Add(-24*time.Hour), 5000)
	return err
}
