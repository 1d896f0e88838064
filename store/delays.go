package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// Delay notices (issue 14, section 10). Applicants' names and contacts live
// in the applicant_* columns only: never in the audit log, so the retention
// job's blanking leaves no copy behind.

const delayCols = `id, ref, process_id, point_id, agency_id, applicant_name, applicant_phone, applicant_email,
	redacted_at, received_on, due_on, due_reason, decision, decided_on, told_on, version, created_at, updated_at`

func scanDelayCase(s scanner) (*openinfo.DelayCase, error) {
	var c openinfo.DelayCase
	var redacted sql.NullTime
	var received, due, decided, told string
	err := s.Scan(&c.ID, &c.Ref, &c.ProcessID, &c.PointID, &c.AgencyID, &c.ApplicantName, &c.ApplicantPhone, &c.ApplicantEmail,
		&redacted, &received, &due, &c.DueReason, &c.Decision, &decided, &told, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, err
	}
	c.Redacted = redacted.Valid
	for _, x := range []struct {
		s string
		t *time.Time
	}{{received, &c.Received}, {due, &c.Due}, {decided, &c.DecidedOn}, {told, &c.ToldOn}} {
		if *x.t, err = parseDate(x.s); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// loadNotices fills the notices of cases, in sequence.
func loadNotices(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, cases ...*openinfo.DelayCase) error {
	if len(cases) == 0 {
		return nil
	}
	byID := make(map[int64]*openinfo.DelayCase, len(cases))
	ids := make([]string, len(cases))
	for i, c := range cases {
		byID[c.ID], ids[i] = c, strconv.FormatInt(c.ID, 10)
	}
	// The IDs are our own integers, so they can be written into the query.
	rows, err := q.QueryContext(ctx, `SELECT n.case_id, n.id, n.seq, n.number, n.notice_on, n.reason, n.expected_on, n.recorded_at,
		n.recorded_by, COALESCE(l.id, 0), COALESCE(l.name, ''), COALESCE(l.size, 0)
		FROM delay_notices n LEFT JOIN delay_letters l ON l.notice_id = n.id
		WHERE n.case_id IN (`+strings.Join(ids, ",")+`) ORDER BY n.case_id, n.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var caseID int64
		var n openinfo.DelayNotice
		var on, expected string
		if err := rows.Scan(&caseID, &n.ID, &n.Seq, &n.Number, &on, &n.Reason, &expected, &n.RecordedAt, &n.RecordedBy,
			&n.LetterID, &n.LetterName, &n.LetterSize); err != nil {
			return err
		}
		if n.Date, err = parseDate(on); err != nil {
			return err
		}
		if n.ExpectedDecision, err = parseDate(expected); err != nil {
			return err
		}
		c := byID[caseID]
		c.Notices = append(c.Notices, n)
	}
	return rows.Err()
}

func delayCase(ctx context.Context, q interface {
	querier
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id int64) (*openinfo.DelayCase, error) {
	c, err := scanDelayCase(q.QueryRowContext(ctx, `SELECT `+delayCols+` FROM delay_cases WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบเรื่องล่าช้าที่ระบุ", "No such delayed application.")
	}
	if err != nil {
		return nil, err
	}
	return c, loadNotices(ctx, q, c)
}

// DelayCase returns a delayed application with its notices.
func (d *DB) DelayCase(ctx context.Context, id int64) (*openinfo.DelayCase, error) {
	return delayCase(ctx, d.db, id)
}

// dutyDue is the day the case's next section 10 duty falls due, "" when
// none: the column the overdue filters read.
func dutyDue(c *openinfo.DelayCase) string {
	if by, ok := c.NextNoticeDue(); ok {
		return dateText(by)
	}
	if by, ok := c.TellBy(); ok && c.ToldOn.IsZero() {
		return dateText(by)
	}
	return ""
}

// computedDue is the due date the manual's legal time limit gives an
// application of processID received on received; zero when the process has
// no published manual or the manual sets no limit.
func (d *DB) computedDue(ctx context.Context, q querier, cal *thaitime.Calendar, processID int64, received time.Time) (time.Time, error) {
	if received.IsZero() {
		return time.Time{}, nil
	}
	var content string
	err := q.QueryRowContext(ctx, `SELECT content FROM manual_revisions WHERE process_id = $1 AND state = 'published'`, processID).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	var mc openinfo.ManualContent
	if err := json.Unmarshal([]byte(content), &mc); err != nil {
		return time.Time{}, err
	}
	due, _ := openinfo.DelayDueDate(cal, received, mc.TimeLimit)
	return due, nil
}

// delayAudit is what the audit log keeps of a case: no personal data.
func delayAudit(c *openinfo.DelayCase) map[string]any {
	return map[string]any{"ref": c.Ref, "process_id": c.ProcessID, "point_id": c.PointID,
		"received_on": dateText(c.Received), "due_on": dateText(c.Due), "due_reason": c.DueReason,
		"decision": c.Decision, "decided_on": dateText(c.DecidedOn), "told_on": dateText(c.ToldOn), "notices": len(c.Notices)}
}

// SaveDelayCase records a delayed application (c.ID 0) or changes one
// (c.Version is the version read): applicant, dates, decision and the date
// the applicant was told. A zero Due is filled from the manual's time limit
// on the holiday calendar; a Due that differs from it needs a reason. The
// notices are added by RecordDelayNotice. Audited, without personal data.
func (d *DB) SaveDelayCase(ctx context.Context, c *openinfo.DelayCase, actor openinfo.Officer, at time.Time) error {
	cal, err := d.Calendar(ctx)
	if err != nil {
		return err
	}
	// On a refusal the caller gets back what it sent, to show the form again.
	orig := *c
	err = d.tx(ctx, func(tx *sql.Tx) error {
		var old *openinfo.DelayCase
		if c.ID != 0 {
			if old, err = delayCase(ctx, tx, c.ID); err != nil {
				return err
			}
			// Whoever changes a case must be allowed where it is now, not only
			// where it is moved to.
			_, oldPath, err := reporterAgency(ctx, tx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: old.PointID})
			if err != nil {
				return err
			}
			if err := openinfo.Authorize(actor, openinfo.ActRecordDelay, oldPath); err != nil {
				return err
			}
			if old.Version != c.Version {
				return errStale("เรื่องล่าช้า", "delayed application")
			}
			c.Notices, c.Redacted = old.Notices, old.Redacted
			if old.Redacted {
				c.ApplicantName, c.ApplicantPhone, c.ApplicantEmail = "", "", ""
			}
		} else {
			c.Notices = nil
		}
		if c.PointID <= 0 {
			return c.Validate(at, time.Time{})
		}
		agencyID, path, err := reporterAgency(ctx, tx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: c.PointID})
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActRecordDelay, path); err != nil {
			return err
		}
		c.AgencyID = agencyID
		computed, err := d.computedDue(ctx, tx, cal, c.ProcessID, c.Received)
		if err != nil {
			return err
		}
		if c.Due.IsZero() {
			c.Due = computed
		}
		if err := c.Validate(at, computed); err != nil {
			return err
		}
		var served bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM point_processes WHERE point_id = $1 AND process_id = $2)`,
			c.PointID, c.ProcessID).Scan(&served); err != nil {
			return err
		}
		if !served {
			return &openinfo.Error{Code: openinfo.EINVALID, TH: "จุดบริการนี้ไม่ได้ให้บริการกระบวนงานที่เลือก", EN: "The service point does not serve that process.",
				Fields: []openinfo.FieldError{{Field: "process_id", TH: "จุดบริการนี้ไม่ได้ให้บริการกระบวนงานที่เลือก", EN: "Not a process of this service point."}}}
		}
		now := d.now()
		args := []any{c.Ref, openinfo.DelayRefKey(c.Ref), c.ProcessID, c.PointID, c.AgencyID, c.ApplicantName, c.ApplicantPhone,
			c.ApplicantEmail, dateText(c.Received), dateText(c.Due), c.DueReason, c.Decision, dateText(c.DecidedOn),
			dateText(c.ToldOn), dutyDue(c), now}
		// c keeps the version read until the write succeeds, so a refused
		// save can be corrected and sent again.
		var id int64
		ver := int64(1)
		if old == nil {
			err = tx.QueryRowContext(ctx, `INSERT INTO delay_cases (ref, ref_key, process_id, point_id, agency_id, applicant_name,
				applicant_phone, applicant_email, received_on, due_on, due_reason, decision, decided_on, told_on, duty_due,
				created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
				RETURNING id`, append(args, actor.UserID)...).Scan(&id)
		} else {
			id, ver = old.ID, old.Version+1
			var r sql.Result
			r, err = tx.ExecContext(ctx, `UPDATE delay_cases SET ref = $1, ref_key = $2, process_id = $3, point_id = $4, agency_id = $5,
				applicant_name = $6, applicant_phone = $7, applicant_email = $8, received_on = $9, due_on = $10, due_reason = $11,
				decision = $12, decided_on = $13, told_on = $14, duty_due = $15, updated_at = $16, version = $17
				WHERE id = $18 AND version = $19`, append(args, ver, old.ID, old.Version)...)
			if err == nil {
				if n, _ := r.RowsAffected(); n != 1 {
					return errStale("เรื่องล่าช้า", "delayed application")
				}
			}
		}
		if isUniqueViolation(err) {
			msgTH, msgEN := "หน่วยงานนี้บันทึกเลขที่คำขอนี้ไว้แล้ว", "This agency has recorded that application reference already."
			return &openinfo.Error{Code: openinfo.EINVALID, TH: msgTH, EN: msgEN, Fields: []openinfo.FieldError{{Field: "ref", TH: msgTH, EN: msgEN}}}
		}
		if err != nil {
			return err
		}
		c.ID, c.Version, c.UpdatedAt = id, ver, now
		if old == nil {
			c.CreatedAt = now
			return d.audit(ctx, tx, "delay.create", "delay_case", c.ID, nil, delayAudit(c))
		}
		return d.audit(ctx, tx, "delay.update", "delay_case", c.ID, delayAudit(old), delayAudit(c))
	})
	if err != nil {
		*c = orig
	}
	return err
}

// RecordDelayNotice adds the next notice (sequence = notices so far + 1)
// to a case and returns the case as stored. The whole case is checked with
// it: a notice before receipt, before the last one, in the future or after
// the decision is refused. Audited.
func (d *DB) RecordDelayNotice(ctx context.Context, caseID int64, n openinfo.DelayNotice, actor openinfo.Officer, at time.Time) (*openinfo.DelayCase, error) {
	var out *openinfo.DelayCase
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := delayCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		_, path, err := reporterAgency(ctx, tx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: c.PointID})
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActRecordDelay, path); err != nil {
			return err
		}
		now := d.now()
		n.Seq, n.RecordedAt, n.RecordedBy = len(c.Notices)+1, now, actor.UserID
		if !n.Date.IsZero() {
			n.Date = thaitime.StartOfDay(n.Date)
		}
		if !n.ExpectedDecision.IsZero() {
			n.ExpectedDecision = thaitime.StartOfDay(n.ExpectedDecision)
		}
		c.Notices = append(c.Notices, n)
		// The due date was checked when the case was saved; the applicant's
		// data too (a redacted case is left alone).
		if err := c.Validate(at, time.Time{}); err != nil {
			return err
		}
		nn := &c.Notices[len(c.Notices)-1]
		if err := tx.QueryRowContext(ctx, `INSERT INTO delay_notices (case_id, seq, number, notice_on, reason, expected_on,
			recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			c.ID, nn.Seq, nn.Number, dateText(nn.Date), nn.Reason, dateText(nn.ExpectedDecision), now, actor.UserID).Scan(&nn.ID); err != nil {
			if isUniqueViolation(err) {
				return errStale("เรื่องล่าช้า", "delayed application")
			}
			return err
		}
		details := map[string]any{"seq": nn.Seq, "number": nn.Number, "date": dateText(nn.Date), "reason": nn.Reason,
			"expected_decision": dateText(nn.ExpectedDecision)}
		if nn.LetterID != 0 {
			// Only a letter uploaded for this case and not yet attached.
			if err := tx.QueryRowContext(ctx, `UPDATE delay_letters SET notice_id = $1 WHERE id = $2 AND case_id = $3 AND notice_id = 0
				RETURNING name, size`, nn.ID, nn.LetterID, c.ID).Scan(&nn.LetterName, &nn.LetterSize); errors.Is(err, sql.ErrNoRows) {
				return errLetterGone()
			} else if err != nil {
				return err
			}
			// The size, not the name: a file name may carry the applicant's.
			details["letter_bytes"] = nn.LetterSize
		}
		c.Version++
		if _, err := tx.ExecContext(ctx, `UPDATE delay_cases SET notices = $1, last_notice_on = $2, duty_due = $3, updated_at = $4,
			version = $5 WHERE id = $6`, len(c.Notices), dateText(nn.Date), dutyDue(c), now, c.Version, c.ID); err != nil {
			return err
		}
		c.UpdatedAt, out = now, c
		return d.audit(ctx, tx, "delay.notice", "delay_case", c.ID, nil, details)
	})
	return out, err
}

