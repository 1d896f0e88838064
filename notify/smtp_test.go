package notify_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
)

// received is a message as the test server got it.
type received struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the connection was encrypted when the message came
	User string
}

// testBackend is an SMTP server backend that keeps messages in memory.
type testBackend struct {
	user, pass string // when set, clients must authenticate with PLAIN
	rejectRcpt string // RCPT TO this address is refused with 550

	mu   sync.Mutex
	msgs []received
}

func (b *testBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &testSession{b: b, c: c}, nil
}

func (b *testBackend) messages() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.msgs...)
}

type testSession struct {
	b    *testBackend
	c    *smtp.Conn
	user string
	from string
	to   []string
}

func (s *testSession) AuthMechanisms() []string {
	if s.b.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || s.b.user == "" {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.b.user || password != s.b.pass {
			return smtp.ErrAuthFailed
		}
		s.user = username
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.b.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.b.rejectRcpt != "" && strings.EqualFold(to, s.b.rejectRcpt) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable: no such user here"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.c.TLSConnectionState()
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, received{From: s.from, To: s.to, Data: data, TLS: isTLS, User: s.user})
	s.b.mu.Unlock()
	return nil
}

func (s *testSession) Reset()        { s.from, s.to = "", nil }
func (s *testSession) Logout() error { return nil }

type serverOpts struct {
	tls      *tls.Config // offered with STARTTLS
	implicit bool        // TLS from the first byte
	insecure bool        // AllowInsecureAuth
}

// startServer runs an SMTP server on a free loopback port until the test
// ends and returns its port.
func startServer(t *testing.T, be *testBackend, o serverOpts) int {
	t.Helper()
	s := smtp.NewServer(be)
	s.Domain = "mx.test.example"
	s.AllowInsecureAuth = o.insecure
	s.ReadTimeout = 10 * time.Second
	s.WriteTimeout = 10 * time.Second
	var l net.Listener
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if o.implicit {
		l = tls.NewListener(l, o.tls)
	} else {
		s.TLSConfig = o.tls
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Serve(l)
	}()
	t.Cleanup(func() {
		s.Close()
		l.Close() // in case Close ran before Serve registered l
		<-done
	})
	return l.Addr().(*net.TCPAddr).Port
}

// selfSigned returns a server TLS config with a fresh self-signed
// certificate for 127.0.0.1 and localhost, and a pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "openinfo test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}

const (
	thaiSubject = "ยืนยันการขอเปิดใช้บริการ ศูนย์รวมข้อมูลเพื่อติดต่อราชการ"
	confirmLink = "https://openinfo.example.go.th/onboarding/confirm?token=Zx9_Qm-3kP0aB7c8D9e0F1g2H3i4J5k6L7m8N9o0&agency=1234&sig=AbC%3D%3D=="
)

var thaiText = "เรียน ผู้บริหารหน่วยงาน\n\n" +
	"หน่วยงานของท่านได้ขอเปิดใช้บริการศูนย์รวมข้อมูลเพื่อติดต่อราชการ กรุณายืนยันภายใน 7 วันที่ลิงก์นี้:\n" +
	confirmLink + "\n\n" +
	"หากท่านไม่ได้ขอ โปรดเพิกเฉยต่ออีเมลนี้ = 100% ปลอดภัย\n" +
	"บรรทัดที่ยาวมาก " + strings.Repeat("ข้อความภาษาไทยที่ยาวต่อเนื่องกันโดยไม่มีการขึ้นบรรทัดใหม่ ", 5) + "\n"

var thaiHTML = `<p>เรียน ผู้บริหารหน่วยงาน</p><p><a href="` + confirmLink + `">ยืนยันการขอเปิดใช้บริการ</a></p>`

func thaiMail(to ...string) notify.Mail {
	return notify.Mail{
		To:      to,
		Subject: thaiSubject,
		Text:    thaiText,
		HTML:    thaiHTML,
		Kind:    "onboarding.confirm",
	}
}

