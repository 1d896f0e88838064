package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestManualStates: each agency under the scope sums its subtree's
// processes by their latest revision's state.
func TestManualStates(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dopa := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
		office := mustCreateAgency(t, db, dopa.ID, openinfo.AgencyRegionalOffice, "ที่ทำการปกครองจังหวัดเชียงใหม่")
		dol := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมที่ดิน")
		publishedProcess(t, db, dopa, "การแจ้งเกิด")
		mk := func(a *openinfo.Agency, name string, open bool) {
			p := &openinfo.Process{AgencyID: a.ID, NameTH: name}
			if err := db.CreateProcess(ctx, p); err != nil {
				t.Fatal(err)
			}
			if open {
				if _, err := db.OpenRevision(ctx, p.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		mk(office, "การแจ้งย้ายที่อยู่", true)
		mk(office, "การขอเลขที่บ้าน", false)
		mk(dol, "การจดทะเบียนสิทธิ", true)
		rows, err := db.ManualStates(ctx, store.SummaryFilter{ScopeID: moi.ID}, time.Now().AddDate(-3, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].AgencyID != dopa.ID || rows[0].Total != 3 ||
			rows[0].Counts[openinfo.RevPublished] != 1 || rows[0].Counts[openinfo.RevDraft] != 1 || rows[0].Counts[""] != 1 ||
			rows[1].AgencyID != dol.ID || rows[1].Counts[openinfo.RevDraft] != 1 {
			t.Fatalf("rows = %+v", rows)
		}
		top, err := db.ManualStates(ctx, store.SummaryFilter{}, time.Now().AddDate(-3, 0, 0))
		if err != nil || len(top) != 1 || top[0].AgencyID != moi.ID || top[0].Total != 4 || top[0].Stale != 0 {
			t.Fatalf("country = %+v, %v", top, err)
		}
		// Three years on, the manual published now is due for a review.
		if later, _ := db.ManualStates(ctx, store.SummaryFilter{}, time.Now().AddDate(0, 0, 1)); later[0].Stale != 1 {
			t.Fatalf("stale = %+v", later)
		}
	})
}

// TestPointSummary: each agency under the scope counts its subtree's
// service points and what they lack.
func TestPointSummary(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		office := mustCreateAgency(t, db, dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
		full := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "ช่องบริการ 1", Kind: openinfo.PointCounter, Visible: true,
			HasLocation: true, Lat: 18.79, Lon: 98.98, Hours: openinfo.OfficeHours()}
		bare := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "ช่องบริการ 2", Kind: openinfo.PointCounter, Visible: true}
		hidden := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "ช่องที่ปิดแล้ว", Kind: openinfo.PointCounter}
		for _, p := range []*openinfo.ServicePoint{full, bare, hidden} {
			if err := db.CreateServicePoint(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		proc := publishedProcess(t, db, dept, "การต่ออายุใบอนุญาตขับรถ")
		if _, err := db.Pin(ctx, store.PinProcess, proc.ID, []int64{full.ID}); err != nil {
			t.Fatal(err)
		}
		rows, err := db.PointSummary(ctx, store.SummaryFilter{ScopeID: dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := store.PointSummaryRow{AgencyID: office.ID, AgencyName: office.NameTH, Points: 3, Hidden: 1, NoManuals: 1, NoLocation: 1, NoHours: 1, NoRatings: 2}
		if len(rows) != 1 || rows[0] != want {
			t.Fatalf("rows = %+v, want %+v", rows, want)
		}
	})
}

// TestOfficerSummary: officers by role per agency under the scope, the idle
// ones, and the unspent tokens still valid or lapsed.
func TestOfficerSummary(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		office := mustCreateAgency(t, db, dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
		now := time.Now()
		bind := func(sub string, role openinfo.Role) {
			u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: sub, GivenName: sub})
			if err != nil {
				t.Fatal(err)
			}
			tok, _ := openinfo.NewToken()
			if err := db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: office.ID, Role: role, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.RedeemToken(ctx, u.ID, tok, now); err != nil {
				t.Fatal(err)
			}
		}
		bind("a", openinfo.RolePointOfficer)
		bind("b", openinfo.RoleAuthor)
		waiting, _ := openinfo.NewToken()
		if err := db.IssueToken(ctx, &openinfo.IssuedToken{Hash: waiting, Sealed: "-", AgencyID: office.ID, Role: openinfo.RoleReviewer, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		rows, err := db.OfficerSummary(ctx, store.SummaryFilter{ScopeID: dept.ID}, now.Add(-90*24*time.Hour), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Officers != 2 || rows[0].ByRole[openinfo.RoleAuthor] != 1 || rows[0].Idle != 0 || rows[0].TokensWaiting != 1 {
			t.Fatalf("rows = %+v", rows)
		}
		later := now.Add(200 * 24 * time.Hour)
		rows, _ = db.OfficerSummary(ctx, store.SummaryFilter{ScopeID: dept.ID}, later.Add(-90*24*time.Hour), later)
		if rows[0].Idle != 2 || rows[0].TokensExpired != 1 || rows[0].TokensWaiting != 0 {
			t.Fatalf("200 days on: %+v", rows)
		}
	})
}

// TestApprovalTimes: each wait at an approval step is measured from the
// step's start to its end, also when a revision is returned and comes back.
func TestApprovalTimes(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		publishedProcess(t, db, dept, "การต่ออายุใบอนุญาตขับรถ")
		// A second manual is returned at step 1 once, then goes through.
		p := &openinfo.Process{AgencyID: dept.ID, NameTH: "การจดทะเบียนรถใหม่"}
		if err := db.CreateProcess(ctx, p); err != nil {
			t.Fatal(err)
		}
		author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: dept.ID, AgencyPath: dept.Path}
		reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: dept.ID, AgencyPath: dept.Path}
		r, _ := db.OpenRevision(ctx, p.ID)
		if _, err := db.SaveDraft(ctx, r.ID, r.Version, completeManual(p.NameTH), author, dept.Path); err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			ev openinfo.RevisionEvent
			o  openinfo.Officer
			c  string
		}{{openinfo.EvSubmit, author, ""}, {openinfo.EvReturnStep1, reviewer, "กรุณาแก้ไขขั้นตอน"}, {openinfo.EvSubmit, author, ""}, {openinfo.EvApproveStep1, reviewer, ""}} {
			if err := db.ApplyRevision(ctx, r.ID, step.ev, step.o, dept.Path, step.c); err != nil {
				t.Fatalf("%s: %v", step.ev, err)
			}
		}
		times, err := db.ApprovalTimes(ctx, store.SummaryFilter{ScopeID: dept.ID}, time.Now().Add(-time.Hour), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(times[openinfo.RevWaitingStep1]) != 3 || len(times[openinfo.RevWaitingStep2]) != 1 || times[openinfo.RevWaitingStep1][0] < 0 {
			t.Fatalf("times = %v", times)
		}
		if other, _ := db.ApprovalTimes(context.Background(), store.SummaryFilter{ScopeID: 999999}, time.Time{}, time.Time{}); len(other) != 0 {
			t.Fatalf("another subtree's times = %v", other)
		}
	})
}
