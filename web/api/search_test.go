package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/web/internal/find"
)

// searchAPI is the API over an index of docs.
func searchAPI(t *testing.T, docs ...search.Doc) *http.ServeMux {
	t.Helper()
	ix := search.New(thai.Default())
	ix.Upsert(docs...)
	a := &API{Find: &find.Finder{Index: ix},
		AbsURL: func(_ *http.Request, p string) string { return "https://info.example.go.th" + p }}
	mux := http.NewServeMux()
	a.Register(mux)
	return mux
}

func getSearch(t *testing.T, mux *http.ServeMux, query string) SearchV1 {
	t.Helper()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search?"+query, nil))
	var out SearchV1
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("%s: %d %s", query, rec.Code, rec.Body)
	}
	return out
}

func manual(id int64, title, agency, prov string) search.Doc {
	return search.Doc{Kind: search.KindManual, ID: id, Title: title, Agency: agency,
		Facets: map[string][]string{search.FacetProvince: {prov}}}
}

// TestSearchCorrectedPartial: the JSON says when the hits include those of
// a corrected query, and when hits match only some of the words.
func TestSearchCorrectedPartial(t *testing.T) {
	mux := searchAPI(t,
		manual(1, "การจดทะเบียนสมรส", "สำนักงานเขตบางรัก", "10"),
		manual(2, "การขออนุญาตก่อสร้างอาคาร", "เทศบาลนครเชียงใหม่", "50"),
		manual(3, "การแจ้งรื้อถอนอาคาร", "เทศบาลนครเชียงใหม่", "50"),
	)
	out := getSearch(t, mux, "q="+url.QueryEscape("จดทะเบียนสมลส"))
	if !out.Corrected || out.DidYouMean != "จดทะเบียนสมรส" || len(out.Hits) == 0 || out.Hits[0].ID != 1 {
		t.Errorf("misspelt: %+v", out)
	}
	out = getSearch(t, mux, "q="+url.QueryEscape("จดทะเบียนสมรส"))
	if out.Corrected || out.Partial || len(out.Hits) != 1 || out.Hits[0].Partial {
		t.Errorf("whole: %+v", out)
	}
	out = getSearch(t, mux, "q="+url.QueryEscape("ก่อสร้าง อาคาร เชียงใหม่ รื้อถอน"))
	if !out.Partial || len(out.Hits) != 2 || !out.Hits[0].Partial || !out.Hits[1].Partial { // each misses a word
		t.Errorf("partial: %+v", out)
	}
}
