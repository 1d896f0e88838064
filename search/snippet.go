package search

import (
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// Span is a piece of a highlighted text: Hit marks a matched word. Spans
// hold plain text; the web layer escapes it (see HTML).
type Span struct {
	Text string
	Hit  bool
}

// HTML renders spans with matched words in <mark>, escaping everything.
func HTML(spans []Span) template.HTML {
	var b strings.Builder
	for _, s := range spans {
		if s.Hit {
			b.WriteString("<mark>")
			template.HTMLEscape(&b, []byte(s.Text))
			b.WriteString("</mark>")
		} else {
			template.HTMLEscape(&b, []byte(s.Text))
		}
	}
	return template.HTML(b.String()) // #nosec G203: every piece is escaped above
}

// snippetRunes is the length of a body snippet.
const snippetRunes = 160

// ellipsis marks where a snippet cuts its text.
const ellipsis = "…"

type mark struct{ a, b int }

// marker finds the query's words in texts. It keeps the compound splits of
// the words it has seen: the hits of one page share most of their words.
type marker struct {
	d        *thai.Dict
	terms    map[string]bool
	parts    map[string][]string
	passages map[string][]Span // marked passages, by text: copies of a template share them
}

func newMarker(d *thai.Dict, terms map[string]bool) *marker {
	return &marker{d: d, terms: terms, parts: make(map[string][]string), passages: make(map[string][]Span)}
}

// split is d.Split(w), remembered.
func (m *marker) split(w string) []string {
	p, ok := m.parts[w]
	if !ok {
		p = m.d.Split(w)
		m.parts[w] = p
	}
	return p
}

// marks returns the byte ranges of the words of text (from lo to hi) that
// are terms of the query, or parts of a compound that are. clean says that
// text is known to be in normal form.
func (m *marker) marks(text string, lo, hi int, clean bool) []mark {
	if len(m.terms) == 0 {
		return nil
	}
	part := text[lo:hi]
	clean = clean || thai.Normalize(part) == part
	var out []mark
	for _, tok := range m.d.SegmentOffsets(part) {
		w := tok.Text
		if !clean {
			w = thai.Normalize(w)
		}
		a, b := lo+tok.Start, lo+tok.End
		if m.terms[w] {
			out = append(out, mark{a, b})
			continue
		}
		at := a
		for _, p := range m.split(w) {
			if m.terms[p] {
				if clean {
					out = append(out, mark{at, at + len(p)})
				} else {
					out = append(out, mark{a, b}) // offsets unknown: the whole word
					break
				}
			}
			at += len(p)
		}
	}
	return out
}

// tokens are the words of a text in normal form and the parts of its
// compounds, as byte ranges in order, each packed as start<<16 | end<<1 |
// part (1 for a part of the word before it).
type tokens []uint32

// maxTokensText is the longest text kept as tokens (offsets fit 15 bits);
// stored bodies are much shorter (see WithStoredBody).
const maxTokensText = 1<<15 - 1

// textTokens returns the tokens of s, which is in normal form, or nil if
// it is too long.
func textTokens(d *thai.Dict, s string) *tokens {
	if len(s) > maxTokensText {
		return nil
	}
	var t tokens
	for _, tok := range d.SegmentOffsets(s) {
		t = append(t, uint32(tok.Start)<<16|uint32(tok.End)<<1)
		at := tok.Start
		for _, p := range d.Split(tok.Text) {
			t = append(t, uint32(at)<<16|uint32(at+len(p))<<1|1)
			at += len(p)
		}
	}
	t = slices.Clip(t)
	return &t
}

// marksFrom is marks from the text's tokens: no segmenting.
func (m *marker) marksFrom(text string, toks *tokens, lo, hi int) []mark {
	if len(m.terms) == 0 {
		return nil
	}
	var out []mark
	t := *toks
	for i := 0; i < len(t); i++ {
		a, b := int(t[i]>>16), int(t[i]&0xffff>>1)
		if t[i]&1 != 0 || a < lo || b > hi {
			continue // parts are seen with their word
		}
		if m.terms[text[a:b]] {
			out = append(out, mark{a, b})
			continue
		}
		for j := i + 1; j < len(t) && t[j]&1 != 0; j++ {
			if pa, pb := int(t[j]>>16), int(t[j]&0xffff>>1); m.terms[text[pa:pb]] {
				out = append(out, mark{pa, pb})
			}
		}
	}
	return out
}

// spans cuts text[lo:hi] into spans at the marks.
func spans(text string, ms []mark, lo, hi int) []Span {
	out := make([]Span, 0, 2*len(ms)+1)
	// Pieces come in order, each starting where the last ended, so a piece
	// of the same kind as the last span extends it as a substring of text
	// (from start) instead of copying.
	start := 0
	add := func(a, b int, hit bool) {
		if a == b {
			return
		}
		if n := len(out); n > 0 && out[n-1].Hit == hit {
			out[n-1].Text = text[start:b]
			return
		}
		out = append(out, Span{Text: text[a:b], Hit: hit})
		start = a
	}
	at := lo
	for _, m := range ms {
		if m.a < at || m.b > hi {
			continue
		}
		add(at, m.a, false)
		add(m.a, m.b, true)
		at = m.b
	}
	add(at, hi, false)
	return out
}

// highlight returns the whole of text with the query's words marked.
func (m *marker) highlight(text string, clean bool, toks *tokens) []Span {
	if toks != nil {
		return spans(text, m.marksFrom(text, toks, 0, len(text)), 0, len(text))
	}
	text = strings.ToValidUTF8(text, "")
	if text == "" {
		return nil
	}
	return spans(text, m.marks(text, 0, len(text), clean), 0, len(text))
}

// snippet returns about n runes of text around its first match (or its
// start), with the query's words marked.
func (m *marker) snippet(text string, n int, clean bool, toks *tokens) []Span {
	if toks == nil {
		text = strings.ToValidUTF8(text, "")
	}
	if text == "" {
		return nil
	}
	// Find the first match cheaply, then segment only the passage around it.
	first := len(text)
	for t := range m.terms {
		if t == "" {
			continue
		}
		// Only a match before the first found so far counts.
		if i := strings.Index(text[:min(len(text), first+len(t)-1)], t); i >= 0 && i < first {
			first = i
		}
	}
	if first == len(text) {
		first = 0
	}
	lo := backRunes(text, first, n/4)
	if i := strings.LastIndexByte(text[lo:first], ' '); i >= 0 {
		lo += i + 1 // start at a word
	}
	hi := forwardRunes(text, lo, n)
	if hi < len(text) {
		if i := strings.LastIndexByte(text[lo:hi], ' '); i > (hi-lo)/2 {
			hi = lo + i // end at a word
		}
	}
	key := text[lo:hi]
	if lo > 0 {
		key = "\x00" + key // ellipses are part of the passage
	}
	if hi < len(text) {
		key += "\x00"
	}
	if out, ok := m.passages[key]; ok {
		return out
	}
	var ms []mark
	if toks != nil {
		ms = m.marksFrom(text, toks, lo, hi)
	} else {
		ms = m.marks(text, lo, hi, clean)
	}
	out := spans(text, ms, lo, hi)
	if lo > 0 {
		out = append([]Span{{Text: ellipsis}}, out...)
	}
	if hi < len(text) {
		out = append(out, Span{Text: ellipsis})
	}
	m.passages[key] = out
	return out
}

func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
