package gendata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// word is a Thai name with its romanisation.
type word struct{ th, en string }

// svc is a service or counter name in Thai and English.
type svc struct{ th, en string }

// orgDef names a real central agency: key (for parents and the lists that
// refer to it), Thai and English names, Thai short name, web domain (its
// e-mail and site) and four-digit hotline.
type orgDef struct{ key, th, en, short, domain, hotline string }

// ministryDef is a ministry with its departments.
type ministryDef struct {
	org   orgDef
	hq    string // province code of the head office
	depts []orgDef
}

// regionalDef makes a department's provincial offices agencies of their own.
type regionalDef struct {
	dept, th, en string
	bkk          []string // Bangkok offices, "ไทย/English"; nil = none
	services     []svc
	branch       string // branch name: %[1]s office, %[2]s district
	branchEN     string
	branchShare  float64 // share of districts with a branch
}

// presenceDef puts an agency's counters in every province or district.
type presenceDef struct {
	owner, level, th, en string
	bkk, bkkTH, bkkEN    string // bkk: "" none, "khet" per district, else "ไทย/English;…"
	bkkMore              string // with "khet": more Bangkok names for the templates
	hours                string
	mueang               string // name for the capital district, "ไทย/English" with the province name
	only                 []string
	share                float64 // district level: share of districts with a point, 0 = all
}

// bodyDef is a state enterprise, public organisation, university or other
// state body, with its branches and named sites.
type bodyDef struct {
	org                orgDef
	parent, hq         string
	branches           int
	scope, branchLevel string
	branchTH, branchEN string
	only               []string
	sites              string
	// A second kind of branch, e.g. licensed post offices run by agents.
	branches2            int
	branch2TH, branch2EN string
}

// numbered expands "…พื้นที่ %d/… Area %d …" into n Bangkok office names.
func numbered(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i+1, i+1)
	}
	return out
}

// splitPair splits "ไทย/English".
func splitPair(s string) word {
	th, en, _ := strings.Cut(s, "/")
	return word{th, en}
}

// province is a province as the generator sees it.
type province struct {
	openinfo.Province
	postPrefix, areaCode string
	pop                  int
	region               string // name region for generated places
	slug                 string // for e-mail and web addresses: "chiangmai"
	districts            []*district
	full                 bool            // has districts, regional offices and local governments in this plan
	used                 map[string]bool // subdistrict names handed out, unique in the province
}

// district is an อำเภอ (or a Bangkok เขต) with a pin for its seat and the
// subdistricts handed out so far, so names are unique within the district.
type district struct {
	prov     *province
	name     word   // "สันทราย"/"San Sai"; the capital's is "เมืองเชียงใหม่"
	road     string // Bangkok: the district's main road
	capital  bool
	khet     bool
	lat, lon float64
	postcode string
	used     map[string]bool // the province's
	seatDone bool
}

func (d *district) districtLabel() string {
	if d.khet {
		return "เขต" + d.name.th
	}
	return "อำเภอ" + d.name.th
}

// buildPlaces makes all 77 provinces with their districts and seat pins.
func buildPlaces(r *rand.Rand, p plan) ([]*province, map[string]*province) {
	full := map[string]bool{}
	for _, c := range p.provinces {
		full[c] = true
	}
	var out []*province
	byCode := map[string]*province{}
	for _, op := range openinfo.Provinces {
		f := provinceFacts[op.Code]
		pr := &province{
			Province: op, postPrefix: f.postPrefix, areaCode: f.areaCode, pop: f.pop,
			region: placeRegion[op.Region], slug: slugify(op.NameEN),
			full: p.provinces == nil || full[op.Code],
			used: map[string]bool{"ในเมือง": true},
		}
		if op.Code == "10" {
			for i, k := range bangkokKhets {
				parts := strings.Split(k, "/")
				d := &district{prov: pr, name: word{parts[0], parts[1]}, khet: true, postcode: parts[2], road: parts[3], used: pr.used}
				d.lat, d.lon = scatter(r, op.Lat, op.Lon, 0.5, 18)
				if i == 0 {
					d.capital = true
				}
				pr.districts = append(pr.districts, d)
			}
		} else {
			for i, s := range strings.Split(districtNames[op.Code], ", ") {
				w := splitPair(s)
				d := &district{prov: pr, name: w, capital: i == 0, used: pr.used}
				if i == 0 {
					d.postcode = pr.postPrefix + "000"
					d.lat, d.lon = scatter(r, op.Lat, op.Lon, 0, 2)
				} else {
					d.postcode = fmt.Sprintf("%s%03d", pr.postPrefix, 100+10*i)
					d.lat, d.lon = scatter(r, op.Lat, op.Lon, 4, 19)
				}
				pr.districts = append(pr.districts, d)
			}
		}
		for _, d := range pr.districts {
			pr.used[d.name.th] = true // a district's name is its seat's, nobody else's
		}
		out = append(out, pr)
		byCode[op.Code] = pr
	}
	return out, byCode
}

