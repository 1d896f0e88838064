package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// refPhraseScore is the phrase boost as its definition states it: for
// each adjacent pair of the phrase's positions, whether the text holds
// them side by side, and whether the text is exactly the phrase.
func refPhraseScore(pos [][]int32, text []uint32) float32 {
	at := func(i, p int) bool { return i < len(text) && slices.Contains(pos[p], int32(text[i])) }
	boost := float32(1)
	if len(pos) > 1 {
		pairs := 0
		for p := 0; p+1 < len(pos); p++ {
			for i := range text {
				if at(i, p) && at(i+1, p+1) {
					pairs++
					break
				}
			}
		}
		boost += 0.5 * float32(pairs) / float32(len(pos)-1)
	}
	exact := len(text) == len(pos)
	for i := 0; exact && i < len(text); i++ {
		exact = at(i, i)
	}
	if exact {
		boost *= 1.3
	}
	return boost
}

// refHolds reports whether name holds the phrase at some position.
func refHolds(pos [][]int32, name []uint32) bool {
	for i := 0; i+len(pos) <= len(name); i++ {
		ok := true
		for p := range pos {
			ok = ok && slices.Contains(pos[p], int32(name[i+p]))
		}
		if ok {
			return true
		}
	}
	return false
}

// TestPhraseSet checks the bit-parallel phrase tests against their
// definitions on random phrases and texts over a small vocabulary, where
// repeats, alternatives shared by positions and near-misses are common.
func TestPhraseSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		pos := make([][]int32, 1+r.IntN(6))
		if n%500 == 0 {
			pos = make([][]int32, 64) // the longest phrase boosted
		}
		for p := range pos {
			for range 1 + r.IntN(2) {
				id := int32(r.IntN(12)) * 61 // ids sharing their low bits test the filter
				if !slices.Contains(pos[p], id) {
					pos[p] = append(pos[p], id)
				}
			}
		}
		ps := newPhraseSet(pos)
		text := make([]uint32, r.IntN(len(pos)+3))
		if r.IntN(3) == 0 {
			text = make([]uint32, len(pos)) // exact matches are rare at random
		}
		for i := range text {
			if i < len(pos) && r.IntN(4) > 0 {
				text[i] = uint32(pos[i][r.IntN(len(pos[i]))])
			} else {
				text[i] = uint32(r.IntN(14)) * 61
			}
		}
		if got, want := ps.score(text), refPhraseScore(pos, text); got != want {
			t.Fatalf("score(%v, %v) = %v, want %v", pos, text, got, want)
		}
		if got, want := ps.holds(text), refHolds(pos, text); got != want {
			t.Fatalf("holds(%v, %v) = %v, want %v", pos, text, got, want)
		}
	}
}
