package thaitime

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func bkk(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, Bangkok)
}

func day(y int, m time.Month, d int) time.Time { return bkk(y, m, d, 0, 0) }

func TestBangkok(t *testing.T) {
	if _, off := time.Date(2026, 1, 1, 0, 0, 0, 0, Bangkok).Zone(); off != 7*3600 {
		t.Fatalf("offset = %d, want 25200", off)
	}
	if Bangkok.String() != "Asia/Bangkok" {
		t.Fatalf("name = %q", Bangkok.String())
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		t    time.Time
		lang string
		want string
	}{
		{bkk(2026, 11, 22, 14, 5), "th", "22 พ.ย. 2569"},
		{bkk(2026, 11, 22, 14, 5), "th-long", "22 พฤศจิกายน 2569"},
		{bkk(2026, 11, 22, 14, 5), "en", "22 Nov 2026"},
		{bkk(2026, 11, 22, 14, 5), "en-long", "22 November 2026"},
		{bkk(2026, 11, 22, 14, 5), "", "22 พ.ย. 2569"},
		{bkk(2026, 11, 22, 14, 5), "fr", "22 พ.ย. 2569"},
		{bkk(2026, 11, 22, 14, 5), "EN-US", "22 Nov 2026"},
		{bkk(2026, 1, 5, 0, 0), "th", "5 ม.ค. 2569"},
		// 17:00 UTC is already midnight of the next day in Bangkok.
		{time.Date(2026, 11, 21, 17, 0, 0, 0, time.UTC), "th", "22 พ.ย. 2569"},
		{time.Date(2026, 11, 21, 16, 59, 0, 0, time.UTC), "th", "21 พ.ย. 2569"},
		// Month-end and year-end.
		{bkk(2025, 12, 31, 23, 59), "th", "31 ธ.ค. 2568"},
		{time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC), "th-long", "1 มกราคม 2569"},
		{bkk(2025, 4, 30, 12, 0), "en", "30 Apr 2025"},
		// Leap day.
		{day(2024, 2, 29), "th", "29 ก.พ. 2567"},
		{day(2024, 2, 29), "th-long", "29 กุมภาพันธ์ 2567"},
	}
	for _, tc := range tests {
		if got := FormatDate(tc.t, tc.lang); got != tc.want {
			t.Errorf("FormatDate(%v, %q) = %q, want %q", tc.t, tc.lang, got, tc.want)
		}
	}
}

func TestFormatDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		lang string
		want string
	}{
		{bkk(2026, 11, 22, 14, 5), "th", "22 พ.ย. 2569 14:05 น."},
		{bkk(2026, 11, 22, 14, 5), "th-long", "22 พฤศจิกายน 2569 14:05 น."},
		{bkk(2026, 11, 22, 14, 5), "en", "22 Nov 2026 14:05"},
		{time.Date(2026, 11, 21, 17, 0, 0, 0, time.UTC), "th", "22 พ.ย. 2569 00:00 น."},
		{time.Date(2026, 11, 22, 7, 5, 59, 0, time.UTC), "en", "22 Nov 2026 14:05"},
	}
	for _, tc := range tests {
		if got := FormatDateTime(tc.t, tc.lang); got != tc.want {
			t.Errorf("FormatDateTime(%v, %q) = %q, want %q", tc.t, tc.lang, got, tc.want)
		}
	}
}

func TestMonthNames(t *testing.T) {
	short := []string{"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."}
	long := []string{"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"}
	for i := range 12 {
		m := time.Month(i + 1)
		if got := MonthShort(m, "th"); got != short[i] {
			t.Errorf("MonthShort(%v, th) = %q, want %q", m, got, short[i])
		}
		if got := MonthLong(m, "th"); got != long[i] {
			t.Errorf("MonthLong(%v, th) = %q, want %q", m, got, long[i])
		}
		if got, want := MonthLong(m, "en"), m.String(); got != want {
			t.Errorf("MonthLong(%v, en) = %q, want %q", m, got, want)
		}
		if got, want := MonthShort(m, "en"), m.String()[:3]; got != want {
			t.Errorf("MonthShort(%v, en) = %q, want %q", m, got, want)
		}
	}
	for _, m := range []time.Month{0, 13, -1} {
		if MonthShort(m, "th") != "" || MonthLong(m, "en") != "" {
			t.Errorf("month %d: want empty names", m)
		}
	}
}

func TestYears(t *testing.T) {
	tests := []struct {
		t    time.Time
		want int
	}{
		{day(2026, 1, 1), 2569},
		{bkk(2025, 12, 31, 23, 59), 2568},
		{time.Date(2025, 12, 31, 18, 0, 0, 0, time.UTC), 2569}, // 01:00 on 1 Jan in Bangkok
		{day(2024, 2, 29), 2567},
	}
	for _, tc := range tests {
		if got := BEYear(tc.t); got != tc.want {
			t.Errorf("BEYear(%v) = %d, want %d", tc.t, got, tc.want)
		}
	}
	if got := CEFromBE(2569); got != 2026 {
		t.Errorf("CEFromBE(2569) = %d", got)
	}
	if got := BEFromCE(2026); got != 2569 {
		t.Errorf("BEFromCE(2026) = %d", got)
	}
}

