package web

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/admin"
)

// adminFixture is a back office with a session door for tests: a
// department with a regional office (each with a point) and a foreign
// department.
type adminFixture struct {
	srv                   *httptest.Server
	s                     *Server
	db                    *store.DB
	dept, office, foreign *openinfo.Agency
	deptPoint, officePt   *openinfo.ServicePoint
	foreignPt             *openinfo.ServicePoint
	n                     int
}

func newAdminFixture(t *testing.T, opts ...func(*Config)) *adminFixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "admin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return newAdminFixtureOn(t, db, opts...)
}

// newAdminFixtureOn is newAdminFixture on a migrated database of the
// caller's (both engines, through dbtest.Each).
func newAdminFixtureOn(t *testing.T, db *store.DB, opts ...func(*Config)) *adminFixture {
	t.Helper()
	ctx := context.Background()
	var err error
	f := &adminFixture{db: db}
	mk := func(parent int64, name, en string) *openinfo.Agency {
		typ := openinfo.AgencyDepartment
		if parent != 0 {
			typ = openinfo.AgencyRegionalOffice
		}
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name, NameEN: en}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	f.dept = mk(0, "กรมการขนส่งทางบก", "Department of Land Transport")
	f.office = mk(f.dept.ID, "สำนักงานขนส่งจังหวัดเชียงใหม่", "Chiang Mai Provincial Land Transport Office")
	f.foreign = mk(0, "กรมสรรพากร", "Revenue Department")
	pt := func(a *openinfo.Agency, name string) *openinfo.ServicePoint {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: name, Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.deptPoint = pt(f.dept, "ศูนย์บริการประชาชน กรมการขนส่งทางบก")
	f.officePt = pt(f.office, "งานทะเบียนรถ ขนส่งเชียงใหม่")
	f.foreignPt = pt(f.foreign, "สำนักงานสรรพากรพื้นที่")
	sealer, _ := auth.NewSealer([]byte("test secret, not for production"))
	cfg := Config{DB: db, Logger: slog.New(slog.NewTextHandler(testLogWriter{t}, nil)), Sealer: sealer, BaseURL: "https://info.example.go.th"}
	for _, o := range opts {
		o(&cfg)
	}
	f.s, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.s.Close)
	mux := http.NewServeMux()
	mux.Handle("/", f.s.Handler())
	mux.Handle("/admin/__as", f.s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id int64
		fmt.Sscan(r.URL.Query().Get("user"), &id)
		f.s.sessions.Put(r.Context(), admin.SessionUserID, id)
		f.s.sessions.Put(r.Context(), admin.SessionCSRF, "test-csrf")
	})))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// newOfficer makes an officer with role in agency a (nil for global roles).
func (f *adminFixture) newOfficer(t *testing.T, role openinfo.Role, a *openinfo.Agency) *openinfo.User {
	t.Helper()
	ctx := context.Background()
	f.n++
	u, err := f.db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: fmt.Sprint("s", f.n), GivenName: fmt.Sprint("เจ้าหน้าที่", f.n)})
	if err != nil {
		t.Fatal(err)
	}
	if role.Global() {
		u, err = f.db.GrantGlobalRole(ctx, u.ID, role)
	} else {
		tok, _ := openinfo.NewToken()
		if err = f.db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: a.ID, Role: role}); err == nil {
			u, err = f.db.RedeemToken(ctx, u.ID, tok, time.Now())
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// as returns a client signed in with role in agency a (nil for global roles).
func (f *adminFixture) as(t *testing.T, role openinfo.Role, a *openinfo.Agency) *http.Client {
	t.Helper()
	u := f.newOfficer(t, role, a)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(f.srv.URL + fmt.Sprintf("/admin/__as?user=%d", u.ID))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return c
}

func fetch(t *testing.T, c *http.Client, url string) (int, []byte, http.Header) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	return res.GetText()
}

