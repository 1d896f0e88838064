package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

var menuLinkRe = regexp.MustCompile(`<nav class="adminmenu"[^>]*><ul>(.*?)</ul></nav>`)
var hrefRe = regexp.MustCompile(`href="([^"]+)"`)

// TestBackOfficeShell: every back-office page carries the menu of what the
// officer may do (and only that), who and where they are, and sign-out;
// every menu entry opens; a change leaves a message shown once.
func TestBackOfficeShell(t *testing.T) {
	f := newAdminFixture(t)
	must := map[openinfo.Role][]string{
		openinfo.RoleCentral:      {"/admin/tokens", "/admin/users", "/admin/agencies"},
		openinfo.RolePointOfficer: {"/admin/agencies", "/admin/reports/ratings"},
		openinfo.RoleAuthor:       {"/admin/manuals", "/admin/tasks"},
		openinfo.RoleOPDC:         {"/admin/catalog", "/admin/questions"},
		openinfo.RoleAdmin:        {"/admin/onboarding", "/admin/jobs", "/admin/tokens"},
	}
	mustNot := map[openinfo.Role][]string{
		openinfo.RolePointOfficer: {"/admin/tokens", "/admin/users", "/admin/jobs"},
		openinfo.RoleAuthor:       {"/admin/tokens", "/admin/catalog", "/admin/onboarding"},
		openinfo.RoleReviewer:     {"/admin/tokens", "/admin/users"},
		openinfo.RoleOPDC:         {"/admin/tokens", "/admin/agencies", "/admin/jobs"},
	}
	for _, r := range openinfo.Roles {
		role := r.Role
		var where *openinfo.Agency
		if !role.Global() {
			where = f.dept
		}
		c := f.as(t, role, where)
		for _, page := range []string{"/admin", "/admin/profile", "/admin/manuals"} {
			status, body, _ := fetch(t, c, f.srv.URL+page)
			if status != http.StatusOK {
				t.Fatalf("%s %s: %d", role, page, status)
			}
			for _, want := range []string{`class="adminmenu"`, `action="/admin/logout"`, r.TH} {
				if !strings.Contains(string(body), want) {
					t.Errorf("%s %s lacks %q", role, page, want)
				}
			}
		}
		_, body, _ := fetch(t, c, f.srv.URL+"/admin/profile")
		m := menuLinkRe.FindSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no menu", role)
		}
		var links []string
		for _, h := range hrefRe.FindAllSubmatch(m[1], -1) {
			links = append(links, string(h[1]))
		}
		for _, l := range must[role] {
			if !slices.Contains(links, l) {
				t.Errorf("%s: the menu lacks %s (has %v)", role, l, links)
			}
		}
		for _, l := range mustNot[role] {
			if slices.Contains(links, l) {
				t.Errorf("%s: the menu offers %s, which the role may not use", role, l)
			}
		}
		for _, l := range links { // only what exists and is allowed
			if status, _, _ := fetch(t, c, f.srv.URL+l); status >= 400 {
				t.Errorf("%s: menu entry %s answers %d", role, l, status)
			}
		}
	}

	// Breadcrumbs lead back to the back office's home and the section.
	c := f.as(t, openinfo.RoleCentral, f.dept)
	_, body, _ := fetch(t, c, f.srv.URL+fmt.Sprintf("/admin/points/%d/edit", f.deptPoint.ID))
	if !regexp.MustCompile(`<nav class="crumbs"[^>]*><ol><li><a href="/admin">[^<]+</a></li><li><a href="/admin/agencies">`).Match(body) {
		t.Errorf("no breadcrumbs to the agencies section:\n%s", body)
	}

	// A change leaves a message, shown once.
	u := f.newOfficer(t, openinfo.RoleAuthor, f.dept)
	res, err := c.PostForm(f.srv.URL+fmt.Sprintf("/admin/users/%d/role", u.ID),
		url.Values{"csrf": {"test-csrf"}, "role": {string(openinfo.RoleReviewer)}, "version": {fmt.Sprint(u.Version)}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("role change: %d", res.StatusCode)
	}
	_, body, _ = fetch(t, c, f.srv.URL+res.Header.Get("Location"))
	if !strings.Contains(string(body), `id="flash"`) || !strings.Contains(string(body), "เปลี่ยนสิทธิ์ผู้ใช้งานเรียบร้อยแล้ว") {
		t.Errorf("no message after the change:\n%s", body)
	}
	if _, body, _ = fetch(t, c, f.srv.URL+res.Header.Get("Location")); strings.Contains(string(body), `id="flash"`) {
		t.Error("the message showed twice")
	}
}

// TestBackOfficeLanding: /admin without a session is the back office's door
// (what it is, the sign-in button, the word on first-login tokens), not a
// bare redirect.
func TestBackOfficeLanding(t *testing.T) {
	f := newAdminFixture(t)
	status, body, _ := fetch(t, &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, f.srv.URL+"/admin")
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{`href="/admin/login"`, "เข้าสู่ระบบ", "Token 15 หลัก", "DGA Contact Center"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the landing page lacks %q", want)
		}
	}
	if strings.Contains(string(body), `class="adminmenu"`) {
		t.Error("the landing page shows the officers' menu")
	}
}
