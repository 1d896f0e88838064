package store

import (
	"context"
	"database/sql"
	"time"
)

// JobState is what the jobs table says of one job.
type JobState struct {
	Name         string
	NextRun      time.Time
	LeaseOwner   string // "" when no node runs it
	LeaseUntil   time.Time
	LastStart    time.Time
	LastEnd      time.Time
	LastDuration time.Duration
	LastError    string
	LastOwner    string
	Runs         int64
	Failures     int64
}

// ClaimJob takes the lease of job name for owner until now+lease when the
// job is due (its next run is not after now) and nobody holds a live lease.
// It reports whether owner got it: one UPDATE decides, so of several nodes
// asking at once exactly one wins. A node that dies mid-run stops renewing
// its lease; once the lease has passed, the job is due again for the others.
func (d *DB) ClaimJob(ctx context.Context, name, owner string, now time.Time, lease time.Duration) (bool, error) {
	now = now.UTC().Truncate(time.Microsecond)
	if _, err := d.db.ExecContext(ctx, `INSERT INTO jobs (name, next_run) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, now); err != nil {
		return false, err
	}
	res, err := d.db.ExecContext(ctx, `UPDATE jobs SET lease_owner = $1, lease_until = $2
		WHERE name = $3 AND next_run <= $4 AND (lease_until IS NULL OR lease_until < $4)`, owner, now.Add(lease), name, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RenewJob extends owner's lease of a running job; it reports false when the
// lease was lost (it expired and another node took the job).
func (d *DB) RenewJob(ctx context.Context, name, owner string, now time.Time, lease time.Duration) (bool, error) {
	res, err := d.db.ExecContext(ctx, `UPDATE jobs SET lease_until = $1 WHERE name = $2 AND lease_owner = $3 AND lease_until IS NOT NULL`,
		now.UTC().Add(lease), name, owner)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// FinishJob records a run of owner's and releases the lease; next is when
// the job is due again. A node whose lease was taken over records nothing.
func (d *DB) FinishJob(ctx context.Context, name, owner string, start, end, next time.Time, runErr error) error {
	msg, failed := "", 0
	if runErr != nil {
		msg, failed = ClipError(runErr.Error()), 1
	}
	_, err := d.db.ExecContext(ctx, `UPDATE jobs SET lease_owner = '', lease_until = NULL, next_run = $1,
		last_start = $2, last_end = $3, last_duration_ms = $4, last_error = $5, last_owner = $6,
		runs = runs + 1, failures = failures + $7
		WHERE name = $8 AND lease_owner = $6`,
		next.UTC(), start.UTC(), end.UTC(), end.Sub(start).Milliseconds(), msg, owner, failed, name)
	return err
}

// Jobs lists every job that has ever been claimed, by name.
func (d *DB) Jobs(ctx context.Context) ([]JobState, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT name, next_run, lease_owner, lease_until, last_start, last_end,
		last_duration_ms, last_error, last_owner, runs, failures FROM jobs ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JobState
	for rows.Next() {
		var j JobState
		var until, start, end sql.NullTime
		var ms int64
		if err := rows.Scan(&j.Name, &j.NextRun, &j.LeaseOwner, &until, &start, &end, &ms, &j.LastError, &j.LastOwner, &j.Runs, &j.Failures); err != nil {
			return nil, err
		}
		j.LeaseUntil, j.LastStart, j.LastEnd, j.LastDuration = until.Time, start.Time, end.Time, time.Duration(ms)*time.Millisecond
		out = append(out, j)
	}
	return out, rows.Err()
}

// ClipError bounds an error's text for a database column.
func ClipError(s string) string {
	const max = 2000
	if len(s) <= max {
		return s
	}
	for i := max; i > max-4; i-- { // do not cut a UTF-8 sequence in two
		if s[i]&0xC0 != 0x80 {
			return s[:i]
		}
	}
	return s[:max]
}
