package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// EgovCompliance computes OPDC's dashboard under s: one query reads every
// agency that must comply with its published and superseded records, one the
// names of the ministries (root agencies of type ministry), and openinfo.ComputeEgovCompliance
// does the rest.
func (d *DB) EgovCompliance(ctx context.Context, s openinfo.EgovSettings) (openinfo.EgovCompliance, error) {
	return d.EgovComplianceIn(ctx, s, EgovComplianceFilter{})
}

// EgovComplianceFilter narrows the compliance dashboard to some of the agencies that
// must comply (the settings choose the types); zero fields match
// everything. Every table, total and the series follow it.
type EgovComplianceFilter struct {
	Path     string // the agencies under it, itself included: a ministry's subtree
	Province string // the agency's province code; NoProvince: none recorded
}

// EgovComplianceIn is EgovCompliance for the agencies f selects.
func (d *DB) EgovComplianceIn(ctx context.Context, s openinfo.EgovSettings, f EgovComplianceFilter) (openinfo.EgovCompliance, error) {
	statuses, err := d.EgovStatuses(ctx, s, f)
	if err != nil {
		return openinfo.EgovCompliance{}, err
	}
	roots := map[int64]openinfo.Text{}
	rows, err := d.db.QueryContext(ctx, `SELECT id, name_th, name_en FROM agencies WHERE parent_id IS NULL AND type = $1`, openinfo.AgencyMinistry)
	if err != nil {
		return openinfo.EgovCompliance{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t openinfo.Text
		if err := rows.Scan(&id, &t.TH, &t.EN); err != nil {
			return openinfo.EgovCompliance{}, err
		}
		roots[id] = t
	}
	if err := rows.Err(); err != nil {
		return openinfo.EgovCompliance{}, err
	}
	return openinfo.ComputeEgovCompliance(statuses, roots, s, d.now()), nil
}

// EgovStatuses returns the active agencies of s's types that f selects, by
// name, each with when it first published a record of each
// section it still has a current one of (see openinfo.EgovAgencyStatus):
// the input of the dashboard and of the reminder job.
func (d *DB) EgovStatuses(ctx context.Context, s openinfo.EgovSettings, f EgovComplianceFilter) ([]openinfo.EgovAgencyStatus, error) {
	if len(s.AgencyTypes) == 0 {
		return nil, nil
	}
	var w where
	w.args = []any{openinfo.EgovPublished, openinfo.EgovSuperseded} // $1, $2 in the join
	w.add("a.status = ?", openinfo.StatusActive)
	ph := make([]string, len(s.AgencyTypes))
	for i := range ph {
		ph[i] = "?"
	}
	types := make([]any, len(s.AgencyTypes))
	for i, t := range s.AgencyTypes {
		types[i] = string(t)
	}
	w.add("a.type IN ("+strings.Join(ph, ", ")+")", types...)
	if f.Path != "" {
		w.add("a.path LIKE ?", f.Path+"%")
	}
	addProvince(&w, "a.province", f.Province)
	// Reading published_at as a column (not MIN()) keeps its type on SQLite.
	rows, err := d.db.QueryContext(ctx, `SELECT a.id, a.type, a.status, a.path, a.province, a.name_th, a.name_en,
		COALESCE(r.section, 0), COALESCE(r.state, ''), r.published_at
		FROM agencies a LEFT JOIN egov_records r ON r.agency_id = a.id AND r.state IN ($1, $2)`+w.sql()+`
		ORDER BY a.sort_key, a.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type firsts struct {
		current bool
		first   time.Time
	}
	var out []openinfo.EgovAgencyStatus
	var f10, f16 firsts
	flush := func() {
		if len(out) == 0 {
			return
		}
		a := &out[len(out)-1]
		if f10.current {
			a.Since10 = f10.first
		}
		if f16.current {
			a.Since16 = f16.first
		}
		f10, f16 = firsts{}, firsts{}
	}
	for rows.Next() {
		var a openinfo.EgovAgencyStatus
		var section int
		var state string
		var published sql.NullTime
		if err := rows.Scan(&a.AgencyID, &a.Type, &a.Status, &a.Path, &a.Province, &a.NameTH, &a.NameEN, &section, &state, &published); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].AgencyID != a.AgencyID {
			flush()
			out = append(out, a)
		}
		f := &f10
		switch openinfo.EgovSection(section) {
		case openinfo.EgovSection10:
		case openinfo.EgovSection16:
			f = &f16
		default:
			continue // no record
		}
		f.current = f.current || state == string(openinfo.EgovPublished)
		if published.Valid && (f.first.IsZero() || published.Time.Before(f.first)) {
			f.first = published.Time
		}
	}
	flush()
	return out, rows.Err()
}

// EgovSettings returns OPDC's settings, the defaults until OPDC saves some.
func (d *DB) EgovSettings(ctx context.Context) (openinfo.EgovSettings, error) {
	return d.egovSettings(ctx, d.db)
}

func (d *DB) egovSettings(ctx context.Context, q querier) (openinfo.EgovSettings, error) {
	var s openinfo.EgovSettings
	var types, deadline string
	err := q.QueryRowContext(ctx, `SELECT agency_types, deadline, reminder_days, version, updated_by, updated_at FROM egov_settings WHERE id = 1`).
		Scan(&types, &deadline, &s.ReminderDays, &s.Version, &s.UpdatedBy, &s.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return openinfo.DefaultEgovSettings(), nil
	}
	if err != nil {
		return s, err
	}
	s.Deadline = egovParseDate(deadline)
	return s, json.Unmarshal([]byte(types), &s.AgencyTypes)
}

// SetEgovSettings saves OPDC's settings over the version s was read at (0
// for the defaults). actor must hold ActManageCompliance.
func (d *DB) SetEgovSettings(ctx context.Context, s *openinfo.EgovSettings, actor openinfo.Officer) error {
	if err := openinfo.Authorize(actor, openinfo.ActManageCompliance, ""); err != nil {
		return err
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	types, err := json.Marshal(s.AgencyTypes)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.egovSettings(ctx, tx)
		if err != nil {
			return err
		}
		if s.Version != old.Version {
			return errStaleEgovSettings
		}
		now := d.now()
		// The row exists from the first save; the version in the WHERE
		// clause refuses a concurrent save that read the same version.
		res, err := tx.ExecContext(ctx, `INSERT INTO egov_settings (id, agency_types, deadline, reminder_days, version, updated_by, updated_at)
			VALUES (1, $1, $2, $3, 1, $4, $5)
			ON CONFLICT (id) DO UPDATE SET agency_types = excluded.agency_types, deadline = excluded.deadline,
				reminder_days = excluded.reminder_days, version = egov_settings.version + 1,
				updated_by = excluded.updated_by, updated_at = excluded.updated_at
			WHERE egov_settings.version = $6`, string(types), egovDateText(s.Deadline), s.ReminderDays, actor.UserID, now, s.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStaleEgovSettings
		}
		s.Version, s.UpdatedBy, s.UpdatedAt = old.Version+1, actor.UserID, now
		var before any
		if old.Version != 0 {
			before = old
		}
		return d.audit(ctx, tx, "egov.settings", "egov_settings", 1, before, s)
	})
}

var errStaleEgovSettings = &openinfo.Error{Code: openinfo.ECONFLICT,
	TH: "การตั้งค่านี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง",
	EN: "Someone else changed these settings after you opened them. Reload and make your changes again."}

// RecordEgovReminder records a reminder sent to an agency (by the reminder
// job, as the system), filling its ID and, when zero, SentAt.
func (d *DB) RecordEgovReminder(ctx context.Context, r *openinfo.EgovReminder) error {
	if r.SentAt.IsZero() {
		r.SentAt = d.now()
	}
	// Stored in UTC like every time: SQLite reads back only what it wrote
	// in the driver's own form.
	r.SentAt = r.SentAt.UTC().Truncate(time.Microsecond)
	for _, s := range r.Missing {
		if !s.Valid() {
			return openinfo.Errorf(openinfo.EINVALID, "มาตราที่ขาดต้องเป็น 10 หรือ 16", "A missing section must be 10 or 16.")
		}
	}
	missing, err := json.Marshal(r.Missing)
	if err != nil {
		return err
	}
	if r.Missing == nil {
		missing = []byte("[]")
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := egovAgencyPath(ctx, tx, r.AgencyID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO egov_reminders (agency_id, user_id, email, missing, deadline, mail_id, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.AgencyID, r.UserID, r.Email, string(missing), egovDateText(r.Deadline),
			r.MailID, r.SentAt).Scan(&r.ID); err != nil {
			return err
		}
		// Its own entity type: an "agency" entry would make the change feed
		// re-index the agency and empty page caches for every reminder.
		return d.audit(ctx, tx, "egov.remind", "egov_reminder", r.ID, nil, r)
	})
}

// EgovReminderFilter selects reminders; zero fields match everything.
type EgovReminderFilter struct {
	AgencyID   int64
	AgencyPath string
	AgencyType openinfo.AgencyType // the reminded agency's type
	Province   string              // the reminded agency's province; NoProvince: none recorded
	Limit      int
	Offset     int
}

// EgovReminders lists reminders, newest first, with the total before paging.
func (d *DB) EgovReminders(ctx context.Context, f EgovReminderFilter) ([]openinfo.EgovReminder, int, error) {
	var w where
	if f.AgencyID != 0 {
		w.add("m.agency_id = ?", f.AgencyID)
	}
	if f.AgencyPath != "" {
		w.add("a.path LIKE ?", f.AgencyPath+"%")
	}
	if f.AgencyType != "" {
		w.add("a.type = ?", string(f.AgencyType))
	}
	addProvince(&w, "a.province", f.Province)
	from := ` FROM egov_reminders m JOIN agencies a ON a.id = m.agency_id` + w.sql()
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 500)
	rows, err := d.db.QueryContext(ctx, `SELECT m.id, m.agency_id, m.user_id, m.email, m.missing, m.deadline, m.mail_id, m.sent_at`+from+
		` ORDER BY m.sent_at DESC, m.id DESC`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []openinfo.EgovReminder
	for rows.Next() {
		var r openinfo.EgovReminder
		var missing, deadline string
		if err := rows.Scan(&r.ID, &r.AgencyID, &r.UserID, &r.Email, &missing, &deadline, &r.MailID, &r.SentAt); err != nil {
			return nil, 0, err
		}
		r.Deadline = egovParseDate(deadline)
		if err := json.Unmarshal([]byte(missing), &r.Missing); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// LastEgovReminders returns when each agency was last reminded, for the
// reminder job (openinfo.EgovSettings.ReminderDue) and the dashboard.
func (d *DB) LastEgovReminders(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT m.agency_id, m.sent_at FROM egov_reminders m
		WHERE m.sent_at = (SELECT max(x.sent_at) FROM egov_reminders x WHERE x.agency_id = m.agency_id)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		out[id] = at
	}
	return out, rows.Err()
}

// addProvince narrows col to a province code; "" matches every province,
// NoProvince the rows with none.
func addProvince(w *where, col, province string) {
	switch province {
	case "":
	case NoProvince:
		w.add(col + " = ''")
	default:
		w.add(col+" = ?", province)
	}
}
