package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/openinfo/openinfo"
)

// ratingIndexes are the raw table's indexes (migration 00008), dropped
// during a big load and built again after it.
var ratingIndexes = []string{
	`CREATE INDEX ratings_agency_month ON ratings(agency_id, month)`,
	`CREATE INDEX ratings_point_month ON ratings(point_id, month)`,
	`CREATE INDEX ratings_comments ON ratings(month, id) WHERE comment <> ''`,
	`CREATE INDEX ratings_comments_agency ON ratings(agency_id, month, id) WHERE comment <> ''`,
}

// LoadRatings bulk-loads ratings made by gen (gen-data, migrations from the
// legacy systems): no once-per-day register, then the roll-ups are rebuilt
// from the raw ratings. Offline use only: it must not run beside live
// rating writers. total is for progress reports.
func (d *DB) LoadRatings(ctx context.Context, total int, gen func(emit func(*openinfo.Rating) error) error,
	progress func(stage string, done, total int)) (int, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	big := total > 200_000
	if big {
		for _, ix := range ratingIndexes {
			name := strings.Fields(ix)[2]
			if _, err := d.db.ExecContext(ctx, `DROP INDEX IF EXISTS `+name); err != nil {
				return 0, err
			}
		}
	}
	// The point roll-up is summed here as the ratings stream by: cheaper
	// than a GROUP BY over millions of rows afterwards.
	points := map[pointKey]*openinfo.RatingStats{}
	counted := func(r *openinfo.Rating) error {
		m := openinfo.MonthKey(r.CreatedAt)
		procs := []int64{0}
		if r.ProcessID != 0 {
			procs = append(procs, r.ProcessID)
		}
		for _, p := range procs {
			k := pointKey{r.PointID, p, m, r.AgencyID}
			s := points[k]
			if s == nil {
				s = &openinfo.RatingStats{}
				points[k] = s
			}
			s.Add(r)
		}
		return nil
	}
	tee := func(emit func(*openinfo.Rating) error) error {
		return gen(func(r *openinfo.Rating) error {
			counted(r)
			return emit(r)
		})
	}
	var n int
	var err error
	if d.dialect == Postgres {
		n, err = d.copyRatings(ctx, total, tee, progress)
	} else {
		n, err = d.literalRatings(ctx, total, tee, progress)
	}
	if big {
		for i, ix := range ratingIndexes {
			progress("rating indexes", i, len(ratingIndexes))
			if _, e := d.db.ExecContext(ctx, ix); e != nil && err == nil {
				err = e
			}
		}
	}
	if err != nil {
		return n, err
	}
	progress("rating roll-ups", 0, len(points))
	keys := make([]pointKey, 0, len(points))
	for k := range points {
		keys = append(keys, k)
	}
	for start := 0; start < len(keys); start += 50_000 {
		part := keys[start:min(start+50_000, len(keys))]
		rows := make([][]int64, len(part))
		for i, k := range part {
			rows[i] = append([]int64{k.point, k.process, int64(k.month), k.agency}, statsValues(points[k])...)
		}
		if err := d.tx(ctx, func(tx *sql.Tx) error {
			return upsertLiteral(ctx, tx, "rating_rollup_point", "point_id, process_id, month, agency_id", "point_id, process_id, month, agency_id", rows)
		}); err != nil {
			return n, err
		}
		progress("rating roll-ups", start+len(part), len(points))
	}
	if err := d.tx(ctx, func(tx *sql.Tx) error { return d.rebuildAgencyRollups(ctx, tx) }); err != nil {
		return n, err
	}
	if d.dialect == Postgres {
		d.db.ExecContext(ctx, `ANALYZE ratings`)
		d.db.ExecContext(ctx, `ANALYZE rating_rollup_point`)
		d.db.ExecContext(ctx, `ANALYZE rating_rollup_agency`)
	} else {
		d.db.ExecContext(ctx, `ANALYZE`)
	}
	return n, nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// literalRatings writes SQLite rows as literal multi-row INSERTs: modernc's
// bind cost grows with the square of a statement's parameters, and numbers
// and escaped strings need none.
func (d *DB) literalRatings(ctx context.Context, total int, gen func(emit func(*openinfo.Rating) error) error,
	progress func(string, int, int)) (int, error) {
	const perStmt, perTx = 250, 250_000
	var b strings.Builder
	rows, n := 0, 0
	var tx *sql.Tx
	flush := func() error {
		if rows == 0 {
			return nil
		}
		if tx == nil {
			var err error
			if tx, err = d.db.BeginTx(ctx, nil); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, b.String()); err != nil {
			return err
		}
		b.Reset()
		rows = 0
		if n%perTx == 0 || n == total {
			err := tx.Commit()
			tx = nil
			progress("ratings", n, total)
			return err
		}
		return nil
	}
	err := gen(func(r *openinfo.Rating) error {
		if rows == 0 {
			b.WriteString(`INSERT INTO ratings (` + ratingColumns + `) VALUES `)
		} else {
			b.WriteByte(',')
		}
		a := r.Answers
		fmt.Fprintf(&b, "(%d,%d,%d,%d,%d,'%s',%d,%d,%d,%d,%d,%s,%s,%s)", r.PointID, r.AgencyID, r.ProcessID, r.QuestionSet,
			openinfo.MonthKey(r.CreatedAt), r.CreatedAt.UTC().Format("2006-01-02 15:04:05.999999999-07:00"),
			a[0], a[1], a[2], a[3], a[4], sqlString(respondentJSON(r.Respondent)), sqlString(r.Comment), sqlString(r.Channel))
		rows++
		n++
		if rows == perStmt {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if tx != nil {
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
	}
	progress("ratings", n, total)
	return n, err
}

// ratingSource streams generated ratings into pgx's CopyFrom.
type ratingSource struct {
	ch  chan []any
	cur []any
	err error
}

func (s *ratingSource) Next() bool {
	row, ok := <-s.ch
	s.cur = row
	return ok
}
func (s *ratingSource) Values() ([]any, error) { return s.cur, nil }
func (s *ratingSource) Err() error             { return s.err }

// copyRatings writes PostgreSQL rows with COPY, in chunks of a million rows
// per transaction.
func (d *DB) copyRatings(ctx context.Context, total int, gen func(emit func(*openinfo.Rating) error) error,
	progress func(string, int, int)) (int, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	cols := strings.Fields(strings.ReplaceAll(ratingColumns, ",", " "))
	const perCopy = 1_000_000
	n := 0
	ch := make(chan []any, 4096)
	genErr := make(chan error, 1)
	go func() {
		defer close(ch)
		genErr <- gen(func(r *openinfo.Rating) error {
			a := r.Answers
			select {
			case ch <- []any{r.PointID, r.AgencyID, r.ProcessID, int64(r.QuestionSet), int32(openinfo.MonthKey(r.CreatedAt)), r.CreatedAt,
				int16(a[0]), int16(a[1]), int16(a[2]), int16(a[3]), int16(a[4]), respondentJSON(r.Respondent), r.Comment, r.Channel}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	done := false
	for !done {
		// One COPY per chunk, fed from the channel until perCopy rows or the end.
		chunk := make(chan []any)
		go func() {
			defer close(chunk)
			for i := 0; i < perCopy; i++ {
				row, ok := <-ch
				if !ok {
					done = true
					return
				}
				chunk <- row
			}
		}()
		var copied int64
		err = conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			var e error
			copied, e = pc.CopyFrom(ctx, pgx.Identifier{"ratings"}, cols, &ratingSource{ch: chunk})
			return e
		})
		if err != nil {
			for range chunk {
			}
			for range ch {
			}
			return n, err
		}
		n += int(copied)
		progress("ratings", n, total)
		if copied == 0 {
			done = true
		}
	}
	if err := <-genErr; err != nil {
		return n, err
	}
	return n, nil
}

// rawMetricExprs are the roll-up metrics computed from raw ratings.
func rawMetricExprs() []string {
	out := make([]string, 0, len(rollupMetrics))
	cols := map[string]string{"p": "a_process", "s": "a_staff", "f": "a_facilities", "r": "a_result", "c": "a_channel"}
	for _, m := range rollupMetrics {
		switch {
		case m == "n":
			out = append(out, "count(*)")
		case strings.HasSuffix(m, "_sum"):
			out = append(out, "sum("+cols[m[:1]]+")")
		default:
			out = append(out, "sum(CASE WHEN "+cols[m[:1]]+" = "+m[1:]+" THEN 1 ELSE 0 END)")
		}
	}
	return out
}

// RebuildRatingRollups recomputes both roll-up tables from the raw
// ratings (the unflagged ones, as the writer adds) in one transaction (to repair): the point roll-up by GROUP BY,
// then the agency roll-up from it. Ratings still pending are left to the
// folders (issue 19), so rating writers may run meanwhile.
func (d *DB) RebuildRatingRollups(ctx context.Context) error {
	metrics := strings.Join(rollupMetrics, ", ")
	exprs := strings.Join(rawMetricExprs(), ", ")
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.foldLock(ctx, tx); err != nil {
			return err
		}
		// Pending ratings are left to the folders: a writer may commit
		// raw rows and their pending IDs while this runs, and each
		// statement sees both or neither, so a rating is counted here or
		// folded later, never both (folds wait for the lock taken above).
		const notPending = ` AND id NOT IN (SELECT id FROM rating_unfolded)`
		for _, q := range []string{
			`DELETE FROM rating_rollup_point`,
			`INSERT INTO rating_rollup_point (point_id, process_id, month, agency_id, ` + metrics + `)
				SELECT point_id, 0, month, agency_id, ` + exprs + ` FROM ratings WHERE NOT suspect` + notPending + ` GROUP BY point_id, month, agency_id`,
			`INSERT INTO rating_rollup_point (point_id, process_id, month, agency_id, ` + metrics + `)
				SELECT point_id, process_id, month, agency_id, ` + exprs + ` FROM ratings WHERE process_id <> 0 AND NOT suspect` + notPending + `
				GROUP BY point_id, process_id, month, agency_id`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("rebuild roll-ups: %w", err)
			}
		}
		return d.rebuildAgencyRollups(ctx, tx)
	})
}

// rebuildAgencyRollups recomputes the agency roll-up from the point
// roll-up: each agency's own points, then the subtrees bottom-up by depth,
// then the country (agency 0).
func (d *DB) rebuildAgencyRollups(ctx context.Context, tx *sql.Tx) error {
	metrics := strings.Join(rollupMetrics, ", ")
	var sums, adds []string
	for _, m := range rollupMetrics {
		sums = append(sums, "sum(r."+m+")")
		adds = append(adds, m+" = rating_rollup_agency."+m+" + excluded."+m)
	}
	var maxDepth int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(depth), 0) FROM agencies`).Scan(&maxDepth); err != nil {
		return err
	}
	qs := []string{
		`DELETE FROM rating_rollup_agency`,
		`INSERT INTO rating_rollup_agency (agency_id, process_id, month, ` + metrics + `)
			SELECT r.agency_id, r.process_id, r.month, ` + strings.Join(sums, ", ") + ` FROM rating_rollup_point r
			GROUP BY r.agency_id, r.process_id, r.month`,
	}
	for depth := maxDepth; depth >= 1; depth-- {
		qs = append(qs, `INSERT INTO rating_rollup_agency (agency_id, process_id, month, `+metrics+`)
			SELECT a.parent_id, r.process_id, r.month, `+strings.Join(sums, ", ")+` FROM rating_rollup_agency r
			JOIN agencies a ON a.id = r.agency_id WHERE a.depth = `+strconv.Itoa(depth)+` AND a.parent_id IS NOT NULL
			GROUP BY a.parent_id, r.process_id, r.month
			ON CONFLICT (agency_id, process_id, month) DO UPDATE SET `+strings.Join(adds, ", "))
	}
	qs = append(qs, `INSERT INTO rating_rollup_agency (agency_id, process_id, month, `+metrics+`)
		SELECT 0, r.process_id, r.month, `+strings.Join(sums, ", ")+` FROM rating_rollup_agency r
		JOIN agencies a ON a.id = r.agency_id WHERE a.parent_id IS NULL
		GROUP BY r.process_id, r.month`)
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild agency roll-ups: %w", err)
		}
	}
	return nil
}
