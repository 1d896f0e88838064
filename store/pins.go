package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Pins (ปักหมุดคู่มือ / เชื่อมโยงกระบวนงาน) link a process's manual or an other
// service to the service points that serve it. A point must be in the
// owning agency's subtree: a ministry pins its provincial offices' counters,
// never another ministry's.

// PinTarget says what is pinned: a process (its manual) or an other service.
type PinTarget struct {
	table, column, entity, owner string
}

var (
	PinProcess = PinTarget{"point_processes", "process_id", "process", "processes"}
	PinService = PinTarget{"point_services", "service_id", "other_service", "other_services"}
)

// MaxPinBatch bounds one pin or unpin request.
const MaxPinBatch = 1000

// ownerPath returns the agency path of the pinned process or service.
func (d *DB) ownerPath(ctx context.Context, q querier, t PinTarget, id int64) (string, error) {
	var path string
	err := q.QueryRowContext(ctx, `SELECT a.path FROM `+t.owner+` x JOIN agencies a ON a.id = x.agency_id WHERE x.id = $1`, id).Scan(&path)
	if err == sql.ErrNoRows {
		return "", openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบรายการที่จะปักหมุด (รหัส %d)", "Nothing to pin with ID %d.", id)
	}
	return path, err
}

// Pin links the process or service id to every point of pointIDs in one
// transaction; points already linked are left as they are. It refuses the
// whole batch if any point is unknown or outside the owner's subtree.
func (d *DB) Pin(ctx context.Context, t PinTarget, id int64, pointIDs []int64) (added int, err error) {
	return d.pinChange(ctx, t, id, pointIDs, true, "")
}

// Unpin removes the links of id to pointIDs; unknown links are ignored.
func (d *DB) Unpin(ctx context.Context, t PinTarget, id int64, pointIDs []int64) (removed int, err error) {
	return d.pinChange(ctx, t, id, pointIDs, false, "")
}

// PinWithin pins (pin) or unpins id to pointIDs, which must all lie in the
// agency subtree within: an officer pinning a manual of an agency above
// their own to their own points (openinfo.PinScope) touches no one else's.
func (d *DB) PinWithin(ctx context.Context, t PinTarget, id int64, pointIDs []int64, pin bool, within string) (int, error) {
	if within == "" {
		return 0, openinfo.Errorf(openinfo.EINTERNAL, "store: PinWithin without a subtree", "store: PinWithin without a subtree")
	}
	return d.pinChange(ctx, t, id, pointIDs, pin, within)
}

// pinChange pins or unpins; within ("" = the owner's subtree when
// pinning, anywhere when unpinning) is the subtree the points must lie in.
func (d *DB) pinChange(ctx context.Context, t PinTarget, id int64, pointIDs []int64, pin bool, within string) (int, error) {
	ids := slices.Clone(pointIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return 0, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาเลือกจุดบริการอย่างน้อย 1 แห่ง", EN: "Choose at least one service point.",
			Fields: []openinfo.FieldError{{Field: "points", TH: "เลือกจุดบริการ", EN: "Choose service points."}}}
	}
	if len(ids) > MaxPinBatch {
		return 0, openinfo.Errorf(openinfo.EINVALID, "เลือกจุดบริการได้ครั้งละไม่เกิน %d แห่ง", "At most %d service points at a time.", MaxPinBatch)
	}
	n := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		owner, err := d.ownerPath(ctx, tx, t, id)
		if err != nil {
			return err
		}
		switch {
		case within != "":
			if !strings.HasPrefix(within, owner) {
				return openinfo.Errorf(openinfo.EFORBIDDEN, "หน่วยงานของท่านไม่ได้อยู่ในสังกัดของหน่วยงานเจ้าของกระบวนงาน",
					"Your agency is not under the agency that owns this.")
			}
			if err := d.checkPinPoints(ctx, tx, within, ids, true); err != nil {
				return err
			}
		case pin:
			if err := d.checkPinPoints(ctx, tx, owner, ids, false); err != nil {
				return err
			}
		}
		for _, p := range ids {
			var q string
			if pin {
				q = `INSERT INTO ` + t.table + ` (point_id, ` + t.column + `) VALUES ($1, $2) ON CONFLICT DO NOTHING`
			} else {
				q = `DELETE FROM ` + t.table + ` WHERE point_id = $1 AND ` + t.column + ` = $2`
			}
			res, err := tx.ExecContext(ctx, q, p, id)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		action := t.entity + ".pin"
		if !pin {
			action = t.entity + ".unpin"
		}
		return d.audit(ctx, tx, action, t.entity, id, nil, map[string]any{"points": ids, "changed": n})
	})
	return n, err
}

