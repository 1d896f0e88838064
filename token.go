package openinfo

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"time"
)

// An officer token (รหัส Token 15 หลัก, GLOSSARY.md "Access") is a one-time
// code that binds a Digital ID user to an agency and a role at the first
// login. A central officer copies it from "จัดการ Token" and gives it to one
// person, often by reading it out over the phone; "Refresh" issues the next
// one and revokes the last.
//
// A token has 15 digits, the first one 1–9, so a spreadsheet never turns it
// into a 14-digit number: 9·10^14 values, about 50 bits. That is plenty
// against guessing online (redemption is rate-limited and a token is spent on
// first use) but not against an offline search of a stolen database, so the
// database keeps only HashToken(secret, token), keyed with a secret that lives
// outside it.

// tokenLen is the number of digits in a token.
const tokenLen = 15

// NewToken returns a new random token: 15 digits from crypto/rand, the first
// 1–9 and the others 0–9, each uniform. A byte is kept only when it is below
// 250 (a multiple of 10), so b%10 has no modulo bias; for the first digit a
// kept byte whose b%10 is 0 is dropped too, leaving 1–9 uniform.
func NewToken() (string, error) {
	out := make([]byte, 0, tokenLen)
	var buf [32]byte
	for len(out) < tokenLen {
		if _, err := rand.Read(buf[:]); err != nil {
			return "", err
		}
		for _, b := range buf {
			if b >= 250 {
				continue
			}
			d := b % 10
			if len(out) == 0 && d == 0 {
				continue
			}
			out = append(out, '0'+d)
			if len(out) == tokenLen {
				break
			}
		}
	}
	return string(out), nil
}

// ParseToken checks a token as an officer types it and returns its 15 ASCII
// digits. Spaces, dashes and Thai digits are accepted, so
// "123 456 789 012 345" and "๑๒๓-๔๕๖-..." both work.
func ParseToken(s string) (string, error) {
	d, ok := cleanIdentifier(s, false)
	switch {
	case !ok:
		return "", Errorf(EINVALID,
			"รหัส Token มีเฉพาะตัวเลข 15 หลัก ไม่มีตัวอักษรหรือสัญลักษณ์อื่น",
			"The token is 15 digits; it has no letters or other symbols.")
	case d == "":
		return "", Errorf(EINVALID,
			"กรุณากรอกรหัส Token 15 หลัก ที่ได้รับจากเจ้าหน้าที่ส่วนกลางของหน่วยงาน",
			"Enter the 15-digit token you were given by your agency's central officer.")
	case len(d) != tokenLen:
		return "", Errorf(EINVALID,
			"รหัส Token ต้องมี 15 หลัก แต่กรอกมา %d หลัก",
			"The token has 15 digits, but %d were entered.", len(d))
	case d[0] == '0':
		return "", Errorf(EINVALID,
			"รหัส Token ไม่ขึ้นต้นด้วยเลข 0 กรุณาตรวจสอบตัวเลขอีกครั้ง",
			"A token never starts with 0; check the digits again.")
	}
	return d, nil
}

// FormatToken groups a token in threes for reading aloud:
// "123 456 789 012 345". Anything else is returned unchanged.
func FormatToken(t string) string {
	if !isDigits(t, tokenLen) {
		return t
	}
	return t[0:3] + " " + t[3:6] + " " + t[6:9] + " " + t[9:12] + " " + t[12:15]
}

