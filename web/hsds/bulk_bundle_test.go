package hsds

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

// bulkFile reads the newest ready bulk file of kind and checks it against
// its recorded size and SHA-256.
func bulkFile(t *testing.T, db *store.DB, kind string) (*store.OpenDataFile, []byte) {
	t.Helper()
	ctx := context.Background()
	file, err := db.LatestOpenDataFile(ctx, kind)
	if err != nil || file == nil {
		t.Fatalf("no %s file: %v", kind, err)
	}
	var buf bytes.Buffer
	for chunk, err := range db.OpenDataChunks(ctx, file.ID) {
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(chunk)
	}
	sum := sha256.Sum256(buf.Bytes())
	if hex.EncodeToString(sum[:]) != file.SHA256 || int64(buf.Len()) != file.Size {
		t.Fatalf("%s: checksum %s size %d, file says %s %d", kind, hex.EncodeToString(sum[:]), buf.Len(), file.SHA256, file.Size)
	}
	return file, buf.Bytes()
}

// TestPublishedBundle: the daily job also writes the published data set as
// a bundle, dated and checksummed. It holds the published records and
// nothing else: no draft revision, hidden point, dissolved agency (nor its
// records), unpublished service or Section 10/16 draft, no officer, token,
// rating or delay notice. It imports cleanly into an empty database, whose
// own published bundle then holds the same records.
func TestPublishedBundle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		// Beside the fixture's secrets: a token, a Section 10 draft, a
		// published Section 10 record (public) and a rating with a comment.
		must(t, db.IssueToken(ctx, &openinfo.IssuedToken{Hash: "tokenhashsecret0123456789", Sealed: "sealed-token-secret",
			AgencyID: f.office.ID, Role: openinfo.RolePointOfficer, ExpiresAt: time.Now().Add(72 * time.Hour)}))
		central := openinfo.Officer{UserID: 95, Role: openinfo.RoleCentral, AgencyID: f.office.ID, AgencyPath: f.office.Path}
		egov := func(title string) *openinfo.EgovRecord {
			r := &openinfo.EgovRecord{AgencyID: f.office.ID, Section: openinfo.EgovSection10, Title: title,
				SignedOn: time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC), URL: "https://www.dlt.go.th/egov.pdf",
				Items: []openinfo.EgovItem{{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: "https://www.dlt.go.th", Purpose: "ข้อมูลบริการ"}}}
			must(t, db.SaveEgovRecord(ctx, r, central))
			return r
		}
		pub := egov("ประกาศ เรื่อง ช่องทางอิเล็กทรอนิกส์ที่เผยแพร่แล้ว")
		_, err := db.PublishEgovRecord(ctx, pub.ID, pub.Version, central)
		must(t, err)
		egov("ประกาศฉบับร่างลับเฉพาะ")
		must(t, db.InsertRawRatings(ctx, []*openinfo.Rating{{PointID: f.point.ID, AgencyID: f.office.ID, ProcessID: f.manual, QuestionSet: 1,
			Answers: [openinfo.NumDimensions]int{5, 4, 3, 4, 5}, Respondent: openinfo.Respondent{Type: "citizen", Sex: "female", Age: "30-39"},
			Comment: "ความคิดเห็นของผู้ประเมินลับเฉพาะ", Channel: "qr", CreatedAt: time.Now()}}))
		f.secrets = append(f.secrets, "tokenhashsecret0123456789", "sealed-token-secret", "ประกาศฉบับร่างลับเฉพาะ", "ความคิดเห็นของผู้ประเมินลับเฉพาะ")

		// The full export holds them: the seeds are real.
		full := filepath.Join(t.TempDir(), "full")
		w, err := bundle.Create(full)
		must(t, err)
		must(t, db.ExportBundle(ctx, "openinfo", w, nil))
		must(t, w.Close())
		for file, mark := range map[string]string{"officers.jsonl": "somsri.secret", "officer_tokens.jsonl": "tokenhashsecret0123456789",
			"ratings.jsonl": "ความคิดเห็นของผู้ประเมินลับเฉพาะ", "processes.jsonl": "ร่างเกณฑ์ใหม่ลับเฉพาะ", "egov_records.jsonl": "ประกาศฉบับร่างลับเฉพาะ",
			"service_points.jsonl": "จุดบริการที่ปิดแล้วลับเฉพาะ", "agencies.jsonl": "สำนักงานขนส่งที่ยุบแล้วลับเฉพาะ"} {
			b, _ := os.ReadFile(filepath.Join(full, file))
			if !strings.Contains(string(b), mark) {
				t.Fatalf("the full export's %s lacks %q: the fixture is wrong", file, mark)
			}
		}

		must(t, BuildBulk(ctx, db, "https://info.example.go.th", time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)))
		file, data := bulkFile(t, db, "bundle")
		if file.Day != "2026-12-08" || file.FileName != "openinfo-opendata-bundle-2026-12-08.zip" {
			t.Fatalf("file %+v", file)
		}
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		must(t, err)
		files := map[string]string{}
		for _, zf := range z.File {
			rc, err := zf.Open()
			must(t, err)
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[zf.Name] = string(b)
			f.noLeak(t, "bundle "+zf.Name, string(b))
		}
		var names []string
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		want := []string{"agencies.jsonl", "catalog_terms.jsonl", "egov_records.jsonl", "manifest.json", "other_services.jsonl", "pins.jsonl",
			"processes.jsonl", "service_points.jsonl"}
		if !slices.Equal(names, want) { // no officers, tokens, ratings, delay notices, licence reports
			t.Fatalf("bundle files %v, want %v", names, want)
		}
		lines := func(name string) []map[string]any {
			var out []map[string]any
			for _, l := range strings.Split(strings.TrimSpace(files[name]), "\n") {
				if l == "" {
					continue
				}
				var m map[string]any
				must(t, json.Unmarshal([]byte(l), &m))
				out = append(out, m)
			}
			return out
		}
		// Active agencies only; the orphan of the dissolved agency is a root.
		if ag := lines("agencies.jsonl"); len(ag) != 4 {
			t.Fatalf("agencies: %d, want ministry, department, office, orphan: %s", len(ag), files["agencies.jsonl"])
		}
		if !strings.Contains(files["agencies.jsonl"], "ศูนย์ที่ย้ายสังกัดแล้ว") {
			t.Fatalf("the orphan agency is missing: %s", files["agencies.jsonl"])
		}
		if n := len(lines("service_points.jsonl")); n != 2 {
			t.Fatalf("points: %d, want the 2 visible ones", n)
		}
		procs := lines("processes.jsonl")
		if len(procs) != 1 {
			t.Fatalf("processes: %d, want the published one: %s", len(procs), files["processes.jsonl"])
		}
		revs := procs[0]["revisions"].([]any)
		if len(revs) != 1 || revs[0].(map[string]any)["state"] != "published" || revs[0].(map[string]any)["published"] != true {
			t.Fatalf("revisions: %v", revs)
		}
		if n := len(lines("other_services.jsonl")); n != 1 {
			t.Fatalf("other services: %d", n)
		}
		if n := len(lines("pins.jsonl")); n != 3 { // manual at point and online, other service at point
			t.Fatalf("pins: %d: %s", n, files["pins.jsonl"])
		}
		if eg := lines("egov_records.jsonl"); len(eg) != 1 || eg[0]["state"] != "published" {
			t.Fatalf("egov records: %s", files["egov_records.jsonl"])
		}
		if !strings.Contains(files["catalog_terms.jsonl"], `"code":"child-of-retired"`) || strings.Contains(files["catalog_terms.jsonl"], "retired-tag") {
			t.Fatalf("catalog: the retired term or its child is wrong:\n%s", files["catalog_terms.jsonl"])
		}
		var counts map[string]int
		must(t, json.Unmarshal([]byte(file.Counts), &counts))
		if counts["processes"] != 1 || counts["agencies"] != 4 || counts["catalog_terms"] == 0 {
			t.Fatalf("counts %v", counts)
		}
		// The same records as the HSDS files of the same run, one for one.
		csvFile, _ := bulkFile(t, db, "csv")
		var hsdsCounts map[string]int
		must(t, json.Unmarshal([]byte(csvFile.Counts), &hsdsCounts))
		for _, c := range []struct {
			hsds string
			n    int
		}{{"organizations", counts["agencies"]}, {"locations", counts["service_points"]}, {"services", counts["processes"] + counts["other_services"]},
			{"service_at_locations", counts["pins"]}, {"taxonomy_terms", counts["catalog_terms"]}} {
			if hsdsCounts[c.hsds] != c.n {
				t.Errorf("%s: %d in the HSDS files, %d in the bundle", c.hsds, hsdsCounts[c.hsds], c.n)
			}
		}

		// The file imports into an empty database with nothing refused.
		path := filepath.Join(t.TempDir(), file.FileName)
		must(t, os.WriteFile(path, data, 0o644))
		var empty *store.DB
		if strings.HasSuffix(t.Name(), "sqlite") {
			empty = dbtest.Open(t, filepath.Join(t.TempDir(), "empty.db"))
		} else {
			empty = dbtest.Open(t, pgtest.NewDatabase(t, nil)) // migrated by Open
		}
		res, err := importer.Import(ctx, empty, path, importer.Options{})
		must(t, err)
		if res.Refused() > 0 {
			t.Fatalf("import refused %d: %+v", res.Refused(), res.Issues)
		}
		for _, e := range []bundle.Entity{bundle.Agencies, bundle.Points, bundle.Processes, bundle.Services, bundle.Pins, bundle.Egov} {
			if c := res.Counts[e]; c.Created != counts[string(e)] {
				t.Errorf("%s: created %d of %d", e, c.Created, counts[string(e)])
			}
		}
		// Published there too: the new database's open data holds the same services.
		list, _, err := empty.OpenServices(ctx, store.OpenFilter{Limit: 100})
		must(t, err)
		if len(list) != 2 {
			t.Fatalf("the imported database publishes %d services, want 2", len(list))
		}
		// And a second import changes nothing.
		res, err = importer.Import(ctx, empty, path, importer.Options{})
		must(t, err)
		for e, c := range res.Counts {
			if c.Created+c.Updated+c.Refused != 0 {
				t.Errorf("second import: %s %+v", e, *c)
			}
		}
	})
}
