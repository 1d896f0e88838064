package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Outbox records every mail in the mail_outbox table, which all nodes share,
// and passes it on to the next mailer when there is one. Without one (in
// development) mail is only recorded, to be read on the outbox page.
//
// The outbox keeps what the mail says, but not its [Mail.Secrets] (first
// officer tokens), unless KeepSecrets is set: only in development with no
// SMTP server, where the outbox page is the only way to read them. Still
// treat the table as private, don't serve [Outbox.Handler] publicly, and
// [Outbox.Prune] old rows.
type Outbox struct {
	db   *sql.DB
	next Mailer
	now  func() time.Time
	log  *slog.Logger
	// KeepSecrets records secrets as they are (development only).
	KeepSecrets bool
}

// Stored is a mail as the outbox recorded it. SentAt is zero until the next
// mailer accepted the mail (and always, when there is none); Error holds the
// reason the last attempt failed.
type Stored struct {
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
func (s *Stored) Status() string {
	switch {
	case s.Error != "":
		return "failed"
	case !s.SentAt.IsZero():
		return "sent"
	default:
		return "recorded"
	}
}

// NewOutbox returns an outbox on db (migrated by package store) that also
// sends through next, when next is not nil.
func NewOutbox(db *sql.DB, next Mailer) *Outbox {
	return &Outbox{
		db:   db,
		next: next,
		now:  func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		log:  slog.Default(),
	}
}

// maxErrorLen bounds the error text kept in a row.
const maxErrorLen = 2000

// Send records m and, with a next mailer, sends it and records the outcome.
// When sending fails the row keeps the error text and Send returns the
// error. A mail that cannot be recorded is not sent.
func (o *Outbox) Send(ctx context.Context, m Mail) error {
	m, err := normalize(m)
	if err != nil {
		return err
	}
	to, err := json.Marshal(m.To)
	if err != nil {
		return err
	}
	text, html := m.Text, m.HTML
	if !o.KeepSecrets {
		text, html = redacted(text, m.Secrets), redacted(html, m.Secrets)
	}
	var id int64
	err = o.db.QueryRowContext(ctx, `INSERT INTO mail_outbox
		(kind, recipients, subject, body_text, body_html, created_at, send_error)
		VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING id`,
		m.Kind, string(to), m.Subject, text, html, o.now()).Scan(&id)
	if err != nil {
		return fmt.Errorf("notify: record mail in outbox: %w", err)
	}
	if o.next == nil {
		o.log.InfoContext(ctx, "mail recorded in outbox (no SMTP server configured)",
			"outbox_id", id, "kind", m.Kind, "recipients", len(m.To))
		return nil
	}

	sendErr := o.next.Send(ctx, m)

	// Record the outcome even when ctx ended while sending: the mail may
	// have gone out, and an operator must see what happened.
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if sendErr != nil {
		msg := sendErr.Error()
		if len(msg) > maxErrorLen {
			msg = strings.ToValidUTF8(msg[:maxErrorLen], "")
		}
		if _, err := o.db.ExecContext(uctx, `UPDATE mail_outbox SET send_error = $1 WHERE id = $2`, msg, id); err != nil {
			o.log.ErrorContext(ctx, "outbox: record send error", "outbox_id", id, "err", err)
		}
		o.log.ErrorContext(ctx, "mail not sent", "outbox_id", id, "kind", m.Kind,
			"recipients", len(m.To), "err", sendErr)
		return sendErr
	}
	if _, err := o.db.ExecContext(uctx, `UPDATE mail_outbox SET sent_at = $1, send_error = '' WHERE id = $2`, o.now(), id); err != nil {
		// The mail went out: report success, so the caller does not send it twice.
		o.log.ErrorContext(ctx, "outbox: record sent mail", "outbox_id", id, "err", err)
	}
	o.log.InfoContext(ctx, "mail sent", "outbox_id", id, "kind", m.Kind, "recipients", len(m.To))
	return nil
}

const storedColumns = `id, kind, recipients, subject, body_text, body_html, created_at, sent_at, send_error`

func scanStored(sc interface{ Scan(...any) error }) (*Stored, error) {
	var s Stored
	var to string
	var sent sql.NullTime
	if err := sc.Scan(&s.ID, &s.Kind, &to, &s.Subject, &s.Text, &s.HTML, &s.CreatedAt, &sent, &s.Error); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(to), &s.To); err != nil {
		return nil, fmt.Errorf("notify: outbox row %d: recipients: %w", s.ID, err)
	}
	s.CreatedAt = s.CreatedAt.UTC()
	if sent.Valid {
		s.SentAt = sent.Time.UTC()
	}
	return &s, nil
}

// List returns up to limit mails (50 when limit <= 0, at most 500), newest
// first, skipping offset, and the number of mails in the outbox.
func (o *Outbox) List(ctx context.Context, limit, offset int) ([]Stored, int, error) {
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	offset = max(offset, 0)
	var total int
	if err := o.db.QueryRowContext(ctx, `SELECT count(*) FROM mail_outbox`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("notify: count outbox: %w", err)
	}
	rows, err := o.db.QueryContext(ctx, `SELECT `+storedColumns+` FROM mail_outbox
		ORDER BY id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("notify: list outbox: %w", err)
	}
	defer rows.Close()
	list := []Stored{}
	for rows.Next() {
		s, err := scanStored(rows)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, *s)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("notify: list outbox: %w", err)
	}
	return list, total, nil
}

// Get returns one mail; a missing one is an ENOTFOUND error.
func (o *Outbox) Get(ctx context.Context, id int64) (*Stored, error) {
	s, err := scanStored(o.db.QueryRowContext(ctx, `SELECT `+storedColumns+` FROM mail_outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND,
			"ไม่พบอีเมลหมายเลข %d ในกล่องอีเมลขาออก", "Mail %d is not in the outbox.", id)
	}
	return s, err
}

// Prune deletes mail recorded before the given time and returns how many
// rows went. Run it from a scheduled job: the outbox holds links and tokens
// that should not outlive their use.
func (o *Outbox) Prune(ctx context.Context, before time.Time) (int64, error) {
	res, err := o.db.ExecContext(ctx, `DELETE FROM mail_outbox WHERE created_at < $1`, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("notify: prune outbox: %w", err)
	}
	return res.RowsAffected()
}
