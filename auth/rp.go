// Package auth logs officers in to the back office through OpenID Connect
// (go-oidc + oauth2, with PKCE, state and nonce): against the built-in
// Digital ID provider, the national Digital ID, or any standard provider.
package auth

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/openinfo/openinfo"
)

// Config says which provider to trust and how to read its claims.
type Config struct {
	Issuer       string // exactly as the provider writes it in discovery, trailing slash included
	ClientID     string
	ClientSecret string
	RedirectURL  string   // this site's /admin/callback
	Scopes       []string // default: openid profile phone; trimmed to the provider's scopes_supported
	// Claim names: providers differ ("preferred_username" vs "user_id").
	ClaimUsername, ClaimGivenName, ClaimFamilyName, ClaimPhone string
	// DGASecret sends the client secret as DGA's Digital ID expects it:
	// md5(secret+"EGA") applied seven times, in the Basic auth header (DOMAIN.md §6).
	DGASecret bool
	// LogoutParam names the post-logout redirect parameter of the end-session
	// endpoint: "post_logout_redirect_uri" (standard) or DGA's "post_logout_redirect_url".
	LogoutParam   string
	PostLogoutURL string
	HTTPClient    *http.Client
	Logger        *slog.Logger // default slog.Default()

	// MaxAge is how recent the provider's authentication must be at each
	// sign-in: sent as max_age and checked against the ID token's auth_time.
	// 0 means 10 minutes; negative sends no max_age (prompt=login still goes).
	MaxAge time.Duration
	// DiscoveryTimeout bounds one discovery attempt (default 5 s);
	// DiscoveryTTL is how long a discovery document is used before it is
	// fetched again in the background (default 1 h).
	DiscoveryTimeout, DiscoveryTTL time.Duration
	Now                            func() time.Time // the clock; tests move it
}

// RP is the relying party. Discovery runs on first use, so the site can
// start before its provider (the built-in one is served by this very
// process). Concurrent callers share one fetch and none of them holds a lock
// while it runs, so a hung provider costs each login one DiscoveryTimeout
// at most, not a place in a queue; once discovered, the document is reused
// for DiscoveryTTL and then refreshed in the background, the old one serving
// meanwhile (and after a failed refresh).
type RP struct {
	cfg Config

	mu         sync.Mutex
	cur        *discovery // nil until the first success
	flight     *flight    // the fetch in progress, if any
	lastErr    error      // of the last attempt
	warned     string     // the dropped scopes already logged
	noAuthTime bool       // the provider sent no auth_time (logged once)
	waiters    int        // callers waiting on flight (tests read it)
}

// discovery is what one discovery document gives.
type discovery struct {
	provider *oidc.Provider
	endSess  string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	at       time.Time
}

type flight struct {
	done chan struct{}
	d    *discovery
	err  error
}

// New returns a relying party for cfg.
func New(cfg Config) *RP {
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{oidc.ScopeOpenID, "profile", "phone"}
	}
	if !slices.Contains(cfg.Scopes, oidc.ScopeOpenID) {
		cfg.Scopes = append([]string{oidc.ScopeOpenID}, cfg.Scopes...)
	}
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&cfg.ClaimUsername, "preferred_username")
	def(&cfg.ClaimGivenName, "given_name")
	def(&cfg.ClaimFamilyName, "family_name")
	def(&cfg.ClaimPhone, "phone_number")
	def(&cfg.LogoutParam, "post_logout_redirect_uri")
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxAge == 0 {
		cfg.MaxAge = 10 * time.Minute
	}
	if cfg.DiscoveryTimeout <= 0 {
		cfg.DiscoveryTimeout = 5 * time.Second
	}
	if cfg.DiscoveryTTL <= 0 {
		cfg.DiscoveryTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &RP{cfg: cfg}
}

// Issuer returns the trusted issuer.
func (rp *RP) Issuer() string { return rp.cfg.Issuer }

func (rp *RP) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, rp.cfg.HTTPClient)
}

// discover returns the provider's discovery document: the cached one while
// it is fresh; a stale one at once, starting a refresh; with none yet, the
// result of a fetch this caller starts or joins.
func (rp *RP) discover(ctx context.Context) (*discovery, error) {
	rp.mu.Lock()
	d := rp.cur
	if d != nil && rp.cfg.Now().Sub(d.at) < rp.cfg.DiscoveryTTL {
		rp.mu.Unlock()
		return d, nil
	}
	f := rp.startFetchLocked(ctx)
	if d != nil {
		rp.mu.Unlock()
		return d, nil
	}
	return rp.wait(ctx, f)
}

