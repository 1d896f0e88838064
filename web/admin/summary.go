package admin

import (
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/export/chart"
	"github.com/openinfo/openinfo/store"
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
	// last 12 months.
	Approval []approvalRow
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

// idleDays is how long without a sign-in makes an officer idle in the report;
// staleYears how old a published manual is before it is due for a review.
const (
	idleDays   = 90
	staleYears = 3
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

func (s *Admin) summaryData(r *http.Request) (*summaryPage, error) {
	ctx := r.Context()
	scope, err := s.summaryScope(r)
	if err != nil {
		return nil, err
	}
	p := &summaryPage{Scope: scope, States: summaryStates, Totals: map[openinfo.RevisionState]int{}}
	if scope != nil {
		p.ScopeID = scope.ID
	}
	if p.Rows, err = s.db.ManualStates(ctx, p.ScopeID, time.Now().AddDate(-staleYears, 0, 0)); err != nil {
		return nil, err
	}
	for _, row := range p.Rows {
		for st, n := range row.Counts {
			p.Totals[st] += n
		}
		p.Total += row.Total
		p.Stale += row.Stale
	}
	if p.Points, err = s.db.PointSummary(ctx, p.ScopeID); err != nil {
		return nil, err
	}
	u := currentUser(ctx)
	p.ShowOfficers = openinfo.Can(u.Officer(), openinfo.ActManageUsers, scopePath(scope))
	if p.ShowOfficers {
		now := time.Now()
		p.Roles, p.IdleDays = []openinfo.Role{openinfo.RoleCentral, openinfo.RolePointOfficer, openinfo.RoleAuthor, openinfo.RoleReviewer}, idleDays
		if p.Officers, err = s.db.OfficerSummary(ctx, p.ScopeID, now.AddDate(0, 0, -idleDays), now); err != nil {
			return nil, err
		}
	}
	times, err := s.db.ApprovalTimes(ctx, scopePath(scope), time.Now().AddDate(-1, 0, 0))
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

// handleSummary shows the summary page for the officer's scope.
func (s *Admin) handleSummary(w http.ResponseWriter, r *http.Request) {
	p, err := s.summaryData(r)
	if err != nil {
		s.Fail(w, r, err)
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
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	cols := []export.Column{{Header: ui.T(lang, "summary.agency"), Width: 48}}
	for _, st := range p.States {
		cols = append(cols, export.Column{Header: ui.StateName(st, lang), Kind: export.Integer})
	}
	cols = append(cols, export.Column{Header: ui.T(lang, "summary.total"), Kind: export.Integer},
		export.Column{Header: ui.T(lang, "summary.stale"), Kind: export.Integer})
	t := export.Table{Name: ui.T(lang, "summary.manuals"), Title: []string{ui.T(lang, "summary.manuals"), ui.ScopeName(p.Scope, lang)}, Columns: cols,
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
	pt := export.Table{Name: ui.T(lang, "summary.points"), Title: []string{ui.T(lang, "summary.points"), ui.ScopeName(p.Scope, lang)}, Columns: pcols,
		Rows: export.Map(p.Points, func(row store.PointSummaryRow) []export.Value {
			return []export.Value{export.Str(row.AgencyName), export.Int(int64(row.Points)), export.Int(int64(row.Hidden)),
				export.Int(int64(row.NoManuals)), export.Int(int64(row.NoLocation)), export.Int(int64(row.NoHours)), export.Int(int64(row.NoRatings))}
		})}
	at := export.Table{Name: ui.T(lang, "summary.approval"), Title: []string{ui.T(lang, "summary.approval"), ui.ScopeName(p.Scope, lang)},
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
		tables = append(tables, export.Table{Name: ui.T(lang, "summary.officers"), Title: []string{ui.T(lang, "summary.officers"), ui.ScopeName(p.Scope, lang)},
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
		"summary.approval":     {"ระยะเวลาที่คู่มือรอการอนุมัติ (12 เดือนล่าสุด, วัน)", "How long manuals waited for approval (last 12 months, days)"},
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
