package app

import (
	"context"
	"fmt"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Demo licence reports at the Chiang Mai office's first point, so that the
// demo point officer finds each state: three months ago submitted, two
// months ago locked at the deadline with an unlock request waiting for
// OPDC, last month a draft while its deadline has not passed (after it, the
// month is locked and left for the officer to ask to unlock).
func createDemoLicences(ctx context.Context, db *store.DB, now time.Time) error {
	officer, pt, err := demoPointOfficer(ctx, db)
	if err != nil {
		return fmt.Errorf("demo licences: %w", err)
	}
	offers, err := db.PointOfferings(ctx, pt.ID)
	if err != nil {
		return err
	}
	var procs []int64
	for _, o := range offers {
		if o.Kind == "manual" && len(procs) < 2 {
			procs = append(procs, o.ID)
		}
	}
	if len(procs) == 0 {
		return fmt.Errorf("demo licences: no manual pinned to %s", pt.NameTH)
	}
	policy, err := db.LicencePolicy(ctx)
	if err != nil {
		return err
	}
	me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pt.ID}
	last := prevMonth(openinfo.MonthKey(now))
	twoAgo, threeAgo := prevMonth(last), prevMonth(prevMonth(last))
	save := func(month int, ev openinfo.LicenceEvent, at time.Time) error {
		for i, p := range procs {
			c := openinfo.LicenceCounts{PendingStart: 2 + i, Received: 40 - 7*i, Issued: 35 - 6*i, Refused: 1, OnTime: 33 - 6*i, Late: 3}
			c.PendingEnd = c.PendingStart + c.Received - c.Issued - c.Refused
			rep := openinfo.LicenceReport{Reporter: me, ProcessID: p, Month: month, Counts: c}
			if err := db.SaveLicenceReport(ctx, &rep, ev, officer, at); err != nil {
				return fmt.Errorf("demo licence report %d: %w", month, err)
			}
		}
		return nil
	}
	// Submitted a few days after the month's end.
	if err := save(threeAgo, openinfo.LicSubmit, policy.DueDate(threeAgo).AddDate(0, 0, -7)); err != nil {
		return err
	}
	if _, err := db.LockPeriod(ctx, twoAgo, now); err != nil {
		return fmt.Errorf("demo licence lock: %w", err)
	}
	if _, err := db.RequestUnlock(ctx, me, twoAgo, "เจ้าหน้าที่ผู้รับผิดชอบลาป่วยช่วงกำหนดส่ง (ตัวอย่างสำหรับทดลองใช้งาน)", officer, now); err != nil {
		return fmt.Errorf("demo unlock request: %w", err)
	}
	if now.Before(policy.Deadline(last)) {
		return save(last, openinfo.LicSaveDraft, now)
	}
	return nil
}

// demoPointOfficer returns the demo point officer (dltchiangmai) and the
// first service point of the Chiang Mai office.
func demoPointOfficer(ctx context.Context, db *store.DB) (openinfo.Officer, *openinfo.ServicePoint, error) {
	office, err := demoAgency(ctx, db, "สำนักงานขนส่งจังหวัดเชียงใหม่")
	if err != nil {
		return openinfo.Officer{}, nil, err
	}
	points, _, err := db.ServicePoints(ctx, store.PointFilter{AgencyID: office.ID, Limit: 1})
	if err != nil || len(points) == 0 {
		return openinfo.Officer{}, nil, fmt.Errorf("no service point at %s: %v", office.NameTH, err)
	}
	list, _, err := db.Users(ctx, store.UserFilter{Query: "dltchiangmai", Limit: 5})
	if err != nil {
		return openinfo.Officer{}, nil, err
	}
	for _, u := range list {
		if u.Username == "dltchiangmai" {
			return u.Officer(), points[0], nil
		}
	}
	return openinfo.Officer{}, nil, fmt.Errorf("the demo point officer is missing")
}

// prevMonth is the month (yyyymm) before m.
func prevMonth(m int) int {
	if m%100 == 1 {
		return (m/100-1)*100 + 12
	}
	return m - 1
}
