package licencebench_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/licencebench"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// owed is what a reporter owes for a month and how much of it is missing.
type owed struct {
	agencyID          int64
	expected, missing int
}

// referenceMissing finds the missing reporters of month under agency path
// underPath ("" for the country) the plain way: every table read whole and
// the rule applied in Go. A process with a published manual is reported by
// its agency when the agency's level in force for the month (its latest
// switch from that month or before) is "agency"; else by every visible
// service point it is pinned to. A reporter is missing when a report it
// owes is not submitted for the month.
func referenceMissing(t *testing.T, db *store.DB, month int, underPath string) map[openinfo.Reporter]owed {
	t.Helper()
	ctx := context.Background()
	q := func(query string, scan func(*sql.Rows) error, args ...any) {
		t.Helper()
		rows, err := db.SQL().QueryContext(ctx, query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	paths := map[int64]string{}
	q(`SELECT id, path FROM agencies`, func(r *sql.Rows) error {
		var id int64
		var p string
		err := r.Scan(&id, &p)
		paths[id] = p
		return err
	})
	type switchAt struct {
		from  int
		level string
	}
	levels := map[int64]switchAt{}
	q(`SELECT agency_id, level, from_month FROM licence_reporting_levels`, func(r *sql.Rows) error {
		var id int64
		var s switchAt
		if err := r.Scan(&id, &s.level, &s.from); err != nil {
			return err
		}
		if cur, ok := levels[id]; s.from <= month && (!ok || s.from > cur.from) {
			levels[id] = s
		}
		return nil
	})
	published := map[int64]bool{}
	q(`SELECT process_id FROM manual_revisions WHERE state = 'published'`, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		published[id] = true
		return err
	})
	procAgency := map[int64]int64{}
	q(`SELECT id, agency_id FROM processes`, func(r *sql.Rows) error {
		var id, a int64
		err := r.Scan(&id, &a)
		procAgency[id] = a
		return err
	})
	type point struct {
		agencyID int64
		visible  bool
	}
	points := map[int64]point{}
	q(`SELECT id, agency_id, visible FROM service_points`, func(r *sql.Rows) error {
		var id int64
		var p point
		err := r.Scan(&id, &p.agencyID, &p.visible)
		points[id] = p
		return err
	})
	type pair struct {
		rep     openinfo.Reporter
		process int64
	}
	submitted := map[pair]bool{}
	q(`SELECT reporter_kind, reporter_id, process_id FROM licence_reports WHERE month = $1 AND state = 'submitted'`, func(r *sql.Rows) error {
		var p pair
		err := r.Scan(&p.rep.Kind, &p.rep.ID, &p.process)
		submitted[p] = true
		return err
	}, month)
	out := map[openinfo.Reporter]owed{}
	owe := func(rep openinfo.Reporter, agencyID, process int64) {
		if !strings.HasPrefix(paths[agencyID], underPath) {
			return
		}
		o := out[rep]
		o.agencyID = agencyID
		o.expected++
		if !submitted[pair{rep, process}] {
			o.missing++
		}
		out[rep] = o
	}
	for id, a := range procAgency {
		if published[id] && levels[a].level == "agency" {
			owe(openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: a}, a, id)
		}
	}
	q(`SELECT point_id, process_id FROM point_processes`, func(r *sql.Rows) error {
		var pt, proc int64
		if err := r.Scan(&pt, &proc); err != nil {
			return err
		}
		if p := points[pt]; published[proc] && p.visible && levels[procAgency[proc]].level != "agency" {
			owe(openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pt}, p.agencyID, proc)
		}
		return nil
	})
	for rep, o := range out {
		if o.missing == 0 {
			delete(out, rep)
		}
	}
	return out
}