func errLetterGone() error {
	const th, en = "ไม่พบไฟล์หนังสือแจ้งที่แนบไว้ กรุณาแนบไฟล์อีกครั้ง", "The attached letter was not found; attach it again."
	return &openinfo.Error{Code: openinfo.EINVALID, TH: th, EN: en, Fields: []openinfo.FieldError{{Field: "letter", TH: th, EN: en}}}
}

// PutDelayLetter keeps a notice's letter (already admitted by
// openinfo.CheckDelayLetter) for case caseID and returns its id, for
// RecordDelayNotice to attach: uploaded with the notice's form, it is kept
// when the form is refused, so the officer need not choose it again. Only an
// officer who may record the case's notices may upload; a letter never
// attached is deleted by RedactDelayApplicants a day later.
func (d *DB) PutDelayLetter(ctx context.Context, caseID int64, name string, data []byte, actor openinfo.Officer) (int64, error) {
	var id int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var pointID int64
		err := tx.QueryRowContext(ctx, `SELECT point_id FROM delay_cases WHERE id = $1`, caseID).Scan(&pointID)
		if errors.Is(err, sql.ErrNoRows) {
			return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบเรื่องล่าช้าที่ระบุ", "No such delayed application.")
		}
		if err != nil {
			return err
		}
		_, path, err := reporterAgency(ctx, tx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pointID})
		if err != nil {
			return err
		}
		if err := openinfo.Authorize(actor, openinfo.ActRecordDelay, path); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO delay_letters (case_id, name, size, data, uploaded_at, uploaded_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, caseID, name, int64(len(data)), data, d.now(), actor.UserID).Scan(&id)
	})
	return id, err
}

