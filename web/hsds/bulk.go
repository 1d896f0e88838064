package hsds

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/store"
)

// The daily bulk files of /open-data: the whole published data set, made
// by the opendata.bulk job on one node and kept in the database
// (open_data_files, open_data_chunks), so that every node serves the same
// file. Each format is a BulkFormat: the HSDS CSV zip, and the bundle of
// `openinfo export` restricted to the published data (bulk_bundle.go).

// BulkFormat is one kind of bulk file.
type BulkFormat struct {
	Kind  string // "csv", "bundle"; the file's kind in open_data_files and its URL: /open-data/{kind}.zip
	Title [2]string
	About [2]string // what the file holds, Thai and English
	// Tables are the row counts /open-data shows (keys of Write's counts).
	Tables []string
	// Write streams the file into w and returns the rows written per table.
	Write func(ctx context.Context, db *store.DB, base string, w io.Writer) (map[string]int, error)
}

// BulkFormats are the files the daily job makes, in the order /open-data lists them.
var BulkFormats = []BulkFormat{
	{Kind: "csv", Title: [2]string{"ข้อมูลทั้งชุดเป็นไฟล์ CSV ตามโครงสร้าง HSDS 3.0 (zip)", "The whole data set as HSDS 3.0 CSV files (zip)"}, Write: WriteCSVZip,
		About: [2]string{"ไฟล์ zip ประกอบด้วยไฟล์ CSV (UTF-8 มีแถวหัวตาราง) หนึ่งไฟล์ต่อหนึ่งตารางของ HSDS ใช้ชื่อคอลัมน์ตาม HSDS และไฟล์ datapackage.json ที่อธิบายตารางและสัญญาอนุญาต รหัสในไฟล์ตรงกับรหัสใน API",
			"The zip holds one CSV file (UTF-8, with a header row) per HSDS table, with HSDS's column names, and a datapackage.json that lists the tables and the licence. IDs are the API's."},
		Tables: []string{"organizations", "services", "locations", "service_at_locations", "taxonomy_terms"}},
	{Kind: "bundle", Title: [2]string{"ข้อมูลทั้งชุดในรูปแบบ bundle ของ openinfo (JSON Lines ใน zip) นำเข้าด้วย openinfo import ได้",
		"The whole data set as an openinfo bundle (JSON Lines in a zip), which openinfo import reads"}, Write: WriteBundleZip,
		About: [2]string{"ไฟล์ zip ในรูปแบบ bundle ของ openinfo (docs/bundle.md): ไฟล์ JSON Lines หนึ่งไฟล์ต่อชนิดข้อมูล ได้แก่ หน่วยงาน จุดบริการ กระบวนงานพร้อมคู่มือฉบับที่เผยแพร่ (เฉพาะฉบับนั้น) บริการอื่นๆ การปักหมุด ประกาศและคำสั่งตามมาตรา 10/16 ที่เผยแพร่แล้ว และบัญชีบริการ พร้อม manifest.json ระบบ openinfo อื่นนำเข้าได้ด้วยคำสั่ง openinfo import",
			"A zip in openinfo's bundle format (docs/bundle.md): one JSON Lines file per kind of record (agencies, service points, processes with their published manual only, other services, pins, published Section 10/16 records and the Service Catalog) and a manifest.json. Another openinfo installation reads it with openinfo import."},
		Tables: []string{"agencies", "service_points", "processes", "other_services", "pins", "egov_records", "catalog_terms"}},
}

// BulkFileName names a bulk file of kind made on day.
func BulkFileName(kind, day string) string {
	return "openinfo-opendata-" + kind + "-" + day + ".zip"
}

const chunkSize = 1 << 20

// chunker writes a stream into the database in chunks and hashes it.
type chunker struct {
	ctx  context.Context
	db   *store.DB
	id   int64
	buf  []byte
	seq  int
	size int64
	hash io.Writer
	err  error
}

func (c *chunker) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.hash.Write(p)
	c.size += int64(len(p))
	n := len(p)
	for len(p) > 0 {
		k := min(chunkSize-len(c.buf), len(p))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == chunkSize {
			if c.err = c.flush(); c.err != nil {
				return 0, c.err
			}
		}
	}
	return n, nil
}

