package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/openinfo/openinfo"
)

// Unlocks ("ปลดล็อค") and the deadline lock of licence reports.

const unlockCols = `id, reporter_kind, reporter_id, agency_id, month, reason, requested_by, requested_at, status,
	decided_by, decided_at, comment, window_end`

func scanUnlock(s scanner) (*openinfo.UnlockRequest, error) {
	var u openinfo.UnlockRequest
	var decided, end sql.NullTime
	err := s.Scan(&u.ID, &u.Reporter.Kind, &u.Reporter.ID, &u.AgencyID, &u.Month, &u.Reason, &u.RequestedBy, &u.RequestedAt,
		&u.Status, &u.DecidedBy, &decided, &u.Comment, &end)
	u.DecidedAt, u.WindowEnd = decided.Time, end.Time
	return &u, err
}

// RequestUnlock asks, with a reason, to report a locked month late. One
// request per reporter and month, ever: the state machine refuses a second
// one and the table's unique key refuses a racing one. Audited.
func (d *DB) RequestUnlock(ctx context.Context, r openinfo.Reporter, month int, reason string, actor openinfo.Officer, at time.Time) (*openinfo.UnlockRequest, error) {
	policy, err := d.LicencePolicy(ctx)
	if err != nil {
		return nil, err
	}
	var out *openinfo.UnlockRequest
	err = d.tx(ctx, func(tx *sql.Tx) error {
		agencyID, path, err := reporterAgency(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActReportLicences, path); err != nil {
			return err
		}
		old, err := loadUnlock(ctx, tx, r, month)
		if err != nil {
			return err
		}
		res, err := openinfo.LicenceStep(policy, nil, openinfo.LicenceStepInput{Event: openinfo.LicRequestUnlock,
			Period: openinfo.LicencePeriod{Month: month, Unlock: old}, At: at, Text: reason})
		if err != nil {
			return err
		}
		u := res.Unlock
		u.Reporter, u.AgencyID, u.RequestedBy, u.RequestedAt = r, agencyID, actor.UserID, d.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO licence_unlocks (reporter_kind, reporter_id, agency_id, month, reason,
			requested_by, requested_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			r.Kind, r.ID, agencyID, month, u.Reason, u.RequestedBy, u.RequestedAt, u.Status).Scan(&u.ID)
		if isUniqueViolation(err) {
			return openinfo.Errorf(openinfo.ECONFLICT, "รายงานเดือนนี้เคยขอปลดล็อคแล้ว ระบบไม่สามารถขอปลดล็อคได้อีก",
				"An unlock of this month was requested before; a month can be unlocked only once.")
		}
		if err != nil {
			return err
		}
		out = u
		return d.audit(ctx, tx, "licence.request_unlock", "licence_unlock", u.ID, nil,
			map[string]any{"reporter": r, "month": month, "reason": u.Reason})
	})
	return out, err
}

// UnlockRequest returns an unlock request by ID.
func (d *DB) UnlockRequest(ctx context.Context, id int64) (*openinfo.UnlockRequest, error) {
	u, err := scanUnlock(d.db.QueryRowContext(ctx, `SELECT `+unlockCols+` FROM licence_unlocks WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอปลดล็อคที่ระบุ", "No such unlock request.")
	}
	return u, err
}

// DecideUnlock approves (opening a window of the policy's business days on
// the holiday calendar) or refuses (with a comment) an unlock request.
// OPDC's or the platform administrator's (ActUnlockReport). A decision
// races safely: only a request still waiting is changed. Audited.
func (d *DB) DecideUnlock(ctx context.Context, id int64, approve bool, comment string, actor openinfo.Officer, at time.Time) (*openinfo.UnlockRequest, error) {
	policy, err := d.LicencePolicy(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := d.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	ev := openinfo.LicRefuseUnlock
	if approve {
		ev = openinfo.LicApproveUnlock
	}
	var out *openinfo.UnlockRequest
	err = d.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanUnlock(tx.QueryRowContext(ctx, `SELECT `+unlockCols+` FROM licence_unlocks WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอปลดล็อคที่ระบุ", "No such unlock request.")
		}
		if err != nil {
			return err
		}
		_, path, err := reporterAgency(ctx, tx, old.Reporter)
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActUnlockReport, path); err != nil {
			return err
		}
		res, err := openinfo.LicenceStep(policy, cal, openinfo.LicenceStepInput{Event: ev,
			Period: openinfo.LicencePeriod{Month: old.Month, Unlock: old}, At: at, Text: comment})
		if err != nil {
			return err
		}
		u := res.Unlock
		u.DecidedBy = actor.UserID
		// UTC: SQLite keeps timestamps as text, which compares and parses
		// only in one zone.
		u.DecidedAt = u.DecidedAt.UTC()
		end := sql.NullTime{Time: u.WindowEnd.UTC(), Valid: !u.WindowEnd.IsZero()}
		r, err := tx.ExecContext(ctx, `UPDATE licence_unlocks SET status = $1, decided_by = $2, decided_at = $3, comment = $4,
			window_end = $5 WHERE id = $6 AND status = 'requested'`, u.Status, u.DecidedBy, u.DecidedAt, u.Comment, end, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return openinfo.Errorf(openinfo.ECONFLICT, "คำขอนี้ได้รับการพิจารณาไปแล้ว", "This request was decided already.")
		}
		out = u
		return d.audit(ctx, tx, "licence."+string(ev), "licence_unlock", id, map[string]any{"status": old.Status},
			map[string]any{"status": u.Status, "comment": u.Comment, "window_end": end})
	})
	return out, err
}

