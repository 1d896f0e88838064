package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

func TestDelayCases(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		admin := f.admin
		// Songkran 2026 in the calendar whatever year the machine's clock says.
		for d := 13; d <= 15; d++ {
			h := &store.Holiday{Holiday: thaitime.Holiday{Date: bkk(2026, 4, d, 0, 0), NameTH: "วันสงกรานต์"}}
			if err := db.AddHoliday(ctx, h, admin); err != nil && openinfo.ErrorCode(err) != openinfo.ECONFLICT {
				t.Fatal(err)
			}
		}
		if err := db.AddHoliday(ctx, &store.Holiday{Holiday: thaitime.Holiday{Date: bkk(2026, 4, 6, 0, 0), NameTH: "วันจักรี"}}, admin); err != nil && openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatal(err)
		}
		at := bkk(2026, 4, 30, 10, 0)
		c := &openinfo.DelayCase{Ref: "ขส.ชม. 123/2569", ProcessID: f.proc.ID, PointID: f.p1.ID,
			ApplicantName: "นายสมชาย ใจดี", ApplicantPhone: "081 234 5678", Received: bkk(2026, 4, 1, 0, 0)}
		// Outside the agency: refused; bad input: every field named, nothing kept.
		if err := db.SaveDelayCase(ctx, c, f.outsider, at); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
			t.Fatalf("outsider: %v", err)
		}
		bad := *c
		bad.ApplicantPhone, bad.Received = "12", bkk(2026, 5, 2, 0, 0)
		wantCode(t, db.SaveDelayCase(ctx, &bad, f.officer, at), openinfo.EINVALID, "received_on")
		if err := db.SaveDelayCase(ctx, c, f.officer, at); err != nil {
			t.Fatal(err)
		}
		// 15 business days from Wed 1 Apr 2026 over Chakri day and Songkran.
		if !c.Due.Equal(bkk(2026, 4, 28, 0, 0)) || c.AgencyID != f.office.ID || c.ApplicantPhone != "0812345678" || c.Version != 1 {
			t.Fatalf("case = %+v", c)
		}
		dup := &openinfo.DelayCase{Ref: "ขส.ชม.123/2569", ProcessID: f.proc.ID, PointID: f.p1.ID,
			ApplicantName: "นางสมศรี", ApplicantPhone: "0899999999", Received: bkk(2026, 4, 2, 0, 0)}
		wantCode(t, db.SaveDelayCase(ctx, dup, f.officer, at), openinfo.EINVALID, "ref")
		// An officer of another agency cannot take the case over by moving it.
		foreignPoint := mustPoint(t, db, f.other.ID, "สำนักงานสรรพากรพื้นที่")
		moved := *c
		moved.PointID = foreignPoint.ID
		wantCode(t, db.SaveDelayCase(ctx, &moved, f.outsider, at), openinfo.EFORBIDDEN, "")
		// An edited due date needs a reason.
		c.Due = bkk(2026, 5, 8, 0, 0)
		wantCode(t, db.SaveDelayCase(ctx, c, f.officer, at), openinfo.EINVALID, "due_reason")
		if c.Version != 1 || !c.Due.Equal(bkk(2026, 5, 8, 0, 0)) {
			t.Fatalf("a refused save changed what was sent: %+v", c)
		}
		c.DueReason = "ขยายเวลาตามหนังสือกรม"
		if err := db.SaveDelayCase(ctx, c, f.officer, at); err != nil || c.Version != 2 {
			t.Fatalf("edit due: %v, %+v", err, c)
		}

		// Notices: the first, then one out of order, then the second.
		n1 := openinfo.DelayNotice{Number: "ชม 0011/501", Date: bkk(2026, 5, 8, 0, 0), Reason: "รอผลตรวจสุขภาพ", ExpectedDecision: bkk(2026, 5, 20, 0, 0)}
		got, err := db.RecordDelayNotice(ctx, c.ID, n1, f.officer, bkk(2026, 5, 8, 14, 0))
		if err != nil || len(got.Notices) != 1 || got.Notices[0].Seq != 1 || got.Version != 3 {
			t.Fatalf("notice 1 = %+v, %v", got, err)
		}
		early := openinfo.DelayNotice{Number: "ชม 0011/502", Date: bkk(2026, 5, 7, 0, 0), Reason: "x", ExpectedDecision: bkk(2026, 5, 20, 0, 0)}
		_, err = db.RecordDelayNotice(ctx, c.ID, early, f.officer, bkk(2026, 5, 15, 9, 0))
		wantCode(t, err, openinfo.EINVALID, "notices.1.date")
		_, err = db.RecordDelayNotice(ctx, c.ID, n1, f.outsider, bkk(2026, 5, 15, 9, 0))
		wantCode(t, err, openinfo.EFORBIDDEN, "")

		// Due by 15 May; overdue from the 16th, overdue first in the list.
		other := &openinfo.DelayCase{Ref: "ขส.ชม. 200/2569", ProcessID: f.proc.ID, PointID: f.p2.ID,
			ApplicantName: "นางสาวมานี", ApplicantPhone: "0891112222", Received: bkk(2026, 5, 11, 0, 0)}
		central := openinfo.Officer{UserID: 14, Role: openinfo.RoleCentral, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
		if err := db.SaveDelayCase(ctx, other, central, bkk(2026, 5, 11, 10, 0)); err != nil {
			t.Fatal(err)
		}
		list, total, err := db.DelayCases(ctx, store.DelayFilter{UnderPath: f.dept.Path, At: bkk(2026, 5, 15, 23, 0), Overdue: true})
		if err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("overdue on the 15th = %d, %v", total, err)
		}
		list, total, err = db.DelayCases(ctx, store.DelayFilter{UnderPath: f.dept.Path, At: bkk(2026, 5, 16, 8, 0)})
		if err != nil || total != 2 || list[0].ID != c.ID || len(list[0].Notices) != 1 {
			t.Fatalf("list = %+v, %d, %v", list, total, err)
		}
		if o, ok := list[0].Overdue(bkk(2026, 5, 16, 8, 0)); !ok || o.Kind != openinfo.OverdueNotice {
			t.Fatalf("overdue = %+v", o)
		}
		if _, total, _ := db.DelayCases(ctx, store.DelayFilter{UnderPath: f.office.Path, At: bkk(2026, 5, 16, 8, 0), Overdue: true}); total != 1 {
			t.Fatalf("office's overdue = %d", total)
		}
		if _, total, _ := db.DelayCases(ctx, store.DelayFilter{UnderPath: f.other.Path}); total != 0 {
			t.Fatalf("another department sees %d", total)
		}
		if _, total, _ := db.DelayCases(ctx, store.DelayFilter{Month: 202605}); total != 1 {
			t.Fatalf("notices in May = %d", total)
		}
		n2 := openinfo.DelayNotice{Number: "ชม 0011/530", Date: bkk(2026, 5, 15, 0, 0), Reason: "รอความเห็นแพทย์", ExpectedDecision: bkk(2026, 5, 25, 0, 0)}
		if got, err = db.RecordDelayNotice(ctx, c.ID, n2, f.officer, bkk(2026, 5, 15, 9, 0)); err != nil || got.Notices[1].Seq != 2 {
			t.Fatalf("notice 2 = %+v, %v", got, err)
		}
		if k, err := db.DelayNoticeCount(ctx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p1.ID}, f.proc.ID, 202605); err != nil || k != 2 {
			t.Fatalf("notices of the point in May = %d, %v", k, err)
		}

		// Decided, not told: overdue after 7 days; told: nothing is due.
		got.Decision, got.DecidedOn = openinfo.DecisionIssued, bkk(2026, 5, 20, 0, 0)
		got.ToldOn = bkk(2026, 5, 19, 0, 0)
		wantCode(t, db.SaveDelayCase(ctx, got, f.officer, bkk(2026, 5, 21, 9, 0)), openinfo.EINVALID, "told_on")
		got.ToldOn = time.Time{}
		if err := db.SaveDelayCase(ctx, got, f.officer, bkk(2026, 5, 21, 9, 0)); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := db.DelayCases(ctx, store.DelayFilter{PointID: f.p1.ID, At: bkk(2026, 5, 28, 9, 0), Overdue: true}); total != 1 {
			t.Fatalf("untold decision not overdue: %d", total)
		}
		got.ToldOn = bkk(2026, 5, 27, 0, 0)
		if err := db.SaveDelayCase(ctx, got, f.officer, bkk(2026, 5, 28, 9, 0)); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := db.DelayCases(ctx, store.DelayFilter{PointID: f.p1.ID, At: bkk(2026, 6, 30, 9, 0), Overdue: true}); total != 0 {
			t.Fatalf("told case still overdue: %d", total)
		}

		// The citizen lookup: the same answer for a wrong reference and wrong digits.
		st, err := db.LookupDelay(ctx, " ขส.ชม.๑๒๓/๒๕๖๙ ", "5678")
		if err != nil || len(st.Notices) != 2 || st.Decision != openinfo.DecisionIssued || !st.ExpectedDecision.Equal(bkk(2026, 5, 25, 0, 0)) {
			t.Fatalf("lookup = %+v, %v", st, err)
		}
		_, errRef := db.LookupDelay(ctx, "ขส.ชม. 999/2569", "5678")
		_, errDigits := db.LookupDelay(ctx, "ขส.ชม. 123/2569", "5679")
		_, errEmpty := db.LookupDelay(ctx, "", "")
		for _, e := range []error{errRef, errDigits, errEmpty} {
			if openinfo.ErrorCode(e) != openinfo.ENOTFOUND || e.Error() != errRef.Error() {
				t.Fatalf("lookup refusals differ: %v / %v / %v", errRef, errDigits, errEmpty)
			}
		}

		// Retention: applicant data goes, the case and its notices stay.
		if n, err := db.RedactDelayApplicants(ctx, bkk(2026, 5, 20, 0, 0)); err != nil || n != 0 {
			t.Fatalf("redacted too early: %d, %v", n, err)
		}
		if n, err := db.RedactDelayApplicants(ctx, bkk(2028, 5, 21, 0, 0)); err != nil || n != 1 {
			t.Fatalf("redacted %d, %v", n, err)
		}
		red, _ := db.DelayCase(ctx, c.ID)
		if !red.Redacted || red.ApplicantName != "" || red.ApplicantPhone != "" || len(red.Notices) != 2 {
			t.Fatalf("redacted case = %+v", red)
		}
		if _, err := db.LookupDelay(ctx, "ขส.ชม. 123/2569", "5678"); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("lookup after redaction: %v", err)
		}
		// A redacted case can still be edited (its dates), without the applicant.
		red.DueReason = "ขยายเวลาตามหนังสือกรม (แก้ไข)"
		if err := db.SaveDelayCase(ctx, red, f.officer, bkk(2028, 6, 1, 9, 0)); err != nil {
			t.Fatalf("edit a redacted case: %v", err)
		}
		// The audit log never holds personal data.
		log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "delay_case"})
		if len(log) < 6 {
			t.Fatalf("audit has %d entries", len(log))
		}
		for _, e := range log {
			if strings.Contains(e.Before+e.After, "สมชาย") || strings.Contains(e.Before+e.After, "0812345678") {
				t.Fatalf("personal data in the audit log: %+v", e)
			}
		}
	})
}

