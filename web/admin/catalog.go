package admin

import (
	"net/http"
	"strconv"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
)

// Back office: the Service Catalog, kept by OPDC ("บัญชีบริการ"). A term is
// never deleted, only retired (inactive), because processes refer to it.

type catalogKindView struct {
	Kind  openinfo.CatalogKind
	Title string
	Terms []openinfo.CatalogTerm
}

type catalogPage struct {
	Kinds   []catalogKindView
	All     []openinfo.CatalogTerm // parents to choose from
	Edit    int64                  // the term whose form was refused (0: the add form)
	Kind    string                 // the add form's kind when refused
	Form    openinfo.CatalogTerm
	Errors  map[string]string
	Message string
	Notice  string
}

func (s *Admin) catalogPage(r *http.Request, p catalogPage) (catalogPage, error) {
	lang := ui.LangFrom(r)
	all, err := s.db.CatalogTerms(r.Context(), "", true)
	if err != nil {
		return p, err
	}
	p.All = all
	for _, k := range openinfo.CatalogKinds {
		v := catalogKindView{Kind: k.Kind, Title: k.Kind.Label(lang)}
		for _, t := range all {
			if t.Kind == k.Kind {
				v.Terms = append(v.Terms, t)
			}
		}
		p.Kinds = append(p.Kinds, v)
	}
	return p, nil
}

// handleAdminCatalog lists every term by kind with a form each, and a form
// to add a term to each kind.
func (s *Admin) handleAdminCatalog(w http.ResponseWriter, r *http.Request) {
	p, err := s.catalogPage(r, catalogPage{})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if r.URL.Query().Get("saved") != "" {
		p.Notice = ui.T(ui.LangFrom(r), "admin.saved")
	}
	s.Render(w, r, http.StatusOK, "admin_catalog", ui.T(ui.LangFrom(r), "catalog.title"), p)
}

func readTermForm(r *http.Request, t *openinfo.CatalogTerm) {
	t.Code, t.NameTH, t.NameEN = r.PostFormValue("code"), r.PostFormValue("name_th"), r.PostFormValue("name_en")
	t.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	t.Active = r.PostFormValue("active") != ""
	t.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
}

// handleCatalogCreate adds a term.
func (s *Admin) handleCatalogCreate(w http.ResponseWriter, r *http.Request) {
	t := openinfo.CatalogTerm{Kind: openinfo.CatalogKind(r.PostFormValue("kind"))}
	readTermForm(r, &t)
	t.Active = true
	if err := s.db.CreateCatalogTerm(r.Context(), &t); err != nil {
		s.refuseTerm(w, r, catalogPage{Kind: string(t.Kind), Form: t}, err)
		return
	}
	http.Redirect(w, r, "/admin/catalog?saved=1#term-"+itoa(t.ID), http.StatusSeeOther)
}

// handleCatalogUpdate renames, recodes, moves or retires a term.
func (s *Admin) handleCatalogUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	t := openinfo.CatalogTerm{ID: id}
	readTermForm(r, &t)
	if err := s.db.UpdateCatalogTerm(r.Context(), &t); err != nil {
		s.refuseTerm(w, r, catalogPage{Edit: id, Form: t}, err)
		return
	}
	http.Redirect(w, r, "/admin/catalog?saved=1#term-"+itoa(id), http.StatusSeeOther)
}

func (s *Admin) refuseTerm(w http.ResponseWriter, r *http.Request, p catalogPage, err error) {
	code := openinfo.ErrorCode(err)
	if code != openinfo.EINVALID && code != openinfo.ECONFLICT {
		s.Fail(w, r, err)
		return
	}
	p.Message, p.Errors = ui.FormErrors(err, ui.LangFrom(r))
	p, perr := s.catalogPage(r, p)
	if perr != nil {
		s.Fail(w, r, perr)
		return
	}
	s.Render(w, r, ui.FormStatus(err), "admin_catalog", ui.T(ui.LangFrom(r), "catalog.title"), p)
}
