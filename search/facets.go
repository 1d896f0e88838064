package search

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"
)

// facetTable interns (key, value) facet pairs as small integers, shared by
// all segments. It only grows, so a reader may keep the slices it got from
// view and use them without a lock.
type facetTable struct {
	mu     sync.RWMutex
	ids    map[string]uint32 // key "\x00" value → pair id
	keyOf  []uint16          // pair id → key index
	valOf  []string          // pair id → value
	keys   []string          // key index → key
	keyIdx map[string]uint16
	rank   []uint32 // pair id → place of its value in the order of all values (see view)
	byRank []uint32 // place → pair id
}

func newFacetTable() *facetTable {
	return &facetTable{ids: make(map[string]uint32), keyIdx: make(map[string]uint16)}
}

// maxFacetKeys bounds the number of distinct facet keys (filters are a bit
// mask of keys).
const maxFacetKeys = 32

// id returns the id of the pair (key, val), adding it if needed; ok is false
// when the table already holds maxFacetKeys other keys.
func (t *facetTable) id(key, val string) (uint32, bool) {
	k := key + "\x00" + val
	t.mu.RLock()
	id, ok := t.ids[k]
	t.mu.RUnlock()
	if ok {
		return id, true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids[k]; ok {
		return id, true
	}
	ki, ok := t.keyIdx[key]
	if !ok {
		if len(t.keys) == maxFacetKeys {
			return 0, false
		}
		ki = uint16(len(t.keys))
		t.keys = append(t.keys, key)
		t.keyIdx[key] = ki
	}
	id = uint32(len(t.valOf))
	t.ids[k] = id
	t.keyOf = append(t.keyOf, ki)
	t.valOf = append(t.valOf, val)
	return id, true
}

// facetView is a consistent, lock-free view of a facetTable.
type facetView struct {
	keyOf []uint16
	valOf []string
	keys  []string
	rank  []uint32 // ties of counts sort by value: by rank, not by string
	// byRank is the pair of each rank.
	byRank []uint32
}

func (t *facetTable) view() facetView {
	t.mu.RLock()
	v := facetView{keyOf: t.keyOf, valOf: t.valOf, keys: t.keys, rank: t.rank, byRank: t.byRank}
	t.mu.RUnlock()
	if len(v.rank) == len(v.valOf) {
		return v
	}
	// Pairs were added since the values were last ranked.
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.rank) != len(t.valOf) {
		order := make([]uint32, len(t.valOf))
		for i := range order {
			order[i] = uint32(i)
		}
		slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(t.valOf[a], t.valOf[b]) })
		rank := make([]uint32, len(order))
		for r, p := range order {
			rank[p] = uint32(r)
		}
		t.rank, t.byRank = rank, order
	}
	return facetView{keyOf: t.keyOf, valOf: t.valOf, keys: t.keys, rank: t.rank, byRank: t.byRank}
}

// FacetCount is the number of matching documents with one facet value.
type FacetCount struct {
	Value string
	Count int
}

// filter is a query's facet filters resolved to pair ids: a document passes
// key k when it has one of the accepted pairs of k.
type filter struct {
	accept []uint32 // pair id → bits of the filtered keys it satisfies
	all    uint32   // bits of every filtered key
}

// fails returns the bits of the filtered keys that a document with the given
// pairs does not pass.
func (f *filter) fails(pairs []uint32) uint32 {
	if f.all == 0 {
		return 0
	}
	var ok uint32
	for _, p := range pairs {
		if int(p) < len(f.accept) {
			ok |= f.accept[p]
		}
	}
	return f.all &^ ok
}

// newFilter resolves filters; a value that no document has accepts nothing,
// so that filtering on it matches no document. Keys beyond the 32nd (in
// sorted order) are ignored.
func newFilter(t *facetTable, filters map[string][]string) filter {
	var f filter
	keys := make([]string, 0, len(filters))
	for k, vs := range filters {
		if len(vs) > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return f
	}
	slices.Sort(keys)
	t.mu.RLock()
	defer t.mu.RUnlock()
	f.accept = make([]uint32, len(t.valOf))
	for i, k := range keys[:min(len(keys), 32)] {
		bit := uint32(1) << i
		for _, v := range filters[k] {
			if id, ok := t.ids[k+"\x00"+v]; ok {
				f.accept[id] |= bit
			}
		}
		f.all |= bit
	}
	return f
}

