package admin

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

type onboardingListPage struct {
	Status   string
	Requests []*openinfo.OnboardingRequest
	Pager    *ui.Pager
}

func (s *Admin) handleAdminOnboarding(w http.ResponseWriter, r *http.Request) {
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

func (s *Admin) handleAdminOnboardingRequest(w http.ResponseWriter, r *http.Request) {
	s.renderOnboardingRequest(w, r, http.StatusOK, "")
}

func (s *Admin) renderOnboardingRequest(w http.ResponseWriter, r *http.Request, status int, notice string) {
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
func (s *Admin) handleAdminOnboardingLetter(w http.ResponseWriter, r *http.Request) {
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
func (s *Admin) handleAdminOnboardingApprove(w http.ResponseWriter, r *http.Request) {
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
Your agency's request was approved. Your central officer's token (single use, valid until %s) is shown above.
Sign in at %s/admin with Digital ID and enter it.
`, o.RequesterName, o.AgencyNameTH, thaitime.FormatDate(tok.ExpiresAt, "th-long"), openinfo.FormatToken(plain), s.BaseURL,
		thaitime.FormatDate(tok.ExpiresAt, "en-long"), s.BaseURL)
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
func (s *Admin) handleAdminOnboardingReject(w http.ResponseWriter, r *http.Request) {
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
