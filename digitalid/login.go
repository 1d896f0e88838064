package digitalid

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	openinfo "github.com/openinfo/openinfo"
)

// session returns the subject and login time of the browser's session.
func (p *Provider) session(r *http.Request) (sub string, authTime time.Time, ok bool) {
	c, err := r.Cookie(cookieSession)
	if err != nil || c.Value == "" {
		return "", time.Time{}, false
	}
	var exp time.Time
	err = p.db.QueryRowContext(r.Context(), `SELECT sub, auth_time, expires_at FROM did_sessions WHERE id = $1`, hashToken(c.Value)).Scan(&sub, &authTime, &exp)
	if err != nil || !p.nowUTC().Before(exp) {
		return "", time.Time{}, false
	}
	return sub, authTime, true
}

func (p *Provider) startSession(ctx context.Context, w http.ResponseWriter, sub string) (time.Time, error) {
	tok := randomToken()
	now := p.nowUTC()
	p.db.ExecContext(ctx, `DELETE FROM did_sessions WHERE expires_at < $1`, now)
	if _, err := p.db.ExecContext(ctx, `INSERT INTO did_sessions (id, sub, auth_time, created_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
		hashToken(tok), sub, now, now.Add(sessionTTL)); err != nil {
		return time.Time{}, err
	}
	p.setCookie(w, cookieSession, tok, sessionTTL)
	return now, nil
}

// loginUserIPKey is the did_attempts key of a user name at an address.
// Addresses have no "@", so the last one separates them.
func loginUserIPKey(username, ip string) string { return "userip:" + username + "@" + ip }

// clearLoginFailures forgets the failed logins of a registered username
// (after a password reset), at every address and in total. Registered names
// are letters and digits: no LIKE wildcards.
func (p *Provider) clearLoginFailures(ctx context.Context, username string) {
	p.db.ExecContext(ctx, `DELETE FROM did_attempts WHERE kind = $1 AND (key = $2 OR key LIKE $3)`,
		kindLogin, "user:"+username, loginUserIPKey(username, "%"))
}

// A browser that logged in to an account is known to it: the did_device
// cookie keeps, for up to maxKnownAccounts accounts, a MAC of (sub, password
// hash, time of login) under Secret. The password hash is in it so that a
// new password (a reset after a theft) forgets every browser known before. From a known browser the per-account and per-address
// login limits do not apply (the per-(account, address) one does), so an
// attacker's failures elsewhere cannot lock the user out of their own
// device.
const (
	cookieDevice     = "did_device"
	knownDeviceTTL   = 180 * 24 * time.Hour
	maxKnownAccounts = 5
)

// deviceEntries splits the did_device cookie: entries "<unix time in base
// 36>-<MAC>" joined by ".".
func deviceEntries(r *http.Request) []string {
	c, err := r.Cookie(cookieDevice)
	if err != nil || c.Value == "" || len(c.Value) > 1024 {
		return nil
	}
	return strings.Split(c.Value, ".")
}

// deviceEntry checks e against u: whether it is u's, and whether it is
// still valid for anyone (not expired, well formed).
func (p *Provider) deviceEntry(e string, u *user) (mine, valid bool) {
	ts, mac, ok := strings.Cut(e, "-")
	if !ok {
		return false, false
	}
	secs, err := strconv.ParseInt(ts, 36, 64)
	if err != nil || p.nowUTC().Sub(time.Unix(secs, 0)) > knownDeviceTTL {
		return false, false
	}
	return hmac.Equal([]byte(mac), []byte(p.deviceMAC(u, ts))), true
}

func (p *Provider) deviceMAC(u *user, ts string) string {
	return p.mac("known device", u.Sub, u.PasswordHash, ts)
}

func (p *Provider) knownDevice(r *http.Request, u *user) bool {
	for _, e := range deviceEntries(r) {
		if mine, _ := p.deviceEntry(e, u); mine {
			return true
		}
	}
	return false
}

// rememberDevice marks the browser as known to u, newest first.
func (p *Provider) rememberDevice(w http.ResponseWriter, r *http.Request, u *user) {
	ts := strconv.FormatInt(p.nowUTC().Unix(), 36)
	entries := []string{ts + "-" + p.deviceMAC(u, ts)}
	for _, e := range deviceEntries(r) {
		if mine, valid := p.deviceEntry(e, u); valid && !mine && len(entries) < maxKnownAccounts {
			entries = append(entries, e)
		}
	}
	p.setCookie(w, cookieDevice, strings.Join(entries, "."), knownDeviceTTL)
}

// loginAuthRequest loads the auth request named in the query or form.
func (p *Provider) loginAuthRequest(r *http.Request) (*authRequest, error) {
	id := r.FormValue("id")
	if id == "" {
		return nil, userErr(openinfo.EINVALID, msgRequestExpired)
	}
	a, err := p.authRequest(r.Context(), id)
	var nf notFound
	if errors.As(err, &nf) {
		return nil, userErr(openinfo.EINVALID, msgRequestExpired)
	}
	return a, err
}

func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request, a *authRequest) *page {
	pg := p.newPage(w, r)
	pg.Data["ID"] = a.ID
	pg.Data["Client"] = p.clients[a.ClientID].displayName()
	return pg
}

func (p *Provider) handleLogin(w http.ResponseWriter, r *http.Request) {
	a, err := p.loginAuthRequest(r)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if sub, authTime, ok := p.session(r); ok && !a.hasPrompt(oidc.PromptLogin) && !a.hasPrompt(oidc.PromptSelectAccount) &&
		(a.MaxAge == nil || p.nowUTC().Sub(authTime) <= time.Duration(*a.MaxAge)*time.Second) &&
		(a.UserSub == "" || a.UserSub == sub) {
		p.continueAuth(w, r, a, sub, authTime)
		return
	}
	if a.hasPrompt(oidc.PromptNone) {
		op.AuthRequestError(w, r, a, oidc.ErrLoginRequired(), p.op)
		return
	}
	pg := p.loginPage(w, r, a)
	if a.LoginHint != "" {
		pg.Form["username"] = a.LoginHint
	}
	p.render(w, r, http.StatusOK, "login", pg)
}

func (p *Provider) handleLoginPost(w http.ResponseWriter, r *http.Request) {
	a, err := p.loginAuthRequest(r)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	pg := p.loginPage(w, r, a)
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	password := r.PostFormValue("password")
	pg.Form["username"] = username
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "login", pg)
		return
	}
	if username == "" {
		pg.fieldErr("username", msgRequired)
	}
	if password == "" {
		pg.fieldErr("password", msgRequired)
	}
	if len(pg.Errors) > 0 {
		p.render(w, r, http.StatusUnprocessableEntity, "login", pg)
		return
	}
	ctx := r.Context()
	ip := p.clientIP(r)
	u, err := p.userByUsername(ctx, username)
	if err != nil && !isNotFound(err) {
		p.fail(w, r, err)
		return
	}
	limits := []attemptLimit{{loginUserIPKey(username, ip), loginPerUser, 0}}
	if u == nil || !p.knownDevice(r, u) {
		limits = append(limits, attemptLimit{"ip:" + ip, loginPerIP, 0}, attemptLimit{"user:" + username, loginPerAccount, accountWindow})
	}
	reserved, until, blocked, err := p.reserve(ctx, kindLogin, limits...)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if blocked {
		pg.Error = atTime(msgLocked, until).in(pg.Lang)
		p.render(w, r, http.StatusTooManyRequests, "login", pg)
		return
	}
	hash := dummyHash // a login takes as long whether or not the name is registered
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := p.checkPassword(ctx, hash, password)
	if err != nil {
		p.release(ctx, reserved) // not checked: no failure
		if errors.Is(err, errBusy) {
			p.renderBusy(w, r, "login", pg)
			return
		}
		p.fail(w, r, err)
		return
	}
	if u == nil || !ok {
		pg.Error = msgLoginFailed.in(pg.Lang)
		pg.Errors["password"] = msgLoginFailed.in(pg.Lang)
		p.render(w, r, http.StatusUnauthorized, "login", pg)
		return
	}
	// The per-account count stays: a success elsewhere must not give an
	// attacker new tries.
	p.release(ctx, reserved)
	p.clearFailures(ctx, kindLogin, loginUserIPKey(username, ip))
	authTime, err := p.startSession(ctx, w, u.Sub)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.rememberDevice(w, r, u)
	p.continueAuth(w, r, a, u.Sub, authTime)
}

// continueAuth binds the logged-in user to the request and asks for consent
// unless the user already gave it for these scopes.
func (p *Provider) continueAuth(w http.ResponseWriter, r *http.Request, a *authRequest, sub string, authTime time.Time) {
	ctx := r.Context()
	if _, err := p.db.ExecContext(ctx, `UPDATE did_auth_requests SET user_sub = $1, auth_time = $2 WHERE id = $3 AND done_at IS NULL`, sub, authTime, a.ID); err != nil {
		p.fail(w, r, err)
		return
	}
	if !a.hasPrompt(oidc.PromptConsent) {
		granted, err := p.hasConsent(ctx, sub, a.ClientID, a.Scopes)
		if err != nil {
			p.fail(w, r, err)
			return
		}
		if granted {
			p.finishAuth(w, r, a.ID, sub)
			return
		}
	}
	if a.hasPrompt(oidc.PromptNone) {
		op.AuthRequestError(w, r, a, &oidc.Error{ErrorType: "consent_required", Description: "the user has not consented to this client"}, p.op)
		return
	}
	http.Redirect(w, r, p.prefix+"/consent?id="+url.QueryEscape(a.ID), http.StatusSeeOther)
}

func (p *Provider) hasConsent(ctx context.Context, sub, clientID string, scopes []string) (bool, error) {
	var granted string
	err := p.db.QueryRowContext(ctx, `SELECT scopes FROM did_consents WHERE sub = $1 AND client_id = $2`, sub, clientID).Scan(&granted)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	have := strings.Fields(granted)
	for _, s := range scopes {
		if !slices.Contains(have, s) {
			return false, nil
		}
	}
	return true, nil
}

// finishAuth marks the request done and hands it back to the op, which
// issues the code and redirects to the client.
func (p *Provider) finishAuth(w http.ResponseWriter, r *http.Request, id, sub string) {
	res, err := p.db.ExecContext(r.Context(), `UPDATE did_auth_requests SET done_at = $1 WHERE id = $2 AND user_sub = $3 AND auth_time IS NOT NULL AND done_at IS NULL`, p.nowUTC(), id, sub)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if n, _ := res.RowsAffected(); n != 1 {
		p.fail(w, r, userErr(openinfo.EINVALID, msgRequestExpired))
		return
	}
	http.Redirect(w, r, p.prefix+"/authorize/callback?id="+url.QueryEscape(id), http.StatusSeeOther)
}

// consentRequest loads the auth request and checks that the browser's
// session is the user who logged in for it. The request's auth_time is set
// only once the login page accepted the session or the password (honouring
// prompt=login and max_age); user_sub alone may come from an id_token_hint.
func (p *Provider) consentRequest(w http.ResponseWriter, r *http.Request) (*authRequest, string, bool) {
	a, err := p.loginAuthRequest(r)
	if err != nil {
		p.fail(w, r, err)
		return nil, "", false
	}
	sub, _, ok := p.session(r)
	if !ok || a.UserSub == "" || a.UserSub != sub || a.AuthTime.IsZero() {
		http.Redirect(w, r, p.prefix+"/login?id="+url.QueryEscape(a.ID), http.StatusSeeOther)
		return nil, "", false
	}
	return a, sub, true
}

func (p *Provider) consentPage(w http.ResponseWriter, r *http.Request, a *authRequest, sub string) (*page, error) {
	u, err := p.userBySub(r.Context(), sub)
	if err != nil {
		return nil, err
	}
	pg := p.newPage(w, r)
	pg.Data["ID"] = a.ID
	pg.Data["Client"] = p.clients[a.ClientID].displayName()
	pg.Data["User"] = u.GivenName + " " + u.FamilyName + " (" + u.Username + ")"
	var claims []string
	for _, s := range a.Scopes {
		switch s {
		case oidc.ScopeOpenID:
			claims = append(claims, tr(pg.Lang, "claim_sub"))
		case oidc.ScopeProfile:
			claims = append(claims, tr(pg.Lang, "claim_profile"))
		case oidc.ScopePhone:
			claims = append(claims, tr(pg.Lang, "claim_phone"))
		case scopeCitizenID:
			claims = append(claims, tr(pg.Lang, "claim_citizen_id"))
		}
	}
	pg.Data["Claims"] = claims
	return pg, nil
}

func (p *Provider) handleConsent(w http.ResponseWriter, r *http.Request) {
	a, sub, ok := p.consentRequest(w, r)
	if !ok {
		return
	}
	pg, err := p.consentPage(w, r, a, sub)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.render(w, r, http.StatusOK, "consent", pg)
}

func (p *Provider) handleConsentPost(w http.ResponseWriter, r *http.Request) {
	a, sub, ok := p.consentRequest(w, r)
	if !ok {
		return
	}
	pg, err := p.consentPage(w, r, a, sub)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "consent", pg)
		return
	}
	switch r.PostFormValue("decision") {
	case "allow":
		if _, err := p.db.ExecContext(r.Context(), `INSERT INTO did_consents (sub, client_id, scopes, granted_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (sub, client_id) DO UPDATE SET scopes = excluded.scopes, granted_at = excluded.granted_at`,
			sub, a.ClientID, strings.Join(a.Scopes, " "), p.nowUTC()); err != nil {
			p.fail(w, r, err)
			return
		}
		p.finishAuth(w, r, a.ID, sub)
	case "deny":
		p.db.ExecContext(r.Context(), `DELETE FROM did_auth_requests WHERE id = $1`, a.ID)
		op.AuthRequestError(w, r, a, oidc.ErrAccessDenied().WithDescription("the user did not consent"), p.op)
	default:
		pg.Error = msgMustConsent.in(pg.Lang)
		p.render(w, r, http.StatusUnprocessableEntity, "consent", pg)
	}
}