func (c *chunker) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	if err := c.db.AddOpenDataChunk(c.ctx, c.id, c.seq, c.buf); err != nil {
		return err
	}
	c.seq++
	c.buf = make([]byte, 0, chunkSize)
	return nil
}

// BuildBulk makes today's file of every format (Thai date), replacing the
// older ones (two are kept). base is the site's public origin, for links.
func BuildBulk(ctx context.Context, db *store.DB, base string, now time.Time) error {
	day := now.In(bangkok).Format("2006-01-02")
	for _, f := range BulkFormats {
		file, err := db.StartOpenDataFile(ctx, f.Kind, day, BulkFileName(f.Kind, day))
		if err != nil {
			return err
		}
		h := sha256.New()
		c := &chunker{ctx: ctx, db: db, id: file.ID, hash: h, buf: make([]byte, 0, chunkSize)}
		counts, err := f.Write(ctx, db, base, c)
		if err == nil {
			err = c.flush()
		}
		if err != nil {
			return fmt.Errorf("open data %s: %w", f.Kind, err)
		}
		file.Size, file.SHA256 = c.size, hex.EncodeToString(h.Sum(nil))
		b, _ := json.Marshal(counts)
		file.Counts = string(b)
		if err := db.FinishOpenDataFile(ctx, file); err != nil {
			return err
		}
	}
	return nil
}

var bangkok = time.FixedZone("Asia/Bangkok", 7*3600)

// csvTable is one CSV file of the zip.
type csvTable struct {
	w    *csv.Writer
	rows int
}

func (t *csvTable) row(cells ...string) error {
	t.rows++
	return t.w.Write(cells)
}

