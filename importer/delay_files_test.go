package importer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// The example's files (testdata/bundle/example/files/).
const (
	letterSum = "024234364c51339d887dfc0ac3ca0c395dbf3745e91dd2bd57e5e470877f0ee6"
	formSum   = "cc10b3263a91e485cc6d20a7ca47e20e68873399a9d3af9a421e0f64e7187676"
	egovSum   = "f34fa40babdf118c5f562f347e42aed7546b2843c7b5b25a6048d6010884fb4a"
)

// TestDelayNoticesAndFiles: the example's delayed applications come in with
// their notices, the first notice's letter PDF and the manual's and Section
// 10 record's files, byte for byte; a second import changes nothing.
func TestDelayNoticesAndFiles(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		res := mustImport(t, db, example, importer.Options{})
		if c := *res.Counts[bundle.DelayNotices]; c != (importer.Counts{Created: 2}) {
			t.Fatalf("delay notices %+v: %v", c, res.Issues)
		}
		var id int64
		if err := db.SQL().QueryRow(`SELECT id FROM delay_cases WHERE ref = 'ชม 0107/2567/0015'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		c, err := db.DelayCase(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.ApplicantName != "นางสาวสมใจ ใจดี" || c.ApplicantPhone != "0812345678" || len(c.Notices) != 2 || c.Notices[1].Number != "ชม 0107/ล.2" ||
			c.Decision != "issued" || c.Redacted {
			t.Errorf("case %+v", c)
		}
		want, _ := os.ReadFile(filepath.Join(example, "files", letterSum))
		l, err := db.DelayLetter(ctx, id, 1)
		if err != nil || !bytes.Equal(l.Data, want) || l.Name != "หนังสือแจ้งความล่าช้า ครั้งที่ 1.pdf" {
			t.Errorf("letter: %v %v", err, l)
		}
		if _, err := db.DelayLetter(ctx, id, 2); err == nil {
			t.Error("the second notice has a letter")
		}
		var other int64
		db.SQL().QueryRow(`SELECT id FROM delay_cases WHERE ref = 'ชม 0107/2565/0102'`).Scan(&other)
		if c, err := db.DelayCase(ctx, other); err != nil || !c.Redacted || c.ApplicantName != "" {
			t.Errorf("a case without applicant is redacted: %v %+v", err, c)
		}
		for _, sum := range []string{formSum, egovSum} {
			f, err := db.GetFile(ctx, sum)
			want, _ := os.ReadFile(filepath.Join(example, "files", sum))
			if err != nil || !bytes.Equal(f.Data, want) || f.ContentType != "application/pdf" {
				t.Errorf("file %s: %v", sum, err)
			}
		}
		res = mustImport(t, db, example, importer.Options{})
		if c := *res.Counts[bundle.DelayNotices]; c != (importer.Counts{Unchanged: 2}) {
			t.Errorf("second import: %+v", c)
		}
	})
}

// TestBadFiles: a missing letter, a file whose bytes do not match its
// SHA-256, a file that is not a PDF and a delay notice of an unknown point
// refuse their records, and the report names the file (or the reference).
// A dry run reports the same without writing.
func TestBadFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		dir := copyBundle(t, example)
		// The letter is gone; the form's bytes changed; the Section 10
		// document is a text file under its own right sum.
		os.Remove(filepath.Join(dir, "files", letterSum))
		os.WriteFile(filepath.Join(dir, "files", formSum), []byte("%PDF-1.4 tampered"), 0o644)
		text := []byte("not a pdf at all")
		s := sha256.Sum256(text)
		textSum := hex.EncodeToString(s[:])
		os.Remove(filepath.Join(dir, "files", egovSum))
		os.WriteFile(filepath.Join(dir, "files", textSum), text, 0o644)
		edit(t, dir, bundle.Egov, egovSum, textSum)
		edit(t, dir, bundle.DelayNotices, `"legacy_id": "D-2565-77", "point": {"source": "citizen.info.go.th", "legacy_id": "SP-50-0001"}`,
			`"legacy_id": "D-2565-77", "point": {"source": "citizen.info.go.th", "legacy_id": "SP-99-9999"}`)
		for _, dry := range []bool{true, false} {
			res := mustImport(t, db, dir, importer.Options{DryRun: dry})
			got := counts(res)
			if got[bundle.DelayNotices].Refused != 2 || got[bundle.Egov].Refused != 1 || got[bundle.Processes].Refused != 1 {
				t.Fatalf("dry run %v: counts %v", dry, got)
			}
			var msgs []string
			for _, is := range res.Issues {
				msgs = append(msgs, is.File+" "+is.Field+" "+is.EN)
			}
			all := strings.Join(msgs, "\n")
			for _, w := range []string{
				"delay_notices.jsonl notices[0].letter The file files/" + letterSum,
				"processes.jsonl revisions[1].content.attachments[0] The file files/" + formSum + " (แบบคำขอ บ.ป.1.pdf) does not match",
				"egov_records.jsonl file_key The file", "not a PDF",
				"delay_notices.jsonl point Refers to a missing record",
			} {
				if !strings.Contains(all, w) {
					t.Errorf("dry run %v: no %q in the report:\n%s", dry, w, all)
				}
			}
		}
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM delay_cases`).Scan(&n)
		if n != 0 {
			t.Errorf("%d delay cases written", n)
		}
		db.SQL().QueryRow(`SELECT count(*) FROM files`).Scan(&n)
		if n != 0 {
			t.Errorf("%d files written", n)
		}
	})
}