var svgRunRE = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-\d+z`)

// rasterQRPath draws the dark-module runs of an SVG path (as the poster
// package writes them: "M{x} {y}h{n}v1h-{n}z" in module units) at 8 px per
// module on white, so a real decoder can read the SVG's QR code.
func rasterQRPath(t *testing.T, d string) image.Image {
	t.Helper()
	runs := svgRunRE.FindAllStringSubmatch(d, -1)
	if len(runs) == 0 {
		t.Fatal("no QR modules in the SVG")
	}
	size := 0
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		n, _ := strconv.Atoi(r[3])
		size = max(size, x+n+4, y+1+4)
	}
	const px = 8
	img := image.NewGray(image.Rect(0, 0, size*px, size*px))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		n, _ := strconv.Atoi(r[3])
		for yy := y * px; yy < (y+1)*px; yy++ {
			for xx := x * px; xx < (x+n)*px; xx++ {
				img.SetGray(xx, yy, color.Gray{})
			}
		}
	}
	return img
}

var pathDRE = regexp.MustCompile(`<path[^>]* d="([^"]+)"`)

func TestPosterDownloadsDecode(t *testing.T) {
	f := newAdminFixture(t)
	c := f.as(t, openinfo.RolePointOfficer, f.office)
	code, _ := f.db.RateCode(context.Background(), f.officePt.ID)
	want := "https://info.example.go.th/rate/" + code
	base := f.srv.URL + "/admin/points/" + strconv.FormatInt(f.officePt.ID, 10)

	st, page, _ := fetch(t, c, base+"/poster")
	if st != 200 || !bytes.Contains(page, []byte(`value="`+want+`"`)) || !bytes.Contains(page, []byte("poster/print")) {
		t.Fatalf("poster page %d:\n%s", st, firstError(page))
	}

	// The QR code alone as PNG: a real decoder reads the rating URL back.
	st, b, h := fetch(t, c, base+"/qr.png?download=1")
	if st != 200 || h.Get("Content-Type") != "image/png" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("qr.png: %d %v", st, h)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != want {
		t.Fatalf("PNG decodes to %q, want %q", got, want)
	}
	// As SVG, and inside the A4 poster SVG.
	for _, path := range []string{"/qr.svg", "/poster.svg"} {
		st, b, h = fetch(t, c, base+path)
		if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "image/svg+xml") {
			t.Fatalf("%s: %d", path, st)
		}
		m := pathDRE.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no path", path)
		}
		if got := decodeQR(t, rasterQRPath(t, string(m[1]))); got != want {
			t.Fatalf("%s decodes to %q, want %q", path, got, want)
		}
	}
	// The poster names the agency and the point, in Thai, with the short link.
	if !bytes.Contains(b, []byte("สำนักงานขนส่งจังหวัดเชียงใหม่")) || !bytes.Contains(b, []byte("งานทะเบียนรถ")) ||
		!bytes.Contains(b, []byte("info.example.go.th/rate/"+code)) || !bytes.Contains(b, []byte("ประเมินความพึงพอใจ")) {
		t.Fatal("poster text missing")
	}
	// The print page: A4, its own style allowed, nothing to run.
	st, b, h = fetch(t, c, base+"/poster/print")
	if st != 200 || !bytes.Contains(b, []byte("size: A4")) || !strings.Contains(h.Get("Content-Security-Policy"), "style-src 'unsafe-inline'") ||
		strings.Contains(h.Get("Content-Security-Policy"), "script-src") {
		t.Fatalf("print page %d %s", st, h.Get("Content-Security-Policy"))
	}
	// A point of another department: refused.
	other := f.srv.URL + "/admin/points/" + strconv.FormatInt(f.foreignPt.ID, 10) + "/qr.png"
	if st, _, _ := fetch(t, c, other); st != http.StatusForbidden {
		t.Fatalf("foreign point: %d", st)
	}
}

