package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Summary reports: counts over an agency subtree for the back office's
// summary page, one row per agency directly under the scope (each with its
// own subtree summed), so a ministry sees its departments and OPDC the
// country's top-level agencies.

// ManualStateRow counts the processes under one agency by the state of
// their latest revision ("" when none has a manual yet).
type ManualStateRow struct {
	AgencyID   int64
	AgencyName string
	Counts     map[openinfo.RevisionState]int
	Total      int
	// Stale counts the manuals public now whose published revision is
	// older than the cut-off: due for a review.
	Stale int
}

// ManualStates counts the processes of each agency directly under scopeID
// (0: the top-level agencies) and its subtree, by their latest revision's
// state, and the public manuals published before staleBefore; largest
// first.
func (d *DB) ManualStates(ctx context.Context, scopeID int64, staleBefore time.Time) ([]ManualStateRow, error) {
	cond, args := "c.parent_id IS NULL", []any{staleBefore.UTC()}
	if scopeID != 0 {
		cond, args = "c.parent_id = $2", append(args, scopeID)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th, COALESCE(r.state, ''), count(*),
		sum(CASE WHEN pub.published_at < $1 THEN 1 ELSE 0 END)
		FROM agencies c
		JOIN agencies a ON a.path LIKE c.path || '%'
		JOIN processes p ON p.agency_id = a.id
		LEFT JOIN manual_revisions r ON r.process_id = p.id
			AND r.number = (SELECT max(number) FROM manual_revisions m WHERE m.process_id = p.id)
		LEFT JOIN manual_revisions pub ON pub.process_id = p.id AND pub.state = 'published'
		WHERE `+cond+`
		GROUP BY c.id, c.name_th, COALESCE(r.state, '')`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]*ManualStateRow{}
	var order []int64
	for rows.Next() {
		var id int64
		var name, state string
		var n int
		var stale sql.NullInt64
		if err := rows.Scan(&id, &name, &state, &n, &stale); err != nil {
			return nil, err
		}
		row := byID[id]
		if row == nil {
			row = &ManualStateRow{AgencyID: id, AgencyName: name, Counts: map[openinfo.RevisionState]int{}}
			byID[id] = row
			order = append(order, id)
		}
		row.Counts[openinfo.RevisionState(state)] += n
		row.Total += n
		row.Stale += int(stale.Int64)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ManualStateRow, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	slices.SortFunc(out, func(a, b ManualStateRow) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		return strings.Compare(a.AgencyName, b.AgencyName)
	})
	return out, nil
}

// PointSummaryRow counts the service points under one agency and what
// they lack: the gaps a central officer has to close.
type PointSummaryRow struct {
	AgencyID   int64
	AgencyName string
	Points     int // all of them, hidden ones too
	Hidden     int
	NoManuals  int // visible, with no manual pinned
	NoLocation int // visible, without a map pin
	NoHours    int // visible, without opening hours
	NoRatings  int // visible, never rated
}

// PointSummary counts the service points of each agency directly under
// scopeID (0: the top-level agencies) and its subtree, most points first.
func (d *DB) PointSummary(ctx context.Context, scopeID int64) ([]PointSummaryRow, error) {
	cond, args := "c.parent_id IS NULL", []any{}
	if scopeID != 0 {
		cond, args = "c.parent_id = $1", []any{scopeID}
	}
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th, count(*),
		sum(CASE WHEN NOT p.visible THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND NOT EXISTS (SELECT 1 FROM point_processes x WHERE x.point_id = p.id) THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND p.lat IS NULL THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND CAST(p.hours AS TEXT) NOT LIKE '%"periods"%' THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND NOT EXISTS (SELECT 1 FROM ratings g WHERE g.point_id = p.id) THEN 1 ELSE 0 END)
		FROM agencies c
		JOIN agencies a ON a.path LIKE c.path || '%'
		JOIN service_points p ON p.agency_id = a.id
		WHERE `+cond+`
		GROUP BY c.id, c.name_th`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PointSummaryRow
	for rows.Next() {
		var r PointSummaryRow
		if err := rows.Scan(&r.AgencyID, &r.AgencyName, &r.Points, &r.Hidden, &r.NoManuals, &r.NoLocation, &r.NoHours, &r.NoRatings); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b PointSummaryRow) int {
		if a.Points != b.Points {
			return b.Points - a.Points
		}
		return strings.Compare(a.AgencyName, b.AgencyName)
	})
	return out, rows.Err()
}

// OfficerSummaryRow counts the officers of one agency's subtree by role,
// those not seen for long, and the tokens waiting or lapsed.
type OfficerSummaryRow struct {
	AgencyID      int64
	AgencyName    string
	ByRole        map[openinfo.Role]int
	Officers      int
	Idle          int // no sign-in since the cut-off (or never)
	TokensWaiting int // issued, not yet redeemed, still valid
	TokensExpired int // expired without being redeemed
}

