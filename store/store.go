// Package store keeps openinfo's data in SQLite or PostgreSQL through
// database/sql. One SQL text serves both where it can ($1 placeholders work in
// both drivers); DDL lives in the per-dialect migration folders.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

//go:embed migrations
var migrations embed.FS

// Dialect names the database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is openinfo's database.
type DB struct {
	db      *sql.DB
	dialect Dialect
	now     func() time.Time
	// changes counts committed audited transactions (CommittedChanges); audited
	// holds the open transactions that wrote an audit entry.
	changes atomic.Uint64
	audited sync.Map // *sql.Tx → struct{}
	// path is a SQLite database's file; lock the shared lock on
	// "<path>-lock" that keeps a restore away while it is open (backup.go).
	path string
	lock io.Closer
	// afterChange is called after each committed audited transaction.
	afterChange atomic.Pointer[func()]
	// stmts are the statements prepared once (prepared.go).
	stmts stmtCache
}

// AfterChange sets fn to be called (on the committing goroutine, so it
// must not block) after every committed transaction that wrote an audit
// entry: the search feed applies this node's own changes at once.
func (d *DB) AfterChange(fn func()) { d.afterChange.Store(&fn) }

// Open connects to dsn: a postgres:// or postgresql:// URL, or a SQLite file
// path (optionally "sqlite:" or "file:" prefixed). It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	d := &DB{now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	var err error
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		d.dialect = Postgres
		d.db, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		d.db.SetMaxOpenConns(20)
		d.db.SetMaxIdleConns(10)
		d.db.SetConnMaxIdleTime(5 * time.Minute)
	default:
		d.dialect = SQLite
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
		if path == "" {
			return nil, errors.New("store: empty SQLite path")
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data directory: %w", err)
			}
		}
		if path != ":memory:" && !strings.HasPrefix(path, ":") {
			d.path = path
			if d.lock, err = lockShared(path + "-lock"); err != nil {
				return nil, err
			}
		}
		// WAL lets readers go on while one writer writes; busy_timeout makes a
		// second writer wait instead of failing; immediate transactions take the
		// write lock up front, so two writers never deadlock on an upgrade.
		q := url.Values{}
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "cache_size(-16384)") // 16 MiB per connection (default 2 MiB): hot pages stay warm, 8 connections stay within the memory target
		// Checkpoint every 10,000 WAL pages (40 MiB) instead of 1,000: a page
		// rewritten by many commits (roll-ups, index nodes, the table's
		// tail) is copied back once, not ten times. On the national data
		// this took rating ingestion from 3,700/s to 5,200/s.
		q.Add("_pragma", "wal_autocheckpoint(10000)")
		q.Add("_txlock", "immediate")
		d.db, err = sql.Open("sqlite", "file:"+path+"?"+q.Encode())
		if err != nil {
			d.unlock()
			return nil, err
		}
		d.db.SetMaxOpenConns(8)
		d.db.SetMaxIdleConns(8)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := d.db.PingContext(pctx); err != nil {
		d.db.Close()
		d.unlock()
		return nil, fmt.Errorf("store: connect to %s: %w", d.dialect, err)
	}
	return d, nil
}

// Dialect returns the engine in use.
func (d *DB) Dialect() Dialect { return d.dialect }

// SQL returns the underlying handle, for tests and for package digitalid,
// which keeps tables of its own (did_*, migrated by itself) in the same
// database. Other code reads and writes store's tables through its methods.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the database.
func (d *DB) Close() error {
	err := d.db.Close()
	d.unlock()
	return err
}

func (d *DB) unlock() {
	if d.lock != nil {
		d.lock.Close()
		d.lock = nil
	}
}

// Ping checks that the database answers (readiness).
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }

// Migrate brings the schema up to date. On PostgreSQL a session lock makes
// nodes that start together migrate one after the other.
func (d *DB) Migrate(ctx context.Context) error {
	p, err := d.migrator()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	// Points that predate their rating code get it (migration 00008).
	if err := d.fillRateCodes(ctx, d.db); err != nil {
		return err
	}
	// Revisions that predate their search text get it (migration 00010).
	if err := d.fillSearchText(ctx); err != nil {
		return err
	}
	// The holiday calendar starts with this year's and next year's (00013).
	return d.seedHolidays(ctx)
}

// MigrationStatus reports the schema version and how many migrations are pending.
func (d *DB) MigrationStatus(ctx context.Context) (current int64, pending int, err error) {
	p, err := d.migrator()
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

func (d *DB) migrator() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+string(d.dialect))
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	dialect := goose.DialectSQLite3
	if d.dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, d.db, sub, opts...)
}

// tx runs fn in a transaction, committing when it returns nil.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		d.audited.Delete(tx)
		return err
	}
	_, audited := d.audited.LoadAndDelete(tx)
	if err := tx.Commit(); err != nil {
		return err
	}
	if audited {
		d.changes.Add(1)
		if fn := d.afterChange.Load(); fn != nil {
			(*fn)()
		}
	}
	return nil
}

// Meta reads a key of the meta table ("" when absent).
func (d *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := d.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// claimMeta sets key once: it reports false when another node or an earlier
// start set it already, so one-time jobs run once across nodes.
func claimMeta(ctx context.Context, tx *sql.Tx, key, value string) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, value)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Size returns the database's size in bytes (for gen-data and operators).
func (d *DB) Size(ctx context.Context) (int64, error) {
	var n int64
	var err error
	if d.dialect == Postgres {
		err = d.db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
	} else {
		// Checkpoint first so the WAL's pages count in the main file.
		d.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		err = d.db.QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&n)
	}
	return n, err
}
