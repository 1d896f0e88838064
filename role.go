package openinfo

// Role is what an officer does in the back office (สิทธิ์ / บทบาทผู้ใช้,
// GLOSSARY.md "People and roles"). An officer holds one role in one agency;
// what each role may do is the table in authz.go.
type Role string

const (
	RoleCentral      Role = "central_officer"       // เจ้าหน้าที่ส่วนกลาง: runs an agency and its subtree, issues tokens, manages users
	RolePointOfficer Role = "service_point_officer" // เจ้าหน้าที่จุดบริการ: keeps a unit's service points, reports licences and delays
	RoleAuthor       Role = "manual_author"         // เจ้าหน้าที่จัดทำคู่มือ: writes citizen manuals
	RoleReviewer     Role = "manual_reviewer"       // เจ้าหน้าที่รีวิวคู่มือ: approves manuals, step 1
	RoleOPDC         Role = "opdc_officer"          // เจ้าหน้าที่ ก.พ.ร.: approves manuals, step 2; sees every agency
	RoleAdmin        Role = "platform_admin"        // ผู้ดูแลระบบ (DGA): onboarding, central officers' tokens, unlocks
)

// Roles lists every role with its Thai and English names, from the agency's
// own roles to the platform-wide ones.
var Roles = []struct {
	Role Role
	Text
}{
	{RoleCentral, Text{"เจ้าหน้าที่ส่วนกลาง", "Central officer"}},
	{RolePointOfficer, Text{"เจ้าหน้าที่จุดบริการ", "Service point officer"}},
	{RoleAuthor, Text{"เจ้าหน้าที่จัดทำคู่มือ", "Manual author"}},
	{RoleReviewer, Text{"เจ้าหน้าที่รีวิวคู่มือ", "Manual reviewer"}},
	{RoleOPDC, Text{"เจ้าหน้าที่ ก.พ.ร.", "OPDC officer"}},
	{RoleAdmin, Text{"ผู้ดูแลระบบ (DGA)", "Platform administrator (DGA)"}},
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x.Role == r {
			return true
		}
	}
	return false
}

// Label returns the role's name in lang ("th" or "en").
func (r Role) Label(lang string) string {
	for _, x := range Roles {
		if x.Role == r {
			return x.In(lang)
		}
	}
	return string(r)
}

// Global reports whether the role acts on every agency rather than on one
// agency's subtree: OPDC officers and platform administrators. Their
// accounts are not made by redeeming a token.
func (r Role) Global() bool {
	return r == RoleOPDC || r == RoleAdmin
}
