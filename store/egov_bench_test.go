package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

// seedNationalEgov writes a national-sized tree straight into the tables
// (CreateAgency's per-row transactions would take minutes): 20 ministries
// with 15 departments each, 76 provinces each with a PAO, 30 municipalities
// and 70 SAOs, 200 state bodies under no ministry, and 2,000 units and
// regional offices that need not comply; about 11% of the agencies that
// must comply published both records over 2023 (some twice), as in seed 004.
// It returns how many agencies must comply.
func seedNationalEgov(tb testing.TB, db *store.DB) int {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	now := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
	var id, rec int64
	must := 0
	add := func(parent int64, parentPath string, depth int, typ openinfo.AgencyType, province string) (int64, string) {
		id++
		path := fmt.Sprintf("%s%d/", parentPath, id)
		name := fmt.Sprintf("%s ที่ %d", typ.Label("th"), id)
		var p any
		if parent != 0 {
			p = parent
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO agencies (id, parent_id, path, depth, type, name_th, sort_key, province, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $9)`, id, p, path, depth, typ, name, openinfo.SortKey(name), province, now); err != nil {
			tb.Fatal(err)
		}
		if !openinfo.DefaultEgovSettings().MustComply(typ, openinfo.StatusActive) {
			return id, path
		}
		must++
		if id%9 != 0 { // one in nine complies
			return id, path
		}
		for _, section := range []int{10, 16} {
			states := []string{"published"}
			if id%27 == 0 {
				states = []string{"superseded", "published"}
			}
			for i, st := range states {
				rec++
				at := time.Date(2023, time.Month(1+(id+int64(i))%12), 1+int(id%28), 3, 0, 0, 0, time.UTC)
				if _, err := tx.ExecContext(ctx, `INSERT INTO egov_records (id, agency_id, section, title, state, created_at, updated_at, published_at)
					VALUES ($1, $2, $3, 'ประกาศ', $4, $5, $5, $5)`, rec, id, section, st, at); err != nil {
					tb.Fatal(err)
				}
			}
		}
		return id, path
	}
	for m := 0; m < 20; m++ {
		mid, mpath := add(0, "/", 0, openinfo.AgencyMinistry, "10")
		for d := 0; d < 15; d++ {
			did, dpath := add(mid, mpath, 1, openinfo.AgencyDepartment, "10")
			for u := 0; u < 6; u++ {
				add(did, dpath, 2, openinfo.AgencyUnit, "10")
			}
		}
	}
	moi, moiPath := int64(1), "/1/"
	for i, p := range openinfo.Provinces[:76] {
		pid, ppath := add(moi, moiPath, 1, openinfo.AgencyProvince, p.Code)
		add(pid, ppath, 2, openinfo.AgencyPAO, p.Code)
		for j := 0; j < 30; j++ {
			add(pid, ppath, 2, openinfo.AgencyMunicipality, p.Code)
		}
		for j := 0; j < 70; j++ {
			add(pid, ppath, 2, openinfo.AgencySAO, p.Code)
		}
		for j := 0; j < 3+i%3; j++ {
			add(pid, ppath, 2, openinfo.AgencyRegionalOffice, p.Code)
		}
	}
	for i := 0; i < 200; i++ {
		add(0, "/", 0, []openinfo.AgencyType{openinfo.AgencyStateEnterprise, openinfo.AgencyPublicOrg, openinfo.AgencyUniversity, openinfo.AgencyOther}[i%4], "10")
	}
	if db.Dialect() == store.Postgres { // identities continue after the explicit IDs
		for _, t := range []string{"agencies", "egov_records"} {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT max(id) FROM `+t+`))`); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if db.Dialect() == store.Postgres {
		db.SQL().ExecContext(ctx, `ANALYZE`)
	}
	return must
}

func egovBenchDBs(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.Open(b, filepath.Join(b.TempDir(), "bench.db"))) })
	b.Run("postgres", func(b *testing.B) {
		fn(b, dbtest.Open(b, pgtest.NewDatabase(b, func(dsn string) error {
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Migrate(context.Background())
		})))
	})
}

// BenchmarkEgovCompliance is OPDC's dashboard on the national data set
// (10,375 agencies, 8,272 of which must comply): the bound
// is 100 ms.
//
//	go test ./store -run '^$' -bench EgovCompliance
func BenchmarkEgovCompliance(b *testing.B) {
	egovBenchDBs(b, func(b *testing.B, db *store.DB) {
		must := seedNationalEgov(b, db)
		ctx := context.Background()
		s := openinfo.DefaultEgovSettings()
		c, err := db.EgovCompliance(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		if c.Total != must || c.Both == 0 || c.Both*8 > c.Total || len(c.ByProvince) != 76 || len(c.ByMinistry) != 21 {
			b.Fatalf("total %d (want %d), both %d, %d provinces, %d ministries", c.Total, must, c.Both, len(c.ByProvince), len(c.ByMinistry))
		}
		for b.Loop() {
			if _, err := db.EgovCompliance(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(c.Total), "agencies")
		b.ReportMetric(c.Percent(c.Both), "%both")
	})
}
