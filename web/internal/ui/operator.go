package ui

import "fmt"

// Operator is who runs the site: named in every page's footer, in the
// privacy notice (the data controller) and in the accessibility statement.
type Operator struct {
	NameTH, NameEN string
	Email, Phone   string
	URL            string
}

// DefaultOperator is the agency that runs info.go.th.
var DefaultOperator = Operator{
	NameTH: "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
	NameEN: "Digital Government Development Agency (Public Organization)",
	URL:    "https://www.dga.or.th",
}

func (o Operator) orDefault() Operator {
	if o.NameTH == "" {
		return DefaultOperator
	}
	return o
}

// Name is the operator's name in lang (Thai when it has no English name).
func (o Operator) Name(lang string) string {
	if lang == LangEN && o.NameEN != "" {
		return o.NameEN
	}
	return o.NameTH
}

// Operator is who runs the site.
func (u *UI) Operator() Operator { return u.operator }

// describe writes a public page's meta description: what the page holds,
// with its subject's name.
func describe(page, title, lang string, data any) string {
	switch page {
	case "manual":
		if m, ok := data.(ManualPage); ok {
			return fmt.Sprintf(T(lang, "desc.manual"), m.C.Name, m.Agency.Name(lang))
		}
	case "agency", "point":
		return fmt.Sprintf(T(lang, "desc."+page), title)
	case "privacy", "accessibility", "rate":
		return T(lang, "desc."+page)
	case "rate_entry", "rate_thanks":
		return T(lang, "desc.rate")
	}
	if title == "" || title == T(lang, "site.name") {
		return T(lang, "desc.site")
	}
	return title + " – " + T(lang, "desc.site")
}
