package notify_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
)

const scriptSubject = `แจ้งเตือน <script>alert("x")</script> & "quotes"`

func TestOutbox(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := notify.NewOutbox(db, nil)
		before := time.Now().Add(-time.Second)

		if err := o.Send(ctx, thaiMail("Somchai@Agency.Example.go.th", "somchai@agency.example.go.th", "b@c.go.th")); err != nil {
			t.Fatal(err)
		}
		if err := o.Send(ctx, notify.Mail{To: []string{"officer@agency.go.th"}, Subject: "รหัสเจ้าหน้าที่คนแรก", Text: "รหัส 123456789012345", Kind: "token.first"}); err != nil {
			t.Fatal(err)
		}
		xss := notify.Mail{
			To:      []string{"x@y.go.th"},
			Subject: scriptSubject,
			Text:    "ดูที่ <script>alert(1)</script> https://example.go.th/a?b=1&c=<2>.",
			HTML:    `<p>hi</p><script>alert(2)</script><img src=x onerror=alert(3)>`,
			Kind:    "task.notify",
		}
		if err := o.Send(ctx, xss); err != nil {
			t.Fatal(err)
		}
		after := time.Now().Add(time.Second)

		// Invalid mail is refused and not recorded.
		err := o.Send(ctx, notify.Mail{To: []string{"nobody"}, Subject: "s", Text: "t"})
		if openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Errorf("invalid mail: err = %v", err)
		}

		list, total, err := o.List(ctx, 2, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(list) != 2 {
			t.Fatalf("List(2, 0): %d mails, total %d; want 2 of 3", len(list), total)
		}
		if list[0].Subject != scriptSubject || list[1].Kind != "token.first" {
			t.Errorf("List is not newest first: %q, %q", list[0].Subject, list[1].Kind)
		}
		rest, total, err := o.List(ctx, 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(rest) != 1 || rest[0].Kind != "onboarding.confirm" {
			t.Fatalf("List(2, 2): %+v, total %d", rest, total)
		}
		if all, _, err := o.List(ctx, 0, -5); err != nil || len(all) != 3 {
			t.Errorf("List(0, -5): %d mails, %v", len(all), err)
		}

		s, err := o.Get(ctx, rest[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(s.To, ",") != "somchai@agency.example.go.th,b@c.go.th" {
			t.Errorf("To = %q, want clean, de-duplicated addresses", s.To)
		}
		if s.Subject != thaiSubject || s.Text != thaiText || s.HTML != thaiHTML || s.Kind != "onboarding.confirm" {
			t.Errorf("stored mail differs: %+v", s)
		}
		if s.CreatedAt.Before(before) || s.CreatedAt.After(after) || s.CreatedAt.Location() != time.UTC {
			t.Errorf("CreatedAt = %v, want between %v and %v in UTC", s.CreatedAt, before, after)
		}
		if !s.SentAt.IsZero() || s.Error != "" || s.Status() != "recorded" {
			t.Errorf("without a mailer: SentAt %v, Error %q, Status %q", s.SentAt, s.Error, s.Status())
		}
		if _, err := o.Get(ctx, 999999); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Errorf("Get(999999): err = %v, want not found", err)
		}

		// The page.
		mux := http.NewServeMux()
		mux.Handle("/dev/outbox/", http.StripPrefix("/dev/outbox", o.Handler()))
		srv := httptest.NewServer(mux)
		defer srv.Close()
		client := srv.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		get := func(path string) (int, http.Header, string) {
			t.Helper()
			resp, err := client.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode, resp.Header, string(b)
		}

		code, h, body := get("/dev/outbox/")
		if code != http.StatusOK {
			t.Fatalf("list: status %d", code)
		}
		if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("list: Content-Type %q", ct)
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("list: CSP %q", csp)
		}
		if strings.Contains(body, "<script") {
			t.Errorf("list page contains a raw <script>:\n%s", body)
		}
		for _, want := range []string{
			"แจ้งเตือน &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;",
			thaiSubject,
			"somchai@agency.example.go.th, b@c.go.th",
			"token.first",
			`href="` + strconv.FormatInt(rest[0].ID, 10) + `"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("list page lacks %q:\n%s", want, body)
			}
		}

		code, _, body = get("/dev/outbox/" + strconv.FormatInt(list[0].ID, 10))
		if code != http.StatusOK {
			t.Fatalf("mail: status %d", code)
		}
		if strings.Contains(body, "<script") || strings.Contains(body, "<img") {
			t.Errorf("mail page contains raw markup from the mail:\n%s", body)
		}
		for _, want := range []string{
			"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;",
			"ดูที่ &lt;script&gt;alert(1)&lt;/script&gt; ",
			`<iframe sandbox="" `,
			`srcdoc="&lt;p&gt;hi&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;img src=x onerror=alert(3)&gt;"`,
			`<a href="https://example.go.th/a?b=1&amp;c=" rel="noreferrer">https://example.go.th/a?b=1&amp;c=</a>&lt;2&gt;.`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("mail page lacks %q:\n%s", want, body)
			}
		}

		code, _, body = get("/dev/outbox/" + strconv.FormatInt(rest[0].ID, 10))
		if code != http.StatusOK || !strings.Contains(body, `<a href="https://openinfo.example.go.th/onboarding/confirm?token=`) {
			t.Errorf("onboarding mail: status %d, link not clickable:\n%s", code, body)
		}

		for path, want := range map[string]int{
			"/dev/outbox/999999":   http.StatusNotFound,
			"/dev/outbox/abc":      http.StatusNotFound,
			"/dev/outbox/-1":       http.StatusNotFound,
			"/dev/outbox/?page=2":  http.StatusOK,
			"/dev/outbox/?page=x":  http.StatusBadRequest,
			"/dev/outbox/?page=0":  http.StatusBadRequest,
			"/dev/outbox":          http.StatusTemporaryRedirect, // by the caller's mux
			"/dev/outbox/1/2":      http.StatusNotFound,
			"/dev/outbox/?page=10": http.StatusOK,
		} {
			if code, _, _ := get(path); code != want {
				t.Errorf("GET %s: status %d, want %d", path, code, want)
			}
		}
		resp, err := client.Post(srv.URL+"/dev/outbox/", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST: status %d", resp.StatusCode)
		}

		// Prune keeps recent mail and deletes older.
		if n, err := o.Prune(ctx, before); err != nil || n != 0 {
			t.Errorf("Prune(before): %d, %v", n, err)
		}
		if n, err := o.Prune(ctx, after); err != nil || n != 3 {
			t.Errorf("Prune(after): %d, %v", n, err)
		}
		if list, total, err := o.List(ctx, 10, 0); err != nil || total != 0 || len(list) != 0 {
			t.Errorf("after Prune: %d mails, total %d, %v", len(list), total, err)
		}
	})
}