// DelayLetter is a notice's letter PDF.
type DelayLetter struct {
	Name string
	Data []byte
}

// DelayLetter returns the letter of case caseID's notice seq. The caller
// checks the reader may see the case's personal data (its agency's subtree
// and OPDC). ENOTFOUND when the notice has none (or it was deleted with the
// applicant's data).
func (d *DB) DelayLetter(ctx context.Context, caseID int64, seq int) (*DelayLetter, error) {
	var l DelayLetter
	err := d.db.QueryRowContext(ctx, `SELECT l.name, l.data FROM delay_notices n JOIN delay_letters l ON l.notice_id = n.id
		WHERE n.case_id = $1 AND n.seq = $2`, caseID, seq).Scan(&l.Name, &l.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบหนังสือแจ้งฉบับนี้", "No letter for this notice.")
	}
	return &l, err
}

// DelayFilter selects delayed applications; zero fields match everything.
type DelayFilter struct {
	UnderPath string // the point's agency is in this subtree (central officers; "" for OPDC's inbox)
	AgencyID  int64
	PointID   int64
	ProcessID int64
	Month     int // a notice was dated in this month (yyyymm)
	// At is "now" for the overdue test and the order: overdue cases first,
	// the most overdue at the top. Zero: the current time.
	At      time.Time
	Overdue bool // only cases with a duty past its day at At
	Limit   int
	Offset  int
}

