package openinfo

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openinfo/openinfo/thaitime"
)

// Deadlines and locks of licence reports. A reporter's month is one unit:
// all its reports of that month lock together at the deadline, and an
// unlock opens them together.
//
//	open ──lock (deadline)──▶ locked ──request_unlock──▶ unlock_requested ──approve──▶ unlocked ──window_ends──▶ closed
//	 ▲ save/submit/correct                                 │ refuse                     ▲ save/submit/correct
//	 └──┘                                                  └─────────▶ closed            └──┘
//
// Closed is final: one unlock request per reporter and month, whatever
// became of it (seed 002: "ระบบจะไม่สามารถทำการขอปลดล็อคได้อีก").
//
// Time moves a period on by itself: an open period is locked once the
// deadline has passed and an unlocked one is closed once its window has
// ended, whether or not the lock job has run yet (EffectiveState), so
// two nodes and a late job never let a save through.

// LicencePolicy holds the dates OPDC sets.
type LicencePolicy struct {
	// DueDay is the day of the following month by which a month's reports
	// are due (default 15). Reports lock at the end of that day, Bangkok
	// time. Days past a short month's end clamp to its last day.
	DueDay int
	// UnlockDays is the unlock window in Thai business days (default 5).
	UnlockDays int
}

// DefaultLicencePolicy is the 15th of the following month and a 5-day
// unlock window.
var DefaultLicencePolicy = LicencePolicy{DueDay: 15, UnlockDays: 5}

func (p LicencePolicy) normal() LicencePolicy {
	if p.DueDay < 1 || p.DueDay > 31 {
		p.DueDay = DefaultLicencePolicy.DueDay
	}
	if p.UnlockDays < 1 {
		p.UnlockDays = DefaultLicencePolicy.UnlockDays
	}
	return p
}

// DueDate is the last day (Bangkok midnight) to report month m (yyyymm).
func (p LicencePolicy) DueDate(m int) time.Time {
	p = p.normal()
	next := NextMonth(m)
	y, mo := next/100, time.Month(next%100)
	last := time.Date(y, mo+1, 0, 0, 0, 0, 0, thaitime.Bangkok).Day()
	return time.Date(y, mo, min(p.DueDay, last), 0, 0, 0, 0, thaitime.Bangkok)
}

// Deadline is the instant month m's reports lock: the end of DueDate.
func (p LicencePolicy) Deadline(m int) time.Time { return p.DueDate(m).AddDate(0, 0, 1) }

// UnlockWindowEnd is the instant an unlock approved at t closes: the end of
// the UnlockDays-th Thai business day after t's date (the day of approval
// does not count, so an approval late on Friday still leaves five whole
// working days). Weekends, holidays and substitution days come from cal.
func (p LicencePolicy) UnlockWindowEnd(cal *thaitime.Calendar, approvedAt time.Time) time.Time {
	p = p.normal()
	return cal.AddBusinessDays(approvedAt, p.UnlockDays).AddDate(0, 0, 1)
}

// LicencePeriodState is where a reporter's month stands.
type LicencePeriodState string

const (
	PeriodOpen            LicencePeriodState = "open"             // before the deadline
	PeriodLocked          LicencePeriodState = "locked"           // deadline passed; an unlock may be requested
	PeriodUnlockRequested LicencePeriodState = "unlock_requested" // waiting for OPDC or the platform administrator
	PeriodUnlocked        LicencePeriodState = "unlocked"         // approved: open until the window ends
	PeriodClosed          LicencePeriodState = "closed"           // window ended or unlock refused: final
)

// LicencePeriodStates names the states, in order.
var LicencePeriodStates = []enum[LicencePeriodState]{
	{PeriodOpen, Text{"เปิดรับรายงาน", "Open"}},
	{PeriodLocked, Text{"ล็อคแล้ว (เกินกำหนดส่ง)", "Locked (past the deadline)"}},
	{PeriodUnlockRequested, Text{"ขอปลดล็อคแล้ว รอพิจารณา", "Unlock requested, waiting for a decision"}},
	{PeriodUnlocked, Text{"ปลดล็อคแล้ว", "Unlocked"}},
	{PeriodClosed, Text{"ปิดรับรายงานแล้ว", "Closed"}},
}

// Label names the state in lang.
func (s LicencePeriodState) Label(lang string) string { return enumLabel(LicencePeriodStates, s, lang) }

// UnlockStatus is where an unlock request stands.
type UnlockStatus string

const (
	UnlockRequested UnlockStatus = "requested"
	UnlockApproved  UnlockStatus = "approved"
	UnlockRefused   UnlockStatus = "refused"
)

