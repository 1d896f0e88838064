package admin

import (
	"net/http"
	"slices"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// Actions that cannot be undone (removing an officer, replacing a token
// already handed out, publishing a manual) ask first, without JavaScript:
// the form's POST without confirm=yes answers with a page that says what
// will happen and sends the same fields again with it.

type confirmPage struct {
	Question string
	Detail   string
	Action   string      // where the confirmed form goes: the same path
	Fields   [][2]string // the form's fields, sent again
	Button   string
	Cancel   string // a page to go back to
}

// confirmed reports whether the request carries the confirmation; when it
// does not, it has answered with the confirmation page.
func (s *Admin) confirmed(w http.ResponseWriter, r *http.Request, question, detail, button, cancel string) bool {
	if r.PostFormValue("confirm") == "yes" {
		return true
	}
	if !ui.LocalPath(cancel) {
		cancel = "/admin"
	}
	p := confirmPage{Question: question, Detail: detail, Action: r.URL.Path, Button: button, Cancel: cancel}
	keys := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		if k != "csrf" && k != "confirm" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range r.PostForm[k] {
			p.Fields = append(p.Fields, [2]string{k, v})
		}
	}
	s.Render(w, r, http.StatusOK, "admin_confirm", question, p)
	return false
}

func init() {
	ui.AddMessages(map[string][2]string{
		"confirm.cancel":         {"ยกเลิก", "Cancel"},
		"confirm.remove.q":       {"นำ %s ออกจากหน่วยงานหรือไม่", "Remove %s from the agency?"},
		"confirm.remove.detail":  {"ผู้ใช้งานจะเข้าระบบหลังบ้านไม่ได้อีกจนกว่าจะได้รับ Token ใหม่ การดำเนินการนี้ย้อนกลับไม่ได้", "They will no longer reach the back office until they redeem a new token. This cannot be undone."},
		"confirm.remove.go":      {"ยืนยัน นำออกจากหน่วยงาน", "Yes, remove"},
		"confirm.token.q":        {"ออก Token ใหม่สำหรับบทบาท %s หรือไม่", "Issue a new token for the %s role?"},
		"confirm.token.detail":   {"Token เดิมที่ออกไปแล้วจะใช้ไม่ได้ทันที หากส่งให้ผู้ใดไปแล้วต้องส่ง Token ใหม่ให้อีกครั้ง", "The token already issued stops working at once: whoever you gave it to will need the new one."},
		"confirm.token.go":       {"ยืนยัน ออก Token ใหม่", "Yes, issue a new token"},
		"confirm.publish.q":      {"อนุมัติและเผยแพร่คู่มือ \"%s\" หรือไม่", "Approve and publish the manual \"%s\"?"},
		"confirm.publish.detail": {"คู่มือฉบับนี้จะแสดงต่อประชาชนทันที แทนฉบับที่เผยแพร่อยู่", "This revision is shown to the public at once, replacing the one published now."},
		"confirm.publish.go":     {"ยืนยัน อนุมัติและเผยแพร่", "Yes, approve and publish"},
	})
}
