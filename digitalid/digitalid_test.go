package digitalid_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) { dbtest.Each(t, fn) }

// clock is the provider's clock; tests move it forward.
type clock struct{ offset atomic.Int64 }

func (c *clock) now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *clock) advance(d time.Duration) { c.offset.Add(int64(d)) }

type env struct {
	t      *testing.T
	db     *store.DB
	p      *digitalid.Provider
	issuer string
	clock  *clock
	conf   *rp // confidential client, client_secret_basic
	post   *rp // confidential client, client_secret_post
	pub    *rp // public client, PKCE only
}

var secret = []byte("0123456789abcdef0123456789abcdef-test-secret")

// newProvider makes a provider in development mode behind a trusted proxy
// (tests choose a browser's address with X-Forwarded-For); mods change the
// configuration.
func newProvider(t *testing.T, db *store.DB, issuer string, clk *clock, clients []digitalid.Client, mods ...func(*digitalid.Config)) *digitalid.Provider {
	t.Helper()
	cfg := digitalid.Config{
		DB: db.SQL(), Dialect: digitalid.Dialect(db.Dialect()), Issuer: issuer, Clients: clients,
		DevMode: true, Secret: secret, Insecure: true, Now: clk.now, TrustProxyHeaders: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, m := range mods {
		m(&cfg)
	}
	p, err := digitalid.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newEnv(t *testing.T, db *store.DB, mods ...func(*digitalid.Config)) *env {
	t.Helper()
	e := &env{t: t, db: db, clock: &clock{}}
	var h atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Load().(http.Handler).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.issuer = srv.URL + "/digitalid"
	e.conf = newRP(t, e.issuer, "openinfo", "conf-secret", oauth2.AuthStyleInHeader)
	e.post = newRP(t, e.issuer, "postapp", "post-secret", oauth2.AuthStyleInParams)
	e.pub = newRP(t, e.issuer, "spa", "", oauth2.AuthStyleInParams)
	e.p = newProvider(t, db, e.issuer, e.clock, []digitalid.Client{e.conf.client(), e.post.client(), e.pub.client()}, mods...)
	mux := http.NewServeMux()
	mux.Handle("/digitalid/", e.p.Handler())
	h.Store(http.Handler(mux))
	return e
}

// rp is a relying party on its own server: go-oidc + oauth2 with PKCE.
type rp struct {
	t        *testing.T
	srv      *httptest.Server
	issuer   string
	id, sec  string
	style    oauth2.AuthStyle
	mu       sync.Mutex
	pending  map[string][2]string // state → verifier, nonce
	provider *oidc.Provider
}

func newRP(t *testing.T, issuer, id, sec string, style oauth2.AuthStyle) *rp {
	r := &rp{t: t, issuer: issuer, id: id, sec: sec, style: style, pending: map[string][2]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/login", r.login)
	mux.HandleFunc("/callback", r.callback)
	mux.HandleFunc("/bye", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "bye from "+id) })
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rp) client() digitalid.Client {
	return digitalid.Client{ID: r.id, Secret: r.sec, Name: "App " + r.id,
		RedirectURIs: []string{r.srv.URL + "/callback"}, PostLogoutRedirectURIs: []string{r.srv.URL + "/bye"}}
}

func (r *rp) oauth(ctx context.Context) (*oauth2.Config, *oidc.Provider, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.provider == nil {
		p, err := oidc.NewProvider(ctx, r.issuer)
		if err != nil {
			return nil, nil, err
		}
		r.provider = p
	}
	ep := r.provider.Endpoint()
	ep.AuthStyle = r.style
	return &oauth2.Config{ClientID: r.id, ClientSecret: r.sec, Endpoint: ep, RedirectURL: r.srv.URL + "/callback",
		Scopes: []string{oidc.ScopeOpenID, "profile", "phone", "citizen_id"}}, r.provider, nil
}

func randHex() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (r *rp) login(w http.ResponseWriter, req *http.Request) {
	conf, _, err := r.oauth(req.Context())
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	state, nonce, verifier := randHex(), randHex(), oauth2.GenerateVerifier()
	r.mu.Lock()
	r.pending[state] = [2]string{verifier, nonce}
	r.mu.Unlock()
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)}
	for _, k := range []string{"prompt", "max_age", "id_token_hint"} {
		if v := req.URL.Query().Get(k); v != "" {
			opts = append(opts, oauth2.SetAuthURLParam(k, v))
		}
	}
	http.Redirect(w, req, conf.AuthCodeURL(state, opts...), http.StatusFound)
}

