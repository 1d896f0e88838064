package web

import (
	"net/http"
	"strings"

	"github.com/openinfo/openinfo"
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
	lang     string
}

// handleManual shows a process's published citizen manual in full, as the
// Act requires it to be published; an unpublished manual is never shown.
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
	name := rev.Content.Name
	if name == "" {
		name = p.Name(lang)
	}
	s.render(w, r, http.StatusOK, "manual", T(lang, "manual.title")+": "+name, page)
}
