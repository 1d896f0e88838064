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

// complianceRows reads the dashboard's breakdowns ("name|total|with10|
// with16|both"), the IDs of the missing list and the reminders' addresses,
// from the page or from its CSV export.
func complianceRows(t *testing.T, page, csvBody string) (groups, missing, reminders []string) {
	t.Helper()
	if page != "" {
		row := regexp.MustCompile(`<tr><td>([^<]*)</td><td class="num">([^<]*)</td>\s*<td class="num">(\S+) \([^)]*\)</td><td class="num">(\S+) \([^)]*\)</td>\s*<td class="num">(\S+) \(`)
		for _, m := range row.FindAllStringSubmatch(page, -1) {
			groups = append(groups, strings.Join(m[1:], "|"))
		}
		miss := page[strings.Index(page, `id="missing"`):strings.Index(page, `id="reminders"`)]
		for _, m := range regexp.MustCompile(`<td><a href="/admin/agencies/(\d+)">`).FindAllStringSubmatch(miss, -1) {
			missing = append(missing, m[1])
		}
		rem := page[strings.Index(page, `id="reminders"`):strings.Index(page, `id="settings"`)]
		for _, m := range regexp.MustCompile(`<td>([^<@]+@[^<]+)</td>`).FindAllStringSubmatch(rem, -1) {
			reminders = append(reminders, m[1])
		}
	} else {
		num := regexp.MustCompile(`^\d+$`)
		for _, r := range readCSV(t, csvBody) {
			switch {
			case len(r) == 8 && num.MatchString(r[1]) && r[0] != "ทั้งประเทศ":
				groups = append(groups, strings.Join([]string{r[0], r[1], r[2], r[4], r[6]}, "|"))
			case len(r) == 6 && num.MatchString(r[0]):
				missing = append(missing, r[0])
			case len(r) == 5 && strings.Contains(r[2], "@"):
				reminders = append(reminders, r[2])
			}
		}
	}
	slices.Sort(groups)
	slices.Sort(missing)
	slices.Sort(reminders)
	return groups, missing, reminders
}

