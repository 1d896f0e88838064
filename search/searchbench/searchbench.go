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
// which Relevant returns true, plus those listed in RelevantRefs. Kind
// and Half group the figures (Result.Groups).
type LabelledQuery struct {
	Text         string
	Kind, Half   string
	Relevant     func(search.Doc) bool
	RelevantRefs []search.DocRef
}

// Grouper is an Engine whose hits are already distinct services (copies of
// one process shown once, search.Query.Group): it is asked for 10 hits.
// Other engines are asked for Options.Depth hits, of which the first 10
// distinct services are judged.
type Grouper interface {
	Grouped() bool
}

// Result is the measure of one engine over a query set. Quality is judged
// over distinct services (Options.Service): copies of one process at many
// agencies count once, as a citizen reads a page of results.
type Result struct {
	Engine   string
	Load     time.Duration // time to load the documents
	Queries  int           // queries with at least one relevant document
	Errors   int
	P50, P99 time.Duration // latency per query
	Quality
	// Groups has the quality per kind and half of the queries, by
	// "kind/half" (and "all/half").
	Groups map[string]Quality
	// PerQuery has, when Options.PerQuery asks for it, each query's
	// median latency and recall@10, in the order of the queries.
	PerQuery []QueryResult
}

// Quality is the relevance of an engine over some queries, over the first
// 10 distinct services of its results.
type Quality struct {
	N        int     // queries
	Recall1  float64 // share of queries whose first service answers them
	Recall10 float64 // mean of |relevant services ∩ top 10| / min(10, |relevant services|)
	MRR      float64 // mean reciprocal rank of the first relevant service in the top 10
}

func (q *Quality) add(r1, r10, rr float64) {
	q.N++
	q.Recall1 += r1
	q.Recall10 += r10
	q.MRR += rr
}

func (q *Quality) mean() {
	if q.N > 0 {
		q.Recall1 /= float64(q.N)
		q.Recall10 /= float64(q.N)
		q.MRR /= float64(q.N)
	}
}

// QueryResult is the measure of one query on one engine.
type QueryResult struct {
	Text     string
	P50      time.Duration
	Recall10 float64
	First    int // rank of the first relevant service among the first 10, 0 for none
	Err      bool
}

// Options tunes Run.
type Options struct {
	Repeat   int  // times each query is run for the latency figures (default 5)
	PerQuery bool // fill in Result.PerQuery
	// Service names the service a document is a copy of (a process
	// template); "" or nil: the document is a service of its own.
	Service func(search.DocRef) string
	// Depth is how many hits an engine that does not group is asked for,
	// to find its first 10 distinct services (default 100).
	Depth int
}

// Run loads docs into every engine, runs every query and measures
// latency and quality. A failing Load stops with the error; failing queries
// are counted in Errors.
func Run(ctx context.Context, docs []search.Doc, queries []LabelledQuery, engines []Engine, opt Options) ([]Result, error) {
	if opt.Repeat <= 0 {
		opt.Repeat = 5
	}
	if opt.Depth <= 0 {
		opt.Depth = 100
	}
	service := func(r search.DocRef) string {
		if opt.Service != nil {
			if s := opt.Service(r); s != "" {
				return s
			}
		}
		return fmt.Sprintf("%s/%d", r.Kind, r.ID)
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
		res := Result{Engine: e.Name(), Groups: map[string]Quality{}}
		limit := opt.Depth
		if g, ok := e.(Grouper); ok && g.Grouped() {
			limit = 10
		}
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
				hits, err = e.Search(ctx, q.Text, limit)
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
			r1, recall, rr := judge(hits, relevant[i], service)
			if opt.PerQuery {
				qr.Recall10 = recall
				if rr > 0 {
					qr.First = int(1/rr + 0.5)
				}
				res.PerQuery = append(res.PerQuery, qr)
			}
			res.Quality.add(r1, recall, rr)
			for _, key := range []string{q.Kind + "/" + q.Half, "all/" + q.Half} {
				g := res.Groups[key]
				g.add(r1, recall, rr)
				res.Groups[key] = g
			}
		}
		res.Quality.mean()
		for k, g := range res.Groups {
			g.mean()
			res.Groups[k] = g
		}
		res.P50, res.P99 = percentile(lat, 50), percentile(lat, 99)
		out = append(out, res)
	}
	return out, nil
}

