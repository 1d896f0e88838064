package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/openinfo/openinfo"
)

// SeedCatalog loads OPDC's default Service Catalog once per database.
func (d *DB) SeedCatalog(ctx context.Context) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		claimed, err := claimMeta(ctx, tx, "catalog_seeded", d.now().Format(time.RFC3339))
		if err != nil || !claimed {
			return err
		}
		for _, t := range openinfo.DefaultCatalog() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_terms (kind, code, name_th, name_en, active) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (kind, code) DO NOTHING`, t.Kind, t.Code, t.NameTH, t.NameEN, t.Active); err != nil {
				return err
			}
		}
		return nil
	})
}

// CatalogTerms lists the terms of a kind ("" for all), active ones unless all is set.
func (d *DB) CatalogTerms(ctx context.Context, kind openinfo.CatalogKind, all bool) ([]openinfo.CatalogTerm, error) {
	var w where
	if kind != "" {
		w.add("kind = ?", kind)
	}
	if !all {
		w.add("active = ?", true)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, kind, code, name_th, name_en, COALESCE(parent_id, 0), active, version
		FROM catalog_terms`+w.sql()+` ORDER BY kind, id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []openinfo.CatalogTerm
	for rows.Next() {
		var t openinfo.CatalogTerm
		if err := rows.Scan(&t.ID, &t.Kind, &t.Code, &t.NameTH, &t.NameEN, &t.ParentID, &t.Active, &t.Version); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func scanProcess(s scanner) (*openinfo.Process, error) {
	var p openinfo.Process
	var names string
	if err := s.Scan(&p.ID, &p.AgencyID, &p.NameTH, &p.NameEN, &names, &p.Version, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	return &p, json.Unmarshal([]byte(names), &p.CommonNames)
}

// Process returns a process with its catalog terms.
func (d *DB) Process(ctx context.Context, id int64) (*openinfo.Process, error) {
	return d.process(ctx, d.db, id)
}

func (d *DB) process(ctx context.Context, q interface {
	querier
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id int64) (*openinfo.Process, error) {
	p, err := scanProcess(q.QueryRowContext(ctx, `SELECT id, agency_id, name_th, name_en, common_names, version, created_at, updated_at
		FROM processes WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบกระบวนงานรหัส %d", "Process %d not found.", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT term_id FROM process_terms WHERE process_id = $1 ORDER BY term_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		p.TermIDs = append(p.TermIDs, t)
	}
	return p, rows.Err()
}

// CreateProcess validates and stores a process with its catalog terms.
func (d *DB) CreateProcess(ctx context.Context, p *openinfo.Process) error {
	p.ID = 0
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.checkPointAgency(ctx, tx, p.AgencyID); err != nil {
			return err
		}
		now := d.now()
		names, _ := json.Marshal(nonNil(p.CommonNames))
		if err := tx.QueryRowContext(ctx, `INSERT INTO processes (agency_id, name_th, name_en, sort_key, common_names, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, p.AgencyID, p.NameTH, p.NameEN, openinfo.SortKey(p.NameTH), string(names), now).Scan(&p.ID); err != nil {
			return err
		}
		if err := d.setTerms(ctx, tx, p); err != nil {
			return err
		}
		p.Version, p.CreatedAt, p.UpdatedAt = 1, now, now
		return d.audit(ctx, tx, "process.create", "process", p.ID, nil, p)
	})
}

// UpdateProcess saves a process; edits take effect at once (no approval).
func (d *DB) UpdateProcess(ctx context.Context, p *openinfo.Process) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.process(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := openinfo.CheckStale(p.Version, old.Version); err != nil {
			return err
		}
		names, _ := json.Marshal(nonNil(p.CommonNames))
		now := d.now()
		if _, err := tx.ExecContext(ctx, `UPDATE processes SET name_th = $1, name_en = $2, sort_key = $3, common_names = $4,
			version = version + 1, updated_at = $5 WHERE id = $6`, p.NameTH, p.NameEN, openinfo.SortKey(p.NameTH), string(names), now, p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM process_terms WHERE process_id = $1`, p.ID); err != nil {
			return err
		}
		if err := d.setTerms(ctx, tx, p); err != nil {
			return err
		}
		p.AgencyID, p.Version, p.CreatedAt, p.UpdatedAt = old.AgencyID, old.Version+1, old.CreatedAt, now
		return d.audit(ctx, tx, "process.update", "process", p.ID, old, p)
	})
}