// facetCounter counts facet values over a result set. With filters, the
// counts of a key are taken over the documents that pass every other filter
// (disjunctive facets): choosing a second province widens the result, and the
// counts say by how much.
type facetCounter struct {
	counts []int32
	keyBit []uint32 // key index → its bit in the filter, 0 if not filtered
}

func newFacetCounter(v facetView, f *filter) *facetCounter {
	c := &facetCounter{counts: make([]int32, len(v.valOf)), keyBit: make([]uint32, len(v.keys))}
	for p, bits := range f.accept {
		if bits != 0 && p < len(v.keyOf) {
			c.keyBit[v.keyOf[p]] = bits
		}
	}
	return c
}

// add counts a document with the given pairs that fails the filter keys in
// fails (at most one bit: a document failing two keys counts nowhere).
func (c *facetCounter) add(v *facetView, pairs []uint32, fails uint32) {
	for _, p := range pairs {
		if int(p) >= len(c.counts) {
			continue // pair added after the view was taken
		}
		if fails == 0 || c.keyBit[v.keyOf[p]] == fails {
			c.counts[p]++
		}
	}
}

// result returns the counts by key, largest first.
func (c *facetCounter) result(v *facetView) map[string][]FacetCount {
	// By key, then count (largest first), then value, as one number: key
	// (16 bits), the count's complement (24) and the value's rank (24).
	var order []uint64
	for p, n := range c.counts {
		if n > 0 {
			order = append(order, uint64(v.keyOf[p])<<48|uint64(1<<24-1-min(n, 1<<24-1))<<24|uint64(v.rank[p]))
		}
	}
	slices.Sort(order)
	all := make([]FacetCount, len(order))
	out := make(map[string][]FacetCount, len(v.keys))
	start := 0
	for i, x := range order {
		p := v.byRank[x&(1<<24-1)]
		all[i] = FacetCount{Value: v.valOf[p], Count: int(c.counts[p])}
		if i+1 == len(order) || order[i+1]>>48 != x>>48 {
			out[v.keys[x>>48]] = all[start : i+1 : i+1]
			start = i + 1
		}
	}
	return out
}

// facets counts the facet values of the matching documents. With filters,
// the counts of a filtered key are taken over the documents that pass every
// other key (see facetCounter).
func (ex *exec) facets(v facetView) map[string][]FacetCount {
	c := newFacetCounter(v, ex.filter)
	for si := range ex.segs {
		ex.countFacets(c, &v, si)
	}
	return c.result(&v)
}

// Rough costs, in nanoseconds, of the ways of counting facets.
const (
	costDoc   = 3.0 // visiting a matching document
	costPair  = 1.5 // counting one of its pairs
	costWord  = 0.6 // counting a bitset word
	costEntry = 1.2 // checking an entry of a facet value's list
)

