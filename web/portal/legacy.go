package portal

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/openinfo/openinfo"
)

// Old links (docs/bundle.md): the public URL forms of info.go.th keep
// working after a migration, as permanent redirects to the new pages.
//
//	/procedure/{uuid}/view (and /procedure/{uuid}, /procedure/{uuid}/print)
//	    → /manuals/{id}: the manual imported with that legacy UUID
//	/survey/{code}, /survey?code=…  → /rate/{code}: an old poster's QR code;
//	    /rate/{code} itself accepts the codes linked by the import
//	/page/faq.html, /page/faq-en.html → /faq
func (s *Portal) registerLegacy(mux *http.ServeMux) {
	mux.HandleFunc("GET /procedure/{uuid}", s.handleLegacyProcedure)
	mux.HandleFunc("GET /procedure/{uuid}/{rest...}", s.handleLegacyProcedure)
	mux.HandleFunc("GET /survey/{code}", s.handleLegacySurvey)
	mux.HandleFunc("GET /survey", s.handleLegacySurvey)
	mux.HandleFunc("GET /page/faq.html", s.handleLegacyFAQ)
	mux.HandleFunc("GET /page/faq-en.html", s.handleLegacyFAQ)
}

// handleLegacyProcedure redirects an old manual link to its new page.
func (s *Portal) handleLegacyProcedure(w http.ResponseWriter, r *http.Request) {
	id, err := s.db.ProcessByLegacyUUID(r.Context(), r.PathValue("uuid"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/manuals/"+strconv.FormatInt(id, 10), http.StatusMovedPermanently)
}

// handleLegacySurvey sends an old survey link to the rating page of the
// same code: the import linked old codes to their points.
func (s *Portal) handleLegacySurvey(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	if code == "" {
		code = r.URL.Query().Get("code")
	}
	code = openinfo.NormalizeRateCode(code)
	if code == "" {
		http.Redirect(w, r, "/rate", http.StatusMovedPermanently)
		return
	}
	pt, err := s.db.PointByRateCode(r.Context(), code)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if current, err := s.db.RateCode(r.Context(), pt.ID); err == nil && openinfo.ValidRateCode(code) {
		code = current
	}
	http.Redirect(w, r, "/rate/"+url.PathEscape(code), http.StatusMovedPermanently)
}

func (s *Portal) handleLegacyFAQ(w http.ResponseWriter, r *http.Request) {
	u := "/faq"
	if r.URL.Path == "/page/faq-en.html" { // the English page: switch the language on the way
		u = "/lang?to=en&next=%2Ffaq"
	}
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}
