package hsds

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

type reply struct {
	status int
	header http.Header
	body   string
}

func (f *fixture) get(t *testing.T, path string, header ...string) reply {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return reply{res.StatusCode, res.Header, string(b)}
}

// endpoints: each list with the schema of its items.
var endpoints = []struct{ path, schema string }{
	{"/organizations", "organization"},
	{"/services", "service"},
	{"/locations", "location"},
	{"/service_at_locations", "service_at_location"},
	{"/taxonomy_terms", "taxonomy_term"},
}

// walk reads every page of a list, checks each page and item against the
// schema and the leak list, and returns the items' IDs.
func (f *fixture) walk(t *testing.T, path, schema string, perPage int) []string {
	t.Helper()
	var ids []string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for page := 1; ; page++ {
		r := f.get(t, fmt.Sprintf("%s%s%sper_page=%d&page=%d", Prefix, path, sep, perPage, page))
		if r.status != 200 {
			t.Fatalf("%s page %d: %d %s", path, page, r.status, r.body)
		}
		f.noLeak(t, path, r.body)
		var v map[string]any
		if err := json.Unmarshal([]byte(r.body), &v); err != nil {
			t.Fatal(err)
		}
		errs := checkSchema("page", v, path)
		for i, item := range v["contents"].([]any) {
			errs = append(errs, checkSchema(schema, item, fmt.Sprintf("%s.contents[%d]", path, i))...)
			ids = append(ids, item.(map[string]any)["id"].(string))
		}
		if len(errs) > 0 {
			t.Fatalf("%s page %d breaks HSDS:\n%s", path, page, strings.Join(errs, "\n"))
		}
		if int(v["page_number"].(float64)) != page || v["first_page"].(bool) != (page == 1) {
			t.Fatalf("%s page %d: envelope %s", path, page, r.body)
		}
		if v["last_page"].(bool) {
			if int(v["total_items"].(float64)) != len(ids) {
				t.Fatalf("%s: total_items %v, walked %d", path, v["total_items"], len(ids))
			}
			return ids
		}
		if page > 1000 {
			t.Fatal("no last page")
		}
	}
}

// walkCursor follows the Link headers from the first page and returns the
// items' IDs; every page fits HSDS too.
func (f *fixture) walkCursor(t *testing.T, path, schema string, perPage int) []string {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := fmt.Sprintf("%s%s%sper_page=%d", Prefix, path, sep, perPage)
	var ids []string
	for pages := 0; next != ""; pages++ {
		r := f.get(t, next)
		if r.status != 200 || pages > 1000 {
			t.Fatalf("%s: %d %s", next, r.status, r.body)
		}
		f.noLeak(t, next, r.body)
		var v map[string]any
		json.Unmarshal([]byte(r.body), &v)
		errs := checkSchema("page", v, next)
		for i, item := range v["contents"].([]any) {
			errs = append(errs, checkSchema(schema, item, fmt.Sprintf("%s.contents[%d]", next, i))...)
			ids = append(ids, item.(map[string]any)["id"].(string))
		}
		if len(errs) > 0 {
			t.Fatalf("%s breaks HSDS:\n%s", next, strings.Join(errs, "\n"))
		}
		if pages > 0 && v["page_number"].(float64) != 0 {
			t.Fatalf("%s: a cursor page has page_number %v", next, v["page_number"])
		}
		next = ""
		if link := r.header.Get("Link"); link != "" {
			u := strings.TrimPrefix(link[1:strings.Index(link, ">")], "https://info.example.go.th")
			if !strings.Contains(link, `rel="next"`) || !strings.Contains(u, "after=") || strings.Contains(u, "?page=") || strings.Contains(u, "&page=") {
				t.Fatalf("Link %q", link)
			}
			next = u
		}
	}
	return ids
}

