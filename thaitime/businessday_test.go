package thaitime

import (
	"strings"
	"testing"
	"time"
)

var defaultCal = NewCalendar(DefaultHolidays())

func TestIsBusinessDay(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"ordinary Friday", day(2025, 4, 4), true},
		{"Saturday", day(2025, 4, 5), false},
		{"Chakri Day on Sunday", day(2025, 4, 6), false},
		{"Chakri substitution Monday", day(2025, 4, 7), false},
		{"Tuesday after long weekend", day(2025, 4, 8), true},
		{"Friday before Songkran", day(2025, 4, 11), true},
		{"Songkran Monday", day(2025, 4, 14), false},
		{"Songkran Tuesday", day(2025, 4, 15), false},
		{"Songkran substitution Wednesday", day(2025, 4, 16), false},
		{"Thursday after Songkran", day(2025, 4, 17), true},
		{"Songkran 2026 Monday", day(2026, 4, 13), false},
		{"cabinet bridge day", day(2025, 6, 2), false},
		{"Royal Ploughing Day", day(2025, 5, 9), false},
		{"Visakha substitution 2026", day(2026, 6, 1), false},
		{"Father's Day substitution 2026", day(2026, 12, 7), false},
		{"leap day (Thursday)", day(2024, 2, 29), true},
		{"month-end Friday", day(2025, 2, 28), true},
		{"New Year's Eve", day(2025, 12, 31), false},
		{"time of day ignored", bkk(2025, 4, 8, 23, 59), true},
		// 17:30 UTC on the 7th is 00:30 on the 8th in Bangkok.
		{"UTC instant read in Bangkok", time.Date(2025, 4, 7, 17, 30, 0, 0, time.UTC), true},
		{"UTC instant still the 7th", time.Date(2025, 4, 7, 16, 30, 0, 0, time.UTC), false},
	}
	for _, tc := range tests {
		if got := defaultCal.IsBusinessDay(tc.t); got != tc.want {
			t.Errorf("%s: IsBusinessDay(%v) = %v, want %v", tc.name, tc.t, got, tc.want)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"zero on a business day", day(2025, 4, 4), 0, day(2025, 4, 4)},
		{"zero drops the time of day", bkk(2025, 4, 4, 15, 30), 0, day(2025, 4, 4)},
		{"zero on Saturday", day(2025, 4, 5), 0, day(2025, 4, 8)},
		{"one on Saturday", day(2025, 4, 5), 1, day(2025, 4, 8)},
		{"long weekend with substitution Monday", day(2025, 4, 4), 1, day(2025, 4, 8)},
		{"over Songkran", day(2025, 4, 11), 1, day(2025, 4, 17)},
		{"five over Songkran", day(2025, 4, 11), 5, day(2025, 4, 23)},
		{"zero inside Songkran", day(2025, 4, 13), 0, day(2025, 4, 17)},
		{"month-end", day(2025, 2, 28), 1, day(2025, 3, 3)},
		{"bridge day and Queen's birthday", day(2025, 5, 30), 1, day(2025, 6, 4)},
		{"three holidays in a row, 2026", day(2026, 7, 27), 1, day(2026, 7, 31)},
		{"year-end", day(2025, 12, 30), 1, day(2026, 1, 2)},
		{"leap day", day(2024, 2, 28), 1, day(2024, 2, 29)},
		{"a whole fortnight", day(2025, 9, 1), 10, day(2025, 9, 15)},
		{"back over Songkran", day(2025, 4, 17), -1, day(2025, 4, 11)},
		{"back from Saturday", day(2025, 4, 5), -1, day(2025, 4, 4)},
		// 20:00 UTC on Friday 4 April is already Saturday in Bangkok.
		{"UTC evening", time.Date(2025, 4, 4, 20, 0, 0, 0, time.UTC), 0, day(2025, 4, 8)},
	}
	for _, tc := range tests {
		got := defaultCal.AddBusinessDays(tc.from, tc.n)
		if !got.Equal(tc.want) || got.Location() != Bangkok {
			t.Errorf("%s: AddBusinessDays(%v, %d) = %v, want %v", tc.name, tc.from, tc.n, got, tc.want)
		}
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day", day(2025, 4, 4), bkk(2025, 4, 4, 18, 0), 0},
		{"over Songkran", day(2025, 4, 11), day(2025, 4, 17), 1},
		{"reversed", day(2025, 4, 17), day(2025, 4, 11), -1},
		{"weekend only", day(2025, 4, 4), day(2025, 4, 6), 0},
		{"from a holiday", day(2025, 4, 7), day(2025, 4, 8), 1},
		// April 2025: 22 weekdays, minus 1 Apr (excluded) and 7, 14, 15, 16 Apr.
		{"April 2025", day(2025, 4, 1), day(2025, 4, 30), 17},
		// 2025: 261 weekdays minus 21 holidays on weekdays.
		{"all of 2025", day(2024, 12, 31), day(2025, 12, 31), 240},
		{"leap February", day(2024, 1, 31), day(2024, 2, 29), 21},
	}
	for _, tc := range tests {
		if got := defaultCal.BusinessDaysBetween(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: BusinessDaysBetween(%v, %v) = %d, want %d", tc.name, tc.a, tc.b, got, tc.want)
		}
	}
}

