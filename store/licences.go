package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Licence-issuance reports (issue 14). The rules are openinfo's
// (LicenceReport.Validate, LicenceStep); this file reads what they need and
// writes what they decide, in one transaction with its audit entry. Every
// method that depends on the date takes it (at), so the deadline job, the
// web layer and the tests agree on "now".

const metaLicenceDueDay = "licence.due_day"

// LicencePolicy returns the deadline rules in force: the due day OPDC set
// (SetLicencePolicy), else the default.
func (d *DB) LicencePolicy(ctx context.Context) (openinfo.LicencePolicy, error) {
	p := openinfo.DefaultLicencePolicy
	v, err := d.Meta(ctx, metaLicenceDueDay)
	if err != nil || v == "" {
		return p, err
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 28 {
		p.DueDay = n
	}
	return p, nil
}

// SetLicencePolicy sets the day of the following month by which a month's
// reports are due: 1 to 28, so every month has it. OPDC's (ActUnlockReport).
func (d *DB) SetLicencePolicy(ctx context.Context, dueDay int, actor openinfo.Officer) error {
	if err := openinfo.Authorize(actor, openinfo.ActUnlockReport, ""); err != nil {
		return err
	}
	if dueDay < 1 || dueDay > 28 {
		msgTH, msgEN := "วันครบกำหนดส่งต้องอยู่ระหว่างวันที่ 1 ถึง 28", "The due day must be between 1 and 28."
		return &openinfo.Error{Code: openinfo.EINVALID, TH: msgTH, EN: msgEN,
			Fields: []openinfo.FieldError{{Field: "due_day", TH: msgTH, EN: msgEN}}}
	}
	before, err := d.LicencePolicy(ctx)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaLicenceDueDay, strconv.Itoa(dueDay)); err != nil {
			return err
		}
		return d.audit(ctx, tx, "licence.policy", "licence_policy", 0,
			map[string]any{"due_day": before.DueDay}, map[string]any{"due_day": dueDay})
	})
}

// reporterAgency returns the agency a reporter belongs to and its path.
func reporterAgency(ctx context.Context, q querier, r openinfo.Reporter) (int64, string, error) {
	var id int64
	var path string
	var err error
	switch r.Kind {
	case openinfo.ReporterPoint:
		err = q.QueryRowContext(ctx, `SELECT a.id, a.path FROM service_points sp JOIN agencies a ON a.id = sp.agency_id
			WHERE sp.id = $1`, r.ID).Scan(&id, &path)
	case openinfo.ReporterAgency:
		err = q.QueryRowContext(ctx, `SELECT id, path FROM agencies WHERE id = $1`, r.ID).Scan(&id, &path)
	default:
		return 0, "", openinfo.Errorf(openinfo.EINVALID, "ผู้รายงานไม่ถูกต้อง", "Unknown kind of reporter.")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบผู้รายงานที่ระบุ", "No such reporter.")
	}
	return id, path, err
}

// reportingLevel is who reports agencyID's processes in month.
func reportingLevel(ctx context.Context, q querier, agencyID int64, month int) (openinfo.ReportingLevel, error) {
	var lvl string
	err := q.QueryRowContext(ctx, `SELECT level FROM licence_reporting_levels WHERE agency_id = $1 AND from_month <= $2
		ORDER BY from_month DESC LIMIT 1`, agencyID, month).Scan(&lvl)
	if errors.Is(err, sql.ErrNoRows) {
		return openinfo.ReporterPoint, nil
	}
	return openinfo.ReportingLevel(lvl), err
}

// ReportingLevel is who reports the processes of agencyID in month.
func (d *DB) ReportingLevel(ctx context.Context, agencyID int64, month int) (openinfo.ReportingLevel, error) {
	return reportingLevel(ctx, d.db, agencyID, month)
}

