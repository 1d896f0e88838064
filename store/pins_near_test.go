package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestPinnedNear: a manual's points by province, and the points of one
// province first, then those with no address, then the rest; hidden points
// never.
func TestPinnedNear(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการปกครอง")
		mk := func(name, prov string, visible bool) *openinfo.ServicePoint {
			p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: name, Kind: openinfo.PointCounter, Visible: visible, Address: openinfo.Address{ProvinceCode: prov}}
			if prov == "" {
				p.Kind, p.URL = openinfo.PointOnline, "https://q.dopa.go.th"
			}
			if err := db.CreateServicePoint(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		bkk, cm1, cm2, online, hidden := mk("ก สำนักทะเบียนเขตบางรัก", "10", true), mk("ข สำนักทะเบียนอำเภอเมืองเชียงใหม่", "50", true),
			mk("ค สำนักทะเบียนอำเภอสันทราย", "50", true), mk("ง จองคิวออนไลน์", "", true), mk("จ ที่ปิดแล้ว", "50", false)
		proc := &openinfo.Process{AgencyID: a.ID, NameTH: "การจดทะเบียนสมรส"}
		if err := db.CreateProcess(ctx, proc); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Pin(ctx, store.PinProcess, proc.ID, []int64{bkk.ID, cm1.ID, cm2.ID, online.ID, hidden.ID}); err != nil {
			t.Fatal(err)
		}
		counts, err := db.PinnedProvinces(ctx, store.PinProcess, proc.ID)
		if err != nil || len(counts) != 3 || counts[0] != (store.ProvinceCount{Province: "", N: 1}) ||
			counts[1] != (store.ProvinceCount{Province: "10", N: 1}) || counts[2] != (store.ProvinceCount{Province: "50", N: 2}) {
			t.Fatalf("provinces = %+v, %v", counts, err)
		}
		points, total, err := db.PinnedPointsIn(ctx, store.PinProcess, proc.ID, "50", 10, 0)
		if err != nil || total != 4 || len(points) != 4 {
			t.Fatalf("%d of %d, %v", len(points), total, err)
		}
		for i, want := range []int64{cm1.ID, cm2.ID, online.ID, bkk.ID} {
			if points[i].ID != want {
				t.Errorf("point %d = %s", i, points[i].NameTH)
			}
		}
	})
}
