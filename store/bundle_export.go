package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// BundleSink receives an export: each entity's records after Begin.
type BundleSink interface {
	Begin(bundle.Entity) error
	Write(bundle.Record) error
}

// exportPage is how many rows each query of an export reads: the export
// pages through every table by key, so memory stays bounded whatever the
// database's size and no query holds a lock or a snapshot for long.
const exportPage = 500

// keyer turns local IDs into bundle keys: the key a record was imported
// under, else (source, local ID).
type keyer struct{ source string }

func (k keyer) key(src, lid sql.NullString, id int64) bundle.Key {
	if src.Valid && lid.Valid {
		return bundle.Key{Source: src.String, LegacyID: lid.String}
	}
	return bundle.Key{Source: k.source, LegacyID: strconv.FormatInt(id, 10)}
}

func (k keyer) ref(src, lid sql.NullString, id int64) bundle.Ref { return k.key(src, lid, id).Ref() }

func (k keyer) optRef(src, lid sql.NullString, id sql.NullInt64) *bundle.Ref {
	if !id.Valid || id.Int64 == 0 {
		return nil
	}
	r := k.ref(src, lid, id.Int64)
	return &r
}

// mapJoin is a LEFT JOIN of the bundle key of table column col as alias m.
func mapJoin(m string, e bundle.Entity, col string) string {
	return ` LEFT JOIN bundle_ids ` + m + ` ON ` + m + `.entity = '` + string(e) + `' AND ` + m + `.local_id = ` + col
}

// ExportBundle writes every record of the database to sink, entity by
// entity in bundle order (docs/bundle.md). source names this database in the
// keys of records that were not imported. Records come in local ID order
// (agencies by depth first), so an import into an empty database followed
// by an export writes the same files.
func (d *DB) ExportBundle(ctx context.Context, source string, sink BundleSink, progress func(e bundle.Entity, n int)) error {
	if progress == nil {
		progress = func(bundle.Entity, int) {}
	}
	k := keyer{source}
	files := map[string]bool{} // the files/ the records refer to
	steps := []struct {
		e  bundle.Entity
		fn func(context.Context, keyer, func(bundle.Record) error) error
	}{
		{bundle.Agencies, d.exportAgencies}, {bundle.Points, d.exportPoints}, {bundle.Processes, d.exportProcesses},
		{bundle.Services, d.exportServices}, {bundle.Pins, d.exportPins}, {bundle.Egov, d.exportEgov}, {bundle.LicenceReports, d.exportLicenceReports},
		{bundle.DelayNotices, d.exportDelays}, {bundle.Ratings, d.exportRatings}, {bundle.Officers, d.exportOfficers}, {bundle.Tokens, d.exportTokens},
	}
	for _, s := range steps {
		if err := sink.Begin(s.e); err != nil {
			return err
		}
		n := 0
		if err := s.fn(ctx, k, func(r bundle.Record) error {
			n++
			if n%1000 == 0 {
				progress(s.e, n)
			}
			for _, f := range bundle.FileRefs(r) {
				files[f.SHA256] = true
			}
			return sink.Write(r)
		}); err != nil {
			return fmt.Errorf("export %s: %w", s.e, err)
		}
		progress(s.e, n)
	}
	if fs, ok := sink.(FileSink); ok {
		return d.exportFiles(ctx, files, fs)
	}
	return nil
}

