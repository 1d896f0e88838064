// Package web serves openinfo over HTTP: the public portal, health and metrics.
// One handler per page; plain html/template; static assets embedded.
package web

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo/web/admin"
	"github.com/openinfo/openinfo/web/portal"

	"github.com/openinfo/openinfo/web/api"
	"github.com/openinfo/openinfo/web/hsds"
	"github.com/openinfo/openinfo/web/internal/find"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/jobs"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/store"
)

//go:embed static
var assets embed.FS

// Config configures the web server.
type Config struct {
	DB      *store.DB
	Logger  *slog.Logger
	BaseURL string // public base URL, for canonical links; "" = from the request
	// SecureCookies marks cookies Secure; on whenever the site is served over HTTPS.
	SecureCookies bool
	Version       string

	// Back office. RP is the OpenID relying party (nil: no login);
	// Sealer seals and hashes officer tokens; DigitalID, if set, is the
	// built-in provider, served under /digitalid/.
	RP        *auth.RP
	Sealer    *auth.Sealer
	TokenTTL  time.Duration
	DigitalID http.Handler
	// TrustedProxies are the load balancers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// Mailer sends e-mail (onboarding); nil: none is sent.
	Mailer notify.Mailer
	// TokenIssuers says who issues central officers' tokens (nil: seed 004's default).
	TokenIssuers *openinfo.TokenIssuers
	// RatingsPerHour is how many ratings one address may send per hour
	// (0: 120). Offices share one address behind NAT, so keep it generous.
	RatingsPerHour int
	// RatingsPerPointPerHour is how many of those may go to any one
	// service point (0: 20), so a loop at one point cannot lock out the
	// citizens at the other points behind the same address.
	RatingsPerPointPerHour int
	// RatingSpool is the file where this node keeps ratings while the
	// database is away ("": none).
	RatingSpool string
	// SearchSync, when set, applies the change feed to the search index
	// now: called after a request during which this node committed a
	// change, so its officer finds the change at once.
	SearchSync func(context.Context) error
	// Extra handlers mounted as they are (development outboxes).
	Extra map[string]http.Handler
	// Search is the in-memory index of public documents (nil: search is
	// off); SearchReady reports whether its first load has finished.
	Search      *search.Index
	SearchReady func() bool
	// MetricsToken, when set, serves /metrics on the site to requests that
	// carry it as a bearer token; with none, /metrics is only on the
	// separate listener that MetricsHandler feeds (--metrics-addr).
	MetricsToken string
	// Jobs is this node's runner of timed jobs (nil: none), shown at
	// /admin/jobs; Collectors are more Prometheus metrics (the runner's).
	Jobs       *jobs.Runner
	Collectors []prometheus.Collector
	// PageCache keeps rendered public pages for a few seconds (microcache.go);
	// PurgePages empties it, as the change feed does on every change.
	PageCache bool
	// PageCacheBytes bounds the page cache's memory (0: DefaultPageCacheBytes, 64 MiB).
	PageCacheBytes int64
	// KeepPages keeps the public manual and service point pages rendered
	// and compressed in the database, dropped by the database itself when
	// what they show changes (portal/rendered.go); it needs BaseURL.
	KeepPages bool
	// RenderVersion names the renderer of kept pages ("": a hash of the
	// executable, the base URL, the operator and the static files).
	RenderVersion string
	// Now is the back office's clock for licence deadlines (nil: time.Now).
	Now func() time.Time
	// Exports is this node's background-export loop (nil: none);
	// ExportStreamRows the most rows an export streams in the request.
	Exports          interface{ Poke() }
	ExportStreamRows int
	// MapTiles and MapAttribution: the point form's map (admin.Config).
	MapTiles, MapAttribution string
	// Operator is who runs the site, named in every page's footer and in
	// the privacy notice (zero: ui.DefaultOperator).
	Operator Operator
	// DelayRetention is how long a delay case keeps the applicant's
	// details after the decision, as the privacy notice says (0: two years).
	DelayRetention time.Duration
	// OpenDataPerMinute is how many open data API requests one address may
	// make a minute (0: hsds.DefaultPerMinute).
	OpenDataPerMinute int
}

// Operator is who runs the site (ui.Operator).
type Operator = ui.Operator

// Server holds what the handlers share.
type Server struct {
	*ui.UI
	db          *store.DB
	version     string
	metrics     *metrics
	schemaReady atomic.Bool

	rp        *auth.RP // for /readyz
	sessions  *scs.SessionManager
	digitalID http.Handler
	extra     map[string]http.Handler

	metricsToken string

	find   *find.Finder
	api    *api.API
	hsds   *hsds.API // nil without a database
	portal *portal.Portal
	admin  *admin.Admin // nil without a database
	micro  microcache

	searchSync func(context.Context) error
}

