package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// Outcome is what an import did with one record.
type Outcome string

const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
	Refused   Outcome = "refused"
)

// BundleItem is one checked record to import, with the hash of its
// normalized line.
type BundleItem struct {
	Rec  bundle.Record
	Hash string
	// Outcome and Issues are filled by ImportBundleBatch.
	Outcome Outcome
	Issues  []bundle.Issue
	// prep is the stored form of a manual's revisions, by number
	// (PrepareBundleItem).
	prep map[int]storedContent
}

// storedContent is a revision's content as stored: its JSON and search text.
type storedContent struct{ json, text string }

// PrepareBundleItem computes ahead what writing the item costs in CPU (a
// manual's content JSON and search text), so the import's parsing
// goroutines do it rather than the one that writes.
func PrepareBundleItem(it *BundleItem) error {
	p, ok := it.Rec.(*bundle.Process)
	if !ok {
		return nil
	}
	it.prep = make(map[int]storedContent, len(p.Revisions))
	for i := range p.Revisions {
		rv := &p.Revisions[i]
		b, err := json.Marshal(&rv.Content)
		if err != nil {
			return err
		}
		it.prep[rv.Number] = storedContent{string(b), rv.Content.SearchText()}
	}
	return nil
}

// BundleBatch is the state an import carries from batch to batch.
type BundleBatch struct {
	// Self is the source name of this database's own records: a reference
	// (source Self, legacy ID N) with no mapping is local record N.
	Self string
	// DryRun rolls every batch back. Keys holds the records a dry run
	// would have made (with made-up negative IDs) so later references to
	// them resolve.
	DryRun bool
	Keys   map[string]int64
	// Refused holds the keys of refused records, so a reference to one is
	// reported as such.
	Refused map[string]bool
	fake    int64
	terms   map[bundle.Term]int64
	// ids caches resolved references (bounded: maxCached); agencyOf the
	// agency of each point ratings referred to.
	ids      map[string]int64
	agencyOf map[int64]int64
	pre      map[string]int64 // the current batch's references, looked up together (prefetch)
	// RatingsChanged says the rating roll-ups must be rebuilt, and
	// LicencesChanged the licence roll-up.
	RatingsChanged  bool
	LicencesChanged bool
	// Files opens the bundle's files/ (manual attachments, Section 10/16
	// documents, delay letters).
	Files BundleFiles
	// Bulk says batches changed too much to announce record by record:
	// AnnounceBundleImport tells running nodes to reload.
	Bulk bool
}

// AnnounceBundleImport ends an import that changed many records: one
// "dataset" entry in the audit log, on which every node's search feed
// reloads (and empties its page cache); and the rating roll-ups are
// rebuilt if ratings came in.
func (d *DB) AnnounceBundleImport(ctx context.Context, b *BundleBatch, counts map[string]int) error {
	if b.DryRun {
		return nil
	}
	if b.RatingsChanged {
		if err := d.RebuildRatingRollups(ctx); err != nil {
			return err
		}
	}
	if b.LicencesChanged {
		if err := d.RebuildLicenceRollup(ctx); err != nil {
			return err
		}
	}
	if !b.Bulk && !b.RatingsChanged && !b.LicencesChanged {
		return nil
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		return d.audit(ctx, tx, "dataset.import", "dataset", 0, nil, counts)
	})
}

// Refuse notes that the record of key k was refused before reaching the
// store (it failed its checks), so references to it say so.
func (b *BundleBatch) Refuse(e bundle.Entity, k bundle.Key) {
	if !referenced(e) {
		return
	}
	if b.Refused == nil {
		b.Refused = map[string]bool{}
	}
	b.Refused[mapKey(e, k.Source, k.LegacyID)] = true
}

// auditEach: a batch changing more records writes one "dataset" entry
// (running nodes reload their search index) instead of one per record.
const auditEach = 200

func mapKey(e bundle.Entity, source, id string) string {
	return string(e) + "\x00" + source + "\x00" + id
}

// lookup finds the local ID of the record (e, source, id): this batch's
// records, then the mapping table, then (for the database's own source)
// the local row itself. hash is the mapping's hash ("" for a local row).
func (b *BundleBatch) lookup(ctx context.Context, tx *stmtTx, e bundle.Entity, source, id string) (local int64, hash string, found bool, err error) {
	mk := mapKey(e, source, id)
	if v, ok := b.Keys[mk]; ok {
		return v, "", true, nil
	}
	if v, ok := b.ids[mk]; ok {
		return v, "", true, nil
	}
	if v, ok := b.pre[mk]; ok {
		return v, "", true, nil
	}
	err = tx.QueryRowContext(ctx, `SELECT local_id, hash FROM bundle_ids WHERE entity = $1 AND source = $2 AND legacy_id = $3`,
		string(e), source, id).Scan(&local, &hash)
	if err == nil {
		if referenced(e) {
			b.cache(mk, local)
		}
		return local, hash, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, err
	}
	if source != b.Self {
		return 0, "", false, nil
	}
	n, perr := strconv.ParseInt(id, 10, 64)
	if perr != nil || n <= 0 {
		return 0, "", false, nil
	}
	table := entityTable[e]
	if table == "" {
		return 0, "", false, nil
	}
	var x int64
	err = tx.QueryRowContext(ctx, `SELECT t.id FROM `+table+` t WHERE t.id = $1 AND NOT EXISTS (SELECT 1 FROM bundle_ids m WHERE m.entity = $2 AND m.local_id = t.id)`,
		n, string(e)).Scan(&x)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	return x, "", err == nil, err
}

var entityTable = map[bundle.Entity]string{
	bundle.Agencies: "agencies", bundle.Points: "service_points", bundle.Processes: "processes", bundle.Services: "other_services",
	bundle.Egov: "egov_records", bundle.LicenceReports: "licence_reports", bundle.DelayNotices: "delay_cases", bundle.Ratings: "ratings", bundle.Officers: "users", bundle.Tokens: "officer_tokens",
}

// auditEntity is the audit log's (and the change feed's) name of an entity.
var auditEntity = map[bundle.Entity]string{
	bundle.Agencies: "agency", bundle.Points: "service_point", bundle.Processes: "process", bundle.Services: "other_service",
	bundle.Egov: "egov_record", bundle.DelayNotices: "delay_case", bundle.Officers: "user", bundle.Tokens: "officer_token",
}

