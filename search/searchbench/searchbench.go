// Package searchbench measures search engines on the same documents and
// labelled queries: openinfo's index (package search) against the peers of
// package search/peers. Only cmd/openinfo-bench uses it, so the server
// binary does not carry it.
package searchbench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
)

// Engine is a search engine under comparison: openinfo's index (see
// NewIndexEngine) or a peer (package search/peers).
type Engine interface {
	Name() string
	// Load indexes docs, replacing anything loaded before.
	Load(ctx context.Context, docs []search.Doc) error
	// Search returns the best documents for q, best first.
	Search(ctx context.Context, q string, limit int) ([]search.DocRef, error)
}

// LabelledQuery is a query with the documents that answer it: those for
// which Relevant returns true, plus those listed in RelevantRefs.
type LabelledQuery struct {
	Text         string
	Relevant     func(search.Doc) bool
	RelevantRefs []search.DocRef
}

// Result is the measure of one engine over a query set.
type Result struct {
	Engine   string
	Load     time.Duration // time to load the documents
	Queries  int           // queries with at least one relevant document
	Errors   int
	P50, P99 time.Duration // latency per query
	Recall10 float64       // mean of |relevant ∩ top 10| / min(10, |relevant|)
	MRR      float64       // mean reciprocal rank of the first relevant hit in the top 10
	// PerQuery has, when Options.PerQuery asks for it, each query's
	// median latency and recall@10, in the order of the queries.
	PerQuery []QueryResult
}

// QueryResult is the measure of one query on one engine.
type QueryResult struct {
	Text     string
	P50      time.Duration
	Recall10 float64
	Err      bool
}

// Options tunes Run.
type Options struct {
	Repeat   int  // times each query is run for the latency figures (default 5)
	PerQuery bool // fill in Result.PerQuery
}

// Run loads docs into every engine, runs every query and measures
// latency and quality. A failing Load stops with the error; failing queries
// are counted in Errors.
func Run(ctx context.Context, docs []search.Doc, queries []LabelledQuery, engines []Engine, opt Options) ([]Result, error) {
	if opt.Repeat <= 0 {
		opt.Repeat = 5
	}
	relevant := make([]map[search.DocRef]bool, len(queries))
	for i, q := range queries {
		rel := make(map[search.DocRef]bool)
		for _, r := range q.RelevantRefs {
			rel[r] = true
		}
		if q.Relevant != nil {
			for k := range docs {
				if q.Relevant(docs[k]) {
					rel[docs[k].Ref()] = true
				}
			}
		}
		relevant[i] = rel
	}
	var out []Result
	for _, e := range engines {
		res := Result{Engine: e.Name()}
		start := time.Now()
		if err := e.Load(ctx, docs); err != nil {
			return out, fmt.Errorf("search: bench: load %s: %w", e.Name(), err)
		}
		res.Load = time.Since(start)
		var lat []time.Duration
		for i, q := range queries {
			if len(relevant[i]) == 0 {
				continue
			}
			var hits []search.DocRef
			var err error
			first := len(lat)
			for range opt.Repeat {
				t := time.Now()
				hits, err = e.Search(ctx, q.Text, 10)
				lat = append(lat, time.Since(t))
				if err != nil {
					break
				}
			}
			res.Queries++
			qr := QueryResult{Text: q.Text, P50: percentile(lat[first:], 50), Err: err != nil}
			if err != nil {
				res.Errors++
				if opt.PerQuery {
					res.PerQuery = append(res.PerQuery, qr)
				}
				continue
			}
			recall, rr := judge(hits, relevant[i])
			if opt.PerQuery {
				qr.Recall10 = recall
				res.PerQuery = append(res.PerQuery, qr)
			}
			res.Recall10 += recall
			res.MRR += rr
		}
		if res.Queries > 0 {
			res.Recall10 /= float64(res.Queries)
			res.MRR /= float64(res.Queries)
		}
		res.P50, res.P99 = percentile(lat, 50), percentile(lat, 99)
		out = append(out, res)
	}
	return out, nil
}

