package satisfaction

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/export/chart"
	"github.com/openinfo/openinfo/store"
)

// pick returns th or en by lang.
func pick(lang, th, en string) string {
	if lang == "en" {
		return en
	}
	return th
}

// Round2 rounds to two decimals, as reports show means and percents.
func Round2(v float64) float64 { return math.Round(v*100) / 100 }

// columns are the columns of a stats table, after first.
func (rep *Report) columns(lang string, first ...export.Column) []export.Column {
	n := export.Column{Kind: export.Integer}
	dec := export.Column{Kind: export.Decimal, Places: 2}
	with := func(c export.Column, h string) export.Column { c.Header = h; return c }
	cols := append([]export.Column{}, first...)
	cols = append(cols, with(n, pick(lang, "จำนวนผู้ประเมิน", "Ratings")), with(dec, pick(lang, "ค่าเฉลี่ยรวม", "Overall mean")), with(dec, pick(lang, "ร้อยละรวม", "Overall %")))
	for _, d := range rep.Dims {
		name := d.Label(lang)
		cols = append(cols, with(dec, name+" "+pick(lang, "ค่าเฉลี่ย", "mean")), with(dec, name+" "+pick(lang, "ร้อยละ", "%")))
		for v := 1; v <= 5; v++ {
			cols = append(cols, with(n, fmt.Sprintf("%s = %d", name, v)))
		}
	}
	return cols
}

// values appends the stats cells of a row to row.
func (rep *Report) values(row []export.Value, s openinfo.RatingStats) []export.Value {
	row = append(row, export.Int(s.N), export.Float(Round2(s.OverallMean())), export.Float(Round2(s.OverallPercent())))
	for _, d := range rep.Dims {
		row = append(row, export.Float(Round2(s.Mean(d))), export.Float(Round2(s.Percent(d))))
		for i := 0; i < 5; i++ {
			row = append(row, export.Int(s.Dist[d][i]))
		}
	}
	return row
}

type section struct {
	Kind string // CSV "type" column and Excel sheet name
	Rows []Row
}

