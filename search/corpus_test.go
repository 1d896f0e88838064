package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A synthetic corpus shaped like the national data: the same processes
// published by many agencies (so titles and bodies repeat), agencies named
// after their places, and service points with unique addresses.

var provinces = []string{
	"กรุงเทพมหานคร", "เชียงใหม่", "เชียงราย", "ลำปาง", "ลำพูน", "แพร่", "น่าน", "พะเยา", "แม่ฮ่องสอน",
	"ขอนแก่น", "อุดรธานี", "นครราชสีมา", "อุบลราชธานี", "บุรีรัมย์", "สุรินทร์", "ศรีสะเกษ", "ร้อยเอ็ด",
	"มหาสารคาม", "กาฬสินธุ์", "สกลนคร", "นครพนม", "มุกดาหาร", "เลย", "หนองคาย", "ชัยภูมิ", "ยโสธร",
	"นครสวรรค์", "พิษณุโลก", "สุโขทัย", "ตาก", "กำแพงเพชร", "พิจิตร", "เพชรบูรณ์", "อุทัยธานี",
	"ชลบุรี", "ระยอง", "จันทบุรี", "ตราด", "ฉะเชิงเทรา", "ปราจีนบุรี", "สระแก้ว", "นครนายก",
	"นนทบุรี", "ปทุมธานี", "สมุทรปราการ", "พระนครศรีอยุธยา", "อ่างทอง", "ลพบุรี", "สระบุรี", "สิงห์บุรี",
	"ชัยนาท", "สุพรรณบุรี", "กาญจนบุรี", "ราชบุรี", "นครปฐม", "สมุทรสาคร", "สมุทรสงคราม", "เพชรบุรี",
	"ประจวบคีรีขันธ์", "ชุมพร", "ระนอง", "สุราษฎร์ธานี", "พังงา", "ภูเก็ต", "กระบี่", "นครศรีธรรมราช",
	"ตรัง", "พัทลุง", "สงขลา", "สตูล", "ปัตตานี", "ยะลา", "นราธิวาส",
}

var (
	placeHeads = []string{"บาง", "หนอง", "นา", "โพธิ์", "ดอน", "ท่า", "ห้วย", "วัง", "คลอง", "โนน", "เขา", "ทุ่ง", "สัน", "แม่", "ป่า", "หาด"}
	placeTails = []string{"แก้ว", "ทอง", "ใหญ่", "น้อย", "หลวง", "ยาง", "ขาม", "แดง", "สะแก", "ไผ่", "ม่วง", "ตาล", "งาม", "เจริญ", "สามัคคี", "พัฒนา", "ศรี", "ชัย", "บุญ", "สุข"}
)

type process struct {
	title, alt, cat, group, agencyType string
	body                               []string // versions of the body
}

