package search

import (
	"math"
	"math/bits"
	"slices"
)

// Matching: the documents each run matches, as bitsets per segment, and
// the number of them that pass the filters.

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

// runVariant is a variant of a plan as a run (the plan in a match mode)
// matches and scores it.
type runVariant struct {
	pl                       *plan
	va                       *variant  // nil: every document, scored by its prior (browsing)
	groupIDs                 []int32   // in exec.groups: the required words, then the optional (weak) ones
	required                 int       // how many of groupIDs are required
	needed                   int       // how many required ones a document must match (matchMode.minMatch)
	variantWeight, runWeight float32   // weights of the variant and of the run
	maxPhraseBoost           float32   // highest phraseBoost
	maxNameBoost             float32   // highest nameBoost, 1 if none
	memo                     boostMemo // boosts by segment and phrase class
}

// wordGroup is a word group as the runs of an exec share it. The variants
// rewritten from one query repeat most of its words (a learnt synonym is a
// whole process name around the same words), so each distinct group's
// documents, bounds and per-block scores are computed once and shared.
type wordGroup struct {
	alts         []weightedAlt
	df           int          // sum of the alternatives' document frequencies
	docs         []groupDocs  // its documents per segment, once computed; read-only
	merged       []bitset     // … as one bitset, once asked for; read-only
	oneSegDocs   [1]groupDocs // docs and merged with one segment, without allocating
	oneSegMerged [1]bitset
}

// groupDocs is the set of documents of a group in one segment, kept as its
// alternatives' own bitsets (dense) and one for the others, from their
// postings, with a summary.
type groupDocs struct {
	computed     bool
	dense        []bitset // the bitsets of the alternatives that have one
	fromPostings bitset   // the documents of the others, or nil; lent by sparseWords
	sum          []uint64 // bit w: word w of the set may be non-zero
}

// word returns word w of the set.
func (s *groupDocs) word(w int32) uint64 {
	x := uint64(0)
	if s.fromPostings != nil {
		x = s.fromPostings[w]
	}
	for _, d := range s.dense {
		x |= d[w]
	}
	return x
}

// weightedAlt is an alternative of a word group with the weight of its
// matches in the score.
type weightedAlt struct {
	info      *termInfo
	idfWeight float32 // idf × weight of the alternative
}

// internGroup returns the index in ex.groups of the group with
// alternatives alts, adding it on first sight.
func (ex *exec) internGroup(alts []alt) int32 {
	key := ex.keyBuf[:0]
	for _, a := range alts {
		key = append(key, a.info.term...)
		key = append(key, 0, byte(math.Float32bits(a.w)>>24), byte(math.Float32bits(a.w)>>16), 0)
	}
	ex.keyBuf = key
	if id, ok := ex.groupByKey[string(key)]; ok {
		return id
	}
	g := &wordGroup{alts: make([]weightedAlt, len(alts))}
	if n := len(ex.sn.segs); n == 1 {
		g.docs, g.merged = g.oneSegDocs[:], g.oneSegMerged[:] // one segment, the usual case
	} else {
		g.docs, g.merged = make([]groupDocs, n), make([]bitset, n)
	}
	for i, a := range alts {
		g.alts[i] = weightedAlt{a.info, a.info.idf * a.w}
		g.df += a.info.df
	}
	id := int32(len(ex.groups))
	ex.groups = append(ex.groups, g)
	if ex.groupByKey == nil {
		ex.groupByKey = make(map[string]int32)
	}
	ex.groupByKey[string(key)] = id
	return id
}

// newRunVariant interns the word groups of variant va of plan pl for a run
// in mode with weight.
func (ex *exec) newRunVariant(pl *plan, va *variant, mode matchMode, weight float32) *runVariant {
	rv := &runVariant{pl: pl, va: va, variantWeight: va.weight, runWeight: weight, maxPhraseBoost: 1, maxNameBoost: 1}
	// A word repeated in a variant (a synonym that restates the words
	// around it) counts once; it is required if any copy is.
	var ids []int32
	var weak []bool
	for _, g := range va.groups {
		id := ex.internGroup(g.alts)
		if i := slices.Index(ids, id); i >= 0 {
			weak[i] = weak[i] && g.weak
			continue
		}
		ids = append(ids, id)
		weak = append(weak, g.weak)
	}
	var req, opt []int32
	for i, id := range ids {
		if weak[i] {
			opt = append(opt, id)
		} else {
			req = append(req, id)
		}
	}
	if len(req) == 0 {
		req, opt = opt, nil
	}
	rv.groupIDs = append(req, opt...)
	rv.required = len(req)
	rv.needed = mode.minMatch(len(req))
	if len(va.phrase) > 0 {
		rv.maxPhraseBoost = 1.3
		if len(va.phrase) > 1 {
			rv.maxPhraseBoost *= 1.5
		}
	}
	if len(pl.variants) > 0 && len(pl.variants[0].phrase) > 0 {
		rv.maxNameBoost = nameExact
		if len(pl.variants[0].phrase) > 1 {
			rv.maxNameBoost *= nameHolds
		}
	}
	return rv
}