func newSMTP(t *testing.T, cfg notify.SMTPConfig) *notify.SMTPMailer {
	t.Helper()
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.From == "" {
		cfg.From = "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ <No-Reply@Info.Example.go.th>"
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	m, err := notify.NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// decodeBody decodes a body by its Content-Transfer-Encoding and turns CRLF
// line ends into LF.
func decodeBody(t *testing.T, cte string, r io.Reader) string {
	t.Helper()
	switch strings.ToLower(cte) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "", "7bit", "8bit":
	default:
		t.Fatalf("unexpected Content-Transfer-Encoding %q", cte)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// parsed is a received message, decoded.
type parsed struct {
	Header        mail.Header
	Subject       string
	From          *mail.Address
	To            []*mail.Address
	Text, HTML    string
	RawBody       string
	TextPartCount int
}

func parseMessage(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, data)
	}
	var p parsed
	p.Header = msg.Header
	var dec mime.WordDecoder
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode subject %q: %v", msg.Header.Get("Subject"), err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From %q: %v", msg.Header.Get("From"), err)
	}
	p.From = from[0]
	if p.To, err = msg.Header.AddressList("To"); err != nil {
		t.Fatalf("To %q: %v", msg.Header.Get("To"), err)
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		t.Fatal(err)
	}
	p.RawBody = string(body)
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	switch mt {
	case "text/plain":
		p.Text = decodeBody(t, msg.Header.Get("Content-Transfer-Encoding"), bytes.NewReader(body))
		p.TextPartCount = 1
	case "multipart/alternative":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			pt, pparams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
			if err != nil {
				t.Fatal(err)
			}
			if cs := strings.ToLower(pparams["charset"]); cs != "utf-8" {
				t.Errorf("part %s charset %q, want utf-8", pt, cs)
			}
			s := decodeBody(t, part.Header.Get("Content-Transfer-Encoding"), part)
			switch pt {
			case "text/plain":
				p.Text = s
				p.TextPartCount++
			case "text/html":
				p.HTML = s
			default:
				t.Errorf("unexpected part %s", pt)
			}
		}
	default:
		t.Fatalf("unexpected Content-Type %s", mt)
	}
	return p
}

func TestSMTPSendThai(t *testing.T) {
	be := &testBackend{}
	port := startServer(t, be, serverOpts{})
	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"})

	if err := m.Send(context.Background(), thaiMail("Somchai.J@Agency.Example.go.th", "deputy@agency.example.go.th")); err != nil {
		t.Fatal(err)
	}
	msgs := be.messages()
	if len(msgs) != 1 {
		t.Fatalf("server got %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.From != "no-reply@info.example.go.th" {
		t.Errorf("envelope from %q", got.From)
	}
	if strings.Join(got.To, ",") != "somchai.j@agency.example.go.th,deputy@agency.example.go.th" {
		t.Errorf("envelope to %q", got.To)
	}
	// The wire form is 7-bit: Thai only ever appears encoded.
	for i, c := range got.Data {
		if c >= 0x80 {
			t.Fatalf("byte %d of the message is not ASCII: %q", i, got.Data[max(0, i-40):min(len(got.Data), i+40)])
		}
	}
	for i, line := range strings.Split(string(got.Data), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes long", i, len(line))
		}
	}

	p := parseMessage(t, got.Data)
	if p.Subject != thaiSubject {
		t.Errorf("subject = %q, want %q (raw %q)", p.Subject, thaiSubject, p.Header.Get("Subject"))
	}
	if p.From.Address != "no-reply@info.example.go.th" || p.From.Name != "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ" {
		t.Errorf("From = %q <%s>", p.From.Name, p.From.Address)
	}
	if len(p.To) != 2 || p.To[0].Address != "somchai.j@agency.example.go.th" || p.To[1].Address != "deputy@agency.example.go.th" {
		t.Errorf("To = %v", p.To)
	}
	if p.TextPartCount != 1 {
		t.Errorf("%d text parts, want 1", p.TextPartCount)
	}
	if p.Text != thaiText {
		t.Errorf("text body:\n got %q\nwant %q", p.Text, thaiText)
	}
	if p.HTML != thaiHTML {
		t.Errorf("HTML body:\n got %q\nwant %q", p.HTML, thaiHTML)
	}
	if !strings.Contains(p.Text, "\n"+confirmLink+"\n") {
		t.Errorf("link does not survive on its own line in %q", p.Text)
	}
	if p.Header.Get("Message-Id") == "" || !strings.HasSuffix(p.Header.Get("Message-Id"), "@info.example.go.th>") {
		t.Errorf("Message-ID %q", p.Header.Get("Message-Id"))
	}
	if d, err := p.Header.Date(); err != nil || time.Since(d) > time.Minute {
		t.Errorf("Date %q: %v", p.Header.Get("Date"), err)
	}
	if k := p.Header.Get("X-Openinfo-Kind"); k != "onboarding.confirm" {
		t.Errorf("X-Openinfo-Kind %q", k)
	}

	// Text only: a single text/plain body.
	plain := notify.Mail{To: []string{"a@b.go.th"}, Subject: "รหัสเจ้าหน้าที่ <first>", Text: "รหัส: 123456789012345\n", Kind: "token.first"}
	if err := m.Send(context.Background(), plain); err != nil {
		t.Fatal(err)
	}
	msgs = be.messages()
	p = parseMessage(t, msgs[len(msgs)-1].Data)
	if p.Subject != plain.Subject || p.Text != plain.Text || p.HTML != "" {
		t.Errorf("text-only mail: subject %q text %q html %q", p.Subject, p.Text, p.HTML)
	}
}

