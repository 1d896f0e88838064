package satisfaction_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

type tree struct {
	ministry, dept, office, other *openinfo.Agency
	locals                        []*openinfo.Agency // roots that are local governments
	points                        []*openinfo.ServicePoint
	process                       int64
}

func mkTree(t *testing.T, db *store.DB) *tree {
	t.Helper()
	ctx := context.Background()
	mk := func(parent int64, typ openinfo.AgencyType, th, en string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: th, NameEN: en}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	tr := &tree{}
	tr.ministry = mk(0, openinfo.AgencyMinistry, "กระทรวงคมนาคม", "Ministry of Transport")
	tr.dept = mk(tr.ministry.ID, openinfo.AgencyDepartment, "กรมการขนส่งทางบก", "Department of Land Transport")
	tr.office = mk(tr.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่", "")
	tr.other = mk(0, openinfo.AgencyMinistry, "กระทรวงการคลัง", "Ministry of Finance")
	tr.locals = []*openinfo.Agency{
		mk(0, openinfo.AgencyMunicipality, "เทศบาลนครเชียงใหม่", "Chiang Mai City Municipality"),
		mk(0, openinfo.AgencySAO, "องค์การบริหารส่วนตำบลสุเทพ", ""),
		mk(0, openinfo.AgencySAO, "องค์การบริหารส่วนตำบลแม่เหียะ", ""),
		mk(0, openinfo.AgencyPAO, "องค์การบริหารส่วนจังหวัดเชียงใหม่", ""),
		mk(0, openinfo.AgencySAO, "องค์การบริหารส่วนตำบลที่ไม่มีผู้ประเมิน", ""), // no points: never rated
	}
	unit := mk(tr.locals[0].ID, openinfo.AgencyUnit, "กองสาธารณสุข เทศบาลนครเชียงใหม่", "")
	for i, a := range []*openinfo.Agency{tr.ministry, tr.dept, tr.dept, tr.office, tr.office, tr.other, tr.locals[0], unit, tr.locals[1], tr.locals[2], tr.locals[3]} {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: fmt.Sprintf("จุดบริการที่ %d \"ทดสอบ\", ก", i+1), Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		tr.points = append(tr.points, p)
	}
	now := time.Now()
	if err := db.SQL().QueryRow(`INSERT INTO processes (agency_id, name_th, name_en, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
		tr.dept.ID, "การจดทะเบียนรถใหม่", "New vehicle registration", now).Scan(&tr.process); err != nil {
		t.Fatal(err)
	}
	return tr
}

// rate submits n random ratings over FY2568 (and a few outside it); with
// suspectEvery > 0, about one in suspectEvery is flagged suspect.
func rate(t *testing.T, db *store.DB, tr *tree, n int, suspectEvery ...int) {
	t.Helper()
	w := db.NewRatingWriter(store.RatingWriterOptions{})
	defer w.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	bkk := time.FixedZone("ICT", 7*3600)
	start := time.Date(2024, 9, 20, 0, 0, 0, 0, bkk)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		p := tr.points[rng.IntN(len(tr.points))]
		r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1,
			CreatedAt: start.Add(time.Duration(rng.IntN(390*24)) * time.Hour)}
		for d := 0; d < 4; d++ {
			r.Answers[d] = 1 + rng.IntN(5)
		}
		if rng.IntN(3) == 0 {
			r.Answers[openinfo.DimChannel] = 1 + rng.IntN(5)
		}
		if p.AgencyID == tr.dept.ID && rng.IntN(2) == 0 {
			r.ProcessID = tr.process
		}
		if rng.IntN(8) == 0 {
			r.Comment = fmt.Sprintf("ความเห็น %d: เจ้าหน้าที่สุภาพ, \"รวดเร็ว\"", i)
		}
		if len(suspectEvery) > 0 && rng.IntN(suspectEvery[0]) == 0 {
			r.Suspect = true
		}
		go func() { errs <- w.Submit(context.Background(), r, "") }()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// direct computes what the report should say straight from the raw ratings.
func direct(all []openinfo.Rating, paths map[int64]string, prefix string, point, process int64, from, to int) (total openinfo.RatingStats, months map[int]openinfo.RatingStats) {
	months = map[int]openinfo.RatingStats{}
	for _, r := range all {
		m := openinfo.MonthKey(r.CreatedAt)
		if m < from || m > to || !strings.HasPrefix(paths[r.AgencyID], prefix) ||
			(point != 0 && r.PointID != point) || (process != 0 && r.ProcessID != process) {
			continue
		}
		total.Add(&r)
		s := months[m]
		s.Add(&r)
		months[m] = s
	}
	return total, months
}

func TestReportEqualsDirectComputation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := mkTree(t, db)
		rate(t, db, tr, 1500)
		all, err := db.Ratings(ctx, store.RatingFilter{})
		if err != nil || len(all) != 1500 {
			t.Fatalf("%d ratings, %v", len(all), err)
		}
		paths, _ := db.AgencyPaths(ctx, "/")
		fy, _ := openinfo.ParsePeriod("2568")
		for _, c := range reportCases(tr) {
			checkReport(t, db, all, paths, c.name, c.q)
		}
		rep, _ := satisfaction.Build(ctx, db, satisfaction.Query{Period: fy})
		if len(rep.Agencies) != 3 || len(rep.Comments) != 20 {
			t.Errorf("all: %d root agencies, %d comments", len(rep.Agencies), len(rep.Comments))
		}
		if p := rep.Total.Percent(openinfo.DimStaff); p != rep.Total.Mean(openinfo.DimStaff)/5*100 {
			t.Errorf("percent %v", p)
		}
	})
}

// reportCases are the scopes and periods the report tests check.
func reportCases(tr *tree) []struct {
	name string
	q    satisfaction.Query
} {
	fy, _ := openinfo.ParsePeriod("2568")
	q1, _ := openinfo.ParsePeriod("2568-Q2")
	jan, _ := openinfo.ParsePeriod("2568-01")
	return []struct {
		name string
		q    satisfaction.Query
	}{
		{"all, fiscal year", satisfaction.Query{Period: fy}},
		{"ministry subtree, fiscal year", satisfaction.Query{Agency: tr.ministry, Period: fy}},
		{"department, quarter", satisfaction.Query{Agency: tr.dept, Period: q1}},
		{"department, process", satisfaction.Query{Agency: tr.dept, Process: tr.process, Period: fy}},
		{"office, month", satisfaction.Query{Agency: tr.office, Period: jan}},
		{"one point", satisfaction.Query{Agency: tr.dept, Point: tr.points[1], Period: fy}},
		{"all, every root", satisfaction.Query{Period: fy, Roots: satisfaction.RootsAll}},
		{"all, local governments, page 1", satisfaction.Query{Period: fy, Roots: satisfaction.RootsLocal, PerPage: 2}},
		{"all, local governments, page 2", satisfaction.Query{Period: fy, Roots: satisfaction.RootsLocal, PerPage: 2, Page: 2}},
		{"all, local governments, quarter", satisfaction.Query{Period: q1, Roots: satisfaction.RootsLocal}},
	}
}

// checkReport builds the report of q from the roll-ups and from the raw
// ratings and compares both with the direct computation over all.
func checkReport(t *testing.T, db *store.DB, all []openinfo.Rating, paths map[int64]string, name string, q satisfaction.Query) *satisfaction.Report {
	t.Helper()
	ctx := context.Background()
	rep, err := satisfaction.Build(ctx, db, q)
	if err != nil {
		t.Fatal(err)
	}
	from, to := q.Period.Months()
	prefix := "/"
	if q.Agency != nil {
		prefix = q.Agency.Path
	}
	var point int64
	if q.Point != nil {
		point = q.Point.ID
	}
	total, months := direct(all, paths, prefix, point, q.Process, from, to)
	if rep.Total != total || total.N == 0 {
		t.Errorf("%s: total\n got %+v\nwant %+v", name, rep.Total, total)
	}
	for _, m := range rep.Months {
		if m.RatingStats != months[int(m.ID)] {
			t.Errorf("%s: month %d differs", name, m.ID)
		}
	}
	if len(rep.Months) != len(q.Period.MonthsIn()) {
		t.Errorf("%s: %d months", name, len(rep.Months))
	}
	// Each agency row equals the direct computation over its subtree
	// (or, for the scope's own row, over its own points); a row of the
	// local governments over theirs, one of the rest over those not on the
	// page; all rows together make the total.
	local := localRoots(t, db)
	listed := map[int64]bool{}
	for _, a := range rep.Agencies {
		listed[a.ID] = true
	}
	var sum openinfo.RatingStats
	for _, a := range rep.Agencies {
		var want openinfo.RatingStats
		for _, r := range all {
			m := openinfo.MonthKey(r.CreatedAt)
			own := q.Agency != nil && a.ID == q.Agency.ID
			root, _ := strconv.ParseInt(strings.Split(paths[r.AgencyID], "/")[1], 10, 64)
			var in bool
			switch a.Group {
			case "local":
				in = local[root]
			case "rest":
				in = local[root] && !listed[root]
			default:
				in = (own && r.AgencyID == a.ID) || (!own && strings.Contains(paths[r.AgencyID], "/"+strconv.FormatInt(a.ID, 10)+"/"))
			}
			if in && m >= from && m <= to && (q.Process == 0 || r.ProcessID == q.Process) {
				want.Add(&r)
			}
		}
		if a.RatingStats != want || want.N == 0 {
			t.Errorf("%s: agency %d %q (%s) differs", name, a.ID, a.Group, a.NameTH)
		}
		sum.Merge(a.RatingStats)
	}
	if q.Point == nil && q.Roots != satisfaction.RootsLocal && sum != rep.Total {
		t.Errorf("%s: the agency rows sum to %+v\nnot the total %+v", name, sum, rep.Total)
	}
	if q.Agency == nil && q.Point == nil {
		checkRoots(t, rep, local, name)
	}
	for _, p := range rep.Points {
		want, _ := direct(all, paths, "/", p.ID, q.Process, from, to)
		if p.RatingStats != want {
			t.Errorf("%s: point %d differs", name, p.ID)
		}
	}
	for _, p := range rep.Processes {
		want, _ := direct(all, paths, prefix, point, p.ID, from, to)
		if q.Point == nil {
			want = openinfo.RatingStats{}
			for _, r := range all {
				mm := openinfo.MonthKey(r.CreatedAt)
				if r.AgencyID == q.Agency.ID && r.ProcessID == p.ID && mm >= from && mm <= to {
					want.Add(&r)
				}
			}
		}
		if p.RatingStats != want || p.NameTH != "การจดทะเบียนรถใหม่" {
			t.Errorf("%s: process %d differs", name, p.ID)
		}
	}
	// The plain GROUP BY over the raw ratings says the same.
	rq := q
	rq.Raw = true
	raw, err := satisfaction.Build(ctx, db, rq)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(raw.Total, raw.Months, raw.Agencies, raw.Points, raw.Processes) !=
		fmt.Sprint(rep.Total, rep.Months, rep.Agencies, rep.Points, rep.Processes) {
		t.Errorf("%s: raw report differs", name)
	}
	for _, cm := range rep.Comments {
		if !strings.HasPrefix(cm.Comment, "ความเห็น") {
			t.Errorf("comment %q", cm.Comment)
		}
	}
	return rep
}

// localRoots returns the root agencies that are local governments, from
// the agencies table.
func localRoots(t *testing.T, db *store.DB) map[int64]bool {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT id, type FROM agencies WHERE parent_id IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		var typ string
		if err := rows.Scan(&id, &typ); err != nil {
			t.Fatal(err)
		}
		out[id] = openinfo.AgencyType(typ).IsLocal()
	}
	return out
}

// checkRoots checks the shape of the country's breakdown: every root, the
// other roots with the local governments in one row, or a page of local
// governments (the most rated first) with the rest in one row.
func checkRoots(t *testing.T, rep *satisfaction.Report, local map[int64]bool, name string) {
	t.Helper()
	var groups []string
	for i, a := range rep.Agencies {
		if a.Group != "" {
			groups = append(groups, a.Group)
			if a.ID != 0 || a.Agencies == 0 || a.NameTH == "" {
				t.Errorf("%s: group row %+v", name, a)
			}
			continue
		}
		if i > 0 && rep.Agencies[i-1].Group == "" && rep.Agencies[i-1].N < a.N {
			t.Errorf("%s: row %d has more ratings than the one before", name, i)
		}
		switch q := rep.Query; {
		case q.Roots == satisfaction.RootsLocal && !local[a.ID], q.Roots == satisfaction.RootsGrouped && local[a.ID]:
			t.Errorf("%s: root %d (%s) listed", name, a.ID, a.NameTH)
		}
	}
	switch rep.Query.Roots {
	case satisfaction.RootsGrouped:
		if fmt.Sprint(groups) != "[local]" {
			t.Errorf("%s: groups %v", name, groups)
		}
	case satisfaction.RootsAll:
		if len(groups) != 0 || len(rep.Agencies) != 6 {
			t.Errorf("%s: groups %v, %d rows", name, groups, len(rep.Agencies))
		}
	case satisfaction.RootsLocal:
		per := max(rep.Query.PerPage, 0)
		if per == 0 {
			per = satisfaction.RootsPerPage
		}
		// Four local governments were rated: two pages of two, or one.
		wantPages, wantRows := 1, 4
		if per == 2 {
			wantPages, wantRows = 2, 2
		}
		if rep.Pages != wantPages || rep.Page != max(rep.Query.Page, 1) || len(rep.Agencies)-len(groups) != wantRows {
			t.Errorf("%s: page %d of %d, %d rows", name, rep.Page, rep.Pages, len(rep.Agencies))
		}
		if rep.Pages > 1 && (fmt.Sprint(groups) != "[rest]" || rep.Agencies[len(rep.Agencies)-1].Agencies != 3) {
			t.Errorf("%s: groups %v", name, groups)
		}
	}
}

// TestReportFlaggedRatings: ratings flagged suspect are counted apart and
// left out of every number by default; asked for, they count everywhere,
// from the roll-ups as from the raw ratings.
func TestReportFlaggedRatings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := mkTree(t, db)
		rate(t, db, tr, 1200, 4)
		every, err := db.Ratings(ctx, store.RatingFilter{Suspect: store.SuspectInclude})
		if err != nil || len(every) != 1200 {
			t.Fatalf("%d ratings, %v", len(every), err)
		}
		var clean, flagged []openinfo.Rating
		isFlagged := map[int64]bool{}
		for _, r := range every {
			if r.Suspect {
				flagged = append(flagged, r)
				isFlagged[r.ID] = true
			} else {
				clean = append(clean, r)
			}
		}
		if def, _ := db.Ratings(ctx, store.RatingFilter{}); len(def) != len(clean) || len(flagged) < 100 {
			t.Fatalf("%d flagged of %d; by default %d listed", len(flagged), len(every), len(def))
		}
		paths, _ := db.AgencyPaths(ctx, "/")
		for _, c := range reportCases(tr) {
			from, to := c.q.Period.Months()
			prefix := "/"
			if c.q.Agency != nil {
				prefix = c.q.Agency.Path
			}
			var point int64
			if c.q.Point != nil {
				point = c.q.Point.ID
			}
			wantFlagged, _ := direct(flagged, paths, prefix, point, c.q.Process, from, to)
			rep := checkReport(t, db, clean, paths, c.name+", flagged left out", c.q)
			if rep.Flagged != wantFlagged || wantFlagged.N == 0 {
				t.Errorf("%s: flagged %+v, want %+v", c.name, rep.Flagged, wantFlagged)
			}
			for _, cm := range rep.Comments {
				if isFlagged[cm.ID] {
					t.Errorf("%s: comment %d of a flagged rating shown", c.name, cm.ID)
				}
			}
			q := c.q
			q.IncludeSuspect = true
			rep = checkReport(t, db, every, paths, c.name+", flagged included", q)
			if rep.Flagged != wantFlagged {
				t.Errorf("%s, included: flagged %+v, want %+v", c.name, rep.Flagged, wantFlagged)
			}
		}
		fy, _ := openinfo.ParsePeriod("2568")
		rep, _ := satisfaction.Build(ctx, db, satisfaction.Query{Period: fy, IncludeSuspect: true})
		shown := false
		for _, cm := range rep.Comments {
			shown = shown || isFlagged[cm.ID]
		}
		if !shown {
			t.Error("flagged included: no comment of a flagged rating among the newest 20")
		}
		// A rebuild of the roll-ups leaves the flagged out as the writer does.
		before, _ := satisfaction.Build(ctx, db, satisfaction.Query{Period: fy})
		if err := db.RebuildRatingRollups(ctx); err != nil {
			t.Fatal(err)
		}
		after, _ := satisfaction.Build(ctx, db, satisfaction.Query{Period: fy})
		if fmt.Sprint(before.Total, before.Agencies) != fmt.Sprint(after.Total, after.Agencies) {
			t.Error("the rebuilt roll-ups differ")
		}
	})
}

func TestExportsReadBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := mkTree(t, db)
		rate(t, db, tr, 300)
		fy, _ := openinfo.ParsePeriod("2568")
		rep, err := satisfaction.Build(ctx, db, satisfaction.Query{Agency: tr.dept, Period: fy})
		if err != nil {
			t.Fatal(err)
		}
		// CSV: BOM, then Thai intact, numbers as computed.
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf, "th"); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
			t.Fatal("no BOM")
		}
		r := csv.NewReader(bytes.NewReader(b[3:]))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(recs[0][1], "กรมการขนส่งทางบก") || !strings.Contains(recs[0][1], "ปีงบประมาณ 2568") {
			t.Fatalf("title %q", recs[0])
		}
		if recs[1][0] != "ประเภท" || !strings.Contains(strings.Join(recs[1], "|"), "ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ ค่าเฉลี่ย") {
			t.Fatalf("header %q", recs[1])
		}
		if recs[2][0] != "รวม" || recs[2][3] != strconv.FormatInt(rep.Total.N, 10) {
			t.Fatalf("total row %q", recs[2])
		}
		foundPoint, foundComment := false, false
		for _, rec := range recs[1:] {
			foundPoint = foundPoint || rec[2] == tr.points[1].NameTH
			foundComment = foundComment || (rec[0] == "ข้อเสนอแนะ" && strings.Contains(rec[len(rec)-1], "เจ้าหน้าที่สุภาพ, \"รวดเร็ว\""))
		}
		if !foundPoint || !foundComment {
			t.Fatalf("point %v comment %v", foundPoint, foundComment)
		}

		// Excel: sheets per breakdown, Thai intact, numbers as numbers.
		buf.Reset()
		if err := rep.WriteXLSX(&buf, "th"); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheets := strings.Join(x.GetSheetList(), ",")
		if sheets != "รวม,รายเดือน,หน่วยงาน,จุดบริการ,กระบวนงาน,ข้อเสนอแนะ" {
			t.Fatalf("sheets %s", sheets)
		}
		rows, err := x.GetRows("จุดบริการ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rows[0][0], "กรมการขนส่งทางบก") || rows[2][1] != "ชื่อ" {
			t.Fatalf("points sheet %q", rows[:3])
		}
		names := map[string]string{}
		for _, row := range rows[3:] {
			names[row[1]] = row[2]
		}
		for _, p := range rep.Points {
			if names[p.NameTH] != strconv.FormatInt(p.N, 10) {
				t.Fatalf("point %q: %q, want %d", p.NameTH, names[p.NameTH], p.N)
			}
		}
		typ, _ := x.GetCellType("รวม", "C4")
		if v, _ := x.GetCellValue("รวม", "C4"); v != strconv.FormatInt(rep.Total.N, 10) || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Fatalf("total count %q type %v", v, typ)
		}
		cm, _ := x.GetRows("ข้อเสนอแนะ")
		if len(cm) != len(rep.Comments)+1 || !strings.Contains(cm[1][3], "เจ้าหน้าที่สุภาพ") {
			t.Fatalf("comments %d", len(cm))
		}

		// The chart is well-formed SVG with one point per month with ratings.
		svg := string(rep.TrendSVG("th"))
		if !strings.HasPrefix(svg, "<svg") || strings.Count(svg, "<circle") == 0 || !strings.Contains(svg, "ต.ค. 2567") || strings.Contains(svg, "style=") {
			t.Fatalf("chart %s", svg[:200])
		}
	})
}

// A citizen's comment or an agency's name that a spreadsheet would run as a
// formula comes out of the CSV as text.
func TestCSVNeutralisesFormulas(t *testing.T) {
	fy, _ := openinfo.ParsePeriod("2568")
	rep := &satisfaction.Report{Query: satisfaction.Query{Period: fy, Agency: &openinfo.Agency{NameTH: "=cmd|' /C calc'!A0"}},
		Points: []satisfaction.Row{{NameTH: "+จุดบริการ"}},
		Comments: []store.RatingComment{{ID: 1, PointTH: "@จุด", Comment: `=HYPERLINK("http://evil.example","คลิก")`},
			{ID: 2, PointTH: "จุด", Comment: "-2+3+cmd|' /C calc'!A0"}}}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf, "th"); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	if !strings.Contains(buf.String(), `'=HYPERLINK(""http://evil.example"",""คลิก"")`) {
		t.Fatalf("the comment is not kept as text:\n%s", buf.String())
	}
}

// The trend chart names all twelve months of a fiscal year on its axis,
// short, without two labels overlapping; tooltips name them in full.
func TestTrendChartLabels(t *testing.T) {
	fy, _ := openinfo.ParsePeriod("2568")
	rep := &satisfaction.Report{Query: satisfaction.Query{Period: fy}}
	for i, m := range fy.MonthsIn() {
		rep.Months = append(rep.Months, satisfaction.Row{ID: int64(m), NameTH: openinfo.MonthLabel(m, "th"), NameEN: openinfo.MonthLabel(m, "en"),
			RatingStats: openinfo.RatingStats{N: int64(i * 10)}})
	}
	for _, lang := range []string{"th", "en"} {
		c := rep.TrendChart(lang)
		l := c.Layout()
		if len(l.Labels) != 12 || l.Labels[0].Text != map[string]string{"th": "ต.ค. 67", "en": "Oct 24"}[lang] {
			t.Fatalf("%s: labels %+v", lang, l.Labels)
		}
		for i := 1; i < len(l.Labels); i++ {
			if l.Labels[i-1].Box.Overlaps(l.Labels[i].Box) {
				t.Errorf("%s: %q and %q overlap", lang, l.Labels[i-1].Text, l.Labels[i].Text)
			}
		}
		svg := string(c.SVG())
		if !strings.Contains(svg, map[string]string{"th": "<title>ต.ค. 2567: 0</title>", "en": "<title>Sep 2025: 110</title>"}[lang]) {
			t.Errorf("%s: tooltips %s", lang, svg)
		}
	}
}

// TestExportsSayFlagged: a file read later says, as the page does, whether
// its numbers count the ratings flagged as sent in a burst.
func TestExportsSayFlagged(t *testing.T) {
	fy, _ := openinfo.ParsePeriod("2568")
	for _, tc := range []struct {
		include bool
		want    string
	}{{false, "Leaves out 3 ratings flagged"}, {true, "Includes 3 ratings flagged"}} {
		rep := &satisfaction.Report{Query: satisfaction.Query{Period: fy, IncludeSuspect: tc.include}, Flagged: openinfo.RatingStats{N: 3}}
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf, "en"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("include=%v: the CSV does not say %q:\n%s", tc.include, tc.want, buf.String())
		}
	}
}
