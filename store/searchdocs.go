package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/openinfo/openinfo"
	"golang.org/x/sync/errgroup"
)

// What the search index reads: every public thing, in one pass each, and
// the change feed that keeps every node's index fresh.

// ManualSearchDoc is a published manual as search sees it.
type ManualSearchDoc struct {
	ProcessID   int64
	NameTH      string
	NameEN      string
	CommonNames []string
	Terms       []openinfo.CatalogTerm // kind and code of each term
	// Content holds what search reads of the content when the revision
	// has no stored search text (saved before migration 00010); with one,
	// only Content.Name is set and Text holds the search text.
	Content    openinfo.ManualContent
	Text       string
	HasText    bool
	AgencyID   int64
	AgencyName string
	AgencyType openinfo.AgencyType
	Province   string // the owning agency's province code
	Views      int64
}

// idFilter restricts a feed query to some IDs (nil: all).
func idFilter(col string, ids []int64, next int) (string, []any) {
	if ids == nil {
		return "", nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = "$" + strconv.Itoa(next+i)
		args[i] = id
	}
	if len(ids) == 0 {
		return " AND 1 = 0", nil
	}
	return " AND " + col + " IN (" + strings.Join(ph, ",") + ")", args
}

// EachPublishedManual calls fn with every published manual, or only those
// of processIDs when it is not nil. Content holds only what search reads:
// the name, legal bases, criteria, step details, document names and fee
// details. The content is decoded on every core while the rows are read
// (decoding is most of the time at national scale); fn is called from the
// caller's goroutine, one manual at a time, in no particular order.
func (d *DB) EachPublishedManual(ctx context.Context, processIDs []int64, fn func(*ManualSearchDoc) error) error {
	return d.eachPublishedManual(ctx, processIDs, true, fn)
}

// EachPublishedManualHead is EachPublishedManual without the content: the
// names the index learns its vocabulary from, read in a fraction of the time.
func (d *DB) EachPublishedManualHead(ctx context.Context, fn func(*ManualSearchDoc) error) error {
	return d.eachPublishedManual(ctx, nil, false, fn)
}

// searchContent is the part of a manual's content JSON that search reads;
// decoding into it skips the rest without building it.
type searchContent struct {
	Name       string `json:"name"`
	LegalBases []struct {
		Kind string `json:"kind"`
		Name string `json:"name"`
	} `json:"legal_bases"`
	Criteria string `json:"criteria"`
	Steps    []struct {
		Detail string `json:"detail"`
	} `json:"steps"`
	Documents []struct {
		Name string `json:"name"`
	} `json:"documents"`
	Fees []struct {
		Detail string `json:"detail"`
	} `json:"fees"`
}

func (sc *searchContent) manualContent() openinfo.ManualContent {
	c := openinfo.ManualContent{Name: sc.Name, Criteria: sc.Criteria}
	for _, l := range sc.LegalBases {
		c.LegalBases = append(c.LegalBases, openinfo.LegalBasis{Kind: l.Kind, Name: l.Name})
	}
	for _, x := range sc.Steps {
		c.Steps = append(c.Steps, openinfo.Step{Detail: x.Detail})
	}
	for _, x := range sc.Documents {
		c.Documents = append(c.Documents, openinfo.Document{Name: x.Name})
	}
	for _, x := range sc.Fees {
		c.Fees = append(c.Fees, openinfo.Fee{Detail: x.Detail})
	}
	return c
}

// rawManual is a row on its way from the reader to a decoder.
type rawManual struct {
	m               ManualSearchDoc
	common, content []byte
	name, text      sql.NullString
}

