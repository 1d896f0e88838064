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
		if r.Queries != 2 || r.Errors != 0 || r.Recall10 != 1 || r.MRR != 1 || len(r.PerQuery) != 2 {
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