// TestPublishedBundleFiles: the published bundle carries the published
// manual's attachment and the Section 10 document (the portal serves
// both), never a delay letter, and imports into an empty database.
func TestPublishedBundleFiles(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		mustImport(t, db, example, importer.Options{})
		dir := filepath.Join(t.TempDir(), "published")
		w, err := bundle.Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ExportPublishedBundle(ctx, "info.go.th", w, nil); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		for sum, want := range map[string]bool{formSum: true, egovSum: true, letterSum: false} {
			if _, err := os.Stat(filepath.Join(dir, "files", sum)); (err == nil) != want {
				t.Errorf("files/%s in the published bundle: %v, want %v", sum, err == nil, want)
			}
		}
		empty := dbtest.Open(t, filepath.Join(t.TempDir(), "empty.db"))
		if res := mustImport(t, empty, dir, importer.Options{}); res.Refused() != 0 {
			t.Errorf("the published bundle refused: %v", res.Issues)
		}
	})
}

// TestRedactedStaysRedacted: once the retention job blanked a case's
// applicant and deleted its letters, a newer bundle that still carries
// them updates the case without bringing either back.
func TestRedactedStaysRedacted(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		mustImport(t, db, example, importer.Options{})
		if n, err := db.RedactDelayApplicants(ctx, time.Now().AddDate(1, 0, 0)); err != nil || n != 1 {
			t.Fatalf("redacted %d: %v", n, err)
		}
		newer := copyBundle(t, example)
		edit(t, newer, bundle.DelayNotices, "ยังรอผลการตรวจสอบจากสำนักทะเบียนกลาง", "ยังรอผลการตรวจสอบ")
		res := mustImport(t, db, newer, importer.Options{})
		if c := *res.Counts[bundle.DelayNotices]; c != (importer.Counts{Updated: 1, Unchanged: 1}) {
			t.Fatalf("%+v %v", c, res.Issues)
		}
		var id int64
		db.SQL().QueryRow(`SELECT id FROM delay_cases WHERE ref = 'ชม 0107/2567/0015'`).Scan(&id)
		c, err := db.DelayCase(ctx, id)
		if err != nil || !c.Redacted || c.ApplicantName != "" || c.Notices[1].Reason != "ยังรอผลการตรวจสอบ" {
			t.Errorf("case %v %+v", err, c)
		}
		if _, err := db.DelayLetter(ctx, id, 1); err == nil {
			t.Error("the letter came back")
		}
	})
}
