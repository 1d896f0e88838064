package gendata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/openinfo/openinfo"
)

type metaKind int

const (
	kMinistry metaKind = iota
	kDept
	kUnit
	kRegional
	kProvince
	kDistrict
	kKhet
	kBMA
	kBMAUnit
	kPattaya
	kPAO
	kMuni
	kSAO
	kBody
)

// Municipality levels.
const (
	muniTambon = iota // เทศบาลตำบล
	muniMueang        // เทศบาลเมือง
	muniNakhon        // เทศบาลนคร
)

// meta is what the point stage needs to know about an agency beyond the
// Agency record: where its office is and which services it runs.
type meta struct {
	kind           metaKind
	key            string // definition key for central agencies and bodies
	dist           *district
	lat, lon       float64
	label, labelEN string // name used in service templates
	domain         string
	hotline        string
	phone          string // main landline
	reg            *regionalDef
	body           *bodyDef
	typ            openinfo.AgencyType
	level          int // municipality level
	index          int // position among siblings (BMA units, Bangkok area offices)
}

type gen struct {
	plan     plan
	progress func(string, int, int)
	seed     uint64
	provs    []*province
	byCode   map[string]*province
	ds       *Dataset
	meta     []meta
	ids      map[string]int64 // definition key → agency ID
	domains  map[string]bool  // local-government domains handed out
}

func newGen(p plan, seed uint64, progress func(string, int, int)) *gen {
	g := &gen{plan: p, progress: progress, seed: seed, ids: map[string]int64{}, domains: map[string]bool{}}
	// Room for the expected size up front: growing a 100,000-element slice of
	// large structs copies it again and again.
	g.ds = &Dataset{
		Agencies: make([]openinfo.Agency, 0, p.agencyEstimate+p.agencyEstimate/10),
		Points:   make([]openinfo.ServicePoint, 0, p.pointEstimate+p.pointEstimate/10),
	}
	g.meta = make([]meta, 0, cap(g.ds.Agencies))
	g.provs, g.byCode = buildPlaces(newRand(seed, streamPlaces), p)
	for _, pr := range g.provs {
		g.domains[pr.slug] = true // the province's own site, www.chiangmai.go.th
	}
	return g
}

// add appends an agency, giving it the next ID, and returns the ID.
func (g *gen) add(a openinfo.Agency, m meta) int64 {
	a.ID = int64(len(g.ds.Agencies) + 1)
	if a.Status == "" {
		a.Status = openinfo.StatusActive
	}
	g.ds.Agencies = append(g.ds.Agencies, a)
	g.meta = append(g.meta, m)
	if m.key != "" {
		g.ids[m.key] = a.ID
	}
	if n := len(g.ds.Agencies); n%500 == 0 {
		g.progress("agencies", n, max(n, g.plan.agencyEstimate))
	}
	return a.ID
}

// locate puts an office in district d: its seat pin moved up to spreadKm, a
// subdistrict, an address and a landline.
func (g *gen) locate(r *rand.Rand, m *meta, d *district, spreadKm float64, town bool) openinfo.Contact {
	m.dist = d
	m.lat, m.lon = scatter(r, d.lat, d.lon, 0, spreadKm)
	m.phone = landline(r, d.prov)
	return openinfo.Contact{Address: address(r, d, seatOf(d), town), Phones: []string{m.phone}}
}

// hqDistrict is where a central agency's head office is: a central Bangkok
// district, or the capital district of another province.
func (g *gen) hqDistrict(r *rand.Rand, code string) *district {
	pr := g.byCode[code]
	if code == "10" {
		name := hqKhets[r.IntN(len(hqKhets))]
		for _, d := range pr.districts {
			if d.name.th == name {
				return d
			}
		}
	}
	return pr.districts[0]
}

func (g *gen) buildAgencies() {
	r := newRand(g.seed, streamAgencies)
	for i := range ministries {
		g.buildMinistry(r, &ministries[i])
	}
	g.buildLocals(r)
	for _, bk := range bodyKinds {
		for i := range bk.list {
			if i%g.plan.bodyEvery != 0 {
				continue
			}
			g.buildBody(r, bk.typ, &bk.list[i])
		}
	}
	n := len(g.ds.Agencies)
	g.progress("agencies", n, n)
}

