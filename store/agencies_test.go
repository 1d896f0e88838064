package store_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func mustCreateAgency(t *testing.T, db *store.DB, parent int64, typ openinfo.AgencyType, name string) *openinfo.Agency {
	t.Helper()
	a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name,
		Contact: openinfo.Contact{Phones: []string{"02-141-5555"}, Address: openinfo.Address{ProvinceCode: "10"}}}
	if err := db.CreateAgency(context.Background(), a); err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return a
}

func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	if openinfo.ErrorCode(err) != code {
		t.Fatalf("error = %v (code %q), want code %q", err, openinfo.ErrorCode(err), code)
	}
	e := err.(*openinfo.Error)
	if e.TH == "" || e.EN == "" {
		t.Fatalf("error %v lacks a Thai or English message", err)
	}
	if field == "" {
		return
	}
	for _, f := range e.Fields {
		if f.Field == field && f.TH != "" && f.EN != "" {
			return
		}
	}
	t.Fatalf("error %v does not name field %q with Thai and English messages", err, field)
}

func TestAgencyTree(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 7, Name: "สมชาย ใจดี", RequestID: "req-1"})
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dol := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมที่ดิน")
		cm := mustCreateAgency(t, db, dol.ID, openinfo.AgencyRegionalOffice, "สำนักงานที่ดินจังหวัดเชียงใหม่")
		branch := mustCreateAgency(t, db, cm.ID, openinfo.AgencyUnit, "สำนักงานที่ดินจังหวัดเชียงใหม่ สาขาสันทราย")

		got, err := db.Agency(ctx, branch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Depth != 3 || got.Path != "/"+itoa(moi.ID)+"/"+itoa(dol.ID)+"/"+itoa(cm.ID)+"/"+itoa(branch.ID)+"/" {
			t.Fatalf("path %q depth %d", got.Path, got.Depth)
		}
		if got.NameTH != "สำนักงานที่ดินจังหวัดเชียงใหม่ สาขาสันทราย" || got.Contact.Phones[0] != "021415555" {
			t.Fatalf("round trip: %+v", got)
		}
		anc, err := db.Ancestors(ctx, got)
		if err != nil || len(anc) != 3 || anc[0].ID != moi.ID || anc[2].ID != cm.ID {
			t.Fatalf("ancestors = %v, %v", anc, err)
		}
		under, total, err := db.Agencies(ctx, store.AgencyFilter{Under: dol.ID})
		if err != nil || total != 2 || len(under) != 2 {
			t.Fatalf("subtree of กรมที่ดิน = %d, %v", total, err)
		}

		// Move the provincial office (with its branch) directly under the ministry.
		cm.ParentID = moi.ID
		if err := db.UpdateAgency(ctx, cm); err != nil {
			t.Fatal(err)
		}
		got, _ = db.Agency(ctx, branch.ID)
		if got.Depth != 2 || got.Path != "/"+itoa(moi.ID)+"/"+itoa(cm.ID)+"/"+itoa(branch.ID)+"/" {
			t.Fatalf("after move: path %q depth %d", got.Path, got.Depth)
		}

		// Every change is audited with the actor and before/after.
		log, err := db.AuditLog(ctx, store.AuditFilter{EntityType: "agency", EntityID: cm.ID})
		if err != nil || len(log) != 2 {
			t.Fatalf("audit = %v, %v", log, err)
		}
		if log[0].Action != "agency.update" || log[0].ActorID != 7 || log[0].ActorName != "สมชาย ใจดี" || log[0].RequestID != "req-1" {
			t.Fatalf("audit entry = %+v", log[0])
		}
		var before, after openinfo.Agency
		if json.Unmarshal([]byte(log[0].Before), &before) != nil || json.Unmarshal([]byte(log[0].After), &after) != nil ||
			before.ParentID != dol.ID || after.ParentID != moi.ID {
			t.Fatalf("audit before/after = %s / %s", log[0].Before, log[0].After)
		}
	})
}

