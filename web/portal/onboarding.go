package portal

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
)

// Agency onboarding (seed 001, the customer.dga.or.th flow): a public request
// form, the executive's e-mailed confirmation link, and the platform
// administrator's decision in the back office.

const confirmLinkTTL = 7 * 24 * time.Hour

type onboardingForm struct {
	Req     openinfo.OnboardingRequest
	Errors  map[string]string
	Message string
	Parents []*openinfo.Agency
}

func (s *Portal) onboardingParents(r *http.Request) []*openinfo.Agency {
	list, _, err := s.db.Agencies(r.Context(), store.AgencyFilter{Roots: true, Limit: 200,
		ExcludeTypes: []openinfo.AgencyType{openinfo.AgencyPAO, openinfo.AgencyMunicipality, openinfo.AgencySAO}})
	if err != nil {
		s.Log.Warn("onboarding parents", "err", err)
	}
	return list
}

// handleOnboardingForm shows the request form ("เปิดใช้บริการใหม่").
func (s *Portal) handleOnboardingForm(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "onboarding", ui.T(ui.LangFrom(r), "onboard.title"), onboardingForm{Parents: s.onboardingParents(r)})
}

// handleOnboardingSubmit stores a request and e-mails its executive a signed,
// expiring confirmation link.
func (s *Portal) handleOnboardingSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	f := onboardingForm{Errors: map[string]string{}, Parents: s.onboardingParents(r)}
	fail := func(status int, err error) {
		f.Message = openinfo.ErrorMessage(err, lang)
		for _, fe := range openinfo.FieldErrors(err) {
			if lang == ui.LangEN {
				f.Errors[fe.Field] = fe.EN
			} else {
				f.Errors[fe.Field] = fe.TH
			}
		}
		f.Req.Letter = nil
		s.Render(w, r, status, "onboarding", ui.T(lang, "onboard.title"), f)
	}
	ok, retry, err := s.db.RateLimit(ctx, "onboarding:ip:"+ui.ClientIP(r, s.proxies), 5, time.Hour)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !ok {
		fail(http.StatusTooManyRequests, openinfo.Errorf(openinfo.EFORBIDDEN, "ส่งคำขอจากที่อยู่นี้บ่อยเกินไป กรุณารอ %d นาที",
			"Too many requests from this address; wait %d minutes.", int(retry.Minutes())+1))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, openinfo.MaxLetterSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		fail(http.StatusRequestEntityTooLarge, &openinfo.Error{Code: openinfo.EINVALID,
			TH: "ส่งแบบฟอร์มไม่สำเร็จ: ไฟล์ใหญ่เกิน 10 MB หรือแบบฟอร์มไม่สมบูรณ์", EN: "The form could not be read: the file is over 10 MB or the form is incomplete.",
			Fields: []openinfo.FieldError{{Field: "letter", TH: "ไฟล์ต้องไม่เกิน 10 MB", EN: "At most 10 MB."}}})
		return
	}
	defer r.MultipartForm.RemoveAll()
	id := func(k string) int64 { n, _ := strconv.ParseInt(r.FormValue(k), 10, 64); return max(n, 0) }
	f.Req = openinfo.OnboardingRequest{AgencyNameTH: r.FormValue("agency_name_th"), AgencyNameEN: r.FormValue("agency_name_en"),
		AgencyType: openinfo.AgencyType(r.FormValue("agency_type")), ParentID: id("parent_id"), ProvinceCode: r.FormValue("province"),
		RequesterName: r.FormValue("requester_name"), RequesterTitle: r.FormValue("requester_title"),
		RequesterEmail: r.FormValue("requester_email"), RequesterPhone: r.FormValue("requester_phone"),
		ExecutiveName: r.FormValue("executive_name"), ExecutiveEmail: r.FormValue("executive_email")}
	if file, hdr, err := r.FormFile("letter"); err == nil {
		f.Req.LetterName = hdr.Filename
		f.Req.Letter, _ = io.ReadAll(io.LimitReader(file, openinfo.MaxLetterSize+1))
		file.Close()
	}
	if err := s.db.CreateOnboardingRequest(ctx, &f.Req); err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		fail(http.StatusUnprocessableEntity, err)
		return
	}
	if err := s.mailConfirmLink(r, &f.Req); err != nil {
		s.Log.Error("onboarding mail", "err", err, "request", f.Req.ID)
	}
	http.Redirect(w, r, "/onboarding/sent", http.StatusSeeOther)
}

