package search

import (
	"slices"
	"testing"
)

// TestLightWordsNotMarked: light words (ขอ, มี, ทำ) of a query with other
// words are not marked as hits, and do not make a document match on their
// own (issue 16, point 8).
func TestLightWordsNotMarked(t *testing.T) {
	ix := newSmall(t)
	marked := func(spans []Span) []string {
		var out []string
		for _, s := range spans {
			if s.Hit {
				out = append(out, s.Text)
			}
		}
		return out
	}
	for _, c := range []struct {
		q      string
		first  []int64
		marked string // a word marked in the first hit's title
	}{
		{"ขอหนังสือเดินทาง", []int64{9}, "หนังสือเดินทาง"},
		{"ทำพาสปอร์ต", []int64{9}, ""},
		{"มีบัตรประชาชน", []int64{1, 2}, "บัตรประจำตัวประชาชน"},
		{"ขอมีบัตรประชาชน ทำยังไง", []int64{1, 2}, "บัตรประจำตัวประชาชน"},
	} {
		r := ix.Search(Query{Text: c.q})
		if len(r.Hits) == 0 || !slices.Contains(c.first, r.Hits[0].ID) {
			t.Errorf("%q: %v, want %d first", c.q, ids(r), c.first)
			continue
		}
		for _, h := range r.Hits {
			for _, spans := range [][]Span{h.TitleSpans, h.BodySpans} {
				for _, w := range marked(spans) {
					if lightWord(w) || w == "การขอ" || w == "การ" {
						t.Errorf("%q: %d marks the light word %q: %v", c.q, h.ID, w, marked(spans))
					}
				}
			}
		}
		if m := marked(r.Hits[0].TitleSpans); c.marked != "" && !containsStr(m, c.marked) {
			t.Errorf("%q: title marks %v, want %q", c.q, m, c.marked)
		}
		// Every hit matches a word that is not light.
		for _, h := range r.Hits {
			if len(marked(h.TitleSpans))+len(marked(h.BodySpans)) == 0 && h.Kind == KindManual {
				t.Errorf("%q: %d (%s) matches light words only", c.q, h.ID, h.Title)
			}
		}
	}
	// A query of light words alone still finds and marks them.
	if r := ix.Search(Query{Text: "ขอ"}); len(r.Hits) == 0 {
		t.Error("ขอ: no hits")
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
