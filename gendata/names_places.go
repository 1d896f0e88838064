package gendata

// Thai subdistrict (ตำบล) and village names are compounds of a landscape word
// and a qualifier: หนองบัว, โคกสูง, แม่ริม, บางปลา, ควนขนุน. The words differ by
// region (แม่ in the north, โนน in the northeast, ควน in the south, บาง in the
// central plain), so each region draws from its own first words and all
// regions share the qualifiers. Every word carries its romanisation, so
// generated names have English forms too.
var placeHeads = map[string][]word{
	"north": {
		{"แม่", "Mae"}, {"แม่", "Mae"}, {"สัน", "San"}, {"เวียง", "Wiang"}, {"ดอย", "Doi"}, {"ป่า", "Pa"},
		{"ทุ่ง", "Thung"}, {"ห้วย", "Huai"}, {"บ้าน", "Ban"}, {"ศรี", "Si"}, {"น้ำ", "Nam"}, {"ผา", "Pha"},
		{"ปง", "Pong"}, {"หนอง", "Nong"}, {"นา", "Na"}, {"วัง", "Wang"}, {"ท่า", "Tha"}, {"เหมือง", "Mueang"},
	},
	"northeast": {
		{"โนน", "Non"}, {"โคก", "Khok"}, {"หนอง", "Nong"}, {"หนอง", "Nong"}, {"นา", "Na"}, {"ดง", "Dong"},
		{"กุด", "Kut"}, {"คำ", "Kham"}, {"ห้วย", "Huai"}, {"บ้าน", "Ban"}, {"โพน", "Phon"}, {"ดอน", "Don"},
		{"เหล่า", "Lao"}, {"ซำ", "Sam"}, {"แวง", "Waeng"}, {"โพธิ์", "Pho"}, {"ศรี", "Si"}, {"บึง", "Bueng"},
	},
	"central": {
		{"บาง", "Bang"}, {"บาง", "Bang"}, {"คลอง", "Khlong"}, {"ท่า", "Tha"}, {"บ้าน", "Ban"}, {"หนอง", "Nong"},
		{"วัด", "Wat"}, {"ดอน", "Don"}, {"โพธิ์", "Pho"}, {"สาม", "Sam"}, {"ลาด", "Lat"}, {"บ่อ", "Bo"},
		{"ไร่", "Rai"}, {"เขา", "Khao"}, {"ห้วย", "Huai"}, {"สระ", "Sa"}, {"หัว", "Hua"}, {"ศาลา", "Sala"},
	},
	"south": {
		{"ควน", "Khuan"}, {"ควน", "Khuan"}, {"ท่า", "Tha"}, {"บ้าน", "Ban"}, {"ปาก", "Pak"}, {"ทุ่ง", "Thung"},
		{"นา", "Na"}, {"เขา", "Khao"}, {"ลำ", "Lam"}, {"พรุ", "Phru"}, {"คลอง", "Khlong"}, {"บาง", "Bang"},
		{"ไม้", "Mai"}, {"เกาะ", "Ko"}, {"ทอน", "Thon"}, {"หาร", "Han"}, {"ห้วย", "Huai"}, {"วัง", "Wang"},
	},
}

