package search

import (
	"math/bits"
	"slices"
)

// Boosts: the phrase and name boosts of a document, tested bit-parallel on
// the terms of its title and names.

// boost returns the phrase and name boosts of document d for rv,
// computed once per phrase class (documents with the same title and names).
func (ex *exec) boost(rv *runVariant, si int, seg *segment, d uint32) float32 {
	k := uint64(si)<<32 | uint64(seg.acc.pclass[d])
	if b, ok := rv.memo.get(k); ok {
		return b
	}
	b := rv.va.phraseBoost(rv.pl, si, d) * rv.pl.nameBoost(si, d)
	rv.memo.put(ex, k, b)
	return b
}

// boostMemo maps a segment and phrase class to its boosts: an
// open-addressing table, as a query looks up thousands of classes and
// computes a few hundred.
type boostMemo struct {
	keys []uint64 // key+1, 0 for an empty slot
	vals []float32
	n    int // keys held
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
		oldKeys, oldVals := m.keys, m.vals
		m.keys = ex.words(max(256, 2*len(oldKeys)))
		m.vals = ex.floats(len(m.keys))
		m.n = 0
		for i, x := range oldKeys {
			if x != 0 {
				m.put(ex, x-1, oldVals[i])
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
