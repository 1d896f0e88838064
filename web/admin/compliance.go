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

// Back office: OPDC's follow-up of Sections 10 and 16 (seed 004: "941
// agencies = 11%"). The share of the agencies that must comply with a
// current record of each section, for the country and by agency type,
// ministry and province; who is still missing and when they were reminded;
// the cumulative line with the deadline; every table as CSV and Excel; and
// the settings (who must comply, the deadline, the reminder interval).

type compliancePage struct {
	openinfo.EgovCompliance
	Settings   openinfo.EgovSettings
	Lang       string
	Ministry   int64  // ?ministry=: the ministry's subtree only
	Type       string // ?type=: one agency type only
	Province   string // ?province=: one province (store.NoProvince: none recorded)
	Ministries []*openinfo.Agency
	Refused    bool // a filter was refused: the form only, with its message
	remFilter  store.EgovReminderFilter
	desc       []string // the filters in force, named, for the exports' titles
	Missing    []complianceMissing
	Reminders  []complianceReminder
	RPager     *ui.Pager
	Chart      template.HTML
	Query      template.URL // the filters, for the exports
	// The settings form as typed (kept when refused).
	Set      settingsForm
	AllTypes any
	ui.Form
}

type complianceMissing struct {
	openinfo.EgovAgencyStatus
	LastReminded time.Time
}

type complianceReminder struct {
	openinfo.EgovReminder
	Agency string
}

type settingsForm struct {
	Types    map[string]bool
	Deadline string
	Days     string
	Version  int64
}

// Name is the agency's name in lang.
func (m complianceMissing) Name(lang string) string {
	if lang == ui.LangEN && m.NameEN != "" {
		return m.NameEN
	}
	return m.NameTH
}

// Sections lists what the agency lacks: "10, 16".
func (m complianceMissing) Sections() string { return sectionList(m.MissingSections()) }

func sectionList(ss []openinfo.EgovSection) string {
	var out []string
	for _, s := range ss {
		out = append(out, strconv.Itoa(int(s)))
	}
	return strings.Join(out, ", ")
}

// Pct writes n as a share of the group's total: "11.0".
func (p *compliancePage) Pct(s openinfo.EgovShare, n int) string {
	return fmt.Sprintf("%.1f", s.Percent(n))
}

// MonthLabel names a yyyymm month.
func (p *compliancePage) MonthLabel(m int) string { return openinfo.MonthLabel(m, p.Lang) }

