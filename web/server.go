// Package web serves openinfo over HTTP: the public portal, health and metrics.
// One handler per page; plain html/template; static assets embedded.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/jobs"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

//go:embed templates static
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
}

// Server holds what the handlers share.
type Server struct {
	db            *store.DB
	log           *slog.Logger
	baseURL       string
	secureCookies bool
	version       string
	pages         map[string]*template.Template
	staticHash    string
	metrics       *metrics
	schemaReady   atomic.Bool

	rp     *auth.RP
	sealer *auth.Sealer
	// loginSealer seals the cookie of sign-ins under way: the installation's
	// sealer, or one of this process's own when none is configured.
	loginSealer *auth.Sealer
	sessions    *scs.SessionManager
	tokenTTL    time.Duration
	digitalID   http.Handler
	extra       map[string]http.Handler
	issuers     openinfo.TokenIssuers
	mailer      notify.Mailer
	proxies     []netip.Prefix

	metricsToken string
	jobs         *jobs.Runner

	// Satisfaction ratings (rate.go): the group-commit writer, and how many
	// ratings one address may send per hour.
	ratings          *store.RatingWriter
	ratingLimit      int
	ratingPointLimit int

	search      *search.Index
	searchReady func() bool
	catalog     catalogNames
	views       viewCounter
	home        homeCache
	micro       microcache
}

// New prepares a server: it parses the templates once, at start.
func New(cfg Config) (*Server, error) {
	s := &Server{db: cfg.DB, log: cfg.Logger, baseURL: strings.TrimRight(cfg.BaseURL, "/"),
		secureCookies: cfg.SecureCookies, version: cfg.Version, metrics: newMetrics(),
		rp: cfg.RP, sealer: cfg.Sealer, mailer: cfg.Mailer, proxies: cfg.TrustedProxies, tokenTTL: cfg.TokenTTL, digitalID: cfg.DigitalID, extra: cfg.Extra}
	s.loginSealer = cfg.Sealer
	if s.loginSealer == nil {
		var key [32]byte
		rand.Read(key[:])
		s.loginSealer, _ = auth.NewSealer(key[:])
	}
	s.issuers = openinfo.DefaultTokenIssuers()
	if cfg.TokenIssuers != nil {
		s.issuers = *cfg.TokenIssuers
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = 30 * 24 * time.Hour
	}
	if cfg.DB != nil {
		s.sessions = newSessions(s, cfg.DB.Sessions())
		s.ratings = cfg.DB.NewRatingWriter(store.RatingWriterOptions{})
	}
	s.ratingLimit, s.ratingPointLimit = cfg.RatingsPerHour, cfg.RatingsPerPointPerHour
	s.metricsToken = cfg.MetricsToken
	s.jobs = cfg.Jobs
	s.metrics.reg.MustRegister(cfg.Collectors...)
	s.search, s.searchReady = cfg.Search, cfg.SearchReady
	s.micro.off = !cfg.PageCache
	s.micro.maxBytes = cfg.PageCacheBytes
	s.micro.onHit = s.countCachedView
	if s.log == nil {
		s.log = slog.Default()
	}
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
	s.staticHash = hex.EncodeToString(h.Sum(nil))[:12]
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"t":         T,
		"tf":        func(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) },
		"date":      func(t time.Time, lang string) string { return thaitime.FormatDate(t, lang) },
		"phone":     openinfo.FormatPhone,
		"telURI":    telURI,
		"typeLabel": func(t openinfo.AgencyType, lang string) string { return t.Label(lang) },
		"kindLabel": func(k openinfo.PointKind, lang string) string { return k.Label(lang) },
		"province": func(code, lang string) string {
			if p, ok := openinfo.ProvinceByCode(code); ok {
				return p.Name(lang)
			}
			return ""
		},
		"number":      formatNumber,
		"dec":         func(n int) int { return n - 1 },
		"agencyTypes": func() any { return openinfo.AgencyTypes },
		"provinces":   func() []openinfo.Province { return openinfo.Provinces },
		"roleLabel":   func(r openinfo.Role, lang string) string { return r.Label(lang) },
		"actionLabel": func(a openinfo.Action, lang string) string { return a.Label(lang) },
		"datetime":    func(t time.Time, lang string) string { return thaitime.FormatDateTime(t, lang) },
		"onboardStatus": func(st, lang string) string {
			for _, x := range openinfo.OnboardingStatuses {
				if x.Status == st {
					if lang == langEN {
						return x.EN
					}
					return x.TH
				}
			}
			return st
		},
		"onboardingTypes":    func() []openinfo.AgencyType { return openinfo.OnboardingTypes },
		"onboardingStatuses": func() any { return openinfo.OnboardingStatuses },
		"int":                func(n int64) int { return int(n) },
		"int64":              func(d time.Weekday) int { return int(d) },
		"weekdays":           func() []time.Weekday { return []time.Weekday{1, 2, 3, 4, 5, 6, 0} },
		"dayName":            func(d time.Weekday, lang string) string { return openinfo.DayName(d, lang) },
		"pointKinds":         func() any { return openinfo.PointKinds },
		"inc":                func(i int) int { return i + 1 },
		"docGroups": func(m manualPage) []docGroup {
			return []docGroup{{openinfo.DocIdentity.Label(m.lang), m.Identity}, {openinfo.DocOther.Label(m.lang), m.Others}}
		},
		"fieldOf": func(name, label, value string, errs map[string]string) formField {
			return formField{Name: name, Label: label, Value: value, Error: errs[name]}
		},
		"contact": func(c openinfo.Contact, lang string) contactView { return contactView{c, lang} },
		"pointContact": func(p *openinfo.ServicePoint, lang string) contactView {
			return contactView{openinfo.Contact{Address: p.Address, Phones: p.Phones, Email: p.Email}, lang}
		},
		"static": func(name string) string { return "/static/" + name + "?v=" + s.staticHash },
		"dict": func(kv ...any) map[string]any { // pairs of name, value, for sub-templates
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
	}
	for k, v := range manualFuncs() {
		funcs[k] = v
	}
	s.pages = map[string]*template.Template{}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		page := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if page == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", n)
		if err != nil {
			return fmt.Errorf("template %s: %w", page, err)
		}
		s.pages[page] = t
	}
	return nil
}

