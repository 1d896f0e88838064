package web

import (
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type fixture struct {
	srv                    *httptest.Server
	site                   *Server
	db                     *store.DB
	ministry, dept, office *openinfo.Agency
	point, hidden          *openinfo.ServicePoint
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db}
	mk := func(parent int64, typ openinfo.AgencyType, th, en string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: th, NameEN: en,
			Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "50"}, Phones: []string{"053-112-000"}}}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	f.ministry = mk(0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย", "Ministry of Interior")
	f.dept = mk(f.ministry.ID, openinfo.AgencyDepartment, "กรมที่ดิน", "Department of Lands")
	f.office = mk(f.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานที่ดินจังหวัดเชียงใหม่ <script>alert(1)</script>", "Chiang Mai Provincial Land Office")
	f.point = &openinfo.ServicePoint{AgencyID: f.office.ID, NameTH: "ฝ่ายทะเบียน", NameEN: "Registration", Kind: openinfo.PointCounter,
		Address:     openinfo.Address{Line: "ศาลากลางจังหวัดเชียงใหม่ ถนนโชตนา", ProvinceCode: "50", Postcode: "50300"},
		HasLocation: true, Lat: 18.8389, Lon: 98.9706, Phones: []string{"053 112 345 ต่อ 9"}, Hours: openinfo.OfficeHours(), Visible: true}
	f.hidden = &openinfo.ServicePoint{AgencyID: f.office.ID, NameTH: "สาขาที่ปิดแล้ว", Kind: openinfo.PointCounter, Visible: false}
	for _, p := range []*openinfo.ServicePoint{f.point, f.hidden} {
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.srv, f.site = httptest.NewServer(s.Handler()), s
	t.Cleanup(f.srv.Close)
	return f
}

type response struct {
	*http.Response
	body string // the page with the Thai word breaks taken out (plainThai)
	raw  string // the page as sent
}

// thaiBreaks are the marks ui.ThaiWords puts into Thai text: a word kept
// whole and a place to break the line.
var thaiBreaks = regexp.MustCompile(`<span class="w">([^<]*)</span>|<wbr>`)

// plainThai takes the Thai word breaks out of a page, so that tests look
// for the text as written.
func plainThai(s string) string { return thaiBreaks.ReplaceAllString(s, "$1") }

func (f *fixture) get(t *testing.T, path string, header ...string) response {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res, plainThai(string(b)), string(b)}
}

func (r response) want(t *testing.T, status int, contains ...string) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", r.Request.URL, r.StatusCode, status, r.body)
	}
	for _, c := range contains {
		if !strings.Contains(r.body, c) {
			t.Fatalf("%s: body lacks %q\n%s", r.Request.URL, c, r.body)
		}
	}
}

func (r response) wantNot(t *testing.T, absent ...string) {
	t.Helper()
	for _, c := range absent {
		if strings.Contains(r.body, c) {
			t.Fatalf("%s: body has %q", r.Request.URL, c)
		}
	}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPublicPages(t *testing.T) {
	f := newFixture(t)

	home := f.get(t, "/")
	home.want(t, 200, `<html lang="th">`, "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ", `href="/agencies?type=ministry"`, `href="/agencies?province=50"`)
	for h, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if home.Header.Get(h) != v {
			t.Fatalf("%s = %q", h, home.Header.Get(h))
		}
	}
	if !strings.Contains(home.Header.Get("Content-Security-Policy"), "default-src 'self'") || home.Header.Get("X-Request-ID") == "" {
		t.Fatalf("headers = %v", home.Header)
	}

	dir := f.get(t, "/agencies")
	dir.want(t, 200, "กระทรวงมหาดไทย", "ภาคเหนือ")
	f.get(t, "/agencies?type=department").want(t, 200, "กรมที่ดิน", "1 หน่วยงาน")
	f.get(t, "/agencies?q=ที่ดิน&province=50").want(t, 200, "กรมที่ดิน", "2 หน่วยงาน")
	f.get(t, "/agencies?q=ไม่มีหน่วยงานนี้").want(t, 200, "ไม่พบหน่วยงานที่ตรงกับเงื่อนไข")
	// Junk filters and pages are ignored, not errors.
	f.get(t, "/agencies?type=zzz&province=99&page=-4").want(t, 200, "กระทรวงมหาดไทย")
	f.get(t, "/agencies?type=department&page=99").want(t, 200, "ก่อนหน้า")

	ag := f.get(t, "/agencies/"+id(f.office.ID))
	ag.want(t, 200, "สำนักงานที่ดินจังหวัดเชียงใหม่ &lt;script&gt;", "Chiang Mai Provincial Land Office",
		`href="/agencies/`+id(f.dept.ID)+`"`, `href="/points/`+id(f.point.ID)+`"`, "ฝ่ายทะเบียน", "053 112 000")
	ag.wantNot(t, "<script>alert(1)</script>", "สาขาที่ปิดแล้ว")
	// Buddhist-era date.
	if !regexp.MustCompile(`ปรับปรุงข้อมูลล่าสุด \d{1,2} [ก-๙.]+ 25\d\d`).MatchString(ag.body) {
		t.Fatalf("no Buddhist-era date on the agency page:\n%s", ag.body)
	}
	f.get(t, "/agencies/"+id(f.dept.ID)).want(t, 200, "หน่วยงานในสังกัด", `href="/agencies/`+id(f.office.ID)+`"`)

	pt := f.get(t, "/points/"+id(f.point.ID))
	pt.want(t, 200, "ฝ่ายทะเบียน", "จันทร์–ศุกร์ 08:30–16:30 น. (พักเที่ยง 12:00–13:00)", "ยกเว้นวันหยุดที่ทางราชการกำหนด",
		"openstreetmap.org/?mlat=18.838900&amp;mlon=98.970600", `href="tel:053112345;ext=9"`, "053 112 345 ต่อ 9", "กรมที่ดิน")

	// A hidden point is gone for the public; unknown and malformed IDs are 404 pages.
	f.get(t, "/points/"+id(f.hidden.ID)).want(t, 404, "ไม่พบหน้าที่ต้องการ")
	f.get(t, "/points/999999").want(t, 404, "ไม่พบจุดบริการ")
	f.get(t, "/agencies/abc").want(t, 404)
	f.get(t, "/agencies/-1").want(t, 404)
	f.get(t, "/nowhere").want(t, 404, "ไม่พบหน้าที่ต้องการ")
}

