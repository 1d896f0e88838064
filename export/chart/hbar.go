package chart

import (
	"bytes"
	"fmt"
	"math"
)

// HBars is a horizontal bar chart: one row per category, for breakdowns
// whose names are long (agencies, service points) and must all be shown.
// Each name is cut with an ellipsis to its column, and rows are at least a
// line high, so names never overlap; the full name is in the tooltip.
type HBars struct {
	Title  string
	Labels []string  // category names
	Values []float64 // one per label; NaN: no bar
	Max    float64   // the bars' full length; 0: the largest value
	Color  string    // "" takes the first of the palette
	// Format writes a value at the end of its bar and in tooltips; nil:
	// as few decimals as it has.
	Format func(float64) string
	// Width in px (0: 720); the height follows from the rows. LabelWidth
	// is the names' column (0: a third of the width). FontSize 0: 11.
	Width, LabelWidth, FontSize float64
}

// HLayout is where an HBars chart's parts go.
type HLayout struct {
	W, H   float64
	Row    float64 // height of a row
	Plot   Box     // the bars' area
	Labels []Label // one per category, cut to fit
}

// Layout computes the chart's geometry.
func (c *HBars) Layout() HLayout {
	size := c.FontSize
	if size <= 0 {
		size = 11
	}
	l := HLayout{W: c.Width, Row: math.Ceil(size * 2)}
	if l.W <= 0 {
		l.W = 720
	}
	lw := c.LabelWidth
	if lw <= 0 {
		lw = l.W / 3
	}
	const pad, valueRoom = 8.0, 64.0 // room for the value after the longest bar
	l.H = l.Row*float64(len(c.Labels)) + 2*pad
	l.Plot = Box{X: lw + pad, Y: pad, W: max(0, l.W-lw-2*pad-valueRoom), H: l.Row * float64(len(c.Labels))}
	names := fit(c.Labels, lw-pad, size)
	for i, s := range names {
		w := TextWidth(s, size)
		y := pad + l.Row*float64(i) + l.Row/2 + size*0.35
		l.Labels = append(l.Labels, Label{Index: i, Text: s, X: lw, Y: y, Box: Box{X: lw - w, Y: y - size, W: w, H: size * 1.3}})
	}
	return l
}

// SVG draws the chart.
func (c *HBars) SVG() []byte {
	l := c.Layout()
	size := c.FontSize
	if size <= 0 {
		size = 11
	}
	top := c.Max
	if top <= 0 {
		top = 1
		for _, v := range c.Values {
			if !math.IsNaN(v) {
				top = max(top, v)
			}
		}
	}
	color := Series{Color: c.Color}.color(0)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s" font-family="Sarabun, 'Noto Sans Thai', Tahoma, sans-serif" font-size="%g">`,
		l.W, l.H, l.W, l.H, esc(c.Title), size)
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>`)
	for i, lb := range l.Labels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" fill="#333">%s<title>%s</title></text>`, lb.X, lb.Y, esc(lb.Text), esc(c.Labels[i]))
		if i >= len(c.Values) || math.IsNaN(c.Values[i]) {
			continue
		}
		v := c.Values[i]
		w := max(0, min(v, top)) / top * l.Plot.W
		y := l.Plot.Y + l.Row*float64(i) + l.Row*0.2
		val := esc(format(c.Format, v))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`,
			l.Plot.X, y, w, l.Row*0.6, esc(color), esc(c.Labels[i]), val)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#333">%s</text>`, l.Plot.X+w+4, lb.Y, val)
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}
