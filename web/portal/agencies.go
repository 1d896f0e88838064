package portal

import (
	"net/http"
	"unicode/utf8"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type agenciesPage struct {
	Query    string
	Type     openinfo.AgencyType
	Province string
	Filtered bool
	Agencies []*openinfo.Agency
	Pager    *ui.Pager
	// Browse lists, shown when nothing is filtered.
	Roots   []*openinfo.Agency
	Types   []typeCount
	Regions []regionGroup
}

// handleAgencies is the agency directory: browse by type and province, or
// filter by name; unknown filter values are ignored rather than refused, since
// they arrive from hand-edited or old links.
func (s *Portal) handleAgencies(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := agenciesPage{Query: q.Get("q"), Pager: ui.NewPager(r, "page", 50)}
	if utf8.RuneCountInString(p.Query) > 200 || !utf8.ValidString(p.Query) {
		p.Query = ""
	}
	if t := openinfo.AgencyType(q.Get("type")); t.Valid() {
		p.Type = t
	}
	if _, ok := openinfo.ProvinceByCode(q.Get("province")); ok {
		p.Province = q.Get("province")
	}
	p.Filtered = p.Query != "" || p.Type != "" || p.Province != ""
	ctx := r.Context()
	lang := ui.LangFrom(r)
	if !p.Filtered {
		byType, byProvince, err := s.db.AgencyCounts(ctx)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Types, p.Regions, _ = browseCounts(byType, byProvince)
		roots, _, err := s.db.Agencies(ctx, store.AgencyFilter{Roots: true, Limit: 200,
			ExcludeTypes: []openinfo.AgencyType{openinfo.AgencyPAO, openinfo.AgencyMunicipality, openinfo.AgencySAO}})
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Roots = roots
		s.Render(w, r, http.StatusOK, "agencies", ui.T(lang, "agencies.title"), p)
		return
	}
	list, total, err := s.db.Agencies(ctx, store.AgencyFilter{Query: p.Query, Type: p.Type, Province: p.Province,
		Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Agencies = list
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "agencies", ui.T(lang, "agencies.title"), p)
}
