package openinfo

import (
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/thaitime"
)

func bkk(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, thaitime.Bangkok)
}

func TestLicenceReportValidate(t *testing.T) {
	now := bkk(2026, 12, 7, 10, 0)
	ok := LicenceCounts{PendingStart: 3, Received: 10, Issued: 7, Refused: 1, Withdrawn: 1, OnTime: 6, Late: 2, PendingEnd: 4, DelayNotices: 2}
	base := LicenceReport{Reporter: Reporter{ReporterPoint, 7}, ProcessID: 3, Month: 202611, Counts: ok}
	tests := []struct {
		name   string
		edit   func(r *LicenceReport)
		fields []string // the fields named, in order; nil: valid
		text   string   // a part of the first field's English message
	}{
		{"valid", func(*LicenceReport) {}, nil, ""},
		{"zero month", func(r *LicenceReport) { *r = ZeroLicenceReport(r.Reporter, 1, 3, 202611, 5) }, nil, ""},
		{"current month draft is fine", func(r *LicenceReport) { r.Month = 202612 }, nil, ""},
		{"future month", func(r *LicenceReport) { r.Month = 202701 }, []string{"month"}, "in the future"},
		{"impossible month", func(r *LicenceReport) { r.Month = 202613 }, []string{"month"}, "not valid"},
		{"no reporter", func(r *LicenceReport) { r.Reporter = Reporter{} }, []string{"reporter"}, "Choose who reports"},
		{"unknown reporter kind", func(r *LicenceReport) { r.Reporter.Kind = "ministry" }, []string{"reporter"}, ""},
		{"no process", func(r *LicenceReport) { r.ProcessID = 0 }, []string{"process_id"}, "process"},
		{"negative received", func(r *LicenceReport) { r.Counts.Received = -1 }, []string{"received"}, "applications received cannot be negative"},
		{"two negatives, no sums", func(r *LicenceReport) { r.Counts.Late, r.Counts.DelayNotices = -2, -1 },
			[]string{"late", "delay_notices"}, "negative"},
		{"too large", func(r *LicenceReport) { r.Counts.Received = 2_000_000 }, []string{"received"}, "too large"},
		{"pending end wrong", func(r *LicenceReport) { r.Counts.PendingEnd = 5 }, []string{"pending_end"}, "pending at end should be 4"},
		{"more decided than applications", func(r *LicenceReport) {
			r.Counts.Issued, r.Counts.OnTime = 20, 19
		}, []string{"pending_end"}, "more were decided"},
		{"on time + late wrong", func(r *LicenceReport) { r.Counts.Late = 1 }, []string{"late"}, "On time 6 + late 1 = 7 must equal issued 7 + refused 1 = 8"},
		{"both sums wrong", func(r *LicenceReport) { r.Counts.Received, r.Counts.Late = 11, 1 }, []string{"pending_end", "late"}, "do not add up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			tt.edit(&r)
			err := r.Validate(now)
			fe := FieldErrors(err)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || len(fe) != len(tt.fields) {
				t.Fatalf("Validate = %v, want fields %v", err, tt.fields)
			}
			for i, f := range tt.fields {
				if fe[i].Field != f || fe[i].TH == "" || fe[i].EN == "" {
					t.Errorf("field %d = %+v, want %s with Thai and English", i, fe[i], f)
				}
			}
			if !strings.Contains(fe[0].EN, tt.text) {
				t.Errorf("message %q lacks %q", fe[0].EN, tt.text)
			}
		})
	}
}

func TestZeroLicenceReport(t *testing.T) {
	r := ZeroLicenceReport(Reporter{ReporterAgency, 4}, 4, 9, 202609, 2)
	if r.Counts != (LicenceCounts{PendingStart: 2, PendingEnd: 2}) || r.Month != 202609 || r.Period().String() != "2569-09" {
		t.Fatalf("ZeroLicenceReport = %+v", r)
	}
}