func (g *gen) central(r *rand.Rand, parent int64, typ openinfo.AgencyType, o orgDef, hq string, kind metaKind) int64 {
	m := meta{kind: kind, key: o.key, label: o.th, labelEN: o.en, domain: o.domain, hotline: o.hotline, typ: typ}
	d := g.hqDistrict(r, hq)
	c := g.locate(r, &m, d, 3, true)
	if d.name.th == "หลักสี่" && r.IntN(2) == 0 {
		c.Address.Line = "ศูนย์ราชการเฉลิมพระเกียรติ ๘๐ พรรษา " + []string{"อาคารราชบุรีดิเรกฤทธิ์", "อาคารรัฐประศาสนภักดี"}[r.IntN(2)] + " ถนนแจ้งวัฒนะ"
		c.Address.Subdistrict = "แขวงทุ่งสองห้อง"
	}
	if o.domain != "" {
		c.Email = "saraban@" + o.domain
		c.Website = "https://www." + o.domain
	}
	if o.hotline != "" {
		c.Phones = append(c.Phones, o.hotline)
	}
	return g.add(openinfo.Agency{ParentID: parent, Type: typ, NameTH: o.th, NameEN: o.en, ShortName: o.short, Contact: c}, m)
}

func (g *gen) buildMinistry(r *rand.Rand, md *ministryDef) {
	mid := g.central(r, 0, openinfo.AgencyMinistry, md.org, md.hq, kMinistry)
	for i, d := range md.depts {
		regional := regionalFor(d.key) != nil
		if g.plan.deptsPerMinistry > 0 && i >= g.plan.deptsPerMinistry && !regional {
			continue
		}
		hq := md.hq
		if h, ok := deptHQ[d.key]; ok {
			hq = h
		}
		did := g.central(r, mid, openinfo.AgencyDepartment, d, hq, kDept)
		g.buildUnits(r, did, d)
		if rd := regionalFor(d.key); rd != nil {
			g.buildRegional(r, did, d, rd)
		}
	}
	if md.org.key == "moi" {
		g.buildProvinces(r, mid)
	}
}

func regionalFor(key string) *regionalDef {
	for i := range regionalDefs {
		if regionalDefs[i].dept == key {
			return &regionalDefs[i]
		}
	}
	return nil
}

// buildUnits gives some departments one or two internal units at head office.
func (g *gen) buildUnits(r *rand.Rand, did int64, d orgDef) {
	if r.Float64() >= g.plan.unitShare {
		return
	}
	pm := g.meta[did-1]
	first := r.IntN(len(unitNames))
	for k := range 1 + r.IntN(2) {
		u := unitNames[(first+k*3)%len(unitNames)]
		m := pm
		m.kind, m.key = kUnit, ""
		m.label, m.labelEN = u.th+" "+d.th, u.en+", "+d.en
		m.lat, m.lon = scatter(r, pm.lat, pm.lon, 0, 0.05)
		a := g.ds.Agencies[did-1]
		c := openinfo.Contact{Address: a.Contact.Address, Phones: []string{withExt(r, pm.phone)}}
		g.add(openinfo.Agency{ParentID: did, Type: openinfo.AgencyUnit, NameTH: m.label, NameEN: m.labelEN, Contact: c}, m)
	}
}

// buildRegional makes a department's provincial offices, and for the
// Department of Provincial Administration the district offices under them.
func (g *gen) buildRegional(r *rand.Rand, did int64, d orgDef, rd *regionalDef) {
	for _, pr := range g.provs {
		if !pr.full {
			continue
		}
		if pr.Code == "10" {
			bkk := rd.bkk
			if g.plan.maxBkkOffices > 0 && len(bkk) > g.plan.maxBkkOffices {
				bkk = bkk[:g.plan.maxBkkOffices]
			}
			for i, s := range bkk {
				w := splitPair(s)
				m := meta{kind: kRegional, label: w.th, labelEN: w.en, domain: d.domain, hotline: d.hotline, reg: rd, index: i}
				c := g.locate(r, &m, pr.districts[r.IntN(len(pr.districts))], 2.5, true)
				c.Email = fmt.Sprintf("bangkok%d@%s", i+1, d.domain)
				g.add(openinfo.Agency{ParentID: did, Type: openinfo.AgencyRegionalOffice, NameTH: w.th, NameEN: w.en, Contact: c}, m)
			}
			continue
		}
		th, en := fmt.Sprintf(rd.th, pr.NameTH), fmt.Sprintf(rd.en, pr.NameEN)
		m := meta{kind: kRegional, label: th, labelEN: en, domain: d.domain, hotline: d.hotline, reg: rd}
		c := g.locate(r, &m, pr.districts[0], 2.5, true)
		c.Email = pr.slug + "@" + d.domain
		oid := g.add(openinfo.Agency{ParentID: did, Type: openinfo.AgencyRegionalOffice, NameTH: th, NameEN: en, Contact: c}, m)
		if d.key == "dopa" {
			for _, dist := range g.activeDistricts(pr) {
				g.buildDistrictOffice(r, oid, dist)
			}
		}
	}
}

