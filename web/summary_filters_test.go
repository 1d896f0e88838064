package web

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
)

// summaryTables reads the summary page's manuals, service-points and
// officers tables: per table, each row as its agency name and numbers.
func summaryTables(t *testing.T, page string) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	row := regexp.MustCompile(`<tr><td><a href="[^"]*">([^<]+)</a></td>(?s:(.*?))</tr>`)
	num := regexp.MustCompile(`<td class="num">([^<]*)</td>`)
	ids := []string{`id="manuals"`, `id="approval"`, `id="points"`, `id="officers"`}
	for i, id := range ids {
		if i == 1 {
			continue
		}
		start := strings.Index(page, id)
		if start < 0 {
			continue
		}
		end := len(page)
		if i+1 < len(ids) {
			if e := strings.Index(page, ids[i+1]); e > start {
				end = e
			}
		}
		out[id] = [][]string{}
		for _, m := range row.FindAllStringSubmatch(page[start:end], -1) {
			r := []string{m[1]}
			for _, n := range num.FindAllStringSubmatch(m[2], -1) {
				r = append(r, n[1])
			}
			out[id] = append(out[id], r)
		}
	}
	return out
}

// summaryCSVTables reads the same tables from the CSV export: each starts
// with the header whose first cell names the agency column, and holds the
// records as wide as its header.
func summaryCSVTables(t *testing.T, body string) [][][]string {
	t.Helper()
	var out [][][]string
	width := 0
	for _, rec := range readCSV(t, body) {
		switch {
		case rec[0] == "หน่วยงาน (รวมหน่วยงานในสังกัด)":
			out, width = append(out, [][]string{}), len(rec)
		case len(rec) == width && len(out) > 0:
			out[len(out)-1] = append(out[len(out)-1], rec)
		default:
			width = 0
		}
	}
	return out
}

// approvalN is the number of step-1 waits in the CSV export.
func approvalN(t *testing.T, body string) string {
	t.Helper()
	for _, rec := range readCSV(t, body) {
		if len(rec) == 5 && rec[0] == openinfo.RevWaitingStep1.Label("th") {
			return rec[1]
		}
	}
	t.Fatalf("no approval row in\n%s", body)
	return ""
}

