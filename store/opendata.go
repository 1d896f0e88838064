package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/openinfo/openinfo"
)

// Open data: what the public HSDS API and the daily bulk files read. Only
// what the portal shows reaches here: active agencies; manuals with a
// published revision and other services marked published, of active
// agencies; visible service points of active agencies; pins between those;
// active Service Catalog terms. Nothing about officers, drafts, delay cases
// or ratings is read at all.
//
// Lists are ordered by ID. The API pages by offset (HSDS's page_number) on
// the primary key; the bulk files walk by keyset (AfterID), so neither
// sorts nor materialises the national data.

// OpenFilter selects published records.
type OpenFilter struct {
	AgencyID int64  // owning agency (organizations: the agency itself)
	ParentID int64  // organizations only: sub-agencies of this one
	Province string // province code ("10" Bangkok … "96")
	// PointID and ServiceID (with Kind) narrow service_at_locations.
	PointID, ServiceID int64
	TermID             int64 // Service Catalog term: services tagged with it, and what offers them
	// Limit (at most 1000) and Offset page the list. AfterID instead
	// starts it after a record (keyset: as cheap deep in the list as at its
	// start): for services after (AfterKind, AfterID), for pins after
	// (AfterKind, AfterPoint, AfterID); AfterKind "" is Kind.
	Limit, Offset int
	AfterID       int64
	AfterKind     string
	AfterPoint    int64
	// Kind restricts services to manuals (OpenManual) or other services
	// (OpenOther); "" lists both, manuals first.
	Kind string
	// Totals, when set, may answer a count from a recent one: counting the
	// national data costs more than reading a page of it.
	Totals TotalCache
}

// TotalCache keeps list totals for a while. Total returns the total under
// key, calling count when it has none fresh enough.
type TotalCache interface {
	Total(ctx context.Context, key string, count func(context.Context) (int, error)) (int, error)
}

// The two kinds of published service.
const (
	OpenManual = "manual"
	OpenOther  = "service"
)

// OpenService is a published service: a process with its published manual,
// or an other service.
type OpenService struct {
	Kind        string // OpenManual or OpenOther
	ID          int64  // the process's or the other service's ID
	AgencyID    int64
	NameTH      string
	NameEN      string
	CommonNames []string
	TermIDs     []int64
	Manual      *openinfo.ManualContent // Kind OpenManual
	Other       *openinfo.ServiceContent
	Updated     time.Time // published (manual) or last changed (other service)
}

// OpenPin is a published service at a visible point (HSDS service_at_location).
type OpenPin struct {
	PointID   int64
	Kind      string // OpenManual or OpenOther
	ServiceID int64
}

const openMaxPage = 1000

func openNotFound(what string, id int64) error {
	return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบรายการรหัส %d ในข้อมูลที่เผยแพร่", "Nothing published has the ID %d.", id)
}

// termManualCond is an EXISTS condition: the process (column procCol) is tagged with a term.
const termManualCond = `EXISTS (SELECT 1 FROM process_terms t WHERE t.process_id = %s AND t.term_id = ?)`

func condf(format, col string) string {
	return fmt.Sprintf(format, col)
}

// OpenOrganizations lists active agencies.
func (d *DB) OpenOrganizations(ctx context.Context, f OpenFilter) ([]*openinfo.Agency, int, error) {
	var w where
	w.add("status = ?", openinfo.StatusActive)
	if f.AgencyID != 0 {
		w.add("id = ?", f.AgencyID)
	}
	if f.ParentID != 0 {
		w.add("parent_id = ?", f.ParentID)
	}
	if f.Province != "" {
		w.add("province = ?", f.Province)
	}
	if f.TermID != 0 {
		w.add(`EXISTS (SELECT 1 FROM processes p JOIN manual_revisions r ON r.process_id = p.id AND r.state = ?
			JOIN process_terms t ON t.process_id = p.id WHERE p.agency_id = agencies.id AND t.term_id = ?)`, openinfo.RevPublished, f.TermID)
	}
	total, err := d.openCount(ctx, `SELECT count(*) FROM agencies`, &w, f)
	if err != nil {
		return nil, 0, err
	}
	if f.AfterID != 0 {
		w.add("id > ?", f.AfterID)
	}
	limit, offset := pageBounds(f.Limit, f.Offset, openMaxPage)
	rows, err := d.db.QueryContext(ctx, `SELECT `+agencyColumns+` FROM agencies`+w.sql()+` ORDER BY id`+w.limit(limit, offset), w.args...)
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
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	return out, total, d.hideInactiveParents(ctx, out)
}

