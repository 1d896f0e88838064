package openinfo

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/thaitime"
)

var thaiCal = thaitime.NewCalendar(thaitime.DefaultHolidays())

func TestLicenceDeadlines(t *testing.T) {
	tests := []struct {
		name   string
		policy LicencePolicy
		month  int
		due    time.Time
	}{
		{"default: 15th of the next month", DefaultLicencePolicy, 202611, bkk(2026, 12, 15, 0, 0)},
		{"December's report is due in January", DefaultLicencePolicy, 202612, bkk(2027, 1, 15, 0, 0)},
		{"September, last month of FY2569, due in October (FY2570)", DefaultLicencePolicy, 202609, bkk(2026, 10, 15, 0, 0)},
		{"October, first month of FY2570", DefaultLicencePolicy, 202610, bkk(2026, 11, 15, 0, 0)},
		{"configured day", LicencePolicy{DueDay: 10}, 202603, bkk(2026, 4, 10, 0, 0)},
		{"the 31st clamps to February's end", LicencePolicy{DueDay: 31}, 202701, bkk(2027, 2, 28, 0, 0)},
		{"… and to a leap February's", LicencePolicy{DueDay: 31}, 202801, bkk(2028, 2, 29, 0, 0)},
		{"a nonsense day falls back to the 15th", LicencePolicy{DueDay: 40}, 202601, bkk(2026, 2, 15, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.DueDate(tt.month); !got.Equal(tt.due) {
				t.Errorf("DueDate = %v, want %v", got, tt.due)
			}
			if got := tt.policy.Deadline(tt.month); !got.Equal(tt.due.AddDate(0, 0, 1)) {
				t.Errorf("Deadline = %v, want the end of %v", got, tt.due)
			}
		})
	}
	// The deadline is Bangkok's midnight: 17:00 UTC the day before.
	if got := DefaultLicencePolicy.Deadline(202612).UTC(); !got.Equal(time.Date(2027, 1, 15, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("Deadline(Dec 2026) = %v UTC", got)
	}
}

func TestUnlockWindowEnd(t *testing.T) {
	tests := []struct {
		name     string
		approved time.Time
		lastDay  time.Time // the 5th business day; the window ends at its end
	}{
		{"plain week", bkk(2026, 11, 9, 10, 0), bkk(2026, 11, 16, 0, 0)}, // Mon → next Mon
		{"Friday afternoon: the day itself does not count", bkk(2026, 11, 13, 16, 30), bkk(2026, 11, 20, 0, 0)},
		{"Saturday approval", bkk(2026, 11, 14, 9, 0), bkk(2026, 11, 20, 0, 0)},
		{"Songkran 2026 (13–15 Apr, Mon–Wed)", bkk(2026, 4, 9, 10, 0), bkk(2026, 4, 21, 0, 0)}, // Fri 10, Thu 16, Fri 17, Mon 20, Tue 21
		{"Songkran 2025 with its substitution day (16 Apr)", bkk(2025, 4, 11, 10, 0), bkk(2025, 4, 23, 0, 0)},
		{"Father's Day on Saturday, substitution Monday, Constitution Day Thursday", bkk(2026, 12, 4, 10, 0), bkk(2026, 12, 15, 0, 0)},
		{"year end: 31 Dec and 1 Jan", bkk(2026, 12, 29, 10, 0), bkk(2027, 1, 7, 0, 0)},
		{"fiscal year boundary: 1 Oct is a working day", bkk(2026, 9, 29, 10, 0), bkk(2026, 10, 6, 0, 0)},
		{"late evening UTC is already the next Bangkok day", time.Date(2026, 11, 12, 20, 0, 0, 0, time.UTC), bkk(2026, 11, 20, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DefaultLicencePolicy.UnlockWindowEnd(thaiCal, tt.approved)
			if want := tt.lastDay.AddDate(0, 0, 1); !got.Equal(want) {
				t.Errorf("UnlockWindowEnd(%v) = %v, want %v", tt.approved, got, want)
			}
		})
	}
	if got := (LicencePolicy{UnlockDays: 1}).UnlockWindowEnd(thaiCal, bkk(2026, 4, 10, 9, 0)); !got.Equal(bkk(2026, 4, 17, 0, 0)) {
		t.Errorf("one business day after Fri 10 Apr 2026 = %v, want the end of Thu 16 Apr", got)
	}
}

func TestLicencePeriodEffectiveState(t *testing.T) {
	p := DefaultLicencePolicy
	end := bkk(2027, 1, 22, 0, 0)
	tests := []struct {
		name   string
		unlock *UnlockRequest
		at     time.Time
		want   LicencePeriodState
	}{
		{"before the deadline", nil, bkk(2027, 1, 15, 23, 59), PeriodOpen},
		{"at the deadline", nil, bkk(2027, 1, 16, 0, 0), PeriodLocked},
		{"requested", &UnlockRequest{Status: UnlockRequested}, bkk(2027, 1, 20, 0, 0), PeriodUnlockRequested},
		{"in the window", &UnlockRequest{Status: UnlockApproved, WindowEnd: end}, end.Add(-time.Second), PeriodUnlocked},
		{"window ended", &UnlockRequest{Status: UnlockApproved, WindowEnd: end}, end, PeriodClosed},
		{"refused", &UnlockRequest{Status: UnlockRefused}, end, PeriodClosed},
	}
	for _, tt := range tests {
		lp := LicencePeriod{Month: 202612, Unlock: tt.unlock}
		if got := lp.EffectiveState(p, tt.at); got != tt.want {
			t.Errorf("%s: state = %s, want %s", tt.name, got, tt.want)
		}
		editable := tt.want == PeriodOpen || tt.want == PeriodUnlocked
		if err := lp.MayEdit(p, tt.at); (err == nil) != editable || err != nil && ErrorCode(err) != ECONFLICT {
			t.Errorf("%s: MayEdit = %v", tt.name, err)
		}
		if got := lp.MayRequestUnlock(p, tt.at); got != (tt.want == PeriodLocked) {
			t.Errorf("%s: MayRequestUnlock = %v", tt.name, got)
		}
		if tt.want.Label("en") == string(tt.want) || tt.want.Label("th") == "" {
			t.Errorf("%s has no label", tt.want)
		}
	}
}

func TestLicenceStep(t *testing.T) {
	p := DefaultLicencePolicy
	const m = 202612 // due 15 Jan 2027, locks 16 Jan 00:00
	before := bkk(2027, 1, 10, 10, 0)
	after := bkk(2027, 1, 18, 10, 0) // Monday
	requested := &UnlockRequest{Month: m, Reason: "ระบบล่ม", Status: UnlockRequested, RequestedAt: after}
	approved := &UnlockRequest{Month: m, Status: UnlockApproved, WindowEnd: bkk(2027, 1, 26, 0, 0)}
	refused := &UnlockRequest{Month: m, Status: UnlockRefused}
	tests := []struct {
		name   string
		ev     LicenceEvent
		unlock *UnlockRequest
		report LicenceReportState
		at     time.Time
		text   string
		to     LicencePeriodState
		rep    LicenceReportState
		code   string // "" when allowed
		msg    string // part of the English message
	}{
		{"draft before the deadline", LicSaveDraft, nil, ReportNone, before, "", PeriodOpen, ReportDraft, "", ""},
		{"submit before the deadline", LicSubmit, nil, ReportDraft, before, "", PeriodOpen, ReportSubmitted, "", ""},
		{"correct before the deadline", LicCorrect, nil, ReportSubmitted, before, "", PeriodOpen, ReportSubmitted, "", ""},
		{"draft of a running month", LicSaveDraft, nil, ReportNone, bkk(2026, 12, 20, 9, 0), "", PeriodOpen, ReportDraft, "", ""},
		{"submit of a running month", LicSubmit, nil, ReportDraft, bkk(2026, 12, 31, 23, 0), "", PeriodOpen, ReportDraft, EINVALID, "has not ended"},
		{"draft over a submitted report", LicSaveDraft, nil, ReportSubmitted, before, "", PeriodOpen, ReportSubmitted, ECONFLICT, "use \"correct\""},
		{"submit twice", LicSubmit, nil, ReportSubmitted, before, "", PeriodOpen, ReportSubmitted, ECONFLICT, "submitted already"},
		{"correct a draft", LicCorrect, nil, ReportDraft, before, "", PeriodOpen, ReportDraft, ECONFLICT, "nothing to correct"},
		{"submit after the deadline, job not run yet", LicSubmit, nil, ReportDraft, bkk(2027, 1, 16, 0, 1), "", PeriodLocked, ReportDraft, ECONFLICT, "Request an unlock"},
		{"correct after the deadline", LicCorrect, nil, ReportSubmitted, after, "", PeriodLocked, ReportSubmitted, ECONFLICT, "locked"},
		{"lock at the deadline", LicLock, nil, ReportNone, bkk(2027, 1, 16, 0, 0), "", PeriodLocked, ReportNone, "", ""},
		{"lock too early", LicLock, nil, ReportNone, bkk(2027, 1, 15, 23, 59), "", PeriodOpen, ReportNone, ECONFLICT, "not due yet"},
		{"unlock before the lock", LicRequestUnlock, nil, ReportNone, before, "x", PeriodOpen, ReportNone, ECONFLICT, "not locked"},
		{"unlock without reason", LicRequestUnlock, nil, ReportNone, after, "  ", PeriodLocked, ReportNone, EINVALID, "reason"},
		{"unlock with reason", LicRequestUnlock, nil, ReportNone, after, "เจ้าหน้าที่ลาป่วย", PeriodUnlockRequested, ReportNone, "", ""},
		{"unlock twice while waiting", LicRequestUnlock, requested, ReportNone, after, "again", PeriodUnlockRequested, ReportNone, ECONFLICT, "wait for the decision"},
		{"save while waiting", LicSubmit, requested, ReportDraft, after, "", PeriodUnlockRequested, ReportDraft, ECONFLICT, "waits for a decision"},
		{"approve", LicApproveUnlock, requested, ReportNone, after, "", PeriodUnlocked, ReportNone, "", ""},
		{"refuse without comment", LicRefuseUnlock, requested, ReportNone, after, "", PeriodUnlockRequested, ReportNone, EINVALID, "Say why"},
		{"refuse", LicRefuseUnlock, requested, ReportNone, after, "ไม่มีเหตุอันสมควร", PeriodClosed, ReportNone, "", ""},
		{"decide with no request", LicApproveUnlock, nil, ReportNone, after, "", PeriodLocked, ReportNone, ECONFLICT, "no unlock request"},
		{"decide twice", LicApproveUnlock, approved, ReportNone, bkk(2027, 1, 19, 9, 0), "", PeriodUnlocked, ReportNone, ECONFLICT, "no unlock request"},
		{"submit in the window", LicSubmit, approved, ReportDraft, bkk(2027, 1, 25, 23, 59), "", PeriodUnlocked, ReportSubmitted, "", ""},
		{"correct in the window", LicCorrect, approved, ReportSubmitted, bkk(2027, 1, 25, 9, 0), "", PeriodUnlocked, ReportSubmitted, "", ""},
		{"submit after the window", LicSubmit, approved, ReportDraft, bkk(2027, 1, 26, 0, 0), "", PeriodClosed, ReportDraft, ECONFLICT, "cannot be unlocked again"},
		{"window ends early", LicWindowEnds, approved, ReportNone, bkk(2027, 1, 25, 9, 0), "", PeriodUnlocked, ReportNone, ECONFLICT, "not ended"},
		{"window ends", LicWindowEnds, approved, ReportNone, bkk(2027, 1, 26, 0, 0), "", PeriodClosed, ReportNone, "", ""},
		{"window ends without an unlock", LicWindowEnds, nil, ReportNone, after, "", PeriodLocked, ReportNone, ECONFLICT, "not unlocked"},
		{"no second unlock after the window", LicRequestUnlock, approved, ReportNone, bkk(2027, 2, 1, 9, 0), "อีกครั้ง", PeriodClosed, ReportNone, ECONFLICT, "only once"},
		{"no second unlock after a refusal", LicRequestUnlock, refused, ReportNone, bkk(2027, 2, 1, 9, 0), "อีกครั้ง", PeriodClosed, ReportNone, ECONFLICT, "only once"},
		{"reason too long", LicRequestUnlock, nil, ReportNone, after, strings.Repeat("ก", MaxUnlockText+1), PeriodLocked, ReportNone, EINVALID, "longer"},
		{"unknown event", "delete", nil, ReportNone, after, "", PeriodLocked, ReportNone, EINVALID, "Unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := LicenceStep(p, thaiCal, LicenceStepInput{Event: tt.ev, Period: LicencePeriod{Month: m, Unlock: tt.unlock},
				Report: tt.report, At: tt.at, Text: tt.text})
			if ErrorCode(err) != tt.code {
				t.Fatalf("err = %v, want code %q", err, tt.code)
			}
			if err != nil {
				e := err.(*Error)
				if e.TH == "" || !strings.Contains(e.EN, tt.msg) || strings.Contains(e.TH+e.EN, "%!") {
					t.Errorf("message = %q / %q, want Thai and %q", e.TH, e.EN, tt.msg)
				}
				return
			}
			if res.To != tt.to || res.Report != tt.rep {
				t.Errorf("to %s, report %s; want %s, %s", res.To, res.Report, tt.to, tt.rep)
			}
		})
	}
}