func opt(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func optInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// WriteCSVZip writes the published data as HSDS 3.0 tabular files (one CSV
// per table, UTF-8, header row, HSDS column names) in a zip, with a
// datapackage.json that lists them and names the licence. Every table is
// read in ID order by keyset, so memory stays flat on the national data.
func WriteCSVZip(ctx context.Context, db *store.DB, base string, w io.Writer) (map[string]int, error) {
	z := zip.NewWriter(w)
	made := time.Now()
	create := func(name string) (io.Writer, error) {
		return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: made})
	}
	url := func(p string) string { return base + p }
	counts := map[string]int{}
	// One zip entry at a time: a zip writer writes entries in sequence, so
	// each table is written whole before the next begins. Phones,
	// addresses, schedules and attributes belong to several parents, so
	// their rows are gathered per parent table and written after it.
	type table struct {
		name   string
		header []string
		fill   func(t *csvTable, side map[string]*sideTable) error
	}
	side := map[string]*sideTable{}
	for _, name := range []string{"phones", "addresses", "schedules", "attributes", "cost_options", "required_documents", "service_areas"} {
		side[name] = newSideTable(name)
		defer side[name].close()
	}
	tables := []table{
		{"organizations", []string{"id", "name", "alternate_name", "description", "email", "website", "uri", "parent_organization_id"},
			func(t *csvTable, side map[string]*sideTable) error {
				var after int64
				for {
					list, _, err := db.OpenOrganizations(ctx, store.OpenFilter{AfterID: after, Limit: 1000})
					if err != nil || len(list) == 0 {
						return err
					}
					for _, a := range list {
						o := mapOrganization(a, url)
						if err := t.row(o.ID, o.Name, o.AlternateName, o.Description, o.Email, o.Website, o.URI, opt(o.ParentOrganizationID)); err != nil {
							return err
						}
						for _, p := range o.Phones {
							side["phones"].add(p.ID, o.ID, "", "", p.Number, optInt(p.Extension))
						}
						after = a.ID
					}
					if err := side["phones"].spill(); err != nil {
						return err
					}
				}
			}},
		{"services", []string{"id", "organization_id", "name", "alternate_name", "description", "url", "status", "application_process",
			"fees_description", "eligibility_description", "alert", "last_modified"},
			func(t *csvTable, side map[string]*sideTable) error {
				for _, kind := range []string{store.OpenManual, store.OpenOther} {
					var after int64
					for {
						list, _, err := db.OpenServices(ctx, store.OpenFilter{Kind: kind, AfterID: after, Limit: 500})
						if err != nil {
							return err
						}
						if len(list) == 0 {
							break
						}
						for _, s := range list {
							m := mapService(s, url)
							if err := t.row(m.ID, m.OrganizationID, m.Name, m.AlternateName, m.Description, m.URL, m.Status, m.ApplicationProcess,
								m.FeesDescription, m.EligibilityDescription, m.Alert, m.LastModified); err != nil {
								return err
							}
							for _, p := range m.Phones {
								side["phones"].add(p.ID, "", m.ID, "", p.Number, optInt(p.Extension))
							}
							for _, a := range m.Attributes {
								side["attributes"].add(a.ID, a.LinkID, a.LinkType, a.LinkEntity, a.TaxonomyTermID, a.Value)
							}
							for _, c := range m.CostOptions {
								side["cost_options"].add(c.ID, c.ServiceID, c.Option, c.Currency, optFloat(c.Amount), c.AmountDescription)
							}
							for _, d := range m.RequiredDocuments {
								side["required_documents"].add(d.ID, d.ServiceID, d.Document)
							}
							for _, a := range m.ServiceAreas {
								side["service_areas"].add(a.ID, a.ServiceID, a.Name)
							}
							after = s.ID
						}
						for _, n := range []string{"phones", "attributes", "cost_options", "required_documents", "service_areas"} {
							if err := side[n].spill(); err != nil {
								return err
							}
						}
					}
				}
				return nil
			}},
		{"locations", []string{"id", "location_type", "url", "organization_id", "name", "alternate_name", "description", "latitude", "longitude"},
			func(t *csvTable, side map[string]*sideTable) error {
				var after int64
				for {
					list, _, err := db.OpenLocations(ctx, store.OpenFilter{AfterID: after, Limit: 1000})
					if err != nil || len(list) == 0 {
						return err
					}
					for _, p := range list {
						l := mapLocation(p, url)
						if err := t.row(l.ID, l.LocationType, l.URL, l.OrganizationID, l.Name, l.AlternateName, l.Description,
							optFloat(l.Latitude), optFloat(l.Longitude)); err != nil {
							return err
						}
						for _, ph := range l.Phones {
							side["phones"].add(ph.ID, "", "", l.ID, ph.Number, optInt(ph.Extension))
						}
						for _, a := range l.Addresses {
							side["addresses"].add(a.ID, a.LocationID, a.Address1, a.Address2, a.City, a.StateProvince, a.PostalCode, a.Country, a.AddressType)
						}
						for _, s := range l.Schedules {
							side["schedules"].add(s.ID, s.LocationID, s.Freq, s.Wkst, s.ByDay, s.OpensAt, s.ClosesAt, strconv.Itoa(s.Timezone), s.Description, s.Notes)
						}
						after = p.ID
					}
					for _, n := range []string{"phones", "addresses", "schedules"} {
						if err := side[n].spill(); err != nil {
							return err
						}
					}
				}
			}},
		{"service_at_locations", []string{"id", "service_id", "location_id"},
			func(t *csvTable, side map[string]*sideTable) error {
				list, _, err := db.OpenPins(ctx, store.OpenFilter{Limit: -1})
				if err != nil {
					return err
				}
				for _, p := range list {
					s := mapSAL(p)
					if err := t.row(s.ID, s.ServiceID, s.LocationID); err != nil {
						return err
					}
				}
				return nil
			}},
		{"taxonomy_terms", []string{"id", "code", "name", "description", "parent_id", "taxonomy_id", "language"},
			func(t *csvTable, side map[string]*sideTable) error {
				var after int64
				for {
					list, _, err := db.OpenTerms(ctx, store.OpenFilter{AfterID: after, Limit: 1000})
					if err != nil || len(list) == 0 {
						return err
					}
					for _, x := range list {
						m := mapTerm(x)
						if err := t.row(m.ID, m.Code, m.Name, m.Description, opt(m.ParentID), m.TaxonomyID, m.Language); err != nil {
							return err
						}
						after = x.ID
					}
				}
			}},
	}
	var resources []map[string]any
	for _, tb := range tables {
		fw, err := create(tb.name + ".csv")
		if err != nil {
			return nil, err
		}
		t := &csvTable{w: csv.NewWriter(fw)}
		if err := t.w.Write(tb.header); err != nil {
			return nil, err
		}
		if err := tb.fill(t, side); err != nil {
			return nil, err
		}
		t.w.Flush()
		if err := t.w.Error(); err != nil {
			return nil, err
		}
		counts[tb.name] = t.rows
		resources = append(resources, map[string]any{"name": tb.name, "path": tb.name + ".csv", "format": "csv", "encoding": "utf-8"})
	}
	// The side tables, spilled to temporary storage as their parents were
	// read, follow.
	for _, name := range []string{"phones", "addresses", "schedules", "attributes", "cost_options", "required_documents", "service_areas"} {
		st := side[name]
		fw, err := create(name + ".csv")
		if err != nil {
			return nil, err
		}
		n, err := st.writeTo(fw)
		if err != nil {
			return nil, err
		}
		counts[name] = n
		resources = append(resources, map[string]any{"name": name, "path": name + ".csv", "format": "csv", "encoding": "utf-8"})
	}
	fw, err := create("datapackage.json")
	if err != nil {
		return nil, err
	}
	pkg := map[string]any{
		"name": "openinfo-hsds", "title": "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ: published agencies, service points and citizen manuals (HSDS 3.0)",
		"profile": "tabular-data-package", "homepage": base + "/open-data", "created": made.UTC().Format(time.RFC3339),
		"licenses":  []map[string]string{{"name": "CC-BY-4.0", "path": LicenceURL, "title": "Creative Commons Attribution 4.0 International"}},
		"resources": resources,
	}
	enc := json.NewEncoder(fw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return nil, err
	}
	return counts, z.Close()
}

