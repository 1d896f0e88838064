package search

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// exec evaluates one search over a snapshot in two steps.
//
// Matching is exact and cheap: each run (a plan in a match mode) computes
// the set of documents it matches as a bitset per segment, from the
// bitsets of frequent terms and the postings of rare ones; the sets of the
// runs are ORed. The size of the result and its facet counts are counted
// from those sets (popcounts against the filters' and facet values'
// bitsets), never by scoring.
//
// Ranking then scores only the documents that can make the page: blocks of
// matching documents are visited in decreasing order of an upper bound of
// their scores (from the per-block maxima of the terms, see accel.go), and
// the visit stops when no remaining block can beat the k-th best document
// found so far (block-max pruning). The ranking is the same as scoring
// every match.
type exec struct {
	sn     *snapshot
	f      *filter
	segs   []segExec
	svs    []*svariant
	xg     []*xgroup // the distinct word groups of the svariants
	xgKey  map[string]int32
	gs     []float32 // per xgroup, what it adds to each document of the block being scored (see groupScores)
	gstamp []int32   // per xgroup, the block (stamp) its scores are of
	stamp  int32
	scored int         // blocks scored by top
	bufs   []*[]uint64 // borrowed bitsets, returned by release
	fbufs  []*[]float32
	ibufs  []*[]int32
	zbufs  []zbuf
	blks   *[]block
	key    []byte              // intern's buffer
	tmarks map[int32]termMarks // per term, during bounds of one segment
	ej     []int32             // entries' result
}

type segExec struct {
	match bitset // documents matched by some run (live ones)
	pass  bitset // documents passing every filter key; nil without filters
	keys  []keyPass
	m0    bitset      // match ∧ pass, set by finish
	msum  []uint64    // summary of match: bit w when word w may be non-zero
	ubs   [][]float32 // per svariant, bound of the scores of each block with matches (block.j)
	// Blocks whose bound takes the largest phrase and name boosts
	// (coarse) keep their bound without boosts per svariant (u0s), to be
	// refined with their classes' exact boosts (see refine).
	u0s [][]float32
	// fs has per svariant the largest boost of each block's documents (0
	// where none matches it): scoring skips the boosts where it is 1.
	fs     [][]float32
	coarse []bool
}

// keyPass is the set of documents that pass one filtered key.
type keyPass struct {
	bit uint32
	set bitset
}

// scratch lends zeroed slices from pools by size class (powers of two): a
// query borrows bitsets of a whole segment and of its summary, bounds
// and positions per block, and returns them all when it is released. The
// slices travel with their headers (*[]T), so lending allocates nothing.
type scratch[T any] struct {
	pools  [40]sync.Pool // of *[]T, class c holding a capacity of 1<<c
	zeroed bool          // slices come back zeroed (putZeroed only)
}

func (s *scratch[T]) get(n int) *[]T {
	c := bits.Len(uint(max(n, 1) - 1))
	if p, ok := s.pools[c].Get().(*[]T); ok {
		*p = (*p)[:n]
		if !s.zeroed {
			clear(*p)
		}
		return p
	}
	b := make([]T, n, 1<<c)
	return &b
}

// putZeroed returns a slice that the caller has zeroed whole (its
// capacity): a zeroed scratch lends it as it is.
func (s *scratch[T]) putZeroed(p *[]T) {
	*p = (*p)[:cap(*p)]
	s.put(p)
}

func (s *scratch[T]) put(p *[]T) {
	if c := bits.Len(uint(cap(*p) - 1)); cap(*p) == 1<<c {
		s.pools[c].Put(p)
	}
}

var (
	wordScratch  scratch[uint64]
	floatScratch scratch[float32]
	int32Scratch scratch[int32]
	blockScratch scratch[block]
	zeroScratch  = scratch[uint64]{zeroed: true} // bitsets returned zeroed (see sparseWords)
)

// floats returns a zeroed slice of n float32s, released with the exec.
func (ex *exec) floats(n int) []float32 {
	p := floatScratch.get(n)
	ex.fbufs = append(ex.fbufs, p)
	return *p
}

// words returns a zeroed bitset of n words, released with the exec.
func (ex *exec) words(n int) bitset {
	p := wordScratch.get(n)
	ex.bufs = append(ex.bufs, p)
	return *p
}

// sparseWords returns a zeroed bitset of n words whose non-zero words the
// summary sum will mark (a bit per word) when the exec is released: only
// those are cleared then, so that the bitset goes back to its pool zeroed.
// A bitset of a whole segment is 4,800 words at national scale; a query
// sets a few hundred of them.
func (ex *exec) sparseWords(n int, sum []uint64) bitset {
	p := zeroScratch.get(n)
	ex.zbufs = append(ex.zbufs, zbuf{p, sum})
	return *p
}

// zbuf is a bitset lent by sparseWords, with its summary.
type zbuf struct {
	p   *[]uint64
	sum []uint64
}

// int32s returns a zeroed slice of n int32s, released with the exec.
func (ex *exec) int32s(n int) []int32 {
	p := int32Scratch.get(n)
	ex.ibufs = append(ex.ibufs, p)
	return *p
}

func (ex *exec) release() {
	for _, z := range ex.zbufs {
		b := *z.p
		for w := range marked(z.sum) {
			b[w] = 0
		}
		if testCheckZeroed && slices.ContainsFunc((*z.p)[:cap(*z.p)], func(x uint64) bool { return x != 0 }) {
			panic("search: a bitset lent by sparseWords set words its summary does not mark")
		}
		zeroScratch.putZeroed(z.p)
	}
	for _, p := range ex.bufs {
		wordScratch.put(p)
	}
	for _, p := range ex.fbufs {
		floatScratch.put(p)
	}
	for _, p := range ex.ibufs {
		int32Scratch.put(p)
	}
	if ex.blks != nil {
		blockScratch.put(ex.blks)
	}
	ex.bufs, ex.fbufs, ex.ibufs, ex.blks, ex.zbufs = nil, nil, nil, nil, nil
}

// newExec prepares a search of sn with filter f.
func newExec(sn *snapshot, f *filter) *exec {
	ex := &exec{sn: sn, f: f, segs: make([]segExec, len(sn.segs))}
	for si := range sn.segs {
		seg := sn.segs[si].seg
		se := &ex.segs[si]
		nw := seg.words()
		se.msum = ex.words(seg.sumWords())
		se.match = ex.sparseWords(nw, se.msum)
		if f.all == 0 {
			continue
		}
		for bit := uint32(1); bit != 0 && bit <= f.all; bit <<= 1 {
			if f.all&bit == 0 {
				continue
			}
			set := ex.words(nw)
			for i, p := range seg.acc.fPair {
				if int(p) < len(f.accept) && f.accept[p]&bit != 0 {
					seg.facetBits(i, set)
				}
			}
			se.keys = append(se.keys, keyPass{bit, set})
		}
		se.pass = ex.words(nw)
		copy(se.pass, se.keys[0].set)
		for _, k := range se.keys[1:] {
			and(se.pass, k.set)
		}
	}
	return ex
}

