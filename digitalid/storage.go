package digitalid

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	authRequestTTL = 30 * time.Minute
	accessTokenTTL = time.Hour
	idTokenTTL     = time.Hour
)

// client adapts a Client to op.Client.
type client struct {
	Client
	p *Provider
}

func (c *client) GetID() string                    { return c.ID }
func (c *client) RedirectURIs() []string           { return c.Client.RedirectURIs }
func (c *client) PostLogoutRedirectURIs() []string { return c.Client.PostLogoutRedirectURIs }
func (c *client) public() bool                     { return c.Secret == "" }
func (c *client) ApplicationType() op.ApplicationType {
	if c.public() {
		return op.ApplicationTypeUserAgent
	}
	return op.ApplicationTypeWeb
}
func (c *client) AuthMethod() oidc.AuthMethod {
	if c.public() {
		return oidc.AuthMethodNone
	}
	return oidc.AuthMethodBasic // client_secret_post is accepted as well (op.Config.AuthMethodPost)
}
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string    { return c.p.issuer + "/login?id=" + id }
func (c *client) AccessTokenType() op.AccessTokenType {
	return op.AccessTokenTypeBearer
}
func (c *client) IDTokenLifetime() time.Duration { return idTokenTTL }
func (c *client) DevMode() bool                  { return c.p.insecure }
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) IsScopeAllowed(scope string) bool     { return scope == scopeCitizenID }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }
func (c *client) displayName() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// authRequest is a row of did_auth_requests.
type authRequest struct {
	ID                  string
	ClientID            string
	RedirectURI         string
	Scopes              []string
	State, Nonce        string
	ResponseType        string
	ResponseMode        string
	CodeChallenge       string
	CodeChallengeMethod string
	Prompt              []string
	MaxAge              *int64
	LoginHint           string
	UserSub             string
	AuthTime            time.Time
	DoneAt              *time.Time
	CreatedAt           time.Time
	ExpiresAt           time.Time
}

func (a *authRequest) GetID() string  { return a.ID }
func (a *authRequest) GetACR() string { return "" }
func (a *authRequest) GetAMR() []string {
	if a.DoneAt != nil {
		return []string{"pwd"}
	}
	return nil
}
func (a *authRequest) GetAudience() []string  { return []string{a.ClientID} }
func (a *authRequest) GetAuthTime() time.Time { return a.AuthTime }
func (a *authRequest) GetClientID() string    { return a.ClientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.CodeChallenge == "" {
		return nil
	}
	m := oidc.CodeChallengeMethodPlain
	if a.CodeChallengeMethod == string(oidc.CodeChallengeMethodS256) {
		m = oidc.CodeChallengeMethodS256
	}
	return &oidc.CodeChallenge{Challenge: a.CodeChallenge, Method: m}
}
func (a *authRequest) GetNonce() string                   { return a.Nonce }
func (a *authRequest) GetRedirectURI() string             { return a.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType { return oidc.ResponseType(a.ResponseType) }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return oidc.ResponseMode(a.ResponseMode) }
func (a *authRequest) GetScopes() []string                { return a.Scopes }
func (a *authRequest) GetState() string                   { return a.State }
func (a *authRequest) GetSubject() string                 { return a.UserSub }
func (a *authRequest) Done() bool                         { return a.DoneAt != nil }

func (a *authRequest) hasPrompt(p string) bool { return slices.Contains(a.Prompt, p) }

const authRequestColumns = `id, client_id, redirect_uri, scopes, state, nonce, response_type, response_mode,
	code_challenge, code_challenge_method, prompt, max_age, login_hint, user_sub, auth_time, done_at, created_at, expires_at`

func scanAuthRequest(row interface{ Scan(...any) error }) (*authRequest, error) {
	var a authRequest
	var scopes, prompt string
	var maxAge sql.NullInt64
	var authTime, doneAt sql.NullTime
	err := row.Scan(&a.ID, &a.ClientID, &a.RedirectURI, &scopes, &a.State, &a.Nonce, &a.ResponseType, &a.ResponseMode,
		&a.CodeChallenge, &a.CodeChallengeMethod, &prompt, &maxAge, &a.LoginHint, &a.UserSub, &authTime, &doneAt, &a.CreatedAt, &a.ExpiresAt)
	if err != nil {
		return nil, err
	}
	a.Scopes = strings.Fields(scopes)
	a.Prompt = strings.Fields(prompt)
	if maxAge.Valid {
		a.MaxAge = &maxAge.Int64
	}
	if authTime.Valid {
		a.AuthTime = authTime.Time
	}
	if doneAt.Valid {
		t := doneAt.Time
		a.DoneAt = &t
	}
	return &a, nil
}

// errNotFound satisfies op.StorageNotFoundError.
type notFound struct{ what string }

