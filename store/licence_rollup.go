package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// The licence reports' roll-up (migration 00015): submitted reports summed
// per agency subtree and month, and per fiscal year, agency 0 for the
// country. A national data
// set has about 5 million reports a year; the country's breakdown by
// top-level agency summed them in seconds, from here in milliseconds.

const licenceSumCols = `pending_start, received, issued, refused, withdrawn, on_time, late, pending_end, delay_notices`

func countsArgs(c openinfo.LicenceCounts) []any {
	return []any{c.PendingStart, c.Received, c.Issued, c.Refused, c.Withdrawn, c.OnTime, c.Late, c.PendingEnd, c.DelayNotices}
}

func subCounts(a, b openinfo.LicenceCounts) openinfo.LicenceCounts {
	return openinfo.LicenceCounts{PendingStart: a.PendingStart - b.PendingStart, Received: a.Received - b.Received,
		Issued: a.Issued - b.Issued, Refused: a.Refused - b.Refused, Withdrawn: a.Withdrawn - b.Withdrawn,
		OnTime: a.OnTime - b.OnTime, Late: a.Late - b.Late, PendingEnd: a.PendingEnd - b.PendingEnd,
		DelayNotices: a.DelayNotices - b.DelayNotices}
}

// addLicenceRollup adds reports and delta to month's rows of the agency at
// path, each ancestor and the country, inside the report's transaction.
// Agencies never move in the tree, so the path's ancestors stay right.
func addLicenceRollup(ctx context.Context, tx *sql.Tx, path string, month, reports int, delta openinfo.LicenceCounts) error {
	ids := []int64{0}
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	var adds []string
	for _, c := range strings.Split("reports, "+licenceSumCols, ", ") {
		adds = append(adds, c+" = licence_rollup."+c+" + excluded."+c)
	}
	q := `INSERT INTO licence_rollup (agency_id, month, reports, ` + licenceSumCols + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (agency_id, month) DO UPDATE SET ` + strings.Join(adds, ", ")
	qfy := strings.NewReplacer("licence_rollup", "licence_rollup_fy", "month", "fy").Replace(q)
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, q, append([]any{id, month, reports}, countsArgs(delta)...)...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, qfy, append([]any{id, fiscalYearOf(month), reports}, countsArgs(delta)...)...); err != nil {
			return err
		}
	}
	return nil
}

// fiscalYearOf is month's Thai fiscal year (BE), which starts in October.
func fiscalYearOf(month int) int {
	if month%100 >= 10 {
		return month/100 + 544
	}
	return month/100 + 543
}

// wholeFiscalYear reports whether from..to is exactly one fiscal year, and
// which.
func wholeFiscalYear(from, to int) (int, bool) {
	return fiscalYearOf(from), from%100 == 10 && to == (from/100+1)*100+9
}

// RebuildLicenceRollup recomputes the roll-up from the submitted reports in
// one transaction: each agency's own reports, then the subtrees bottom-up
// by depth, then the country. For bulk loads and repairs; live
// submissions would race it.
func (d *DB) RebuildLicenceRollup(ctx context.Context) error {
	var sums, adds []string
	for _, c := range strings.Split("reports, "+licenceSumCols, ", ") {
		sums = append(sums, "SUM(r."+c+")")
		adds = append(adds, c+" = licence_rollup."+c+" + excluded."+c)
	}
	cols := `agency_id, month, reports, ` + licenceSumCols
	fy := `CASE WHEN r.month % 100 >= 10 THEN r.month / 100 + 544 ELSE r.month / 100 + 543 END`
	return d.tx(ctx, func(tx *sql.Tx) error {
		var maxDepth int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(depth), 0) FROM agencies`).Scan(&maxDepth); err != nil {
			return err
		}
		qs := []string{`DELETE FROM licence_rollup`,
			`INSERT INTO licence_rollup (` + cols + `) SELECT agency_id, month, COUNT(*), ` + strings.Join(sums[1:], ", ") +
				` FROM licence_reports r WHERE state = 'submitted' GROUP BY agency_id, month`}
		for depth := maxDepth; depth >= 1; depth-- {
			qs = append(qs, `INSERT INTO licence_rollup (`+cols+`) SELECT a.parent_id, r.month, `+strings.Join(sums, ", ")+`
				FROM licence_rollup r JOIN agencies a ON a.id = r.agency_id WHERE a.depth = `+strconv.Itoa(depth)+` AND a.parent_id IS NOT NULL
				GROUP BY a.parent_id, r.month ON CONFLICT (agency_id, month) DO UPDATE SET `+strings.Join(adds, ", "))
		}
		qs = append(qs, `INSERT INTO licence_rollup (`+cols+`) SELECT 0, r.month, `+strings.Join(sums, ", ")+`
			FROM licence_rollup r JOIN agencies a ON a.id = r.agency_id WHERE a.parent_id IS NULL GROUP BY r.month`,
			`DELETE FROM licence_rollup_fy`,
			`INSERT INTO licence_rollup_fy (`+strings.Replace(cols, "month", "fy", 1)+`) SELECT r.agency_id, `+fy+`, `+
				strings.Join(sums, ", ")+` FROM licence_rollup r GROUP BY r.agency_id, `+fy)
		for _, q := range qs {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
}

