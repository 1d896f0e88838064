package search

import (
	"reflect"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestTrailingSpace: a query finds the same with or without trailing
// spaces (the search page trims them), and a last word that is a compound
// no document holds whole is split into its parts even as a word being
// typed (issue 16, point 3).
func TestTrailingSpace(t *testing.T) {
	ix := New(thai.Default())
	ix.Upsert(append(smallCorpus(),
		Doc{Kind: KindManual, ID: 50, Title: "ทะเบียนการสมรสของคนต่างด้าว", Agency: "สำนักงานเขตบางรัก"},
		Doc{Kind: KindManual, ID: 51, Title: "การขอคัดสำเนาทะเบียน", Body: "สมรสแล้ว"},
	)...)
	for _, q := range []string{"ทะเบียนสมรส", "บัตรประชาชน", "ใบขับ", "ทำบัตรประชาชนหาย", "แจ้งย้ายที่อยู่", "ใบอนุญาตขับรถ", "หนังสือเดินทาง", "สถานพยาบ", "ทะเบียนส", "ขอ"} {
		want := ix.Search(Query{Text: q})
		for _, s := range []string{" ", "   ", "\t", "\u00a0"} {
			got := ix.Search(Query{Text: q + s})
			if !reflect.DeepEqual(ids(got), ids(want)) || got.Total != want.Total || got.DidYouMean != want.DidYouMean {
				t.Errorf("%q: %v (%d) with %q, %v (%d) without", q, ids(got), got.Total, s, ids(want), want.Total)
			}
		}
	}
	// A compound in no document: its parts find the manual that has both,
	// as typed (the last word) and followed by a space alike.
	ix = New(thai.Default())
	ix.Upsert(Doc{Kind: KindManual, ID: 50, Title: "หนังสือรับรองการเดินทางของคนต่างด้าว"},
		Doc{Kind: KindManual, ID: 51, Title: "การขอคัดสำเนาหนังสือ"})
	for _, q := range []string{"หนังสือเดินทาง", "หนังสือเดินทาง "} {
		if r := ix.Search(Query{Text: q}); !reflect.DeepEqual(ids(r), []int64{50}) {
			t.Errorf("%q: %v, want [50]", q, ids(r))
		}
	}
}

// TestChunkCompletion: a word being typed that the segmenter cut into
// pieces is completed as one word.
func TestChunkCompletion(t *testing.T) {
	ix := New(thai.Default())
	ix.Upsert(append(smallCorpus(),
		Doc{Kind: KindManual, ID: 60, Title: "การขออนุญาตประกอบกิจการสถานพยาบาล"},
		Doc{Kind: KindManual, ID: 61, Title: "การลงทะเบียนรับเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด"},
		Doc{Kind: KindPoint, ID: 62, Title: "สถานีอนามัย พระยาบางพลี"},
	)...)
	for q, want := range map[string]int64{"สถานพยาบ": 60, "เด็กแรกเ": 61, "ขอเงินเด็กแรกเ": 61} {
		if r := ix.Search(Query{Text: q}); len(r.Hits) == 0 || r.Hits[0].ID != want {
			t.Errorf("%q: %v, want %d first", q, ids(r), want)
		}
	}
}
