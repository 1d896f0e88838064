package openinfo

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/thaitime"
)

// Licence-issuance reports (รายงานผลการออกใบอนุญาต, issue 14, DOMAIN.md §2):
// per reporter × process × month, how many applications came in and how
// they ended. No official format is public; this one is designed (D).

// ReporterKind says who files a licence report.
type ReporterKind string

const (
	ReporterPoint  ReporterKind = "service_point" // the default: each service point reports its pinned processes (seed 002)
	ReporterAgency ReporterKind = "agency"        // the department itself, when the platform administrator switched it
)

// Valid reports whether k is a known reporter kind.
func (k ReporterKind) Valid() bool { return k == ReporterPoint || k == ReporterAgency }

// Label names the kind in lang.
func (k ReporterKind) Label(lang string) string {
	switch {
	case k == ReporterPoint && lang == "en":
		return "Service point"
	case k == ReporterPoint:
		return "จุดบริการ"
	case k == ReporterAgency && lang == "en":
		return "Department"
	case k == ReporterAgency:
		return "กรม (หน่วยงาน)"
	}
	return string(k)
}

// Reporter is one filer of licence reports: a service point or an agency.
type Reporter struct {
	Kind ReporterKind
	ID   int64
}

// LicenceReportState is where one report (one process, one month) stands.
// Locks are per reporter and month, see LicencePeriodState.
type LicenceReportState string

const (
	ReportNone      LicenceReportState = ""          // nothing saved yet
	ReportDraft     LicenceReportState = "draft"     // saved, not yet submitted: counts as missing
	ReportSubmitted LicenceReportState = "submitted" // submitted; corrections keep it submitted
)

// LicenceCounts are the numbers of one report. Invariants (Validate):
// PendingStart + Received = Issued + Refused + Withdrawn + PendingEnd, and
// OnTime + Late = Issued + Refused (every decided application was decided
// either within the manual's time limit or after it).
type LicenceCounts struct {
	PendingStart int `json:"pending_start"` // คงค้างยกมา: undecided at the start of the month
	Received     int `json:"received"`      // รับคำขอ
	Issued       int `json:"issued"`        // ออกใบอนุญาต
	Refused      int `json:"refused"`       // ไม่อนุญาต
	Withdrawn    int `json:"withdrawn"`     // ถอนคำขอ / คืนคำขอ
	OnTime       int `json:"on_time"`       // แล้วเสร็จภายในระยะเวลาตามคู่มือ
	Late         int `json:"late"`          // แล้วเสร็จเกินระยะเวลาตามคู่มือ
	PendingEnd   int `json:"pending_end"`   // คงค้างยกไป: undecided at month end
	DelayNotices int `json:"delay_notices"` // หนังสือแจ้งเหตุล่าช้าที่ส่ง
}

// Add sums c and o (for roll-ups).
func (c LicenceCounts) Add(o LicenceCounts) LicenceCounts {
	return LicenceCounts{
		PendingStart: c.PendingStart + o.PendingStart, Received: c.Received + o.Received,
		Issued: c.Issued + o.Issued, Refused: c.Refused + o.Refused, Withdrawn: c.Withdrawn + o.Withdrawn,
		OnTime: c.OnTime + o.OnTime, Late: c.Late + o.Late, PendingEnd: c.PendingEnd + o.PendingEnd,
		DelayNotices: c.DelayNotices + o.DelayNotices,
	}
}

