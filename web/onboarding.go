package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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

func (s *Server) onboardingParents(r *http.Request) []*openinfo.Agency {
	list, _, err := s.db.Agencies(r.Context(), store.AgencyFilter{Roots: true, Limit: 200,
		ExcludeTypes: []openinfo.AgencyType{openinfo.AgencyPAO, openinfo.AgencyMunicipality, openinfo.AgencySAO}})
	if err != nil {
		s.Log.Warn("onboarding parents", "err", err)
	}
	return list
}

// handleOnboardingForm shows the request form ("เปิดใช้บริการใหม่").
func (s *Server) handleOnboardingForm(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "onboarding", ui.T(ui.LangFrom(r), "onboard.title"), onboardingForm{Parents: s.onboardingParents(r)})
}

// handleOnboardingSubmit stores a request and e-mails its executive a signed,
// expiring confirmation link.
func (s *Server) handleOnboardingSubmit(w http.ResponseWriter, r *http.Request) {
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
	ok, retry, err := s.db.RateLimit(ctx, "onboarding:ip:"+s.clientIP(r), 5, time.Hour)
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

func (s *Server) confirmLink(id int64, exp time.Time) string {
	e := strconv.FormatInt(exp.Unix(), 10)
	q := url.Values{"r": {strconv.FormatInt(id, 10)}, "e": {e}, "s": {s.sealer.Sign("onboarding-confirm", strconv.FormatInt(id, 10), e)}}
	return s.BaseURL + "/onboarding/confirm?" + q.Encode()
}

func (s *Server) mailConfirmLink(r *http.Request, o *openinfo.OnboardingRequest) error {
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

func (s *Server) handleOnboardingSent(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "onboarding_done", ui.T(ui.LangFrom(r), "onboard.title"), ui.T(ui.LangFrom(r), "onboard.sent"))
}

var errBadLink = openinfo.Errorf(openinfo.EINVALID, "ลิงก์ยืนยันไม่ถูกต้องหรือหมดอายุแล้ว กรุณาให้ผู้ขอใช้บริการส่งคำขอใหม่",
	"The confirmation link is invalid or has expired. Ask the requester to send a new request.")

// confirmRequest checks the signed link of the executive's e-mail.
func (s *Server) confirmRequest(r *http.Request) (*openinfo.OnboardingRequest, error) {
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
func (s *Server) handleOnboardingConfirm(w http.ResponseWriter, r *http.Request) {
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

type onboardingListPage struct {
	Status   string
	Requests []*openinfo.OnboardingRequest
	Pager    *ui.Pager
}

func (s *Server) handleAdminOnboarding(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	valid := status == ""
	for _, x := range openinfo.OnboardingStatuses {
		valid = valid || x.Status == status
	}
	if !valid {
		status = ""
	}
	p := onboardingListPage{Status: status, Pager: ui.NewPager(r, "page", 50)}
	list, total, err := s.db.OnboardingRequests(r.Context(), status, p.Pager.Size, p.Pager.Offset())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Requests = list
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_onboarding", ui.T(ui.LangFrom(r), "onboard.admin"), p)
}

type onboardingRequestPage struct {
	Req    *openinfo.OnboardingRequest
	Parent *openinfo.Agency
	Notice string
}

func (s *Server) handleAdminOnboardingRequest(w http.ResponseWriter, r *http.Request) {
	s.renderOnboardingRequest(w, r, http.StatusOK, "")
}

func (s *Server) renderOnboardingRequest(w http.ResponseWriter, r *http.Request, status int, notice string) {
	id, _ := ui.PathID(r, "id")
	o, err := s.db.OnboardingRequest(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := onboardingRequestPage{Req: o, Notice: notice}
	if o.ParentID != 0 {
		p.Parent, _ = s.db.Agency(r.Context(), o.ParentID)
	}
	s.Render(w, r, status, "admin_onboarding_request", ui.T(ui.LangFrom(r), "onboard.admin"), p)
}

// handleAdminOnboardingLetter sends the request letter as a download, never
// rendered inline on our origin.
func (s *Server) handleAdminOnboardingLetter(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	_, pdf, err := s.db.OnboardingLetter(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="request-%d.pdf"`, id))
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Write(pdf)
}

// handleAdminOnboardingApprove approves, creating the agency and its first
// central officer's token, and e-mails the token to the requester.
func (s *Server) handleAdminOnboardingApprove(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	plain, err := openinfo.NewToken()
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	tok := &openinfo.IssuedToken{Hash: openinfo.HashToken(s.sealer.HashKey(), plain), Sealed: s.sealer.Seal(plain),
		IssuedBy: currentUser(r.Context()).ID, ExpiresAt: time.Now().Add(s.tokenTTL)}
	o, err := s.db.ApproveOnboarding(r.Context(), id, tok)
	if err != nil {
		s.renderOnboardingRequest(w, r, http.StatusConflict, openinfo.ErrorMessage(err, ui.LangFrom(r)))
		return
	}
	notice := ui.T(ui.LangFrom(r), "onboard.approved")
	text := fmt.Sprintf(`เรียน %s

คำขอเปิดใช้บริการระบบศูนย์รวมข้อมูลเพื่อติดต่อราชการของ %s ได้รับการอนุมัติแล้ว
รหัส Token 15 หลักสำหรับเจ้าหน้าที่ส่วนกลาง (ใช้ได้ครั้งเดียว ภายในวันที่ %s):

    %s

เข้าสู่ระบบที่ %s/admin ด้วย Digital ID แล้วกรอกรหัส Token นี้

---
Your agency's request was approved. Your central officer's token (single use) is shown above.
Sign in at %s/admin with Digital ID and enter it.
`, o.RequesterName, o.AgencyNameTH, tok.ExpiresAt.Format("2006-01-02"), openinfo.FormatToken(plain), s.BaseURL, s.BaseURL)
	if s.mailer == nil {
		notice = ui.T(ui.LangFrom(r), "onboard.nomail")
	} else if err := s.mailer.Send(r.Context(), notify.Mail{To: []string{o.RequesterEmail}, Kind: "token.first",
		Subject: "Token สำหรับเข้าใช้งาน ศูนย์รวมข้อมูลเพื่อติดต่อราชการ: " + o.AgencyNameTH, Text: text,
		Secrets: []string{openinfo.FormatToken(plain)}}); err != nil {
		s.Log.Error("token mail", "err", err, "request", id)
		notice = ui.T(ui.LangFrom(r), "onboard.nomail")
	}
	s.renderOnboardingRequest(w, r, http.StatusOK, notice)
}

// handleAdminOnboardingReject closes a request with a reason, told to the requester.
func (s *Server) handleAdminOnboardingReject(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	o, err := s.db.RejectOnboarding(r.Context(), id, r.PostFormValue("reason"))
	if err != nil {
		status := http.StatusConflict
		if openinfo.ErrorCode(err) == openinfo.EINVALID {
			status = http.StatusUnprocessableEntity
		}
		s.renderOnboardingRequest(w, r, status, openinfo.ErrorMessage(err, ui.LangFrom(r)))
		return
	}
	if s.mailer != nil {
		text := fmt.Sprintf("เรียน %s\n\nคำขอเปิดใช้บริการของ %s ไม่ได้รับการอนุมัติ\nเหตุผล: %s\n\nสอบถาม DGA Contact Center โทร 02 612 6060\n",
			o.RequesterName, o.AgencyNameTH, strings.TrimSpace(o.Reason))
		if err := s.mailer.Send(r.Context(), notify.Mail{To: []string{o.RequesterEmail}, Kind: "onboarding.rejected",
			Subject: "ผลการพิจารณาคำขอเปิดใช้บริการ: " + o.AgencyNameTH, Text: text}); err != nil {
			s.Log.Error("rejection mail", "err", err, "request", id)
		}
	}
	s.renderOnboardingRequest(w, r, http.StatusOK, ui.T(ui.LangFrom(r), "onboard.rejected"))
}
