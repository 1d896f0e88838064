package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// Dataset is a batch of agencies and service points to load at once (demo
// data, gen-data, migrations from the legacy systems). IDs are local to the
// batch: agencies 1..N with parents before children, points referring to them.
type Dataset struct {
	Agencies []openinfo.Agency
	Points   []openinfo.ServicePoint
	// Processes are published manuals with their pins (import_manuals.go).
	Processes []ImportProcess
}

// ImportResult says what an import wrote.
type ImportResult struct {
	Agencies, Points int
	// AgencyOffset and PointOffset were added to the batch's IDs to make them
	// unique in the database.
	AgencyOffset, PointOffset int64
	// Processes and Pins count the manuals and their pins; ProcessOffset
	// was added to the processes' IDs.
	Processes, Pins int
	ProcessOffset   int64
}

// Import validates every record, then writes the batch in one transaction with
// multi-row inserts: all or nothing. progress (may be nil) is called per chunk.
func (d *DB) Import(ctx context.Context, ds *Dataset, progress func(stage string, done, total int)) (*ImportResult, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	seen := make(map[int64]string, len(ds.Agencies))
	for i := range ds.Agencies {
		a := &ds.Agencies[i]
		a.Normalize()
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("agency %d (%s): %w", a.ID, a.NameTH, err)
		}
		pp := "/"
		if a.ParentID != 0 {
			var ok bool
			if pp, ok = seen[a.ParentID]; !ok {
				return nil, fmt.Errorf("agency %d (%s): parent %d is not earlier in the batch", a.ID, a.NameTH, a.ParentID)
			}
		}
		if _, dup := seen[a.ID]; dup || a.ID <= 0 {
			return nil, fmt.Errorf("agency %d (%s): missing or repeated ID", a.ID, a.NameTH)
		}
		seen[a.ID] = pp + strconv.FormatInt(a.ID, 10) + "/"
	}
	for i := range ds.Points {
		p := &ds.Points[i]
		p.Normalize()
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("service point %d (%s): %w", p.ID, p.NameTH, err)
		}
		if _, ok := seen[p.AgencyID]; !ok {
			return nil, fmt.Errorf("service point %d (%s): agency %d is not in the batch", p.ID, p.NameTH, p.AgencyID)
		}
	}
	if err := checkProcesses(ds, seen, progress); err != nil {
		return nil, err
	}
	res := &ImportResult{Agencies: len(ds.Agencies), Points: len(ds.Points)}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM agencies`).Scan(&res.AgencyOffset); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM service_points`).Scan(&res.PointOffset); err != nil {
			return err
		}
		now := d.now()
		off, poff := res.AgencyOffset, res.PointOffset
		shift := func(path string) string {
			parts := strings.Split(strings.Trim(path, "/"), "/")
			for i, s := range parts {
				n, _ := strconv.ParseInt(s, 10, 64)
				parts[i] = strconv.FormatInt(n+off, 10)
			}
			return "/" + strings.Join(parts, "/") + "/"
		}
		agencyRow := func(i int) []any {
			a := &ds.Agencies[i]
			parent := nullID(0)
			if a.ParentID != 0 {
				parent = nullID(a.ParentID + off)
			}
			path := shift(seen[a.ID])
			phones, _ := json.Marshal(a.Contact.Phones)
			if a.Contact.Phones == nil {
				phones = []byte("[]")
			}
			c := a.Contact.Address
			return []any{a.ID + off, parent, path, strings.Count(path, "/") - 2, a.Type, a.NameTH, a.NameEN,
				openinfo.SortKey(a.NameTH), a.ShortName, c.Line, c.Subdistrict, c.District, c.ProvinceCode, c.Postcode,
				string(phones), a.Contact.Email, a.Contact.Website, a.Status, 1, now, now}
		}
		if err := d.bulkInsert(ctx, tx, "agencies", `id, parent_id, path, depth, type, name_th, name_en, sort_key, short_name,
			address, subdistrict, district, province, postcode, phones, email, website, status, version, created_at, updated_at`,
			len(ds.Agencies), agencyRow, func(done int) { progress("agencies", done, len(ds.Agencies)) }); err != nil {
			return err
		}
		pointRow := func(i int) []any {
			p := &ds.Points[i]
			q := *p
			q.AgencyID += off
			return append(append([]any{p.ID + poff}, pointArgs(&q)...), 1, now, now)
		}
		if err := d.bulkInsert(ctx, tx, "service_points", `id, agency_id, name_th, name_en, sort_key, kind, address, subdistrict,
			district, province, postcode, lat, lon, phones, email, url, hours, visible, version, created_at, updated_at`,
			len(ds.Points), pointRow, func(done int) { progress("service points", done, len(ds.Points)) }); err != nil {
			return err
		}
		if err := d.fillRateCodes(ctx, tx); err != nil { // rating codes (openinfo.RateCodeFor)
			return err
		}
		if err := d.importProcesses(ctx, tx, ds, res, progress); err != nil {
			return err
		}
		if d.dialect == Postgres {
			// Explicit IDs do not advance identity sequences; later inserts would collide.
			for _, t := range []string{"agencies", "service_points"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM `+t+`), false)`); err != nil {
					return err
				}
			}
		}
		return d.audit(ctx, tx, "dataset.import", "dataset", 0, nil,
			map[string]int{"agencies": res.Agencies, "service_points": res.Points, "processes": res.Processes})
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// bulkInsert writes n rows in multi-row INSERTs.
func (d *DB) bulkInsert(ctx context.Context, tx *sql.Tx, table, columns string, n int, row func(int) []any, progress func(int)) error {
	ncol := strings.Count(columns, ",") + 1
	// Few round trips matter on PostgreSQL. SQLite has no round trips, and its
	// driver looks each parameter's name up in a list, so a statement's cost
	// grows with the square of its parameters: one row per statement is
	// fastest there (national data: 7 s instead of 55 s with 760-row statements).
	per := 16000 / ncol
	if d.dialect == SQLite {
		per = 1
	}
	var stmt *sql.Stmt
	stmtRows := 0
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, per*ncol)
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		if stmt == nil || stmtRows != end-start {
			if stmt != nil {
				stmt.Close()
			}
			var b strings.Builder
			b.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
			for r := 0; r < end-start; r++ {
				if r > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('(')
				for c := 0; c < ncol; c++ {
					if c > 0 {
						b.WriteByte(',')
					}
					b.WriteString("$" + strconv.Itoa(r*ncol+c+1))
				}
				b.WriteByte(')')
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, b.String()); err != nil {
				return err
			}
			stmtRows = end - start
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		progress(end)
	}
	return nil
}

// LoadDemoOnce imports ds if no demo data was ever loaded. It claims the
// meta key in its own transaction first, so of several nodes starting on one
// empty PostgreSQL only one loads it.
//
// The catalog is seeded first and terms (the demo's tags) added to it, so
// the demo's processes may name them.
func (d *DB) LoadDemoOnce(ctx context.Context, ds *Dataset, terms ...openinfo.CatalogTerm) (bool, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM agencies`).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	var claimed bool
	if err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		claimed, err = claimMeta(ctx, tx, "demo_loaded", d.now().Format("2006-01-02T15:04:05Z"))
		return err
	}); err != nil || !claimed {
		return false, err
	}
	err := d.SeedCatalog(ctx)
	for _, t := range terms {
		if err == nil {
			_, err = d.db.ExecContext(ctx, `INSERT INTO catalog_terms (kind, code, name_th, name_en, active) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (kind, code) DO NOTHING`, t.Kind, t.Code, t.NameTH, t.NameEN, true)
		}
	}
	if err == nil {
		_, err = d.Import(ctx, ds, nil)
	}
	if err != nil {
		// Let a later start try again.
		d.db.ExecContext(ctx, `DELETE FROM meta WHERE key = 'demo_loaded'`)
		return false, err
	}
	return true, nil
}
