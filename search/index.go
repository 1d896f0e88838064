package search

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/openinfo/openinfo/search/thai"
)

// Index is an in-memory search index. It is safe for concurrent use:
// searches never wait for writers, and writers (Upsert, Delete) are
// serialised among themselves.
type Index struct {
	dict *thai.Dict
	cfg  config
	ft   *facetTable
	gt   *groupTable
	syn  *learnedSynonyms

	phrases phraseCache

	snap  atomic.Pointer[snapshot]
	cache *resultCache // nil when disabled

	mu      sync.Mutex // serialises writers; guards the fields below
	locs    map[DocRef]loc
	merging bool
	merges  sync.WaitGroup
}

// loc is where the current version of a document lives.
type loc struct {
	seg   *segment
	local uint32
}

// snapshot is what a search reads: immutable once published.
type snapshot struct {
	segs []segView
	n    int // documents, counting deleted ones (as the document frequencies do)
	live int
	avg  [nFields]float32
	gen  uint64 // publication number

	facetsOnce sync.Once
	allFacets  map[string][]FacetCount
}

type segView struct {
	seg  *segment
	del  bitset
	ndel int
}

func (v *segView) live() int { return v.seg.len() - v.ndel }

type config struct {
	maxBody     int
	learnWords  bool
	maxSegments int
	background  bool
	cacheSize   int
}

// Option configures an Index.
type Option func(*config)

// WithStoredBody sets how many bytes of each Doc.Body are kept for body
// snippets (default 1024; the whole body is always indexed). Callers that
// have the full text can highlight it with Result.Highlight.
func WithStoredBody(n int) Option { return func(c *config) { c.maxBody = max(0, n) } }

// WithLearnWords sets whether Upsert adds the domain's words of the
// documents to the dictionary first (default true; see AddWords).
func WithLearnWords(on bool) Option { return func(c *config) { c.learnWords = on } }

// WithBackgroundMerge sets whether small segments are merged in the
// background (default true). Without it they are merged during Upsert.
func WithBackgroundMerge(on bool) Option { return func(c *config) { c.background = on } }

// WithResultCache sets how many results of recent searches are kept
// (default 512; 0 disables the cache). Cached results are only used while
// the index is unchanged: any Upsert or Delete invalidates them all.
func WithResultCache(n int) Option { return func(c *config) { c.cacheSize = max(0, n) } }

// New returns an empty index that segments text with dict (nil means an
// empty dictionary: search still works, at lower quality). The index adds
// words to dict as it learns them.
func New(dict *thai.Dict, opts ...Option) *Index {
	if dict == nil {
		dict = thai.NewDict()
	}
	ix := &Index{
		dict: dict,
		cfg:  config{maxBody: 1024, learnWords: true, maxSegments: 8, background: true, cacheSize: 512},
		ft:   newFacetTable(),
		gt:   newGroupTable(),
		syn:  newLearnedSynonyms(),
		locs: make(map[DocRef]loc),
	}
	for _, o := range opts {
		o(&ix.cfg)
	}
	if ix.cfg.cacheSize > 0 {
		ix.cache = newResultCache(ix.cfg.cacheSize)
	}
	ix.snap.Store(&snapshot{})
	return ix
}

// Dict returns the index's dictionary.
func (ix *Index) Dict() *thai.Dict { return ix.dict }

// Len returns the number of documents in the index.
func (ix *Index) Len() int { return ix.snap.Load().live }

// parallelBuild is the batch size from which Upsert builds on every core.
const parallelBuild = 20000

// Upsert adds documents, replacing earlier versions with the same Kind and
// ID. A batch is indexed into one new segment; a large batch (a full build)
// is indexed on all cores.
func (ix *Index) Upsert(docs ...Doc) { ix.upsert(docs, ix.cfg.learnWords) }

// UpsertLearnt is Upsert for documents whose words the caller has already
// given to AddWords (a bulk load learns from every name first, then adds
// the documents in batches): it skips learning them again.
func (ix *Index) UpsertLearnt(docs ...Doc) { ix.upsert(docs, false) }

func (ix *Index) upsert(docs []Doc, learn bool) {
	docs = lastVersions(docs)
	if len(docs) == 0 {
		return
	}
	if learn {
		ix.AddWords(docs...)
	}
	ix.syn.learn(docs)
	var avg *[nFields]float32
	if s := ix.snap.Load(); s.n > 0 {
		avg = &s.avg
	}
	seg := ix.build(docs, avg)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	cur := ix.snap.Load()
	dels := make(map[*segment][]uint32)
	for i := range seg.docs {
		ref := seg.docs[i].ref
		if old, ok := ix.locs[ref]; ok {
			dels[old.seg] = append(dels[old.seg], old.local)
		}
		ix.locs[ref] = loc{seg, uint32(i)}
	}
	segs := withDeletions(cur.segs, dels)
	segs = append(segs, segView{seg: seg})
	ix.publish(segs)
	ix.maybeMerge()
}

