package ui

import (
	"net/http"
	"net/url"
	"strings"
)

// Languages: Thai is the default; English on request, remembered in a cookie.
const (
	LangTH = "th"
	LangEN = "en"
)

// LangFrom is the language of the person asking.
func LangFrom(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == LangEN {
		return LangEN
	}
	return LangTH
}

// LocalPath accepts only a path on this site, so no "next" or return
// parameter is an open redirect. Browsers drop tabs and line breaks from a
// URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\\evil.example" would leave the site: any control character or
// backslash is refused, and what is left must parse as a bare path.
func LocalPath(p string) bool {
	if len(p) == 0 || p[0] != '/' || strings.HasPrefix(p, "//") {
		return false
	}
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//")
}

// messages holds the interface text: key → {Thai, English}.
var messages = map[string][2]string{
	"site.name":                {"ศูนย์รวมข้อมูลเพื่อติดต่อราชการ", "Government Contact Information Center"},
	"site.short":               {"openinfo", "openinfo"},
	"site.tagline":             {"ข้อมูลการติดต่อราชการ หน่วยงาน และจุดบริการทั่วประเทศ", "How to deal with government: agencies and service points nationwide"},
	"nav.home":                 {"หน้าแรก", "Home"},
	"nav.agencies":             {"หน่วยงาน", "Agencies"},
	"nav.skip":                 {"ข้ามไปยังเนื้อหา", "Skip to content"},
	"lang.switch":              {"English", "ภาษาไทย"},
	"lang.switch.label":        {"Switch to English", "เปลี่ยนเป็นภาษาไทย"},
	"home.search":              {"ค้นหาคู่มือสำหรับประชาชน บริการ หน่วยงาน หรือจุดบริการ", "Find a citizen manual, service, agency or service point"},
	"home.search.hint":         {"เช่น ทำใบขับขี่ จดทะเบียนสมรส ขออนุญาตก่อสร้าง", "e.g. driving licence, marriage registration"},
	"home.stats":               {"ในระบบมี", "In the directory"},
	"home.browse.type":         {"ค้นหาตามประเภทหน่วยงาน", "Browse by agency type"},
	"home.browse.prov":         {"ค้นหาตามจังหวัด", "Browse by province"},
	"search.button":            {"ค้นหา", "Search"},
	"agencies.title":           {"หน่วยงานและโครงสร้าง", "Agencies"},
	"agencies.count":           {"หน่วยงาน", "agencies"},
	"agencies.none":            {"ไม่พบหน่วยงานที่ตรงกับเงื่อนไข", "No agency matches."},
	"agencies.all":             {"ทุกประเภท", "All types"},
	"agencies.allprov":         {"ทุกจังหวัด", "All provinces"},
	"agencies.ministries":      {"กระทรวงและหน่วยงานระดับสูงสุด", "Ministries and top-level bodies"},
	"filter.type":              {"ประเภทหน่วยงาน", "Agency type"},
	"filter.province":          {"จังหวัด", "Province"},
	"filter.q":                 {"ชื่อหน่วยงาน", "Agency name"},
	"filter.clear":             {"ล้างเงื่อนไข", "Clear filters"},
	"agency.type":              {"ประเภท", "Type"},
	"agency.short":             {"ชื่อย่อ", "Short name"},
	"agency.parent":            {"สังกัด", "Part of"},
	"agency.contact":           {"ข้อมูลการติดต่อ", "Contact"},
	"agency.address":           {"ที่อยู่", "Address"},
	"agency.phone":             {"โทรศัพท์", "Phone"},
	"agency.email":             {"อีเมล", "E-mail"},
	"agency.website":           {"เว็บไซต์", "Website"},
	"agency.children":          {"หน่วยงานในสังกัด", "Sub-agencies"},
	"agency.points":            {"จุดบริการ", "Service points"},
	"agency.nopoints":          {"หน่วยงานนี้ยังไม่มีจุดบริการที่เปิดให้บริการ", "This agency lists no service point yet."},
	"agency.inactive":          {"หน่วยงานนี้ยกเลิกแล้ว ข้อมูลแสดงไว้เพื่อการอ้างอิง", "This agency no longer exists; shown for reference."},
	"agency.updated":           {"ปรับปรุงข้อมูลล่าสุด", "Last updated"},
	"point.kind":               {"ประเภทจุดบริการ", "Kind"},
	"point.hours":              {"วันและเวลาให้บริการ", "Opening hours"},
	"point.nohours":            {"ไม่ได้ระบุเวลาให้บริการ กรุณาโทรสอบถาม", "Opening hours not given; please call ahead."},
	"point.map":                {"แผนที่", "Map"},
	"point.map.osm":            {"ดูตำแหน่งบน OpenStreetMap", "Show on OpenStreetMap"},
	"point.map.google":         {"นำทางด้วย Google Maps", "Directions in Google Maps"},
	"point.nomap":              {"ยังไม่ได้ปักหมุดตำแหน่ง", "No map pin yet."},
	"point.online":             {"เข้าใช้บริการออนไลน์", "Use the online service"},
	"point.agency":             {"หน่วยงานผู้ให้บริการ", "Agency"},
	"page.nav":                 {"เลือกหน้า", "Pages"},
	"page.prev":                {"ก่อนหน้า", "Previous"},
	"page.next":                {"ถัดไป", "Next"},
	"page.of":                  {"หน้า %d จาก %d", "Page %d of %d"},
	"admin.agency.type.locked": {"ประเภทหน่วยงานกำหนดว่าใครออก Token เจ้าหน้าที่ส่วนกลางให้หน่วยงาน จึงเปลี่ยนได้โดยผู้ดูแลระบบหรือหน่วยงานต้นสังกัดเท่านั้น", "The type decides who issues the agency's central-officer tokens, so only the platform administrator or the parent agency may change it."},
	"error.back":               {"กลับไปหน้าเดิม", "Back to the page"},
	"error.title":              {"เกิดข้อผิดพลาด", "Something went wrong"},
	"error.away":               {"ระบบฐานข้อมูลไม่พร้อมให้บริการชั่วคราว โปรดลองใหม่อีกครั้งในอีกสักครู่", "The service is briefly unavailable. Please try again in a moment."},
	"error.home":               {"กลับหน้าแรก", "Back to the home page"},
	"error.notfound":           {"ไม่พบหน้าที่ต้องการ", "Page not found"},
	"admin.title":              {"ระบบจัดการข้อมูลสำหรับเจ้าหน้าที่", "Back office"},
	"admin.login":              {"เข้าสู่ระบบเจ้าหน้าที่", "Officer sign-in"},
	"admin.logout":             {"ออกจากระบบ", "Sign out"},
	"admin.welcome":            {"ยินดีต้อนรับ", "Welcome"},
	"admin.agency":             {"หน่วยงาน", "Agency"},
	"admin.role":               {"บทบาท", "Role"},
	"admin.rights":             {"สิทธิ์การใช้งาน", "Rights held"},
	"admin.username":           {"ชื่อผู้ใช้", "Username"},
	"admin.jobs":               {"งานตามกำหนดเวลา", "Timed jobs"},
	"admin.jobs.intro":         {"งานที่ระบบทำเองตามรอบเวลา แต่ละรอบทำเพียงเครื่องเดียวในบรรดาเครื่องแม่ข่ายทั้งหมด", "Work the system does on its own, on a schedule; each run happens on one node of all of them."},
	"admin.jobs.name":          {"งาน", "Job"},
	"admin.jobs.every":         {"ทุก", "Every"},
	"admin.jobs.last":          {"ทำล่าสุด", "Last run"},
	"admin.jobs.took":          {"ใช้เวลา", "Took"},
	"admin.jobs.runs":          {"จำนวนครั้ง", "Runs"},
	"admin.jobs.next":          {"ครั้งถัดไป", "Next run"},
	"admin.jobs.error":         {"ข้อผิดพลาดล่าสุด", "Last error"},
	"admin.jobs.running":       {"กำลังทำ", "running"},
	"admin.jobs.never":         {"ยังไม่เคยทำ", "never"},
	"admin.jobs.failed":        {"ล้มเหลว", "failed"},
	"admin.jobs.none":          {"ยังไม่มีงานตามกำหนดเวลา", "No timed jobs yet."},
	"admin.profile":            {"ข้อมูลผู้ใช้งาน", "Profile"},
	"admin.lastlogin":          {"เข้าสู่ระบบล่าสุด", "Last sign-in"},
	"admin.menu":               {"เมนู", "Menu"},
	"admin.global":             {"ทุกหน่วยงาน", "All agencies"},
	"admin.tokens":             {"จัดการ Token", "Manage tokens"},
	"admin.tokens.intro":       {"Token ใช้ได้ครั้งเดียว สำหรับการเข้าใช้งานครั้งแรกของเจ้าหน้าที่ คัดลอกแล้วส่งให้ผู้ที่ได้รับสิทธิ์ กด Refresh เพื่อออก Token ใหม่และยกเลิก Token เดิม", "A token works once, at an officer's first sign-in. Copy it to the person getting the role. Refresh issues a new token and cancels the old one."},
	"admin.tokens.none":        {"ยังไม่มี Token ที่ใช้งานได้", "No live token"},
	"admin.tokens.expires":     {"หมดอายุ", "Expires"},
	"admin.tokens.refresh":     {"Refresh (ออก Token ใหม่)", "Refresh (issue a new token)"},
	"admin.tokens.copy":        {"คัดลอก Token", "Copy the token"},
	"admin.tokens.issued":      {"ออก Token ใหม่แล้ว Token เดิมใช้ไม่ได้อีก", "A new token was issued; the old one no longer works."},
	"admin.tokens.noroles":     {"ท่านไม่มีสิทธิ์ออก Token ให้หน่วยงานนี้", "You may not issue tokens for this agency."},
	"admin.subagencies":        {"หน่วยงานในสังกัด", "Sub-agencies"},
	"admin.users":              {"จัดการรายละเอียดผู้ใช้งาน", "Manage users"},
	"admin.users.search":       {"ค้นหาชื่อหรือชื่อผู้ใช้", "Search by name or username"},
	"admin.users.none":         {"ไม่พบผู้ใช้งาน", "No user found"},
	"admin.users.edit":         {"แก้ไข", "Save role"},
	"admin.users.remove":       {"ลบ", "Remove"},
	"admin.token.title":        {"ยืนยันตัวตนด้วยรหัส Token", "Confirm with your token"},
	"admin.token.account":      {"บัญชีของท่าน (แจ้งผู้ดูแลระบบเมื่อขอสิทธิ์)", "Your account (tell the administrator when asking for a role)"},
	"admin.token.intro":        {"ท่านเข้าใช้งานเป็นครั้งแรก กรุณากรอกรหัส Token 15 หลักที่ได้รับ เพื่อผูกบัญชีของท่านกับหน่วยงานและสิทธิ์ที่ได้รับ", "This is your first sign-in. Enter the 15-digit token you were given, to bind your account to your agency and role."},
	"admin.token.who":          {"เจ้าหน้าที่ส่วนกลาง: ติดต่อขอรับ Token ที่ DGA Contact Center · เจ้าหน้าที่หน่วยงาน/จุดบริการ: ติดต่อขอรับ Token ที่เจ้าหน้าที่ส่วนกลางต้นสังกัด", "Central officers: ask the DGA Contact Center for a token. Agency and service point officers: ask your agency's central officer."},
	"admin.token.label":        {"รหัส Token 15 หลัก", "15-digit token"},
	"admin.token.submit":       {"ยืนยัน", "Confirm"},
	"onboard.title":            {"ขอเปิดใช้บริการสำหรับหน่วยงาน", "Request access for an agency"},
	"onboard.intro":            {"สำหรับหน่วยงานระดับกรมหรือเทียบเท่า เมื่อผู้บริหารหน่วยงานยืนยันทางอีเมลและผู้ดูแลระบบอนุมัติแล้ว ระบบจะส่งรหัส Token ของเจ้าหน้าที่ส่วนกลางไปที่อีเมลของผู้ขอใช้บริการ", "For department-level agencies. Once your executive confirms by e-mail and the platform administrator approves, the central officer's token is e-mailed to the requester."},
	"onboard.agency":           {"ข้อมูลหน่วยงาน", "Agency"},
	"onboard.name_th":          {"ชื่อหน่วยงาน (ภาษาไทย)", "Agency name (Thai)"},
	"onboard.name_en":          {"ชื่อหน่วยงาน (ภาษาอังกฤษ)", "Agency name (English)"},
	"onboard.parent":           {"สังกัดกระทรวง/หน่วยงาน", "Part of (ministry)"},
	"onboard.none":             {"ไม่มี / ไม่สังกัด", "None"},
	"onboard.requester":        {"ผู้ขอใช้บริการ", "Requester"},
	"onboard.req_name":         {"ชื่อ-นามสกุล", "Full name"},
	"onboard.req_title":        {"ตำแหน่ง", "Position"},
	"onboard.email":            {"อีเมล", "E-mail"},
	"onboard.phone":            {"โทรศัพท์", "Phone"},
	"onboard.executive":        {"ผู้บริหารหน่วยงาน (ระดับ ผอ. ศูนย์เทคโนโลยีสารสนเทศ หรือเทียบเท่า)", "Executive (IT centre director or equivalent)"},
	"onboard.letter":           {"หนังสือขอเข้าใช้บริการ หรือหนังสือเชิญประชุมชี้แจงจาก สำนักงาน ก.พ.ร. (PDF ไม่เกิน 10 MB)", "Request letter, or OPDC's invitation letter (PDF, at most 10 MB)"},
	"onboard.submit":           {"ส่งคำขอ", "Send the request"},
	"onboard.sent":             {"ส่งคำขอเรียบร้อยแล้ว ระบบได้ส่งอีเมลให้ผู้บริหารหน่วยงานยืนยันคำขอ เมื่อผู้ดูแลระบบอนุมัติ ท่านจะได้รับรหัส Token ทางอีเมล", "Your request was sent. Your executive has been e-mailed to confirm it; after approval you will receive the token by e-mail."},
	"onboard.confirm":          {"ยืนยันการขอเปิดใช้บริการ", "Confirm the request"},
	"onboard.confirm.q":        {"ท่านยืนยันว่าหน่วยงานของท่านขอเปิดใช้บริการตามรายละเอียดนี้", "Do you confirm that your agency asks to join, as described?"},
	"onboard.confirmed":        {"ยืนยันคำขอเรียบร้อยแล้ว ขอบคุณ", "The request is confirmed. Thank you."},
	"onboard.taken":            {"คำขอนี้ได้รับการยืนยันหรือพิจารณาแล้ว", "This request was already confirmed or decided."},
	"onboard.admin":            {"คำขอเปิดใช้บริการ", "Onboarding requests"},
	"onboard.all":              {"ทุกสถานะ", "All"},
	"onboard.empty":            {"ไม่มีคำขอเปิดใช้บริการตามเงื่อนไข", "No onboarding requests match."},
	"process.terms.none":       {"ยังไม่มีรายการในหมวดนี้ สำนักงาน ก.พ.ร. เพิ่มได้ที่เมนู \"บัญชีบริการ (Service Catalog)\"", "Nothing here yet: OPDC adds them in the Service Catalog menu."},
	"onboard.status":           {"สถานะ", "Status"},
	"onboard.approve":          {"อนุมัติและส่ง Token", "Approve and send the token"},
	"onboard.reject":           {"ไม่อนุมัติ", "Reject"},
	"onboard.reason":           {"เหตุผลที่ไม่อนุมัติ", "Reason for rejection"},
	"onboard.approved":         {"อนุมัติแล้ว ส่ง Token ไปที่อีเมลของผู้ขอใช้บริการแล้ว", "Approved; the token was e-mailed to the requester."},
	"onboard.nomail":           {"อนุมัติแล้ว แต่ส่งอีเมลไม่สำเร็จ กรุณาคัดลอก Token จากหน้าจัดการ Token แล้วแจ้งผู้ขอใช้บริการ", "Approved, but the e-mail failed: copy the token from Manage tokens and pass it on."},
	"onboard.rejected":         {"บันทึกผลไม่อนุมัติและแจ้งผู้ขอใช้บริการแล้ว", "Rejected; the requester was told."},
	"onboard.letterdl":         {"ดาวน์โหลดหนังสือ (PDF)", "Download the letter (PDF)"},
	"onboard.agencylink":       {"หน่วยงานในระบบ", "Agency in the directory"},
	"admin.agencies":           {"หน่วยงานและโครงสร้าง", "Agency structure"},
	"admin.agency.edit":        {"แก้ไขข้อมูลหน่วยงาน", "Edit agency"},
	"admin.agency.new":         {"เพิ่มหน่วยงานในสังกัด", "Add a sub-agency"},
	"admin.point.edit":         {"แก้ไขจุดบริการ", "Edit service point"},
	"admin.point.new":          {"เพิ่มจุดบริการ", "Add a service point"},
	"admin.point.name_th":      {"ชื่อจุดบริการ (ภาษาไทย)", "Name (Thai)"},
	"admin.point.name_en":      {"ชื่อจุดบริการ (ภาษาอังกฤษ)", "Name (English)"},
	"admin.saved":              {"บันทึกเรียบร้อยแล้ว", "Saved."},
	"admin.save":               {"บันทึก", "Save"},
	"admin.active":             {"ใช้งาน", "Active"},
	"admin.inactive":           {"ยกเลิกแล้ว", "Inactive"},
	"admin.hidden":             {"ไม่แสดงผล", "Hidden"},
	"admin.visible":            {"แสดงผลบนเว็บไซต์ (การแสดงผล)", "Shown to the public"},
	"admin.public":             {"ดูหน้าสาธารณะ", "Public page"},
	"admin.subdistrict":        {"ตำบล/แขวง", "Subdistrict"},
	"admin.district":           {"อำเภอ/เขต", "District"},
	"admin.postcode":           {"รหัสไปรษณีย์", "Postcode"},
	"admin.phones":             {"โทรศัพท์ (บรรทัดละหนึ่งหมายเลข)", "Phones (one per line)"},
	"admin.lat":                {"ละติจูด", "Latitude"},
	"admin.lon":                {"ลองจิจูด", "Longitude"},
	"admin.open":               {"เวลาเปิด (ชม:นาที)", "Opens (HH:MM)"},
	"admin.close":              {"เวลาปิด (ชม:นาที)", "Closes (HH:MM)"},
	"admin.break_from":         {"พักเที่ยง ตั้งแต่", "Break from"},
	"admin.break_to":           {"พักเที่ยง ถึง", "Break until"},
	"admin.holidays":           {"ปิดวันหยุดราชการ", "Closed on government holidays"},
	"admin.hours.hint":         {"หนึ่งช่วงต่อหนึ่งแถว เช่น จันทร์–ศุกร์ 08:30–16:30 พักเที่ยง 12:00–13:00 และอีกแถวสำหรับวันเสาร์ 08:30–12:00 แถวที่เว้นว่างจะไม่ถูกบันทึก", "One period a row, e.g. Monday–Friday 08:30–16:30 with lunch 12:00–13:00, and another row for Saturday 08:30–12:00. Blank rows are not saved."},
	"admin.hours.period":       {"ช่วงเวลาที่", "Period"},
	"admin.hours.remove":       {"ลบช่วงเวลานี้", "Remove this period"},
	"admin.map.hint":           {"คลิกบนแผนที่เพื่อปักหมุด หรือพิมพ์ละติจูดและลองจิจูด (เช่น 13.7563 และ 100.5018)", "Click the map to place the pin, or type the latitude and longitude (e.g. 13.7563 and 100.5018)."},
	"admin.map.label":          {"แผนที่สำหรับปักหมุดจุดบริการ ใช้ลูกศรเลื่อน + − ซูม", "Map for the point's pin: arrows move, + and − zoom"},
	"admin.map.in":             {"ขยาย", "Zoom in"},
	"admin.map.out":            {"ย่อ", "Zoom out"},
	"admin.map.set":            {"ปักหมุดที่", "Pin set at"},
	"admin.hours_note":         {"หมายเหตุเวลาทำการ", "Note on opening hours"},
	"manual.title":             {"คู่มือสำหรับประชาชน", "Citizen manual"},
	"manual.agency":            {"หน่วยงานที่ให้บริการ", "Serving agency"},
	"manual.s1":                {"ชื่อกระบวนงาน", "Process name"},
	"manual.s2":                {"หน่วยงานเจ้าของกระบวนงาน", "Owning agency"},
	"manual.s3":                {"ประเภทของงานบริการ", "Service type"},
	"manual.s4":                {"หมวดหมู่ของงานบริการ", "Service category"},
	"manual.s5":                {"กฎหมายที่ให้อำนาจการอนุญาต หรือที่เกี่ยวข้อง", "Legal basis"},
	"manual.s6":                {"ระดับผลกระทบ", "Impact level"},
	"manual.s7":                {"พื้นที่ให้บริการ", "Service area"},
	"manual.s8":                {"กฎหมายข้อบังคับ/ข้อตกลงที่กำหนดระยะเวลา", "Legal time limit"},
	"manual.s9":                {"ข้อมูลสถิติ (จำนวนคำขอต่อเดือน)", "Statistics (requests a month)"},
	"manual.s10":               {"ชื่ออ้างอิงของคู่มือประชาชน", "Reference name"},
	"manual.s11":               {"ช่องทางการให้บริการ", "Service channels"},
	"manual.s12":               {"หลักเกณฑ์ วิธีการ เงื่อนไข (ถ้ามี) ในการยื่นคำขอ และในการพิจารณาอนุญาต", "Criteria, methods and conditions"},
	"manual.s13":               {"ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ", "Steps, durations and responsible units"},
	"manual.s14":               {"งานบริการนี้ผ่านการดำเนินการลดขั้นตอน และระยะเวลาปฏิบัติราชการมาแล้ว", "This service has already had its steps and time reduced."},
	"manual.s15":               {"รายการเอกสารหลักฐานประกอบ", "Required documents"},
	"manual.s16":               {"ค่าธรรมเนียม", "Fees"},
	"manual.s17":               {"ช่องทางการร้องเรียน แนะนำบริการ", "Complaint channels"},
	"manual.s18":               {"ตัวอย่างแบบฟอร์ม ตัวอย่าง และคู่มือการกรอก", "Forms and examples"},
	"manual.s19":               {"หมายเหตุ", "Remarks"},
	"manual.avg":               {"เฉลี่ย", "average"},
	"manual.max":               {"มากที่สุด", "most"},
	"manual.min":               {"น้อยที่สุด", "fewest"},
	"manual.step":              {"ประเภทขั้นตอน", "Type of step"},
	"manual.detail":            {"รายละเอียด", "Detail"},
	"manual.duration":          {"ระยะเวลา", "Duration"},
	"manual.responsible":       {"ส่วนที่รับผิดชอบ", "Responsible"},
	"manual.doc":               {"ชื่อเอกสาร", "Document"},
	"manual.issuer":            {"หน่วยงานผู้ออกเอกสาร", "Issued by"},
	"manual.originals":         {"ฉบับจริง", "Originals"},
	"manual.copies":            {"สำเนา", "Copies"},
	"manual.note":              {"หมายเหตุ", "Note"},
	"manual.nodocs":            {"ไม่ต้องใช้เอกสาร", "No documents are needed."},
	"manual.nofees":            {"ไม่มีค่าธรรมเนียม", "No fee."},
	"manual.published":         {"วันที่เผยแพร่คู่มือ", "Published"},
	"manual.revision":          {"ฉบับที่", "Revision"},
	"nav.officers":             {"สำหรับเจ้าหน้าที่", "For officers"},
	"footer.about":             {"ระบบเปิดสำหรับข้อมูลการติดต่อราชการ", "An open system for government contact information"},
	"footer.hotline":           {"ศูนย์บริการประชาชน สำนักนายกรัฐมนตรี โทร 1111", "Government Contact Center: call 1111"},
}

// T returns the text for key in lang; the key itself when it is missing, so
// a gap is visible rather than blank.
func T(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == LangEN {
		return m[1]
	}
	return m[0]
}

// AddMessages adds a page's interface text; a key given twice is a
// programming error, found at start.
func AddMessages(m map[string][2]string) {
	for k, v := range m {
		if _, dup := messages[k]; dup {
			panic("ui: message " + k + " defined twice")
		}
		messages[k] = v
	}
}
