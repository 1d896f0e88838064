package gendata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// Licence-issuance reports and delay notices for load tests (issue 14): a
// year of reports from every reporter, the locks, unlocks and reporting
// levels behind them, and delayed applications with their notices.

const (
	streamLicences = 0x6c6963656e636573 // "licences"
	streamDelays   = 0x64656c6179730000
)

// DelayCaseCount returns how many delayed applications a scale makes.
func DelayCaseCount(scale string) (int, error) {
	switch scale {
	case ScaleSmall:
		return 500, nil
	case ScaleNational:
		return 50_000, nil
	}
	return 0, fmt.Errorf("gendata: unknown scale %q (use %q or %q)", scale, ScaleSmall, ScaleNational)
}

// Offsets are what the store added to the data set's IDs on import.
type Offsets struct{ Agency, Point, Process int64 }

// LicenceLevel is a reporting-level switch: Level from FromMonth on.
type LicenceLevel struct {
	AgencyID  int64
	Level     openinfo.ReportingLevel
	FromMonth int
}

// LicenceLock is a reporter the deadline job found missing.
type LicenceLock struct {
	Reporter openinfo.Reporter
	AgencyID int64
	Month    int
	Missing  int
	LockedAt time.Time
}

// UnlockRow is an unlock request with the time its window was closed by
// the job (zero while open or when not approved).
type UnlockRow struct {
	openinfo.UnlockRequest
	ClosedAt time.Time
}

// LicenceData is everything but the reports themselves, which
// Licences streams.
type LicenceData struct {
	Months  []int // the 12 reported months, oldest first
	Levels  []LicenceLevel
	Locks   []LicenceLock
	Unlocks []UnlockRow
	Cases   []openinfo.DelayCase
	Reports int // how many reports were emitted
}

// pair is one reporter's process: who reports it, at what rate.
type pair struct {
	kind     openinfo.ReporterKind
	reporter int64
	agency   int64 // the reporter's agency
	process  int64
	owner    int64 // the process's agency, whose level decides who reports
	rate     float64
	pending  int
}

