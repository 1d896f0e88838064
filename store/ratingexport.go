package store

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// RatingRow is one raw rating as the raw-ratings export writes it: the
// names of its agency, point and process instead of their IDs.
type RatingRow struct {
	ID          int64
	At          time.Time
	Month       int
	Agency      string
	Point       string
	Process     string // "" when the rating named no process
	QuestionSet int
	Answers     [openinfo.NumDimensions]int
	Respondent  openinfo.Respondent
	Comment     string
	Channel     string
	Suspect     bool
}

// ratingExportSelect is the export's query without its WHERE clause: the
// same text the benchmark hands to PostgreSQL's COPY and SQLite's CLI.
const ratingExportSelect = `SELECT r.id, r.created_at, r.month, a.name_th, p.name_th, COALESCE(pr.name_th, ''), r.question_set,
	r.a_process, r.a_staff, r.a_facilities, r.a_result, r.a_channel, r.respondent, r.comment, r.channel, r.suspect
FROM ratings r
JOIN agencies a ON a.id = r.agency_id
JOIN service_points p ON p.id = r.point_id
LEFT JOIN processes pr ON pr.id = r.process_id`

// ratingExportWhere is f's condition over the export's query. The subtree
// is the agency's path prefix on the rating's own agency (a), so no second
// join is needed.
func ratingExportWhere(f RatingFilter) where {
	var w where
	if f.AgencyPath != "" {
		w.add("a.path LIKE ?", f.AgencyPath+"%")
	}
	if f.AgencyID != 0 {
		w.add("r.agency_id = ?", f.AgencyID)
	}
	if f.PointID != 0 {
		w.add("r.point_id = ?", f.PointID)
	}
	if f.ProcessID != 0 {
		w.add("r.process_id = ?", f.ProcessID)
	}
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	switch f.Suspect {
	case SuspectExclude:
		w.add("NOT r.suspect")
	case SuspectOnly:
		w.add("r.suspect")
	}
	return w
}

// RatingExportSQL is the export's query for f with its arguments written
// in as literals, for the database's own CSV dump (COPY, the sqlite3
// CLI), which the export benchmark compares against. Only integers and
// the agency path (digits and slashes) are ever written in.
func RatingExportSQL(f RatingFilter) string {
	w := ratingExportWhere(f)
	q := ratingExportSelect + w.sql() + ` ORDER BY r.id`
	for i := len(w.args) - 1; i >= 0; i-- { // $10 before $1
		var lit string
		a := w.args[i]
		switch v := a.(type) {
		case int:
			lit = strconv.Itoa(v)
		case int64:
			lit = strconv.FormatInt(v, 10)
		case string:
			lit = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		default:
			panic(fmt.Sprintf("store: RatingExportSQL: argument of type %T", a))
		}
		q = strings.ReplaceAll(q, "$"+strconv.Itoa(i+1), lit)
	}
	return q
}

// CountRatingRows counts the rows RatingRows would yield, to decide
// whether an export runs in the request or in the background.
func (d *DB) CountRatingRows(ctx context.Context, f RatingFilter) (int64, error) {
	w := ratingExportWhere(f)
	from := ` FROM ratings r`
	if f.AgencyPath != "" {
		from = ` FROM ratings r JOIN agencies a ON a.id = r.agency_id`
	}
	var n int64
	err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from+w.sql(), w.args...).Scan(&n)
	return n, err
}

// RatingRows yields the raw ratings f selects in id order, one at a time
// from the database's cursor: memory does not grow with the number of
// rows. The row is reused between yields.
func (d *DB) RatingRows(ctx context.Context, f RatingFilter) iter.Seq2[*RatingRow, error] {
	return func(yield func(*RatingRow, error) bool) {
		w := ratingExportWhere(f)
		rows, err := d.db.QueryContext(ctx, ratingExportSelect+w.sql()+` ORDER BY r.id`, w.args...)
		if err != nil {
			yield(nil, err)
			return
		}
		defer rows.Close()
		var r RatingRow
		var resp string
		var a [openinfo.NumDimensions]int
		for rows.Next() {
			if err := rows.Scan(&r.ID, &r.At, &r.Month, &r.Agency, &r.Point, &r.Process, &r.QuestionSet,
				&a[0], &a[1], &a[2], &a[3], &a[4], &resp, &r.Comment, &r.Channel, &r.Suspect); err != nil {
				yield(nil, err)
				return
			}
			r.Answers = a
			r.Respondent = openinfo.Respondent{}
			if resp != "" && resp != "{}" {
				// A profile that does not decode is exported empty rather
				// than ending the file: the rating itself is still good.
				_ = json.Unmarshal([]byte(resp), &r.Respondent)
			}
			if !yield(&r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, err)
		}
	}
}
