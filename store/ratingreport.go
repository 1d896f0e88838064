package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// RatingFilter selects ratings for a report. Months are yyyymm (CE),
// inclusive; zero fields select everything.
type RatingFilter struct {
	// AgencyPath limits to an agency and its subtree ("" = every agency).
	AgencyPath string
	// AgencyID limits to the points of one agency (not its subtree); used
	// for the per-point breakdown.
	AgencyID  int64
	PointID   int64
	ProcessID int64 // 0 = all processes
	FromMonth int
	ToMonth   int
	// Suspect says which ratings the raw-rating functions (Ratings,
	// RatingComments, the *Raw checks) read by their suspect flag. The
	// roll-ups hold the unflagged ratings only, whatever it says;
	// SuspectStats reads the flagged ones.
	Suspect SuspectMode
}

// SuspectMode selects ratings by their suspect flag.
type SuspectMode int

const (
	SuspectExclude SuspectMode = iota // the unflagged only, as the roll-ups (the default)
	SuspectInclude                    // all
	SuspectOnly                       // the flagged only
)

// MonthStats is the roll-up of one month.
type MonthStats struct {
	Month int
	openinfo.RatingStats
}

// KeyStats is the roll-up of one agency, point or process.
type KeyStats struct {
	ID int64
	openinfo.RatingStats
}

func sumMetrics(prefix string) string {
	parts := make([]string, len(rollupMetrics))
	for i, c := range rollupMetrics {
		parts[i] = "CAST(sum(" + prefix + c + ") AS BIGINT)"
	}
	return strings.Join(parts, ", ")
}

