package admin

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/report/satisfaction"
)

// Back office: the satisfaction report (summary report > รายงานผลประเมิน
// ความพึงพอใจ) by agency subtree, point, process and period, with its
// CSV and Excel exports, and OPDC's question sets.

// reportTarget names the agency a report request reads: the agency of
// ?point= when a service point is asked for, else the ?agency= one.
func (s *Admin) reportTarget(r *http.Request) (string, error) {
	if r.FormValue("point") != "" {
		return targetOf(pointField)(s, r)
	}
	return s.agencyParam(r)
}

type reportPage struct {
	Report    *satisfaction.Report
	Agency    *openinfo.Agency
	Ancestors []*openinfo.Agency
	Point     *openinfo.ServicePoint
	Period    string
	Periods   []periodOption
	Processes []ui.ProcessName
	Process   int64
	Chart     template.HTML
	Query     template.URL // the filters as a query string, for links and exports (a URL, so the template keeps its = and &)
	Lang      string
	// IncludeFlagged counts the ratings flagged suspect (?flagged=include);
	// by default they are left out and only their number is shown.
	IncludeFlagged bool
	FlipFlagged    template.URL // Query with IncludeFlagged the other way
	// The country's local governments (?roots=local, ?page=): LocalQuery
	// opens their list; PrevPage and NextPage page it ("" at either end).
	Local              bool
	LocalQuery         template.URL
	PrevPage, NextPage template.URL
}

type periodOption struct {
	Value, Label string
	Indent       bool
}

// periodOptions lists the last three fiscal years with their quarters and months.
func periodOptions(now time.Time, lang string) []periodOption {
	cur := openinfo.PeriodOf(openinfo.PeriodFY, now).FY
	var out []periodOption
	for fy := cur; fy > cur-3; fy-- {
		p := openinfo.Period{Kind: openinfo.PeriodFY, FY: fy}
		out = append(out, periodOption{Value: p.String(), Label: p.Label(lang)})
		for q := 1; q <= 4; q++ {
			pq := openinfo.Period{Kind: openinfo.PeriodQuarter, FY: fy, Quarter: q}
			out = append(out, periodOption{Value: pq.String(), Label: pq.Label(lang), Indent: true})
		}
		for _, m := range p.MonthsIn() {
			pm := openinfo.Period{Kind: openinfo.PeriodMonth, Month: m}
			out = append(out, periodOption{Value: pm.String(), Label: pm.Label(lang), Indent: true})
		}
	}
	return out
}

// buildReport reads the filters and builds the report; authorization of
// the agency (or point) was checked by the route's guard.
func (s *Admin) buildReport(r *http.Request) (*reportPage, error) {
	return s.buildReportView(r, satisfaction.RootsGrouped)
}