func (d *DB) exportAgencies(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	depth, last := -1, int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT a.id, a.depth, a.parent_id, a.type, a.name_th, a.name_en, a.short_name, a.address,
			a.subdistrict, a.district, a.province, a.postcode, a.phones, a.email, a.website, a.status,
			m.source, m.legacy_id, pm.source, pm.legacy_id FROM agencies a`+mapJoin("m", bundle.Agencies, "a.id")+mapJoin("pm", bundle.Agencies, "a.parent_id")+`
			WHERE a.depth > $1 OR (a.depth = $1 AND a.id > $2) ORDER BY a.depth, a.id LIMIT `+strconv.Itoa(exportPage), depth, last)
		if err != nil {
			return err
		}
		var page []*bundle.Agency
		for rows.Next() {
			var r bundle.Agency
			var id int64
			var parent sql.NullInt64
			var phones string
			var ms, ml, ps, pl sql.NullString
			c := &r.Contact
			if err := rows.Scan(&id, &depth, &parent, &r.Type, &r.NameTH, &r.NameEN, &r.ShortName, &c.Address.Line, &c.Address.Subdistrict,
				&c.Address.District, &c.Address.ProvinceCode, &c.Address.Postcode, &phones, &c.Email, &c.Website, &r.Status,
				&ms, &ml, &ps, &pl); err != nil {
				rows.Close()
				return err
			}
			last = id
			json.Unmarshal([]byte(phones), &c.Phones)
			r.Key = k.key(ms, ml, id)
			r.Parent = k.optRef(ps, pl, parent)
			page = append(page, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

func (d *DB) exportPoints(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT `+pointColumns+`, p.rate_code, m.source, m.legacy_id, am.source, am.legacy_id
			FROM service_points p`+mapJoin("m", bundle.Points, "p.id")+mapJoin("am", bundle.Agencies, "p.agency_id")+`
			WHERE p.id > $1 ORDER BY p.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.Point
		var ids []int64
		for rows.Next() {
			var p openinfo.ServicePoint
			var lat, lon sql.NullFloat64
			var phones, hours string
			var code, ms, ml, as, al sql.NullString
			if err := rows.Scan(&p.ID, &p.AgencyID, &p.NameTH, &p.NameEN, &p.Kind, &p.Address.Line, &p.Address.Subdistrict,
				&p.Address.District, &p.Address.ProvinceCode, &p.Address.Postcode, &lat, &lon, &phones, &p.Email, &p.URL,
				&hours, &p.Visible, &p.Version, &p.CreatedAt, &p.UpdatedAt, &code, &ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			last = p.ID
			r := &bundle.Point{Key: k.key(ms, ml, p.ID), Agency: k.ref(as, al, p.AgencyID), NameTH: p.NameTH, NameEN: p.NameEN,
				Kind: p.Kind, Address: p.Address, Email: p.Email, URL: p.URL, Visible: p.Visible, RateCode: code.String}
			if lat.Valid && lon.Valid {
				r.Lat, r.Lon = &lat.Float64, &lon.Float64
			}
			json.Unmarshal([]byte(phones), &r.Phones)
			json.Unmarshal([]byte(hours), &r.Hours)
			page = append(page, r)
			ids = append(ids, p.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) > 0 {
			codes := map[int64][]string{}
			crows, err := d.db.QueryContext(ctx, `SELECT local_id, code FROM legacy_links WHERE kind = 'rate_code' AND local_id IN (`+idList(ids)+`) ORDER BY local_id, code`)
			if err != nil {
				return err
			}
			for crows.Next() {
				var id int64
				var c string
				if err := crows.Scan(&id, &c); err != nil {
					crows.Close()
					return err
				}
				codes[id] = append(codes[id], c)
			}
			crows.Close()
			for i, r := range page {
				r.RateCodes = codes[ids[i]]
			}
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

// idList writes IDs for an IN list (integers only: no injection).
func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

func (d *DB) exportProcesses(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.agency_id, p.name_th, p.name_en, p.common_names, u.code,
			m.source, m.legacy_id, am.source, am.legacy_id FROM processes p`+mapJoin("m", bundle.Processes, "p.id")+mapJoin("am", bundle.Agencies, "p.agency_id")+`
			LEFT JOIN legacy_links u ON u.kind = 'manual_uuid' AND u.local_id = p.id
			WHERE p.id > $1 ORDER BY p.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.Process
		var ids []int64
		index := map[int64]*bundle.Process{}
		for rows.Next() {
			var r bundle.Process
			var id, agency int64
			var names string
			var uuid, ms, ml, as, al sql.NullString
			if err := rows.Scan(&id, &agency, &r.NameTH, &r.NameEN, &names, &uuid, &ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			if id == last { // two UUIDs for one manual: the first
				continue
			}
			last = id
			json.Unmarshal([]byte(names), &r.CommonNames)
			r.Key, r.Agency, r.LegacyUUID = k.key(ms, ml, id), k.ref(as, al, agency), uuid.String
			r.Revisions = []bundle.Revision{}
			page = append(page, &r)
			ids = append(ids, id)
			index[id] = &r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) > 0 {
			trows, err := d.db.QueryContext(ctx, `SELECT pt.process_id, t.kind, t.code FROM process_terms pt JOIN catalog_terms t ON t.id = pt.term_id
				WHERE pt.process_id IN (`+idList(ids)+`) ORDER BY pt.process_id, t.kind, t.code`)
			if err != nil {
				return err
			}
			for trows.Next() {
				var id int64
				var t bundle.Term
				if err := trows.Scan(&id, &t.Kind, &t.Code); err != nil {
					trows.Close()
					return err
				}
				index[id].Terms = append(index[id].Terms, t)
			}
			trows.Close()
			rrows, err := d.db.QueryContext(ctx, `SELECT process_id, number, state, content, created_at, published_at FROM manual_revisions
				WHERE process_id IN (`+idList(ids)+`) ORDER BY process_id, number`)
			if err != nil {
				return err
			}
			for rrows.Next() {
				var id int64
				var rv bundle.Revision
				var content string
				var pub sql.NullTime
				if err := rrows.Scan(&id, &rv.Number, &rv.State, &content, &rv.CreatedAt, &pub); err != nil {
					rrows.Close()
					return err
				}
				if err := json.Unmarshal([]byte(content), &rv.Content); err != nil {
					rrows.Close()
					return fmt.Errorf("manual %d revision %d: %w", id, rv.Number, err)
				}
				rv.CreatedAt = rv.CreatedAt.UTC()
				if pub.Valid {
					t := pub.Time.UTC()
					rv.PublishedAt = &t
				}
				rv.Published = rv.State == openinfo.RevPublished
				index[id].Revisions = append(index[id].Revisions, rv)
			}
			rrows.Close()
			if err := rrows.Err(); err != nil {
				return err
			}
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

func (d *DB) exportServices(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT s.id, s.agency_id, s.name_th, s.name_en, s.content, s.published,
			m.source, m.legacy_id, am.source, am.legacy_id FROM other_services s`+mapJoin("m", bundle.Services, "s.id")+mapJoin("am", bundle.Agencies, "s.agency_id")+`
			WHERE s.id > $1 ORDER BY s.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.Service
		for rows.Next() {
			var r bundle.Service
			var id, agency int64
			var content string
			var ms, ml, as, al sql.NullString
			if err := rows.Scan(&id, &agency, &r.NameTH, &r.NameEN, &content, &r.Published, &ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			last = id
			json.Unmarshal([]byte(content), &r.Content)
			r.Key, r.Agency = k.key(ms, ml, id), k.ref(as, al, agency)
			page = append(page, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

func (d *DB) exportPins(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	for _, t := range []struct {
		table, col string
		e          bundle.Entity
		service    bool
	}{{"point_processes", "process_id", bundle.Processes, false}, {"point_services", "service_id", bundle.Services, true}} {
		lp, lo := int64(0), int64(0)
		for {
			rows, err := d.db.QueryContext(ctx, `SELECT x.point_id, x.`+t.col+`, pm.source, pm.legacy_id, om.source, om.legacy_id
				FROM `+t.table+` x`+mapJoin("pm", bundle.Points, "x.point_id")+mapJoin("om", t.e, "x."+t.col)+`
				WHERE x.point_id > $1 OR (x.point_id = $1 AND x.`+t.col+` > $2) ORDER BY x.point_id, x.`+t.col+` LIMIT `+strconv.Itoa(exportPage), lp, lo)
			if err != nil {
				return err
			}
			var page []*bundle.Pin
			for rows.Next() {
				var ps, pl, os, ol sql.NullString
				if err := rows.Scan(&lp, &lo, &ps, &pl, &os, &ol); err != nil {
					rows.Close()
					return err
				}
				pt, other := k.ref(ps, pl, lp), k.ref(os, ol, lo)
				p := &bundle.Pin{Key: bundle.Key{Source: pt.Source, LegacyID: bundle.PinID(pt, other, t.service)}, Point: pt}
				if t.service {
					p.Service = &other
				} else {
					p.Process = &other
				}
				page = append(page, p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range page {
				if err := emit(r); err != nil {
					return err
				}
			}
			if len(page) < exportPage {
				break
			}
		}
	}
	return nil
}

func (d *DB) exportEgov(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT e.id, e.agency_id, e.section, e.title, e.document_no, e.signed_on, e.effective_on, e.url,
			e.state, e.published_at, e.file_key, m.source, m.legacy_id, am.source, am.legacy_id FROM egov_records e`+mapJoin("m", bundle.Egov, "e.id")+mapJoin("am", bundle.Agencies, "e.agency_id")+`
			WHERE e.id > $1 ORDER BY e.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.EgovRecord
		var ids []int64
		index := map[int64]*bundle.EgovRecord{}
		for rows.Next() {
			var r bundle.EgovRecord
			var id, agency int64
			var pub sql.NullTime
			var ms, ml, as, al sql.NullString
			if err := rows.Scan(&id, &agency, &r.Section, &r.Title, &r.DocumentNo, &r.SignedOn, &r.EffectiveOn, &r.URL, &r.State, &pub,
				&r.FileKey, &ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			last = id
			if pub.Valid {
				t := pub.Time.UTC()
				r.PublishedAt = &t
			}
			r.Key, r.Agency = k.key(ms, ml, id), k.ref(as, al, agency)
			page = append(page, &r)
			ids = append(ids, id)
			index[id] = &r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) > 0 {
			irows, err := d.db.QueryContext(ctx, `SELECT record_id, kind, name, address, purpose FROM egov_items WHERE record_id IN (`+idList(ids)+`) ORDER BY record_id, position`)
			if err != nil {
				return err
			}
			for irows.Next() {
				var id int64
				var it openinfo.EgovItem
				if err := irows.Scan(&id, &it.Kind, &it.Name, &it.Address, &it.Purpose); err != nil {
					irows.Close()
					return err
				}
				index[id].Items = append(index[id].Items, it)
			}
			irows.Close()
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

func (d *DB) exportRatings(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	page := 5000
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.point_id, r.process_id, r.question_set, r.created_at, r.a_process, r.a_staff,
			r.a_facilities, r.a_result, r.a_channel, r.respondent, r.comment, r.channel, r.suspect,
			m.source, m.legacy_id, pm.source, pm.legacy_id, cm.source, cm.legacy_id FROM ratings r`+mapJoin("m", bundle.Ratings, "r.id")+
			mapJoin("pm", bundle.Points, "r.point_id")+mapJoin("cm", bundle.Processes, "r.process_id")+`
			WHERE r.id > $1 ORDER BY r.id LIMIT `+strconv.Itoa(page), last)
		if err != nil {
			return err
		}
		n := 0
		var out []*bundle.Rating
		for rows.Next() {
			var r bundle.Rating
			var id, point int64
			var process sql.NullInt64
			var a [openinfo.NumDimensions]int
			var resp string
			var ms, ml, ps, pl, cs, cl sql.NullString
			if err := rows.Scan(&id, &point, &process, &r.QuestionSet, &r.CreatedAt, &a[0], &a[1], &a[2], &a[3], &a[4], &resp, &r.Comment,
				&r.Channel, &r.Suspect, &ms, &ml, &ps, &pl, &cs, &cl); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			r.CreatedAt = r.CreatedAt.UTC()
			if resp != "" {
				json.Unmarshal([]byte(resp), &r.Respondent)
			}
			r.Answers = map[string]int{}
			for i, v := range a {
				if v != 0 {
					r.Answers[openinfo.Dimensions[i].Key] = v
				}
			}
			r.Key, r.Point, r.Process = k.key(ms, ml, id), k.ref(ps, pl, point), k.optRef(cs, cl, process)
			out = append(out, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range out {
			if err := emit(r); err != nil {
				return err
			}
		}
		if n < page {
			return nil
		}
	}
}

