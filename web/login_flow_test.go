package web_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// startLogin opens /admin/login?next=… as a tab would and returns the
// provider's authorization URL it is sent to, without going there.
func (b *browser) startLogin(office, next string) *url.URL {
	b.t.Helper()
	c := *b.c
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := c.Get(office + "/admin/login?next=" + url.QueryEscape(next))
	if err != nil {
		b.t.Fatal(err)
	}
	res.Body.Close()
	loc, err := res.Location()
	if err != nil {
		b.t.Fatalf("/admin/login answered %d without a redirect", res.StatusCode)
	}
	return loc
}

// password signs in at the provider's login page the browser is on.
func (e *officeEnv) password(b *browser, p person) {
	e.t.Helper()
	b.wantPath("/digitalid/login")
	b.submit(e.issuer+"/login", url.Values{"username": {p.username}, "password": {p.password}})
	if b.url.Path == "/digitalid/consent" {
		b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
	}
}

// officer registers p, binds them as the department's central officer and
// returns their signed-in browser.
func (e *officeEnv) officer(n int, name string) (*browser, person) {
	e.t.Helper()
	p := newPerson(n, name)
	e.register(p)
	tok := e.issue(e.dept, openinfo.RoleCentral)
	b := newBrowser(e.t)
	e.login(b, p, "allow")
	b.submit(e.office.URL+"/admin/token", url.Values{"token": {tok}})
	b.wantPath("/admin")
	return b, p
}

// expire ends every back-office session as the idle timeout would; the
// provider's own session lives on.
func expire(t *testing.T, db *store.DB) {
	t.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), `DELETE FROM sessions`); err != nil {
		t.Fatal(err)
	}
}

// TestReloginAfterIdleAsksPassword: when the back-office session has
// expired, the provider's session does not sign the person in again: the
// sign-in asks for a fresh authentication (prompt=login, max_age) and the
// provider asks for the password.
func TestReloginAfterIdleAsksPassword(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		b, p := e.officer(11, "ประภา")
		expire(t, db)
		authz := b.startLogin(e.office.URL, "/admin/profile")
		if q := authz.Query(); q.Get("prompt") != "login" || q.Get("max_age") == "" {
			t.Fatalf("authorization request without prompt=login and max_age: %s", authz)
		}
		b.get(authz.String())
		e.password(b, p)
		b.wantPath("/admin/profile")
		expire(t, db)
		b.get(e.office.URL + "/admin/login")
		b.wantPath("/digitalid/login")
	})
}

// TestTwoTabsAndForgedCallback: two tabs start signing in, a forged
// callback arrives, and both sign-ins still complete, each returning to its
// own page.
func TestTwoTabsAndForgedCallback(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		b, p := e.officer(12, "อรุณ")
		expire(t, db)
		tabA := b.startLogin(e.office.URL, "/admin/profile")
		tabB := b.startLogin(e.office.URL, fmt.Sprintf("/admin/agencies/%d/edit", e.dept.ID))
		b.get(e.office.URL + "/admin/callback?state=forged&code=stolen")
		b.want(401, "การเข้าสู่ระบบหมดเวลาหรือไม่สมบูรณ์", "/admin/login?next=")
		b.get(tabA.String())
		e.password(b, p)
		b.wantPath("/admin/profile")
		// A replayed callback of tab A is stale: it spoils nothing either.
		b.get(tabB.String())
		e.password(b, p)
		b.wantPath(fmt.Sprintf("/admin/agencies/%d/edit", e.dept.ID))
	})
}

// TestPendingLoginsBounded: a sixth sign-in pushes out the first; the others work.
func TestPendingLoginsBounded(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		b, p := e.officer(13, "กานดา")
		expire(t, db)
		var tabs []*url.URL
		for range 6 {
			tabs = append(tabs, b.startLogin(e.office.URL, "/admin/profile"))
		}
		b.get(tabs[0].String())
		e.password(b, p)
		b.want(401, "การเข้าสู่ระบบหมดเวลาหรือไม่สมบูรณ์")
		b.get(tabs[5].String())
		e.password(b, p)
		b.wantPath("/admin/profile")
	})
}

// TestPendingLoginExpires: a sign-in left at the provider for more than 10
// minutes is not finished by a late callback.
func TestPendingLoginExpires(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		var mu sync.Mutex
		at := time.Now()
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
		e := newOfficeEnvWith(t, db, rpOptions{clientID: "backoffice", secret: "backoffice-secret", now: clock})
		b, p := e.officer(15, "ปราณี")
		expire(t, db)
		tab := b.startLogin(e.office.URL, "/admin/profile")
		mu.Lock()
		at = at.Add(11 * time.Minute)
		mu.Unlock()
		b.get(tab.String())
		e.password(b, p)
		b.want(401, "การเข้าสู่ระบบหมดเวลาหรือไม่สมบูรณ์")
	})
}

// TestFormAfterExpiry: a form posted after the sign-in expired shows what was
// typed (escaped, read-only) instead of losing it, drops uploaded files, and
// offers to sign in again and return to the form's page.
func TestFormAfterExpiry(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		b, p := e.officer(14, "วันดี")
		form := e.office.URL + fmt.Sprintf("/admin/agencies/%d/edit", e.dept.ID)
		b.get(form)
		b.want(200)
		csrf := csrfRe.FindStringSubmatch(b.body)[1]
		expire(t, db)
		typed := "โทร 02-123-4567 ต่อ 8 </textarea><script>alert(1)</script>"
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf", csrf)
		mw.WriteField("name_th", "กรมการขนส่งทางบก (แก้ไข)")
		mw.WriteField("phones", typed)
		fw, _ := mw.CreateFormFile("logo", "logo.png")
		fw.Write([]byte("not kept"))
		mw.Close()
		req, _ := http.NewRequest("POST", form, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", e.office.URL)
		req.Header.Set("Referer", form)
		raw := rawBody(t, b, req)
		b.want(401, "การเข้าสู่ระบบหมดเวลา", "กรมการขนส่งทางบก (แก้ไข)", typed, "ไฟล์ที่แนบไว้ไม่ได้ถูกเก็บ")
		if strings.Contains(raw, "<script>alert(1)") || !strings.Contains(raw, "readonly") || strings.Contains(raw, csrf) {
			t.Fatalf("typed text not escaped in a read-only field, or the CSRF token echoed:\n%s", raw)
		}
		m := regexpLogin.FindStringSubmatch(b.body)
		if m == nil {
			t.Fatalf("no sign-in link\n%s", b.body)
		}
		b.get(e.office.URL + m[1])
		e.password(b, p)
		b.want(200)
		if b.url.String() != form {
			t.Fatalf("after signing in again: at %s, want the form %s", b.url, form)
		}
		if a, _ := db.Agency(context.Background(), e.dept.ID); a.NameTH != e.dept.NameTH {
			t.Fatalf("the expired form changed the agency: %q", a.NameTH)
		}
	})
}

// rawBody sends req as b and returns the page as sent, before unescaping.
func rawBody(t *testing.T, b *browser, req *http.Request) string {
	t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	b.url, b.status, b.body = res.Request.URL, res.StatusCode, html.UnescapeString(string(raw))
	return string(raw)
}

var regexpLogin = regexp.MustCompile(`href="(/admin/login\?next=[^"]+)"`)
