package store

import (
	"context"
	"sort"

	"github.com/openinfo/openinfo"
)

// ProvinceCount is how many of a manual's service points are in one
// province.
type ProvinceCount struct {
	Province string // province code; "" for points with no address (online, phone)
	N        int
}

// PinnedProvinces counts the visible service points pinned to id by
// province, the provinces in code order: the manual page's "your province"
// choice (issue 17).
func (d *DB) PinnedProvinces(ctx context.Context, t PinTarget, id int64) ([]ProvinceCount, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT p.province, count(*) FROM service_points p JOIN `+t.table+` x ON x.point_id = p.id
		WHERE x.`+t.column+` = $1 AND p.visible GROUP BY p.province`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProvinceCount
	for rows.Next() {
		var c ProvinceCount
		if err := rows.Scan(&c.Province, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Province < out[j].Province })
	return out, rows.Err()
}

// PinnedPointsIn is PinnedPoints (visible points only) with the points of
// province first, then the ones with no province (online and phone
// services, which serve everywhere), then the rest.
func (d *DB) PinnedPointsIn(ctx context.Context, t PinTarget, id int64, province string, limit, offset int) ([]*openinfo.ServicePoint, int, error) {
	cond := ` FROM service_points p JOIN ` + t.table + ` x ON x.point_id = p.id WHERE x.` + t.column + ` = $1 AND p.visible`
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+cond, id).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset = pageBounds(limit, offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+cond+`
		ORDER BY CASE WHEN p.province = $4 THEN 0 WHEN p.province = '' THEN 1 ELSE 2 END, p.sort_key, p.id LIMIT $2 OFFSET $3`,
		id, limit, offset, province)
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
