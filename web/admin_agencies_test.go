package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/admin"
)

// TestEditForms: a service point officer keeps the agency and its points
// current through the forms; bad input is refused with a Thai message next
// to the field, what was typed stays, and nothing saved is lost.
func TestEditForms(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Migrate(ctx)
	office := &openinfo.Agency{Type: openinfo.AgencyRegionalOffice, NameTH: "สำนักงานที่ดินจังหวัดขอนแก่น", Contact: openinfo.Contact{Phones: []string{"043 236 111"}}}
	if err := db.CreateAgency(ctx, office); err != nil {
		t.Fatal(err)
	}
	u, _ := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "p", GivenName: "สมศรี"})
	tok, _ := openinfo.NewToken()
	db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: office.ID, Role: openinfo.RolePointOfficer})
	if _, err := db.RedeemToken(ctx, u.ID, tok, time.Now()); err != nil {
		t.Fatal(err)
	}
	sealer, _ := auth.NewSealer([]byte("edit forms secret, not for production"))
	s, _ := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Sealer: sealer})
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/admin/__as", s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.sessions.Put(r.Context(), admin.SessionUserID, u.ID)
		s.sessions.Put(r.Context(), admin.SessionCSRF, "t")
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	c.Get(srv.URL + "/admin/__as")
	post := func(path string, form url.Values) (int, string) {
		form.Set("csrf", "t")
		res, err := c.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, html.UnescapeString(string(b))
	}
	agencyForm := func(name, phones string, version int64) url.Values {
		return url.Values{"name_th": {name}, "type": {"regional_office"}, "status": {"active"}, "phones": {phones},
			"province": {"40"}, "version": {fmt.Sprint(version)}}
	}
	edit := fmt.Sprintf("/admin/agencies/%d/edit", office.ID)

	code, body := post(edit, agencyForm("", "043 236 111", 1))
	if code != 422 || !strings.Contains(body, "กรุณากรอกชื่อหน่วยงานภาษาไทย") {
		t.Fatalf("empty Thai name: %d\n%s", code, body)
	}
	code, body = post(edit, agencyForm("สำนักงานที่ดินจังหวัดขอนแก่น", "043-23", 1))
	if code != 422 || !strings.Contains(body, `หมายเลขโทรศัพท์ "043-23" ไม่ถูกต้อง`) || !strings.Contains(body, "043-23</textarea>") {
		t.Fatalf("bad phone: %d\n%s", code, body)
	}
	code, body = post(edit, agencyForm("สำนักงานที่ดินจังหวัดขอนแก่น สาขาบ้านไผ่", "043 236 111\n1111", 1))
	if code != 200 || !strings.Contains(body, "บันทึกเรียบร้อยแล้ว") {
		t.Fatalf("save: %d\n%s", code, body)
	}
	// The same form sent again carries the old version: stale.
	code, body = post(edit, agencyForm("ชื่อที่เขียนทับ", "1111", 1))
	if code != 409 || !strings.Contains(body, "ถูกแก้ไขโดยผู้อื่น") {
		t.Fatalf("stale save: %d\n%s", code, body)
	}
	if a, _ := db.Agency(ctx, office.ID); a.NameTH != "สำนักงานที่ดินจังหวัดขอนแก่น สาขาบ้านไผ่" || len(a.Contact.Phones) != 2 {
		t.Fatalf("agency after the refused saves = %+v", a)
	}

	pointForm := url.Values{"name_th": {"งานทะเบียนที่ดิน"}, "kind": {"counter"}, "visible": {"on"}, "lat": {"102.83"}, "lon": {"16.43"},
		"periods": {"3"}, "p0_day1": {"on"}, "p0_day2": {"on"}, "p0_open": {"08:30"}, "p0_close": {"16:30"}, "closed_on_holidays": {"on"}}
	newPoint := fmt.Sprintf("/admin/agencies/%d/points/new", office.ID)
	code, body = post(newPoint, pointForm)
	if code != 422 || !strings.Contains(body, "พิกัดอยู่นอกประเทศไทย") || !strings.Contains(body, `value="102.83"`) {
		t.Fatalf("swapped pin: %d\n%s", code, body)
	}
	pointForm.Set("lat", "16.4x")
	if code, body = post(newPoint, pointForm); code != 422 || !strings.Contains(body, "ละติจูดและลองจิจูดต้องเป็นตัวเลข") {
		t.Fatalf("bad number: %d\n%s", code, body)
	}
	pointForm.Set("lat", "16.43")
	pointForm.Set("lon", "102.83")
	pointForm.Set("p0_close", "07:00")
	if code, body = post(newPoint, pointForm); code != 422 || !strings.Contains(body, "เวลาเปิดต้องก่อนเวลาปิด") || !strings.Contains(body, `name="p0_close" value="07:00"`) {
		t.Fatalf("bad hours: %d\n%s", code, body)
	}
	if _, n, _ := db.ServicePoints(ctx, store.PointFilter{AgencyID: office.ID, WithHidden: true}); n != 0 {
		t.Fatalf("refused points were saved: %d", n)
	}
	pointForm.Set("p0_close", "16:30")
	if code, body = post(newPoint, pointForm); code != 200 || !strings.Contains(body, "งานทะเบียนที่ดิน") {
		t.Fatalf("new point: %d\n%s", code, body)
	}
	pts, _, _ := db.ServicePoints(ctx, store.PointFilter{AgencyID: office.ID, WithHidden: true})
	p := pts[0]
	if !p.HasLocation || p.Lat != 16.43 || len(p.Hours.Periods) != 1 || len(p.Hours.Periods[0].Days) != 2 || !p.Hours.ClosedOnHolidays {
		t.Fatalf("saved point = %+v", p)
	}
	// The edit form shows each period as a row and blank rows for more: a
	// Saturday half-day is added in one of them, and hiding the point
	// (การแสดงผล off) keeps both periods.
	editPath := fmt.Sprintf("/admin/points/%d/edit", p.ID)
	res0, _ := c.Get(srv.URL + editPath)
	page0, _ := io.ReadAll(res0.Body)
	res0.Body.Close()
	if !strings.Contains(string(page0), `name="periods" value="3"`) || !strings.Contains(string(page0), `name="p0_open" value="08:30"`) ||
		!strings.Contains(string(page0), `name="p2_open" value=""`) || !strings.Contains(string(page0), `id="map"`) {
		t.Fatalf("edit form rows:\n%s", page0)
	}
	pointForm.Del("visible")
	pointForm.Set("version", "1")
	pointForm.Set("p1_day6", "on")
	pointForm.Set("p1_open", "09:00")
	pointForm.Set("p1_close", "12:00")
	if code, _ = post(editPath, pointForm); code != 200 {
		t.Fatalf("hide: %d", code)
	}
	again, _ := db.ServicePoint(ctx, p.ID)
	if len(again.Hours.Periods) != 2 || again.Hours.Periods[1].Days[0] != time.Saturday || again.Hours.Periods[1].Close != "12:00" {
		t.Fatalf("the Saturday period: %+v", again.Hours)
	}
	// A period ticked for removal goes; a bad time in the second row is
	// refused at that row, with everything typed kept.
	bad := url.Values{}
	for k, v := range pointForm {
		bad[k] = v
	}
	bad.Set("version", "2")
	bad.Set("p1_close", "08:00")
	if code, body = post(editPath, bad); code != 422 || !strings.Contains(body, "เวลาเปิดต้องก่อนเวลาปิด") || !strings.Contains(body, `name="p1_close" value="08:00"`) {
		t.Fatalf("bad second period: %d\n%s", code, body)
	}
	bad.Set("p1_close", "12:00")
	bad.Set("p1_remove", "on")
	if code, _ = post(editPath, bad); code != 200 {
		t.Fatalf("remove a period: %d", code)
	}
	if again, _ := db.ServicePoint(ctx, p.ID); len(again.Hours.Periods) != 1 || again.Hours.Periods[0].Open != "08:30" {
		t.Fatalf("after removing the Saturday period: %+v", again.Hours)
	}
	res, _ := http.Get(srv.URL + fmt.Sprintf("/points/%d", p.ID))
	if res.StatusCode != 404 {
		t.Fatalf("hidden point is public: %d", res.StatusCode)
	}
	log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "service_point", EntityID: p.ID})
	if len(log) != 3 || log[0].ActorID != u.ID {
		t.Fatalf("audit = %+v", log)
	}
}
