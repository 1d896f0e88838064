package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// SessionStore keeps back-office sessions in the database, so any node can
// serve any request. It implements scs.CtxStore.
//
// A row is keyed by the SHA-256 of the session token, never the token: a
// copy of the database (a backup, a read-only leak) gives no live session.
type SessionStore struct{ d *DB }

// sessionKey is what the database keeps of a session token.
func sessionKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Sessions returns the session store.
func (d *DB) Sessions() *SessionStore { return &SessionStore{d} }

func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.d.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, sessionKey(token), s.d.now()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.d.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, sessionKey(token), b, expiry.UTC())
	return err
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.d.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, sessionKey(token))
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

// LegacySecret returns the installation secret that earlier versions
// generated and kept in the database ("" when there is none). The database
// must not keep the key that unseals what it stores; DropLegacySecret
// removes it once it lives elsewhere.
func (d *DB) LegacySecret(ctx context.Context) (string, error) {
	return d.Meta(ctx, "secret")
}

// DropLegacySecret deletes the secret an older version kept in the database.
func (d *DB) DropLegacySecret(ctx context.Context) error {
	_, err := d.db.ExecContext(ctx, `DELETE FROM meta WHERE key = 'secret'`)
	return err
}