// buildReportView is buildReport with the country's breakdown as roots
// says, unless the request asks for the local governments' list
// (?roots=local): the page shows the grouped view, the exports every root.
func (s *Admin) buildReportView(r *http.Request, roots satisfaction.RootsView) (*reportPage, error) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	u := currentUser(ctx)
	pg := &reportPage{Lang: lang}
	q := satisfaction.Query{Comments: 20}
	period := r.FormValue("period")
	if period == "" {
		period = openinfo.PeriodOf(openinfo.PeriodFY, time.Now()).String()
	}
	p, err := openinfo.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	q.Period, pg.Period = p, p.String()
	vals := url.Values{"period": {pg.Period}}
	if v := r.FormValue("point"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if q.Point, err = s.db.ServicePoint(ctx, id); err != nil {
			return nil, err
		}
		if q.Agency, err = s.db.Agency(ctx, q.Point.AgencyID); err != nil {
			return nil, err
		}
		vals.Set("point", v)
	} else if r.FormValue("agency") != "" || !u.Role.Global() {
		if q.Agency, err = s.agencyFromRequest(r); err != nil {
			return nil, err
		}
		vals.Set("agency", strconv.FormatInt(q.Agency.ID, 10))
	}
	if v, _ := strconv.ParseInt(r.FormValue("process"), 10, 64); v > 0 {
		q.Process = v
		vals.Set("process", strconv.FormatInt(v, 10))
	}
	flip := url.Values{}
	for k, v := range vals {
		flip[k] = v
	}
	if r.FormValue("flagged") == "include" {
		q.IncludeSuspect, pg.IncludeFlagged = true, true
		vals.Set("flagged", "include")
	} else {
		flip.Set("flagged", "include")
	}
	pg.Agency, pg.Point, pg.Process = q.Agency, q.Point, q.Process
	q.Roots = roots
	if q.Agency == nil && q.Point == nil && r.FormValue("roots") == "local" && roots == satisfaction.RootsGrouped {
		q.Roots, pg.Local = satisfaction.RootsLocal, true
		q.Page, _ = strconv.Atoi(r.FormValue("page"))
	}
	if pg.Report, err = satisfaction.Build(ctx, s.db, q); err != nil {
		return nil, err
	}
	pg.Query, pg.FlipFlagged = template.URL(vals.Encode()), template.URL(flip.Encode())
	with := func(v url.Values, kv ...string) template.URL {
		c := url.Values{}
		for k, x := range v {
			c[k] = x
		}
		for i := 0; i+1 < len(kv); i += 2 {
			c.Set(kv[i], kv[i+1])
		}
		return template.URL(c.Encode())
	}
	pg.LocalQuery = with(vals, "roots", "local")
	if pg.Local {
		flip.Set("roots", "local")
		pg.FlipFlagged = template.URL(flip.Encode())
		if rep := pg.Report; rep.Page > 1 {
			pg.PrevPage = with(vals, "roots", "local", "page", strconv.Itoa(rep.Page-1))
		}
		if rep := pg.Report; rep.Page < rep.Pages {
			pg.NextPage = with(vals, "roots", "local", "page", strconv.Itoa(rep.Page+1))
		}
	}
	if q.Agency != nil {
		anc, err := s.db.Ancestors(ctx, q.Agency)
		if err != nil {
			return nil, err
		}
		// Only the ancestors the officer may also read.
		for _, a := range anc {
			if openinfo.Can(u.Officer(), openinfo.ActViewReports, a.Path) {
				pg.Ancestors = append(pg.Ancestors, a)
			}
		}
		list, err := s.db.AgencyProcesses(ctx, q.Agency.ID, 300)
		if err != nil {
			return nil, err
		}
		for _, pn := range list {
			pg.Processes = append(pg.Processes, ui.ProcessName(pn))
		}
	}
	pg.Periods = periodOptions(time.Now(), lang)
	return pg, nil
}