// New prepares a server: it parses the templates once, at start.
func New(cfg Config) (*Server, error) {
	s := &Server{db: cfg.DB, version: cfg.Version, metrics: newMetrics(),
		rp: cfg.RP, digitalID: cfg.DigitalID, extra: cfg.Extra, searchSync: cfg.SearchSync}
	h := sha256.New()
	err := fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		h.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	var err2 error
	var dict *thai.Dict
	if cfg.Search != nil {
		dict = cfg.Search.Dict()
	}
	s.UI, err2 = ui.New(ui.Options{Log: cfg.Logger, BaseURL: cfg.BaseURL, SecureCookies: cfg.SecureCookies,
		StaticHash: hex.EncodeToString(h.Sum(nil))[:12], Dict: dict, Operator: cfg.Operator})
	if err2 != nil {
		return nil, err2
	}
	if cfg.DB != nil {
		s.sessions = admin.NewSessions(s.UI, cfg.DB.Sessions())
		s.admin = admin.New(admin.Config{UI: s.UI, DB: cfg.DB, Sessions: s.sessions, RP: cfg.RP, Sealer: cfg.Sealer,
			TokenTTL: cfg.TokenTTL, Mailer: cfg.Mailer, Proxies: cfg.TrustedProxies, Issuers: cfg.TokenIssuers, Jobs: cfg.Jobs, Now: cfg.Now,
			Exports: cfg.Exports, ExportStreamRows: cfg.ExportStreamRows, MapTiles: cfg.MapTiles, MapAttribution: cfg.MapAttribution})
		s.UI.SetShell(s.admin.Shell)
	}
	s.metricsToken = cfg.MetricsToken
	s.metrics.reg.MustRegister(cfg.Collectors...)
	s.find = &find.Finder{Index: cfg.Search, Ready: cfg.SearchReady, DB: cfg.DB}
	s.api = &api.API{Find: s.find, AbsURL: s.AbsURL}
	if cfg.DB != nil {
		s.hsds = &hsds.API{DB: cfg.DB, AbsURL: s.AbsURL, Proxies: cfg.TrustedProxies, PerMinute: cfg.OpenDataPerMinute, Log: cfg.Logger}
	}
	renderVersion := cfg.RenderVersion
	if cfg.KeepPages && renderVersion == "" {
		// Kept pages show the base URL, the operator and the static
		// files' hash besides what the binary renders.
		renderVersion = portal.RenderVersion(s.UI.BaseURL, fmt.Sprint(s.UI.Operator()), hex.EncodeToString(h.Sum(nil)))
	}
	s.portal = portal.New(portal.Config{UI: s.UI, DB: cfg.DB, Find: s.find, Sealer: cfg.Sealer, Mailer: cfg.Mailer,
		Proxies: cfg.TrustedProxies, RatingsPerHour: cfg.RatingsPerHour, RatingsPerPointPerHour: cfg.RatingsPerPointPerHour,
		DelayRetention: cfg.DelayRetention, OpenDataPerMinute: cfg.OpenDataPerMinute,

		RatingSpool: cfg.RatingSpool, KeepPages: cfg.KeepPages, RenderVersion: renderVersion})
	s.metrics.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "openinfo_rating_spool_pending",
			Help: "Ratings kept on this node while the database was away, not yet written."}, func() float64 {
			if sp := s.portal.Spool(); sp != nil {
				return float64(sp.Pending())
			}
			return 0
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "openinfo_kept_pages_hits_total",
			Help: "Manual and service point pages answered from the kept, pre-rendered copy."}, func() float64 {
			h, _, _ := s.portal.KeptPages()
			return float64(h)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "openinfo_kept_pages_misses_total",
			Help: "Manual and service point pages rendered because no kept copy was there."}, func() float64 {
			_, m, _ := s.portal.KeptPages()
			return float64(m)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "openinfo_kept_pages_stored_total",
			Help: "Pages this node rendered and stored for keeping (on a miss and by the backfill)."}, func() float64 {
			_, _, st := s.portal.KeptPages()
			return float64(st)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "openinfo_page_cache_stale_total",
			Help: "Pages served from a stale cached copy because the database was away."}, func() float64 {
			return float64(s.micro.staleServed.Load())
		}))
	s.micro.off = !cfg.PageCache
	s.micro.maxBytes = cfg.PageCacheBytes
	s.micro.onHit = s.portal.CountCachedView
	return s, nil
}

// Close ends the portal's background writers (the ratings): call it after
// the HTTP server has shut down.
func (s *Server) Close() { s.portal.Close() }

// FlushViews writes the manual views counted on this node.
func (s *Server) FlushViews(ctx context.Context) error { return s.portal.FlushViews(ctx) }

// Backfill renders and keeps the public pages nobody asked for yet (the
// pages.render job).
func (s *Server) Backfill(ctx context.Context, o portal.BackfillOptions) (int, error) {
	return s.portal.Backfill(ctx, o)
}

// PruneKeptPages removes the pages an older build kept.
func (s *Server) PruneKeptPages(ctx context.Context) error { return s.portal.PruneKept(ctx) }

// Background does the node's periodic work until ctx ends.
func (s *Server) Background(ctx context.Context, every time.Duration) {
	s.portal.Background(ctx, every)
}
