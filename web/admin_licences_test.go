package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// testClock is the back office's clock in a test, moved across deadlines.
type testClock struct{ ns atomic.Int64 }

func (c *testClock) Set(t time.Time)       { c.ns.Store(t.UnixNano()) }
func (c *testClock) Now() time.Time        { return time.Unix(0, c.ns.Load()).In(thaitime.Bangkok) }
func withClock(c *testClock) func(*Config) { return func(cfg *Config) { cfg.Now = c.Now } }

// publishProcess makes a process of agency a with a published manual,
// through both approval steps, and pins it to the points.
func publishProcess(t *testing.T, db *store.DB, a *openinfo.Agency, name string, points ...int64) *openinfo.Process {
	t.Helper()
	ctx := context.Background()
	p := &openinfo.Process{AgencyID: a.ID, NameTH: name}
	if err := db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: a.ID, AgencyPath: a.Path}
	reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: a.ID, AgencyPath: a.Path}
	opdc := openinfo.Officer{UserID: 93, Role: openinfo.RoleOPDC}
	r, err := db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveDraft(ctx, r.ID, r.Version, testManual(name), author, a.Path); err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		ev openinfo.RevisionEvent
		o  openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, r.ID, st.ev, st.o, a.Path, ""); err != nil {
			t.Fatal(err)
		}
	}
	if len(points) > 0 {
		if _, err := db.Pin(ctx, store.PinProcess, p.ID, points); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func postForm(t *testing.T, c *http.Client, u string, v url.Values) (int, string, string) {
	t.Helper()
	v.Set("csrf", "test-csrf")
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res.StatusCode, html.UnescapeString(b.String()), res.Header.Get("Location")
}

func monthBE(m int) string { return openinfo.Period{Kind: openinfo.PeriodMonth, Month: m}.String() }

// licenceCounts is a report form with the counts given in form order.
func licenceForm(point *openinfo.ServicePoint, proc *openinfo.Process, month int, do string, version int64, counts ...string) url.Values {
	keys := []string{"pending_start", "received", "issued", "refused", "withdrawn", "on_time", "late", "pending_end", "delay_notices"}
	v := url.Values{"point": {fmt.Sprint(point.ID)}, "month": {monthBE(month)}, "process_id": {fmt.Sprint(proc.ID)},
		"do": {do}, "version": {fmt.Sprint(version)}}
	for i, k := range keys {
		if i < len(counts) {
			v.Set(k, counts[i])
		}
	}
	return v
}

// fieldError is the message shown at the input of field of process pid.
func fieldError(body string, pid int64, field string) string {
	id := fmt.Sprintf(`id="p%d-%s-err">`, pid, field)
	i := strings.Index(body, id)
	if i < 0 {
		return ""
	}
	rest := body[i+len(id):]
	return rest[:strings.Index(rest, "</p>")]
}

// TestLicenceReportPages: a point officer reports, is refused at the field,
// submits and corrects; a locked month is unlocked by OPDC, reported within
// the window, closed when the window ends, and cannot be unlocked again.
func TestLicenceReportPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &testClock{}
		now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok) // October 2569 is due on 15 Nov
		clock.Set(now)
		f := newAdminFixtureOn(t, db, withClock(clock))
		proc := publishProcess(t, db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.officePt.ID)
		proc2 := publishProcess(t, db, f.dept, "การโอนกรรมสิทธิ์รถ", f.officePt.ID)
		officer := f.as(t, openinfo.RolePointOfficer, f.office)
		me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.officePt.ID}
		const oct, sep = 202610, 202609
		page := f.srv.URL + "/admin/licence-reports"
		q := fmt.Sprintf("?point=%d&month=", f.officePt.ID)

		st, b, _ := fetch(t, officer, page+q+monthBE(oct))
		if st != 200 || !strings.Contains(string(b), proc.NameTH) || !strings.Contains(string(b), proc2.NameTH) {
			t.Fatalf("report page %d:\n%s", st, b)
		}
		// The officer's own agency leads to its point by default.
		if st, b, _ := fetch(t, officer, page); st != 200 || !strings.Contains(string(b), proc.NameTH) {
			t.Fatalf("default page %d", st)
		}

		// Refusals at the field, everything typed kept, nothing saved.
		st, body, _ := postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "2", "10", "8", "1", "0", "7", "2", "4", "0"))
		if st != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, proc.ID, "pending_end"), "คงค้างยกไปควรเป็น 3") ||
			!strings.Contains(body, fmt.Sprintf(`id="p%d-pending_end" name="pending_end" type="text" inputmode="numeric" value="4"`, proc.ID)) {
			t.Fatalf("arithmetic: %d %q", st, fieldError(body, proc.ID, "pending_end"))
		}
		st, body, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "2", "สิบ", "8", "1", "0", "7", "2", "3", "0"))
		if st != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, proc.ID, "received"), `"สิบ" ไม่ใช่ตัวเลข`) ||
			!strings.Contains(body, `value="สิบ"`) {
			t.Fatalf("word: %d %q", st, fieldError(body, proc.ID, "received"))
		}
		st, body, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "2", "10", "-8", "1", "0", "7", "2", "3", "0"))
		if st != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, proc.ID, "issued"), "ต้องไม่ติดลบ") {
			t.Fatalf("negative: %d %q", st, fieldError(body, proc.ID, "issued"))
		}
		// In English too.
		officer.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		st, body, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "2", "10", "8", "1", "0", "7", "1", "3", "0"))
		if st != http.StatusUnprocessableEntity || !strings.Contains(fieldError(body, proc.ID, "late"), "On time 7 + late 1 = 8 must equal issued 8 + refused 1 = 9") {
			t.Fatalf("english: %d %q", st, fieldError(body, proc.ID, "late"))
		}
		officer.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "th", Path: "/"}})
		if rep, _ := db.LicenceReport(ctx, me, proc.ID, oct); rep != nil {
			t.Fatalf("a refused report was saved: %+v", rep)
		}

		// Submit, then correct: the history keeps both.
		st, _, loc := postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "submit", 0, "2", "10", "8", "1", "0", "7", "2", "3", "0"))
		if st != http.StatusSeeOther || !strings.Contains(loc, "done=submit") {
			t.Fatalf("submit: %d %s", st, loc)
		}
		rep, _ := db.LicenceReport(ctx, me, proc.ID, oct)
		if rep == nil || rep.State != openinfo.ReportSubmitted || rep.Counts.Received != 10 {
			t.Fatalf("submitted = %+v", rep)
		}
		st, _, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, oct, "correct", rep.Version, "2", "11", "8", "1", "0", "7", "2", "4", "0"))
		if st != http.StatusSeeOther {
			t.Fatalf("correct: %d", st)
		}
		_, b, _ = fetch(t, officer, page+q+monthBE(oct))
		if s := string(b); !strings.Contains(s, "แก้ไขรายงานที่ส่งแล้ว") || !strings.Contains(s, "ส่งรายงาน") || !strings.Contains(s, "แก้ไขแล้ว 1") {
			t.Fatalf("history not shown:\n%s", s)
		}
		// Zero month: the other process, and the submitted one is left alone.
		st, _, loc = postForm(t, officer, page+"/zero", url.Values{"point": {fmt.Sprint(f.officePt.ID)}, "month": {monthBE(oct)}})
		if st != http.StatusSeeOther || !strings.Contains(loc, "done=zero") {
			t.Fatalf("zero: %d %s", st, loc)
		}
		if z, _ := db.LicenceReport(ctx, me, proc2.ID, oct); z == nil || z.State != openinfo.ReportSubmitted || z.Counts != (openinfo.LicenceCounts{}) {
			t.Fatalf("zero report = %+v", z)
		}
		if r1, _ := db.LicenceReport(ctx, me, proc.ID, oct); r1.Counts.Received != 11 {
			t.Fatalf("zero overwrote a submitted report: %+v", r1)
		}

		// September is past its deadline: the job locks it.
		if n, err := db.LockPeriod(ctx, sep, now); err != nil || n != 1 {
			t.Fatalf("lock = %d, %v", n, err)
		}
		st, body, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, sep, "submit", 0, "0", "1", "1", "0", "0", "1", "0", "0", "0"))
		if st != http.StatusConflict || !strings.Contains(body, "ถูกล็อคแล้ว") {
			t.Fatalf("save when locked: %d", st)
		}
		_, b, _ = fetch(t, officer, page+q+monthBE(sep))
		if !strings.Contains(string(b), `data-state="locked"`) || !strings.Contains(string(b), `id="unlock-form"`) {
			t.Fatalf("locked page:\n%s", b)
		}
		unlock := url.Values{"point": {fmt.Sprint(f.officePt.ID)}, "month": {monthBE(sep)}, "reason": {""}}
		st, body, _ = postForm(t, officer, page+"/unlock", unlock)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="reason-err">กรุณาระบุเหตุผล`) {
			t.Fatalf("unlock without a reason: %d", st)
		}
		unlock.Set("reason", "เจ้าหน้าที่ผู้รับผิดชอบลาป่วย")
		if st, _, _ = postForm(t, officer, page+"/unlock", unlock); st != http.StatusSeeOther {
			t.Fatalf("unlock request: %d", st)
		}
		_, b, _ = fetch(t, officer, page+q+monthBE(sep))
		if !strings.Contains(string(b), `data-status="requested"`) || !strings.Contains(string(b), "ลาป่วย") {
			t.Fatalf("request not shown:\n%s", b)
		}

		// OPDC decides; a point officer may not.
		if st, _, _ := fetch(t, officer, f.srv.URL+"/admin/licence-unlocks"); st != http.StatusForbidden {
			t.Fatalf("officer opened the unlocks: %d", st)
		}
		opdc := f.as(t, openinfo.RoleOPDC, nil)
		st, b, _ = fetch(t, opdc, f.srv.URL+"/admin/licence-unlocks")
		reqs, _ := db.UnlockRequests(ctx, store.UnlockFilter{Status: openinfo.UnlockRequested})
		if st != 200 || len(reqs) != 1 || !strings.Contains(string(b), "ลาป่วย") || !strings.Contains(string(b), f.officePt.NameTH) {
			t.Fatalf("unlocks page %d, %d requests", st, len(reqs))
		}
		decide := f.srv.URL + fmt.Sprintf("/admin/licence-unlocks/%d", reqs[0].ID)
		st, body, _ = postForm(t, opdc, decide, url.Values{"decision": {"refuse"}, "comment": {""}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, fmt.Sprintf(`id="c%d-err">`, reqs[0].ID)) {
			t.Fatalf("refusal without a comment: %d", st)
		}
		if st, _, _ = postForm(t, opdc, decide, url.Values{"decision": {"approve"}, "comment": {"อนุมัติ"}}); st != http.StatusSeeOther {
			t.Fatalf("approve: %d", st)
		}
		u, _ := db.UnlockRequest(ctx, reqs[0].ID)
		if u.Status != openinfo.UnlockApproved || !u.WindowEnd.After(now) {
			t.Fatalf("approved = %+v", u)
		}

		// Within the window the officer reports.
		clock.Set(now.Add(24 * time.Hour))
		_, b, _ = fetch(t, officer, page+q+monthBE(sep))
		if !strings.Contains(string(b), `data-state="unlocked"`) {
			t.Fatalf("not unlocked:\n%s", b)
		}
		if st, _, _ = postForm(t, officer, page, licenceForm(f.officePt, proc, sep, "submit", 0, "0", "1", "1", "0", "0", "1", "0", "0", "0")); st != http.StatusSeeOther {
			t.Fatalf("submit in the window: %d", st)
		}

		// The window ends: closed, and no second request.
		later := u.WindowEnd.Add(time.Hour)
		clock.Set(later)
		if n, err := db.CloseUnlockWindows(ctx, later); err != nil || n != 1 {
			t.Fatalf("close = %d, %v", n, err)
		}
		_, b, _ = fetch(t, officer, page+q+monthBE(sep))
		if !strings.Contains(string(b), `data-state="closed"`) || !strings.Contains(string(b), `id="no-second"`) || strings.Contains(string(b), `id="unlock-form"`) {
			t.Fatalf("closed page:\n%s", b)
		}
		st, body, _ = postForm(t, officer, page+"/unlock", unlock)
		if st != http.StatusConflict || !strings.Contains(body, "ไม่สามารถขอปลดล็อคได้อีก") {
			t.Fatalf("second request: %d", st)
		}
		st, _, _ = postForm(t, officer, page, licenceForm(f.officePt, proc2, sep, "submit", 0, "0", "0", "0", "0", "0", "0", "0", "0", "0"))
		if st != http.StatusConflict {
			t.Fatalf("save after the window: %d", st)
		}
	})
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestLicenceSummaryPages: the roll-up of a department's subtree with its
// missing reporters, refused outside it, exported as CSV and Excel with
// the page's filters.
func TestLicenceSummaryPages(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{}
	now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok)
	clock.Set(now)
	f := newAdminFixture(t, withClock(clock))
	proc := publishProcess(t, f.db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.officePt.ID, f.deptPoint.ID)
	const oct = 202610
	o := openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}
	rep := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.officePt.ID}, ProcessID: proc.ID, Month: oct,
		Counts: openinfo.LicenceCounts{PendingStart: 2, Received: 10, Issued: 8, Refused: 1, OnTime: 7, Late: 2, PendingEnd: 3}}
	if err := f.db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, o, now); err != nil {
		t.Fatal(err)
	}
	central := f.as(t, openinfo.RoleCentral, f.dept)
	q := "from=2569-10&to=2569-10&month=2569-10"
	st, b, _ := fetch(t, central, f.srv.URL+"/admin/licence-reports/summary?"+q)
	s := string(b)
	if st != 200 || !strings.Contains(s, proc.NameTH) || !strings.Contains(s, `id="missing"`) || !strings.Contains(s, f.deptPoint.NameTH) {
		t.Fatalf("summary %d:\n%s", st, s)
	}
	if i := strings.Index(s, `id="missing"`); strings.Contains(s[i:], f.officePt.NameTH) {
		t.Fatal("a reporter that submitted is listed as missing")
	}
	if st, _, _ := fetch(t, f.as(t, openinfo.RoleCentral, f.foreign), f.srv.URL+fmt.Sprintf("/admin/licence-reports/summary?agency=%d", f.dept.ID)); st != http.StatusForbidden {
		t.Fatalf("foreign summary: %d", st)
	}
	// OPDC sees the country by top-level agency (the per-process list
	// waits for an agency: millions of rows nationally) with the country's
	// missing reporters a page at a time, each with its agency, and
	// narrows it to an agency it finds.
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	if st, b, _ := fetch(t, opdc, f.srv.URL+"/admin/licence-reports/summary?q="+url.QueryEscape("ขนส่งทางบก")+"&"+q); st != 200 ||
		!strings.Contains(string(b), fmt.Sprintf(`href="/admin/licence-reports/summary?agency=%d&amp;from=2569-10`, f.dept.ID)) ||
		!strings.Contains(string(b), `id="pick"`) || strings.Contains(string(b), `id="rollup"`) || !strings.Contains(string(b), `id="missing"`) ||
		!strings.Contains(string(b), `id="breakdown"`) {
		t.Fatalf("OPDC summary %d:\n%s", st, b)
	} else if i := strings.Index(string(b), `id="missing"`); !strings.Contains(string(b)[i:], f.deptPoint.NameTH) ||
		!strings.Contains(string(b)[i:], f.dept.NameTH) || strings.Contains(string(b)[i:], f.officePt.NameTH) {
		t.Fatalf("the country's missing reporters:\n%s", string(b)[i:])
	}
	// Past the last page: the count stays, the rows go, with a way back.
	if st, b, _ := fetch(t, opdc, f.srv.URL+"/admin/licence-reports/summary?mpage=2&"+q); st != 200 || !strings.Contains(string(b), `id="missing-count"`) ||
		strings.Contains(string(b), f.deptPoint.NameTH) || !strings.Contains(string(b), `rel="prev"`) {
		t.Fatalf("the second page of missing reporters %d", st)
	}
	if st, b, _ := fetch(t, opdc, f.srv.URL+fmt.Sprintf("/admin/licence-reports/summary?agency=%d&%s", f.dept.ID, q)); st != 200 ||
		!strings.Contains(string(b), proc.NameTH) || !strings.Contains(string(b), `id="missing"`) {
		t.Fatalf("OPDC summary of an agency %d:\n%s", st, b)
	}
	if st, _, _ := fetch(t, central, f.srv.URL+"/admin/licence-reports/summary?from=2569-11&to=2569-10"); st != http.StatusBadRequest {
		t.Fatalf("from after to: %d", st)
	}

	st, b, h := fetch(t, central, f.srv.URL+"/admin/licence-reports/summary.csv?"+q)
	if st != 200 || !strings.Contains(h.Get("Content-Disposition"), "licence-summary-2569-10-2569-10.csv") {
		t.Fatalf("csv %d %s", st, h.Get("Content-Disposition"))
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var row, miss []string
	for _, rec := range recs {
		if len(rec) > 3 && rec[0] == proc.NameTH {
			row = rec
		}
		if len(rec) == 5 && rec[0] == f.deptPoint.NameTH {
			miss = rec
		}
	}
	// process, month, reports, pending start, received, issued, …
	if row == nil || row[1] != "ต.ค. 2569" || row[2] != "1" || row[4] != "10" || row[10] != "3" || miss == nil || miss[2] != f.dept.NameTH || miss[4] != "1" {
		t.Fatalf("csv rows %q / %q in\n%q", row, miss, recs)
	}

	st, b, _ = fetch(t, central, f.srv.URL+"/admin/licence-reports/summary.xlsx?"+q)
	if st != 200 {
		t.Fatalf("xlsx %d", st)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sheets := x.GetSheetList()
	if len(sheets) != 3 {
		t.Fatalf("sheets %q", sheets)
	}
	rows, err := x.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rr := range rows {
		if len(rr) > 4 && rr[0] == proc.NameTH && rr[4] == "10" {
			found = true
		}
	}
	if !found {
		t.Fatalf("xlsx rows %q", rows)
	}
}

// TestHolidayPages: the administrator adds and removes a day; a bad date is
// refused at its field with what was typed kept; nobody else may.
func TestHolidayPages(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok))
	f := newAdminFixture(t, withClock(clock))
	admin := f.as(t, openinfo.RoleAdmin, nil)
	st, b, _ := fetch(t, admin, f.srv.URL+"/admin/holidays?year=2570")
	if st != 200 || !strings.Contains(string(b), "วันสงกรานต์") { // pre-loaded for this year and next
		t.Fatalf("holidays %d:\n%s", st, b)
	}
	st, body, _ := postForm(t, admin, f.srv.URL+"/admin/holidays", url.Values{"day": {"30/02/2570"}, "name_th": {"วันหยุดพิเศษ"}, "year": {"2570"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="day-error">วันที่ "30/02/2570" ไม่ถูกต้อง`) || !strings.Contains(body, `value="วันหยุดพิเศษ"`) {
		t.Fatalf("bad date: %d", st)
	}
	st, body, _ = postForm(t, admin, f.srv.URL+"/admin/holidays", url.Values{"day": {"04/05/2570"}, "name_th": {""}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="name_th-error"`) {
		t.Fatalf("no name: %d", st)
	}
	st, _, loc := postForm(t, admin, f.srv.URL+"/admin/holidays", url.Values{"day": {"๒๘/๐๗/๒๕๗๐"}, "name_th": {"วันหยุดพิเศษ"}, "name_en": {"Special holiday"}})
	if st != http.StatusSeeOther || !strings.Contains(loc, "year=2570") {
		t.Fatalf("add: %d %s", st, loc)
	}
	st, body, _ = postForm(t, admin, f.srv.URL+"/admin/holidays", url.Values{"day": {"28/07/2570"}, "name_th": {"วันหยุดพิเศษ"}})
	if st != http.StatusConflict || !strings.Contains(body, "มีวันหยุดนี้ในปฏิทินแล้ว") {
		t.Fatalf("twice: %d", st)
	}
	hs, _ := f.db.Holidays(context.Background(), 2027)
	var id int64
	for _, h := range hs {
		if h.NameTH == "วันหยุดพิเศษ" {
			id = h.ID
		}
	}
	if id == 0 {
		t.Fatal("the holiday was not added")
	}
	if st, _, _ := postForm(t, f.as(t, openinfo.RoleOPDC, nil), f.srv.URL+fmt.Sprintf("/admin/holidays/%d/delete", id), url.Values{}); st != http.StatusForbidden {
		t.Fatalf("OPDC deleted a holiday: %d", st)
	}
	if st, _, _ := postForm(t, admin, f.srv.URL+fmt.Sprintf("/admin/holidays/%d/delete", id), url.Values{"year": {"2570"}}); st != http.StatusSeeOther {
		t.Fatalf("delete: %d", st)
	}
	if st, _, _ := postForm(t, admin, f.srv.URL+fmt.Sprintf("/admin/holidays/%d/delete", id), url.Values{}); st != http.StatusNotFound {
		t.Fatalf("delete twice: %d", st)
	}
}

// TestReportingLevelPage: the administrator switches a department to report
// itself, from the next month; its central officer then reports as the
// department; nobody else may switch.
func TestReportingLevelPage(t *testing.T) {
	clock := &testClock{}
	now := time.Date(2026, 11, 10, 10, 0, 0, 0, thaitime.Bangkok)
	clock.Set(now)
	f := newAdminFixture(t, withClock(clock))
	proc := publishProcess(t, f.db, f.dept, "การต่ออายุใบอนุญาตขับรถ", f.deptPoint.ID)
	admin := f.as(t, openinfo.RoleAdmin, nil)
	u := f.srv.URL + fmt.Sprintf("/admin/agencies/%d/reporting-level", f.dept.ID)
	if st, b, _ := fetch(t, admin, f.srv.URL+fmt.Sprintf("/admin/agencies/%d", f.dept.ID)); st != 200 || !strings.Contains(string(b), "/reporting-level") {
		t.Fatalf("agency page %d lacks the link", st)
	}
	central := f.as(t, openinfo.RoleCentral, f.dept)
	if st, _, _ := postForm(t, central, u, url.Values{"level": {"agency"}}); st != http.StatusForbidden {
		t.Fatalf("central switched: %d", st)
	}
	if st, body, _ := postForm(t, admin, u, url.Values{"level": {"ministry"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="level-error"`) {
		t.Fatalf("bad level: %d", st)
	}
	if st, _, _ := postForm(t, admin, u, url.Values{"level": {"agency"}}); st != http.StatusSeeOther {
		t.Fatalf("switch: %d", st)
	}
	_, b, _ := fetch(t, admin, u)
	if s := string(b); !strings.Contains(s, `id="current" data-level="service_point"`) || !strings.Contains(s, `id="next" data-level="agency"`) {
		t.Fatalf("level page:\n%s", s)
	}
	// November stays with the points; December is the department's.
	_, b, _ = fetch(t, central, f.srv.URL+"/admin/licence-reports?month=2569-11")
	if !strings.Contains(string(b), f.deptPoint.NameTH) || !strings.Contains(string(b), proc.NameTH) {
		t.Fatalf("november:\n%s", b)
	}
	clock.Set(now.AddDate(0, 1, 0))
	_, b, _ = fetch(t, central, f.srv.URL+"/admin/licence-reports?month=2569-12")
	if !strings.Contains(string(b), `<strong aria-current="true">`+f.dept.NameTH) || !strings.Contains(string(b), proc.NameTH) {
		t.Fatalf("december:\n%s", b)
	}
	v := url.Values{"agency": {fmt.Sprint(f.dept.ID)}, "month": {"2569-12"}, "process_id": {fmt.Sprint(proc.ID)}, "do": {"save_draft"}, "version": {"0"}}
	if st, body, _ := postForm(t, central, f.srv.URL+"/admin/licence-reports", v); st != http.StatusSeeOther {
		t.Fatalf("draft as the department: %d %s", st, firstError([]byte(body)))
	}
	rep, _ := f.db.LicenceReport(context.Background(), openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: f.dept.ID}, proc.ID, 202612)
	if rep == nil || rep.State != openinfo.ReportDraft {
		t.Fatalf("department's draft = %+v", rep)
	}
}

// TestLicencePolicyForm: OPDC sets the due day; out of range is refused at
// the field with what was typed kept; an officer may not.
func TestLicencePolicyForm(t *testing.T) {
	f := newAdminFixture(t)
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	u := f.srv.URL + "/admin/licence-unlocks/policy"
	if st, body, _ := postForm(t, opdc, u, url.Values{"due_day": {"31"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="due_day-err">วันครบกำหนดส่งต้องอยู่ระหว่างวันที่ 1 ถึง 28`) || !strings.Contains(body, `value="31"`) {
		t.Fatalf("31: %d", st)
	}
	if st, _, _ := postForm(t, opdc, u, url.Values{"due_day": {"๒๐"}}); st != http.StatusSeeOther {
		t.Fatalf("20: %d", st)
	}
	if p, _ := f.db.LicencePolicy(context.Background()); p.DueDay != 20 {
		t.Fatalf("policy = %+v", p)
	}
	if st, _, _ := postForm(t, f.as(t, openinfo.RoleCentral, f.dept), u, url.Values{"due_day": {"10"}}); st != http.StatusForbidden {
		t.Fatalf("central set the deadline: %d", st)
	}
}
