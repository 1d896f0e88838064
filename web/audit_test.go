package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/web/admin"
)

// TestAuditViewer: a central officer reads who changed what in their
// subtree, before and after, and nothing of another agency's; OPDC reads
// every agency's; those without the permission are refused; a bad date is
// refused at its field.
func TestAuditViewer(t *testing.T) {
	f := newAdminFixture(t)
	central := f.as(t, openinfo.RoleCentral, f.dept)
	author := f.newOfficer(t, openinfo.RoleAuthor, f.office)
	if st, _, _ := postForm(t, central, f.srv.URL+fmt.Sprintf("/admin/users/%d/role", author.ID),
		url.Values{"role": {"manual_reviewer"}, "version": {fmt.Sprint(author.Version)}}); st != http.StatusSeeOther {
		t.Fatalf("role change: %d", st)
	}
	foreign := f.as(t, openinfo.RoleCentral, f.foreign)
	other := f.newOfficer(t, openinfo.RoleAuthor, f.foreign)
	if st, _, _ := postForm(t, foreign, f.srv.URL+fmt.Sprintf("/admin/users/%d/role", other.ID),
		url.Values{"role": {"manual_reviewer"}, "version": {fmt.Sprint(other.Version)}}); st != http.StatusSeeOther {
		t.Fatalf("foreign role change: %d", st)
	}

	st, body, _ := fetch(t, central, f.srv.URL+"/admin/audit")
	page := string(body)
	if st != 200 || !strings.Contains(page, "user.role") || !strings.Contains(page, fmt.Sprintf("user #%d", author.ID)) ||
		!strings.Contains(page, "<td><code>role</code></td><td>manual_author</td><td>manual_reviewer</td>") ||
		strings.Contains(page, fmt.Sprintf("user #%d", other.ID)) {
		t.Fatalf("the central officer's audit log: %d\n%s", st, page)
	}
	if st, _, _ := fetch(t, central, f.srv.URL+fmt.Sprintf("/admin/audit?agency=%d", f.foreign.ID)); st != http.StatusForbidden {
		t.Fatalf("another agency's log: %d", st)
	}
	st, body, _ = fetch(t, f.as(t, openinfo.RoleOPDC, nil), f.srv.URL+"/admin/audit?action=user.role")
	page = string(body)
	if st != 200 || !strings.Contains(page, fmt.Sprintf("user #%d", author.ID)) || !strings.Contains(page, fmt.Sprintf("user #%d", other.ID)) {
		t.Fatalf("OPDC's audit log: %d\n%s", st, page)
	}
	if _, body, _ := fetch(t, central, f.srv.URL+"/admin/audit?action=user.remove"); strings.Contains(string(body), "user.role") {
		t.Fatal("the action filter does not narrow")
	}
	if st, _, _ := fetch(t, f.as(t, openinfo.RolePointOfficer, f.dept), f.srv.URL+"/admin/audit"); st != http.StatusForbidden {
		t.Fatalf("a service point officer: %d", st)
	}
	st, body, _ = fetch(t, central, f.srv.URL+"/admin/audit?from=31/2/2569")
	if st != http.StatusBadRequest || !strings.Contains(string(body), `id="from-err"`) {
		t.Fatalf("a bad date: %d\n%s", st, body)
	}
}

// TestEveryRightHasAPage: each right the profile lists is something the
// back office does: a route needs it (issuing central officers' tokens is
// checked by CanIssueRole on /admin/tokens, whose route needs
// ActManageTokens).
func TestEveryRightHasAPage(t *testing.T) {
	used := map[openinfo.Action]bool{openinfo.ActIssueCentralToken: true}
	for _, rt := range admin.Routes() {
		used[rt.Action] = true
	}
	for _, a := range openinfo.Actions {
		if !used[a.Action] {
			t.Errorf("%s (%s) has no page", a.Action, a.In("en"))
		}
	}
}
