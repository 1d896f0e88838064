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

// SummaryFilter narrows the summary reports; zero fields match everything.
// The rows stay the agencies directly under the scope; what each counts is
// narrowed to the agencies of its subtree of the type and province, and to
// the processes of the category.
type SummaryFilter struct {
	ScopeID int64 // the rows are the agencies directly under it (0: the top-level agencies)
	// Type counts the agencies of this type only.
	Type openinfo.AgencyType
	// Province is a province code (NoProvince: none recorded): the
	// agency's, and a service point's own for the service points.
	Province string
	// Category counts the processes filed under this catalog term or a
	// term beneath it (manuals and approval times only).
	Category int64
}

// NoProvince is the filter value of the agencies and points with no
// province recorded.
const NoProvince = "-"

// summaryRows adds the condition that makes the agencies c the rows: those
// directly under f's scope.
func summaryRows(w *where, f SummaryFilter) {
	if f.ScopeID == 0 {
		w.add("c.parent_id IS NULL")
	} else {
		w.add("c.parent_id = ?", f.ScopeID)
	}
}

// summaryWhere adds f's conditions on the counted agency (alias a), the
// province column prov, and, when proc names the process column, the
// category.
func (d *DB) summaryWhere(ctx context.Context, w *where, f SummaryFilter, prov, proc string) error {
	if f.Type != "" {
		w.add("a.type = ?", string(f.Type))
	}
	addProvince(w, prov, f.Province)
	if f.Category != 0 && proc != "" {
		terms, err := d.termsUnder(ctx, f.Category)
		if err != nil {
			return err
		}
		ph := make([]string, len(terms))
		args := make([]any, len(terms))
		for i, t := range terms {
			ph[i], args[i] = "?", t
		}
		w.add("EXISTS (SELECT 1 FROM process_terms pt WHERE pt.process_id = "+proc+" AND pt.term_id IN ("+strings.Join(ph, ", ")+"))", args...)
	}
	return nil
}

// termsUnder returns id and the IDs of every catalog term beneath it: a
// category's sub-categories and the Sub-Catalog tags under them.
func (d *DB) termsUnder(ctx context.Context, id int64) ([]int64, error) {
	terms, err := d.CatalogTerms(ctx, "", true)
	if err != nil {
		return nil, err
	}
	out := []int64{id}
	for grew := true; grew; {
		grew = false
		for _, t := range terms {
			if t.ParentID != 0 && slices.Contains(out, t.ParentID) && !slices.Contains(out, t.ID) {
				out, grew = append(out, t.ID), true
			}
		}
	}
	return out, nil
}

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

// ManualStates counts the processes of each agency directly under
// f.ScopeID (0: the top-level agencies) and its subtree, as f narrows them,
// by their latest revision's state, and the public manuals published before
// staleBefore; largest first.
func (d *DB) ManualStates(ctx context.Context, f SummaryFilter, staleBefore time.Time) ([]ManualStateRow, error) {
	w := where{args: []any{staleBefore.UTC()}} // $1 in the select list
	summaryRows(&w, f)
	if err := d.summaryWhere(ctx, &w, f, "a.province", "p.id"); err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th, COALESCE(r.state, ''), count(*),
		sum(CASE WHEN pub.published_at < $1 THEN 1 ELSE 0 END)
		FROM agencies c
		JOIN agencies a ON a.path LIKE c.path || '%'
		JOIN processes p ON p.agency_id = a.id
		LEFT JOIN manual_revisions r ON r.process_id = p.id
			AND r.number = (SELECT max(number) FROM manual_revisions m WHERE m.process_id = p.id)
		LEFT JOIN manual_revisions pub ON pub.process_id = p.id AND pub.state = 'published'`+w.sql()+`
		GROUP BY c.id, c.name_th, COALESCE(r.state, '')`, w.args...)
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
// f.ScopeID (0: the top-level agencies) and its subtree, most points first.
// f's province is the point's own; its category does not apply.
func (d *DB) PointSummary(ctx context.Context, f SummaryFilter) ([]PointSummaryRow, error) {
	var w where
	summaryRows(&w, f)
	if err := d.summaryWhere(ctx, &w, f, "p.province", ""); err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.name_th, count(*),
		sum(CASE WHEN NOT p.visible THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND NOT EXISTS (SELECT 1 FROM point_processes x WHERE x.point_id = p.id) THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND p.lat IS NULL THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND CAST(p.hours AS TEXT) NOT LIKE '%"periods"%' THEN 1 ELSE 0 END),
		sum(CASE WHEN p.visible AND NOT EXISTS (SELECT 1 FROM ratings g WHERE g.point_id = p.id) THEN 1 ELSE 0 END)
		FROM agencies c
		JOIN agencies a ON a.path LIKE c.path || '%'
		JOIN service_points p ON p.agency_id = a.id`+w.sql()+`
		GROUP BY c.id, c.name_th`, w.args...)
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

// OfficerSummary counts, for each agency directly under f.ScopeID (0: the
// top-level agencies) and its subtree, the officers by role, those idle
// since idleSince, and the unspent tokens still valid or expired at now.
// f's type and province apply (the agency's); its category does not.
func (d *DB) OfficerSummary(ctx context.Context, f SummaryFilter, idleSince, now time.Time) ([]OfficerSummaryRow, error) {
	var w where
	summaryRows(&w, f)
	if err := d.summaryWhere(ctx, &w, f, "a.province", ""); err != nil {
		return nil, err
	}
	cond, args := strings.Join(w.conds, " AND "), w.args
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

// ApprovalTimes returns how long each revision of the processes under
// f.ScopeID (0: every agency, the scope itself included) and narrowed by f
// waited at each approval step before it left it (approved or returned),
// for steps left in [since, until) (a zero until: no end), by the state
// waited in. Pairs are made in Go from the ordered records: a revision may
// go round the loop several times.
func (d *DB) ApprovalTimes(ctx context.Context, f SummaryFilter, since, until time.Time) (map[openinfo.RevisionState][]time.Duration, error) {
	var w where
	join := ""
	if f.ScopeID != 0 { // the scope's whole subtree, itself included
		join = ` JOIN agencies c ON a.path LIKE c.path || '%'`
		w.add("c.id = ?", f.ScopeID)
	}
	if err := d.summaryWhere(ctx, &w, f, "a.province", "p.id"); err != nil {
		return nil, err
	}
	w.add("(x.to_state IN ('waiting_step1', 'waiting_step2') OR x.from_state IN ('waiting_step1', 'waiting_step2'))")
	rows, err := d.db.QueryContext(ctx, `SELECT x.revision_id, x.from_state, x.to_state, x.at FROM revision_records x
		JOIN manual_revisions r ON r.id = x.revision_id JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id`+join+w.sql()+`
		ORDER BY x.revision_id, x.at, x.id`, w.args...)
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
		if t, ok := entered[from]; ok && !at.Before(since) && (until.IsZero() || at.Before(until)) {
			out[openinfo.RevisionState(from)] = append(out[openinfo.RevisionState(from)], at.Sub(t))
			delete(entered, from)
		}
		if to == string(openinfo.RevWaitingStep1) || to == string(openinfo.RevWaitingStep2) {
			entered[to] = at
		}
	}
	return out, rows.Err()
}
