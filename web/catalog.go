package web

import "net/http"

// handleCatalog lists the Service Catalog: every category and user group
// with how many published manuals it holds, each a link to those manuals.
func (s *Server) handleCatalog(w http.ResponseWriter, r *http.Request) {
	p, err := s.homeData(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "catalog", T(langFrom(r), "catalog.public"), p)
}
