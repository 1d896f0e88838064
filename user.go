package openinfo

import "time"

// User is a person who signed in to the back office through OpenID Connect.
// They act only after a token has bound them to an agency and a role (OPDC
// officers and platform administrators are granted by an administrator).
type User struct {
	ID          int64
	Issuer      string // the OpenID provider that vouches for them
	Subject     string // their stable ID at that provider ("sub")
	Username    string
	GivenName   string
	FamilyName  string
	Phone       string
	Email       string // as the OpenID provider sent it at the last login; "" if none
	AgencyID    int64  // 0 until a token is redeemed
	Role        Role
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLoginAt time.Time

	// Read-only, filled by the store.
	AgencyPath   string
	AgencyNameTH string
	AgencyNameEN string
}

// FullName returns "given family", else the username, else the subject:
// never empty, as it names the actor in the audit log.
func (u *User) FullName() string {
	if n := cleanText(u.GivenName + " " + u.FamilyName); n != "" {
		return n
	}
	if n := cleanText(u.Username); n != "" {
		return n
	}
	return u.Subject
}

// Bound reports whether the user may act for an agency or globally.
func (u *User) Bound() bool {
	return u.Role.Valid() && (u.AgencyID != 0 || u.Role.Global())
}

// Officer is how authorization sees the user.
func (u *User) Officer() Officer {
	if u == nil {
		return Officer{}
	}
	return Officer{UserID: u.ID, Role: u.Role, AgencyID: u.AgencyID, AgencyPath: u.AgencyPath}
}

// IssuedToken is a token as the store keeps it: looked up by Hash, shown
// again to its issuer from Sealed (encrypted by the caller).
type IssuedToken struct {
	ID        int64
	Hash      string
	Sealed    string
	AgencyID  int64
	Role      Role
	IssuedBy  int64
	IssuedAt  time.Time
	ExpiresAt time.Time
	SpentAt   time.Time
	SpentBy   int64
	RevokedAt time.Time
}

// State returns what CheckRedeem needs.
func (t *IssuedToken) State() TokenState {
	return TokenState{AgencyID: t.AgencyID, Role: t.Role, ExpiresAt: t.ExpiresAt, SpentAt: t.SpentAt, Revoked: !t.RevokedAt.IsZero()}
}
