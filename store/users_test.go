package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func TestTokensAndUsers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		office := mustCreateAgency(t, db, dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
		foreign := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมสรรพากร")

		somchai, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "https://id.example", Subject: "s-1", Username: "somchai",
			GivenName: "สมชาย", FamilyName: "ใจดี", Phone: "+66812345678"})
		if err != nil {
			t.Fatal(err)
		}
		if somchai.Bound() || somchai.LastLoginAt.IsZero() {
			t.Fatalf("new user = %+v", somchai)
		}
		// A second login updates the profile, not a new user.
		again, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "https://id.example", Subject: "s-1", Username: "somchai",
			GivenName: "สมชาย", FamilyName: "ใจดีมาก"})
		if err != nil || again.ID != somchai.ID || again.FamilyName != "ใจดีมาก" {
			t.Fatalf("second login = %+v, %v", again, err)
		}
		somying, _ := db.RecordLogin(ctx, &openinfo.User{Issuer: "https://id.example", Subject: "s-2", Username: "somying", GivenName: "สมหญิง"})

		old := &openinfo.IssuedToken{Hash: "h-old", Sealed: "x", AgencyID: office.ID, Role: openinfo.RolePointOfficer, ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.IssueToken(ctx, old); err != nil {
			t.Fatal(err)
		}
		fresh := &openinfo.IssuedToken{Hash: "h-new", Sealed: "y", AgencyID: office.ID, Role: openinfo.RolePointOfficer, ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.IssueToken(ctx, fresh); err != nil {
			t.Fatal(err)
		}
		live, err := db.CurrentTokens(ctx, office.ID)
		if err != nil || len(live) != 1 || live[0].Hash != "h-new" {
			t.Fatalf("live tokens = %v, %v", live, err)
		}
		// Refresh killed the old token; an unknown one is refused.
		if _, err := db.RedeemToken(ctx, somchai.ID, "h-old", time.Now()); !errors.Is(err, openinfo.ErrTokenRevoked) {
			t.Fatalf("old token: %v", err)
		}
		if _, err := db.RedeemToken(ctx, somchai.ID, "nope", time.Now()); !errors.Is(err, store.ErrTokenUnknown) {
			t.Fatalf("unknown token: %v", err)
		}
		// An expired token is refused.
		if _, err := db.RedeemToken(ctx, somchai.ID, "h-new", time.Now().Add(2*time.Hour)); !errors.Is(err, openinfo.ErrTokenExpired) {
			t.Fatalf("expired token: %v", err)
		}
		bound, err := db.RedeemToken(ctx, somchai.ID, "h-new", time.Now())
		if err != nil || bound.AgencyID != office.ID || bound.Role != openinfo.RolePointOfficer || bound.AgencyPath != office.Path {
			t.Fatalf("redeemed = %+v, %v", bound, err)
		}
		// Spent for anyone else; the bound user cannot redeem again.
		if _, err := db.RedeemToken(ctx, somying.ID, "h-new", time.Now()); !errors.Is(err, openinfo.ErrTokenSpent) {
			t.Fatalf("spent token: %v", err)
		}
		if live, _ := db.CurrentTokens(ctx, office.ID); len(live) != 0 {
			t.Fatalf("spent token still live: %v", live)
		}

		// User management in the department's subtree.
		users, total, err := db.Users(ctx, store.UserFilter{Under: dept.ID, Query: "สมชาย"})
		if err != nil || total != 1 || users[0].ID != somchai.ID {
			t.Fatalf("users under dept = %d, %v", total, err)
		}
		if _, total, _ = db.Users(ctx, store.UserFilter{Under: foreign.ID}); total != 0 {
			t.Fatalf("foreign agency sees %d users", total)
		}
		changed, err := db.SetUserRole(ctx, bound.ID, bound.Version, openinfo.RoleAuthor)
		if err != nil || changed.Role != openinfo.RoleAuthor {
			t.Fatalf("set role = %+v, %v", changed, err)
		}
		if _, err := db.SetUserRole(ctx, bound.ID, bound.Version, openinfo.RoleReviewer); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("stale role change: %v", err)
		}
		if _, err := db.SetUserRole(ctx, changed.ID, changed.Version, openinfo.RoleAdmin); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("global role through user management: %v", err)
		}
		removed, err := db.RemoveUserFromAgency(ctx, changed.ID, changed.Version)
		if err != nil || removed.Bound() {
			t.Fatalf("removed = %+v, %v", removed, err)
		}
		log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "user", EntityID: somchai.ID})
		if len(log) != 3 || log[0].Action != "user.remove" || log[2].Action != "token.redeem" || log[2].ActorID != somchai.ID {
			t.Fatalf("user audit = %+v", log)
		}
		admin, err := db.GrantGlobalRole(ctx, somying.ID, openinfo.RoleAdmin)
		if err != nil || !admin.Bound() || admin.AgencyID != 0 {
			t.Fatalf("admin = %+v, %v", admin, err)
		}
	})
}

func TestRateLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < 3; i++ {
			if ok, _, err := db.RateLimit(ctx, "token:user:1", 3, time.Minute); !ok || err != nil {
				t.Fatalf("attempt %d refused: %v", i+1, err)
			}
		}
		ok, retry, err := db.RateLimit(ctx, "token:user:1", 3, time.Minute)
		if ok || err != nil || retry <= 0 || retry > time.Minute {
			t.Fatalf("4th attempt: ok=%v retry=%v err=%v", ok, retry, err)
		}
		if ok, _, _ := db.RateLimit(ctx, "token:user:2", 3, time.Minute); !ok {
			t.Fatal("another key was limited")
		}
	})
}
