package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

const example = "../testdata/bundle/example"

// readDir reads every file of a bundle directory.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() { // files/
			for name, text := range readDir(t, filepath.Join(dir, e.Name())) {
				files[e.Name()+"/"+name] = text
			}
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

func mustImport(t *testing.T, db *store.DB, path string, opt importer.Options) *importer.Result {
	t.Helper()
	res, err := importer.Import(context.Background(), db, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustExport(t *testing.T, db *store.DB, path string) {
	t.Helper()
	if _, err := importer.Export(context.Background(), db, path, "openinfo", nil); err != nil {
		t.Fatal(err)
	}
}

func counts(res *importer.Result) map[bundle.Entity]importer.Counts {
	out := map[bundle.Entity]importer.Counts{}
	for e, c := range res.Counts {
		if c.Total() > 0 {
			out[e] = *c
		}
	}
	return out
}

// TestRoundTrip: a database with records made here (the demo's agencies
// and points) and imported ones (the example bundle) is exported, imported
// into an empty database and exported again: the files are identical.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		demo := gendata.Demo()
		if _, err := db.Import(ctx, &store.Dataset{Agencies: demo.Agencies, Points: demo.Points}, nil); err != nil {
			t.Fatal(err)
		}
		res := mustImport(t, db, example, importer.Options{})
		if n := res.Refused(); n != 0 {
			t.Fatalf("example refused %d: %v", n, res.Issues)
		}
		dir := t.TempDir()
		first := filepath.Join(dir, "first")
		mustExport(t, db, first)

		empty := dbtest.Open(t, filepath.Join(t.TempDir(), "empty.db"))
		if db.Dialect() == store.Postgres {
			empty = dbtest.Open(t, pgtest.NewDatabase(t, migrate))
		}
		res = mustImport(t, empty, first, importer.Options{})
		if n := res.Refused(); n != 0 {
			t.Fatalf("round trip refused %d: %v", n, res.Issues)
		}
		second := filepath.Join(dir, "second.zip")
		mustExport(t, empty, second)
		unz := filepath.Join(dir, "second")
		unzip(t, second, unz)
		a, b := readDir(t, first), readDir(t, unz)
		if len(a) != len(bundle.Entities)+1+3 { // a manifest and 3 files
			t.Errorf("first export has %d files", len(a))
		}
		for name, text := range a {
			if b[name] != text {
				t.Errorf("%s differs after the round trip:\n%.400s\n---\n%.400s", name, text, b[name])
			}
		}
		if !strings.Contains(a["agencies.jsonl"], `"source":"backend.info.go.th","legacy_id":"ORG-0107"`) ||
			!strings.Contains(a["agencies.jsonl"], `"source":"openinfo","legacy_id":"1"`) {
			t.Error("the export lost the imported or the local keys")
		}
	})
}

func migrate(dsn string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx)
}

