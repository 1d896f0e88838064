package portal

import (
	"net/http"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// privacyPage is what the privacy notice states: who runs the site and how
// long the data is kept, as configured.
type privacyPage struct {
	Operator        ui.Operator
	DelayRetentionY int // years, when the retention is a whole number of years
	DelayRetentionD int // else days
}

// handlePrivacy shows the privacy notice (PDPA section 23): what the site
// collects, why, for how long, and whom to ask.
func (s *Portal) handlePrivacy(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	p := privacyPage{Operator: s.UI.Operator()}
	days := int(s.delayRetention.Hours() / 24)
	if days%365 == 0 {
		p.DelayRetentionY = days / 365
	} else {
		p.DelayRetentionD = days
	}
	s.Render(w, r, http.StatusOK, "privacy", ui.T(lang, "privacy.title"), p)
}

// handleAccessibility shows the accessibility statement.
func (s *Portal) handleAccessibility(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "accessibility", ui.T(lang, "a11y.title"), struct{ Operator ui.Operator }{s.UI.Operator()})
}
