package admin

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/gob"
	"net/http"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/alexedwards/scs/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
)

// Back office (/admin): sessions in the database, login through OpenID
// Connect, the first-login token, and pages guarded by openinfo.Authorize.

// The session's keys. SessionUserID and SessionCSRF are exported for the
// site's tests, which sign people in without a provider.
const (
	SessionUserID = "user_id"
	SessionCSRF   = "csrf"
	sessUserID    = SessionUserID
	sessIDToken   = "id_token"
	sessCSRF      = SessionCSRF
)

// scs stores session values with encoding/gob.
func init() { gob.Register(auth.Flow{}) }

func randomToken() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewSessions returns the back office's session manager on store: the site
// owns it and hands it to New.
func NewSessions(u *ui.UI, store scs.CtxStore) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = 12 * time.Hour // absolute: a new login every working day
	sm.IdleTimeout = 60 * time.Minute
	sm.Cookie.Name = "openinfo_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = u.SecureCookies
	sm.Cookie.Path = "/admin"
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) { u.ServerError(w, r, err) }
	return sm
}

type userKey struct{}

func currentUser(ctx context.Context) *openinfo.User {
	u, _ := ctx.Value(userKey{}).(*openinfo.User)
	return u
}

// loadUser reads the signed-in user on every request, so a role change or a
// removal takes effect at once, and checks the CSRF form token on POST.
//
// Nothing is put in the session of someone who is not signed in: scs writes
// a session row only when a value changed, so anonymous requests (crawlers,
// a flood on /admin/login) write nothing. Only a signed-in officer has a
// form token; a POST without one is refused.
func (s *Admin) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if r.Method == http.MethodPost {
			want := s.sessions.GetString(ctx, sessCSRF)
			got := r.PostFormValue("csrf")
			if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
				s.failCSRF(w, r)
				return
			}
		}
		if id := s.sessions.GetInt64(ctx, sessUserID); id != 0 {
			u, err := s.db.User(ctx, id)
			if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
				s.sessions.Remove(ctx, sessUserID)
			} else if err != nil {
				s.Fail(w, r, err)
				return
			} else {
				if s.sessions.GetString(ctx, sessCSRF) == "" {
					s.sessions.Put(ctx, sessCSRF, randomToken())
				}
				ctx = context.WithValue(ctx, userKey{}, u)
				ctx = openinfo.WithActor(ctx, openinfo.Actor{UserID: u.ID, Name: u.FullName(), RequestID: ui.RequestID(ctx), AgencyPath: u.AgencyPath})
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// refused shows a form page again after err: a refusal is told at its
// fields beside what was typed (page holds it; f is its Form); an internal
// error is the error page instead.
func (s *Admin) refused(w http.ResponseWriter, r *http.Request, err error, f *ui.Form, name, title string, page any) {
	if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
		s.Fail(w, r, err)
		return
	}
	f.Message, f.Errors = ui.FormErrors(err, ui.LangFrom(r))
	s.Render(w, r, ui.FormStatus(err), name, title, page)
}

var errCSRF = &openinfo.Error{Code: openinfo.EFORBIDDEN,
	TH: "แบบฟอร์มหมดอายุหรือไม่ได้ส่งจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
	EN: "The form expired or was not sent from this site. Reload the page and try again."}

// guard wraps a back-office page: it needs a signed-in, bound user allowed
// to take act on the agency that target names (nil: no agency).
func (s *Admin) guard(act openinfo.Action, target func(*http.Request) (string, error), h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r.Context())
		if u == nil {
			s.signInFirst(w, r)
			return
		}
		if !u.Bound() {
			http.Redirect(w, r, "/admin/token", http.StatusSeeOther)
			return
		}
		path := ""
		if target != nil {
			p, err := target(r)
			if err != nil {
				s.Fail(w, r, err)
				return
			}
			path = p
		}
		if err := s.authorize(r, u, act, path); err != nil {
			s.Fail(w, r, err)
			return
		}
		if path != "" { // the changes this request makes concern that agency
			a := openinfo.ActorFrom(r.Context())
			a.AgencyPath = path
			r = r.WithContext(openinfo.WithActor(r.Context(), a))
		}
		h(w, r)
	}
}

