package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type rateFixture struct {
	srv   *httptest.Server
	db    *store.DB
	point *openinfo.ServicePoint
	code  string
}

func newRateFixture(t *testing.T, perHour int) *rateFixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "rate.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก", NameEN: "Department of Land Transport"}
	if err := db.CreateAgency(ctx, a); err != nil {
		t.Fatal(err)
	}
	p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: "งานทะเบียนรถ", NameEN: "Vehicle registration", Kind: openinfo.PointCounter, Visible: true}
	if err := db.CreateServicePoint(ctx, p); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(testLogWriter{t}, nil)), RatingsPerHour: perHour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	code, err := db.RateCode(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &rateFixture{srv: srv, db: db, point: p, code: code}
}

func noRedirect() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (f *rateFixture) post(t *testing.T, c *http.Client, path string, form url.Values) (int, string, *http.Response) {
	t.Helper()
	res, err := c.PostForm(f.srv.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b), res
}

func (f *rateFixture) getPage(t *testing.T, c *http.Client, path string) (int, string, *http.Response) {
	t.Helper()
	res, err := c.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b), res
}

func goodAnswers() url.Values {
	return url.Values{"v": {"1"}, "q_process": {"5"}, "q_staff": {"4"}, "q_facilities": {"3"}, "q_result": {"5"},
		"r_sex": {"female"}, "comment": {"เจ้าหน้าที่บริการดีมาก ขอบคุณครับ"}}
}

func (f *rateFixture) count(t *testing.T) int64 {
	n, err := f.db.RatingCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRateRoundTrip(t *testing.T) {
	f := newRateFixture(t, 0)
	c := noRedirect()
	// The public point page links to the rating page.
	st, body, _ := f.getPage(t, c, "/points/"+strconv.FormatInt(f.point.ID, 10))
	if st != 200 || !strings.Contains(body, `/points/`+strconv.FormatInt(f.point.ID, 10)+`/rate`) {
		t.Fatalf("point page %d lacks the rating link", st)
	}
	st, _, res := f.getPage(t, c, "/points/"+strconv.FormatInt(f.point.ID, 10)+"/rate")
	if st != http.StatusSeeOther || res.Header.Get("Location") != "/rate/"+f.code {
		t.Fatalf("point rate link: %d %s", st, res.Header.Get("Location"))
	}
	// A code typed in lower case with a dash is sent to its canonical form.
	st, _, res = f.getPage(t, c, "/rate/"+strings.ToLower(f.code[:3])+"-"+f.code[3:])
	if st != http.StatusMovedPermanently || res.Header.Get("Location") != "/rate/"+f.code {
		t.Fatalf("canonical redirect: %d %s", st, res.Header.Get("Location"))
	}
	st, body, _ = f.getPage(t, c, "/rate/"+f.code)
	if st != 200 || !strings.Contains(body, "ท่านพึงพอใจต่อขั้นตอนการให้บริการเพียงใด") || !strings.Contains(body, "งานทะเบียนรถ") ||
		!strings.Contains(body, `name="q_result"`) || strings.Contains(body, "<script") {
		t.Fatalf("form: %d\n%s", st, body)
	}
	st, _, res = f.post(t, c, "/rate/"+f.code, goodAnswers())
	if st != http.StatusSeeOther || res.Header.Get("Location") != "/rate/"+f.code+"/thanks" {
		t.Fatalf("submit: %d %s", st, res.Header.Get("Location"))
	}
	st, body, _ = f.getPage(t, c, "/rate/"+f.code+"/thanks")
	if st != 200 || !strings.Contains(body, "ขอบคุณที่ร่วมประเมิน") {
		t.Fatalf("thanks: %d", st)
	}
	rs, err := f.db.Ratings(context.Background(), store.RatingFilter{})
	if err != nil || len(rs) != 1 {
		t.Fatalf("%d ratings, %v", len(rs), err)
	}
	r := rs[0]
	if r.PointID != f.point.ID || r.Answers != [5]int{5, 4, 3, 5, 0} || r.Respondent.Sex != "female" ||
		r.Comment != "เจ้าหน้าที่บริการดีมาก ขอบคุณครับ" || r.QuestionSet != 1 || r.Channel != "qr" {
		t.Fatalf("stored %+v", r)
	}
	// English.
	req, _ := http.NewRequest("GET", f.srv.URL+"/rate/"+f.code, nil)
	req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
	res, _ = http.DefaultClient.Do(req)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), "How satisfied are you with the staff?") {
		t.Fatal("no English form")
	}
}