func TestEnglishSwitch(t *testing.T) {
	f := newFixture(t)
	sw := f.get(t, "/lang?to=en&next=/agencies/"+id(f.dept.ID))
	if sw.StatusCode != http.StatusSeeOther || sw.Header.Get("Location") != "/agencies/"+id(f.dept.ID) {
		t.Fatalf("switch = %d %q", sw.StatusCode, sw.Header.Get("Location"))
	}
	cookie := sw.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "lang=en") || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Fatalf("cookie = %q", cookie)
	}
	en := f.get(t, "/agencies/"+id(f.dept.ID), "Cookie", "lang=en")
	en.want(t, 200, `<html lang="en">`, "Department of Lands", "Sub-agencies", "Last updated")
	if !regexp.MustCompile(`Last updated \d{1,2} [A-Z][a-z]{2} 20\d\d`).MatchString(en.body) {
		t.Fatal("English page lacks an English date")
	}
	// The switch never redirects off-site.
	for _, next := range []string{"//evil.example", "https://evil.example", `/\evil.example`} {
		if loc := f.get(t, "/lang?to=en&next="+next).Header.Get("Location"); loc != "/" {
			t.Fatalf("next=%s redirected to %q", next, loc)
		}
	}
}

func TestOperations(t *testing.T) {
	f := newFixture(t)
	f.get(t, "/healthz").want(t, 200, "ok")
	f.get(t, "/readyz").want(t, 200, "ready")
	f.get(t, "/agencies")
	// Metrics are not public: on the site only with the bearer token, else
	// on their own listener (MetricsHandler).
	f.get(t, "/metrics").want(t, 404)
	metricsSrv := httptest.NewServer(f.site.MetricsHandler())
	defer metricsSrv.Close()
	mres, err := http.Get(metricsSrv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	mb, _ := io.ReadAll(mres.Body)
	mres.Body.Close()
	for _, want := range []string{`openinfo_http_requests_total{method="GET",route="GET /agencies",status="200"} 1`, "openinfo_http_request_duration_seconds_bucket"} {
		if !strings.Contains(string(mb), want) {
			t.Fatalf("metrics lack %q", want)
		}
	}
	// The static files are served, their directory is not listed.
	f.get(t, "/static/").want(t, 404)
	f.get(t, "/static/style.css").want(t, 200)

	gz := f.get(t, "/agencies", "Accept-Encoding", "gzip")
	if gz.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", gz.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(gz.body))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !strings.Contains(string(b), "กระทรวงมหาดไทย") {
		t.Fatal("gzip body does not decode to the page")
	}
	// Public pages carry an ETag; asking again with it gives 304 and no body.
	page := f.get(t, "/agencies")
	etag := page.Header.Get("ETag")
	if etag == "" || !strings.Contains(page.Header.Get("Cache-Control"), "must-revalidate") {
		t.Fatalf("no validator: %v", page.Header)
	}
	if again := f.get(t, "/agencies", "If-None-Match", etag); again.StatusCode != 304 || again.body != "" {
		t.Fatalf("revalidation = %d (%d bytes)", again.StatusCode, len(again.body))
	}
	if other := f.get(t, "/agencies", "If-None-Match", `W/"other"`); other.StatusCode != 200 {
		t.Fatalf("stale validator = %d", other.StatusCode)
	}
	css := f.get(t, "/static/style.css?v=x")
	if css.StatusCode != 200 || !strings.Contains(css.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("static = %d %v", css.StatusCode, css.Header)
	}
	// A proxy's request ID is kept; a hostile one is replaced.
	if got := f.get(t, "/healthz", "X-Request-ID", "abc-123").Header.Get("X-Request-ID"); got != "abc-123" {
		t.Fatalf("request id = %q", got)
	}
	if got := f.get(t, "/healthz", "X-Request-ID", "<x>").Header.Get("X-Request-ID"); got == "<x>" {
		t.Fatal("hostile request id echoed")
	}

	// The database going away makes the node not ready (but still alive).
	f.db.Close()
	f.get(t, "/readyz").want(t, 503)
	f.get(t, "/healthz").want(t, 200)
	f.get(t, "/agencies").want(t, 500, "ระบบขัดข้อง")
}

// TestMetricsToken: with a token, /metrics answers on the site to that
// bearer token only.
func TestMetricsToken(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsToken: "a-long-monitoring-token"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for auth, want := range map[string]int{"": 404, "Bearer wrong": 404, "a-long-monitoring-token": 404, "Bearer a-long-monitoring-token": 200} {
		req, _ := http.NewRequest("GET", srv.URL+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Authorization %q: %d, want %d", auth, res.StatusCode, want)
		}
	}
}

func TestPanicBecomesErrorPage(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	h := withRequestID(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "ระบบขัดข้อง") || strings.Contains(rec.Body.String(), "boom") {
		t.Fatalf("panic page = %d %s", rec.Code, rec.Body.String())
	}
}
