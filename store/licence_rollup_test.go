package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// sameLicenceRollup holds the roll-up to a plain GROUP BY over the raw
// reports: the totals and breakdowns of the country and of each parent.
func sameLicenceRollup(t *testing.T, db *store.DB, from, to int, parents ...int64) {
	t.Helper()
	ctx := context.Background()
	for _, id := range append([]int64{0}, parents...) {
		a, err := db.LicenceTotals(ctx, id, from, to)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.LicenceTotalsRaw(ctx, id, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("totals of %d: roll-up %+v, raw %+v", id, a, b)
		}
		c, err := db.LicenceBreakdown(ctx, id, from, to)
		if err != nil {
			t.Fatal(err)
		}
		d, err := db.LicenceBreakdownRaw(ctx, id, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(c) != fmt.Sprint(d) {
			t.Errorf("breakdown of %d: roll-up %+v, raw %+v", id, c, d)
		}
	}
}

// TestLicenceRollupKeptBySaves: submissions and corrections keep the
// roll-up equal to the raw reports, and a rebuild gives the same rows.
func TestLicenceRollupKeptBySaves(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newLicenceFixture(t, db)
		m := 202610
		before := bkk(2026, 11, 10, 9, 0)
		me := openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p1.ID}
		central := openinfo.Officer{UserID: 14, Role: openinfo.RoleCentral, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
		rep := openinfo.LicenceReport{Reporter: me, ProcessID: f.proc.ID, Month: m,
			Counts: openinfo.LicenceCounts{PendingStart: 2, Received: 9, Issued: 6, Refused: 1, OnTime: 6, Late: 1, PendingEnd: 4}}
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicSaveDraft, f.officer, before); err != nil {
			t.Fatal(err)
		}
		if tot, _ := db.LicenceTotals(ctx, 0, m, m); len(tot) != 0 {
			t.Fatalf("a draft counts: %+v", tot)
		}
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, f.officer, before); err != nil {
			t.Fatal(err)
		}
		rep.Counts.Received, rep.Counts.PendingEnd = 11, 6
		if err := db.SaveLicenceReport(ctx, &rep, openinfo.LicCorrect, f.officer, before); err != nil {
			t.Fatal(err)
		}
		r2 := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: f.p2.ID}, ProcessID: f.proc.ID, Month: m,
			Counts: openinfo.LicenceCounts{Received: 5, Issued: 5, OnTime: 5, DelayNotices: 2}}
		if err := db.SaveLicenceReport(ctx, &r2, openinfo.LicSubmit, central, before); err != nil {
			t.Fatal(err)
		}
		tot, err := db.LicenceTotals(ctx, f.dept.ID, m, m)
		if err != nil || len(tot) != 1 || tot[0].Reports != 2 || tot[0].Counts.Received != 16 || tot[0].Counts.DelayNotices != 2 {
			t.Fatalf("department's totals = %+v, %v", tot, err)
		}
		sameLicenceRollup(t, db, 202601, 202612, f.dept.ID, f.office.ID, f.other.ID)
		if err := db.RebuildLicenceRollup(ctx); err != nil {
			t.Fatal(err)
		}
		if again, _ := db.LicenceTotals(ctx, f.dept.ID, m, m); fmt.Sprint(again) != fmt.Sprint(tot) {
			t.Fatalf("rebuilt %+v, kept %+v", again, tot)
		}
		sameLicenceRollup(t, db, 202601, 202612, f.dept.ID, f.office.ID)
		sameLicenceRollup(t, db, 202610, 202709, f.dept.ID, f.office.ID) // fiscal year 2570, from its own roll-up
		if bd, _ := db.LicenceBreakdown(ctx, 0, 202610, 202709); len(bd) != 1 || bd[0].Reports != 2 || bd[0].Counts.Received != 16 {
			t.Fatalf("fiscal year 2570 = %+v", bd)
		}
	})
}

// TestLoadLicences loads the small data set's year of licence reports and
// delay notices: the roll-up matches the raw reports for the country and
// the largest parents, the cases load with their notices, and the overdue
// filter finds some.
func TestLoadLicences(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ds, err := gendata.Generate(gendata.ScaleSmall, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		sd := &store.Dataset{Agencies: ds.Agencies, Points: ds.Points}
		for i := range ds.Processes {
			p := &ds.Processes[i]
			sd.Processes = append(sd.Processes, store.ImportProcess{ID: p.ID, AgencyID: p.AgencyID, NameTH: p.NameTH,
				CommonNames: p.CommonNames, TermCodes: p.TermCodes, Content: p.Content, PointIDs: p.PointIDs})
		}
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		res, err := db.Import(ctx, sd, nil)
		if err != nil {
			t.Fatal(err)
		}
		asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
		off := gendata.Offsets{Agency: res.AgencyOffset, Point: res.PointOffset, Process: res.ProcessOffset}
		var data *gendata.LicenceData
		n, err := db.LoadLicenceReports(ctx, 50000, func(emit func(*openinfo.LicenceReport) error) error {
			var err error
			data, err = gendata.Licences(ds, off, 1, asOf, 200, emit)
			return err
		}, nil)
		if err != nil || n != data.Reports || n == 0 {
			t.Fatalf("loaded %d of %d: %v", n, data.Reports, err)
		}
		if err := db.LoadLicenceRecords(ctx, storeRecords(data)); err != nil {
			t.Fatal(err)
		}
		months := data.Months
		bd, err := db.LicenceBreakdown(ctx, 0, months[0], months[11])
		if err != nil || len(bd) == 0 {
			t.Fatalf("breakdown %v, %v", bd, err)
		}
		parents := []int64{bd[0].AgencyID}
		for _, x := range bd[:min(3, len(bd))] {
			parents = append(parents, x.AgencyID)
		}
		sameLicenceRollup(t, db, months[0], months[11], parents...)
		sameLicenceRollup(t, db, 202510, 202609, parents...) // fiscal year 2569
		cases, total, err := db.DelayCases(ctx, store.DelayFilter{At: asOf, Overdue: true, Limit: 5})
		if err != nil || total == 0 || len(cases) == 0 || len(cases[0].Notices) == 0 && cases[0].Due.After(asOf) {
			t.Fatalf("overdue: %d, %v", total, err)
		}
		if all, total, _ := db.DelayCases(ctx, store.DelayFilter{At: asOf, Limit: 1}); total != 200 || len(all) != 1 {
			t.Fatalf("%d cases", total)
		}
		locks, err := db.LicenceLocks(ctx, months[5], "")
		if err != nil || len(locks) == 0 {
			t.Fatalf("locks %v, %v", locks, err)
		}
		if u, _ := db.UnlockRequests(ctx, store.UnlockFilter{Status: openinfo.UnlockApproved}); len(u) == 0 {
			t.Fatal("no approved unlocks")
		}
		if miss, err := db.MissingReporters(ctx, months[5], ""); err != nil || len(miss) == 0 {
			t.Fatalf("%d missing: %v", len(miss), err)
		}
	})
}

// storeRecords is the generated data as the store loads it.
func storeRecords(data *gendata.LicenceData) *store.LicenceRecords {
	rec := &store.LicenceRecords{Cases: data.Cases}
	for _, l := range data.Levels {
		rec.Levels = append(rec.Levels, store.ReportingLevelSwitch(l))
	}
	for _, l := range data.Locks {
		rec.Locks = append(rec.Locks, store.LicenceLock(l))
	}
	for _, u := range data.Unlocks {
		rec.Unlocks = append(rec.Unlocks, store.LoadedUnlock(u))
	}
	return rec
}
