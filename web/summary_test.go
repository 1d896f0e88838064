package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

// TestSummaryPage: an officer's summary counts the manuals of their
// subtree by state, per agency under it, with a chart and exports; another
// agency's is refused; OPDC sees the country.
func TestSummaryPage(t *testing.T) {
	f := newAdminFixture(t)
	delayFixture(t, f.db, f.office, false) // one published manual at the office
	central := f.as(t, openinfo.RoleCentral, f.dept)
	status, body, _ := fetch(t, central, f.srv.URL+"/admin/summary")
	page := string(body)
	if status != http.StatusOK || !strings.Contains(page, "สำนักงานขนส่งจังหวัดเชียงใหม่") || !strings.Contains(page, "<svg") ||
		!strings.Contains(page, `href="/admin/summary/manuals.csv?agency=`+fmt.Sprint(f.dept.ID)+`"`) {
		t.Fatalf("summary: %d\n%s", status, page)
	}
	_, csvBody, _ := fetch(t, central, f.srv.URL+fmt.Sprintf("/admin/summary/manuals.csv?agency=%d", f.dept.ID))
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvBody, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 3 || recs[2][0] != "สำนักงานขนส่งจังหวัดเชียงใหม่" || recs[2][len(recs[2])-2] != "1" {
		t.Fatalf("CSV = %v, %v", recs, err)
	}
	if !strings.Contains(page, `id="points"`) || !strings.Contains(page, "ไม่มีคู่มือที่ปักหมุด") {
		t.Fatal("the summary lacks the service points' table")
	}
	if !strings.Contains(page, `id="approval"`) || !strings.Contains(page, "รอพิจารณาขั้นที่ 1") {
		t.Fatal("the summary lacks the approval times")
	}
	if !strings.Contains(page, `id="officers"`) {
		t.Fatal("a central officer's summary lacks the officers' table")
	}
	if _, author, _ := fetch(t, f.as(t, openinfo.RoleAuthor, f.dept), f.srv.URL+"/admin/summary"); strings.Contains(string(author), `id="officers"`) {
		t.Fatal("a manual author sees the officers' table")
	}
	if st, _, _ := fetch(t, central, f.srv.URL+fmt.Sprintf("/admin/summary?agency=%d", f.foreign.ID)); st != http.StatusForbidden {
		t.Fatalf("another agency's summary: %d", st)
	}
	if st, body, _ := fetch(t, f.as(t, openinfo.RoleOPDC, nil), f.srv.URL+"/admin/summary"); st != 200 || !strings.Contains(string(body), "ทั้งประเทศ") ||
		!strings.Contains(string(body), "กรมการขนส่งทางบก") {
		t.Fatalf("OPDC's summary: %d", st)
	}
}
