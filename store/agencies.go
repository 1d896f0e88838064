package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

const agencyColumns = `id, parent_id, path, depth, type, name_th, name_en, short_name, address, subdistrict, district,
	province, postcode, phones, email, website, status, version, created_at, updated_at`

type scanner interface{ Scan(...any) error }

func scanAgency(s scanner) (*openinfo.Agency, error) {
	var a openinfo.Agency
	var parent sql.NullInt64
	var phones string
	err := s.Scan(&a.ID, &parent, &a.Path, &a.Depth, &a.Type, &a.NameTH, &a.NameEN, &a.ShortName,
		&a.Contact.Address.Line, &a.Contact.Address.Subdistrict, &a.Contact.Address.District,
		&a.Contact.Address.ProvinceCode, &a.Contact.Address.Postcode, &phones, &a.Contact.Email,
		&a.Contact.Website, &a.Status, &a.Version, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return nil, err
	}
	a.ParentID = parent.Int64
	if err := json.Unmarshal([]byte(phones), &a.Contact.Phones); err != nil {
		return nil, err
	}
	return &a, nil
}

func errAgencyNotFound(id int64) error {
	return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบหน่วยงานรหัส %d", "Agency %d not found.", id)
}

// Agency returns one agency.
func (d *DB) Agency(ctx context.Context, id int64) (*openinfo.Agency, error) {
	return d.agency(ctx, d.db, id)
}

type querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func (d *DB) agency(ctx context.Context, q querier, id int64) (*openinfo.Agency, error) {
	a, err := scanAgency(q.QueryRowContext(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errAgencyNotFound(id)
	}
	return a, err
}

// CreateAgency validates and inserts a, filling its ID, path and timestamps.
func (d *DB) CreateAgency(ctx context.Context, a *openinfo.Agency) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return d.createAgencyTx(ctx, tx, a) })
}

// createAgencyTx is CreateAgency inside a caller's transaction.
func (d *DB) createAgencyTx(ctx context.Context, tx *sql.Tx, a *openinfo.Agency) error {
	a.ID = 0
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	parentPath, depth, err := d.parentPath(ctx, tx, a.ParentID)
	if err != nil {
		return err
	}
	now := d.now()
	phones, _ := json.Marshal(a.Contact.Phones)
	c := a.Contact
	err = tx.QueryRowContext(ctx, `INSERT INTO agencies (parent_id, path, depth, type, name_th, name_en, sort_key, short_name,
		address, subdistrict, district, province, postcode, phones, email, website, status, version, created_at, updated_at)
		VALUES ($1, '', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17, $17) RETURNING id`,
		nullID(a.ParentID), depth, a.Type, a.NameTH, a.NameEN, openinfo.SortKey(a.NameTH), a.ShortName,
		c.Address.Line, c.Address.Subdistrict, c.Address.District, c.Address.ProvinceCode, c.Address.Postcode,
		string(phones), c.Email, c.Website, a.Status, now).Scan(&a.ID)
	if err != nil {
		return err
	}
	a.Path = parentPath + strconv.FormatInt(a.ID, 10) + "/"
	a.Depth, a.Version, a.CreatedAt, a.UpdatedAt = depth, 1, now, now
	if _, err := tx.ExecContext(ctx, `UPDATE agencies SET path = $1 WHERE id = $2`, a.Path, a.ID); err != nil {
		return err
	}
	return d.audit(ctx, tx, "agency.create", "agency", a.ID, nil, a)
}

// UpdateAgency saves changes to a. a.Version must be the version that was
// read: if someone saved in between, the update is refused as stale. Moving an
// agency moves its whole subtree; a move under its own subtree is refused.
func (d *DB) UpdateAgency(ctx context.Context, a *openinfo.Agency) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.agency(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if old.Version != a.Version {
			return errStale("หน่วยงาน", "agency")
		}
		a.Path, a.Depth = old.Path, old.Depth
		if a.ParentID != old.ParentID {
			parentPath, depth, err := d.parentPath(ctx, tx, a.ParentID)
			if err != nil {
				return err
			}
			if strings.HasPrefix(parentPath, old.Path) {
				return &openinfo.Error{Code: openinfo.EINVALID,
					TH: "ย้ายหน่วยงานไปอยู่ใต้หน่วยงานในสังกัดของตัวเองไม่ได้ (จะเกิดวงวนในโครงสร้าง)",
					EN: "An agency cannot be moved under one of its own sub-agencies (that would make a cycle).",
					Fields: []openinfo.FieldError{{Field: "parent_id", TH: "เลือกต้นสังกัดที่ไม่ได้อยู่ในสังกัดของหน่วยงานนี้",
						EN: "Choose a parent outside this agency's subtree."}}}
			}
			a.Path = parentPath + strconv.FormatInt(a.ID, 10) + "/"
			a.Depth = depth
			// Rewrite the paths of the subtree: its prefix changes, the rest stays.
			if _, err := tx.ExecContext(ctx, `UPDATE agencies SET path = CAST($1 AS TEXT) || substr(path, $2), depth = depth + $3
				WHERE path LIKE $4`, a.Path, len(old.Path)+1, a.Depth-old.Depth, old.Path+"%"); err != nil {
				return err
			}
		}
		now := d.now()
		phones, _ := json.Marshal(a.Contact.Phones)
		c := a.Contact
		res, err := tx.ExecContext(ctx, `UPDATE agencies SET parent_id = $1, path = $2, depth = $3, type = $4, name_th = $5,
			name_en = $6, sort_key = $7, short_name = $8, address = $9, subdistrict = $10, district = $11, province = $12,
			postcode = $13, phones = $14, email = $15, website = $16, status = $17, version = version + 1, updated_at = $18
			WHERE id = $19 AND version = $20`,
			nullID(a.ParentID), a.Path, a.Depth, a.Type, a.NameTH, a.NameEN, openinfo.SortKey(a.NameTH), a.ShortName,
			c.Address.Line, c.Address.Subdistrict, c.Address.District, c.Address.ProvinceCode, c.Address.Postcode,
			string(phones), c.Email, c.Website, a.Status, now, a.ID, a.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStale("หน่วยงาน", "agency")
		}
		a.Version++
		a.CreatedAt, a.UpdatedAt = old.CreatedAt, now
		return d.audit(ctx, tx, "agency.update", "agency", a.ID, old, a)
	})
}

