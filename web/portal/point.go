package portal

import (
	"fmt"
	"net/http"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type pointPage struct {
	Point     *openinfo.ServicePoint
	Agency    *openinfo.Agency
	Ancestors []*openinfo.Agency
	OSMURL    string
	GoogleURL string
	Offers    []store.PointOffering // the published manuals and services pinned here
}

// handlePoint shows one service point. A hidden point (การแสดงผล off) is not
// found for the public: it no longer serves, though its record stays.
func (s *Portal) handlePoint(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	pt, err := s.db.ServicePoint(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !pt.Visible {
		s.NotFound(w, r)
		return
	}
	a, err := s.db.Agency(ctx, pt.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := pointPage{Point: pt, Agency: a}
	if p.Ancestors, err = s.db.Ancestors(ctx, a); err != nil {
		s.Fail(w, r, err)
		return
	}
	if pt.HasLocation {
		p.OSMURL = fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", pt.Lat, pt.Lon, pt.Lat, pt.Lon)
		p.GoogleURL = fmt.Sprintf("https://www.google.com/maps/search/?api=1&query=%.6f,%.6f", pt.Lat, pt.Lon)
	}
	offers, err := s.db.PointOfferings(r.Context(), pt.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Offers = offers
	s.Render(w, r, http.StatusOK, "point", pt.Name(ui.LangFrom(r))+" – "+a.Name(ui.LangFrom(r)), p)
}
