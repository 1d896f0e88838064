// Command openinfo-bench measures openinfo: it is not part of the server
// binary, so the benchmarks, the peer search engines and the throwaway
// PostgreSQL clusters they use ship with no installation.
//
//	go run ./cmd/openinfo-bench search   openinfo's search index against SQLite FTS5, pg_trgm and tsvector
//	go run ./cmd/openinfo-bench http     the site's public pages under load, from inside the process
//	go run ./cmd/openinfo-bench ratings  rating ingestion and the fiscal-year report
//	go run ./cmd/openinfo-bench licences the national licence roll-up against a plain GROUP BY
//
// http, ratings and licences take every setting of openinfo (openinfo help) and run
// on the configured database: fill it with openinfo gen-data first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "openinfo-bench:", err)
		}
		os.Exit(1)
	}
}

// run is main without the process, for tests.
func run(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "search":
		return benchSearch(ctx, args, env, stdout, stderr)
	case "http":
		return benchHTTP(ctx, args, env, stdout, stderr)
	case "ratings":
		return benchRatings(ctx, args, env, stdout, stderr)
	case "licences":
		return benchLicences(ctx, args, env, stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", cmd)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `openinfo-bench: benchmarks of openinfo (not part of the server binary)

Usage: go run ./cmd/openinfo-bench command [flags]

Commands:
  search     openinfo's search index against SQLite FTS5 (trigram), PostgreSQL
             pg_trgm and tsvector, on a generated data set:
             --scale small|national, --engines, --pg URL, --per-query, ...
  http       serve the site from the configured database on a loopback port
             and load its public pages: --duration, --connections, --cpuprofile;
             --urls all-manuals|all-points rotates over every manual or point
             URL of the database (the long tail) instead, "/" alongside;
             --fill renders and keeps every page first (kept pages)
  ratings    rating ingestion against raw inserts, and the fiscal-year report
             from roll-ups against a plain GROUP BY: --n, --clients, --runs, --reports
  licences   the country's year of licence reports (monthly totals, breakdown
             by top-level agency) from the roll-up against a plain GROUP BY
             over the raw reports: --runs, --from, --to

http, ratings and licences take every setting of openinfo (see openinfo help).
"command --help" lists a command's flags.
`)
}
