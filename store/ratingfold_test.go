package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// foldNow is the moment the fold tests' ratings are made before: their
// once-per-day rows must not be purged as old (the writer keeps two days).
var foldNow = time.Now().UTC().Truncate(time.Minute)

// foldPeriods are this fiscal year and its current quarter.
func foldPeriods() (fy, quarter openinfo.Period) {
	t := foldNow.In(time.FixedZone("ICT", 7*3600))
	y := t.Year() + 543
	if t.Month() >= time.October {
		y++
	}
	fy, _ = openinfo.ParsePeriod(fmt.Sprint(y))
	quarter, _ = openinfo.ParsePeriod(fmt.Sprintf("%d-Q%d", y, (int(t.Month())+2)%12/3+1))
	return fy, quarter
}

// foldRatings makes n ratings over the fixture's points in the past 90
// days, with processes, flagged ones, comments and, every 11th, a second
// submission of the one before by the same device (refused, whichever of
// the two comes first: they are equal; the pair is dated today).
// devices[i] is rating i's device.
func foldRatings(f ratingFixture, n int) (rs []*openinfo.Rating, devices []string) {
	rng := rand.New(rand.NewPCG(19, 34))
	pts := []*openinfo.ServicePoint{f.deptPoint, f.officePoint, f.forPoint}
	for i := 0; i < n; i++ {
		if i%11 == 10 {
			rs[i-1].CreatedAt = foldNow.Add(-time.Duration(rng.IntN(600)) * time.Second)
			c := *rs[i-1]
			rs, devices = append(rs, &c), append(devices, devices[i-1])
			continue
		}
		p := pts[rng.IntN(len(pts))]
		r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: openinfo.ChannelQR,
			CreatedAt: foldNow.Add(-time.Duration(rng.IntN(90*24*60)) * time.Minute),
			Answers:   [openinfo.NumDimensions]int{1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), rng.IntN(6)}}
		if rng.IntN(3) == 0 {
			r.ProcessID = int64(5 + rng.IntN(2))
		}
		r.Suspect = i%13 == 0
		if i%7 == 0 {
			r.Comment = fmt.Sprint("ความเห็น ", i)
		}
		rs, devices = append(rs, r), append(devices, fmt.Sprintf("%08x", i))
	}
	return rs, devices
}

// reportsOf builds the satisfaction reports of every scope the fixture
// has (the country, each agency subtree, a point, a process, flagged
// included, the roots listed one by one), without the comments (their
// rating IDs depend on the order of commits), as one comparable text.
func reportsOf(t *testing.T, db *store.DB, f ratingFixture, raw bool) string {
	t.Helper()
	ctx := context.Background()
	fy, q1 := foldPeriods()
	var out string
	for _, q := range []satisfaction.Query{
		{Period: fy}, {Period: fy, Roots: satisfaction.RootsAll}, {Period: q1}, {Period: fy, IncludeSuspect: true},
		{Agency: f.dept, Period: fy}, {Agency: f.office, Period: fy}, {Agency: f.foreign, Period: q1},
		{Agency: f.dept, Point: f.officePoint, Period: fy}, {Agency: f.dept, Process: 5, Period: fy},
		{Agency: f.dept, Period: fy, IncludeSuspect: true},
	} {
		q.Raw = raw
		rep, err := satisfaction.Build(ctx, db, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var agency, point int64
		if q.Agency != nil {
			agency = q.Agency.ID
		}
		if q.Point != nil {
			point = q.Point.ID
		}
		out += fmt.Sprintf("{agency %d point %d process %d period %v suspect %v roots %v}\ntotal %+v flagged %+v\nmonths %+v\nagencies %+v\npoints %+v\nprocesses %+v\n\n",
			agency, point, q.Process, q.Period, q.IncludeSuspect, q.Roots, rep.Total, rep.Flagged, rep.Months, rep.Agencies, rep.Points, rep.Processes)
	}
	return out
}

// TestFoldedReportsEqualOldPath (issue 19): the same ratings, ingested by
// the writer (roll-ups folded after the commit) into one database and the
// way the writer did before (roll-ups in the rating's own transaction)
// into another, give identical satisfaction reports, on both databases;
// both equal the reports computed from the raw ratings. Reports read
// while every rating is still pending (the folder held) fold them
// themselves, and the folder, released, does not count them again.
func TestFoldedReportsEqualOldPath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var old *store.DB
		if db.Dialect() == store.SQLite {
			old = dbtest.Open(t, filepath.Join(t.TempDir(), "old.db"))
		} else {
			old = dbtest.Open(t, pgtest.NewDatabase(t, migrateForTest))
		}
		f, fo := newRatingFixture(t, db), newRatingFixture(t, old)
		if f.forPoint.ID != fo.forPoint.ID || f.office.ID != fo.office.ID {
			t.Fatalf("fixtures differ: %+v %+v", f, fo)
		}
		rs, devices := foldRatings(f, 600)
		rsOld, _ := foldRatings(fo, 600)

		// The old path, one rating after another.
		refusedOld := 0
		for i, r := range rsOld {
			err := old.WriteRatingOldPath(ctx, r, devices[i])
			if err == openinfo.ErrAlreadyRated {
				refusedOld++
			} else if err != nil {
				t.Fatal(err)
			}
		}

		// The writer, 8 submitters at once; the first half stays pending.
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		defer w.Close()
		submit := func(part []*openinfo.Rating, devs []string) int {
			var wg sync.WaitGroup
			var mu sync.Mutex
			refused := 0
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := g; i < len(part); i += 8 {
						err := w.Submit(ctx, part[i], devs[i])
						if err == openinfo.ErrAlreadyRated {
							mu.Lock()
							refused++
							mu.Unlock()
						} else if err != nil {
							t.Error(err)
						}
					}
				}(g)
			}
			wg.Wait()
			return refused
		}
		store.HoldFolding(w, true)
		refused := submit(rs[:300], devices[:300])
		if n, err := db.PendingRatings(ctx); err != nil || n == 0 {
			t.Fatalf("pending %d, %v: the folder was held, nothing should be folded", n, err)
		}
		got := reportsOf(t, db, f, false)
		if n, _ := db.PendingRatings(ctx); n != 0 {
			t.Fatalf("%d ratings still pending after a report", n)
		}
		if want := reportsOf(t, db, f, true); got != want {
			t.Fatalf("after the first half, roll-ups differ from the raw ratings:\n%s", diffLines(got, want))
		}
		store.HoldFolding(w, false)
		refused += submit(rs[300:], devices[300:])
		w.Folded()
		if refused != refusedOld || refused == 0 {
			t.Fatalf("refused %d, the old path %d", refused, refusedOld)
		}
		got = reportsOf(t, db, f, false)
		if want := reportsOf(t, old, fo, false); got != want {
			t.Fatalf("reports differ from the old path's:\n%s", diffLines(got, want))
		}
		if raw := reportsOf(t, db, f, true); got != raw {
			t.Fatalf("reports differ from the raw ratings':\n%s", diffLines(got, raw))
		}
		// The roll-up tables themselves are the same rows.
		for _, q := range []string{
			`SELECT count(*), COALESCE(sum(n * 1000 + p_sum * 7 + s1 + f5 + c3 + agency_id + process_id), 0) FROM rating_rollup_point`,
			`SELECT count(*), COALESCE(sum(n * 1000 + p_sum * 7 + s1 + f5 + c3 + agency_id + process_id), 0) FROM rating_rollup_agency`,
		} {
			var n1, s1, n2, s2 int64
			db.SQL().QueryRowContext(ctx, q).Scan(&n1, &s1)
			old.SQL().QueryRowContext(ctx, q).Scan(&n2, &s2)
			if n1 != n2 || s1 != s2 || n1 == 0 {
				t.Fatalf("%s: %d/%d, old path %d/%d", q, n1, s1, n2, s2)
			}
		}
		t.Logf("%d ratings, %d refused as second submissions", len(rs), refused)
	})
}

