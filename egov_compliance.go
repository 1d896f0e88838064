package openinfo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultEgovAgencyTypes are the agency types that must record Sections 10
// and 16 unless OPDC decides otherwise: the addressees of OPDC's letter
// (seed 004). Internal units, regional and district offices act through
// their department and are not counted.
var DefaultEgovAgencyTypes = []AgencyType{
	AgencyMinistry, AgencyDepartment, AgencyProvince,
	AgencyPAO, AgencyMunicipality, AgencySAO, AgencySpecialLocal,
	AgencyStateEnterprise, AgencyPublicOrg, AgencyUniversity, AgencyOther,
}

// MaxEgovReminderDays bounds the interval between reminders.
const MaxEgovReminderDays = 365

// EgovSettings is OPDC's configuration of the compliance drive.
type EgovSettings struct {
	AgencyTypes  []AgencyType // the types that must comply (the denominator)
	Deadline     time.Time    // calendar date; zero: none set
	ReminderDays int          // days between reminders to an agency still missing; 0: no reminders
	Version      int64        // optimistic lock; 0 while the defaults are in force
	UpdatedBy    int64
	UpdatedAt    time.Time
}

// DefaultEgovSettings are in force until OPDC saves its own.
func DefaultEgovSettings() EgovSettings {
	return EgovSettings{AgencyTypes: slices.Clone(DefaultEgovAgencyTypes)}
}

// Normalize puts the types in directory order without repeats and the
// deadline on its calendar date.
func (s *EgovSettings) Normalize() {
	var types []AgencyType
	for _, x := range AgencyTypes {
		if slices.Contains(s.AgencyTypes, x.Type) {
			types = append(types, x.Type)
		}
	}
	for _, t := range s.AgencyTypes { // unknown ones stay, for Validate to name
		if !t.Valid() && !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	s.AgencyTypes = types
	s.Deadline = EgovDate(s.Deadline)
}

// Validate checks the settings: at least one known type, a reminder
// interval within bounds, and a deadline whenever reminders are on (the
// reminder tells agencies the date).
func (s *EgovSettings) Validate() error {
	var v validation
	if len(s.AgencyTypes) == 0 {
		v.add("agency_types", "กรุณาเลือกประเภทหน่วยงานที่ต้องดำเนินการอย่างน้อย 1 ประเภท", "Choose at least one agency type that must comply.")
	}
	for _, t := range s.AgencyTypes {
		if !t.Valid() {
			v.add("agency_types", "ไม่รู้จักประเภทหน่วยงาน \""+string(t)+"\"", "Unknown agency type \""+string(t)+"\".")
		}
	}
	if s.ReminderDays < 0 || s.ReminderDays > MaxEgovReminderDays {
		v.add("reminder_days", fmt.Sprintf("ระยะห่างของการแจ้งเตือนต้องอยู่ระหว่าง 1 ถึง %d วัน (0 คือไม่แจ้งเตือน)", MaxEgovReminderDays),
			fmt.Sprintf("The reminder interval must be 1 to %d days (0: no reminders).", MaxEgovReminderDays))
	}
	if s.ReminderDays > 0 && s.Deadline.IsZero() {
		v.add("deadline", "กรุณากำหนดวันครบกำหนดก่อนเปิดการแจ้งเตือน (การแจ้งเตือนระบุวันครบกำหนด)",
			"Set a deadline before turning reminders on: the reminder gives the date.")
	}
	if !s.Deadline.IsZero() && s.Deadline.Before(EgovActPublished) {
		v.add("deadline", "วันครบกำหนดอยู่ก่อนวันที่พระราชบัญญัติฯ ประกาศใช้ กรุณาตรวจสอบปี พ.ศ.",
			"The deadline is before the Act was published; check the year.")
	}
	return v.err("การตั้งค่าการติดตามมาตรา 10 และ 16", "Section 10 and 16 follow-up settings")
}

// MustComply reports whether an agency of type t with status must record
// Sections 10 and 16: an active agency of one of the settings' types.
func (s EgovSettings) MustComply(t AgencyType, status string) bool {
	return status == StatusActive && slices.Contains(s.AgencyTypes, t)
}

// ReminderDue reports whether an agency still missing a record is due a
// reminder at now, its last one sent at last (zero: never).
func (s EgovSettings) ReminderDue(last, now time.Time) bool {
	if s.ReminderDays <= 0 {
		return false
	}
	return last.IsZero() || !now.Before(last.AddDate(0, 0, s.ReminderDays))
}

// EgovAgencyStatus is one agency as the compliance computation sees it:
// Since10 and Since16 are when it first published a record of the section
// that it has not since revoked, zero when it has no current record.
type EgovAgencyStatus struct {
	AgencyID         int64
	Type             AgencyType
	Status           string
	Path             string
	Province         string
	NameTH, NameEN   string
	Since10, Since16 time.Time
}

// RootID is the agency's ministry or, for a body under none, itself: the
// first ID of its path.
func (a EgovAgencyStatus) RootID() int64 {
	seg, _, _ := strings.Cut(strings.TrimPrefix(a.Path, "/"), "/")
	id, _ := strconv.ParseInt(seg, 10, 64)
	return id
}

// MissingSections lists the sections the agency has no current record of,
// for its reminder and the dashboard's missing list.
func (a EgovAgencyStatus) MissingSections() []EgovSection {
	var out []EgovSection
	if a.Since10.IsZero() {
		out = append(out, EgovSection10)
	}
	if a.Since16.IsZero() {
		out = append(out, EgovSection16)
	}
	return out
}

// EgovShare counts the agencies that must comply and those with each record.
type EgovShare struct {
	Total  int // agencies that must comply
	With10 int // with a current Section 10 announcement
	With16 int // with a current Section 16 order
	Both   int
}

// Percent returns n as a percentage of the total (0 when there is none).
func (s EgovShare) Percent(n int) float64 {
	if s.Total == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.Total)
}

