package search

import (
	"cmp"
	"maps"
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
	// Relaxed is true when nothing matched most of the query's words and
	// the hits match any of them.
	Relaxed bool
	// Partial is true when some hits of the page match only some of the
	// query's words (Hit.Partial).
	Partial bool
	// Grouped is true when hits are groups of copies (Query.Group).
	Grouped bool

	dict   *thai.Dict
	terms  map[string]bool
	scored int // blocks scored to rank the page (for tests)
}

// Hit is one matching document.
type Hit struct {
	DocRef
	Title, TitleEN, Agency, Place string
	Score                         float64
	// Partial is true when the hit matches only some of the query's words
	// (or of its correction, or of a rewriting with synonyms).
	Partial bool
	// Copies is, in a grouped search (Query.Group), how many matching
	// documents the hit stands for: copies of one process at as many
	// agencies ("มีให้บริการ 44 แห่ง"); 1 otherwise.
	Copies int
	// Preferred is true when the hit is its group's copy in the preferred
	// place (Query.Prefer) rather than its best copy.
	Preferred  bool
	TitleSpans []Span // the title, matched words marked
	BodySpans  []Span // a passage of the body around the first match
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
	sn := ix.snap.Load()
	c := ix.cache
	if !q.Group {
		q.Prefer = nil
	}
	if c == nil {
		return ix.search(sn, q, filters, limit, offset)
	}
	key := cacheKey(q.Text, filters, limit, offset)
	if q.RankOnly {
		key = "\x01" + key
	}
	if q.Group {
		key = "\x02" + key
		for _, k := range slices.Sorted(maps.Keys(q.Prefer)) {
			key += "\x00" + k + "\x00" + q.Prefer[k]
		}
	}
	if r, ok := c.get(sn, key); ok {
		return r
	}
	r := ix.search(sn, q, filters, limit, offset)
	c.put(sn, key, r)
	return r.shallowCopy()
}

// search runs a query on snapshot sn.
func (ix *Index) search(sn *snapshot, q Query, filters map[string][]string, limit, offset int) Result {
	text, rankOnly := q.Text, q.RankOnly
	f := newFilter(ix.ft, filters)
	p := ParseQuery(ix.dict, text)
	res := Result{dict: ix.dict}
	if len(p.words()) == 0 || sn.n == 0 {
		return ix.browse(sn, &f, limit, offset, res)
	}
	res.Grouped = q.Group

	ex := newExec(sn, &f)
	defer ex.release()
	pl := newPlan(sn, ix.dict, &ix.phrases)
	pl.add(ix, p, 1)
	plans := []*plan{pl}
	found := ex.add(pl, matchMost, 1)
	// Correction is decided by the quality of the match, not by the number
	// of results: a misspelt word matches as scattered fragments (see
	// fragments), and those find thousands of unrelated documents.
	frag := ix.fragments(pl, p)
	if frag != nil || found < fewResults || unknownWord(pl, p) {
		if corrected, ok := ix.correct(pl, p, frag); ok {
			pc := newPlan(sn, ix.dict, &ix.phrases)
			pc.add(ix, ParseQuery(ix.dict, corrected), 1)
			plans = append(plans, pc)
			w := float32(0.9)
			if frag != nil {
				w = 1 // what the fragments match is no better than the correction
			}
			if n := ex.add(pc, matchMost, w); n > 0 && (n >= found || frag != nil) {
				res.DidYouMean = corrected
			}
			found = ex.count()
		}
	}
	if found == 0 {
		for _, pl := range plans {
			if maxGroups(pl) > 1 {
				ex.add(pl, matchAny, 0.5)
			}
		}
		res.Relaxed = ex.count() > found
	}
	ex.finish()

	var terms map[string]bool // for marking hits: not needed for the ranking alone
	if !rankOnly {
		terms = make(map[string]bool, 32)
		for _, pl := range plans {
			pl.terms(terms)
		}
		res.Facets = ex.facets(ix.ft.view())
	}
	res.terms = terms
	res.Total = ex.total()
	ex.grouped = q.Group
	res = ix.page(sn, ex, res, terms, limit, offset, rankOnly)
	if q.Group {
		ix.groupCopies(ex, &res, q.Prefer, terms)
	}
	return res
}

