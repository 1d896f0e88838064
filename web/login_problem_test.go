package web_test

import (
	"bytes"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/openinfo/openinfo/store"
)

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) count(sub string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), sub)
}

// TestLoginProblemsTold: setup mistakes are not "sign-in expired": a refused
// client secret, a refused scope and an unreachable provider each say what
// happened and what to do, offer to sign in again, and are logged once at ERROR.
func TestLoginProblemsTold(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		logs := &logBuf{}
		e := newOfficeEnvWith(t, db, rpOptions{clientID: "backoffice", secret: "backoffice-secret", rpSecret: "a wrong secret", log: logs})
		p := newPerson(21, "ชูใจ")
		e.register(p)
		b := newBrowser(t)
		e.login(b, p, "allow")
		b.want(502, "ไม่ยอมรับข้อมูลประจำตัวของเว็บไซต์นี้", "แจ้งผู้ดูแลระบบ", "/admin/login?next=")
		if n := logs.count("level=ERROR"); n != 1 || logs.count("invalid_client") != 1 {
			t.Fatalf("%d errors logged:\n%s", n, logs.b.String())
		}

		authz := b.startLogin(e.office.URL, "/admin")
		b.get(e.office.URL + "/admin/callback?" + url.Values{"error": {"invalid_scope"}, "state": {authz.Query().Get("state")}}.Encode())
		b.want(502, "ไม่อนุญาตข้อมูลที่เว็บไซต์นี้ขอ (scope)", "/admin/login?next=")
		if n := logs.count("level=ERROR"); n != 2 {
			t.Fatalf("%d errors logged:\n%s", n, logs.b.String())
		}

		down := &logBuf{}
		e2 := newOfficeEnvWith(t, db, rpOptions{clientID: "backoffice", secret: "backoffice-secret", log: down})
		e2.idp.Close()
		b.get(e2.office.URL + "/admin/login")
		b.want(503, "ติดต่อบริการยืนยันตัวตน (Digital ID) ไม่ได้", "ลองใหม่ในภายหลัง", "/admin/login?next=")
		if n := down.count("level=ERROR"); n != 1 {
			t.Fatalf("%d errors logged:\n%s", n, down.b.String())
		}
	})
}
