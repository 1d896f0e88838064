package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/peers"
	"github.com/openinfo/openinfo/search/searchbench"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
)

// benchSearch runs "openinfo-bench search": the labelled queries of gendata
// against openinfo's index and, in the same run and on the same documents,
// SQLite FTS5 (trigram), PostgreSQL pg_trgm and a PostgreSQL tsvector over
// pre-segmented text. The documents are the generated data set, built in
// memory exactly as the search feed builds them from the database.
func benchSearch(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scale := fs.String("scale", gendata.ScaleNational, "data set: small or national")
	seed := fs.Uint64("seed", 1, "data set seed")
	engines := fs.String("engines", "openinfo,ranking,fts5,pg_trgm,tsvector", "engines to compare, comma-separated (ranking: openinfo asked for the ranked hits only, as the peers return; paired: openinfo's full search grouped and ungrouped, alternately on one index)")
	slowest := fs.Int("slowest", 10, "with paired: list this many of the slowest grouped queries")
	pgURL := fs.String("pg", env("OPENINFO_BENCH_PG"), "PostgreSQL URL for the PostgreSQL peers (empty: a throwaway cluster from /usr/lib/postgresql) ($OPENINFO_BENCH_PG)")
	repeat := fs.Int("repeat", 5, "times each query is run on openinfo's index for the latency figures")
	perQuery := fs.Bool("per-query", false, "also print each query's median latency and recall@10 on every engine")
	peerRepeat := fs.Int("peer-repeat", 2, "times each query is run on a peer")
	timeout := fs.Duration("timeout", 10*time.Second, "longest a peer may take for one query (longer: counted as an error)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of openinfo's queries to this file")
	half := fs.String("half", "", "run only the queries of this half (tuning, held-out); empty: both")
	depth := fs.Int("depth", 100, "hits asked of an engine that does not group copies, to judge its first 10 distinct services")
	dictPath := fs.String("dictionary", env("OPENINFO_DICTIONARY"), "Thai word list (empty: the system's hunspell-th when present) ($OPENINFO_DICTIONARY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, e := range strings.Split(*engines, ",") {
		switch e = strings.TrimSpace(e); e {
		case "openinfo", "ranking", "paired", "fts5", "pg_trgm", "tsvector":
			want[e] = true
		case "":
		default:
			return fmt.Errorf("bench search: unknown engine %q (openinfo, ranking, paired, fts5, pg_trgm, tsvector)", e)
		}
	}
	newDict := func() *thai.Dict {
		d := thai.Default()
		if *dictPath != "" {
			d.LoadFile(*dictPath) // checked once below
		} else {
			thai.LoadSystem(d)
		}
		return d
	}
	if *dictPath != "" {
		if _, err := thai.Default().LoadFile(*dictPath); err != nil {
			return fmt.Errorf("bench search: dictionary: %w", err)
		}
	}

	start := time.Now()
	ds, err := gendata.Generate(*scale, *seed, nil)
	if err != nil {
		return err
	}
	docs, queries, service := benchDocs(ds)
	if *half != "" {
		queries = slices.DeleteFunc(queries, func(q searchbench.LabelledQuery) bool { return q.Half != *half })
	}
	ds = nil
	runtime.GC()
	fmt.Fprintf(stdout, "data set: %s (seed %d), %d documents, %d labelled queries, generated in %v; GOMAXPROCS %d\n",
		*scale, *seed, len(docs), len(queries), time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))

	if want["paired"] {
		// First, while the peers' data is not yet in memory.
		fmt.Fprintf(stderr, "bench search: paired: loading %d documents, then %d queries both ways\n", len(docs), len(queries))
		p := searchbench.RunPaired(docs, queries, newDict, *repeat, *slowest)
		debug.FreeOSMemory()
		if err := searchbench.PrintPaired(stdout, p); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
	}
	var list []searchbench.Engine
	if want["openinfo"] {
		list = append(list, searchbench.NewIndexEngine(newDict))
	}
	if want["ranking"] {
		list = append(list, searchbench.NewRankingEngine(newDict))
	}
	if want["fts5"] {
		dir, err := os.MkdirTemp("", "openinfo-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		fts, err := peers.NewSQLiteFTS(filepath.Join(dir, "fts.db"))
		if err != nil {
			return err
		}
		defer fts.Close()
		list = append(list, fts)
	}
	if want["pg_trgm"] || want["tsvector"] {
		url := *pgURL
		if url == "" {
			u, stop, err := pgtest.Throwaway()
			if err != nil {
				return fmt.Errorf("bench search: no PostgreSQL (give --pg, or leave out pg_trgm and tsvector with --engines): %w", err)
			}
			defer stop()
			url = u
		}
		db, err := sql.Open("pgx", url)
		if err != nil {
			return err
		}
		defer db.Close()
		if want["pg_trgm"] {
			list = append(list, peers.NewPgTrgm(db))
		}
		if want["tsvector"] {
			// The peer segments with the dictionary alone: adding the
			// words the index learns from the data lowered its recall
			// (0.70 → 0.65 on the national set), since it needs every
			// query word to match.
			list = append(list, peers.NewPgTSVector(db, newDict()))
		}
	}

	// Memory of openinfo's index: the live heap after loading it, less the
	// heap before (the documents themselves stay live throughout).
	var results []searchbench.Result
	for _, e := range list {
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		fmt.Fprintf(stderr, "bench search: %s: loading %d documents, then %d queries\n", e.Name(), len(docs), len(queries))
		n := *repeat
		own := e.Name() == searchbench.EngineIndex || e.Name() == searchbench.EngineRanking
		if !own {
			n = *peerRepeat
			e = timed{e, *timeout}
		} else if *cpuProfile != "" {
			e = &profiled{Engine: e, path: *cpuProfile}
		}
		res, err := searchbench.Run(ctx, docs, queries, []searchbench.Engine{e}, searchbench.Options{Repeat: n, PerQuery: *perQuery,
			Service: service, Depth: *depth})
		if err != nil {
			return err
		}
		results = append(results, res...)
		if own {
			var after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&after)
			fmt.Fprintf(stdout, "%s: built in %v, %d MiB of heap\n", e.Name(),
				res[0].Load.Round(time.Millisecond), (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20)
			// Free it before the peers run, so they are measured on
			// the same memory.
			e.Load(ctx, nil) // also ends the profile
			debug.FreeOSMemory()
		}
	}
	fmt.Fprintln(stdout)
	if err := searchbench.Print(stdout, results); err != nil {
		return err
	}
	printRatios(stdout, results)
	fmt.Fprintln(stdout, "\nper kind of query, over distinct services (recall@1, recall@10, MRR):")
	if err := searchbench.PrintGroups(stdout, results, []string{gendata.HalfHeldOut, gendata.HalfTuning}, gendata.QueryKinds); err != nil {
		return err
	}
	if *perQuery {
		fmt.Fprintln(stdout)
		return searchbench.PrintPerQuery(stdout, results)
	}
	return nil
}

