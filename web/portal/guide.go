package portal

// Public guides (/guide, /guide/{slug}) and the FAQ (/faq): how an agency
// joins, how officers get their roles and tokens, how manuals are written and
// approved, and how citizens use the site.
//
// The text lives in web/guide/{slug}.{th,en}.md, in a small Markdown-like
// language that is parsed into plain Go values here and rendered by
// html/template, so every character of it is escaped:
//
//	# Title                  the page's title (first line)
//	First paragraph          the lead, also the summary on /guide
//	## Section {#id}         a section; the id is its anchor (a-z, 0-9, -)
//	### Question {#id}       a sub-section (an FAQ question)
//	1. item / - item         ordered / unordered list items, one a line;
//	  - sub-item             an indented "- " line nests under the last item
//	> text                   a note
//	[text](href)             a link: /local, #anchor, https://, mailto:, tel:
//	**text**, `text`         strong, code
//
// A language whose file is missing falls back to Thai with a note.

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/openinfo/openinfo/web/internal/ui"
)

//go:embed guide
var guideFiles embed.FS

// guideAudience groups the guides on the index.
type guideAudience struct {
	Key   string // i18n key of the group's heading
	Slugs []string
}

// guideIndex is the order of the guides on /guide.
var guideIndex = []guideAudience{
	{"guide.for.officers", []string{"getting-started", "officers", "manuals"}},
	{"guide.for.citizens", []string{"citizens"}},
}

// faqSlug names the FAQ's files (faq.th.md, faq.en.md).
const faqSlug = "faq"

// inline is a run of text in a paragraph or list item: plain, strong, code,
// a link (Href) or a telephone link (Tel, rebuilt from its digits by telURI).
type inline struct {
	Text   string
	Href   string
	Tel    string
	Strong bool
	Code   bool
}

type guideItem struct {
	Text []inline
	Sub  []guideItem
}

// guideBlock is a paragraph ("p"), a note ("note") or a list ("ol", "ul").
type guideBlock struct {
	Kind  string
	Text  []inline
	Items []guideItem
}

type guideSub struct {
	ID, Title string
	Blocks    []guideBlock
}

type guideSection struct {
	ID, Title string
	Blocks    []guideBlock
	Subs      []guideSub
}

type guideDoc struct {
	Slug     string
	Lang     string // the language the text is written in
	Title    string
	Lead     []inline
	Intro    []guideBlock // blocks between the lead and the first section
	Sections []guideSection
}

// Summary is the lead as plain text, for the index.
func (d *guideDoc) Summary() string {
	var b strings.Builder
	for _, in := range d.Lead {
		b.WriteString(in.Text)
	}
	return b.String()
}

// loadGuides parses every embedded guide once; the key is "slug.lang".
var loadGuides = sync.OnceValues(func() (map[string]*guideDoc, error) {
	names, err := fs.Glob(guideFiles, "guide/*.md")
	if err != nil {
		return nil, err
	}
	docs := map[string]*guideDoc{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "guide/"), ".md")
		slug, lang, ok := strings.Cut(base, ".")
		if !ok || (lang != ui.LangTH && lang != ui.LangEN) {
			return nil, fmt.Errorf("guide %s: want name slug.th.md or slug.en.md", n)
		}
		b, err := guideFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		d, err := parseGuide(string(b))
		if err != nil {
			return nil, fmt.Errorf("guide %s: %w", n, err)
		}
		d.Slug, d.Lang = slug, lang
		docs[base] = d
	}
	return docs, nil
})

// guideFor returns the guide in lang, or in Thai when there is no
// translation (thaiOnly); nil when there is no such guide.
func guideFor(slug, lang string) (d *guideDoc, thaiOnly bool, err error) {
	docs, err := loadGuides()
	if err != nil {
		return nil, false, err
	}
	if d := docs[slug+"."+lang]; d != nil {
		return d, false, nil
	}
	d = docs[slug+"."+ui.LangTH]
	return d, d != nil && lang != ui.LangTH, nil
}

// guideSlugs lists the guides of the index (not the FAQ).
func guideSlugs() []string {
	var out []string
	for _, g := range guideIndex {
		out = append(out, g.Slugs...)
	}
	return out
}

type guideLink struct {
	Slug, Title, Summary string
}

type guideIndexGroup struct {
	Key    string
	Guides []guideLink
}

type guideIndexPage struct {
	Groups []guideIndexGroup
	FAQ    guideLink
}

type guidePage struct {
	Doc      *guideDoc
	ThaiOnly bool
	Others   []guideLink // the other guides, for "see also"
}

