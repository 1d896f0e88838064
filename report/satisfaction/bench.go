package satisfaction

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// BenchResult compares the report from the roll-ups with the same report
// computed by plain GROUP BY over the raw ratings, in the same run.
type BenchResult struct {
	Scope   string
	Ratings int64         // ratings the report covers
	Rollup  time.Duration // median of the runs
	Raw     time.Duration
	Same    bool // both gave the same numbers
}

// Speedup is how many times faster the roll-ups are.
func (b BenchResult) Speedup() float64 { return float64(b.Raw) / float64(b.Rollup) }

func (b BenchResult) String() string {
	return fmt.Sprintf("%s, %d ratings: roll-ups %s, plain GROUP BY %s (%.0f× faster), same numbers: %v",
		b.Scope, b.Ratings, b.Rollup.Round(10*time.Microsecond), b.Raw.Round(100*time.Microsecond), b.Speedup(), b.Same)
}

// LargestRoot returns the root agency (a ministry, usually) with the most
// ratings in period: the worst case of an agency report.
func LargestRoot(ctx context.Context, db *store.DB, period openinfo.Period) (*openinfo.Agency, error) {
	rep, err := Build(ctx, db, Query{Period: period, Comments: 1})
	if err != nil {
		return nil, err
	}
	if len(rep.Agencies) == 0 {
		return nil, fmt.Errorf("no ratings in %s", period.Label("en"))
	}
	return db.Agency(ctx, rep.Agencies[0].ID)
}

// Bench builds the report of q runs times each way and keeps the medians.
func Bench(ctx context.Context, db *store.DB, q Query, runs int) (BenchResult, error) {
	var res BenchResult
	time1 := func(raw bool) (time.Duration, *Report, error) {
		var ds []time.Duration
		var rep *Report
		for i := 0; i < runs; i++ {
			if raw && i > 0 && ds[0] > 5*time.Second {
				break // one run of a slow baseline is enough
			}
			qq := q
			qq.Raw = raw
			start := time.Now()
			r, err := Build(ctx, db, qq)
			if err != nil {
				return 0, nil, err
			}
			ds = append(ds, time.Since(start))
			rep = r
		}
		slices.Sort(ds)
		return ds[len(ds)/2], rep, nil
	}
	var a, b *Report
	var err error
	if res.Rollup, a, err = time1(false); err != nil {
		return res, err
	}
	if res.Raw, b, err = time1(true); err != nil {
		return res, err
	}
	res.Scope = q.Period.Label("en")
	if q.Agency != nil {
		res.Scope = q.Agency.Name("en") + ", " + res.Scope
	}
	res.Ratings = a.Total.N
	res.Same = fmt.Sprint(a.Total, a.Months, a.Agencies, a.Points, a.Processes) == fmt.Sprint(b.Total, b.Months, b.Agencies, b.Points, b.Processes)
	return res, nil
}
