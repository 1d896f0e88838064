package search

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/openinfo/openinfo/search/thai"
)

// Grouping: thousands of agencies publish copies of one process (one
// template, the same title), and a page of ten copies hides every other
// service. A grouped search (Query.Group) ranks groups of copies: each hit
// is the best copy of its group, says how many copies match
// (Hit.Copies), and is the copy in the preferred province when one
// matches there (Query.Prefer).
//
// A group is the manuals (or the other services) with the same normalised
// title: normal form, lower case, no spaces. Agencies and service points
// are never grouped. Documents are numbered by title (see clustered), so a
// group's copies in a segment are mostly a run of neighbours.

// noGroup is the group of a document that is never grouped.
const noGroup = ^uint32(0)

// groupTable numbers the group keys of an index (groupKey): a document
// carries its group's number from the build on (stored.group), so that
// telling copies apart is comparing two integers, within a segment or
// across segments.
type groupTable struct {
	mu  sync.Mutex
	ids map[string]uint32
}

func newGroupTable() *groupTable { return &groupTable{ids: make(map[string]uint32)} }

// id returns the number of key, adding it if needed.
func (t *groupTable) id(key string) uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	id, ok := t.ids[key]
	if !ok {
		id = uint32(len(t.ids))
		t.ids[key] = id
	}
	return id
}

// groupOfDoc returns the group of a document of kind k titled title, or
// noGroup; last caches the previous answer, as builds see a title's
// copies one after another.
func (b *builder) groupOfDoc(k Kind, title string) uint32 {
	if k != KindManual && k != KindService {
		return noGroup
	}
	if b.lastGroup.ok && b.lastGroup.kind == k && b.lastGroup.title == title {
		return b.lastGroup.id
	}
	id := b.gt.id(groupKey(k, title))
	b.lastGroup.kind, b.lastGroup.title, b.lastGroup.id, b.lastGroup.ok = k, title, id, true
	return id
}

// segGroups are the groups of a segment's documents.
type segGroups struct {
	block []uint32          // block → the group of all its documents, or noGroup
	local map[uint32]uint32 // group → its index in off
	docs  []uint32          // documents of the group of local index i: docs[off[i]:off[i+1]], ascending
	off   []uint32
}

// groupKey is the key of the group of a document of kind k titled title,
// or "" if it is never grouped.
func groupKey(k Kind, title string) string {
	if k != KindManual && k != KindService {
		return ""
	}
	t := strings.ToLower(thai.Normalize(title))
	t = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, t)
	return string(k) + "\x00" + t
}

// buildGroups lists the documents of each group of s.
func buildGroups(s *segment) segGroups {
	g := segGroups{local: make(map[uint32]uint32)}
	var count []uint32
	for d := range s.docs {
		id := s.docs[d].group
		if id == noGroup {
			continue
		}
		i, ok := g.local[id]
		if !ok {
			i = uint32(len(count))
			g.local[id] = i
			count = append(count, 0)
		}
		count[i]++
	}
	nblk := (len(s.docs) + blockSize - 1) / blockSize
	g.block = make([]uint32, nblk)
	for b := range g.block {
		lo, hi := b*blockSize, min((b+1)*blockSize, len(s.docs))
		g.block[b] = s.docs[lo].group
		for d := lo + 1; d < hi && g.block[b] != noGroup; d++ {
			if s.docs[d].group != s.docs[lo].group {
				g.block[b] = noGroup
			}
		}
	}
	g.off = make([]uint32, len(count)+1)
	for i, c := range count {
		g.off[i+1] = g.off[i] + c
	}
	g.docs = make([]uint32, g.off[len(count)])
	fill := slices.Clone(g.off[:len(count)])
	for d := range s.docs {
		if id := s.docs[d].group; id != noGroup {
			i := g.local[id]
			g.docs[fill[i]] = uint32(d)
			fill[i]++
		}
	}
	return g
}

// groupOf returns the group of candidate c.
func (sn *snapshot) groupOf(c cand) uint32 { return sn.segs[c.seg].seg.docs[c.doc].group }

// sameGroup reports whether candidates a and b are copies of one process.
func (sn *snapshot) sameGroup(a, b cand) bool {
	g := sn.groupOf(a)
	return g != noGroup && g == sn.groupOf(b)
}

// copies returns how many documents of the result are in c's group, and
// the first of them (in the order of documents) that pref holds, if any
// (pref: per segment, the documents in the preferred province; nil for
// none).
func (ex *exec) copies(c cand, pref []bitset) (n int, alt cand, ok bool) {
	g := ex.sn.groupOf(c)
	if g == noGroup {
		return 1, c, false
	}
	for sj := range ex.sn.segs {
		seg := ex.sn.segs[sj].seg
		i, has := seg.grp.local[g]
		if !has {
			continue
		}
		result := ex.segs[sj].result
		docs := seg.grp.docs[seg.grp.off[i]:seg.grp.off[i+1]]
		var p bitset
		if pref != nil {
			p = pref[sj]
		}
		if lo, hi := docs[0], docs[len(docs)-1]+1; int(hi-lo) == len(docs) {
			// A run of neighbours: count word by word.
			n += countRange(result, lo, hi)
			if p != nil && !ok {
				if d, found := firstInRange(p, lo, hi); found {
					alt, ok = cand{seg: int32(sj), doc: d, score: c.score, partial: c.partial}, true
				}
			}
			continue
		}
		for _, d := range docs {
			if result[d>>6]>>(d&63)&1 != 0 {
				n++
				if p != nil && !ok && p[d>>6]>>(d&63)&1 != 0 {
					alt, ok = cand{seg: int32(sj), doc: d, score: c.score, partial: c.partial}, true
				}
			}
		}
	}
	return max(n, 1), alt, ok
}

