package openinfo

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// OpeningHours is when a service point serves, as structured data so it can be
// shown in either language, checked ("open now") and exported (HSDS schedules).
type OpeningHours struct {
	Periods []HoursPeriod `json:"periods,omitempty"`
	// ClosedOnHolidays: closed on government holidays (ยกเว้นวันหยุดราชการ).
	ClosedOnHolidays bool   `json:"closed_on_holidays,omitempty"`
	Note             string `json:"note,omitempty"` // e.g. "เปิดวันเสาร์แรกของเดือน"
}

// HoursPeriod is one opening period on a set of weekdays.
type HoursPeriod struct {
	Days       []time.Weekday `json:"days"`
	Open       string         `json:"open"`  // "08:30"
	Close      string         `json:"close"` // "16:30"
	BreakStart string         `json:"break_start,omitempty"`
	BreakEnd   string         `json:"break_end,omitempty"`
}

// OfficeHours is the usual government counter: Monday to Friday 08:30–16:30,
// lunch 12:00–13:00, closed on holidays.
func OfficeHours() OpeningHours {
	return OpeningHours{
		Periods: []HoursPeriod{{
			Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
			Open: "08:30", Close: "16:30", BreakStart: "12:00", BreakEnd: "13:00",
		}},
		ClosedOnHolidays: true,
	}
}

// ParseClock parses "HH:MM" (24-hour) into minutes after midnight.
func ParseClock(s string) (int, bool) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func (h *OpeningHours) validate(v *validation) {
	if len(h.Periods) > 14 {
		v.add("hours", "ระบุช่วงเวลาเปิดได้ไม่เกิน 14 ช่วง", "At most 14 opening periods.")
	}
	if utf8.RuneCountInString(h.Note) > 500 {
		v.add("hours_note", "หมายเหตุเวลาทำการยาวเกิน 500 ตัวอักษร", "The opening-hours note is longer than 500 characters.")
	}
	for i, p := range h.Periods {
		field := fmt.Sprintf("hours[%d]", i)
		if len(p.Days) == 0 {
			v.add(field, "กรุณาเลือกวันที่เปิดให้บริการ", "Choose the days of this opening period.")
		}
		for _, d := range p.Days {
			if d < time.Sunday || d > time.Saturday {
				v.add(field, "วันไม่ถูกต้อง", "Unknown weekday.")
				break
			}
		}
		open, ok1 := ParseClock(p.Open)
		closing, ok2 := ParseClock(p.Close)
		if !ok1 || !ok2 {
			v.add(field, "เวลาเปิดและปิดต้องอยู่ในรูปแบบ ชม:นาที เช่น 08:30", "Opening and closing times must look like 08:30.")
			continue
		}
		if open >= closing {
			v.add(field, "เวลาเปิดต้องก่อนเวลาปิด", "The opening time must be before the closing time.")
		}
		if p.BreakStart == "" && p.BreakEnd == "" {
			continue
		}
		bs, ok1 := ParseClock(p.BreakStart)
		be, ok2 := ParseClock(p.BreakEnd)
		if !ok1 || !ok2 || bs >= be || bs <= open || be >= closing {
			v.add(field, "เวลาพักต้องอยู่ระหว่างเวลาเปิดและปิด เช่น 12:00–13:00", "The break must lie between opening and closing, e.g. 12:00–13:00.")
		}
	}
}

var dayNames = map[time.Weekday]Text{
	time.Sunday: {"อาทิตย์", "Sun"}, time.Monday: {"จันทร์", "Mon"}, time.Tuesday: {"อังคาร", "Tue"},
	time.Wednesday: {"พุธ", "Wed"}, time.Thursday: {"พฤหัสบดี", "Thu"}, time.Friday: {"ศุกร์", "Fri"},
	time.Saturday: {"เสาร์", "Sat"},
}

// DayName returns the weekday's name in lang.
func DayName(d time.Weekday, lang string) string {
	return dayNames[d].In(lang)
}

// Lines renders the hours for people, one line per period, e.g.
// "จันทร์–ศุกร์ 08:30–16:30 น. (พักเที่ยง 12:00–13:00)".
func (h OpeningHours) Lines(lang string) []string {
	var out []string
	for _, p := range h.Periods {
		line := formatDays(p.Days, lang) + " " + p.Open + "–" + p.Close
		if lang != "en" {
			line += " น."
		}
		if p.BreakStart != "" {
			line += " (" + Text{"พักเที่ยง", "break"}.In(lang) + " " + p.BreakStart + "–" + p.BreakEnd + ")"
		}
		out = append(out, line)
	}
	if h.ClosedOnHolidays {
		out = append(out, Text{"ยกเว้นวันหยุดที่ทางราชการกำหนด", "Closed on government holidays"}.In(lang))
	}
	if h.Note != "" {
		out = append(out, h.Note)
	}
	return out
}

// formatDays writes consecutive runs as ranges: Mon–Fri, Sat.
func formatDays(days []time.Weekday, lang string) string {
	var set [7]bool
	for _, d := range days {
		if d >= 0 && d < 7 {
			set[d] = true
		}
	}
	// Thai weeks are written Monday first.
	order := []time.Weekday{1, 2, 3, 4, 5, 6, 0}
	var parts []string
	for i := 0; i < len(order); {
		if !set[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && set[order[j+1]] {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, DayName(order[i], lang))
		default:
			parts = append(parts, DayName(order[i], lang)+"–"+DayName(order[j], lang))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
