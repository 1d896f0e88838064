package background_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/background"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// seed makes two agencies with a point each and n ratings over them.
func seed(t *testing.T, db *store.DB, n int) (*openinfo.Agency, []*openinfo.ServicePoint) {
	t.Helper()
	ctx := context.Background()
	var pts []*openinfo.ServicePoint
	var first *openinfo.Agency
	for i, name := range []string{"กรมการขนส่งทางบก", "กรมสรรพากร"} {
		a := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: name}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = a
		}
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: "จุดบริการ " + name, Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		pts = append(pts, p)
	}
	bkk := time.FixedZone("ICT", 7*3600)
	if _, err := db.LoadRatings(ctx, n, func(emit func(*openinfo.Rating) error) error {
		for i := 0; i < n; i++ {
			p := pts[i%2]
			r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: "qr",
				Answers: [5]int{1 + i%5, 2, 3, 4, 0}, CreatedAt: time.Date(2025, time.Month(1+i%12), 1+i%27, 9, 30, 0, 0, bkk),
				Respondent: openinfo.Respondent{Sex: "female"}}
			if i%9 == 0 {
				r.Comment = "=cmd|' /C calc'!A0 บริการดีมาก"
			}
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	return first, pts
}

// TestRunQueued: a queued export of the raw ratings is written in chunks
// by the runner and comes back byte for byte as the same export streamed
// in a request; the workbook opens with its Thai text and every row.
func TestRunQueued(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept, _ := seed(t, db, 500)
		f := store.RatingFilter{AgencyPath: dept.Path, FromMonth: 202501, ToMonth: 202512}
		var done []int64
		r := &background.Runner{DB: db, Kinds: background.Kinds(db), Owner: "node-1", Chunk: 1024, Every: 100,
			OnDone: func(e *store.Export, err error) {
				if err != nil && e.FileName != "x.csv" {
					t.Errorf("export %d: %v", e.ID, err)
				}
				done = append(done, e.ID)
			}}
		var ids []int64
		for _, format := range []string{"csv", "xlsx"} {
			e := &store.Export{UserID: 1, Kind: "ratings", Params: satisfaction.FilterParams(f).Encode(), Format: format, Lang: "th",
				FileName: "ratings." + format, Total: 250}
			if err := db.CreateExport(ctx, e); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		bad := &store.Export{UserID: 1, Kind: "ratings", Params: "path=%27%3B+DROP", Format: "csv", Lang: "th", FileName: "x.csv"}
		db.CreateExport(ctx, bad)
		if err := r.RunQueued(ctx); err != nil {
			t.Fatal(err)
		}
		if len(done) != 3 {
			t.Fatalf("ran %v", done)
		}
		read := func(id int64) []byte {
			var b bytes.Buffer
			for c, err := range db.ExportChunks(ctx, id) {
				if err != nil {
					t.Fatal(err)
				}
				if len(c) > 1024 {
					t.Fatalf("a chunk of %d bytes", len(c))
				}
				b.Write(c)
			}
			return b.Bytes()
		}
		var want bytes.Buffer
		if err := export.WriteCSV(&want, satisfaction.RawTable(ctx, db, f, "th")); err != nil {
			t.Fatal(err)
		}
		got := read(ids[0])
		if !bytes.Equal(got, want.Bytes()) || !bytes.Contains(got, []byte("'=cmd")) || bytes.Count(got, []byte("\r\n")) != 251 {
			t.Fatalf("background CSV (%d bytes) differs from the streamed one (%d bytes)", len(got), want.Len())
		}
		e, _ := db.Export(ctx, ids[0])
		if e.State != store.ExportDone || e.Done != 250 || e.Size != int64(len(got)) {
			t.Fatalf("export record %+v", e)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(read(ids[1])))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := wb.GetRows(wb.GetSheetList()[0])
		if err != nil || len(rows) != 251 || rows[0][3] != "หน่วยงาน" || rows[1][3] != "กรมการขนส่งทางบก" || rows[1][len(rows[1])-6] != "หญิง" {
			t.Fatalf("workbook: %d rows, %v; first %v", len(rows), err, rows[:min(2, len(rows))])
		}
		if e, _ := db.Export(ctx, bad.ID); e.State != store.ExportFailed || e.Error == "" {
			t.Fatalf("a bad export: %+v", e)
		}
	})
}
