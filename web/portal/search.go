package portal

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/find"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo/search"
)

// Public search ("/search", and JSON at "/api/search") over published
// manuals, other services, agencies and service points, with facets.

type searchHit struct {
	Kind    search.Kind
	URL     string
	Title   template.HTML
	Agency  string
	Place   string
	Snippet template.HTML
	// Copies is how many agencies offer this process ("มีให้บริการ N
	// แห่ง"), with AllURL listing them; 1 when it is one.
	Copies int
	AllURL string
	Near   bool // the copy in the chosen province
}

// provinceOption is an entry of the province choice of grouped results.
type provinceOption struct {
	Code, Name string
	Selected   bool
}

type facetLink struct {
	Label    string
	N        int
	URL      string
	Selected bool
}

type facetGroup struct {
	Key, Title string
	Links      []facetLink
	Clear      string // the link that removes this facet's filter, when one is set
}

type kindTab struct {
	Label    string
	URL      string
	Selected bool
	N        int
}

type searchPage struct {
	Req        find.Request
	Hits       []searchHit
	Total      int
	Took       string
	DidYouMean string
	DidURL     string
	Relaxed    bool
	Facets     []facetGroup
	Tabs       []kindTab
	Prev, Next string
	Pages      int
	Warming    bool // the index is still being built
	// Grouped hits stand for copies at many agencies: Provinces is the
	// choice of the province whose copies they show (remembered).
	Grouped   bool
	Provinces []provinceOption
	NearName  string
	Hidden    [][2]string // the request's parameters, for the province form
}

