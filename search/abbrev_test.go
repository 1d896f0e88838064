package search

import (
	"strings"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestAbbreviations: each reviewed abbreviation, typed with dots or
// without, finds the manual that uses its expansion first, and its first
// expansion finds the manual that uses the abbreviation (issue 16, point 7).
func TestAbbreviations(t *testing.T) {
	list := Abbreviations()
	if len(list) < 40 {
		t.Fatalf("%d abbreviations", len(list))
	}
	ix := New(thai.Default())
	var docs []Doc
	for i, a := range list {
		docs = append(docs,
			Doc{Kind: KindManual, ID: int64(1 + 2*i), Title: "การขอรับบริการ " + a.Expansions[0], Agency: "หน่วยงานที่หนึ่ง"},
			Doc{Kind: KindManual, ID: int64(2 + 2*i), Title: "แบบคำขอ " + a.Abbr + " ฉบับใหม่", Agency: "หน่วยงานที่สอง"})
	}
	// Neighbours: the letters of abbreviations as house numbers and names.
	docs = append(docs, Doc{Kind: KindPoint, ID: 9000, Title: "ที่ทำการ ก ข ค", Body: "เลขที่ 4 หมู่ 9 ซอย 12 ถนน 20 อ ย ส ป"})
	ix.Upsert(docs...)
	dotted := func(s string) string {
		for _, r := range s {
			if r >= '\u0E30' && r <= '\u0E4E' {
				return s // a word (บีโอไอ), not letters
			}
		}
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			if r != ' ' && (r < '0' || r > '9') && (r < 'a' || r > 'z') {
				b.WriteRune('.')
			}
		}
		return b.String()
	}
	for i, a := range list {
		for _, q := range []string{a.Abbr, dotted(a.Abbr)} {
			r := ix.Search(Query{Text: q, Limit: 5})
			if !containsID(r, int64(1+2*i)) {
				t.Errorf("%q (%s): %v, want %d (%s) among the first", q, a.Expansions[0], titlesOf(r), 1+2*i, docs[2*i].Title)
			}
			if len(r.Hits) > 0 && r.Hits[0].ID == 9000 {
				t.Errorf("%q: the point of letters first", q)
			}
		}
		if r := ix.Search(Query{Text: a.Expansions[0], Limit: 5}); !containsID(r, int64(2+2*i)) {
			t.Errorf("%q: %v, want %d (%s)", a.Expansions[0], titlesOf(r), 2+2*i, docs[2*i+1].Title)
		}
	}
}

func containsID(r Result, id int64) bool {
	for _, h := range r.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

func titlesOf(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Title)
	}
	return out
}

// TestEnglish: each reviewed English word finds a manual written with its
// Thai equivalent, and a two-word English query finds the manual that has
// both words in Thai first.
func TestEnglish(t *testing.T) {
	list := EnglishWords()
	ix := New(thai.Default())
	var docs []Doc
	for i, a := range list {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(1 + i), Title: "การขอรับบริการ" + a.Expansions[0] + "ของหน่วยงาน", Agency: "หน่วยงานที่หนึ่ง"})
	}
	docs = append(docs,
		Doc{Kind: KindManual, ID: 1000, Title: "การขอรับใบอนุญาตประกอบธุรกิจโรงแรม"},
		Doc{Kind: KindManual, ID: 1001, Title: "การชำระภาษีรถประจำปี"},
		Doc{Kind: KindManual, ID: 1002, Title: "การยื่นคำขอจดทะเบียนเครื่องหมายการค้า"})
	ix.Upsert(docs...)
	for i, a := range list {
		if r := ix.Search(Query{Text: a.Abbr, Limit: 10}); !containsID(r, int64(1+i)) {
			t.Errorf("%q (%s): %v", a.Abbr, a.Expansions[0], titlesOf(r))
		}
	}
	for q, want := range map[string]int64{"hotel licence": 1000, "car tax": 1001, "trademark registration": 1002} {
		if r := ix.Search(Query{Text: q}); len(r.Hits) == 0 || r.Hits[0].ID != want {
			t.Errorf("%q: %v, want %d first", q, titlesOf(r), want)
		}
	}
}
