package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// captureMailer keeps what would be sent; fail makes Send refuse.
type captureMailer struct {
	mu   sync.Mutex
	got  []notify.Mail
	fail bool
}

func (c *captureMailer) Send(_ context.Context, m notify.Mail) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail {
		return errors.New("smtp: 451 try again later")
	}
	c.got = append(c.got, m)
	return nil
}

func (c *captureMailer) mails() []notify.Mail {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]notify.Mail(nil), c.got...)
}

// TestLicenceReminders: five days and one day before the due day the
// officers with an address of a reporter that has not submitted get one
// mail each time, never twice across runs or racing nodes; a failed send
// is tried again; a reporter that has submitted gets nothing.
func TestLicenceReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		bkk := func(m, d, h int) time.Time { return time.Date(2026, time.Month(m), d, h, 0, 0, 0, thaitime.Bangkok) }
		dept := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก", NameEN: "Department of Land Transport"}
		must(db.CreateAgency(ctx, dept))
		other := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมสรรพากร"}
		must(db.CreateAgency(ctx, other))
		pt := &openinfo.ServicePoint{AgencyID: dept.ID, NameTH: "งานทะเบียนรถ", Kind: openinfo.PointCounter, Visible: true}
		must(db.CreateServicePoint(ctx, pt))
		proc := &openinfo.Process{AgencyID: dept.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ"}
		must(db.CreateProcess(ctx, proc))
		rev, err := db.OpenRevision(ctx, proc.ID)
		must(err)
		author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: dept.ID, AgencyPath: dept.Path}
		_, err = db.SaveDraft(ctx, rev.ID, rev.Version, openinfo.ManualContent{Name: proc.NameTH, ServiceType: openinfo.ServiceSingleUnit,
			Category:   openinfo.CategoryLicence,
			LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522, Section: "มาตรา 42"}},
			Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่ง", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
			Steps:      []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute}},
			Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy}},
			Complaints: openinfo.DefaultComplaintChannels()[1:]}, author, dept.Path)
		must(err)
		reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: dept.ID, AgencyPath: dept.Path}
		must(db.ApplyRevision(ctx, rev.ID, openinfo.EvSubmit, author, dept.Path, ""))
		must(db.ApplyRevision(ctx, rev.ID, openinfo.EvApproveStep1, reviewer, dept.Path, ""))
		must(db.ApplyRevision(ctx, rev.ID, openinfo.EvApproveStep2, openinfo.Officer{UserID: 93, Role: openinfo.RoleOPDC}, dept.Path, ""))
		_, err = db.Pin(ctx, store.PinProcess, proc.ID, []int64{pt.ID})
		must(err)
		n := 0
		officer := func(a *openinfo.Agency, role openinfo.Role, email string) {
			n++
			u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: fmt.Sprint("s", n), GivenName: "เจ้าหน้าที่", Email: email})
			must(err)
			if u.Email != strings.TrimSpace(email) && email != "not an address" {
				t.Fatalf("email kept = %q", u.Email)
			}
			tok, _ := openinfo.NewToken()
			must(db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: a.ID, Role: role}))
			_, err = db.RedeemToken(ctx, u.ID, tok, time.Now())
			must(err)
		}
		officer(dept, openinfo.RolePointOfficer, " Somchai@dlt.go.th ")
		officer(dept, openinfo.RoleCentral, "central@dlt.go.th")
		officer(dept, openinfo.RolePointOfficer, "")               // no address: not written to
		officer(dept, openinfo.RolePointOfficer, "not an address") // dropped at login
		officer(dept, openinfo.RoleAuthor, "author@dlt.go.th")     // does not report
		officer(other, openinfo.RoleCentral, "rd@rd.go.th")        // another agency

		mail := &captureMailer{}
		run := func(at time.Time) int {
			t.Helper()
			k, err := remindLicenceReports(ctx, db, mail, "https://info.example.go.th/", at, log)
			must(err)
			return k
		}
		// October 2569 is due on 15 November: nothing on the 9th.
		if k := run(bkk(11, 9, 10)); k != 0 || len(mail.mails()) != 0 {
			t.Fatalf("too early: %d", k)
		}
		if k := run(bkk(11, 10, 9)); k != 1 {
			t.Fatalf("five days before: %d", k)
		}
		got := mail.mails()
		if len(got) != 1 || strings.Join(got[0].To, ",") != "central@dlt.go.th,somchai@dlt.go.th" || got[0].Kind != "licence.reminder" ||
			!strings.Contains(got[0].Subject, "ต.ค. 2569") || !strings.Contains(got[0].Subject, "Oct") ||
			!strings.Contains(got[0].Text, fmt.Sprintf("https://info.example.go.th/admin/licence-reports?month=2569-10&point=%d", pt.ID)) ||
			!strings.Contains(got[0].Text, "15 พ.ย. 2569") || !strings.Contains(got[0].Text, "งานทะเบียนรถ") {
			t.Fatalf("mail = %+v", got)
		}
		// A second run, later that day or the next: nothing more.
		if k := run(bkk(11, 10, 10)) + run(bkk(11, 11, 9)); k != 0 || len(mail.mails()) != 1 {
			t.Fatalf("sent twice: %d", k)
		}
		// The day before, a failing server: released, then sent once by
		// two nodes racing.
		mail.fail = true
		if _, err := remindLicenceReports(ctx, db, mail, "https://info.example.go.th", bkk(11, 14, 8), log); err == nil {
			t.Fatal("a failed send was not reported")
		}
		mail.fail = false
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := remindLicenceReports(ctx, db, mail, "https://info.example.go.th", bkk(11, 14, 9), log); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got := mail.mails(); len(got) != 2 {
			t.Fatalf("the day before: %d mails", len(got))
		}
		if k, _ := db.LicenceRemindersSent(ctx, 202610); k != 2 {
			t.Fatalf("recorded = %d", k)
		}
		// November, submitted before its reminders: nobody is written to.
		rep := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pt.ID}, ProcessID: proc.ID, Month: 202611}
		must(db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}, bkk(12, 2, 9)))
		if k := run(bkk(12, 10, 9)); k != 0 {
			t.Fatalf("reminded a reporter that submitted: %d", k)
		}
	})
}
