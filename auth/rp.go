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
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/openinfo/openinfo"
)

// Config says which provider to trust and how to read its claims.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string   // this site's /admin/callback
	Scopes       []string // default: openid profile phone
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
}

// RP is the relying party. Discovery runs on first use and is retried after
// a failure, so the site can start before its provider (the built-in one is
// served by this very process).
type RP struct {
	cfg Config

	mu       sync.Mutex
	provider *oidc.Provider
	endSess  string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// New returns a relying party for cfg.
func New(cfg Config) *RP {
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{oidc.ScopeOpenID, "profile", "phone"}
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
	return &RP{cfg: cfg}
}

// Issuer returns the trusted issuer.
func (rp *RP) Issuer() string { return rp.cfg.Issuer }

func (rp *RP) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, rp.cfg.HTTPClient)
}

func (rp *RP) discover(ctx context.Context) error {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if rp.provider != nil {
		return nil
	}
	p, err := oidc.NewProvider(rp.ctx(ctx), rp.cfg.Issuer)
	if err != nil {
		return fmt.Errorf("auth: discover %s: %w", rp.cfg.Issuer, err)
	}
	var extra struct {
		EndSession string `json:"end_session_endpoint"`
	}
	p.Claims(&extra)
	secret := rp.cfg.ClientSecret
	ep := p.Endpoint()
	if rp.cfg.DGASecret {
		secret = DGASecretHash(secret)
		ep.AuthStyle = oauth2.AuthStyleInHeader
	}
	rp.provider, rp.endSess = p, extra.EndSession
	rp.oauth = oauth2.Config{ClientID: rp.cfg.ClientID, ClientSecret: secret, Endpoint: ep,
		RedirectURL: rp.cfg.RedirectURL, Scopes: rp.cfg.Scopes}
	rp.verifier = p.Verifier(&oidc.Config{ClientID: rp.cfg.ClientID})
	return nil
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
func (rp *RP) Start(ctx context.Context) (string, Flow, error) {
	if err := rp.discover(ctx); err != nil {
		return "", Flow{}, err
	}
	f := Flow{State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier()}
	u := rp.oauth.AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier))
	return u, f, nil
}

// Errors of Finish, shown to the person.
var (
	ErrDeclined = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "ท่านไม่ได้ยินยอมให้ใช้ข้อมูลจาก Digital ID จึงเข้าสู่ระบบไม่ได้ หากต้องการเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้งและกด \"ยินยอม\"",
		EN: "You did not consent to sharing your Digital ID data, so you cannot sign in. To sign in, try again and press \"Consent\"."}
	ErrBadState = &openinfo.Error{Code: openinfo.EUNAUTHORIZED,
		TH: "การเข้าสู่ระบบหมดเวลาหรือไม่สมบูรณ์ กรุณาเข้าสู่ระบบใหม่อีกครั้ง",
		EN: "The sign-in expired or was interrupted. Please sign in again."}
)

// Finish completes the login from the provider's redirect: it checks state,
// exchanges the code with the PKCE verifier, verifies the ID token and its
// nonce, and reads userinfo. It returns the profile and the raw ID token (the
// hint for logout).
func (rp *RP) Finish(ctx context.Context, q url.Values, f Flow) (*openinfo.User, string, error) {
	if e := q.Get("error"); e != "" {
		if e == "access_denied" {
			return nil, "", ErrDeclined
		}
		return nil, "", fmt.Errorf("auth: provider error %q: %s", e, q.Get("error_description"))
	}
	if f.State == "" || q.Get("state") != f.State {
		return nil, "", ErrBadState
	}
	if err := rp.discover(ctx); err != nil {
		return nil, "", err
	}
	ctx = rp.ctx(ctx)
	tok, err := rp.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return nil, "", fmt.Errorf("auth: exchange code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, "", errors.New("auth: no id_token in the token response")
	}
	idt, err := rp.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, "", fmt.Errorf("auth: verify ID token: %w", err)
	}
	if idt.Nonce != f.Nonce {
		return nil, "", ErrBadState
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return nil, "", err
	}
	if ui, err := rp.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		if ui.Subject != idt.Subject {
			return nil, "", errors.New("auth: userinfo subject differs from the ID token's")
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
		GivenName: str(rp.cfg.ClaimGivenName), FamilyName: str(rp.cfg.ClaimFamilyName), Phone: str(rp.cfg.ClaimPhone)}
	return u, raw, nil
}

// LogoutURL returns where to send the browser to end the session at the
// provider too, or "" when the provider has no end-session endpoint.
func (rp *RP) LogoutURL(ctx context.Context, idToken string) string {
	if rp.discover(ctx) != nil || rp.endSess == "" {
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
	if strings.Contains(rp.endSess, "?") {
		sep = "&"
	}
	return rp.endSess + sep + q.Encode()
}

func randomString() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
