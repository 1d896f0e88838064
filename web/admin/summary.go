package admin

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/export/chart"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The summary page ("summary report", seed 002): one place where an
// officer finds every report of their subtree (OPDC and the platform
// administrator: the country), each with a chart, a table and exports. The
// reports that have pages of their own are linked; the manuals' states are
// here.

// summaryStates are the columns of the manuals report, in workflow order
// ("" is a process with no manual yet).
var summaryStates = []openinfo.RevisionState{"", openinfo.RevDraft, openinfo.RevWaitingStep1, openinfo.RevWaitingStep2,
	openinfo.RevReturned, openinfo.RevPublished}

type summaryLink struct{ Label, Href string }

type summaryPage struct {
	Scope   *openinfo.Agency // nil: the country
	Rows    []store.ManualStateRow
	States  []openinfo.RevisionState
	Totals  map[openinfo.RevisionState]int
	Total   int
	Stale   int
	Chart   template.HTML
	Links   []summaryLink
	ScopeID int64
	Points  []store.PointSummaryRow
	PointT  store.PointSummaryRow // the totals
	// Officers, for those who manage users (central officers, the
	// administrator): who holds which role, who has not signed in for
	// idleDays, and the tokens waiting or lapsed.
	Officers     []store.OfficerSummaryRow
	ShowOfficers bool
	Roles        []openinfo.Role
	IdleDays     int
	// Approval is how long manuals waited at each approval step in the
	// period.
	Approval []approvalRow
	summaryFilterForm
}

// summaryFilterForm is the summary's filter form: the values as typed
// (kept when refused), its choices, and the filters the reports read.
type summaryFilterForm struct {
	F          summaryFilters
	Types      any
	Categories []openinfo.CatalogTerm
	Months     []periodOption
	StaleYears int
	Period     string       // the approval times' months, named
	Query      template.URL // the scope and every filter, for the exports
	Keep       template.URL // every filter but the scope, for the rows' links
	Refused    bool         // a filter was refused: no report is shown
	Narrowed   bool         // a type, province or category is chosen
	filter     store.SummaryFilter
	since      time.Time // the period, [since, until)
	until      time.Time
	desc       [3]string // the type, province and category in force, named, for the exports' titles
	ui.Form
}

// summaryFilters are the filters as the form sends them.
type summaryFilters struct {
	Type, Province, Category, From, To, Stale string
}

type approvalRow struct {
	State               openinfo.RevisionState
	N                   int
	Median, Mean, Worst string // in days, one decimal
}

// approvalRows summarises the waits of each step.
func approvalRows(times map[openinfo.RevisionState][]time.Duration) []approvalRow {
	var out []approvalRow
	days := func(d time.Duration) string { return strconv.FormatFloat(d.Hours()/24, 'f', 1, 64) }
	for _, st := range []openinfo.RevisionState{openinfo.RevWaitingStep1, openinfo.RevWaitingStep2} {
		ds := slices.Clone(times[st])
		if len(ds) == 0 {
			out = append(out, approvalRow{State: st})
			continue
		}
		slices.Sort(ds)
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		out = append(out, approvalRow{State: st, N: len(ds), Median: days(ds[len(ds)/2]), Mean: days(sum / time.Duration(len(ds))), Worst: days(ds[len(ds)-1])})
	}
	return out
}

// idleDays is how long without a sign-in makes an officer idle in the
// report; staleYears how old a published manual is, by default, before it
// is due for a review (the filter takes 1 to maxStaleYears).
const (
	idleDays      = 90
	staleYears    = 3
	maxStaleYears = 10
)

// summaryScope is the agency a summary covers: ?agency= within what the
// officer may read, else their own agency (global roles: the country).
func (s *Admin) summaryScope(r *http.Request) (*openinfo.Agency, error) {
	u := currentUser(r.Context())
	if r.FormValue("agency") == "" && u.Role.Global() {
		return nil, nil
	}
	return s.agencyFromRequest(r)
}

