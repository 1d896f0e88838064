package satisfaction

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// The country's breakdown without listing its 7,900 roots.
//
// Every root agency's subtree sums to the country (agency 0 of the
// roll-up), and all but some 40 roots are local governments. So the
// grouped view reads the roll-ups of the other roots only and gets the
// local governments' row by difference from the country's total; the
// list of local governments ranks them by a sum of one column and reads
// the full roll-ups of one page only, the rest again by difference. Every
// number is a sum, so the differences are exact.

// sub takes o from s.
func sub(s *openinfo.RatingStats, o openinfo.RatingStats) {
	s.N -= o.N
	for d := range s.Sum {
		s.Sum[d] -= o.Sum[d]
		for v := range s.Dist[d] {
			s.Dist[d][v] -= o.Dist[d][v]
		}
	}
}

// foldRoots adds per-agency sums to the root each agency is under.
func foldRoots(ctx context.Context, db *store.DB, per []store.KeyStats) (map[int64]openinfo.RatingStats, error) {
	out := map[int64]openinfo.RatingStats{}
	if len(per) == 0 {
		return out, nil
	}
	paths, err := db.AgencyPaths(ctx, "/")
	if err != nil {
		return nil, err
	}
	for _, k := range per {
		seg, _, _ := strings.Cut(strings.TrimPrefix(paths[k.ID], "/"), "/")
		root, err := strconv.ParseInt(seg, 10, 64)
		if err != nil {
			continue // an agency without a path: none
		}
		s := out[root]
		s.Merge(k.RatingStats)
		out[root] = s
	}
	return out, nil
}

// countryRoots fills rep.Agencies for the country by Query.Roots (grouped
// or the local governments' page). rolled is the country's total from the
// roll-ups; by, raw and flagged are as for agencies.
func (rep *Report) countryRoots(ctx context.Context, db *store.DB, f store.RatingFilter, by keyStatsFunc, raw, flagged bool, rolled openinfo.RatingStats) error {
	// The other roots with their names and roll-ups, and the number of
	// local governments, in one query.
	others, nLocal, err := db.RootRollups(ctx, f)
	if err != nil {
		return err
	}
	isOther := map[int64]bool{}
	names := map[int64][2]string{}
	var otherIDs []int64
	for _, o := range others {
		isOther[o.ID] = true
		names[o.ID] = [2]string{o.NameTH, o.NameEN}
		otherIDs = append(otherIDs, o.ID)
	}
	// perRoot: the roots' subtree sums, of the other roots at least (raw:
	// of every root); local: the local governments' sum; extra: the
	// flagged ratings of each local government, when they count.
	perRoot := map[int64]openinfo.RatingStats{}
	var local openinfo.RatingStats
	extra := map[int64]openinfo.RatingStats{}
	if raw {
		per, err := by(ctx, f)
		if err != nil {
			return err
		}
		if perRoot, err = foldRoots(ctx, db, per); err != nil {
			return err
		}
		for id, s := range perRoot {
			if !isOther[id] {
				local.Merge(s)
			}
		}
	} else {
		local = rolled
		for _, k := range others {
			perRoot[k.ID] = k.RatingStats
			sub(&local, k.RatingStats)
		}
		if flagged {
			sus, err := db.SuspectStats(ctx, f, "agency_id")
			if err != nil {
				return err
			}
			byRoot, err := foldRoots(ctx, db, sus)
			if err != nil {
				return err
			}
			for id, s := range byRoot {
				if isOther[id] {
					t := perRoot[id]
					t.Merge(s)
					perRoot[id] = t
				} else {
					local.Merge(s)
					extra[id] = s
				}
			}
		}
	}
	var rows []Row
	var ids []int64
	if rep.Query.Roots != RootsLocal {
		for _, id := range otherIDs {
			if s := perRoot[id]; s.N > 0 {
				rows = append(rows, Row{ID: id, RatingStats: s})
				ids = append(ids, id)
			}
		}
		if local.N > 0 {
			rows = append(rows, Row{NameTH: "องค์กรปกครองส่วนท้องถิ่น", NameEN: "Local governments", RatingStats: local, Group: "local", Agencies: nLocal})
		}
		sortRows(rows)
	} else {
		// Rank the local governments by their number of ratings.
		var ranks []store.KeyStats
		if raw {
			for id, s := range perRoot {
				if !isOther[id] {
					ranks = append(ranks, store.KeyStats{ID: id, RatingStats: s})
				}
			}
		} else {
			if ranks, err = db.RatingRootCounts(ctx, f, true); err != nil {
				return err
			}
			seen := map[int64]bool{}
			for i, k := range ranks {
				ranks[i].N += extra[k.ID].N
				seen[k.ID] = true
			}
			for id, s := range extra {
				if !seen[id] {
					ranks = append(ranks, store.KeyStats{ID: id, RatingStats: openinfo.RatingStats{N: s.N}})
				}
			}
		}
		ranks = slices.DeleteFunc(ranks, func(k store.KeyStats) bool { return k.N == 0 })
		slices.SortFunc(ranks, func(a, b store.KeyStats) int {
			if a.N != b.N {
				if a.N > b.N {
					return -1
				}
				return 1
			}
			return int(a.ID - b.ID)
		})
		per := rep.Query.PerPage
		if per <= 0 {
			per = RootsPerPage
		}
		rep.Pages = max(1, (len(ranks)+per-1)/per)
		rep.Page = min(max(rep.Query.Page, 1), rep.Pages)
		page := ranks[min((rep.Page-1)*per, len(ranks)):min(rep.Page*per, len(ranks))]
		for _, k := range page {
			ids = append(ids, k.ID)
		}
		if !raw {
			full, err := db.RatingBySubtree(ctx, f, ids)
			if err != nil {
				return err
			}
			for _, k := range full {
				perRoot[k.ID] = k.RatingStats
			}
		}
		rest := local
		for _, id := range ids {
			s := perRoot[id]
			s.Merge(extra[id])
			rows = append(rows, Row{ID: id, RatingStats: s})
			sub(&rest, s)
		}
		sortRows(rows)
		if rest.N > 0 {
			rows = append(rows, Row{NameTH: "องค์กรปกครองส่วนท้องถิ่นอื่น", NameEN: "Other local governments", RatingStats: rest, Group: "rest", Agencies: nLocal - len(ids)})
		}
	}
	if rep.Query.Roots == RootsLocal && len(ids) > 0 {
		if names, err = db.AgencyNames(ctx, ids); err != nil {
			return err
		}
	}
	if len(ids) > 0 {
		for i := range rows {
			if rows[i].Group == "" {
				rows[i].NameTH, rows[i].NameEN = names[rows[i].ID][0], names[rows[i].ID][1]
			}
		}
	}
	rep.Agencies = rows
	return nil
}
