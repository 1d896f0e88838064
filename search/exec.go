package search

import (
	"math/bits"
	"slices"
	"sync"
)

// scratch holds the per-document accumulators of one search over one
// segment at a time; it is pooled, and cleared through the touched lists so
// that a query costs what it touches, not the size of the index.
type scratch struct {
	acc     []float32 // score of the current variant
	gs      []float32 // score of the current group
	stamp   []uint8   // group that gs belongs to, plus one
	mask    []uint32  // groups matched
	touched []uint32

	best    []float32 // best score over the variants
	bestVar []uint8
	listed  []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (s *scratch) ensure(n int) {
	if len(s.acc) >= n {
		return
	}
	s.acc = make([]float32, n)
	s.gs = make([]float32, n)
	s.stamp = make([]uint8, n)
	s.mask = make([]uint32, n)
	s.best = make([]float32, n)
	s.bestVar = make([]uint8, n)
}

// cand is a matching document.
type cand struct {
	seg   int32
	doc   uint32
	score float32
	vari  uint8  // variant that scored best
	fails uint32 // filter keys the document does not pass
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

// run matches the plan in every segment and returns the candidates that
// pass the filter or fail at most one key of it (for facet counts), scores
// multiplied by weight. In matchAny mode only the text as typed is matched:
// synonyms hold common words that would match too much.
func (pl *plan) run(mode matchMode, f *filter, weight float32) []cand {
	variants := pl.variants
	if mode == matchAny && len(variants) > 1 {
		variants = variants[:1]
	}
	var out []cand
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	for si := range pl.sn.segs {
		v := &pl.sn.segs[si]
		sc.ensure(v.seg.len())
		for vi, va := range variants {
			pl.matchVariant(sc, si, v, vi, va, mode)
		}
		for _, d := range sc.listed {
			fails := f.fails(v.seg.facetPairs(d))
			if bits.OnesCount32(fails) <= 1 {
				out = append(out, cand{seg: int32(si), doc: d, score: sc.best[d] * weight, vari: sc.bestVar[d], fails: fails})
			}
			sc.best[d] = 0
		}
		sc.listed = sc.listed[:0]
	}
	return out
}

// matchVariant scores the documents of one segment that match variant va
// and keeps, per document, the best score over the variants.
func (pl *plan) matchVariant(sc *scratch, si int, v *segView, vi int, va *variant, mode matchMode) {
	seg := v.seg
	var required, optional []int
	for gi, g := range va.groups {
		if g.weak {
			optional = append(optional, gi)
		} else {
			required = append(required, gi)
		}
	}
	if len(required) == 0 {
		required, optional = optional, nil
	}
	need := mode.minMatch(len(required))

	for bit, gi := range required {
		stamp := uint8(bit + 1)
		for _, a := range va.groups[gi].alts {
			id := a.info.ids[si]
			if id < 0 {
				continue
			}
			w := a.info.idf * a.w
			docs, tfs := seg.postings(int(id))
			for k, d := range docs {
				x := seg.weighted(d, tfs[k])
				c := w * x * (k1 + 1) / (k1 + x)
				if sc.mask[d] == 0 {
					sc.touched = append(sc.touched, d)
				}
				if sc.stamp[d] != stamp {
					sc.stamp[d] = stamp
					sc.gs[d] = 0
					sc.mask[d] |= 1 << bit
				}
				if c > sc.gs[d] {
					sc.acc[d] += c - sc.gs[d]
					sc.gs[d] = c
				}
			}
		}
	}

	for _, d := range sc.touched {
		matched := bits.OnesCount32(sc.mask[d])
		score := sc.acc[d]
		sc.acc[d], sc.gs[d], sc.stamp[d], sc.mask[d] = 0, 0, 0, 0
		if matched < need || v.del.has(d) {
			continue
		}
		if matched < len(required) {
			r := float32(matched) / float32(len(required))
			score *= r * r
		}
		for _, gi := range optional {
			score += weakWeight * pl.lookupGroup(seg, si, &va.groups[gi], d)
		}
		score *= seg.prior[d] * va.weight
		if sc.best[d] == 0 {
			sc.listed = append(sc.listed, d)
		}
		if score > sc.best[d] {
			sc.best[d] = score
			sc.bestVar[d] = uint8(vi)
		}
	}
	sc.touched = sc.touched[:0]
}

// weakWeight scales the score of weak words: they break ties, they do not
// decide (ทำ in ทำพาสปอร์ต must not favour ที่ทำการไปรษณีย์).
const weakWeight = 0.3

// lookupGroup returns the score of group g in document d, looking its
// alternatives' postings up (optional words are not accumulated: they are
// frequent, and only candidates need them).
func (pl *plan) lookupGroup(seg *segment, si int, g *group, d uint32) float32 {
	var best float32
	for _, a := range g.alts {
		id := a.info.ids[si]
		if id < 0 {
			continue
		}
		docs, tfs := seg.postings(int(id))
		if k, ok := slices.BinarySearch(docs, d); ok {
			x := seg.weighted(d, tfs[k])
			best = max(best, a.info.idf*a.w*x*(k1+1)/(k1+x))
		}
	}
	return best
}

// phraseBoost multiplies the score of a document whose title holds the
// query's words next to each other: by up to 1.5 for adjacent pairs, and
// 1.3 more when the title is exactly the query.
func (pl *plan) phraseBoost(si int, d uint32, vi int) float32 {
	if vi >= len(pl.variants) {
		return 1
	}
	va := pl.variants[vi]
	if len(va.phrase) == 0 {
		return 1
	}
	if va.segIDs == nil {
		va.segIDs = make([][][]int32, len(pl.sn.segs))
	}
	ids := va.segIDs[si]
	if ids == nil {
		ids = make([][]int32, len(va.phrase))
		for p, terms := range va.phrase {
			for _, t := range terms {
				if id := pl.term(t).ids[si]; id >= 0 {
					ids[p] = append(ids[p], id)
				}
			}
		}
		va.segIDs[si] = ids
	}
	title := pl.sn.segs[si].seg.titleTerms(d)
	at := func(i, p int) bool { return i < len(title) && slices.Contains(ids[p], int32(title[i])) }
	boost := float32(1)
	if len(ids) > 1 {
		pairs := 0
		for p := 0; p+1 < len(ids); p++ {
			for i := range title {
				if at(i, p) && at(i+1, p+1) {
					pairs++
					break
				}
			}
		}
		boost += 0.5 * float32(pairs) / float32(len(ids)-1)
	}
	exact := len(title) == len(ids)
	for i := 0; exact && i < len(title); i++ {
		exact = at(i, i)
	}
	if exact {
		boost *= 1.3
	}
	return boost
}
