package portal

import (
	"net/http/httptest"
	"testing"
)

// TestCountCachedView: a manual page answered from the page cache counts as
// a view of that manual; other pages count nothing.
func TestCountCachedView(t *testing.T) {
	s := &Portal{}
	s.views.add(42) // as handleManual does for the one it renders
	for range 2 {
		s.CountCachedView(httptest.NewRequest("GET", "/manuals/42", nil))
	}
	for _, p := range []string{"/manuals/abc", "/manuals/42/history", "/manuals/", "/points/42"} {
		s.CountCachedView(httptest.NewRequest("GET", p, nil))
	}
	if got := s.views.take(); len(got) != 1 || got[42] != 3 {
		t.Fatalf("views = %v, want 3 of manual 42 (one rendered, two from the cache)", got)
	}
}
