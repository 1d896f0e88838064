package search

import (
	"math/bits"
	"slices"
)

// Query acceleration structures, derived from a segment when it is sealed.
//
// Documents are cut into blocks of blockSize local ids. For every term with
// enough postings the segment keeps, per block it occurs in, where its
// postings of the block start, their highest BM25F pseudo-frequency and
// whether the term is in a title or common name there: an upper bound of
// what the term adds to the score of any document of the block (block-max
// pruning, see bound.go). Builds sort documents by kind and title, so the
// documents of one process cluster in a few blocks and the bounds are tight.
//
// Frequent terms also get a bitset of their documents, and facet values an
// inverted list (and, when frequent, the non-zero words of their bitset),
// so that the set of matching documents, its size and its facet counts are
// computed exactly with word operations instead of scoring every match.

const (
	blockShift = 7
	blockSize  = 1 << blockShift
	// blockMinDF is the document frequency from which a term has block
	// entries; rarer terms are bounded from their postings on the fly.
	blockMinDF = 2 * blockSize
	// Terms and facet values held by at least one document in denseDiv get
	// a bitset.
	denseDiv = 32
	// wordsMinDF is the document frequency from which a term keeps the
	// non-zero words of its bitset (see accel.wOff).
	wordsMinDF = 128
)

const (
	flagTitle = 1 << iota // a document of the block has the term in its title or names
	flagAlt               // … in its names (Alt, TitleEN)
)

type accel struct {
	nblk int
	// Block entries of term t: bOff[t] to bOff[t+1].
	bOff  []uint32
	bID   []uint32  // block number
	bPos  []uint32  // index in pdocs of the block's first posting
	bMax  []float32 // highest weighted frequency in the block
	bFlag []uint8

	blkPrior []float32 // highest prior per block
	// Shortest and longest title and name per block, in phrase terms (at
	// most 255): an exact title or name match needs the query's length.
	titleMin, titleMax, altMin, altMax []uint8

	// pclass numbers the distinct (title, names) term sequences: documents
	// of one class have the same phrase boosts.
	pclass []uint32
	// One document of each class of each block (clsDoc[clsOff[b]:
	// clsOff[b+1]]): a block's bound takes its classes' exact phrase and
	// name boosts. Copies of one template (thousands of local governments)
	// then get a bound equal to their score, and pruning works among them.
	clsOff, clsDoc []uint32

	denseOf []int32  // term → index of its bitset in dense, or -1
	dense   []uint64 // bitsets, words() words each
	// denseSum summarises each bitset of dense: bit w is set when word w
	// is not zero (sumWords() words each). Matching visits only the words
	// that enough of a query's words have (see exec.matchMost).
	denseSum []uint64
	// Terms rarer than that but held by wordsMinDF documents or more keep
	// the non-zero words of their bitset, wIdx[wOff[t]:wOff[t+1]] with
	// wBits: documents cluster, so a word holds several of a term's.
	wOff  []uint32
	wIdx  []uint32
	wBits []uint64

	// Facet values: fPair[i] is a pair id, its documents fDocs[fOff[i]:
	// fOff[i+1]], and fDense[i] the index of its bitset in fBits or -1.
	fPair  []uint32
	fOff   []uint32
	fDocs  []uint32
	fDense []int32
	// The bitset of dense value k, its non-zero words only (documents are
	// clustered, so most words of most values are zero): words fwBits[j]
	// at fwIdx[j] for j in fwOff[k]..fwOff[k+1].
	fwOff    []uint32
	fwIdx    []uint32
	fwBits   []uint64
	nDense   int     // facet values with a bitset
	pairsPer float32 // facet pairs per document
	// The facet counts of the documents of each bitset word (64
	// documents), (hPair, hCnt) from hOff[w] to hOff[w+1]: a word whose
	// documents mostly match adds its counts at once (see
	// exec.countFacetsByWord).
	hOff  []uint32
	hPair []uint32
	hCnt  []uint8
	// The pairs of each document whose value has no bitset: sp[spOff[d]:
	// spOff[d+1]].
	sp    []uint32
	spOff []uint32
}

// words is the length of a bitset of the segment's documents.
func (s *segment) words() int { return (len(s.docs) + 63) / 64 }

// sumWords is the length of a summary of such a bitset: a bit per word.
func (s *segment) sumWords() int { return (s.words() + 63) / 64 }

