package web

import (
	"net/http"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type agencyPage struct {
	Agency     *openinfo.Agency
	Ancestors  []*openinfo.Agency
	Children   []*openinfo.Agency
	ChildPage  *pager
	Points     []*openinfo.ServicePoint
	PointPage  *pager
	Manuals    []store.ManualSummary
	ManualPage *pager
}

// handleAgency shows one agency with its sub-agencies and service points.
func (s *Server) handleAgency(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := agencyPage{Agency: a, ChildPage: newPager(r, "sub", 50), PointPage: newPager(r, "page", 50), ManualPage: newPager(r, "manuals", 50)}
	if p.Ancestors, err = s.db.Ancestors(ctx, a); err != nil {
		s.fail(w, r, err)
		return
	}
	var total int
	p.Children, total, err = s.db.Agencies(ctx, store.AgencyFilter{ParentID: a.ID, Limit: p.ChildPage.Size, Offset: p.ChildPage.Offset()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.ChildPage.SetTotal(total)
	p.Points, total, err = s.db.ServicePoints(ctx, store.PointFilter{AgencyID: a.ID, Limit: p.PointPage.Size, Offset: p.PointPage.Offset()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.PointPage.SetTotal(total)
	p.Manuals, total, err = s.db.PublishedManuals(ctx, a.ID, p.ManualPage.Size, p.ManualPage.Offset())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.ManualPage.SetTotal(total)
	s.render(w, r, http.StatusOK, "agency", a.Name(langFrom(r)), p)
}
