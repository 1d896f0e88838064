// Package reportbench times the rating reports of package report/satisfaction from the
// roll-ups against the same reports by plain GROUP BY over the raw ratings.
// Only cmd/openinfo-bench uses it, so the server binary does not carry it.
package reportbench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// Result compares the report from the roll-ups with the same report
// computed by plain GROUP BY over the raw ratings, in the same run.
type Result struct {
	Scope   string
	Ratings int64         // ratings the report covers
	Rollup  time.Duration // median of the runs
	Raw     time.Duration
	Same    bool // both gave the same numbers
}

// Speedup is how many times faster the roll-ups are.
func (b Result) Speedup() float64 { return float64(b.Raw) / float64(b.Rollup) }

func (b Result) String() string {
	return fmt.Sprintf("%s, %d ratings: roll-ups %s, plain GROUP BY %s (%.0f× faster), same numbers: %v",
		b.Scope, b.Ratings, b.Rollup.Round(10*time.Microsecond), b.Raw.Round(100*time.Microsecond), b.Speedup(), b.Same)
}

// LargestRoot returns the root agency (a ministry, usually) with the most
// ratings in period: the worst case of an agency satisfaction.
func LargestRoot(ctx context.Context, db *store.DB, period openinfo.Period) (*openinfo.Agency, error) {
	rep, err := satisfaction.Build(ctx, db, satisfaction.Query{Period: period, Comments: 1})
	if err != nil {
		return nil, err
	}
	if len(rep.Agencies) == 0 {
		return nil, fmt.Errorf("no ratings in %s", period.Label("en"))
	}
	return db.Agency(ctx, rep.Agencies[0].ID)
}

// Run builds the report of q runs times each way and keeps the medians.
func Run(ctx context.Context, db *store.DB, q satisfaction.Query, runs int) (Result, error) {
	var res Result
	time1 := func(raw bool) (time.Duration, *satisfaction.Report, error) {
		var ds []time.Duration
		var rep *satisfaction.Report
		for i := 0; i < runs; i++ {
			if raw && i > 0 && ds[0] > 5*time.Second {
				break // one run of a slow baseline is enough
			}
			qq := q
			qq.Raw = raw
			start := time.Now()
			r, err := satisfaction.Build(ctx, db, qq)
			if err != nil {
				return 0, nil, err
			}
			ds = append(ds, time.Since(start))
			rep = r
		}
		slices.Sort(ds)
		return ds[len(ds)/2], rep, nil
	}
	var a, b *satisfaction.Report
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