func and(dst, src bitset) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] &= src[i]
	}
}

func or(dst, src bitset) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] |= src[i]
	}
}

func andNot(dst, src bitset) {
	for i := range min(len(dst), len(src)) {
		dst[i] &^= src[i]
	}
}

// countAnd returns the size of a ∧ b (a when b is nil).
func countAnd(a, b bitset) int {
	n := 0
	if b == nil {
		for _, w := range a {
			n += bits.OnesCount64(w)
		}
		return n
	}
	b = b[:len(a)]
	for i, w := range a {
		n += bits.OnesCount64(w & b[i])
	}
	return n
}

// fill sets the first n bits of b.
func fill(b bitset, n int) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n & 63; r != 0 {
		b[len(b)-1] = 1<<r - 1
	}
}

// matchMode says how many words of a variant a document must match.
type matchMode int

const (
	matchMost matchMode = iota // all, or all but one in four for long queries
	matchAny                   // any one
)

// minMatch returns how many of n required words a document must match.
func (m matchMode) minMatch(n int) int {
	switch {
	case m == matchAny:
		return 1
	case n <= 2:
		return n
	default:
		return n - (n+1)/4 // 3 → 2, 4 → 3, 7 → 5, 8 → 6
	}
}

// svariant is a variant of a plan as a run scores it.
type svariant struct {
	pl       *plan
	va       *variant // nil: every document, scored by its prior (browsing)
	groups   []int32  // in exec.xg: the required words, then the optional (weak) ones
	nreq     int
	need     int
	vw, rw   float32   // weights of the variant and of the run
	maxBoost float32   // highest phraseBoost
	maxName  float32   // highest nameBoost, 1 if none
	memo     boostMemo // boosts by segment and phrase class
}

// xgroup is a word group as the runs of an exec share it. The variants
// rewritten from one query repeat most of its words (a learnt synonym is a
// whole process name around the same words), so each distinct group's
// documents, bounds and per-block scores are computed once and shared.
type xgroup struct {
	alts  []salt
	df    int      // sum of the alternatives' document frequencies
	sets  []gset   // its documents per segment, once computed; read-only
	bits  []bitset // … as one bitset, once asked for; read-only
	set1  [1]gset
	bits1 [1]bitset
}

// gset is the set of documents of a group in one segment, kept as its
// alternatives' own bitsets and one for the others, with a summary.
type gset struct {
	done  bool
	dense []bitset // the bitsets of the alternatives that have one
	own   bitset   // the documents of the others, or nil
	sum   []uint64 // bit w: word w of the set may be non-zero
}

// word returns word w of the set.
func (s *gset) word(w int32) uint64 {
	x := uint64(0)
	if s.own != nil {
		x = s.own[w]
	}
	for _, d := range s.dense {
		x |= d[w]
	}
	return x
}

type salt struct {
	ti   *termInfo
	coef float32 // idf × weight of the alternative
}

// intern returns the index in ex.xg of the group with alternatives alts.
func (ex *exec) intern(alts []alt) int32 {
	key := ex.key[:0]
	for _, a := range alts {
		key = append(key, a.info.term...)
		key = append(key, 0, byte(math.Float32bits(a.w)>>24), byte(math.Float32bits(a.w)>>16), 0)
	}
	ex.key = key
	if id, ok := ex.xgKey[string(key)]; ok {
		return id
	}
	g := &xgroup{alts: make([]salt, len(alts))}
	if n := len(ex.sn.segs); n == 1 {
		g.sets, g.bits = g.set1[:], g.bits1[:] // one segment, the usual case
	} else {
		g.sets, g.bits = make([]gset, n), make([]bitset, n)
	}
	for i, a := range alts {
		g.alts[i] = salt{a.info, a.info.idf * a.w}
		g.df += a.info.df
	}
	id := int32(len(ex.xg))
	ex.xg = append(ex.xg, g)
	if ex.xgKey == nil {
		ex.xgKey = make(map[string]int32)
	}
	ex.xgKey[string(key)] = id
	return id
}

func (ex *exec) newSVariant(pl *plan, va *variant, mode matchMode, weight float32) *svariant {
	sv := &svariant{pl: pl, va: va, vw: va.weight, rw: weight, maxBoost: 1, maxName: 1}
	// A word repeated in a variant (a synonym that restates the words
	// around it) counts once; it is required if any copy is.
	var ids []int32
	var weak []bool
	for _, g := range va.groups {
		id := ex.intern(g.alts)
		if i := slices.Index(ids, id); i >= 0 {
			weak[i] = weak[i] && g.weak
			continue
		}
		ids = append(ids, id)
		weak = append(weak, g.weak)
	}
	var req, opt []int32
	for i, id := range ids {
		if weak[i] {
			opt = append(opt, id)
		} else {
			req = append(req, id)
		}
	}
	if len(req) == 0 {
		req, opt = opt, nil
	}
	sv.groups = append(req, opt...)
	sv.nreq = len(req)
	sv.need = mode.minMatch(len(req))
	if len(va.phrase) > 0 {
		sv.maxBoost = 1.3
		if len(va.phrase) > 1 {
			sv.maxBoost *= 1.5
		}
	}
	if len(pl.variants) > 0 && len(pl.variants[0].phrase) > 0 {
		sv.maxName = nameExact
		if len(pl.variants[0].phrase) > 1 {
			sv.maxName *= nameHolds
		}
	}
	return sv
}

// add matches a run of plan pl and returns the number of documents it
// matches that pass the filters.
func (ex *exec) add(pl *plan, mode matchMode, weight float32) int {
	variants := pl.variants
	if mode == matchAny && len(variants) > 1 {
		variants = variants[:1]
	}
	start := len(ex.svs)
	for _, va := range variants {
		ex.svs = append(ex.svs, ex.newSVariant(pl, va, mode, weight))
	}
	n := 0
	for si := range ex.sn.segs {
		v := &ex.sn.segs[si]
		se := &ex.segs[si]
		nw := v.seg.words()
		ms := ex.words(v.seg.sumWords())
		m := ex.sparseWords(nw, ms)
		for _, sv := range ex.svs[start:] {
			ex.matchVariant(sv, si, v.seg, m, ms)
		}
		or(se.msum, ms)
		if !sparse(ms, nw) {
			andNot(m, v.del)
			n += countAnd(m, se.pass)
			or(se.match, m)
			continue
		}
		for w := range marked(ms) {
			if w < len(v.del) {
				m[w] &^= v.del[w]
			}
			if se.pass != nil {
				n += bits.OnesCount64(m[w] & se.pass[w])
			} else {
				n += bits.OnesCount64(m[w])
			}
			se.match[w] |= m[w]
		}
	}
	return n
}

