package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

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
