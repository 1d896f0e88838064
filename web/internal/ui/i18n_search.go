package ui

// The interface text of search, the home page's catalog and the results.
func init() { AddMessages(searchMessages) }

var searchMessages = map[string][2]string{
	"search.title":             {"ค้นหา", "Search"},
	"search.label":             {"คำค้นหา", "Search for"},
	"search.results":           {"ผลการค้นหา %s รายการ", "%s results"},
	"search.took":              {"(%s มิลลิวินาที)", "(%s ms)"},
	"search.none":              {"ไม่พบข้อมูลที่ตรงกับคำค้นหา ลองใช้คำที่สั้นลง หรือคำที่ใช้เรียกทั่วไป", "Nothing matches. Try fewer or more common words."},
	"search.didyoumean":        {"หรือท่านหมายถึง", "Did you mean"},
	"search.relaxed":           {"ไม่พบรายการที่ตรงกับทุกคำ จึงแสดงรายการที่ตรงกับบางคำ", "Nothing matches every word; showing results that match some of them."},
	"search.warming":           {"ระบบค้นหากำลังเตรียมข้อมูล กรุณาลองใหม่ในอีกสักครู่", "Search is getting ready; please try again in a moment."},
	"search.empty":             {"พิมพ์สิ่งที่ต้องการติดต่อราชการ เช่น ทำใบขับขี่ แจ้งเกิด ขออนุญาตก่อสร้าง หรือชื่อหน่วยงาน", "Type what you need from the government, e.g. a driving licence, a birth registration, a building permit, or an agency's name."},
	"search.kind.all":          {"ทั้งหมด", "All"},
	"search.kind.manual":       {"คู่มือสำหรับประชาชน", "Citizen manuals"},
	"search.kind.service":      {"บริการอื่นๆ", "Other services"},
	"search.kind.agency":       {"หน่วยงาน", "Agencies"},
	"search.kind.point":        {"จุดบริการ", "Service points"},
	"search.facet.category":    {"หมวดหมู่บริการ", "Service category"},
	"search.facet.group":       {"กลุ่มผู้ใช้บริการ", "User group"},
	"search.facet.agency_type": {"ประเภทหน่วยงาน", "Agency type"},
	"search.facet.province":    {"จังหวัด", "Province"},
	"search.facet.clear":       {"ล้างตัวกรอง", "Clear"},
	"search.filters":           {"กรองผลการค้นหา", "Narrow the results"},
	"home.categories":          {"หมวดหมู่บริการ", "Service categories"},
	"home.groups":              {"กลุ่มผู้ใช้บริการ", "By who you are"},
	"nav.catalog":              {"หมวดหมู่บริการ", "Catalog"},
	"catalog.public":           {"บัญชีบริการภาครัฐ", "Service Catalog"},
	"catalog.public.intro":     {"คู่มือสำหรับประชาชนจัดตามหมวดหมู่บริการและกลุ่มผู้ใช้บริการ", "Citizen manuals by service category and by who uses them."},
	"home.catalog.all":         {"ดูบัญชีบริการทั้งหมด", "The whole Service Catalog"},
	"home.popular":             {"คู่มือที่มีผู้อ่านมากที่สุด", "Most read manuals"},
}
