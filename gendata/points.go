package gendata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/openinfo/openinfo"
)

// hiddenPerMille of points are hidden (การแสดงผล off): closed counters kept
// for their history. Points of inactive agencies are hidden too.
const hiddenPerMille = 20

func (g *gen) buildPoints() {
	r := newRand(g.seed, streamPoints)
	for i := range g.ds.Agencies {
		g.pointsFor(r, i)
	}
	n := len(g.ds.Points)
	g.progress("points", n, n)
}

func (g *gen) addPoint(r *rand.Rand, p openinfo.ServicePoint) {
	p.ID = int64(len(g.ds.Points) + 1)
	p.Visible = g.ds.Agencies[p.AgencyID-1].Status == openinfo.StatusActive && r.IntN(1000) >= hiddenPerMille
	g.ds.Points = append(g.ds.Points, p)
	if n := len(g.ds.Points); n%5000 == 0 {
		g.progress("points", n, max(n, g.plan.pointEstimate))
	}
}

func fill(s svc, th, en string) svc {
	out := svc{s.th, s.en}
	if strings.Contains(s.th, "%s") {
		out.th = fmt.Sprintf(s.th, th)
	}
	if strings.Contains(s.en, "%s") {
		out.en = fmt.Sprintf(s.en, en)
	}
	return out
}

// pick returns the first service and n others, in list order.
func pick(r *rand.Rand, list []svc, n int) []svc {
	n = min(n, len(list)-1)
	idx := r.Perm(len(list) - 1)[:n]
	slices.Sort(idx)
	out := []svc{list[0]}
	for _, i := range idx {
		out = append(out, list[i+1])
	}
	return out
}

// atOffice adds a counter in the agency's own office. The main counter
// carries the agency's e-mail and website.
func (g *gen) atOffice(r *rand.Rand, ai int, s svc, hours openinfo.OpeningHours, main bool) {
	a, m := &g.ds.Agencies[ai], &g.meta[ai]
	p := openinfo.ServicePoint{
		AgencyID: a.ID, NameTH: s.th, NameEN: s.en, Kind: openinfo.PointCounter,
		Address: a.Contact.Address, HasLocation: true, Hours: hours,
	}
	p.Lat, p.Lon = scatter(r, m.lat, m.lon, 0, 0.05)
	switch x := r.IntN(10); {
	case x < 5:
		p.Phones = []string{withExt(r, m.phone)}
	case x < 8:
		p.Phones = []string{landline(r, m.dist.prov)}
	default:
		p.Phones = []string{landline(r, m.dist.prov), mobile(r)}
	}
	if main {
		p.Email, p.URL = a.Contact.Email, a.Contact.Website
	}
	g.addPoint(r, p)
}

// elsewhere adds a counter away from the agency's office, in district d: a
// branch, a station, a provincial office run from head office.
func (g *gen) elsewhere(r *rand.Rand, ai int, d *district, s svc, hours openinfo.OpeningHours) {
	sub := seatOf(d)
	town := true
	if r.IntN(3) == 0 {
		sub = placeName(r, d.prov.region, map[string]bool{})
		town = r.IntN(2) == 0
	}
	p := openinfo.ServicePoint{
		AgencyID: g.ds.Agencies[ai].ID, NameTH: s.th, NameEN: s.en, Kind: openinfo.PointCounter,
		Address: address(r, d, sub, town), HasLocation: true, Hours: hours,
		Phones: []string{landline(r, d.prov)},
	}
	p.Lat, p.Lon = scatter(r, d.lat, d.lon, 0, 4)
	g.addPoint(r, p)
}

func (g *gen) online(r *rand.Rand, ai int, s svc, url string) {
	g.addPoint(r, openinfo.ServicePoint{
		AgencyID: g.ds.Agencies[ai].ID, NameTH: s.th, NameEN: s.en, Kind: openinfo.PointOnline,
		URL: url, Hours: hours24(),
	})
}

