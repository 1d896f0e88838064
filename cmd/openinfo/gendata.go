package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// genData generates a deterministic data set and loads it, printing progress.
func genData(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var scale string
	var seed uint64
	var asOfFlag string
	c, err := app.ParseConfig("gen-data", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&scale, "scale", "small", "small or national")
		fs.Uint64Var(&seed, "seed", 1, "random seed: the same seed makes the same data")
		fs.StringVar(&asOfFlag, "as-of", "", "licence reports cover the 12 whole months before this day (YYYY-MM-DD, default today)")
	})
	if err != nil {
		return err
	}
	asOf := time.Now()
	if asOfFlag != "" {
		if asOf, err = time.ParseInLocation("2006-01-02", asOfFlag, thaitime.Bangkok); err != nil {
			return fmt.Errorf("--as-of: %w", err)
		}
		asOf = asOf.Add(12 * time.Hour)
	}
	if scale != "small" && scale != "national" {
		return fmt.Errorf("--scale must be small or national, not %q", scale)
	}
	start := time.Now()
	db, err := app.OpenDB(ctx, c)
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
	if err := db.SeedCatalog(ctx); err != nil { // the manuals' catalog terms
		return err
	}
	res, err := db.Import(ctx, importDataset(ds), progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "done: %d agencies, %d service points, %d manuals (%d pins) in %s (generate %s, load %s)\n",
		res.Agencies, res.Points, res.Processes, res.Pins, time.Since(start).Round(100*time.Millisecond), genTime.Round(100*time.Millisecond),
		(time.Since(start) - genTime).Round(100*time.Millisecond))
	if err := genRatings(ctx, db, ds, res, scale, seed, stdout, progress); err != nil {
		return err
	}
	if err := genLicences(ctx, db, ds, res, scale, seed, asOf, stdout, progress); err != nil {
		return err
	}
	start = time.Now()
	off := gendata.Offsets{Agency: res.AgencyOffset, Point: res.PointOffset, Process: res.ProcessOffset}
	n, err := db.LoadEgovRecords(ctx, func(emit func(*openinfo.EgovRecord) error) error {
		return gendata.Egov(ds, off, seed, asOf, emit)
	})
	if err != nil {
		return fmt.Errorf("load Section 10/16 records: %w", err)
	}
	fmt.Fprintf(stdout, "done: %d Section 10/16 records in %s\n", n, time.Since(start).Round(100*time.Millisecond))
	if size, err := db.Size(ctx); err == nil {
		fmt.Fprintf(stdout, "database size: %.1f MiB\n", float64(size)/(1<<20))
	}
	return nil
}

// importDataset is the generated data set as the store imports it.
func importDataset(ds *gendata.Dataset) *store.Dataset {
	out := &store.Dataset{Agencies: ds.Agencies, Points: ds.Points, Processes: make([]store.ImportProcess, len(ds.Processes))}
	for i := range ds.Processes {
		p := &ds.Processes[i]
		out.Processes[i] = store.ImportProcess{ID: p.ID, AgencyID: p.AgencyID, NameTH: p.NameTH, CommonNames: p.CommonNames,
			TermCodes: p.TermCodes, Content: p.Content, PointIDs: p.PointIDs}
	}
	return out
}

// genRatings loads the scale's satisfaction ratings (issue 6) for the points
// just imported: 10 million at national scale.
func genRatings(ctx context.Context, db *store.DB, ds *gendata.Dataset, res *store.ImportResult, scale string, seed uint64,
	stdout io.Writer, progress func(string, int, int)) error {
	n, err := gendata.RatingCount(scale)
	if err != nil || n == 0 {
		return err
	}
	pts := make([]gendata.RatingPoint, len(ds.Points))
	for i, p := range ds.Points {
		pts[i] = gendata.RatingPoint{ID: p.ID + res.PointOffset, AgencyID: p.AgencyID + res.AgencyOffset}
	}
	start := time.Now()
	loaded, err := db.LoadRatings(ctx, n, func(emit func(*openinfo.Rating) error) error {
		return gendata.Ratings(pts, n, seed, emit)
	}, progress)
	if err != nil {
		return fmt.Errorf("load ratings: %w", err)
	}
	fmt.Fprintf(stdout, "done: %d satisfaction ratings (fiscal year %d) in %s\n", loaded, gendata.RatingFiscalYear,
		time.Since(start).Round(100*time.Millisecond))
	return nil
}

// genLicences loads a year of licence reports and the delayed applications
// with their notices (issue 14) for the data set just imported.
func genLicences(ctx context.Context, db *store.DB, ds *gendata.Dataset, res *store.ImportResult, scale string, seed uint64,
	asOf time.Time, stdout io.Writer, progress func(string, int, int)) error {
	nCases, err := gendata.DelayCaseCount(scale)
	if err != nil {
		return err
	}
	start := time.Now()
	size0, _ := db.Size(ctx)
	off := gendata.Offsets{Agency: res.AgencyOffset, Point: res.PointOffset, Process: res.ProcessOffset}
	var data *gendata.LicenceData
	// About 12 reports a year per pin; for progress only.
	estimate := 12 * res.Pins
	n, err := db.LoadLicenceReports(ctx, estimate, func(emit func(*openinfo.LicenceReport) error) error {
		var err error
		data, err = gendata.Licences(ds, off, seed, asOf, nCases, emit)
		return err
	}, progress)
	if err != nil {
		return fmt.Errorf("load licence reports: %w", err)
	}
	rec := &store.LicenceRecords{Cases: data.Cases}
	for _, l := range data.Levels {
		rec.Levels = append(rec.Levels, store.ReportingLevelSwitch(l))
	}
	for _, l := range data.Locks {
		rec.Locks = append(rec.Locks, store.LicenceLock(l))
	}
	for _, u := range data.Unlocks {
		rec.Unlocks = append(rec.Unlocks, store.LoadedUnlock(u))
	}
	if err := db.LoadLicenceRecords(ctx, rec); err != nil {
		return fmt.Errorf("load delay notices: %w", err)
	}
	size1, _ := db.Size(ctx)
	fmt.Fprintf(stdout, "done: %d licence reports (%s – %s), %d locks, %d unlock requests, %d reporting-level switches, "+
		"%d delayed applications in %s (+%.1f MiB)\n", n, openinfo.MonthLabel(data.Months[0], "en"), openinfo.MonthLabel(data.Months[11], "en"),
		len(rec.Locks), len(rec.Unlocks), len(rec.Levels), len(rec.Cases), time.Since(start).Round(100*time.Millisecond),
		float64(size1-size0)/(1<<20))
	return nil
}
