package digitalid

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"time"

	openinfo "github.com/openinfo/openinfo"
)

// One-time passwords: 6 digits, valid 5 minutes, used once, at most 5 wrong
// tries each; a new code at most once a minute and 5 an hour per flow, and 10
// an hour per mobile number.
const (
	otpTTL          = 5 * time.Minute
	otpMaxTries     = 5
	otpResendGap    = time.Minute
	otpPerFlowHour  = 5
	otpPerMobileHr  = 10
	purposeRegister = "register"
	purposeReset    = "reset"
)

// Failed logins and OTP tries are limited per user name and per client IP,
// counted in did_attempts so every node sees them. A password login is
// limited per (user name, address) and per address; per user name alone
// only more slowly (loginPerAccount in accountWindow), and not at all from a
// device the user logged in from before (see knownDevice), so failures from
// elsewhere cannot lock a user out.
const (
	limitWindow     = 15 * time.Minute
	loginPerUser    = 5 // per (user name, address); and password reset starts per user name
	loginPerIP      = 20
	loginPerAccount = 20
	accountWindow   = time.Hour
	otpFailuresIP   = 20
	kindLogin       = "login"
	kindOTP         = "otp"
	kindResetStart  = "reset"
)

func (p *Provider) otpHash(purpose, ref, code string) string {
	return p.mac("otp", purpose, ref, code)
}

func randomDigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		b[i] = byte('0' + d.Int64())
	}
	return string(b)
}

func randomLetters(n int) string {
	b := make([]byte, n)
	for i := range b {
		d, _ := rand.Int(rand.Reader, big.NewInt(26))
		b[i] = byte('A' + d.Int64())
	}
	return string(b)
}

// sendOTP makes a code for (purpose, ref) and texts it to mobile. It returns
// the reference shown beside the code, or a user error when the resend limits
// say to wait.
func (p *Provider) sendOTP(ctx context.Context, purpose, ref, mobile string, lang string) (string, error) {
	now := p.nowUTC()
	rows, err := p.db.QueryContext(ctx, `SELECT created_at FROM did_otps WHERE purpose = $1 AND ref = $2 AND created_at > $3 ORDER BY created_at DESC`,
		purpose, ref, now.Add(-time.Hour))
	if err != nil {
		return "", err
	}
	var recent []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return "", err
		}
		recent = append(recent, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	wait := time.Time{}
	if len(recent) > 0 && now.Sub(recent[0]) < otpResendGap {
		wait = recent[0].Add(otpResendGap)
	}
	if len(recent) >= otpPerFlowHour {
		wait = recent[otpPerFlowHour-1].Add(time.Hour)
	}
	var perMobile int
	if err := p.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM did_otps WHERE mobile = $1 AND created_at > $2`, mobile, now.Add(-time.Hour)).Scan(&perMobile); err != nil {
		return "", err
	}
	if perMobile >= otpPerMobileHr && wait.IsZero() {
		wait = now.Add(time.Hour)
	}
	if !wait.IsZero() {
		return "", userErr(openinfo.EFORBIDDEN, atTime(msgOTPWait, wait))
	}
	code := randomDigits(6)
	refCode := randomLetters(4)
	p.db.ExecContext(ctx, `DELETE FROM did_otps WHERE expires_at < $1`, now.Add(-24*time.Hour))
	if _, err := p.db.ExecContext(ctx, `INSERT INTO did_otps (purpose, ref, mobile, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		purpose, ref, mobile, p.otpHash(purpose, ref, code), now, now.Add(otpTTL)); err != nil {
		return "", err
	}
	text := fmt.Sprintf("รหัส OTP Digital ID ของท่านคือ %s (รหัสอ้างอิง %s) ใช้ได้ภายใน 5 นาที ห้ามบอกรหัสนี้แก่ผู้อื่น / Your Digital ID code is %s (ref %s), valid 5 minutes. Do not share it.",
		code, refCode, code, refCode)
	if err := p.sms.SendSMS(ctx, mobile, text); err != nil {
		p.log.ErrorContext(ctx, "send SMS", "error", err)
		return "", userErr(openinfo.EINTERNAL, msgOTPSendFailed)
	}
	return refCode, nil
}

