package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

// TestPointFormMap: the point form carries the map picker with the
// configured tile source, and its page lets images come from that source
// only; without a source the grid alone is offered and the policy is the
// site's.
func TestPointFormMap(t *testing.T) {
	for _, tiles := range []string{"https://tile.example.org/{z}/{x}/{y}.png", ""} {
		f := newAdminFixture(t, func(c *Config) { c.MapTiles, c.MapAttribution = tiles, "© ผู้ทำแผนที่" })
		c := f.as(t, openinfo.RolePointOfficer, f.dept)
		st, body, h := fetch(t, c, f.srv.URL+fmt.Sprintf("/admin/points/%d/edit", f.officePt.ID))
		page, csp := string(body), h.Get("Content-Security-Policy")
		if st != 200 || !strings.Contains(page, `id="map"`) || !strings.Contains(page, "mappick.js") ||
			!strings.Contains(page, `data-tiles="`+strings.ReplaceAll(tiles, "&", "&amp;")+`"`) {
			t.Fatalf("%q: form %d\n%s", tiles, st, page)
		}
		withHost := strings.Contains(csp, "img-src 'self' data: https://tile.example.org;")
		if (tiles != "") != withHost || strings.Contains(csp, "script-src 'self' https") {
			t.Fatalf("%q: policy %q", tiles, csp)
		}
		if (tiles != "") != strings.Contains(page, "© ผู้ทำแผนที่") {
			t.Fatalf("%q: the attribution", tiles)
		}
	}
}