// summaryFilters reads the filters: agency type, province (the agency's;
// a service point's own), catalog category, the approval times' months
// (default: the last 12) and the years after which a manual is due for a
// review. Unknown or impossible values are refused at their field.
func (s *Admin) summaryFilters(r *http.Request, f *summaryFilterForm, lang string) error {
	ctx := r.Context()
	q := r.URL.Query()
	f.F = summaryFilters{Type: strings.TrimSpace(q.Get("type")), Province: strings.TrimSpace(q.Get("province")),
		Category: strings.TrimSpace(q.Get("category")), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Stale: strings.TrimSpace(q.Get("stale"))}
	f.Types = openinfo.AgencyTypes
	now := openinfo.MonthKey(s.now())
	f.Months = monthOptions(now, 60, lang)
	var err error
	if f.Categories, err = s.db.CatalogTerms(ctx, openinfo.CatalogCategory, true); err != nil {
		return err
	}
	var bad []openinfo.FieldError
	keep := url.Values{}
	if t := openinfo.AgencyType(f.F.Type); t != "" {
		if t.Valid() {
			f.filter.Type = t
			keep.Set("type", f.F.Type)
			f.desc[0] = ui.T(lang, "summary.f.type") + ": " + t.Label(lang)
		} else {
			bad = append(bad, openinfo.FieldError{Field: "type", TH: "ไม่รู้จักประเภทหน่วยงาน \"" + f.F.Type + "\" กรุณาเลือกจากรายการ",
				EN: "Unknown agency type \"" + f.F.Type + "\": choose one from the list."})
		}
	}
	if c := f.F.Province; c != "" {
		if pv, ok := openinfo.ProvinceByCode(c); ok || c == store.NoProvince {
			f.filter.Province = c
			keep.Set("province", c)
			name := ui.T(lang, "comp.noprovince")
			if ok {
				name = pv.Name(lang)
			}
			f.desc[1] = ui.T(lang, "summary.f.province") + ": " + name
		} else {
			bad = append(bad, openinfo.FieldError{Field: "province", TH: "ไม่รู้จักจังหวัดรหัส \"" + c + "\" กรุณาเลือกจากรายการ",
				EN: "Unknown province code \"" + c + "\": choose one from the list."})
		}
	}
	if c := f.F.Category; c != "" {
		i := slices.IndexFunc(f.Categories, func(t openinfo.CatalogTerm) bool { return t.Code == c })
		if i >= 0 {
			f.filter.Category = f.Categories[i].ID
			keep.Set("category", c)
			f.desc[2] = ui.T(lang, "summary.f.category") + ": " + f.Categories[i].Name(lang)
		} else {
			bad = append(bad, openinfo.FieldError{Field: "category", TH: "ไม่รู้จักหมวดหมู่บริการ \"" + c + "\" กรุณาเลือกจากรายการ",
				EN: "Unknown service category \"" + c + "\": choose one from the list."})
		}
	}
	f.StaleYears = staleYears
	if v := f.F.Stale; v != "" {
		n, err := strconv.Atoi(normalizeNumber(v))
		if err != nil || n < 1 || n > maxStaleYears {
			bad = append(bad, openinfo.FieldError{Field: "stale", TH: fmt.Sprintf("จำนวนปีต้องเป็นตัวเลข 1 ถึง %d", maxStaleYears),
				EN: fmt.Sprintf("The number of years must be a whole number from 1 to %d.", maxStaleYears)})
		} else {
			f.StaleYears = n
		}
	}
	if f.StaleYears != staleYears {
		keep.Set("stale", strconv.Itoa(f.StaleYears))
	}
	month := func(field, v string, def int) int {
		if v == "" {
			return def
		}
		p, err := openinfo.ParsePeriod(v)
		if err != nil || p.Kind != openinfo.PeriodMonth {
			bad = append(bad, openinfo.FieldError{Field: field, TH: "เดือนไม่ถูกต้อง กรุณาเลือกจากรายการ (ตัวอย่าง 2569-01)",
				EN: "Not a valid month: choose one from the list (example: 2569-01)."})
			return 0
		}
		return p.Month
	}
	to := month("to", f.F.To, now)
	from := month("from", f.F.From, yearBefore(to))
	if from != 0 && to != 0 && from > to {
		bad = append(bad, openinfo.FieldError{Field: "from", TH: "เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด", EN: "The first month must not come after the last."})
	}
	if len(bad) > 0 {
		f.Refused = true
		return &openinfo.Error{Code: openinfo.EINVALID, TH: "ตัวกรองไม่ถูกต้อง กรุณาตรวจสอบ", EN: "A filter is not valid; please check it.", Fields: bad}
	}
	f.F.From, f.F.To = monthString(from), monthString(to)
	for _, m := range []string{f.F.From, f.F.To} { // a month older than the list stays choosable
		if !slices.ContainsFunc(f.Months, func(o periodOption) bool { return o.Value == m }) {
			p, _ := openinfo.ParsePeriod(m)
			f.Months = append(f.Months, periodOption{Value: m, Label: openinfo.MonthLabel(p.Month, lang)})
		}
	}
	if to != now || from != yearBefore(now) {
		keep.Set("from", f.F.From)
		keep.Set("to", f.F.To)
	}
	f.Narrowed = f.filter.Type != "" || f.filter.Province != "" || f.filter.Category != 0
	f.since, f.until = monthStart(from), monthStart(nextMonthKey(to))
	f.Period = openinfo.MonthLabel(from, lang) + " – " + openinfo.MonthLabel(to, lang)
	f.Keep = template.URL(keep.Encode())
	return nil
}

