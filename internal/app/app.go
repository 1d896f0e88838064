// Package app is what the openinfo command runs: its settings (flags and
// OPENINFO_* variables) and the wiring of the site from them. It is a
// package, not part of package main, so that cmd/openinfo-bench can serve
// the very same site while the server binary carries no benchmark code.
package app

import (
	"context"

	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/store"
)

// OpenDB opens the configured database and brings its schema up to date.
func OpenDB(ctx context.Context, c *Config) (*store.DB, error) {
	db, err := store.Open(ctx, c.DSN())
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// MigrateDigitalID brings the built-in Digital ID provider's tables, which
// that package owns, up to date and returns their version. digitalid.New
// does it too; the migrate command calls it so that a deployment that
// migrates before it serves has every table ready.
func MigrateDigitalID(ctx context.Context, db *store.DB) (int64, error) {
	d := digitalid.Dialect(db.Dialect())
	if err := digitalid.Migrate(ctx, db.SQL(), d); err != nil {
		return 0, err
	}
	v, _, err := digitalid.SchemaVersion(ctx, db.SQL(), d)
	return v, err
}