// refFailed is the issue of an unresolved reference.
func (b *BundleBatch) refFailed(e bundle.Entity, field string, r bundle.Ref) bundle.Issue {
	if b.Refused[mapKey(e, r.Source, r.LegacyID)] {
		return bundle.Issue{Field: field, TH: "อ้างถึงระเบียนที่ไม่ผ่านการตรวจสอบ (" + e.Label().TH + " " + r.String() + ")",
			EN: "Refers to a refused record (" + e.Label().EN + " " + r.String() + ")."}
	}
	return bundle.Issue{Field: field, TH: "ไม่พบระเบียนที่อ้างถึง (" + e.Label().TH + " " + r.String() + ")",
		EN: "Refers to a missing record (" + e.Label().EN + " " + r.String() + ")."}
}

// errRefused ends one record's import with its issues.
type errRefused struct {
	issues []bundle.Issue
	late   bool // refused after writing: the record's writes must be undone
}

func (e *errRefused) Error() string { return "refused" }

func refuse(field, th, en string) error {
	return &errRefused{issues: []bundle.Issue{{Field: field, TH: th, EN: en}}, late: true}
}

// resolver resolves a record's references, gathering the failures.
type resolver struct {
	ctx    context.Context
	tx     *stmtTx
	b      *BundleBatch
	issues []bundle.Issue
	err    error
	fake   bool // a reference to a record a dry run would have made: nothing more to check
}

func (r *resolver) id(e bundle.Entity, field string, ref bundle.Ref) int64 {
	if r.err != nil {
		return 0
	}
	id, _, ok, err := r.b.lookup(r.ctx, r.tx, e, ref.Source, ref.LegacyID)
	if err != nil {
		r.err = err
		return 0
	}
	if !ok {
		r.issues = append(r.issues, r.b.refFailed(e, field, ref))
	}
	r.fake = r.fake || id < 0
	return id
}

func (r *resolver) done() error {
	if r.err != nil {
		return r.err
	}
	if len(r.issues) > 0 {
		return &errRefused{issues: r.issues}
	}
	if r.fake {
		return errDryRef
	}
	return nil
}

// errDryRef stops a dry run's record that refers to one it only pretended
// to make.
var errDryRef = errors.New("dry-run reference")

// ImportBundleBatch imports checked records of entity e in one
// transaction: each is created, updated (its hash changed) or left
// unchanged, keyed on (source, legacy ID) in bundle_ids, which commits with
// the rows, so an interrupted import resumes where it stopped. A record
// whose references do not resolve is refused (Outcome and Issues say why).
// In a dry run the transaction is rolled back.
//
// A batch first runs without savepoints; if a record is refused after it
// started writing (or the database refuses it), the batch is rolled back
// and run again with a savepoint around each record.
func (d *DB) ImportBundleBatch(ctx context.Context, e bundle.Entity, items []BundleItem, b *BundleBatch) error {
	err := d.importBatch(ctx, e, items, b, false)
	if errors.Is(err, errRetrySafe) {
		err = d.importBatch(ctx, e, items, b, true)
	}
	return err
}

// errRetrySafe asks for a batch to be run again with savepoints.
var errRetrySafe = errors.New("retry with savepoints")

func (d *DB) importBatch(ctx context.Context, e bundle.Entity, items []BundleItem, b *BundleBatch, safe bool) error {
	if b.Keys == nil {
		b.Keys = map[string]int64{}
	}
	if b.Refused == nil {
		b.Refused = map[string]bool{}
	}
	for i := range items {
		items[i].Outcome, items[i].Issues = "", nil
	}
	batchKeys := []string{}
	rollback := errors.New("dry run")
	err := d.tx(ctx, func(sqltx *sql.Tx) error {
		tx := &stmtTx{tx: sqltx, stmts: map[string]*sql.Stmt{}}
		if e == bundle.Processes && b.terms == nil {
			if err := d.loadTerms(ctx, tx, b); err != nil {
				return err
			}
		}
		own, err := b.lookupMany(ctx, tx, e, items)
		if err != nil {
			return err
		}
		// What the batch's records refer to, in a few queries rather than
		// one per reference (pins and ratings are most of a national bundle).
		b.pre = map[string]int64{}
		defer func() { b.pre = nil }()
		refs := map[bundle.Entity][]bundle.Ref{}
		for i := range items {
			if !own[i].found || own[i].hash != items[i].Hash {
				refsOf(items[i].Rec, refs)
			}
		}
		for re, list := range refs {
			if err := b.prefetch(ctx, tx, re, list); err != nil {
				return err
			}
		}
		var changed []int64
		var maps [][]any // new mappings, written together at the end
		pinsMade := 0
		if e == bundle.Ratings && !b.DryRun {
			n, err := d.bulkRatings(ctx, tx, items, own, b, &maps)
			if err != nil {
				return err
			}
			b.RatingsChanged = b.RatingsChanged || n > 0
		}
		for i := range items {
			it := &items[i]
			if it.Outcome != "" { // done in bulk
				continue
			}
			k := it.Rec.RecordKey()
			mk := mapKey(e, k.Source, k.LegacyID)
			sp := "b" + strconv.Itoa(i)
			o := own[i]
			if o.found && o.local < 0 { // dry run: made earlier in this run
				it.Outcome = Updated
				continue
			}
			if o.found && o.hash == it.Hash {
				it.Outcome = Unchanged
				continue
			}
			if rm, ok := it.Rec.(*bundle.Removal); ok {
				if err := d.importRemoval(ctx, tx, e, it, rm, o, b); err != nil {
					return err
				}
				if it.Outcome == Removed {
					if ent := auditEntity[e]; ent == "" || e == bundle.Processes {
						b.Bulk = true // the pages and the search index forget it
					} else {
						changed = append(changed, o.local)
					}
					if referenced(e) {
						delete(b.Keys, mk)
						delete(b.ids, mk)
					}
				}
				continue
			}
			if safe {
				if _, err := tx.ExecContext(ctx, `SAVEPOINT `+sp); err != nil {
					return err
				}
			}
			id, err := d.importRecord(ctx, tx, e, it.Rec, o.local, o.found, b, it.prep)
			if errors.Is(err, errDryRef) {
				it.Outcome = Created
				if o.found {
					it.Outcome = Updated
				}
				if referenced(e) {
					b.fake--
					b.Keys[mk] = b.fake
				}
				if safe {
					tx.ExecContext(ctx, `RELEASE SAVEPOINT `+sp)
				}
				continue
			}
			if err != nil && !errors.As(err, new(*errRefused)) && ctx.Err() == nil {
				// The database refused the record (a constraint): report it.
				err = &errRefused{issues: []bundle.Issue{{TH: "ฐานข้อมูลไม่ยอมรับระเบียนนี้: " + err.Error(), EN: "The database refused the record: " + err.Error()}}, late: true}
			}
			if err == nil {
				switch {
				case o.found:
					if o.adopt { // a local record adopted by its key: map it now
						_, err = tx.ExecContext(ctx, `INSERT INTO bundle_ids (entity, source, legacy_id, local_id, hash) VALUES ($1, $2, $3, $4, $5)`,
							string(e), k.Source, k.LegacyID, id, it.Hash)
					} else {
						_, err = tx.ExecContext(ctx, `UPDATE bundle_ids SET hash = $1, local_id = $2 WHERE entity = $3 AND source = $4 AND legacy_id = $5`,
							it.Hash, id, string(e), k.Source, k.LegacyID)
					}
					it.Outcome = Updated
				case e != bundle.Pins:
					maps = append(maps, []any{string(e), k.Source, k.LegacyID, id, it.Hash})
					it.Outcome = Created
				case id == 0: // a pin already there
					it.Outcome = Unchanged
				default:
					it.Outcome = Created
					pinsMade++
				}
				if err == nil && e != bundle.Pins && e != bundle.Ratings {
					changed = append(changed, id)
				}
				if err == nil && e == bundle.Ratings {
					b.RatingsChanged = true
				}
				if err == nil && b.DryRun {
					if referenced(e) {
						b.fake--
						b.Keys[mk] = b.fake
					}
				} else if err == nil && referenced(e) {
					b.Keys[mk] = id
					batchKeys = append(batchKeys, mk)
					b.cache(mk, id)
				}
			}
			var ref *errRefused
			if errors.As(err, &ref) {
				if !safe && ref.late {
					return errRetrySafe
				}
				if safe {
					if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT `+sp); err != nil {
						return err
					}
				}
				it.Outcome, it.Issues = Refused, ref.issues
				if referenced(e) {
					b.Refused[mk] = true
				}
				continue
			}
			if err != nil {
				if !safe && ctx.Err() == nil {
					return errRetrySafe
				}
				return fmt.Errorf("%s %s: %w", e, k, err)
			}
			if safe {
				if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT `+sp); err != nil {
					return err
				}
			}
		}
		if err := d.insertRows(ctx, tx, "bundle_ids", "entity, source, legacy_id, local_id, hash", maps); err != nil {
			return err
		}
		if pinsMade > 0 { // the manuals' pages list their points
			b.Bulk = true
		}
		if len(changed) > 0 {
			ent := auditEntity[e]
			if len(changed) > auditEach || ent == "" || b.Bulk {
				// Running nodes reload everything once, when the import
				// ends (AnnounceBundleImport).
				b.Bulk = true
			} else {
				for _, id := range changed {
					if err := d.audit(ctx, sqltx, ent+".import", ent, id, nil, map[string]any{"bundle": true}); err != nil {
						return err
					}
				}
			}
		}
		if e == bundle.Points {
			if err := d.fillRateCodes(ctx, sqltx); err != nil {
				return err
			}
		}
		if b.DryRun {
			return rollback
		}
		return nil
	})
	// The batch's own keys were only needed within it: later batches find
	// them in bundle_ids (or the cache).
	for _, k := range batchKeys {
		delete(b.Keys, k)
	}
	if errors.Is(err, rollback) {
		return nil
	}
	if err != nil {
		b.dropCache()          // IDs cached in the rolled-back batch
		for i := range items { // nothing of the batch was written
			items[i].Outcome, items[i].Issues = "", nil
		}
	}
	return err
}

