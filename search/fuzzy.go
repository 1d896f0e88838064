package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// gramIndex maps character trigrams to the terms holding them, for
// correcting typing errors against the vocabulary of a segment.
type gramIndex struct {
	keys []uint64 // sorted trigrams
	off  []uint32 // terms of keys[i]: ids[off[i]:off[i+1]]
	ids  []uint32
}

// Terms longer or shorter than this (in runes) are not corrected to.
const (
	minGramTerm = 2
	maxGramTerm = 24
)

// Padding runes mark the start and end of a term, so that its first and
// last characters weigh as much as the middle ones.
const (
	gramStart = 0x02
	gramEnd   = 0x03
)

// forGrams calls f with every trigram of term (padded) and returns the rune
// length of term, or -1 if term is not to be corrected (too short, too long,
// no letter).
func forGrams(term string, f func(uint64)) int {
	n := utf8.RuneCountInString(term)
	if n < minGramTerm || n > maxGramTerm {
		return -1
	}
	letter := false
	for _, r := range term {
		if unicode.IsLetter(r) {
			letter = true
			break
		}
	}
	if !letter {
		return -1
	}
	a, b := rune(gramStart), rune(gramStart)
	for _, r := range term {
		f(gramKey(a, b, r))
		a, b = b, r
	}
	f(gramKey(a, b, gramEnd))
	return n
}

func gramKey(a, b, c rune) uint64 {
	return uint64(a&0x1FFFFF)<<42 | uint64(b&0x1FFFFF)<<21 | uint64(c&0x1FFFFF)
}

func buildGrams(terms []string) gramIndex {
	type pair struct {
		key uint64
		id  uint32
	}
	var pairs []pair
	for id, t := range terms {
		if strings.HasPrefix(t, "\x01") {
			continue // a synonym phrase (phraseTerm) is never a correction
		}
		forGrams(t, func(k uint64) { pairs = append(pairs, pair{k, uint32(id)}) })
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return int(x.id) - int(y.id)
	})
	var g gramIndex
	g.ids = make([]uint32, 0, len(pairs))
	for i, p := range pairs {
		if i > 0 && p.key == pairs[i-1].key && p.id == pairs[i-1].id {
			continue // a trigram twice in one term
		}
		if len(g.keys) == 0 || g.keys[len(g.keys)-1] != p.key {
			g.keys = append(g.keys, p.key)
			g.off = append(g.off, uint32(len(g.ids)))
		}
		g.ids = append(g.ids, p.id)
	}
	g.off = append(g.off, uint32(len(g.ids)))
	return g
}

func (g *gramIndex) lookup(k uint64) []uint32 {
	i, ok := slices.BinarySearch(g.keys, k)
	if !ok {
		return nil
	}
	return g.ids[g.off[i]:g.off[i+1]]
}

// maxEdits is how many typing errors a word of n runes may hold. Thai words
// count their vowel and tone marks as runes, so they are long in runes.
func maxEdits(n int) int {
	switch {
	case n <= 3:
		return 1
	case n <= 10:
		return 2
	default:
		return 3
	}
}

// maxGramCandidates bounds the terms checked with an edit distance per word.
const maxGramCandidates = 300

// similar returns the terms of s within maxEdits of word, with their
// distance.
func (s *segment) similar(word string, fn func(term string, dist int)) {
	var grams []uint64
	n := forGrams(word, func(k uint64) { grams = append(grams, k) })
	if n < 0 {
		return
	}
	slices.Sort(grams)
	grams = slices.Compact(grams)
	limit := maxEdits(n)
	need := len(grams) - 3*limit // an edit changes at most three trigrams
	if need < 1 {
		need = 1
	}
	shared := make(map[uint32]int)
	for _, k := range grams {
		for _, id := range s.grams.lookup(k) {
			shared[id]++
		}
	}
	type cand struct {
		id     uint32
		shared int
	}
	var cands []cand
	for id, c := range shared {
		if c >= need {
			cands = append(cands, cand{id, c})
		}
	}
	if len(cands) > maxGramCandidates {
		slices.SortFunc(cands, func(a, b cand) int { return b.shared - a.shared })
		cands = cands[:maxGramCandidates]
	}
	wr := []rune(word)
	for _, c := range cands {
		t := s.terms[c.id]
		if t == word {
			continue
		}
		tr := []rune(t)
		if d := len(tr) - len(wr); d > limit || -d > limit {
			continue
		}
		if d := editDistance(wr, tr, limit); d <= limit {
			fn(t, d)
		}
	}
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance of a and b, or limit+1 when it exceeds limit. Swapped neighbours
// count once: Thai typists often swap a vowel and a tone mark.
func editDistance(a, b []rune, limit int) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	prev2 := make([]int, len(a)+1)
	prev := make([]int, len(a)+1)
	cur := make([]int, len(a)+1)
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		best := cur[0]
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[i-2]+1)
			}
			cur[i] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(a)]
}