func (g *gen) phone(r *rand.Rand, ai int, s svc, phones []string, hours openinfo.OpeningHours) {
	g.addPoint(r, openinfo.ServicePoint{
		AgencyID: g.ds.Agencies[ai].ID, NameTH: s.th, NameEN: s.en, Kind: openinfo.PointPhone,
		Phones: phones, Hours: hours,
	})
}

// hotline adds the agency's call centre: its four-digit hotline if it has
// one, else (sometimes) its switchboard with an extension.
func (g *gen) hotline(r *rand.Rand, ai int, share float64, hours openinfo.OpeningHours) {
	m := &g.meta[ai]
	if m.hotline != "" {
		g.phone(r, ai, svc{"สายด่วน " + m.hotline + " " + m.label, m.labelEN + " Hotline " + m.hotline},
			[]string{m.hotline, m.phone}, hours)
		return
	}
	if r.Float64() < share {
		g.phone(r, ai, svc{"ศูนย์บริการข้อมูลทางโทรศัพท์ " + m.label, m.labelEN + " Call Center"},
			[]string{withExt(r, m.phone)}, hours)
	}
}

func (g *gen) website(r *rand.Rand, ai int, share float64) {
	a := &g.ds.Agencies[ai]
	if a.Contact.Website != "" && r.Float64() < share {
		g.online(r, ai, svc{"เว็บไซต์" + a.NameTH, a.NameEN + " website"}, a.Contact.Website)
	}
}

func (g *gen) eservice(r *rand.Rand, ai int, share float64) {
	m := &g.meta[ai]
	if urls, ok := onlineURLs[m.key]; ok {
		for _, u := range urls {
			g.online(r, ai, svc{u.th, ""}, u.en)
		}
		return
	}
	if m.domain != "" && r.Float64() < share {
		url := "https://eservice." + m.domain // central agencies run a subdomain
		if m.kind == kPattaya || m.kind == kPAO || m.kind == kMuni || m.kind == kSAO {
			url = "https://www." + m.domain + "/e-service" // a page on a local government's site
		}
		g.online(r, ai, svc{"ระบบบริการอิเล็กทรอนิกส์ (e-Service) " + m.label, m.labelEN + " e-Service"}, url)
	}
}

// village makes a village name (หมู่บ้าน), for the child centres and health
// stations named after the village they serve.
func village(r *rand.Rand, d *district) word {
	w := placeName(r, d.prov.region, map[string]bool{})
	if strings.HasPrefix(w.th, "บ้าน") {
		return w
	}
	return word{"บ้าน" + w.th, "Ban " + w.en}
}

func (g *gen) pointsFor(r *rand.Rand, ai int) {
	a, m := &g.ds.Agencies[ai], &g.meta[ai]
	if a.Status != openinfo.StatusActive {
		g.atOffice(r, ai, svc{"สำนักงาน" + a.NameTH, a.NameEN + " Office"}, hoursOffice(), true)
		return
	}
	switch m.kind {
	case kMinistry:
		for i, s := range pick(r, hqServices, 1+r.IntN(2)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		g.hotline(r, ai, 0.5, hoursCallCentre())
		g.website(r, ai, 1)

	case kDept:
		for i, s := range pick(r, hqServices, 2+r.IntN(3)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		for _, s := range deptServices[m.key] {
			g.atOffice(r, ai, s, counterHours(r), false)
		}
		g.hotline(r, ai, 0.35, hoursCallCentre())
		g.eservice(r, ai, 0.6)
		g.website(r, ai, 0.3)
		g.presence(r, ai)

	case kUnit, kBMAUnit:
		g.atOffice(r, ai, svc{m.label, m.labelEN}, hoursOffice(), true)
		if m.kind == kBMAUnit {
			g.bmaUnitPoints(r, ai)
		}

	case kRegional:
		g.regionalPoints(r, ai)

	case kProvince:
		for i, s := range provinceServices {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), hoursOffice(), i == 0)
		}
		g.phone(r, ai, svc{"ศูนย์ดำรงธรรมจังหวัด" + m.label + " สายด่วน 1567", m.labelEN + " Damrongdhama Center Hotline 1567"},
			[]string{"1567", m.phone}, hours24())
		g.website(r, ai, 1)

	case kDistrict:
		for i, s := range pick(r, districtServices, 2+r.IntN(4)) {
			h := counterHours(r)
			if i == 1 && r.IntN(5) == 0 {
				h = hoursSaturday()
			}
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), h, i == 0)
		}
		if m.dist.capital && m.dist.prov.pop > 900 {
			g.elsewhere(r, ai, m.dist, svc{"จุดบริการงานทะเบียนและบัตร อำเภอ" + m.label + " (ในห้างสรรพสินค้า)",
				m.labelEN + " District Registration Service Point (shopping mall)"}, hoursMall())
		}

	case kKhet:
		for i, s := range khetServices {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		if r.IntN(5) < 2 {
			g.elsewhere(r, ai, m.dist, svc{"ศูนย์บริการด่วนมหานคร (BMA Express Service) เขต" + m.label,
				"BMA Express Service, " + m.labelEN}, hoursMall())
		}

	case kBMA:
		g.atOffice(r, ai, svc{"ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า)", "Bangkok City Hall (Sao Chingcha)"}, hoursOffice(), true)
		for _, d := range m.dist.prov.districts {
			if d.name.th == "ดินแดง" {
				g.elsewhere(r, ai, d, svc{"ศาลาว่าการกรุงเทพมหานคร 2 (ดินแดง)", "Bangkok City Hall 2 (Din Daeng)"}, hoursOffice())
			}
		}
		g.phone(r, ai, svc{"ศูนย์รับเรื่องราวร้องทุกข์กรุงเทพมหานคร สายด่วน 1555", "Bangkok Complaints Center Hotline 1555"},
			[]string{"1555"}, hours24())
		g.eservice(r, ai, 1)
		g.website(r, ai, 1)

	case kPattaya:
		for i, s := range []svc{
			{"ศูนย์บริการร่วม (One Stop Service) เมืองพัทยา", "Pattaya City One Stop Service"},
			{"สำนักการคลัง เมืองพัทยา (ภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย)", "Pattaya City Finance Bureau (land, building and signboard tax)"},
			{"สำนักการช่าง เมืองพัทยา (ขออนุญาตก่อสร้างอาคาร)", "Pattaya City Engineering Bureau (building permits)"},
			{"งานทะเบียนราษฎร สำนักทะเบียนท้องถิ่นเมืองพัทยา", "Pattaya City Local Civil Registration Office"},
		} {
			g.atOffice(r, ai, s, counterHours(r), i == 0)
		}
		g.elsewhere(r, ai, m.dist, svc{"โรงพยาบาลเมืองพัทยา", "Pattaya City Hospital"}, hoursHospital())
		g.phone(r, ai, svc{"สายด่วนเมืองพัทยา 1337", "Pattaya City Hotline 1337"}, []string{"1337", m.phone}, hours24())
		g.website(r, ai, 1)

	case kPAO:
		for i, s := range pick(r, paoServices, 2+r.IntN(3)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		// Subdistrict health centres moved to the PAOs from 2022.
		for _, d := range g.activeDistricts(m.dist.prov) {
			for range 2 + r.IntN(4) {
				v := village(r, d)
				g.elsewhere(r, ai, d, svc{"โรงพยาบาลส่งเสริมสุขภาพตำบล" + v.th, v.en + " Subdistrict Health Promoting Hospital"}, hoursOffice())
			}
		}
		g.website(r, ai, 0.7)

	case kMuni:
		g.municipalPoints(r, ai)

	case kSAO:
		for i, s := range pick(r, saoServices, 3+r.IntN(4)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		for range r.IntN(4) {
			v := village(r, m.dist)
			g.elsewhere(r, ai, m.dist, svc{"ศูนย์พัฒนาเด็กเล็ก" + v.th + " " + m.label, v.en + " Child Development Center"}, hoursChildCentre())
		}
		g.eservice(r, ai, 0.55)
		if r.IntN(10) < 3 {
			g.phone(r, ai, svc{"แจ้งเหตุสาธารณภัย " + m.label, m.labelEN + " emergency line"}, []string{mobile(r)}, hours24())
		}

	case kBody:
		g.bodyPoints(r, ai)
	}
}

func (g *gen) regionalPoints(r *rand.Rand, ai int) {
	m := &g.meta[ai]
	rd := m.reg
	for i, s := range pick(r, rd.services, 1+r.IntN(len(rd.services))) {
		h := counterHours(r)
		if i == 0 && rd.dept == "dlt" && r.IntN(2) == 0 {
			h = hoursSaturday()
		}
		g.atOffice(r, ai, svc{s.th + " " + m.label, m.labelEN + " – " + s.en}, h, i == 0)
	}
	pr := m.dist.prov
	if rd.dept == "ops-moph" {
		// The subdistrict health stations that stayed with the ministry.
		for _, d := range g.activeDistricts(pr) {
			for range 4 + r.IntN(4) {
				v := village(r, d)
				g.elsewhere(r, ai, d, svc{"โรงพยาบาลส่งเสริมสุขภาพตำบล" + v.th, v.en + " Subdistrict Health Promoting Hospital"}, hoursOffice())
			}
		}
	}
	if rd.dept == "dlt" && r.IntN(5) < 2 {
		g.elsewhere(r, ai, m.dist, svc{"จุดบริการรับชำระภาษีรถ (Shop Thru for Tax) " + m.label, m.labelEN + " Shop Thru for Tax"}, hoursMall())
	}
	if rd.branch == "" || pr.Code == "10" && (rd.dept != "dol" || m.index > 0) {
		return
	}
	for _, d := range g.activeDistricts(pr) {
		if d.capital && !d.khet || r.Float64() >= rd.branchShare {
			continue
		}
		g.elsewhere(r, ai, d, svc{fmt.Sprintf(rd.branch, m.label, d.name.th), fmt.Sprintf(rd.branchEN, m.labelEN, d.name.en)}, counterHours(r))
	}
}

func (g *gen) municipalPoints(r *rand.Rand, ai int) {
	m := &g.meta[ai]
	var list []svc
	switch m.level {
	case muniTambon:
		list = pick(r, municipalServices, 3+r.IntN(5))
	default:
		list = municipalServices
	}
	for i, s := range list {
		h := counterHours(r)
		if strings.HasPrefix(s.th, "สถานีดับเพลิง") {
			h = hours24()
		}
		g.atOffice(r, ai, fill(s, m.label, m.labelEN), h, i == 0)
	}
	children, community := r.IntN(3), 0
	switch m.level {
	case muniMueang:
		children, community = 1+r.IntN(3), 1+r.IntN(3)
	case muniNakhon:
		children, community = 2+r.IntN(3), 2+r.IntN(3)
		for n := range 3 + r.IntN(4) {
			g.elsewhere(r, ai, m.dist, svc{fmt.Sprintf("ศูนย์บริการสาธารณสุข %d %s", n+1, m.label),
				fmt.Sprintf("%s Public Health Service Center %d", m.labelEN, n+1)}, hoursOffice())
		}
		g.elsewhere(r, ai, m.dist, svc{"ศูนย์บริการประชาชน" + m.label + " (ในห้างสรรพสินค้า)", m.labelEN + " Service Point (shopping mall)"}, hoursMall())
	}
	for range children {
		v := village(r, m.dist)
		g.elsewhere(r, ai, m.dist, svc{"ศูนย์พัฒนาเด็กเล็ก" + v.th + " " + m.label, v.en + " Child Development Center"}, hoursChildCentre())
	}
	for range community {
		v := placeName(r, m.dist.prov.region, map[string]bool{})
		g.elsewhere(r, ai, m.dist, svc{"ศูนย์บริการประชาชน" + m.label + " สาขาชุมชน" + v.th, m.labelEN + " " + v.en + " Community Service Point"}, hoursOffice())
	}
	if m.level == muniTambon {
		g.eservice(r, ai, 0.65)
		if r.IntN(20) < 7 {
			g.phone(r, ai, svc{"แจ้งเหตุสาธารณภัย " + m.label, m.labelEN + " emergency line"}, []string{mobile(r)}, hours24())
		}
		return
	}
	g.eservice(r, ai, 1)
	g.phone(r, ai, svc{"ศูนย์รับแจ้งเหตุและสั่งการ " + m.label, m.labelEN + " Command Center"}, []string{landline(r, m.dist.prov), mobile(r)}, hours24())
}

func (g *gen) bmaUnitPoints(r *rand.Rand, ai int) {
	m := &g.meta[ai]
	khets := g.activeDistricts(m.dist.prov)
	switch m.index {
	case 0: // Medical Service Department: the BMA hospitals
		for _, h := range bmaHospitals[:min(len(bmaHospitals), len(khets)*2)] {
			g.elsewhere(r, ai, khets[r.IntN(len(khets))], h, hoursHospital())
		}
	case 1: // Health Department: public health centres
		for n := range min(69, len(khets)*2) {
			d := khets[n%len(khets)]
			g.elsewhere(r, ai, d, svc{fmt.Sprintf("ศูนย์บริการสาธารณสุข %d %s", n+1, d.name.th),
				fmt.Sprintf("Public Health Center %d %s", n+1, d.name.en)}, hoursSaturday())
		}
	case 7: // Social Development Department: community pre-school centres
		for _, d := range khets {
			for range 5 + r.IntN(3) {
				v := placeName(r, "central", map[string]bool{})
				g.elsewhere(r, ai, d, svc{"ศูนย์พัฒนาเด็กก่อนวัยเรียนชุมชน" + v.th, v.en + " Community Pre-School Center"}, hoursChildCentre())
			}
		}
	case 12: // Culture, Sports and Tourism Department: libraries and youth centres
		for n, d := range khets {
			if n%4 != 3 {
				g.elsewhere(r, ai, d, svc{"ห้องสมุดประชาชนกรุงเทพมหานคร เขต" + d.name.th, d.name.en + " Bangkok Public Library"}, hoursDaily("09:00", "19:00", "ปิดวันจันทร์และวันหยุดนักขัตฤกษ์"))
			}
			if n%4 != 1 {
				g.elsewhere(r, ai, d, svc{"ศูนย์เยาวชนกรุงเทพมหานคร เขต" + d.name.th, d.name.en + " Bangkok Youth Center"}, hoursDaily("08:00", "20:00", "เปิดทุกวัน"))
			}
		}
	case 9: // Fire and Rescue Department: a station per district
		for _, d := range khets {
			g.elsewhere(r, ai, d, svc{"สถานีดับเพลิงและกู้ภัย" + d.name.th, d.name.en + " Fire and Rescue Station"}, hours24())
		}
	}
}

func (g *gen) bodyPoints(r *rand.Rand, ai int) {
	m := &g.meta[ai]
	b := m.body
	switch m.typ {
	case openinfo.AgencyStateEnterprise:
		for i, s := range pick(r, seServices, r.IntN(2)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), hoursOffice(), i == 0)
		}
		h := hoursCallCentre()
		if slices.Contains([]string{"mea", "pea", "mwa", "pwa", "gsb", "ktb", "baac"}, b.org.key) {
			h = hours24() // utilities and banks answer day and night
		}
		g.hotline(r, ai, 0.6, h)
		g.website(r, ai, 1)
	case openinfo.AgencyUniversity:
		for i, s := range pick(r, universityServices, 1+r.IntN(4)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		g.online(r, ai, svc{"ระบบรับสมัครนักศึกษาออนไลน์ " + m.label, m.labelEN + " online admissions"}, "https://admission."+m.domain)
	default:
		for i, s := range pick(r, hqServices, r.IntN(3)) {
			g.atOffice(r, ai, fill(s, m.label, m.labelEN), counterHours(r), i == 0)
		}
		for _, s := range deptServices[b.org.key] {
			g.atOffice(r, ai, s, hours24(), false)
		}
		h := hoursCallCentre()
		if b.org.key == "police" || b.org.key == "niems" {
			h = hours24()
		}
		g.hotline(r, ai, 0.3, h)
		g.eservice(r, ai, 0.3)
		g.website(r, ai, 0.7)
	}
	g.sites(r, ai)
	g.branches(r, ai)
	g.presence(r, ai)
}

// sites adds a body's named points elsewhere: campuses, hospitals, airports.
func (g *gen) sites(r *rand.Rand, ai int) {
	b := g.meta[ai].body
	if b.sites == "" {
		return
	}
	for _, s := range strings.Split(b.sites, ";") {
		code, pair, _ := strings.Cut(s, ":")
		pr := g.byCode[code]
		if !pr.full {
			continue
		}
		w := splitPair(pair)
		h := counterHours(r)
		switch {
		case strings.HasPrefix(w.th, "โรงพยาบาล") || strings.HasSuffix(w.th, "พยาบาล"):
			h = hoursHospital()
		case strings.HasPrefix(w.th, "ท่าอากาศยาน"):
			h = hours24()
		case strings.HasPrefix(w.th, "สวน") || strings.HasPrefix(w.th, "ตลาด") || strings.HasPrefix(w.th, "TCDC"):
			h = hoursDaily("08:00", "17:00", "เปิดทุกวัน")
		}
		ds := g.activeDistricts(pr)
		g.elsewhere(r, ai, ds[r.IntN(len(ds))], svc{w.th, w.en}, h)
	}
}

// metro are the provinces served by the metropolitan utilities.
func metro(code string) bool { return code == "10" || code == "11" || code == "12" }

func (g *gen) branches(r *rand.Rand, ai int) {
	b := g.meta[ai].body
	g.branchSet(r, ai, b.branches, b.branchTH, b.branchEN)
	g.branchSet(r, ai, b.branches2, b.branch2TH, b.branch2EN)
}

