package openinfo

import (
	"slices"
	"strconv"
	"strings"
)

// Action is something an officer does in the back office. Can decides every
// one of them; handlers never test roles themselves.
type Action string

const (
	ActViewAdmin         Action = "admin.view"           // open the back office (its menu and dashboard)
	ActManageTokens      Action = "tokens.manage"        // see and refresh an agency's tokens (which roles: CanIssueRole)
	ActIssueCentralToken Action = "tokens.issue_central" // issue a central officer's token for an agency
	ActManageUsers       Action = "users.manage"         // search an agency's officers, change a role, remove from the agency
	ActEditAgency        Action = "agency.edit"          // edit an agency's names, profile, contact and status
	ActCreateAgency      Action = "agency.create"        // create a sub-agency under the target agency
	ActEditServicePoint  Action = "service_point.edit"   // create, edit, hide and map-pin an agency's service points
	ActViewAudit         Action = "audit.view"           // read the change history of an agency's data
	ActApproveOnboarding Action = "onboarding.approve"   // approve an agency's request to join the platform
	ActWriteManual       Action = "manual.write"         // write and revise an agency's citizen manuals
	ActReviewManual      Action = "manual.review"        // approve a citizen manual, step 1 (the agency's reviewer)
	ActApproveManualOPDC Action = "manual.approve_opdc"  // approve a citizen manual, step 2 (OPDC), which publishes it
	ActPinManual         Action = "manual.pin"           // link a manual to the service points that serve it
	ActEditService       Action = "service.edit"         // write and publish an agency's other services (no manual under the Act)
	ActManageCatalog     Action = "catalog.manage"       // keep the Service Catalog: categories, user groups, tags (OPDC)
	ActReportLicences    Action = "licence.report"       // report licences issued per period, ask to unlock a late report
	ActRecordDelay       Action = "delay.record"         // record a delay notice sent to an applicant
	ActRecordSection10   Action = "section10.record"     // record Section 10 announcements and Section 16 orders
	ActViewReports       Action = "reports.view"         // read and export summary reports
	ActUnlockReport      Action = "report.unlock"        // approve a request to unlock a locked licence report
	ActManageQuestions   Action = "questions.manage"     // make a new version of the satisfaction question set
	ActViewJobs          Action = "jobs.view"            // see the timed jobs: when each ran, how long, its last error
	ActSetReportingLevel Action = "licence.level"        // switch who reports an agency's licences: its service points or itself
	ActManageHolidays    Action = "holidays.manage"      // keep the holiday calendar the business-day rules count with
	ActViewDelays        Action = "delay.view"           // read the delay notices of an agency's applications (OPDC: every agency's)
	ActManageCompliance  Action = "compliance.manage"    // set who must record Sections 10 and 16, the deadline and reminders (OPDC)
)