// SetReportingLevel switches who reports agencyID's processes, from the
// month after at (openinfo.ReportingLevelFrom), and returns that month.
// The platform administrator's (ActSetReportingLevel); audited.
func (d *DB) SetReportingLevel(ctx context.Context, agencyID int64, level openinfo.ReportingLevel, actor openinfo.Officer, at time.Time) (int, error) {
	if !level.Valid() {
		return 0, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาเลือกระดับผู้รายงาน", EN: "Choose who reports.",
			Fields: []openinfo.FieldError{{Field: "level", TH: "กรุณาเลือกจุดบริการหรือกรม", EN: "Choose service points or the department."}}}
	}
	from := openinfo.ReportingLevelFrom(at)
	err := d.tx(ctx, func(tx *sql.Tx) error {
		a, err := d.agency(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActSetReportingLevel, a.Path); err != nil {
			return err
		}
		before, err := reportingLevel(ctx, tx, agencyID, from)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO licence_reporting_levels (agency_id, level, from_month, set_by, set_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id, from_month) DO UPDATE SET level = excluded.level,
			set_by = excluded.set_by, set_at = excluded.set_at`, agencyID, level, from, actor.UserID, d.now()); err != nil {
			return err
		}
		return d.audit(ctx, tx, "licence.level", "agency", agencyID,
			map[string]any{"level": before}, map[string]any{"level": level, "from_month": from})
	})
	return from, err
}

// checkReporterProcess refuses a report from a reporter that does not
// report processID in month: the process's agency chose the other level,
// or the point does not serve the process.
func checkReporterProcess(ctx context.Context, q querier, r openinfo.Reporter, processID int64, month int) error {
	var owner int64
	err := q.QueryRowContext(ctx, `SELECT agency_id FROM processes WHERE id = $1`, processID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return &openinfo.Error{Code: openinfo.EINVALID, TH: "ไม่พบกระบวนงานที่เลือก", EN: "No such process.",
			Fields: []openinfo.FieldError{{Field: "process_id", TH: "ไม่พบกระบวนงานที่เลือก", EN: "No such process."}}}
	}
	if err != nil {
		return err
	}
	lvl, err := reportingLevel(ctx, q, owner, month)
	if err != nil {
		return err
	}
	if lvl != r.Kind {
		return &openinfo.Error{Code: openinfo.ECONFLICT,
			TH: "ในเดือนนี้ กระบวนงานนี้รายงานโดย" + lvl.Label("th"),
			EN: "In this month the process is reported by: " + lvl.Label("en") + "."}
	}
	var ok bool
	if r.Kind == openinfo.ReporterAgency {
		ok = r.ID == owner
	} else {
		err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM point_processes WHERE point_id = $1 AND process_id = $2)`,
			r.ID, processID).Scan(&ok)
		if err != nil {
			return err
		}
	}
	if !ok {
		return &openinfo.Error{Code: openinfo.EINVALID,
			TH:     "ผู้รายงานนี้ไม่ได้ให้บริการกระบวนงานที่เลือก (ยังไม่ได้ปักหมุดคู่มือกับจุดบริการ)",
			EN:     "This reporter does not serve that process (the manual is not pinned to the service point).",
			Fields: []openinfo.FieldError{{Field: "process_id", TH: "กระบวนงานไม่ตรงกับผู้รายงาน", EN: "Not a process of this reporter."}}}
	}
	return nil
}

// loadUnlock returns the reporter's unlock request for month, nil if none.
func loadUnlock(ctx context.Context, q querier, r openinfo.Reporter, month int) (*openinfo.UnlockRequest, error) {
	u, err := scanUnlock(q.QueryRowContext(ctx, `SELECT `+unlockCols+` FROM licence_unlocks
		WHERE reporter_kind = $1 AND reporter_id = $2 AND month = $3`, r.Kind, r.ID, month))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return u, err
}

// LicencePeriodInfo is a reporter's month as the report page shows it.
type LicencePeriodInfo struct {
	Period   openinfo.LicencePeriod
	State    openinfo.LicencePeriodState
	DueDate  time.Time
	Deadline time.Time
}

// LicencePeriod returns where a reporter's month stands at at.
func (d *DB) LicencePeriod(ctx context.Context, r openinfo.Reporter, month int, at time.Time) (LicencePeriodInfo, error) {
	p, err := d.LicencePolicy(ctx)
	if err != nil {
		return LicencePeriodInfo{}, err
	}
	u, err := loadUnlock(ctx, d.db, r, month)
	if err != nil {
		return LicencePeriodInfo{}, err
	}
	lp := openinfo.LicencePeriod{Month: month, Unlock: u}
	return LicencePeriodInfo{Period: lp, State: lp.EffectiveState(p, at), DueDate: p.DueDate(month), Deadline: p.Deadline(month)}, nil
}