func (s *Admin) compliance(r *http.Request) (*compliancePage, error) {
	ctx := r.Context()
	q := r.URL.Query()
	p := &compliancePage{Lang: ui.LangFrom(r), RPager: ui.NewPager(r, "rpage", 50), AllTypes: openinfo.AgencyTypes}
	var err error
	if p.Settings, err = s.db.EgovSettings(ctx); err != nil {
		return nil, err
	}
	p.Set = settingsForm{Types: map[string]bool{}, Deadline: egovDateText(p.Settings.Deadline),
		Days: strconv.Itoa(p.Settings.ReminderDays), Version: p.Settings.Version}
	for _, t := range p.Settings.AgencyTypes {
		p.Set.Types[string(t)] = true
	}
	// The filters narrow every table, the totals, the series and the
	// exports alike; a value the form does not offer is refused at its field.
	if p.Ministries, _, err = s.db.Agencies(ctx, store.AgencyFilter{Type: openinfo.AgencyMinistry, Roots: true, Limit: 500}); err != nil {
		return nil, err
	}
	var bad []openinfo.FieldError
	vals := url.Values{}
	counted := p.Settings
	if v := strings.TrimSpace(q.Get("type")); v != "" {
		t := openinfo.AgencyType(v)
		switch {
		case slices.Contains(p.Settings.AgencyTypes, t):
			p.Type, counted.AgencyTypes = string(t), []openinfo.AgencyType{t}
			vals.Set("type", p.Type)
			p.desc = append(p.desc, ui.T(p.Lang, "comp.type")+": "+t.Label(p.Lang))
		case t.Valid():
			bad = append(bad, openinfo.FieldError{Field: "type", TH: "หน่วยงานประเภท" + t.Label("th") + "ไม่อยู่ในกลุ่มที่ต้องดำเนินการ (ดูการตั้งค่า)",
				EN: t.Label("en") + " agencies need not comply (see the settings)."})
		default:
			bad = append(bad, openinfo.FieldError{Field: "type", TH: "ไม่รู้จักประเภทหน่วยงาน \"" + v + "\" กรุณาเลือกจากรายการ",
				EN: "Unknown agency type \"" + v + "\": choose one from the list."})
		}
	}
	path := ""
	if v := strings.TrimSpace(q.Get("ministry")); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(p.Ministries, func(a *openinfo.Agency) bool { return a.ID == id })
		if i >= 0 {
			p.Ministry, path = id, p.Ministries[i].Path
			vals.Set("ministry", itoa(id))
			p.desc = append(p.desc, ui.T(p.Lang, "comp.ministry")+": "+p.Ministries[i].Name(p.Lang))
		} else {
			bad = append(bad, openinfo.FieldError{Field: "ministry", TH: "ไม่พบกระทรวง \"" + v + "\" กรุณาเลือกจากรายการ",
				EN: "No ministry \"" + v + "\": choose one from the list."})
		}
	}
	if c := strings.TrimSpace(q.Get("province")); c != "" {
		if pv, ok := openinfo.ProvinceByCode(c); ok || c == store.NoProvince {
			p.Province = c
			vals.Set("province", c)
			name := ui.T(p.Lang, "comp.noprovince")
			if ok {
				name = pv.Name(p.Lang)
			}
			p.desc = append(p.desc, ui.T(p.Lang, "comp.province")+": "+name)
		} else {
			bad = append(bad, openinfo.FieldError{Field: "province", TH: "ไม่รู้จักจังหวัดรหัส \"" + c + "\" กรุณาเลือกจากรายการ",
				EN: "Unknown province code \"" + c + "\": choose one from the list."})
		}
	}
	if len(bad) > 0 {
		p.Refused = true
		return p, &openinfo.Error{Code: openinfo.EINVALID, TH: "ตัวกรองไม่ถูกต้อง กรุณาตรวจสอบ", EN: "A filter is not valid; please check it.", Fields: bad}
	}
	p.Query = template.URL(vals.Encode())
	if p.EgovCompliance, err = s.db.EgovComplianceIn(ctx, counted, store.EgovComplianceFilter{Path: path, Province: p.Province}); err != nil {
		return nil, err
	}
	last, err := s.db.LastEgovReminders(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range p.EgovCompliance.Missing {
		p.Missing = append(p.Missing, complianceMissing{EgovAgencyStatus: a, LastReminded: last[a.AgencyID]})
	}
	p.remFilter = store.EgovReminderFilter{AgencyPath: path, AgencyType: openinfo.AgencyType(p.Type), Province: p.Province}
	rf := p.remFilter
	rf.Limit, rf.Offset = p.RPager.Size, p.RPager.Offset()
	rems, total, err := s.db.EgovReminders(ctx, rf)
	if err != nil {
		return nil, err
	}
	p.RPager.SetTotal(total)
	names := map[int64]string{}
	for _, m := range rems {
		if _, ok := names[m.AgencyID]; !ok {
			if a, err := s.db.Agency(ctx, m.AgencyID); err == nil {
				names[m.AgencyID] = a.Name(p.Lang)
			}
		}
		p.Reminders = append(p.Reminders, complianceReminder{EgovReminder: m, Agency: names[m.AgencyID]})
	}
	p.Chart = template.HTML(p.chart().SVG()) // numbers and escaped labels only
	return p, nil
}