// sparse reports whether a summary marks few enough of nw words that
// visiting them one by one beats a pass over all.
func sparse(sum []uint64, nw int) bool {
	n := 0
	for _, x := range sum {
		n += bits.OnesCount64(x)
	}
	return n*4 < nw
}

// addAll matches every live document, scored by its prior (browsing).
func (ex *exec) addAll() {
	ex.svs = append(ex.svs, &svariant{vw: 1, rw: 1, maxBoost: 1, maxName: 1})
	for si := range ex.sn.segs {
		v := &ex.sn.segs[si]
		fill(ex.segs[si].match, v.seg.len())
		fill(ex.segs[si].msum, v.seg.words())
		andNot(ex.segs[si].match, v.del)
	}
}

// count returns the number of documents matched so far that pass the
// filters.
func (ex *exec) count() int {
	n := 0
	for si := range ex.segs {
		n += countAnd(ex.segs[si].match, ex.segs[si].pass)
	}
	return n
}

// groupSet returns the documents of segment si holding an alternative of
// group id. The set is shared: callers must not change it.
func (ex *exec) groupSet(id int32, si int, seg *segment) *gset {
	g := ex.xg[id]
	s := &g.sets[si]
	if s.done {
		return s
	}
	s.done = true
	s.sum = ex.words(seg.sumWords())
	for _, a := range g.alts {
		t := a.ti.ids[si]
		if t < 0 {
			continue
		}
		if b := seg.denseBits(int(t)); b != nil {
			s.dense = append(s.dense, b)
			or(s.sum, seg.denseSum(int(t)))
			continue
		}
		if s.own == nil {
			s.own = ex.sparseWords(seg.words(), s.sum)
		}
		seg.termWords(int(t), s.own, s.sum)
	}
	return s
}

// groupBits returns the documents of segment si holding an alternative of
// group id as one bitset. The set is shared: callers must not change it.
func (ex *exec) groupBits(id int32, si int, seg *segment) bitset {
	g := ex.xg[id]
	if b := g.bits[si]; b != nil {
		return b
	}
	s := ex.groupSet(id, si, seg)
	var b bitset
	switch {
	case s.own == nil && len(s.dense) == 1:
		b = s.dense[0] // the term's own bitset, shared
	case len(s.dense) == 0 && s.own != nil:
		b = s.own
	default:
		b = ex.words(seg.words())
		if s.own != nil {
			copy(b, s.own)
		}
		for _, d := range s.dense {
			or(b, d)
		}
	}
	g.bits[si] = b
	return b
}

// matchVariant ORs the documents of segment si that match sv into out,
// and the summary of the words it sets into ms.
func (ex *exec) matchVariant(sv *svariant, si int, seg *segment, out bitset, ms []uint64) {
	if sv.nreq == 0 {
		return
	}
	req := sv.groups[:sv.nreq]
	switch {
	case sv.need == 1 && len(req) > 1:
		for _, id := range req {
			ex.orGroup(id, si, seg, out, ms)
		}
	case len(req) == 1:
		ex.orGroup(req[0], si, seg, out, ms)
	default:
		ex.matchMost(req, len(req)-sv.need, si, seg, out, ms)
	}
}

// orGroup ORs the documents of group id into out, and its summary into ms.
func (ex *exec) orGroup(id int32, si int, seg *segment, out bitset, ms []uint64) {
	s := ex.groupSet(id, si, seg)
	or(ms, s.sum)
	if !sparse(s.sum, len(out)) {
		or(out, ex.groupBits(id, si, seg))
		return
	}
	for w := range marked(s.sum) {
		out[w] |= s.word(int32(w))
	}
}

// matchMost ORs into out the documents of segment si that hold all the
// groups req but at most miss of them.
//
// Counting is done twice with the same scheme: first over the groups'
// summaries (a bit per word of 64 documents), which finds the words where
// enough groups have documents, then over those words only. Long variants
// (learnt synonyms are whole process names) and groups of many
// alternatives (the completions of a word being typed) never cost a pass
// over every word of the segment.
func (ex *exec) matchMost(req []int32, miss int, si int, seg *segment, out bitset, ms []uint64) {
	order := slices.Clone(req)
	slices.SortFunc(order, func(a, b int32) int { return ex.xg[a].df - ex.xg[b].df })
	sets := make([]*gset, len(order))
	for i, id := range order {
		sets[i] = ex.groupSet(id, si, seg)
	}
	l := miss + 1
	// z[i*l+j]: the words (of summary word i) missing exactly j groups.
	ns := seg.sumWords()
	z := ex.words(l * ns)
	for i := range ns {
		z[i*l] = ^uint64(0)
	}
	for _, s := range sets {
		for i, gw := range s.sum {
			count(z[i*l:i*l+l], gw)
		}
	}
	idx := make([]int32, 0, 256)
	for i := range ns {
		m := uint64(0)
		for _, x := range z[i*l : i*l+l] {
			m |= x
		}
		for ; m != 0; m &= m - 1 {
			idx = append(idx, int32(i<<6+bits.TrailingZeros64(m)))
		}
	}
	if len(idx) == 0 {
		return
	}
	// The same over the documents of those words. Words left with no
	// document are dropped as they appear.
	z = ex.words(l * len(idx))
	for i := range idx {
		z[i*l] = ^uint64(0)
	}
	for t, s := range sets {
		dead := 0
		for i, w := range idx {
			zi := z[i*l : i*l+l]
			if count(zi, s.word(w)) == 0 {
				dead++
			}
		}
		if dead*4 >= len(idx) && t < len(sets)-1 {
			k := 0
			for i, w := range idx {
				zi := z[i*l : i*l+l]
				live := uint64(0)
				for _, x := range zi {
					live |= x
				}
				if live != 0 {
					idx[k] = w
					copy(z[k*l:k*l+l], zi)
					k++
				}
			}
			if idx = idx[:k]; k == 0 {
				return
			}
		}
	}
	for i, w := range idx {
		m := uint64(0)
		for _, x := range z[i*l : i*l+l] {
			m |= x
		}
		if m != 0 {
			out[w] |= m
			ms[w>>6] |= 1 << (w & 63)
		}
	}
}

