package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/report/reportbench"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store/storebench"
)

// benchRatings runs "openinfo-bench ratings": ingestion against raw inserts,
// and the fiscal-year report of the largest ministry from the roll-ups
// against a plain GROUP BY over the raw ratings, on the configured database
// (run openinfo gen-data first). The ingestion benchmark takes out again
// everything it wrote (raw rows, once-per-day rows, its share of the
// roll-ups), so the reports and counts are as before.
func benchRatings(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var n, clients, runs, rounds int
	var period string
	var reports bool
	var profile string
	c, err := app.ParseConfig("ratings", args, env, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&n, "n", 20000, "ratings to ingest for the ingestion benchmark (0: skip it)")
		fs.IntVar(&clients, "clients", 64, "concurrent submitters (as HTTP handlers)")
		fs.IntVar(&rounds, "rounds", 3, "rounds of the ingestion benchmark (each rate is the median)")
		fs.IntVar(&storebench.WriterOptions.Workers, "writer-workers", 0, "rating writer transactions in flight (0: the default)")
		fs.DurationVar(&storebench.WriterOptions.Linger, "writer-linger", 0, "rating writer linger (0: the default)")
		fs.DurationVar(&storebench.WriterOptions.Gather, "writer-gather", 0, "how long the rating writer waits for as many ratings as its last batch (0: the default, negative: never)")
		fs.IntVar(&runs, "runs", 5, "runs of each report (the median is shown)")
		fs.BoolVar(&reports, "reports", true, "run the report benchmark")
		fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the ingestion benchmark to this file")
		fs.StringVar(&period, "period", fmt.Sprint(gendata.RatingFiscalYear), "report period (2568, 2568-Q1, 2568-01)")
	})
	if err != nil {
		return err
	}
	p, err := openinfo.ParsePeriod(period)
	if err != nil {
		return err
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	total, _ := db.RatingCount(ctx)
	fmt.Fprintf(stdout, "database: %s, %d ratings, GOMAXPROCS %d\n", db.Dialect(), total, runtime.GOMAXPROCS(0))
	if reports {
		root, err := reportbench.LargestRoot(ctx, db, p)
		if err != nil {
			return err
		}
		for _, q := range []satisfaction.Query{{Agency: root, Period: p}, {Period: p}} {
			res, err := reportbench.Run(ctx, db, q, runs)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, "report:", res)
		}
	}
	if n > 0 {
		pts, err := storebench.Points(ctx, db, 100000)
		if err != nil {
			return err
		}
		if profile != "" {
			f, err := os.Create(profile)
			if err != nil {
				return err
			}
			defer f.Close()
			pprof.StartCPUProfile(f)
		}
		res, err := storebench.Ingest(ctx, db, pts, n, clients, rounds)
		if profile != "" {
			pprof.StopCPUProfile()
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "ingest:", res)
	}
	return nil
}
