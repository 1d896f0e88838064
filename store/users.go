package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

const userColumns = `u.id, u.issuer, u.subject, u.username, u.given_name, u.family_name, u.phone, u.email, u.agency_id, u.role,
	u.version, u.created_at, u.updated_at, u.last_login_at, COALESCE(a.path, ''), COALESCE(a.name_th, ''), COALESCE(a.name_en, '')`

const userFrom = ` FROM users u LEFT JOIN agencies a ON a.id = u.agency_id`

func scanUser(s scanner) (*openinfo.User, error) {
	var u openinfo.User
	var agency sql.NullInt64
	var last sql.NullTime
	err := s.Scan(&u.ID, &u.Issuer, &u.Subject, &u.Username, &u.GivenName, &u.FamilyName, &u.Phone, &u.Email, &agency, &u.Role,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &last, &u.AgencyPath, &u.AgencyNameTH, &u.AgencyNameEN)
	if err != nil {
		return nil, err
	}
	u.AgencyID, u.LastLoginAt = agency.Int64, last.Time
	return &u, nil
}

func (d *DB) user(ctx context.Context, q querier, id int64) (*openinfo.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบผู้ใช้งานรหัส %d", "User %d not found.", id)
	}
	return u, err
}

// User returns one user with their agency's path and name.
func (d *DB) User(ctx context.Context, id int64) (*openinfo.User, error) {
	return d.user(ctx, d.db, id)
}

// RecordLogin creates the user on their first login, or refreshes the name
// and phone their provider vouches for, and stamps the login time.
func (d *DB) RecordLogin(ctx context.Context, in *openinfo.User) (*openinfo.User, error) {
	if in.Issuer == "" || in.Subject == "" {
		return nil, errors.New("store: login without issuer or subject")
	}
	var id int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		now := d.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO users (issuer, subject, username, given_name, family_name, phone, email, created_at, updated_at, last_login_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
			ON CONFLICT (issuer, subject) DO UPDATE SET username = excluded.username, given_name = excluded.given_name,
				family_name = excluded.family_name, phone = excluded.phone,
				email = CASE WHEN excluded.email <> '' THEN excluded.email ELSE users.email END, last_login_at = excluded.last_login_at
			RETURNING id`,
			in.Issuer, in.Subject, in.Username, cleanName(in.GivenName), cleanName(in.FamilyName), in.Phone, cleanEmail(in.Email), now).Scan(&id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d.User(ctx, id)
}

func cleanName(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanEmail keeps an address mail can be sent to: one "@" between a local
// part and a dotted domain, no spaces, at most 254 characters. Anything
// else the provider sends is dropped rather than stored as an address.
func cleanEmail(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if len(s) > 254 || at < 1 || strings.ContainsAny(s, " \t\r\n<>,;\"") || strings.Count(s, "@") != 1 ||
		!strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return ""
	}
	return s
}

// UserFilter selects users for user management.
type UserFilter struct {
	Under int64  // users of this agency and its subtree; 0 = all agencies
	Query string // part of the name or username
	// Unbound lists users who have signed in but hold no role yet.
	Unbound bool
	Limit   int
	Offset  int
}

// UsersByLogin finds the users whose username or provider subject is login
// exactly (one person may sign in with several providers): for granting a
// role from the command line.
func (d *DB) UsersByLogin(ctx context.Context, login string) ([]*openinfo.User, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.username = $1 OR u.subject = $1 ORDER BY u.id`, strings.TrimSpace(login))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Users lists users by name, with the total.
func (d *DB) Users(ctx context.Context, f UserFilter) ([]*openinfo.User, int, error) {
	var w where
	if f.Under != 0 {
		a, err := d.Agency(ctx, f.Under)
		if err != nil {
			return nil, 0, err
		}
		w.add("a.path LIKE ?", a.Path+"%")
	}
	if f.Unbound {
		w.add("u.role = ''")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		w.add(`(lower(u.given_name || ' ' || u.family_name) LIKE ? ESCAPE '\' OR lower(u.username) LIKE ? ESCAPE '\')`, p, p)
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*)`+userFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := pageBounds(f.Limit, f.Offset, 200)
	rows, err := d.db.QueryContext(ctx, `SELECT `+userColumns+userFrom+w.sql()+` ORDER BY u.given_name, u.family_name, u.id`+w.limit(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*openinfo.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	return out, total, rows.Err()
}

// SetUserRole changes a bound user's role within their agency ("แก้ไข").
func (d *DB) SetUserRole(ctx context.Context, id, version int64, role openinfo.Role) (*openinfo.User, error) {
	if !role.Valid() || role.Global() {
		return nil, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาเลือกบทบาทของหน่วยงาน", EN: "Choose one of the agency roles.",
			Fields: []openinfo.FieldError{{Field: "role", TH: "บทบาทไม่ถูกต้อง", EN: "Unknown role."}}}
	}
	return d.changeUser(ctx, id, version, "user.role", func(u *openinfo.User) error {
		if u.AgencyID == 0 {
			return openinfo.Errorf(openinfo.EINVALID, "ผู้ใช้งานนี้ยังไม่ได้ผูกกับหน่วยงาน", "This user belongs to no agency yet.")
		}
		u.Role = role
		return nil
	})
}

// RemoveUserFromAgency unbinds a user ("ลบ"): they keep their login but must
// redeem a new token to act again.
func (d *DB) RemoveUserFromAgency(ctx context.Context, id, version int64) (*openinfo.User, error) {
	return d.changeUser(ctx, id, version, "user.remove", func(u *openinfo.User) error {
		u.AgencyID, u.Role = 0, ""
		return nil
	})
}

// SetUserEmail sets the address an officer gets reminders at ("" clears
// it), for providers that send none (the built-in Digital ID). A provider's
// address, when it sends one, replaces it at the next sign-in.
func (d *DB) SetUserEmail(ctx context.Context, id int64, email string) (*openinfo.User, error) {
	email = strings.TrimSpace(email)
	if email != "" && cleanEmail(email) == "" {
		const th, en = "อีเมลไม่ถูกต้อง ตัวอย่าง somchai@dlt.go.th", "Not an e-mail address, e.g. somchai@dlt.go.th."
		return nil, &openinfo.Error{Code: openinfo.EINVALID, TH: th, EN: en, Fields: []openinfo.FieldError{{Field: "email", TH: th, EN: en}}}
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.user(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET email = $1, version = version + 1, updated_at = $2 WHERE id = $3`, email, d.now(), id); err != nil {
			return err
		}
		return d.audit(ctx, tx, "user.email", "user", id, map[string]any{"email": old.Email}, map[string]any{"email": email})
	})
	if err != nil {
		return nil, err
	}
	return d.User(ctx, id)
}

