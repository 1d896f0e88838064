package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// Query is a search request.
type Query struct {
	Text    string
	Kinds   []Kind              // any of these kinds; none means all
	Filters map[string][]string // facet key → accepted values (any); keys combine with AND
	Limit   int                 // hits per page: default 20, at most MaxLimit
	Offset  int                 // hits to skip: at most MaxOffset
}

// Bounds on queries: longer texts are cut, larger pages refused quietly.
const (
	MaxQueryRunes = 200
	MaxQueryTerms = 32
	DefaultLimit  = 20
	MaxLimit      = 100
	MaxOffset     = 10000
)

// ParsedQuery is the text of a query as the index reads it.
type ParsedQuery struct {
	Text   string      // normalised and cut to MaxQueryRunes
	Terms  []QueryTerm // at most MaxQueryTerms
	Prefix bool        // the last term may be a word being typed
}

// QueryTerm is one word of a query.
type QueryTerm struct {
	Text       string
	Start, End int  // byte offsets in ParsedQuery.Text
	Stop       bool // a question word or particle: ignored
	Weak       bool // a common word: optional
}

// ParseQuery normalises, cuts and segments a query text. Invalid UTF-8 is
// dropped; a text that is empty after normalisation has no terms.
func ParseQuery(d *thai.Dict, s string) ParsedQuery {
	// Cut the raw text first so that normalising a huge input stays cheap.
	if len(s) > 8*MaxQueryRunes {
		s = truncate(s, 8*MaxQueryRunes)
	}
	endsInSpace := strings.TrimRightFunc(s, unicode.IsSpace) != s
	text := thai.Normalize(s)
	if utf8.RuneCountInString(text) > MaxQueryRunes {
		n := 0
		for i := range text {
			if n == MaxQueryRunes {
				text = strings.TrimRight(text[:i], " ")
				break
			}
			n++
		}
	}
	p := ParsedQuery{Text: text}
	for _, tok := range d.SegmentOffsets(text) {
		if len(p.Terms) == MaxQueryTerms {
			break
		}
		p.Terms = append(p.Terms, QueryTerm{
			Text: tok.Text, Start: tok.Start, End: tok.End,
			Stop: stopWords[tok.Text], Weak: weakWords[tok.Text],
		})
	}
	// Keep stop words when they are all there is: "อะไร" alone is a query.
	allStop := true
	for _, t := range p.Terms {
		allStop = allStop && t.Stop
	}
	if allStop {
		for i := range p.Terms {
			p.Terms[i].Stop = false
		}
	}
	if n := len(p.Terms); n > 0 && !endsInSpace && p.Terms[n-1].End == len(text) && !p.Terms[n-1].Stop {
		p.Prefix = true
	}
	return p
}

// words returns the terms that are not stop words.
func (p *ParsedQuery) words() []QueryTerm {
	out := make([]QueryTerm, 0, len(p.Terms))
	for _, t := range p.Terms {
		if !t.Stop {
			out = append(out, t)
		}
	}
	return out
}