// objects of citizen processes: formal name, colloquial name, category.
var objects = []struct{ formal, colloquial, cat, agencyType string }{
	{"บัตรประจำตัวประชาชน", "บัตรประชาชน", "civil", "district"},
	{"ทะเบียนบ้าน", "ทะเบียนบ้าน", "civil", "district"},
	{"หนังสือเดินทาง", "พาสปอร์ต", "travel", "central"},
	{"ใบอนุญาตขับรถยนต์ส่วนบุคคล", "ใบขับขี่รถยนต์", "transport", "transport"},
	{"ใบอนุญาตขับรถจักรยานยนต์", "ใบขับขี่มอเตอร์ไซค์", "transport", "transport"},
	{"ใบอนุญาตก่อสร้างอาคาร", "ใบอนุญาตก่อสร้าง", "building", "local"},
	{"ใบอนุญาตรื้อถอนอาคาร", "รื้อบ้าน", "building", "local"},
	{"ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", "เปิดร้านอาหาร", "business", "local"},
	{"ใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ", "ใบอนุญาตกิจการ", "business", "local"},
	{"ใบอนุญาตขายสุรา", "ใบอนุญาตขายเหล้า", "business", "excise"},
	{"ใบอนุญาตขายยาสูบ", "ใบอนุญาตขายบุหรี่", "business", "excise"},
	{"ทะเบียนพาณิชย์", "จดทะเบียนร้าน", "business", "local"},
	{"โฉนดที่ดิน", "โฉนด", "land", "land"},
	{"หนังสือรับรองการทำประโยชน์", "นส 3", "land", "land"},
	{"เบี้ยยังชีพผู้สูงอายุ", "เบี้ยคนแก่", "welfare", "local"},
	{"เบี้ยความพิการ", "เบี้ยคนพิการ", "welfare", "local"},
	{"บัตรประจำตัวคนพิการ", "บัตรคนพิการ", "welfare", "social"},
	{"ประโยชน์ทดแทนกรณีว่างงาน", "เงินตกงาน", "labour", "social"},
	{"ใบอนุญาตทำงานของคนต่างด้าว", "เวิร์คเพอร์มิต", "labour", "labour"},
	{"ภาษีที่ดินและสิ่งปลูกสร้าง", "ภาษีบ้าน", "tax", "local"},
	{"ภาษีป้าย", "ภาษีป้าย", "tax", "local"},
	{"ภาษีรถประจำปี", "ต่อภาษีรถ", "transport", "transport"},
	{"ใบอนุญาตให้มีและใช้อาวุธปืน", "ขอมีปืน", "security", "district"},
	{"สูติบัตร", "ใบเกิด", "civil", "district"},
	{"มรณบัตร", "ใบตาย", "civil", "district"},
	{"ทะเบียนสมรส", "ทะเบียนสมรส", "civil", "district"},
	{"หนังสือรับรองการเป็นเกษตรกร", "ทะเบียนเกษตรกร", "agriculture", "agriculture"},
	{"ใบอนุญาตขุดดินและถมดิน", "ถมดิน", "building", "local"},
	{"การใช้น้ำประปา", "ขอน้ำประปา", "utility", "local"},
	{"ใบรับรองแพทย์", "ใบรับรองแพทย์", "health", "health"},
}

var actions = []struct{ verb, case_ string }{
	{"การขอมี", "ครั้งแรก"}, {"การขอมี", "ใหม่กรณีสูญหาย"}, {"การขอมี", "ใหม่กรณีชำรุด"},
	{"การขอต่ออายุ", ""}, {"การขอเปลี่ยนแปลงรายการใน", ""}, {"การขอยกเลิก", ""},
	{"การขอรับ", ""}, {"การขอคัดสำเนา", ""}, {"การยื่นคำขอ", "ทางอิเล็กทรอนิกส์"},
	{"การขอใบแทน", ""}, {"การขอโอน", ""}, {"การแจ้งเปลี่ยนแปลง", ""}, {"การขอ", "สำหรับผู้สูงอายุ"},
}

var docsNeeded = []string{"บัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน", "ใบรับรองแพทย์", "รูปถ่ายขนาด 1 นิ้ว", "หนังสือมอบอำนาจ",
	"แบบคำขอ", "หลักฐานการชำระค่าธรรมเนียม", "สำเนาโฉนดที่ดิน", "แบบแปลนอาคาร", "หนังสือยินยอมจากเจ้าของบ้าน", "ใบเสร็จรับเงิน"}

var steps = []string{"ยื่นคำขอพร้อมเอกสารหลักฐาน", "เจ้าหน้าที่ตรวจสอบความครบถ้วนของเอกสาร", "พิจารณาอนุมัติ", "ชำระค่าธรรมเนียม",
	"ตรวจสถานที่", "ลงนามในหนังสือ", "แจ้งผลการพิจารณาให้ผู้ขอทราบ", "ออกใบอนุญาต", "บันทึกข้อมูลเข้าระบบ", "นัดหมายรับเอกสาร"}