func unzip(t *testing.T, zipPath, dir string) {
	t.Helper()
	b, err := bundle.Open(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	w, err := bundle.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range bundle.Entities {
		if err := w.Begin(e); err != nil {
			t.Fatal(err)
		}
		if err := b.Each(e, func(l bundle.Line) error {
			rec, issues := bundle.Parse(e, l.Bytes)
			if len(issues) > 0 {
				t.Fatalf("%s:%d: %v", e, l.No, issues)
			}
			for _, f := range bundle.FileRefs(rec) {
				r, err := b.OpenFile(f.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				data, _ := io.ReadAll(r)
				r.Close()
				if err := w.File(f.SHA256, data); err != nil {
					t.Fatal(err)
				}
			}
			return w.Write(rec)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestIdempotentAndUpdate: the same bundle twice changes nothing; a newer
// bundle with one manual and one point changed updates those two.
func TestIdempotentAndUpdate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		res := mustImport(t, db, example, importer.Options{})
		if c := res.Counts[bundle.Processes]; c.Created != 2 || c.Refused != 0 {
			t.Fatalf("first import: %+v %v", c, res.Issues)
		}
		changes := db.CommittedChanges()
		res = mustImport(t, db, example, importer.Options{})
		for e, c := range res.Counts {
			if c.Created+c.Updated+c.Refused != 0 {
				t.Errorf("second import changed %s: %+v", e, *c)
			}
		}
		if db.CommittedChanges() != changes {
			t.Error("the second import committed an audited change")
		}
		newer := copyBundle(t, example)
		edit(t, newer, bundle.Processes, "ลดระยะเวลาตรวจสอบเอกสารจาก 20 นาทีเหลือ 15 นาที", "ลดระยะเวลาตรวจสอบเอกสารแล้ว")
		edit(t, newer, bundle.Points, "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่ (สายด่วน)", "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่")
		res = mustImport(t, db, newer, importer.Options{})
		want := map[bundle.Entity]importer.Counts{
			bundle.Agencies: {Unchanged: 3}, bundle.Points: {Updated: 1, Unchanged: 1}, bundle.Processes: {Updated: 1, Unchanged: 1},
			bundle.Services: {Unchanged: 1}, bundle.Pins: {Unchanged: 2}, bundle.Egov: {Unchanged: 1}, bundle.LicenceReports: {Unchanged: 1},
			bundle.Ratings: {Unchanged: 3}, bundle.DelayNotices: {Unchanged: 2},
			bundle.Officers: {Unchanged: 1}, bundle.Tokens: {Unchanged: 1},
		}
		if got := counts(res); !equalCounts(got, want) {
			t.Errorf("newer bundle: %v, want %v", got, want)
		}
		if db.CommittedChanges() == changes {
			t.Error("the update reached no change feed")
		}
	})
}

func equalCounts(a, b map[bundle.Entity]importer.Counts) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func copyBundle(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "bundle")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, dir string, e bundle.Entity, old, new string) {
	t.Helper()
	p := filepath.Join(dir, e.File())
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", p, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// badBundle is the example with an agency refused (no Thai name), a
// point whose agency is that refused one, and a rating of a point that is
// in no bundle.
func badBundle(t *testing.T) string {
	dir := copyBundle(t, example)
	edit(t, dir, bundle.Agencies, `"name_th": "ที่ทำการปกครองอำเภอเมืองเชียงใหม่"`, `"name_th": ""`)
	f, err := os.OpenFile(filepath.Join(dir, bundle.Ratings.File()), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"source":"citizen.info.go.th","legacy_id":"R-X","point":{"source":"citizen.info.go.th","legacy_id":"SP-NONE"},"question_set":1,"answers":{"process":5},"respondent":{},"channel":"qr","created_at":"2024-02-05T03:12:00Z"}` + "\n")
	f.WriteString("{not json\n")
	f.Close()
	return dir
}

// TestDryRunReport: a dry run writes nothing and reports every refused
// record with its file, line, key, field and messages in both languages,
// references to refused and missing records included.
func TestDryRunReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		dir := badBundle(t)
		res := mustImport(t, db, dir, importer.Options{DryRun: true})
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM agencies`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a dry run wrote %d agencies (%v)", n, err)
		}
		var buf bytes.Buffer
		if err := importer.WriteReport(&buf, res.Issues); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		has := func(file, line, id, field, th, en string) {
			t.Helper()
			for _, r := range rows[1:] {
				if r[0] == file && r[1] == line && r[3] == id && r[4] == field && strings.Contains(r[5], th) && strings.Contains(r[6], en) {
					return
				}
			}
			t.Errorf("no report row %s:%s %s %s %q/%q in\n%s", file, line, id, field, th, en, buf.String())
		}
		has("agencies.jsonl", "3", "ORG-0107", "name_th", "ชื่อ", "name")
		has("service_points.jsonl", "1", "SP-50-0001", "agency", "ไม่ผ่านการตรวจสอบ", "refused record")
		has("ratings.jsonl", "4", "R-X", "point", "ไม่พบ", "missing record")
		has("ratings.jsonl", "5", "", "", "JSON", "JSON")
		if c := res.Counts[bundle.Agencies]; c.Created != 2 || c.Refused != 1 {
			t.Errorf("agencies: %+v", *c)
		}
		// A normal run imports the rest and reports the same.
		res2 := mustImport(t, db, dir, importer.Options{})
		if len(res2.Issues) != len(res.Issues) {
			t.Errorf("normal run: %d issues, dry run %d", len(res2.Issues), len(res.Issues))
		}
		if err := db.SQL().QueryRow(`SELECT count(*) FROM agencies`).Scan(&n); err != nil || n != 2 {
			t.Errorf("normal run: %d agencies (%v)", n, err)
		}
		if c := res2.Counts[bundle.Agencies]; c.Created != 2 || c.Refused != 1 {
			t.Errorf("normal run agencies: %+v", *c)
		}
	})
}

