package search

import (
	"iter"
	"math/bits"
)

// bitset is an immutable set of local document ids: updates return a copy,
// so a snapshot's deletions never change under a reader.
type bitset []uint64

func (b bitset) has(i uint32) bool {
	w := int(i >> 6)
	return w < len(b) && b[w]&(1<<(i&63)) != 0
}

// with returns a copy of b with ids added; n is the size of the id space.
func (b bitset) with(n int, ids ...uint32) bitset {
	c := make(bitset, (n+63)/64)
	copy(c, b)
	for _, i := range ids {
		c[i>>6] |= 1 << (i & 63)
	}
	return c
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// marked yields the indices of the words that a summary marks (a bit per
// word of a bitset), in order.
func marked(sum []uint64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i, x := range sum {
			for ; x != 0; x &= x - 1 {
				if !yield(i<<6 + bits.TrailingZeros64(x)) {
					return
				}
			}
		}
	}
}
