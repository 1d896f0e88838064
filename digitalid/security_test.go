package digitalid_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/store"
)

// loginAndConsent logs somchai in to the confidential client in b and
// returns the relying party's result.
func (e *env) loginAndConsent(b *browser) result {
	e.t.Helper()
	e.login(b, e.conf, somchai.username, somchai.password)
	b.wantPath("/digitalid/consent")
	b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}})
	b.wantPath("/callback")
	r := b.result()
	if r.Error != "" {
		e.t.Fatal(r.Error)
	}
	return r
}

// authTime is the ID token's auth_time in Unix seconds.
func authTime(t *testing.T, r result) int64 {
	t.Helper()
	v, ok := r.IDClaims["auth_time"].(float64)
	if !ok {
		t.Fatalf("ID token without auth_time: %v", r.IDClaims)
	}
	return int64(v)
}

// TestPromptLoginAndMaxAge: with prompt=login, or when the session's login
// is older than max_age, the provider asks for the password again although
// its session is live (OpenID Connect Core 3.1.2.1), and auth_time tells
// the relying party when the password was last given.
func TestPromptLoginAndMaxAge(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		first := e.clock.now().Unix()
		if at := authTime(t, e.loginAndConsent(b)); at < first || at > e.clock.now().Unix() {
			t.Fatalf("auth_time %d, want the login's time %d", at, first)
		}

		e.clock.advance(10 * time.Minute)
		// The live session answers a plain request; auth_time stays the login's.
		b.get(e.conf.srv.URL + "/login")
		b.wantPath("/callback")
		if at := authTime(t, b.result()); at < first || at > first+1 {
			t.Fatalf("auth_time %d after reuse of the session, want %d", at, first)
		}

		// prompt=login: the password again, and a new auth_time.
		b.get(e.conf.srv.URL + "/login?prompt=login")
		b.want(200, `name="password"`)
		b.wantPath("/digitalid/login")
		second := e.clock.now().Unix()
		b.submit(e.issuer+"/login", url.Values{"username": {somchai.username}, "password": {somchai.password}})
		b.wantPath("/callback")
		if at := authTime(t, b.result()); at < second || at > e.clock.now().Unix() {
			t.Fatalf("auth_time %d after prompt=login, want %d", at, second)
		}

		// max_age=0 asks at once; a max_age the login is within does not.
		b.get(e.conf.srv.URL + "/login?max_age=0")
		b.want(200, `name="password"`)
		b.wantPath("/digitalid/login")
		b.get(e.conf.srv.URL + "/login?max_age=3600")
		b.wantPath("/callback")
		if at := authTime(t, b.result()); at < second || at > second+1 {
			t.Fatalf("auth_time %d within max_age, want %d", at, second)
		}
		e.clock.advance(2 * time.Minute)
		b.get(e.conf.srv.URL + "/login?max_age=60")
		b.want(200, `name="password"`)
		b.wantPath("/digitalid/login")
	})
}

// TestPromptLoginNotSkippedByConsent: a request that names the user
// (id_token_hint) with prompt=login cannot be completed on the consent page
// with the old session, without the password.
func TestPromptLoginNotSkippedByConsent(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		b := newBrowser(t)
		r := e.loginAndConsent(b)

		for _, q := range []string{"prompt=login", "max_age=0"} {
			b.get(e.conf.srv.URL + "/login?" + q + "&id_token_hint=" + url.QueryEscape(r.IDToken))
			b.wantPath("/digitalid/login")
			id := idRe.FindStringSubmatch(b.body)[1]
			b.get(e.issuer + "/consent?id=" + url.QueryEscape(id))
			b.wantPath("/digitalid/login")
			b.submit(e.issuer+"/consent", url.Values{"decision": {"allow"}, "id": {id}})
			if b.url.Path == "/callback" {
				t.Fatalf("%s: a code was issued without the password: %s", q, b.body)
			}
			b.wantPath("/digitalid/login")
		}
	})
}

// syncBuffer is a log destination for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestOTPNotLoggedOutsideDevMode: without an SMS gateway and outside
// development mode the code is neither logged nor kept for an outbox page;
// the failure to send is logged (without the text) and told to the person.
func TestOTPNotLoggedOutsideDevMode(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		var logs syncBuffer
		e := newEnv(t, db, func(c *digitalid.Config) {
			c.DevMode = false
			c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{
				Level: slog.LevelDebug,
				ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
					if a.Key == slog.TimeKey {
						return slog.Attr{}
					}
					return a
				},
			}))
		})
		e.createUser(somchai)
		b := newBrowser(t)
		b.get(e.issuer + "/reset")
		b.submit(e.issuer+"/reset", url.Values{"username": {somchai.username}, "citizen_id": {somchai.cid}})
		b.want(http.StatusTooManyRequests, "ส่ง SMS ไม่สำเร็จ")

		out := logs.String()
		if regexp.MustCompile(`\b\d{6}\b`).MatchString(out) || strings.Contains(out, "OTP") || strings.Contains(out, "code is") {
			t.Errorf("the SMS text is in the log:\n%s", out)
		}
		if !regexp.MustCompile(`(?m)^level=(WARN|ERROR) .*SMS`).MatchString(out) {
			t.Errorf("no warning that the SMS was not sent:\n%s", out)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM did_sms_outbox`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d messages kept in the outbox (%v)", n, err)
		}
		b.get(e.issuer + "/dev/outbox")
		if b.status != http.StatusNotFound {
			t.Errorf("outbox page outside development mode: %d", b.status)
		}
	})
}