// hideInactiveParents clears the parent of agencies whose parent is not
// published (dissolved): the open data does not point at what it does not hold.
func (d *DB) hideInactiveParents(ctx context.Context, list []*openinfo.Agency) error {
	var ids []int64
	for _, a := range list {
		if a.ParentID != 0 {
			ids = append(ids, a.ParentID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cond, args := idFilter("id", ids, 2)
	rows, err := d.db.QueryContext(ctx, `SELECT id FROM agencies WHERE status <> $1`+cond, append([]any{openinfo.StatusActive}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	hidden := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		hidden[id] = true
	}
	for _, a := range list {
		if hidden[a.ParentID] {
			a.ParentID = 0
		}
	}
	return rows.Err()
}

// openCount counts the filtered rows, unless the walk is by keyset with
// no cache of totals (the bulk files need no total): then it returns -1.
func (d *DB) openCount(ctx context.Context, query string, w *where, f OpenFilter) (int, error) {
	if f.Limit < 0 || (f.AfterID != 0 && f.Totals == nil) {
		return -1, nil
	}
	q, args := query+w.sql(), w.args
	count := func(ctx context.Context) (int, error) {
		var n int
		err := d.db.QueryRowContext(ctx, q, args...).Scan(&n)
		return n, err
	}
	if f.Totals == nil {
		return count(ctx)
	}
	return f.Totals.Total(ctx, q+fmt.Sprint(args...), count)
}

// OpenOrganization returns an active agency.
func (d *DB) OpenOrganization(ctx context.Context, id int64) (*openinfo.Agency, error) {
	a, err := scanAgency(d.db.QueryRowContext(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id = $1 AND status = $2`, id, openinfo.StatusActive))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openNotFound("หน่วยงาน", id)
	}
	if err != nil {
		return nil, err
	}
	return a, d.hideInactiveParents(ctx, []*openinfo.Agency{a})
}

// OpenLocations lists the visible service points of active agencies.
func (d *DB) OpenLocations(ctx context.Context, f OpenFilter) ([]*openinfo.ServicePoint, int, error) {
	var w where
	w.add("p.visible = ?", true)
	w.add("a.status = ?", openinfo.StatusActive)
	if f.AgencyID != 0 {
		w.add("p.agency_id = ?", f.AgencyID)
	}
	if f.Province != "" {
		w.add("p.province = ?", f.Province)
	}
	if f.TermID != 0 {
		w.add(`EXISTS (SELECT 1 FROM point_processes x JOIN manual_revisions r ON r.process_id = x.process_id AND r.state = ?
			JOIN process_terms t ON t.process_id = x.process_id WHERE x.point_id = p.id AND t.term_id = ?)`, openinfo.RevPublished, f.TermID)
	}
	const from = ` FROM service_points p JOIN agencies a ON a.id = p.agency_id`
	total, err := d.openCount(ctx, `SELECT count(*)`+from, &w, f)
	if err != nil {
		return nil, 0, err
	}
	if f.AfterID != 0 {
		w.add("p.id > ?", f.AfterID)
	}
	limit, offset := pageBounds(f.Limit, f.Offset, openMaxPage)
	rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+from+w.sql()+` ORDER BY p.id`+w.limit(limit, offset), w.args...)
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

// OpenLocation returns a visible point of an active agency.
func (d *DB) OpenLocation(ctx context.Context, id int64) (*openinfo.ServicePoint, error) {
	p, err := scanPoint(d.db.QueryRowContext(ctx, `SELECT `+pointColumns+` FROM service_points p JOIN agencies a ON a.id = p.agency_id
		WHERE p.id = $1 AND p.visible = $2 AND a.status = $3`, id, true, openinfo.StatusActive))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openNotFound("จุดบริการ", id)
	}
	return p, err
}

// manualWhere and otherWhere select published services of active agencies.
func manualWhere(f OpenFilter) *where {
	var w where
	w.add("r.state = ?", openinfo.RevPublished)
	w.add("a.status = ?", openinfo.StatusActive)
	if f.AgencyID != 0 {
		w.add("p.agency_id = ?", f.AgencyID)
	}
	if f.Province != "" {
		w.add("a.province = ?", f.Province)
	}
	if f.TermID != 0 {
		w.add(condf(termManualCond, "p.id"), f.TermID)
	}
	return &w
}

const manualFrom = ` FROM manual_revisions r JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id`

func otherWhere(f OpenFilter) *where {
	var w where
	w.add("s.published = ?", true)
	w.add("a.status = ?", openinfo.StatusActive)
	if f.AgencyID != 0 {
		w.add("s.agency_id = ?", f.AgencyID)
	}
	if f.Province != "" {
		w.add("a.province = ?", f.Province)
	}
	if f.TermID != 0 {
		w.add("1 = 0") // other services carry no catalog terms
	}
	return &w
}

const otherFrom = ` FROM other_services s JOIN agencies a ON a.id = s.agency_id`

// OpenServices lists published services: manuals (by process ID), then
// other services (by their ID). The total counts both (-1 for a keyset
// walk without Totals).
func (d *DB) OpenServices(ctx context.Context, f OpenFilter) ([]*OpenService, int, error) {
	limit, offset := pageBounds(f.Limit, f.Offset, openMaxPage)
	wantManuals, wantOther := f.Kind != OpenOther, f.Kind != OpenManual
	cursor := f.AfterID != 0
	afterKind := f.AfterKind
	if afterKind == "" {
		afterKind = f.Kind
	}
	counting := f.Limit >= 0 && (!cursor || f.Totals != nil)
	var nManuals, nOther int
	var err error
	if counting {
		if wantManuals {
			if nManuals, err = d.openCount(ctx, `SELECT count(*)`+manualFrom, manualWhere(f), f); err != nil {
				return nil, 0, err
			}
		}
		if wantOther {
			if nOther, err = d.openCount(ctx, `SELECT count(*)`+otherFrom, otherWhere(f), f); err != nil {
				return nil, 0, err
			}
		}
	}
	var out []*OpenService
	switch {
	case cursor:
		if wantManuals && afterKind == OpenManual {
			if out, err = d.openManuals(ctx, f, f.AfterID, limit, 0); err != nil {
				return nil, 0, err
			}
		}
		if wantOther && len(out) < limit {
			after := int64(0)
			if afterKind == OpenOther {
				after = f.AfterID
			}
			more, err := d.openOthers(ctx, f, after, limit-len(out), 0)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, more...)
		}
	default:
		if wantManuals && offset < nManuals {
			if out, err = d.openManuals(ctx, f, 0, limit, offset); err != nil {
				return nil, 0, err
			}
		}
		if wantOther && len(out) < limit {
			more, err := d.openOthers(ctx, f, 0, limit-len(out), max(offset-nManuals, 0))
			if err != nil {
				return nil, 0, err
			}
			out = append(out, more...)
		}
	}
	if !counting {
		return out, -1, nil
	}
	return out, nManuals + nOther, nil
}

func (d *DB) openManuals(ctx context.Context, f OpenFilter, after int64, limit, offset int) ([]*OpenService, error) {
	w := manualWhere(f)
	if after != 0 {
		w.add("r.process_id > ?", after)
	}
	return d.openManualsQuery(ctx, w, " ORDER BY r.process_id"+w.limit(limit, offset))
}

// fillTerms reads the active catalog terms of the manuals in list.
func (d *DB) fillTerms(ctx context.Context, list []*OpenService) error {
	var ids []int64
	byID := map[int64]*OpenService{}
	for _, s := range list {
		if s.Kind == OpenManual {
			ids = append(ids, s.ID)
			byID[s.ID] = s
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cond, args := idFilter("t.process_id", ids, 2)
	rows, err := d.db.QueryContext(ctx, `SELECT t.process_id, t.term_id FROM process_terms t JOIN catalog_terms c ON c.id = t.term_id
		WHERE c.active = $1`+cond+` ORDER BY t.process_id, t.term_id`, append([]any{true}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p, t int64
		if err := rows.Scan(&p, &t); err != nil {
			return err
		}
		byID[p].TermIDs = append(byID[p].TermIDs, t)
	}
	return rows.Err()
}

func (d *DB) openOthers(ctx context.Context, f OpenFilter, after int64, limit, offset int) ([]*OpenService, error) {
	w := otherWhere(f)
	if after != 0 {
		w.add("s.id > ?", after)
	}
	return d.openOthersQuery(ctx, w, " ORDER BY s.id"+w.limit(limit, offset))
}

// OpenServiceByID returns one published service.
func (d *DB) OpenServiceByID(ctx context.Context, kind string, id int64) (*OpenService, error) {
	var list []*OpenService
	var err error
	switch kind {
	case OpenManual:
		w := manualWhere(OpenFilter{})
		w.add("r.process_id = ?", id)
		list, err = d.openManualsQuery(ctx, w, "")
	case OpenOther:
		f := OpenFilter{Kind: OpenOther}
		w := otherWhere(f)
		w.add("s.id = ?", id)
		list, err = d.openOthersQuery(ctx, w, "")
	}
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, openNotFound("บริการ", id)
	}
	return list[0], nil
}

func (d *DB) openManualsQuery(ctx context.Context, w *where, tail string) ([]*OpenService, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.agency_id, p.name_th, p.name_en, p.common_names, r.content, r.published_at, r.updated_at`+
		manualFrom+w.sql()+tail, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*OpenService
	for rows.Next() {
		s := &OpenService{Kind: OpenManual, Manual: new(openinfo.ManualContent)}
		var names, content string
		var published sql.NullTime
		var updated time.Time
		if err := rows.Scan(&s.ID, &s.AgencyID, &s.NameTH, &s.NameEN, &names, &content, &published, &updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(names), &s.CommonNames); err != nil {
			return nil, err
		}
		// jsonv2 as in searchdocs.go: decoding manuals is most of a page's time.
		if err := jsonv2.Unmarshal([]byte(content), s.Manual); err != nil {
			return nil, fmt.Errorf("manual %d: %w", s.ID, err)
		}
		s.Updated = updated
		if published.Valid {
			s.Updated = published.Time
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, d.fillTerms(ctx, out)
}

func (d *DB) openOthersQuery(ctx context.Context, w *where, tail string) ([]*OpenService, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+serviceColumns+otherFrom+w.sql()+tail, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*OpenService
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, &OpenService{Kind: OpenOther, ID: s.ID, AgencyID: s.AgencyID, NameTH: s.NameTH, NameEN: s.NameEN,
			Other: &s.Content, Updated: s.UpdatedAt})
	}
	return out, rows.Err()
}

// pinWhere selects the pins between a published service and a visible
// point, both of active agencies; f.AgencyID is the service's agency,
// f.Province the point's. The conditions are EXISTS tests on each pin, so
// the pins are read in their primary key's order (point, then service) and
// a page stops after its rows: no join order can make it sort them all.
func pinWhere(f OpenFilter, kind string) (from string, w *where) {
	w = new(where)
	if kind == OpenManual {
		from = ` FROM point_processes x`
		cond := `EXISTS (SELECT 1 FROM manual_revisions r JOIN processes p ON p.id = r.process_id JOIN agencies a ON a.id = p.agency_id
			WHERE r.process_id = x.process_id AND r.state = ? AND a.status = ?`
		args := []any{openinfo.RevPublished, openinfo.StatusActive}
		if f.AgencyID != 0 {
			cond += " AND p.agency_id = ?"
			args = append(args, f.AgencyID)
		}
		w.add(cond+")", args...)
		if f.TermID != 0 {
			w.add(condf(termManualCond, "x.process_id"), f.TermID)
		}
		if f.ServiceID != 0 {
			w.add("x.process_id = ?", f.ServiceID)
		}
	} else {
		from = ` FROM point_services x`
		cond := `EXISTS (SELECT 1 FROM other_services s JOIN agencies a ON a.id = s.agency_id
			WHERE s.id = x.service_id AND s.published = ? AND a.status = ?`
		args := []any{true, openinfo.StatusActive}
		if f.AgencyID != 0 {
			cond += " AND s.agency_id = ?"
			args = append(args, f.AgencyID)
		}
		w.add(cond+")", args...)
		if f.TermID != 0 {
			w.add("1 = 0")
		}
		if f.ServiceID != 0 {
			w.add("x.service_id = ?", f.ServiceID)
		}
	}
	cond := `EXISTS (SELECT 1 FROM service_points pt JOIN agencies pa ON pa.id = pt.agency_id
		WHERE pt.id = x.point_id AND pt.visible = ? AND pa.status = ?`
	args := []any{true, openinfo.StatusActive}
	if f.Province != "" {
		cond += " AND pt.province = ?"
		args = append(args, f.Province)
	}
	w.add(cond+")", args...)
	if f.PointID != 0 {
		w.add("x.point_id = ?", f.PointID)
	}
	return from, w
}

// pinCountWhere selects what pinWhere does as joins: a count need not
// keep the pins' order, and the database then starts from the published
// services (an index) instead of testing every pin (seven times faster on
// the national data set).
func pinCountWhere(f OpenFilter, kind string) (from string, w *where) {
	w = new(where)
	w.add("pt.visible = ?", true)
	w.add("pa.status = ?", openinfo.StatusActive)
	w.add("a.status = ?", openinfo.StatusActive)
	if kind == OpenManual {
		from = ` FROM point_processes x JOIN manual_revisions r ON r.process_id = x.process_id JOIN processes p ON p.id = x.process_id
			JOIN agencies a ON a.id = p.agency_id JOIN service_points pt ON pt.id = x.point_id JOIN agencies pa ON pa.id = pt.agency_id`
		w.add("r.state = ?", openinfo.RevPublished)
		if f.AgencyID != 0 {
			w.add("p.agency_id = ?", f.AgencyID)
		}
		if f.TermID != 0 {
			w.add(condf(termManualCond, "x.process_id"), f.TermID)
		}
		if f.ServiceID != 0 {
			w.add("x.process_id = ?", f.ServiceID)
		}
	} else {
		from = ` FROM point_services x JOIN other_services s ON s.id = x.service_id
			JOIN agencies a ON a.id = s.agency_id JOIN service_points pt ON pt.id = x.point_id JOIN agencies pa ON pa.id = pt.agency_id`
		w.add("s.published = ?", true)
		if f.AgencyID != 0 {
			w.add("s.agency_id = ?", f.AgencyID)
		}
		if f.TermID != 0 {
			w.add("1 = 0")
		}
		if f.ServiceID != 0 {
			w.add("x.service_id = ?", f.ServiceID)
		}
	}
	if f.Province != "" {
		w.add("pt.province = ?", f.Province)
	}
	if f.PointID != 0 {
		w.add("x.point_id = ?", f.PointID)
	}
	return from, w
}

// OpenPins lists published services at visible points (HSDS
// service_at_location): manual pins by point and process, then other
// services' pins by point and service. With f.Limit < 0 it lists all.
func (d *DB) OpenPins(ctx context.Context, f OpenFilter) ([]OpenPin, int, error) {
	limit, offset := pageBounds(f.Limit, f.Offset, openMaxPage)
	all := f.Limit < 0
	cursor := f.AfterID != 0
	afterKind := f.AfterKind
	if afterKind == "" {
		afterKind = OpenManual
	}
	if cursor {
		offset = 0
	}
	var counts [2]int
	kinds := []string{OpenManual, OpenOther}
	if f.Kind != "" {
		kinds = []string{f.Kind}
	}
	counting := !all && (!cursor || f.Totals != nil)
	if counting {
		for i, k := range kinds {
			from, w := pinCountWhere(f, k)
			if f.PointID != 0 || f.ServiceID != 0 { // a few pins: test them
				from, w = pinWhere(f, k)
			}
			n, err := d.openCount(ctx, `SELECT count(*)`+from, w, f)
			if err != nil {
				return nil, 0, err
			}
			counts[i] = n
		}
	}
	var out []OpenPin
	skip := offset
	passed := false // the cursor's kind is behind: later kinds start at their beginning
	for i, k := range kinds {
		if cursor && !passed && k != afterKind {
			continue // a kind before the cursor's
		}
		if !all && len(out) >= limit {
			break
		}
		if !all && !cursor && skip >= counts[i] {
			skip -= counts[i]
			continue
		}
		from, w := pinWhere(f, k)
		svc := map[string]string{OpenManual: "x.process_id", OpenOther: "x.service_id"}[k]
		if cursor && !passed {
			// point_id >= first, so both databases take it as a range of the key.
			w.add("x.point_id >= ? AND (x.point_id > ? OR "+svc+" > ?)", f.AfterPoint, f.AfterPoint, f.AfterID)
		}
		passed = true
		tail := ""
		if !all {
			tail = w.limit(limit-len(out), max(skip, 0))
		}
		rows, err := d.db.QueryContext(ctx, `SELECT x.point_id, `+svc+from+w.sql()+` ORDER BY 1, 2`+tail, w.args...)
		if err != nil {
			return nil, 0, err
		}
		for rows.Next() {
			p := OpenPin{Kind: k}
			if err := rows.Scan(&p.PointID, &p.ServiceID); err != nil {
				rows.Close()
				return nil, 0, err
			}
			out = append(out, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, err
		}
		skip = 0
	}
	switch {
	case all:
		return out, len(out), nil
	case !counting:
		return out, -1, nil
	}
	return out, counts[0] + counts[1], nil
}

// OpenTerms lists the active Service Catalog terms.
func (d *DB) OpenTerms(ctx context.Context, f OpenFilter) ([]openinfo.CatalogTerm, int, error) {
	var w where
	w.add("active = ?", true)
	if f.ParentID != 0 {
		w.add("parent_id = ?", f.ParentID)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	total, err := d.openCount(ctx, `SELECT count(*) FROM catalog_terms`, &w, f)
	if err != nil {
		return nil, 0, err
	}
	if f.AfterID != 0 {
		w.add("id > ?", f.AfterID)
	}
	limit, offset := pageBounds(f.Limit, f.Offset, openMaxPage)
	rows, err := d.db.QueryContext(ctx, `SELECT id, kind, code, name_th, name_en, COALESCE(parent_id, 0), active, version
		FROM catalog_terms`+w.sql()+` ORDER BY id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []openinfo.CatalogTerm
	for rows.Next() {
		var t openinfo.CatalogTerm
		if err := rows.Scan(&t.ID, &t.Kind, &t.Code, &t.NameTH, &t.NameEN, &t.ParentID, &t.Active, &t.Version); err != nil {
			return nil, 0, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	return out, total, d.hideRetiredParents(ctx, out)
}

// hideRetiredParents clears the parent of terms whose parent is retired.
func (d *DB) hideRetiredParents(ctx context.Context, list []openinfo.CatalogTerm) error {
	var ids []int64
	for _, t := range list {
		if t.ParentID != 0 {
			ids = append(ids, t.ParentID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cond, args := idFilter("id", ids, 2)
	rows, err := d.db.QueryContext(ctx, `SELECT id FROM catalog_terms WHERE active = $1`+cond, append([]any{false}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	retired := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		retired[id] = true
	}
	for i := range list {
		if retired[list[i].ParentID] {
			list[i].ParentID = 0
		}
	}
	return rows.Err()
}

// OpenTerm returns an active catalog term.
func (d *DB) OpenTerm(ctx context.Context, id int64) (*openinfo.CatalogTerm, error) {
	t, err := d.CatalogTerm(ctx, id)
	if err != nil {
		return nil, err
	}
	if !t.Active {
		return nil, openNotFound("รายการบัญชีบริการ", id)
	}
	list := []openinfo.CatalogTerm{*t}
	if err := d.hideRetiredParents(ctx, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}
