package gendata

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// The demo's citizen manuals: each demo agency runs the national data
// set's templates of its kind (a district office registers marriages, a
// land office sales and mortgages, a municipality building permits), so the
// first start shows a believable portal: every category and user group,
// the home page's example searches answered, each manual pinned to the
// counters that serve it.

const streamDemo = 0x64656d6f00000000 // "demo"

// demoRun is one demo agency's manuals: template codes, and the words a
// counter's name must hold to serve them ("" = every counter of the agency,
// or of its offices when it has none of its own).
type demoRun struct {
	agency string
	kind   metaKind
	groups []demoGroup
}

type demoGroup struct {
	at    string // part of the point names that serve these; "" = all
	codes []string
}

var demoRuns = []demoRun{
	{"ที่ว่าการอำเภอเมืองเชียงใหม่", kDistrict, []demoGroup{{"", []string{"marriage_registration", "divorce_registration", "birth_registration",
		"idcard_renew", "name_change", "firearm_licence", "military_register", "civil_mediation", "child_legitimation"}}}},
	{"ที่ว่าการอำเภอหาดใหญ่", kDistrict, []demoGroup{{"", []string{"marriage_registration", "idcard_first", "move_in", "death_registration"}}}},
	{"สำนักงานเขตจตุจักร", kKhet, []demoGroup{
		{"ฝ่ายทะเบียน", []string{"marriage_registration", "birth_registration", "move_out", "house_number", "idcard_first", "surname_change"}},
		{"ฝ่ายรายได้", []string{"land_building_tax", "signboard_tax"}}}},
	{"สำนักงานเขตบางรัก", kKhet, []demoGroup{{"ฝ่ายทะเบียน", []string{"marriage_registration", "death_registration", "register_copy"}}}},
	{"กรมการปกครอง", kDept, []demoGroup{{"", []string{"hotel_licence", "info_request"}}}},
	{"สำนักงานที่ดินจังหวัดเชียงใหม่", kRegional, []demoGroup{{"", []string{"land_sale", "land_mortgage", "mortgage_release", "land_inheritance", "land_boundary_survey"}}}},
	{"สำนักงานที่ดินจังหวัดขอนแก่น", kRegional, []demoGroup{{"", []string{"land_sale", "deed_replacement", "condo_transfer"}}}},
	{"สำนักงานขนส่งจังหวัดสงขลา", kRegional, []demoGroup{{"", []string{"motorcycle_licence_new", "vehicle_tax", "vehicle_transfer", "plate_replace", "intl_driving_permit"}}}},
	{"กรมสรรพากร", kDept, []demoGroup{{"", []string{"income_tax_filing", "tax_refund", "tin_application"}}}},
	{"สำนักงานประกันสังคม", kDept, []demoGroup{{"", []string{"sso_section40", "sso_unemployment", "sso_hospital_change"}}}},
	{"สำนักงานประกันสังคมจังหวัดขอนแก่น", kRegional, []demoGroup{{"", []string{"sso_section39", "sso_maternity", "sso_child_allowance", "workplace_injury"}}}},
	{"กรมพัฒนาธุรกิจการค้า", kDept, []demoGroup{{"", []string{"company_registration", "partnership_registration", "company_certificate", "foreign_business_licence"}}}},
	{"สำนักงานคณะกรรมการอาหารและยา", kDept, []demoGroup{{"", []string{"food_serial_notify", "drugstore_licence", "cosmetic_notify"}}}},
	{"เทศบาลนครเชียงใหม่", kMuni, []demoGroup{
		{"One Stop", []string{"building_permit", "commerce_reg_new", "elderly_allowance", "food_shop_notice", "pet_registration", "health_hazard_licence"}},
		{"ทะเบียนราษฎร", []string{"birth_registration", "move_in"}}}},
	{"เทศบาลนครขอนแก่น", kMuni, []demoGroup{{"", []string{"building_permit", "building_demolish", "building_certificate", "excavation_notify"}}}},
	{"เทศบาลนครหาดใหญ่", kMuni, []demoGroup{{"", []string{"street_vending", "newborn_grant", "disability_allowance", "market_licence"}}}},
	{"องค์การบริหารส่วนตำบลโป่งแยง", kSAO, []demoGroup{
		{"One Stop", []string{"water_connect", "waste_collection", "elderly_allowance", "disaster_relief", "child_centre_enrol"}},
		{"กองคลัง", []string{"land_building_tax", "signboard_tax"}}}},
	{"กรุงเทพมหานคร", kBMA, []demoGroup{{"", []string{"bma_public_space", "complaint"}}}},
	{"องค์การบริหารส่วนจังหวัดเชียงใหม่", kPAO, []demoGroup{{"", []string{"pao_hotel_levy", "pao_fuel_levy", "road_connect_local"}}}},
	{"สำนักงานตำรวจแห่งชาติ", kBody, []demoGroup{{"สถานี", []string{"police_clearance", "lost_document_report", "tm30_notice", "report_90_days"}}}},
	{"การไฟฟ้าส่วนภูมิภาค", kBody, []demoGroup{{"", []string{"electricity_new"}}}},
	{"การประปาส่วนภูมิภาค", kBody, []demoGroup{{"", []string{"water_new_pwa"}}}},
	{"มหาวิทยาลัยเชียงใหม่", kBody, []demoGroup{{"สำนักทะเบียน", []string{"info_request"}}}},
}

