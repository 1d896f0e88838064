package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Bulk loading of generated licence reports and delay notices (gen-data).
// Like LoadRatings it writes the rows directly: no per-row audit entry and
// no report history (a generated report has none), which would double the
// load for data nobody entered. Offline use only.

// ReportingLevelSwitch is a row of licence_reporting_levels.
type ReportingLevelSwitch struct {
	AgencyID  int64
	Level     openinfo.ReportingLevel
	FromMonth int
}

// LoadedUnlock is an unlock request as loaded, with the time the job
// closed its window (zero: not closed).
type LoadedUnlock struct {
	openinfo.UnlockRequest
	ClosedAt time.Time
}

// LicenceRecords are the generated rows around the reports.
type LicenceRecords struct {
	Levels  []ReportingLevelSwitch
	Locks   []LicenceLock
	Unlocks []LoadedUnlock
	Cases   []openinfo.DelayCase
}

func sqlTime(t time.Time) string {
	if t.IsZero() {
		return "NULL"
	}
	return "'" + t.UTC().Format("2006-01-02 15:04:05.999999999-07:00") + "'"
}

// literalLoader writes rows as literal multi-row INSERTs, perTx rows to a
// transaction: no parameters to bind (see literalRatings) on either engine.
type literalLoader struct {
	ctx    context.Context
	d      *DB
	head   string
	b      strings.Builder
	rows   int
	inTx   int
	tx     *sql.Tx
	onDone func(int)
	n      int
}

func (l *literalLoader) add(row string) error {
	if l.rows == 0 {
		l.b.WriteString(l.head)
	} else {
		l.b.WriteByte(',')
	}
	l.b.WriteString(row)
	l.rows++
	l.n++
	if l.rows == 250 {
		return l.flush(false)
	}
	return nil
}

func (l *literalLoader) flush(end bool) error {
	if l.rows > 0 {
		if l.tx == nil {
			var err error
			if l.tx, err = l.d.db.BeginTx(l.ctx, nil); err != nil {
				return err
			}
		}
		if _, err := l.tx.ExecContext(l.ctx, l.b.String()); err != nil {
			return err
		}
		l.inTx += l.rows
		l.b.Reset()
		l.rows = 0
	}
	if l.tx != nil && (end || l.inTx >= 250_000) {
		err := l.tx.Commit()
		l.tx, l.inTx = nil, 0
		if l.onDone != nil {
			l.onDone(l.n)
		}
		return err
	}
	return nil
}

func (l *literalLoader) abort() {
	if l.tx != nil {
		l.tx.Rollback()
	}
}

// LoadLicenceReports bulk-loads the reports gen makes and rebuilds the
// roll-up from them. total is for progress reports.
func (d *DB) LoadLicenceReports(ctx context.Context, total int, gen func(emit func(*openinfo.LicenceReport) error) error,
	progress func(stage string, done, total int)) (int, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	// The secondary indexes are built once at the end of a big load.
	idx := []string{`CREATE INDEX licence_reports_month ON licence_reports(month, agency_id)`,
		`CREATE INDEX licence_reports_agency ON licence_reports(agency_id, month)`,
		`CREATE INDEX licence_reports_process ON licence_reports(process_id, month)`,
		`CREATE INDEX licence_reports_submitted ON licence_reports(month, reporter_kind, reporter_id, process_id) WHERE state = 'submitted'`}
	big := total > 200_000
	if big {
		for _, ix := range idx {
			if _, err := d.db.ExecContext(ctx, `DROP INDEX IF EXISTS `+strings.Fields(ix)[2]); err != nil {
				return 0, err
			}
		}
	}
	l := &literalLoader{ctx: ctx, d: d, head: `INSERT INTO licence_reports (reporter_kind, reporter_id, agency_id, process_id, month, state,
		pending_start, received, issued, refused, withdrawn, on_time, late, pending_end, delay_notices, corrections, version,
		submitted_at, created_at, updated_at, updated_by) VALUES `,
		onDone: func(n int) { progress("licence reports", n, total) }}
	err := gen(func(r *openinfo.LicenceReport) error {
		c := r.Counts
		created := r.UpdatedAt
		if !r.SubmittedAt.IsZero() {
			created = r.SubmittedAt
		}
		return l.add(fmt.Sprintf("('%s',%d,%d,%d,%d,'%s',%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s,%d)",
			r.Reporter.Kind, r.Reporter.ID, r.AgencyID, r.ProcessID, r.Month, r.State,
			c.PendingStart, c.Received, c.Issued, c.Refused, c.Withdrawn, c.OnTime, c.Late, c.PendingEnd, c.DelayNotices,
			r.Corrections, r.Version, sqlTime(r.SubmittedAt), sqlTime(created), sqlTime(r.UpdatedAt), r.UpdatedBy))
	})
	if err == nil {
		err = l.flush(true)
	}
	if err != nil {
		l.abort()
	}
	if big {
		for i, ix := range idx {
			progress("report indexes", i, len(idx))
			if _, e := d.db.ExecContext(ctx, ix); e != nil && err == nil {
				err = e
			}
		}
	}
	if err != nil {
		return l.n, err
	}
	progress("licence roll-up", 0, 1)
	if err := d.RebuildLicenceRollup(ctx); err != nil {
		return l.n, err
	}
	progress("licence roll-up", 1, 1)
	if d.dialect == Postgres {
		// Fresh statistics, as after the ratings' load: without them the
		// planner takes a month's reports for one row, and the search for
		// missing reporters compares every expected report with every
		// submitted one (0.5 s instead of 15 ms on the small data set).
		for _, t := range []string{"licence_reports", "licence_reporting_levels", "point_processes", "service_points", "manual_revisions", "processes"} {
			if _, err := d.db.ExecContext(ctx, `ANALYZE `+t); err != nil {
				return l.n, err
			}
		}
	}
	return l.n, nil
}