func buildAccel(s *segment) accel {
	n := len(s.docs)
	nw := s.words()
	a := accel{nblk: (n + blockSize - 1) / blockSize}
	a.blkPrior = make([]float32, a.nblk)
	for d, p := range s.prior {
		b := d >> blockShift
		a.blkPrior[b] = max(a.blkPrior[b], p)
	}
	a.titleMin, a.titleMax = make([]uint8, a.nblk), make([]uint8, a.nblk)
	a.altMin, a.altMax = make([]uint8, a.nblk), make([]uint8, a.nblk)
	for b := range a.nblk {
		a.titleMin[b], a.altMin[b] = 255, 255
	}
	for d := range n {
		b := d >> blockShift
		l := uint8(min(255, len(s.titleTerms(uint32(d)))))
		a.titleMin[b], a.titleMax[b] = min(a.titleMin[b], l), max(a.titleMax[b], l)
		alts := s.altTerms(uint32(d))
		for len(alts) > 0 {
			end := slices.Index(alts, noTerm)
			if end < 0 {
				end = len(alts)
			}
			l := uint8(min(255, end))
			a.altMin[b], a.altMax[b] = min(a.altMin[b], l), max(a.altMax[b], l)
			alts = alts[min(end+1, len(alts)):]
		}
	}
	a.bOff = make([]uint32, len(s.terms)+1)
	a.denseOf = make([]int32, len(s.terms))
	denseDF := max(n/denseDiv, 64)
	nentries, ndense := 0, 0
	for t := range s.terms {
		df := s.df(t)
		if df >= blockMinDF {
			docs, _ := s.postings(t)
			last := ^uint32(0)
			for _, d := range docs {
				if b := d >> blockShift; b != last {
					nentries++
					last = b
				}
			}
		}
		if df >= denseDF {
			ndense++
		}
	}
	a.bID = make([]uint32, 0, nentries)
	a.bPos = make([]uint32, 0, nentries)
	a.bMax = make([]float32, 0, nentries)
	a.bFlag = make([]uint8, 0, nentries)
	a.dense = make([]uint64, ndense*nw)
	ns := s.sumWords()
	a.denseSum = make([]uint64, ndense*ns)
	k := int32(0)
	for t := range s.terms {
		df := s.df(t)
		a.denseOf[t] = -1
		docs, tfs := s.postings(t)
		if df >= blockMinDF {
			last := ^uint32(0)
			for i, d := range docs {
				if b := d >> blockShift; b != last {
					a.bID = append(a.bID, b)
					a.bPos = append(a.bPos, s.off[t]+uint32(i))
					a.bMax = append(a.bMax, 0)
					a.bFlag = append(a.bFlag, 0)
					last = b
				}
				e := len(a.bMax) - 1
				a.bMax[e] = max(a.bMax[e], s.weighted(d, tfs[i]))
				a.bFlag[e] |= flagOf(tfs[i])
			}
		}
		a.bOff[t+1] = uint32(len(a.bID))
		if df >= denseDF {
			a.denseOf[t] = k
			bs := a.dense[int(k)*nw : int(k+1)*nw]
			sum := a.denseSum[int(k)*ns : int(k+1)*ns]
			for _, d := range docs {
				bs[d>>6] |= 1 << (d & 63)
				sum[d>>12] |= 1 << (d >> 6 & 63)
			}
			k++
		}
	}
	a.wOff = make([]uint32, len(s.terms)+1)
	for t := range s.terms {
		if df := s.df(t); df >= wordsMinDF && df < denseDF {
			docs, _ := s.postings(t)
			w, x := docs[0]>>6, uint64(0)
			for _, d := range docs {
				if d>>6 != w {
					a.wIdx, a.wBits = append(a.wIdx, w), append(a.wBits, x)
					w, x = d>>6, 0
				}
				x |= 1 << (d & 63)
			}
			a.wIdx, a.wBits = append(a.wIdx, w), append(a.wBits, x)
		}
		a.wOff[t+1] = uint32(len(a.wIdx))
	}
	a.buildFacets(s)
	a.buildHistograms(s)
	a.pclass = make([]uint32, n)
	classes := make(map[string]uint32)
	var buf []byte
	for d := range s.docs {
		buf = buf[:0]
		for _, t := range s.titleTerms(uint32(d)) {
			buf = append(buf, byte(t), byte(t>>8), byte(t>>16), byte(t>>24))
		}
		buf = append(buf, 0xff, 0xff, 0xff, 0xff)
		for _, t := range s.altTerms(uint32(d)) {
			buf = append(buf, byte(t), byte(t>>8), byte(t>>16), byte(t>>24))
		}
		c, ok := classes[string(buf)]
		if !ok {
			c = uint32(len(classes))
			classes[string(buf)] = c
		}
		a.pclass[d] = c
	}
	a.clsOff = make([]uint32, 1, a.nblk+1)
	for b := range a.nblk {
		start := len(a.clsDoc)
		for d := b << blockShift; d < min(n, (b+1)<<blockShift); d++ {
			c := a.pclass[d]
			if slices.ContainsFunc(a.clsDoc[start:], func(x uint32) bool { return a.pclass[x] == c }) {
				continue
			}
			if len(a.clsDoc)-start == maxBlockClasses {
				a.clsDoc = a.clsDoc[:start] // too many: none listed
				break
			}
			a.clsDoc = append(a.clsDoc, uint32(d))
		}
		a.clsOff = append(a.clsOff, uint32(len(a.clsDoc)))
	}
	return a
}

