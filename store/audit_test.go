package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestCommittedChanges: the counter the web layer purges its page cache on
// moves for a committed change only, not for a refused one.
func TestCommittedChanges(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before := db.CommittedChanges()
		a := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมทดสอบ")
		if db.CommittedChanges() != before+1 {
			t.Fatalf("create: %d → %d", before, db.CommittedChanges())
		}
		stale := *a
		stale.Version = a.Version - 1 // refused as stale: rolled back
		stale.NameTH = "กรมทดสอบใหม่"
		if err := db.UpdateAgency(ctx, &stale); err == nil {
			t.Fatal("stale update accepted")
		}
		if db.CommittedChanges() != before+1 {
			t.Fatalf("a refused update counted: %d", db.CommittedChanges())
		}
	})
}