// activeDistricts are the districts a plan keeps for a province.
func (g *gen) activeDistricts(pr *province) []*district {
	n := len(pr.districts)
	if pr.Code == "10" && g.plan.maxKhets > 0 && n > g.plan.maxKhets {
		n = g.plan.maxKhets
	} else if pr.Code != "10" && g.plan.maxDistricts > 0 && n > g.plan.maxDistricts {
		n = g.plan.maxDistricts
	}
	return pr.districts[:n]
}

// seatOf is the subdistrict of a district's seat, where its government
// offices stand: usually the district's own name, ในเมือง for a capital.
func seatOf(d *district) word {
	if d.capital && !d.khet {
		return word{"ในเมือง", "Nai Mueang"}
	}
	return d.name
}

// subdistrict hands out a subdistrict (ตำบล/แขวง) name unique in the
// province, so two อบต. of one province never share a name. The first is the
// seat: a district's seat subdistrict usually shares its name, the
// capital's is ในเมือง.
func (g *gen) subdistrict(r *rand.Rand, d *district) word {
	if !d.seatDone {
		d.seatDone = true
		return seatOf(d)
	}
	return placeName(r, d.prov.region, d.used)
}

// placeName makes a plausible place name not yet in used.
func placeName(r *rand.Rand, region string, used map[string]bool) word {
	heads := placeHeads[region]
	extra := []word{{"เหนือ", "Nuea"}, {"ใต้", "Tai"}, {"ใหม่", "Mai"}, {"พัฒนา", "Phatthana"}, {"ทอง", "Thong"}}
	for tries := 0; ; tries++ {
		h := heads[r.IntN(len(heads))]
		t := placeTails[r.IntN(len(placeTails))]
		if h.th == t.th || h.th == "ศรี" && !auspicious[t.th] {
			continue // ศรี, "glorious", goes with fortunate words: ศรีสำราญ, not ศรีควาย
		}
		w := word{h.th + t.th, h.en + " " + t.en}
		if tries > 30 {
			e := extra[r.IntN(len(extra))]
			if e.th == t.th {
				continue
			}
			w = word{w.th + e.th, w.en + " " + e.en}
		}
		if !used[w.th] {
			used[w.th] = true
			return w
		}
	}
}

// scatter returns a point between minKm and maxKm from lat/lon, uniform over
// the ring's area, clamped into Thailand and rounded to six decimals (about
// 10 cm, what a phone's map pin gives).
func scatter(r *rand.Rand, lat, lon, minKm, maxKm float64) (float64, float64) {
	u := r.Float64()
	d := math.Sqrt(minKm*minKm + u*(maxKm*maxKm-minKm*minKm))
	a := r.Float64() * 2 * math.Pi
	la := lat + d*math.Cos(a)/111.32
	lo := lon + d*math.Sin(a)/(111.32*math.Cos(lat*math.Pi/180))
	la = math.Min(math.Max(la, openinfo.MinLat+0.01), openinfo.MaxLat-0.01)
	lo = math.Min(math.Max(lo, openinfo.MinLon+0.01), openinfo.MaxLon-0.01)
	return round6(la), round6(lo)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// slugify turns an English name into a domain label: "Nong Bua" → "nongbua".
func slugify(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Phones, in the canonical form openinfo.NormalizePhone returns, so
// Normalize leaves generated data unchanged.

// landline returns a number in the province's area code: 02 and eight
// digits in all for Bangkok and its neighbours, 0XX and six digits elsewhere.
func landline(r *rand.Rand, pr *province) string {
	if pr.areaCode == "02" {
		return fmt.Sprintf("02%d%06d", 1+r.IntN(9), r.IntN(1000000))
	}
	return fmt.Sprintf("%s%d%05d", pr.areaCode, 2+r.IntN(8), r.IntN(100000))
}

func mobile(r *rand.Rand) string {
	return fmt.Sprintf("08%d%07d", 1+r.IntN(9), r.IntN(10000000))
}

// withExt adds an extension the way officers write it: "02xxxxxxx #1234".
func withExt(r *rand.Rand, phone string) string {
	if r.IntN(3) == 0 {
		return fmt.Sprintf("%s #%d", phone, 10+r.IntN(90))
	}
	return fmt.Sprintf("%s #%d", phone, 100+r.IntN(9000))
}

// Addresses.

func streetNumber(r *rand.Rand) string {
	n := 1 + r.IntN(399)
	if r.IntN(4) == 0 {
		return fmt.Sprintf("%d/%d", n, 1+r.IntN(30))
	}
	return fmt.Sprint(n)
}

// address writes a plausible address in district d: a street address in
// Bangkok and the provincial towns, a village (หมู่ที่) address elsewhere.
func address(r *rand.Rand, d *district, sub word, town bool) openinfo.Address {
	pr := d.prov
	a := openinfo.Address{District: d.districtLabel(), ProvinceCode: pr.Code, Postcode: d.postcode}
	switch {
	case d.khet:
		a.Line = "เลขที่ " + streetNumber(r) + " "
		if name := strings.TrimPrefix(d.road, "ถนน"); r.IntN(5) < 2 && !noSoi[d.road] && !strings.ContainsAny(name, " 0123456789") {
			a.Line += fmt.Sprintf("ซอย%s %d ", name, 1+r.IntN(60))
		}
		a.Line += d.road
		a.Subdistrict = "แขวง" + sub.th
	case town:
		roads := townRoads
		if r.IntN(3) == 0 {
			roads = regionRoads[pr.Region]
		}
		a.Line = "เลขที่ " + streetNumber(r) + " " + roads[r.IntN(len(roads))]
		a.Subdistrict = "ตำบล" + sub.th
	default:
		a.Line = fmt.Sprintf("เลขที่ %d หมู่ที่ %d", 1+r.IntN(250), 1+r.IntN(15))
		if r.IntN(3) == 0 {
			roads := regionRoads[pr.Region]
			a.Line += " " + roads[r.IntN(len(roads))]
		}
		a.Subdistrict = "ตำบล" + sub.th
	}
	return a
}

// Opening hours templates. Each call returns fresh slices, so no two points
// share backing arrays.

var (
	monFri  = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	allWeek = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
)

func days(d []time.Weekday) []time.Weekday { return append([]time.Weekday(nil), d...) }

func hoursOffice() openinfo.OpeningHours { return openinfo.OfficeHours() }

func hoursNoBreak() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "08:30", Close: "16:30"}},
		ClosedOnHolidays: true, Note: "ให้บริการช่วงพักเที่ยง",
	}
}

