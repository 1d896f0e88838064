package admin

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/export"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: delay notices (หนังสือแจ้งเหตุล่าช้า, Licensing Facilitation
// Act section 10). An application that cannot be decided in the manual's
// time is recorded with its applicant; a notice is due every 7 days until
// the decision, and the decision must reach the applicant within 7 days.
// The store applies the rules (openinfo.DelayCase) and audits every change.

// delayEntity: a delay case belongs to its service point's agency.
var delayEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอนี้", "Application not found."),
	agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
		c, err := db.DelayCase(ctx, id)
		if err != nil {
			return 0, err
		}
		return c.AgencyID, nil
	}}

type delayRow struct {
	*openinfo.DelayCase
	Overdue *openinfo.Overdue
}

type delaysPage struct {
	Rows        []delayRow
	Pager       *ui.Pager
	OverdueOnly bool
	Month       string
	CanRecord   bool
	All         bool         // OPDC's inbox: every agency's notices
	Query       template.URL // the filters, for the export links
	// Agency narrows the list to one agency's subtree (?agency=; the
	// route's guard checked it is the officer's); AgencyQ and Found are
	// the picker's search.
	Agency    *openinfo.Agency
	AgencyQ   string
	Found     []*openinfo.Agency
	Keep      template.URL // the other filters, for the found agencies' links
	ProcessID int64
	Processes []store.ProcessName
	Lang      string
	ui.Form   // a bad filter, told beside it
}

// ProcessLabel names a picker's process in the page's language.
func (p *delaysPage) ProcessLabel(n store.ProcessName) string {
	if p.Lang == ui.LangEN && n.EN != "" {
		return n.EN
	}
	return n.TH
}

// delayFilters reads the list's filters (overdue, month, agency, process)
// for the page and its exports alike, so an export holds what the page
// showed.
func (s *Admin) delayFilters(r *http.Request, p *delaysPage) (store.DelayFilter, error) {
	ctx := r.Context()
	u := currentUser(ctx)
	qv := r.URL.Query()
	p.OverdueOnly, p.All, p.Lang = qv.Get("overdue") != "", u.Role.Global(), ui.LangFrom(r)
	f := store.DelayFilter{UnderPath: officerScope(u), At: s.now(), Overdue: p.OverdueOnly}
	if m := strings.TrimSpace(qv.Get("month")); m != "" {
		// The browser's month input sends 2026-11; a typed 2569-11 is taken too.
		key, err := openinfo.ParseReportMonth("month", m, f.At, true)
		if err != nil {
			p.Month = m // shown again beside its message
			return f, err
		}
		f.Month, p.Month = key, fmt.Sprintf("%04d-%02d", key/100, key%100)
	}
	if qv.Get("agency") != "" {
		a, err := s.agencyFromRequest(r)
		if err != nil {
			return f, err
		}
		p.Agency, f.UnderPath = a, a.Path
	}
	if v := qv.Get("process"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, openinfo.Errorf(openinfo.EINVALID, "กระบวนงานไม่ถูกต้อง", "The process is not valid.")
		}
		f.ProcessID, p.ProcessID = id, id
	}
	keep := url.Values{}
	if p.OverdueOnly {
		keep.Set("overdue", "1")
	}
	if p.Month != "" {
		keep.Set("month", p.Month)
	}
	if p.ProcessID != 0 {
		keep.Set("process", strconv.FormatInt(p.ProcessID, 10))
	}
	p.Keep = template.URL(keep.Encode())
	if p.Agency != nil {
		keep.Set("agency", strconv.FormatInt(p.Agency.ID, 10))
	}
	p.Query = template.URL(keep.Encode()) // encoded here: html/template would escape & and =
	return f, nil
}