// yearBefore is the first of the 12 months that end with m (yyyymm).
func yearBefore(m int) int {
	for range 11 {
		m = prevMonth(m)
	}
	return m
}

// StaleLabel names the column of the manuals due for a review.
func (f *summaryFilterForm) StaleLabel(lang string) string {
	return fmt.Sprintf(ui.T(lang, "summary.stale"), f.StaleYears)
}

// title is an export's title lines: the table, the scope, and the filters
// that apply to it (the category only to the manuals' tables), then extra.
func (p *summaryPage) title(lang, key string, category bool, extra ...string) []string {
	var in []string
	for i, d := range p.desc {
		if d != "" && (i < 2 || category) {
			in = append(in, d)
		}
	}
	out := []string{ui.T(lang, key), ui.ScopeName(p.Scope, lang)}
	if len(in) > 0 {
		out = append(out, strings.Join(in, " · "))
	}
	return append(out, extra...)
}

// monthStart is the first instant of month m (yyyymm) in Bangkok.
func monthStart(m int) time.Time {
	return time.Date(m/100, time.Month(m%100), 1, 0, 0, 0, 0, thaitime.Bangkok)
}

func (s *Admin) summaryData(r *http.Request) (*summaryPage, error) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	scope, err := s.summaryScope(r)
	if err != nil {
		return nil, err
	}
	p := &summaryPage{Scope: scope, States: summaryStates, Totals: map[openinfo.RevisionState]int{}}
	if scope != nil {
		p.ScopeID = scope.ID
	}
	if err := s.summaryFilters(r, &p.summaryFilterForm, lang); err != nil {
		return p, err
	}
	p.Query = p.Keep
	if p.ScopeID != 0 {
		p.Query = template.URL("agency=" + itoa(p.ScopeID))
		if p.Keep != "" {
			p.Query += "&" + p.Keep
		}
	}
	f := p.filter
	f.ScopeID = p.ScopeID
	if p.Rows, err = s.db.ManualStates(ctx, f, s.now().AddDate(-p.StaleYears, 0, 0)); err != nil {
		return nil, err
	}
	for _, row := range p.Rows {
		for st, n := range row.Counts {
			p.Totals[st] += n
		}
		p.Total += row.Total
		p.Stale += row.Stale
	}
	if p.Points, err = s.db.PointSummary(ctx, f); err != nil {
		return nil, err
	}
	u := currentUser(ctx)
	p.ShowOfficers = openinfo.Can(u.Officer(), openinfo.ActManageUsers, scopePath(scope))
	if p.ShowOfficers {
		now := s.now()
		p.Roles, p.IdleDays = []openinfo.Role{openinfo.RoleCentral, openinfo.RolePointOfficer, openinfo.RoleAuthor, openinfo.RoleReviewer}, idleDays
		if p.Officers, err = s.db.OfficerSummary(ctx, f, now.AddDate(0, 0, -idleDays), now); err != nil {
			return nil, err
		}
	}
	times, err := s.db.ApprovalTimes(ctx, f, p.since, p.until)
	if err != nil {
		return nil, err
	}
	p.Approval = approvalRows(times)
	for _, row := range p.Points {
		t := &p.PointT
		t.Points += row.Points
		t.Hidden += row.Hidden
		t.NoManuals += row.NoManuals
		t.NoLocation += row.NoLocation
		t.NoHours += row.NoHours
		t.NoRatings += row.NoRatings
	}
	return p, nil
}

