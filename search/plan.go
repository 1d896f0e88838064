package search

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// A plan is how one query text is matched: one or more variants (the text as
// typed, and rewritten with synonyms), each a list of word groups.
type plan struct {
	variants []*variant
	info     map[string]*termInfo // terms resolved in the snapshot
	sn       *snapshot
	dict     *thai.Dict
	phrases  *phraseCache
	splits   map[string][]string // dict.Split, remembered
	// chunkFrom is, when the query ends in a word being typed that the
	// segmenter cut into pieces and that completes (addChunkCompletion),
	// the index of its first term plus one; 0 otherwise (see Index.fragments).
	chunkFrom int
}

// split is dict.Split(w), remembered: the variants of a query repeat its
// words.
func (pl *plan) split(w string) []string {
	if p, ok := pl.splits[w]; ok {
		return p
	}
	if pl.splits == nil {
		pl.splits = make(map[string][]string)
	}
	p := pl.dict.Split(w)
	pl.splits[w] = p
	return p
}

type variant struct {
	groups []group
	weight float32    // of this rewriting: 1 for the text as typed
	phrase [][]string // title phrase: accepted terms per position
	segIDs []*phraseSet
}

// group is one query word: a document matches it with any of its
// alternatives (the word, a synonym, a completion of a word being typed).
type group struct {
	alts []alt
	weak bool
}

type alt struct {
	info *termInfo
	w    float32 // weight of the alternative, 1 for the word itself
}

// termInfo is a term resolved in every segment of a snapshot.
type termInfo struct {
	term string
	df   int
	idf  float32
	ids  []int32 // term id per segment, -1 where absent
}

// Weights of the rewritings, relative to the words as typed.
const (
	wSynonym          = 0.9
	wLearnt           = 0.85
	wCompletion       = 0.9 // completions of a word being typed that is not a word
	wExtension        = 0.6 // completions of a word being typed that is a word
	maxVariants       = 6
	maxLearntRewrites = 1  // rewritings with learnt synonyms, see plan.add
	maxPhrase         = 12 // longest synonym phrase, in query words
	maxPhraseLen      = 64 // longest title phrase boosted, in terms
	maxExpand         = 16
	scanExpand        = 2000
)

func newPlan(sn *snapshot, d *thai.Dict, pc *phraseCache) *plan {
	return &plan{info: make(map[string]*termInfo), sn: sn, dict: d, phrases: pc}
}

// phraseCache keeps the segmentation of synonym phrases: a query is
// rewritten with up to maxVariants of them (a learnt synonym is a whole
// process name), and segmenting them again for every query cost as much as
// matching. Entries are dropped when the dictionary grows, since its new
// words can segment a phrase differently.
type phraseCache struct {
	mu    sync.Mutex
	words int // dictionary size the entries were made with
	m     map[string][]QueryTerm
}

const maxPhraseCache = 1 << 16

// phraseTerms returns the terms of phrase s (normalised and segmented, stop
// and weak words marked) as ParseQuery would make them.
func (pl *plan) phraseTerms(s string) []QueryTerm {
	c := pl.phrases
	if c == nil {
		return rawTerms(pl.dict, thai.Normalize(s))
	}
	words := pl.dict.Len()
	c.mu.Lock()
	if c.words != words || len(c.m) >= maxPhraseCache {
		c.m, c.words = nil, words
	}
	t, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return t
	}
	t = rawTerms(pl.dict, thai.Normalize(s))
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string][]QueryTerm)
	}
	if c.words == words {
		c.m[s] = t
	}
	c.mu.Unlock()
	return t
}

// term resolves t in every segment.
func (pl *plan) term(t string) *termInfo {
	if ti, ok := pl.info[t]; ok {
		return ti
	}
	ti := &termInfo{term: t, ids: make([]int32, len(pl.sn.segs))}
	for i, v := range pl.sn.segs {
		ti.ids[i] = -1
		if id, ok := v.seg.lookup(t); ok {
			ti.ids[i] = int32(id)
			ti.df += v.seg.df(id)
		}
	}
	n := float64(pl.sn.n)
	ti.idf = float32(math.Log(1 + (n-float64(ti.df)+0.5)/(float64(ti.df)+0.5)))
	pl.info[t] = ti
	return ti
}