// Check fetches the discovery document now and reports whether the provider
// answers correctly: for a warning at start, and for /readyz through
// Healthy and LastError.
func (rp *RP) Check(ctx context.Context) error {
	rp.mu.Lock()
	f := rp.startFetchLocked(ctx)
	_, err := rp.wait(ctx, f)
	return err
}

// Healthy reports whether the provider has been discovered and its last
// discovery attempt succeeded.
func (rp *RP) Healthy() bool {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.cur != nil && rp.lastErr == nil
}

// LastError is the error of the last discovery attempt, nil after a success.
func (rp *RP) LastError() error {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.lastErr
}

// startFetchLocked joins the fetch in progress or starts one; rp.mu is held.
func (rp *RP) startFetchLocked(ctx context.Context) *flight {
	if rp.flight != nil {
		return rp.flight
	}
	f := &flight{done: make(chan struct{})}
	rp.flight = f
	// The fetch is shared: no caller's cancellation ends it, only its own timeout.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rp.cfg.DiscoveryTimeout)
	go func() {
		defer cancel()
		d, err := rp.fetch(fctx)
		rp.mu.Lock()
		f.d, f.err = d, err
		rp.lastErr = err
		if err == nil {
			rp.cur = d
		}
		rp.flight = nil
		rp.mu.Unlock()
		close(f.done)
	}()
	return f
}

// wait releases rp.mu (held on entry) and waits for f or for ctx.
func (rp *RP) wait(ctx context.Context, f *flight) (*discovery, error) {
	rp.waiters++
	rp.mu.Unlock()
	defer func() {
		rp.mu.Lock()
		rp.waiters--
		rp.mu.Unlock()
	}()
	select {
	case <-f.done:
		return f.d, f.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrUnreachable, ctx.Err())
	}
}

func (rp *RP) fetch(ctx context.Context) (*discovery, error) {
	p, err := oidc.NewProvider(rp.ctx(ctx), rp.cfg.Issuer)
	if err != nil {
		return nil, discoveryError(rp.cfg.Issuer, err)
	}
	var extra struct {
		EndSession      string    `json:"end_session_endpoint"`
		ScopesSupported *[]string `json:"scopes_supported"`
	}
	p.Claims(&extra)
	secret := rp.cfg.ClientSecret
	ep := p.Endpoint()
	if rp.cfg.DGASecret {
		secret = DGASecretHash(secret)
		ep.AuthStyle = oauth2.AuthStyleInHeader
	}
	return &discovery{provider: p, endSess: extra.EndSession, at: rp.cfg.Now(),
		oauth: oauth2.Config{ClientID: rp.cfg.ClientID, ClientSecret: secret, Endpoint: ep,
			RedirectURL: rp.cfg.RedirectURL, Scopes: rp.scopes(extra.ScopesSupported)},
		verifier: p.Verifier(&oidc.Config{ClientID: rp.cfg.ClientID})}, nil
}

// scopes keeps the configured scopes the provider lists as supported (all
// of them when it lists none): a standard provider (dex) refuses the whole
// login over one unknown scope. openid is always asked for.
func (rp *RP) scopes(supported *[]string) []string {
	if supported == nil {
		return rp.cfg.Scopes
	}
	var keep, drop []string
	for _, s := range rp.cfg.Scopes {
		if s == oidc.ScopeOpenID || slices.Contains(*supported, s) {
			keep = append(keep, s)
		} else {
			drop = append(drop, s)
		}
	}
	if d := strings.Join(drop, " "); d != "" {
		rp.mu.Lock()
		again := rp.warned == d
		rp.warned = d
		rp.mu.Unlock()
		if !again {
			rp.cfg.Logger.Warn("auth: the provider does not support some configured scopes; not asking for them",
				"issuer", rp.cfg.Issuer, "dropped", d, "asked", strings.Join(keep, " "))
		}
	}
	return keep
}

// discoveryError tells an unreachable provider (try later) from one that
// answers wrongly (tell the administrator).
func discoveryError(issuer string, err error) error {
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) || strings.HasPrefix(err.Error(), "5") {
		return fmt.Errorf("%w: discover %s: %w", ErrUnreachable, issuer, err)
	}
	return fmt.Errorf("%w: discover %s: %w", ErrProvider, issuer, err)
}

// DGASecretHash is md5(x+"EGA") applied seven times, in hex: how DGA's
// Digital ID expects the client secret (DOMAIN.md §6).
func DGASecretHash(secret string) string {
	x := secret
	for range 7 {
		sum := md5.Sum([]byte(x + "EGA"))
		x = hex.EncodeToString(sum[:])
	}
	return x
}

