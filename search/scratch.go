package search

import (
	"math/bits"
	"slices"
	"sync"
)

// scratch lends zeroed slices from pools by size class (powers of two): a
// query borrows bitsets of a whole segment and of its summary, bounds
// and positions per block, and returns them all when it is released. The
// slices travel with their headers (*[]T), so lending allocates nothing.
type scratch[T any] struct {
	pools  [40]sync.Pool // of *[]T, class c holding a capacity of 1<<c
	zeroed bool          // slices come back zeroed (putZeroed only)
}

func (s *scratch[T]) get(n int) *[]T {
	c := bits.Len(uint(max(n, 1) - 1))
	if p, ok := s.pools[c].Get().(*[]T); ok {
		*p = (*p)[:n]
		if !s.zeroed {
			clear(*p)
		}
		return p
	}
	b := make([]T, n, 1<<c)
	return &b
}

// putZeroed returns a slice that the caller has zeroed whole (its
// capacity): a zeroed scratch lends it as it is.
func (s *scratch[T]) putZeroed(p *[]T) {
	*p = (*p)[:cap(*p)]
	s.put(p)
}

func (s *scratch[T]) put(p *[]T) {
	if c := bits.Len(uint(cap(*p) - 1)); cap(*p) == 1<<c {
		s.pools[c].Put(p)
	}
}

var (
	wordScratch  scratch[uint64]
	floatScratch scratch[float32]
	int32Scratch scratch[int32]
	blockScratch scratch[block]
	zeroScratch  = scratch[uint64]{zeroed: true} // bitsets returned zeroed (see sparseWords)
)

// floats returns a zeroed slice of n float32s, released with the exec.
func (ex *exec) floats(n int) []float32 {
	p := floatScratch.get(n)
	ex.floatBufs = append(ex.floatBufs, p)
	return *p
}

// words returns a zeroed bitset of n words, released with the exec.
func (ex *exec) words(n int) bitset {
	p := wordScratch.get(n)
	ex.wordBufs = append(ex.wordBufs, p)
	return *p
}

// sparseWords returns a zeroed bitset of n words whose non-zero words the
// summary sum will mark (a bit per word) when the exec is released: only
// those are cleared then, so that the bitset goes back to its pool zeroed.
// A bitset of a whole segment is 4,800 words at national scale; a query
// sets a few hundred of them.
func (ex *exec) sparseWords(n int, sum []uint64) bitset {
	p := zeroScratch.get(n)
	ex.sparseBufs = append(ex.sparseBufs, sparseBuf{p, sum})
	return *p
}

// sparseBuf is a bitset lent by sparseWords, with its summary.
type sparseBuf struct {
	buf *[]uint64
	sum []uint64
}

// int32s returns a zeroed slice of n int32s, released with the exec.
func (ex *exec) int32s(n int) []int32 {
	p := int32Scratch.get(n)
	ex.int32Bufs = append(ex.int32Bufs, p)
	return *p
}

// release returns the exec's buffers to their pools.
func (ex *exec) release() {
	for _, lent := range ex.sparseBufs {
		b := *lent.buf
		for w := range marked(lent.sum) {
			b[w] = 0
		}
		if testCheckZeroed && slices.ContainsFunc((*lent.buf)[:cap(*lent.buf)], func(x uint64) bool { return x != 0 }) {
			panic("search: a bitset lent by sparseWords set words its summary does not mark")
		}
		zeroScratch.putZeroed(lent.buf)
	}
	for _, p := range ex.wordBufs {
		wordScratch.put(p)
	}
	for _, p := range ex.floatBufs {
		floatScratch.put(p)
	}
	for _, p := range ex.int32Bufs {
		int32Scratch.put(p)
	}
	if ex.blockBuf != nil {
		blockScratch.put(ex.blockBuf)
	}
	ex.wordBufs, ex.floatBufs, ex.int32Bufs, ex.blockBuf, ex.sparseBufs = nil, nil, nil, nil, nil
}
