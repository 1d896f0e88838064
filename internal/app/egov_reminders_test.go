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
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// TestEgovReminders: the central officers of an agency still without its
// Section 10 and 16 records are reminded at OPDC's interval, each reminder
// recorded; nothing more within the interval, nothing once both are
// published, nothing when OPDC set no interval.
func TestEgovReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		dept := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมที่ดิน", NameEN: "Department of Lands"}
		must(db.CreateAgency(ctx, dept))
		u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "c1", GivenName: "สมชาย", Email: "somchai@dol.go.th"})
		must(err)
		tok, _ := openinfo.NewToken()
		must(db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: dept.ID, Role: openinfo.RoleCentral, ExpiresAt: time.Now().Add(time.Hour)}))
		_, err = db.RedeemToken(ctx, u.ID, tok, time.Now())
		must(err)
		mail := &captureMailer{}
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, thaitime.Bangkok)
		if n, err := remindEgov(ctx, db, mail, "https://info.example.go.th", now, log); err != nil || n != 0 {
			t.Fatalf("no interval set: %d %v", n, err)
		}
		opdc := openinfo.Officer{UserID: 99, Role: openinfo.RoleOPDC}
		s, err := db.EgovSettings(ctx)
		must(err)
		s.ReminderDays, s.Deadline = 7, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
		must(db.SetEgovSettings(openinfo.WithActor(ctx, openinfo.Actor{UserID: 99, Name: "ก.พ.ร."}), &s, opdc))
		if n, err := remindEgov(ctx, db, mail, "https://info.example.go.th", now, log); err != nil || n != 1 {
			t.Fatalf("first reminder: %d %v", n, err)
		}
		got := mail.mails()
		if len(got) != 1 || got[0].To[0] != "somchai@dol.go.th" || !strings.Contains(got[0].Text, "มาตรา 10") ||
			!strings.Contains(got[0].Text, "/admin/egov?agency=") {
			t.Fatalf("mail = %+v", got)
		}
		if rem, _, err := db.EgovReminders(ctx, store.EgovReminderFilter{AgencyID: dept.ID}); err != nil || len(rem) != 1 || len(rem[0].Missing) != 2 {
			t.Fatalf("recorded = %+v, %v", rem, err)
		}
		if n, _ := remindEgov(ctx, db, mail, "https://info.example.go.th", now.Add(3*24*time.Hour), log); n != 0 {
			t.Fatal("reminded again within the interval")
		}
		if n, _ := remindEgov(ctx, db, mail, "https://info.example.go.th", now.Add(8*24*time.Hour), log); n != 1 {
			t.Fatal("not reminded after the interval")
		}
		// Both records published: no more reminders.
		central := u.Officer()
		central.AgencyID, central.AgencyPath, central.Role = dept.ID, dept.Path, openinfo.RoleCentral
		actx := openinfo.WithActor(ctx, openinfo.Actor{UserID: u.ID, Name: "สมชาย"})
		for _, sec := range []openinfo.EgovSection{openinfo.EgovSection10, openinfo.EgovSection16} {
			rec := &openinfo.EgovRecord{AgencyID: dept.ID, Section: sec, Title: "ประกาศ", SignedOn: time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC),
				URL: "https://www.dol.go.th/egov.pdf", Items: []openinfo.EgovItem{{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: "https://www.dol.go.th"}}}
			if sec == openinfo.EgovSection16 {
				rec.Items = []openinfo.EgovItem{{Name: "ระบบสารบรรณ", Address: "https://saraban.dol.go.th"}}
			}
			must(db.SaveEgovRecord(actx, rec, central))
			_, err := db.PublishEgovRecord(actx, rec.ID, rec.Version, central)
			must(err)
		}
		if n, _ := remindEgov(ctx, db, mail, "https://info.example.go.th", now.Add(30*24*time.Hour), log); n != 0 {
			t.Fatal("reminded an agency that has published both")
		}
	})
}