func processes(r *rand.Rand) []process {
	var out []process
	for _, o := range objects {
		for _, a := range actions {
			p := process{
				title: a.verb + o.formal + a.case_, cat: o.cat, agencyType: o.agencyType,
				group: fmt.Sprintf("%s-%d", o.cat, r.IntN(4)),
			}
			if r.IntN(3) == 0 {
				p.alt = strings.TrimPrefix(a.verb, "การ") + o.colloquial
			}
			for range 6 {
				var b strings.Builder
				fmt.Fprintf(&b, "ขั้นตอนการให้บริการ%s ", p.title)
				for i, s := range r.Perm(len(steps))[:4+r.IntN(4)] {
					fmt.Fprintf(&b, "%d. %s ระยะเวลา %d วันทำการ ", i+1, steps[s], 1+r.IntN(15))
				}
				b.WriteString("เอกสารหลักฐานที่ต้องใช้ ")
				for _, d := range r.Perm(len(docsNeeded))[:3+r.IntN(4)] {
					fmt.Fprintf(&b, "%s จำนวน %d ฉบับ ", docsNeeded[d], 1+r.IntN(2))
				}
				fmt.Fprintf(&b, "ค่าธรรมเนียม %d บาท", 10*r.IntN(100))
				p.body = append(p.body, b.String())
			}
			out = append(out, p)
		}
	}
	return out
}

func placeName(r *rand.Rand) string {
	return placeHeads[r.IntN(len(placeHeads))] + placeTails[r.IntN(len(placeTails))]
}

