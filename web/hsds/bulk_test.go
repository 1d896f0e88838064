package hsds

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// csvSchema maps each CSV file to the HSDS object whose fields its columns are.
var csvSchema = map[string]string{
	"organizations.csv": "organization", "services.csv": "service", "locations.csv": "location",
	"service_at_locations.csv": "service_at_location", "taxonomy_terms.csv": "taxonomy_term", "addresses.csv": "address",
	"schedules.csv": "schedule", "attributes.csv": "attribute", "cost_options.csv": "cost_option",
	"required_documents.csv": "required_document", "service_areas.csv": "service_area", "phones.csv": "phone",
}

// csvRow is a CSV row as the JSON object HSDS's schema describes: numbers
// as numbers, empty cells of other than text left out.
func csvRow(fields map[string]schemaField, header, row []string) map[string]any {
	obj := map[string]any{}
	for i, col := range header {
		switch v := row[i]; {
		case fields[col].typ == "number" || fields[col].typ == "integer":
			if v != "" {
				n, err := strconv.ParseFloat(v, 64)
				if err != nil {
					obj[col] = v // the schema reports it
				} else {
					obj[col] = n
				}
			}
		case v != "" || fields[col].required:
			obj[col] = v
		}
	}
	return obj
}

// TestBulkFiles: the daily job's CSV zip holds every published record in
// HSDS's columns and nothing unpublished; its checksum is the file's; a
// second run replaces the first and two are kept.
func TestBulkFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if err := BuildBulk(ctx, db, "https://info.example.go.th", time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		file, err := db.LatestOpenDataFile(ctx, "csv")
		if err != nil || file == nil {
			t.Fatalf("no file: %v", err)
		}
		if file.Day != "2026-12-08" || file.FileName != "openinfo-opendata-csv-2026-12-08.zip" { // Thai date
			t.Fatalf("file %+v", file)
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
			t.Fatalf("checksum %s size %d, file says %s %d", hex.EncodeToString(sum[:]), buf.Len(), file.SHA256, file.Size)
		}
		z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		all := map[string]string{}
		for _, zf := range z.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			all[zf.Name] = string(b)
			f.noLeak(t, zf.Name, string(b))
			if !strings.HasSuffix(zf.Name, ".csv") {
				continue
			}
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", zf.Name, err)
			}
			if schema, ok := csvSchema[zf.Name]; ok {
				fields := schemaFields(t, schema)
				for i, row := range rows[1:] {
					if errs := checkSchema(schema, csvRow(fields, rows[0], row), fmt.Sprintf("%s row %d", zf.Name, i+2)); len(errs) > 0 {
						t.Errorf("%s breaks HSDS:\n%s", zf.Name, strings.Join(errs, "\n"))
					}
				}
				for _, col := range rows[0] {
					if _, ok := fields[col]; !ok {
						t.Errorf("%s: column %s is not an HSDS field of %s", zf.Name, col, schema)
					}
				}
				for name, fd := range fields {
					if fd.required && !fd.array && !strings.Contains(","+strings.Join(rows[0], ",")+",", ","+name+",") {
						t.Errorf("%s lacks required column %s", zf.Name, name)
					}
				}
			}
		}
		var counts map[string]int
		json.Unmarshal([]byte(file.Counts), &counts)
		if counts["organizations"] != 4 || counts["services"] != 2 || counts["locations"] != 2 || counts["service_at_locations"] != 3 ||
			counts["phones"] == 0 || counts["schedules"] != 4 || counts["attributes"] != 1 {
			t.Errorf("counts %v", counts)
		}
		for _, s := range []string{"manual-" + itoa(f.manual) + ",agency-" + itoa(f.office.ID), "ผู้ขอต้องมีอายุไม่ต่ำกว่า 18 ปี", "point-" + itoa(f.point.ID) + ",physical"} {
			found := false
			for _, body := range all {
				found = found || strings.Contains(body, s)
			}
			if !found {
				t.Errorf("no file holds %q", s)
			}
		}
		if !strings.Contains(all["datapackage.json"], "CC-BY-4.0") {
			t.Error("datapackage.json does not name the licence")
		}
		// Two more days: the oldest goes, two stay.
		for _, d := range []int{8, 9} {
			if err := BuildBulk(ctx, db, "", time.Date(2026, 12, d, 20, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.OpenDataFileByID(ctx, file.ID); err == nil {
			t.Error("the oldest file was kept")
		}
		if last, _ := db.LatestOpenDataFile(ctx, "csv"); last == nil || last.Day != "2026-12-10" {
			t.Errorf("latest %+v", last)
		}
	})
}
