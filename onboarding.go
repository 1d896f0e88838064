package openinfo

import (
	"bytes"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Onboarding request states (the customer.dga.or.th flow of seed 001): the
// requester submits, the agency's executive confirms by an e-mailed link, the
// platform administrator approves (the first central-officer token is
// e-mailed to the requester) or rejects with a reason.
const (
	OnboardSubmitted = "submitted" // waiting for the executive's confirmation
	OnboardConfirmed = "confirmed" // waiting for the platform administrator
	OnboardApproved  = "approved"
	OnboardRejected  = "rejected"
)

// OnboardingStatuses lists the states with their Thai and English names.
var OnboardingStatuses = []struct{ Status, TH, EN string }{
	{OnboardSubmitted, "รอผู้บริหารยืนยัน", "Waiting for the executive"},
	{OnboardConfirmed, "รอผู้ดูแลระบบอนุมัติ", "Waiting for approval"},
	{OnboardApproved, "อนุมัติแล้ว", "Approved"},
	{OnboardRejected, "ไม่อนุมัติ", "Rejected"},
}

// OnboardingRequest is an agency's request to join the platform.
type OnboardingRequest struct {
	ID               int64
	Status           string
	AgencyNameTH     string
	AgencyNameEN     string
	AgencyType       AgencyType
	ParentID         int64 // the ministry or parent it belongs under (0: none)
	ExistingAgencyID int64 // when the agency is already in the directory
	ProvinceCode     string
	RequesterName    string
	RequesterTitle   string // position
	RequesterEmail   string
	RequesterPhone   string
	ExecutiveName    string
	ExecutiveEmail   string
	LetterName       string
	Letter           []byte // the request letter (PDF); not loaded in lists
	LetterSize       int64
	CreatedAt        time.Time
	ConfirmedAt      time.Time
	DecidedAt        time.Time
	DecidedBy        int64
	Reason           string // why it was rejected
	AgencyID         int64  // the agency the approval bound
	Version          int64
}

// MaxLetterSize bounds the request letter.
const MaxLetterSize = 10 << 20

// OnboardingTypes are the agency types that join directly (department level
// or equivalent); regional offices and local governments get their tokens
// from their issuers (seed 004).
var OnboardingTypes = []AgencyType{AgencyDepartment, AgencyProvince, AgencyStateEnterprise, AgencyPublicOrg,
	AgencyUniversity, AgencySpecialLocal, AgencyOther, AgencyMinistry}

// Normalize trims the request's text.
func (o *OnboardingRequest) Normalize() {
	o.AgencyNameTH, o.AgencyNameEN = cleanText(o.AgencyNameTH), cleanText(o.AgencyNameEN)
	o.RequesterName, o.RequesterTitle = cleanText(o.RequesterName), cleanText(o.RequesterTitle)
	o.ExecutiveName = cleanText(o.ExecutiveName)
	o.RequesterEmail = strings.ToLower(strings.TrimSpace(o.RequesterEmail))
	o.ExecutiveEmail = strings.ToLower(strings.TrimSpace(o.ExecutiveEmail))
	o.RequesterPhone = strings.TrimSpace(o.RequesterPhone)
	if n, ok := NormalizePhone(o.RequesterPhone); ok {
		o.RequesterPhone = n
	}
	o.LetterName = cleanText(o.LetterName)
}

// Validate checks a new request, the letter included.
func (o *OnboardingRequest) Validate() error {
	var v validation
	if o.ExistingAgencyID == 0 {
		if o.AgencyNameTH == "" || !hasThai(o.AgencyNameTH) {
			v.add("agency_name_th", "กรุณากรอกชื่อหน่วยงานภาษาไทย", "Enter the agency's Thai name.")
		}
		ok := false
		for _, t := range OnboardingTypes {
			ok = ok || t == o.AgencyType
		}
		if !ok {
			v.add("agency_type", "กรุณาเลือกประเภทหน่วยงาน (ระดับกรมหรือเทียบเท่า)", "Choose the agency type (department level or equivalent).")
		}
	}
	if utf8.RuneCountInString(o.AgencyNameTH) > 300 || utf8.RuneCountInString(o.AgencyNameEN) > 300 {
		v.add("agency_name_th", "ชื่อหน่วยงานยาวเกิน 300 ตัวอักษร", "The agency name is longer than 300 characters.")
	}
	if o.ProvinceCode != "" {
		if _, ok := ProvinceByCode(o.ProvinceCode); !ok {
			v.add("province", "ไม่พบจังหวัดที่เลือก", "Unknown province.")
		}
	}
	if o.RequesterName == "" || utf8.RuneCountInString(o.RequesterName) > 200 {
		v.add("requester_name", "กรุณากรอกชื่อ-นามสกุลผู้ขอใช้บริการ", "Enter the requester's full name.")
	}
	if !validEmail(o.RequesterEmail) {
		v.add("requester_email", "อีเมลผู้ขอใช้บริการไม่ถูกต้อง (Token จะส่งไปที่อีเมลนี้)", "The requester's e-mail is not valid (the token is sent there).")
	}
	if _, ok := NormalizePhone(o.RequesterPhone); !ok {
		v.add("requester_phone", "หมายเลขโทรศัพท์ผู้ขอใช้บริการไม่ถูกต้อง", "The requester's phone number is not valid.")
	}
	if o.ExecutiveName == "" || utf8.RuneCountInString(o.ExecutiveName) > 200 {
		v.add("executive_name", "กรุณากรอกชื่อผู้บริหารหน่วยงาน", "Enter the executive's name.")
	}
	if !validEmail(o.ExecutiveEmail) {
		v.add("executive_email", "อีเมลผู้บริหารไม่ถูกต้อง", "The executive's e-mail is not valid.")
	} else if o.ExecutiveEmail == o.RequesterEmail {
		v.add("executive_email", "อีเมลผู้บริหารต้องไม่ใช่อีเมลเดียวกับผู้ขอใช้บริการ", "The executive's e-mail must differ from the requester's.")
	}
	switch {
	case len(o.Letter) == 0:
		v.add("letter", "กรุณาแนบหนังสือขอเข้าใช้บริการ (PDF)", "Attach the request letter (PDF).")
	case len(o.Letter) > MaxLetterSize:
		v.add("letter", "ไฟล์หนังสือใหญ่เกิน 10 MB", "The letter is larger than 10 MB.")
	case !bytes.HasPrefix(o.Letter, []byte("%PDF-")):
		v.add("letter", "หนังสือต้องเป็นไฟล์ PDF", "The letter must be a PDF file.")
	}
	return v.err("คำขอใช้บริการ", "request")
}

func validEmail(s string) bool {
	m, err := mail.ParseAddress(s)
	return err == nil && m.Address == s && m.Name == "" && len(s) <= 254 && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// Onboarding events.
const (
	OnboardEventConfirm = "confirm"
	OnboardEventApprove = "approve"
	OnboardEventReject  = "reject"
)

// NextOnboardingStatus is the workflow as a pure function: the state after
// event, or an error saying why the event does not apply now.
func NextOnboardingStatus(status, event string) (string, error) {
	switch {
	case status == OnboardSubmitted && event == OnboardEventConfirm:
		return OnboardConfirmed, nil
	case status == OnboardConfirmed && event == OnboardEventApprove:
		return OnboardApproved, nil
	case (status == OnboardConfirmed || status == OnboardSubmitted) && event == OnboardEventReject:
		return OnboardRejected, nil
	case status == OnboardConfirmed && event == OnboardEventConfirm:
		return "", Errorf(ECONFLICT, "คำขอนี้ได้รับการยืนยันแล้ว", "This request was confirmed already.")
	case status == OnboardSubmitted && event == OnboardEventApprove:
		return "", Errorf(ECONFLICT, "ผู้บริหารหน่วยงานยังไม่ได้ยืนยันคำขอนี้", "The agency's executive has not confirmed this request yet.")
	case status == OnboardApproved || status == OnboardRejected:
		return "", Errorf(ECONFLICT, "คำขอนี้พิจารณาเสร็จแล้ว", "This request was decided already.")
	}
	return "", Errorf(EINVALID, "ดำเนินการนี้กับคำขอไม่ได้", "This action does not apply to the request.")
}