// TestStrict: with --strict nothing is imported when anything is refused.
func TestStrict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		res := mustImport(t, db, badBundle(t), importer.Options{Strict: true})
		if !res.Strict || res.Refused() == 0 {
			t.Fatalf("strict result: %+v", res)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM agencies`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("strict import wrote %d agencies (%v)", n, err)
		}
		res = mustImport(t, db, example, importer.Options{Strict: true})
		if res.Strict || res.Counts[bundle.Agencies].Created != 3 {
			t.Fatalf("strict import of a clean bundle: %+v", counts(res))
		}
	})
}

// cancelAfter is a progress display that cancels the import after n
// batches, as a kill would stop it between two.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
	slow   bool
}

func (c *cancelAfter) Start(int64) {}
func (c *cancelAfter) Finish()     {}
func (c *cancelAfter) Update(bundle.Entity, int64, map[bundle.Entity]*importer.Counts) {
	if c.slow {
		time.Sleep(30 * time.Millisecond)
	}
	if c.n--; c.n == 0 && c.cancel != nil {
		c.cancel()
	}
}

// TestResume: an import stopped after any number of batches and run again
// ends as an uninterrupted one: the same export, every record accounted for.
func TestResume(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		want := filepath.Join(t.TempDir(), "want")
		{
			clean := dbtest.Open(t, filepath.Join(t.TempDir(), "clean.db"))
			mustImport(t, clean, example, importer.Options{})
			mustExport(t, clean, want)
		}
		for _, stop := range []int{1, 4, 9} {
			ctx, cancel := context.WithCancel(context.Background())
			_, err := importer.Import(ctx, db, example, importer.Options{Batch: 1, Progress: &cancelAfter{n: stop, cancel: cancel}})
			cancel()
			if err == nil {
				t.Fatalf("stop after %d: the import was not interrupted", stop)
			}
		}
		res := mustImport(t, db, example, importer.Options{})
		total := 0
		for _, c := range res.Counts {
			total += c.Total()
			if c.Refused != 0 || c.Updated != 0 {
				t.Errorf("resumed import: %+v", *c)
			}
		}
		if total != 19 {
			t.Errorf("resumed import counted %d records, want 19", total)
		}
		got := filepath.Join(t.TempDir(), "got")
		mustExport(t, db, got)
		compareExports(t, want, got)
	})
}

// compareExports compares two exports of databases that imported the
// same bundle (the local IDs of the rating codes may differ: not compared).
func compareExports(t *testing.T, a, b string) {
	t.Helper()
	x, y := readDir(t, a), readDir(t, b)
	for name, text := range x {
		if name == bundle.Points.File() {
			text, y[name] = dropRateCodes(text), dropRateCodes(y[name])
		}
		if y[name] != text {
			t.Errorf("%s differs:\n%.500s\n---\n%.500s", name, text, y[name])
		}
	}
}

var rateCodeRE = regexp.MustCompile(`"rate_code":"[A-Z0-9]+",`)

func dropRateCodes(s string) string { return rateCodeRE.ReplaceAllString(s, "") }

// TestKillResume kills an importing process with SIGKILL in the middle of
// its batches, then imports again: the database ends as after an
// uninterrupted import.
func TestKillResume(t *testing.T) {
	if dsn := os.Getenv("B18_CHILD_DSN"); dsn != "" {
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		importer.Import(context.Background(), db, example, importer.Options{Batch: 1, Progress: &cancelAfter{slow: true}})
		return
	}
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillResume$")
		cmd.Env = append(os.Environ(), "B18_CHILD_DSN="+dsn)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		db := dbtest.Open(t, dsn)
		deadline := time.Now().Add(30 * time.Second)
		for {
			var n int
			db.SQL().QueryRow(`SELECT count(*) FROM bundle_ids`).Scan(&n)
			if n >= 4 {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the child imported nothing")
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM bundle_ids`).Scan(&n)
		if n >= 13 {
			t.Logf("the child got far (%d records) before the kill", n)
		}
		res := mustImport(t, db, example, importer.Options{})
		if res.Refused() != 0 {
			t.Fatalf("after the kill: %v", res.Issues)
		}
		want := filepath.Join(t.TempDir(), "want")
		clean := dbtest.Open(t, filepath.Join(t.TempDir(), "clean.db"))
		mustImport(t, clean, example, importer.Options{})
		mustExport(t, clean, want)
		got := filepath.Join(t.TempDir(), "got")
		mustExport(t, db, got)
		compareExports(t, want, got)
	})
}

