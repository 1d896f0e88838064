package openinfo

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// wantGrants is the table of authz.go written out again, independently of
// the roleGrants map: one row per action, one column per role, in the order
// central, point officer, author, reviewer, OPDC, admin.
var wantGrants = map[Action]string{
	ActViewAdmin:         "x x x x x x",
	ActManageTokens:      "x . . . . x",
	ActIssueCentralToken: ". . . . . x",
	ActManageUsers:       "x . . . . x",
	ActEditAgency:        "x x . . . x",
	ActCreateAgency:      "x . . . . x",
	ActEditServicePoint:  "x x . . . x",
	ActViewAudit:         "x . . . x x",
	ActApproveOnboarding: ". . . . . x",
	ActWriteManual:       ". . x . . .",
	ActReviewManual:      ". . . x . .",
	ActApproveManualOPDC: ". . . . x .",
	ActPinManual:         "x x x . . x",
	ActEditService:       "x x x . . .",
	ActManageCatalog:     ". . . . x .",
	ActReportLicences:    "x x . . . x",
	ActRecordDelay:       "x x . . . x",
	ActRecordSection10:   "x . . . . x",
	ActViewReports:       "x x x x x x",
	ActUnlockReport:      ". . . . x x",
	ActManageQuestions:   ". . . . x .",
	ActViewJobs:          ". . . . . x",
	ActSetReportingLevel: ". . . . . x",
	ActManageHolidays:    ". . . . . x",
	ActViewDelays:        "x x . . x x",
	ActManageCompliance:  ". . . . x .",
}

var tableRoles = []Role{RoleCentral, RolePointOfficer, RoleAuthor, RoleReviewer, RoleOPDC, RoleAdmin}

func wantGranted(t *testing.T, r Role, a Action) bool {
	t.Helper()
	row, ok := wantGrants[a]
	if !ok {
		t.Fatalf("action %q is missing from wantGrants", a)
	}
	i := slices.Index(tableRoles, r)
	if i < 0 {
		return false
	}
	return strings.Fields(row)[i] == "x"
}

// The agency tree of the tests: ministry 1 holds departments 5 and 6 (and 55,
// whose path shares a prefix with 5's as a string); 23 is a unit of 5, 230 a
// unit of 23.
const (
	pathMinistry = "/1/"
	pathOwn      = "/1/5/"
	pathSub      = "/1/5/23/"
	pathSubSub   = "/1/5/23/230/"
	pathForeign  = "/1/6/"
	pathLookLike = "/1/55/"
)

func testOfficer(r Role) Officer {
	if r.Global() {
		return Officer{UserID: 7, Role: r} // OPDC and DGA staff need no agency
	}
	return Officer{UserID: 7, Role: r, AgencyID: 5, AgencyPath: pathOwn}
}

func TestActionsAndRolesAreListed(t *testing.T) {
	if len(wantGrants) != len(Actions) {
		t.Errorf("wantGrants has %d actions, Actions %d", len(wantGrants), len(Actions))
	}
	seen := map[Action]bool{}
	for _, a := range Actions {
		if seen[a.Action] || a.TH == "" || a.EN == "" || a.Action.Label("th") != a.TH || a.Action.Label("en") != a.EN {
			t.Errorf("action %q: repeated or badly labelled", a.Action)
		}
		seen[a.Action] = true
		wantGranted(t, RoleAdmin, a.Action) // fails when the action is missing from wantGrants
	}
	for r, acts := range roleGrants {
		if !r.Valid() {
			t.Errorf("roleGrants names unknown role %q", r)
		}
		for _, a := range acts {
			if !seen[a] {
				t.Errorf("roleGrants gives %s the unlisted action %q", r, a)
			}
		}
	}
	if len(Roles) != len(tableRoles) {
		t.Errorf("Roles has %d roles, the test table %d", len(Roles), len(tableRoles))
	}
	for _, r := range tableRoles {
		if !r.Valid() || r.Label("th") == string(r) || r.Label("en") == string(r) || r.Label("th") == r.Label("en") {
			t.Errorf("role %q: not valid or badly labelled", r)
		}
	}
	if Role("").Valid() || Role("root").Valid() || Role("root").Label("th") != "root" {
		t.Error("unknown roles pass as valid")
	}
	if Action("x.y").Label("en") != "x.y" {
		t.Error("an unknown action's label is not its name")
	}
}