func (s *Portal) confirmLink(id int64, exp time.Time) string {
	e := strconv.FormatInt(exp.Unix(), 10)
	q := url.Values{"r": {strconv.FormatInt(id, 10)}, "e": {e}, "s": {s.sealer.Sign("onboarding-confirm", strconv.FormatInt(id, 10), e)}}
	return s.BaseURL + "/onboarding/confirm?" + q.Encode()
}

func (s *Portal) mailConfirmLink(r *http.Request, o *openinfo.OnboardingRequest) error {
	if s.mailer == nil {
		return errors.New("no mailer configured")
	}
	link := s.confirmLink(o.ID, time.Now().Add(confirmLinkTTL))
	text := fmt.Sprintf(`เรียน %s

%s (%s) ขอเปิดใช้บริการระบบศูนย์รวมข้อมูลเพื่อติดต่อราชการ ในนามของ %s
โปรดยืนยันคำขอนี้ภายใน 7 วัน โดยเปิดลิงก์:

%s

หากท่านไม่ทราบเรื่องคำขอนี้ ไม่ต้องดำเนินการใด ๆ

---
Dear %s,
%s asks to join the Government Contact Information Center on behalf of %s.
Please confirm within 7 days by opening the link above. If you know nothing of this request, ignore this e-mail.
`, o.ExecutiveName, o.RequesterName, o.RequesterEmail, o.AgencyNameTH, link, o.ExecutiveName, o.RequesterName, o.AgencyNameTH)
	return s.mailer.Send(r.Context(), notify.Mail{To: []string{o.ExecutiveEmail}, Kind: "onboarding.confirm",
		Subject: "ยืนยันการขอเปิดใช้บริการ ศูนย์รวมข้อมูลเพื่อติดต่อราชการ: " + o.AgencyNameTH, Text: text})
}

func (s *Portal) handleOnboardingSent(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "onboarding_done", ui.T(ui.LangFrom(r), "onboard.title"), ui.T(ui.LangFrom(r), "onboard.sent"))
}

var errBadLink = openinfo.Errorf(openinfo.EINVALID, "ลิงก์ยืนยันไม่ถูกต้องหรือหมดอายุแล้ว กรุณาให้ผู้ขอใช้บริการส่งคำขอใหม่",
	"The confirmation link is invalid or has expired. Ask the requester to send a new request.")

// confirmRequest checks the signed link of the executive's e-mail.
func (s *Portal) confirmRequest(r *http.Request) (*openinfo.OnboardingRequest, error) {
	id, e, sig := r.FormValue("r"), r.FormValue("e"), r.FormValue("s")
	exp, err := strconv.ParseInt(e, 10, 64)
	if err != nil || time.Now().Unix() > exp || !s.sealer.Verify(sig, "onboarding-confirm", id, e) {
		return nil, errBadLink
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	return s.db.OnboardingRequest(r.Context(), n)
}

type confirmPage struct {
	Req          *openinfo.OnboardingRequest
	R, E, S      string
	Done         bool
	AlreadyTaken bool
}

// handleOnboardingConfirm shows the executive the request and, on POST, records the confirmation.
func (s *Portal) handleOnboardingConfirm(w http.ResponseWriter, r *http.Request) {
	// The page is reached through a secret link and shows personal data.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	o, err := s.confirmRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := confirmPage{Req: o, R: r.FormValue("r"), E: r.FormValue("e"), S: r.FormValue("s"), AlreadyTaken: o.Status != openinfo.OnboardSubmitted}
	if r.Method == http.MethodPost && !p.AlreadyTaken {
		if _, err := s.db.ConfirmOnboarding(r.Context(), o.ID); err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Done = true
	}
	s.Render(w, r, http.StatusOK, "onboarding_confirm", ui.T(ui.LangFrom(r), "onboard.confirm"), p)
}

// Back office: the platform administrator decides.
