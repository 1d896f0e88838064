package searchfeed_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func manual(name string) openinfo.ManualContent {
	return openinfo.ManualContent{Name: name, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryLicence,
		LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522}},
		Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งจังหวัด"}},
		Steps:      []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสารและทดสอบสมรรถภาพ", Duration: 1, Unit: openinfo.UnitHour}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Originals: 1, Unit: openinfo.DocUnitCopy}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
}

func find(ix *search.Index, q string, kind search.Kind) []int64 {
	var ids []int64
	for _, h := range ix.Search(search.Query{Text: q, Kinds: []search.Kind{kind}}).Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestTwoNodes: node B's index, loaded from the database, finds what node A
// publishes once B polls the change feed, and forgets what A withdraws; a
// renamed agency is found under its new name.
func TestTwoNodes(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		if err := a.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		dlt := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก", Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "10"}}}
		if err := a.CreateAgency(ctx, dlt); err != nil {
			t.Fatal(err)
		}
		pt := &openinfo.ServicePoint{AgencyID: dlt.ID, NameTH: "ศูนย์บริการขนส่งจตุจักร", Kind: openinfo.PointCounter, Visible: true}
		if err := a.CreateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		ix := search.New(thai.Default())
		defer ix.Close()
		feed := searchfeed.New(b, ix, nil)
		if err := feed.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ศูนย์บริการขนส่งจตุจักร", search.KindPoint); len(got) != 1 || got[0] != pt.ID {
			t.Fatalf("point after load = %v", got)
		}
		// Node A writes and publishes a manual.
		author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dlt.ID, AgencyPath: dlt.Path}
		reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dlt.ID, AgencyPath: dlt.Path}
		opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
		terms, _ := a.CatalogTerms(ctx, openinfo.CatalogCategory, false)
		p := &openinfo.Process{AgencyID: dlt.ID, NameTH: "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", CommonNames: []string{"ทำใบขับขี่"},
			TermIDs: []int64{terms[0].ID}}
		if err := a.CreateProcess(ctx, p); err != nil {
			t.Fatal(err)
		}
		r, _ := a.OpenRevision(ctx, p.ID)
		if _, err := a.SaveDraft(ctx, r.ID, r.Version, manual(p.NameTH), author, dlt.Path); err != nil {
			t.Fatal(err)
		}
		a.ApplyRevision(ctx, r.ID, openinfo.EvSubmit, author, dlt.Path, "")
		a.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep1, reviewer, dlt.Path, "")
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ใบอนุญาตขับรถ", search.KindManual); len(got) != 0 {
			t.Fatalf("an unpublished manual is searchable: %v", got)
		}
		if err := a.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep2, opdc, dlt.Path, ""); err != nil {
			t.Fatal(err)
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ทำใบขับขี่", search.KindManual); len(got) != 1 || got[0] != p.ID {
			t.Fatalf("published manual by its common name = %v", got)
		}
		res := ix.Search(search.Query{Text: "ใบขับขี่", Filters: map[string][]string{search.FacetCategory: {terms[0].Code}}})
		if res.Total == 0 {
			t.Fatal("the category facet does not select the manual")
		}
		// Hiding the point and renaming the agency reach B too.
		pt.Visible = false
		if err := a.UpdateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		dlt.NameTH = "กรมการขนส่งทางบกและจราจร"
		if err := a.UpdateAgency(ctx, dlt); err != nil {
			t.Fatal(err)
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ศูนย์บริการขนส่งจตุจักร", search.KindPoint); len(got) != 0 {
			t.Fatalf("a hidden point is searchable: %v", got)
		}
		if got := find(ix, "กรมการขนส่งทางบกและจราจร", search.KindAgency); len(got) != 1 {
			t.Fatalf("renamed agency = %v", got)
		}
		hits := ix.Search(search.Query{Text: "ทำใบขับขี่", Kinds: []search.Kind{search.KindManual}}).Hits
		if len(hits) != 1 || hits[0].Agency != "กรมการขนส่งทางบกและจราจร" {
			t.Fatalf("the manual still shows the old agency name: %+v", hits)
		}
	})
}

