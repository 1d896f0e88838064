package search

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
	sn       *snapshot
	filter   *filter
	segs     []segExec     // per segment of sn
	variants []*runVariant // of every run added, in order
	groups   []*wordGroup  // the distinct word groups of the variants
	// groupByKey finds a group in groups by its alternatives (internGroup).
	groupByKey map[string]int32
	// groupBlockScores has per group what it adds to each document of the
	// block being scored (blockSize each, see groupScores), valid when
	// its groupBlockStamp is blockStamp.
	groupBlockScores []float32
	groupBlockStamp  []int32
	blockStamp       int32 // stamp of the block being scored
	blocksScored     int   // blocks scored by top (Result.scored, for tests)

	// Buffers borrowed from the scratch pools, returned by release.
	wordBufs   []*[]uint64
	floatBufs  []*[]float32
	int32Bufs  []*[]int32
	sparseBufs []sparseBuf
	blockBuf   *[]block

	grouped   bool   // rank groups of copies (Query.Group): top keeps a group's best copy
	pageCands []cand // the candidates of the page's hits, in order

	keyBuf    []byte              // internGroup's key
	termMarks map[int32]termMarks // per term, during bounds of one segment
	entryBuf  []int32             // entries' result
}

// segExec is the part of an exec in one segment.
type segExec struct {
	match    bitset // documents matched by some run (live ones)
	pass     bitset // documents passing every filter key; nil without filters
	keys     []keyPass
	result   bitset   // match ∧ pass, set by finish
	matchSum []uint64 // summary of match: bit w when word w may be non-zero

	// Set by bounds, per run variant and slot (block.slot): the bound of
	// the scores of the block's documents.
	variantBounds [][]float32
	// Blocks whose bound takes the largest phrase and name boosts
	// (coarse) keep their bound without boosts per variant, to be refined
	// with their classes' exact boosts (see refine).
	unboostedBounds [][]float32
	coarse          []bool
	// blockBoosts has per variant the largest boost of each block's
	// documents (0 where none matches it): scoring skips the boosts where
	// it is 1.
	blockBoosts [][]float32
}

// keyPass is the set of documents that pass one filtered key.
type keyPass struct {
	bit uint32
	set bitset
}

// newExec prepares a search of sn with filter f.
func newExec(sn *snapshot, f *filter) *exec {
	ex := &exec{sn: sn, filter: f, segs: make([]segExec, len(sn.segs))}
	for si := range sn.segs {
		seg := sn.segs[si].seg
		se := &ex.segs[si]
		nw := seg.words()
		se.matchSum = ex.words(seg.sumWords())
		se.match = ex.sparseWords(nw, se.matchSum)
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

// Test hooks: score every match (no pruning); count facets by visiting
// documents (1) or by facet value (2) instead of choosing.

var (
	testNoPrune     bool
	testFacetPath   int
	testCheckZeroed bool // release checks that sparseWords' bitsets come back zeroed
)