// count moves the bits of zi (zi[j]: missing exactly j groups so far) for
// one more group holding the bits of g, and returns the bits still live.
func count(zi []uint64, g uint64) uint64 {
	for j := len(zi) - 1; j >= 1; j-- {
		zi[j] = zi[j]&g | zi[j-1]&^g
	}
	zi[0] &= g
	live := uint64(0)
	for _, x := range zi {
		live |= x
	}
	return live
}

// finish computes, per segment, the matching documents that pass the
// filters; call it after the last add.
func (ex *exec) finish() {
	for si := range ex.segs {
		se := &ex.segs[si]
		se.m0 = se.match
		if se.pass != nil {
			se.m0 = ex.words(len(se.match))
			copy(se.m0, se.match)
			and(se.m0, se.pass)
		}
	}
}

// total returns the number of matching documents that pass the filters.
func (ex *exec) total() int {
	n := 0
	for si := range ex.segs {
		se := &ex.segs[si]
		for w := range marked(se.msum) {
			n += bits.OnesCount64(se.m0[w])
		}
	}
	return n
}

// facets counts the facet values of the matching documents. With filters,
// the counts of a filtered key are taken over the documents that pass every
// other key (see facetCounter).
func (ex *exec) facets(v facetView) map[string][]FacetCount {
	c := newFacetCounter(v, ex.f)
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

func (ex *exec) countFacets(c *facetCounter, v *facetView, si int) {
	se := &ex.segs[si]
	seg := ex.sn.segs[si].seg
	a := &seg.acc
	if ex.f.all == 0 && testFacetPath == 0 {
		ex.countWords(c, si)
		return
	}
	m := float32(countAnd(se.match, nil))
	if m == 0 {
		return
	}
	spPer := float32(len(a.sp)) / max(1, float32(seg.len()))
	docsAll := m * (costDoc + costPair*a.pairsPer)
	dense := float32(len(a.fwIdx)) * costWord
	sparseDocs := m * (costDoc + costPair*spPer)
	sparseLists := float32(len(a.sp)) * costEntry
	visit := docsAll <= dense+min(sparseDocs, sparseLists)
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
				fails := ex.f.fails(pairs)
				if bits.OnesCount32(fails) <= 1 {
					c.add(v, pairs, fails)
				}
			}
		}
		return
	}
	// Many: count the values with a bitset against the matches, and the
	// others from the documents or from their lists.
	others := make(map[uint32]bitset, len(se.keys))
	for _, k := range se.keys {
		set := ex.words(len(se.match))
		copy(set, se.match)
		for _, o := range se.keys {
			if o.bit != k.bit {
				and(set, o.set)
			}
		}
		others[k.bit] = set
	}
	setOf := func(p uint32) bitset {
		if kb := c.keyBit[v.keyOf[p]]; kb != 0 {
			return others[kb]
		}
		return se.m0
	}
	lists := sparseLists < sparseDocs
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
	count := func(set bitset, only uint32) {
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
	count(se.m0, 0)
	for _, k := range se.keys {
		// The documents that fail only key k count for its values.
		failing := ex.words(len(se.match))
		copy(failing, others[k.bit])
		andNot(failing, k.set)
		count(failing, k.bit)
	}
}

// countWords counts the facet values of the matches of segment si when
// there are no filters, by bitset word (64 documents): a word whose
// documents mostly match adds its histogram (accel.hOff) less the pairs of
// the others, the other words their matching documents' pairs. Matches
// cluster (the copies of a template are neighbours), so most matches of a
// large result are in full words.
func (ex *exec) countWords(c *facetCounter, si int) {
	seg := ex.sn.segs[si].seg
	a := &seg.acc
	m0 := ex.segs[si].m0
	n := seg.len()
	count := func(d int, by int32) {
		for _, p := range seg.facetPairs(uint32(d)) {
			if int(p) < len(c.counts) {
				c.counts[p] += by
			}
		}
	}
	for w := range marked(ex.segs[si].msum) {
		m := m0[w]
		if m == 0 {
			continue
		}
		all := ^uint64(0)
		if r := n - w<<6; r < 64 {
			all = 1<<r - 1
		}
		if 2*bits.OnesCount64(m) <= bits.OnesCount64(all) {
			for ; m != 0; m &= m - 1 {
				count(w<<6+bits.TrailingZeros64(m), 1)
			}
			continue
		}
		for e := a.hOff[w]; e < a.hOff[w+1]; e++ {
			if p := a.hPair[e]; int(p) < len(c.counts) {
				c.counts[p] += int32(a.hCnt[e])
			}
		}
		for miss := all &^ m; miss != 0; miss &= miss - 1 {
			count(w<<6+bits.TrailingZeros64(miss), -1)
		}
	}
}

// cand is a matching document.
type cand struct {
	seg   int32
	doc   uint32
	score float32
}

// Test hooks: score every match (no pruning); count facets by visiting
// documents (1) or by facet value (2) instead of choosing.

var (
	testNoPrune     bool
	testFacetPath   int
	testCheckZeroed bool // release checks that sparseWords' bitsets come back zeroed
)

// fewBlocks is the number of blocks holding matches up to which they are
// all scored, without computing bounds.
const fewBlocks = 8

// boundSlack covers rounding: a bound is computed in another order than
// the score it bounds.
const boundSlack = 1 + 1e-5

// top returns the k best matching documents that pass the filters, best
// first.
func (ex *exec) top(k int) []cand {
	if k <= 0 {
		return nil
	}
	n := 0
	for si := range ex.segs {
		n += ex.sn.segs[si].seg.acc.nblk
	}
	ex.blks = blockScratch.get(n)
	blks := blockHeap((*ex.blks)[:0])
	for si := range ex.segs {
		m0 := ex.segs[si].m0
		last := -1
		for w := range marked(ex.segs[si].msum) {
			if b := w >> 1; b != last && m0[w] != 0 {
				blks = append(blks, block{seg: int32(si), b: uint32(b)})
				last = b
			}
		}
	}
	if len(blks) <= fewBlocks && !testNoPrune {
		// Bounding costs a pass over every block of the segment for each
		// variant: with so few blocks, scoring them all is cheaper.
		h := &candHeap{sn: ex.sn, k: k}
		ex.gs, ex.gstamp = ex.floats(len(ex.xg)*blockSize), ex.int32s(len(ex.xg))
		for _, b := range blks {
			ex.scoreBlock(b, h)
		}
		out := h.cs
		slices.SortFunc(out, func(a, b cand) int { return byScore(ex.sn, a, b) })
		return out
	}
	// Bounds per segment, over the blocks holding matches.
	for lo := 0; lo < len(blks); {
		si := blks[lo].seg
		hi := lo
		cb := make([]uint32, 0, 64)
		for hi < len(blks) && blks[hi].seg == si {
			cb = append(cb, blks[hi].b)
			hi++
		}
		ub := ex.bounds(int(si), ex.sn.segs[si].seg, cb)
		for j := range cb {
			blks[lo+j].ub = ub[j] * boundSlack
			blks[lo+j].j = uint32(j)
		}
		lo = hi
	}
	blks.init()
	ex.gs, ex.gstamp = ex.floats(len(ex.xg)*blockSize), ex.int32s(len(ex.xg))
	h := &candHeap{sn: ex.sn, k: k}
	for len(blks) > 0 {
		if b := &blks[0]; ex.segs[b.seg].coarse[b.j] {
			b.ub = ex.refine(*b) * boundSlack
			blks.down(0) // a refined bound only decreases
			continue
		}
		if len(h.cs) == k && !testNoPrune {
			kth := h.cs[0]
			if blks[0].ub < kth.score {
				break
			}
			if quantDown(blks[0].ub) == kth.score && !ex.beforeIn(blks[0], kth) {
				// Its documents can at best tie with the k-th, and
				// rank after it on a tie: copies of one template.
				blks.pop()
				continue
			}
		}
		ex.scoreBlock(blks.pop(), h)
	}
	out := h.cs
	slices.SortFunc(out, func(a, b cand) int { return byScore(ex.sn, a, b) })
	return out
}

