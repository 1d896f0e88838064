// Package licencebench times the licence reports' national roll-up (issue
// 14) from the roll-up table against the same numbers by a plain GROUP BY
// over the raw reports, in the same run. Only cmd/openinfo-bench and its
// own benchmark use it, so the server binary does not carry it.
package licencebench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Result compares one view both ways: the monthly totals and the breakdown
// by child agency of a scope (the country, or an agency's subtree).
type Result struct {
	Scope    string
	From, To int
	Reports  int // submitted reports the view sums
	Rows     int // breakdown rows
	Rollup   time.Duration
	Raw      time.Duration
	Same     bool // both gave the same numbers
}

// Speedup is how many times faster the roll-up is.
func (r Result) Speedup() float64 { return float64(r.Raw) / float64(r.Rollup) }

func (r Result) String() string {
	return fmt.Sprintf("%s, %s – %s, %d reports, %d breakdown rows: roll-up %s, plain GROUP BY %s (%.0f× faster), same numbers: %v",
		r.Scope, openinfo.MonthLabel(r.From, "en"), openinfo.MonthLabel(r.To, "en"), r.Reports, r.Rows,
		r.Rollup.Round(10*time.Microsecond), r.Raw.Round(100*time.Microsecond), r.Speedup(), r.Same)
}

type view struct {
	totals []store.LicenceMonthTotal
	rows   []store.LicenceBreakdownRow
}

// Run builds the view of agencyID (0: the country) for from..to runs times
// each way and keeps the medians; a baseline slower than 5 s runs once.
func Run(ctx context.Context, db *store.DB, agencyID int64, from, to, runs int) (Result, error) {
	res := Result{Scope: "whole country", From: from, To: to}
	if agencyID != 0 {
		a, err := db.Agency(ctx, agencyID)
		if err != nil {
			return res, err
		}
		res.Scope = a.Name("en")
	}
	time1 := func(raw bool) (time.Duration, view, error) {
		var ds []time.Duration
		var v view
		for i := 0; i < max(runs, 1); i++ {
			if raw && i > 0 && ds[0] > 5*time.Second {
				break
			}
			start := time.Now()
			var err error
			if raw {
				if v.totals, err = db.LicenceTotalsRaw(ctx, agencyID, from, to); err == nil {
					v.rows, err = db.LicenceBreakdownRaw(ctx, agencyID, from, to)
				}
			} else {
				if v.totals, err = db.LicenceTotals(ctx, agencyID, from, to); err == nil {
					v.rows, err = db.LicenceBreakdown(ctx, agencyID, from, to)
				}
			}
			if err != nil {
				return 0, v, err
			}
			ds = append(ds, time.Since(start))
		}
		slices.Sort(ds)
		return ds[len(ds)/2], v, nil
	}
	var a, b view
	var err error
	if res.Rollup, a, err = time1(false); err != nil {
		return res, err
	}
	if res.Raw, b, err = time1(true); err != nil {
		return res, err
	}
	for _, t := range a.totals {
		res.Reports += t.Reports
	}
	res.Rows = len(a.rows)
	res.Same = fmt.Sprint(a.totals, a.rows) == fmt.Sprint(b.totals, b.rows)
	return res, nil
}

// LastYear returns the 12 months up to the latest month with submitted
// reports (a fiscal year's span) and the top-level agency with the most
// reports in them.
func LastYear(ctx context.Context, db *store.DB) (from, to int, top int64, err error) {
	tot, err := db.LicenceTotals(ctx, 0, 0, 999999)
	if err != nil || len(tot) == 0 {
		return 0, 0, 0, fmt.Errorf("no submitted licence reports (run openinfo gen-data first): %v", err)
	}
	to = tot[len(tot)-1].Month
	from = to - 100 + 1
	if to%100 == 12 {
		from = to - 11
	}
	rows, err := db.LicenceBreakdown(ctx, 0, from, to)
	if err != nil {
		return 0, 0, 0, err
	}
	best := 0
	for _, r := range rows {
		if r.Reports > best {
			best, top = r.Reports, r.AgencyID
		}
	}
	return from, to, top, nil
}

// LastFiscalYear is the months of the latest fiscal year (October to
// September) that ended by month to.
func LastFiscalYear(to int) (from, end int) {
	y := to / 100
	if to%100 < 9 {
		y--
	}
	return (y-1)*100 + 10, y*100 + 9
}

// MissingResult is the search for one scope's missing reporters of a month
// (store.MissingReporters: what the summary page, the tasks and the daily
// licence.reminders job ask).
type MissingResult struct {
	Scope     string
	Month     int
	Reporters int // missing reporters
	Reports   int // reports they have not sent
	Took      time.Duration
}

func (r MissingResult) String() string {
	return fmt.Sprintf("%s, %s: %d missing reporters, %d reports not sent: %s", r.Scope, openinfo.MonthLabel(r.Month, "en"),
		r.Reporters, r.Reports, r.Took.Round(100*time.Microsecond))
}

// Missing times the missing reporters of month under agencyID (0: the
// country) runs times and keeps the median.
func Missing(ctx context.Context, db *store.DB, agencyID int64, month, runs int) (MissingResult, error) {
	res := MissingResult{Scope: "whole country", Month: month}
	path := ""
	if agencyID != 0 {
		a, err := db.Agency(ctx, agencyID)
		if err != nil {
			return res, err
		}
		res.Scope, path = a.Name("en"), a.Path
	}
	var ds []time.Duration
	for i := 0; i < max(runs, 1); i++ {
		start := time.Now()
		m, err := db.MissingReporters(ctx, month, path)
		if err != nil {
			return res, err
		}
		ds = append(ds, time.Since(start))
		res.Reporters, res.Reports = len(m), 0
		for _, x := range m {
			res.Reports += x.Missing
		}
	}
	slices.Sort(ds)
	res.Took = ds[len(ds)/2]
	return res, nil
}
