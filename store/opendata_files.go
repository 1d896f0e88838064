package store

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"time"

	"github.com/openinfo/openinfo"
)

// The daily bulk files of the published data and the open API's rate limit
// (migration 00025).

// OpenDataFile is one bulk file: its kind ("csv"; the bundle format will
// be another kind), the day its data was taken, its size and SHA-256.
type OpenDataFile struct {
	ID       int64
	Kind     string
	Day      string // yyyy-mm-dd, Thai time
	FileName string
	State    string // building or ready
	Size     int64
	SHA256   string // hex
	Counts   string // JSON: rows per table
	Created  time.Time
	Finished time.Time
}

// States of a bulk file.
const (
	OpenFileBuilding = "building"
	OpenFileReady    = "ready"
)

// OpenDataKeep is how many ready files of each kind are kept: today's and
// yesterday's, so a download that started before a new file was made ends.
const OpenDataKeep = 2

const openFileColumns = `id, kind, day, file_name, state, size, sha256, counts, created_at, finished_at`

func scanOpenFile(s scanner) (*OpenDataFile, error) {
	var f OpenDataFile
	var fin sql.NullTime
	if err := s.Scan(&f.ID, &f.Kind, &f.Day, &f.FileName, &f.State, &f.Size, &f.SHA256, &f.Counts, &f.Created, &fin); err != nil {
		return nil, err
	}
	f.Finished = fin.Time
	return &f, nil
}

// StartOpenDataFile begins a new bulk file (state building). Files left
// building by a run that died are removed with their chunks.
func (d *DB) StartOpenDataFile(ctx context.Context, kind, day, name string) (*OpenDataFile, error) {
	f := &OpenDataFile{Kind: kind, Day: day, FileName: name, State: OpenFileBuilding, Counts: "{}", Created: d.now()}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM open_data_chunks WHERE file_id IN (SELECT id FROM open_data_files WHERE kind = $1 AND state = $2)`,
			kind, OpenFileBuilding); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM open_data_files WHERE kind = $1 AND state = $2`, kind, OpenFileBuilding); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO open_data_files (kind, day, file_name, state, counts, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			f.Kind, f.Day, f.FileName, f.State, f.Counts, f.Created).Scan(&f.ID)
	})
	return f, err
}

// AddOpenDataChunk stores the seq-th piece of a bulk file.
func (d *DB) AddOpenDataChunk(ctx context.Context, id int64, seq int, data []byte) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO open_data_chunks (file_id, seq, data) VALUES ($1, $2, $3)`, id, seq, data)
	return err
}

// FinishOpenDataFile marks a bulk file ready and drops the older ready
// files of its kind beyond OpenDataKeep.
func (d *DB) FinishOpenDataFile(ctx context.Context, f *OpenDataFile) error {
	f.State, f.Finished = OpenFileReady, d.now()
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE open_data_files SET state = $1, size = $2, sha256 = $3, counts = $4, finished_at = $5 WHERE id = $6`,
			f.State, f.Size, f.SHA256, f.Counts, f.Finished, f.ID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM open_data_files WHERE kind = $1 AND state = $2 ORDER BY id DESC`, f.Kind, OpenFileReady)
		if err != nil {
			return err
		}
		var old []int64
		for n := 0; rows.Next(); n++ {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			if n >= OpenDataKeep {
				old = append(old, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range old {
			if _, err := tx.ExecContext(ctx, `DELETE FROM open_data_chunks WHERE file_id = $1`, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM open_data_files WHERE id = $1`, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// LatestOpenDataFile returns the newest ready file of kind, or nil.
func (d *DB) LatestOpenDataFile(ctx context.Context, kind string) (*OpenDataFile, error) {
	f, err := scanOpenFile(d.db.QueryRowContext(ctx, `SELECT `+openFileColumns+` FROM open_data_files WHERE kind = $1 AND state = $2
		ORDER BY id DESC LIMIT 1`, kind, OpenFileReady))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return f, err
}

// OpenDataFileByID returns a ready bulk file.
func (d *DB) OpenDataFileByID(ctx context.Context, id int64) (*OpenDataFile, error) {
	f, err := scanOpenFile(d.db.QueryRowContext(ctx, `SELECT `+openFileColumns+` FROM open_data_files WHERE id = $1 AND state = $2`, id, OpenFileReady))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบไฟล์ข้อมูลเปิดนี้ อาจมีไฟล์ที่ใหม่กว่าแล้ว", "This open data file does not exist; a newer one may have replaced it.")
	}
	return f, err
}

// OpenDataChunks yields a bulk file piece by piece, one query per chunk (as ExportChunks).
func (d *DB) OpenDataChunks(ctx context.Context, id int64) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		for seq := 0; ; seq++ {
			var data []byte
			err := d.db.QueryRowContext(ctx, `SELECT data FROM open_data_chunks WHERE file_id = $1 AND seq = $2`, id, seq).Scan(&data)
			if errors.Is(err, sql.ErrNoRows) {
				return
			}
			if !yield(data, err) || err != nil {
				return
			}
		}
	}
}

// APIHit counts one request by key in the current minute and reports
// whether the key is still within limit requests a minute, and if not, how
// long until the next minute. One statement, on every node's shared table.
func (d *DB) APIHit(ctx context.Context, key string, limit int) (ok bool, retryAfter time.Duration, err error) {
	now := d.now()
	slot := now.Unix() / 60
	var n int
	err = d.db.QueryRowContext(ctx, `INSERT INTO api_hits (key, slot, n) VALUES ($1, $2, 1)
		ON CONFLICT (key, slot) DO UPDATE SET n = api_hits.n + 1 RETURNING n`, key, slot).Scan(&n)
	if err != nil {
		return false, 0, err
	}
	if n <= limit {
		return true, 0, nil
	}
	return false, time.Unix((slot+1)*60, 0).Sub(now), nil
}

// PruneAPIHits removes the counts of minutes more than an hour old.
func (d *DB) PruneAPIHits(ctx context.Context) error {
	_, err := d.db.ExecContext(ctx, `DELETE FROM api_hits WHERE slot < $1`, d.now().Unix()/60-60)
	return err
}
