package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// loadExportRatings loads n ratings over the fixture's three points in 2025.
func loadExportRatings(t *testing.T, db *store.DB, f ratingFixture, n int) {
	t.Helper()
	pts := []*openinfo.ServicePoint{f.deptPoint, f.officePoint, f.forPoint}
	bkk := time.FixedZone("ICT", 7*3600)
	if _, err := db.LoadRatings(context.Background(), n, func(emit func(*openinfo.Rating) error) error {
		for i := 0; i < n; i++ {
			p := pts[i%3]
			r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: "qr",
				Answers:   [5]int{1 + i%5, 1 + i%4, 1 + i%3, 5, 0},
				CreatedAt: time.Date(2025, time.Month(1+i%12), 1+i%27, 9, 0, 0, 0, bkk)}
			if i%4 == 0 {
				r.Respondent = openinfo.Respondent{Sex: "female", Age: "30-39"}
			}
			if i%10 == 0 {
				r.Comment = "=HYPERLINK(\"x\") ดีมาก"
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

// TestRatingRows: the export's cursor yields exactly the raw ratings the
// filter selects, in id order, with names and the profile decoded; the
// count agrees; the literal SQL handed to the databases' own dumps is the
// same query.
func TestRatingRows(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		loadExportRatings(t, db, f, 600)
		for _, fl := range []store.RatingFilter{{}, {AgencyPath: f.dept.Path}, {PointID: f.forPoint.ID},
			{AgencyPath: f.dept.Path, FromMonth: 202503, ToMonth: 202506}} {
			want, err := db.Ratings(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			var got []store.RatingRow
			for r, err := range db.RatingRows(ctx, fl) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, *r)
			}
			n, err := db.CountRatingRows(ctx, fl)
			if err != nil || n != int64(len(want)) || len(got) != len(want) || len(want) == 0 {
				t.Fatalf("%+v: %d rows, count %d, want %d (%v)", fl, len(got), n, len(want), err)
			}
			for i := range want {
				w, g := want[i], got[i]
				if g.ID != w.ID || g.Answers != w.Answers || g.Comment != w.Comment || g.Respondent != w.Respondent || !g.At.Equal(w.CreatedAt) {
					t.Fatalf("row %d: %+v, want %+v", i, g, w)
				}
				wantPoint := map[int64]string{f.deptPoint.ID: "ศูนย์บริการกรม", f.officePoint.ID: "งานทะเบียนรถ", f.forPoint.ID: "สำนักงานสรรพากรพื้นที่"}[w.PointID]
				if g.Point != wantPoint || g.Agency == "" {
					t.Fatalf("row %d names: %q %q", i, g.Agency, g.Point)
				}
			}
		}
		// The same query with its arguments written in answers the same.
		fl := store.RatingFilter{AgencyPath: f.dept.Path, FromMonth: 202503, ToMonth: 202506, Suspect: store.SuspectExclude}
		q := store.RatingExportSQL(fl)
		if strings.Contains(q, "$") || !strings.Contains(q, "'"+f.dept.Path+"%'") || !strings.Contains(q, ">= 202503") {
			t.Fatalf("literal SQL: %s", q)
		}
		var lit int
		rows, err := db.SQL().QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			lit++
		}
		rows.Close()
		if n, _ := db.CountRatingRows(ctx, fl); int64(lit) != n {
			t.Fatalf("literal SQL: %d rows, want %d", lit, n)
		}
	})
}

