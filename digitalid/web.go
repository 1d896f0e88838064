package digitalid

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	openinfo "github.com/openinfo/openinfo"
)

//go:embed templates/*.html templates/*.css
var templateFS embed.FS

const (
	cookieLang    = "did_lang"
	cookieCSRF    = "did_csrf"
	cookieReg     = "did_reg"
	cookieReset   = "did_reset"
	cookieSession = "did_session"

	sessionTTL      = 8 * time.Hour
	registrationTTL = time.Hour
	resetTTL        = 20 * time.Minute
)

var pages = map[string]*template.Template{}

func init() {
	funcs := template.FuncMap{
		"tr":    tr,
		"field": fieldOf,
	}
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		pages[base] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, n))
	}
}

// page is what every template gets.
type page struct {
	Lang     string
	Prefix   string // URL path of the issuer
	Path     string // this page's path, for the language switch
	CSRF     string
	Title    string
	Error    string            // message above the form
	Notice   string            // information above the form
	Errors   map[string]string // field → message in Lang
	Form     map[string]string // values to show again
	Step     int               // registration step, 0 when not in registration
	Months   []option
	LangURL  string // this page in the other language
	Data     map[string]any
	DevMode  bool
	BackLink string
}

type option struct{ Value, Label string }

type fieldData struct {
	Name, Label, Type, Value, Err, Autocomplete, InputMode string
}

// fieldOf prepares an input for the "field" template: name, type, then
// optional autocomplete and inputmode.
func fieldOf(pg *page, name, typ string, extra ...string) fieldData {
	f := fieldData{Name: name, Label: tr(pg.Lang, name), Type: typ, Err: pg.Errors[name]}
	if typ != "password" {
		f.Value = pg.Form[name]
	}
	if len(extra) > 0 {
		f.Autocomplete = extra[0]
	}
	if len(extra) > 1 {
		f.InputMode = extra[1]
	}
	return f
}

func (p *Provider) newPage(w http.ResponseWriter, r *http.Request) *page {
	lang := p.langOf(w, r)
	pg := &page{
		Lang: lang, Prefix: p.prefix, Path: r.URL.Path, CSRF: p.csrfToken(w, r),
		Errors: map[string]string{}, Form: map[string]string{}, Data: map[string]any{}, DevMode: p.devMode,
	}
	for i := range 12 {
		o := option{Value: strconv.Itoa(i + 1), Label: thaiMonths[i]}
		if lang == "en" {
			o.Label = time.Month(i + 1).String()
		}
		pg.Months = append(pg.Months, o)
	}
	q := r.URL.Query()
	q.Set("lang", tr(lang, "other_lang_code"))
	pg.LangURL = p.prefix + r.URL.Path + "?" + q.Encode()
	if r.Method == http.MethodPost {
		// After a post, switch language on the step's own page.
		pg.LangURL = p.prefix + r.URL.Path + "?lang=" + tr(lang, "other_lang_code")
		if id := r.PostFormValue("id"); id != "" {
			pg.LangURL += "&id=" + url.QueryEscape(id)
		}
	}
	return pg
}

// setErr puts err's messages on the page: field errors next to their
// fields, the rest above the form.
func (pg *page) setErr(err error) {
	for _, f := range openinfo.FieldErrors(err) {
		if pg.Lang == "en" {
			pg.Errors[f.Field] = f.EN
		} else {
			pg.Errors[f.Field] = f.TH
		}
	}
	pg.Error = openinfo.ErrorMessage(err, pg.Lang)
}

func (pg *page) fieldErr(field string, m msg) {
	pg.Errors[field] = m.in(pg.Lang)
	if pg.Error == "" {
		pg.Error = msgFormErrors.in(pg.Lang)
	}
}