func findIDs(ix *search.Index, q string, kind search.Kind) []int64 {
	var ids []int64
	for _, h := range ix.Search(search.Query{Text: q, Kinds: []search.Kind{kind}}).Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestServingNodeFollows: a node serving the database while the import
// runs finds the imported manuals and their later changes through its
// change feed, without a restart.
func TestServingNodeFollows(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ix := search.New(thai.Default())
		feed := searchfeed.New(db, ix, nil)
		if err := feed.Load(ctx); err != nil {
			t.Fatal(err)
		}
		purged := 0
		feed.OnChange(func() { purged++ })
		mustImport(t, db, example, importer.Options{})
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if len(findIDs(ix, "บัตรประจำตัวประชาชน หมดอายุ", search.KindManual)) != 1 {
			t.Fatal("the running node does not find the imported manual")
		}
		if purged == 0 {
			t.Error("the page cache was not purged")
		}
		newer := copyBundle(t, example)
		edit(t, newer, bundle.Processes, `"name_th": "การขอมีบัตรประจำตัวประชาชนใหม่ กรณีบัตรหมดอายุ"`, `"name_th": "การขอมีบัตรประจำตัวประชาชนใหม่ กรณีบัตรหมดอายุหรือชำรุด"`)
		edit(t, newer, bundle.Processes, "ลดระยะเวลาตรวจสอบเอกสารจาก 20 นาทีเหลือ 15 นาที", "รวมกรณีบัตรชำรุดในสาระสำคัญ")
		res := mustImport(t, db, newer, importer.Options{})
		if c := res.Counts[bundle.Processes]; c.Updated != 1 {
			t.Fatalf("newer bundle: %+v", *c)
		}
		if len(findIDs(ix, "ชำรุดในสาระสำคัญ", search.KindManual)) != 0 {
			t.Fatal("found before the poll: the test proves nothing")
		}
		if err := feed.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		if len(findIDs(ix, "ชำรุดในสาระสำคัญ", search.KindManual)) != 1 {
			t.Error("the running node does not see the updated manual")
		}
	})
}

// TestLateRefusal: a record refused after it started writing (a second
// point claiming an old poster code another point holds, a manual reusing
// another's UUID) is refused whole, nothing of it written, and the rest of
// its batch imported.
func TestLateRefusal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		dir := copyBundle(t, example)
		edit(t, dir, bundle.Points, `"name_th": "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่ (สายด่วน)", "kind": "phone"`,
			`"name_th": "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่ (สายด่วน)", "legacy_rate_codes": ["CM0001"], "kind": "phone"`)
		edit(t, dir, bundle.Processes, `"source": "CITIZENinfo", "legacy_id": "M-000981",`,
			`"source": "CITIZENinfo", "legacy_id": "M-000981", "legacy_uuid": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",`)
		res := mustImport(t, db, dir, importer.Options{})
		got := counts(res)
		if got[bundle.Points] != (importer.Counts{Created: 1, Refused: 1}) || got[bundle.Processes] != (importer.Counts{Created: 1, Refused: 1}) {
			t.Fatalf("counts %v, issues %v", got, res.Issues)
		}
		fields := map[string]bool{}
		for _, is := range res.Issues {
			fields[is.Field] = true
		}
		if !fields["legacy_rate_codes"] || !fields["legacy_uuid"] || !fields["point"] {
			t.Errorf("issues: %v", res.Issues)
		}
		var points, processes int
		db.SQL().QueryRow(`SELECT count(*) FROM service_points`).Scan(&points)
		db.SQL().QueryRow(`SELECT count(*) FROM processes`).Scan(&processes)
		if points != 1 || processes != 1 {
			t.Errorf("%d points and %d processes written, want 1 and 1", points, processes)
		}
	})
}

// TestTakeBackOwnExport: a database importing its own export adopts its
// records by their keys (source "openinfo", local ID) instead of copying
// them; a second import changes nothing, and the export stays the same.
func TestTakeBackOwnExport(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		demo := gendata.Demo()
		if _, err := db.Import(ctx, &store.Dataset{Agencies: demo.Agencies, Points: demo.Points}, nil); err != nil {
			t.Fatal(err)
		}
		mustImport(t, db, example, importer.Options{})
		first := filepath.Join(t.TempDir(), "first")
		mustExport(t, db, first)
		var agencies, points int
		db.SQL().QueryRow(`SELECT count(*) FROM agencies`).Scan(&agencies)
		db.SQL().QueryRow(`SELECT count(*) FROM service_points`).Scan(&points)
		res := mustImport(t, db, first, importer.Options{})
		if c := res.Counts[bundle.Agencies]; c.Created != 0 || c.Refused != 0 || c.Updated != len(demo.Agencies) {
			t.Errorf("agencies: %+v", *c)
		}
		res = mustImport(t, db, first, importer.Options{})
		for e, c := range res.Counts {
			if c.Created+c.Updated+c.Refused != 0 {
				t.Errorf("second take-back changed %s: %+v", e, *c)
			}
		}
		var a2, p2 int
		db.SQL().QueryRow(`SELECT count(*) FROM agencies`).Scan(&a2)
		db.SQL().QueryRow(`SELECT count(*) FROM service_points`).Scan(&p2)
		if a2 != agencies || p2 != points {
			t.Errorf("%d→%d agencies, %d→%d points: copied, not adopted", agencies, a2, points, p2)
		}
		second := filepath.Join(t.TempDir(), "second")
		mustExport(t, db, second)
		compareExports(t, first, second)
	})
}
