package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

// TestDelayInboxFilters: OPDC's inbox narrows to an agency's subtree
// (picked by search or ?agency=) and to a process, with the overdue and
// month filters; the export links and files carry the same filters; an
// officer cannot filter on an agency outside their own.
func TestDelayInboxFilters(t *testing.T) {
	ctx := context.Background()
	f := newAdminFixture(t)
	ref := func(id int64) string {
		t.Helper()
		c, err := f.db.DelayCase(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.Ref
	}
	officeCase, officeProc, _ := delayFixture(t, f.db, f.office, true)
	deptCase, deptProc, _ := delayFixture(t, f.db, f.dept, true)
	foreignCase, _, _ := delayFixture(t, f.db, f.foreign, true)
	office, dept, foreign := ref(officeCase), ref(deptCase), ref(foreignCase)
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	list := func(c *http.Client, q string) string {
		t.Helper()
		st, b, _ := fetch(t, c, f.srv.URL+"/admin/delay-notices?"+q)
		if st != 200 {
			t.Fatalf("%s: %d", q, st)
		}
		return string(b)
	}
	has := func(s string, want, not []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Fatalf("%q missing", w)
			}
		}
		for _, n := range not {
			if strings.Contains(s, n) {
				t.Fatalf("%q shown", n)
			}
		}
	}
	has(list(opdc, ""), []string{office, dept, foreign}, nil)
	// A department: its own cases and its offices'.
	has(list(opdc, fmt.Sprintf("agency=%d", f.dept.ID)), []string{office, dept, `id="agency-chosen">` + f.dept.NameTH}, []string{foreign})
	s := list(opdc, fmt.Sprintf("agency=%d&overdue=1&process=%d", f.dept.ID, deptProc))
	has(s, []string{dept, fmt.Sprintf(`href="/admin/delay-notices.csv?agency=%d&amp;overdue=1&amp;process=%d"`, f.dept.ID, deptProc),
		fmt.Sprintf(`href="/admin/delay-notices.xlsx?agency=%d&amp;overdue=1&amp;process=%d"`, f.dept.ID, deptProc),
		fmt.Sprintf(`<option value="%d" selected>`, deptProc), fmt.Sprintf(`<option value="%d">`, officeProc)}, []string{office, foreign})
	// The picker: search, then a link that keeps the other filters.
	s = list(opdc, "agency_q="+url.QueryEscape("สรรพากร")+fmt.Sprintf("&process=%d&overdue=1", deptProc))
	has(s, []string{fmt.Sprintf(`href="/admin/delay-notices?agency=%d&amp;overdue=1&amp;process=%d"`, f.foreign.ID, deptProc)}, nil)
	if strings.Contains(s[strings.Index(s, `id="agencies-found"`):], f.dept.NameTH) {
		t.Fatal("the search found an agency it does not match")
	}
	// The month filter: the fixture's cases have no notice yet.
	has(list(opdc, fmt.Sprintf("agency=%d&month=2026-05", f.dept.ID)), []string{"ยังไม่มีคำขอที่บันทึกไว้"}, []string{office, dept})

	// The export holds what the page showed, and says how it was filtered.
	st, b, _ := fetch(t, opdc, f.srv.URL+fmt.Sprintf("/admin/delay-notices.csv?agency=%d", f.office.ID))
	if csv := string(b); st != 200 || !strings.Contains(csv, office) || strings.Contains(csv, dept) || strings.Contains(csv, foreign) ||
		!strings.Contains(csv, "หน่วยงาน: "+f.office.NameTH) {
		t.Fatalf("csv %d:\n%s", st, csv)
	}
	st, b, _ = fetch(t, opdc, f.srv.URL+fmt.Sprintf("/admin/delay-notices.csv?process=%d", officeProc))
	if csv := string(b); st != 200 || !strings.Contains(csv, office) || strings.Contains(csv, dept) {
		t.Fatalf("csv by process %d:\n%s", st, csv)
	}
	if st, _, _ := fetch(t, opdc, f.srv.URL+"/admin/delay-notices.xlsx?process=x"); st != http.StatusBadRequest {
		t.Fatalf("bad process: %d", st)
	}

	// A central officer filters within their subtree only; the picker
	// searches there.
	central := f.as(t, openinfo.RoleCentral, f.dept)
	has(list(central, fmt.Sprintf("agency=%d", f.office.ID)), []string{office}, []string{dept, foreign})
	has(list(central, "agency_q="+url.QueryEscape("เชียงใหม่")), []string{`id="agencies-found"`, fmt.Sprintf("agency=%d", f.office.ID)}, []string{fmt.Sprintf("agency=%d", f.foreign.ID)})
	for _, u := range []string{"/admin/delay-notices", "/admin/delay-notices.csv"} {
		if st, _, _ := fetch(t, central, f.srv.URL+u+fmt.Sprintf("?agency=%d", f.foreign.ID)); st != http.StatusForbidden {
			t.Fatalf("%s of another department: %d", u, st)
		}
	}
}
