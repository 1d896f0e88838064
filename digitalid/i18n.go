package digitalid

import (
	"fmt"
	"net/http"
	"time"

	"golang.org/x/text/language"
)

var thai = language.Thai

// msg is a text in Thai and English.
type msg struct{ TH, EN string }

func (m msg) in(lang string) string {
	if lang == "en" {
		return m.EN
	}
	return m.TH
}

func (m msg) format(args ...any) msg {
	return msg{fmt.Sprintf(m.TH, args...), fmt.Sprintf(m.EN, args...)}
}

// Error messages.
var (
	msgFormErrors          = msg{"ข้อมูลไม่ถูกต้อง กรุณาแก้ไขรายการที่ระบุ", "Some entries need correcting; see the marked fields."}
	msgRequired            = msg{"กรุณากรอกข้อมูลนี้", "Please fill in this field."}
	msgCitizenIDTaken      = msg{"เลขประจำตัวประชาชนนี้ลงทะเบียนแล้ว กรุณาเข้าสู่ระบบหรือตั้งรหัสผ่านใหม่", "This citizen ID is already registered; log in or reset your password."}
	msgNameTooLong         = msg{"ยาวเกิน 100 ตัวอักษร", "Longer than 100 characters."}
	msgNameChars           = msg{"ใช้ได้เฉพาะตัวอักษร ช่องว่าง และขีด", "Use letters, spaces and hyphens only."}
	msgBirthDateInvalid    = msg{"วันเดือนปีเกิดไม่ถูกต้อง", "This birth date is not valid."}
	msgLaserMismatch       = msg{"รหัสเลเซอร์ไม่ตรงกับข้อมูลบัตรประจำตัวประชาชน", "The laser code does not match the ID card's data."}
	msgLaserUnavailable    = msg{"ตรวจสอบรหัสเลเซอร์ไม่ได้ในขณะนี้ กรุณาลองใหม่ภายหลัง", "The laser code cannot be checked right now; please try again later."}
	msgUsernameLength      = msg{"ชื่อผู้ใช้ต้องยาว 6–30 ตัวอักษร", "A user name has 6–30 characters."}
	msgUsernameChars       = msg{"ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษและตัวเลข", "A user name uses English letters and digits only."}
	msgUsernameTaken       = msg{"ชื่อผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น", "This user name is taken; please choose another."}
	msgPasswordWeak        = msg{"รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร มีตัวพิมพ์ใหญ่ ตัวพิมพ์เล็กภาษาอังกฤษ และตัวเลข", "A password has at least 8 characters with an uppercase and a lowercase English letter and a digit."}
	msgPasswordHasUsername = msg{"รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น", "The password must not contain the user name."}
	msgPasswordMismatch    = msg{"รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passwords differ."}
	msgOTPFormat           = msg{"รหัส OTP เป็นตัวเลข 6 หลัก", "The OTP is 6 digits."}
	msgOTPNone             = msg{"ยังไม่มีรหัส OTP กรุณากดขอรหัส", "No code has been sent yet; please request one."}
	msgOTPWrong            = msg{"รหัส OTP ไม่ถูกต้อง (ลองได้อีก %d ครั้ง)", "Wrong code (%d tries left)."}
	msgOTPUsed             = msg{"รหัส OTP นี้ใช้ไปแล้ว กรุณาขอรหัสใหม่", "This code has been used; please request a new one."}
	msgOTPExpired          = msg{"รหัส OTP หมดอายุแล้ว กรุณาขอรหัสใหม่", "This code has expired; please request a new one."}
	msgOTPTooMany          = msg{"กรอกรหัสผิดเกินจำนวนครั้งที่กำหนด กรุณาขอรหัสใหม่", "Too many wrong tries; please request a new code."}
	msgOTPWait             = msg{"ขอรหัสใหม่ได้อีกครั้งหลังเวลา %s น.", "You can request another code after %s."}
	msgOTPSendFailed       = msg{"ส่ง SMS ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง", "The SMS could not be sent; please try again."}
	msgLoginFailed         = msg{"ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password."}
	msgLocked              = msg{"ทำรายการผิดหลายครั้งเกินไป กรุณาลองใหม่หลังเวลา %s น.", "Too many failed attempts; please try again after %s."}
	msgResetNoMatch        = msg{"ชื่อผู้ใช้และเลขประจำตัวประชาชนไม่ตรงกับบัญชีใด", "The user name and citizen ID do not match an account."}
	msgSessionExpired      = msg{"หมดเวลาทำรายการ กรุณาเริ่มใหม่", "This session has expired; please start again."}
	msgRequestExpired      = msg{"คำขอเข้าสู่ระบบหมดอายุหรือไม่ถูกต้อง กรุณากลับไปที่ระบบที่ท่านใช้งานแล้วเข้าสู่ระบบใหม่", "This login request has expired or is not valid; go back to the service you were using and log in again."}
	msgBadForm             = msg{"แบบฟอร์มหมดอายุ กรุณาส่งใหม่อีกครั้ง", "The form has expired; please submit it again."}
	msgBusy                = msg{"ขณะนี้มีผู้ใช้งานจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่", "The service is busy; please try again in a moment."}
	msgMustConsent         = msg{"กรุณาเลือกยินยอมหรือไม่ยินยอม", "Please choose whether you agree."}
)