// placeTails are the qualifiers shared by every region.
var placeTails = []word{
	{"ใหม่", "Mai"}, {"บัว", "Bua"}, {"แก้ว", "Kaeo"}, {"ทอง", "Thong"}, {"สูง", "Sung"}, {"ใหญ่", "Yai"},
	{"น้อย", "Noi"}, {"งาม", "Ngam"}, {"ดี", "Di"}, {"ยาง", "Yang"}, {"ไผ่", "Phai"}, {"ม่วง", "Muang"},
	{"ขาม", "Kham"}, {"แดง", "Daeng"}, {"เหนือ", "Nuea"}, {"ใต้", "Tai"}, {"กลาง", "Klang"}, {"ทราย", "Sai"},
	{"หิน", "Hin"}, {"ช้าง", "Chang"}, {"เจริญ", "Charoen"}, {"พัฒนา", "Phatthana"}, {"สวรรค์", "Sawan"},
	{"ตาล", "Tan"}, {"มะค่า", "Makha"}, {"เต็ง", "Teng"}, {"แค", "Khae"}, {"สะแก", "Sakae"}, {"จิก", "Chik"},
	{"กระทุ่ม", "Krathum"}, {"หลวง", "Luang"}, {"ขาว", "Khao"}, {"เขียว", "Khiao"}, {"คำ", "Kham"},
	{"เงิน", "Ngoen"}, {"สำราญ", "Samran"}, {"สะอาด", "Sa-at"}, {"สว่าง", "Sawang"}, {"ชัย", "Chai"},
	{"เสือ", "Suea"}, {"กุ้ง", "Kung"}, {"ปลา", "Pla"}, {"นก", "Nok"}, {"หงส์", "Hong"}, {"ม้า", "Ma"},
	{"วัว", "Wua"}, {"ควาย", "Khwai"}, {"เตย", "Toei"}, {"ไทร", "Sai"}, {"ตะเคียน", "Takhian"}, {"ยอ", "Yo"},
	{"เกลือ", "Kluea"}, {"จันทร์", "Chan"}, {"สามัคคี", "Samakkhi"}, {"สมบูรณ์", "Sombun"}, {"ประดู่", "Pradu"},
	{"มะขาม", "Makham"}, {"มะม่วง", "Mamuang"}, {"ขนุน", "Khanun"}, {"แสง", "Saeng"}, {"ดู่", "Du"},
	{"โพธิ์", "Pho"}, {"ลาน", "Lan"}, {"เตา", "Tao"}, {"ข่อย", "Khoi"}, {"พลับ", "Phlap"}, {"บก", "Bok"},
	{"เดื่อ", "Duea"}, {"ค้อ", "Kho"}, {"ไร่", "Rai"}, {"ทุ่ง", "Thung"}, {"หว้า", "Wa"}, {"ลำไย", "Lamyai"},
}

// placeRegion maps the root package's regions to the name regions above: the
// east and west name places like the central plain.
var placeRegion = map[string]string{
	"central": "central", "east": "central", "west": "central",
	"north": "north", "northeast": "northeast", "south": "south",
}

// Roads for street addresses outside Bangkok (whose districts carry their
// own main road): the main highways of each region, then names every
// provincial town has.
var regionRoads = map[string][]string{
	"central":   {"ถนนพหลโยธิน", "ถนนสายเอเชีย"},
	"east":      {"ถนนสุขุมวิท", "ถนนสุวรรณศร"},
	"west":      {"ถนนเพชรเกษม", "ถนนแสงชูโต"},
	"north":     {"ถนนพหลโยธิน", "ถนนซุปเปอร์ไฮเวย์", "ถนนยันตรกิจโกศล"},
	"northeast": {"ถนนมิตรภาพ", "ถนนชยางกูร", "ถนนนิตโย", "ถนนแจ้งสนิท"},
	"south":     {"ถนนเพชรเกษม", "ถนนสายเอเชีย"},
}

var townRoads = []string{
	"ถนนศาลากลาง", "ถนนหน้าเมือง", "ถนนราชดำเนิน", "ถนนประชาธิปไตย", "ถนนเทศบาล 1", "ถนนเทศบาล 2",
	"ถนนประชาสามัคคี", "ถนนศรีสุริยวงศ์", "ถนนสุขาภิบาล 1", "ถนนเจริญราษฎร์", "ถนนรถไฟ", "ถนนริมน้ำ",
	"ถนนกลางเมือง", "ถนนประชาสโมสร", "ถนนหลังเมือง", "ถนนราชวงศ์", "ถนนพิทักษ์ชาติ", "ถนนอุดมสุข",
}

// auspicious qualifiers are the ones ศรี combines with.
var auspicious = map[string]bool{
	"สำราญ": true, "สะอาด": true, "สว่าง": true, "ชัย": true, "เจริญ": true, "พัฒนา": true, "สมบูรณ์": true,
	"สามัคคี": true, "ทอง": true, "แก้ว": true, "งาม": true, "บัว": true, "จันทร์": true, "สวรรค์": true, "เงิน": true,
}

