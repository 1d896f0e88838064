package openinfo

import (
	"unicode/utf8"
)

// CatalogKind is one of the three lists of OPDC's Service Catalog that tag a
// process (GLOSSARY.md "Structure and content"; HSDS taxonomy_term.taxonomy).
type CatalogKind string

const (
	CatalogCategory  CatalogKind = "category"   // หมวดหมู่บริการ: the Main Catalog's grouping by subject
	CatalogUserGroup CatalogKind = "user_group" // กลุ่มผู้ใช้บริการ: the Main Catalog's grouping by who uses the service
	CatalogTag       CatalogKind = "tag"        // ป้ายคำ: the Sub-Catalog level and other tags
)

// CatalogKinds lists the kinds with their Thai and English names.
var CatalogKinds = []struct {
	Kind CatalogKind
	Text
}{
	{CatalogCategory, Text{"หมวดหมู่บริการ", "Service category"}},
	{CatalogUserGroup, Text{"กลุ่มผู้ใช้บริการ", "User group"}},
	{CatalogTag, Text{"ป้ายคำ", "Tag"}},
}

// Valid reports whether k is a known kind.
func (k CatalogKind) Valid() bool {
	for _, x := range CatalogKinds {
		if x.Kind == k {
			return true
		}
	}
	return false
}

// Label returns the kind's name in lang.
func (k CatalogKind) Label(lang string) string {
	for _, x := range CatalogKinds {
		if x.Kind == k {
			return x.In(lang)
		}
	}
	return string(k)
}

// CatalogTerm is one entry of the Service Catalog, a managed list that OPDC
// edits. Code is stable (exports and links use it); names may change. A term
// is never deleted once processes use it: Active false hides it from new
// tagging and from the portal's filters.
type CatalogTerm struct {
	ID       int64
	Kind     CatalogKind
	Code     string // "civil_registration": lower-case letters, digits, "_" and "-"
	NameTH   string
	NameEN   string
	ParentID int64 // 0: top level; see CheckCatalogParent
	Active   bool
	Version  int64 // optimistic lock, as for agencies
}

// Name returns the term's name in lang, Thai when there is no English name.
func (t *CatalogTerm) Name(lang string) string {
	return Text{t.NameTH, t.NameEN}.In(lang)
}

// Normalize trims the names and lower-cases the code.
func (t *CatalogTerm) Normalize() {
	t.NameTH, t.NameEN = cleanText(t.NameTH), cleanText(t.NameEN)
	t.Code = asciiLowerTrim(t.Code)
}

