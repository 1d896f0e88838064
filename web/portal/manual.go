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
	// The citizen's province (?province=, chosen on the page) puts its
	// service points first, in the summary box and in the list.
	if prov, ok := openinfo.ProvinceByCode(r.URL.Query().Get("province")); ok {
		page.Province = prov.Code
	}
	if page.Points, page.PointTotal, err = s.db.PinnedPointsIn(ctx, store.PinProcess, p.ID, page.Province, 100, 0); err != nil {
		s.Fail(w, r, err)
		return
	}
	if page.PointTotal > 1 {
		counts, err := s.db.PinnedProvinces(ctx, store.PinProcess, p.ID)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		n := map[string]int{}
		for _, c := range counts {
			n[c.Province] = c.N
		}
		for _, pr := range openinfo.Provinces { // in the order of the directory's province list
			if n[pr.Code] > 0 {
				page.Provinces = append(page.Provinces, ui.ProvinceChoice{Code: pr.Code, Name: pr.Name(lang), N: n[pr.Code]})
			}
		}
		if len(page.Provinces) < 2 && page.Province == "" {
			page.Provinces = nil // nothing to choose between
		}
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
