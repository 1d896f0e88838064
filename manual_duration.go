package openinfo

import (
	"math"
	"strconv"
	"strings"
)

// formatNumber writes x with at most two decimals and no trailing zeros.
func formatNumber(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// WorkingHoursPerDay is how many working hours make one day when a manual's
// total duration is summed: 08:30–16:30 with an hour's lunch (OfficeHours).
const WorkingHoursPerDay = 7

// DurationTotal is a manual's total duration (ระยะเวลาดำเนินการรวม), in the
// units the steps use.
type DurationTotal struct {
	BusinessDays float64 // วันทำการ
	Days         float64 // วัน (calendar days)
	Hours        float64
	Minutes      float64
}

// Total sums the steps' durations. The rule:
//
//   - Minutes and hours add up as working time: 60 minutes make an hour.
//   - Business days (วันทำการ) and calendar days (วัน) are kept apart: one
//     cannot be turned into the other without a calendar.
//   - When some step is counted in days, the working time is folded into
//     whole days of WorkingHoursPerDay (7) hours: into business days when
//     there are any, else into days; what is left stays as hours and
//     minutes. When no step is counted in days, the hours stay hours
//     ("10 ชั่วโมง", not "1 วัน 3 ชั่วโมง").
//
// Steps with no unit or an unknown unit, or an invalid duration, count for
// nothing.
func (c ManualContent) Total() DurationTotal {
	var t DurationTotal
	var work float64 // minutes
	for _, s := range c.Steps {
		d := s.Duration
		if math.IsNaN(d) || math.IsInf(d, 0) || d < 0 {
			continue
		}
		switch s.Unit {
		case UnitMinute:
			work += d
		case UnitHour:
			work += d * 60
		case UnitDay:
			t.Days += d
		case UnitBusinessDay:
			t.BusinessDays += d
		}
	}
	work = math.Round(work*1e6) / 1e6
	if t.BusinessDays > 0 || t.Days > 0 {
		whole := math.Floor(work / (WorkingHoursPerDay * 60))
		work -= whole * WorkingHoursPerDay * 60
		if t.BusinessDays > 0 {
			t.BusinessDays += whole
		} else {
			t.Days += whole
		}
	}
	t.Hours = math.Floor(work / 60)
	t.Minutes = math.Round((work-t.Hours*60)*1e6) / 1e6
	return t
}

// IsZero reports whether the total is nothing at all.
func (t DurationTotal) IsZero() bool {
	return t.BusinessDays == 0 && t.Days == 0 && t.Hours == 0 && t.Minutes == 0
}

// Text writes the total in lang, "ระยะเวลาดำเนินการรวม 15 วันทำการ" or
// "Total time: 1 hour 30 minutes"; "" when the total is zero.
func (t DurationTotal) Text(lang string) string {
	if t.IsZero() {
		return ""
	}
	return Text{"ระยะเวลาดำเนินการรวม ", "Total time: "}.In(lang) + t.Phrase(lang)
}

// Phrase writes the total without its label: "1 ชั่วโมง 30 นาที", "1 hour
// 30 minutes"; "" when the total is zero.
func (t DurationTotal) Phrase(lang string) string {
	var parts []string
	add := func(x float64, u DurationUnit) {
		if x > 0 {
			parts = append(parts, u.Count(x, lang))
		}
	}
	add(t.BusinessDays, UnitBusinessDay)
	add(t.Days, UnitDay)
	add(t.Hours, UnitHour)
	add(t.Minutes, UnitMinute)
	return strings.Join(parts, " ")
}

// TotalDuration returns the total of the steps (see Total for the rule):
// days counts calendar and business days together (Total tells them apart),
// and text is the Thai line printed under the steps.
func (c ManualContent) TotalDuration() (days, hours, minutes float64, text string) {
	t := c.Total()
	return t.Days + t.BusinessDays, t.Hours, t.Minutes, t.Text("th")
}
