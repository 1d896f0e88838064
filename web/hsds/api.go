package hsds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Prefix is where the API lives.
const Prefix = "/api/hsds/v3"

// Paging: HSDS's page (from 1) and per_page.
const (
	DefaultPerPage = 50
	MaxPerPage     = 500
	// DefaultPerMinute is how many requests one address may make a minute.
	DefaultPerMinute = 300
)

// API serves the HSDS endpoints.
type API struct {
	DB *store.DB
	// AbsURL makes a path absolute on the public site.
	AbsURL func(r *http.Request, path string) string
	// Proxies are the load balancers whose X-Forwarded-For is believed.
	Proxies []netip.Prefix
	// PerMinute is the requests one address may make a minute (0: DefaultPerMinute).
	PerMinute int
	Log       *slog.Logger

	totals totalCache
}

// totalCache keeps list totals: a page costs one small query, but its
// total counts every published row, which on the national data takes
// from a few hundred milliseconds (services) to seconds (pins). A total
// younger than TotalTTL is used as it is; an older one is still answered
// while one request counts again in the background (stale while
// revalidate), so only the first request for a filter on a node waits.
// Clients cache pages for five minutes anyway.
type totalCache struct {
	mu sync.Mutex
	m  map[string]*cachedTotal
}

type cachedTotal struct {
	n          int
	at         time.Time
	refreshing bool
}

// TotalTTL is how long a list's total is used before it is counted again.
const TotalTTL = time.Minute

func (c *totalCache) Total(ctx context.Context, key string, count func(context.Context) (int, error)) (int, error) {
	now := time.Now()
	c.mu.Lock()
	t, ok := c.m[key]
	if ok && (now.Sub(t.at) < TotalTTL || t.refreshing) {
		n := t.n
		c.mu.Unlock()
		return n, nil
	}
	if ok {
		t.refreshing = true
		n := t.n
		c.mu.Unlock()
		go func() {
			bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
			defer cancel()
			n, err := count(bg)
			c.mu.Lock()
			t.refreshing = false
			if err == nil {
				t.n, t.at = n, time.Now()
			}
			c.mu.Unlock()
		}()
		return n, nil
	}
	c.mu.Unlock()
	n, err := count(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= 10000 { // filters are many; memory is bounded
		c.m = map[string]*cachedTotal{}
	}
	c.m[key] = &cachedTotal{n: n, at: now}
	c.mu.Unlock()
	return n, nil
}

// Register adds the endpoints to mux.
func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/openapi.json", a.handleOpenAPI)
	mux.Handle("GET "+Prefix+"/{$}", a.endpoint(a.about))
	mux.Handle("GET "+Prefix+"/organizations", a.endpoint(a.organizations))
	mux.Handle("GET "+Prefix+"/organizations/{id}", a.endpoint(a.organization))
	mux.Handle("GET "+Prefix+"/services", a.endpoint(a.services))
	mux.Handle("GET "+Prefix+"/services/{id}", a.endpoint(a.service))
	mux.Handle("GET "+Prefix+"/locations", a.endpoint(a.locations))
	mux.Handle("GET "+Prefix+"/locations/{id}", a.endpoint(a.location))
	mux.Handle("GET "+Prefix+"/service_at_locations", a.endpoint(a.serviceAtLocations))
	mux.Handle("GET "+Prefix+"/service_at_locations/{id}", a.endpoint(a.serviceAtLocation))
	mux.Handle("GET "+Prefix+"/taxonomy_terms", a.endpoint(a.terms))
	mux.Handle("GET "+Prefix+"/taxonomy_terms/{id}", a.endpoint(a.term))
	mux.Handle(Prefix+"/", a.endpoint(func(r *http.Request) (any, error) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่มีบริการข้อมูลนี้", "No such endpoint.")
	}))
}

// Error is the body of a refused request, in English and Thai.
type Error struct {
	Error   string `json:"error"`
	ErrorTH string `json:"error_th"`
}

var statusOf = map[string]int{openinfo.ENOTFOUND: http.StatusNotFound, openinfo.EINVALID: http.StatusBadRequest}