// Lacking is how many lack at least one of the records.
func (s EgovShare) Lacking() int { return s.Total - s.Both }

func (s *EgovShare) add(a EgovAgencyStatus) {
	s.Total++
	has10, has16 := !a.Since10.IsZero(), !a.Since16.IsZero()
	if has10 {
		s.With10++
	}
	if has16 {
		s.With16++
	}
	if has10 && has16 {
		s.Both++
	}
}

// EgovGroup is one row of a breakdown: an agency type (Key is the type), a
// ministry (Key is its ID, "0" for agencies under none) or a province (Key is its code, ""
// for agencies without one).
type EgovGroup struct {
	Key string
	Text
	EgovShare
}

// EgovMonth is one point of the cumulative series: how many agencies had a
// record by the end of Month (yyyymm, Bangkok).
type EgovMonth struct {
	Month  int
	With10 int
	With16 int
	Both   int
}

// EgovCompliance is the dashboard: the country's share and its breakdowns,
// the agencies still missing a record, and the cumulative series.
type EgovCompliance struct {
	EgovShare
	ByType     []EgovGroup // in the settings' type order, every type listed
	ByMinistry []EgovGroup // by the ministry's Thai name; "0" (under no ministry) last
	ByProvince []EgovGroup // in province code order, "" (no province) last
	Missing    []EgovAgencyStatus
	Series     []EgovMonth // from the first month anyone complied to now's month
	Deadline   time.Time
}