// LicenceMonthTotal is the submitted reports of one month under an agency
// (or the country), summed.
type LicenceMonthTotal struct {
	Month   int
	Reports int
	Counts  openinfo.LicenceCounts
}

func scanMonthTotals(rows *sql.Rows, err error) ([]LicenceMonthTotal, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LicenceMonthTotal
	for rows.Next() {
		var x LicenceMonthTotal
		c := &x.Counts
		if err := rows.Scan(&x.Month, &x.Reports, &c.PendingStart, &c.Received, &c.Issued, &c.Refused, &c.Withdrawn,
			&c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices); err != nil {
			return nil, err
		}
		if x.Reports > 0 {
			out = append(out, x)
		}
	}
	return out, rows.Err()
}

// LicenceTotals returns the submitted reports of from..to per month under
// agencyID's subtree (0: the country), from the roll-up.
func (d *DB) LicenceTotals(ctx context.Context, agencyID int64, from, to int) ([]LicenceMonthTotal, error) {
	return scanMonthTotals(d.db.QueryContext(ctx, `SELECT month, reports, `+licenceSumCols+` FROM licence_rollup
		WHERE agency_id = $1 AND month >= $2 AND month <= $3 ORDER BY month`, agencyID, from, to))
}

// LicenceTotalsRaw is LicenceTotals by a plain GROUP BY over the raw
// reports, for the benchmark and the tests that hold the roll-up to it.
func (d *DB) LicenceTotalsRaw(ctx context.Context, agencyID int64, from, to int) ([]LicenceMonthTotal, error) {
	path := ""
	if agencyID != 0 {
		a, err := d.Agency(ctx, agencyID)
		if err != nil {
			return nil, err
		}
		path = a.Path
	}
	return scanMonthTotals(d.db.QueryContext(ctx, `SELECT r.month, COUNT(*), SUM(r.pending_start), SUM(r.received), SUM(r.issued),
		SUM(r.refused), SUM(r.withdrawn), SUM(r.on_time), SUM(r.late), SUM(r.pending_end), SUM(r.delay_notices)
		FROM licence_reports r JOIN agencies a ON a.id = r.agency_id
		WHERE r.state = 'submitted' AND r.month >= $1 AND r.month <= $2 AND a.path LIKE $3
		GROUP BY r.month ORDER BY r.month`, from, to, pathLike(path)))
}