// endpoint wraps a handler: the address's rate limit, JSON, an ETag of the
// body (If-None-Match answers 304), caching for five minutes by anyone
// (the data is public and changes a few times a day), and CORS for every
// origin (the data is open).
func (a *API) endpoint(fn func(r *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Access-Control-Allow-Origin", "*")
		// Without this a browser's script sees none of them (CORS hides
		// headers outside its safelist): not the next page, the ETag to
		// revalidate with, nor how long to wait.
		h.Set("Access-Control-Expose-Headers", "ETag, Link, Retry-After")
		h.Set("X-Content-Type-Options", "nosniff")
		if ok, retry := a.allow(r); !ok {
			h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retry.Seconds()))))
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusTooManyRequests)
			json.NewEncoder(w).Encode(Error{Error: "Too many requests from this address; wait a minute, or use the daily bulk files at /open-data.",
				ErrorTH: "มีคำขอจากที่อยู่นี้มากเกินไป กรุณารอสักครู่ หรือใช้ไฟล์ข้อมูลรายวันที่ /open-data"})
			return
		}
		v, err := fn(r)
		if err != nil {
			status, ok := statusOf[openinfo.ErrorCode(err)]
			if !ok {
				status = http.StatusInternalServerError
				if a.Log != nil {
					a.Log.Error("hsds", "path", r.URL.Path, "err", err)
				}
			}
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(Error{Error: openinfo.ErrorMessage(err, "en"), ErrorTH: openinfo.ErrorMessage(err, "th")})
			return
		}
		if l, ok := v.(linked); ok {
			v = l.v
			if l.next != "" {
				h.Set("Link", "<"+l.next+`>; rel="next"`)
			}
		}
		body, err := json.Marshal(v)
		if err != nil {
			http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
			return
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:16]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Vary", "Accept-Encoding")
		if match(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
}