// handleSearch is the results page: tabs per kind, facets, hits with the
// matched words marked, "did you mean", pages. It works without JavaScript.
func (s *Portal) handleSearch(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	sr := find.Read(r)
	if code, chosen := find.Near(r); chosen {
		find.RememberNear(w, code)
	}
	start := time.Now()
	res, ok := s.find.Search(r, sr)
	p := searchPage{Req: sr, Total: res.Total, DidYouMean: res.DidYouMean, Relaxed: res.Relaxed, Warming: !ok}
	p.Took = strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 1, 64)
	if res.DidYouMean != "" {
		p.DidURL = find.Request{Text: res.DidYouMean, Kind: sr.Kind, Filters: sr.Filters, Page: 1}.URL("", "")
	}
	for _, h := range res.Hits {
		title := h.Title
		if lang == ui.LangEN && h.TitleEN != "" {
			title = h.TitleEN
		}
		th := search.HTML(h.TitleSpans)
		if title != h.Title || len(h.TitleSpans) == 0 {
			th = template.HTML(template.HTMLEscapeString(title))
		}
		agency, place := h.Agency, h.Place
		if lang == ui.LangEN {
			agency, place = s.agencyEN(r, agency), provinceEN(place)
		}
		hit := searchHit{Kind: h.Kind, URL: find.HitURL(h.Kind, h.ID), Title: th, Agency: agency, Place: place,
			Snippet: search.HTML(h.BodySpans), Copies: h.Copies, Near: h.Preferred}
		if h.Copies > 1 {
			hit.AllURL = find.Request{Text: h.Title, Kind: h.Kind, Filters: sr.Filters, Page: 1, Ungroup: true}.URL("", "")
			p.Grouped = true
		}
		p.Hits = append(p.Hits, hit)
	}
	if p.Grouped || sr.Near != "" {
		for _, pr := range openinfo.Provinces {
			p.Provinces = append(p.Provinces, provinceOption{Code: pr.Code, Name: pr.Name(lang), Selected: pr.Code == sr.Near})
			if pr.Code == sr.Near {
				p.NearName = pr.Name(lang)
			}
		}
		slices.SortFunc(p.Provinces, func(a, b provinceOption) int { return strings.Compare(a.Name, b.Name) })
		if sr.Text != "" {
			p.Hidden = append(p.Hidden, [2]string{"q", sr.Text})
		}
		if sr.Kind != "" {
			p.Hidden = append(p.Hidden, [2]string{"kind", string(sr.Kind)})
		}
		for _, k := range find.Facets {
			if v := sr.Filters[k]; v != "" {
				p.Hidden = append(p.Hidden, [2]string{k, v})
			}
		}
	}
	// Tabs: every kind with its count under the other filters.
	kinds := map[string]int{}
	for _, fc := range res.Facets[search.FacetKind] {
		kinds[fc.Value] = fc.Count
	}
	p.Tabs = append(p.Tabs, kindTab{Label: ui.T(lang, "search.kind.all"), URL: sr.URL("kind", ""), Selected: sr.Kind == ""})
	for _, k := range find.Kinds {
		p.Tabs = append(p.Tabs, kindTab{Label: ui.KindLabel(k, lang), URL: sr.URL("kind", string(k)), Selected: sr.Kind == k, N: kinds[string(k)]})
	}
	for _, key := range find.Facets {
		g := facetGroup{Key: key, Title: ui.T(lang, "search.facet."+key)}
		if sel := sr.Filters[key]; sel != "" {
			g.Clear = sr.URL(key, "")
		}
		for i, fc := range res.Facets[key] {
			if i == 12 {
				break
			}
			g.Links = append(g.Links, facetLink{Label: s.find.FacetLabel(r, key, fc.Value), N: fc.Count, URL: sr.URL(key, fc.Value),
				Selected: sr.Filters[key] == fc.Value})
		}
		if len(g.Links) > 0 || g.Clear != "" {
			p.Facets = append(p.Facets, g)
		}
	}
	p.Pages = (min(res.Total, search.MaxOffset) + find.PageSize - 1) / find.PageSize
	if sr.Page > 1 {
		p.Prev = sr.URL("page", strconv.Itoa(sr.Page-1))
	}
	if res.Grouped && len(res.Hits) < find.PageSize {
		p.Pages = sr.Page // groups: the last page is the one that is not full
	}
	if sr.Page < p.Pages {
		p.Next = sr.URL("page", strconv.Itoa(sr.Page+1))
	}
	title := ui.T(lang, "search.title")
	if sr.Text != "" {
		title = sr.Text + " – " + title
	}
	status := http.StatusOK
	if !ok {
		w.Header().Set("Retry-After", "5")
		status = http.StatusServiceUnavailable
	}
	s.Render(w, r, status, "search", title, p)
}

// provincesEN maps the provinces' Thai names to their English ones.
var provincesEN = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(openinfo.Provinces))
	for _, p := range openinfo.Provinces {
		m[p.NameTH] = p.NameEN
	}
	return m
})

// provinceEN gives a hit's place in English: the index holds the Thai
// province, after the district for a service point ("อำเภอเมืองสงขลา
// สงขลา"), and districts have no English names here, so English shows the
// province alone.
func provinceEN(place string) string {
	last := place
	if i := strings.LastIndexByte(place, ' '); i >= 0 {
		last = place[i+1:]
	}
	if en, ok := provincesEN()[last]; ok && en != "" {
		return en
	}
	return place
}

// agencyEN gives the English name of the agency a hit names in Thai, when it
// has one (looked up once per name and node: names change rarely, and a
// stale one is only the older English name).
func (s *Portal) agencyEN(r *http.Request, th string) string {
	if th == "" || s.db == nil {
		return th
	}
	if en, ok := s.agencyNames.Load(th); ok {
		return en.(string)
	}
	en := th
	if list, _, err := s.db.Agencies(r.Context(), store.AgencyFilter{Query: th, Limit: 20}); err == nil {
		for _, a := range list {
			if a.NameTH == th && a.NameEN != "" {
				en = a.NameEN
				break
			}
		}
	} else {
		return th
	}
	s.agencyNames.Store(th, en)
	return en
}
