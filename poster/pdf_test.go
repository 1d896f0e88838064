package poster

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBreakUnits: a line may break between words, never inside one: the
// words the report found broken ("เจ้า|หน้าที่", "สงขล|า") stay whole at
// every width. ("ขับรถ" is two words to the dictionary, ขับ and รถ, and
// may break between them, as a typesetter may.)
func TestBreakUnits(t *testing.T) {
	names := []string{
		"สำนักงานขนส่งจังหวัดสงขลา งานใบอนุญาตขับรถ",
		"เจ้าหน้าที่ศูนย์บริการประชาชนสำนักงานเขตพระนคร",
		"ที่ว่าการอำเภอเมืองสงขลา (ขส.1) www.example.go.th",
	}
	for _, s := range names {
		units := breakUnits(s)
		if got := strings.Join(units, ""); got != strings.Join(strings.Fields(s), " ") {
			t.Fatalf("units of %q join to %q", s, got)
		}
		for w := 4; w <= 40; w++ {
			lines := wrapMeasured(s, float64(w), func(x string) float64 { return float64(utf8.RuneCountInString(x)) })
			if strings.Join(lines, "") != strings.ReplaceAll(s, " ", "") && strings.Join(lines, " ") != s {
				// Lines join back to the text, with or without the spaces broken at.
				joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
				if joined != strings.ReplaceAll(s, " ", "") {
					t.Fatalf("width %d: %q lost text", w, lines)
				}
			}
			for _, l := range lines[:len(lines)-1] {
				for _, bad := range []string{"เจ้า", "สงขล"} {
					if strings.HasSuffix(l, bad) && w > 6 {
						t.Errorf("width %d: a line ends inside a word: %q", w, l)
					}
				}
			}
		}
	}
}

// TestPosterPDF: the poster is an A4 PDF with its Thai font embedded, its
// QR code scans back to the rating link, and its text reads back whole.
// With poppler (pdftoppm, pdftotext) the page is rendered and read as a
// person would; without it the file's structure is checked.
func TestPosterPDF(t *testing.T) {
	p := Poster{AgencyTH: "กรมการขนส่งทางบก", AgencyEN: "Department of Land Transport",
		PointTH: "สำนักงานขนส่งจังหวัดสงขลา งานใบอนุญาตขับรถ ช่องบริการเจ้าหน้าที่ที่ 3", URL: testURLs[0]}
	var b bytes.Buffer
	if err := p.PDF(&b); err != nil {
		t.Fatal(err)
	}
	pdf := b.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) ||
		bytes.Count(pdf, []byte("/FontFile2")) != 2 || len(pdf) > 400_000 {
		t.Fatalf("not an A4 PDF with two embedded fonts (%d bytes)", len(pdf))
	}
	if err := (Poster{}).PDF(&bytes.Buffer{}); err == nil {
		t.Fatal("a poster without a URL was made")
	}
	ppm, err1 := exec.LookPath("pdftoppm")
	txt, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Log("poppler-utils not installed: the PDF's structure only")
		return
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "poster.pdf")
	os.WriteFile(in, pdf, 0o600)
	if out, err := exec.Command(ppm, "-png", "-r", "100", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 820 || b.Dx() > 830 { // 210 mm at 100 dpi
		t.Fatalf("page %v, want A4", b)
	}
	if got := decodeImage(t, img); got != p.URL {
		t.Fatalf("the printed QR code reads %q", got)
	}
	out, err := exec.Command(txt, "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"กรมการขนส่งทางบก", "ประเมินความพึงพอใจการให้บริการ", "info.example.go.th/rate/AB12CD", FooterTH, "สงขลา"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); strings.HasSuffix(l, "สงขล") || strings.HasSuffix(l, "เจ้า") || strings.HasSuffix(l, "ขับ") {
			t.Errorf("a line breaks inside a word: %q", l)
		}
	}
}