func (f *fixture) noLeak(t *testing.T, where, body string) {
	t.Helper()
	for _, s := range f.secrets {
		variants := []string{s}
		if id, ok := strings.CutSuffix(s, `"`); ok { // an ID: as a JSON string or a CSV cell
			variants = append(variants, id+",", id+"\n", id+"\r\n", id+".")
		}
		for _, v := range variants {
			if strings.Contains(body, v) {
				t.Fatalf("%s shows %q, which is not published:\n%s", where, v, body)
			}
		}
	}
}

// TestAPI walks every list page by page and every record by its ID:
// each response fits HSDS 3.0's fields, holds what is published and
// nothing else (drafts, hidden points, dissolved agencies, unpublished
// services, officers, delay applicants); filters, ETags and errors work.
func TestAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		all := map[string][]string{}
		for _, e := range endpoints {
			all[e.path] = f.walk(t, e.path, e.schema, 2)
			if len(all[e.path]) == 0 || len(slices.Compact(slices.Sorted(slices.Values(all[e.path])))) != len(all[e.path]) {
				t.Fatalf("%s: %v (empty, or an ID twice)", e.path, all[e.path])
			}
			if byCursor := f.walkCursor(t, e.path, e.schema, 2); !slices.Equal(byCursor, all[e.path]) {
				t.Fatalf("%s by cursor %v, by page %v", e.path, byCursor, all[e.path])
			}
			for _, id := range all[e.path] {
				r := f.get(t, Prefix+e.path+"/"+id)
				if r.status != 200 {
					t.Fatalf("%s/%s: %d %s", e.path, id, r.status, r.body)
				}
				f.noLeak(t, e.path+"/"+id, r.body)
				var v any
				json.Unmarshal([]byte(r.body), &v)
				if errs := checkSchema(e.schema, v, e.path+"/"+id); len(errs) > 0 {
					t.Fatalf("%s/%s breaks HSDS:\n%s", e.path, id, strings.Join(errs, "\n"))
				}
			}
		}
		want := map[string][]string{
			"/organizations": {"agency-" + itoa(f.ministry.ID), "agency-" + itoa(f.dept.ID), "agency-" + itoa(f.office.ID), "agency-" + itoa(f.orphan.ID)},
			"/services":      {"manual-" + itoa(f.manual), "service-" + itoa(f.other)},
			"/locations":     {"point-" + itoa(f.point.ID), "point-" + itoa(f.online.ID)},
			"/service_at_locations": {"point-" + itoa(f.point.ID) + ".manual-" + itoa(f.manual), "point-" + itoa(f.online.ID) + ".manual-" + itoa(f.manual),
				"point-" + itoa(f.point.ID) + ".service-" + itoa(f.other)},
		}
		for path, ids := range want {
			if !slices.Equal(ids, all[path]) {
				t.Errorf("%s = %v, want %v", path, all[path], ids)
			}
		}
		if slices.Contains(all["/taxonomy_terms"], "term-"+itoa(f.term.ID)) == false {
			t.Errorf("taxonomy terms lack %d", f.term.ID)
		}

		// What a manual says, in HSDS's words.
		svc := f.get(t, Prefix+"/services/manual-"+itoa(f.manual))
		for _, s := range []string{`"eligibility_description":"ผู้ขอต้องมีอายุไม่ต่ำกว่า 18 ปี"`, `"alternate_name":"ต่อใบขับขี่"`, `"status":"active"`,
			`"amount":505`, `"currency":"THB"`, `"amount_description":"ร้อยละ 2 ต่อเดือน"`, `"taxonomy_term_id":"term-` + itoa(f.term.ID) + `"`,
			`"url":"https://info.example.go.th/manuals/` + itoa(f.manual) + `"`, `"name":"ส่วนกลาง"`, "1. การตรวจสอบเอกสาร: ตรวจสอบเอกสาร (15 นาที)",
			"ระยะเวลาดำเนินการรวม 45 นาที", `"location_id":"point-` + itoa(f.online.ID) + `"`, `"document":"บัตรประจำตัวประชาชน (กรมการปกครอง): ฉบับจริง 1`} {
			if !strings.Contains(svc.body, s) {
				t.Errorf("the manual as a service lacks %s:\n%s", s, svc.body)
			}
		}
		loc := f.get(t, Prefix+"/locations/point-"+itoa(f.point.ID))
		for _, s := range []string{`"location_type":"physical"`, `"latitude":13.8163`, `"state_province":"กรุงเทพมหานคร"`, `"city":"จตุจักร"`,
			`"country":"TH"`, `"byday":"MO,TU,WE,TH,FR"`, `"opens_at":"08:30:00"`, `"closes_at":"12:00:00"`, `"opens_at":"13:00:00"`, `"timezone":7`} {
			if !strings.Contains(loc.body, s) {
				t.Errorf("the point as a location lacks %s:\n%s", s, loc.body)
			}
		}
		org := f.get(t, Prefix+"/organizations/agency-"+itoa(f.dept.ID))
		for _, s := range []string{`"parent_organization_id":"agency-` + itoa(f.ministry.ID) + `"`, `"number":"02 271 8888"`, `"extension":12`, `"alternate_name":"Department of Land Transport"`} {
			if !strings.Contains(org.body, s) {
				t.Errorf("the department lacks %s:\n%s", s, org.body)
			}
		}
		if o := f.get(t, Prefix+"/organizations/agency-"+itoa(f.orphan.ID)); o.status != 200 || strings.Contains(o.body, `"parent_organization_id"`) {
			t.Errorf("an agency under a dissolved one points at it: %s", o.body)
		}
		if !strings.Contains(f.get(t, Prefix+"/locations/point-"+itoa(f.online.ID)).body, `"location_type":"virtual"`) {
			t.Error("an online point is not a virtual location")
		}

		// Filters.
		filtered := []struct {
			path, schema string
			want         []string
		}{
			{"/services?organization_id=agency-" + itoa(f.office.ID), "service", want["/services"]},
			{"/services?organization_id=agency-" + itoa(f.dept.ID), "service", nil},
			{"/services?taxonomy_term_id=term-" + itoa(f.term.ID), "service", []string{"manual-" + itoa(f.manual)}},
			{"/services?province=50", "service", want["/services"]},
			{"/services?province=เชียงใหม่", "service", want["/services"]},
			{"/services?province=10", "service", nil},
			{"/organizations?province=50", "organization", []string{"agency-" + itoa(f.office.ID)}},
			{"/organizations?parent_organization_id=agency-" + itoa(f.dept.ID), "organization", []string{"agency-" + itoa(f.office.ID)}},
			{"/organizations?taxonomy_term_id=term-" + itoa(f.term.ID), "organization", []string{"agency-" + itoa(f.office.ID)}},
			{"/locations?organization_id=agency-" + itoa(f.office.ID), "location", want["/locations"]},
			{"/locations?organization_id=agency-" + itoa(f.dept.ID), "location", nil},
			{"/locations?taxonomy_term_id=term-" + itoa(f.term.ID), "location", want["/locations"]},
			{"/locations?province=Bangkok", "location", want["/locations"]},
			{"/service_at_locations?service_id=service-" + itoa(f.other), "service_at_location", []string{"point-" + itoa(f.point.ID) + ".service-" + itoa(f.other)}},
			{"/service_at_locations?location_id=point-" + itoa(f.online.ID), "service_at_location", []string{"point-" + itoa(f.online.ID) + ".manual-" + itoa(f.manual)}},
			{"/service_at_locations?taxonomy_term_id=term-" + itoa(f.term.ID), "service_at_location", want["/service_at_locations"][:2]},
			{"/taxonomy_terms?taxonomy=opdc-service-catalog:category&per_page=500", "taxonomy_term", nil},
		}
		for _, c := range filtered {
			got := f.walk(t, c.path, c.schema, 500)
			if byCursor := f.walkCursor(t, c.path, c.schema, 1); !slices.Equal(byCursor, got) {
				t.Errorf("%s by cursor %v, by page %v", c.path, byCursor, got)
			}
			if c.want != nil && !slices.Equal(got, c.want) || c.want == nil && len(got) != 0 && !strings.Contains(c.path, "taxonomy=") {
				t.Errorf("%s = %v, want %v", c.path, got, c.want)
			}
		}

		// Not published: 404, whatever the ID's form.
		for _, p := range []string{"/locations/point-" + itoa(f.hidden.ID), "/locations/point-" + itoa(f.gonePoint.ID),
			"/organizations/agency-" + itoa(f.gone.ID), "/services/manual-" + itoa(f.draftOnly), "/services/service-" + itoa(f.unpubSvc),
			"/service_at_locations/point-" + itoa(f.hidden.ID) + ".manual-" + itoa(f.manual), "/services/" + itoa(f.manual),
			"/services/manual-0" + itoa(f.manual), "/organizations/agency-x", "/nothing"} {
			if r := f.get(t, Prefix+p); r.status != 404 || !strings.Contains(r.body, `"error_th"`) {
				t.Errorf("%s: %d %s", p, r.status, r.body)
			}
		}
		for _, p := range []string{"/services?page=0", "/services?per_page=100000", "/services?organization_id=12", "/locations?province=Atlantis",
			"/service_at_locations?service_id=x", "/taxonomy_terms?taxonomy=colour", "/services?after=agency-1", "/services?after=manual-1&page=2",
			"/service_at_locations?after=manual-1", "/locations?after=x"} {
			if r := f.get(t, Prefix+p); r.status != 400 {
				t.Errorf("%s: %d %s", p, r.status, r.body)
			}
		}
		// A page past the end is empty, not an error.
		if r := f.get(t, Prefix+"/services?page=9"); r.status != 200 || !strings.Contains(r.body, `"empty":true`) || !strings.Contains(r.body, `"contents":[]`) {
			t.Errorf("page past the end: %d %s", r.status, r.body)
		}

		// ETag and caching.
		first := f.get(t, Prefix+"/services")
		etag := first.header.Get("ETag")
		if etag == "" || !strings.Contains(first.header.Get("Cache-Control"), "max-age=") || first.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("headers %v", first.header)
		}
		if r := f.get(t, Prefix+"/services", "If-None-Match", etag); r.status != http.StatusNotModified || r.body != "" {
			t.Fatalf("If-None-Match: %d %q", r.status, r.body)
		}
		if r := f.get(t, Prefix+"/services", "If-None-Match", `"other"`); r.status != 200 {
			t.Fatalf("stale ETag: %d", r.status)
		}
		if about := f.get(t, Prefix+"/"); about.status != 200 || !strings.Contains(about.body, `"version":"3.0"`) {
			t.Fatalf("about: %d %s", about.status, about.body)
		}
	})
}

