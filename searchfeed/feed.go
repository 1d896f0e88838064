// Package searchfeed fills the in-memory search index from the database and
// keeps it fresh: at start it reads every public manual, service, agency and
// service point; then it follows the change feed (the audit log, written in
// the same transaction as every change) so a publish on any node is found
// on every node within a poll interval.
package searchfeed

import (
	"context"
	"log/slog"
	"math"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/store"
	"golang.org/x/sync/errgroup"
)

// window is how far back each poll looks for changes it has not seen: on
// PostgreSQL a transaction can commit after a later-numbered one, so a feed
// that only looked past its last entry could miss it.
const window = 1000

// Feed loads and follows.
type Feed struct {
	db    *store.DB
	ix    *search.Index
	log   *slog.Logger
	ready atomic.Bool

	mu       sync.Mutex
	last     int64          // highest feed entry applied
	seen     map[int64]bool // entries applied within the window below last
	onChange atomic.Pointer[func()]
	poke     chan struct{}
}

// Poke asks Run to poll now rather than at the next tick (without
// waiting): the store calls it after this node commits a change
// (store.DB.AfterChange), so the node's own change is in its index within
// milliseconds, not a poll interval.
func (f *Feed) Poke() {
	select {
	case f.poke <- struct{}{}:
	default:
	}
}

// Sync applies the committed changes now and returns when they are in the
// index (nothing while the first load runs: it reads them). The web layer
// calls it after a back-office request that committed a change, before the
// officer's browser follows the answer to a search.
//
// When ctx ends first (a bulk import's reload takes seconds), Sync returns
// and the poll goes on in the background: cutting a reload short would
// only make the next poll start it again.
func (f *Feed) Sync(ctx context.Context) error {
	if !f.Ready() {
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- f.Poll(context.WithoutCancel(ctx)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return nil
	}
}

// OnChange sets a function called after a poll applied changes (the web
// layer empties its page cache).
func (f *Feed) OnChange(fn func()) { f.onChange.Store(&fn) }

// New returns a feed for ix from db.
func New(db *store.DB, ix *search.Index, log *slog.Logger) *Feed {
	if log == nil {
		log = slog.Default()
	}
	return &Feed{db: db, ix: ix, log: log, seen: map[int64]bool{}, poke: make(chan struct{}, 1)}
}

// Ready reports whether the first load has finished.
func (f *Feed) Ready() bool { return f.ready.Load() }

// Load reads every public document into the index. Changes made while it
// runs are applied by the next Poll: the feed position is taken first.
func (f *Feed) Load(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load(ctx)
}

// load is Load with f.mu held (Poll holds it when an import asks for a
// reload).
func (f *Feed) load(ctx context.Context) error {
	start := time.Now()
	last, err := f.db.LastChange(ctx)
	if err != nil {
		return err
	}
	// The entries committed by now are in what this load reads: the polls
	// after it must not apply them again (a recent "dataset" entry would
	// read everything a second time). Entries numbered below last that
	// commit later are not in this list, so a poll still applies them.
	covered, err := f.db.Changes(ctx, max(0, last-window), window+1)
	if err != nil {
		return err
	}
	// 1. The vocabulary: learn the domain's words from every name first
	// (manuals without their content: fast), so that every document is
	// segmented with the whole vocabulary. Agencies, points and services
	// are small and kept for step 2.
	var names, small []search.Doc
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return f.db.EachPublishedManualHead(gctx, func(m *store.ManualSearchDoc) error {
			names = append(names, ManualDoc(m))
			return nil
		})
	})
	g.Go(func() error {
		keep := func(d search.Doc) error { small = append(small, d); return nil }
		if err := f.db.EachPublishedService(gctx, nil, func(s *store.ServiceSearchDoc) error { return keep(ServiceDoc(s)) }); err != nil {
			return err
		}
		channels, err := f.db.EgovChannelText(gctx, nil)
		if err != nil {
			return err
		}
		if err := f.db.EachActiveAgency(gctx, nil, func(a *openinfo.Agency) error { return keep(AgencyDocWith(a, channels[a.ID])) }); err != nil {
			return err
		}
		return f.db.EachVisiblePoint(gctx, nil, func(p *store.PointSearchDoc) error { return keep(PointDoc(p)) })
	})
	if err := g.Wait(); err != nil {
		return err
	}
	words := f.ix.AddWords(append(names, small...)...)
	n := len(names) + len(small)
	names = nil
	vocab := time.Since(start)
	// 2. The documents, manuals streamed in batches: the index keeps what
	// it needs, and the decoded content of 200,000 manuals is never held
	// at once. One batch is indexed while the next is read and decoded.
	const batch = 20000
	batches := make(chan []search.Doc, 1)
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		for b := range batches {
			f.ix.UpsertLearnt(b...)
		}
	}()
	docs := make([]search.Doc, 0, batch)
	err = f.db.EachPublishedManual(ctx, nil, func(m *store.ManualSearchDoc) error {
		docs = append(docs, ManualDoc(m))
		if len(docs) == batch {
			batches <- docs
			docs = make([]search.Doc, 0, batch)
		}
		return nil
	})
	if err == nil {
		batches <- append(docs, small...)
	}
	close(batches)
	<-indexed
	docs, small = nil, nil
	if err != nil {
		return err
	}
	// One segment, as a single build would leave: a search then reads
	// each term's postings once rather than once per segment (on the
	// national data set the median search took 340–360 µs instead of
	// 380–390 µs, for 1 s more here).
	f.ix.Compact()
	// Loading churned through gigabytes of rows and decoded content: give
	// the memory back now rather than whenever the scavenger gets to it.
	debug.FreeOSMemory()
	f.last = max(f.last, last)
	for _, c := range covered {
		if c.Seq <= last {
			f.seen[c.Seq] = true
		}
	}
	f.ready.Store(true)
	f.log.Info("search index built", "docs", n, "words_learnt", words, "vocabulary", vocab.Round(time.Millisecond),
		"total", time.Since(start).Round(time.Millisecond))
	return nil
}

