package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func completeManual(name string) openinfo.ManualContent {
	return openinfo.ManualContent{
		Name: name, AgencyName: "กรมการปกครอง", ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryRegistration,
		LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "การจดทะเบียนครอบครัว", YearBE: 2478, Section: "มาตรา 5"}},
		Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักทะเบียนอำเภอทุกแห่ง", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
		Steps: []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute,
			Responsible: "สำนักทะเบียนอำเภอ"}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy}},
		Complaints: []openinfo.ComplaintChannel{{Channel: "กรมการปกครอง", Detail: "สายด่วน 1548"}},
	}
}

// TestManualRevisions walks the two-step approval in the store on both
// databases: write, submit, return, fix, resubmit, approve twice; the previous
// published revision stays public until the new one is approved.
func TestManualRevisions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.SeedCatalog(ctx); err != nil { // twice is harmless
			t.Fatal(err)
		}
		terms, err := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
		if err != nil || len(terms) < 10 {
			t.Fatalf("catalog = %d terms, %v", len(terms), err)
		}
		dopa := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการปกครอง")
		author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dopa.ID, AgencyPath: dopa.Path}
		reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dopa.ID, AgencyPath: dopa.Path}
		opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}

		p := &openinfo.Process{AgencyID: dopa.ID, NameTH: "การจดทะเบียนสมรส", CommonNames: []string{"จดทะเบียนแต่งงาน"}, TermIDs: []int64{terms[0].ID}}
		if err := db.CreateProcess(ctx, p); err != nil {
			t.Fatal(err)
		}
		bad := &openinfo.Process{AgencyID: dopa.ID, NameTH: "ทดสอบ", TermIDs: []int64{999999}}
		if err := db.CreateProcess(ctx, bad); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("unknown term: %v", err)
		}
		r1, err := db.OpenRevision(ctx, p.ID)
		if err != nil || r1.Number != 1 || r1.State != openinfo.RevDraft || len(r1.Content.Complaints) == 0 {
			t.Fatalf("first revision = %+v, %v", r1, err)
		}
		// An incomplete draft saves but cannot be submitted.
		if _, err := db.SaveDraft(ctx, r1.ID, 1, openinfo.ManualContent{Name: "การจดทะเบียนสมรส"}, author, dopa.Path); err != nil {
			t.Fatal(err)
		}
		if err := db.ApplyRevision(ctx, r1.ID, openinfo.EvSubmit, author, dopa.Path, ""); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("incomplete submit: %v", err)
		}
		// Two editors: the second save with the old version is stale.
		if _, err := db.SaveDraft(ctx, r1.ID, 2, completeManual("การจดทะเบียนสมรส"), author, dopa.Path); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveDraft(ctx, r1.ID, 2, completeManual("ทับ"), author, dopa.Path); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("stale save: %v", err)
		}
		// A negative duration is refused even in a draft; nothing is lost.
		neg := completeManual("การจดทะเบียนสมรส")
		neg.Steps[0].Duration = -1
		if _, err := db.SaveDraft(ctx, r1.ID, 3, neg, author, dopa.Path); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("negative duration: %v", err)
		}
		steps := []struct {
			ev      openinfo.RevisionEvent
			who     openinfo.Officer
			comment string
			want    openinfo.RevisionState
		}{
			{openinfo.EvSubmit, author, "", openinfo.RevWaitingStep1},
			{openinfo.EvReturnStep1, reviewer, "กรุณาเพิ่มช่องทางออนไลน์", openinfo.RevReturned},
			{openinfo.EvSubmit, author, "", openinfo.RevWaitingStep1},
			{openinfo.EvApproveStep1, reviewer, "", openinfo.RevWaitingStep2},
			{openinfo.EvApproveStep2, opdc, "", openinfo.RevPublished},
		}
		for _, s := range steps {
			if err := db.ApplyRevision(ctx, r1.ID, s.ev, s.who, dopa.Path, s.comment); err != nil {
				t.Fatalf("%s: %v", s.ev, err)
			}
			if got, _ := db.Revision(ctx, r1.ID); got.State != s.want {
				t.Fatalf("after %s: %s, want %s", s.ev, got.State, s.want)
			}
		}
		// The reviewer cannot approve step 2; OPDC's approval of a draft is a conflict.
		r2, err := db.OpenRevision(ctx, p.ID)
		if err != nil || r2.Number != 2 || r2.Content.Name != "การจดทะเบียนสมรส" {
			t.Fatalf("second revision = %+v, %v", r2, err)
		}
		if _, err := db.OpenRevision(ctx, p.ID); err == nil {
			t.Fatal("a third revision opened while one is open")
		}
		c2 := completeManual("การจดทะเบียนสมรส (ฉบับปรับปรุง)")
		if _, err := db.SaveDraft(ctx, r2.ID, 1, c2, author, dopa.Path); err != nil {
			t.Fatal(err)
		}
		db.ApplyRevision(ctx, r2.ID, openinfo.EvSubmit, author, dopa.Path, "")
		if err := db.ApplyRevision(ctx, r2.ID, openinfo.EvApproveStep2, reviewer, dopa.Path, ""); err == nil {
			t.Fatal("a reviewer approved step 2")
		}
		db.ApplyRevision(ctx, r2.ID, openinfo.EvApproveStep1, reviewer, dopa.Path, "")
		// Until OPDC approves, the public still sees revision 1.
		pub, err := db.PublishedRevision(ctx, p.ID)
		if err != nil || pub.ID != r1.ID {
			t.Fatalf("published before step 2 = %+v, %v", pub, err)
		}
		if err := db.ApplyRevision(ctx, r2.ID, openinfo.EvApproveStep2, opdc, dopa.Path, ""); err != nil {
			t.Fatal(err)
		}
		pub, _ = db.PublishedRevision(ctx, p.ID)
		old, _ := db.Revision(ctx, r1.ID)
		if pub.ID != r2.ID || pub.Content.Name != "การจดทะเบียนสมรส (ฉบับปรับปรุง)" || old.State != openinfo.RevSuperseded || pub.PublishedAt.IsZero() {
			t.Fatalf("after step 2: published %+v, old %s", pub, old.State)
		}
		recs, err := db.RevisionRecords(ctx, r1.ID)
		if err != nil || len(recs) != 6 || recs[1].Comment != "กรุณาเพิ่มช่องทางออนไลน์" || recs[1].ActorID != 2 || recs[5].To != openinfo.RevSuperseded {
			t.Fatalf("records = %+v, %v", recs, err)
		}
		if list, n, err := db.PublishedManuals(ctx, dopa.ID, 10, 0); err != nil || n != 1 || list[0].ProcessID != p.ID || list[0].PublishedAt.IsZero() {
			t.Fatalf("published manuals = %+v, %d, %v", list, n, err)
		}
		// A process with no published manual shows nothing in public.
		p2 := &openinfo.Process{AgencyID: dopa.ID, NameTH: "การแจ้งย้ายที่อยู่"}
		db.CreateProcess(ctx, p2)
		db.OpenRevision(ctx, p2.ID)
		if _, err := db.PublishedRevision(ctx, p2.ID); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("unpublished manual visible: %v", err)
		}
		if _, n, _ := db.PublishedManuals(ctx, dopa.ID, 10, 0); n != 1 {
			t.Fatalf("an unpublished manual is listed (%d)", n)
		}
		// Process edits take effect at once and are checked for staleness.
		got, _ := db.Process(ctx, p.ID)
		got.CommonNames = append(got.CommonNames, "แต่งงาน")
		if err := db.UpdateProcess(ctx, got); err != nil {
			t.Fatal(err)
		}
		got.Version = 1
		if err := db.UpdateProcess(ctx, got); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("stale process save: %v", err)
		}
	})
}
