package ui

import (
	"net/url"
	"strings"

	"github.com/openinfo/openinfo"
)

// EgovHref is where a channel takes the citizen: its web address, a mailto:
// for e-mail, LINE's add-friend page for an @ID; "" when there is none.
func EgovHref(it openinfo.EgovItem) string {
	a := strings.TrimSpace(it.Address)
	switch {
	case a == "":
		return ""
	case it.Kind == openinfo.ChannelEmail:
		return "mailto:" + a
	case it.Kind == openinfo.ChannelLINE && strings.HasPrefix(a, "@"):
		return "https://line.me/R/ti/p/" + url.PathEscape(a)
	case strings.HasPrefix(a, "https://") || strings.HasPrefix(a, "http://"):
		return a
	}
	return ""
}

// StateName names a revision state; "" is a process with no manual yet.
func StateName(st openinfo.RevisionState, lang string) string {
	if st == "" {
		return T(lang, "summary.nomanual")
	}
	return st.Label(lang)
}

// ScopeName names a report's scope: an agency, or the country (nil).
func ScopeName(a *openinfo.Agency, lang string) string {
	if a == nil {
		return T(lang, "summary.country")
	}
	return a.Name(lang)
}
