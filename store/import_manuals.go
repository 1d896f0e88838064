package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/openinfo/openinfo"
)

// ImportProcess is a process to import with its manual, published, and its
// pins (gen-data's manuals, migrations from the legacy system). IDs are local
// to the batch like those of agencies and points.
type ImportProcess struct {
	ID          int64 // 1..K, unique in the batch
	AgencyID    int64 // an agency of the batch
	NameTH      string
	NameEN      string
	CommonNames []string
	TermCodes   []string // Service Catalog codes of any kind; each must name one active term
	// Content must pass the submission check; it is stored as given, so
	// normalize content typed by people first (ManualContent.Normalize, which
	// would cost more than the rest of a national import together).
	Content  openinfo.ManualContent
	PointIDs []int64 // service points of the batch the process is offered at
}

// importComment is the history entry of an imported manual's publication.
const importComment = "นำเข้าพร้อมชุดข้อมูล (เผยแพร่แล้ว)"

// checkProcesses normalizes the names and validates the batch's processes
// before the transaction: the content must pass the submission check, the
// agency and the pinned points must be in the batch. It uses every core:
// validating 200,000 manuals is the slow part of the check.
func checkProcesses(ds *Dataset, agencies map[int64]string, progress func(string, int, int)) error {
	if len(ds.Processes) == 0 {
		return nil
	}
	points := make(map[int64]struct{}, len(ds.Points))
	for i := range ds.Points {
		points[ds.Points[i].ID] = struct{}{}
	}
	seen := make(map[int64]struct{}, len(ds.Processes))
	for i := range ds.Processes {
		p := &ds.Processes[i]
		if _, dup := seen[p.ID]; dup || p.ID <= 0 {
			return fmt.Errorf("process %d (%s): missing or repeated ID", p.ID, p.NameTH)
		}
		seen[p.ID] = struct{}{}
		if _, ok := agencies[p.AgencyID]; !ok {
			return fmt.Errorf("process %d (%s): agency %d is not in the batch", p.ID, p.NameTH, p.AgencyID)
		}
		for _, pt := range p.PointIDs {
			if _, ok := points[pt]; !ok {
				return fmt.Errorf("process %d (%s): service point %d is not in the batch", p.ID, p.NameTH, pt)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8)
	errs := make([]error, len(ds.Processes))
	n := len(ds.Processes)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if w == 0 && i%(1000*workers) == 0 {
					progress("manual checks", i, n)
				}
				p := &ds.Processes[i]
				proc := openinfo.Process{AgencyID: p.AgencyID, NameTH: p.NameTH, NameEN: p.NameEN, CommonNames: p.CommonNames}
				proc.Normalize()
				if err := proc.Validate(); err != nil {
					errs[i] = err
					continue
				}
				p.NameTH, p.NameEN, p.CommonNames = proc.NameTH, proc.NameEN, proc.CommonNames
				errs[i] = p.Content.Validate()
			}
		}()
	}
	wg.Wait()
	progress("manual checks", n, n)
	for i, err := range errs {
		if err != nil {
			p := &ds.Processes[i]
			return fmt.Errorf("process %d (%s): %w", p.ID, p.NameTH, err)
		}
	}
	return nil
}

