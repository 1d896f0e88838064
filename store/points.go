package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/openinfo/openinfo"
)

const pointColumns = `p.id, p.agency_id, p.name_th, p.name_en, p.kind, p.address, p.subdistrict, p.district, p.province,
	p.postcode, p.lat, p.lon, p.phones, p.email, p.url, p.hours, p.visible, p.version, p.created_at, p.updated_at`

func scanPoint(s scanner) (*openinfo.ServicePoint, error) {
	var p openinfo.ServicePoint
	var lat, lon sql.NullFloat64
	var phones, hours string
	err := s.Scan(&p.ID, &p.AgencyID, &p.NameTH, &p.NameEN, &p.Kind, &p.Address.Line, &p.Address.Subdistrict,
		&p.Address.District, &p.Address.ProvinceCode, &p.Address.Postcode, &lat, &lon, &phones, &p.Email, &p.URL,
		&hours, &p.Visible, &p.Version, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if lat.Valid && lon.Valid {
		p.HasLocation, p.Lat, p.Lon = true, lat.Float64, lon.Float64
	}
	if err := json.Unmarshal([]byte(phones), &p.Phones); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(hours), &p.Hours); err != nil {
		return nil, err
	}
	return &p, nil
}

func pointArgs(p *openinfo.ServicePoint) []any {
	phones, _ := json.Marshal(p.Phones)
	if p.Phones == nil {
		phones = []byte("[]")
	}
	hours, _ := json.Marshal(p.Hours)
	lat, lon := sql.NullFloat64{Float64: p.Lat, Valid: p.HasLocation}, sql.NullFloat64{Float64: p.Lon, Valid: p.HasLocation}
	a := p.Address
	return []any{p.AgencyID, p.NameTH, p.NameEN, openinfo.SortKey(p.NameTH), p.Kind, a.Line, a.Subdistrict, a.District,
		a.ProvinceCode, a.Postcode, lat, lon, string(phones), p.Email, p.URL, string(hours), p.Visible}
}

// ServicePoint returns one service point, hidden or not.
func (d *DB) ServicePoint(ctx context.Context, id int64) (*openinfo.ServicePoint, error) {
	return d.servicePoint(ctx, d.db, id)
}

func (d *DB) servicePoint(ctx context.Context, q querier, id int64) (*openinfo.ServicePoint, error) {
	p, err := scanPoint(q.QueryRowContext(ctx, `SELECT `+pointColumns+` FROM service_points p WHERE p.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบจุดบริการรหัส %d", "Service point %d not found.", id)
	}
	return p, err
}

// checkPointAgency refuses a point under an unknown or dissolved agency.
func (d *DB) checkPointAgency(ctx context.Context, q querier, id int64) error {
	var status string
	err := q.QueryRowContext(ctx, `SELECT status FROM agencies WHERE id = $1`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && status != openinfo.StatusActive) {
		return &openinfo.Error{Code: openinfo.EINVALID,
			TH: "ไม่พบหน่วยงานเจ้าของจุดบริการ หรือหน่วยงานถูกยกเลิกแล้ว", EN: "The service point's agency does not exist or is inactive.",
			Fields: []openinfo.FieldError{{Field: "agency_id", TH: "เลือกหน่วยงานที่ยังใช้งานอยู่", EN: "Choose an active agency."}}}
	}
	return err
}

// CreateServicePoint validates and inserts p.
func (d *DB) CreateServicePoint(ctx context.Context, p *openinfo.ServicePoint) error {
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
		args := append(pointArgs(p), now)
		err := tx.QueryRowContext(ctx, `INSERT INTO service_points (agency_id, name_th, name_en, sort_key, kind, address,
			subdistrict, district, province, postcode, lat, lon, phones, email, url, hours, visible, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18) RETURNING id`,
			args...).Scan(&p.ID)
		if err != nil {
			return err
		}
		code, err := freeRateCode(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE service_points SET rate_code = $1 WHERE id = $2`, code, p.ID); err != nil {
			return err
		}
		p.Version, p.CreatedAt, p.UpdatedAt = 1, now, now
		return d.audit(ctx, tx, "service_point.create", "service_point", p.ID, nil, p)
	})
}

// UpdateServicePoint saves changes to p, refusing a stale version.
func (d *DB) UpdateServicePoint(ctx context.Context, p *openinfo.ServicePoint) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.servicePoint(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if old.Version != p.Version {
			return errStale("จุดบริการ", "service point")
		}
		if p.AgencyID != old.AgencyID {
			if err := d.checkPointAgency(ctx, tx, p.AgencyID); err != nil {
				return err
			}
		}
		now := d.now()
		args := append(pointArgs(p), now, p.ID, p.Version)
		res, err := tx.ExecContext(ctx, `UPDATE service_points SET agency_id = $1, name_th = $2, name_en = $3, sort_key = $4,
			kind = $5, address = $6, subdistrict = $7, district = $8, province = $9, postcode = $10, lat = $11, lon = $12,
			phones = $13, email = $14, url = $15, hours = $16, visible = $17, version = version + 1, updated_at = $18
			WHERE id = $19 AND version = $20`, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStale("จุดบริการ", "service point")
		}
		p.Version++
		p.CreatedAt, p.UpdatedAt = old.CreatedAt, now
		return d.audit(ctx, tx, "service_point.update", "service_point", p.ID, old, p)
	})
}

// PointFilter selects service points.
type PointFilter struct {
	AgencyID int64 // the points of one agency
	Under    int64 // the points of an agency and its whole subtree
	Province string
	Kind     openinfo.PointKind
	Query    string
	// WithHidden also lists points hidden from the public (back office).
	WithHidden bool
	Limit      int
	Offset     int
}

// ServicePoints lists service points in Thai dictionary order, with the total.
func (d *DB) ServicePoints(ctx context.Context, f PointFilter) ([]*openinfo.ServicePoint, int, error) {
	var w where
	from := ` FROM service_points p`
	if f.AgencyID != 0 {
		w.add("p.agency_id = ?", f.AgencyID)
	}
	if f.Under != 0 {
		a, err := d.Agency(ctx, f.Under)
		if err != nil {
			return nil, 0, err
		}
		from += ` JOIN agencies a ON a.id = p.agency_id`
		w.add("a.path LIKE ?", a.Path+"%")
	}
	if f.Province != "" {
		w.add("p.province = ?", f.Province)
	}
	if f.Kind != "" {
		w.add("p.kind = ?", f.Kind)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		pat := likePattern(q)
		w.add(`(lower(p.name_th) LIKE ? ESCAPE '\' OR lower(p.name_en) LIKE ? ESCAPE '\')`, pat, pat)
	}
	if !f.WithHidden {
		w.add("p.visible = ?", true)
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+from+w.sql()+` ORDER BY p.sort_key, p.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.ServicePoint
	for rows.Next() {
		p, err := scanPoint(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}
