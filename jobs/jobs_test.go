package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// clock is a shared fake time for the nodes of a test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// node is a runner as one process of a cluster would have it.
func node(db *store.DB, c *clock, runs *[]string, mu *sync.Mutex, name string) *Runner {
	r := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.owner = name
	r.now = c.now
	r.Add(Job{Name: "prune", Every: time.Hour, Run: func(context.Context) error {
		mu.Lock()
		*runs = append(*runs, name)
		mu.Unlock()
		return nil
	}})
	r.Add(Job{Name: "fails", Every: time.Hour, Run: func(context.Context) error { return errors.New("the mail server refused") }})
	return r
}

// TestOncePerPeriod: two nodes on one database (each with its own
// connection pool) run each job once per period between them, and record
// how each run went.
func TestOncePerPeriod(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		var runs []string
		var mu sync.Mutex
		na, nb := node(a, c, &runs, &mu, "node-a"), node(b, c, &runs, &mu, "node-b")
		for period := range 4 {
			// Both nodes look several times in the period, at the same moments.
			for range 3 {
				var wg sync.WaitGroup
				for _, n := range []*Runner{na, nb} {
					wg.Go(func() { n.Tick(ctx) })
				}
				wg.Wait()
				c.add(10 * time.Minute)
			}
			if len(runs) != period+1 {
				t.Fatalf("after %d periods: %d runs %v", period+1, len(runs), runs)
			}
			c.add(30 * time.Minute)
		}
		list, err := a.Jobs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(list, func(j store.JobState) bool { return j.Name == "fails" })
		if i < 0 || list[i].Runs != 4 || list[i].Failures != 4 || list[i].LastError != "the mail server refused" || list[i].LeaseOwner != "" {
			t.Fatalf("recorded %+v", list)
		}
		if j := list[slices.IndexFunc(list, func(j store.JobState) bool { return j.Name == "prune" })]; j.Runs != 4 || j.LastError != "" {
			t.Fatalf("prune recorded %+v", j)
		}
	})
}

// TestLeaseTakenOver: a node killed in the middle of a run holds the lease
// until it runs out; then the other node runs the job, and the dead node's
// late report changes nothing.
func TestLeaseTakenOver(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		var runs []string
		var mu sync.Mutex
		nb := node(b, c, &runs, &mu, "node-b")
		// node-a claims the job and dies: it never renews nor finishes.
		if ok, err := a.ClaimJob(ctx, "prune", "node-a", c.now(), time.Minute); err != nil || !ok {
			t.Fatalf("claim = %v %v", ok, err)
		}
		c.add(30 * time.Second)
		if ran := nb.Tick(ctx); slices.Contains(ran, "prune") {
			t.Fatal("node-b ran the job while node-a's lease was live")
		}
		c.add(31 * time.Second)
		if ran := nb.Tick(ctx); !slices.Contains(ran, "prune") {
			t.Fatal("node-b did not take over once the lease ran out")
		}
		if ok, _ := a.RenewJob(ctx, "prune", "node-a", c.now(), time.Minute); ok {
			t.Fatal("the dead node renewed a lease it lost")
		}
		if err := a.FinishJob(ctx, "prune", "node-a", c.now(), c.now(), c.now(), nil); err != nil {
			t.Fatal(err)
		}
		list, _ := a.Jobs(ctx)
		j := list[slices.IndexFunc(list, func(j store.JobState) bool { return j.Name == "prune" })]
		if j.LastOwner != "node-b" || j.Runs != 1 || !j.NextRun.Equal(c.now().Add(time.Hour)) {
			t.Fatalf("after take-over: %+v", j)
		}
	})
}

// TestRenewalKeepsLease: a long run renews its lease, so nobody else takes
// the job; a panicking job is recorded as failed and the next job still runs.
func TestRenewalKeepsLease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		started, release := make(chan struct{}), make(chan struct{})
		r.Add(Job{Name: "long", Every: time.Hour, Lease: 1500 * time.Millisecond, Run: func(ctx context.Context) error {
			close(started)
			<-release
			return ctx.Err()
		}})
		r.Add(Job{Name: "panics", Every: time.Hour, Run: func(context.Context) error { panic("boom") }})
		done := make(chan []string)
		go func() { done <- r.Tick(ctx) }()
		<-started
		// Well past the first lease; renewals keep it.
		for range 4 {
			time.Sleep(600 * time.Millisecond)
			if ok, _ := db.ClaimJob(ctx, "long", "other", time.Now(), time.Minute); ok {
				t.Fatal("another node took a job whose lease was being renewed")
			}
		}
		close(release)
		if ran := <-done; len(ran) != 2 {
			t.Fatalf("ran %v", ran)
		}
		list, _ := db.Jobs(ctx)
		for _, j := range list {
			if j.Runs != 1 || (j.Name == "long") != (j.LastError == "") {
				t.Fatalf("recorded %+v", j)
			}
		}
	})
}
