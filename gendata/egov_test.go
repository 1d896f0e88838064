package gendata

import (
	"fmt"
	"hash/fnv"
	"slices"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// TestEgov: the national data set's Section 10/16 records are deterministic,
// each complete and signed within the year before asOf, and about 11 % of
// the agencies that must comply have both (seed 004), some with an older
// announcement superseded.
func TestEgov(t *testing.T) {
	ds, err := Generate(ScaleNational, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
	must := 0
	for _, a := range ds.Agencies {
		if slices.Contains(openinfo.DefaultEgovAgencyTypes, a.Type) && a.Status != openinfo.StatusInactive {
			must++
		}
	}
	run := func() (uint64, map[int64][2]int, int) {
		h := fnv.New64a()
		per := map[int64][2]int{} // agency → published records of section 10, 16
		drafts := 0
		err := Egov(ds, Offsets{}, 1, asOf, func(r *openinfo.EgovRecord) error {
			fmt.Fprint(h, *r)
			if r.State == openinfo.EgovDraft {
				drafts++
				return r.ValidateDraft(asOf)
			}
			if err := r.Validate(asOf); err != nil {
				t.Fatalf("%+v: %v", r, err)
			}
			if r.SignedOn.Before(asOf.AddDate(-2, 0, 0)) || r.PublishedAt.After(asOf) || r.PublishedAt.Before(r.SignedOn) {
				t.Fatalf("dates: signed %v, published %v", r.SignedOn, r.PublishedAt)
			}
			c := per[r.AgencyID]
			c[r.Section/16]++ // 10 → 0, 16 → 1
			per[r.AgencyID] = c
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return h.Sum64(), per, drafts
	}
	ha, per, drafts := run()
	if hb, _, _ := run(); ha != hb {
		t.Fatal("not deterministic")
	}
	both, superseded := 0, 0
	for _, c := range per {
		if c[0] > 0 && c[1] > 0 {
			both++
		}
		if c[0] > 1 {
			superseded++
		}
	}
	share := float64(both) / float64(must)
	t.Logf("%d agencies must comply; %d with both records (%.1f %%), %d with a superseded announcement, %d drafts", must, both, 100*share, superseded, drafts)
	if must < 7000 || share < 0.10 || share > 0.12 || superseded == 0 || drafts == 0 {
		t.Fatalf("%d must comply, share %.3f, %d superseded, %d drafts", must, share, superseded, drafts)
	}
}
