package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/jobs"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/report/background"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
	"github.com/openinfo/openinfo/web/hsds"
	"github.com/openinfo/openinfo/web/portal"
)

// BuildSite wires the portal, the back office's login and, unless an outside
// OpenID provider is configured, the built-in Digital ID provider.
func BuildSite(ctx context.Context, c *Config, db *store.DB, log *slog.Logger, demoLoaded bool) (*web.Server, error) {
	secret, err := InstallationSecret(ctx, c, db, log)
	if err != nil {
		return nil, err
	}
	sealer, err := auth.NewSealer([]byte(secret))
	if err != nil {
		return nil, err
	}
	issuer, clientSecret := c.OIDCIssuer, c.OIDCClientSecret
	var didHandler http.Handler
	extra := map[string]http.Handler{}
	if issuer == "" {
		issuer = c.BaseURL + "/digitalid"
		clientSecret = derive(secret, "built-in client secret")
		var sms digitalid.SMSSender
		if c.SMSURL != "" {
			sms = &digitalid.HTTPSMSSender{URL: c.SMSURL, Token: c.SMSToken}
		}
		// The provider owns its tables (did_*) in the same database, so it
		// takes the handle; it migrates them itself.
		did, err := digitalid.New(digitalid.Config{
			DB: db.SQL(), Dialect: digitalid.Dialect(db.Dialect()), Issuer: issuer, SMS: sms, DevMode: c.Dev, Logger: log,
			Secret: []byte(derive(secret, "digitalid")), Insecure: strings.HasPrefix(issuer, "http://"),
			TrustProxyHeaders: len(c.TrustedProxies) > 0,
			Clients: []digitalid.Client{{ID: c.OIDCClientID, Secret: clientSecret, Name: "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ (เจ้าหน้าที่)",
				RedirectURIs: []string{c.BaseURL + "/admin/callback"}, PostLogoutRedirectURIs: []string{c.BaseURL + "/"}}},
		})
		if err != nil {
			return nil, fmt.Errorf("built-in Digital ID: %w", err)
		}
		didHandler = did.Handler()
		if demoLoaded {
			if err := createDemoOfficers(ctx, db, did, sealer, log); err != nil {
				return nil, fmt.Errorf("demo officers: %w", err)
			}
			// Written through the workflow as the demo officers.
			if err := createDemoManuals(ctx, db); err != nil {
				return nil, fmt.Errorf("demo manuals: %w", err)
			}
			if err := createDemoDelays(ctx, db, time.Now()); err != nil {
				return nil, fmt.Errorf("demo delay notices: %w", err)
			}
			if err := createDemoLicences(ctx, db, time.Now()); err != nil {
				return nil, fmt.Errorf("demo licence reports: %w", err)
			}
			if err := createDemoEgov(ctx, db); err != nil {
				return nil, fmt.Errorf("demo Section 10/16 records: %w", err)
			}
		}
	} else if demoLoaded {
		if err := createDemoTokens(ctx, db, sealer, log); err != nil {
			return nil, fmt.Errorf("demo tokens: %w", err)
		}
	}
	if demoLoaded {
		if err := createDemoPortal(ctx, db, time.Now()); err != nil {
			return nil, err
		}
	}
	rp := auth.New(auth.Config{Issuer: issuer, ClientID: c.OIDCClientID, ClientSecret: clientSecret,
		RedirectURL: c.BaseURL + "/admin/callback", PostLogoutURL: c.BaseURL + "/", Scopes: c.OIDCScopes,
		ClaimUsername: c.OIDCClaimUsername, ClaimGivenName: c.OIDCClaimGiven, ClaimFamilyName: c.OIDCClaimFamily,
		ClaimPhone: c.OIDCClaimPhone, DGASecret: c.OIDCDGASecret, LogoutParam: c.OIDCLogoutParam, Logger: log})
	if didHandler == nil {
		// An outside provider is checked now, so a wrong issuer shows in the
		// log at once; the site starts anyway (the provider may come later).
		go func() {
			cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			if err := rp.Check(cctx); err != nil {
				log.Warn("the OpenID provider does not answer yet; officers cannot sign in until it does", "issuer", issuer, "err", err)
			} else {
				log.Info("OpenID provider found", "issuer", issuer)
			}
		}()
	}
	var smtpMailer notify.Mailer
	if c.SMTP.Host != "" {
		m, err := notify.NewSMTP(c.SMTP)
		if err != nil {
			return nil, fmt.Errorf("smtp: %w", err)
		}
		smtpMailer = m
	}
	// Every mail is recorded; with no SMTP server it stays in the outbox.
	outbox := notify.NewOutbox(db, smtpMailer)
	runner := timedJobs(db, outbox, c, log)
	exports := &background.Runner{DB: db, Kinds: background.Kinds(db), Owner: runner.Owner(), Log: log}
	go exports.Loop(ctx, 10*time.Second)
	outbox.KeepSecrets = c.Dev && smtpMailer == nil // the development outbox is then the only way to read a first token
	if c.Dev {
		extra["/dev/outbox/"] = http.StripPrefix("/dev/outbox", outbox.Handler())
	}
	if err := db.SeedCatalog(ctx); err != nil {
		return nil, fmt.Errorf("service catalog: %w", err)
	}
	issuers := openinfo.DefaultTokenIssuers()
	if c.LocalGovDepartment != "" {
		list, _, err := db.Agencies(ctx, store.AgencyFilter{Query: c.LocalGovDepartment, Type: openinfo.AgencyDepartment, Limit: 10})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if a.NameTH == c.LocalGovDepartment {
				issuers.LocalDeptPath = a.Path
			}
		}
		if issuers.LocalDeptPath == "" {
			log.Warn("local government token issuer not in the directory; only the platform administrator issues their tokens", "name", c.LocalGovDepartment)
		}
	}
	ix, feed, err := startSearch(ctx, c, db, log)
	if err != nil {
		return nil, err
	}
	site, err := web.New(web.Config{DB: db, Logger: log, BaseURL: c.BaseURL, SecureCookies: c.SecureCookies, Version: c.Version,
		RP: rp, Sealer: sealer, TokenTTL: c.TokenTTL, DigitalID: didHandler, Extra: extra, TokenIssuers: &issuers, Mailer: outbox,
		TrustedProxies: c.TrustedProxies, MetricsToken: c.MetricsToken, Jobs: runner, Exports: exports, MapTiles: c.MapTiles, MapAttribution: c.MapAttribution, Collectors: runner.Collectors(), Search: ix, SearchReady: feed.Ready, PageCache: c.PageCache, PageCacheBytes: c.PageCacheBytes, OpenDataPerMinute: c.OpenDataPerMinute, KeepPages: c.KeepPages, RenderVersion: c.RenderVersion,
		DelayRetention: c.DelayRetention, Operator: web.Operator{NameTH: c.OperatorNameTH, NameEN: c.OperatorNameEN, Email: c.OperatorEmail, Phone: c.OperatorPhone, URL: c.OperatorURL},

		RatingSpool: filepath.Join(c.DataDir, "rating-spool.jsonl"), SearchSync: feed.Sync})
	if err != nil {
		return nil, err
	}
	feed.OnChange(site.PurgePages)
	db.AfterChange(feed.Poke)
	if c.KeepPages {
		// The pages nobody asked for yet are rendered in the background, on
		// one node at a time, at most half of one core, 40 s a minute; the
		// Thai words the search index learns from the data are kept whole
		// on them, so it waits for the index.
		runner.Add(jobs.Job{Name: "pages.render", Every: time.Minute, Lease: 2 * time.Minute, Run: func(ctx context.Context) error {
			if !feed.Ready() {
				return nil
			}
			if err := site.PruneKeptPages(ctx); err != nil {
				return err
			}
			_, err := site.Backfill(ctx, portal.BackfillOptions{For: 40 * time.Second, Pause: 1})
			return err
		}})
	}
	if !c.NoJobs {
		go runner.Run(ctx, 30*time.Second)
	}
	go site.Background(ctx, 30*time.Second)
	return site, nil
}

