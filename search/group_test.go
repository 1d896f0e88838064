package search

import (
	"fmt"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// groupCorpus: 300 copies of one manual at as many agencies in ten
// provinces, 40 copies of a second, one of a third, and an agency.
func groupCorpus() []Doc {
	var docs []Doc
	m := func(id int64, title, agency, prov string) Doc {
		return Doc{Kind: KindManual, ID: id, Title: title, Agency: agency, Body: "ยื่นคำขอ ใบอนุญาต ก่อสร้าง",
			Facets: map[string][]string{FacetProvince: {prov}}}
	}
	for i := range 300 {
		docs = append(docs, m(int64(1+i), "การขออนุญาตก่อสร้างอาคาร", fmt.Sprintf("เทศบาลตำบลที่ %d", i), fmt.Sprint(10+i%10)))
	}
	for i := range 40 {
		// The same title, written with other spaces: the same group.
		title := "การขออนุญาตก่อสร้าง อาคารชั่วคราว"
		if i%2 == 1 {
			title = "การขออนุญาตก่อสร้างอาคารชั่วคราว "
		}
		docs = append(docs, m(int64(1000+i), title, fmt.Sprintf("องค์การบริหารส่วนตำบลที่ %d", i), "20"))
	}
	docs = append(docs, m(2000, "การแจ้งก่อสร้างอาคารตามมาตรา 39 ทวิ", "กรุงเทพมหานคร", "10"),
		Doc{Kind: KindAgency, ID: 3000, Title: "สำนักงานโยธาธิการ ก่อสร้างอาคาร", Facets: map[string][]string{FacetProvince: {"30"}}})
	return docs
}

// TestGroupCopies: a grouped search shows copies of one process once, with
// how many match, and the copy in the preferred province; pages count
// groups (issue 16, point 1).
func TestGroupCopies(t *testing.T) {
	for _, split := range []bool{false, true} {
		ix := New(thai.Default(), WithResultCache(64))
		docs := groupCorpus()
		if split {
			// Copies in several segments (updates after the first load).
			ix.Upsert(docs[:200]...)
			ix.Upsert(docs[200:320]...)
			ix.Upsert(docs[320:]...)
		} else {
			ix.Upsert(docs...)
		}
		q := Query{Text: "ขออนุญาตก่อสร้างอาคาร", Group: true, Limit: 10}
		r := ix.Search(q)
		titles := map[string]int{}
		for _, h := range r.Hits {
			titles[groupKey(h.Kind, h.Title)]++
		}
		if len(r.Hits) != 4 || len(titles) != 4 {
			t.Fatalf("split %v: %d hits, %d groups, want 4 of each: %+v", split, len(r.Hits), len(titles), r.Hits)
		}
		if !r.Grouped || r.Total < 342 {
			t.Errorf("grouped %v, total %d", r.Grouped, r.Total)
		}
		copies := map[int64]int{}
		for _, h := range r.Hits {
			copies[h.ID/1000] = h.Copies
		}
		if copies[0] != 300 || copies[1] != 40 || copies[2] != 1 || copies[3] != 1 {
			t.Errorf("split %v: copies %v", split, copies)
		}
		// Ungrouped: the copies fill the page.
		if r := ix.Search(Query{Text: q.Text, Limit: 10}); len(r.Hits) != 10 || r.Hits[0].Copies != 1 || r.Grouped {
			t.Errorf("ungrouped: %d hits", len(r.Hits))
		}
		// A preferred province: the group's copy there.
		q.Prefer = map[string]string{FacetProvince: "17"}
		r = ix.Search(q)
		for _, h := range r.Hits {
			if h.ID < 1000 && (!h.Preferred || (h.ID-1)%10 != 7 || h.Copies != 300) {
				t.Errorf("preferred 17: %+v", h)
			}
			if h.ID >= 1000 && h.Preferred {
				t.Errorf("preferred 17 without a copy there: %+v", h)
			}
		}
		if r.Hits[0].ID >= 1000 {
			t.Errorf("preference changed the ranking: %v", ids(r))
		}
		// Pages count groups.
		q.Prefer = nil
		q.Limit, q.Offset = 2, 2
		if r := ix.Search(q); len(r.Hits) != 2 {
			t.Errorf("page 2: %v", ids(r))
		}
		ix.Close()
	}
}

// TestManualBeforePoint: where a manual and a service point named after
// the service both match, the manual ranks first; a point still ranks
// first for its own name.
func TestManualBeforePoint(t *testing.T) {
	ix := New(thai.Default())
	ix.Upsert(
		Doc{Kind: KindManual, ID: 1, Title: "การขออนุญาตมีและใช้อาวุธปืน", Agency: "ที่ว่าการอำเภอเสนา", Body: "ยื่นคำขอใบอนุญาต"},
		Doc{Kind: KindPoint, ID: 2, Title: "งานความมั่นคง (ใบอนุญาตอาวุธปืน) อำเภอเสนา", Agency: "ที่ว่าการอำเภอเสนา"},
		Doc{Kind: KindPoint, ID: 3, Title: "ที่ทำการไปรษณีย์บางรัก", Agency: "บริษัท ไปรษณีย์ไทย จำกัด"},
	)
	if r := ix.Search(Query{Text: "อาวุธปืน", Group: true}); len(r.Hits) < 2 || r.Hits[0].ID != 1 {
		t.Errorf("อาวุธปืน: %v, want the manual first", ids(r))
	}
	if r := ix.Search(Query{Text: "ไปรษณีย์บางรัก", Group: true}); len(r.Hits) == 0 || r.Hits[0].ID != 3 {
		t.Errorf("ไปรษณีย์บางรัก: %v", ids(r))
	}
}

// TestGroupedSkipsCopies: copies of one template score a little apart
// (views, the agency's name in the body), so a block's bound is above the
// scores of its copies; once a copy is scored, a grouped search skips the
// other blocks of copies that cannot beat it by more than groupSlack, and
// still finds the ten best groups.
func TestGroupedSkipsCopies(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		// Copies differ a little: a town's body names the building
		// twice, a village's names its district; a block's bound adds
		// the best of both.
		agency, body := "เทศบาลตำบลบ้านนา", "ยื่นคำขอที่สำนักงาน อำเภอเมือง อาคาร"
		if i%2 == 1 {
			agency, body = "เทศบาลเมืองบ้านนา", "ยื่นคำขอพร้อมแบบแปลนอาคาร อาคาร"
		}
		docs = append(docs, Doc{Kind: KindManual, ID: int64(1 + i), Title: "การขออนุญาตก่อสร้างอาคาร", Agency: agency, Body: body,
			Boost: float64(i % 97 * 13)})
	}
	for i := range 40 {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(10000 + i), Title: fmt.Sprintf("การขออนุญาตรื้อถอนอาคาร แบบที่ %d", i),
			Body: "ยื่นคำขออนุญาต ก่อสร้าง"})
	}
	for i := range 6000 {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(20000 + i), Title: fmt.Sprintf("การจดทะเบียนพาณิชย์ %d", i), Body: "ยื่นคำขอจดทะเบียน"})
	}
	ix := New(thai.Default(), WithBackgroundMerge(false), WithResultCache(0))
	ix.Upsert(docs...)
	defer func() { testNoPrune = false }()
	for _, q := range []string{"ขออนุญาตก่อสร้างอาคาร", "ก่อสร้างอาคาร อำเภอ", "ก่อสร้าง"} {
		testNoPrune = false
		got := ix.Search(Query{Text: q, Limit: 10, Group: true})
		testNoPrune = true
		want := ix.Search(Query{Text: q, Limit: 10, Group: true})
		if err := nearGroups(got, want); err != nil {
			t.Errorf("%q: %v: hits\n%v, want\n%v", q, err, refs(got), refs(want))
		}
		if len(got.Hits) == 0 || got.Hits[0].Copies != 3000 {
			t.Fatalf("%q: %v, want the 3000 copies first", q, refs(got))
		}
		if got.scored > 8 {
			t.Errorf("%q: %d blocks scored of %d, want a few", q, got.scored, want.scored)
		}
	}
}
