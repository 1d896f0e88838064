package portal

import (
	"net/http"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// handleCatalog lists the Service Catalog: every category and user group
// with how many published manuals it holds, each a link to those manuals.
func (s *Portal) handleCatalog(w http.ResponseWriter, r *http.Request) {
	p, err := s.homeData(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "catalog", ui.T(ui.LangFrom(r), "catalog.public"), p)
}
