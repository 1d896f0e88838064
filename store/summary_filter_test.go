package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestSummaryFilters: the agency type, the province (the agency's; a
// service point's own) and the catalog category (with the terms beneath
// it) narrow what each row of the summary reports counts; the rows stay the
// agencies under the scope, and a row with nothing left goes.
func TestSummaryFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		cats, err := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
		if err != nil {
			t.Fatal(err)
		}
		civil := cats[0]
		sub := &openinfo.CatalogTerm{Kind: openinfo.CatalogCategory, Code: "birth", NameTH: "การเกิด", ParentID: civil.ID, Active: true}
		if err := db.CreateCatalogTerm(ctx, sub); err != nil {
			t.Fatal(err)
		}
		mk := func(parent int64, typ openinfo.AgencyType, name, province string) *openinfo.Agency {
			a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: province}}}
			if err := db.CreateAgency(ctx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		moi := mk(0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย", "10")
		dopa := mk(moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง", "10")
		cm := mk(moi.ID, openinfo.AgencyProvince, "จังหวัดเชียงใหม่", "50")
		muni := mk(cm.ID, openinfo.AgencyMunicipality, "เทศบาลนครเชียงใหม่", "50")
		bare := mk(0, openinfo.AgencyPublicOrg, "องค์การทดสอบ", "")
		// dopa: a birth process (the sub-category) through step 1; the
		// municipality: an untagged draft; the public body: one untagged.
		submitted := func(a *openinfo.Agency, name string, terms []int64) {
			p := &openinfo.Process{AgencyID: a.ID, NameTH: name, TermIDs: terms}
			if err := db.CreateProcess(ctx, p); err != nil {
				t.Fatal(err)
			}
			author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: a.ID, AgencyPath: a.Path}
			reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: a.ID, AgencyPath: a.Path}
			r, _ := db.OpenRevision(ctx, p.ID)
			if _, err := db.SaveDraft(ctx, r.ID, r.Version, completeManual(name), author, a.Path); err != nil {
				t.Fatal(err)
			}
			for _, ev := range []openinfo.RevisionEvent{openinfo.EvSubmit, openinfo.EvApproveStep1} {
				o := author
				if ev == openinfo.EvApproveStep1 {
					o = reviewer
				}
				if err := db.ApplyRevision(ctx, r.ID, ev, o, a.Path, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		submitted(dopa, "การแจ้งเกิด", []int64{sub.ID})
		for _, x := range []struct {
			a    *openinfo.Agency
			name string
		}{{muni, "การขออนุญาตก่อสร้างอาคาร"}, {bare, "การขอรับทุน"}} {
			if err := db.CreateProcess(ctx, &openinfo.Process{AgencyID: x.a.ID, NameTH: x.name}); err != nil {
				t.Fatal(err)
			}
		}
		stale := time.Now().AddDate(-3, 0, 0)
		states := func(f store.SummaryFilter) map[int64]int {
			t.Helper()
			rows, err := db.ManualStates(ctx, f, stale)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]int{}
			for _, r := range rows {
				out[r.AgencyID] = r.Total
			}
			return out
		}
		eq := func(what string, got, want map[int64]int) {
			t.Helper()
			if len(got) != len(want) {
				t.Fatalf("%s: %v, want %v", what, got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Fatalf("%s: %v, want %v", what, got, want)
				}
			}
		}
		eq("country", states(store.SummaryFilter{}), map[int64]int{moi.ID: 2, bare.ID: 1})
		eq("municipalities", states(store.SummaryFilter{Type: openinfo.AgencyMunicipality}), map[int64]int{moi.ID: 1})
		eq("Chiang Mai", states(store.SummaryFilter{ScopeID: moi.ID, Province: "50"}), map[int64]int{cm.ID: 1})
		eq("no province", states(store.SummaryFilter{Province: store.NoProvince}), map[int64]int{bare.ID: 1})
		eq("civil registration, with its sub-category", states(store.SummaryFilter{Category: civil.ID}), map[int64]int{moi.ID: 1})
		eq("the sub-category", states(store.SummaryFilter{ScopeID: moi.ID, Category: sub.ID}), map[int64]int{dopa.ID: 1})
		eq("another category", states(store.SummaryFilter{Category: cats[1].ID}), map[int64]int{})

		// Service points: the point's own province, the owner's type.
		for _, p := range []*openinfo.ServicePoint{
			{AgencyID: muni.ID, NameTH: "ศูนย์บริการเทศบาล", Kind: openinfo.PointCounter, Visible: true, Address: openinfo.Address{ProvinceCode: "50"}},
			{AgencyID: dopa.ID, NameTH: "ที่ว่าการอำเภอ", Kind: openinfo.PointCounter, Visible: true, Address: openinfo.Address{ProvinceCode: "50"}},
			{AgencyID: dopa.ID, NameTH: "ศูนย์บริการกรม", Kind: openinfo.PointCounter, Visible: true, Address: openinfo.Address{ProvinceCode: "10"}},
		} {
			if err := db.CreateServicePoint(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		points := func(f store.SummaryFilter) map[int64]int {
			t.Helper()
			rows, err := db.PointSummary(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]int{}
			for _, r := range rows {
				out[r.AgencyID] = r.Points
			}
			return out
		}
		eq("points", points(store.SummaryFilter{ScopeID: moi.ID}), map[int64]int{dopa.ID: 2, cm.ID: 1})
		eq("points in Chiang Mai", points(store.SummaryFilter{ScopeID: moi.ID, Province: "50"}), map[int64]int{dopa.ID: 1, cm.ID: 1})
		eq("points of departments", points(store.SummaryFilter{ScopeID: moi.ID, Type: openinfo.AgencyDepartment}), map[int64]int{dopa.ID: 2})
		eq("points, category ignored", points(store.SummaryFilter{ScopeID: moi.ID, Category: cats[1].ID}), map[int64]int{dopa.ID: 2, cm.ID: 1})

		// Officers: the agency's type and province.
		now := time.Now()
		for _, a := range []*openinfo.Agency{dopa, muni} {
			tok, _ := openinfo.NewToken()
			if err := db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: a.ID, Role: openinfo.RoleAuthor, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		officers := func(f store.SummaryFilter) map[int64]int {
			t.Helper()
			rows, err := db.OfficerSummary(ctx, f, now.AddDate(0, 0, -90), now)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]int{}
			for _, r := range rows {
				out[r.AgencyID] = r.TokensWaiting
			}
			return out
		}
		eq("tokens", officers(store.SummaryFilter{ScopeID: moi.ID}), map[int64]int{dopa.ID: 1, cm.ID: 1})
		eq("tokens in Bangkok", officers(store.SummaryFilter{ScopeID: moi.ID, Province: "10"}), map[int64]int{dopa.ID: 1})
		eq("tokens of municipalities", officers(store.SummaryFilter{Type: openinfo.AgencyMunicipality}), map[int64]int{moi.ID: 1})

		// Approval times: the filters, the scope's subtree and the period.
		waits := func(f store.SummaryFilter, since, until time.Time) int {
			t.Helper()
			times, err := db.ApprovalTimes(ctx, f, since, until)
			if err != nil {
				t.Fatal(err)
			}
			return len(times[openinfo.RevWaitingStep1])
		}
		hour := time.Hour
		for _, c := range []struct {
			what         string
			f            store.SummaryFilter
			since, until time.Time
			want         int
		}{
			{"all", store.SummaryFilter{}, now.Add(-hour), time.Time{}, 1},
			{"the ministry's subtree", store.SummaryFilter{ScopeID: moi.ID}, now.Add(-hour), now.Add(hour), 1},
			{"the department itself", store.SummaryFilter{ScopeID: dopa.ID}, now.Add(-hour), now.Add(hour), 1},
			{"another subtree", store.SummaryFilter{ScopeID: cm.ID}, now.Add(-hour), now.Add(hour), 0},
			{"the category", store.SummaryFilter{Category: civil.ID}, now.Add(-hour), now.Add(hour), 1},
			{"another category", store.SummaryFilter{Category: cats[1].ID}, now.Add(-hour), now.Add(hour), 0},
			{"departments", store.SummaryFilter{Type: openinfo.AgencyDepartment}, now.Add(-hour), now.Add(hour), 1},
			{"municipalities", store.SummaryFilter{Type: openinfo.AgencyMunicipality}, now.Add(-hour), now.Add(hour), 0},
			{"Chiang Mai", store.SummaryFilter{Province: "50"}, now.Add(-hour), now.Add(hour), 0},
			{"before the period's end", store.SummaryFilter{}, now.Add(-2 * hour), now.Add(-hour), 0},
		} {
			if got := waits(c.f, c.since, c.until); got != c.want {
				t.Errorf("%s: %d waits, want %d", c.what, got, c.want)
			}
		}
	})
}
