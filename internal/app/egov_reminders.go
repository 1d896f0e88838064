package app

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// remindEgov e-mails the central officers of every agency that must record
// its Section 10 announcement or Section 16 order and has not, at the
// interval OPDC sets (no interval, no reminders), and records each reminder
// for the compliance dashboard. The job runs on one node at a time, and an
// agency reminded within the interval is skipped, so a second run sends
// nothing. It returns the agencies reminded.
func remindEgov(ctx context.Context, db *store.DB, mailer notify.Mailer, baseURL string, now time.Time, log *slog.Logger) (int, error) {
	settings, err := db.EgovSettings(ctx)
	if err != nil || settings.ReminderDays <= 0 || mailer == nil {
		return 0, err
	}
	statuses, err := db.EgovStatuses(ctx, settings, store.EgovComplianceFilter{})
	if err != nil {
		return 0, err
	}
	last, err := db.LastEgovReminders(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, a := range statuses {
		missing := a.MissingSections()
		if len(missing) == 0 || !settings.ReminderDue(last[a.AgencyID], now) {
			continue
		}
		to, err := db.CentralOfficerEmails(ctx, a.AgencyID)
		if err != nil {
			return sent, err
		}
		if len(to) == 0 {
			continue // nobody to write to: the dashboard lists the agency as missing
		}
		if err := mailer.Send(ctx, egovReminderMail(a, missing, settings.Deadline, to, baseURL)); err != nil {
			return sent, fmt.Errorf("Section 10/16 reminder to agency %d: %w", a.AgencyID, err)
		}
		for _, addr := range to {
			if err := db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: a.AgencyID, Email: addr, Missing: missing,
				Deadline: settings.Deadline, SentAt: now}); err != nil {
				return sent, err
			}
		}
		sent++
	}
	if sent > 0 {
		log.Info("Section 10/16 reminders sent", "agencies", sent)
	}
	return sent, nil
}

func egovReminderMail(a openinfo.EgovAgencyStatus, missing []openinfo.EgovSection, deadline time.Time, to []string, baseURL string) notify.Mail {
	var th, en []string
	for _, s := range missing {
		th = append(th, s.Label("th"))
		en = append(en, s.Label("en"))
	}
	link := strings.TrimRight(baseURL, "/") + "/admin/egov?agency=" + strconv.FormatInt(a.AgencyID, 10)
	var b strings.Builder
	fmt.Fprintf(&b, "เรียน เจ้าหน้าที่ส่วนกลาง %s\n\n", a.NameTH)
	fmt.Fprintf(&b, "ตามพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 หน่วยงานของท่านยังไม่ได้บันทึก: %s\n", strings.Join(th, ", "))
	if !deadline.IsZero() {
		fmt.Fprintf(&b, "กรุณาบันทึกภายในวันที่ %s\n", thaitime.FormatDate(deadline, "th"))
	}
	fmt.Fprintf(&b, "บันทึกได้ที่ %s\n\n", link)
	fmt.Fprintf(&b, "To the central officers of %s:\n\n", firstNonEmpty(a.NameEN, a.NameTH))
	fmt.Fprintf(&b, "Under the Electronic Government Administration Act B.E. 2565, your agency has not yet recorded: %s.\n", strings.Join(en, ", "))
	if !deadline.IsZero() {
		fmt.Fprintf(&b, "Please record them by %s.\n", thaitime.FormatDate(deadline, "en"))
	}
	fmt.Fprintf(&b, "Record them at %s\n", link)
	return notify.Mail{To: to, Kind: "egov.reminder", Text: b.String(),
		Subject: "เตือนบันทึกประกาศมาตรา 10 / คำสั่งมาตรา 16: " + a.NameTH + " / Section 10 and 16 records due"}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
