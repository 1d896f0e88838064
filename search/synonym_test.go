package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestSynonymGroups: every group of synonymTable finds what it should and
// not its neighbours (issue 16, point 6). Each member is the title of a
// manual; searching any member finds the manuals of the others. A member
// of several words matches only with its words side by side: a neighbour
// holding them apart (the house number 14 and the letters ทร) is not
// found by the other members.
func TestSynonymGroups(t *testing.T) {
	d := thai.Default()
	words := func(s string) []string {
		var out []string
		for _, tok := range d.SegmentQuery(thai.Normalize(s)) {
			out = append(out, tok.Text)
		}
		return out
	}
	type member struct {
		group int
		text  string
		words []string
	}
	var docs []Doc
	neighbour := map[int64]member{}
	for gi, g := range synonymTable {
		for mi, m := range g {
			id := int64(1000*(gi+1) + mi)
			docs = append(docs, Doc{Kind: KindManual, ID: id, Title: "งานบริการ" + m, Agency: "หน่วยงานที่หนึ่ง"})
			if w := words(m); len(w) > 1 {
				// Its words apart and in reverse order.
				rev := slices.Clone(w)
				slices.Reverse(rev)
				nid := id + 500
				docs = append(docs, Doc{Kind: KindPoint, ID: nid, Title: "ที่ทำการ " + strings.Join(rev, " หมู่ที่ "), Agency: "หน่วยงานที่สอง"})
				neighbour[nid] = member{gi, m, w}
			}
		}
	}
	ix := New(d)
	ix.Upsert(docs...)
	for gi, g := range synonymTable {
		for _, a := range g {
			r := ix.Search(Query{Text: a, Limit: 50})
			got := map[int64]bool{}
			for _, h := range r.Hits {
				got[h.ID] = true
			}
			aw := words(a)
			// The words a query may match on their own: its words, their
			// parts and their one-word synonyms.
			own := slices.Clone(aw)
			for _, w := range aw {
				own = append(own, d.Split(w)...)
				for _, s := range tableSynonyms[synKey(w)] {
					if sw := words(s); len(sw) == 1 {
						own = append(own, sw[0])
					}
				}
			}
			for _, s := range g {
				if sw := words(s); len(sw) == 1 {
					own = append(own, sw[0])
				}
			}
			related := func(ws []string) bool {
				for _, w := range ws {
					if slices.Contains(own, w) || sharesWord(own, d.Split(w)) {
						return true
					}
				}
				return false
			}
			for bi, b := range g {
				if !got[int64(1000*(gi+1)+bi)] {
					t.Errorf("group %d: %q does not find %q: %v", gi, a, b, titlesOf(r))
				}
			}
			// A phrase's words apart, of this group or another: only
			// through words the query has (a query corrected as a
			// typing error is another query).
			for _, h := range r.Hits {
				if r.DidYouMean != "" {
					break
				}
				if m, ok := neighbour[h.ID]; ok && !h.Partial && !related(m.words) {
					t.Errorf("group %d: %q finds %q (%q with its words apart)", gi, a, h.Title, m.text)
				}
			}
		}
	}
}

// sharesWord reports whether a and b have a word in common.
func sharesWord(a, b []string) bool {
	for _, w := range a {
		if slices.Contains(b, w) {
			return true
		}
	}
	return false
}

// TestSynonymOpposites: opposites are never synonyms, and a query for one
// ranks its own manual first (moving in, moving out; trade registration,
// trademark registration).
func TestSynonymOpposites(t *testing.T) {
	for _, pair := range [][2]string{
		{"ย้ายเข้า", "ย้ายออก"}, {"แจ้งย้ายเข้า", "แจ้งย้ายออก"}, {"แจ้งเกิด", "แจ้งตาย"},
		{"จดทะเบียนสมรส", "จดทะเบียนหย่า"}, {"แต่งงาน", "หย่า"}, {"เปิดร้านอาหาร", "ปิดร้าน"},
		{"จดทะเบียนการค้า", "จดทะเบียนเครื่องหมายการค้า"}, {"ขอคืนภาษี", "ยื่นภาษี"},
	} {
		for _, x := range []string{pair[0], pair[1]} {
			y := pair[0]
			if x == y {
				y = pair[1]
			}
			if slices.Contains(tableSynonyms[synKey(x)], y) {
				t.Errorf("%q and %q, opposites, are synonyms", x, y)
			}
		}
	}
	ix := New(thai.Default())
	ix.Upsert(
		Doc{Kind: KindManual, ID: 1, Title: "การรับแจ้งการย้ายที่อยู่ (ย้ายเข้า)"},
		Doc{Kind: KindManual, ID: 2, Title: "การรับแจ้งการย้ายที่อยู่ (ย้ายออก)"},
		Doc{Kind: KindManual, ID: 3, Title: "การจดทะเบียนพาณิชย์ (ตั้งใหม่)"},
		Doc{Kind: KindManual, ID: 4, Title: "การยื่นคำขอจดทะเบียนเครื่องหมายการค้า"},
		Doc{Kind: KindManual, ID: 5, Title: "การขอสำเนาทะเบียนบ้าน", Body: "ยื่นคำขอที่สำนักทะเบียน"},
		Doc{Kind: KindPoint, ID: 6, Title: "ที่ทำการไปรษณีย์ ทร", Body: "บ้านเลขที่ 14 หมู่ 3"},
	)
	for q, want := range map[string]int64{"ย้ายเข้า": 1, "แจ้งย้ายออก": 2, "จดทะเบียนการค้า": 3, "ทร.14": 5, "ทร 14": 5} {
		r := ix.Search(Query{Text: q})
		if len(r.Hits) == 0 || r.Hits[0].ID != want {
			t.Errorf("%q: %v, want %d first", q, titlesOf(r), want)
		}
	}
	// Trade registration does not find trademark registration, nor the
	// copy of a house registration the house number 14.
	for q, not := range map[string]int64{"ทะเบียนพาณิชย์": 4, "ทะเบียนบ้าน": 6} {
		if r := ix.Search(Query{Text: q}); containsID(r, not) {
			t.Errorf("%q: %v, not %d", q, titlesOf(r), not)
		}
	}
}
