// Package dbtest runs a test on both databases: SQLite in a temporary
// directory and a fresh PostgreSQL database from internal/pgtest, each
// migrated. Packages using it call pgtest.Run from their TestMain.
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

// Each runs fn as parallel "sqlite" and "postgres" subtests, each on a
// fresh, migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, Open(t, filepath.Join(t.TempDir(), "test.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, Open(t, pgtest.NewDatabase(t, migrate)))
	})
}

// migrate prepares pgtest's template database once per test binary.
func migrate(dsn string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx)
}

// Open opens and migrates dsn, closing it when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// EachDSN is Each for tests that open the database more than once (two
// nodes on one database): fn gets the migrated database's DSN.
func EachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		dsn := filepath.Join(t.TempDir(), "test.db")
		Open(t, dsn)
		fn(t, dsn)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, pgtest.NewDatabase(t, migrate))
	})
}
