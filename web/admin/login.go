package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
)

// Officer sign-in and sign-out through the OpenID provider, and what a
// person sees when their back-office session has ended under them.

const (
	loginCookie   = "openinfo_login" // pendingLogins, sealed
	sessLogoutURL = "logout_url"     // the provider's end-session URL, between logout and /admin/logged-out

	// A browser may have a few sign-ins under way (tabs, a retry after the
	// provider's page was closed); older ones are dropped.
	maxPendingLogins = 5
	pendingLoginTTL  = 10 * time.Minute
)

// pendingLogin is one sign-in under way: what must survive the round trip
// to the provider, and where to go afterwards.
type pendingLogin struct {
	Flow    auth.Flow
	Next    string
	Started time.Time
}

type pendingLogins []pendingLogin

// Sign-ins under way live in a sealed cookie of their own, not in the
// session table: a visitor who only opens /admin/login (a crawler, a flood)
// stores nothing on the server, and the cookie cannot be read or forged
// without the installation secret.

// pending returns the browser's sign-ins under way, without expired ones.
func (s *Admin) pending(r *http.Request) pendingLogins {
	c, err := r.Cookie(loginCookie)
	if err != nil {
		return nil
	}
	plain, err := s.loginSealer.Open(c.Value)
	if err != nil {
		return nil
	}
	var p pendingLogins
	if json.Unmarshal([]byte(plain), &p) != nil {
		return nil
	}
	now := s.now()
	return slices.DeleteFunc(p, func(l pendingLogin) bool {
		return now.Sub(l.Started) > pendingLoginTTL || now.Before(l.Started.Add(-time.Minute))
	})
}

// setPending keeps the sign-ins under way in the browser (none: the cookie
// goes). SameSite=Lax: the provider's redirect back is a top-level GET, on
// which the browser sends it.
func (s *Admin) setPending(w http.ResponseWriter, p pendingLogins) {
	c := &http.Cookie{Name: loginCookie, Path: "/admin", HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode}
	if len(p) == 0 {
		c.MaxAge = -1
	} else {
		b, _ := json.Marshal(p)
		c.Value, c.MaxAge = s.loginSealer.Seal(string(b)), int(pendingLoginTTL.Seconds())
	}
	http.SetCookie(w, c)
}

// nextAfterLogin is where a sign-in may return: a back-office page, never
// the sign-in pages themselves (a loop) nor another site.
func nextAfterLogin(next string) string {
	if !ui.LocalPath(next) || next != "/admin" && !strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "/admin?") {
		return "/admin"
	}
	p := next
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch p {
	case "/admin/login", "/admin/callback", "/admin/logout", "/admin/logged-out":
		return "/admin"
	}
	return next
}

func loginLink(next string) string {
	return "/admin/login?next=" + url.QueryEscape(nextAfterLogin(next))
}

// redirectToLogin sends a person who is not signed in to sign in, and back
// here afterwards (in the URL: nothing is stored for a visitor).
func (s *Admin) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	next := "/admin"
	if r.Method == http.MethodGet {
		next = r.URL.RequestURI()
	}
	http.Redirect(w, r, loginLink(next), http.StatusSeeOther)
}

// handleLogin sends the browser to the OpenID provider. Each sign-in under
// way is kept by its state, so two tabs can sign in at once and a forged or
// stale callback spoils nothing (auth.RP.Start says why every sign-in asks
// for a fresh authentication).
func (s *Admin) handleLogin(w http.ResponseWriter, r *http.Request) {
	next := nextAfterLogin(r.URL.Query().Get("next"))
	if len(next) > 1024 { // it rides in a cookie
		next = "/admin"
	}
	if s.rp == nil {
		s.Fail(w, r, openinfo.Errorf(openinfo.EUNAUTHORIZED, "ยังไม่ได้ตั้งค่าการเข้าสู่ระบบ", "Login is not configured."))
		return
	}
	u, flow, err := s.rp.Start(r.Context())
	if err != nil {
		s.loginFailed(w, r, err, next)
		return
	}
	p := append(s.pending(r), pendingLogin{Flow: flow, Next: next, Started: s.now()})
	if len(p) > maxPendingLogins {
		p = p[len(p)-maxPendingLogins:]
	}
	s.setPending(w, p)
	http.Redirect(w, r, u, http.StatusFound)
}

