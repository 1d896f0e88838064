package reportbench_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/reportbench"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// load imports the small agency tree and n generated ratings into db.
func load(tb testing.TB, db *store.DB, n int) {
	ctx := context.Background()
	ds, err := gendata.Generate(gendata.ScaleSmall, 1, nil)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := db.Import(ctx, &store.Dataset{Agencies: ds.Agencies, Points: ds.Points}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	pts := make([]gendata.RatingPoint, len(ds.Points))
	for i, p := range ds.Points {
		pts[i] = gendata.RatingPoint{ID: p.ID + res.PointOffset, AgencyID: p.AgencyID + res.AgencyOffset}
	}
	start := time.Now()
	if _, err := db.LoadRatings(ctx, n, func(emit func(*openinfo.Rating) error) error {
		return gendata.Ratings(pts, n, 1, emit)
	}, nil); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("loaded %d ratings in %s", n, time.Since(start).Round(time.Millisecond))
}

// TestRun times a small fiscal-year report both ways on both databases:
// the largest ministry is found and both ways give the same numbers.
func TestRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db, 5000)
		fy := openinfo.Period{Kind: openinfo.PeriodFY, FY: gendata.RatingFiscalYear}
		root, err := reportbench.LargestRoot(ctx, db, fy)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []satisfaction.Query{{Agency: root, Period: fy}, {Period: fy}} {
			r, err := reportbench.Run(ctx, db, q, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Same || r.Ratings == 0 || r.Rollup <= 0 || r.Raw <= 0 {
				t.Errorf("%v", r)
			}
		}
		if r, _ := reportbench.Run(ctx, db, satisfaction.Query{Period: fy}, 1); r.Ratings != 5000 {
			t.Errorf("the country's report counts %d ratings, want 5000", r.Ratings)
		}
	})
}

func benchMigrate(dsn string) error {
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(context.Background())
}

// BenchmarkFiscalYearReport builds the fiscal-year report of the ministry
// with the most ratings from the roll-ups and by a plain GROUP BY over the
// raw ratings, on each database, over the small agency tree and
// $OPENINFO_BENCH_RATINGS generated ratings (default 300,000):
//
//	go test ./report/reportbench -run '^$' -bench FiscalYearReport -benchtime 1x
//
// The national figures (10 million ratings) come from "openinfo gen-data
// --scale national" and "go run ./cmd/openinfo-bench ratings"; see the README.
func BenchmarkFiscalYearReport(b *testing.B) {
	n := 300_000
	if v, err := strconv.Atoi(os.Getenv("OPENINFO_BENCH_RATINGS")); err == nil && v > 0 {
		n = v
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var db *store.DB
			if dialect == "sqlite" {
				db = dbtest.Open(b, filepath.Join(b.TempDir(), "bench.db"))
			} else {
				db = dbtest.Open(b, pgtest.NewDatabase(b, benchMigrate))
			}
			ctx := context.Background()
			load(b, db, n)
			fy := openinfo.Period{Kind: openinfo.PeriodFY, FY: gendata.RatingFiscalYear}
			root, err := reportbench.LargestRoot(ctx, db, fy)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var r reportbench.Result
			for i := 0; i < b.N; i++ {
				if r, err = reportbench.Run(ctx, db, satisfaction.Query{Agency: root, Period: fy}, 5); err != nil {
					b.Fatal(err)
				}
			}
			if !r.Same {
				b.Fatal("the roll-ups and the raw ratings disagree")
			}
			b.ReportMetric(float64(r.Rollup.Microseconds())/1000, "rollup-ms")
			b.ReportMetric(float64(r.Raw.Microseconds())/1000, "raw-ms")
			b.ReportMetric(r.Speedup(), "speedup")
			b.Log(r)
		})
	}
}
