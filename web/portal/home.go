package portal

import (
	"context"
	"net/http"
	"sync"
	"time"

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

// homeCache keeps the home page's counts for a minute: the busiest page
// must not count 10,000 agencies and 200,000 manuals per request.
type homeCache struct {
	mu   sync.Mutex
	at   time.Time
	page homePage
}

const homeTTL = time.Minute

func (s *Portal) homeData(ctx context.Context) (homePage, error) {
	c := &s.home
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && time.Since(c.at) < homeTTL {
		return c.page, nil
	}
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
	c.page, c.at = p, time.Now()
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
func (s *Portal) handleHome(w http.ResponseWriter, r *http.Request) {
	p, err := s.homeData(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "home", ui.T(lang, "site.name"), p)
}