// TestBusinessDaysConsistent checks AddBusinessDays and BusinessDaysBetween
// against each other and against a day-by-day count over the seed years.
func TestBusinessDaysConsistent(t *testing.T) {
	start, stop := day(2024, 12, 1), day(2027, 1, 31)
	for d := start; d.Before(stop); d = d.AddDate(0, 0, 1) {
		for n := 0; n <= 12; n++ {
			got := defaultCal.AddBusinessDays(d, n)
			if !defaultCal.IsBusinessDay(got) {
				t.Fatalf("AddBusinessDays(%v, %d) = %v, not a business day", d, n, got)
			}
			want := n
			if n == 0 && !defaultCal.IsBusinessDay(d) {
				want = 1 // n == 0 moved forward to the next business day
			}
			if c := defaultCal.BusinessDaysBetween(d, got); c != want {
				t.Fatalf("BusinessDaysBetween(%v, %v) = %d, want %d", d, got, c, want)
			}
			if defaultCal.IsBusinessDay(d) {
				if back := defaultCal.AddBusinessDays(got, -n); !back.Equal(d) {
					t.Fatalf("AddBusinessDays(%v, %d) = %v, want %v", got, -n, back, d)
				}
			}
		}
	}
	slow := 0
	for d := start.AddDate(0, 0, 1); !d.After(stop); d = d.AddDate(0, 0, 1) {
		if defaultCal.IsBusinessDay(d) {
			slow++
		}
	}
	if fast := defaultCal.BusinessDaysBetween(start, stop); fast != slow {
		t.Fatalf("BusinessDaysBetween = %d, day-by-day count = %d", fast, slow)
	}
}

func TestBusinessDaysLongSpan(t *testing.T) {
	// From the zero time to 2026 must not walk every day, and must agree with
	// weekend-only counting outside the seed years.
	var nilCal *Calendar
	a, b := time.Time{}, day(2026, 1, 1)
	withHolidays := defaultCal.BusinessDaysBetween(a, b)
	weekendsOnly := nilCal.BusinessDaysBetween(a, b)
	holidays2025 := 21
	if weekendsOnly-withHolidays != holidays2025+1 { // + 1 Jan 2026
		t.Fatalf("weekends only %d, with holidays %d", weekendsOnly, withHolidays)
	}
}

func TestNilAndEmptyCalendar(t *testing.T) {
	var nilCal *Calendar
	for _, c := range []*Calendar{nilCal, NewCalendar(nil), {}} {
		if !c.IsBusinessDay(day(2025, 4, 14)) {
			t.Errorf("%v: Songkran Monday should be a business day without holidays", c)
		}
		if c.IsBusinessDay(day(2025, 4, 12)) {
			t.Errorf("%v: Saturday is never a business day", c)
		}
		if got := c.AddBusinessDays(day(2025, 4, 11), 1); !got.Equal(day(2025, 4, 14)) {
			t.Errorf("%v: AddBusinessDays = %v", c, got)
		}
		if _, ok := c.HolidayOn(day(2025, 1, 1)); ok {
			t.Errorf("%v: HolidayOn found a holiday", c)
		}
		if hs := c.Holidays(2025); len(hs) != 0 {
			t.Errorf("%v: Holidays = %v", c, hs)
		}
	}
}

func TestNewCalendarNormalisesDates(t *testing.T) {
	tokyo := time.FixedZone("Asia/Tokyo", 9*3600)
	c := NewCalendar([]Holiday{
		{Date: time.Date(2030, 3, 4, 0, 0, 0, 0, time.UTC), NameEN: "utc"},
		{Date: time.Date(2030, 3, 5, 0, 0, 0, 0, tokyo), NameEN: "tokyo"},
		{Date: time.Date(2030, 3, 4, 0, 0, 0, 0, Bangkok), NameEN: "second on the 4th"},
	})
	for _, tc := range []struct {
		d    time.Time
		name string
	}{{day(2030, 3, 4), "utc"}, {day(2030, 3, 5), "tokyo"}} {
		h, ok := c.HolidayOn(tc.d)
		if !ok || h.NameEN != tc.name {
			t.Errorf("HolidayOn(%v) = %+v, %v; want %q", tc.d, h, ok, tc.name)
		}
		if !h.Date.Equal(tc.d) || h.Date.Location() != Bangkok {
			t.Errorf("holiday date %v, want %v in Bangkok", h.Date, tc.d)
		}
	}
	if got := c.BusinessDaysBetween(day(2030, 3, 1), day(2030, 3, 8)); got != 3 {
		t.Errorf("shared date counted twice? got %d, want 3", got)
	}
	if got := len(c.Holidays(2030)); got != 3 {
		t.Errorf("Holidays(2030) has %d entries, want 3", got)
	}
}

