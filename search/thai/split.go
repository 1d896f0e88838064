package thai

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
