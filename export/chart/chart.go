// Package chart draws the bar and line charts of reports as self-contained
// SVG: presentation attributes only (no style attribute or element), so a
// strict Content-Security-Policy allows it inline, and every text escaped,
// so labels from people (an agency's name) cannot inject markup. Category
// labels are thinned so that they never overlap (AxisLabels).
package chart

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Kind is how a series is drawn.
type Kind uint8

const (
	Bars Kind = iota
	Line
)

// Series is one set of values, one per category.
type Series struct {
	Name   string    // in tooltips, when set: "category – name: value"
	Kind   Kind      // bars or a line
	Values []float64 // NaN: no value (no bar; the line skips the category)
	Color  string    // bar fill or line stroke; "" takes a default
	Right  bool      // measured on the right axis
	// Format writes a value in tooltips; nil: as few decimals as it has.
	Format func(float64) string
}

// Axis is a vertical axis, from 0 to Max; values outside are drawn at
// its ends.
type Axis struct {
	Max   float64   // 0: the largest value of its series, at least 1
	Ticks []float64 // values labelled; nil: 0 and Max
	Grid  bool      // a horizontal line at each tick
	// Format writes a tick; nil: as few decimals as it has.
	Format func(float64) string
	Color  string // of the tick labels
}

// Chart is a bar and/or line chart over categories (months, agencies).
type Chart struct {
	Title  string   // the SVG's accessible name
	Labels []string // category labels on the axis: short ("ต.ค. 67")
	Tips   []string // fuller category names for tooltips; nil: Labels
	Series []Series
	Left   Axis
	Right  Axis   // drawn when a series is measured on it
	Legend string // a line under the chart
	// Width and Height in px; 0: 720 × 260. FontSize 0: 11.
	Width, Height, FontSize float64
}

// Layout is where a chart's parts go, computed before drawing (and by
// tests, to check that the labels stay apart).
type Layout struct {
	W, H                     float64
	Left, Right, Top, Bottom float64 // margins
	Slot                     float64 // width of a category
	Labels                   []Label
}

// PlotW is the width of the plot area.
func (l Layout) PlotW() float64 { return l.W - l.Left - l.Right }

// PlotH is the height of the plot area.
func (l Layout) PlotH() float64 { return l.H - l.Top - l.Bottom }

func (c *Chart) size() float64 {
	if c.FontSize > 0 {
		return c.FontSize
	}
	return 11
}

// Layout computes the chart's geometry.
func (c *Chart) Layout() Layout {
	l := Layout{W: c.Width, H: c.Height, Left: 44, Right: 44, Top: 16, Bottom: 40}
	if l.W <= 0 {
		l.W = 720
	}
	if l.H <= 0 {
		l.H = 260
	}
	if n := len(c.Labels); n > 0 {
		l.Slot = l.PlotW() / float64(n)
		l.Labels = AxisLabels(c.Labels, l.Left, l.Slot, l.Top+l.PlotH()+16, c.size(), 0, l.W)
	}
	return l
}

// axisMax is the top of the left or right axis.
func (c *Chart) axisMax(right bool) float64 {
	a := c.Left
	if right {
		a = c.Right
	}
	if a.Max > 0 {
		return a.Max
	}
	m := 1.0
	for _, s := range c.Series {
		if s.Right == right {
			for _, v := range s.Values {
				if !math.IsNaN(v) {
					m = max(m, v)
				}
			}
		}
	}
	return m
}

func format(f func(float64) string, v float64) string {
	if f != nil {
		return f(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// esc escapes text for SVG content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// palette colours the series that name none, by their place in the chart.
var palette = []string{"#1f4e8c", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6"}

func (s Series) color(i int) string {
	if s.Color != "" {
		return s.Color
	}
	return palette[i%len(palette)]
}

// SVG draws the chart.
func (c *Chart) SVG() []byte {
	l := c.Layout()
	pw, ph := l.PlotW(), l.PlotH()
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s" font-family="Sarabun, 'Noto Sans Thai', Tahoma, sans-serif" font-size="%g">`,
		l.W, l.H, l.W, l.H, esc(c.Title), c.size())
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>`)
	useRight := false
	for _, s := range c.Series {
		useRight = useRight || s.Right
	}
	for _, right := range []bool{false, true} {
		a, x, anchor := c.Left, l.Left-4, "end"
		if right {
			if !useRight {
				break
			}
			a, x, anchor = c.Right, l.Left+pw+4, "start"
		}
		top := c.axisMax(right)
		ticks := a.Ticks
		if ticks == nil {
			ticks = []float64{0, top}
		}
		color := a.Color
		if color == "" {
			color = "#777"
		}
		for _, t := range ticks {
			y := l.Top + ph - t/top*ph
			if a.Grid {
				fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e3e3e3"/>`, l.Left, y, l.Left+pw, y)
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" fill="%s">%s</text>`, x, y+4, anchor, esc(color), esc(format(a.Format, t)))
		}
	}
	tips := c.Tips
	if len(tips) != len(c.Labels) {
		tips = c.Labels
	}
	tip := func(i int, s Series, v float64) string {
		name := tips[i]
		if s.Name != "" {
			name += " – " + s.Name
		}
		return esc(name + ": " + format(s.Format, v))
	}
	// Bars first, side by side within a slot, then lines over them.
	var bars []int
	for i, s := range c.Series {
		if s.Kind == Bars {
			bars = append(bars, i)
		}
	}
	for j, si := range bars {
		s := c.Series[si]
		top := c.axisMax(s.Right)
		color := s.color(si)
		w := l.Slot * 0.6 / float64(len(bars))
		for i, v := range s.Values {
			if i >= len(c.Labels) || math.IsNaN(v) {
				continue
			}
			h := max(0, min(v, top)) / top * ph
			x := l.Left + l.Slot*float64(i) + l.Slot*0.2 + w*float64(j)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`,
				x, l.Top+ph-h, w, h, esc(color), tip(i, s, v))
		}
	}
	for _, lb := range l.Labels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">%s</text>`, lb.X, lb.Y, esc(lb.Text))
	}
	for si, s := range c.Series {
		if s.Kind != Line {
			continue
		}
		top := c.axisMax(s.Right)
		color := s.color(si)
		var pts []string
		var dots bytes.Buffer
		for i, v := range s.Values {
			if i >= len(c.Labels) || math.IsNaN(v) {
				continue
			}
			cx, cy := l.Left+l.Slot*(float64(i)+0.5), l.Top+ph-max(0, min(v, top))/top*ph
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", cx, cy))
			fmt.Fprintf(&dots, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s</title></circle>`, cx, cy, esc(color), tip(i, s, v))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), esc(color))
		}
		b.Write(dots.Bytes())
	}
	if c.Legend != "" {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#1f4e8c">%s</text>`, l.Left, l.H-6, esc(c.Legend))
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}
