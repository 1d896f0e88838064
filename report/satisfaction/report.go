// Package satisfaction builds the satisfaction report (รายงานผล
// ประเมินความพึงพอใจ) from the pre-aggregated monthly roll-ups, draws its
// trend chart and exports it as CSV and Excel, through the shared export
// and export/chart packages.
package satisfaction

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Query selects what a report covers. The caller has checked that the
// officer may see Agency's subtree (nil Agency: every agency, for OPDC and
// the platform administrator).
type Query struct {
	Agency  *openinfo.Agency       // nil: all agencies
	Point   *openinfo.ServicePoint // optional: one point (inside Agency's subtree)
	Process int64                  // optional: one process (0 = all)
	Period  openinfo.Period
	// Comments is how many of the newest comments to include (0: 20).
	Comments int
	// Raw computes every number with a plain GROUP BY over the raw
	// ratings instead of the roll-ups: the check and benchmark baseline.
	Raw bool
	// IncludeSuspect counts the ratings flagged suspect (sent in a burst
	// from one address, web/rate.go) in every number and comment list. By
	// default they are left out, so a stuffed point keeps its real mean;
	// Report.Flagged shows how many there are either way.
	IncludeSuspect bool
	// Roots chooses the breakdown of the country (Agency nil); the other
	// scopes list their children whatever it says.
	Roots RootsView
	// Page is the page of RootsLocal's list, from 1; PerPage its length
	// (0: RootsPerPage).
	Page, PerPage int
}

// RootsView is how the country's breakdown shows its root agencies: about
// 7,900, of which all but some 40 ministries and independent bodies are
// local governments (each one a root of the tree).
type RootsView int

const (
	// RootsGrouped (the default) lists every root that is not a local
	// government and sums the local governments in one row (Row.Group
	// "local"), linked to their list. The sum is the country's total less
	// the other roots, so the report reads some 40 roots' roll-ups.
	RootsGrouped RootsView = iota
	// RootsLocal lists the local governments, the most rated first,
	// RootsPerPage a page, and sums the others in one row (Row.Group "rest").
	RootsLocal
	// RootsAll lists every root, one row each: the exports.
	RootsAll
)

// RootsPerPage is the length of a page of RootsLocal.
const RootsPerPage = 50

// Row is one line of a breakdown: an agency (its subtree), a point, a
// process or a month.
type Row struct {
	ID     int64
	NameTH string
	NameEN string
	openinfo.RatingStats
	// Group marks a row that sums agencies instead of naming one (ID 0):
	// "local" (the country's local governments) or "rest" (those of them
	// not on the page). Agencies counts the agencies it sums.
	Group    string
	Agencies int
}

// Name returns the row's name in lang.
func (r Row) Name(lang string) string {
	if lang == "en" && r.NameEN != "" {
		return r.NameEN
	}
	return r.NameTH
}

// Report is the satisfaction report of one scope and period.
type Report struct {
	Query Query
	Total openinfo.RatingStats
	// Flagged totals the ratings flagged suspect in the scope and period,
	// whether or not Total includes them (Query.IncludeSuspect).
	Flagged openinfo.RatingStats
	// Months has every month of the period, in order, empty ones included.
	Months []Row
	// Agencies breaks the scope down by the agencies directly under it
	// (each with its whole subtree); the scope's own points are one more
	// row under the scope's own name. Empty for a one-point report.
	// Rows of agencies with no ratings are left out.
	Agencies []Row
	// Page and Pages number the pages of the country's local governments
	// (Query.Roots RootsLocal); zero otherwise.
	Page, Pages int
	// Points lists the points of the scope agency itself (not its
	// subtree), or the one point.
	Points []Row
	// Processes breaks the scope agency's own points down by process.
	Processes []Row
	Comments  []store.RatingComment
	// Dims are the dimensions anyone answered in the period, in order.
	Dims []openinfo.Dimension
}