// TestExportLifecycle: a queued export is claimed by one runner, written
// in chunks, finished and read back; a runner presumed dead loses it to
// another, which starts again; a failure drops the chunks; a day later
// it is pruned.
func TestExportLifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := &store.Export{UserID: 7, Kind: "ratings", Params: "from=202501", Format: "csv", Lang: "th", FileName: "ratings.csv", Total: 10}
		if err := db.CreateExport(ctx, e); err != nil || e.ID == 0 || e.State != store.ExportQueued {
			t.Fatalf("create: %+v %v", e, err)
		}
		a, err := db.ClaimExport(ctx, "node-a", time.Minute)
		if err != nil || a == nil || a.ID != e.ID || a.State != store.ExportRunning {
			t.Fatalf("claim: %+v %v", a, err)
		}
		if b, err := db.ClaimExport(ctx, "node-b", time.Minute); err != nil || b != nil {
			t.Fatalf("a running export was claimed again: %+v %v", b, err)
		}
		if err := db.AddExportChunk(ctx, e.ID, 0, []byte("old")); err != nil {
			t.Fatal(err)
		}
		// node-a goes silent: with a zero staleness node-b takes it over
		// and starts from nothing; node-a's late writes are refused.
		b, err := db.ClaimExport(ctx, "node-b", 0)
		if err != nil || b == nil || b.ID != e.ID {
			t.Fatalf("take-over: %+v %v", b, err)
		}
		if err := db.ExportProgress(ctx, e.ID, "node-a", 5); err == nil {
			t.Fatal("the old runner's progress was accepted")
		}
		parts := []string{"id,name\r\n", "1,ก\r\n", "2,ข\r\n"}
		for i, p := range parts {
			if err := db.AddExportChunk(ctx, e.ID, i, []byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ExportProgress(ctx, e.ID, "node-b", 2); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishExport(ctx, e.ID, "node-a", 2, 20, nil); err == nil {
			t.Fatal("the old runner finished it")
		}
		if err := db.FinishExport(ctx, e.ID, "node-b", 2, int64(len(strings.Join(parts, ""))), nil); err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		for c, err := range db.ExportChunks(ctx, e.ID) {
			if err != nil {
				t.Fatal(err)
			}
			file.Write(c)
		}
		if file.String() != strings.Join(parts, "") {
			t.Fatalf("file %q", file.String())
		}
		got, err := db.Export(ctx, e.ID)
		if err != nil || got.State != store.ExportDone || got.Done != 2 || got.Size != int64(file.Len()) || got.Finished.IsZero() {
			t.Fatalf("finished: %+v %v", got, err)
		}
		if list, _ := db.UserExports(ctx, 7); len(list) != 1 || list[0].ID != e.ID {
			t.Fatalf("user's exports: %+v", list)
		}
		if list, _ := db.UserExports(ctx, 8); len(list) != 0 {
			t.Fatalf("another user's exports: %+v", list)
		}
		// A failed run keeps no file.
		e2 := &store.Export{UserID: 7, Kind: "ratings", Format: "xlsx", Lang: "en", FileName: "r.xlsx"}
		db.CreateExport(ctx, e2)
		if c, _ := db.ClaimExport(ctx, "node-a", time.Minute); c == nil || c.ID != e2.ID {
			t.Fatalf("second claim: %+v", c)
		}
		db.AddExportChunk(ctx, e2.ID, 0, []byte("part"))
		if err := db.FinishExport(ctx, e2.ID, "node-a", 0, 0, errors.New("the database went away")); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Export(ctx, e2.ID); got.State != store.ExportFailed || got.Error != "the database went away" {
			t.Fatalf("failed: %+v", got)
		}
		for range db.ExportChunks(ctx, e2.ID) {
			t.Fatal("a failed export kept its chunks")
		}
		// Nothing is pruned before its day is over.
		if n, err := db.PruneExports(ctx); err != nil || n != 0 {
			t.Fatalf("pruned %d early: %v", n, err)
		}
		if _, err := db.SQL().ExecContext(ctx, `UPDATE exports SET expires_at = $1`, time.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.PruneExports(ctx); err != nil || n != 2 {
			t.Fatalf("pruned %d: %v", n, err)
		}
		if _, err := db.Export(ctx, e.ID); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("pruned export: %v", err)
		}
		var chunks int
		db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM export_chunks`).Scan(&chunks)
		if chunks != 0 {
			t.Fatal(fmt.Sprint(chunks, " chunks left after pruning"))
		}
	})
}