func TestHolidays(t *testing.T) {
	for _, year := range []int{2025, 2026, 2027} {
		hs := defaultCal.Holidays(year)
		if len(hs) == 0 {
			t.Fatalf("no holidays in %d", year)
		}
		be := defaultCal.Holidays(BEFromCE(year))
		if len(be) != len(hs) {
			t.Errorf("Holidays(%d) has %d, Holidays(%d) has %d", year, len(hs), BEFromCE(year), len(be))
		}
		for i, h := range hs {
			if h.Date.Year() != year || h.Date.Location() != Bangkok || !h.Date.Equal(StartOfDay(h.Date)) {
				t.Errorf("bad date %v in Holidays(%d)", h.Date, year)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("Holidays(%d) not sorted or has duplicates at %v", year, h.Date)
			}
			if h.NameTH == "" || h.NameEN == "" {
				t.Errorf("holiday %v lacks a name", h.Date)
			}
		}
	}
	if hs := defaultCal.Holidays(2028); len(hs) != 0 {
		t.Errorf("Holidays(2028) = %v, want none", hs)
	}
	h, ok := defaultCal.HolidayOn(bkk(2025, 4, 16, 10, 0))
	if !ok || h.NameTH != "วันหยุดชดเชยวันสงกรานต์" || h.NameEN != "Substitution for Songkran Festival" {
		t.Errorf("HolidayOn(16 Apr 2025) = %+v, %v", h, ok)
	}
}

// TestDefaultHolidaysTable guards the seed table against typing mistakes: the
// fixed-date holidays are all present, and every holiday that falls on a
// weekend has a substitution on a following weekday.
func TestDefaultHolidaysTable(t *testing.T) {
	hs := DefaultHolidays()
	byDate := map[time.Time]Holiday{}
	for _, h := range hs {
		if _, dup := byDate[h.Date]; dup {
			t.Errorf("duplicate date %v", h.Date)
		}
		byDate[h.Date] = h
	}
	fixed := []struct {
		m time.Month
		d int
	}{{1, 1}, {4, 6}, {4, 13}, {4, 14}, {4, 15}, {5, 4}, {6, 3}, {7, 28}, {8, 12}, {10, 13}, {10, 23}, {12, 5}, {12, 10}, {12, 31}}
	for _, year := range []int{2025, 2026, 2027} {
		for _, f := range fixed {
			if _, ok := byDate[day(year, f.m, f.d)]; !ok {
				t.Errorf("missing fixed holiday %d-%02d-%02d", year, f.m, f.d)
			}
		}
		lunar := map[string]bool{}
		for _, h := range defaultCal.Holidays(year) {
			lunar[h.NameEN] = true
		}
		for _, name := range []string{enMakha, enVisakha, enAsalha, enKhaoPhansa, enPloughing} {
			if year == 2027 && name == enPloughing {
				continue // not announced when the table was written
			}
			if !lunar[name] {
				t.Errorf("%d lacks %s", year, name)
			}
		}
	}
	for _, h := range hs {
		sub := strings.HasPrefix(h.NameEN, enSubPrefix)
		if sub != strings.HasPrefix(h.NameTH, thSubPrefix) {
			t.Errorf("%v: Thai and English names disagree about substitution", h.Date)
		}
		wd := h.Date.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		if sub && weekend {
			t.Errorf("substitution day %v falls on a weekend", h.Date)
		}
		if !weekend || sub {
			continue
		}
		found := false
		for d := h.Date.AddDate(0, 0, 1); d.Before(h.Date.AddDate(0, 0, 8)); d = d.AddDate(0, 0, 1) {
			if s, ok := byDate[d]; ok && s.NameEN == enSubPrefix+h.NameEN {
				found = true
			}
		}
		if !found {
			t.Errorf("%s on %v (%v) has no substitution day", h.NameEN, h.Date.Format("2006-01-02"), wd)
		}
	}
}

func TestDefaultHolidaysIsACopy(t *testing.T) {
	a := DefaultHolidays()
	a[0].NameEN = "changed"
	if DefaultHolidays()[0].NameEN == "changed" {
		t.Fatal("DefaultHolidays shares its backing array")
	}
}
