package openinfo

import (
	"crypto/subtle"
	"fmt"
	"math"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openinfo/openinfo/thaitime"
)

// Delay notices (หนังสือแจ้งเหตุล่าช้า, section 10 of the Licensing
// Facilitation Act, DOMAIN.md §2): when an application cannot be decided
// within the manual's time limit, the applicant is told why every 7 days
// until the decision, and told the decision within 7 days of it.

// DelayDecision is how an application ended.
type DelayDecision string

const (
	DecisionPending   DelayDecision = ""          // not decided yet
	DecisionIssued    DelayDecision = "issued"    // อนุญาต
	DecisionRefused   DelayDecision = "refused"   // ไม่อนุญาต
	DecisionWithdrawn DelayDecision = "withdrawn" // ถอนหรือคืนคำขอ
)

// DelayDecisions names the decisions.
var DelayDecisions = []enum[DelayDecision]{
	{DecisionPending, Text{"อยู่ระหว่างพิจารณา", "Under consideration"}},
	{DecisionIssued, Text{"อนุญาต", "Licence issued"}},
	{DecisionRefused, Text{"ไม่อนุญาต", "Refused"}},
	{DecisionWithdrawn, Text{"ถอนหรือคืนคำขอ", "Withdrawn or returned"}},
}

// Label names the decision in lang.
func (d DelayDecision) Label(lang string) string { return enumLabel(DelayDecisions, d, lang) }

// ActInForce is the day the Licensing Facilitation Act B.E. 2558 came into
// force: no delay notice under it can concern an earlier application, so an
// earlier date is a typing mistake (often a BE year typed as CE).
var ActInForce = time.Date(2015, time.July, 21, 0, 0, 0, 0, thaitime.Bangkok)

// NoticeInterval is the section 10 rhythm: a notice at least every 7 days
// while undecided, and the decision told within 7 days of being made.
const NoticeInterval = 7

// DefaultDelayRetention is how long after the decision applicants' names
// and contacts are kept (issue 14: 2 years, configurable).
const DefaultDelayRetention = 2 * 365 * 24 * time.Hour