func (g *gen) buildDistrictOffice(r *rand.Rand, parent int64, d *district) {
	m := meta{kind: kDistrict, label: d.name.th, labelEN: d.name.en, domain: "dopa.go.th", hotline: "1548"}
	c := g.locate(r, &m, d, 1, true)
	if r.IntN(2) == 0 {
		c.Phones = append(c.Phones, landline(r, d.prov))
	}
	g.add(openinfo.Agency{
		ParentID: parent, Type: openinfo.AgencyDistrict,
		NameTH: "ที่ว่าการอำเภอ" + d.name.th, NameEN: d.name.en + " District Office", Contact: c,
	}, m)
}

// buildProvinces makes the 76 provinces (จังหวัด, run from the ศาลากลาง)
// under the Ministry of Interior. Bangkok is not one: it is a special local
// government.
func (g *gen) buildProvinces(r *rand.Rand, moi int64) {
	for _, pr := range g.provs {
		if pr.Code == "10" || !pr.full {
			continue
		}
		m := meta{kind: kProvince, label: pr.NameTH, labelEN: pr.NameEN, domain: pr.slug + ".go.th", hotline: "1567"}
		c := g.locate(r, &m, pr.districts[0], 1.5, true)
		c.Address.Line = "ศาลากลางจังหวัด" + pr.NameTH + " " + c.Address.Line
		c.Email = "saraban@" + m.domain
		c.Website = "https://www." + m.domain
		g.add(openinfo.Agency{
			ParentID: moi, Type: openinfo.AgencyProvince,
			NameTH: "จังหวัด" + pr.NameTH, NameEN: pr.NameEN + " Province", Contact: c,
		}, m)
	}
}

// localDomain hands out a unique .go.th domain the way local governments
// pick theirs: the plain name first, then with a prefix, then with the
// province.
func (g *gen) localDomain(name, prefix string, pr *province) string {
	base := slugify(name)
	for _, c := range []string{base, prefix + base, base + pr.slug} {
		if !g.domains[c] {
			g.domains[c] = true
			return c + ".go.th"
		}
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s%s%d", base, pr.slug, i)
		if !g.domains[c] {
			g.domains[c] = true
			return c + ".go.th"
		}
	}
}

func (g *gen) local(r *rand.Rand, typ openinfo.AgencyType, th, en, short, label, domain string, m meta, d *district, sub word, town bool) int64 {
	m.dist = d
	m.typ = typ
	m.lat, m.lon = scatter(r, d.lat, d.lon, 0, 4)
	m.phone = landline(r, d.prov)
	m.label, m.labelEN, m.domain = label, en, domain
	c := openinfo.Contact{Address: address(r, d, sub, town), Phones: []string{m.phone}}
	if typ == openinfo.AgencySAO && r.IntN(3) == 0 {
		c.Phones = append(c.Phones, mobile(r))
	}
	if domain != "" {
		c.Email = "saraban@" + domain
		c.Website = "https://www." + domain
	}
	return g.add(openinfo.Agency{Type: typ, NameTH: th, NameEN: en, ShortName: short, Contact: c}, m)
}

// buildLocals makes the local governments: Bangkok and Pattaya, then per
// province its PAO, municipalities and SAOs, district by district.
func (g *gen) buildLocals(r *rand.Rand) {
	bkk := g.byCode["10"]
	if bkk.full {
		g.buildBangkok(r, bkk)
	}
	for _, pr := range g.provs {
		if pr.Code == "10" || !pr.full {
			continue
		}
		if pr.Code == "20" {
			g.buildPattaya(r, pr)
		}
		g.buildProvinceLocals(r, pr)
	}
}