func TestRatingReportPages(t *testing.T) {
	f := newAdminFixture(t)
	ctx := context.Background()
	w := f.db.NewRatingWriter(store.RatingWriterOptions{})
	bkk := time.FixedZone("ICT", 7*3600)
	for i, p := range []*openinfo.ServicePoint{f.deptPoint, f.officePt, f.officePt, f.foreignPt} {
		r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Answers: [5]int{5, 4, 4, 5, 0},
			Comment: fmt.Sprintf("ความเห็นที่ %d", i), CreatedAt: time.Date(2025, 1, 10+i, 10, 0, 0, 0, bkk)}
		if err := w.Submit(ctx, r, ""); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	q := "&period=2568"
	central := f.as(t, openinfo.RoleCentral, f.dept)
	st, b, _ := fetch(t, central, f.srv.URL+"/admin/reports/ratings?agency="+strconv.FormatInt(f.dept.ID, 10)+q)
	page := string(b)
	if st != 200 || !strings.Contains(page, "สำนักงานขนส่งจังหวัดเชียงใหม่") || !strings.Contains(page, "ความเห็นที่ 1") ||
		strings.Contains(page, "ความเห็นที่ 3") || !strings.Contains(page, "<svg") || !strings.Contains(page, "90.00") {
		t.Fatalf("department report %d\n%s", st, firstError(b))
	}
	// Without ?agency= an agency officer sees their own agency.
	if st, b, _ = fetch(t, central, f.srv.URL+"/admin/reports/ratings?period=2568"); st != 200 || !strings.Contains(string(b), "ความเห็นที่ 2") {
		t.Fatalf("default scope %d", st)
	}
	// A point officer of the regional office may not read the department, nor a foreign point.
	office := f.as(t, openinfo.RolePointOfficer, f.office)
	if st, _, _ = fetch(t, office, f.srv.URL+"/admin/reports/ratings?agency="+strconv.FormatInt(f.dept.ID, 10)+q); st != http.StatusForbidden {
		t.Fatalf("office reads department: %d", st)
	}
	if st, _, _ = fetch(t, office, f.srv.URL+"/admin/reports/ratings.csv?point="+strconv.FormatInt(f.foreignPt.ID, 10)+q); st != http.StatusForbidden {
		t.Fatalf("office exports a foreign point: %d", st)
	}
	if st, b, _ = fetch(t, office, f.srv.URL+"/admin/reports/ratings?point="+strconv.FormatInt(f.officePt.ID, 10)+q); st != 200 || strings.Contains(string(b), "ความเห็นที่ 0") {
		t.Fatalf("office point report %d", st)
	}
	// OPDC sees every agency.
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/reports/ratings?period=2568")
	if st != 200 || !strings.Contains(string(b), "กรมสรรพากร") || !strings.Contains(string(b), "ความเห็นที่ 3") {
		t.Fatalf("OPDC report %d", st)
	}
	// A local government is a root of its own: the country sums the local
	// governments in one row, which opens their list; the export lists
	// every root by name.
	muni := &openinfo.Agency{Type: openinfo.AgencyMunicipality, NameTH: "เทศบาลตำบลทดสอบรายงาน"}
	if err := f.db.CreateAgency(ctx, muni); err != nil {
		t.Fatal(err)
	}
	mp := &openinfo.ServicePoint{AgencyID: muni.ID, NameTH: "งานทะเบียนราษฎร", Kind: openinfo.PointCounter, Visible: true}
	if err := f.db.CreateServicePoint(ctx, mp); err != nil {
		t.Fatal(err)
	}
	w = f.db.NewRatingWriter(store.RatingWriterOptions{})
	if err := w.Submit(ctx, &openinfo.Rating{PointID: mp.ID, AgencyID: muni.ID, QuestionSet: 1, Answers: [5]int{3, 3, 3, 3, 0},
		CreatedAt: time.Date(2025, 2, 1, 10, 0, 0, 0, bkk)}, ""); err != nil {
		t.Fatal(err)
	}
	w.Close()
	st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/reports/ratings?period=2568")
	if page := string(b); st != 200 || strings.Contains(page, muni.NameTH) || !strings.Contains(page, `data-group="local"`) ||
		!strings.Contains(page, "roots=local") || !strings.Contains(page, "กรมสรรพากร") {
		t.Fatalf("OPDC country report with a local government %d\n%s", st, firstError(b))
	}
	st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/reports/ratings?period=2568&roots=local")
	if page := string(b); st != 200 || !strings.Contains(page, muni.NameTH) || strings.Contains(page, "กรมสรรพากร") || !strings.Contains(page, "หน้า 1 จาก 1") {
		t.Fatalf("OPDC local governments %d\n%s", st, firstError(b))
	}
	st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/reports/ratings.csv?period=2568")
	if st != 200 || !strings.Contains(string(b), muni.NameTH) || !strings.Contains(string(b), "กรมสรรพากร") {
		t.Fatalf("OPDC country export %d", st)
	}
	// Exports.
	st, b, h := fetch(t, central, f.srv.URL+"/admin/reports/ratings.csv?agency="+strconv.FormatInt(f.dept.ID, 10)+q)
	if st != 200 || !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFรายงานผลประเมินความพึงพอใจ")) || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv %d %q", st, b[:min(len(b), 60)])
	}
	st, b, h = fetch(t, central, f.srv.URL+"/admin/reports/ratings.xlsx?agency="+strconv.FormatInt(f.dept.ID, 10)+q)
	if st != 200 || !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(h.Get("Content-Disposition"), "satisfaction-2568.xlsx") {
		t.Fatalf("xlsx %d", st)
	}
	// OPDC makes a new question set version; an officer may not.
	if st, _, _ = fetch(t, central, f.srv.URL+"/admin/questions"); st != http.StatusForbidden {
		t.Fatalf("central officer on questions: %d", st)
	}
	res, err := opdc.PostForm(f.srv.URL+"/admin/questions", map[string][]string{"csrf": {"test-csrf"}, "inc_channel": {"yes"},
		"th_channel": {"ท่านพึงพอใจต่อช่องทางการให้บริการเพียงใด"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/questions?saved=1" {
		t.Fatalf("save questions: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	cur, _ := f.db.CurrentQuestionSet(ctx)
	if cur.Version != 2 || !cur.Has(openinfo.DimChannel) || !cur.Has(openinfo.DimStaff) {
		t.Fatalf("current %+v", cur)
	}
	res, _ = opdc.PostForm(f.srv.URL+"/admin/questions", map[string][]string{"csrf": {"test-csrf"}, "th_staff": {""}})
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "กรุณากรอกคำถามภาษาไทย") {
		t.Fatalf("empty question: %d", res.StatusCode)
	}
	// The rating page now asks the new question.
	code, _ := f.db.RateCode(ctx, f.officePt.ID)
	if st, b, _ = fetch(t, http.DefaultClient, f.srv.URL+"/rate/"+code); st != 200 || !strings.Contains(string(b), "ช่องทางการให้บริการ") {
		t.Fatalf("rating page after the new version: %d", st)
	}
}

// TestRatingReportFlagged: the report leaves flagged ratings out of its
// counts and means by default and says how many there are; the officer can
// include them, and the exports follow.
func TestRatingReportFlagged(t *testing.T) {
	f := newAdminFixture(t)
	ctx := context.Background()
	w := f.db.NewRatingWriter(store.RatingWriterOptions{})
	bkk := time.FixedZone("ICT", 7*3600)
	for i, score := range []int{5, 5, 5, 1, 1} {
		r := &openinfo.Rating{PointID: f.officePt.ID, AgencyID: f.office.ID, QuestionSet: 1, Answers: [5]int{score, score, score, score, 0},
			CreatedAt: time.Date(2025, 1, 10, 10, i, 0, 0, bkk), Suspect: score == 1}
		if err := w.Submit(ctx, r, ""); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	c := f.as(t, openinfo.RoleCentral, f.dept)
	base := f.srv.URL + "/admin/reports/ratings?agency=" + strconv.FormatInt(f.office.ID, 10) + "&period=2568"
	st, b, _ := fetch(t, c, base)
	page := string(b)
	if st != 200 || !strings.Contains(page, "ผลประเมิน 2 รายการถูกทำเครื่องหมายว่าน่าสงสัย") || !strings.Contains(page, "จำนวนผู้ประเมิน 3<") ||
		!strings.Contains(page, "ภาพรวม: 5.00") || !strings.Contains(page, "flagged=include") {
		t.Fatalf("default report %d\n%s", st, firstError(b))
	}
	st, b, _ = fetch(t, c, base+"&flagged=include")
	page = string(b)
	if st != 200 || !strings.Contains(page, "ที่ถูกทำเครื่องหมายว่าน่าสงสัย 2 รายการ") || !strings.Contains(page, "จำนวนผู้ประเมิน 5<") ||
		!strings.Contains(page, "ภาพรวม: 3.40") || !strings.Contains(page, `ratings.csv?agency=`) || !strings.Contains(page, "flagged=include&amp;period") {
		t.Fatalf("report with the flagged %d\n%s", st, firstError(b))
	}
	_, b, _ = fetch(t, c, strings.Replace(base, "/ratings?", "/ratings.csv?", 1)+"&flagged=include")
	if !strings.Contains(string(b), "\r\nรวม,0,รวม,5,") {
		t.Fatalf("csv with the flagged:\n%s", b)
	}
}