// Actions lists every action with what it is in Thai and English, as a verb
// phrase that completes "ท่านไม่มีสิทธิ์…" and "You may not …".
var Actions = []struct {
	Action Action
	Text
}{
	{ActViewAdmin, Text{"ใช้งานระบบหลังบ้าน", "use the back office"}},
	{ActManageTokens, Text{"จัดการ Token ของหน่วยงาน", "manage agencies' tokens"}},
	{ActIssueCentralToken, Text{"ออก Token เจ้าหน้าที่ส่วนกลาง", "issue central officers' tokens"}},
	{ActManageUsers, Text{"จัดการผู้ใช้งานของหน่วยงาน", "manage agencies' users"}},
	{ActEditAgency, Text{"แก้ไขข้อมูลหน่วยงาน", "edit agencies"}},
	{ActCreateAgency, Text{"เพิ่มหน่วยงานในสังกัด", "add agencies under an agency"}},
	{ActEditServicePoint, Text{"แก้ไขจุดบริการ", "edit service points"}},
	{ActViewAudit, Text{"ดูประวัติการแก้ไขข้อมูล", "view the change history"}},
	{ActApproveOnboarding, Text{"อนุมัติคำขอเข้าร่วมใช้งานระบบ", "approve onboarding requests"}},
	{ActWriteManual, Text{"จัดทำคู่มือสำหรับประชาชน", "write citizen manuals"}},
	{ActReviewManual, Text{"รีวิวคู่มือสำหรับประชาชน (ขั้นที่ 1)", "review citizen manuals (step 1)"}},
	{ActApproveManualOPDC, Text{"อนุมัติคู่มือสำหรับประชาชน (ขั้นที่ 2 โดย ก.พ.ร.)", "approve citizen manuals (step 2, OPDC)"}},
	{ActPinManual, Text{"ปักหมุดคู่มือกับจุดบริการ", "pin manuals to service points"}},
	{ActEditService, Text{"จัดการบริการอื่นๆ ของหน่วยงาน", "edit agencies' other services"}},
	{ActManageCatalog, Text{"จัดการบัญชีบริการ (Service Catalog)", "manage the Service Catalog"}},
	{ActReportLicences, Text{"รายงานการออกใบอนุญาต", "report licences issued"}},
	{ActRecordDelay, Text{"บันทึกหนังสือแจ้งเรื่องล่าช้า", "record delay notices"}},
	{ActRecordSection10, Text{"บันทึกประกาศตามมาตรา 10 และคำสั่งตามมาตรา 16", "record Section 10 announcements and Section 16 orders"}},
	{ActViewReports, Text{"ดูรายงาน", "view reports"}},
	{ActUnlockReport, Text{"ปลดล็อครายงานการออกใบอนุญาต", "unlock licence reports"}},
	{ActManageQuestions, Text{"จัดการชุดคำถามประเมินความพึงพอใจ", "manage the satisfaction question sets"}},
	{ActViewJobs, Text{"ดูงานตามกำหนดเวลาของระบบ", "view the system's timed jobs"}},
	{ActSetReportingLevel, Text{"กำหนดระดับผู้รายงานผลการออกใบอนุญาต", "set who reports an agency's licences"}},
	{ActManageHolidays, Text{"จัดการปฏิทินวันหยุดราชการ", "manage the holiday calendar"}},
	{ActViewDelays, Text{"ดูหนังสือแจ้งเหตุล่าช้า", "read delay notices"}},
	{ActManageCompliance, Text{"ตั้งค่าการติดตามการดำเนินการตามมาตรา 10 และ 16", "set the follow-up of Sections 10 and 16"}},
}

// Label returns the action's verb phrase in lang.
func (a Action) Label(lang string) string {
	for _, x := range Actions {
		if x.Action == a {
			return x.In(lang)
		}
	}
	return string(a)
}

// roleGrants says which actions each role may take. Where: agency roles act only
// on their own agency and the agencies under it; OPDC and admin act on every
// agency. Nothing else grants anything.
//
//	action                 central  point  author  reviewer  OPDC  admin
//	ActViewAdmin              x       x      x        x        x     x
//	ActManageTokens           x                                      x
//	ActIssueCentralToken                                             x
//	ActManageUsers            x                                      x
//	ActEditAgency             x       x                              x
//	ActCreateAgency           x                                      x
//	ActEditServicePoint       x       x                              x
//	ActViewAudit              x                                x     x
//	ActApproveOnboarding                                             x
//	ActWriteManual                           x
//	ActReviewManual                                   x
//	ActApproveManualOPDC                                       x
//	ActPinManual              x       x      x                       x
//	ActEditService            x       x      x
//	ActManageCatalog                                           x
//	ActReportLicences         x       x                              x
//	ActRecordDelay            x       x                              x
//	ActRecordSection10        x                                      x
//	ActViewReports            x       x      x        x        x     x
//	ActUnlockReport                                            x     x
//	ActManageQuestions                                         x
//	ActViewJobs                                                      x
//	ActSetReportingLevel                                             x
//	ActManageHolidays                                                x
//	ActViewDelays             x       x                        x     x
//	ActManageCompliance                                        x
//
// Choices where GLOSSARY.md is silent: the platform admin takes no part in
// the content of manuals (neither approval step), so approval stays with the
// agency and OPDC as the Licensing Facilitation Act intends; a service point
// officer does not read the audit log (the central officer who manages users
// does); a reviewer does not pin manuals (pinning is the author's and the
// service points' work); Section 10 and 16 records are the agency's, kept by
// its central officer; the satisfaction question sets are OPDC's (the issue
// says so), not the platform administrator's; unlocks of late licence
// reports are OPDC's, with the platform administrator as before (issue 14);
// delay notices are read by the agency's central and service point officers
// and by OPDC, whose inbox the Act's copies go to, not by manual authors
// (the applicant's name and contact are in them); the follow-up of
// Sections 10 and 16 (who must comply, the deadline, reminders) is OPDC's,
// as its letter (seed 004) runs it.
var roleGrants = map[Role][]Action{
	RoleCentral: {ActViewAdmin, ActManageTokens, ActManageUsers, ActEditAgency, ActCreateAgency,
		ActEditServicePoint, ActViewAudit, ActPinManual, ActEditService, ActReportLicences, ActRecordDelay,
		ActRecordSection10, ActViewReports, ActViewDelays},
	RolePointOfficer: {ActViewAdmin, ActEditAgency, ActEditServicePoint, ActPinManual, ActEditService,
		ActReportLicences, ActRecordDelay, ActViewReports, ActViewDelays},
	RoleAuthor:   {ActViewAdmin, ActWriteManual, ActPinManual, ActEditService, ActViewReports},
	RoleReviewer: {ActViewAdmin, ActReviewManual, ActViewReports},
	RoleOPDC: {ActViewAdmin, ActApproveManualOPDC, ActManageCatalog, ActViewAudit, ActViewReports, ActManageQuestions,
		ActUnlockReport, ActViewDelays, ActManageCompliance},
	RoleAdmin: {ActViewAdmin, ActManageTokens, ActIssueCentralToken, ActManageUsers, ActEditAgency,
		ActCreateAgency, ActEditServicePoint, ActViewAudit, ActApproveOnboarding, ActPinManual,
		ActReportLicences, ActRecordDelay, ActRecordSection10, ActViewReports, ActUnlockReport, ActViewJobs,
		ActSetReportingLevel, ActManageHolidays, ActViewDelays},
}

