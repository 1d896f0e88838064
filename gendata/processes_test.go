package gendata

import (
	"reflect"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

func TestTemplates(t *testing.T) {
	tmpls := compiledTemplates()
	if len(tmpls) < 100 {
		t.Errorf("%d process templates, want at least 100", len(tmpls))
	}
	terms := map[string]bool{}
	for _, c := range openinfo.DefaultCatalog() {
		terms[c.Code] = true
	}
	names := map[string]string{}
	noCat := 0
	for _, c := range tmpls {
		if prev, ok := names[c.t.name]; ok {
			t.Errorf("templates %s and %s share the name %q", prev, c.t.code, c.t.name)
		}
		names[c.t.name] = c.t.code
		if len(c.t.common) == 0 {
			t.Errorf("template %s has no common names", c.t.code)
		}
		for _, code := range c.terms {
			if !terms[code] {
				t.Errorf("template %s: unknown catalog code %q", c.t.code, code)
			}
		}
		hasCat := false
		for _, x := range openinfo.DefaultCatalog() {
			if x.Kind == openinfo.CatalogCategory && strings.Contains(" "+c.t.terms+" ", " "+x.Code+" ") {
				hasCat = true
			}
		}
		if !hasCat {
			noCat++ // a few (information requests, firearms) fit no category
		}
	}
	if noCat*10 > len(tmpls) {
		t.Errorf("%d of %d templates have no category term", noCat, len(tmpls))
	}
}

func TestProcessesSmall(t *testing.T) {
	ds := smallData(t, 1)
	if n := len(ds.Processes); n != smallManuals {
		t.Errorf("%d manuals at small scale, want %d", n, smallManuals)
	}
	checkProcesses(t, ds)
	used := map[string]int{}
	for _, p := range ds.Processes {
		used[p.Template]++
	}
	t.Logf("small: %d manuals from %d templates over %d agencies", len(ds.Processes), len(used), len(ds.Agencies))
}

func TestProcessesDeterministic(t *testing.T) {
	a, b := smallData(t, 7), smallData(t, 7)
	if !reflect.DeepEqual(a.Processes, b.Processes) {
		t.Fatal("same seed, different manuals")
	}
	c := smallData(t, 8)
	if reflect.DeepEqual(a.Processes, c.Processes) {
		t.Fatal("different seeds, same manuals")
	}
}

// TestProcessesKeepAgencies checks that adding the manual stage left the
// agencies and points of a seed as they were: they are made before it and
// from their own streams.
func TestProcessesKeepAgencies(t *testing.T) {
	ds := smallData(t, 1)
	g := newGen(smallPlan(), 1, func(string, int, int) {})
	g.buildAgencies()
	g.buildPoints()
	if !reflect.DeepEqual(ds.Agencies, g.ds.Agencies) || !reflect.DeepEqual(ds.Points, g.ds.Points) {
		t.Fatal("the manual stage changed agencies or points")
	}
}

// checkProcesses is what every generated manual must satisfy.
func checkProcesses(t *testing.T, ds *Dataset) {
	t.Helper()
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 20 {
			t.Errorf(format, args...)
		}
	}
	parent := func(id int64) int64 { return ds.Agencies[id-1].ParentID }
	inSubtree := func(agency, root int64) bool {
		for a := agency; a != 0; a = parent(a) {
			if a == root {
				return true
			}
		}
		return false
	}
	unpinned := 0
	for i := range ds.Processes {
		p := &ds.Processes[i]
		if p.ID != int64(i+1) {
			fail("manual %d has ID %d", i, p.ID)
		}
		if p.AgencyID < 1 || p.AgencyID > int64(len(ds.Agencies)) {
			fail("manual %d: agency %d out of range", p.ID, p.AgencyID)
			continue
		}
		c := p.Content
		if err := c.Validate(); err != nil {
			fail("manual %d %q does not validate: %v", p.ID, p.NameTH, err)
		}
		// The store imports content as given: it must be normalized already.
		c.Normalize()
		if !reflect.DeepEqual(c, p.Content) {
			fail("manual %d %q is not normalized", p.ID, p.NameTH)
		}
		proc := openinfo.Process{AgencyID: p.AgencyID, NameTH: p.NameTH, CommonNames: p.CommonNames}
		if err := proc.Validate(); err != nil {
			fail("manual %d process: %v", p.ID, err)
		}
		if c.Name != p.NameTH || c.AgencyName != ds.Agencies[p.AgencyID-1].NameTH {
			fail("manual %d: content name or agency differs from the process", p.ID)
		}
		if len(p.PointIDs) == 0 {
			unpinned++
		}
		for j, pid := range p.PointIDs {
			if pid < 1 || pid > int64(len(ds.Points)) {
				fail("manual %d: point %d out of range", p.ID, pid)
				continue
			}
			if j > 0 && pid <= p.PointIDs[j-1] {
				fail("manual %d: pins not ascending and unique", p.ID)
			}
			if pa := ds.Points[pid-1].AgencyID; !inSubtree(pa, p.AgencyID) {
				fail("manual %d of agency %d pinned to point %d of agency %d outside its subtree", p.ID, p.AgencyID, pid, pa)
			}
		}
	}
	if unpinned*20 > len(ds.Processes) {
		t.Errorf("%d of %d manuals have no pin", unpinned, len(ds.Processes))
	}
}

func TestProcessesNational(t *testing.T) {
	ds := nationalData(t)
	if n := len(ds.Processes); n != nationalManuals {
		t.Errorf("%d manuals at national scale, want %d", n, nationalManuals)
	}
	// Validating all 200,000 takes long; every 50th is a fair sample.
	sample := &Dataset{Agencies: ds.Agencies, Points: ds.Points}
	for i := 0; i < len(ds.Processes); i += 50 {
		p := ds.Processes[i]
		p.ID = int64(len(sample.Processes) + 1)
		sample.Processes = append(sample.Processes, p)
	}
	checkProcesses(t, sample)
	used, pins := map[string]int{}, 0
	for _, p := range ds.Processes {
		used[p.Template]++
		pins += len(p.PointIDs)
	}
	t.Logf("national: %d manuals from %d templates, %d pins", len(ds.Processes), len(used), pins)
}
