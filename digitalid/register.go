package digitalid

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	openinfo "github.com/openinfo/openinfo"
)

// regData is the state of one registration (did_registrations.data).
type regData struct {
	Return         string `json:"return,omitempty"` // auth request to continue after registering
	CitizenID      string `json:"citizen_id,omitempty"`
	GivenName      string `json:"given_name,omitempty"`
	FamilyName     string `json:"family_name,omitempty"`
	BirthDate      string `json:"birth_date,omitempty"` // YYYY-MM-DD
	LaserOK        bool   `json:"laser_ok,omitempty"`
	Username       string `json:"username,omitempty"`
	PasswordHash   string `json:"password_hash,omitempty"`
	Mobile         string `json:"mobile,omitempty"` // E.164
	OTPRef         string `json:"otp_ref,omitempty"`
	MobileVerified bool   `json:"mobile_verified,omitempty"`
}

// regSteps in order: path, and whether the data has it.
var regSteps = []struct {
	path string
	done func(*regData) bool
}{
	{"/register/identity", func(d *regData) bool { return d.CitizenID != "" }},
	{"/register/laser", func(d *regData) bool { return d.LaserOK }},
	{"/register/account", func(d *regData) bool { return d.Username != "" }},
	{"/register/mobile", func(d *regData) bool { return d.MobileVerified }},
	{"/register/summary", func(*regData) bool { return false }},
}

// regFlow loads the registration and sends the browser to the first
// unfinished step when it asks for a later one. step is 1-based within
// regSteps (the terms were step 0).
func (p *Provider) regFlow(w http.ResponseWriter, r *http.Request, step int) (string, *regData, bool) {
	var d regData
	id, err := p.loadFlow(r, "register", cookieReg, &d)
	if err == errNoFlow {
		p.redirect(w, r, "/register")
		return "", nil, false
	}
	if err != nil {
		p.fail(w, r, err)
		return "", nil, false
	}
	for i := 0; i < step-1; i++ {
		if !regSteps[i].done(&d) {
			p.redirect(w, r, regSteps[i].path)
			return "", nil, false
		}
	}
	return id, &d, true
}

func (p *Provider) regPage(w http.ResponseWriter, r *http.Request, step int) *page {
	pg := p.newPage(w, r)
	pg.Step = step
	return pg
}

// handleTerms shows the terms to consent to (seed 003: "ยินยอม").
func (p *Provider) handleTerms(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	pg.Data["Return"] = r.URL.Query().Get("return")
	p.render(w, r, http.StatusOK, "terms", pg)
}

func (p *Provider) handleTermsPost(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	ret := r.PostFormValue("return")
	pg.Data["Return"] = ret
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "terms", pg)
		return
	}
	switch r.PostFormValue("decision") {
	case "agree":
		if c, err := r.Cookie(cookieReg); err == nil {
			p.db.ExecContext(r.Context(), `DELETE FROM did_registrations WHERE id = $1`, hashToken(c.Value))
		}
		if len(ret) > 64 {
			ret = ""
		}
		if _, err := p.startFlow(r.Context(), w, "register", cookieReg, registrationTTL, &regData{Return: ret}); err != nil {
			p.fail(w, r, err)
			return
		}
		p.redirect(w, r, "/register/identity")
	case "disagree":
		p.redirect(w, r, "/register/declined")
	default:
		pg.Error = msgMustConsent.in(pg.Lang)
		p.render(w, r, http.StatusUnprocessableEntity, "terms", pg)
	}
}

func (p *Provider) handleDeclined(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusOK, "declined", p.newPage(w, r))
}

