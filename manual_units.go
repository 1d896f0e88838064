package openinfo

import "strings"

// singular holds the English singular of the units' plural names; Thai has
// no plural.
var singular = map[string]string{
	"minutes": "minute", "hours": "hour", "days": "day", "business days": "business day",
	"copies": "copy", "sets": "set",
}

// countOf writes "n unit" with the unit in the singular when n is one (in
// English; Thai has no plural).
func countOf(n float64, plural, lang string) string {
	if lang == "en" && n == 1 {
		if s, ok := singular[plural]; ok {
			plural = s
		}
	}
	return formatNumber(n) + " " + plural
}

// Count writes a duration in the unit: "1 hour", "2 hours", "1 ชั่วโมง".
func (u DurationUnit) Count(n float64, lang string) string { return countOf(n, u.Label(lang), lang) }

// Count writes a number of documents in the unit: "1 copy", "2 copies",
// "1 ฉบับ".
func (u DocumentUnit) Count(n int, lang string) string {
	return countOf(float64(n), u.Label(lang), lang)
}

// AmountText writes a fee: "1,505 บาท", "1,505 baht", "ร้อยละ 3",
// "3 percent".
func (f Fee) AmountText(lang string) string {
	n := groupThousands(formatNumber(f.Amount))
	if f.Unit == FeePercent && lang != "en" {
		return "ร้อยละ " + n
	}
	return n + " " + f.Unit.Label(lang)
}

// groupThousands puts commas into the whole part of a formatted number.
func groupThousands(s string) string {
	whole, frac, dot := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if dot {
		b.WriteString("." + frac)
	}
	return b.String()
}

// noneWords are what officers type in a free-text field to say "none".
var noneWords = map[string]bool{"": true, "-": true, "–": true, "ไม่มี": true, "ไม่ระบุ": true, "ไม่มีกำหนด": true}

// IsNone reports whether a free-text field says nothing more than "none"
// ("ไม่มี", "-", empty), so that a page can write "none" in the reader's
// language instead.
func IsNone(s string) bool { return noneWords[strings.TrimSpace(s)] }