// licenceFields names each count for field errors, in form order.
var licenceFields = []struct {
	Field  string
	TH, EN string
	get    func(*LicenceCounts) int
}{
	{"pending_start", "จำนวนคำขอคงค้างยกมา", "pending at the start of the month", func(c *LicenceCounts) int { return c.PendingStart }},
	{"received", "จำนวนคำขอที่รับ", "applications received", func(c *LicenceCounts) int { return c.Received }},
	{"issued", "จำนวนที่ออกใบอนุญาต", "licences issued", func(c *LicenceCounts) int { return c.Issued }},
	{"refused", "จำนวนที่ไม่อนุญาต", "applications refused", func(c *LicenceCounts) int { return c.Refused }},
	{"withdrawn", "จำนวนที่ถอนหรือคืนคำขอ", "applications withdrawn or returned", func(c *LicenceCounts) int { return c.Withdrawn }},
	{"on_time", "จำนวนที่แล้วเสร็จภายในระยะเวลา", "completed within the time limit", func(c *LicenceCounts) int { return c.OnTime }},
	{"late", "จำนวนที่แล้วเสร็จเกินระยะเวลา", "completed late", func(c *LicenceCounts) int { return c.Late }},
	{"pending_end", "จำนวนคำขอคงค้างยกไป", "pending at the end of the month", func(c *LicenceCounts) int { return c.PendingEnd }},
	{"delay_notices", "จำนวนหนังสือแจ้งเหตุล่าช้า", "delay notices sent", func(c *LicenceCounts) int { return c.DelayNotices }},
}

// maxLicenceCount bounds one count: more than a million applications a month
// at one reporter is a typing error.
const maxLicenceCount = 1_000_000

// LicenceReport is one report: a reporter's numbers for one process and one
// month.
type LicenceReport struct {
	ID       int64
	Reporter Reporter
	AgencyID int64 // the reporter's agency (the point's agency, or the agency itself)
	// ProcessID is the process (กระบวนงาน) reported on.
	ProcessID int64
	// Month is yyyymm, Common Era, as MonthKey and the rating roll-ups;
	// shown in BE by MonthLabel and Period{Kind: PeriodMonth}.String.
	Month       int
	Counts      LicenceCounts
	State       LicenceReportState
	Version     int64 // optimistic lock (CheckStale)
	Corrections int   // how many times it was corrected after submission
	SubmittedAt time.Time
	UpdatedAt   time.Time
	UpdatedBy   int64
}

// Period returns the report's month as a Period.
func (r LicenceReport) Period() Period { return Period{Kind: PeriodMonth, Month: r.Month} }

// ZeroLicenceReport is "no applications this month" in one click: nothing
// received or decided, and what was pending stays pending.
func ZeroLicenceReport(rep Reporter, agencyID, processID int64, month, pendingStart int) LicenceReport {
	return LicenceReport{Reporter: rep, AgencyID: agencyID, ProcessID: processID, Month: month,
		Counts: LicenceCounts{PendingStart: pendingStart, PendingEnd: pendingStart}}
}

// ValidMonth reports whether m is a plausible yyyymm month key.
func ValidMonth(m int) bool {
	y, mo := m/100, m%100
	return y >= 1957 && y <= 2157 && mo >= 1 && mo <= 12
}

