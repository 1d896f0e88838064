package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
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

// header is the column heading of a stats table.
func (rep *Report) header(lang string, first ...string) []string {
	h := append([]string{}, first...)
	h = append(h, pick(lang, "จำนวนผู้ประเมิน", "Ratings"), pick(lang, "ค่าเฉลี่ยรวม", "Overall mean"), pick(lang, "ร้อยละรวม", "Overall %"))
	for _, d := range rep.Dims {
		name := d.Label(lang)
		h = append(h, name+" "+pick(lang, "ค่าเฉลี่ย", "mean"), name+" "+pick(lang, "ร้อยละ", "%"))
		for v := 1; v <= 5; v++ {
			h = append(h, fmt.Sprintf("%s = %d", name, v))
		}
	}
	return h
}

// values are the stats cells of a row, as numbers.
func (rep *Report) values(s openinfo.RatingStats) []float64 {
	v := []float64{float64(s.N), Round2(s.OverallMean()), Round2(s.OverallPercent())}
	for _, d := range rep.Dims {
		v = append(v, Round2(s.Mean(d)), Round2(s.Percent(d)))
		for i := 0; i < 5; i++ {
			v = append(v, float64(s.Dist[d][i]))
		}
	}
	return v
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

func formatNum(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// WriteCSV writes the report as one CSV table, UTF-8 with a byte-order mark
// so that Excel opens Thai text correctly: a "type" column says which
// breakdown a row belongs to; comments follow as rows of their own.
func (rep *Report) WriteCSV(w io.Writer, lang string) error {
	cw := export.NewCSV(w)
	cw.Write([]string{pick(lang, "รายงานผลประเมินความพึงพอใจ", "Satisfaction report"), rep.Title(lang)})
	head := rep.header(lang, pick(lang, "ประเภท", "Type"), pick(lang, "รหัส", "ID"), pick(lang, "ชื่อ", "Name"))
	head = append(head, pick(lang, "ข้อเสนอแนะ", "Comment"))
	cw.Write(head)
	for _, sec := range rep.sections(lang) {
		for _, r := range sec.Rows {
			rec := []string{sec.Kind, strconv.FormatInt(r.ID, 10), r.Name(lang)}
			for _, v := range rep.values(r.RatingStats) {
				rec = append(rec, formatNum(v))
			}
			cw.Write(rec)
		}
	}
	for _, c := range rep.Comments {
		rec := make([]string, len(head))
		rec[0] = pick(lang, "ข้อเสนอแนะ", "Comment")
		rec[1] = strconv.FormatInt(c.ID, 10)
		rec[2] = pick(lang, c.PointTH, firstNonEmpty(c.PointEN, c.PointTH))
		rec[len(rec)-1] = c.Comment
		cw.Write(rec)
	}
	return cw.Flush()
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// WriteXLSX writes the report as an Excel workbook, one sheet per
// breakdown plus one of comments, with excelize's streaming writer.
func (rep *Report) WriteXLSX(w io.Writer, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	first := true
	sheet := func(name string) (*excelize.StreamWriter, error) {
		if first {
			first = false
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		return f.NewStreamWriter(name)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for _, sec := range rep.sections(lang) {
		sw, err := sheet(sec.Kind)
		if err != nil {
			return err
		}
		sw.SetColWidth(2, 2, 48)
		row := 1
		cell := func(r int) string { c, _ := excelize.CoordinatesToCellName(1, r); return c }
		sw.SetRow(cell(row), []any{excelize.Cell{StyleID: bold, Value: rep.Title(lang)}})
		row += 2
		var hdr []any
		for _, h := range rep.header(lang, pick(lang, "รหัส", "ID"), pick(lang, "ชื่อ", "Name")) {
			hdr = append(hdr, excelize.Cell{StyleID: bold, Value: h})
		}
		sw.SetRow(cell(row), hdr)
		row++
		for _, r := range sec.Rows {
			vals := []any{r.ID, r.Name(lang)}
			for _, v := range rep.values(r.RatingStats) {
				vals = append(vals, v)
			}
			if err := sw.SetRow(cell(row), vals); err != nil {
				return err
			}
			row++
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	sw, err := sheet(pick(lang, "ข้อเสนอแนะ", "Comments"))
	if err != nil {
		return err
	}
	sw.SetColWidth(2, 2, 40)
	sw.SetColWidth(4, 4, 80)
	sw.SetRow("A1", []any{excelize.Cell{StyleID: bold, Value: pick(lang, "รหัส", "ID")}, excelize.Cell{StyleID: bold, Value: pick(lang, "จุดบริการ", "Service point")},
		excelize.Cell{StyleID: bold, Value: pick(lang, "ค่าเฉลี่ย", "Mean")}, excelize.Cell{StyleID: bold, Value: pick(lang, "ข้อเสนอแนะ", "Comment")}})
	for i, c := range rep.Comments {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{c.ID, pick(lang, c.PointTH, firstNonEmpty(c.PointEN, c.PointTH)), Round2(c.Mean), c.Comment}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// TrendSVG draws the overall percent per month as a line over bars of the
// number of ratings: a self-contained SVG (presentation attributes only, so
// a strict Content-Security-Policy allows it inline).
func (rep *Report) TrendSVG(lang string) []byte {
	const W, H = 720.0, 260.0
	const left, right, top, bottom = 44.0, 44.0, 16.0, 40.0
	pw, ph := W-left-right, H-top-bottom
	n := len(rep.Months)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s" font-family="Sarabun, 'Noto Sans Thai', Tahoma, sans-serif" font-size="11">`,
		W, H, W, H, esc(pick(lang, "แนวโน้มร้อยละความพึงพอใจรายเดือน", "Monthly satisfaction (%) trend")))
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>`)
	var maxN int64 = 1
	for _, m := range rep.Months {
		maxN = max(maxN, m.N)
	}
	// Grid and the percent axis (left), count axis (right).
	for _, p := range []float64{0, 20, 40, 60, 80, 100} {
		y := top + ph - p/100*ph
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e3e3e3"/>`, left, y, left+pw, y)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" fill="#1f4e8c">%.0f%%</text>`, left-4, y+4, p)
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="start" fill="#777">%s</text>`, left+pw+4, top+8, esc(strconv.FormatInt(maxN, 10)))
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="start" fill="#777">0</text>`, left+pw+4, top+ph+4)
	if n == 0 {
		b.WriteString(`</svg>`)
		return b.Bytes()
	}
	slot := pw / float64(n)
	var line []string
	for i, m := range rep.Months {
		x := left + slot*float64(i)
		bh := float64(m.N) / float64(maxN) * ph
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#d9e4f2"><title>%s: %d</title></rect>`,
			x+slot*0.2, top+ph-bh, slot*0.6, bh, esc(m.Name(lang)), m.N)
		label := m.Name(lang)
		if n > 12 {
			label = strings.Fields(label)[0]
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">%s</text>`, x+slot/2, top+ph+16, esc(label))
		if m.N > 0 {
			p := m.OverallPercent()
			cx, cy := x+slot/2, top+ph-p/100*ph
			line = append(line, fmt.Sprintf("%.1f,%.1f", cx, cy))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="#1f4e8c"><title>%s: %.2f%%</title></circle>`, cx, cy, esc(m.Name(lang)), p)
		}
	}
	if len(line) > 1 {
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#1f4e8c" stroke-width="2"/>`, strings.Join(line, " "))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#1f4e8c">%s</text>`, left, H-6, esc(pick(lang, "— ร้อยละความพึงพอใจ (ค่าเฉลี่ย/5×100)   ▮ จำนวนผู้ประเมิน", "— satisfaction % (mean/5×100)   ▮ number of ratings")))
	b.WriteString(`</svg>`)
	return b.Bytes()
}

func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
