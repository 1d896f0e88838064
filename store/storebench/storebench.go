// Package storebench measures the rating writer of package store against
// plain inserts of the same rows. Only cmd/openinfo-bench uses it, so the
// server binary does not carry it.
package storebench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// IngestResult compares rating ingestion with plain inserts of the same
// rows on the same database, measured in the same run.
type IngestResult struct {
	N, Clients int
	// Writer: the RatingWriter (once-per-day register, raw row, roll-ups,
	// one transaction per group commit), Clients submitting at once.
	Writer float64 // ratings/s
	// RawBulk: the same rows as plain multi-row INSERTs (SQLite: one
	// prepared row at a time) into the raw table only, in one transaction
	// per 512 rows from one goroutine: what the database can take.
	RawBulk float64
	// RawPerRow: the same rows, one INSERT transaction each, Clients at once:
	// what a handler that writes its own rating would get.
	RawPerRow float64
}

// Ratio is the writer's rate as a share of the raw bulk insert rate.
func (r IngestResult) Ratio() float64 { return r.Writer / r.RawBulk }

func (r IngestResult) String() string {
	return fmt.Sprintf("%d ratings, %d clients: writer %.0f/s, raw bulk %.0f/s (ratio %.2f), raw one-per-transaction %.0f/s",
		r.N, r.Clients, r.Writer, r.RawBulk, r.Ratio(), r.RawPerRow)
}

// Ingest measures ingestion against raw inserts on points (ID and
// agency ID pairs). The raw inserts are deleted again; the writer's
// ratings stay (they are complete, with their roll-ups).
func Ingest(ctx context.Context, d *store.DB, points [][2]int64, n, clients int) (IngestResult, error) {
	res := IngestResult{N: n, Clients: clients}
	rng := rand.New(rand.NewPCG(7, 7))
	now := time.Now().UTC().Truncate(time.Microsecond) // as the store's clock
	rs := make([]*openinfo.Rating, n)
	for i := range rs {
		p := points[rng.IntN(len(points))]
		rs[i] = &openinfo.Rating{PointID: p[0], AgencyID: p[1], QuestionSet: 1, Channel: openinfo.ChannelQR, CreatedAt: now,
			Answers: [openinfo.NumDimensions]int{1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5)}}
		if i%20 == 0 {
			rs[i].Comment = "บริการดี รวดเร็ว"
		}
	}
	var mark int64
	if err := d.SQL().QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM ratings`).Scan(&mark); err != nil {
		return res, err
	}
	cleanup := func() error {
		_, err := d.SQL().ExecContext(ctx, `DELETE FROM ratings WHERE id > $1`, mark)
		return err
	}
	// Raw bulk.
	start := time.Now()
	for i := 0; i < n; i += 512 {
		part := rs[i:min(i+512, n)]
		if err := d.InsertRawRatings(ctx, part); err != nil {
			return res, err
		}
	}
	res.RawBulk = float64(n) / time.Since(start).Seconds()
	if err := cleanup(); err != nil {
		return res, err
	}
	// Raw, one transaction per rating.
	run := func(fn func(r *openinfo.Rating, i int) error) (float64, error) {
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
	var err error
	res.RawPerRow, err = run(func(r *openinfo.Rating, _ int) error {
		return d.InsertRawRatings(ctx, []*openinfo.Rating{r})
	})
	if err != nil {
		return res, err
	}
	if err := cleanup(); err != nil {
		return res, err
	}
	// The writer, each rating from its own device.
	w := d.NewRatingWriter(store.RatingWriterOptions{})
	defer w.Close()
	res.Writer, err = run(func(r *openinfo.Rating, i int) error {
		return w.Submit(ctx, r, fmt.Sprintf("%016x", uint64(i)+uint64(now.UnixNano())))
	})
	return res, err
}

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
