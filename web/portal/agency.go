package portal

import (
	"net/http"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type agencyPage struct {
	Agency     *openinfo.Agency
	Ancestors  []*openinfo.Agency
	Children   []*openinfo.Agency
	ChildPage  *ui.Pager
	Points     []*openinfo.ServicePoint
	PointPage  *ui.Pager
	Manuals    []store.ManualSummary
	ManualPage *ui.Pager
	// S10 and S16 are the agency's published Section 10 announcement (how
	// to contact it online) and Section 16 order; nil when it has none.
	S10, S16 *openinfo.EgovRecord
}

// handleAgency shows one agency with its sub-agencies and service points.
func (s *Portal) handleAgency(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := agencyPage{Agency: a, ChildPage: ui.NewPager(r, "sub", 50), PointPage: ui.NewPager(r, "page", 50), ManualPage: ui.NewPager(r, "manuals", 50)}
	if p.Ancestors, err = s.db.Ancestors(ctx, a); err != nil {
		s.Fail(w, r, err)
		return
	}
	var total int
	p.Children, total, err = s.db.Agencies(ctx, store.AgencyFilter{ParentID: a.ID, Limit: p.ChildPage.Size, Offset: p.ChildPage.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.ChildPage.SetTotal(total)
	p.Points, total, err = s.db.ServicePoints(ctx, store.PointFilter{AgencyID: a.ID, Limit: p.PointPage.Size, Offset: p.PointPage.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.PointPage.SetTotal(total)
	p.Manuals, total, err = s.db.PublishedManuals(ctx, a.ID, p.ManualPage.Size, p.ManualPage.Offset())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.ManualPage.SetTotal(total)
	if p.S10, p.S16, err = s.db.CurrentEgov(ctx, a.ID); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "agency", a.Name(ui.LangFrom(r)), p)
}