// Scores are compared at 9 bits of precision (0.1–0.2% relative):
// copies of one template that differ only in rounding tie, and ties rank
// by kind and id (byScore), which lets pruning skip blocks that can only
// tie (see top).
const quantMask = 1<<14 - 1

// quantDown rounds a non-negative score down to the compared precision.
func quantDown(x float32) float32 { return math.Float32frombits(math.Float32bits(x) &^ quantMask) }

// beforeIn reports whether a matching document of block b ranks before c
// on a tie of scores.
func (ex *exec) beforeIn(b block, c cand) bool {
	m0 := ex.segs[b.seg].m0
	seg, cs := ex.sn.segs[b.seg].seg, ex.sn.segs[c.seg].seg
	for w := 2 * int(b.b); w < min(2*int(b.b)+2, len(m0)); w++ {
		for word := m0[w]; word != 0; word &= word - 1 {
			if compareRefs(seg, uint32(w<<6+bits.TrailingZeros64(word)), cs, c.doc) < 0 {
				return true
			}
		}
	}
	return false
}

// contrib is the BM25 score of weighted frequency x for a term of weight w.
func contrib(w, x float32) float32 { return w * x * (k1 + 1) / (k1 + x) }

// bounds returns an upper bound of the score of the documents of each block
// cb[j] of segment si (blocks holding matches, in order), and keeps those
// of each svariant in segs[si].ubs.
func (ex *exec) bounds(si int, seg *segment, cb []uint32) []float32 {
	a := &seg.acc
	nc := len(cb)
	// pos[b]: the index of block b in cb, or -1.
	pos := ex.int32s(a.nblk)
	for b := range pos {
		pos[b] = -1
	}
	for j, b := range cb {
		pos[b] = int32(j)
	}
	ub := ex.floats(nc)
	se := &ex.segs[si]
	se.ubs = make([][]float32, len(ex.svs))
	se.u0s = make([][]float32, len(ex.svs))
	se.fs = make([][]float32, len(ex.svs))
	se.coarse = make([]bool, nc)
	sum := ex.floats(nc)
	gus := make([][]float32, len(ex.xg)) // per xgroup, its bound per block
	present := make([]uint8, nc)         // required groups with a document in the block
	// A block gets a phrase or name boost only if a document holds one of
	// the phrase's words in its title or names (marked from the terms'
	// block flags); the exact boosts of a block with its classes listed
	// are computed when it reaches the top of the heap (refine).
	nj := (nc + 63) / 64
	mark, markName := ex.words(nj), ex.words(nj)
	ex.tmarks = make(map[int32]termMarks)
	for svi, sv := range ex.svs {
		ubv := ex.floats(nc)
		se.ubs[svi] = ubv
		if sv.va == nil {
			for j, b := range cb {
				ubv[j] = a.blkPrior[b] * sv.vw * sv.rw
				ub[j] = max(ub[j], ubv[j])
			}
			continue
		}
		clear(sum)
		clear(present)
		for gi, id := range sv.groups {
			gu := gus[id]
			if gu == nil {
				gu = ex.groupBounds(id, si, seg, pos, cb)
				gus[id] = gu
			}
			if gi < sv.nreq {
				for j, g := range gu {
					sum[j] += g
					if g > 0 {
						present[j]++
					}
				}
				if gi == sv.nreq-1 && sv.nreq > sv.need {
					// As in scoreBlock: a document of the block misses at
					// least the words missing from the block.
					for j, c := range present {
						if int(c) < sv.nreq {
							r := float32(c) / float32(sv.nreq)
							sum[j] *= r * r
						}
					}
				}
			} else {
				for j, g := range gu {
					sum[j] += weakWeight * g
				}
			}
		}
		boost := sv.maxBoost > 1
		if boost {
			clear(mark)
			ex.markBlocks(seg, sv.va.phraseIDs(sv.pl, si), false, mark, pos, cb)
		}
		name := sv.maxName > 1
		if name {
			clear(markName)
			ex.markBlocks(seg, sv.pl.variants[0].phraseIDs(sv.pl, si), true, markName, pos, cb)
		}
		if boost || name {
			se.fs[svi] = ex.floats(nc)
		}
		np := len(sv.va.phrase)
		n0 := 0
		if name {
			n0 = len(sv.pl.variants[0].phrase)
		}
		for j, b := range cb {
			if int(present[j]) < sv.need {
				continue
			}
			u := sum[j] * (a.blkPrior[b] * sv.vw) * sv.rw
			f := float32(1)
			if boost && mark[j>>6]>>(j&63)&1 != 0 {
				// See phraseSet.score.
				if np > 1 {
					f = 1.5
				}
				if inRange(np, a.titleMin[b], a.titleMax[b]) || inRange(np, a.altMin[b], a.altMax[b]) {
					f *= 1.3
				}
			}
			if name && markName[j>>6]>>(j&63)&1 != 0 {
				// See nameBoost.
				if n0 > 1 {
					f *= nameHolds
				}
				if inRange(n0, a.altMin[b], a.altMax[b]) {
					f *= nameExact
				}
			}
			if se.fs[svi] != nil {
				se.fs[svi][j] = f
			}
			if f > 1 && len(a.blockClasses(int(b))) > 0 {
				if se.u0s[svi] == nil {
					se.u0s[svi] = ex.floats(nc)
				}
				se.u0s[svi][j] = u
				se.coarse[j] = true
			}
			u *= f
			ubv[j] = u
			ub[j] = max(ub[j], u)
		}
	}
	return ub
}