// Validate checks the term on its own; the store checks that the code is
// unique within its kind and, with CheckCatalogParent, the parent.
func (t *CatalogTerm) Validate() error {
	var v validation
	if !t.Kind.Valid() {
		v.add("kind", "กรุณาเลือกประเภทรายการ (หมวดหมู่บริการ กลุ่มผู้ใช้บริการ หรือป้ายคำ)",
			"Choose the kind (service category, user group or tag).")
	}
	if !validCatalogCode(t.Code) {
		v.add("code", "รหัสต้องเป็นอักษรภาษาอังกฤษตัวเล็ก ตัวเลข _ หรือ - ยาวไม่เกิน 64 ตัวอักษร และขึ้นต้นด้วยอักษรหรือตัวเลข",
			"The code must be 1–64 lower-case letters, digits, \"_\" or \"-\", starting with a letter or digit.")
	}
	switch {
	case t.NameTH == "":
		v.add("name_th", "กรุณากรอกชื่อภาษาไทย", "Enter the Thai name.")
	case utf8.RuneCountInString(t.NameTH) > 200:
		v.add("name_th", "ชื่อภาษาไทยยาวเกิน 200 ตัวอักษร", "The Thai name is longer than 200 characters.")
	case !hasThai(t.NameTH):
		v.add("name_th", "ชื่อภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(t.NameEN) > 200 {
		v.add("name_en", "ชื่อภาษาอังกฤษยาวเกิน 200 ตัวอักษร", "The English name is longer than 200 characters.")
	}
	if t.ParentID < 0 || (t.ID != 0 && t.ParentID == t.ID) {
		v.add("parent_id", "รายการแม่ไม่ถูกต้อง", "The parent term is not valid.")
	}
	return v.err("รายการบัญชีบริการ", "catalog term")
}

// CheckCatalogParent checks that parent may hold child: a category sits under
// a category, a user group under a user group, and a tag (the Sub-Catalog)
// under a service category or another tag. An inactive parent takes no new
// children.
func CheckCatalogParent(child, parent CatalogTerm) error {
	if parent.Kind != child.Kind && (child.Kind != CatalogTag || parent.Kind != CatalogCategory) {
		th, en := "รายการแม่ต้องเป็น"+child.Kind.Label("th"), "The parent must be a "+lowerFirst(child.Kind.Label("en"))
		if child.Kind == CatalogTag {
			th, en = th+"หรือหมวดหมู่บริการ", en+" or a service category"
		}
		return &Error{Code: EINVALID, TH: th, EN: en + ".",
			Fields: []FieldError{{Field: "parent_id", TH: th, EN: en + "."}}}
	}
	if !parent.Active {
		return &Error{Code: EINVALID, TH: "รายการแม่ถูกยกเลิกแล้ว", EN: "The parent term is no longer active.",
			Fields: []FieldError{{Field: "parent_id", TH: "รายการแม่ถูกยกเลิกแล้ว", EN: "The parent term is no longer active."}}}
	}
	return nil
}

func validCatalogCode(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '_' || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func asciiLowerTrim(s string) string {
	b := []byte(cleanText(s))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// DefaultCatalog is the seed of the Service Catalog: service categories and
// user groups, all active and top level, with stable codes. OPDC edits the
// list afterwards; tags (ป้ายคำ) start empty. IDs are left to the store.
func DefaultCatalog() []CatalogTerm {
	seed := []struct {
		kind               CatalogKind
		code, nameTH, name string
	}{
		{CatalogCategory, "civil_registration", "ทะเบียนราษฎรและบัตรประชาชน", "Civil registration and ID cards"},
		{CatalogCategory, "vehicles_transport", "ยานพาหนะและการขนส่ง", "Vehicles and transport"},
		{CatalogCategory, "land_housing", "ที่ดินและที่อยู่อาศัย", "Land and housing"},
		{CatalogCategory, "business_trade", "ธุรกิจและการค้า", "Business and trade"},
		{CatalogCategory, "tax", "ภาษี", "Tax"},
		{CatalogCategory, "labour_employment", "แรงงานและการจ้างงาน", "Labour and employment"},
		{CatalogCategory, "health_food", "สาธารณสุขและอาหาร", "Health and food"},
		{CatalogCategory, "education", "การศึกษา", "Education"},
		{CatalogCategory, "agriculture", "เกษตรกรรม", "Agriculture"},
		{CatalogCategory, "environment", "สิ่งแวดล้อม", "Environment"},
		{CatalogCategory, "construction_buildings", "ก่อสร้างและอาคาร", "Construction and buildings"},
		{CatalogCategory, "family", "ครอบครัว", "Family"},
		{CatalogCategory, "social_welfare", "สวัสดิการสังคม", "Social welfare"},
		{CatalogCategory, "tourism_sports", "ท่องเที่ยวและกีฬา", "Tourism and sports"},
		{CatalogCategory, "industry_energy", "อุตสาหกรรมและพลังงาน", "Industry and energy"},
		{CatalogUserGroup, "general_public", "ประชาชนทั่วไป", "General public"},
		{CatalogUserGroup, "business_operators", "ผู้ประกอบการ/นิติบุคคล", "Business operators and juristic persons"},
		{CatalogUserGroup, "farmers", "เกษตรกร", "Farmers"},
		{CatalogUserGroup, "older_persons", "ผู้สูงอายุ", "Older persons"},
		{CatalogUserGroup, "persons_with_disabilities", "คนพิการ", "Persons with disabilities"},
		{CatalogUserGroup, "students", "นักเรียนนักศึกษา", "Students"},
		{CatalogUserGroup, "migrant_workers", "แรงงานต่างด้าว", "Migrant workers"},
		{CatalogUserGroup, "foreigners", "ชาวต่างชาติ", "Foreigners"},
	}
	out := make([]CatalogTerm, len(seed))
	for i, s := range seed {
		out[i] = CatalogTerm{Kind: s.kind, Code: s.code, NameTH: s.nameTH, NameEN: s.name, Active: true}
	}
	return out
}
