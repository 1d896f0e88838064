package store_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

var (
	smallOnce sync.Once
	smallSet  *gendata.Dataset
	smallErr  error
)

// loadSmall fills db with the small generated data set (about 300
// agencies, 2,000 points, 2,000 published manuals with their pins).
func loadSmall(tb testing.TB, db *store.DB) {
	tb.Helper()
	smallOnce.Do(func() { smallSet, smallErr = gendata.Generate(gendata.ScaleSmall, 1, nil) })
	if smallErr != nil {
		tb.Fatal(smallErr)
	}
	ctx := context.Background()
	if err := db.SeedCatalog(ctx); err != nil {
		tb.Fatal(err)
	}
	batch := &store.Dataset{Agencies: smallSet.Agencies, Points: smallSet.Points}
	for _, p := range smallSet.Processes {
		batch.Processes = append(batch.Processes, store.ImportProcess{ID: p.ID, AgencyID: p.AgencyID, NameTH: p.NameTH,
			CommonNames: p.CommonNames, TermCodes: p.TermCodes, Content: p.Content, PointIDs: p.PointIDs})
	}
	if _, err := db.Import(ctx, batch, nil); err != nil {
		tb.Fatal(err)
	}
	// Fresh tables have no statistics yet (autovacuum gets to them later).
	if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil {
		tb.Fatal(err)
	}
}

// TestOpenDataSmall reads the small data set through the open data
// readers: offset pages and keyset walks agree, and totals add up.
func TestOpenDataSmall(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadSmall(t, db)
		first, total, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50})
		if err != nil || total < 1000 || len(first) != 50 {
			t.Fatalf("services: %d of %d, %v", len(first), total, err)
		}
		last, _, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50, Offset: total - 10})
		if err != nil || len(last) != 10 {
			t.Fatalf("last page: %d, %v", len(last), err)
		}
		// The keyset walk meets every service once, in the same order.
		n, after := 0, int64(0)
		for {
			page, _, err := db.OpenServices(ctx, store.OpenFilter{Kind: store.OpenManual, AfterID: after, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			if n == 0 && page[0].ID != first[0].ID {
				t.Fatalf("the walk starts at %d, the first page at %d", page[0].ID, first[0].ID)
			}
			n += len(page)
			after = page[len(page)-1].ID
		}
		if n != total { // the small set has no other services
			t.Fatalf("walked %d manuals, total %d", n, total)
		}
		pts, ptotal, err := db.OpenLocations(ctx, store.OpenFilter{Limit: 1000})
		if err != nil || ptotal < 1000 || len(pts) != 1000 {
			t.Fatalf("locations: %d of %d, %v", len(pts), ptotal, err)
		}
		pins, pinTotal, err := db.OpenPins(ctx, store.OpenFilter{Limit: 100, Offset: 100})
		if err != nil || len(pins) != 100 || pinTotal < 1000 {
			t.Fatalf("pins: %d of %d, %v", len(pins), pinTotal, err)
		}
		prov := pts[0].Address.ProvinceCode
		inProv, provTotal, err := db.OpenLocations(ctx, store.OpenFilter{Province: prov, Limit: 1000})
		if err != nil || provTotal == 0 || provTotal >= ptotal {
			t.Fatalf("province %s: %d of %d", prov, provTotal, ptotal)
		}
		for _, p := range inProv {
			if p.Address.ProvinceCode != prov {
				t.Fatalf("point %d of province %s in %s's list", p.ID, p.Address.ProvinceCode, prov)
			}
		}
	})
}

// BenchmarkOpenData times the API's queries on the small data set:
//
//	go test ./store -run '^$' -bench OpenData -benchtime 200x
//
// "deep" asks the last page (offset pagination's worst case).
func BenchmarkOpenData(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var db *store.DB
			if dialect == "sqlite" {
				db = dbtest.Open(b, filepath.Join(b.TempDir(), "bench.db"))
			} else {
				db = dbtest.Open(b, pgtest.NewDatabase(b, benchMigrate))
			}
			loadSmall(b, db)
			ctx := context.Background()
			_, total, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50})
			if err != nil {
				b.Fatal(err)
			}
			_, ptotal, _ := db.OpenLocations(ctx, store.OpenFilter{Limit: 50})
			_, pinTotal, _ := db.OpenPins(ctx, store.OpenFilter{Limit: 50})
			// Pages as the API asks them: totals come from its cache
			// (TotalTTL); the count cases time the counting itself.
			warm := mapTotals{}
			cases := []struct {
				name string
				fn   func() error
			}{
				{"services/first", func() error {
					_, _, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50, Totals: warm})
					return err
				}},
				{"services/deep", func() error {
					_, _, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50, Offset: total - 50, Totals: warm})
					return err
				}},
				{"services/province", func() error {
					_, _, err := db.OpenServices(ctx, store.OpenFilter{Limit: 50, Province: "50", Totals: warm})
					return err
				}},
				{"services/count", func() error { _, _, err := db.OpenServices(ctx, store.OpenFilter{Limit: 1}); return err }},
				{"locations/deep", func() error {
					_, _, err := db.OpenLocations(ctx, store.OpenFilter{Limit: 50, Offset: ptotal - 50, Totals: warm})
					return err
				}},
				{"service_at_locations/first", func() error {
					_, _, err := db.OpenPins(ctx, store.OpenFilter{Limit: 50, Totals: warm})
					return err
				}},
				{"service_at_locations/deep", func() error {
					_, _, err := db.OpenPins(ctx, store.OpenFilter{Limit: 50, Offset: pinTotal - 50, Totals: warm})
					return err
				}},
				{"service_at_locations/count", func() error { _, _, err := db.OpenPins(ctx, store.OpenFilter{Limit: 1}); return err }},
				{"organizations/first", func() error {
					_, _, err := db.OpenOrganizations(ctx, store.OpenFilter{Limit: 50, Totals: warm})
					return err
				}},
				{"rate-limit-hit", func() error { _, _, err := db.APIHit(ctx, "bench", 1<<30); return err }},
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						if err := c.fn(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

func benchMigrate(dsn string) error {
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(context.Background())
}

// mapTotals remembers every total for ever (a benchmark's warm cache).
type mapTotals map[string]int

func (m mapTotals) Total(ctx context.Context, key string, count func(context.Context) (int, error)) (int, error) {
	if n, ok := m[key]; ok {
		return n, nil
	}
	n, err := count(ctx)
	m[key] = n
	return n, err
}