// refine replaces the coarse bound of block b by one with the exact phrase
// and name boosts of its classes (see accel.clsDoc): copies of one
// template then get a bound equal to their score. Refining only the blocks
// that reach the top of the heap spares the boosts of those pruned anyway.
func (ex *exec) refine(b block) float32 {
	se := &ex.segs[b.seg]
	seg := ex.sn.segs[b.seg].seg
	cls := seg.acc.blockClasses(int(b.b))
	// The exact bounds first; then the coarse ones, largest first, until
	// none left can raise the block's bound (those keep their coarse
	// bound, still a bound).
	ub := float32(0)
	var todo [16]int
	coarse := todo[:0]
	for svi := range ex.svs {
		if u0 := se.u0s[svi]; u0 != nil && u0[b.j] > 0 {
			if len(coarse) < len(todo) {
				coarse = append(coarse, svi)
				continue
			}
		}
		ub = max(ub, se.ubs[svi][b.j])
	}
	for len(coarse) > 0 {
		k := 0
		for i, svi := range coarse {
			if se.ubs[svi][b.j] > se.ubs[coarse[k]][b.j] {
				k = i
			}
		}
		svi := coarse[k]
		if se.ubs[svi][b.j] <= ub {
			break
		}
		coarse = slices.Delete(coarse, k, k+1)
		sv := ex.svs[svi]
		f := float32(1)
		for _, d := range cls {
			f = max(f, ex.boost(sv, int(b.seg), seg, d))
		}
		se.ubs[svi][b.j] = se.u0s[svi][b.j] * f
		ub = max(ub, se.ubs[svi][b.j])
	}
	se.coarse[b.j] = false
	return ub
}

// groupBounds returns, per block cb[j] (pos maps a block to j, or -1), an
// upper bound of what group id adds to the score of a document of the block.
func (ex *exec) groupBounds(id int32, si int, seg *segment, pos []int32, cb []uint32) []float32 {
	a := &seg.acc
	nc := len(cb)
	gu := ex.floats(nc)
	nj := (nc + 63) / 64
	for _, al := range ex.xg[id].alts {
		id := al.ti.ids[si]
		if id < 0 {
			continue
		}
		// The term's marks come with its entries (see markBlocks).
		_, marked := ex.tmarks[id]
		var tm termMarks
		if !marked {
			tm = termMarks{ex.words(nj), ex.words(nj)}
			ex.tmarks[id] = tm
		}
		if a.bOff[id] < a.bOff[id+1] {
			for j, e := range ex.entries(a, id, cb, pos) {
				if e < 0 {
					continue
				}
				if c := contrib(al.coef, a.bMax[e]); c > gu[j] {
					gu[j] = c
				}
				if f := a.bFlag[e]; f != 0 && !marked {
					tm.set(int32(j), f)
				}
			}
			continue
		}
		docs, tfs := seg.postings(int(id))
		for k, d := range docs {
			j := pos[d>>blockShift]
			if j < 0 {
				continue
			}
			if c := contrib(al.coef, seg.weighted(d, tfs[k])); c > gu[j] {
				gu[j] = c
			}
			if f := flagOf(tfs[k]); f != 0 && !marked {
				tm.set(j, f)
			}
		}
	}
	return gu
}

func inRange(n int, lo, hi uint8) bool { return n >= int(lo) && (n <= int(hi) || hi == 255) }

// termMarks are the candidate blocks (bits j, see bounds) where a
// document holds a term in its title or names (title), or in its names
// (alt): flagTitle and flagAlt of its block entries.
type termMarks struct{ title, alt bitset }

// set marks block j for a term with flags f there.
func (tm termMarks) set(j int32, f uint8) {
	if f&flagTitle != 0 {
		tm.title[j>>6] |= 1 << (j & 63)
	}
	if f&flagAlt != 0 {
		tm.alt[j>>6] |= 1 << (j & 63)
	}
}

// markBlocks ORs into mark the candidate blocks where a document holds one
// of the terms ids in its title or names (in its names if alt). Each term's
// marks are found once per query (ex.tmarks; groupBounds finds those of
// the words it bounds): the variants of a query share most of their words.
func (ex *exec) markBlocks(seg *segment, ids [][]int32, alt bool, mark bitset, pos []int32, cb []uint32) {
	for _, p := range ids {
		for _, id := range p {
			tm, ok := ex.tmarks[id]
			if !ok {
				tm = ex.termMarks(seg, id, pos, cb)
			}
			if alt {
				or(mark, tm.alt)
			} else {
				or(mark, tm.title)
			}
		}
	}
}

// termMarks finds the marks of term id (see termMarks) and keeps them.
func (ex *exec) termMarks(seg *segment, id int32, pos []int32, cb []uint32) termMarks {
	a := &seg.acc
	nj := (len(cb) + 63) / 64
	tm := termMarks{ex.words(nj), ex.words(nj)}
	if a.bOff[id] < a.bOff[id+1] {
		for j, e := range ex.entries(a, id, cb, pos) {
			if e >= 0 && a.bFlag[e] != 0 {
				tm.set(int32(j), a.bFlag[e])
			}
		}
	} else {
		docs, tfs := seg.postings(int(id))
		for k, d := range docs {
			if j := pos[d>>blockShift]; j >= 0 {
				tm.set(j, flagOf(tfs[k]))
			}
		}
	}
	ex.tmarks[id] = tm
	return tm
}

// entries returns, for each candidate block cb[j] (pos maps a block to
// j), the index of term t's block entry there, or -1. A term with many
// more entries than there are candidates is searched (galloping), not
// scanned. The slice is reused by the next call.
func (ex *exec) entries(a *accel, t int32, cb []uint32, pos []int32) []int32 {
	if cap(ex.ej) < len(cb) {
		ex.ej = make([]int32, len(cb))
	}
	ej := ex.ej[:len(cb)]
	lo, hi := int(a.bOff[t]), int(a.bOff[t+1])
	if hi-lo <= 8*len(cb) {
		for j := range ej {
			ej[j] = -1
		}
		for e := lo; e < hi; e++ {
			if j := pos[a.bID[e]]; j >= 0 {
				ej[j] = int32(e)
			}
		}
		return ej
	}
	e := lo
	for j, b := range cb {
		// The first entry from e on with a block ≥ b.
		step := 1
		for e+step < hi && a.bID[e+step] < b {
			e += step
			step *= 2
		}
		if a.bID[e] < b {
			e += 1 + searchU32(a.bID[e+1:min(e+step, hi)], b)
		}
		if e >= hi {
			for k := j; k < len(ej); k++ {
				ej[k] = -1
			}
			break
		}
		ej[j] = -1
		if a.bID[e] == b {
			ej[j] = int32(e)
		}
	}
	return ej
}