func (e notFound) Error() string { return e.what + " not found" }
func (notFound) IsNotFound()     {}

func (p *Provider) authRequest(ctx context.Context, id string) (*authRequest, error) {
	a, err := scanAuthRequest(p.db.QueryRowContext(ctx, `SELECT `+authRequestColumns+` FROM did_auth_requests WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound{"auth request"}
	}
	if err != nil {
		return nil, err
	}
	if !p.nowUTC().Before(a.ExpiresAt) {
		return nil, notFound{"auth request"}
	}
	return a, nil
}

// storage implements op.Storage on the database.
type storage struct{ p *Provider }

var _ op.Storage = (*storage)(nil)

func (s *storage) CreateAuthRequest(ctx context.Context, r *oidc.AuthRequest, userID string) (op.AuthRequest, error) {
	p := s.p
	c := p.clients[r.ClientID]
	if c == nil {
		return nil, oidc.ErrInvalidClient()
	}
	if r.CodeChallenge != "" && r.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	}
	if c.public() && r.CodeChallenge == "" {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE (code_challenge with S256) is required for public clients")
	}
	if r.ResponseType != oidc.ResponseTypeCode {
		return nil, &oidc.Error{ErrorType: "unsupported_response_type", Description: "only response_type=code is supported"}
	}
	now := p.nowUTC()
	a := &authRequest{
		ID: randomID(), ClientID: r.ClientID, RedirectURI: r.RedirectURI, Scopes: r.Scopes,
		State: r.State, Nonce: r.Nonce, ResponseType: string(r.ResponseType), ResponseMode: string(r.ResponseMode),
		CodeChallenge: r.CodeChallenge, CodeChallengeMethod: string(r.CodeChallengeMethod),
		Prompt: r.Prompt, LoginHint: r.LoginHint, UserSub: userID,
		CreatedAt: now, ExpiresAt: now.Add(authRequestTTL),
	}
	var maxAge any
	if r.MaxAge != nil {
		v := int64(*r.MaxAge)
		a.MaxAge = &v
		maxAge = v
	}
	p.db.ExecContext(ctx, `DELETE FROM did_auth_requests WHERE expires_at < $1`, now)
	_, err := p.db.ExecContext(ctx, `INSERT INTO did_auth_requests (id, client_id, redirect_uri, scopes, state, nonce, response_type, response_mode,
		code_challenge, code_challenge_method, prompt, max_age, login_hint, user_sub, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		a.ID, a.ClientID, a.RedirectURI, strings.Join(a.Scopes, " "), a.State, a.Nonce, a.ResponseType, a.ResponseMode,
		a.CodeChallenge, a.CodeChallengeMethod, strings.Join(a.Prompt, " "), maxAge, a.LoginHint, a.UserSub, a.CreatedAt, a.ExpiresAt)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (s *storage) AuthRequestByID(ctx context.Context, id string) (op.AuthRequest, error) {
	return s.p.authRequest(ctx, id)
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	var id string
	err := s.p.db.QueryRowContext(ctx, `SELECT id FROM did_auth_requests WHERE code = $1`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound{"code"}
	}
	if err != nil {
		return nil, err
	}
	a, err := s.p.authRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.DoneAt == nil || s.p.nowUTC().Sub(*a.DoneAt) > 10*time.Minute {
		return nil, notFound{"code"}
	}
	return a, nil
}

// SaveAuthCode records the code once: a second callback for the same request
// (a replay) gets no second code.
func (s *storage) SaveAuthCode(ctx context.Context, id, code string) error {
	res, err := s.p.db.ExecContext(ctx, `UPDATE did_auth_requests SET code = $1 WHERE id = $2 AND code IS NULL AND done_at IS NOT NULL`, code, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return oidc.ErrInvalidRequest().WithDescription("authorization code already issued for this request")
	}
	return nil
}

// DeleteAuthRequest is called when the code is redeemed, so a code works once.
func (s *storage) DeleteAuthRequest(ctx context.Context, id string) error {
	res, err := s.p.db.ExecContext(ctx, `DELETE FROM did_auth_requests WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		// Another node redeemed it at the same moment.
		return oidc.ErrInvalidGrant().WithDescription("code already used")
	}
	return nil
}

func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	var clientID string
	switch r := req.(type) {
	case *authRequest:
		clientID = r.ClientID
	default:
		return "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	now := s.p.nowUTC()
	id := randomID()
	exp := now.Add(accessTokenTTL)
	s.p.db.ExecContext(ctx, `DELETE FROM did_tokens WHERE expires_at < $1`, now)
	_, err := s.p.db.ExecContext(ctx, `INSERT INTO did_tokens (id, client_id, sub, scopes, audience, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		id, clientID, req.GetSubject(), strings.Join(req.GetScopes(), " "), strings.Join(req.GetAudience(), " "), now, exp)
	if err != nil {
		return "", time.Time{}, err
	}
	return id, exp, nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, oidc.ErrUnsupportedGrantType().WithDescription("refresh tokens are not issued")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, oidc.ErrInvalidGrant().WithDescription("refresh tokens are not issued")
}

func (s *storage) TerminateSession(ctx context.Context, userID, clientID string) error {
	// The browser's own session is ended by the end_session wrapper (it has
	// the cookie); here the client's access tokens of the user are revoked.
	if userID == "" || clientID == "" {
		return nil
	}
	_, err := s.p.db.ExecContext(ctx, `DELETE FROM did_tokens WHERE sub = $1 AND client_id = $2`, userID, clientID)
	return err
}

func (s *storage) RevokeToken(ctx context.Context, tokenOrTokenID, userID, clientID string) *oidc.Error {
	if userID == "" {
		return nil // a refresh token: none are issued, nothing to do
	}
	var owner string
	err := s.p.db.QueryRowContext(ctx, `SELECT client_id FROM did_tokens WHERE id = $1`, tokenOrTokenID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	if owner != clientID {
		return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
	}
	if _, err := s.p.db.ExecContext(ctx, `DELETE FROM did_tokens WHERE id = $1`, tokenOrTokenID); err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	return nil
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) SigningKey(ctx context.Context) (op.SigningKey, error) {
	return s.p.signingKey(ctx)
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(ctx context.Context) ([]op.Key, error) {
	keys, err := s.p.loadKeys(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]op.Key, len(keys))
	for i, k := range keys {
		out[i] = publicKey{k}
	}
	return out, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	c := s.p.clients[id]
	if c == nil {
		return nil, notFound{"client"}
	}
	return c, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	c := s.p.clients[id]
	if c == nil || c.public() || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
		return oidc.ErrInvalidClient().WithDescription("client authentication failed")
	}
	return nil
}

func (s *storage) SetUserinfoFromScopes(ctx context.Context, info *oidc.UserInfo, sub, _ string, scopes []string) error {
	return s.p.setUserinfo(ctx, info, sub, scopes)
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, sub, _ string) error {
	var scopes string
	var exp time.Time
	err := s.p.db.QueryRowContext(ctx, `SELECT scopes, expires_at FROM did_tokens WHERE id = $1 AND sub = $2`, tokenID, sub).Scan(&scopes, &exp)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !s.p.nowUTC().Before(exp)) {
		return oidc.ErrAccessDenied().WithDescription("access token invalid or expired")
	}
	if err != nil {
		return err
	}
	return s.p.setUserinfo(ctx, info, sub, strings.Fields(scopes))
}

func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, sub, clientID string) error {
	var scopes, audience, owner string
	var exp time.Time
	err := s.p.db.QueryRowContext(ctx, `SELECT scopes, audience, client_id, expires_at FROM did_tokens WHERE id = $1 AND sub = $2`, tokenID, sub).Scan(&scopes, &audience, &owner, &exp)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !s.p.nowUTC().Before(exp)) {
		return nil // inactive
	}
	if err != nil {
		return err
	}
	if owner != clientID && !slices.Contains(strings.Fields(audience), clientID) {
		return nil
	}
	info := new(oidc.UserInfo)
	if err := s.p.setUserinfo(ctx, info, sub, strings.Fields(scopes)); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Scope = strings.Fields(scopes)
	resp.ClientID = owner
	resp.Audience = strings.Fields(audience)
	resp.Expiration = oidc.FromTime(exp)
	resp.Active = true
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("JWT profile client authentication is not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("JWT profile grant is not supported")
}

func (s *storage) Health(ctx context.Context) error { return s.p.db.PingContext(ctx) }

// setUserinfo fills the claims the scopes allow.
func (p *Provider) setUserinfo(ctx context.Context, info *oidc.UserInfo, sub string, scopes []string) error {
	u, err := p.userBySub(ctx, sub)
	if err != nil {
		return fmt.Errorf("userinfo: %w", err)
	}
	for _, sc := range scopes {
		switch sc {
		case oidc.ScopeOpenID:
			info.Subject = u.Sub
		case oidc.ScopeProfile:
			info.GivenName = u.GivenName
			info.FamilyName = u.FamilyName
			info.Name = u.GivenName + " " + u.FamilyName
			info.PreferredUsername = u.Username
			info.Locale = oidc.NewLocale(thai)
		case oidc.ScopePhone:
			info.PhoneNumber = u.Mobile
			info.PhoneNumberVerified = true
		case scopeCitizenID:
			info.AppendClaims("citizen_id", u.CitizenID)
		}
	}
	return nil
}

func isNotFound(err error) bool {
	var nf notFound
	return errors.As(err, &nf)
}
