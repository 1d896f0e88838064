package openinfo

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
	// FromMonth and ToMonth (yyyymm) are the months the figures were taken
	// from, when they come from the licence reports (StatsFromReports); the
	// public manual says so. Zero when typed in.
	FromMonth int `json:"from_month,omitempty"`
	ToMonth   int `json:"to_month,omitempty"`
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
// as a whole (JSON) and compared section by section (manualtext.DiffSections).
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
	maxManualRows        = 100
	maxManualAttachments = 20
	maxShortText         = 500
	maxNoteText          = 2000
	maxLongText          = 20000
	maxDuration          = 100000
)

// ManualSection names one section of the template: Key is the field-error
// prefix and the manualtext.DiffSections key, No the number printed in the
// manual.
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
