package thai

import (
	"strings"
	"sync"
)

// maxSplit bounds the length (in runes) of a word that Split cuts.
const maxSplit = 64

// Split cuts the word w into two or more dictionary words, with as few parts
// as possible, or returns nil when w cannot be covered entirely by words of
// d. w should be one normalised Thai token (as returned by Segment). Cuts
// are made only at cluster boundaries.
//
// Maximal matching keeps a compound such as บัตรประจำตัวประชาชน whole when
// the dictionary holds it; a search index also indexes its parts (บัตร,
// ประจำตัว, ประชาชน) so that the compound is found by any of them.
func (d *Dict) Split(w string) []string {
	if d == nil || len(w) < 2 {
		return nil
	}
	gen, p, ok := d.splits.get(w)
	if ok {
		return p
	}
	p = d.split(w)
	d.splits.put(gen, w, p)
	return p
}

// splitCache remembers the splits of words: a search splits each word of
// its query and of the passages it shows, and words repeat from one search
// to the next. The dictionary drops it when it gains words.
type splitCache struct {
	mu  sync.Mutex
	gen int // counts the drops: a split computed before one is not kept
	m   map[string][]string
}

// maxSplitCache bounds the words remembered; the cache starts over when full.
const maxSplitCache = 1 << 16

func (c *splitCache) get(w string) (gen int, p []string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok = c.m[w]
	return c.gen, p, ok
}

func (c *splitCache) put(gen int, w string, p []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil || len(c.m) >= maxSplitCache {
		c.m = make(map[string][]string)
	}
	c.m[strings.Clone(w)] = p
}

func (c *splitCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}

// split is Split without the cache.
func (d *Dict) split(w string) []string {
	var buf [maxSplit]rune
	rs := buf[:0]
	for _, r := range w {
		if !isThaiLetter(r) || len(rs) == maxSplit {
			return nil
		}
		rs = append(rs, r)
	}
	n := len(rs)
	if n < 2 || !isThaiBase(rs[0]) {
		return nil
	}
	var bb [maxSplit + 1]bool
	bound := tccBoundaries(rs, bb[:n+1])

	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.edges.n == 0 {
		return nil
	}
	// parts[i] is the fewest words covering rs[:i] (0: not reachable), from
	// prev[i].
	var parts [maxSplit + 1]uint8
	var prev [maxSplit + 1]uint8
	parts[0] = 1 // sentinel: reachable with 0 words (stored as count+1)
	for i := 0; i < n; i++ {
		if parts[i] == 0 || !bound[i] {
			continue
		}
		node := uint32(root)
		for j := i; j < n; j++ {
			var ok bool
			if node, ok = d.child(node, rs[j]); !ok {
				break
			}
			if !d.term[node] || !bound[j+1] || (i == 0 && j+1 == n) {
				continue
			}
			if c := parts[i] + 1; parts[j+1] == 0 || c < parts[j+1] {
				parts[j+1], prev[j+1] = c, uint8(i)
			}
		}
	}
	if parts[n] == 0 {
		return nil
	}
	out := make([]string, parts[n]-1)
	for at, k := n, len(out)-1; at > 0; k-- {
		from := int(prev[at])
		out[k] = string(rs[from:at])
		at = from
	}
	return out
}
