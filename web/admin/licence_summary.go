package admin

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: the licence reports summed for the officer's subtree (a
// department sees its points, a ministry its departments, OPDC the
// country) per process and month, the reporters missing for a month, and
// both as CSV and Excel with the page's filters.

type licenceSummaryPage struct {
	Agency           *openinfo.Agency // nil: the country
	From, To, Month  string           // BE months, as the filters post them
	Months           []periodOption
	Rows             []store.LicenceRollupRow
	Total            openinfo.LicenceCounts
	Reports          int
	Missing          []missingRow // the page's part of AllMissing
	AllMissing       []missingRow // for the exports
	MissingPager     *ui.Pager
	MissingReports   int            // reports not submitted, over every missing reporter
	National         bool           // no agency chosen: no per-process list
	Breakdown        []breakdownRow // per child agency of the scope
	MonthOf          openinfo.Period
	Fields           []licenceField
	Query            template.URL // the filters, for the exports
	Lang             string
	fromM, toM, mthM int
	// A global officer looks for an agency to narrow the view to.
	Pick    bool
	Q       string
	Found   []*openinfo.Agency
	Range   template.URL // from, to and month alone, for the found agencies' links
	ui.Form              // bad filters, told at each (the page then shows no figures)
}

// missingRow is a reporter that has not reported, with its agency's name.
type missingRow struct {
	store.MissingReporter
	Agency string
}

// breakdownRow is one agency of the per-agency view: Link drills down to
// its own summary, empty for the scope's own reports.
type breakdownRow struct {
	store.LicenceBreakdownRow
	Link template.URL
}

// MonthLabel names a yyyymm month.
func (p *licenceSummaryPage) MonthLabel(m int) string { return openinfo.MonthLabel(m, p.Lang) }

func (s *Admin) licenceSummary(r *http.Request) (*licenceSummaryPage, error) {
	ctx := r.Context()
	u := currentUser(ctx)
	lang := ui.LangFrom(r)
	last := prevMonth(openinfo.MonthKey(s.now()))
	p := &licenceSummaryPage{Lang: lang, Fields: licenceFields, Months: monthOptions(openinfo.MonthKey(s.now()), 37, lang)}
	// A bad month is told at its filter, with every bad one named at once;
	// the page then shows the filters alone (status 400).
	var bad []openinfo.FieldError
	month := func(name string, def int) int {
		m, err := s.monthParam(r, name, def)
		if err != nil {
			bad = append(bad, openinfo.FieldErrors(err)...)
			return def
		}
		return m
	}
	p.toM = month("to", last)
	fyStart := p.toM/100*100 + 10 // the fiscal year starts in October
	if p.toM%100 < 10 {
		fyStart -= 100
	}
	p.fromM = month("from", fyStart)
	p.mthM = month("month", p.toM)
	if len(bad) == 0 && p.fromM > p.toM {
		const th, en = "เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด", "The first month must not come after the last."
		bad = append(bad, openinfo.FieldError{Field: "from", TH: th, EN: en})
	}
	p.From, p.To, p.Month = monthString(p.fromM), monthString(p.toM), monthString(p.mthM)
	p.MonthOf = openinfo.Period{Kind: openinfo.PeriodMonth, Month: p.mthM}
	vals := url.Values{"from": {p.From}, "to": {p.To}, "month": {p.Month}}
	p.Range = template.URL(vals.Encode())
	var err error
	if u.Role.Global() {
		p.Pick, p.Q = true, strings.TrimSpace(r.FormValue("q"))
		if p.Q != "" {
			if p.Found, _, err = s.db.Agencies(ctx, store.AgencyFilter{Query: p.Q, Limit: 30}); err != nil {
				return nil, err
			}
		}
	}
	path := ""
	if r.FormValue("agency") != "" || !u.Role.Global() {
		if p.Agency, err = s.agencyFromRequest(r); err != nil {
			return nil, err
		}
		path = p.Agency.Path
		vals.Set("agency", strconv.FormatInt(p.Agency.ID, 10))
	}
	p.Query = template.URL(vals.Encode())
	if len(bad) > 0 {
		err := &openinfo.Error{Code: openinfo.EINVALID, TH: bad[0].TH, EN: bad[0].EN, Fields: bad}
		p.Message, p.Errors = ui.FormErrors(err, lang)
		return p, err
	}
	// The country's per-process list has a row per process and month
	// (millions at national scale): the country shows the roll-up by
	// top-level agency, and the list waits until an agency is chosen. The
	// missing reporters are shown for every scope, a page at a time (the
	// country's of a month: about 4,700 reporters, 2 s nationally).
	p.National = path == ""
	if !p.National {
		if p.Rows, err = s.db.LicenceRollup(ctx, path, p.fromM, p.toM); err != nil {
			return nil, err
		}
		for _, row := range p.Rows {
			p.Total = p.Total.Add(row.Counts)
			p.Reports += row.Reports
		}
	}
	missing, err := s.db.MissingReporters(ctx, p.mthM, path)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, m := range missing {
		name, ok := names[m.AgencyID]
		if !ok {
			if a, err := s.db.Agency(ctx, m.AgencyID); err == nil {
				name = a.Name(lang)
			}
			names[m.AgencyID] = name
		}
		p.AllMissing = append(p.AllMissing, missingRow{MissingReporter: m, Agency: name})
		p.MissingReports += m.Missing
	}
	p.MissingPager = ui.NewPager(r, "mpage", 50)
	p.MissingPager.SetTotal(len(p.AllMissing))
	p.Missing = p.AllMissing[min(p.MissingPager.Offset(), len(p.AllMissing)):min(p.MissingPager.Offset()+p.MissingPager.Size, len(p.AllMissing))]
	var parent int64
	if p.Agency != nil {
		parent = p.Agency.ID
	}
	rows, err := s.db.LicenceBreakdown(ctx, parent, p.fromM, p.toM)
	if err != nil {
		return nil, err
	}
	for _, x := range rows {
		b := breakdownRow{LicenceBreakdownRow: x}
		if lang != "th" { // the store names agencies in Thai
			if a, err := s.db.Agency(ctx, x.AgencyID); err == nil {
				b.Name = a.Name(lang)
			}
		}
		if x.AgencyID != parent {
			b.Link = template.URL("/admin/licence-reports/summary?agency=" + strconv.FormatInt(x.AgencyID, 10) + "&" + string(p.Range))
		} else {
			b.Name += " (" + ui.T(lang, "lsum.own") + ")"
		}
		p.Breakdown = append(p.Breakdown, b)
	}
	return p, nil
}

