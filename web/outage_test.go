package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
)

func migrateDSN(dsn string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx)
}

// awayNode is one app node of TestDatabaseAway.
type awayNode struct {
	site *Server
	srv  *httptest.Server
	skew atomic.Int64 // added to the page cache's clock
}

// TestDatabaseAway (issue 19): two nodes on one PostgreSQL, under load
// (citizens rating at the counter, readers of cached and uncached pages
// and of search), while the database is stopped for a while
// (OPENINFO_OUTAGE_SECONDS, default 5) and started again. Checked: no 500
// at any time; no acknowledged rating lost and none stored twice; the
// rating form answers from the node's memory; cached pages are served
// (stale past their expiry); uncached ones answer 503 with Retry-After and
// the Thai page; search answers; /readyz says "degraded" (200) while the
// database is away and "ready" again after, and how long that took.
func TestDatabaseAway(t *testing.T) {
	if testing.Short() {
		t.Skip("stops a PostgreSQL cluster under load")
	}
	outage := 5 * time.Second
	if s, err := strconv.Atoi(os.Getenv("OPENINFO_OUTAGE_SECONDS")); err == nil && s > 0 {
		outage = time.Duration(s) * time.Second
	}
	cl := pgtest.NewCluster(t)
	dsn := cl.Database(t, migrateDSN)
	ctx := context.Background()

	// The data: a department, an office with two counters, a published manual.
	setup, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := setup.SeedCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	dept := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก", NameEN: "Department of Land Transport",
		Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "10"}}}
	if err := setup.CreateAgency(ctx, dept); err != nil {
		t.Fatal(err)
	}
	var points []*openinfo.ServicePoint
	var codes []string
	for _, name := range []string{"งานทะเบียนรถ", "งานใบอนุญาตขับรถ"} {
		p := &openinfo.ServicePoint{AgencyID: dept.ID, NameTH: name, Kind: openinfo.PointCounter, Visible: true}
		if err := setup.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		code, err := setup.RateCode(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		points, codes = append(points, p), append(codes, code)
	}
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dept.ID, AgencyPath: dept.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dept.ID, AgencyPath: dept.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	terms, _ := setup.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	proc := &openinfo.Process{AgencyID: dept.ID, NameTH: "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", CommonNames: []string{"ทำใบขับขี่"},
		TermIDs: []int64{terms[0].ID}}
	if err := setup.CreateProcess(ctx, proc); err != nil {
		t.Fatal(err)
	}
	rev, _ := setup.OpenRevision(ctx, proc.ID)
	if _, err := setup.SaveDraft(ctx, rev.ID, rev.Version, testManual(proc.NameTH), author, dept.Path); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		ev  openinfo.RevisionEvent
		who openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := setup.ApplyRevision(ctx, rev.ID, s.ev, s.who, dept.Path, ""); err != nil {
			t.Fatal(err)
		}
	}
	setup.Close()

	// Two nodes, each with its own pool, index, page cache and spool.
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	var nodes []*awayNode
	for i := 0; i < 2; i++ {
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ix := search.New(thai.Default())
		t.Cleanup(ix.Close)
		feed := searchfeed.New(db, ix, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err := feed.Load(ctx); err != nil {
			t.Fatal(err)
		}
		go feed.Run(runCtx, 200*time.Millisecond)
		n := &awayNode{}
		n.site, err = New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Search: ix, SearchReady: feed.Ready,
			SearchSync: feed.Sync, PageCache: true, RatingSpool: filepath.Join(t.TempDir(), fmt.Sprintf("node%d-ratings.jsonl", i)),
			RatingsPerHour: 1 << 30, RatingsPerPointPerHour: 1 << 30,
			// As deployed: manual and point pages kept rendered (they are
			// looked up in the database, which is away too).
			KeepPages: true, RenderVersion: "test", BaseURL: "http://openinfo.test"})
		if err != nil {
			t.Fatal(err)
		}
		n.site.micro.now = func() time.Time { return time.Now().Add(time.Duration(n.skew.Load())) }
		feed.OnChange(n.site.PurgePages)
		db.AfterChange(feed.Poke)
		n.srv = httptest.NewServer(n.site.Handler())
		t.Cleanup(n.srv.Close)
		t.Cleanup(n.site.Close)
		nodes = append(nodes, n)
	}

	client := &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(n *awayNode, path string) (int, string, http.Header, error) {
		req, _ := http.NewRequest("GET", n.srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		res, err := client.Do(req)
		if err != nil {
			return 0, "", nil, err
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(b), res.Header, nil
	}
	cached := []string{"/points/" + strconv.FormatInt(points[0].ID, 10), "/points/" + strconv.FormatInt(points[1].ID, 10),
		"/agencies/" + strconv.FormatInt(dept.ID, 10), "/manuals/" + strconv.FormatInt(proc.ID, 10)}
	// Warm up: each node has shown each page and rating form once.
	for _, n := range nodes {
		for _, p := range append(append([]string{"/readyz"}, cached...), "/rate/"+codes[0], "/rate/"+codes[1]) {
			if st, body, _, err := get(n, p); err != nil || st != 200 {
				t.Fatalf("warm-up %s: %d %v\n%.300s", p, st, err, body)
			}
		}
	}

	// The load, with what each phase saw.
	var phase atomic.Int32 // 0 before, 1 away, 2 after
	phases := []string{"before", "away", "after"}
	type key struct {
		phase int32
		kind  string
		code  int
	}
	var mu sync.Mutex
	seen := map[key]int{}
	var problems []string
	problem := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, a...))
		}
	}
	note := func(ph int32, kind string, code int) {
		mu.Lock()
		seen[key{ph, kind, code}]++
		mu.Unlock()
	}
	acked := map[string]bool{}
	var seq atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	// Citizens: each opens the form (a new device) and sends it.
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				n := nodes[(g+i)%2]
				code := codes[i%2]
				jar, _ := cookiejar.New(nil)
				c := &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: client.CheckRedirect}
				ph := phase.Load()
				res, err := c.Get(n.srv.URL + "/rate/" + code)
				if err != nil {
					problem("rating form: %v", err)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				note(ph, "rate form", res.StatusCode)
				if res.StatusCode != 200 {
					problem("rating form %s in phase %s: %d", code, phases[ph], res.StatusCode)
					continue
				}
				comment := fmt.Sprintf("load %d", seq.Add(1))
				form := url.Values{"v": {"1"}, "q_process": {"5"}, "q_staff": {"4"}, "q_facilities": {"3"}, "q_result": {"5"}, "comment": {comment}}
				ph = phase.Load()
				res, err = c.PostForm(n.srv.URL+"/rate/"+code, form)
				if err != nil {
					problem("rating: %v", err)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				note(ph, "rate submit", res.StatusCode)
				if res.StatusCode == http.StatusSeeOther && strings.HasSuffix(res.Header.Get("Location"), "/thanks") {
					mu.Lock()
					acked[comment] = true
					mu.Unlock()
				} else {
					problem("rating %s in phase %s: %d", comment, phases[ph], res.StatusCode)
				}
			}
		}(g)
	}
	// Readers: cached pages, uncached pages (a query nobody asked before),
	// search.
	var uncachedN atomic.Int64
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				n := nodes[(g+i)%2]
				ph := phase.Load()
				var kind, path string
				switch i % 3 {
				case 0:
					kind, path = "cached page", cached[i/3%len(cached)]
				case 1:
					kind, path = "uncached page", "/agencies?q="+url.QueryEscape(fmt.Sprintf("กรม%d", uncachedN.Add(1)))
				default:
					kind, path = "search", "/search?q="+url.QueryEscape("ใบขับขี่")
				}
				st, body, h, err := get(n, path)
				if err != nil {
					problem("%s: %v", path, err)
					continue
				}
				note(ph, kind, st)
				switch {
				case st == 500:
					problem("%s in phase %s: 500", path, phases[ph])
				case st == 503 && (h.Get("Retry-After") == "" || !strings.Contains(body, "ระบบฐานข้อมูลไม่พร้อมให้บริการชั่วคราว")):
					problem("%s: 503 without Retry-After or the Thai page", path)
				case ph == 1 && kind != "uncached page" && st != 200:
					problem("%s while the database is away: %d", path, st)
				case ph != 1 && st != 200 && phase.Load() == ph:
					problem("%s in phase %s: %d", path, phases[ph], st)
				}
				if kind == "search" && st == 200 && !strings.Contains(body, "ทำใบขับขี่") {
					problem("search in phase %s does not find the manual", phases[ph])
				}
			}
		}(g)
	}
	// /readyz on both nodes, every 20 ms.
	type readyAt struct {
		degraded, ready time.Time
	}
	readiness := make([]readyAt, len(nodes))
	var stoppedAt, startedAt atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			for i, n := range nodes {
				st, body, _, err := get(n, "/readyz")
				if err != nil {
					continue
				}
				now := time.Now()
				mu.Lock()
				switch {
				case st != 200:
					if len(problems) < 20 {
						problems = append(problems, fmt.Sprintf("node %d /readyz %d: %s", i, st, body))
					}
				case strings.HasPrefix(body, "degraded") && stoppedAt.Load() != 0 && readiness[i].degraded.IsZero():
					readiness[i].degraded = now
				case strings.HasPrefix(body, "ready") && startedAt.Load() != 0 && readiness[i].ready.IsZero():
					readiness[i].ready = now
				}
				mu.Unlock()
			}
		}
	}()

	time.Sleep(1500 * time.Millisecond)
	// "away" from the moment the database starts shutting down.
	phase.Store(1)
	stopped := time.Now()
	stoppedAt.Store(stopped.UnixNano())
	if err := cl.Stop(); err != nil {
		t.Fatal(err)
	}
	// Pages rendered before the outage are past their expiry now: served
	// stale, not rendered.
	for _, n := range nodes {
		n.skew.Store(int64(2 * time.Minute))
	}
	time.Sleep(outage - time.Since(stopped))
	if err := cl.Start(); err != nil {
		t.Fatal(err)
	}
	// "after" from the moment the database accepts connections again.
	started := time.Now()
	startedAt.Store(started.UnixNano())
	phase.Store(2)
	// Recovered: both nodes ready and their spools empty.
	var recovered, drained time.Duration
	for {
		mu.Lock()
		ready := !readiness[0].ready.IsZero() && !readiness[1].ready.IsZero()
		mu.Unlock()
		empty := nodes[0].site.portal.Spool().Pending() == 0 && nodes[1].site.portal.Spool().Pending() == 0
		if ready && recovered == 0 {
			recovered = time.Since(started)
		}
		if empty && drained == 0 {
			drained = time.Since(started)
		}
		if recovered != 0 && drained != 0 {
			break
		}
		if time.Since(started) > 60*time.Second {
			t.Fatalf("not recovered 60 s after the database returned: ready %v, spools %d and %d", ready,
				nodes[0].site.portal.Spool().Pending(), nodes[1].site.portal.Spool().Pending())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(time.Second) // load on the recovered nodes
	close(stop)
	wg.Wait()
	// What the load did not see replayed yet.
	for _, n := range nodes {
		deadline := time.Now().Add(30 * time.Second)
		for n.site.portal.Spool().Pending() > 0 {
			if time.Now().After(deadline) {
				t.Fatalf("spool not drained: %d", n.site.portal.Spool().Pending())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	// Every acknowledged rating stored, once.
	check, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	rows, err := check.SQL().QueryContext(ctx, `SELECT comment, count(*) FROM ratings WHERE comment LIKE 'load %' GROUP BY comment`)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for rows.Next() {
		var c string
		var n int
		rows.Scan(&c, &n)
		stored[c] = n
	}
	rows.Close()
	lost, twice := 0, 0
	for c := range acked {
		if stored[c] == 0 {
			lost++
		}
	}
	for _, n := range stored {
		if n > 1 {
			twice++
		}
	}
	var rollup int64
	// The roll-ups are read as every report reads them: after folding
	// what the writers committed but had not folded yet (issue 19).
	if err := check.FoldRatings(ctx); err != nil {
		t.Fatal(err)
	}
	check.SQL().QueryRowContext(ctx, `SELECT COALESCE(sum(n), 0) FROM rating_rollup_agency WHERE agency_id = 0 AND process_id = 0`).Scan(&rollup)
	var raw int64
	check.SQL().QueryRowContext(ctx, `SELECT count(*) FROM ratings WHERE NOT suspect`).Scan(&raw)

	// The figures.
	var lines []string
	for k, n := range seen {
		lines = append(lines, fmt.Sprintf("%-6s %-13s %d: %d", phases[k.phase], k.kind, k.code, n))
	}
	sort.Strings(lines)
	spooled := nodes[0].site.portal.Spool().Spooled.Load() + nodes[1].site.portal.Spool().Spooled.Load()
	stale := nodes[0].site.micro.staleServed.Load() + nodes[1].site.micro.staleServed.Load()
	t.Logf("outage %v; responses by phase, kind and status:\n%s", outage, strings.Join(lines, "\n"))
	t.Logf("ratings acknowledged %d, stored %d, lost %d, stored twice %d, kept in the spools %d; pages served stale %d",
		len(acked), len(stored), lost, twice, spooled, stale)
	for i := range nodes {
		t.Logf("node %d: degraded %v after the stop, ready %v after the start", i,
			readiness[i].degraded.Sub(stopped).Round(time.Millisecond), readiness[i].ready.Sub(started).Round(time.Millisecond))
	}
	t.Logf("recovery: both nodes ready %v and spools replayed %v after the database returned", recovered.Round(time.Millisecond), drained.Round(time.Millisecond))
	for _, p := range problems {
		t.Error(p)
	}
	if lost != 0 || twice != 0 {
		t.Errorf("%d acknowledged ratings lost, %d stored twice", lost, twice)
	}
	if rollup != raw {
		t.Errorf("the roll-ups count %d ratings, the raw table %d unflagged", rollup, raw)
	}
	if spooled == 0 || stale == 0 {
		t.Errorf("the outage was not felt: %d ratings spooled, %d pages stale", spooled, stale)
	}
	for i := range nodes {
		if readiness[i].degraded.IsZero() {
			t.Errorf("node %d never said degraded", i)
		}
	}
	if seen[key{1, "rate submit", 303}] == 0 || seen[key{1, "uncached page", 503}] == 0 {
		t.Error("no rating acknowledged or no 503 while the database was away")
	}
}
