package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// TestDelayLetterPages: an officer records a notice with its letter PDF; a
// file that is not a PDF is refused at its field with everything typed kept;
// a letter kept from a refused try is attached on the next; the letter is
// downloaded by the agency's officers (the department's central officer
// too) and OPDC, not by another agency's officer or a manual author, and
// never through the citizen lookup.
func TestDelayLetterPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAdminFixtureOn(t, db)
		caseID, _, _ := delayFixture(t, db, f.office, true)
		officer := f.as(t, openinfo.RolePointOfficer, f.office)
		today := time.Now().In(thaitime.Bangkok)
		day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
		base := fmt.Sprintf("/admin/delay-notices/%d", caseID)
		send := func(c *http.Client, fields map[string]string, fileName string, data []byte) (int, string, string) {
			t.Helper()
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("csrf", "test-csrf")
			for k, v := range fields {
				mw.WriteField(k, v)
			}
			if fileName != "" || data != nil {
				fw, _ := mw.CreateFormFile("letter", fileName)
				fw.Write(data)
			}
			mw.Close()
			req, _ := http.NewRequest("POST", f.srv.URL+base+"/notices", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, res.Header.Get("Location"), string(b)
		}
		fields := map[string]string{"number": "ชม 0123/2569", "date": day(-1), "reason": "รอผลตรวจสอบเอกสารจากกรม", "expected": day(10)}
		// A Word file named .pdf: refused at the letter field in both languages,
		// nothing typed lost, nothing recorded.
		word := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}
		st, _, page := send(officer, fields, "หนังสือแจ้ง.pdf", word)
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, `id="letter-error"`) || !strings.Contains(page, "ไม่ใช่ไฟล์ PDF") ||
			!strings.Contains(page, "ชม 0123/2569") || !strings.Contains(page, "รอผลตรวจสอบเอกสารจากกรม") || !strings.Contains(page, `value="`+day(10)+`"`) {
			t.Fatalf("a Word file: %d\n%s", st, firstError([]byte(page)))
		}
		if c, _ := db.DelayCase(t.Context(), caseID); len(c.Notices) != 0 {
			t.Fatalf("a refused notice was recorded: %+v", c.Notices)
		}
		// The same in English.
		en := f.as(t, openinfo.RolePointOfficer, f.office)
		en.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		if st, _, page := send(en, fields, "scan.png", []byte("\x89PNG\r\n\x1a\n\x00\x00")); st != http.StatusUnprocessableEntity ||
			!strings.Contains(page, `is not a PDF (judged by its content, not its name)`) {
			t.Fatalf("a PNG, in English: %d\n%s", st, firstError([]byte(page)))
		}
		// A PDF with a bad date: the date refused, the letter kept for the next try.
		// Over the plain forms' 1 MB: the notice's form is an upload route.
		letter := append([]byte("%PDF-1.7\n% หนังสือแจ้งเหตุล่าช้า ถึง นายสมชาย ใจดี\n"), bytes.Repeat([]byte("%\n"), 1<<20)...)
		badDate := map[string]string{"number": fields["number"], "date": "31/02/2569", "reason": fields["reason"], "expected": fields["expected"]}
		st, _, page = send(officer, badDate, "หนังสือแจ้ง ครั้งที่ 1.pdf", letter)
		if st != http.StatusUnprocessableEntity || !strings.Contains(page, "วันที่ไม่ถูกต้อง") || !strings.Contains(page, `name="letter_id"`) ||
			!strings.Contains(page, "หนังสือแจ้ง ครั้งที่ 1.pdf") {
			t.Fatalf("a bad date with a letter: %d\n%s", st, firstError([]byte(page)))
		}
		i := strings.Index(page, `name="letter_id" value="`)
		kept := page[i+len(`name="letter_id" value="`):]
		kept = kept[:strings.IndexByte(kept, '"')]
		// The corrected form, with no file chosen again: the kept letter is attached.
		again := map[string]string{"letter_id": kept, "letter_name": "หนังสือแจ้ง ครั้งที่ 1.pdf"}
		for k, v := range fields {
			again[k] = v
		}
		if st, loc, page := send(officer, again, "", nil); st != http.StatusSeeOther || loc != base {
			t.Fatalf("the corrected notice: %d %q\n%s", st, loc, firstError([]byte(page)))
		}
		_, casePage, _ := fetch(t, officer, f.srv.URL+base)
		if !strings.Contains(string(casePage), `href="`+base+`/notices/1/letter"`) {
			t.Fatalf("the case page does not link the letter")
		}
		letterURL := f.srv.URL + base + "/notices/1/letter"
		for _, who := range []struct {
			name string
			c    *http.Client
			want int
		}{
			{"the office's officer", officer, 200},
			{"the department's central officer", f.as(t, openinfo.RoleCentral, f.dept), 200},
			{"OPDC", f.as(t, openinfo.RoleOPDC, nil), 200},
			{"another agency's officer", f.as(t, openinfo.RolePointOfficer, f.foreign), http.StatusForbidden},
			{"another agency's central officer", f.as(t, openinfo.RoleCentral, f.foreign), http.StatusForbidden},
			{"a manual author of the office", f.as(t, openinfo.RoleAuthor, f.office), http.StatusForbidden},
		} {
			st, b, h := fetch(t, who.c, letterURL)
			if st != who.want {
				t.Errorf("%s: %d, want %d", who.name, st, who.want)
				continue
			}
			if st == 200 && (!bytes.Equal(b, letter) || h.Get("Content-Type") != "application/pdf" ||
				!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Cache-Control"), "no-store")) {
				t.Errorf("%s: got %q %q %q", who.name, h.Get("Content-Type"), h.Get("Content-Disposition"), b)
			}
		}
		if st, _, _ := fetch(t, http.DefaultClient, letterURL); st == 200 {
			t.Error("the letter without signing in")
		}
		if st, _, _ := fetch(t, officer, f.srv.URL+base+"/notices/2/letter"); st != http.StatusNotFound {
			t.Errorf("a notice that does not exist: %d", st)
		}
		// Audited, by size only.
		log, _ := db.AuditLog(t.Context(), store.AuditFilter{EntityType: "delay_case", EntityID: caseID})
		audited := false
		for _, e := range log {
			audited = audited || (e.Action == "delay.notice" && strings.Contains(e.After, fmt.Sprintf(`"letter_bytes":%d`, len(letter))))
		}
		if !audited {
			t.Error("the letter's notice is not audited")
		}
	})
}
