// Package notify sends openinfo's e-mail: onboarding confirmation links,
// first officer tokens, task notifications.
//
// [SMTPMailer] sends through any SMTP server (STARTTLS by default, implicit
// TLS, or plain text to a loopback development server). [Outbox] records
// every mail in the mail_outbox table, so that every node and the development
// outbox page ([Outbox.Handler]) see it, and passes it on to an SMTP mailer
// when one is configured.
package notify

import (
	"context"
	"net/mail"
	"strings"

	"github.com/openinfo/openinfo"
)

// Mail is one e-mail message.
type Mail struct {
	To      []string // addresses
	Subject string   // UTF-8; Thai is encoded per RFC 2047 on the wire
	Text    string   // plain-text body, UTF-8 (required)
	HTML    string   // optional HTML alternative
	Kind    string   // "onboarding.confirm", "token.first", … for the outbox and logs
	// Secrets are parts of the text that only the recipient may read (a
	// first officer token): sent in full, but the outbox records each as
	// [Hidden] unless it was made to keep them (development, no SMTP).
	Secrets []string
}

// Hidden stands in the outbox for a secret part of a mail.
const Hidden = "[ซ่อนไว้ ส่งทางอีเมลเท่านั้น / hidden: sent by e-mail only]"

// redacted returns text with every secret replaced by Hidden.
func redacted(text string, secrets []string) string {
	for _, s := range secrets {
		if s = strings.TrimSpace(s); s != "" {
			text = strings.ReplaceAll(text, s, Hidden)
		}
	}
	return text
}

// Mailer sends mail.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// maxRecipients bounds the recipients of one mail: openinfo writes to a
// person or a handful of officers, never to a list.
const maxRecipients = 50

// normalize checks m and returns it with clean, lower-cased, de-duplicated
// addresses and a one-line subject.
func normalize(m Mail) (Mail, error) {
	if len(m.To) == 0 {
		return m, openinfo.Errorf(openinfo.EINVALID,
			"อีเมลต้องมีผู้รับอย่างน้อยหนึ่งราย",
			"A mail needs at least one recipient.")
	}
	if len(m.To) > maxRecipients {
		return m, openinfo.Errorf(openinfo.EINVALID,
			"อีเมลหนึ่งฉบับมีผู้รับได้ไม่เกิน %d ราย",
			"A mail can have at most %d recipients.", maxRecipients)
	}
	to := make([]string, 0, len(m.To))
	seen := make(map[string]bool, len(m.To))
	for _, s := range m.To {
		a, err := ParseAddress(s)
		if err != nil {
			return m, err
		}
		if !seen[a] {
			seen[a] = true
			to = append(to, a)
		}
	}
	m.To = to
	// A subject is one header line: a line break in it would end the header.
	m.Subject = strings.TrimSpace(strings.Join(strings.FieldsFunc(m.Subject, func(r rune) bool {
		return r == '\r' || r == '\n'
	}), " "))
	if m.Subject == "" {
		return m, openinfo.Errorf(openinfo.EINVALID,
			"อีเมลต้องมีหัวเรื่อง", "A mail needs a subject.")
	}
	if strings.TrimSpace(m.Text) == "" {
		return m, openinfo.Errorf(openinfo.EINVALID,
			"อีเมลต้องมีเนื้อความแบบข้อความ", "A mail needs a plain-text body.")
	}
	m.Kind = strings.TrimSpace(m.Kind)
	return m, nil
}

// ParseAddress checks an e-mail address as a person types it ("a@b.go.th"
// or "Name <a@b.go.th>") and returns the bare address in lower case. It
// accepts the addresses every SMTP server takes: an ASCII local part of
// letters, digits and !#$%&'*+-/=?^_`{|}~ separated by single dots, and a
// domain name of at least two labels. Quoted local parts, IP literals and
// non-ASCII (internationalised) addresses are refused with a message saying
// why.
func ParseAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", openinfo.Errorf(openinfo.EINVALID,
			"กรุณากรอกอีเมล", "Please enter an e-mail address.")
	}
	invalid := func() (string, error) {
		return "", openinfo.Errorf(openinfo.EINVALID,
			"อีเมล %q ไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง (ตัวอย่าง: name@agency.go.th)",
			"%q is not a valid e-mail address (example: name@agency.go.th).", s)
	}
	if len(s) > 512 {
		return "", openinfo.Errorf(openinfo.EINVALID,
			"อีเมลยาวเกินไป", "The e-mail address is too long.")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return invalid()
	}
	addr := a.Address
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return invalid()
	}
	local, domain := addr[:at], addr[at+1:]
	for i := 0; i < len(addr); i++ {
		if addr[i] >= 0x80 {
			return "", openinfo.Errorf(openinfo.EINVALID,
				"อีเมล %q มีอักษรที่ไม่ใช่ภาษาอังกฤษ ระบบรองรับเฉพาะอีเมลที่เป็นอักษรภาษาอังกฤษ ตัวเลข และเครื่องหมาย . _ - +",
				"%q contains non-ASCII characters; only addresses in English letters, digits and . _ - + are supported.", s)
		}
	}
	if len(addr) > 254 || len(local) > 64 {
		return "", openinfo.Errorf(openinfo.EINVALID,
			"อีเมลยาวเกินไป", "The e-mail address is too long.")
	}
	if !validLocal(local) || !validDomain(domain) {
		return invalid()
	}
	return strings.ToLower(local + "@" + domain), nil
}

// validLocal reports whether s is a dot-atom (RFC 5322 §3.2.3).
func validLocal(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '.' && !strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", rune(c)) {
			return false
		}
	}
	return true
}

// validDomain reports whether s is a host name of two or more labels of
// letters, digits and inner hyphens, whose last label is not all digits.
func validDomain(s string) bool {
	if len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !isAlnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return strings.TrimLeft(tld, "0123456789") != ""
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
