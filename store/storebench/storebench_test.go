package storebench_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/store/storebench"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// TestIngest runs a small ingestion benchmark on both databases: every
// rate is measured, and the database is as it was before (issue 19): the
// raw rows, the once-per-day rows and the roll-ups of the ratings that
// were there stay, nothing of the benchmark's.
func TestIngest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมทดสอบ"}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if err := db.CreateServicePoint(ctx, &openinfo.ServicePoint{AgencyID: a.ID, NameTH: fmt.Sprint("จุดบริการ ", i), Kind: openinfo.PointCounter, Visible: true}); err != nil {
				t.Fatal(err)
			}
		}
		pts, err := storebench.Points(ctx, db, 2)
		if err != nil || len(pts) != 2 || pts[0][1] != a.ID {
			t.Fatalf("points %v, %v", pts, err)
		}
		// Citizens' ratings from before.
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		for i := 0; i < 5; i++ {
			r := &openinfo.Rating{PointID: pts[i%2][0], AgencyID: a.ID, QuestionSet: 1, Answers: [openinfo.NumDimensions]int{5, 4, 3, 2, 0}}
			if err := w.Submit(ctx, r, fmt.Sprintf("%x", 100+i)); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		snapshot := func() string {
			var out string
			for _, q := range []string{
				`SELECT count(*), COALESCE(sum(a_process), 0) FROM ratings`,
				`SELECT count(*), 0 FROM rating_once`,
				`SELECT count(*), COALESCE(sum(n * 1000 + p_sum + s1 + f5), 0) FROM rating_rollup_point`,
				`SELECT count(*), COALESCE(sum(n * 1000 + p_sum + s1 + f5), 0) FROM rating_rollup_agency`,
			} {
				var n, sum int64
				if err := db.SQL().QueryRowContext(ctx, q).Scan(&n, &sum); err != nil {
					t.Fatal(err)
				}
				out += fmt.Sprintf("%d/%d ", n, sum)
			}
			return out
		}
		before := snapshot()
		res, err := storebench.Ingest(ctx, db, pts, 300, 4, 2)
		if err != nil {
			t.Fatal(err)
		}
		if res.Writer <= 0 || res.RawBulk <= 0 || res.RawPerRow <= 0 || res.Ratio() <= 0 || res.Rounds != 2 {
			t.Errorf("rates %+v", res)
		}
		if after := snapshot(); after != before {
			t.Errorf("the benchmark changed the database: before %s, after %s", before, after)
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

// BenchmarkRatingIngest compares the group-commit writer with raw inserts
// of the same rows on each database, in the same run:
//
//	go test ./store/storebench -run '^$' -bench RatingIngest -benchtime 1x
//
// The test PostgreSQL runs with fsync=off; README figures come from
// "go run ./cmd/openinfo-bench ratings" on a durable server.
func BenchmarkRatingIngest(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var db *store.DB
			if dialect == "sqlite" {
				db = dbtest.Open(b, filepath.Join(b.TempDir(), "bench.db"))
			} else {
				db = dbtest.Open(b, pgtest.NewDatabase(b, benchMigrate))
			}
			ctx := context.Background()
			a := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมทดสอบ"}
			if err := db.CreateAgency(ctx, a); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < 200; i++ {
				if err := db.CreateServicePoint(ctx, &openinfo.ServicePoint{AgencyID: a.ID, NameTH: fmt.Sprint("จุดบริการ ", i), Kind: openinfo.PointCounter, Visible: true}); err != nil {
					b.Fatal(err)
				}
			}
			pts, err := storebench.Points(ctx, db, 200)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var res storebench.IngestResult
			for i := 0; i < b.N; i++ {
				if res, err = storebench.Ingest(ctx, db, pts, 20000, 64, 1); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Writer, "ratings/s")
			b.ReportMetric(res.RawBulk, "raw-bulk/s")
			b.ReportMetric(res.RawPerRow, "raw-per-tx/s")
			b.ReportMetric(res.Ratio(), "ratio")
			b.Log(res)
		})
	}
}