// judge returns recall@1, recall@10 and the reciprocal rank of the first
// relevant service among the first 10 distinct services of hits. A
// service is relevant if a relevant document is one of its copies; a hit
// finds it if the hit itself is relevant.
func judge(hits []search.DocRef, rel map[search.DocRef]bool, service func(search.DocRef) string) (r1, recall, rr float64) {
	want := map[string]bool{}
	for r := range rel {
		want[service(r)] = true
	}
	rankOf := map[string]int{}
	found := map[string]bool{}
	first := 0 // rank of the first relevant service
	for _, h := range hits {
		s := service(h)
		rank, seen := rankOf[s]
		if !seen {
			if len(rankOf) == 10 {
				break
			}
			rank = len(rankOf) + 1
			rankOf[s] = rank
		}
		// A later copy of a service on the page may be the one that
		// answers (a province's).
		if rel[h] && !found[s] {
			found[s] = true
			if first == 0 || rank < first {
				first = rank
			}
		}
	}
	if first == 1 {
		r1 = 1
	}
	if first > 0 {
		rr = 1 / float64(first)
	}
	return r1, float64(len(found)) / float64(min(10, len(want))), rr
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
	fmt.Fprintln(tw, "engine\tload\tqueries\terrors\tp50\tp99\trecall@1\trecall@10\tMRR\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%v\t%d\t%d\t%v\t%v\t%.3f\t%.3f\t%.3f\t\n", r.Engine, r.Load.Round(time.Millisecond),
			r.Queries, r.Errors, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Recall1, r.Recall10, r.MRR)
	}
	return tw.Flush()
}

