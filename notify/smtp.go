package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLS modes of SMTPConfig.TLS.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which the server must offer (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: only for a development or test server on the loopback interface
)

// SMTPConfig configures sending through any SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int    // 0: 587 for "starttls", 465 for "tls", 25 for "none"
	Username string // with Password: authenticate (PLAIN or LOGIN, or what the server offers)
	Password string
	From     string        // "openinfo <no-reply@example.go.th>"
	TLS      string        // "starttls" (default; STARTTLS is mandatory), "tls" (implicit) or "none" (loopback only)
	Timeout  time.Duration // for connecting and each command; 0: 30 seconds

	// RootCAs verifies the server's certificate; nil uses the system's roots.
	RootCAs *x509.CertPool
}

// SMTPMailer sends mail through an SMTP server. It is safe for concurrent
// use: each Send opens its own connection.
type SMTPMailer struct {
	cfg  SMTPConfig
	from *mail.Address
	addr string
}

// NewSMTP checks cfg and returns a mailer for it. It does not connect.
//
// Credentials are only ever sent over TLS, except with TLS "none", which
// NewSMTP accepts only for a loopback host (localhost, 127.0.0.0/8, ::1):
// there PLAIN or LOGIN go over the unencrypted loopback connection, as
// development servers (and the tests) expect.
func NewSMTP(cfg SMTPConfig) (*SMTPMailer, error) {
	cfg.Host = strings.TrimSpace(cfg.Host)
	if cfg.Host == "" {
		return nil, errors.New("notify: SMTP host is not set")
	}
	if strings.ContainsAny(cfg.Host, " /@") || (strings.Contains(cfg.Host, ":") && net.ParseIP(cfg.Host) == nil) {
		return nil, fmt.Errorf("notify: SMTP host %q is not a host name or IP address (give the port separately)", cfg.Host)
	}
	cfg.TLS = strings.ToLower(strings.TrimSpace(cfg.TLS))
	defaultPort := 587
	switch cfg.TLS {
	case "", TLSStartTLS:
		cfg.TLS = TLSStartTLS
	case TLSImplicit:
		defaultPort = 465
	case TLSNone:
		defaultPort = 25
		if !isLoopback(cfg.Host) {
			return nil, fmt.Errorf("notify: SMTP TLS %q is only allowed for a server on the loopback interface, not %q; use %q or %q", TLSNone, cfg.Host, TLSStartTLS, TLSImplicit)
		}
	default:
		return nil, fmt.Errorf("notify: SMTP TLS %q is not one of %q, %q, %q", cfg.TLS, TLSStartTLS, TLSImplicit, TLSNone)
	}
	if cfg.Port == 0 {
		cfg.Port = defaultPort
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return nil, fmt.Errorf("notify: SMTP port %d is out of range", cfg.Port)
	}
	if (cfg.Username == "") != (cfg.Password == "") {
		return nil, errors.New("notify: SMTP username and password must be set together")
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("notify: SMTP timeout %s is negative", cfg.Timeout)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if strings.TrimSpace(cfg.From) == "" {
		return nil, errors.New("notify: SMTP From address is not set")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("notify: SMTP From %q does not parse as an address (like \"openinfo <no-reply@example.go.th>\"): %v", cfg.From, err)
	}
	if from.Address, err = ParseAddress(from.Address); err != nil {
		return nil, fmt.Errorf("notify: SMTP From %q: %v", cfg.From, err)
	}
	return &SMTPMailer{cfg: cfg, from: from, addr: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))}, nil
}

// isLoopback reports whether host names the loopback interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send sends m. A failure returns an error that includes the server's reply
// (for example "550 5.1.1 no such user").
func (s *SMTPMailer) Send(ctx context.Context, m Mail) error {
	m, err := normalize(m)
	if err != nil {
		return err
	}
	msg, err := s.message(m)
	if err != nil {
		return fmt.Errorf("notify: build %smail: %w", kindName(m.Kind), err)
	}
	c, err := s.client()
	if err != nil {
		return fmt.Errorf("notify: SMTP client for %s: %w", s.addr, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("notify: send %smail via %s: %w", kindName(m.Kind), s.addr, err)
	}
	return nil
}

// kindName names a mail's kind in an error: `"token.first" `, or nothing.
func kindName(kind string) string {
	if kind == "" {
		return ""
	}
	return strconv.Quote(kind) + " "
}

func (s *SMTPMailer) client() (*gomail.Client, error) {
	cfg := s.cfg
	opts := []gomail.Option{
		gomail.WithPort(cfg.Port),
		gomail.WithTimeout(cfg.Timeout),
		gomail.WithTLSConfig(&tls.Config{
			ServerName: cfg.Host,
			RootCAs:    cfg.RootCAs,
			MinVersion: tls.VersionTLS12,
		}),
	}
	switch cfg.TLS {
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
		if cfg.TLS == TLSNone {
			// Loopback only (checked by NewSMTP): go-mail refuses PLAIN and
			// LOGIN without TLS unless told, and the -NOENC types tell it.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc))
		} else {
			// Over TLS, PLAIN and LOGIN are what servers offer most; other
			// mechanisms (SCRAM, CRAM-MD5, …) are discovered when neither is.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin))
		}
	}
	return gomail.NewClient(cfg.Host, opts...)
}

// message builds the MIME message: quoted-printable UTF-8 text, with the
// HTML as a multipart/alternative when there is one, and the subject and
// display names encoded per RFC 2047.
func (s *SMTPMailer) message(m Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	if err := msg.To(m.To...); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	domain := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	msg.SetMessageIDWithValue(rand.Text() + "@" + domain)
	msg.SetUserAgent("openinfo")
	if m.Kind != "" {
		msg.SetGenHeader("X-Openinfo-Kind", m.Kind)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}