// maxBlockClasses is the most phrase classes listed for a block.
const maxBlockClasses = 8

// blockClasses returns one document of each phrase class of block b, or
// nil when the block has more than maxBlockClasses.
func (a *accel) blockClasses(b int) []uint32 { return a.clsDoc[a.clsOff[b]:a.clsOff[b+1]] }

func flagOf(t tf) uint8 {
	var f uint8
	if t&(7|7<<3) != 0 {
		f |= flagTitle
	}
	if t&(7<<3) != 0 {
		f |= flagAlt
	}
	return f
}

// buildFacets inverts the facet pairs of the documents.
func (a *accel) buildHistograms(s *segment) {
	n := len(s.docs)
	nw := s.words()
	a.hOff = make([]uint32, 1, nw+1)
	count := make(map[uint32]uint8)
	var pairs []uint32
	for w := range nw {
		clear(count)
		for d := w << 6; d < min(n, (w+1)<<6); d++ {
			for _, p := range s.facetPairs(uint32(d)) {
				count[p]++
			}
		}
		pairs = pairs[:0]
		for p := range count {
			pairs = append(pairs, p)
		}
		slices.Sort(pairs)
		for _, p := range pairs {
			a.hPair = append(a.hPair, p)
			a.hCnt = append(a.hCnt, count[p])
		}
		a.hOff = append(a.hOff, uint32(len(a.hPair)))
	}
	a.hPair, a.hCnt = slices.Clip(a.hPair), slices.Clip(a.hCnt)
}

func (a *accel) buildFacets(s *segment) {
	n := len(s.docs)
	nw := s.words()
	count := make(map[uint32]int)
	for _, p := range s.facets {
		count[p]++
	}
	a.fPair = make([]uint32, 0, len(count))
	for p := range count {
		a.fPair = append(a.fPair, p)
	}
	slices.Sort(a.fPair)
	index := make(map[uint32]int, len(a.fPair))
	a.fOff = make([]uint32, len(a.fPair)+1)
	a.fDense = make([]int32, len(a.fPair))
	denseN := max(n/denseDiv, 64)
	nd := 0
	for i, p := range a.fPair {
		index[p] = i
		a.fOff[i+1] = a.fOff[i] + uint32(count[p])
		a.fDense[i] = -1
		if count[p] >= denseN {
			a.fDense[i] = int32(nd)
			nd++
		}
	}
	a.fDocs = make([]uint32, len(s.facets))
	fBits := make([]uint64, nd*nw)
	fill := make([]uint32, len(a.fPair))
	copy(fill, a.fOff)
	for d := range s.docs {
		for _, p := range s.facetPairs(uint32(d)) {
			i := index[p]
			a.fDocs[fill[i]] = uint32(d)
			fill[i]++
			if k := a.fDense[i]; k >= 0 {
				fBits[int(k)*nw+d>>6] |= 1 << (d & 63)
			}
		}
	}
	a.nDense = nd
	a.fwOff = make([]uint32, nd+1)
	for k := range nd {
		for j, w := range fBits[k*nw : (k+1)*nw] {
			if w != 0 {
				a.fwIdx = append(a.fwIdx, uint32(j))
				a.fwBits = append(a.fwBits, w)
			}
		}
		a.fwOff[k+1] = uint32(len(a.fwIdx))
	}
	if n > 0 {
		a.pairsPer = float32(len(s.facets)) / float32(n)
	}
	a.spOff = make([]uint32, n+1)
	for d := range s.docs {
		for _, p := range s.facetPairs(uint32(d)) {
			if a.fDense[index[p]] < 0 {
				a.sp = append(a.sp, p)
			}
		}
		a.spOff[d+1] = uint32(len(a.sp))
	}
}

