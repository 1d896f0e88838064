package search

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// segment is an immutable part of the index: the postings of its terms and
// the stored fields of its documents, which are numbered 0..n-1 (local ids).
type segment struct {
	terms []string         // sorted
	ids   map[string]int32 // term → id, for lookup
	off   []uint32         // postings of terms[t]: pdocs[off[t]:off[t+1]]
	pdocs []uint32         // local doc ids, ascending per term
	ptfs  []tf
	grams gramIndex // character trigrams of terms, for typo correction

	docs     []stored
	lens     []uint16  // field lengths in words: lens[doc*nFields+f]
	norms    []float32 // BM25F field factors: norms[doc*nFields+f]
	prior    []float32 // static prior multiplier, from Doc.Boost
	title    []uint32  // title as term ids, compounds cut in parts (for phrase boosts)
	titleOff []uint32
	facets   []uint32 // facet pair ids per document
	facetOff []uint32
	alts     []uint32 // Alt names as term ids like title, separated by noTerm
	altsOff  []uint32
	sums     [nFields]float64 // sums of lens by field

	acc accel // derived at seal: block maxima, bitsets, facet index
	// tie is each document's reference as a number ordered as refs are
	// (see tieKey), or slowTie: ties of scores are ranked by it.
	tie []uint64
	grp segGroups // copies of one process (see group.go)
}

// Kinds in the order of their names: a reference's tie key starts with
// its kind's place here.
var kindOrder = []Kind{KindAgency, KindManual, KindPoint, KindService}

// slowTie is the tie key of a reference that has none: compare the
// references themselves.
const slowTie = ^uint64(0)

// tieKey returns a number ordered as references are (by kind, then id).
func tieKey(r DocRef) uint64 {
	k := slices.Index(kindOrder, r.Kind)
	if k < 0 || r.ID < 0 || r.ID >= 1<<56 {
		return slowTie
	}
	return uint64(k)<<56 | uint64(r.ID)
}

// compareRefs orders documents a of sa and b of sb by reference.
func compareRefs(sa *segment, a uint32, sb *segment, b uint32) int {
	if ka, kb := sa.tie[a], sb.tie[b]; ka != slowTie && kb != slowTie {
		return cmp.Compare(ka, kb)
	}
	ra, rb := sa.docs[a].ref, sb.docs[b].ref
	if ra.Kind != rb.Kind {
		return cmp.Compare(ra.Kind, rb.Kind)
	}
	return cmp.Compare(ra.ID, rb.ID)
}

// stored holds what a hit shows.
type stored struct {
	ref                                 DocRef
	title, titleEN, agency, place, body string
	alt                                 []string
	clean                               uint8  // cleanTitle, cleanBody: the text is in normal form
	group                               uint32 // the group of its copies (see group.go), or noGroup
	// The words of the title and body (clean ones only), shared by the
	// documents with the same text: hits are marked without segmenting.
	titleToks, bodyToks *tokens
}

const (
	cleanTitle = 1 << iota
	cleanBody
)

func (s *segment) len() int { return len(s.docs) }

// lookup returns the id of term in s.
func (s *segment) lookup(term string) (int, bool) {
	if s.ids != nil {
		i, ok := s.ids[term]
		return int(i), ok
	}
	return slices.BinarySearch(s.terms, term)
}

// prefixRange returns the ids of the terms starting with p.
func (s *segment) prefixRange(p string) (lo, hi int) {
	lo = sort.SearchStrings(s.terms, p)
	hi = lo
	for hi < len(s.terms) && strings.HasPrefix(s.terms[hi], p) {
		hi++
	}
	return lo, hi
}

func (s *segment) df(t int) int { return int(s.off[t+1] - s.off[t]) }

func (s *segment) postings(t int) ([]uint32, []tf) {
	a, b := s.off[t], s.off[t+1]
	return s.pdocs[a:b], s.ptfs[a:b]
}

func (s *segment) titleTerms(d uint32) []uint32 { return s.title[s.titleOff[d]:s.titleOff[d+1]] }
func (s *segment) facetPairs(d uint32) []uint32 { return s.facets[s.facetOff[d]:s.facetOff[d+1]] }
func (s *segment) altTerms(d uint32) []uint32   { return s.alts[s.altsOff[d]:s.altsOff[d+1]] }

// weighted returns the BM25F pseudo-frequency of a term in document d.
func (s *segment) weighted(d uint32, t tf) float32 {
	n := s.norms[int(d)*nFields : int(d)*nFields+nFields : int(d)*nFields+nFields]
	return float32(t&7)*n[fTitle] + float32(t>>3&7)*n[fAlt] + float32(t>>6&3)*n[fAgency] +
		float32(t>>8&3)*n[fPlace] + float32(t>>10&63)*n[fBody]
}

// computeNorms fills s.norms from s.lens and the average field lengths.
func (s *segment) computeNorms(avg [nFields]float32) {
	s.norms = make([]float32, len(s.lens))
	for i, l := range s.lens {
		f := i % nFields
		a := avg[f]
		if a <= 0 {
			a = 1
		}
		s.norms[i] = fieldWeights[f] / (1 - fieldB[f] + fieldB[f]*normLen(l)/a)
	}
}

// normLen is the length a norm is computed from: the field length kept to
// four significant bits (as Lucene keeps norms in a byte), so lengths
// within 6–12% of each other share a norm. The copies of one template that
// differ by an agency name in their body then score exactly alike, their
// blocks' bounds equal their scores, and pruning skips the copies that
// cannot make the page (see exec.top).
func normLen(l uint16) float32 {
	if l < 16 {
		return float32(l)
	}
	shift := bits.Len16(l) - 4
	return float32(l >> shift << shift)
}

// lenSums returns the sums of the field lengths of s.
func (s *segment) lenSums() [nFields]float64 { return s.sums }

// seal computes what is derived from the documents and terms of s: length
// sums, norms (with avg, or this segment's averages if nil) and trigrams.
func (s *segment) seal(avg *[nFields]float32) {
	s.sumLens()
	if avg == nil {
		a := averages(s.sums, len(s.docs))
		avg = &a
	}
	s.computeNorms(*avg)
	s.grams = buildGrams(s.terms)
	s.ids = make(map[string]int32, len(s.terms))
	for i, t := range s.terms {
		s.ids[t] = int32(i)
	}
	s.tie = make([]uint64, len(s.docs))
	for d := range s.docs {
		s.tie[d] = tieKey(s.docs[d].ref)
	}
	s.acc = buildAccel(s)
	s.grp = buildGroups(s)
}

func (s *segment) sumLens() {
	clear(s.sums[:])
	for i, l := range s.lens {
		s.sums[i%nFields] += float64(l)
	}
}

// priorOf turns Doc.Boost into a score multiplier: 1 for no boost, slowly
// rising (1.2 at 1,000 views, 1.4 at a million) and capped at 1.5.
// kindPrior is the static prior of each kind of document: a citizen's
// words name a service far more often than a place to go, so where a
// manual and a service point both match (กองช่าง เทศบาลนคร…
// (ขออนุญาตก่อสร้าง) against the manual of building permits), the manual
// ranks first; a point or agency that matches the words well still ranks
// above a manual that matches them poorly.
func kindPrior(k Kind) float32 {
	switch k {
	case KindPoint:
		return 0.6
	case KindAgency:
		return 0.85
	}
	return 1
}

func priorOf(boost float64) float32 {
	if !(boost > 0) {
		return 1
	}
	return float32(math.Min(1.5, 1+0.03*math.Log1p(boost)))
}