// OfficerSummary counts, for each agency directly under scopeID (0: the
// top-level agencies) and its subtree, the officers by role, those idle
// since idleSince, and the unspent tokens still valid or expired at now.
func (d *DB) OfficerSummary(ctx context.Context, scopeID int64, idleSince, now time.Time) ([]OfficerSummaryRow, error) {
	cond, args := "c.parent_id IS NULL", []any{}
	if scopeID != 0 {
		cond, args = "c.parent_id = $1", []any{scopeID}
	}
	n := len(args)
	byID := map[int64]*OfficerSummaryRow{}
	var order []int64
	row := func(id int64, name string) *OfficerSummaryRow {
		r := byID[id]
		if r == nil {
			r = &OfficerSummaryRow{AgencyID: id, AgencyName: name, ByRole: map[openinfo.Role]int{}}
			byID[id] = r
			order = append(order, id)
		}
		return r
	}
	users, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th, u.role, count(*),
		sum(CASE WHEN u.last_login_at IS NULL OR u.last_login_at < $`+strconv.Itoa(n+1)+` THEN 1 ELSE 0 END)
		FROM agencies c JOIN agencies a ON a.path LIKE c.path || '%' JOIN users u ON u.agency_id = a.id
		WHERE `+cond+` AND u.role <> '' GROUP BY c.id, c.name_th, u.role`, append(args, idleSince.UTC())...)
	if err != nil {
		return nil, err
	}
	for users.Next() {
		var id int64
		var name, role string
		var count, idle int
		if err := users.Scan(&id, &name, &role, &count, &idle); err != nil {
			users.Close()
			return nil, err
		}
		r := row(id, name)
		r.ByRole[openinfo.Role(role)] += count
		r.Officers += count
		r.Idle += idle
	}
	users.Close()
	if err := users.Err(); err != nil {
		return nil, err
	}
	tokens, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th,
		sum(CASE WHEN t.expires_at >= $`+strconv.Itoa(n+1)+` THEN 1 ELSE 0 END),
		sum(CASE WHEN t.expires_at < $`+strconv.Itoa(n+1)+` THEN 1 ELSE 0 END)
		FROM agencies c JOIN agencies a ON a.path LIKE c.path || '%' JOIN officer_tokens t ON t.agency_id = a.id
		WHERE `+cond+` AND t.spent_at IS NULL AND t.revoked_at IS NULL GROUP BY c.id, c.name_th`, append(args, now.UTC())...)
	if err != nil {
		return nil, err
	}
	defer tokens.Close()
	for tokens.Next() {
		var id int64
		var name string
		var waiting, expired int
		if err := tokens.Scan(&id, &name, &waiting, &expired); err != nil {
			return nil, err
		}
		r := row(id, name)
		r.TokensWaiting += waiting
		r.TokensExpired += expired
	}
	if err := tokens.Err(); err != nil {
		return nil, err
	}
	out := make([]OfficerSummaryRow, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	slices.SortFunc(out, func(a, b OfficerSummaryRow) int {
		if a.Officers != b.Officers {
			return b.Officers - a.Officers
		}
		return strings.Compare(a.AgencyName, b.AgencyName)
	})
	return out, nil
}

// ApprovalTimes returns how long each revision of the subtree under path
// ("" = every agency) waited at each approval step before it left it
// (approved or returned), for steps left since since, by the state waited
// in. Pairs are made in Go from the ordered records: a revision may go
// round the loop several times.
func (d *DB) ApprovalTimes(ctx context.Context, path string, since time.Time) (map[openinfo.RevisionState][]time.Duration, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT x.revision_id, x.from_state, x.to_state, x.at FROM revision_records x
		JOIN manual_revisions r ON r.id = x.revision_id JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id
		WHERE a.path LIKE $1 AND (x.to_state IN ('waiting_step1', 'waiting_step2') OR x.from_state IN ('waiting_step1', 'waiting_step2'))
		ORDER BY x.revision_id, x.at, x.id`, path+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[openinfo.RevisionState][]time.Duration{}
	var rev int64
	entered := map[string]time.Time{}
	for rows.Next() {
		var id int64
		var from, to string
		var at time.Time
		if err := rows.Scan(&id, &from, &to, &at); err != nil {
			return nil, err
		}
		if id != rev {
			rev, entered = id, map[string]time.Time{}
		}
		if t, ok := entered[from]; ok && !at.Before(since) {
			out[openinfo.RevisionState(from)] = append(out[openinfo.RevisionState(from)], at.Sub(t))
			delete(entered, from)
		}
		if to == string(openinfo.RevWaitingStep1) || to == string(openinfo.RevWaitingStep2) {
			entered[to] = at
		}
	}
	return out, rows.Err()
}