// UnlockRequest is the one unlock request a reporter may make for a month.
type UnlockRequest struct {
	ID          int64
	Reporter    Reporter
	AgencyID    int64
	Month       int
	Reason      string
	RequestedBy int64
	RequestedAt time.Time
	Status      UnlockStatus
	DecidedBy   int64
	DecidedAt   time.Time
	Comment     string
	WindowEnd   time.Time // set on approval (UnlockWindowEnd)
}

// LicencePeriod is what the rules need to know about a reporter's month.
type LicencePeriod struct {
	Month  int
	Unlock *UnlockRequest // nil when none was made
}

// EffectiveState is the period's state at t under p: derived from the
// deadline, the unlock request and the window, never stored, so it cannot
// go stale.
func (lp LicencePeriod) EffectiveState(p LicencePolicy, at time.Time) LicencePeriodState {
	u := lp.Unlock
	switch {
	case u == nil && at.Before(p.Deadline(lp.Month)):
		return PeriodOpen
	case u == nil:
		return PeriodLocked
	case u.Status == UnlockRequested:
		return PeriodUnlockRequested
	case u.Status == UnlockApproved && at.Before(u.WindowEnd):
		return PeriodUnlocked
	}
	return PeriodClosed
}

// MayEdit says whether the reporter may save, submit or correct the month's
// reports at t: nil, or why not (for the report page, before the form).
func (lp LicencePeriod) MayEdit(p LicencePolicy, at time.Time) error {
	s := lp.EffectiveState(p, at)
	if s == PeriodOpen || s == PeriodUnlocked {
		return nil
	}
	return periodClosedErr(p, s, lp.Month)
}

// MayRequestUnlock says whether the "ปลดล็อค" button is offered at t: only
// for a locked month with no request yet.
func (lp LicencePeriod) MayRequestUnlock(p LicencePolicy, at time.Time) bool {
	return lp.EffectiveState(p, at) == PeriodLocked
}

// LicenceEvent is something that happens to a report or its period.
type LicenceEvent string

const (
	LicSaveDraft     LicenceEvent = "save_draft"     // the reporter saves a report without submitting it
	LicSubmit        LicenceEvent = "submit"         // the reporter submits a report
	LicCorrect       LicenceEvent = "correct"        // the reporter changes a submitted report
	LicLock          LicenceEvent = "lock"           // the deadline job locks the period
	LicRequestUnlock LicenceEvent = "request_unlock" // the reporter asks to report late, with a reason
	LicApproveUnlock LicenceEvent = "approve_unlock" // OPDC or the platform administrator approves
	LicRefuseUnlock  LicenceEvent = "refuse_unlock"  // … or refuses, with a comment
	LicWindowEnds    LicenceEvent = "window_ends"    // the job closes a period whose window ended
)

// LicenceEvents names the events (for histories and the audit log).
var LicenceEvents = []enum[LicenceEvent]{
	{LicSaveDraft, Text{"บันทึกร่าง", "Saved as draft"}},
	{LicSubmit, Text{"ส่งรายงาน", "Submitted"}},
	{LicCorrect, Text{"แก้ไขรายงานที่ส่งแล้ว", "Corrected"}},
	{LicLock, Text{"ล็อคเมื่อครบกำหนด", "Locked at the deadline"}},
	{LicRequestUnlock, Text{"ขอปลดล็อค", "Unlock requested"}},
	{LicApproveUnlock, Text{"อนุมัติปลดล็อค", "Unlock approved"}},
	{LicRefuseUnlock, Text{"ไม่อนุมัติปลดล็อค", "Unlock refused"}},
	{LicWindowEnds, Text{"สิ้นสุดระยะเวลาปลดล็อค", "Unlock window ended"}},
}

// Label names the event in lang.
func (e LicenceEvent) Label(lang string) string { return enumLabel(LicenceEvents, e, lang) }

// MaxUnlockText bounds an unlock reason or decision comment.
const MaxUnlockText = 2000

// LicenceStepInput is one event on one reporter's month (and, for the report
// events, one of its reports).
type LicenceStepInput struct {
	Event  LicenceEvent
	Period LicencePeriod
	Report LicenceReportState // the report's state, for save, submit, correct
	At     time.Time
	Text   string // the reason of a request, the comment of a decision
}

// LicenceStepResult is what the store writes after a step.
type LicenceStepResult struct {
	From, To LicencePeriodState
	Report   LicenceReportState // the report's new state (report events)
	Unlock   *UnlockRequest     // the request's new content (unlock events)
}

