package ui

import (
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
)

// ManualPage is a revision arranged for reading, on the public page and in
// the back office.
type ManualPage struct {
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

// NewManualPage arranges a revision for reading: documents in their two
// groups, criteria as lines, the total time in words.
func NewManualPage(p *openinfo.Process, a *openinfo.Agency, rev *openinfo.ManualRevision, lang string) ManualPage {
	page := ManualPage{Process: p, Agency: a, Revision: rev, C: rev.Content, Total: rev.Content.Total().Text(lang), lang: lang}
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
	page.FileBase = "/admin/revisions/" + strconv.FormatInt(rev.ID, 10) + "/files/"
	return page
}

// BlankRows is how many empty rows the editor offers per repeated section.
const BlankRows = 2

// KindLabel names a kind of search result.
func KindLabel(k search.Kind, lang string) string {
	return T(lang, "search.kind."+string(k))
}