// ComputeEgovCompliance computes the dashboard from every agency's status
// (those that need not comply under s are skipped) and the names of the
// ministries (root agencies of type ministry, by ID). Agencies under no
// ministry (state enterprises, public organisations, universities … at the
// top of the tree) form one group, key "0", listed last. Missing keeps the input's order; the store passes
// agencies by name. The series counts, for the agencies compliant now, the
// month they first complied; the Both line counts from the later of the two.
func ComputeEgovCompliance(agencies []EgovAgencyStatus, roots map[int64]Text, s EgovSettings, now time.Time) EgovCompliance {
	c := EgovCompliance{Deadline: s.Deadline}
	byType := map[AgencyType]*EgovShare{}
	byRoot := map[int64]*EgovShare{}
	byProv := map[string]*EgovShare{}
	first10, first16, firstBoth := map[int]int{}, map[int]int{}, map[int]int{}
	minMonth := 0
	note := func(m map[int]int, t time.Time) {
		k := MonthKey(t)
		m[k]++
		if minMonth == 0 || k < minMonth {
			minMonth = k
		}
	}
	get := func(m map[string]*EgovShare, k string) *EgovShare {
		if m[k] == nil {
			m[k] = &EgovShare{}
		}
		return m[k]
	}
	for _, a := range agencies {
		if !s.MustComply(a.Type, a.Status) {
			continue
		}
		c.add(a)
		if byType[a.Type] == nil {
			byType[a.Type] = &EgovShare{}
		}
		byType[a.Type].add(a)
		root := a.RootID()
		if _, ok := roots[root]; !ok {
			root = 0
		}
		if byRoot[root] == nil {
			byRoot[root] = &EgovShare{}
		}
		byRoot[root].add(a)
		get(byProv, a.Province).add(a)
		has10, has16 := !a.Since10.IsZero(), !a.Since16.IsZero()
		if has10 {
			note(first10, a.Since10)
		}
		if has16 {
			note(first16, a.Since16)
		}
		if has10 && has16 {
			note(firstBoth, later(a.Since10, a.Since16))
		} else {
			c.Missing = append(c.Missing, a)
		}
	}
	for _, t := range s.AgencyTypes {
		g := EgovGroup{Key: string(t), Text: agencyTypeText(t)}
		if sh := byType[t]; sh != nil {
			g.EgovShare = *sh
		}
		c.ByType = append(c.ByType, g)
	}
	for id, sh := range byRoot {
		name, ok := roots[id]
		if !ok {
			name = Text{"หน่วยงานที่ไม่สังกัดกระทรวง", "Bodies under no ministry"}
		}
		c.ByMinistry = append(c.ByMinistry, EgovGroup{Key: strconv.FormatInt(id, 10), Text: name, EgovShare: *sh})
	}
	slices.SortFunc(c.ByMinistry, func(a, b EgovGroup) int {
		if x := boolCmp(a.Key == "0", b.Key == "0"); x != 0 {
			return x
		}
		if x := strings.Compare(SortKey(a.TH), SortKey(b.TH)); x != 0 {
			return x
		}
		return strings.Compare(a.Key, b.Key)
	})
	for _, p := range Provinces {
		if sh := byProv[p.Code]; sh != nil {
			c.ByProvince = append(c.ByProvince, EgovGroup{Key: p.Code, Text: Text{p.NameTH, p.NameEN}, EgovShare: *sh})
			delete(byProv, p.Code)
		}
	}
	var odd []string // "" and codes no longer in the list
	for k := range byProv {
		odd = append(odd, k)
	}
	slices.Sort(odd)
	slices.Reverse(odd) // "" sorts first; put it last
	for _, k := range odd {
		name := Text{"ไม่ระบุจังหวัด", "No province"}
		if k != "" {
			name = Text{"จังหวัดรหัส " + k, "Province code " + k}
		}
		c.ByProvince = append(c.ByProvince, EgovGroup{Key: k, Text: name, EgovShare: *byProv[k]})
	}
	if minMonth != 0 {
		end := max(MonthKey(now), minMonth)
		var run EgovMonth
		for m := minMonth; m <= end; m = nextMonth(m) {
			run.Month = m
			run.With10 += first10[m]
			run.With16 += first16[m]
			run.Both += firstBoth[m]
			c.Series = append(c.Series, run)
		}
		// Records dated after now (a clock behind the database's) still count.
		for m, n := range first10 {
			if m > end {
				c.Series[len(c.Series)-1].With10 += n
			}
		}
		for m, n := range first16 {
			if m > end {
				c.Series[len(c.Series)-1].With16 += n
			}
		}
		for m, n := range firstBoth {
			if m > end {
				c.Series[len(c.Series)-1].Both += n
			}
		}
	}
	return c
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// nextMonth returns the month after yyyymm.
func nextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

func agencyTypeText(t AgencyType) Text {
	for _, x := range AgencyTypes {
		if x.Type == t {
			return x.Text
		}
	}
	return Text{string(t), string(t)}
}

// EgovReminder records one reminder sent to an agency still missing a
// record: when, to whom (a central officer's e-mail) and what was missing.
type EgovReminder struct {
	ID       int64
	AgencyID int64
	UserID   int64 // the officer reminded; 0 when sent to the agency's address
	Email    string
	Missing  []EgovSection
	Deadline time.Time
	SentAt   time.Time
	MailID   int64 // the mail in the outbox (notify), 0 when none
}