// handleDelays lists the applications with delay notices of the officer's
// subtree (OPDC and the platform administrator: every agency's), overdue
// ones first, the most overdue at the top, filtered by agency, process,
// month and overdue.
func (s *Admin) handleDelays(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	p := delaysPage{Pager: ui.NewPager(r, "page", 50), CanRecord: openinfo.Can(u.Officer(), openinfo.ActRecordDelay, u.AgencyPath)}
	f, err := s.delayFilters(r, &p)
	if len(openinfo.FieldErrors(err)) > 0 {
		// A bad filter is told beside it, with the list left empty.
		p.Message, p.Errors = ui.FormErrors(err, p.Lang)
		p.Pager.SetTotal(0)
		s.Render(w, r, http.StatusBadRequest, "admin_delays", ui.T(p.Lang, "delays.admin"), &p)
		return
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	f.Limit, f.Offset = p.Pager.Size, p.Pager.Offset()
	if p.AgencyQ = strings.TrimSpace(r.URL.Query().Get("agency_q")); p.AgencyQ != "" {
		af := store.AgencyFilter{Query: p.AgencyQ, Limit: 30}
		if !u.Role.Global() {
			af.Under = u.AgencyID // the officer's subtree; their own agency is the default
		}
		if p.Found, _, err = s.db.Agencies(ctx, af); err != nil {
			s.Fail(w, r, err)
			return
		}
	}
	if p.Processes, err = s.db.DelayProcesses(ctx, f.UnderPath); err != nil {
		s.Fail(w, r, err)
		return
	}
	cases, total, err := s.db.DelayCases(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	for _, c := range cases {
		row := delayRow{DelayCase: c}
		if o, late := c.Overdue(f.At); late {
			row.Overdue = &o
		}
		p.Rows = append(p.Rows, row)
	}
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_delays", ui.T(p.Lang, "delays.admin"), &p)
}

// handleDelaysExport writes the list, with the page's filters, as CSV or
// Excel: the applications and their state, never the applicants' names or
// contacts (a file travels further than the page).
func (s *Admin) handleDelaysExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var p delaysPage
	f, err := s.delayFilters(r, &p)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang, now := p.Lang, f.At
	f.Limit = 100000
	cases, _, err := s.db.DelayCases(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	// The title says what was filtered, as the file travels without the page.
	title := []string{ui.T(lang, "delays.admin"), thaitime.FormatDate(now, lang)}
	if p.Agency != nil {
		title = append(title, ui.T(lang, "delays.agency")+": "+p.Agency.Name(lang))
	}
	if p.ProcessID != 0 {
		if pr, err := s.db.Process(ctx, p.ProcessID); err == nil {
			title = append(title, ui.T(lang, "delays.process")+": "+pr.Name(lang))
		}
	}
	if f.Month != 0 {
		title = append(title, ui.T(lang, "delays.month")+": "+openinfo.MonthLabel(f.Month, lang))
	}
	if p.OverdueOnly {
		title = append(title, ui.T(lang, "delays.overdueonly"))
	}
	col := func(key string, k export.Kind) export.Column { return export.Column{Header: ui.T(lang, key), Kind: k} }
	t := export.Table{Name: ui.T(lang, "delays.admin"), Title: title,
		Columns: []export.Column{col("delays.ref", export.Text), col("delays.received", export.Date), col("delays.due", export.Date),
			col("delays.notices", export.Integer), col("delays.decision", export.Text), col("delays.decided", export.Date), col("delays.overdue", export.Text)},
		Rows: export.Map(cases, func(c *openinfo.DelayCase) []export.Value {
			late := export.Str("")
			if o, ok := c.Overdue(now); ok {
				late = export.Str(map[bool]string{true: o.EN, false: o.TH}[lang == ui.LangEN])
			}
			return []export.Value{export.Str(c.Ref), export.Day(c.Received), export.Day(c.Due), export.Int(int64(len(c.Notices))),
				export.Str(c.Decision.Label(lang)), export.Day(c.DecidedOn), late}
		})}
	s.exportTables(w, r, "delay-notices-"+now.Format("2006-01-02"), strings.TrimPrefix(r.Pattern[strings.LastIndex(r.Pattern, "."):], "."), t)
}

type delayFormPage struct {
	Case      openinfo.DelayCase
	Points    []*openinfo.ServicePoint
	Processes []ui.ProcessName
	Received  string
	Due       string
	ui.Form
}

// handleDelayNew records an application whose decision will be late.
func (s *Admin) handleDelayNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	u := currentUser(ctx)
	p := &delayFormPage{}
	var err error
	if p.Points, _, err = s.db.ServicePoints(ctx, store.PointFilter{Under: u.AgencyID, Limit: 500}); err != nil {
		s.Fail(w, r, err)
		return
	}
	// The processes of the officer's agency and of those above it: a
	// regional office serves its department's processes.
	for id := u.AgencyID; id != 0; {
		a, err := s.db.Agency(ctx, id)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		list, err := s.db.AgencyProcesses(ctx, a.ID, 300)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		for _, pn := range list {
			p.Processes = append(p.Processes, ui.ProcessName(pn))
		}
		id = a.ParentID
	}
	title := ui.T(lang, "delays.new")
	if r.Method != http.MethodPost {
		s.Render(w, r, http.StatusOK, "admin_delay_form", title, p)
		return
	}
	c := &p.Case
	c.Ref = strings.TrimSpace(r.PostFormValue("ref"))
	c.ProcessID, _ = strconv.ParseInt(r.PostFormValue("process"), 10, 64)
	c.PointID, _ = strconv.ParseInt(r.PostFormValue("point"), 10, 64)
	c.ApplicantName = strings.TrimSpace(r.PostFormValue("applicant_name"))
	c.ApplicantPhone = strings.TrimSpace(r.PostFormValue("applicant_phone"))
	c.ApplicantEmail = strings.TrimSpace(r.PostFormValue("applicant_email"))
	c.DueReason = strings.TrimSpace(r.PostFormValue("due_reason"))
	p.Received, p.Due = r.PostFormValue("received_on"), r.PostFormValue("due_on")
	var bad []openinfo.FieldError
	if c.Received, bad = dateField(p.Received, "received_on", true, bad); p.Due != "" {
		c.Due, bad = dateField(p.Due, "due_on", false, bad)
	}
	if len(bad) > 0 {
		s.refused(w, r, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบวันที่ที่กรอก", EN: "Please check the dates.", Fields: bad}, &p.Form, "admin_delay_form", title, p)
		return
	}
	if err := s.db.SaveDelayCase(ctx, c, u.Officer(), time.Now()); err != nil {
		s.refused(w, r, err, &p.Form, "admin_delay_form", title, p)
		return
	}
	http.Redirect(w, r, "/admin/delay-notices/"+itoa(c.ID), http.StatusSeeOther)
}

// dateField reads a date typed as the browser's date input sends it
// (yyyy-mm-dd, Common Era) or as Thai officers write it (d/m/yyyy BE).
func dateField(v, field string, required bool, bad []openinfo.FieldError) (time.Time, []openinfo.FieldError) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			bad = append(bad, openinfo.FieldError{Field: field, TH: "กรุณากรอกวันที่", EN: "Enter the date."})
		}
		return time.Time{}, bad
	}
	if t, err := time.ParseInLocation("2006-01-02", v, thaitime.Bangkok); err == nil {
		return t, bad
	}
	t, err := thaitime.ParseDate(v)
	if err != nil {
		bad = append(bad, openinfo.FieldError{Field: field, TH: "วันที่ไม่ถูกต้อง กรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 7/12/2569",
			EN: "Not a date: write day/month/year (Buddhist era), e.g. 7/12/2569."})
	}
	return t, bad
}