func (d *DB) setTerms(ctx context.Context, tx *sql.Tx, p *openinfo.Process) error {
	for _, t := range p.TermIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO process_terms (process_id, term_id) VALUES ($1, $2)`, p.ID, t); err != nil {
			return &openinfo.Error{Code: openinfo.EINVALID, TH: "ไม่พบหมวดหมู่บริการที่เลือก", EN: "A chosen catalog term does not exist.",
				Fields: []openinfo.FieldError{{Field: "terms", TH: "เลือกจากรายการ", EN: "Choose from the list."}}}
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const revisionColumns = `id, process_id, number, state, content, version, created_by, created_at, updated_at, published_at`

func scanRevision(s scanner) (*openinfo.ManualRevision, error) {
	var r openinfo.ManualRevision
	var content string
	var published sql.NullTime
	if err := s.Scan(&r.ID, &r.ProcessID, &r.Number, &r.State, &content, &r.Version, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &published); err != nil {
		return nil, err
	}
	r.PublishedAt = published.Time
	return &r, json.Unmarshal([]byte(content), &r.Content)
}

// Revision returns one revision of a process's manual.
func (d *DB) Revision(ctx context.Context, id int64) (*openinfo.ManualRevision, error) {
	r, err := scanRevision(d.db.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM manual_revisions WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือฉบับที่ %d", "Revision %d not found.", id)
	}
	return r, err
}

// Revisions lists a process's revisions, newest first.
func (d *DB) Revisions(ctx context.Context, processID int64) ([]*openinfo.ManualRevision, error) {
	return d.revisions(ctx, d.db, processID)
}

func (d *DB) revisions(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, processID int64) ([]*openinfo.ManualRevision, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+revisionColumns+` FROM manual_revisions WHERE process_id = $1 ORDER BY number DESC`, processID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.ManualRevision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PublishedRevision is what the public sees of a process's manual; never an
// unpublished revision.
func (d *DB) PublishedRevision(ctx context.Context, processID int64) (*openinfo.ManualRevision, error) {
	r, err := scanRevision(d.db.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM manual_revisions
		WHERE process_id = $1 AND state = $2`, processID, openinfo.RevPublished))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ยังไม่มีคู่มือที่เผยแพร่", "No published manual.")
	}
	return r, err
}

// OpenRevision starts a new draft: a copy of the latest revision, or an empty
// manual with the standard complaint channels for a process that has none.
func (d *DB) OpenRevision(ctx context.Context, processID int64) (*openinfo.ManualRevision, error) {
	var out *openinfo.ManualRevision
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := d.process(ctx, tx, processID); err != nil {
			return err
		}
		revs, err := d.revisions(ctx, tx, processID)
		if err != nil {
			return err
		}
		r := &openinfo.ManualRevision{ProcessID: processID, Number: 1, State: openinfo.RevDraft, Version: 1,
			CreatedBy: openinfo.ActorFrom(ctx).UserID, Content: openinfo.ManualContent{Complaints: openinfo.DefaultComplaintChannels()}}
		if len(revs) > 0 {
			if err := openinfo.CanOpenRevision(revs[0].State); err != nil {
				return err
			}
			r.Number, r.Content = revs[0].Number+1, revs[0].Content
		}
		content, err := json.Marshal(r.Content)
		if err != nil {
			return err
		}
		now := d.now()
		r.CreatedAt, r.UpdatedAt = now, now
		if err := tx.QueryRowContext(ctx, `INSERT INTO manual_revisions (process_id, number, state, content, created_by, created_at, updated_at, search_name, search_text)
			VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8) RETURNING id`, processID, r.Number, r.State, string(content), r.CreatedBy, now,
			r.Content.Name, r.Content.SearchText()).Scan(&r.ID); err != nil {
			return err
		}
		out = r
		return d.audit(ctx, tx, "manual.open", "manual_revision", r.ID, nil, map[string]any{"process_id": processID, "number": r.Number})
	})
	return out, err
}

