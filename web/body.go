package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
)

// Request bodies are capped before anything reads them, and a multipart body
// is parsed here, once, and its temporary files removed when the request
// ends. Parsing it further in (the CSRF check, a handler) would happen on a
// copy of the request that Go's server never cleans up: every large POST,
// even a refused one, would leave a file behind in the temp directory.
const (
	maxFormBody   = 1 << 20                            // plain forms: the largest (a manual's editor) is far below
	maxUploadBody = openinfo.MaxAttachmentSize + 1<<20 // a 10 MB file and the form around it
	multipartMem  = 1 << 20                            // parts above this go to a temp file
	maxDiscard    = 2 * maxUploadBody                  // read and drop at most this much of a refused body
)

// uploadRoute reports whether a POST to path may carry a file.
func uploadRoute(path string) bool {
	if path == "/onboarding" {
		return true
	}
	if path == "/admin/egov/new" { // a Section 10/16 record's form carries its signed PDF
		return true
	}
	if rest, ok := strings.CutPrefix(path, "/admin/delay-notices/"); ok && strings.HasSuffix(rest, "/notices") && strings.Count(rest, "/") == 1 {
		return true // a delay notice's form carries its letter
	}
	if rest, ok := strings.CutPrefix(path, "/admin/egov/"); ok && strings.HasSuffix(rest, "/edit") && strings.Count(rest, "/") == 1 {
		return true
	}
	rest, ok := strings.CutPrefix(path, "/admin/revisions/")
	return ok && strings.HasSuffix(rest, "/attachments") && strings.Count(rest, "/") == 1
}

// bodyLimit returns the largest body a request may send.
func bodyLimit(r *http.Request) int64 {
	if uploadRoute(r.URL.Path) {
		return maxUploadBody
	}
	return maxFormBody
}

func (s *Server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		limit := bodyLimit(r)
		if r.ContentLength > limit {
			s.tooLarge(w, r, limit)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
			err := r.ParseMultipartForm(multipartMem)
			if r.MultipartForm != nil {
				// Copies of r made further in share this form, so they
				// neither parse again nor leave files of their own.
				defer r.MultipartForm.RemoveAll()
			}
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				s.tooLarge(w, r, limit)
				return
			}
			if err != nil {
				s.Fail(w, r, errBadForm)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

var errBadForm = &openinfo.Error{Code: openinfo.EINVALID,
	TH: "อ่านแบบฟอร์มที่ส่งมาไม่ได้ กรุณากลับไปที่หน้าเดิมแล้วส่งอีกครั้ง",
	EN: "The form that was sent could not be read. Go back to the page and send it again."}

// tooLarge refuses a body over its limit. What the browser still sends is
// read and dropped (up to a bound), so it shows this page rather than a
// reset connection.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	io.CopyN(io.Discard, r.Body, maxDiscard)
	lang := ui.LangFrom(r)
	mb := limit >> 20
	if uploadRoute(r.URL.Path) {
		mb = openinfo.MaxAttachmentSize >> 20 // the form's own few kilobytes are not the person's concern
	}
	err := openinfo.Errorf(openinfo.EINVALID,
		"ข้อมูลหรือไฟล์ที่ส่งมีขนาดใหญ่เกินกำหนด (ไม่เกิน %d MB) กรุณากลับไปเลือกไฟล์ที่เล็กลง ข้อมูลที่บันทึกไว้แล้วไม่เปลี่ยนแปลง",
		"What was sent is larger than allowed (at most %d MB). Go back and choose a smaller file; nothing saved before has changed.", mb)
	w.Header().Set("Connection", "close")
	s.Render(w, r, http.StatusRequestEntityTooLarge, "error", ui.T(lang, "error.title"),
		ui.ErrorPage{Status: http.StatusRequestEntityTooLarge, Message: openinfo.ErrorMessage(err, lang), Back: sameSiteReferer(r)})
}

// sameSiteReferer is the page a form was sent from, when it is on this site.
func sameSiteReferer(r *http.Request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host {
		return ""
	}
	if p := u.RequestURI(); ui.LocalPath(p) {
		return p
	}
	return ""
}
