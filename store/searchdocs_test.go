package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/store"
)

// TestEachPublishedManual reads the published manuals as search sees them:
// with the parts of the content it indexes, or only the names (heads), for
// all or some processes; an error from fn stops the read and is returned.
func TestEachPublishedManual(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Import(ctx, importBatch(), nil); err != nil {
			t.Fatal(err)
		}
		got := map[int64]*store.ManualSearchDoc{}
		if err := db.EachPublishedManual(ctx, nil, func(m *store.ManualSearchDoc) error { got[m.ProcessID] = m; return nil }); err != nil {
			t.Fatal(err)
		}
		m := got[1]
		if len(got) != 2 || m == nil {
			t.Fatalf("manuals = %v", got)
		}
		want := importManual("การรับแจ้งการเกิด")
		if m.NameTH != "การรับแจ้งการเกิด" || m.AgencyName != "กรมการปกครอง" || !slices.Equal(m.CommonNames, []string{"แจ้งเกิด"}) ||
			len(m.Terms) != 2 || m.Content.Name != "การรับแจ้งการเกิด" || !m.HasText || m.Text != want.SearchText() ||
			!strings.Contains(m.Text, "ตรวจสอบเอกสาร") || !strings.Contains(m.Text, "พระราชบัญญัติการทะเบียนราษฎร") {
			t.Fatalf("manual 1 = %+v", m)
		}
		// A revision saved before the search text existed: its content is
		// decoded instead.
		if _, err := db.SQL().ExecContext(ctx, `UPDATE manual_revisions SET search_name = NULL, search_text = NULL`); err != nil {
			t.Fatal(err)
		}
		got = map[int64]*store.ManualSearchDoc{}
		if err := db.EachPublishedManual(ctx, nil, func(m *store.ManualSearchDoc) error { got[m.ProcessID] = m; return nil }); err != nil {
			t.Fatal(err)
		}
		c := got[1].Content
		if got[1].HasText || c.Name != "การรับแจ้งการเกิด" || len(c.LegalBases) != 1 || c.LegalBases[0].Name != "การทะเบียนราษฎร" ||
			c.LegalBases[0].Kind != "พระราชบัญญัติ" || len(c.Steps) != 1 || c.Steps[0].Detail != "ตรวจสอบเอกสาร" || c.SearchText() != want.SearchText() {
			t.Fatalf("manual 1 without search text = %+v", got[1])
		}
		// Migrate fills it in.
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		got = map[int64]*store.ManualSearchDoc{}
		if err := db.EachPublishedManual(ctx, nil, func(m *store.ManualSearchDoc) error { got[m.ProcessID] = m; return nil }); err != nil {
			t.Fatal(err)
		}
		if m := got[1]; len(got) != 2 || !m.HasText || m.Text != want.SearchText() || m.Content.Name != "การรับแจ้งการเกิด" {
			t.Fatalf("manual 1 after Migrate = %+v", m)
		}
		var heads []*store.ManualSearchDoc
		if err := db.EachPublishedManualHead(ctx, func(m *store.ManualSearchDoc) error { heads = append(heads, m); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(heads) != 2 || heads[0].NameTH == "" || heads[0].Content.Name != "" || len(heads[0].CommonNames) != 1 {
			t.Fatalf("heads = %+v", heads)
		}
		var ids []int64
		if err := db.EachPublishedManual(ctx, []int64{2}, func(m *store.ManualSearchDoc) error { ids = append(ids, m.ProcessID); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, []int64{2}) {
			t.Fatalf("manuals of [2] = %v", ids)
		}
		stop := errors.New("stop")
		calls := 0
		err := db.EachPublishedManual(ctx, nil, func(*store.ManualSearchDoc) error { calls++; return stop })
		if !errors.Is(err, stop) || calls != 1 {
			t.Fatalf("fn error: err %v after %d calls", err, calls)
		}
	})
}
