package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/admin"
)

// manualForm writes a manual as the editor's form posts it.
func manualForm(c openinfo.ManualContent, version int64) url.Values {
	f := url.Values{"csrf": {"wf"}, "version": {fmt.Sprint(version)}, "name": {c.Name}, "agency_name": {c.AgencyName},
		"service_type": {string(c.ServiceType)}, "category": {string(c.Category)}, "impact": {string(c.Impact)},
		"reference_name": {c.ReferenceName}, "criteria": {c.Criteria}, "remarks": {c.Remarks},
		"time_limit.law": {c.TimeLimit.Law}, "time_limit.value": {fmt.Sprint(c.TimeLimit.Value)}, "time_limit.unit": {string(c.TimeLimit.Unit)},
		"stats.avg_per_month": {fmt.Sprint(c.Stats.AvgPerMonth)}, "stats.max": {fmt.Sprint(c.Stats.Max)}, "stats.min": {fmt.Sprint(c.Stats.Min)}}
	for _, a := range c.ServiceAreas {
		f.Add("service_areas", string(a))
	}
	if c.ReducedSteps {
		f.Set("reduced_steps", "1")
	}
	if c.NoDocuments {
		f.Set("no_documents", "1")
	}
	row := func(section string, i int, kv ...string) {
		for j := 0; j+1 < len(kv); j += 2 {
			f.Set(fmt.Sprintf("%s[%d].%s", section, i, kv[j]), kv[j+1])
		}
	}
	for i, x := range c.LegalBases {
		row("legal_bases", i, "kind", x.Kind, "name", x.Name, "year_be", fmt.Sprint(x.YearBE), "section", x.Section)
	}
	for i, x := range c.Channels {
		row("channels", i, "kind", string(x.Kind), "place", x.Place, "phone", x.Phone, "hours", x.Hours, "url", x.URL, "note", x.Note)
	}
	for i, x := range c.Steps {
		row("steps", i, "type", string(x.Type), "detail", x.Detail, "duration", strconv.FormatFloat(x.Duration, 'f', -1, 64),
			"unit", string(x.Unit), "responsible", x.Responsible, "note", x.Note)
	}
	for i, x := range c.Documents {
		row("documents", i, "group", string(x.Group), "name", x.Name, "issuer", x.Issuer, "originals", fmt.Sprint(x.Originals),
			"copies", fmt.Sprint(x.Copies), "unit", string(x.Unit), "note", x.Note)
	}
	for i, x := range c.Fees {
		row("fees", i, "detail", x.Detail, "amount", strconv.FormatFloat(x.Amount, 'f', -1, 64), "unit", string(x.Unit), "note", x.Note)
	}
	for i, x := range c.Complaints {
		row("complaints", i, "channel", x.Channel, "detail", x.Detail)
	}
	for i, x := range c.Attachments {
		row("attachments", i, "name", x.Name, "key", x.Key, "content_type", x.ContentType, "size", fmt.Sprint(x.Size))
	}
	return f
}

type officerClient struct {
	t   *testing.T
	srv *httptest.Server
	c   *http.Client
}

type page2 struct {
	code int
	body string
	url  *url.URL
}

func (o officerClient) do(req *http.Request) page2 {
	o.t.Helper()
	res, err := o.c.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page2{res.StatusCode, html.UnescapeString(string(b)), res.Request.URL}
}

func (o officerClient) get(path string) page2 {
	req, _ := http.NewRequest("GET", o.srv.URL+path, nil)
	return o.do(req)
}