// startSearch loads the Thai dictionary and builds the search index in the
// background (the site serves meanwhile; search answers 503 until it is
// ready), then follows the change feed.
func startSearch(ctx context.Context, c *Config, db *store.DB, log *slog.Logger) (*search.Index, *searchfeed.Feed, error) {
	dict := thai.Default()
	if c.Dictionary != "" {
		n, err := dict.LoadFile(c.Dictionary)
		if err != nil {
			return nil, nil, fmt.Errorf("dictionary: %w", err)
		}
		log.Info("dictionary loaded", "path", c.Dictionary, "words", n)
	} else if path, ok := thai.LoadSystem(dict); ok {
		log.Info("dictionary loaded", "path", path, "words", dict.Len())
	} else {
		log.Info("no Thai dictionary file found; search uses the built-in seed list and the data's own words", "words", dict.Len())
	}
	ix := search.New(dict)
	feed := searchfeed.New(db, ix, log)
	go func() {
		feed.Run(ctx, c.SearchPoll)
		ix.Close()
	}()
	return ix, feed, nil
}

// derive makes a purpose-bound key from the installation secret, so no two
// uses share a key.
func derive(secret, purpose string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(purpose))
	return hex.EncodeToString(m.Sum(nil))
}

// timedJobs are the work one node of all does now and then (package jobs).
func timedJobs(db *store.DB, outbox *notify.Outbox, c *Config, log *slog.Logger) *jobs.Runner {
	r := jobs.New(db, log)
	// Recorded mail holds confirmation links, which must not linger.
	r.Add(jobs.Job{Name: "outbox.prune", Every: time.Hour, Run: func(ctx context.Context) error {
		_, err := outbox.Prune(ctx, time.Now().Add(-30*24*time.Hour))
		return err
	}})
	r.Add(jobs.Job{Name: "sessions.purge", Every: 10 * time.Minute, Run: db.PurgeExpired})
	// Background exports are kept for a day.
	r.Add(jobs.Job{Name: "exports.prune", Every: time.Hour, Run: func(ctx context.Context) error {
		_, err := db.PruneExports(ctx)
		return err
	}})
	// Licence reports: each month's lock at its deadline for every reporter
	// that has not reported, and the end of each approved unlock window.
	r.Add(jobs.Job{Name: "licence.lock", Every: time.Hour, Run: func(ctx context.Context) error {
		return lockLicenceMonths(ctx, db, time.Now(), log)
	}})
	r.Add(jobs.Job{Name: "licence.unlock-windows", Every: 15 * time.Minute, Run: func(ctx context.Context) error {
		n, err := db.CloseUnlockWindows(ctx, time.Now())
		if n > 0 {
			log.Info("licence unlock windows closed", "periods", n)
		}
		return err
	}})
	// Reporters that have not reported last month are reminded by e-mail a
	// few days before its due day (once per reminder: licence_reminders).
	r.Add(jobs.Job{Name: "licence.reminders", Every: time.Hour, Run: func(ctx context.Context) error {
		_, err := remindLicenceReports(ctx, db, outbox, c.BaseURL, time.Now(), log)
		return err
	}})
	// Agencies still without their Section 10 or 16 record: their central
	// officers hear of it at the interval OPDC sets.
	r.Add(jobs.Job{Name: "egov.reminders", Every: time.Hour, Run: func(ctx context.Context) error {
		_, err := remindEgov(ctx, db, outbox, c.BaseURL, time.Now(), log)
		return err
	}})
	// The seven-day rule: officers hear every day of the applications whose
	// next delay notice or decision is overdue.
	r.Add(jobs.Job{Name: "delays.overdue", Every: 24 * time.Hour, Run: func(ctx context.Context) error {
		_, err := alertOverdueDelays(ctx, db, outbox, c.BaseURL, time.Now(), log)
		return err
	}})
	// Applicants' names and contacts leave delay cases once the retention
	// period after the decision has passed (the privacy notice at /delays
	// says so).
	r.Add(jobs.Job{Name: "delays.retention", Every: 24 * time.Hour, Run: func(ctx context.Context) error {
		n, err := db.RedactDelayApplicants(ctx, time.Now().Add(-c.DelayRetention))
		if n > 0 {
			log.Info("delay applicants' data removed after retention", "cases", n)
		}
		return err
	}})
	// Open data: the whole published data set as daily bulk files (the
	// first on the first start), and the API's per-address counts pruned.
	r.Add(jobs.Job{Name: "opendata.bulk", Every: 24 * time.Hour, Lease: 5 * time.Minute, Run: func(ctx context.Context) error {
		return hsds.BuildBulk(ctx, db, c.BaseURL, time.Now())
	}})
	r.Add(jobs.Job{Name: "opendata.api-hits", Every: time.Hour, Run: db.PruneAPIHits})
	return r
}

// lockLicenceMonths locks the months whose deadline has passed at t.
func lockLicenceMonths(ctx context.Context, db *store.DB, at time.Time, log *slog.Logger) error {
	policy, err := db.LicencePolicy(ctx)
	if err != nil {
		return err
	}
	for _, m := range policy.MonthsToLock(at) {
		n, err := db.LockPeriod(ctx, m, at)
		if err != nil {
			return fmt.Errorf("lock %d: %w", m, err)
		}
		if n > 0 {
			log.Info("licence reports locked at the deadline", "month", m, "reporters", n)
		}
	}
	return nil
}
