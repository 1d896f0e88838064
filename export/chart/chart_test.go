package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
)

var thMonths = []string{"ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."}

// months labels n months from October 2567 (2024), short or in full.
func months(n int, full bool) []string {
	var out []string
	for i := range n {
		y := 2567 + (i+9)/12
		if full {
			out = append(out, fmt.Sprintf("%s %d", thMonths[i%12], y))
		} else {
			out = append(out, fmt.Sprintf("%s %02d", thMonths[i%12], y%100))
		}
	}
	return out
}

// checkLabels: the kept labels do not overlap, stay in the chart, keep
// the first category and are in order.
func checkLabels(t *testing.T, name string, c *Chart) Layout {
	t.Helper()
	l := c.Layout()
	if len(c.Labels) > 0 && (len(l.Labels) == 0 || l.Labels[0].Index != 0) {
		t.Fatalf("%s: first label not kept: %+v", name, l.Labels)
	}
	for i, a := range l.Labels {
		if a.Box.X < -1e-9 || a.Box.X+a.Box.W > l.W+1e-9 {
			t.Errorf("%s: label %q (%+v) leaves the chart (width %v)", name, a.Text, a.Box, l.W)
		}
		for _, b := range l.Labels[i+1:] {
			if a.Box.Overlaps(b.Box) || b.Index <= a.Index {
				t.Errorf("%s: labels %q %+v and %q %+v overlap", name, a.Text, a.Box, b.Text, b.Box)
			}
		}
	}
	return l
}

func TestLabelsDoNotOverlap(t *testing.T) {
	// Today's trend chart: 12 months of a fiscal year, all shown.
	l := checkLabels(t, "12 short", &Chart{Labels: months(12, false)})
	if len(l.Labels) != 12 {
		t.Errorf("12 short month labels: %d shown", len(l.Labels))
	}
	// The labels that collided before: thinned, the last month kept.
	l = checkLabels(t, "12 full", &Chart{Labels: months(12, true)})
	if n := len(l.Labels); n < 6 || l.Labels[n-1].Index != 11 {
		t.Errorf("12 full month labels: %+v", l.Labels)
	}
	// Five years of months.
	l = checkLabels(t, "60 short", &Chart{Labels: months(60, false)})
	if n := len(l.Labels); n < 8 || l.Labels[n-1].Index != 59 {
		t.Errorf("60 month labels: %d shown, last %d", n, l.Labels[n-1].Index)
	}
	// Any count, any width, long labels too.
	long := []string{"กรมการขนส่งทางบก", "Department of Land Transport", "สำนักงานขนส่งจังหวัดเชียงใหม่", "W", strings.Repeat("ก", 300)}
	for _, w := range []float64{240, 480, 720, 1200} {
		for n := 1; n <= 120; n++ {
			var ls []string
			for i := range n {
				ls = append(ls, long[i%len(long)])
			}
			checkLabels(t, fmt.Sprintf("%d long, width %v", n, w), &Chart{Labels: ls, Width: w})
			checkLabels(t, fmt.Sprintf("%d months, width %v", n, w), &Chart{Labels: months(n, true), Width: w})
		}
	}
}

func TestTextWidth(t *testing.T) {
	// Marks above and below a consonant take no room.
	if TextWidth("กี่", 10) != TextWidth("ก", 10) || TextWidth("ผู้", 10) != TextWidth("ผ", 10) {
		t.Error("Thai marks counted as wide")
	}
	if TextWidth("ต.ค. 67", 11) >= 720.0/12-labelGap {
		t.Errorf("a short month label is %v px wide", TextWidth("ต.ค. 67", 11))
	}
	if w := TextWidth("WWW", 10); w < 25 {
		t.Errorf("WWW is %v px", w)
	}
}

// TestSVGEscapes: labels, tooltips, the title and the legend come from
// people; none can add an element or an attribute.
func TestSVGEscapes(t *testing.T) {
	evil := `"><script>alert(1)</script><x onload="y` + "&amp;"
	c := &Chart{
		Title:  evil,
		Labels: []string{evil, "ok", evil},
		Tips:   []string{evil, evil, evil},
		Series: []Series{
			{Name: evil, Kind: Bars, Values: []float64{1, math.NaN(), 3}, Right: true, Color: evil},
			{Name: "ร้อยละ", Kind: Line, Values: []float64{50, 60, math.NaN()}},
		},
		Left:   Axis{Max: 100, Ticks: []float64{0, 50, 100}, Grid: true, Format: func(v float64) string { return fmt.Sprintf("%.0f%%", v) }},
		Legend: evil,
	}
	svg := c.SVG()
	if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte("<x ")) || bytes.Contains(svg, []byte("style=")) {
		t.Fatalf("not escaped:\n%s", svg)
	}
	d := xml.NewDecoder(bytes.NewReader(svg))
	elems := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			elems[se.Name.Local]++
			for _, a := range se.Attr {
				if strings.HasPrefix(a.Name.Local, "on") || a.Name.Local == "style" {
					t.Errorf("attribute %s on %s", a.Name.Local, se.Name.Local)
				}
			}
		}
	}
	for el, want := range map[string]int{"svg": 1, "rect": 1 + 2, "circle": 2, "polyline": 1, "script": 0, "x": 0} {
		if elems[el] != want {
			t.Errorf("%d %s elements, want %d", elems[el], el, want)
		}
	}
	if !strings.Contains(string(svg), "&#34;&gt;&lt;script&gt;") || !strings.Contains(string(svg), "&amp;amp;") {
		t.Errorf("text lost:\n%s", svg)
	}
}

func TestHBars(t *testing.T) {
	evil := `<script>alert("x")</script>`
	c := &HBars{Title: evil, Labels: []string{"กรมการขนส่งทางบก", strings.Repeat("สำนักงานขนส่งจังหวัดเชียงใหม่ ", 5), evil},
		Values: []float64{120, 30, math.NaN()}, Format: func(v float64) string { return fmt.Sprintf("%.0f", v) }}
	l := c.Layout()
	if len(l.Labels) != 3 || l.Labels[0].Text != "กรมการขนส่งทางบก" || !strings.HasSuffix(l.Labels[1].Text, "…") {
		t.Fatalf("labels %+v", l.Labels)
	}
	for i, a := range l.Labels {
		if a.Box.X < 0 || a.Box.X+a.Box.W > l.Plot.X {
			t.Errorf("label %q %+v leaves its column", a.Text, a.Box)
		}
		for _, b := range l.Labels[i+1:] {
			if a.Box.Overlaps(b.Box) {
				t.Errorf("%q and %q overlap", a.Text, b.Text)
			}
		}
	}
	svg := c.SVG()
	if bytes.Contains(svg, []byte("<script")) || bytes.Count(svg, []byte("<rect")) != 1+2 {
		t.Fatalf("svg %s", svg)
	}
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
}
