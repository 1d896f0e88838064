package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

func bkk(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, thaitime.Bangkok)
}

// publishedProcess creates a process of agency a and publishes its manual
// through the two-step approval, with a legal time limit of 15 business days.
func publishedProcess(t *testing.T, db *store.DB, a *openinfo.Agency, name string) *openinfo.Process {
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
	c := completeManual(name)
	c.TimeLimit = openinfo.LegalTimeLimit{Law: "พ.ร.บ. การอำนวยความสะดวก", Value: 15, Unit: openinfo.UnitBusinessDay}
	if _, err := db.SaveDraft(ctx, r.ID, r.Version, c, author, a.Path); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		ev    openinfo.RevisionEvent
		actor openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, r.ID, step.ev, step.actor, a.Path, ""); err != nil {
			t.Fatalf("%s: %v", step.ev, err)
		}
	}
	return p
}

type licenceFixture struct {
	dept, office, other *openinfo.Agency
	p1, p2, hidden      *openinfo.ServicePoint
	proc                *openinfo.Process
	officer, outsider   openinfo.Officer
	opdc, admin         openinfo.Officer
}

func newLicenceFixture(t *testing.T, db *store.DB) licenceFixture {
	t.Helper()
	ctx := context.Background()
	var f licenceFixture
	f.dept = mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
	f.office = mustCreateAgency(t, db, f.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
	f.other = mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมสรรพากร")
	f.p1, f.p2 = mustPoint(t, db, f.office.ID, "ช่องบริการ 1"), mustPoint(t, db, f.dept.ID, "ศูนย์บริการ")
	f.hidden = mustPoint(t, db, f.office.ID, "จุดบริการที่ปิดแล้ว")
	f.hidden.Visible = false
	if err := db.UpdateServicePoint(ctx, f.hidden); err != nil {
		t.Fatal(err)
	}
	f.proc = publishedProcess(t, db, f.dept, "การต่ออายุใบอนุญาตขับรถ")
	if _, err := db.Pin(ctx, store.PinProcess, f.proc.ID, []int64{f.p1.ID, f.p2.ID, f.hidden.ID}); err != nil {
		t.Fatal(err)
	}
	f.officer = openinfo.Officer{UserID: 10, Role: openinfo.RolePointOfficer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
	f.outsider = openinfo.Officer{UserID: 11, Role: openinfo.RolePointOfficer, AgencyID: f.other.ID, AgencyPath: f.other.Path}
	f.opdc = openinfo.Officer{UserID: 12, Role: openinfo.RoleOPDC}
	f.admin = openinfo.Officer{UserID: 13, Role: openinfo.RoleAdmin}
	return f
}

func TestLicenceReports(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		const m = 202610 // October 2569: due 15 Nov 2026
		before := bkk(2026, 11, 10, 10, 0)
		me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p1.ID}

		// Both visible points owe a report; the hidden one does not.
		miss, err := db.MissingReporters(ctx, m, f.dept.Path)
		if err != nil || len(miss) != 2 {
			t.Fatalf("missing = %+v, %v", miss, err)
		}
		if miss, _ := db.MissingReporters(ctx, m, f.office.Path); len(miss) != 1 || miss[0].Reporter != me || miss[0].Name != "ช่องบริการ 1" {
			t.Fatalf("missing under the office = %+v", miss)
		}

		rep := openinfo.LicenceReport{Reporter: me, ProcessID: f.proc.ID, Month: m,
			Counts: openinfo.LicenceCounts{PendingStart: 2, Received: 10, Issued: 8, Refused: 1, OnTime: 7, Late: 2, PendingEnd: 3}}
		// Someone outside the agency may not report for it.
		wantCode(t, db.SaveLicenceReport(ctx, &rep, openinfo.LicSaveDraft, f.outsider, before), openinfo.EFORBIDDEN, "")
		// Bad arithmetic names the field, and nothing is stored.
		bad := rep
		bad.Counts.PendingEnd = 4
		wantCode(t, db.SaveLicenceReport(ctx, &bad, openinfo.LicSaveDraft, f.officer, before), openinfo.EINVALID, "pending_end")
		if bad.AgencyID != 0 || bad.Counts.PendingEnd != 4 {
			t.Fatalf("a refused save changed what was sent: %+v", bad)
		}
		if got, _ := db.LicenceReport(ctx, me, f.proc.ID, m); got != nil {
			t.Fatalf("a refused report was stored: %+v", got)
		}
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicSaveDraft, f.officer, before); err != nil {
			t.Fatal(err)
		}
		if rep.ID == 0 || rep.Version != 1 || rep.State != openinfo.ReportDraft || rep.AgencyID != f.office.ID {
			t.Fatalf("draft = %+v", rep)
		}
		// A stale save loses.
		stale := rep
		stale.Version = 0
		wantCode(t, db.SaveLicenceReport(ctx, &stale, openinfo.LicSaveDraft, f.officer, before), openinfo.ECONFLICT, "")
		// A draft still counts as missing; a submission does not.
		if miss, _ := db.MissingReporters(ctx, m, f.office.Path); len(miss) != 1 {
			t.Fatalf("draft counted as submitted: %+v", miss)
		}
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, f.officer, before); err != nil {
			t.Fatal(err)
		}
		if miss, _ := db.MissingReporters(ctx, m, f.office.Path); len(miss) != 0 {
			t.Fatalf("still missing after submission: %+v", miss)
		}
		// Corrections until the deadline, each kept.
		rep.Counts.Received, rep.Counts.PendingEnd = 11, 4
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicCorrect, f.officer, bkk(2026, 11, 15, 23, 0)); err != nil {
			t.Fatal(err)
		}
		if rep.Corrections != 1 || rep.Version != 3 || rep.SubmittedAt.IsZero() {
			t.Fatalf("corrected = %+v", rep)
		}
		hist, err := db.LicenceReportHistory(ctx, rep.ID)
		if err != nil || len(hist) != 3 || hist[0].Event != openinfo.LicSaveDraft || hist[2].Event != openinfo.LicCorrect ||
			hist[2].Counts.Received != 11 || hist[1].Counts.Received != 10 {
			t.Fatalf("history = %+v, %v", hist, err)
		}
		audit, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "licence_report", EntityID: rep.ID})
		if len(audit) != 3 || audit[0].Action != "licence.correct" {
			t.Fatalf("audit = %+v", audit)
		}
		// After the deadline: refused, even before the lock job runs.
		rep.Counts.Received, rep.Counts.PendingEnd = 12, 5
		wantCode(t, db.SaveLicenceReport(ctx, &rep, openinfo.LicCorrect, f.officer, bkk(2026, 11, 16, 0, 0)), openinfo.ECONFLICT, "")

		// A future month, a process the point does not serve.
		fut := openinfo.ZeroLicenceReport(me, 0, f.proc.ID, 202612, 0)
		wantCode(t, db.SaveLicenceReport(ctx, &fut, openinfo.LicSaveDraft, f.officer, before), openinfo.EINVALID, "month")
		foreign := publishedProcess(t, db, f.other, "การจดทะเบียนภาษีมูลค่าเพิ่ม")
		zf := openinfo.ZeroLicenceReport(me, 0, foreign.ID, m, 0)
		wantCode(t, db.SaveLicenceReport(ctx, &zf, openinfo.LicSaveDraft, f.officer, before), openinfo.EINVALID, "process_id")

		// Zero month in one click: November starts with October's pending.
		z, err := db.ZeroLicenceReport(ctx, me, f.proc.ID, 202611)
		if err != nil || z.Counts.PendingStart != 4 || z.Counts.PendingEnd != 4 || z.AgencyID != f.office.ID {
			t.Fatalf("zero = %+v, %v", z, err)
		}
		if err := db.SaveLicenceReport(ctx, &z, openinfo.LicSubmit, f.officer, bkk(2026, 12, 1, 9, 0)); err != nil {
			t.Fatal(err)
		}

		// The other point reports too; the department's roll-up sums both.
		p2 := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p2.ID}
		central := openinfo.Officer{UserID: 14, Role: openinfo.RoleCentral, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
		r2 := openinfo.LicenceReport{Reporter: p2, ProcessID: f.proc.ID, Month: m,
			Counts: openinfo.LicenceCounts{Received: 5, Issued: 5, OnTime: 5}}
		if err := db.SaveLicenceReport(ctx, &r2, openinfo.LicSubmit, central, before); err != nil {
			t.Fatal(err)
		}
		roll, err := db.LicenceRollup(ctx, f.dept.Path, 202610, 202611)
		if err != nil || len(roll) != 2 || roll[0].Month != m || roll[0].Reports != 2 || roll[0].Counts.Received != 16 ||
			roll[0].Counts.Issued != 13 || roll[1].Month != 202611 || roll[1].Counts.PendingStart != 4 {
			t.Fatalf("roll-up = %+v, %v", roll, err)
		}
		if roll, _ := db.LicenceRollup(ctx, f.office.Path, 202610, 202610); len(roll) != 1 || roll[0].Counts.Received != 11 {
			t.Fatalf("office roll-up = %+v", roll)
		}
		if roll, _ := db.LicenceRollup(ctx, f.other.Path, 202610, 202612); len(roll) != 0 {
			t.Fatalf("other department's roll-up = %+v", roll)
		}
		// The department's breakdown: its own point first, then the office.
		bd, err := db.LicenceBreakdown(ctx, f.dept.ID, 202610, 202610)
		if err != nil || len(bd) != 2 || bd[0].AgencyID != f.dept.ID || bd[0].Counts.Received != 5 ||
			bd[1].AgencyID != f.office.ID || bd[1].Counts.Received != 11 {
			t.Fatalf("breakdown = %+v, %v", bd, err)
		}
		// The country: one row per top-level agency with reports.
		if bd, err := db.LicenceBreakdown(ctx, 0, 202610, 202611); err != nil || len(bd) != 1 || bd[0].AgencyID != f.dept.ID ||
			bd[0].Reports != 3 || bd[0].Counts.Received != 16 {
			t.Fatalf("national breakdown = %+v, %v", bd, err)
		}
		// Section 9 of the manual from the reports.
		per, err := db.LicenceReceivedPerMonth(ctx, f.proc.ID, 202601, 202612)
		if err != nil || len(per) != 2 || per[202610] != 16 || per[202611] != 0 {
			t.Fatalf("received per month = %v, %v", per, err)
		}
	})
}