// chart is the cumulative count of agencies with each record per month. The
// chart package has no vertical marker, so the deadline's month carries a
// bar to the top of the axis, named in the tooltip and the legend; a
// deadline after the last month extends the axis to it.
func (p *compliancePage) chart() *chart.Chart {
	l := p.Lang
	c := &chart.Chart{Title: ui.T(l, "comp.chart"),
		Left: chart.Axis{Grid: true, Format: func(v float64) string { return strconv.Itoa(int(v)) }}}
	months := []int{}
	for _, m := range p.Series {
		months = append(months, m.Month)
	}
	dl := 0
	if !p.Deadline.IsZero() {
		dl = openinfo.MonthKey(p.Deadline)
		for len(months) > 0 && months[len(months)-1] < dl && len(months) < 120 {
			months = append(months, nextMonthKey(months[len(months)-1]))
		}
	}
	s10 := chart.Series{Name: ui.T(l, "comp.with10"), Kind: chart.Line, Color: "#1f4e8c"}
	s16 := chart.Series{Name: ui.T(l, "comp.with16"), Kind: chart.Line, Color: "#2e7d32"}
	both := chart.Series{Name: ui.T(l, "comp.both"), Kind: chart.Line, Color: "#b26a00"}
	mark := chart.Series{Name: ui.T(l, "comp.deadline"), Kind: chart.Bars, Color: "#f3c7c7",
		Format: func(float64) string { return thaitime.FormatDate(p.Deadline, l) }} // its tooltip: the date, not the bar's height
	top := float64(max(p.Total, 1))
	c.Left.Max = top
	marked := false
	for i, m := range months {
		c.Labels = append(c.Labels, openinfo.MonthLabel(m, l))
		if i < len(p.Series) {
			s10.Values = append(s10.Values, float64(p.Series[i].With10))
			s16.Values = append(s16.Values, float64(p.Series[i].With16))
			both.Values = append(both.Values, float64(p.Series[i].Both))
		} else {
			s10.Values, s16.Values, both.Values = append(s10.Values, math.NaN()), append(s16.Values, math.NaN()), append(both.Values, math.NaN())
		}
		if m == dl {
			mark.Values, marked = append(mark.Values, top), true
		} else {
			mark.Values = append(mark.Values, math.NaN())
		}
	}
	c.Series = []chart.Series{s10, s16, both}
	c.Legend = ui.T(l, "comp.legend")
	if marked {
		c.Series = append([]chart.Series{mark}, c.Series...)
		c.Legend += " " + fmt.Sprintf(ui.T(l, "comp.legend.deadline"), thaitime.FormatDate(p.Deadline, l))
	} else if !p.Deadline.IsZero() {
		c.Legend += " " + fmt.Sprintf(ui.T(l, "comp.legend.off"), thaitime.FormatDate(p.Deadline, l))
	}
	return c
}

