// Package portal serves the citizens' pages: home, directory, agencies,
// service points, manuals, other services, search, catalog, guides, the
// satisfaction rating at the counter and the agencies' request to join.
// One handler file per page, as everywhere in web/.
package portal

import (
	"context"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/find"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Config is what the portal needs.
type Config struct {
	UI      *ui.UI
	DB      *store.DB
	Find    *find.Finder
	Sealer  *auth.Sealer  // signs onboarding links (nil: no onboarding)
	Mailer  notify.Mailer // sends them
	Proxies []netip.Prefix
	// RatingsPerHour and RatingsPerPointPerHour bound ratings per address
	// (0: 120 and 20).
	RatingsPerHour, RatingsPerPointPerHour int
	// DelayRetention is how long a decided delay case keeps the
	// applicant's details, for the privacy notice (0: two years).
	DelayRetention time.Duration
	// RatingSpool is the file where ratings wait while the database is
	// away ("": none; a submission then shows the form again, filled).
	RatingSpool string
	// OpenDataPerMinute is the open data API's limit per address, which
	// /open-data states (0: hsds.DefaultPerMinute).
	OpenDataPerMinute int
	// KeepPages keeps the manual and point pages rendered in the database
	// (rendered.go), under RenderVersion; it needs the UI's BaseURL.
	KeepPages     bool
	RenderVersion string
}

// Portal is the public site.
type Portal struct {
	*ui.UI
	db      *store.DB
	find    *find.Finder
	sealer  *auth.Sealer
	mailer  notify.Mailer
	proxies []netip.Prefix

	// Satisfaction ratings (rate.go): the group-commit writer, and how many
	// ratings one address may send per hour.
	ratings          *store.RatingWriter
	ratingLimit      int
	openDataLimit    int // the HSDS API's requests a minute per address, for /open-data
	ratingPointLimit int
	// While the database is away (rate_away.go).
	spool       *store.RatingSpool
	stopSpool   context.CancelFunc
	rateMem     rateMemory
	localLimits localLimiter

	delayRetention time.Duration
	agencyNames    sync.Map // Thai name → English, for search hits in English (search.go)

	views viewCounter
	home  homeCache
	pages *renderedPages // nil: pages are rendered on every request
}

// New returns the portal.
func New(c Config) *Portal {
	p := &Portal{UI: c.UI, db: c.DB, find: c.Find, sealer: c.Sealer, mailer: c.Mailer, proxies: c.Proxies,
		ratingLimit: c.RatingsPerHour, ratingPointLimit: c.RatingsPerPointPerHour, openDataLimit: c.OpenDataPerMinute,
		delayRetention: c.DelayRetention}
	if p.delayRetention <= 0 {
		p.delayRetention = 2 * 365 * 24 * time.Hour
	}
	if c.DB != nil && c.KeepPages && c.UI.BaseURL != "" {
		v := c.RenderVersion
		if v == "" {
			v = RenderVersion(c.UI.BaseURL)
		}
		p.pages = newRenderedPages(c.DB, v)
	}
	if c.DB != nil {
		p.ratings = c.DB.NewRatingWriter(store.RatingWriterOptions{})
		if c.RatingSpool != "" {
			sp, err := store.OpenRatingSpool(c.RatingSpool)
			if err != nil {
				p.Log.Error("rating spool: ratings are not kept while the database is away", "path", c.RatingSpool, "err", err)
			} else {
				p.spool = sp
				ctx, cancel := context.WithCancel(context.Background())
				p.stopSpool = cancel
				if n := sp.Pending(); n > 0 {
					p.Log.Info("rating spool: ratings kept from before", "pending", n)
				}
				var lastWarn time.Time
				go sp.Run(ctx, p.ratings, 250*time.Millisecond, func(n int, pending int64, err error) {
					if err != nil {
						if time.Since(lastWarn) < time.Minute {
							return
						}
						lastWarn = time.Now()
						p.Log.Warn("rating spool: database still away", "replayed", n, "pending", pending, "err", err)
					} else {
						p.Log.Info("rating spool replayed", "replayed", n, "pending", pending)
					}
				})
			}
		}
	}
	return p
}

// Spool is the rating spool (nil when none): for metrics and tests.
func (s *Portal) Spool() *store.RatingSpool { return s.spool }

// Register adds the portal's pages to mux.
func (s *Portal) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /agencies", s.handleAgencies)
	mux.HandleFunc("GET /agencies/{id}", s.handleAgency)
	mux.HandleFunc("GET /points/{id}", s.handlePoint)
	mux.HandleFunc("GET /manuals/{id}", s.handleManual)
	mux.HandleFunc("GET /manuals/{id}/files/{key}", s.handleManualFile)
	mux.HandleFunc("GET /manuals/{id}/history", s.handleManualHistory)
	mux.HandleFunc("GET /services/{id}", s.handleService)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /catalog", s.handleCatalog)
	mux.HandleFunc("GET /lang", s.handleLang)
	mux.HandleFunc("GET /guide", s.handleGuideIndex)
	mux.HandleFunc("GET /guide/{slug}", s.handleGuide)
	mux.HandleFunc("GET /faq", s.handleFAQ)
	mux.HandleFunc("GET /open-data", s.handleOpenData)
	mux.HandleFunc("GET /open-data/{file}", s.handleOpenDataFile)
	mux.HandleFunc("GET /open-data/files/{id}/{file}", s.handleOpenDataFileByID)
	mux.HandleFunc("GET /rate", s.handleRateEntry)
	mux.HandleFunc("GET /rate/{code}", s.handleRateForm)
	mux.HandleFunc("POST /rate/{code}", s.handleRateSubmit)
	mux.HandleFunc("GET /rate/{code}/thanks", s.handleRateThanks)
	mux.HandleFunc("GET /points/{id}/rate", s.handlePointRate)
	mux.HandleFunc("GET /delays", s.handleDelays)
	mux.HandleFunc("GET /privacy", s.handlePrivacy)
	mux.HandleFunc("GET /accessibility", s.handleAccessibility)
	mux.HandleFunc("GET /egov", s.handleEgovList)
	mux.HandleFunc("GET /egov/{id}", s.handleEgovRecord)
	mux.HandleFunc("GET /egov/{id}/file", s.handleEgovFile)
	mux.HandleFunc("POST /delays", s.handleDelays)
	s.registerLegacy(mux) // old info.go.th links (legacy.go)
	if s.sealer != nil {
		mux.HandleFunc("GET /onboarding", s.handleOnboardingForm)
		mux.HandleFunc("POST /onboarding", s.handleOnboardingSubmit)
		mux.HandleFunc("GET /onboarding/sent", s.handleOnboardingSent)
		mux.HandleFunc("GET /onboarding/confirm", s.handleOnboardingConfirm)
		mux.HandleFunc("POST /onboarding/confirm", s.handleOnboardingConfirm)
	}
}
