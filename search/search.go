package search

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/openinfo/openinfo/search/thai"
)

// Result is one page of hits with the facet counts of the whole result.
type Result struct {
	Hits   []Hit
	Total  int                     // documents matching the query and filters
	Facets map[string][]FacetCount // by facet key (FacetKind too), largest first

	// DidYouMean is a corrected query text when words of the query look
	// misspelt and the correction matches more; the hits then include those
	// of the correction.
	DidYouMean string
	// Relaxed is true when some hits match only some of the query's words.
	Relaxed bool

	dict  *thai.Dict
	terms map[string]bool
}

// Hit is one matching document.
type Hit struct {
	DocRef
	Title, TitleEN, Agency, Place string
	Score                         float64
	TitleSpans                    []Span // the title, matched words marked
	BodySpans                     []Span // a passage of the body around the first match
}

// fewResults is the number of hits below which the typo fall-back is
// tried; the relaxed one (any word matching) only runs when nothing matched.
const fewResults = 3

// Search runs q. It never fails: a text with no words returns no hits (with
// filters, every document that passes them, by Boost).
func (ix *Index) Search(q Query) Result {
	limit, offset := q.Limit, q.Offset
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset = min(max(offset, 0), MaxOffset)

	filters := q.Filters
	if len(q.Kinds) > 0 {
		filters = make(map[string][]string, len(q.Filters)+1)
		for k, v := range q.Filters {
			filters[k] = v
		}
		for _, k := range q.Kinds {
			filters[FacetKind] = append(filters[FacetKind], string(k))
		}
	}
	f := newFilter(ix.ft, filters)
	sn := ix.snap.Load()
	p := ParseQuery(ix.dict, q.Text)
	res := Result{dict: ix.dict}
	if len(p.words()) == 0 || sn.n == 0 {
		return ix.browse(sn, &f, limit, offset, res)
	}

	pl := newPlan(sn, ix.dict)
	pl.add(ix, p, 1)
	plans := []*plan{pl}
	cands := pl.run(matchMost, &f, 1)
	found := passing(cands)
	if found < fewResults || unknownWord(pl, p) {
		if corrected, ok := ix.correct(pl, p); ok {
			pc := newPlan(sn, ix.dict)
			pc.add(ix, ParseQuery(ix.dict, corrected), 1)
			more := tagged(pc.run(matchMost, &f, 0.9), len(plans))
			plans = append(plans, pc)
			if n := passing(more); n > 0 && n >= found {
				res.DidYouMean = corrected
			}
			cands = mergeCands(cands, more)
			found = passing(cands)
		}
	}
	if found == 0 {
		for i, pl := range plans {
			if maxGroups(pl) > 1 {
				cands = mergeCands(cands, tagged(pl.run(matchAny, &f, 0.5), i))
			}
		}
		res.Relaxed = passing(cands) > found
	}

	terms := make(map[string]bool)
	for _, pl := range plans {
		for t := range pl.terms() {
			terms[t] = true
		}
	}
	res.terms = terms
	res.Facets = countFacets(ix.ft.view(), sn, &f, cands)
	hits := cands[:0:0]
	for _, c := range cands {
		if c.fails == 0 {
			hits = append(hits, c)
		}
	}
	res.Total = len(hits)

	// Rank the head of the list with the phrase boost, then cut the page.
	window := min(len(hits), max(200, 2*(offset+limit)))
	top := topK(hits, window)
	for i := range top {
		c := &top[i]
		c.score *= plans[c.plan()].phraseBoost(int(c.seg), c.doc, int(c.vari&15))
	}
	slices.SortFunc(top, func(a, b cand) int { return byScore(sn, a, b) })
	if offset >= len(top) {
		return res
	}
	top = top[offset:min(len(top), offset+limit)]
	res.Hits = make([]Hit, len(top))
	memo := make(map[string][]Span)
	for i, c := range top {
		res.Hits[i] = ix.hit(sn, c, terms, memo)
	}
	return res
}

// tagged marks candidates as coming from plan i (kept in the high bits of
// vari: plans and variants are few).
func tagged(cs []cand, i int) []cand {
	for k := range cs {
		cs[k].vari |= uint8(i) << 4
	}
	return cs
}

func (c *cand) plan() int { return int(c.vari >> 4) }

// unknownWord reports whether a word of p (other than one being typed) is
// in no document: a likely typing error even when other words match.
func unknownWord(pl *plan, p ParsedQuery) bool {
	for i, t := range p.Terms {
		if t.Stop || pl.term(t.Text).df > 0 {
			continue
		}
		if !p.Prefix || i < len(p.Terms)-1 || len(pl.completions(t.Text)) == 0 {
			return true
		}
	}
	return false
}

func maxGroups(pl *plan) int {
	n := 0
	for _, v := range pl.variants {
		n = max(n, len(v.groups))
	}
	return n
}