var sideHeaders = map[string][]string{
	"phones":             {"id", "organization_id", "service_id", "location_id", "number", "extension"},
	"addresses":          {"id", "location_id", "address_1", "address_2", "city", "state_province", "postal_code", "country", "address_type"},
	"schedules":          {"id", "location_id", "freq", "wkst", "byday", "opens_at", "closes_at", "timezone", "description", "notes"},
	"attributes":         {"id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value"},
	"cost_options":       {"id", "service_id", "option", "currency", "amount", "amount_description"},
	"required_documents": {"id", "service_id", "document"},
	"service_areas":      {"id", "service_id", "name"},
}

// sideTable gathers the rows of a table whose parents are read elsewhere
// in a temporary file (the zip takes one entry at a time).
type sideTable struct {
	name string
	f    *os.File
	w    *csv.Writer
	rows int
	err  error
}

func newSideTable(name string) *sideTable { return &sideTable{name: name} }

func (s *sideTable) add(cells ...string) {
	if s.err != nil {
		return
	}
	if s.f == nil {
		if s.f, s.err = os.CreateTemp("", "openinfo-opendata-"+s.name+"-*.csv"); s.err != nil {
			return
		}
		s.w = csv.NewWriter(s.f)
	}
	s.rows++
	s.err = s.w.Write(cells)
}

// spill flushes the rows gathered so far to the temporary file.
func (s *sideTable) spill() error {
	if s.err == nil && s.w != nil {
		s.w.Flush()
		s.err = s.w.Error()
	}
	return s.err
}

// writeTo writes the header and every row into w and removes the temporary file.
func (s *sideTable) writeTo(w io.Writer) (int, error) {
	defer s.close()
	cw := csv.NewWriter(w)
	if err := cw.Write(sideHeaders[s.name]); err != nil {
		return 0, err
	}
	cw.Flush()
	if err := s.spill(); err != nil {
		return 0, err
	}
	if s.f != nil {
		if _, err := s.f.Seek(0, io.SeekStart); err != nil {
			return 0, err
		}
		if _, err := io.Copy(w, s.f); err != nil {
			return 0, err
		}
	}
	return s.rows, cw.Error()
}

func (s *sideTable) close() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}
