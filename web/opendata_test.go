package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/hsds"
)

// publishForAPI publishes a manual of the office, tagged and pinned at its
// point, through the workflow; it returns the process ID.
func publishForAPI(t *testing.T, f *adminFixture) int64 {
	t.Helper()
	ctx := context.Background()
	db := f.db
	if err := db.SeedCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	terms, err := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	if err != nil {
		t.Fatal(err)
	}
	p := &openinfo.Process{AgencyID: f.office.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ", TermIDs: []int64{terms[0].ID}}
	if err := db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	rev, err := db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: f.office.ID, AgencyPath: f.office.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	if _, err := db.SaveDraft(ctx, rev.ID, rev.Version, testManual(p.NameTH), author, f.office.Path); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		ev openinfo.RevisionEvent
		o  openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, rev.ID, step.ev, step.o, f.office.Path, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Pin(ctx, store.PinProcess, p.ID, []int64{f.officePt.ID}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// TestOpenDataPage: /open-data explains the API and the licence and offers
// the day's bulk file with its date and checksum, served by any node from
// the database; before the first file it says so.
func TestOpenDataPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newAdminFixtureOn(t, db)
		publishForAPI(t, f)
		c := http.DefaultClient
		code, page, _ := fetchS(t, c, f.srv.URL+"/open-data")
		if code != 200 || !strings.Contains(page, "CC BY 4.0") || !strings.Contains(page, "ไฟล์ของวันนี้ยังไม่พร้อม") ||
			!strings.Contains(page, "https://info.example.go.th/api/hsds/v3/services?province=50") || !strings.Contains(page, `href="/api/openapi.json"`) {
			t.Fatalf("before the first file: %d\n%s", code, page)
		}
		if code, _, _ := fetchS(t, c, f.srv.URL+"/open-data/csv.zip"); code != 404 {
			t.Fatalf("no file yet: %d", code)
		}
		if err := hsds.BuildBulk(ctx, db, "https://info.example.go.th", time.Now()); err != nil {
			t.Fatal(err)
		}
		file, err := db.LatestOpenDataFile(ctx, "csv")
		if err != nil || file == nil {
			t.Fatal(err)
		}
		bf, err := db.LatestOpenDataFile(ctx, "bundle")
		if err != nil || bf == nil {
			t.Fatalf("no published bundle: %v", err)
		}
		_, page, _ = fetchS(t, c, f.srv.URL+"/open-data")
		byID := func(x *store.OpenDataFile) string {
			return "/open-data/files/" + strconv.FormatInt(x.ID, 10) + "/" + x.FileName
		}
		for _, want := range []string{file.SHA256, file.FileName, `href="` + byID(file) + `"`, `href="` + byID(file) + `.sha256"`, "/open-data/csv.zip", "services 1",
			bf.SHA256, bf.FileName, `href="` + byID(bf) + `"`, `href="` + byID(bf) + `.sha256"`, "/open-data/bundle.zip.sha256", "processes 1", "openinfo import",
			"ผลประเมินความพึงพอใจไม่อยู่ในข้อมูลเปิด"} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		code, body, h := fetch(t, c, f.srv.URL+"/open-data/csv.zip")
		sum := sha256.Sum256(body)
		if code != 200 || hex.EncodeToString(sum[:]) != file.SHA256 || !strings.Contains(h.Get("Content-Disposition"), file.FileName) ||
			h.Get("Content-Type") != "application/zip" {
			t.Fatalf("download: %d %v", code, h)
		}
		if _, s, _ := fetchS(t, c, f.srv.URL+"/open-data/csv.zip.sha256"); s != file.SHA256+"  "+file.FileName+"\n" {
			t.Fatalf("checksum file %q", s)
		}
		// The file's own URLs: the same bytes, cached for good; a wrong name
		// or an unknown ID is not found.
		code, body, h = fetch(t, c, f.srv.URL+byID(file))
		if sum := sha256.Sum256(body); code != 200 || hex.EncodeToString(sum[:]) != file.SHA256 || !strings.Contains(h.Get("Cache-Control"), "immutable") {
			t.Fatalf("the file by its ID: %d %v", code, h)
		}
		if _, s, _ := fetchS(t, c, f.srv.URL+byID(file)+".sha256"); s != file.SHA256+"  "+file.FileName+"\n" {
			t.Fatalf("its checksum %q", s)
		}
		for _, bad := range []string{"/open-data/files/" + strconv.FormatInt(file.ID, 10) + "/" + bf.FileName, "/open-data/files/999999/" + file.FileName, "/open-data/files/x/" + file.FileName} {
			if code, _, _ := fetchS(t, c, f.srv.URL+bad); code != 404 {
				t.Errorf("%s: %d", bad, code)
			}
		}
		code, body, _ = fetch(t, c, f.srv.URL+"/open-data/bundle.zip")
		if sum := sha256.Sum256(body); code != 200 || hex.EncodeToString(sum[:]) != bf.SHA256 {
			t.Fatalf("bundle download: %d", code)
		}
		if _, s, _ := fetchS(t, c, f.srv.URL+"/open-data/bundle.zip.sha256"); s != bf.SHA256+"  "+bf.FileName+"\n" {
			t.Fatalf("bundle checksum file %q", s)
		}
		for _, bad := range []string{"/open-data/xlsx.zip", "/open-data/csv.tar", "/open-data/..%2Fcsv.zip"} {
			if code, _, _ := fetchS(t, c, f.srv.URL+bad); code != 404 {
				t.Errorf("%s: %d", bad, code)
			}
		}
		req, _ := http.NewRequest("GET", f.srv.URL+"/open-data", nil)
		req.Header.Set("Cookie", "lang=en")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var en strings.Builder
		buf := make([]byte, 64<<10)
		for {
			n, err := res.Body.Read(buf)
			en.Write(buf[:n])
			if err != nil {
				break
			}
		}
		res.Body.Close()
		for _, want := range []string{"Open data", "Bulk downloads", "We chose CC BY 4.0", "Satisfaction ratings are not in the open data", "openinfo bundle"} {
			if !strings.Contains(en.String(), want) {
				t.Errorf("the English page lacks %q", want)
			}
		}
		if _, home, _ := fetchS(t, c, f.srv.URL+"/"); !strings.Contains(home, `href="/open-data"`) {
			t.Error("the footer does not link /open-data")
		}
	})
}

