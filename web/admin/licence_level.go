package admin

import (
	"net/http"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: who reports an agency's licences, its service points (the
// default) or the department itself. The platform administrator switches
// it when an agency asks DGA to; the store audits the switch and applies
// it from the next month, so no running month changes hands.

type levelPage struct {
	ui.Form
	Agency        *openinfo.Agency
	Current, Next openinfo.ReportingLevel
	NextMonth     openinfo.Period
	Levels        []openinfo.ReportingLevel
	Notice        string
	Lang          string
}

func (s *Admin) levelPage(r *http.Request) (*levelPage, error) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		return nil, err
	}
	cur := openinfo.MonthKey(s.now())
	next := openinfo.ReportingLevelFrom(s.now())
	p := &levelPage{Agency: a, Lang: ui.LangFrom(r), NextMonth: openinfo.Period{Kind: openinfo.PeriodMonth, Month: next},
		Levels: []openinfo.ReportingLevel{openinfo.ReporterPoint, openinfo.ReporterAgency}}
	if p.Current, err = s.db.ReportingLevel(ctx, a.ID, cur); err != nil {
		return nil, err
	}
	p.Next, err = s.db.ReportingLevel(ctx, a.ID, next)
	return p, err
}

// handleReportingLevel shows and switches an agency's reporting level.
func (s *Admin) handleReportingLevel(w http.ResponseWriter, r *http.Request) {
	p, err := s.levelPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	title := ui.T(p.Lang, "level.title")
	if r.Method == http.MethodPost {
		lvl := openinfo.ReportingLevel(r.PostFormValue("level"))
		if _, err := s.db.SetReportingLevel(r.Context(), p.Agency.ID, lvl, currentUser(r.Context()).Officer(), s.now()); err != nil {
			s.refused(w, r, err, &p.Form, "admin_reporting_level", title, p)
			return
		}
		http.Redirect(w, r, "/admin/agencies/"+itoa(p.Agency.ID)+"/reporting-level?done=1", http.StatusSeeOther)
		return
	}
	if r.URL.Query().Get("done") != "" {
		p.Notice = ui.T(p.Lang, "level.done")
	}
	s.Render(w, r, http.StatusOK, "admin_reporting_level", title, p)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"level.title":   {"ระดับผู้รายงานผลการออกใบอนุญาต", "Who reports the licences"},
		"level.intro":   {"โดยปกติจุดบริการแต่ละแห่งรายงานกระบวนงานที่ปักหมุดไว้ หน่วยงานขอให้กรมเป็นผู้รายงานเองได้ การเปลี่ยนมีผลตั้งแต่เดือนถัดไป", "By default each service point reports the processes pinned to it; an agency may ask to report as the department instead. A switch applies from the next month."},
		"level.current": {"เดือนนี้รายงานโดย", "This month reported by"},
		"level.next":    {"ตั้งแต่เดือน %s รายงานโดย", "From %s reported by"},
		"level.choose":  {"ผู้รายงาน", "Reported by"},
		"level.save":    {"บันทึก (มีผลเดือนถัดไป)", "Save (applies from next month)"},
		"level.done":    {"บันทึกแล้ว มีผลตั้งแต่เดือนถัดไป", "Saved: it applies from next month."},
		"level.link":    {"ระดับผู้รายงานการออกใบอนุญาต", "Who reports licences"},
	})
}
