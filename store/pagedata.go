package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// What the public manual and service point pages read, in as few prepared
// queries as the pages allow (issue 19): a manual page was five queries
// (six with the province choice), each prepared again on every call.

// rowParts collects the destinations of a joined row's columns and what to
// do with them once scanned, so one row fills several records.
type rowParts struct {
	dests  []any
	finish []func() error
}

func (r *rowParts) scan(s scanner) error {
	if err := s.Scan(r.dests...); err != nil {
		return err
	}
	for _, f := range r.finish {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// prefixed qualifies each column of a column list with alias.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// processParts scans what scanProcess scans (not the catalog terms).
func (r *rowParts) process(p *openinfo.Process) {
	var names string
	r.dests = append(r.dests, &p.ID, &p.AgencyID, &p.NameTH, &p.NameEN, &names, &p.Version, &p.CreatedAt, &p.UpdatedAt)
	r.finish = append(r.finish, func() error { return json.Unmarshal([]byte(names), &p.CommonNames) })
}

const processColumns = `id, agency_id, name_th, name_en, common_names, version, created_at, updated_at`

// agency scans agencyColumns as scanAgency does.
func (r *rowParts) agency(a *openinfo.Agency) {
	var parent sql.NullInt64
	var phones string
	r.dests = append(r.dests, &a.ID, &parent, &a.Path, &a.Depth, &a.Type, &a.NameTH, &a.NameEN, &a.ShortName,
		&a.Contact.Address.Line, &a.Contact.Address.Subdistrict, &a.Contact.Address.District,
		&a.Contact.Address.ProvinceCode, &a.Contact.Address.Postcode, &phones, &a.Contact.Email,
		&a.Contact.Website, &a.Status, &a.Version, &a.CreatedAt, &a.UpdatedAt)
	r.finish = append(r.finish, func() error {
		a.ParentID = parent.Int64
		return json.Unmarshal([]byte(phones), &a.Contact.Phones)
	})
}

// revision scans revisionColumns as scanRevision does.
func (r *rowParts) revision(rev *openinfo.ManualRevision) {
	var content string
	var published sql.NullTime
	r.dests = append(r.dests, &rev.ID, &rev.ProcessID, &rev.Number, &rev.State, &content, &rev.Version, &rev.CreatedBy,
		&rev.CreatedAt, &rev.UpdatedAt, &published)
	r.finish = append(r.finish, func() error {
		rev.PublishedAt = published.Time
		return json.Unmarshal([]byte(content), &rev.Content)
	})
}

var publicManualQuery = `SELECT ` + prefixed("p", processColumns) + `, ` + prefixed("a", agencyColumns) + `, ` + prefixed("r", revisionColumns) + `
	FROM manual_revisions r JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id
	WHERE r.process_id = $1 AND r.state = 'published'`

// PublicManual is a process's published manual with the process and its
// agency, in one query; ENOTFOUND when nothing is published. The process
// comes without its catalog terms (the page does not show them).
func (d *DB) PublicManual(ctx context.Context, processID int64) (*openinfo.Process, *openinfo.Agency, *openinfo.ManualRevision, error) {
	st, err := d.prepared(ctx, publicManualQuery)
	if err != nil {
		return nil, nil, nil, err
	}
	var p openinfo.Process
	var a openinfo.Agency
	var rev openinfo.ManualRevision
	var parts rowParts
	parts.process(&p)
	parts.agency(&a)
	parts.revision(&rev)
	if err := parts.scan(st.QueryRowContext(ctx, processID)); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, nil, openinfo.Errorf(openinfo.ENOTFOUND, "ยังไม่มีคู่มือที่เผยแพร่", "No published manual.")
		}
		return nil, nil, nil, err
	}
	return &p, &a, &rev, nil
}

// PinnedPage is the service points a manual page shows: the first limit of
// the visible points pinned to it (those of province first, then those
// with no province, then the rest, each by name), their total and their
// count per province in code order.
type PinnedPage struct {
	Points    []*openinfo.ServicePoint
	Total     int
	Provinces []ProvinceCount
}

