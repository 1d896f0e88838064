package portal

import (
	"net/http"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The applicant's lookup of a delay notice (Licensing Facilitation Act
// section 10): the application's reference and the last four digits of the
// phone number the applicant gave. A wrong reference and wrong digits get
// the same answer, and an address may ask only so often, so nobody can walk
// the references; the page never shows a name or a contact.

const (
	delayLookupsPerHour = 20
	maxRefLen           = 64
)

type delayPage struct {
	Ref, Last4  string
	Status      *openinfo.DelayStatus
	ProcessName string
	ui.Form
}

// handleDelays shows the lookup form, and on POST the application's delay
// notices.
func (s *Portal) handleDelays(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	title := ui.T(lang, "delays.title")
	p := &delayPage{}
	if r.Method != http.MethodPost {
		s.Render(w, r, http.StatusOK, "delays", title, p)
		return
	}
	p.Ref = strings.TrimSpace(r.PostFormValue("ref"))
	p.Last4 = strings.TrimSpace(thaitime.ArabicDigits(r.PostFormValue("last4")))
	if len(p.Ref) > maxRefLen {
		p.Ref = p.Ref[:maxRefLen]
	}
	var v []openinfo.FieldError
	if p.Ref == "" {
		v = append(v, openinfo.FieldError{Field: "ref", TH: "กรุณากรอกเลขที่คำขอ", EN: "Enter the application's reference."})
	}
	if len(p.Last4) != 4 || strings.Trim(p.Last4, "0123456789") != "" {
		v = append(v, openinfo.FieldError{Field: "last4", TH: "กรุณากรอกหมายเลขโทรศัพท์ 4 หลักท้าย (ตัวเลข 4 ตัว)", EN: "Enter the last 4 digits of your phone number."})
	}
	if len(v) > 0 {
		s.refuse(w, r, &p.Form, title, p, &openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบข้อมูลที่กรอก", EN: "Please check what you entered.", Fields: v})
		return
	}
	ok, retry, err := s.db.RateLimit(ctx, "delays:ip:"+ui.ClientIP(r, s.proxies), delayLookupsPerHour, time.Hour)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !ok {
		w.Header().Set("Retry-After", itoa(int64(retry.Seconds())+1))
		s.refuse(w, r, &p.Form, title, p, openinfo.Errorf(openinfo.EFORBIDDEN,
			"ค้นหาจากที่อยู่นี้บ่อยเกินไป กรุณารอ %d นาทีแล้วลองใหม่", "Too many lookups from this address. Wait %d minutes and try again.",
			int(retry.Minutes())+1))
		return
	}
	st, err := s.db.LookupDelay(ctx, p.Ref, p.Last4)
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		s.refuse(w, r, &p.Form, title, p, err)
		return
	}
	p.Status = &st
	if proc, err := s.db.Process(ctx, st.ProcessID); err == nil {
		p.ProcessName = proc.Name(lang)
	}
	p.Last4 = "" // not echoed back into the page once used
	s.Render(w, r, http.StatusOK, "delays", title, p)
}

// refuse shows the lookup again with err, what was typed kept.
func (s *Portal) refuse(w http.ResponseWriter, r *http.Request, f *ui.Form, title string, page any, err error) {
	f.Message, f.Errors = ui.FormErrors(err, ui.LangFrom(r))
	status := ui.FormStatus(err)
	if openinfo.ErrorCode(err) == openinfo.EFORBIDDEN {
		status = http.StatusTooManyRequests
	}
	if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
		status = http.StatusOK // the same answer whichever part was wrong
	}
	s.Render(w, r, status, "delays", title, page)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"delays.title":    {"ติดตามหนังสือแจ้งเหตุล่าช้า", "Track a delay notice"},
		"delays.intro":    {"หากหน่วยงานพิจารณาคำขออนุญาตของท่านไม่เสร็จภายในเวลาที่กำหนดในคู่มือสำหรับประชาชน หน่วยงานต้องแจ้งเหตุล่าช้าให้ท่านทราบทุก 7 วันจนกว่าจะพิจารณาแล้วเสร็จ (พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ มาตรา 10) กรอกเลขที่คำขอและหมายเลขโทรศัพท์ 4 หลักท้ายที่ท่านให้ไว้กับหน่วยงาน", "If an agency cannot decide your application within the time its citizen manual states, it must tell you the reason every 7 days until it decides (Licensing Facilitation Act, section 10). Enter the application's reference and the last 4 digits of the phone number you gave the agency."},
		"delays.ref":      {"เลขที่คำขอ", "Application reference"},
		"delays.last4":    {"หมายเลขโทรศัพท์ 4 หลักท้าย", "Last 4 digits of your phone number"},
		"delays.submit":   {"ค้นหา", "Look up"},
		"delays.process":  {"กระบวนงาน", "Service"},
		"delays.received": {"วันที่ยื่นคำขอ", "Received"},
		"delays.due":      {"กำหนดแล้วเสร็จตามคู่มือ", "Due under the manual"},
		"delays.expected": {"คาดว่าจะพิจารณาแล้วเสร็จ", "Expected decision"},
		"delays.decision": {"ผลการพิจารณา", "Decision"},
		"delays.decided":  {"วันที่พิจารณาแล้วเสร็จ", "Decided on"},
		"delays.told":     {"วันที่แจ้งผลให้ท่านทราบ", "You were told on"},
		"delays.notices":  {"หนังสือแจ้งเหตุล่าช้า", "Delay notices"},
		"delays.seq":      {"ครั้งที่", "Notice"},
		"delays.date":     {"วันที่แจ้ง", "Date"},
		"delays.reason":   {"เหตุที่ล่าช้า", "Reason"},
		"delays.none":     {"ยังไม่มีหนังสือแจ้งเหตุล่าช้า", "No delay notice yet."},
		"delays.privacy":  {"หน้านี้ไม่แสดงชื่อหรือข้อมูลติดต่อของผู้ยื่นคำขอ ข้อมูลส่วนบุคคลของผู้ยื่นคำขอ รวมทั้งสำเนาหนังสือแจ้งที่หน่วยงานแนบไว้ ถูกลบเมื่อพ้นระยะเวลาเก็บรักษาหลังการพิจารณา", "This page never shows the applicant's name or contact. Applicants' personal data, with the copies of the letters the agency attached, is removed after the retention period that follows the decision."},
		"delays.link":     {"ติดตามหนังสือแจ้งเหตุล่าช้าของคำขอของท่าน", "Track the delay notices of your application"},
	})
}
