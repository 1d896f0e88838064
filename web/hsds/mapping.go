package hsds

import (
	"fmt"
	neturl "net/url"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// From openinfo's records to HSDS objects (DOMAIN.md §8). Text is Thai, the
// language of the records; English names go in alternate_name where an
// object has no other use for it.

// ID prefixes.
const (
	prefixAgency  = "agency-"
	prefixPoint   = "point-"
	prefixManual  = "manual-"
	prefixService = "service-"
	prefixTerm    = "term-"
)

func agencyID(id int64) string { return prefixAgency + strconv.FormatInt(id, 10) }
func pointID(id int64) string  { return prefixPoint + strconv.FormatInt(id, 10) }
func termID(id int64) string   { return prefixTerm + strconv.FormatInt(id, 10) }

func serviceID(kind string, id int64) string {
	if kind == store.OpenManual {
		return prefixManual + strconv.FormatInt(id, 10)
	}
	return prefixService + strconv.FormatInt(id, 10)
}

func salID(pointIDv int64, kind string, id int64) string {
	return pointID(pointIDv) + "." + serviceID(kind, id)
}

// parseID reads "prefix-N"; ok is false for anything else.
func parseID(s, prefix string) (int64, bool) {
	rest, found := strings.CutPrefix(s, prefix)
	if !found {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n > 0 && strconv.FormatInt(n, 10) == rest
}

// parseServiceID reads "manual-N" or "service-N".
func parseServiceID(s string) (kind string, id int64, ok bool) {
	if id, ok := parseID(s, prefixManual); ok {
		return store.OpenManual, id, true
	}
	if id, ok := parseID(s, prefixService); ok {
		return store.OpenOther, id, true
	}
	return "", 0, false
}

// parseSALID reads "point-N.manual-M" or "point-N.service-M".
func parseSALID(s string) (point int64, kind string, id int64, ok bool) {
	p, svc, found := strings.Cut(s, ".")
	if !found {
		return 0, "", 0, false
	}
	if point, ok = parseID(p, prefixPoint); !ok {
		return 0, "", 0, false
	}
	kind, id, ok = parseServiceID(svc)
	return point, kind, id, ok
}

// absURI is s when it is an absolute http(s) URL, else "": HSDS types
// website and url as URIs, and a reader should not have to guess a scheme
// for what a legacy record typed as "www.example.go.th".
func absURI(s string) string {
	u, err := neturl.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// URLs makes the public page links; base is the site's origin.
type URLs func(path string) string

func mapPhones(owner string, phones []string) []Phone {
	out := []Phone{}
	for i, p := range phones {
		num, ext, hasExt := strings.Cut(p, " #")
		ph := Phone{ID: fmt.Sprintf("%s.phone-%d", owner, i+1), Number: openinfo.FormatPhone(num)}
		if hasExt {
			if n, err := strconv.Atoi(ext); err == nil {
				ph.Extension = &n
			}
		}
		out = append(out, ph)
	}
	return out
}

// Organization maps an agency.
func mapOrganization(a *openinfo.Agency, url URLs) Organization {
	o := Organization{ID: agencyID(a.ID), Name: a.NameTH, AlternateName: a.NameEN, Email: a.Contact.Email,
		Website: absURI(a.Contact.Website), URI: url("/agencies/" + strconv.FormatInt(a.ID, 10)), Phones: mapPhones(agencyID(a.ID), a.Contact.Phones)}
	desc := a.Type.Label("th")
	if p, ok := openinfo.ProvinceByCode(a.Contact.Address.ProvinceCode); ok {
		desc += " จังหวัด" + p.NameTH
	}
	if a.ShortName != "" {
		desc += " (" + a.ShortName + ")"
	}
	o.Description = desc
	if a.ParentID != 0 {
		p := agencyID(a.ParentID)
		o.ParentOrganizationID = &p
	}
	return o
}

func mapAddress(owner string, ad openinfo.Address) []Address {
	p, ok := openinfo.ProvinceByCode(ad.ProvinceCode)
	if !ok {
		return []Address{}
	}
	return []Address{{ID: owner + ".address-1", LocationID: owner, Address1: ad.Line, Address2: ad.Subdistrict, City: ad.District,
		StateProvince: p.NameTH, PostalCode: ad.Postcode, Country: "TH", AddressType: "physical"}}
}

var rruleDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func mapSchedules(owner string, h openinfo.OpeningHours) []Schedule {
	out := []Schedule{}
	var notes []string
	if h.ClosedOnHolidays {
		notes = append(notes, "ยกเว้นวันหยุดที่ทางราชการกำหนด")
	}
	if h.Note != "" {
		notes = append(notes, h.Note)
	}
	for _, p := range h.Periods {
		var days []string
		for _, d := range p.Days {
			if d >= 0 && d < 7 {
				days = append(days, rruleDays[d])
			}
		}
		spans := [][2]string{{p.Open, p.Close}}
		if p.BreakStart != "" && p.BreakEnd != "" {
			spans = [][2]string{{p.Open, p.BreakStart}, {p.BreakEnd, p.Close}}
		}
		for _, sp := range spans {
			out = append(out, Schedule{ID: fmt.Sprintf("%s.schedule-%d", owner, len(out)+1), LocationID: owner, Freq: "WEEKLY",
				ByDay: strings.Join(days, ","), OpensAt: sp[0] + ":00", ClosesAt: sp[1] + ":00", Timezone: 7,
				Description: strings.Join(openinfo.OpeningHours{Periods: []openinfo.HoursPeriod{p}}.Lines("th"), " "),
				Notes:       strings.Join(notes, "; ")})
		}
	}
	return out
}

// mapLocation maps a service point: a counter is a physical location, an
// online channel or a hotline a virtual one.
func mapLocation(p *openinfo.ServicePoint, url URLs) Location {
	id := pointID(p.ID)
	l := Location{ID: id, LocationType: "physical", OrganizationID: agencyID(p.AgencyID), Name: p.NameTH, AlternateName: p.NameEN,
		URL: absURI(p.URL), Addresses: mapAddress(id, p.Address), Phones: mapPhones(id, p.Phones), Schedules: mapSchedules(id, p.Hours)}
	if p.Kind != openinfo.PointCounter {
		l.LocationType = "virtual"
	}
	if l.URL == "" {
		l.URL = url("/points/" + strconv.FormatInt(p.ID, 10))
	}
	l.Description = p.Kind.Label("th")
	if p.HasLocation {
		lat, lon := p.Lat, p.Lon
		l.Latitude, l.Longitude = &lat, &lon
	}
	return l
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func mapFees(sid string, fees []openinfo.Fee) ([]CostOption, string) {
	out := []CostOption{}
	var lines []string
	for i, f := range fees {
		c := CostOption{ID: fmt.Sprintf("%s.cost-%d", sid, i+1), ServiceID: sid, Option: f.Detail}
		line := f.Detail + ": "
		if f.Unit == openinfo.FeePercent {
			c.AmountDescription = "ร้อยละ " + num(f.Amount)
			line += c.AmountDescription
		} else {
			amount := f.Amount
			c.Amount, c.Currency = &amount, "THB"
			line += num(f.Amount) + " บาท"
		}
		if f.Note != "" {
			if c.AmountDescription != "" {
				c.AmountDescription += " "
			}
			c.AmountDescription += f.Note
			line += " (" + f.Note + ")"
		}
		out = append(out, c)
		lines = append(lines, line)
	}
	if len(fees) == 0 {
		return out, "ไม่มีค่าธรรมเนียม"
	}
	return out, strings.Join(lines, "\n")
}

func mapDocuments(sid string, docs []openinfo.Document) []Document {
	out := []Document{}
	for i, d := range docs {
		text := d.Name
		if d.Issuer != "" {
			text += " (" + d.Issuer + ")"
		}
		var counts []string
		if d.Originals > 0 {
			counts = append(counts, fmt.Sprintf("ฉบับจริง %d %s", d.Originals, d.Unit.Label("th")))
		}
		if d.Copies > 0 {
			counts = append(counts, fmt.Sprintf("สำเนา %d %s", d.Copies, d.Unit.Label("th")))
		}
		if len(counts) > 0 {
			text += ": " + strings.Join(counts, ", ")
		}
		if d.Note != "" {
			text += " – " + d.Note
		}
		out = append(out, Document{ID: fmt.Sprintf("%s.document-%d", sid, i+1), ServiceID: sid, Document: text})
	}
	return out
}

func channelPhones(channels []openinfo.ServiceChannel) []string {
	var out []string
	for _, c := range channels {
		if c.Phone != "" {
			if n, ok := openinfo.NormalizePhone(c.Phone); ok {
				out = append(out, n)
			}
		}
	}
	return out
}

func durationText(d float64, u openinfo.DurationUnit) string {
	return num(d) + " " + u.Label("th")
}

// mapService maps a published manual or other service.
func mapService(s *store.OpenService, url URLs) Service {
	sid := serviceID(s.Kind, s.ID)
	out := Service{ID: sid, OrganizationID: agencyID(s.AgencyID), Name: s.NameTH, Status: "active",
		LastModified: s.Updated.UTC().Format(time.RFC3339),
		Languages:    []Lang{{ID: sid + ".language-th", ServiceID: sid, Name: "Thai", Code: "th"}},
		ServiceAreas: []ServiceArea{}, Attributes: []Attr{}}
	switch s.Kind {
	case store.OpenManual:
		m := s.Manual
		out.URL = url("/manuals/" + strconv.FormatInt(s.ID, 10))
		out.AlternateName = strings.Join(s.CommonNames, "; ")
		if out.AlternateName == "" {
			out.AlternateName = s.NameEN
		}
		desc := "คู่มือสำหรับประชาชน: " + m.Name
		if m.Category != "" {
			desc += " (" + m.Category.Label("th") + ")"
		}
		if m.AgencyName != "" {
			desc += " หน่วยงานเจ้าของกระบวนงาน: " + m.AgencyName
		}
		out.Description = desc
		out.EligibilityDescription = m.Criteria
		var steps []string
		for i, st := range m.Steps {
			line := fmt.Sprintf("%d. %s: %s (%s)", i+1, st.Type.Label("th"), st.Detail, durationText(st.Duration, st.Unit))
			if st.Responsible != "" {
				line += " – " + st.Responsible
			}
			steps = append(steps, line)
		}
		if total, unit, ok := totalDuration(m.Steps); ok {
			steps = append(steps, "ระยะเวลาดำเนินการรวม "+durationText(total, unit))
		}
		out.ApplicationProcess = strings.Join(steps, "\n")
		out.CostOptions, out.FeesDescription = mapFees(sid, m.Fees)
		out.RequiredDocuments = mapDocuments(sid, m.Documents)
		out.Phones = mapPhones(sid, channelPhones(m.Channels))
		for i, a := range m.ServiceAreas {
			out.ServiceAreas = append(out.ServiceAreas, ServiceArea{ID: fmt.Sprintf("%s.area-%d", sid, i+1), ServiceID: sid, Name: a.Label("th")})
		}
		out.Alert = m.Remarks
	default:
		c := s.Other
		out.URL = url("/services/" + strconv.FormatInt(s.ID, 10))
		out.AlternateName = s.NameEN
		out.Description = c.Description
		out.CostOptions, out.FeesDescription = mapFees(sid, c.Fees)
		out.RequiredDocuments = mapDocuments(sid, c.Documents)
		out.Phones = mapPhones(sid, channelPhones(c.Channels))
		out.Alert = c.Remarks
	}
	for _, t := range s.TermIDs {
		out.Attributes = append(out.Attributes, Attr{ID: sid + "." + termID(t), LinkID: sid, LinkType: "service", LinkEntity: "service",
			TaxonomyTermID: termID(t)})
	}
	return out
}

// totalDuration adds up the steps when they share one unit.
func totalDuration(steps []openinfo.Step) (float64, openinfo.DurationUnit, bool) {
	if len(steps) == 0 {
		return 0, "", false
	}
	unit := steps[0].Unit
	var total float64
	for _, s := range steps {
		if s.Unit != unit {
			return 0, "", false
		}
		total += s.Duration
	}
	return total, unit, true
}

func mapSAL(p store.OpenPin) ServiceAtLocation {
	return ServiceAtLocation{ID: salID(p.PointID, p.Kind, p.ServiceID), ServiceID: serviceID(p.Kind, p.ServiceID), LocationID: pointID(p.PointID)}
}

func mapTerm(t openinfo.CatalogTerm) Term {
	out := Term{ID: termID(t.ID), Code: t.Code, Name: t.NameTH, Description: t.NameEN, TaxonomyID: "opdc-service-catalog:" + string(t.Kind), Language: "th"}
	if out.Description == "" {
		out.Description = t.Kind.Label("th") + ": " + t.NameTH
	}
	if t.ParentID != 0 {
		p := termID(t.ParentID)
		out.ParentID = &p
	}
	return out
}
