package digitalid_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// loginPage opens the confidential client's login at the provider in a new
// browser at address ip.
func (e *env) loginPage(ip string) *browser {
	e.t.Helper()
	b := newBrowser(e.t)
	b.ip = ip
	b.get(e.conf.srv.URL + "/login")
	b.want(200)
	b.wantPath("/digitalid/login")
	return b
}

// postLogin sends b's login form and returns the final status; it is safe
// to call from any goroutine (it does not touch b's page).
func (e *env) postLogin(b *browser, username, password string) (int, string, error) {
	vals := url.Values{"username": {username}, "password": {password},
		"csrf": {csrfRe.FindStringSubmatch(b.body)[1]}, "id": {idRe.FindStringSubmatch(b.body)[1]}}
	req, _ := http.NewRequest(http.MethodPost, e.issuer+"/login", strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", b.ip)
	resp, err := b.c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), nil
}

// parallelLogins sends the login forms of bs all at once, with the user
// name user(i), and counts the answers by status.
func (e *env) parallelLogins(bs []*browser, user func(i int) string, password string) map[int]int {
	e.t.Helper()
	var mu sync.Mutex
	count := map[int]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, b := range bs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			st, _, err := e.postLogin(b, user(i), password)
			if err != nil {
				e.t.Error(err)
			}
			mu.Lock()
			count[st]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	for st := range count {
		if st != http.StatusUnauthorized && st != http.StatusTooManyRequests && st != http.StatusServiceUnavailable {
			e.t.Errorf("answers %v: status %d is not a refusal", count, st)
		}
	}
	return count
}

// TestParallelWrongPasswordsPerUser: of parallel wrong passwords for one
// user, at most the limit are checked (401); the rest are refused unchecked
// (429) or told to come back (503). From one address the limit is 5, over
// many addresses the account's 20 an hour.
func TestParallelWrongPasswordsPerUser(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		var bs []*browser
		for range 30 {
			bs = append(bs, e.loginPage("198.51.100.1"))
		}
		same := e.parallelLogins(bs, func(int) string { return somchai.username }, "Wrong1pass")
		if same[http.StatusUnauthorized] > 5 {
			t.Errorf("from one address %d wrong passwords checked, limit 5 (%v)", same[http.StatusUnauthorized], same)
		}
		bs = bs[:0]
		for i := range 30 {
			bs = append(bs, e.loginPage(fmt.Sprintf("198.51.100.%d", 10+i)))
		}
		spread := e.parallelLogins(bs, func(int) string { return somchai.username }, "Wrong1pass")
		if n := same[http.StatusUnauthorized] + spread[http.StatusUnauthorized]; n > 20 {
			t.Errorf("%d wrong passwords checked in all, limit 20 (%v, %v)", n, same, spread)
		}
	})
}

// TestParallelWrongPasswordsPerAddress: of parallel wrong logins from one
// address (a different name each), at most the address's 20 are checked.
func TestParallelWrongPasswordsPerAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var bs []*browser
		for range 40 {
			bs = append(bs, e.loginPage("198.51.100.2"))
		}
		count := e.parallelLogins(bs, func(i int) string { return fmt.Sprintf("nobody%02d", i) }, "Wrong1pass")
		if count[http.StatusUnauthorized] > 20 {
			t.Errorf("%d wrong logins checked from one address, limit 20 (%v)", count[http.StatusUnauthorized], count)
		}
	})
}

// TestPasswordHashingBounded: with 2 hashing slots, 6 parallel logins hash
// at most 2 at once; the others wait for a slot, and all are answered.
func TestPasswordHashingBounded(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var inSlot, most atomic.Int64
		entered := make(chan struct{}, 6)
		release := make(chan struct{})
		digitalid.SetHashing(e.p, 2, time.Hour, func() {
			n := inSlot.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			entered <- struct{}{}
			<-release
			inSlot.Add(-1)
		})
		var bs []*browser
		for i := range 6 {
			bs = append(bs, e.loginPage(fmt.Sprintf("198.51.100.%d", 50+i)))
		}
		done := make(chan map[int]int)
		go func() {
			done <- e.parallelLogins(bs, func(i int) string { return fmt.Sprintf("nobody%02d", i) }, "Wrong1pass")
		}()
		<-entered
		<-entered
		for digitalid.HashWaiting(e.p) < 4 {
			runtime.Gosched()
		}
		select {
		case <-entered:
			t.Error("a third hash started while two slots were taken")
		default:
		}
		close(release)
		count := <-done
		if count[http.StatusUnauthorized] != 6 || most.Load() != 2 {
			t.Errorf("answers %v, at most %d hashes at once; want 6 checked, 2 at once", count, most.Load())
		}
	})
}

// TestPasswordHashingBusy: when no hashing slot comes free in time the
// answer is "busy, try again" (503), and such unchecked attempts do not
// count as failures.
func TestPasswordHashingBusy(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		var held atomic.Bool
		entered, release := make(chan struct{}), make(chan struct{})
		digitalid.SetHashing(e.p, 1, 0, func() {
			if held.CompareAndSwap(false, true) {
				entered <- struct{}{}
				<-release
			}
		})
		holder := e.loginPage("198.51.100.3")
		held2 := make(chan int)
		go func() {
			st, _, err := e.postLogin(holder, "nobody", "Wrong1pass")
			if err != nil {
				t.Error(err)
			}
			held2 <- st
		}()
		<-entered
		b := e.loginPage("203.0.113.5")
		for range 6 {
			b.submit(e.issuer+"/login", url.Values{"username": {somchai.username}, "password": {somchai.password}})
			b.want(http.StatusServiceUnavailable, "ขณะนี้มีผู้ใช้งานจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่")
		}
		close(release)
		if st := <-held2; st != http.StatusUnauthorized {
			t.Errorf("the login holding the slot: %d", st)
		}
		b.submit(e.issuer+"/login", url.Values{"username": {somchai.username}, "password": {somchai.password}})
		b.want(200)
		b.wantPath("/digitalid/consent")
	})
}