// pathAgency returns the agency ID a path ends in ("/1/5/23/" → 23; "" → 0).
func pathAgency(path string) int64 {
	p := strings.Trim(path, "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	id, _ := strconv.ParseInt(p, 10, 64)
	return id
}

// rollupSource picks the roll-up table for f and builds its WHERE clause:
// the point roll-up for one point or one agency's own points, the subtree
// roll-up of the agency (0: the country) otherwise.
func (f RatingFilter) rollupSource() (from string, w where) {
	switch {
	case f.PointID != 0:
		from = ` FROM rating_rollup_point r`
		w.add("r.point_id = ?", f.PointID)
	case f.AgencyID != 0:
		from = ` FROM rating_rollup_point r`
		w.add("r.agency_id = ?", f.AgencyID)
	default:
		from = ` FROM rating_rollup_agency r`
		w.add("r.agency_id = ?", pathAgency(f.AgencyPath))
	}
	w.add("r.process_id = ?", f.ProcessID)
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	return from, w
}

// RatingTrend returns the roll-up per month of the ratings f selects
// (months without ratings are absent).
func (d *DB) RatingTrend(ctx context.Context, f RatingFilter) ([]MonthStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	from, w := f.rollupSource()
	rows, err := d.db.QueryContext(ctx, `SELECT r.month, `+sumMetrics("r.")+from+w.sql()+` GROUP BY r.month ORDER BY r.month`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthStats
	for rows.Next() {
		var m MonthStats
		if err := rows.Scan(append([]any{&m.Month}, statsTargets(&m.RatingStats)...)...); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// RatingByChild returns the subtree roll-up of each agency directly under
// f.AgencyPath's agency (of each root agency when f.AgencyPath is "").
func (d *DB) RatingByChild(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	var w where
	if parent := pathAgency(f.AgencyPath); parent != 0 {
		w.add("a.parent_id = ?", parent)
	} else {
		w.add("a.parent_id IS NULL")
	}
	w.add("r.process_id = ?", f.ProcessID)
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	return d.keyStats(ctx, `SELECT r.agency_id, `+sumMetrics("r.")+` FROM agencies a JOIN rating_rollup_agency r ON r.agency_id = a.id`+
		w.sql()+` GROUP BY r.agency_id`, w.args)
}

// RatingByPoint returns the roll-up per service point; f must name an
// agency (AgencyID) or a point.
func (d *DB) RatingByPoint(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	if f.PointID == 0 && f.AgencyID == 0 {
		return nil, openinfo.Errorf(openinfo.EINVALID, "ต้องระบุหน่วยงาน", "Name an agency.")
	}
	from, w := f.rollupSource()
	return d.keyStats(ctx, `SELECT r.point_id, `+sumMetrics("r.")+from+w.sql()+` GROUP BY r.point_id`, w.args)
}

// RatingByProcess returns the roll-up per process of one agency's points
// or one point (f.ProcessID is ignored; process 0 is left out).
func (d *DB) RatingByProcess(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	if f.PointID == 0 && f.AgencyID == 0 {
		return nil, openinfo.Errorf(openinfo.EINVALID, "ต้องระบุหน่วยงาน", "Name an agency.")
	}
	var w where
	if f.PointID != 0 {
		w.add("r.point_id = ?", f.PointID)
	} else {
		w.add("r.agency_id = ?", f.AgencyID)
	}
	w.add("r.process_id <> ?", 0)
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	return d.keyStats(ctx, `SELECT r.process_id, `+sumMetrics("r.")+` FROM rating_rollup_point r`+w.sql()+` GROUP BY r.process_id`, w.args)
}

func (d *DB) keyStats(ctx context.Context, query string, args []any) ([]KeyStats, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []KeyStats
	for rows.Next() {
		var k KeyStats
		if err := rows.Scan(append([]any{&k.ID}, statsTargets(&k.RatingStats)...)...); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// rawWhere builds the WHERE clause of f over the raw ratings (r), joined to
// agencies (a) for a subtree.
func (d *DB) rawWhere(_ context.Context, f RatingFilter) (where, string, error) {
	var w where
	from := ` FROM ratings r`
	if f.AgencyPath != "" {
		from = ` FROM agencies a JOIN ratings r ON r.agency_id = a.id`
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
	switch {
	case f.FromMonth != 0 && f.FromMonth == f.ToMonth:
		// One month as an equality: the comment indexes (month, id) then
		// give the newest IDs in order, where a range makes SQLite sort
		// every comment of the month (the country's: 42,000 rows, 0.2 s).
		w.add("r.month = ?", f.FromMonth)
	default:
		if f.FromMonth != 0 {
			w.add("r.month >= ?", f.FromMonth)
		}
		if f.ToMonth != 0 {
			w.add("r.month <= ?", f.ToMonth)
		}
	}
	switch f.Suspect {
	case SuspectExclude:
		w.add("NOT r.suspect")
	case SuspectOnly:
		w.add("r.suspect")
	}
	return w, from, nil
}

// SuspectStats aggregates the flagged ratings f selects, grouped by key:
// "month", "point_id", "agency_id" (each rating's own agency, not its
// subtree) or "process_id" (process 0 left out, f.ProcessID ignored, as
// RatingByProcess). The partial index ratings_suspect reads the flagged
// rows alone: the ratings lead the join (CROSS JOIN fixes SQLite's order)
// and the unary + keeps SQLite off the agency and point indexes, which
// would read every rating of the scope.
func (d *DB) SuspectStats(ctx context.Context, f RatingFilter, key string) ([]KeyStats, error) {
	switch key {
	case "month", "point_id", "agency_id", "process_id":
	default:
		return nil, openinfo.Errorf(openinfo.EINVALID, "ไม่รู้จักการจัดกลุ่ม %s", "Unknown grouping %s.", key)
	}
	var w where
	from := ` FROM ratings r`
	w.add("r.suspect")
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	if f.AgencyPath != "" {
		from = ` FROM ratings r CROSS JOIN agencies a`
		w.add("a.id = r.agency_id")
		w.add("a.path LIKE ?", f.AgencyPath+"%")
	}
	if f.AgencyID != 0 {
		w.add("+r.agency_id = ?", f.AgencyID)
	}
	if f.PointID != 0 {
		w.add("+r.point_id = ?", f.PointID)
	}
	switch {
	case key == "process_id":
		w.add("r.process_id <> ?", 0)
	case f.ProcessID != 0:
		w.add("r.process_id = ?", f.ProcessID)
	}
	return d.keyStats(ctx, `SELECT r.`+key+`, `+rawSums()+from+w.sql()+` GROUP BY r.`+key, w.args)
}

// RatingTrendRaw computes RatingTrend with a plain GROUP BY over the raw
// ratings: the check of the roll-ups, and the baseline of the benchmark.
func (d *DB) RatingTrendRaw(ctx context.Context, f RatingFilter) ([]MonthStats, error) {
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT r.month, `+rawSums()+from+w.sql()+` GROUP BY r.month ORDER BY r.month`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthStats
	for rows.Next() {
		var m MonthStats
		if err := rows.Scan(append([]any{&m.Month}, statsTargets(&m.RatingStats)...)...); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// RatingComment is a comment left with a rating.
type RatingComment struct {
	ID        int64
	PointID   int64
	PointTH   string
	PointEN   string
	Comment   string
	Mean      float64
	CreatedAt time.Time
}

// RatingComments returns the newest comments of the ratings f selects.
// The newest IDs are found on the partial comment indexes alone; only those
// rows are read. For a subtree the agencies lead (CROSS JOIN fixes SQLite's
// join order; PostgreSQL plans it as any inner join).
func (d *DB) RatingComments(ctx context.Context, f RatingFilter, limit int) ([]RatingComment, error) {
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	if f.AgencyPath != "" {
		from = ` FROM agencies a CROSS JOIN ratings r`
		w.add("r.agency_id = a.id")
	}
	w.add("r.comment <> ''") // a literal, so that the partial comment indexes apply
	limit, _ = pageBounds(limit, 0, 500)
	inner := `SELECT r.id` + from + w.sql() + ` ORDER BY r.id DESC` + w.limit(limit, 0)
	rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.point_id, p.name_th, p.name_en, r.comment, r.created_at,
		r.a_process, r.a_staff, r.a_facilities, r.a_result, r.a_channel FROM ratings r JOIN service_points p ON p.id = r.point_id
		WHERE r.id IN (`+inner+`) ORDER BY r.id DESC`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RatingComment
	for rows.Next() {
		var c RatingComment
		var a [openinfo.NumDimensions]int
		if err := rows.Scan(&c.ID, &c.PointID, &c.PointTH, &c.PointEN, &c.Comment, &c.CreatedAt, &a[0], &a[1], &a[2], &a[3], &a[4]); err != nil {
			return nil, err
		}
		var s openinfo.RatingStats
		s.Add(&openinfo.Rating{Answers: a})
		c.Mean = s.OverallMean()
		out = append(out, c)
	}
	return out, rows.Err()
}

// AgencyPaths returns the path of every agency whose path starts with
// prefix ("/" for all), by ID.
func (d *DB) AgencyPaths(ctx context.Context, prefix string) (map[int64]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, path FROM agencies WHERE path LIKE $1`, prefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// names returns {Thai, English} names of the rows of table with the given IDs.
func (d *DB) names(ctx context.Context, table string, ids []int64) (map[int64][2]string, error) {
	out := map[int64][2]string{}
	for start := 0; start < len(ids); start += 1000 {
		part := ids[start:min(start+1000, len(ids))]
		list := make([]string, len(part))
		for i, id := range part {
			list[i] = strconv.FormatInt(id, 10)
		}
		rows, err := d.db.QueryContext(ctx, `SELECT id, name_th, name_en FROM `+table+` WHERE id IN (`+strings.Join(list, ",")+`)`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var th, en string
			if err := rows.Scan(&id, &th, &en); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = [2]string{th, en}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AgencyNames returns agencies' {Thai, English} names by ID.
func (d *DB) AgencyNames(ctx context.Context, ids []int64) (map[int64][2]string, error) {
	return d.names(ctx, "agencies", ids)
}

// PointNames returns service points' {Thai, English} names by ID.
func (d *DB) PointNames(ctx context.Context, ids []int64) (map[int64][2]string, error) {
	return d.names(ctx, "service_points", ids)
}

// ProcessNames returns processes' {Thai, English} names by ID.
func (d *DB) ProcessNames(ctx context.Context, ids []int64) (map[int64][2]string, error) {
	return d.names(ctx, "processes", ids)
}

// ProcessName is a process's ID and names, for pickers.
type ProcessName struct {
	ID     int64
	TH, EN string
}

// AgencyProcesses returns up to limit processes of an agency, in their
// order, for the back office's pickers (the report's and the poster's).
func (d *DB) AgencyProcesses(ctx context.Context, agencyID int64, limit int) ([]ProcessName, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name_th, name_en FROM processes WHERE agency_id = $1 ORDER BY sort_key, id LIMIT $2`, agencyID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []ProcessName
	for rows.Next() {
		var p ProcessName
		if err := rows.Scan(&p.ID, &p.TH, &p.EN); err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

func rawSums() string {
	cols := []string{"count(*)"}
	for _, a := range []string{"a_process", "a_staff", "a_facilities", "a_result", "a_channel"} {
		cols = append(cols, "CAST(sum(r."+a+") AS BIGINT)")
		for v := 1; v <= 5; v++ {
			cols = append(cols, "CAST(sum(CASE WHEN r."+a+" = "+string(rune('0'+v))+" THEN 1 ELSE 0 END) AS BIGINT)")
		}
	}
	return strings.Join(cols, ", ")
}

// RatingByAgencyRaw is RatingByAgency computed with a plain GROUP BY over
// the raw ratings (check and benchmark baseline).
func (d *DB) RatingByAgencyRaw(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	return d.keyStats(ctx, `SELECT r.agency_id, `+rawSums()+from+w.sql()+` GROUP BY r.agency_id`, w.args)
}

// RatingByPointRaw is RatingByPoint over the raw ratings.
func (d *DB) RatingByPointRaw(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	return d.keyStats(ctx, `SELECT r.point_id, `+rawSums()+from+w.sql()+` GROUP BY r.point_id`, w.args)
}

// RatingByProcessRaw is RatingByProcess over the raw ratings.
func (d *DB) RatingByProcessRaw(ctx context.Context, f RatingFilter) ([]KeyStats, error) {
	f.ProcessID = 0
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	w.add("r.process_id <> ?", 0)
	return d.keyStats(ctx, `SELECT r.process_id, `+rawSums()+from+w.sql()+` GROUP BY r.process_id`, w.args)
}

// rootTypes is the SQL list of the agency types a root of the given kind
// has: the local governments' (อปท.), or every other (ministries,
// independent bodies). The types are the package's constants.
func rootTypes(local bool) string {
	var list []string
	for _, t := range openinfo.AgencyTypes {
		if t.Type.IsLocal() == local {
			list = append(list, "'"+string(t.Type)+"'")
		}
	}
	return "(" + strings.Join(list, ", ") + ")"
}

// rootWhere selects the subtree roll-ups of the root agencies of one kind
// (local governments or not) for f's process and months.
func rootWhere(f RatingFilter, local bool) where {
	var w where
	w.add("a.parent_id IS NULL")
	w.add("a.type IN " + rootTypes(local))
	w.add("r.process_id = ?", f.ProcessID)
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	return w
}

// RatingRootCounts returns the number of ratings (N only, the rest of the
// stats zero) of each root agency of one kind: the cheap ranking the
// paginated list of local governments is cut from.
func (d *DB) RatingRootCounts(ctx context.Context, f RatingFilter, local bool) ([]KeyStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	w := rootWhere(f, local)
	rows, err := d.db.QueryContext(ctx, `SELECT r.agency_id, CAST(sum(r.n) AS BIGINT) FROM agencies a JOIN rating_rollup_agency r ON r.agency_id = a.id`+
		w.sql()+` GROUP BY r.agency_id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []KeyStats
	for rows.Next() {
		var k KeyStats
		if err := rows.Scan(&k.ID, &k.N); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RatingBySubtree returns the subtree roll-up of each of the given agencies.
func (d *DB) RatingBySubtree(ctx context.Context, f RatingFilter, ids []int64) ([]KeyStats, error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	var w where
	w.add("r.agency_id IN (" + strings.Join(list, ",") + ")")
	w.add("r.process_id = ?", f.ProcessID)
	if f.FromMonth != 0 {
		w.add("r.month >= ?", f.FromMonth)
	}
	if f.ToMonth != 0 {
		w.add("r.month <= ?", f.ToMonth)
	}
	return d.keyStats(ctx, `SELECT r.agency_id, `+sumMetrics("r.")+` FROM rating_rollup_agency r`+w.sql()+` GROUP BY r.agency_id`, w.args)
}

// RootStats is a root agency with its names and subtree roll-up.
type RootStats struct {
	KeyStats
	NameTH, NameEN string
}

// RootRollups returns every root agency that is not a local government
// with its names and subtree roll-up for f's process and months (zero when
// it has no rating), and how many roots are local governments: what the
// country's grouped breakdown needs, in two queries. The roll-ups are read
// by the roots' IDs: joined to the agencies, PostgreSQL guesses 1,700
// roots of those types for the 42 there are and reads the whole roll-up.
func (d *DB) RootRollups(ctx context.Context, f RatingFilter) (other []RootStats, locals int, err error) {
	if err := d.foldPending(ctx); err != nil {
		return nil, 0, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, name_th, name_en, 1 FROM agencies WHERE parent_id IS NULL AND type IN `+rootTypes(false)+`
		UNION ALL SELECT count(*), '', '', 0 FROM agencies WHERE parent_id IS NULL AND type IN `+rootTypes(true))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var k RootStats
		var root int
		if err := rows.Scan(&k.ID, &k.NameTH, &k.NameEN, &root); err != nil {
			return nil, 0, err
		}
		if root == 0 {
			locals = int(k.ID)
			continue
		}
		other = append(other, k)
		ids = append(ids, k.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	sums, err := d.RatingBySubtree(ctx, f, ids)
	if err != nil {
		return nil, 0, err
	}
	at := map[int64]int{}
	for i, o := range other {
		at[o.ID] = i
	}
	for _, k := range sums {
		other[at[k.ID]].RatingStats = k.RatingStats
	}
	return other, locals, nil
}
