package gendata

import (
	"hash/fnv"
	"slices"
	"strings"
)

// Query is a labelled search query for the search benchmark: what a citizen
// types, and which generated manuals answer it. The set was written for this
// project in the four ways people search info.go.th.
type Query struct {
	Text string
	// Kind is how the query is phrased: QueryFormal (the manual's own
	// wording), QueryColloquial (everyday words), QueryMisspelling (typing
	// mistakes common in Thai: tone marks, look-alike letters, missing
	// vowels) or QueryPartial (a fragment, as typed into a search box).
	Kind string
	// Templates are the process templates (procTemplate.code) whose manuals
	// answer the query.
	Templates []string
	// Province, when set, limits the answer to manuals of agencies in that
	// province (openinfo.Province codes: "50" เชียงใหม่).
	Province string
	// Agency, when set, limits the answer to manuals of agencies whose Thai
	// name contains it ("เทศบาลนครเชียงใหม่").
	Agency string
	// Point, when set, limits the answer to manuals pinned to a service
	// point whose Thai name contains it.
	Point string
}

// Query kinds.
const (
	QueryFormal       = "formal"
	QueryColloquial   = "colloquial"
	QueryMisspelling  = "misspelling"
	QueryPartial      = "partial"
	QueryEnglish      = "english"      // English words for a Thai service
	QueryAbbreviation = "abbreviation" // abbreviations and form codes: อบต, ร.ง.4, ตม.30
)

// QueryKinds are the kinds, in the order reports list them.
var QueryKinds = []string{QueryFormal, QueryPartial, QueryColloquial, QueryAbbreviation, QueryEnglish, QueryMisspelling}

// Halves of the query set (Query.Half).
const (
	HalfTuning  = "tuning"
	HalfHeldOut = "held-out"
)

// Half is the half of the query set q belongs to, fixed by its text alone
// (FNV-1a, even: tuning): ranking is tuned on the tuning half and the
// held-out half only measures it. The split was fixed before any tuning
// on the larger set (issue 16) and must not change.
func (q Query) Half() string {
	h := fnv.New32a()
	h.Write([]byte(q.Text))
	if h.Sum32()%2 == 0 {
		return HalfTuning
	}
	return HalfHeldOut
}

// Lookup tells Relevant what it needs about agencies and points. *Dataset
// implements it for a generated data set; a benchmark reading the data back
// from a database can implement it over the imported IDs.
type Lookup interface {
	AgencyProvince(agencyID int64) string // province code of the agency's address
	AgencyName(agencyID int64) string     // Thai name
	PointName(pointID int64) string       // Thai name
}

// Relevant reports whether manual p answers q: its template is one of q's,
// and it meets q's province, agency and point limits. A benchmark computes
// recall@10 and MRR from it over the manuals of the data set, skipping
// queries that no manual answers (a small data set lacks most provinces, and
// branch points differ from seed to seed).
func (q Query) Relevant(p *Process, l Lookup) bool {
	if !slices.Contains(q.Templates, p.Template) {
		return false
	}
	if q.Province != "" && l.AgencyProvince(p.AgencyID) != q.Province {
		return false
	}
	if q.Agency != "" && !strings.Contains(l.AgencyName(p.AgencyID), q.Agency) {
		return false
	}
	if q.Point != "" && !slices.ContainsFunc(p.PointIDs, func(id int64) bool { return strings.Contains(l.PointName(id), q.Point) }) {
		return false
	}
	return true
}

// AgencyProvince returns the province code of a generated agency.
func (ds *Dataset) AgencyProvince(id int64) string {
	if id < 1 || id > int64(len(ds.Agencies)) {
		return ""
	}
	return ds.Agencies[id-1].Contact.Address.ProvinceCode
}

// AgencyName returns the Thai name of a generated agency.
func (ds *Dataset) AgencyName(id int64) string {
	if id < 1 || id > int64(len(ds.Agencies)) {
		return ""
	}
	return ds.Agencies[id-1].NameTH
}

// PointName returns the Thai name of a generated service point.
func (ds *Dataset) PointName(id int64) string {
	if id < 1 || id > int64(len(ds.Points)) {
		return ""
	}
	return ds.Points[id-1].NameTH
}

// Queries returns the labelled query set, the same every time: the first
// set, then the citizens' set (queries_citizen.go).
func Queries() []Query {
	all := append(slices.Clip(queries), citizenQueries...)
	out := make([]Query, len(all))
	for i, q := range all {
		q.Templates = slices.Clone(q.Templates)
		out[i] = q
	}
	return out
}

