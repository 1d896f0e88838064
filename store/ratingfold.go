package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo"
)

// Folding (issue 19): the rating writer's transaction holds the raw rows,
// the once-per-day register and the ids of the counted ratings in
// rating_unfolded; the roll-ups are added afterwards, many ratings at once,
// by the writer's folder. A fold deletes the ids it folds in the same
// transaction as it adds them to the roll-ups, so a rating is counted once
// whoever folds it (this node's folder, another node's, a report, a restart
// after a crash) and however often a fold is retried. Every reader of the
// roll-ups calls foldPending first: a report read after a rating was
// acknowledged includes it, exactly as when the writer updated the roll-ups
// itself.

// foldLockKey serializes folds across nodes on PostgreSQL (an advisory
// transaction lock): folds never wait at each other's roll-up rows or
// pending ids, so they cannot deadlock; SQLite has one writer anyway.
const foldLockKey = 19_0034

// foldChunk bounds the ratings of one fold transaction.
const foldChunk = 20000

// foldEvery is how long the folder lets ratings gather between folds
// (unless foldChunk are waiting): one fold of a quarter second's ratings
// updates the country's, a ministry's, a province's roll-up row once
// instead of once per commit. Readers do not wait for it: they fold what
// is pending themselves.
const foldEvery = 250 * time.Millisecond

// folder adds a writer's committed ratings to the roll-ups in the
// background, from memory (it has them already; the pending ids in the
// database are what make it durable).
type folder struct {
	db    *DB
	mu    sync.Mutex
	queue []*openinfo.Rating
	wake  chan struct{}
	hurry chan struct{} // wait(): fold now
	quit  chan struct{}
	done  chan struct{}
	anc   ancestors
	// writeMu is the writer's (SQLite): folds take turns with its batches.
	writeMu *sync.Mutex
	// hold keeps the folder from folding (tests: ratings stay pending).
	hold atomic.Bool
	// busy is set while a fold runs; cond tells wait when one ends.
	busy bool
	cond *sync.Cond
}

func newFolder(d *DB, writeMu *sync.Mutex) *folder {
	f := &folder{db: d, writeMu: writeMu, wake: make(chan struct{}, 1), hurry: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}), anc: ancestors{}}
	f.cond = sync.NewCond(&f.mu)
	go f.loop()
	return f
}

// add queues committed, counted ratings (their IDs set).
func (f *folder) add(rs []*openinfo.Rating) {
	if len(rs) == 0 {
		return
	}
	f.mu.Lock()
	f.queue = append(f.queue, rs...)
	f.mu.Unlock()
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// wait returns once everything queued so far is folded (or given up).
func (f *folder) wait() {
	select {
	case f.hurry <- struct{}{}:
	default:
	}
	f.mu.Lock()
	for len(f.queue) > 0 || f.busy {
		f.cond.Wait()
	}
	f.mu.Unlock()
}

// close folds what is queued and stops.
func (f *folder) close() {
	close(f.quit)
	<-f.done
}

func (f *folder) loop() {
	defer close(f.done)
	ctx := context.Background()
	// Leftovers of a node that stopped before folding.
	if err := f.db.FoldRatings(ctx); err != nil {
		slog.Warn("folding pending ratings", "err", err)
	}
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	quitting := false
	var last time.Time
	for {
		if !quitting {
			select {
			case <-f.wake:
				f.mu.Lock()
				n := len(f.queue)
				f.mu.Unlock()
				if pause := time.Until(last.Add(foldEvery)); n < foldChunk && pause > 0 {
					t := time.NewTimer(pause)
					select {
					case <-t.C:
					case <-f.hurry:
					case <-f.quit:
						quitting = true
					}
					t.Stop()
				}
			case <-f.hurry:
			case <-tick.C:
				// Pending ids a failed fold left behind.
				if err := f.db.FoldRatings(ctx); err != nil {
					slog.Warn("folding pending ratings", "err", err)
				}
				continue
			case <-f.quit:
				quitting = true
			}
		}
		if f.hold.Load() && !quitting {
			continue
		}
		f.mu.Lock()
		n := min(len(f.queue), foldChunk)
		batch := f.queue[:n:n]
		f.queue = f.queue[n:]
		if len(f.queue) == 0 {
			f.queue = nil
		}
		f.busy = n > 0
		f.mu.Unlock()
		last = time.Now()
		if n > 0 {
			if f.writeMu != nil {
				f.writeMu.Lock()
			}
			err := f.db.foldRatings(ctx, batch, f.anc)
			if f.writeMu != nil {
				f.writeMu.Unlock()
			}
			if err != nil {
				// The ids stay pending in the database: the next
				// FoldRatings (a report, the ticker, a restart) folds
				// them from the raw rows.
				slog.Warn("folding ratings", "n", n, "err", err)
			}
		}
		f.mu.Lock()
		f.busy = false
		more := len(f.queue) > 0
		f.cond.Broadcast()
		f.mu.Unlock()
		if more {
			select {
			case f.wake <- struct{}{}:
			default:
			}
		} else if quitting {
			return
		}
	}
}

// foldRatings adds rs (committed, counted, IDs set) to the roll-ups, those
// of them still pending: the ones another fold took already are skipped.
func (d *DB) foldRatings(ctx context.Context, rs []*openinfo.Rating, anc ancestors) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.foldLock(ctx, tx); err != nil {
			return err
		}
		ids := make([]int64, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		taken, err := d.deletePending(ctx, tx, ids)
		if err != nil {
			return err
		}
		mine := rs
		if len(taken) != len(rs) {
			mine = make([]*openinfo.Rating, 0, len(taken))
			for _, r := range rs {
				if taken[r.ID] {
					mine = append(mine, r)
				}
			}
		}
		if err := anc.load(ctx, tx, mine); err != nil {
			return err
		}
		return upsertRollups(ctx, tx, mine, anc, d.dialect == Postgres, 1)
	})
}

