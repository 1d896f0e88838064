package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/portal"
)

// benchHTTP serves the site from the configured database on a loopback port
// and loads its public pages from 64 keep-alive connections, as wrk would,
// printing requests per second and latency percentiles per page. Client and
// server share the machine's cores, so the figures are a lower bound of
// what the server alone does.
func benchHTTP(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var duration time.Duration
	var conns int
	var profile, urls string
	var fill bool
	var renderVersion string
	c, err := app.ParseConfig("http", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&renderVersion, "render-version", "", "name the renderer of kept pages (default: a hash of this executable); "+
			"runs of rebuilt benchmarks that render the same pages may then share what an earlier run kept")
		fs.BoolVar(&fill, "fill", false, "with --keep-pages: render and keep every page first (the pages.render job's work, on all cores), "+
			"so the run measures the kept pages; without it, pages are kept as the run asks for them")
		fs.StringVar(&urls, "urls", "pages", "what to load: pages (home, search, 200 manuals, 200 points, one after the other), "+
			"all-manuals (rotate over every published manual's URL: the long tail), all-points (every visible service point's)")
		fs.DurationVar(&duration, "duration", 10*time.Second, "how long to load each page")
		fs.IntVar(&conns, "connections", 64, "concurrent keep-alive connections")
		fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the run to this file")
	})
	if err != nil {
		return err
	}
	switch urls {
	case "pages", "all-manuals", "all-points":
	default:
		return fmt.Errorf("--urls: pages, all-manuals or all-points, not %q", urls)
	}
	c.Demo = false
	c.Version = "bench"
	// No timed job runs inside the measurement (a daily export, the
	// pages' backfill: --fill does its work first).
	c.NoJobs = true
	c.RenderVersion = renderVersion
	// The server's heap limit, as openinfo serve sets it, so the resident
	// memory reported is the server's budget (plus the client's).
	if c.MemoryLimit > 0 && env("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(c.MemoryLimit)
	}
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	c.Addr = ln.Addr().String()
	c.Settle(c.Addr)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	site, err := app.BuildSite(sctx, c, db, quiet, false)
	if err != nil {
		return err
	}
	defer site.Close()
	srv := &http.Server{Handler: site.Handler()}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + c.Addr
	start := time.Now()
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 5*time.Minute {
			return fmt.Errorf("the site did not become ready (search index)")
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Fprintf(stdout, "database: %s; search index ready in %s; GOMAXPROCS %d; %d connections, %s per page; page cache %v; kept pages %v\n",
		db.Dialect(), time.Since(start).Round(100*time.Millisecond), runtime.GOMAXPROCS(0), conns, duration, c.PageCache, c.KeepPages)
	if fill && c.KeepPages {
		t := time.Now()
		var kinds []string // pages: both
		switch urls {
		case "all-manuals":
			kinds = []string{store.RenderedManual}
		case "all-points":
			kinds = []string{store.RenderedPoint}
		}
		n, err := site.Backfill(ctx, portal.BackfillOptions{Workers: runtime.GOMAXPROCS(0), Kinds: kinds})
		if err != nil {
			return fmt.Errorf("fill: %w", err)
		}
		fmt.Fprintf(stdout, "fill: %d pages rendered and kept in %s\n", n, time.Since(t).Round(100*time.Millisecond))
	}

	if urls != "pages" {
		return loadAll(ctx, db, base, urls, conns, duration, profile, stdout)
	}
	manuals, _, err := db.Manuals(ctx, store.ManualFilter{State: "published", Limit: 200})
	if err != nil {
		return err
	}
	points, _, err := db.ServicePoints(ctx, store.PointFilter{Limit: 200})
	if err != nil {
		return err
	}
	if len(points) == 0 {
		return fmt.Errorf("no service points: run gen-data first")
	}
	queries := []string{"ทำใบขับขี่", "จดทะเบียนสมรส", "ขออนุญาตก่อสร้างอาคาร", "แจ้งเกิด", "ภาษีป้าย", "ต่อภาษีรถ", "บัตรประชาชน", "เบี้ยยังชีพผู้สูงอายุ"}
	pages := []struct {
		name string
		url  func(r *rand.Rand) string
	}{
		{"home", func(*rand.Rand) string { return "/" }},
		{"search", func(r *rand.Rand) string { return "/search?q=" + url.QueryEscape(queries[r.IntN(len(queries))]) }},
		{"manual", func(r *rand.Rand) string { return fmt.Sprintf("/manuals/%d", manuals[r.IntN(len(manuals))].ProcessID) }},
		{"service point", func(r *rand.Rand) string { return fmt.Sprintf("/points/%d", points[r.IntN(len(points))].ID) }},
	}
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: false}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(stdout, "%-14s %10s %10s %10s %10s %8s\n", "page", "req/s", "p50", "p99", "max", "errors")
	for _, p := range pages {
		if p.name == "manual" && len(manuals) == 0 {
			fmt.Fprintf(stdout, "%-14s (no published manuals)\n", p.name)
			continue
		}
		lat, errs, took := load(ctx, client, base, p.url, conns, duration)
		slices.Sort(lat)
		pct := func(q float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(q*float64(len(lat))))]
		}
		fmt.Fprintf(stdout, "%-14s %10.0f %10s %10s %10s %8d\n", p.name, float64(len(lat))/took.Seconds(),
			pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond), errs)
	}
	fmt.Fprintf(stdout, "with wrk instead: wrk -t2 -c%d -d%s %s/ (and /search?q=..., /manuals/ID, /points/ID)\n", conns, duration, base)
	return nil
}

