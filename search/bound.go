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
	se.variantBounds = make([][]float32, len(ex.variants))
	se.unboostedBounds = make([][]float32, len(ex.variants))
	se.blockBoosts = make([][]float32, len(ex.variants))
	se.coarse = make([]bool, nc)
	sum := ex.floats(nc)
	gus := make([][]float32, len(ex.groups)) // per xgroup, its bound per block
	present := make([]uint8, nc)             // required groups with a document in the block
	// A block gets a phrase or name boost only if a document holds one of
	// the phrase's words in its title or names (marked from the terms'
	// block flags); the exact boosts of a block with its classes listed
	// are computed when it reaches the top of the heap (refine).
	nj := (nc + 63) / 64
	mark, markName := ex.words(nj), ex.words(nj)
	ex.termMarks = make(map[int32]termMarks)
	for vi, rv := range ex.variants {
		ubv := ex.floats(nc)
		se.variantBounds[vi] = ubv
		if rv.va == nil {
			for j, b := range cb {
				ubv[j] = a.blkPrior[b] * rv.variantWeight * rv.runWeight
				ub[j] = max(ub[j], ubv[j])
			}
			continue
		}
		clear(sum)
		clear(present)
		for gi, id := range rv.groupIDs {
			gu := gus[id]
			if gu == nil {
				gu = ex.groupBounds(id, si, seg, pos, cb)
				gus[id] = gu
			}
			if gi < rv.required {
				for j, g := range gu {
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
							r := float32(c) / float32(rv.required)
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
		boost := rv.maxPhraseBoost > 1
		if boost {
			clear(mark)
			ex.markBlocks(seg, rv.va.phraseIDs(rv.pl, si), false, mark, pos, cb)
		}
		name := rv.maxNameBoost > 1
		if name {
			clear(markName)
			ex.markBlocks(seg, rv.pl.variants[0].phraseIDs(rv.pl, si), true, markName, pos, cb)
		}
		if boost || name {
			se.blockBoosts[vi] = ex.floats(nc)
		}
		np := len(rv.va.phrase)
		n0 := 0
		if name {
			n0 = len(rv.pl.variants[0].phrase)
		}
		for j, b := range cb {
			if int(present[j]) < rv.needed {
				continue
			}
			u := sum[j] * (a.blkPrior[b] * rv.variantWeight) * rv.runWeight
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
			if se.blockBoosts[vi] != nil {
				se.blockBoosts[vi][j] = f
			}
			if f > 1 && len(a.blockClasses(int(b))) > 0 {
				if se.unboostedBounds[vi] == nil {
					se.unboostedBounds[vi] = ex.floats(nc)
				}
				se.unboostedBounds[vi][j] = u
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
	cls := seg.acc.blockClasses(int(b.num))
	// The exact bounds first; then the coarse ones, largest first, until
	// none left can raise the block's bound (those keep their coarse
	// bound, still a bound).
	ub := float32(0)
	var todo [16]int
	coarse := todo[:0]
	for svi := range ex.variants {
		if u0 := se.unboostedBounds[svi]; u0 != nil && u0[b.slot] > 0 {
			if len(coarse) < len(todo) {
				coarse = append(coarse, svi)
				continue
			}
		}
		ub = max(ub, se.variantBounds[svi][b.slot])
	}
	for len(coarse) > 0 {
		k := 0
		for i, svi := range coarse {
			if se.variantBounds[svi][b.slot] > se.variantBounds[coarse[k]][b.slot] {
				k = i
			}
		}
		svi := coarse[k]
		if se.variantBounds[svi][b.slot] <= ub {
			break
		}
		coarse = slices.Delete(coarse, k, k+1)
		rv := ex.variants[svi]
		f := float32(1)
		for _, d := range cls {
			f = max(f, ex.boost(rv, int(b.seg), seg, d))
		}
		se.variantBounds[svi][b.slot] = se.unboostedBounds[svi][b.slot] * f
		ub = max(ub, se.variantBounds[svi][b.slot])
	}
	se.coarse[b.slot] = false
	return ub
}

// groupBounds returns, per block cb[j] (pos maps a block to j, or -1), an
// upper bound of what group id adds to the score of a document of the block.
func (ex *exec) groupBounds(id int32, si int, seg *segment, pos []int32, cb []uint32) []float32 {
	a := &seg.acc
	nc := len(cb)
	gu := ex.floats(nc)
	nj := (nc + 63) / 64
	for _, al := range ex.groups[id].alts {
		id := al.info.ids[si]
		if id < 0 {
			continue
		}
		// The term's marks come with its entries (see markBlocks).
		_, marked := ex.termMarks[id]
		var tm termMarks
		if !marked {
			tm = termMarks{ex.words(nj), ex.words(nj)}
			ex.termMarks[id] = tm
		}
		if a.bOff[id] < a.bOff[id+1] {
			for j, e := range ex.entries(a, id, cb, pos) {
				if e < 0 {
					continue
				}
				if c := contrib(al.idfWeight, a.bMax[e]); c > gu[j] {
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
			if c := contrib(al.idfWeight, seg.weighted(d, tfs[k])); c > gu[j] {
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

// entries returns, for each candidate block cb[j] (pos maps a block to
// j), the index of term t's block entry there, or -1. A term with many
// more entries than there are candidates is searched (galloping), not
// scanned. The slice is reused by the next call.
func (ex *exec) entries(a *accel, t int32, cb []uint32, pos []int32) []int32 {
	if cap(ex.entryBuf) < len(cb) {
		ex.entryBuf = make([]int32, len(cb))
	}
	ej := ex.entryBuf[:len(cb)]
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

// block is a block of a segment with an upper bound of its scores.
type block struct {
	bound float32
	seg   int32
	num   uint32
	slot  uint32 // index of the block among the segment's bounded ones
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
