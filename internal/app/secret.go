package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/openinfo/openinfo/store"
)

// secretFile is where a generated secret is kept, beside the SQLite database.
const secretFile = "secret"

// InstallationSecret returns the key of token hashes, token sealing, signed
// links and the built-in provider's keys. It never lives in the database it
// protects: a copy of the database alone must not unseal officers' tokens.
//
//   - --secret / OPENINFO_SECRET, when set (production).
//   - Else, on SQLite: generated once and kept in {data-dir}/secret (0600),
//     beside the database file.
//   - Else, on PostgreSQL: refused. Nodes share no directory, and the
//     database must not hold its own key.
//
// A secret an earlier version generated into the database moves to the file
// (SQLite) and leaves the database; tokens issued before keep working.
func InstallationSecret(ctx context.Context, c *Config, db *store.DB, log *slog.Logger) (string, error) {
	legacy, err := db.LegacySecret(ctx)
	if err != nil {
		return "", err
	}
	secret := c.Secret
	switch {
	case secret != "":
	case db.Dialect() == store.Postgres:
		if legacy != "" {
			return "", errors.New("secret: set --secret or OPENINFO_SECRET (32+ characters). This database still keeps the secret an earlier version generated; " +
				"to keep the tokens already issued, set OPENINFO_SECRET to it (SELECT value FROM meta WHERE key = 'secret'), and openinfo then removes it from the database")
		}
		return "", errors.New("secret: set --secret or OPENINFO_SECRET (32+ characters, e.g. openssl rand -hex 32) on every node: with PostgreSQL the secret is kept outside the database")
	default:
		if secret, err = secretFromFile(filepath.Join(c.DataDir, secretFile), legacy); err != nil {
			return "", err
		}
	}
	if legacy != "" {
		if legacy != secret {
			log.Warn("the database kept an older generated secret, which is not the one in use: tokens issued with it can no longer be redeemed; it is removed")
		}
		if err := db.DropLegacySecret(ctx); err != nil {
			return "", fmt.Errorf("secret: remove the old copy from the database: %w", err)
		}
		log.Info("the installation secret no longer lives in the database")
	}
	return secret, nil
}

// secretFromFile reads the secret kept in path, or writes one there: the
// database's old secret when there is one, else a new random one. The file
// is 0600 (os.CreateTemp's mode).
func secretFromFile(path, legacy string) (string, error) {
	if b, err := os.ReadFile(path); err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return "", fmt.Errorf("secret: %s holds %d characters; it needs 32 or more", path, len(s))
		}
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
			return "", fmt.Errorf("secret: %s may be read by other users (mode %v); chmod 600 it", path, fi.Mode().Perm())
		}
		return s, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("secret: %w", err)
	}
	s := legacy
	if s == "" {
		var b [32]byte
		rand.Read(b[:])
		s = hex.EncodeToString(b[:])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	// Written whole to a temporary file, then linked into place: a process
	// starting at the same moment sees either no file or the whole secret.
	f, err := os.CreateTemp(filepath.Dir(path), ".secret-*")
	if err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	defer os.Remove(f.Name())
	_, werr := f.WriteString(s + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", fmt.Errorf("secret: %w", werr)
	}
	if err := os.Link(f.Name(), path); errors.Is(err, fs.ErrExist) {
		return secretFromFile(path, legacy) // another process was first
	} else if err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	return s, nil
}
