package search

import (
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestFullMatchFirst: a document that matches every word of the query (or a
// synonym of it) ranks above the many copies that match fewer, however
// well they match those (issue 16, point 5).
func TestFullMatchFirst(t *testing.T) {
	ix := New(thai.Default())
	var docs []Doc
	for i := range 300 {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(i + 1), Title: "การขออนุญาตก่อสร้างอาคาร",
			Body: "ยื่นคำขออนุญาตก่อสร้างอาคาร แบบแปลน", Agency: "เทศบาลตำบลหนึ่ง"})
	}
	for i := range 3000 {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(2000 + i), Title: "การขุดดินและถมดิน", Body: "แจ้งการขุดดิน ยื่นแบบ", Agency: "เทศบาลตำบลสี่"})
	}
	docs = append(docs,
		Doc{Kind: KindManual, ID: 1000, Title: "การแจ้งถมดิน", Body: "ผู้ประสงค์จะก่อสร้างรั้วหรือกำแพงริมที่ดินต้องขออนุญาตก่อน", Agency: "เทศบาลตำบลสอง"},
		Doc{Kind: KindManual, ID: 1001, Title: "การขุดดิน", Body: "ขุดดิน", Agency: "เทศบาลตำบลสาม"},
	)
	ix.Upsert(docs...)
	for _, q := range []string{"ขออนุญาต ก่อสร้าง รั้ว", "ก่อสร้างรั้ว ขออนุญาต", "ขออนุญาต ก่อสร้าง รั้ว "} {
		r := ix.Search(Query{Text: q, Limit: 10})
		if len(r.Hits) == 0 || r.Hits[0].ID != 1000 {
			t.Errorf("%q: %v, want 1000 first", q, ids(r))
		}
		if r.Total < 300 {
			t.Errorf("%q: %d results, want the partial matches too", q, r.Total)
		}
	}
}
