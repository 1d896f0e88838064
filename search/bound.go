package search

import (
	"slices"
)

// Bounds: an upper bound of the scores of each block of matching
// documents, from the per-block maxima of the terms (see accel.go), by
// which top visits the blocks best first and stops early.

// boundSlack covers rounding: a bound is computed in another order than
// the score it bounds.
const boundSlack = 1 + 1e-5

// bounds returns an upper bound of the score of the documents of each block
// blockNums[j] of segment si (the blocks holding matches, in order; j is
// their slot), and keeps those of each run variant in
// segs[si].variantBounds.
func (ex *exec) bounds(si int, seg *segment, blockNums []uint32) []float32 {
	a := &seg.acc
	nSlots := len(blockNums)
	// slotOf[b]: the slot of block b in blockNums, or -1.
	slotOf := ex.int32s(a.nblk)
	for b := range slotOf {
		slotOf[b] = -1
	}
	for j, b := range blockNums {
		slotOf[b] = int32(j)
	}
	bound := ex.floats(nSlots)
	se := &ex.segs[si]
	se.variantBounds = make([][]float32, len(ex.variants))
	se.unboostedBounds = make([][]float32, len(ex.variants))
	se.blockBoosts = make([][]float32, len(ex.variants))
	se.coarse = make([]bool, nSlots)
	sum := ex.floats(nSlots)
	perGroup := make([][]float32, len(ex.groups)) // per word group, its bound per slot
	present := make([]uint8, nSlots)              // per slot, the required groups with a document in the block
	// A block gets a phrase or name boost only if a document holds one of
	// the phrase's words in its title or names (marked from the terms'
	// block flags); the exact boosts of a block with its classes listed
	// are computed when it reaches the top of the heap (refine).
	slotWords := (nSlots + 63) / 64
	phraseMark, nameMark := ex.words(slotWords), ex.words(slotWords)
	ex.termMarks = make(map[int32]termMarks)
	for vi, rv := range ex.variants {
		vBounds := ex.floats(nSlots)
		se.variantBounds[vi] = vBounds
		if rv.va == nil {
			for j, b := range blockNums {
				vBounds[j] = a.blkPrior[b] * rv.variantWeight * rv.runWeight
				bound[j] = max(bound[j], vBounds[j])
			}
			continue
		}
		clear(sum)
		clear(present)
		for gi, id := range rv.groupIDs {
			gb := perGroup[id]
			if gb == nil {
				gb = ex.groupBounds(id, si, seg, slotOf, blockNums)
				perGroup[id] = gb
			}
			if gi < rv.required {
				for j, g := range gb {
					sum[j] += g
					if g > 0 {
						present[j]++
					}
				}
				if gi == rv.required-1 && rv.required > rv.needed {
					// As in scoreBlock: a document of the block misses at
					// least the words missing from the block.
					for j, c := range present {
						if int(c) < rv.required {
							sum[j] *= missingPenalty(int(c), rv.required)
						}
					}
				}
			} else {
				for j, g := range gb {
					sum[j] += weakWeight * g
				}
			}
		}
		byPhrase := rv.maxPhraseBoost > 1
		if byPhrase {
			clear(phraseMark)
			ex.markBlocks(seg, rv.va.phraseIDs(rv.pl, si), false, phraseMark, slotOf, blockNums)
		}
		byName := rv.maxNameBoost > 1
		if byName {
			clear(nameMark)
			ex.markBlocks(seg, rv.pl.variants[0].phraseIDs(rv.pl, si), true, nameMark, slotOf, blockNums)
		}
		if byPhrase || byName {
			se.blockBoosts[vi] = ex.floats(nSlots)
		}
		phraseLen := len(rv.va.phrase)
		nameLen := 0
		if byName {
			nameLen = len(rv.pl.variants[0].phrase)
		}
		for j, b := range blockNums {
			if int(present[j]) < rv.needed {
				continue
			}
			vb := sum[j] * (a.blkPrior[b] * rv.variantWeight) * rv.runWeight
			boost := float32(1)
			if byPhrase && phraseMark[j>>6]>>(j&63)&1 != 0 {
				// See phraseSet.score.
				if phraseLen > 1 {
					boost = 1.5
				}
				if inRange(phraseLen, a.titleMin[b], a.titleMax[b]) || inRange(phraseLen, a.altMin[b], a.altMax[b]) {
					boost *= 1.3
				}
			}
			if byName && nameMark[j>>6]>>(j&63)&1 != 0 {
				// See nameBoost.
				if nameLen > 1 {
					boost *= nameHolds
				}
				if inRange(nameLen, a.altMin[b], a.altMax[b]) {
					boost *= nameExact
				}
			}
			if se.blockBoosts[vi] != nil {
				se.blockBoosts[vi][j] = boost
			}
			if boost > 1 && len(a.blockClasses(int(b))) > 0 {
				if se.unboostedBounds[vi] == nil {
					se.unboostedBounds[vi] = ex.floats(nSlots)
				}
				se.unboostedBounds[vi][j] = vb
				se.coarse[j] = true
			}
			vb *= boost
			vBounds[j] = vb
			bound[j] = max(bound[j], vb)
		}
	}
	return bound
}

