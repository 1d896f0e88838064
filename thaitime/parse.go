package thaitime

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrInvalidDate is wrapped by every error ParseDate returns.
var ErrInvalidDate = errors.New("thaitime: invalid date")

// beThreshold splits four-digit numeric years: BE 2400 is CE 1857, and no
// date the site handles lies in CE 2400 or later, so the rule is unambiguous
// in practice.
const beThreshold = 2400

type era int

const (
	eraGuess era = iota // numeric forms: >= beThreshold is BE, else CE
	eraBE               // Thai month names always come with a BE year
	eraCE               // English month names always come with a CE year
)

// ParseDate parses a date typed by a user or written by FormatDate and returns
// midnight of that day in Bangkok. Thai digits are accepted anywhere.
//
//	2569-11-22, 2026-11-22      year-month-day; a year >= 2400 is BE, else CE
//	22/11/2569, 22/11/2026      day/month/year, same year rule
//	22 พ.ย. 2569                Thai month name (short, long, or without dots,
//	22 พฤศจิกายน พ.ศ. 2569      optional "พ.ศ."): the year is BE
//	22 Nov 2026, 22 November 2026  English month name: the year is CE
//
// Years must have four digits, days and months one or two.
func ParseDate(s string) (time.Time, error) {
	in := strings.TrimSpace(ArabicDigits(s))
	var (
		year, month, day int
		e                era
		reason           string
	)
	switch fields := strings.Fields(in); {
	case in == "":
		reason = "empty"
	case len(fields) > 1:
		year, month, day, e, reason = parseNamed(fields)
	case strings.Count(in, "-") == 2:
		p := strings.Split(in, "-")
		year, month, day, reason = parseNumbers(p[0], p[1], p[2])
	case strings.Count(in, "/") == 2:
		p := strings.Split(in, "/")
		year, month, day, reason = parseNumbers(p[2], p[1], p[0])
	default:
		reason = `want YYYY-MM-DD, DD/MM/YYYY or "22 พ.ย. 2569"`
	}
	if reason != "" {
		return time.Time{}, parseError(s, reason)
	}

	ce := year
	if e == eraBE || e == eraGuess && year >= beThreshold {
		ce = CEFromBE(year)
	}
	if ce < 1 {
		return time.Time{}, parseError(s, "year out of range")
	}
	if month < 1 || month > 12 {
		return time.Time{}, parseError(s, "month out of range")
	}
	// Leap years follow the CE year: BE 2567 is CE 2024, a leap year.
	if day < 1 || day > daysIn(ce, time.Month(month)) {
		return time.Time{}, parseError(s, "day out of range for the month")
	}
	return time.Date(ce, time.Month(month), day, 0, 0, 0, 0, Bangkok), nil
}

func parseError(s, reason string) error {
	return fmt.Errorf("%w %q: %s", ErrInvalidDate, s, reason)
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseNumbers parses the three parts of a numeric date.
func parseNumbers(ys, ms, ds string) (year, month, day int, reason string) {
	var ok bool
	if year, ok = digits(ys, 4, 4); !ok {
		return 0, 0, 0, "year must have 4 digits"
	}
	if month, ok = digits(ms, 1, 2); !ok {
		return 0, 0, 0, "month must have 1 or 2 digits"
	}
	if day, ok = digits(ds, 1, 2); !ok {
		return 0, 0, 0, "day must have 1 or 2 digits"
	}
	return year, month, day, ""
}

// parseNamed parses "day month-name [พ.ศ.] year".
func parseNamed(f []string) (year, month, day int, e era, reason string) {
	thai := false
	if m, ok := thaiMonth(f[1]); ok {
		month, thai, e = int(m), true, eraBE
	} else if m, ok := englishMonth(f[1]); ok {
		month, e = int(m), eraCE
	} else {
		return 0, 0, 0, 0, "unknown month name"
	}
	switch {
	case len(f) == 4 && thai && strings.TrimSuffix(f[2], ".") == "พ.ศ":
		f = append(f[:2:2], f[3])
	case len(f) != 3:
		return 0, 0, 0, 0, `want "day month year", e.g. "22 พ.ย. 2569"`
	}
	var ok bool
	if day, ok = digits(f[0], 1, 2); !ok {
		return 0, 0, 0, 0, "day must have 1 or 2 digits"
	}
	if year, ok = digits(f[2], 4, 4); !ok {
		return 0, 0, 0, 0, "year must have 4 digits"
	}
	return year, month, day, e, ""
}

// digits parses an unsigned decimal of min..max ASCII digits. Unlike strconv
// it rejects signs and underscores, which have no place in a date.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func thaiMonth(s string) (time.Month, bool) {
	bare := strings.ReplaceAll(s, ".", "")
	for i := range 12 {
		if s == thMonthsLong[i] || s == thMonthsShort[i] || bare == strings.ReplaceAll(thMonthsShort[i], ".", "") {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

func englishMonth(s string) (time.Month, bool) {
	s = strings.TrimSuffix(s, ".")
	for i := range 12 {
		if strings.EqualFold(s, enMonthsShort[i]) || strings.EqualFold(s, enMonthsLong[i]) {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}