// branchSet spreads n branches of a state enterprise over the provinces in
// its scope, weighted by population. Bangkok counts five times its registered
// population: about a third of the country's bank branches are there.
func (g *gen) branchSet(r *rand.Rand, ai int, n int, nameTH, nameEN string) {
	b := g.meta[ai].body
	n = int(math.Round(float64(n) * g.plan.branchScale))
	if n == 0 || nameTH == "" {
		return
	}
	var cands []*province
	var cum []float64
	total := 0.0
	for _, pr := range g.provs {
		if !pr.full || b.scope == "metro" && !metro(pr.Code) || b.scope == "regional" && metro(pr.Code) ||
			len(b.only) > 0 && !slices.Contains(b.only, pr.Code) {
			continue
		}
		w := float64(pr.pop)
		if pr.Code == "10" {
			w *= 5
		}
		total += w
		cands = append(cands, pr)
		cum = append(cum, total)
	}
	if len(cands) == 0 {
		return
	}
	draw := func() *province {
		x := r.Float64() * total
		i, _ := slices.BinarySearch(cum, x)
		return cands[min(i, len(cands)-1)]
	}
	hours := hoursOffice()
	switch {
	case slices.Contains([]string{"gsb", "baac", "ktb", "ghb", "smebank", "ibank", "exim", "tcg"}, b.org.key):
		hours = hoursBank()
	case b.org.key == "thpost":
		hours = hoursPost()
	case b.org.key == "srt" || b.org.key == "transport":
		hours = hoursDaily("05:00", "21:00", "เปิดทุกวัน")
	}
	used := map[string]bool{}
	if b.branchLevel == "province" {
		for range min(n, len(cands)) {
			pr := draw()
			name := fmt.Sprintf(nameTH, pr.NameTH)
			if used[name] {
				continue
			}
			used[name] = true
			g.elsewhere(r, ai, pr.districts[0], svc{name, fmt.Sprintf(nameEN, pr.NameEN)}, hours)
		}
		return
	}
	for range n {
		pr := draw()
		ds := g.activeDistricts(pr)
		d := ds[r.IntN(len(ds))]
		place := d.name
		for tries := 0; used[fmt.Sprintf(nameTH, place.th)] && tries < 10; tries++ {
			place = placeName(r, pr.region, map[string]bool{})
		}
		name := fmt.Sprintf(nameTH, place.th)
		if used[name] {
			continue
		}
		used[name] = true
		g.elsewhere(r, ai, d, svc{name, fmt.Sprintf(nameEN, place.en)}, hours)
	}
}