// Poll applies the changes committed since the last poll.
func (f *Feed) Poll(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		low := max(0, f.last-window)
		changes, err := f.db.Changes(ctx, low, 2000)
		if err != nil {
			return err
		}
		fresh := 0
		for _, c := range changes {
			if c.Seq <= f.last && f.seen[c.Seq] {
				continue
			}
			fresh++
			if err := f.apply(ctx, c); err != nil {
				return err
			}
			f.seen[c.Seq] = true
			f.last = max(f.last, c.Seq)
		}
		for s := range f.seen {
			if s <= f.last-window {
				delete(f.seen, s)
			}
		}
		if fresh > 0 {
			if fn := f.onChange.Load(); fn != nil {
				(*fn)()
			}
		}
		if len(changes) < 2000 || fresh == 0 {
			return nil
		}
	}
}

// Run loads, then polls every interval until ctx ends.
func (f *Feed) Run(ctx context.Context, every time.Duration) {
	// A database away at start delays the first load, it does not end
	// the feed: the node becomes ready when the database returns.
	for wait := time.Second; ; wait = min(2*wait, 30*time.Second) {
		err := f.Load(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return
		}
		f.log.Error("search index load", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-f.poke:
		}
		if err := f.Poll(ctx); err != nil && ctx.Err() == nil {
			f.log.Warn("search index refresh", "err", err)
		}
	}
}

func (f *Feed) apply(ctx context.Context, c store.Change) error {
	switch c.Entity {
	case "process":
		return f.manuals(ctx, c.ID)
	case "manual_revision":
		p, err := f.db.RevisionProcess(ctx, c.ID)
		if err != nil || p == 0 {
			return err
		}
		return f.manuals(ctx, p)
	case "other_service":
		return f.services(ctx, c.ID)
	case "service_point":
		return f.points(ctx, c.ID)
	case "egov_record": // its agency's channels changed
		agency, err := f.db.EgovRecordAgency(ctx, c.ID)
		if err != nil || agency == 0 {
			return err
		}
		return f.agencyOnly(ctx, agency)
	case "agency":
		found := false
		channels, err := f.db.EgovChannelText(ctx, []int64{c.ID})
		if err != nil {
			return err
		}
		if err := f.db.EachActiveAgency(ctx, []int64{c.ID}, func(a *openinfo.Agency) error {
			found = true
			f.ix.Upsert(AgencyDocWith(a, channels[a.ID]))
			return nil
		}); err != nil {
			return err
		}
		if !found {
			f.ix.Delete(search.KindAgency, c.ID)
		}
		// Its manuals, services and points show its name.
		procs, svcs, pts, err := f.db.AgencyOfferings(ctx, c.ID)
		if err != nil {
			return err
		}
		for _, id := range procs {
			if err := f.manuals(ctx, id); err != nil {
				return err
			}
		}
		for _, id := range svcs {
			if err := f.services(ctx, id); err != nil {
				return err
			}
		}
		for _, id := range pts {
			if err := f.points(ctx, id); err != nil {
				return err
			}
		}
	case "dataset": // a bulk import: read everything again
		return f.load(ctx)
	}
	return nil
}

// agencyOnly refreshes an agency's own document (not its offerings, whose
// documents show only its name).
func (f *Feed) agencyOnly(ctx context.Context, id int64) error {
	channels, err := f.db.EgovChannelText(ctx, []int64{id})
	if err != nil {
		return err
	}
	found := false
	if err := f.db.EachActiveAgency(ctx, []int64{id}, func(a *openinfo.Agency) error {
		found = true
		f.ix.Upsert(AgencyDocWith(a, channels[a.ID]))
		return nil
	}); err != nil {
		return err
	}
	if !found {
		f.ix.Delete(search.KindAgency, id)
	}
	return nil
}

