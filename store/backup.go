package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Backup and restore of a SQLite database. PostgreSQL has its own tools
// (pg_dump, pg_restore; the README says how); these refuse it.
//
// Backup runs VACUUM INTO on a live database: one read transaction, so the
// copy is the database as of one instant (every transaction committed
// before it began, none after), while the site goes on reading and, in WAL
// mode, writing. The copy is compact and checkpointed: one file, no WAL.
//
// Restore replaces the database file with a checked copy, but only when
// nothing has the database open: every store.Open of a SQLite file holds a
// shared lock on "<file>-lock" until Close (lockfile_unix.go), and SQLite
// itself holds a lock in "<file>-shm" for every process that has it open in
// WAL mode, so a sqlite3 shell or an older openinfo is seen too.

// ErrPostgresBackup says to use PostgreSQL's own tools.
var ErrPostgresBackup = errors.New("this is a PostgreSQL database: back it up with pg_dump and restore it with pg_restore " +
	"(see README, \"Backup and restore\"): pg_dump --format=custom --file=openinfo.dump \"$OPENINFO_DATABASE_URL\"")

// ErrInUse is returned by Restore while another process or connection has the database open.
var ErrInUse = errors.New("the database is in use: stop every openinfo server (and any other program) that has it open, then restore")

// BackupInfo describes a finished backup.
type BackupInfo struct {
	Path     string
	Size     int64
	Duration time.Duration
}

// SQLitePath returns the file of a SQLite database ("" for PostgreSQL).
func (d *DB) SQLitePath() string { return d.path }

// Backup writes a consistent copy of the live database to dest, which must
// not exist. It writes dest+".partial" first and renames it when complete
// and checked, so dest never holds half a backup.
func (d *DB) Backup(ctx context.Context, dest string) (*BackupInfo, error) {
	if d.dialect == Postgres {
		return nil, ErrPostgresBackup
	}
	start := time.Now()
	if _, err := os.Stat(dest); err == nil {
		return nil, fmt.Errorf("%s exists: choose a new file name, a backup never overwrites one", dest)
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	partial := abs + ".partial"
	os.Remove(partial)
	if _, err := d.db.ExecContext(ctx, `VACUUM INTO $1`, partial); err != nil {
		os.Remove(partial)
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := CheckSQLiteFile(ctx, partial); err != nil {
		os.Remove(partial)
		return nil, fmt.Errorf("backup: the copy failed its check: %w", err)
	}
	if err := syncFile(partial); err != nil {
		return nil, err
	}
	if err := os.Rename(partial, abs); err != nil {
		return nil, err
	}
	syncDir(filepath.Dir(abs))
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	return &BackupInfo{Path: abs, Size: st.Size(), Duration: time.Since(start)}, nil
}

// openReadOnly opens a SQLite file for reading only, without creating it.
func openReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// CheckSQLiteFile checks that path is a sound openinfo database: SQLite's
// integrity check passes and the schema has been migrated.
func CheckSQLiteFile(ctx context.Context, path string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check of %s: %s", path, strings.Join(problems, "; "))
	}
	var version int64
	if err := db.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version`).Scan(&version); err != nil {
		return fmt.Errorf("%s is not an openinfo database: %w", path, err)
	}
	return nil
}

// Restore replaces the SQLite database at target with the backup at src,
// after checking src. It refuses while anything has target open
// (ErrInUse). The database it replaces is kept beside it as
// "<target>.before-restore-<time>" (nothing is lost to a wrong file name).
func Restore(ctx context.Context, src, target string) (kept string, err error) {
	if strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://") {
		return "", ErrPostgresBackup
	}
	target = strings.TrimPrefix(strings.TrimPrefix(target, "sqlite:"), "file:")
	if err := CheckSQLiteFile(ctx, src); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return "", err
	}
	lock, err := lockExclusive(target + "-lock")
	if err != nil {
		return "", err
	}
	defer lock.Close()
	if inUseBySQLite(target + "-shm") {
		return "", ErrInUse
	}
	// Copy first, to a temporary file beside the target, so a failure
	// leaves the old database as it was.
	tmp := target + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if _, err := os.Stat(target); err == nil {
		// Fold the old database's WAL into it before it is put aside.
		if old, err := sql.Open("sqlite", "file:"+target+"?_pragma=busy_timeout(1000)"); err == nil {
			old.SetMaxOpenConns(1)
			old.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			old.Close()
		}
		kept = target + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(target, kept); err != nil {
			os.Remove(tmp)
			return "", err
		}
	}
	// A WAL or shared-memory file left by the old database would be
	// applied to the new one: remove them.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return kept, err
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return kept, err
	}
	syncDir(filepath.Dir(target))
	return kept, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// inUseError wraps ErrInUse with the file that showed it.
func inUseError(path string) error {
	return fmt.Errorf("%w (%s is locked)", ErrInUse, path)
}
