package gendata

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
)

// national is generated once and shared: it takes a moment and a few hundred
// megabytes.
var national = sync.OnceValues(func() (*Dataset, error) { return Generate(ScaleNational, 1, nil) })

func nationalData(t testing.TB) *Dataset {
	if testing.Short() {
		t.Skip("national data set skipped in -short mode")
	}
	ds, err := national()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func smallData(t testing.TB, seed uint64) *Dataset {
	ds, err := Generate(ScaleSmall, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// digest hashes the JSON encoding: equal digests mean byte-identical output.
func digest(t testing.TB, ds *Dataset) string {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(ds); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkDataset is what every data set must satisfy, whatever made it.
func checkDataset(t *testing.T, ds *Dataset) {
	t.Helper()
	if len(ds.Agencies) == 0 || len(ds.Points) == 0 {
		t.Fatalf("empty data set: %d agencies, %d points", len(ds.Agencies), len(ds.Points))
	}
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 20 {
			t.Errorf(format, args...)
		}
	}
	for i, a := range ds.Agencies {
		if a.ID != int64(i+1) {
			fail("agency %d has ID %d, want dense IDs from 1", i, a.ID)
		}
		if a.ParentID < 0 || a.ParentID >= a.ID {
			fail("agency %d %q: parent %d is not an earlier agency", a.ID, a.NameTH, a.ParentID)
		}
		if a.Version != 0 || !a.CreatedAt.IsZero() || !a.UpdatedAt.IsZero() || a.Path != "" || a.Depth != 0 {
			fail("agency %d: store-owned fields are set", a.ID)
		}
		n := a
		n.Contact.Phones = append([]string(nil), a.Contact.Phones...)
		n.Normalize()
		if !reflect.DeepEqual(n, a) {
			fail("agency %d %q changes under Normalize:\n got  %+v\n want %+v", a.ID, a.NameTH, n, a)
		}
		if err := n.Validate(); err != nil {
			fail("agency %d %q: %v", a.ID, a.NameTH, err)
		}
		if a.Contact.Address.ProvinceCode == "" {
			fail("agency %d %q has no province", a.ID, a.NameTH)
		}
	}
	// Parents come first, so following parents always ends at a root: no
	// cycles. Check depth stays sensible anyway.
	for _, a := range ds.Agencies {
		depth, p := 0, a.ParentID
		for p != 0 {
			if depth++; depth > 10 {
				fail("agency %d: tree deeper than 10", a.ID)
				break
			}
			p = ds.Agencies[p-1].ParentID
		}
	}
	for i, p := range ds.Points {
		if p.ID != int64(i+1) {
			fail("point %d has ID %d, want dense IDs from 1", i, p.ID)
		}
		if p.AgencyID < 1 || p.AgencyID > int64(len(ds.Agencies)) {
			fail("point %d %q: agency %d does not exist", p.ID, p.NameTH, p.AgencyID)
			continue
		}
		if p.Version != 0 || !p.CreatedAt.IsZero() || !p.UpdatedAt.IsZero() {
			fail("point %d: store-owned fields are set", p.ID)
		}
		n := p
		n.Phones = append([]string(nil), p.Phones...)
		n.Normalize()
		if !reflect.DeepEqual(n, p) {
			fail("point %d %q changes under Normalize:\n got  %+v\n want %+v", p.ID, p.NameTH, n, p)
		}
		if err := n.Validate(); err != nil {
			fail("point %d %q: %v", p.ID, p.NameTH, err)
		}
		if p.Kind == openinfo.PointCounter {
			if !p.HasLocation || !openinfo.InThailand(p.Lat, p.Lon) {
				fail("counter %d %q has no pin in Thailand", p.ID, p.NameTH)
			}
			pr, ok := openinfo.ProvinceByCode(p.Address.ProvinceCode)
			if !ok {
				fail("counter %d %q has no province", p.ID, p.NameTH)
			} else if d := km(pr.Lat, pr.Lon, p.Lat, p.Lon); d > 25 {
				fail("counter %d %q is %.1f km from the centre of %s", p.ID, p.NameTH, d, pr.NameEN)
			}
			if len(p.Address.Postcode) == 5 && p.Address.ProvinceCode != "" {
				if want := provinceFacts[p.Address.ProvinceCode].postPrefix; p.Address.Postcode[:2] != want {
					fail("counter %d postcode %s does not start with %s", p.ID, p.Address.Postcode, want)
				}
			}
		}
	}
	if errs > 20 {
		t.Errorf("... and %d more", errs-20)
	}
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	dy := (lat2 - lat1) * 111.32
	dx := (lon2 - lon1) * 111.32 * math.Cos(lat1*math.Pi/180)
	return math.Hypot(dx, dy)
}

func TestSmall(t *testing.T) {
	ds := smallData(t, 1)
	checkDataset(t, ds)
	if n := len(ds.Agencies); n < 200 || n > 400 {
		t.Errorf("small: %d agencies, want about 300", n)
	}
	if n := len(ds.Points); n < 1500 || n > 2800 {
		t.Errorf("small: %d points, want about 2,000", n)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := digest(t, smallData(t, 7)), digest(t, smallData(t, 7))
	if a != b {
		t.Fatalf("same seed, different data: %s != %s", a, b)
	}
	if c := digest(t, smallData(t, 8)); c == a {
		t.Fatal("different seeds gave the same data")
	}
}

func TestUnknownScale(t *testing.T) {
	if _, err := Generate("galactic", 1, nil); err == nil {
		t.Fatal("unknown scale accepted")
	}
}

func TestProgress(t *testing.T) {
	stages := map[string]int{}
	_, err := Generate(ScaleSmall, 1, func(stage string, done, total int) {
		if done > total {
			t.Errorf("%s: done %d > total %d", stage, done, total)
		}
		stages[stage] = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if stages["agencies"] == 0 || stages["points"] == 0 {
		t.Fatalf("progress stages: %v", stages)
	}
}

func TestNational(t *testing.T) {
	ds := nationalData(t)
	checkDataset(t, ds)

	types := map[openinfo.AgencyType]int{}
	muni := map[string]int{}
	for _, a := range ds.Agencies {
		if a.Status != openinfo.StatusActive {
			continue
		}
		types[a.Type]++
		if a.Type == openinfo.AgencyMunicipality {
			for _, lvl := range []string{"เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล"} {
				if strings.HasPrefix(a.NameTH, lvl) {
					muni[lvl]++
				}
			}
		}
	}
	for _, x := range openinfo.AgencyTypes {
		if types[x.Type] == 0 {
			t.Errorf("no agency of type %s", x.Type)
		}
	}
	within := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: %d, want %d..%d", what, got, lo, hi)
		}
	}
	within("agencies", len(ds.Agencies), 8500, 11500)
	within("points", len(ds.Points), 90000, 110000)
	within("ministries", types[openinfo.AgencyMinistry], 20, 20)
	within("departments", types[openinfo.AgencyDepartment], 140, 170)
	within("provinces", types[openinfo.AgencyProvince], 76, 76)
	within("district offices", types[openinfo.AgencyDistrict], 878+50, 878+50)
	within("PAOs", types[openinfo.AgencyPAO], 76, 76)
	within("municipalities", types[openinfo.AgencyMunicipality], 2300, 2700)
	within("เทศบาลนคร", muni["เทศบาลนคร"], 30, 30)
	within("เทศบาลเมือง", muni["เทศบาลเมือง"], 150, 240)
	within("SAOs", types[openinfo.AgencySAO], 4900, 5700)
	within("special local", types[openinfo.AgencySpecialLocal], 2, 2)
	within("state enterprises", types[openinfo.AgencyStateEnterprise], 40, 60)
	within("public organisations", types[openinfo.AgencyPublicOrg], 30, 70)
	within("universities", types[openinfo.AgencyUniversity], 75, 85)

	perProv := map[string]int{}
	hidden, kinds := 0, map[openinfo.PointKind]int{}
	for _, p := range ds.Points {
		if p.Address.ProvinceCode != "" {
			perProv[p.Address.ProvinceCode]++
		}
		if !p.Visible {
			hidden++
		}
		kinds[p.Kind]++
	}
	for _, pr := range openinfo.Provinces {
		if perProv[pr.Code] < 200 {
			t.Errorf("%s has only %d points", pr.NameEN, perProv[pr.Code])
		}
		if pr.Code != "10" && perProv[pr.Code] >= perProv["10"] {
			t.Errorf("%s has %d points, Bangkok %d: Bangkok should have the most", pr.NameEN, perProv[pr.Code], perProv["10"])
		}
	}
	if share := float64(hidden) / float64(len(ds.Points)); share < 0.01 || share > 0.03 {
		t.Errorf("hidden share %.3f, want about 2%%", share)
	}
	if kinds[openinfo.PointOnline] < 3000 || kinds[openinfo.PointPhone] < 1500 {
		t.Errorf("kinds: %v", kinds)
	}
}

func TestNationalDeterministic(t *testing.T) {
	ds := nationalData(t)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	again, err := Generate(ScaleNational, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	runtime.ReadMemStats(&after)
	t.Logf("national: %v, %.0f MB allocated", el, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	// Equal values encode to equal bytes; TestDeterministic hashes the
	// encoding itself on the small set, which is much quicker to encode.
	if !reflect.DeepEqual(ds, again) {
		t.Fatal("national: same seed, different data")
	}
}

// TestNationalSummary logs the shape of the national data set (go test -v).
func TestNationalSummary(t *testing.T) {
	ds := nationalData(t)
	types := map[openinfo.AgencyType]int{}
	for _, a := range ds.Agencies {
		types[a.Type]++
	}
	for _, x := range openinfo.AgencyTypes {
		t.Logf("%-17s %6d", x.Type, types[x.Type])
	}
	perProv := map[string]int{}
	kinds := map[openinfo.PointKind]int{}
	for _, p := range ds.Points {
		perProv[p.Address.ProvinceCode]++
		kinds[p.Kind]++
	}
	t.Logf("agencies %d, points %d %v", len(ds.Agencies), len(ds.Points), kinds)
	codes := make([]string, 0, len(perProv))
	for c := range perProv {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return perProv[codes[i]] > perProv[codes[j]] })
	for _, c := range codes[:8] {
		t.Logf("points in %q: %d", c, perProv[c])
	}
	t.Logf("fewest: %q %d", codes[len(codes)-1], perProv[codes[len(codes)-1]])
}

func TestDemo(t *testing.T) {
	ds := Demo()
	checkDataset(t, ds)
	if n := len(ds.Agencies); n < 30 || n > 60 {
		t.Errorf("demo: %d agencies, want about 40", n)
	}
	if n := len(ds.Points); n < 45 || n > 90 {
		t.Errorf("demo: %d points, want about 60", n)
	}
	hidden, kinds := 0, map[openinfo.PointKind]int{}
	provs := map[string]bool{}
	for _, p := range ds.Points {
		if !p.Visible {
			hidden++
		}
		kinds[p.Kind]++
		if p.Address.ProvinceCode != "" {
			provs[p.Address.ProvinceCode] = true
		}
	}
	if hidden != 1 {
		t.Errorf("demo: %d hidden points, want 1", hidden)
	}
	if kinds[openinfo.PointOnline] == 0 || kinds[openinfo.PointPhone] == 0 {
		t.Errorf("demo point kinds: %v", kinds)
	}
	if len(provs) < 4 || len(provs) > 7 {
		t.Errorf("demo points in %d provinces, want 4-6", len(provs))
	}
	if !reflect.DeepEqual(Demo(), ds) {
		t.Error("Demo is not deterministic")
	}
	names := map[string]bool{}
	for _, a := range ds.Agencies {
		names[a.NameTH] = true
	}
	for _, n := range []string{"กระทรวงมหาดไทย", "กรมการปกครอง", "ที่ว่าการอำเภอเมืองเชียงใหม่", "กรมที่ดิน",
		"สำนักงานที่ดินจังหวัดขอนแก่น", "กระทรวงคมนาคม", "กรมการขนส่งทางบก", "สำนักงานขนส่งจังหวัดสงขลา",
		"กรุงเทพมหานคร", "สำนักงานเขตจตุจักร", "การไฟฟ้าส่วนภูมิภาค"} {
		if !names[n] {
			t.Errorf("demo lacks %s", n)
		}
	}
}

func TestDistrictData(t *testing.T) {
	total := 0
	for _, p := range openinfo.Provinces {
		if p.Code == "10" {
			if len(bangkokKhets) != 50 {
				t.Errorf("Bangkok has %d khets", len(bangkokKhets))
			}
			continue
		}
		list := strings.Split(districtNames[p.Code], ", ")
		total += len(list)
		if !strings.HasPrefix(list[0], "เมือง") && p.Code != "14" {
			t.Errorf("%s: first district %q is not the capital", p.NameEN, list[0])
		}
		for _, s := range list {
			if w := splitPair(s); w.th == "" || w.en == "" {
				t.Errorf("%s: bad district %q", p.NameEN, s)
			}
		}
		if _, ok := provinceFacts[p.Code]; !ok {
			t.Errorf("%s has no facts", p.NameEN)
		}
	}
	if total != 878 {
		t.Errorf("%d districts, want 878", total)
	}
}

func BenchmarkGenerateNational(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Generate(ScaleNational, uint64(i), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateSmall(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Generate(ScaleSmall, uint64(i), nil); err != nil {
			b.Fatal(err)
		}
	}
}
