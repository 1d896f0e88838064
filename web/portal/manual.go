package portal

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// handleManual shows a process's published citizen manual in full, as the
// Act requires it to be published, with the service points that serve it;
// an unpublished manual is never shown. The canonical page (no province
// chosen) is served from what is kept (rendered.go).
func (s *Portal) handleManual(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	lang := ui.LangFrom(r)
	// The citizen's province (?province=, chosen on the page) puts its
	// service points first, in the summary box and in the list.
	province := ""
	if prov, ok := openinfo.ProvinceByCode(r.URL.Query().Get("province")); ok {
		province = prov.Code
	}
	fail := func(err error) {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.NotFound(w, r)
			return
		}
		s.Fail(w, r, err)
	}
	if province == "" {
		served, err := s.servePage(w, r, keptPage{kind: store.RenderedManual, id: id, lang: lang}, "/manuals/"+itoa(id),
			func(ctx context.Context) (string, string, any, error) { return s.manualData(ctx, id, lang, "") })
		if err != nil {
			fail(err)
			return
		}
		if served {
			s.views.add(id)
			return
		}
	}
	name, title, page, err := s.manualData(r.Context(), id, lang, province)
	if err != nil {
		fail(err)
		return
	}
	s.views.add(id)
	s.Render(w, r, http.StatusOK, name, title, page)
}

// manualData reads and arranges manual id's page in lang, its points of
// province first: three prepared queries (two when nothing is pinned).
func (s *Portal) manualData(ctx context.Context, id int64, lang, province string) (name, title string, data any, err error) {
	p, a, rev, err := s.db.PublicManual(ctx, id)
	if err != nil {
		return "", "", nil, err
	}
	page := ui.NewManualPage(p, a, rev, lang)
	page.FileBase = "/manuals/" + itoa(p.ID) + "/files/"
	page.Public = true
	page.Province = province
	pins, err := s.db.PinnedToManual(ctx, p.ID, province, 100)
	if err != nil {
		return "", "", nil, err
	}
	page.Points, page.PointTotal = pins.Points, pins.Total
	if page.PointTotal > 1 {
		n := map[string]int{}
		for _, c := range pins.Provinces {
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
	return "manual", ui.T(lang, "manual.title") + ": " + page.C.Name, page, nil
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
