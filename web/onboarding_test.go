package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
)

// mailbox is a real SMTP server on loopback that keeps what it receives.
type mailbox struct {
	mu   sync.Mutex
	msgs []*mail.Message
	body []string
}

func (m *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{m: m}, nil }

type mailSession struct{ m *mailbox }

func (s *mailSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *mailSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *mailSession) Reset()                               {}
func (s *mailSession) Logout() error                        { return nil }
func (s *mailSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(msg.Body)
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		b, _ = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(b)))
	}
	s.m.mu.Lock()
	s.m.msgs, s.m.body = append(s.m.msgs, msg), append(s.m.body, string(b))
	s.m.mu.Unlock()
	return nil
}

// to returns the text of the newest mail to addr.
func (m *mailbox) to(t *testing.T, addr string) (subject, body string) {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.msgs) - 1; i >= 0; i-- {
		if strings.Contains(m.msgs[i].Header.Get("To"), addr) {
			subj, _ := new(mime.WordDecoder).DecodeHeader(m.msgs[i].Header.Get("Subject"))
			return subj, m.body[i]
		}
	}
	t.Fatalf("no mail to %s", addr)
	return "", ""
}

func startMailbox(t *testing.T) (*mailbox, notify.Mailer) {
	mb := &mailbox{}
	srv := smtp.NewServer(mb)
	srv.Domain = "mx.test"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	port := ln.Addr().(*net.TCPAddr).Port
	m, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: port, From: "openinfo <no-reply@info.test>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	return mb, m
}

// postMultipart submits the onboarding form with a file, like a browser.
func (b *browser) postMultipart(u string, fields map[string]string, file string, content []byte) {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if file != "" {
		fw, _ := w.CreateFormFile("letter", file)
		fw.Write(content)
	}
	w.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	b.do(req)
}

var linkRe = regexp.MustCompile(`http://[^\s]+/onboarding/confirm\?[^\s]+`)
var mailTokenRe = regexp.MustCompile(`\b(\d{3} \d{3} \d{3} \d{3} \d{3})\b`)