func TestRateOncePerDay(t *testing.T) {
	f := newRateFixture(t, 0)
	c := noRedirect()
	f.getPage(t, c, "/rate/"+f.code) // gets the device cookie
	if st, _, _ := f.post(t, c, "/rate/"+f.code, goodAnswers()); st != http.StatusSeeOther {
		t.Fatalf("first: %d", st)
	}
	st, body, _ := f.post(t, c, "/rate/"+f.code, goodAnswers())
	if st != http.StatusConflict || !strings.Contains(body, "ท่านได้ประเมินจุดบริการนี้แล้วในวันนี้") {
		t.Fatalf("second the same day: %d", st)
	}
	if n := f.count(t); n != 1 {
		t.Fatalf("%d ratings stored", n)
	}
	// Another device (no cookie) may rate.
	if st, _, _ := f.post(t, noRedirect(), "/rate/"+f.code, goodAnswers()); st != http.StatusSeeOther {
		t.Fatalf("another device: %d", st)
	}
	rej, _ := f.db.Rejections(context.Background(), f.point.ID)
	if rej[store.RejectOncePerDay] != 1 {
		t.Fatalf("rejections %v", rej)
	}
}

func TestRateRateLimit(t *testing.T) {
	f := newRateFixture(t, 3)
	for i := 0; i < 3; i++ {
		// Each a new device: only the address ties them together.
		if st, _, _ := f.post(t, noRedirect(), "/rate/"+f.code, goodAnswers()); st != http.StatusSeeOther {
			t.Fatalf("rating %d: %d", i, st)
		}
	}
	st, body, res := f.post(t, noRedirect(), "/rate/"+f.code, goodAnswers())
	if st != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "มากเกินไป") {
		t.Fatalf("4th: %d %q", st, res.Header.Get("Retry-After"))
	}
	if n := f.count(t); n != 3 {
		t.Fatalf("%d ratings stored", n)
	}
	rej, _ := f.db.Rejections(context.Background(), f.point.ID)
	if rej[store.RejectRateLimited] != 1 {
		t.Fatalf("rejections %v", rej)
	}
}

func TestRateBadAnswers(t *testing.T) {
	f := newRateFixture(t, 0)
	cases := []struct {
		name string
		edit func(url.Values)
		want string // text on the page
	}{
		{"missing question", func(v url.Values) { v.Del("q_staff") }, "กรุณาเลือกระดับความพึงพอใจ ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ"},
		{"value 0", func(v url.Values) { v.Set("q_process", "0") }, "ระดับความพึงพอใจต้องเป็น 1 ถึง 5"},
		{"value 6", func(v url.Values) { v.Set("q_result", "6") }, "ระดับความพึงพอใจต้องเป็น 1 ถึง 5"},
		{"unasked question", func(v url.Values) { v.Set("q_channel", "5") }, "ไม่มีคำถามนี้ในชุดคำถาม"},
		{"oversized comment", func(v url.Values) { v.Set("comment", strings.Repeat("ดี", 501)) }, "ข้อเสนอแนะยาวเกิน 1000 ตัวอักษร"},
		{"bad profile", func(v url.Values) { v.Set("r_age", "200") }, "ข้อมูลผู้ตอบไม่ถูกต้อง"},
	}
	for _, c := range cases {
		v := goodAnswers()
		c.edit(v)
		st, body, _ := f.post(t, noRedirect(), "/rate/"+f.code, v)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, "ข้อมูลการประเมินไม่ถูกต้อง") {
			t.Errorf("%s: %d, want 422 with %q", c.name, st, c.want)
		}
		// The answers given are kept in the form.
		if c.name == "missing question" && !strings.Contains(body, `value="5" checked`) {
			t.Errorf("%s: answers not kept", c.name)
		}
	}
	// Unknown and mistyped codes.
	unknown := openinfo.RateCodeFor(987654)
	if st, body, _ := f.post(t, noRedirect(), "/rate/"+unknown, goodAnswers()); st != http.StatusNotFound || !strings.Contains(body, "รหัสจุดบริการไม่ถูกต้อง") {
		t.Errorf("unknown code: %d", st)
	}
	typo := f.code[:2] + f.code[3:4] + f.code[2:3] + f.code[4:]
	if typo != f.code {
		if st, _, _ := f.getPage(t, noRedirect(), "/rate/"+typo); st != http.StatusNotFound {
			t.Errorf("swapped letters: %d", st)
		}
	}
	if st, _, _ := f.getPage(t, noRedirect(), "/rate/NOTACODE"); st != http.StatusNotFound {
		t.Errorf("garbage code: %d", st)
	}
	if n := f.count(t); n != 0 {
		t.Fatalf("%d bad ratings stored", n)
	}
	rej, _ := f.db.Rejections(context.Background(), 0)
	if rej[store.RejectInvalid] != int64(len(cases)) || rej[store.RejectUnknownCode] < 2 {
		t.Fatalf("rejections %v", rej)
	}
	// The code entry page catches a typo before any lookup.
	if st, body, _ := f.getPage(t, noRedirect(), "/rate?code="+url.QueryEscape(typo)); typo != f.code && (st != 404 || !strings.Contains(body, "รหัสจุดบริการไม่ถูกต้อง")) {
		t.Errorf("entry with typo: %d", st)
	}
	if st, _, res := f.getPage(t, noRedirect(), "/rate?code="+strings.ToLower(f.code)); st != http.StatusSeeOther || res.Header.Get("Location") != "/rate/"+f.code {
		t.Errorf("entry: %d", st)
	}
}

