package gendata

import (
	"slices"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// TestDemoManuals: the demo's manuals are enough to try the portal: at
// least 30, complete, across 8 or more service categories and every user
// group, with tags, each pinned to counters of its own agency's subtree,
// and the home page's example services among them.
func TestDemoManuals(t *testing.T) {
	ds := Demo()
	if len(ds.Processes) < 30 {
		t.Fatalf("%d demo manuals", len(ds.Processes))
	}
	kinds := map[string]openinfo.CatalogKind{}
	for _, c := range openinfo.DefaultCatalog() {
		kinds[c.Code] = c.Kind
	}
	for _, c := range DemoTags() {
		kinds[c.Code] = c.Kind
	}
	under := func(point, agency int64) bool {
		for a := ds.Points[point-1].AgencyID; a != 0; a = ds.Agencies[a-1].ParentID {
			if a == agency {
				return true
			}
		}
		return false
	}
	cats, groups, tags := map[string]bool{}, map[string]bool{}, 0
	var names []string
	for _, p := range ds.Processes {
		c := p.Content
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: %v", p.NameTH, err)
		}
		if len(p.PointIDs) == 0 {
			t.Fatalf("%s is pinned nowhere", p.NameTH)
		}
		for _, id := range p.PointIDs {
			if !under(id, p.AgencyID) {
				t.Fatalf("%s is pinned to %s, outside its agency", p.NameTH, ds.Points[id-1].NameTH)
			}
		}
		for _, code := range p.TermCodes {
			switch kinds[code] {
			case openinfo.CatalogCategory:
				cats[code] = true
			case openinfo.CatalogUserGroup:
				groups[code] = true
			case openinfo.CatalogTag:
				tags++
			default:
				t.Fatalf("%s names unknown term %q", p.NameTH, code)
			}
		}
		names = append(names, p.NameTH)
	}
	for _, c := range openinfo.DefaultCatalog() {
		if c.Kind == openinfo.CatalogUserGroup && !groups[c.Code] {
			t.Errorf("no demo manual for user group %s", c.Code)
		}
	}
	if len(cats) < 8 || tags == 0 {
		t.Errorf("%d categories, %d tags", len(cats), tags)
	}
	for _, want := range []string{"การจดทะเบียนสมรส", "การขออนุญาตก่อสร้างอาคาร ตามมาตรา 21"} {
		if !slices.Contains(names, want) {
			t.Errorf("no demo manual %q", want)
		}
	}
	var egov int
	asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
	if err := DemoEgov(ds, Offsets{}, asOf, func(r *openinfo.EgovRecord) error {
		egov++
		return r.Validate(asOf)
	}); err != nil || egov < 5 {
		t.Fatalf("%d demo Section 10/16 records: %v", egov, err)
	}
}