func tpl(codes ...string) []string { return codes }

var queries = []Query{
	// Formal: the manual's own wording.
	{Text: "การขออนุญาตก่อสร้างอาคาร", Kind: QueryFormal, Templates: tpl("building_permit")},
	{Text: "ขออนุญาตก่อสร้าง เชียงใหม่", Kind: QueryFormal, Templates: tpl("building_permit"), Province: "50"},
	{Text: "การขออนุญาตรื้อถอนอาคาร", Kind: QueryFormal, Templates: tpl("building_demolish")},
	{Text: "การจดทะเบียนพาณิชย์ ตั้งใหม่ บุคคลธรรมดา", Kind: QueryFormal, Templates: tpl("commerce_reg_new")},
	{Text: "การลงทะเบียนและยื่นคำขอรับเงินเบี้ยยังชีพผู้สูงอายุ", Kind: QueryFormal, Templates: tpl("elderly_allowance")},
	{Text: "เบี้ยความพิการ ขอนแก่น", Kind: QueryFormal, Templates: tpl("disability_allowance"), Province: "40"},
	{Text: "ใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ", Kind: QueryFormal, Templates: tpl("health_hazard_licence", "health_hazard_renew")},
	{Text: "การรับแจ้งการเกิด", Kind: QueryFormal, Templates: tpl("birth_registration")},
	{Text: "การรับแจ้งการตาย กรุงเทพมหานคร", Kind: QueryFormal, Templates: tpl("death_registration"), Province: "10"},
	{Text: "การขอมีบัตรประจำตัวประชาชนใหม่", Kind: QueryFormal, Templates: tpl("idcard_renew")},
	{Text: "การจดทะเบียนสมรส", Kind: QueryFormal, Templates: tpl("marriage_registration")},
	{Text: "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", Kind: QueryFormal, Templates: tpl("driving_licence_new")},
	{Text: "การชำระภาษีรถประจำปี", Kind: QueryFormal, Templates: tpl("vehicle_tax")},
	{Text: "การจดทะเบียนขายที่ดิน", Kind: QueryFormal, Templates: tpl("land_sale")},
	{Text: "การจดทะเบียนจัดตั้งบริษัทจำกัด", Kind: QueryFormal, Templates: tpl("company_registration")},
	{Text: "ใบอนุญาตประกอบกิจการโรงงาน", Kind: QueryFormal, Templates: tpl("factory_licence")},
	{Text: "การขออนุญาตทำงานของคนต่างด้าว", Kind: QueryFormal, Templates: tpl("alien_work_permit", "alien_work_permit_renew")},
	{Text: "ประโยชน์ทดแทนกรณีว่างงาน", Kind: QueryFormal, Templates: tpl("sso_unemployment")},
	{Text: "การขอหนังสือเดินทางธรรมดา", Kind: QueryFormal, Templates: tpl("passport")},
	{Text: "ขึ้นทะเบียนเกษตรกร", Kind: QueryFormal, Templates: tpl("farmer_registration")},
	{Text: "การขออนุญาตขายยาแผนปัจจุบัน", Kind: QueryFormal, Templates: tpl("drugstore_licence")},
	{Text: "การยื่นแบบแสดงรายการภาษีป้าย", Kind: QueryFormal, Templates: tpl("signboard_tax")},
	{Text: "ภาษีที่ดินและสิ่งปลูกสร้าง สงขลา", Kind: QueryFormal, Templates: tpl("land_building_tax", "land_tax_objection"), Province: "90"},
	{Text: "การแจ้งการถมดิน", Kind: QueryFormal, Templates: tpl("filling_notify")},
	{Text: "การขออนุญาตประกอบธุรกิจโรงแรม", Kind: QueryFormal, Templates: tpl("hotel_licence")},
	{Text: "การขอรับใบอนุญาตเป็นมัคคุเทศก์", Kind: QueryFormal, Templates: tpl("tour_guide_licence")},

	// Colloquial: everyday words, not the manual's.
	{Text: "สร้างบ้าน ต้องขออนุญาตไหม", Kind: QueryColloquial, Templates: tpl("building_permit", "building_notify_39bis")},
	{Text: "ต่อเติมบ้าน", Kind: QueryColloquial, Templates: tpl("building_modify")},
	{Text: "ทำใบขับขี่", Kind: QueryColloquial, Templates: tpl("driving_licence_new", "motorcycle_licence_new")},
	{Text: "ต่อใบขับขี่ เชียงใหม่", Kind: QueryColloquial, Templates: tpl("driving_licence_renew"), Province: "50"},
	{Text: "ต่อภาษีรถ", Kind: QueryColloquial, Templates: tpl("vehicle_tax")},
	{Text: "โอนรถ", Kind: QueryColloquial, Templates: tpl("vehicle_transfer")},
	{Text: "แจ้งเกิดลูก", Kind: QueryColloquial, Templates: tpl("birth_registration")},
	{Text: "ย้ายทะเบียนบ้าน", Kind: QueryColloquial, Templates: tpl("move_in", "move_out", "move_destination")},
	{Text: "บัตรประชาชนหาย", Kind: QueryColloquial, Templates: tpl("idcard_renew", "lost_document_report")},
	{Text: "เปลี่ยนชื่อ", Kind: QueryColloquial, Templates: tpl("name_change")},
	{Text: "จดทะเบียนแต่งงาน", Kind: QueryColloquial, Templates: tpl("marriage_registration")},
	{Text: "เบี้ยคนแก่", Kind: QueryColloquial, Templates: tpl("elderly_allowance")},
	{Text: "เงินเด็กแรกเกิด", Kind: QueryColloquial, Templates: tpl("newborn_grant")},
	{Text: "เปิดร้านอาหาร", Kind: QueryColloquial, Templates: tpl("food_shop_licence", "food_shop_notice")},
	{Text: "เปิดร้านขายยา", Kind: QueryColloquial, Templates: tpl("drugstore_licence")},
	{Text: "ทำพาสปอร์ต", Kind: QueryColloquial, Templates: tpl("passport")},
	{Text: "จดบริษัท", Kind: QueryColloquial, Templates: tpl("company_registration", "partnership_registration")},
	{Text: "ตกงาน เงินชดเชย", Kind: QueryColloquial, Templates: tpl("sso_unemployment", "wage_claim")},
	{Text: "นายจ้างไม่จ่ายเงินเดือน", Kind: QueryColloquial, Templates: tpl("wage_claim")},
	{Text: "โอนที่ดินให้ลูก", Kind: QueryColloquial, Templates: tpl("land_gift")},
	{Text: "โฉนดหาย", Kind: QueryColloquial, Templates: tpl("deed_replacement")},
	{Text: "ขอติดมิเตอร์ไฟ", Kind: QueryColloquial, Templates: tpl("electricity_new")},
	{Text: "ขอใช้น้ำประปา", Kind: QueryColloquial, Templates: tpl("water_connect", "water_new_pwa")},
	{Text: "ดูดส้วม", Kind: QueryColloquial, Templates: tpl("septic_service")},
	{Text: "ต่อวีซ่า", Kind: QueryColloquial, Templates: tpl("visa_extension")},
	{Text: "ขอเลข อย.", Kind: QueryColloquial, Templates: tpl("food_serial_notify")},
	{Text: "ยื่นภาษีออนไลน์", Kind: QueryColloquial, Templates: tpl("income_tax_filing")},
	{Text: "ขึ้นทะเบียนทหาร", Kind: QueryColloquial, Templates: tpl("military_register")},

	// Misspellings: tone marks, look-alike letters, missing vowels.
	{Text: "ใบขับขี้", Kind: QueryMisspelling, Templates: tpl("driving_licence_new", "driving_licence_renew", "motorcycle_licence_new")},
	{Text: "ทะเบียนพานิชย์", Kind: QueryMisspelling, Templates: tpl("commerce_reg_new", "commerce_reg_change", "commerce_reg_close", "commerce_reg_juristic")},
	{Text: "เบี้ยยังชีพผู้สูงอายู", Kind: QueryMisspelling, Templates: tpl("elderly_allowance")},
	{Text: "ขออนุญาติก่อสร้าง", Kind: QueryMisspelling, Templates: tpl("building_permit")},
	{Text: "จดทะเบียนสมลส", Kind: QueryMisspelling, Templates: tpl("marriage_registration")},
	{Text: "แจ้งย้ายที่อยุ่", Kind: QueryMisspelling, Templates: tpl("move_in", "move_out", "move_destination")},
	{Text: "บัตรประชาขน", Kind: QueryMisspelling, Templates: tpl("idcard_first", "idcard_renew")},
	{Text: "หนังสือเดินทาง พาสปอด", Kind: QueryMisspelling, Templates: tpl("passport")},
	{Text: "ภาษีป่าย", Kind: QueryMisspelling, Templates: tpl("signboard_tax")},
	{Text: "เบี้ยคนพิกาน", Kind: QueryMisspelling, Templates: tpl("disability_allowance")},
	{Text: "ใบอนุญาติทำงานต่างด้าว", Kind: QueryMisspelling, Templates: tpl("alien_work_permit", "alien_work_permit_renew")},
	{Text: "ประกันสังคม มาตา 40", Kind: QueryMisspelling, Templates: tpl("sso_section40")},
	{Text: "รังวัดแบ่งแยกทีดิน", Kind: QueryMisspelling, Templates: tpl("land_subdivision_survey")},
	{Text: "ใบอนุญาตโรงแรมม", Kind: QueryMisspelling, Templates: tpl("hotel_licence")},

	// Partial: fragments typed into a search box.
	{Text: "ก่อสร้าง", Kind: QueryPartial, Templates: tpl("building_permit", "building_modify", "building_notify_39bis", "building_permit_renew", "building_certificate")},
	{Text: "ใบขับ", Kind: QueryPartial, Templates: tpl("driving_licence_new", "driving_licence_renew", "driving_licence_convert", "driving_licence_replace", "motorcycle_licence_new", "intl_driving_permit", "public_driver_licence")},
	{Text: "พาณิชย์", Kind: QueryPartial, Templates: tpl("commerce_reg_new", "commerce_reg_change", "commerce_reg_close", "commerce_reg_juristic")},
	{Text: "เบี้ยยัง", Kind: QueryPartial, Templates: tpl("elderly_allowance", "aids_allowance")},
	{Text: "ทะเบียนสม", Kind: QueryPartial, Templates: tpl("marriage_registration")},
	{Text: "จำนอง", Kind: QueryPartial, Templates: tpl("land_mortgage", "mortgage_release")},
	{Text: "ประกันสัง", Kind: QueryPartial, Templates: tpl("sso_employer_register", "sso_section40", "sso_section39", "sso_unemployment", "sso_maternity", "sso_child_allowance", "sso_hospital_change")},
	{Text: "ขุดดิน", Kind: QueryPartial, Templates: tpl("excavation_notify")},
	{Text: "มรดก", Kind: QueryPartial, Templates: tpl("land_inheritance")},
	{Text: "เครื่องหมายการ", Kind: QueryPartial, Templates: tpl("trademark_registration")},
	{Text: "สถานพยาบ", Kind: QueryPartial, Templates: tpl("clinic_licence")},

	// Aimed at an agency or a service point by name.
	{Text: "เทศบาลนครเชียงใหม่ ขออนุญาตก่อสร้าง", Kind: QueryFormal, Templates: tpl("building_permit"), Province: "50", Agency: "เทศบาลนครเชียงใหม่"},
	{Text: "ภาษีป้าย เทศบาลนครหาดใหญ่", Kind: QueryColloquial, Templates: tpl("signboard_tax"), Province: "90", Agency: "เทศบาลนครหาดใหญ่"},
	{Text: "อำเภอสันทราย ทำบัตรประชาชน", Kind: QueryColloquial, Templates: tpl("idcard_first", "idcard_renew"), Province: "50", Agency: "ที่ว่าการอำเภอสันทราย"},
	{Text: "ที่ว่าการอำเภอเมืองขอนแก่น แจ้งเกิด", Kind: QueryFormal, Templates: tpl("birth_registration"), Province: "40", Agency: "ที่ว่าการอำเภอเมืองขอนแก่น"},
	{Text: "ขนส่งเชียงใหม่ ต่อใบขับขี่", Kind: QueryColloquial, Templates: tpl("driving_licence_renew"), Province: "50", Agency: "สำนักงานขนส่งจังหวัดเชียงใหม่"},
	{Text: "สำนักงานที่ดินจังหวัดภูเก็ต โอนที่ดิน", Kind: QueryFormal, Templates: tpl("land_sale", "land_gift"), Province: "83", Agency: "สำนักงานที่ดินจังหวัดภูเก็ต"},
	{Text: "สำนักงานเขตบางรัก จดทะเบียนสมรส", Kind: QueryFormal, Templates: tpl("marriage_registration"), Province: "10", Agency: "สำนักงานเขตบางรัก"},
	{Text: "ขนส่งแม่ริม ภาษีรถ", Kind: QueryPartial, Templates: tpl("vehicle_tax"), Province: "50", Point: "สาขาอำเภอแม่ริม"},
	{Text: "ประกันสังคมชลบุรี ว่างงาน", Kind: QueryColloquial, Templates: tpl("sso_unemployment"), Province: "20", Agency: "สำนักงานประกันสังคมจังหวัดชลบุรี"},
}
