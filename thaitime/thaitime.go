// Package thaitime formats, parses and counts dates the way Thai government
// services do: Buddhist-era (BE) years, Asia/Bangkok time, fiscal years that
// start on 1 October, and business days that skip government holidays.
//
// Every function reads instants in Bangkok time, so a UTC timestamp late in
// the evening already belongs to the next Thai day.
package thaitime

import (
	"fmt"
	"strings"
	"time"
)

// BEOffset is the number of years the Buddhist era is ahead of the Common era.
const BEOffset = 543

// Bangkok is the Asia/Bangkok zone. It is a fixed UTC+7 zone rather than a
// tzdata lookup: Thailand has kept UTC+7 without DST since 1920, and a fixed
// zone behaves the same on hosts and containers that lack tzdata.
var Bangkok = time.FixedZone("Asia/Bangkok", 7*60*60)

var (
	thMonthsShort = [12]string{"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."}
	thMonthsLong  = [12]string{"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"}
	enMonthsShort = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	enMonthsLong  = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// isEnglish reports whether lang selects English ("en", "en-long", "en-US").
// Anything else is Thai, the site's primary language.
func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en")
}

// isLong reports whether lang asks for full month names ("th-long", "en-long").
func isLong(lang string) bool {
	return strings.HasSuffix(strings.ToLower(strings.TrimSpace(lang)), "-long")
}

// MonthShort returns the abbreviated month name: "พ.ย." in Thai, "Nov" in
// English. It returns "" for a month outside January–December.
func MonthShort(m time.Month, lang string) string {
	if m < time.January || m > time.December {
		return ""
	}
	if isEnglish(lang) {
		return enMonthsShort[m-1]
	}
	return thMonthsShort[m-1]
}

// MonthLong returns the full month name: "พฤศจิกายน" in Thai, "November" in
// English. It returns "" for a month outside January–December.
func MonthLong(m time.Month, lang string) string {
	if m < time.January || m > time.December {
		return ""
	}
	if isEnglish(lang) {
		return enMonthsLong[m-1]
	}
	return thMonthsLong[m-1]
}

// FormatDate formats t's Bangkok date for display:
//
//	"th"      22 พ.ย. 2569
//	"th-long" 22 พฤศจิกายน 2569
//	"en"      22 Nov 2026
//	"en-long" 22 November 2026
//
// Thai uses the BE year; English uses the CE year because that is what
// foreign readers expect. Unknown languages fall back to "th".
func FormatDate(t time.Time, lang string) string {
	t = t.In(Bangkok)
	month := MonthShort(t.Month(), lang)
	if isLong(lang) {
		month = MonthLong(t.Month(), lang)
	}
	year := t.Year()
	if !isEnglish(lang) {
		year += BEOffset
	}
	return fmt.Sprintf("%d %s %d", t.Day(), month, year)
}

// FormatDateTime is FormatDate followed by the Bangkok clock time:
// "22 พ.ย. 2569 14:05 น." in Thai, "22 Nov 2026 14:05" in English.
func FormatDateTime(t time.Time, lang string) string {
	t = t.In(Bangkok)
	s := fmt.Sprintf("%s %02d:%02d", FormatDate(t, lang), t.Hour(), t.Minute())
	if !isEnglish(lang) {
		s += " น."
	}
	return s
}

// BEYear returns the Buddhist-era year of t's Bangkok date.
func BEYear(t time.Time) int { return t.In(Bangkok).Year() + BEOffset }

// CEFromBE converts a Buddhist-era year to a Common-era year.
func CEFromBE(be int) int { return be - BEOffset }

// BEFromCE converts a Common-era year to a Buddhist-era year.
func BEFromCE(ce int) int { return ce + BEOffset }

// StartOfDay returns midnight, Bangkok time, at the start of t's Bangkok date.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.In(Bangkok).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Bangkok)
}

// Replacers rather than strings.Map so that bytes which are not valid UTF-8
// pass through untouched instead of turning into U+FFFD.
var (
	toThai   = strings.NewReplacer("0", "๐", "1", "๑", "2", "๒", "3", "๓", "4", "๔", "5", "๕", "6", "๖", "7", "๗", "8", "๘", "9", "๙")
	toArabic = strings.NewReplacer("๐", "0", "๑", "1", "๒", "2", "๓", "3", "๔", "4", "๕", "5", "๖", "6", "๗", "7", "๘", "8", "๙", "9")
)

// ThaiDigits replaces ASCII digits 0-9 with Thai digits ๐-๙ and leaves
// everything else alone.
func ThaiDigits(s string) string { return toThai.Replace(s) }

// ArabicDigits replaces Thai digits ๐-๙ with ASCII digits 0-9 and leaves
// everything else alone.
func ArabicDigits(s string) string { return toArabic.Replace(s) }