// LoadLicenceRecords writes the reporting levels, locks, unlock requests
// and delayed applications with their notices, in one transaction. The
// applications' due-duty day is computed as SaveDelayCase computes it.
func (d *DB) LoadLicenceRecords(ctx context.Context, rec *LicenceRecords) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		if err := d.bulkInsert(ctx, tx, "licence_reporting_levels", "agency_id, level, from_month, set_by, set_at", len(rec.Levels),
			func(i int) []any { l := rec.Levels[i]; return []any{l.AgencyID, l.Level, l.FromMonth, 0, now} }, func(int) {}); err != nil {
			return err
		}
		if err := d.bulkInsert(ctx, tx, "licence_locks", "reporter_kind, reporter_id, month, agency_id, missing, locked_at", len(rec.Locks),
			func(i int) []any {
				l := rec.Locks[i]
				return []any{l.Reporter.Kind, l.Reporter.ID, l.Month, l.AgencyID, l.Missing, l.LockedAt.UTC()}
			}, func(int) {}); err != nil {
			return err
		}
		nullTime := func(t time.Time) sql.NullTime { return sql.NullTime{Time: t.UTC(), Valid: !t.IsZero()} }
		if err := d.bulkInsert(ctx, tx, "licence_unlocks", `reporter_kind, reporter_id, agency_id, month, reason, requested_by,
			requested_at, status, decided_by, decided_at, comment, window_end, closed_at`, len(rec.Unlocks),
			func(i int) []any {
				u := rec.Unlocks[i]
				return []any{u.Reporter.Kind, u.Reporter.ID, u.AgencyID, u.Month, u.Reason, u.RequestedBy, u.RequestedAt.UTC(), u.Status,
					u.DecidedBy, nullTime(u.DecidedAt), u.Comment, nullTime(u.WindowEnd), nullTime(u.ClosedAt)}
			}, func(int) {}); err != nil {
			return err
		}
		var next int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM delay_cases`).Scan(&next); err != nil {
			return err
		}
		first := next
		cases := rec.Cases
		if err := d.bulkInsert(ctx, tx, "delay_cases", `id, ref, ref_key, process_id, point_id, agency_id, applicant_name,
			applicant_phone, applicant_email, received_on, due_on, due_reason, decision, decided_on, told_on, notices, last_notice_on,
			duty_due, created_at, updated_at`, len(cases), func(i int) []any {
			c := &cases[i]
			last := ""
			if n, ok := c.LastNotice(); ok {
				last = dateText(n.Date)
			}
			return []any{first + int64(i), c.Ref, openinfo.DelayRefKey(c.Ref), c.ProcessID, c.PointID, c.AgencyID, c.ApplicantName,
				c.ApplicantPhone, c.ApplicantEmail, dateText(c.Received), dateText(c.Due), c.DueReason, c.Decision,
				dateText(c.DecidedOn), dateText(c.ToldOn), len(c.Notices), last, dutyDue(c), now, now}
		}, func(int) {}); err != nil {
			return err
		}
		type noticeRow struct {
			caseID int64
			n      *openinfo.DelayNotice
		}
		var notices []noticeRow
		for i := range cases {
			for j := range cases[i].Notices {
				notices = append(notices, noticeRow{first + int64(i), &cases[i].Notices[j]})
			}
		}
		if err := d.bulkInsert(ctx, tx, "delay_notices", "case_id, seq, number, notice_on, reason, expected_on, recorded_at",
			len(notices), func(i int) []any {
				n := notices[i].n
				return []any{notices[i].caseID, n.Seq, n.Number, dateText(n.Date), n.Reason, dateText(n.ExpectedDecision), now}
			}, func(int) {}); err != nil {
			return err
		}
		if d.dialect == Postgres {
			// Explicit IDs do not advance identity sequences.
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('delay_cases', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM delay_cases), false)`); err != nil {
				return err
			}
		}
		return nil
	})
}
