// Package storebench measures the rating writer of package store against
// plain inserts of the same rows. Only cmd/openinfo-bench uses it, so the
// server binary does not carry it.
package storebench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// IngestResult compares rating ingestion with plain inserts of the same
// rows on the same database, measured in the same run.
type IngestResult struct {
	N, Clients int
	// Writer: the RatingWriter (once-per-day register, raw row, pending
	// id, one transaction per group commit), Clients submitting at once,
	// until the last rating is acknowledged AND folded into the roll-ups
	// (the writer closed): the rate it can keep up.
	Writer float64 // ratings/s
	// WriterAck: the same run until the last rating was acknowledged
	// (its folding may still have run then).
	WriterAck float64
	// PerCommit is the writer's mean ratings per transaction (last round).
	PerCommit float64
	// RawBulk: the same rows as plain multi-row INSERTs (SQLite: one
	// prepared row at a time) into the raw table only, in one transaction
	// per 512 rows from one goroutine: what the database can take.
	RawBulk float64
	// RawPerRow: the same rows, one INSERT transaction each, Clients at once:
	// what a handler that writes its own rating would get.
	RawPerRow float64
	Rounds    int // each rate is the median of this many rounds
}

// Ratio is the writer's rate as a share of the raw bulk insert rate.
func (r IngestResult) Ratio() float64 { return r.Writer / r.RawBulk }

func (r IngestResult) String() string {
	return fmt.Sprintf("%d ratings, %d clients, median of %d rounds: writer %.0f/s folded (%.0f/s acknowledged, %.0f per commit), raw bulk %.0f/s (ratio %.2f), raw one-per-transaction %.0f/s",
		r.N, r.Clients, r.Rounds, r.Writer, r.WriterAck, r.PerCommit, r.RawBulk, r.Ratio(), r.RawPerRow)
}

// Ingest measures ingestion against raw inserts on points (ID and agency
// ID pairs), in rounds (at least one): each round inserts n ratings raw in
// bulk, n raw one per transaction, and n through the writer, and each
// rate is the median of its rounds, so that a neighbour's burst on a
// shared machine does not decide the ratio. Everything written is taken
// out again (raw rows, the writer's once-per-day rows and its share of
// the roll-ups): the database is left as it was found.
func Ingest(ctx context.Context, d *store.DB, points [][2]int64, n, clients, rounds int) (IngestResult, error) {
	res := IngestResult{N: n, Clients: clients, Rounds: max(1, rounds)}
	var bulk, perRow, writer, ack []float64
	for round := 0; round < res.Rounds; round++ {
		b, p, w, a, err := ingestRound(ctx, d, points, n, clients, round, &res.PerCommit)
		if err != nil {
			return res, err
		}
		bulk, perRow, writer, ack = append(bulk, b), append(perRow, p), append(writer, w), append(ack, a)
	}
	res.RawBulk, res.RawPerRow, res.Writer, res.WriterAck = median(bulk), median(perRow), median(writer), median(ack)
	return res, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ingestRound(ctx context.Context, d *store.DB, points [][2]int64, n, clients, round int, perCommit *float64) (bulk, perRow, writer, ack float64, err error) {
	rng := rand.New(rand.NewPCG(7, uint64(round)))
	now := time.Now().UTC().Truncate(time.Microsecond) // as the store's clock
	fresh := func() []*openinfo.Rating {
		rs := make([]*openinfo.Rating, n)
		for i := range rs {
			p := points[rng.IntN(len(points))]
			rs[i] = &openinfo.Rating{PointID: p[0], AgencyID: p[1], QuestionSet: 1, Channel: openinfo.ChannelQR, CreatedAt: now,
				Answers: [openinfo.NumDimensions]int{1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5)}}
			if i%20 == 0 {
				rs[i].Comment = "บริการดี รวดเร็ว"
			}
		}
		return rs
	}
	// Raw bulk.
	rs := fresh()
	start := time.Now()
	for i := 0; i < n; i += 512 {
		if err := d.InsertRawRatings(ctx, rs[i:min(i+512, n)]); err != nil {
			removeRawOnly(ctx, d, rs)
			return 0, 0, 0, 0, err
		}
	}
	bulk = float64(n) / time.Since(start).Seconds()
	if err := removeRawOnly(ctx, d, rs); err != nil {
		return 0, 0, 0, 0, err
	}
	run := func(rs []*openinfo.Rating, fn func(r *openinfo.Rating, i int) error) (float64, error) {
		var wg sync.WaitGroup
		errs := make(chan error, clients)
		start := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := c; i < n; i += clients {
					if err := fn(rs[i], i); err != nil {
						errs <- err
						return
					}
				}
			}(c)
		}
		wg.Wait()
		close(errs)
		return float64(n) / time.Since(start).Seconds(), <-errs
	}
	// Raw, one transaction per rating.
	rs = fresh()
	perRow, err = run(rs, func(r *openinfo.Rating, _ int) error {
		return d.InsertRawRatings(ctx, []*openinfo.Rating{r})
	})
	if err2 := removeRawOnly(ctx, d, rs); err == nil {
		err = err2
	}
	if err != nil {
		return 0, 0, 0, 0, err
	}
	// The writer, each rating from its own device.
	rs = fresh()
	devices := make([]string, n)
	for i := range devices {
		devices[i] = fmt.Sprintf("%016x%04x", uint64(now.UnixNano()), i)
	}
	w := d.NewRatingWriter(WriterOptions)
	start = time.Now()
	ack, err = run(rs, func(r *openinfo.Rating, i int) error {
		return w.Submit(ctx, r, devices[i])
	})
	w.Close() // folds what is still pending
	writer = float64(n) / time.Since(start).Seconds()
	*perCommit = float64(w.Accepted.Load()+w.Refused.Load()) / float64(max(1, w.Batches.Load()))
	stored := slices.DeleteFunc(rs, func(r *openinfo.Rating) bool { return r.ID == 0 })
	if err2 := d.UnrecordRatings(ctx, stored, devices); err == nil {
		err = err2
	}
	return bulk, perRow, writer, ack, err
}

// removeRawOnly deletes raw rows written without roll-ups.
func removeRawOnly(ctx context.Context, d *store.DB, rs []*openinfo.Rating) error {
	for start := 0; start < len(rs); start += 1000 {
		var ids []string
		for _, r := range rs[start:min(start+1000, len(rs))] {
			if r.ID != 0 {
				ids = append(ids, strconv.FormatInt(r.ID, 10))
			}
		}
		if len(ids) == 0 {
			continue
		}
		if _, err := d.SQL().ExecContext(ctx, `DELETE FROM ratings WHERE id IN (`+strings.Join(ids, ",")+`)`); err != nil {
			return err
		}
	}
	return nil
}

// WriterOptions are the writer's settings in Ingest (zero: the defaults,
// as the site runs it).
var WriterOptions store.RatingWriterOptions

// Points returns up to n (point ID, agency ID) pairs to rate.
func Points(ctx context.Context, d *store.DB, n int) ([][2]int64, error) {
	rows, err := d.SQL().QueryContext(ctx, `SELECT id, agency_id FROM service_points ORDER BY id LIMIT $1`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