func (g *gen) buildBangkok(r *rand.Rand, pr *province) {
	seat := pr.districts[0] // พระนคร: City Hall at Sao Chingcha
	m := meta{kind: kBMA, key: "bma", label: "กรุงเทพมหานคร", labelEN: "Bangkok Metropolitan Administration", domain: "bangkok.go.th", hotline: "1555", typ: openinfo.AgencySpecialLocal}
	m.dist = seat
	m.lat, m.lon = 13.753, 100.501
	m.phone = "022210000" // ศาลาว่าการ กทม.
	c := openinfo.Contact{
		Address: openinfo.Address{Line: "ศาลาว่าการกรุงเทพมหานคร เลขที่ 173 ถนนดินสอ", Subdistrict: "แขวงเสาชิงช้า", District: "เขตพระนคร", ProvinceCode: "10", Postcode: "10200"},
		Phones:  []string{m.phone, "1555"}, Email: "saraban@bangkok.go.th", Website: "https://www.bangkok.go.th",
	}
	bma := g.add(openinfo.Agency{Type: openinfo.AgencySpecialLocal, NameTH: "กรุงเทพมหานคร", NameEN: "Bangkok Metropolitan Administration", ShortName: "กทม.", Contact: c}, m)
	for _, d := range g.activeDistricts(pr) {
		km := meta{kind: kKhet, label: d.name.th, labelEN: d.name.en, domain: "bangkok.go.th", hotline: "1555"}
		kc := g.locate(r, &km, d, 1, true)
		g.add(openinfo.Agency{ParentID: bma, Type: openinfo.AgencyDistrict, NameTH: "สำนักงานเขต" + d.name.th, NameEN: d.name.en + " District Office", Contact: kc}, km)
	}
	units := bmaUnits
	if g.plan.maxKhets > 0 {
		units = units[:3]
	}
	for i, u := range units {
		um := meta{kind: kBMAUnit, label: u.th, labelEN: u.en, domain: "bangkok.go.th", index: i}
		uc := g.locate(r, &um, pr.districts[r.IntN(len(pr.districts))], 2, true)
		g.add(openinfo.Agency{ParentID: bma, Type: openinfo.AgencyUnit, NameTH: u.th, NameEN: u.en, Contact: uc}, um)
	}
}

func (g *gen) buildPattaya(r *rand.Rand, pr *province) {
	var d *district
	for _, x := range pr.districts {
		if x.name.th == "บางละมุง" {
			d = x
		}
	}
	m := meta{kind: kPattaya, key: "pattaya", hotline: "1337"}
	sub := word{"หนองปรือ", "Nong Prue"}
	d.used[sub.th] = true
	g.local(r, openinfo.AgencySpecialLocal, "เมืองพัทยา", "Pattaya City", "เมืองพัทยา", "เมืองพัทยา", "pattaya.go.th", m, d, sub, true)
}

// Real totals: 2,472 municipalities and 5,300 SAOs over 878 districts.
const (
	municipalitiesPerDistrict = 2470.0 / 878
	saosPerDistrict           = 5300.0 / 878
	townMunicipalities        = 141.0 / 878 // เทศบาลเมือง beyond the provincial capitals
	upgradedSAOShare          = 0.03        // เทศบาลตำบล that were an อบต. until recently
)