// handleLicenceSummary shows the roll-up and the missing reporters.
func (s *Admin) handleLicenceSummary(w http.ResponseWriter, r *http.Request) {
	p, err := s.licenceSummary(r)
	if p != nil && p.Errors != nil {
		s.Render(w, r, http.StatusBadRequest, "admin_licence_summary", ui.T(p.Lang, "lsum.title"), p)
		return
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_licence_summary", ui.T(p.Lang, "lsum.title"), p)
}

// tables are the page's three views as export tables.
func (p *licenceSummaryPage) tables() []export.Table {
	l := p.Lang
	where := ui.T(l, "report.all")
	if p.Agency != nil {
		where = p.Agency.Name(l)
	}
	cols := []export.Column{{Header: ui.T(l, "report.process"), Width: 40}, {Header: ui.T(l, "lic.month"), Width: 12},
		{Header: ui.T(l, "lsum.reports"), Kind: export.Integer}}
	for _, f := range licenceFields {
		cols = append(cols, export.Column{Header: f.Label(l), Kind: export.Integer})
	}
	rollup := export.Table{Name: ui.T(l, "lsum.rollup"),
		Title:   []string{ui.T(l, "lsum.title"), where, p.MonthLabel(p.fromM) + " – " + p.MonthLabel(p.toM)},
		Columns: cols,
		Rows: export.Map(p.Rows, func(x store.LicenceRollupRow) []export.Value {
			row := []export.Value{export.Str(x.ProcessName), export.Str(p.MonthLabel(x.Month)), export.Int(int64(x.Reports))}
			for _, f := range licenceFields {
				row = append(row, export.Int(int64(f.Count(x.Counts))))
			}
			return row
		})}
	missing := export.Table{Name: ui.T(l, "lsum.missing"),
		Title: []string{ui.T(l, "lsum.missing"), where, p.MonthLabel(p.mthM)},
		Columns: []export.Column{{Header: ui.T(l, "lic.reporter"), Width: 40}, {Header: ui.T(l, "lsum.kind"), Width: 16},
			{Header: ui.T(l, "lsum.agency"), Width: 40}, {Header: ui.T(l, "lsum.expected"), Kind: export.Integer},
			{Header: ui.T(l, "lsum.notsent"), Kind: export.Integer}},
		Rows: export.Map(p.AllMissing, func(m missingRow) []export.Value {
			return []export.Value{export.Str(m.Name), export.Str(m.Reporter.Kind.Label(l)), export.Str(m.Agency),
				export.Int(int64(m.Expected)), export.Int(int64(m.Missing))}
		})}
	bcols := []export.Column{{Header: ui.T(l, "lsum.agency"), Width: 40}, {Header: ui.T(l, "lsum.reports"), Kind: export.Integer}}
	for _, f := range licenceFields {
		bcols = append(bcols, export.Column{Header: f.Label(l), Kind: export.Integer})
	}
	breakdown := export.Table{Name: ui.T(l, "lsum.breakdown"),
		Title:   []string{ui.T(l, "lsum.breakdown"), where, p.MonthLabel(p.fromM) + " – " + p.MonthLabel(p.toM)},
		Columns: bcols,
		Rows: export.Map(p.Breakdown, func(x breakdownRow) []export.Value {
			row := []export.Value{export.Str(x.Name), export.Int(int64(x.Reports))}
			for _, f := range licenceFields {
				row = append(row, export.Int(int64(f.Count(x.Counts))))
			}
			return row
		})}
	if p.National {
		return []export.Table{breakdown, missing}
	}
	return []export.Table{rollup, breakdown, missing}
}

// licenceSummaryExport is the handler writing the page's tables as CSV or
// Excel.
func licenceSummaryExport(format string) func(*Admin, http.ResponseWriter, *http.Request) {
	return func(s *Admin, w http.ResponseWriter, r *http.Request) {
		p, err := s.licenceSummary(r)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		s.exportTables(w, r, "licence-summary-"+p.From+"-"+p.To, format, p.tables()...)
	}
}

func init() {
	ui.AddMessages(map[string][2]string{
		"lsum.title":     {"สรุปรายงานการออกใบอนุญาต", "Licence report summary"},
		"lsum.intro":     {"ผลรวมรายงานที่ส่งแล้วของหน่วยงานในสังกัด แยกตามกระบวนงานและเดือน", "The submitted reports of the agencies under this one, summed per process and month."},
		"lsum.find":      {"ดูเฉพาะหน่วยงาน", "Narrow to an agency"},
		"lsum.from":      {"ตั้งแต่เดือน", "From"},
		"lsum.to":        {"ถึงเดือน", "To"},
		"lsum.mmonth":    {"ผู้ที่ยังไม่รายงานของเดือน", "Missing reporters of"},
		"lsum.rollup":    {"ผลรวมรายกระบวนงาน", "Per process"},
		"lsum.reports":   {"จำนวนรายงาน", "Reports"},
		"lsum.total":     {"รวม", "Total"},
		"lsum.none":      {"ยังไม่มีรายงานที่ส่งแล้วในช่วงนี้", "No submitted report in this range yet."},
		"lsum.missing":   {"ผู้รายงานที่ยังไม่ส่งรายงาน", "Reporters who have not reported"},
		"lsum.nomiss":    {"ทุกผู้รายงานส่งรายงานครบแล้ว", "Every reporter has reported."},
		"lsum.misscount": {"ผู้รายงาน %s ราย ยังไม่ส่งรายงาน %s ฉบับ", "%s reporters have not sent %s reports."},
		"lsum.kind":      {"ประเภทผู้รายงาน", "Kind"},
		"lsum.expected":  {"ต้องรายงาน (กระบวนงาน)", "Owed (processes)"},
		"lsum.notsent":   {"ยังไม่ส่ง", "Not submitted"},
		"lsum.breakdown": {"ผลรวมรายหน่วยงาน", "Per agency"},
		"lsum.bhelp":     {"แต่ละหน่วยงานในสังกัดรวมหน่วยงานย่อยทั้งหมด กดชื่อเพื่อดูรายละเอียด", "Each agency under this one with its whole subtree; follow a name to see it in detail."},
		"lsum.agency":    {"หน่วยงาน", "Agency"},
		"lsum.own":       {"รายงานของหน่วยงานเอง", "its own reports"},
		"lsum.pick":      {"ทั้งประเทศแสดงผลรวมรายหน่วยงานด้านล่าง เลือกหน่วยงานเพื่อดูผลรวมรายกระบวนงาน", "The whole country shows the roll-up per agency below; choose an agency to see its processes."},
	})
}
