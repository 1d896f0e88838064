package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// remindLicenceReports e-mails, a few days before last month's due day
// (openinfo.LicenceReminderDays), the officers with an address of every
// reporter that has not submitted all its reports. Each reminder is
// claimed in licence_reminders before it goes, so a second run or node
// sends nothing; a mail that fails is released to be tried again. It
// returns the reminders sent.
func remindLicenceReports(ctx context.Context, db *store.DB, mailer notify.Mailer, baseURL string, at time.Time, log *slog.Logger) (int, error) {
	policy, err := db.LicencePolicy(ctx)
	if err != nil {
		return 0, err
	}
	month, mark, ok := policy.ReminderDue(at, openinfo.LicenceReminderDays)
	if !ok || mailer == nil {
		return 0, nil
	}
	missing, err := db.MissingReporters(ctx, month, "")
	if err != nil {
		return 0, err
	}
	due := policy.DueDate(month)
	sent := 0
	recipients := map[int64][]string{} // per agency: a department has many points
	for _, m := range missing {
		to, ok := recipients[m.AgencyID]
		if !ok {
			if to, err = db.LicenceReminderRecipients(ctx, m.AgencyID); err != nil {
				return sent, err
			}
			recipients[m.AgencyID] = to
		}
		if len(to) == 0 {
			continue // nobody to write to; the task in /admin/tasks remains
		}
		claimed, err := db.ClaimLicenceReminder(ctx, m.Reporter, month, mark, len(to), at)
		if err != nil {
			return sent, err
		}
		if !claimed {
			continue
		}
		if err := mailer.Send(ctx, reminderMail(m, month, due, to, baseURL)); err != nil {
			if rerr := db.ReleaseLicenceReminder(ctx, m.Reporter, month, mark); rerr != nil {
				log.Error("licence reminder: release after a failed send", "reporter", m.Reporter, "err", rerr)
			}
			return sent, fmt.Errorf("licence reminder to %s %d: %w", m.Reporter.Kind, m.Reporter.ID, err)
		}
		sent++
	}
	if sent > 0 {
		log.Info("licence report reminders sent", "month", month, "days_before", mark, "reporters", sent)
	}
	return sent, nil
}

// reminderMail is one reporter's reminder, in Thai then English.
func reminderMail(m store.MissingReporter, month int, due time.Time, to []string, baseURL string) notify.Mail {
	q := url.Values{"month": {openinfo.Period{Kind: openinfo.PeriodMonth, Month: month}.String()}}
	if m.Reporter.Kind == openinfo.ReporterPoint {
		q.Set("point", strconv.FormatInt(m.Reporter.ID, 10))
	} else {
		q.Set("agency", strconv.FormatInt(m.Reporter.ID, 10))
	}
	link := strings.TrimRight(baseURL, "/") + "/admin/licence-reports?" + q.Encode()
	th, en := openinfo.MonthLabel(month, "th"), openinfo.MonthLabel(month, "en")
	dth, den := thaitime.FormatDate(due, "th"), thaitime.FormatDate(due, "en")
	var b strings.Builder
	fmt.Fprintf(&b, "เรียน เจ้าหน้าที่ %s\n\n", m.Name)
	fmt.Fprintf(&b, "รายงานผลการออกใบอนุญาตประจำเดือน %s ยังไม่ได้ส่ง %d จาก %d กระบวนงาน กรุณาส่งภายในวันที่ %s หลังจากนั้นรายงานจะถูกล็อค\n", th, m.Missing, m.Expected, dth)
	fmt.Fprintf(&b, "ส่งรายงานได้ที่ %s\n\n", link)
	fmt.Fprintf(&b, "To the officers of %s:\n\n", m.Name)
	fmt.Fprintf(&b, "%d of %d licence-issuance reports for %s have not been submitted. Please submit them by %s; after that day the month locks.\n", m.Missing, m.Expected, en, den)
	fmt.Fprintf(&b, "Report at %s\n", link)
	return notify.Mail{To: to, Kind: "licence.reminder", Text: b.String(),
		Subject: "เตือนส่งรายงานการออกใบอนุญาต " + th + " ภายใน " + dth + " / Licence report for " + en + " due " + den}
}