// Flow is what must survive the round trip to the provider (kept in the session).
type Flow struct {
	State, Nonce, Verifier string
}

// Start returns the provider's authorization URL and the flow to remember.
//
// Every sign-in asks the provider to authenticate the person afresh
// (prompt=login, and max_age, checked in Finish against auth_time). The back
// office has its own idle and absolute timeouts; without this the provider's
// longer single sign-on session would open a new back-office session with no
// password whenever ours expired, for whoever sits at the screen. A marker
// cookie ("was signed in before") would spare the first sign-in of the day,
// but that very person can delete it, so the rule holds for every sign-in.
func (rp *RP) Start(ctx context.Context) (string, Flow, error) {
	d, err := rp.discover(ctx)
	if err != nil {
		return "", Flow{}, err
	}
	f := Flow{State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier()}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier),
		oauth2.SetAuthURLParam("prompt", "login")}
	if rp.cfg.MaxAge > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("max_age", strconv.Itoa(int(rp.cfg.MaxAge.Seconds()))))
	}
	return d.oauth.AuthCodeURL(f.State, opts...), f, nil
}

// Errors of Start and Finish, shown to the person in words they can act on.
// Those that wrap a cause (fmt.Errorf %w) are found with errors.Is; the
// cause is for the log.
var (
	ErrDeclined = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "ท่านไม่ได้ยินยอมให้ใช้ข้อมูลจาก Digital ID จึงเข้าสู่ระบบไม่ได้ หากต้องการเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้งและกด \"ยินยอม\"",
		EN: "You did not consent to sharing your Digital ID data, so you cannot sign in. To sign in, try again and press \"Consent\"."}
	ErrBadState = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "การเข้าสู่ระบบหมดเวลาหรือไม่สมบูรณ์ กรุณาเข้าสู่ระบบใหม่อีกครั้ง",
		EN: "The sign-in expired or was interrupted. Please sign in again."}
	ErrUnreachable = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "ขณะนี้ติดต่อบริการยืนยันตัวตน (Digital ID) ไม่ได้ กรุณาลองใหม่ในภายหลัง",
		EN: "The sign-in service (Digital ID) cannot be reached right now. Please try again later."}
	ErrCredentials = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "บริการยืนยันตัวตนไม่ยอมรับข้อมูลประจำตัวของเว็บไซต์นี้ (client ID หรือ client secret) กรุณาแจ้งผู้ดูแลระบบ",
		EN: "The sign-in service refused this site's credentials (client ID or secret). Please tell the administrator."}
	ErrScope = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "บริการยืนยันตัวตนไม่อนุญาตข้อมูลที่เว็บไซต์นี้ขอ (scope) กรุณาแจ้งผู้ดูแลระบบ",
		EN: "The sign-in service refused the permissions this site asked for (scope). Please tell the administrator."}
	ErrProvider = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "บริการยืนยันตัวตนตอบกลับในรูปแบบที่เว็บไซต์นี้ใช้ไม่ได้ กรุณาแจ้งผู้ดูแลระบบ",
		EN: "The sign-in service answered in a way this site cannot use. Please tell the administrator."}
	ErrNotFresh = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "บริการยืนยันตัวตนไม่ได้ขอให้ท่านยืนยันตัวตนใหม่ กรุณาเข้าสู่ระบบอีกครั้ง หากยังพบปัญหา กรุณาแจ้งผู้ดูแลระบบ",
		EN: "The sign-in service did not ask you to sign in afresh. Please sign in again; if this keeps happening, tell the administrator."}
)

// authTimeSkew allows for clocks of the provider and this site that differ.
const authTimeSkew = 2 * time.Minute

