package search

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/openinfo/openinfo/search/thai"
)

// TestConcurrentReadWrite searches while documents are upserted, deleted
// and merged in the background; every search must see a consistent index.
func TestConcurrentReadWrite(t *testing.T) {
	ix := New(thai.Default())
	defer ix.Close()
	ix.Upsert(syntheticCorpus(3000, 2)...)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var searches atomic.Int64
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				res := ix.Search(Query{Text: benchQueries[(i+r)%len(benchQueries)], Limit: 10})
				if len(res.Hits) > res.Total {
					t.Errorf("%d hits of %d", len(res.Hits), res.Total)
				}
				searches.Add(1)
			}
		}()
	}
	for i := range 300 {
		id := int64(900000 + i%40)
		ix.Upsert(Doc{Kind: KindManual, ID: id, Title: fmt.Sprintf("การขอรับเงินอุดหนุนพิเศษ รอบที่ %d", i)})
		if i%7 == 0 {
			ix.Delete(KindManual, id)
		}
	}
	stop.Store(true)
	wg.Wait()
	ix.Compact()
	r := ix.Search(Query{Text: "เงินอุดหนุนพิเศษ", Limit: 100})
	want := 0
	for i := range 40 {
		// Document 900000+i exists unless its last write was a delete.
		last := 260 + i
		if last >= 300 {
			last -= 40
		}
		if last%7 != 0 {
			want++
		}
	}
	if r.Total != want {
		t.Errorf("after the writes: %d documents, want %d", r.Total, want)
	}
	t.Logf("%d searches during 300 writes", searches.Load())
}