// parseBirthDate reads day, month and year; the year may be Buddhist era
// (as Thais write it) or Common Era.
func (p *Provider) parseBirthDate(day, month, year string) (time.Time, bool) {
	dd, err1 := strconv.Atoi(strings.TrimSpace(day))
	mm, err2 := strconv.Atoi(strings.TrimSpace(month))
	yyS, ok := normDigits(year)
	yy, err3 := strconv.Atoi(yyS)
	if err1 != nil || err2 != nil || err3 != nil || !ok {
		return time.Time{}, false
	}
	if yy >= 2400 {
		yy -= 543
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd || int(t.Month()) != mm || yy < 1900 || t.After(p.now()) {
		return time.Time{}, false
	}
	return t, true
}

func (p *Provider) handleIdentity(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 1)
	if !ok {
		return
	}
	pg := p.regPage(w, r, 1)
	if r.Method != http.MethodPost {
		if d.CitizenID != "" {
			pg.Form["citizen_id"] = d.CitizenID
			pg.Form["given_name"] = d.GivenName
			pg.Form["family_name"] = d.FamilyName
			if t, err := time.Parse(time.DateOnly, d.BirthDate); err == nil {
				pg.Form["birth_day"] = strconv.Itoa(t.Day())
				pg.Form["birth_month"] = strconv.Itoa(int(t.Month()))
				pg.Form["birth_year"] = strconv.Itoa(t.Year() + 543)
			}
		}
		p.render(w, r, http.StatusOK, "identity", pg)
		return
	}
	for _, k := range []string{"citizen_id", "given_name", "family_name", "birth_day", "birth_month", "birth_year"} {
		pg.Form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "identity", pg)
		return
	}
	var v validation
	cid, okID := parseField(&v, "citizen_id", pg.Form["citizen_id"], openinfo.ParseCitizenID)
	checkName(&v, "given_name", pg.Form["given_name"])
	checkName(&v, "family_name", pg.Form["family_name"])
	birth, okBirth := p.parseBirthDate(pg.Form["birth_day"], pg.Form["birth_month"], pg.Form["birth_year"])
	if !okBirth {
		v.add("birth_date", msgBirthDateInvalid)
	}
	if okID {
		if err := p.checkUnique(r.Context(), cid, ""); err != nil {
			if openinfo.ErrorCode(err) != openinfo.ECONFLICT {
				p.fail(w, r, err)
				return
			}
			v.add("citizen_id", msgCitizenIDTaken)
		}
	}
	if err := v.err(); err != nil {
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "identity", pg)
		return
	}
	if d.CitizenID != cid || d.GivenName != pg.Form["given_name"] || d.FamilyName != pg.Form["family_name"] || d.BirthDate != birth.Format(time.DateOnly) {
		d.LaserOK = false // identity changed: check the card again
	}
	d.CitizenID, d.GivenName, d.FamilyName, d.BirthDate = cid, pg.Form["given_name"], pg.Form["family_name"], birth.Format(time.DateOnly)
	if err := p.saveFlow(r.Context(), id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/register/laser")
}

func (p *Provider) handleLaser(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 2)
	if !ok {
		return
	}
	pg := p.regPage(w, r, 2)
	if r.Method != http.MethodPost {
		p.render(w, r, http.StatusOK, "laser", pg)
		return
	}
	pg.Form["laser_code"] = strings.TrimSpace(r.PostFormValue("laser_code"))
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "laser", pg)
		return
	}
	var v validation
	code, okCode := parseField(&v, "laser_code", pg.Form["laser_code"], openinfo.ParseLaserCode)
	if err := v.err(); err != nil {
		pg.setErr(err)
	}
	switch {
	case okCode && p.laser != nil:
		birth, _ := time.Parse(time.DateOnly, d.BirthDate)
		match, err := p.laser.VerifyLaserCode(r.Context(), d.CitizenID, d.GivenName, d.FamilyName, birth, code)
		if err != nil {
			p.log.ErrorContext(r.Context(), "laser code check", "error", err)
			pg.fieldErr("laser_code", msgLaserUnavailable)
		} else if !match {
			pg.fieldErr("laser_code", msgLaserMismatch)
		}
	}
	if len(pg.Errors) > 0 {
		p.render(w, r, http.StatusUnprocessableEntity, "laser", pg)
		return
	}
	d.LaserOK = true
	if err := p.saveFlow(r.Context(), id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/register/account")
}

func (p *Provider) handleAccount(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 3)
	if !ok {
		return
	}
	pg := p.regPage(w, r, 3)
	if r.Method != http.MethodPost {
		pg.Form["username"] = d.Username
		p.render(w, r, http.StatusOK, "account", pg)
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	pw, pw2 := r.PostFormValue("password"), r.PostFormValue("password2")
	pg.Form["username"] = username
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "account", pg)
		return
	}
	var v validation
	checkUsername(&v, username)
	username = strings.ToLower(username)
	checkPassword(&v, "password", pw, username)
	if pw2 != pw {
		v.add("password2", msgPasswordMismatch)
	}
	if len(v.fields) == 0 {
		var n int
		if err := p.db.QueryRowContext(r.Context(), `SELECT COUNT(*) FROM did_users WHERE username = $1`, username).Scan(&n); err != nil {
			p.fail(w, r, err)
			return
		}
		if n > 0 {
			v.add("username", msgUsernameTaken)
		}
	}
	if err := v.err(); err != nil {
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "account", pg)
		return
	}
	hash, err := p.hashPassword(r.Context(), pw, p.hashWait)
	if errors.Is(err, errBusy) {
		p.renderBusy(w, r, "account", pg)
		return
	}
	if err != nil {
		p.fail(w, r, err)
		return
	}
	d.Username, d.PasswordHash = username, hash
	if err := p.saveFlow(r.Context(), id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/register/mobile")
}

// handleMobile takes the number and sends the OTP.
func (p *Provider) handleMobile(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 4)
	if !ok {
		return
	}
	pg := p.regPage(w, r, 4)
	if r.Method != http.MethodPost {
		if d.Mobile != "" {
			pg.Form["mobile"] = "0" + strings.TrimPrefix(d.Mobile, "+66")
		}
		p.render(w, r, http.StatusOK, "mobile", pg)
		return
	}
	pg.Form["mobile"] = strings.TrimSpace(r.PostFormValue("mobile"))
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "mobile", pg)
		return
	}
	var v validation
	mobile, _ := parseField(&v, "mobile", pg.Form["mobile"], parseMobileE164)
	if err := v.err(); err != nil {
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "mobile", pg)
		return
	}
	ref, err := p.sendOTP(r.Context(), purposeRegister, id, mobile, pg.Lang)
	if err != nil {
		if !isUserErr(err) {
			p.fail(w, r, err)
			return
		}
		pg.Errors["mobile"] = openinfo.ErrorMessage(err, pg.Lang)
		pg.Error = pg.Errors["mobile"]
		p.render(w, r, http.StatusTooManyRequests, "mobile", pg)
		return
	}
	d.Mobile, d.OTPRef, d.MobileVerified = mobile, ref, false
	if err := p.saveFlow(r.Context(), id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/register/otp")
}

