package store_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/openinfo/openinfo/store"
)

// TestOutboxMailOutcome: a failure's text is kept, cut to a bounded, valid
// UTF-8 length; a later success clears it. (package notify tests the rest
// of the outbox on both databases.)
func TestOutboxMailOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id, err := db.RecordMail(ctx, store.OutboxMail{Kind: "k", To: []string{"a@b.go.th"}, Subject: "s", Text: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MarkMailFailed(ctx, id, "550 "+strings.Repeat("ไม่มีผู้ใช้", 200)); err != nil {
			t.Fatal(err)
		}
		m, err := db.Mail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Status() != "failed" || len(m.Error) > 2000 || len(m.Error) < 1990 || !utf8.ValidString(m.Error) {
			t.Errorf("failed mail: Status %q, Error of %d bytes (valid UTF-8: %v)", m.Status(), len(m.Error), utf8.ValidString(m.Error))
		}
		if err := db.MarkMailSent(ctx, id); err != nil {
			t.Fatal(err)
		}
		if m, err = db.Mail(ctx, id); err != nil || m.Status() != "sent" || m.Error != "" || m.SentAt.Before(m.CreatedAt) {
			t.Errorf("sent mail: %+v, %v", m, err)
		}
	})
}
