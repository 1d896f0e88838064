package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// ManualRow is one line of the back office's manual list: a process with
// where its latest revision stands.
type ManualRow struct {
	ProcessID  int64
	Name       string
	AgencyID   int64
	AgencyName string
	AgencyPath string
	// Latest revision; LatestID 0 when the process has no manual yet.
	LatestID     int64
	LatestNumber int
	LatestState  openinfo.RevisionState
	UpdatedAt    time.Time
	// Published tells whether a published revision is public now (it may
	// be an older one than Latest).
	Published bool
	// Inherited: a published manual of an agency above the list's subtree
	// (ManualFilter.Above), which the officer pins but does not edit.
	Inherited bool
}

// ManualFilter selects the manual list.
type ManualFilter struct {
	AgencyPath string // subtree ("" = every agency)
	// Above adds the published manuals of the agencies above AgencyPath
	// (its ancestors): a provincial office pins its department's manuals.
	Above  bool
	State  openinfo.RevisionState // the latest revision's state; "none": no revision yet
	Query  string                 // part of the process name
	Limit  int
	Offset int
}

const manualRowSQL = ` FROM processes p JOIN agencies a ON a.id = p.agency_id
	LEFT JOIN manual_revisions r ON r.process_id = p.id
		AND r.number = (SELECT max(number) FROM manual_revisions m WHERE m.process_id = p.id)`

// Manuals lists processes with their latest revision, by name.
func (d *DB) Manuals(ctx context.Context, f ManualFilter) ([]ManualRow, int, error) {
	var w where
	if f.AgencyPath != "" {
		var above []string
		if f.Above {
			for _, part := range strings.Split(strings.Trim(f.AgencyPath, "/"), "/") {
				if _, err := strconv.ParseInt(part, 10, 64); err == nil {
					above = append(above, part)
				}
			}
			above = above[:max(0, len(above)-1)] // not the agency itself
		}
		if len(above) == 0 {
			w.add("a.path LIKE ?", f.AgencyPath+"%")
		} else {
			// The ancestors' IDs are digits from the path: written in, so
			// the OR's second arm reads processes by agency.
			w.add(`(a.path LIKE ? OR (p.agency_id IN (`+strings.Join(above, ",")+`)
				AND EXISTS (SELECT 1 FROM manual_revisions x WHERE x.process_id = p.id AND x.state = 'published')))`, f.AgencyPath+"%")
		}
	}
	switch {
	case f.State == "none":
		w.add("r.id IS NULL")
	case f.State != "":
		w.add("r.state = ?", f.State)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add(`lower(p.name_th) LIKE ? ESCAPE '\'`, likePattern(q))
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+manualRowSQL+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.name_th, a.id, a.name_th, a.path, r.id, r.number, r.state, r.updated_at,
		EXISTS (SELECT 1 FROM manual_revisions x WHERE x.process_id = p.id AND x.state = 'published')`+
		manualRowSQL+w.sql()+` ORDER BY p.sort_key, p.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []ManualRow
	for rows.Next() {
		var m ManualRow
		var id, number sql.NullInt64
		var state sql.NullString
		var at sql.NullTime
		if err := rows.Scan(&m.ProcessID, &m.Name, &m.AgencyID, &m.AgencyName, &m.AgencyPath, &id, &number, &state, &at, &m.Published); err != nil {
			return nil, 0, err
		}
		m.LatestID, m.LatestNumber, m.LatestState, m.UpdatedAt = id.Int64, int(number.Int64), openinfo.RevisionState(state.String), at.Time
		m.Inherited = f.AgencyPath != "" && !strings.HasPrefix(m.AgencyPath, f.AgencyPath)
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// Task is a revision waiting for someone to act on it.
type Task struct {
	RevisionID int64
	Number     int
	State      openinfo.RevisionState
	ProcessID  int64
	Name       string
	AgencyName string
	Since      time.Time // when it reached this state
	Comment    string    // the last transition's comment (why it was returned)
}

// Tasks lists the open revisions in the given states within the agency
// subtree ("" = all agencies), oldest first: what waits longest comes first.
func (d *DB) Tasks(ctx context.Context, states []openinfo.RevisionState, agencyPath string, limit, offset int) ([]Task, int, error) {
	if len(states) == 0 {
		return nil, 0, nil
	}
	var w where
	ph := make([]string, len(states))
	for i, s := range states {
		w.args = append(w.args, s)
		ph[i] = "$" + strconv.Itoa(len(w.args))
	}
	w.conds = append(w.conds, "r.state IN ("+strings.Join(ph, ",")+")")
	if agencyPath != "" {
		w.add("a.path LIKE ?", agencyPath+"%")
	}
	from := ` FROM manual_revisions r JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id` + w.sql()
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset = pageBounds(limit, offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.number, r.state, p.id, p.name_th, a.name_th, r.updated_at,
		COALESCE((SELECT c.comment FROM revision_records c WHERE c.revision_id = r.id ORDER BY c.id DESC LIMIT 1), '')`+
		from+` ORDER BY r.updated_at, r.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		var t Task
		if err := rows.Scan(&t.RevisionID, &t.Number, &t.State, &t.ProcessID, &t.Name, &t.AgencyName, &t.Since, &t.Comment); err != nil {
			return nil, 0, err
		}
		out = append(out, t)
	}
	return out, total, rows.Err()
}