// DemoTags are the demo's ป้ายคำ (tags; the default catalog has none):
// what OPDC might add. The demo's manuals carry them where they fit.
func DemoTags() []openinfo.CatalogTerm {
	return []openinfo.CatalogTerm{
		{Kind: openinfo.CatalogTag, Code: "demo_online", NameTH: "ยื่นคำขอออนไลน์ได้", NameEN: "Can be applied for online", Active: true},
		{Kind: openinfo.CatalogTag, Code: "demo_reduced_steps", NameTH: "ลดขั้นตอนแล้ว", NameEN: "Steps reduced", Active: true},
		{Kind: openinfo.CatalogTag, Code: "demo_free", NameTH: "ไม่เสียค่าธรรมเนียม", NameEN: "Free of charge", Active: true},
		{Kind: openinfo.CatalogTag, Code: "demo_life_event_birth", NameTH: "เหตุการณ์ชีวิต: มีบุตร", NameEN: "Life event: having a baby", Active: true},
	}
}

// demoTagsOf are the tags a demo manual carries.
func demoTagsOf(p *Process) []string {
	var out []string
	if len(p.Content.Channels) > 1 {
		out = append(out, "demo_online")
	}
	if p.Content.ReducedSteps {
		out = append(out, "demo_reduced_steps")
	}
	free := true
	for _, f := range p.Content.Fees {
		free = free && f.Amount == 0
	}
	if free {
		out = append(out, "demo_free")
	}
	switch p.Template {
	case "birth_registration", "newborn_grant", "sso_maternity", "sso_child_allowance", "child_legitimation":
		out = append(out, "demo_life_event_birth")
	}
	return out
}

// processes adds the demo manuals to b's data set.
func (b *demoBuilder) processes() {
	ds := b.ds
	g := &gen{ds: ds, meta: make([]meta, len(ds.Agencies))}
	r := newRand(1, streamDemo)
	byCode := map[string]*compiled{}
	for _, c := range compiledTemplates() {
		byCode[c.t.code] = &c
	}
	children := make([][]int, len(ds.Agencies))
	for i, a := range ds.Agencies {
		if a.ParentID != 0 {
			children[a.ParentID-1] = append(children[a.ParentID-1], i)
		}
	}
	pts := g.pointsByAgency()
	for _, run := range demoRuns {
		ai := slices.IndexFunc(ds.Agencies, func(a openinfo.Agency) bool { return a.NameTH == run.agency })
		if ai < 0 {
			panic("gendata: demo agency " + run.agency + " not in the demo data")
		}
		g.meta[ai].kind = run.kind
		at := g.agencyText(ai)
		counters, online := g.pinCandidates(ai, pts, children)
		for _, grp := range run.groups {
			var pins []int64
			for _, id := range counters {
				if grp.at == "" || strings.Contains(ds.Points[id-1].NameTH, grp.at) {
					pins = append(pins, id)
				}
			}
			if len(pins) == 0 && grp.at == "" {
				pins = online // served online only (the Revenue Department's e-Filing)
			}
			if len(pins) == 0 {
				panic(fmt.Sprintf("gendata: no point of %s holds %q", run.agency, grp.at))
			}
			for _, code := range grp.codes {
				c, ok := byCode[code]
				if !ok {
					panic("gendata: no template " + code)
				}
				p := g.makeProcess(r, ai, at, c, 0)
				p.PointIDs = slices.Clone(pins)
				if len(online) > 0 && len(p.Content.Channels) > 1 {
					p.PointIDs = append(p.PointIDs, online...)
				}
				slices.Sort(p.PointIDs)
				p.PointIDs = slices.Compact(p.PointIDs)
				p.TermCodes = append(slices.Clone(p.TermCodes), demoTagsOf(&p)...)
				ds.Processes = append(ds.Processes, p)
			}
		}
	}
}

// DemoEgov yields Section 10 and 16 records for the demo agencies that
// must comply and have a website (the Department of Land Transport's own
// are written through the back office at the first start), signed over the
// year before asOf.
func DemoEgov(ds *Dataset, off Offsets, asOf time.Time, emit func(*openinfo.EgovRecord) error) error {
	year := openinfo.EgovDate(asOf).AddDate(-1, 0, 0)
	n := 0
	for i := range ds.Agencies {
		a := &ds.Agencies[i]
		if !slices.Contains(openinfo.DefaultEgovAgencyTypes, a.Type) || a.Contact.Website == "" || a.NameTH == "กรมการขนส่งทางบก" {
			continue
		}
		n++
		signed := year.AddDate(0, 0, 11*n%360)
		published := time.Date(signed.Year(), signed.Month(), signed.Day(), 10, 0, 0, 0, thaitime.Bangkok).AddDate(0, 0, 3)
		if published.After(asOf) {
			published = asOf.Add(-time.Hour)
		}
		id := a.ID + off.Agency
		r := egov10(a, id, egovSite(a), signed, n%2 == 0)
		r.State, r.PublishedAt = openinfo.EgovPublished, published
		if err := emit(r); err != nil {
			return err
		}
		if n%3 == 0 {
			continue // some have not recorded their Section 16 order yet
		}
		s16 := &openinfo.EgovRecord{AgencyID: id, Section: openinfo.EgovSection16, State: openinfo.EgovPublished,
			Title:    "คำสั่ง" + a.NameTH + " เรื่อง กำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์",
			SignedOn: signed, URL: egovSite(a) + "/egov/section16.pdf", PublishedAt: published,
			Items: []openinfo.EgovItem{{Name: "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)", Purpose: "รับ ส่ง และเก็บหนังสือราชการ", Address: egovSite(a) + "/saraban"}}}
		if err := emit(s16); err != nil {
			return err
		}
	}
	return nil
}
