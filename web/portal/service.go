package portal

import (
	"net/http"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type servicePage struct {
	Service    *openinfo.OtherService
	Agency     *openinfo.Agency
	Points     []*openinfo.ServicePoint
	PointTotal int
}

// handleService shows a published other service with the points that offer
// it; an unpublished one is not found.
func (s *Portal) handleService(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	svc, err := s.db.Service(ctx, id)
	if openinfo.ErrorCode(err) == openinfo.ENOTFOUND || (err == nil && !svc.Published) {
		s.NotFound(w, r)
		return
	} else if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, svc.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := servicePage{Service: svc, Agency: a}
	if p.Points, p.PointTotal, err = s.db.PinnedPoints(ctx, store.PinService, svc.ID, true, 100, 0); err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "service", svc.Name(lang)+" – "+a.Name(lang), p)
}
