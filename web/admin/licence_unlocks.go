package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: OPDC's (and the platform administrator's) decisions on
// requests to unlock a late licence report ("ปลดล็อค"). Approval opens the
// policy's business-day window; a refusal needs a comment; either way the
// month cannot be unlocked again (the store and the state machine say so).

type unlockRow struct {
	*openinfo.UnlockRequest
	Reporter, Agency, Requester string
	ui.Form                            // this request's refused decision
	Comment                     string // typed, after a refusal
}

type unlocksPage struct {
	Pending, Decided []unlockRow
	Notice           string
	Lang             string
	// The due day OPDC sets, and its form's refusal.
	DueDay    string
	DueErrors ui.Form
}

// MonthLabel names the request's month.
func (u unlockRow) MonthLabel(lang string) string { return openinfo.MonthLabel(u.Month, lang) }

// reporterName names a reporter: the point's or the agency's name.
func (s *Admin) reporterName(ctx context.Context, r openinfo.Reporter, lang string) string {
	if r.Kind == openinfo.ReporterPoint {
		if pt, err := s.db.ServicePoint(ctx, r.ID); err == nil {
			return pt.Name(lang)
		}
	} else if a, err := s.db.Agency(ctx, r.ID); err == nil {
		return a.Name(lang) + " (" + r.Kind.Label(lang) + ")"
	}
	return ""
}

func (s *Admin) unlockRows(ctx context.Context, list []*openinfo.UnlockRequest, lang string) []unlockRow {
	var out []unlockRow
	for _, u := range list {
		row := unlockRow{UnlockRequest: u, Reporter: s.reporterName(ctx, u.Reporter, lang)}
		if a, err := s.db.Agency(ctx, u.AgencyID); err == nil {
			row.Agency = a.Name(lang)
		}
		if who, err := s.db.User(ctx, u.RequestedBy); err == nil {
			row.Requester = who.FullName()
		}
		out = append(out, row)
	}
	return out
}

func (s *Admin) unlocksPage(r *http.Request) (*unlocksPage, error) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	p := &unlocksPage{Lang: lang}
	pol, err := s.db.LicencePolicy(ctx)
	if err != nil {
		return nil, err
	}
	p.DueDay = strconv.Itoa(pol.DueDay)
	pending, err := s.db.UnlockRequests(ctx, store.UnlockFilter{Status: openinfo.UnlockRequested, Limit: 200})
	if err != nil {
		return nil, err
	}
	p.Pending = s.unlockRows(ctx, pending, lang)
	for _, st := range []openinfo.UnlockStatus{openinfo.UnlockApproved, openinfo.UnlockRefused} {
		list, err := s.db.UnlockRequests(ctx, store.UnlockFilter{Status: st, Limit: 50})
		if err != nil {
			return nil, err
		}
		p.Decided = append(p.Decided, s.unlockRows(ctx, list, lang)...)
	}
	return p, nil
}

// handleLicenceUnlocks lists the requests waiting for a decision, then the
// latest decided ones.
func (s *Admin) handleLicenceUnlocks(w http.ResponseWriter, r *http.Request) {
	p, err := s.unlocksPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "":
	case "policy":
		p.Notice = ui.T(p.Lang, "unl.policy.done")
	default:
		p.Notice = ui.T(p.Lang, "unl.done")
	}
	s.Render(w, r, http.StatusOK, "admin_licence_unlocks", ui.T(p.Lang, "unl.title"), p)
}