// Validate checks the report as of now: who, which process and month, and
// the arithmetic, naming the number that is wrong in Thai and English. A
// month after now's month is refused; the current month may be saved as a
// draft (submitting it waits for the month to end: LicenceStep).
func (r *LicenceReport) Validate(now time.Time) error {
	var v validation
	if !r.Reporter.Kind.Valid() || r.Reporter.ID <= 0 {
		v.add("reporter", "กรุณาเลือกผู้รายงาน (จุดบริการหรือหน่วยงาน)", "Choose who reports (a service point or an agency).")
	}
	if r.ProcessID <= 0 {
		v.add("process_id", "กรุณาเลือกกระบวนงาน", "Choose the process.")
	}
	switch {
	case !ValidMonth(r.Month):
		v.add("month", "เดือนที่รายงานไม่ถูกต้อง", "The month is not valid.")
	case r.Month > MonthKey(now):
		v.add("month", "ยังรายงานเดือน "+MonthLabel(r.Month, "th")+" ไม่ได้ เพราะยังไม่ถึงเดือนนั้น",
			"You cannot report "+MonthLabel(r.Month, "en")+" yet: that month is in the future.")
	}
	c := &r.Counts
	bad := false
	for _, f := range licenceFields {
		switch n := f.get(c); {
		case n < 0:
			v.add(f.Field, f.TH+"ต้องไม่ติดลบ", "The number of "+f.EN+" cannot be negative.")
			bad = true
		case n > maxLicenceCount:
			v.add(f.Field, fmt.Sprintf("%sมากเกินไป (ไม่เกิน %d)", f.TH, maxLicenceCount),
				fmt.Sprintf("The number of %s is too large (at most %d).", f.EN, maxLicenceCount))
			bad = true
		}
	}
	if bad {
		// The sums below would only repeat the same mistake.
		return v.err("รายงานการออกใบอนุญาต", "licence report")
	}
	in := c.PendingStart + c.Received
	out := c.Issued + c.Refused + c.Withdrawn + c.PendingEnd
	if in != out {
		// The pending at month end is what officers derive, so it carries the
		// message, with the value that would balance when there is one.
		want := in - c.Issued - c.Refused - c.Withdrawn
		th := fmt.Sprintf("ยอดไม่สมดุล: คงค้างยกมา %d + รับ %d = %d แต่ ออกใบอนุญาต %d + ไม่อนุญาต %d + ถอน/คืน %d + คงค้างยกไป %d = %d",
			c.PendingStart, c.Received, in, c.Issued, c.Refused, c.Withdrawn, c.PendingEnd, out)
		en := fmt.Sprintf("The numbers do not add up: pending at start %d + received %d = %d, but issued %d + refused %d + withdrawn %d + pending at end %d = %d",
			c.PendingStart, c.Received, in, c.Issued, c.Refused, c.Withdrawn, c.PendingEnd, out)
		if want >= 0 {
			th += fmt.Sprintf(" (คงค้างยกไปควรเป็น %d)", want)
			en += fmt.Sprintf(" (pending at end should be %d).", want)
		} else {
			th += " (จำนวนที่ดำเนินการแล้วเกินจำนวนคำขอที่มี)"
			en += " (more were decided than there were applications)."
		}
		v.add("pending_end", th, en)
	}
	if decided := c.Issued + c.Refused; c.OnTime+c.Late != decided {
		v.add("late", fmt.Sprintf("แล้วเสร็จภายในระยะเวลา %d + เกินระยะเวลา %d = %d ต้องเท่ากับ ออกใบอนุญาต %d + ไม่อนุญาต %d = %d",
			c.OnTime, c.Late, c.OnTime+c.Late, c.Issued, c.Refused, decided),
			fmt.Sprintf("On time %d + late %d = %d must equal issued %d + refused %d = %d.",
				c.OnTime, c.Late, c.OnTime+c.Late, c.Issued, c.Refused, decided))
	}
	return v.err("รายงานการออกใบอนุญาต", "licence report")
}

// ReportingLevel is who reports for an agency's processes.
type ReportingLevel = ReporterKind

// ReportingLevelFrom is the first month a reporting-level switch made at t
// applies to: the month after t's. Reports of months already running keep
// the reporter they started with, so no month is reported twice or by
// nobody.
func ReportingLevelFrom(t time.Time) int { return NextMonth(MonthKey(t)) }

// StatsFromReports fills a manual's section 9 (requests per month: mean,
// max, min) from the applications received in each month of months
// (yyyymm), as summed from the submitted licence reports; a month without
// reports counts as zero. The mean is rounded half up. ok is false when
// months is empty.
func StatsFromReports(received map[int]int, months []int) (s Stats, ok bool) {
	if len(months) == 0 {
		return Stats{}, false
	}
	sum := 0
	for i, m := range months {
		n := received[m]
		sum += n
		if i == 0 || n > s.Max {
			s.Max = n
		}
		if i == 0 || n < s.Min {
			s.Min = n
		}
	}
	s.AvgPerMonth = (2*sum + len(months)) / (2 * len(months))
	return s, true
}

