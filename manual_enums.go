package openinfo

// enum is a code with its Thai and English names, for the small lists of a
// manual. Text is embedded so that .TH and .EN still read: the templates'
// lbl looks them up by field name.
type enum[T ~string] struct {
	Code T
	Text
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
			return x.In(lang)
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
	{ServiceSingleUnit, Text{"กระบวนงานบริการที่เบ็ดเสร็จในหน่วยเดียว", "Completed within one unit"}},
	{ServiceMultiAgency, Text{"กระบวนงานบริการที่เชื่อมโยงหลายหน่วยงาน", "Involves several agencies"}},
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
	{CategoryLicence, Text{"ออกใบอนุญาต", "Licence"}},
	{CategoryApproval, Text{"อนุมัติ", "Approval"}},
	{CategoryRegistration, Text{"จดทะเบียน", "Registration"}},
	{CategoryEnrolment, Text{"ขึ้นทะเบียน", "Enrolment"}},
	{CategoryNotification, Text{"รับแจ้ง", "Notification"}},
	{CategoryConcession, Text{"ประทานบัตร", "Concession"}},
	{CategoryPermit, Text{"อาชญาบัตร", "Permit (อาชญาบัตร)"}},
	{CategoryOther, Text{"อื่นๆ", "Other"}},
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
	{ImpactGeneral, Text{"บริการทั่วไป", "General service"}},
	{ImpactEconomicSocial, Text{"บริการที่มีความสำคัญด้านเศรษฐกิจ/สังคม", "Service of economic or social importance"}},
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
	{AreaCentral, Text{"ส่วนกลาง", "Central administration"}},
	{AreaRegional, Text{"ส่วนภูมิภาค", "Regional administration"}},
	{AreaLocal, Text{"ส่วนท้องถิ่น", "Local government"}},
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
	{UnitMinute, Text{"นาที", "minutes"}},
	{UnitHour, Text{"ชั่วโมง", "hours"}},
	{UnitDay, Text{"วัน", "days"}},
	{UnitBusinessDay, Text{"วันทำการ", "business days"}},
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
	{StepDocumentCheck, Text{"การตรวจสอบเอกสาร", "Document check"}},
	{StepConsideration, Text{"การพิจารณา", "Consideration"}},
	{StepSigning, Text{"การลงนาม/คณะกรรมการมีมติ", "Signing or committee resolution"}},
	{StepOther, Text{"อื่นๆ", "Other"}},
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
	{ChannelCounter, Text{"สถานที่ให้บริการ", "Service counter"}},
	{ChannelOnline, Text{"ช่องทางออนไลน์", "Online"}},
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
	{DocIdentity, Text{"เอกสารยืนยันตัวตนที่ออกโดยหน่วยงานภาครัฐ", "Identity documents issued by a government agency"}},
	{DocOther, Text{"เอกสารอื่นๆ", "Other documents"}},
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
	{DocUnitCopy, Text{"ฉบับ", "copies"}},
	{DocUnitSet, Text{"ชุด", "sets"}},
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
	{FeeBaht, Text{"บาท", "baht"}},
	{FeePercent, Text{"ร้อยละ", "percent"}},
}

// Valid reports whether u is a known unit.
func (u FeeUnit) Valid() bool { return enumValid(FeeUnits, u) }

// Label returns the unit's name in lang.
func (u FeeUnit) Label(lang string) string { return enumLabel(FeeUnits, u, lang) }

// LegalKinds are the usual kinds of law for the form's suggestions;
// LegalBasis.Kind is free text because the list is long and changes.
var LegalKinds = []string{"พระราชบัญญัติ", "พระราชกำหนด", "พระราชกฤษฎีกา", "ประมวลกฎหมาย", "กฎกระทรวง",
	"ประกาศ", "ระเบียบ", "ข้อบังคับ", "ข้อบัญญัติ", "เทศบัญญัติ", "มติคณะรัฐมนตรี", "อื่นๆ"}
