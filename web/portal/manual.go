package portal

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// handleManual shows a process's published citizen manual in full, as the
// Act requires it to be published, with the service points that serve it;
// an unpublished manual is never shown.
func (s *Portal) handleManual(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	rev, err := s.db.PublishedRevision(ctx, id)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.NotFound(w, r)
			return
		}
		s.Fail(w, r, err)
		return
	}
	p, err := s.db.Process(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, p.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	page := ui.NewManualPage(p, a, rev, lang)
	page.FileBase = "/manuals/" + itoa(p.ID) + "/files/"
	page.Public = true
	if page.Points, page.PointTotal, err = s.db.PinnedPoints(ctx, store.PinProcess, p.ID, true, 100, 0); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.views.add(p.ID)
	s.Render(w, r, http.StatusOK, "manual", ui.T(lang, "manual.title")+": "+page.C.Name, page)
}

// handleManualFile serves a form attached to the published manual.
func (s *Portal) handleManualFile(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	rev, err := s.db.PublishedRevision(r.Context(), id)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.NotFound(w, r)
			return
		}
		s.Fail(w, r, err)
		return
	}
	s.ServeAttachment(w, r, s.db, rev.Content, r.PathValue("key"))
}

func urlPathEscape(s string) string { return url.PathEscape(s) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
