package thai

import (
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Token is one segment of a text, with its byte offsets: Text ==
// s[Start:End] for the string s that was segmented.
type Token struct {
	Text       string
	Start, End int
}

// Thai character classes.
func isThaiConsonant(r rune) bool { return r >= '\u0E01' && r <= '\u0E2E' }
func isLeadingVowel(r rune) bool  { return r >= '\u0E40' && r <= '\u0E44' }

// isThaiBase reports whether r can start a Thai cluster.
func isThaiBase(r rune) bool { return isThaiConsonant(r) || isLeadingVowel(r) }

// isThaiLetter reports whether r belongs in a Thai run: consonants, vowels,
// tone marks and other signs. ฯ, ๆ, ฿, ๏, ๚, ๛ and the digits are
// separators.
func isThaiLetter(r rune) bool {
	return (r >= '\u0E01' && r <= '\u0E2E') || (r >= '\u0E30' && r <= '\u0E3A') ||
		(r >= '\u0E40' && r <= '\u0E45') || (r >= '\u0E47' && r <= '\u0E4E')
}

func isThaiBlock(r rune) bool { return r >= '\u0E00' && r <= '\u0E7F' }

// isOtherLetter reports whether r continues a non-Thai word (Latin or any
// other script): letters and combining marks outside the Thai block.
func isOtherLetter(r rune) bool {
	return !isThaiBlock(r) && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// forEachThaiRun calls f for every Thai run of s (see SegmentOffsets).
func forEachThaiRun(s string, f func(run string)) {
	scanRuns(s, func(kind runKind, start, end int) {
		if kind == runThai {
			f(s[start:end])
		}
	})
}

type runKind uint8

const (
	runThai runKind = iota
	runLetters
	runDigits
)

// scanRuns splits s into runs of Thai letters, of other letters and of
// digits; everything else (spaces, punctuation, symbols, invalid bytes, Thai
// marks with no base before them) separates runs and is dropped. A Thai run
// always starts with a consonant or a leading vowel.
func scanRuns(s string, f func(kind runKind, start, end int)) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		var kind runKind
		var in func(rune) bool
		switch {
		case isThaiBase(r):
			kind, in = runThai, isThaiLetter
		case isOtherLetter(r) && !unicode.IsMark(r):
			kind, in = runLetters, isOtherLetter
		case unicode.IsDigit(r):
			kind, in = runDigits, unicode.IsDigit
		default:
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size <= 1 || !in(r) {
				break
			}
			j += size
		}
		f(kind, i, j)
		i = j
	}
}

