package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Electronic Government Act Section 10 announcements and Section 16 orders.
// Every change goes through openinfo.EgovTransition (which authorizes it
// against the record's agency, read here, not taken from the caller) and is
// audited in its transaction.

const egovColumns = `r.id, r.agency_id, r.section, r.title, r.document_no, r.signed_on, r.effective_on, r.file_key, r.url,
	r.state, r.version, r.revoke_reason, COALESCE(r.superseded_by, 0), r.created_by, r.created_at, r.updated_at, r.published_at, r.ended_at`

func scanEgov(s scanner, extra ...any) (*openinfo.EgovRecord, error) {
	var r openinfo.EgovRecord
	var signed, effective string
	var published, ended sql.NullTime
	err := s.Scan(append([]any{&r.ID, &r.AgencyID, &r.Section, &r.Title, &r.DocumentNo, &signed, &effective, &r.FileKey, &r.URL,
		&r.State, &r.Version, &r.RevokeReason, &r.SupersededBy, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &published, &ended}, extra...)...)
	if err != nil {
		return nil, err
	}
	r.SignedOn, r.EffectiveOn = egovParseDate(signed), egovParseDate(effective)
	r.PublishedAt, r.EndedAt = published.Time, ended.Time
	return &r, nil
}

// egovDateText writes a calendar date as the egov tables keep it: 'YYYY-MM-DD',
// empty for none. Text sorts and compares the same on both databases.
func egovDateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func egovParseDate(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

type rowsQuerier interface {
	querier
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

func errEgovNotFound(id int64) error {
	return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบประกาศหรือคำสั่งรหัส %d", "Section 10/16 record %d not found.", id)
}

var errStaleEgov = &openinfo.Error{Code: openinfo.ECONFLICT,
	TH: "รายการนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน การดำเนินการของท่านจึงยังไม่ถูกบันทึก กรุณาโหลดหน้าใหม่แล้วดำเนินการอีกครั้ง",
	EN: "Someone else changed this record after you opened it, so your action was not saved. Reload it and try again."}

// EgovRecord returns one record with its items, in any state.
func (d *DB) EgovRecord(ctx context.Context, id int64) (*openinfo.EgovRecord, error) {
	return d.egovRecord(ctx, d.db, id)
}

func (d *DB) egovRecord(ctx context.Context, q rowsQuerier, id int64) (*openinfo.EgovRecord, error) {
	r, err := scanEgov(q.QueryRowContext(ctx, `SELECT `+egovColumns+` FROM egov_records r WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errEgovNotFound(id)
	}
	if err != nil {
		return nil, err
	}
	return r, d.egovItems(ctx, q, []*openinfo.EgovRecord{r})
}

// egovItems fills the items of records in one query.
func (d *DB) egovItems(ctx context.Context, q rowsQuerier, records []*openinfo.EgovRecord) error {
	if len(records) == 0 {
		return nil
	}
	byID := make(map[int64]*openinfo.EgovRecord, len(records))
	var w where
	ph := make([]string, len(records))
	for i, r := range records {
		byID[r.ID] = r
		r.Items = []openinfo.EgovItem{}
		w.args = append(w.args, r.ID)
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	rows, err := q.QueryContext(ctx, `SELECT record_id, kind, name, address, purpose FROM egov_items
		WHERE record_id IN (`+strings.Join(ph, ", ")+`) ORDER BY record_id, position`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var it openinfo.EgovItem
		if err := rows.Scan(&id, &it.Kind, &it.Name, &it.Address, &it.Purpose); err != nil {
			return err
		}
		byID[id].Items = append(byID[id].Items, it)
	}
	return rows.Err()
}

// egovAgencyPath returns the path of an active agency, for authorization.
func egovAgencyPath(ctx context.Context, q querier, id int64) (string, error) {
	var path, status string
	err := q.QueryRowContext(ctx, `SELECT path, status FROM agencies WHERE id = $1`, id).Scan(&path, &status)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && status != openinfo.StatusActive) {
		return "", &openinfo.Error{Code: openinfo.EINVALID,
			TH: "ไม่พบหน่วยงาน หรือหน่วยงานถูกยกเลิกแล้ว", EN: "The agency does not exist or is inactive.",
			Fields: []openinfo.FieldError{{Field: "agency_id", TH: "เลือกหน่วยงานที่ยังใช้งานอยู่", EN: "Choose an active agency."}}}
	}
	return path, err
}

// SaveEgovRecord saves r as a draft: a new record when r.ID is 0 (its ID,
// Version and timestamps are filled), else over the draft r.Version was read
// at. The agency and section of a saved record do not change. actor must
// hold ActRecordSection10 on the agency.
func (d *DB) SaveEgovRecord(ctx context.Context, r *openinfo.EgovRecord, actor openinfo.Officer) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		var old *openinfo.EgovRecord
		state := openinfo.EgovState("")
		if r.ID != 0 {
			var err error
			if old, err = d.egovRecord(ctx, tx, r.ID); err != nil {
				return err
			}
			r.AgencyID, r.Section, state = old.AgencyID, old.Section, old.State
		}
		path, err := egovAgencyPath(ctx, tx, r.AgencyID)
		if err != nil {
			return err
		}
		if _, err := openinfo.EgovTransition(state, openinfo.EgovEvSave, actor, path, ""); err != nil {
			return err
		}
		r.Normalize()
		now := d.now()
		if err := r.ValidateDraft(now); err != nil {
			return err
		}
		if r.FileKey != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM files WHERE key = $1`, r.FileKey).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				const th, en = "ไม่พบไฟล์เอกสารที่แนบ กรุณาแนบไฟล์อีกครั้ง", "The attached document was not found; attach it again."
				return &openinfo.Error{Code: openinfo.EINVALID, TH: th, EN: en, Fields: []openinfo.FieldError{{Field: "file", TH: th, EN: en}}}
			}
		}
		if old == nil {
			if err := tx.QueryRowContext(ctx, `INSERT INTO egov_records (agency_id, section, title, document_no, signed_on, effective_on,
				file_key, url, state, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
				r.AgencyID, r.Section, r.Title, r.DocumentNo, egovDateText(r.SignedOn), egovDateText(r.EffectiveOn), r.FileKey, r.URL,
				openinfo.EgovDraft, actor.UserID, now).Scan(&r.ID); err != nil {
				return err
			}
			r.Version, r.CreatedBy, r.CreatedAt = 1, actor.UserID, now
		} else {
			if r.Version != old.Version {
				return errStaleEgov
			}
			res, err := tx.ExecContext(ctx, `UPDATE egov_records SET title = $1, document_no = $2, signed_on = $3, effective_on = $4,
				file_key = $5, url = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9`,
				r.Title, r.DocumentNo, egovDateText(r.SignedOn), egovDateText(r.EffectiveOn), r.FileKey, r.URL, now, r.ID, r.Version)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errStaleEgov
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM egov_items WHERE record_id = $1`, r.ID); err != nil {
				return err
			}
			r.Version, r.CreatedBy, r.CreatedAt = old.Version+1, old.CreatedBy, old.CreatedAt
		}
		for i, it := range r.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO egov_items (record_id, position, kind, name, address, purpose)
				VALUES ($1, $2, $3, $4, $5, $6)`, r.ID, i, it.Kind, it.Name, it.Address, it.Purpose); err != nil {
				return err
			}
		}
		r.State, r.UpdatedAt = openinfo.EgovDraft, now
		r.RevokeReason, r.SupersededBy, r.PublishedAt, r.EndedAt = "", 0, time.Time{}, time.Time{}
		action := "egov.save"
		var before any
		if old == nil {
			action = "egov.create"
		} else {
			before = old
		}
		return d.audit(ctx, tx, action, "egov_record", r.ID, before, r)
	})
}

// PublishEgovRecord publishes the draft id at the version the actor read,
// after checking it is complete (Validate). The agency's record of the same
// section published before is superseded in the same transaction, so the
// public always sees exactly one.
func (d *DB) PublishEgovRecord(ctx context.Context, id, version int64, actor openinfo.Officer) (*openinfo.EgovRecord, error) {
	return d.applyEgov(ctx, id, version, openinfo.EgovEvPublish, actor, "")
}

// RevokeEgovRecord withdraws the published record id, giving a reason. The
// agency then has no current record of that section until it publishes one.
func (d *DB) RevokeEgovRecord(ctx context.Context, id, version int64, reason string, actor openinfo.Officer) (*openinfo.EgovRecord, error) {
	return d.applyEgov(ctx, id, version, openinfo.EgovEvRevoke, actor, reason)
}

func (d *DB) applyEgov(ctx context.Context, id, version int64, ev openinfo.EgovEvent, actor openinfo.Officer, reason string) (*openinfo.EgovRecord, error) {
	var out *openinfo.EgovRecord
	err := d.tx(ctx, func(tx *sql.Tx) error {
		r, err := d.egovRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.dialect == Postgres {
			// Publications of one agency queue here, so a later one sees and
			// supersedes the earlier instead of failing on the unique index.
			// (SQLite's write transactions are serial already.)
			if _, err := tx.ExecContext(ctx, `SELECT id FROM agencies WHERE id = $1 FOR NO KEY UPDATE`, r.AgencyID); err != nil {
				return err
			}
			if r, err = d.egovRecord(ctx, tx, id); err != nil { // as it is now that we hold the lock
				return err
			}
		}
		path, err := egovAgencyPath(ctx, tx, r.AgencyID)
		if err != nil {
			return err
		}
		// Authorization and state come before the version and content, so
		// that an officer without the right learns nothing more.
		if _, err := openinfo.EgovTransition(r.State, ev, actor, path, reason); err != nil {
			return err
		}
		if version != r.Version {
			return errStaleEgov
		}
		now := d.now()
		if ev == openinfo.EgovEvPublish {
			if err := r.Validate(now); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, state FROM egov_records WHERE agency_id = $1 AND section = $2 AND state IN ($3, $4)`,
			r.AgencyID, r.Section, openinfo.EgovDraft, openinfo.EgovPublished)
		if err != nil {
			return err
		}
		var refs []openinfo.EgovRef
		for rows.Next() {
			var ref openinfo.EgovRef
			if err := rows.Scan(&ref.ID, &ref.State); err != nil {
				rows.Close()
				return err
			}
			refs = append(refs, ref)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		effects, err := openinfo.ApplyEgovEvent(refs, id, ev, actor, path, reason)
		if err != nil {
			return err
		}
		// The supersessions first: the unique index on the current record
		// would refuse a second published one even for a moment.
		slices.SortStableFunc(effects, func(a, b openinfo.EgovEffect) int {
			return boolInt(a.RecordID == id) - boolInt(b.RecordID == id)
		})
		for _, e := range effects {
			var res sql.Result
			switch e.To {
			case openinfo.EgovPublished:
				res, err = tx.ExecContext(ctx, `UPDATE egov_records SET state = $1, published_at = $2, updated_at = $2, version = version + 1
					WHERE id = $3 AND version = $4`, e.To, now, e.RecordID, version)
			case openinfo.EgovRevoked:
				res, err = tx.ExecContext(ctx, `UPDATE egov_records SET state = $1, revoke_reason = $2, ended_at = $3, updated_at = $3,
					version = version + 1 WHERE id = $4 AND version = $5`, e.To, e.Reason, now, e.RecordID, version)
			case openinfo.EgovSuperseded:
				res, err = tx.ExecContext(ctx, `UPDATE egov_records SET state = $1, superseded_by = $2, ended_at = $3, updated_at = $3,
					version = version + 1 WHERE id = $4 AND state = $5`, e.To, id, now, e.RecordID, e.From)
			default:
				return openinfo.Errorf(openinfo.EINTERNAL, "สถานะไม่ถูกต้อง", "Unexpected state %s.", e.To)
			}
			if err != nil {
				if isUniqueViolation(err) {
					return errStaleEgov
				}
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errStaleEgov
			}
			after := map[string]any{"state": e.To}
			if e.Reason != "" {
				after["reason"] = e.Reason
			}
			if err := d.audit(ctx, tx, "egov."+string(e.Event), "egov_record", e.RecordID, map[string]any{"state": e.From}, after); err != nil {
				return err
			}
		}
		out, err = d.egovRecord(ctx, tx, id)
		return err
	})
	return out, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// EgovFilter selects records for a list; zero fields match everything.
