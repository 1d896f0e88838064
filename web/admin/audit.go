package admin

import (
	"net/http"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The audit-log viewer (/admin/audit, ActViewAudit): who changed what, when,
// before and after, for the agencies of the officer's subtree (OPDC and the
// platform administrator: every agency), newest first.

type auditRow struct {
	openinfo.AuditEntry
	Changes []openinfo.AuditChange
}

type auditPage struct {
	Agency   *openinfo.Agency // nil: every agency
	Rows     []auditRow
	Pager    *ui.Pager
	Entity   string
	Action   string
	From, To string // as typed
	ui.Form
}

// handleAudit shows the audit log of an agency's subtree, filtered.
func (s *Admin) handleAudit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	u := currentUser(ctx)
	q := r.URL.Query()
	p := auditPage{Pager: ui.NewPager(r, "page", 50), Entity: strings.TrimSpace(q.Get("entity")), Action: strings.TrimSpace(q.Get("action")),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	f := store.AuditFilter{EntityType: p.Entity, Action: p.Action, Limit: p.Pager.Size, Offset: p.Pager.Offset()}
	if q.Get("agency") != "" || !u.Role.Global() {
		a, err := s.agencyFromRequest(r)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Agency, f.AgencyPath = a, a.Path
	}
	var bad []openinfo.FieldError
	day := func(field, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := thaitime.ParseDate(v)
		if err != nil {
			bad = append(bad, openinfo.FieldError{Field: field, TH: "วันที่ไม่ถูกต้อง พิมพ์เช่น 1/12/2569 หรือ 2569-12-01",
				EN: "Not a date: write it as 1/12/2569 or 2026-12-01."})
		}
		return t
	}
	f.From = day("from", p.From)
	if to := day("to", p.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole day
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		bad = append(bad, openinfo.FieldError{Field: "to", TH: "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น", EN: "The end date cannot be before the start date."})
	}
	if len(bad) > 0 {
		err := &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาแก้ไขตัวกรองที่ระบุ", EN: "Correct the filters marked.", Fields: bad}
		p.Message, p.Errors = ui.FormErrors(err, lang)
		s.Render(w, r, http.StatusBadRequest, "admin_audit", ui.T(lang, "audit.title"), p)
		return
	}
	total, err := s.db.AuditCount(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	entries, err := s.db.AuditLog(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Pager.SetTotal(total)
	for _, e := range entries {
		p.Rows = append(p.Rows, auditRow{AuditEntry: e, Changes: openinfo.AuditChanges(e.Before, e.After)})
	}
	s.Render(w, r, http.StatusOK, "admin_audit", ui.T(lang, "audit.title"), p)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"audit.title":   {"ประวัติการเปลี่ยนแปลงข้อมูล", "Audit log"},
		"audit.intro":   {"ทุกการเปลี่ยนแปลงที่เจ้าหน้าที่ทำกับข้อมูลของหน่วยงานและหน่วยงานในสังกัด: ใคร ทำอะไร เมื่อใด ก่อนและหลัง", "Every change officers made to the data of the agency and those under it: who, what, when, before and after."},
		"audit.at":      {"เวลา", "When"},
		"audit.who":     {"ผู้ดำเนินการ", "Who"},
		"audit.action":  {"การดำเนินการ", "Action"},
		"audit.entity":  {"ประเภทข้อมูล", "Record type"},
		"audit.changes": {"การเปลี่ยนแปลง", "Changes"},
		"audit.field":   {"ข้อมูล", "Field"},
		"audit.before":  {"ก่อน", "Before"},
		"audit.after":   {"หลัง", "After"},
		"audit.from":    {"ตั้งแต่วันที่", "From"},
		"audit.to":      {"ถึงวันที่", "To"},
		"audit.none":    {"ไม่พบการเปลี่ยนแปลงตามเงื่อนไข", "No changes match."},
		"audit.system":  {"ระบบ", "The system"},
		"audit.all":     {"ทุกหน่วยงาน", "Every agency"},
		"audit.show":    {"แสดง", "Show"},
	})
}