// Build computes the report from the roll-ups; it reads raw ratings only
// for the newest comments.
func Build(ctx context.Context, db *store.DB, q Query) (*Report, error) {
	f := q.Filter()
	from, to := f.FromMonth, f.ToMonth
	rep := &Report{Query: q}
	trendOf, byAgency, byPoint, byProcess := db.RatingTrend, db.RatingByChild, db.RatingByPoint, db.RatingByProcess
	if q.Raw {
		trendOf, byAgency, byPoint, byProcess = db.RatingTrendRaw, db.RatingByAgencyRaw, db.RatingByPointRaw, db.RatingByProcessRaw
	}
	// The roll-ups hold no flagged rating: when they are to count, the
	// flagged ones are added from the raw rows (few, on a partial index).
	merge := !q.Raw && q.IncludeSuspect
	if merge {
		byPoint, byProcess = withFlagged(db, byPoint, "point_id"), withFlagged(db, byProcess, "process_id")
	}
	trend, err := trendOf(ctx, f)
	if err != nil {
		return nil, err
	}
	flagged, err := db.SuspectStats(ctx, f, "month")
	if err != nil {
		return nil, err
	}
	byMonth := map[int]openinfo.RatingStats{}
	for _, m := range trend {
		byMonth[m.Month] = m.RatingStats
	}
	for _, m := range flagged {
		rep.Flagged.Merge(m.RatingStats)
		if merge {
			s := byMonth[int(m.ID)]
			s.Merge(m.RatingStats)
			byMonth[int(m.ID)] = s
		}
	}
	for _, s := range byMonth {
		rep.Total.Merge(s)
	}
	// The country's total of the roll-ups alone (no flagged rating).
	var rolled openinfo.RatingStats
	for _, m := range trend {
		rolled.Merge(m.RatingStats)
	}
	for _, m := range q.Period.MonthsIn() {
		rep.Months = append(rep.Months, Row{ID: int64(m), NameTH: openinfo.MonthLabel(m, "th"), NameEN: openinfo.MonthLabel(m, "en"),
			RatingStats: byMonth[m]})
	}
	for d := openinfo.Dimension(0); d < openinfo.NumDimensions; d++ {
		if rep.Total.Answered(d) > 0 {
			rep.Dims = append(rep.Dims, d)
		}
	}
	if q.Point != nil || q.Agency != nil {
		pf := store.RatingFilter{ProcessID: q.Process, FromMonth: from, ToMonth: to, Suspect: f.Suspect}
		if q.Point != nil {
			pf.PointID = q.Point.ID
		} else {
			pf.AgencyID = q.Agency.ID
		}
		if err := rep.points(ctx, db, pf, byPoint); err != nil {
			return nil, err
		}
		if err := rep.processes(ctx, db, pf, byProcess); err != nil {
			return nil, err
		}
	}
	switch {
	case q.Point == nil && q.Agency == nil && q.Roots != RootsAll:
		if err := rep.countryRoots(ctx, db, f, byAgency, q.Raw, merge, rolled); err != nil {
			return nil, err
		}
	case q.Point == nil:
		if err := rep.agencies(ctx, db, f, byAgency, q.Raw, merge); err != nil {
			return nil, err
		}
	}
	n := q.Comments
	if n <= 0 {
		n = 20
	}
	// Newest months first, one month at a time, until n are found.
	for m := to; m >= from && len(rep.Comments) < n; m = prevMonth(m) {
		cf := f
		cf.FromMonth, cf.ToMonth = m, m
		cs, err := db.RatingComments(ctx, cf, n-len(rep.Comments))
		if err != nil {
			return nil, err
		}
		rep.Comments = append(rep.Comments, cs...)
	}
	return rep, nil
}

func prevMonth(m int) int {
	if m%100 == 1 {
		return (m/100-1)*100 + 12
	}
	return m - 1
}

// withFlagged adds the flagged ratings, grouped by key, to a roll-up breakdown.
func withFlagged(db *store.DB, by keyStatsFunc, key string) keyStatsFunc {
	return func(ctx context.Context, f store.RatingFilter) ([]store.KeyStats, error) {
		per, err := by(ctx, f)
		if err != nil {
			return nil, err
		}
		flagged, err := db.SuspectStats(ctx, f, key)
		if err != nil {
			return nil, err
		}
		at := map[int64]int{}
		for i, k := range per {
			at[k.ID] = i
		}
		for _, k := range flagged {
			if i, ok := at[k.ID]; ok {
				per[i].Merge(k.RatingStats)
			} else {
				per = append(per, k)
			}
		}
		return per, nil
	}
}

