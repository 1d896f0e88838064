package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/store"
)

// TestLegacyLinks: after importing the example bundle, info.go.th's old
// manual links redirect (301) to the new manual page, and the code on an
// old poster's QR code still rates the same service point.
func TestLegacyLinks(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "legacy.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(ctx, db, "../testdata/bundle/example", importer.Options{})
	if err != nil || res.Refused() != 0 {
		t.Fatalf("import: %v %v", err, res.Issues)
	}
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(testLogWriter{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	f := &rateFixture{srv: srv, db: db}
	c := noRedirect()

	var process int64
	if err := db.SQL().QueryRow(`SELECT local_id FROM bundle_ids WHERE entity = 'processes' AND legacy_id = 'PROC-2559-000123'`).Scan(&process); err != nil {
		t.Fatal(err)
	}
	manual := "/manuals/" + strconv.FormatInt(process, 10)
	for _, path := range []string{
		"/procedure/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/view",
		"/procedure/6F1C2D3E-4B5A-4C7D-8E9F-0A1B2C3D4E5F/view",
		"/procedure/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
		"/procedure/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/print",
	} {
		st, _, res := f.getPage(t, c, path)
		if st != http.StatusMovedPermanently || res.Header.Get("Location") != manual {
			t.Errorf("%s: %d → %q, want 301 → %s", path, st, res.Header.Get("Location"), manual)
		}
	}
	st, body, _ := f.getPage(t, c, manual)
	if st != 200 || !strings.Contains(body, "การขอมีบัตรประจำตัวประชาชนใหม่ กรณีบัตรหมดอายุ") || !strings.Contains(body, "ลดระยะเวลาตรวจสอบเอกสาร") {
		t.Errorf("the new manual page: %d", st)
	}
	if st, _, _ := f.getPage(t, c, "/procedure/00000000-0000-0000-0000-000000000000/view"); st != http.StatusNotFound {
		t.Errorf("an unknown old link: %d, want 404", st)
	}
	if st, _, res := f.getPage(t, c, "/page/faq.html"); st != http.StatusMovedPermanently || res.Header.Get("Location") != "/faq" {
		t.Errorf("old FAQ: %d %s", st, res.Header.Get("Location"))
	}

	// The old poster's code CM0001 rates point SP-50-0001, directly and
	// through the old survey link.
	var point int64
	if err := db.SQL().QueryRow(`SELECT local_id FROM bundle_ids WHERE entity = 'service_points' AND legacy_id = 'SP-50-0001'`).Scan(&point); err != nil {
		t.Fatal(err)
	}
	if st, _, res := f.getPage(t, c, "/survey/cm0001"); st != http.StatusMovedPermanently || res.Header.Get("Location") != "/rate/CM0001" {
		t.Errorf("old survey link: %d %s", st, res.Header.Get("Location"))
	}
	st, body, _ = f.getPage(t, c, "/rate/CM0001")
	if st != 200 || !strings.Contains(body, "งานทะเบียนและบัตร อำเภอเมืองเชียงใหม่") {
		t.Fatalf("old code's rating form: %d", st)
	}
	before := f.count(t)
	st, _, res2 := f.post(t, c, "/rate/CM0001", goodAnswers())
	if st != http.StatusSeeOther || !strings.HasSuffix(res2.Header.Get("Location"), "/thanks") {
		t.Fatalf("rating with the old code: %d %s", st, res2.Header.Get("Location"))
	}
	if f.count(t) != before+1 {
		t.Fatal("the rating was not stored")
	}
	rs, err := db.Ratings(ctx, store.RatingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if last := rs[len(rs)-1]; last.PointID != point || last.Comment != "เจ้าหน้าที่บริการดีมาก ขอบคุณครับ" {
		t.Errorf("the old code rated point %d, want %d", last.PointID, point)
	}
}
