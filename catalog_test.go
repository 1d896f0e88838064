package openinfo

import (
	"strings"
	"testing"
)

func TestDefaultCatalog(t *testing.T) {
	terms := DefaultCatalog()
	codes := map[string]bool{}
	names := map[string]bool{}
	count := map[CatalogKind]int{}
	for _, term := range terms {
		before := term
		term.Normalize()
		if term != before {
			t.Errorf("seed %q is not normalized", before.Code)
		}
		if err := term.Validate(); err != nil {
			t.Errorf("seed %q: %v", term.Code, err)
		}
		if codes[term.Code] || names[term.NameTH] {
			t.Errorf("seed %q: repeated code or name", term.Code)
		}
		if term.NameEN == "" || !term.Active || term.ParentID != 0 || term.ID != 0 {
			t.Errorf("seed %q: %+v", term.Code, term)
		}
		codes[term.Code], names[term.NameTH] = true, true
		count[term.Kind]++
	}
	if count[CatalogCategory] != 15 || count[CatalogUserGroup] != 8 || count[CatalogTag] != 0 {
		t.Errorf("seed counts %v", count)
	}
	for _, want := range []string{"ทะเบียนราษฎรและบัตรประชาชน", "อุตสาหกรรมและพลังงาน", "ผู้ประกอบการ/นิติบุคคล", "ชาวต่างชาติ"} {
		if !names[want] {
			t.Errorf("seed lacks %q", want)
		}
	}
}

func TestCatalogTermValidate(t *testing.T) {
	valid := func() CatalogTerm {
		return CatalogTerm{ID: 40, Kind: CatalogTag, Code: " Driving-Licence ", NameTH: " ใบอนุญาตขับรถ ", NameEN: "Driving licence", Active: true}
	}
	term := valid()
	term.Normalize()
	if term.Code != "driving-licence" || term.NameTH != "ใบอนุญาตขับรถ" {
		t.Errorf("normalized %+v", term)
	}
	tests := []struct {
		name   string
		change func(*CatalogTerm)
		field  string
	}{
		{"valid", func(*CatalogTerm) {}, ""},
		{"unknown kind", func(c *CatalogTerm) { c.Kind = "topic" }, "kind"},
		{"no code", func(c *CatalogTerm) { c.Code = "" }, "code"},
		{"Thai code", func(c *CatalogTerm) { c.Code = "ใบขับขี่" }, "code"},
		{"code with a space", func(c *CatalogTerm) { c.Code = "driving licence" }, "code"},
		{"code starting with _", func(c *CatalogTerm) { c.Code = "_x" }, "code"},
		{"long code", func(c *CatalogTerm) { c.Code = strings.Repeat("a", 65) }, "code"},
		{"no Thai name", func(c *CatalogTerm) { c.NameTH = "" }, "name_th"},
		{"English as Thai name", func(c *CatalogTerm) { c.NameTH = "Driving" }, "name_th"},
		{"long English name", func(c *CatalogTerm) { c.NameEN = strings.Repeat("a", 201) }, "name_en"},
		{"own parent", func(c *CatalogTerm) { c.ParentID = 40 }, "parent_id"},
		{"negative parent", func(c *CatalogTerm) { c.ParentID = -1 }, "parent_id"},
	}
	for _, tt := range tests {
		c := valid()
		tt.change(&c)
		c.Normalize()
		err := c.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !fieldsOf(err)[tt.field] {
			t.Errorf("%s: %v; want an error on %s", tt.name, err, tt.field)
		}
	}
}

func TestCheckCatalogParent(t *testing.T) {
	cat := CatalogTerm{Kind: CatalogCategory, Active: true}
	group := CatalogTerm{Kind: CatalogUserGroup, Active: true}
	tag := CatalogTerm{Kind: CatalogTag, Active: true}
	tests := []struct {
		name          string
		child, parent CatalogTerm
		ok            bool
	}{
		{"sub-category", cat, cat, true},
		{"sub-group", group, group, true},
		{"tag under a category (Sub-Catalog)", tag, cat, true},
		{"tag under a tag", tag, tag, true},
		{"category under a tag", cat, tag, false},
		{"group under a category", group, cat, false},
		{"tag under a user group", tag, group, false},
		{"inactive parent", cat, CatalogTerm{Kind: CatalogCategory}, false},
	}
	for _, tt := range tests {
		err := CheckCatalogParent(tt.child, tt.parent)
		if (err == nil) != tt.ok || (err != nil && (ErrorCode(err) != EINVALID || !fieldsOf(err)["parent_id"])) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestCatalogKinds(t *testing.T) {
	for _, k := range []CatalogKind{CatalogCategory, CatalogUserGroup, CatalogTag} {
		if !k.Valid() || k.Label("th") == string(k) || k.Label("en") == string(k) {
			t.Errorf("kind %q badly labelled", k)
		}
	}
	if CatalogTag.Label("th") != "ป้ายคำ" || CatalogKind("x").Valid() {
		t.Error("labels")
	}
	term := CatalogTerm{NameTH: "ภาษี"}
	if term.Name("en") != "ภาษี" {
		t.Error("Name falls back to Thai")
	}
}