func TestReportingLevel(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		at := bkk(2026, 12, 7, 10, 0)
		if _, err := db.SetReportingLevel(ctx, f.dept.ID, openinfo.ReporterAgency, f.opdc, at); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
			t.Fatalf("OPDC switched the level: %v", err)
		}
		from, err := db.SetReportingLevel(ctx, f.dept.ID, openinfo.ReporterAgency, f.admin, at)
		if err != nil || from != 202701 {
			t.Fatalf("switch = %d, %v", from, err)
		}
		for m, want := range map[int]openinfo.ReportingLevel{202612: openinfo.ReporterPoint, 202701: openinfo.ReporterAgency, 202703: openinfo.ReporterAgency} {
			if got, err := db.ReportingLevel(ctx, f.dept.ID, m); err != nil || got != want {
				t.Errorf("level in %d = %s, %v; want %s", m, got, err, want)
			}
		}
		// December is still the points'; January is the department's alone.
		if miss, _ := db.MissingReporters(ctx, 202612, ""); len(miss) != 2 || miss[0].Reporter.Kind != openinfo.ReporterPoint {
			t.Fatalf("December = %+v", miss)
		}
		miss, _ := db.MissingReporters(ctx, 202701, "")
		if len(miss) != 1 || miss[0].Reporter != (openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: f.dept.ID}) || miss[0].Name != f.dept.NameTH {
			t.Fatalf("January = %+v", miss)
		}
		central := openinfo.Officer{UserID: 14, Role: openinfo.RoleCentral, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
		pt := openinfo.ZeroLicenceReport(openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p2.ID}, 0, f.proc.ID, 202701, 0)
		wantCode(t, db.SaveLicenceReport(ctx, &pt, openinfo.LicSaveDraft, central, bkk(2027, 2, 1, 9, 0)), openinfo.ECONFLICT, "")
		ag := openinfo.ZeroLicenceReport(openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: f.dept.ID}, 0, f.proc.ID, 202701, 0)
		if err := db.SaveLicenceReport(ctx, &ag, openinfo.LicSubmit, central, bkk(2027, 2, 1, 9, 0)); err != nil {
			t.Fatal(err)
		}
		if audit, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "agency", EntityID: f.dept.ID}); len(audit) == 0 || audit[0].Action != "licence.level" {
			t.Fatalf("switch not audited: %+v", audit)
		}
		if _, err := db.SetReportingLevel(ctx, f.dept.ID, "ministry", f.admin, at); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("unknown level: %v", err)
		}
	})
}