// add adds the variants of query p: as typed, then rewritten with the
// synonyms of its phrases and words.
func (pl *plan) add(ix *Index, p ParsedQuery, weight float32) {
	words := p.words()
	if v := pl.variant(words, p.Prefix, true, weight); v != nil {
		pl.variants = append(pl.variants, v)
	}
	if n := len(words); p.Prefix && n > 0 && pl.term(words[n-1].Text).df == 0 && pl.split(words[n-1].Text) != nil {
		// The last word, a compound no document holds, was split into its
		// parts; as a word being typed it may also be the start of longer
		// ones.
		if v := pl.variant(words, true, false, weight*wCompletion); v != nil && len(v.groups[len(v.groups)-1].alts) > 1 {
			pl.variants = append(pl.variants, v)
		}
	}
	if p.Prefix {
		pl.addChunkCompletion(p, weight)
	}
	if weight < 1 {
		return // rewrite only the text as typed
	}
	terms := p.Terms
	learnt := 0
	for i := range terms {
		key := ""
		for j := i; j < len(terms) && j < i+maxPhrase; j++ {
			key += terms[j].Text
			var syn []rewrite
			for _, s := range tableSynonyms[key] {
				syn = append(syn, rewrite{s, wSynonym})
			}
			for _, s := range ix.syn.lookup(key) {
				syn = append(syn, rewrite{s, wLearnt})
			}
			for _, s := range syn {
				if len(pl.variants) == maxVariants {
					return
				}
				st := pl.phraseTerms(s.text)
				if i == j && len(st) == 1 {
					continue // a one-word synonym of one word: an alternative (see variant)
				}
				if s.weight == wLearnt {
					// A learnt synonym is a process's whole name, found
					// from documents that already answer the words as
					// typed (their common names); more than one such
					// rewriting matches loosely related manuals.
					if learnt == maxLearntRewrites {
						continue
					}
					learnt++
				}
				if k := synKey(s.text); len(st) > 1 && s.weight == wSynonym && synPhrases[k] {
					// A phrase of the table: its words side by side.
					words := make([]string, len(st))
					for i, t := range st {
						words[i] = t.Text
					}
					st = []QueryTerm{{Text: phraseTerm(k), phrase: words}}
				}
				// The query with terms i..j replaced by the synonym, as
				// ParseQuery would read it.
				q := make([]QueryTerm, 0, len(terms)-(j-i+1)+len(st))
				q = append(append(append(q, terms[:i]...), st...), terms[j+1:]...)
				if v := pl.variant(queryWords(q), false, true, s.weight); v != nil {
					pl.variants = append(pl.variants, v)
				}
			}
		}
	}
}

// maxChunk is the most words of the end of a query completed as one word
// being typed (see addChunkCompletion).
const maxChunk = 4

// addChunkCompletion adds a variant for a word being typed that the
// segmenter cut into pieces: the run of words at the end of the query with
// no space between them, when its last piece is a letter or two or in no
// document (สถานพยาบ → สถาน พ ยา บ, เด็กแรกเ → เด็ก แรก เ), is completed as
// one word (สถานพยาบาล, เด็กแรกเกิด).
func (pl *plan) addChunkCompletion(p ParsedQuery, weight float32) {
	terms := p.Terms
	n := len(terms)
	if n < 2 || len(pl.variants) >= maxVariants {
		return
	}
	last := terms[n-1]
	if utf8.RuneCountInString(last.Text) > 2 && pl.term(last.Text).df > 0 {
		return
	}
	k := n - 1
	for k > 0 && n-k < maxChunk && terms[k-1].End == terms[k].Start {
		k--
	}
	if k == n-1 {
		return
	}
	chunk := QueryTerm{Text: p.Text[terms[k].Start:last.End], Start: terms[k].Start, End: last.End}
	var words []QueryTerm
	if k > 0 {
		words = slices.Clone(queryWords(terms[:k])) // never appended to terms' array
	}
	words = append(words, chunk)
	letter := false // a piece of one letter: the segmenter failed
	for _, t := range terms[k:] {
		letter = letter || utf8.RuneCountInString(t.Text) == 1
	}
	w := weight * wCompletion
	if letter {
		w = weight
	}
	if v := pl.variant(words, true, false, w); v != nil && len(v.groups[len(v.groups)-1].alts) > 1 {
		pl.variants = append(pl.variants, v)
		pl.chunkFrom = k + 1
		if letter && len(pl.variants) > 1 {
			// What the pieces match as words is scattered.
			pl.variants[0].weight *= 0.5
		}
	}
}

// rewrite is a synonym a phrase of the query may be replaced by.
type rewrite struct {
	text   string
	weight float32
}

