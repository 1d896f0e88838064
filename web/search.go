package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
)

// Public search ("/search", and JSON at "/api/search") over published
// manuals, other services, agencies and service points, with facets.

// searchFacets are the facet keys a citizen can filter by, in page order.
var searchFacets = []string{search.FacetCategory, search.FacetGroup, search.FacetAgencyType, search.FacetProvince}

// searchKinds are the kinds in the tabs, in order.
var searchKinds = []search.Kind{search.KindManual, search.KindService, search.KindAgency, search.KindPoint}

const searchPageSize = 20

type searchRequest struct {
	Text    string
	Kind    search.Kind // "" = all
	Filters map[string]string
	Page    int
}

// readSearch reads a search request from the query string; anything odd is
// dropped, never an error: a citizen always gets a page.
func readSearch(r *http.Request) searchRequest {
	q := r.URL.Query()
	sr := searchRequest{Text: strings.TrimSpace(q.Get("q")), Filters: map[string]string{}, Page: 1}
	if len(sr.Text) > 4*search.MaxQueryRunes {
		sr.Text = sr.Text[:4*search.MaxQueryRunes]
	}
	for _, k := range searchKinds {
		if q.Get("kind") == string(k) {
			sr.Kind = k
		}
	}
	for _, f := range searchFacets {
		if v := q.Get(f); v != "" && len(v) <= 64 {
			sr.Filters[f] = v
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n <= search.MaxOffset/searchPageSize {
		sr.Page = n
	}
	return sr
}

func (sr searchRequest) query() search.Query {
	q := search.Query{Text: sr.Text, Limit: searchPageSize, Offset: (sr.Page - 1) * searchPageSize}
	if sr.Kind != "" {
		q.Kinds = []search.Kind{sr.Kind}
	}
	if len(sr.Filters) > 0 {
		q.Filters = map[string][]string{}
		for k, v := range sr.Filters {
			q.Filters[k] = []string{v}
		}
	}
	return q
}

// url is the search page with one parameter changed ("" removes it); the
// page number resets unless it is the one changed.
func (sr searchRequest) url(key, value string) string {
	v := url.Values{}
	if sr.Text != "" {
		v.Set("q", sr.Text)
	}
	if sr.Kind != "" {
		v.Set("kind", string(sr.Kind))
	}
	for k, x := range sr.Filters {
		v.Set(k, x)
	}
	if key == "page" && value != "1" {
		v.Set("page", value)
	}
	if key != "page" {
		if value == "" {
			v.Del(key)
		} else {
			v.Set(key, value)
		}
	}
	if len(v) == 0 {
		return "/search"
	}
	return "/search?" + v.Encode()
}

type searchHit struct {
	Kind    search.Kind
	URL     string
	Title   template.HTML
	Agency  string
	Place   string
	Snippet template.HTML
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
	Req        searchRequest
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
}

func hitURL(k search.Kind, id int64) string {
	switch k {
	case search.KindManual:
		return "/manuals/" + itoa(id)
	case search.KindService:
		return "/services/" + itoa(id)
	case search.KindAgency:
		return "/agencies/" + itoa(id)
	}
	return "/points/" + itoa(id)
}

// catalogNames maps catalog codes to names, refreshed now and then: facet
// labels must not cost a query per search.
type catalogNames struct {
	mu    sync.Mutex
	at    time.Time
	names map[string]openinfo.CatalogTerm
}

func (s *Server) termName(r *http.Request, code string) string {
	c := &s.catalog
	c.mu.Lock()
	if time.Since(c.at) > time.Minute || c.names == nil {
		if terms, err := s.db.CatalogTerms(r.Context(), "", true); err == nil {
			c.names = map[string]openinfo.CatalogTerm{}
			for _, t := range terms {
				c.names[string(t.Kind)+"/"+t.Code] = t
			}
			c.at = time.Now()
		}
	}
	names := c.names
	c.mu.Unlock()
	kind := string(openinfo.CatalogCategory)
	if strings.HasPrefix(code, "group:") {
		kind, code = string(openinfo.CatalogUserGroup), code[len("group:"):]
	}
	if t, ok := names[kind+"/"+code]; ok {
		return t.Name(ui.LangFrom(r))
	}
	return code
}

func (s *Server) facetLabel(r *http.Request, key, value string) string {
	lang := ui.LangFrom(r)
	switch key {
	case search.FacetCategory:
		return s.termName(r, value)
	case search.FacetGroup:
		return s.termName(r, "group:"+value)
	case search.FacetAgencyType:
		return openinfo.AgencyType(value).Label(lang)
	case search.FacetProvince:
		if p, ok := openinfo.ProvinceByCode(value); ok {
			return p.Name(lang)
		}
	}
	return value
}

// runSearch answers a request, or reports that the index is still warming.
func (s *Server) runSearch(r *http.Request, sr searchRequest) (search.Result, bool) {
	if s.search == nil || (s.searchReady != nil && !s.searchReady()) {
		return search.Result{}, false
	}
	return s.search.Search(sr.query()), true
}

// handleSearch is the results page: tabs per kind, facets, hits with the
// matched words marked, "did you mean", pages. It works without JavaScript.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	sr := readSearch(r)
	start := time.Now()
	res, ok := s.runSearch(r, sr)
	p := searchPage{Req: sr, Total: res.Total, DidYouMean: res.DidYouMean, Relaxed: res.Relaxed, Warming: !ok}
	p.Took = strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 1, 64)
	if res.DidYouMean != "" {
		p.DidURL = searchRequest{Text: res.DidYouMean, Kind: sr.Kind, Filters: sr.Filters, Page: 1}.url("", "")
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
		p.Hits = append(p.Hits, searchHit{Kind: h.Kind, URL: hitURL(h.Kind, h.ID), Title: th, Agency: h.Agency, Place: h.Place,
			Snippet: search.HTML(h.BodySpans)})
	}
	// Tabs: every kind with its count under the other filters.
	kinds := map[string]int{}
	for _, fc := range res.Facets[search.FacetKind] {
		kinds[fc.Value] = fc.Count
	}
	p.Tabs = append(p.Tabs, kindTab{Label: ui.T(lang, "search.kind.all"), URL: sr.url("kind", ""), Selected: sr.Kind == ""})
	for _, k := range searchKinds {
		p.Tabs = append(p.Tabs, kindTab{Label: ui.KindLabel(k, lang), URL: sr.url("kind", string(k)), Selected: sr.Kind == k, N: kinds[string(k)]})
	}
	for _, key := range searchFacets {
		g := facetGroup{Key: key, Title: ui.T(lang, "search.facet."+key)}
		if sel := sr.Filters[key]; sel != "" {
			g.Clear = sr.url(key, "")
		}
		for i, fc := range res.Facets[key] {
			if i == 12 {
				break
			}
			g.Links = append(g.Links, facetLink{Label: s.facetLabel(r, key, fc.Value), N: fc.Count, URL: sr.url(key, fc.Value),
				Selected: sr.Filters[key] == fc.Value})
		}
		if len(g.Links) > 0 || g.Clear != "" {
			p.Facets = append(p.Facets, g)
		}
	}
	p.Pages = (min(res.Total, search.MaxOffset) + searchPageSize - 1) / searchPageSize
	if sr.Page > 1 {
		p.Prev = sr.url("page", strconv.Itoa(sr.Page-1))
	}
	if sr.Page < p.Pages {
		p.Next = sr.url("page", strconv.Itoa(sr.Page+1))
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

type apiHit struct {
	Kind    search.Kind   `json:"kind"`
	ID      int64         `json:"id"`
	URL     string        `json:"url"`
	Title   string        `json:"title"`
	TitleEN string        `json:"title_en,omitempty"`
	Agency  string        `json:"agency,omitempty"`
	Place   string        `json:"place,omitempty"`
	Score   float64       `json:"score"`
	Title_  []search.Span `json:"title_spans,omitempty"`
	Snippet []search.Span `json:"snippet,omitempty"`
}

type apiFacet struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type apiResult struct {
	Query      string                `json:"query"`
	Total      int                   `json:"total"`
	Page       int                   `json:"page"`
	DidYouMean string                `json:"did_you_mean,omitempty"`
	Hits       []apiHit              `json:"hits"`
	Facets     map[string][]apiFacet `json:"facets"`
}

// handleSearchAPI is the same search as JSON, for apps and the map.
func (s *Server) handleSearchAPI(w http.ResponseWriter, r *http.Request) {
	sr := readSearch(r)
	res, ok := s.runSearch(r, sr)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	if !ok {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]string{"error": "search index is loading", "error_th": "ระบบค้นหากำลังเตรียมข้อมูล กรุณาลองใหม่ในอีกสักครู่"})
		return
	}
	out := apiResult{Query: sr.Text, Total: res.Total, Page: sr.Page, DidYouMean: res.DidYouMean, Hits: []apiHit{},
		Facets: map[string][]apiFacet{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, apiHit{Kind: h.Kind, ID: h.ID, URL: s.AbsURL(r, hitURL(h.Kind, h.ID)), Title: h.Title, TitleEN: h.TitleEN,
			Agency: h.Agency, Place: h.Place, Score: h.Score, Title_: h.TitleSpans, Snippet: h.BodySpans})
	}
	for key, list := range res.Facets {
		for _, fc := range list {
			label := fc.Value
			if key != search.FacetKind {
				label = s.facetLabel(r, key, fc.Value)
			}
			out.Facets[key] = append(out.Facets[key], apiFacet{Value: fc.Value, Label: label, Count: fc.Count})
		}
	}
	json.NewEncoder(w).Encode(out)
}
