// Package report is the old home of the satisfaction report, kept for one
// step so that its callers build while they move to report/satisfaction.
//
// Deprecated: use github.com/openinfo/openinfo/report/satisfaction.
package report

import (
	"context"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// Deprecated: use satisfaction.Query.
type Query = satisfaction.Query

// Deprecated: use satisfaction.Row.
type Row = satisfaction.Row

// Deprecated: use satisfaction.Report.
type Report = satisfaction.Report

// Deprecated: use satisfaction.BenchResult.
type BenchResult = satisfaction.BenchResult

// Deprecated: use satisfaction.Build.
func Build(ctx context.Context, db *store.DB, q Query) (*Report, error) {
	return satisfaction.Build(ctx, db, q)
}

// Deprecated: use satisfaction.Round2.
func Round2(v float64) float64 { return satisfaction.Round2(v) }

// Deprecated: use satisfaction.LargestRoot.
func LargestRoot(ctx context.Context, db *store.DB, period openinfo.Period) (*openinfo.Agency, error) {
	return satisfaction.LargestRoot(ctx, db, period)
}

// Deprecated: use satisfaction.Bench.
func Bench(ctx context.Context, db *store.DB, q Query, runs int) (BenchResult, error) {
	return satisfaction.Bench(ctx, db, q, runs)
}
