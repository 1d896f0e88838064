package search

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo/search/thai"
)

var (
	nationalOnce  sync.Once
	nationalIndex *Index
)

// national builds (once) an index of the synthetic corpus at national size,
// or the size in OPENINFO_SEARCH_DOCS.
func national(tb testing.TB) *Index {
	nationalOnce.Do(func() {
		n := 310000
		if s := os.Getenv("OPENINFO_SEARCH_DOCS"); s != "" {
			fmt.Sscan(s, &n)
		}
		docs := syntheticCorpus(n, 1)
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		ix := New(thai.Default(), WithResultCache(0)) // measure searching, not the cache
		ix.Upsert(docs...)
		took := time.Since(start)
		docs = nil
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		sn := ix.snap.Load()
		postings := 0
		terms := 0
		for _, v := range sn.segs {
			postings += len(v.seg.pdocs)
			terms += len(v.seg.terms)
		}
		tb.Logf("built %d docs in %v: %d segments, %d terms, %d postings; live heap after GC %d MiB (before the build, with the corpus: %d MiB)",
			n, took.Round(time.Millisecond), len(sn.segs), terms, postings, after.HeapAlloc>>20, before.HeapAlloc>>20)
		nationalIndex = ix
	})
	return nationalIndex
}

// BenchmarkSearch runs typical queries against the national-size synthetic
// index and reports p50/p99 latency.
func BenchmarkSearch(b *testing.B) {
	ix := national(b)
	var lat []time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		q := benchQueries[i%len(benchQueries)]
		i++
		t := time.Now()
		ix.Search(Query{Text: q, Limit: 20})
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	}
}

// BenchmarkSearchCached is BenchmarkSearch with the result cache on: the
// queries repeat, so after the first round every search is a hit.
func BenchmarkSearchCached(b *testing.B) {
	ix := national(b)
	ix.cache = newResultCache(512)
	defer func() { ix.cache = nil }()
	var lat []time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		q := benchQueries[i%len(benchQueries)]
		i++
		t := time.Now()
		ix.Search(Query{Text: q, Limit: 20})
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	}
}