func (s *Portal) handleGuideIndex(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	var p guideIndexPage
	for _, g := range guideIndex {
		grp := guideIndexGroup{Key: g.Key}
		for _, slug := range g.Slugs {
			d, _, err := guideFor(slug, lang)
			if err != nil || d == nil {
				s.ServerError(w, r, fmt.Errorf("guide %q: %v", slug, err))
				return
			}
			grp.Guides = append(grp.Guides, guideLink{slug, d.Title, d.Summary()})
		}
		p.Groups = append(p.Groups, grp)
	}
	faq, _, err := guideFor(faqSlug, lang)
	if err != nil || faq == nil {
		s.ServerError(w, r, fmt.Errorf("faq: %v", err))
		return
	}
	p.FAQ = guideLink{faqSlug, faq.Title, faq.Summary()}
	s.Render(w, r, http.StatusOK, "guide_index", ui.T(lang, "guide.title"), p)
}

func (s *Portal) handleGuide(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	slug := r.PathValue("slug")
	known := false
	for _, x := range guideSlugs() {
		known = known || x == slug
	}
	if !known {
		s.NotFound(w, r)
		return
	}
	d, thaiOnly, err := guideFor(slug, lang)
	if err != nil || d == nil {
		s.ServerError(w, r, fmt.Errorf("guide %q: %v", slug, err))
		return
	}
	p := guidePage{Doc: d, ThaiOnly: thaiOnly}
	for _, x := range guideSlugs() {
		if x == slug {
			continue
		}
		if o, _, err := guideFor(x, lang); err == nil && o != nil {
			p.Others = append(p.Others, guideLink{x, o.Title, o.Summary()})
		}
	}
	s.Render(w, r, http.StatusOK, "guide", d.Title, p)
}

func (s *Portal) handleFAQ(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	d, thaiOnly, err := guideFor(faqSlug, lang)
	if err != nil || d == nil {
		s.ServerError(w, r, fmt.Errorf("faq: %v", err))
		return
	}
	s.Render(w, r, http.StatusOK, "faq", d.Title, guidePage{Doc: d, ThaiOnly: thaiOnly})
}

var (
	guideHeading = regexp.MustCompile(`^(#{2,3}) (.+?) \{#([a-z0-9][a-z0-9-]*)\}$`)
	guideOrdered = regexp.MustCompile(`^[0-9]+\. `)
)

