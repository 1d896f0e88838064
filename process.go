package openinfo

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Process (กระบวนงาน) is a service an agency runs. Its citizen manual is kept
// in revisions (ManualRevision); the process holds what search and the
// Service Catalog need: names, common names and catalog terms.
type Process struct {
	ID       int64
	AgencyID int64 // the owning agency (หน่วยงานเจ้าของกระบวนงาน)
	NameTH   string
	NameEN   string
	// CommonNames (ชื่อเรียกทั่วไป) are local or colloquial names, for search.
	CommonNames []string
	// TermIDs are the Service Catalog terms (CatalogTerm) of any kind.
	TermIDs   []int64
	Version   int64 // optimistic lock: an update must carry the version it read
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits of a process.
const (
	MaxCommonNames     = 30
	MaxCommonNameRunes = 100
	MaxProcessTerms    = 50
)

// Name returns the process's name in lang, Thai when there is no English name.
func (p *Process) Name(lang string) string {
	return Text{p.NameTH, p.NameEN}.In(lang)
}

// Normalize trims the names, drops empty and repeated common names (compared
// case-insensitively, the first spelling kept) and those that only repeat
// the Thai name, and drops repeated term IDs.
func (p *Process) Normalize() {
	p.NameTH, p.NameEN = cleanText(p.NameTH), cleanText(p.NameEN)
	seen := map[string]bool{}
	names := p.CommonNames[:0:0]
	for _, n := range p.CommonNames {
		n = cleanText(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] || k == strings.ToLower(p.NameTH) {
			continue
		}
		seen[k] = true
		names = append(names, n)
	}
	p.CommonNames = names
	ids := p.TermIDs[:0:0]
	seenID := map[int64]bool{}
	for _, id := range p.TermIDs {
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	p.TermIDs = ids
}

// Validate checks the process on its own; the store checks that the agency
// and the terms exist and that the terms are active.
func (p *Process) Validate() error {
	var v validation
	if p.AgencyID <= 0 {
		v.add("agency_id", "กรุณาเลือกหน่วยงานเจ้าของกระบวนงาน", "Choose the agency that owns the process.")
	}
	switch {
	case p.NameTH == "":
		v.add("name_th", "กรุณากรอกชื่อกระบวนงานภาษาไทย", "Enter the process's Thai name.")
	case utf8.RuneCountInString(p.NameTH) > 500:
		v.add("name_th", "ชื่อกระบวนงานยาวเกิน 500 ตัวอักษร", "The Thai name is longer than 500 characters.")
	case !hasThai(p.NameTH):
		v.add("name_th", "ชื่อกระบวนงานภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(p.NameEN) > 500 {
		v.add("name_en", "ชื่อกระบวนงานภาษาอังกฤษยาวเกิน 500 ตัวอักษร", "The English name is longer than 500 characters.")
	}
	if len(p.CommonNames) > MaxCommonNames {
		v.add("common_names", fmt.Sprintf("ระบุชื่อเรียกทั่วไปได้ไม่เกิน %d ชื่อ", MaxCommonNames),
			fmt.Sprintf("At most %d common names.", MaxCommonNames))
	}
	for i, n := range p.CommonNames {
		if utf8.RuneCountInString(n) > MaxCommonNameRunes {
			v.add(fmt.Sprintf("common_names[%d]", i),
				fmt.Sprintf("ชื่อเรียกทั่วไป \"%s\" ยาวเกิน %d ตัวอักษร", n, MaxCommonNameRunes),
				fmt.Sprintf("The common name \"%s\" is longer than %d characters.", n, MaxCommonNameRunes))
		}
	}
	if len(p.TermIDs) > MaxProcessTerms {
		v.add("term_ids", fmt.Sprintf("เลือกหมวดหมู่ กลุ่มผู้ใช้บริการ และป้ายคำรวมกันได้ไม่เกิน %d รายการ", MaxProcessTerms),
			fmt.Sprintf("At most %d catalog terms.", MaxProcessTerms))
	}
	for _, id := range p.TermIDs {
		if id <= 0 {
			v.add("term_ids", "รายการบัญชีบริการที่เลือกไม่ถูกต้อง", "A chosen catalog term is not valid.")
			break
		}
	}
	return v.err("กระบวนงาน", "process")
}