// LicenceStep is the licence-report state machine as a pure function. It
// refuses (ECONFLICT, Thai and English) a save after the lock, a second
// unlock request, a decision on no request, an early lock; (EINVALID) a
// request without a reason or a refusal without a comment, and submitting
// a month that has not ended. Who may act is Authorize's: ActReportLicences
// for the report events and the request, ActUnlockReport for decisions.
func LicenceStep(p LicencePolicy, cal *thaitime.Calendar, in LicenceStepInput) (LicenceStepResult, error) {
	from := in.Period.EffectiveState(p, in.At)
	res := LicenceStepResult{From: from, To: from, Report: in.Report}
	text := strings.TrimSpace(in.Text)
	if utf8.RuneCountInString(text) > MaxUnlockText {
		msgTH := fmt.Sprintf("ข้อความยาวเกิน %d ตัวอักษร", MaxUnlockText)
		msgEN := fmt.Sprintf("The text is longer than %d characters.", MaxUnlockText)
		return res, &Error{Code: EINVALID, TH: msgTH, EN: msgEN, Fields: []FieldError{{Field: "reason", TH: msgTH, EN: msgEN}}}
	}
	m := in.Period.Month
	switch in.Event {
	case LicSaveDraft, LicSubmit, LicCorrect:
		if from != PeriodOpen && from != PeriodUnlocked {
			return res, periodClosedErr(p, from, m)
		}
		switch {
		case in.Event == LicSaveDraft && in.Report == ReportSubmitted:
			return res, Errorf(ECONFLICT, "รายงานนี้ส่งแล้ว หากต้องการเปลี่ยนตัวเลขให้ใช้ \"แก้ไขรายงาน\"",
				"This report was submitted already; use \"correct\" to change its numbers.")
		case in.Event == LicSubmit && in.Report == ReportSubmitted:
			return res, Errorf(ECONFLICT, "รายงานนี้ส่งแล้ว", "This report was submitted already.")
		case in.Event == LicCorrect && in.Report != ReportSubmitted:
			return res, Errorf(ECONFLICT, "รายงานนี้ยังไม่ได้ส่ง จึงยังแก้ไขรายงานที่ส่งแล้วไม่ได้ กรุณาบันทึกหรือส่งรายงาน",
				"This report was not submitted yet, so there is nothing to correct; save or submit it.")
		case in.Event != LicSaveDraft && MonthKey(in.At) <= m:
			th := fmt.Sprintf("เดือน %s ยังไม่สิ้นสุด จึงยังส่งรายงานไม่ได้ (บันทึกร่างไว้ก่อนได้)", MonthLabel(m, "th"))
			en := fmt.Sprintf("%s has not ended yet, so its report cannot be submitted (save a draft meanwhile).", MonthLabel(m, "en"))
			return res, &Error{Code: EINVALID, TH: th, EN: en, Fields: []FieldError{{Field: "month", TH: th, EN: en}}}
		}
		res.Report = ReportDraft
		if in.Event != LicSaveDraft {
			res.Report = ReportSubmitted
		}
		return res, nil
	case LicLock:
		if from == PeriodOpen {
			return res, monthErr(ECONFLICT, m, p.DueDate(m), "ยังไม่ถึงกำหนดส่งรายงานเดือน %[1]s (%[2]s)",
				"The reports of %[1]s are not due yet (%[2]s).")
		}
		return res, nil // already locked (or further on): locking twice changes nothing
	case LicRequestUnlock:
		switch from {
		case PeriodOpen:
			return res, monthErr(ECONFLICT, m, p.DueDate(m), "รายงานเดือน %[1]s ยังไม่ถูกล็อค ส่งได้ถึงวันที่ %[2]s",
				"The reports of %[1]s are not locked; they may be submitted until %[2]s.")
		case PeriodUnlockRequested:
			return res, Errorf(ECONFLICT, "ขอปลดล็อครายงานเดือนนี้ไปแล้ว กรุณารอผลการพิจารณา",
				"An unlock of this month was requested already; wait for the decision.")
		case PeriodUnlocked:
			return res, Errorf(ECONFLICT, "รายงานเดือนนี้ปลดล็อคอยู่แล้ว", "This month is unlocked already.")
		case PeriodClosed:
			return res, noSecondUnlock()
		}
		if text == "" {
			return res, &Error{Code: EINVALID, TH: "กรุณาระบุเหตุผลในการขอปลดล็อค", EN: "Give the reason for the unlock.",
				Fields: []FieldError{{Field: "reason", TH: "กรุณาระบุเหตุผล", EN: "Enter a reason."}}}
		}
		res.To = PeriodUnlockRequested
		res.Unlock = &UnlockRequest{Month: m, Reason: text, RequestedAt: in.At, Status: UnlockRequested}
		return res, nil
	case LicApproveUnlock, LicRefuseUnlock:
		if from != PeriodUnlockRequested {
			return res, Errorf(ECONFLICT, "ไม่มีคำขอปลดล็อคที่รอพิจารณาสำหรับเดือนนี้ (อาจมีผู้พิจารณาไปแล้ว)",
				"There is no unlock request waiting for this month (someone may have decided it already).")
		}
		if in.Event == LicRefuseUnlock && text == "" {
			return res, &Error{Code: EINVALID, TH: "กรุณาระบุเหตุผลที่ไม่อนุมัติ", EN: "Say why the unlock is refused.",
				Fields: []FieldError{{Field: "comment", TH: "กรุณาระบุความเห็น", EN: "Enter a comment."}}}
		}
		u := *in.Period.Unlock
		u.DecidedAt, u.Comment = in.At, text
		if in.Event == LicApproveUnlock {
			u.Status, u.WindowEnd = UnlockApproved, p.UnlockWindowEnd(cal, in.At)
			res.To = PeriodUnlocked
		} else {
			u.Status = UnlockRefused
			res.To = PeriodClosed
		}
		res.Unlock = &u
		return res, nil
	case LicWindowEnds:
		u := in.Period.Unlock
		if u == nil || u.Status != UnlockApproved {
			return res, Errorf(ECONFLICT, "เดือนนี้ไม่ได้ปลดล็อค", "This month was not unlocked.")
		}
		if from == PeriodUnlocked {
			return res, monthErr(ECONFLICT, m, u.WindowEnd.AddDate(0, 0, -1), "ระยะเวลาปลดล็อครายงานเดือน %[1]s ยังไม่สิ้นสุด (ถึงสิ้นวันที่ %[2]s)",
				"The unlock window of %[1]s has not ended (it runs to the end of %[2]s).")
		}
		return res, nil
	}
	return res, Errorf(EINVALID, "ไม่รู้จักการดำเนินการ \"%s\"", "Unknown action \"%s\".", in.Event)
}

