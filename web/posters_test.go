package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

// TestPosterPDFDownload: the menu's poster list shows the officer's points
// with the PDF of each; the PDF is an A4 poster with its font embedded;
// another agency's point is refused.
func TestPosterPDFDownload(t *testing.T) {
	f := newAdminFixture(t)
	officer := f.as(t, openinfo.RolePointOfficer, f.dept)
	st, body, _ := fetch(t, officer, f.srv.URL+"/admin")
	if st != 200 || !strings.Contains(string(body), `href="/admin/posters"`) {
		t.Fatalf("the menu has no poster entry: %d", st)
	}
	st, body, _ = fetch(t, officer, f.srv.URL+"/admin/posters")
	page := string(body)
	if st != 200 || !strings.Contains(page, fmt.Sprintf(`href="/admin/points/%d/poster.pdf"`, f.officePt.ID)) ||
		!strings.Contains(page, "ศูนย์บริการประชาชน กรมการขนส่งทางบก") || strings.Contains(page, "สำนักงานสรรพากรพื้นที่") {
		t.Fatalf("poster list: %d\n%s", st, page)
	}
	if _, body, _ := fetch(t, officer, f.srv.URL+"/admin/posters?q=เชียงใหม่"); strings.Contains(string(body), "ศูนย์บริการประชาชน กรมการขนส่งทางบก") {
		t.Fatal("the search does not narrow the list")
	}
	st, pdf, h := fetch(t, officer, f.srv.URL+fmt.Sprintf("/admin/points/%d/poster.pdf", f.officePt.ID))
	if st != 200 || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") ||
		!bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Fatalf("poster.pdf: %d %v (%d bytes)", st, h, len(pdf))
	}
	if st, _, _ := fetch(t, officer, f.srv.URL+fmt.Sprintf("/admin/points/%d/poster.pdf", f.foreignPt.ID)); st != http.StatusForbidden {
		t.Fatalf("another agency's poster: %d", st)
	}
	if st, _, _ := fetch(t, officer, f.srv.URL+fmt.Sprintf("/admin/posters?agency=%d", f.foreign.ID)); st != http.StatusForbidden {
		t.Fatalf("another agency's poster list: %d", st)
	}
}