// groupCopies fills in the copies of each hit of a grouped search, and
// makes a hit the copy in the preferred place when its group has one.
func (ix *Index) groupCopies(ex *exec, res *Result, prefer map[string]string, terms map[string]bool) {
	pref := ex.preferred(ix.ft, prefer)
	var mk *marker
	for i := range res.Hits {
		h := &res.Hits[i]
		n, alt, ok := ex.copies(ex.pageCands[i], pref)
		h.Copies = n
		if !ok || alt.seg == ex.pageCands[i].seg && alt.doc == ex.pageCands[i].doc {
			continue
		}
		s := &ex.sn.segs[alt.seg].seg.docs[alt.doc]
		// The same title: only the agency, place and body may differ.
		h.DocRef, h.Agency, h.Place, h.Preferred = s.ref, s.agency, s.place, true
		if terms != nil {
			if mk == nil {
				mk = newMarker(ix.dict, terms)
			}
			h.BodySpans = mk.snippet(s.body, snippetRunes, s.clean&cleanBody != 0, s.bodyToks)
		}
	}
}

// page fills in the hits of the page.
func (ix *Index) page(sn *snapshot, ex *exec, res Result, terms map[string]bool, limit, offset int, rankOnly bool) Result {
	if offset >= res.Total {
		return res
	}
	top := ex.top(offset + limit)
	res.scored = ex.blocksScored
	if offset >= len(top) {
		return res
	}
	top = top[offset:]
	ex.pageCands = top
	res.Hits = make([]Hit, len(top))
	for _, c := range top {
		res.Partial = res.Partial || c.partial
	}
	res.Partial = res.Partial || res.Relaxed
	if rankOnly {
		for i, c := range top {
			s := &sn.segs[c.seg].seg.docs[c.doc]
			res.Hits[i] = Hit{DocRef: s.ref, Title: s.title, TitleEN: s.titleEN, Agency: s.agency, Place: s.place, Score: float64(c.score), Partial: c.partial, Copies: 1}
		}
		return res
	}
	mk := newMarker(ix.dict, terms)
	titles, bodies := make(map[string][]Span), make(map[string][]Span)
	for i, c := range top {
		res.Hits[i] = ix.hit(sn, c, mk, titles, bodies)
	}
	return res
}

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

// byScore orders by score, then by kind and id so that pages are stable.
func byScore(sn *snapshot, a, b cand) int {
	if a.score != b.score {
		return cmp.Compare(b.score, a.score)
	}
	return compareRefs(sn.segs[a.seg].seg, a.doc, sn.segs[b.seg].seg, b.doc)
}

// hit fills in what a hit shows. titles and bodies keep the spans of the
// texts already marked for this query: hits often share a title or a
// template body.
func (ix *Index) hit(sn *snapshot, c cand, mk *marker, titles, bodies map[string][]Span) Hit {
	s := &sn.segs[c.seg].seg.docs[c.doc]
	title, ok := titles[s.title]
	if !ok {
		title = mk.highlight(s.title, s.clean&cleanTitle != 0, s.titleToks)
		titles[s.title] = title
	}
	body, ok := bodies[s.body]
	if !ok {
		body = mk.snippet(s.body, snippetRunes, s.clean&cleanBody != 0, s.bodyToks)
		bodies[s.body] = body
	}
	return Hit{
		DocRef: s.ref, Title: s.title, TitleEN: s.titleEN, Agency: s.agency, Place: s.place,
		Score: float64(c.score), Partial: c.partial, Copies: 1, TitleSpans: title, BodySpans: body,
	}
}

// browse answers a query with no words: with filters, the documents that
// pass them by Boost; without, only the facet counts of the whole index.
func (ix *Index) browse(sn *snapshot, f *filter, limit, offset int, res Result) Result {
	ex := newExec(sn, f)
	defer ex.release()
	ex.addAll()
	ex.finish()
	if f.all == 0 {
		sn.facetsOnce.Do(func() {
			sn.allFacets = ex.facets(ix.ft.view())
		})
		res.Facets = sn.allFacets
		return res
	}
	res.Facets = ex.facets(ix.ft.view())
	res.Total = ex.total()
	return ix.page(sn, ex, res, nil, limit, offset, false)
}

// Highlight marks the words of text that the query matched, for callers that
// show text the index does not keep (a full manual, say).
func (r *Result) Highlight(text string) []Span {
	if r.dict == nil {
		return []Span{{Text: text}}
	}
	return newMarker(r.dict, r.terms).highlight(text, false, nil)
}