// PrintGroups writes the quality per half and kind of the queries, a
// table per half (kinds in the order given, then all), the engines side
// by side: recall@1, recall@10 and MRR over distinct services.
func PrintGroups(w io.Writer, results []Result, halves, kinds []string) error {
	for hi, half := range halves {
		if hi > 0 {
			fmt.Fprintln(w)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "%s half\t", half)
		for _, r := range results {
			fmt.Fprintf(tw, "%s\t\t\t", r.Engine)
		}
		fmt.Fprintln(tw)
		fmt.Fprint(tw, "kind (queries)\t")
		for range results {
			fmt.Fprint(tw, "r@1\tr@10\tMRR\t")
		}
		fmt.Fprintln(tw)
		for _, k := range append(slices.Clone(kinds), "all") {
			n := 0
			if len(results) > 0 {
				n = results[0].Groups[k+"/"+half].N
			}
			if n == 0 {
				continue
			}
			fmt.Fprintf(tw, "%s (%d)\t", k, n)
			for _, r := range results {
				g := r.Groups[k+"/"+half]
				fmt.Fprintf(tw, "%.3f\t%.3f\t%.3f\t", g.Recall1, g.Recall10, g.MRR)
			}
			fmt.Fprintln(tw)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
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
		fmt.Fprintf(tw, "\t%s p50\trecall\tfirst", r.Engine)
	}
	fmt.Fprintln(tw, "\t")
	for _, i := range order {
		fmt.Fprint(tw, first[i].Text)
		for _, r := range results {
			if i >= len(r.PerQuery) {
				fmt.Fprint(tw, "\t-\t-\t-")
				continue
			}
			q := r.PerQuery[i]
			if q.Err {
				fmt.Fprint(tw, "\terror\t-\t-")
				continue
			}
			fmt.Fprintf(tw, "\t%v\t%.2f\t%d", q.P50.Round(time.Microsecond), q.Recall10, q.First)
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

// Grouped: openinfo shows copies of one process once (search.Query.Group).
func (e *indexEngine) Grouped() bool { return true }

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
	r := e.ix.Search(search.Query{Text: q, Limit: limit, RankOnly: e.rankOnly, Group: true})
	out := make([]search.DocRef, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.DocRef
	}
	return out, nil
}

// Paired is the latency of the full grouped search (search.Query.Group, a
// page of 10 groups) against the same search ungrouped (a page of 10
// documents), on one index, the two run alternately on each query so that
// the machine's load falls on both alike.
type Paired struct {
	Queries                      int
	GroupedP50, GroupedP99       time.Duration
	UngroupedP50, UngroupedP99   time.Duration
	Slowest                      []PairedQuery // the queries slowest grouped, slowest first
	GroupedTotal, UngroupedTotal time.Duration
}

// PairedQuery is one query's median latency grouped and ungrouped.
type PairedQuery struct {
	Text               string
	Grouped, Ungrouped time.Duration
}

// RunPaired builds openinfo's index of docs and measures Paired over
// queries, each run repeat times both ways; slowest is how many queries
// Paired.Slowest lists.
func RunPaired(docs []search.Doc, queries []LabelledQuery, newDict func() *thai.Dict, repeat, slowest int) Paired {
	if newDict == nil {
		newDict = thai.Default
	}
	ix := search.New(newDict(), search.WithResultCache(0))
	defer ix.Close()
	ix.Upsert(docs...)
	ix.Compact()
	var g, u []time.Duration
	var per []PairedQuery
	out := Paired{}
	for _, q := range queries {
		fg, fu := len(g), len(u)
		for range max(repeat, 1) {
			t := time.Now()
			ix.Search(search.Query{Text: q.Text, Limit: 10, Group: true})
			g = append(g, time.Since(t))
			t = time.Now()
			ix.Search(search.Query{Text: q.Text, Limit: 10})
			u = append(u, time.Since(t))
		}
		per = append(per, PairedQuery{Text: q.Text, Grouped: percentile(g[fg:], 50), Ungrouped: percentile(u[fu:], 50)})
		out.Queries++
	}
	for i := range g {
		out.GroupedTotal += g[i]
		out.UngroupedTotal += u[i]
	}
	out.GroupedP50, out.GroupedP99 = percentile(g, 50), percentile(g, 99)
	out.UngroupedP50, out.UngroupedP99 = percentile(u, 50), percentile(u, 99)
	slices.SortStableFunc(per, func(a, b PairedQuery) int { return cmp.Compare(b.Grouped, a.Grouped) })
	out.Slowest = per[:min(slowest, len(per))]
	return out
}

// PrintPaired writes p.
func PrintPaired(w io.Writer, p Paired) error {
	r := func(a, b time.Duration) float64 {
		if b <= 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	us := func(d time.Duration) time.Duration { return d.Round(time.Microsecond) }
	fmt.Fprintf(w, "grouped against ungrouped, one index, alternately (%d queries):\n", p.Queries)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "search\tp50\tp99\ttotal\t")
	fmt.Fprintf(tw, "grouped (page of 10 services)\t%v\t%v\t%v\t\n", us(p.GroupedP50), us(p.GroupedP99), p.GroupedTotal.Round(time.Millisecond))
	fmt.Fprintf(tw, "ungrouped (page of 10 documents)\t%v\t%v\t%v\t\n", us(p.UngroupedP50), us(p.UngroupedP99), p.UngroupedTotal.Round(time.Millisecond))
	fmt.Fprintf(tw, "grouped / ungrouped\t%.2f×\t%.2f×\t%.2f×\t\n", r(p.GroupedP50, p.UngroupedP50), r(p.GroupedP99, p.UngroupedP99), r(p.GroupedTotal, p.UngroupedTotal))
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(p.Slowest) == 0 {
		return nil
	}
	fmt.Fprintln(w, "slowest grouped (median of the repeats):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "query\tgrouped\tungrouped\t")
	for _, q := range p.Slowest {
		fmt.Fprintf(tw, "%s\t%v\t%v\t\n", q.Text, us(q.Grouped), us(q.Ungrouped))
	}
	return tw.Flush()
}
