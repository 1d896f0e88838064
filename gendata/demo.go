package gendata

import "github.com/openinfo/openinfo"

// Demo returns a small curated data set for a new user's first start: about
// 40 real, recognisable agencies and 60 service points in Bangkok, Nonthaburi,
// Chiang Mai, Khon Kaen and Songkhla. Agency names are real; addresses,
// phones and pins are plausible, close to the real ones but not checked, so
// they are not to be relied on. It has every point kind, weekday, Saturday
// and 24-hour opening hours, extensions and hotlines, and one hidden point.
func Demo() *Dataset {
	b := &demoBuilder{ds: &Dataset{}}
	b.build()
	b.processes()
	return b.ds
}

type demoBuilder struct{ ds *Dataset }

func addr(line, sub, dist, prov, post string) openinfo.Address {
	return openinfo.Address{Line: line, Subdistrict: sub, District: dist, ProvinceCode: prov, Postcode: post}
}

func (b *demoBuilder) agency(parent int64, typ openinfo.AgencyType, th, en, short string, a openinfo.Address, phones []string, domain string) int64 {
	c := openinfo.Contact{Address: a, Phones: phones}
	if domain != "" {
		c.Email = "saraban@" + domain
		c.Website = "https://www." + domain
	}
	id := int64(len(b.ds.Agencies) + 1)
	b.ds.Agencies = append(b.ds.Agencies, openinfo.Agency{
		ID: id, ParentID: parent, Type: typ, NameTH: th, NameEN: en, ShortName: short, Contact: c, Status: openinfo.StatusActive,
	})
	return id
}

// counter adds a walk-in point at a, pinned at lat/lon.
func (b *demoBuilder) counter(agency int64, th, en string, a openinfo.Address, lat, lon float64, phones []string, h openinfo.OpeningHours) *openinfo.ServicePoint {
	return b.add(openinfo.ServicePoint{AgencyID: agency, NameTH: th, NameEN: en, Kind: openinfo.PointCounter,
		Address: a, HasLocation: true, Lat: lat, Lon: lon, Phones: phones, Hours: h})
}

func (b *demoBuilder) online(agency int64, th, en, url string) {
	b.add(openinfo.ServicePoint{AgencyID: agency, NameTH: th, NameEN: en, Kind: openinfo.PointOnline, URL: url, Hours: hours24()})
}

func (b *demoBuilder) phone(agency int64, th, en string, phones []string, h openinfo.OpeningHours) {
	b.add(openinfo.ServicePoint{AgencyID: agency, NameTH: th, NameEN: en, Kind: openinfo.PointPhone, Phones: phones, Hours: h})
}

func (b *demoBuilder) add(p openinfo.ServicePoint) *openinfo.ServicePoint {
	p.ID = int64(len(b.ds.Points) + 1)
	p.Visible = true
	b.ds.Points = append(b.ds.Points, p)
	return &b.ds.Points[len(b.ds.Points)-1]
}