// TestFreshAcrossNodes: with the feed running as serve runs it, a manual
// published through node A is found in node B's index within 2 seconds.
func TestFreshAcrossNodes(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		dept := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการปกครอง"}
		if err := a.CreateAgency(ctx, dept); err != nil {
			t.Fatal(err)
		}
		ix := search.New(thai.Default())
		defer ix.Close()
		feed := searchfeed.New(b, ix, nil)
		changed := make(chan struct{}, 100)
		feed.OnChange(func() { changed <- struct{}{} })
		go feed.Run(ctx, 200*time.Millisecond)
		for !feed.Ready() {
			time.Sleep(10 * time.Millisecond)
		}
		author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dept.ID, AgencyPath: dept.Path}
		reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dept.ID, AgencyPath: dept.Path}
		opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
		p := &openinfo.Process{AgencyID: dept.ID, NameTH: "การจดทะเบียนสมรส", CommonNames: []string{"จดทะเบียนแต่งงาน"}}
		if err := a.CreateProcess(ctx, p); err != nil {
			t.Fatal(err)
		}
		r, _ := a.OpenRevision(ctx, p.ID)
		a.SaveDraft(ctx, r.ID, r.Version, manual(p.NameTH), author, dept.Path)
		a.ApplyRevision(ctx, r.ID, openinfo.EvSubmit, author, dept.Path, "")
		a.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep1, reviewer, dept.Path, "")
		if err := a.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep2, opdc, dept.Path, ""); err != nil {
			t.Fatal(err)
		}
		published := time.Now()
		for len(find(ix, "จดทะเบียนแต่งงาน", search.KindManual)) == 0 {
			if time.Since(published) > 2*time.Second {
				t.Fatal("node B did not find the manual within 2 seconds of its publication on node A")
			}
			time.Sleep(20 * time.Millisecond)
		}
		select { // the listener hears of it once the poll has applied everything
		case <-changed:
		case <-time.After(5 * time.Second):
			t.Fatal("the feed applied changes without telling its listener")
		}
	})
}

