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
	Public     bool   // the portal's page: the service points are shown in the body
	// Province is the citizen's province (its points come first);
	// Provinces are those of the points, to choose from (none: no choice).
	Province  string
	Provinces []ProvinceChoice
	lang      string
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

// ProvinceChoice is a province a manual's service points are in.
type ProvinceChoice struct {
	Code, Name string
	N          int
}

// Glance is the box at the top of a manual page: what a citizen needs
// before going, each linked to its section below.
type Glance struct {
	Docs      []string // the first documents' names
	MoreDocs  int      // how many more there are
	NoDocs    bool     // the manual says none are needed
	Fee       string   // the fees summed: "505 บาท"; "" when there is none
	FeeRows   int
	Time      string // the steps' total: "1 ชั่วโมง 20 นาที"
	TimeLimit string // the legal limit, when the law sets one: "15 วันทำการ"
	// Where to apply: the first service points that serve it (counters
	// first) and the online channels.
	Points     []*openinfo.ServicePoint
	MorePoints int
	Online     []openinfo.ServiceChannel
	Counters   []openinfo.ServiceChannel // the manual's own places, when no point is pinned
}

// glanceDocs and glancePoints bound the box, so that it fits a phone's
// first screen.
const (
	glanceDocs   = 3
	glancePoints = 2
	glanceOnline = 2
)

// Glance sums up the manual for the box at the top of its page.
func (m ManualPage) Glance() Glance {
	c, lang := m.C, m.lang
	g := Glance{NoDocs: c.NoDocuments, FeeRows: len(c.Fees), Time: c.Total().Phrase(lang)}
	for _, d := range append(append([]openinfo.Document(nil), m.Identity...), m.Others...) {
		if len(g.Docs) < glanceDocs {
			g.Docs = append(g.Docs, d.Name)
		} else {
			g.MoreDocs++
		}
	}
	var baht, percent float64
	for _, f := range c.Fees {
		if f.Unit == openinfo.FeePercent {
			percent += f.Amount
		} else {
			baht += f.Amount
		}
	}
	var fee []string
	if baht > 0 {
		fee = append(fee, openinfo.Fee{Amount: baht, Unit: openinfo.FeeBaht}.AmountText(lang))
	}
	if percent > 0 {
		fee = append(fee, openinfo.Fee{Amount: percent, Unit: openinfo.FeePercent}.AmountText(lang))
	}
	g.Fee = strings.Join(fee, " + ")
	if c.TimeLimit.Value > 0 {
		g.TimeLimit = c.TimeLimit.Unit.Count(float64(c.TimeLimit.Value), lang)
	}
	// Counters before online and phone points: the list is what to visit;
	// in the citizen's province when they chose one and it has any.
	pick := func(province string) {
		for _, counter := range []bool{true, false} {
			for _, p := range m.Points {
				if (p.Kind == openinfo.PointCounter) == counter && (province == "" || p.Address.ProvinceCode == province) && len(g.Points) < glancePoints {
					g.Points = append(g.Points, p)
				}
			}
		}
	}
	if pick(m.Province); len(g.Points) == 0 && m.Province != "" {
		pick("")
	}
	g.MorePoints = m.PointTotal - len(g.Points)
	for _, ch := range c.Channels {
		switch {
		case ch.URL != "" && len(g.Online) < glanceOnline:
			g.Online = append(g.Online, ch)
		case ch.URL == "" && ch.Kind == openinfo.ChannelCounter && len(m.Points) == 0 && len(g.Counters) < glancePoints:
			g.Counters = append(g.Counters, ch)
		}
	}
	return g
}
