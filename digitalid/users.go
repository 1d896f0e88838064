package digitalid

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	openinfo "github.com/openinfo/openinfo"
)

// NewUser is a person to register directly (demo data, tests). The fields are
// checked as the registration pages check them.
type NewUser struct {
	CitizenID, GivenName, FamilyName string
	BirthDate                        time.Time
	LaserCode                        string // checked for format only; not stored
	Username, Password, Mobile       string
}

type user struct {
	ID                    int64
	Sub                   string
	CitizenID             string
	GivenName, FamilyName string
	BirthDate             string // YYYY-MM-DD (CE)
	Username              string
	PasswordHash          string
	Mobile                string // E.164
}

// CreateUser registers u and returns its subject identifier, a stable random
// ID that is not the citizen ID.
func (p *Provider) CreateUser(ctx context.Context, u NewUser) (string, error) {
	var v validation
	cid, _ := parseField(&v, "citizen_id", u.CitizenID, openinfo.ParseCitizenID)
	given, family := strings.TrimSpace(u.GivenName), strings.TrimSpace(u.FamilyName)
	checkName(&v, "given_name", given)
	checkName(&v, "family_name", family)
	if u.BirthDate.IsZero() || u.BirthDate.After(p.now()) || u.BirthDate.Year() < 1900 {
		v.add("birth_date", msgBirthDateInvalid)
	}
	parseField(&v, "laser_code", u.LaserCode, openinfo.ParseLaserCode)
	username := strings.ToLower(strings.TrimSpace(u.Username))
	checkUsername(&v, username)
	checkPassword(&v, "password", u.Password, username)
	mobile, _ := parseField(&v, "mobile", u.Mobile, parseMobileE164)
	if err := v.err(); err != nil {
		return "", err
	}
	hash, err := p.hashPassword(ctx, u.Password, -1) // demo data and tests: wait as long as ctx allows
	if err != nil {
		return "", err
	}
	return p.insertUser(ctx, &user{
		CitizenID: cid, GivenName: given, FamilyName: family, BirthDate: u.BirthDate.Format(time.DateOnly),
		Username: username, PasswordHash: hash, Mobile: mobile,
	})
}

// insertUser stores u with a new sub; a taken citizen ID or user name is a
// conflict on that field.
func (p *Provider) insertUser(ctx context.Context, u *user) (string, error) {
	if err := p.checkUnique(ctx, u.CitizenID, u.Username); err != nil {
		return "", err
	}
	u.Sub = randomID()
	now := p.nowUTC()
	_, err := p.db.ExecContext(ctx, `INSERT INTO did_users (sub, citizen_id, given_name, family_name, birth_date, username, password_hash, mobile, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
		u.Sub, u.CitizenID, u.GivenName, u.FamilyName, u.BirthDate, u.Username, u.PasswordHash, u.Mobile, now)
	if err != nil {
		// A race with another registration of the same person or name.
		if err := p.checkUnique(ctx, u.CitizenID, u.Username); err != nil {
			return "", err
		}
		return "", err
	}
	return u.Sub, nil
}

func (p *Provider) checkUnique(ctx context.Context, citizenID, username string) error {
	var v validation
	var n int
	if err := p.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM did_users WHERE citizen_id = $1`, citizenID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		v.add("citizen_id", msgCitizenIDTaken)
	}
	if username != "" {
		if err := p.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM did_users WHERE username = $1`, username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			v.add("username", msgUsernameTaken)
		}
	}
	if err := v.err(); err != nil {
		err.Code = openinfo.ECONFLICT
		return err
	}
	return nil
}

const userColumns = `id, sub, citizen_id, given_name, family_name, birth_date, username, password_hash, mobile`

func scanUser(row *sql.Row) (*user, error) {
	var u user
	err := row.Scan(&u.ID, &u.Sub, &u.CitizenID, &u.GivenName, &u.FamilyName, &u.BirthDate, &u.Username, &u.PasswordHash, &u.Mobile)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound{"user"}
	}
	return &u, err
}

func (p *Provider) userBySub(ctx context.Context, sub string) (*user, error) {
	return scanUser(p.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM did_users WHERE sub = $1`, sub))
}

func (p *Provider) userByUsername(ctx context.Context, username string) (*user, error) {
	return scanUser(p.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM did_users WHERE username = $1`, strings.ToLower(strings.TrimSpace(username))))
}

// setPassword stores hash (from p.hashPassword) as sub's password.
func (p *Provider) setPassword(ctx context.Context, sub, hash string) error {
	_, err := p.db.ExecContext(ctx, `UPDATE did_users SET password_hash = $1, updated_at = $2 WHERE sub = $3`, hash, p.nowUTC(), sub)
	if err != nil {
		return err
	}
	// A new password ends every session of the user.
	_, err = p.db.ExecContext(ctx, `DELETE FROM did_sessions WHERE sub = $1`, sub)
	return err
}

// Passwords are hashed with argon2id (RFC 9106) using OWASP's recommended
// minimum (19 MiB, 2 passes, 1 lane) and kept as a PHC string:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// Each argon2id computation takes argonMemory, so at most hashSlots run at
// once (runtime.NumCPU(): more would only queue for the CPU while holding
// their memory). A request waits up to hashWait for a slot and is then told
// to try again, so a burst of logins cannot pile up memory.
const defaultHashWait = 2 * time.Second

// errBusy: no hashing slot came free in time.
var errBusy = errors.New("password hashing busy")

// acquireHash takes a hashing slot, waiting up to wait (negative: as long as
// ctx allows; zero: not at all). The caller calls releaseHash.
func (p *Provider) acquireHash(ctx context.Context, wait time.Duration) error {
	select {
	case p.hashSlots <- struct{}{}:
		return nil
	default:
	}
	if wait == 0 {
		return errBusy
	}
	p.hashWaiting.Add(1)
	defer p.hashWaiting.Add(-1)
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case p.hashSlots <- struct{}{}:
		return nil
	case <-timeout:
		return errBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Provider) releaseHash() { <-p.hashSlots }

// inHashSlot runs fn in a hashing slot.
func (p *Provider) inHashSlot(ctx context.Context, wait time.Duration, fn func()) error {
	if err := p.acquireHash(ctx, wait); err != nil {
		return err
	}
	defer p.releaseHash()
	if p.hashHook != nil {
		p.hashHook()
	}
	fn()
	return nil
}

// hashPassword hashes pw in a hashing slot (see acquireHash for wait).
func (p *Provider) hashPassword(ctx context.Context, pw string, wait time.Duration) (string, error) {
	var h string
	err := p.inHashSlot(ctx, wait, func() { h = hashPassword(pw) })
	return h, err
}

// checkPassword verifies pw against encoded in a hashing slot, waiting up to
// p.hashWait; errBusy when none came free.
func (p *Provider) checkPassword(ctx context.Context, encoded, pw string) (bool, error) {
	var ok bool
	err := p.inHashSlot(ctx, p.hashWait, func() { ok = verifyPassword(encoded, pw) })
	return ok, err
}

func hashPassword(pw string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	h := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(h))
}

// dummyHash is verified against when the user does not exist, so that a
// login takes as long whether or not the name is registered.
var dummyHash = hashPassword("not a real password, only for timing")

func verifyPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var m, t uint32
	var par uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &par); err != nil || m > 1<<21 || t > 16 || par == 0 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, par, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// randomID returns 128 random bits in hex.
func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// randomToken returns 256 random bits for cookies.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is what the database keeps of a cookie's bearer value.
func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}
