package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// OutboxMail is a row of the mail outbox (mail_outbox), where package
// notify records every mail so that all nodes see it. SentAt is zero until
// the mailer accepted the mail (and always, when there is none); Error holds
// the reason the last attempt failed.
type OutboxMail struct {
	ID        int64
	Kind      string
	To        []string
	Subject   string
	Text      string
	HTML      string
	CreatedAt time.Time
	SentAt    time.Time
	Error     string
}

// Status is "sent", "failed", or "recorded" (not sent: no mailer, or sending).
func (m *OutboxMail) Status() string {
	switch {
	case m.Error != "":
		return "failed"
	case !m.SentAt.IsZero():
		return "sent"
	default:
		return "recorded"
	}
}

// maxMailErrorLen bounds the error text kept in a row.
const maxMailErrorLen = 2000

// RecordMail adds m to the outbox, unsent, and returns its ID. The ID,
// CreatedAt, SentAt and Error of m are ignored.
func (d *DB) RecordMail(ctx context.Context, m OutboxMail) (int64, error) {
	to, err := json.Marshal(m.To)
	if err != nil {
		return 0, err
	}
	var id int64
	err = d.db.QueryRowContext(ctx, `INSERT INTO mail_outbox
		(kind, recipients, subject, body_text, body_html, created_at, send_error)
		VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING id`,
		m.Kind, string(to), m.Subject, m.Text, m.HTML, d.now()).Scan(&id)
	return id, err
}

// MarkMailSent records that the mailer accepted mail id, now.
func (d *DB) MarkMailSent(ctx context.Context, id int64) error {
	_, err := d.db.ExecContext(ctx, `UPDATE mail_outbox SET sent_at = $1, send_error = '' WHERE id = $2`, d.now(), id)
	return err
}

// MarkMailFailed records why sending mail id failed (cut to 2,000 bytes).
func (d *DB) MarkMailFailed(ctx context.Context, id int64, reason string) error {
	if len(reason) > maxMailErrorLen {
		reason = strings.ToValidUTF8(reason[:maxMailErrorLen], "")
	}
	_, err := d.db.ExecContext(ctx, `UPDATE mail_outbox SET send_error = $1 WHERE id = $2`, reason, id)
	return err
}

const outboxColumns = `id, kind, recipients, subject, body_text, body_html, created_at, sent_at, send_error`

func scanOutboxMail(sc interface{ Scan(...any) error }) (*OutboxMail, error) {
	var m OutboxMail
	var to string
	var sent sql.NullTime
	if err := sc.Scan(&m.ID, &m.Kind, &to, &m.Subject, &m.Text, &m.HTML, &m.CreatedAt, &sent, &m.Error); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(to), &m.To); err != nil {
		return nil, fmt.Errorf("store: outbox row %d: recipients: %w", m.ID, err)
	}
	m.CreatedAt = m.CreatedAt.UTC()
	if sent.Valid {
		m.SentAt = sent.Time.UTC()
	}
	return &m, nil
}

// Mails returns up to limit mails of the outbox (50 when limit <= 0, at most
// 500), newest first, skipping offset, and the number of mails in the outbox.
func (d *DB) Mails(ctx context.Context, limit, offset int) ([]OutboxMail, int, error) {
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	offset = max(offset, 0)
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM mail_outbox`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count outbox: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM mail_outbox
		ORDER BY id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list outbox: %w", err)
	}
	defer rows.Close()
	list := []OutboxMail{}
	for rows.Next() {
		m, err := scanOutboxMail(rows)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, *m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list outbox: %w", err)
	}
	return list, total, nil
}

// Mail returns one mail of the outbox; a missing one is an ENOTFOUND error.
func (d *DB) Mail(ctx context.Context, id int64) (*OutboxMail, error) {
	m, err := scanOutboxMail(d.db.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM mail_outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND,
			"ไม่พบอีเมลหมายเลข %d ในกล่องอีเมลขาออก", "Mail %d is not in the outbox.", id)
	}
	return m, err
}

// PruneMail deletes mail recorded before the given time and returns how
// many rows went.
func (d *DB) PruneMail(ctx context.Context, before time.Time) (int64, error) {
	res, err := d.db.ExecContext(ctx, `DELETE FROM mail_outbox WHERE created_at < $1`, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: prune outbox: %w", err)
	}
	return res.RowsAffected()
}
