package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestPinFromBelow: a service point officer of a provincial office sees
// the department's published manuals in /admin/manuals and pins them to
// the office's own points, and nothing else: not the department's points,
// not another office's pins, not an unpublished manual, not another
// department's.
func TestPinFromBelow(t *testing.T) {
	f := newAdminFixture(t)
	ctx := context.Background()
	other := &openinfo.Agency{ParentID: f.dept.ID, Type: openinfo.AgencyRegionalOffice, NameTH: "สำนักงานขนส่งจังหวัดลำปาง"}
	if err := f.db.CreateAgency(ctx, other); err != nil {
		t.Fatal(err)
	}
	otherPt := &openinfo.ServicePoint{AgencyID: other.ID, NameTH: "งานทะเบียนรถ ขนส่งลำปาง", Kind: openinfo.PointCounter, Visible: true}
	if err := f.db.CreateServicePoint(ctx, otherPt); err != nil {
		t.Fatal(err)
	}
	manual := publishProcess(t, f.db, f.dept, "การขอใบอนุญาตขับรถยนต์ส่วนบุคคล", otherPt.ID)
	draft := &openinfo.Process{AgencyID: f.dept.ID, NameTH: "การขอใบแทนใบอนุญาตขับรถ"}
	if err := f.db.CreateProcess(ctx, draft); err != nil {
		t.Fatal(err)
	}
	foreign := publishProcess(t, f.db, f.foreign, "การขอคืนภาษีเงินได้บุคคลธรรมดา")

	officer := f.as(t, openinfo.RolePointOfficer, f.office)
	st, body, _ := fetch(t, officer, f.srv.URL+"/admin/manuals")
	page := string(body)
	if st != 200 || !strings.Contains(page, "การขอใบอนุญาตขับรถยนต์ส่วนบุคคล") || !strings.Contains(page, fmt.Sprintf(`href="/admin/processes/%d/pins"`, manual.ID)) ||
		strings.Contains(page, "การขอใบแทนใบอนุญาตขับรถ") || strings.Contains(page, "การขอคืนภาษี") {
		t.Fatalf("the point officer's manuals: %d\n%s", st, page)
	}
	pins := f.srv.URL + fmt.Sprintf("/admin/processes/%d/pins", manual.ID)
	st, body, _ = fetch(t, officer, pins)
	page = string(body)
	if st != 200 || !strings.Contains(page, "งานทะเบียนรถ ขนส่งเชียงใหม่") || strings.Contains(page, "ขนส่งลำปาง") || strings.Contains(page, "ศูนย์บริการประชาชน กรมการขนส่งทางบก") {
		t.Fatalf("the pin page lists other points than the office's: %d\n%s", st, page)
	}
	if st, _, _ := postForm(t, officer, pins, url.Values{"points": {fmt.Sprint(f.officePt.ID)}}); st != http.StatusSeeOther {
		t.Fatalf("pin the office's point: %d", st)
	}
	pinned, _ := f.db.PinnedIDs(ctx, store.PinProcess, manual.ID)
	if !pinned[f.officePt.ID] || !pinned[otherPt.ID] || len(pinned) != 2 {
		t.Fatalf("pinned %v", pinned)
	}
	for _, c := range []struct {
		name  string
		point int64
		do    string
	}{{"pin the department's own point", f.deptPoint.ID, ""}, {"unpin another office's point", otherPt.ID, "unpin"}} {
		st, page, _ := postForm(t, officer, pins, url.Values{"points": {fmt.Sprint(c.point)}, "do": {c.do}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, "ไม่ได้อยู่ในหน่วยงานของท่าน") {
			t.Fatalf("%s: %d\n%s", c.name, st, page)
		}
	}
	if st, _, _ := postForm(t, officer, pins, url.Values{"points": {fmt.Sprint(f.officePt.ID)}, "do": {"unpin"}}); st != http.StatusSeeOther {
		t.Fatalf("unpin the office's own point: %d", st)
	}
	pinned, _ = f.db.PinnedIDs(ctx, store.PinProcess, manual.ID)
	if pinned[f.officePt.ID] || !pinned[otherPt.ID] {
		t.Fatalf("after unpinning: %v", pinned)
	}
	for _, id := range []int64{draft.ID, foreign.ID} {
		if st, _, _ := fetch(t, officer, f.srv.URL+fmt.Sprintf("/admin/processes/%d/pins", id)); st != http.StatusForbidden {
			t.Fatalf("pins of process %d: %d, want 403", id, st)
		}
		if st, _, _ := postForm(t, officer, f.srv.URL+fmt.Sprintf("/admin/processes/%d/pins", id), url.Values{"points": {fmt.Sprint(f.officePt.ID)}}); st != http.StatusForbidden {
			t.Fatalf("pin process %d: %d, want 403", id, st)
		}
	}
	// The change is audited as the officer's.
	var n int
	f.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action IN ('process.pin', 'process.unpin') AND entity_id = $1`, manual.ID).Scan(&n)
	if n < 2 {
		t.Fatalf("%d audit entries for the pins", n)
	}
	// The department's central officer still pins across the department.
	central := f.as(t, openinfo.RoleCentral, f.dept)
	if st, _, _ := postForm(t, central, pins, url.Values{"points": {fmt.Sprint(f.deptPoint.ID)}}); st != http.StatusSeeOther {
		t.Fatalf("the central officer pins: %d", st)
	}
}
