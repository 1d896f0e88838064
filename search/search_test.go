package search

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// smallCorpus is a hand-written set of documents for ranking tests.
func smallCorpus() []Doc {
	m := func(id int64, title string, alt []string, body, agency, place, cat, prov string) Doc {
		return Doc{Kind: KindManual, ID: id, Title: title, Alt: alt, Body: body, Agency: agency, Place: place,
			Facets: map[string][]string{FacetCategory: {cat}, FacetProvince: {prov}}}
	}
	docs := []Doc{
		m(1, "การขอมีบัตรประจำตัวประชาชนครั้งแรก", []string{"ทำบัตรประชาชนครั้งแรก"},
			"ผู้ขอต้องมีอายุ 7 ปีบริบูรณ์ ยื่นคำขอพร้อมสำเนาทะเบียนบ้านและสูติบัตร", "สำนักทะเบียนอำเภอเมืองเชียงใหม่", "อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่", "civil", "50"),
		m(2, "การขอมีบัตรประจำตัวประชาชนใหม่กรณีบัตรสูญหาย", nil,
			"แจ้งความหรือแจ้งบัตรสูญหายต่อนายทะเบียน แล้วยื่นคำขอมีบัตรใหม่ <b>ค่าธรรมเนียม</b> 100 บาท", "สำนักงานเขตบางรัก", "เขตบางรัก กรุงเทพมหานคร", "civil", "10"),
		m(3, "การขออนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", []string{"ใบขับขี่รถยนต์"},
			"ผ่านการอบรมและสอบข้อเขียน สอบขับรถ ใบรับรองแพทย์", "สำนักงานขนส่งจังหวัดเชียงใหม่", "จังหวัดเชียงใหม่", "transport", "50"),
		m(4, "การต่ออายุใบอนุญาตขับรถยนต์ส่วนบุคคล", nil,
			"ยื่นใบอนุญาตขับรถเดิม ใบรับรองแพทย์ อบรมออนไลน์", "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 1", "เขตจตุจักร กรุงเทพมหานคร", "transport", "10"),
		m(5, "การชำระภาษีรถประจำปี", nil,
			"นำสมุดคู่มือจดทะเบียนรถและหลักฐานการทำประกันภัยตามกฎหมาย", "สำนักงานขนส่งจังหวัดขอนแก่น", "จังหวัดขอนแก่น", "transport", "40"),
		m(6, "การจดทะเบียนสมรส", nil,
			"คู่สมรสยื่นคำร้องพร้อมบัตรประจำตัวประชาชน มีพยานสองคน", "ที่ว่าการอำเภอเมืองขอนแก่น", "อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", "civil", "40"),
		m(7, "การแจ้งการเกิด", []string{"แจ้งเกิด"},
			"แจ้งภายใน 15 วันนับแต่วันเกิด หนังสือรับรองการเกิดจากโรงพยาบาล", "สำนักงานเขตบางรัก", "เขตบางรัก กรุงเทพมหานคร", "civil", "10"),
		m(8, "การขออนุญาตก่อสร้างอาคาร", nil,
			"ยื่นแบบแปลนอาคาร โฉนดที่ดิน หนังสือยินยอมจากเจ้าของที่ดิน", "เทศบาลนครเชียงใหม่", "อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่", "building", "50"),
		m(9, "การขอหนังสือเดินทางบุคคลธรรมดา", []string{"ทำพาสปอร์ต"},
			"ผู้ขอยื่นคำขอด้วยตนเอง บัตรประจำตัวประชาชนตัวจริง", "กรมการกงสุล", "เขตหลักสี่ กรุงเทพมหานคร", "travel", "10"),
		m(10, "การแจ้งย้ายที่อยู่", []string{"ย้ายทะเบียนบ้าน"},
			"เจ้าบ้านแจ้งย้ายออกและย้ายเข้าภายใน 15 วัน", "ที่ว่าการอำเภอเมืองขอนแก่น", "อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", "civil", "40"),
		m(11, "การออกโฉนดที่ดิน", nil,
			"รังวัดที่ดินและออกหนังสือแสดงสิทธิในที่ดิน", "สำนักงานที่ดินจังหวัดเชียงใหม่", "จังหวัดเชียงใหม่", "land", "50"),
		m(12, "การขออนุญาตจำหน่ายสุรา", nil,
			"ยื่นคำขอใบอนุญาตขายสุราประเภทที่ 1 ต่อเจ้าพนักงานสรรพสามิต", "สำนักงานสรรพสามิตพื้นที่เชียงใหม่", "จังหวัดเชียงใหม่", "business", "50"),
	}
	docs = append(docs,
		Doc{Kind: KindAgency, ID: 100, Title: "สำนักงานเขตบางรัก", TitleEN: "Bang Rak District Office", Place: "เขตบางรัก กรุงเทพมหานคร",
			Facets: map[string][]string{FacetProvince: {"10"}, FacetAgencyType: {"local"}}},
		Doc{Kind: KindPoint, ID: 200, Title: "ที่ทำการไปรษณีย์บางรัก", Body: "ถนนเจริญกรุง แขวงบางรัก", Agency: "บริษัท ไปรษณีย์ไทย จำกัด", Place: "เขตบางรัก กรุงเทพมหานคร",
			Facets: map[string][]string{FacetProvince: {"10"}}, Boost: 50},
		Doc{Kind: KindService, ID: 300, Title: "ตรวจสอบสิทธิบัตรทองออนไลน์", Body: "ตรวจสอบสิทธิหลักประกันสุขภาพแห่งชาติด้วยเลขบัตรประจำตัวประชาชน", Agency: "สำนักงานหลักประกันสุขภาพแห่งชาติ",
			Facets: map[string][]string{FacetCategory: {"health"}}},
	)
	return docs
}