func TestReportingLevelFrom(t *testing.T) {
	for _, tt := range []struct {
		at   time.Time
		want int
	}{
		{bkk(2026, 12, 7, 10, 0), 202701},
		{bkk(2026, 9, 30, 23, 59), 202610},                       // fiscal year boundary
		{time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC), 202702}, // already 1 Jan in Bangkok
	} {
		if got := ReportingLevelFrom(tt.at); got != tt.want {
			t.Errorf("ReportingLevelFrom(%v) = %d, want %d", tt.at, got, tt.want)
		}
	}
}

func TestLicenceCountsAdd(t *testing.T) {
	a := LicenceCounts{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if got := a.Add(a); got != (LicenceCounts{2, 4, 6, 8, 10, 12, 14, 16, 18}) {
		t.Fatalf("Add = %+v", got)
	}
}

func TestStatsFromReports(t *testing.T) {
	months := LastMonths(bkk(2027, 1, 10, 9, 0), 12)
	if len(months) != 12 || months[0] != 202601 || months[11] != 202612 {
		t.Fatalf("LastMonths = %v", months)
	}
	if got := LastMonths(bkk(2026, 10, 1, 0, 0), 2); got[0] != 202608 || got[1] != 202609 {
		t.Fatalf("LastMonths at the fiscal year start = %v", got)
	}
	s, ok := StatsFromReports(map[int]int{202601: 10, 202605: 30, 202612: 5, 209901: 1000}, months)
	if !ok || s != (Stats{AvgPerMonth: 4, Max: 30, Min: 0}) { // 45/12 = 3.75
		t.Fatalf("stats = %+v", s)
	}
	s, _ = StatsFromReports(map[int]int{202601: 3, 202602: 4}, []int{202601, 202602})
	if s != (Stats{AvgPerMonth: 4, Max: 4, Min: 3}) { // 3.5 rounds up
		t.Fatalf("stats = %+v", s)
	}
	if _, ok := StatsFromReports(nil, nil); ok {
		t.Fatal("no months gave statistics")
	}
}

func TestParseReportMonth(t *testing.T) {
	now := bkk(2026, 12, 7, 10, 0) // December 2569
	tests := []struct {
		v     string
		ce    bool
		want  int
		errEN string // part of the English message
	}{
		{"2569-11", false, 202611, ""},
		{" 2569-1 ", false, 202601, ""},
		{"๒๕๖๙-๑๒", false, 202612, ""}, // Thai digits; the current month is allowed
		{"2558-07", false, 201507, ""},
		{"2026-11", true, 202611, ""}, // a browser's month input
		{"2569-11", true, 202611, ""},
		{"2026-11", false, 0, "2026 is a Common-Era year: use the Buddhist era, e.g. 2569-11"},
		{"2570-01", false, 0, "Jan 2027 has not come yet: choose a month up to Dec 2026 (2569-12)"},
		{"2027-01", true, 0, "has not come yet"},
		{"2558-06", false, 0, "before the Licensing Facilitation Act came into force: choose a month from Jul 2015 to Dec 2026"},
		{"2569-13", false, 0, "The month must be 01 to 12"},
		{"2569-00", false, 0, "The month must be 01 to 12"},
		{"2569", false, 0, "write the Buddhist-era year and the month, e.g. 2569-12"},
		{"พ.ย. 2569", false, 0, "is not valid"},
		{"2569-11-01", false, 0, "is not valid"},
		{"", false, 0, "is not valid"},
		{strings.Repeat("9", 100), false, 0, "…"},
	}
	for _, tt := range tests {
		got, err := ParseReportMonth("month", tt.v, now, tt.ce)
		if tt.errEN == "" {
			if err != nil || got != tt.want {
				t.Errorf("%q: %d, %v; want %d", tt.v, got, err, tt.want)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Code != EINVALID || !strings.Contains(e.EN, tt.errEN) || e.TH == "" || len(e.Fields) != 1 || e.Fields[0].Field != "month" {
			t.Errorf("%q: %v, want a refusal of the month field saying %q", tt.v, err, tt.errEN)
		}
	}
}