func (d *DB) exportOfficers(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT u.id, u.issuer, u.subject, u.username, u.given_name, u.family_name, u.email, u.phone,
			u.agency_id, u.role, m.source, m.legacy_id, am.source, am.legacy_id FROM users u`+mapJoin("m", bundle.Officers, "u.id")+mapJoin("am", bundle.Agencies, "u.agency_id")+`
			WHERE u.id > $1 AND u.role <> '' ORDER BY u.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.Officer
		for rows.Next() {
			var r bundle.Officer
			var id int64
			var agency sql.NullInt64
			var ms, ml, as, al sql.NullString
			if err := rows.Scan(&id, &r.Issuer, &r.Subject, &r.Username, &r.GivenName, &r.FamilyName, &r.Email, &r.Phone, &agency, &r.Role,
				&ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			last = id
			r.Key, r.Agency = k.key(ms, ml, id), k.optRef(as, al, agency)
			page = append(page, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

func (d *DB) exportTokens(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	now := d.now()
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT t.id, t.agency_id, t.role, t.token_hash, t.token_enc, t.issued_at, t.expires_at,
			m.source, m.legacy_id, am.source, am.legacy_id FROM officer_tokens t`+mapJoin("m", bundle.Tokens, "t.id")+mapJoin("am", bundle.Agencies, "t.agency_id")+`
			WHERE t.id > $1 AND t.spent_at IS NULL AND t.revoked_at IS NULL ORDER BY t.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.Token
		n := 0
		for rows.Next() {
			var r bundle.Token
			var id, agency int64
			var ms, ml, as, al sql.NullString
			if err := rows.Scan(&id, &agency, &r.Role, &r.Hash, &r.Sealed, &r.IssuedAt, &r.ExpiresAt, &ms, &ml, &as, &al); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			r.IssuedAt, r.ExpiresAt = r.IssuedAt.UTC(), r.ExpiresAt.UTC()
			if !r.ExpiresAt.After(now) { // expired: nothing pending
				continue
			}
			r.Key, r.Agency = k.key(ms, ml, id), k.ref(as, al, agency)
			page = append(page, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if n < exportPage {
			return nil
		}
	}
}

var _ = time.Time{}

func (d *DB) exportLicenceReports(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.reporter_kind, r.reporter_id, r.agency_id, r.process_id, r.month, r.state,
			r.pending_start, r.received, r.issued, r.refused, r.withdrawn, r.on_time, r.late, r.pending_end, r.delay_notices, r.corrections,
			r.submitted_at, m.source, m.legacy_id, am.source, am.legacy_id, pm.source, pm.legacy_id, cm.source, cm.legacy_id
			FROM licence_reports r`+mapJoin("m", bundle.LicenceReports, "r.id")+mapJoin("am", bundle.Agencies, "r.agency_id")+
			` LEFT JOIN bundle_ids pm ON r.reporter_kind = 'service_point' AND pm.entity = 'service_points' AND pm.local_id = r.reporter_id`+
			mapJoin("cm", bundle.Processes, "r.process_id")+`
			WHERE r.id > $1 ORDER BY r.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.LicenceReport
		for rows.Next() {
			var r bundle.LicenceReport
			var id, reporter, agency, process int64
			var kind openinfo.ReporterKind
			var sub sql.NullTime
			var ms, ml, as, al, ps, pl, cs, cl sql.NullString
			c := &r.Counts
			if err := rows.Scan(&id, &kind, &reporter, &agency, &process, &r.Month, &r.State, &c.PendingStart, &c.Received, &c.Issued,
				&c.Refused, &c.Withdrawn, &c.OnTime, &c.Late, &c.PendingEnd, &c.DelayNotices, &r.Corrections, &sub,
				&ms, &ml, &as, &al, &ps, &pl, &cs, &cl); err != nil {
				rows.Close()
				return err
			}
			last = id
			r.Key, r.Agency, r.Process = k.key(ms, ml, id), k.ref(as, al, agency), k.ref(cs, cl, process)
			if kind == openinfo.ReporterPoint {
				p := k.ref(ps, pl, reporter)
				r.Point = &p
			}
			if sub.Valid {
				t := sub.Time.UTC()
				r.SubmittedAt = &t
			}
			page = append(page, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			if err := emit(r); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}
