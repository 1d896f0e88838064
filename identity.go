package openinfo

import (
	"strings"
	"unicode"
)

// Thai personal identifiers as officers and citizens type them (DOMAIN.md §5).
// Each Parse function accepts what people paste from cards, letters and chat
// apps (dashes, spaces, Thai digits ๐–๙) and returns one canonical form, so the
// same person never appears twice in two spellings. Errors are *Error with code
// EINVALID and say, in Thai and English, what to fix.

// ParseCitizenID checks a 13-digit Thai citizen ID (เลขประจำตัวประชาชน) and
// returns its 13 ASCII digits. "1-1017-00207-37-1", "1 1017 00207 37 1" and
// Thai digits are accepted.
//
// The first digit is the person type: 1–8 are the types of Thai nationals and
// registered residents; 0 (people without registration status) and 9 are not
// accepted, since an officer who logs in with Digital ID has a type 1–8 card.
// The last digit is the check digit of DOMAIN.md §5.
func ParseCitizenID(s string) (string, error) {
	d, ok := cleanIdentifier(s, false)
	switch {
	case !ok:
		return "", Errorf(EINVALID,
			"เลขประจำตัวประชาชนมีได้เฉพาะตัวเลข 13 หลัก ขีด (-) และช่องว่าง",
			"The citizen ID is 13 digits; only digits, dashes and spaces are allowed.")
	case d == "":
		return "", Errorf(EINVALID,
			"กรุณากรอกเลขประจำตัวประชาชน 13 หลัก",
			"Enter the 13-digit citizen ID.")
	case len(d) != 13:
		return "", Errorf(EINVALID,
			"เลขประจำตัวประชาชนต้องมี 13 หลัก แต่กรอกมา %d หลัก",
			"The citizen ID has 13 digits, but %d were entered.", len(d))
	case d[0] == '0' || d[0] == '9':
		return "", Errorf(EINVALID,
			"เลขประจำตัวประชาชนต้องขึ้นต้นด้วยเลข 1 ถึง 8 กรุณาตรวจสอบหลักแรก",
			"A citizen ID starts with a digit from 1 to 8; check the first digit.")
	}
	c, _ := CitizenIDCheckDigit(d[:12])
	if d[12] != c {
		return "", Errorf(EINVALID,
			"เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้าย (เลขตรวจสอบ) ไม่ตรงกับ 12 หลักแรก กรุณาตรวจสอบว่าไม่ได้พิมพ์ผิดหรือสลับตัวเลข",
			"The citizen ID is not valid: the last (check) digit does not match the first 12. Look for a mistyped or swapped digit.")
	}
	return d, nil
}

// CitizenIDCheckDigit returns the check digit, as an ASCII digit '0'–'9', that
// completes the 12 ASCII digits first12 into a citizen ID:
// sum = Σ d[i]·(13−i), check = (11 − sum%11) % 10. Test data generators use
// it to make valid IDs; remember that ParseCitizenID also wants the first
// digit to be 1–8.
func CitizenIDCheckDigit(first12 string) (byte, error) {
	if !isDigits(first12, 12) {
		return 0, Errorf(EINVALID,
			"ต้องระบุเลข 12 หลักแรกของเลขประจำตัวประชาชน",
			"The first 12 digits of the citizen ID are needed.")
	}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(first12[i]-'0') * (13 - i)
	}
	return byte('0' + (11-sum%11)%10), nil
}

// FormatCitizenID shows a canonical citizen ID as on the card:
// "1-1017-00207-37-1". Anything else is returned unchanged.
func FormatCitizenID(id string) string {
	if !isDigits(id, 13) {
		return id
	}
	return id[:1] + "-" + id[1:5] + "-" + id[5:10] + "-" + id[10:12] + "-" + id[12:]
}

// ParseLaserCode checks the laser code on the back of the ID card
// (เลขหลังบัตร): 2 letters and 10 digits, "JT1-2345678-90". Dashes, spaces,
// lower-case letters and Thai digits are accepted; the result is 12 characters,
// upper case, without separators: "JT1234567890".
func ParseLaserCode(s string) (string, error) {
	c, ok := cleanIdentifier(s, true)
	switch {
	case !ok:
		return "", Errorf(EINVALID,
			"เลขหลังบัตรประชาชนมีได้เฉพาะอักษรภาษาอังกฤษ 2 ตัว ตามด้วยตัวเลข 10 หลัก เช่น JT1-2345678-90",
			"The laser code on the back of the ID card is 2 English letters and 10 digits, e.g. JT1-2345678-90.")
	case c == "":
		return "", Errorf(EINVALID,
			"กรุณากรอกเลขหลังบัตรประชาชน (อักษรภาษาอังกฤษ 2 ตัว และตัวเลข 10 หลัก)",
			"Enter the laser code from the back of the ID card (2 letters and 10 digits).")
	case len(c) != 12:
		return "", Errorf(EINVALID,
			"เลขหลังบัตรประชาชนต้องมี 12 ตัว (อักษรภาษาอังกฤษ 2 ตัว และตัวเลข 10 หลัก) แต่กรอกมา %d ตัว",
			"The laser code has 12 characters (2 letters and 10 digits), but %d were entered.", len(c))
	}
	if !isUpperLetter(c[0]) || !isUpperLetter(c[1]) || !isDigits(c[2:], 10) {
		return "", Errorf(EINVALID,
			"เลขหลังบัตรประชาชนต้องขึ้นต้นด้วยอักษรภาษาอังกฤษ 2 ตัว ตามด้วยตัวเลข 10 หลัก เช่น JT1-2345678-90",
			"The laser code starts with 2 English letters followed by 10 digits, e.g. JT1-2345678-90.")
	}
	return c, nil
}