type delayPage struct {
	Case       *openinfo.DelayCase
	Overdue    *openinfo.Overdue
	ProcessNm  string
	PointName  string
	CanRecord  bool
	NoticeForm struct {
		Number, Date, Reason, Expected string
		// A letter uploaded with a refused form, kept for the next try.
		LetterID   int64
		LetterName string
	}
	Decision struct{ Decision, DecidedOn, ToldOn string }
	ui.Form
}

func (s *Admin) delayPage(r *http.Request, id int64) (*delayPage, error) {
	ctx := r.Context()
	c, err := s.db.DelayCase(ctx, id)
	if err != nil {
		return nil, err
	}
	lang := ui.LangFrom(r)
	p := &delayPage{Case: c, CanRecord: openinfo.Can(currentUser(ctx).Officer(), openinfo.ActRecordDelay, agencyPathOf(ctx, s.db, c.AgencyID))}
	if o, late := c.Overdue(time.Now()); late {
		p.Overdue = &o
	}
	if proc, err := s.db.Process(ctx, c.ProcessID); err == nil {
		p.ProcessNm = proc.Name(lang)
	}
	if pt, err := s.db.ServicePoint(ctx, c.PointID); err == nil {
		p.PointName = pt.Name(lang)
	}
	return p, nil
}

func agencyPathOf(ctx context.Context, db *store.DB, id int64) string {
	a, err := db.Agency(ctx, id)
	if err != nil {
		return ""
	}
	return a.Path
}