func (o officerClient) post(path string, form url.Values) page2 {
	form.Set("csrf", "wf")
	req, _ := http.NewRequest("POST", o.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return o.do(req)
}

func (o officerClient) upload(path, name string, data []byte, version int64) page2 {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", "wf")
	mw.WriteField("version", fmt.Sprint(version))
	mw.WriteField("title", "แบบคำขอ")
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", o.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return o.do(req)
}

func (p page2) want(t *testing.T, code int, contains ...string) {
	t.Helper()
	if p.code != code {
		t.Fatalf("%s: %d, want %d\n%s", p.url, p.code, code, firstError([]byte(p.body)))
	}
	for _, c := range contains {
		if !strings.Contains(plainThai(p.body), c) {
			t.Fatalf("%s: no %q in\n%s", p.url, c, p.body)
		}
	}
}

func lastID(u *url.URL) int64 {
	parts := strings.Split(strings.TrimSuffix(u.Path, "/edit"), "/")
	n, _ := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	return n
}

// TestManualWorkflowOverHTTP: an author writes a manual in the structured
// editor and submits it; the agency's reviewer returns it; the author fixes
// and resubmits; the reviewer and OPDC approve and it is published. A second
// revision goes the same way while the first stays public until the moment
// OPDC approves. Bad input and a stale save are refused, losing nothing.
func TestManualWorkflowOverHTTP(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "wf.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.SeedCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	dlt := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก"}
	if err := db.CreateAgency(ctx, dlt); err != nil {
		t.Fatal(err)
	}
	office := &openinfo.Agency{ParentID: dlt.ID, Type: openinfo.AgencyRegionalOffice, NameTH: "สำนักงานขนส่งจังหวัดเชียงใหม่"}
	if err := db.CreateAgency(ctx, office); err != nil {
		t.Fatal(err)
	}
	point := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "งานใบอนุญาตขับรถ ชั้น 1", Kind: openinfo.PointCounter, Visible: true}
	if err := db.CreateServicePoint(ctx, point); err != nil {
		t.Fatal(err)
	}
	n := 0
	user := func(role openinfo.Role) *openinfo.User {
		n++
		u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: fmt.Sprint("wf", n), GivenName: string(role)})
		if err != nil {
			t.Fatal(err)
		}
		if role.Global() {
			u, err = db.GrantGlobalRole(ctx, u.ID, role)
		} else {
			tok, _ := openinfo.NewToken()
			if err = db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: dlt.ID, Role: role}); err == nil {
				u, err = db.RedeemToken(ctx, u.ID, tok, time.Now())
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	authorU, reviewerU, opdcU := user(openinfo.RoleAuthor), user(openinfo.RoleReviewer), user(openinfo.RoleOPDC)

	sealer, _ := auth.NewSealer([]byte("workflow secret, not for production"))
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Sealer: sealer})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/admin/__as", s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id int64
		fmt.Sscan(r.URL.Query().Get("user"), &id)
		s.sessions.Put(r.Context(), admin.SessionUserID, id)
		s.sessions.Put(r.Context(), admin.SessionCSRF, "wf")
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	as := func(u *openinfo.User) officerClient {
		jar, _ := cookiejar.New(nil)
		o := officerClient{t, srv, &http.Client{Jar: jar}}
		o.get(fmt.Sprintf("/admin/__as?user=%d", u.ID))
		return o
	}
	author, reviewer, opdc := as(authorU), as(reviewerU), as(opdcU)
	public := officerClient{t, srv, &http.Client{}}

	// The author creates the process and opens its first revision.
	terms, _ := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	pg := author.post("/admin/processes/new", url.Values{"agency": {id(dlt.ID)}, "name_th": {"การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว"},
		"common_names": {"ทำใบขับขี่\nสอบใบขับขี่"}, "terms": {id(terms[0].ID)}})
	pg.want(t, 200, "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", "ทำใบขับขี่, สอบใบขับขี่")
	procID := lastID(pg.url)
	author.post("/admin/processes/new", url.Values{"agency": {id(dlt.ID)}, "name_th": {"Driving licence"}}).
		want(t, 422, "ต้องมีอักษรไทย")
	pg = author.post(fmt.Sprintf("/admin/processes/%d/revisions", procID), url.Values{})
	pg.want(t, 200, `name="steps[0].duration"`, "1111")
	revPath := fmt.Sprintf("/admin/revisions/%d", lastID(pg.url))
	revision := func() *openinfo.ManualRevision {
		r, err := db.Revision(ctx, lastID(pg.url))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	// Bad input: a negative duration and fee, a word for a number. Refused
	// with the message at the field, what was typed kept, nothing saved.
	c := testManual("การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว")
	c.Fees = []openinfo.Fee{{Detail: "ค่าธรรมเนียมใบอนุญาต", Amount: 100, Unit: openinfo.FeeBaht}}
	bad := manualForm(c, 1)
	bad.Set("steps[0].duration", "-15")
	bad.Set("fees[0].amount", "-100")
	author.post(revPath+"/edit", bad).want(t, 422, "ต้องไม่ติดลบ", `value="-15"`, `value="-100"`)
	bad.Set("steps[0].duration", "สิบห้า")
	author.post(revPath+"/edit", bad).want(t, 422, `"สิบห้า" ไม่ใช่ตัวเลข`, `value="สิบห้า"`)
	if r := revision(); r.Version != 1 || len(r.Content.Steps) != 0 {
		t.Fatalf("a refused save changed the draft: %+v", r)
	}
	// An incomplete draft saves, but cannot be submitted.
	author.post(revPath+"/edit", manualForm(openinfo.ManualContent{Name: c.Name}, 1)).want(t, 200, "บันทึกเรียบร้อยแล้ว")
	author.post(revPath+"/submit", url.Values{}).want(t, 422, "หัวข้อ 3")
	// The whole manual goes through the form and back unchanged.
	author.post(revPath+"/edit", manualForm(c, 2)).want(t, 200)
	want := c
	want.Normalize()
	if got := revision().Content; !reflect.DeepEqual(got, want) {
		t.Fatalf("form round trip:\n got %+v\nwant %+v", got, want)
	}
	// A second editor still on version 2 saves over version 3: stale.
	stale := manualForm(c, 2)
	stale.Set("name", "ชื่อที่เขียนทับ")
	author.post(revPath+"/edit", stale).want(t, 409, "ถูกแก้ไขโดยผู้อื่น")
	if revision().Content.Name != c.Name {
		t.Fatal("a stale save overwrote the draft")
	}
	// Attachments: only a real PDF or image, at most 10 MB.
	author.upload(revPath+"/attachments", "form.pdf", []byte("MZ this is not a PDF"), 3).want(t, 422, "PDF")
	big := append([]byte("%PDF-1.4\n"), make([]byte, openinfo.MaxAttachmentSize)...)
	author.upload(revPath+"/attachments", "big.pdf", big, 3).want(t, 422, "10 MB")
	author.upload(revPath+"/attachments", "kk1.pdf", []byte("%PDF-1.4 แบบ ขบ.1"), 3).want(t, 200, "แบบคำขอ")
	att := revision().Content.Attachments
	if len(att) != 1 || att[0].ContentType != openinfo.TypePDF {
		t.Fatalf("attachments = %+v", att)
	}

	// Submit; the reviewer finds it in their tasks and returns it.
	author.post(revPath+"/submit", url.Values{}).want(t, 200, "รอพิจารณาขั้นที่ 1")
	author.post(revPath+"/edit", manualForm(c, 4)).want(t, 409, "ส่งพิจารณาแล้ว")
	reviewer.get("/admin/tasks").want(t, 200, c.Name)
	opdc.post(revPath+"/approve_step2", url.Values{}).want(t, 409) // not at step 2
	reviewer.post(revPath+"/return_step1", url.Values{}).want(t, 422, "ความเห็น")
	reviewer.post(revPath+"/return_step1", url.Values{"comment": {"กรุณาระบุระยะเวลาการอบรม"}}).want(t, 200, "ส่งกลับแก้ไข")
	author.get("/admin/tasks").want(t, 200, "กรุณาระบุระยะเวลาการอบรม")
	c.Steps = append(c.Steps, openinfo.Step{Type: openinfo.StepOther, Detail: "อบรมและทดสอบ", Duration: 5, Unit: openinfo.UnitHour})
	c.Attachments = att
	author.post(revPath+"/edit", manualForm(c, revision().Version)).want(t, 200)
	author.post(revPath+"/submit", url.Values{}).want(t, 200)
	reviewer.post(revPath+"/approve_step1", url.Values{}).want(t, 200, "รออนุมัติขั้นที่ 2")
	opdc.get("/admin/tasks").want(t, 200, c.Name)
	public.get(fmt.Sprintf("/manuals/%d", procID)).want(t, 404) // not yet
	public.get(fmt.Sprintf("/manuals/%d/history", procID)).want(t, 404)
	opdc.post(revPath+"/approve_step2", url.Values{}).want(t, 200, "ยืนยัน อนุมัติและเผยแพร่") // asked first
	if pub, _ := db.PublishedRevision(context.Background(), procID); pub != nil {
		t.Fatal("published before OPDC confirmed")
	}
	opdc.post(revPath+"/approve_step2", url.Values{"confirm": {"yes"}}).want(t, 200, "เผยแพร่แล้ว")
	public.get(fmt.Sprintf("/manuals/%d", procID)).want(t, 200, "อบรมและทดสอบ", "ฉบับที่ 1")
	public.get(fmt.Sprintf("/manuals/%d/files/%s", procID, att[0].Key)).want(t, 200, "%PDF-1.4")
	hist := author.get(revPath)
	hist.want(t, 200, "กรุณาระบุระยะเวลาการอบรม", "ส่งพิจารณา", "อนุมัติขั้นที่ 2 และเผยแพร่")

	// Revision 2: the first stays public until OPDC approves the second.
	pg = author.post(fmt.Sprintf("/admin/processes/%d/revisions", procID), url.Values{})
	pg.want(t, 200)
	rev2 := fmt.Sprintf("/admin/revisions/%d", lastID(pg.url))
	c.Fees[0].Amount = 205
	author.post(rev2+"/edit", manualForm(c, 1)).want(t, 200)
	author.post(rev2+"/submit", url.Values{}).want(t, 200)
	reviewer.post(rev2+"/approve_step1", url.Values{}).want(t, 200)
	pub := public.get(fmt.Sprintf("/manuals/%d", procID))
	pub.want(t, 200, "ค่าธรรมเนียมใบอนุญาต: 100")
	if strings.Contains(pub.body, ": 205") {
		t.Fatal("an unapproved revision is public")
	}
	author.get(rev2+"/compare").want(t, 200, "ค่าธรรมเนียมใบอนุญาต 100 บาท", "ค่าธรรมเนียมใบอนุญาต 205 บาท", "เปลี่ยนแปลง")
	opdc.post(rev2+"/approve_step2", url.Values{"confirm": {"yes"}}).want(t, 200, "เผยแพร่แล้ว")
	public.get(fmt.Sprintf("/manuals/%d", procID)).want(t, 200, "ค่าธรรมเนียมใบอนุญาต: 205", "ฉบับที่ 2")
	author.get(revPath).want(t, 200, "ถูกแทนที่ด้วยฉบับใหม่")
	// Citizens see the published revisions' history and compare them.
	public.get(fmt.Sprintf("/manuals/%d/history", procID)).want(t, 200, "ค่าธรรมเนียมใบอนุญาต 100 บาท", "ค่าธรรมเนียมใบอนุญาต 205 บาท", "ฉบับปัจจุบัน")
	author.get("/admin/manuals?state=published").want(t, 200, c.Name)

	// Pin it to the Chiang Mai counter: both public pages link each other.
	author.post(fmt.Sprintf("/admin/processes/%d/pins", procID), url.Values{"points": {id(point.ID)}}).want(t, 200, "บันทึกการปักหมุดแล้ว")
	public.get(fmt.Sprintf("/points/%d", point.ID)).want(t, 200, fmt.Sprintf(`href="/manuals/%d"`, procID))
	public.get(fmt.Sprintf("/manuals/%d", procID)).want(t, 200, point.NameTH)
	// A reviewer may not pin; an author of another agency may not edit.
	reviewer.post(fmt.Sprintf("/admin/processes/%d/pins", procID), url.Values{"points": {id(point.ID)}}).want(t, 403)

	// Every step is in the audit log with who took it.
	log, err := db.AuditLog(ctx, store.AuditFilter{EntityType: "manual_revision", EntityID: lastID(pg.url)})
	if err != nil || len(log) < 5 {
		t.Fatalf("audit = %d entries, %v", len(log), err)
	}
}

