package thai

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"spaces only", " \t\n\u00A0\u3000 ", ""},
		{"collapse whitespace", "  ขอ \t\n ใบอนุญาต  ", "ขอ ใบอนุญาต"},
		{"zero width space", "ขอ\u200Bใบ\u200Cอนุ\u200Dญาต\uFEFF\u00AD\u2060", "ขอใบอนุญาต"},
		{"control chars", "ขอ\x00ใบ\x07\x1b", "ขอใบ"},
		{"sara am decomposed", "น\u0E4D\u0E32", "น\u0E33"},
		{"sara am tone between", "น\u0E4D\u0E49\u0E32", "น\u0E49\u0E33"},
		{"tone before nikhahit", "น\u0E49\u0E4D\u0E32", "น\u0E49\u0E33"},
		{"tone after sara am", "น\u0E33\u0E49", "น\u0E49\u0E33"},
		{"sara am canonical stays", "น้ำ", "น้ำ"},
		{"double tone mark", "ก\u0E48\u0E48อน", "ก\u0E48อน"},
		{"double sara u", "ส\u0E38\u0E38ข", "ส\u0E38ข"},
		{"sara u and tone reordered", "ผ\u0E49\u0E38", "ผ\u0E38\u0E49"},
		{"double sara aa", "ภาาษี", "ภาษี"},
		{"sara e twice is sara ae", "เเจ้ง", "แจ้ง"},
		{"thai digits", "๒๕๖๗ ๐๙", "2567 09"},
		{"lower latin", "Online ID CARD", "online id card"},
		{"invalid utf8 dropped", "ขอ\xff\xfeใบ", "ขอใบ"},
		{"nfc latin", "Cafe\u0301", "café"},
		{"kelvin sign", "\u212A", "k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q (%U), want %q (%U)", tt.in, got, []rune(got), tt.want, []rune(tt.want))
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestNormalizeSaraAmVariantsSegmentAlike(t *testing.T) {
	d := Default()
	variants := []string{
		"ขอใช้น\u0E49\u0E33ประปา",       // canonical
		"ขอใช้น\u0E4D\u0E49\u0E32ประปา", // nikhahit, tone, sara aa
		"ขอใช้น\u0E49\u0E4D\u0E32ประปา", // tone, nikhahit, sara aa
		"ขอใช้น\u0E33\u0E49ประปา",       // tone typed after sara am
		"ขอใช้\u200Bน้ำประปา",           // zero-width space
	}
	want := d.Tokenize(variants[0])
	if !equal(want, []string{"ขอ", "ใช้", "น้ำประปา"}) {
		t.Fatalf("canonical form segments as %q", want)
	}
	for _, v := range variants[1:] {
		if got := d.Tokenize(v); !equal(got, want) {
			t.Errorf("Tokenize(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestNormalizeBinary(t *testing.T) {
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(i * 7919)
	}
	got := Normalize(string(b))
	if !utf8.ValidString(got) {
		t.Fatal("invalid UTF-8 out")
	}
	if Normalize(got) != got {
		t.Fatal("not idempotent on binary input")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNormalFast: the fast path accepts normal Thai and ASCII text, and
// refuses everything Normalize would change.
func TestNormalFast(t *testing.T) {
	for _, s := range []string{"การขออนุญาตก่อสร้างอาคาร", "ใบอนุญาต no. 12/2567", "น้ำ", "กุ้ง", "ผู้สูงอายุ", "a b"} {
		if !normalFast(s) {
			t.Errorf("normalFast(%q) = false, want true", s)
		}
		if got := normalizeFull(s); got != s {
			t.Errorf("test case %q is not normal: %q", s, got)
		}
	}
	for _, s := range []string{
		" น้ำ", "น้ำ ", "a  b", "ABC", "๑๒๓", "\u0E19\u0E4D\u0E32", "\u0E19\u0E33\u0E49", "เเก", "กาา", "ก\u0E48\u0E48",
		"ก\u0E48\u0E38", // tone mark before sara u: NFC reorders
		"ก\u200Bข", "a\tb", "é", "\xff",
	} {
		if normalFast(s) {
			t.Errorf("normalFast(%q) = true, but Normalize gives %q", s, normalizeFull(s))
		}
	}
}