// DelayCase is one application that was delayed, with its notices.
type DelayCase struct {
	ID        int64
	Ref       string // เลขที่คำขอ, the agency's application reference
	ProcessID int64
	PointID   int64
	AgencyID  int64 // the point's agency
	// Applicant data is private: shown only to the agency's subtree and
	// OPDC, and blanked by the retention job (Redacted).
	ApplicantName  string
	ApplicantPhone string // canonical (NormalizePhone); its last 4 digits open the citizen lookup
	ApplicantEmail string
	Redacted       bool
	Received       time.Time // date received (Bangkok midnight)
	Due            time.Time // decision due by (DelayDueDate, or edited)
	DueReason      string    // why Due differs from the manual's time limit
	Decision       DelayDecision
	DecidedOn      time.Time
	ToldOn         time.Time // the applicant was told the decision
	Notices        []DelayNotice
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// DelayNotice is one letter telling the applicant why the decision is late.
type DelayNotice struct {
	ID               int64
	Seq              int    // 1st, 2nd, ...
	Number           string // เลขที่หนังสือ
	Date             time.Time
	Reason           string
	ExpectedDecision time.Time
	// The letter as sent, an optional PDF (kept apart from the shared files:
	// it names the applicant). LetterID is its id; given to
	// RecordDelayNotice, a letter uploaded for the case and not yet attached.
	LetterID   int64
	LetterName string
	LetterSize int64
	RecordedAt time.Time
	RecordedBy int64
}

// DelayDueDate is when an application received on received must be decided
// under the manual's time limit: business days on cal; calendar days; hours
// and minutes in working days of WorkingHoursPerDay, rounded up. ok is false
// when the manual sets no limit.
func DelayDueDate(cal *thaitime.Calendar, received time.Time, limit LegalTimeLimit) (due time.Time, ok bool) {
	if limit.Value <= 0 {
		return time.Time{}, false
	}
	day := thaitime.StartOfDay(received)
	switch limit.Unit {
	case UnitBusinessDay:
		return cal.AddBusinessDays(day, limit.Value), true
	case UnitDay:
		return day.AddDate(0, 0, limit.Value), true
	case UnitHour, UnitMinute:
		hours := float64(limit.Value)
		if limit.Unit == UnitMinute {
			hours /= 60
		}
		return cal.AddBusinessDays(day, int(math.Ceil(hours/WorkingHoursPerDay))), true
	}
	return time.Time{}, false
}

// CheckDelayLetter admits a notice's letter by its first bytes (head) and
// its size: a PDF of at most MaxAttachmentSize, whatever its name says. The
// error names the form's "letter" field.
func CheckDelayLetter(name string, head []byte, size int64) error {
	ctype, err := CheckAttachment(name, head, size)
	if err == nil && ctype == TypePDF {
		return nil
	}
	shown := cleanText(name)
	th := fmt.Sprintf("ไฟล์ \"%s\" ไม่ใช่ไฟล์ PDF (ตรวจจากเนื้อหาของไฟล์ ไม่ใช่นามสกุล) กรุณาแนบหนังสือแจ้งเป็นไฟล์ PDF ไม่เกิน 10 MB", shown)
	en := fmt.Sprintf("The file \"%s\" is not a PDF (judged by its content, not its name); attach the letter as a PDF of at most 10 MB.", shown)
	// An empty or oversized file, or a bad name: CheckAttachment's words. Any
	// other refusal is of the type, which for a letter must be PDF.
	if e, ok := err.(*Error); ok && (shown == "" || utf8.RuneCountInString(shown) > 255 || size <= 0 || len(head) == 0 || size > MaxAttachmentSize) {
		th, en = e.TH, e.EN
	}
	return &Error{Code: EINVALID, TH: th, EN: en, Fields: []FieldError{{Field: "letter", TH: th, EN: en}}}
}

// maxima of the free-text fields.
const (
	maxDelayRef    = 60
	maxDelayName   = 200
	maxDelayNumber = 100
	maxDelayReason = 2000
)

// Validate checks the case as of now. computedDue is DelayDueDate's answer
// (zero when the manual sets no limit): a Due that differs from it needs a
// DueReason. Dates are compared as Bangkok dates.
func (c *DelayCase) Validate(now, computedDue time.Time) error {
	var v validation
	c.Ref = strings.TrimSpace(c.Ref)
	switch n := utf8.RuneCountInString(c.Ref); {
	case n == 0:
		v.add("ref", "กรุณากรอกเลขที่คำขอ", "Enter the application reference.")
	case n > maxDelayRef || strings.ContainsAny(c.Ref, "\r\n\t"):
		v.add("ref", fmt.Sprintf("เลขที่คำขอต้องเป็นข้อความบรรทัดเดียว ไม่เกิน %d ตัวอักษร", maxDelayRef),
			fmt.Sprintf("The application reference must be one line of at most %d characters.", maxDelayRef))
	}
	if c.ProcessID <= 0 {
		v.add("process_id", "กรุณาเลือกกระบวนงาน", "Choose the process.")
	}
	if c.PointID <= 0 {
		v.add("point_id", "กรุณาเลือกจุดบริการที่รับคำขอ", "Choose the service point that received the application.")
	}
	if !c.Redacted {
		c.ApplicantName = strings.TrimSpace(c.ApplicantName)
		switch n := utf8.RuneCountInString(c.ApplicantName); {
		case n == 0:
			v.add("applicant_name", "กรุณากรอกชื่อผู้ยื่นคำขอ", "Enter the applicant's name.")
		case n > maxDelayName:
			v.add("applicant_name", fmt.Sprintf("ชื่อผู้ยื่นคำขอยาวเกิน %d ตัวอักษร", maxDelayName),
				fmt.Sprintf("The applicant's name is longer than %d characters.", maxDelayName))
		}
		// The phone is required: its last four digits are the applicant's key
		// to the citizen lookup, so it must be a real line, not a hotline.
		if p, ok := NormalizePhone(c.ApplicantPhone); !ok || len(PhoneLast4(p)) != 4 || len(p) < 9 {
			v.add("applicant_phone", "กรุณากรอกหมายเลขโทรศัพท์ของผู้ยื่นคำขอให้ถูกต้อง (เช่น 081 234 5678)",
				"Enter the applicant's phone number (for example 081 234 5678).")
		} else {
			c.ApplicantPhone = p
		}
		c.ApplicantEmail = strings.TrimSpace(c.ApplicantEmail)
		if c.ApplicantEmail != "" {
			if a, err := mail.ParseAddress(c.ApplicantEmail); err != nil || a.Address != c.ApplicantEmail || len(c.ApplicantEmail) > 254 {
				v.add("applicant_email", "อีเมลของผู้ยื่นคำขอไม่ถูกต้อง", "The applicant's e-mail address is not valid.")
			}
		}
	}
	today := thaitime.StartOfDay(now)
	day := func(t time.Time) time.Time { return thaitime.StartOfDay(t) }
	future := func(t time.Time) bool { return day(t).After(today) }
	received := day(c.Received)
	switch {
	case c.Received.IsZero():
		v.add("received_on", "กรุณากรอกวันที่รับคำขอ", "Enter the date the application was received.")
	case future(c.Received):
		v.add("received_on", "วันที่รับคำขอเป็นวันในอนาคตไม่ได้", "The date received cannot be in the future.")
	case received.Before(ActInForce):
		v.add("received_on", "วันที่รับคำขอต้องไม่ก่อนวันที่ พ.ร.บ. การอำนวยความสะดวกฯ มีผลใช้บังคับ (21 ก.ค. 2558) กรุณาตรวจสอบปี พ.ศ.",
			"The date received cannot be before the Licensing Facilitation Act came into force (21 July 2015); check the year.")
	}
	switch {
	case c.Due.IsZero():
		v.add("due_on", "กรุณากรอกวันที่ครบกำหนดพิจารณา", "Enter the date the decision is due.")
	case !c.Received.IsZero() && day(c.Due).Before(received):
		v.add("due_on", "วันครบกำหนดพิจารณาต้องไม่ก่อนวันที่รับคำขอ", "The due date cannot be before the date received.")
	case !computedDue.IsZero() && !day(c.Due).Equal(day(computedDue)) && strings.TrimSpace(c.DueReason) == "":
		v.add("due_reason", "วันครบกำหนดต่างจากที่คำนวณจากระยะเวลาในคู่มือ ("+thaitime.FormatDate(computedDue, "th")+") กรุณาระบุเหตุผล",
			"The due date differs from the one the manual's time limit gives ("+thaitime.FormatDate(computedDue, "en")+"); say why.")
	}
	c.DueReason = strings.TrimSpace(c.DueReason)
	if utf8.RuneCountInString(c.DueReason) > maxDelayReason {
		v.add("due_reason", "เหตุผลยาวเกินไป", "The reason is too long.")
	}
	var prev time.Time
	for i := range c.Notices {
		n := &c.Notices[i]
		f := fmt.Sprintf("notices.%d.", i)
		ord := fmt.Sprintf("ครั้งที่ %d", i+1)
		ordEN := ordinal(i + 1)
		if n.Seq != i+1 {
			v.add(f+"seq", "หนังสือแจ้ง"+ord+" ลำดับไม่ถูกต้อง", "The "+ordEN+" notice is out of sequence.")
		}
		n.Number, n.Reason = strings.TrimSpace(n.Number), strings.TrimSpace(n.Reason)
		if n.Number == "" || utf8.RuneCountInString(n.Number) > maxDelayNumber {
			v.add(f+"number", "กรุณากรอกเลขที่หนังสือแจ้ง"+ord, "Enter the number of the "+ordEN+" notice.")
		}
		switch {
		case n.Date.IsZero():
			v.add(f+"date", "กรุณากรอกวันที่ของหนังสือแจ้ง"+ord, "Enter the date of the "+ordEN+" notice.")
		case future(n.Date):
			v.add(f+"date", "วันที่ของหนังสือแจ้ง"+ord+"เป็นวันในอนาคตไม่ได้", "The "+ordEN+" notice cannot be dated in the future.")
		case !c.Received.IsZero() && day(n.Date).Before(received):
			v.add(f+"date", "หนังสือแจ้ง"+ord+"ลงวันที่ก่อนวันที่รับคำขอ", "The "+ordEN+" notice is dated before the application was received.")
		case !prev.IsZero() && day(n.Date).Before(day(prev)):
			v.add(f+"date", "หนังสือแจ้ง"+ord+"ลงวันที่ก่อนหนังสือฉบับก่อนหน้า", "The "+ordEN+" notice is dated before the previous one.")
		case !c.DecidedOn.IsZero() && day(n.Date).After(day(c.DecidedOn)):
			v.add(f+"date", "หนังสือแจ้ง"+ord+"ลงวันที่หลังวันที่พิจารณาแล้วเสร็จ", "The "+ordEN+" notice is dated after the decision.")
		}
		if !n.Date.IsZero() {
			prev = n.Date
		}
		switch {
		case n.Reason == "":
			v.add(f+"reason", "กรุณาระบุเหตุแห่งความล่าช้าในหนังสือแจ้ง"+ord, "Give the reason for the delay in the "+ordEN+" notice.")
		case utf8.RuneCountInString(n.Reason) > maxDelayReason:
			v.add(f+"reason", "เหตุแห่งความล่าช้ายาวเกินไป", "The reason is too long.")
		}
		switch {
		case n.ExpectedDecision.IsZero():
			v.add(f+"expected_decision", "กรุณากรอกวันที่คาดว่าจะพิจารณาแล้วเสร็จ", "Enter the date the decision is expected.")
		case !n.Date.IsZero() && day(n.ExpectedDecision).Before(day(n.Date)):
			v.add(f+"expected_decision", "วันที่คาดว่าจะพิจารณาแล้วเสร็จต้องไม่ก่อนวันที่ของหนังสือแจ้ง",
				"The expected decision date cannot be before the notice's date.")
		}
	}
	switch {
	case c.Decision != DecisionPending && !enumValid(DelayDecisions, c.Decision):
		v.add("decision", "ผลการพิจารณาไม่ถูกต้อง", "Unknown decision.")
	case c.Decision == DecisionPending && !c.DecidedOn.IsZero():
		v.add("decision", "กรุณาเลือกผลการพิจารณา", "Choose the decision.")
	case c.Decision != DecisionPending && c.DecidedOn.IsZero():
		v.add("decided_on", "กรุณากรอกวันที่พิจารณาแล้วเสร็จ", "Enter the date of the decision.")
	case !c.DecidedOn.IsZero() && future(c.DecidedOn):
		v.add("decided_on", "วันที่พิจารณาแล้วเสร็จเป็นวันในอนาคตไม่ได้", "The decision cannot be dated in the future.")
	case !c.DecidedOn.IsZero() && !c.Received.IsZero() && day(c.DecidedOn).Before(received):
		v.add("decided_on", "วันที่พิจารณาแล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ", "The decision cannot be dated before the application was received.")
	}
	switch {
	case c.ToldOn.IsZero():
	case c.DecidedOn.IsZero():
		v.add("told_on", "ยังไม่มีผลการพิจารณา จึงยังแจ้งผลไม่ได้", "The applicant cannot have been told a decision that was not made.")
	case day(c.ToldOn).Before(day(c.DecidedOn)):
		v.add("told_on", "วันที่แจ้งผลต้องไม่ก่อนวันที่พิจารณาแล้วเสร็จ", "The applicant cannot have been told before the decision was made.")
	case future(c.ToldOn):
		v.add("told_on", "วันที่แจ้งผลเป็นวันในอนาคตไม่ได้", "The date told cannot be in the future.")
	}
	return v.err("หนังสือแจ้งเหตุล่าช้า", "delay notice")
}

// ordinal writes 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// LastNotice returns the latest notice, if any.
func (c *DelayCase) LastNotice() (DelayNotice, bool) {
	if len(c.Notices) == 0 {
		return DelayNotice{}, false
	}
	return c.Notices[len(c.Notices)-1], true
}

// NextNoticeDue is the last day the next notice may be dated while the
// application is undecided: 7 days after the last notice; before any
// notice, the due date itself (the applicant must hear of the delay once
// the time limit is exceeded, D). ok is false once decided.
func (c *DelayCase) NextNoticeDue() (time.Time, bool) {
	if c.Decision != DecisionPending {
		return time.Time{}, false
	}
	if n, ok := c.LastNotice(); ok {
		return thaitime.StartOfDay(n.Date).AddDate(0, 0, NoticeInterval), true
	}
	return thaitime.StartOfDay(c.Due), true
}

// TellBy is the last day the decision may be told to the applicant.
func (c *DelayCase) TellBy() (time.Time, bool) {
	if c.Decision == DecisionPending || c.DecidedOn.IsZero() {
		return time.Time{}, false
	}
	return thaitime.StartOfDay(c.DecidedOn).AddDate(0, 0, NoticeInterval), true
}

// ToldLate reports whether the decision was told more than 7 days after it
// was made (a fact for reports; no longer something to act on).
func (c *DelayCase) ToldLate() bool {
	by, ok := c.TellBy()
	return ok && !c.ToldOn.IsZero() && thaitime.StartOfDay(c.ToldOn).After(by)
}

// OverdueKind says which duty is overdue.
type OverdueKind string

const (
	OverdueNotice   OverdueKind = "notice"   // the next delay notice
	OverdueDecision OverdueKind = "decision" // telling the applicant the decision
)

// Overdue is a section 10 duty not done in time.
type Overdue struct {
	Kind   OverdueKind
	Due    time.Time // the last day it should have been done
	Days   int       // calendar days late
	TH, EN string
}

// Overdue reports whether, at t, the case has a duty past its day: while
// undecided, a notice when the last one is more than 7 days old (or none
// came by the due date); once decided, telling the applicant when the
// decision is more than 7 days old and untold.
func (c *DelayCase) Overdue(at time.Time) (Overdue, bool) {
	today := thaitime.StartOfDay(at)
	late := func(by time.Time) int { return int(math.Round(today.Sub(by).Hours() / 24)) }
	if by, ok := c.NextNoticeDue(); ok {
		if !today.After(by) {
			return Overdue{}, false
		}
		o := Overdue{Kind: OverdueNotice, Due: by, Days: late(by)}
		if n, ok := c.LastNotice(); ok {
			o.TH = fmt.Sprintf("ต้องส่งหนังสือแจ้งเหตุล่าช้าครั้งที่ %d ภายในวันที่ %s (7 วันหลังฉบับที่ %d) เกินกำหนดมาแล้ว %d วัน",
				n.Seq+1, thaitime.FormatDate(by, "th"), n.Seq, o.Days)
			o.EN = fmt.Sprintf("The %s delay notice was due by %s (7 days after the %s); %d days overdue.",
				ordinal(n.Seq+1), thaitime.FormatDate(by, "en"), ordinal(n.Seq), o.Days)
		} else {
			o.TH = fmt.Sprintf("เกินระยะเวลาตามคู่มือตั้งแต่วันที่ %s แต่ยังไม่ได้ส่งหนังสือแจ้งเหตุล่าช้า เกินกำหนดมาแล้ว %d วัน",
				thaitime.FormatDate(by, "th"), o.Days)
			o.EN = fmt.Sprintf("The time limit ended on %s and no delay notice was sent; %d days overdue.",
				thaitime.FormatDate(by, "en"), o.Days)
		}
		return o, true
	}
	by, ok := c.TellBy()
	if !ok || !c.ToldOn.IsZero() || !today.After(by) {
		return Overdue{}, false
	}
	o := Overdue{Kind: OverdueDecision, Due: by, Days: late(by)}
	o.TH = fmt.Sprintf("ต้องแจ้งผลการพิจารณาแก่ผู้ยื่นคำขอภายในวันที่ %s (7 วันหลังพิจารณาแล้วเสร็จ) เกินกำหนดมาแล้ว %d วัน",
		thaitime.FormatDate(by, "th"), o.Days)
	o.EN = fmt.Sprintf("The applicant had to be told the decision by %s (7 days after it); %d days overdue.",
		thaitime.FormatDate(by, "en"), o.Days)
	return o, true
}

// PhoneLast4 returns the last four digits of a canonical phone number,
// ignoring an extension.
func PhoneLast4(phone string) string {
	main, _, _ := strings.Cut(phone, " #")
	if len(main) < 4 {
		return ""
	}
	return main[len(main)-4:]
}

// MatchPhoneLast4 compares typed digits with a stored phone in constant
// time, so the lookup's timing says nothing about how close a guess was.
func MatchPhoneLast4(phone, typed string) bool {
	want := PhoneLast4(phone)
	typed = thaitime.ArabicDigits(strings.TrimSpace(typed))
	return len(want) == 4 && subtle.ConstantTimeCompare([]byte(want), []byte(typed)) == 1
}

// ErrDelayNotFound is the citizen lookup's one answer for a wrong reference
// and for wrong digits alike, so neither can be told from the other.
func ErrDelayNotFound() error {
	return Errorf(ENOTFOUND, "ไม่พบคำขอตามเลขที่และหมายเลขโทรศัพท์ 4 หลักท้ายที่ระบุ กรุณาตรวจสอบอีกครั้ง",
		"No application matches that reference and those last 4 phone digits. Please check them.")
}

// DelayStatus is what the applicant sees at /delays: never a name or a
// contact, never another application.
type DelayStatus struct {
	Ref              string
	ProcessID        int64
	Received         time.Time
	Due              time.Time
	Decision         DelayDecision
	DecidedOn        time.Time
	ToldOn           time.Time
	ExpectedDecision time.Time // from the latest notice
	Notices          []DelayNoticeStatus
}

// DelayNoticeStatus is one notice as the applicant sees it.
type DelayNoticeStatus struct {
	Seq              int
	Date             time.Time
	Reason           string
	ExpectedDecision time.Time
}

// Status is the case as its applicant may see it.
func (c *DelayCase) Status() DelayStatus {
	s := DelayStatus{Ref: c.Ref, ProcessID: c.ProcessID, Received: c.Received, Due: c.Due,
		Decision: c.Decision, DecidedOn: c.DecidedOn, ToldOn: c.ToldOn}
	for _, n := range c.Notices {
		s.Notices = append(s.Notices, DelayNoticeStatus{Seq: n.Seq, Date: n.Date, Reason: n.Reason, ExpectedDecision: n.ExpectedDecision})
		s.ExpectedDecision = n.ExpectedDecision
	}
	return s
}

// DelayRefKey is the form a reference is matched in: Thai digits as ASCII,
// no spaces, lower case, so "กทม. ๑๒๓/๒๕๖๙" finds "กทม.123/2569".
func DelayRefKey(ref string) string {
	return strings.ToLower(strings.Join(strings.Fields(thaitime.ArabicDigits(ref)), ""))
}
