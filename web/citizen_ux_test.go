package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// publishUXManual publishes a manual of the fixture's department with
// everything the summary box reads, pinned to the fixture's point.
func publishUXManual(t *testing.T, f *fixture) int64 {
	t.Helper()
	ctx := context.Background()
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	p := &openinfo.Process{AgencyID: f.dept.ID, NameTH: "การขอรับรองสำเนาเอกสารที่ดิน"}
	if err := f.db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	c := openinfo.ManualContent{Name: p.NameTH, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryOther,
		LegalBases: []openinfo.LegalBasis{{Kind: "ประมวลกฎหมาย", Name: "ที่ดิน", YearBE: 2497}},
		TimeLimit:  openinfo.LegalTimeLimit{Law: "ไม่มี"},
		Channels: []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานที่ดินทุกแห่ง"},
			{Kind: openinfo.ChannelOnline, Place: "ระบบนัดหมายออนไลน์", URL: "https://queue.dol.go.th"}},
		Steps: []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "เจ้าหน้าที่ตรวจสอบคำขอ", Duration: 30, Unit: openinfo.UnitMinute, Responsible: "สำนักงานที่ดินจังหวัด"},
			{Type: openinfo.StepSigning, Detail: "ลงนามรับรอง", Duration: 1, Unit: openinfo.UnitBusinessDay}},
		Documents: []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "โฉนดที่ดิน", Originals: 1, Copies: 2, Unit: openinfo.DocUnitCopy}},
		Fees:       []openinfo.Fee{{Detail: "ค่ารับรองสำเนา", Amount: 50, Unit: openinfo.FeeBaht}, {Detail: "ค่าคำขอ", Amount: 1000, Unit: openinfo.FeeBaht}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
	r, err := f.db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
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
	if _, err := f.db.Pin(ctx, store.PinProcess, p.ID, []int64{f.point.ID}); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// order fails unless each mark is found in body after the one before.
func order(t *testing.T, body string, marks ...string) {
	t.Helper()
	at := 0
	for _, m := range marks {
		i := strings.Index(body[at:], m)
		if i < 0 {
			t.Fatalf("%q missing or out of order (after %d)", m, at)
		}
		at += i + len(m)
	}
}

// TestManualAtAGlance (issue 17, point 1): the summary box comes first,
// with the documents, the fees summed, the time and where to apply, then
// jump links to the sections; the legal details come last.
func TestManualAtAGlance(t *testing.T) {
	f := newFixture(t)
	id := publishUXManual(t, f)
	page := f.get(t, "/manuals/"+itoa(id))
	page.want(t, 200)
	order(t, page.body, "<h1>การขอรับรองสำเนาเอกสารที่ดิน</h1>", `<section class="glance"`,
		`href="#documents"`, "บัตรประจำตัวประชาชน, โฉนดที่ดิน",
		`href="#fees"`, "1,050 บาท", "(รวม 2 รายการ)",
		`href="#steps"`, "1 วันทำการ 30 นาที",
		`href="#points"`, `href="/points/`+itoa(f.point.ID)+`">ฝ่ายทะเบียน</a>`, `href="https://queue.dol.go.th"`,
		"</section>", `<nav class="jump"`, `href="#legal"`, "</nav>",
		`id="channels"`, `id="steps"`, `id="documents"`, `id="fees"`, `id="points"`, `id="complaints"`,
		`id="legal"`, "1. ชื่อกระบวนงาน", "5. กฎหมายที่ให้อำนาจการอนุญาต", "ประมวลกฎหมายที่ดิน พ.ศ. 2497", "8. ", "ไม่มี")
	// Every jump link has its target.
	for _, m := range regexp.MustCompile(`href="#([a-z]+)"`).FindAllStringSubmatch(page.body, -1) {
		if m[1] != "main" && !strings.Contains(page.body, `id="`+m[1]+`"`) {
			t.Errorf("link to #%s has no target", m[1])
		}
	}
	// The description names the manual.
	page.want(t, 200, `<meta name="description" content="การขอรับรองสำเนาเอกสารที่ดิน: เอกสารที่ต้องใช้`)
}

// TestManualTablesStack (point 2): the steps and documents are tables with
// column headers for screen readers, and every cell carries its column's
// name for the stacked cards of a phone.
func TestManualTablesStack(t *testing.T) {
	f := newFixture(t)
	id := publishUXManual(t, f)
	page := f.get(t, "/manuals/"+itoa(id))
	page.want(t, 200, `<table class="stack" role="table">`, `<th scope="col" role="columnheader">ชื่อเอกสาร</th>`,
		`data-label="ขั้นตอนที่">1</td>`, `data-label="ระยะเวลา">30 นาที</td>`, `data-label="สำเนา">2 ฉบับ</td>`)
	page.wantNot(t, `class="table-wrap"`)
	tables := regexp.MustCompile(`(?s)<table class="stack".*?</table>`).FindAllString(page.body, -1)
	if len(tables) != 3 {
		t.Fatalf("%d stacked tables, want 3 (steps, two document groups)", len(tables))
	}
	for _, tb := range tables {
		if n, l := strings.Count(tb, "<td "), strings.Count(tb, "data-label="); n == 0 || n != l {
			t.Errorf("%d cells, %d labelled:\n%s", n, l, tb)
		}
	}
}

// TestThaiWordBreaks (point 3): headings and table cells carry the
// segmenter's word boundaries; words stay whole; Latin text and short Thai
// text are left alone; nothing is lost or double-escaped.
func TestThaiWordBreaks(t *testing.T) {
	f := newFixture(t)
	id := publishUXManual(t, f)
	raw := f.get(t, "/manuals/"+itoa(id)).raw
	h1 := regexp.MustCompile(`<h1>(.*?)</h1>`).FindStringSubmatch(raw)[1]
	if !strings.Contains(h1, "<wbr>") || plainThai(h1) != "การขอรับรองสำเนาเอกสารที่ดิน" {
		t.Errorf("h1 = %s", h1)
	}
	for _, want := range []string{`<span class="w">เจ้าหน้าที่</span><wbr><span class="w">ตรวจสอบ</span>`, `<span class="w">บัตรประจำตัวประชาชน</span>`} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %s", want)
		}
	}
	// A whole word is never glued to Thai letters (ๆ and ฯ follow a word
	// as punctuation does).
	if m := regexp.MustCompile(`[\x{0E01}-\x{0E2E}\x{0E30}-\x{0E45}\x{0E47}-\x{0E4E}]<span|</span>[\x{0E01}-\x{0E2E}\x{0E30}-\x{0E45}]`).FindString(raw); m != "" {
		t.Errorf("a word span is glued to Thai letters: %s", m)
	}
}