// Licences makes the licence data of the 12 whole months before asOf for
// ds (IDs shifted by off) and streams the reports to emit, month by month
// (emit may keep r only until it returns). Deterministic for seed and
// asOf's month. Each visible service point reports its pinned processes,
// except where its agency reports itself (about 1 % of agencies, a few of
// them from the middle of the year); in months whose deadline passed most
// reporters submitted on time, some were locked and unlocked by OPDC and
// reported late, a few were refused or never asked, and the month before
// asOf is still open, half reported. nCases delayed applications get their
// notices every 7 days (some overdue), and each report's "delay notices
// sent" counts them.
func Licences(ds *Dataset, off Offsets, seed uint64, asOf time.Time, nCases int,
	emit func(r *openinfo.LicenceReport) error) (*LicenceData, error) {
	rng := newRand(seed, streamLicences)
	cal := thaitime.NewCalendar(thaitime.DefaultHolidays())
	policy := openinfo.DefaultLicencePolicy
	out := &LicenceData{Months: openinfo.LastMonths(asOf, 12)}
	months := out.Months

	// Reporting levels: agencies that own processes, in ID order.
	owners := map[int64]bool{}
	for i := range ds.Processes {
		owners[ds.Processes[i].AgencyID+off.Agency] = true
	}
	levelFrom := map[int64]int{} // agency -> first month it reports itself
	for i := range ds.Agencies {
		id := ds.Agencies[i].ID + off.Agency
		if !owners[id] {
			continue
		}
		switch x := rng.IntN(400); {
		case x < 4:
			levelFrom[id] = months[0]
		case x == 4:
			levelFrom[id] = months[6] // switched in the middle of the year
		default:
			continue
		}
		out.Levels = append(out.Levels, LicenceLevel{AgencyID: id, Level: openinfo.ReporterAgency, FromMonth: levelFrom[id]})
	}

	// The pairs, grouped by reporter: points in ID order, then agencies.
	visible := make(map[int64]int64, len(ds.Points)) // point -> agency, visible points only
	for _, p := range ds.Points {
		if p.Visible {
			visible[p.ID+off.Point] = p.AgencyID + off.Agency
		}
	}
	rate := func() float64 { return math.Min(0.4*math.Pow(1-rng.Float64(), -1/1.3), 400) }
	var pairs []pair
	for i := range ds.Processes {
		p := &ds.Processes[i]
		id, owner := p.ID+off.Process, p.AgencyID+off.Agency
		for _, pt := range p.PointIDs {
			if ag, ok := visible[pt+off.Point]; ok {
				pairs = append(pairs, pair{kind: openinfo.ReporterPoint, reporter: pt + off.Point, agency: ag, process: id, owner: owner, rate: rate()})
			}
		}
		if _, ok := levelFrom[owner]; ok {
			pairs = append(pairs, pair{kind: openinfo.ReporterAgency, reporter: owner, agency: owner, process: id, owner: owner, rate: 3 * rate()})
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if a.kind != b.kind {
			if a.kind == openinfo.ReporterPoint {
				return -1
			}
			return 1
		}
		if a.reporter != b.reporter {
			return int(a.reporter - b.reporter)
		}
		return int(a.process - b.process)
	})

	cases, notices, err := delayCases(ds, off, seed, asOf, nCases, cal, levelFrom)
	if err != nil {
		return nil, err
	}
	out.Cases = cases

	var r openinfo.LicenceReport
	for _, m := range months {
		deadline := policy.Deadline(m)
		open := asOf.Before(deadline)
		newest := m == months[len(months)-1] || m == months[len(months)-2]
		for start := 0; start < len(pairs); {
			end := start + 1
			for end < len(pairs) && pairs[end].kind == pairs[start].kind && pairs[end].reporter == pairs[start].reporter {
				end++
			}
			group := pairs[start:end]
			start = end
			rep := openinfo.Reporter{Kind: group[0].kind, ID: group[0].reporter}
			// Only the pairs whose process this kind of reporter reports this month.
			var owed []*pair
			for i := range group {
				from, switched := levelFrom[group[i].owner]
				byAgency := switched && m >= from
				if byAgency == (rep.Kind == openinfo.ReporterAgency) {
					owed = append(owed, &group[i])
				}
			}
			if len(owed) == 0 {
				continue
			}
			// The reporter's fate this month, and when it submitted.
			due := policy.DueDate(m)
			monthEnd := time.Date(m/100, time.Month(m%100), 1, 0, 0, 0, 0, thaitime.Bangkok).AddDate(0, 1, 0)
			submitAt := monthEnd.Add(time.Duration(1+rng.Int64N(int64(due.Sub(monthEnd)/time.Hour)-1)) * time.Hour)
			submitAll, skip := true, -1 // skip: one process left unsubmitted
			drafts := false
			x := rng.IntN(1000)
			switch {
			case open:
				submitAll = x < 550
				drafts = x >= 550 && x < 700
				if submitAt.After(asOf) {
					submitAt = asOf.Add(-time.Duration(1+rng.IntN(48)) * time.Hour)
				}
			case x < 920: // on time
			case x < 940 && len(owed) > 1: // forgot one process
				skip = rng.IntN(len(owed))
			default: // locked: maybe an unlock
				submitAll = false
				drafts = x < 950
				lock := LicenceLock{Reporter: rep, AgencyID: group[0].agency, Month: m, Missing: len(owed), LockedAt: deadline.Add(time.Duration(rng.IntN(50)) * time.Minute)}
				out.Locks = append(out.Locks, lock)
				u := UnlockRow{UnlockRequest: openinfo.UnlockRequest{Reporter: rep, AgencyID: group[0].agency, Month: m,
					Reason: unlockReasons[rng.IntN(len(unlockReasons))], Status: openinfo.UnlockRequested,
					RequestedAt: deadline.Add(time.Duration(24+rng.IntN(24*10)) * time.Hour)}}
				if x < 970 || u.RequestedAt.After(asOf) {
					break // never asked (yet)
				}
				decided := u.RequestedAt.Add(time.Duration(2+rng.IntN(70)) * time.Hour)
				switch {
				case decided.After(asOf) || newest && x < 975: // still waiting
				case x < 990:
					u.Status, u.DecidedAt, u.Comment = openinfo.UnlockApproved, decided, "อนุมัติ"
					u.WindowEnd = policy.UnlockWindowEnd(cal, decided)
					if !u.WindowEnd.After(asOf) {
						u.ClosedAt = u.WindowEnd.Add(time.Duration(rng.IntN(60)) * time.Minute)
					}
					if at := decided.Add(time.Duration(1+rng.IntN(30)) * time.Hour); at.Before(asOf) && at.Before(u.WindowEnd) {
						submitAll, submitAt = true, at
					}
				default:
					u.Status, u.DecidedAt, u.Comment = openinfo.UnlockRefused, decided, "เหตุผลไม่เพียงพอ เกินกำหนดส่งนานเกินไป"
				}
				u.DecidedBy = 0
				out.Unlocks = append(out.Unlocks, u)
			}
			if skip >= 0 {
				out.Locks = append(out.Locks, LicenceLock{Reporter: rep, AgencyID: group[0].agency, Month: m, Missing: 1,
					LockedAt: deadline.Add(time.Duration(rng.IntN(50)) * time.Minute)})
			}
			for i, p := range owed {
				r = openinfo.LicenceReport{Reporter: rep, AgencyID: p.agency, ProcessID: p.process, Month: m}
				r.Counts = monthCounts(rng, p, notices[noticeKey(rep, p.process, m)])
				state := openinfo.ReportNone
				switch {
				case submitAll && i != skip:
					state = openinfo.ReportSubmitted
				case drafts && rng.IntN(2) == 0:
					state = openinfo.ReportDraft
				}
				if state == openinfo.ReportNone {
					continue
				}
				r.State, r.Version, r.UpdatedAt = state, 1, submitAt.UTC()
				if state == openinfo.ReportSubmitted {
					r.SubmittedAt = submitAt.UTC()
					if rng.IntN(50) == 0 && submitAt.Add(48*time.Hour).Before(deadline) && submitAt.Add(48*time.Hour).Before(asOf) {
						r.Corrections, r.Version, r.UpdatedAt = 1, 2, submitAt.Add(48*time.Hour).UTC()
					}
				}
				if err := emit(&r); err != nil {
					return nil, err
				}
				out.Reports++
			}
		}
	}
	return out, nil
}

