package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/openinfo/openinfo"
)

// Other services (บริการอื่นๆ): created, edited and published by the agency's
// own officers, audited like every other change.

const serviceColumns = `s.id, s.agency_id, s.name_th, s.name_en, s.content, s.published, s.version, s.created_at, s.updated_at`

func scanService(sc scanner) (*openinfo.OtherService, error) {
	var s openinfo.OtherService
	var content string
	if err := sc.Scan(&s.ID, &s.AgencyID, &s.NameTH, &s.NameEN, &content, &s.Published, &s.Version, &s.CreatedAt, &s.UpdatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(content), &s.Content); err != nil {
		return nil, err
	}
	return &s, nil
}

// Service returns one other service, published or not.
func (d *DB) Service(ctx context.Context, id int64) (*openinfo.OtherService, error) {
	return d.service(ctx, d.db, id)
}

func (d *DB) service(ctx context.Context, q querier, id int64) (*openinfo.OtherService, error) {
	s, err := scanService(q.QueryRowContext(ctx, `SELECT `+serviceColumns+` FROM other_services s WHERE s.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบบริการรหัส %d", "Service %d not found.", id)
	}
	return s, err
}

// ServiceFilter selects other services for a list.
type ServiceFilter struct {
	AgencyPath    string // the agency subtree ("" = all)
	AgencyID      int64  // exactly this agency (0 = any)
	PublishedOnly bool
	Query         string // part of the Thai or English name
	Limit, Offset int
}

// Services lists other services by name, with the total before paging.
func (d *DB) Services(ctx context.Context, f ServiceFilter) ([]*openinfo.OtherService, int, error) {
	var w where
	if f.AgencyPath != "" {
		w.add("a.path LIKE ?", f.AgencyPath+"%")
	}
	if f.AgencyID != 0 {
		w.add("s.agency_id = ?", f.AgencyID)
	}
	if f.PublishedOnly {
		w.add("s.published = ?", true)
	}
	if f.Query != "" {
		w.add("(lower(s.name_th) LIKE ? ESCAPE '\\' OR lower(s.name_en) LIKE ? ESCAPE '\\')", likePattern(f.Query), likePattern(f.Query))
	}
	from := ` FROM other_services s JOIN agencies a ON a.id = s.agency_id` + w.sql()
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+serviceColumns+from+` ORDER BY s.sort_key, s.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.OtherService
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, s)
	}
	return out, total, rows.Err()
}

func serviceSnapshot(s *openinfo.OtherService) map[string]any {
	return map[string]any{"agency_id": s.AgencyID, "name_th": s.NameTH, "name_en": s.NameEN, "published": s.Published, "content": s.Content}
}

// CreateService validates and inserts s under an active agency.
func (d *DB) CreateService(ctx context.Context, s *openinfo.OtherService) error {
	s.ID = 0
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	content, err := json.Marshal(s.Content)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.checkPointAgency(ctx, tx, s.AgencyID); err != nil {
			return err
		}
		now := d.now()
		if err := tx.QueryRowContext(ctx, `INSERT INTO other_services (agency_id, name_th, name_en, sort_key, content, published, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, s.AgencyID, s.NameTH, s.NameEN, openinfo.SortKey(s.NameTH),
			string(content), s.Published, now).Scan(&s.ID); err != nil {
			return err
		}
		s.Version, s.CreatedAt, s.UpdatedAt = 1, now, now
		return d.audit(ctx, tx, "service.create", "other_service", s.ID, nil, serviceSnapshot(s))
	})
}

// UpdateService saves s over the version it was read at; the agency does not
// change. Publishing and withdrawing are saves of Published.
func (d *DB) UpdateService(ctx context.Context, s *openinfo.OtherService) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	content, err := json.Marshal(s.Content)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.service(ctx, tx, s.ID)
		if err != nil {
			return err
		}
		if s.Version != old.Version {
			return errStaleService
		}
		s.AgencyID = old.AgencyID
		now := d.now()
		res, err := tx.ExecContext(ctx, `UPDATE other_services SET name_th = $1, name_en = $2, sort_key = $3, content = $4,
			published = $5, version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8`,
			s.NameTH, s.NameEN, openinfo.SortKey(s.NameTH), string(content), s.Published, now, s.ID, s.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStaleService
		}
		s.Version, s.CreatedAt, s.UpdatedAt = s.Version+1, old.CreatedAt, now
		return d.audit(ctx, tx, "service.update", "other_service", s.ID, serviceSnapshot(old), serviceSnapshot(s))
	})
}

var errStaleService = &openinfo.Error{Code: openinfo.ECONFLICT,
	TH: "บริการนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน การแก้ไขของท่านจึงยังไม่ถูกบันทึก กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง",
	EN: "Someone else changed this service after you opened it, so your changes were not saved. Reload it and make your changes again."}
