// Package manualtext renders a citizen manual's sections as plain Thai text,
// as the manual prints them, and compares two revisions section by section:
// display only, for the back office's and the portal's compare views.
package manualtext

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// SectionDiff compares one section of two revisions, rendered as text.
type SectionDiff struct {
	Section          string // openinfo.ManualSection.Key
	TitleTH, TitleEN string
	Changed          bool
	Before, After    string
}

// DiffSections renders every section of a (before) and b (after) as Thai
// text, for the compare view, in the template's order.
func DiffSections(a, b openinfo.ManualContent) []SectionDiff {
	out := make([]SectionDiff, len(openinfo.ManualSections))
	for i, s := range openinfo.ManualSections {
		before, after := SectionText(a, s.Key), SectionText(b, s.Key)
		out[i] = SectionDiff{Section: s.Key, TitleTH: s.TH, TitleEN: s.EN, Changed: before != after, Before: before, After: after}
	}
	return out
}

// SectionText renders one section of c (by ManualSection.Key) as plain Thai text,
// as the manual prints it; "-" for an empty section.
func SectionText(c openinfo.ManualContent, key string) string {
	var b strings.Builder
	line := func(format string, args ...any) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, format, args...)
	}
	opt := func(label, s string) string {
		if s == "" {
			return ""
		}
		return " " + label + s
	}
	switch key {
	case "name":
		b.WriteString(c.Name)
	case "agency_name":
		b.WriteString(c.AgencyName)
	case "service_type":
		if c.ServiceType != "" {
			b.WriteString(c.ServiceType.Label("th"))
		}
	case "category":
		if c.Category != "" {
			b.WriteString(c.Category.Label("th"))
		}
	case "legal_bases":
		for i, l := range c.LegalBases {
			s := strings.TrimSpace(l.Kind + l.Name)
			if l.YearBE != 0 {
				s += " พ.ศ. " + strconv.Itoa(l.YearBE)
			}
			line("%d) %s%s", i+1, s, opt("", l.Section))
		}
	case "impact":
		if c.Impact != "" {
			b.WriteString(c.Impact.Label("th"))
		}
	case "service_areas":
		names := make([]string, len(c.ServiceAreas))
		for i, a := range c.ServiceAreas {
			names[i] = a.Label("th")
		}
		b.WriteString(strings.Join(names, ", "))
	case "time_limit":
		if c.TimeLimit.Law != "" {
			line("%s", c.TimeLimit.Law)
		}
		if c.TimeLimit.Value > 0 {
			line("ระยะเวลาที่กำหนดตามกฎหมาย / ข้อกำหนด ฯลฯ %d %s", c.TimeLimit.Value, c.TimeLimit.Unit.Label("th"))
		} else if b.Len() > 0 {
			line("ระยะเวลาที่กำหนดตามกฎหมาย / ข้อกำหนด ฯลฯ ไม่มี")
		}
	case "stats":
		if c.Stats != (openinfo.Stats{}) {
			line("จำนวนเฉลี่ยต่อเดือน %d", c.Stats.AvgPerMonth)
			line("จำนวนคำขอที่มากที่สุด %d", c.Stats.Max)
			line("จำนวนคำขอที่น้อยที่สุด %d", c.Stats.Min)
		}
	case "reference_name":
		b.WriteString(c.ReferenceName)
	case "channels":
		for i, ch := range c.Channels {
			head := ch.Place
			if ch.Kind == openinfo.ChannelOnline && ch.URL != "" {
				head = strings.TrimSpace(ch.Place + " " + ch.URL)
			}
			line("%d) %s: %s", i+1, ch.Kind.Label("th"), head)
			if ch.Phone != "" {
				line("   โทรศัพท์ %s", ch.Phone)
			}
			if ch.Hours != "" {
				line("   ระยะเวลาเปิดให้บริการ %s", ch.Hours)
			}
			if ch.Note != "" {
				line("   หมายเหตุ %s", ch.Note)
			}
		}
	case "criteria":
		b.WriteString(c.Criteria)
	case "steps":
		for i, s := range c.Steps {
			line("%d) %s: %s (%s %s)%s%s", i+1, s.Type.Label("th"), s.Detail, number(s.Duration), s.Unit.Label("th"),
				opt("ส่วนที่รับผิดชอบ: ", s.Responsible), opt("หมายเหตุ: ", s.Note))
		}
		if t := c.Total().Text("th"); t != "" {
			line("%s", t)
		}
	case "reduced_steps":
		if c.ReducedSteps {
			b.WriteString("ใช่")
		} else {
			b.WriteString("ไม่ใช่")
		}
	case "documents":
		if c.NoDocuments {
			b.WriteString("ไม่ต้องใช้เอกสาร")
		}
		for gi, g := range openinfo.DocumentGroups {
			n := 0
			for _, d := range c.Documents {
				if d.Group != g.Code {
					continue
				}
				if n == 0 {
					line("15.%d %s", gi+1, g.TH)
				}
				n++
				line("%d) %s%s ฉบับจริง %d %s สำเนา %d %s%s", n, d.Name, opt("ออกโดย ", d.Issuer),
					d.Originals, d.Unit.Label("th"), d.Copies, d.Unit.Label("th"), opt("หมายเหตุ: ", d.Note))
			}
		}
		for _, d := range c.Documents { // rows of no known group, while a draft is incomplete
			if !d.Group.Valid() {
				line("- %s", d.Name)
			}
		}
	case "fees":
		if len(c.Fees) == 0 {
			b.WriteString("ไม่มีค่าธรรมเนียม")
		}
		for i, f := range c.Fees {
			amount := number(f.Amount) + " " + f.Unit.Label("th")
			if f.Unit == openinfo.FeePercent {
				amount = "ร้อยละ " + number(f.Amount)
			}
			line("%d) %s %s%s", i+1, f.Detail, amount, opt("หมายเหตุ: ", f.Note))
		}
	case "complaints":
		for i, x := range c.Complaints {
			line("%d) %s%s", i+1, x.Channel, opt("", x.Detail))
		}
	case "attachments":
		for i, a := range c.Attachments {
			line("%d) %s (%s, %s)", i+1, a.Name, attachmentKind(a.ContentType), size(a.Size))
		}
	case "remarks":
		b.WriteString(c.Remarks)
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

func attachmentKind(t string) string {
	switch t {
	case openinfo.TypePDF:
		return "PDF"
	case openinfo.TypePNG:
		return "PNG"
	case openinfo.TypeJPEG:
		return "JPEG"
	}
	return t
}

// number writes x with at most two decimals and no trailing zeros, as the
// domain's messages do.
func number(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// size writes a byte count as "850 KB" or "12.5 MB", as CheckAttachment's
// messages do.
func size(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
}