// countRange counts the set bits of bs in [lo, hi).
func countRange(bs bitset, lo, hi uint32) int {
	n := 0
	for w := lo >> 6; w <= (hi-1)>>6 && int(w) < len(bs); w++ {
		x := bs[w]
		if w == lo>>6 {
			x &= ^uint64(0) << (lo & 63)
		}
		if w == (hi-1)>>6 {
			x &= ^uint64(0) >> (63 - (hi-1)&63)
		}
		n += bits.OnesCount64(x)
	}
	return n
}

// firstInRange returns the first set bit of bs in [lo, hi).
func firstInRange(bs bitset, lo, hi uint32) (uint32, bool) {
	for w := lo >> 6; w <= (hi-1)>>6 && int(w) < len(bs); w++ {
		x := bs[w]
		if w == lo>>6 {
			x &= ^uint64(0) << (lo & 63)
		}
		if w == (hi-1)>>6 {
			x &= ^uint64(0) >> (63 - (hi-1)&63)
		}
		if x != 0 {
			return w<<6 + uint32(bits.TrailingZeros64(x)), true
		}
	}
	return 0, false
}

// preferred returns per segment the documents of the result that have
// every facet value of prefer, or nil if prefer is empty or no document
// has them.
func (ex *exec) preferred(ft *facetTable, prefer map[string]string) []bitset {
	if len(prefer) == 0 {
		return nil
	}
	var pairs []uint32
	for k, v := range prefer {
		ft.mu.RLock()
		id, ok := ft.ids[k+"\x00"+v]
		ft.mu.RUnlock()
		if !ok {
			return nil
		}
		pairs = append(pairs, id)
	}
	out := make([]bitset, len(ex.segs))
	for si := range ex.segs {
		seg := ex.sn.segs[si].seg
		var set bitset
		for _, pid := range pairs {
			i, found := slices.BinarySearch(seg.acc.fPair, pid)
			if !found {
				set = nil
				break
			}
			b := ex.words(seg.words())
			seg.facetBits(i, b)
			if set == nil {
				set = b
				and(set, ex.segs[si].result)
			} else {
				and(set, b)
			}
		}
		out[si] = set
	}
	return out
}

// groupSlack is how close to the best copy of its group found so far a
// block of copies must be bounded to be skipped (grouped searches only): a
// group ranks by its best copy's score to within 5%, and groups change
// places only where their scores are that close. Copies of one template
// differ a little (the agency's name in the body, views, a word more), and
// a block's bound adds up the best of each word over the block, so it is
// often 1–9% above the copies' scores. Demanding no slack at all meant
// scoring every block of the first groups: 10 times the work of the
// ungrouped page for a birth registration at 1,087 district offices. On
// the 467 labelled queries at national scale, 5% changed no first hit
// and the set of ten services of 3 queries against scoring every match
// (order within the page: 14), and scored half the blocks (5,626 against
// 10,864).
const groupSlack = 1.05

// groupBest is the best score found for a group's copies.
type groupBest struct {
	group uint32
	score float32
}

// saw records that a copy of group g scored score.
func (h *candHeap) saw(g uint32, score float32) {
	for i := range h.seen {
		if h.seen[i].group == g {
			h.seen[i].score = max(h.seen[i].score, score)
			return
		}
	}
	h.seen = append(h.seen, groupBest{g, score})
}

// seenScore returns the best score found for group g, or -1.
func (h *candHeap) seenScore(g uint32) float32 {
	for _, s := range h.seen {
		if s.group == g {
			return s.score
		}
	}
	return -1
}

// coveredBlock reports whether every matching document of block b is a copy
// of a group a copy of which has already been scored within groupSlack of
// b's bound: scoring b cannot change the page but by less than groupSlack
// (grouped searches only). Copies of one process fill whole blocks, and the
// page holds few groups, so this skips most of the blocks a grouped search
// would otherwise score.
func (ex *exec) coveredBlock(b block, h *candHeap) bool {
	seg := ex.sn.segs[b.seg].seg
	limit := quantDown(b.bound) / groupSlack
	if g := seg.grp.block[b.num]; g != noGroup {
		return h.seenScore(g) >= limit
	}
	// A block where two groups meet (or with documents of no group).
	result := ex.segs[b.seg].result
	last := noGroup
	for w := 2 * b.num; w < min(2*b.num+2, uint32(len(result))); w++ {
		for word := result[w]; word != 0; word &= word - 1 {
			g := seg.docs[w<<6+uint32(bits.TrailingZeros64(word))].group
			if g == noGroup {
				return false
			}
			if g != last && h.seenScore(g) < limit {
				return false
			}
			last = g
		}
	}
	return true
}
