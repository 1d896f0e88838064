package openinfo

import "testing"

func TestPinScope(t *testing.T) {
	dept, office, other := "/1/", "/1/5/", "/2/"
	point := Officer{UserID: 1, Role: RolePointOfficer, AgencyID: 5, AgencyPath: office}
	central := Officer{UserID: 2, Role: RoleCentral, AgencyID: 1, AgencyPath: dept}
	reviewer := Officer{UserID: 3, Role: RoleReviewer, AgencyID: 5, AgencyPath: office}
	opdc := Officer{UserID: 4, Role: RoleOPDC}
	admin := Officer{UserID: 5, Role: RoleAdmin}
	for _, c := range []struct {
		name      string
		o         Officer
		owner     string
		published bool
		scope     string
		ok        bool
	}{
		{"the department's central officer, its own manual", central, dept, false, dept, true},
		{"the department's central officer, its office's manual", central, office, false, office, true},
		{"a point officer, the department's published manual: their office only", point, dept, true, office, true},
		{"a point officer, the department's unpublished manual", point, dept, false, "", false},
		{"a point officer, their own office's manual", point, office, false, office, true},
		{"a point officer, another department's manual", point, other, true, "", false},
		{"a reviewer does not pin, even from below", reviewer, dept, true, "", false},
		{"OPDC does not pin", opdc, dept, true, "", false},
		{"the platform administrator pins across the owner's subtree", admin, dept, false, dept, true},
		{"nobody", Officer{}, dept, true, "", false},
		{"a malformed path", point, "/1", true, "", false},
	} {
		scope, ok := PinScope(c.o, c.owner, c.published)
		if scope != c.scope || ok != c.ok {
			t.Errorf("%s: %q %v, want %q %v", c.name, scope, ok, c.scope, c.ok)
		}
	}
}