// Segment splits s into words. s should be normalised with Normalize
// first (Tokenize does both). Thai runs are segmented with the dictionary;
// runs of other letters and of digits are one token each; spaces,
// punctuation and symbols are dropped.
func (d *Dict) Segment(s string) []string {
	toks := d.SegmentOffsets(s)
	if len(toks) == 0 {
		return nil
	}
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Tokenize normalises s and segments it.
func (d *Dict) Tokenize(s string) []string {
	return d.Segment(Normalize(s))
}

// SegmentOffsets is Segment with the byte offsets of every token in s, for
// highlighting. Tokens are in order, non-empty and do not overlap.
func (d *Dict) SegmentOffsets(s string) []Token { return d.segmentOffsets(s, false) }

// SegmentQuery is SegmentOffsets for the text of a query: a learnt word
// (Dict.Learn) must do better than the list's words to cut it, so that a
// name learnt from the data does not swallow the start of a longer query
// that the list's words cover as well.
func (d *Dict) SegmentQuery(s string) []Token { return d.segmentOffsets(s, true) }

func (d *Dict) segmentOffsets(s string, query bool) []Token {
	var toks []Token
	if d != nil {
		d.mu.RLock()
		defer d.mu.RUnlock()
	}
	sg := segmenters.Get().(*segmenter)
	sg.query = query
	defer func() {
		if cap(sg.st) <= 1<<13 { // not the buffers of a huge text
			segmenters.Put(sg)
		}
	}()
	scanRuns(s, func(kind runKind, start, end int) {
		if kind != runThai {
			toks = append(toks, Token{Text: s[start:end], Start: start, End: end})
			return
		}
		toks = sg.thai(d, s, start, end, toks)
	})
	return toks
}

// segmenters keeps segmenters and their buffers between calls: a search
// segments its query and the passages it shows.
var segmenters = sync.Pool{New: func() any { return new(segmenter) }}

// maxChunk bounds the number of runes segmented at once, so that memory use
// stays bounded for a huge text with no spaces. Chunks are cut at a cluster
// boundary.
const maxChunk = 1 << 14

// segmenter holds the buffers reused between the Thai runs of one text.
type segmenter struct {
	query bool // segmenting a query (see better)
	rs    []rune
	off   []int
	bound []bool
	next  []int32
	st    []cell
	spans []span
}

// cell is the best segmentation found of a prefix: unk characters not in
// the dictionary, words tokens, sq the sum of the squared token lengths (a
// tie-break favouring balanced splits: สำนักงาน|อุตสาหกรรม rather than
// สำนัก|งานอุตสาหกรรม), run the length of a trailing unknown stretch; prev
// is the cell it was reached from.
type cell struct {
	unk, words int32
	learnt     int32 // learnt words among words (see Dict.Learn)
	prev, run  int32
	sq         int64
}

type span struct {
	start, end int32
	unknown    bool
}

const inf = math.MaxInt32

// better compares two segmentations of a prefix. For a query (query
// true), a learnt word counts as one and a half: it must save a word of
// the list to be chosen over them (แจ้งเกิด|ลูก over แจ้ง|เกิด|ลูก), and
// on a tie the list's words win, so that it cannot swallow the start of
// the next word (see Dict.Learn).
// Texts that are indexed count it as one, so that a place or service name
// stays one term; an indexed compound is also indexed as its parts.
func better(a, b cell, query bool) bool {
	if a.unk != b.unk {
		return a.unk < b.unk
	}
	if query {
		if wa, wb := 2*a.words+a.learnt, 2*b.words+b.learnt; wa != wb {
			return wa < wb
		}
		if a.learnt != b.learnt {
			return a.learnt < b.learnt
		}
	} else if a.words != b.words {
		return a.words < b.words
	}
	return a.sq < b.sq
}

// thai segments the Thai run s[start:end] and appends its tokens.
func (sg *segmenter) thai(d *Dict, s string, start, end int, toks []Token) []Token {
	// Decode the run, cutting it into chunks of at most maxChunk runes.
	for start < end {
		sg.rs, sg.off = sg.rs[:0], sg.off[:0]
		i := start
		for i < end {
			r, size := utf8.DecodeRuneInString(s[i:end])
			if len(sg.rs) >= maxChunk && isThaiBase(r) && !isLeadingVowel(sg.rs[len(sg.rs)-1]) {
				break
			}
			sg.rs = append(sg.rs, r)
			sg.off = append(sg.off, i)
			i += size
		}
		sg.off = append(sg.off, i)
		toks = sg.chunk(d, s, toks)
		start = i
	}
	return toks
}

// chunk segments sg.rs by maximal matching over TCC boundaries.
func (sg *segmenter) chunk(d *Dict, s string, toks []Token) []Token {
	rs := sg.rs
	n := len(rs)
	sg.bound = tccBoundaries(rs, grow(sg.bound, n+1))
	bound := sg.bound

	sg.next = grow(sg.next, n+1)
	next := sg.next
	next[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		if bound[i+1] {
			next[i] = int32(i + 1)
		} else {
			next[i] = next[i+1]
		}
	}

	// st[2*i] ends at rune i with a dictionary word (or i == 0),
	// st[2*i+1] ends at rune i with an unknown stretch.
	sg.st = grow(sg.st, 2*(n+1))
	st := sg.st
	for i := range st {
		st[i] = cell{unk: inf, words: inf, prev: -1, sq: math.MaxInt64}
	}
	st[0] = cell{prev: -1}
	relax := func(to int, c cell) {
		if better(c, st[to], sg.query) {
			st[to] = c
		}
	}
	hasWords := d != nil && len(d.term) > 1
	for i := 0; i < n; i++ {
		if !bound[i] {
			continue
		}
		known, unknown := 2*i, 2*i+1
		src := known
		if better(st[unknown], st[known], sg.query) {
			src = unknown
		}
		if st[src].unk == inf {
			continue
		}
		if hasWords {
			c := st[src]
			node := uint32(root)
			for j := i; j < n; j++ {
				var ok bool
				if node, ok = d.child(node, rs[j]); !ok {
					break
				}
				if d.term[node] && bound[j+1] {
					w := int64(j + 1 - i)
					l := c.learnt
					if d.learnt[node] {
						l++
					}
					relax(2*(j+1), cell{unk: c.unk, words: c.words + 1, learnt: l, prev: int32(src), sq: c.sq + w*w})
				}
			}
		}
		j := int(next[i])
		width := int32(j - i)
		if c := st[known]; c.unk != inf {
			relax(2*j+1, cell{unk: c.unk + width, words: c.words + 1, learnt: c.learnt, prev: int32(known), run: width,
				sq: c.sq + int64(width)*int64(width)})
		}
		if c := st[unknown]; c.unk != inf {
			r := int64(c.run + width)
			relax(2*j+1, cell{unk: c.unk + width, words: c.words, learnt: c.learnt, prev: int32(unknown), run: int32(r),
				sq: c.sq - int64(c.run)*int64(c.run) + r*r})
		}
	}

	// Walk back from the best final cell.
	at := 2 * n
	if better(st[2*n+1], st[2*n], sg.query) {
		at = 2*n + 1
	}
	spans := sg.spans[:0]
	for at > 0 {
		from := int(st[at].prev)
		sp := span{start: int32(from / 2), end: int32(at / 2), unknown: at%2 == 1}
		if k := len(spans) - 1; sp.unknown && k >= 0 && spans[k].unknown && spans[k].start == sp.end {
			spans[k].start = sp.start // merge consecutive unknown clusters
		} else {
			spans = append(spans, sp)
		}
		at = from
	}
	sg.spans = spans
	for k := len(spans) - 1; k >= 0; k-- {
		a, b := sg.off[spans[k].start], sg.off[spans[k].end]
		toks = append(toks, Token{Text: s[a:b], Start: a, End: b})
	}
	return toks
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// tccBoundaries marks in bound (len(rs)+1 long) the positions where a Thai
// Character Cluster starts; a word may only start and end there. A cluster
// is an optional leading vowel (เ แ โ ใ ไ), a consonant, and every
// following vowel, above/below vowel, tone mark and sign after it
// (ะ า ำ ั ิ ี ึ ื ุ ู ็ ่ ้ ๊ ๋ ์ ํ ...). Besides:
//   - a consonant carrying the karan ์ (with its vowel, as in ทร์, ธิ์) joins
//     the cluster before it (จันทร์ → จั น ทร์);
//   - in เ–ีย and เ–ือ, the ย or อ belongs to the cluster (เสีย, เมือ-ง),
//     and so does a second onset consonant (เปลี่ย-น).
func tccBoundaries(rs []rune, bound []bool) []bool {
	n := len(rs)
	bound[0], bound[n] = true, true
	cs := 0 // start of the current cluster, by the basic rule
	for i := 1; i < n; i++ {
		r, p := rs[i], rs[i-1]
		bound[i] = isLeadingVowel(r) || (isThaiConsonant(r) && !isLeadingVowel(p))
		if bound[i] {
			cs = i
		}
		switch r {
		case '\u0E22', '\u0E2D': // ย, อ
			want := '\u0E35' // ี before ย
			if r == '\u0E2D' {
				want = '\u0E37' // ื before อ
			}
			j := i - 1
			for j > 0 && isToneMark(rs[j]) {
				j--
			}
			if rs[j] != want || j < 2 || !isThaiConsonant(rs[j-1]) {
				continue
			}
			c := j - 1
			switch {
			case rs[c-1] == saraE:
				bound[i] = false
			case c >= 2 && isThaiConsonant(rs[c-1]) && rs[c-2] == saraE:
				bound[i], bound[c] = false, false
			}
		case thanthakat:
			if cs > 0 && isThaiConsonant(rs[cs]) {
				bound[cs] = false
			}
		}
	}
	return bound
}