// result is what the RP's callback reports.
type result struct {
	Error    string         `json:"error,omitempty"`
	IDClaims map[string]any `json:"id_claims,omitempty"`
	UserInfo map[string]any `json:"userinfo,omitempty"`
	IDToken  string         `json:"id_token,omitempty"`
}

func (r *rp) callback(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	res := result{}
	defer func() { json.NewEncoder(w).Encode(res) }()
	q := req.URL.Query()
	r.mu.Lock()
	pend, ok := r.pending[q.Get("state")]
	delete(r.pending, q.Get("state"))
	r.mu.Unlock()
	if !ok {
		res.Error = "unknown state"
		return
	}
	if e := q.Get("error"); e != "" {
		res.Error = e
		return
	}
	conf, prov, err := r.oauth(ctx)
	if err != nil {
		res.Error = err.Error()
		return
	}
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(pend[0]))
	if err != nil {
		res.Error = "exchange: " + err.Error()
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := prov.Verifier(&oidc.Config{ClientID: r.id}).Verify(ctx, raw)
	if err != nil {
		res.Error = "verify: " + err.Error()
		return
	}
	if idt.Nonce != pend[1] {
		res.Error = "nonce mismatch"
		return
	}
	idt.Claims(&res.IDClaims)
	ui, err := prov.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		res.Error = "userinfo: " + err.Error()
		return
	}
	ui.Claims(&res.UserInfo)
	res.IDToken = raw
}

