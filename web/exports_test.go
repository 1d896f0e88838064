package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/report/background"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// finishedExport makes a finished one-chunk export owned by user.
func finishedExport(t *testing.T, db *store.DB, user int64) int64 {
	t.Helper()
	ctx := context.Background()
	e := &store.Export{UserID: user, Kind: "ratings", Format: "csv", Lang: "th", FileName: "ratings.csv"}
	if err := db.CreateExport(ctx, e); err != nil {
		t.Fatal(err)
	}
	db.SQL().ExecContext(ctx, `UPDATE exports SET state = 'running', runner = 'test' WHERE id = $1`, e.ID)
	if err := db.AddExportChunk(ctx, e.ID, 0, []byte("\xEF\xBB\xBFid\r\n")); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishExport(ctx, e.ID, "test", 0, 5, nil); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// loadFixtureRatings loads n ratings of 2025 at the department's and the
// office's points, and the foreign agency's.
func loadFixtureRatings(t *testing.T, f *adminFixture, n int) {
	t.Helper()
	pts := []*openinfo.ServicePoint{f.deptPoint, f.officePt, f.foreignPt}
	bkk := time.FixedZone("ICT", 7*3600)
	if _, err := f.db.LoadRatings(context.Background(), n, func(emit func(*openinfo.Rating) error) error {
		for i := range n {
			p := pts[i%3]
			r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: "qr", Answers: [5]int{5, 4, 3, 2, 0},
				CreatedAt: time.Date(2025, time.Month(1+i%9), 2, 10, 0, 0, 0, bkk)}
			if i%5 == 0 {
				r.Comment = "@SUM(A1) ขอบคุณค่ะ"
			}
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestRawRatingsExport: every rating of a scope and period downloads as CSV
// in the request when there are few; above the limit the officer is
// offered a background export, which the runner writes and only they can
// download, byte for byte the same file.
func TestRawRatingsExport(t *testing.T) {
	f := newAdminFixture(t, func(c *Config) { c.ExportStreamRows = 100 })
	ctx := context.Background()
	loadFixtureRatings(t, f, 120) // 80 in the department's subtree, 40 at the foreign agency
	central := f.as(t, openinfo.RoleCentral, f.dept)
	q := fmt.Sprintf("?agency=%d&period=2568", f.dept.ID)

	st, body, h := fetch(t, central, f.srv.URL+"/admin/reports/ratings/raw.csv"+q)
	if st != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Fatalf("raw CSV: %d %v\n%s", st, h, body)
	}
	text := string(body)
	if n := strings.Count(text, "\r\n"); n != 81 || strings.Contains(text, "กรมสรรพากร") || !strings.Contains(text, "'@SUM(A1) ขอบคุณค่ะ") ||
		!strings.Contains(text, "งานทะเบียนรถ ขนส่งเชียงใหม่") {
		t.Fatalf("raw CSV: %d lines\n%s", n, text[:min(len(text), 600)])
	}
	if st, _, _ := fetch(t, central, f.srv.URL+fmt.Sprintf("/admin/reports/ratings/raw.csv?agency=%d&period=2568", f.foreign.ID)); st != http.StatusForbidden {
		t.Fatalf("another agency's ratings: %d", st)
	}
	if st, body, _ := fetch(t, central, f.srv.URL+"/admin/reports/ratings/raw.csv"+q+"x"); st != http.StatusBadRequest {
		t.Fatalf("a bad period: %d\n%s", st, body)
	}

	// OPDC's country: 120 rows, over the limit of 100.
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	st, body, _ = fetch(t, opdc, f.srv.URL+"/admin/reports/ratings/raw.xlsx?period=2568")
	page := string(body)
	if st != 200 || !strings.Contains(page, `action="/admin/exports"`) || !strings.Contains(page, `name="format" value="xlsx"`) || !strings.Contains(page, "120") {
		t.Fatalf("offer: %d\n%s", st, page)
	}
	st, _, loc := postForm(t, opdc, f.srv.URL+"/admin/exports", url.Values{"format": {"csv"}, "period": {"2568"}})
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/exports?queued=") {
		t.Fatalf("queue: %d %s", st, loc)
	}
	st, body, h = fetch(t, opdc, f.srv.URL+loc)
	if st != 200 || h.Get("Refresh") == "" || !strings.Contains(string(body), "รอคิว") {
		t.Fatalf("exports page while queued: %d %v\n%s", st, h, body)
	}
	r := &background.Runner{DB: f.db, Kinds: background.Kinds(f.db), Owner: "test-node"}
	if err := r.RunQueued(ctx); err != nil {
		t.Fatal(err)
	}
	st, body, h = fetch(t, opdc, f.srv.URL+"/admin/exports")
	id := strings.TrimPrefix(loc, "/admin/exports?queued=")
	link := "/admin/exports/" + id + "/download"
	if st != 200 || h.Get("Refresh") != "" || !strings.Contains(string(body), link) || !strings.Contains(string(body), "พร้อมดาวน์โหลด") {
		t.Fatalf("exports page when done: %d\n%s", st, body)
	}
	st, file, h := fetch(t, opdc, f.srv.URL+link)
	var want bytes.Buffer
	from, to := openinfo.Period{Kind: openinfo.PeriodFY, FY: 2568}.Months()
	export.WriteCSV(&want, satisfaction.RawTable(ctx, f.db, store.RatingFilter{FromMonth: from, ToMonth: to}, "th"))
	if st != 200 || !bytes.Equal(file, want.Bytes()) || bytes.Count(file, []byte("\r\n")) != 121 {
		t.Fatalf("download: %d, %d bytes, want %d; equal %v, lines %d, length %q", st, len(file), want.Len(), bytes.Equal(file, want.Bytes()), bytes.Count(file, []byte("\r\n")), h.Get("Content-Length"))
	}
	// Nobody else downloads it, not even another OPDC officer.
	if st, _, _ := fetch(t, f.as(t, openinfo.RoleOPDC, nil), f.srv.URL+link); st != http.StatusNotFound {
		t.Fatalf("another officer's download: %d", st)
	}
	// Queuing is checked as the page is: a central officer cannot queue another agency's ratings.
	if st, _, _ := postForm(t, central, f.srv.URL+"/admin/exports", url.Values{"format": {"csv"}, "agency": {fmt.Sprint(f.foreign.ID)}}); st != http.StatusForbidden {
		t.Fatalf("queue another agency's: %d", st)
	}
	if st, _, _ := postForm(t, opdc, f.srv.URL+"/admin/exports", url.Values{"format": {"pdf"}}); st != http.StatusBadRequest {
		t.Fatalf("queue a pdf: %d", st)
	}
}
