// Package find reads a citizen's search from the query string and runs it
// on the index, for the search page and the JSON API alike.
package find

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Facets are the facet keys a citizen can filter by, in page order.
var Facets = []string{search.FacetCategory, search.FacetGroup, search.FacetAgencyType, search.FacetProvince}

// Kinds are the kinds in the tabs, in order.
var Kinds = []search.Kind{search.KindManual, search.KindService, search.KindAgency, search.KindPoint}

// PageSize is how many hits a page shows.
const PageSize = 20

// Finder runs searches.
type Finder struct {
	Index   *search.Index // nil: search is off
	Ready   func() bool   // whether the index's first load has finished (nil: at once)
	DB      *store.DB     // for the catalog's names
	catalog catalogNames
}

// Request is a search as the query string asks for it.
type Request struct {
	Text    string
	Kind    search.Kind // "" = all
	Filters map[string]string
	Page    int
	// Ungroup lists every copy of a process ("ungroup=1"); by default the
	// copies at many agencies are one hit (search.Query.Group).
	Ungroup bool
	// Near is the province (code) whose copy a grouped hit shows: "near"
	// in the query string, else the remembered choice (NearCookie).
	Near string
}

// NearCookie remembers the province a citizen chose for grouped results.
const NearCookie = "near"

// Near returns the province r asks grouped results to show: the "near"
// parameter when present (empty: none), else the NearCookie; and whether
// the parameter was given (a choice to remember).
func Near(r *http.Request) (code string, chosen bool) {
	if v, ok := r.URL.Query()["near"]; ok {
		code, chosen = v[0], true
	} else if c, err := r.Cookie(NearCookie); err == nil {
		code = c.Value
	}
	if _, ok := openinfo.ProvinceByCode(code); !ok {
		code = ""
	}
	return code, chosen
}

// RememberNear sets or clears the NearCookie for a year.
func RememberNear(w http.ResponseWriter, code string) {
	c := &http.Cookie{Name: NearCookie, Value: code, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if code == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// Read reads a search request from the query string; anything odd is
// dropped, never an error: a citizen always gets a page.
func Read(r *http.Request) Request {
	q := r.URL.Query()
	sr := Request{Text: strings.TrimSpace(q.Get("q")), Filters: map[string]string{}, Page: 1}
	if len(sr.Text) > 4*search.MaxQueryRunes {
		sr.Text = sr.Text[:4*search.MaxQueryRunes]
	}
	for _, k := range Kinds {
		if q.Get("kind") == string(k) {
			sr.Kind = k
		}
	}
	for _, f := range Facets {
		if v := q.Get(f); v != "" && len(v) <= 64 {
			sr.Filters[f] = v
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n <= search.MaxOffset/PageSize {
		sr.Page = n
	}
	sr.Ungroup = q.Get("ungroup") == "1"
	sr.Near, _ = Near(r)
	return sr
}

// Query is the request for the index.
func (sr Request) Query() search.Query {
	q := search.Query{Text: sr.Text, Limit: PageSize, Offset: (sr.Page - 1) * PageSize, Group: !sr.Ungroup}
	if sr.Near != "" {
		q.Prefer = map[string]string{search.FacetProvince: sr.Near}
	}
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

// URL is the search page with one parameter changed ("" removes it); the
// page number resets unless it is the one changed.
func (sr Request) URL(key, value string) string {
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
	if sr.Ungroup {
		v.Set("ungroup", "1")
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

// HitURL is the public page of a hit.
func HitURL(k search.Kind, id int64) string {
	switch k {
	case search.KindManual:
		return "/manuals/" + strconv.FormatInt(id, 10)
	case search.KindService:
		return "/services/" + strconv.FormatInt(id, 10)
	case search.KindAgency:
		return "/agencies/" + strconv.FormatInt(id, 10)
	}
	return "/points/" + strconv.FormatInt(id, 10)
}

// catalogNames maps catalog codes to names, refreshed now and then: facet
// labels must not cost a query per search.
type catalogNames struct {
	mu    sync.Mutex
	at    time.Time
	names map[string]openinfo.CatalogTerm
}

func (s *Finder) termName(r *http.Request, code string) string {
	c := &s.catalog
	c.mu.Lock()
	if time.Since(c.at) > time.Minute || c.names == nil {
		if terms, err := s.DB.CatalogTerms(r.Context(), "", true); err == nil {
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

// FacetLabel names a facet value in the person's language.
func (s *Finder) FacetLabel(r *http.Request, key, value string) string {
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

// Search answers a request, or reports that the index is still warming.
func (s *Finder) Search(r *http.Request, sr Request) (search.Result, bool) {
	if s.Index == nil || (s.Ready != nil && !s.Ready()) {
		return search.Result{}, false
	}
	return s.Index.Search(sr.Query()), true
}
