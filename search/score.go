package search

import (
	"math"
	"math/bits"
	"slices"
)

// Scoring: the k best matches, block by block in order of their bounds,
// until no remaining block can make the page.

// cand is a matching document with its score.
type cand struct {
	seg     int32
	doc     uint32
	score   float32
	partial bool // its score is that of a match of only some query words
}

// fewBlocks is the number of blocks holding matches up to which they are
// all scored, without computing bounds.
const fewBlocks = 8

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
	ex.blockBuf = blockScratch.get(n)
	blocks := blockHeap((*ex.blockBuf)[:0])
	for si := range ex.segs {
		result := ex.segs[si].result
		last := -1
		for w := range marked(ex.segs[si].matchSum) {
			if b := w >> 1; b != last && result[w] != 0 {
				blocks = append(blocks, block{seg: int32(si), num: uint32(b)})
				last = b
			}
		}
	}
	if len(blocks) <= fewBlocks && !testNoPrune {
		// Bounding costs a pass over every block of the segment for each
		// variant: with so few blocks, scoring them all is cheaper.
		h := &candHeap{sn: ex.sn, k: k, grouped: ex.grouped}
		ex.groupBlockScores, ex.groupBlockStamp = ex.floats(len(ex.groups)*blockSize), ex.int32s(len(ex.groups))
		for _, b := range blocks {
			ex.scoreBlock(b, h)
		}
		out := h.cands
		slices.SortFunc(out, func(a, b cand) int { return byScore(ex.sn, a, b) })
		return out
	}
	// Bounds per segment, over the blocks holding matches.
	for lo := 0; lo < len(blocks); {
		si := blocks[lo].seg
		hi := lo
		blockNums := make([]uint32, 0, 64)
		for hi < len(blocks) && blocks[hi].seg == si {
			blockNums = append(blockNums, blocks[hi].num)
			hi++
		}
		bound := ex.bounds(int(si), ex.sn.segs[si].seg, blockNums)
		for j := range blockNums {
			blocks[lo+j].bound = bound[j] * boundSlack
			blocks[lo+j].slot = uint32(j)
		}
		lo = hi
	}
	blocks.init()
	ex.groupBlockScores, ex.groupBlockStamp = ex.floats(len(ex.groups)*blockSize), ex.int32s(len(ex.groups))
	h := &candHeap{sn: ex.sn, k: k, grouped: ex.grouped}
	for len(blocks) > 0 {
		if b := &blocks[0]; ex.segs[b.seg].coarse[b.slot] {
			b.bound = ex.refine(*b) * boundSlack
			blocks.down(0) // a refined bound only decreases
			continue
		}
		if len(h.cands) == k && !testNoPrune {
			kth := h.cands[0]
			if blocks[0].bound < kth.score {
				break
			}
			if quantDown(blocks[0].bound) == kth.score && !ex.beforeIn(blocks[0], kth) {
				// Its documents can at best tie with the k-th, and
				// rank after it on a tie: copies of one template.
				blocks.pop()
				continue
			}
		}
		if ex.grouped && ex.coveredBlock(blocks[0], h) && !testNoPrune {
			blocks.pop()
			continue
		}
		ex.scoreBlock(blocks.pop(), h)
	}
	out := h.cands
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
	result := ex.segs[b.seg].result
	seg, candSeg := ex.sn.segs[b.seg].seg, ex.sn.segs[c.seg].seg
	for w := 2 * int(b.num); w < min(2*int(b.num)+2, len(result)); w++ {
		for word := result[w]; word != 0; word &= word - 1 {
			if compareRefs(seg, uint32(w<<6+bits.TrailingZeros64(word)), candSeg, c.doc) < 0 {
				return true
			}
		}
	}
	return false
}

// contrib is the BM25 score of weighted frequency x for a term of weight w.
func contrib(w, x float32) float32 { return w * x * (k1 + 1) / (k1 + x) }

// scoreBlock scores the matching documents of block blk and offers them to
// h. A document's score is the best of its variants' (each times the
// weight of the variant and of its run).
func (ex *exec) scoreBlock(blk block, h *candHeap) {
	si, num := int(blk.seg), blk.num
	seg := ex.sn.segs[si].seg
	result := ex.segs[si].result
	var mask [2]uint64
	mask[0] = result[2*num]
	if int(2*num+1) < len(result) {
		mask[1] = result[2*num+1]
	}
	// The matching documents of the block, as offsets from its first.
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
	first := num << blockShift
	var best [blockSize]float32
	var partial [blockSize]bool
	vBounds := ex.segs[si].variantBounds
	ex.blockStamp++
	ex.blocksScored++
	for vi, rv := range ex.variants {
		if vBounds != nil && len(h.cands) == h.k && vBounds[vi][blk.slot]*boundSlack < h.cands[0].score && !testNoPrune {
			continue // this variant cannot make the page here
		}
		if rv.va == nil {
			for _, i := range docs {
				best[i] = max(best[i], seg.prior[first+uint32(i)]*rv.variantWeight*rv.runWeight)
			}
			continue
		}
		var sum [blockSize]float32
		var matched [blockSize]uint8
		for gi, id := range rv.groupIDs {
			gScores := ex.groupScores(id, si, seg, num, &mask)
			switch {
			case gi >= rv.required:
				for _, i := range docs {
					sum[i] += weakWeight * gScores[i]
				}
			default:
				for _, i := range docs {
					if g := gScores[i]; g > 0 {
						sum[i] += g
						matched[i]++
					}
				}
				if gi == rv.required-1 && rv.required > rv.needed {
					// Some words may be missing, at a cost.
					for _, i := range docs {
						if c := matched[i]; c > 0 && int(c) < rv.required {
							sum[i] *= missingPenalty(int(c), rv.required)
						}
					}
				}
			}
		}
		needed := uint8(rv.needed)
		maxBoost := rv.maxPhraseBoost * rv.maxNameBoost
		if vBounds != nil && ex.segs[si].blockBoosts[vi] != nil {
			maxBoost = ex.segs[si].blockBoosts[vi][blk.slot]
		}
		for _, i := range docs {
			if matched[i] < needed {
				continue
			}
			d := first + uint32(i)
			score := sum[i] * (seg.prior[d] * rv.variantWeight) * rv.runWeight
			if maxBoost > 1 && (len(h.cands) < h.k || score*maxBoost*boundSlack >= h.cands[0].score || testNoPrune) {
				score *= ex.boost(rv, si, seg, d)
			}
			if score > best[i] {
				best[i], partial[i] = score, int(matched[i]) < rv.required
			}
		}
	}
	if h.grouped {
		// The best score per group in the block, for coveredBlock:
		// copies are neighbours, so a block holds one group or a few.
		g, gBest := noGroup, float32(0)
		for _, i := range docs {
			dg := seg.docs[first+uint32(i)].group
			if dg != g {
				if g != noGroup {
					h.saw(g, gBest)
				}
				g, gBest = dg, 0
			}
			gBest = max(gBest, quantDown(best[i]))
		}
		if g != noGroup {
			h.saw(g, gBest)
		}
	}
	for _, i := range docs {
		q := quantDown(best[i])
		if q > 0 && (len(h.cands) < h.k || q >= h.cands[0].score) {
			h.offer(cand{seg: int32(si), doc: first + uint32(i), score: q, partial: partial[i]})
		}
	}
}