// browser is a person's browser: a cookie jar, following redirects.
type browser struct {
	t      *testing.T
	c      *http.Client
	body   string
	status int
	url    *url.URL
	loc    string // Location of the last response, when not followed
	ip     string // the address the provider sees (X-Forwarded-For), when set
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

func (b *browser) do(req *http.Request) {
	b.t.Helper()
	if b.ip != "" {
		req.Header.Set("X-Forwarded-For", b.ip)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	b.body, b.status, b.url, b.loc = string(raw), resp.StatusCode, resp.Request.URL, resp.Header.Get("Location")
}

func (b *browser) get(u string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	b.do(req)
}

var (
	csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	idRe   = regexp.MustCompile(`name="id" value="([^"]+)"`)
)

// submit posts a form of the current page, with its CSRF token and, for
// login and consent, its request ID.
func (b *browser) submit(u string, vals url.Values) {
	b.t.Helper()
	if vals == nil {
		vals = url.Values{}
	}
	if m := csrfRe.FindStringSubmatch(b.body); m != nil && vals.Get("csrf") == "" {
		vals.Set("csrf", m[1])
	}
	if m := idRe.FindStringSubmatch(b.body); m != nil && vals.Get("id") == "" {
		vals.Set("id", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b.do(req)
}

func (b *browser) want(status int, substrings ...string) {
	b.t.Helper()
	if b.status != status {
		b.t.Fatalf("%s: status %d, want %d\n%s", b.url, b.status, status, b.body)
	}
	text := html.UnescapeString(b.body)
	for _, s := range substrings {
		if !strings.Contains(text, s) {
			b.t.Fatalf("%s: page lacks %q\n%s", b.url, s, text)
		}
	}
}

func (b *browser) wantPath(path string) {
	b.t.Helper()
	if b.url.Path != path {
		b.t.Fatalf("at %s, want path %s\n%s", b.url, path, b.body)
	}
}

func (b *browser) result() result {
	b.t.Helper()
	var r result
	if err := json.Unmarshal([]byte(b.body), &r); err != nil {
		b.t.Fatalf("%s: not a result: %v\n%s", b.url, err, b.body)
	}
	return r
}

var smsRe = regexp.MustCompile(`(?s)<td class="to">([^<]*)</td><td class="text">([^<]*)</td>`)
var otpRe = regexp.MustCompile(`\b(\d{6})\b`)

// lastOTP reads the newest code sent to mobile from the development outbox
// page, as a developer would.
func (e *env) lastOTP(mobile string) string {
	e.t.Helper()
	b := newBrowser(e.t)
	b.get(e.issuer + "/dev/outbox")
	b.want(200)
	for _, m := range smsRe.FindAllStringSubmatch(b.body, -1) {
		if html.UnescapeString(m[1]) == mobile {
			if c := otpRe.FindStringSubmatch(html.UnescapeString(m[2])); c != nil {
				return c[1]
			}
		}
	}
	e.t.Fatalf("no SMS to %s in the outbox\n%s", mobile, b.body)
	return ""
}

// citizenID completes 12 digits with the check digit.
func citizenID(first12 string) string {
	sum := 0
	for i := range 12 {
		sum += int(first12[i]-'0') * (13 - i)
	}
	return first12 + fmt.Sprint((11-sum%11)%10)
}

// person is someone to register.
type person struct {
	cid, given, family, day, month, yearBE, laser, username, password, mobile, e164 string
}

var somchai = person{
	cid: citizenID("110370012345"), given: "สมชาย", family: "ใจดี", day: "5", month: "12", yearBE: "2530",
	laser: "JT1-2345678-90", username: "somchai99", password: "Secret123x", mobile: "081 234 5678", e164: "+66812345678",
}

// registerUntilOTP walks the registration up to the OTP page, checking the
// forms' errors on the way.
func (e *env) registerUntilOTP(b *browser, who person) {
	e.t.Helper()
	b.get(e.issuer + "/register")
	b.want(200, "ยินยอม", "ไม่ยินยอม")
	b.submit(e.issuer+"/register", url.Values{"decision": {"agree"}})
	b.want(200)
	b.wantPath("/digitalid/register/identity")

	// A wrong check digit: the error is next to the field; what was typed stays.
	bad := who.cid[:12] + fmt.Sprint((int(who.cid[12]-'0')+1)%10)
	b.submit(e.issuer+"/register/identity", url.Values{"citizen_id": {bad}, "given_name": {who.given}, "family_name": {who.family},
		"birth_day": {"31"}, "birth_month": {"2"}, "birth_year": {who.yearBE}})
	b.want(422, "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้าย (เลขตรวจสอบ)", "วันเดือนปีเกิดไม่ถูกต้อง", `value="`+who.given+`"`, `id="e-citizen_id"`)

	b.submit(e.issuer+"/register/identity", url.Values{"citizen_id": {who.cid}, "given_name": {who.given}, "family_name": {who.family},
		"birth_day": {who.day}, "birth_month": {who.month}, "birth_year": {who.yearBE}})
	b.want(200)
	b.wantPath("/digitalid/register/laser")

	b.submit(e.issuer+"/register/laser", url.Values{"laser_code": {"J12345"}})
	b.want(422, "เลขหลังบัตรประชาชนต้องมี 12 ตัว", `value="J12345"`)
	b.submit(e.issuer+"/register/laser", url.Values{"laser_code": {who.laser}})
	b.wantPath("/digitalid/register/account")

	b.submit(e.issuer+"/register/account", url.Values{"username": {who.username}, "password": {"short"}, "password2": {"short"}})
	b.want(422, "รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร", `value="`+who.username+`"`)
	if strings.Contains(b.body, `value="short"`) {
		e.t.Fatal("the password was sent back in the form")
	}
	b.submit(e.issuer+"/register/account", url.Values{"username": {who.username}, "password": {"X" + who.username + "1"}, "password2": {"X" + who.username + "1"}})
	b.want(422, "รหัสผ่านต้องไม่มีชื่อผู้ใช้")
	b.submit(e.issuer+"/register/account", url.Values{"username": {who.username}, "password": {who.password}, "password2": {who.password}})
	b.wantPath("/digitalid/register/mobile")

	b.submit(e.issuer+"/register/mobile", url.Values{"mobile": {"02 123 4567"}})
	b.want(422, "หมายเลขนี้เป็นโทรศัพท์พื้นฐาน รับ SMS ไม่ได้")
	b.submit(e.issuer+"/register/mobile", url.Values{"mobile": {who.mobile}})
	b.want(200, "รหัสมีอายุ 5 นาที")
	b.wantPath("/digitalid/register/otp")
}

// register completes a registration over HTTP.
func (e *env) register(b *browser, who person) {
	e.t.Helper()
	e.registerUntilOTP(b, who)
	code := e.lastOTP(who.e164)
	wrong := fmt.Sprintf("%06d", (atoi(code)+1)%1000000)
	b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {wrong}})
	b.want(422, "รหัส OTP ไม่ถูกต้อง (ลองได้อีก 4 ครั้ง)")
	b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {code}})
	b.want(200, who.username, "081 234 5678")
	b.wantPath("/digitalid/register/summary")

	// The code is used up.
	b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {code}})
	b.want(422, "รหัส OTP นี้ใช้ไปแล้ว")

	b.get(e.issuer + "/register/summary")
	b.submit(e.issuer+"/register/summary", nil)
	// Started from the provider's own page: the end offers where to sign in.
	b.want(200, "ระบบได้ลงทะเบียนข้อมูลของท่านเรียบร้อยแล้ว", "เข้าสู่ระบบด้วย Digital ID นี้ได้ที่", ">App ", "กลับหน้าแรก Digital ID")
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// login runs the RP's login until the provider's login page, then logs in.
func (e *env) login(b *browser, app *rp, username, password string) {
	e.t.Helper()
	b.get(app.srv.URL + "/login")
	b.want(200, "เข้าสู่ระบบด้วย Digital ID", "App "+app.id)
	b.wantPath("/digitalid/login")
	b.submit(e.issuer+"/login", url.Values{"username": {username}, "password": {password}})
}

func TestRegisterLoginConsentLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		b := newBrowser(t)
		e.register(b, somchai)

		e.login(b, e.conf, somchai.username, somchai.password)
		b.want(200, "ขอความยินยอมเปิดเผยข้อมูล", "App openinfo", "เลขประจำตัวประชาชน")
		b.wantPath("/digitalid/consent")
		b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
		b.want(200)
		b.wantPath("/callback")
		res := b.result()
		if res.Error != "" {
			t.Fatal(res.Error)
		}
		sub, _ := res.IDClaims["sub"].(string)
		if len(sub) != 32 || strings.Contains(sub, somchai.cid) {
			t.Errorf("sub = %q, want a random ID", sub)
		}
		want := map[string]string{"sub": sub, "citizen_id": somchai.cid, "given_name": somchai.given, "family_name": somchai.family,
			"preferred_username": somchai.username, "phone_number": somchai.e164}
		for k, v := range want {
			if res.UserInfo[k] != v {
				t.Errorf("userinfo %s = %v, want %q", k, res.UserInfo[k], v)
			}
			if res.IDClaims[k] != v {
				t.Errorf("id token %s = %v, want %q", k, res.IDClaims[k], v)
			}
		}

		// A second login in the same browser uses the session and the
		// consent already given.
		b.get(e.conf.srv.URL + "/login")
		b.wantPath("/callback")
		if r := b.result(); r.Error != "" || r.IDClaims["sub"] != sub {
			t.Fatalf("second login: %+v", r)
		}

		// Logging out to an unregistered address is refused...
		nf := &http.Client{Jar: b.c.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		q := url.Values{"id_token_hint": {res.IDToken}, "post_logout_redirect_uri": {"https://evil.example/"}}
		resp, err := nf.Get(e.issuer + "/end_session?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || strings.Contains(resp.Header.Get("Location"), "evil") {
			t.Fatalf("unregistered post-logout URI: %s → %q", resp.Status, resp.Header.Get("Location"))
		}
		// ...and to the registered one goes there (DGA's spelling _url too).
		q = url.Values{"id_token_hint": {res.IDToken}, "post_logout_redirect_url": {e.conf.srv.URL + "/bye"}, "state": {"xyz"}}
		b.get(e.issuer + "/end_session?" + q.Encode())
		b.want(200, "bye from openinfo")
		if b.url.Query().Get("state") != "xyz" {
			t.Errorf("state not passed back: %s", b.url)
		}
		// The session is over: the next login asks for the password again.
		b.get(e.conf.srv.URL + "/login")
		b.wantPath("/digitalid/login")

		// Another node on the same database publishes the same keys.
		p2 := newProvider(t, db, e.issuer, e.clock, nil)
		s2 := httptest.NewServer(p2.Handler())
		defer s2.Close()
		k1, k2 := newBrowser(t), newBrowser(t)
		k1.get(e.issuer + "/keys")
		k2.get(s2.URL + "/digitalid/keys")
		if k1.body != k2.body || !strings.Contains(k1.body, `"RS256"`) {
			t.Errorf("JWKS differ between nodes:\n%s\n%s", k1.body, k2.body)
		}
	})
}