const reportCols = `id, reporter_kind, reporter_id, agency_id, process_id, month, state, pending_start, received, issued, refused,
	withdrawn, on_time, late, pending_end, delay_notices, corrections, version, submitted_at, updated_at, updated_by`

func scanReport(s scanner) (*openinfo.LicenceReport, error) {
	var r openinfo.LicenceReport
	var sub sql.NullTime
	c := &r.Counts
	err := s.Scan(&r.ID, &r.Reporter.Kind, &r.Reporter.ID, &r.AgencyID, &r.ProcessID, &r.Month, &r.State,
		&c.PendingStart, &c.Received, &c.Issued, &c.Refused, &c.Withdrawn, &c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices,
		&r.Corrections, &r.Version, &sub, &r.UpdatedAt, &r.UpdatedBy)
	r.SubmittedAt = sub.Time
	return &r, err
}

func findReport(ctx context.Context, q querier, r openinfo.Reporter, processID int64, month int) (*openinfo.LicenceReport, error) {
	rep, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportCols+` FROM licence_reports
		WHERE reporter_kind = $1 AND reporter_id = $2 AND month = $3 AND process_id = $4`, r.Kind, r.ID, month, processID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return rep, err
}

// LicenceReport returns a reporter's report of processID for month, nil
// when none was saved.
func (d *DB) LicenceReport(ctx context.Context, r openinfo.Reporter, processID int64, month int) (*openinfo.LicenceReport, error) {
	return findReport(ctx, d.db, r, processID, month)
}

// LicenceReports returns a reporter's reports of month.
func (d *DB) LicenceReports(ctx context.Context, r openinfo.Reporter, month int) ([]*openinfo.LicenceReport, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+reportCols+` FROM licence_reports
		WHERE reporter_kind = $1 AND reporter_id = $2 AND month = $3 ORDER BY process_id`, r.Kind, r.ID, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.LicenceReport
	for rows.Next() {
		rep, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rep)
	}
	return out, rows.Err()
}

// ZeroLicenceReport is the one-click "no applications" report of processID
// for month: pending at the start is last month's pending at the end.
func (d *DB) ZeroLicenceReport(ctx context.Context, r openinfo.Reporter, processID int64, month int) (openinfo.LicenceReport, error) {
	agencyID, _, err := reporterAgency(ctx, d.db, r)
	if err != nil {
		return openinfo.LicenceReport{}, err
	}
	var pending int
	err = d.db.QueryRowContext(ctx, `SELECT pending_end FROM licence_reports
		WHERE reporter_kind = $1 AND reporter_id = $2 AND process_id = $3 AND month < $4 ORDER BY month DESC LIMIT 1`,
		r.Kind, r.ID, processID, month).Scan(&pending)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return openinfo.LicenceReport{}, err
	}
	return openinfo.ZeroLicenceReport(r, agencyID, processID, month, pending), nil
}