// referenced says whether records of e are referred to by others.
func referenced(e bundle.Entity) bool {
	switch e {
	case bundle.Agencies, bundle.Points, bundle.Processes, bundle.Services:
		return true
	}
	return false
}

func (d *DB) loadTerms(ctx context.Context, tx *stmtTx, b *BundleBatch) error {
	b.terms = map[bundle.Term]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, code FROM catalog_terms WHERE active = $1`, true)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t bundle.Term
		if err := rows.Scan(&id, &t.Kind, &t.Code); err != nil {
			return err
		}
		b.terms[t] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if b.DryRun { // a real run seeds the default catalog first (SeedCatalog)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM meta WHERE key = 'catalog_seeded'`).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			for i, t := range openinfo.DefaultCatalog() {
				k := bundle.Term{Kind: t.Kind, Code: t.Code}
				if _, ok := b.terms[k]; !ok && t.Active {
					b.terms[k] = -int64(i) - 1
				}
			}
		}
	}
	return nil
}

// importRecord writes one record: an update of local when found, else an
// insert. It returns the local ID.
func (d *DB) importRecord(ctx context.Context, tx *stmtTx, e bundle.Entity, rec bundle.Record, local int64, found bool, b *BundleBatch,
	prep map[int]storedContent) (int64, error) {
	res := &resolver{ctx: ctx, tx: tx, b: b}
	now := d.now()
	// The files first, before any reference (a dry run checks them even
	// for records that refer to ones it only pretends to make).
	var letters [][]byte
	switch r := rec.(type) {
	case *bundle.Process:
		for i, rv := range r.Revisions {
			for j, a := range rv.Content.Attachments {
				if err := d.sharedFile(ctx, tx, b, fmt.Sprintf("revisions[%d].content.attachments[%d]", i, j),
					bundle.FileRef{Name: a.Name, SHA256: a.Key, Size: a.Size}); err != nil {
					return 0, err
				}
			}
		}
	case *bundle.EgovRecord:
		for _, f := range bundle.FileRefs(r) {
			if err := d.sharedFile(ctx, tx, b, "file_key", f); err != nil {
				return 0, err
			}
		}
	case *bundle.DelayNotice:
		letters = make([][]byte, len(r.Notices))
		for i, n := range r.Notices {
			if n.Letter == nil {
				continue
			}
			data, _, err := b.bundleFile(fmt.Sprintf("notices[%d].letter", i), *n.Letter, true)
			if err != nil {
				return 0, err
			}
			letters[i] = data
		}
	}
	switch r := rec.(type) {
	case *bundle.Agency:
		var parent int64
		if r.Parent != nil {
			parent = res.id(bundle.Agencies, "parent", *r.Parent)
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importAgency(ctx, tx, r, parent, local, found, now)
	case *bundle.Point:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importPoint(ctx, tx, r, agency, local, found, now)
	case *bundle.Process:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		var terms []int64
		for i, t := range r.Terms {
			id, ok := b.terms[t]
			if !ok {
				res.issues = append(res.issues, bundle.Issue{Field: fmt.Sprintf("terms[%d]", i),
					TH: "ไม่พบหมวดหมู่ " + string(t.Kind) + " " + t.Code + " ในบัญชีบริการ", EN: "No active catalog term " + string(t.Kind) + " " + t.Code + "."})
			} else if !slices.Contains(terms, id) {
				terms = append(terms, id)
				res.fake = res.fake || id < 0
			}
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importProcess(ctx, tx, r, agency, terms, local, found, now, prep)
	case *bundle.Service:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		if err := res.done(); err != nil {
			return 0, err
		}
		content, _ := json.Marshal(r.Content)
		if found {
			_, err := tx.ExecContext(ctx, `UPDATE other_services SET agency_id = $1, name_th = $2, name_en = $3, sort_key = $4, content = $5,
				published = $6, version = version + 1, updated_at = $7 WHERE id = $8`,
				agency, r.NameTH, r.NameEN, openinfo.SortKey(r.NameTH), string(content), r.Published, now, local)
			return local, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO other_services (agency_id, name_th, name_en, sort_key, content, published, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id`, agency, r.NameTH, r.NameEN, openinfo.SortKey(r.NameTH), string(content), r.Published, now).Scan(&local)
		return local, err
	case *bundle.Pin:
		point := res.id(bundle.Points, "point", r.Point)
		var other int64
		table, col := "point_processes", "process_id"
		if r.Process != nil {
			other = res.id(bundle.Processes, "process", *r.Process)
		} else {
			other = res.id(bundle.Services, "service", *r.Service)
			table, col = "point_services", "service_id"
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		if b.DryRun && (point < 0 || other < 0) {
			return 0, nil
		}
		made, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (point_id, `+col+`) VALUES ($1, $2) ON CONFLICT DO NOTHING`, point, other)
		if err != nil {
			return 0, err
		}
		return made.RowsAffected()
	case *bundle.EgovRecord:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importEgov(ctx, tx, r, agency, local, found, now)
	case *bundle.LicenceReport:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		process := res.id(bundle.Processes, "process", r.Process)
		kind, reporter := openinfo.ReporterAgency, agency
		if r.Point != nil {
			kind, reporter = openinfo.ReporterPoint, res.id(bundle.Points, "point", *r.Point)
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		if kind == openinfo.ReporterPoint {
			var owner int64
			if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM service_points WHERE id = $1`, reporter).Scan(&owner); err != nil {
				return 0, err
			}
			if owner != agency {
				return 0, refuse("agency", "หน่วยงานของรายงานต้องเป็นหน่วยงานของจุดบริการที่รายงาน", "The report's agency must be its service point's agency.")
			}
		}
		var sub any
		if r.SubmittedAt != nil {
			sub = r.SubmittedAt.UTC()
		}
		c := r.Counts
		args := []any{kind, reporter, agency, process, r.Month, r.State, c.PendingStart, c.Received, c.Issued, c.Refused, c.Withdrawn,
			c.OnTime, c.Late, c.PendingEnd, c.DelayNotices, r.Corrections, sub, now}
		b.LicencesChanged = true
		if found {
			_, err := tx.ExecContext(ctx, `UPDATE licence_reports SET reporter_kind = $1, reporter_id = $2, agency_id = $3, process_id = $4, month = $5,
				state = $6, pending_start = $7, received = $8, issued = $9, refused = $10, withdrawn = $11, on_time = $12, late = $13,
				pending_end = $14, delay_notices = $15, corrections = $16, submitted_at = $17, version = version + 1, updated_at = $18
				WHERE id = $19`, append(args, local)...)
			return local, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO licence_reports (reporter_kind, reporter_id, agency_id, process_id, month, state,
			pending_start, received, issued, refused, withdrawn, on_time, late, pending_end, delay_notices, corrections, submitted_at,
			version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18)
			RETURNING id`, args...).Scan(&local)
		return local, err
	case *bundle.DelayNotice:
		point := res.id(bundle.Points, "point", r.Point)
		process := res.id(bundle.Processes, "process", r.Process)
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importDelay(ctx, tx, r, point, process, local, found, letters)
	case *bundle.Rating:
		point := res.id(bundle.Points, "point", r.Point)
		var process int64
		if r.Process != nil {
			process = res.id(bundle.Processes, "process", *r.Process)
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		return d.importRating(ctx, tx, r, point, process, local, found, b)
	case *bundle.Officer:
		var agency int64
		if r.Agency != nil {
			agency = res.id(bundle.Agencies, "agency", *r.Agency)
		}
		if err := res.done(); err != nil {
			return 0, err
		}
		if !found { // the same person at the same provider, made by a login before the import
			err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE issuer = $1 AND subject = $2`, r.Issuer, r.Subject).Scan(&local)
			if err == nil {
				found = true
			} else if !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
		}
		if found {
			_, err := tx.ExecContext(ctx, `UPDATE users SET issuer = $1, subject = $2, username = $3, given_name = $4, family_name = $5, email = $6,
				phone = $7, agency_id = $8, role = $9, version = version + 1, updated_at = $10 WHERE id = $11`,
				r.Issuer, r.Subject, r.Username, r.GivenName, r.FamilyName, r.Email, r.Phone, nullID(agency), r.Role, now, local)
			return local, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO users (issuer, subject, username, given_name, family_name, email, phone, agency_id, role, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id`,
			r.Issuer, r.Subject, r.Username, r.GivenName, r.FamilyName, r.Email, r.Phone, nullID(agency), r.Role, now).Scan(&local)
		return local, err
	case *bundle.Token:
		agency := res.id(bundle.Agencies, "agency", r.Agency)
		if err := res.done(); err != nil {
			return 0, err
		}
		if !found {
			err := tx.QueryRowContext(ctx, `SELECT id FROM officer_tokens WHERE token_hash = $1`, r.Hash).Scan(&local)
			if err == nil {
				found = true
			} else if !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
		}
		if found {
			_, err := tx.ExecContext(ctx, `UPDATE officer_tokens SET token_hash = $1, token_enc = $2, agency_id = $3, role = $4, issued_at = $5, expires_at = $6
				WHERE id = $7`, r.Hash, r.Sealed, agency, r.Role, r.IssuedAt.UTC(), r.ExpiresAt.UTC(), local)
			return local, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO officer_tokens (token_hash, token_enc, agency_id, role, issued_by, issued_at, expires_at)
			VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id`, r.Hash, r.Sealed, agency, r.Role, r.IssuedAt.UTC(), r.ExpiresAt.UTC()).Scan(&local)
		return local, err
	}
	return 0, refuse("", "รูปแบบรุ่นนี้ยังนำเข้าข้อมูลชนิดนี้ไม่ได้", "This entity cannot be imported yet.")
}

func (d *DB) importAgency(ctx context.Context, tx *stmtTx, r *bundle.Agency, parent, local int64, found bool, now any) (int64, error) {
	if parent < 0 { // dry run: the parent would be made by this import
		return 0, nil
	}
	parentPath := "/"
	if parent != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT path FROM agencies WHERE id = $1`, parent).Scan(&parentPath); err != nil {
			return 0, err
		}
		if found && strings.Contains(parentPath, "/"+strconv.FormatInt(local, 10)+"/") {
			return 0, refuse("parent", "หน่วยงานแม่อยู่ใต้หน่วยงานนี้เอง (วนรอบ)", "The parent is below this agency (a cycle).")
		}
	}
	phones, _ := json.Marshal(r.Contact.Phones)
	if r.Contact.Phones == nil {
		phones = []byte("[]")
	}
	c := r.Contact.Address
	args := []any{nullID(parent), r.Type, r.NameTH, r.NameEN, openinfo.SortKey(r.NameTH), r.ShortName, c.Line, c.Subdistrict, c.District,
		c.ProvinceCode, c.Postcode, string(phones), r.Contact.Email, r.Contact.Website, r.Status, now}
	if found {
		var oldPath string
		if err := tx.QueryRowContext(ctx, `SELECT path FROM agencies WHERE id = $1`, local).Scan(&oldPath); err != nil {
			return 0, err
		}
		newPath := parentPath + strconv.FormatInt(local, 10) + "/"
		if _, err := tx.ExecContext(ctx, `UPDATE agencies SET parent_id = $1, type = $2, name_th = $3, name_en = $4, sort_key = $5, short_name = $6,
			address = $7, subdistrict = $8, district = $9, province = $10, postcode = $11, phones = $12, email = $13, website = $14, status = $15,
			version = version + 1, updated_at = $16 WHERE id = $17`, append(args, local)...); err != nil {
			return 0, err
		}
		if newPath != oldPath { // moved: its subtree's paths follow
			if _, err := tx.ExecContext(ctx, `UPDATE agencies SET path = $1 || substr(path, $2), depth = depth + $3 WHERE path LIKE $4`,
				newPath, len(oldPath)+1, strings.Count(newPath, "/")-strings.Count(oldPath, "/"), oldPath+"%"); err != nil {
				return 0, err
			}
		}
		return local, nil
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO agencies (parent_id, path, depth, type, name_th, name_en, sort_key, short_name, address,
		subdistrict, district, province, postcode, phones, email, website, status, version, created_at, updated_at)
		VALUES ($1, '', 0, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16) RETURNING id`, args...).Scan(&id); err != nil {
		return 0, err
	}
	path := parentPath + strconv.FormatInt(id, 10) + "/"
	_, err := tx.ExecContext(ctx, `UPDATE agencies SET path = $1, depth = $2 WHERE id = $3`, path, strings.Count(path, "/")-2, id)
	return id, err
}

func (d *DB) importPoint(ctx context.Context, tx *stmtTx, r *bundle.Point, agency, local int64, found bool, now any) (int64, error) {
	if agency < 0 {
		return 0, nil
	}
	p := r.Domain()
	p.AgencyID = agency
	args := append(pointArgs(&p), now)
	if found {
		if _, err := tx.ExecContext(ctx, `UPDATE service_points SET agency_id = $1, name_th = $2, name_en = $3, sort_key = $4, kind = $5,
			address = $6, subdistrict = $7, district = $8, province = $9, postcode = $10, lat = $11, lon = $12, phones = $13, email = $14,
			url = $15, hours = $16, visible = $17, version = version + 1, updated_at = $18 WHERE id = $19`, append(args, local)...); err != nil {
			return 0, err
		}
	} else if err := tx.QueryRowContext(ctx, `INSERT INTO service_points (agency_id, name_th, name_en, sort_key, kind, address,
		subdistrict, district, province, postcode, lat, lon, phones, email, url, hours, visible, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18) RETURNING id`, args...).Scan(&local); err != nil {
		return 0, err
	}
	// The point's own openinfo code, when free; else the default one
	// (fillRateCodes, after the batch) and the bundle's as a legacy code.
	codes := slices.Clone(r.RateCodes)
	if r.RateCode != "" {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM service_points WHERE rate_code = $1`, r.RateCode).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `UPDATE service_points SET rate_code = $1 WHERE id = $2`, r.RateCode, local); err != nil {
				return 0, err
			}
		case err != nil:
			return 0, err
		case owner != local:
			codes = append(codes, r.RateCode)
		}
	}
	for _, c := range codes {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT local_id FROM legacy_links WHERE kind = 'rate_code' AND code = $1`, c).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO legacy_links (kind, code, local_id) VALUES ('rate_code', $1, $2)`, c, local); err != nil {
				return 0, err
			}
		case err != nil:
			return 0, err
		case owner != local:
			return 0, refuse("legacy_rate_codes", "รหัสประเมินเดิม "+c+" เป็นของจุดบริการอื่นแล้ว", "Legacy rating code "+c+" already rates another point.")
		}
	}
	return local, nil
}

