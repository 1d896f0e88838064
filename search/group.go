package search

import (
	"math/bits"
	"slices"
	"strings"
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

// segGroups are the groups of a segment's documents.
type segGroups struct {
	of    []uint32          // document → group, or noGroup
	block []uint32          // block → the group of all its documents, or noGroup
	keys  []string          // group → key (groupKey)
	index map[string]uint32 // key → group
	docs  []uint32          // documents of group g: docs[off[g]:off[g+1]], ascending
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

// buildGroups finds the groups of the documents of s.
func buildGroups(s *segment) segGroups {
	g := segGroups{of: make([]uint32, len(s.docs)), index: make(map[string]uint32)}
	count := []uint32{}
	last, lastKey := "", ""
	for d := range s.docs {
		st := &s.docs[d]
		key := lastKey
		if st.title != last || d == 0 {
			key = groupKey(st.ref.Kind, st.title)
			last, lastKey = st.title, key
		} else if key != "" {
			key = groupKey(st.ref.Kind, st.title) // the kind may differ
		}
		if key == "" {
			g.of[d] = noGroup
			continue
		}
		id, ok := g.index[key]
		if !ok {
			id = uint32(len(g.keys))
			g.keys = append(g.keys, key)
			g.index[key] = id
			count = append(count, 0)
		}
		g.of[d] = id
		count[id]++
	}
	nblk := (len(s.docs) + blockSize - 1) / blockSize
	g.block = make([]uint32, nblk)
	for b := range g.block {
		lo, hi := b*blockSize, min((b+1)*blockSize, len(s.docs))
		g.block[b] = g.of[lo]
		for d := lo + 1; d < hi && g.block[b] != noGroup; d++ {
			if g.of[d] != g.of[lo] {
				g.block[b] = noGroup
			}
		}
	}
	g.off = make([]uint32, len(g.keys)+1)
	for i, c := range count {
		g.off[i+1] = g.off[i] + c
	}
	g.docs = make([]uint32, g.off[len(g.keys)])
	fill := slices.Clone(g.off[:len(g.keys)])
	for d, id := range g.of {
		if id != noGroup {
			g.docs[fill[id]] = uint32(d)
			fill[id]++
		}
	}
	return g
}

// groupOf returns the group of document doc of segment si in segment sj,
// and whether that segment has it.
func (sn *snapshot) groupOf(si int32, doc uint32, sj int32) (uint32, bool) {
	g := sn.segs[si].seg.grp.of[doc]
	if g == noGroup {
		return noGroup, false
	}
	if si == sj {
		return g, true
	}
	id, ok := sn.segs[sj].seg.grp.index[sn.segs[si].seg.grp.keys[g]]
	return id, ok
}

// sameGroup reports whether candidates a and b are copies of one process.
func (sn *snapshot) sameGroup(a, b cand) bool {
	ga := sn.segs[a.seg].seg.grp.of[a.doc]
	if ga == noGroup {
		return false
	}
	if a.seg == b.seg {
		return ga == sn.segs[b.seg].seg.grp.of[b.doc]
	}
	gb := sn.segs[b.seg].seg.grp.of[b.doc]
	return gb != noGroup && sn.segs[a.seg].seg.grp.keys[ga] == sn.segs[b.seg].seg.grp.keys[gb]
}

// copies returns how many documents of the result are in c's group, and
// the first of them (in the order of documents) that pref holds, if any
// (pref: per segment, the documents in the preferred province; nil for
// none).
func (ex *exec) copies(c cand, pref []bitset) (n int, alt cand, ok bool) {
	if ex.sn.segs[c.seg].seg.grp.of[c.doc] == noGroup {
		return 1, c, false
	}
	for sj := range ex.sn.segs {
		g, has := ex.sn.groupOf(c.seg, c.doc, int32(sj))
		if !has {
			continue
		}
		seg := ex.sn.segs[sj].seg
		result := ex.segs[sj].result
		docs := seg.grp.docs[seg.grp.off[g]:seg.grp.off[g+1]]
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

// coveredBlock reports whether every document of block b is a copy of a
// group whose candidate in h ranks before all of them: scoring the block
// cannot change the page (grouped searches only). Copies of one process
// fill whole blocks, and the page holds few groups, so this skips most
// of the blocks a grouped search would otherwise score.
func (ex *exec) coveredBlock(b block, h *candHeap) bool {
	seg := ex.sn.segs[b.seg].seg
	g := seg.grp.block[b.num]
	if g == noGroup {
		return false
	}
	first := b.num << blockShift
	for _, c := range h.cands {
		var same bool
		if c.seg == b.seg {
			same = seg.grp.of[c.doc] == g
		} else {
			same = ex.sn.sameGroup(c, cand{seg: b.seg, doc: first})
		}
		if same {
			q := quantDown(b.bound)
			return q < c.score || q == c.score && !ex.beforeIn(b, c)
		}
	}
	return false
}
