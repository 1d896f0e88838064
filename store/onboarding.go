package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/openinfo/openinfo"
)

const onboardingColumns = `id, status, agency_name_th, agency_name_en, agency_type, COALESCE(parent_id, 0), COALESCE(existing_agency_id, 0),
	province, requester_name, requester_title, requester_email, requester_phone, executive_name, executive_email,
	letter_name, letter_size, created_at, confirmed_at, decided_at, COALESCE(decided_by, 0), reason, COALESCE(agency_id, 0), version`

func scanOnboarding(s scanner) (*openinfo.OnboardingRequest, error) {
	var o openinfo.OnboardingRequest
	var confirmed, decided sql.NullTime
	err := s.Scan(&o.ID, &o.Status, &o.AgencyNameTH, &o.AgencyNameEN, &o.AgencyType, &o.ParentID, &o.ExistingAgencyID,
		&o.ProvinceCode, &o.RequesterName, &o.RequesterTitle, &o.RequesterEmail, &o.RequesterPhone, &o.ExecutiveName,
		&o.ExecutiveEmail, &o.LetterName, &o.LetterSize, &o.CreatedAt, &confirmed, &decided, &o.DecidedBy, &o.Reason,
		&o.AgencyID, &o.Version)
	o.ConfirmedAt, o.DecidedAt = confirmed.Time, decided.Time
	return &o, err
}

// CreateOnboardingRequest validates and stores a new request.
func (d *DB) CreateOnboardingRequest(ctx context.Context, o *openinfo.OnboardingRequest) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range []int64{o.ParentID, o.ExistingAgencyID} {
			if id == 0 {
				continue
			}
			if _, err := d.agency(ctx, tx, id); err != nil {
				return &openinfo.Error{Code: openinfo.EINVALID, TH: "ไม่พบหน่วยงานที่เลือก", EN: "The chosen agency does not exist.",
					Fields: []openinfo.FieldError{{Field: "parent_id", TH: "เลือกหน่วยงานจากรายการ", EN: "Choose an agency from the list."}}}
			}
		}
		o.Status, o.CreatedAt, o.LetterSize, o.Version = openinfo.OnboardSubmitted, d.now(), int64(len(o.Letter)), 1
		if err := tx.QueryRowContext(ctx, `INSERT INTO onboarding_requests (status, agency_name_th, agency_name_en, agency_type,
			parent_id, existing_agency_id, province, requester_name, requester_title, requester_email, requester_phone,
			executive_name, executive_email, letter_name, letter, letter_size, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
			o.Status, o.AgencyNameTH, o.AgencyNameEN, o.AgencyType, nullID(o.ParentID), nullID(o.ExistingAgencyID), o.ProvinceCode,
			o.RequesterName, o.RequesterTitle, o.RequesterEmail, o.RequesterPhone, o.ExecutiveName, o.ExecutiveEmail,
			o.LetterName, o.Letter, o.LetterSize, o.CreatedAt).Scan(&o.ID); err != nil {
			return err
		}
		return d.audit(ctx, tx, "onboarding.submit", "onboarding_request", o.ID, nil, onboardingAudit(o))
	})
}

func onboardingAudit(o *openinfo.OnboardingRequest) map[string]any {
	return map[string]any{"status": o.Status, "agency": o.AgencyNameTH, "existing_agency_id": o.ExistingAgencyID,
		"requester_email": o.RequesterEmail, "executive_email": o.ExecutiveEmail, "agency_id": o.AgencyID, "reason": o.Reason}
}

// OnboardingRequest returns one request, without its letter.
func (d *DB) OnboardingRequest(ctx context.Context, id int64) (*openinfo.OnboardingRequest, error) {
	return d.onboarding(ctx, d.db, id)
}

func (d *DB) onboarding(ctx context.Context, q querier, id int64) (*openinfo.OnboardingRequest, error) {
	o, err := scanOnboarding(q.QueryRowContext(ctx, `SELECT `+onboardingColumns+` FROM onboarding_requests WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอใช้บริการเลขที่ %d", "Request %d not found.", id)
	}
	return o, err
}

