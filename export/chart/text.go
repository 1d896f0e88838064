package chart

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// TextWidth estimates the width of s drawn at size px in the Thai-capable
// sans-serif fonts the charts name (Sarabun, Noto Sans Thai, Tahoma). The
// SVG is drawn by the browser, so the real width is unknown here; the
// estimate errs wide, so that labels it keeps apart stay apart. Thai
// vowel and tone marks above and below a consonant take no width.
func TextWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '|' || r == '!' || r == 'i' || r == 'l' || r == 'j':
			em += 0.32
		case r >= '0' && r <= '9':
			em += 0.6
		case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '%' || r == '@':
			em += 0.95
		case r >= 'A' && r <= 'Z':
			em += 0.72
		case r < 0x80:
			em += 0.6
		case unicode.Is(unicode.Thai, r):
			em += 0.66
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0x1F000:
			em += 1.05
		default:
			em += 0.75
		}
	}
	return em * size
}

// Box is a rectangle: X, Y its top left corner.
type Box struct{ X, Y, W, H float64 }

// Overlaps reports whether b and o share any area.
func (b Box) Overlaps(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

// Label is a category label as drawn: its text centred on X, its baseline
// at Y, and the box it is estimated to cover.
type Label struct {
	Index int // of the category
	Text  string
	X, Y  float64
	Box   Box
}

// labelGap is the least room left between two labels, in px.
const labelGap = 6

// AxisLabels places the labels of n categories, slot px wide each from x0,
// with their baseline at y, inside [minX, maxX]. When the widest label does
// not fit its slot, only every k-th label is kept, k the least that keeps
// them apart; the first is always kept, and so is the last when it has room.
// Long labels in a wide chart are not rotated: thinned, they stay readable
// and the tooltips name every category.
func AxisLabels(labels []string, x0, slot, y, size, minX, maxX float64) []Label {
	n := len(labels)
	if n == 0 || slot <= 0 {
		return nil
	}
	labels = fit(labels, maxX-minX, size)
	widest := 0.0
	for _, s := range labels {
		widest = max(widest, TextWidth(s, size))
	}
	step := max(1, int(math.Ceil((widest+labelGap)/slot)))
	place := func(i int) Label {
		w := TextWidth(labels[i], size)
		cx := x0 + slot*(float64(i)+0.5)
		// Kept inside the chart: the first and last may shift inwards.
		cx = max(cx, minX+w/2)
		cx = min(cx, maxX-w/2)
		return Label{Index: i, Text: labels[i], X: cx, Y: y, Box: Box{X: cx - w/2, Y: y - size, W: w, H: size * 1.3}}
	}
	var out []Label
	after := func(k int, l Label) bool { // l starts clear of out[k]
		return k < 0 || out[k].Box.X+out[k].Box.W+labelGap <= l.Box.X
	}
	for i := 0; i < n; i += step {
		if l := place(i); after(len(out)-1, l) {
			out = append(out, l)
		}
	}
	if last := n - 1; last%step != 0 {
		l := place(last)
		switch k := len(out) - 1; {
		case after(k, l):
			out = append(out, l)
		case k > 0 && after(k-1, l):
			// The last category matters most in a trend: it takes the
			// place of the kept label in its way.
			out[k] = l
		}
	}
	return out
}

// fit cuts, with an ellipsis, the labels wider than w.
func fit(labels []string, w, size float64) []string {
	var out []string
	for i, s := range labels {
		if TextWidth(s, size) <= w {
			continue
		}
		if out == nil {
			out = slices.Clone(labels)
		}
		room, cut := w-TextWidth("…", size), 0
		for j, r := range s {
			if room -= TextWidth(string(r), size); room < 0 {
				break
			}
			cut = j + utf8.RuneLen(r)
		}
		out[i] = s[:cut] + "…"
	}
	if out == nil {
		return labels
	}
	return out
}
