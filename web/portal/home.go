package portal

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type typeCount struct {
	Type openinfo.AgencyType
	N    int
}

type provinceCount struct {
	openinfo.Province
	N int
}

type regionGroup struct {
	TH, EN    string
	Provinces []provinceCount
}

type homePage struct {
	Agencies   int
	Types      []typeCount
	Regions    []regionGroup
	Categories []store.TermCount
	Groups     []store.TermCount
	Popular    []store.ManualSummary
}

// homeCache keeps the home page's counts: the busiest page must not count
// 10,000 agencies and 200,000 manuals per request. The counts are served
// from the last value and recounted in the background, one recount at a
// time per node, when a request finds them older than homeTTL: no request
// waits for a recount. The first count starts with the node (warmHome);
// a request that comes before it ends waits for it, having nothing to show.
type homeCache struct {
	mu      sync.Mutex // guards the fields below; never held while counting
	page    *homePage  // the last counts; nil: none yet
	at      time.Time  // when they were counted
	running chan struct{}
	err     error // of the last count, for the requests that waited for the first
	// count counts (s.countHome; tests swap it); base bounds every count
	// and Close cancels it; wg waits for a count in progress.
	count  func(context.Context) (homePage, error)
	base   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// rendered is the page drawn from page, per language, compressed: "/"
	// is then a copy of bytes, with or without the page cache.
	rendered map[string]renderedHome
}

// renderedHome is the home page rendered from one count in one language.
type renderedHome struct {
	from *homePage
	etag string
	gz   []byte
}

const (
	homeTTL = time.Minute
	// homeRetry is how soon a failed recount is tried again, the last
	// counts served meanwhile.
	homeRetry = 5 * time.Second
	// homeCountTimeout bounds one count.
	homeCountTimeout = 30 * time.Second
)

// homeData returns the last counts, starting a recount in the background
// when they are stale.
func (s *Portal) homeData(ctx context.Context) (homePage, error) {
	c := &s.home
	c.mu.Lock()
	if c.page != nil {
		p := *c.page
		if time.Since(c.at) >= homeTTL && c.running == nil {
			s.recountLocked()
		}
		c.mu.Unlock()
		return p, nil
	}
	// Nothing counted yet: wait for the first count.
	if c.running == nil {
		s.recountLocked()
	}
	done := c.running
	c.mu.Unlock()
	select {
	case <-done:
	case <-ctx.Done():
		return homePage{}, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.page != nil {
		return *c.page, nil
	}
	return homePage{}, c.err
}

// recountLocked starts a count in the background; c.mu is held.
func (s *Portal) recountLocked() {
	c := &s.home
	if c.base == nil {
		c.base, c.cancel = context.WithCancel(context.Background())
	}
	count := c.count
	if count == nil {
		count = s.countHome
	}
	done := make(chan struct{})
	c.running = done
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		ctx, cancel := context.WithTimeout(c.base, homeCountTimeout)
		p, err := count(ctx)
		cancel()
		c.mu.Lock()
		defer c.mu.Unlock()
		c.running, c.err = nil, err
		switch {
		case err == nil:
			c.page, c.at = &p, time.Now()
		case c.page != nil:
			c.at = time.Now().Add(homeRetry - homeTTL) // serve the last counts, try again soon
			if s.UI != nil {
				s.Log.Warn("home page counts", "err", err)
			}
		}
		close(done)
	}()
}

// warmHome starts the node's first count of the home page, so that its
// first request does not wait for it (the node's Background calls it at
// start, while /readyz still waits for the search index).
func (s *Portal) warmHome() {
	c := &s.home
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.page == nil && c.running == nil && s.db != nil {
		s.recountLocked()
	}
}

// closeHome stops a count in progress and waits for it.
func (s *Portal) closeHome() {
	c := &s.home
	c.mu.Lock()
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	c.wg.Wait()
}

// countHome counts what the home page shows.
func (s *Portal) countHome(ctx context.Context) (homePage, error) {
	byType, byProvince, err := s.db.AgencyCounts(ctx)
	if err != nil {
		return homePage{}, err
	}
	var p homePage
	p.Types, p.Regions, p.Agencies = browseCounts(byType, byProvince)
	if p.Categories, err = s.db.CatalogCounts(ctx, openinfo.CatalogCategory); err != nil {
		return homePage{}, err
	}
	if p.Groups, err = s.db.CatalogCounts(ctx, openinfo.CatalogUserGroup); err != nil {
		return homePage{}, err
	}
	if p.Popular, err = s.db.MostViewedManuals(ctx, 10); err != nil {
		return homePage{}, err
	}
	return p, nil
}

// browseCounts turns the store's facet counts into the directory's browse
// lists: types in their usual order, provinces grouped by region.
func browseCounts(byType, byProvince []store.Count) (types []typeCount, regions []regionGroup, total int) {
	tc := map[string]int{}
	for _, c := range byType {
		tc[c.Key] = c.N
		total += c.N
	}
	for _, t := range openinfo.AgencyTypes {
		if n := tc[string(t.Type)]; n > 0 {
			types = append(types, typeCount{t.Type, n})
		}
	}
	pc := map[string]int{}
	for _, c := range byProvince {
		pc[c.Key] = c.N
	}
	for _, r := range openinfo.Regions {
		g := regionGroup{TH: r.TH, EN: r.EN}
		for _, p := range openinfo.Provinces {
			if p.Region == r.Code {
				g.Provinces = append(g.Provinces, provinceCount{p, pc[p.Code]})
			}
		}
		regions = append(regions, g)
	}
	return types, regions, total
}

// handleHome is the front door: search, the Service Catalog's categories
// and user groups, the most read manuals, and the directory.
//
// The page changes only with its counts, so it is rendered once per count
// and language, and kept compressed (served as kept pages are).
func (s *Portal) handleHome(w http.ResponseWriter, r *http.Request) {
	p, err := s.homeData(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	if r.Method == http.MethodGet && s.UI.BaseURL != "" {
		if etag, gz, ok := s.homeBytes(lang); ok {
			writeKept(w, r, lang, etag, gz)
			return
		}
	}
	s.Render(w, r, http.StatusOK, "home", ui.T(lang, "site.name"), p)
}

// homeBytes is the home page of the last count in lang, rendered once.
func (s *Portal) homeBytes(lang string) (etag string, gz []byte, ok bool) {
	c := &s.home
	c.mu.Lock()
	from := c.page
	if h, ok := c.rendered[lang]; ok && h.from == from && from != nil {
		c.mu.Unlock()
		return h.etag, h.gz, true
	}
	c.mu.Unlock()
	if from == nil {
		return "", nil, false
	}
	html, etag, err := s.RenderPublic("home", ui.T(lang, "site.name"), lang, "/", *from)
	if err != nil {
		s.Log.Warn("home page", "err", err)
		return "", nil, false
	}
	gz = gzipPage(html, gzip.BestCompression)
	c.mu.Lock()
	if c.page == from {
		if c.rendered == nil {
			c.rendered = map[string]renderedHome{}
		}
		c.rendered[lang] = renderedHome{from: from, etag: etag, gz: gz}
	}
	c.mu.Unlock()
	return etag, gz, true
}