// GrantGlobalRole makes a user an OPDC officer or platform administrator
// (roles no token grants), for the admin command and demo data.
func (d *DB) GrantGlobalRole(ctx context.Context, id int64, role openinfo.Role) (*openinfo.User, error) {
	if !role.Global() {
		return nil, openinfo.Errorf(openinfo.EINVALID, "บทบาทนี้ได้จากการกรอก Token เท่านั้น", "This role is only granted by a token.")
	}
	u, err := d.User(ctx, id)
	if err != nil {
		return nil, err
	}
	return d.changeUser(ctx, id, u.Version, "user.grant", func(u *openinfo.User) error {
		u.AgencyID, u.Role = 0, role
		return nil
	})
}

func (d *DB) changeUser(ctx context.Context, id, version int64, action string, change func(*openinfo.User) error) (*openinfo.User, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		old, err := d.user(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return errStale("ผู้ใช้งาน", "user")
		}
		u := *old
		if err := change(&u); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET agency_id = $1, role = $2, version = version + 1, updated_at = $3
			WHERE id = $4 AND version = $5`, nullID(u.AgencyID), u.Role, d.now(), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errStale("ผู้ใช้งาน", "user")
		}
		return d.audit(ctx, tx, action, "user", id, userAudit(old), userAudit(&u))
	})
	if err != nil {
		return nil, err
	}
	return d.User(ctx, id)
}

// userAudit is what the audit log keeps of a user: no phone number.
func userAudit(u *openinfo.User) map[string]any {
	return map[string]any{"id": u.ID, "username": u.Username, "name": u.FullName(), "agency_id": u.AgencyID, "role": u.Role}
}

// IssueToken stores a new token for an agency and role and revokes the
// unspent ones it replaces ("Refresh"): only the newest token works.
func (d *DB) IssueToken(ctx context.Context, t *openinfo.IssuedToken) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return d.issueTokenTx(ctx, tx, t) })
}

func (d *DB) issueTokenTx(ctx context.Context, tx *sql.Tx, t *openinfo.IssuedToken) error {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM agencies WHERE id = $1`, t.AgencyID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) || status != openinfo.StatusActive {
		return openinfo.Errorf(openinfo.EINVALID, "ไม่พบหน่วยงาน หรือหน่วยงานถูกยกเลิกแล้ว", "The agency does not exist or is inactive.")
	} else if err != nil {
		return err
	}
	now := d.now()
	if _, err := tx.ExecContext(ctx, `UPDATE officer_tokens SET revoked_at = $1
		WHERE agency_id = $2 AND role = $3 AND spent_at IS NULL AND revoked_at IS NULL`, now, t.AgencyID, t.Role); err != nil {
		return err
	}
	t.IssuedAt = now
	if t.IssuedBy == 0 {
		t.IssuedBy = openinfo.ActorFrom(ctx).UserID
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO officer_tokens (token_hash, token_enc, agency_id, role, issued_by, issued_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, t.Hash, t.Sealed, t.AgencyID, t.Role, t.IssuedBy, now, t.ExpiresAt).Scan(&t.ID); err != nil {
		return err
	}
	return d.audit(ctx, tx, "token.issue", "agency", t.AgencyID, nil,
		map[string]any{"token_id": t.ID, "role": t.Role, "expires_at": t.ExpiresAt})
}