func noSecondUnlock() error {
	return Errorf(ECONFLICT, "รายงานเดือนนี้เคยขอปลดล็อคแล้ว ระบบไม่สามารถขอปลดล็อคได้อีก",
		"An unlock of this month was requested before; a month can be unlocked only once.")
}

// periodClosedErr says why a report of month m cannot be changed in state s.
func periodClosedErr(p LicencePolicy, s LicencePeriodState, m int) error {
	due := p.DueDate(m)
	switch s {
	case PeriodLocked:
		return monthErr(ECONFLICT, m, due, "รายงานเดือน %[1]s ถูกล็อคแล้ว เพราะเกินกำหนดส่ง (%[2]s) กรุณาขอปลดล็อคพร้อมระบุเหตุผล",
			"The reports of %[1]s are locked: the deadline (%[2]s) has passed. Request an unlock, with a reason.")
	case PeriodUnlockRequested:
		return monthErr(ECONFLICT, m, due, "รายงานเดือน %[1]s ถูกล็อคอยู่ระหว่างรอพิจารณาคำขอปลดล็อค",
			"The reports of %[1]s are locked while the unlock request waits for a decision.")
	default:
		return monthErr(ECONFLICT, m, due,
			"รายงานเดือน %[1]s ปิดรับแล้ว (สิ้นสุดระยะเวลาปลดล็อค หรือคำขอปลดล็อคไม่ได้รับอนุมัติ) และขอปลดล็อคอีกไม่ได้",
			"The reports of %[1]s are closed (the unlock window ended, or the unlock was refused) and cannot be unlocked again.")
	}
}

// monthErr is an error about month m whose texts may name the month (%[1]s)
// and a date (%[2]s), each in its own language (Errorf gives both languages
// the same arguments).
func monthErr(code string, m int, date time.Time, th, en string) error {
	return &Error{Code: code,
		TH: fmt.Sprintf(th, MonthLabel(m, "th"), thaitime.FormatDate(date, "th")),
		EN: fmt.Sprintf(en, MonthLabel(m, "en"), thaitime.FormatDate(date, "en"))}
}

// MonthsToLock are the months whose reports lock by at: of the two months
// before at's, those whose deadline has passed. The deadline job asks every
// hour and locks them (locking again changes nothing), so a node that was
// down at the deadline locks on its next run.
func (p LicencePolicy) MonthsToLock(at time.Time) []int {
	cur := MonthKey(at)
	var out []int
	for _, m := range []int{prevMonth(prevMonth(cur)), prevMonth(cur)} {
		if !at.Before(p.Deadline(m)) {
			out = append(out, m)
		}
	}
	return out
}

func prevMonth(m int) int {
	if m%100 == 1 {
		return (m/100-1)*100 + 12
	}
	return m - 1
}
