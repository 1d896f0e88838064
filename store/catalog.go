package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/openinfo/openinfo"
)

// OPDC keeps the Service Catalog: categories, user groups and tags. Terms are
// never deleted (processes refer to them); a retired term is made inactive
// and stops being offered.

// CatalogTerm returns one term.
func (d *DB) CatalogTerm(ctx context.Context, id int64) (*openinfo.CatalogTerm, error) {
	return d.catalogTerm(ctx, d.db, id)
}

func (d *DB) catalogTerm(ctx context.Context, q querier, id int64) (*openinfo.CatalogTerm, error) {
	var t openinfo.CatalogTerm
	err := q.QueryRowContext(ctx, `SELECT id, kind, code, name_th, name_en, COALESCE(parent_id, 0), active, version
		FROM catalog_terms WHERE id = $1`, id).Scan(&t.ID, &t.Kind, &t.Code, &t.NameTH, &t.NameEN, &t.ParentID, &t.Active, &t.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบรายการบัญชีบริการรหัส %d", "Catalog term %d not found.", id)
	}
	return &t, err
}

func (d *DB) checkTerm(ctx context.Context, tx *sql.Tx, t *openinfo.CatalogTerm) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM catalog_terms WHERE kind = $1 AND code = $2 AND id <> $3`,
		t.Kind, t.Code, t.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &openinfo.Error{Code: openinfo.EINVALID, TH: "รหัสนี้มีอยู่แล้วในประเภทเดียวกัน", EN: "That code is already used in this kind.",
			Fields: []openinfo.FieldError{{Field: "code", TH: "รหัสนี้มีอยู่แล้ว เลือกรหัสอื่น", EN: "That code is taken; choose another."}}}
	}
	if t.ParentID == 0 {
		return nil
	}
	parent, err := d.catalogTerm(ctx, tx, t.ParentID)
	if err != nil {
		return &openinfo.Error{Code: openinfo.EINVALID, TH: "ไม่พบรายการแม่", EN: "The parent term does not exist.",
			Fields: []openinfo.FieldError{{Field: "parent_id", TH: "ไม่พบรายการแม่", EN: "The parent term does not exist."}}}
	}
	return openinfo.CheckCatalogParent(*t, *parent)
}

// CreateCatalogTerm validates and adds a term.
func (d *DB) CreateCatalogTerm(ctx context.Context, t *openinfo.CatalogTerm) error {
	t.ID = 0
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.checkTerm(ctx, tx, t); err != nil {
			return err
		}
		parent := sql.NullInt64{Int64: t.ParentID, Valid: t.ParentID != 0}
		if err := tx.QueryRowContext(ctx, `INSERT INTO catalog_terms (kind, code, name_th, name_en, parent_id, active)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, t.Kind, t.Code, t.NameTH, t.NameEN, parent, t.Active).Scan(&t.ID); err != nil {
			return err
		}
		t.Version = 1
		return d.audit(ctx, tx, "catalog.create", "catalog_term", t.ID, nil, t)
	})
}

// UpdateCatalogTerm saves names, code, parent and active over the version
// read; the kind never changes.
func (d *DB) UpdateCatalogTerm(ctx context.Context, t *openinfo.CatalogTerm) error {
	t.Normalize()
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.catalogTerm(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		t.Kind = old.Kind
		if err := t.Validate(); err != nil {
			return err
		}
		if t.Version != old.Version {
			return errStaleTerm
		}
		if err := d.checkTerm(ctx, tx, t); err != nil {
			return err
		}
		parent := sql.NullInt64{Int64: t.ParentID, Valid: t.ParentID != 0}
		res, err := tx.ExecContext(ctx, `UPDATE catalog_terms SET code = $1, name_th = $2, name_en = $3, parent_id = $4, active = $5,
			version = version + 1 WHERE id = $6 AND version = $7`, t.Code, t.NameTH, t.NameEN, parent, t.Active, t.ID, t.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStaleTerm
		}
		t.Version++
		return d.audit(ctx, tx, "catalog.update", "catalog_term", t.ID, old, t)
	})
}

var errStaleTerm = &openinfo.Error{Code: openinfo.ECONFLICT,
	TH: "รายการนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง",
	EN: "Someone else changed this term after you opened it. Reload and make your change again."}