// load requests page URLs from conns workers for d; it returns every
// successful request's latency, the number of failures and the time taken.
func load(ctx context.Context, client *http.Client, base string, next func(*rand.Rand) string, conns int, d time.Duration) ([]time.Duration, int, time.Duration) {
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "GET", base+next(r), nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t := time.Now()
				res, err := client.Do(req)
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					bad++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, errs, time.Since(start)
}

// loadAll rotates over every URL of one kind (all-manuals, all-points) from
// conns workers for d: the workers share one shuffled list and take its
// URLs in turn, so no URL is asked twice before every one was asked once,
// as when crawlers and citizens from web search arrive on any page.
func loadAll(ctx context.Context, db *store.DB, base, urls string, conns int, d time.Duration, profile string, stdout io.Writer) error {
	q, prefix := `SELECT DISTINCT process_id FROM manual_revisions WHERE state = 'published'`, "/manuals/"
	if urls == "all-points" {
		q, prefix = `SELECT id FROM service_points WHERE visible`, "/points/"
	}
	rows, err := db.SQL().QueryContext(ctx, q)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("no URLs for %s: run gen-data first", urls)
	}
	rand.New(rand.NewPCG(19, 19)).Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	var at atomic.Int64
	next := func(*rand.Rand) string {
		return prefix + strconv.FormatInt(ids[int(at.Add(1)-1)%len(ids)], 10)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile() // if not stopped below
	}
	fmt.Fprintf(stdout, "load average before: %s; %s\n", loadAvg(), memory())
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // the peak below is the load's (Linux)
	// Meanwhile one citizen opens the home page again and again on a
	// connection of their own: how long does "/" take under the load?
	stopHome := sampleHome(ctx, base)
	lat, errs, took := load(ctx, client, base, next, conns, d)
	home, homeErrs := stopHome()
	if profile != "" {
		pprof.StopCPUProfile() // the load, not nginx's
	}
	slices.Sort(lat)
	slices.Sort(home)
	pct := func(lat []time.Duration, q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))].Round(10 * time.Microsecond)
	}
	fmt.Fprintf(stdout, "%-14s %10s %10s %10s %10s %8s %10s\n", "urls", "req/s", "p50", "p99", "max", "errors", "distinct")
	fmt.Fprintf(stdout, "%-14s %10.0f %10s %10s %10s %8d %10d\n", urls, float64(len(lat))/took.Seconds(),
		pct(lat, 0.50), pct(lat, 0.99), pct(lat, 1), errs, min(int(at.Load()), len(ids)))
	fmt.Fprintf(stdout, "%-14s %10.0f %10s %10s %10s %8d %10s\n", "home (1 conn)", float64(len(home))/took.Seconds(),
		pct(home, 0.50), pct(home, 0.99), pct(home, 1), homeErrs, "/")
	fmt.Fprintf(stdout, "rotating over %d %s URLs; load average after: %s; %s\n", len(ids),
		strings.TrimSuffix(strings.TrimPrefix(urls, "all-"), "s"), loadAvg(), memory())
	oi := float64(len(lat)) / took.Seconds()
	paths := make([]string, min(len(ids), nginxPages))
	for i := range paths {
		paths[i] = prefix + strconv.FormatInt(ids[i], 10)
	}
	return pairNginx(ctx, client, base, paths, conns, d, oi, stdout)
}

