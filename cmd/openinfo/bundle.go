package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/store"
)

// pathArg takes the bundle path from the command line: the first argument
// (openinfo import PATH --flags) or the last (openinfo import --flags PATH).
func pathArg(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	if n := len(args); n > 0 && !strings.HasPrefix(args[n-1], "-") {
		if n == 1 || !strings.HasPrefix(args[n-2], "-") || strings.Contains(args[n-2], "=") || boolFlag(args[n-2]) {
			return args[n-1], args[:n-1]
		}
	}
	return "", args
}

func boolFlag(f string) bool {
	f = strings.TrimLeft(f, "-")
	return f == "dry-run" || f == "strict" || f == "published"
}

// importCmd is `openinfo import PATH`: see docs/bundle.md.
func importCmd(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	path, args := pathArg(args)
	var opt importer.Options
	var report string
	var every time.Duration
	c, err := app.ParseConfig("import", args, env, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&opt.DryRun, "dry-run", false, "check everything and write the report, import nothing")
		fs.BoolVar(&opt.Strict, "strict", false, "import nothing when any record would be refused")
		fs.StringVar(&report, "report", "import-report.csv", "where to write the refused records (CSV)")
		fs.StringVar(&opt.Self, "source", "openinfo", "the source name of this database's own records")
		fs.IntVar(&opt.Batch, "batch", 1000, "records per transaction (ratings: four times as many)")
		fs.DurationVar(&every, "log-every", 10*time.Second, "progress log interval when not on a terminal")
	})
	if err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("import: say which bundle: openinfo import PATH [--dry-run] [--strict] [--report FILE]")
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = openinfo.WithActor(ctx, openinfo.Actor{Name: "openinfo import (command line)"})
	opt.Progress = importer.NewProgress(stderr, every)
	// The report is written as the problems are found: a bad bundle of
	// millions of records costs no memory.
	rf, err := os.Create(report)
	if err != nil {
		return fmt.Errorf("import: report: %w", err)
	}
	defer rf.Close()
	rbuf := bufio.NewWriter(rf)
	rw, err := importer.NewReportWriter(rbuf)
	if err != nil {
		return fmt.Errorf("import: report: %w", err)
	}
	opt.OnIssue = rw.Write
	res, err := importer.Import(ctx, db, path, opt)
	if ferr := rw.Flush(); ferr == nil {
		if ferr = rbuf.Flush(); ferr != nil {
			fmt.Fprintln(stderr, "import: report:", ferr)
		}
	} else {
		fmt.Fprintln(stderr, "import: report:", ferr)
	}
	if res != nil {
		importer.Summary(stdout, res)
		if res.Problems > 0 {
			fmt.Fprintf(stdout, "%d problems in %d refused records: see %s\n", res.Problems, res.Refused(), report)
		}
	}
	if err != nil {
		return err
	}
	switch {
	case res.Strict:
		return fmt.Errorf("import: --strict: %d records would be refused; nothing was imported", res.Refused())
	case res.DryRun:
		fmt.Fprintf(stdout, "dry run: nothing was written (%s)\n", res.Elapsed.Round(time.Millisecond))
	default:
		fmt.Fprintf(stdout, "imported in %s\n", res.Elapsed.Round(time.Millisecond))
	}
	return nil
}

// exportCmd is `openinfo export PATH`.
func exportCmd(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	path, args := pathArg(args)
	var source string
	var published bool
	c, err := app.ParseConfig("export", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&source, "source", "openinfo", "the source name written for this database's own records")
		fs.BoolVar(&published, "published", false, "only what the public portal shows, as /open-data's bundle: no officers, tokens, ratings, drafts, hidden points, dissolved agencies or delay notices")
	})
	if err != nil {
		return err
	}
	if path == "" {
		return fmt.Errorf("export: say where: openinfo export DIR or openinfo export FILE.zip")
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	entities := bundle.Entities
	var counts map[bundle.Entity]int
	if published {
		entities = store.PublishedEntities
		counts, err = exportPublished(ctx, db, path, source)
	} else {
		counts, err = importer.Export(ctx, db, path, source, stderr)
	}
	if err != nil {
		return err
	}
	for _, e := range entities {
		if n, ok := counts[e]; ok {
			fmt.Fprintf(stdout, "%-16s %9d\n", e, n)
		}
	}
	fmt.Fprintf(stdout, "exported to %s in %s\n", path, time.Since(start).Round(time.Millisecond))
	return nil
}

// exportPublished writes the published data set as a bundle at path (the
// file /open-data offers, made on demand).
func exportPublished(ctx context.Context, db *store.DB, path, source string) (map[bundle.Entity]int, error) {
	w, err := bundle.Create(path)
	if err != nil {
		return nil, err
	}
	if err := db.ExportPublishedBundle(ctx, source, w, nil); err != nil {
		return nil, errors.Join(err, w.Close())
	}
	return w.Counts(), w.Close()
}
