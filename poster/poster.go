package poster

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// Fixed texts of the poster.
const (
	CallToRateTH = "ประเมินความพึงพอใจการให้บริการ"
	CallToRateEN = "Rate our service"
	FooterTH     = "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ"
)

// FontFamily is the font stack used for all poster text: fonts covering
// Thai that are commonly installed, then a generic fallback.
const FontFamily = "Sarabun, 'Noto Sans Thai', 'TH Sarabun New', Tahoma, sans-serif"

// Page geometry in millimetres (A4 portrait).
const (
	pageW    = 210.0
	pageH    = 297.0
	margin   = 15.0
	contentW = pageW - 2*margin
	centerX  = pageW / 2
)

// Poster is the rating poster of one service point.
type Poster struct {
	AgencyTH  string // agency name in Thai, e.g. "กรมการปกครอง"
	AgencyEN  string // agency name in English (optional, printed small)
	PointTH   string // service point name in Thai
	PointEN   string // service point name in English (optional, printed small)
	URL       string // rating URL encoded in the QR code (required)
	ShortLink string // link printed under the QR code; defaults to URL without its scheme
	// Words, when set, cuts a text into its words (the pieces joined give
	// the text back): a Thai line then breaks between words, and between
	// character clusters only inside a word too long for a line.
	Words func(string) []string
}

// displayLink is the link printed under the QR code.
func (p Poster) displayLink() string {
	if s := strings.TrimSpace(p.ShortLink); s != "" {
		return s
	}
	s := strings.TrimSpace(p.URL)
	s = strings.TrimPrefix(s, "https://")
	s = strings.TrimPrefix(s, "http://")
	return s
}

// svgWriter accumulates the poster markup and the current vertical position.
type svgWriter struct {
	b     bytes.Buffer
	y     float64 // top of the next block, mm
	words func(string) []string
}

// text writes s wrapped to the content width, centred, starting at the
// current position: first at size, shrinking down to minSize to fit in
// maxLines lines. attrs are extra attributes (already escaped).
func (w *svgWriter) text(s string, size, minSize float64, maxLines int, attrs string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	lines, size := fitTextWords(s, contentW, size, minSize, maxLines, w.words)
	for _, line := range lines {
		w.y += size
		w.b.WriteString(`<text x="` + num(centerX) + `" y="` + num(w.y) + `" font-size="` + num(size) + `"` + attrs + `>`)
		w.b.WriteString(esc(line))
		w.b.WriteString("</text>\n")
		w.y += size * 0.3 // line gap
	}
}

