package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestUnavailable: what counts as the database being away (a 503 with
// Retry-After, a stale page, a spooled rating) and what is a real error.
func TestUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{refused, true},
		{fmt.Errorf("query: %w", refused), true},
		{&pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{&pgconn.PgError{Code: "57P03", Message: "the database system is starting up"}, true},
		{&pgconn.PgError{Code: "08006"}, true},
		{&pgconn.PgError{Code: "23505", Message: "duplicate key"}, false},
		{&pgconn.PgError{Code: "42601", Message: "syntax error"}, false},
		{context.DeadlineExceeded, true},
		{errors.New("failed to connect to `user=postgres database=x`: dial error"), true},
		{errors.New("sqlite: database is locked (5) (SQLITE_BUSY)"), true},
		{sql.ErrNoRows, false},
		{openinfo.ErrBadRateCode, false},
		{errors.New("sql: database is closed"), false},
	} {
		if got := store.Unavailable(c.err); got != c.want {
			t.Errorf("Unavailable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