// DelayCases lists delayed applications with their notices, overdue first,
// and the total that match.
func (d *DB) DelayCases(ctx context.Context, f DelayFilter) ([]*openinfo.DelayCase, int, error) {
	at := f.At
	if at.IsZero() {
		at = d.now()
	}
	today := dateText(at)
	var w where
	if f.UnderPath != "" {
		w.add("a.path LIKE ?", pathLike(f.UnderPath))
	}
	if f.AgencyID != 0 {
		w.add("c.agency_id = ?", f.AgencyID)
	}
	if f.PointID != 0 {
		w.add("c.point_id = ?", f.PointID)
	}
	if f.ProcessID != 0 {
		w.add("c.process_id = ?", f.ProcessID)
	}
	if f.Month != 0 {
		from := time.Date(f.Month/100, time.Month(f.Month%100), 1, 0, 0, 0, 0, thaitime.Bangkok)
		w.add("EXISTS (SELECT 1 FROM delay_notices n WHERE n.case_id = c.id AND n.notice_on >= ? AND n.notice_on < ?)",
			dateText(from), dateText(from.AddDate(0, 1, 0)))
	}
	if f.Overdue {
		w.add("c.duty_due <> '' AND c.duty_due < ?", today)
	}
	from := ` FROM delay_cases c JOIN agencies a ON a.id = c.agency_id` + w.sql()
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT COUNT(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	w.args = append(w.args, today)
	order := ` ORDER BY CASE WHEN c.duty_due <> '' AND c.duty_due < $` + strconv.Itoa(len(w.args)) + ` THEN 0 ELSE 1 END, c.duty_due, c.id DESC`
	limit, offset := pageBounds(f.Limit, f.Offset, 200)
	cols := "c." + strings.ReplaceAll(delayCols, ", ", ", c.")
	rows, err := d.db.QueryContext(ctx, `SELECT `+cols+from+order+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.DelayCase
	for rows.Next() {
		c, err := scanDelayCase(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	return out, total, loadNotices(ctx, d.db, out...)
}

// LookupDelay is the citizen lookup: the application with reference ref
// whose applicant's phone ends in last4. A wrong reference, wrong digits
// and a case whose contact was removed all give the same ENOTFOUND, so the
// answer never tells which part was wrong. Rate limiting is the caller's.
func (d *DB) LookupDelay(ctx context.Context, ref, last4 string) (openinfo.DelayStatus, error) {
	key := openinfo.DelayRefKey(ref)
	if key == "" {
		return openinfo.DelayStatus{}, openinfo.ErrDelayNotFound()
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, applicant_phone FROM delay_cases WHERE ref_key = $1 ORDER BY id DESC LIMIT 20`, key)
	if err != nil {
		return openinfo.DelayStatus{}, err
	}
	var found int64
	for rows.Next() {
		var id int64
		var phone string
		if err := rows.Scan(&id, &phone); err != nil {
			rows.Close()
			return openinfo.DelayStatus{}, err
		}
		// Every candidate is compared, so the time taken does not depend on
		// which one matched.
		if openinfo.MatchPhoneLast4(phone, last4) && found == 0 {
			found = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return openinfo.DelayStatus{}, err
	}
	if found == 0 {
		return openinfo.DelayStatus{}, openinfo.ErrDelayNotFound()
	}
	c, err := d.DelayCase(ctx, found)
	if err != nil {
		return openinfo.DelayStatus{}, err
	}
	return c.Status(), nil
}

// RedactDelayApplicants blanks the applicant's name and contacts of every
// case decided before decidedBefore (the retention job: decision + the
// retention period), deletes their notices' letters (which name the
// applicant) and returns how many cases it blanked. Letters uploaded with a
// refused form and never attached are deleted a day later. Audited as one
// entry.
func (d *DB) RedactDelayApplicants(ctx context.Context, decidedBefore time.Time) (int, error) {
	n := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		r, err := tx.ExecContext(ctx, `UPDATE delay_cases SET applicant_name = '', applicant_phone = '', applicant_email = '',
			redacted_at = $1, version = version + 1 WHERE redacted_at IS NULL AND decided_on <> '' AND decided_on < $2`,
			now, dateText(decidedBefore))
		if err != nil {
			return err
		}
		k, _ := r.RowsAffected()
		n = int(k)
		r, err = tx.ExecContext(ctx, `DELETE FROM delay_letters WHERE (notice_id = 0 AND uploaded_at < $1)
			OR case_id IN (SELECT id FROM delay_cases WHERE redacted_at IS NOT NULL)`, now.Add(-24*time.Hour))
		if err != nil {
			return err
		}
		letters, _ := r.RowsAffected()
		if n == 0 && letters == 0 {
			return nil
		}
		return d.audit(ctx, tx, "delay.redact", "delay_case", 0, nil,
			map[string]any{"decided_before": dateText(decidedBefore), "cases": n, "letters": letters})
	})
	return n, err
}

// DelayNoticeCount counts the notices dated in month (yyyymm) that a
// licence reporter sent for processID: a point's own cases, or every case
// of the process when its agency reports itself. It fills the "delay
// notices sent" of the licence report.
func (d *DB) DelayNoticeCount(ctx context.Context, r openinfo.Reporter, processID int64, month int) (int, error) {
	from := time.Date(month/100, time.Month(month%100), 1, 0, 0, 0, 0, thaitime.Bangkok)
	q := `SELECT COUNT(*) FROM delay_notices n JOIN delay_cases c ON c.id = n.case_id
		WHERE c.process_id = $1 AND n.notice_on >= $2 AND n.notice_on < $3`
	args := []any{processID, dateText(from), dateText(from.AddDate(0, 1, 0))}
	if r.Kind == openinfo.ReporterPoint {
		q += ` AND c.point_id = $4`
		args = append(args, r.ID)
	}
	var k int
	err := d.db.QueryRowContext(ctx, q, args...).Scan(&k)
	return k, err
}

// DelayProcesses lists the processes that have delayed applications under
// agency path underPath ("" for every agency), for the inbox's picker: a
// process with no notice is no use as a filter.
func (d *DB) DelayProcesses(ctx context.Context, underPath string) ([]ProcessName, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.name_th, p.name_en FROM processes p
		WHERE EXISTS (SELECT 1 FROM delay_cases c JOIN agencies a ON a.id = c.agency_id
			WHERE c.process_id = p.id AND a.path LIKE $1)
		ORDER BY p.name_th, p.id LIMIT 500`, pathLike(underPath))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProcessName
	for rows.Next() {
		var p ProcessName
		if err := rows.Scan(&p.ID, &p.TH, &p.EN); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