// presence adds the points a department or body runs in every province or
// district without a separate agency there.
func (g *gen) presence(r *rand.Rand, ai int) {
	key := g.meta[ai].key
	for i := range presenceDefs {
		pd := &presenceDefs[i]
		if pd.owner != key {
			continue
		}
		hours := func(name string) openinfo.OpeningHours {
			switch {
			case pd.hours == "24h":
				return hours24()
			case strings.HasPrefix(name, "โรงพยาบาล"):
				return hoursHospital()
			}
			return counterHours(r)
		}
		for _, pr := range g.provs {
			if !pr.full || len(pd.only) > 0 && !slices.Contains(pd.only, pr.Code) {
				continue
			}
			ds := g.activeDistricts(pr)
			switch {
			case pr.Code == "10" && pd.bkk == "":
			case pr.Code == "10" && pd.bkk == "khet":
				for _, d := range ds {
					s := svc{fmt.Sprintf(pd.bkkTH, d.name.th), fmt.Sprintf(pd.bkkEN, d.name.en)}
					g.elsewhere(r, ai, d, s, hours(s.th))
				}
				more := strings.Split(pd.bkkMore, ";")
				if pd.bkkMore == "" {
					more = nil
				}
				for _, x := range more[:g.bkkShare(len(more))] {
					w := splitPair(x)
					s := svc{fmt.Sprintf(pd.bkkTH, w.th), fmt.Sprintf(pd.bkkEN, w.en)}
					g.elsewhere(r, ai, ds[r.IntN(len(ds))], s, hours(s.th))
				}
			case pr.Code == "10":
				list := strings.Split(pd.bkk, ";")
				for _, x := range list[:g.bkkShare(len(list))] {
					w := splitPair(x)
					g.elsewhere(r, ai, ds[r.IntN(len(ds))], svc{w.th, w.en}, hours(w.th))
				}
			case pd.level == "province":
				s := svc{fmt.Sprintf(pd.th, pr.NameTH), fmt.Sprintf(pd.en, pr.NameEN)}
				g.elsewhere(r, ai, pr.districts[0], s, hours(s.th))
			default:
				for _, d := range ds {
					if pd.share > 0 && (d.capital || r.Float64() >= pd.share) {
						continue
					}
					s := svc{fmt.Sprintf(pd.th, d.name.th), fmt.Sprintf(pd.en, d.name.en)}
					if d.capital && pd.mueang != "" {
						w := splitPair(pd.mueang)
						s = svc{fmt.Sprintf(w.th, pr.NameTH), fmt.Sprintf(w.en, pr.NameEN)}
					}
					g.elsewhere(r, ai, d, s, hours(s.th))
				}
			}
		}
	}
}

// bkkShare is how many of n Bangkok-only points a plan keeps.
func (g *gen) bkkShare(n int) int {
	if g.plan.maxBkkOffices > 0 {
		return min(n, g.plan.maxBkkOffices)
	}
	return n
}