// refine replaces the coarse bound of block b by one with the exact phrase
// and name boosts of its classes (see accel.clsDoc): copies of one
// template then get a bound equal to their score. Refining only the blocks
// that reach the top of the heap spares the boosts of those pruned anyway.
func (ex *exec) refine(b block) float32 {
	se := &ex.segs[b.seg]
	seg := ex.sn.segs[b.seg].seg
	classes := seg.acc.blockClasses(int(b.num))
	// The exact bounds first; then the coarse ones, largest first, until
	// none left can raise the block's bound (those keep their coarse
	// bound, still a bound).
	bound := float32(0)
	var todo [16]int
	coarse := todo[:0]
	for vi := range ex.variants {
		if unboosted := se.unboostedBounds[vi]; unboosted != nil && unboosted[b.slot] > 0 {
			if len(coarse) < len(todo) {
				coarse = append(coarse, vi)
				continue
			}
		}
		bound = max(bound, se.variantBounds[vi][b.slot])
	}
	for len(coarse) > 0 {
		k := 0
		for i, vi := range coarse {
			if se.variantBounds[vi][b.slot] > se.variantBounds[coarse[k]][b.slot] {
				k = i
			}
		}
		vi := coarse[k]
		if se.variantBounds[vi][b.slot] <= bound {
			break
		}
		coarse = slices.Delete(coarse, k, k+1)
		rv := ex.variants[vi]
		f := float32(1)
		for _, d := range classes {
			f = max(f, ex.boost(rv, int(b.seg), seg, d))
		}
		se.variantBounds[vi][b.slot] = se.unboostedBounds[vi][b.slot] * f
		bound = max(bound, se.variantBounds[vi][b.slot])
	}
	se.coarse[b.slot] = false
	return bound
}

// groupBounds returns, per block blockNums[j] (slotOf maps a block to j, or
// -1), an upper bound of what group id adds to the score of a document of
// the block.
func (ex *exec) groupBounds(id int32, si int, seg *segment, slotOf []int32, blockNums []uint32) []float32 {
	a := &seg.acc
	nSlots := len(blockNums)
	bound := ex.floats(nSlots)
	slotWords := (nSlots + 63) / 64
	for _, al := range ex.groups[id].alts {
		t := al.info.ids[si]
		if t < 0 {
			continue
		}
		// The term's marks come with its entries (see markBlocks).
		_, hadMarks := ex.termMarks[t]
		var tm termMarks
		if !hadMarks {
			tm = termMarks{ex.words(slotWords), ex.words(slotWords)}
			ex.termMarks[t] = tm
		}
		if a.bOff[t] < a.bOff[t+1] {
			for j, e := range ex.entries(a, t, blockNums, slotOf) {
				if e < 0 {
					continue
				}
				if c := contrib(al.idfWeight, a.bMax[e]); c > bound[j] {
					bound[j] = c
				}
				if f := a.bFlag[e]; f != 0 && !hadMarks {
					tm.set(int32(j), f)
				}
			}
			continue
		}
		docs, tfs := seg.postings(int(t))
		for k, d := range docs {
			j := slotOf[d>>blockShift]
			if j < 0 {
				continue
			}
			if c := contrib(al.idfWeight, seg.weighted(d, tfs[k])); c > bound[j] {
				bound[j] = c
			}
			if f := flagOf(tfs[k]); f != 0 && !hadMarks {
				tm.set(j, f)
			}
		}
	}
	return bound
}

// inRange reports whether n is within [lo, hi], 255 standing for more.
func inRange(n int, lo, hi uint8) bool { return n >= int(lo) && (n <= int(hi) || hi == 255) }

// entries returns, for each candidate block blockNums[j] (slotOf maps a
// block to j), the index of term t's block entry there, or -1. A term with many
// more entries than there are candidates is searched (galloping), not
// scanned. The slice is reused by the next call.
func (ex *exec) entries(a *accel, t int32, blockNums []uint32, slotOf []int32) []int32 {
	if cap(ex.entryBuf) < len(blockNums) {
		ex.entryBuf = make([]int32, len(blockNums))
	}
	entryAt := ex.entryBuf[:len(blockNums)]
	lo, hi := int(a.bOff[t]), int(a.bOff[t+1])
	if hi-lo <= 8*len(blockNums) {
		for j := range entryAt {
			entryAt[j] = -1
		}
		for e := lo; e < hi; e++ {
			if j := slotOf[a.bID[e]]; j >= 0 {
				entryAt[j] = int32(e)
			}
		}
		return entryAt
	}
	e := lo
	for j, b := range blockNums {
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
			for k := j; k < len(entryAt); k++ {
				entryAt[k] = -1
			}
			break
		}
		entryAt[j] = -1
		if a.bID[e] == b {
			entryAt[j] = int32(e)
		}
	}
	return entryAt
}

// block is a block of a segment with an upper bound of its scores.
type block struct {
	bound float32
	seg   int32
	num   uint32 // documents num<<blockShift on
	slot  uint32 // index of the block among the segment's bounded ones (see bounds)
}

// blockHeap orders blocks best bound first. It is typed (not
// container/heap): a query pops hundreds of blocks.
type blockHeap []block

func (h blockHeap) less(i, j int) bool {
	if h[i].bound != h[j].bound {
		return h[i].bound > h[j].bound
	}
	// Equal bounds (copies of a template): in index order, which is the
	// order of their ids (see clustered), so the first fill the page.
	if h[i].seg != h[j].seg {
		return h[i].seg < h[j].seg
	}
	return h[i].num < h[j].num
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
