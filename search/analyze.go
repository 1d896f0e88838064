package search

import (
	"strings"

	"github.com/openinfo/openinfo/search/thai"
)

// partBit marks, in an analysed field, a term that is a part of the compound
// before it (see thai.Dict.Split) rather than a word of the text.
const partBit = 1 << 31

// phraseBit marks, in an analysed field, the phrase term of a run of words
// that is a synonym phrase (see phraseTerm); phrase terms come after the
// words of the field.
const phraseBit = 1 << 30

// analyzer cuts field texts into terms and remembers the result for texts it
// has seen: at national scale most bodies, agency and place names repeat
// (the same process is published by hundreds of district offices), so a
// bulk build analyses each distinct text once. An analyzer belongs to one
// goroutine.
type analyzer struct {
	dict  *thai.Dict
	ids   map[string]uint32 // term → id
	names []string          // id → term
	split map[uint32][]uint32
	seen  map[string][]uint32 // text → its analysis
	dirty map[string]bool     // texts seen that are not in normal form
	kept  int                 // terms held in seen
	buf   []uint32
	// The words of the text being analysed, compounds cut in parts, and
	// the word each comes from (for synonym phrases).
	units   []string
	unitTok []int
}

func newAnalyzer(d *thai.Dict) *analyzer {
	return &analyzer{
		dict:  d,
		ids:   make(map[string]uint32),
		split: make(map[uint32][]uint32),
		seen:  make(map[string][]uint32),
		dirty: make(map[string]bool),
	}
}

// The analyses remembered are bounded: texts up to maxCachedText bytes, up
// to maxCachedTerms terms in all.
const (
	maxCachedText  = 8 << 10
	maxCachedTerms = 8 << 20
)

// analyze returns the terms of s in order, each followed by its parts
// (marked with partBit) when it is a compound. The result is shared: don't
// modify it.
func (a *analyzer) analyze(s string) []uint32 {
	if s == "" {
		return nil
	}
	if r, ok := a.seen[s]; ok {
		return r
	}
	out := a.buf[:0]
	norm := thai.Normalize(s)
	if norm != s {
		a.dirty[s] = true
	}
	toks := a.dict.SegmentOffsets(norm)
	for _, tok := range toks {
		id := a.id(tok.Text)
		out = append(out, id)
		for _, p := range a.parts(id) {
			out = append(out, p|partBit)
		}
	}
	// A synonym phrase of several words is found as one term (see
	// phraseTerm), so that its words match only side by side. Compounds
	// count as their parts: ใบอนุญาตขับรถ is in ใบอนุญาตขับรถยนต์.
	a.units, a.unitTok = a.units[:0], a.unitTok[:0]
	for i, tok := range toks {
		if parts := a.parts(a.ids[tok.Text]); parts != nil {
			for _, p := range parts {
				a.units = append(a.units, a.names[p])
				a.unitTok = append(a.unitTok, i)
			}
			continue
		}
		a.units = append(a.units, tok.Text)
		a.unitTok = append(a.unitTok, i)
	}
	for i, u := range a.units {
		if !synPrefixes[u] {
			continue
		}
		key := u
		for j := i + 1; j < len(a.units) && j < i+maxPhraseWords; j++ {
			if next := a.units[j]; !synPrefixes[key+next] {
				// The phrase may end in the first syllables of a
				// word: ใบอนุญาตขับรถ in ใบอนุญาตขับรถยนต์.
				for k, r := range next {
					if !thaiRune(r) {
						break // not in a number or a Latin word: ทร 14 is not in ทร 145
					}
					if k > 0 && synPhrases[key+next[:k]] {
						out = append(out, a.id(phraseTerm(key+next[:k]))|phraseBit)
						break
					}
				}
				break
			}
			key += a.units[j]
			if synPhrases[key] && a.unitTok[j] != a.unitTok[i] {
				out = append(out, a.id(phraseTerm(key))|phraseBit)
			}
		}
	}
	r := append([]uint32(nil), out...)
	a.buf = out
	if len(s) <= maxCachedText && a.kept+len(r) <= maxCachedTerms {
		a.seen[s] = r // s lives as long as the build: no copy
		a.kept += len(r)
	}
	return r
}

// isClean reports whether s, already analysed, is in normal form (so that
// offsets in its normal form are offsets in s).
func (a *analyzer) isClean(s string) bool {
	if _, ok := a.seen[s]; ok || s == "" {
		return !a.dirty[s]
	}
	return thai.Normalize(s) == s
}

func (a *analyzer) id(term string) uint32 {
	if id, ok := a.ids[term]; ok {
		return id
	}
	id := uint32(len(a.names))
	term = strings.Clone(term)
	a.ids[term] = id
	a.names = append(a.names, term)
	return id
}

// parts returns the term ids of the parts of compound id, or nil.
func (a *analyzer) parts(id uint32) []uint32 {
	if p, ok := a.split[id]; ok {
		return p
	}
	var ids []uint32
	for _, w := range a.dict.Split(a.names[id]) {
		ids = append(ids, a.id(w))
	}
	a.split[id] = ids
	return ids
}

// termsOf returns the distinct terms of s (with the parts of compounds), for
// callers outside a build.
func termsOf(d *thai.Dict, s string) []string {
	var out []string
	for _, tok := range d.SegmentOffsets(thai.Normalize(s)) {
		out = append(out, tok.Text)
		out = append(out, d.Split(tok.Text)...)
	}
	return out
}

func thaiRune(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }
