package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
)

// multipartBody is a form with one file of size bytes.
func multipartBody(fields map[string]string, name string, size int) (*bytes.Buffer, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	if strings.HasSuffix(name, ".pdf") { // a PDF by its bytes; anything else is not
		copy(chunk, "%PDF-1.4 ")
	} else {
		copy(chunk, "MZ")
	}
	for size > 0 {
		n := min(size, len(chunk))
		fw.Write(chunk[:n])
		size -= n
	}
	mw.Close()
	return &body, mw.FormDataContentType()
}

// leftFiles lists what multipart parsing left in dir.
func leftFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "multipart-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBodiesLeaveNoFiles: a large anonymous multipart POST to the back
// office (refused without a session) and a refused oversized upload leave no
// temporary file behind, sent with a length or chunked; an upload within the
// limit that is refused for its content leaves none either.
func TestBodiesLeaveNoFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	f := newAdminFixture(t)
	author := f.as(t, openinfo.RoleAuthor, f.dept)
	revID, _ := manualRouteFixture(t, f.db, "/admin/revisions/{id}/attachments", f.dept)
	upload := fmt.Sprintf("%s/admin/revisions/%d/attachments", f.srv.URL, revID)

	send := func(c *http.Client, url string, size int, chunked bool, fileName string) (int, string) {
		t.Helper()
		body, ctype := multipartBody(map[string]string{"csrf": "test-csrf", "version": "2"}, fileName, size)
		var r io.Reader = body
		if chunked {
			r = io.MultiReader(body) // hides the length: sent chunked
		}
		req, _ := http.NewRequest("POST", url, r)
		req.Header.Set("Content-Type", ctype)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(b)
	}
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		name     string
		c        *http.Client
		url      string
		size     int
		chunked  bool
		file     string
		status   int
		contains string
	}{
		{"anonymous 40 MB", anon, f.srv.URL + "/admin/x", 40 << 20, false, "a.pdf", http.StatusRequestEntityTooLarge, "1 MB"},
		{"anonymous 40 MB chunked", anon, f.srv.URL + "/admin/x", 40 << 20, true, "a.pdf", http.StatusRequestEntityTooLarge, "1 MB"},
		{"anonymous upload 5 MB", anon, upload, 5 << 20, true, "a.pdf", http.StatusUnauthorized, ""}, // the sign-in expired: what was typed is shown, the file dropped
		{"oversized upload", author, upload, 12 << 20, false, "big.pdf", http.StatusRequestEntityTooLarge, "10 MB"},
		{"oversized upload chunked", author, upload, 12 << 20, true, "big.pdf", http.StatusRequestEntityTooLarge, "10 MB"},
		{"upload refused for its content", author, upload, 5 << 20, true, "big.exe", http.StatusUnprocessableEntity, ""},
	} {
		status, body := send(tc.c, tc.url, tc.size, tc.chunked, tc.file)
		if status != tc.status || !strings.Contains(body, tc.contains) {
			t.Errorf("%s: %d, want %d with %q\n%s", tc.name, status, tc.status, tc.contains, firstError([]byte(body)))
		}
		if left := leftFiles(t, tmp); len(left) > 0 {
			t.Fatalf("%s: left %d temp files: %v", tc.name, len(left), left)
		}
	}
	// The revision kept its one attachment through all of it.
	rev, err := f.db.Revision(t.Context(), revID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rev.Content.Attachments); n != 1 {
		t.Fatalf("revision has %d attachments, want 1", n)
	}
}

// TestLocalPath: no "next" leaves the site, whatever the browser cleans.
func TestLocalPath(t *testing.T) {
	for _, p := range []string{"", "x", "//evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
		"\\/evil.example", "/\\evil.example", "/\\/evil.example", "http://evil.example", "/\x00/x", " /x", "/%09/x\t"} {
		if ui.LocalPath(p) {
			t.Errorf("ui.LocalPath(%q) = true", p)
		}
	}
	for _, p := range []string{"/", "/agencies?page=2", "/manuals/1#fees", "/search?q=%E0%B8%A3", "/admin/agencies/5/edit"} {
		if !ui.LocalPath(p) {
			t.Errorf("ui.LocalPath(%q) = false", p)
		}
	}
}

func TestLangRedirectStaysOnSite(t *testing.T) {
	f := newFixture(t)
	for _, next := range []string{"%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example", "https://evil.example"} {
		r := f.get(t, "/lang?to=en&next="+next)
		if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || loc != "/" {
			t.Errorf("next=%s: %d to %q, want / on this site", next, r.StatusCode, loc)
		}
	}
	r := f.get(t, "/lang?to=en&next=%2Fagencies%3Fpage%3D2")
	if loc := r.Header.Get("Location"); loc != "/agencies?page=2" {
		t.Errorf("a local next went to %q", loc)
	}
}

// TestCrossOriginRefusedInThai: a form posted from another site (as the
// browser says in Sec-Fetch-Site) is refused with a page in the reader's
// language, not Go's plain-text error.
func TestCrossOriginRefusedInThai(t *testing.T) {
	f := newAdminFixture(t)
	for _, c := range []struct{ lang, want string }{{"", "ถูกส่งมาจากเว็บไซต์อื่น"}, {"en", "sent from another website"}} {
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/rate/ABC123", strings.NewReader("a=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if c.lang != "" {
			req.AddCookie(&http.Cookie{Name: "lang", Value: c.lang})
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), c.want) || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%q: %d %s\n%s", c.lang, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
	}
}
