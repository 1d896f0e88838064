package openinfo

// Province is one of Thailand's 77 provinces (Bangkok counted as one), keyed by
// its ISO 3166-2:TH code. Lat/Lon is an approximate centre, for maps and data.
type Province struct {
	Code     string
	NameTH   string
	NameEN   string
	Region   string
	Lat, Lon float64
}

// Name returns the province name in lang.
func (p Province) Name(lang string) string {
	return Text{p.NameTH, p.NameEN}.In(lang)
}

// Regions in the order the directory lists them.
var Regions = []struct{ Code, TH, EN string }{
	{"central", "ภาคกลาง", "Central"},
	{"east", "ภาคตะวันออก", "East"},
	{"northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"},
	{"north", "ภาคเหนือ", "North"},
	{"west", "ภาคตะวันตก", "West"},
	{"south", "ภาคใต้", "South"},
}

// Provinces lists all 77 provinces in code order.
var Provinces = []Province{
	{"10", "กรุงเทพมหานคร", "Bangkok", "central", 13.75, 100.50},
	{"11", "สมุทรปราการ", "Samut Prakan", "central", 13.60, 100.60},
	{"12", "นนทบุรี", "Nonthaburi", "central", 13.86, 100.51},
	{"13", "ปทุมธานี", "Pathum Thani", "central", 14.02, 100.53},
	{"14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", "central", 14.35, 100.57},
	{"15", "อ่างทอง", "Ang Thong", "central", 14.59, 100.45},
	{"16", "ลพบุรี", "Lop Buri", "central", 14.80, 100.65},
	{"17", "สิงห์บุรี", "Sing Buri", "central", 14.89, 100.40},
	{"18", "ชัยนาท", "Chai Nat", "central", 15.19, 100.13},
	{"19", "สระบุรี", "Saraburi", "central", 14.53, 100.91},
	{"20", "ชลบุรี", "Chon Buri", "east", 13.36, 100.98},
	{"21", "ระยอง", "Rayong", "east", 12.68, 101.28},
	{"22", "จันทบุรี", "Chanthaburi", "east", 12.61, 102.10},
	{"23", "ตราด", "Trat", "east", 12.24, 102.52},
	{"24", "ฉะเชิงเทรา", "Chachoengsao", "east", 13.69, 101.07},
	{"25", "ปราจีนบุรี", "Prachin Buri", "east", 14.05, 101.37},
	{"26", "นครนายก", "Nakhon Nayok", "central", 14.20, 101.21},
	{"27", "สระแก้ว", "Sa Kaeo", "east", 13.82, 102.07},
	{"30", "นครราชสีมา", "Nakhon Ratchasima", "northeast", 14.97, 102.10},
	{"31", "บุรีรัมย์", "Buri Ram", "northeast", 14.99, 103.10},
	{"32", "สุรินทร์", "Surin", "northeast", 14.88, 103.49},
	{"33", "ศรีสะเกษ", "Si Sa Ket", "northeast", 15.12, 104.32},
	{"34", "อุบลราชธานี", "Ubon Ratchathani", "northeast", 15.24, 104.85},
	{"35", "ยโสธร", "Yasothon", "northeast", 15.79, 104.15},
	{"36", "ชัยภูมิ", "Chaiyaphum", "northeast", 15.81, 102.03},
	{"37", "อำนาจเจริญ", "Amnat Charoen", "northeast", 15.86, 104.63},
	{"38", "บึงกาฬ", "Bueng Kan", "northeast", 18.36, 103.65},
	{"39", "หนองบัวลำภู", "Nong Bua Lam Phu", "northeast", 17.20, 102.44},
	{"40", "ขอนแก่น", "Khon Kaen", "northeast", 16.43, 102.84},
	{"41", "อุดรธานี", "Udon Thani", "northeast", 17.41, 102.79},
	{"42", "เลย", "Loei", "northeast", 17.49, 101.72},
	{"43", "หนองคาย", "Nong Khai", "northeast", 17.88, 102.74},
	{"44", "มหาสารคาม", "Maha Sarakham", "northeast", 16.18, 103.30},
	{"45", "ร้อยเอ็ด", "Roi Et", "northeast", 16.05, 103.65},
	{"46", "กาฬสินธุ์", "Kalasin", "northeast", 16.43, 103.51},
	{"47", "สกลนคร", "Sakon Nakhon", "northeast", 17.16, 104.15},
	{"48", "นครพนม", "Nakhon Phanom", "northeast", 17.39, 104.78},
	{"49", "มุกดาหาร", "Mukdahan", "northeast", 16.54, 104.72},
	{"50", "เชียงใหม่", "Chiang Mai", "north", 18.79, 98.98},
	{"51", "ลำพูน", "Lamphun", "north", 18.58, 99.01},
	{"52", "ลำปาง", "Lampang", "north", 18.29, 99.49},
	{"53", "อุตรดิตถ์", "Uttaradit", "north", 17.62, 100.10},
	{"54", "แพร่", "Phrae", "north", 18.14, 100.14},
	{"55", "น่าน", "Nan", "north", 18.78, 100.78},
	{"56", "พะเยา", "Phayao", "north", 19.17, 99.90},
	{"57", "เชียงราย", "Chiang Rai", "north", 19.91, 99.83},
	{"58", "แม่ฮ่องสอน", "Mae Hong Son", "north", 19.30, 97.97},
	{"60", "นครสวรรค์", "Nakhon Sawan", "north", 15.70, 100.14},
	{"61", "อุทัยธานี", "Uthai Thani", "north", 15.38, 100.02},
	{"62", "กำแพงเพชร", "Kamphaeng Phet", "north", 16.48, 99.52},
	{"63", "ตาก", "Tak", "west", 16.88, 99.13},
	{"64", "สุโขทัย", "Sukhothai", "north", 17.01, 99.82},
	{"65", "พิษณุโลก", "Phitsanulok", "north", 16.82, 100.26},
	{"66", "พิจิตร", "Phichit", "north", 16.44, 100.35},
	{"67", "เพชรบูรณ์", "Phetchabun", "north", 16.42, 101.16},
	{"70", "ราชบุรี", "Ratchaburi", "west", 13.54, 99.82},
	{"71", "กาญจนบุรี", "Kanchanaburi", "west", 14.02, 99.53},
	{"72", "สุพรรณบุรี", "Suphan Buri", "central", 14.47, 100.12},
	{"73", "นครปฐม", "Nakhon Pathom", "central", 13.82, 100.06},
	{"74", "สมุทรสาคร", "Samut Sakhon", "central", 13.55, 100.27},
	{"75", "สมุทรสงคราม", "Samut Songkhram", "central", 13.41, 100.00},
	{"76", "เพชรบุรี", "Phetchaburi", "west", 13.11, 99.94},
	{"77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan", "west", 11.81, 99.80},
	{"80", "นครศรีธรรมราช", "Nakhon Si Thammarat", "south", 8.43, 99.96},
	{"81", "กระบี่", "Krabi", "south", 8.09, 98.91},
	{"82", "พังงา", "Phangnga", "south", 8.45, 98.53},
	{"83", "ภูเก็ต", "Phuket", "south", 7.88, 98.39},
	{"84", "สุราษฎร์ธานี", "Surat Thani", "south", 9.14, 99.33},
	{"85", "ระนอง", "Ranong", "south", 9.96, 98.64},
	{"86", "ชุมพร", "Chumphon", "south", 10.49, 99.18},
	{"90", "สงขลา", "Songkhla", "south", 7.19, 100.60},
	{"91", "สตูล", "Satun", "south", 6.62, 100.07},
	{"92", "ตรัง", "Trang", "south", 7.56, 99.61},
	{"93", "พัทลุง", "Phatthalung", "south", 7.62, 100.08},
	{"94", "ปัตตานี", "Pattani", "south", 6.87, 101.25},
	{"95", "ยะลา", "Yala", "south", 6.54, 101.28},
	{"96", "นราธิวาส", "Narathiwat", "south", 6.43, 101.82},
}

var provinceByCode = func() map[string]Province {
	m := make(map[string]Province, len(Provinces))
	for _, p := range Provinces {
		m[p.Code] = p
	}
	return m
}()

// ProvinceByCode finds a province by its two-digit code.
func ProvinceByCode(code string) (Province, bool) {
	p, ok := provinceByCode[code]
	return p, ok
}