const tokenColumns = `id, token_hash, token_enc, agency_id, role, issued_by, issued_at, expires_at, spent_at, COALESCE(spent_by, 0), revoked_at`

func scanToken(s scanner) (*openinfo.IssuedToken, error) {
	var t openinfo.IssuedToken
	var spent, revoked sql.NullTime
	if err := s.Scan(&t.ID, &t.Hash, &t.Sealed, &t.AgencyID, &t.Role, &t.IssuedBy, &t.IssuedAt, &t.ExpiresAt, &spent, &t.SpentBy, &revoked); err != nil {
		return nil, err
	}
	t.SpentAt, t.RevokedAt = spent.Time, revoked.Time
	return &t, nil
}

// CurrentTokens returns the live (unspent, unrevoked) token of each role of an agency.
func (d *DB) CurrentTokens(ctx context.Context, agencyID int64) ([]*openinfo.IssuedToken, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM officer_tokens
		WHERE agency_id = $1 AND spent_at IS NULL AND revoked_at IS NULL ORDER BY role, id DESC`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.IssuedToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ErrTokenUnknown: no token has this value.
var ErrTokenUnknown = &openinfo.Error{Code: openinfo.EINVALID,
	TH: "รหัส Token ไม่ถูกต้อง กรุณาตรวจสอบตัวเลข 15 หลักอีกครั้ง หรือติดต่อเจ้าหน้าที่ส่วนกลางต้นสังกัด",
	EN: "This token is not valid. Check the 15 digits again, or contact your agency's central officer."}

// RedeemToken binds the user to the token's agency and role and spends the
// token, in one transaction: of two people racing with one token, one wins.
func (d *DB) RedeemToken(ctx context.Context, userID int64, hash string, now time.Time) (*openinfo.User, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM officer_tokens WHERE token_hash = $1`, hash))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrTokenUnknown
		} else if err != nil {
			return err
		}
		u, err := d.user(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := openinfo.CheckRedeem(t.State(), now, u.Bound()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE officer_tokens SET spent_at = $1, spent_by = $2 WHERE id = $3 AND spent_at IS NULL`, d.now(), userID, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return openinfo.ErrTokenSpent
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET agency_id = $1, role = $2, version = version + 1, updated_at = $3 WHERE id = $4`,
			t.AgencyID, t.Role, d.now(), userID); err != nil {
			return err
		}
		after := *u
		after.AgencyID, after.Role = t.AgencyID, t.Role
		return d.audit(openinfo.WithActor(ctx, openinfo.Actor{UserID: userID, Name: u.FullName(), RequestID: openinfo.ActorFrom(ctx).RequestID}),
			tx, "token.redeem", "user", userID, userAudit(u), map[string]any{"agency_id": t.AgencyID, "role": t.Role, "token_id": t.ID})
	})
	if err != nil {
		return nil, err
	}
	return d.User(ctx, userID)
}

// RateLimit records one event under key and reports whether fewer than limit
// events happened in the last window (this one included). It works across
// nodes because the events live in the database.
func (d *DB) RateLimit(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error) {
	now := d.now()
	var n int
	var oldest sql.NullTime
	err = d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM rate_events WHERE key = $1 AND at < $2`, key, now.Add(-window)); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rate_events WHERE key = $1`, key).Scan(&n); err != nil {
			return err
		}
		if n >= limit {
			// Not min(at): SQLite's aggregates lose the column's time type.
			return tx.QueryRowContext(ctx, `SELECT at FROM rate_events WHERE key = $1 ORDER BY at LIMIT 1`, key).Scan(&oldest)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO rate_events (key, at) VALUES ($1, $2)`, key, now)
		return err
	})
	if err != nil || n < limit {
		return err == nil, 0, err
	}
	return false, oldest.Time.Add(window).Sub(now), nil
}