// TestLicenceLockAndUnlock: the deadline job locks the missing reporters,
// an unlock is requested, refused for the wrong people, approved by OPDC
// with a window over Songkran-like holidays from the calendar table, the
// window ends, and a second request is refused.
func TestLicenceLockAndUnlock(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		const m = 202603
		// OPDC sets the due day to the 8th: March is due Wed 8 Apr 2026 and
		// locks from Thu 9 Apr, the week before Songkran.
		if err := db.SetLicencePolicy(ctx, 8, f.officer); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
			t.Fatalf("an officer set the policy: %v", err)
		}
		wantCode(t, db.SetLicencePolicy(ctx, 31, f.opdc), openinfo.EINVALID, "due_day")
		if err := db.SetLicencePolicy(ctx, 8, f.opdc); err != nil {
			t.Fatal(err)
		}
		if p, err := db.LicencePolicy(ctx); err != nil || p.DueDay != 8 || p.UnlockDays != 5 {
			t.Fatalf("policy = %+v, %v", p, err)
		}
		me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p1.ID}
		if _, err := db.LockPeriod(ctx, m, bkk(2026, 4, 8, 23, 0)); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("lock before the deadline: %v", err)
		}
		// The holiday table may be seeded for other years than 2026 on the
		// machine's clock; make sure Songkran 2026 is there.
		for d := 13; d <= 15; d++ {
			h := &store.Holiday{Holiday: thaitime.Holiday{Date: bkk(2026, 4, d, 0, 0), NameTH: "วันสงกรานต์"}}
			if err := db.AddHoliday(ctx, h, f.admin); err != nil && openinfo.ErrorCode(err) != openinfo.ECONFLICT {
				t.Fatal(err)
			}
		}
		lockAt := bkk(2026, 4, 9, 0, 5)
		n, err := db.LockPeriod(ctx, m, lockAt)
		if err != nil || n != 2 {
			t.Fatalf("locked %d, %v", n, err)
		}
		if n, err := db.LockPeriod(ctx, m, lockAt); err != nil || n != 0 {
			t.Fatalf("second run locked %d, %v", n, err)
		}
		// A locked month is not searched again: a point pinned after the
		// lock is not recorded by the hourly rerun.
		late := mustPoint(t, db, f.office.ID, "ช่องบริการเปิดใหม่")
		if _, err := db.Pin(ctx, store.PinProcess, f.proc.ID, []int64{f.p1.ID, f.p2.ID, f.hidden.ID, late.ID}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.LockPeriod(ctx, m, lockAt.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("rerun after the lock locked %d, %v", n, err)
		}
		if _, err := db.Pin(ctx, store.PinProcess, f.proc.ID, []int64{f.p1.ID, f.p2.ID, f.hidden.ID}); err != nil {
			t.Fatal(err)
		}
		if locks, _ := db.LicenceLocks(ctx, m, f.office.Path); len(locks) != 1 || locks[0].Reporter != me || locks[0].Missing != 1 {
			t.Fatalf("locks = %+v", locks)
		}
		info, err := db.LicencePeriod(ctx, me, m, lockAt)
		if err != nil || info.State != openinfo.PeriodLocked {
			t.Fatalf("period = %+v, %v", info, err)
		}
		rep := openinfo.LicenceReport{Reporter: me, ProcessID: f.proc.ID, Month: m, Counts: openinfo.LicenceCounts{Received: 1, Issued: 1, Late: 1}}
		wantCode(t, db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, f.officer, bkk(2026, 4, 9, 8, 0)), openinfo.ECONFLICT, "")

		if _, err := db.RequestUnlock(ctx, me, m, "ระบบขัดข้อง", f.officer, bkk(2026, 4, 8, 9, 0)); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("unlock before the lock: %v", err)
		}
		wantErr := func(err error, code string) {
			t.Helper()
			if openinfo.ErrorCode(err) != code {
				t.Fatalf("err = %v, want %s", err, code)
			}
		}
		_, err = db.RequestUnlock(ctx, me, m, "", f.officer, bkk(2026, 4, 9, 9, 0))
		wantCode(t, err, openinfo.EINVALID, "reason")
		_, err = db.RequestUnlock(ctx, me, m, "ระบบขัดข้อง", f.outsider, bkk(2026, 4, 9, 9, 0))
		wantErr(err, openinfo.EFORBIDDEN)
		u, err := db.RequestUnlock(ctx, me, m, "ระบบเครือข่ายขัดข้อง", f.officer, bkk(2026, 4, 9, 9, 0))
		if err != nil || u.ID == 0 || u.Status != openinfo.UnlockRequested || u.AgencyID != f.office.ID {
			t.Fatalf("request = %+v, %v", u, err)
		}
		_, err = db.RequestUnlock(ctx, me, m, "อีกครั้ง", f.officer, bkk(2026, 4, 9, 10, 0))
		wantErr(err, openinfo.ECONFLICT)
		if list, _ := db.UnlockRequests(ctx, store.UnlockFilter{Status: openinfo.UnlockRequested}); len(list) != 1 || list[0].ID != u.ID {
			t.Fatalf("waiting = %+v", list)
		}
		_, err = db.DecideUnlock(ctx, u.ID, true, "", f.officer, bkk(2026, 4, 10, 15, 0))
		wantErr(err, openinfo.EFORBIDDEN)
		_, err = db.DecideUnlock(ctx, u.ID, false, "", f.opdc, bkk(2026, 4, 10, 15, 0))
		wantCode(t, err, openinfo.EINVALID, "comment")
		// Approved Friday 10 Apr (before Songkran): five business days end on Wed 22 Apr.
		u, err = db.DecideUnlock(ctx, u.ID, true, "อนุมัติ", f.opdc, bkk(2026, 4, 10, 15, 0))
		if err != nil || u.Status != openinfo.UnlockApproved || !u.WindowEnd.Equal(bkk(2026, 4, 23, 0, 0)) || u.DecidedBy != f.opdc.UserID {
			t.Fatalf("approve = %+v, %v", u, err)
		}
		_, err = db.DecideUnlock(ctx, u.ID, false, "ไม่อนุมัติ", f.admin, bkk(2026, 4, 10, 16, 0))
		wantErr(err, openinfo.ECONFLICT)
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, f.officer, bkk(2026, 4, 22, 16, 0)); err != nil {
			t.Fatalf("submit in the window: %v", err)
		}
		if n, err := db.CloseUnlockWindows(ctx, bkk(2026, 4, 22, 23, 0)); err != nil || n != 0 {
			t.Fatalf("closed early: %d, %v", n, err)
		}
		if n, err := db.CloseUnlockWindows(ctx, bkk(2026, 4, 23, 0, 0)); err != nil || n != 1 {
			t.Fatalf("closed %d, %v", n, err)
		}
		rep.Counts.Received, rep.Counts.Issued, rep.Counts.Late = 2, 2, 2
		wantErr(db.SaveLicenceReport(ctx, &rep, openinfo.LicCorrect, f.officer, bkk(2026, 4, 23, 9, 0)), openinfo.ECONFLICT)
		_, err = db.RequestUnlock(ctx, me, m, "ขออีกครั้ง", f.officer, bkk(2026, 4, 23, 9, 0))
		wantErr(err, openinfo.ECONFLICT)
		audit, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "licence_unlock", EntityID: u.ID})
		if len(audit) != 3 || audit[0].Action != "licence.window_ends" || audit[2].Action != "licence.request_unlock" {
			t.Fatalf("audit = %+v", audit)
		}
	})
}

