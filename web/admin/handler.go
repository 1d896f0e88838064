// Package admin serves the back office (/admin): officers' sign-in through
// OpenID Connect and the first-login token, and every page of the route
// table (routes.go), each behind the permission openinfo.Authorize grants.
// One handler file per resource.
package admin

import (
	"crypto/rand"
	"net/http"
	"net/netip"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/jobs"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Config is what the back office needs.
type Config struct {
	UI       *ui.UI
	DB       *store.DB
	Sessions *scs.SessionManager // NewSessions
	// RP is the OpenID relying party (nil: no login); Sealer seals and
	// hashes officer tokens and the cookie of sign-ins under way.
	RP       *auth.RP
	Sealer   *auth.Sealer
	TokenTTL time.Duration // 0: 30 days
	Mailer   notify.Mailer
	Proxies  []netip.Prefix
	// Issuers says who issues central officers' tokens (nil: seed 004's default).
	Issuers *openinfo.TokenIssuers
	Jobs    *jobs.Runner // shown at /admin/jobs (nil: none)
	// Now is the clock of the licence reports' deadlines and unlock
	// windows (nil: time.Now); tests move it past a deadline.
	Now func() time.Time
	// Exports is this node's background-export loop (nil: none; exports
	// are still queued and any node's loop writes them); ExportStreamRows
	// is the most rows an export streams in the request (0: 200,000).
	Exports          interface{ Poke() }
	ExportStreamRows int
	// MapTiles is the point form's map tile source (a URL template with
	// {z}, {x}, {y}; "" = a coordinate grid only), MapAttribution its credit.
	MapTiles, MapAttribution string
}

// Admin is the back office.
type Admin struct {
	*ui.UI
	db       *store.DB
	sessions *scs.SessionManager
	rp       *auth.RP
	sealer   *auth.Sealer
	// loginSealer seals the cookie of sign-ins under way: the installation's
	// sealer, or one of this process's own when none is configured.
	loginSealer *auth.Sealer
	tokenTTL    time.Duration
	issuers     openinfo.TokenIssuers
	mailer      notify.Mailer
	proxies     []netip.Prefix
	jobs        *jobs.Runner
	clock       func() time.Time
	exports     interface{ Poke() }
	// exportStreamRows: see Config.ExportStreamRows.
	exportStreamRows int
	mapTiles         mapConfig
}

// New returns the back office.
func New(c Config) *Admin {
	s := &Admin{UI: c.UI, db: c.DB, sessions: c.Sessions, rp: c.RP, sealer: c.Sealer, loginSealer: c.Sealer,
		tokenTTL: c.TokenTTL, mailer: c.Mailer, proxies: c.Proxies, jobs: c.Jobs, issuers: openinfo.DefaultTokenIssuers(),
		clock: c.Now, exports: c.Exports, exportStreamRows: c.ExportStreamRows,
		mapTiles: mapConfig{Tiles: c.MapTiles, Attribution: c.MapAttribution}}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.loginSealer == nil {
		var key [32]byte
		rand.Read(key[:])
		s.loginSealer, _ = auth.NewSealer(key[:])
	}
	if c.Issuers != nil {
		s.issuers = *c.Issuers
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = 30 * 24 * time.Hour
	}
	return s
}

// now is the time the licence rules are applied at.
func (s *Admin) now() time.Time { return s.clock() }

// Handler serves the back office: every route of the table behind its
// permission, plus login, callback, logout and the token prompt.
func (s *Admin) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range adminRoutes() {
		var target func(*http.Request) (string, error)
		if rt.Target != nil {
			target = func(r *http.Request) (string, error) { return rt.Target(s, r) }
		}
		mux.HandleFunc(rt.Method+" "+rt.Path, s.guard(rt.Action, target, func(w http.ResponseWriter, r *http.Request) { rt.Handler(s, w, r) }))
	}
	mux.HandleFunc("GET /admin/login", s.handleLogin)
	mux.HandleFunc("GET /admin/callback", s.handleCallback)
	mux.HandleFunc("POST /admin/logout", s.handleLogout)
	mux.HandleFunc("GET /admin/logged-out", s.handleLoggedOut)
	mux.HandleFunc("GET /admin/token", s.handleTokenPrompt)
	mux.HandleFunc("POST /admin/token", s.handleTokenPrompt)
	mux.HandleFunc("/admin/", s.NotFound)
	return s.sessions.LoadAndSave(s.loadUser(s.flashAfterChange(mux)))
}

// Route is one back-office route and the permission it needs.
type Route struct {
	Method, Path string
	Action       openinfo.Action
	Targeted     bool // the permission is checked on an agency the request names
}

// Routes lists the back office's routes, for the authorization matrix test.
func Routes() []Route {
	var out []Route
	for _, rt := range adminRoutes() {
		out = append(out, Route{Method: rt.Method, Path: rt.Path, Action: rt.Action, Targeted: rt.Target != nil})
	}
	return out
}