// groupScores returns what group id adds to the score of each matching
// document (mask) of block num of segment si. Each scoreBlock call has its
// own stamp, so a group is scored once per block whatever the variants
// holding it.
func (ex *exec) groupScores(id int32, si int, seg *segment, b uint32, mask *[2]uint64) *[blockSize]float32 {
	scores := (*[blockSize]float32)(ex.groupBlockScores[int(id)*blockSize:])
	if ex.groupBlockStamp[id] == ex.blockStamp {
		return scores
	}
	ex.groupBlockStamp[id] = ex.blockStamp
	clear(scores[:])
	first := b << blockShift
	for _, al := range ex.groups[id].alts {
		t := al.info.ids[si]
		if t < 0 {
			continue
		}
		plo, phi := seg.blockPostings(int(t), b)
		for k := plo; k < phi; k++ {
			i := seg.pdocs[k] - first
			if mask[i>>6]&(1<<(i&63)) == 0 {
				continue
			}
			if c := contrib(al.idfWeight, seg.weighted(first+i, seg.ptfs[k])); c > scores[i] {
				scores[i] = c
			}
		}
	}
	return scores
}

// candHeap keeps the k best candidates, the worst at the root.
type candHeap struct {
	sn      *snapshot
	k       int
	cands   []cand
	grouped bool // one candidate per group of copies (see group.go)
	last    int  // grouped: where the last copy offered was found
	// grouped: the best score found per group scored (see coveredBlock),
	// whether or not the group is on the page.
	seen []groupBest
}

// worse reports whether a ranks after b.
func (h *candHeap) worse(a, b cand) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return byScore(h.sn, a, b) > 0
}

// offer adds c if it is among the k best so far. Grouped, c replaces the
// candidate of its group if it ranks before it, and is dropped if not.
func (h *candHeap) offer(c cand) {
	if h.grouped && h.sn.groupOf(c) != noGroup {
		// Copies come in runs: look where the last one was found first.
		i := -1
		if h.last < len(h.cands) && h.sn.sameGroup(h.cands[h.last], c) {
			i = h.last
		} else {
			for j := range h.cands {
				if h.sn.sameGroup(h.cands[j], c) {
					i = j
					break
				}
			}
		}
		if i >= 0 {
			h.last = i
			if h.worse(h.cands[i], c) {
				h.cands[i] = c
				h.down(i)
			}
			return
		}
	}
	if len(h.cands) < h.k {
		h.cands = append(h.cands, c)
		for i := len(h.cands) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.worse(h.cands[i], h.cands[p]) {
				break
			}
			h.cands[i], h.cands[p] = h.cands[p], h.cands[i]
			i = p
		}
		return
	}
	if !h.worse(h.cands[0], c) {
		return
	}
	h.cands[0] = c
	h.down(0)
}

// down moves the candidate at i, which may rank before its children now,
// down the heap (the worst is at the root).
func (h *candHeap) down(i int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.cands) && h.worse(h.cands[l], h.cands[m]) {
			m = l
		}
		if r < len(h.cands) && h.worse(h.cands[r], h.cands[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.cands[i], h.cands[m] = h.cands[m], h.cands[i]
		i = m
	}
}

// missingFactor is what each required word a document misses multiplies
// its score by: documents that match every word of a query (or a synonym
// of it) rank above the many that match fewer (issue 16: hundreds of
// copies matching two words of three outranked the one manual matching
// all three).
const missingFactor = 1.0 / 16

// missingPenalty is the factor of the score of a document matching c of
// the required words: (c/required)² × missingFactor per missing word. It
// grows with c, so a block's bound may take it for the words present in
// the block (bounds).
func missingPenalty(c, required int) float32 {
	r := float32(c) / float32(required)
	p := r * r
	for range required - c {
		p *= missingFactor
	}
	return p
}

// weakWeight scales the score of weak words: they break ties, they do not
// decide (ทำ in ทำพาสปอร์ต must not favour ที่ทำการไปรษณีย์).
const weakWeight = 0.3