// scoreBlock scores the matching documents of block b of segment si and
// offers them to h.
func (ex *exec) scoreBlock(blk block, h *candHeap) {
	si, b := int(blk.seg), blk.b
	seg := ex.sn.segs[si].seg
	m0 := ex.segs[si].m0
	var mask [2]uint64
	mask[0] = m0[2*b]
	if int(2*b+1) < len(m0) {
		mask[1] = m0[2*b+1]
	}
	// The matching documents of the block, as offsets from lo.
	var idx [blockSize]uint8
	n := 0
	for w, word := range mask {
		for word != 0 {
			idx[n] = uint8(w<<6 + bits.TrailingZeros64(word))
			n++
			word &= word - 1
		}
	}
	docs := idx[:n]
	lo := b << blockShift
	var best [blockSize]float32
	ubs := ex.segs[si].ubs
	ex.stamp++
	ex.scored++
	for svi, sv := range ex.svs {
		if ubs != nil && len(h.cs) == h.k && ubs[svi][blk.j]*boundSlack < h.cs[0].score && !testNoPrune {
			continue // this variant cannot make the page here
		}
		if sv.va == nil {
			for _, i := range docs {
				best[i] = max(best[i], seg.prior[lo+uint32(i)]*sv.vw*sv.rw)
			}
			continue
		}
		var acc [blockSize]float32
		var cnt [blockSize]uint8
		for gi, id := range sv.groups {
			gs := ex.groupScores(id, si, seg, b, &mask)
			switch {
			case gi >= sv.nreq:
				for _, i := range docs {
					acc[i] += weakWeight * gs[i]
				}
			default:
				for _, i := range docs {
					if g := gs[i]; g > 0 {
						acc[i] += g
						cnt[i]++
					}
				}
				if gi == sv.nreq-1 && sv.nreq > sv.need {
					// Some words may be missing, at a cost.
					for _, i := range docs {
						if c := cnt[i]; c > 0 && int(c) < sv.nreq {
							r := float32(c) / float32(sv.nreq)
							acc[i] *= r * r
						}
					}
				}
			}
		}
		need := uint8(sv.need)
		mb := sv.maxBoost * sv.maxName
		if ubs != nil && ex.segs[si].fs[svi] != nil {
			mb = ex.segs[si].fs[svi][blk.j]
		}
		for _, i := range docs {
			if cnt[i] < need {
				continue
			}
			d := lo + uint32(i)
			s := acc[i] * (seg.prior[d] * sv.vw) * sv.rw
			if mb > 1 && (len(h.cs) < h.k || s*mb*boundSlack >= h.cs[0].score || testNoPrune) {
				s *= ex.boost(sv, si, seg, d)
			}
			best[i] = max(best[i], s)
		}
	}
	for _, i := range docs {
		q := quantDown(best[i])
		if q > 0 && (len(h.cs) < h.k || q >= h.cs[0].score) {
			h.offer(cand{seg: int32(si), doc: lo + uint32(i), score: q})
		}
	}
}

// groupScores returns what group id adds to the score of each matching
// document (mask) of block b of segment si. Each scoreBlock call has its
// own stamp, so a group is scored once per block whatever the variants
// holding it.
func (ex *exec) groupScores(id int32, si int, seg *segment, b uint32, mask *[2]uint64) *[blockSize]float32 {
	g := (*[blockSize]float32)(ex.gs[int(id)*blockSize:])
	if ex.gstamp[id] == ex.stamp {
		return g
	}
	ex.gstamp[id] = ex.stamp
	clear(g[:])
	lo := b << blockShift
	for _, al := range ex.xg[id].alts {
		id := al.ti.ids[si]
		if id < 0 {
			continue
		}
		plo, phi := seg.blockPostings(int(id), b)
		for k := plo; k < phi; k++ {
			i := seg.pdocs[k] - lo
			if mask[i>>6]&(1<<(i&63)) == 0 {
				continue
			}
			if c := contrib(al.coef, seg.weighted(lo+i, seg.ptfs[k])); c > g[i] {
				g[i] = c
			}
		}
	}
	return g
}

// boost returns the phrase and name boosts of document d for sv.
func (ex *exec) boost(sv *svariant, si int, seg *segment, d uint32) float32 {
	k := uint64(si)<<32 | uint64(seg.acc.pclass[d])
	if b, ok := sv.memo.get(k); ok {
		return b
	}
	b := sv.va.phraseBoost(sv.pl, si, d) * sv.pl.nameBoost(si, d)
	sv.memo.put(ex, k, b)
	return b
}

// boostMemo maps a segment and phrase class to its boosts: an
// open-addressing table, as a query looks up thousands of classes and
// computes a few hundred.
type boostMemo struct {
	keys []uint64 // key+1, 0 for an empty slot
	vals []float32
	n    int
}

func (m *boostMemo) slot(k uint64) uint64 {
	return (k * 0x9e3779b97f4a7c15) >> 32 & uint64(len(m.keys)-1)
}

