package app

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/jobs"
	"github.com/openinfo/openinfo/store"
)

// TestOverdueAlertTwoNodes: the seven-day rule's alert runs on two nodes
// at once and each agency with overdue applications gets one mail a day,
// listing them; an agency with nothing overdue gets none.
func TestOverdueAlertTwoNodes(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		office := &openinfo.Agency{Type: openinfo.AgencyRegionalOffice, NameTH: "สำนักงานขนส่งจังหวัดเชียงใหม่"}
		must(a.CreateAgency(ctx, office))
		pt := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "ช่องรับคำขอ", Kind: openinfo.PointCounter, Visible: true}
		must(a.CreateServicePoint(ctx, pt))
		proc := &openinfo.Process{AgencyID: office.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ"}
		must(a.CreateProcess(ctx, proc))
		_, err := a.Pin(ctx, store.PinProcess, proc.ID, []int64{pt.ID})
		must(err)
		u, err := a.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "p1", GivenName: "สมศรี", Email: "somsri@dlt.go.th"})
		must(err)
		tok, _ := openinfo.NewToken()
		must(a.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: office.ID, Role: openinfo.RolePointOfficer, ExpiresAt: time.Now().Add(time.Hour)}))
		_, err = a.RedeemToken(ctx, u.ID, tok, time.Now())
		must(err)
		now := time.Now()
		officer := openinfo.Officer{UserID: u.ID, Role: openinfo.RolePointOfficer, AgencyID: office.ID, AgencyPath: office.Path}
		c := &openinfo.DelayCase{Ref: "ขส.ชม. 9/2569", ProcessID: proc.ID, PointID: pt.ID, ApplicantName: "นายสมชาย ใจดี",
			ApplicantPhone: "0812345678", Received: now.AddDate(0, 0, -40), Due: now.AddDate(0, 0, -10), DueReason: "ตามหนังสือสั่งการ"}
		must(a.SaveDelayCase(ctx, c, officer, now))

		mail := &captureMailer{}
		node := func(db *store.DB, name string) *jobs.Runner {
			r := jobs.New(db, log)
			r.Add(jobs.Job{Name: "delays.overdue", Every: 24 * time.Hour, Run: func(ctx context.Context) error {
				_, err := alertOverdueDelays(ctx, db, mail, "https://info.example.go.th", now, log)
				return err
			}})
			return r
		}
		na, nb := node(a, "a"), node(b, "b")
		done := make(chan struct{})
		go func() { na.Tick(ctx); close(done) }()
		nb.Tick(ctx)
		<-done
		got := mail.mails()
		if len(got) != 1 || got[0].To[0] != "somsri@dlt.go.th" || !strings.Contains(got[0].Text, "ขส.ชม. 9/2569") ||
			strings.Contains(got[0].Text, "สมชาย") {
			t.Fatalf("mails = %+v", got)
		}
		// Told the decision the same day it was made: nothing overdue, no mail.
		cur, err := a.DelayCase(ctx, c.ID)
		must(err)
		cur.Decision, cur.DecidedOn, cur.ToldOn = openinfo.DecisionIssued, now.AddDate(0, 0, -1), now
		must(a.SaveDelayCase(ctx, cur, officer, now))
		if n, err := alertOverdueDelays(ctx, a, mail, "", now, log); err != nil || n != 0 {
			t.Fatalf("after the decision: %d %v", n, err)
		}
	})
}
