package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestCatalogTerms: OPDC adds, renames, moves and retires terms; a taken
// code, a wrong parent and a stale save are refused.
func TestCatalogTerms(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		cats, _ := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
		tag := &openinfo.CatalogTerm{Kind: openinfo.CatalogTag, Code: " Driving-Licence ", NameTH: "ใบขับขี่", ParentID: cats[0].ID, Active: true}
		if err := db.CreateCatalogTerm(ctx, tag); err != nil {
			t.Fatal(err)
		}
		if tag.Code != "driving-licence" || tag.Version != 1 {
			t.Fatalf("created = %+v", tag)
		}
		dup := &openinfo.CatalogTerm{Kind: openinfo.CatalogTag, Code: "driving-licence", NameTH: "ซ้ำ", Active: true}
		if err := db.CreateCatalogTerm(ctx, dup); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("duplicate code: %v", err)
		}
		groups, _ := db.CatalogTerms(ctx, openinfo.CatalogUserGroup, false)
		bad := *tag
		bad.ParentID = groups[0].ID // a tag under a user group
		if err := db.UpdateCatalogTerm(ctx, &bad); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("wrong parent: %v", err)
		}
		upd := *tag
		upd.Kind = "" // the form does not post the kind: it never changes
		upd.NameEN, upd.Active = "Driving licence", false
		if err := db.UpdateCatalogTerm(ctx, &upd); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateCatalogTerm(ctx, tag); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("stale: %v", err)
		}
		active, _ := db.CatalogTerms(ctx, openinfo.CatalogTag, false)
		for _, x := range active {
			if x.ID == tag.ID {
				t.Fatal("a retired term is still offered")
			}
		}
		got, _ := db.CatalogTerm(ctx, tag.ID)
		if got.NameEN != "Driving licence" || got.Active || got.Version != 2 {
			t.Fatalf("after update = %+v", got)
		}
	})
}
