package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func TestServicePoints(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 3, Name: "officer"})
		dlt := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		office := mustCreateAgency(t, db, dlt.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
		other := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมสรรพากร")

		hours := openinfo.OfficeHours()
		hours.Periods = append(hours.Periods, openinfo.HoursPeriod{Days: []time.Weekday{time.Saturday}, Open: "08:30", Close: "12:00"})
		p := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "งานทะเบียนรถ", Kind: openinfo.PointCounter,
			Address:     openinfo.Address{Line: "393 ถนนเชียงใหม่-ลำปาง", Subdistrict: "ตำบลฟ้าฮ่าม", District: "อำเภอเมืองเชียงใหม่", ProvinceCode: "50", Postcode: "50000"},
			HasLocation: true, Lat: 18.8139, Lon: 99.0167, Phones: []string{"053-111-111 ต่อ 12", "๑๕๘๔"},
			Hours: hours, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		online := &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "จองคิวออนไลน์", Kind: openinfo.PointOnline,
			URL: "https://gecc.dlt.go.th", Visible: true}
		if err := db.CreateServicePoint(ctx, online); err != nil {
			t.Fatal(err)
		}
		got, err := db.ServicePoint(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.HasLocation || got.Lat != 18.8139 || got.Phones[0] != "053111111 #12" || got.Phones[1] != "1584" ||
			len(got.Hours.Periods) != 2 || got.Hours.Periods[1].Days[0] != time.Saturday || !got.Hours.ClosedOnHolidays {
			t.Fatalf("round trip = %+v", got)
		}
		if o, _ := db.ServicePoint(ctx, online.ID); o.HasLocation {
			t.Fatalf("a point without a pin got one: %+v", o)
		}

		// Invalid input is refused with the field named, and nothing is lost.
		bad := *got
		bad.Lat, bad.Lon = 99.0167, 18.8139 // swapped
		wantCode(t, db.UpdateServicePoint(ctx, &bad), openinfo.EINVALID, "location")
		bad = *got
		bad.Phones = []string{"12345"}
		wantCode(t, db.UpdateServicePoint(ctx, &bad), openinfo.EINVALID, "phones")
		bad = *got
		bad.NameTH = ""
		wantCode(t, db.UpdateServicePoint(ctx, &bad), openinfo.EINVALID, "name_th")
		bad = *got
		bad.Hours.Periods = append([]openinfo.HoursPeriod(nil), got.Hours.Periods...)
		bad.Hours.Periods[0].Close = "07:00"
		wantCode(t, db.UpdateServicePoint(ctx, &bad), openinfo.EINVALID, "hours[0]")
		wantCode(t, db.CreateServicePoint(ctx, &openinfo.ServicePoint{AgencyID: 987654, NameTH: "จุดใหม่", Kind: openinfo.PointCounter}),
			openinfo.EINVALID, "agency_id")
		wantCode(t, db.CreateServicePoint(ctx, &openinfo.ServicePoint{AgencyID: office.ID, NameTH: "เว็บไซต์", Kind: openinfo.PointOnline}),
			openinfo.EINVALID, "url")
		if again, _ := db.ServicePoint(ctx, p.ID); again.Version != 1 || again.Lat != 18.8139 || again.NameTH != "งานทะเบียนรถ" {
			t.Fatalf("refused update changed the point: %+v", again)
		}

		// Hiding a point (การแสดงผล) removes it from public lists but keeps it.
		got.Visible = false
		if err := db.UpdateServicePoint(ctx, got); err != nil {
			t.Fatal(err)
		}
		stale := *got
		stale.Version = 1
		wantCode(t, db.UpdateServicePoint(ctx, &stale), openinfo.ECONFLICT, "")
		public, total, err := db.ServicePoints(ctx, store.PointFilter{AgencyID: office.ID})
		if err != nil || total != 1 || public[0].ID != online.ID {
			t.Fatalf("public points = %d, %v", total, err)
		}
		if _, total, _ = db.ServicePoints(ctx, store.PointFilter{AgencyID: office.ID, WithHidden: true}); total != 2 {
			t.Fatalf("back-office points = %d, want 2", total)
		}
		if _, total, _ = db.ServicePoints(ctx, store.PointFilter{Under: dlt.ID, WithHidden: true}); total != 2 {
			t.Fatalf("subtree points = %d, want 2", total)
		}
		if _, total, _ = db.ServicePoints(ctx, store.PointFilter{Under: other.ID, WithHidden: true}); total != 0 {
			t.Fatalf("foreign subtree points = %d, want 0", total)
		}
		if _, total, _ = db.ServicePoints(ctx, store.PointFilter{Kind: openinfo.PointOnline, Query: "คิว"}); total != 1 {
			t.Fatalf("kind+query = %d, want 1", total)
		}
		log, err := db.AuditLog(ctx, store.AuditFilter{EntityType: "service_point", EntityID: p.ID})
		if err != nil || len(log) != 2 || log[0].Action != "service_point.update" || log[0].ActorID != 3 {
			t.Fatalf("audit = %+v, %v", log, err)
		}
	})
}

func TestImportAllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		existing := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "สำนักนายกรัฐมนตรี")
		ds := &store.Dataset{
			Agencies: []openinfo.Agency{
				{ID: 1, Type: openinfo.AgencyMinistry, NameTH: "กระทรวงการคลัง"},
				{ID: 2, ParentID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมสรรพากร"},
			},
			Points: []openinfo.ServicePoint{
				{ID: 1, AgencyID: 2, NameTH: "สำนักงานสรรพากรพื้นที่เชียงใหม่", Kind: openinfo.PointCounter, Visible: true,
					HasLocation: true, Lat: 18.79, Lon: 98.98},
			},
		}
		res, err := db.Import(ctx, ds, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.AgencyOffset != existing.ID {
			t.Fatalf("offset = %d, want %d", res.AgencyOffset, existing.ID)
		}
		rd, err := db.Agency(ctx, 2+res.AgencyOffset)
		if err != nil || rd.NameTH != "กรมสรรพากร" || rd.ParentID != 1+res.AgencyOffset || rd.Depth != 1 {
			t.Fatalf("imported department = %+v, %v", rd, err)
		}
		// New rows after an import with explicit IDs get fresh IDs.
		next := mustCreateAgency(t, db, rd.ID, openinfo.AgencyUnit, "สำนักมาตรฐานการยื่นแบบ")
		if next.ID <= rd.ID {
			t.Fatalf("identity not advanced: %d after %d", next.ID, rd.ID)
		}
		// One bad record refuses the whole batch.
		bad := &store.Dataset{Agencies: []openinfo.Agency{
			{ID: 1, Type: openinfo.AgencyMinistry, NameTH: "กระทรวงพาณิชย์"},
			{ID: 2, ParentID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมพัฒนาธุรกิจการค้า", Contact: openinfo.Contact{Phones: []string{"abc"}}},
		}}
		if _, err := db.Import(ctx, bad, nil); err == nil {
			t.Fatal("import with a bad phone succeeded")
		}
		if _, total, _ := db.Agencies(ctx, store.AgencyFilter{}); total != 4 {
			t.Fatalf("agencies after refused import = %d, want 4", total)
		}
		// Demo data loads once.
		loaded, err := db.LoadDemoOnce(ctx, ds)
		if err != nil || loaded {
			t.Fatalf("demo loaded into a non-empty database: %v %v", loaded, err)
		}
	})
}