// TestComplianceFilters: the type, ministry and province filters narrow
// the totals, every breakdown, the missing list, the reminders and the
// exports alike, alone and together; the ministries stay choosable
// whatever the other filters; a value the form does not offer is refused
// at its field with 400; only OPDC gets in, filters or not.
func TestComplianceFilters(t *testing.T) {
	ctx := context.Background()
	f := newAdminFixture(t)
	mk := func(parent int64, typ openinfo.AgencyType, name, province string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: province}}}
		if err := f.db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	moi := mk(0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย", "10")
	mof := mk(0, openinfo.AgencyMinistry, "กระทรวงการคลัง", "10")
	cm := mk(moi.ID, openinfo.AgencyProvince, "จังหวัดเชียงใหม่", "50")
	dopa := mk(moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง", "10")
	muni := mk(0, openinfo.AgencyMunicipality, "เทศบาลนครเชียงใหม่", "50")
	publish := func(a *openinfo.Agency, sec openinfo.EgovSection) {
		t.Helper()
		o := openinfo.Officer{UserID: 4, Role: openinfo.RoleCentral, AgencyID: a.ID, AgencyPath: a.Path}
		r := &openinfo.EgovRecord{AgencyID: a.ID, Section: sec, Title: "ประกาศ", SignedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			URL: "https://www.example.go.th/egov.pdf", Items: []openinfo.EgovItem{{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: "https://www.example.go.th"}}}
		if err := f.db.SaveEgovRecord(ctx, r, o); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.PublishEgovRecord(ctx, r.ID, r.Version, o); err != nil {
			t.Fatal(err)
		}
	}
	publish(cm, openinfo.EgovSection10)
	publish(cm, openinfo.EgovSection16)
	publish(dopa, openinfo.EgovSection10)
	for _, x := range []struct {
		a     *openinfo.Agency
		email string
	}{{muni, "saraban@cmcity.go.th"}, {mof, "saraban@mof.go.th"}, {f.foreign, "saraban@rd.go.th"}} {
		if err := f.db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: x.a.ID, Email: x.email, Missing: []openinfo.EgovSection{10, 16}}); err != nil {
			t.Fatal(err)
		}
	}
	opdc := f.as(t, openinfo.RoleOPDC, nil)
	for _, c := range []struct {
		q                 string
		total             string
		missing           []*openinfo.Agency
		reminders         []string
		provinces, absent []string
	}{
		{"province=50", "2", []*openinfo.Agency{muni}, []string{"saraban@cmcity.go.th"}, []string{"เชียงใหม่"}, []string{"กรุงเทพมหานคร"}},
		{"province=-", "2", []*openinfo.Agency{f.dept, f.foreign}, []string{"saraban@rd.go.th"}, []string{"ไม่ระบุจังหวัด"}, []string{"เชียงใหม่"}},
		{"ministry=" + itoa(moi.ID) + "&province=50", "1", nil, nil, []string{"เชียงใหม่"}, []string{"กรุงเทพมหานคร"}},
		{"province=50&type=municipality", "1", []*openinfo.Agency{muni}, []string{"saraban@cmcity.go.th"}, []string{"เชียงใหม่"}, nil},
		{"type=ministry", "2", []*openinfo.Agency{moi, mof}, []string{"saraban@mof.go.th"}, []string{"กรุงเทพมหานคร"}, []string{"เชียงใหม่"}},
		{"ministry=" + itoa(mof.ID), "1", []*openinfo.Agency{mof}, []string{"saraban@mof.go.th"}, []string{"กรุงเทพมหานคร"}, []string{"เชียงใหม่"}},
	} {
		code, page, _ := fetchS(t, opdc, f.srv.URL+"/admin/compliance?"+c.q)
		if code != 200 {
			t.Fatalf("%s: %d\n%s", c.q, code, firstError([]byte(page)))
		}
		wantIn(t, c.q, page, "<dd>"+c.total+"</dd>", `href="/admin/compliance.csv?`+strings.ReplaceAll(c.q, "&", "&amp;")+`"`,
			// Both ministries stay in the list, whatever the filters.
			`<option value="`+itoa(moi.ID)+`"`, `<option value="`+itoa(mof.ID)+`"`)
		pg, pm, pr := complianceRows(t, page, "")
		var want []string
		for _, a := range c.missing {
			want = append(want, itoa(a.ID))
		}
		slices.Sort(want)
		if !slices.Equal(pm, want) {
			t.Errorf("%s: missing %v, want %v", c.q, pm, want)
		}
		if wr := slices.Sorted(slices.Values(c.reminders)); !slices.Equal(pr, wr) {
			t.Errorf("%s: reminders %v, want %v", c.q, pr, wr)
		}
		byProvince := page[strings.Index(page, "ตามจังหวัด"):strings.Index(page, `id="missing"`)]
		for _, p := range c.provinces {
			if !strings.Contains(byProvince, "<td>"+p+"</td>") {
				t.Errorf("%s: no province %s", c.q, p)
			}
		}
		for _, p := range c.absent {
			if strings.Contains(byProvince, "<td>"+p+"</td>") {
				t.Errorf("%s: province %s shown", c.q, p)
			}
		}
		// The export: the same rows and numbers, the same country total.
		code, csvBody, _ := fetchS(t, opdc, f.srv.URL+"/admin/compliance.csv?"+c.q)
		if code != 200 {
			t.Fatalf("%s: csv %d", c.q, code)
		}
		cg, cmiss, cr := complianceRows(t, "", csvBody)
		if !slices.Equal(pg, cg) || !slices.Equal(pm, cmiss) || !slices.Equal(pr, cr) {
			t.Errorf("%s: page %v %v %v\nCSV %v %v %v", c.q, pg, pm, pr, cg, cmiss, cr)
		}
		for _, r := range readCSV(t, csvBody) {
			if r[0] == "ทั้งประเทศ" && r[1] != c.total {
				t.Errorf("%s: CSV total %s", c.q, r[1])
			}
		}
	}
	// Kept values.
	_, page, _ := fetchS(t, opdc, f.srv.URL+"/admin/compliance?type=municipality&province=50&ministry="+itoa(moi.ID))
	wantIn(t, "kept", page, `<option value="municipality" selected>`, `<option value="50" selected>`, `<option value="`+itoa(moi.ID)+`" selected>`)

	// Bad values: 400 at the field, no dashboard, for the page and the exports.
	for _, c := range []struct{ q, field, th string }{
		{"type=bogus", "type", "ไม่รู้จักประเภทหน่วยงาน"},
		{"type=unit", "type", "ไม่อยู่ในกลุ่มที่ต้องดำเนินการ"},
		{"ministry=999999", "ministry", "ไม่พบกระทรวง"},
		{"ministry=" + itoa(dopa.ID), "ministry", "ไม่พบกระทรวง"},
		{"ministry=abc", "ministry", "ไม่พบกระทรวง"},
		{"province=99", "province", "ไม่รู้จักจังหวัด"},
	} {
		for _, path := range []string{"/admin/compliance?", "/admin/compliance.csv?", "/admin/compliance.xlsx?"} {
			code, body, _ := fetchS(t, opdc, f.srv.URL+path+c.q)
			if code != http.StatusBadRequest || !strings.Contains(body, `id="`+c.field+`-error"`) || !strings.Contains(body, c.th) || strings.Contains(body, `id="missing"`) {
				t.Errorf("%s%s: %d\n%s", path, c.q, code, firstError([]byte(body)))
			}
		}
	}
	en := f.as(t, openinfo.RoleOPDC, nil)
	en.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	if code, body, _ := fetchS(t, en, f.srv.URL+"/admin/compliance?type=unit&province=99"); code != http.StatusBadRequest ||
		!strings.Contains(body, "need not comply") || !strings.Contains(body, "Unknown province code") {
		t.Errorf("English: %d\n%s", code, firstError([]byte(body)))
	}
	// Only OPDC, whatever the filters.
	for _, q := range []string{"province=50", "ministry=" + itoa(moi.ID)} {
		if code, _, _ := fetchS(t, f.as(t, openinfo.RoleCentral, f.dept), f.srv.URL+"/admin/compliance.csv?"+q); code != http.StatusForbidden {
			t.Errorf("a central officer, %s: %d", q, code)
		}
	}
}
