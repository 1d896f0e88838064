// Package ui renders openinfo's pages for the portal and the back office:
// the templates (common/, portal/, admin/), the interface text in Thai and
// English, pagination, form errors and the error pages. It holds no
// handlers; web/portal and web/admin do.
package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

//go:embed templates
var templates embed.FS

// Options configures the renderer.
type Options struct {
	Log           *slog.Logger
	BaseURL       string // public base URL, for canonical links; "" = from the request
	SecureCookies bool   // the site is served over HTTPS
	StaticHash    string // the static files' content hash, for cache-busting URLs
	// Shell gives a back-office page its frame: who is signed in, the
	// menu, breadcrumbs, the flash message (nil: none); the back office
	// sets it.
	Shell func(r *http.Request, title string) *Shell
	// Dict is the Thai dictionary that breaks Thai lines at word
	// boundaries (nil: the built-in seed list); the search index's.
	Dict *thai.Dict
	// Operator is who runs the site (zero: DefaultOperator).
	Operator Operator
}

// UI renders pages.
type UI struct {
	Log           *slog.Logger
	BaseURL       string
	SecureCookies bool
	staticHash    string
	shell         func(r *http.Request, title string) *Shell
	pages         map[string]*template.Template
	breaker       *thaiBreaker
	operator      Operator
}

// New parses every template once.
func New(o Options) (*UI, error) {
	u := &UI{Log: o.Log, BaseURL: strings.TrimRight(o.BaseURL, "/"), SecureCookies: o.SecureCookies, staticHash: o.StaticHash, shell: o.Shell,
		breaker: newThaiBreaker(o.Dict), operator: o.Operator.orDefault()}
	if u.Log == nil {
		u.Log = slog.Default()
	}
	return u, u.parseTemplates()
}

// SetShell sets the back office's frame of its pages.
func (u *UI) SetShell(f func(r *http.Request, title string) *Shell) { u.shell = f }

// Shell is the back office's frame around a page.
type Shell struct {
	User   *openinfo.User
	CSRF   string
	Menu   []MenuItem
	Crumbs []Crumb // from the back office's home to the page's section; the page itself ends the trail
	Flash  string  // what the last change did, shown once
}

// MenuItem is an entry of the back-office menu.
type MenuItem struct {
	Label, Href string
	Current     bool // the page is in this entry's section
}

// Crumb is a step of the breadcrumbs.
type Crumb struct{ Label, Href string }

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID is the request's ID, for logs and error pages.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithRequestID returns ctx carrying the request ID.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// Page is what every template gets.
type Page struct {
	Lang  string
	Title string
	// Description is the page's meta description (search engines, link
	// previews): public pages only.
	Description string
	Canonical   string
	Path        string // the current path with query, for the language switch
	RequestID   string
	Data        any
	// Back office only: the frame, and from it who is signed in and the
	// form token.
	Shell *Shell
	User  *openinfo.User
	CSRF  string
}