// TestMissingReportersReference: on the small data set, with an agency that
// switched to reporting itself during the year and a service point hidden,
// store.MissingReporters gives exactly the reference's reporters and counts
// for the country and for subtrees, before and after the switch, in the
// store's order (agency, then name).
func TestMissingReportersReference(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		var switched, hidden int64
		if err := db.SQL().QueryRowContext(ctx, `SELECT p.agency_id, MIN(pp.point_id) FROM processes p
			JOIN point_processes pp ON pp.process_id = p.id GROUP BY p.agency_id ORDER BY COUNT(*) DESC, p.agency_id LIMIT 1`).Scan(&switched, &hidden); err != nil {
			t.Fatal(err)
		}
		admin := openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}
		from, err := db.SetReportingLevel(ctx, switched, openinfo.ReporterAgency, admin, time.Date(2026, 6, 10, 10, 0, 0, 0, thaitime.Bangkok))
		if err != nil || from != 202607 {
			t.Fatalf("switch: from %d, %v", from, err)
		}
		// A point of another agency, hidden: it owes nothing.
		if err := db.SQL().QueryRowContext(ctx, `SELECT MIN(pp.point_id) FROM point_processes pp JOIN service_points sp ON sp.id = pp.point_id
			WHERE sp.visible AND sp.agency_id <> $1`, switched).Scan(&hidden); err != nil {
			t.Fatal(err)
		}
		pt, err := db.ServicePoint(ctx, hidden)
		if err != nil {
			t.Fatal(err)
		}
		pt.Visible = false
		if err := db.UpdateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		a, err := db.Agency(ctx, switched)
		if err != nil {
			t.Fatal(err)
		}
		root := "/" + strings.Split(strings.Trim(a.Path, "/"), "/")[0] + "/"
		checked := 0
		for _, month := range []int{202606, 202610, 202611} {
			for _, under := range []string{"", root, a.Path} {
				want := referenceMissing(t, db, month, under)
				got, err := db.MissingReporters(ctx, month, under)
				if err != nil {
					t.Fatal(err)
				}
				label := fmt.Sprintf("%d under %q", month, under)
				if len(got) != len(want) {
					t.Errorf("%s: %d missing reporters, reference %d", label, len(got), len(want))
				}
				agencyLevel := false
				for _, m := range got {
					w, ok := want[m.Reporter]
					if !ok || w.expected != m.Expected || w.missing != m.Missing || w.agencyID != m.AgencyID || m.Name == "" {
						t.Errorf("%s: %+v, reference %+v (%v)", label, m, w, ok)
					}
					if m.Reporter.ID == hidden && m.Reporter.Kind == openinfo.ReporterPoint {
						t.Errorf("%s: the hidden point owes reports", label)
					}
					agencyLevel = agencyLevel || m.Reporter.Kind == openinfo.ReporterAgency
				}
				if !slices.IsSortedFunc(got, func(x, y store.MissingReporter) int { return int(x.AgencyID - y.AgencyID) }) {
					t.Errorf("%s: not in agency order", label)
				}
				if month >= from && under == "" && !agencyLevel && len(want) > 0 {
					// The switched agency's own reports of the month are
					// drafts at most (the generator never wrote them).
					t.Errorf("%s: the agency that reports itself is not among the missing", label)
				}
				checked += len(got)
			}
		}
		if checked == 0 {
			t.Fatal("no missing reporter anywhere: the test checks nothing")
		}
	})
}

