package peers

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/searchbench"
	"github.com/openinfo/openinfo/search/thai"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func tinyCorpus() []search.Doc {
	return []search.Doc{
		{Kind: search.KindManual, ID: 1, Title: "การขอมีบัตรประจำตัวประชาชนครั้งแรก", Agency: "สำนักทะเบียนอำเภอเมืองเชียงใหม่", Place: "จังหวัดเชียงใหม่", Body: "สำเนาทะเบียนบ้าน สูติบัตร"},
		{Kind: search.KindManual, ID: 2, Title: "การขอหนังสือเดินทางบุคคลธรรมดา", Alt: []string{"ทำพาสปอร์ต"}, Agency: "กรมการกงสุล", Body: "บัตรประจำตัวประชาชนตัวจริง"},
		{Kind: search.KindManual, ID: 3, Title: "การชำระภาษีรถประจำปี", Agency: "สำนักงานขนส่งจังหวัดขอนแก่น", Place: "จังหวัดขอนแก่น"},
		{Kind: search.KindPoint, ID: 4, Title: "ที่ทำการไปรษณีย์บางรัก", Place: "เขตบางรัก กรุงเทพมหานคร"},
	}
}

// checkEngine loads the tiny corpus and checks a few queries.
func checkEngine(t *testing.T, e searchbench.Engine) {
	t.Helper()
	ctx := context.Background()
	if err := e.Load(ctx, tinyCorpus()); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int64{"หนังสือเดินทาง": 2, "ภาษีรถ": 3, "ไปรษณีย์บางรัก": 4, "บัตรประจำตัวประชาชน": 1} {
		refs, err := e.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("%s: %q: %v", e.Name(), q, err)
		}
		if !slices.Contains(refs, search.DocRef{Kind: kindOf(want), ID: want}) {
			t.Errorf("%s: %q: %v, want %d", e.Name(), q, refs, want)
		}
	}
	if refs, err := e.Search(ctx, "", 10); err != nil || len(refs) != 0 {
		t.Errorf("%s: empty query: %v %v", e.Name(), refs, err)
	}
	// Reloading replaces the documents.
	if err := e.Load(ctx, tinyCorpus()[:1]); err != nil {
		t.Fatal(err)
	}
	if refs, _ := e.Search(ctx, "หนังสือเดินทาง", 10); len(refs) != 0 {
		t.Errorf("%s: after reload: %v", e.Name(), refs)
	}
}

func kindOf(id int64) search.Kind {
	if id == 4 {
		return search.KindPoint
	}
	return search.KindManual
}

func TestSQLiteFTS(t *testing.T) {
	s, err := NewSQLiteFTS(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkEngine(t, s)
}

func openPG(t *testing.T) *sql.DB {
	dsn := pgtest.NewDatabase(t, nil)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPgTrgm(t *testing.T) {
	checkEngine(t, NewPgTrgm(openPG(t)))
}

func TestPgTSVector(t *testing.T) {
	checkEngine(t, NewPgTSVector(openPG(t), thai.Default()))
}

// TestBench runs the benchmark harness over the index and SQLite on the
// tiny corpus.
func TestBench(t *testing.T) {
	s, err := NewSQLiteFTS(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	queries := []searchbench.LabelledQuery{
		{Text: "หนังสือเดินทาง", RelevantRefs: []search.DocRef{{Kind: search.KindManual, ID: 2}}},
		{Text: "พาสปอร์ต", Relevant: func(d search.Doc) bool { return d.ID == 2 }},
		{Text: "บัตรประชาชน", Relevant: func(d search.Doc) bool { return d.ID == 1 }},
	}
	res, err := searchbench.Run(context.Background(), tinyCorpus(), queries,
		[]searchbench.Engine{searchbench.NewIndexEngine(nil), s}, searchbench.Options{Repeat: 2})
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		searchbench.Print(os.Stdout, res)
	}
	if len(res) != 2 || res[0].Queries != 3 || res[0].Recall10 != 1 || res[0].MRR != 1 {
		t.Errorf("results %+v", res)
	}
}