func (d *DB) importProcess(ctx context.Context, tx *stmtTx, r *bundle.Process, agency int64, terms []int64, local int64, found bool, now any,
	prep map[int]storedContent) (int64, error) {
	if agency < 0 {
		return 0, nil
	}
	names, _ := json.Marshal(nonNil(r.CommonNames))
	if found {
		if _, err := tx.ExecContext(ctx, `UPDATE processes SET agency_id = $1, name_th = $2, name_en = $3, sort_key = $4, common_names = $5,
			version = version + 1, updated_at = $6 WHERE id = $7`, agency, r.NameTH, r.NameEN, openinfo.SortKey(r.NameTH), string(names), now, local); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM process_terms WHERE process_id = $1`, local); err != nil {
			return 0, err
		}
	} else if err := tx.QueryRowContext(ctx, `INSERT INTO processes (agency_id, name_th, name_en, sort_key, common_names, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id`, agency, r.NameTH, r.NameEN, openinfo.SortKey(r.NameTH), string(names), now).Scan(&local); err != nil {
		return 0, err
	}
	for _, t := range terms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO process_terms (process_id, term_id) VALUES ($1, $2)`, local, t); err != nil {
			return 0, err
		}
	}
	if r.LegacyUUID != "" {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT local_id FROM legacy_links WHERE kind = 'manual_uuid' AND code = $1`, r.LegacyUUID).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `DELETE FROM legacy_links WHERE kind = 'manual_uuid' AND local_id = $1`, local); err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO legacy_links (kind, code, local_id) VALUES ('manual_uuid', $1, $2)`, r.LegacyUUID, local); err != nil {
				return 0, err
			}
		case err != nil:
			return 0, err
		case owner != local:
			return 0, refuse("legacy_uuid", "UUID "+r.LegacyUUID+" เป็นของคู่มืออื่นแล้ว", "UUID "+r.LegacyUUID+" already names another manual.")
		}
	}
	// The published revision last: a process has one published revision
	// at a time.
	revs := slices.Clone(r.Revisions)
	slices.SortStableFunc(revs, func(a, b bundle.Revision) int {
		if a.Published != b.Published {
			if a.Published {
				return 1
			}
			return -1
		}
		return a.Number - b.Number
	})
	for _, rv := range revs {
		if !rv.Published || !found { // a new process has no other revision
			continue
		}
		// Another published revision not in the bundle is superseded.
		if _, err := tx.ExecContext(ctx, `UPDATE manual_revisions SET state = $1 WHERE process_id = $2 AND state = $3 AND number <> $4`,
			openinfo.RevSuperseded, local, openinfo.RevPublished, rv.Number); err != nil {
			return 0, err
		}
	}
	for _, rv := range revs {
		sc, ok := prep[rv.Number]
		if !ok {
			b, err := json.Marshal(&rv.Content)
			if err != nil {
				return 0, err
			}
			sc = storedContent{string(b), rv.Content.SearchText()}
		}
		content := sc.json
		var err error
		var pub any
		if rv.PublishedAt != nil {
			pub = rv.PublishedAt.UTC()
		}
		var rid int64
		err = sql.ErrNoRows // a new process: nothing to look up
		if found {
			err = tx.QueryRowContext(ctx, `SELECT id FROM manual_revisions WHERE process_id = $1 AND number = $2`, local, rv.Number).Scan(&rid)
		}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := tx.QueryRowContext(ctx, `INSERT INTO manual_revisions (process_id, number, state, content, version, created_by, created_at, updated_at,
				published_at, search_name, search_text) VALUES ($1, $2, $3, $4, 1, 0, $5, $6, $7, $8, $9) RETURNING id`,
				local, rv.Number, rv.State, content, rv.CreatedAt.UTC(), now, pub, rv.Content.Name, sc.text).Scan(&rid); err != nil {
				return 0, err
			}
			if rv.Published {
				if _, err := tx.ExecContext(ctx, `INSERT INTO revision_records (revision_id, from_state, to_state, event, actor_id, at, comment)
					VALUES ($1, $2, $3, $4, 0, $5, $6)`, rid, openinfo.RevWaitingStep2, openinfo.RevPublished, openinfo.EvApproveStep2, pub, importComment); err != nil {
					return 0, err
				}
			}
		case err != nil:
			return 0, err
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE manual_revisions SET state = $1, content = $2, version = version + 1, created_at = $3, updated_at = $4,
				published_at = $5, search_name = $6, search_text = $7 WHERE id = $8`,
				rv.State, content, rv.CreatedAt.UTC(), now, pub, rv.Content.Name, sc.text, rid); err != nil {
				return 0, err
			}
		}
	}
	return local, nil
}

func (d *DB) importEgov(ctx context.Context, tx *stmtTx, r *bundle.EgovRecord, agency, local int64, found bool, now any) (int64, error) {
	if agency < 0 {
		return 0, nil
	}
	var pub any
	if r.PublishedAt != nil {
		pub = r.PublishedAt.UTC()
	}
	if r.State == openinfo.EgovPublished { // the agency's current one of the section, if another, is superseded
		if _, err := tx.ExecContext(ctx, `UPDATE egov_records SET state = $1, ended_at = $2 WHERE agency_id = $3 AND section = $4 AND state = $5 AND id <> $6`,
			openinfo.EgovSuperseded, now, agency, r.Section, openinfo.EgovPublished, local); err != nil {
			return 0, err
		}
	}
	if found {
		if _, err := tx.ExecContext(ctx, `UPDATE egov_records SET agency_id = $1, section = $2, title = $3, document_no = $4, signed_on = $5,
			effective_on = $6, url = $7, state = $8, published_at = $9, version = version + 1, updated_at = $10, file_key = $11 WHERE id = $12`,
			agency, r.Section, r.Title, r.DocumentNo, r.SignedOn, r.EffectiveOn, r.URL, r.State, pub, now, r.FileKey, local); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM egov_items WHERE record_id = $1`, local); err != nil {
			return 0, err
		}
	} else if err := tx.QueryRowContext(ctx, `INSERT INTO egov_records (agency_id, section, title, document_no, signed_on, effective_on,
		file_key, url, state, created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $11, $7, $8, $9, $9, $10) RETURNING id`,
		agency, r.Section, r.Title, r.DocumentNo, r.SignedOn, r.EffectiveOn, r.URL, r.State, now, pub, r.FileKey).Scan(&local); err != nil {
		return 0, err
	}
	for i, it := range r.Items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO egov_items (record_id, position, kind, name, address, purpose) VALUES ($1, $2, $3, $4, $5, $6)`,
			local, i, it.Kind, it.Name, it.Address, it.Purpose); err != nil {
			return 0, err
		}
	}
	return local, nil
}

func (d *DB) importRating(ctx context.Context, tx *stmtTx, r *bundle.Rating, point, process, local int64, found bool, b *BundleBatch) (int64, error) {
	if point < 0 || process < 0 {
		return 0, nil
	}
	agency, ok := b.agencyOf[point]
	if !ok {
		if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM service_points WHERE id = $1`, point).Scan(&agency); err != nil {
			return 0, err
		}
		if b.agencyOf == nil || len(b.agencyOf) >= maxCached {
			b.agencyOf = map[int64]int64{}
		}
		b.agencyOf[point] = agency
	}
	args := ratingRow(r, point, agency, process)
	if found {
		_, err := tx.ExecContext(ctx, `UPDATE ratings SET point_id = $1, agency_id = $2, process_id = $3, question_set = $4, month = $5, created_at = $6,
			a_process = $7, a_staff = $8, a_facilities = $9, a_result = $10, a_channel = $11, respondent = $12, comment = $13, channel = $14,
			suspect = $15 WHERE id = $16`, append(args, local)...)
		return local, err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO ratings (`+ratingColumns+`, suspect) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		RETURNING id`, args...).Scan(&local)
	return local, err
}

// stmtTx is a transaction that prepares each statement text once: the
// SQLite driver would otherwise parse every statement on every call.
type stmtTx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *stmtTx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	t.stmts[q] = s
	return s, nil
}

func (t *stmtTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if strings.HasPrefix(q, "SAVEPOINT") || strings.HasPrefix(q, "RELEASE") || strings.HasPrefix(q, "ROLLBACK") {
		return t.tx.ExecContext(ctx, q, args...)
	}
	s, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (t *stmtTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	s, err := t.stmt(ctx, q)
	if err != nil {
		return t.tx.QueryRowContext(ctx, q, args...) // reports the same error
	}
	return s.QueryRowContext(ctx, args...)
}

func (t *stmtTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, q, args...)
}

// maxCached bounds the cache of resolved references.
const maxCached = 200_000

func (b *BundleBatch) cache(mk string, id int64) {
	if b.ids == nil || len(b.ids) >= maxCached {
		b.ids = map[string]int64{}
	}
	b.ids[mk] = id
}

func (b *BundleBatch) dropCache() { b.ids = nil; b.agencyOf = nil }

// own is a record's own mapping.
type own struct {
	local int64
	hash  string
	found bool
	adopt bool // a local record of the database's own source, not yet mapped
}

// lookupMany finds the mappings of a batch's records: one query per
// source, then the records of the database's own source not mapped yet.
func (b *BundleBatch) lookupMany(ctx context.Context, tx *stmtTx, e bundle.Entity, items []BundleItem) ([]own, error) {
	out := make([]own, len(items))
	bySource := map[string][]int{}
	for i := range items {
		k := items[i].Rec.RecordKey()
		if v, ok := b.Keys[mapKey(e, k.Source, k.LegacyID)]; ok {
			out[i] = own{local: v, found: true}
			continue
		}
		bySource[k.Source] = append(bySource[k.Source], i)
	}
	for source, idx := range bySource {
		for start := 0; start < len(idx); start += 500 {
			part := idx[start:min(start+500, len(idx))]
			var q strings.Builder
			args := []any{string(e), source}
			q.WriteString(`SELECT legacy_id, local_id, hash FROM bundle_ids WHERE entity = $1 AND source = $2 AND legacy_id IN (`)
			at := map[string][]int{}
			for j, i := range part {
				if j > 0 {
					q.WriteByte(',')
				}
				id := items[i].Rec.RecordKey().LegacyID
				args = append(args, id)
				q.WriteString("$" + strconv.Itoa(len(args)))
				at[id] = append(at[id], i)
			}
			q.WriteByte(')')
			rows, err := tx.QueryContext(ctx, q.String(), args...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var id, hash string
				var local int64
				if err := rows.Scan(&id, &local, &hash); err != nil {
					rows.Close()
					return nil, err
				}
				for _, i := range at[id] {
					out[i] = own{local: local, hash: hash, found: true}
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
		table := entityTable[e]
		if source != b.Self || table == "" {
			continue
		}
		// The database's own records, not mapped yet: adopted by their key.
		at := map[int64][]int{}
		var ids []int64
		for _, i := range idx {
			if out[i].found {
				continue
			}
			n, err := strconv.ParseInt(items[i].Rec.RecordKey().LegacyID, 10, 64)
			if err != nil || n <= 0 {
				continue
			}
			if at[n] == nil {
				ids = append(ids, n)
			}
			at[n] = append(at[n], i)
		}
		for start := 0; start < len(ids); start += 500 {
			rows, err := tx.QueryContext(ctx, `SELECT t.id FROM `+table+` t WHERE t.id IN (`+idList(ids[start:min(start+500, len(ids))])+`)
				AND NOT EXISTS (SELECT 1 FROM bundle_ids m WHERE m.entity = $1 AND m.local_id = t.id)`, string(e))
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return nil, err
				}
				for _, i := range at[id] {
					out[i] = own{local: id, found: true, adopt: true}
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// insertRows writes rows in multi-row INSERTs (few round trips on
// PostgreSQL, few parameters per statement on SQLite).
func (d *DB) insertRows(ctx context.Context, tx *stmtTx, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if d.dialect == SQLite {
		if ok, err := d.insertLiteral(ctx, tx, table, columns, rows); ok || err != nil {
			return err
		}
	}
	ncol := strings.Count(columns, ",") + 1
	per := 1000
	if d.dialect == SQLite {
		// The driver finds each parameter by name in a list: a statement
		// costs the square of its parameters (see bulkInsert). One prepared
		// statement per row is fastest for wide rows.
		// Narrow rows (the mappings) pack like insertPacked's: about 64
		// parameters a statement.
		per = 1
		if ncol <= 9 {
			per = 64 / ncol
		}
	}
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		args := make([]any, 0, len(part)*ncol)
		for r, row := range part {
			if r > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for c := range row {
				if c > 0 {
					q.WriteByte(',')
				}
				args = append(args, row[c])
				q.WriteString("$" + strconv.Itoa(len(args)))
			}
			q.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// bulkRatings writes a batch's new ratings (no mapping yet) in multi-row
// inserts with IDs taken ahead: ratings are most of a national bundle. A
// rating whose point or process does not resolve is refused. It returns
// how many it wrote.
func (d *DB) bulkRatings(ctx context.Context, tx *stmtTx, items []BundleItem, own []own, b *BundleBatch, maps *[][]any) (int, error) {
	var rows [][]any
	var which []int
	for i := range items {
		r, ok := items[i].Rec.(*bundle.Rating)
		if own[i].found || !ok { // a tombstone: the main loop
			continue
		}
		res := &resolver{ctx: ctx, tx: tx, b: b}
		point := res.id(bundle.Points, "point", r.Point)
		var process int64
		if r.Process != nil {
			process = res.id(bundle.Processes, "process", *r.Process)
		}
		if err := res.done(); err != nil {
			var ref *errRefused
			if errors.As(err, &ref) {
				items[i].Outcome, items[i].Issues = Refused, ref.issues
				continue
			}
			return 0, err
		}
		agency, ok := b.agencyOf[point]
		if !ok {
			if err := tx.QueryRowContext(ctx, `SELECT agency_id FROM service_points WHERE id = $1`, point).Scan(&agency); err != nil {
				return 0, err
			}
			if b.agencyOf == nil || len(b.agencyOf) >= maxCached {
				b.agencyOf = map[int64]int64{}
			}
			b.agencyOf[point] = agency
		}
		rows = append(rows, ratingRow(r, point, agency, process))
		which = append(which, i)
	}
	if len(rows) == 0 {
		return 0, nil
	}
	// IDs: from the identity sequence on PostgreSQL (live rating writers
	// draw from it too); on SQLite this transaction holds the write lock,
	// so the IDs above max(id) are ours.
	ids := make([]int64, 0, len(rows))
	if d.dialect == Postgres {
		idRows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('ratings', 'id')) FROM generate_series(1, $1)`, len(rows))
		if err != nil {
			return 0, err
		}
		for idRows.Next() {
			var id int64
			if err := idRows.Scan(&id); err != nil {
				idRows.Close()
				return 0, err
			}
			ids = append(ids, id)
		}
		idRows.Close()
		if err := idRows.Err(); err != nil {
			return 0, err
		}
	} else {
		var first int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) + 1 FROM ratings`).Scan(&first); err != nil {
			return 0, err
		}
		for j := range rows {
			ids = append(ids, first+int64(j))
		}
	}
	for j := range rows {
		rows[j] = append([]any{ids[j]}, rows[j]...)
		k := items[which[j]].Rec.RecordKey()
		*maps = append(*maps, []any{string(bundle.Ratings), k.Source, k.LegacyID, ids[j], items[which[j]].Hash})
		items[which[j]].Outcome = Created
	}
	if err := d.insertRows(ctx, tx, "ratings", "id, "+ratingColumns+", suspect", rows); err != nil {
		return 0, err
	}
	return len(rows), nil
}

// ratingRow is a rating's columns after its ID (ratingColumns, suspect).
func ratingRow(r *bundle.Rating, point, agency, process int64) []any {
	var a [openinfo.NumDimensions]int
	for k, v := range r.Answers {
		i, _ := bundle.DimensionIndex(k)
		a[i] = v
	}
	resp := ""
	if r.Respondent != (openinfo.Respondent{}) {
		b, _ := json.Marshal(r.Respondent)
		resp = string(b)
	}
	return []any{point, agency, process, r.QuestionSet, openinfo.MonthKey(r.CreatedAt), r.CreatedAt.UTC(), a[0], a[1], a[2], a[3], a[4],
		resp, r.Comment, r.Channel, r.Suspect}
}

// AnalyzeBundleIDs refreshes PostgreSQL's statistics of the mapping table:
// an import grows it from nothing, and with the statistics of an empty
// table the planner scans it whole for each batch's keys (800 ms a batch
// at 30,000 mappings instead of 1 ms). SQLite plans by its indexes alone.
func (d *DB) AnalyzeBundleIDs(ctx context.Context) error {
	if d.dialect != Postgres {
		return nil
	}
	_, err := d.db.ExecContext(ctx, `ANALYZE bundle_ids`)
	return err
}

// prefetch looks up the mappings of refs (to records of entity e) not
// cached yet, into b.pre: one query per source and 500 keys.
func (b *BundleBatch) prefetch(ctx context.Context, tx *stmtTx, e bundle.Entity, refs []bundle.Ref) error {
	bySource := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range refs {
		mk := mapKey(e, r.Source, r.LegacyID)
		if seen[mk] {
			continue
		}
		seen[mk] = true
		if _, ok := b.Keys[mk]; ok {
			continue
		}
		if _, ok := b.ids[mk]; ok {
			continue
		}
		bySource[r.Source] = append(bySource[r.Source], r.LegacyID)
	}
	for source, ids := range bySource {
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(start+500, len(ids))]
			var q strings.Builder
			args := []any{string(e), source}
			q.WriteString(`SELECT legacy_id, local_id FROM bundle_ids WHERE entity = $1 AND source = $2 AND legacy_id IN (`)
			for j, id := range part {
				if j > 0 {
					q.WriteByte(',')
				}
				args = append(args, id)
				q.WriteString("$" + strconv.Itoa(len(args)))
			}
			q.WriteByte(')')
			rows, err := tx.QueryContext(ctx, q.String(), args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id string
				var local int64
				if err := rows.Scan(&id, &local); err != nil {
					rows.Close()
					return err
				}
				b.pre[mapKey(e, source, id)] = local
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// refsOf adds the references of record r, by the entity they refer to.
func refsOf(r bundle.Record, out map[bundle.Entity][]bundle.Ref) {
	add := func(e bundle.Entity, ref *bundle.Ref) {
		if ref != nil {
			out[e] = append(out[e], *ref)
		}
	}
	switch r := r.(type) {
	case *bundle.Agency:
		add(bundle.Agencies, r.Parent)
	case *bundle.Point:
		add(bundle.Agencies, &r.Agency)
	case *bundle.Process:
		add(bundle.Agencies, &r.Agency)
	case *bundle.Service:
		add(bundle.Agencies, &r.Agency)
	case *bundle.Pin:
		add(bundle.Points, &r.Point)
		add(bundle.Processes, r.Process)
		add(bundle.Services, r.Service)
	case *bundle.EgovRecord:
		add(bundle.Agencies, &r.Agency)
	case *bundle.LicenceReport:
		add(bundle.Agencies, &r.Agency)
		add(bundle.Processes, &r.Process)
		add(bundle.Points, r.Point)
	case *bundle.DelayNotice:
		add(bundle.Points, &r.Point)
		add(bundle.Processes, &r.Process)
	case *bundle.Rating:
		add(bundle.Points, &r.Point)
		add(bundle.Processes, r.Process)
	case *bundle.Officer:
		add(bundle.Agencies, r.Agency)
	case *bundle.Token:
		add(bundle.Agencies, &r.Agency)
	case *bundle.Removal:
		add(bundle.Points, r.Point)
		add(bundle.Processes, r.Process)
		add(bundle.Services, r.Service)
	}
}

// insertLiteral writes rows on SQLite as literal multi-row INSERTs, as
// gen-data's rating load does (literalRatings): the driver then binds no
// parameters, whose cost grows with their square. ok is false, nothing
// written, when a value cannot be written as a literal (a string with a
// NUL byte, an unknown type): the caller binds them.
func (d *DB) insertLiteral(ctx context.Context, tx *stmtTx, table, columns string, rows [][]any) (ok bool, err error) {
	const perStmt = 250
	var b strings.Builder
	lit := make([]string, 0, len(rows)*len(rows[0]))
	for _, row := range rows {
		for _, v := range row {
			switch v := v.(type) {
			case int64:
				lit = append(lit, strconv.FormatInt(v, 10))
			case int:
				lit = append(lit, strconv.Itoa(v))
			case bool:
				lit = append(lit, map[bool]string{false: "0", true: "1"}[v])
			case string:
				if strings.IndexByte(v, 0) >= 0 {
					return false, nil
				}
				lit = append(lit, sqlString(v))
			case time.Time:
				lit = append(lit, "'"+v.Format(sqliteTime)+"'")
			default:
				return false, nil
			}
		}
	}
	ncol := len(rows[0])
	for start := 0; start < len(rows); start += perStmt {
		b.Reset()
		b.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		for r := start; r < min(start+perStmt, len(rows)); r++ {
			if r > start {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			b.WriteString(strings.Join(lit[r*ncol:(r+1)*ncol], ","))
			b.WriteByte(')')
		}
		if _, err := tx.tx.ExecContext(ctx, b.String()); err != nil {
			return true, fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return true, nil
}

// sqliteTime is how the SQLite driver writes a time (and literalRatings).
const sqliteTime = "2006-01-02 15:04:05.999999999-07:00"
