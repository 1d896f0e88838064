package thai

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"   ",
	"ขอใบอนุญาตขับขี่",
	"ต่อภาษีรถยนต์ online 2567",
	"น\u0E4D\u0E49\u0E32 น\u0E33\u0E49 ก\u0E48\u0E48 ส\u0E38\u0E38 เเ ๒๕๖๗",
	"ขอ\u200Bใบ\uFEFF\u00AD",
	"จันทร์สิทธิ์เปลี่ยนเมืองเกี่ยว",
	"\xff\xfe\x00ก\u0E48\u200B\u0E48",
	"Cafe\u0301 \u212A İ ǅ",
	"่ ะ ำ ๆ ฯ ฿ ก์ เ่",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: Normalize(%q) = %q (%U), again %q (%U)", s, n, []rune(n), again, []rune(again))
		}
		if normalFast(s) {
			if full := normalizeFull(s); full != s {
				t.Fatalf("fast path took %q (%U) as normal; the full path gives %q (%U)", s, []rune(s), full, []rune(full))
			}
		}
	})
}

func FuzzSegment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	d := Default()
	f.Fuzz(func(t *testing.T, s string) {
		// Raw input must not panic either.
		for _, tok := range d.SegmentOffsets(s) {
			if tok.Text == "" || s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("raw %q: bad token %+v", s, tok)
			}
		}
		n := Normalize(s)
		toks := d.SegmentOffsets(n)
		checkTokens(t, n, toks)
		// The Thai tokens put together give back the Thai runs.
		var thai, runs strings.Builder
		for _, tok := range toks {
			if r, _ := utf8.DecodeRuneInString(tok.Text); isThaiBase(r) {
				thai.WriteString(tok.Text)
			}
		}
		forEachThaiRun(n, func(run string) { runs.WriteString(run) })
		if thai.String() != runs.String() {
			t.Fatalf("%q: Thai tokens %q, runs %q", n, thai.String(), runs.String())
		}
	})
}