// noAgencyActions may be checked without a target agency ("") by an agency
// role: opening the back office concerns no agency in particular. Every other
// action with no target means "across all agencies", which only global roles
// may do.
var noAgencyActions = map[Action]bool{ActViewAdmin: true}

// roleIssues says for which roles each role may issue tokens; see CanIssueRole.
var roleIssues = map[Role][]Role{
	RoleAdmin:   {RoleCentral},
	RoleCentral: {RolePointOfficer, RoleAuthor, RoleReviewer},
}

// Actions returns what the role may do, in the order of Actions, for the
// profile page ("rights held").
func (r Role) Actions() []Action {
	var out []Action
	for _, x := range Actions {
		if slices.Contains(roleGrants[r], x.Action) {
			out = append(out, x.Action)
		}
	}
	return out
}

// Officer is the signed-in user as authorization sees it.
type Officer struct {
	UserID     int64  // 0: nobody is signed in
	Role       Role   // "" until a token is redeemed
	AgencyID   int64  // 0 when not bound to an agency
	AgencyPath string // Path of the officer's agency, "/1/5/23/"; "" when not bound
}

// Can reports whether o may take act on the agency whose Path is targetPath
// ("" for an action that touches no agency, or all of them).
//
//   - Nobody signed in, or an agency role with no agency: nothing.
//   - OPDC and platform admin: the actions of their role, on any agency
//     and on none.
//   - Agency roles: the actions of their role, on their own agency and
//     the agencies under it (targetPath starts with their AgencyPath); with
//     no target, only ActViewAdmin.
//
// It fails closed: a malformed path, or an AgencyPath that does not end in
// AgencyID, allows nothing.
func Can(o Officer, act Action, targetPath string) bool {
	return authzCheck(o, act, targetPath) == denyNone
}