// judge returns recall@10 and the reciprocal rank of the first relevant hit.
func judge(hits []search.DocRef, rel map[search.DocRef]bool) (recall, rr float64) {
	found := 0
	for i, h := range hits[:min(10, len(hits))] {
		if rel[h] {
			found++
			if rr == 0 {
				rr = 1 / float64(i+1)
			}
		}
	}
	return float64(found) / float64(min(10, len(rel))), rr
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	d = slices.Clone(d)
	slices.Sort(d)
	return d[min(len(d)-1, len(d)*p/100)]
}

// Print writes results as a table.
func Print(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "engine\tload\tqueries\terrors\tp50\tp99\trecall@10\tMRR\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%v\t%d\t%d\t%v\t%v\t%.3f\t%.3f\t\n", r.Engine, r.Load.Round(time.Millisecond),
			r.Queries, r.Errors, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Recall10, r.MRR)
	}
	return tw.Flush()
}

// PrintPerQuery writes each query's median latency and recall@10 on every
// engine, one line a query, slowest on the first engine first.
func PrintPerQuery(w io.Writer, results []Result) error {
	if len(results) == 0 || len(results[0].PerQuery) == 0 {
		return nil
	}
	order := make([]int, len(results[0].PerQuery))
	for i := range order {
		order[i] = i
	}
	first := results[0].PerQuery
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(first[b].P50, first[a].P50) })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "query")
	for _, r := range results {
		fmt.Fprintf(tw, "\t%s p50\trecall", r.Engine)
	}
	fmt.Fprintln(tw, "\t")
	for _, i := range order {
		fmt.Fprint(tw, first[i].Text)
		for _, r := range results {
			if i >= len(r.PerQuery) {
				fmt.Fprint(tw, "\t-\t-")
				continue
			}
			q := r.PerQuery[i]
			if q.Err {
				fmt.Fprint(tw, "\terror\t-")
				continue
			}
			fmt.Fprintf(tw, "\t%v\t%.2f", q.P50.Round(time.Microsecond), q.Recall10)
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}

// indexEngine adapts a search.Index to Engine.
type indexEngine struct {
	dict     func() *thai.Dict
	opts     []search.Option
	ix       *search.Index
	rankOnly bool
}

// NewIndexEngine returns openinfo's index as an Engine; newDict gives
// the dictionary for each Load (nil: thai.Default).
func NewIndexEngine(newDict func() *thai.Dict, opts ...search.Option) Engine {
	if newDict == nil {
		newDict = thai.Default
	}
	return &indexEngine{dict: newDict, opts: opts}
}

// NewRankingEngine is NewIndexEngine asking only for the ranking
// (search.Query.RankOnly), which is what the peers return: the same work.
func NewRankingEngine(newDict func() *thai.Dict, opts ...search.Option) Engine {
	e := NewIndexEngine(newDict, opts...).(*indexEngine)
	e.rankOnly = true
	return e
}

// Names of openinfo's own engines.
const (
	EngineIndex   = "openinfo index"
	EngineRanking = "openinfo ranking only"
)

func (e *indexEngine) Name() string {
	if e.rankOnly {
		return EngineRanking
	}
	return EngineIndex
}

func (e *indexEngine) Load(_ context.Context, docs []search.Doc) error {
	if e.ix != nil {
		e.ix.Close()
	}
	// Latency is measured by repeating queries: no result cache, unless
	// the options ask for one.
	e.ix = search.New(e.dict(), append([]search.Option{search.WithResultCache(0)}, e.opts...)...)
	e.ix.Upsert(docs...)
	e.ix.Compact()
	return nil
}

func (e *indexEngine) Search(_ context.Context, q string, limit int) ([]search.DocRef, error) {
	if e.ix == nil {
		return nil, fmt.Errorf("search: index engine not loaded")
	}
	r := e.ix.Search(search.Query{Text: q, Limit: limit, RankOnly: e.rankOnly})
	out := make([]search.DocRef, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.DocRef
	}
	return out, nil
}