func TestRoleGlobal(t *testing.T) {
	for _, r := range tableRoles {
		want := r == RoleOPDC || r == RoleAdmin
		if r.Global() != want {
			t.Errorf("%s.Global() = %v, want %v", r, r.Global(), want)
		}
	}
	if Role("").Global() {
		t.Error(`Role("").Global()`)
	}
}

func TestRoleActions(t *testing.T) {
	for _, r := range tableRoles {
		var want []Action
		for _, a := range Actions {
			if wantGranted(t, r, a.Action) {
				want = append(want, a.Action)
			}
		}
		if got := r.Actions(); !slices.Equal(got, want) {
			t.Errorf("%s.Actions() = %v, want %v", r, got, want)
		}
	}
	if got := Role("").Actions(); got != nil {
		t.Errorf(`Role("").Actions() = %v`, got)
	}
}

// TestCan checks every role × action × target: the officer's own agency, an
// agency under it (two levels), a foreign agency (a sibling, a sibling whose
// path looks alike, the parent) and no agency.
func TestCan(t *testing.T) {
	targets := []struct {
		name, path string
		inside     bool // within the subtree of agency 5
	}{
		{"own agency", pathOwn, true},
		{"sub-agency", pathSub, true},
		{"sub-sub-agency", pathSubSub, true},
		{"foreign agency", pathForeign, false},
		{"look-alike path", pathLookLike, false},
		{"parent agency", pathMinistry, false},
		{"no agency", "", false},
	}
	for _, r := range tableRoles {
		o := testOfficer(r)
		for _, a := range Actions {
			for _, tg := range targets {
				want := wantGranted(t, r, a.Action)
				if !r.Global() {
					want = want && (tg.inside || (tg.path == "" && a.Action == ActViewAdmin))
				}
				name := fmt.Sprintf("%s %s on %s", r, a.Action, tg.name)
				if got := Can(o, a.Action, tg.path); got != want {
					t.Errorf("%s: Can = %v, want %v", name, got, want)
				}
				err := Authorize(o, a.Action, tg.path)
				if (err == nil) != want {
					t.Errorf("%s: Authorize = %v, want allowed=%v", name, err, want)
				}
				if err != nil && ErrorCode(err) != EFORBIDDEN {
					t.Errorf("%s: Authorize code %q, want %q", name, ErrorCode(err), EFORBIDDEN)
				}

				// Unbound: the same role with no agency can do nothing, and is
				// told to redeem a token. Global roles are never unbound.
				if r.Global() {
					continue
				}
				u := Officer{UserID: 7, Role: r}
				if Can(u, a.Action, tg.path) {
					t.Errorf("%s, unbound: allowed", name)
				}
				if err := Authorize(u, a.Action, tg.path); ErrorCode(err) != EUNAUTHORIZED {
					t.Errorf("%s, unbound: Authorize = %v, want %s", name, err, EUNAUTHORIZED)
				}
			}
		}
	}
}