// TestPrivacyAccessibilityFooter (point 4): the notices exist, say what the
// rating form and its cookie keep and for how long, and every page's
// footer names the operator and links them.
func TestPrivacyAccessibilityFooter(t *testing.T) {
	f := newFixture(t)
	p := f.get(t, "/privacy")
	p.want(t, 200, "<h1>ประกาศความเป็นส่วนตัว</h1>", "เพศ อายุ ระดับการศึกษา อาชีพ", "oi_dev", "<strong>2 ปี</strong>",
		"ระบบจะลบเมื่อพ้น 2 ปีนับจากวันที่พิจารณาแล้วเสร็จ", "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", `href="https://www.dga.or.th"`,
		`<meta name="description" content="ข้อมูลส่วนบุคคลที่เว็บไซต์เก็บ`)
	f.get(t, "/privacy", "Cookie", "lang=en").want(t, 200, "<h1>Privacy notice</h1>", "removed 2 years after the decision", "Digital Government Development Agency")
	f.get(t, "/accessibility").want(t, 200, "<h1>การเข้าถึงเว็บไซต์</h1>", "WCAG 2.1")
	for _, path := range []string{"/", "/agencies", "/points/" + itoa(f.point.ID), "/privacy"} {
		f.get(t, path).want(t, 200, "ดำเนินการโดย <strong>สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)</strong>",
			`<a href="/privacy">`, `<a href="/accessibility">`, `<a href="/rate">`, `<meta name="description" content="`)
	}
}

// TestOperatorConfigured: the operator's name and contact come from the
// configuration, and so does the delay retention the notice states.
func TestOperatorConfigured(t *testing.T) {
	f := newFixture(t)
	s, err := New(Config{DB: f.db, Logger: f.site.Log, DelayRetention: 3 * 365 * 24 * 3600e9,
		Operator: Operator{NameTH: "สำนักงานทดสอบ", NameEN: "Test Office", Email: "dpo@example.go.th", Phone: "02 123 4567"}})
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Config.Handler = s.Handler()
	f.get(t, "/privacy").want(t, 200, "สำนักงานทดสอบ", `href="mailto:dpo@example.go.th"`, `href="tel:021234567"`, "พ้น 3 ปี")
	f.get(t, "/", "Cookie", "lang=en").want(t, 200, "Run by <strong>Test Office</strong>")
}

// TestEnglishValues (point 6): English pages say "1 copy", "1 hour", "None"
// and "B.E.", not the Thai words.
func TestEnglishValues(t *testing.T) {
	f := newFixture(t)
	id := publishUXManual(t, f)
	page := f.get(t, "/manuals/"+itoa(id), "Cookie", "lang=en")
	page.want(t, 200, "1 copy", "2 copies", "1 business day 30 minutes", "1,050 baht", "B.E. 2497", "<dd>None</dd>", "Department of Lands", "At a glance")
	page.wantNot(t, "1 copies", "ไม่มี", "พ.ศ.", ">ฉบับ<", "บาท")
	home := f.get(t, "/")
	home.want(t, 200, `<a href="/rate">`)
}

// TestManualNearestPoints: with points in several provinces the page offers
// the citizen's province, whose points then come first, in the summary box
// and in the list; the page cache keeps one page per province.
func TestManualNearestPoints(t *testing.T) {
	f := newFixture(t)
	id := publishUXManual(t, f)
	ctx := context.Background()
	far := &openinfo.ServicePoint{AgencyID: f.office.ID, NameTH: "สาขาหาดใหญ่", Kind: openinfo.PointCounter, Visible: true,
		Address: openinfo.Address{ProvinceCode: "90"}}
	if err := f.db.CreateServicePoint(ctx, far); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Pin(ctx, store.PinProcess, id, []int64{far.ID}); err != nil {
		t.Fatal(err)
	}
	path := "/manuals/" + itoa(id)
	page := f.get(t, path)
	page.want(t, 200, `<form method="get" action="`+path+`#points" class="inline" id="near">`, `<option value="50">เชียงใหม่ (1)</option>`, `<option value="90">สงขลา (1)</option>`)
	near := f.get(t, path+"?province=90")
	near.want(t, 200, `<option value="90" selected>สงขลา (1)</option>`)
	order(t, near.body, `<section class="glance"`, `href="/points/`+itoa(far.ID)+`"`, "</section>", `id="points"`, `href="/points/`+itoa(far.ID)+`"`, `href="/points/`+itoa(f.point.ID)+`"`)
	order(t, f.get(t, path+"?province=50").body, `<section class="glance"`, `href="/points/`+itoa(f.point.ID)+`"`, "</section>")
	f.get(t, path+"?province=zz").want(t, 200, `<option value="">ทุกจังหวัด</option>`) // unknown: ignored
}