var unlockReasons = []string{
	"เจ้าหน้าที่ผู้รับผิดชอบลาป่วย ไม่สามารถส่งรายงานได้ทันกำหนด",
	"ระบบอินเทอร์เน็ตของสำนักงานขัดข้องในช่วงครบกำหนดส่ง",
	"อยู่ระหว่างรวบรวมข้อมูลจากจุดบริการย่อย",
	"เจ้าหน้าที่ผู้รับผิดชอบย้ายตำแหน่ง ผู้รับงานใหม่เพิ่งได้รับบัญชีผู้ใช้",
}

// monthCounts moves p's pending applications on by one month and returns
// the month's numbers, which always add up (LicenceReport.Validate).
func monthCounts(rng *rand.Rand, p *pair, delayNotices int) openinfo.LicenceCounts {
	c := openinfo.LicenceCounts{PendingStart: p.pending, DelayNotices: delayNotices}
	// Stochastic rounding keeps quiet processes at 0 or 1 most months.
	want := p.rate * (0.6 + 0.8*rng.Float64())
	c.Received = int(want)
	if rng.Float64() < want-float64(c.Received) {
		c.Received++
	}
	avail := c.PendingStart + c.Received
	done := avail * (75 + rng.IntN(25)) / 100
	if done == 0 && avail > 0 && rng.IntN(2) == 0 {
		done = 1
	}
	c.Withdrawn = done * rng.IntN(5) / 100
	c.Refused = (done - c.Withdrawn) * rng.IntN(8) / 100
	c.Issued = done - c.Withdrawn - c.Refused
	c.Late = (c.Issued + c.Refused) * rng.IntN(15) / 100
	if c.Late < delayNotices && c.Issued+c.Refused >= delayNotices {
		c.Late = delayNotices // delayed applications are mostly the late ones
	}
	c.OnTime = c.Issued + c.Refused - c.Late
	c.PendingEnd = avail - done
	p.pending = c.PendingEnd
	return c
}

type nkey struct {
	kind     openinfo.ReporterKind
	reporter int64
	process  int64
	month    int
}

func noticeKey(r openinfo.Reporter, process int64, month int) nkey {
	return nkey{r.Kind, r.ID, process, month}
}

