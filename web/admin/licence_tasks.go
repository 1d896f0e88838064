package admin

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// licenceOwed is the task of reporting last month's licences: the
// officer's reporters that have not submitted, shown in /admin/tasks until
// the deadline (after it the month locks, and the report page offers the
// unlock instead).
type licenceOwed struct {
	Month     openinfo.Period
	Due       time.Time
	Reporters []owedReporter
	More      int // reporters beyond those listed
}

type owedReporter struct {
	store.MissingReporter
	Link template.URL
}

// owedListed bounds the list: a department may have hundreds of points.
const owedListed = 20

// licenceOwed lists, for an officer who reports licences in an agency,
// the reporters of their subtree that owe last month's reports.
func (s *Admin) licenceOwed(r *http.Request) (licenceOwed, error) {
	ctx := r.Context()
	u := currentUser(ctx)
	var out licenceOwed
	if u.Role.Global() || !openinfo.Can(u.Officer(), openinfo.ActReportLicences, u.AgencyPath) {
		return out, nil
	}
	now := s.now()
	month := prevMonth(openinfo.MonthKey(now))
	policy, err := s.db.LicencePolicy(ctx)
	if err != nil || !now.Before(policy.Deadline(month)) {
		return out, err
	}
	missing, err := s.db.MissingReporters(ctx, month, u.AgencyPath)
	if err != nil {
		return out, err
	}
	out.Month, out.Due = openinfo.Period{Kind: openinfo.PeriodMonth, Month: month}, policy.DueDate(month)
	lang := ui.LangFrom(r)
	for i, m := range missing {
		if i == owedListed {
			out.More = len(missing) - i
			break
		}
		q := "agency="
		if m.Reporter.Kind == openinfo.ReporterPoint {
			q = "point="
			if lang != "th" { // the store names reporters in Thai
				if pt, err := s.db.ServicePoint(ctx, m.Reporter.ID); err == nil {
					m.Name = pt.Name(lang)
				}
			}
		} else if lang != "th" {
			if a, err := s.db.Agency(ctx, m.Reporter.ID); err == nil {
				m.Name = a.Name(lang)
			}
		}
		link := "/admin/licence-reports?" + q + strconv.FormatInt(m.Reporter.ID, 10) + "&month=" + out.Month.String()
		out.Reporters = append(out.Reporters, owedReporter{MissingReporter: m, Link: template.URL(link)})
	}
	return out, nil
}

func init() {
	ui.AddMessages(map[string][2]string{
		"tasks.lic":         {"รายงานการออกใบอนุญาตที่ยังไม่ได้ส่ง", "Licence reports not yet submitted"},
		"tasks.lic.due":     {"ส่งได้ถึง", "due by"},
		"tasks.lic.left":    {"ยังไม่ส่ง %d จาก %d กระบวนงาน", "%d of %d processes not submitted"},
		"tasks.lic.more":    {"และอีก %d ผู้รายงาน", "and %d more reporters"},
		"admin.email":       {"อีเมล (จากผู้ให้บริการยืนยันตัวตน ใช้ส่งการแจ้งเตือน)", "E-mail (from the sign-in provider, for reminders)"},
		"admin.noemail":     {"ไม่มี จึงไม่ได้รับการแจ้งเตือนทางอีเมล (ระบุได้ด้านล่าง)", "None, so no e-mail reminders are sent to you (set one below)"},
		"admin.email.title": {"อีเมลสำหรับการแจ้งเตือน", "E-mail for reminders"},
		"admin.email.why":   {"การแจ้งเตือนรายงานการออกใบอนุญาต หนังสือแจ้งเหตุล่าช้าที่ครบกำหนด และประกาศมาตรา 10/16 จะส่งไปที่อีเมลนี้ หากผู้ให้บริการยืนยันตัวตนส่งอีเมลมาเมื่อเข้าสู่ระบบ จะใช้อีเมลนั้นแทน", "Reminders of licence reports, overdue delay notices and Section 10/16 records go to this address. If your sign-in provider sends an address when you sign in, that one is used instead."},
	})
}