// Delete removes a document; it reports whether the document was there.
func (ix *Index) Delete(kind Kind, id int64) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ref := DocRef{kind, id}
	old, ok := ix.locs[ref]
	if !ok {
		return false
	}
	delete(ix.locs, ref)
	ix.publish(withDeletions(ix.snap.Load().segs, map[*segment][]uint32{old.seg: {old.local}}))
	ix.maybeMerge()
	return true
}

// lastVersions drops all but the last of the documents with the same
// reference.
func lastVersions(docs []Doc) []Doc {
	seen := make(map[DocRef]int, len(docs))
	dup := false
	for i := range docs {
		if _, ok := seen[docs[i].Ref()]; ok {
			dup = true
		}
		seen[docs[i].Ref()] = i
	}
	if !dup {
		return docs
	}
	out := make([]Doc, 0, len(seen))
	for i := range docs {
		if seen[docs[i].Ref()] == i {
			out = append(out, docs[i])
		}
	}
	return out
}

// build indexes docs into one segment, on all cores for a large batch.
// The documents are numbered in order of kind and title, so that those of
// one process are neighbours (see accel.go).
func (ix *Index) build(docs []Doc, avg *[nFields]float32) *segment {
	docs = clustered(docs)
	workers := runtime.GOMAXPROCS(0)
	if len(docs) < parallelBuild || workers < 2 {
		b := newBuilder(ix.dict, ix.ft, ix.gt, ix.cfg.maxBody)
		for i := range docs {
			b.add(&docs[i])
		}
		return b.finish(avg, false)
	}
	parts := make([]*segment, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(docs)*w/workers, len(docs)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := newBuilder(ix.dict, ix.ft, ix.gt, ix.cfg.maxBody)
			for i := lo; i < hi; i++ {
				b.add(&docs[i])
			}
			parts[w] = b.finish(avg, true)
		}()
	}
	wg.Wait()
	views := make([]segView, len(parts))
	for i, p := range parts {
		views[i] = segView{seg: p}
	}
	if avg == nil {
		a := viewAverages(views)
		avg = &a
	}
	return mergeSegments(views, *avg)
}

// clustered returns docs sorted by kind, title, prior (highest first) and id (a copy when
// they are not sorted yet).
func clustered(docs []Doc) []Doc {
	cmpDocs := func(a, b *Doc) int {
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		// Copies of a title (one template, thousands of local
		// governments) score alike: the most viewed first, then in the
		// order ties are ranked (see byScore), so that the first blocks
		// of the cluster fill the page and pruning skips the rest.
		if c := cmp.Compare(priorOf(b.Boost), priorOf(a.Boost)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	}
	if slices.IsSortedFunc(docs, func(a, b Doc) int { return cmpDocs(&a, &b) }) {
		return docs
	}
	order := make([]*Doc, len(docs))
	for i := range docs {
		order[i] = &docs[i]
	}
	slices.SortFunc(order, cmpDocs)
	out := make([]Doc, len(docs))
	for i, d := range order {
		out[i] = *d
	}
	return out
}

// withDeletions returns a copy of segs with the given documents deleted.
func withDeletions(segs []segView, dels map[*segment][]uint32) []segView {
	out := slices.Clone(segs)
	for i := range out {
		v := &out[i]
		if ids, ok := dels[v.seg]; ok {
			v.del = v.del.with(v.seg.len(), ids...)
			v.ndel = v.del.count()
		}
	}
	return out
}

// publish makes segs the snapshot that searches read. Called with mu held.
func (ix *Index) publish(segs []segView) {
	s := &snapshot{segs: segs, gen: ix.snap.Load().gen + 1}
	var sum [nFields]float64
	for _, v := range segs {
		s.n += v.seg.len()
		s.live += v.live()
		ls := v.seg.lenSums()
		for f := range sum {
			sum[f] += ls[f]
		}
	}
	s.avg = averages(sum, s.n)
	ix.snap.Store(s)
}

func viewAverages(views []segView) [nFields]float32 {
	var sum [nFields]float64
	n := 0
	for _, v := range views {
		n += v.seg.len()
		ls := v.seg.lenSums()
		for f := range sum {
			sum[f] += ls[f]
		}
	}
	return averages(sum, n)
}