// oldMissing is the query store.MissingReporters used before it was
// rewritten (a correlated MAX per agency and level, every expected report
// looked up by the table's unique key with its row read for the state, the
// subtree matched by path after the join), kept to compare.
const oldMissing = `
WITH lvl AS (
	SELECT l.agency_id, l.level FROM licence_reporting_levels l
	WHERE l.from_month = (SELECT MAX(x.from_month) FROM licence_reporting_levels x WHERE x.agency_id = l.agency_id AND x.from_month <= $1)
), published AS (
	SELECT p.id, p.agency_id FROM processes p
	WHERE EXISTS (SELECT 1 FROM manual_revisions mr WHERE mr.process_id = p.id AND mr.state = 'published')
), expected AS (
	SELECT 'agency' AS kind, p.agency_id AS reporter_id, p.agency_id AS agency_id, p.id AS process_id
	FROM published p JOIN lvl ON lvl.agency_id = p.agency_id AND lvl.level = 'agency'
	UNION ALL
	SELECT 'service_point', sp.id, sp.agency_id, p.id
	FROM published p JOIN point_processes pp ON pp.process_id = p.id JOIN service_points sp ON sp.id = pp.point_id
	LEFT JOIN lvl ON lvl.agency_id = p.agency_id
	WHERE sp.visible AND (lvl.level IS NULL OR lvl.level = 'service_point')
)
SELECT e.kind, e.reporter_id, e.agency_id, COALESCE(sp.name_th, a.name_th), COUNT(*),
	SUM(CASE WHEN r.id IS NULL THEN 1 ELSE 0 END)
FROM expected e JOIN agencies a ON a.id = e.agency_id
LEFT JOIN service_points sp ON e.kind = 'service_point' AND sp.id = e.reporter_id
LEFT JOIN licence_reports r ON r.reporter_kind = e.kind AND r.reporter_id = e.reporter_id
	AND r.month = $1 AND r.process_id = e.process_id AND r.state = 'submitted'
WHERE a.path LIKE $2
GROUP BY e.kind, e.reporter_id, e.agency_id, COALESCE(sp.name_th, a.name_th), COALESCE(sp.sort_key, a.sort_key)
HAVING SUM(CASE WHEN r.id IS NULL THEN 1 ELSE 0 END) > 0
ORDER BY e.agency_id, COALESCE(sp.sort_key, a.sort_key), e.reporter_id`

// BenchmarkMissingReporters times the country's missing reporters of the
// small data set's last month (what the daily licence.reminders job asks)
// on each database, by store.MissingReporters and by the query it replaced,
// and checks both find the same reporters:
//
//	go test ./report/licencebench -run '^$' -bench MissingReporters -benchtime 20x
//
// The national figure comes from "openinfo-bench licences".
func BenchmarkMissingReporters(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var db *store.DB
			if dialect == "sqlite" {
				db = dbtest.Open(b, filepath.Join(b.TempDir(), "bench.db"))
			} else {
				db = dbtest.Open(b, pgtest.NewDatabase(b, benchMigrate))
			}
			ctx := context.Background()
			load(b, db)
			_, month, _, err := licencebench.LastYear(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			old := func() int {
				rows, err := db.SQL().QueryContext(ctx, oldMissing, month, "%")
				if err != nil {
					b.Fatal(err)
				}
				defer rows.Close()
				n := 0
				for rows.Next() {
					n++
				}
				return n
			}
			var newD, oldD []time.Duration
			var got []store.MissingReporter
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if got, err = db.MissingReporters(ctx, month, ""); err != nil {
					b.Fatal(err)
				}
				newD = append(newD, time.Since(start))
			}
			b.StopTimer()
			n := 0
			for i := 0; i < min(b.N, 5); i++ {
				start := time.Now()
				n = old()
				oldD = append(oldD, time.Since(start))
			}
			if n != len(got) || n == 0 {
				b.Fatalf("the old query finds %d reporters, the new %d", n, len(got))
			}
			median := func(ds []time.Duration) time.Duration { slices.Sort(ds); return ds[len(ds)/2] }
			b.ReportMetric(float64(median(newD).Microseconds())/1000, "new-ms")
			b.ReportMetric(float64(median(oldD).Microseconds())/1000, "old-ms")
			b.Logf("%s, %s: %d missing reporters; new query %s, old %s (medians)", dialect, openinfo.MonthLabel(month, "en"), len(got),
				median(newD).Round(10*time.Microsecond), median(oldD).Round(10*time.Microsecond))
		})
	}
}
