package poster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

var testURLs = []string{
	"https://info.example.go.th/rate/AB12CD",
	"https://info.example.go.th/rate/AB12CD?src=poster&point=10-0001-0042&lang=th&utm_campaign=counter-2568#top",
	"https://info.example.go.th/agency/dopa/points/bangkok-district-office-phra-nakhon/rate/ZX98YW?ref=qr&session=" + strings.Repeat("a1b2c3", 20),
}

func decodeImage(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("binary bitmap: %v", err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	return res.GetText()
}

func TestQRPNGRoundTrip(t *testing.T) {
	for _, u := range testURLs {
		data, err := QRPNG(u, 512)
		if err != nil {
			t.Fatalf("QRPNG(%q): %v", u, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("png.Decode: %v", err)
		}
		if got := decodeImage(t, img); got != u {
			t.Errorf("decoded %q, want %q", got, u)
		}
	}
}

func TestQRPNGGeometry(t *testing.T) {
	u := testURLs[0]
	m, err := matrix(u)
	if err != nil {
		t.Fatal(err)
	}
	total := len(m) + 2*QuietZone
	for _, size := range []int{0, 1, 100, 300, 1000} {
		data, err := QRPNG(u, size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() != b.Dy() || b.Dx()%total != 0 {
			t.Fatalf("size %d: bounds %v not a multiple of %d modules", size, b, total)
		}
		scale := b.Dx() / total
		if scale < 1 || (size > total && absInt(b.Dx()-size) > total/2+1) {
			t.Errorf("size %d: got %d px", size, b.Dx())
		}
		// Every pixel is pure black or white and matches its module; the
		// quiet zone is white.
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				mx, my := x/scale-QuietZone, y/scale-QuietZone
				want := mx >= 0 && my >= 0 && mx < len(m) && my < len(m) && m[my][mx]
				g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
				if g != 0 && g != 0xFF {
					t.Fatalf("size %d: grey pixel %d at (%d,%d)", size, g, x, y)
				}
				if (g == 0) != want {
					t.Fatalf("size %d: pixel (%d,%d) dark=%v, want %v", size, x, y, g == 0, want)
				}
			}
		}
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

var runRE = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// parseModulePath parses path data emitted by modulePath into a module
// grid of size n (coordinates shifted back by off); it fails on anything
// else, on overlapping runs and on runs outside the grid.
func parseModulePath(t *testing.T, d string, n, off int) [][]bool {
	t.Helper()
	g := make([][]bool, n)
	for i := range g {
		g[i] = make([]bool, n)
	}
	for rest := d; rest != ""; {
		sm := runRE.FindStringSubmatch(rest)
		if sm == nil {
			t.Fatalf("unexpected path data at %q", rest[:min(len(rest), 40)])
		}
		rest = rest[len(sm[0]):]
		x, _ := strconv.Atoi(sm[1])
		y, _ := strconv.Atoi(sm[2])
		w, _ := strconv.Atoi(sm[3])
		w2, _ := strconv.Atoi(sm[4])
		if w != w2 || w < 1 {
			t.Fatalf("run %q does not close", sm[0])
		}
		x, y = x-off, y-off
		if y < 0 || y >= n || x < 0 || x+w > n {
			t.Fatalf("run %q outside the symbol", sm[0])
		}
		for i := x; i < x+w; i++ {
			if g[y][i] {
				t.Fatalf("module (%d,%d) covered twice", i, y)
			}
			g[y][i] = true
		}
	}
	return g
}

type svgDoc struct {
	ViewBox string `xml:"viewBox,attr"`
	Shape   string `xml:"shape-rendering,attr"`
	Paths   []struct {
		D string `xml:"d,attr"`
	} `xml:"path"`
}

func TestQRSVGRoundTrip(t *testing.T) {
	for _, u := range testURLs {
		data, err := QRSVG(u)
		if err != nil {
			t.Fatal(err)
		}
		var doc svgDoc
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		m, err := matrix(u)
		if err != nil {
			t.Fatal(err)
		}
		n := len(m)
		total := n + 2*QuietZone
		if want := "0 0 " + strconv.Itoa(total) + " " + strconv.Itoa(total); doc.ViewBox != want {
			t.Errorf("viewBox %q, want %q", doc.ViewBox, want)
		}
		if doc.Shape != "crispEdges" {
			t.Errorf("shape-rendering %q", doc.Shape)
		}
		if len(doc.Paths) != 1 {
			t.Fatalf("%d paths, want 1", len(doc.Paths))
		}
		if bytes.Contains(data, []byte("href")) || bytes.Contains(data, []byte("url(")) {
			t.Error("SVG has external references")
		}
		g := parseModulePath(t, doc.Paths[0].D, n, QuietZone)
		for y := range n {
			for x := range n {
				if g[y][x] != m[y][x] {
					t.Fatalf("module (%d,%d): path %v, matrix %v", x, y, g[y][x], m[y][x])
				}
			}
		}

		// Rasterize the path's modules and decode the image.
		const px = 6
		img := image.NewGray(image.Rect(0, 0, total*px, total*px))
		for i := range img.Pix {
			img.Pix[i] = 0xFF
		}
		for y := range n {
			for x := range n {
				if !g[y][x] {
					continue
				}
				for dy := range px {
					for dx := range px {
						img.SetGray((x+QuietZone)*px+dx, (y+QuietZone)*px+dy, color.Gray{0})
					}
				}
			}
		}
		if got := decodeImage(t, img); got != u {
			t.Errorf("decoded %q, want %q", got, u)
		}
	}
}

func TestEmptyURL(t *testing.T) {
	if _, err := QRPNG("", 256); !errors.Is(err, ErrEmptyURL) {
		t.Errorf("QRPNG: err = %v", err)
	}
	if _, err := QRSVG("  "); !errors.Is(err, ErrEmptyURL) {
		t.Errorf("QRSVG: err = %v", err)
	}
	if _, err := (Poster{AgencyTH: "กรม", PointTH: "จุด"}).SVG(); !errors.Is(err, ErrEmptyURL) {
		t.Errorf("Poster.SVG: err = %v", err)
	}
	if _, err := (Poster{}).HTML(); !errors.Is(err, ErrEmptyURL) {
		t.Errorf("Poster.HTML: err = %v", err)
	}
}

func TestTooLongURL(t *testing.T) {
	if _, err := QRPNG("https://x.example/"+strings.Repeat("z", 5000), 256); err == nil {
		t.Error("no error for a URL too long for a QR code")
	}
}

// wellFormed checks that data is well-formed XML and returns all character
// data and attribute values, unescaped.
func wellFormed(t *testing.T, data []byte) (text []string, attrs map[string][]string) {
	t.Helper()
	attrs = map[string][]string{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = append(attrs[a.Name.Local], a.Value)
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				text = append(text, s)
			}
		}
	}
	return text, attrs
}

func TestPosterSVG(t *testing.T) {
	p := Poster{
		AgencyTH:  `กรมการปกครอง <script>alert("x")</script> & "คำพูด"`,
		AgencyEN:  `Department of Provincial Administration & "Co" <b>`,
		PointTH:   "สำนักงานเขตพระนคร ฝ่ายทะเบียน",
		PointEN:   "Phra Nakhon District Office, Registration",
		URL:       "https://info.example.go.th/rate/AB12CD",
		ShortLink: "info.example.go.th/rate/AB12CD",
	}
	data, err := p.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, bad := range []string{"<script", "<b>", `"x"`} {
		if strings.Contains(s, bad) {
			t.Errorf("unescaped %q in SVG", bad)
		}
	}
	for _, want := range []string{
		`viewBox="0 0 210 297"`, `width="210mm"`, `height="297mm"`,
		`font-family="` + FontFamily + `"`,
		"&lt;script&gt;", "&amp;", "&#34;คำพูด&#34;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	text, attrs := wellFormed(t, data)
	all := strings.Join(text, "\n")
	for _, want := range []string{"<script>alert(\"x\")</script>", "&", "กรมการปกครอง", "สำนักงานเขตพระนคร", "Department of Provincial Administration", CallToRateTH, CallToRateEN, p.ShortLink, FooterTH} {
		if !strings.Contains(all, want) {
			t.Errorf("poster text lacks %q; text:\n%s", want, all)
		}
	}
	// The QR path is embedded in a transformed group and encodes the URL.
	m, err := matrix(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s, `d="`+modulePath(m, QuietZone)+`"`) {
		t.Error("poster lacks the QR path")
	}
	if !regexp.MustCompile(`<g transform="translate\([\d.]+ [\d.]+\) scale\([\d.]+\)"[^>]*>\s*<rect[^>]*/>\s*<path class="qr"`).MatchString(s) {
		t.Error("QR path is not in a <g transform>")
	}
	if len(attrs["href"]) != 0 {
		t.Error("poster has external references")
	}
	// The short link is large (at least 8 mm).
	if !regexp.MustCompile(`<text class="link" [^>]*font-size="(\d+(\.\d+)?)"`).MatchString(s) {
		t.Fatal("no short link text")
	}
	size, _ := strconv.ParseFloat(regexp.MustCompile(`<text class="link" [^>]*font-size="([\d.]+)"`).FindStringSubmatch(s)[1], 64)
	if size < 8 {
		t.Errorf("short link font size %v mm", size)
	}
}

func TestPosterDefaultShortLinkAndHTML(t *testing.T) {
	p := Poster{AgencyTH: "กรมการกงสุล", PointTH: "จุดบริการ", URL: "https://info.example.go.th/rate/ZZ11"}
	data, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{"@page { size: A4 portrait; margin: 0; }", `<html lang="th">`, "info.example.go.th/rate/ZZ11</text>", "<svg "} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(s, ">https://") {
		t.Error("default short link keeps the scheme")
	}
}

func TestWrapLongThaiName(t *testing.T) {
	long := "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ศูนย์ช่วยเหลือสังคมสายด่วนหนึ่งสามศูนย์ศูนย์จังหวัดพระนครศรีอยุธยา " +
		"กองทะเบียนประวัติอาชญากรสำนักงานตำรวจแห่งชาติ ฝ่ายบริการประชาชน ชั้นหนึ่ง อาคารศูนย์ราชการเฉลิมพระเกียรติ"
	lines := wrapText(long, contentW, 15)
	if len(lines) < 3 {
		t.Fatalf("only %d lines: %q", len(lines), lines)
	}
	if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(long, " ", "") {
		t.Errorf("wrapping lost text:\n%q\n%q", got, long)
	}
	for _, l := range lines {
		if w := estimateWidth(l, 15); w > contentW {
			t.Errorf("line %q estimated %.1f mm > %.1f", l, w, contentW)
		}
		r := []rune(l)
		if isThaiCombining(r[0]) || r[0] == 'ำ' {
			t.Errorf("line %q starts with a combining mark", l)
		}
		if isThaiLeadingVowel(r[len(r)-1]) {
			t.Errorf("line %q ends with a leading vowel", l)
		}
	}

	// In the poster, every text line is estimated narrower than the page.
	p := Poster{AgencyTH: long, AgencyEN: strings.Repeat("Ministry of Social Development ", 10), PointTH: long + long, URL: testURLs[1]}
	data, err := p.SVG()
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, data)
	re := regexp.MustCompile(`<text [^>]*font-size="([\d.]+)"[^>]*>([^<]*)</text>`)
	found := 0
	for _, sm := range re.FindAllStringSubmatch(string(data), -1) {
		size, _ := strconv.ParseFloat(sm[1], 64)
		txt := sm[2]
		if w := estimateWidth(unescape(t, txt), size); w > contentW {
			t.Errorf("line %q at %v mm estimated %.1f mm wide", txt, size, w)
		}
		found++
	}
	if found < 6 {
		t.Errorf("only %d text lines", found)
	}
}

func unescape(t *testing.T, s string) string {
	t.Helper()
	var v string
	if err := xml.Unmarshal([]byte("<a>"+s+"</a>"), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestClusters(t *testing.T) {
	got := clusters("เกี่ยวกับน้ำ")
	want := []string{"เกี่", "ย", "ว", "กั", "บ", "น้ำ"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("clusters = %q, want %q", got, want)
	}
}

func BenchmarkQRPNG(b *testing.B) {
	for b.Loop() {
		if _, err := QRPNG(testURLs[1], 512); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPosterSVG(b *testing.B) {
	p := Poster{AgencyTH: "กรมการปกครอง", PointTH: "สำนักงานเขตพระนคร", URL: testURLs[0]}
	for b.Loop() {
		if _, err := p.SVG(); err != nil {
			b.Fatal(err)
		}
	}
}
