package openinfo

import "strings"

// IssuerCategory says who issues an agency's first central-officer token
// (seed 004 "การขอ Token 15 หลัก": three categories of issuer).
type IssuerCategory string

const (
	// IssuerPlatform: the platform administrator (DGA Contact Center) for
	// central agencies, provinces, state enterprises, public organisations,
	// state universities and other state bodies.
	IssuerPlatform IssuerCategory = "platform"
	// IssuerParent: a central officer of a parent agency, for regional
	// offices (ส่วนราชการส่วนภูมิภาค) and units under it.
	IssuerParent IssuerCategory = "parent"
	// IssuerLocalDept: a central officer of the Department of Local
	// Administration (กรมส่งเสริมการปกครองท้องถิ่น), for local governments.
	IssuerLocalDept IssuerCategory = "local_dept"
)

// TokenIssuers is the configurable policy of who issues central-officer tokens.
type TokenIssuers struct {
	ByType map[AgencyType]IssuerCategory
	// LocalDeptPath is the Path of the Department of Local Administration
	// ("" when it is not in the directory: then only the platform issues).
	LocalDeptPath string
}

// DefaultTokenIssuers follows seed 004.
func DefaultTokenIssuers() TokenIssuers {
	return TokenIssuers{ByType: map[AgencyType]IssuerCategory{
		AgencyMinistry: IssuerPlatform, AgencyDepartment: IssuerPlatform, AgencyProvince: IssuerPlatform,
		AgencyStateEnterprise: IssuerPlatform, AgencyPublicOrg: IssuerPlatform, AgencyUniversity: IssuerPlatform,
		AgencyOther: IssuerPlatform, AgencySpecialLocal: IssuerPlatform,
		AgencyRegionalOffice: IssuerParent, AgencyDistrict: IssuerParent, AgencyUnit: IssuerParent,
		AgencyPAO: IssuerLocalDept, AgencyMunicipality: IssuerLocalDept, AgencySAO: IssuerLocalDept,
	}}
}

// Category returns who issues central tokens for an agency of type t.
func (p TokenIssuers) Category(t AgencyType) IssuerCategory {
	if c, ok := p.ByType[t]; ok {
		return c
	}
	return IssuerPlatform
}

// MayIssue reports whether o may issue a token for role in agency a (its Type
// and Path). Agency roles follow CanIssueRole. A central officer's token is
// issued by the platform administrator for any agency, and also, per the
// agency's category, by a central officer of a parent agency (strictly
// above it) or of the Department of Local Administration.
func (p TokenIssuers) MayIssue(o Officer, role Role, a *Agency) bool {
	if a == nil || a.Path == "" {
		return false
	}
	if role != RoleCentral {
		return CanIssueRole(o, role, a.Path)
	}
	if CanIssueRole(o, role, a.Path) { // the platform administrator
		return true
	}
	if o.Role != RoleCentral || !Can(o, ActManageTokens, o.AgencyPath) {
		return false
	}
	switch p.Category(a.Type) {
	case IssuerParent:
		return a.Path != o.AgencyPath && strings.HasPrefix(a.Path, o.AgencyPath)
	case IssuerLocalDept:
		return p.LocalDeptPath != "" && o.AgencyPath == p.LocalDeptPath
	}
	return false
}

// MayShape reports whether o may give an agency its type and its place in
// the tree. from is the agency as it is (nil while it is being created); to
// is the agency as it would be: its Type and its Path (for a new agency, the
// parent's Path followed by any id, see NewAgencyPath). The type and the
// parent decide who issues the agency's central-officer tokens, so only
// someone who issues them both before and after the change may make it: an
// agency never hands itself to another issuer, and nobody takes an agency
// out of another issuer's hands (seed 004).
func (p TokenIssuers) MayShape(o Officer, from, to *Agency) bool {
	if to == nil {
		return false
	}
	if from != nil && from.Type == to.Type && from.Path == to.Path {
		return true // names, contact and status are the agency's own business
	}
	if from != nil && !p.MayIssue(o, RoleCentral, from) {
		return false
	}
	return p.MayIssue(o, RoleCentral, to)
}

// NewAgencyPath stands for the Path of an agency not yet created under
// parentPath: its id is not known, and any id gives the same answers to
// MayIssue and MayShape, which look only at what lies above it.
func NewAgencyPath(parentPath string) string {
	if parentPath == "" {
		parentPath = "/"
	}
	return parentPath + "9223372036854775807/"
}