// TestOtherServiceOverHTTP: an officer writes an other service; bad input is
// refused at the field; it is public only once published, and pins show on
// the service point.
func TestOtherServiceOverHTTP(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sealer, _ := auth.NewSealer([]byte("service secret, not for production"))
	s, err := New(Config{DB: f.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Sealer: sealer})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := f.db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "svc", GivenName: "สมชาย"})
	tok, _ := openinfo.NewToken()
	f.db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: f.office.ID, Role: openinfo.RolePointOfficer})
	if _, err := f.db.RedeemToken(ctx, u.ID, tok, time.Now()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/admin/__as", s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.sessions.Put(r.Context(), admin.SessionUserID, u.ID)
		s.sessions.Put(r.Context(), admin.SessionCSRF, "wf")
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	o := officerClient{t, srv, &http.Client{Jar: jar}}
	o.get("/admin/__as")
	public := officerClient{t, srv, &http.Client{}}

	form := url.Values{"name_th": {"บริการรับรองสำเนาโฉนดนอกเวลา"}, "description": {""},
		"fees[0].detail": {"ค่าบริการ"}, "fees[0].amount": {"-20"}, "fees[0].unit": {"baht"}}
	o.post("/admin/services/new", form).want(t, 422, "กรุณาอธิบายบริการ", "ต้องไม่ติดลบ", `value="-20"`)
	if _, n, _ := f.db.Services(ctx, store.ServiceFilter{}); n != 0 {
		t.Fatal("a refused service was saved")
	}
	form.Set("description", "รับรองสำเนาเอกสารสิทธิ์ในวันเสาร์ เวลา 09:00–12:00 น.")
	form.Set("fees[0].amount", "20")
	pg := o.post("/admin/services/new", form)
	pg.want(t, 200, "บันทึกเรียบร้อยแล้ว")
	svcID := lastID(pg.url)
	public.get(fmt.Sprintf("/services/%d", svcID)).want(t, 404) // not published yet
	form.Set("published", "1")
	form.Set("version", "1")
	o.post(fmt.Sprintf("/admin/services/%d/edit", svcID), form).want(t, 200)
	public.get(fmt.Sprintf("/services/%d", svcID)).want(t, 200, "รับรองสำเนาเอกสารสิทธิ์ในวันเสาร์", "ค่าบริการ: 20")
	o.post(fmt.Sprintf("/admin/services/%d/edit", svcID), form).want(t, 409, "ถูกแก้ไขโดยผู้อื่น")
	o.post(fmt.Sprintf("/admin/services/%d/pins", svcID), url.Values{"points": {id(f.point.ID)}}).want(t, 200)
	public.get(fmt.Sprintf("/points/%d", f.point.ID)).want(t, 200, fmt.Sprintf(`href="/services/%d"`, svcID))
	o.get("/admin/services").want(t, 200, "บริการรับรองสำเนาโฉนดนอกเวลา")
}
