// Command openinfo runs the whole system: the public portal and its tools.
//
//	openinfo [serve]      serve everything (default)
//	openinfo migrate      bring the database schema up to date
//	openinfo gen-data     fill a database with realistic Thai data
//	openinfo admin        first officers, for an outside OpenID provider
//	openinfo import PATH  import a bundle (docs/bundle.md)
//	openinfo export PATH  write the whole database as a bundle
//	openinfo backup FILE  copy the running SQLite database to FILE (online)
//	openinfo restore FILE put a backup back (every server stopped)
//	openinfo version      print the version
//	openinfo help         list commands and settings
//
// The benchmarks are a separate command, cmd/openinfo-bench, so this
// binary carries no benchmark code (ship_test.go checks it).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/app"
)

var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, nil); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "openinfo:", err)
		}
		os.Exit(1)
	}
}

// run is main without the process: tests call it with their own args,
// environment and writers. ready, if not nil, receives the listening address.
func run(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer, ready chan<- string) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, env, stderr, ready)
	case "migrate":
		return migrate(ctx, args, env, stdout, stderr)
	case "gen-data":
		return genData(ctx, args, env, stdout, stderr)
	case "admin":
		return adminCmd(ctx, args, env, stdout, stderr)
	case "import":
		return importCmd(ctx, args, env, stdout, stderr)
	case "export":
		return exportCmd(ctx, args, env, stdout, stderr)
	case "backup":
		return backupCmd(ctx, args, env, stdout, stderr)
	case "restore":
		return restoreCmd(ctx, args, env, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "openinfo", version)
		return nil
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", cmd)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `openinfo: the government contact information system (ศูนย์รวมข้อมูลเพื่อติดต่อราชการ)

Usage: openinfo [command] [flags]

Commands:
  serve      serve the portal (the default)
  migrate    bring the database schema up to date and exit
  gen-data   fill the database with realistic Thai data:
             --scale small|national (default small), --seed N (default 1)
  admin      first officers, for an outside OpenID provider:
             admin token --agency ID --role central_officer: print a first token
             admin grant --user LOGIN --role platform_admin: a role over all agencies
  import     import a bundle (directory or .zip, docs/bundle.md): import PATH
             [--dry-run] [--strict] [--report FILE] [--source NAME]
  export     write the database as a bundle: export DIR|FILE.zip [--source NAME] [--published]
  backup     backup FILE: copy the running SQLite database to FILE, online
             (no downtime); PostgreSQL: use pg_dump (see README)
  restore    restore FILE: put a backup back; refused while any server has
             the database open; PostgreSQL: use pg_restore (see README)
  version    print the version
  help       this text

Settings (every command; a flag wins over its environment variable):
`)
	app.PrintSettings(w)
}

func serve(ctx context.Context, args []string, env func(string) string, stderr io.Writer, ready chan<- string) error {
	c, err := app.ParseConfig("serve", args, env, stderr, nil)
	if err != nil {
		return err
	}
	c.Version = version
	log := c.Logger(stderr)
	// A soft heap limit: Go lets the heap grow to twice the live heap
	// between collections, which took the national data set to 2.1 GB
	// resident while the search index was built. GOMEMLIMIT wins.
	if c.MemoryLimit > 0 && env("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(c.MemoryLimit)
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database ready", "dialect", db.Dialect())
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	c.Settle(ln.Addr().String())
	demoLoaded := false
	if c.Demo {
		demo := gendata.Demo()
		if demoLoaded, err = db.LoadDemoOnce(ctx, importDataset(demo), gendata.DemoTags()...); err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		if demoLoaded {
			log.Info("demo data loaded into the new database")
		}
	}
	site, err := app.BuildSite(ctx, c, db, log, demoLoaded)
	if err != nil {
		return err
	}
	defer site.Close() // after Shutdown: flushes the rating writer
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	if c.DebugAddr != "" {
		go serveDebug(ctx, c.DebugAddr, log)
	}
	if c.MetricsAddr != "" {
		go serveMetrics(ctx, c.MetricsAddr, site.MetricsHandler(), log)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("openinfo is serving", "url", c.BaseURL, "listen", ln.Addr().String(), "dev", c.Dev, "version", version)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", c.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func migrate(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	c, err := app.ParseConfig("migrate", args, env, stderr, nil)
	if err != nil {
		return err
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	v, _, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s schema at version %d\n", db.Dialect(), v)
	if c.OIDCIssuer == "" { // the built-in provider will serve: its tables too
		v, err := app.MigrateDigitalID(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built-in Digital ID schema at version %d\n", v)
	}
	return nil
}

// serveMetrics serves /metrics on a listener of its own, for the monitoring
// network; the public site does not show it.
func serveMetrics(ctx context.Context, addr string, h http.Handler, log *slog.Logger) {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	log.Info("metrics listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("metrics listener", "err", err)
	}
}

// serveDebug serves Go's profiler on a loopback address, for measuring a
// running node (go tool pprof http://127.0.0.1:6060/debug/pprof/profile).
func serveDebug(ctx context.Context, addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	log.Info("profiler listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("profiler", "err", err)
	}
}