func nextMonthKey(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

// handleCompliance shows the dashboard and the settings form.
func (s *Admin) handleCompliance(w http.ResponseWriter, r *http.Request) {
	p, err := s.compliance(r)
	if err != nil {
		s.complianceRefused(w, r, p, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_compliance", ui.T(p.Lang, "comp.title"), p)
}

// complianceRefused shows the page with the refused filters at their
// fields (for the exports too: a link followed by hand gets the
// explanation).
func (s *Admin) complianceRefused(w http.ResponseWriter, r *http.Request, p *compliancePage, err error) {
	if p == nil || !p.Refused {
		s.Fail(w, r, err)
		return
	}
	p.Message, p.Errors = ui.FormErrors(err, p.Lang)
	s.Render(w, r, http.StatusBadRequest, "admin_compliance", ui.T(p.Lang, "comp.title"), p)
}

// handleComplianceSettings saves who must comply, the deadline and the
// reminder interval over the version the officer read.
func (s *Admin) handleComplianceSettings(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.compliance(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	title := ui.T(p.Lang, "comp.title")
	f := settingsForm{Types: map[string]bool{}, Deadline: r.PostFormValue("deadline"), Days: strings.TrimSpace(r.PostFormValue("reminder_days"))}
	f.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	set := openinfo.EgovSettings{Version: f.Version}
	for _, t := range r.PostForm["agency_types"] {
		f.Types[t] = true
		set.AgencyTypes = append(set.AgencyTypes, openinfo.AgencyType(t))
	}
	p.Set = f
	var bad []openinfo.FieldError
	set.Deadline, bad = dateField(f.Deadline, "deadline", false, bad)
	if f.Days != "" {
		n, err := strconv.Atoi(normalizeNumber(f.Days))
		if err != nil {
			bad = append(bad, openinfo.FieldError{Field: "reminder_days", TH: "กรุณากรอกจำนวนวันเป็นตัวเลข", EN: "Enter the number of days in digits."})
		}
		set.ReminderDays = n
	}
	if len(bad) == 0 {
		err = s.db.SetEgovSettings(ctx, &set, currentUser(ctx).Officer())
	} else {
		err = &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบข้อมูลที่กรอก", EN: "Please check what you entered.", Fields: bad}
	}
	if err != nil {
		s.refused(w, r, err, &p.Form, "admin_compliance", title, p)
		return
	}
	http.Redirect(w, r, "/admin/compliance#settings", http.StatusSeeOther)
}

// tables are every table of the page, with its filters, for the exports.
func (p *compliancePage) tables() []export.Table {
	l := p.Lang
	head := []string{ui.T(l, "comp.title"), thaitime.FormatDate(time.Now(), l)}
	if len(p.desc) > 0 {
		head = append(head, strings.Join(p.desc, " · "))
	}
	shareCols := func(first string) []export.Column {
		return []export.Column{{Header: first, Width: 40}, {Header: ui.T(l, "comp.total"), Kind: export.Integer},
			{Header: ui.T(l, "comp.with10"), Kind: export.Integer}, {Header: ui.T(l, "comp.with10") + " %", Kind: export.Decimal, Places: 1},
			{Header: ui.T(l, "comp.with16"), Kind: export.Integer}, {Header: ui.T(l, "comp.with16") + " %", Kind: export.Decimal, Places: 1},
			{Header: ui.T(l, "comp.both"), Kind: export.Integer}, {Header: ui.T(l, "comp.both") + " %", Kind: export.Decimal, Places: 1}}
	}
	shareRow := func(name string, s openinfo.EgovShare) []export.Value {
		return []export.Value{export.Str(name), export.Int(int64(s.Total)), export.Int(int64(s.With10)), export.Float(s.Percent(s.With10)),
			export.Int(int64(s.With16)), export.Float(s.Percent(s.With16)), export.Int(int64(s.Both)), export.Float(s.Percent(s.Both))}
	}
	group := func(key string, gs []openinfo.EgovGroup) export.Table {
		return export.Table{Name: ui.T(l, key), Title: append(slices.Clone(head), ui.T(l, key)), Columns: shareCols(ui.T(l, key)),
			Rows: export.Map(gs, func(g openinfo.EgovGroup) []export.Value { return shareRow(g.In(l), g.EgovShare) })}
	}
	country := export.Table{Name: ui.T(l, "comp.country"), Title: head, Columns: shareCols(""),
		Rows: export.SliceRows([][]export.Value{shareRow(ui.T(l, "comp.country"), p.EgovShare)})}
	missing := export.Table{Name: ui.T(l, "comp.missing"), Title: append(slices.Clone(head), ui.T(l, "comp.missing")),
		Columns: []export.Column{{Header: "ID", Kind: export.Integer}, {Header: ui.T(l, "egova.agency"), Width: 40}, {Header: ui.T(l, "comp.type"), Width: 20},
			{Header: ui.T(l, "comp.province"), Width: 16}, {Header: ui.T(l, "comp.lacks")}, {Header: ui.T(l, "comp.reminded"), Kind: export.DateTime}},
		Rows: export.Map(p.Missing, func(m complianceMissing) []export.Value {
			prov := ""
			if pv, ok := openinfo.ProvinceByCode(m.Province); ok {
				prov = pv.Name(l)
			}
			return []export.Value{export.Int(m.AgencyID), export.Str(m.Name(l)), export.Str(m.Type.Label(l)), export.Str(prov),
				export.Str(m.Sections()), export.Time(m.LastReminded)}
		})}
	series := export.Table{Name: ui.T(l, "comp.chart"), Title: append(slices.Clone(head), ui.T(l, "comp.chart")),
		Columns: []export.Column{{Header: ui.T(l, "comp.month"), Width: 14}, {Header: ui.T(l, "comp.with10"), Kind: export.Integer},
			{Header: ui.T(l, "comp.with16"), Kind: export.Integer}, {Header: ui.T(l, "comp.both"), Kind: export.Integer}},
		Rows: export.Map(p.Series, func(m openinfo.EgovMonth) []export.Value {
			return []export.Value{export.Str(openinfo.MonthLabel(m.Month, l)), export.Int(int64(m.With10)), export.Int(int64(m.With16)), export.Int(int64(m.Both))}
		})}
	reminders := export.Table{Name: ui.T(l, "comp.reminders"), Title: append(slices.Clone(head), ui.T(l, "comp.reminders")),
		Columns: []export.Column{{Header: ui.T(l, "comp.sent"), Kind: export.DateTime}, {Header: ui.T(l, "egova.agency"), Width: 40},
			{Header: ui.T(l, "comp.email"), Width: 30}, {Header: ui.T(l, "comp.lacks")}, {Header: ui.T(l, "comp.deadline"), Kind: export.Date}},
		Rows: export.Map(p.Reminders, func(m complianceReminder) []export.Value {
			return []export.Value{export.Time(m.SentAt), export.Str(m.Agency), export.Str(m.Email), export.Str(sectionList(m.Missing)), export.Day(m.Deadline)}
		})}
	return []export.Table{country, group("comp.bytype", p.ByType), group("comp.byministry", p.ByMinistry),
		group("comp.byprovince", p.ByProvince), missing, series, reminders}
}

// complianceExport writes every table of the page as CSV or Excel; the
// reminders are all of them, not the page's 50.
func complianceExport(format string) func(*Admin, http.ResponseWriter, *http.Request) {
	return func(s *Admin, w http.ResponseWriter, r *http.Request) {
		p, err := s.compliance(r)
		if err != nil {
			s.complianceRefused(w, r, p, err)
			return
		}
		// Every reminder, a page of the store's at a time (it serves at most 500).
		p.Reminders = p.Reminders[:0]
		names := map[int64]string{}
		for off := 0; ; off += 500 {
			rf := p.remFilter
			rf.Limit, rf.Offset = 500, off
			rems, total, err := s.db.EgovReminders(r.Context(), rf)
			if err != nil {
				s.Fail(w, r, err)
				return
			}
			for _, m := range rems {
				if _, ok := names[m.AgencyID]; !ok {
					names[m.AgencyID] = agencyNameOf(r, s.db, m.AgencyID, p.Lang)
				}
				p.Reminders = append(p.Reminders, complianceReminder{EgovReminder: m, Agency: names[m.AgencyID]})
			}
			if len(rems) == 0 || off+len(rems) >= total {
				break
			}
		}
		s.exportTables(w, r, "egov-compliance-"+time.Now().Format("2006-01-02"), format, p.tables()...)
	}
}

func agencyNameOf(r *http.Request, db *store.DB, id int64, lang string) string {
	a, err := db.Agency(r.Context(), id)
	if err != nil {
		return ""
	}
	return a.Name(lang)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"comp.title":            {"ติดตามการดำเนินการตามมาตรา 10 และ 16", "Sections 10 and 16 follow-up"},
		"comp.intro":            {"สัดส่วนของหน่วยงานที่ต้องดำเนินการซึ่งมีประกาศตามมาตรา 10 และคำสั่งตามมาตรา 16 ที่เผยแพร่และยังมีผลอยู่", "The share of the agencies that must comply with a published, current Section 10 announcement and Section 16 order."},
		"comp.country":          {"ทั้งประเทศ", "Whole country"},
		"comp.total":            {"หน่วยงานที่ต้องดำเนินการ", "Must comply"},
		"comp.with10":           {"มีประกาศมาตรา 10", "With Section 10"},
		"comp.with16":           {"มีคำสั่งมาตรา 16", "With Section 16"},
		"comp.both":             {"ครบทั้งสองมาตรา", "With both"},
		"comp.lacking":          {"ยังไม่ครบ", "Still missing"},
		"comp.bytype":           {"ตามประเภทหน่วยงาน", "By agency type"},
		"comp.byministry":       {"ตามกระทรวง", "By ministry"},
		"comp.byprovince":       {"ตามจังหวัด", "By province"},
		"comp.missing":          {"หน่วยงานที่ยังดำเนินการไม่ครบ", "Agencies still missing a record"},
		"comp.nomissing":        {"ทุกหน่วยงานดำเนินการครบแล้ว", "Every agency has both records."},
		"comp.type":             {"ประเภทหน่วยงาน", "Agency type"},
		"comp.province":         {"จังหวัด", "Province"},
		"comp.ministry":         {"กระทรวง", "Ministry"},
		"comp.lacks":            {"มาตราที่ยังขาด", "Sections missing"},
		"comp.reminded":         {"แจ้งเตือนล่าสุด", "Last reminded"},
		"comp.reminders":        {"การแจ้งเตือนที่ส่งแล้ว", "Reminders sent"},
		"comp.noreminders":      {"ยังไม่มีการแจ้งเตือน", "No reminder sent yet."},
		"comp.sent":             {"ส่งเมื่อ", "Sent"},
		"comp.email":            {"ส่งถึง", "To"},
		"comp.deadline":         {"วันครบกำหนด", "Deadline"},
		"comp.month":            {"เดือน", "Month"},
		"comp.chart":            {"จำนวนหน่วยงานที่ดำเนินการแล้วสะสมรายเดือน", "Agencies with a record, cumulative by month"},
		"comp.legend":           {"เส้นน้ำเงิน: มาตรา 10 · เส้นเขียว: มาตรา 16 · เส้นส้ม: ครบทั้งสองมาตรา", "Blue: Section 10 · green: Section 16 · orange: both"},
		"comp.legend.deadline":  {"· แถบแดงจาง: เดือนที่ครบกำหนด (%s)", "· pale red bar: the deadline's month (%s)"},
		"comp.legend.off":       {"· วันครบกำหนด %s อยู่นอกช่วงของกราฟ", "· the deadline, %s, is outside the chart"},
		"comp.all":              {"ทั้งหมด", "All"},
		"comp.noprovince":       {"ไม่ระบุจังหวัด", "No province"},
		"comp.filter":           {"กรอง", "Filter"},
		"comp.filter.note":      {"ตัวกรองใช้กับทุกตาราง ยอดรวม กราฟ และไฟล์ส่งออก (จังหวัด: จังหวัดของหน่วยงาน)", "The filters apply to every table, the totals, the chart and the exports (province: the agency's)."},
		"comp.filter.refused":   {"ยังไม่แสดงผลจนกว่าตัวกรองจะถูกต้อง", "The dashboard shows once the filters are valid."},
		"comp.settings":         {"การตั้งค่า", "Settings"},
		"comp.types":            {"ประเภทหน่วยงานที่ต้องดำเนินการ", "Agency types that must comply"},
		"comp.set.deadline":     {"วันครบกำหนด (วัน/เดือน/ปี พ.ศ.)", "Deadline (d/m/yyyy BE)"},
		"comp.set.days":         {"แจ้งเตือนหน่วยงานที่ยังไม่ครบทุกกี่วัน (0 = ไม่แจ้งเตือน)", "Remind agencies still missing every how many days (0: never)"},
		"comp.save":             {"บันทึกการตั้งค่า", "Save settings"},
		"comp.defaults":         {"ยังใช้ค่าเริ่มต้น", "The defaults are in force"},
		"comp.chart.alt":        {"ตัวเลขของกราฟอยู่ในไฟล์ส่งออก (ตาราง \"จำนวนหน่วยงานที่ดำเนินการแล้วสะสมรายเดือน\")", "The chart's numbers are in the exports (the table \"Agencies with a record, cumulative by month\")."},
		"comp.nodata":           {"ยังไม่มีหน่วยงานใดเผยแพร่ประกาศหรือคำสั่ง", "No agency has published a record yet."},
		"comp.records":          {"ดูประกาศ/คำสั่ง", "See records"},
		"comp.percent":          {"ร้อยละ", "%"},
		"comp.settings.updated": {"แก้ไขล่าสุด", "Last changed"},
	})
}
