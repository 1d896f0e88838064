package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// tombstone replaces the line of record (source, id) in e's file with a
// removal (extra: a pin's ends), or appends one when the file has none.
func tombstone(t *testing.T, dir string, e bundle.Entity, source, id, extra string) {
	t.Helper()
	p := filepath.Join(dir, e.File())
	b, _ := os.ReadFile(p)
	head := `{"source": "` + source + `", "legacy_id": "` + id + `"`
	stone := head + extra + `, "removed": true}`
	var out []string
	found := false
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if strings.HasPrefix(l, head+",") {
			l, found = stone, true
		}
		out = append(out, l)
	}
	if !found {
		out = append(out, stone)
	}
	if err := os.WriteFile(p, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRemovals: a newer bundle's tombstones hide a point, withdraw a
// manual, revoke a Section 10 record, drop a pin, and delete a rating and
// a delayed application; a tombstone of a record never imported changes
// nothing. The same bundle again changes nothing, and the older bundle
// brings everything back.
func TestRemovals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		mustImport(t, db, example, importer.Options{})
		newer := copyBundle(t, example)
		tombstone(t, newer, bundle.Points, "citizen.info.go.th", "SP-50-0002", "")
		tombstone(t, newer, bundle.Processes, "backend.info.go.th", "PROC-2559-000123", "")
		tombstone(t, newer, bundle.Egov, "backend.info.go.th", "EG10-0107", "")
		tombstone(t, newer, bundle.Pins, "citizen.info.go.th", "citizen.info.go.th:SP-50-0001|service|backend.info.go.th:SVC-0042",
			`, "point": {"source": "citizen.info.go.th", "legacy_id": "SP-50-0001"}, "service": {"source": "backend.info.go.th", "legacy_id": "SVC-0042"}`)
		tombstone(t, newer, bundle.Ratings, "citizen.info.go.th", "R-2024-0000002", "")
		tombstone(t, newer, bundle.DelayNotices, "CITIZENinfo", "D-2565-77", "")
		tombstone(t, newer, bundle.Services, "backend.info.go.th", "SVC-never-imported", "")
		res := mustImport(t, db, newer, importer.Options{})
		got := counts(res)
		for e, want := range map[bundle.Entity]importer.Counts{
			bundle.Points: {Unchanged: 1, Removed: 1}, bundle.Processes: {Unchanged: 1, Removed: 1}, bundle.Egov: {Removed: 1},
			bundle.Pins: {Unchanged: 1, Removed: 1}, bundle.Ratings: {Unchanged: 2, Removed: 1}, bundle.DelayNotices: {Unchanged: 1, Removed: 1},
			bundle.Services: {Unchanged: 2},
		} {
			if got[e] != want {
				t.Errorf("%s: %+v, want %+v (%v)", e, got[e], want, res.Issues)
			}
		}
		q := func(query string) int {
			var n int
			if err := db.SQL().QueryRow(query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		check := func(when string, visible, published, egov, pins, ratings, cases int) {
			t.Helper()
			for _, c := range []struct {
				what      string
				got, want int
			}{
				{"visible points", q(`SELECT count(*) FROM service_points WHERE visible`), visible},
				{"published manuals", q(`SELECT count(*) FROM manual_revisions WHERE state = 'published'`), published},
				{"published Section 10/16 records", q(`SELECT count(*) FROM egov_records WHERE state = 'published'`), egov},
				{"service pins", q(`SELECT count(*) FROM point_services`), pins},
				{"ratings", q(`SELECT count(*) FROM ratings`), ratings},
				{"delay cases", q(`SELECT count(*) FROM delay_cases`), cases},
			} {
				if c.got != c.want {
					t.Errorf("%s: %d %s, want %d", when, c.got, c.what, c.want)
				}
			}
		}
		check("after the tombstones", 1, 0, 0, 0, 2, 1)
		if n := q(`SELECT count(*) FROM delay_notices`); n != 2 {
			t.Errorf("%d notices left, want the other case's 2", n)
		}
		res = mustImport(t, db, newer, importer.Options{})
		for e, c := range res.Counts {
			if c.Created+c.Updated+c.Removed+c.Refused != 0 {
				t.Errorf("the same tombstones again changed %s: %+v", e, *c)
			}
		}
		res = mustImport(t, db, example, importer.Options{})
		if n := res.Refused(); n != 0 {
			t.Fatal(res.Issues)
		}
		check("after the older bundle", 2, 1, 1, 1, 3, 2)
	})
}

// TestRemovalRefused: a tombstone with other fields, or a pin's without its
// ends, is refused and reported.
func TestRemovalRefused(t *testing.T) {
	for _, c := range []struct {
		e    bundle.Entity
		line string
	}{
		{bundle.Points, `{"source":"x","legacy_id":"1","removed":true,"point":{"source":"x","legacy_id":"2"}}`},
		{bundle.Pins, `{"source":"x","legacy_id":"x:1|process|x:2","removed":true}`},
	} {
		rec, issues := bundle.Parse(c.e, []byte(c.line))
		if rec == nil || len(issues) == 0 {
			t.Errorf("%s %s: accepted", c.e, c.line)
		}
	}
	// A redacted case (no applicant) cannot bring back a letter naming them.
	redacted := `{"source":"x","legacy_id":"1","point":{"source":"x","legacy_id":"1"},"process":{"source":"x","legacy_id":"2"},` +
		`"application_no":"A-1","received_on":"2024-03-01","due_on":"2024-03-04","notices":[{"number":"1","on":"2024-03-05","reason":"รอเอกสาร",` +
		`"expected_on":"2024-03-15","recorded_at":"2024-03-05T03:00:00Z","letter":{"name":"a.pdf","sha256":"` + letterSum + `","size":9}}]}`
	if _, issues := bundle.Parse(bundle.DelayNotices, []byte(redacted)); len(issues) != 1 || issues[0].Field != "notices[0].letter" {
		t.Errorf("a redacted case with a letter: %v", issues)
	}
	if _, issues := bundle.Parse(bundle.Points, []byte(`{"source":"x","legacy_id":"1","removed":true}`)); len(issues) != 0 {
		t.Errorf("a plain tombstone: %v", issues)
	}
}