// agencies breaks the scope down by the agencies directly under it, each
// with its subtree, plus a row of the scope agency's own points. From the
// roll-ups the subtree sums are read as they are; from raw ratings (raw)
// the per-agency sums are folded into the children by path, as are the
// flagged ratings added to the roll-ups (flagged; the scope's own points
// have theirs already, from rep.Points).
func (rep *Report) agencies(ctx context.Context, db *store.DB, f store.RatingFilter, by keyStatsFunc, raw, flagged bool) error {
	per, err := by(ctx, f)
	if err != nil {
		return err
	}
	rows := map[int64]*Row{}
	var ids []int64
	add := func(id int64, s openinfo.RatingStats) {
		r := rows[id]
		if r == nil {
			r = &Row{ID: id}
			rows[id] = r
			ids = append(ids, id)
		}
		r.Merge(s)
	}
	// fold adds per-agency sums to the child of the scope each agency is under.
	fold := func(per []store.KeyStats, skipSelf bool) error {
		prefix := "/"
		if rep.Query.Agency != nil {
			prefix = rep.Query.Agency.Path
		}
		paths, err := db.AgencyPaths(ctx, prefix)
		if err != nil {
			return err
		}
		for _, k := range per {
			p := paths[k.ID]
			if !strings.HasPrefix(p, prefix) {
				continue
			}
			child := rep.selfID()
			if seg, _, ok := strings.Cut(strings.TrimPrefix(p, prefix), "/"); ok && seg != "" {
				child, _ = strconv.ParseInt(seg, 10, 64)
			} else if skipSelf {
				continue
			}
			add(child, k.RatingStats)
		}
		return nil
	}
	if raw {
		if err := fold(per, false); err != nil {
			return err
		}
	} else {
		for _, k := range per {
			add(k.ID, k.RatingStats)
		}
		// The scope's own points, as one more row.
		for _, p := range rep.Points {
			add(rep.selfID(), p.RatingStats)
		}
		if flagged {
			extra, err := db.SuspectStats(ctx, f, "agency_id")
			if err != nil {
				return err
			}
			if err := fold(extra, rep.Query.Agency != nil); err != nil {
				return err
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	names, err := db.AgencyNames(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		r := rows[id]
		r.NameTH, r.NameEN = names[id][0], names[id][1]
		rep.Agencies = append(rep.Agencies, *r)
	}
	sortRows(rep.Agencies)
	return nil
}

type keyStatsFunc func(context.Context, store.RatingFilter) ([]store.KeyStats, error)

func (rep *Report) selfID() int64 {
	if rep.Query.Agency != nil {
		return rep.Query.Agency.ID
	}
	return 0
}

func (rep *Report) points(ctx context.Context, db *store.DB, f store.RatingFilter, by keyStatsFunc) error {
	per, err := by(ctx, f)
	if err != nil || len(per) == 0 {
		return err
	}
	ids := make([]int64, len(per))
	for i, k := range per {
		ids[i] = k.ID
	}
	names, err := db.PointNames(ctx, ids)
	if err != nil {
		return err
	}
	for _, k := range per {
		rep.Points = append(rep.Points, Row{ID: k.ID, NameTH: names[k.ID][0], NameEN: names[k.ID][1], RatingStats: k.RatingStats})
	}
	sortRows(rep.Points)
	return nil
}

func (rep *Report) processes(ctx context.Context, db *store.DB, f store.RatingFilter, by keyStatsFunc) error {
	per, err := by(ctx, f)
	if err != nil || len(per) == 0 {
		return err
	}
	ids := make([]int64, len(per))
	for i, k := range per {
		ids[i] = k.ID
	}
	names, err := db.ProcessNames(ctx, ids)
	if err != nil {
		return err
	}
	for _, k := range per {
		n := names[k.ID]
		if n[0] == "" {
			n[0] = "#" + strconv.FormatInt(k.ID, 10)
		}
		rep.Processes = append(rep.Processes, Row{ID: k.ID, NameTH: n[0], NameEN: n[1], RatingStats: k.RatingStats})
	}
	sortRows(rep.Processes)
	return nil
}

// sortRows orders a breakdown by the number of ratings, most first, then by ID.
func sortRows(rows []Row) {
	slices.SortFunc(rows, func(a, b Row) int {
		if a.N != b.N {
			if a.N > b.N {
				return -1
			}
			return 1
		}
		return int(a.ID - b.ID)
	})
}

// Title names the report's scope and period in lang.
func (rep *Report) Title(lang string) string {
	scope := map[bool]string{true: "ทุกหน่วยงาน", false: "All agencies"}[lang != "en"]
	if rep.Query.Agency != nil {
		scope = rep.Query.Agency.Name(lang)
	}
	if rep.Query.Point != nil {
		scope = rep.Query.Point.Name(lang) + " – " + scope
	}
	return scope + " · " + rep.Query.Period.Label(lang)
}