func (b *demoBuilder) build() {
	const (
		bkk, ntb, cm, kk, sk = "10", "12", "50", "40", "90"
		ministry, dept       = openinfo.AgencyMinistry, openinfo.AgencyDepartment
		regional             = openinfo.AgencyRegionalOffice
	)
	ph := func(p ...string) []string { return p }

	// Office of the Prime Minister: the 1111 government hotline, and DGA,
	// which runs this portal.
	govHouse := addr("ทำเนียบรัฐบาล ถนนพิษณุโลก", "แขวงดุสิต", "เขตดุสิต", bkk, "10300")
	opm := b.agency(0, ministry, "สำนักนายกรัฐมนตรี", "Office of the Prime Minister", "นร.", govHouse, ph("022803000"), "opm.go.th")
	ops := b.agency(opm, dept, "สำนักงานปลัดสำนักนายกรัฐมนตรี", "Office of the Permanent Secretary, Office of the Prime Minister", "สปน.", govHouse, ph("022829000", "1111"), "opm.go.th")
	b.counter(ops, "ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี", "Public Service Center, Office of the Permanent Secretary",
		govHouse, 13.7626, 100.5135, ph("022829000 #1111"), hoursOffice())
	b.phone(ops, "สายด่วนรัฐบาล 1111", "Government Hotline 1111", ph("1111"), hours24())
	b.online(ops, "ร้องเรียนออนไลน์ ศูนย์บริการประชาชน 1111", "1111 online complaints", "https://1111.go.th")
	dga := b.agency(opm, openinfo.AgencyPublicOrg, "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "Digital Government Development Agency (Public Organization)", "สพร.",
		addr("เลขที่ 108 อาคารบางกอกไทยทาวเวอร์ ชั้น 17 ถนนรางน้ำ", "แขวงถนนพญาไท", "เขตราชเทวี", bkk, "10400"), ph("026126000"), "dga.or.th")
	b.phone(dga, "ศูนย์บริการข้อมูล สพร. (DGA Contact Center)", "DGA Contact Center", ph("026126060"), hoursCallCentre())
	b.online(dga, "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ (info.go.th)", "Government information portal (info.go.th)", "https://info.go.th")

	// Ministry of Interior.
	moiAddr := addr("ถนนอัษฎางค์", "แขวงวังบูรพาภิรมย์", "เขตพระนคร", bkk, "10200")
	moi := b.agency(0, ministry, "กระทรวงมหาดไทย", "Ministry of Interior", "มท.", moiAddr, ph("022221141", "1567"), "moi.go.th")
	b.phone(moi, "ศูนย์ดำรงธรรมกระทรวงมหาดไทย สายด่วน 1567", "Damrongdhama Center Hotline 1567", ph("1567"), hours24())

	dopa := b.agency(moi, dept, "กรมการปกครอง", "Department of Provincial Administration", "ปค.", moiAddr, ph("022218156", "1548"), "dopa.go.th")
	b.counter(dopa, "สำนักบริหารการทะเบียน กรมการปกครอง", "Bureau of Registration Administration",
		addr("เลขที่ 119 ถนนแจ้งวัฒนะ", "แขวงทุ่งสองห้อง", "เขตหลักสี่", bkk, "10210"), 13.8840, 100.5650, ph("027918000 #1120"), hoursOffice())
	b.phone(dopa, "ศูนย์บริการข้อมูลกรมการปกครอง สายด่วน 1548", "DOPA Call Center 1548", ph("1548"), hoursCallCentre())

	cmDist := addr("ถนนพระปกเกล้า", "ตำบลศรีภูมิ", "อำเภอเมืองเชียงใหม่", cm, "50200")
	amphoeCM := b.agency(dopa, openinfo.AgencyDistrict, "ที่ว่าการอำเภอเมืองเชียงใหม่", "Mueang Chiang Mai District Office", "", cmDist, ph("053112471"), "")
	b.counter(amphoeCM, "งานทะเบียนราษฎรและบัตรประจำตัวประชาชน ที่ว่าการอำเภอเมืองเชียงใหม่", "Mueang Chiang Mai District Civil Registration and ID Cards",
		cmDist, 18.7905, 98.9880, ph("053112471 #12"), hoursSaturday())
	b.counter(amphoeCM, "งานทะเบียนทั่วไป (ทะเบียนครอบครัว สมรส หย่า) อำเภอเมืองเชียงใหม่", "Mueang Chiang Mai District General Registration (family, marriage, divorce)",
		cmDist, 18.7906, 98.9882, ph("053112471 #14"), hoursOffice())
	b.counter(amphoeCM, "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่", "Mueang Chiang Mai District Damrongdhama Center",
		cmDist, 18.7904, 98.9879, ph("053112472"), hoursNoBreak())
	closed := b.counter(amphoeCM, "จุดบริการงานทะเบียนและบัตร อำเภอเมืองเชียงใหม่ (กาดสวนแก้ว)", "Mueang Chiang Mai Registration Service Point (Kad Suan Kaew)",
		addr("เลขที่ 21 ถนนห้วยแก้ว", "ตำบลสุเทพ", "อำเภอเมืองเชียงใหม่", cm, "50200"), 18.7960, 98.9680, ph("053224444"), hoursMall())
	closed.Visible = false // the mall counter closed; kept for its history

	hyDist := addr("ถนนเพชรเกษม", "ตำบลหาดใหญ่", "อำเภอหาดใหญ่", sk, "90110")
	amphoeHY := b.agency(dopa, openinfo.AgencyDistrict, "ที่ว่าการอำเภอหาดใหญ่", "Hat Yai District Office", "", hyDist, ph("074251100"), "")
	b.counter(amphoeHY, "งานทะเบียนราษฎรและบัตรประจำตัวประชาชน ที่ว่าการอำเภอหาดใหญ่", "Hat Yai District Civil Registration and ID Cards",
		hyDist, 7.0200, 100.4790, ph("074251100 #21"), hoursOffice())
	b.counter(amphoeHY, "ศูนย์ดำรงธรรมอำเภอหาดใหญ่", "Hat Yai District Damrongdhama Center", hyDist, 7.0201, 100.4792, ph("074251101"), hoursOffice())

	dol := b.agency(moi, dept, "กรมที่ดิน", "Department of Lands", "ทด.", addr("ถนนพระพิพิธ", "แขวงพระบรมมหาราชวัง", "เขตพระนคร", bkk, "10200"), ph("021415555"), "dol.go.th")
	b.phone(dol, "ศูนย์บริการข้อมูลที่ดิน กรมที่ดิน", "Land Information Call Center", ph("021415555"), hoursCallCentre())
	b.online(dol, "ระบบค้นหารูปแปลงที่ดิน (LandsMaps)", "LandsMaps parcel search", "https://landsmaps.dol.go.th")
	b.agency(dol, openinfo.AgencyUnit, "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร กรมที่ดิน", "Information and Communication Technology Center, Department of Lands", "",
		addr("ถนนพระพิพิธ", "แขวงพระบรมมหาราชวัง", "เขตพระนคร", bkk, "10200"), ph("021415555 #3100"), "")
	kkGov := addr("ศูนย์ราชการจังหวัดขอนแก่น ถนนศูนย์ราชการ", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000")
	landKK := b.agency(dol, regional, "สำนักงานที่ดินจังหวัดขอนแก่น", "Khon Kaen Provincial Land Office", "", kkGov, ph("043236201"), "")
	b.counter(landKK, "ฝ่ายทะเบียน (จดทะเบียนสิทธิและนิติกรรม) สำนักงานที่ดินจังหวัดขอนแก่น", "Khon Kaen Provincial Land Office – Registration Section",
		kkGov, 16.4410, 102.8310, ph("043236201 #12"), hoursOffice())
	b.counter(landKK, "ฝ่ายรังวัด สำนักงานที่ดินจังหวัดขอนแก่น", "Khon Kaen Provincial Land Office – Survey Section",
		kkGov, 16.4411, 102.8312, ph("043236201 #20"), hoursNoBreak())
	cmLand := addr("ศูนย์ราชการจังหวัดเชียงใหม่ ถนนโชตนา", "ตำบลช้างเผือก", "อำเภอเมืองเชียงใหม่", cm, "50300")
	landCM := b.agency(dol, regional, "สำนักงานที่ดินจังหวัดเชียงใหม่", "Chiang Mai Provincial Land Office", "", cmLand, ph("053112090"), "")
	b.counter(landCM, "ฝ่ายทะเบียน (จดทะเบียนสิทธิและนิติกรรม) สำนักงานที่ดินจังหวัดเชียงใหม่", "Chiang Mai Provincial Land Office – Registration Section",
		cmLand, 18.8395, 98.9690, ph("053112090 #11"), hoursOffice())
	b.counter(landCM, "สำนักงานที่ดินจังหวัดเชียงใหม่ สาขาสันทราย", "Chiang Mai Provincial Land Office, San Sai Branch",
		addr("ถนนเชียงใหม่-พร้าว", "ตำบลสันทรายหลวง", "อำเภอสันทราย", cm, "50210"), 18.8480, 99.0440, ph("053491130"), hoursOffice())

	dla := b.agency(moi, dept, "กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "สถ.",
		addr("ถนนนครราชสีมา", "แขวงดุสิต", "เขตดุสิต", bkk, "10300"), ph("022419000"), "dla.go.th")
	b.counter(dla, "ศูนย์บริการประชาชน กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration Public Service Center",
		addr("ถนนนครราชสีมา", "แขวงดุสิต", "เขตดุสิต", bkk, "10300"), 13.7705, 100.5095, ph("022419000 #1211"), hoursOffice())

	cmHall := addr("ศาลากลางจังหวัดเชียงใหม่ ถนนโชตนา", "ตำบลช้างเผือก", "อำเภอเมืองเชียงใหม่", cm, "50300")
	provCM := b.agency(moi, openinfo.AgencyProvince, "จังหวัดเชียงใหม่", "Chiang Mai Province", "", cmHall, ph("053112000"), "chiangmai.go.th")
	b.counter(provCM, "ศาลากลางจังหวัดเชียงใหม่", "Chiang Mai City Hall", cmHall, 18.8399, 98.9695, ph("053112000"), hoursOffice())
	b.counter(provCM, "ศูนย์ดำรงธรรมจังหวัดเชียงใหม่", "Chiang Mai Provincial Damrongdhama Center", cmHall, 18.8401, 98.9697, ph("053112000 #1567", "1567"), hoursNoBreak())
	kkHall := addr("ศาลากลางจังหวัดขอนแก่น ถนนศูนย์ราชการ", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000")
	provKK := b.agency(moi, openinfo.AgencyProvince, "จังหวัดขอนแก่น", "Khon Kaen Province", "", kkHall, ph("043236601"), "khonkaen.go.th")
	b.counter(provKK, "ศูนย์ดำรงธรรมจังหวัดขอนแก่น", "Khon Kaen Provincial Damrongdhama Center", kkHall, 16.4400, 102.8330, ph("043236601", "1567"), hoursOffice())

	pea := b.agency(moi, openinfo.AgencyStateEnterprise, "การไฟฟ้าส่วนภูมิภาค", "Provincial Electricity Authority", "กฟภ.",
		addr("เลขที่ 200 ถนนงามวงศ์วาน", "แขวงลาดยาว", "เขตจตุจักร", bkk, "10900"), ph("025895000", "1129"), "pea.co.th")
	b.counter(pea, "การไฟฟ้าส่วนภูมิภาคจังหวัดเชียงใหม่", "PEA Chiang Mai Provincial Office",
		addr("เลขที่ 500 ถนนซุปเปอร์ไฮเวย์เชียงใหม่-ลำปาง", "ตำบลป่าตัน", "อำเภอเมืองเชียงใหม่", cm, "50300"), 18.8170, 98.9960, ph("053241000"), hoursOffice())
	b.phone(pea, "ศูนย์บริการลูกค้า กฟภ. (PEA Contact Center 1129)", "PEA Contact Center 1129", ph("1129"), hours24())
	pwa := b.agency(moi, openinfo.AgencyStateEnterprise, "การประปาส่วนภูมิภาค", "Provincial Waterworks Authority", "กปภ.",
		addr("เลขที่ 72 ถนนแจ้งวัฒนะ", "แขวงทุ่งสองห้อง", "เขตหลักสี่", bkk, "10210"), ph("025510123", "1662"), "pwa.co.th")
	b.counter(pwa, "การประปาส่วนภูมิภาคสาขาขอนแก่น", "PWA Khon Kaen Branch",
		addr("ถนนมิตรภาพ", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000"), 16.4290, 102.8360, ph("043221155"), hoursOffice())

	// Ministry of Transport.
	mot := b.agency(0, ministry, "กระทรวงคมนาคม", "Ministry of Transport", "คค.",
		addr("เลขที่ 38 ถนนราชดำเนินนอก", "แขวงวัดโสมนัส", "เขตป้อมปราบศัตรูพ่าย", bkk, "10100"), ph("022830000"), "mot.go.th")
	dltAddr := addr("เลขที่ 1032 ถนนพหลโยธิน", "แขวงจอมพล", "เขตจตุจักร", bkk, "10900")
	dlt := b.agency(mot, dept, "กรมการขนส่งทางบก", "Department of Land Transport", "ขบ.", dltAddr, ph("022718888", "1584"), "dlt.go.th")
	b.phone(dlt, "สายด่วน 1584 กรมการขนส่งทางบก", "Department of Land Transport Hotline 1584", ph("1584"), hoursCallCentre())
	b.online(dlt, "ชำระภาษีรถประจำปีทางอินเทอร์เน็ต", "Annual vehicle tax payment online", "https://eservice.dlt.go.th")
	skDLTAddr := addr("ถนนกาญจนวนิช", "ตำบลเขารูปช้าง", "อำเภอเมืองสงขลา", sk, "90000")
	dltSK := b.agency(dlt, regional, "สำนักงานขนส่งจังหวัดสงขลา", "Songkhla Provincial Land Transport Office", "", skDLTAddr, ph("074333114"), "")
	b.counter(dltSK, "งานทะเบียนรถ สำนักงานขนส่งจังหวัดสงขลา", "Songkhla Provincial Land Transport Office – Vehicle Registration",
		skDLTAddr, 7.1700, 100.6050, ph("074333114 #11"), hoursOffice())
	b.counter(dltSK, "งานใบอนุญาตขับรถ สำนักงานขนส่งจังหวัดสงขลา", "Songkhla Provincial Land Transport Office – Driving Licences",
		skDLTAddr, 7.1701, 100.6052, ph("074333114 #12"), hoursSaturday())
	b.counter(dltSK, "สำนักงานขนส่งจังหวัดสงขลา สาขาอำเภอหาดใหญ่", "Songkhla Provincial Land Transport Office, Hat Yai District Branch",
		addr("ถนนกาญจนวนิช", "ตำบลคอหงส์", "อำเภอหาดใหญ่", sk, "90110"), 7.0250, 100.4950, ph("074212345"), hoursOffice())
	cmDLTAddr := addr("ถนนเชียงใหม่-ลำปาง", "ตำบลท่าศาลา", "อำเภอเมืองเชียงใหม่", cm, "50000")
	dltCM := b.agency(dlt, regional, "สำนักงานขนส่งจังหวัดเชียงใหม่", "Chiang Mai Provincial Land Transport Office", "", cmDLTAddr, ph("053270390"), "")
	b.counter(dltCM, "ช่องทางด่วนชำระภาษีรถ (Drive Thru for Tax) สำนักงานขนส่งจังหวัดเชียงใหม่", "Chiang Mai Provincial Land Transport Office – Drive Thru for Tax",
		cmDLTAddr, 18.8080, 99.0180, ph("053270390 #105"), hoursExtended())

	// Finance, labour, commerce, health, higher education.
	mof := b.agency(0, ministry, "กระทรวงการคลัง", "Ministry of Finance", "กค.", addr("ถนนพระรามที่ 6", "แขวงพญาไท", "เขตพญาไท", bkk, "10400"), ph("021269000"), "mof.go.th")
	rd := b.agency(mof, dept, "กรมสรรพากร", "Revenue Department", "", addr("เลขที่ 90 ซอยพหลโยธิน 7 ถนนพหลโยธิน", "แขวงพญาไท", "เขตพญาไท", bkk, "10400"), ph("022729000", "1161"), "rd.go.th")
	b.phone(rd, "ศูนย์บริการข้อมูลสรรพากร (RD Call Center 1161)", "Revenue Department Call Center 1161", ph("1161"), hoursCallCentre())
	b.online(rd, "ยื่นแบบแสดงรายการภาษีออนไลน์ (e-Filing)", "Tax e-Filing", "https://efiling.rd.go.th")
	gsb := b.agency(mof, openinfo.AgencyStateEnterprise, "ธนาคารออมสิน", "Government Savings Bank", "ธ.ออมสิน",
		addr("เลขที่ 470 ถนนพหลโยธิน", "แขวงสามเสนใน", "เขตพญาไท", bkk, "10400"), ph("022998000", "1115"), "gsb.or.th")
	b.counter(gsb, "ธนาคารออมสิน สาขาขอนแก่น", "Government Savings Bank, Khon Kaen Branch",
		addr("เลขที่ 231 ถนนศรีจันทร์", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000"), 16.4330, 102.8370, ph("043236212"), hoursBank())
	b.phone(gsb, "ศูนย์บริการลูกค้าธนาคารออมสิน (GSB Contact Center 1115)", "GSB Contact Center 1115", ph("1115"), hours24())

	mol := b.agency(0, ministry, "กระทรวงแรงงาน", "Ministry of Labour", "รง.", addr("ถนนมิตรไมตรี", "แขวงดินแดง", "เขตดินแดง", bkk, "10400"), ph("022322000", "1506"), "mol.go.th")
	sso := b.agency(mol, dept, "สำนักงานประกันสังคม", "Social Security Office", "สปส.",
		addr("เลขที่ 88/28 หมู่ที่ 4 ถนนติวานนท์", "ตำบลตลาดขวัญ", "อำเภอเมืองนนทบุรี", ntb, "11000"), ph("029562345", "1506"), "sso.go.th")
	b.counter(sso, "ศูนย์บริการประกันสังคม สำนักงานใหญ่ (ติวานนท์)", "Social Security Office Head Office Service Center",
		addr("เลขที่ 88/28 หมู่ที่ 4 ถนนติวานนท์", "ตำบลตลาดขวัญ", "อำเภอเมืองนนทบุรี", ntb, "11000"), 13.8560, 100.5070, ph("029562345 #2100"), hoursNoBreak())
	b.phone(sso, "สายด่วนประกันสังคม 1506", "Social Security Hotline 1506", ph("1506"), hours24())
	kkSSO := addr("ถนนมิตรภาพ", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000")
	ssoKK := b.agency(sso, regional, "สำนักงานประกันสังคมจังหวัดขอนแก่น", "Khon Kaen Provincial Social Security Office", "", kkSSO, ph("043321234"), "")
	b.counter(ssoKK, "งานประโยชน์ทดแทน (ยื่นขอรับเงินทดแทน) สำนักงานประกันสังคมจังหวัดขอนแก่น", "Khon Kaen Provincial Social Security Office – Benefits Claims",
		kkSSO, 16.4450, 102.8290, ph("043321234 #4"), hoursOffice())

	mocAddr := addr("เลขที่ 563 ถนนนนทบุรี", "ตำบลบางกระสอ", "อำเภอเมืองนนทบุรี", ntb, "11000")
	moc := b.agency(0, ministry, "กระทรวงพาณิชย์", "Ministry of Commerce", "พณ.", mocAddr, ph("025075000", "1435"), "moc.go.th")
	dbd := b.agency(moc, dept, "กรมพัฒนาธุรกิจการค้า", "Department of Business Development", "พค.", mocAddr, ph("025474425", "1570"), "dbd.go.th")
	b.counter(dbd, "ศูนย์บริการจดทะเบียนธุรกิจ กรมพัฒนาธุรกิจการค้า (สนามบินน้ำ)", "Business Registration Service Center (Sanambinnam)",
		mocAddr, 13.8840, 100.4930, ph("025474425 #2"), hoursNoBreak())
	b.online(dbd, "จดทะเบียนนิติบุคคลทางอิเล็กทรอนิกส์ (DBD e-Registration)", "DBD e-Registration", "https://www.dbd.go.th/e-registration")

	mophAddr := addr("เลขที่ 88/20 ถนนติวานนท์", "ตำบลตลาดขวัญ", "อำเภอเมืองนนทบุรี", ntb, "11000")
	moph := b.agency(0, ministry, "กระทรวงสาธารณสุข", "Ministry of Public Health", "สธ.", mophAddr, ph("025901000"), "moph.go.th")
	fdaAddr := addr("เลขที่ 88/24 ถนนติวานนท์", "ตำบลตลาดขวัญ", "อำเภอเมืองนนทบุรี", ntb, "11000")
	fda := b.agency(moph, dept, "สำนักงานคณะกรรมการอาหารและยา", "Food and Drug Administration", "อย.", fdaAddr, ph("025907000", "1556"), "fda.moph.go.th")
	b.counter(fda, "ศูนย์บริการผลิตภัณฑ์สุขภาพเบ็ดเสร็จ (One Stop Service Center)", "Health Products One Stop Service Center",
		fdaAddr, 13.8520, 100.5130, ph("025907000 #99"), hoursOffice())

	mhesi := b.agency(0, ministry, "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "Ministry of Higher Education, Science, Research and Innovation", "อว.",
		addr("เลขที่ 328 ถนนศรีอยุธยา", "แขวงทุ่งพญาไท", "เขตราชเทวี", bkk, "10400"), ph("026105200", "1313"), "mhesi.go.th")
	cmuAddr := addr("เลขที่ 239 ถนนห้วยแก้ว", "ตำบลสุเทพ", "อำเภอเมืองเชียงใหม่", cm, "50200")
	cmu := b.agency(mhesi, openinfo.AgencyUniversity, "มหาวิทยาลัยเชียงใหม่", "Chiang Mai University", "มช.", cmuAddr, ph("053941000"), "cmu.ac.th")
	b.counter(cmu, "สำนักทะเบียนและประมวลผล มหาวิทยาลัยเชียงใหม่", "Chiang Mai University Registration Office", cmuAddr, 18.8030, 98.9520, ph("053948950"), hoursOffice())
	b.counter(cmu, "โรงพยาบาลมหาราชนครเชียงใหม่", "Maharaj Nakorn Chiang Mai Hospital",
		addr("เลขที่ 110 ถนนอินทวโรรส", "ตำบลศรีภูมิ", "อำเภอเมืองเชียงใหม่", cm, "50200"), 18.7890, 98.9740, ph("053936150"), hoursHospital())
	kkuAddr := addr("เลขที่ 123 ถนนมิตรภาพ", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40002")
	kku := b.agency(mhesi, openinfo.AgencyUniversity, "มหาวิทยาลัยขอนแก่น", "Khon Kaen University", "มข.", kkuAddr, ph("043009700"), "kku.ac.th")
	b.counter(kku, "ศูนย์รับสมัครนักศึกษา มหาวิทยาลัยขอนแก่น", "Khon Kaen University Admissions Center", kkuAddr, 16.4740, 102.8230, ph("043009700 #42400"), hoursOffice())
	b.online(kku, "ระบบรับสมัครนักศึกษาออนไลน์ มหาวิทยาลัยขอนแก่น", "Khon Kaen University online admissions", "https://admissions.kku.ac.th")

	// Local governments: roots of their own.
	bmaAddr := addr("ศาลาว่าการกรุงเทพมหานคร เลขที่ 173 ถนนดินสอ", "แขวงเสาชิงช้า", "เขตพระนคร", bkk, "10200")
	bma := b.agency(0, openinfo.AgencySpecialLocal, "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "กทม.", bmaAddr, ph("022210000", "1555"), "bangkok.go.th")
	b.counter(bma, "ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า)", "Bangkok City Hall (Sao Chingcha)", bmaAddr, 13.7530, 100.5010, ph("022210000"), hoursOffice())
	b.phone(bma, "ศูนย์รับเรื่องราวร้องทุกข์กรุงเทพมหานคร สายด่วน 1555", "Bangkok Complaints Center Hotline 1555", ph("1555"), hours24())
	ccAddr := addr("ถนนพหลโยธิน", "แขวงลาดยาว", "เขตจตุจักร", bkk, "10900")
	chatuchak := b.agency(bma, openinfo.AgencyDistrict, "สำนักงานเขตจตุจักร", "Chatuchak District Office", "", ccAddr, ph("025134444"), "")
	b.counter(chatuchak, "ฝ่ายทะเบียน สำนักงานเขตจตุจักร (ทะเบียนราษฎรและบัตรประจำตัวประชาชน)", "Chatuchak District Office Registration Section",
		ccAddr, 13.8280, 100.5600, ph("025134444 #6611"), hoursOffice())
	b.counter(chatuchak, "ฝ่ายรายได้ สำนักงานเขตจตุจักร (ภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "Chatuchak District Office Revenue Section",
		ccAddr, 13.8281, 100.5602, ph("025134444 #6621"), hoursOffice())
	b.counter(chatuchak, "ศูนย์บริการด่วนมหานคร (BMA Express Service) เขตจตุจักร", "BMA Express Service, Chatuchak",
		addr("ถนนพหลโยธิน", "แขวงจตุจักร", "เขตจตุจักร", bkk, "10900"), 13.8160, 100.5610, ph("029370000"), hoursMall())
	brAddr := addr("ถนนนเรศ", "แขวงสี่พระยา", "เขตบางรัก", bkk, "10500")
	bangrak := b.agency(bma, openinfo.AgencyDistrict, "สำนักงานเขตบางรัก", "Bang Rak District Office", "", brAddr, ph("022367777"), "")
	b.counter(bangrak, "ฝ่ายทะเบียน สำนักงานเขตบางรัก (ทะเบียนราษฎรและบัตรประจำตัวประชาชน)", "Bang Rak District Office Registration Section",
		brAddr, 13.7290, 100.5240, ph("022367777 #6541"), hoursOffice())

	paoAddr := addr("ถนนโชตนา", "ตำบลช้างเผือก", "อำเภอเมืองเชียงใหม่", cm, "50300")
	pao := b.agency(0, openinfo.AgencyPAO, "องค์การบริหารส่วนจังหวัดเชียงใหม่", "Chiang Mai Provincial Administrative Organization", "อบจ.เชียงใหม่", paoAddr, ph("053112360"), "chiangmaipao.go.th")
	b.counter(pao, "กองคลัง อบจ.เชียงใหม่ (ภาษีบำรุง อบจ. จากสถานการค้าปลีกยาสูบ น้ำมัน และค่าธรรมเนียมผู้เข้าพักในโรงแรม)", "Chiang Mai PAO Finance Division (PAO tobacco, fuel and hotel levies)",
		paoAddr, 18.8420, 98.9680, ph("053112360 #201"), hoursOffice())

	cmCityAddr := addr("เลขที่ 1 ถนนวังสิงห์คำ", "ตำบลช้างม่อย", "อำเภอเมืองเชียงใหม่", cm, "50300")
	cmCity := b.agency(0, openinfo.AgencyMunicipality, "เทศบาลนครเชียงใหม่", "Chiang Mai City Municipality", "ทน.เชียงใหม่", cmCityAddr, ph("053259000"), "cmcity.go.th")
	b.counter(cmCity, "ศูนย์บริการร่วม (One Stop Service) เทศบาลนครเชียงใหม่", "Chiang Mai City Municipality One Stop Service",
		cmCityAddr, 18.7960, 99.0010, ph("053259000 #100"), hoursNoBreak())
	b.counter(cmCity, "งานทะเบียนราษฎร สำนักทะเบียนท้องถิ่นเทศบาลนครเชียงใหม่", "Chiang Mai City Municipality Local Civil Registration Office",
		cmCityAddr, 18.7961, 99.0012, ph("053259000 #130"), hoursSaturday())
	b.online(cmCity, "ระบบ e-Service เทศบาลนครเชียงใหม่", "Chiang Mai City Municipality e-Service", "https://www.cmcity.go.th/e-service")
	kkCityAddr := addr("เลขที่ 1 ถนนประชาสโมสร", "ตำบลในเมือง", "อำเภอเมืองขอนแก่น", kk, "40000")
	kkCity := b.agency(0, openinfo.AgencyMunicipality, "เทศบาลนครขอนแก่น", "Khon Kaen City Municipality", "ทน.ขอนแก่น", kkCityAddr, ph("043221306"), "kkmuni.go.th")
	b.counter(kkCity, "กองช่าง เทศบาลนครขอนแก่น (ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร)", "Khon Kaen City Municipality Engineering Division (building permits)",
		kkCityAddr, 16.4320, 102.8400, ph("043221306 #2"), hoursOffice())
	hyCityAddr := addr("เลขที่ 445 ถนนเพชรเกษม", "ตำบลหาดใหญ่", "อำเภอหาดใหญ่", sk, "90110")
	hyCity := b.agency(0, openinfo.AgencyMunicipality, "เทศบาลนครหาดใหญ่", "Hat Yai City Municipality", "ทน.หาดใหญ่", hyCityAddr, ph("074200000"), "hatyaicity.go.th")
	b.counter(hyCity, "ศูนย์บริการร่วม (One Stop Service) เทศบาลนครหาดใหญ่", "Hat Yai City Municipality One Stop Service",
		hyCityAddr, 7.0180, 100.4780, ph("074200000 #1"), hoursNoBreak())
	pyAddr := addr("เลขที่ 9 หมู่ที่ 3", "ตำบลโป่งแยง", "อำเภอแม่ริม", cm, "50180")
	pongyaeng := b.agency(0, openinfo.AgencySAO, "องค์การบริหารส่วนตำบลโป่งแยง", "Pong Yaeng Subdistrict Administrative Organization", "อบต.โป่งแยง", pyAddr, ph("053106670", "0812345678"), "pongyaeng.go.th")
	b.counter(pongyaeng, "ศูนย์บริการร่วม (One Stop Service) อบต.โป่งแยง", "Pong Yaeng SAO One Stop Service", pyAddr, 18.8830, 98.8270, ph("053106670"), hoursOffice())
	b.counter(pongyaeng, "กองคลัง อบต.โป่งแยง (ชำระภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "Pong Yaeng SAO Finance Division (land, building and signboard tax)",
		pyAddr, 18.8831, 98.8272, ph("053106670 #13"), hoursOffice())
	b.phone(pongyaeng, "แจ้งเหตุสาธารณภัย อบต.โป่งแยง", "Pong Yaeng SAO emergency line", ph("0812345678"), hours24())

	// An independent body: the police, with a station open day and night.
	police := b.agency(0, openinfo.AgencyOther, "สำนักงานตำรวจแห่งชาติ", "Royal Thai Police", "ตร.",
		addr("เลขที่ 1 ถนนพระรามที่ 1", "แขวงวังใหม่", "เขตปทุมวัน", bkk, "10330"), ph("022051000", "1599"), "royalthaipolice.go.th")
	b.counter(police, "สถานีตำรวจภูธรเมืองเชียงใหม่", "Mueang Chiang Mai Provincial Police Station",
		addr("ถนนราชวิถี", "ตำบลศรีภูมิ", "อำเภอเมืองเชียงใหม่", cm, "50200"), 18.7920, 98.9880, ph("053276040"), hours24())
	b.phone(police, "ศูนย์รับแจ้งเหตุ สายด่วน 1599", "Police Call Center 1599", ph("1599"), hours24())
}