// handleCallback finishes the sign-in whose state the provider returns,
// renews the session token (no fixation) and sends a first-time officer to
// the token prompt. Only that sign-in is used up.
func (s *Admin) handleCallback(w http.ResponseWriter, r *http.Request) {
	if s.rp == nil {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	var l pendingLogin
	p := s.pending(r)
	if st := q.Get("state"); st != "" {
		if i := slices.IndexFunc(p, func(l pendingLogin) bool { return l.Flow.State == st }); i >= 0 {
			l = p[i]
			s.setPending(w, slices.Delete(p, i, i+1))
		}
	}
	profile, idToken, err := s.rp.Finish(ctx, q, l.Flow)
	if err != nil {
		s.loginFailed(w, r, err, l.Next)
		return
	}
	u, err := s.db.RecordLogin(ctx, profile)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	s.sessions.Put(ctx, sessIDToken, idToken)
	s.sessions.Put(ctx, sessCSRF, randomToken())
	s.Log.Info("login", "user_id", u.ID, "bound", u.Bound(), "request_id", ui.RequestID(ctx))
	if !u.Bound() {
		http.Redirect(w, r, "/admin/token", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, nextAfterLogin(l.Next), http.StatusSeeOther)
}

type loginProblemPage struct {
	Message string
	Login   string // "sign in again"
}

// loginFailed tells the officer what went wrong in words they can act on.
// A setup or provider problem is logged here, once, at ERROR; a stale or
// declined sign-in is the person's business.
func (s *Admin) loginFailed(w http.ResponseWriter, r *http.Request, err error, next string) {
	var e *openinfo.Error
	if !errors.As(err, &e) {
		err = fmt.Errorf("%w: %w", auth.ErrProvider, err)
	}
	status := http.StatusBadGateway
	switch {
	case errors.Is(err, auth.ErrBadState), errors.Is(err, auth.ErrDeclined):
		s.Log.Warn("login failed", "err", err, "request_id", ui.RequestID(r.Context()))
		status = http.StatusUnauthorized
	case errors.Is(err, auth.ErrUnreachable), errors.Is(err, auth.ErrNotFresh):
		status = http.StatusServiceUnavailable
		if errors.Is(err, auth.ErrNotFresh) { // the provider skipped the password: try again, then tell
			status = http.StatusUnauthorized
		}
		fallthrough
	default: // the provider or this site's setup: the administrator must know
		s.Log.Error("login failed", "err", err, "issuer", s.rp.Issuer(), "request_id", ui.RequestID(r.Context()))
	}
	lang := ui.LangFrom(r)
	s.Render(w, r, status, "admin_login_problem", ui.T(lang, "login.problem.title"),
		loginProblemPage{Message: openinfo.ErrorMessage(err, lang), Login: loginLink(next)})
}

// handleLogout ends the session here, then sends the browser to
// /admin/logged-out, which takes it on to the provider's end-session page.
// Not a redirect straight from this POST: the CSP's form-action 'self'
// governs a form submission's redirects, and the provider is another origin.
func (s *Admin) handleLogout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	idToken := s.sessions.GetString(ctx, sessIDToken)
	if err := s.sessions.Destroy(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	if s.rp != nil {
		if u := s.rp.LogoutURL(ctx, idToken); u != "" {
			s.sessions.Put(ctx, sessLogoutURL, u)
		}
	}
	http.Redirect(w, r, "/admin/logged-out", http.StatusSeeOther)
}

type loggedOutPage struct{ Provider string }

// handleLoggedOut says the person is signed out and, when the provider has
// an end-session endpoint, goes on there by a meta refresh (a navigation of
// its own, not part of the form submission) with a link as a fallback.
func (s *Admin) handleLoggedOut(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	dest := s.sessions.PopString(ctx, sessLogoutURL)
	if err := s.sessions.Destroy(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "admin_logged_out", ui.T(lang, "login.loggedout.title"), loggedOutPage{Provider: dest})
}

// signInFirst answers a back-office request from someone not signed in: a
// page is a redirect to sign in; a form keeps what was typed (see
// formAfterExpiry).
func (s *Admin) signInFirst(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == "/admin" {
		// The back office's door: what it is, how to sign in, and what a
		// first sign-in asks for (seed 000, fig. 1), not a bare redirect.
		s.Render(w, r, http.StatusOK, "admin_landing", ui.T(ui.LangFrom(r), "admin.title"), nil)
		return
	}
	if r.Method == http.MethodPost {
		s.formAfterExpiry(w, r)
		return
	}
	s.redirectToLogin(w, r)
}

// failCSRF answers a form whose CSRF token does not match. With no one
// signed in, the session has usually expired while the form was being
// filled in: keep what was typed. Otherwise it is a forged or stale form.
func (s *Admin) failCSRF(w http.ResponseWriter, r *http.Request) {
	if s.sessions.GetInt64(r.Context(), sessUserID) != 0 {
		s.Fail(w, r, errCSRF)
		return
	}
	if r.URL.Path == "/admin/logout" { // already signed out
		http.Redirect(w, r, "/admin/logged-out", http.StatusSeeOther)
		return
	}
	s.formAfterExpiry(w, r)
}

type typedField struct{ Name, Value string }

type formExpiredPage struct {
	Fields    []typedField
	FilesLost bool
	Login     string
}

// formAfterExpiry answers a form posted after the sign-in expired: it shows
// what was typed (read-only, to copy back after signing in) and a link that
// signs in again and returns to the form's page. Uploaded files are not kept.
func (s *Admin) formAfterExpiry(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(32 << 20) // the text fields; files are dropped with the request
	var d formExpiredPage
	for name, vals := range r.PostForm {
		if name == "csrf" || name == "version" { // the form's machinery, not typed
			continue
		}
		for _, v := range vals {
			if strings.TrimSpace(v) != "" {
				d.Fields = append(d.Fields, typedField{Name: name, Value: v})
			}
		}
	}
	slices.SortStableFunc(d.Fields, func(a, b typedField) int { return strings.Compare(a.Name, b.Name) })
	d.FilesLost = r.MultipartForm != nil && len(r.MultipartForm.File) > 0
	back := "/admin"
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host {
		back = ref.RequestURI()
	}
	d.Login = loginLink(back)
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusUnauthorized, "admin_form_expired", ui.T(lang, "login.expired.title"), d)
}

func init() { ui.AddMessages(loginMessages) }

var loginMessages = map[string][2]string{
	"login.problem.title":   {"เข้าสู่ระบบไม่สำเร็จ", "Sign-in failed"},
	"login.again":           {"เข้าสู่ระบบอีกครั้ง", "Sign in again"},
	"login.loggedout.title": {"ออกจากระบบแล้ว", "Signed out"},
	"login.loggedout.text":  {"ท่านออกจากระบบเจ้าหน้าที่แล้ว", "You have signed out of the back office."},
	"login.loggedout.provider": {"กำลังออกจากระบบ Digital ID หากหน้าไม่เปลี่ยนภายในไม่กี่วินาที กรุณากดลิงก์นี้",
		"Signing you out of Digital ID. If this page does not change within a few seconds, follow this link."},
	"login.loggedout.link": {"ออกจากระบบ Digital ID", "Sign out of Digital ID"},
	"login.expired.title":  {"การเข้าสู่ระบบหมดเวลา", "Your sign-in expired"},
	"login.expired.text": {"การเข้าสู่ระบบของท่านหมดเวลาก่อนส่งแบบฟอร์ม จึงยังไม่ได้บันทึกข้อมูล ข้อความที่ท่านกรอกไว้แสดงอยู่ด้านล่าง กรุณาคัดลอกเก็บไว้ แล้วเข้าสู่ระบบอีกครั้งและส่งแบบฟอร์มใหม่",
		"Your sign-in expired before the form was sent, so nothing was saved. What you typed is below: copy it, sign in again and send the form again."},
	"login.expired.files": {"ไฟล์ที่แนบไว้ไม่ได้ถูกเก็บ กรุณาแนบใหม่อีกครั้ง", "Attached files were not kept; attach them again."},
	"login.expired.none":  {"แบบฟอร์มไม่มีข้อความที่กรอกไว้", "The form held no typed text."},
}