// handleDelay shows an application: its applicant (private), due date,
// notices, what is overdue, and the forms for the next notice and the
// decision.
func (s *Admin) handleDelay(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	p, err := s.delayPage(r, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_delay", p.Case.Ref, p)
}

// handleDelayNotice records a notice sent to the applicant.
func (s *Admin) handleDelayNotice(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	p, err := s.delayPage(r, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	f := &p.NoticeForm
	f.Number, f.Date = strings.TrimSpace(r.PostFormValue("number")), r.PostFormValue("date")
	f.Reason, f.Expected = strings.TrimSpace(r.PostFormValue("reason")), r.PostFormValue("expected")
	n := openinfo.DelayNotice{Seq: len(p.Case.Notices) + 1, Number: f.Number, Reason: f.Reason}
	var bad []openinfo.FieldError
	n.Date, bad = dateField(f.Date, "date", true, bad)
	n.ExpectedDecision, bad = dateField(f.Expected, "expected", false, bad)
	// The letter: a new file, or the one kept from a refused try (which the
	// store attaches only to this case).
	f.LetterID, _ = strconv.ParseInt(r.PostFormValue("letter_id"), 10, 64)
	f.LetterName = strings.TrimSpace(r.PostFormValue("letter_name"))
	if r.PostFormValue("letter_remove") != "" {
		f.LetterID, f.LetterName = 0, ""
	}
	letterID, name, letterErr, err := s.delayLetterUpload(r, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if letterErr != nil {
		bad = append(bad, *letterErr)
	} else if letterID != 0 {
		f.LetterID, f.LetterName = letterID, name
	}
	n.LetterID = f.LetterID
	if len(bad) == 0 {
		_, err = s.db.RecordDelayNotice(ctx, id, n, currentUser(ctx).Officer(), time.Now())
	} else {
		err = &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบข้อมูลที่กรอก", EN: "Please check what you entered.", Fields: bad}
	}
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		// The store names the new notice's fields as the case's
		// ("notices.2.date"); the form's are the bare names.
		p.Message, p.Errors = ui.FormErrors(err, ui.LangFrom(r))
		prefix := "notices." + strconv.Itoa(len(p.Case.Notices)) + "."
		for k, v := range p.Errors {
			if name, ok := strings.CutPrefix(k, prefix); ok {
				if name == "expected_decision" {
					name = "expected"
				}
				p.Errors[name] = v
			}
		}
		s.Render(w, r, ui.FormStatus(err), "admin_delay", p.Case.Ref, p)
		return
	}
	http.Redirect(w, r, "/admin/delay-notices/"+itoa(id), http.StatusSeeOther)
}

// delayLetterUpload keeps the letter posted as "letter" for case caseID, if
// any: a PDF checked by its bytes. It returns the letter's id and name, or
// the field error to show, or an internal error.
func (s *Admin) delayLetterUpload(r *http.Request, caseID int64) (int64, string, *openinfo.FieldError, error) {
	file, hdr, err := r.FormFile("letter")
	if err != nil {
		return 0, "", nil, nil // none posted (or not a multipart form)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, openinfo.MaxAttachmentSize+1))
	if err != nil {
		return 0, "", nil, err
	}
	if len(data) == 0 && hdr.Filename == "" {
		return 0, "", nil, nil // the browser sends an empty part when no file was chosen
	}
	if err := openinfo.CheckDelayLetter(hdr.Filename, data[:min(len(data), 512)], int64(len(data))); err != nil {
		var e *openinfo.Error
		if !errors.As(err, &e) {
			return 0, "", nil, err
		}
		return 0, "", &openinfo.FieldError{Field: "letter", TH: e.TH, EN: e.EN}, nil
	}
	ctx := r.Context()
	id, err := s.db.PutDelayLetter(ctx, caseID, strings.TrimSpace(hdr.Filename), data, currentUser(ctx).Officer())
	return id, strings.TrimSpace(hdr.Filename), nil, err
}

// handleDelayLetter sends a notice's letter. The route lets in the case's
// agency subtree and OPDC only: the letter names the applicant.
func (s *Admin) handleDelayLetter(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil || seq <= 0 {
		s.NotFound(w, r)
		return
	}
	l, err := s.db.DelayLetter(r.Context(), id, seq)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	name := l.Name
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	w.Header().Set("Content-Type", openinfo.TypePDF)
	w.Header().Set("Content-Length", strconv.Itoa(len(l.Data)))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "private, no-store") // personal data: no copy left in a shared browser's cache
	w.Write(l.Data)
}

// handleDelayDecision records the decision and the day the applicant was
// told of it.
func (s *Admin) handleDelayDecision(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	p, err := s.delayPage(r, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	d := &p.Decision
	d.Decision, d.DecidedOn, d.ToldOn = r.PostFormValue("decision"), r.PostFormValue("decided_on"), r.PostFormValue("told_on")
	c := *p.Case
	c.Decision = openinfo.DelayDecision(d.Decision)
	c.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	var bad []openinfo.FieldError
	c.DecidedOn, bad = dateField(d.DecidedOn, "decided_on", true, bad)
	c.ToldOn, bad = dateField(d.ToldOn, "told_on", false, bad)
	if len(bad) == 0 {
		err = s.db.SaveDelayCase(ctx, &c, currentUser(ctx).Officer(), time.Now())
	} else {
		err = &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบวันที่ที่กรอก", EN: "Please check the dates.", Fields: bad}
	}
	if err != nil {
		s.refused(w, r, err, &p.Form, "admin_delay", p.Case.Ref, p)
		return
	}
	http.Redirect(w, r, "/admin/delay-notices/"+itoa(id), http.StatusSeeOther)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"delays.admin":         {"หนังสือแจ้งเหตุล่าช้า", "Delay notices"},
		"delays.admin.intro":   {"คำขอที่พิจารณาไม่แล้วเสร็จภายในเวลาที่กำหนดในคู่มือ: ต้องแจ้งเหตุล่าช้าแก่ผู้ยื่นคำขอทุก 7 วันจนกว่าจะพิจารณาแล้วเสร็จ และแจ้งผลภายใน 7 วันนับแต่พิจารณาแล้วเสร็จ (สำเนาถึง ก.พ.ร.)", "Applications not decided in the time the manual states: the applicant must be told why every 7 days until the decision, and told the decision within 7 days of it (a copy goes to OPDC)."},
		"delays.admin.all":     {"ทุกหน่วยงาน (สำเนาถึง ก.พ.ร.)", "Every agency (OPDC's copies)"},
		"delays.new":           {"บันทึกคำขอที่ล่าช้า", "Record a late application"},
		"delays.overdue":       {"เกินกำหนด", "Overdue"},
		"delays.overdueonly":   {"เฉพาะที่เกินกำหนด", "Overdue only"},
		"delays.month":         {"เดือนที่แจ้ง", "Notices in month"},
		"delays.filter":        {"กรอง", "Filter"},
		"delays.agency":        {"หน่วยงาน", "Agency"},
		"delays.agency.find":   {"ค้นหาหน่วยงาน", "Find an agency"},
		"delays.agency.all":    {"ทุกหน่วยงานในขอบเขต", "Every agency in scope"},
		"delays.agency.pick":   {"เลือกหน่วยงานเพื่อกรอง", "Choose an agency to filter by"},
		"delays.agency.none":   {"ไม่พบหน่วยงานที่ตรงกับคำค้น", "No agency matches."},
		"delays.process.all":   {"ทุกกระบวนงาน", "Every process"},
		"delays.noneyet":       {"ยังไม่มีคำขอที่บันทึกไว้", "No application recorded yet."},
		"delays.applicant":     {"ผู้ยื่นคำขอ", "Applicant"},
		"delays.phone":         {"โทรศัพท์", "Phone"},
		"delays.email":         {"อีเมล", "E-mail"},
		"delays.point":         {"จุดบริการ", "Service point"},
		"delays.due.override":  {"กำหนดแล้วเสร็จ (เว้นว่างเพื่อคำนวณจากคู่มือ)", "Decision due (empty: computed from the manual)"},
		"delays.due.reason":    {"เหตุที่กำหนดต่างจากคู่มือ", "Why the due date differs from the manual"},
		"delays.choose":        {"-- เลือก --", "-- choose --"},
		"delays.save":          {"บันทึก", "Save"},
		"delays.addnotice":     {"บันทึกหนังสือแจ้งเหตุล่าช้าฉบับถัดไป", "Record the next delay notice"},
		"delays.number":        {"เลขที่หนังสือ", "Letter number"},
		"delays.letter":        {"หนังสือแจ้ง (ไฟล์ PDF ไม่เกิน 10 MB ไม่บังคับ)", "The letter (PDF, at most 10 MB, optional)"},
		"delays.letter.kept":   {"แนบไฟล์ไว้แล้ว", "Already attached"},
		"delays.letter.remove": {"ไม่แนบไฟล์นี้", "Do not attach this file"},
		"delays.letter.col":    {"หนังสือ (PDF)", "Letter (PDF)"},
		"delays.decide":        {"บันทึกผลการพิจารณา", "Record the decision"},
		"delays.redacted":      {"ข้อมูลผู้ยื่นคำขอถูกลบแล้วเมื่อพ้นระยะเวลาเก็บรักษา", "The applicant's data was removed after the retention period."},
		"delays.private":       {"ข้อมูลส่วนบุคคล: แสดงเฉพาะเจ้าหน้าที่ของหน่วยงานต้นสังกัดและ ก.พ.ร.", "Personal data: shown only to the agency's officers and OPDC."},
	})
}
