package licencebench_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/licencebench"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// load imports the small data set and its year of licence reports.
func load(tb testing.TB, db *store.DB) {
	ctx := context.Background()
	ds, err := gendata.Generate(gendata.ScaleSmall, 1, nil)
	if err != nil {
		tb.Fatal(err)
	}
	sd := &store.Dataset{Agencies: ds.Agencies, Points: ds.Points}
	for i := range ds.Processes {
		p := &ds.Processes[i]
		sd.Processes = append(sd.Processes, store.ImportProcess{ID: p.ID, AgencyID: p.AgencyID, NameTH: p.NameTH,
			CommonNames: p.CommonNames, TermCodes: p.TermCodes, Content: p.Content, PointIDs: p.PointIDs})
	}
	if err := db.SeedCatalog(ctx); err != nil {
		tb.Fatal(err)
	}
	res, err := db.Import(ctx, sd, nil)
	if err != nil {
		tb.Fatal(err)
	}
	off := gendata.Offsets{Agency: res.AgencyOffset, Point: res.PointOffset, Process: res.ProcessOffset}
	asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
	if _, err := db.LoadLicenceReports(ctx, 50000, func(emit func(*openinfo.LicenceReport) error) error {
		_, err := gendata.Licences(ds, off, 1, asOf, 0, emit)
		return err
	}, nil); err != nil {
		tb.Fatal(err)
	}
}

// TestRun: on both databases, the country's and the largest top-level
// agency's year come out the same both ways.
func TestRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		from, to, top, err := licencebench.LastYear(ctx, db)
		if err != nil || from != 202512 || to != 202611 || top == 0 {
			t.Fatalf("last year %d–%d, top %d: %v", from, to, top, err)
		}
		for _, id := range []int64{0, top} {
			r, err := licencebench.Run(ctx, db, id, from, to, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Same || r.Reports == 0 || r.Rows == 0 {
				t.Errorf("%v", r)
			}
		}
		m, err := licencebench.Missing(ctx, db, 0, to, 1)
		if err != nil || m.Reporters == 0 || m.Reports < m.Reporters || m.Took <= 0 {
			t.Errorf("missing reporters: %v, %v", m, err)
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

// BenchmarkNationalRollup times the country's year (monthly totals and the
// breakdown by top-level agency) from the roll-up and by a plain GROUP BY
// over the raw reports, on each database, over the small data set's year
// (about 49,000 reports):
//
//	go test ./report/licencebench -run '^$' -bench NationalRollup -benchtime 1x
//
// The national figures (about 5 million reports) come from "openinfo
// gen-data --scale national" and "go run ./cmd/openinfo-bench licences".
func BenchmarkNationalRollup(b *testing.B) {
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
			from, to, _, err := licencebench.LastYear(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var r licencebench.Result
			for i := 0; i < b.N; i++ {
				if r, err = licencebench.Run(ctx, db, 0, from, to, 5); err != nil {
					b.Fatal(err)
				}
			}
			if !r.Same {
				b.Fatal("the roll-up and the raw reports disagree")
			}
			b.ReportMetric(float64(r.Rollup.Microseconds())/1000, "rollup-ms")
			b.ReportMetric(float64(r.Raw.Microseconds())/1000, "raw-ms")
			b.ReportMetric(r.Speedup(), "speedup")
			b.Log(r)
		})
	}
}