var thaiMonths = [...]string{"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"}

// formatDate shows a date in the Buddhist era in Thai and in the Common Era
// in English.
func formatDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), thaiMonths[t.Month()-1], t.Year()+543)
}

// atTime fills a message's one %s with a time of day in each language.
func atTime(m msg, t time.Time) msg {
	return msg{fmt.Sprintf(m.TH, formatClock(t, "th")), fmt.Sprintf(m.EN, formatClock(t, "en"))}
}

// formatClock shows a time of day in Bangkok.
func formatClock(t time.Time, lang string) string {
	bkk := time.FixedZone("ICT", 7*3600)
	t = t.In(bkk)
	if lang == "en" {
		return t.Format("15:04") + " (Bangkok time)"
	}
	return t.Format("15:04")
}

// langOf picks the page language: ?lang=en|th (remembered in a cookie), else
// the cookie, else Thai.
func (p *Provider) langOf(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "th" {
		p.setCookie(w, cookieLang, l, 365*24*time.Hour)
		return l
	}
	if c, err := r.Cookie(cookieLang); err == nil && (c.Value == "en" || c.Value == "th") {
		return c.Value
	}
	return "th"
}

// texts are the pages' words, by key.
var texts = map[string]msg{
	"title":              {"Digital ID ระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล", "Digital ID"},
	"subtitle":           {"ระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล (จำลอง) สำหรับศูนย์รวมข้อมูลเพื่อติดต่อราชการ", "Digital identity service (built-in) for the government contact information centre"},
	"other_lang":         {"English", "ภาษาไทย"},
	"other_lang_code":    {"en", "th"},
	"register":           {"สมัครใช้งาน Digital ID", "Register for Digital ID"},
	"login":              {"เข้าสู่ระบบ", "Log in"},
	"forgot":             {"ลืมรหัสผ่าน", "Forgot password"},
	"next":               {"ถัดไป", "Next"},
	"back":               {"ย้อนกลับ", "Back"},
	"agree":              {"ยินยอม", "I agree"},
	"disagree":           {"ไม่ยินยอม", "I do not agree"},
	"terms_title":        {"ข้อตกลงการใช้บริการพิสูจน์และยืนยันตัวตนทางดิจิทัล", "Terms of the digital identity service"},
	"terms_body1":        {"ท่านกำลังสมัครใช้งานระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล (Digital ID) เพื่อใช้เข้าสู่ระบบงานของภาครัฐแบบรวมศูนย์ (Single Sign-On)", "You are registering for a Digital ID, used to log in to government services with a single sign-on."},
	"terms_body2":        {"ระบบจะเก็บเลขประจำตัวประชาชน ชื่อ-สกุล วันเดือนปีเกิด ชื่อผู้ใช้ และหมายเลขโทรศัพท์มือถือของท่าน และส่งข้อมูลให้หน่วยงานที่ท่านเลือกเข้าใช้งานเมื่อท่านยินยอมเท่านั้น รหัสเลเซอร์ใช้ตรวจสอบตัวตนและไม่ถูกจัดเก็บ", "The service keeps your citizen ID, name, birth date, user name and mobile number, and gives them to a service you log in to only with your consent. The laser code is used to check your identity and is not kept."},
	"terms_body3":        {"โปรดเตรียมบัตรประจำตัวประชาชนและโทรศัพท์มือถือของท่าน", "Please have your ID card and your mobile phone ready."},
	"declined_title":     {"ยกเลิกการสมัคร", "Registration cancelled"},
	"declined_body":      {"การสมัครใช้งาน Digital ID ต้องได้รับความยินยอมตามข้อตกลงการใช้บริการ ท่านสามารถเริ่มสมัครใหม่ได้ทุกเมื่อ", "Registering for a Digital ID needs your consent to the terms. You can start again at any time."},
	"start_again":        {"เริ่มสมัครใหม่", "Start again"},
	"step":               {"ขั้นตอนที่ %d จาก 6", "Step %d of 6"},
	"identity_title":     {"ข้อมูลบัตรประจำตัวประชาชน", "Your ID card"},
	"citizen_id":         {"เลขประจำตัวประชาชน 13 หลัก", "13-digit citizen ID"},
	"given_name":         {"ชื่อ", "Given name"},
	"family_name":        {"นามสกุล", "Family name"},
	"birth_date":         {"วัน เดือน ปีเกิด", "Date of birth"},
	"day":                {"วัน", "Day"},
	"month":              {"เดือน", "Month"},
	"year_be":            {"ปี พ.ศ.", "Year (B.E. or A.D.)"},
	"laser_title":        {"รหัสเลเซอร์หลังบัตรประจำตัวประชาชน", "Laser code on the back of the ID card"},
	"laser_code":         {"รหัสเลเซอร์ (เช่น JT1-2345678-90)", "Laser code (e.g. JT1-2345678-90)"},
	"verify_identity":    {"ยืนยันตัวตน", "Verify identity"},
	"account_title":      {"บัญชีผู้ใช้งานและรหัสผ่าน", "User name and password"},
	"account_hint":       {"ชื่อผู้ใช้ใช้ตัวอักษรภาษาอังกฤษหรือตัวเลข 6–30 ตัว รหัสผ่านอย่างน้อย 8 ตัวอักษร มีตัวพิมพ์ใหญ่ ตัวพิมพ์เล็ก และตัวเลข โปรดจดจำไว้เพื่อใช้เข้าสู่ระบบ", "User name: 6–30 English letters or digits. Password: at least 8 characters with an uppercase letter, a lowercase letter and a digit. Remember them to log in."},
	"username":           {"ชื่อผู้ใช้ (Username)", "User name"},
	"password":           {"รหัสผ่าน", "Password"},
	"password2":          {"ยืนยันรหัสผ่าน", "Confirm password"},
	"new_password":       {"รหัสผ่านใหม่", "New password"},
	"mobile_title":       {"ยืนยันหมายเลขโทรศัพท์มือถือ", "Confirm your mobile number"},
	"mobile":             {"หมายเลขโทรศัพท์มือถือ", "Mobile number"},
	"request_otp":        {"ขอรหัส OTP", "Send code"},
	"otp":                {"รหัส OTP 6 หลัก", "6-digit code"},
	"otp_sent":           {"ส่งรหัส OTP ไปที่ %s แล้ว (รหัสอ้างอิง %s) รหัสมีอายุ 5 นาที", "A code was sent to %s (reference %s). It is valid for 5 minutes."},
	"confirm_mobile":     {"ยืนยันเบอร์โทรศัพท์มือถือ", "Confirm mobile number"},
	"resend":             {"ขอรหัสใหม่", "Send a new code"},
	"change_mobile":      {"เปลี่ยนหมายเลข", "Change number"},
	"summary_title":      {"ตรวจสอบข้อมูล", "Check your details"},
	"summary_hint":       {"กรุณาตรวจสอบข้อมูลอีกครั้ง หากถูกต้องกดปุ่มยืนยันข้อมูล", "Please check your details; if they are right, confirm."},
	"confirm_data":       {"ยืนยันข้อมูล", "Confirm"},
	"edit":               {"แก้ไข", "Change"},
	"done_title":         {"ผลการลงทะเบียน", "Registration complete"},
	"done_body":          {"ระบบได้ลงทะเบียนข้อมูลของท่านเรียบร้อยแล้ว", "Your Digital ID has been registered."},
	"continue_login":     {"เข้าสู่ระบบต่อ", "Continue to log in"},
	"login_title":        {"เข้าสู่ระบบด้วย Digital ID", "Log in with Digital ID"},
	"login_for":          {"เพื่อเข้าใช้งาน %s", "to continue to %s"},
	"no_account":         {"ยังไม่มีบัญชี?", "No account yet?"},
	"consent_title":      {"ขอความยินยอมเปิดเผยข้อมูล", "Share your details?"},
	"consent_body":       {"%s ขอเข้าถึงข้อมูลต่อไปนี้ของท่าน", "%s asks for the following details:"},
	"consent_as":         {"เข้าสู่ระบบในชื่อ %s", "Logged in as %s"},
	"claim_sub":          {"รหัสผู้ใช้งาน (ไม่ใช่เลขประจำตัวประชาชน)", "Your user identifier (not your citizen ID)"},
	"claim_profile":      {"ชื่อ นามสกุล และชื่อผู้ใช้", "Your name and user name"},
	"claim_phone":        {"หมายเลขโทรศัพท์มือถือ", "Your mobile number"},
	"claim_citizen_id":   {"เลขประจำตัวประชาชน", "Your citizen ID"},
	"not_you":            {"ไม่ใช่ท่าน? เข้าสู่ระบบด้วยบัญชีอื่น", "Not you? Log in with another account"},
	"reset_title":        {"ตั้งรหัสผ่านใหม่", "Reset your password"},
	"reset_hint":         {"กรอกชื่อผู้ใช้และเลขประจำตัวประชาชน ระบบจะส่งรหัส OTP ไปยังหมายเลขโทรศัพท์มือถือที่ลงทะเบียนไว้", "Enter your user name and citizen ID; a code will be sent to your registered mobile number."},
	"reset_done":         {"ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่", "Your password has been changed; log in with the new password."},
	"save_password":      {"บันทึกรหัสผ่านใหม่", "Save new password"},
	"logged_out":         {"ออกจากระบบเรียบร้อยแล้ว", "You have logged out."},
	"outbox_title":       {"กล่อง SMS สำหรับนักพัฒนา", "Developer SMS outbox"},
	"outbox_hint":        {"ข้อความที่ระบบจะส่งทาง SMS (โหมดพัฒนา ไม่ได้ส่งจริง)", "Messages the service would send by SMS (development mode; none were sent)."},
	"outbox_to":          {"ถึง", "To"},
	"outbox_at":          {"เวลา", "Time"},
	"outbox_text":        {"ข้อความ", "Text"},
	"home_body":          {"ใช้ Digital ID เพื่อเข้าสู่ระบบงานของภาครัฐ เช่น ศูนย์รวมข้อมูลเพื่อติดต่อราชการ", "Use a Digital ID to log in to government services such as the contact information centre."},
	"error_title":        {"เกิดข้อผิดพลาด", "Something went wrong"},
	"done_services":      {"เข้าสู่ระบบด้วย Digital ID นี้ได้ที่:", "Sign in with this Digital ID at:"},
	"done_home":          {"กลับหน้าแรก Digital ID", "Back to the Digital ID home page"},
	"access_denied_body": {"ท่านไม่ยินยอมให้เปิดเผยข้อมูล", "You did not agree to share your details."},
}

func tr(lang, key string, args ...any) string {
	m, ok := texts[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return m.format(args...).in(lang)
	}
	return m.in(lang)
}
