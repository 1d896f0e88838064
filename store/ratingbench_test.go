package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

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
//	go test ./store -run '^$' -bench RatingIngest -benchtime 1x
//
// The test PostgreSQL runs with fsync=off; README figures come from
// "openinfo bench ratings" on a durable server.
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
			pts, err := db.BenchPoints(ctx, 200)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var res store.IngestResult
			for i := 0; i < b.N; i++ {
				if res, err = db.BenchIngest(ctx, pts, 20000, 64); err != nil {
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