// blockEntry returns the index of term t's entry for block b, or -1.
func (a *accel) blockEntry(t int, b uint32) int {
	lo, hi := int(a.bOff[t]), int(a.bOff[t+1])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if a.bID[m] < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(a.bOff[t+1]) && a.bID[lo] == b {
		return lo
	}
	return -1
}

// blockPostings returns the range of term t's postings in block b.
func (s *segment) blockPostings(t int, b uint32) (lo, hi int) {
	a := &s.acc
	if a.bOff[t] == a.bOff[t+1] {
		// No block entries: search the postings.
		docs, _ := s.postings(t)
		start := b << blockShift
		end := start + blockSize
		l := searchU32(docs, start)
		h := l + searchU32(docs[l:], end)
		return int(s.off[t]) + l, int(s.off[t]) + h
	}
	e := a.blockEntry(t, b)
	if e < 0 {
		return 0, 0
	}
	lo = int(a.bPos[e])
	if e+1 < int(a.bOff[t+1]) {
		return lo, int(a.bPos[e+1])
	}
	return lo, int(s.off[t+1])
}

// searchU32 returns the first index of s holding a value >= v.
func searchU32(s []uint32, v uint32) int {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// denseBits returns the bitset of term t's documents when it has one (a
// frequent term), else nil. It must not be changed.
func (s *segment) denseBits(t int) bitset {
	if k := s.acc.denseOf[t]; k >= 0 {
		nw := s.words()
		return s.acc.dense[int(k)*nw : int(k+1)*nw : int(k+1)*nw]
	}
	return nil
}

// denseSum returns the summary of term t's bitset, or nil.
func (s *segment) denseSum(t int) []uint64 {
	if k := s.acc.denseOf[t]; k >= 0 {
		ns := s.sumWords()
		return s.acc.denseSum[int(k)*ns : int(k+1)*ns : int(k+1)*ns]
	}
	return nil
}

// termWords ORs the documents of term t, one without a bitset, into bs
// and its summary into sum.
func (s *segment) termWords(t int, bs bitset, sum []uint64) {
	a := &s.acc
	if lo, hi := a.wOff[t], a.wOff[t+1]; lo < hi {
		for k := lo; k < hi; k++ {
			w := a.wIdx[k]
			bs[w] |= a.wBits[k]
			sum[w>>6] |= 1 << (w & 63)
		}
		return
	}
	docs, _ := s.postings(t)
	for _, d := range docs {
		bs[d>>6] |= 1 << (d & 63)
		sum[d>>12] |= 1 << (d >> 6 & 63)
	}
}

// facetBits ORs the documents with facet value i (an index in fPair) into bs.
func (s *segment) facetBits(i int, bs bitset) {
	a := &s.acc
	if k := a.fDense[i]; k >= 0 {
		lo, hi := a.fwOff[k], a.fwOff[k+1]
		for j, w := range a.fwBits[lo:hi] {
			bs[a.fwIdx[lo+uint32(j)]] |= w
		}
		return
	}
	for _, d := range a.fDocs[a.fOff[i]:a.fOff[i+1]] {
		bs[d>>6] |= 1 << (d & 63)
	}
}

// facetCount returns how many documents of set have facet value i.
func (s *segment) facetCount(i int, set bitset) int {
	a := &s.acc
	if k := a.fDense[i]; k >= 0 {
		lo, hi := a.fwOff[k], a.fwOff[k+1]
		idx := a.fwIdx[lo:hi]
		n := 0
		for j, w := range a.fwBits[lo:hi] {
			n += bits.OnesCount64(w & set[idx[j]])
		}
		return n
	}
	n := 0
	for _, d := range a.fDocs[a.fOff[i]:a.fOff[i+1]] {
		n += int(set[d>>6] >> (d & 63) & 1)
	}
	return n
}
