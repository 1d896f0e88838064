package openinfo

import (
	"testing"
	"unicode/utf8"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"02-612-6262", "026126262", true},
		{"026126262 #1234", "026126262 #1234", true}, // DOMAIN.md §3 format
		{"02 612 6262 ต่อ 12", "026126262 #12", true},
		{"053 111 111 ext. 5", "053111111 #5", true},
		{"081-234-5678", "0812345678", true},
		{"+66 81 234 5678", "0812345678", true},
		{"+6621415555", "021415555", true},
		{"(02) 141-5555", "021415555", true},
		{"๐๘๑๒๓๔๕๖๗๘", "0812345678", true},
		{"1111", "1111", true},
		{"1206", "1206", true},
		{"", "", false},
		{"02-12", "", false},
		{"12345", "", false},
		{"0112345678", "", false}, // no 01 prefix
		{"081234567", "", false},  // mobile with 9 digits
		{"021415555x", "", false}, // empty extension
		{"1111 #2", "", false},    // hotlines have no extension
		{"+1 202 555 0100", "", false},
		{"โทร 02 141 5555", "", false},
		{"02 141 5555 #1234567", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizePhone(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	for in, want := range map[string]string{
		"021415555":     "02 141 5555",
		"053111111 #12": "053 111 111 ต่อ 12",
		"0812345678":    "081 234 5678",
		"1111":          "1111",
	} {
		if got := FormatPhone(in); got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzNormalizePhone: never panics, the canonical form is a fixed point, and
// it only ever holds ASCII digits, " #" and an extension.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"02-612-6262", "026126262 #1234", "+66 81 234 5678", "๐๘๑", "1111", "ต่อ", "x#x", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := NormalizePhone(s)
		if !ok {
			return
		}
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 %q from %q", n, s)
		}
		again, ok2 := NormalizePhone(n)
		if !ok2 || again != n {
			t.Fatalf("not a fixed point: %q -> %q -> %q (%v)", s, n, again, ok2)
		}
		for _, r := range n {
			if !(r >= '0' && r <= '9') && r != ' ' && r != '#' {
				t.Fatalf("unexpected %q in %q", r, n)
			}
		}
	})
}