func (d *DB) eachPublishedManual(ctx context.Context, processIDs []int64, withContent bool, fn func(*ManualSearchDoc) error) error {
	terms, err := d.CatalogTerms(ctx, "", true)
	if err != nil {
		return err
	}
	byID := make(map[int64]openinfo.CatalogTerm, len(terms))
	for _, t := range terms {
		byID[t.ID] = t
	}
	cond, args := idFilter("process_id", processIDs, 1)
	rows, err := d.db.QueryContext(ctx, `SELECT process_id, term_id FROM process_terms WHERE 1 = 1`+cond, args...)
	if err != nil {
		return err
	}
	procTerms := map[int64][]openinfo.CatalogTerm{}
	for rows.Next() {
		var p, t int64
		if err := rows.Scan(&p, &t); err != nil {
			rows.Close()
			return err
		}
		if term, ok := byID[t]; ok {
			procTerms[p] = append(procTerms[p], term)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The stored search text when there is one; the content JSON only
	// for revisions saved before it existed.
	content := "'', NULL, NULL"
	if withContent {
		content = "CASE WHEN r.search_text IS NULL THEN r.content END, r.search_name, r.search_text"
	}
	cond, args = idFilter("p.id", processIDs, 2)
	// A full load in order of name: the index numbers documents by title
	// within each batch it builds, so the thousands of copies of a template
	// then fall in one or two batches and stay neighbours once the batches
	// are merged, which block-max pruning needs (see search/exec.go).
	order := ""
	if processIDs == nil && withContent {
		order = " ORDER BY p.name_th, p.id"
	}
	g, gctx := errgroup.WithContext(ctx)
	raw := make(chan *rawManual, 256)
	done := make(chan *ManualSearchDoc, 256)
	g.Go(func() error {
		defer close(raw)
		rows, err := d.db.QueryContext(gctx, `SELECT p.id, p.name_th, p.name_en, p.common_names, `+content+`, a.id, a.name_th, a.type, a.province,
			COALESCE((SELECT v.views FROM manual_views v WHERE v.process_id = p.id), 0)
			FROM processes p JOIN manual_revisions r ON r.process_id = p.id AND r.state = $1
			JOIN agencies a ON a.id = p.agency_id WHERE a.status = 'active'`+cond+order, append([]any{openinfo.RevPublished}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			x := new(rawManual)
			m := &x.m
			if err := rows.Scan(&m.ProcessID, &m.NameTH, &m.NameEN, &x.common, &x.content, &x.name, &x.text, &m.AgencyID, &m.AgencyName, &m.AgencyType,
				&m.Province, &m.Views); err != nil {
				return err
			}
			select {
			case raw <- x:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return rows.Err()
	})
	workers := max(1, runtime.GOMAXPROCS(0))
	var decoders sync.WaitGroup
	for range workers {
		decoders.Add(1)
		g.Go(func() error {
			defer decoders.Done()
			for x := range raw {
				m := &x.m
				if err := jsonv2.Unmarshal(x.common, &m.CommonNames); err != nil {
					return fmt.Errorf("manual %d: common names: %w", m.ProcessID, err)
				}
				if x.text.Valid {
					m.Content.Name, m.Text, m.HasText = x.name.String, x.text.String, true
				} else if withContent {
					var sc searchContent
					// The JSON v2 decoder (go-json-experiment, the
					// proposal's implementation) decodes this 2× faster
					// than encoding/json: a third of the index's start.
					if err := jsonv2.Unmarshal(x.content, &sc); err != nil {
						return fmt.Errorf("manual %d: content: %w", m.ProcessID, err)
					}
					m.Content = sc.manualContent()
				}
				m.Terms = procTerms[m.ProcessID]
				select {
				case done <- m:
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			return nil
		})
	}
	go func() {
		decoders.Wait()
		close(done)
	}()
	var fnErr error
	for m := range done {
		if fnErr == nil {
			fnErr = fn(m)
			if fnErr != nil {
				g.Go(func() error { return fnErr }) // stops the reader and decoders
			}
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return fnErr
}

// ServiceSearchDoc is a published other service as search sees it.
type ServiceSearchDoc struct {
	Service    *openinfo.OtherService
	AgencyName string
	AgencyType openinfo.AgencyType
	Province   string
}

// EachPublishedService calls fn with every published other service (or
// those of ids).
func (d *DB) EachPublishedService(ctx context.Context, ids []int64, fn func(*ServiceSearchDoc) error) error {
	cond, args := idFilter("s.id", ids, 1)
	rows, err := d.db.QueryContext(ctx, `SELECT `+serviceColumns+`, a.name_th, a.type, a.province FROM other_services s
		JOIN agencies a ON a.id = s.agency_id WHERE s.published AND a.status = 'active'`+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sd ServiceSearchDoc
		var s openinfo.OtherService
		var content []byte
		if err := rows.Scan(&s.ID, &s.AgencyID, &s.NameTH, &s.NameEN, &content, &s.Published, &s.Version, &s.CreatedAt, &s.UpdatedAt,
			&sd.AgencyName, &sd.AgencyType, &sd.Province); err != nil {
			return err
		}
		if err := json.Unmarshal(content, &s.Content); err != nil {
			return err
		}
		sd.Service = &s
		if err := fn(&sd); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachActiveAgency calls fn with every active agency (or those of ids).
func (d *DB) EachActiveAgency(ctx context.Context, ids []int64, fn func(*openinfo.Agency) error) error {
	cond, args := idFilter("id", ids, 1)
	rows, err := d.db.QueryContext(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE status = 'active'`+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PointSearchDoc is a visible service point with its agency.
type PointSearchDoc struct {
	Point      *openinfo.ServicePoint
	AgencyName string
	AgencyType openinfo.AgencyType
}

// EachVisiblePoint calls fn with every visible service point of an active
// agency (or those of ids).
func (d *DB) EachVisiblePoint(ctx context.Context, ids []int64, fn func(*PointSearchDoc) error) error {
	cond, args := idFilter("p.id", ids, 1)
	rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+`, a.name_th, a.type FROM service_points p
		JOIN agencies a ON a.id = p.agency_id WHERE p.visible AND a.status = 'active'`+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pd PointSearchDoc
		p, err := scanPoint(rowScanner{rows, []any{&pd.AgencyName, &pd.AgencyType}})
		if err != nil {
			return err
		}
		pd.Point = p
		if err := fn(&pd); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rowScanner scans a point's columns followed by extra ones.
type rowScanner struct {
	rows  *sql.Rows
	extra []any
}

func (r rowScanner) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }

// Change is an entry of the change feed: something public may have changed.
type Change struct {
	Seq    int64
	Entity string // agency, service_point, process, manual_revision, other_service, dataset, catalog_term
	ID     int64
}

// Changes returns the changes after seq, oldest first. The feed is the
// audit log: every change an officer makes writes one in its transaction,
// so a node polling it sees every committed change, whichever node made it.
func (d *DB) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, entity_type, entity_id FROM audit_log WHERE id > $1
		AND entity_type IN ('agency', 'service_point', 'process', 'manual_revision', 'other_service', 'dataset', 'catalog_term', 'egov_record')
		ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.Entity, &c.ID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastChange is the newest entry of the feed (0 when empty).
func (d *DB) LastChange(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := d.db.QueryRowContext(ctx, `SELECT max(id) FROM audit_log`).Scan(&n)
	return n.Int64, err
}

// RevisionProcess returns the process of a revision.
func (d *DB) RevisionProcess(ctx context.Context, revisionID int64) (int64, error) {
	var p int64
	err := d.db.QueryRowContext(ctx, `SELECT process_id FROM manual_revisions WHERE id = $1`, revisionID).Scan(&p)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return p, err
}

// AgencyProcesses returns the IDs of an agency's processes and services, for
// refreshing their documents when the agency's name changes.
func (d *DB) AgencyOfferings(ctx context.Context, agencyID int64) (processes, services, points []int64, err error) {
	for _, q := range []struct {
		sql string
		out *[]int64
	}{
		{`SELECT id FROM processes WHERE agency_id = $1`, &processes},
		{`SELECT id FROM other_services WHERE agency_id = $1`, &services},
		{`SELECT id FROM service_points WHERE agency_id = $1`, &points},
	} {
		rows, err := d.db.QueryContext(ctx, q.sql, agencyID)
		if err != nil {
			return nil, nil, nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, nil, err
			}
			*q.out = append(*q.out, id)
		}
		rows.Close()
	}
	return processes, services, points, nil
}

// AddManualViews adds counted page views to the manuals' totals.
func (d *DB) AddManualViews(ctx context.Context, views map[int64]int64) error {
	if len(views) == 0 {
		return nil
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		for id, n := range views {
			if _, err := tx.ExecContext(ctx, `INSERT INTO manual_views (process_id, views, updated_at) VALUES ($1, $2, $3)
				ON CONFLICT (process_id) DO UPDATE SET views = manual_views.views + excluded.views, updated_at = excluded.updated_at`,
				id, n, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// MostViewedManuals lists the published manuals read most often.
func (d *DB) MostViewedManuals(ctx context.Context, limit int) ([]ManualSummary, error) {
	limit, _ = pageBounds(limit, 0, 50)
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.name_th, r.published_at FROM manual_views v
		JOIN processes p ON p.id = v.process_id JOIN manual_revisions r ON r.process_id = p.id AND r.state = $1
		ORDER BY v.views DESC, p.id LIMIT $2`, openinfo.RevPublished, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ManualSummary
	for rows.Next() {
		var m ManualSummary
		var at sql.NullTime
		if err := rows.Scan(&m.ProcessID, &m.Name, &at); err != nil {
			return nil, err
		}
		m.PublishedAt = at.Time
		out = append(out, m)
	}
	return out, rows.Err()
}

// TermCount is how many published manuals carry a catalog term.
type TermCount struct {
	Term openinfo.CatalogTerm
	N    int
}

// CatalogCounts counts the published manuals under each active term of a
// kind, largest first; terms with none are left out.
func (d *DB) CatalogCounts(ctx context.Context, kind openinfo.CatalogKind) ([]TermCount, error) {
	terms, err := d.CatalogTerms(ctx, kind, false)
	if err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT pt.term_id, count(*) FROM process_terms pt
		JOIN catalog_terms t ON t.id = pt.term_id AND t.kind = $1
		JOIN manual_revisions r ON r.process_id = pt.process_id AND r.state = $2
		GROUP BY pt.term_id`, kind, openinfo.RevPublished)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := map[int64]int{}
	for rows.Next() {
		var id int64
		var c int
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		n[id] = c
	}
	var out []TermCount
	for _, t := range terms {
		if n[t.ID] > 0 {
			out = append(out, TermCount{t, n[t.ID]})
		}
	}
	slices.SortStableFunc(out, func(a, b TermCount) int { return b.N - a.N })
	return out, rows.Err()
}

// fillSearchText writes the search text of the revisions saved before
// migration 00010, a thousand per transaction, so that the index never has
// to decode their content at start. It runs once per database (later calls
// find nothing to do); content that does not decode is skipped and stays
// readable the slow way.
func (d *DB) fillSearchText(ctx context.Context) error {
	var last int64
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT id, content FROM manual_revisions WHERE search_text IS NULL AND id > $1
			ORDER BY id LIMIT 1000`, last)
		if err != nil {
			return err
		}
		type fill struct {
			id         int64
			name, text string
		}
		var fills []fill
		n := 0
		for rows.Next() {
			var id int64
			var content []byte
			if err := rows.Scan(&id, &content); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			var sc searchContent
			if jsonv2.Unmarshal(content, &sc) != nil {
				continue
			}
			c := sc.manualContent()
			fills = append(fills, fill{id, c.Name, c.SearchText()})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		err = d.tx(ctx, func(tx *sql.Tx) error {
			for _, f := range fills {
				if _, err := tx.ExecContext(ctx, `UPDATE manual_revisions SET search_name = $1, search_text = $2 WHERE id = $3 AND search_text IS NULL`,
					f.name, f.text, f.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}