// checkPinPoints refuses points that do not exist or lie outside the
// subtree: the owner's, or the officer's own (mine).
func (d *DB) checkPinPoints(ctx context.Context, tx *sql.Tx, ownerPath string, ids []int64, mine bool) error {
	for chunk := range slices.Chunk(ids, 500) {
		ph := make([]string, len(chunk))
		args := []any{ownerPath + "%"}
		for i, id := range chunk {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", i+2)
		}
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_points p JOIN agencies a ON a.id = p.agency_id
			WHERE a.path LIKE $1 AND p.id IN (`+strings.Join(ph, ",")+`)`, args...).Scan(&ok); err != nil {
			return err
		}
		if ok != len(chunk) && mine {
			return &openinfo.Error{Code: openinfo.EINVALID,
				TH: "มีจุดบริการที่ไม่พบ หรือไม่ได้อยู่ในหน่วยงานของท่านหรือหน่วยงานในสังกัด",
				EN: "Some service points do not exist or are outside your agency and its sub-agencies.",
				Fields: []openinfo.FieldError{{Field: "points", TH: "เลือกเฉพาะจุดบริการของหน่วยงานของท่าน",
					EN: "Choose only your agency's service points."}}}
		}
		if ok != len(chunk) {
			return &openinfo.Error{Code: openinfo.EINVALID,
				TH: "มีจุดบริการที่ไม่พบ หรือไม่ได้อยู่ในหน่วยงานเจ้าของกระบวนงานหรือหน่วยงานในสังกัด",
				EN: "Some service points do not exist or are outside the owning agency and its sub-agencies.",
				Fields: []openinfo.FieldError{{Field: "points", TH: "เลือกเฉพาะจุดบริการของหน่วยงานและหน่วยงานในสังกัด",
					EN: "Choose only service points of the agency and its sub-agencies."}}}
		}
	}
	return nil
}

// PinnedPoints lists the service points linked to id, by name. visibleOnly
// leaves out hidden points (the public pages).
func (d *DB) PinnedPoints(ctx context.Context, t PinTarget, id int64, visibleOnly bool, limit, offset int) ([]*openinfo.ServicePoint, int, error) {
	cond := ` FROM service_points p JOIN ` + t.table + ` x ON x.point_id = p.id WHERE x.` + t.column + ` = $1`
	if visibleOnly {
		cond += ` AND p.visible`
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+cond, id).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset = pageBounds(limit, offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+cond+` ORDER BY p.sort_key, p.id LIMIT $2 OFFSET $3`, id, limit, offset)
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

// PinnedIDs returns which of pointIDs are linked to id (for the checkboxes
// of the pin form).
func (d *DB) PinnedIDs(ctx context.Context, t PinTarget, id int64) (map[int64]bool, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT point_id FROM `+t.table+` WHERE `+t.column+` = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
}

// PointOffering is a published manual or other service offered at a point.
type PointOffering struct {
	Kind        string // "manual" or "service"
	ID          int64  // process ID or service ID
	Name        string
	AgencyName  string
	PublishedAt time.Time
}

const (
	pointManualsQuery = `SELECT p.id, p.name_th, a.name_th, r.published_at FROM point_processes x
		JOIN processes p ON p.id = x.process_id JOIN agencies a ON a.id = p.agency_id
		JOIN manual_revisions r ON r.process_id = p.id AND r.state = $2
		WHERE x.point_id = $1 ORDER BY p.sort_key, p.id LIMIT 500`
	pointServicesQuery = `SELECT s.id, s.name_th, a.name_th, s.updated_at FROM point_services x
		JOIN other_services s ON s.id = x.service_id JOIN agencies a ON a.id = s.agency_id
		WHERE x.point_id = $1 AND s.published ORDER BY s.sort_key, s.id LIMIT 500`
)

// PointOfferings lists the published manuals and services pinned to a
// service point, manuals first, each by name (prepared statements: the
// public point page reads it).
func (d *DB) PointOfferings(ctx context.Context, pointID int64) ([]PointOffering, error) {
	var out []PointOffering
	st, err := d.prepared(ctx, pointManualsQuery)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, pointID, openinfo.RevPublished)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		o := PointOffering{Kind: "manual"}
		var at sql.NullTime
		if err := rows.Scan(&o.ID, &o.Name, &o.AgencyName, &at); err != nil {
			rows.Close()
			return nil, err
		}
		o.PublishedAt = at.Time
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if st, err = d.prepared(ctx, pointServicesQuery); err != nil {
		return nil, err
	}
	rows, err = st.QueryContext(ctx, pointID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		o := PointOffering{Kind: "service"}
		if err := rows.Scan(&o.ID, &o.Name, &o.AgencyName, &o.PublishedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ProcessAtPoint returns the names of process id when it belongs to the
// point's agency or is pinned to the point (a rating or a poster may name
// it); ENOTFOUND otherwise.
func (d *DB) ProcessAtPoint(ctx context.Context, id int64, pt *openinfo.ServicePoint) (th, en string, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT name_th, name_en FROM processes WHERE id = $1 AND (agency_id = $2
		OR EXISTS (SELECT 1 FROM point_processes WHERE point_id = $3 AND process_id = $1))`, id, pt.AgencyID, pt.ID).Scan(&th, &en)
	if errors.Is(err, sql.ErrNoRows) {
		err = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบกระบวนงานนี้ที่จุดบริการ", "That process is not offered at this service point.")
	}
	return th, en, err
}