// TestRateLimit: an address gets its requests a minute, then 429 with
// Retry-After; the count lives in the database, so every node shares it.
func TestRateLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		a := &API{DB: db, AbsURL: func(r *http.Request, p string) string { return p }, PerMinute: 3}
		mux := http.NewServeMux()
		a.Register(mux)
		// A second node on the same database.
		b := &API{DB: db, AbsURL: a.AbsURL, PerMinute: 3}
		mux2 := http.NewServeMux()
		b.Register(mux2)
		do := func(m *http.ServeMux) *http.Response {
			req, _ := http.NewRequest("GET", Prefix+"/taxonomy_terms", nil)
			req.RemoteAddr = "192.0.2.7:5555"
			w := &recorder{header: http.Header{}}
			m.ServeHTTP(w, req)
			return &http.Response{StatusCode: w.status, Header: w.header}
		}
		for i, m := range []*http.ServeMux{mux, mux2, mux} {
			if r := do(m); r.StatusCode != 200 {
				t.Fatalf("request %d: %d", i, r.StatusCode)
			}
		}
		r := do(mux2)
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
			t.Fatalf("fourth request: %d %v", r.StatusCode, r.Header)
		}
		if err := db.PruneAPIHits(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

type recorder struct {
	header http.Header
	status int
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return len(b), nil
}
func (r *recorder) WriteHeader(s int) { r.status = s }
