package portal

import (
	"context"
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
// found for the public: it no longer serves, though its record stays. The
// page is served from what is kept (rendered.go).
func (s *Portal) handlePoint(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	lang := ui.LangFrom(r)
	fail := func(err error) {
		if err == errHiddenPoint {
			s.NotFound(w, r)
			return
		}
		s.Fail(w, r, err)
	}
	served, err := s.servePage(w, r, keptPage{kind: store.RenderedPoint, id: id, lang: lang}, "/points/"+itoa(id),
		func(ctx context.Context) (string, string, any, error) { return s.pointData(ctx, id, lang) })
	if err != nil {
		fail(err)
		return
	}
	if served {
		return
	}
	name, title, p, err := s.pointData(r.Context(), id, lang)
	if err != nil {
		fail(err)
		return
	}
	s.Render(w, r, http.StatusOK, name, title, p)
}

// errHiddenPoint: a hidden point is not found for the public.
var errHiddenPoint = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบจุดบริการ", "Service point not found.")

// pointData reads and arranges point id's page in lang: three prepared
// queries (the point with its agency, the agency's ancestors, what is
// offered there) and one more when services are pinned.
func (s *Portal) pointData(ctx context.Context, id int64, lang string) (name, title string, data any, err error) {
	pt, a, err := s.db.PublicPoint(ctx, id)
	if err != nil {
		return "", "", nil, err
	}
	if !pt.Visible {
		return "", "", nil, errHiddenPoint
	}
	p := pointPage{Point: pt, Agency: a}
	if p.Ancestors, err = s.db.PublicAncestors(ctx, a); err != nil {
		return "", "", nil, err
	}
	if pt.HasLocation {
		p.OSMURL = fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", pt.Lat, pt.Lon, pt.Lat, pt.Lon)
		p.GoogleURL = fmt.Sprintf("https://www.google.com/maps/search/?api=1&query=%.6f,%.6f", pt.Lat, pt.Lon)
	}
	if p.Offers, err = s.db.PointOfferings(ctx, pt.ID); err != nil {
		return "", "", nil, err
	}
	return "point", pt.Name(lang) + " – " + a.Name(lang), p, nil
}