// parentPath returns the path of the parent and the depth of a child of it;
// an unknown parent is an input error, not a missing page.
func (d *DB) parentPath(ctx context.Context, q querier, parentID int64) (string, int, error) {
	if parentID == 0 {
		return "/", 0, nil
	}
	var path string
	var depth int
	err := q.QueryRowContext(ctx, `SELECT path, depth FROM agencies WHERE id = $1`, parentID).Scan(&path, &depth)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, &openinfo.Error{Code: openinfo.EINVALID,
			TH: "ไม่พบหน่วยงานต้นสังกัดที่ระบุ", EN: "The parent agency does not exist.",
			Fields: []openinfo.FieldError{{Field: "parent_id", TH: "ไม่พบหน่วยงานต้นสังกัดรหัส " + strconv.FormatInt(parentID, 10),
				EN: "No agency has ID " + strconv.FormatInt(parentID, 10) + "."}}}
	}
	return path, depth + 1, err
}

func errStale(th, en string) error {
	return &openinfo.Error{Code: openinfo.ECONFLICT,
		TH: "ข้อมูล" + th + "ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน กรุณาโหลดหน้าใหม่และแก้ไขอีกครั้ง",
		EN: "This " + en + " was changed by someone else after you opened it; reload it and make your change again."}
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// AgencyFilter selects agencies for the directory.
type AgencyFilter struct {
	Type     openinfo.AgencyType
	Province string
	// ParentID lists the children of one agency; Roots lists agencies without a parent.
	ParentID int64
	Roots    bool
	// Under lists the whole subtree below this agency (not itself).
	Under int64
	Query string // part of the Thai or English name or the short name
	// ExcludeTypes leaves these types out (the directory's top level lists
	// ministries and independent bodies, not 7,800 local governments).
	ExcludeTypes []openinfo.AgencyType
	// WithInactive also lists dissolved agencies (hidden from the public).
	WithInactive bool
	Limit        int
	Offset       int
}

// Agencies lists agencies in Thai dictionary order, with the total count.
func (d *DB) Agencies(ctx context.Context, f AgencyFilter) ([]*openinfo.Agency, int, error) {
	var w where
	if f.Type != "" {
		w.add("type = ?", f.Type)
	}
	if f.Province != "" {
		w.add("province = ?", f.Province)
	}
	if f.ParentID != 0 {
		w.add("parent_id = ?", f.ParentID)
	}
	if f.Roots {
		w.add("parent_id IS NULL")
	}
	for _, t := range f.ExcludeTypes {
		w.add("type <> ?", t)
	}
	if f.Under != 0 {
		parent, err := d.Agency(ctx, f.Under)
		if err != nil {
			return nil, 0, err
		}
		w.add("path LIKE ? AND id <> ?", parent.Path+"%", parent.ID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		w.add(`(lower(name_th) LIKE ? ESCAPE '\' OR lower(name_en) LIKE ? ESCAPE '\' OR lower(short_name) LIKE ? ESCAPE '\')`, p, p, p)
	}
	if !f.WithInactive {
		w.add("status = ?", openinfo.StatusActive)
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM agencies`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+agencyColumns+` FROM agencies`+w.sql()+` ORDER BY sort_key, id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// Ancestors returns a's ancestors from the root down, for breadcrumbs.
func (d *DB) Ancestors(ctx context.Context, a *openinfo.Agency) ([]*openinfo.Agency, error) {
	var ids []any
	var marks []string
	for _, s := range strings.Split(strings.Trim(a.Path, "/"), "/") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id == a.ID {
			continue
		}
		ids = append(ids, id)
		marks = append(marks, "$"+strconv.Itoa(len(ids)))
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id IN (`+strings.Join(marks, ",")+`) ORDER BY depth`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.Agency
	for rows.Next() {
		x, err := scanAgency(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Count is one facet value and how many records have it.
type Count struct {
	Key string
	N   int
}

// AgencyCounts counts active agencies per type and per province, for the
// directory's browse lists.
func (d *DB) AgencyCounts(ctx context.Context) (byType, byProvince []Count, err error) {
	count := func(col string) ([]Count, error) {
		rows, err := d.db.QueryContext(ctx, `SELECT `+col+`, count(*) FROM agencies WHERE status = $1 GROUP BY `+col+` ORDER BY `+col, openinfo.StatusActive)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Count
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Key, &c.N); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	if byType, err = count("type"); err != nil {
		return nil, nil, err
	}
	byProvince, err = count("province")
	return byType, byProvince, err
}