// summaryRefused shows the page with the refused filters at their fields
// (for the exports too: a link followed by hand gets the explanation).
func (s *Admin) summaryRefused(w http.ResponseWriter, r *http.Request, p *summaryPage, err error) {
	if p == nil || !p.Refused {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	p.Message, p.Errors = ui.FormErrors(err, lang)
	s.Render(w, r, http.StatusBadRequest, "admin_summary", ui.T(lang, "summary.title"), p)
}

// handleSummary shows the summary page for the officer's scope.
func (s *Admin) handleSummary(w http.ResponseWriter, r *http.Request) {
	p, err := s.summaryData(r)
	if err != nil {
		s.summaryRefused(w, r, p, err)
		return
	}
	lang := ui.LangFrom(r)
	o := currentUser(r.Context()).Officer()
	for _, l := range []struct {
		key, href string
		act       openinfo.Action
	}{
		{"report.ratings", "/admin/reports/ratings", openinfo.ActViewReports},
		{"summary.licences", "/admin/licence-reports/summary", openinfo.ActViewReports},
		{"delays.admin", "/admin/delay-notices", openinfo.ActViewDelays},
		{"summary.egov", "/admin/egov", openinfo.ActViewAudit},
		{"summary.compliance", "/admin/compliance", openinfo.ActManageCompliance},
	} {
		if openinfo.Can(o, l.act, o.AgencyPath) {
			p.Links = append(p.Links, summaryLink{Label: ui.T(lang, l.key), Href: l.href})
		}
	}
	published := func(row store.ManualStateRow) float64 {
		if row.Total == 0 {
			return math.NaN()
		}
		return 100 * float64(row.Counts[openinfo.RevPublished]) / float64(row.Total)
	}
	c := chart.HBars{Title: ui.T(lang, "summary.chart"), Max: 100, Format: func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + "%" }}
	for i, row := range p.Rows {
		if i == 30 { // the chart shows the largest; the table has them all
			break
		}
		c.Labels = append(c.Labels, row.AgencyName)
		c.Values = append(c.Values, published(row))
	}
	if len(c.Labels) > 0 {
		p.Chart = template.HTML(c.SVG()) // the chart escapes every text it writes
	}
	s.Render(w, r, http.StatusOK, "admin_summary", ui.T(lang, "summary.title"), p)
}

