package openinfo

import (
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// AgencyType classifies an agency (หน่วยงาน) in the government structure.
type AgencyType string

const (
	AgencyMinistry        AgencyType = "ministry"         // กระทรวง
	AgencyDepartment      AgencyType = "department"       // กรมหรือเทียบเท่า
	AgencyUnit            AgencyType = "unit"             // หน่วยงานภายใน (สำนัก กอง ศูนย์)
	AgencyRegionalOffice  AgencyType = "regional_office"  // ส่วนราชการส่วนภูมิภาค
	AgencyProvince        AgencyType = "province"         // จังหวัด (ศาลากลางจังหวัด)
	AgencyDistrict        AgencyType = "district"         // อำเภอ
	AgencyPAO             AgencyType = "pao"              // องค์การบริหารส่วนจังหวัด
	AgencyMunicipality    AgencyType = "municipality"     // เทศบาล
	AgencySAO             AgencyType = "sao"              // องค์การบริหารส่วนตำบล
	AgencySpecialLocal    AgencyType = "special_local"    // กรุงเทพมหานคร เมืองพัทยา
	AgencyStateEnterprise AgencyType = "state_enterprise" // รัฐวิสาหกิจ
	AgencyPublicOrg       AgencyType = "public_org"       // องค์การมหาชน
	AgencyUniversity      AgencyType = "university"       // สถาบันอุดมศึกษาของรัฐ
	AgencyOther           AgencyType = "other"            // หน่วยงานอื่นของรัฐ
)

// AgencyTypes lists every type with its Thai and English names, in directory order.
var AgencyTypes = []struct {
	Type AgencyType
	Text
}{
	{AgencyMinistry, Text{"กระทรวง", "Ministry"}},
	{AgencyDepartment, Text{"กรมหรือเทียบเท่า", "Department or equivalent"}},
	{AgencyUnit, Text{"หน่วยงานภายใน", "Internal unit"}},
	{AgencyRegionalOffice, Text{"ส่วนราชการส่วนภูมิภาค", "Regional office"}},
	{AgencyProvince, Text{"จังหวัด", "Province"}},
	{AgencyDistrict, Text{"อำเภอ", "District office"}},
	{AgencyPAO, Text{"องค์การบริหารส่วนจังหวัด", "Provincial administrative organisation"}},
	{AgencyMunicipality, Text{"เทศบาล", "Municipality"}},
	{AgencySAO, Text{"องค์การบริหารส่วนตำบล", "Subdistrict administrative organisation"}},
	{AgencySpecialLocal, Text{"ท้องถิ่นรูปแบบพิเศษ", "Special local government"}},
	{AgencyStateEnterprise, Text{"รัฐวิสาหกิจ", "State enterprise"}},
	{AgencyPublicOrg, Text{"องค์การมหาชน", "Public organisation"}},
	{AgencyUniversity, Text{"สถาบันอุดมศึกษาของรัฐ", "State university"}},
	{AgencyOther, Text{"หน่วยงานอื่นของรัฐ", "Other state body"}},
}

// Valid reports whether t is a known agency type.
func (t AgencyType) Valid() bool {
	for _, x := range AgencyTypes {
		if x.Type == t {
			return true
		}
	}
	return false
}

// Label returns the type's name in lang.
func (t AgencyType) Label(lang string) string {
	for _, x := range AgencyTypes {
		if x.Type == t {
			return x.In(lang)
		}
	}
	return string(t)
}

// IsLocal reports whether the type is a local government (อปท.).
func (t AgencyType) IsLocal() bool {
	return t == AgencyPAO || t == AgencyMunicipality || t == AgencySAO || t == AgencySpecialLocal
}

// Agency status.
const (
	StatusActive   = "active"
	StatusInactive = "inactive" // dissolved or merged: kept for history, hidden from the directory
)

// Address is a Thai postal address.
type Address struct {
	Line         string `json:"line,omitempty"` // house number, building, road
	Subdistrict  string `json:"subdistrict,omitempty"`
	District     string `json:"district,omitempty"`
	ProvinceCode string `json:"province,omitempty"`
	Postcode     string `json:"postcode,omitempty"`
}

// Format writes the address in Thai order, the province in lang.
func (a Address) Format(lang string) string {
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	add(a.Line)
	add(a.Subdistrict)
	add(a.District)
	if p, ok := ProvinceByCode(a.ProvinceCode); ok {
		add(p.Name(lang))
	}
	add(a.Postcode)
	return strings.Join(parts, " ")
}

// Contact holds how to reach an agency.
type Contact struct {
	Address Address  `json:"address"`
	Phones  []string `json:"phones,omitempty"`
	Email   string   `json:"email,omitempty"`
	Website string   `json:"website,omitempty"`
}

// Agency is a node in the government structure (หน่วยงานและโครงสร้าง).
type Agency struct {
	ID        int64
	ParentID  int64 // 0 for a root (a ministry or an independent body)
	Type      AgencyType
	NameTH    string
	NameEN    string
	ShortName string
	Contact   Contact
	Status    string
	Version   int64 // optimistic lock: an update must carry the version it read
	CreatedAt time.Time
	UpdatedAt time.Time

	// Read-only, kept by the store.
	Path  string // "/1/5/23/": ancestors and self, for subtree queries
	Depth int
}

// Name returns the agency's name in lang, Thai when there is no English name.
func (a *Agency) Name(lang string) string {
	return Text{a.NameTH, a.NameEN}.In(lang)
}

// Normalize trims inputs and canonicalises phones before validation.
func (a *Agency) Normalize() {
	a.NameTH = cleanText(a.NameTH)
	a.NameEN = cleanText(a.NameEN)
	a.ShortName = cleanText(a.ShortName)
	if a.Status == "" {
		a.Status = StatusActive
	}
	normalizeContact(&a.Contact)
}

// Validate checks the agency on its own; the store checks what needs the
// database (the parent exists, no cycle).
func (a *Agency) Validate() error {
	var v validation
	if a.NameTH == "" {
		v.add("name_th", "กรุณากรอกชื่อหน่วยงานภาษาไทย", "Enter the agency's Thai name.")
	} else if utf8.RuneCountInString(a.NameTH) > 300 {
		v.add("name_th", "ชื่อหน่วยงานภาษาไทยยาวเกิน 300 ตัวอักษร", "The Thai name is longer than 300 characters.")
	} else if !hasThai(a.NameTH) {
		v.add("name_th", "ชื่อหน่วยงานภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(a.NameEN) > 300 {
		v.add("name_en", "ชื่อหน่วยงานภาษาอังกฤษยาวเกิน 300 ตัวอักษร", "The English name is longer than 300 characters.")
	}
	if utf8.RuneCountInString(a.ShortName) > 50 {
		v.add("short_name", "ชื่อย่อยาวเกิน 50 ตัวอักษร", "The short name is longer than 50 characters.")
	}
	if !a.Type.Valid() {
		v.add("type", "กรุณาเลือกประเภทหน่วยงาน", "Choose the agency type.")
	}
	if a.Status != StatusActive && a.Status != StatusInactive {
		v.add("status", "สถานะต้องเป็น ใช้งาน หรือ ยกเลิก", "Status must be active or inactive.")
	}
	if a.ParentID < 0 {
		v.add("parent_id", "หน่วยงานต้นสังกัดไม่ถูกต้อง", "The parent agency is not valid.")
	}
	if a.ID != 0 && a.ParentID == a.ID {
		v.add("parent_id", "หน่วยงานเป็นต้นสังกัดของตัวเองไม่ได้", "An agency cannot be its own parent.")
	}
	validateContact(&v, a.Contact)
	return v.err("หน่วยงาน", "agency")
}

func normalizeContact(c *Contact) {
	c.Address.Line = cleanText(c.Address.Line)
	c.Address.Subdistrict = cleanText(c.Address.Subdistrict)
	c.Address.District = cleanText(c.Address.District)
	c.Address.ProvinceCode = strings.TrimSpace(c.Address.ProvinceCode)
	c.Address.Postcode = strings.TrimSpace(c.Address.Postcode)
	c.Email = strings.TrimSpace(c.Email)
	c.Website = strings.TrimSpace(c.Website)
	phones := c.Phones[:0:0]
	for _, p := range c.Phones {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if n, ok := NormalizePhone(p); ok {
			p = n
		}
		phones = append(phones, p)
	}
	c.Phones = phones
}

func validateContact(v *validation, c Contact) {
	a := c.Address
	if a.ProvinceCode != "" {
		if _, ok := ProvinceByCode(a.ProvinceCode); !ok {
			v.add("province", "ไม่พบจังหวัดที่เลือก", "Unknown province.")
		}
	}
	if a.Postcode != "" && !isDigits(a.Postcode, 5) {
		v.add("postcode", "รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก", "The postcode must be 5 digits.")
	}
	for _, f := range []struct{ name, val string }{{"address", a.Line}, {"subdistrict", a.Subdistrict}, {"district", a.District}} {
		if utf8.RuneCountInString(f.val) > 300 {
			v.add(f.name, "ข้อความยาวเกิน 300 ตัวอักษร", "Longer than 300 characters.")
		}
	}
	if len(c.Phones) > 10 {
		v.add("phones", "ระบุหมายเลขโทรศัพท์ได้ไม่เกิน 10 หมายเลข", "At most 10 phone numbers.")
	}
	for _, p := range c.Phones {
		if _, ok := NormalizePhone(p); !ok {
			v.add("phones", "หมายเลขโทรศัพท์ \""+p+"\" ไม่ถูกต้อง ใช้รูปแบบ 02 123 4567, 081 234 5678, 1111 หรือ 02 123 4567 ต่อ 12",
				"The phone number \""+p+"\" is not valid; use 02 123 4567, 081 234 5678, 1111 or 02 123 4567 #12.")
		}
	}
	if c.Email != "" {
		if m, err := mail.ParseAddress(c.Email); err != nil || m.Address != c.Email || m.Name != "" {
			v.add("email", "อีเมลไม่ถูกต้อง", "The e-mail address is not valid.")
		}
	}
	if c.Website != "" && !validWebURL(c.Website) {
		v.add("website", "เว็บไซต์ต้องขึ้นต้นด้วย http:// หรือ https://", "The website must start with http:// or https://.")
	}
}

func validWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 500
}

// cleanText trims, drops control and zero-width characters and collapses runs
// of spaces: names are compared and searched, so invisible differences hurt.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func hasThai(s string) bool {
	for _, r := range s {
		if r >= 0x0E01 && r <= 0x0E5B {
			return true
		}
	}
	return false
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
