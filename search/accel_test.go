package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestPruningExact checks that block-max pruning and the two ways of
// counting facets give the results of scoring and visiting every match, on
// an index of several segments with deletions.
func TestPruningExact(t *testing.T) {
	docs := syntheticCorpus(12000, 7)
	ix := New(thai.Default(), WithBackgroundMerge(false), WithResultCache(0))
	ix.Upsert(docs[:9000]...)
	for i := 9000; i < len(docs); i += 500 {
		ix.Upsert(docs[i:min(i+500, len(docs))]...)
	}
	for i := 0; i < len(docs); i += 37 {
		ix.Delete(docs[i].Kind, docs[i].ID)
	}
	ix.Upsert(docs[100:130]...) // back, in a new segment
	if n := len(ix.snap.Load().segs); n < 2 {
		t.Fatalf("%d segments, want several", n)
	}
	queries := append([]string{"", "อำเภอ", "ค่าธรรมเนียม 100 บาท"}, benchQueries...)
	filters := []map[string][]string{
		nil,
		{FacetKind: {string(KindManual)}},
		{FacetProvince: {"เชียงใหม่", "ขอนแก่น"}, FacetCategory: {"civil", "building"}},
	}
	testCheckZeroed = true
	defer func() { testNoPrune, testFacetPath, testCheckZeroed = false, 0, false }()
	for _, q := range queries {
		for fi, f := range filters {
			for _, page := range [][3]int{{20, 0, 0}, {5, 40, 0}, {20, 0, 1}, {5, 10, 1}} {
				query := Query{Text: q, Filters: f, Limit: page[0], Offset: page[1], Group: page[2] == 1}
				testNoPrune, testFacetPath = false, 0
				got := ix.Search(query)
				testNoPrune, testFacetPath = true, 1
				want := ix.Search(query)
				testNoPrune, testFacetPath = true, 2
				want2 := ix.Search(query)
				testFacetPath = 3
				want3 := ix.Search(query)
				name := fmt.Sprintf("%q filter %d page %v", q, fi, page)
				if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || !reflect.DeepEqual(want.Facets, want2.Facets) || !reflect.DeepEqual(want.Facets, want3.Facets) {
					t.Errorf("%s: total %d/%d, facets differ: %v\n%v\n%v", name, got.Total, want.Total, got.Facets, want.Facets, want2.Facets)
				}
				if got.Grouped {
					if err := nearGroups(got, want); err != nil {
						t.Errorf("%s: %v: hits\n%v, want\n%v", name, err, refs(got), refs(want))
					}
				} else if !reflect.DeepEqual(refs(got), refs(want)) {
					t.Errorf("%s: hits\n%v, want\n%v", name, refs(got), refs(want))
				}
			}
		}
	}
}

// nearGroups checks a grouped page got against want, the page found by
// scoring every match: a group's score may be below its best copy's by
// less than groupSlack (see coveredBlock), and groups may change places
// or pages only when their scores are that close.
func nearGroups(got, want Result) error {
	if len(got.Hits) != len(want.Hits) {
		return fmt.Errorf("%d hits, want %d", len(got.Hits), len(want.Hits))
	}
	if len(got.Hits) == 0 {
		return nil
	}
	key := func(h Hit) string {
		if k := groupKey(h.Kind, h.Title); k != "" {
			return k
		}
		return fmt.Sprint(h.DocRef)
	}
	const eps = 1e-3 // scores are compared at 9 bits
	groupSlack := float64(groupSlack)
	exact := map[string]float64{}
	for _, h := range want.Hits {
		exact[key(h)] = h.Score
	}
	seen := map[string]bool{}
	for i, h := range got.Hits {
		k := key(h)
		if seen[k] {
			return fmt.Errorf("group of hit %d twice", i)
		}
		seen[k] = true
		if i > 0 && h.Score > got.Hits[i-1].Score {
			return fmt.Errorf("hit %d ranks above its score", i)
		}
		if e, ok := exact[k]; ok && (h.Score > e*(1+eps) || h.Score < e/groupSlack*(1-eps)) {
			return fmt.Errorf("hit %d scores %.4f, its group %.4f", i, h.Score, e)
		}
		// A group that scoring every match put on another page is as
		// close to this one's ends.
		wFirst, wLast := want.Hits[0].Score, want.Hits[len(want.Hits)-1].Score
		if _, ok := exact[k]; !ok && h.Score > wLast*(1+eps) && h.Score < wFirst/groupSlack*(1-eps) {
			return fmt.Errorf("hit %d (%.4f) is on another page when every match is scored", i, h.Score)
		}
	}
	first, last := got.Hits[0].Score, got.Hits[len(got.Hits)-1].Score
	for _, h := range want.Hits {
		if !seen[key(h)] && h.Score > last*groupSlack*(1+eps) && h.Score < first/groupSlack*(1-eps) {
			return fmt.Errorf("group of %v (%.4f) left out", h.DocRef, h.Score)
		}
	}
	return nil
}

