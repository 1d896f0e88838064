package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestAgencyProcesses: an agency's processes in their sort order, bounded,
// and none of another agency's.
func TestAgencyProcesses(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการปกครอง")
		b := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมที่ดิน")
		for _, p := range []*openinfo.Process{
			{AgencyID: a.ID, NameTH: "การแจ้งย้ายที่อยู่", NameEN: "Change of address"},
			{AgencyID: b.ID, NameTH: "การจดทะเบียนสิทธิ"},
			{AgencyID: a.ID, NameTH: "การจดทะเบียนสมรส"},
			{AgencyID: a.ID, NameTH: "การทำบัตรประชาชน"},
		} {
			if err := db.CreateProcess(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		all, err := db.AgencyProcesses(ctx, a.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, p := range all {
			names[p.TH] = p.EN
		}
		if len(all) != 3 || names["การแจ้งย้ายที่อยู่"] != "Change of address" || all[0].ID == 0 {
			t.Fatalf("AgencyProcesses(a, 10) = %+v", all)
		}
		for i := 1; i < len(all); i++ {
			if openinfo.SortKey(all[i-1].TH) > openinfo.SortKey(all[i].TH) {
				t.Errorf("not in sort order: %q before %q", all[i-1].TH, all[i].TH)
			}
		}
		if two, err := db.AgencyProcesses(ctx, a.ID, 2); err != nil || len(two) != 2 || two[0] != all[0] || two[1] != all[1] {
			t.Errorf("AgencyProcesses(a, 2) = %+v, %v", two, err)
		}
	})
}
