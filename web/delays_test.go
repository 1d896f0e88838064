package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// TestDelayLookup: the applicant finds their application's delay notices by
// its reference and the last four digits of their phone; a wrong reference
// and wrong digits get the same answer; nobody sees a name or a contact; an
// address may look up only so often.
func TestDelayLookup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newAdminFixtureOn(t, db)
		// A published manual (its time limit makes the due date) at the office's point.
		p := &openinfo.Process{AgencyID: f.office.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ"}
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
		officer := openinfo.Officer{UserID: 4, Role: openinfo.RolePointOfficer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
		now := time.Now()
		c := &openinfo.DelayCase{Ref: "ขส.ชม. 77/2569", ProcessID: p.ID, PointID: f.officePt.ID,
			ApplicantName: "นายสมชาย ใจดี", ApplicantPhone: "081 234 5678", Received: now.AddDate(0, 0, -40),
			Due: now.AddDate(0, 0, -10), DueReason: "คู่มือไม่ระบุระยะเวลา กำหนดตามหนังสือสั่งการ"}
		if err := db.SaveDelayCase(ctx, c, officer, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordDelayNotice(ctx, c.ID, openinfo.DelayNotice{Seq: 1, Number: "ชม 0012/123", Date: now.AddDate(0, 0, -3),
			Reason: "รอผลตรวจสุขภาพจากโรงพยาบาล", ExpectedDecision: now.AddDate(0, 0, 10)}, officer, now); err != nil {
			t.Fatal(err)
		}

		post := func(ref, last4 string) (int, string) { // every lookup from this test's one address
			req, _ := http.NewRequest("POST", f.srv.URL+"/delays", strings.NewReader(url.Values{"ref": {ref}, "last4": {last4}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		status, page := post("ขส.ชม.77/2569", "5678") // spacing as the applicant types it
		if status != 200 || !strings.Contains(page, "รอผลตรวจสุขภาพจากโรงพยาบาล") || !strings.Contains(page, p.NameTH) {
			t.Fatalf("lookup: %d\n%s", status, page)
		}
		for _, leak := range []string{"สมชาย", "081", "234"} {
			if strings.Contains(page, leak) {
				t.Errorf("the page shows %q", leak)
			}
		}
		_, wrongDigits := post("ขส.ชม. 77/2569", "1234")
		_, wrongRef := post("ขส.ชม. 78/2569", "5678")
		notFound := "ไม่พบคำขอตามเลขที่"
		if !strings.Contains(wrongDigits, notFound) || !strings.Contains(wrongRef, notFound) || strings.Contains(wrongDigits, "รอผลตรวจ") {
			t.Fatal("a wrong reference and wrong digits are not answered alike")
		}
		if status, page := post("", "12a"); status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="ref-err"`) || !strings.Contains(page, `id="last4-err"`) {
			t.Fatalf("bad input: %d", status)
		}
		// The address's limit: 20 lookups an hour, refused after.
		last := 0
		for i := range 25 {
			last, _ = post(fmt.Sprintf("ขส.ชม. %d/2569", 100+i), "5678")
		}
		if last != http.StatusTooManyRequests {
			t.Fatalf("the 25th lookup from one address: %d, want 429", last)
		}
		// Linked from the home page.
		if _, home, _ := fetch(t, http.DefaultClient, f.srv.URL+"/"); !strings.Contains(string(home), `href="/delays"`) {
			t.Error("the home page does not link the lookup")
		}
	})
}

// TestDelayNoticePages: an officer records a late application and its
// notices over HTTP (bad input told at its field, what was typed kept), the
// list puts the overdue first, OPDC's inbox holds every agency's, and an
// author may not read them.
func TestDelayNoticePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAdminFixtureOn(t, db)
		_, procID, pointID := delayFixture(t, db, f.office, false)
		officer := f.as(t, openinfo.RolePointOfficer, f.office)
		today := time.Now().In(thaitime.Bangkok)
		day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
		post := func(c *http.Client, path string, form url.Values) (int, string, string) {
			form.Set("csrf", "test-csrf")
			res, err := c.PostForm(f.srv.URL+path, form)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, res.Header.Get("Location"), string(b)
		}
		form := url.Values{"ref": {"ขส.ชม. 501/2569"}, "point": {fmt.Sprint(pointID)}, "process": {fmt.Sprint(procID)},
			"applicant_name": {"นางสาวมาลี ดีใจ"}, "applicant_phone": {"08 1234 56"}, "received_on": {"31/02/2569"},
			"due_on": {day(-10)}, "due_reason": {"คู่มือไม่ระบุระยะเวลา"}}
		status, _, page := post(officer, "/admin/delay-notices/new", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "วันที่ไม่ถูกต้อง") || !strings.Contains(page, "นางสาวมาลี ดีใจ") {
			t.Fatalf("an impossible date: %d\n%s", status, firstError([]byte(page)))
		}
		form.Set("received_on", day(-40))
		status, _, page = post(officer, "/admin/delay-notices/new", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "หมายเลขโทรศัพท์ของผู้ยื่นคำขอ") {
			t.Fatalf("a short phone number: %d", status)
		}
		form.Set("applicant_phone", "081 234 5678")
		status, loc, _ := post(officer, "/admin/delay-notices/new", form)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/delay-notices/") {
			t.Fatalf("record: %d %q", status, loc)
		}
		// No notice by the due date: overdue, at the top of the list.
		_, list, _ := fetch(t, officer, f.srv.URL+"/admin/delay-notices?overdue=1")
		if !strings.Contains(string(list), "ขส.ชม. 501/2569") || !strings.Contains(string(list), `class="field-error"`) {
			t.Fatalf("the overdue list lacks the case:\n%s", list)
		}
		// The export carries the filters, and never the applicant.
		if !strings.Contains(string(list), `href="/admin/delay-notices.csv?overdue=1"`) {
			t.Fatal("the export link does not carry the filter")
		}
		st, csvBody, h := fetch(t, officer, f.srv.URL+"/admin/delay-notices.csv?overdue=1")
		if st != 200 || !strings.Contains(string(csvBody), "ขส.ชม. 501/2569") || strings.Contains(string(csvBody), "มาลี") || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV export: %d %q\n%s", st, h.Get("Content-Type"), csvBody)
		}
		if st, _, h := fetch(t, officer, f.srv.URL+"/admin/delay-notices.xlsx"); st != 200 || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("Excel export: %d %q", st, h.Get("Content-Type"))
		}
		// The officer's tasks open with it.
		if _, tasks, _ := fetch(t, officer, f.srv.URL+"/admin/tasks"); !strings.Contains(string(tasks), `id="overdue"`) || !strings.Contains(string(tasks), "ขส.ชม. 501/2569") {
			t.Fatal("the tasks page does not list the overdue case first")
		}
		// A notice without its expected decision date is refused at the field.
		status, _, page = post(officer, loc+"/notices", url.Values{"number": {"ชม 0099/1"}, "date": {day(-1)}, "reason": {"รอผลตรวจสอบ"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "กรุณากรอกวันที่คาดว่าจะพิจารณาแล้วเสร็จ") || !strings.Contains(page, "รอผลตรวจสอบ") {
			t.Fatalf("a notice without its expected date: %d", status)
		}
		status, _, _ = post(officer, loc+"/notices", url.Values{"number": {"ชม 0099/1"}, "date": {day(-1)}, "reason": {"รอผลตรวจสอบ"}, "expected": {day(10)}})
		if status != http.StatusSeeOther {
			t.Fatalf("a good notice: %d", status)
		}
		// OPDC's inbox holds it; a manual author may not read it.
		_, inbox, _ := fetch(t, f.as(t, openinfo.RoleOPDC, nil), f.srv.URL+"/admin/delay-notices")
		if !strings.Contains(string(inbox), "ขส.ชม. 501/2569") {
			t.Fatal("OPDC's inbox lacks the case")
		}
		if st, _, _ := fetch(t, f.as(t, openinfo.RoleAuthor, f.office), f.srv.URL+loc); st != http.StatusForbidden {
			t.Fatalf("an author read the case: %d", st)
		}
		// The decision, told the same day.
		_, casePage, _ := fetch(t, officer, f.srv.URL+loc)
		if !strings.Contains(string(casePage), "นางสาวมาลี ดีใจ") || !strings.Contains(string(casePage), "รอผลตรวจสอบ") {
			t.Fatal("the case page lacks the applicant or the notice")
		}
		status, _, page = post(officer, loc+"/decision", url.Values{"decision": {string(openinfo.DecisionIssued)}, "decided_on": {day(0)},
			"told_on": {day(0)}, "version": {"2"}})
		if status != http.StatusSeeOther {
			t.Fatalf("decision: %d %s", status, firstError([]byte(page)))
		}
	})
}