// TestLoadCoversFeed: the changes already in the feed when the index loads
// are in what it read, so the first poll applies nothing (a "dataset" entry
// from an import would otherwise read everything a second time); a change
// made after the load is applied.
func TestLoadCoversFeed(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := dbtest.Open(t, dsn)
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		ds := &store.Dataset{Agencies: []openinfo.Agency{{ID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมการปกครอง"}},
			Points: []openinfo.ServicePoint{{ID: 1, AgencyID: 1, NameTH: "ที่ว่าการอำเภอฝาง", Kind: openinfo.PointCounter, Visible: true}}}
		if _, err := db.Import(ctx, ds, nil); err != nil {
			t.Fatal(err)
		}
		ix := search.New(thai.Default())
		defer ix.Close()
		feed := searchfeed.New(db, ix, nil)
		if err := feed.Load(ctx); err != nil {
			t.Fatal(err)
		}
		polls := 0
		feed.OnChange(func() { polls++ })
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if polls != 0 {
			t.Fatal("the first poll after a load applied changes the load had read")
		}
		pt := &openinfo.ServicePoint{AgencyID: 1, NameTH: "ที่ว่าการอำเภอแม่อาย", Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ที่ว่าการอำเภอแม่อาย", search.KindPoint); polls != 1 || len(got) != 1 || got[0] != pt.ID {
			t.Fatalf("after a new point: %d polls applied, found %v", polls, got)
		}
		// A later import reads everything again, from inside a poll.
		more := &store.Dataset{Agencies: []openinfo.Agency{{ID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมที่ดิน"}},
			Points: []openinfo.ServicePoint{{ID: 1, AgencyID: 1, NameTH: "ที่ว่าการอำเภอไชยปราการ", Kind: openinfo.PointCounter, Visible: true}}}
		if _, err := db.Import(ctx, more, nil); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- feed.Poll(ctx) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("a poll that reloads after an import did not return (deadlock)")
		}
		if got := find(ix, "ที่ว่าการอำเภอไชยปราการ", search.KindPoint); len(got) != 1 {
			t.Fatalf("imported point after the poll: %v", got)
		}
	})
}

// TestEgovChannelsFound: an agency's published Section 10 channels are found
// in search, on the node that loads the index and on one that follows the
// change feed; a revoked announcement's channels are no longer.
func TestEgovChannelsFound(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 5, Name: "สมชาย"})
		a, b := dbtest.Open(t, dsn), dbtest.Open(t, dsn)
		dol := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมที่ดิน"}
		if err := a.CreateAgency(ctx, dol); err != nil {
			t.Fatal(err)
		}
		ix := search.New(thai.Default())
		defer ix.Close()
		feed := searchfeed.New(b, ix, nil)
		if err := feed.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ราคาประเมิน", search.KindAgency); len(got) != 0 {
			t.Fatalf("found before any announcement: %v", got)
		}
		central := openinfo.Officer{UserID: 5, Role: openinfo.RoleCentral, AgencyID: dol.ID, AgencyPath: dol.Path}
		rec := &openinfo.EgovRecord{AgencyID: dol.ID, Section: openinfo.EgovSection10, Title: "ประกาศกรมที่ดิน",
			SignedOn: time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), URL: "https://www.dol.go.th/egov.pdf",
			Items: []openinfo.EgovItem{{Kind: openinfo.ChannelEService, Name: "ระบบตรวจสอบราคาประเมิน", Address: "https://assessprice.treasury.go.th"}}}
		if err := a.SaveEgovRecord(ctx, rec, central); err != nil {
			t.Fatal(err)
		}
		if _, err := a.PublishEgovRecord(ctx, rec.ID, rec.Version, central); err != nil {
			t.Fatal(err)
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ราคาประเมิน", search.KindAgency); len(got) != 1 || got[0] != dol.ID {
			t.Fatalf("the channel after the feed = %v", got)
		}
		// A node starting now loads it too.
		fresh := search.New(thai.Default())
		defer fresh.Close()
		if err := searchfeed.New(b, fresh, nil).Load(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(fresh, "ราคาประเมิน", search.KindAgency); len(got) != 1 {
			t.Fatalf("the channel after a load = %v", got)
		}
		cur, _ := a.EgovRecord(ctx, rec.ID)
		if _, err := a.RevokeEgovRecord(ctx, rec.ID, cur.Version, "ยกเลิกประกาศ", central); err != nil {
			t.Fatal(err)
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ราคาประเมิน", search.KindAgency); len(got) != 0 {
			ch, _ := b.EgovChannelText(ctx, []int64{dol.ID})
			changes, _ := b.Changes(ctx, 0, 100)
			t.Fatalf("a revoked channel is still found: %v (channels %v, changes %+v)", got, ch, changes)
		}
	})
}

// TestOwnChangeAtOnce (issue 19): the node that commits a change finds it
// in its own index at once, though its poll interval is an hour: the store
// pokes the feed after the commit (AfterChange), and Sync applies it
// before returning.
func TestOwnChangeAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		dlt := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก", Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "10"}}}
		if err := db.CreateAgency(ctx, dlt); err != nil {
			t.Fatal(err)
		}
		ix := search.New(thai.Default())
		defer ix.Close()
		feed := searchfeed.New(db, ix, nil)
		db.AfterChange(feed.Poke)
		go feed.Run(ctx, time.Hour)
		for !feed.Ready() {
			time.Sleep(5 * time.Millisecond)
		}
		// Poke: the Run loop applies the change without waiting for its tick.
		pt := &openinfo.ServicePoint{AgencyID: dlt.ID, NameTH: "ศูนย์บริการขนส่งจตุจักร", Kind: openinfo.PointCounter, Visible: true}
		start := time.Now()
		if err := db.CreateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		for len(find(ix, "ศูนย์บริการขนส่งจตุจักร", search.KindPoint)) == 0 {
			if time.Since(start) > 5*time.Second {
				t.Fatal("the node's own new point is not in its index after 5 s (poll interval 1 h)")
			}
			time.Sleep(time.Millisecond)
		}
		t.Logf("own change searchable after %v", time.Since(start).Round(time.Microsecond))
		// Sync: in the index when it returns.
		pt.NameTH = "ศูนย์บริการขนส่งบางนา"
		if err := db.UpdateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		if err := feed.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(ix, "ศูนย์บริการขนส่งบางนา", search.KindPoint); len(got) != 1 {
			t.Fatalf("renamed point after Sync = %v", got)
		}
	})
}