func TestAgencyInvalidInputKeepsData(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dopa := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
		district := mustCreateAgency(t, db, dopa.ID, openinfo.AgencyDistrict, "ที่ว่าการอำเภอเมืองเชียงใหม่")

		// Unknown parent.
		err := db.CreateAgency(ctx, &openinfo.Agency{ParentID: 99999, Type: openinfo.AgencyDepartment, NameTH: "กรมใหม่"})
		wantCode(t, err, openinfo.EINVALID, "parent_id")
		// Empty Thai name, malformed phone, bad e-mail: all reported at once.
		err = db.CreateAgency(ctx, &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "  \u200b ",
			Contact: openinfo.Contact{Phones: []string{"02-12"}, Email: "saraban@"}})
		wantCode(t, err, openinfo.EINVALID, "name_th")
		wantCode(t, err, openinfo.EINVALID, "phones")
		wantCode(t, err, openinfo.EINVALID, "email")
		// Unknown type.
		err = db.CreateAgency(ctx, &openinfo.Agency{Type: "kingdom", NameTH: "กรมใหม่"})
		wantCode(t, err, openinfo.EINVALID, "type")

		// A cycle: the department under its own district office, or under itself.
		d := *dopa
		d.ParentID = district.ID
		wantCode(t, db.UpdateAgency(ctx, &d), openinfo.EINVALID, "parent_id")
		d.ParentID = dopa.ID
		wantCode(t, db.UpdateAgency(ctx, &d), openinfo.EINVALID, "parent_id")
		// A malformed phone on update.
		d = *dopa
		d.Contact.Phones = []string{"โทร 123"}
		wantCode(t, db.UpdateAgency(ctx, &d), openinfo.EINVALID, "phones")

		// A stale save: two officers opened version 1; the second save is refused.
		first, second := *district, *district
		first.NameEN = "Mueang Chiang Mai District Office"
		if err := db.UpdateAgency(ctx, &first); err != nil {
			t.Fatal(err)
		}
		second.NameEN = "overwritten"
		wantCode(t, db.UpdateAgency(ctx, &second), openinfo.ECONFLICT, "")

		// Nothing saved before was lost or changed.
		all, total, err := db.Agencies(ctx, store.AgencyFilter{WithInactive: true})
		if err != nil || total != 3 {
			t.Fatalf("agencies after refused input: %d, %v", total, err)
		}
		for _, a := range all {
			switch a.ID {
			case dopa.ID:
				if a.ParentID != moi.ID || a.Version != 1 || len(a.Contact.Phones) != 1 {
					t.Fatalf("department changed by a refused update: %+v", a)
				}
			case district.ID:
				if a.NameEN != "Mueang Chiang Mai District Office" || a.Version != 2 {
					t.Fatalf("district office = %+v", a)
				}
			}
		}
		if log, _ := db.AuditLog(ctx, store.AuditFilter{}); len(log) != 4 {
			t.Fatalf("refused changes must not be audited: %d entries", len(log))
		}
	})
}

func TestAgencyDirectory(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, n := range []string{"เทศบาลนครเชียงใหม่", "องค์การบริหารส่วนตำบลแม่เหียะ", "เทศบาลตำบลสุเทพ", "กรุงเทพมหานคร"} {
			typ := openinfo.AgencyMunicipality
			if strings.HasPrefix(n, "องค์การ") {
				typ = openinfo.AgencySAO
			}
			a := &openinfo.Agency{Type: typ, NameTH: n, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "50"}}}
			if n == "กรุงเทพมหานคร" {
				a.Type, a.Contact.Address.ProvinceCode = openinfo.AgencySpecialLocal, "10"
			}
			if err := db.CreateAgency(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		list, total, err := db.Agencies(ctx, store.AgencyFilter{Province: "50"})
		if err != nil || total != 3 {
			t.Fatalf("by province: %d, %v", total, err)
		}
		// Thai order: กรุงเทพ… is absent; ตำบล… (ต) before เทศบาล… (ท) before องค์การ… (อ), the
		// leading เ sorted after its consonant.
		want := []string{"เทศบาลตำบลสุเทพ", "เทศบาลนครเชียงใหม่", "องค์การบริหารส่วนตำบลแม่เหียะ"}
		for i, a := range list {
			if a.NameTH != want[i] {
				t.Fatalf("order = %v", names(list))
			}
		}
		page, total, err := db.Agencies(ctx, store.AgencyFilter{Type: openinfo.AgencyMunicipality, Limit: 1, Offset: 1})
		if err != nil || total != 2 || len(page) != 1 || page[0].NameTH != "เทศบาลนครเชียงใหม่" {
			t.Fatalf("page 2 of municipalities = %v, %d, %v", names(page), total, err)
		}
		if _, total, _ := db.Agencies(ctx, store.AgencyFilter{Roots: true, ExcludeTypes: []openinfo.AgencyType{openinfo.AgencySAO, openinfo.AgencyMunicipality}}); total != 1 {
			t.Fatalf("roots without local governments = %d, want 1 (กรุงเทพมหานคร)", total)
		}
		found, _, err := db.Agencies(ctx, store.AgencyFilter{Query: "แม่เหียะ"})
		if err != nil || len(found) != 1 {
			t.Fatalf("name query = %v, %v", names(found), err)
		}
		if found, _, _ = db.Agencies(ctx, store.AgencyFilter{Query: "%"}); len(found) != 0 {
			t.Fatalf("a %% query must match literally, got %v", names(found))
		}
		byType, byProvince, err := db.AgencyCounts(ctx)
		if err != nil || len(byType) != 3 || len(byProvince) != 2 {
			t.Fatalf("counts = %v %v %v", byType, byProvince, err)
		}

		// An inactive agency leaves the directory but stays readable.
		a := list[0]
		a.Status = openinfo.StatusInactive
		if err := db.UpdateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, total, _ = db.Agencies(ctx, store.AgencyFilter{Province: "50"}); total != 2 {
			t.Fatalf("inactive agency still listed: %d", total)
		}
		if got, err := db.Agency(ctx, a.ID); err != nil || got.Status != openinfo.StatusInactive {
			t.Fatalf("inactive agency = %v, %v", got, err)
		}
		if _, err := db.Agency(ctx, 424242); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("missing agency: %v", err)
		}
	})
}

func names(as []*openinfo.Agency) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.NameTH)
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
