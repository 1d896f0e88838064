package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// builder indexes documents into a new segment.
type builder struct {
	a       *analyzer
	ft      *facetTable
	gt      *groupTable
	maxBody int

	post   [][]posting // by analyzer term id
	docs   []stored
	lens   []uint16
	prior  []float32
	title  []uint32 // analyzer term ids until finish
	tOff   []uint32
	alts   []uint32 // likewise
	aOff   []uint32
	facets []uint32
	fOff   []uint32

	cur    map[uint32]tf
	intern map[string]string
	toks   map[string]*tokens // by interned text

	lastGroup struct { // see groupOfDoc
		kind  Kind
		title string
		id    uint32
		ok    bool
	}
}

type posting struct {
	doc uint32
	tf  tf
}

func newBuilder(d *thai.Dict, ft *facetTable, gt *groupTable, maxBody int) *builder {
	return &builder{
		a: newAnalyzer(d), ft: ft, gt: gt, maxBody: maxBody,
		tOff: []uint32{0}, fOff: []uint32{0}, aOff: []uint32{0},
		cur: make(map[uint32]tf), intern: make(map[string]string), toks: make(map[string]*tokens),
	}
}

// str returns s shared with earlier equal strings: names, titles and
// template bodies repeat across thousands of documents.
func (b *builder) str(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := b.intern[s]; ok {
		return t
	}
	s = strings.Clone(s)
	b.intern[s] = s
	return s
}

// tokensOf returns the words of s, a clean text, shared with equal texts.
func (b *builder) tokensOf(s string) *tokens {
	if s == "" || !utf8.ValidString(s) {
		return nil // marked as before, from its valid part
	}
	if t, ok := b.toks[s]; ok {
		return t
	}
	t := textTokens(b.a.dict, s)
	b.toks[s] = t
	return t
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// squashSpace turns runs of white space into one space, none at either
// end: the stored body is shown as a one-line snippet, and text saved by
// openinfo is then already in normal form (thai.Normalize), which spares
// normalising it again for each hit.
func squashSpace(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			clean = false
		case c == ' ':
			clean = i > 0 && i < len(s)-1 && s[i+1] != ' '
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func (b *builder) add(d *Doc) {
	local := uint32(len(b.docs))
	var lens [nFields]uint16
	index := func(f int, text string) {
		for _, id := range b.a.analyze(text) {
			t := id &^ (partBit | phraseBit)
			b.cur[t] = b.cur[t].add(f, 1)
			if id&(partBit|phraseBit) == 0 && lens[f] < math16 {
				lens[f]++
			}
		}
	}
	index(fTitle, d.Title)
	for _, s := range d.Alt {
		index(fAlt, s)
	}
	index(fAlt, d.TitleEN)
	index(fAgency, d.Agency)
	index(fPlace, d.Place)
	index(fBody, d.Body)
	for t, v := range b.cur {
		if int(t) >= len(b.post) {
			b.post = append(b.post, make([][]posting, int(t)+1-len(b.post))...)
		}
		b.post[t] = append(b.post[t], posting{local, v})
	}
	clear(b.cur)
	b.lens = append(b.lens, lens[:]...)

	// The title and common names with compounds cut in parts, for phrase
	// boosts.
	b.title = phraseTerms(b.title, b.a.analyze(d.Title))
	b.tOff = append(b.tOff, uint32(len(b.title)))
	for i, s := range d.Alt {
		if i > 0 {
			b.alts = append(b.alts, noTerm)
		}
		b.alts = phraseTerms(b.alts, b.a.analyze(s))
	}
	b.aOff = append(b.aOff, uint32(len(b.alts)))

	start := len(b.facets)
	if id, ok := b.ft.id(FacetKind, string(d.Kind)); ok {
		b.facets = append(b.facets, id)
	}
	for k, vs := range d.Facets {
		for _, v := range vs {
			if id, ok := b.ft.id(k, v); ok {
				b.facets = append(b.facets, id)
			}
		}
	}
	slices.Sort(b.facets[start:])
	b.facets = append(b.facets[:start], slices.Compact(b.facets[start:])...)
	b.fOff = append(b.fOff, uint32(len(b.facets)))

	alt := make([]string, len(d.Alt))
	for i, s := range d.Alt {
		alt[i] = b.str(s)
	}
	st := stored{
		ref: d.Ref(), title: b.str(d.Title), titleEN: b.str(d.TitleEN), alt: alt,
		agency: b.str(d.Agency), place: b.str(d.Place), body: b.str(squashSpace(truncate(d.Body, b.maxBody))),
		group: b.groupOfDoc(d.Kind, d.Title),
	}
	if b.a.isClean(d.Title) {
		st.clean |= cleanTitle
		st.titleToks = b.tokensOf(st.title)
	}
	if thai.Normalize(st.body) == st.body {
		st.clean |= cleanBody
		st.bodyToks = b.tokensOf(st.body)
	}
	b.docs = append(b.docs, st)
	b.prior = append(b.prior, priorOf(d.Boost)*kindPrior(d.Kind))
}

const math16 = 1<<16 - 1

// noTerm separates the names in segment.alts.
const noTerm = ^uint32(0)

// phraseTerms appends the terms of an analysed text to out, compounds
// replaced by their parts.
func phraseTerms(out, ids []uint32) []uint32 {
	for i, id := range ids {
		if id&phraseBit != 0 {
			break // phrase terms come last
		}
		if id&partBit != 0 {
			out = append(out, id&^partBit)
		} else if i+1 == len(ids) || ids[i+1]&partBit == 0 {
			out = append(out, id)
		}
	}
	return out
}

// finish returns the segment. avg gives the average field lengths to
// normalise with; nil means those of this segment. A part (of a parallel
// build, to be merged) is not sealed: it is only read by mergeSegments.
func (b *builder) finish(avg *[nFields]float32, part bool) *segment {
	names := b.a.names
	order := make([]uint32, 0, len(b.post))
	total := 0
	for t, p := range b.post {
		if len(p) > 0 {
			order = append(order, uint32(t))
			total += len(p)
		}
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(names[x], names[y]) })
	remap := make([]uint32, len(names))
	s := &segment{
		terms: make([]string, len(order)),
		off:   make([]uint32, len(order)+1),
		pdocs: make([]uint32, 0, total),
		ptfs:  make([]tf, 0, total),
	}
	for i, t := range order {
		remap[t] = uint32(i)
		s.terms[i] = names[t]
		for _, p := range b.post[t] {
			s.pdocs = append(s.pdocs, p.doc)
			s.ptfs = append(s.ptfs, p.tf)
		}
		s.off[i+1] = uint32(len(s.pdocs))
		b.post[t] = nil
	}
	for i, t := range b.title {
		b.title[i] = remap[t]
	}
	for i, t := range b.alts {
		if t != noTerm {
			b.alts[i] = remap[t]
		}
	}
	s.alts, s.altsOff = b.alts, b.aOff
	s.docs, s.lens, s.prior = b.docs, b.lens, b.prior
	s.title, s.titleOff = b.title, b.tOff
	s.facets, s.facetOff = b.facets, b.fOff
	if part {
		s.sumLens()
	} else {
		s.seal(avg)
	}
	return s
}

func averages(sum [nFields]float64, n int) (avg [nFields]float32) {
	if n == 0 {
		return avg
	}
	for f := range avg {
		avg[f] = float32(sum[f] / float64(n))
	}
	return avg
}
