package openinfo

import (
	"strings"
	"unicode"
)

// Normalize trims every text, turns CRLF into LF in multi-line texts and
// drops rows left wholly empty by the form.
func (c *ManualContent) Normalize() {
	c.Name, c.AgencyName, c.ReferenceName = cleanText(c.Name), cleanText(c.AgencyName), cleanText(c.ReferenceName)
	c.Criteria, c.Remarks = cleanMultiline(c.Criteria), cleanMultiline(c.Remarks)
	c.LegalBases = dropEmpty(c.LegalBases, func(b *LegalBasis) bool {
		b.Kind, b.Name, b.Section = cleanText(b.Kind), cleanText(b.Name), cleanText(b.Section)
		return *b == LegalBasis{}
	})
	areas := c.ServiceAreas[:0:0]
	for _, a := range c.ServiceAreas {
		if a = ServiceArea(strings.TrimSpace(string(a))); a != "" && !containsArea(areas, a) {
			areas = append(areas, a)
		}
	}
	c.ServiceAreas = areas
	c.TimeLimit.Law = cleanText(c.TimeLimit.Law)
	c.Channels = dropEmpty(c.Channels, func(ch *ServiceChannel) bool {
		ch.Place, ch.Phone, ch.Hours = cleanText(ch.Place), cleanText(ch.Phone), cleanText(ch.Hours)
		ch.URL, ch.Note = strings.TrimSpace(ch.URL), cleanMultiline(ch.Note)
		return ch.Place == "" && ch.Phone == "" && ch.Hours == "" && ch.URL == "" && ch.Note == ""
	})
	c.Steps = dropEmpty(c.Steps, func(s *Step) bool {
		s.Detail, s.Responsible, s.Note = cleanMultiline(s.Detail), cleanText(s.Responsible), cleanMultiline(s.Note)
		return s.Type == "" && s.Detail == "" && s.Duration == 0 && s.Responsible == "" && s.Note == ""
	})
	c.Documents = dropEmpty(c.Documents, func(d *Document) bool {
		d.Name, d.Issuer, d.Note = cleanText(d.Name), cleanText(d.Issuer), cleanMultiline(d.Note)
		return d.Name == "" && d.Issuer == "" && d.Originals == 0 && d.Copies == 0 && d.Note == ""
	})
	c.Fees = dropEmpty(c.Fees, func(f *Fee) bool {
		f.Detail, f.Note = cleanMultiline(f.Detail), cleanMultiline(f.Note)
		return f.Detail == "" && f.Amount == 0 && f.Note == ""
	})
	c.Complaints = dropEmpty(c.Complaints, func(x *ComplaintChannel) bool {
		x.Channel, x.Detail = cleanText(x.Channel), cleanMultiline(x.Detail)
		return *x == ComplaintChannel{}
	})
	for i := range c.Attachments {
		c.Attachments[i].Name = cleanText(c.Attachments[i].Name)
	}
}

func containsArea(list []ServiceArea, a ServiceArea) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// dropEmpty cleans each row with clean, which reports whether the row is
// empty, and keeps the rows that are not.
func dropEmpty[T any](rows []T, clean func(*T) bool) []T {
	out := rows[:0:0]
	for i := range rows {
		r := rows[i]
		if !clean(&r) {
			out = append(out, r)
		}
	}
	return out
}

// cleanMultiline keeps line breaks (at most one blank line in a row), trims
// each line's ends and drops control and zero-width characters.
func cleanMultiline(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var lines []string
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		var b strings.Builder
		for _, r := range line {
			switch {
			case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			case r == '\t':
				b.WriteByte(' ')
			case unicode.IsControl(r):
			default:
				b.WriteRune(r)
			}
		}
		l := strings.TrimRightFunc(b.String(), unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 || len(lines) == 0 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