// handleRegOTP confirms the number with the code, or sends a new one.
func (p *Provider) handleRegOTP(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 4)
	if !ok {
		return
	}
	if d.Mobile == "" {
		p.redirect(w, r, "/register/mobile")
		return
	}
	pg := p.regPage(w, r, 4)
	pg.Notice = tr(pg.Lang, "otp_sent", nationalMobile(d.Mobile), d.OTPRef)
	if r.Method != http.MethodPost {
		p.render(w, r, http.StatusOK, "otp", pg)
		return
	}
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "otp", pg)
		return
	}
	if r.PostFormValue("action") == "resend" {
		ref, err := p.sendOTP(r.Context(), purposeRegister, id, d.Mobile, pg.Lang)
		if err != nil {
			if !isUserErr(err) {
				p.fail(w, r, err)
				return
			}
			pg.Error = openinfo.ErrorMessage(err, pg.Lang)
			p.render(w, r, http.StatusTooManyRequests, "otp", pg)
			return
		}
		d.OTPRef = ref
		if err := p.saveFlow(r.Context(), id, d); err != nil {
			p.fail(w, r, err)
			return
		}
		p.redirect(w, r, "/register/otp")
		return
	}
	code := strings.TrimSpace(r.PostFormValue("otp"))
	if d2, ok := normDigits(code); ok {
		code = d2
	}
	if err := p.verifyOTP(r.Context(), p.clientIP(r), purposeRegister, id, code); err != nil {
		if openinfo.ErrorCode(err) != openinfo.EINVALID {
			p.fail(w, r, err)
			return
		}
		pg.setErr(err)
		p.render(w, r, http.StatusUnprocessableEntity, "otp", pg)
		return
	}
	d.MobileVerified = true
	if err := p.saveFlow(r.Context(), id, d); err != nil {
		p.fail(w, r, err)
		return
	}
	p.redirect(w, r, "/register/summary")
}

func (p *Provider) handleSummary(w http.ResponseWriter, r *http.Request) {
	id, d, ok := p.regFlow(w, r, 5)
	if !ok {
		return
	}
	pg := p.regPage(w, r, 5)
	birth, _ := time.Parse(time.DateOnly, d.BirthDate)
	pg.Data["CitizenID"] = openinfo.FormatCitizenID(d.CitizenID)
	pg.Data["Name"] = d.GivenName + " " + d.FamilyName
	pg.Data["BirthDate"] = formatDate(birth, pg.Lang)
	pg.Data["Username"] = d.Username
	pg.Data["Mobile"] = nationalMobile(d.Mobile)
	if r.Method != http.MethodPost {
		p.render(w, r, http.StatusOK, "summary", pg)
		return
	}
	if !p.checkCSRF(r) {
		pg.Error = msgBadForm.in(pg.Lang)
		p.render(w, r, http.StatusForbidden, "summary", pg)
		return
	}
	_, err := p.insertUser(r.Context(), &user{
		CitizenID: d.CitizenID, GivenName: d.GivenName, FamilyName: d.FamilyName, BirthDate: d.BirthDate,
		Username: d.Username, PasswordHash: d.PasswordHash, Mobile: d.Mobile,
	})
	if err != nil {
		if openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			p.fail(w, r, err)
			return
		}
		// Someone registered the same person or name meanwhile.
		pg.setErr(err)
		p.render(w, r, http.StatusConflict, "summary", pg)
		return
	}
	p.endFlow(r.Context(), w, id, cookieReg)
	target := "/register/done"
	if d.Return != "" {
		target += "?return=" + url.QueryEscape(d.Return)
	}
	p.redirect(w, r, target)
}

func (p *Provider) handleRegDone(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	pg.Step = 6
	pg.Data["Return"] = r.URL.Query().Get("return")
	// Registered without a service waiting (started from the provider's own
	// home page): the page offers the services that sign in with it, so it
	// is not a dead end.
	type service struct{ Name, URL string }
	var services []service
	for _, c := range p.clients {
		for _, ru := range c.Client.RedirectURIs {
			if u, err := url.Parse(ru); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				services = append(services, service{Name: cmp.Or(c.Name, c.ID), URL: u.Scheme + "://" + u.Host + "/"})
				break
			}
		}
	}
	slices.SortFunc(services, func(a, b service) int { return strings.Compare(a.Name, b.Name) })
	pg.Data["Services"] = services
	p.render(w, r, http.StatusOK, "regdone", pg)
}