func TestSMTPSubjectHeaderInjection(t *testing.T) {
	be := &testBackend{}
	port := startServer(t, be, serverOpts{})
	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"})
	err := m.Send(context.Background(), notify.Mail{
		To:      []string{"a@b.go.th"},
		Subject: "hello\r\nBcc: victim@evil.example\r\n",
		Text:    "body",
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs := be.messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 {
		t.Fatalf("messages %v", msgs)
	}
	p := parseMessage(t, msgs[0].Data)
	if p.Header.Get("Bcc") != "" || p.Subject != "hello Bcc: victim@evil.example" {
		t.Errorf("subject %q, Bcc %q", p.Subject, p.Header.Get("Bcc"))
	}
}

func TestSMTPInvalidMail(t *testing.T) {
	be := &testBackend{}
	port := startServer(t, be, serverOpts{})
	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"})
	for _, mail := range []notify.Mail{
		{Subject: "s", Text: "t"},
		{To: []string{"not an address"}, Subject: "s", Text: "t"},
		{To: []string{"a@b.go.th"}, Text: "t"},
		{To: []string{"a@b.go.th"}, Subject: "s", HTML: "<p>only html</p>"},
	} {
		err := m.Send(context.Background(), mail)
		if openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Errorf("Send(%+v) = %v, want an invalid error", mail, err)
		}
	}
	if n := len(be.messages()); n != 0 {
		t.Errorf("server got %d messages", n)
	}
}

func TestSMTPAuth(t *testing.T) {
	be := &testBackend{user: "mailer", pass: "s3cret ลับ"}
	port := startServer(t, be, serverOpts{insecure: true})
	ctx := context.Background()

	good := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none", Username: "mailer", Password: "s3cret ลับ"})
	if err := good.Send(ctx, thaiMail("a@b.go.th")); err != nil {
		t.Fatalf("right credentials: %v", err)
	}
	if msgs := be.messages(); len(msgs) != 1 || msgs[0].User != "mailer" {
		t.Fatalf("messages %+v", msgs)
	}

	bad := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none", Username: "mailer", Password: "wrong"})
	err := bad.Send(ctx, thaiMail("a@b.go.th"))
	if err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("wrong credentials: err = %v, want the server's 535 reply", err)
	}

	none := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"})
	err = none.Send(ctx, thaiMail("a@b.go.th"))
	if err == nil || !strings.Contains(err.Error(), "authenticate") {
		t.Errorf("no credentials: err = %v, want the server's reply", err)
	}
	if n := len(be.messages()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
}

func TestSMTPStartTLS(t *testing.T) {
	serverTLS, pool := selfSigned(t)
	be := &testBackend{user: "mailer", pass: "pw"}
	// No insecure auth: the server offers AUTH only after STARTTLS.
	port := startServer(t, be, serverOpts{tls: serverTLS})
	ctx := context.Background()

	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "starttls", Username: "mailer", Password: "pw", RootCAs: pool})
	if err := m.Send(ctx, thaiMail("a@b.go.th")); err != nil {
		t.Fatal(err)
	}
	msgs := be.messages()
	if len(msgs) != 1 || !msgs[0].TLS || msgs[0].User != "mailer" {
		t.Fatalf("messages %+v", msgs)
	}
	if p := parseMessage(t, msgs[0].Data); p.Subject != thaiSubject || p.Text != thaiText {
		t.Errorf("subject %q text %q", p.Subject, p.Text)
	}

	// The default TLS mode is STARTTLS, and the certificate must verify.
	untrusted := newSMTP(t, notify.SMTPConfig{Port: port, Username: "mailer", Password: "pw"})
	err := untrusted.Send(ctx, thaiMail("a@b.go.th"))
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) && (err == nil || !strings.Contains(err.Error(), "certificate")) {
		t.Errorf("untrusted certificate: err = %v", err)
	}

	// A server that offers no STARTTLS: mail is not sent in clear.
	plainBE := &testBackend{}
	plainPort := startServer(t, plainBE, serverOpts{})
	m = newSMTP(t, notify.SMTPConfig{Port: plainPort, TLS: "starttls", RootCAs: pool})
	err = m.Send(ctx, thaiMail("a@b.go.th"))
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("no STARTTLS: err = %v", err)
	}
	if n := len(plainBE.messages()); n != 0 {
		t.Errorf("server without STARTTLS got %d messages", n)
	}
	if n := len(be.messages()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	serverTLS, pool := selfSigned(t)
	be := &testBackend{user: "mailer", pass: "pw"}
	port := startServer(t, be, serverOpts{tls: serverTLS, implicit: true})
	m := newSMTP(t, notify.SMTPConfig{Host: "localhost", Port: port, TLS: "tls", Username: "mailer", Password: "pw", RootCAs: pool})
	if err := m.Send(context.Background(), thaiMail("a@b.go.th")); err != nil {
		t.Fatal(err)
	}
	if msgs := be.messages(); len(msgs) != 1 || !msgs[0].TLS {
		t.Fatalf("messages %+v", msgs)
	}
}

