package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/web/internal/find"
)

// TestSearchWhileLoading: both names of version 1 answer 503 with the
// reason in English and Thai until the index is built.
func TestSearchWhileLoading(t *testing.T) {
	a := &API{Find: &find.Finder{Index: search.New(nil), Ready: func() bool { return false }},
		AbsURL: func(_ *http.Request, p string) string { return "https://info.example.go.th" + p }}
	mux := http.NewServeMux()
	a.Register(mux)
	for _, path := range []string{"/api/search?q=x", "/api/v1/search?q=x"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		var e ErrorV1
		if rec.Code != http.StatusServiceUnavailable || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" || e.ErrorTH == "" ||
			rec.Header().Get("Retry-After") == "" {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}
