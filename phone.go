package openinfo

import (
	"strings"
	"unicode"
)

// NormalizePhone checks a Thai phone number as officers type it and returns it in
// one canonical form, so the same number never appears twice in two spellings.
//
// Accepted: landlines (0 + 8 digits, "02 612 6262"), mobiles (0[689] + 8 digits),
// four-digit hotlines ("1111"), +66 international form, and an extension after
// "#", "ต่อ" or "ext" ("026126262 #1234", DOMAIN.md §3). Thai digits are allowed.
// The canonical form is the national digits, then " #ext" if any.
func NormalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return "", false
	}
	main, ext, hasExt := s, "", false
	for _, sep := range []string{"#", "ต่อ", "ext.", "ext", "x"} {
		if i := strings.Index(asciiLower(main), sep); i >= 0 {
			main, ext, hasExt = main[:i], main[i+len(sep):], true
			break
		}
	}
	digits, ok := phoneDigits(main, true)
	if !ok {
		return "", false
	}
	if strings.HasPrefix(digits, "+66") {
		digits = "0" + digits[3:]
	} else if strings.HasPrefix(digits, "+") {
		return "", false
	}
	switch {
	case len(digits) == 4 && digits[0] == '1': // hotline, e.g. 1111, 1548
	case len(digits) == 10 && digits[0] == '0' && strings.ContainsRune("689", rune(digits[1])):
	case len(digits) == 9 && digits[0] == '0' && strings.ContainsRune("234567", rune(digits[1])):
	default:
		return "", false
	}
	if hasExt {
		e, ok := phoneDigits(ext, false)
		if !ok || len(e) == 0 || len(e) > 6 || len(digits) == 4 {
			return "", false
		}
		return digits + " #" + e, true
	}
	return digits, true
}

// phoneDigits keeps digits (Thai digits become ASCII) and drops separators;
// anything else makes the number invalid.
func phoneDigits(s string, allowPlus bool) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '๐' && r <= '๙':
			b.WriteRune('0' + (r - '๐'))
		case r == '+' && i == 0 && allowPlus:
			b.WriteRune(r)
		case r == '-' || r == '.' || r == '(' || r == ')' || unicode.IsSpace(r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

// FormatPhone shows a canonical number the way Thais write it: 02 612 6262,
// 081 234 5678.
func FormatPhone(p string) string {
	num, ext, _ := strings.Cut(p, " #")
	switch {
	case len(num) == 10:
		num = num[:3] + " " + num[3:6] + " " + num[6:]
	case len(num) == 9 && num[1] == '2':
		num = num[:2] + " " + num[2:5] + " " + num[5:]
	case len(num) == 9:
		num = num[:3] + " " + num[3:6] + " " + num[6:]
	}
	if ext != "" {
		return num + " ต่อ " + ext
	}
	return num
}

// asciiLower lowers ASCII letters only, keeping byte offsets valid for s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