func (p *Provider) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	t := pages[name]
	if t == nil {
		p.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if pg.Title == "" {
		pg.Title = tr(pg.Lang, "title")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", pg); err != nil {
		p.log.Error("render", "template", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error page; internal errors are logged, never shown.
func (p *Provider) fail(w http.ResponseWriter, r *http.Request, err error) {
	pg := p.newPage(w, r)
	status := http.StatusInternalServerError
	switch openinfo.ErrorCode(err) {
	case openinfo.EINVALID:
		status = http.StatusBadRequest
	case openinfo.ENOTFOUND:
		status = http.StatusNotFound
	case openinfo.EFORBIDDEN:
		status = http.StatusForbidden
	case openinfo.EUNAUTHORIZED:
		status = http.StatusUnauthorized
	case openinfo.ECONFLICT:
		status = http.StatusConflict
	default:
		p.log.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "error", err)
	}
	pg.Error = openinfo.ErrorMessage(err, pg.Lang)
	p.render(w, r, status, "error", pg)
}

// renderBusy answers that no password hashing slot came free: the form
// again, to be sent again shortly.
func (p *Provider) renderBusy(w http.ResponseWriter, r *http.Request, name string, pg *page) {
	pg.Error = msgBusy.in(pg.Lang)
	w.Header().Set("Retry-After", "5")
	p.render(w, r, http.StatusServiceUnavailable, name, pg)
}

func userErr(code string, m msg) error { return &openinfo.Error{Code: code, TH: m.TH, EN: m.EN} }

// isUserErr reports whether err is ours to show (an *openinfo.Error).
func isUserErr(err error) bool {
	var e *openinfo.Error
	return errors.As(err, &e)
}

// Cookies are HttpOnly, SameSite=Lax, limited to the issuer's path, and
// Secure unless Insecure.
func (p *Provider) cookiePath() string {
	if p.prefix == "" {
		return "/"
	}
	return p.prefix + "/"
}

func (p *Provider) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: p.cookiePath(), MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: !p.insecure, SameSite: http.SameSiteLaxMode,
	})
}

func (p *Provider) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: p.cookiePath(), MaxAge: -1,
		HttpOnly: true, Secure: !p.insecure, SameSite: http.SameSiteLaxMode,
	})
}

// CSRF: a random cookie, and in every form its HMAC under Secret. Together
// with http.CrossOriginProtection (modern browsers) and SameSite cookies.
func (p *Provider) mac(parts ...string) string {
	m := hmac.New(sha256.New, p.secret)
	for _, s := range parts {
		m.Write([]byte(s))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (p *Provider) csrfToken(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(cookieCSRF)
	if err != nil || len(c.Value) < 32 {
		v := randomToken()
		p.setCookie(w, cookieCSRF, v, 0)
		// Later calls in this request see the new cookie.
		r.AddCookie(&http.Cookie{Name: cookieCSRF, Value: v})
		return p.mac("csrf", v)
	}
	return p.mac("csrf", c.Value)
}

func (p *Provider) checkCSRF(r *http.Request) bool {
	c, err := r.Cookie(cookieCSRF)
	if err != nil || len(c.Value) < 32 {
		return false
	}
	return hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(p.mac("csrf", c.Value)))
}

// clientIP is the peer's address, or with TrustProxyHeaders the rightmost
// X-Forwarded-For entry (the one the trusted proxy added).
func (p *Provider) clientIP(r *http.Request) string {
	if p.proxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Flows (registration, password reset) keep their state in
// did_registrations under the hash of a random cookie value.
var errNoFlow = errors.New("no flow")

func (p *Provider) startFlow(ctx context.Context, w http.ResponseWriter, kind, cookie string, ttl time.Duration, data any) (string, error) {
	tok := randomToken()
	raw, err := json.Marshal(data)
	if err != nil {
		return "", err
	}
	now := p.nowUTC()
	p.db.ExecContext(ctx, `DELETE FROM did_registrations WHERE expires_at < $1`, now)
	if _, err := p.db.ExecContext(ctx, `INSERT INTO did_registrations (id, kind, data, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(tok), kind, string(raw), now, now.Add(ttl)); err != nil {
		return "", err
	}
	p.setCookie(w, cookie, tok, ttl)
	return hashToken(tok), nil
}

func (p *Provider) loadFlow(r *http.Request, kind, cookie string, data any) (string, error) {
	c, err := r.Cookie(cookie)
	if err != nil || c.Value == "" {
		return "", errNoFlow
	}
	id := hashToken(c.Value)
	var raw string
	var exp time.Time
	err = p.db.QueryRowContext(r.Context(), `SELECT data, expires_at FROM did_registrations WHERE id = $1 AND kind = $2`, id, kind).Scan(&raw, &exp)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !p.nowUTC().Before(exp)) {
		return "", errNoFlow
	}
	if err != nil {
		return "", err
	}
	return id, json.Unmarshal([]byte(raw), data)
}

func (p *Provider) saveFlow(ctx context.Context, id string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = p.db.ExecContext(ctx, `UPDATE did_registrations SET data = $1 WHERE id = $2`, string(raw), id)
	return err
}

func (p *Provider) endFlow(ctx context.Context, w http.ResponseWriter, id, cookie string) {
	p.db.ExecContext(ctx, `DELETE FROM did_registrations WHERE id = $1`, id)
	p.clearCookie(w, cookie)
}

func (p *Provider) redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, p.prefix+path, http.StatusSeeOther)
}

// securityHeaders go on every page of ours (not on the protocol endpoints).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
