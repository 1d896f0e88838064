package openinfo

import (
	"strings"
	"testing"
	"time"
)

func fieldsOf(err error) map[string]bool {
	m := map[string]bool{}
	for _, f := range FieldErrors(err) {
		if f.TH == "" || f.EN == "" {
			panic("field error without both languages: " + f.Field)
		}
		m[f.Field] = true
	}
	return m
}

func TestAgencyValidate(t *testing.T) {
	valid := func() Agency {
		return Agency{Type: AgencyDepartment, NameTH: "กรมการปกครอง", NameEN: "Department of Provincial Administration",
			Contact: Contact{Address: Address{ProvinceCode: "10", Postcode: "10200"}, Phones: []string{"02 222 1141"},
				Email: "saraban@dopa.go.th", Website: "https://www.dopa.go.th"}}
	}
	tests := []struct {
		name   string
		change func(*Agency)
		field  string
	}{
		{"valid", func(*Agency) {}, ""},
		{"empty Thai name", func(a *Agency) { a.NameTH = " \u200b\t" }, "name_th"},
		{"English-only Thai name", func(a *Agency) { a.NameTH = "Department" }, "name_th"},
		{"long Thai name", func(a *Agency) { a.NameTH = strings.Repeat("ก", 301) }, "name_th"},
		{"unknown type", func(a *Agency) { a.Type = "kingdom" }, "type"},
		{"own parent", func(a *Agency) { a.ID, a.ParentID = 5, 5 }, "parent_id"},
		{"bad phone", func(a *Agency) { a.Contact.Phones = []string{"02-12"} }, "phones"},
		{"bad e-mail", func(a *Agency) { a.Contact.Email = "saraban at dopa" }, "email"},
		{"bad website", func(a *Agency) { a.Contact.Website = "javascript:alert(1)" }, "website"},
		{"unknown province", func(a *Agency) { a.Contact.Address.ProvinceCode = "99" }, "province"},
		{"bad postcode", func(a *Agency) { a.Contact.Address.Postcode = "1020" }, "postcode"},
		{"bad status", func(a *Agency) { a.Status = "gone" }, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.change(&a)
			a.Normalize()
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("valid agency refused: %v", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !fieldsOf(err)[tt.field] {
				t.Fatalf("err = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestNormalizeCleansText(t *testing.T) {
	a := Agency{NameTH: "  กรม\u200bที่ดิน \n  จังหวัด  ", Contact: Contact{Phones: []string{" 02-141-5555 ", "", "bad"}}}
	a.Normalize()
	if a.NameTH != "กรมที่ดิน จังหวัด" {
		t.Fatalf("NameTH = %q", a.NameTH)
	}
	if len(a.Contact.Phones) != 2 || a.Contact.Phones[0] != "021415555" || a.Contact.Phones[1] != "bad" {
		t.Fatalf("phones = %q (invalid ones are kept so validation reports them)", a.Contact.Phones)
	}
	if a.Status != StatusActive {
		t.Fatalf("status defaults to active, got %q", a.Status)
	}
}

func TestServicePointValidate(t *testing.T) {
	valid := func() ServicePoint {
		return ServicePoint{AgencyID: 1, NameTH: "งานทะเบียนราษฎร", Kind: PointCounter, HasLocation: true,
			Lat: 13.7563, Lon: 100.5018, Hours: OfficeHours(), Visible: true}
	}
	tests := []struct {
		name   string
		change func(*ServicePoint)
		field  string
	}{
		{"valid", func(*ServicePoint) {}, ""},
		{"no pin is fine", func(p *ServicePoint) { p.HasLocation, p.Lat, p.Lon = false, 0, 0 }, ""},
		{"pin north of Thailand", func(p *ServicePoint) { p.Lat = 21.0 }, "location"},
		{"pin south of Thailand", func(p *ServicePoint) { p.Lat = 5.0 }, "location"},
		{"swapped lat/lon", func(p *ServicePoint) { p.Lat, p.Lon = p.Lon, p.Lat }, "location"},
		{"pin at 0,0", func(p *ServicePoint) { p.Lat, p.Lon = 0, 0 }, "location"},
		{"no agency", func(p *ServicePoint) { p.AgencyID = 0 }, "agency_id"},
		{"empty name", func(p *ServicePoint) { p.NameTH = "" }, "name_th"},
		{"unknown kind", func(p *ServicePoint) { p.Kind = "fax" }, "kind"},
		{"online without URL", func(p *ServicePoint) { p.Kind = PointOnline }, "url"},
		{"phone point without phone", func(p *ServicePoint) { p.Kind = PointPhone }, "phones"},
		{"malformed phone", func(p *ServicePoint) { p.Phones = []string{"0-000"} }, "phones"},
		{"open after close", func(p *ServicePoint) { p.Hours.Periods[0].Open = "17:00" }, "hours[0]"},
		{"bad clock", func(p *ServicePoint) { p.Hours.Periods[0].Close = "4.30pm" }, "hours[0]"},
		{"break outside hours", func(p *ServicePoint) { p.Hours.Periods[0].BreakEnd = "18:00" }, "hours[0]"},
		{"no days", func(p *ServicePoint) { p.Hours.Periods[0].Days = nil }, "hours[0]"},
		{"bad day", func(p *ServicePoint) { p.Hours.Periods[0].Days = []time.Weekday{9} }, "hours[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			p.Hours.Periods = append([]HoursPeriod(nil), p.Hours.Periods...)
			tt.change(&p)
			p.Normalize()
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("valid point refused: %v", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !fieldsOf(err)[tt.field] {
				t.Fatalf("err = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestHoursLines(t *testing.T) {
	h := OfficeHours()
	h.Periods = append(h.Periods, HoursPeriod{Days: []time.Weekday{time.Saturday, time.Sunday}, Open: "09:00", Close: "12:00"})
	th := strings.Join(h.Lines("th"), " | ")
	if th != "จันทร์–ศุกร์ 08:30–16:30 น. (พักเที่ยง 12:00–13:00) | เสาร์–อาทิตย์ 09:00–12:00 น. | ยกเว้นวันหยุดที่ทางราชการกำหนด" {
		t.Fatalf("th = %q", th)
	}
	if en := h.Lines("en")[0]; en != "Mon–Fri 08:30–16:30 (break 12:00–13:00)" {
		t.Fatalf("en = %q", en)
	}
	if got := formatDays([]time.Weekday{1, 3, 5}, "en"); got != "Mon, Wed, Fri" {
		t.Fatalf("formatDays = %q", got)
	}
}

func TestSortKey(t *testing.T) {
	// Dictionary order: กรม < ชลบุรี < เชียงใหม่ < ตาก < แพร่ < โพธาราม.
	in := []string{"โพธาราม", "เชียงใหม่", "ตาก", "กรม", "แพร่", "ชลบุรี"}
	want := []string{"กรม", "ชลบุรี", "เชียงใหม่", "ตาก", "แพร่", "โพธาราม"}
	keys := map[string]string{}
	for _, s := range in {
		keys[s] = SortKey(s)
	}
	for i := 1; i < len(want); i++ {
		if keys[want[i-1]] >= keys[want[i]] {
			t.Fatalf("%s sorts after %s", want[i-1], want[i])
		}
	}
}

func TestErrorMessages(t *testing.T) {
	err := Errorf(ENOTFOUND, "ไม่พบหน่วยงานรหัส %d", "Agency %d not found.", 12)
	if ErrorMessage(err, "th") != "ไม่พบหน่วยงานรหัส 12" || ErrorMessage(err, "en") != "Agency 12 not found." {
		t.Fatalf("messages = %q / %q", ErrorMessage(err, "th"), ErrorMessage(err, "en"))
	}
	plain := errInternalForTest{}
	if ErrorCode(plain) != EINTERNAL || strings.Contains(ErrorMessage(plain, "en"), "secret") {
		t.Fatal("internal errors must not leak their text")
	}
}

type errInternalForTest struct{}

func (errInternalForTest) Error() string { return "secret: connection refused to 10.0.0.1" }
