package poster

import (
	_ "embed"
	"io"
	"math"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"github.com/openinfo/openinfo/search/thai"
)

// The poster as a PDF made on the server: what hangs at the counter does
// not depend on the fonts of the officer's computer. Thai is set in
// Laksaman (TLWG's free version of TH Sarabun New, the government's
// document face; GPL-2+ with the font exception, fonts/COPYING), embedded
// in the file, and lines break only between words (the project's
// segmenter), never inside one.

//go:embed fonts/Laksaman.ttf
var laksaman []byte

//go:embed fonts/Laksaman-Bold.ttf
var laksamanBold []byte

const ptPerMM = 72 / 25.4

// dict is the segmenter's dictionary, loaded on the first PDF.
var dict = sync.OnceValue(thai.Default)

// breakUnits splits s into the pieces a line may break between: words at
// spaces, and inside a Thai run at the segmenter's word boundaries. Joined
// back in order they give s with each run of spaces as one space.
func breakUnits(s string) []string {
	var out []string
	for i, field := range strings.Fields(s) {
		var parts []string
		start := 0
		for _, tok := range dict().SegmentOffsets(field) {
			if tok.Start > start && isThaiStart(field[tok.Start:]) {
				parts = append(parts, field[start:tok.Start])
				start = tok.Start
			}
		}
		parts = append(parts, field[start:])
		if i > 0 {
			parts[0] = " " + parts[0]
		}
		out = append(out, parts...)
	}
	return out
}

// isThaiStart: a break is allowed before a Thai letter, not before a mark
// or in the middle of Latin text and digits ("ขส.1", "www.example").
func isThaiStart(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Thai, r) && !isThaiCombining(r) && r != 0x0E33 && r != 0x0E45
	}
	return false
}

// wrapMeasured breaks s into lines no wider than maxW by width, between
// breakUnits; a unit wider than a line on its own is broken between
// character clusters, the last resort.
func wrapMeasured(s string, maxW float64, width func(string) float64) []string {
	var lines []string
	cur := ""
	flush := func() {
		if cur = strings.TrimSpace(cur); cur != "" {
			lines = append(lines, cur)
		}
		cur = ""
	}
	for _, u := range breakUnits(s) {
		if width(strings.TrimSpace(cur+u)) <= maxW {
			cur += u
			continue
		}
		flush()
		u = strings.TrimSpace(u)
		if width(u) <= maxW {
			cur = u
			continue
		}
		for _, c := range clusters(u) {
			if cur != "" && width(cur+c) > maxW {
				flush()
			}
			cur += c
		}
	}
	flush()
	return lines
}

// PDF writes the poster as an A4 PDF with its fonts embedded.
func (p Poster) PDF(out io.Writer) error {
	m, err := matrix(p.URL)
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(p.title(), true)
	pdf.SetCreator("openinfo", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("Laksaman", "", laksaman)
	pdf.AddUTF8FontFromBytes("Laksaman", "B", laksamanBold)
	pdf.AddPage()
	pdf.SetDrawColor(0x1f, 0x4e, 0x8c)
	pdf.SetLineWidth(0.8)
	pdf.RoundedRect(8, 8, 194, 281, 4, "1234", "D")

	y := 20.0
	// text writes s centred, wrapped to the content width, at the largest
	// size from size down to minSize (mm, as the SVG) that needs at most
	// maxLines lines.
	text := func(s string, size, minSize float64, maxLines int, bold bool, rgb [3]int) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		style := ""
		if bold {
			style = "B"
		}
		var lines []string
		for sz := size; ; sz = math.Max(minSize, sz*0.9) {
			pdf.SetFont("Laksaman", style, sz*ptPerMM)
			lines = wrapMeasured(s, contentW, pdf.GetStringWidth)
			if len(lines) <= maxLines || sz <= minSize {
				size = sz
				break
			}
		}
		pdf.SetTextColor(rgb[0], rgb[1], rgb[2])
		for _, line := range lines {
			y += size
			pdf.Text(centerX-pdf.GetStringWidth(line)/2, y, line)
			y += size * 0.3
		}
	}
	blue, ink, grey := [3]int{0x1f, 0x4e, 0x8c}, [3]int{0x1a, 0x1a, 0x1a}, [3]int{0x44, 0x44, 0x44}
	text(p.AgencyTH, 11, 7, 3, true, blue)
	text(p.AgencyEN, 5.5, 4, 2, false, grey)
	y += 5
	text(p.PointTH, 15, 9, 3, true, ink)
	text(p.PointEN, 6.5, 4.5, 2, false, grey)
	y += 7
	text(CallToRateTH, 11, 7, 2, true, blue)
	text(CallToRateEN, 7, 5, 1, false, grey)
	y += 3
	qrTop := y

	const footerSize, footerY = 5.0, 282.0
	linkSize := 12.0
	link := p.displayLink()
	for ; linkSize > 4; linkSize -= 0.5 {
		pdf.SetFont("Laksaman", "B", linkSize*ptPerMM)
		if pdf.GetStringWidth(link) <= contentW {
			break
		}
	}
	qrBottom := footerY - footerSize - 6 - (linkSize*1.3 + 2)
	side := math.Max(30, math.Min(120, qrBottom-qrTop))
	total := float64(len(m) + 2*QuietZone)
	mod := side / total
	x0, y0 := centerX-side/2, qrTop
	pdf.SetFillColor(0, 0, 0)
	for r, row := range m {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			run := c
			for run < len(row) && row[run] {
				run++
			}
			// A hair wider and taller than the module, so that viewers do
			// not show seams between adjacent runs.
			pdf.Rect(x0+float64(c+QuietZone)*mod, y0+float64(r+QuietZone)*mod, float64(run-c)*mod+0.02, mod+0.02, "F")
			c = run
		}
	}
	y = qrTop + side + 2
	pdf.SetFont("Laksaman", "B", linkSize*ptPerMM)
	pdf.SetTextColor(ink[0], ink[1], ink[2])
	y += linkSize
	pdf.Text(centerX-pdf.GetStringWidth(link)/2, y, link)

	pdf.SetFont("Laksaman", "", footerSize*ptPerMM)
	pdf.SetTextColor(0x55, 0x55, 0x55)
	pdf.Text(centerX-pdf.GetStringWidth(FooterTH)/2, footerY, FooterTH)
	return pdf.Output(out)
}
