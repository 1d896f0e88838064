package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestProfileEmail: an officer whose provider sends no address sets the
// one reminders go to; a bad one is refused at the field with what was
// typed kept; the change is audited; a sign-in without an address keeps
// it, one with an address replaces it.
func TestProfileEmail(t *testing.T) {
	f := newAdminFixture(t)
	ctx := context.Background()
	c := f.as(t, openinfo.RolePointOfficer, f.office)
	st, body, _ := postForm(t, c, f.srv.URL+"/admin/profile", url.Values{"email": {"somsri at dlt"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "อีเมลไม่ถูกต้อง") || !strings.Contains(body, `value="somsri at dlt"`) {
		t.Fatalf("bad address: %d\n%s", st, body)
	}
	if st, _, loc := postForm(t, c, f.srv.URL+"/admin/profile", url.Values{"email": {" somsri@dlt.go.th "}}); st != http.StatusSeeOther || loc != "/admin/profile" {
		t.Fatalf("set: %d %s", st, loc)
	}
	users, _, _ := f.db.Users(ctx, store.UserFilter{Under: f.office.ID})
	u := users[0]
	if u.Email != "somsri@dlt.go.th" {
		t.Fatalf("email %q", u.Email)
	}
	if log, _ := f.db.AuditLog(ctx, store.AuditFilter{EntityType: "user", EntityID: u.ID, Action: "user.email"}); len(log) != 1 {
		t.Fatalf("%d audit entries", len(log))
	}
	// Signing in again through a provider that sends no address keeps it.
	again, err := f.db.RecordLogin(ctx, &openinfo.User{Issuer: u.Issuer, Subject: u.Subject, Username: u.Username, GivenName: u.GivenName})
	if err != nil || again.Email != "somsri@dlt.go.th" {
		t.Fatalf("after a sign-in without an address: %q %v", again.Email, err)
	}
	again, _ = f.db.RecordLogin(ctx, &openinfo.User{Issuer: u.Issuer, Subject: u.Subject, Username: u.Username, GivenName: u.GivenName, Email: "s@dga.or.th"})
	if again.Email != "s@dga.or.th" {
		t.Fatalf("the provider's address did not replace it: %q", again.Email)
	}
}