func hoursSaturday() openinfo.OpeningHours {
	h := openinfo.OfficeHours()
	h.Periods = append(h.Periods, openinfo.HoursPeriod{Days: []time.Weekday{time.Saturday}, Open: "08:30", Close: "12:00"})
	h.Note = "วันเสาร์ให้บริการเฉพาะช่วงเช้า"
	return h
}

func hoursExtended() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "07:30", Close: "19:30"}},
		ClosedOnHolidays: true, Note: "เปิดให้บริการนอกเวลาราชการ",
	}
}

func hoursMall() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods: []openinfo.HoursPeriod{{Days: days(allWeek), Open: "10:00", Close: "19:00"}},
		Note:    "จุดบริการในห้างสรรพสินค้า เปิดทุกวันรวมวันหยุดราชการ",
	}
}

func hours24() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods: []openinfo.HoursPeriod{{Days: days(allWeek), Open: "00:00", Close: "24:00"}},
		Note:    "ให้บริการตลอด 24 ชั่วโมง",
	}
}

func hoursCallCentre() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "08:30", Close: "16:30"}},
		ClosedOnHolidays: true,
	}
}

func hoursBank() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "08:30", Close: "15:30"}},
		ClosedOnHolidays: true,
	}
}

func hoursPost() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods: []openinfo.HoursPeriod{
			{Days: days(monFri), Open: "08:30", Close: "16:30"},
			{Days: []time.Weekday{time.Saturday}, Open: "09:00", Close: "12:00"},
		},
		ClosedOnHolidays: true,
	}
}

func hoursHospital() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "08:00", Close: "16:00"}},
		ClosedOnHolidays: true, Note: "แผนกผู้ป่วยนอก ห้องฉุกเฉินเปิดตลอด 24 ชั่วโมง",
	}
}

func hoursChildCentre() openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods:          []openinfo.HoursPeriod{{Days: days(monFri), Open: "07:30", Close: "15:30", BreakStart: "12:00", BreakEnd: "13:00"}},
		ClosedOnHolidays: true,
	}
}

// counterHours picks the hours of an ordinary government counter: mostly
// office hours, some without a lunch break, some with Saturday mornings.
func counterHours(r *rand.Rand) openinfo.OpeningHours {
	switch x := r.IntN(100); {
	case x < 62:
		return hoursOffice()
	case x < 82:
		return hoursNoBreak()
	case x < 95:
		return hoursSaturday()
	default:
		return hoursExtended()
	}
}

func hoursDaily(open, close, note string) openinfo.OpeningHours {
	return openinfo.OpeningHours{
		Periods: []openinfo.HoursPeriod{{Days: days(allWeek), Open: open, Close: close}},
		Note:    note,
	}
}