func TestHolidayCalendar(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		admin := openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}
		y := time.Now().In(thaitime.Bangkok).Year()
		if hs, err := db.Holidays(ctx, y+1); err != nil || len(hs) == 0 && y+1 <= 2027 {
			t.Fatalf("next year's holidays not seeded: %d, %v", len(hs), err)
		}
		h := &store.Holiday{Holiday: thaitime.Holiday{Date: bkk(2030, 3, 4, 15, 0), NameTH: "วันหยุดพิเศษ", NameEN: "Special holiday"}}
		if err := db.AddHoliday(ctx, h, openinfo.Officer{UserID: 2, Role: openinfo.RoleOPDC}); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
			t.Fatalf("OPDC added a holiday: %v", err)
		}
		wantCode(t, db.AddHoliday(ctx, &store.Holiday{}, admin), openinfo.EINVALID, "day")
		if err := db.AddHoliday(ctx, h, admin); err != nil || h.ID == 0 {
			t.Fatal(err)
		}
		if err := db.AddHoliday(ctx, &store.Holiday{Holiday: h.Holiday}, admin); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("duplicate: %v", err)
		}
		cal, err := db.Calendar(ctx)
		if err != nil || cal.IsBusinessDay(bkk(2030, 3, 4, 9, 0)) || !cal.IsBusinessDay(bkk(2030, 3, 5, 9, 0)) {
			t.Fatalf("calendar: %v", err)
		}
		hs, _ := db.Holidays(ctx, 2030)
		if len(hs) != 1 || !hs[0].Date.Equal(bkk(2030, 3, 4, 0, 0)) || hs[0].NameEN != "Special holiday" {
			t.Fatalf("2030 = %+v", hs)
		}
		if err := db.DeleteHoliday(ctx, h.ID, admin); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteHoliday(ctx, h.ID, admin); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		if audit, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "holiday", EntityID: h.ID}); len(audit) != 2 {
			t.Fatalf("audit = %+v", audit)
		}
	})
}

// TestUnlockRequestRace: two officers press "ปลดล็อค" at once; one request
// is recorded, the other refused, on both engines.
func TestUnlockRequestRace(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p1.ID}
		at := bkk(2026, 11, 20, 9, 0) // October 2026 locked on 16 Nov
		errs := make(chan error, 4)
		for i := 0; i < 4; i++ {
			go func() {
				_, err := db.RequestUnlock(ctx, me, 202610, "ระบบขัดข้อง", f.officer, at)
				errs <- err
			}()
		}
		ok := 0
		for i := 0; i < 4; i++ {
			switch err := <-errs; openinfo.ErrorCode(err) {
			case "":
				ok++
			case openinfo.ECONFLICT:
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d requests recorded, want 1", ok)
		}
	})
}