// LastMonths lists the n whole months before t's month, oldest first: the
// window the manual's statistics are taken from ("the last 12 months").
func LastMonths(t time.Time, n int) []int {
	out := make([]int, n)
	m := MonthKey(t)
	for i := n - 1; i >= 0; i-- {
		if m%100 == 1 {
			m = (m/100-1)*100 + 12
		} else {
			m--
		}
		out[i] = m
	}
	return out
}

// FirstReportMonth is the earliest month a licence report can be about:
// July 2015 (2558), when the Licensing Facilitation Act came into force.
const FirstReportMonth = 201507

// ParseReportMonth reads a month named in a query (?month=, ?from=, ?to=)
// as the licence and delay pages write it: the Buddhist-era year and the
// month, "2569-11" (Thai digits too). With ce, a Common-Era "2026-11" is
// taken as well (what a browser's month input sends). The month must lie
// between FirstReportMonth and the month of now. The error names field and
// says, in Thai and English, what to write instead.
func ParseReportMonth(field, v string, now time.Time, ce bool) (int, error) {
	latest := MonthKey(now)
	example := Period{Kind: PeriodMonth, Month: latest}.String()
	refuse := func(th, en string) (int, error) {
		return 0, &Error{Code: EINVALID, TH: th, EN: en, Fields: []FieldError{{Field: field, TH: th, EN: en}}}
	}
	s := strings.TrimSpace(thaitime.ArabicDigits(v))
	if r := []rune(v); len(r) > 20 {
		v = string(r[:20]) + "…" // shown in the message: a long query value is cut
	}
	ys, ms, ok := strings.Cut(s, "-")
	y, yerr := strconv.Atoi(ys)
	m, merr := strconv.Atoi(ms)
	if !ok || yerr != nil || merr != nil || len(ys) != 4 || len(ms) < 1 || len(ms) > 2 {
		return refuse(fmt.Sprintf("เดือน \"%s\" ไม่ถูกต้อง กรุณาเขียนเป็น ปี พ.ศ.-เดือน เช่น %s", v, example),
			fmt.Sprintf("The month %q is not valid: write the Buddhist-era year and the month, e.g. %s.", v, example))
	}
	switch {
	case ce && y >= 1900 && y < 2400:
		y += 543
	case y >= 1900 && y < 2400:
		return refuse(fmt.Sprintf("ปี %d เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ. เช่น %d-%02d", y, y+543, m),
			fmt.Sprintf("%d is a Common-Era year: use the Buddhist era, e.g. %d-%02d.", y, y+543, m))
	}
	if m < 1 || m > 12 {
		return refuse(fmt.Sprintf("เดือนต้องเป็นเลข 01 ถึง 12 (\"%s\") เช่น %s", v, example),
			fmt.Sprintf("The month must be 01 to 12 (%q), e.g. %s.", v, example))
	}
	key := (y-543)*100 + m
	first := MonthLabel(FirstReportMonth, "th")
	switch {
	case key < FirstReportMonth:
		return refuse(fmt.Sprintf("เดือน %s อยู่ก่อน พ.ร.บ. การอำนวยความสะดวกฯ มีผลใช้บังคับ กรุณาเลือกเดือนตั้งแต่ %s ถึง %s", v, first, MonthLabel(latest, "th")),
			fmt.Sprintf("%s is before the Licensing Facilitation Act came into force: choose a month from %s to %s.", v,
				MonthLabel(FirstReportMonth, "en"), MonthLabel(latest, "en")))
	case key > latest:
		return refuse(fmt.Sprintf("เดือน %s ยังมาไม่ถึง กรุณาเลือกเดือนไม่เกิน %s (%s)", MonthLabel(key, "th"), MonthLabel(latest, "th"), example),
			fmt.Sprintf("%s has not come yet: choose a month up to %s (%s).", MonthLabel(key, "en"), MonthLabel(latest, "en"), example))
	}
	return key, nil
}
