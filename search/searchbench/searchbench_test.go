package searchbench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/search"
)

// TestRun measures openinfo's two engines on a tiny corpus: both find
// every answer first, and the table has a row for each.
func TestRun(t *testing.T) {
	docs := []search.Doc{
		{Kind: search.KindManual, ID: 1, Title: "การขอมีบัตรประจำตัวประชาชนครั้งแรก", Agency: "สำนักทะเบียนอำเภอเมืองเชียงใหม่"},
		{Kind: search.KindManual, ID: 2, Title: "การขอหนังสือเดินทางบุคคลธรรมดา", Alt: []string{"ทำพาสปอร์ต"}, Agency: "กรมการกงสุล"},
		{Kind: search.KindManual, ID: 3, Title: "การชำระภาษีรถประจำปี", Agency: "สำนักงานขนส่งจังหวัดขอนแก่น"},
	}
	queries := []LabelledQuery{
		{Text: "หนังสือเดินทาง", RelevantRefs: []search.DocRef{{Kind: search.KindManual, ID: 2}}},
		{Text: "ภาษีรถ", Relevant: func(d search.Doc) bool { return d.ID == 3 }},
		{Text: "ไม่มีคำตอบ"}, // no relevant document: not counted
	}
	res, err := Run(context.Background(), docs, queries, []Engine{NewIndexEngine(nil), NewRankingEngine(nil)}, Options{Repeat: 2, PerQuery: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Queries != 2 || r.Errors != 0 || r.Recall1 != 1 || r.Recall10 != 1 || r.MRR != 1 || len(r.PerQuery) != 2 {
			t.Errorf("%s: %+v", r.Engine, r)
		}
	}
	var out bytes.Buffer
	if err := Print(&out, res); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{EngineIndex, EngineRanking} {
		if !strings.Contains(out.String(), name) {
			t.Errorf("no row for %s:\n%s", name, out.String())
		}
	}
}

// TestJudge: quality is judged over distinct services: copies count once,
// a later copy that is relevant finds its service, and only the first 10
// services count.
func TestJudge(t *testing.T) {
	ref := func(id int64) search.DocRef { return search.DocRef{Kind: search.KindManual, ID: id} }
	service := func(r search.DocRef) string { return string(rune('a' + r.ID/10)) } // 1–9: a, 10–19: b, …
	rel := map[search.DocRef]bool{ref(12): true, ref(31): true}                    // services b and d
	hits := []search.DocRef{ref(1), ref(2), ref(11), ref(12), ref(3), ref(21)}
	r1, r10, rr := judge(hits, rel, service)
	if r1 != 0 || r10 != 0.5 || rr != 0.5 {
		t.Errorf("judge: %v %v %v, want 0 0.5 0.5", r1, r10, rr)
	}
	var many []search.DocRef
	for i := range 12 {
		many = append(many, ref(int64(100+10*i)))
	}
	if _, r10, _ := judge(append(many, ref(31)), rel, service); r10 != 0 {
		t.Errorf("a service after the tenth counted: %v", r10)
	}
	if r1, _, rr := judge([]search.DocRef{ref(31), ref(12)}, rel, service); r1 != 1 || rr != 1 {
		t.Errorf("first: %v %v", r1, rr)
	}
}
