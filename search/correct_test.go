package search

import (
	"fmt"
	"slices"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestCorrectByQuality: a misspelt word that the segmenter cuts into
// fragments matching place names is corrected even though the fragments
// find many documents; the correction ranks first and the result says so.
// Correct queries are not corrected (issue 16, point 2).
func TestCorrectByQuality(t *testing.T) {
	ix := New(thai.Default())
	docs := smallCorpus()
	for i := range 200 {
		// Service points whose names hold the fragments: ล, ส, สม, ขี้, พิ.
		names := []string{"สาขาสมบูรณ์", "สาขาลำสนธิ", "สาขาสมเด็จ", "สาขาพิมาย", "สาขาขี้เหล็ก"}
		docs = append(docs, Doc{Kind: KindPoint, ID: int64(1000 + i), Title: fmt.Sprintf("ธนาคาร %s %d", names[i%len(names)], i),
			Body: "ใบ ขับ รถ ทะเบียน พิ กาน", Agency: "ธนาคารเพื่อการเกษตร"})
	}
	docs = append(docs, Doc{Kind: KindManual, ID: 20, Title: "การลงทะเบียนรับเงินเบี้ยความพิการ", Agency: "เทศบาลตำบลหนึ่ง"})
	ix.Upsert(docs...)
	for _, c := range []struct {
		q, want string
		first   []int64
	}{
		{"จดทะเบียนสมลส", "จดทะเบียนสมรส", []int64{6}},
		{"ใบขับขี้", "ใบขับขี่", []int64{3, 4}},
		{"เบี้ยความพิกาน", "เบี้ยความพิการ", []int64{20}},
	} {
		r := ix.Search(Query{Text: c.q})
		if r.DidYouMean != c.want {
			t.Errorf("%q: did you mean %q, want %q", c.q, r.DidYouMean, c.want)
		}
		if len(r.Hits) == 0 || !slices.Contains(c.first, r.Hits[0].ID) || r.Hits[0].Partial {
			t.Errorf("%q: %v, want %d first, whole", c.q, ids(r), c.first)
		}
	}
	for _, q := range []string{"จดทะเบียนสมรส", "ใบขับขี่", "เบี้ยความพิการ", "ทำบัตรประชาชนหาย", "หนังสือเดินทาง"} {
		if r := ix.Search(Query{Text: q}); r.DidYouMean != "" {
			t.Errorf("%q: did you mean %q", q, r.DidYouMean)
		}
	}
	// A hit that matches some of the words says so.
	r := ix.Search(Query{Text: "ใบอนุญาต ขับรถ แพทย์ เชียงใหม่ สอบ อบรม ออนไลน์ ขอนแก่น"})
	if !r.Partial {
		t.Errorf("partial matches: %v not partial", ids(r))
	}
	if r := ix.Search(Query{Text: "การจดทะเบียนสมรส"}); r.Partial || len(r.Hits) == 0 || r.Hits[0].Partial {
		t.Errorf("การจดทะเบียนสมรส: partial %v", r.Partial)
	}
}