func newSmall(t testing.TB, opts ...Option) *Index {
	t.Helper()
	ix := New(thai.Default(), opts...)
	ix.Upsert(smallCorpus()...)
	return ix
}

func ids(r Result) []int64 {
	var out []int64
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestRanking(t *testing.T) {
	ix := newSmall(t)
	for _, c := range []struct {
		name, q string
		first   int64   // expected first hit
		has     []int64 // expected among the hits
		not     []int64 // expected absent
	}{
		{"formal title", "บัตรประจำตัวประชาชน", 1, []int64{2}, []int64{3, 5}},
		{"colloquial via synonym table", "บัตรประชาชน", 1, []int64{2}, nil},
		{"colloquial via common name", "ทำบัตรประชาชน", 1, []int64{2}, nil},
		{"synonym ใบขับขี่", "ใบขับขี่", 0, []int64{3, 4}, []int64{1, 5}},
		{"synonym พาสปอร์ต", "พาสปอร์ต", 9, nil, nil},
		{"phrase synonym ต่อภาษีรถ", "ต่อภาษีรถ", 5, nil, nil},
		{"one-word synonym แต่งงาน", "แต่งงาน", 6, nil, nil},
		{"colloquial แจ้งเกิด", "แจ้งเกิด", 7, nil, nil},
		{"สูญหาย via หาย", "บัตรประชาชนหาย", 2, nil, nil},
		{"question words dropped", "ทำพาสปอร์ตที่ไหน", 9, nil, nil},
		{"misspelt ใบขับขี", "ใบขับขี", 0, []int64{3, 4}, nil},
		{"misspelt ใบอนุญาติ", "ใบอนุญาติขับรถ", 4, []int64{3}, nil},
		{"prefix being typed", "หนังสือเดิ", 9, nil, nil},
		{"partial compound", "ใบอนุ", 0, []int64{3, 4, 12}, nil},
		{"agency name", "สำนักงานเขตบางรัก", 100, []int64{2, 7}, nil},
		{"place", "บางรัก", 0, []int64{100, 200, 2, 7}, nil},
		{"english title", "bang rak", 100, nil, nil},
		{"body words", "พยานสองคน", 6, nil, nil},
		{"thai digits", "๑๕ วัน", 0, []int64{7, 10}, nil},
		{"โฉนด", "โฉนด", 11, []int64{8}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ix.Search(Query{Text: c.q})
			got := ids(r)
			if len(got) == 0 {
				t.Fatalf("%q: no hits", c.q)
			}
			if c.first != 0 && got[0] != c.first {
				t.Errorf("%q: first hit %d, want %d (hits %v)", c.q, got[0], c.first, got)
			}
			for _, id := range c.has {
				if !slices.Contains(got, id) {
					t.Errorf("%q: %d missing from %v", c.q, id, got)
				}
			}
			for _, id := range c.not {
				if slices.Contains(got, id) {
					t.Errorf("%q: %d should not match (hits %v)", c.q, id, got)
				}
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	ix := newSmall(t)
	for q, want := range map[string]string{
		"ใบขับขี":       "ใบขับขี่",
		"ใบอนุญาติ":     "ใบอนุญาต",
		"หนังสือเดินทง": "หนังสือเดินทาง",
	} {
		r := ix.Search(Query{Text: q})
		if r.DidYouMean != want {
			t.Errorf("%q: did you mean %q, want %q", q, r.DidYouMean, want)
		}
	}
	for _, q := range []string{"หนังสือเดินทาง", "ทำบัตรประชาชนหาย"} {
		// Known words, even rare or in no document, are not corrected.
		if r := ix.Search(Query{Text: q}); r.DidYouMean != "" {
			t.Errorf("%q: did you mean %q", q, r.DidYouMean)
		}
	}
}

func TestFiltersAndFacets(t *testing.T) {
	ix := newSmall(t)
	r := ix.Search(Query{Text: "บัตรประจำตัวประชาชน"})
	all := r.Total
	r = ix.Search(Query{Text: "บัตรประจำตัวประชาชน", Filters: map[string][]string{FacetProvince: {"10"}}})
	for _, h := range r.Hits {
		if h.ID != 2 && h.ID != 9 {
			t.Errorf("province filter let %d through", h.ID)
		}
	}
	if r.Total >= all || r.Total == 0 {
		t.Errorf("filtered total %d, unfiltered %d", r.Total, all)
	}
	// Disjunctive: the province counts ignore the province filter.
	prov := map[string]int{}
	for _, fc := range r.Facets[FacetProvince] {
		prov[fc.Value] = fc.Count
	}
	if prov["10"] != r.Total || prov["50"] == 0 {
		t.Errorf("province facets %v (total %d)", r.Facets[FacetProvince], r.Total)
	}
	r = ix.Search(Query{Text: "บางรัก", Kinds: []Kind{KindAgency, KindPoint}})
	if got := ids(r); !slices.Equal(sortedIDs(got), []int64{100, 200}) {
		t.Errorf("kind filter: %v", got)
	}
	kinds := map[string]int{}
	for _, fc := range r.Facets[FacetKind] {
		kinds[fc.Value] = fc.Count
	}
	if kinds["manual"] != 2 || kinds["agency"] != 1 {
		t.Errorf("kind facets %v", r.Facets[FacetKind])
	}
	if r := ix.Search(Query{Text: "บางรัก", Filters: map[string][]string{FacetProvince: {"nowhere"}}}); r.Total != 0 {
		t.Errorf("unknown facet value matched %d", r.Total)
	}
	// Browsing: no words, a filter.
	r = ix.Search(Query{Filters: map[string][]string{FacetCategory: {"transport"}}})
	if r.Total != 3 || len(r.Hits) != 3 {
		t.Errorf("browse: total %d hits %v", r.Total, ids(r))
	}
	// No words, no filter: facets only.
	r = ix.Search(Query{Text: "  "})
	if len(r.Hits) != 0 || r.Total != 0 || len(r.Facets[FacetKind]) != 4 {
		t.Errorf("empty query: %d hits, facets %v", len(r.Hits), r.Facets)
	}
}

func sortedIDs(s []int64) []int64 { s = slices.Clone(s); slices.Sort(s); return s }

func TestPagination(t *testing.T) {
	ix := New(thai.Default())
	var docs []Doc
	for i := range 45 {
		docs = append(docs, Doc{Kind: KindPoint, ID: int64(i + 1), Title: fmt.Sprintf("ที่ทำการไปรษณีย์สาขา %d", i+1)})
	}
	ix.Upsert(docs...)
	seen := map[int64]bool{}
	for off := 0; off < 60; off += 20 {
		r := ix.Search(Query{Text: "ไปรษณีย์", Limit: 20, Offset: off})
		if r.Total != 45 {
			t.Fatalf("total %d", r.Total)
		}
		want := min(20, max(0, 45-off))
		if len(r.Hits) != want {
			t.Fatalf("offset %d: %d hits, want %d", off, len(r.Hits), want)
		}
		for _, h := range r.Hits {
			if seen[h.ID] {
				t.Errorf("offset %d: %d seen twice", off, h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 45 {
		t.Errorf("pages covered %d docs", len(seen))
	}
}

func TestUpsertDelete(t *testing.T) {
	ix := newSmall(t, WithBackgroundMerge(false))
	if r := ix.Search(Query{Text: "หนังสือเดินทาง"}); len(r.Hits) == 0 || r.Hits[0].ID != 9 {
		t.Fatalf("before: %v", ids(r))
	}
	ix.Upsert(Doc{Kind: KindManual, ID: 9, Title: "การขอวีซ่าท่องเที่ยว"})
	if r := ix.Search(Query{Text: "หนังสือเดินทาง"}); slices.Contains(ids(r), 9) {
		t.Errorf("old version still found: %v", ids(r))
	}
	if r := ix.Search(Query{Text: "วีซ่า"}); !slices.Contains(ids(r), 9) {
		t.Errorf("new version not found: %v", ids(r))
	}
	if !ix.Delete(KindManual, 9) || ix.Delete(KindManual, 9) {
		t.Error("Delete result")
	}
	if r := ix.Search(Query{Text: "วีซ่า"}); slices.Contains(ids(r), 9) {
		t.Errorf("deleted doc found: %v", ids(r))
	}
	// Many single updates: merged along the way, all visible.
	n := ix.Len()
	for i := range 50 {
		ix.Upsert(Doc{Kind: KindPoint, ID: int64(1000 + i), Title: fmt.Sprintf("จุดบริการรับชำระภาษีรถ สาขา %d", i)})
	}
	if len(ix.snap.Load().segs) > ix.cfg.maxSegments {
		t.Errorf("%d segments", len(ix.snap.Load().segs))
	}
	if r := ix.Search(Query{Text: "จุดบริการรับชำระภาษีรถ"}); r.Total != 50 {
		t.Errorf("total %d", r.Total)
	}
	ix.Compact()
	if ix.Len() != n+50 || len(ix.snap.Load().segs) != 1 {
		t.Errorf("after compact: %d docs in %d segments", ix.Len(), len(ix.snap.Load().segs))
	}
	if r := ix.Search(Query{Text: "ใบขับขี่"}); len(r.Hits) != 2 || r.Hits[0].ID != 4 {
		t.Errorf("after compact: %v", ids(r))
	}
}

func TestSnippets(t *testing.T) {
	ix := newSmall(t)
	r := ix.Search(Query{Text: "ค่าธรรมเนียม บัตรสูญหาย"})
	if len(r.Hits) == 0 || r.Hits[0].ID != 2 {
		t.Fatalf("hits %v", ids(r))
	}
	h := r.Hits[0]
	var marked []string
	for _, s := range append(h.TitleSpans, h.BodySpans...) {
		if s.Hit {
			marked = append(marked, s.Text)
		}
	}
	if !strings.Contains(strings.Join(marked, " "), "สูญหาย") || !slices.Contains(marked, "ค่าธรรมเนียม") {
		t.Errorf("marked %q", marked)
	}
	html := string(HTML(h.BodySpans))
	if strings.Contains(html, "<b>") || !strings.Contains(html, "&lt;b&gt;") || !strings.Contains(html, "<mark>ค่าธรรมเนียม</mark>") {
		t.Errorf("body html %s", html)
	}
	var title strings.Builder
	for _, s := range h.TitleSpans {
		title.WriteString(s.Text)
	}
	if title.String() != h.Title {
		t.Errorf("title spans %q", title.String())
	}
	if got := HTML(r.Highlight(`<script>บัตร</script>`)); strings.Contains(string(got), "<script>") {
		t.Errorf("Highlight: %s", got)
	}
}

// TestRankOnly checks that asking for the ranking alone gives the same
// hits, total and scores, without facet counts or marked spans.
func TestRankOnly(t *testing.T) {
	ix := newSmall(t)
	for _, text := range []string{"ค่าธรรมเนียม บัตรสูญหาย", "บัตรประชาชน", "ใบขับขี่ เชียงใหม่"} {
		full := ix.Search(Query{Text: text})
		lean := ix.Search(Query{Text: text, RankOnly: true})
		if !reflect.DeepEqual(refs(full), refs(lean)) || full.Total != lean.Total || len(full.Hits) == 0 {
			t.Errorf("%q: ranking only %v (total %d), full %v (total %d)", text, refs(lean), lean.Total, refs(full), full.Total)
		}
		if lean.Facets != nil || len(full.Facets) == 0 {
			t.Errorf("%q: facets %v with ranking only, %v in full", text, lean.Facets, full.Facets)
		}
		for _, h := range lean.Hits {
			if h.TitleSpans != nil || h.BodySpans != nil || h.Title == "" {
				t.Errorf("%q: hit %+v has spans or no title", text, h)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	ix := newSmall(t)
	for _, q := range []string{
		"", " ", "\x00\xff\xfe", strings.Repeat("บัตรประชาชน", 5000), strings.Repeat("a ", 10000),
		"่่่่", "ๆๆๆ", "((((", "\u200b\u200b", strings.Repeat("\xe0\xb8", 100),
	} {
		r := ix.Search(Query{Text: q, Limit: -5, Offset: -3})
		if len(r.Hits) > MaxLimit {
			t.Errorf("%d hits", len(r.Hits))
		}
	}
	p := ParseQuery(ix.Dict(), strings.Repeat("บัตรประชาชน ", 1000))
	if len(p.Terms) > MaxQueryTerms || len([]rune(p.Text)) > MaxQueryRunes {
		t.Errorf("parsed %d terms, %d runes", len(p.Terms), len([]rune(p.Text)))
	}
	empty := New(nil)
	if r := empty.Search(Query{Text: "บัตร"}); len(r.Hits) != 0 {
		t.Error("empty index has hits")
	}
}

func TestNoDictionary(t *testing.T) {
	// An empty dictionary still finds documents by the names it learns from
	// them, and by whole titles.
	ix := New(thai.NewDict())
	ix.Upsert(smallCorpus()...)
	for q, want := range map[string]int64{"การจดทะเบียนสมรส": 6, "ทำพาสปอร์ต": 9, "บางรัก": 100, "ขอนแก่น": 6} {
		if got := ids(ix.Search(Query{Text: q})); !slices.Contains(got, want) {
			t.Errorf("%q: %v, want %d", q, got, want)
		}
	}
}

// TestPhraseCache checks that a synonym phrase's cached segmentation is
// dropped when the dictionary learns a word.
func TestPhraseCache(t *testing.T) {
	d := thai.NewDict("ขอ", "อนุญาต")
	pl := newPlan(&snapshot{}, d, &phraseCache{})
	texts := func(ts []QueryTerm) []string {
		var out []string
		for _, q := range ts {
			out = append(out, q.Text)
		}
		return out
	}
	if got := texts(pl.phraseTerms("ขออนุญาต")); !slices.Equal(got, []string{"ขอ", "อนุญาต"}) {
		t.Fatalf("before: %q", got)
	}
	if got := texts(pl.phraseTerms("ขออนุญาต")); !slices.Equal(got, []string{"ขอ", "อนุญาต"}) {
		t.Fatalf("cached: %q", got)
	}
	d.Add("ขออนุญาต")
	if got := texts(pl.phraseTerms("ขออนุญาต")); !slices.Equal(got, []string{"ขออนุญาต"}) {
		t.Fatalf("after the dictionary learnt the word: %q", got)
	}
}

// TestStoredTokens checks that hits marked from the tokens kept at build
// time are marked as segmenting their text again marks them.
func TestStoredTokens(t *testing.T) {
	docs := syntheticCorpus(3000, 7)
	ix := New(thai.Default(), WithResultCache(0))
	ix.Upsert(docs...)
	ix.Compact()
	sn := ix.snap.Load()
	withToks := 0
	for _, q := range []string{"ขออนุญาตก่อสร้างอาคาร", "ทะเบียนสมรส", "ภาษีรถ ขนส่ง", "บัตรประชาชน", "ใบอนุญาต", "สำนักงานที่ดิน โอน", "เบี้ยยังชีพ"} {
		r := ix.Search(Query{Text: q, Limit: 20})
		if len(r.Hits) == 0 {
			t.Fatalf("%s: no hits", q)
		}
		mk := newMarker(ix.dict, r.terms)
		for _, h := range r.Hits {
			var s *stored
			for _, v := range sn.segs {
				for d := range v.seg.docs {
					if v.seg.docs[d].ref == h.DocRef {
						s = &v.seg.docs[d]
					}
				}
			}
			if s.titleToks != nil {
				withToks++
			}
			if want := mk.highlight(s.title, s.clean&cleanTitle != 0, nil); !slices.Equal(h.TitleSpans, want) {
				t.Errorf("%s: title of %v: %v, segmenting again %v", q, h.DocRef, h.TitleSpans, want)
			}
			if want := mk.snippet(s.body, snippetRunes, s.clean&cleanBody != 0, nil); !slices.Equal(h.BodySpans, want) {
				t.Errorf("%s: body of %v: %v, segmenting again %v", q, h.DocRef, h.BodySpans, want)
			}
		}
	}
	if withToks == 0 {
		t.Error("no hit has stored tokens")
	}
}