func (f *Feed) manuals(ctx context.Context, id int64) error {
	found := false
	err := f.db.EachPublishedManual(ctx, []int64{id}, func(m *store.ManualSearchDoc) error {
		found = true
		f.ix.Upsert(ManualDoc(m))
		return nil
	})
	if err == nil && !found {
		f.ix.Delete(search.KindManual, id)
	}
	return err
}

func (f *Feed) services(ctx context.Context, id int64) error {
	found := false
	err := f.db.EachPublishedService(ctx, []int64{id}, func(s *store.ServiceSearchDoc) error {
		found = true
		f.ix.Upsert(ServiceDoc(s))
		return nil
	})
	if err == nil && !found {
		f.ix.Delete(search.KindService, id)
	}
	return err
}

func (f *Feed) points(ctx context.Context, id int64) error {
	found := false
	err := f.db.EachVisiblePoint(ctx, []int64{id}, func(p *store.PointSearchDoc) error {
		found = true
		f.ix.Upsert(PointDoc(p))
		return nil
	})
	if err == nil && !found {
		f.ix.Delete(search.KindPoint, id)
	}
	return err
}

func provinceName(code string) string {
	if p, ok := openinfo.ProvinceByCode(code); ok {
		return p.NameTH
	}
	return ""
}

func facets(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
	}
	return m
}

// maxBody bounds the text indexed per document: the start of a manual says
// what it is about; its 40th step adds noise, not recall.
const maxBody = openinfo.SearchTextMax

func clip(b *strings.Builder) string { return openinfo.ClipText(b.String(), maxBody) }

// ManualDoc is a published manual as a search document.
func ManualDoc(m *store.ManualSearchDoc) search.Doc {
	c := &m.Content
	body := m.Text
	if !m.HasText {
		body = c.SearchText()
	}
	f := facets(search.FacetAgencyType, string(m.AgencyType), search.FacetProvince, m.Province)
	for _, t := range m.Terms {
		switch t.Kind {
		case openinfo.CatalogCategory:
			f[search.FacetCategory] = append(f[search.FacetCategory], t.Code)
		case openinfo.CatalogUserGroup:
			f[search.FacetGroup] = append(f[search.FacetGroup], t.Code)
		}
	}
	alt := m.CommonNames
	if c.Name != "" && c.Name != m.NameTH {
		alt = append(alt[:len(alt):len(alt)], c.Name)
	}
	return search.Doc{Kind: search.KindManual, ID: m.ProcessID, Title: m.NameTH, TitleEN: m.NameEN, Alt: alt,
		Body: body, Agency: m.AgencyName, Place: provinceName(m.Province), Facets: f,
		Boost: math.Log1p(float64(m.Views))}
}

// ServiceDoc is a published other service as a search document.
func ServiceDoc(s *store.ServiceSearchDoc) search.Doc {
	var b strings.Builder
	b.WriteString(s.Service.Content.Description)
	for _, d := range s.Service.Content.Documents {
		b.WriteString("\n" + d.Name)
	}
	return search.Doc{Kind: search.KindService, ID: s.Service.ID, Title: s.Service.NameTH, TitleEN: s.Service.NameEN,
		Body: clip(&b), Agency: s.AgencyName, Place: provinceName(s.Province),
		Facets: facets(search.FacetAgencyType, string(s.AgencyType), search.FacetProvince, s.Province)}
}

// AgencyDoc is an agency as a search document.
func AgencyDoc(a *openinfo.Agency) search.Doc { return AgencyDocWith(a, "") }

// AgencyDocWith is the agency's document with the words of its Section 10
// channels in its body: searching for an e-service or "LINE" finds the
// agency that offers it.
func AgencyDocWith(a *openinfo.Agency, channels string) search.Doc {
	var alt []string
	if a.ShortName != "" {
		alt = []string{a.ShortName}
	}
	ad := a.Contact.Address
	return search.Doc{Kind: search.KindAgency, ID: a.ID, Title: a.NameTH, TitleEN: a.NameEN, Alt: alt,
		Body: strings.TrimSpace(ad.Line + " " + ad.Subdistrict + " " + channels), Place: strings.TrimSpace(ad.District + " " + provinceName(ad.ProvinceCode)),
		Facets: facets(search.FacetAgencyType, string(a.Type), search.FacetProvince, ad.ProvinceCode)}
}

// PointDoc is a service point as a search document.
func PointDoc(p *store.PointSearchDoc) search.Doc {
	pt := p.Point
	return search.Doc{Kind: search.KindPoint, ID: pt.ID, Title: pt.NameTH, TitleEN: pt.NameEN,
		Body: strings.TrimSpace(pt.Address.Line + " " + pt.Address.Subdistrict), Agency: p.AgencyName,
		Place:  strings.TrimSpace(pt.Address.District + " " + provinceName(pt.Address.ProvinceCode)),
		Facets: facets(search.FacetAgencyType, string(p.AgencyType), search.FacetProvince, pt.Address.ProvinceCode)}
}
