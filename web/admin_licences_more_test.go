package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// TestLicenceDelayNoticesPrefilled: the "delay notices" of a report starts
// from the notices recorded for the point, process and month; the officer
// may report another number and still sees the recorded one.
func TestLicenceDelayNoticesPrefilled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &testClock{}
		now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok)
		clock.Set(now)
		f := newAdminFixtureOn(t, db, withClock(clock))
		proc := publishProcess(t, db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.officePt.ID)
		const oct = 202610
		bkk := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, thaitime.Bangkok) }
		o := openinfo.Officer{UserID: 5, Role: openinfo.RolePointOfficer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
		c := &openinfo.DelayCase{Ref: "ขส.ชม. 77/2569", ProcessID: proc.ID, PointID: f.officePt.ID,
			ApplicantName: "นายสมชาย ใจดี", ApplicantPhone: "0812345678", Received: bkk(9, 1),
			Due: bkk(9, 30), DueReason: "คู่มือไม่ระบุระยะเวลา"}
		if err := db.SaveDelayCase(ctx, c, o, bkk(10, 1)); err != nil {
			t.Fatal(err)
		}
		for i, d := range []int{2, 9} {
			n := openinfo.DelayNotice{Number: fmt.Sprint("ชม 0011/", i), Date: bkk(10, d), Reason: "รอผลตรวจ", ExpectedDecision: bkk(11, 20)}
			if _, err := db.RecordDelayNotice(ctx, c.ID, n, o, bkk(10, d).Add(10*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		officer := f.as(t, openinfo.RolePointOfficer, f.office)
		page := f.srv.URL + "/admin/licence-reports"
		q := fmt.Sprintf("?point=%d&month=%s", f.officePt.ID, monthBE(oct))
		input := fmt.Sprintf(`id="p%d-delay_notices" name="delay_notices" type="text" inputmode="numeric" value="%%d"`, proc.ID)
		recorded := fmt.Sprintf(`id="p%d-recorded" data-recorded="2"`, proc.ID)
		_, b, _ := fetch(t, officer, page+q)
		if s := string(b); !strings.Contains(s, fmt.Sprintf(input, 2)) || !strings.Contains(s, recorded) {
			t.Fatalf("not prefilled:\n%s", s)
		}
		// Another number is the officer's to report; the recorded count stays shown.
		st, _, _ := postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "0", "3", "2", "0", "0", "1", "1", "1", "3"))
		if st != http.StatusSeeOther {
			t.Fatalf("submit: %d", st)
		}
		rep, _ := db.LicenceReport(ctx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.officePt.ID}, proc.ID, oct)
		if rep == nil || rep.Counts.DelayNotices != 3 {
			t.Fatalf("report = %+v", rep)
		}
		_, b, _ = fetch(t, officer, page+q)
		if s := string(b); !strings.Contains(s, fmt.Sprintf(input, 3)) || !strings.Contains(s, recorded) {
			t.Fatalf("after submit:\n%s", s)
		}
	})
}

// TestLicenceSummaryBreakdown: the summary sums its scope per child agency
// (a department: its own reports, then each office with its subtree; OPDC:
// the top-level agencies), each child a link to its own summary, and the
// exports carry the view as a table of its own.
func TestLicenceSummaryBreakdown(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{}
	now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok)
	clock.Set(now)
	f := newAdminFixture(t, withClock(clock))
	proc := publishProcess(t, f.db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.officePt.ID, f.deptPoint.ID)
	const oct = 202610
	o := openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}
	for i, pt := range []int64{f.officePt.ID, f.deptPoint.ID} {
		rep := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pt}, ProcessID: proc.ID, Month: oct,
			Counts: openinfo.LicenceCounts{Received: 10 + i, Issued: 10 + i, OnTime: 10 + i}}
		if err := f.db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, o, now); err != nil {
			t.Fatal(err)
		}
	}
	q := "from=2569-10&to=2569-10&month=2569-10"
	central := f.as(t, openinfo.RoleCentral, f.dept)
	st, b, _ := fetch(t, central, f.srv.URL+"/admin/licence-reports/summary?"+q)
	s := string(b)
	i := strings.Index(s, `id="breakdown"`)
	if st != 200 || i < 0 {
		t.Fatalf("summary %d:\n%s", st, s)
	}
	tbl := s[i : i+strings.Index(s[i:], "</table>")]
	drill := fmt.Sprintf(`<a href="/admin/licence-reports/summary?agency=%d&amp;from=2569-10`, f.office.ID)
	own := strings.Index(tbl, f.dept.NameTH+" (รายงานของหน่วยงานเอง)")
	if own < 0 || !strings.Contains(tbl, drill) || strings.Index(tbl, drill) < own ||
		strings.Contains(tbl, fmt.Sprintf("summary?agency=%d&", f.dept.ID)) {
		t.Fatalf("department breakdown:\n%s", tbl)
	}
	// The drill-down: the office alone.
	st, b, _ = fetch(t, central, f.srv.URL+fmt.Sprintf("/admin/licence-reports/summary?agency=%d&%s", f.office.ID, q))
	if st != 200 || !strings.Contains(string(b), f.office.NameTH+" (รายงานของหน่วยงานเอง)") {
		t.Fatalf("office summary %d", st)
	}
	// OPDC's country: the department with both reports, in English too.
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	opdc.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/licence-reports/summary?"+q)
	s = string(b)
	i = strings.Index(s, `id="breakdown"`)
	if st != 200 || i < 0 {
		t.Fatalf("OPDC summary %d", st)
	}
	tbl = s[i : i+strings.Index(s[i:], "</table>")]
	if !strings.Contains(tbl, fmt.Sprintf(`summary?agency=%d&amp;from=2569-10`, f.dept.ID)) || !strings.Contains(tbl, f.dept.NameEN) ||
		!strings.Contains(tbl, `<td class="num">2</td><td class="num">0</td><td class="num">21</td>`) || strings.Contains(tbl, f.foreign.NameEN) {
		t.Fatalf("country breakdown:\n%s", tbl)
	}

	// CSV: a table of its own; Excel: a sheet.
	_, b, _ = fetch(t, central, f.srv.URL+"/admin/licence-reports/summary.csv?"+q)
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var office []string
	for _, rec := range recs {
		if len(rec) > 3 && rec[0] == f.office.NameTH {
			office = rec
		}
	}
	if office == nil || office[1] != "1" || office[3] != "10" {
		t.Fatalf("csv breakdown %q in\n%q", office, recs)
	}
	_, b, _ = fetch(t, central, f.srv.URL+"/admin/licence-reports/summary.xlsx?"+q)
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sheets := x.GetSheetList()
	if len(sheets) != 3 || sheets[1] != "ผลรวมรายหน่วยงาน" {
		t.Fatalf("sheets %q", sheets)
	}
	rows, _ := x.GetRows(sheets[1])
	found := false
	for _, rr := range rows {
		if len(rr) > 3 && rr[0] == f.office.NameTH && rr[3] == "10" {
			found = true
		}
	}
	if !found {
		t.Fatalf("xlsx breakdown %q", rows)
	}
}