func TestOutboxSMTP(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		be := &testBackend{rejectRcpt: "ghost@b.go.th"}
		port := startServer(t, be, serverOpts{})
		o := notify.NewOutbox(db, newSMTP(t, notify.SMTPConfig{Port: port, TLS: "none"}))

		if err := o.Send(ctx, thaiMail("a@b.go.th")); err != nil {
			t.Fatal(err)
		}
		if n := len(be.messages()); n != 1 {
			t.Fatalf("server got %d messages, want 1", n)
		}
		list, _, err := o.List(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if s := list[0]; s.SentAt.IsZero() || s.SentAt.Before(s.CreatedAt) || s.Error != "" || s.Status() != "sent" {
			t.Errorf("sent mail: SentAt %v CreatedAt %v Error %q Status %q", s.SentAt, s.CreatedAt, s.Error, s.Status())
		}

		err = o.Send(ctx, thaiMail("a@b.go.th", "ghost@b.go.th"))
		if err == nil || !strings.Contains(err.Error(), "550") {
			t.Fatalf("refused recipient: err = %v, want the server's 550", err)
		}
		list, total, err := o.List(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		s := list[0]
		if total != 2 || !s.SentAt.IsZero() || s.Status() != "failed" ||
			!strings.Contains(s.Error, "550") || !strings.Contains(s.Error, "no such user here") {
			t.Errorf("failed mail: total %d, SentAt %v, Status %q, Error %q", total, s.SentAt, s.Status(), s.Error)
		}
		if n := len(be.messages()); n != 1 {
			t.Errorf("server got %d messages, want 1", n)
		}

		// The operator sees the failure on the page.
		rec := httptest.NewRecorder()
		o.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/"+strconv.FormatInt(s.ID, 10), nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "no such user here") {
			t.Errorf("mail page: status %d:\n%s", rec.Code, rec.Body)
		}

		// A context cancelled during sending: the outcome is still recorded.
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		slow := notify.NewOutbox(db, mailerFunc(func(ctx context.Context, m notify.Mail) error {
			cancel()
			return ctx.Err()
		}))
		if err := slow.Send(cctx, thaiMail("a@b.go.th")); err == nil {
			t.Fatal("Send with a cancelled context succeeded")
		}
		list, _, err = o.List(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if list[0].Status() != "failed" || !strings.Contains(list[0].Error, "canceled") {
			t.Errorf("cancelled send: Status %q, Error %q", list[0].Status(), list[0].Error)
		}
	})
}

type mailerFunc func(context.Context, notify.Mail) error

func (f mailerFunc) Send(ctx context.Context, m notify.Mail) error { return f(ctx, m) }

type captureMailer struct{ got []notify.Mail }

func (c *captureMailer) Send(_ context.Context, m notify.Mail) error {
	c.got = append(c.got, m)
	return nil
}

// TestOutboxHidesSecrets: a first token goes to the recipient in full, but
// the outbox (a database table) records it hidden, except in development
// with no SMTP server.
func TestOutboxHidesSecrets(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		token := "123-456-789-012-345"
		m := notify.Mail{To: []string{"officer@agency.go.th"}, Subject: "Token", Kind: "token.first",
			Text: "รหัส Token ของท่าน:\n\n    " + token + "\n", HTML: "<p>" + token + "</p>", Secrets: []string{token}}
		next := &captureMailer{}
		o := notify.NewOutbox(db, next)
		if err := o.Send(ctx, m); err != nil {
			t.Fatal(err)
		}
		if len(next.got) != 1 || !strings.Contains(next.got[0].Text, token) {
			t.Fatal("the recipient did not get the token")
		}
		list, _, err := o.List(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(list[0].Text, token) || strings.Contains(list[0].HTML, token) || !strings.Contains(list[0].Text, notify.Hidden) {
			t.Fatalf("the outbox keeps the token: %q %q", list[0].Text, list[0].HTML)
		}
		dev := notify.NewOutbox(db, nil)
		dev.KeepSecrets = true
		if err := dev.Send(ctx, m); err != nil {
			t.Fatal(err)
		}
		if list, _, _ = dev.List(ctx, 1, 0); !strings.Contains(list[0].Text, token) {
			t.Fatal("the development outbox hid the token")
		}
	})
}