// syntheticCorpus returns about n documents: 64% manuals, 32% points, 4%
// agencies (the national proportions).
func syntheticCorpus(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	procs := processes(r)
	type agency struct{ name, place, typ, prov string }
	var agencies []agency
	agencyTypes := map[string][]string{
		"district":    {"ที่ว่าการอำเภอ%[1]s", "สำนักทะเบียนอำเภอ%[1]s"},
		"local":       {"เทศบาลตำบล%[1]s", "องค์การบริหารส่วนตำบล%[1]s", "เทศบาลเมือง%[1]s"},
		"transport":   {"สำนักงานขนส่งจังหวัด%[2]s สาขาอำเภอ%[1]s"},
		"land":        {"สำนักงานที่ดินจังหวัด%[2]s สาขา%[1]s"},
		"excise":      {"สำนักงานสรรพสามิตพื้นที่%[2]s"},
		"social":      {"สำนักงานประกันสังคมจังหวัด%[2]s", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด%[2]s"},
		"labour":      {"สำนักงานจัดหางานจังหวัด%[2]s"},
		"agriculture": {"สำนักงานเกษตรอำเภอ%[1]s"},
		"health":      {"โรงพยาบาลส่งเสริมสุขภาพตำบล%[1]s"},
		"central":     {"กรมการกงสุล สำนักงานหนังสือเดินทางชั่วคราว%[2]s"},
	}
	typeNames := make([]string, 0, len(agencyTypes))
	for t := range agencyTypes {
		typeNames = append(typeNames, t)
	}
	// Sorted for determinism.
	for i := range typeNames {
		for j := i + 1; j < len(typeNames); j++ {
			if typeNames[j] < typeNames[i] {
				typeNames[i], typeNames[j] = typeNames[j], typeNames[i]
			}
		}
	}
	byType := map[string][]int{}
	var docs []Doc
	nAgencies := max(n*4/100, len(typeNames))
	for i := range nAgencies {
		typ := typeNames[i%len(typeNames)]
		pats := agencyTypes[typ]
		place, prov := placeName(r), provinces[r.IntN(len(provinces))]
		name := fmt.Sprintf(pats[r.IntN(len(pats))], place, prov)
		agencies = append(agencies, agency{name, "อำเภอ" + place + " จังหวัด" + prov, typ, prov})
		byType[typ] = append(byType[typ], i)
		docs = append(docs, Doc{Kind: KindAgency, ID: int64(i + 1), Title: name, Place: agencies[i].place,
			Body:   fmt.Sprintf("ที่ตั้ง เลขที่ %d หมู่ %d ตำบล%s อำเภอ%s จังหวัด%s โทรศัพท์ 0 %d", 1+r.IntN(999), 1+r.IntN(15), placeName(r), place, prov, 2000000+r.IntN(8000000)),
			Facets: map[string][]string{FacetAgencyType: {typ}, FacetProvince: {prov}}})
	}
	nManuals := n * 64 / 100
	for i := range nManuals {
		p := &procs[r.IntN(len(procs))]
		cands := byType[p.agencyType]
		a := agencies[cands[r.IntN(len(cands))]]
		d := Doc{Kind: KindManual, ID: int64(i + 1), Title: p.title, Body: p.body[r.IntN(len(p.body))],
			Agency: a.name, Place: a.place, Boost: float64(r.IntN(1000)),
			Facets: map[string][]string{FacetCategory: {p.cat}, FacetGroup: {p.group}, FacetAgencyType: {a.typ}, FacetProvince: {a.prov}}}
		if p.alt != "" {
			d.Alt = []string{p.alt}
		}
		docs = append(docs, d)
	}
	pointNames := []string{"ที่ทำการไปรษณีย์%s", "ธนาคารออมสิน สาขา%s", "ศูนย์บริการร่วม%s", "จุดบริการประชาชนเทศบาลตำบล%s", "การไฟฟ้าส่วนภูมิภาคอำเภอ%s", "สำนักงานขนส่งสาขา%s"}
	for i := range n - len(docs) {
		a := agencies[r.IntN(len(agencies))]
		place := placeName(r)
		docs = append(docs, Doc{Kind: KindPoint, ID: int64(i + 1), Title: fmt.Sprintf(pointNames[r.IntN(len(pointNames))], place),
			Body:   fmt.Sprintf("เลขที่ %d/%d หมู่ %d ถนน%s ตำบล%s อำเภอ%s จังหวัด%s %d เปิดวันจันทร์ถึงวันศุกร์ 08.30-16.30 น.", 1+r.IntN(999), r.IntN(20), 1+r.IntN(15), placeName(r), place, placeName(r), a.prov, 10000+r.IntN(90000)),
			Agency: a.name, Place: a.place,
			Facets: map[string][]string{FacetProvince: {a.prov}, FacetAgencyType: {a.typ}}})
	}
	return docs
}

// benchQueries are typical citizen queries: formal, colloquial, misspelt,
// partial, with places.
var benchQueries = []string{
	"บัตรประชาชน", "ทำบัตรประชาชนหาย", "บัตรประจำตัวประชาชนครั้งแรก", "ใบขับขี่", "ต่อใบขับขี่",
	"ใบอนุญาตขับรถจักรยานยนต์", "พาสปอร์ต", "หนังสือเดินทาง", "ต่อภาษีรถ", "โฉนด", "โฉนดที่ดิน เชียงใหม่",
	"ใบอนุญาตก่อสร้าง", "ขออนุญาตก่อสร้างอาคาร", "เปิดร้านอาหาร", "ทะเบียนพาณิชย์", "จดทะเบียนสมรส",
	"แจ้งเกิด", "เบี้ยคนแก่", "เบี้ยยังชีพผู้สูงอายุ", "ว่างงาน", "ใบขับขี", "ใบอนุญาติก่อสร้าง", "ทะเบียนบ้า",
	"ไปรษณีย์บางแก้ว", "ที่ว่าการอำเภอหนองทอง", "ธนาคารออมสิน", "ภาษีป้าย", "ภาษีที่ดิน", "ขายเหล้า",
	"บัตรคนพิการ", "ถมดิน", "ขอน้ำประปา", "ใบเกิด", "ใบรับรองแพทย์", "การขอต่ออายุ", "ค่าธรรมเนียม",
	"สำนักงานขนส่งจังหวัดขอนแก่น", "เวิร์คเพอร์มิต", "ทำพาสปอร์ตที่ไหน", "ใบอนุ",
}
