package portal

import (
	"net/http"
	"strconv"

	"github.com/openinfo/openinfo/manualtext"
	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
)

// The public history of a manual: every revision that was ever published,
// and any two of them compared section by section. Drafts and revisions on
// their way through approval are never shown here.

type historyPage struct {
	Process   *openinfo.Process
	Agency    *openinfo.Agency
	Revisions []*openinfo.ManualRevision // published and superseded, newest first
	A, B      *openinfo.ManualRevision   // compared: A older, B newer
	Diffs     []manualtext.SectionDiff
	Only      bool
}

// handleManualHistory lists the published revisions and compares two of
// them (?a=N&b=M by revision number; by default the two newest).
func (s *Portal) handleManualHistory(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	p, err := s.db.Process(ctx, id)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.NotFound(w, r)
			return
		}
		s.Fail(w, r, err)
		return
	}
	all, err := s.db.Revisions(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	page := historyPage{Process: p, Only: r.URL.Query().Get("changed") != ""}
	for _, rev := range all {
		if rev.State == openinfo.RevPublished || rev.State == openinfo.RevSuperseded {
			page.Revisions = append(page.Revisions, rev)
		}
	}
	if len(page.Revisions) == 0 {
		s.NotFound(w, r)
		return
	}
	if page.Agency, err = s.db.Agency(ctx, p.AgencyID); err != nil {
		s.Fail(w, r, err)
		return
	}
	pick := func(param string, def *openinfo.ManualRevision) *openinfo.ManualRevision {
		n, err := strconv.Atoi(r.URL.Query().Get(param))
		if err != nil {
			return def
		}
		for _, rev := range page.Revisions {
			if rev.Number == n {
				return rev
			}
		}
		return def
	}
	newest := page.Revisions[0]
	older := newest
	if len(page.Revisions) > 1 {
		older = page.Revisions[1]
	}
	page.A, page.B = pick("a", older), pick("b", newest)
	if page.A.Number > page.B.Number {
		page.A, page.B = page.B, page.A
	}
	page.Diffs = manualtext.DiffSections(page.A.Content, page.B.Content)
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "manual_history", ui.T(lang, "history.title")+": "+p.Name(lang), page)
}
