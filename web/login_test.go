package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// officeEnv is the back office and the built-in Digital ID provider on two
// separate loopback listeners, sharing one database, as two nodes would.
type officeEnv struct {
	t              *testing.T
	db             *store.DB
	idp, office    *httptest.Server
	issuer         string
	dept, province *openinfo.Agency
	sealer         *auth.Sealer
}

func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) { dbtest.Each(t, fn) }

// rpOptions configures the relying party and its registration at the provider.
type rpOptions struct {
	clientID, secret, logoutParam string
	mailer                        notify.Mailer
	rpSecret                      string    // the secret the site sends, when not secret (a setup mistake)
	log                           io.Writer // the site's log, when a test reads it
	now                           func() time.Time
}

func newOfficeEnv(t *testing.T, db *store.DB) *officeEnv {
	return newOfficeEnvWith(t, db, rpOptions{clientID: "backoffice", secret: "backoffice-secret"})
}

func newOfficeEnvWith(t *testing.T, db *store.DB, o rpOptions) *officeEnv {
	t.Helper()
	ctx := context.Background()
	e := &officeEnv{t: t, db: db}
	quiet := slog.New(slog.NewTextHandler(testLog{t}, nil))
	e.office = httptest.NewUnstartedServer(nil)
	officeURL := "http://" + e.office.Listener.Addr().String()
	e.idp = httptest.NewUnstartedServer(nil)
	e.issuer = "http://" + e.idp.Listener.Addr().String() + "/digitalid"
	did, err := digitalid.New(digitalid.Config{DB: db.SQL(), Dialect: digitalid.Dialect(db.Dialect()), Issuer: e.issuer,
		DevMode: true, Logger: quiet, Secret: []byte("0123456789abcdef0123456789abcdef"), Insecure: true,
		Clients: []digitalid.Client{{ID: o.clientID, Secret: o.secret, Name: "openinfo",
			RedirectURIs: []string{officeURL + "/admin/callback"}, PostLogoutRedirectURIs: []string{officeURL + "/"}}}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/digitalid/", did.Handler())
	e.idp.Config.Handler = mux
	e.idp.Start()
	t.Cleanup(e.idp.Close)

	e.sealer, _ = auth.NewSealer([]byte("another secret of the back office"))
	rpSecret, siteLog := o.secret, quiet
	if o.rpSecret != "" {
		rpSecret = o.rpSecret
	}
	if o.log != nil {
		siteLog = slog.New(slog.NewTextHandler(io.MultiWriter(o.log, testLog{t}), nil))
	}
	rp := auth.New(auth.Config{Issuer: e.issuer, ClientID: o.clientID, ClientSecret: rpSecret, Logger: siteLog,
		RedirectURL: officeURL + "/admin/callback", PostLogoutURL: officeURL + "/", LogoutParam: o.logoutParam})
	site, err := web.New(web.Config{DB: db, Logger: siteLog, BaseURL: officeURL, RP: rp, Sealer: e.sealer, TokenTTL: time.Hour, Mailer: o.mailer, Now: o.now})
	if err != nil {
		t.Fatal(err)
	}
	e.office.Config.Handler = site.Handler()
	e.office.Start()
	t.Cleanup(e.office.Close)

	e.dept = &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมการขนส่งทางบก"}
	if err := db.CreateAgency(ctx, e.dept); err != nil {
		t.Fatal(err)
	}
	e.province = &openinfo.Agency{ParentID: e.dept.ID, Type: openinfo.AgencyRegionalOffice, NameTH: "สำนักงานขนส่งจังหวัดเชียงใหม่"}
	if err := db.CreateAgency(ctx, e.province); err != nil {
		t.Fatal(err)
	}
	return e
}

// browser is a person with a cookie jar, following redirects like a browser.
type browser struct {
	t      *testing.T
	c      *http.Client
	url    *url.URL
	status int
	body   string
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

func (b *browser) do(req *http.Request) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	b.url, b.status, b.body = res.Request.URL, res.StatusCode, html.UnescapeString(string(raw))
}

func (b *browser) get(u string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	b.do(req)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
var idRe = regexp.MustCompile(`name="id" value="([^"]+)"`)

// submit posts a form of the current page with its CSRF token (and request ID).
func (b *browser) submit(u string, vals url.Values) {
	b.t.Helper()
	if m := csrfRe.FindStringSubmatch(b.body); m != nil && vals.Get("csrf") == "" {
		vals.Set("csrf", m[1])
	}
	if m := idRe.FindStringSubmatch(b.body); m != nil && vals.Get("id") == "" {
		vals.Set("id", m[1])
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.url.Scheme+"://"+b.url.Host)
	b.do(req)
}

var refreshRe = regexp.MustCompile(`<meta http-equiv="refresh" content="0;url=([^"]+)">`)

// followRefresh goes where the page's meta refresh sends a browser.
func (b *browser) followRefresh() {
	b.t.Helper()
	m := refreshRe.FindStringSubmatch(b.body)
	if m == nil {
		b.t.Fatalf("%s: no meta refresh\n%s", b.url, b.body)
	}
	b.get(m[1])
}

func (b *browser) want(status int, contains ...string) {
	b.t.Helper()
	if b.status != status {
		b.t.Fatalf("%s: status %d, want %d\n%s", b.url, b.status, status, b.body)
	}
	for _, c := range contains {
		if !strings.Contains(b.body, c) {
			b.t.Fatalf("%s: page lacks %q\n%s", b.url, c, b.body)
		}
	}
}

func (b *browser) wantPath(p string) {
	b.t.Helper()
	if b.url.Path != p {
		b.t.Fatalf("at %s, want %s\n%s", b.url, p, b.body)
	}
}

type person struct{ cid, given, family, username, password, mobile, e164 string }

func newPerson(n int, given string) person {
	first12 := fmt.Sprintf("1%011d", 10370012345+n*7)
	check, _ := openinfo.CitizenIDCheckDigit(first12)
	return person{cid: first12 + string(check), given: given, family: "ทดสอบ", username: fmt.Sprintf("officer%d", n),
		password: "Secret123x", mobile: fmt.Sprintf("08123400%02d", n), e164: fmt.Sprintf("+668123400%02d", n)}
}

var smsRe = regexp.MustCompile(`(?s)<td class="to">([^<]*)</td><td class="text">([^<]*)</td>`)
var otpRe = regexp.MustCompile(`\b(\d{6})\b`)

// register walks the Digital ID registration with its SMS OTP, reading the
// code from the development outbox as a developer would.
func (e *officeEnv) register(p person) {
	e.t.Helper()
	b := newBrowser(e.t)
	b.get(e.issuer + "/register")
	b.submit(e.issuer+"/register", url.Values{"decision": {"agree"}})
	b.wantPath("/digitalid/register/identity")
	b.submit(e.issuer+"/register/identity", url.Values{"citizen_id": {p.cid}, "given_name": {p.given}, "family_name": {p.family},
		"birth_day": {"5"}, "birth_month": {"12"}, "birth_year": {"2530"}})
	b.wantPath("/digitalid/register/laser")
	b.submit(e.issuer+"/register/laser", url.Values{"laser_code": {"JT1-2345678-90"}})
	b.submit(e.issuer+"/register/account", url.Values{"username": {p.username}, "password": {p.password}, "password2": {p.password}})
	b.submit(e.issuer+"/register/mobile", url.Values{"mobile": {p.mobile}})
	b.wantPath("/digitalid/register/otp")
	out := newBrowser(e.t)
	out.get(e.issuer + "/dev/outbox")
	code := ""
	for _, m := range smsRe.FindAllStringSubmatch(out.body, -1) {
		if m[1] == p.e164 {
			code = otpRe.FindString(m[2])
			break
		}
	}
	if code == "" {
		e.t.Fatalf("no OTP for %s in the outbox\n%s", p.e164, out.body)
	}
	b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {code}})
	b.wantPath("/digitalid/register/summary")
	b.submit(e.issuer+"/register/summary", url.Values{})
	b.want(200, "ลงทะเบียน")
}

// login signs in to /admin through the provider; consent is "allow" or "deny"
// when the provider asks.
func (e *officeEnv) login(b *browser, p person, consent string) {
	e.t.Helper()
	b.get(e.office.URL + "/admin/login") // the landing page's sign-in button
	b.wantPath("/digitalid/login")
	b.submit(e.issuer+"/login", url.Values{"username": {p.username}, "password": {p.password}})
	if b.url.Path == "/digitalid/consent" {
		b.submit(e.issuer+"/consent", url.Values{"decision": {consent}})
	}
}

func (e *officeEnv) issue(agency *openinfo.Agency, role openinfo.Role) string {
	e.t.Helper()
	token, _ := openinfo.NewToken()
	if err := e.db.IssueToken(context.Background(), &openinfo.IssuedToken{Hash: openinfo.HashToken(e.sealer.HashKey(), token),
		Sealed: e.sealer.Seal(token), AgencyID: agency.ID, Role: role, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		e.t.Fatal(err)
	}
	return token
}

var tokenInputRe = regexp.MustCompile(`data-role="service_point_officer">[\s\S]*?class="token" type="text" readonly value="([0-9 ]+)"`)

// TestFirstLoginWithToken walks the issue's story over real HTTP: register
// at Digital ID with an SMS OTP, log in to /admin, redeem the token, see the
// agency and role; log in again without a token; a spent token fails for
// another person; a refreshed token kills the old one; declining consent
// gives no access.
func TestFirstLoginWithToken(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newOfficeEnv(t, db)
		// DGA issues the department's first central-officer token.
		central := e.issue(e.dept, openinfo.RoleCentral)

		somchai := newPerson(1, "สมชาย")
		e.register(somchai)
		b := newBrowser(t)
		e.login(b, somchai, "allow")
		b.wantPath("/admin/token")
		b.want(200, "รหัส Token 15 หลัก")

		// A malformed and an unknown token are refused with a message.
		b.submit(e.office.URL+"/admin/token", url.Values{"token": {"12345"}})
		b.want(422, "15")
		b.submit(e.office.URL+"/admin/token", url.Values{"token": {"999999999999999"}})
		b.want(422, "รหัส Token ไม่ถูกต้อง")
		// Spaces as read aloud are fine.
		b.submit(e.office.URL+"/admin/token", url.Values{"token": {openinfo.FormatToken(central)}})
		b.wantPath("/admin")
		b.want(200, "กรมการขนส่งทางบก", "เจ้าหน้าที่ส่วนกลาง")

		// A second login asks no token.
		b2 := newBrowser(t)
		e.login(b2, somchai, "allow")
		b2.wantPath("/admin")
		b2.want(200, "กรมการขนส่งทางบก", "เจ้าหน้าที่ส่วนกลาง")

		// The central officer issues a service point officer's token for the
		// provincial office, then refreshes it: only the newest works.
		b.get(e.office.URL + fmt.Sprintf("/admin/tokens?agency=%d", e.province.ID))
		b.want(200, "เจ้าหน้าที่จุดบริการ", "Refresh")
		b.submit(e.office.URL+"/admin/tokens", url.Values{"agency": {fmt.Sprint(e.province.ID)}, "role": {"service_point_officer"}})
		m := tokenInputRe.FindStringSubmatch(b.body)
		if m == nil {
			t.Fatalf("no token shown after issuing\n%s", b.body)
		}
		first := m[1]
		// Replacing a token already handed out is asked first; nothing changes until confirmed.
		b.submit(e.office.URL+"/admin/tokens", url.Values{"agency": {fmt.Sprint(e.province.ID)}, "role": {"service_point_officer"}})
		b.want(200, "Token เดิมที่ออกไปแล้วจะใช้ไม่ได้ทันที", `name="confirm" value="yes"`)
		if tokenInputRe.MatchString(b.body) {
			t.Fatal("a token was replaced before the officer confirmed")
		}
		b.submit(e.office.URL+"/admin/tokens", url.Values{"agency": {fmt.Sprint(e.province.ID)}, "role": {"service_point_officer"}, "confirm": {"yes"}})
		m = tokenInputRe.FindStringSubmatch(b.body)
		if m == nil || m[1] == first {
			t.Fatalf("refresh did not show a new token\n%s", b.body)
		}
		second := m[1]

		somsri := newPerson(2, "สมศรี")
		e.register(somsri)
		b3 := newBrowser(t)
		e.login(b3, somsri, "allow")
		b3.wantPath("/admin/token")
		b3.submit(e.office.URL+"/admin/token", url.Values{"token": {first}})
		b3.want(422, "Token นี้ถูกยกเลิกแล้ว")
		// The spent central token fails for another person.
		b3.submit(e.office.URL+"/admin/token", url.Values{"token": {central}})
		b3.want(422, "Token นี้ถูกใช้ไปแล้ว")
		b3.submit(e.office.URL+"/admin/token", url.Values{"token": {second}})
		b3.wantPath("/admin")
		b3.want(200, "สำนักงานขนส่งจังหวัดเชียงใหม่", "เจ้าหน้าที่จุดบริการ")
		// A service point officer may not manage tokens, nor forge a form.
		b3.get(e.office.URL + "/admin/tokens")
		b3.want(403)
		b3.get(e.office.URL + "/admin/profile")
		b3.submit(e.office.URL+"/admin/tokens", url.Values{"csrf": {"forged"}, "role": {"manual_author"}})
		b3.want(403)

		// User management: the central officer finds สมศรี, makes her a manual
		// author, and then removes her from the agency; each change is audited.
		b.get(e.office.URL + fmt.Sprintf("/admin/users?agency=%d&q=สมศรี", e.dept.ID))
		b.want(200, "สมศรี ทดสอบ", "officer2")
		users, _, _ := db.Users(context.Background(), store.UserFilter{Query: "สมศรี"})
		u := users[0]
		b.submit(e.office.URL+fmt.Sprintf("/admin/users/%d/role", u.ID), url.Values{"role": {"manual_author"}, "version": {fmt.Sprint(u.Version)}})
		b.want(200, "เจ้าหน้าที่จัดทำคู่มือ")
		// A central officer cannot make anyone a central officer.
		b.submit(e.office.URL+fmt.Sprintf("/admin/users/%d/role", u.ID), url.Values{"role": {"central_officer"}, "version": {fmt.Sprint(u.Version + 1)}})
		b.want(403)
		b.get(e.office.URL + fmt.Sprintf("/admin/users?agency=%d", e.dept.ID))
		b.submit(e.office.URL+fmt.Sprintf("/admin/users/%d/remove", u.ID), url.Values{"version": {fmt.Sprint(u.Version + 1)}})
		b.want(200, "นำ สมศรี ทดสอบ ออกจากหน่วยงานหรือไม่", "ยืนยัน นำออกจากหน่วยงาน")
		b3.get(e.office.URL + "/admin")
		b3.wantPath("/admin") // not removed until confirmed
		b.submit(e.office.URL+fmt.Sprintf("/admin/users/%d/remove", u.ID), url.Values{"version": {fmt.Sprint(u.Version + 1)}, "confirm": {"yes"}})
		b.want(200)
		b3.get(e.office.URL + "/admin")
		b3.wantPath("/admin/token") // removed: she needs a new token
		log, _ := db.AuditLog(context.Background(), store.AuditFilter{EntityType: "user", EntityID: u.ID})
		if len(log) < 3 || log[0].Action != "user.remove" || log[1].Action != "user.role" {
			t.Fatalf("user audit = %+v", log)
		}

		// Repeated wrong tokens are slowed down and then blocked per account.
		malee := newPerson(3, "มาลี")
		e.register(malee)
		b4 := newBrowser(t)
		e.login(b4, malee, "allow")
		for i := 0; i < 5; i++ {
			b4.submit(e.office.URL+"/admin/token", url.Values{"token": {"888888888888888"}})
			b4.want(422)
		}
		b4.submit(e.office.URL+"/admin/token", url.Values{"token": {"888888888888888"}})
		b4.want(429, "กรอก Token ผิดหลายครั้งเกินไป")

		// Declining consent at Digital ID gives no access.
		wichai := newPerson(4, "วิชัย")
		e.register(wichai)
		b5 := newBrowser(t)
		e.login(b5, wichai, "deny")
		b5.want(401, "ท่านไม่ได้ยินยอม")
		// Back to /admin: every sign-in asks Digital ID for a fresh
		// authentication, so it asks for the password, not just consent.
		b5.get(e.office.URL + "/admin/login")
		b5.wantPath("/digitalid/login")

		// Logout ends the session here and at the provider.
		b2.get(e.office.URL + "/admin")
		b2.submit(e.office.URL+"/admin/logout", url.Values{})
		b2.want(200)
		b2.get(e.office.URL + "/admin/login")
		b2.wantPath("/digitalid/login")
	})
}

