package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// postMultipart posts fields (and, when file is not nil, a file "file") as
// the record form does.
func postMultipart(t *testing.T, c *http.Client, u string, fields url.Values, file []byte) (int, string, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "ประกาศ.pdf")
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header.Get("Location")
}

func wantIn(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(plainThai(body), s) {
			t.Errorf("%s: no %q in\n%s", what, s, firstError([]byte(body)))
		}
	}
}

// TestEgovAdmin: a central officer records a Section 10 announcement with
// its signed PDF; bad input is refused at the field with what was typed
// kept; a stale save is refused; publishing shows it on the portal;
// revoking needs a reason; the page shows the history. Another agency's
// officer cannot read it; OPDC can.
func TestEgovAdmin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newAdminFixtureOn(t, db)
		c := f.as(t, openinfo.RoleCentral, f.dept)
		base := f.srv.URL

		code, body, _ := fetchS(t, c, base+"/admin/egov/new?section=10")
		if code != 200 {
			t.Fatalf("new form: %d", code)
		}
		wantIn(t, "new form", body, `name="items[0].name"`, `name="items[2].kind"`, `enctype="multipart/form-data"`)

		pdf := []byte("%PDF-1.4 ประกาศกรมการขนส่งทางบก")
		form := url.Values{"csrf": {"test-csrf"}, "section": {"10"}, "title": {"ประกาศกรมการขนส่งทางบก เรื่อง ช่องทางอิเล็กทรอนิกส์"},
			"document_no": {"ที่ 12/2566"}, "signed_on": {"31/2/2566"},
			"items[0].kind": {"email"}, "items[0].name": {"อีเมลสารบรรณ"}, "items[0].address": {"saraban-at-dlt"},
			"items[1].kind": {""}, "items[1].name": {""}, "items[1].address": {""}, "items[1].purpose": {""},
			"items[2].kind": {"line"}, "items[2].name": {"LINE กรมการขนส่งทางบก"}, "items[2].address": {"dlt_news"}}
		// A date that does not exist: refused at the field, the rest kept.
		code, body, _ = postMultipart(t, c, base+"/admin/egov/new", form, pdf)
		if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
			t.Fatalf("bad date: %d", code)
		}
		wantIn(t, "bad date", body, `id="signed_on-error"`, `value="31/2/2566"`, "ประกาศกรมการขนส่งทางบก เรื่อง", "saraban-at-dlt")
		// Not a PDF: refused at the file.
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		code, body, _ = postMultipart(t, c, base+"/admin/egov/new", form, png)
		if code < 400 {
			t.Fatalf("a PNG: %d", code)
		}
		wantIn(t, "a PNG", body, `id="file-error"`, "PDF")
		// A good date, a bad e-mail: refused at the row; the file uploaded is kept.
		form.Set("signed_on", "1/11/2566")
		code, body, _ = postMultipart(t, c, base+"/admin/egov/new", form, pdf)
		if code < 400 {
			t.Fatalf("bad e-mail: %d", code)
		}
		wantIn(t, "bad e-mail", body, `id="items[0].address-error"`, `value="saraban-at-dlt"`, `name="file_key" value="`)
		i := strings.Index(body, `name="file_key" value="`) + len(`name="file_key" value="`)
		key := body[i : i+64]
		// Fixed, without sending the file again: the kept key carries it.
		form.Set("items[0].address", "saraban@dlt.go.th")
		form.Set("file_key", key)
		code, body, loc := postMultipart(t, c, base+"/admin/egov/new", form, nil)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/egov/") {
			t.Fatalf("save: %d %q\n%s", code, loc, firstError([]byte(body)))
		}
		rows, _, err := f.db.EgovRecords(ctx, store.EgovFilter{AgencyID: f.dept.ID})
		if err != nil || len(rows) != 1 {
			t.Fatalf("records: %v %d", err, len(rows))
		}
		rec := rows[0].EgovRecord
		if rec.FileKey != key || len(rec.Items) != 2 || rec.Items[1].Address != "@dlt_news" || rec.State != openinfo.EgovDraft {
			t.Fatalf("saved: %+v", rec)
		}
		id := "/admin/egov/" + itoa(rec.ID)
		code, body, _ = fetchS(t, c, base+id+"/edit")
		wantIn(t, "edit form", body, `value="1/11/2566"`, `value="@dlt_news"`, `name="items[1].remove"`, `name="items[4].name"`)
		// Remove a row and save; a second save over the same version is stale.
		edit := url.Values{"csrf": {"test-csrf"}, "version": {"1"}, "title": {rec.Title}, "signed_on": {"2023-11-01"}, "file_key": {key},
			"items[0].kind": {"email"}, "items[0].name": {"อีเมลสารบรรณ"}, "items[0].address": {"saraban@dlt.go.th"},
			"items[1].kind": {"line"}, "items[1].name": {"LINE"}, "items[1].address": {"@dlt_news"}, "items[1].remove": {"1"}}
		if code, body, _ = postMultipart(t, c, base+id+"/edit", edit, nil); code != http.StatusSeeOther {
			t.Fatalf("edit: %d\n%s", code, firstError([]byte(body)))
		}
		code, body, _ = postMultipart(t, c, base+id+"/edit", edit, nil)
		if code != http.StatusConflict {
			t.Fatalf("stale save: %d", code)
		}
		wantIn(t, "stale save", body, "อีเมลสารบรรณ")
		if rec, _ = f.db.EgovRecord(ctx, rec.ID); len(rec.Items) != 1 || rec.Version != 2 {
			t.Fatalf("after edit: %+v", rec)
		}
		// Publish: the portal shows it and its document.
		if code, body, _ = postForm(t, c, base+id+"/publish", url.Values{"csrf": {"test-csrf"}, "version": {"2"}}); code != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", code, firstError([]byte(body)))
		}
		code, body, _ = fetchS(t, c, base+"/egov/"+itoa(rec.ID))
		if code != 200 {
			t.Fatalf("portal: %d", code)
		}
		wantIn(t, "portal", body, "ประกาศกรมการขนส่งทางบก เรื่อง ช่องทางอิเล็กทรอนิกส์", "saraban@dlt.go.th")
		if code, body, _ = fetchS(t, c, base+"/egov/"+itoa(rec.ID)+"/file"); code != 200 || !strings.HasPrefix(body, "%PDF") {
			t.Fatalf("portal file: %d", code)
		}
		// Revoking needs a reason.
		code, body, _ = postForm(t, c, base+id+"/revoke", url.Values{"csrf": {"test-csrf"}, "version": {"3"}, "reason": {"  "}})
		if code < 400 {
			t.Fatalf("revoke without reason: %d", code)
		}
		wantIn(t, "revoke without reason", body, `id="reason-error"`)
		if code, _, _ = postForm(t, c, base+id+"/revoke", url.Values{"csrf": {"test-csrf"}, "version": {"3"}, "reason": {"ออกประกาศฉบับใหม่แทน"}}); code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", code)
		}
		code, body, _ = fetchS(t, c, base+id)
		wantIn(t, "detail", body, "ยกเลิกแล้ว", "ออกประกาศฉบับใหม่แทน", "สร้างฉบับร่าง", "เผยแพร่", `href="/admin/egov/new?agency=`)
		if code, body, _ = fetchS(t, c, base+id+"/file"); code != 200 || !strings.HasPrefix(body, "%PDF") {
			t.Fatalf("admin file: %d", code)
		}
		// A published record is changed through a new one: its edit leads there.
		if code, _, loc = fetchS(t, c, base+id+"/edit"); code != http.StatusSeeOther || !strings.Contains(loc, "from=") {
			t.Fatalf("edit of a revoked record: %d %q", code, loc)
		}
		// A new record from the revoked one, published, then replaced by a third: superseded.
		_, body, _ = fetchS(t, c, base+"/admin/egov/new?agency="+itoa(f.dept.ID)+"&section=10&from="+itoa(rec.ID))
		wantIn(t, "new from", body, `value="`+rec.Title+`"`, `value="saraban@dlt.go.th"`, `value="1/11/2566"`, `name="version" value="0"`)
		var ids []int64
		for i := 0; i < 2; i++ {
			form := url.Values{"csrf": {"test-csrf"}, "agency": {itoa(f.dept.ID)}, "section": {"10"}, "title": {"ประกาศฉบับใหม่"},
				"signed_on": {"2/11/2566"}, "url": {"https://www.dlt.go.th/egov.pdf"},
				"items[0].kind": {"website"}, "items[0].name": {"เว็บไซต์"}, "items[0].address": {"https://www.dlt.go.th"}}
			code, body, loc = postMultipart(t, c, base+"/admin/egov/new", form, nil)
			if code != http.StatusSeeOther {
				t.Fatalf("save %d: %d\n%s", i, code, firstError([]byte(body)))
			}
			r, err := f.db.EgovRecord(ctx, idFrom(t, loc))
			if err != nil {
				t.Fatal(err)
			}
			if code, _, _ = postForm(t, c, base+loc+"/publish", url.Values{"version": {itoa(r.Version)}}); code != http.StatusSeeOther {
				t.Fatalf("publish %d: %d", i, code)
			}
			ids = append(ids, r.ID)
		}
		_, body, _ = fetchS(t, c, base+"/admin/egov/"+itoa(ids[0]))
		wantIn(t, "superseded", body, "ถูกแทนที่ด้วยฉบับใหม่", `href="/admin/egov/`+itoa(ids[1])+`"`)
		// An incomplete draft cannot be published: back to its form, each gap marked.
		code, _, loc = postMultipart(t, c, base+"/admin/egov/new", url.Values{"csrf": {"test-csrf"}, "section": {"16"}, "title": {"คำสั่งที่ยังไม่ครบ"}}, nil)
		if code != http.StatusSeeOther {
			t.Fatalf("save incomplete: %d", code)
		}
		code, body, _ = postForm(t, c, base+loc+"/publish", url.Values{"version": {"1"}})
		if code < 400 {
			t.Fatalf("publish incomplete: %d", code)
		}
		wantIn(t, "publish incomplete", body, `id="signed_on-error"`, `action="`+loc+`/edit"`, `value="คำสั่งที่ยังไม่ครบ"`, "กรุณาระบุระบบอย่างน้อย 1 ระบบ")
		// Someone else's agency: refused; OPDC: every agency's.
		other := f.as(t, openinfo.RoleCentral, f.foreign)
		if code, _, _ = fetchS(t, other, base+id); code != http.StatusForbidden {
			t.Fatalf("foreign officer: %d", code)
		}
		if code, body, _ = fetchS(t, other, base+"/admin/egov"); code != 200 || strings.Contains(body, rec.Title) {
			t.Fatalf("foreign list: %d", code)
		}
		opdc := f.as(t, openinfo.RoleOPDC, nil)
		code, body, _ = fetchS(t, opdc, base+"/admin/egov?section=10&state=revoked")
		wantIn(t, "OPDC list", body, rec.Title, "กรมการขนส่งทางบก")
		// The exports, with the filters: CSV and Excel parse, with the record's row.
		code, body, _ = fetchS(t, opdc, base+"/admin/egov.csv?section=10&state=revoked")
		if code != 200 {
			t.Fatalf("csv: %d", code)
		}
		wantRow(t, readCSV(t, body), itoa(rec.ID), "กรมการขนส่งทางบก", "10", rec.Title)
		_, body, _ = fetchS(t, opdc, base+"/admin/egov.csv?section=16")
		if strings.Contains(body, rec.Title) {
			t.Error("csv section filter")
		}
		_, body, _ = fetchS(t, c, base+"/admin/egov.xlsx")
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := x.GetRows(x.GetSheetList()[0])
		wantRow(t, sheet, itoa(rec.ID), "กรมการขนส่งทางบก", "10", rec.Title)
		for q, want := range map[string]bool{"section=16": false, "type=department": true, "type=sao": false, "province=50": false,
			"q=" + url.QueryEscape("สารบรรณ"): true, "q=nothing": false, "agency=" + itoa(f.dept.ID): true} {
			if _, body, _ = fetchS(t, opdc, base+"/admin/egov?"+q); strings.Contains(body, rec.Title) != want {
				t.Errorf("OPDC list ?%s: shown %v", q, !want)
			}
		}
	})
}

func fetchS(t *testing.T, c *http.Client, u string) (int, string, string) {
	t.Helper()
	code, b, h := fetch(t, c, u)
	return code, string(b), h.Get("Location")
}

// TestEgovUploadRoutes: the record's form may carry a 10 MB PDF; its other
// POSTs keep the plain forms' limit.
func TestEgovUploadRoutes(t *testing.T) {
	for path, want := range map[string]bool{"/admin/egov/new": true, "/admin/egov/12/edit": true, "/admin/egov/12/publish": false,
		"/admin/egov/12/revoke": false, "/admin/egov/x/y/edit": false, "/admin/compliance/settings": false,
		"/admin/delay-notices/12/notices": true, "/admin/delay-notices/12/decision": false, "/admin/delay-notices/new": false,
		"/admin/delay-notices/12/x/notices": false} {
		if got := uploadRoute(path); got != want {
			t.Errorf("uploadRoute(%q) = %v, want %v", path, got, want)
		}
	}
}

// idFrom reads the record's ID from its page's path, "/admin/egov/12".
func idFrom(t *testing.T, loc string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.TrimPrefix(loc, "/admin/egov/"), 10, 64)
	if err != nil {
		t.Fatalf("location %q", loc)
	}
	return n
}