// handleRatingReport shows the satisfaction report.
func (s *Admin) handleRatingReport(w http.ResponseWriter, r *http.Request) {
	pg, err := s.buildReport(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	pg.Chart = template.HTML(pg.Report.TrendSVG(pg.Lang)) // built from numbers and escaped labels
	s.Render(w, r, http.StatusOK, "admin_report", ui.T(pg.Lang, "report.ratings"), pg)
}

// handleRatingReportCSV exports the report as CSV (UTF-8 with BOM).
// The country's export lists every root agency, one row each.
func (s *Admin) handleRatingReportCSV(w http.ResponseWriter, r *http.Request) {
	pg, err := s.buildReportView(r, satisfaction.RootsAll)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.exportTables(w, r, "satisfaction-"+pg.Period, "csv", pg.Report.Table(pg.Lang))
}

// handleRatingReportXLSX exports the report as an Excel workbook.
// The country's export lists every root agency, one row each.
func (s *Admin) handleRatingReportXLSX(w http.ResponseWriter, r *http.Request) {
	pg, err := s.buildReportView(r, satisfaction.RootsAll)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.exportTables(w, r, "satisfaction-"+pg.Period, "xlsx", pg.Report.Sheets(pg.Lang)...)
}

type questionsPage struct {
	Current  *openinfo.QuestionSet
	Versions []*openinfo.QuestionSet
	Rows     []questionRow
	Profile  bool
	Notice   string
	Message  string
	Errors   map[string]string
}

type questionRow struct {
	Dim                    openinfo.Dimension
	Include                bool
	TH, EN, HintTH, HintEN string
}

func questionRows(qs *openinfo.QuestionSet) []questionRow {
	var rows []questionRow
	for _, d := range openinfo.Dimensions {
		row := questionRow{Dim: d.Dim}
		for _, q := range qs.Questions {
			if q.Dim == d.Dim {
				row = questionRow{Dim: d.Dim, Include: true, TH: q.TH, EN: q.EN, HintTH: q.HintTH, HintEN: q.HintEN}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// handleQuestions shows the current question set and its history; a post
// makes the next version (OPDC). A field the form does not send keeps its
// current value, and a save that changes nothing makes no version.
func (s *Admin) handleQuestions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	cur, err := s.db.CurrentQuestionSet(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := questionsPage{Current: cur, Rows: questionRows(cur), Profile: cur.AskProfile, Errors: map[string]string{}}
	if r.Method == http.MethodPost {
		next := openinfo.QuestionSet{AskProfile: cur.AskProfile}
		if v, ok := r.PostForm["ask_profile"]; ok && len(v) > 0 {
			next.AskProfile = v[0] == "yes"
		}
		for i, row := range p.Rows {
			k := row.Dim.Key()
			get := func(name, old string) string {
				if v, ok := r.PostForm[name+"_"+k]; ok && len(v) > 0 {
					return v[0]
				}
				return old
			}
			inc := get("inc", map[bool]string{true: "yes", false: "no"}[row.Include]) == "yes"
			row = questionRow{Dim: row.Dim, Include: inc, TH: get("th", row.TH), EN: get("en", row.EN),
				HintTH: get("hint_th", row.HintTH), HintEN: get("hint_en", row.HintEN)}
			p.Rows[i] = row
			if inc {
				next.Questions = append(next.Questions, openinfo.Question{Dim: row.Dim, TH: row.TH, EN: row.EN, HintTH: row.HintTH, HintEN: row.HintEN})
			}
		}
		p.Profile = next.AskProfile
		made, err := s.db.SaveQuestionSet(ctx, &next)
		if err != nil {
			if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
				s.Fail(w, r, err)
				return
			}
			p.Message, p.Errors = ui.FormErrors(err, lang)
			p.Versions, _ = s.db.QuestionSets(ctx)
			s.Render(w, r, http.StatusUnprocessableEntity, "admin_questions", ui.T(lang, "questions.title"), p)
			return
		}
		done := "/admin/questions?saved=1"
		if !made {
			done = "/admin/questions?unchanged=1"
		}
		http.Redirect(w, r, done, http.StatusSeeOther)
		return
	}
	switch {
	case r.URL.Query().Get("saved") != "":
		p.Notice = ui.T(lang, "questions.saved")
	case r.URL.Query().Get("unchanged") != "":
		p.Notice = ui.T(lang, "questions.unchanged")
	}
	if p.Versions, err = s.db.QuestionSets(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_questions", ui.T(lang, "questions.title"), p)
}

func init() { ui.AddMessages(reportMessages) }

var reportMessages = map[string][2]string{
	"report.all":          {"ทุกหน่วยงาน", "All agencies"},
	"report.period":       {"ช่วงเวลา", "Period"},
	"report.process":      {"กระบวนงาน", "Process"},
	"report.allprocess":   {"ทุกกระบวนงาน", "All processes"},
	"report.show":         {"แสดงรายงาน", "Show"},
	"report.count":        {"จำนวนผู้ประเมิน", "Ratings"},
	"report.mean":         {"ค่าเฉลี่ย", "Mean"},
	"report.percent":      {"ร้อยละ", "Percent"},
	"report.dim":          {"ด้าน", "Dimension"},
	"report.overall":      {"ภาพรวม", "Overall"},
	"report.dist":         {"จำนวนผู้ตอบแต่ละระดับ (5 → 1)", "Answers per score (5 → 1)"},
	"report.trend":        {"แนวโน้มรายเดือน", "Monthly trend"},
	"report.months":       {"รายเดือน", "By month"},
	"report.agencies":     {"แยกตามหน่วยงาน", "By agency"},
	"report.points":       {"แยกตามจุดบริการ", "By service point"},
	"report.processes":    {"แยกตามกระบวนงาน", "By process"},
	"report.comments":     {"ข้อเสนอแนะล่าสุด", "Latest comments"},
	"report.nocomments":   {"ไม่มีข้อเสนอแนะในช่วงเวลานี้", "No comments in this period."},
	"report.none":         {"ยังไม่มีผลการประเมินในช่วงเวลานี้", "No ratings in this period yet."},
	"report.csv":          {"ส่งออก CSV", "Export CSV"},
	"report.xlsx":         {"ส่งออก Excel", "Export Excel"},
	"report.name":         {"ชื่อ", "Name"},
	"report.ownpoints":    {"(จุดบริการของหน่วยงานนี้เอง)", "(this agency's own points)"},
	"report.agencyn":      {"%s แห่ง", "%s agencies"},
	"report.locallist":    {"องค์กรปกครองส่วนท้องถิ่น เรียงตามจำนวนผู้ประเมิน หน้า %s จาก %s", "Local governments, the most rated first, page %s of %s"},
	"report.localnote":    {"องค์กรปกครองส่วนท้องถิ่นแต่ละแห่งเป็นหน่วยงานระดับบนสุด จึงรวมไว้ในแถวเดียว เลือกแถวนั้นเพื่อดูรายแห่ง ไฟล์ส่งออกมีทุกหน่วยงานระดับบนสุดแยกรายแห่ง", "Each local government is a top-level agency, so they are summed in one row: open it to see them one by one. The exports list every top-level agency."},
	"report.backgrouped":  {"กลับไปที่ภาพรวมทุกหน่วยงาน", "Back to all agencies"},
	"report.prev":         {"หน้าก่อน", "Previous page"},
	"report.next":         {"หน้าถัดไป", "Next page"},
	"report.flagged.out":  {"ผลประเมิน %s รายการถูกทำเครื่องหมายว่าน่าสงสัย (ส่งถี่ผิดปกติจากที่อยู่เดียวกัน) และไม่ได้นับรวมในจำนวนและค่าเฉลี่ยข้างต้น", "%s ratings were flagged as suspect (an unusual burst from one address) and are left out of the counts and means above."},
	"report.flagged.in":   {"นับรวมผลประเมินที่ถูกทำเครื่องหมายว่าน่าสงสัย %s รายการในจำนวนและค่าเฉลี่ยข้างต้นแล้ว", "The %s ratings flagged as suspect are included in the counts and means above."},
	"report.flagged.add":  {"นับรวมรายการที่น่าสงสัย", "Include them"},
	"report.flagged.drop": {"ไม่นับรวมรายการที่น่าสงสัย", "Leave them out"},
	"questions.title":     {"ชุดคำถามประเมินความพึงพอใจ", "Satisfaction question sets"},
	"questions.intro":     {"การบันทึกจะสร้างชุดคำถามฉบับใหม่ ผลการประเมินเดิมยังคงผูกกับฉบับที่ผู้ประเมินตอบ", "Saving makes a new version; earlier ratings keep the version they answered."},
	"questions.current":   {"ฉบับปัจจุบัน", "Current version"},
	"questions.include":   {"ถามด้านนี้", "Ask this dimension"},
	"questions.th":        {"คำถามภาษาไทย", "Question (Thai)"},
	"questions.en":        {"คำถามภาษาอังกฤษ", "Question (English)"},
	"questions.hint_th":   {"คำอธิบายภาษาไทย", "Help text (Thai)"},
	"questions.hint_en":   {"คำอธิบายภาษาอังกฤษ", "Help text (English)"},
	"questions.profile":   {"ถามข้อมูลผู้ตอบ (ไม่บังคับตอบ)", "Ask the optional respondent profile"},
	"questions.yes":       {"ใช่", "Yes"},
	"questions.no":        {"ไม่", "No"},
	"questions.save":      {"บันทึกเป็นฉบับใหม่", "Save as a new version"},
	"questions.saved":     {"บันทึกชุดคำถามฉบับใหม่แล้ว", "The new version is saved."},
	"questions.unchanged": {"ไม่มีการเปลี่ยนแปลง จึงไม่ได้สร้างฉบับใหม่", "Nothing changed, so no new version was made."},
	"questions.versions":  {"ประวัติฉบับ", "Versions"},
	"questions.version":   {"ฉบับที่", "Version"},
}