// verifyOTP checks code against the newest code of (purpose, ref) and uses it
// up. Failures are user errors on the "otp" field.
//
// Both limits are taken before the code is compared, as for passwords: the
// address's failures through reserve, the code's tries by one UPDATE that
// only succeeds while tries are left. Checked first and counted after, a
// burst of parallel guesses would all pass the check.
func (p *Provider) verifyOTP(ctx context.Context, ip, purpose, ref, code string) error {
	fieldErr := func(m msg) error {
		var v validation
		v.add("otp", m)
		return v.err()
	}
	if len(code) != 6 {
		return fieldErr(msgOTPFormat)
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return fieldErr(msgOTPFormat)
		}
	}
	reserved, until, blocked, err := p.reserve(ctx, kindOTP, attemptLimit{"ip:" + ip, otpFailuresIP, 0})
	if err != nil {
		return err
	}
	if blocked {
		return fieldErr(atTime(msgLocked, until))
	}
	ok := false
	defer func() {
		if ok { // only failures count against the address
			p.release(ctx, reserved)
		}
	}()
	var id int64
	var hash string
	var attempts int
	var exp time.Time
	var used sql.NullTime
	err = p.db.QueryRowContext(ctx, `SELECT id, code_hash, attempts, expires_at, used_at FROM did_otps WHERE purpose = $1 AND ref = $2 ORDER BY id DESC LIMIT 1`,
		purpose, ref).Scan(&id, &hash, &attempts, &exp, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return fieldErr(msgOTPNone)
	}
	if err != nil {
		return err
	}
	switch {
	case used.Valid:
		return fieldErr(msgOTPUsed)
	case !p.nowUTC().Before(exp):
		return fieldErr(msgOTPExpired)
	}
	// Take one of the code's tries; none left, no comparison.
	res, err := p.db.ExecContext(ctx, `UPDATE did_otps SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 AND used_at IS NULL`, id, otpMaxTries)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fieldErr(msgOTPTooMany)
	}
	if err := p.db.QueryRowContext(ctx, `SELECT attempts FROM did_otps WHERE id = $1`, id).Scan(&attempts); err != nil {
		return err
	}
	if !hmac.Equal([]byte(hash), []byte(p.otpHash(purpose, ref, code))) {
		left := otpMaxTries - attempts
		if left <= 0 {
			return fieldErr(msgOTPTooMany)
		}
		return fieldErr(msgOTPWrong.format(left))
	}
	res, err = p.db.ExecContext(ctx, `UPDATE did_otps SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, p.nowUTC(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fieldErr(msgOTPUsed) // used at the same moment by another request
	}
	ok = true
	return nil
}

// attemptLimit is one counter of failed attempts: its key, how many fit in
// the window, and the window (zero: limitWindow).
type attemptLimit struct {
	key    string
	limit  int
	window time.Duration
}

func (l attemptLimit) span() time.Duration {
	if l.window == 0 {
		return limitWindow
	}
	return l.window
}

// anyBlocked reports the first of limits that is exhausted, and until when.
func (p *Provider) anyBlocked(ctx context.Context, kind string, limits ...attemptLimit) (time.Time, bool, error) {
	for _, l := range limits {
		until, blocked, err := p.blockedUntil(ctx, kind, l, 0)
		if err != nil || blocked {
			return until, blocked, err
		}
	}
	return time.Time{}, false, nil
}

// blockedUntil reports whether l's key has l.limit failures of kind within
// its window, not counting the row except (0: none), and when the oldest of
// them stops counting.
func (p *Provider) blockedUntil(ctx context.Context, kind string, l attemptLimit, except int64) (time.Time, bool, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT at FROM did_attempts WHERE kind = $1 AND key = $2 AND at > $3 AND id <> $4 ORDER BY at DESC LIMIT $5`,
		kind, l.key, p.nowUTC().Add(-l.span()), except, l.limit)
	if err != nil {
		return time.Time{}, false, err
	}
	defer rows.Close()
	var ts []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return time.Time{}, false, err
		}
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, false, err
	}
	if len(ts) < l.limit {
		return time.Time{}, false, nil
	}
	return ts[l.limit-1].Add(l.span()), true, nil
}

