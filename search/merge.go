package search

import (
	"slices"
	"strings"
)

// mergeSegments returns one segment holding the live documents of views, in
// order, with their postings merged (no text is analysed again).
func mergeSegments(views []segView, avg [nFields]float32) *segment {
	// New local ids: live documents in order; -1 for deleted ones.
	newID := make([][]int32, len(views))
	ndocs := 0
	for i, v := range views {
		ids := make([]int32, v.seg.len())
		for d := range ids {
			if v.del.has(uint32(d)) {
				ids[d] = -1
				continue
			}
			ids[d] = int32(ndocs)
			ndocs++
		}
		newID[i] = ids
	}

	// Terms: a k-way merge of the sorted term lists.
	out := &segment{off: []uint32{0}}
	termMap := make([][]uint32, len(views)) // old term id → new, per view
	pos := make([]int, len(views))
	total := 0
	for i, v := range views {
		termMap[i] = make([]uint32, len(v.seg.terms))
		total += len(v.seg.pdocs)
	}
	out.pdocs = make([]uint32, 0, total)
	out.ptfs = make([]tf, 0, total)
	for {
		next := ""
		found := false
		for i, v := range views {
			if pos[i] < len(v.seg.terms) {
				if t := v.seg.terms[pos[i]]; !found || t < next {
					next, found = t, true
				}
			}
		}
		if !found {
			break
		}
		id := uint32(len(out.terms))
		start := len(out.pdocs)
		for i, v := range views {
			if pos[i] >= len(v.seg.terms) || v.seg.terms[pos[i]] != next {
				continue
			}
			termMap[i][pos[i]] = id
			docs, tfs := v.seg.postings(pos[i])
			for k, d := range docs {
				if nd := newID[i][d]; nd >= 0 {
					out.pdocs = append(out.pdocs, uint32(nd))
					out.ptfs = append(out.ptfs, tfs[k])
				}
			}
			pos[i]++
		}
		if len(out.pdocs) == start {
			continue // only deleted documents held it
		}
		out.terms = append(out.terms, strings.Clone(next))
		out.off = append(out.off, uint32(len(out.pdocs)))
	}

	// Documents.
	out.docs = make([]stored, 0, ndocs)
	out.lens = make([]uint16, 0, ndocs*nFields)
	out.prior = make([]float32, 0, ndocs)
	out.titleOff = make([]uint32, 1, ndocs+1)
	out.facetOff = make([]uint32, 1, ndocs+1)
	out.altsOff = make([]uint32, 1, ndocs+1)
	for i, v := range views {
		s := v.seg
		for d := range s.docs {
			if newID[i][d] < 0 {
				continue
			}
			out.docs = append(out.docs, s.docs[d])
			out.lens = append(out.lens, s.lens[d*nFields:(d+1)*nFields]...)
			out.prior = append(out.prior, s.prior[d])
			for _, t := range s.titleTerms(uint32(d)) {
				out.title = append(out.title, termMap[i][t])
			}
			out.titleOff = append(out.titleOff, uint32(len(out.title)))
			for _, t := range s.altTerms(uint32(d)) {
				if t != noTerm {
					t = termMap[i][t]
				}
				out.alts = append(out.alts, t)
			}
			out.altsOff = append(out.altsOff, uint32(len(out.alts)))
			out.facets = append(out.facets, s.facetPairs(uint32(d))...)
			out.facetOff = append(out.facetOff, uint32(len(out.facets)))
		}
	}
	out.terms = slices.Clip(out.terms)
	out.seal(&avg)
	return out
}

// mergePlan picks the segments to merge: when there are too many segments,
// the small ones (all but the big ones that dwarf the rest); and any segment
// with many deleted documents, to reclaim them.
func mergePlan(segs []segView, maxSegments int) []int {
	var pick []int
	if len(segs) > maxSegments {
		idx := make([]int, len(segs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return segs[b].live() - segs[a].live() })
		rest := 0
		for _, i := range idx {
			rest += segs[i].live()
		}
		k := 0
		for k < len(idx)-2 {
			big := segs[idx[k]].live()
			rest -= big
			if big <= 4*rest {
				rest += big
				break
			}
			k++
		}
		pick = append(pick, idx[k:]...)
	}
	for i, v := range segs {
		if v.ndel > 1000 && v.ndel*4 > v.seg.len() && !slices.Contains(pick, i) {
			pick = append(pick, i)
		}
	}
	if len(pick) == 1 && segs[pick[0]].ndel == 0 {
		return nil
	}
	slices.Sort(pick)
	return pick
}

// maybeMerge starts a merge if one is due. Called with mu held.
func (ix *Index) maybeMerge() {
	if ix.merging {
		return
	}
	cur := ix.snap.Load()
	pick := mergePlan(cur.segs, ix.cfg.maxSegments)
	if len(pick) == 0 {
		return
	}
	views := make([]segView, len(pick))
	for i, p := range pick {
		views[i] = cur.segs[p]
	}
	if !ix.cfg.background {
		ix.commitMerge(views, mergeSegments(views, cur.avg))
		return
	}
	ix.merging = true
	ix.merges.Add(1)
	go func() {
		defer ix.merges.Done()
		merged := mergeSegments(views, cur.avg)
		ix.mu.Lock()
		defer ix.mu.Unlock()
		ix.merging = false
		ix.commitMerge(views, merged)
		ix.maybeMerge()
	}()
}

// commitMerge replaces the merged segments (as they were in views) by
// merged, carrying over the deletions made since. Called with mu held.
func (ix *Index) commitMerge(views []segView, merged *segment) {
	cur := ix.snap.Load()
	inputs := make(map[*segment]segView, len(views))
	for _, v := range views {
		inputs[v.seg] = v
	}
	var segs []segView
	var late []uint32 // deleted while merging, as new ids
	next := uint32(0)
	for _, v := range views {
		var now segView
		for _, c := range cur.segs {
			if c.seg == v.seg {
				now = c
			}
		}
		for d := range v.seg.docs {
			if v.del.has(uint32(d)) {
				continue
			}
			if now.del.has(uint32(d)) {
				late = append(late, next)
			} else {
				ix.locs[v.seg.docs[d].ref] = loc{merged, next}
			}
			next++
		}
	}
	for _, c := range cur.segs {
		if _, ok := inputs[c.seg]; !ok {
			segs = append(segs, c)
		}
	}
	mv := segView{seg: merged}
	if len(late) > 0 {
		mv.del = bitset(nil).with(merged.len(), late...)
		mv.ndel = len(late)
	}
	ix.publish(append(segs, mv))
}

// Compact merges every segment into one, waiting for a background merge to
// finish first. It is meant for after a bulk load and for tests.
func (ix *Index) Compact() {
	ix.merges.Wait()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for ix.merging { // a merge started between Wait and Lock
		ix.mu.Unlock()
		ix.merges.Wait()
		ix.mu.Lock()
	}
	cur := ix.snap.Load()
	if len(cur.segs) < 2 && (len(cur.segs) == 0 || cur.segs[0].ndel == 0) {
		return
	}
	ix.commitMerge(cur.segs, mergeSegments(cur.segs, cur.avg))
}

// Close waits for background merges and stops starting new ones. The index
// stays usable; later updates merge in the foreground.
func (ix *Index) Close() {
	ix.mu.Lock()
	ix.cfg.background = false
	ix.mu.Unlock()
	ix.merges.Wait()
}