// TestFoldRatingsAfterCrash (issue 19): ratings committed but never folded
// (their node died) are folded once by the next reader or writer, and a
// fold repeated later adds nothing.
func TestFoldRatingsAfterCrash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		rs, devices := foldRatings(f, 50)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		store.HoldFolding(w, true)
		for i, r := range rs {
			if err := w.Submit(ctx, r, devices[i]); err != nil && err != openinfo.ErrAlreadyRated {
				t.Fatal(err)
			}
		}
		pending, _ := db.PendingRatings(ctx)
		if pending == 0 {
			t.Fatal("nothing pending")
		}
		// A second writer (another node, or this one restarted) folds
		// what it finds pending when it starts.
		w2 := db.NewRatingWriter(store.RatingWriterOptions{})
		w2.Close()
		if n, _ := db.PendingRatings(ctx); n != 0 {
			t.Fatalf("%d still pending after a writer started", n)
		}
		want := reportsOf(t, db, f, true)
		if got := reportsOf(t, db, f, false); got != want {
			t.Fatalf("after the fold:\n%s", diffLines(got, want))
		}
		// The held folder still has the ratings in memory: released, it
		// finds them folded already and adds nothing.
		store.HoldFolding(w, false)
		w.Close()
		if err := db.FoldRatings(ctx); err != nil {
			t.Fatal(err)
		}
		if got := reportsOf(t, db, f, false); got != want {
			t.Fatalf("counted twice:\n%s", diffLines(got, want))
		}
		t.Logf("%d pending folded by the next writer", pending)
	})
}

// diffLines shows the lines of a and b that differ, each after the line
// naming its query.
func diffLines(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	q := ""
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if strings.HasPrefix(x, "{") {
			q = x
		}
		if x != y {
			out = append(out, q, "  got:  "+x, "  want: "+y)
		}
	}
	return strings.Join(out, "\n")
}

// TestRebuildLeavesPendingToFolders (issue 19): a rebuild of the roll-ups
// from the raw rows while ratings are pending counts each of them once:
// it leaves them to the folders.
func TestRebuildLeavesPendingToFolders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		rs, devices := foldRatings(f, 120)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		store.HoldFolding(w, true)
		for i, r := range rs[:60] {
			if err := w.Submit(ctx, r, devices[i]); err != nil && err != openinfo.ErrAlreadyRated {
				t.Fatal(err)
			}
		}
		store.HoldFolding(w, false)
		w.Folded()
		store.HoldFolding(w, true)
		for i, r := range rs[60:] {
			if err := w.Submit(ctx, r, devices[60+i]); err != nil && err != openinfo.ErrAlreadyRated {
				t.Fatal(err)
			}
		}
		pending, _ := db.PendingRatings(ctx)
		if err := db.RebuildRatingRollups(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.PendingRatings(ctx); n != pending || n == 0 {
			t.Fatalf("pending %d after the rebuild, %d before", n, pending)
		}
		want := reportsOf(t, db, f, true)
		if got := reportsOf(t, db, f, false); got != want {
			t.Fatalf("after the rebuild:\n%s", diffLines(got, want))
		}
		store.HoldFolding(w, false)
		w.Close()
		if got := reportsOf(t, db, f, false); got != want {
			t.Fatalf("after the folder ran:\n%s", diffLines(got, want))
		}
	})
}

func migrateForTest(dsn string) error {
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(context.Background())
}