// A notice's letter PDF: uploaded for its case only, attached with the
// notice (a refused notice keeps it for the next try), read back, audited by
// size (its name may carry the applicant's), deleted with the applicant's
// data at the end of the retention period.
func TestDelayLetters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		at := bkk(2026, 5, 20, 10, 0)
		newCase := func(ref string) *openinfo.DelayCase {
			c := &openinfo.DelayCase{Ref: ref, ProcessID: f.proc.ID, PointID: f.p1.ID, ApplicantName: "นายสมชาย ใจดี",
				ApplicantPhone: "081 234 5678", Received: bkk(2026, 4, 1, 0, 0), Due: bkk(2026, 4, 24, 0, 0), DueReason: "ตามหนังสือกรม"}
			if err := db.SaveDelayCase(ctx, c, f.officer, at); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c, other := newCase("ขส. 1/2569"), newCase("ขส. 2/2569")
		letter := []byte("%PDF-1.7\nหนังสือแจ้งนายสมชาย ใจดี")
		if _, err := db.PutDelayLetter(ctx, c.ID, "letter.pdf", letter, f.outsider); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
			t.Fatalf("outsider uploads: %v", err)
		}
		if _, err := db.PutDelayLetter(ctx, 999999, "letter.pdf", letter, f.officer); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("unknown case: %v", err)
		}
		id, err := db.PutDelayLetter(ctx, c.ID, "หนังสือแจ้ง นายสมชาย.pdf", letter, f.officer)
		if err != nil || id == 0 {
			t.Fatal(id, err)
		}
		n := openinfo.DelayNotice{Number: "ชม 0011/501", Date: bkk(2026, 5, 8, 0, 0), Reason: "รอผลตรวจสุขภาพ", ExpectedDecision: bkk(2026, 5, 30, 0, 0), LetterID: id}
		// A refused notice leaves the letter unattached, ready for the next try.
		bad := n
		bad.Date = bkk(2026, 3, 1, 0, 0)
		if _, err := db.RecordDelayNotice(ctx, c.ID, bad, f.officer, at); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("notice before receipt: %v", err)
		}
		// Another case's letter cannot be attached (nor read through it).
		wantCode(t, func() error { _, err := db.RecordDelayNotice(ctx, other.ID, n, f.officer, at); return err }(), openinfo.EINVALID, "letter")
		got, err := db.RecordDelayNotice(ctx, c.ID, n, f.officer, at)
		if err != nil {
			t.Fatal(err)
		}
		if nn := got.Notices[0]; nn.LetterID != id || nn.LetterName != "หนังสือแจ้ง นายสมชาย.pdf" || nn.LetterSize != int64(len(letter)) {
			t.Fatalf("notice = %+v", nn)
		}
		// Attached once only: not to a second notice.
		n2 := openinfo.DelayNotice{Number: "ชม 0011/502", Date: bkk(2026, 5, 15, 0, 0), Reason: "รอความเห็นแพทย์", ExpectedDecision: bkk(2026, 5, 30, 0, 0), LetterID: id}
		wantCode(t, func() error { _, err := db.RecordDelayNotice(ctx, c.ID, n2, f.officer, at); return err }(), openinfo.EINVALID, "letter")
		n2.LetterID = 0
		if _, err := db.RecordDelayNotice(ctx, c.ID, n2, f.officer, at); err != nil {
			t.Fatal(err)
		}
		reread, _ := db.DelayCase(ctx, c.ID)
		if len(reread.Notices) != 2 || reread.Notices[0].LetterID != id || reread.Notices[1].LetterID != 0 {
			t.Fatalf("notices = %+v", reread.Notices)
		}
		l, err := db.DelayLetter(ctx, c.ID, 1)
		if err != nil || string(l.Data) != string(letter) || l.Name != "หนังสือแจ้ง นายสมชาย.pdf" {
			t.Fatalf("letter = %+v, %v", l, err)
		}
		for _, k := range []struct {
			id  int64
			seq int
		}{{c.ID, 2}, {c.ID, 3}, {other.ID, 1}} {
			if _, err := db.DelayLetter(ctx, k.id, k.seq); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
				t.Fatalf("letter of case %d notice %d: %v", k.id, k.seq, err)
			}
		}
		log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "delay_case", EntityID: c.ID})
		audited := false
		for _, e := range log {
			if strings.Contains(e.After, "สมชาย") {
				t.Fatalf("personal data in the audit log: %+v", e)
			}
			audited = audited || (e.Action == "delay.notice" && strings.Contains(e.After, `"letter_bytes":`))
		}
		if !audited {
			t.Fatalf("no audit of the letter: %+v", log)
		}

		// Retention: the decided case's letter goes with its applicant; a
		// letter just uploaded for an undecided case stays.
		pending, err := db.PutDelayLetter(ctx, other.ID, "letter.pdf", letter, f.officer)
		if err != nil {
			t.Fatal(err)
		}
		c = reread
		c.Decision, c.DecidedOn, c.ToldOn = openinfo.DecisionIssued, bkk(2026, 5, 18, 0, 0), bkk(2026, 5, 19, 0, 0)
		if err := db.SaveDelayCase(ctx, c, f.officer, at); err != nil {
			t.Fatal(err)
		}
		if n, err := db.RedactDelayApplicants(ctx, bkk(2028, 5, 21, 0, 0)); err != nil || n != 1 {
			t.Fatalf("redacted %d, %v", n, err)
		}
		if _, err := db.DelayLetter(ctx, c.ID, 1); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("letter after redaction: %v", err)
		}
		if red, _ := db.DelayCase(ctx, c.ID); len(red.Notices) != 2 || red.Notices[0].LetterID != 0 {
			t.Fatalf("redacted notices = %+v", red.Notices)
		}
		n3 := openinfo.DelayNotice{Number: "ชม 0011/601", Date: bkk(2026, 5, 19, 0, 0), Reason: "รอเอกสาร", ExpectedDecision: bkk(2026, 5, 30, 0, 0), LetterID: pending}
		if got, err := db.RecordDelayNotice(ctx, other.ID, n3, f.officer, at); err != nil || got.Notices[0].LetterID != pending {
			t.Fatalf("the pending letter was lost: %v", err)
		}
	})
}