// UnlockFilter selects unlock requests; zero fields match everything.
type UnlockFilter struct {
	Status    openinfo.UnlockStatus
	UnderPath string // the reporter's agency is in this subtree
	Month     int
	Limit     int
	Offset    int
}

// UnlockRequests lists unlock requests, oldest waiting first.
func (d *DB) UnlockRequests(ctx context.Context, f UnlockFilter) ([]*openinfo.UnlockRequest, error) {
	var w where
	if f.Status != "" {
		w.add("u.status = ?", f.Status)
	}
	if f.UnderPath != "" {
		w.add("a.path LIKE ?", pathLike(f.UnderPath))
	}
	if f.Month != 0 {
		w.add("u.month = ?", f.Month)
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT u.id, u.reporter_kind, u.reporter_id, u.agency_id, u.month, u.reason,
		u.requested_by, u.requested_at, u.status, u.decided_by, u.decided_at, u.comment, u.window_end
		FROM licence_unlocks u JOIN agencies a ON a.id = u.agency_id`+w.sql()+` ORDER BY u.requested_at, u.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.UnlockRequest
	for rows.Next() {
		u, err := scanUnlock(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// LockPeriod is the deadline job's step for month: it records a lock for
// every reporter that had not submitted every report it owed, and returns
// how many it recorded (0 when run again). Before the deadline it is
// refused. The state itself needs no writing: it follows from the time
// (openinfo.LicencePeriod.EffectiveState), so a save after the deadline is
// refused even before this runs.
func (d *DB) LockPeriod(ctx context.Context, month int, at time.Time) (int, error) {
	policy, err := d.LicencePolicy(ctx)
	if err != nil {
		return 0, err
	}
	if _, err := openinfo.LicenceStep(policy, nil, openinfo.LicenceStepInput{Event: openinfo.LicLock,
		Period: openinfo.LicencePeriod{Month: month}, At: at}); err != nil {
		return 0, err
	}
	n := 0
	err = d.tx(ctx, func(tx *sql.Tx) error {
		// A month is locked once: the search for the country's missing
		// reporters (2 s nationally) holds the write lock, for nothing
		// once the month is locked.
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM licence_locked_months WHERE month = $1`, month).Scan(&done); err != nil || done > 0 {
			return err
		}
		missing, err := missingReporters(ctx, tx, d.dialect, month, "")
		if err != nil {
			return err
		}
		now := d.now()
		for _, m := range missing {
			r, err := tx.ExecContext(ctx, `INSERT INTO licence_locks (reporter_kind, reporter_id, month, agency_id, missing, locked_at)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reporter_kind, reporter_id, month) DO NOTHING`,
				m.Reporter.Kind, m.Reporter.ID, month, m.AgencyID, m.Missing, now)
			if err != nil {
				return err
			}
			k, _ := r.RowsAffected()
			n += int(k)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO licence_locked_months (month, reporters, locked_at) VALUES ($1, $2, $3)
			ON CONFLICT (month) DO NOTHING`, month, n, now); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		return d.audit(ctx, tx, "licence.lock", "licence_month", int64(month), nil, map[string]any{"month": month, "locked": n})
	})
	return n, err
}

// LicenceLock is a reporter the deadline job found missing.
type LicenceLock struct {
	Reporter openinfo.Reporter
	AgencyID int64
	Month    int
	Missing  int
	LockedAt time.Time
}

// LicenceLocks lists the locks recorded for month under underPath.
func (d *DB) LicenceLocks(ctx context.Context, month int, underPath string) ([]LicenceLock, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT l.reporter_kind, l.reporter_id, l.agency_id, l.month, l.missing, l.locked_at
		FROM licence_locks l JOIN agencies a ON a.id = l.agency_id
		WHERE l.month = $1 AND a.path LIKE $2 ORDER BY l.agency_id, l.reporter_kind, l.reporter_id`, month, pathLike(underPath))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LicenceLock
	for rows.Next() {
		var l LicenceLock
		if err := rows.Scan(&l.Reporter.Kind, &l.Reporter.ID, &l.AgencyID, &l.Month, &l.Missing, &l.LockedAt); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CloseUnlockWindows records the end of every unlock window that ended by
// at (LicWindowEnds) and returns how many it closed; each is audited. Like
// the lock, the closing itself follows from the time; this records it for
// the history and the requester's view.
func (d *DB) CloseUnlockWindows(ctx context.Context, at time.Time) (int, error) {
	n := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+unlockCols+` FROM licence_unlocks
			WHERE status = 'approved' AND closed_at IS NULL AND window_end <= $1 ORDER BY id`, at.UTC())
		if err != nil {
			return err
		}
		var due []*openinfo.UnlockRequest
		for rows.Next() {
			u, err := scanUnlock(rows)
			if err != nil {
				rows.Close()
				return err
			}
			due = append(due, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, u := range due {
			if _, err := openinfo.LicenceStep(openinfo.DefaultLicencePolicy, nil, openinfo.LicenceStepInput{Event: openinfo.LicWindowEnds,
				Period: openinfo.LicencePeriod{Month: u.Month, Unlock: u}, At: at}); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE licence_unlocks SET closed_at = $1 WHERE id = $2`, d.now(), u.ID); err != nil {
				return err
			}
			if err := d.audit(ctx, tx, "licence.window_ends", "licence_unlock", u.ID, nil,
				map[string]any{"month": u.Month, "window_end": u.WindowEnd}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