// TestLicenceTasksAndEmail: until last month's deadline an officer's tasks
// list the reporters of their subtree that owe reports, with the due date;
// the profile shows the address the provider sent, or says there is none.
func TestLicenceTasksAndEmail(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{}
	now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok)
	clock.Set(now)
	f := newAdminFixture(t, withClock(clock))
	proc := publishProcess(t, f.db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.officePt.ID, f.deptPoint.ID)
	central := f.as(t, openinfo.RoleCentral, f.dept)
	officer := f.as(t, openinfo.RolePointOfficer, f.office)
	tasks := f.srv.URL + "/admin/tasks"
	_, b, _ := fetch(t, central, tasks)
	s := string(b)
	link := fmt.Sprintf(`href="/admin/licence-reports?point=%d&amp;month=2569-10"`, f.officePt.ID)
	if !strings.Contains(s, `id="owed"`) || !strings.Contains(s, `id="owed-due">15 พ.ย. 2569`) || !strings.Contains(s, link) ||
		!strings.Contains(s, f.deptPoint.NameTH) || !strings.Contains(s, "ยังไม่ส่ง 1 จาก 1 กระบวนงาน") {
		t.Fatalf("central's tasks:\n%s", s)
	}
	_, b, _ = fetch(t, officer, tasks)
	if s := string(b); !strings.Contains(s, link) || strings.Contains(s, f.deptPoint.NameTH) {
		t.Fatalf("office's tasks:\n%s", s)
	}
	// Submitted: off the list; an author, who does not report, has none.
	rep := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.officePt.ID}, ProcessID: proc.ID, Month: 202610}
	if err := f.db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}, now); err != nil {
		t.Fatal(err)
	}
	if _, b, _ := fetch(t, officer, tasks); strings.Contains(string(b), `id="owed"`) {
		t.Fatal("a submitted reporter is still listed")
	}
	if _, b, _ := fetch(t, f.as(t, openinfo.RoleAuthor, f.dept), tasks); strings.Contains(string(b), `id="owed"`) {
		t.Fatal("an author is asked to report")
	}
	// After the deadline the month is locked: the unlock is on the report page.
	clock.Set(time.Date(2026, 11, 16, 0, 30, 0, 0, thaitime.Bangkok))
	if _, b, _ := fetch(t, central, tasks); strings.Contains(string(b), `id="owed"`) {
		t.Fatal("listed after the deadline")
	}

	// The profile: no address yet, then the one the provider sends at login.
	if _, b, _ := fetch(t, officer, f.srv.URL+"/admin/profile"); !strings.Contains(string(b), "จึงไม่ได้รับการแจ้งเตือนทางอีเมล") {
		t.Fatalf("profile without an address:\n%s", b)
	}
	if _, err := f.db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "s2", GivenName: "เจ้าหน้าที่2", Email: "somchai@dlt.go.th"}); err != nil {
		t.Fatal(err)
	}
	if _, b, _ := fetch(t, officer, f.srv.URL+"/admin/profile"); !strings.Contains(string(b), `<dd id="email-shown">somchai@dlt.go.th</dd>`) {
		t.Fatalf("profile:\n%s", b)
	}
}