func (d *DB) foldLock(ctx context.Context, tx *sql.Tx) error {
	if d.dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(foldLockKey))
	return err
}

// deletePending deletes the pending ids among ids and returns those it
// deleted (a concurrent fold's are gone already).
func (d *DB) deletePending(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]bool, error) {
	taken := make(map[int64]bool, len(ids))
	scan := func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			taken[id] = true
		}
		return rows.Err()
	}
	if d.dialect == Postgres {
		return taken, scan(tx.QueryContext(ctx, `DELETE FROM rating_unfolded WHERE id = ANY($1::bigint[]) RETURNING id`, ids))
	}
	for start := 0; start < len(ids); start += 1000 {
		if err := scan(tx.QueryContext(ctx, `DELETE FROM rating_unfolded WHERE id IN (`+joinInt64(ids[start:min(start+1000, len(ids))])+`) RETURNING id`)); err != nil {
			return nil, err
		}
	}
	return taken, nil
}

// insertPending lists rs as committed but not folded (in the writer's
// transaction).
func (d *DB) insertPending(ctx context.Context, tx *sql.Tx, rs []*openinfo.Rating) error {
	if len(rs) == 0 {
		return nil
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	if d.dialect == Postgres {
		_, err := tx.ExecContext(ctx, `INSERT INTO rating_unfolded (id) SELECT unnest($1::bigint[])`, ids)
		return err
	}
	for start := 0; start < len(ids); start += 1000 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rating_unfolded (id) VALUES (`+
			strings.ReplaceAll(joinInt64(ids[start:min(start+1000, len(ids))]), ",", "),(")+`)`); err != nil {
			return err
		}
	}
	return nil
}

func joinInt64(ids []int64) string {
	b := make([]byte, 0, len(ids)*8)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

// FoldRatings adds every pending rating (committed by a writer on any node,
// not yet in the roll-ups) to the roll-ups. The roll-up readers call it
// first; when nothing is pending it costs one indexed look-up. Run after
// it, a read of the roll-ups includes every rating acknowledged before
// the call: a rating is either still pending (and folded here) or its fold
// has committed.
func (d *DB) FoldRatings(ctx context.Context) error {
	return d.foldPending(ctx)
}

func (d *DB) foldPending(ctx context.Context) error {
	var one int
	switch err := d.db.QueryRowContext(ctx, `SELECT 1 FROM rating_unfolded LIMIT 1`).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return nil // nothing pending: the common case, one look-up
	case err != nil:
		return err
	}
	anc := ancestors{}
	for {
		folded := 0
		err := d.tx(ctx, func(tx *sql.Tx) error {
			folded = 0
			// After the lock: a fold that held it has committed, and
			// what it folded is no longer pending.
			if err := d.foldLock(ctx, tx); err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, `SELECT id FROM rating_unfolded ORDER BY id LIMIT `+strconv.Itoa(foldChunk))
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
			if err := rows.Err(); err != nil || len(ids) == 0 {
				return err
			}
			if _, err := d.deletePending(ctx, tx, ids); err != nil {
				return err
			}
			rs, err := ratingsByID(ctx, tx, ids, d.dialect == Postgres)
			if err != nil {
				return err
			}
			folded = len(ids)
			if err := anc.load(ctx, tx, rs); err != nil {
				return err
			}
			return upsertRollups(ctx, tx, rs, anc, d.dialect == Postgres, 1)
		})
		if err != nil || folded < foldChunk {
			return err
		}
	}
}

// ratingsByID reads what the roll-ups need of the unflagged ratings ids.
func ratingsByID(ctx context.Context, tx *sql.Tx, ids []int64, pg bool) ([]*openinfo.Rating, error) {
	var out []*openinfo.Rating
	const cols = `SELECT id, point_id, agency_id, process_id, month, a_process, a_staff, a_facilities, a_result, a_channel FROM ratings`
	for start := 0; start < len(ids); start += 1000 {
		part := ids[start:min(start+1000, len(ids))]
		var rows *sql.Rows
		var err error
		if pg {
			rows, err = tx.QueryContext(ctx, cols+` WHERE id = ANY($1::bigint[]) AND NOT suspect`, part)
		} else {
			rows, err = tx.QueryContext(ctx, cols+` WHERE id IN (`+joinInt64(part)+`) AND NOT suspect`)
		}
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := &openinfo.Rating{}
			var month int
			if err := rows.Scan(&r.ID, &r.PointID, &r.AgencyID, &r.ProcessID, &month, &r.Answers[0], &r.Answers[1],
				&r.Answers[2], &r.Answers[3], &r.Answers[4]); err != nil {
				rows.Close()
				return nil, err
			}
			r.CreatedAt = monthTime(month)
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// monthTime is a moment inside month (yyyymm, Bangkok) for MonthKey: the
// middle of its 15th day, far from either edge in any zone.
func monthTime(month int) time.Time {
	return time.Date(month/100, time.Month(month%100), 15, 12, 0, 0, 0, time.UTC)
}