// Render writes a page; it renders into a buffer first so a template error
// becomes a clean error page, not half a page.
func (s *UI) Render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.ServerError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	lang := LangFrom(r)
	p := Page{Lang: lang, Title: title, Path: r.URL.RequestURI(), RequestID: RequestID(r.Context()), Data: data,
		Canonical: s.AbsURL(r, r.URL.Path), Description: describe(name, title, lang, data)}
	if strings.HasPrefix(r.URL.Path, "/admin") && s.shell != nil {
		if p.Shell = s.shell(r, title); p.Shell != nil {
			p.User, p.CSRF = p.Shell.User, p.Shell.CSRF
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.Header().Add("Vary", "Cookie")
	if status == http.StatusOK && r.Method == http.MethodGet && p.User == nil && PublicPage(r.URL.Path) {
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

// PublicPage reports whether a path is a page of the public directory, which
// any cache may keep; onboarding links and the back office never are.
func PublicPage(path string) bool {
	if path == "/" || path == "/agencies" || path == "/search" || path == "/catalog" || path == "/guide" || path == "/faq" || path == "/egov" {
		return true
	}
	for _, prefix := range []string{"/agencies/", "/points/", "/manuals/", "/services/", "/guide/", "/egov/"} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}

// AbsURL is the public URL of path.
func (s *UI) AbsURL(r *http.Request, path string) string {
	if s.BaseURL != "" {
		return s.BaseURL + path
	}
	scheme := "http"
	if r.TLS != nil || s.SecureCookies {
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

// Fail shows err to the person as a page in their language; internal errors
// are logged with the request ID and shown without details.
func (s *UI) Fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	status, ok := statusOf[openinfo.ErrorCode(err)]
	if !ok {
		s.ServerError(w, r, err)
		return
	}
	lang := LangFrom(r)
	s.Render(w, r, status, "error", T(lang, "error.title"), ErrorPage{Status: status, Message: openinfo.ErrorMessage(err, lang)})
}

// FormField is one input of a form, with its error.
type FormField struct{ Name, Label, Value, Error string }

type docGroup struct {
	Title string
	Docs  []openinfo.Document
}

type contactView struct {
	C    openinfo.Contact
	Lang string
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Status  int
	Message string
	Back    string // the page to go back to, when there is one
}

// ServerError logs err and shows a page without its details.
//
// When err says the database is away (store.Unavailable), the answer is 503
// with Retry-After and a page saying so: the condition passes, a load
// balancer or crawler comes back, and the page cache may serve its last
// good copy instead (web/microcache.go).
func (s *UI) ServerError(w http.ResponseWriter, r *http.Request, err error) {
	lang := LangFrom(r)
	status := http.StatusInternalServerError
	msg := openinfo.ErrorMessage(errors.New("internal"), lang)
	if store.Unavailable(err) {
		status = http.StatusServiceUnavailable
		msg = T(lang, "error.away")
		s.Log.Warn("request failed: database unavailable", "err", err, "path", r.URL.Path, "request_id", RequestID(r.Context()))
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfterSeconds))
		w.Header().Set("Cache-Control", "no-store")
	} else {
		s.Log.Error("request failed", "err", err, "path", r.URL.Path, "request_id", RequestID(r.Context()))
	}
	t, ok := s.pages["error"]
	var buf bytes.Buffer
	if ok {
		p := Page{Lang: lang, Title: T(lang, "error.title"), RequestID: RequestID(r.Context()), Data: ErrorPage{Status: status, Message: msg}}
		if t.Execute(&buf, p) != nil {
			buf.Reset()
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if buf.Len() == 0 {
		fmt.Fprintf(&buf, "<!doctype html><title>%d</title><p>%s</p>", status, template.HTMLEscapeString(msg))
	}
	w.Write(buf.Bytes())
}

// RetryAfterSeconds is the Retry-After of a 503 for a database away.
const RetryAfterSeconds = 30

// NotFound shows the not-found page.
func (s *UI) NotFound(w http.ResponseWriter, r *http.Request) {
	lang := LangFrom(r)
	s.Render(w, r, http.StatusNotFound, "error", T(lang, "error.notfound"), ErrorPage{Status: 404, Message: T(lang, "error.notfound")})
}

// PathID reads a positive integer path value; anything else is "not found".
func PathID(r *http.Request, name string) (int64, bool) {
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

// FormatNumber writes n with thousands separators.
func FormatNumber(n int) string {
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

func (s *UI) parseTemplates() error {
	funcs := template.FuncMap{
		"t":     T,
		"tf":    func(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) },
		"date":  func(t time.Time, lang string) string { return thaitime.FormatDate(t, lang) },
		"phone": openinfo.FormatPhone,
		// phoneIn is phone with the extension's word in lang ("ต่อ", "ext.").
		"phoneIn": func(p, lang string) string {
			f := openinfo.FormatPhone(p)
			if lang == LangEN {
				f = strings.Replace(f, " ต่อ ", " ext. ", 1)
			}
			return f
		},
		"telURI":    telURI,
		"typeLabel": func(t openinfo.AgencyType, lang string) string { return t.Label(lang) },
		"kindLabel": func(k openinfo.PointKind, lang string) string { return k.Label(lang) },
		"province": func(code, lang string) string {
			if p, ok := openinfo.ProvinceByCode(code); ok {
				return p.Name(lang)
			}
			return ""
		},
		"number":      FormatNumber,
		"dec":         func(n int) int { return n - 1 },
		"agencyTypes": func() any { return openinfo.AgencyTypes },
		"provinces":   func() []openinfo.Province { return openinfo.Provinces },
		"roleLabel":   func(r openinfo.Role, lang string) string { return r.Label(lang) },
		"actionLabel": func(a openinfo.Action, lang string) string { return a.Label(lang) },
		"datetime":    func(t time.Time, lang string) string { return thaitime.FormatDateTime(t, lang) },
		"onboardStatus": func(st, lang string) string {
			for _, x := range openinfo.OnboardingStatuses {
				if x.Status == st {
					if lang == LangEN {
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
		"docGroups": func(m ManualPage) []docGroup {
			return []docGroup{{openinfo.DocIdentity.Label(m.lang), m.Identity}, {openinfo.DocOther.Label(m.lang), m.Others}}
		},
		"fieldOf": func(name, label, value string, errs map[string]string) FormField {
			return FormField{Name: name, Label: label, Value: value, Error: errs[name]}
		},
		"contact": func(c openinfo.Contact, lang string) contactView { return contactView{c, lang} },
		"pointContact": func(p *openinfo.ServicePoint, lang string) contactView {
			return contactView{openinfo.Contact{Address: p.Address, Phones: p.Phones, Email: p.Email}, lang}
		},
		// tw keeps Thai words whole when the line breaks (thaiwrap.go).
		"tw":       s.breaker.Words,
		"operator": func() Operator { return s.operator },
		"isNone":   openinfo.IsNone,
		"float":    func(n int) float64 { return float64(n) },
		"static":   func(name string) string { return "/static/" + name + "?v=" + s.staticHash },
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
	var names []string
	for _, dir := range []string{"common", "portal", "admin"} {
		n, err := fs.Glob(templates, "templates/"+dir+"/*.html")
		if err != nil {
			return err
		}
		names = append(names, n...)
	}
	for _, n := range names {
		page := strings.TrimSuffix(n[strings.LastIndex(n, "/")+1:], ".html")
		if page == "layout" {
			continue
		}
		if _, dup := s.pages[page]; dup {
			return fmt.Errorf("template %s: defined twice", page)
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templates, "templates/common/layout.html", n)
		if err != nil {
			return fmt.Errorf("template %s: %w", page, err)
		}
		s.pages[page] = t
	}
	return nil
}
