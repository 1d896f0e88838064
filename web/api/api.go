// Package api serves openinfo's JSON endpoints. Responses have types of
// their own, versioned, never the domain's or the storage's: storage can
// change without breaking the apps and maps that read these.
package api

import (
	"encoding/json"
	"net/http"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/web/internal/find"
)

// API is the JSON endpoints.
type API struct {
	Find *find.Finder
	// AbsURL makes a path absolute on the public site.
	AbsURL func(r *http.Request, path string) string
}

// Register adds the endpoints to mux. /api/search is version 1, kept for the
// clients that use it; /api/v1/search names its version.
func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/search", a.handleSearchV1)
	mux.HandleFunc("GET /api/v1/search", a.handleSearchV1)
}

// handleSearchV1 is the portal's search as JSON: the same query string as
// /search (q, kind, the facets, page).
func (a *API) handleSearchV1(w http.ResponseWriter, r *http.Request) {
	sr := find.Read(r)
	res, ok := a.Find.Search(r, sr)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	if !ok {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(ErrorV1{Error: "search index is loading", ErrorTH: "ระบบค้นหากำลังเตรียมข้อมูล กรุณาลองใหม่ในอีกสักครู่"})
		return
	}
	out := SearchV1{Query: sr.Text, Total: res.Total, Page: sr.Page, DidYouMean: res.DidYouMean,
		Corrected: res.DidYouMean != "", Partial: res.Partial, Grouped: res.Grouped, Hits: []SearchHitV1{},
		Facets: map[string][]FacetV1{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, SearchHitV1{Kind: string(h.Kind), ID: h.ID, URL: a.AbsURL(r, find.HitURL(h.Kind, h.ID)),
			Title: h.Title, TitleEN: h.TitleEN, Agency: h.Agency, Place: h.Place, Score: h.Score, Partial: h.Partial, Copies: h.Copies, Near: h.Preferred,
			TitleSpans: spansV1(h.TitleSpans), Snippet: spansV1(h.BodySpans)})
	}
	for key, list := range res.Facets {
		for _, fc := range list {
			label := fc.Value
			if key != search.FacetKind {
				label = a.Find.FacetLabel(r, key, fc.Value)
			}
			out.Facets[key] = append(out.Facets[key], FacetV1{Value: fc.Value, Label: label, Count: fc.Count})
		}
	}
	json.NewEncoder(w).Encode(out)
}

func spansV1(spans []search.Span) []SpanV1 {
	if len(spans) == 0 {
		return nil
	}
	out := make([]SpanV1, len(spans))
	for i, s := range spans {
		out[i] = SpanV1{Text: s.Text, Hit: s.Hit}
	}
	return out
}
