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
	// For the country (no agency): the breakdown listing every root, one
	// row each (RootsAll: what the country's report did before the
	// grouped view), and the first page of local governments (RootsLocal),
	// both from the roll-ups, medians of the same number of runs.
	AllRoots, LocalPage time.Duration
}

// Speedup is how many times faster the roll-ups are.
func (b Result) Speedup() float64 { return float64(b.Raw) / float64(b.Rollup) }

func (b Result) String() string {
	s := fmt.Sprintf("%s, %d ratings: roll-ups %s, plain GROUP BY %s (%.0f× faster), same numbers: %v",
		b.Scope, b.Ratings, b.Rollup.Round(10*time.Microsecond), b.Raw.Round(100*time.Microsecond), b.Speedup(), b.Same)
	if b.AllRoots > 0 {
		s += fmt.Sprintf("; every root listed (before) %s, local governments' first page %s",
			b.AllRoots.Round(10*time.Microsecond), b.LocalPage.Round(10*time.Microsecond))
	}
	return s
}

// LargestRoot returns the root agency (a ministry, usually) with the most
// ratings in period: the worst case of an agency satisfaction.
func LargestRoot(ctx context.Context, db *store.DB, period openinfo.Period) (*openinfo.Agency, error) {
	rep, err := satisfaction.Build(ctx, db, satisfaction.Query{Period: period, Comments: 1})
	if err != nil {
		return nil, err
	}
	for _, r := range rep.Agencies {
		if r.Group == "" {
			return db.Agency(ctx, r.ID)
		}
	}
	return nil, fmt.Errorf("no ratings in %s", period.Label("en"))
}

// Run builds the report of q runs times each way and keeps the medians.
func Run(ctx context.Context, db *store.DB, q satisfaction.Query, runs int) (Result, error) {
	var res Result
	time1 := func(raw bool, roots ...satisfaction.RootsView) (time.Duration, *satisfaction.Report, error) {
		var ds []time.Duration
		var rep *satisfaction.Report
		for i := 0; i < runs; i++ {
			if raw && i > 0 && ds[0] > 5*time.Second {
				break // one run of a slow baseline is enough
			}
			qq := q
			qq.Raw = raw
			if len(roots) > 0 {
				qq.Roots = roots[0]
			}
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
	if q.Agency == nil {
		if res.AllRoots, _, err = time1(false, satisfaction.RootsAll); err != nil {
			return res, err
		}
		if res.LocalPage, _, err = time1(false, satisfaction.RootsLocal); err != nil {
			return res, err
		}
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