func (m *boostMemo) get(k uint64) (float32, bool) {
	if m.n == 0 {
		return 0, false
	}
	for i := m.slot(k); ; i = (i + 1) & uint64(len(m.keys)-1) {
		switch m.keys[i] {
		case k + 1:
			return m.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put adds k, with tables borrowed from ex.
func (m *boostMemo) put(ex *exec, k uint64, v float32) {
	if 2*(m.n+1) > len(m.keys) {
		old, ov := m.keys, m.vals
		m.keys = ex.words(max(256, 2*len(old)))
		m.vals = ex.floats(len(m.keys))
		m.n = 0
		for i, x := range old {
			if x != 0 {
				m.put(ex, x-1, ov[i])
			}
		}
	}
	i := m.slot(k)
	for m.keys[i] != 0 {
		i = (i + 1) & uint64(len(m.keys)-1)
	}
	m.keys[i], m.vals[i] = k+1, v
	m.n++
}

// block is a block of a segment with an upper bound of its scores.
type block struct {
	ub  float32
	seg int32
	b   uint32
	j   uint32 // index of the block among the segment's bounded ones
}

// blockHeap orders blocks best bound first. It is typed (not
// container/heap): a query pops hundreds of blocks.
type blockHeap []block

func (h blockHeap) less(i, j int) bool {
	if h[i].ub != h[j].ub {
		return h[i].ub > h[j].ub
	}
	// Equal bounds (copies of a template): in index order, which is the
	// order of their ids (see clustered), so the first fill the page.
	if h[i].seg != h[j].seg {
		return h[i].seg < h[j].seg
	}
	return h[i].b < h[j].b
}

func (h blockHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

// down moves block i down to its place.
func (h blockHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h.less(r, l) {
			m = r
		}
		if !h.less(m, i) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// pop removes and returns the best block.
func (h *blockHeap) pop() block {
	old := *h
	b := old[0]
	n := len(old) - 1
	old[0] = old[n]
	*h = old[:n]
	h.down(0)
	return b
}

// candHeap keeps the k best candidates, the worst at the root.
type candHeap struct {
	sn *snapshot
	k  int
	cs []cand
}

// worse reports whether a ranks after b.
func (h *candHeap) worse(a, b cand) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return byScore(h.sn, a, b) > 0
}

func (h *candHeap) offer(c cand) {
	if len(h.cs) < h.k {
		h.cs = append(h.cs, c)
		for i := len(h.cs) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.worse(h.cs[i], h.cs[p]) {
				break
			}
			h.cs[i], h.cs[p] = h.cs[p], h.cs[i]
			i = p
		}
		return
	}
	if !h.worse(h.cs[0], c) {
		return
	}
	h.cs[0] = c
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.cs) && h.worse(h.cs[l], h.cs[m]) {
			m = l
		}
		if r < len(h.cs) && h.worse(h.cs[r], h.cs[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.cs[i], h.cs[m] = h.cs[m], h.cs[i]
		i = m
	}
}

// weakWeight scales the score of weak words: they break ties, they do not
// decide (ทำ in ทำพาสปอร์ต must not favour ที่ทำการไปรษณีย์).
const weakWeight = 0.3

// phraseIDs returns the term ids in segment si of the title phrase of va,
// by position.
func (va *variant) phraseIDs(pl *plan, si int) [][]int32 {
	return va.phraseSet(pl, si).pos
}

// phraseSet is a title phrase in one segment as the boosts test it.
type phraseSet struct {
	pos   [][]int32 // term ids accepted at each position
	ids   []uint32  // every accepted id once …
	masks []uint64  // … with bit p set when it is accepted at position p
	// filter has bit filterBit(id) of every accepted id (a one-hash Bloom
	// filter of 256 bits): most terms of a title are rejected at once.
	filter [4]uint64
}

// filterBit is the bit of term t in a phraseSet's filter.
func filterBit(t uint32) uint32 { return t * 0x9e3779b1 >> 24 }

// at returns the positions of the phrase where term t is accepted.
func (ps *phraseSet) at(t uint32) uint64 {
	if h := filterBit(t); ps.filter[h>>6]&(1<<(h&63)) == 0 {
		return 0
	}
	for i, id := range ps.ids {
		if id == t {
			return ps.masks[i]
		}
	}
	return 0
}

func (va *variant) phraseSet(pl *plan, si int) *phraseSet {
	if va.segIDs == nil {
		va.segIDs = make([]*phraseSet, len(pl.sn.segs))
	}
	ps := va.segIDs[si]
	if ps == nil {
		pos := make([][]int32, len(va.phrase))
		for p, terms := range va.phrase {
			for _, t := range terms {
				if id := pl.term(t).ids[si]; id >= 0 {
					pos[p] = append(pos[p], id)
				}
			}
		}
		ps = newPhraseSet(pos)
		va.segIDs[si] = ps
	}
	return ps
}

// newPhraseSet returns the phrase whose position p accepts the ids pos[p]
// (at most 64 positions).
func newPhraseSet(pos [][]int32) *phraseSet {
	ps := &phraseSet{pos: pos}
	for p, ids := range pos {
		for _, id := range ids {
			if k := slices.Index(ps.ids, uint32(id)); k >= 0 {
				ps.masks[k] |= 1 << p
				continue
			}
			ps.ids = append(ps.ids, uint32(id))
			ps.masks = append(ps.masks, 1<<p)
			h := filterBit(uint32(id))
			ps.filter[h>>6] |= 1 << (h & 63)
		}
	}
	return ps
}

// phraseBoost multiplies the score of a document whose title or common
// name holds the query's words next to each other: by up to 1.5 for
// adjacent pairs, and 1.3 more when the title or name is exactly the query.
func (va *variant) phraseBoost(pl *plan, si int, d uint32) float32 {
	if len(va.phrase) == 0 {
		return 1
	}
	ps := va.phraseSet(pl, si)
	seg := pl.sn.segs[si].seg
	boost := ps.score(seg.titleTerms(d))
	alts := seg.altTerms(d)
	for len(alts) > 0 {
		end := slices.Index(alts, noTerm)
		if end < 0 {
			end = len(alts)
		}
		boost = max(boost, ps.score(alts[:end]))
		alts = alts[min(end+1, len(alts)):]
	}
	return boost
}

// Boosts of a document whose common name holds the whole query as typed
// (of two words or more), or is exactly the query: it is what the user
// calls the process, so it ranks like an exact title.
const (
	nameHolds = 1.5
	nameExact = 1.3
)

// nameBoost returns the boost of document d of segment si for its common
// names (see nameHolds).
func (pl *plan) nameBoost(si int, d uint32) float32 {
	if len(pl.variants) == 0 || len(pl.variants[0].phrase) == 0 {
		return 1
	}
	ps := pl.variants[0].phraseSet(pl, si)
	n := len(ps.pos)
	alts := pl.sn.segs[si].seg.altTerms(d)
	best := float32(1)
	for len(alts) > 0 {
		end := slices.Index(alts, noTerm)
		if end < 0 {
			end = len(alts)
		}
		name := alts[:end]
		alts = alts[min(end+1, len(alts)):]
		if ps.holds(name) {
			b := float32(1)
			if n > 1 {
				b = nameHolds
			}
			if n == len(name) {
				b *= nameExact
			}
			best = max(best, b)
		}
	}
	return best
}

// holds reports whether text holds the phrase's terms side by side.
func (ps *phraseSet) holds(text []uint32) bool {
	n := len(ps.pos)
	// Shift-and: bit p of run is set when the text's last p+1 terms are
	// the phrase's first p+1.
	run := uint64(0)
	for _, t := range text {
		if run = (run<<1 | 1) & ps.at(t); run&(1<<(n-1)) != 0 {
			return true
		}
	}
	return false
}

// score is the phrase boost of a text given as terms.
func (ps *phraseSet) score(text []uint32) float32 {
	n := len(ps.pos)
	exact := len(text) == n
	var prev, pairs uint64
	for i, t := range text {
		m := ps.at(t)
		pairs |= prev & (m >> 1) // bit p: positions p and p+1 side by side
		if exact && m&(1<<i) == 0 {
			exact = false
		}
		prev = m
	}
	boost := float32(1)
	if n > 1 {
		boost += 0.5 * float32(bits.OnesCount64(pairs)) / float32(n-1)
	}
	if exact {
		boost *= 1.3
	}
	return boost
}
