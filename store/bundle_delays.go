package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// importDelay writes a delayed application with its notices and their
// letters (from the bundle's files/). An update replaces the notices and
// letters whole: the bundle is the case as its source keeps it.
// letters are the notices' letters, read and checked (importRecord).
func (d *DB) importDelay(ctx context.Context, tx *stmtTx, r *bundle.DelayNotice, point, process, local int64, found bool, letters [][]byte) (int64, error) {
	if point < 0 || process < 0 {
		return 0, nil
	}
	var agency int64
	var served bool
	if err := tx.QueryRowContext(ctx, `SELECT p.agency_id, EXISTS (SELECT 1 FROM point_processes pp WHERE pp.point_id = p.id AND pp.process_id = $2)
		FROM service_points p WHERE p.id = $1`, point, process).Scan(&agency, &served); err != nil {
		return 0, err
	}
	if !served {
		return 0, refuse("process", "จุดบริการนี้ไม่ได้ให้บริการกระบวนงานนี้ (ไม่มีหมุดของกระบวนงานที่จุดบริการ)",
			"The service point does not serve this process (no pin of the process at the point).")
	}
	c, _ := r.Domain() // checked by bundle.Check
	c.ProcessID, c.PointID, c.AgencyID = process, point, agency
	refKey := openinfo.DelayRefKey(c.Ref)
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM delay_cases WHERE agency_id = $1 AND ref_key = $2 AND id <> $3`, agency, refKey, local).Scan(&other)
	if err == nil {
		return 0, refuse("application_no", "หน่วยงานนี้มีเรื่องล่าช้าเลขที่คำขอ "+c.Ref+" อยู่แล้ว (อีกระเบียนหนึ่ง)",
			"The agency has another delayed application with reference "+c.Ref+".")
	} else if err != sql.ErrNoRows {
		return 0, err
	}
	now := d.now()
	var redacted any
	if c.Redacted {
		redacted = now
	}
	last := ""
	if n, ok := c.LastNotice(); ok {
		last = dateText(n.Date)
	}
	args := []any{c.Ref, refKey, process, point, agency, c.ApplicantName, c.ApplicantPhone, c.ApplicantEmail, redacted,
		dateText(c.Received), dateText(c.Due), c.DueReason, c.Decision, dateText(c.DecidedOn), dateText(c.ToldOn),
		len(c.Notices), last, dutyDue(&c), now}
	if found {
		// A case already redacted here stays redacted: the bundle cannot
		// bring the applicant's data back after its retention ended, nor
		// the letters that name them.
		var gone bool
		if err := tx.QueryRowContext(ctx, `SELECT redacted_at IS NOT NULL FROM delay_cases WHERE id = $1`, local).Scan(&gone); err != nil {
			return 0, err
		}
		if gone {
			letters = make([][]byte, len(letters))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE delay_cases SET ref = $1, ref_key = $2, process_id = $3, point_id = $4, agency_id = $5,
			applicant_name = CASE WHEN redacted_at IS NULL THEN $6 ELSE '' END, applicant_phone = CASE WHEN redacted_at IS NULL THEN $7 ELSE '' END,
			applicant_email = CASE WHEN redacted_at IS NULL THEN $8 ELSE '' END, redacted_at = COALESCE(redacted_at, $9),
			received_on = $10, due_on = $11, due_reason = $12, decision = $13, decided_on = $14, told_on = $15, notices = $16,
			last_notice_on = $17, duty_due = $18, updated_at = $19, version = version + 1 WHERE id = $20`, append(args, local)...); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM delay_letters WHERE case_id = $1`, local); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM delay_notices WHERE case_id = $1`, local); err != nil {
			return 0, err
		}
	} else if err := tx.QueryRowContext(ctx, `INSERT INTO delay_cases (ref, ref_key, process_id, point_id, agency_id, applicant_name,
		applicant_phone, applicant_email, redacted_at, received_on, due_on, due_reason, decision, decided_on, told_on, notices,
		last_notice_on, duty_due, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
		$17, $18, $19, $19) RETURNING id`, args...).Scan(&local); err != nil {
		return 0, err
	}
	for i, n := range c.Notices {
		var nid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO delay_notices (case_id, seq, number, notice_on, reason, expected_on, recorded_at, recorded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 0) RETURNING id`, local, i+1, n.Number, dateText(n.Date), n.Reason, dateText(n.ExpectedDecision),
			r.Notices[i].RecordedAt.UTC()).Scan(&nid); err != nil {
			return 0, err
		}
		if letters[i] != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO delay_letters (case_id, notice_id, name, size, data, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				local, nid, r.Notices[i].Letter.Name, int64(len(letters[i])), letters[i], now); err != nil {
				return 0, err
			}
		}
	}
	return local, nil
}

// exportDelays writes the delayed applications with their notices and the
// letters' file references (the bytes follow in files/, exportFiles).
func (d *DB) exportDelays(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
	last := int64(0)
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.ref, c.applicant_name, c.applicant_phone, c.applicant_email, c.redacted_at,
			c.received_on, c.due_on, c.due_reason, c.decision, c.decided_on, c.told_on, m.source, m.legacy_id, pm.source, pm.legacy_id,
			c.point_id, qm.source, qm.legacy_id, c.process_id FROM delay_cases c`+mapJoin("m", bundle.DelayNotices, "c.id")+
			mapJoin("pm", bundle.Points, "c.point_id")+mapJoin("qm", bundle.Processes, "c.process_id")+`
			WHERE c.id > $1 ORDER BY c.id LIMIT `+strconv.Itoa(exportPage), last)
		if err != nil {
			return err
		}
		var page []*bundle.DelayNotice
		var ids []int64
		index := map[int64]*bundle.DelayNotice{}
		for rows.Next() {
			var r bundle.DelayNotice
			var id, point, process int64
			var a bundle.Applicant
			var redacted sql.NullTime
			var ms, ml, ps, pl, qs, ql sql.NullString
			if err := rows.Scan(&id, &r.ApplicationNo, &a.Name, &a.Phone, &a.Email, &redacted, &r.ReceivedOn, &r.DueOn, &r.DueReason,
				&r.Decision, &r.DecidedOn, &r.ToldOn, &ms, &ml, &ps, &pl, &point, &qs, &ql, &process); err != nil {
				rows.Close()
				return err
			}
			last = id
			if !redacted.Valid {
				r.Applicant = &a
			}
			r.Key, r.Point, r.Process = k.key(ms, ml, id), k.ref(ps, pl, point), k.ref(qs, ql, process)
			page = append(page, &r)
			ids = append(ids, id)
			index[id] = &r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) > 0 {
			nrows, err := d.db.QueryContext(ctx, `SELECT n.case_id, n.number, n.notice_on, n.reason, n.expected_on, n.recorded_at,
				COALESCE(l.name, ''), COALESCE(l.id, 0) FROM delay_notices n LEFT JOIN delay_letters l ON l.notice_id = n.id
				WHERE n.case_id IN (`+idList(ids)+`) ORDER BY n.case_id, n.seq`)
			if err != nil {
				return err
			}
			type at struct {
				c *bundle.DelayNotice
				i int
			}
			var withLetter []at // not pointers: Notices grows
			var letterIDs []int64
			for nrows.Next() {
				var id, letter int64
				var n bundle.Notice
				var name string
				var recorded time.Time
				if err := nrows.Scan(&id, &n.Number, &n.On, &n.Reason, &n.ExpectedOn, &recorded, &name, &letter); err != nil {
					nrows.Close()
					return err
				}
				n.RecordedAt = recorded.UTC()
				if letter != 0 {
					n.Letter = &bundle.FileRef{Name: name}
					letterIDs = append(letterIDs, letter)
				}
				c := index[id]
				c.Notices = append(c.Notices, n)
				if letter != 0 {
					withLetter = append(withLetter, at{c, len(c.Notices) - 1})
				}
			}
			nrows.Close()
			if err := nrows.Err(); err != nil {
				return err
			}
			// A letter's sum, one at a time: up to 10 MB each, never a page
			// of them in memory.
			for i, lid := range letterIDs {
				var data []byte
				if err := d.db.QueryRowContext(ctx, `SELECT data FROM delay_letters WHERE id = $1`, lid).Scan(&data); err != nil {
					return err
				}
				l := withLetter[i].c.Notices[withLetter[i].i].Letter
				l.SHA256, l.Size = sha256Hex(data), int64(len(data))
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