// handleSummaryExport writes the manuals report as CSV or Excel.
func (s *Admin) handleSummaryExport(w http.ResponseWriter, r *http.Request) {
	p, err := s.summaryData(r)
	if err != nil {
		s.summaryRefused(w, r, p, err)
		return
	}
	lang := ui.LangFrom(r)
	cols := []export.Column{{Header: ui.T(lang, "summary.agency"), Width: 48}}
	for _, st := range p.States {
		cols = append(cols, export.Column{Header: ui.StateName(st, lang), Kind: export.Integer})
	}
	cols = append(cols, export.Column{Header: ui.T(lang, "summary.total"), Kind: export.Integer},
		export.Column{Header: p.StaleLabel(lang), Kind: export.Integer})
	t := export.Table{Name: ui.T(lang, "summary.manuals"), Title: p.title(lang, "summary.manuals", true), Columns: cols,
		Rows: export.Map(p.Rows, func(row store.ManualStateRow) []export.Value {
			v := []export.Value{export.Str(row.AgencyName)}
			for _, st := range p.States {
				v = append(v, export.Int(int64(row.Counts[st])))
			}
			return append(v, export.Int(int64(row.Total)), export.Int(int64(row.Stale)))
		})}
	pcols := []export.Column{{Header: ui.T(lang, "summary.agency"), Width: 48}}
	for _, k := range pointColumns {
		pcols = append(pcols, export.Column{Header: ui.T(lang, k), Kind: export.Integer})
	}
	pt := export.Table{Name: ui.T(lang, "summary.points"), Title: p.title(lang, "summary.points", false), Columns: pcols,
		Rows: export.Map(p.Points, func(row store.PointSummaryRow) []export.Value {
			return []export.Value{export.Str(row.AgencyName), export.Int(int64(row.Points)), export.Int(int64(row.Hidden)),
				export.Int(int64(row.NoManuals)), export.Int(int64(row.NoLocation)), export.Int(int64(row.NoHours)), export.Int(int64(row.NoRatings))}
		})}
	at := export.Table{Name: ui.T(lang, "summary.approval"), Title: p.title(lang, "summary.approval", true, ui.T(lang, "summary.f.period")+": "+p.Period),
		Columns: []export.Column{{Header: ui.T(lang, "summary.a.step"), Width: 32}, {Header: ui.T(lang, "summary.a.n"), Kind: export.Integer},
			{Header: ui.T(lang, "summary.a.median"), Kind: export.Text}, {Header: ui.T(lang, "summary.a.mean"), Kind: export.Text}, {Header: ui.T(lang, "summary.a.worst"), Kind: export.Text}},
		Rows: export.Map(p.Approval, func(a approvalRow) []export.Value {
			return []export.Value{export.Str(a.State.Label(lang)), export.Int(int64(a.N)), export.Str(a.Median), export.Str(a.Mean), export.Str(a.Worst)}
		})}
	tables := []export.Table{t, pt, at}
	if p.ShowOfficers {
		ocols := []export.Column{{Header: ui.T(lang, "summary.agency"), Width: 48}}
		for _, role := range p.Roles {
			ocols = append(ocols, export.Column{Header: role.Label(lang), Kind: export.Integer})
		}
		for _, k := range []string{"summary.o.idle", "summary.o.waiting", "summary.o.expired"} {
			ocols = append(ocols, export.Column{Header: ui.T(lang, k), Kind: export.Integer})
		}
		tables = append(tables, export.Table{Name: ui.T(lang, "summary.officers"), Title: p.title(lang, "summary.officers", false),
			Columns: ocols, Rows: export.Map(p.Officers, func(row store.OfficerSummaryRow) []export.Value {
				v := []export.Value{export.Str(row.AgencyName)}
				for _, role := range p.Roles {
					v = append(v, export.Int(int64(row.ByRole[role])))
				}
				return append(v, export.Int(int64(row.Idle)), export.Int(int64(row.TokensWaiting)), export.Int(int64(row.TokensExpired)))
			})})
	}
	format := "csv"
	if r.URL.Path == "/admin/summary/manuals.xlsx" {
		format = "xlsx"
	}
	s.exportTables(w, r, "summary", format, tables...)
}

// scopePath is the path authorization checks a summary's scope against.
func scopePath(a *openinfo.Agency) string {
	if a == nil {
		return ""
	}
	return a.Path
}

// pointColumns are the service-point report's counts, in table order.
var pointColumns = []string{"summary.p.points", "summary.p.hidden", "summary.p.nomanuals", "summary.p.nolocation", "summary.p.nohours", "summary.p.noratings"}