type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	if strings.Contains(string(b), "level=ERROR") || strings.Contains(string(b), "level=WARN") {
		l.t.Log(strings.TrimSpace(string(b)))
	}
	return len(b), nil
}

// TestSecondProvider: the same relying-party code logs in against a second,
// separately configured provider (its own issuer, database, client and the
// DGA spelling of the logout parameter), and users of the two never mix.
func TestSecondProvider(t *testing.T) {
	ctx := context.Background()
	first, err := store.Open(ctx, filepath.Join(t.TempDir(), "first.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	first.Migrate(ctx)
	a := newOfficeEnv(t, first)
	other, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Migrate(ctx)
	b := newOfficeEnvWith(t, other, rpOptions{clientID: "info-backend", secret: "a different secret", logoutParam: "post_logout_redirect_url"})
	if a.issuer == b.issuer {
		t.Fatal("the two providers share an issuer")
	}
	p := newPerson(7, "สุดา")
	b.register(p)
	tok := b.issue(b.province, openinfo.RoleAuthor)
	br := newBrowser(t)
	b.login(br, p, "allow")
	br.wantPath("/admin/token")
	br.submit(b.office.URL+"/admin/token", url.Values{"token": {tok}})
	br.want(200, "สำนักงานขนส่งจังหวัดเชียงใหม่", "เจ้าหน้าที่จัดทำคู่มือ")
	users, _, _ := other.Users(ctx, store.UserFilter{})
	if len(users) != 1 || users[0].Issuer != b.issuer {
		t.Fatalf("users at the second provider = %+v", users)
	}
	// The account does not exist at the first provider.
	br2 := newBrowser(t)
	br2.get(a.office.URL + "/admin/login")
	br2.submit(a.issuer+"/login", url.Values{"username": {p.username}, "password": {p.password}})
	if br2.url.Path != "/digitalid/login" || br2.status < 400 {
		t.Fatalf("the second provider's account logged in at the first: %s %d", br2.url, br2.status)
	}
	// Logout with the DGA parameter spelling comes back to the site.
	br.submit(b.office.URL+"/admin/logout", url.Values{})
	br.wantPath("/admin/logged-out")
	br.followRefresh()
	if br.url.Host != strings.TrimPrefix(b.office.URL, "http://") || br.url.Path != "/" {
		t.Fatalf("logout ended at %s", br.url)
	}
}
