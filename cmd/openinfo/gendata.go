package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
)

// genData generates a deterministic data set and loads it, printing progress.
func genData(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var scale string
	var seed uint64
	c, err := parseConfig("gen-data", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&scale, "scale", "small", "small or national")
		fs.Uint64Var(&seed, "seed", 1, "random seed: the same seed makes the same data")
	})
	if err != nil {
		return err
	}
	if scale != "small" && scale != "national" {
		return fmt.Errorf("--scale must be small or national, not %q", scale)
	}
	start := time.Now()
	db, err := openDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	last := time.Time{}
	progress := func(stage string, done, total int) {
		if time.Since(last) < 500*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		fmt.Fprintf(stdout, "  %-16s %9d / %-9d %3d%%  (%s)\n", stage, done, total, pct, time.Since(start).Round(100*time.Millisecond))
	}
	fmt.Fprintf(stdout, "generating %s data set (seed %d) into %s\n", scale, seed, db.Dialect())
	ds, err := gendata.Generate(scale, seed, progress)
	if err != nil {
		return err
	}
	genTime := time.Since(start)
	res, err := db.Import(ctx, &store.Dataset{Agencies: ds.Agencies, Points: ds.Points}, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "done: %d agencies, %d service points in %s (generate %s, load %s)\n",
		res.Agencies, res.Points, time.Since(start).Round(100*time.Millisecond), genTime.Round(100*time.Millisecond),
		(time.Since(start) - genTime).Round(100*time.Millisecond))
	if size, err := db.Size(ctx); err == nil {
		fmt.Fprintf(stdout, "database size: %.1f MiB\n", float64(size)/(1<<20))
	}
	return nil
}
