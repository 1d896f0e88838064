package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Rendered pages (migration 00035): a public manual's or service point's
// page, rendered once and kept gzip-compressed with its ETag, so that
// serving it is one lookup. The database drops a page in the same
// transaction as any change of what it shows (triggers on processes,
// manual_revisions, agencies, service_points, the pins and other_services),
// so every node stops serving it at the commit, whichever node or code path
// made the change.
//
// A page rendered from data read before a change must not be stored after
// the change dropped its predecessor. Each change therefore counts in its
// transaction (SQLite: the rendered_epoch row; PostgreSQL: rendered_seq,
// taken while holding a shared advisory lock until commit), and the renderer
// proceeds as follows:
//
//  1. RenderEpoch, before reading anything for the page: the count, and
//     whether no change was in flight then (PostgreSQL: the exclusive lock
//     was free), so that everything committed before is in what it reads;
//  2. read the data and render;
//  3. StoreRendered with that epoch: in a transaction that no change can
//     interleave with (SQLite: the write lock; PostgreSQL: the exclusive
//     advisory lock, tried, never waited for), the page is stored only if
//     the count has not moved.
//
// A change counted after step 1 makes step 3 refuse (the page is rendered
// again on its next miss); a change after step 3 finds the stored page and
// drops it. On PostgreSQL changes take the lock shared, so they never wait
// for each other; they wait only for a store's short transaction.

// Kinds of rendered page.
const (
	RenderedManual = "manual" // a process's published manual: /manuals/{id}
	RenderedPoint  = "point"  // a service point: /points/{id}
)

// renderedLock is the PostgreSQL advisory lock key of rendered pages (the
// migration's rendered_drop takes it shared).
const renderedLock = 1869181552

// RenderedPage is a stored page.
type RenderedPage struct {
	Kind    string
	ID      int64
	Lang    string
	Version string // the renderer's: another version's page is a miss
	ETag    string
	Body    []byte // gzip
	// Epoch is RenderEpoch's count before the page's data was read.
	Epoch int64
}

// Rendered returns the stored page of kind, id and lang rendered by
// version (ok false when there is none).
func (d *DB) Rendered(ctx context.Context, kind string, id int64, lang, version string) (etag string, body []byte, ok bool, err error) {
	st, err := d.prepared(ctx, `SELECT etag, body FROM rendered_pages WHERE kind = $1 AND id = $2 AND lang = $3 AND version = $4`)
	if err != nil {
		return "", nil, false, err
	}
	err = st.QueryRowContext(ctx, kind, id, lang, version).Scan(&etag, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, false, nil
	}
	return etag, body, err == nil, err
}

// RenderEpoch is step 1: the count of changes, and whether a page rendered
// from what is read from now on may be stored with it (false on
// PostgreSQL while a change is in flight: render, but do not store; the
// count is then -1, which StoreRendered never matches).
func (d *DB) RenderEpoch(ctx context.Context) (epoch int64, ok bool, err error) {
	if d.dialect == Postgres {
		st, err := d.prepared(ctx, `SELECT pg_try_advisory_xact_lock(`+itoa64(renderedLock)+`), last_value FROM rendered_seq`)
		if err != nil {
			return 0, false, err
		}
		if err = st.QueryRowContext(ctx).Scan(&ok, &epoch); err != nil || !ok {
			return -1, false, err // a count no store matches
		}
		return epoch, true, nil
	}
	st, err := d.prepared(ctx, `SELECT n FROM rendered_epoch WHERE id = 1`)
	if err != nil {
		return 0, false, err
	}
	err = st.QueryRowContext(ctx).Scan(&epoch)
	return epoch, err == nil, err
}

// StoreRendered is step 3: it stores the pages whose Epoch is still the
// count of changes (any other was rendered from data a change has since
// replaced) and returns how many it stored. On PostgreSQL, while a change
// is in flight it stores none and says busy: try again shortly.
func (d *DB) StoreRendered(ctx context.Context, pages []RenderedPage) (stored int, busy bool, err error) {
	if len(pages) == 0 {
		return 0, false, nil
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback()
	var now int64
	if d.dialect == Postgres {
		var locked bool
		if err := tx.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock(`+itoa64(renderedLock)+`), last_value FROM rendered_seq`).Scan(&locked, &now); err != nil {
			return 0, false, err
		}
		if !locked {
			return 0, true, nil
		}
	} else if err := tx.QueryRowContext(ctx, `SELECT n FROM rendered_epoch WHERE id = 1`).Scan(&now); err != nil {
		return 0, false, err
	}
	at := d.now()
	for _, p := range pages {
		if p.Epoch != now {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rendered_pages (kind, id, lang, version, etag, body, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (kind, id, lang) DO UPDATE SET version = excluded.version, etag = excluded.etag, body = excluded.body, at = excluded.at`,
			p.Kind, p.ID, p.Lang, p.Version, p.ETag, p.Body, at); err != nil {
			return 0, false, err
		}
		stored++
	}
	if stored == 0 {
		return 0, false, nil
	}
	return stored, false, tx.Commit()
}

// MissingRendered lists up to limit IDs above after of kind's public pages
// (published manuals, visible points) that have no page in lang by
// version, in ID order: what the backfill renders next.
func (d *DB) MissingRendered(ctx context.Context, kind, lang, version string, after int64, limit int) ([]int64, error) {
	var q string
	switch kind {
	case RenderedManual:
		q = `SELECT r.process_id FROM manual_revisions r WHERE r.state = 'published' AND r.process_id > $1
			AND NOT EXISTS (SELECT 1 FROM rendered_pages x WHERE x.kind = 'manual' AND x.id = r.process_id AND x.lang = $2 AND x.version = $3)
			ORDER BY r.process_id LIMIT $4`
	case RenderedPoint:
		q = `SELECT p.id FROM service_points p WHERE p.visible AND p.id > $1
			AND NOT EXISTS (SELECT 1 FROM rendered_pages x WHERE x.kind = 'point' AND x.id = p.id AND x.lang = $2 AND x.version = $3)
			ORDER BY p.id LIMIT $4`
	default:
		return nil, errors.New("store: unknown rendered kind " + kind)
	}
	rows, err := d.db.QueryContext(ctx, q, after, lang, version, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// PruneRendered removes up to limit pages rendered by another version
// than version and stored before olderThan (a past build's, which no node
// serves any more once every node runs the new one), and reports how many.
func (d *DB) PruneRendered(ctx context.Context, version string, olderThan time.Time, limit int) (int64, error) {
	res, err := d.db.ExecContext(ctx, `DELETE FROM rendered_pages WHERE (kind, id, lang) IN (
		SELECT kind, id, lang FROM rendered_pages WHERE version <> $1 AND at < $2 LIMIT $3)`, version, olderThan, limit)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// RenderedStats counts the stored pages by version: for tests, the
// benchmark and the jobs page.
func (d *DB) RenderedStats(ctx context.Context, version string) (current, other int64, bytes int64, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN version = $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN version = $1 THEN 0 ELSE 1 END), 0), COALESCE(SUM(length(body)), 0) FROM rendered_pages`, version).Scan(&current, &other, &bytes)
	return current, other, bytes, err
}