var (
	applicantFirst = []string{"สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "สุรชัย", "กาญจนา", "ธนพล", "ปิยะนุช", "อนุชา", "รัตนา", "วีระพงษ์", "ศิริพร"}
	applicantLast  = []string{"ใจดี", "ศรีสุข", "วงศ์ไทย", "แก้วมณี", "บุญมา", "ทองคำ", "สุวรรณรัตน์", "พรหมมา", "จันทร์เพ็ญ", "ศักดิ์สิทธิ์"}
	delayReasons   = []string{
		"อยู่ระหว่างรอความเห็นจากหน่วยงานที่เกี่ยวข้อง",
		"อยู่ระหว่างการตรวจสอบสถานที่",
		"เอกสารประกอบคำขอต้องตรวจสอบเพิ่มเติม",
		"อยู่ระหว่างการพิจารณาของคณะกรรมการ",
		"รอผลการตรวจสอบจากกรมที่ดิน",
	}
)

// delayCases makes n delayed applications at random visible points'
// processes, received over the 12 months before asOf, each passing
// DelayCase.Validate, and counts their notices per reporter, process and
// month as the licence reports count them (an agency reporter counts every
// notice of its process).
func delayCases(ds *Dataset, off Offsets, seed uint64, asOf time.Time, n int, cal *thaitime.Calendar,
	levelFrom map[int64]int) ([]openinfo.DelayCase, map[nkey]int, error) {
	counts := map[nkey]int{}
	if n == 0 || len(ds.Processes) == 0 {
		return nil, counts, nil
	}
	rng := newRand(seed, streamDelays)
	visible := map[int64]int64{}
	for _, p := range ds.Points {
		if p.Visible {
			visible[p.ID] = p.AgencyID
		}
	}
	today := thaitime.StartOfDay(asOf)
	first := time.Date(openinfo.LastMonths(asOf, 12)[0]/100, time.Month(openinfo.LastMonths(asOf, 12)[0]%100), 1, 0, 0, 0, 0, thaitime.Bangkok)
	span := int(today.Sub(first).Hours()/24) - 10
	out := make([]openinfo.DelayCase, 0, n)
	for len(out) < n {
		p := &ds.Processes[rng.IntN(len(ds.Processes))]
		if len(p.PointIDs) == 0 {
			continue // pinned nowhere: nobody applies for it at a counter
		}
		pt := p.PointIDs[rng.IntN(len(p.PointIDs))]
		ag, ok := visible[pt]
		if !ok {
			continue
		}
		received := first.AddDate(0, 0, rng.IntN(span))
		c := openinfo.DelayCase{
			Ref:       fmt.Sprintf("คำขอที่ %d/%d", 100000+len(out), received.Year()+543),
			ProcessID: p.ID + off.Process, PointID: pt + off.Point, AgencyID: ag + off.Agency,
			ApplicantName: applicantFirst[rng.IntN(len(applicantFirst))] + " " + applicantLast[rng.IntN(len(applicantLast))],
			Received:      received,
		}
		c.ApplicantPhone, _ = openinfo.NormalizePhone(fmt.Sprintf("08%d%07d", rng.IntN(10), rng.IntN(10_000_000)))
		if rng.IntN(3) == 0 {
			c.ApplicantEmail = fmt.Sprintf("applicant%d@example.com", len(out)+1)
		}
		due, ok := openinfo.DelayDueDate(cal, received, p.Content.TimeLimit)
		if !ok {
			due = received.AddDate(0, 0, 30)
		}
		c.Due = due
		// Notices from the due date, every 7 days (now and then 8–10: late).
		day := due
		decideAfter := 1 + rng.IntN(8) // notices before the decision
		decides := rng.IntN(100) < 70
		stalls := rng.IntN(100) < 12 // stops sending: overdue
		for k := 0; !day.After(today); k++ {
			if decides && k == decideAfter {
				c.Decision = []openinfo.DelayDecision{openinfo.DecisionIssued, openinfo.DecisionIssued, openinfo.DecisionIssued,
					openinfo.DecisionRefused, openinfo.DecisionWithdrawn}[rng.IntN(5)]
				c.DecidedOn = day.AddDate(0, 0, -rng.IntN(3))
				if len(c.Notices) > 0 && c.DecidedOn.Before(c.Notices[len(c.Notices)-1].Date) {
					c.DecidedOn = c.Notices[len(c.Notices)-1].Date
				}
				told := c.DecidedOn.AddDate(0, 0, 1+rng.IntN(5))
				if rng.IntN(10) == 0 {
					told = c.DecidedOn.AddDate(0, 0, 8+rng.IntN(6)) // told late
				}
				if !told.After(today) && rng.IntN(20) != 0 {
					c.ToldOn = told
				}
				break
			}
			if stalls && k >= 1 && rng.IntN(2) == 0 {
				break
			}
			seq := len(c.Notices) + 1
			c.Notices = append(c.Notices, openinfo.DelayNotice{Seq: seq, Number: fmt.Sprintf("ที่ %d/%d", 1000+len(out)%9000, seq),
				Date: day, Reason: delayReasons[rng.IntN(len(delayReasons))], ExpectedDecision: day.AddDate(0, 0, 7+rng.IntN(14))})
			day = day.AddDate(0, 0, 7)
			if rng.IntN(15) == 0 {
				day = day.AddDate(0, 0, 1+rng.IntN(3))
			}
		}
		computed, _ := openinfo.DelayDueDate(cal, received, p.Content.TimeLimit)
		if err := c.Validate(asOf, computed); err != nil {
			return nil, nil, fmt.Errorf("gendata: delayed application %s: %w", c.Ref, err)
		}
		for _, nt := range c.Notices {
			m := openinfo.MonthKey(nt.Date)
			owner := p.AgencyID + off.Agency
			if from, ok := levelFrom[owner]; ok && m >= from {
				counts[nkey{openinfo.ReporterAgency, owner, c.ProcessID, m}]++
			} else {
				counts[nkey{openinfo.ReporterPoint, c.PointID, c.ProcessID, m}]++
			}
		}
		out = append(out, c)
	}
	return out, counts, nil
}
