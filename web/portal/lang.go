package portal

import (
	"net/http"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// handleLang switches the language and goes back to the page the person was on.
func (s *Portal) handleLang(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangTH
	if r.URL.Query().Get("to") == ui.LangEN {
		lang = ui.LangEN
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookies})
	next := r.URL.Query().Get("next")
	if !ui.LocalPath(next) {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