// noSoi are Bangkok roads without numbered lanes (ซอย).
var noSoi = map[string]bool{"ถนนราชดำเนินกลาง": true, "ถนนหลวง": true, "ถนนเยาวราช": true, "ถนนสมเด็จเจ้าพระยา": true, "ถนนอินทรพิทักษ์": true}

// hqKhets are the Bangkok districts where the ministries and departments
// have their head offices; หลักสี่ holds the Chaeng Watthana Government
// Complex.
var hqKhets = []string{"พระนคร", "ดุสิต", "ป้อมปราบศัตรูพ่าย", "ปทุมวัน", "พญาไท", "ราชเทวี", "ดินแดง", "ห้วยขวาง",
	"จตุจักร", "หลักสี่", "หลักสี่", "หลักสี่", "บางซื่อ", "สาทร", "บางรัก", "คลองเตย", "ลาดพร้าว", "บางเขน"}

// Services: names of the counters an agency of each kind runs, Thai and
// English. %s is the agency's display name (อบต.หนองบัว, สำนักงานเขตจตุจักร);
// the first entry is the main office.
var saoServices = []svc{
	{"ศูนย์บริการร่วม (One Stop Service) %s", "%s One Stop Service"},
	{"กองคลัง %s (ชำระภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "%s Finance Division (land, building and signboard tax)"},
	{"กองช่าง %s (ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร)", "%s Engineering Division (building permits)"},
	{"สำนักปลัด %s งานทะเบียนพาณิชย์", "%s Office of the Permanent Secretary, Commercial Registration"},
	{"กองสวัสดิการสังคม %s (ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและคนพิการ)", "%s Social Welfare Division (old-age and disability allowances)"},
	{"กองสาธารณสุขและสิ่งแวดล้อม %s (ใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ)", "%s Public Health and Environment Division (health hazard business licences)"},
	{"กองการศึกษา ศาสนาและวัฒนธรรม %s", "%s Education, Religion and Culture Division"},
	{"ศูนย์ข้อมูลข่าวสาร %s", "%s Official Information Center"},
	{"งานป้องกันและบรรเทาสาธารณภัย %s", "%s Disaster Prevention and Mitigation"},
}

var municipalServices = []svc{
	{"ศูนย์บริการร่วม (One Stop Service) %s", "%s One Stop Service"},
	{"งานทะเบียนราษฎร สำนักทะเบียนท้องถิ่น%s", "%s Local Civil Registration Office"},
	{"กองคลัง %s (ชำระภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "%s Finance Division (land, building and signboard tax)"},
	{"กองช่าง %s (ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร)", "%s Engineering Division (building permits)"},
	{"กองสาธารณสุขและสิ่งแวดล้อม %s (ใบอนุญาตจำหน่ายอาหารและสะสมอาหาร)", "%s Public Health and Environment Division (food shop licences)"},
	{"กองสวัสดิการสังคม %s (ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและคนพิการ)", "%s Social Welfare Division (old-age and disability allowances)"},
	{"สำนักปลัด %s งานทะเบียนพาณิชย์", "%s Office of the Municipal Clerk, Commercial Registration"},
	{"กองการศึกษา %s", "%s Education Division"},
	{"ศูนย์ข้อมูลข่าวสาร %s", "%s Official Information Center"},
	{"ศูนย์บริการสาธารณสุข %s", "%s Public Health Service Center"},
	{"งานป้องกันและบรรเทาสาธารณภัย %s", "%s Disaster Prevention and Mitigation"},
	{"สถานีดับเพลิง %s", "%s Fire Station"},
}

var paoServices = []svc{
	{"ศูนย์บริการร่วม (One Stop Service) %s", "%s One Stop Service"},
	{"กองคลัง %s (ภาษีบำรุง อบจ. จากสถานการค้าปลีกยาสูบ น้ำมัน และค่าธรรมเนียมผู้เข้าพักในโรงแรม)", "%s Finance Division (PAO tobacco, fuel and hotel levies)"},
	{"กองช่าง %s", "%s Engineering Division"},
	{"กองสาธารณสุข %s", "%s Public Health Division"},
	{"กองการศึกษา ศาสนาและวัฒนธรรม %s", "%s Education, Religion and Culture Division"},
	{"ศูนย์ข้อมูลข่าวสาร %s", "%s Official Information Center"},
}

var districtServices = []svc{
	{"ศูนย์บริการประชาชนที่ว่าการอำเภอ%s", "%s District Office Public Service Center"},
	{"งานทะเบียนราษฎรและบัตรประจำตัวประชาชน อำเภอ%s", "%s District Civil Registration and ID Cards"},
	{"งานทะเบียนทั่วไป (ทะเบียนครอบครัว สมรส หย่า) อำเภอ%s", "%s District General Registration (family, marriage, divorce)"},
	{"ศูนย์ดำรงธรรมอำเภอ%s", "%s District Damrongdhama Center"},
	{"งานความมั่นคง (ใบอนุญาตอาวุธปืน) อำเภอ%s", "%s District Security Section (firearm licences)"},
	{"ศูนย์ไกล่เกลี่ยข้อพิพาทอำเภอ%s", "%s District Mediation Center"},
	{"งานมูลนิธิและสมาคม อำเภอ%s", "%s District Foundations and Associations"},
}

var khetServices = []svc{
	{"ฝ่ายทะเบียน สำนักงานเขต%s (ทะเบียนราษฎรและบัตรประจำตัวประชาชน)", "%s District Office Registration Section"},
	{"ฝ่ายรายได้ สำนักงานเขต%s (ภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "%s District Office Revenue Section"},
	{"ฝ่ายโยธา สำนักงานเขต%s (ขออนุญาตก่อสร้างอาคาร)", "%s District Office Public Works Section"},
	{"ฝ่ายสิ่งแวดล้อมและสุขาภิบาล สำนักงานเขต%s (ใบอนุญาตประกอบกิจการ)", "%s District Office Environment and Sanitation Section"},
	{"ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม สำนักงานเขต%s (เบี้ยยังชีพผู้สูงอายุ)", "%s District Office Community Development and Social Welfare Section"},
	{"ฝ่ายปกครอง สำนักงานเขต%s (ทะเบียนทั่วไป จดทะเบียนสมรส)", "%s District Office Administration Section (marriage registration)"},
	{"ฝ่ายเทศกิจ สำนักงานเขต%s", "%s District Office City Law Enforcement Section"},
	{"ฝ่ายรักษาความสะอาดและสวนสาธารณะ สำนักงานเขต%s (ขอใช้บริการเก็บขนมูลฝอย)", "%s District Office Cleansing and Parks Section (waste collection)"},
	{"ฝ่ายการศึกษา สำนักงานเขต%s", "%s District Office Education Section"},
	{"ฝ่ายการคลัง สำนักงานเขต%s", "%s District Office Finance Section"},
}

var provinceServices = []svc{
	{"ศาลากลางจังหวัด%s", "%s City Hall"},
	{"ศูนย์ดำรงธรรมจังหวัด%s", "%s Provincial Damrongdhama Center"},
	{"สำนักงานจังหวัด%s (งานรับเรื่องราวร้องทุกข์)", "%s Provincial Office (petitions)"},
	{"ศูนย์บริการร่วม (One Stop Service) ศาลากลางจังหวัด%s", "%s City Hall One Stop Service"},
}

// hqServices fit any central agency's head office; %s is its name.
var hqServices = []svc{
	{"ศูนย์บริการประชาชน %s", "%s Public Service Center"},
	{"ศูนย์ข้อมูลข่าวสารราชการ %s", "%s Official Information Center"},
	{"ศูนย์รับเรื่องร้องเรียน %s", "%s Complaints Center"},
	{"ศูนย์บริการร่วม (One Stop Service) %s", "%s One Stop Service Center"},
	{"งานสารบรรณกลาง %s (รับหนังสือราชการ)", "%s Central Correspondence Unit"},
}

// deptServices are real head-office counters of particular departments.
var deptServices = map[string][]svc{
	"dopa":       {{"สำนักบริหารการทะเบียน กรมการปกครอง", "Bureau of Registration Administration"}, {"ศูนย์บริการประชาชนกรมการปกครอง (งานอาวุธปืน)", "DOPA Public Service Center (firearms)"}},
	"dol":        {{"ศูนย์บริการข้อมูลที่ดิน กรมที่ดิน", "Land Information Service Center"}, {"สำนักมาตรฐานการทะเบียนที่ดิน กรมที่ดิน", "Bureau of Land Registration Standards"}},
	"dlt":        {{"สำนักทะเบียนและภาษีรถ กรมการขนส่งทางบก", "Bureau of Vehicle Registration and Tax"}, {"จุดบริการรับชำระภาษีรถในห้างสรรพสินค้า (Shop Thru for Tax)", "Shop Thru for Tax"}},
	"rd":         {{"ศูนย์บริการผู้เสียภาษี กรมสรรพากร (อาคารกรมสรรพากร พหลโยธิน)", "Revenue Department Taxpayer Service Center"}},
	"dbd":        {{"ศูนย์บริการจดทะเบียนธุรกิจ กรมพัฒนาธุรกิจการค้า (สนามบินน้ำ)", "Business Registration Service Center (Sanambinnam)"}, {"ศูนย์บริการข้อมูลธุรกิจ กรมพัฒนาธุรกิจการค้า", "Business Information Service Center"}},
	"doe":        {{"ศูนย์บริการจัดหางานเพื่อคนต่างด้าว (One Stop Service)", "One Stop Service Center for Foreign Workers"}, {"สำนักงานบริหารแรงงานไทยไปต่างประเทศ", "Overseas Employment Administration Office"}},
	"sso":        {{"ศูนย์บริการประกันสังคม สำนักงานใหญ่ (ติวานนท์)", "Social Security Office Head Office Service Center"}},
	"consular":   {{"สำนักงานหนังสือเดินทาง (ศูนย์ราชการแจ้งวัฒนะ)", "Passport Office (Chaeng Watthana)"}, {"กองสัญชาติและนิติกรณ์ (รับรองเอกสาร)", "Legalization Division"}},
	"fda":        {{"ศูนย์บริการผลิตภัณฑ์สุขภาพเบ็ดเสร็จ (One Stop Service Center)", "Health Products One Stop Service Center"}},
	"diw":        {{"ศูนย์บริการเบ็ดเสร็จ (One Stop Service) กรมโรงงานอุตสาหกรรม", "Department of Industrial Works One Stop Service"}},
	"dms":        {{"โรงพยาบาลราชวิถี", "Rajavithi Hospital"}, {"สถาบันมะเร็งแห่งชาติ", "National Cancer Institute"}},
	"ddc":        {{"สถาบันบำราศนราดูร", "Bamrasnaradura Infectious Diseases Institute"}},
	"dmh":        {{"สถาบันจิตเวชศาสตร์สมเด็จเจ้าพระยา", "Somdet Chaopraya Institute of Psychiatry"}},
	"ipthailand": {{"ศูนย์บริการประชาชน กรมทรัพย์สินทางปัญญา (ยื่นคำขอจดทะเบียนเครื่องหมายการค้าและสิทธิบัตร)", "Intellectual Property Service Center (trademark and patent filing)"}},
	"police":     {{"ศูนย์รับแจ้งความออนไลน์ สำนักงานตำรวจแห่งชาติ", "Royal Thai Police Online Report Center"}},
}

// onlineURLs are real e-service addresses; other agencies get a plausible
// e-service page on their own domain.
var onlineURLs = map[string][]svc{
	"rd":      {{"ยื่นแบบแสดงรายการภาษีออนไลน์ (e-Filing)", "https://efiling.rd.go.th"}},
	"doe":     {{"ระบบหางานออนไลน์ Smart Job Center", "https://smartjob.doe.go.th"}, {"ขึ้นทะเบียนผู้ประกันตนกรณีว่างงานออนไลน์", "https://empui.doe.go.th"}},
	"dlt":     {{"ชำระภาษีรถประจำปีทางอินเทอร์เน็ต", "https://eservice.dlt.go.th"}},
	"dbd":     {{"จดทะเบียนนิติบุคคลทางอิเล็กทรอนิกส์ (DBD e-Registration)", "https://www.dbd.go.th/e-registration"}},
	"sso":     {{"บริการผู้ประกันตนออนไลน์ (e-Self Service)", "https://www.sso.go.th/eservices"}},
	"police":  {{"แจ้งความออนไลน์", "https://thaipoliceonline.go.th"}},
	"dga":     {{"ศูนย์รวมข้อมูลเพื่อติดต่อราชการ (info.go.th)", "https://info.go.th"}},
	"ops-opm": {{"ศูนย์บริการประชาชน 1111 ร้องเรียนออนไลน์", "https://1111.go.th"}},
	"customs": {{"ระบบพิธีการศุลกากรทางอิเล็กทรอนิกส์ (e-Customs)", "https://www.customs.go.th/e-customs"}},
	"bma":     {{"แจ้งเรื่องร้องเรียนกรุงเทพมหานคร (Traffy Fondue)", "https://bangkok.traffy.in.th"}},
}

// bmaUnits are bureaus of the Bangkok Metropolitan Administration.
var bmaUnits = []svc{
	{"สำนักการแพทย์ กรุงเทพมหานคร", "Medical Service Department, Bangkok"},
	{"สำนักอนามัย กรุงเทพมหานคร", "Health Department, Bangkok"},
	{"สำนักการโยธา กรุงเทพมหานคร", "Public Works Department, Bangkok"},
	{"สำนักการคลัง กรุงเทพมหานคร", "Finance Department, Bangkok"},
	{"สำนักเทศกิจ กรุงเทพมหานคร", "City Law Enforcement Department, Bangkok"},
	{"สำนักสิ่งแวดล้อม กรุงเทพมหานคร", "Environment Department, Bangkok"},
	{"สำนักการจราจรและขนส่ง กรุงเทพมหานคร", "Traffic and Transportation Department, Bangkok"},
	{"สำนักพัฒนาสังคม กรุงเทพมหานคร", "Social Development Department, Bangkok"},
	{"สำนักการศึกษา กรุงเทพมหานคร", "Education Department, Bangkok"},
	{"สำนักป้องกันและบรรเทาสาธารณภัย กรุงเทพมหานคร", "Fire and Rescue Department, Bangkok"},
	{"สำนักการระบายน้ำ กรุงเทพมหานคร", "Drainage and Sewerage Department, Bangkok"},
	{"สำนักผังเมือง กรุงเทพมหานคร", "City Planning and Urban Development Department, Bangkok"},
	{"สำนักวัฒนธรรม กีฬา และการท่องเที่ยว กรุงเทพมหานคร", "Culture, Sports and Tourism Department, Bangkok"},
}

// bmaHospitals are the hospitals of the BMA Medical Service Department.
var bmaHospitals = []svc{
	{"โรงพยาบาลกลาง", "Klang Hospital"}, {"โรงพยาบาลตากสิน", "Taksin Hospital"},
	{"โรงพยาบาลเจริญกรุงประชารักษ์", "Charoenkrung Pracharak Hospital"},
	{"โรงพยาบาลหลวงพ่อทวีศักดิ์ ชุตินฺธโร อุทิศ", "Luang Pho Thaweesak Chutindharo Uthit Hospital"},
	{"โรงพยาบาลเวชการุณย์รัศมิ์", "Vejakarunrasmi Hospital"}, {"โรงพยาบาลลาดกระบังกรุงเทพมหานคร", "Lat Krabang Hospital"},
	{"โรงพยาบาลราชพิพัฒน์", "Ratchaphiphat Hospital"}, {"โรงพยาบาลสิรินธร", "Sirindhorn Hospital"},
	{"โรงพยาบาลผู้สูงอายุบางขุนเทียน", "Bang Khun Thian Geriatric Hospital"},
	{"โรงพยาบาลคลองสามวา", "Khlong Sam Wa Hospital"}, {"โรงพยาบาลบางนากรุงเทพมหานคร", "Bang Na Hospital"},
}

// cityMunicipalities are the 30 เทศบาลนคร: province code, name, English
// name, and the district they sit in.
var cityMunicipalities = []struct{ prov, th, en, district string }{
	{"11", "สมุทรปราการ", "Samut Prakan", "เมืองสมุทรปราการ"},
	{"12", "นนทบุรี", "Nonthaburi", "เมืองนนทบุรี"},
	{"12", "ปากเกร็ด", "Pak Kret", "ปากเกร็ด"},
	{"13", "รังสิต", "Rangsit", "ธัญบุรี"},
	{"14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", "พระนครศรีอยุธยา"},
	{"20", "แหลมฉบัง", "Laem Chabang", "ศรีราชา"},
	{"20", "เจ้าพระยาสุรศักดิ์", "Chao Phraya Surasak", "ศรีราชา"},
	{"21", "ระยอง", "Rayong", "เมืองระยอง"},
	{"30", "นครราชสีมา", "Nakhon Ratchasima", "เมืองนครราชสีมา"},
	{"34", "อุบลราชธานี", "Ubon Ratchathani", "เมืองอุบลราชธานี"},
	{"40", "ขอนแก่น", "Khon Kaen", "เมืองขอนแก่น"},
	{"41", "อุดรธานี", "Udon Thani", "เมืองอุดรธานี"},
	{"47", "สกลนคร", "Sakon Nakhon", "เมืองสกลนคร"},
	{"50", "เชียงใหม่", "Chiang Mai", "เมืองเชียงใหม่"},
	{"52", "ลำปาง", "Lampang", "เมืองลำปาง"},
	{"57", "เชียงราย", "Chiang Rai", "เมืองเชียงราย"},
	{"60", "นครสวรรค์", "Nakhon Sawan", "เมืองนครสวรรค์"},
	{"63", "แม่สอด", "Mae Sot", "แม่สอด"},
	{"65", "พิษณุโลก", "Phitsanulok", "เมืองพิษณุโลก"},
	{"73", "นครปฐม", "Nakhon Pathom", "เมืองนครปฐม"},
	{"74", "สมุทรสาคร", "Samut Sakhon", "เมืองสมุทรสาคร"},
	{"74", "อ้อมน้อย", "Om Noi", "กระทุ่มแบน"},
	{"80", "นครศรีธรรมราช", "Nakhon Si Thammarat", "เมืองนครศรีธรรมราช"},
	{"83", "ภูเก็ต", "Phuket", "เมืองภูเก็ต"},
	{"84", "สุราษฎร์ธานี", "Surat Thani", "เมืองสุราษฎร์ธานี"},
	{"84", "เกาะสมุย", "Ko Samui", "เกาะสมุย"},
	{"90", "สงขลา", "Songkhla", "เมืองสงขลา"},
	{"90", "หาดใหญ่", "Hat Yai", "หาดใหญ่"},
	{"92", "ตรัง", "Trang", "เมืองตรัง"},
	{"95", "ยะลา", "Yala", "เมืองยะลา"},
}

// universityServices are the counters of a university.
var universityServices = []svc{
	{"สำนักทะเบียนและประมวลผล %s", "%s Office of the Registrar"},
	{"ศูนย์รับสมัครนักศึกษา %s", "%s Admissions Center"},
	{"สำนักหอสมุด %s", "%s Library"},
	{"กองกิจการนักศึกษา %s (ทุนการศึกษาและกองทุนเงินให้กู้ยืมเพื่อการศึกษา)", "%s Student Affairs Division (scholarships and student loans)"},
	{"ศูนย์บริการวิชาการ %s", "%s Academic Service Center"},
}

// seServices are a state enterprise's head-office counters.
var seServices = []svc{
	{"สำนักงานใหญ่ %s", "%s Head Office"},
	{"ศูนย์บริการลูกค้า %s", "%s Customer Service Center"},
}
