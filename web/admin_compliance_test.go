package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// TestComplianceDashboard: on a small tree (a ministry with a department,
// two departments under no ministry, a municipality; a regional office that
// does not count) the dashboard's shares, breakdowns, missing list and
// reminders are right, its exports parse with the same numbers, the
// settings are refused at the field and saved, and only OPDC gets in.
func TestComplianceDashboard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newAdminFixtureOn(t, db)
		mk := func(parent int64, typ openinfo.AgencyType, name, province string) *openinfo.Agency {
			a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: province}}}
			if err := f.db.CreateAgency(ctx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		ministry := mk(0, openinfo.AgencyMinistry, "กระทรวงทดสอบ", "10")
		dept := mk(ministry.ID, openinfo.AgencyDepartment, "กรมทดสอบ", "10")
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
		publish(f.dept, openinfo.EgovSection10)
		publish(f.dept, openinfo.EgovSection16)
		publish(dept, openinfo.EgovSection10)
		publish(f.office, openinfo.EgovSection10) // a regional office: not counted
		if err := f.db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: f.foreign.ID, Email: "saraban@rd.go.th",
			Missing: []openinfo.EgovSection{10, 16}, Deadline: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}

		for _, role := range []openinfo.Role{openinfo.RoleCentral, openinfo.RoleAdmin} {
			a := f.dept
			if role.Global() {
				a = nil
			}
			if code, _, _ := fetchS(t, f.as(t, role, a), f.srv.URL+"/admin/compliance"); code != http.StatusForbidden {
				t.Fatalf("%s: %d, want 403", role, code)
			}
		}
		c := f.as(t, openinfo.RoleOPDC, nil)
		code, body, _ := fetchS(t, c, f.srv.URL+"/admin/compliance")
		if code != 200 {
			t.Fatalf("dashboard: %d", code)
		}
		// Counted: the ministry, its department, both root departments, the municipality.
		wantIn(t, "dashboard", body, "<dd>5</dd>", "<dd>2 (40.0%)</dd>", "<dd>1 (20.0%)</dd>", "<svg", "saraban@rd.go.th",
			`href="/admin/agencies/`+itoa(f.foreign.ID)+`"`, `href="/admin/agencies/`+itoa(muni.ID)+`"`, "กระทรวงทดสอบ", "เชียงใหม่")
		if strings.Contains(body, `<a href="/admin/agencies/`+itoa(f.dept.ID)+`"`) {
			t.Error("a compliant agency in the missing list")
		}
		// The missing agency's admin page leads to its records.
		_, body, _ = fetchS(t, c, f.srv.URL+"/admin/agencies/"+itoa(f.foreign.ID))
		wantIn(t, "agency page", body, `href="/admin/egov?agency=`+itoa(f.foreign.ID)+`"`)
		// The province narrows the missing list.
		_, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance?province=50")
		if !strings.Contains(body, `href="/admin/agencies/`+itoa(muni.ID)+`"`) || strings.Contains(body, `<a href="/admin/agencies/`+itoa(ministry.ID)+`"`) {
			t.Error("province filter")
		}

		// CSV: the country's row and the ministry's, under the ministry filter too.
		code, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance.csv")
		if code != 200 {
			t.Fatalf("csv: %d", code)
		}
		rows := readCSV(t, body)
		wantRow(t, rows, "ทั้งประเทศ", "5", "2", "40.0", "1", "20.0", "1", "20.0")
		wantRow(t, rows, "กระทรวงทดสอบ", "2", "1", "50.0", "0", "0.0", "0", "0.0")
		wantRow(t, rows, "หน่วยงานที่ไม่สังกัดกระทรวง", "3", "1", "33.3", "1", "33.3", "1", "33.3")
		wantRow(t, rows, "เทศบาล", "1", "0", "0.0", "0", "0.0", "0", "0.0")
		_, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance.csv?ministry="+itoa(ministry.ID))
		wantRow(t, readCSV(t, body), "ทั้งประเทศ", "2", "1", "50.0", "0", "0.0", "0", "0.0")

		// Excel: a sheet per table, the same numbers.
		code, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance.xlsx")
		if code != 200 {
			t.Fatalf("xlsx: %d", code)
		}
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(x.GetSheetList()); n != 7 {
			t.Fatalf("sheets: %v", x.GetSheetList())
		}
		sheet, err := x.GetRows(x.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		wantRow(t, sheet, "ทั้งประเทศ", "5", "2")

		// Settings: reminders without a deadline are refused at the deadline, typed values kept.
		form := url.Values{"version": {"0"}, "agency_types": {"ministry", "department"}, "reminder_days": {"14"}, "deadline": {""}}
		code, body, _ = postForm(t, c, f.srv.URL+"/admin/compliance/settings", form)
		if code < 400 {
			t.Fatalf("settings without deadline: %d", code)
		}
		wantIn(t, "settings refused", body, `id="deadline-error"`, `value="14"`)
		form.Set("deadline", "31/3/2570")
		if code, body, _ = postForm(t, c, f.srv.URL+"/admin/compliance/settings", form); code != http.StatusSeeOther {
			t.Fatalf("settings: %d\n%s", code, firstError([]byte(body)))
		}
		if code, _, _ = postForm(t, c, f.srv.URL+"/admin/compliance/settings", form); code != http.StatusConflict {
			t.Fatalf("stale settings: %d", code)
		}
		set, _ := f.db.EgovSettings(ctx)
		if set.ReminderDays != 14 || !set.Deadline.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)) || len(set.AgencyTypes) != 2 {
			t.Fatalf("settings saved: %+v", set)
		}
		// Now the municipality does not count; the deadline's month is marked.
		_, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance")
		wantIn(t, "after settings", body, "<dd>4</dd>", "<dd>2 (50.0%)</dd>", "แถบแดงจาง", "31 มี.ค. 2570")
		_, body, _ = fetchS(t, c, f.srv.URL+"/admin/compliance?type=ministry")
		wantIn(t, "type filter", body, "<dd>1</dd>", "<dd>0 (0.0%)</dd>")
	})
}

func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(body, "\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// wantRow finds the row whose first cell starts with name and checks the
// cells after it.
func wantRow(t *testing.T, rows [][]string, name string, cells ...string) {
	t.Helper()
	for _, r := range rows {
		if len(r) > len(cells) && strings.HasPrefix(r[0], name) {
			if !slices.Equal(r[1:1+len(cells)], cells) {
				t.Errorf("row %s: %q, want %q", name, r[1:1+len(cells)], cells)
			}
			return
		}
	}
	t.Errorf("no row %s in %q", name, rows)
}
