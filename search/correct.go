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
	// pieces is how many of the replaced words are fragments or of two
	// letters or fewer (see better).
	pieces int
}

// fragments marks the terms of p that look like pieces of a misspelt word
// rather than words: a misspelt word comes out of the segmenter as short
// dictionary words that match place names and the like (ใบอนุญาติ → ใบ อนุ
// ญาติ, สมลส → สม ล ส), so that the query still finds documents, matching
// only scattered fragments. A term is a fragment if it is not a light word
// and it is a single letter, not a word (of the dictionary or the synonym
// table), or in fewer documents than rareFrac of the index (and rareDF);
// the last term, when it may be a word being typed with completions, only
// if it is in no document and two letters or fewer (ยู of ผู้สูงอายู).
func (ix *Index) fragments(pl *plan, p ParsedQuery) []bool {
	var out []bool
	rare := max(rareDF, pl.sn.n/rareFrac)
	for i, t := range p.Terms {
		if t.Stop || t.Weak || lightWord(t.Text) || pl.chunkFrom > 0 && i >= pl.chunkFrom-1 {
			continue // a light word, or a piece of a word being typed that completes
		}
		df := pl.term(t.Text).df
		n := utf8.RuneCountInString(t.Text)
		frag := n == 1 || df < rare || !ix.known(t.Text)
		if frag && p.Prefix && i == len(p.Terms)-1 && len(pl.completions(t.Text)) > 0 {
			frag = df == 0 && n <= 2
		}
		if frag {
			if out == nil {
				out = make([]bool, len(p.Terms))
			}
			out[i] = true
		}
	}
	return out
}

// rareFrac: a term in fewer than one document in rareFrac is rare enough to
// be a piece of a misspelt word (อนุ, in 7 of 300,000 documents).
const rareFrac = 20000

// maxKnownCost is the highest edit distance per rune at which a run of
// dictionary words is corrected (มาตา → มาตรา, สูงอายู → สูงอายุ): they are
// words, so the correction must be sure.
const maxKnownCost = 0.26

// maxCost is the highest edit distance per rune of any correction (สมลส →
// หมาส, two edits in four letters, is a guess).
const maxCost = 0.34

// correct returns the query text with its fragments (see fragments) and
// unknown words replaced by the nearest frequent terms of the vocabulary,
// if any. A misspelt word often comes out of the segmenter in pieces
// (ใบขับขี → ใบ ขับ ขี), so runs of up to three adjacent words are tried
// too, and the longest sure match wins. A run of dictionary words alone is
// corrected only when it is a fragment in no document or the run's
// correction is near (maxKnownCost): a rare word is left alone (หาย in
// ทำบัตรประชาชนหาย).
func (ix *Index) correct(pl *plan, p ParsedQuery, frag []bool) (string, bool) {
	terms := p.Terms
	var fixes []correction
	for i, t := range terms {
		if t.Stop || (frag == nil || !frag[i]) && (pl.term(t.Text).df >= rareDF || ix.known(t.Text)) {
			continue
		}
		var best *correction
		for lo := max(0, i-2); lo <= i; lo++ {
			for hi := i; hi < len(terms) && hi <= lo+2; hi++ {
				if !adjacent(terms[lo : hi+1]) {
					continue
				}
				allKnown, light := true, false
				for _, u := range terms[lo : hi+1] {
					allKnown = allKnown && ix.known(u.Text)
					light = light || lo < hi && (u.Stop || u.Weak)
				}
				if light {
					continue // ทำ before a word is a word of the query, not a piece
				}
				a, b := terms[lo].Start, terms[hi].End
				if allKnown && lo == hi && pl.term(t.Text).df > 0 {
					continue // a word in documents: not corrected alone
				}
				if allKnown && lo < hi && ix.dict.Contains(p.Text[a:b]) {
					continue // the words make a word
				}
				if c, ok := pl.nearest(p.Text[a:b]); ok && c.cost <= maxCost && (!allKnown || c.cost <= maxKnownCost) &&
					(lo == hi || c.term != p.Text[a:terms[hi-1].End] && c.term != p.Text[terms[lo+1].Start:b]) { // not a word dropped
					c.a, c.b = a, b
					for k := lo; k <= hi; k++ {
						if frag != nil && frag[k] || utf8.RuneCountInString(terms[k].Text) <= 2 {
							c.pieces++
						}
					}
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

// better: the correction that joins more pieces (fragments, words of two
// letters or fewer: สม ล ส of สมลส), then the one with fewer edits, then
// the surer.
func (c *correction) better(o *correction) bool {
	if c.pieces != o.pieces {
		return c.pieces > o.pieces
	}
	if c.dist != o.dist {
		return c.dist < o.dist
	}
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