func refs(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%s/%d %.4f ×%d", h.Kind, h.ID, h.Score, h.Copies))
	}
	return out
}

func TestResultCache(t *testing.T) {
	ix := New(thai.Default(), WithBackgroundMerge(false), WithResultCache(2))
	ix.Upsert(smallCorpus()...)
	q := Query{Text: "บัตรประชาชน", Filters: map[string][]string{FacetProvince: {"10", "50"}}}
	r1 := ix.Search(q)
	r1.Hits[0], r1.Hits[1] = r1.Hits[1], r1.Hits[0] // a caller reordering its copy
	q.Filters = map[string][]string{FacetProvince: {"50", "10"}}
	r2 := ix.Search(q)
	if len(ix.cache.m) != 1 || r2.Hits[0].ID != 1 || r2.Total != r1.Total {
		t.Fatalf("cached: %d entries, hits %v", len(ix.cache.m), ids(r2))
	}
	ix.Upsert(Doc{Kind: KindManual, ID: 99, Title: "การขอมีบัตรประจำตัวประชาชนครั้งแรก", Facets: map[string][]string{FacetProvince: {"10"}}})
	if r3 := ix.Search(q); r3.Total != r2.Total+1 {
		t.Errorf("after an upsert: total %d, want %d", r3.Total, r2.Total+1)
	}
	ix.Delete(KindManual, 99)
	if r4 := ix.Search(q); r4.Total != r2.Total {
		t.Errorf("after a delete: total %d, want %d", r4.Total, r2.Total)
	}
	for _, text := range []string{"ใบขับขี่", "โฉนด", "พาสปอร์ต"} {
		ix.Search(Query{Text: text})
	}
	if n := ix.cache.lru.Len(); n != 2 || len(ix.cache.m) != 2 {
		t.Errorf("%d entries, want 2", n)
	}
}

// TestMatchMost checks the word-restricted "all but miss" match against a
// count of the groups each document holds.
func TestMatchMost(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 9000 // 141 words: summaries of three words
	seg := &segment{docs: make([]stored, n)}
	for trial := range 300 {
		ng := 1 + rng.IntN(8)
		miss := rng.IntN(ng)
		ex := &exec{}
		req := make([]int32, ng)
		for g := range ng {
			b := make(bitset, seg.words())
			p := []float64{0.001, 0.01, 0.1, 0.5}[rng.IntN(4)]
			for d := range n {
				if rng.Float64() < p {
					b[d>>6] |= 1 << (d & 63)
				}
			}
			sum := make([]uint64, seg.sumWords())
			for w, x := range b {
				if x != 0 {
					sum[w>>6] |= 1 << (w & 63)
				}
			}
			ex.groups = append(ex.groups, &wordGroup{docs: []groupDocs{{computed: true, fromPostings: b, sum: sum}}, merged: []bitset{b}, df: rng.IntN(100)})
			req[g] = int32(g)
		}
		out := make(bitset, seg.words())
		ms := make([]uint64, seg.sumWords())
		ex.matchMost(req, miss, 0, seg, out, ms)
		for w, x := range out {
			if x != 0 && ms[w>>6]>>(w&63)&1 == 0 {
				t.Fatalf("trial %d: word %d matched but not in the summary", trial, w)
			}
		}
		for d := range n {
			held := 0
			for _, g := range ex.groups {
				held += int(g.merged[0][d>>6] >> (d & 63) & 1)
			}
			want := held >= ng-miss
			if got := out[d>>6]>>(d&63)&1 == 1; got != want {
				t.Fatalf("trial %d: %d groups, miss %d: document %d holds %d, matched %v", trial, ng, miss, d, held, got)
			}
		}
		ex.release()
	}
}

