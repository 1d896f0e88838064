package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportExportCommands: `openinfo import` prints the counts and writes
// the report; `--dry-run` writes nothing; `--strict` fails on a bundle with
// a bad record and imports nothing; `openinfo export` writes the bundle.
func TestImportExportCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": filepath.Join(dir, "data")})
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, env, &out, io.Discard, nil)
		return out.String(), err
	}
	example := "../../testdata/bundle/example"
	bad := filepath.Join(dir, "bad")
	if err := os.CopyFS(bad, os.DirFS(example)); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filepath.Join(bad, "ratings.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{\"source\":\"x\"}\n")
	f.Close()
	report := filepath.Join(dir, "report.csv")

	out, err := cmd("import", "--strict", "--report", report, bad)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("strict import of a bad bundle: %v\n%s", err, out)
	}
	rep, _ := os.ReadFile(report)
	if !strings.Contains(string(rep), "ratings.jsonl,4,x,") {
		t.Errorf("report:\n%s", rep)
	}
	out, err = cmd("import", bad, "--dry-run", "--report", report)
	if err != nil || !strings.Contains(out, "dry run: nothing was written") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, err = cmd("import", example, "--report", report)
	if err != nil || !strings.Contains(out, "agencies                 3         0         0         0") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = cmd("import", example)
	if err != nil || !strings.Contains(out, "agencies                 0         0         3         0") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	os.Remove("import-report.csv") // the default report, in the package directory
	zip := filepath.Join(dir, "out.zip")
	out, err = cmd("export", zip)
	if err != nil || !strings.Contains(out, "processes                2") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	if st, err := os.Stat(zip); err != nil || st.Size() == 0 {
		t.Fatal("no zip written")
	}
	// --published: what the portal shows only (the /open-data bundle).
	pub := filepath.Join(dir, "published")
	out, err = cmd("export", "--published", pub)
	if err != nil || !strings.Contains(out, "agencies") || !strings.Contains(out, "catalog_terms") || strings.Contains(out, "officers") {
		t.Fatalf("export --published: %v\n%s", err, out)
	}
	for _, e := range []string{"officers", "officer_tokens", "ratings", "licence_reports", "delay_notices"} {
		if _, err := os.Stat(filepath.Join(pub, e+".jsonl")); err == nil {
			t.Errorf("the published bundle has %s.jsonl", e)
		}
	}
	// ... and `openinfo import --strict` takes it into an empty database.
	var out2 bytes.Buffer
	env2 := envOf(map[string]string{"OPENINFO_DATA_DIR": filepath.Join(dir, "data2")})
	if err := run(ctx, []string{"import", pub, "--strict", "--report", filepath.Join(dir, "report2.csv")}, env2, &out2, io.Discard, nil); err != nil ||
		!strings.Contains(out2.String(), "processes                1         0         0         0") { // the published one of two
		t.Fatalf("import of the published bundle: %v\n%s", err, out2.String())
	}
	if _, err := cmd("import"); err == nil {
		t.Error("import without a path succeeded")
	}
}