// FormatLaserCode shows a canonical laser code as printed on the card:
// "JT1-2345678-90". Anything else is returned unchanged.
func FormatLaserCode(c string) string {
	if len(c) != 12 || !isUpperLetter(c[0]) || !isUpperLetter(c[1]) || !isDigits(c[2:], 10) {
		return c
	}
	return c[:3] + "-" + c[3:10] + "-" + c[10:]
}

// ParseMobile checks a Thai mobile number, the only kind that can receive an
// SMS OTP, and returns its national form of 10 digits, "0812345678".
//
// Accepted: 0[689] and 8 digits in any grouping ("081-234-5678",
// "081 234 5678", Thai digits), the international form "+66 81 234 5678"
// (also "+66 (0)81 234 5678" and "66812345678"). This is the national
// numbering plan's mobile prefix; the operators' live ranges are narrower
// (libphonenumber, DOMAIN.md §5), and the SMS gateway is the judge of those.
func ParseMobile(s string) (string, error) {
	d, plus, ok := cleanMobile(s)
	if !ok {
		return "", Errorf(EINVALID,
			"หมายเลขโทรศัพท์มือถือมีได้เฉพาะตัวเลข เช่น 081 234 5678",
			"A mobile number has only digits, e.g. 081 234 5678.")
	}
	if d == "" {
		return "", Errorf(EINVALID,
			"กรุณากรอกหมายเลขโทรศัพท์มือถือ 10 หลัก เช่น 081 234 5678",
			"Enter a 10-digit mobile number, e.g. 081 234 5678.")
	}
	switch {
	case strings.HasPrefix(d, "66") && (plus || len(d) == 11):
		d = d[2:]
		if len(d) == 10 && d[0] == '0' { // +66 (0)81 234 5678
			d = d[1:]
		}
		if d == "" || d[0] == '0' {
			return "", Errorf(EINVALID,
				"หมายเลขโทรศัพท์มือถือในรูปแบบ +66 ต้องมีตัวเลข 9 หลักหลัง +66 เช่น +66 81 234 5678",
				"After +66 a mobile number has 9 digits, e.g. +66 81 234 5678.")
		}
		d = "0" + d // then checked as a national number
	case plus:
		return "", Errorf(EINVALID,
			"รับเฉพาะหมายเลขโทรศัพท์มือถือของประเทศไทย (+66) เท่านั้น",
			"Only Thai mobile numbers (+66) can be used.")
	}
	switch {
	case d[0] != '0':
		return "", Errorf(EINVALID,
			"หมายเลขโทรศัพท์มือถือต้องขึ้นต้นด้วย 06, 08 หรือ 09 เช่น 081 234 5678",
			"A mobile number starts with 06, 08 or 09, e.g. 081 234 5678.")
	case len(d) == 9 && d[1] >= '2' && d[1] <= '7':
		return "", Errorf(EINVALID,
			"หมายเลขนี้เป็นโทรศัพท์พื้นฐาน รับ SMS ไม่ได้ กรุณากรอกหมายเลขโทรศัพท์มือถือ",
			"This is a landline number, which cannot receive SMS; enter a mobile number.")
	case len(d) != 10:
		return "", Errorf(EINVALID,
			"หมายเลขโทรศัพท์มือถือต้องมี 10 หลัก แต่กรอกมา %d หลัก",
			"A mobile number has 10 digits, but %d were entered.", len(d))
	case d[1] != '6' && d[1] != '8' && d[1] != '9':
		return "", Errorf(EINVALID,
			"หมายเลขโทรศัพท์มือถือต้องขึ้นต้นด้วย 06, 08 หรือ 09",
			"A mobile number starts with 06, 08 or 09.")
	}
	return d, nil
}

// MobileE164 returns a mobile number in E.164 form for the SMS gateway:
// "0812345678" → "+66812345678". It returns "" for anything ParseMobile
// rejects, so a bad number is never sent on.
func MobileE164(n string) string {
	m, err := ParseMobile(n)
	if err != nil {
		return ""
	}
	return "+66" + m[1:]
}

// cleanIdentifier keeps the digits of s (Thai digits become ASCII) and, when
// letters is set, its ASCII letters in upper case; it drops dashes, spaces and
// invisible characters. ok is false when anything else is found.
func cleanIdentifier(s string, letters bool) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '๐' && r <= '๙':
			b.WriteRune('0' + (r - '๐'))
		case letters && r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case letters && r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case isIdentifierSeparator(r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

// cleanMobile keeps the digits of a phone number and reports whether it began
// with "+"; dots and brackets are separators too, as in "(081) 234.5678".
func cleanMobile(s string) (digits string, plus, ok bool) {
	s = strings.TrimFunc(s, isIdentifierSeparator)
	if rest, found := strings.CutPrefix(s, "+"); found {
		s, plus = rest, true
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '๐' && r <= '๙':
			b.WriteRune('0' + (r - '๐'))
		case r == '.' || r == '(' || r == ')' || isIdentifierSeparator(r):
		default:
			return "", false, false
		}
	}
	return b.String(), plus, true
}

// isIdentifierSeparator reports whether r may separate groups of an
// identifier: spaces, hyphens and dashes (word processors turn "-" into
// "–"), and the zero-width characters that copying from PDFs and chat apps
// leaves behind.
func isIdentifierSeparator(r rune) bool {
	switch {
	case r == '-' || r == '\u2212' || (r >= '\u2010' && r <= '\u2015'):
		return true
	case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