const (
	pinnedProvincesQuery = `SELECT p.province, count(*) FROM service_points p JOIN point_processes x ON x.point_id = p.id
		WHERE x.process_id = $1 AND p.visible GROUP BY p.province`
	pinnedPointsQuery = `SELECT ` + pointColumns + ` FROM service_points p JOIN point_processes x ON x.point_id = p.id
		WHERE x.process_id = $1 AND p.visible
		ORDER BY CASE WHEN p.province = $3 THEN 0 WHEN p.province = '' THEN 1 ELSE 2 END, p.sort_key, p.id LIMIT $2`
)

// PinnedToManual reads PinnedPage for a process in two prepared queries
// (one when nothing is pinned): the counts, then the list; it is
// PinnedPointsIn (offset 0) and PinnedProvinces together.
func (d *DB) PinnedToManual(ctx context.Context, processID int64, province string, limit int) (*PinnedPage, error) {
	st, err := d.prepared(ctx, pinnedProvincesQuery)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, processID)
	if err != nil {
		return nil, err
	}
	out := &PinnedPage{}
	for rows.Next() {
		var c ProvinceCount
		if err := rows.Scan(&c.Province, &c.N); err != nil {
			rows.Close()
			return nil, err
		}
		out.Provinces = append(out.Provinces, c)
		out.Total += c.N
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out.Provinces, func(i, j int) bool { return out.Provinces[i].Province < out.Provinces[j].Province })
	if out.Total == 0 {
		return out, nil
	}
	limit, _ = pageBounds(limit, 0, 500)
	if st, err = d.prepared(ctx, pinnedPointsQuery); err != nil {
		return nil, err
	}
	if rows, err = st.QueryContext(ctx, processID, limit, province); err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPoint(rows)
		if err != nil {
			return nil, err
		}
		out.Points = append(out.Points, p)
	}
	return out, rows.Err()
}

var publicPointQuery = `SELECT ` + pointColumns + `, ` + prefixed("a", agencyColumns) + `
	FROM service_points p JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1`

// PublicPoint is a service point (hidden or not) with its agency, in one
// query.
func (d *DB) PublicPoint(ctx context.Context, id int64) (*openinfo.ServicePoint, *openinfo.Agency, error) {
	st, err := d.prepared(ctx, publicPointQuery)
	if err != nil {
		return nil, nil, err
	}
	var a openinfo.Agency
	var pt *openinfo.ServicePoint
	var parts rowParts
	parts.point(&pt)
	parts.agency(&a)
	if err := parts.scan(st.QueryRowContext(ctx, id)); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบจุดบริการรหัส %d", "Service point %d not found.", id)
		}
		return nil, nil, err
	}
	return pt, &a, nil
}

// point scans pointColumns as scanPoint does.
func (r *rowParts) point(out **openinfo.ServicePoint) {
	s := &pointScanner{}
	r.dests = append(r.dests, s.dests()...)
	r.finish = append(r.finish, func() error {
		p, err := s.point()
		*out = p
		return err
	})
}

// pointScanner holds a point's columns as scanned.
type pointScanner struct {
	p        openinfo.ServicePoint
	lat, lon sql.NullFloat64
	phones   string
	hours    string
}

func (s *pointScanner) dests() []any {
	p := &s.p
	return []any{&p.ID, &p.AgencyID, &p.NameTH, &p.NameEN, &p.Kind, &p.Address.Line, &p.Address.Subdistrict,
		&p.Address.District, &p.Address.ProvinceCode, &p.Address.Postcode, &s.lat, &s.lon, &s.phones, &p.Email, &p.URL,
		&s.hours, &p.Visible, &p.Version, &p.CreatedAt, &p.UpdatedAt}
}

func (s *pointScanner) point() (*openinfo.ServicePoint, error) {
	p := s.p
	if s.lat.Valid && s.lon.Valid {
		p.HasLocation, p.Lat, p.Lon = true, s.lat.Float64, s.lon.Float64
	}
	if err := json.Unmarshal([]byte(s.phones), &p.Phones); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(s.hours), &p.Hours); err != nil {
		return nil, err
	}
	return &p, nil
}

// PublicAncestors is Ancestors through a prepared statement (one per depth).
func (d *DB) PublicAncestors(ctx context.Context, a *openinfo.Agency) ([]*openinfo.Agency, error) {
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
	if len(ids) > 16 { // deeper than any tree: not worth a statement of its own
		return d.Ancestors(ctx, a)
	}
	st, err := d.prepared(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id IN (`+strings.Join(marks, ",")+`) ORDER BY depth`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, ids...)
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