func TestStartOfDay(t *testing.T) {
	got := StartOfDay(time.Date(2026, 3, 3, 20, 30, 0, 0, time.UTC))
	if want := day(2026, 3, 4); !got.Equal(want) || got.Location() != Bangkok {
		t.Fatalf("StartOfDay = %v, want %v", got, want)
	}
}

func TestDigits(t *testing.T) {
	tests := []struct{ arabic, thai string }{
		{"0123456789", "๐๑๒๓๔๕๖๗๘๙"},
		{"22/11/2569", "๒๒/๑๑/๒๕๖๙"},
		{"ปี 2569 ไตรมาส 1", "ปี ๒๕๖๙ ไตรมาส ๑"},
		{"no digits", "no digits"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := ThaiDigits(tc.arabic); got != tc.thai {
			t.Errorf("ThaiDigits(%q) = %q, want %q", tc.arabic, got, tc.thai)
		}
		if got := ArabicDigits(tc.thai); got != tc.arabic {
			t.Errorf("ArabicDigits(%q) = %q, want %q", tc.thai, got, tc.arabic)
		}
	}
	if got := ArabicDigits("๑2๓"); got != "123" {
		t.Errorf("mixed digits: got %q", got)
	}
	// Invalid UTF-8 must survive untouched, not become U+FFFD.
	if got := ThaiDigits("\xff1"); got != "\xff๑" {
		t.Errorf("ThaiDigits kept invalid byte? got %q", got)
	}
	if got := ArabicDigits("\xff๑"); got != "\xff1" {
		t.Errorf("ArabicDigits kept invalid byte? got %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2569-11-22", day(2026, 11, 22)},
		{"2026-11-22", day(2026, 11, 22)},
		{"2569-1-5", day(2026, 1, 5)},
		{"  2569-11-22\n", day(2026, 11, 22)},
		{"22/11/2569", day(2026, 11, 22)},
		{"22/11/2026", day(2026, 11, 22)},
		{"1/1/2569", day(2026, 1, 1)},
		{"๒๒/๑๑/๒๕๖๙", day(2026, 11, 22)},
		{"๒๕๖๙-๑๑-๒๒", day(2026, 11, 22)},
		{"22 พ.ย. 2569", day(2026, 11, 22)},
		{"22 พย 2569", day(2026, 11, 22)},
		{"22 พฤศจิกายน 2569", day(2026, 11, 22)},
		{"22 พฤศจิกายน พ.ศ. 2569", day(2026, 11, 22)},
		{"๒๒ พ.ย. ๒๕๖๙", day(2026, 11, 22)},
		{"22 Nov 2026", day(2026, 11, 22)},
		{"22 november 2026", day(2026, 11, 22)},
		{"22 Nov. 2026", day(2026, 11, 22)},
		// Threshold: 2399 is CE, 2400 is BE (CE 1857).
		{"2399-01-01", day(2399, 1, 1)},
		{"2400-01-01", day(1857, 1, 1)},
		// Thai month names always mean BE, even for small years.
		{"1 ม.ค. 1543", day(1000, 1, 1)},
		// Leap day: BE 2567 is CE 2024.
		{"29/02/2567", day(2024, 2, 29)},
		{"2024-02-29", day(2024, 2, 29)},
		{"29 ก.พ. 2567", day(2024, 2, 29)},
		// Month-ends.
		{"31/01/2569", day(2026, 1, 31)},
		{"30/04/2569", day(2026, 4, 30)},
		{"31 ธ.ค. 2568", day(2025, 12, 31)},
		// FY2567 boundaries.
		{"1/10/2566", day(2023, 10, 1)},
		{"30/9/2567", day(2024, 9, 30)},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) || got.Location() != Bangkok {
			t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"yesterday",
		"2569/11/22",   // year first with slashes: ambiguous, rejected
		"22-11-2569",   // day first with dashes
		"69-11-22",     // two-digit year
		"02569-11-22",  // five-digit year
		"2569-13-01",   // month 13
		"2569-00-10",   // month 0
		"2569-11-00",   // day 0
		"2569-11-31",   // 31 November
		"29/02/2566",   // BE 2566 = CE 2023, not a leap year
		"29/02/2443",   // CE 1900, not a leap year
		"31/04/2569",   // 31 April
		"22/11/2569/1", // extra part
		"+1/11/2569",
		"1_0/11/2569",
		"2569-11-22T10:00:00Z",
		"22 พ.ย.",
		"22 Foo 2569",
		"22 Nov 26",
		"22 Nov พ.ศ. 2569", // พ.ศ. only goes with Thai month names
		"22 พ.ย. 2569 14:05 น.",
		"1 ม.ค. 0543", // BE 543 is CE 0
		"0000-01-01",
	} {
		got, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", in, got)
			continue
		}
		if !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error %v does not wrap ErrInvalidDate", in, err)
		}
	}
}