// timed bounds each query of a peer: pg_trgm can take many seconds on
// national data, and the benchmark must end.
type timed struct {
	searchbench.Engine
	limit time.Duration
}

func (t timed) Search(ctx context.Context, q string, limit int) ([]search.DocRef, error) {
	ctx, cancel := context.WithTimeout(ctx, t.limit)
	defer cancel()
	return t.Engine.Search(ctx, q, limit)
}

// profiled writes a CPU profile of the queries, not of the load.
type profiled struct {
	searchbench.Engine
	path string
	f    *os.File
}

func (p *profiled) Load(ctx context.Context, docs []search.Doc) error {
	if p.f != nil {
		pprof.StopCPUProfile()
		p.f.Close()
		p.f = nil
	}
	if err := p.Engine.Load(ctx, docs); err != nil || docs == nil {
		return err
	}
	f, err := os.Create(p.path)
	if err != nil {
		return err
	}
	p.f = f
	return pprof.StartCPUProfile(f)
}

// printRatios compares openinfo with the fastest peer.
func printRatios(w io.Writer, results []searchbench.Result) {
	own := func(r searchbench.Result) bool {
		return r.Engine == searchbench.EngineIndex || r.Engine == searchbench.EngineRanking
	}
	var best *searchbench.Result
	for k := range results {
		if r := results[k]; !own(r) && r.Errors < r.Queries && (best == nil || r.P50 < best.P50) {
			best = &results[k]
		}
	}
	if best == nil {
		return
	}
	fmt.Fprintf(w, "\nfastest peer: %s\n", best.Engine)
	for _, r := range results {
		if own(r) {
			fmt.Fprintf(w, "%s is %.1f× faster at p50 and %.0f× at p99; recall@1 %.3f vs %.3f, recall@10 %.3f vs %.3f, MRR %.3f vs %.3f\n",
				r.Engine, ratio(best.P50, r.P50), ratio(best.P99, r.P99), r.Recall1, best.Recall1, r.Recall10, best.Recall10, r.MRR, best.MRR)
		}
	}
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// benchDocs turns a generated data set into search documents (through the
// search feed's own conversions, so the benchmark indexes what a site does)
// and its labelled queries into searchbench.LabelledQuery; service names
// the process template a manual is a copy of.
func benchDocs(ds *gendata.Dataset) ([]search.Doc, []searchbench.LabelledQuery, func(search.DocRef) string) {
	kinds := map[string]openinfo.CatalogKind{}
	for _, t := range openinfo.DefaultCatalog() {
		kinds[t.Code] = t.Kind
	}
	agency := func(id int64) *openinfo.Agency { return &ds.Agencies[id-1] }
	docs := make([]search.Doc, 0, len(ds.Processes)+len(ds.Points)+len(ds.Agencies))
	// What a site indexes: the manuals of active agencies, the visible
	// points of active agencies, the active agencies.
	active := func(a *openinfo.Agency) bool { return a.Status == openinfo.StatusActive }
	for i := range ds.Processes {
		p := &ds.Processes[i]
		a := agency(p.AgencyID)
		if !active(a) {
			continue
		}
		md := store.ManualSearchDoc{ProcessID: p.ID, NameTH: p.NameTH, CommonNames: p.CommonNames, Content: p.Content,
			AgencyID: a.ID, AgencyName: a.NameTH, AgencyType: a.Type, Province: a.Contact.Address.ProvinceCode}
		for _, code := range p.TermCodes {
			md.Terms = append(md.Terms, openinfo.CatalogTerm{Kind: kinds[code], Code: code})
		}
		docs = append(docs, searchfeed.ManualDoc(&md))
	}
	for i := range ds.Points {
		pt := &ds.Points[i]
		a := agency(pt.AgencyID)
		if !pt.Visible || !active(a) {
			continue
		}
		docs = append(docs, searchfeed.PointDoc(&store.PointSearchDoc{Point: pt, AgencyName: a.NameTH, AgencyType: a.Type}))
	}
	for i := range ds.Agencies {
		if active(&ds.Agencies[i]) {
			docs = append(docs, searchfeed.AgencyDoc(&ds.Agencies[i]))
		}
	}
	// Relevance is judged on the manuals: a query's answer is the set of
	// generated manuals that Query.Relevant accepts.
	var queries []searchbench.LabelledQuery
	for _, q := range gendata.Queries() {
		var refs []search.DocRef
		for i := range ds.Processes {
			if active(agency(ds.Processes[i].AgencyID)) && q.Relevant(&ds.Processes[i], ds) {
				refs = append(refs, search.DocRef{Kind: search.KindManual, ID: ds.Processes[i].ID})
			}
		}
		if len(refs) > 0 {
			queries = append(queries, searchbench.LabelledQuery{Text: q.Text, Kind: q.Kind, Half: q.Half(), RelevantRefs: refs})
		}
	}
	templates := make(map[int64]string, len(ds.Processes))
	for i := range ds.Processes {
		templates[ds.Processes[i].ID] = ds.Processes[i].Template
	}
	service := func(r search.DocRef) string {
		if r.Kind == search.KindManual {
			return templates[r.ID]
		}
		return ""
	}
	return docs, queries, service
}
