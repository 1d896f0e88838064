package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

type manualPage struct {
	Process  *openinfo.Process
	Agency   *openinfo.Agency
	Revision *openinfo.ManualRevision
	C        openinfo.ManualContent
	Total    string
	Identity []openinfo.Document
	Others   []openinfo.Document
	Criteria []string
	// Public page only: the service points that serve it.
	Points     []*openinfo.ServicePoint
	PointTotal int
	FileBase   string // where the attachments are served
	lang       string
}

// newManualPage arranges a revision for reading: documents in their two
// groups, criteria as lines, the total time in words.
func newManualPage(p *openinfo.Process, a *openinfo.Agency, rev *openinfo.ManualRevision, lang string) manualPage {
	page := manualPage{Process: p, Agency: a, Revision: rev, C: rev.Content, Total: rev.Content.Total().Text(lang), lang: lang}
	for _, d := range rev.Content.Documents {
		if d.Group == openinfo.DocIdentity {
			page.Identity = append(page.Identity, d)
		} else {
			page.Others = append(page.Others, d)
		}
	}
	for _, l := range strings.Split(rev.Content.Criteria, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			page.Criteria = append(page.Criteria, l)
		}
	}
	if page.C.Name == "" {
		page.C.Name = p.NameTH
	}
	if page.C.AgencyName == "" {
		page.C.AgencyName = a.NameTH
	}
	page.FileBase = "/admin/revisions/" + itoa(rev.ID) + "/files/"
	return page
}

// handleManual shows a process's published citizen manual in full, as the
// Act requires it to be published, with the service points that serve it;
// an unpublished manual is never shown.
func (s *Server) handleManual(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	rev, err := s.db.PublishedRevision(ctx, id)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.notFound(w, r)
			return
		}
		s.fail(w, r, err)
		return
	}
	p, err := s.db.Process(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, p.AgencyID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langFrom(r)
	page := newManualPage(p, a, rev, lang)
	page.FileBase = "/manuals/" + itoa(p.ID) + "/files/"
	if page.Points, page.PointTotal, err = s.db.PinnedPoints(ctx, store.PinProcess, p.ID, true, 100, 0); err != nil {
		s.fail(w, r, err)
		return
	}
	s.views.add(p.ID)
	s.render(w, r, http.StatusOK, "manual", T(lang, "manual.title")+": "+page.C.Name, page)
}

// handleManualFile serves a form attached to the published manual.
func (s *Server) handleManualFile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	rev, err := s.db.PublishedRevision(r.Context(), id)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.notFound(w, r)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.serveAttachment(w, r, rev.Content, r.PathValue("key"))
}

func urlPathEscape(s string) string { return url.PathEscape(s) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
