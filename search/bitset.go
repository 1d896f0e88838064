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

func and(dst, src bitset) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] &= src[i]
	}
}

func or(dst, src bitset) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] |= src[i]
	}
}

func andNot(dst, src bitset) {
	for i := range min(len(dst), len(src)) {
		dst[i] &^= src[i]
	}
}

// countAnd returns the size of a ∧ b (a when b is nil).
func countAnd(a, b bitset) int {
	n := 0
	if b == nil {
		for _, w := range a {
			n += bits.OnesCount64(w)
		}
		return n
	}
	b = b[:len(a)]
	for i, w := range a {
		n += bits.OnesCount64(w & b[i])
	}
	return n
}

// fill sets the first n bits of b.
func fill(b bitset, n int) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n & 63; r != 0 {
		b[len(b)-1] = 1<<r - 1
	}
}

// sparse reports whether a summary marks few enough of nw words that
// visiting them one by one beats a pass over all.
func sparse(sum []uint64, nw int) bool {
	n := 0
	for _, x := range sum {
		n += bits.OnesCount64(x)
	}
	return n*4 < nw
}