// TestOnboardingEndToEnd: an agency asks to join; its executive confirms
// through the link of a real e-mail; the platform administrator approves;
// the requester gets the first central officer's token by e-mail and
// redeems it.
func TestOnboardingEndToEnd(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		mb, mailer := startMailbox(t)
		e := newOfficeEnvWith(t, db, rpOptions{clientID: "backoffice", secret: "backoffice-secret", mailer: mailer})
		ctx := context.Background()
		ministry := &openinfo.Agency{Type: openinfo.AgencyMinistry, NameTH: "กระทรวงพาณิชย์"}
		if err := db.CreateAgency(ctx, ministry); err != nil {
			t.Fatal(err)
		}
		fields := map[string]string{"agency_name_th": "กรมการค้าภายใน", "agency_name_en": "Department of Internal Trade",
			"agency_type": "department", "parent_id": fmt.Sprint(ministry.ID), "province": "12",
			"requester_name": "สมปอง รักงาน", "requester_title": "นักวิชาการคอมพิวเตอร์", "requester_email": "sompong@dit.go.th",
			"requester_phone": "02 507 5530", "executive_name": "ผอ. ศูนย์เทคโนโลยีสารสนเทศ", "executive_email": "cio@dit.go.th"}

		// A letter that is not a PDF is refused; what was typed stays; nothing is saved.
		req := newBrowser(t)
		req.get(e.office.URL + "/onboarding")
		req.want(200, "ขอเปิดใช้บริการสำหรับหน่วยงาน", "กระทรวงพาณิชย์")
		req.postMultipart(e.office.URL+"/onboarding", fields, "letter.docx", []byte("PK\x03\x04 not a pdf"))
		req.want(422, "หนังสือต้องเป็นไฟล์ PDF", `value="สมปอง รักงาน"`)
		if _, n, _ := db.OnboardingRequests(ctx, "", 10, 0); n != 0 {
			t.Fatalf("a refused request was saved (%d)", n)
		}
		req.postMultipart(e.office.URL+"/onboarding", fields, "หนังสือขอใช้บริการ.pdf", []byte("%PDF-1.7\n1 0 obj\n"))
		req.wantPath("/onboarding/sent")
		req.want(200, "ส่งคำขอเรียบร้อยแล้ว")

		// The executive follows the link in the e-mail they received.
		subject, body := mb.to(t, "cio@dit.go.th")
		if !strings.Contains(subject, "กรมการค้าภายใน") || !strings.Contains(body, "สมปอง รักงาน") {
			t.Fatalf("confirmation mail: %q\n%s", subject, body)
		}
		link := linkRe.FindString(body)
		if link == "" {
			t.Fatalf("no link in\n%s", body)
		}
		exec := newBrowser(t)
		// A tampered link is refused.
		exec.get(strings.Replace(link, "r=1", "r=2", 1) + "x")
		exec.want(400, "ลิงก์ยืนยันไม่ถูกต้อง")
		exec.get(link)
		exec.want(200, "กรมการค้าภายใน", "ยืนยันการขอเปิดใช้บริการ")
		u, _ := url.Parse(link)
		exec.submit(e.office.URL+"/onboarding/confirm", url.Values{"r": {u.Query().Get("r")}, "e": {u.Query().Get("e")}, "s": {u.Query().Get("s")}})
		exec.want(200, "ยืนยันคำขอเรียบร้อยแล้ว")

		// The platform administrator approves.
		admin := newPerson(20, "ประเสริฐ")
		e.register(admin)
		ab := newBrowser(t)
		e.login(ab, admin, "allow")
		ab.wantPath("/admin/token")
		users, _, _ := db.Users(ctx, store.UserFilter{Query: "ประเสริฐ"})
		if _, err := db.GrantGlobalRole(ctx, users[0].ID, openinfo.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		ab.get(e.office.URL + "/admin/onboarding?status=confirmed")
		ab.want(200, "กรมการค้าภายใน")
		list, _, _ := db.OnboardingRequests(ctx, openinfo.OnboardConfirmed, 10, 0)
		ab.get(e.office.URL + fmt.Sprintf("/admin/onboarding/%d", list[0].ID))
		ab.want(200, "รอผู้ดูแลระบบอนุมัติ", "หนังสือขอใช้บริการ.pdf")
		ab.submit(e.office.URL+fmt.Sprintf("/admin/onboarding/%d/approve", list[0].ID), url.Values{})
		ab.want(200, "อนุมัติแล้ว ส่ง Token ไปที่อีเมลของผู้ขอใช้บริการแล้ว")
		ab.get(e.office.URL + "/admin") // a page with a form token, for a second, stale approval
		ab.submit(e.office.URL+fmt.Sprintf("/admin/onboarding/%d/approve", list[0].ID), url.Values{})
		ab.want(409, "คำขอนี้พิจารณาเสร็จแล้ว")

		// The requester gets the token by e-mail and redeems it.
		_, body = mb.to(t, "sompong@dit.go.th")
		m := mailTokenRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no token in the mail\n%s", body)
		}
		// The expiry in the Thai text is a Buddhist-era Thai date, not an ISO one.
		if !regexp.MustCompile(`ภายในวันที่ \d{1,2} [ก-๙]+ 25\d\d\)`).MatchString(body) || regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).MatchString(body) {
			t.Fatalf("the token's expiry is not a Thai Buddhist-era date\n%s", body)
		}
		sompong := newPerson(21, "สมปอง")
		e.register(sompong)
		sb := newBrowser(t)
		e.login(sb, sompong, "allow")
		sb.wantPath("/admin/token")
		sb.submit(e.office.URL+"/admin/token", url.Values{"token": {m[1]}})
		sb.wantPath("/admin")
		sb.want(200, "กรมการค้าภายใน", "เจ้าหน้าที่ส่วนกลาง")
	})
}
