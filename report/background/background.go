// Package background runs the exports too large to stream while an officer
// waits (a year of the country's ratings is millions of rows): the request
// queues one (store.CreateExport), the exports.run job writes it into the
// database in chunks on one node, with its progress, and the officer
// downloads it from any node for a day.
package background

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// Table builds the table of one kind of export from the parameters it was
// queued with (resolved and authorized when it was asked for).
type Table func(ctx context.Context, params url.Values, lang string) (export.Table, error)

// Runner writes queued exports.
type Runner struct {
	DB     *store.DB
	Kinds  map[string]Table
	Owner  string // this node, as in the jobs table
	Log    *slog.Logger
	Chunk  int           // bytes per stored piece (default 1 MiB)
	Every  int64         // rows between progress records (default 20,000)
	Stale  time.Duration // a run without a heartbeat this long is started again (default 2 minutes)
	OnDone func(e *store.Export, err error)

	once sync.Once
	poke chan struct{}
}

// Loop runs queued exports on this node until ctx ends, looking every poll
// and at once when poked. Every node runs one; each export is claimed by
// one node, so a node writes one file at a time.
func (r *Runner) Loop(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if err := r.RunQueued(ctx); err != nil && ctx.Err() == nil && r.Log != nil {
			r.Log.Warn("exports: run", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.pokes():
		}
	}
}

// Poke asks this node's loop to look for queued exports now.
func (r *Runner) Poke() {
	select {
	case r.pokes() <- struct{}{}:
	default: // already poked
	}
}

func (r *Runner) pokes() chan struct{} {
	r.once.Do(func() { r.poke = make(chan struct{}, 1) })
	return r.poke
}

// RunQueued writes queued exports one after another until none is left or
// ctx ends; the job calls it on one node at a time.
func (r *Runner) RunQueued(ctx context.Context) error {
	stale := r.Stale
	if stale == 0 {
		stale = 2 * time.Minute
	}
	for ctx.Err() == nil {
		e, err := r.DB.ClaimExport(ctx, r.Owner, stale)
		if err != nil || e == nil {
			return err
		}
		rows, size, err := r.write(ctx, e)
		if ferr := r.DB.FinishExport(context.WithoutCancel(ctx), e.ID, r.Owner, rows, size, err); ferr != nil {
			return ferr
		}
		if r.Log != nil {
			r.Log.Info("export written", "id", e.ID, "kind", e.Kind, "format", e.Format, "rows", rows, "bytes", size, "err", err)
		}
		if r.OnDone != nil {
			r.OnDone(e, err)
		}
	}
	return ctx.Err()
}

// write writes e's file into its chunks and returns its rows and size.
func (r *Runner) write(ctx context.Context, e *store.Export) (rows, size int64, err error) {
	build, ok := r.Kinds[e.Kind]
	if !ok {
		return 0, 0, fmt.Errorf("unknown export kind %q", e.Kind)
	}
	params, err := url.ParseQuery(e.Params)
	if err != nil {
		return 0, 0, err
	}
	t, err := build(ctx, params, e.Lang)
	if err != nil {
		return 0, 0, err
	}
	every := r.Every
	if every == 0 {
		every = 20_000
	}
	inner := t.Rows
	var lost error
	t.Rows = func(yield func([]export.Value, error) bool) {
		for row, err := range inner {
			if err == nil {
				rows++
				if rows%every == 0 {
					if lost = r.DB.ExportProgress(ctx, e.ID, r.Owner, rows); lost != nil {
						return // taken over, or the database is away: stop writing
					}
				}
			}
			if !yield(row, err) {
				return
			}
		}
	}
	chunk := r.Chunk
	if chunk <= 0 {
		chunk = 1 << 20
	}
	w := &chunkWriter{ctx: ctx, db: r.DB, id: e.ID, buf: make([]byte, 0, chunk)}
	switch e.Format {
	case "csv":
		err = export.WriteCSV(w, t)
	case "xlsx":
		err = export.WriteXLSX(w, t)
	default:
		err = fmt.Errorf("unknown export format %q", e.Format)
	}
	if err == nil {
		err = lost
	}
	if err == nil {
		err = w.flush()
	}
	return rows, w.size, errors.Join(err, ctx.Err())
}

// chunkWriter stores what is written in pieces of cap(buf) bytes.
type chunkWriter struct {
	ctx  context.Context
	db   *store.DB
	id   int64
	seq  int
	buf  []byte
	size int64
	err  error
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 && w.err == nil {
		k := min(len(p), cap(w.buf)-len(w.buf))
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
		if len(w.buf) == cap(w.buf) {
			w.flush()
		}
	}
	if w.err != nil {
		return 0, w.err
	}
	return n, nil
}

func (w *chunkWriter) flush() error {
	if w.err != nil || len(w.buf) == 0 {
		return w.err
	}
	if w.err = w.db.AddExportChunk(w.ctx, w.id, w.seq, w.buf); w.err == nil {
		w.seq++
		w.size += int64(len(w.buf))
		w.buf = w.buf[:0]
	}
	return w.err
}

// Kinds are the exports that can run in the background, by the name the
// request queues them under.
func Kinds(db *store.DB) map[string]Table {
	return map[string]Table{
		"ratings": func(ctx context.Context, params url.Values, lang string) (export.Table, error) {
			f, err := satisfaction.ParseFilterParams(params)
			if err != nil {
				return export.Table{}, err
			}
			return satisfaction.RawTable(ctx, db, f, lang), nil
		},
	}
}