// testLogWriter sends the server's log to the test log, shown on failure.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// TestRateStuffing: a loop without cookies at one point is capped at the
// per-point limit and its ratings after the first are flagged; a citizen
// at another point behind the same address is still accepted, unflagged;
// a refused citizen gets the form back with their answers, in their
// language.
func TestRateStuffing(t *testing.T) {
	f := newRateFixture(t, 0) // the defaults: 120 an hour per address, 20 per point
	ctx := context.Background()
	other := &openinfo.ServicePoint{AgencyID: f.point.AgencyID, NameTH: "งานใบอนุญาตขับรถ", Kind: openinfo.PointCounter, Visible: true}
	if err := f.db.CreateServicePoint(ctx, other); err != nil {
		t.Fatal(err)
	}
	otherCode, _ := f.db.RateCode(ctx, other.ID)
	bare := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	accepted := 0
	var body string
	for range 60 {
		var st int
		var res *http.Response
		st, body, res = f.post(t, bare, "/rate/"+f.code, goodAnswers())
		switch st {
		case http.StatusSeeOther:
			accepted++
		case http.StatusTooManyRequests:
			if res.Header.Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		default:
			t.Fatalf("loop: %d", st)
		}
	}
	if accepted != 20 {
		t.Fatalf("a cookie-less loop got %d ratings accepted at one point, want the per-point limit 20", accepted)
	}
	// The refusal shows the form again, filled in.
	for _, want := range []string{"มากเกินไป", "คำตอบของท่านยังอยู่ในแบบฟอร์ม", `name="q_process" value="5" checked`,
		`name="q_facilities" value="3" checked`, "เจ้าหน้าที่บริการดีมาก ขอบคุณครับ</textarea>", `value="female" selected`} {
		if !strings.Contains(body, want) {
			t.Fatalf("the refused form lacks %q\n%s", want, body)
		}
	}
	// A citizen at another point of the office, same address, with a browser.
	c := noRedirect()
	if st, _, _ := f.getPage(t, c, "/rate/"+otherCode); st != 200 {
		t.Fatalf("form: %d", st)
	}
	if st, _, _ := f.post(t, c, "/rate/"+otherCode, goodAnswers()); st != http.StatusSeeOther {
		t.Fatalf("a citizen at another point behind the same address: %d", st)
	}
	all, err := f.db.Ratings(ctx, store.RatingFilter{Suspect: store.SuspectInclude})
	if err != nil || len(all) != 21 {
		t.Fatalf("%d ratings stored, %v", len(all), err)
	}
	flagged := 0
	for i, r := range all {
		if r.Suspect {
			flagged++
		}
		if (i == 0 || r.PointID == other.ID) && r.Suspect {
			t.Fatalf("rating %d (point %d) flagged", i, r.PointID)
		}
	}
	if flagged != 19 {
		t.Fatalf("%d of the loop's 20 flagged, want 19 (all but the first)", flagged)
	}
	rej, _ := f.db.Rejections(ctx, f.point.ID)
	if rej[store.RejectRateLimited] != 40 {
		t.Fatalf("rejections %v", rej)
	}
	// In English.
	req, _ := http.NewRequest("POST", f.srv.URL+"/rate/"+f.code, strings.NewReader(goodAnswers().Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
	res, err := bare.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(b), "Too many ratings") ||
		!strings.Contains(string(b), "Your answers are still in the form") || !strings.Contains(string(b), `name="q_staff" value="4" checked`) {
		t.Fatalf("English refusal: %d\n%s", res.StatusCode, b)
	}
}