func TestFiscalYear(t *testing.T) {
	tests := []struct {
		t      time.Time
		fy, fq int
	}{
		{bkk(2023, 9, 30, 23, 59), 2566, 4},
		{day(2023, 10, 1), 2567, 1},                               // FY2567 starts
		{time.Date(2023, 9, 30, 17, 0, 0, 0, time.UTC), 2567, 1},  // same instant in UTC
		{time.Date(2023, 9, 30, 16, 59, 0, 0, time.UTC), 2566, 4}, // one minute earlier
		{day(2023, 12, 31), 2567, 1},
		{day(2024, 1, 1), 2567, 2},
		{day(2024, 2, 29), 2567, 2}, // leap day
		{day(2024, 3, 31), 2567, 2},
		{day(2024, 4, 1), 2567, 3},
		{day(2024, 6, 30), 2567, 3},
		{day(2024, 7, 1), 2567, 4},
		{bkk(2024, 9, 30, 23, 59), 2567, 4}, // FY2567 ends
		{day(2024, 10, 1), 2568, 1},
		{day(2026, 11, 22), 2570, 1},
	}
	for _, tc := range tests {
		if got := FiscalYear(tc.t); got != tc.fy {
			t.Errorf("FiscalYear(%v) = %d, want %d", tc.t, got, tc.fy)
		}
		fy, q := Quarter(tc.t)
		if fy != tc.fy || q != tc.fq {
			t.Errorf("Quarter(%v) = %d Q%d, want %d Q%d", tc.t, fy, q, tc.fy, tc.fq)
		}
	}
}

func TestFiscalYearRange(t *testing.T) {
	start, end := FiscalYearRange(2567)
	if !start.Equal(day(2023, 10, 1)) || !end.Equal(day(2024, 10, 1)) {
		t.Fatalf("FiscalYearRange(2567) = %v, %v", start, end)
	}
	if start.Location() != Bangkok || end.Location() != Bangkok {
		t.Fatalf("range not in Bangkok: %v, %v", start, end)
	}
	// Every instant in [start, end) belongs to the fiscal year, and the
	// instants just outside do not.
	for _, fy := range []int{2566, 2567, 2568, 2569, 2570} {
		s, e := FiscalYearRange(fy)
		if got := FiscalYear(s); got != fy {
			t.Errorf("FiscalYear(start of %d) = %d", fy, got)
		}
		if got := FiscalYear(e.Add(-time.Nanosecond)); got != fy {
			t.Errorf("FiscalYear(end of %d - 1ns) = %d", fy, got)
		}
		if got := FiscalYear(e); got != fy+1 {
			t.Errorf("FiscalYear(end of %d) = %d", fy, got)
		}
	}
}

// roundTrips lists formatted forms of t that ParseDate must map back to t.
// Forms whose year would not have exactly four digits are left out, since
// ParseDate only reads four-digit years.
func roundTrips(t time.Time) []string {
	var out []string
	ce, be := t.Year(), BEYear(t)
	if be >= 1000 && be <= 9999 {
		out = append(out, FormatDate(t, "th"), FormatDate(t, "th-long"), ThaiDigits(FormatDate(t, "th")))
	}
	if ce >= 1000 && ce <= 9999 {
		out = append(out, FormatDate(t, "en"), FormatDate(t, "en-long"))
	}
	if be >= beThreshold && be <= 9999 {
		out = append(out, fmt.Sprintf("%d/%d/%d", t.Day(), t.Month(), be), fmt.Sprintf("%04d-%02d-%02d", be, t.Month(), t.Day()))
	}
	if ce >= 1000 && ce < beThreshold {
		out = append(out, t.Format("2006-01-02"), t.Format("02/01/2006"))
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for _, d := range []time.Time{day(2026, 11, 22), day(2024, 2, 29), day(2023, 10, 1), day(1857, 1, 1), day(2399, 12, 31), day(1000, 1, 1), day(9456, 12, 31)} {
		for _, s := range roundTrips(d) {
			got, err := ParseDate(s)
			if err != nil || !got.Equal(d) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, d)
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2569-11-22", "2026-11-22", "22/11/2569", "29/02/2567", "๒๒/๑๑/๒๕๖๙",
		"22 พ.ย. 2569", "22 พฤศจิกายน พ.ศ. 2569", "22 Nov 2026", "1 ม.ค. 1543",
		"31/04/2569", "", "2569-11-22T10:00:00Z", "0000-01-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrInvalidDate", s, err)
			}
			return
		}
		if got.Location() != Bangkok || !got.Equal(StartOfDay(got)) {
			t.Fatalf("ParseDate(%q) = %v, want Bangkok midnight", s, got)
		}
		for _, f := range roundTrips(got) {
			back, err := ParseDate(f)
			if err != nil || !back.Equal(got) {
				t.Fatalf("ParseDate(%q) = %v; formatted %q parses to %v, %v", s, got, f, back, err)
			}
		}
	})
}
