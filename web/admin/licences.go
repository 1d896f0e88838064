package admin

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: licence-issuance reports ("สร้างรายงานการออกใบอนุญาต",
// issue 14). One page per reporter (a service point, or the department
// when the platform administrator switched its level) and month: a form
// per process, the zero month in one click, each report's history, and
// once the period is locked, the one unlock request it may have. The
// rules and their messages are the store's and the domain's; this file
// reads forms and shows what they say.

// licenceField is one count of a report form, in form order.
type licenceField struct {
	Key string // the form field and the domain's field-error key
	ptr func(*openinfo.LicenceCounts) *int
}

var licenceFields = []licenceField{
	{"pending_start", func(c *openinfo.LicenceCounts) *int { return &c.PendingStart }},
	{"received", func(c *openinfo.LicenceCounts) *int { return &c.Received }},
	{"issued", func(c *openinfo.LicenceCounts) *int { return &c.Issued }},
	{"refused", func(c *openinfo.LicenceCounts) *int { return &c.Refused }},
	{"withdrawn", func(c *openinfo.LicenceCounts) *int { return &c.Withdrawn }},
	{"on_time", func(c *openinfo.LicenceCounts) *int { return &c.OnTime }},
	{"late", func(c *openinfo.LicenceCounts) *int { return &c.Late }},
	{"pending_end", func(c *openinfo.LicenceCounts) *int { return &c.PendingEnd }},
	{"delay_notices", func(c *openinfo.LicenceCounts) *int { return &c.DelayNotices }},
}

// Label names the count in lang.
func (f licenceField) Label(lang string) string { return ui.T(lang, "lic.f."+f.Key) }

// reporterOption is a reporter the officer may choose.
type reporterOption struct {
	openinfo.Reporter
	Name  string
	Query template.URL // "point=3" or "agency=5": a URL part, so the template keeps its =
}

// licenceRow is one process of the page with its form.
type licenceRow struct {
	ProcessID int64
	Name      string
	Report    *openinfo.LicenceReport // nil: nothing saved yet
	Counts    openinfo.LicenceCounts  // what the form shows
	Raw       map[string]string       // what was typed, after a refusal
	ui.Form                           // this form's refusal
	History   []licenceHistoryRow
	// Recorded is the delay notices recorded for this reporter, process
	// and month: the form starts from it, and it stays visible when the
	// officer reports another number.
	Recorded int
}

// Val is what a count's input shows: the text typed, else the number.
func (r licenceRow) Val(f licenceField) string {
	if v, ok := r.Raw[f.Key]; ok {
		return v
	}
	return strconv.Itoa(*f.ptr(&r.Counts))
}

// Err is the message of a count's input.
func (r licenceRow) Err(f licenceField) string { return r.Errors[f.Key] }

// Count is the value of a count in c, for the history table.
func (f licenceField) Count(c openinfo.LicenceCounts) int { return *f.ptr(&c) }

type licenceHistoryRow struct {
	store.LicenceHistoryEntry
	Actor string
}

type licenceReportsPage struct {
	ui.Form // the refusal of the zero month or the unlock request
	// Pick: a global officer chooses an agency first.
	Pick      bool
	Query     string
	Found     []*openinfo.Agency
	Agency    *openinfo.Agency
	Reporters []reporterOption
	Reporter  *reporterOption // nil: the agency has nobody to report
	Month     int
	MonthStr  string // BE, as the picker posts it: "2569-11"
	Period    openinfo.Period
	Months    []periodOption
	Info      store.LicencePeriodInfo
	Open      bool // reports may be saved: open, or unlocked
	Ended     bool // the month is over, so reports may be submitted
	Rows      []licenceRow
	Fields    []licenceField
	Reason    string // the unlock reason typed
	Notice    string
	Lang      string
}

// StateLabel says where a process's report stands, in lang: the period's
// lock comes first, then the report's own state.
func (p *licenceReportsPage) StateLabel(r licenceRow, lang string) string {
	switch p.Info.State {
	case openinfo.PeriodUnlocked:
		return ui.T(lang, "lic.st.unlocked") + " " + thaitime.FormatDateTime(p.Info.Period.Unlock.WindowEnd, lang)
	case openinfo.PeriodOpen:
	default:
		if r.Report == nil || r.Report.State != openinfo.ReportSubmitted {
			return p.Info.State.Label(lang)
		}
	}
	switch {
	case r.Report == nil:
		return ui.T(lang, "lic.st.none")
	case r.Report.State == openinfo.ReportDraft:
		return ui.T(lang, "lic.st.draft")
	case r.Report.Corrections > 0:
		return ui.T(lang, "lic.st.submitted") + " (" + ui.T(lang, "lic.st.corrected") + " " + strconv.Itoa(r.Report.Corrections) + ")"
	}
	return ui.T(lang, "lic.st.submitted")
}

// ReporterQuery is the reporter and month as a query string.
func (p *licenceReportsPage) ReporterQuery() template.URL {
	if p.Reporter == nil {
		return ""
	}
	return p.Reporter.Query + template.URL("&month="+url.QueryEscape(p.MonthStr))
}

// monthParam reads ?month= (BE, "2569-11"; also ?from= and ?to=); the
// default is def. A month that is not one, before the Act or after the
// current one is refused at its field, saying what to write.
func (s *Admin) monthParam(r *http.Request, name string, def int) (int, error) {
	v := r.FormValue(name)
	if v == "" {
		return def, nil
	}
	return openinfo.ParseReportMonth(name, v, s.now(), false)
}

func monthString(m int) string { return openinfo.Period{Kind: openinfo.PeriodMonth, Month: m}.String() }

// prevMonth is the month before m (yyyymm).
func prevMonth(m int) int {
	if m%100 == 1 {
		return (m/100-1)*100 + 12
	}
	return m - 1
}

// monthOptions lists n months back from last, newest first.
func monthOptions(last, n int, lang string) []periodOption {
	var out []periodOption
	for m, i := last, 0; i < n; m, i = prevMonth(m), i+1 {
		out = append(out, periodOption{Value: monthString(m), Label: openinfo.MonthLabel(m, lang)})
	}
	return out
}

// licencePage loads the page of the reporter and month the request names;
// the route's guard checked the officer may report for it.
func (s *Admin) licencePage(r *http.Request) (*licenceReportsPage, error) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	u := currentUser(ctx)
	now := s.now()
	p := &licenceReportsPage{Fields: licenceFields, Lang: lang}
	var err error
	if p.Month, err = s.monthParam(r, "month", prevMonth(openinfo.MonthKey(now))); err != nil {
		return nil, err
	}
	p.MonthStr, p.Period = monthString(p.Month), openinfo.Period{Kind: openinfo.PeriodMonth, Month: p.Month}
	p.Months = monthOptions(openinfo.MonthKey(now), 25, lang)
	p.Ended = openinfo.MonthKey(now) > p.Month
	var point *openinfo.ServicePoint
	if v := r.FormValue("point"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if point, err = s.db.ServicePoint(ctx, id); err != nil {
			return nil, err
		}
		if p.Agency, err = s.db.Agency(ctx, point.AgencyID); err != nil {
			return nil, err
		}
	} else {
		if u.Role.Global() && r.FormValue("agency") == "" {
			p.Pick, p.Query = true, strings.TrimSpace(r.FormValue("q"))
			if p.Query != "" {
				p.Found, _, err = s.db.Agencies(ctx, store.AgencyFilter{Query: p.Query, Limit: 50})
			}
			return p, err
		}
		if p.Agency, err = s.agencyFromRequest(r); err != nil {
			return nil, err
		}
	}
	level, err := s.db.ReportingLevel(ctx, p.Agency.ID, p.Month)
	if err != nil {
		return nil, err
	}
	if level == openinfo.ReporterAgency {
		p.Reporters = append(p.Reporters, reporterOption{Reporter: openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: p.Agency.ID},
			Name: p.Agency.Name(lang) + " (" + level.Label(lang) + ")", Query: template.URL("agency=" + itoa(p.Agency.ID))})
	}
	// The agency's own points first (the default reporter), then its subtree's.
	own, _, err := s.db.ServicePoints(ctx, store.PointFilter{AgencyID: p.Agency.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	under, _, err := s.db.ServicePoints(ctx, store.PointFilter{Under: p.Agency.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, pt := range append(own, under...) {
		if seen[pt.ID] {
			continue
		}
		seen[pt.ID] = true
		p.Reporters = append(p.Reporters, reporterOption{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pt.ID},
			Name: pt.Name(lang), Query: template.URL("point=" + itoa(pt.ID))})
	}
	switch {
	case point != nil:
		p.Reporter = &reporterOption{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: point.ID},
			Name: point.Name(lang), Query: template.URL("point=" + itoa(point.ID))}
	case len(p.Reporters) > 0:
		p.Reporter = &p.Reporters[0]
	default:
		return p, nil
	}
	if p.Info, err = s.db.LicencePeriod(ctx, p.Reporter.Reporter, p.Month, now); err != nil {
		return nil, err
	}
	p.Open = p.Info.State == openinfo.PeriodOpen || p.Info.State == openinfo.PeriodUnlocked
	procs, err := s.reportedProcesses(ctx, p.Reporter.Reporter, p.Month)
	if err != nil {
		return nil, err
	}
	saved, err := s.db.LicenceReports(ctx, p.Reporter.Reporter, p.Month)
	if err != nil {
		return nil, err
	}
	byProcess := map[int64]*openinfo.LicenceReport{}
	for _, rep := range saved {
		byProcess[rep.ProcessID] = rep
	}
	names := map[int64]string{}
	for _, pr := range procs {
		row := licenceRow{ProcessID: pr.ProcessID, Name: pr.Name, Report: byProcess[pr.ProcessID]}
		if row.Recorded, err = s.db.DelayNoticeCount(ctx, p.Reporter.Reporter, pr.ProcessID, p.Month); err != nil {
			return nil, err
		}
		if row.Report != nil {
			row.Counts = row.Report.Counts
			hist, err := s.db.LicenceReportHistory(ctx, row.Report.ID)
			if err != nil {
				return nil, err
			}
			for _, h := range hist {
				if _, ok := names[h.ActorID]; !ok {
					names[h.ActorID] = ""
					if au, err := s.db.User(ctx, h.ActorID); err == nil {
						names[h.ActorID] = au.FullName()
					}
				}
				row.History = append(row.History, licenceHistoryRow{LicenceHistoryEntry: h, Actor: names[h.ActorID]})
			}
		} else {
			// Pending at the start is last month's pending at the end.
			zero, err := s.db.ZeroLicenceReport(ctx, p.Reporter.Reporter, pr.ProcessID, p.Month)
			if err != nil {
				return nil, err
			}
			row.Counts = zero.Counts
			row.Counts.DelayNotices = row.Recorded
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

type reportedProcess struct {
	ProcessID int64
	Name      string
}

// reportedProcesses lists the processes a reporter owes a report of in
// month: a point's published manuals pinned to it whose agency reports by
// points, or an agency's own published manuals when it reports itself (the
// set the store's MissingReporters counts).
func (s *Admin) reportedProcesses(ctx context.Context, rep openinfo.Reporter, month int) ([]reportedProcess, error) {
	var out []reportedProcess
	if rep.Kind == openinfo.ReporterAgency {
		if lvl, err := s.db.ReportingLevel(ctx, rep.ID, month); err != nil || lvl != openinfo.ReporterAgency {
			return nil, err
		}
		list, _, err := s.db.PublishedManuals(ctx, rep.ID, 200, 0)
		for _, m := range list {
			out = append(out, reportedProcess{m.ProcessID, m.Name})
		}
		return out, err
	}
	offers, err := s.db.PointOfferings(ctx, rep.ID)
	if err != nil {
		return nil, err
	}
	levels := map[int64]openinfo.ReportingLevel{}
	for _, o := range offers {
		if o.Kind != "manual" {
			continue
		}
		pr, err := s.db.Process(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		lvl, ok := levels[pr.AgencyID]
		if !ok {
			if lvl, err = s.db.ReportingLevel(ctx, pr.AgencyID, month); err != nil {
				return nil, err
			}
			levels[pr.AgencyID] = lvl
		}
		if lvl == openinfo.ReporterPoint {
			out = append(out, reportedProcess{o.ID, o.Name})
		}
	}
	return out, nil
}

func (s *Admin) renderLicencePage(w http.ResponseWriter, r *http.Request, status int, p *licenceReportsPage) {
	s.Render(w, r, status, "admin_licence_reports", ui.T(ui.LangFrom(r), "lic.title"), p)
}

// handleLicenceReports shows the reporter's month.
func (s *Admin) handleLicenceReports(w http.ResponseWriter, r *http.Request) {
	p, err := s.licencePage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); done != "" {
		p.Notice = ui.T(p.Lang, "lic.done."+done)
	}
	s.renderLicencePage(w, r, http.StatusOK, p)
}

// licenceDone is where a successful change of the page goes.
func licenceDone(p *licenceReportsPage, done string, anchor string) string {
	return "/admin/licence-reports?" + string(p.ReporterQuery()) + "&done=" + done + anchor
}

// handleLicenceSave saves, submits or corrects one process's report. A
// refusal is shown at its fields, with everything typed kept.
func (s *Admin) handleLicenceSave(w http.ResponseWriter, r *http.Request) {
	p, err := s.licencePage(r)
	if err == nil && p.Reporter == nil {
		err = openinfo.Errorf(openinfo.EINVALID, "หน่วยงานนี้ยังไม่มีผู้รายงาน", "This agency has nobody to report.")
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ev := openinfo.LicenceEvent(r.PostFormValue("do"))
	pid, _ := strconv.ParseInt(r.PostFormValue("process_id"), 10, 64)
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	rep := openinfo.LicenceReport{Reporter: p.Reporter.Reporter, ProcessID: pid, Month: p.Month, Version: version}
	fr := newFormReader(r.PostForm)
	for _, f := range licenceFields {
		*f.ptr(&rep.Counts) = fr.integer(f.Key)
	}
	err = fr.err()
	if err == nil {
		err = s.db.SaveLicenceReport(r.Context(), &rep, ev, currentUser(r.Context()).Officer(), s.now())
	}
	if err == nil {
		http.Redirect(w, r, licenceDone(p, string(ev), "#p"+itoa(pid)), http.StatusSeeOther)
		return
	}
	if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
		s.Fail(w, r, err)
		return
	}
	for i := range p.Rows {
		row := &p.Rows[i]
		if row.ProcessID != pid {
			continue
		}
		row.Raw = map[string]string{}
		for _, f := range licenceFields {
			row.Raw[f.Key] = r.PostFormValue(f.Key)
		}
		row.Message, row.Errors = ui.FormErrors(err, p.Lang)
		s.renderLicencePage(w, r, ui.FormStatus(err), p)
		return
	}
	// Not a process of this reporter and month: said at the top.
	s.refused(w, r, err, &p.Form, "admin_licence_reports", ui.T(p.Lang, "lic.title"), p)
}

// handleLicenceZero reports every process of the month not yet submitted
// as zero ("no applications this month"): submitted once the month is
// over, saved as drafts before. Submitted reports keep their numbers.
func (s *Admin) handleLicenceZero(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.licencePage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if p.Reporter == nil || len(p.Rows) == 0 {
		err = openinfo.Errorf(openinfo.EINVALID, "ไม่มีกระบวนงานที่ต้องรายงานในเดือนนี้", "There is no process to report for this month.")
		s.refused(w, r, err, &p.Form, "admin_licence_reports", ui.T(p.Lang, "lic.title"), p)
		return
	}
	ev := openinfo.LicSaveDraft
	if p.Ended {
		ev = openinfo.LicSubmit
	}
	o := currentUser(ctx).Officer()
	for _, row := range p.Rows {
		if row.Report != nil && row.Report.State == openinfo.ReportSubmitted {
			continue
		}
		rep, err := s.db.ZeroLicenceReport(ctx, p.Reporter.Reporter, row.ProcessID, p.Month)
		if err == nil {
			// Notices sent are not applications: the zero month keeps them.
			rep.Counts.DelayNotices = row.Recorded
			if row.Report != nil {
				rep.Version = row.Report.Version
			}
			err = s.db.SaveLicenceReport(ctx, &rep, ev, o, s.now())
		}
		if err != nil {
			s.refused(w, r, err, &p.Form, "admin_licence_reports", ui.T(p.Lang, "lic.title"), p)
			return
		}
	}
	http.Redirect(w, r, licenceDone(p, "zero", ""), http.StatusSeeOther)
}

// handleLicenceUnlock asks, with a reason, to report a locked month late.
func (s *Admin) handleLicenceUnlock(w http.ResponseWriter, r *http.Request) {
	p, err := s.licencePage(r)
	if err == nil && p.Reporter == nil {
		err = openinfo.Errorf(openinfo.EINVALID, "หน่วยงานนี้ยังไม่มีผู้รายงาน", "This agency has nobody to report.")
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Reason = r.PostFormValue("reason")
	if _, err := s.db.RequestUnlock(r.Context(), p.Reporter.Reporter, p.Month, p.Reason, currentUser(r.Context()).Officer(), s.now()); err != nil {
		s.refused(w, r, err, &p.Form, "admin_licence_reports", ui.T(p.Lang, "lic.title"), p)
		return
	}
	http.Redirect(w, r, licenceDone(p, "unlock", "#unlock"), http.StatusSeeOther)
}

func init() { ui.AddMessages(licenceMessages) }

var licenceMessages = map[string][2]string{
	"lic.title":           {"สร้างรายงานการออกใบอนุญาต", "Licence-issuance reports"},
	"lic.intro":           {"รายงานผลการออกใบอนุญาตรายเดือนของแต่ละกระบวนงาน ส่งได้ถึงวันครบกำหนดของเดือนถัดไป หลังจากนั้นรายงานจะถูกล็อค", "Report each process's licences month by month, by the due day of the following month; after it the month locks."},
	"lic.reporter":        {"ผู้รายงาน", "Reporter"},
	"lic.month":           {"เดือนที่รายงาน", "Month"},
	"lic.show":            {"แสดง", "Show"},
	"lic.choose":          {"เลือกหน่วยงานที่จะรายงาน", "Choose the agency to report for"},
	"lic.noreporter":      {"หน่วยงานนี้ยังไม่มีจุดบริการ จึงยังไม่มีผู้รายงาน", "This agency has no service point, so nobody reports for it yet."},
	"lic.noprocess":       {"ไม่มีกระบวนงานที่ต้องรายงานในเดือนนี้ (ปักหมุดคู่มือที่เผยแพร่แล้วกับจุดบริการก่อน หรือกระบวนงานรายงานโดยกรม)", "No process to report this month (pin published manuals to the service point first, or the department reports them)."},
	"lic.due":             {"กำหนดส่ง", "Due"},
	"lic.period":          {"สถานะของเดือน", "Month's state"},
	"lic.unlockedto":      {"ปลดล็อคถึง", "Unlocked until"},
	"lic.save_draft":      {"บันทึกร่าง", "Save draft"},
	"lic.submit":          {"ส่งรายงาน", "Submit"},
	"lic.correct":         {"แก้ไขรายงาน", "Correct"},
	"lic.zero":            {"รายงานเป็นศูนย์ทั้งเดือน (ไม่มีคำขอ)", "Report the whole month as zero (no applications)"},
	"lic.zero.help":       {"ทุกกระบวนงานที่ยังไม่ได้ส่งจะถูกรายงานว่าไม่มีคำขอในเดือนนี้ งานค้างยกมายังคงค้างยกไป", "Every process not yet submitted is reported with no applications this month; what was pending stays pending."},
	"lic.history":         {"ประวัติการบันทึกและแก้ไข", "Saves and corrections"},
	"lic.h.version":       {"ครั้งที่", "Version"},
	"lic.h.event":         {"การดำเนินการ", "Action"},
	"lic.h.at":            {"เมื่อ", "When"},
	"lic.h.by":            {"โดย", "By"},
	"lic.state":           {"สถานะ", "State"},
	"lic.st.none":         {"ยังไม่ได้บันทึก", "Not saved yet"},
	"lic.st.draft":        {"ร่าง (ยังไม่ได้ส่ง)", "Draft (not submitted)"},
	"lic.st.submitted":    {"ส่งแล้ว", "Submitted"},
	"lic.st.corrected":    {"แก้ไขแล้ว", "corrections:"},
	"lic.st.unlocked":     {"ปลดล็อคถึง", "Unlocked until"},
	"lic.unlock":          {"ขอปลดล็อค", "Unlock request"},
	"lic.unlock.help":     {"รายงานเดือนนี้ถูกล็อคเพราะเกินกำหนดส่ง ขอปลดล็อคได้เพียงครั้งเดียวต่อเดือน เมื่อได้รับอนุมัติจะส่งรายงานได้ภายใน 5 วันทำการ", "This month is locked: its deadline passed. An unlock may be requested once per month; once approved you have 5 business days to report."},
	"lic.unlock.reason":   {"เหตุผลในการขอปลดล็อค", "Reason for the unlock"},
	"lic.unlock.send":     {"ส่งคำขอปลดล็อค", "Request the unlock"},
	"lic.unlock.status":   {"สถานะคำขอ", "Request's state"},
	"lic.unlock.at":       {"ขอเมื่อ", "Requested"},
	"lic.unlock.decided":  {"พิจารณาเมื่อ", "Decided"},
	"lic.unlock.comment":  {"ความเห็นผู้พิจารณา", "Decision comment"},
	"lic.unlock.window":   {"ส่งรายงานได้ถึง", "Report until"},
	"lic.unlock.again":    {"รายงานเดือนนี้เคยขอปลดล็อคแล้ว ระบบไม่สามารถขอปลดล็อคได้อีก", "An unlock of this month was requested before; it cannot be requested again."},
	"lic.us.requested":    {"รอพิจารณา", "Waiting for a decision"},
	"lic.us.approved":     {"อนุมัติ", "Approved"},
	"lic.us.refused":      {"ไม่อนุมัติ", "Refused"},
	"lic.done.save_draft": {"บันทึกร่างรายงานแล้ว", "The draft is saved."},
	"lic.done.submit":     {"ส่งรายงานแล้ว", "The report is submitted."},
	"lic.done.correct":    {"แก้ไขรายงานแล้ว (เก็บประวัติการแก้ไขไว้)", "The report is corrected (the earlier numbers are kept in its history)."},
	"lic.done.zero":       {"รายงานเป็นศูนย์ทุกกระบวนงานที่ยังไม่ได้ส่งแล้ว", "Every process not yet submitted is reported as zero."},
	"lic.done.unlock":     {"ส่งคำขอปลดล็อคแล้ว รอ ก.พ.ร. พิจารณา", "The unlock is requested; OPDC will decide."},
	"lic.summary.link":    {"สรุปรายงานการออกใบอนุญาต", "Licence report summary"},
	"lic.f.pending_start": {"คงค้างยกมา", "Pending at start"},
	"lic.f.received":      {"รับคำขอ", "Received"},
	"lic.f.issued":        {"ออกใบอนุญาต", "Issued"},
	"lic.f.refused":       {"ไม่อนุญาต", "Refused"},
	"lic.f.withdrawn":     {"ถอน/คืนคำขอ", "Withdrawn or returned"},
	"lic.f.on_time":       {"เสร็จภายในระยะเวลา", "On time"},
	"lic.f.late":          {"เสร็จเกินระยะเวลา", "Late"},
	"lic.f.pending_end":   {"คงค้างยกไป", "Pending at end"},
	"lic.f.delay_notices": {"หนังสือแจ้งเหตุล่าช้า", "Delay notices"},
	"lic.recorded":        {"บันทึกในระบบหนังสือแจ้งเหตุล่าช้า", "Recorded in the delay notices"},
}