// handleLicenceUnlockDecide approves or refuses one request; a refusal of
// the decision is shown at that request, the comment kept.
func (s *Admin) handleLicenceUnlockDecide(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	approve := r.PostFormValue("decision") == "approve"
	comment := r.PostFormValue("comment")
	var err error
	if d := r.PostFormValue("decision"); d != "approve" && d != "refuse" {
		err = &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาเลือกอนุมัติหรือไม่อนุมัติ", EN: "Choose to approve or refuse.",
			Fields: []openinfo.FieldError{{Field: "decision", TH: "กรุณาเลือก", EN: "Choose one."}}}
	} else {
		_, err = s.db.DecideUnlock(r.Context(), id, approve, comment, currentUser(r.Context()).Officer(), s.now())
	}
	if err == nil {
		http.Redirect(w, r, "/admin/licence-unlocks?done=1", http.StatusSeeOther)
		return
	}
	if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
		s.Fail(w, r, err)
		return
	}
	p, perr := s.unlocksPage(r)
	if perr != nil {
		s.Fail(w, r, perr)
		return
	}
	found := false
	for i := range p.Pending {
		if p.Pending[i].ID == id {
			p.Pending[i].Message, p.Pending[i].Errors = ui.FormErrors(err, p.Lang)
			p.Pending[i].Comment, found = comment, true
		}
	}
	if !found { // decided meanwhile, or no such request
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, ui.FormStatus(err), "admin_licence_unlocks", ui.T(p.Lang, "unl.title"), p)
}

// handleLicencePolicy sets the day of the following month by which a
// month's reports are due (OPDC's, as the unlocks are).
func (s *Admin) handleLicencePolicy(w http.ResponseWriter, r *http.Request) {
	typed := r.PostFormValue("due_day")
	day, err := strconv.Atoi(strings.TrimSpace(thaitime.ArabicDigits(typed)))
	if err != nil {
		day = 0 // the store refuses it, at the field
	}
	if err := s.db.SetLicencePolicy(r.Context(), day, currentUser(r.Context()).Officer()); err != nil {
		p, perr := s.unlocksPage(r)
		if perr != nil || openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		p.DueDay = typed
		s.refused(w, r, err, &p.DueErrors, "admin_licence_unlocks", ui.T(p.Lang, "unl.title"), p)
		return
	}
	http.Redirect(w, r, "/admin/licence-unlocks?done=policy", http.StatusSeeOther)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"unl.title":       {"คำขอปลดล็อครายงานการออกใบอนุญาต", "Unlock requests of licence reports"},
		"unl.intro":       {"อนุมัติแล้วผู้รายงานส่งรายงานได้ภายในระยะเวลาที่กำหนด (วันทำการ) เดือนหนึ่งขอปลดล็อคได้ครั้งเดียว", "An approval gives the reporter a window of business days to report; a month can be unlocked once."},
		"unl.pending":     {"รอพิจารณา", "Waiting for a decision"},
		"unl.none":        {"ไม่มีคำขอที่รอพิจารณา", "No request is waiting."},
		"unl.decided":     {"พิจารณาแล้วล่าสุด", "Recently decided"},
		"unl.reporter":    {"ผู้รายงาน", "Reporter"},
		"unl.agency":      {"หน่วยงาน", "Agency"},
		"unl.month":       {"เดือน", "Month"},
		"unl.reason":      {"เหตุผล", "Reason"},
		"unl.requester":   {"ผู้ขอ", "Requested by"},
		"unl.at":          {"ขอเมื่อ", "Requested"},
		"unl.comment":     {"ความเห็น (จำเป็นเมื่อไม่อนุมัติ)", "Comment (required to refuse)"},
		"unl.approve":     {"อนุมัติ", "Approve"},
		"unl.refuse":      {"ไม่อนุมัติ", "Refuse"},
		"unl.status":      {"ผล", "Decision"},
		"unl.window":      {"ส่งได้ถึง", "Open until"},
		"unl.done":        {"บันทึกผลการพิจารณาแล้ว", "The decision is recorded."},
		"unl.policy":      {"กำหนดส่งรายงาน", "Reporting deadline"},
		"unl.dueday":      {"ส่งรายงานของแต่ละเดือนได้ถึงวันที่ (ของเดือนถัดไป, 1–28)", "Reports of a month are due by day (of the following month, 1–28)"},
		"unl.policy.save": {"บันทึกกำหนดส่ง", "Save the deadline"},
		"unl.policy.done": {"บันทึกกำหนดส่งรายงานแล้ว", "The deadline is saved."},
	})
}