// parseGuide reads the Markdown-like text described at the top of this file.
func parseGuide(src string) (*guideDoc, error) {
	d := &guideDoc{}
	ids := map[string]bool{}
	var (
		para    []string    // lines of the paragraph being read
		list    *guideBlock // the list being read
		sawLead bool
	)
	// blocks returns where the next block goes.
	blocks := func() *[]guideBlock {
		if n := len(d.Sections); n > 0 {
			sec := &d.Sections[n-1]
			if m := len(sec.Subs); m > 0 {
				return &sec.Subs[m-1].Blocks
			}
			return &sec.Blocks
		}
		return &d.Intro
	}
	flush := func() error {
		if len(para) > 0 {
			text, err := parseInline(strings.Join(para, " "))
			if err != nil {
				return err
			}
			para = nil
			if !sawLead && len(d.Sections) == 0 && len(d.Intro) == 0 {
				d.Lead, sawLead = text, true
			} else {
				*blocks() = append(*blocks(), guideBlock{Kind: "p", Text: text})
			}
		}
		if list != nil {
			*blocks() = append(*blocks(), *list)
			list = nil
		}
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i, raw := range lines {
		line := strings.TrimRight(raw, " \t")
		fail := func(err error) (*guideDoc, error) { return nil, fmt.Errorf("line %d: %w", i+1, err) }
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case line == "":
			if err := flush(); err != nil {
				return fail(err)
			}
		case d.Title == "":
			t, ok := strings.CutPrefix(line, "# ")
			if !ok || strings.TrimSpace(t) == "" {
				return fail(fmt.Errorf("the first line must be \"# Title\""))
			}
			d.Title = strings.TrimSpace(t)
		case strings.HasPrefix(line, "#"):
			if err := flush(); err != nil {
				return fail(err)
			}
			m := guideHeading.FindStringSubmatch(line)
			if m == nil {
				return fail(fmt.Errorf("a heading is \"## Title {#id}\" or \"### Title {#id}\": %q", line))
			}
			if ids[m[3]] {
				return fail(fmt.Errorf("id %q used twice", m[3]))
			}
			ids[m[3]] = true
			if m[1] == "##" {
				d.Sections = append(d.Sections, guideSection{ID: m[3], Title: m[2]})
			} else {
				if len(d.Sections) == 0 {
					return fail(fmt.Errorf("### before any ##"))
				}
				sec := &d.Sections[len(d.Sections)-1]
				sec.Subs = append(sec.Subs, guideSub{ID: m[3], Title: m[2]})
			}
		case line != trimmed && strings.HasPrefix(trimmed, "- "):
			if list == nil || len(list.Items) == 0 || len(para) > 0 {
				return fail(fmt.Errorf("an indented item must follow a list item"))
			}
			text, err := parseInline(strings.TrimPrefix(trimmed, "- "))
			if err != nil {
				return fail(err)
			}
			last := &list.Items[len(list.Items)-1]
			last.Sub = append(last.Sub, guideItem{Text: text})
		case strings.HasPrefix(line, "- ") || guideOrdered.MatchString(line):
			kind, rest := "ul", strings.TrimPrefix(line, "- ")
			if loc := guideOrdered.FindStringIndex(line); loc != nil {
				kind, rest = "ol", line[loc[1]:]
			}
			if len(para) > 0 || (list != nil && list.Kind != kind) {
				if err := flush(); err != nil {
					return fail(err)
				}
			}
			text, err := parseInline(rest)
			if err != nil {
				return fail(err)
			}
			if list == nil {
				list = &guideBlock{Kind: kind}
			}
			list.Items = append(list.Items, guideItem{Text: text})
		case strings.HasPrefix(line, "> "):
			if err := flush(); err != nil {
				return fail(err)
			}
			text, err := parseInline(strings.TrimPrefix(line, "> "))
			if err != nil {
				return fail(err)
			}
			*blocks() = append(*blocks(), guideBlock{Kind: "note", Text: text})
		case line != trimmed:
			return fail(fmt.Errorf("unexpected indentation: %q", line))
		default:
			if list != nil {
				if err := flush(); err != nil {
					return fail(err)
				}
			}
			para = append(para, line)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if d.Title == "" || len(d.Lead) == 0 {
		return nil, fmt.Errorf("a guide needs a title and a lead paragraph")
	}
	return d, nil
}

// parseInline splits text into runs: [text](href), **strong**, `code`.
func parseInline(s string) ([]inline, error) {
	var out []inline
	plain := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1] == (inline{Text: out[n-1].Text}) {
			out[n-1].Text += t
			return
		}
		out = append(out, inline{Text: t})
	}
	for s != "" {
		i := strings.IndexAny(s, "[*`")
		if i < 0 {
			plain(s)
			break
		}
		plain(s[:i])
		s = s[i:]
		switch {
		case s[0] == '[':
			end := strings.Index(s, "](")
			if end < 0 {
				return nil, fmt.Errorf("unclosed link in %q", s)
			}
			rp := strings.IndexByte(s[end:], ')')
			if rp < 0 {
				return nil, fmt.Errorf("unclosed link in %q", s)
			}
			text, href := s[1:end], s[end+2:end+rp]
			s = s[end+rp+1:]
			if text == "" {
				return nil, fmt.Errorf("empty link text for %q", href)
			}
			in := inline{Text: text}
			switch {
			case strings.HasPrefix(href, "tel:"):
				in.Tel = strings.TrimPrefix(href, "tel:")
				if strings.Trim(in.Tel, "0123456789+") != "" || in.Tel == "" {
					return nil, fmt.Errorf("bad telephone link %q", href)
				}
			case strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//"),
				strings.HasPrefix(href, "#"), strings.HasPrefix(href, "https://"), strings.HasPrefix(href, "mailto:"):
				in.Href = href
			default:
				return nil, fmt.Errorf("link %q: want /path, #anchor, https://, mailto: or tel:", href)
			}
			out = append(out, in)
		case strings.HasPrefix(s, "**"):
			end := strings.Index(s[2:], "**")
			if end <= 0 {
				return nil, fmt.Errorf("unclosed ** in %q", s)
			}
			out = append(out, inline{Text: s[2 : 2+end], Strong: true})
			s = s[2+end+2:]
		case s[0] == '`':
			end := strings.IndexByte(s[1:], '`')
			if end <= 0 {
				return nil, fmt.Errorf("unclosed ` in %q", s)
			}
			out = append(out, inline{Text: s[1 : 1+end], Code: true})
			s = s[1+end+1:]
		default: // a lone '*'
			plain(s[:1])
			s = s[1:]
		}
	}
	return out, nil
}
