package search

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

var fuzzQueries = []string{
	"บัตรประชาชน", "ใบขับขี", "ทำพาสปอร์ตที่ไหน", "ใบอนุ", "bang rak", "๑๕ วัน", "", " ", "\xff\xfe",
	"นํ้า", "เเจ้งเกิด", "่่่", "ๆ", "a\u200bb", strings.Repeat("ก", 300), "ภ.ง.ด. 90", "\"'<script>",
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range fuzzQueries {
		f.Add(q)
	}
	d := thai.Default()
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseQuery(d, s)
		if !utf8.ValidString(p.Text) || utf8.RuneCountInString(p.Text) > MaxQueryRunes || len(p.Terms) > MaxQueryTerms {
			t.Fatalf("bad parse of %q: %+v", s, p)
		}
		for _, term := range p.Terms {
			if term.Text == "" || p.Text[term.Start:term.End] != term.Text {
				t.Fatalf("bad term %+v in %q", term, p.Text)
			}
		}
	})
}

var (
	fuzzOnce sync.Once
	fuzzIx   *Index
)

func FuzzSearch(f *testing.F) {
	for _, q := range fuzzQueries {
		f.Add(q, 0, 10, "")
	}
	f.Add("บางรัก", 5, 3, "10")
	fuzzOnce.Do(func() {
		fuzzIx = New(thai.Default(), WithBackgroundMerge(false))
		fuzzIx.Upsert(smallCorpus()...)
	})
	f.Fuzz(func(t *testing.T, q string, offset, limit int, province string) {
		var filters map[string][]string
		if province != "" {
			filters = map[string][]string{FacetProvince: {province}}
		}
		r := fuzzIx.Search(Query{Text: q, Offset: offset, Limit: limit, Filters: filters})
		if len(r.Hits) > MaxLimit || len(r.Hits) > r.Total {
			t.Fatalf("%q: %d hits of %d", q, len(r.Hits), r.Total)
		}
		for _, h := range r.Hits {
			var b strings.Builder
			for _, s := range h.TitleSpans {
				b.WriteString(s.Text)
			}
			if b.String() != strings.ToValidUTF8(h.Title, "") {
				t.Fatalf("%q: title spans %q of %q", q, b.String(), h.Title)
			}
			if html := string(HTML(h.BodySpans)); strings.Contains(html, "<b>") {
				t.Fatalf("unescaped body %s", html)
			}
		}
		r.Highlight(q)
	})
}
