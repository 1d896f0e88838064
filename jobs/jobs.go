// Package jobs runs timed work that must happen once across all nodes:
// reminders, deadline locks, digests, pruning. Each job is named and
// periodic; before a run a node takes the job's lease in the jobs table (one
// UPDATE, so one node wins), renews it while the job runs, and records the
// outcome when it ends. A node that dies mid-run stops renewing: its lease
// runs out and another node runs the job again.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/openinfo/openinfo/store"
)

// Job is one kind of timed work.
type Job struct {
	Name  string        // stable: the row in the jobs table
	Every time.Duration // the period: one run per period, on one node
	// Lease is how long a run may go without renewal before another node
	// may take over (default 1 minute); the runner renews it every third.
	Lease time.Duration
	Run   func(ctx context.Context) error
}

// Store is what the runner needs of the database.
type Store interface {
	ClaimJob(ctx context.Context, name, owner string, now time.Time, lease time.Duration) (bool, error)
	RenewJob(ctx context.Context, name, owner string, now time.Time, lease time.Duration) (bool, error)
	FinishJob(ctx context.Context, name, owner string, start, end, next time.Time, err error) error
}

var _ Store = (*store.DB)(nil)

// Runner runs a node's share of the jobs.
type Runner struct {
	db    Store
	owner string
	log   *slog.Logger
	now   func() time.Time // tests set a clock

	mu   sync.Mutex
	jobs []Job

	runs     *prometheus.CounterVec
	duration *prometheus.GaugeVec
	lastOK   *prometheus.GaugeVec
}

// New returns a runner for this node. The owner names the node in the jobs
// table (host name and a random suffix, so two processes on one host differ).
func New(db Store, log *slog.Logger) *Runner {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	if log == nil {
		log = slog.Default()
	}
	return &Runner{db: db, owner: fmt.Sprintf("%s-%s", host, hex.EncodeToString(b[:])), log: log, now: time.Now,
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "openinfo_job_runs_total",
			Help: "Runs of each timed job on this node, by result (ok, error)."}, []string{"job", "result"}),
		duration: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "openinfo_job_last_duration_seconds",
			Help: "How long the last run of each job on this node took."}, []string{"job"}),
		lastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "openinfo_job_last_success_timestamp_seconds",
			Help: "When the last successful run of each job on this node ended (Unix time)."}, []string{"job"}),
	}
}

// Owner is this node's name in the jobs table.
func (r *Runner) Owner() string { return r.owner }

// Add registers a job; add them all before Run.
func (r *Runner) Add(j Job) {
	if j.Lease <= 0 {
		j.Lease = time.Minute
	}
	r.mu.Lock()
	r.jobs = append(r.jobs, j)
	r.mu.Unlock()
}

// Jobs returns the registered jobs.
func (r *Runner) Jobs() []Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Job(nil), r.jobs...)
}

// Collectors are the runner's Prometheus metrics.
func (r *Runner) Collectors() []prometheus.Collector {
	return []prometheus.Collector{r.runs, r.duration, r.lastOK}
}

// Run looks for due jobs every poll until ctx ends.
func (r *Runner) Run(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		r.Tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick runs, one after the other, every job that is due and that this node
// wins the lease of. It returns the names of the jobs it ran.
func (r *Runner) Tick(ctx context.Context) []string {
	var ran []string
	for _, j := range r.Jobs() {
		if ctx.Err() != nil {
			break
		}
		ok, err := r.db.ClaimJob(ctx, j.Name, r.owner, r.now(), j.Lease)
		if err != nil {
			r.log.Warn("job: claim", "job", j.Name, "err", err)
			continue
		}
		if ok {
			r.runOne(ctx, j)
			ran = append(ran, j.Name)
		}
	}
	return ran
}

func (r *Runner) runOne(ctx context.Context, j Job) {
	start := r.now()
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Renew the lease while the job runs; losing it (the database was away
	// for longer than the lease) stops the run, since another node may now
	// run the job.
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(j.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if ok, err := r.db.RenewJob(ctx, j.Name, r.owner, r.now(), j.Lease); err == nil && !ok {
					r.log.Warn("job: lease lost, stopping", "job", j.Name)
					cancel()
					return
				}
			}
		}
	}()
	err := safeRun(runCtx, j.Run)
	close(done)
	end := r.now()
	result := "ok"
	if err != nil {
		result = "error"
		r.log.Error("job failed", "job", j.Name, "err", err, "ms", end.Sub(start).Milliseconds())
	} else {
		r.lastOK.WithLabelValues(j.Name).Set(float64(end.Unix()))
		r.log.Debug("job ran", "job", j.Name, "ms", end.Sub(start).Milliseconds())
	}
	r.runs.WithLabelValues(j.Name, result).Inc()
	r.duration.WithLabelValues(j.Name).Set(end.Sub(start).Seconds())
	// The next run is a period after this one began, so runs keep their
	// rhythm whatever they last; a run that took longer than its period
	// is followed at once by the next.
	fctx, fcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer fcancel()
	if ferr := r.db.FinishJob(fctx, j.Name, r.owner, start, end, start.Add(j.Every), err); ferr != nil {
		r.log.Warn("job: record run", "job", j.Name, "err", ferr)
	}
}

// safeRun turns a job's panic into its error: one bad job must not stop the
// node's others.
func safeRun(ctx context.Context, run func(context.Context) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return run(ctx)
}