func init() {
	ui.AddMessages(map[string][2]string{
		"summary.title":        {"รายงานสรุป", "Summary reports"},
		"summary.intro":        {"รายงานของหน่วยงานและหน่วยงานในสังกัด พร้อมกราฟ ตาราง และส่งออกเป็น Excel หรือ CSV", "The reports of your agency and those under it, each with a chart, a table and exports to Excel or CSV."},
		"summary.others":       {"รายงานอื่น", "Other reports"},
		"summary.licences":     {"รายงานผลการออกใบอนุญาต", "Licence-issuance reports"},
		"summary.manuals":      {"คู่มือสำหรับประชาชนตามสถานะ", "Citizen manuals by state"},
		"summary.agency":       {"หน่วยงาน (รวมหน่วยงานในสังกัด)", "Agency (with those under it)"},
		"summary.total":        {"รวม", "Total"},
		"summary.nomanual":     {"ยังไม่มีคู่มือ", "No manual yet"},
		"summary.country":      {"ทั้งประเทศ", "The whole country"},
		"summary.chart":        {"ร้อยละของกระบวนงานที่เผยแพร่คู่มือแล้ว", "Share of processes with a published manual"},
		"summary.none":         {"ยังไม่มีกระบวนงานในหน่วยงานนี้", "No processes here yet."},
		"summary.points":       {"จุดบริการ", "Service points"},
		"summary.p.points":     {"จุดบริการทั้งหมด", "All points"},
		"summary.p.hidden":     {"ซ่อนจากประชาชน", "Hidden"},
		"summary.p.nomanuals":  {"ไม่มีคู่มือที่ปักหมุด", "No manual pinned"},
		"summary.p.nolocation": {"ไม่มีพิกัดแผนที่", "No map pin"},
		"summary.p.nohours":    {"ไม่มีเวลาทำการ", "No opening hours"},
		"summary.p.noratings":  {"ยังไม่มีผลประเมิน", "Never rated"},
		"summary.p.none":       {"ยังไม่มีจุดบริการในหน่วยงานนี้", "No service points here yet."},
		"summary.officers":     {"เจ้าหน้าที่และ Token", "Officers and tokens"},
		"summary.approval":     {"ระยะเวลาที่คู่มือรอการอนุมัติ (วัน)", "How long manuals waited for approval (days)"},
		"summary.a.period":     {"ขั้นตอนที่เสร็จสิ้น (อนุมัติหรือส่งกลับ) ในช่วง %s", "Steps completed (approved or returned) in %s"},
		"summary.stale":        {"ไม่ได้ปรับปรุงเกิน %d ปี", "Not revised for over %d years"},
		"summary.filters":      {"ตัวกรอง", "Filters"},
		"summary.nomatch":      {"ไม่มีรายการที่ตรงกับตัวกรอง", "Nothing here matches the filters."},
		"summary.egov":         {"ประกาศมาตรา 10 และคำสั่งมาตรา 16", "Section 10 announcements and Section 16 orders"},
		"summary.compliance":   {"ติดตามการดำเนินการตามมาตรา 10 และ 16", "Sections 10 and 16 follow-up"},
		"summary.f.type":       {"ประเภทหน่วยงาน", "Agency type"},
		"summary.f.province":   {"จังหวัด", "Province"},
		"summary.f.category":   {"หมวดหมู่บริการ", "Service category"},
		"summary.f.period":     {"ช่วงเวลา", "Period"},
		"summary.f.from":       {"ระยะเวลาอนุมัติ ตั้งแต่เดือน", "Approval times from"},
		"summary.f.to":         {"ถึงเดือน", "to"},
		"summary.f.stale":      {"คู่มือที่ไม่ได้ปรับปรุงเกิน (ปี, 1–10)", "Manuals not revised for over (years, 1–10)"},
		"summary.f.all":        {"ทั้งหมด", "All"},
		"summary.f.apply":      {"แสดงรายงาน", "Show"},
		"summary.f.clear":      {"ล้างตัวกรอง", "Clear the filters"},
		"summary.f.note":       {"ประเภทหน่วยงานและจังหวัดใช้กับทุกตาราง (จุดบริการ: จังหวัดที่ตั้งของจุดบริการ) หมวดหมู่บริการใช้กับคู่มือและระยะเวลาอนุมัติ ช่วงเวลาใช้กับระยะเวลาอนุมัติ", "The agency type and province apply to every table (service points: the point's own province); the category to the manuals and the approval times; the period to the approval times."},
		"summary.f.refused":    {"ยังไม่แสดงรายงานจนกว่าตัวกรองจะถูกต้อง", "The reports show once the filters are valid."},
		"summary.a.step":       {"ขั้นตอน", "Step"},
		"summary.a.n":          {"จำนวนครั้ง", "Times"},
		"summary.a.median":     {"มัธยฐาน", "Median"},
		"summary.a.mean":       {"เฉลี่ย", "Mean"},
		"summary.a.worst":      {"นานที่สุด", "Longest"},
		"summary.o.idle":       {"ไม่ได้เข้าระบบเกิน 90 วัน", "No sign-in for 90 days"},
		"summary.o.waiting":    {"Token ที่ยังไม่ถูกใช้", "Tokens not yet redeemed"},
		"summary.o.expired":    {"Token ที่หมดอายุโดยไม่ถูกใช้", "Tokens expired unused"},
		"summary.o.none":       {"ยังไม่มีเจ้าหน้าที่หรือ Token ในหน่วยงานนี้", "No officers or tokens here yet."},
	})
}