// countFacets adds the facet counts of the matches of segment si to c, by
// the cheapest of three ways (see the costs above): visiting the matching
// documents, or counting the values with bitsets against the matches and
// the others from the documents' pairs or from the values' lists.
func (ex *exec) countFacets(c *facetCounter, v *facetView, si int) {
	se := &ex.segs[si]
	seg := ex.sn.segs[si].seg
	a := &seg.acc
	if ex.filter.all == 0 && testFacetPath == 0 {
		ex.countFacetsByWord(c, si)
		return
	}
	nMatch := float32(countAnd(se.match, nil))
	if nMatch == 0 {
		return
	}
	sparsePer := float32(len(a.sp)) / max(1, float32(seg.len()))
	costVisit := nMatch * (costDoc + costPair*a.pairsPer)
	costDense := float32(len(a.fwIdx)) * costWord
	costSparseDocs := nMatch * (costDoc + costPair*sparsePer)
	costSparseLists := float32(len(a.sp)) * costEntry
	visit := costVisit <= costDense+min(costSparseDocs, costSparseLists)
	if testFacetPath != 0 {
		visit = testFacetPath == 1
	}
	if visit {
		// Few matches: visit them.
		for w, word := range se.match {
			for word != 0 {
				d := uint32(w<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				pairs := seg.facetPairs(d)
				fails := ex.filter.fails(pairs)
				if bits.OnesCount32(fails) <= 1 {
					c.add(v, pairs, fails)
				}
			}
		}
		return
	}
	// Many: count the values with a bitset against the matches, and the
	// others from the documents or from their lists. passOthers[bit]: the
	// matches that pass every filtered key but that one.
	passOthers := make(map[uint32]bitset, len(se.keys))
	for _, k := range se.keys {
		set := ex.words(len(se.match))
		copy(set, se.match)
		for _, o := range se.keys {
			if o.bit != k.bit {
				and(set, o.set)
			}
		}
		passOthers[k.bit] = set
	}
	setOf := func(p uint32) bitset {
		if kb := c.keyBit[v.keyOf[p]]; kb != 0 {
			return passOthers[kb]
		}
		return se.result
	}
	lists := costSparseLists < costSparseDocs
	if testFacetPath >= 2 {
		lists = testFacetPath == 2
	}
	for i, p := range a.fPair {
		if int(p) >= len(c.counts) || (a.fDense[i] < 0 && !lists) {
			continue // pair added after the view was taken; or counted below
		}
		c.counts[p] += int32(seg.facetCount(i, setOf(p)))
	}
	if lists {
		return
	}
	countSparse := func(set bitset, only uint32) {
		for w, word := range set {
			for word != 0 {
				d := uint32(w<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				for _, p := range a.sp[a.spOff[d]:a.spOff[d+1]] {
					if int(p) < len(c.counts) && (only == 0 || c.keyBit[v.keyOf[p]] == only) {
						c.counts[p]++
					}
				}
			}
		}
	}
	countSparse(se.result, 0)
	for _, k := range se.keys {
		// The documents that fail only key k count for its values.
		failing := ex.words(len(se.match))
		copy(failing, passOthers[k.bit])
		andNot(failing, k.set)
		countSparse(failing, k.bit)
	}
}

// countFacetsByWord counts the facet values of the matches of segment si when
// there are no filters, by bitset word (64 documents): a word whose
// documents mostly match adds its histogram (accel.hOff) less the pairs of
// the others, the other words their matching documents' pairs. Matches
// cluster (the copies of a template are neighbours), so most matches of a
// large result are in full words.
func (ex *exec) countFacetsByWord(c *facetCounter, si int) {
	seg := ex.sn.segs[si].seg
	a := &seg.acc
	result := ex.segs[si].result
	nDocs := seg.len()
	countDoc := func(d int, by int32) {
		for _, p := range seg.facetPairs(uint32(d)) {
			if int(p) < len(c.counts) {
				c.counts[p] += by
			}
		}
	}
	for w := range marked(ex.segs[si].matchSum) {
		inResult := result[w]
		if inResult == 0 {
			continue
		}
		inSeg := ^uint64(0)
		if r := nDocs - w<<6; r < 64 {
			inSeg = 1<<r - 1
		}
		if 2*bits.OnesCount64(inResult) <= bits.OnesCount64(inSeg) {
			for ; inResult != 0; inResult &= inResult - 1 {
				countDoc(w<<6+bits.TrailingZeros64(inResult), 1)
			}
			continue
		}
		for e := a.hOff[w]; e < a.hOff[w+1]; e++ {
			if p := a.hPair[e]; int(p) < len(c.counts) {
				c.counts[p] += int32(a.hCnt[e])
			}
		}
		for miss := inSeg &^ inResult; miss != 0; miss &= miss - 1 {
			countDoc(w<<6+bits.TrailingZeros64(miss), -1)
		}
	}
}