// page is what every template gets.
type page struct {
	Lang      string
	Title     string
	Canonical string
	Path      string // the current path with query, for the language switch
	RequestID string
	Data      any
	// Back office only.
	User *openinfo.User
	CSRF string
}

// render writes a page; it renders into a buffer first so a template error
// becomes a clean error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	lang := langFrom(r)
	p := page{Lang: lang, Title: title, Path: r.URL.RequestURI(), RequestID: requestID(r.Context()), Data: data,
		Canonical: s.absURL(r, r.URL.Path)}
	if strings.HasPrefix(r.URL.Path, "/admin") && s.sessions != nil {
		// Only a signed-in officer has a session (and a form token); an
		// anonymous page, or one refused before the session was loaded, has none.
		if p.User = currentUser(r.Context()); p.User != nil {
			p.CSRF = s.sessions.GetString(r.Context(), sessCSRF)
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.Header().Add("Vary", "Cookie")
	if status == http.StatusOK && r.Method == http.MethodGet && p.User == nil && publicPage(r.URL.Path) {
		// Public pages are validated by content: a browser or proxy that has
		// this exact page gets 304 and no body.
		sum := sha256.Sum256(buf.Bytes())
		etag := `W/"` + hex.EncodeToString(sum[:12]) + `"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// publicPage reports whether a path is a page of the public directory, which
// any cache may keep; onboarding links and the back office never are.
func publicPage(path string) bool {
	if path == "/" || path == "/agencies" || path == "/search" || path == "/catalog" || path == "/guide" || path == "/faq" {
		return true
	}
	for _, prefix := range []string{"/agencies/", "/points/", "/manuals/", "/services/", "/guide/"} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}

func (s *Server) absURL(r *http.Request, path string) string {
	if s.baseURL != "" {
		return s.baseURL + path
	}
	scheme := "http"
	if r.TLS != nil || s.secureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

var statusOf = map[string]int{
	openinfo.EINVALID:      http.StatusBadRequest,
	openinfo.ENOTFOUND:     http.StatusNotFound,
	openinfo.ECONFLICT:     http.StatusConflict,
	openinfo.EFORBIDDEN:    http.StatusForbidden,
	openinfo.EUNAUTHORIZED: http.StatusUnauthorized,
}

// fail shows err to the person as a page in their language; internal errors
// are logged with the request ID and shown without details.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	status, ok := statusOf[openinfo.ErrorCode(err)]
	if !ok {
		s.serverError(w, r, err)
		return
	}
	lang := langFrom(r)
	s.render(w, r, status, "error", T(lang, "error.title"), errorPage{Status: status, Message: openinfo.ErrorMessage(err, lang)})
}

type formField struct{ Name, Label, Value, Error string }

type docGroup struct {
	Title string
	Docs  []openinfo.Document
}

type contactView struct {
	C    openinfo.Contact
	Lang string
}

type errorPage struct {
	Status  int
	Message string
	Back    string // the page to go back to, when there is one
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "err", err, "path", r.URL.Path, "request_id", requestID(r.Context()))
	lang := langFrom(r)
	msg := openinfo.ErrorMessage(errors.New("internal"), lang)
	t, ok := s.pages["error"]
	var buf bytes.Buffer
	if ok {
		p := page{Lang: lang, Title: T(lang, "error.title"), RequestID: requestID(r.Context()), Data: errorPage{Status: 500, Message: msg}}
		if t.Execute(&buf, p) != nil {
			buf.Reset()
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if buf.Len() == 0 {
		fmt.Fprintf(&buf, "<!doctype html><title>500</title><p>%s</p>", template.HTMLEscapeString(msg))
	}
	w.Write(buf.Bytes())
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	lang := langFrom(r)
	s.render(w, r, http.StatusNotFound, "error", T(lang, "error.notfound"), errorPage{Status: 404, Message: T(lang, "error.notfound")})
}

// pathID reads a positive integer path value; anything else is "not found".
func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

// telURI makes a tel: link. html/template distrusts the tel: scheme, so the
// number is rebuilt from its digits before it is marked safe.
func telURI(p string) template.URL {
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	num, ext, _ := strings.Cut(p, " #")
	if ext != "" {
		return template.URL("tel:" + digits(num) + ";ext=" + digits(ext))
	}
	return template.URL("tel:" + digits(num))
}

func formatNumber(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
