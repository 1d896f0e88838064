package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// TestLoadEgovRecords: the generated records load on both databases; the
// dashboard counts exactly the agencies the generator gave both records,
// an older announcement is superseded by the newer, and each agency has
// one current record per section.
func TestLoadEgovRecords(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ds, err := gendata.Generate(gendata.ScaleSmall, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Import(ctx, &store.Dataset{Agencies: ds.Agencies}, nil)
		if err != nil {
			t.Fatal(err)
		}
		asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
		off := gendata.Offsets{Agency: res.AgencyOffset}
		// An older announcement first: the loader supersedes it.
		first := ds.Agencies[0]
		old := &openinfo.EgovRecord{AgencyID: first.ID + off.Agency, Section: openinfo.EgovSection10, State: openinfo.EgovPublished,
			Title: "ประกาศฉบับเดิม", SignedOn: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), URL: "https://www.example.go.th/old.pdf",
			PublishedAt: time.Date(2024, 1, 12, 10, 0, 0, 0, thaitime.Bangkok),
			Items:       []openinfo.EgovItem{{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: "https://www.example.go.th"}}}
		newer := *old
		newer.Title, newer.SignedOn, newer.PublishedAt = "ประกาศฉบับใหม่", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 3, 10, 0, 0, 0, thaitime.Bangkok)
		both := map[int64][2]bool{}
		n, err := db.LoadEgovRecords(ctx, func(emit func(*openinfo.EgovRecord) error) error {
			if err := emit(old); err != nil {
				return err
			}
			if err := emit(&newer); err != nil {
				return err
			}
			return gendata.Egov(ds, off, 1, asOf, func(r *openinfo.EgovRecord) error {
				if r.State == openinfo.EgovPublished && r.AgencyID != first.ID+off.Agency {
					b := both[r.AgencyID]
					b[r.Section/16] = true
					both[r.AgencyID] = b
				}
				return emit(r)
			})
		})
		if err != nil || n < 10 {
			t.Fatalf("loaded %d: %v", n, err)
		}
		want := 0
		for _, b := range both {
			if b[0] && b[1] {
				want++
			}
		}
		c, err := db.EgovCompliance(ctx, openinfo.DefaultEgovSettings())
		if err != nil {
			t.Fatal(err)
		}
		if c.Both != want || want == 0 || c.Total < 10*want/2 {
			t.Fatalf("dashboard: %d of %d with both, want %d", c.Both, c.Total, want)
		}
		got, err := db.EgovRecord(ctx, old.ID)
		if err != nil || got.State != openinfo.EgovSuperseded || got.SupersededBy != newer.ID || got.EndedAt.IsZero() {
			t.Fatalf("the older announcement: %+v %v", got, err)
		}
		s10, _, err := db.CurrentEgov(ctx, first.ID+off.Agency)
		if err != nil || s10 == nil || s10.ID != newer.ID || len(s10.Items) != 1 {
			t.Fatalf("current: %+v %v", s10, err)
		}
	})
}