func TestSMTPRejectedRecipient(t *testing.T) {
	be := &testBackend{rejectRcpt: "ghost@b.go.th"}
	port := startServer(t, be, serverOpts{})
	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"})
	err := m.Send(context.Background(), thaiMail("a@b.go.th", "ghost@b.go.th"))
	if err == nil {
		t.Fatal("Send succeeded, want the server's refusal")
	}
	for _, want := range []string{"550", "no such user here", "ghost@b.go.th"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if n := len(be.messages()); n != 0 {
		t.Errorf("server got %d messages, want none (all or nothing)", n)
	}
}

func TestSMTPUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	m := newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none", Timeout: 2 * time.Second})
	err = m.Send(context.Background(), thaiMail("a@b.go.th"))
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:"+strconv.Itoa(port)) {
		t.Errorf("err = %v, want a connection error naming the server", err)
	}
}

func TestNewSMTPValidation(t *testing.T) {
	ok := notify.SMTPConfig{Host: "smtp.example.go.th", From: "openinfo <no-reply@example.go.th>"}
	if _, err := notify.NewSMTP(ok); err != nil {
		t.Fatalf("NewSMTP(%+v): %v", ok, err)
	}
	tests := []struct {
		name string
		edit func(*notify.SMTPConfig)
		want string
	}{
		{"no host", func(c *notify.SMTPConfig) { c.Host = "" }, "host"},
		{"host with port", func(c *notify.SMTPConfig) { c.Host = "smtp.example.go.th:587" }, "port"},
		{"bad TLS", func(c *notify.SMTPConfig) { c.TLS = "ssl" }, "TLS"},
		{"none on a remote host", func(c *notify.SMTPConfig) { c.TLS = "none" }, "loopback"},
		{"port out of range", func(c *notify.SMTPConfig) { c.Port = 70000 }, "port"},
		{"no From", func(c *notify.SMTPConfig) { c.From = "" }, "From"},
		{"bad From", func(c *notify.SMTPConfig) { c.From = "openinfo no-reply" }, "From"},
		{"From without domain", func(c *notify.SMTPConfig) { c.From = "openinfo <no-reply@localhost>" }, "From"},
		{"username without password", func(c *notify.SMTPConfig) { c.Username = "u" }, "password"},
		{"negative timeout", func(c *notify.SMTPConfig) { c.Timeout = -time.Second }, "timeout"},
	}
	for _, tt := range tests {
		cfg := ok
		tt.edit(&cfg)
		_, err := notify.NewSMTP(cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
	for _, host := range []string{"127.0.0.1", "localhost", "::1", "127.0.0.2"} {
		if _, err := notify.NewSMTP(notify.SMTPConfig{Host: host, TLS: "NONE", From: ok.From}); err != nil {
			t.Errorf("TLS none on %s: %v", host, err)
		}
	}
}
