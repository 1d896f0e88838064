package thaitime

import (
	"slices"
	"sort"
	"time"
)

// Holiday is one government holiday (or substitution day) on one date.
type Holiday struct {
	// Date is midnight in Bangkok. Only its calendar date counts, read in
	// Date's own location, so a UTC midnight from a database works too.
	Date   time.Time
	NameTH string
	NameEN string
}

// Calendar answers business-day questions: Monday to Friday, except
// government holidays. Holidays are data supplied by the caller (see
// DefaultHolidays), because lunar and cabinet-declared dates cannot be
// computed. A nil *Calendar knows no holidays and counts only weekends.
type Calendar struct {
	holidays []Holiday     // sorted by date
	first    map[int64]int // day number -> index of its first holiday
	weekday  []int64       // sorted distinct day numbers of holidays on Mon–Fri
}

// NewCalendar builds a Calendar from holidays. The slice is copied; several
// holidays may share a date.
func NewCalendar(holidays []Holiday) *Calendar {
	c := &Calendar{
		holidays: make([]Holiday, len(holidays)),
		first:    make(map[int64]int, len(holidays)),
	}
	for i, h := range holidays {
		y, m, d := h.Date.Date()
		h.Date = time.Date(y, m, d, 0, 0, 0, 0, Bangkok)
		c.holidays[i] = h
	}
	slices.SortStableFunc(c.holidays, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	for i, h := range c.holidays {
		n := dayOf(h.Date)
		if _, dup := c.first[n]; dup {
			continue
		}
		c.first[n] = i
		if isWeekday(n) {
			c.weekday = append(c.weekday, n)
		}
	}
	return c
}

// HolidayOn returns the holiday on t's Bangkok date, if there is one. When
// several share the date, the first one given to NewCalendar wins.
func (c *Calendar) HolidayOn(t time.Time) (Holiday, bool) {
	if c == nil {
		return Holiday{}, false
	}
	i, ok := c.first[dayOf(t)]
	if !ok {
		return Holiday{}, false
	}
	return c.holidays[i], true
}

// IsBusinessDay reports whether t's Bangkok date is a Monday to Friday that
// is not a holiday.
func (c *Calendar) IsBusinessDay(t time.Time) bool { return c.isBusiness(dayOf(t)) }

func (c *Calendar) isBusiness(n int64) bool {
	if !isWeekday(n) {
		return false
	}
	if c == nil {
		return true
	}
	_, holiday := c.first[n]
	return !holiday
}

// AddBusinessDays returns Bangkok midnight of the n-th business day after t's
// Bangkok date; t's own date never counts. n == 0 returns t's date if it is a
// business day, else the next business day, which suits "due today, or the
// next working day". A negative n counts back: the |n|-th business day before.
func (c *Calendar) AddBusinessDays(t time.Time, n int) time.Time {
	d := dayOf(t)
	switch {
	case n == 0:
		for !c.isBusiness(d) {
			d++
		}
	case n > 0:
		for n > 0 {
			d++
			if c.isBusiness(d) {
				n--
			}
		}
	default:
		for n < 0 {
			d--
			if c.isBusiness(d) {
				n++
			}
		}
	}
	return fromDay(d)
}

// BusinessDaysBetween counts the business days in (a, b], comparing Bangkok
// dates: a's date is excluded and b's included, so for a business day a,
// BusinessDaysBetween(a, AddBusinessDays(a, n)) == n. If b is before a the
// result is -BusinessDaysBetween(b, a).
func (c *Calendar) BusinessDaysBetween(a, b time.Time) int {
	da, db := dayOf(a), dayOf(b)
	if db < da {
		return -c.countBetween(db, da)
	}
	return c.countBetween(da, db)
}

// countBetween counts business days in (a, b] without walking every day, so
// spans of decades (say, from a zero time.Time) stay cheap.
func (c *Calendar) countBetween(a, b int64) int {
	n := weekdaysBefore(b+1) - weekdaysBefore(a+1)
	if c != nil {
		lo := sort.Search(len(c.weekday), func(i int) bool { return c.weekday[i] > a })
		hi := sort.Search(len(c.weekday), func(i int) bool { return c.weekday[i] > b })
		n -= int64(hi - lo)
	}
	return int(n)
}

// Holidays returns the calendar's holidays in CE year year, sorted by date.
// As in ParseDate, a year >= 2400 is taken as BE, so Holidays(2569) and
// Holidays(2026) agree.
func (c *Calendar) Holidays(year int) []Holiday {
	if year >= beThreshold {
		year = CEFromBE(year)
	}
	if c == nil {
		return nil
	}
	var out []Holiday
	for _, h := range c.holidays {
		if h.Date.Year() == year {
			out = append(out, h)
		}
	}
	return out
}

// Day numbers count days since 1970-01-01 and make date arithmetic exact:
// no DST, no wall-clock surprises, only integers.

func dayNumber(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func dayOf(t time.Time) int64 {
	y, m, d := t.In(Bangkok).Date()
	return dayNumber(y, m, d)
}

func fromDay(n int64) time.Time {
	y, m, d := time.Unix(n*86400, 0).UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Bangkok)
}

func weekdayOf(n int64) time.Weekday {
	return time.Weekday(floorMod(n+4, 7)) // 1970-01-01 was a Thursday
}

func isWeekday(n int64) bool {
	w := weekdayOf(n)
	return w != time.Saturday && w != time.Sunday
}

// weekdaysBefore returns the number of Mondays to Fridays in [monday0, n),
// negated when n < monday0; differences of it count weekdays in a range.
func weekdaysBefore(n int64) int64 {
	const monday0 = 4 // 1970-01-05
	k := n - monday0
	return 5*floorDiv(k, 7) + min(floorMod(k, 7), 5)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
