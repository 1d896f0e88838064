// Package digitalid is openinfo's built-in Digital ID provider: a real OpenID
// Connect provider (zitadel/oidc op) modelled on Thailand's national Digital ID
// (connect.egov.go.th), so the whole system runs on one machine.
//
// Citizens register as in the DGA guide (seed 003): consent to the terms,
// citizen ID with birth date and names, the laser code on the card's back, a
// user name and password, a mobile number confirmed by SMS OTP, a summary to
// confirm, and the result. Relying parties log them in with the authorization
// code flow (PKCE S256 for public clients) and receive the claims sub,
// citizen_id, given_name, family_name, preferred_username and phone_number.
//
// Every piece of state (signing keys, auth requests, tokens, sessions,
// registration steps, OTPs, rate-limit counters) lives in the shared database,
// so any number of app nodes can serve the provider behind a load balancer.
// The package owns those tables (did_*) and migrates them itself ([Migrate]):
// where an outside provider is used, as in production, they never exist.
package digitalid

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Config configures a Provider.
type Config struct {
	DB       *sql.DB      // New migrates the provider's own tables in it (see Migrate)
	Dialect  Dialect      // of DB; required, so that a PostgreSQL database is never taken for SQLite
	Issuer   string       // e.g. "http://localhost:8080/digitalid"; the path prefix is the issuer's URL path
	Clients  []Client     // registered relying parties
	SMS      SMSSender    // nil: with DevMode the development outbox (did_sms_outbox, logged, listed at {issuer}/dev/outbox); without, no SMS can be sent
	DevMode  bool         // keeps, logs and shows SMS texts (OTP codes) when SMS is nil
	Logger   *slog.Logger // nil: slog.Default()
	Secret   []byte       // 32+ bytes: cookie/CSRF signing, key encryption and zitadel's crypto key
	Insecure bool         // allow an http issuer and non-Secure cookies (development, tests)

	// LaserVerifier checks a laser code against the card's owner; nil checks
	// the format only.
	LaserVerifier LaserVerifier
	// TrustProxyHeaders takes the client IP from X-Forwarded-For (rightmost
	// entry) for rate limits; set it only behind a proxy that sets the header.
	TrustProxyHeaders bool
	// Now is the clock (tests); nil: time.Now.
	Now func() time.Time
}

// Client is a registered relying party. A client without a Secret is public
// and must use PKCE with S256.
type Client struct {
	ID, Secret                           string
	RedirectURIs, PostLogoutRedirectURIs []string
	Name                                 string // shown on the consent screen; defaults to ID
}

// SMSSender sends a text message to a mobile number in E.164 form.
type SMSSender interface {
	SendSMS(ctx context.Context, to, text string) error
}

// LaserVerifier checks that a laser code belongs to the person (for example
// against the Department of Provincial Administration's service). It returns
// false for a code that does not match, and an error when it cannot tell.
type LaserVerifier interface {
	VerifyLaserCode(ctx context.Context, citizenID, givenName, familyName string, birthDate time.Time, laserCode string) (bool, error)
}

// Provider is the Digital ID provider.
type Provider struct {
	db       *sql.DB
	issuer   string
	prefix   string // URL path of the issuer, "" or "/digitalid"
	clients  map[string]*client
	sms      SMSSender
	devMode  bool
	log      *slog.Logger
	secret   []byte
	insecure bool
	laser    LaserVerifier
	proxy    bool
	now      func() time.Time

	// Password hashing: see acquireHash. hashHook runs in a slot (tests).
	hashSlots   chan struct{}
	hashWait    time.Duration
	hashWaiting atomic.Int64
	hashHook    func()

	op      *op.Provider
	keys    *keyCache
	handler http.Handler
}

