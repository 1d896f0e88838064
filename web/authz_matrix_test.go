package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/admin"
)

// TestAuthorizationMatrix walks every back-office route with every role, in
// its own agency and in a foreign one, plus anonymous and unbound users, and
// checks each answer against openinfo.Can.
func TestAuthorizationMatrix(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	mk := func(parent int64, name string) *openinfo.Agency {
		typ := openinfo.AgencyDepartment
		if parent != 0 { // a regional office: its parent issues its central tokens (seed 004)
			typ = openinfo.AgencyRegionalOffice
		}
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	own := mk(0, "กรมการขนส่งทางบก")
	ownSub := mk(own.ID, "สำนักงานขนส่งจังหวัดเชียงใหม่")
	foreign := mk(0, "กรมสรรพากร")

	sealer, _ := auth.NewSealer([]byte("matrix secret, not for production"))
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Sealer: sealer})
	if err != nil {
		t.Fatal(err)
	}
	issuers := openinfo.DefaultTokenIssuers() // the server's, as no Config.TokenIssuers is given
	// A test-only door into a session, instead of a whole OpenID login.
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/admin/__as", s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id int64
		fmt.Sscan(r.URL.Query().Get("user"), &id)
		s.sessions.Put(r.Context(), admin.SessionUserID, id)
		s.sessions.Put(r.Context(), admin.SessionCSRF, "matrix-csrf")
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	n := 0
	newUser := func(role openinfo.Role, agency *openinfo.Agency) *openinfo.User {
		n++
		u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: fmt.Sprint("u", n), GivenName: fmt.Sprint("ผู้ใช้", n)})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case role.Global():
			u, err = db.GrantGlobalRole(ctx, u.ID, role)
		case role != "":
			tok, _ := openinfo.NewToken()
			if err = db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: agency.ID, Role: role}); err == nil {
				u, err = db.RedeemToken(ctx, u.ID, tok, time.Now())
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	// newRequest makes a confirmed onboarding request to decide.
	newRequest := func() int64 {
		n++
		o := &openinfo.OnboardingRequest{AgencyNameTH: fmt.Sprint("กรมทดสอบที่ ", n), AgencyType: openinfo.AgencyDepartment,
			RequesterName: "ผู้ขอ", RequesterEmail: "req@example.go.th", RequesterPhone: "021234567", ExecutiveName: "ผู้บริหาร",
			ExecutiveEmail: "exec@example.go.th", Letter: []byte("%PDF-1.4")}
		if err := db.CreateOnboardingRequest(ctx, o); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmOnboarding(ctx, o.ID); err != nil {
			t.Fatal(err)
		}
		return o.ID
	}

	type subject struct {
		name string
		user *openinfo.User // nil: anonymous
	}
	subjects := []subject{{"anonymous", nil}, {"unbound", newUser("", nil)}}
	for _, r := range openinfo.Roles {
		subjects = append(subjects, subject{string(r.Role), newUser(r.Role, own)})
	}

	covered := map[string]bool{}
	for _, sub := range subjects {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if sub.user != nil {
			res, err := c.Get(srv.URL + fmt.Sprintf("/admin/__as?user=%d", sub.user.ID))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
		}
		for _, rt := range admin.Routes() {
			for _, where := range []*openinfo.Agency{ownSub, foreign} {
				covered[rt.Method+" "+rt.Path] = true
				target := newUser(openinfo.RolePointOfficer, where) // for the user routes
				id := target.ID
				switch {
				case strings.HasPrefix(rt.Path, "/admin/onboarding/"):
					id = newRequest()
				case strings.HasPrefix(rt.Path, "/admin/agencies/{id}"):
					id = where.ID
				case strings.HasPrefix(rt.Path, "/admin/points/{id}"):
					pt := &openinfo.ServicePoint{AgencyID: where.ID, NameTH: "จุดบริการทดสอบ", Kind: openinfo.PointCounter, Visible: true}
					if err := db.CreateServicePoint(ctx, pt); err != nil {
						t.Fatal(err)
					}
					id = pt.ID
				}
				manualID, manualRoute := manualRouteFixture(t, db, rt.Path, where)
				if manualRoute {
					id = manualID
				}
				var delayProcess, delayPoint int64
				if strings.HasPrefix(rt.Path, "/admin/delay-notices/") {
					var caseID int64
					caseID, delayProcess, delayPoint = delayFixture(t, db, where, strings.Contains(rt.Path, "{id}"))
					if caseID != 0 {
						id = caseID
					}
					if strings.HasSuffix(rt.Path, "/letter") {
						delayLetterFixture(t, db, where, caseID)
					}
				}
				egovID, egovVersion := egovFixture(t, db, where, rt.Path)
				if egovID != 0 {
					id = egovID
				}
				fresh, _ := db.Agency(ctx, where.ID)
				path := manualRoutePath(db, strings.ReplaceAll(strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(id)), "{seq}", "1"), id)
				form := url.Values{"csrf": {"matrix-csrf"}, "agency": {fmt.Sprint(where.ID)}, "version": {fmt.Sprint(target.Version)},
					"reason": {"ทดสอบ"}, "name_th": {where.NameTH}, "type": {string(where.Type)}, "status": {"active"},
					"kind": {"counter"}, "visible": {"on"}}
				switch {
				case strings.HasSuffix(rt.Path, "/edit") && strings.HasPrefix(rt.Path, "/admin/agencies/"):
					form.Set("version", fmt.Sprint(fresh.Version))
				case strings.HasPrefix(rt.Path, "/admin/points/"):
					form.Set("version", "1")
				case strings.HasSuffix(rt.Path, "/new"):
					form.Set("name_th", "หน่วยงานย่อยใหม่")
					form.Set("type", "unit")
				}
				if manualRoute || strings.HasPrefix(rt.Path, "/admin/processes/") || strings.HasPrefix(rt.Path, "/admin/services/") {
					pt := &openinfo.ServicePoint{AgencyID: where.ID, NameTH: "จุดบริการที่ปักหมุด", Kind: openinfo.PointCounter, Visible: true}
					if err := db.CreateServicePoint(ctx, pt); err != nil {
						t.Fatal(err)
					}
					form.Set("version", "1")
					if strings.HasPrefix(rt.Path, "/admin/revisions/") {
						form.Set("version", "2") // the fixture saved the draft once
					}
					form.Set("name_th", "การขออนุญาตทดสอบ")
					form.Set("description", "รายละเอียดบริการ")
					form.Set("comment", "กรุณาแก้ไขขั้นตอน")
					form.Set("points", fmt.Sprint(pt.ID))
				}
				if strings.HasPrefix(rt.Path, "/admin/delay-notices/") {
					today := time.Now().In(thaitime.Bangkok)
					form.Set("ref", fmt.Sprintf("ขส. %d/2569", time.Now().UnixNano()%1000000))
					form.Set("point", fmt.Sprint(delayPoint))
					form.Set("process", fmt.Sprint(delayProcess))
					form.Set("applicant_name", "นางสมศรี มีสุข")
					form.Set("applicant_phone", "0891234567")
					form.Set("received_on", today.AddDate(0, 0, -30).Format("2006-01-02"))
					form.Set("due_on", today.AddDate(0, 0, -5).Format("2006-01-02"))
					form.Set("due_reason", "คู่มือไม่ระบุระยะเวลา")
					form.Set("number", "ชม 0001/1")
					form.Set("date", today.AddDate(0, 0, -1).Format("2006-01-02"))
					form.Set("reason", "รอผลตรวจสอบเอกสาร")
					form.Set("expected", today.AddDate(0, 0, 14).Format("2006-01-02"))
					form.Set("decision", string(openinfo.DecisionIssued))
					form.Set("decided_on", today.AddDate(0, 0, -1).Format("2006-01-02"))
					form.Set("told_on", today.Format("2006-01-02"))
					form.Set("version", "1")
				}
				if strings.HasPrefix(rt.Path, "/admin/egov") {
					form.Set("section", "10")
					form.Set("title", "ประกาศ เรื่อง ช่องทางอิเล็กทรอนิกส์")
					form.Set("signed_on", "1/3/2567")
					form.Set("version", fmt.Sprint(egovVersion))
				}
				if rt.Path == "/admin/compliance/settings" {
					set, err := db.EgovSettings(ctx)
					if err != nil {
						t.Fatal(err)
					}
					form.Set("version", fmt.Sprint(set.Version))
					form.Set("agency_types", "department")
					form.Set("deadline", "30/9/2569")
					form.Set("reminder_days", "14")
				}
				if strings.HasPrefix(rt.Path, "/admin/catalog") {
					form.Set("kind", "tag")
					form.Set("code", fmt.Sprintf("code-%d", time.Now().UnixNano()))
					form.Set("name_th", "ป้ายคำใหม่")
					form.Set("active", "1")
				}
				if rt.Path == "/admin/exports" {
					form.Set("format", "csv")
				}
				if rt.Path == "/admin/exports/{id}/download" && sub.user != nil {
					// A finished export of the officer's own: only its owner may
					// download it (another's is "not found", in TestRawRatingsExport).
					path = strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(finishedExport(t, db, sub.user.ID)))
				}
				if lid, ok := licenceRouteFixture(t, db, rt.Method, rt.Path, where, form); ok {
					path = strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(lid))
				}
				role := openinfo.RoleAuthor
				if sub.user != nil && sub.user.Role == openinfo.RoleAdmin && path == "/admin/tokens" {
					role = openinfo.RoleCentral
				}
				form.Set("role", string(role))
				var req *http.Request
				if rt.Method == "GET" {
					req, _ = http.NewRequest("GET", srv.URL+path+"?agency="+fmt.Sprint(where.ID), nil)
				} else if strings.HasSuffix(rt.Path, "/attachments") {
					req = uploadRequest(t, srv.URL+path, map[string]string{"csrf": form.Get("csrf"), "version": "2"})
				} else {
					req, _ = http.NewRequest("POST", srv.URL+path, strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				res, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				loc := res.Header.Get("Location")
				label := fmt.Sprintf("%s %s as %s in %s", rt.Method, rt.Path, sub.name, where.NameTH)
				switch {
				case sub.user == nil && rt.Method == "POST":
					// No session, so no form token: refused before anything else,
					// with what was typed shown to copy after signing in.
					if res.StatusCode != http.StatusUnauthorized {
						t.Errorf("%s: %d, want 401", label, res.StatusCode)
					}
				case sub.user == nil && rt.Path == "/admin":
					// The back office's door: a landing page with the sign-in button.
					if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `href="/admin/login"`) {
						t.Errorf("%s: %d, want the landing page", label, res.StatusCode)
					}
				case sub.user == nil:
					if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login?next=") {
						t.Errorf("%s: %d %q, want a redirect to login", label, res.StatusCode, loc)
					}
				case !sub.user.Bound():
					if res.StatusCode != http.StatusSeeOther || loc != "/admin/token" {
						t.Errorf("%s: %d %q, want a redirect to the token prompt", label, res.StatusCode, loc)
					}
				default:
					targetPath := ""
					if rt.Targeted {
						targetPath = where.Path
						if strings.HasPrefix(rt.Path, "/admin/users/{id}") {
							targetPath = target.AgencyPath
						}
					}
					allowed := openinfo.Can(sub.user.Officer(), rt.Action, targetPath) ||
						(rt.Action == openinfo.ActManageTokens && issuers.MayIssue(sub.user.Officer(), openinfo.RoleCentral, where))
					if allowed && res.StatusCode >= 400 {
						t.Errorf("%s: %d, want allowed\n%s%s", label, res.StatusCode, firstError(body), catalogErr(body))
					}
					if !allowed && res.StatusCode != http.StatusForbidden {
						t.Errorf("%s: %d, want 403", label, res.StatusCode)
					}
				}
			}
		}
	}
	// An agency's type and parent decide who issues its central-officer
	// tokens, so they change only by whoever issues them before and after
	// (openinfo.MayShape), never by the agency itself: a service point
	// officer who made their office a municipality handed it to the local
	// government department.
	for _, sub := range subjects[2:] {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(srv.URL + fmt.Sprintf("/admin/__as?user=%d", sub.user.ID))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		o := sub.user.Officer()
		for _, typ := range []openinfo.AgencyType{openinfo.AgencyMunicipality, openinfo.AgencyUnit, openinfo.AgencyDepartment} {
			for _, where := range []*openinfo.Agency{own, ownSub, foreign} {
				// A fresh agency of the same shape each time, so a change allowed once does not alter the next case.
				target := where
				if where.ParentID != 0 {
					target = mk(where.ParentID, "สำนักงานทดสอบ "+string(typ))
				}
				fresh, _ := db.Agency(ctx, target.ID)
				for _, rt := range []struct{ path, act string }{{"/admin/agencies/%d/edit", "edit"}, {"/admin/agencies/%d/new", "new"}} {
					form := url.Values{"csrf": {"matrix-csrf"}, "version": {fmt.Sprint(fresh.Version)}, "name_th": {fresh.NameTH},
						"type": {string(typ)}, "status": {"active"}}
					var allowed bool
					if rt.act == "edit" {
						to := *fresh
						to.Type = typ
						allowed = openinfo.Can(o, openinfo.ActEditAgency, fresh.Path) && issuers.MayShape(o, fresh, &to)
					} else {
						form.Set("name_th", "หน่วยงานย่อยทดสอบ "+string(typ))
						allowed = openinfo.Can(o, openinfo.ActCreateAgency, fresh.Path) &&
							issuers.MayShape(o, nil, &openinfo.Agency{Type: typ, Path: openinfo.NewAgencyPath(fresh.Path)})
					}
					res, err := c.PostForm(srv.URL+fmt.Sprintf(rt.path, fresh.ID), form)
					if err != nil {
						t.Fatal(err)
					}
					body, _ := io.ReadAll(res.Body)
					res.Body.Close()
					after, _ := db.Agency(ctx, fresh.ID)
					label := fmt.Sprintf("%s %s to %s as %s", rt.act, fresh.NameTH, typ, sub.name)
					switch {
					case allowed && res.StatusCode != http.StatusSeeOther:
						t.Errorf("%s: %d, want allowed\n%s%s", label, res.StatusCode, firstError(body), catalogErr(body))
					case !allowed && res.StatusCode != http.StatusForbidden:
						t.Errorf("%s: %d, want 403", label, res.StatusCode)
					case !allowed && after.Type != fresh.Type:
						t.Errorf("%s: refused, yet the type became %s", label, after.Type)
					}
					if rt.act == "edit" && allowed {
						fresh = after
					}
				}
			}
		}
	}
	// The cases above are not vacuous: some are allowed, most refused.
	o := subjects[len(subjects)-1].user.Officer() // the platform administrator
	if !issuers.MayShape(o, ownSub, &openinfo.Agency{Type: openinfo.AgencyMunicipality, Path: ownSub.Path}) {
		t.Fatal("the administrator may not retype an office")
	}

	if len(covered) != len(admin.Routes()) {
		t.Fatalf("covered %d of %d routes", len(covered), len(admin.Routes()))
	}
}

var errRe = regexp.MustCompile(`<section class="error">[\s\S]*?<p>([^<]*)</p>`)

func firstError(b []byte) string {
	if m := errRe.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}