// authorize is openinfo.Authorize, plus seed 004's issuers of central
// tokens, which reach outside the issuer's own subtree (the Department of
// Local Administration issues local governments' first tokens).
func (s *Admin) authorize(r *http.Request, u *openinfo.User, act openinfo.Action, path string) error {
	err := openinfo.Authorize(u.Officer(), act, path)
	if err != nil && act == openinfo.ActManageTokens && path != "" {
		if a, aerr := s.agencyFromRequest(r); aerr == nil && s.issuers.MayIssue(u.Officer(), openinfo.RoleCentral, a) {
			return nil
		}
	}
	return err
}

// agencyParam names the agency of ?agency= (or the form field), defaulting
// to the officer's own agency.
//
// A global officer (OPDC, platform admin) with no ?agency= acts on no agency:
// the page then offers a choice.
func (s *Admin) agencyParam(r *http.Request) (string, error) {
	if u := currentUser(r.Context()); u != nil && u.Role.Global() && r.FormValue("agency") == "" {
		return "", nil
	}
	a, err := s.agencyFromRequest(r)
	if err != nil {
		return "", err
	}
	return a.Path, nil
}

func (s *Admin) agencyFromRequest(r *http.Request) (*openinfo.Agency, error) {
	id, err := strconv.ParseInt(r.FormValue("agency"), 10, 64)
	if err != nil || id <= 0 {
		u := currentUser(r.Context())
		if u == nil || u.AgencyID == 0 {
			return nil, openinfo.Errorf(openinfo.EINVALID, "กรุณาเลือกหน่วยงาน", "Choose an agency.")
		}
		id = u.AgencyID
	}
	return s.db.Agency(r.Context(), id)
}

type tokenPromptPage struct {
	Error string
	Token string
}

// handleTokenPrompt asks a first-time officer for their 15-digit token.
func (s *Admin) handleTokenPrompt(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	if u == nil {
		s.redirectToLogin(w, r)
		return
	}
	if u.Bound() {
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	}
	lang := ui.LangFrom(r)
	if r.Method != http.MethodPost {
		s.Render(w, r, http.StatusOK, "admin_token", ui.T(lang, "admin.token.title"), tokenPromptPage{})
		return
	}
	ctx := r.Context()
	typed := r.PostFormValue("token")
	again := func(status int, err error) {
		s.Render(w, r, status, "admin_token", ui.T(lang, "admin.token.title"), tokenPromptPage{Error: openinfo.ErrorMessage(err, lang), Token: typed})
	}
	// Slow down guessing: per account and per address, across nodes.
	for _, lim := range []struct {
		key   string
		limit int
	}{{"token:user:" + strconv.FormatInt(u.ID, 10), 5}, {"token:ip:" + ui.ClientIP(r, s.proxies), 20}} {
		ok, retry, err := s.db.RateLimit(ctx, lim.key, lim.limit, 15*time.Minute)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		if !ok {
			mins := int(retry.Minutes()) + 1
			again(http.StatusTooManyRequests, openinfo.Errorf(openinfo.EFORBIDDEN,
				"กรอก Token ผิดหลายครั้งเกินไป กรุณารอ %d นาทีแล้วลองใหม่", "Too many token attempts. Wait %d minutes and try again.", mins))
			return
		}
	}
	token, err := openinfo.ParseToken(typed)
	if err != nil {
		again(http.StatusUnprocessableEntity, err)
		return
	}
	bound, err := s.db.RedeemToken(ctx, u.ID, openinfo.HashToken(s.sealer.HashKey(), token), time.Now())
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		again(http.StatusUnprocessableEntity, err)
		return
	}
	s.Log.Info("token redeemed", "user_id", bound.ID, "agency_id", bound.AgencyID, "role", bound.Role)
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
