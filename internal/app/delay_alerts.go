package app

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
)

// alertOverdueDelays is the seven-day rule's daily alert: for each agency
// with applications whose next delay notice (or the telling of a decision)
// is past its day, one mail to its central and service point officers that
// have an address, listing them, most overdue first. The job runs once a day
// on one node (package jobs), so each agency gets one mail a day while
// anything stays overdue. It returns the agencies alerted.
func alertOverdueDelays(ctx context.Context, db *store.DB, mailer notify.Mailer, baseURL string, now time.Time, log *slog.Logger) (int, error) {
	if mailer == nil {
		return 0, nil
	}
	cases, _, err := db.DelayCases(ctx, store.DelayFilter{At: now, Overdue: true, Limit: 100000})
	if err != nil {
		return 0, err
	}
	byAgency := map[int64][]*openinfo.DelayCase{}
	var order []int64
	for _, c := range cases {
		if _, late := c.Overdue(now); !late {
			continue
		}
		if byAgency[c.AgencyID] == nil {
			order = append(order, c.AgencyID)
		}
		byAgency[c.AgencyID] = append(byAgency[c.AgencyID], c)
	}
	sent := 0
	for _, id := range order {
		to, err := db.LicenceReminderRecipients(ctx, id) // central and service point officers
		if err != nil {
			return sent, err
		}
		if len(to) == 0 {
			continue // the overdue list in /admin/tasks remains
		}
		a, err := db.Agency(ctx, id)
		if err != nil {
			return sent, err
		}
		if err := mailer.Send(ctx, overdueMail(a, byAgency[id], now, to, baseURL)); err != nil {
			return sent, fmt.Errorf("overdue delay alert to agency %d: %w", id, err)
		}
		sent++
	}
	if sent > 0 {
		log.Info("overdue delay notices alerted", "agencies", sent, "cases", len(cases))
	}
	return sent, nil
}

func overdueMail(a *openinfo.Agency, cases []*openinfo.DelayCase, now time.Time, to []string, baseURL string) notify.Mail {
	base := strings.TrimRight(baseURL, "/")
	var th, en strings.Builder
	for _, c := range cases {
		o, _ := c.Overdue(now)
		fmt.Fprintf(&th, "- %s: %s\n  %s/admin/delay-notices/%d\n", c.Ref, o.TH, base, c.ID)
		fmt.Fprintf(&en, "- %s: %s\n  %s/admin/delay-notices/%d\n", c.Ref, o.EN, base, c.ID)
	}
	text := fmt.Sprintf("เรียน เจ้าหน้าที่ %s\n\nคำขอต่อไปนี้เกินกำหนดแจ้งเหตุล่าช้าหรือแจ้งผลการพิจารณาแก่ผู้ยื่นคำขอ (พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ มาตรา 10: แจ้งทุก 7 วัน):\n\n%s\n"+
		"To the officers of %s:\n\nThese applications are past the day to send a delay notice or tell the applicant the decision (Licensing Facilitation Act, section 10: every 7 days):\n\n%s",
		a.NameTH, th.String(), firstNonEmpty(a.NameEN, a.NameTH), en.String())
	return notify.Mail{To: to, Kind: "delay.overdue", Text: text,
		Subject: fmt.Sprintf("คำขอเกินกำหนดแจ้งเหตุล่าช้า %d รายการ / %d overdue delay notices", len(cases), len(cases))}
}
