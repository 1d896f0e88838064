package digitalid

import (
	"errors"
	"strings"
	"unicode"

	openinfo "github.com/openinfo/openinfo"
)

// normDigits keeps digits (Thai digits become ASCII) and drops spaces and
// dashes; anything else fails.
func normDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '๐' && r <= '๙':
			b.WriteRune('0' + (r - '๐'))
		case r == '-' || unicode.IsSpace(r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

// parseField runs one of the root package's identifier parsers
// (openinfo.ParseCitizenID, ParseLaserCode, parseMobileE164) and puts its
// Thai/English message on field when the input is wrong.
func parseField(v *validation, field, s string, parse func(string) (string, error)) (string, bool) {
	out, err := parse(s)
	if err != nil {
		var e *openinfo.Error
		if errors.As(err, &e) {
			v.add(field, msg{e.TH, e.EN})
		} else {
			v.add(field, msgFormErrors)
		}
		return "", false
	}
	return out, true
}

// parseMobileE164 returns a Thai mobile number in E.164 (+66 and 9 digits).
func parseMobileE164(s string) (string, error) {
	m, err := openinfo.ParseMobile(s)
	if err != nil {
		return "", err
	}
	return "+66" + m[1:], nil
}

// nationalMobile shows +66812345678 as 081 234 5678.
func nationalMobile(e164 string) string {
	if len(e164) != 12 {
		return e164
	}
	n := "0" + e164[3:]
	return n[:3] + " " + n[3:6] + " " + n[6:]
}

// maskMobile shows only the last 4 digits: 08x xxx 5678.
func maskMobile(e164 string) string {
	n := nationalMobile(e164)
	if len(n) != 12 {
		return n
	}
	return n[:2] + "x xxx " + n[8:]
}

// validation collects field errors.
type validation struct{ fields []openinfo.FieldError }

func (v *validation) add(field string, m msg) {
	for _, f := range v.fields {
		if f.Field == field {
			return // the first problem of a field is enough
		}
	}
	v.fields = append(v.fields, openinfo.FieldError{Field: field, TH: m.TH, EN: m.EN})
}

func (v *validation) err() *openinfo.Error {
	if len(v.fields) == 0 {
		return nil
	}
	return &openinfo.Error{Code: openinfo.EINVALID, TH: msgFormErrors.TH, EN: msgFormErrors.EN, Fields: v.fields}
}

func checkName(v *validation, field, s string) {
	if s == "" {
		v.add(field, msgRequired)
		return
	}
	if len([]rune(s)) > 100 {
		v.add(field, msgNameTooLong)
		return
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) && r != ' ' && r != '-' && r != '.' && r != '\'' {
			v.add(field, msgNameChars)
			return
		}
	}
}

// checkUsername: English letters and digits, 6–30 characters (seed 003).
func checkUsername(v *validation, u string) {
	if u == "" {
		v.add("username", msgRequired)
		return
	}
	if len(u) < 6 || len(u) > 30 {
		v.add("username", msgUsernameLength)
		return
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			v.add("username", msgUsernameChars)
			return
		}
	}
}

// checkPassword: 8–128 characters with an uppercase and a lowercase English
// letter and a digit, not containing the user name.
func checkPassword(v *validation, field, pw, username string) {
	if pw == "" {
		v.add(field, msgRequired)
		return
	}
	var upper, lower, digit bool
	for _, r := range pw {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	if len([]rune(pw)) < 8 || len(pw) > 128 || !upper || !lower || !digit {
		v.add(field, msgPasswordWeak)
		return
	}
	if username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		v.add(field, msgPasswordHasUsername)
	}
}
