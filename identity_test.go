package openinfo

import (
	"strings"
	"testing"
)

// wantInvalid checks that err is an *Error with code EINVALID and a message
// in both languages that contains the given fragments.
func wantInvalid(t *testing.T, name string, err error, th, en string) {
	t.Helper()
	if ErrorCode(err) != EINVALID {
		t.Errorf("%s: error %v has code %q, want %q", name, err, ErrorCode(err), EINVALID)
		return
	}
	if got := ErrorMessage(err, "th"); !strings.Contains(got, th) {
		t.Errorf("%s: Thai message %q lacks %q", name, got, th)
	}
	if got := ErrorMessage(err, "en"); !strings.Contains(got, en) {
		t.Errorf("%s: English message %q lacks %q", name, got, en)
	}
}

func TestParseCitizenID(t *testing.T) {
	tests := []struct {
		in, want string
		th, en   string // fragments of the error, when one is wanted
	}{
		{in: "1234567890121", want: "1234567890121"},
		{in: "1-2345-67890-12-1", want: "1234567890121"},
		{in: " 1 2345 67890 12 1 ", want: "1234567890121"},
		{in: "1–2345–67890–12–1", want: "1234567890121"}, // en dashes from a word processor
		{in: "1\u200b2345678901 21", want: "1234567890121"},
		{in: "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑", want: "1234567890121"},
		{in: "1-1017-00207-37-4", want: "1101700207374"},
		{in: "3100600123450", want: "3100600123450"},
		{in: "8000000000006", want: "8000000000006"},

		{in: "", th: "กรุณากรอก", en: "Enter the 13-digit"},
		{in: " - ", th: "กรุณากรอก", en: "Enter the 13-digit"},
		{in: "123456789012", th: "กรอกมา 12 หลัก", en: "12 were entered"},
		{in: "12345678901211", th: "กรอกมา 14 หลัก", en: "14 were entered"},
		{in: "1234567890122", th: "เลขตรวจสอบ", en: "check) digit"},
		{in: "1-1017-00207-37-1", th: "เลขตรวจสอบ", en: "check) digit"},
		{in: "2134567890121", th: "สลับ", en: "swapped"}, // two digits swapped
		{in: "0000000000001", th: "1 ถึง 8", en: "from 1 to 8"},
		{in: "9000000000001", th: "1 ถึง 8", en: "from 1 to 8"},
		{in: "1234567890l21", th: "เฉพาะตัวเลข", en: "only digits"},
		{in: "1.2345.67890.12.1", th: "เฉพาะตัวเลข", en: "only digits"},
		{in: "１２３４５６７８９０１２１", th: "เฉพาะตัวเลข", en: "only digits"}, // full-width digits
	}
	for _, tt := range tests {
		got, err := ParseCitizenID(tt.in)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseCitizenID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if got != "" {
			t.Errorf("ParseCitizenID(%q) = %q, want \"\" with an error", tt.in, got)
		}
		wantInvalid(t, "ParseCitizenID("+tt.in+")", err, tt.th, tt.en)
	}
}

func TestCitizenIDCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want byte
		ok   bool
	}{
		{"123456789012", '1', true},
		{"110170020737", '4', true},
		{"310060012345", '0', true},
		{"800000000000", '6', true},
		{"199999999999", '9', true},
		{"12345678901", 0, false},
		{"1234567890123", 0, false},
		{"12345678901x", 0, false},
		{"๑๒๓๔๕๖๗๘๙๐๑๒", 0, false}, // canonical ASCII only
	}
	for _, tt := range tests {
		got, err := CitizenIDCheckDigit(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("CitizenIDCheckDigit(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("CitizenIDCheckDigit(%q): code %q", tt.in, ErrorCode(err))
		}
	}
	// Every ID the check digit completes parses, when its first digit is 1–8,
	// and every other last digit is refused.
	for _, first12 := range []string{"100000000000", "555555555555", "812345678901", "376543210987"} {
		c, err := CitizenIDCheckDigit(first12)
		if err != nil {
			t.Fatal(err)
		}
		for d := byte('0'); d <= '9'; d++ {
			_, err := ParseCitizenID(first12 + string(d))
			if (err == nil) != (d == c) {
				t.Errorf("ParseCitizenID(%s%c): err = %v, check digit is %c", first12, d, err, c)
			}
		}
	}
}