func TestCanFailsClosed(t *testing.T) {
	central := testOfficer(RoleCentral)
	admin := testOfficer(RoleAdmin)
	tests := []struct {
		name   string
		o      Officer
		act    Action
		target string
		want   bool
		code   string
	}{
		{"signed out", Officer{}, ActViewAdmin, "", false, EUNAUTHORIZED},
		{"signed out with a role", Officer{Role: RoleAdmin}, ActViewAdmin, "", false, EUNAUTHORIZED},
		{"just logged in, no token yet", Officer{UserID: 7}, ActViewAdmin, "", false, EUNAUTHORIZED},
		{"no role, bound", Officer{UserID: 7, AgencyID: 5, AgencyPath: pathOwn}, ActViewAdmin, pathOwn, false, EFORBIDDEN},
		{"unknown role", Officer{UserID: 7, Role: "root", AgencyID: 5, AgencyPath: pathOwn}, ActEditAgency, pathOwn, false, EFORBIDDEN},
		{"unknown action", central, "agency.delete", pathOwn, false, EFORBIDDEN},
		{"empty action", admin, "", "", false, EFORBIDDEN},
		{"bound but no path", Officer{UserID: 7, Role: RoleCentral, AgencyID: 5}, ActEditAgency, pathOwn, false, EFORBIDDEN},
		{"bound to /", Officer{UserID: 7, Role: RoleCentral, AgencyID: 5, AgencyPath: "/"}, ActEditAgency, pathForeign, false, EFORBIDDEN},
		{"path of another agency", Officer{UserID: 7, Role: RoleCentral, AgencyID: 5, AgencyPath: pathMinistry}, ActEditAgency, pathForeign, false, EFORBIDDEN},
		{"path without last slash", Officer{UserID: 7, Role: RoleCentral, AgencyID: 5, AgencyPath: "/1/5"}, ActEditAgency, pathLookLike, false, EFORBIDDEN},
		{"negative agency", Officer{UserID: 7, Role: RoleCentral, AgencyID: -5, AgencyPath: "/1/-5/"}, ActEditAgency, "/1/-5/", false, EFORBIDDEN},
		{"target without last slash", central, ActEditAgency, "/1/5/23", false, EFORBIDDEN},
		{"target with a dot segment", central, ActEditAgency, "/1/5/../6/", false, EFORBIDDEN},
		{"target with an empty segment", central, ActEditAgency, "/1/5//", false, EFORBIDDEN},
		{"target zero-padded", central, ActEditAgency, "/1/5/023/", false, EFORBIDDEN},
		{"target /", admin, ActEditAgency, "/", false, EFORBIDDEN},
		{"admin, malformed target", admin, ActEditAgency, "1/5/", false, EFORBIDDEN},
		{"admin, huge id", admin, ActEditAgency, "/99999999999999999999/", false, EFORBIDDEN},
		{"admin, any agency", admin, ActEditAgency, pathForeign, true, ""},
		{"admin bound somewhere, any agency", Officer{UserID: 7, Role: RoleAdmin, AgencyID: 6, AgencyPath: pathForeign}, ActEditAgency, pathOwn, true, ""},
		{"OPDC, reports of all agencies", testOfficer(RoleOPDC), ActViewReports, "", true, ""},
		{"central, reports of all agencies", central, ActViewReports, "", false, EFORBIDDEN},
		{"central bound to a root agency", Officer{UserID: 7, Role: RoleCentral, AgencyID: 1, AgencyPath: pathMinistry}, ActEditAgency, pathSubSub, true, ""},
	}
	for _, tt := range tests {
		if got := Can(tt.o, tt.act, tt.target); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
		err := Authorize(tt.o, tt.act, tt.target)
		if ErrorCode(err) != tt.code {
			t.Errorf("%s: Authorize = %v (code %q), want code %q", tt.name, err, ErrorCode(err), tt.code)
		}
	}
}

