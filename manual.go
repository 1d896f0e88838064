package openinfo

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Process (กระบวนงาน) is a service an agency runs. Its citizen manual is kept
// in revisions (ManualRevision); the process holds what search and the
// Service Catalog need: names, common names and catalog terms.
type Process struct {
	ID       int64
	AgencyID int64 // the owning agency (หน่วยงานเจ้าของกระบวนงาน)
	NameTH   string
	NameEN   string
	// CommonNames (ชื่อเรียกทั่วไป) are local or colloquial names, for search.
	CommonNames []string
	// TermIDs are the Service Catalog terms (CatalogTerm) of any kind.
	TermIDs   []int64
	Version   int64 // optimistic lock: an update must carry the version it read
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits of a process.
const (
	MaxCommonNames     = 30
	MaxCommonNameRunes = 100
	MaxProcessTerms    = 50
)

// Name returns the process's name in lang, Thai when there is no English name.
func (p *Process) Name(lang string) string {
	if lang == "en" && p.NameEN != "" {
		return p.NameEN
	}
	return p.NameTH
}

// Normalize trims the names, drops empty and repeated common names (compared
// case-insensitively, the first spelling kept) and those that only repeat
// the Thai name, and drops repeated term IDs.
func (p *Process) Normalize() {
	p.NameTH, p.NameEN = cleanText(p.NameTH), cleanText(p.NameEN)
	seen := map[string]bool{}
	names := p.CommonNames[:0:0]
	for _, n := range p.CommonNames {
		n = cleanText(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] || k == strings.ToLower(p.NameTH) {
			continue
		}
		seen[k] = true
		names = append(names, n)
	}
	p.CommonNames = names
	ids := p.TermIDs[:0:0]
	seenID := map[int64]bool{}
	for _, id := range p.TermIDs {
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	p.TermIDs = ids
}

// Validate checks the process on its own; the store checks that the agency
// and the terms exist and that the terms are active.
func (p *Process) Validate() error {
	var v validation
	if p.AgencyID <= 0 {
		v.add("agency_id", "กรุณาเลือกหน่วยงานเจ้าของกระบวนงาน", "Choose the agency that owns the process.")
	}
	switch {
	case p.NameTH == "":
		v.add("name_th", "กรุณากรอกชื่อกระบวนงานภาษาไทย", "Enter the process's Thai name.")
	case utf8.RuneCountInString(p.NameTH) > 500:
		v.add("name_th", "ชื่อกระบวนงานยาวเกิน 500 ตัวอักษร", "The Thai name is longer than 500 characters.")
	case !hasThai(p.NameTH):
		v.add("name_th", "ชื่อกระบวนงานภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(p.NameEN) > 500 {
		v.add("name_en", "ชื่อกระบวนงานภาษาอังกฤษยาวเกิน 500 ตัวอักษร", "The English name is longer than 500 characters.")
	}
	if len(p.CommonNames) > MaxCommonNames {
		v.add("common_names", fmt.Sprintf("ระบุชื่อเรียกทั่วไปได้ไม่เกิน %d ชื่อ", MaxCommonNames),
			fmt.Sprintf("At most %d common names.", MaxCommonNames))
	}
	for i, n := range p.CommonNames {
		if utf8.RuneCountInString(n) > MaxCommonNameRunes {
			v.add(fmt.Sprintf("common_names[%d]", i),
				fmt.Sprintf("ชื่อเรียกทั่วไป \"%s\" ยาวเกิน %d ตัวอักษร", n, MaxCommonNameRunes),
				fmt.Sprintf("The common name \"%s\" is longer than %d characters.", n, MaxCommonNameRunes))
		}
	}
	if len(p.TermIDs) > MaxProcessTerms {
		v.add("term_ids", fmt.Sprintf("เลือกหมวดหมู่ กลุ่มผู้ใช้บริการ และป้ายคำรวมกันได้ไม่เกิน %d รายการ", MaxProcessTerms),
			fmt.Sprintf("At most %d catalog terms.", MaxProcessTerms))
	}
	for _, id := range p.TermIDs {
		if id <= 0 {
			v.add("term_ids", "รายการบัญชีบริการที่เลือกไม่ถูกต้อง", "A chosen catalog term is not valid.")
			break
		}
	}
	return v.err("กระบวนงาน", "process")
}

// enum is a code with its Thai and English names, for the small lists of a
// manual.
type enum[T ~string] struct {
	Code   T
	TH, EN string
}

func enumValid[T ~string](list []enum[T], c T) bool {
	for _, x := range list {
		if x.Code == c {
			return true
		}
	}
	return false
}

func enumLabel[T ~string](list []enum[T], c T, lang string) string {
	for _, x := range list {
		if x.Code == c {
			if lang == "en" {
				return x.EN
			}
			return x.TH
		}
	}
	return string(c)
}

// ServiceType is section 3, ประเภทของงานบริการ.
type ServiceType string

const (
	ServiceSingleUnit  ServiceType = "single_unit"  // เบ็ดเสร็จในหน่วยเดียว
	ServiceMultiAgency ServiceType = "multi_agency" // เชื่อมโยงหลายหน่วยงาน
)

// ServiceTypes lists the service types.
var ServiceTypes = []enum[ServiceType]{
	{ServiceSingleUnit, "กระบวนงานบริการที่เบ็ดเสร็จในหน่วยเดียว", "Completed within one unit"},
	{ServiceMultiAgency, "กระบวนงานบริการที่เชื่อมโยงหลายหน่วยงาน", "Involves several agencies"},
}

// Valid reports whether t is a known service type.
func (t ServiceType) Valid() bool { return enumValid(ServiceTypes, t) }

// Label returns the type's name in lang.
func (t ServiceType) Label(lang string) string { return enumLabel(ServiceTypes, t, lang) }

// ManualCategory is section 4, หมวดหมู่ของงานบริการ: the kinds of
// "อนุญาต" of the Licensing Facilitation Act §4, plus other.
type ManualCategory string

const (
	CategoryLicence      ManualCategory = "licence"      // ออกใบอนุญาต
	CategoryApproval     ManualCategory = "approval"     // อนุมัติ
	CategoryRegistration ManualCategory = "registration" // จดทะเบียน
	CategoryEnrolment    ManualCategory = "enrolment"    // ขึ้นทะเบียน
	CategoryNotification ManualCategory = "notification" // รับแจ้ง
	CategoryConcession   ManualCategory = "concession"   // ประทานบัตร
	CategoryPermit       ManualCategory = "permit"       // อาชญาบัตร
	CategoryOther        ManualCategory = "other"        // อื่นๆ
)

// ManualCategories lists the categories.
var ManualCategories = []enum[ManualCategory]{
	{CategoryLicence, "ออกใบอนุญาต", "Licence"},
	{CategoryApproval, "อนุมัติ", "Approval"},
	{CategoryRegistration, "จดทะเบียน", "Registration"},
	{CategoryEnrolment, "ขึ้นทะเบียน", "Enrolment"},
	{CategoryNotification, "รับแจ้ง", "Notification"},
	{CategoryConcession, "ประทานบัตร", "Concession"},
	{CategoryPermit, "อาชญาบัตร", "Permit (อาชญาบัตร)"},
	{CategoryOther, "อื่นๆ", "Other"},
}

// Valid reports whether c is a known category.
func (c ManualCategory) Valid() bool { return enumValid(ManualCategories, c) }

// Label returns the category's name in lang.
func (c ManualCategory) Label(lang string) string { return enumLabel(ManualCategories, c, lang) }

// ImpactLevel is section 6, ระดับผลกระทบ.
type ImpactLevel string

const (
	ImpactGeneral        ImpactLevel = "general"         // บริการทั่วไป
	ImpactEconomicSocial ImpactLevel = "economic_social" // บริการที่มีความสำคัญด้านเศรษฐกิจ/สังคม
)

// ImpactLevels lists the impact levels.
var ImpactLevels = []enum[ImpactLevel]{
	{ImpactGeneral, "บริการทั่วไป", "General service"},
	{ImpactEconomicSocial, "บริการที่มีความสำคัญด้านเศรษฐกิจ/สังคม", "Service of economic or social importance"},
}

// Valid reports whether l is a known impact level.
func (l ImpactLevel) Valid() bool { return enumValid(ImpactLevels, l) }

// Label returns the level's name in lang.
func (l ImpactLevel) Label(lang string) string { return enumLabel(ImpactLevels, l, lang) }

// ServiceArea is one choice of section 7, พื้นที่ให้บริการ.
type ServiceArea string

const (
	AreaCentral  ServiceArea = "central"  // ส่วนกลาง
	AreaRegional ServiceArea = "regional" // ส่วนภูมิภาค
	AreaLocal    ServiceArea = "local"    // ส่วนท้องถิ่น
)

// ServiceAreas lists the areas.
var ServiceAreas = []enum[ServiceArea]{
	{AreaCentral, "ส่วนกลาง", "Central administration"},
	{AreaRegional, "ส่วนภูมิภาค", "Regional administration"},
	{AreaLocal, "ส่วนท้องถิ่น", "Local government"},
}

// Valid reports whether a is a known area.
func (a ServiceArea) Valid() bool { return enumValid(ServiceAreas, a) }

// Label returns the area's name in lang.
func (a ServiceArea) Label(lang string) string { return enumLabel(ServiceAreas, a, lang) }

// DurationUnit is the unit of a step's duration or of the legal time limit.
type DurationUnit string

const (
	UnitMinute      DurationUnit = "minute"       // นาที
	UnitHour        DurationUnit = "hour"         // ชั่วโมง
	UnitDay         DurationUnit = "day"          // วัน
	UnitBusinessDay DurationUnit = "business_day" // วันทำการ
)

// DurationUnits lists the units.
var DurationUnits = []enum[DurationUnit]{
	{UnitMinute, "นาที", "minutes"},
	{UnitHour, "ชั่วโมง", "hours"},
	{UnitDay, "วัน", "days"},
	{UnitBusinessDay, "วันทำการ", "business days"},
}

// Valid reports whether u is a known unit.
func (u DurationUnit) Valid() bool { return enumValid(DurationUnits, u) }

// Label returns the unit's name in lang.
func (u DurationUnit) Label(lang string) string { return enumLabel(DurationUnits, u, lang) }

// StepType is a step's ประเภทขั้นตอน.
type StepType string

const (
	StepDocumentCheck StepType = "document_check" // การตรวจสอบเอกสาร
	StepConsideration StepType = "consideration"  // การพิจารณา
	StepSigning       StepType = "signing"        // การลงนาม/คณะกรรมการมีมติ
	StepOther         StepType = "other"          // อื่นๆ
)

// StepTypes lists the step types.
var StepTypes = []enum[StepType]{
	{StepDocumentCheck, "การตรวจสอบเอกสาร", "Document check"},
	{StepConsideration, "การพิจารณา", "Consideration"},
	{StepSigning, "การลงนาม/คณะกรรมการมีมติ", "Signing or committee resolution"},
	{StepOther, "อื่นๆ", "Other"},
}

// Valid reports whether t is a known step type.
func (t StepType) Valid() bool { return enumValid(StepTypes, t) }

// Label returns the type's name in lang.
func (t StepType) Label(lang string) string { return enumLabel(StepTypes, t, lang) }

// ChannelKind says whether a service channel is a place or a website.
type ChannelKind string

const (
	ChannelCounter ChannelKind = "counter" // สถานที่ให้บริการ
	ChannelOnline  ChannelKind = "online"  // ช่องทางออนไลน์
)

// ChannelKinds lists the channel kinds.
var ChannelKinds = []enum[ChannelKind]{
	{ChannelCounter, "สถานที่ให้บริการ", "Service counter"},
	{ChannelOnline, "ช่องทางออนไลน์", "Online"},
}

// Valid reports whether k is a known channel kind.
func (k ChannelKind) Valid() bool { return enumValid(ChannelKinds, k) }

// Label returns the kind's name in lang.
func (k ChannelKind) Label(lang string) string { return enumLabel(ChannelKinds, k, lang) }

// DocumentGroup is the group of section 15 a document is listed in.
type DocumentGroup string

const (
	DocIdentity DocumentGroup = "identity" // 15.1 เอกสารยืนยันตัวตนที่ออกโดยหน่วยงานภาครัฐ
	DocOther    DocumentGroup = "other"    // 15.2 เอกสารอื่นๆ
)

// DocumentGroups lists the groups in the order the manual prints them.
var DocumentGroups = []enum[DocumentGroup]{
	{DocIdentity, "เอกสารยืนยันตัวตนที่ออกโดยหน่วยงานภาครัฐ", "Identity documents issued by a government agency"},
	{DocOther, "เอกสารอื่นๆ", "Other documents"},
}

// Valid reports whether g is a known group.
func (g DocumentGroup) Valid() bool { return enumValid(DocumentGroups, g) }

// Label returns the group's name in lang.
func (g DocumentGroup) Label(lang string) string { return enumLabel(DocumentGroups, g, lang) }

// DocumentUnit is a document's หน่วยนับ.
type DocumentUnit string

const (
	DocUnitCopy DocumentUnit = "copy" // ฉบับ
	DocUnitSet  DocumentUnit = "set"  // ชุด
)

// DocumentUnits lists the counting units.
var DocumentUnits = []enum[DocumentUnit]{
	{DocUnitCopy, "ฉบับ", "copies"},
	{DocUnitSet, "ชุด", "sets"},
}

// Valid reports whether u is a known unit.
func (u DocumentUnit) Valid() bool { return enumValid(DocumentUnits, u) }

// Label returns the unit's name in lang.
func (u DocumentUnit) Label(lang string) string { return enumLabel(DocumentUnits, u, lang) }

// FeeUnit says whether a fee is an amount in baht or a percentage.
type FeeUnit string

const (
	FeeBaht    FeeUnit = "baht"    // บาท
	FeePercent FeeUnit = "percent" // ร้อยละ
)

// FeeUnits lists the fee units.
var FeeUnits = []enum[FeeUnit]{
	{FeeBaht, "บาท", "baht"},
	{FeePercent, "ร้อยละ", "percent"},
}

// Valid reports whether u is a known unit.
func (u FeeUnit) Valid() bool { return enumValid(FeeUnits, u) }

// Label returns the unit's name in lang.
func (u FeeUnit) Label(lang string) string { return enumLabel(FeeUnits, u, lang) }

// LegalKinds are the usual kinds of law for the form's suggestions;
// LegalBasis.Kind is free text because the list is long and changes.
var LegalKinds = []string{"พระราชบัญญัติ", "พระราชกำหนด", "พระราชกฤษฎีกา", "ประมวลกฎหมาย", "กฎกระทรวง",
	"ประกาศ", "ระเบียบ", "ข้อบังคับ", "ข้อบัญญัติ", "เทศบัญญัติ", "มติคณะรัฐมนตรี", "อื่นๆ"}

// LegalBasis is one row of section 5: a law that grants the power to permit
// or that bears on the process.
type LegalBasis struct {
	Kind    string `json:"kind,omitempty"` // พระราชบัญญัติ, กฎกระทรวง, ... (LegalKinds)
	Name    string `json:"name"`           // "การจดทะเบียนครอบครัว"
	YearBE  int    `json:"year_be,omitempty"`
	Section string `json:"section,omitempty"` // "มาตรา 5, 6"
}

// LegalTimeLimit is section 8: the law or rule that sets the time limit and
// the limit itself; Value 0 means the law sets none.
type LegalTimeLimit struct {
	Law   string       `json:"law,omitempty"`
	Value int          `json:"value,omitempty"`
	Unit  DurationUnit `json:"unit,omitempty"`
}

// Stats is section 9, ข้อมูลสถิติ: requests per month.
type Stats struct {
	AvgPerMonth int `json:"avg_per_month"`
	Max         int `json:"max"`
	Min         int `json:"min"`
}

// ServiceChannel is one row of section 11. Hours is free text as printed,
// e.g. "จันทร์–ศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) 08:30–16:30 น. (มีพักเที่ยง)".
type ServiceChannel struct {
	Kind  ChannelKind `json:"kind"`
	Place string      `json:"place,omitempty"` // the place, or the online system's name
	Phone string      `json:"phone,omitempty"`
	Hours string      `json:"hours,omitempty"`
	URL   string      `json:"url,omitempty"` // the online channel's address
	Note  string      `json:"note,omitempty"`
}

// Step is one row of section 13.
type Step struct {
	Type        StepType     `json:"type"`
	Detail      string       `json:"detail"`
	Duration    float64      `json:"duration"`
	Unit        DurationUnit `json:"unit"`
	Responsible string       `json:"responsible,omitempty"` // ส่วนที่รับผิดชอบ
	Note        string       `json:"note,omitempty"`
}

// Document is one row of section 15.
type Document struct {
	Group     DocumentGroup `json:"group"`
	Name      string        `json:"name"`
	Issuer    string        `json:"issuer,omitempty"` // หน่วยงานผู้ออกเอกสาร
	Originals int           `json:"originals"`        // จำนวนเอกสารฉบับจริง
	Copies    int           `json:"copies"`           // จำนวนเอกสารสำเนา
	Unit      DocumentUnit  `json:"unit"`
	Note      string        `json:"note,omitempty"`
}

// Fee is one row of section 16.
type Fee struct {
	Detail string  `json:"detail"`
	Amount float64 `json:"amount"`
	Unit   FeeUnit `json:"unit"`
	Note   string  `json:"note,omitempty"`
}

// ComplaintChannel is one row of section 17.
type ComplaintChannel struct {
	Channel string `json:"channel"`
	Detail  string `json:"detail,omitempty"`
}

// Attachment is one file of section 18 (forms, samples, filling guides). The
// file itself is in storage under Key; CheckAttachment admits it.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Key         string `json:"key"`
}

// ManualContent is a citizen manual, one field per section of the standard
// template (DOMAIN.md §1), in its order. A revision holds one; it is stored
// as a whole (JSON) and compared section by section (DiffSections).
type ManualContent struct {
	Name          string             `json:"name"`                  // 1 ชื่อกระบวนงาน
	AgencyName    string             `json:"agency_name,omitempty"` // 2 หน่วยงานเจ้าของกระบวนงาน, as printed (the store fills it from the process's agency)
	ServiceType   ServiceType        `json:"service_type,omitempty"`
	Category      ManualCategory     `json:"category,omitempty"`
	LegalBases    []LegalBasis       `json:"legal_bases,omitempty"`
	Impact        ImpactLevel        `json:"impact,omitempty"`
	ServiceAreas  []ServiceArea      `json:"service_areas,omitempty"`
	TimeLimit     LegalTimeLimit     `json:"time_limit"`
	Stats         Stats              `json:"stats"`
	ReferenceName string             `json:"reference_name,omitempty"`
	Channels      []ServiceChannel   `json:"channels,omitempty"`
	Criteria      string             `json:"criteria,omitempty"` // multi-line plain text
	Steps         []Step             `json:"steps,omitempty"`
	ReducedSteps  bool               `json:"reduced_steps,omitempty"` // 14: ผ่านการดำเนินการลดขั้นตอนและระยะเวลาแล้ว
	Documents     []Document         `json:"documents,omitempty"`
	NoDocuments   bool               `json:"no_documents,omitempty"` // 15 left empty on purpose: the process needs no documents
	Fees          []Fee              `json:"fees,omitempty"`         // none: ไม่มีค่าธรรมเนียม
	Complaints    []ComplaintChannel `json:"complaints,omitempty"`
	Attachments   []Attachment       `json:"attachments,omitempty"`
	Remarks       string             `json:"remarks,omitempty"`
}

// ComplaintPlaceholder is the detail of the first default complaint channel;
// a manual still carrying it cannot be submitted.
const ComplaintPlaceholder = "(กรุณาระบุที่อยู่ หมายเลขโทรศัพท์ อีเมล หรือเว็บไซต์สำหรับร้องเรียนของหน่วยงาน)"

// DefaultComplaintChannels are the usual rows of section 17 for a new
// manual: the agency itself (its details to be filled in), the Office of the
// Permanent Secretary's 1111 hotline, and the PACC's 1206 hotline.
func DefaultComplaintChannels() []ComplaintChannel {
	return []ComplaintChannel{
		{Channel: "ร้องเรียนต่อหน่วยงานเจ้าของกระบวนงาน", Detail: ComplaintPlaceholder},
		{Channel: "ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี",
			Detail: "สายด่วน 1111 / www.1111.go.th / ตู้ ปณ. 1111 เลขที่ 1 ถนนพิษณุโลก เขตดุสิต กรุงเทพฯ 10300"},
		{Channel: "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (ป.ป.ท.)",
			Detail: "สายด่วน ป.ป.ท. 1206 / www.pacc.go.th"},
	}
}

// Limits of a manual: rows per section and characters per field.
const (
	MaxAttachmentSize    = 10 << 20
	maxManualRows        = 100
	maxManualAttachments = 20
	maxShortText         = 500
	maxNoteText          = 2000
	maxLongText          = 20000
	maxDuration          = 100000
)

// Normalize trims every text, turns CRLF into LF in multi-line texts and
// drops rows left wholly empty by the form.
func (c *ManualContent) Normalize() {
	c.Name, c.AgencyName, c.ReferenceName = cleanText(c.Name), cleanText(c.AgencyName), cleanText(c.ReferenceName)
	c.Criteria, c.Remarks = cleanMultiline(c.Criteria), cleanMultiline(c.Remarks)
	c.LegalBases = dropEmpty(c.LegalBases, func(b *LegalBasis) bool {
		b.Kind, b.Name, b.Section = cleanText(b.Kind), cleanText(b.Name), cleanText(b.Section)
		return *b == LegalBasis{}
	})
	areas := c.ServiceAreas[:0:0]
	for _, a := range c.ServiceAreas {
		if a = ServiceArea(strings.TrimSpace(string(a))); a != "" && !containsArea(areas, a) {
			areas = append(areas, a)
		}
	}
	c.ServiceAreas = areas
	c.TimeLimit.Law = cleanText(c.TimeLimit.Law)
	c.Channels = dropEmpty(c.Channels, func(ch *ServiceChannel) bool {
		ch.Place, ch.Phone, ch.Hours = cleanText(ch.Place), cleanText(ch.Phone), cleanText(ch.Hours)
		ch.URL, ch.Note = strings.TrimSpace(ch.URL), cleanMultiline(ch.Note)
		return ch.Place == "" && ch.Phone == "" && ch.Hours == "" && ch.URL == "" && ch.Note == ""
	})
	c.Steps = dropEmpty(c.Steps, func(s *Step) bool {
		s.Detail, s.Responsible, s.Note = cleanMultiline(s.Detail), cleanText(s.Responsible), cleanMultiline(s.Note)
		return s.Type == "" && s.Detail == "" && s.Duration == 0 && s.Responsible == "" && s.Note == ""
	})
	c.Documents = dropEmpty(c.Documents, func(d *Document) bool {
		d.Name, d.Issuer, d.Note = cleanText(d.Name), cleanText(d.Issuer), cleanMultiline(d.Note)
		return d.Name == "" && d.Issuer == "" && d.Originals == 0 && d.Copies == 0 && d.Note == ""
	})
	c.Fees = dropEmpty(c.Fees, func(f *Fee) bool {
		f.Detail, f.Note = cleanMultiline(f.Detail), cleanMultiline(f.Note)
		return f.Detail == "" && f.Amount == 0 && f.Note == ""
	})
	c.Complaints = dropEmpty(c.Complaints, func(x *ComplaintChannel) bool {
		x.Channel, x.Detail = cleanText(x.Channel), cleanMultiline(x.Detail)
		return *x == ComplaintChannel{}
	})
	for i := range c.Attachments {
		c.Attachments[i].Name = cleanText(c.Attachments[i].Name)
	}
}

func containsArea(list []ServiceArea, a ServiceArea) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// dropEmpty cleans each row with clean, which reports whether the row is
// empty, and keeps the rows that are not.
func dropEmpty[T any](rows []T, clean func(*T) bool) []T {
	out := rows[:0:0]
	for i := range rows {
		r := rows[i]
		if !clean(&r) {
			out = append(out, r)
		}
	}
	return out
}

// cleanMultiline keeps line breaks (at most one blank line in a row), trims
// each line's ends and drops control and zero-width characters.
func cleanMultiline(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var lines []string
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		var b strings.Builder
		for _, r := range line {
			switch {
			case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			case r == '\t':
				b.WriteByte(' ')
			case unicode.IsControl(r):
			default:
				b.WriteRune(r)
			}
		}
		l := strings.TrimRightFunc(b.String(), unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 || len(lines) == 0 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// ValidateDraft checks what any saved draft must satisfy: known codes,
// non-negative and finite numbers, lengths and row counts. A draft may be
// incomplete.
func (c *ManualContent) ValidateDraft() error {
	var v validation
	c.check(&v, false)
	return v.err("คู่มือสำหรับประชาชน", "citizen manual")
}

// Validate checks a manual for submission: everything ValidateDraft checks,
// and that every required section is filled in: name, service type, category,
// at least one legal basis, channel, step and complaint channel, and at least
// one document or NoDocuments.
func (c *ManualContent) Validate() error {
	var v validation
	c.check(&v, true)
	return v.err("คู่มือสำหรับประชาชน", "citizen manual")
}

// manualCheck adds field errors that name the section in both languages.
type manualCheck struct {
	v        *validation
	complete bool
}

func (m manualCheck) tooLong(field, sectionTH, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		m.v.add(field, fmt.Sprintf("%s ยาวเกิน %d ตัวอักษร (%d ตัวอักษร)", sectionTH, max, n),
			fmt.Sprintf("%s is longer than %d characters (%d).", fieldLabelEN(field), max, n))
	}
}

func (m manualCheck) tooMany(field, sectionTH string, n, max int) {
	if n > max {
		m.v.add(field, fmt.Sprintf("%s ระบุได้ไม่เกิน %d รายการ", sectionTH, max), fmt.Sprintf("%s: at most %d rows.", fieldLabelEN(field), max))
	}
}

// number checks a non-negative finite quantity.
func (m manualCheck) number(field, what string, x float64, max float64) {
	en := fieldLabelEN(field)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		m.v.add(field, what+"ต้องเป็นตัวเลข", en+" must be a number.")
	case x < 0:
		m.v.add(field, what+"ต้องไม่ติดลบ", en+" must not be negative.")
	case x > max:
		m.v.add(field, fmt.Sprintf("%sต้องไม่เกิน %s", what, formatNumber(max)), fmt.Sprintf("%s must be at most %s.", en, formatNumber(max)))
	}
}

func (m manualCheck) required(field, th, en string, missing bool) {
	if m.complete && missing {
		m.v.add(field, th, en)
	}
}

func row(section string, i int) string { return fmt.Sprintf("%s[%d]", section, i) }

// rowNamesEN name one row of each repeated section in English.
var rowNamesEN = map[string]string{"legal_bases": "Law", "channels": "Channel", "steps": "Step",
	"documents": "Document", "fees": "Fee", "complaints": "Complaint channel", "attachments": "Attachment"}

// fieldLabelEN names a field key in English: "steps[2].duration" → "Step 3,
// duration"; "time_limit.value" → "Legal time limit, value".
func fieldLabelEN(field string) string {
	head, sub, _ := strings.Cut(field, ".")
	name := head
	if i := strings.IndexByte(head, '['); i > 0 && strings.HasSuffix(head, "]") {
		n, err := strconv.Atoi(head[i+1 : len(head)-1])
		if rn, ok := rowNamesEN[head[:i]]; ok && err == nil {
			name = rn + " " + strconv.Itoa(n+1)
		}
	} else {
		for _, s := range ManualSections {
			if s.Key == head {
				name = s.EN
			}
		}
	}
	if sub != "" {
		name += ", " + strings.ReplaceAll(sub, "_", " ")
	}
	return name
}

func (c *ManualContent) check(v *validation, complete bool) {
	m := manualCheck{v, complete}

	m.required("name", "กรุณากรอกชื่อกระบวนงาน (หัวข้อ 1)", "Enter the process name (section 1).", c.Name == "")
	m.tooLong("name", "ชื่อกระบวนงาน", c.Name, maxShortText)
	if c.Name != "" && !hasThai(c.Name) {
		v.add("name", "ชื่อกระบวนงานต้องมีอักษรไทย", "The process name must contain Thai letters.")
	}
	m.tooLong("agency_name", "หน่วยงานเจ้าของกระบวนงาน", c.AgencyName, maxShortText)

	m.required("service_type", "กรุณาเลือกประเภทของงานบริการ (หัวข้อ 3)", "Choose the service type (section 3).", c.ServiceType == "")
	if c.ServiceType != "" && !c.ServiceType.Valid() {
		v.add("service_type", "ประเภทของงานบริการไม่ถูกต้อง", "Unknown service type.")
	}
	m.required("category", "กรุณาเลือกหมวดหมู่ของงานบริการ (หัวข้อ 4)", "Choose the service category (section 4).", c.Category == "")
	if c.Category != "" && !c.Category.Valid() {
		v.add("category", "หมวดหมู่ของงานบริการไม่ถูกต้อง", "Unknown service category.")
	}

	m.required("legal_bases", "กรุณาระบุกฎหมายที่ให้อำนาจการอนุญาตหรือที่เกี่ยวข้องอย่างน้อย 1 ฉบับ (หัวข้อ 5)",
		"List at least one law that grants the power or bears on the process (section 5).", len(c.LegalBases) == 0)
	m.tooMany("legal_bases", "กฎหมายที่เกี่ยวข้อง", len(c.LegalBases), maxManualRows)
	for i, b := range c.LegalBases {
		f, n := row("legal_bases", i), i+1
		m.required(f+".name", fmt.Sprintf("กรุณากรอกชื่อกฎหมายลำดับที่ %d", n), fmt.Sprintf("Enter the name of law %d.", n), b.Name == "")
		m.tooLong(f+".kind", fmt.Sprintf("ประเภทกฎหมายลำดับที่ %d", n), b.Kind, 100)
		m.tooLong(f+".name", fmt.Sprintf("ชื่อกฎหมายลำดับที่ %d", n), b.Name, maxShortText)
		m.tooLong(f+".section", fmt.Sprintf("มาตราของกฎหมายลำดับที่ %d", n), b.Section, maxShortText)
		if b.YearBE != 0 && (b.YearBE < 2400 || b.YearBE > 2700) {
			v.add(f+".year_be", fmt.Sprintf("ปีของกฎหมายลำดับที่ %d ต้องเป็นปีพุทธศักราช เช่น 2558", n),
				fmt.Sprintf("The year of law %d must be a Buddhist Era year, such as 2558.", n))
		}
	}

	if c.Impact != "" && !c.Impact.Valid() {
		v.add("impact", "ระดับผลกระทบไม่ถูกต้อง", "Unknown impact level.")
	}
	for _, a := range c.ServiceAreas {
		if !a.Valid() {
			v.add("service_areas", "พื้นที่ให้บริการไม่ถูกต้อง", "Unknown service area.")
			break
		}
	}

	m.tooLong("time_limit.law", "กฎหมายที่กำหนดระยะเวลา", c.TimeLimit.Law, maxShortText)
	m.number("time_limit.value", "ระยะเวลาที่กำหนดตามกฎหมาย", float64(c.TimeLimit.Value), maxDuration)
	if c.TimeLimit.Unit != "" && !c.TimeLimit.Unit.Valid() {
		v.add("time_limit.unit", "หน่วยของระยะเวลาที่กำหนดตามกฎหมายไม่ถูกต้อง", "Unknown unit of the legal time limit.")
	}
	m.required("time_limit.unit", "กรุณาเลือกหน่วยของระยะเวลาที่กำหนดตามกฎหมาย (หัวข้อ 8)",
		"Choose the unit of the legal time limit (section 8).", c.TimeLimit.Value > 0 && c.TimeLimit.Unit == "")

	st := c.Stats
	m.number("stats.avg_per_month", "จำนวนเฉลี่ยต่อเดือน", float64(st.AvgPerMonth), 1e9)
	m.number("stats.max", "จำนวนคำขอที่มากที่สุด", float64(st.Max), 1e9)
	m.number("stats.min", "จำนวนคำขอที่น้อยที่สุด", float64(st.Min), 1e9)
	if st.Max > 0 && st.Min > st.Max {
		v.add("stats.min", "จำนวนคำขอที่น้อยที่สุดต้องไม่มากกว่าจำนวนที่มากที่สุด", "The minimum must not exceed the maximum.")
	}
	m.tooLong("reference_name", "ชื่ออ้างอิงของคู่มือ", c.ReferenceName, maxShortText)

	m.required("channels", "กรุณาระบุช่องทางการให้บริการอย่างน้อย 1 ช่องทาง (หัวข้อ 11)",
		"List at least one service channel (section 11).", len(c.Channels) == 0)
	m.tooMany("channels", "ช่องทางการให้บริการ", len(c.Channels), maxManualRows)
	for i, ch := range c.Channels {
		f, n := row("channels", i), i+1
		if ch.Kind != "" && !ch.Kind.Valid() {
			v.add(f+".kind", fmt.Sprintf("ประเภทของช่องทางการให้บริการที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown kind of channel %d.", n))
		}
		m.required(f+".kind", fmt.Sprintf("กรุณาเลือกประเภทของช่องทางการให้บริการที่ %d", n), fmt.Sprintf("Choose the kind of channel %d.", n), ch.Kind == "")
		m.required(f+".place", fmt.Sprintf("กรุณากรอกสถานที่ของช่องทางการให้บริการที่ %d", n),
			fmt.Sprintf("Enter the place of channel %d.", n), ch.Kind == ChannelCounter && ch.Place == "")
		m.required(f+".url", fmt.Sprintf("กรุณากรอกที่อยู่เว็บไซต์ของช่องทางออนไลน์ที่ %d", n),
			fmt.Sprintf("Enter the web address of online channel %d.", n), ch.Kind == ChannelOnline && ch.URL == "")
		if ch.URL != "" && !validWebURL(ch.URL) {
			v.add(f+".url", fmt.Sprintf("ที่อยู่เว็บไซต์ของช่องทางที่ %d ต้องขึ้นต้นด้วย http:// หรือ https://", n),
				fmt.Sprintf("The web address of channel %d must start with http:// or https://.", n))
		}
		m.tooLong(f+".place", fmt.Sprintf("สถานที่ของช่องทางที่ %d", n), ch.Place, maxShortText)
		m.tooLong(f+".phone", fmt.Sprintf("โทรศัพท์ของช่องทางที่ %d", n), ch.Phone, 200)
		m.tooLong(f+".hours", fmt.Sprintf("ระยะเวลาเปิดให้บริการของช่องทางที่ %d", n), ch.Hours, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของช่องทางที่ %d", n), ch.Note, maxNoteText)
	}

	m.tooLong("criteria", "หลักเกณฑ์ วิธีการ เงื่อนไข", c.Criteria, maxLongText)

	m.required("steps", "กรุณาระบุขั้นตอนการให้บริการอย่างน้อย 1 ขั้นตอน (หัวข้อ 13)",
		"List at least one step (section 13).", len(c.Steps) == 0)
	m.tooMany("steps", "ขั้นตอน", len(c.Steps), maxManualRows)
	for i, s := range c.Steps {
		f, n := row("steps", i), i+1
		if s.Type != "" && !s.Type.Valid() {
			v.add(f+".type", fmt.Sprintf("ประเภทของขั้นตอนที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown type of step %d.", n))
		}
		m.required(f+".type", fmt.Sprintf("กรุณาเลือกประเภทของขั้นตอนที่ %d", n), fmt.Sprintf("Choose the type of step %d.", n), s.Type == "")
		m.required(f+".detail", fmt.Sprintf("กรุณากรอกรายละเอียดของขั้นตอนที่ %d", n), fmt.Sprintf("Describe step %d.", n), s.Detail == "")
		m.number(f+".duration", fmt.Sprintf("ระยะเวลาของขั้นตอนที่ %d ", n), s.Duration, maxDuration)
		if s.Unit != "" && !s.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยระยะเวลาของขั้นตอนที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown duration unit of step %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยระยะเวลาของขั้นตอนที่ %d", n), fmt.Sprintf("Choose the duration unit of step %d.", n), s.Unit == "")
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดของขั้นตอนที่ %d", n), s.Detail, maxNoteText)
		m.tooLong(f+".responsible", fmt.Sprintf("ส่วนที่รับผิดชอบของขั้นตอนที่ %d", n), s.Responsible, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของขั้นตอนที่ %d", n), s.Note, maxNoteText)
	}

	m.required("documents", "กรุณาระบุเอกสารหลักฐานประกอบอย่างน้อย 1 รายการ หรือเลือก \"ไม่ต้องใช้เอกสาร\" (หัวข้อ 15)",
		"List at least one document, or tick \"no documents needed\" (section 15).", len(c.Documents) == 0 && !c.NoDocuments)
	m.required("documents", "เลือก \"ไม่ต้องใช้เอกสาร\" แล้ว แต่ยังมีรายการเอกสารอยู่ กรุณาเลือกอย่างใดอย่างหนึ่ง",
		"\"No documents needed\" is ticked but documents are listed; choose one.", len(c.Documents) > 0 && c.NoDocuments)
	m.tooMany("documents", "เอกสารหลักฐาน", len(c.Documents), maxManualRows)
	for i, d := range c.Documents {
		f, n := row("documents", i), i+1
		if d.Group != "" && !d.Group.Valid() {
			v.add(f+".group", fmt.Sprintf("กลุ่มของเอกสารลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown group of document %d.", n))
		}
		m.required(f+".group", fmt.Sprintf("กรุณาเลือกกลุ่มของเอกสารลำดับที่ %d", n), fmt.Sprintf("Choose the group of document %d.", n), d.Group == "")
		m.required(f+".name", fmt.Sprintf("กรุณากรอกชื่อเอกสารลำดับที่ %d", n), fmt.Sprintf("Enter the name of document %d.", n), d.Name == "")
		m.tooLong(f+".name", fmt.Sprintf("ชื่อเอกสารลำดับที่ %d", n), d.Name, maxShortText)
		m.tooLong(f+".issuer", fmt.Sprintf("หน่วยงานผู้ออกเอกสารลำดับที่ %d", n), d.Issuer, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของเอกสารลำดับที่ %d", n), d.Note, maxNoteText)
		m.number(f+".originals", fmt.Sprintf("จำนวนฉบับจริงของเอกสารลำดับที่ %d ", n), float64(d.Originals), 1000)
		m.number(f+".copies", fmt.Sprintf("จำนวนสำเนาของเอกสารลำดับที่ %d ", n), float64(d.Copies), 1000)
		m.required(f+".copies", fmt.Sprintf("กรุณาระบุจำนวนฉบับจริงหรือสำเนาของเอกสารลำดับที่ %d", n),
			fmt.Sprintf("Give the number of originals or copies of document %d.", n), d.Originals <= 0 && d.Copies <= 0)
		if d.Unit != "" && !d.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยนับของเอกสารลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown unit of document %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยนับของเอกสารลำดับที่ %d", n), fmt.Sprintf("Choose the unit of document %d.", n), d.Unit == "")
	}

	m.tooMany("fees", "ค่าธรรมเนียม", len(c.Fees), maxManualRows)
	for i, fee := range c.Fees {
		f, n := row("fees", i), i+1
		m.required(f+".detail", fmt.Sprintf("กรุณากรอกรายละเอียดค่าธรรมเนียมลำดับที่ %d", n), fmt.Sprintf("Describe fee %d.", n), fee.Detail == "")
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดค่าธรรมเนียมลำดับที่ %d", n), fee.Detail, maxNoteText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของค่าธรรมเนียมลำดับที่ %d", n), fee.Note, maxNoteText)
		if fee.Unit != "" && !fee.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยของค่าธรรมเนียมลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown unit of fee %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยของค่าธรรมเนียมลำดับที่ %d (บาท หรือ ร้อยละ)", n),
			fmt.Sprintf("Choose the unit of fee %d (baht or percent).", n), fee.Unit == "")
		limit := 1e12
		if fee.Unit == FeePercent {
			limit = 100
		}
		m.number(f+".amount", fmt.Sprintf("ค่าธรรมเนียมลำดับที่ %d ", n), fee.Amount, limit)
	}

	m.required("complaints", "กรุณาระบุช่องทางการร้องเรียนอย่างน้อย 1 ช่องทาง (หัวข้อ 17)",
		"List at least one complaint channel (section 17).", len(c.Complaints) == 0)
	m.tooMany("complaints", "ช่องทางการร้องเรียน", len(c.Complaints), maxManualRows)
	for i, x := range c.Complaints {
		f, n := row("complaints", i), i+1
		m.required(f+".channel", fmt.Sprintf("กรุณากรอกชื่อช่องทางการร้องเรียนที่ %d", n), fmt.Sprintf("Name complaint channel %d.", n), x.Channel == "")
		m.required(f+".detail", fmt.Sprintf("กรุณาแก้ไขรายละเอียดช่องทางการร้องเรียนที่ %d ให้เป็นข้อมูลของหน่วยงาน", n),
			fmt.Sprintf("Replace the placeholder of complaint channel %d with the agency's details.", n), x.Detail == ComplaintPlaceholder)
		m.tooLong(f+".channel", fmt.Sprintf("ช่องทางการร้องเรียนที่ %d", n), x.Channel, maxShortText)
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดช่องทางการร้องเรียนที่ %d", n), x.Detail, maxNoteText)
	}

	m.tooMany("attachments", "แบบฟอร์ม", len(c.Attachments), maxManualAttachments)
	for i, a := range c.Attachments {
		f, n := row("attachments", i), i+1
		switch {
		case a.Name == "" || a.Key == "":
			v.add(f, fmt.Sprintf("ไฟล์แนบลำดับที่ %d ไม่สมบูรณ์ กรุณาอัปโหลดใหม่", n), fmt.Sprintf("Attachment %d is incomplete; upload it again.", n))
		case !allowedAttachmentType(a.ContentType):
			v.add(f, fmt.Sprintf("ไฟล์แนบ \"%s\" ต้องเป็นไฟล์ PDF, PNG หรือ JPEG", a.Name), fmt.Sprintf("The attachment \"%s\" must be a PDF, PNG or JPEG file.", a.Name))
		case a.Size <= 0 || a.Size > MaxAttachmentSize:
			v.add(f, fmt.Sprintf("ไฟล์แนบ \"%s\" ต้องมีขนาดไม่เกิน 10 MB", a.Name), fmt.Sprintf("The attachment \"%s\" must be at most 10 MB.", a.Name))
		}
		m.tooLong(f+".name", fmt.Sprintf("ชื่อไฟล์แนบลำดับที่ %d", n), a.Name, 255)
	}

	m.tooLong("remarks", "หมายเหตุ", c.Remarks, maxLongText)
}

// Attachment content types admitted by CheckAttachment.
const (
	TypePDF  = "application/pdf"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
)

func allowedAttachmentType(t string) bool { return t == TypePDF || t == TypePNG || t == TypeJPEG }

// CheckAttachment admits a file for section 18 by its first bytes (head:
// at least the first 8 bytes of the file) and its size: a PDF, PNG or JPEG
// of at most MaxAttachmentSize. The file name's extension is not trusted;
// the content type returned is the one the bytes show.
func CheckAttachment(name string, head []byte, size int64) (contentType string, err error) {
	name = cleanText(name)
	shown := name
	if shown == "" {
		shown = "ที่แนบ"
	}
	invalid := func(th, en string) (string, error) {
		return "", &Error{Code: EINVALID, TH: th, EN: en,
			Fields: []FieldError{{Field: "attachments", TH: th, EN: en}}}
	}
	switch {
	case name == "":
		return invalid("ไฟล์แนบต้องมีชื่อไฟล์", "The attachment has no file name.")
	case utf8.RuneCountInString(name) > 255:
		return invalid("ชื่อไฟล์แนบยาวเกิน 255 ตัวอักษร", "The attachment's file name is longer than 255 characters.")
	case size <= 0 || len(head) == 0:
		return invalid(fmt.Sprintf("ไฟล์ \"%s\" ว่างเปล่า", shown), fmt.Sprintf("The file \"%s\" is empty.", name))
	case size > MaxAttachmentSize:
		return invalid(fmt.Sprintf("ไฟล์ \"%s\" มีขนาด %s เกินขนาดสูงสุด 10 MB", shown, formatSize(size)),
			fmt.Sprintf("The file \"%s\" is %s; the largest allowed is 10 MB.", name, formatSize(size)))
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG, nil
	}
	return invalid(fmt.Sprintf("ไฟล์ \"%s\" ไม่ใช่ไฟล์ PDF, PNG หรือ JPEG (ตรวจจากเนื้อหาของไฟล์ ไม่ใช่นามสกุล) กรุณาแปลงเป็น PDF แล้วแนบใหม่", shown),
		fmt.Sprintf("The file \"%s\" is not a PDF, PNG or JPEG file (judged by its content, not its name); convert it to PDF and attach it again.", name))
}

// formatSize writes a byte count as "850 KB" or "12.5 MB".
func formatSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
}

// formatNumber writes x with at most two decimals and no trailing zeros.
func formatNumber(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// WorkingHoursPerDay is how many working hours make one day when a manual's
// total duration is summed: 08:30–16:30 with an hour's lunch (OfficeHours).
const WorkingHoursPerDay = 7

// DurationTotal is a manual's total duration (ระยะเวลาดำเนินการรวม), in the
// units the steps use.
type DurationTotal struct {
	BusinessDays float64 // วันทำการ
	Days         float64 // วัน (calendar days)
	Hours        float64
	Minutes      float64
}

// Total sums the steps' durations. The rule:
//
//   - Minutes and hours add up as working time: 60 minutes make an hour.
//   - Business days (วันทำการ) and calendar days (วัน) are kept apart: one
//     cannot be turned into the other without a calendar.
//   - When some step is counted in days, the working time is folded into
//     whole days of WorkingHoursPerDay (7) hours: into business days when
//     there are any, else into days; what is left stays as hours and
//     minutes. When no step is counted in days, the hours stay hours
//     ("10 ชั่วโมง", not "1 วัน 3 ชั่วโมง").
//
// Steps with no unit or an unknown unit, or an invalid duration, count for
// nothing.
func (c ManualContent) Total() DurationTotal {
	var t DurationTotal
	var work float64 // minutes
	for _, s := range c.Steps {
		d := s.Duration
		if math.IsNaN(d) || math.IsInf(d, 0) || d < 0 {
			continue
		}
		switch s.Unit {
		case UnitMinute:
			work += d
		case UnitHour:
			work += d * 60
		case UnitDay:
			t.Days += d
		case UnitBusinessDay:
			t.BusinessDays += d
		}
	}
	work = math.Round(work*1e6) / 1e6
	if t.BusinessDays > 0 || t.Days > 0 {
		whole := math.Floor(work / (WorkingHoursPerDay * 60))
		work -= whole * WorkingHoursPerDay * 60
		if t.BusinessDays > 0 {
			t.BusinessDays += whole
		} else {
			t.Days += whole
		}
	}
	t.Hours = math.Floor(work / 60)
	t.Minutes = math.Round((work-t.Hours*60)*1e6) / 1e6
	return t
}

// IsZero reports whether the total is nothing at all.
func (t DurationTotal) IsZero() bool {
	return t.BusinessDays == 0 && t.Days == 0 && t.Hours == 0 && t.Minutes == 0
}

// Text writes the total in lang, "ระยะเวลาดำเนินการรวม 15 วันทำการ" or
// "Total time: 1 hour 30 minutes"; "" when the total is zero.
func (t DurationTotal) Text(lang string) string {
	if t.IsZero() {
		return ""
	}
	var parts []string
	add := func(x float64, u DurationUnit) {
		if x > 0 {
			parts = append(parts, formatNumber(x)+" "+u.Label(lang))
		}
	}
	add(t.BusinessDays, UnitBusinessDay)
	add(t.Days, UnitDay)
	add(t.Hours, UnitHour)
	add(t.Minutes, UnitMinute)
	if lang == "en" {
		return "Total time: " + strings.Join(parts, " ")
	}
	return "ระยะเวลาดำเนินการรวม " + strings.Join(parts, " ")
}

// TotalDuration returns the total of the steps (see Total for the rule):
// days counts calendar and business days together (Total tells them apart),
// and text is the Thai line printed under the steps.
func (c ManualContent) TotalDuration() (days, hours, minutes float64, text string) {
	t := c.Total()
	return t.Days + t.BusinessDays, t.Hours, t.Minutes, t.Text("th")
}

// ManualSection names one section of the template: Key is the field-error
// prefix and the DiffSections key, No the number printed in the manual.
type ManualSection struct {
	Key    string
	No     int
	TH, EN string
}

// ManualSections lists the sections in the template's order (DOMAIN.md §1).
var ManualSections = []ManualSection{
	{"name", 1, "ชื่อกระบวนงาน", "Process name"},
	{"agency_name", 2, "หน่วยงานเจ้าของกระบวนงาน", "Owning agency"},
	{"service_type", 3, "ประเภทของงานบริการ", "Service type"},
	{"category", 4, "หมวดหมู่ของงานบริการ", "Service category"},
	{"legal_bases", 5, "กฎหมายที่ให้อำนาจการอนุญาต หรือที่เกี่ยวข้อง", "Legal basis"},
	{"impact", 6, "ระดับผลกระทบ", "Impact level"},
	{"service_areas", 7, "พื้นที่ให้บริการ", "Service area"},
	{"time_limit", 8, "กฎหมายข้อบังคับ/ข้อตกลงที่กำหนดระยะเวลา", "Legal time limit"},
	{"stats", 9, "ข้อมูลสถิติ", "Statistics"},
	{"reference_name", 10, "ชื่ออ้างอิงของคู่มือประชาชน", "Reference name"},
	{"channels", 11, "ช่องทางการให้บริการ", "Service channels"},
	{"criteria", 12, "หลักเกณฑ์ วิธีการ เงื่อนไข (ถ้ามี) ในการยื่นคำขอ และในการพิจารณาอนุญาต", "Criteria, methods and conditions"},
	{"steps", 13, "ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ", "Steps, durations and responsible units"},
	{"reduced_steps", 14, "งานบริการนี้ผ่านการดำเนินการลดขั้นตอน และระยะเวลาปฏิบัติราชการมาแล้ว", "Steps and time already reduced"},
	{"documents", 15, "รายการเอกสารหลักฐานประกอบ", "Required documents"},
	{"fees", 16, "ค่าธรรมเนียม", "Fees"},
	{"complaints", 17, "ช่องทางการร้องเรียน", "Complaint channels"},
	{"attachments", 18, "แบบฟอร์ม ตัวอย่าง และคู่มือการกรอก", "Forms, samples and filling guides"},
	{"remarks", 19, "หมายเหตุ", "Remarks"},
}

// SectionDiff compares one section of two revisions, rendered as text.
type SectionDiff struct {
	Section          string // ManualSection.Key
	TitleTH, TitleEN string
	Changed          bool
	Before, After    string
}

// DiffSections renders every section of a (before) and b (after) as Thai
// text, for the compare view, in the template's order.
func DiffSections(a, b ManualContent) []SectionDiff {
	out := make([]SectionDiff, len(ManualSections))
	for i, s := range ManualSections {
		before, after := a.SectionText(s.Key), b.SectionText(s.Key)
		out[i] = SectionDiff{Section: s.Key, TitleTH: s.TH, TitleEN: s.EN, Changed: before != after, Before: before, After: after}
	}
	return out
}

// SectionText renders one section (by ManualSection.Key) as plain Thai text,
// as the manual prints it; "-" for an empty section.
func (c ManualContent) SectionText(key string) string {
	var b strings.Builder
	line := func(format string, args ...any) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, format, args...)
	}
	opt := func(label, s string) string {
		if s == "" {
			return ""
		}
		return " " + label + s
	}
	switch key {
	case "name":
		b.WriteString(c.Name)
	case "agency_name":
		b.WriteString(c.AgencyName)
	case "service_type":
		if c.ServiceType != "" {
			b.WriteString(c.ServiceType.Label("th"))
		}
	case "category":
		if c.Category != "" {
			b.WriteString(c.Category.Label("th"))
		}
	case "legal_bases":
		for i, l := range c.LegalBases {
			s := strings.TrimSpace(l.Kind + l.Name)
			if l.YearBE != 0 {
				s += " พ.ศ. " + strconv.Itoa(l.YearBE)
			}
			line("%d) %s%s", i+1, s, opt("", l.Section))
		}
	case "impact":
		if c.Impact != "" {
			b.WriteString(c.Impact.Label("th"))
		}
	case "service_areas":
		names := make([]string, len(c.ServiceAreas))
		for i, a := range c.ServiceAreas {
			names[i] = a.Label("th")
		}
		b.WriteString(strings.Join(names, ", "))
	case "time_limit":
		if c.TimeLimit.Law != "" {
			line("%s", c.TimeLimit.Law)
		}
		if c.TimeLimit.Value > 0 {
			line("ระยะเวลาที่กำหนดตามกฎหมาย / ข้อกำหนด ฯลฯ %d %s", c.TimeLimit.Value, c.TimeLimit.Unit.Label("th"))
		} else if b.Len() > 0 {
			line("ระยะเวลาที่กำหนดตามกฎหมาย / ข้อกำหนด ฯลฯ ไม่มี")
		}
	case "stats":
		if c.Stats != (Stats{}) {
			line("จำนวนเฉลี่ยต่อเดือน %d", c.Stats.AvgPerMonth)
			line("จำนวนคำขอที่มากที่สุด %d", c.Stats.Max)
			line("จำนวนคำขอที่น้อยที่สุด %d", c.Stats.Min)
		}
	case "reference_name":
		b.WriteString(c.ReferenceName)
	case "channels":
		for i, ch := range c.Channels {
			head := ch.Place
			if ch.Kind == ChannelOnline && ch.URL != "" {
				head = strings.TrimSpace(ch.Place + " " + ch.URL)
			}
			line("%d) %s: %s", i+1, ch.Kind.Label("th"), head)
			if ch.Phone != "" {
				line("   โทรศัพท์ %s", ch.Phone)
			}
			if ch.Hours != "" {
				line("   ระยะเวลาเปิดให้บริการ %s", ch.Hours)
			}
			if ch.Note != "" {
				line("   หมายเหตุ %s", ch.Note)
			}
		}
	case "criteria":
		b.WriteString(c.Criteria)
	case "steps":
		for i, s := range c.Steps {
			line("%d) %s: %s (%s %s)%s%s", i+1, s.Type.Label("th"), s.Detail, formatNumber(s.Duration), s.Unit.Label("th"),
				opt("ส่วนที่รับผิดชอบ: ", s.Responsible), opt("หมายเหตุ: ", s.Note))
		}
		if t := c.Total().Text("th"); t != "" {
			line("%s", t)
		}
	case "reduced_steps":
		if c.ReducedSteps {
			b.WriteString("ใช่")
		} else {
			b.WriteString("ไม่ใช่")
		}
	case "documents":
		if c.NoDocuments {
			b.WriteString("ไม่ต้องใช้เอกสาร")
		}
		for gi, g := range DocumentGroups {
			n := 0
			for _, d := range c.Documents {
				if d.Group != g.Code {
					continue
				}
				if n == 0 {
					line("15.%d %s", gi+1, g.TH)
				}
				n++
				line("%d) %s%s ฉบับจริง %d %s สำเนา %d %s%s", n, d.Name, opt("ออกโดย ", d.Issuer),
					d.Originals, d.Unit.Label("th"), d.Copies, d.Unit.Label("th"), opt("หมายเหตุ: ", d.Note))
			}
		}
		for _, d := range c.Documents { // rows of no known group, while a draft is incomplete
			if !d.Group.Valid() {
				line("- %s", d.Name)
			}
		}
	case "fees":
		if len(c.Fees) == 0 {
			b.WriteString("ไม่มีค่าธรรมเนียม")
		}
		for i, f := range c.Fees {
			amount := formatNumber(f.Amount) + " " + f.Unit.Label("th")
			if f.Unit == FeePercent {
				amount = "ร้อยละ " + formatNumber(f.Amount)
			}
			line("%d) %s %s%s", i+1, f.Detail, amount, opt("หมายเหตุ: ", f.Note))
		}
	case "complaints":
		for i, x := range c.Complaints {
			line("%d) %s%s", i+1, x.Channel, opt("", x.Detail))
		}
	case "attachments":
		for i, a := range c.Attachments {
			line("%d) %s (%s, %s)", i+1, a.Name, attachmentKind(a.ContentType), formatSize(a.Size))
		}
	case "remarks":
		b.WriteString(c.Remarks)
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

func attachmentKind(t string) string {
	switch t {
	case TypePDF:
		return "PDF"
	case TypePNG:
		return "PNG"
	case TypeJPEG:
		return "JPEG"
	}
	return t
}

// SearchTextMax bounds the text of a manual that search indexes: the start
// of a manual says what it is about; its 40th step adds noise, not recall.
const SearchTextMax = 4000

// SearchText is the part of the manual that search indexes besides its
// names: criteria, step details, document names, fee details and legal
// bases, a line each, cut at SearchTextMax bytes (on a character boundary).
// The store keeps it beside the content, so that building the index reads
// text instead of decoding every manual's JSON.
func (c *ManualContent) SearchText() string {
	var b strings.Builder
	line := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	line(c.Criteria)
	for _, s := range c.Steps {
		line(s.Detail)
	}
	for _, d := range c.Documents {
		line(d.Name)
	}
	for _, x := range c.Fees {
		line(x.Detail)
	}
	for _, l := range c.LegalBases {
		line(l.Kind + l.Name)
	}
	return ClipText(b.String(), SearchTextMax)
}

// ClipText cuts s to at most n bytes without splitting a UTF-8 character.
func ClipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut]
}