func TestRegistrationTermsDeclined(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		b := newBrowser(t)
		b.get(e.issuer + "/register")
		b.submit(e.issuer+"/register", url.Values{"decision": {"disagree"}})
		b.want(200, "การสมัครใช้งาน Digital ID ต้องได้รับความยินยอม")
		// Without consent the steps are out of reach.
		b.get(e.issuer + "/register/identity")
		b.wantPath("/digitalid/register")

		// English on request, remembered by a cookie.
		b.get(e.issuer + "/register?lang=en")
		b.want(200, "I agree", "I do not agree")
		b.submit(e.issuer+"/register", url.Values{"decision": {"disagree"}})
		b.want(200, "Registering for a Digital ID needs your consent")

		// The home page, with its security headers.
		b.get(e.issuer + "/?lang=th")
		b.want(200, "สมัครใช้งาน Digital ID")
		resp, err := http.Get(e.issuer + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("security headers missing: %v", resp.Header)
		}

		// A cross-site post is refused even with a valid token.
		b.get(e.issuer + "/register")
		vals := url.Values{"decision": {"agree"}, "csrf": {csrfRe.FindStringSubmatch(b.body)[1]}}
		req, _ := http.NewRequest(http.MethodPost, e.issuer+"/register", strings.NewReader(vals.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		b.do(req)
		b.want(403, "ถูกส่งมาจากเว็บไซต์อื่น")

		// A form without its CSRF token is refused.
		b.get(e.issuer + "/register")
		b.submit(e.issuer+"/register", url.Values{"decision": {"agree"}, "csrf": {"forged"}})
		b.want(403)
	})
}

func TestConsentDeclined(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		e.login(b, e.post, somchai.username, somchai.password)
		b.wantPath("/digitalid/consent")
		b.submit(e.issuer+"/consent", url.Values{"decision": {"deny"}})
		b.wantPath("/callback")
		if r := b.result(); r.Error != "access_denied" {
			t.Fatalf("declined consent: %+v", r)
		}
		// The session remains: the next login asks only for consent, and
		// consent then given works with client_secret_post.
		b.get(e.post.srv.URL + "/login")
		b.wantPath("/digitalid/consent")
		b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
		if r := b.result(); r.Error != "" || r.UserInfo["citizen_id"] != somchai.cid {
			t.Fatalf("after consent: %+v", r)
		}
	})
}

func (e *env) createUser(who person) string {
	e.t.Helper()
	d, m := atoi(who.day), atoi(who.month)
	sub, err := e.p.CreateUser(context.Background(), digitalid.NewUser{
		CitizenID: who.cid, GivenName: who.given, FamilyName: who.family,
		BirthDate: time.Date(atoi(who.yearBE)-543, time.Month(m), d, 0, 0, 0, 0, time.UTC), LaserCode: who.laser,
		Username: who.username, Password: who.password, Mobile: who.mobile,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return sub
}

func TestWrongPasswordBlocks(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		for i := range 5 {
			e.login(b, e.conf, somchai.username, fmt.Sprintf("Wrong%dpass", i))
			b.want(401, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", `value="somchai99"`)
		}
		e.login(b, e.conf, somchai.username, somchai.password)
		b.want(429, "ทำรายการผิดหลายครั้งเกินไป กรุณาลองใหม่หลังเวลา")
		// Another browser (same IP, same name) is blocked too: the count is in the DB.
		b2 := newBrowser(t)
		b2.get(e.conf.srv.URL + "/login?lang=en")
		b2.get(b2.url.String() + "&lang=en")
		b2.submit(e.issuer+"/login", url.Values{"username": {somchai.username}, "password": {somchai.password}})
		b2.want(429, "Too many failed attempts; please try again after")

		e.clock.advance(16 * time.Minute)
		e.login(b, e.conf, somchai.username, somchai.password)
		b.want(200)
		b.wantPath("/digitalid/consent")
	})
}

func TestOTPExpiresAndResends(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		b := newBrowser(t)
		e.registerUntilOTP(b, somchai)
		code := e.lastOTP(somchai.e164)

		// A new code is not sent at once.
		b.submit(e.issuer+"/register/otp", url.Values{"action": {"resend"}})
		b.want(429, "ขอรหัสใหม่ได้อีกครั้งหลังเวลา")

		e.clock.advance(5*time.Minute + time.Second)
		b.get(e.issuer + "/register/otp")
		b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {code}})
		b.want(422, "รหัส OTP หมดอายุแล้ว")

		b.submit(e.issuer+"/register/otp", url.Values{"action": {"resend"}})
		b.want(200)
		code2 := e.lastOTP(somchai.e164)
		b.submit(e.issuer+"/register/otp", url.Values{"action": {"verify"}, "otp": {code2}})
		b.wantPath("/digitalid/register/summary")
	})
}

