package search

import (
	"unicode/utf8"
)

// Words seen in fewer documents than this are checked for typing errors.
const rareDF = 3

// correction is a replacement of query words by a vocabulary term.
type correction struct {
	a, b int // byte range in the query text
	term string
	dist int
	df   int
	cost float64 // dist per rune of the replaced text: lower is surer
}

// correct returns the query text with its rare or unknown words replaced by
// the nearest frequent terms of the vocabulary, if any. A misspelt word
// often comes out of the segmenter in pieces (ใบขับขี → ใบ ขับ ขี), so runs
// of up to three adjacent words are tried too, and the longest sure match
// wins.
func (ix *Index) correct(pl *plan, p ParsedQuery) (string, bool) {
	terms := p.Terms
	var fixes []correction
	for i, t := range terms {
		if t.Stop || pl.term(t.Text).df >= rareDF || ix.known(t.Text) {
			continue
		}
		var best *correction
		for lo := max(0, i-2); lo <= i; lo++ {
			for hi := i; hi < len(terms) && hi <= lo+2; hi++ {
				if !adjacent(terms[lo : hi+1]) {
					continue
				}
				a, b := terms[lo].Start, terms[hi].End
				if c, ok := pl.nearest(p.Text[a:b]); ok {
					c.a, c.b = a, b
					if best == nil || c.better(best) {
						best = &c
					}
				}
			}
		}
		if best != nil {
			fixes = append(fixes, *best)
		}
	}
	if len(fixes) == 0 {
		return "", false
	}
	out := ""
	at := 0
	for _, c := range fixes {
		if c.a < at {
			continue // overlaps an earlier fix
		}
		out += p.Text[at:c.a] + c.term
		at = c.b
	}
	out += p.Text[at:]
	return out, out != p.Text
}

// known reports whether word is a word of the language (in the
// dictionary, or a synonym the index knows) rather than a likely typing
// error: a rare known word is left alone (หาย in ทำบัตรประชาชนหาย).
func (ix *Index) known(word string) bool {
	if len([]rune(word)) < 2 {
		return false // a stray letter is a piece of a misspelt word
	}
	return ix.dict.Contains(word) || len(tableSynonyms[synKey(word)]) > 0
}

func (c *correction) better(o *correction) bool {
	if c.cost != o.cost {
		return c.cost < o.cost
	}
	if c.b-c.a != o.b-o.a {
		return c.b-c.a > o.b-o.a
	}
	return c.df > o.df
}

// adjacent reports whether terms follow each other with nothing between.
func adjacent(terms []QueryTerm) bool {
	for i := 1; i < len(terms); i++ {
		if terms[i].Start != terms[i-1].End {
			return false
		}
	}
	return true
}

// nearest returns the vocabulary term closest to word that is more frequent
// than word itself (the more frequent, the likelier the intended word).
func (pl *plan) nearest(word string) (correction, bool) {
	own := pl.term(word).df
	dist := make(map[string]int)
	for _, v := range pl.sn.segs {
		v.seg.similar(word, func(t string, d int) {
			if old, ok := dist[t]; !ok || d < old {
				dist[t] = d
			}
		})
	}
	var best correction
	found := false
	for t, d := range dist {
		df := pl.term(t).df
		if df <= own {
			continue
		}
		c := correction{term: t, dist: d, df: df, cost: float64(d) / float64(utf8.RuneCountInString(word))}
		if !found || c.cost < best.cost || (c.cost == best.cost && (c.df > best.df || c.df == best.df && t < best.term)) {
			best, found = c, true
		}
	}
	return best, found
}
