package app

import (
	"context"
	"fmt"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// Demo delay notices (Licensing Facilitation Act section 10) at the Chiang
// Mai office's first point: one application with no notice past its due
// date (overdue), one with a notice, one decided and told. The README gives
// the reference and phone digits to try /delays with.
const (
	DemoDelayRef    = "ขส.ชม. 1024/2569"
	DemoDelayPhone4 = "5678"
)

func createDemoDelays(ctx context.Context, db *store.DB, now time.Time) error {
	officer, pt, err := demoPointOfficer(ctx, db)
	if err != nil {
		return fmt.Errorf("demo delays: %w", err)
	}
	office, err := db.Agency(ctx, pt.AgencyID)
	if err != nil {
		return err
	}
	parent, err := db.Agency(ctx, office.ParentID)
	if err != nil {
		return err
	}
	procs, err := db.AgencyProcesses(ctx, parent.ID, 1)
	if err != nil || len(procs) == 0 {
		return fmt.Errorf("demo delays: no process of %s: %v", parent.NameTH, err)
	}
	day := func(d int) time.Time { return thaitime.StartOfDay(now.AddDate(0, 0, d)) }
	for i, c := range []struct {
		ref, name, phone string
		received, due    int
		notice           bool
		decided          bool
	}{
		{"ขส.ชม. 1023/2569", "นายประสิทธิ์ ทองดี", "0891112222", -45, -20, false, false},
		{DemoDelayRef, "นางสาวจันทร์เพ็ญ แสงดาว", "0812345678", -30, -6, true, false},
		{"ขส.ชม. 1025/2569", "นายวีระ กล้าหาญ", "0823334444", -60, -35, true, true},
	} {
		dc := &openinfo.DelayCase{Ref: c.ref, ProcessID: procs[0].ID, PointID: pt.ID, ApplicantName: c.name, ApplicantPhone: c.phone,
			Received: day(c.received), Due: day(c.due), DueReason: "ตัวอย่างสำหรับทดลองใช้งาน (demo)"}
		if err := db.SaveDelayCase(ctx, dc, officer, now); err != nil {
			return fmt.Errorf("demo delay %d: %w", i, err)
		}
		if c.notice {
			n := openinfo.DelayNotice{Seq: 1, Number: fmt.Sprintf("ชม 0018/%d", 100+i), Date: day(c.due + 1),
				Reason: "รอผลการตรวจสอบประวัติจากหน่วยงานภายนอก", ExpectedDecision: day(c.due + 14)}
			if _, err := db.RecordDelayNotice(ctx, dc.ID, n, officer, now); err != nil {
				return fmt.Errorf("demo delay notice %d: %w", i, err)
			}
		}
		if c.decided {
			got, err := db.DelayCase(ctx, dc.ID)
			if err != nil {
				return err
			}
			got.Decision, got.DecidedOn, got.ToldOn = openinfo.DecisionIssued, day(c.due+10), day(c.due+12)
			if err := db.SaveDelayCase(ctx, got, officer, now); err != nil {
				return fmt.Errorf("demo delay decision %d: %w", i, err)
			}
		}
	}
	return nil
}
