package digitalid

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// The provider owns its tables (did_*): it is off wherever an outside
// OpenID provider is configured, as in production, and then its tables need
// not exist. Its migrations keep their own version table, so they share a
// database with openinfo's store without sharing its version numbers.
//
//go:embed migrations
var migrations embed.FS

// Dialect names the database engine behind Config.DB. Its values are those
// of store.Dialect, so digitalid.Dialect(db.Dialect()) converts one.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// versionTable records which of the provider's migrations ran.
const versionTable = "goose_db_version_digitalid"

// lockID serialises nodes that migrate the provider's schema together on
// PostgreSQL; it differs from goose's default, which store uses.
const lockID = 0x6469_6769_7461_6c69 // "digitali"

// Migrate brings the provider's tables in db up to date. New calls it; call
// it yourself to migrate without starting a provider.
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	p, err := migrator(db, d)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("digitalid: migrate: %w", err)
	}
	return nil
}

// SchemaVersion returns the version of the provider's schema in db (0 when
// it was never migrated) and how many of its migrations are pending.
func SchemaVersion(ctx context.Context, db *sql.DB, d Dialect) (current int64, pending int, err error) {
	p, err := migrator(db, d)
	if err != nil {
		return 0, 0, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, 0, err
	}
	sts, err := p.Status(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, s := range sts {
		if s.State == goose.StatePending {
			pending++
		}
	}
	return current, pending, nil
}

func migrator(db *sql.DB, d Dialect) (*goose.Provider, error) {
	opts := []goose.ProviderOption{goose.WithTableName(versionTable)}
	var gd goose.Dialect
	switch d {
	case SQLite:
		gd = goose.DialectSQLite3
	case Postgres:
		gd = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(lockID))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	default:
		return nil, fmt.Errorf("digitalid: unknown dialect %q (want %q or %q)", d, SQLite, Postgres)
	}
	sub, err := fs.Sub(migrations, "migrations/"+string(d))
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(gd, db, sub, opts...)
}