// catalogIDs maps each active catalog code to its term's ID; a code used by
// terms of two kinds maps to 0 (ambiguous).
func catalogIDs(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code FROM catalog_terms WHERE active = $1`, true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		if _, dup := ids[code]; dup {
			ids[code] = 0
		} else {
			ids[code] = id
		}
	}
	return ids, rows.Err()
}

// importProcesses writes the batch's processes inside Import's transaction:
// the processes, their catalog terms, one published revision each with its
// history record, and the pins, shifted by the offsets in res.
func (d *DB) importProcesses(ctx context.Context, tx *sql.Tx, ds *Dataset, res *ImportResult, progress func(string, int, int)) error {
	res.Processes = len(ds.Processes)
	if len(ds.Processes) == 0 {
		return nil
	}
	terms, err := catalogIDs(ctx, tx)
	if err != nil {
		return err
	}
	// Resolve every code first: fail before writing anything more.
	type termRow struct{ process, term int64 }
	var termRows []termRow
	for i := range ds.Processes {
		p := &ds.Processes[i]
		var mine []int64
		for _, code := range p.TermCodes {
			id, ok := terms[code]
			switch {
			case !ok:
				return fmt.Errorf("process %d (%s): no active catalog term %q (seed the catalog first)", p.ID, p.NameTH, code)
			case id == 0:
				return fmt.Errorf("process %d (%s): catalog code %q names terms of several kinds", p.ID, p.NameTH, code)
			}
			dup := false
			for _, x := range mine {
				dup = dup || x == id
			}
			if !dup {
				mine = append(mine, id)
				termRows = append(termRows, termRow{p.ID, id})
			}
		}
		if len(mine) > openinfo.MaxProcessTerms {
			return fmt.Errorf("process %d (%s): more than %d catalog terms", p.ID, p.NameTH, openinfo.MaxProcessTerms)
		}
	}
	var revOff, recOff int64
	for _, q := range []struct {
		table string
		dst   *int64
	}{{"processes", &res.ProcessOffset}, {"manual_revisions", &revOff}, {"revision_records", &recOff}} {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM `+q.table).Scan(q.dst); err != nil {
			return err
		}
	}
	now := d.now()
	off, aoff, poff := res.ProcessOffset, res.AgencyOffset, res.PointOffset
	n := len(ds.Processes)

	if err := d.insertPacked(ctx, tx, "processes", `id, agency_id, name_th, name_en, sort_key, common_names, version, created_at, updated_at`,
		n, 4, func(i int) []any {
			p := &ds.Processes[i]
			names, _ := json.Marshal(nonNil(p.CommonNames))
			return []any{p.ID + off, p.AgencyID + aoff, p.NameTH, p.NameEN, openinfo.SortKey(p.NameTH), string(names), 1, now, now}
		}, func(done int) { progress("processes", done, n) }); err != nil {
		return err
	}
	if err := d.insertPacked(ctx, tx, "process_terms", `process_id, term_id`, len(termRows), 32, func(i int) []any {
		return []any{termRows[i].process + off, termRows[i].term}
	}, func(done int) { progress("manual terms", done, len(termRows)) }); err != nil {
		return err
	}
	// The content JSON is most of the bytes: encode it ahead of the inserts
	// on the other cores.
	contents := encodeContents(ds.Processes)
	if err := d.bulkInsert(ctx, tx, "manual_revisions", `id, process_id, number, state, content, version, created_by, created_at, updated_at, published_at, search_name, search_text`,
		n, func(i int) []any {
			c := <-contents[i%len(contents)]
			return []any{revOff + int64(i) + 1, ds.Processes[i].ID + off, 1, openinfo.RevPublished, c.json, 1, 0, now, now, now, ds.Processes[i].Content.Name, c.text}
		}, func(done int) { progress("manual revisions", done, n) }); err != nil {
		drain(contents)
		return err
	}
	if err := d.insertPacked(ctx, tx, "revision_records", `id, revision_id, from_state, to_state, event, actor_id, at, comment`,
		n, 8, func(i int) []any {
			return []any{recOff + int64(i) + 1, revOff + int64(i) + 1, openinfo.RevWaitingStep2, openinfo.RevPublished,
				openinfo.EvApproveStep2, 0, now, importComment}
		}, func(done int) { progress("manual history", done, n) }); err != nil {
		return err
	}
	type pin struct{ point, process int64 }
	var pins []pin
	for i := range ds.Processes {
		p := &ds.Processes[i]
		for j, pt := range p.PointIDs {
			dup := false
			for _, x := range p.PointIDs[:j] {
				dup = dup || x == pt
			}
			if !dup {
				pins = append(pins, pin{pt + poff, p.ID + off})
			}
		}
	}
	res.Pins = len(pins)
	if err := d.insertPacked(ctx, tx, "point_processes", `point_id, process_id`, len(pins), 32, func(i int) []any {
		return []any{pins[i].point, pins[i].process}
	}, func(done int) { progress("manual pins", done, len(pins)) }); err != nil {
		return err
	}
	if d.dialect == Postgres {
		for _, t := range []string{"processes", "manual_revisions", "revision_records"} {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM `+t+`), false)`); err != nil {
				return err
			}
		}
	}
	return nil
}

// encodeContents encodes the manuals' content on several goroutines, each
// taking every k-th manual in order and sending its JSON on its own channel:
// reading the channels round-robin yields the manuals in order.
// encoded is a manual's content as stored: its JSON and its search text.
type encoded struct{ json, text string }

func encodeContents(ps []ImportProcess) []chan encoded {
	k := max(1, min(runtime.GOMAXPROCS(0)-1, 4))
	chans := make([]chan encoded, k)
	for w := range k {
		ch := make(chan encoded, 256)
		chans[w] = ch
		go func() {
			defer close(ch)
			for i := w; i < len(ps); i += k {
				b, err := json.Marshal(&ps[i].Content)
				if err != nil { // cannot happen: the content is plain data
					panic(err)
				}
				ch <- encoded{string(b), ps[i].Content.SearchText()}
			}
		}()
	}
	return chans
}

// drain lets the encoders finish after a failed insert.
func drain(chans []chan encoded) {
	for _, ch := range chans {
		go func() {
			for range ch {
			}
		}()
	}
}

// insertPacked is bulkInsert for tables of few or small columns (the link
// tables, the revision history). On SQLite it packs sqliteRows rows into a
// statement: with few parameters the driver's per-parameter cost stays
// small, and one statement per row would make the pins the slowest part of
// an import.
func (d *DB) insertPacked(ctx context.Context, tx *sql.Tx, table, columns string, n, sqliteRows int, row func(int) []any, progress func(int)) error {
	if d.dialect != SQLite {
		return d.bulkInsert(ctx, tx, table, columns, n, row, progress)
	}
	ncol := strings.Count(columns, ",") + 1
	prepare := func(rows int) (*sql.Stmt, error) {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		for r := range rows {
			if r > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for c := range ncol {
				if c > 0 {
					b.WriteByte(',')
				}
				b.WriteString("$" + strconv.Itoa(r*ncol+c+1))
			}
			b.WriteByte(')')
		}
		return tx.PrepareContext(ctx, b.String())
	}
	full, err := prepare(sqliteRows)
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, sqliteRows*ncol)
	for start := 0; start < n; start += sqliteRows {
		end := min(start+sqliteRows, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		stmt := full
		if end-start < sqliteRows {
			if stmt, err = prepare(end - start); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		progress(end)
	}
	return nil
}