// New checks cfg, brings the provider's tables up to date and returns a
// Provider. It creates the first signing key in the database when there is
// none.
func New(cfg Config) (*Provider, error) {
	if cfg.DB == nil {
		return nil, errors.New("digitalid: Config.DB is nil")
	}
	if len(cfg.Secret) < 32 {
		return nil, errors.New("digitalid: Config.Secret must have at least 32 bytes")
	}
	u, err := url.Parse(cfg.Issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("digitalid: bad issuer %q", cfg.Issuer)
	}
	if u.Scheme == "http" && !cfg.Insecure {
		return nil, fmt.Errorf("digitalid: issuer %q is http; set Insecure for development", cfg.Issuer)
	}
	p := &Provider{
		db:       cfg.DB,
		issuer:   strings.TrimSuffix(cfg.Issuer, "/"),
		prefix:   strings.TrimSuffix(u.Path, "/"),
		clients:  map[string]*client{},
		sms:      cfg.SMS,
		devMode:  cfg.DevMode,
		log:      cfg.Logger,
		secret:   cfg.Secret,
		insecure: cfg.Insecure,
		laser:    cfg.LaserVerifier,
		proxy:    cfg.TrustProxyHeaders,
		now:      cfg.Now,
		keys:     &keyCache{},

		hashSlots: make(chan struct{}, runtime.NumCPU()),
		hashWait:  defaultHashWait,
	}
	if p.log == nil {
		p.log = slog.Default()
	}
	p.log = p.log.With("component", "digitalid")
	if p.now == nil {
		p.now = time.Now
	}
	if p.sms == nil {
		// Outside development mode a code must reach only the phone: it is
		// neither logged nor kept for the outbox page.
		p.sms = noSMS{}
		if p.devMode {
			p.sms = &devOutbox{p: p}
		}
	}
	for _, c := range cfg.Clients {
		if c.ID == "" || len(c.RedirectURIs) == 0 {
			return nil, fmt.Errorf("digitalid: client %q needs an ID and redirect URIs", c.ID)
		}
		if _, dup := p.clients[c.ID]; dup {
			return nil, fmt.Errorf("digitalid: client %q registered twice", c.ID)
		}
		p.clients[c.ID] = &client{Client: c, p: p}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Migrate(ctx, cfg.DB, cfg.Dialect); err != nil {
		return nil, err
	}
	if _, err := p.signingKey(ctx); err != nil {
		return nil, fmt.Errorf("digitalid: signing key: %w", err)
	}

	opts := []op.Option{op.WithLogger(p.log.WithGroup("op"))}
	if cfg.Insecure {
		opts = append(opts, op.WithAllowInsecure())
	}
	opCfg := &op.Config{
		CryptoKey:                sha256.Sum256(append([]byte("digitalid op crypto key\x00"), cfg.Secret...)),
		DefaultLogoutRedirectURI: p.issuer + "/logged-out",
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{language.Thai, language.English},
		SupportedScopes:          []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopePhone, scopeCitizenID},
		SupportedClaims: []string{"sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "amr", "azp",
			"at_hash", "c_hash", "citizen_id", "given_name", "family_name", "preferred_username",
			"phone_number", "phone_number_verified"},
	}
	p.op, err = op.NewProvider(opCfg, &storage{p}, op.StaticIssuer(p.issuer), opts...)
	if err != nil {
		return nil, fmt.Errorf("digitalid: %w", err)
	}
	p.handler = p.routes()
	return p, nil
}

// Handler serves everything under the issuer's path: the OpenID endpoints
// (discovery, JWKS, authorize, token, userinfo, end session) and the pages
// (registration, login, consent, password reset, development outbox).
func (p *Provider) Handler() http.Handler { return p.handler }

// Issuer returns the issuer URL.
func (p *Provider) Issuer() string { return p.issuer }

const scopeCitizenID = "citizen_id"

// nowUTC is the provider's clock in UTC, to the microsecond (what both
// databases keep).
func (p *Provider) nowUTC() time.Time { return p.now().UTC().Truncate(time.Microsecond) }
