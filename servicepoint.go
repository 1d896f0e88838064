package openinfo

import (
	"time"
	"unicode/utf8"
)

// PointKind says how a service point serves citizens.
type PointKind string

const (
	PointCounter PointKind = "counter" // a place to walk in
	PointOnline  PointKind = "online"  // a website or app
	PointPhone   PointKind = "phone"   // a call centre or hotline
)

// PointKinds lists the kinds with their Thai and English names.
var PointKinds = []struct {
	Kind PointKind
	Text
}{
	{PointCounter, Text{"ที่ตั้งสำนักงาน / เคาน์เตอร์", "Counter"}},
	{PointOnline, Text{"ช่องทางออนไลน์", "Online"}},
	{PointPhone, Text{"ทางโทรศัพท์", "Phone"}},
}

// Label returns the kind's name in lang.
func (k PointKind) Label(lang string) string {
	for _, x := range PointKinds {
		if x.Kind == k {
			return x.In(lang)
		}
	}
	return string(k)
}

// ServicePoint (จุดบริการ) is a place or channel where an agency serves citizens.
type ServicePoint struct {
	ID       int64
	AgencyID int64
	NameTH   string
	NameEN   string
	Kind     PointKind
	Address  Address
	// Lat and Lon pin the point on a map (ปักหมุดจุดบริการ); HasLocation is
	// false when the point has no pin yet.
	HasLocation bool
	Lat, Lon    float64
	Phones      []string
	Email       string
	URL         string // the channel's address for online points, else a web page
	Hours       OpeningHours
	// Visible (การแสดงผล) is false for a point that no longer serves the
	// public: the portal hides it, its history stays.
	Visible   bool
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Name returns the point's name in lang.
func (p *ServicePoint) Name(lang string) string {
	return Text{p.NameTH, p.NameEN}.In(lang)
}

// Normalize trims inputs and canonicalises phones before validation.
func (p *ServicePoint) Normalize() {
	p.NameTH = cleanText(p.NameTH)
	p.NameEN = cleanText(p.NameEN)
	c := Contact{Address: p.Address, Phones: p.Phones, Email: p.Email, Website: p.URL}
	normalizeContact(&c)
	p.Address, p.Phones, p.Email, p.URL = c.Address, c.Phones, c.Email, c.Website
	p.Hours.Note = cleanText(p.Hours.Note)
}

// Validate checks the service point on its own; the store checks the agency.
func (p *ServicePoint) Validate() error {
	var v validation
	if p.AgencyID <= 0 {
		v.add("agency_id", "กรุณาเลือกหน่วยงานเจ้าของจุดบริการ", "Choose the agency the service point belongs to.")
	}
	if p.NameTH == "" {
		v.add("name_th", "กรุณากรอกชื่อจุดบริการภาษาไทย", "Enter the service point's Thai name.")
	} else if utf8.RuneCountInString(p.NameTH) > 300 {
		v.add("name_th", "ชื่อจุดบริการยาวเกิน 300 ตัวอักษร", "The Thai name is longer than 300 characters.")
	} else if !hasThai(p.NameTH) {
		v.add("name_th", "ชื่อจุดบริการภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(p.NameEN) > 300 {
		v.add("name_en", "ชื่อภาษาอังกฤษยาวเกิน 300 ตัวอักษร", "The English name is longer than 300 characters.")
	}
	switch p.Kind {
	case PointCounter:
	case PointOnline:
		if p.URL == "" {
			v.add("url", "ช่องทางออนไลน์ต้องระบุที่อยู่เว็บไซต์", "An online service point needs its web address.")
		}
	case PointPhone:
		if len(p.Phones) == 0 {
			v.add("phones", "ช่องทางโทรศัพท์ต้องระบุหมายเลขโทรศัพท์", "A phone service point needs a phone number.")
		}
	default:
		v.add("kind", "กรุณาเลือกประเภทจุดบริการ", "Choose the kind of service point.")
	}
	if p.HasLocation && !InThailand(p.Lat, p.Lon) {
		v.add("location", "พิกัดอยู่นอกประเทศไทย (ละติจูด 5.5–20.5, ลองจิจูด 97.3–105.7) ตรวจสอบว่าไม่ได้สลับละติจูดกับลองจิจูด",
			"The pin is outside Thailand (latitude 5.5–20.5, longitude 97.3–105.7); check that latitude and longitude are not swapped.")
	}
	validateContact(&v, Contact{Address: p.Address, Phones: p.Phones, Email: p.Email, Website: p.URL})
	p.Hours.validate(&v)
	return v.err("จุดบริการ", "service point")
}
