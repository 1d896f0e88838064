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
// database (run openinfo gen-data first). It only reads.
func benchLicences(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var runs, from, to int
	c, err := app.ParseConfig("licences", args, env, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&runs, "runs", 5, "runs of each view (the median is shown)")
		fs.IntVar(&from, "from", 0, "first month, yyyymm (default: 12 months to the latest reported)")
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
	if from == 0 || to == 0 {
		from, to = f, t
	}
	fmt.Fprintf(stdout, "database: %s, GOMAXPROCS %d\n", db.Dialect(), runtime.GOMAXPROCS(0))
	for _, id := range []int64{0, top} {
		res, err := licencebench.Run(ctx, db, id, from, to, runs)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "licences:", res)
	}
	return nil
}