// HashToken returns the hex HMAC-SHA256 of token under the server's secret;
// the database stores this, never the token. A token that ParseToken accepts
// is hashed in its canonical form, so "123 456 ..." and "123456..." hash
// alike. The secret must be at least 32 random bytes kept outside the
// database (an environment variable or a secrets file): with it the 50 bits
// of a token cannot be searched offline from a database dump.
func HashToken(secret []byte, token string) string {
	if t, err := ParseToken(token); err == nil {
		token = t
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// TokenHashEqual compares two token hashes in constant time.
func TokenHashEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// TokenState is what the store knows about an issued token.
type TokenState struct {
	AgencyID  int64     // the agency the token binds to
	Role      Role      // the role it grants
	ExpiresAt time.Time // zero: it does not expire
	SpentAt   time.Time // when it was redeemed; zero while unused
	Revoked   bool      // replaced by a newer token ("Refresh")
}

// Errors of CheckRedeem. They are values so callers and tests can tell them
// apart with errors.Is; do not modify them.
var (
	// ErrAlreadyBound: the user already belongs to an agency.
	ErrAlreadyBound = &Error{Code: ECONFLICT,
		TH: "บัญชีของท่านผูกกับหน่วยงานอยู่แล้ว หากย้ายหน่วยงาน กรุณาให้เจ้าหน้าที่ส่วนกลางของหน่วยงานเดิมนำบัญชีของท่านออกก่อน แล้วจึงกรอกรหัส Token ใหม่",
		EN: "Your account already belongs to an agency. To move to another agency, ask a central officer of your current agency to remove you first, then enter the new token."}
	// ErrTokenSpent: the token was redeemed before.
	ErrTokenSpent = &Error{Code: EINVALID,
		TH: "Token นี้ถูกใช้ไปแล้ว Token ใช้ได้ครั้งเดียว กรุณาขอ Token ใหม่จากผู้ที่ให้ Token แก่ท่าน",
		EN: "This token has already been used, and a token works only once. Ask whoever gave it to you for a new one."}
	// ErrTokenRevoked: a newer token was issued in its place.
	ErrTokenRevoked = &Error{Code: EINVALID,
		TH: "Token นี้ถูกยกเลิกแล้ว เพราะมีการออก Token ใหม่แทน (Refresh) กรุณาขอ Token ล่าสุดจากผู้ที่ให้ Token แก่ท่าน",
		EN: "This token was cancelled because a newer one was issued in its place (Refresh). Ask whoever gave it to you for the latest token."}
	// ErrTokenExpired: the token is past its expiry time.
	ErrTokenExpired = &Error{Code: EINVALID,
		TH: "Token นี้หมดอายุแล้ว กรุณาขอ Token ใหม่จากผู้ที่ให้ Token แก่ท่าน",
		EN: "This token has expired. Ask whoever gave it to you for a new one."}
	// ErrTokenBroken: the stored token names no agency or an impossible role;
	// a bug or a damaged row, never the user's fault.
	ErrTokenBroken = &Error{Code: EINTERNAL,
		TH: "Token นี้มีข้อมูลไม่สมบูรณ์ กรุณาแจ้งผู้ที่ให้ Token แก่ท่านเพื่อออก Token ใหม่",
		EN: "This token's record is incomplete. Ask whoever gave it to you to issue a new one."}
)

// CheckRedeem decides whether a user may redeem a token now; the caller has
// already found the token by its hash (ENOTFOUND when there is none) and
// marks it spent in the same transaction that binds the user.
//
// The user's own state is checked first: a user who already belongs to an
// agency gets ErrAlreadyBound whatever the token, since a new token would not
// help them. Then, in order: ErrTokenSpent, ErrTokenRevoked, ErrTokenExpired
// (expired at ExpiresAt exactly). A token for no agency or for a global role
// (OPDC, admin: those accounts are not made from tokens) is ErrTokenBroken.
func CheckRedeem(t TokenState, now time.Time, userHasAgency bool) error {
	switch {
	case t.AgencyID <= 0 || !t.Role.Valid() || t.Role.Global():
		return ErrTokenBroken
	case userHasAgency:
		return ErrAlreadyBound
	case !t.SpentAt.IsZero():
		return ErrTokenSpent
	case t.Revoked:
		return ErrTokenRevoked
	case !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt):
		return ErrTokenExpired
	}
	return nil
}
