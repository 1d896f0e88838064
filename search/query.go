package search

import (
	"strings"
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
	// RankOnly asks for the ranked hits alone: no facet counts, no
	// marked spans and no Result.Highlight (suggestions, links; and the
	// benchmark's comparison with engines that return only the ranking).
	RankOnly bool
	// Group ranks copies of one process (manuals or other services with
	// the same normalised title, at many agencies) as one hit: its best
	// copy, with the number of matching copies in Hit.Copies. Offset and
	// Limit then count groups.
	Group bool
	// Prefer, with Group, makes a group's hit its first matching copy
	// with these facet values (a province: {"province": "50"}) when it
	// has one, at the group's rank.
	Prefer map[string]string
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

	// phrase, for a synonym phrase put in by a rewriting (Text is then
	// its phrase term), are its words.
	phrase []string
}

// ParseQuery normalises, cuts and segments a query text. Invalid UTF-8 is
// dropped; a text that is empty after normalisation has no terms.
func ParseQuery(d *thai.Dict, s string) ParsedQuery {
	// Trailing spaces change nothing: the search page and the API trim
	// them, and a query must find the same with or without them, so the
	// last word is always read as possibly being typed (see plan.variant
	// for a last word that is a compound no document holds).
	//
	// Cut the raw text first so that normalising a huge input stays cheap.
	if len(s) > 8*MaxQueryRunes {
		s = truncate(s, 8*MaxQueryRunes)
	}
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
	p := ParsedQuery{Text: text, Terms: rawTerms(d, text)}
	keepStops(p.Terms)
	if n := len(p.Terms); n > 0 && p.Terms[n-1].End == len(text) && !p.Terms[n-1].Stop {
		p.Prefix = true
	}
	return p
}

// rawTerms segments the normalised text into at most MaxQueryTerms terms,
// stop and weak words marked.
func rawTerms(d *thai.Dict, text string) []QueryTerm {
	var terms []QueryTerm
	for _, tok := range d.SegmentQuery(text) {
		if len(terms) == MaxQueryTerms {
			break
		}
		terms = append(terms, QueryTerm{
			Text: tok.Text, Start: tok.Start, End: tok.End,
			Stop: stopWords[tok.Text], Weak: weakWords[tok.Text],
		})
	}
	return terms
}

// keepStops keeps stop words when they are all there is: "อะไร" alone is a
// query.
func keepStops(terms []QueryTerm) {
	for _, t := range terms {
		if !t.Stop {
			return
		}
	}
	for i := range terms {
		terms[i].Stop = false
	}
}

// words returns the terms that are not stop words.
func (p *ParsedQuery) words() []QueryTerm { return queryWords(p.Terms) }

// queryWords returns the terms that are not stop words (all of them when
// all are).
func queryWords(terms []QueryTerm) []QueryTerm {
	out := make([]QueryTerm, 0, len(terms))
	for _, t := range terms {
		if !t.Stop {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return terms
	}
	return out
}