// Finish completes the login from the provider's redirect: it checks state,
// exchanges the code with the PKCE verifier, verifies the ID token, its
// nonce and auth_time, and reads userinfo. It returns the profile and the
// raw ID token (the hint for logout).
func (rp *RP) Finish(ctx context.Context, q url.Values, f Flow) (*openinfo.User, string, error) {
	if e := q.Get("error"); e != "" {
		cause := fmt.Errorf("provider error %q: %s", e, q.Get("error_description"))
		switch e {
		case "access_denied":
			return nil, "", ErrDeclined
		case "invalid_scope":
			return nil, "", fmt.Errorf("%w: %w", ErrScope, cause)
		case "unauthorized_client", "invalid_client":
			return nil, "", fmt.Errorf("%w: %w", ErrCredentials, cause)
		case "temporarily_unavailable", "server_error":
			return nil, "", fmt.Errorf("%w: %w", ErrUnreachable, cause)
		}
		return nil, "", fmt.Errorf("%w: %w", ErrProvider, cause)
	}
	if f.State == "" || q.Get("state") != f.State {
		return nil, "", ErrBadState
	}
	d, err := rp.discover(ctx)
	if err != nil {
		return nil, "", err
	}
	ctx = rp.ctx(ctx)
	tok, err := d.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return nil, "", exchangeError(err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, "", fmt.Errorf("%w: no id_token in the token response", ErrProvider)
	}
	idt, err := d.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, "", fmt.Errorf("%w: verify ID token: %w", ErrProvider, err)
	}
	if idt.Nonce != f.Nonce {
		return nil, "", ErrBadState
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrProvider, err)
	}
	if err := rp.checkAuthTime(claims); err != nil {
		return nil, "", err
	}
	if ui, err := d.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		if ui.Subject != idt.Subject {
			return nil, "", fmt.Errorf("%w: userinfo subject differs from the ID token's", ErrProvider)
		}
		more := map[string]any{}
		if ui.Claims(&more) == nil {
			for k, v := range more {
				claims[k] = v
			}
		}
	}
	str := func(k string) string { s, _ := claims[k].(string); return strings.TrimSpace(s) }
	u := &openinfo.User{Issuer: idt.Issuer, Subject: idt.Subject, Username: str(rp.cfg.ClaimUsername),
		GivenName: str(rp.cfg.ClaimGivenName), FamilyName: str(rp.cfg.ClaimFamilyName), Phone: str(rp.cfg.ClaimPhone),
		Email: str("email")} // where licence-report reminders go
	// Providers that send only name and e-mail: the officer still has a name
	// to show and to write in the audit log (User.FullName falls back to sub).
	if u.GivenName == "" && u.FamilyName == "" {
		u.GivenName = str("name")
	}
	if u.Username == "" {
		u.Username = str("email")
	}
	return u, raw, nil
}

// checkAuthTime refuses an authentication older than the max_age Start
// asked for: the provider reused its session instead of asking the person.
func (rp *RP) checkAuthTime(claims map[string]any) error {
	if rp.cfg.MaxAge <= 0 {
		return nil
	}
	at, ok := claims["auth_time"].(float64)
	if !ok {
		// Required with max_age, yet some providers omit it; refusing would
		// lock everyone out, so this relies on prompt=login alone.
		rp.mu.Lock()
		first := !rp.noAuthTime
		rp.noAuthTime = true
		rp.mu.Unlock()
		if first {
			rp.cfg.Logger.Warn("auth: the provider sends no auth_time; cannot check that sign-ins are fresh", "issuer", rp.cfg.Issuer)
		}
		return nil
	}
	age := rp.cfg.Now().Sub(time.Unix(int64(at), 0))
	if age > rp.cfg.MaxAge+authTimeSkew {
		return fmt.Errorf("%w: auth_time is %s old, max_age %s", ErrNotFresh, age.Round(time.Second), rp.cfg.MaxAge)
	}
	return nil
}

// exchangeError tells refused credentials, an expired or reused code, and
// an unreachable token endpoint apart.
func exchangeError(err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("%w: exchange code: %w", ErrUnreachable, err)
	}
	switch {
	case re.ErrorCode == "invalid_client" || re.ErrorCode == "unauthorized_client" ||
		re.ErrorCode == "" && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("%w: exchange code: %w", ErrCredentials, err)
	case re.ErrorCode == "invalid_grant":
		return fmt.Errorf("%w: exchange code: %w", ErrBadState, err)
	case re.Response != nil && re.Response.StatusCode >= 500:
		return fmt.Errorf("%w: exchange code: %w", ErrUnreachable, err)
	}
	return fmt.Errorf("%w: exchange code: %w", ErrProvider, err)
}

// LogoutURL returns where to send the browser to end the session at the
// provider too, or "" when the provider has no end-session endpoint.
func (rp *RP) LogoutURL(ctx context.Context, idToken string) string {
	d, err := rp.discover(ctx)
	if err != nil || d.endSess == "" {
		return ""
	}
	q := url.Values{}
	if idToken != "" {
		q.Set("id_token_hint", idToken)
	}
	if rp.cfg.PostLogoutURL != "" {
		q.Set(rp.cfg.LogoutParam, rp.cfg.PostLogoutURL)
	}
	sep := "?"
	if strings.Contains(d.endSess, "?") {
		sep = "&"
	}
	return d.endSess + sep + q.Encode()
}

func randomString() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
