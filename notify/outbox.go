package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/openinfo/openinfo/store"
)

// Outbox records every mail in the mail outbox, which all nodes share, and
// passes it on to the next mailer when there is one. Without one (in
// development) mail is only recorded, to be read on the outbox page.
//
// The outbox keeps what the mail says, but not its [Mail.Secrets] (first
// officer tokens), unless KeepSecrets is set: only in development with no
// SMTP server, where the outbox page is the only way to read them. Still
// treat the table as private, don't serve [Outbox.Handler] publicly, and
// [Outbox.Prune] old rows.
type Outbox struct {
	db   MailStore
	next Mailer
	log  *slog.Logger
	// KeepSecrets records secrets as they are (development only).
	KeepSecrets bool
}

// MailStore keeps the outbox's rows. *store.DB is one: package store owns
// the mail_outbox table, the outbox only decides what goes in.
type MailStore interface {
	RecordMail(ctx context.Context, m store.OutboxMail) (int64, error)
	MarkMailSent(ctx context.Context, id int64) error
	MarkMailFailed(ctx context.Context, id int64, reason string) error
	Mails(ctx context.Context, limit, offset int) ([]store.OutboxMail, int, error)
	Mail(ctx context.Context, id int64) (*store.OutboxMail, error)
	PruneMail(ctx context.Context, before time.Time) (int64, error)
}

// Stored is a mail as the outbox recorded it.
type Stored = store.OutboxMail

// NewOutbox returns an outbox that records in db and also sends through
// next, when next is not nil.
func NewOutbox(db MailStore, next Mailer) *Outbox {
	return &Outbox{db: db, next: next, log: slog.Default()}
}

// Send records m and, with a next mailer, sends it and records the outcome.
// When sending fails the row keeps the error text and Send returns the
// error. A mail that cannot be recorded is not sent.
func (o *Outbox) Send(ctx context.Context, m Mail) error {
	m, err := normalize(m)
	if err != nil {
		return err
	}
	text, html := m.Text, m.HTML
	if !o.KeepSecrets {
		text, html = redacted(text, m.Secrets), redacted(html, m.Secrets)
	}
	id, err := o.db.RecordMail(ctx, store.OutboxMail{Kind: m.Kind, To: m.To, Subject: m.Subject, Text: text, HTML: html})
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
		if err := o.db.MarkMailFailed(uctx, id, sendErr.Error()); err != nil {
			o.log.ErrorContext(ctx, "outbox: record send error", "outbox_id", id, "err", err)
		}
		o.log.ErrorContext(ctx, "mail not sent", "outbox_id", id, "kind", m.Kind,
			"recipients", len(m.To), "err", sendErr)
		return sendErr
	}
	if err := o.db.MarkMailSent(uctx, id); err != nil {
		// The mail went out: report success, so the caller does not send it twice.
		o.log.ErrorContext(ctx, "outbox: record sent mail", "outbox_id", id, "err", err)
	}
	o.log.InfoContext(ctx, "mail sent", "outbox_id", id, "kind", m.Kind, "recipients", len(m.To))
	return nil
}

// List returns up to limit mails (50 when limit <= 0, at most 500), newest
// first, skipping offset, and the number of mails in the outbox.
func (o *Outbox) List(ctx context.Context, limit, offset int) ([]Stored, int, error) {
	return o.db.Mails(ctx, limit, offset)
}

// Get returns one mail; a missing one is an ENOTFOUND error.
func (o *Outbox) Get(ctx context.Context, id int64) (*Stored, error) {
	return o.db.Mail(ctx, id)
}

// Prune deletes mail recorded before the given time and returns how many
// rows went. Run it from a scheduled job: the outbox holds links and tokens
// that should not outlive their use.
func (o *Outbox) Prune(ctx context.Context, before time.Time) (int64, error) {
	return o.db.PruneMail(ctx, before)
}