// add matches a run of plan pl and returns the number of documents it
// matches that pass the filters.
func (ex *exec) add(pl *plan, mode matchMode, weight float32) int {
	variants := pl.variants
	if mode == matchAny && len(variants) > 1 {
		variants = variants[:1]
	}
	start := len(ex.variants)
	for _, va := range variants {
		ex.variants = append(ex.variants, ex.newRunVariant(pl, va, mode, weight))
	}
	n := 0
	for si := range ex.sn.segs {
		v := &ex.sn.segs[si]
		se := &ex.segs[si]
		nWords := v.seg.words()
		runSum := ex.words(v.seg.sumWords())
		runMatch := ex.sparseWords(nWords, runSum)
		for _, rv := range ex.variants[start:] {
			ex.matchVariant(rv, si, v.seg, runMatch, runSum)
		}
		or(se.matchSum, runSum)
		if !sparse(runSum, nWords) {
			andNot(runMatch, v.del)
			n += countAnd(runMatch, se.pass)
			or(se.match, runMatch)
			continue
		}
		for w := range marked(runSum) {
			if w < len(v.del) {
				runMatch[w] &^= v.del[w]
			}
			if se.pass != nil {
				n += bits.OnesCount64(runMatch[w] & se.pass[w])
			} else {
				n += bits.OnesCount64(runMatch[w])
			}
			se.match[w] |= runMatch[w]
		}
	}
	return n
}

// addAll matches every live document, scored by its prior (browsing).
func (ex *exec) addAll() {
	ex.variants = append(ex.variants, &runVariant{variantWeight: 1, runWeight: 1, maxPhraseBoost: 1, maxNameBoost: 1})
	for si := range ex.sn.segs {
		v := &ex.sn.segs[si]
		fill(ex.segs[si].match, v.seg.len())
		fill(ex.segs[si].matchSum, v.seg.words())
		andNot(ex.segs[si].match, v.del)
	}
}

// count returns the number of documents matched so far that pass the
// filters.
func (ex *exec) count() int {
	n := 0
	for si := range ex.segs {
		n += countAnd(ex.segs[si].match, ex.segs[si].pass)
	}
	return n
}

// groupSet returns the documents of segment si holding an alternative of
// group id. The set is shared: callers must not change it.
func (ex *exec) groupSet(id int32, si int, seg *segment) *groupDocs {
	g := ex.groups[id]
	s := &g.docs[si]
	if s.computed {
		return s
	}
	s.computed = true
	s.sum = ex.words(seg.sumWords())
	for _, a := range g.alts {
		t := a.info.ids[si]
		if t < 0 {
			continue
		}
		if b := seg.denseBits(int(t)); b != nil {
			s.dense = append(s.dense, b)
			or(s.sum, seg.denseSum(int(t)))
			continue
		}
		if s.fromPostings == nil {
			s.fromPostings = ex.sparseWords(seg.words(), s.sum)
		}
		seg.termWords(int(t), s.fromPostings, s.sum)
	}
	return s
}

// groupBits returns the documents of segment si holding an alternative of
// group id as one bitset. The set is shared: callers must not change it.
func (ex *exec) groupBits(id int32, si int, seg *segment) bitset {
	g := ex.groups[id]
	if b := g.merged[si]; b != nil {
		return b
	}
	s := ex.groupSet(id, si, seg)
	var b bitset
	switch {
	case s.fromPostings == nil && len(s.dense) == 1:
		b = s.dense[0] // the term's own bitset, shared
	case len(s.dense) == 0 && s.fromPostings != nil:
		b = s.fromPostings
	default:
		b = ex.words(seg.words())
		if s.fromPostings != nil {
			copy(b, s.fromPostings)
		}
		for _, d := range s.dense {
			or(b, d)
		}
	}
	g.merged[si] = b
	return b
}

// matchVariant ORs the documents of segment si that match rv into out,
// and the summary of the words it sets into outSum.
func (ex *exec) matchVariant(rv *runVariant, si int, seg *segment, out bitset, outSum []uint64) {
	if rv.required == 0 {
		return
	}
	req := rv.groupIDs[:rv.required]
	switch {
	case rv.needed == 1 && len(req) > 1:
		for _, id := range req {
			ex.orGroup(id, si, seg, out, outSum)
		}
	case len(req) == 1:
		ex.orGroup(req[0], si, seg, out, outSum)
	default:
		ex.matchMost(req, len(req)-rv.needed, si, seg, out, outSum)
	}
}

