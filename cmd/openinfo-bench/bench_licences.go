package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/report/licencebench"
)

// benchLicences runs "openinfo-bench licences": the country's year of
// licence reports (monthly totals and the breakdown by top-level agency),
// and the same for the top-level agency with the most reports, from the
// roll-up against a plain GROUP BY over the raw reports, on the configured
// database (run openinfo gen-data first); then the missing reporters of the
// last two months for both. It only reads.
func benchLicences(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var runs, from, to int
	c, err := app.ParseConfig("licences", args, env, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&runs, "runs", 5, "runs of each view (the median is shown)")
		fs.IntVar(&from, "from", 0, "first month, yyyymm (default: the latest whole fiscal year, then the last 12 months)")
		fs.IntVar(&to, "to", 0, "last month, yyyymm")
	})
	if err != nil {
		return err
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	f, t, top, err := licencebench.LastYear(ctx, db)
	if err != nil {
		return err
	}
	// The latest whole fiscal year (read from the fiscal-year roll-up) and
	// the last 12 months (twelve monthly rows per agency), unless given.
	fyFrom, fyTo := licencebench.LastFiscalYear(t)
	spans := [][2]int{{fyFrom, fyTo}, {f, t}}
	if from != 0 && to != 0 {
		spans = [][2]int{{from, to}}
	}
	fmt.Fprintf(stdout, "database: %s, GOMAXPROCS %d\n", db.Dialect(), runtime.GOMAXPROCS(0))
	for _, sp := range spans {
		for _, id := range []int64{0, top} {
			res, err := licencebench.Run(ctx, db, id, sp[0], sp[1], runs)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, "licences:", res)
		}
	}
	prev := t - 1
	if t%100 == 1 {
		prev = t - 100 + 11
	}
	for _, m := range []int{prev, t} {
		for _, id := range []int64{0, top} {
			res, err := licencebench.Missing(ctx, db, id, m, runs)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, "missing reporters:", res)
		}
	}
	return nil
}