func TestFormatCitizenID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1234567890121", "1-2345-67890-12-1"},
		{"1101700207374", "1-1017-00207-37-4"},
		{"123", "123"},
		{"1-2345-67890-12-1", "1-2345-67890-12-1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FormatCitizenID(tt.in); got != tt.want {
			t.Errorf("FormatCitizenID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseLaserCode(t *testing.T) {
	tests := []struct {
		in, want string
		th, en   string
	}{
		{in: "JT1-2345678-90", want: "JT1234567890"},
		{in: "JT1234567890", want: "JT1234567890"},
		{in: "jt1-2345678-90", want: "JT1234567890"},
		{in: " Me0 1234567 89 ", want: "ME0123456789"},
		{in: "JT๑-๒๓๔๕๖๗๘-๙๐", want: "JT1234567890"},

		{in: "", th: "กรุณากรอก", en: "Enter the laser code"},
		{in: "JT1-2345678-9", th: "กรอกมา 11 ตัว", en: "11 were entered"},
		{in: "JT1-2345678-901", th: "กรอกมา 13 ตัว", en: "13 were entered"},
		{in: "J12-3456789-01", th: "ขึ้นต้นด้วยอักษร", en: "starts with 2 English letters"},
		{in: "123-4567890-12", th: "ขึ้นต้นด้วยอักษร", en: "starts with 2 English letters"},
		{in: "JTA-2345678-90", th: "ขึ้นต้นด้วยอักษร", en: "starts with 2 English letters"},
		{in: "JT1-2345678-9O", th: "ขึ้นต้นด้วยอักษร", en: "starts with 2 English letters"}, // letter O for zero
		{in: "JT1/2345678/90", th: "อักษรภาษาอังกฤษ 2 ตัว", en: "2 English letters and 10 digits"},
		{in: "กข1-2345678-90", th: "อักษรภาษาอังกฤษ 2 ตัว", en: "2 English letters and 10 digits"},
		{in: "ſT1-2345678-90", th: "อักษรภาษาอังกฤษ 2 ตัว", en: "2 English letters and 10 digits"}, // long s upper-cases to S elsewhere
	}
	for _, tt := range tests {
		got, err := ParseLaserCode(tt.in)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseLaserCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if got != "" {
			t.Errorf("ParseLaserCode(%q) = %q, want \"\" with an error", tt.in, got)
		}
		wantInvalid(t, "ParseLaserCode("+tt.in+")", err, tt.th, tt.en)
	}
}

func TestFormatLaserCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"JT1234567890", "JT1-2345678-90"},
		{"ME0123456789", "ME0-1234567-89"},
		{"jt1234567890", "jt1234567890"},
		{"JT123", "JT123"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FormatLaserCode(tt.in); got != tt.want {
			t.Errorf("FormatLaserCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseMobile(t *testing.T) {
	tests := []struct {
		in, want string
		th, en   string
	}{
		{in: "0812345678", want: "0812345678"},
		{in: "081-234-5678", want: "0812345678"},
		{in: "081 234 5678", want: "0812345678"},
		{in: "(081) 234.5678", want: "0812345678"},
		{in: "0612345678", want: "0612345678"},
		{in: "0912345678", want: "0912345678"},
		{in: "๐๘๑-๒๓๔-๕๖๗๘", want: "0812345678"},
		{in: "+66812345678", want: "0812345678"},
		{in: "+66 81 234 5678", want: "0812345678"},
		{in: "+66 (0)81 234 5678", want: "0812345678"},
		{in: " +66-81-234-5678 ", want: "0812345678"},
		{in: "66812345678", want: "0812345678"},

		{in: "", th: "กรุณากรอก", en: "Enter a 10-digit"},
		{in: "+", th: "กรุณากรอก", en: "Enter a 10-digit"},
		{in: "021415555", th: "โทรศัพท์พื้นฐาน", en: "landline"},
		{in: "+66 2 141 5555", th: "โทรศัพท์พื้นฐาน", en: "landline"},
		{in: "053 111 111", th: "โทรศัพท์พื้นฐาน", en: "landline"},
		{in: "081234567", th: "กรอกมา 9 หลัก", en: "9 were entered"},
		{in: "08123456789", th: "กรอกมา 11 หลัก", en: "11 were entered"},
		{in: "0212345678", th: "06, 08 หรือ 09", en: "06, 08 or 09"},
		{in: "0712345678", th: "06, 08 หรือ 09", en: "06, 08 or 09"},
		{in: "812345678", th: "06, 08 หรือ 09", en: "06, 08 or 09"},
		{in: "1111", th: "06, 08 หรือ 09", en: "06, 08 or 09"},
		{in: "+1 202 555 0100", th: "+66", en: "Thai mobile"},
		{in: "+66", th: "+66", en: "After +66"},
		{in: "+66 00 1234 5678", th: "+66", en: "After +66"},
		{in: "6+6812345678", th: "เฉพาะตัวเลข", en: "only digits"},
		{in: "081 234 5678 ต่อ 1", th: "เฉพาะตัวเลข", en: "only digits"},
		{in: "tel 0812345678", th: "เฉพาะตัวเลข", en: "only digits"},
	}
	for _, tt := range tests {
		got, err := ParseMobile(tt.in)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if got != "" {
			t.Errorf("ParseMobile(%q) = %q, want \"\" with an error", tt.in, got)
		}
		wantInvalid(t, "ParseMobile("+tt.in+")", err, tt.th, tt.en)
	}
}

func TestMobileE164(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0812345678", "+66812345678"},
		{"0612345678", "+66612345678"},
		{"081-234-5678", "+66812345678"},
		{"+66812345678", "+66812345678"},
		{"021415555", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MobileE164(tt.in); got != tt.want {
			t.Errorf("MobileE164(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseCitizenID(f *testing.F) {
	for _, s := range []string{"1234567890121", "1-2345-67890-12-1", "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑", "", "0000000000001", "1234567890122", "1\u200b2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseCitizenID(s)
		if err != nil {
			if id != "" || ErrorCode(err) != EINVALID {
				t.Fatalf("ParseCitizenID(%q) = %q, %v", s, id, err)
			}
			return
		}
		if !isDigits(id, 13) || id[0] < '1' || id[0] > '8' {
			t.Fatalf("ParseCitizenID(%q) = %q: not 13 digits starting 1–8", s, id)
		}
		if c, _ := CitizenIDCheckDigit(id[:12]); c != id[12] {
			t.Fatalf("ParseCitizenID(%q) = %q: bad check digit", s, id)
		}
		for _, again := range []string{id, FormatCitizenID(id)} {
			if id2, err := ParseCitizenID(again); err != nil || id2 != id {
				t.Fatalf("ParseCitizenID(%q) = %q, %v; want %q", again, id2, err, id)
			}
		}
	})
}

func FuzzParseLaserCode(f *testing.F) {
	for _, s := range []string{"JT1-2345678-90", "jt1234567890", "JT๑-๒๓๔๕๖๗๘-๙๐", "", "J12-3456789-01", "ſT1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseLaserCode(s)
		if err != nil {
			if c != "" || ErrorCode(err) != EINVALID {
				t.Fatalf("ParseLaserCode(%q) = %q, %v", s, c, err)
			}
			return
		}
		if len(c) != 12 || !isUpperLetter(c[0]) || !isUpperLetter(c[1]) || !isDigits(c[2:], 10) {
			t.Fatalf("ParseLaserCode(%q) = %q: not 2 letters and 10 digits", s, c)
		}
		for _, again := range []string{c, FormatLaserCode(c)} {
			if c2, err := ParseLaserCode(again); err != nil || c2 != c {
				t.Fatalf("ParseLaserCode(%q) = %q, %v; want %q", again, c2, err, c)
			}
		}
	})
}

func FuzzParseMobile(f *testing.F) {
	for _, s := range []string{"0812345678", "+66 81 234 5678", "+66 (0)81 234 5678", "66812345678", "๐๘๑๒๓๔๕๖๗๘", "", "+", "021415555", "+1 202"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseMobile(s)
		if err != nil {
			if n != "" || ErrorCode(err) != EINVALID {
				t.Fatalf("ParseMobile(%q) = %q, %v", s, n, err)
			}
			return
		}
		if !isDigits(n, 10) || n[0] != '0' || !strings.ContainsRune("689", rune(n[1])) {
			t.Fatalf("ParseMobile(%q) = %q: not 0[689] and 8 digits", s, n)
		}
		e := MobileE164(n)
		if e != "+66"+n[1:] {
			t.Fatalf("MobileE164(%q) = %q", n, e)
		}
		for _, again := range []string{n, e} {
			if n2, err := ParseMobile(again); err != nil || n2 != n {
				t.Fatalf("ParseMobile(%q) = %q, %v; want %q", again, n2, err, n)
			}
		}
		// The phone directory accepts every mobile number and agrees on its form.
		if p, ok := NormalizePhone(n); !ok || p != n {
			t.Fatalf("NormalizePhone(%q) = %q, %v", n, p, ok)
		}
	})
}
