package ui

import (
	"html/template"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// Thai line breaking. Thai writes no spaces between words, so a browser
// breaks a Thai line with its own dictionary (ICU's, in Chromium and
// Firefox), which cuts words the project's segmenter keeps whole
// ("เจ้า|หน้าที่"), and anywhere at all where overflow-wrap lets it
// ("สงขล|า"). `word-break: keep-all` does not help: Chromium still breaks
// Thai where ICU's dictionary says (CSS Text 3 keeps "dictionary-based
// breaking" under keep-all). So the page carries its own breaks: every
// Thai word of two clusters or more is wrapped in <span class="w"> (CSS:
// white-space: nowrap), and a <wbr> marks each boundary between two Thai
// words that touch. The browser may then break at a <wbr> or a space, never
// inside a word. The <wbr> sits between the spans, where white-space is
// normal, so that the break is honoured by the CSS rule (the nearest common
// ancestor's white-space decides) and not only by Chromium's leniency.
//
// ThaiWords runs on every render of headings, table cells and posters, so
// it does nothing for text with no Thai or shorter than minThaiBytes, and
// keeps its results (wrapCache).

// minThaiBytes: shorter text (two or three Thai letters) is left alone.
const minThaiBytes = 12

// maxNoWrapRunes: a longer "word" is an unknown stretch the dictionary could
// not split (a name, a typo): the browser may break it as it likes rather
// than overflow a phone's screen.
const maxNoWrapRunes = 24

var defaultDict = sync.OnceValue(thai.Default)

// wrapCache keeps the markup of texts already broken. It is emptied when it
// holds wrapCacheMax texts: most texts are headings, labels and the cells of
// the manuals people read, which come back at once.
type wrapCache struct {
	mu sync.RWMutex
	m  map[string]template.HTML
}

const wrapCacheMax = 20000

func (c *wrapCache) get(s string) (template.HTML, bool) {
	c.mu.RLock()
	h, ok := c.m[s]
	c.mu.RUnlock()
	return h, ok
}

func (c *wrapCache) put(s string, h template.HTML) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= wrapCacheMax {
		c.m = make(map[string]template.HTML, 1024)
	}
	c.m[s] = h
	c.mu.Unlock()
}

// thaiBreaker breaks Thai text with a dictionary (the search index's, so
// that a word the index learnt from the data is kept whole too).
type thaiBreaker struct {
	dict  *thai.Dict
	cache wrapCache
	off   bool // benchmarks: escape only, to measure what the breaks cost
}

func newThaiBreaker(d *thai.Dict) *thaiBreaker {
	if d == nil {
		d = defaultDict()
	}
	return &thaiBreaker{dict: d}
}

// hasThai reports whether s holds a Thai letter.
func hasThai(s string) bool {
	for i := 0; i < len(s); i++ {
		// Thai is U+0E00–U+0E7F: E0 B8 xx or E0 B9 xx in UTF-8.
		if s[i] == 0xE0 && i+1 < len(s) && (s[i+1] == 0xB8 || s[i+1] == 0xB9) {
			return true
		}
	}
	return false
}

// Words returns s escaped for HTML, its Thai words kept whole and the
// boundaries between them marked as places to break the line.
func (b *thaiBreaker) Words(s string) template.HTML {
	if len(s) < minThaiBytes || b.off || !hasThai(s) {
		return template.HTML(template.HTMLEscapeString(s))
	}
	if h, ok := b.cache.get(s); ok {
		return h
	}
	h := template.HTML(breakThai(b.dict, s))
	b.cache.put(s, h)
	return h
}

func isThaiRune(r rune) bool          { return r >= '\u0E01' && r <= '\u0E4E' }
func isThaiConsonantRune(r rune) bool { return r >= '\u0E01' && r <= '\u0E2E' }

// breakThai does the work of Words.
func breakThai(d *thai.Dict, s string) string {
	toks := d.SegmentOffsets(s)
	var out strings.Builder
	out.Grow(len(s) + len(s)/2)
	pos, prevEnd, prevThai := 0, -1, false
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		isThai := isThaiRune(r)
		if t.Start > pos {
			template.HTMLEscape(&out, []byte(s[pos:t.Start]))
		}
		if isThai && prevThai && t.Start == prevEnd {
			out.WriteString("<wbr>")
		}
		if isThai && keepWhole(t.Text) {
			out.WriteString(`<span class="w">`)
			template.HTMLEscape(&out, []byte(t.Text))
			out.WriteString("</span>")
		} else {
			template.HTMLEscape(&out, []byte(t.Text))
		}
		pos, prevEnd, prevThai = t.End, t.End, isThai
	}
	if pos < len(s) {
		template.HTMLEscape(&out, []byte(s[pos:]))
	}
	return out.String()
}

// keepWhole reports whether a Thai word needs guarding: it has four
// letters or more with two consonants (shorter words, one syllable like
// การ or ที่, no browser splits) and is not an unknown stretch too long to
// keep on one line.
func keepWhole(w string) bool {
	consonants, n := 0, 0
	for _, r := range w {
		n++
		if isThaiConsonantRune(r) {
			consonants++
		}
	}
	return consonants >= 2 && n >= 4 && n <= maxNoWrapRunes
}

// ThaiPieces cuts s into its words and what lies between them, for a
// layout that breaks lines itself (the printed poster): the pieces joined
// give s back, and a line may break between any two of them. An opening
// bracket or quote goes with the word after it, anything else between two
// words (a closing bracket, a slash, a space) with the word before it.
func (u *UI) ThaiPieces(s string) []string {
	var out []string
	pos, prefix := 0, ""
	between := func(sep string) {
		if len(out) == 0 || strings.ContainsAny(sep[len(sep)-1:], "([{\"'") || strings.HasSuffix(sep, "“") {
			prefix += sep
			return
		}
		out[len(out)-1] += sep
	}
	for _, t := range u.breaker.dict.SegmentOffsets(s) {
		if t.Start > pos {
			between(s[pos:t.Start])
		}
		out = append(out, prefix+t.Text)
		prefix, pos = "", t.End
	}
	if pos < len(s) {
		between(s[pos:])
	}
	if prefix != "" {
		out = append(out, prefix)
	}
	return out
}
