package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/web/api"
)

// TestSearchPages: the results page and the JSON API find a published
// manual by its formal and common names, mark the matched words, filter by
// kind and facet, and answer calmly to empty, huge and binary queries.
func TestSearchPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.db.SeedCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	terms, _ := f.db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	p := &openinfo.Process{AgencyID: f.dept.ID, NameTH: "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", CommonNames: []string{"ทำใบขับขี่"},
		TermIDs: []int64{terms[0].ID}}
	if err := f.db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	r, _ := f.db.OpenRevision(ctx, p.ID)
	c := testManual(p.NameTH)
	c.Steps[0].Detail = "ตรวจสอบเอกสาร <script>alert(1)</script> และทดสอบสายตา"
	if _, err := f.db.SaveDraft(ctx, r.ID, r.Version, c, author, f.dept.Path); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		ev  openinfo.RevisionEvent
		who openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := f.db.ApplyRevision(ctx, r.ID, s.ev, s.who, f.dept.Path, ""); err != nil {
			t.Fatal(err)
		}
	}
	ix := search.New(thai.Default())
	defer ix.Close()
	feed := searchfeed.New(f.db, ix, nil)
	if err := feed.Load(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Search: ix, SearchReady: feed.Ready})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path string) (int, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	q := func(s string) string { return url.QueryEscape(s) }

	code, body := get("/search?q=" + q("ทำใบขับขี่"))
	if code != 200 || !strings.Contains(body, `href="/manuals/`) || !strings.Contains(body, "<mark>") {
		t.Fatalf("common name: %d\n%s", code, body)
	}
	code, body = get("/search?q=" + q("ใบอนุญาตขับรถ") + "&kind=manual&category=" + terms[0].Code)
	if code != 200 || !strings.Contains(body, "การขอรับ") || !strings.Contains(body, `aria-current="page"`) {
		t.Fatalf("formal name with filters: %d\n%s", code, body)
	}
	if _, body = get("/search?q=" + q("ทดสอบสายตา")); strings.Contains(body, "<script>alert") {
		t.Fatal("a snippet was not escaped")
	}
	if _, body = get("/search?q=" + q("ใบขับขี่") + "&kind=agency"); strings.Contains(body, `href="/manuals/`) {
		t.Fatal("the agency tab lists manuals")
	}
	// The agency and the service point are found too.
	if _, body = get("/search?q=" + q("กรมที่ดิน")); !strings.Contains(body, `href="/agencies/`) {
		t.Fatalf("agency not found:\n%s", body)
	}
	// Calm answers to odd input.
	for _, odd := range []string{"", q(strings.Repeat("ใบขับขี่ ", 500)), "%ff%fe%00%01", q("<>\"'&"), q("ใบขับขี่") + "&page=-5", q("ใบขับขี่") + "&page=99999999"} {
		if code, body := get("/search?q=" + odd); code != 200 || strings.Contains(body, "<>\"'&") {
			t.Fatalf("odd query %q: %d", odd, code)
		}
	}
	// JSON.
	code, body = get("/api/search?q=" + q("ทำใบขับขี่"))
	var res api.SearchV1
	if err := json.Unmarshal([]byte(body), &res); err != nil || code != 200 || res.Total < 1 || res.Hits[0].Kind != string(search.KindManual) ||
		!strings.HasSuffix(res.Hits[0].URL, "/manuals/"+itoa(p.ID)) || len(res.Facets["kind"]) == 0 {
		t.Fatalf("api: %d %v %+v\n%s", code, err, res, body)
	}
	// Until the index is built, search says so and readiness is withheld.
	cold, _ := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Search: search.New(nil), SearchReady: func() bool { return false }})
	rec := httptest.NewRecorder()
	cold.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=x", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), "กำลังเตรียมข้อมูล") {
		t.Fatalf("cold search: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	cold.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != 503 {
		t.Fatalf("cold readyz: %d", rec.Code)
	}
}

// TestSearchGrouped: copies of one process at many agencies are one result
// that says where it is offered, the province chosen for them is
// remembered (and the cached page follows the choice), and ungroup=1 lists
// every copy; the JSON API groups the same way (issue 16, point 1).
func TestSearchGrouped(t *testing.T) {
	f := newFixture(t)
	ix := search.New(thai.Default())
	defer ix.Close()
	var docs []search.Doc
	for i := range 120 {
		docs = append(docs, search.Doc{Kind: search.KindManual, ID: int64(1000 + i), Title: "การขออนุญาตก่อสร้างอาคาร",
			Agency: "เทศบาลตำบลที่ " + itoa(int64(i)), Facets: map[string][]string{search.FacetProvince: {itoa(int64(10 + i%6))}}})
	}
	docs = append(docs, search.Doc{Kind: search.KindManual, ID: 2000, Title: "การแจ้งก่อสร้างอาคารตามมาตรา 39 ทวิ", Agency: "กรุงเทพมหานคร",
		Facets: map[string][]string{search.FacetProvince: {"10"}}})
	ix.Upsert(docs...)
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Search: ix, SearchReady: func() bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path, near string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if near != "" {
			req.AddCookie(&http.Cookie{Name: "near", Value: near})
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	q := "/search?q=" + url.QueryEscape("ขออนุญาตก่อสร้างอาคาร")
	_, body := get(q, "")
	if strings.Count(body, `class="hit"`) != 2 || !strings.Contains(body, "มีให้บริการ 120 แห่ง") || !strings.Contains(body, `name="near"`) ||
		!strings.Contains(body, "ungroup=1") {
		t.Fatalf("grouped page:\n%s", body)
	}
	// Choosing a province remembers it.
	res, body := get(q+"&near=13", "")
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "near" {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "13" || !strings.Contains(body, "เทศบาลตำบลที่ 3<") || !strings.Contains(body, "ในจังหวัดปทุมธานี") {
		t.Fatalf("near=13: cookie %v\n%s", cookie, body)
	}
	for _, near := range []string{"13", "14", "13"} { // twice each: the second from the cache
		for range 2 {
			_, body = get(q, near)
			want := map[string]string{"13": "เทศบาลตำบลที่ 3<", "14": "เทศบาลตำบลที่ 4<"}[near]
			if !strings.Contains(body, want) {
				t.Fatalf("remembered %s: want %q\n%s", near, want, body)
			}
		}
	}
	// Every copy, on request.
	if _, body = get(q+"&ungroup=1", ""); strings.Count(body, `class="hit"`) != 20 || strings.Contains(body, "มีให้บริการ") {
		t.Fatalf("ungrouped page:\n%s", body)
	}
	// JSON.
	var out api.SearchV1
	_, body = get("/api/v1/search?q="+url.QueryEscape("ขออนุญาตก่อสร้างอาคาร")+"&near=15", "")
	if err := json.Unmarshal([]byte(body), &out); err != nil || !out.Grouped || len(out.Hits) != 2 || out.Hits[0].Copies != 120 ||
		!out.Hits[0].Near || out.Hits[0].Agency != "เทศบาลตำบลที่ 5" || out.Hits[1].Copies != 1 {
		t.Fatalf("api grouped: %v %+v", err, out)
	}
	_, body = get("/api/v1/search?q="+url.QueryEscape("ขออนุญาตก่อสร้างอาคาร")+"&ungroup=1", "")
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.Grouped || len(out.Hits) != 20 || out.Hits[0].Copies != 1 {
		t.Fatalf("api ungrouped: %v %+v", err, out)
	}
}