// TestSummaryFilters: each filter of the summary page narrows its tables,
// the form keeps the values, the exports carry the filters and hold
// exactly the page's rows; bad values are refused at their field with 400
// (in Thai and in English); a central officer stays in their subtree
// whatever the filters, and OPDC sees the country.
func TestSummaryFilters(t *testing.T) {
	ctx := context.Background()
	f := newAdminFixture(t)
	if err := f.db.SeedCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	cats, err := f.db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	if err != nil {
		t.Fatal(err)
	}
	transport := cats[slices.IndexFunc(cats, func(c openinfo.CatalogTerm) bool { return c.Code == "vehicles_transport" })]
	delayFixture(t, f.db, f.office, false) // a published manual at the office, through both steps now
	// A unit of the department in Chiang Mai with a transport process, a
	// point there and a token; the foreign department has the same.
	mk := func(parent int64, name string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: openinfo.AgencyUnit, NameTH: name, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "50"}}}
		if err := f.db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := f.db.CreateProcess(ctx, &openinfo.Process{AgencyID: a.ID, NameTH: "การจดทะเบียนรถ " + name, TermIDs: []int64{transport.ID}}); err != nil {
			t.Fatal(err)
		}
		if err := f.db.CreateServicePoint(ctx, &openinfo.ServicePoint{AgencyID: a.ID, NameTH: "จุดบริการ " + name, Kind: openinfo.PointCounter,
			Visible: true, Address: openinfo.Address{ProvinceCode: "50"}}); err != nil {
			t.Fatal(err)
		}
		tok, _ := openinfo.NewToken()
		if err := f.db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: a.ID, Role: openinfo.RoleAuthor, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	cm := mk(f.dept.ID, "ศูนย์ทดสอบเชียงใหม่")
	foreignCM := mk(f.foreign.ID, "สรรพากรทดสอบเชียงใหม่")
	// The office's manual was published two years ago.
	if _, err := f.db.SQL().ExecContext(ctx, `UPDATE manual_revisions SET published_at = $1 WHERE state = 'published'`, time.Now().AddDate(-2, 0, 0).UTC()); err != nil {
		t.Fatal(err)
	}

	central := f.as(t, openinfo.RoleCentral, f.dept)
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	page := func(c *http.Client, q string) string {
		t.Helper()
		code, body, _ := fetchS(t, c, f.srv.URL+"/admin/summary?"+q)
		if code != 200 {
			t.Fatalf("%s: %d\n%s", q, code, firstError([]byte(body)))
		}
		return body
	}
	names := func(rows [][]string) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r[0])
		}
		return out
	}
	// same checks that the page's export link carries q and gives the
	// page's rows, table by table.
	same := func(c *http.Client, q, body string) {
		t.Helper()
		want := "/admin/summary/manuals.csv?" + strings.ReplaceAll(q, "&", "&amp;")
		if !strings.Contains(body, `href="`+want+`"`) || !strings.Contains(body, `href="`+strings.Replace(want, ".csv", ".xlsx", 1)+`"`) {
			t.Fatalf("%s: no export link %s", q, want)
		}
		code, csvBody, _ := fetchS(t, c, f.srv.URL+"/admin/summary/manuals.csv?"+q)
		if code != 200 {
			t.Fatalf("%s: csv %d", q, code)
		}
		pageT, csvT := summaryTables(t, body), summaryCSVTables(t, csvBody)
		for i, id := range []string{`id="manuals"`, `id="points"`, `id="officers"`} {
			rows, ok := pageT[id]
			if !ok {
				continue
			}
			if i >= len(csvT) {
				t.Fatalf("%s: the CSV lacks table %s", q, id)
			}
			if !slices.EqualFunc(rows, csvT[i], slices.Equal) {
				t.Errorf("%s %s: page %q, CSV %q", q, id, rows, csvT[i])
			}
		}
	}
	dept := "agency=" + itoa(f.dept.ID)

	// No filter: the office and the unit.
	body := page(central, "")
	if got := names(summaryTables(t, body)[`id="manuals"`]); !slices.Equal(got, []string{cm.NameTH, f.office.NameTH}) && !slices.Equal(got, []string{f.office.NameTH, cm.NameTH}) {
		t.Fatalf("no filter: %q", got)
	}
	// Province: the unit's manuals, points and tokens; the form keeps it.
	for _, q := range []string{dept + "&province=50", dept + "&type=unit", dept + "&category=vehicles_transport"} {
		body = page(central, q)
		tables := summaryTables(t, body)
		for _, id := range []string{`id="manuals"`, `id="points"`, `id="officers"`} {
			if got := names(tables[id]); !slices.Equal(got, []string{cm.NameTH}) && !(strings.Contains(q, "category") && id != `id="manuals"`) {
				t.Errorf("%s %s: %q", q, id, got)
			}
		}
		same(central, q, body)
		if strings.Contains(body, foreignCM.NameTH) {
			t.Errorf("%s: a central officer sees another department's unit", q)
		}
	}
	// Nothing matches: the page says so, the export is as empty.
	body = page(central, dept+"&province=11")
	wantIn(t, "no match", body, "ไม่มีรายการที่ตรงกับตัวกรอง")
	same(central, dept+"&province=11", body)
	if n := len(summaryTables(t, body)[`id="manuals"`]); n != 0 {
		t.Errorf("province 11: %d rows", n)
	}
	wantIn(t, "kept", page(central, dept+"&province=50&type=unit&category=vehicles_transport&stale=2"),
		`<option value="50" selected>`, `<option value="unit" selected>`, `<option value="vehicles_transport" selected>`, `name="stale" type="number" min="1" max="10" inputmode="numeric" value="2"`)
	// The row links keep the filters.
	wantIn(t, "row links", page(central, dept+"&province=50"), `href="/admin/summary?agency=`+itoa(cm.ID)+`&amp;province=50"`)

	// Years before review: the office's manual is two years old.
	body = page(central, dept+"&stale=1")
	wantIn(t, "stale 1", body, "ไม่ได้ปรับปรุงเกิน 1 ปี")
	if r := summaryTables(t, body)[`id="manuals"`]; r[slices.IndexFunc(r, func(r []string) bool { return r[0] == f.office.NameTH })][8] != "1" {
		t.Errorf("stale=1: %q", r)
	}
	same(central, dept+"&stale=1", body)
	if r := summaryTables(t, page(central, dept))[`id="manuals"`]; r[slices.IndexFunc(r, func(r []string) bool { return r[0] == f.office.NameTH })][8] != "0" {
		t.Errorf("stale=3: %q", r)
	}

	// The period of the approval times: this month's step, not last year's.
	now := openinfo.MonthKey(time.Now())
	thisMonth := openinfo.Period{Kind: openinfo.PeriodMonth, Month: now}.String()
	lastYear := openinfo.Period{Kind: openinfo.PeriodMonth, Month: now - 100}.String()
	_, csvBody, _ := fetchS(t, central, f.srv.URL+"/admin/summary/manuals.csv?"+dept)
	if n := approvalN(t, csvBody); n != "1" {
		t.Errorf("approval times, the last 12 months: %s", n)
	}
	q := dept + "&from=" + lastYear + "&to=" + lastYear
	body = page(central, q)
	wantIn(t, "period", body, `<option value="`+lastYear+`" selected>`, openinfo.MonthLabel(now-100, "th")+" – "+openinfo.MonthLabel(now-100, "th"))
	same(central, q, body)
	if _, csvBody, _ = fetchS(t, central, f.srv.URL+"/admin/summary/manuals.csv?"+q); approvalN(t, csvBody) != "0" {
		t.Errorf("approval times last year: %s", approvalN(t, csvBody))
	}
	if _, csvBody, _ = fetchS(t, central, f.srv.URL+"/admin/summary/manuals.csv?"+dept+"&from="+thisMonth+"&category=vehicles_transport"); approvalN(t, csvBody) != "0" {
		t.Errorf("approval times of another category: %s", approvalN(t, csvBody))
	}

	// Authorization: another department's subtree is refused whatever the
	// filters; OPDC sees both departments.
	if code, _, _ := fetchS(t, central, f.srv.URL+"/admin/summary?agency="+itoa(f.foreign.ID)+"&province=50"); code != http.StatusForbidden {
		t.Errorf("another department, filtered: %d", code)
	}
	if code, _, _ := fetchS(t, central, f.srv.URL+"/admin/summary/manuals.csv?agency="+itoa(f.foreign.ID)+"&type=unit"); code != http.StatusForbidden {
		t.Errorf("another department's export, filtered: %d", code)
	}
	body = page(opdc, "province=50")
	if got := names(summaryTables(t, body)[`id="manuals"`]); len(got) != 2 || !slices.Contains(got, f.dept.NameTH) || !slices.Contains(got, f.foreign.NameTH) {
		t.Errorf("OPDC, Chiang Mai: %q", got)
	}
	same(opdc, "province=50", body)

	// Bad values: 400, the message at the field, no report.
	for _, c := range []struct{ q, field, th, en string }{
		{"type=bogus", "type", "ไม่รู้จักประเภทหน่วยงาน", "Unknown agency type"},
		{"province=99", "province", "ไม่รู้จักจังหวัด", "Unknown province"},
		{"category=nope", "category", "ไม่รู้จักหมวดหมู่บริการ", "Unknown service category"},
		{"from=2569-13", "from", "เดือนไม่ถูกต้อง", "Not a valid month"},
		{"to=yesterday", "to", "เดือนไม่ถูกต้อง", "Not a valid month"},
		{"from=" + thisMonth + "&to=" + lastYear, "from", "เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด", "The first month must not come after the last"},
		{"stale=11", "stale", "จำนวนปีต้องเป็นตัวเลข 1 ถึง 10", "from 1 to 10"},
		{"stale=abc", "stale", "จำนวนปีต้องเป็นตัวเลข", "whole number"},
	} {
		for _, path := range []string{"/admin/summary?", "/admin/summary/manuals.csv?"} {
			code, body, _ := fetchS(t, central, f.srv.URL+path+dept+"&"+c.q)
			if code != http.StatusBadRequest || !strings.Contains(body, `id="`+c.field+`-error"`) || !strings.Contains(body, c.th) ||
				strings.Contains(body, `id="points"`) {
				t.Errorf("%s%s: %d\n%s", path, c.q, code, firstError([]byte(body)))
			}
		}
	}
	en := f.as(t, openinfo.RoleCentral, f.dept)
	en.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	if code, body, _ := fetchS(t, en, f.srv.URL+"/admin/summary?type=bogus&stale=0"); code != http.StatusBadRequest ||
		!strings.Contains(body, "Unknown agency type") || !strings.Contains(body, "from 1 to 10") || !strings.Contains(body, `value="0"`) {
		t.Errorf("English: %d\n%s", code, firstError([]byte(body)))
	}
}