// sampleHome requests "/" from one connection of its own, one request
// after the other, until the returned function is called; that returns
// the latencies and the failures.
func sampleHome(ctx context.Context, base string) func() ([]time.Duration, int) {
	var lat []time.Duration
	errs := 0
	stop := make(chan struct{})
	done := make(chan struct{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}, Timeout: 30 * time.Second}
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			req, _ := http.NewRequestWithContext(ctx, "GET", base+"/", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			t := time.Now()
			res, err := client.Do(req)
			if err != nil {
				errs++
				continue
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				errs++
				continue
			}
			lat = append(lat, time.Since(t))
		}
	}()
	return func() ([]time.Duration, int) {
		close(stop)
		<-done
		return lat, errs
	}
}

// loadAvg is the machine's load average (1, 5 and 15 minutes).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// memory is the process's resident memory now and at its peak (server and
// client together).
func memory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "memory ?"
	}
	var rss, hwm string
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			hwm = strings.TrimSpace(v)
		}
	}
	return "resident " + rss + ", peak " + hwm + " (server and client in one process)"
}

// nginxPages is how many of the pages nginx serves when paired: their
// bytes are fetched from openinfo first, so not all 200,000.
const nginxPages = 3000

// pairNginx serves the gzip bytes openinfo answers for paths from nginx
// (gzip_static, one file per page) and loads them the same way: the
// reference of what serving those bytes costs on this machine, in the
// same run. Without nginx on PATH it says so and returns.
func pairNginx(ctx context.Context, client *http.Client, base string, paths []string, conns int, d time.Duration, oi float64, stdout io.Writer) error {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		fmt.Fprintln(stdout, "nginx: not installed, no pairing (apt-get install nginx)")
		return nil
	}
	dir, err := os.MkdirTemp("", "openinfo-bench-nginx-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	root := filepath.Join(dir, "root")
	var bytes int64
	for _, p := range paths {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+p, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Transport.RoundTrip(req) // the raw gzip bytes
		if err != nil {
			return err
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
			continue
		}
		f := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f+".gz", b, 0o644); err != nil {
			return err
		}
		bytes += int64(len(b))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`daemon off;
worker_processes %d;
user root;
pid %s/nginx.pid;
error_log %s/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	default_type "text/html; charset=utf-8";
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	server { listen %s; root %s; gzip_static always; etag on; }
}
`, runtime.GOMAXPROCS(0), dir, dir, addr, root)), 0o644); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, "-c", conf, "-p", dir, "-e", filepath.Join(dir, "error.log"))
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	nbase := "http://" + addr
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(nbase + paths[0]); err == nil {
			res.Body.Close()
			break
		}
		if time.Since(start) > 10*time.Second {
			return fmt.Errorf("nginx did not start (see %s)", filepath.Join(dir, "error.log"))
		}
	}
	var at atomic.Int64
	next := func(*rand.Rand) string { return paths[int(at.Add(1)-1)%len(paths)] }
	lat, errs, took := load(ctx, client, nbase, next, conns, d)
	slices.Sort(lat)
	pct := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))]
	}
	ng := float64(len(lat)) / took.Seconds()
	fmt.Fprintf(stdout, "%-14s %10.0f %10s %10s %10s %8d %10d\n", "nginx", ng,
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond), errs, len(paths))
	fmt.Fprintf(stdout, "nginx served the same gzip bytes of the first %d pages (%d KiB): openinfo / nginx = %.3f\n", len(paths), bytes>>10, oi/ng)
	return nil
}
