package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SessionStore keeps back-office sessions in the database, so any node can
// serve any request. It implements scs.CtxStore.
type SessionStore struct{ d *DB }

// Sessions returns the session store.
func (d *DB) Sessions() *SessionStore { return &SessionStore{d} }

func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.d.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, s.d.now()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.d.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry.UTC())
	return err
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.d.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

// The context-free methods satisfy scs.Store; scs calls the Ctx ones.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// PurgeExpired deletes expired sessions and old rate-limit events; any node
// may run it, running it twice is harmless.
func (d *DB) PurgeExpired(ctx context.Context) error {
	if _, err := d.db.ExecContext(ctx, `DELETE FROM sessions WHERE expiry < $1`, d.now()); err != nil {
		return err
	}
	_, err := d.db.ExecContext(ctx, `DELETE FROM rate_events WHERE at < $1`, d.now().Add(-24*time.Hour))
	return err
}

// Secret returns the installation's secret, creating it once on first use
// (for installations that set none): all nodes read the same value.
func (d *DB) Secret(ctx context.Context, generate func() string) (string, error) {
	v, err := d.Meta(ctx, "secret")
	if err != nil || v != "" {
		return v, err
	}
	if err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := claimMeta(ctx, tx, "secret", generate())
		return err
	}); err != nil {
		return "", err
	}
	return d.Meta(ctx, "secret")
}