func scanBreakdown(rows *sql.Rows, err error) ([]LicenceBreakdownRow, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LicenceBreakdownRow
	for rows.Next() {
		var x LicenceBreakdownRow
		c := &x.Counts
		if err := rows.Scan(&x.AgencyID, &x.Name, &x.Reports, &c.PendingStart, &c.Received, &c.Issued,
			&c.Refused, &c.Withdrawn, &c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// LicenceBreakdown sums the submitted reports of from..to per child of
// agency parentID, each with its whole subtree (a ministry sees its
// departments; parentID 0: the country by top-level agency), from the
// roll-up. Reports filed at the parent itself, by the agency or its own
// points, come first under the parent's own ID: its subtree's sums less
// its children's.
func (d *DB) LicenceBreakdown(ctx context.Context, parentID int64, from, to int) ([]LicenceBreakdownRow, error) {
	cond, args, own := "g.parent_id IS NULL", []any{from, to}, "FALSE"
	table, span := "licence_rollup", "r.month >= $1 AND r.month <= $2"
	if fy, ok := wholeFiscalYear(from, to); ok {
		table, span, args = "licence_rollup_fy", "r.fy = $1 AND r.fy = $2", []any{fy, fy}
	}
	if parentID != 0 {
		cond, args, own = "(g.parent_id = $3 OR g.id = $3)", append(args, parentID), "g.id = $3"
	}
	// A fiscal year is one row per agency: nothing to sum. Months are
	// grouped by the agency's key alone (its name and sort key depend on
	// it), so the groups stream in key order instead of being sorted: the
	// country's breakdown has about 7,900 top-level agencies.
	sel := "SUM(r.reports), SUM(r." + strings.ReplaceAll(licenceSumCols, ", ", "), SUM(r.") + ")"
	group := " GROUP BY g.id"
	if table == "licence_rollup_fy" {
		sel, group = "r.reports, r."+strings.ReplaceAll(licenceSumCols, ", ", ", r."), ""
	}
	rows, err := scanBreakdown(d.db.QueryContext(ctx, `SELECT g.id, g.name_th, `+sel+`
		FROM agencies g JOIN `+table+` r ON r.agency_id = g.id
		WHERE `+cond+` AND `+span+group+`
		ORDER BY CASE WHEN `+own+` THEN 0 ELSE 1 END, g.sort_key, g.id`, args...))
	if err != nil || parentID == 0 || len(rows) == 0 || rows[0].AgencyID != parentID {
		return rows, err
	}
	for _, x := range rows[1:] {
		rows[0].Reports -= x.Reports
		rows[0].Counts = subCounts(rows[0].Counts, x.Counts)
	}
	if rows[0].Reports == 0 {
		rows = rows[1:]
	}
	return rows, nil
}

// LicenceBreakdownRaw is LicenceBreakdown by a plain GROUP BY over the raw
// reports (per reporting agency, one scan), each agency's sums then given
// to the child whose subtree holds it: for the benchmark and the tests
// that hold the roll-up to it.
func (d *DB) LicenceBreakdownRaw(ctx context.Context, parentID int64, from, to int) ([]LicenceBreakdownRow, error) {
	cond, args, own, under := "parent_id IS NULL", []any{}, "FALSE", ""
	if parentID != 0 {
		p, err := d.Agency(ctx, parentID)
		if err != nil {
			return nil, err
		}
		cond, args, own, under = "(parent_id = $1 OR id = $1)", []any{parentID}, "id = $1", p.Path
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, name_th, path FROM agencies WHERE `+cond+`
		ORDER BY CASE WHEN `+own+` THEN 0 ELSE 1 END, sort_key, id`, args...)
	if err != nil {
		return nil, err
	}
	var out []LicenceBreakdownRow
	byPath := map[string]int{}
	for rows.Next() {
		var x LicenceBreakdownRow
		var path string
		if err := rows.Scan(&x.AgencyID, &x.Name, &path); err != nil {
			rows.Close()
			return nil, err
		}
		byPath[path] = len(out)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, `SELECT a.path, COUNT(*), SUM(r.pending_start), SUM(r.received), SUM(r.issued),
		SUM(r.refused), SUM(r.withdrawn), SUM(r.on_time), SUM(r.late), SUM(r.pending_end), SUM(r.delay_notices)
		FROM licence_reports r JOIN agencies a ON a.id = r.agency_id
		WHERE r.state = 'submitted' AND r.month >= $1 AND r.month <= $2 AND a.path LIKE $3
		GROUP BY a.path`, from, to, pathLike(under))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var path string
		var x LicenceBreakdownRow
		c := &x.Counts
		if err := rows.Scan(&path, &x.Reports, &c.PendingStart, &c.Received, &c.Issued, &c.Refused, &c.Withdrawn,
			&c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices); err != nil {
			return nil, err
		}
		// The child is the path cut one level below the parent ("/1/5/"
		// under "/1/"); the parent's own reports have its path.
		key := path
		if path != under {
			if k := strings.Index(path[len(under)+1:], "/"); k >= 0 {
				key = path[:len(under)+1+k+1]
			}
		}
		if i, ok := byPath[key]; ok {
			out[i].Reports += x.Reports
			out[i].Counts = out[i].Counts.Add(x.Counts)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, x := range out {
		if x.Reports > 0 {
			kept = append(kept, x)
		}
	}
	return kept, nil
}
