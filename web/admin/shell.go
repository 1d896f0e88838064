package admin

import (
	"net/http"
	"slices"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The back office's frame: every page shows the menu of what the officer
// may do, breadcrumbs, who they are and where, sign-out, and what their
// last change did. A new page declares its menu entry here (when it has
// one) and its permission in the route table; the frame follows.

// menuEntry is an entry of the menu, shown to whoever may take its action.
type menuEntry struct {
	Label  string // interface text key
	Href   string
	Action openinfo.Action
	// Under are the other paths of its section (breadcrumbs, highlight).
	Under []string
	// AgencyOnly: only for officers of an agency (a global role picks an
	// agency elsewhere).
	AgencyOnly bool
}

var menu = []menuEntry{
	{Label: "admin.tasks", Href: "/admin/tasks", Action: openinfo.ActViewAdmin},
	{Label: "admin.manuals", Href: "/admin/manuals", Action: openinfo.ActViewAdmin, Under: []string{"/admin/processes", "/admin/revisions"}},
	{Label: "admin.services", Href: "/admin/services", Action: openinfo.ActViewAdmin},
	{Label: "summary.title", Href: "/admin/summary", Action: openinfo.ActViewReports, Under: []string{"/admin/exports"}},
	{Label: "delays.admin", Href: "/admin/delay-notices", Action: openinfo.ActViewDelays},
	{Label: "egova.admin", Href: "/admin/egov", Action: openinfo.ActViewAudit},
	{Label: "comp.title", Href: "/admin/compliance", Action: openinfo.ActManageCompliance},
	{Label: "admin.agencies", Href: "/admin/agencies", Action: openinfo.ActViewAdmin, Under: []string{"/admin/points"}, AgencyOnly: true},
	{Label: "admin.tokens", Href: "/admin/tokens", Action: openinfo.ActManageTokens},
	{Label: "admin.users", Href: "/admin/users", Action: openinfo.ActManageUsers},
	{Label: "poster.menu", Href: "/admin/posters", Action: openinfo.ActEditServicePoint, AgencyOnly: true},
	{Label: "report.ratings", Href: "/admin/reports/ratings", Action: openinfo.ActViewReports, Under: []string{"/admin/reports"}},
	{Label: "lic.title", Href: "/admin/licence-reports", Action: openinfo.ActReportLicences},
	{Label: "lsum.title", Href: "/admin/licence-reports/summary", Action: openinfo.ActViewReports},
	{Label: "unl.title", Href: "/admin/licence-unlocks", Action: openinfo.ActUnlockReport},
	{Label: "admin.catalog", Href: "/admin/catalog", Action: openinfo.ActManageCatalog},
	{Label: "questions.title", Href: "/admin/questions", Action: openinfo.ActManageQuestions},
	{Label: "onboard.admin", Href: "/admin/onboarding", Action: openinfo.ActApproveOnboarding},
	{Label: "hol.title", Href: "/admin/holidays", Action: openinfo.ActManageHolidays},
	{Label: "audit.title", Href: "/admin/audit", Action: openinfo.ActViewAudit},
	{Label: "admin.jobs", Href: "/admin/jobs", Action: openinfo.ActViewJobs},
}

// visible reports whether the officer may use the entry: its action on
// their own agency, or across all agencies for a global role.
func (e menuEntry) visible(o openinfo.Officer) bool {
	if e.AgencyOnly && o.AgencyID == 0 {
		return false
	}
	return openinfo.Can(o, e.Action, o.AgencyPath)
}

// within reports whether path is in the entry's section.
func (e menuEntry) within(path string) bool {
	for _, p := range append([]string{e.Href}, e.Under...) {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

const sessFlash = "flash"

// Shell is the frame of a back-office page for whoever is signed in (nil
// for nobody: the page then has the public frame).
func (s *Admin) Shell(r *http.Request, title string) *ui.Shell {
	u := currentUser(r.Context())
	if u == nil || s.sessions == nil {
		return nil
	}
	ctx := r.Context()
	sh := &ui.Shell{User: u, CSRF: s.sessions.GetString(ctx, sessCSRF)}
	if !u.Bound() {
		return sh // the token prompt: nothing to offer yet
	}
	lang := ui.LangFrom(r)
	o := u.Officer()
	for _, e := range menu {
		if !e.visible(o) {
			continue
		}
		in := e.within(r.URL.Path)
		sh.Menu = append(sh.Menu, ui.MenuItem{Label: ui.T(lang, e.Label), Href: e.Href, Current: in})
		if in && r.URL.Path != "/admin" {
			sh.Crumbs = []ui.Crumb{{Label: ui.T(lang, "admin.title"), Href: "/admin"}}
			if label := ui.T(lang, e.Label); label != title {
				sh.Crumbs = append(sh.Crumbs, ui.Crumb{Label: label, Href: e.Href})
			}
		}
	}
	if sh.Crumbs == nil && r.URL.Path != "/admin" {
		sh.Crumbs = []ui.Crumb{{Label: ui.T(lang, "admin.title"), Href: "/admin"}}
	}
	if r.Method == http.MethodGet {
		sh.Flash = s.sessions.PopString(ctx, sessFlash)
	}
	return sh
}

// flashes name what a change did, by route; any other change that succeeds
// says it was saved.
var flashes = map[string]string{
	"POST /admin/revisions/{id}/attachments": "admin.flash.attached",
	"POST /admin/users/{id}/remove":          "admin.flash.removed",
	"POST /admin/users/{id}/role":            "admin.flash.role",
	"POST /admin/processes/{id}/revisions":   "admin.flash.revise",
}

// selfTold are the query parameters of a page that says itself what the
// change did (?saved=1, ?done=submit, ?issued=…).
var selfTold = []string{"saved=", "done=", "issued="}

// flashAfterChange leaves the officer a message when a form they sent
// succeeded: the back office answers a successful POST with a redirect
// (303) to the page to show next, where the frame shows the message once.
// A page that says so itself (selfTold) needs none; signing in and out is
// not a change.
func (s *Admin) flashAfterChange(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || currentUser(r.Context()) == nil {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&flashWriter{ResponseWriter: w, r: r, s: s}, r)
	})
}

type flashWriter struct {
	http.ResponseWriter
	r     *http.Request
	s     *Admin
	wrote bool
}

func (f *flashWriter) WriteHeader(code int) {
	if !f.wrote {
		f.wrote = true
		loc := f.Header().Get("Location")
		switch f.r.URL.Path {
		case "/admin/logout", "/admin/token":
		default:
			if code == http.StatusSeeOther && !slices.ContainsFunc(selfTold, func(p string) bool { return strings.Contains(loc, p) }) {
				key := flashes[f.r.Pattern]
				if key == "" {
					key = "admin.saved"
				}
				f.s.sessions.Put(f.r.Context(), sessFlash, ui.T(ui.LangFrom(f.r), key))
			}
		}
	}
	f.ResponseWriter.WriteHeader(code)
}

func (f *flashWriter) Write(b []byte) (int, error) {
	if !f.wrote {
		f.WriteHeader(http.StatusOK)
	}
	return f.ResponseWriter.Write(b)
}

func (f *flashWriter) Unwrap() http.ResponseWriter { return f.ResponseWriter }

func init() {
	ui.AddMessages(map[string][2]string{
		"admin.flash.attached": {"แนบไฟล์เรียบร้อยแล้ว", "The file was attached."},
		"admin.flash.role":     {"เปลี่ยนสิทธิ์ผู้ใช้งานเรียบร้อยแล้ว", "The user's role was changed."},
		"admin.flash.revise":   {"เปิดฉบับแก้ไขใหม่แล้ว แก้ไขแล้วกดบันทึก", "A new revision is open: edit it and save."},
		"admin.flash.removed":  {"นำผู้ใช้งานออกจากหน่วยงานแล้ว", "The user was removed from the agency."},
		"admin.crumbs":         {"ตำแหน่งของหน้านี้", "Where you are"},
		"admin.landing.intro": {"ระบบจัดการข้อมูลสำหรับเจ้าหน้าที่หน่วยงาน: จัดทำคู่มือสำหรับประชาชน ดูแลหน่วยงานและจุดบริการ และดูรายงาน เข้าสู่ระบบด้วยบัญชี Digital ID ของท่าน",
			"The back office for agencies' officers: write citizen manuals, keep agencies and service points current, read reports. Sign in with your Digital ID account."},
		"admin.landing.login": {"เข้าสู่ระบบ", "Sign in"},
		"admin.landing.first": {"เข้าใช้งานครั้งแรก: หลังเข้าสู่ระบบ ระบบจะขอรหัส Token 15 หลักเพื่อผูกบัญชีของท่านกับหน่วยงานและสิทธิ์ เจ้าหน้าที่ส่วนกลางติดต่อขอรับ Token ที่ DGA Contact Center เจ้าหน้าที่หน่วยงานหรือจุดบริการติดต่อขอรับ Token ที่เจ้าหน้าที่ส่วนกลางต้นสังกัด",
			"The first time: after you sign in, you enter the 15-digit token that binds your account to your agency and role. Central officers get theirs from the DGA Contact Center; agency and service point officers from their agency's central officer."},
		"admin.landing.noid": {"ยังไม่มีบัญชี Digital ID? ลงทะเบียนได้ที่หน้าเข้าสู่ระบบ", "No Digital ID account yet? Register on the sign-in page."},
	})
}