// TestOpenAPIDocument: /api/openapi.json is an OpenAPI 3 document whose
// every $ref resolves, and every path it documents answers.
func TestOpenAPIDocument(t *testing.T) {
	f := newAdminFixture(t)
	manual := publishForAPI(t, f)
	c := http.DefaultClient
	code, body, h := fetch(t, c, f.srv.URL+"/api/openapi.json")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %v", code, h)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc["openapi"] != "3.0.3" || doc["info"] == nil {
		t.Fatalf("not OpenAPI 3: %v", doc["openapi"])
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, ref := range strings.Split(string(body), `"$ref": "`)[1:] {
		name := strings.TrimPrefix(ref[:strings.Index(ref, `"`)], "#/components/schemas/")
		if schemas[name] == nil {
			t.Errorf("$ref %s does not resolve", name)
		}
	}
	ids := map[string]string{"/organizations/{id}": "agency-" + itoa(f.office.ID), "/services/{id}": "manual-" + itoa(manual),
		"/locations/{id}": "point-" + itoa(f.officePt.ID), "/service_at_locations/{id}": "point-" + itoa(f.officePt.ID) + ".manual-" + itoa(manual)}
	terms, _ := f.db.CatalogTerms(context.Background(), openinfo.CatalogCategory, false)
	ids["/taxonomy_terms/{id}"] = "term-" + itoa(terms[0].ID)
	paths := doc["paths"].(map[string]any)
	if len(paths) < 13 {
		t.Fatalf("%d paths", len(paths))
	}
	for p := range paths {
		u := p
		if strings.Contains(p, "{id}") {
			id, ok := ids[strings.TrimPrefix(p, hsds.Prefix)]
			if !ok {
				t.Fatalf("no ID to try %s with", p)
			}
			u = strings.Replace(p, "{id}", id, 1)
		}
		code, body, _ := fetch(t, c, f.srv.URL+u)
		search := p == "/api/search" || p == "/api/v1/search" // 503 while no index is loaded, as here
		ok := code == 200 || search && code == 503
		if !ok || !json.Valid(body) {
			t.Errorf("%s: %d %s", u, code, body)
		}
	}
}

// TestOpenDataHeaders: through the whole site, the HSDS API's answers carry
// the cache headers it promises (public for five minutes, an ETag that
// answers 304, CORS that lets a browser read Link, ETag and Retry-After),
// errors and refusals are never cached, and the per-address limit is the
// configured one, which /open-data states.
func TestOpenDataHeaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAdminFixtureOn(t, db, func(c *Config) { c.OpenDataPerMinute = 4 })
		publishForAPI(t, f)
		get := func(path string, header ...string) *http.Response {
			t.Helper()
			req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		list := get(hsds.Prefix + "/organizations?per_page=1")
		h := list.Header
		etag := h.Get("ETag")
		if list.StatusCode != 200 || h.Get("Cache-Control") != "public, max-age=300" || etag == "" || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Link"), `rel="next"`) || !strings.Contains(h.Get("Content-Type"), "application/json") {
			t.Fatalf("list: %d %v", list.StatusCode, h)
		}
		for _, name := range []string{"Link", "ETag", "Retry-After"} {
			if !strings.Contains(h.Get("Access-Control-Expose-Headers"), name) {
				t.Errorf("a browser cannot read %s: Access-Control-Expose-Headers %q", name, h.Get("Access-Control-Expose-Headers"))
			}
		}
		same := get(hsds.Prefix+"/organizations?per_page=1", "If-None-Match", etag)
		if same.StatusCode != 304 || same.Header.Get("ETag") != etag || same.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Fatalf("revalidation: %d %v", same.StatusCode, same.Header)
		}
		missing := get(hsds.Prefix + "/organizations/agency-999999")
		if missing.StatusCode != 404 || missing.Header.Get("Cache-Control") != "no-store" || missing.Header.Get("ETag") != "" {
			t.Fatalf("not found: %d %v", missing.StatusCode, missing.Header)
		}
		// Three requests so far; the limit is 4 (the default is 300). A
		// minute may turn between two requests, so allow for two minutes' worth.
		var over *http.Response
		for range 2*4 + 1 {
			if over = get(hsds.Prefix + "/locations"); over.StatusCode == 429 {
				break
			}
		}
		if over.StatusCode != 429 || over.Header.Get("Retry-After") == "" || over.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("no 429 with a limit of 4 a minute: %d %v", over.StatusCode, over.Header)
		}
		if _, page, _ := fetchS(t, http.DefaultClient, f.srv.URL+"/open-data"); !strings.Contains(page, "เรียกได้ 4 ครั้งต่อนาที") {
			t.Error("/open-data does not state the configured limit")
		}
		doc := get("/api/openapi.json")
		if doc.StatusCode != 200 || !strings.HasPrefix(doc.Header.Get("Cache-Control"), "public") {
			t.Errorf("openapi.json: %d %v", doc.StatusCode, doc.Header)
		}
	})
}