// match reports whether an If-None-Match header names etag (or is "*").
func match(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func (a *API) allow(r *http.Request) (bool, time.Duration) {
	if a.DB == nil {
		return true, 0
	}
	limit := a.PerMinute
	if limit <= 0 {
		limit = DefaultPerMinute
	}
	ok, retry, err := a.DB.APIHit(r.Context(), "hsds:ip:"+ui.ClientIP(r, a.Proxies), limit)
	if err != nil {
		// A database that cannot count cannot serve either; let the
		// handler fail (or succeed) on its own.
		return true, 0
	}
	return ok, retry
}

func (a *API) urls(r *http.Request) URLs {
	return func(path string) string { return a.AbsURL(r, path) }
}

func invalid(th, en string) error { return &openinfo.Error{Code: openinfo.EINVALID, TH: th, EN: en} }

// query reads the list parameters: page, per_page, organization_id,
// province, taxonomy_term_id.
func (a *API) query(r *http.Request) (f store.OpenFilter, page, perPage int, err error) {
	q := r.URL.Query()
	page, perPage = 1, DefaultPerPage
	if s := q.Get("page"); s != "" {
		if page, err = strconv.Atoi(s); err != nil || page < 1 || page > 1_000_000 {
			return f, 0, 0, invalid("page ต้องเป็นจำนวนเต็มตั้งแต่ 1", "page must be a whole number from 1.")
		}
	}
	if s := q.Get("per_page"); s != "" {
		if perPage, err = strconv.Atoi(s); err != nil || perPage < 1 || perPage > MaxPerPage {
			return f, 0, 0, invalid("per_page ต้องอยู่ระหว่าง 1 ถึง "+strconv.Itoa(MaxPerPage), "per_page must be from 1 to "+strconv.Itoa(MaxPerPage)+".")
		}
	}
	if s := q.Get("organization_id"); s != "" {
		var ok bool
		if f.AgencyID, ok = parseID(s, prefixAgency); !ok {
			return f, 0, 0, invalid("organization_id ต้องอยู่ในรูป agency-รหัส", "organization_id must look like agency-123.")
		}
	}
	if s := q.Get("province"); s != "" {
		p, ok := openinfo.ProvinceByCode(s)
		if !ok {
			for _, x := range openinfo.Provinces {
				if x.NameTH == s || strings.EqualFold(x.NameEN, s) {
					p, ok = x, true
				}
			}
		}
		if !ok {
			return f, 0, 0, invalid("ไม่รู้จักจังหวัดนี้ ใช้รหัสจังหวัด 2 หลัก (เช่น 10 กรุงเทพมหานคร) หรือชื่อจังหวัด",
				"Unknown province: use its two-digit code (10 for Bangkok) or its name.")
		}
		f.Province = p.Code
	}
	if s := q.Get("taxonomy_term_id"); s != "" {
		var ok bool
		if f.TermID, ok = parseID(s, prefixTerm); !ok {
			return f, 0, 0, invalid("taxonomy_term_id ต้องอยู่ในรูป term-รหัส", "taxonomy_term_id must look like term-12.")
		}
	}
	f.Limit, f.Offset = perPage, (page-1)*perPage
	f.Totals = &a.totals
	return f, page, perPage, nil
}

// linked is a list page with the URL of the next one (the Link header).
type linked struct {
	v    any
	next string
}

// cursor reads the after parameter: the list goes on after that record
// (keyset pagination: a deep page costs what the first does). It replaces
// page; parse reads the record's ID into the filter.
func cursor(r *http.Request, f *store.OpenFilter, parse func(string) bool) (bool, error) {
	q := r.URL.Query()
	after := q.Get("after")
	if after == "" {
		return false, nil
	}
	if q.Get("page") != "" {
		return false, invalid("ใช้ page หรือ after อย่างใดอย่างหนึ่ง", "Give page or after, not both.")
	}
	if !parse(after) {
		return false, invalid("after ต้องเป็นรหัสของรายการในรายการนี้", "after must be the ID of an item of this list.")
	}
	f.Offset = 0
	return true, nil
}

// listPage wraps a page in HSDS's envelope with a Link to the next page,
// which continues after this page's last item. A page reached by after
// has page_number 0 (its position is not counted); total_items and
// total_pages are the whole list's.
func listPage[T any](a *API, r *http.Request, contents []T, total, page, perPage int, byCursor bool, id func(T) string) any {
	p := newPage(contents, total, page, perPage)
	if byCursor {
		p.PageNumber, p.FirstPage, p.LastPage = 0, false, len(contents) < perPage
	}
	next := ""
	if len(contents) == perPage && !p.LastPage {
		q := r.URL.Query()
		q.Del("page")
		q.Set("after", id(contents[len(contents)-1]))
		next = a.AbsURL(r, r.URL.Path+"?"+q.Encode())
	}
	return linked{p, next}
}

func newPage[T any](contents []T, total, page, perPage int) Page[T] {
	if contents == nil {
		contents = []T{}
	}
	pages := (total + perPage - 1) / perPage
	return Page[T]{TotalItems: total, TotalPages: pages, PageNumber: page, Size: len(contents),
		FirstPage: page == 1, LastPage: page >= pages, Empty: len(contents) == 0, Contents: contents}
}

func (a *API) about(r *http.Request) (any, error) {
	return About{Version: "3.0", Profile: "https://openreferral.org/",
		OpenAPIURL: a.AbsURL(r, "/api/openapi.json"), Licence: LicenceURL, Publisher: "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ (openinfo)",
		Description: "ข้อมูลหน่วยงาน จุดบริการ และคู่มือสำหรับประชาชนที่เผยแพร่แล้ว ตามมาตรฐาน HSDS 3.0 / Published agencies, service points and citizen manuals as HSDS 3.0; see " + a.AbsURL(r, "/open-data")}, nil
}

// LicenceURL is the licence of the open data (see the /open-data page).
const LicenceURL = "https://creativecommons.org/licenses/by/4.0/"

func (a *API) organizations(r *http.Request) (any, error) {
	f, page, per, err := a.query(r)
	if err != nil {
		return nil, err
	}
	if s := r.URL.Query().Get("parent_organization_id"); s != "" {
		var ok bool
		if f.ParentID, ok = parseID(s, prefixAgency); !ok {
			return nil, invalid("parent_organization_id ต้องอยู่ในรูป agency-รหัส", "parent_organization_id must look like agency-123.")
		}
	}
	byCursor, err := cursor(r, &f, func(s string) (ok bool) { f.AfterID, ok = parseID(s, prefixAgency); return })
	if err != nil {
		return nil, err
	}
	list, total, err := a.DB.OpenOrganizations(r.Context(), f)
	if err != nil {
		return nil, err
	}
	url := a.urls(r)
	out := make([]Organization, len(list))
	for i, x := range list {
		out[i] = mapOrganization(x, url)
	}
	return listPage(a, r, out, total, page, per, byCursor, func(o Organization) string { return o.ID }), nil
}

func notFound() error {
	return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบรายการนี้ในข้อมูลที่เผยแพร่", "Nothing published has this ID.")
}

func (a *API) organization(r *http.Request) (any, error) {
	id, ok := parseID(r.PathValue("id"), prefixAgency)
	if !ok {
		return nil, notFound()
	}
	x, err := a.DB.OpenOrganization(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return mapOrganization(x, a.urls(r)), nil
}

func (a *API) services(r *http.Request) (any, error) {
	f, page, per, err := a.query(r)
	if err != nil {
		return nil, err
	}
	byCursor, err := cursor(r, &f, func(s string) (ok bool) { f.AfterKind, f.AfterID, ok = parseServiceID(s); return })
	if err != nil {
		return nil, err
	}
	list, total, err := a.DB.OpenServices(r.Context(), f)
	if err != nil {
		return nil, err
	}
	url := a.urls(r)
	out := make([]Service, len(list))
	for i, x := range list {
		out[i] = mapService(x, url)
	}
	return listPage(a, r, out, total, page, per, byCursor, func(s Service) string { return s.ID }), nil
}

func (a *API) service(r *http.Request) (any, error) {
	kind, id, ok := parseServiceID(r.PathValue("id"))
	if !ok {
		return nil, notFound()
	}
	ctx := r.Context()
	x, err := a.DB.OpenServiceByID(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	s := mapService(x, a.urls(r))
	pins, _, err := a.DB.OpenPins(ctx, store.OpenFilter{Kind: kind, ServiceID: id, Limit: MaxPerPage})
	if err != nil {
		return nil, err
	}
	s.ServiceAtLocations = []ServiceAtLocation{}
	for _, p := range pins {
		s.ServiceAtLocations = append(s.ServiceAtLocations, mapSAL(p))
	}
	return s, nil
}

func (a *API) locations(r *http.Request) (any, error) {
	f, page, per, err := a.query(r)
	if err != nil {
		return nil, err
	}
	byCursor, err := cursor(r, &f, func(s string) (ok bool) { f.AfterID, ok = parseID(s, prefixPoint); return })
	if err != nil {
		return nil, err
	}
	list, total, err := a.DB.OpenLocations(r.Context(), f)
	if err != nil {
		return nil, err
	}
	url := a.urls(r)
	out := make([]Location, len(list))
	for i, x := range list {
		out[i] = mapLocation(x, url)
	}
	return listPage(a, r, out, total, page, per, byCursor, func(l Location) string { return l.ID }), nil
}

func (a *API) location(r *http.Request) (any, error) {
	id, ok := parseID(r.PathValue("id"), prefixPoint)
	if !ok {
		return nil, notFound()
	}
	x, err := a.DB.OpenLocation(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return mapLocation(x, a.urls(r)), nil
}

func (a *API) serviceAtLocations(r *http.Request) (any, error) {
	f, page, per, err := a.query(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	if s := q.Get("service_id"); s != "" {
		var ok bool
		if f.Kind, f.ServiceID, ok = parseServiceID(s); !ok {
			return nil, invalid("service_id ต้องอยู่ในรูป manual-รหัส หรือ service-รหัส", "service_id must look like manual-12 or service-12.")
		}
	}
	if s := q.Get("location_id"); s != "" {
		var ok bool
		if f.PointID, ok = parseID(s, prefixPoint); !ok {
			return nil, invalid("location_id ต้องอยู่ในรูป point-รหัส", "location_id must look like point-12.")
		}
	}
	byCursor, err := cursor(r, &f, func(s string) (ok bool) { f.AfterPoint, f.AfterKind, f.AfterID, ok = parseSALID(s); return })
	if err != nil {
		return nil, err
	}
	list, total, err := a.DB.OpenPins(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := make([]ServiceAtLocation, len(list))
	for i, x := range list {
		out[i] = mapSAL(x)
	}
	return listPage(a, r, out, total, page, per, byCursor, func(s ServiceAtLocation) string { return s.ID }), nil
}

func (a *API) serviceAtLocation(r *http.Request) (any, error) {
	point, kind, id, ok := parseSALID(r.PathValue("id"))
	if !ok {
		return nil, notFound()
	}
	list, _, err := a.DB.OpenPins(r.Context(), store.OpenFilter{Kind: kind, ServiceID: id, PointID: point, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound()
	}
	return mapSAL(list[0]), nil
}

func (a *API) terms(r *http.Request) (any, error) {
	f, page, per, err := a.query(r)
	if err != nil {
		return nil, err
	}
	if f.AgencyID != 0 || f.Province != "" || f.TermID != 0 {
		return nil, invalid("รายการบัญชีบริการกรองตามหน่วยงาน จังหวัด หรือรายการอื่นไม่ได้ ใช้ parent_id หรือ taxonomy",
			"Taxonomy terms cannot be filtered by organization, province or term; use parent_id or taxonomy.")
	}
	q := r.URL.Query()
	if s := q.Get("parent_id"); s != "" {
		var ok bool
		if f.ParentID, ok = parseID(s, prefixTerm); !ok {
			return nil, invalid("parent_id ต้องอยู่ในรูป term-รหัส", "parent_id must look like term-12.")
		}
	}
	if s := q.Get("taxonomy"); s != "" {
		f.Kind = strings.TrimPrefix(s, "opdc-service-catalog:")
		if !openinfo.CatalogKind(f.Kind).Valid() {
			return nil, invalid("ไม่รู้จักบัญชีบริการนี้", "Unknown taxonomy: use opdc-service-catalog:category, :user_group or :tag.")
		}
	}
	byCursor, err := cursor(r, &f, func(s string) (ok bool) { f.AfterID, ok = parseID(s, prefixTerm); return })
	if err != nil {
		return nil, err
	}
	list, total, err := a.DB.OpenTerms(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := make([]Term, len(list))
	for i, x := range list {
		out[i] = mapTerm(x)
	}
	return listPage(a, r, out, total, page, per, byCursor, func(t Term) string { return t.ID }), nil
}

func (a *API) term(r *http.Request) (any, error) {
	id, ok := parseID(r.PathValue("id"), prefixTerm)
	if !ok {
		return nil, notFound()
	}
	t, err := a.DB.OpenTerm(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return mapTerm(*t), nil
}