// SaveDraft saves the content of an editable revision. version is the one
// the editor read: a save over someone else's is refused as stale.
func (d *DB) SaveDraft(ctx context.Context, id, version int64, content openinfo.ManualContent, actor openinfo.Officer, agencyPath string) (*openinfo.ManualRevision, error) {
	content.Normalize()
	if err := content.ValidateDraft(); err != nil {
		return nil, err
	}
	var out *openinfo.ManualRevision
	err := d.tx(ctx, func(tx *sql.Tx) error {
		r, err := scanRevision(tx.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM manual_revisions WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือฉบับที่ %d", "Revision %d not found.", id)
		} else if err != nil {
			return err
		}
		if _, err := openinfo.Transition(r.State, openinfo.EvEdit, actor, agencyPath, ""); err != nil {
			return err
		}
		if err := openinfo.CheckStale(version, r.Version); err != nil {
			return err
		}
		b, err := json.Marshal(content)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE manual_revisions SET content = $1, version = version + 1, updated_at = $2,
			search_name = $5, search_text = $6 WHERE id = $3 AND version = $4`, string(b), d.now(), id, version, content.Name, content.SearchText())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return openinfo.CheckStale(version, version+1)
		}
		before := map[string]any{"version": r.Version}
		r.Content, r.Version = content, r.Version+1
		out = r
		return d.audit(ctx, tx, "manual.save", "manual_revision", id, before, map[string]any{"version": r.Version})
	})
	return out, err
}

// ApplyRevision moves a revision through the workflow (submit, approve or
// return at either step). Step-2 approval publishes it and supersedes the
// previously published revision in the same transaction, so the public
// always sees exactly one.
func (d *DB) ApplyRevision(ctx context.Context, id int64, ev openinfo.RevisionEvent, actor openinfo.Officer, agencyPath, comment string) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		var processID int64
		if err := tx.QueryRowContext(ctx, `SELECT process_id FROM manual_revisions WHERE id = $1`, id).Scan(&processID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือฉบับที่ %d", "Revision %d not found.", id)
			}
			return err
		}
		revs, err := d.revisions(ctx, tx, processID)
		if err != nil {
			return err
		}
		refs := make([]openinfo.RevisionRef, len(revs))
		for i, r := range revs {
			refs[i] = openinfo.RevisionRef{ID: r.ID, State: r.State}
			if r.ID == id && ev == openinfo.EvSubmit {
				if err := r.Content.Validate(); err != nil {
					return err
				}
			}
		}
		now := d.now()
		effects, err := openinfo.ApplyRevisionEvent(refs, id, ev, actor, agencyPath, comment, now)
		if err != nil {
			return err
		}
		for _, e := range effects {
			rec := e.Record
			published := sql.NullTime{Time: now, Valid: rec.To == openinfo.RevPublished}
			if _, err := tx.ExecContext(ctx, `UPDATE manual_revisions SET state = $1, updated_at = $2,
				published_at = CASE WHEN $3 THEN $4 ELSE published_at END WHERE id = $5`,
				rec.To, now, published.Valid, published, e.RevisionID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO revision_records (revision_id, from_state, to_state, event, actor_id, at, comment)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.RevisionID, rec.From, rec.To, rec.Event, rec.ActorID, now, rec.Comment); err != nil {
				return err
			}
			if err := d.audit(ctx, tx, "manual."+string(rec.Event), "manual_revision", e.RevisionID,
				map[string]any{"state": rec.From}, map[string]any{"state": rec.To, "comment": rec.Comment}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RevisionRecords returns a revision's history, oldest first.
func (d *DB) RevisionRecords(ctx context.Context, id int64) ([]openinfo.RevisionRecord, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT from_state, to_state, event, actor_id, at, comment FROM revision_records
		WHERE revision_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []openinfo.RevisionRecord
	for rows.Next() {
		var r openinfo.RevisionRecord
		if err := rows.Scan(&r.From, &r.To, &r.Event, &r.ActorID, &r.At, &r.Comment); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ManualSummary names a published manual for lists.
type ManualSummary struct {
	ProcessID   int64
	Name        string
	PublishedAt time.Time
}

// PublishedManuals lists the published manuals of an agency's processes, by name.
func (d *DB) PublishedManuals(ctx context.Context, agencyID int64, limit, offset int) ([]ManualSummary, int, error) {
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM processes p JOIN manual_revisions r ON r.process_id = p.id
		WHERE p.agency_id = $1 AND r.state = $2`, agencyID, openinfo.RevPublished).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset = pageBounds(limit, offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.name_th, r.published_at FROM processes p
		JOIN manual_revisions r ON r.process_id = p.id
		WHERE p.agency_id = $1 AND r.state = $2 ORDER BY p.sort_key, p.id LIMIT $3 OFFSET $4`,
		agencyID, openinfo.RevPublished, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []ManualSummary
	for rows.Next() {
		var m ManualSummary
		var at sql.NullTime
		if err := rows.Scan(&m.ProcessID, &m.Name, &at); err != nil {
			return nil, 0, err
		}
		m.PublishedAt = at.Time
		out = append(out, m)
	}
	return out, total, rows.Err()
}