// OnboardingLetter returns a request's letter.
func (d *DB) OnboardingLetter(ctx context.Context, id int64) (name string, pdf []byte, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT letter_name, letter FROM onboarding_requests WHERE id = $1`, id).Scan(&name, &pdf)
	if errors.Is(err, sql.ErrNoRows) {
		err = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอใช้บริการเลขที่ %d", "Request %d not found.", id)
	}
	return name, pdf, err
}

// OnboardingRequests lists requests, newest first, optionally of one status.
func (d *DB) OnboardingRequests(ctx context.Context, status string, limit, offset int) ([]*openinfo.OnboardingRequest, int, error) {
	var w where
	if status != "" {
		w.add("status = ?", status)
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM onboarding_requests`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset = pageBounds(limit, offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT `+onboardingColumns+` FROM onboarding_requests`+w.sql()+` ORDER BY id DESC`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.OnboardingRequest
	for rows.Next() {
		o, err := scanOnboarding(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, o)
	}
	return out, total, rows.Err()
}

// ConfirmOnboarding records the executive's confirmation.
func (d *DB) ConfirmOnboarding(ctx context.Context, id int64) (*openinfo.OnboardingRequest, error) {
	return d.moveOnboarding(ctx, id, openinfo.OnboardEventConfirm, func(tx *sql.Tx, o *openinfo.OnboardingRequest) error {
		o.ConfirmedAt = d.now()
		_, err := tx.ExecContext(ctx, `UPDATE onboarding_requests SET confirmed_at = $1 WHERE id = $2`, o.ConfirmedAt, id)
		return err
	})
}

// RejectOnboarding closes a request with a reason.
func (d *DB) RejectOnboarding(ctx context.Context, id int64, reason string) (*openinfo.OnboardingRequest, error) {
	reason = cleanName(reason)
	if reason == "" {
		return nil, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาระบุเหตุผลที่ไม่อนุมัติ", EN: "Give the reason for the rejection.",
			Fields: []openinfo.FieldError{{Field: "reason", TH: "กรุณาระบุเหตุผล", EN: "Enter a reason."}}}
	}
	return d.moveOnboarding(ctx, id, openinfo.OnboardEventReject, func(tx *sql.Tx, o *openinfo.OnboardingRequest) error {
		o.Reason, o.DecidedAt, o.DecidedBy = reason, d.now(), openinfo.ActorFrom(ctx).UserID
		_, err := tx.ExecContext(ctx, `UPDATE onboarding_requests SET reason = $1, decided_at = $2, decided_by = $3 WHERE id = $4`,
			o.Reason, o.DecidedAt, o.DecidedBy, id)
		return err
	})
}

// ApproveOnboarding approves a confirmed request: it creates the agency
// unless the request names an existing one, and stores the first central
// officer's token (made by the caller, who e-mails it) in the same transaction.
func (d *DB) ApproveOnboarding(ctx context.Context, id int64, token *openinfo.IssuedToken) (*openinfo.OnboardingRequest, error) {
	return d.moveOnboarding(ctx, id, openinfo.OnboardEventApprove, func(tx *sql.Tx, o *openinfo.OnboardingRequest) error {
		agencyID := o.ExistingAgencyID
		if agencyID == 0 {
			a := &openinfo.Agency{ParentID: o.ParentID, Type: o.AgencyType, NameTH: o.AgencyNameTH, NameEN: o.AgencyNameEN,
				Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: o.ProvinceCode}}}
			if err := d.createAgencyTx(ctx, tx, a); err != nil {
				return err
			}
			agencyID = a.ID
		}
		o.AgencyID, o.DecidedAt, o.DecidedBy = agencyID, d.now(), openinfo.ActorFrom(ctx).UserID
		if _, err := tx.ExecContext(ctx, `UPDATE onboarding_requests SET agency_id = $1, decided_at = $2, decided_by = $3 WHERE id = $4`,
			agencyID, o.DecidedAt, o.DecidedBy, id); err != nil {
			return err
		}
		token.AgencyID, token.Role = agencyID, openinfo.RoleCentral
		return d.issueTokenTx(ctx, tx, token)
	})
}

func (d *DB) moveOnboarding(ctx context.Context, id int64, event string, apply func(*sql.Tx, *openinfo.OnboardingRequest) error) (*openinfo.OnboardingRequest, error) {
	var out *openinfo.OnboardingRequest
	err := d.tx(ctx, func(tx *sql.Tx) error {
		o, err := d.onboarding(ctx, tx, id)
		if err != nil {
			return err
		}
		before := onboardingAudit(o)
		next, err := openinfo.NextOnboardingStatus(o.Status, event)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE onboarding_requests SET status = $1, version = version + 1 WHERE id = $2 AND version = $3`,
			next, id, o.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStale("คำขอใช้บริการ", "request")
		}
		o.Status, o.Version = next, o.Version+1
		if err := apply(tx, o); err != nil {
			return err
		}
		out = o
		return d.audit(ctx, tx, "onboarding."+event, "onboarding_request", id, before, onboardingAudit(o))
	})
	return out, err
}
