package digitalid

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	openinfo "github.com/openinfo/openinfo"
)

// resetData is the state of a password reset (did_registrations, kind reset).
type resetData struct {
	Return string `json:"return,omitempty"`
	Sub    string `json:"sub"`
	Mobile string `json:"mobile"`
	OTPRef string `json:"otp_ref,omitempty"`
}

const resetPerIP = 10

// handleReset asks for the user name and citizen ID, then texts a code to
// the registered mobile number.
func (p *Provider) handleReset(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	ret := r.FormValue("return")
	if len(ret) > 64 {
		ret = ""
	}
	pg.Data["Return"] = ret
	if r.Method != http.MethodPost {
		p.render(w, r, http.StatusOK, "reset", pg)
		return
	}
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	pg.Form["username"] = username
	pg.Form["citizen_id"] = strings.TrimSpace(r.PostFormValue("citizen_id"))
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "reset", pg)
		return
	}
	if username == "" {
		pg.fieldErr("username", msgRequired)
	}
	var v validation
	cid, _ := parseField(&v, "citizen_id", pg.Form["citizen_id"], openinfo.ParseCitizenID)
	if err := v.err(); err != nil {
		pg.setErr(err)
	}
	if len(pg.Errors) > 0 {
		p.render(w, r, http.StatusUnprocessableEntity, "reset", pg)
		return
	}
	ctx := r.Context()
	ip := p.clientIP(r)
	// Counted before the check, as logins are (reserve): parallel guesses of
	// a citizen ID cannot all pass the limit.
	reserved, until, blocked, err := p.reserve(ctx, kindResetStart, attemptLimit{"user:" + username, loginPerUser, 0}, attemptLimit{"ip:" + ip, resetPerIP, 0})
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if blocked {
		pg.Error = atTime(msgLocked, until).in(pg.Lang)
		p.render(w, r, http.StatusTooManyRequests, "reset", pg)
		return
	}
	u, err := p.userByUsername(ctx, username)
	if err != nil && !isNotFound(err) {
		p.release(ctx, reserved)
		p.fail(w, r, err)
		return
	}
	if u == nil || u.CitizenID != cid { // the reserved attempts stay as failures
		pg.fieldErr("username", msgResetNoMatch)
		pg.Errors["citizen_id"] = msgResetNoMatch.in(pg.Lang)
		pg.Error = msgResetNoMatch.in(pg.Lang)
		p.render(w, r, http.StatusUnprocessableEntity, "reset", pg)
		return
	}
	p.release(ctx, reserved) // a match is no failure
	d := &resetData{Return: ret, Sub: u.Sub, Mobile: u.Mobile}
	id, err := p.startFlow(ctx, w, "reset", cookieReset, resetTTL, d)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	ref, err := p.sendOTP(ctx, purposeReset, id, u.Mobile, pg.Lang)
	if err != nil {
		if !isUserErr(err) {
			p.fail(w, r, err)
			return
		}
		pg.Error = openinfo.ErrorMessage(err, pg.Lang)
		p.render(w, r, http.StatusTooManyRequests, "reset", pg)
		return
	}
	d.OTPRef = ref
	if err := p.saveFlow(ctx, id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/reset/otp")
}

// handleResetOTP takes the code and the new password.
func (p *Provider) handleResetOTP(w http.ResponseWriter, r *http.Request) {
	var d resetData
	id, err := p.loadFlow(r, "reset", cookieReset, &d)
	if err == errNoFlow {
		pg := p.newPage(w, r)
		pg.Error = msgSessionExpired.in(pg.Lang)
		p.render(w, r, http.StatusOK, "reset", pg)
		return
	}
	if err != nil {
		p.fail(w, r, err)
		return
	}
	pg := p.newPage(w, r)
	pg.Notice = tr(pg.Lang, "otp_sent", maskMobile(d.Mobile), d.OTPRef)
	if r.Method != http.MethodPost {
		p.render(w, r, http.StatusOK, "resetotp", pg)
		return
	}
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "resetotp", pg)
		return
	}
	ctx := r.Context()
	if r.PostFormValue("action") == "resend" {
		ref, err := p.sendOTP(ctx, purposeReset, id, d.Mobile, pg.Lang)
		if err != nil {
			if !isUserErr(err) {
				p.fail(w, r, err)
				return
			}
			pg.Error = openinfo.ErrorMessage(err, pg.Lang)
			p.render(w, r, http.StatusTooManyRequests, "resetotp", pg)
			return
		}
		d.OTPRef = ref
		if err := p.saveFlow(ctx, id, &d); err != nil {
			p.fail(w, r, err)
			return
		}
		p.redirect(w, r, "/reset/otp")
		return
	}
	u, err := p.userBySub(ctx, d.Sub)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	code := strings.TrimSpace(r.PostFormValue("otp"))
	if d2, ok := normDigits(code); ok {
		code = d2
	}
	pg.Form["otp"] = code
	pw, pw2 := r.PostFormValue("new_password"), r.PostFormValue("password2")
	var v validation
	checkPassword(&v, "new_password", pw, u.Username)
	if pw != pw2 {
		v.add("password2", msgPasswordMismatch)
	}
	if err := v.err(); err != nil {
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "resetotp", pg)
		return
	}
	// Hashed before the code is used up, so a busy answer leaves it valid.
	hash, err := p.hashPassword(ctx, pw, p.hashWait)
	if errors.Is(err, errBusy) {
		p.renderBusy(w, r, "resetotp", pg)
		return
	}
	if err != nil {
		p.fail(w, r, err)
		return
	}
	if err := p.verifyOTP(ctx, p.clientIP(r), purposeReset, id, code); err != nil {
		if openinfo.ErrorCode(err) != openinfo.EINVALID {
			p.fail(w, r, err)
			return
		}
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "resetotp", pg)
		return
	}
	if err := p.setPassword(ctx, u.Sub, hash); err != nil {
		p.fail(w, r, err)
		return
	}
	p.clearLoginFailures(ctx, u.Username)
	p.clearFailures(ctx, kindResetStart, "user:"+u.Username)
	p.endFlow(ctx, w, id, cookieReset)
	p.clearCookie(w, cookieSession)
	target := "/reset/done"
	if d.Return != "" {
		target += "?return=" + url.QueryEscape(d.Return)
	}
	p.redirect(w, r, target)
}

func (p *Provider) handleResetDone(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	pg.Data["Return"] = r.URL.Query().Get("return")
	p.render(w, r, http.StatusOK, "resetdone", pg)
}
