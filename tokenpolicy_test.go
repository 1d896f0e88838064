package openinfo

import "testing"

func TestTokenIssuers(t *testing.T) {
	p := DefaultTokenIssuers()
	p.LocalDeptPath = "/4/12/"
	admin := Officer{UserID: 1, Role: RoleAdmin}
	moiCentral := Officer{UserID: 2, Role: RoleCentral, AgencyID: 4, AgencyPath: "/4/"}
	dlaCentral := Officer{UserID: 3, Role: RoleCentral, AgencyID: 12, AgencyPath: "/4/12/"}
	dolCentral := Officer{UserID: 4, Role: RoleCentral, AgencyID: 8, AgencyPath: "/4/8/"}
	dolPoint := Officer{UserID: 5, Role: RolePointOfficer, AgencyID: 8, AgencyPath: "/4/8/"}
	dept := &Agency{ID: 8, Type: AgencyDepartment, Path: "/4/8/"}
	office := &Agency{ID: 11, Type: AgencyRegionalOffice, Path: "/4/8/11/"}
	sao := &Agency{ID: 41, Type: AgencySAO, Path: "/41/"}
	bma := &Agency{ID: 34, Type: AgencySpecialLocal, Path: "/34/"}
	tests := []struct {
		name string
		o    Officer
		role Role
		a    *Agency
		want bool
	}{
		{"admin issues a department's central token", admin, RoleCentral, dept, true},
		{"admin issues any central token", admin, RoleCentral, sao, true},
		{"a ministry's central officer may not issue its department's", moiCentral, RoleCentral, dept, false},
		{"a department issues its regional office's central token", dolCentral, RoleCentral, office, true},
		{"but not its own", dolCentral, RoleCentral, dept, false},
		{"a foreign department may not", dlaCentral, RoleCentral, office, false},
		{"DLA issues a local government's", dlaCentral, RoleCentral, sao, true},
		{"another department may not issue a local government's", dolCentral, RoleCentral, sao, false},
		{"BMA is the platform's", dlaCentral, RoleCentral, bma, false},
		{"a point officer issues nothing", dolPoint, RoleCentral, office, false},
		{"agency roles follow CanIssueRole", dolCentral, RoleAuthor, office, true},
		{"no agency", admin, RoleCentral, nil, false},
	}
	for _, tt := range tests {
		if got := p.MayIssue(tt.o, tt.role, tt.a); got != tt.want {
			t.Errorf("%s: MayIssue = %v, want %v", tt.name, got, tt.want)
		}
	}
	// Without DLA in the directory only the platform issues local governments' tokens.
	p.LocalDeptPath = ""
	if p.MayIssue(dlaCentral, RoleCentral, sao) {
		t.Error("DLA issued without being configured")
	}
}