func (rep *Report) sections(lang string) []section {
	total := Row{NameTH: "รวม", NameEN: "Total", RatingStats: rep.Total}
	out := []section{{pick(lang, "รวม", "Total"), []Row{total}}, {pick(lang, "รายเดือน", "Months"), rep.Months}}
	if len(rep.Agencies) > 0 {
		out = append(out, section{pick(lang, "หน่วยงาน", "Agencies"), rep.Agencies})
	}
	if len(rep.Points) > 0 {
		out = append(out, section{pick(lang, "จุดบริการ", "Service points"), rep.Points})
	}
	if len(rep.Processes) > 0 {
		out = append(out, section{pick(lang, "กระบวนงาน", "Processes"), rep.Processes})
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Table is the report as one table, as the CSV has it: a "type" column
// says which breakdown a row belongs to; comments follow as rows of their
// own, their text in the last column.
func (rep *Report) Table(lang string) export.Table {
	id, name := export.Column{Header: pick(lang, "รหัส", "ID"), Kind: export.Integer}, export.Column{Header: pick(lang, "ชื่อ", "Name")}
	cols := rep.columns(lang, export.Column{Header: pick(lang, "ประเภท", "Type")}, id, name)
	cols = append(cols, export.Column{Header: pick(lang, "ข้อเสนอแนะ", "Comment")})
	var parts []export.Rows
	for _, sec := range rep.sections(lang) {
		parts = append(parts, export.Map(sec.Rows, func(r Row) []export.Value {
			return rep.values([]export.Value{export.Str(sec.Kind), export.Int(r.ID), export.Str(r.Name(lang))}, r.RatingStats)
		}))
	}
	kind := pick(lang, "ข้อเสนอแนะ", "Comment")
	rec := make([]export.Value, len(cols))
	parts = append(parts, export.Map(rep.Comments, func(c store.RatingComment) []export.Value {
		clear(rec)
		rec[0], rec[1], rec[2] = export.Str(kind), export.Int(c.ID), export.Str(pick(lang, c.PointTH, firstNonEmpty(c.PointEN, c.PointTH)))
		rec[len(rec)-1] = export.Str(c.Comment)
		return rec
	}))
	return export.Table{Name: pick(lang, "รายงานผลประเมินความพึงพอใจ", "Satisfaction report"),
		Title: []string{pick(lang, "รายงานผลประเมินความพึงพอใจ", "Satisfaction report"), rep.Title(lang), rep.flaggedNote(lang)}, Columns: cols, Rows: export.Concat(parts...)}
}

// flaggedNote says whether the numbers count the ratings flagged as sent in
// a burst, so a file read later says what the page said.
func (rep *Report) flaggedNote(lang string) string {
	n := rep.Flagged.N
	switch {
	case n == 0:
		return pick(lang, "ไม่มีผลประเมินที่ถูกตั้งข้อสังเกต", "No ratings flagged")
	case rep.Query.IncludeSuspect:
		return fmt.Sprintf(pick(lang, "รวมผลประเมินที่ถูกตั้งข้อสังเกต (ส่งถี่ผิดปกติ) %d รายการ", "Includes %d ratings flagged as sent in a burst"), n)
	}
	return fmt.Sprintf(pick(lang, "ไม่รวมผลประเมินที่ถูกตั้งข้อสังเกต (ส่งถี่ผิดปกติ) %d รายการ", "Leaves out %d ratings flagged as sent in a burst"), n)
}

// Sheets is the report as a workbook has it: one sheet per breakdown, then
// one of comments.
func (rep *Report) Sheets(lang string) []export.Table {
	var out []export.Table
	for _, sec := range rep.sections(lang) {
		cols := rep.columns(lang, export.Column{Header: pick(lang, "รหัส", "ID"), Kind: export.Integer}, export.Column{Header: pick(lang, "ชื่อ", "Name"), Width: 48})
		out = append(out, export.Table{Name: sec.Kind, Title: []string{rep.Title(lang), rep.flaggedNote(lang)}, Columns: cols,
			Rows: export.Map(sec.Rows, func(r Row) []export.Value {
				return rep.values([]export.Value{export.Int(r.ID), export.Str(r.Name(lang))}, r.RatingStats)
			})})
	}
	return append(out, export.Table{
		Name: pick(lang, "ข้อเสนอแนะ", "Comments"),
		Columns: []export.Column{{Header: pick(lang, "รหัส", "ID"), Kind: export.Integer}, {Header: pick(lang, "จุดบริการ", "Service point"), Width: 40},
			{Header: pick(lang, "ค่าเฉลี่ย", "Mean"), Kind: export.Decimal, Places: 2}, {Header: pick(lang, "ข้อเสนอแนะ", "Comment"), Width: 80}},
		Rows: export.Map(rep.Comments, func(c store.RatingComment) []export.Value {
			return []export.Value{export.Int(c.ID), export.Str(pick(lang, c.PointTH, firstNonEmpty(c.PointEN, c.PointTH))), export.Float(Round2(c.Mean)), export.Str(c.Comment)}
		}),
	})
}

// WriteCSV writes the report as one CSV table (Table), UTF-8 with a
// byte-order mark so that Excel opens Thai text correctly.
func (rep *Report) WriteCSV(w io.Writer, lang string) error {
	return export.WriteCSV(w, rep.Table(lang))
}

// WriteXLSX writes the report as an Excel workbook (Sheets).
func (rep *Report) WriteXLSX(w io.Writer, lang string) error {
	return export.WriteXLSX(w, rep.Sheets(lang)...)
}

// shortMonth labels month m on the chart's axis: "ต.ค. 67", "Oct 24".
func shortMonth(m int, lang string) string {
	f := strings.Fields(openinfo.MonthLabel(m, lang))
	if len(f) != 2 || len(f[1]) != 4 {
		return strings.Join(f, " ")
	}
	return f[0] + " " + f[1][2:]
}

// TrendSVG draws TrendChart.
func (rep *Report) TrendSVG(lang string) []byte { return rep.TrendChart(lang).SVG() }

// TrendChart is the overall percent per month as a line over bars of the
// number of ratings; the axis names months short, tooltips in full.
func (rep *Report) TrendChart(lang string) *chart.Chart {
	c := &chart.Chart{
		Title: pick(lang, "แนวโน้มร้อยละความพึงพอใจรายเดือน", "Monthly satisfaction (%) trend"),
		Left: chart.Axis{Max: 100, Ticks: []float64{0, 20, 40, 60, 80, 100}, Grid: true, Color: "#1f4e8c",
			Format: func(v float64) string { return fmt.Sprintf("%.0f%%", v) }},
		Right:  chart.Axis{Format: func(v float64) string { return fmt.Sprintf("%.0f", v) }},
		Legend: pick(lang, "— ร้อยละความพึงพอใจ (ค่าเฉลี่ย/5×100)   ▮ จำนวนผู้ประเมิน", "— satisfaction % (mean/5×100)   ▮ number of ratings"),
	}
	count := chart.Series{Kind: chart.Bars, Right: true, Color: "#d9e4f2", Format: c.Right.Format}
	pct := chart.Series{Kind: chart.Line, Color: "#1f4e8c", Format: func(v float64) string { return fmt.Sprintf("%.2f%%", v) }}
	for _, m := range rep.Months {
		c.Labels = append(c.Labels, shortMonth(int(m.ID), lang))
		c.Tips = append(c.Tips, m.Name(lang))
		count.Values = append(count.Values, float64(m.N))
		p := math.NaN() // no point for a month without ratings
		if m.N > 0 {
			p = m.OverallPercent()
		}
		pct.Values = append(pct.Values, p)
	}
	c.Series = []chart.Series{count, pct}
	return c
}