func TestAuthorizeMessages(t *testing.T) {
	tests := []struct {
		name   string
		o      Officer
		act    Action
		target string
		th, en string
	}{
		{"signed out", Officer{}, ActViewAdmin, "", "เข้าสู่ระบบ", "log in"},
		{"unbound", Officer{UserID: 7, Role: RoleAuthor}, ActWriteManual, pathOwn, "รหัส Token 15 หลัก", "15-digit token"},
		{"role", testOfficer(RoleAuthor), ActManageTokens, pathOwn,
			"ท่านไม่มีสิทธิ์จัดการ Token ของหน่วยงาน (บทบาทของท่าน: เจ้าหน้าที่จัดทำคู่มือ)",
			"You may not manage agencies' tokens (your role: Manual author)."},
		{"outside", testOfficer(RoleCentral), ActEditAgency, pathForeign,
			"หน่วยงานนี้อยู่นอกสังกัดของท่าน ท่านแก้ไขข้อมูลหน่วยงานได้เฉพาะ",
			"you may edit agencies only in your own agency"},
		{"no target", testOfficer(RoleCentral), ActViewReports, "",
			"ท่านดูรายงานได้เฉพาะในหน่วยงานของท่านและหน่วยงานในสังกัด กรุณาเลือกหน่วยงาน",
			"choose an agency"},
		{"broken", testOfficer(RoleCentral), ActEditAgency, "/1/5", "ท่านไม่มีสิทธิ์แก้ไขข้อมูลหน่วยงาน", "You may not edit agencies."},
	}
	for _, tt := range tests {
		err := Authorize(tt.o, tt.act, tt.target)
		if th := ErrorMessage(err, "th"); !strings.Contains(th, tt.th) {
			t.Errorf("%s: Thai %q lacks %q", tt.name, th, tt.th)
		}
		if en := ErrorMessage(err, "en"); !strings.Contains(en, tt.en) {
			t.Errorf("%s: English %q lacks %q", tt.name, en, tt.en)
		}
		if strings.Contains(err.Error(), "%!") {
			t.Errorf("%s: badly formatted %q", tt.name, err.Error())
		}
	}
}

func TestCanIssueRole(t *testing.T) {
	targets := []struct {
		name, path string
		inside     bool
	}{
		{"own agency", pathOwn, true},
		{"sub-agency", pathSub, true},
		{"foreign agency", pathForeign, false},
		{"look-alike path", pathLookLike, false},
		{"no agency", "", false},
	}
	// issuer → roles it may issue; the target rules follow.
	wantIssue := map[Role][]Role{
		RoleAdmin:   {RoleCentral},
		RoleCentral: {RolePointOfficer, RoleAuthor, RoleReviewer},
	}
	for _, issuer := range tableRoles {
		for _, role := range append(slices.Clone(tableRoles), "", "root") {
			for _, tg := range targets {
				want := slices.Contains(wantIssue[issuer], role) && tg.path != "" && (issuer.Global() || tg.inside)
				if got := CanIssueRole(testOfficer(issuer), role, tg.path); got != want {
					t.Errorf("%s issues %q on %s: %v, want %v", issuer, role, tg.name, got, want)
				}
				if CanIssueRole(Officer{UserID: 7, Role: issuer}, role, tg.path) && !issuer.Global() {
					t.Errorf("unbound %s issues %q on %s", issuer, role, tg.name)
				}
				if CanIssueRole(Officer{Role: issuer, AgencyID: 5, AgencyPath: pathOwn}, role, tg.path) {
					t.Errorf("signed-out %s issues %q on %s", issuer, role, tg.name)
				}
			}
		}
	}
}

func TestAgencyPathID(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"/1/", 1},
		{"/1/5/23/", 23},
		{"/9223372036854775807/", 9223372036854775807},
		{"", 0},
		{"/", 0},
		{"//", 0},
		{"/1", 0},
		{"1/", 0},
		{"/1//2/", 0},
		{"/0/", 0},
		{"/01/", 0},
		{"/-1/", 0},
		{"/+1/", 0},
		{"/1a/", 0},
		{"/ 1/", 0},
		{"/9223372036854775808/", 0},
		{"/1/๒/", 0},
	}
	for _, tt := range tests {
		if got := agencyPathID(tt.in); got != tt.want {
			t.Errorf("agencyPathID(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