func TestPasswordReset(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		b.get(e.issuer + "/reset")
		b.submit(e.issuer+"/reset", url.Values{"username": {somchai.username}, "citizen_id": {citizenID("310100012345")}})
		b.want(422, "ชื่อผู้ใช้และเลขประจำตัวประชาชนไม่ตรงกับบัญชีใด")
		b.submit(e.issuer+"/reset", url.Values{"username": {somchai.username}, "citizen_id": {somchai.cid}})
		b.want(200, "08x xxx 5678")
		b.wantPath("/digitalid/reset/otp")
		code := e.lastOTP(somchai.e164)
		newPW := "NewPassw0rd"
		b.submit(e.issuer+"/reset/otp", url.Values{"otp": {code}, "new_password": {newPW}, "password2": {"different1A"}})
		b.want(422, "รหัสผ่านทั้งสองช่องไม่ตรงกัน", `value="`+code+`"`)
		b.submit(e.issuer+"/reset/otp", url.Values{"otp": {code}, "new_password": {newPW}, "password2": {newPW}})
		b.want(200, "ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว")

		// The old password no longer works; the new one does (public client, PKCE).
		e.login(b, e.pub, somchai.username, somchai.password)
		b.want(401)
		e.login(b, e.pub, somchai.username, newPW)
		b.wantPath("/digitalid/consent")
		b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
		if r := b.result(); r.Error != "" || r.UserInfo["preferred_username"] != somchai.username {
			t.Fatalf("login after reset: %+v", r)
		}
	})
}

func TestPublicClientNeedsPKCE(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		nf := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, tc := range []struct{ client, extra, want string }{
			{"spa", "", "invalid_request"},
			{"spa", "&code_challenge=abc&code_challenge_method=plain", "invalid_request"},
			{"openinfo", "&code_challenge=abc&code_challenge_method=plain", "invalid_request"},
		} {
			redirect := map[string]string{"spa": e.pub.srv.URL, "openinfo": e.conf.srv.URL}[tc.client] + "/callback"
			u := e.issuer + "/authorize?response_type=code&scope=openid&state=s1&client_id=" + tc.client +
				"&redirect_uri=" + url.QueryEscape(redirect) + tc.extra
			resp, err := nf.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ := url.Parse(resp.Header.Get("Location"))
			if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != tc.want || loc.Query().Get("state") != "s1" {
				t.Errorf("%s%s: %s → %s", tc.client, tc.extra, resp.Status, loc)
			}
		}
		// An unregistered redirect URI is not redirected to.
		resp, err := nf.Get(e.issuer + "/authorize?response_type=code&scope=openid&client_id=spa&redirect_uri=" + url.QueryEscape("https://evil.example/cb"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusFound {
			t.Errorf("redirected to an unregistered URI: %s", resp.Header.Get("Location"))
		}
	})
}

// TestCodeSingleUse redeems an authorization code twice (a confidential
// client without PKCE, client_secret_basic): the second time fails.
func TestCodeSingleUse(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		b.c.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
			if req.URL.Path == "/callback" {
				return http.ErrUseLastResponse
			}
			return nil
		}
		redirect := e.conf.srv.URL + "/callback"
		b.get(e.issuer + "/authorize?response_type=code&scope=openid+citizen_id&state=s1&nonce=n1&client_id=openinfo&redirect_uri=" + url.QueryEscape(redirect))
		b.wantPath("/digitalid/login")
		b.submit(e.issuer+"/login", url.Values{"username": {somchai.username}, "password": {somchai.password}})
		b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
		if b.status != http.StatusFound && b.status != http.StatusSeeOther {
			t.Fatalf("consent: %d %s", b.status, b.body)
		}
		loc, err := url.Parse(b.loc)
		if err != nil || loc.Query().Get("code") == "" || loc.Query().Get("state") != "s1" {
			t.Fatalf("redirect to the client: %q", b.loc)
		}
		redeem := func() int {
			form := url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")}, "redirect_uri": {redirect}}
			req, _ := http.NewRequest(http.MethodPost, e.issuer+"/oauth/token", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth("openinfo", "conf-secret")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		if st := redeem(); st != http.StatusOK {
			t.Fatalf("first redemption: %d", st)
		}
		if st := redeem(); st != http.StatusBadRequest {
			t.Fatalf("second redemption: %d, want 400", st)
		}
	})
}
