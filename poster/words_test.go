package poster

import (
	"strings"
	"testing"
)

// TestWrapAtWords: with a word splitter, a Thai line breaks between words
// ("…จังหวัด|สงขลา", never "…สงขล|า"); without one, between clusters.
func TestWrapAtWords(t *testing.T) {
	s := "งานใบอนุญาตขับรถสำนักงานขนส่งจังหวัดสงขลาสาขาอำเภอหาดใหญ่"
	words := func(string) []string {
		return []string{"งาน", "ใบอนุญาต", "ขับ", "รถ", "สำนักงาน", "ขนส่ง", "จังหวัด", "สงขลา", "สาขา", "อำเภอ", "หาดใหญ่"}
	}
	ends := map[int]bool{}
	at, widest := 0, 0.0
	for _, w := range words("") {
		at += len(w)
		ends[at] = true
		widest = max(widest, estimateWidth(w, 15))
	}
	for _, width := range []float64{widest, 1.5 * widest, contentW} {
		lines := wrapTextWords(s, width, 15, words)
		if strings.Join(lines, "") != s {
			t.Fatalf("width %v: text changed: %q", width, lines)
		}
		at := 0
		for _, l := range lines {
			at += len(l)
			if !ends[at] {
				t.Errorf("width %.0f: a line ends inside a word: %q", width, lines)
			}
		}
	}
	// A poster with a splitter prints the point's name at word breaks.
	p := Poster{AgencyTH: "กรมการขนส่งทางบก", PointTH: s, URL: "https://info.go.th/rate/ABC2345", Words: words}
	svg, err := p.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(svg), "สงขล</text>") {
		t.Error("the poster breaks สงขลา")
	}
}