func passing(cs []cand) int {
	n := 0
	for _, c := range cs {
		if c.fails == 0 {
			n++
		}
	}
	return n
}

// mergeCands adds more to cs, keeping the better score of a document found
// twice.
func mergeCands(cs, more []cand) []cand {
	if len(more) == 0 {
		return cs
	}
	at := make(map[uint64]int, len(cs))
	for i, c := range cs {
		at[uint64(c.seg)<<32|uint64(c.doc)] = i
	}
	for _, c := range more {
		k := uint64(c.seg)<<32 | uint64(c.doc)
		if i, ok := at[k]; ok {
			if c.score > cs[i].score {
				cs[i] = c
			}
			continue
		}
		at[k] = len(cs)
		cs = append(cs, c)
	}
	return cs
}

// byScore orders by score, then by kind and id so that pages are stable.
func byScore(sn *snapshot, a, b cand) int {
	if a.score != b.score {
		return cmp.Compare(b.score, a.score)
	}
	ra, rb := sn.segs[a.seg].seg.docs[a.doc].ref, sn.segs[b.seg].seg.docs[b.doc].ref
	if ra.Kind != rb.Kind {
		return cmp.Compare(ra.Kind, rb.Kind)
	}
	return cmp.Compare(ra.ID, rb.ID)
}

// topK returns the k best candidates (unordered), using a heap when the
// list is long.
func topK(cs []cand, k int) []cand {
	if k >= len(cs) {
		return slices.Clone(cs)
	}
	h := make(candHeap, 0, k)
	for _, c := range cs {
		if len(h) < k {
			heap.Push(&h, c)
		} else if c.score > h[0].score {
			h[0] = c
			heap.Fix(&h, 0)
		}
	}
	return h
}

type candHeap []cand

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h candHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// countFacets counts facet values over the candidates (see facetCounter).
func countFacets(v facetView, sn *snapshot, f *filter, cs []cand) map[string][]FacetCount {
	c := newFacetCounter(v, f)
	for _, x := range cs {
		c.add(&v, sn.segs[x.seg].seg.facetPairs(x.doc), x.fails)
	}
	return c.result(&v)
}

// hit fills in what a hit shows. memo keeps the spans of texts already
// highlighted for this query: hits often share a title or a template body.
func (ix *Index) hit(sn *snapshot, c cand, terms map[string]bool, memo map[string][]Span) Hit {
	s := &sn.segs[c.seg].seg.docs[c.doc]
	title, ok := memo["t"+s.title]
	if !ok {
		title = highlight(ix.dict, terms, s.title, s.clean&cleanTitle != 0)
		memo["t"+s.title] = title
	}
	body, ok := memo["b"+s.body]
	if !ok {
		body = snippet(ix.dict, terms, s.body, snippetRunes, s.clean&cleanBody != 0)
		memo["b"+s.body] = body
	}
	return Hit{
		DocRef: s.ref, Title: s.title, TitleEN: s.titleEN, Agency: s.agency, Place: s.place,
		Score: float64(c.score), TitleSpans: title, BodySpans: body,
	}
}

// browse answers a query with no words: with filters, the documents that
// pass them by Boost; without, only the facet counts of the whole index.
func (ix *Index) browse(sn *snapshot, f *filter, limit, offset int, res Result) Result {
	if f.all == 0 {
		sn.facetsOnce.Do(func() {
			sn.allFacets = countFacets(ix.ft.view(), sn, f, allDocs(sn, f))
		})
		res.Facets = sn.allFacets
		return res
	}
	cands := allDocs(sn, f)
	res.Facets = countFacets(ix.ft.view(), sn, f, cands)
	hits := cands[:0]
	for _, c := range cands {
		if c.fails == 0 {
			hits = append(hits, c)
		}
	}
	res.Total = len(hits)
	top := topK(hits, min(len(hits), offset+limit))
	slices.SortFunc(top, func(a, b cand) int { return byScore(sn, a, b) })
	if offset >= len(top) {
		return res
	}
	for _, c := range top[offset:] {
		res.Hits = append(res.Hits, ix.hit(sn, c, nil, make(map[string][]Span)))
	}
	return res
}

// allDocs returns every live document that fails at most one filter key,
// scored by its prior.
func allDocs(sn *snapshot, f *filter) []cand {
	var out []cand
	for si, v := range sn.segs {
		for d := range v.seg.docs {
			if v.del.has(uint32(d)) {
				continue
			}
			fails := f.fails(v.seg.facetPairs(uint32(d)))
			if fails&(fails-1) == 0 {
				out = append(out, cand{seg: int32(si), doc: uint32(d), score: v.seg.prior[d], fails: fails})
			}
		}
	}
	return out
}

// Highlight marks the words of text that the query matched, for callers that
// show text the index does not keep (a full manual, say).
func (r *Result) Highlight(text string) []Span {
	if r.dict == nil {
		return []Span{{Text: text}}
	}
	return highlight(r.dict, r.terms, text, false)
}