// TestLicenceUnlockCycle walks the seed's story across Songkran: locked in
// April, unlock approved just before the holidays, the window stretches
// over them, the period closes again and a second request is refused.
func TestLicenceUnlockCycle(t *testing.T) {
	p := LicencePolicy{DueDay: 8}
	lp := LicencePeriod{Month: 202603} // due Wed 8 Apr 2026, locked from Thu 9 Apr
	step := func(ev LicenceEvent, at time.Time, text string) (LicenceStepResult, error) {
		return LicenceStep(p, thaiCal, LicenceStepInput{Event: ev, Period: lp, Report: ReportDraft, At: at, Text: text})
	}
	if _, err := step(LicSubmit, bkk(2026, 4, 9, 8, 0), ""); ErrorCode(err) != ECONFLICT {
		t.Fatalf("submit after the deadline: %v", err)
	}
	res, err := step(LicRequestUnlock, bkk(2026, 4, 9, 9, 0), "ระบบเครือข่ายขัดข้อง")
	if err != nil || res.To != PeriodUnlockRequested {
		t.Fatalf("request: %+v, %v", res, err)
	}
	lp.Unlock = res.Unlock
	// Approved on Friday 10 Apr: Songkran (Mon 13 – Wed 15) does not count,
	// so the fifth business day is Wed 22 Apr.
	res, err = step(LicApproveUnlock, bkk(2026, 4, 10, 15, 0), "")
	if err != nil || !res.Unlock.WindowEnd.Equal(bkk(2026, 4, 23, 0, 0)) {
		t.Fatalf("approve: %+v, %v", res.Unlock, err)
	}
	lp.Unlock = res.Unlock
	if res, err := step(LicSubmit, bkk(2026, 4, 22, 16, 0), ""); err != nil || res.Report != ReportSubmitted {
		t.Fatalf("submit on the last day of the window: %+v, %v", res, err)
	}
	if _, err := step(LicSubmit, bkk(2026, 4, 23, 8, 30), ""); ErrorCode(err) != ECONFLICT {
		t.Fatalf("submit after the window: %v", err)
	}
	if _, err := step(LicRequestUnlock, bkk(2026, 4, 23, 9, 0), "ขออีกครั้ง"); ErrorCode(err) != ECONFLICT {
		t.Fatalf("second request: %v", err)
	}
}

func TestMonthsToLock(t *testing.T) {
	p := DefaultLicencePolicy
	bkk := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, thaitime.Bangkok) }
	for _, tc := range []struct {
		at   time.Time
		want []int
	}{
		{bkk(2026, 12, 15, 23), []int{202610}},        // November's last day to report: not yet locked
		{bkk(2026, 12, 16, 0), []int{202610, 202611}}, // November locks at the end of the 15th
		{bkk(2027, 1, 3, 9), []int{202611}},           // across the year end: December is not due yet
		{bkk(2027, 1, 16, 0), []int{202611, 202612}},  // December's reports lock in January
		{bkk(2027, 3, 1, 0), []int{202701}},           // February is short; January long locked
	} {
		if got := p.MonthsToLock(tc.at); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("MonthsToLock(%s) = %v, want %v", tc.at, got, tc.want)
		}
	}
}
