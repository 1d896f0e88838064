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

func TestMayShape(t *testing.T) {
	p := DefaultTokenIssuers()
	p.LocalDeptPath = "/4/12/"
	admin := Officer{UserID: 1, Role: RoleAdmin}
	dlaCentral := Officer{UserID: 3, Role: RoleCentral, AgencyID: 12, AgencyPath: "/4/12/"}
	dolCentral := Officer{UserID: 4, Role: RoleCentral, AgencyID: 8, AgencyPath: "/4/8/"}
	officeCentral := Officer{UserID: 6, Role: RoleCentral, AgencyID: 11, AgencyPath: "/4/8/11/"}
	officePoint := Officer{UserID: 5, Role: RolePointOfficer, AgencyID: 11, AgencyPath: "/4/8/11/"}
	dept := &Agency{ID: 8, Type: AgencyDepartment, Path: "/4/8/"}
	office := &Agency{ID: 11, Type: AgencyRegionalOffice, Path: "/4/8/11/"}
	as := func(a *Agency, t AgencyType) *Agency { b := *a; b.Type = t; return &b }
	tests := []struct {
		name     string
		o        Officer
		from, to *Agency
		want     bool
	}{
		{"the office's own point officer may not make it a municipality", officePoint, office, as(office, AgencyMunicipality), false},
		{"nor may its own central officer", officeCentral, office, as(office, AgencyMunicipality), false},
		{"nor may it make itself a department", officeCentral, office, as(office, AgencyDepartment), false},
		{"the parent department may not hand it to DLA", dolCentral, office, as(office, AgencyMunicipality), false},
		{"DLA may not take it", dlaCentral, office, as(office, AgencyMunicipality), false},
		{"the parent department may make it a unit", dolCentral, office, as(office, AgencyUnit), true},
		{"the platform administrator may", admin, office, as(office, AgencyMunicipality), true},
		{"a department may not retype itself", dolCentral, dept, as(dept, AgencyMinistry), false},
		{"the administrator retypes a root", admin, dept, as(dept, AgencyMinistry), true},
		{"an unchanged type and place need no issuer", officePoint, office, as(office, AgencyRegionalOffice), true},
		{"moving under another parent is a change", dolCentral, office, &Agency{Type: AgencyRegionalOffice, Path: "/4/12/11/"}, false},
		{"a department creates a regional office", dolCentral, nil, &Agency{Type: AgencyRegionalOffice, Path: NewAgencyPath(dept.Path)}, true},
		{"but not a municipality", dolCentral, nil, &Agency{Type: AgencyMunicipality, Path: NewAgencyPath(dept.Path)}, false},
		{"DLA creates a municipality under itself", dlaCentral, nil, &Agency{Type: AgencyMunicipality, Path: NewAgencyPath("/4/12/")}, true},
		{"the administrator creates a root", admin, nil, &Agency{Type: AgencyDepartment, Path: NewAgencyPath("")}, true},
		{"nothing to shape", admin, office, nil, false},
	}
	for _, tt := range tests {
		if got := p.MayShape(tt.o, tt.from, tt.to); got != tt.want {
			t.Errorf("%s: MayShape = %v, want %v", tt.name, got, tt.want)
		}
	}
}