// SaveLicenceReport saves, submits or corrects (ev) a report. rep.Version is
// the version the officer read (0 for a new report): a stale save is
// refused. The state machine refuses a change after the lock, the numbers
// are checked, and the save is kept in the report's history and audited.
// On success rep holds what was stored.
func (d *DB) SaveLicenceReport(ctx context.Context, rep *openinfo.LicenceReport, ev openinfo.LicenceEvent, actor openinfo.Officer, at time.Time) error {
	if ev != openinfo.LicSaveDraft && ev != openinfo.LicSubmit && ev != openinfo.LicCorrect {
		return openinfo.Errorf(openinfo.EINVALID, "ไม่รู้จักการดำเนินการ \"%s\"", "Unknown action \"%s\".", ev)
	}
	policy, err := d.LicencePolicy(ctx)
	if err != nil {
		return err
	}
	cal, err := d.Calendar(ctx)
	if err != nil {
		return err
	}
	// On a refusal the caller gets back what it sent, to show the form again.
	orig := *rep
	err = d.tx(ctx, func(tx *sql.Tx) error {
		agencyID, path, err := reporterAgency(ctx, tx, rep.Reporter)
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActReportLicences, path); err != nil {
			return err
		}
		rep.AgencyID = agencyID
		if err := rep.Validate(at); err != nil {
			return err
		}
		if err := checkReporterProcess(ctx, tx, rep.Reporter, rep.ProcessID, rep.Month); err != nil {
			return err
		}
		old, err := findReport(ctx, tx, rep.Reporter, rep.ProcessID, rep.Month)
		if err != nil {
			return err
		}
		state := openinfo.ReportNone
		if old != nil {
			if rep.Version != old.Version {
				return errStale("รายงาน", "report")
			}
			state = old.State
		}
		unlock, err := loadUnlock(ctx, tx, rep.Reporter, rep.Month)
		if err != nil {
			return err
		}
		res, err := openinfo.LicenceStep(policy, cal, openinfo.LicenceStepInput{Event: ev, Report: state, At: at,
			Period: openinfo.LicencePeriod{Month: rep.Month, Unlock: unlock}})
		if err != nil {
			return err
		}
		now, c := d.now(), rep.Counts
		sub := sql.NullTime{}
		if old != nil && !old.SubmittedAt.IsZero() {
			sub = sql.NullTime{Time: old.SubmittedAt, Valid: true}
		}
		if ev == openinfo.LicSubmit {
			sub = sql.NullTime{Time: now, Valid: true}
		}
		counts := []any{c.PendingStart, c.Received, c.Issued, c.Refused, c.Withdrawn, c.OnTime, c.Late, c.PendingEnd, c.DelayNotices}
		if old == nil {
			rep.Version, rep.Corrections = 1, 0
			err = tx.QueryRowContext(ctx, `INSERT INTO licence_reports (reporter_kind, reporter_id, agency_id, process_id, month, state,
				pending_start, received, issued, refused, withdrawn, on_time, late, pending_end, delay_notices,
				submitted_at, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18) RETURNING id`,
				append(append([]any{rep.Reporter.Kind, rep.Reporter.ID, agencyID, rep.ProcessID, rep.Month, res.Report}, counts...),
					sub, now, actor.UserID)...).Scan(&rep.ID)
			if isUniqueViolation(err) {
				return errStale("รายงาน", "report") // someone saved the same report a moment before
			}
			if err != nil {
				return err
			}
		} else {
			rep.ID, rep.Version, rep.Corrections = old.ID, old.Version+1, old.Corrections
			if ev == openinfo.LicCorrect {
				rep.Corrections++
			}
			r, err := tx.ExecContext(ctx, `UPDATE licence_reports SET state = $1, pending_start = $2, received = $3, issued = $4,
				refused = $5, withdrawn = $6, on_time = $7, late = $8, pending_end = $9, delay_notices = $10,
				submitted_at = $11, updated_at = $12, updated_by = $13, corrections = $14, version = $15
				WHERE id = $16 AND version = $17`,
				append(append([]any{res.Report}, counts...), sub, now, actor.UserID, rep.Corrections, rep.Version, old.ID, old.Version)...)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n != 1 {
				return errStale("รายงาน", "report")
			}
		}
		rep.State, rep.SubmittedAt, rep.UpdatedAt, rep.UpdatedBy = res.Report, sub.Time, now, actor.UserID
		if res.Report == openinfo.ReportSubmitted {
			// The roll-up holds submitted reports: a submission adds the
			// report, a correction the difference.
			delta, n := c, 1
			if old != nil && old.State == openinfo.ReportSubmitted {
				delta, n = subCounts(c, old.Counts), 0
			}
			if err := addLicenceRollup(ctx, tx, path, rep.Month, n, delta); err != nil {
				return err
			}
		}
		js, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO licence_report_history (report_id, version, event, counts, actor_id, at)
			VALUES ($1, $2, $3, $4, $5, $6)`, rep.ID, rep.Version, ev, string(js), actor.UserID, now); err != nil {
			return err
		}
		var before any
		if old != nil {
			before = map[string]any{"state": old.State, "counts": old.Counts}
		}
		return d.audit(ctx, tx, "licence."+string(ev), "licence_report", rep.ID, before,
			map[string]any{"state": rep.State, "counts": c, "month": rep.Month, "process_id": rep.ProcessID})
	})
	if err != nil {
		*rep = orig
	}
	return err
}

// LicenceHistoryEntry is one save of a report.
type LicenceHistoryEntry struct {
	Version int64
	Event   openinfo.LicenceEvent
	Counts  openinfo.LicenceCounts
	ActorID int64
	At      time.Time
}

// LicenceReportHistory returns a report's saves, oldest first.
func (d *DB) LicenceReportHistory(ctx context.Context, reportID int64) ([]LicenceHistoryEntry, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT version, event, counts, actor_id, at FROM licence_report_history
		WHERE report_id = $1 ORDER BY version`, reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LicenceHistoryEntry
	for rows.Next() {
		var e LicenceHistoryEntry
		var js string
		if err := rows.Scan(&e.Version, &e.Event, &js, &e.ActorID, &e.At); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(js), &e.Counts); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// pathLike is the LIKE pattern of an agency's subtree; "" for every agency.
// Paths hold only digits and slashes, so nothing needs escaping.
func pathLike(path string) string {
	if path == "" {
		return "%"
	}
	return path + "%"
}

// expectedReports is the set of (reporter, process) pairs that owe a report
// for month $1: where the process's agency reports itself, the agency; else
// every visible service point the process's published manual is pinned to.
// underPath narrows it to the reporters whose agency (the point's, or the
// reporting agency) is in that subtree ("" for the country, with no filter
// at all). The query is built so that both engines do each part once:
// each agency's level is found once (not per pin), the published processes
// and the processes of agencies that report themselves are two sets built
// once (SQLite for IN; PostgreSQL hashes them), and the pins are read point
// by point.
func expectedReports(underPath string) string {
	// The country's pins are checked against the list of published
	// processes, built once; a subtree's few thousand look each process up.
	// The unary plus keeps SQLite from driving the pins from that list (a
	// probe per published process): it reads the points, then each point's
	// pins by their key, in order.
	ownUnder, pointsUnder := "", ""
	published := `+pp.process_id IN (SELECT process_id FROM manual_revisions WHERE state = 'published')`
	if underPath != "" {
		ownUnder = ` AND o.agency_id IN (SELECT id FROM agencies WHERE path LIKE $2)`
		pointsUnder = ` AND sp.agency_id IN (SELECT id FROM agencies WHERE path LIKE $2)`
		published = `EXISTS (SELECT 1 FROM manual_revisions mr WHERE mr.state = 'published' AND mr.process_id = pp.process_id)`
	}
	return `
WITH lvl AS (
	SELECT l.agency_id, l.level FROM licence_reporting_levels l
	JOIN (SELECT agency_id, MAX(from_month) AS from_month FROM licence_reporting_levels WHERE from_month <= $1 GROUP BY agency_id) cur
		ON cur.agency_id = l.agency_id AND cur.from_month = l.from_month
), own AS (
	SELECT p.id AS process_id, p.agency_id FROM lvl JOIN processes p ON p.agency_id = lvl.agency_id WHERE lvl.level = 'agency'
), expected AS (
	SELECT 'agency' AS kind, o.agency_id AS reporter_id, o.agency_id AS agency_id, o.process_id
	FROM own o
	WHERE EXISTS (SELECT 1 FROM manual_revisions mr WHERE mr.state = 'published' AND mr.process_id = o.process_id)` + ownUnder + `
	UNION ALL
	SELECT 'service_point', sp.id, sp.agency_id, pp.process_id
	FROM service_points sp JOIN point_processes pp ON pp.point_id = sp.id
	WHERE sp.visible` + pointsUnder + ` AND ` + published + `
		AND pp.process_id NOT IN (SELECT process_id FROM own)
)`
}

// MissingReporter is a reporter that has not submitted every report it
// owes for a month.
type MissingReporter struct {
	Reporter openinfo.Reporter
	AgencyID int64
	Name     string // the point's or the agency's Thai name
	Expected int    // reports owed
	Missing  int    // of which not submitted
}

// MissingReporters lists, for month, the reporters under agency path
// underPath ("" for all) that have not submitted every report they owe,
// by agency and name.
func (d *DB) MissingReporters(ctx context.Context, month int, underPath string) ([]MissingReporter, error) {
	return missingReporters(ctx, d.db, d.dialect, month, underPath)
}

func missingReporters(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, dialect Dialect, month int, underPath string) ([]MissingReporter, error) {
	// Each expected pair looks for its submitted report in the month's part
	// of licence_reports_submitted (migration 00029: month, kind, reporter,
	// process, submitted only), which holds all it needs. On SQLite a unary
	// plus on the process keeps the planner from taking the table's unique
	// key instead, whose every match reads the report's row to see its
	// state; PostgreSQL keeps the plain column, to hash or probe on all
	// four. Names and sort keys are read for the missing reporters only.
	process := "r.process_id"
	if dialect == SQLite {
		process = "+r.process_id"
	}
	args := []any{month}
	if underPath != "" {
		args = append(args, pathLike(underPath))
	}
	rows, err := q.QueryContext(ctx, expectedReports(underPath)+`, counted AS (
		SELECT e.kind, e.reporter_id, e.agency_id, COUNT(*) AS expected, COUNT(*) - COUNT(r.process_id) AS missing
		FROM expected e LEFT JOIN licence_reports r ON r.month = $1 AND r.state = 'submitted'
			AND r.reporter_kind = e.kind AND r.reporter_id = e.reporter_id AND `+process+` = e.process_id
		GROUP BY e.kind, e.reporter_id, e.agency_id
		HAVING COUNT(*) > COUNT(r.process_id)
	)
	SELECT c.kind, c.reporter_id, c.agency_id, COALESCE(sp.name_th, a.name_th), c.expected, c.missing
	FROM counted c JOIN agencies a ON a.id = c.agency_id
	LEFT JOIN service_points sp ON c.kind = 'service_point' AND sp.id = c.reporter_id
	ORDER BY c.agency_id, COALESCE(sp.sort_key, a.sort_key), c.reporter_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MissingReporter
	for rows.Next() {
		var m MissingReporter
		if err := rows.Scan(&m.Reporter.Kind, &m.Reporter.ID, &m.AgencyID, &m.Name, &m.Expected, &m.Missing); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// LicenceRollupRow is the submitted reports of one process and month,
// summed.
type LicenceRollupRow struct {
	ProcessID   int64
	ProcessName string
	Month       int
	Reports     int
	Counts      openinfo.LicenceCounts
}

// LicenceRollup sums the submitted reports under agency path underPath (""
// for the country) per process and month, from..to (yyyymm, inclusive).
// A plain GROUP BY over the raw reports: under a department it reads its
// points' few thousand reports; the country's list has a row per process
// and month (millions at national scale), which no roll-up would shorten.
func (d *DB) LicenceRollup(ctx context.Context, underPath string, from, to int) ([]LicenceRollupRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT r.process_id, p.name_th, r.month, COUNT(*),
		SUM(r.pending_start), SUM(r.received), SUM(r.issued), SUM(r.refused), SUM(r.withdrawn),
		SUM(r.on_time), SUM(r.late), SUM(r.pending_end), SUM(r.delay_notices)
		FROM licence_reports r JOIN agencies a ON a.id = r.agency_id JOIN processes p ON p.id = r.process_id
		WHERE r.state = 'submitted' AND r.month >= $1 AND r.month <= $2 AND a.path LIKE $3
		GROUP BY r.process_id, p.name_th, p.sort_key, r.month
		ORDER BY p.sort_key, r.process_id, r.month`, from, to, pathLike(underPath))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LicenceRollupRow
	for rows.Next() {
		var x LicenceRollupRow
		c := &x.Counts
		if err := rows.Scan(&x.ProcessID, &x.ProcessName, &x.Month, &x.Reports, &c.PendingStart, &c.Received, &c.Issued,
			&c.Refused, &c.Withdrawn, &c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// isUniqueViolation reports whether err is a unique-key violation on
// either engine (two writers raced for the same key).
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// LicenceBreakdownRow is the submitted reports under one child agency,
// summed.
type LicenceBreakdownRow struct {
	AgencyID int64
	Name     string
	Reports  int
	Counts   openinfo.LicenceCounts
}

// LicenceReceivedPerMonth sums the applications received for processID per
// month from..to over every submitted report, for the manual's section 9
// (openinfo.StatsFromReports).
func (d *DB) LicenceReceivedPerMonth(ctx context.Context, processID int64, from, to int) (map[int]int, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT month, SUM(received) FROM licence_reports
		WHERE process_id = $1 AND state = 'submitted' AND month >= $2 AND month <= $3 GROUP BY month`, processID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var m, n int
		if err := rows.Scan(&m, &n); err != nil {
			return nil, err
		}
		out[m] = n
	}
	return out, rows.Err()
}