type EgovFilter struct {
	AgencyPath string // the agency subtree
	AgencyID   int64  // exactly this agency
	Section    openinfo.EgovSection
	State      openinfo.EgovState
	AgencyType openinfo.AgencyType
	MinistryID int64  // the root agency whose subtree holds the record's agency
	Province   string // the agency's province code
	Query      string // part of the title, document number, or a channel's or system's name or address
	Limit      int
	Offset     int
}

// EgovRow is a record in a list, with its agency.
type EgovRow struct {
	*openinfo.EgovRecord
	AgencyNameTH, AgencyNameEN string
	AgencyType                 openinfo.AgencyType
	AgencyPath                 string
	Province                   string
}

// EgovRecords lists records, latest change first, with the total before
// paging and each record's items.
func (d *DB) EgovRecords(ctx context.Context, f EgovFilter) ([]EgovRow, int, error) {
	var w where
	if f.AgencyPath != "" {
		w.add("a.path LIKE ?", f.AgencyPath+"%")
	}
	if f.AgencyID != 0 {
		w.add("r.agency_id = ?", f.AgencyID)
	}
	if f.Section != 0 {
		w.add("r.section = ?", f.Section)
	}
	if f.State != "" {
		w.add("r.state = ?", f.State)
	}
	if f.AgencyType != "" {
		w.add("a.type = ?", f.AgencyType)
	}
	if f.MinistryID != 0 {
		w.add("a.path LIKE ?", "/"+strconv.FormatInt(f.MinistryID, 10)+"/%")
	}
	if f.Province != "" {
		w.add("a.province = ?", f.Province)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		w.add(`(lower(r.title) LIKE ? ESCAPE '\' OR lower(r.document_no) LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM egov_items i
			WHERE i.record_id = r.id AND (lower(i.name) LIKE ? ESCAPE '\' OR lower(i.address) LIKE ? ESCAPE '\')))`, p, p, p, p)
	}
	from := ` FROM egov_records r JOIN agencies a ON a.id = r.agency_id` + w.sql()
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+egovColumns+`, a.name_th, a.name_en, a.type, a.path, a.province`+from+
		` ORDER BY r.updated_at DESC, r.id DESC`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []EgovRow
	var recs []*openinfo.EgovRecord
	for rows.Next() {
		var row EgovRow
		r, err := scanEgov(rows, &row.AgencyNameTH, &row.AgencyNameEN, &row.AgencyType, &row.AgencyPath, &row.Province)
		if err != nil {
			return nil, 0, err
		}
		row.EgovRecord = r
		out = append(out, row)
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	return out, total, d.egovItems(ctx, d.db, recs)
}

// CurrentEgov returns an agency's published Section 10 and Section 16
// records (nil when it has none), for its public page.
func (d *DB) CurrentEgov(ctx context.Context, agencyID int64) (s10, s16 *openinfo.EgovRecord, err error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+egovColumns+` FROM egov_records r WHERE r.agency_id = $1 AND r.state = $2`,
		agencyID, openinfo.EgovPublished)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var recs []*openinfo.EgovRecord
	for rows.Next() {
		r, err := scanEgov(rows)
		if err != nil {
			return nil, nil, err
		}
		recs = append(recs, r)
		if r.Section == openinfo.EgovSection10 {
			s10 = r
		} else {
			s16 = r
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	return s10, s16, d.egovItems(ctx, d.db, recs)
}

// EgovChannelText returns, per agency, the words of its published Section 10
// channels (name, address, what each serves), for the agency's search
// document: a citizen who searches for "LINE" or an e-service's name finds
// the agency. ids nil: every agency that has any.
func (d *DB) EgovChannelText(ctx context.Context, ids []int64) (map[int64]string, error) {
	q := `SELECT r.agency_id, i.name, i.address, i.purpose FROM egov_items i JOIN egov_records r ON r.id = i.record_id
		WHERE r.state = $1 AND r.section = $2`
	filter, ids2 := idFilter("r.agency_id", ids, 3)
	args := append([]any{openinfo.EgovPublished, openinfo.EgovSection10}, ids2...)
	rows, err := d.db.QueryContext(ctx, q+filter+` ORDER BY r.agency_id, i.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name, addr, purpose string
		if err := rows.Scan(&id, &name, &addr, &purpose); err != nil {
			return nil, err
		}
		out[id] = strings.TrimSpace(out[id] + " " + name + " " + addr + " " + purpose)
	}
	return out, rows.Err()
}

// EgovRecordAgency is the agency of record id (0 when there is none).
func (d *DB) EgovRecordAgency(ctx context.Context, id int64) (int64, error) {
	var agency int64
	err := d.db.QueryRowContext(ctx, `SELECT agency_id FROM egov_records WHERE id = $1`, id).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return agency, err
}
