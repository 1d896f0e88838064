package store

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"time"

	"github.com/openinfo/openinfo"
)

// Background exports: a request for an export too large to stream while the
// officer waits is queued here; the exports.run job writes the file into
// export_chunks on one node; any node serves the download; files are kept
// for ExportKeep.

// ExportKeep is how long a finished export can be downloaded.
const ExportKeep = 24 * time.Hour

// The states of an export.
const (
	ExportQueued  = "queued"
	ExportRunning = "running"
	ExportDone    = "done"
	ExportFailed  = "failed"
)

// Export is one queued, running or finished background export.
type Export struct {
	ID       int64
	UserID   int64
	Kind     string // which table: the runner's registry key
	Params   string // the filters, as a URL query resolved and authorized at request time
	Format   string // csv or xlsx
	Lang     string
	FileName string
	State    string
	Total    int64 // rows expected when it was queued
	Done     int64 // rows written so far
	Size     int64 // bytes of the finished file
	Error    string
	Created  time.Time
	Finished time.Time
	Expires  time.Time
}

const exportColumns = `id, user_id, kind, params, format, lang, file_name, state, total_rows, done_rows, size, error,
	created_at, finished_at, expires_at`

func scanExport(s interface{ Scan(...any) error }) (*Export, error) {
	var e Export
	var fin sql.NullTime
	if err := s.Scan(&e.ID, &e.UserID, &e.Kind, &e.Params, &e.Format, &e.Lang, &e.FileName, &e.State, &e.Total, &e.Done,
		&e.Size, &e.Error, &e.Created, &fin, &e.Expires); err != nil {
		return nil, err
	}
	e.Finished = fin.Time
	return &e, nil
}

// CreateExport queues e, filling its ID, state and times.
func (d *DB) CreateExport(ctx context.Context, e *Export) error {
	now := d.now()
	e.State, e.Created, e.Expires = ExportQueued, now, now.Add(ExportKeep)
	return d.db.QueryRowContext(ctx, `INSERT INTO exports (user_id, kind, params, format, lang, file_name, state, total_rows, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		e.UserID, e.Kind, e.Params, e.Format, e.Lang, e.FileName, e.State, e.Total, e.Created, e.Expires).Scan(&e.ID)
}

// Export returns one export.
func (d *DB) Export(ctx context.Context, id int64) (*Export, error) {
	e, err := scanExport(d.db.QueryRowContext(ctx, `SELECT `+exportColumns+` FROM exports WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบไฟล์ส่งออกนี้ หรือไฟล์หมดอายุแล้ว (เก็บไว้ 1 วัน)",
			"This export does not exist or has expired (exports are kept for a day).")
	}
	return e, err
}

// UserExports lists a user's exports that have not expired, newest first.
func (d *DB) UserExports(ctx context.Context, userID int64) ([]Export, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+exportColumns+` FROM exports WHERE user_id = $1 AND expires_at > $2
		ORDER BY id DESC LIMIT 100`, userID, d.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Export
	for rows.Next() {
		e, err := scanExport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// ClaimExport takes the oldest queued export for runner, or one whose
// runner stopped sending heartbeats for stale (its node died): that one
// starts again from nothing. It returns nil when there is none.
func (d *DB) ClaimExport(ctx context.Context, runner string, stale time.Duration) (*Export, error) {
	var e *Export
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM exports WHERE state = $1 OR (state = $2 AND heartbeat < $3)
			ORDER BY id LIMIT 1`, ExportQueued, ExportRunning, now.Add(-stale)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		// The same condition again: on PostgreSQL another node may have
		// claimed it between the SELECT and here; then this node takes none
		// this time and looks again at its next poll.
		res, err := tx.ExecContext(ctx, `UPDATE exports SET state = $1, runner = $2, heartbeat = $3, done_rows = 0, size = 0, error = ''
			WHERE id = $4 AND (state = $5 OR (state = $1 AND heartbeat < $6))`, ExportRunning, runner, now, id, ExportQueued, now.Add(-stale))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM export_chunks WHERE export_id = $1`, id); err != nil {
			return err
		}
		e, err = scanExport(tx.QueryRowContext(ctx, `SELECT `+exportColumns+` FROM exports WHERE id = $1`, id))
		return err
	})
	return e, err
}

// errExportLost: another runner took the export over (this one was thought dead).
var errExportLost = errors.New("store: the export was taken over by another runner")

// ExportProgress records rows written so far and renews runner's heartbeat.
func (d *DB) ExportProgress(ctx context.Context, id int64, runner string, done int64) error {
	res, err := d.db.ExecContext(ctx, `UPDATE exports SET done_rows = $1, heartbeat = $2 WHERE id = $3 AND runner = $4 AND state = $5`,
		done, d.now(), id, runner, ExportRunning)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errExportLost
	}
	return nil
}

// AddExportChunk stores the seq-th piece of the export's file.
func (d *DB) AddExportChunk(ctx context.Context, id int64, seq int, data []byte) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO export_chunks (export_id, seq, data) VALUES ($1, $2, $3)`, id, seq, data)
	return err
}

// FinishExport ends runner's run of an export: done with size bytes and
// rows rows, or failed with failure's message (its chunks dropped). The
// day it is kept counts from now.
func (d *DB) FinishExport(ctx context.Context, id int64, runner string, rows, size int64, failure error) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		state, msg := ExportDone, ""
		if failure != nil {
			state, msg = ExportFailed, failure.Error()
			if _, err := tx.ExecContext(ctx, `DELETE FROM export_chunks WHERE export_id = $1`, id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE exports SET state = $1, error = $2, done_rows = $3, size = $4, finished_at = $5, expires_at = $6
			WHERE id = $7 AND runner = $8 AND state = $9`, state, msg, rows, size, now, now.Add(ExportKeep), id, runner, ExportRunning)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errExportLost
		}
		return nil
	})
}

// ExportChunks yields the file of a finished export piece by piece.
func (d *DB) ExportChunks(ctx context.Context, id int64) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		// One chunk per query: a cursor held over the whole download would
		// keep a connection (and, on SQLite, a read snapshot) for as long as
		// a slow client takes.
		for seq := 0; ; seq++ {
			var data []byte
			err := d.db.QueryRowContext(ctx, `SELECT data FROM export_chunks WHERE export_id = $1 AND seq = $2`, id, seq).Scan(&data)
			if errors.Is(err, sql.ErrNoRows) {
				return
			}
			if !yield(data, err) || err != nil {
				return
			}
		}
	}
}

// PruneExports removes the exports whose day is over, with their files.
func (d *DB) PruneExports(ctx context.Context) (int, error) {
	var n int
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		if _, err := tx.ExecContext(ctx, `DELETE FROM export_chunks WHERE export_id IN (SELECT id FROM exports WHERE expires_at <= $1)`, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM exports WHERE expires_at <= $1`, now)
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		n = int(k)
		return nil
	})
	return n, err
}
