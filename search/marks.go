package search

// Marks: the blocks where a document holds a query word in its title or
// names, the only ones whose bound takes a phrase or name boost.

// termMarks are the candidate blocks (bits j: slots, see bounds) where a
// document holds a term in its title or names (title), or in its names
// (alt): flagTitle and flagAlt of its block entries.
type termMarks struct{ title, alt bitset }

// set marks the block of slot j for a term with flags f there.
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
// marks are found once per query (ex.termMarks; groupBounds finds those of
// the words it bounds): the variants of a query share most of their words.
func (ex *exec) markBlocks(seg *segment, ids [][]int32, alt bool, mark bitset, slotOf []int32, blockNums []uint32) {
	for _, p := range ids {
		for _, id := range p {
			tm, ok := ex.termMarks[id]
			if !ok {
				tm = ex.findTermMarks(seg, id, slotOf, blockNums)
			}
			if alt {
				or(mark, tm.alt)
			} else {
				or(mark, tm.title)
			}
		}
	}
}

// findTermMarks finds the marks of term id (see termMarks) and keeps them.
func (ex *exec) findTermMarks(seg *segment, id int32, slotOf []int32, blockNums []uint32) termMarks {
	a := &seg.acc
	slotWords := (len(blockNums) + 63) / 64
	tm := termMarks{ex.words(slotWords), ex.words(slotWords)}
	if a.bOff[id] < a.bOff[id+1] {
		for j, e := range ex.entries(a, id, blockNums, slotOf) {
			if e >= 0 && a.bFlag[e] != 0 {
				tm.set(int32(j), a.bFlag[e])
			}
		}
	} else {
		docs, tfs := seg.postings(int(id))
		for k, d := range docs {
			if j := slotOf[d>>blockShift]; j >= 0 {
				tm.set(j, flagOf(tfs[k]))
			}
		}
	}
	ex.termMarks[id] = tm
	return tm
}
