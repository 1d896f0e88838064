package store

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
)

// Statements prepared once and reused. The public pages run the same few
// queries thousands of times a second; on SQLite, preparing the SQL again on
// every call took 18% of an uncached manual page's CPU (issue 19).
// database/sql prepares a statement on each connection the first time it is
// used there and again after a connection is replaced (the database came
// back), so a prepared statement survives an outage.

type stmtCache struct {
	m sync.Map // SQL text → *sql.Stmt
}

// prepared returns q prepared on d, preparing it on first use. q must be a
// constant: the cache keeps every text it is given.
func (d *DB) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := d.stmts.m.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := d.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if old, loaded := d.stmts.m.LoadOrStore(q, st); loaded {
		st.Close() // another goroutine prepared it first
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
