package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func TestOnboardingWorkflow(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 9, Name: "DGA"})
		ministry := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงพาณิชย์")
		req := func() *openinfo.OnboardingRequest {
			return &openinfo.OnboardingRequest{AgencyNameTH: "กรมการค้าภายใน", AgencyNameEN: "Department of Internal Trade",
				AgencyType: openinfo.AgencyDepartment, ParentID: ministry.ID, RequesterName: "สมชาย ใจดี", RequesterEmail: "somchai@dit.go.th",
				RequesterPhone: "025075530", ExecutiveName: "ผอ.ศทส.", ExecutiveEmail: "cio@dit.go.th", LetterName: "หนังสือ.pdf",
				Letter: []byte("%PDF-1.4 test")}
		}
		bad := req()
		bad.Letter = []byte("MZ\x90\x00")
		if err := db.CreateOnboardingRequest(ctx, bad); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("non-PDF letter: %v", err)
		}
		o := req()
		if err := db.CreateOnboardingRequest(ctx, o); err != nil {
			t.Fatal(err)
		}
		tok := &openinfo.IssuedToken{Hash: "h1", Sealed: "s", ExpiresAt: time.Now().Add(time.Hour)}
		if _, err := db.ApproveOnboarding(ctx, o.ID, tok); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("approval before confirmation: %v", err)
		}
		if _, err := db.ConfirmOnboarding(ctx, o.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmOnboarding(ctx, o.ID); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("second confirmation: %v", err)
		}
		if _, err := db.RejectOnboarding(ctx, o.ID, "  "); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("rejection without reason: %v", err)
		}
		done, err := db.ApproveOnboarding(ctx, o.ID, tok)
		if err != nil || done.Status != openinfo.OnboardApproved || done.AgencyID == 0 {
			t.Fatalf("approved = %+v, %v", done, err)
		}
		a, err := db.Agency(ctx, done.AgencyID)
		if err != nil || a.NameTH != "กรมการค้าภายใน" || a.ParentID != ministry.ID {
			t.Fatalf("created agency = %+v, %v", a, err)
		}
		if live, _ := db.CurrentTokens(ctx, a.ID); len(live) != 1 || live[0].Role != openinfo.RoleCentral {
			t.Fatalf("tokens = %+v", live)
		}
		name, pdf, err := db.OnboardingLetter(ctx, o.ID)
		if err != nil || name != "หนังสือ.pdf" || string(pdf) != "%PDF-1.4 test" {
			t.Fatalf("letter = %q %q %v", name, pdf, err)
		}
		list, total, err := db.OnboardingRequests(ctx, openinfo.OnboardApproved, 10, 0)
		if err != nil || total != 1 || list[0].ID != o.ID {
			t.Fatalf("list = %d %v", total, err)
		}
		log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "onboarding_request", EntityID: o.ID})
		if len(log) != 3 || log[0].Action != "onboarding.approve" || log[0].ActorID != 9 {
			t.Fatalf("audit = %+v", log)
		}
		// A second request, rejected with a reason.
		r2 := req()
		r2.AgencyNameTH = "กรมทดสอบ"
		db.CreateOnboardingRequest(ctx, r2)
		if got, err := db.RejectOnboarding(ctx, r2.ID, "ไม่ใช่หน่วยงานของรัฐ"); err != nil || got.Status != openinfo.OnboardRejected {
			t.Fatalf("reject = %+v %v", got, err)
		}
	})
}