// passwordLogin asks the confidential client for a login with prompt=login,
// so the provider wants the password even in a browser with a session.
func (e *env) passwordLogin(b *browser, username, password string) {
	e.t.Helper()
	b.get(e.conf.srv.URL + "/login?prompt=login")
	b.wantPath("/digitalid/login")
	b.submit(e.issuer+"/login", url.Values{"username": {username}, "password": {password}})
}

// TestNoLockoutFromElsewhere: failures at an attacker's address block the
// account there only. The user's own browser (known since a login) and a
// new browser elsewhere still log in; only after the account's failures
// from many addresses reach 20 in an hour does a new browser wait, and a
// known one never.
func TestNoLockoutFromElsewhere(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		victim := newBrowser(t)
		victim.ip = "203.0.113.10"
		e.loginAndConsent(victim)

		attacker := newBrowser(t)
		attacker.ip = "198.51.100.66"
		for i := range 8 {
			e.passwordLogin(attacker, somchai.username, fmt.Sprintf("Wrong%dpass", i))
			if want := map[bool]int{true: 401, false: 429}[i < 5]; attacker.status != want {
				t.Fatalf("attempt %d from the attacker's address: %d, want %d", i+1, attacker.status, want)
			}
		}
		e.passwordLogin(attacker, somchai.username, somchai.password)
		attacker.want(http.StatusTooManyRequests)

		e.passwordLogin(victim, somchai.username, somchai.password)
		victim.wantPath("/callback")
		newcomer := newBrowser(t)
		newcomer.ip = "192.0.2.7"
		e.passwordLogin(newcomer, somchai.username, somchai.password)
		newcomer.wantPath("/callback")

		// Many addresses: the account's failures reach 20.
		for i := range 7 {
			b := newBrowser(t)
			b.ip = fmt.Sprintf("198.51.100.%d", 100+i)
			for j := range 5 {
				e.passwordLogin(b, somchai.username, fmt.Sprintf("Wrong%dpass", j))
				if b.status != 401 && b.status != 429 {
					t.Fatalf("attack from %s: %d", b.ip, b.status)
				}
			}
		}
		fresh := newBrowser(t)
		fresh.ip = "192.0.2.8"
		e.passwordLogin(fresh, somchai.username, somchai.password)
		fresh.want(http.StatusTooManyRequests, "ทำรายการผิดหลายครั้งเกินไป")
		for _, b := range []*browser{victim, newcomer} {
			e.passwordLogin(b, somchai.username, somchai.password)
			b.wantPath("/callback")
			if r := b.result(); r.Error != "" {
				t.Fatalf("known browser at %s: %s", b.ip, r.Error)
			}
		}

		e.clock.advance(61 * time.Minute)
		e.passwordLogin(fresh, somchai.username, somchai.password)
		fresh.wantPath("/callback")
	})
}

// TestParallelWrongOTPs: a burst of parallel guesses at one code gets no
// more comparisons than the code's tries (5); a burst from one address no
// more failures than its limit.
func TestParallelWrongOTPs(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := t.Context()
		if _, err := digitalid.SendOTP(e.p, ctx, "register", "ref-1", "0812345678"); err != nil {
			t.Fatal(err)
		}
		var wrong, tooMany atomic.Int32
		var wg sync.WaitGroup
		for i := range 30 {
			wg.Go(func() {
				err := digitalid.VerifyOTP(e.p, ctx, fmt.Sprintf("198.51.100.%d", i), "register", "ref-1", "000000")
				switch msg := fmt.Sprint(err); {
				case strings.Contains(msg, "ลองได้อีก") || strings.Contains(msg, "tries left"):
					wrong.Add(1)
				default:
					tooMany.Add(1)
				}
			})
		}
		wg.Wait()
		var attempts int
		if err := db.SQL().QueryRow(`SELECT attempts FROM did_otps WHERE ref = 'ref-1'`).Scan(&attempts); err != nil {
			t.Fatal(err)
		}
		if attempts > 5 || wrong.Load() > 4 {
			t.Fatalf("%d tries taken and %d 'wrong, try again' answers for a code of 5 tries", attempts, wrong.Load())
		}
	})
}

// TestParallelResetGuesses: parallel guesses of an account's citizen ID on
// the password-reset page, each from its own address, get at most the
// account's limit (5) of "does not match" answers; the rest are refused
// unchecked.
func TestParallelResetGuesses(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.createUser(somchai)
		var bs []*browser
		for i := range 20 {
			b := newBrowser(t)
			b.ip = fmt.Sprintf("203.0.113.%d", i+1)
			b.get(e.issuer + "/reset")
			b.want(200)
			bs = append(bs, b)
		}
		var mu sync.Mutex
		count := map[int]int{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, b := range bs {
			wg.Go(func() {
				<-start
				vals := url.Values{"username": {somchai.username}, "citizen_id": {citizenID(fmt.Sprintf("3%011d", 10100000000+i))},
					"csrf": {csrfRe.FindStringSubmatch(b.body)[1]}}
				req, _ := http.NewRequest(http.MethodPost, e.issuer+"/reset", strings.NewReader(vals.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("X-Forwarded-For", b.ip)
				resp, err := b.c.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				mu.Lock()
				count[resp.StatusCode]++
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		if count[http.StatusUnprocessableEntity] > 5 || count[http.StatusUnprocessableEntity]+count[http.StatusTooManyRequests] != 20 {
			t.Fatalf("answers %v: more than 5 guesses were checked", count)
		}
	})
}
