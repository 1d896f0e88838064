package web

import (
	"net/http"

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
	Agencies int
	Types    []typeCount
	Regions  []regionGroup
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

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	byType, byProvince, err := s.db.AgencyCounts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var p homePage
	p.Types, p.Regions, p.Agencies = browseCounts(byType, byProvince)
	lang := langFrom(r)
	s.render(w, r, http.StatusOK, "home", T(lang, "site.name"), p)
}
