package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/openinfo/openinfo/store"
)

// TestSessionTokensHashed: the database never holds a live session token,
// only its hash, and the store still finds, renews and deletes by the token.
func TestSessionTokensHashed(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ss := db.Sessions()
		token := "q0S9kqjv2Xn1bLw6WzB7c5tPmA3eRfYd8uHiGoJ4kN0"
		if err := ss.CommitCtx(ctx, token, []byte("data"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE token = $1`, token).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatal("the session token is stored as it is")
		}
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sessions`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d sessions, %v", n, err)
		}
		b, ok, err := ss.FindCtx(ctx, token)
		if err != nil || !ok || string(b) != "data" {
			t.Fatalf("find = %q %v %v", b, ok, err)
		}
		if err := ss.CommitCtx(ctx, token, []byte("more"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, _, _ := ss.FindCtx(ctx, token); string(b) != "more" {
			t.Fatalf("renewed = %q", b)
		}
		if _, ok, _ := ss.FindCtx(ctx, "another token"); ok {
			t.Fatal("found a session that does not exist")
		}
		if err := ss.DeleteCtx(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := ss.FindCtx(ctx, token); ok {
			t.Fatal("found a deleted session")
		}
	})
}
