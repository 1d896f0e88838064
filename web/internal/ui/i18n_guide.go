package ui

// The interface text of the guides (/guide) and the FAQ (/faq), merged into
// messages at start. The guides' own text is in web/guide/.
func init() { AddMessages(guideMessages) }

var guideMessages = map[string][2]string{
	"guide.title":              {"แนวทางปฏิบัติและวิธีใช้งาน", "Guides"},
	"guide.intro":              {"คำแนะนำการใช้งานระบบศูนย์รวมข้อมูลเพื่อติดต่อราชการ สำหรับหน่วยงาน เจ้าหน้าที่ และประชาชน", "How to use the Government Contact Information Center: for agencies, officers and citizens."},
	"guide.for.officers":       {"สำหรับหน่วยงานและเจ้าหน้าที่", "For agencies and officers"},
	"guide.for.citizens":       {"สำหรับประชาชน", "For citizens"},
	"guide.toc":                {"ในหน้านี้", "On this page"},
	"guide.more":               {"แนวทางปฏิบัติอื่น", "Other guides"},
	"guide.all":                {"แนวทางปฏิบัติทั้งหมด", "All guides"},
	"guide.thaionly":           {"แนวทางปฏิบัตินี้มีเฉพาะภาษาไทย", "This guide is available in Thai only."},
	"guide.footer":             {"แนวทางปฏิบัติ", "Guides"},
	"guide.contact.title":      {"ช่องทางติดต่อสอบถาม", "Contact us"},
	"guide.contact.phone":      {"โทร", "Phone"},
	"guide.contact.email":      {"อีเมล", "E-mail"},
	"guide.contact.dga":        {"DGA Contact Center สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)", "DGA Contact Center, Digital Government Development Agency (DGA)"},
	"guide.contact.dga.about":  {"การขอใช้บริการ รหัส Token ของเจ้าหน้าที่ส่วนกลาง และปัญหาการใช้งานระบบ", "Joining the system, central officers' tokens, and problems using the system"},
	"guide.contact.opdc":       {"สำนักงานคณะกรรมการพัฒนาระบบราชการ (สำนักงาน ก.พ.ร.)", "Office of the Public Sector Development Commission (OPDC)"},
	"guide.contact.opdc.about": {"การกรอกข้อมูลและเนื้อหาของคู่มือสำหรับประชาชน ตามพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ", "Filling in citizen manuals and their content under the Licensing Facilitation Act"},
	"guide.contact.gcc":        {"ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี", "Government Contact Center, Office of the Permanent Secretary, Office of the Prime Minister"},
	"guide.contact.gcc.about":  {"ร้องเรียนการให้บริการของหน่วยงานรัฐ (หรือใช้ช่องทางร้องเรียนที่ระบุในคู่มือสำหรับประชาชนแต่ละฉบับ)", "Complaints about a government service (or use the complaint channels given in each citizen manual)"},
	"faq.title":                {"คำถามที่พบบ่อย", "Frequently asked questions"},
	"faq.footer":               {"คำถามที่พบบ่อย", "FAQ"},
	"faq.toc":                  {"สารบัญ", "Contents"},
	"faq.top":                  {"กลับไปที่สารบัญ", "Back to contents"},
	"faq.guides":               {"ดูแนวทางปฏิบัติและวิธีใช้งานทั้งหมด", "See all guides"},
}
