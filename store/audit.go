package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/openinfo/openinfo"
)

// audit writes one audit entry inside tx, so a change and its record commit
// or roll back together.
func (d *DB) audit(ctx context.Context, tx *sql.Tx, action, entity string, id int64, before, after any) error {
	a := openinfo.ActorFrom(ctx)
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	af, err := enc(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, agency_path)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		d.now(), a.UserID, a.Name, action, entity, id, b, af, a.RequestID, a.AgencyPath)
	if err == nil {
		d.audited.Store(tx, struct{}{}) // counted by tx once it commits
	}
	return err
}

// CommittedChanges counts the transactions that wrote an audit entry and committed:
// every change to the directory does. The web layer compares it before
// and after a request to know whether the request changed anything.
func (d *DB) CommittedChanges() uint64 { return d.changes.Load() }

// AuditFilter selects audit entries; zero fields match everything.
type AuditFilter struct {
	EntityType string
	EntityID   int64
	ActorID    int64
	// AgencyPath: the changes concerning the agencies of this subtree.
	AgencyPath string
	Action     string    // an exact action ("user.remove")
	From, To   time.Time // at ≥ From, at < To
	Limit      int
	Offset     int
}

// auditWhere is f as a WHERE clause.
func auditWhere(f AuditFilter) where {
	var w where
	if f.EntityType != "" {
		w.add("entity_type = ?", f.EntityType)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.AgencyPath != "" {
		w.add("agency_path LIKE ?", f.AgencyPath+"%")
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		w.add("at < ?", f.To.UTC())
	}
	return w
}

// AuditCount counts the entries f selects.
func (d *DB) AuditCount(ctx context.Context, f AuditFilter) (int, error) {
	w := auditWhere(f)
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`+w.sql(), w.args...).Scan(&n)
	return n, err
}

// AuditLog returns audit entries, newest first.
func (d *DB) AuditLog(ctx context.Context, f AuditFilter) ([]openinfo.AuditEntry, error) {
	w := auditWhere(f)
	limit, offset := pageBounds(f.Limit, f.Offset, 100)
	rows, err := d.db.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id
		FROM audit_log`+w.sql()+` ORDER BY id DESC`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []openinfo.AuditEntry
	for rows.Next() {
		var e openinfo.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.EntityType, &e.EntityID, &e.Before, &e.After, &e.RequestID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