// variant makes the groups of words; with prefix, the last word may be a
// word being typed. A word that no document holds is split into the
// dictionary words it is made of, the last one too unless splitLast is
// false: a query then finds the same whether or not the last word is
// being typed.
func (pl *plan) variant(words []QueryTerm, prefix, splitLast bool, weight float32) *variant {
	if len(words) == 0 {
		return nil
	}
	v := &variant{weight: weight}
	for k, w := range words {
		if len(v.groups) >= MaxQueryTerms {
			break // group bits must fit a uint32
		}
		ti := pl.term(w.Text)
		if w.phrase != nil {
			// A synonym phrase: one term, weighing as much as its words
			// would (the ranking of a whole-phrase match is not lowered),
			// its words the title phrase's.
			v.groups = append(v.groups, group{alts: []alt{{ti, float32(len(w.phrase))}}})
			for i := range w.phrase {
				v.phrase = append(v.phrase, w.phrase[i:i+1:i+1]) // shared: never appended to
			}
			continue
		}
		last := prefix && k == len(words)-1
		if ti.df == 0 && (!last || splitLast) {
			// A compound that no document holds whole: its parts.
			if parts := pl.split(w.Text); parts != nil {
				for i, p := range parts[:min(len(parts), MaxQueryTerms-len(v.groups))] {
					if stopWords[p] && len(parts) > 1 {
						continue // ไหม in a compound: a question, not a word to find
					}
					// A light part of a compound is optional as it would
					// be on its own (ทำ in a learnt ทำบัตรประชาชน).
					v.groups = append(v.groups, group{alts: []alt{{pl.term(p), 1}}, weak: w.Weak || weakWords[p]})
					v.phrase = append(v.phrase, parts[i:i+1:i+1]) // shared: never appended to
				}
				continue
			}
		}
		g := group{alts: make([]alt, 1, 4), weak: w.Weak}
		g.alts[0] = alt{ti, 1}
		for _, s := range tableSynonyms[w.Text] {
			if toks := pl.phraseTerms(s); len(toks) == 1 && toks[0].Text != w.Text {
				g.alts = append(g.alts, alt{pl.term(toks[0].Text), wSynonym})
			}
		}
		if last {
			we := float32(wExtension)
			if ti.df == 0 {
				we = wCompletion
			}
			for _, t := range pl.completions(w.Text) {
				g.alts = append(g.alts, alt{pl.term(t), we})
			}
		}
		v.groups = append(v.groups, g)
		if parts := pl.split(w.Text); parts != nil {
			for i := range parts {
				v.phrase = append(v.phrase, parts[i:i+1:i+1]) // shared: never appended to
			}
		} else {
			pos := make([]string, len(g.alts))
			for i, a := range g.alts {
				pos[i] = a.info.term
			}
			v.phrase = append(v.phrase, pos)
		}
	}
	if len(v.phrase) > maxPhraseLen {
		v.phrase = nil // positions are bits of a uint64 (see phraseSet)
	}
	return v
}

// completions returns the most frequent terms that start with prefix.
func (pl *plan) completions(prefix string) []string {
	if len([]rune(prefix)) < 2 {
		return nil
	}
	df := make(map[string]int)
	for _, v := range pl.sn.segs {
		lo, hi := v.seg.prefixRange(prefix)
		hi = min(hi, lo+scanExpand)
		for t := lo; t < hi; t++ {
			if term := v.seg.terms[t]; term != prefix {
				df[term] += v.seg.df(t)
			}
		}
	}
	out := make([]string, 0, len(df))
	for t := range df {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b string) int {
		if df[a] != df[b] {
			return df[b] - df[a]
		}
		return strings.Compare(a, b)
	})
	if len(out) > maxExpand {
		out = out[:maxExpand]
	}
	return out
}

// terms adds the terms of the plan to m, for highlighting. Light words
// (weak and stop words: ขอ, มี, ทำ) are not marked unless a variant has
// nothing else: they match most documents and say little about them.
func (pl *plan) terms(m map[string]bool) {
	for _, v := range pl.variants {
		light := true
		for _, g := range v.groups {
			light = light && g.weak
		}
		for _, g := range v.groups {
			if g.weak && !light {
				continue
			}
			for _, a := range g.alts {
				if light || !lightWord(a.info.term) {
					m[a.info.term] = true
				}
			}
		}
		for _, pos := range v.phrase {
			for _, t := range pos {
				if light || !lightWord(t) {
					m[t] = true
				}
			}
		}
	}
}

// lightWord reports whether t is a weak or stop word.
func lightWord(t string) bool { return weakWords[t] || stopWords[t] }