// SVG renders the poster as an A4 portrait SVG document (viewBox in
// millimetres, 0 0 210 297). The QR code is embedded as a path; the SVG
// has no external references (fonts are named, not loaded). It returns
// ErrEmptyURL if p.URL is empty.
func (p Poster) SVG() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if err := p.writeSVG(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// HTML renders a print-ready HTML page: the poster SVG inline on a page
// whose @page rule is A4 portrait with no margin, so that printing from a
// browser gives the poster at its real size.
func (p Poster) HTML() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(esc(p.title()))
	b.WriteString("</title>\n<style>\n@page { size: A4 portrait; margin: 0; }\n" +
		"html, body { margin: 0; padding: 0; background: #fff; }\n" +
		"svg { display: block; width: 210mm; height: 297mm; }\n" +
		"@media screen { body { background: #ccc; } svg { margin: 1em auto; background: #fff; box-shadow: 0 0 4px #888; } }\n" +
		"</style>\n</head>\n<body>\n")
	if err := p.writeSVG(&b); err != nil {
		return nil, err
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

func (p Poster) title() string {
	parts := []string{}
	for _, s := range []string{p.AgencyTH, p.PointTH, CallToRateTH} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " – ")
}

func (p Poster) writeSVG(out *bytes.Buffer) error {
	m, err := matrix(p.URL)
	if err != nil {
		return err
	}
	fontAttr := ` font-family="` + FontFamily + `"`
	w := &svgWriter{y: 20, words: p.Words}
	w.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" xml:lang="th" width="210mm" height="297mm" viewBox="0 0 210 297">` + "\n")
	w.b.WriteString("<title>" + esc(p.title()) + "</title>\n")
	w.b.WriteString(`<rect width="210" height="297" fill="#fff"/>` + "\n")
	w.b.WriteString(`<rect x="8" y="8" width="194" height="281" rx="4" fill="none" stroke="#1f4e8c" stroke-width="0.8"/>` + "\n")
	w.b.WriteString(`<g` + fontAttr + ` text-anchor="middle" fill="#1a1a1a">` + "\n")

	// Agency and service point.
	w.text(p.AgencyTH, 11, 7, 3, ` font-weight="bold" fill="#1f4e8c"`)
	w.text(p.AgencyEN, 5.5, 4, 2, ` fill="#444"`)
	w.y += 5
	w.text(p.PointTH, 15, 9, 3, ` font-weight="bold"`)
	w.text(p.PointEN, 6.5, 4.5, 2, ` fill="#444"`)
	w.y += 7

	// Call to rate.
	w.text(CallToRateTH, 11, 7, 2, ` font-weight="bold" fill="#1f4e8c"`)
	w.text(CallToRateEN, 7, 5, 1, ` fill="#444"`)
	w.y += 3
	qrTop := w.y

	// Bottom part, laid out upwards from the footer.
	const footerSize = 5.0
	footerY := 282.0
	linkLines, linkSize := fitText(p.displayLink(), contentW, 12, 4, 1)
	linkBlock := float64(len(linkLines))*linkSize*1.3 + 2
	qrBottom := footerY - footerSize - 6 - linkBlock

	// QR code: as large as fits, at most 120 mm, centred.
	side := math.Min(120, qrBottom-qrTop)
	side = math.Max(side, 30) // never unreadably small (overlaps only for absurd inputs)
	total := float64(len(m) + 2*QuietZone)
	scale := side / total
	x := centerX - side/2
	w.b.WriteString(`</g>` + "\n")
	w.b.WriteString(`<g transform="translate(` + num(x) + " " + num(qrTop) + `) scale(` + numPrec(scale, 6) + `)" shape-rendering="crispEdges">` + "\n")
	w.b.WriteString(`<rect width="` + num(total) + `" height="` + num(total) + `" fill="#fff"/>` + "\n")
	w.b.WriteString(`<path class="qr" fill="#000" d="` + modulePath(m, QuietZone) + `"/>` + "\n")
	w.b.WriteString("</g>\n")

	// Short link under the QR code.
	w.b.WriteString(`<g` + fontAttr + ` text-anchor="middle" fill="#1a1a1a">` + "\n")
	w.y = qrTop + side + 2
	for _, line := range linkLines {
		w.y += linkSize
		w.b.WriteString(`<text class="link" x="` + num(centerX) + `" y="` + num(w.y) + `" font-size="` + num(linkSize) + `" font-weight="bold">`)
		w.b.WriteString(esc(line))
		w.b.WriteString("</text>\n")
		w.y += linkSize * 0.3
	}

	// Footer.
	w.b.WriteString(`<text x="` + num(centerX) + `" y="` + num(footerY) + `" font-size="` + num(footerSize) + `" fill="#555">` + esc(FooterTH) + "</text>\n")
	w.b.WriteString("</g>\n</svg>\n")
	out.Write(w.b.Bytes())
	return nil
}

// esc escapes s for XML character data and attribute values; invalid UTF-8
// and characters not allowed in XML are replaced by U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // strings.Builder never fails
	return b.String()
}

// num formats a length in mm with at most 2 decimals.
func num(v float64) string { return numPrec(v, 2) }

func numPrec(v float64, prec int) string {
	p := math.Pow(10, float64(prec))
	return strconv.FormatFloat(math.Round(v*p)/p, 'f', -1, 64)
}
