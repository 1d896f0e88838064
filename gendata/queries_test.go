package gendata

import "testing"

func TestQueries(t *testing.T) {
	qs := Queries()
	if len(qs) < 70 {
		t.Errorf("%d queries, want at least 70", len(qs))
	}
	codes := map[string]bool{}
	for _, c := range compiledTemplates() {
		codes[c.t.code] = true
	}
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
		if len(q.Templates) == 0 {
			t.Errorf("query %q has no templates", q.Text)
		}
		for _, c := range q.Templates {
			if !codes[c] {
				t.Errorf("query %q: unknown template %q", q.Text, c)
			}
		}
	}
	for _, k := range QueryKinds {
		if kinds[k] < 10 {
			t.Errorf("%d %s queries, want at least 10", kinds[k], k)
		}
	}
	if len(kinds) != len(QueryKinds) {
		t.Errorf("query kinds = %v", kinds)
	}
	if len(qs) < 300 {
		t.Errorf("%d queries, want at least 300", len(qs))
	}
	// The halves are fixed by the text: each kind has queries in both.
	seen := map[string]bool{}
	halves := map[string]int{}
	for _, q := range qs {
		if seen[q.Text] {
			t.Errorf("query %q twice", q.Text)
		}
		seen[q.Text] = true
		halves[q.Kind+" "+q.Half()]++
	}
	for _, k := range QueryKinds {
		if halves[k+" "+HalfTuning] < 5 || halves[k+" "+HalfHeldOut] < 5 {
			t.Errorf("%s: %d tuning, %d held out", k, halves[k+" "+HalfTuning], halves[k+" "+HalfHeldOut])
		}
	}
	if (Query{Text: "ใบขับขี่"}).Half() != (Query{Text: "ใบขับขี่"}).Half() {
		t.Error("Half is not fixed")
	}
}

// answered counts the manuals that answer each query.
func answered(ds *Dataset) []int {
	qs := Queries()
	n := make([]int, len(qs))
	for i := range ds.Processes {
		for j, q := range qs {
			if q.Relevant(&ds.Processes[i], ds) {
				n[j]++
			}
		}
	}
	return n
}

func TestQueriesSmall(t *testing.T) {
	ds := smallData(t, 1)
	none := 0
	for _, c := range answered(ds) {
		if c == 0 {
			none++
		}
	}
	if none*3 > len(Queries()) {
		t.Errorf("%d of %d queries have no answer in the small data set", none, len(Queries()))
	}
}

func TestQueriesNational(t *testing.T) {
	ds := nationalData(t)
	for i, c := range answered(ds) {
		if c == 0 {
			t.Errorf("query %q has no answer in the national data set", Queries()[i].Text)
		}
	}
}