// Authorize is Can as an error: nil, or an *Error with code EUNAUTHORIZED
// when nobody is signed in or the officer has not yet joined an agency, and
// EFORBIDDEN otherwise, saying what was refused and why.
func Authorize(o Officer, act Action, targetPath string) error {
	th, en := act.Label("th"), act.Label("en")
	forbidden := func(th, en string) error { return &Error{Code: EFORBIDDEN, TH: th, EN: en} }
	switch authzCheck(o, act, targetPath) {
	case denyNone:
		return nil
	case denySignedOut:
		return &Error{Code: EUNAUTHORIZED,
			TH: "กรุณาเข้าสู่ระบบด้วย Digital ID",
			EN: "Please log in with Digital ID."}
	case denyUnbound:
		return &Error{Code: EUNAUTHORIZED,
			TH: "บัญชีของท่านยังไม่ได้ผูกกับหน่วยงาน กรุณากรอกรหัส Token 15 หลัก ที่ได้รับจากเจ้าหน้าที่ส่วนกลางของหน่วยงาน",
			EN: "Your account does not belong to an agency yet. Enter the 15-digit token your agency's central officer gave you."}
	case denyRole:
		return forbidden(
			"ท่านไม่มีสิทธิ์"+th+" (บทบาทของท่าน: "+o.Role.Label("th")+")",
			"You may not "+en+" (your role: "+o.Role.Label("en")+").")
	case denyOutside:
		return forbidden(
			"หน่วยงานนี้อยู่นอกสังกัดของท่าน ท่าน"+th+"ได้เฉพาะในหน่วยงานของท่านและหน่วยงานในสังกัดเท่านั้น",
			"That agency is not yours: you may "+en+" only in your own agency and the agencies under it.")
	case denyNoTarget:
		return forbidden(
			"ท่าน"+th+"ได้เฉพาะในหน่วยงานของท่านและหน่วยงานในสังกัด กรุณาเลือกหน่วยงาน",
			"You may "+en+" only in your own agency and the agencies under it; choose an agency.")
	default: // denyBroken
		return forbidden("ท่านไม่มีสิทธิ์"+th, "You may not "+en+".")
	}
}

// CanIssueRole reports whether o may issue a token that binds someone to
// role in the agency whose Path is targetPath. The platform admin issues
// central officers' tokens for any agency; a central officer issues tokens
// for the other agency roles (service point officer, author, reviewer) in its
// own agency and the agencies under it, never central, OPDC or admin tokens;
// nobody else issues tokens. OPDC and admin accounts are never made from
// tokens.
func CanIssueRole(o Officer, role Role, targetPath string) bool {
	if targetPath == "" || !slices.Contains(roleIssues[o.Role], role) {
		return false
	}
	act := ActManageTokens
	if role == RoleCentral {
		act = ActIssueCentralToken
	}
	return Can(o, act, targetPath)
}

// authzDeny is why authzCheck refused.
type authzDeny int

const (
	denyNone      authzDeny = iota // allowed
	denySignedOut                  // no user
	denyUnbound                    // an agency role with no agency
	denyRole                       // the role does not grant the action
	denyOutside                    // the target is outside the officer's subtree
	denyNoTarget                   // an agency role asked for all agencies
	denyBroken                     // a malformed path or an inconsistent officer
)

func authzCheck(o Officer, act Action, target string) authzDeny {
	switch {
	case o.UserID <= 0:
		return denySignedOut
	case !o.Role.Global() && o.AgencyID == 0:
		return denyUnbound
	case !slices.Contains(roleGrants[o.Role], act):
		return denyRole
	case target != "" && agencyPathID(target) == 0:
		return denyBroken
	case o.Role.Global():
		return denyNone
	case agencyPathID(o.AgencyPath) != o.AgencyID:
		return denyBroken
	case target == "":
		if noAgencyActions[act] {
			return denyNone
		}
		return denyNoTarget
	case !strings.HasPrefix(target, o.AgencyPath):
		return denyOutside
	}
	return denyNone
}

// agencyPathID returns the last ID of a well-formed agency path
// ("/1/5/23/" → 23), and 0 for anything else: an empty path, a missing
// slash, an empty, non-numeric, zero or zero-padded segment. Both ends
// being "/" is what makes the prefix test exact: "/1/5/" is not a prefix
// of "/1/55/".
func agencyPathID(p string) int64 {
	if len(p) < 3 || p[0] != '/' || p[len(p)-1] != '/' {
		return 0
	}
	var id int64
	for seg := range strings.SplitSeq(p[1:len(p)-1], "/") {
		if seg == "" || seg[0] == '0' {
			return 0
		}
		n, err := strconv.ParseInt(seg, 10, 64)
		if err != nil || n <= 0 || strconv.FormatInt(n, 10) != seg {
			return 0
		}
		id = n
	}
	return id
}