// TestTemplateCopies checks ranking among thousands of copies of one
// manual (a template every local government publishes, its body naming the
// agency): the page holds the copies that tie first by id, the same as
// scoring every match, and pruning scores only a few blocks to find them.
func TestTemplateCopies(t *testing.T) {
	var docs []Doc
	for i := range 5000 {
		agency := fmt.Sprintf("องค์การบริหารส่วนตำบลบ้าน%s", strings.Repeat("นา", 1+i%7))
		docs = append(docs, Doc{
			Kind: KindManual, ID: int64(100000 - i*7), Title: "การขออนุญาตก่อสร้างอาคาร",
			Agency: agency,
			Body:   "ยื่นคำขออนุญาตก่อสร้างอาคารที่" + agency + "\nพร้อมแบบแปลนและเอกสารสิทธิ์ที่ดิน ค่าธรรมเนียมตามกฎกระทรวง",
		})
	}
	for i := range 3000 {
		docs = append(docs, Doc{Kind: KindManual, ID: int64(200000 + i), Title: fmt.Sprintf("การจดทะเบียนพาณิชย์ %d", i),
			Body: "ยื่นคำขอจดทะเบียนพาณิชย์ ก่อสร้าง"})
	}
	ix := New(thai.Default(), WithBackgroundMerge(false), WithResultCache(0))
	ix.Upsert(docs...)
	defer func() { testNoPrune = false }()
	for _, q := range []string{"การขออนุญาตก่อสร้างอาคาร", "ก่อสร้าง", "ขออนุญาตก่อสร้าง"} {
		testNoPrune = false
		got := ix.Search(Query{Text: q, Limit: 10})
		testNoPrune = true
		want := ix.Search(Query{Text: q, Limit: 10})
		if !reflect.DeepEqual(refs(got), refs(want)) {
			t.Errorf("%q: hits\n%v, want\n%v", q, refs(got), refs(want))
		}
		if got.scored > 8 {
			t.Errorf("%q: %d blocks scored of %d, want a few", q, got.scored, want.scored)
		}
		if len(got.Hits) != 10 || got.Hits[0].ID != 100000-4999*7 {
			t.Errorf("%q: first hit %v, want the lowest id of the tie", q, refs(got)[:1])
		}
		// Grouped: the copies are one hit, and once one block of them is
		// scored the others are skipped.
		testNoPrune = false
		got = ix.Search(Query{Text: q, Limit: 10, Group: true})
		testNoPrune = true
		want = ix.Search(Query{Text: q, Limit: 10, Group: true})
		if err := nearGroups(got, want); err != nil {
			t.Errorf("%q grouped: %v: hits\n%v, want\n%v", q, err, refs(got), refs(want))
		}
		if got.Hits[0].Copies != 5000 {
			t.Errorf("%q grouped: first hit %v, want the 5000 copies", q, refs(got)[:1])
		}
		t.Logf("%q grouped: %d blocks scored of %d", q, got.scored, want.scored)
	}
}

// TestEntries checks the galloping search of a term's block entries among
// the candidate blocks against a scan.
func TestEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		nblk := 1 + rng.IntN(3000)
		a := &accel{nblk: nblk, bOff: []uint32{0}}
		pick := func(p float64) []uint32 {
			var out []uint32
			for b := range nblk {
				if rng.Float64() < p {
					out = append(out, uint32(b))
				}
			}
			return out
		}
		a.bID = pick(rng.Float64())
		a.bOff = append(a.bOff, uint32(len(a.bID)))
		cb := pick(rng.Float64() * 0.05)
		if len(cb) == 0 || len(a.bID) == 0 {
			continue
		}
		pos := make([]int32, nblk)
		for b := range pos {
			pos[b] = -1
		}
		for j, b := range cb {
			pos[b] = int32(j)
		}
		ex := &exec{}
		got := slices.Clone(ex.entries(a, 0, cb, pos))
		for j, b := range cb {
			want := int32(slices.Index(a.bID, b))
			if got[j] != want {
				t.Fatalf("trial %d: %d entries, %d candidates: block %d at %d, want %d", trial, len(a.bID), len(cb), b, got[j], want)
			}
		}
	}
}