func (g *gen) buildProvinceLocals(r *rand.Rand, pr *province) {
	ds := g.activeDistricts(pr)
	nd := float64(len(ds))
	// The metropolitan ring and the tourist islands are mostly municipal.
	muniF, saoF := 1.0, 1.0
	switch pr.Code {
	case "11", "12", "13", "74":
		muniF, saoF = 1.6, 0.45
	case "83":
		muniF, saoF = 1.5, 0.5
	case "20", "21":
		muniF, saoF = 1.4, 0.8
	}
	noise := func() float64 { return 0.85 + 0.3*r.Float64() }
	nMuni := int(math.Round(municipalitiesPerDistrict * nd * muniF * g.plan.localShare * noise()))
	nSAO := int(math.Round(saosPerDistrict * nd * saoF * g.plan.localShare * noise()))

	// PAO: one per province, at the capital.
	{
		m := meta{kind: kPAO, typ: openinfo.AgencyPAO}
		d := pr.districts[0]
		g.local(r, openinfo.AgencyPAO, "องค์การบริหารส่วนจังหวัด"+pr.NameTH, pr.NameEN+" Provincial Administrative Organization",
			"อบจ."+pr.NameTH, "อบจ."+pr.NameTH, pr.slug+"pao.go.th", m, d, seatOf(d), true)
		g.domains[pr.slug+"pao"] = true
	}

	// Cities: the capital's municipality, the other เทศบาลนคร, and some
	// เทศบาลเมือง named after the district town they govern.
	type city struct {
		th, en string
		level  int
	}
	cities := map[*district][]city{}
	capital := pr.districts[0]
	nCities := 0
	for _, c := range cityMunicipalities {
		if c.prov != pr.Code {
			continue
		}
		for _, d := range ds {
			if d.name.th == c.district {
				cities[d] = append(cities[d], city{c.th, c.en, muniNakhon})
				nCities++
			}
		}
	}
	if len(cities[capital]) == 0 {
		cities[capital] = append([]city{{pr.NameTH, pr.NameEN, muniMueang}}, cities[capital]...)
		nCities++
	}
	nTown := int(math.Round(townMunicipalities * nd * g.plan.localShare * noise()))
	for _, i := range r.Perm(len(ds)) {
		if nTown == 0 {
			break
		}
		d := ds[i]
		if d.capital || len(cities[d]) > 0 || strings.HasPrefix(d.name.th, "เมือง") {
			continue
		}
		cities[d] = append(cities[d], city{d.name.th, d.name.en, muniMueang})
		nCities++
		nTown--
	}

	// Spread the เทศบาลตำบล and อบต. over the districts.
	spread := func(n int) []int {
		per := make([]int, len(ds))
		if n <= 0 {
			return per
		}
		for i := range per {
			per[i] = n / len(ds)
		}
		for _, i := range r.Perm(len(ds))[:n%len(ds)] {
			per[i]++
		}
		return per
	}
	tambonMunis := spread(nMuni - nCities)
	saos := spread(nSAO)

	for i, d := range ds {
		for _, c := range cities[d] {
			prefix, en, short := "เทศบาลเมือง", c.en+" Town Municipality", "ทม."
			if c.level == muniNakhon {
				prefix, en, short = "เทศบาลนคร", c.en+" City Municipality", "ทน."
			}
			name := prefix + c.th
			m := meta{kind: kMuni, level: c.level}
			g.local(r, openinfo.AgencyMunicipality, name, en, short+c.th, name,
				g.localDomain(c.en, "tessaban", pr), m, d, g.subdistrict(r, d), true)
		}
		for range tambonMunis[i] {
			sub := g.subdistrict(r, d)
			if r.Float64() < upgradedSAOShare {
				// The อบต. this municipality replaced, kept for its history.
				m := meta{kind: kSAO}
				id := g.local(r, openinfo.AgencySAO, "องค์การบริหารส่วนตำบล"+sub.th, sub.en+" Subdistrict Administrative Organization",
					"อบต."+sub.th, "อบต."+sub.th, "", m, d, sub, false)
				g.ds.Agencies[id-1].Status = openinfo.StatusInactive
			}
			name := "เทศบาลตำบล" + sub.th
			m := meta{kind: kMuni, level: muniTambon}
			g.local(r, openinfo.AgencyMunicipality, name, sub.en+" Subdistrict Municipality", "ทต."+sub.th, name,
				g.localDomain(sub.en, "tessaban", pr), m, d, sub, true)
		}
		for range saos[i] {
			sub := g.subdistrict(r, d)
			domain := ""
			if r.IntN(10) < 9 {
				domain = g.localDomain(sub.en, "tambon", pr)
			}
			m := meta{kind: kSAO}
			g.local(r, openinfo.AgencySAO, "องค์การบริหารส่วนตำบล"+sub.th, sub.en+" Subdistrict Administrative Organization",
				"อบต."+sub.th, "อบต."+sub.th, domain, m, d, sub, false)
		}
	}
}

// buildBody makes a state enterprise, public organisation, university or
// other state body under its supervising ministry (or as a root).
func (g *gen) buildBody(r *rand.Rand, typ openinfo.AgencyType, b *bodyDef) {
	parent := b.parent
	if parent == "" && typ == openinfo.AgencyUniversity {
		parent = "mhesi"
	}
	var pid int64
	if parent != "" {
		var ok bool
		if pid, ok = g.ids[parent]; !ok {
			return // the small plan may leave the parent out
		}
	}
	id := g.central(r, pid, typ, b.org, b.hq, kBody)
	g.meta[id-1].body = b
}