// orGroup ORs the documents of group id into out, and its summary into
// outSum.
func (ex *exec) orGroup(id int32, si int, seg *segment, out bitset, outSum []uint64) {
	docs := ex.groupSet(id, si, seg)
	or(outSum, docs.sum)
	if !sparse(docs.sum, len(out)) {
		or(out, ex.groupBits(id, si, seg))
		return
	}
	for w := range marked(docs.sum) {
		out[w] |= docs.word(int32(w))
	}
}

// matchMost ORs into out the documents of segment si that hold all the
// groups req but at most miss of them.
//
// Counting is done twice with the same scheme: first over the groups'
// summaries (a bit per word of 64 documents), which finds the words where
// enough groups have documents, then over those words only. Long variants
// (learnt synonyms are whole process names) and groups of many
// alternatives (the completions of a word being typed) never cost a pass
// over every word of the segment.
func (ex *exec) matchMost(req []int32, miss int, si int, seg *segment, out bitset, outSum []uint64) {
	order := slices.Clone(req)
	slices.SortFunc(order, func(a, b int32) int { return ex.groups[a].df - ex.groups[b].df })
	groupSets := make([]*groupDocs, len(order))
	for i, id := range order {
		groupSets[i] = ex.groupSet(id, si, seg)
	}
	levels := miss + 1
	// tally[i*levels+j]: the words (bits of summary word i) missing
	// exactly j groups so far.
	nSum := seg.sumWords()
	tally := ex.words(levels * nSum)
	for i := range nSum {
		tally[i*levels] = ^uint64(0)
	}
	for _, s := range groupSets {
		for i, sumWord := range s.sum {
			tallyGroup(tally[i*levels:i*levels+levels], sumWord)
		}
	}
	wordIdx := make([]int32, 0, 256)
	for i := range nSum {
		m := uint64(0)
		for _, x := range tally[i*levels : i*levels+levels] {
			m |= x
		}
		for ; m != 0; m &= m - 1 {
			wordIdx = append(wordIdx, int32(i<<6+bits.TrailingZeros64(m)))
		}
	}
	if len(wordIdx) == 0 {
		return
	}
	// The same over the documents of those words. Words left with no
	// document are dropped as they appear.
	tally = ex.words(levels * len(wordIdx))
	for i := range wordIdx {
		tally[i*levels] = ^uint64(0)
	}
	for gi, s := range groupSets {
		dead := 0
		for i, w := range wordIdx {
			wordTally := tally[i*levels : i*levels+levels]
			if tallyGroup(wordTally, s.word(w)) == 0 {
				dead++
			}
		}
		if dead*4 >= len(wordIdx) && gi < len(groupSets)-1 {
			k := 0
			for i, w := range wordIdx {
				wordTally := tally[i*levels : i*levels+levels]
				live := uint64(0)
				for _, x := range wordTally {
					live |= x
				}
				if live != 0 {
					wordIdx[k] = w
					copy(tally[k*levels:k*levels+levels], wordTally)
					k++
				}
			}
			if wordIdx = wordIdx[:k]; k == 0 {
				return
			}
		}
	}
	for i, w := range wordIdx {
		m := uint64(0)
		for _, x := range tally[i*levels : i*levels+levels] {
			m |= x
		}
		if m != 0 {
			out[w] |= m
			outSum[w>>6] |= 1 << (w & 63)
		}
	}
}

// tallyGroup moves the bits of wordTally (wordTally[j]: missing exactly j
// groups so far) for one more group holding the bits of groupWord, and
// returns the bits still live (missing no more than allowed).
func tallyGroup(wordTally []uint64, groupWord uint64) uint64 {
	for j := len(wordTally) - 1; j >= 1; j-- {
		wordTally[j] = wordTally[j]&groupWord | wordTally[j-1]&^groupWord
	}
	wordTally[0] &= groupWord
	live := uint64(0)
	for _, x := range wordTally {
		live |= x
	}
	return live
}

// finish computes, per segment, the matching documents that pass the
// filters; call it after the last add.
func (ex *exec) finish() {
	for si := range ex.segs {
		se := &ex.segs[si]
		se.result = se.match
		if se.pass != nil {
			se.result = ex.words(len(se.match))
			copy(se.result, se.match)
			and(se.result, se.pass)
		}
	}
}

// total returns the number of matching documents that pass the filters.
func (ex *exec) total() int {
	n := 0
	for si := range ex.segs {
		se := &ex.segs[si]
		for w := range marked(se.matchSum) {
			n += bits.OnesCount64(se.result[w])
		}
	}
	return n
}