// reserve counts an attempt against every limit before it is made, and
// reports the first limit it exceeds (its rows then removed again). Counting
// first and recording after the slow password check let a burst of parallel
// attempts all pass the check; here each request's row is in the table
// before it counts, so of any number of concurrent ones at most limit see
// themselves within it. The rows stay as failures; a successful or
// unanswered attempt takes them back with release.
func (p *Provider) reserve(ctx context.Context, kind string, limits ...attemptLimit) (ids []int64, until time.Time, blocked bool, err error) {
	now := p.nowUTC()
	p.db.ExecContext(ctx, `DELETE FROM did_attempts WHERE at < $1`, now.Add(-24*time.Hour))
	for _, l := range limits {
		var id int64
		if err := p.db.QueryRowContext(ctx, `INSERT INTO did_attempts (kind, key, at) VALUES ($1, $2, $3) RETURNING id`, kind, l.key, now).Scan(&id); err != nil {
			p.release(ctx, ids)
			return nil, time.Time{}, false, err
		}
		ids = append(ids, id)
		until, blocked, err := p.blockedUntil(ctx, kind, l, id)
		if err != nil || blocked {
			p.release(ctx, ids)
			return nil, until, blocked, err
		}
	}
	return ids, time.Time{}, false, nil
}

// release takes back attempts counted by reserve.
func (p *Provider) release(ctx context.Context, ids []int64) {
	for _, id := range ids {
		if _, err := p.db.ExecContext(context.WithoutCancel(ctx), `DELETE FROM did_attempts WHERE id = $1`, id); err != nil {
			p.log.ErrorContext(ctx, "release attempt", "error", err)
		}
	}
}

func (p *Provider) recordFailure(ctx context.Context, kind, key string) error {
	now := p.nowUTC()
	p.db.ExecContext(ctx, `DELETE FROM did_attempts WHERE at < $1`, now.Add(-24*time.Hour))
	_, err := p.db.ExecContext(ctx, `INSERT INTO did_attempts (kind, key, at) VALUES ($1, $2, $3)`, kind, key, now)
	return err
}

func (p *Provider) clearFailures(ctx context.Context, kind, key string) error {
	_, err := p.db.ExecContext(ctx, `DELETE FROM did_attempts WHERE kind = $1 AND key = $2`, kind, key)
	return err
}

// devOutbox keeps messages in did_sms_outbox (listed at {issuer}/dev/outbox
// in DevMode) and logs them, instead of sending.
type devOutbox struct{ p *Provider }

func (o *devOutbox) SendSMS(ctx context.Context, to, text string) error {
	o.p.db.ExecContext(ctx, `DELETE FROM did_sms_outbox WHERE created_at < $1`, o.p.nowUTC().Add(-7*24*time.Hour))
	if _, err := o.p.db.ExecContext(ctx, `INSERT INTO did_sms_outbox (to_number, body, created_at) VALUES ($1, $2, $3)`, to, text, o.p.nowUTC()); err != nil {
		return err
	}
	o.p.log.InfoContext(ctx, "SMS (development outbox, not sent)", "to", to, "text", text)
	return nil
}

// noSMS is the sender when there is no gateway outside development mode.
type noSMS struct{}

var errNoSMSGateway = errors.New("SMS not sent: no SMS gateway is configured (and not in development mode)")

func (noSMS) SendSMS(context.Context, string, string) error { return errNoSMSGateway }

// HTTPSMSSender sends through an HTTP gateway: it POSTs {"to": "+66…",
// "text": "…"} as JSON to URL with "Authorization: Bearer <Token>" and
// expects a 2xx answer.
type HTTPSMSSender struct {
	URL    string
	Token  string
	Client *http.Client // nil: a client with a 15-second timeout
}

func (s *HTTPSMSSender) SendSMS(ctx context.Context, to, text string) error {
	body, err := json.Marshal(struct {
		To   string `json:"to"`
		Text string `json:"text"`
	}{to, text})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if s.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.Token)
	}
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sms gateway: %w", err)
	}
	defer resp.Body.Close()
	msgBody, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("sms gateway: %s: %s", resp.Status, bytes.TrimSpace(msgBody))
	}
	return nil
}
