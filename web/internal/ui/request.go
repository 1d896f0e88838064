package ui

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// ClientIP is the address rate limits count: the peer, or, when the peer is
// one of proxies, the rightmost X-Forwarded-For entry that is not one (the
// left part of the header is whatever the client wrote).
func ClientIP(r *http.Request, proxies []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !trusted(host, proxies) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		if !trusted(h, proxies) {
			return h
		}
		host = h
	}
	return host
}

func trusted(ip string, proxies []netip.Prefix) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, p := range proxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// ServeAttachment sends the file key of a manual's content, if the content
// lists it; any other key is "not found", whatever the files table holds.
func (u *UI) ServeAttachment(w http.ResponseWriter, r *http.Request, db *store.DB, c openinfo.ManualContent, key string) {
	for _, a := range c.Attachments {
		if a.Key != key {
			continue
		}
		f, err := db.GetFile(r.Context(), key)
		if err != nil {
			u.Fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", f.ContentType)
		w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(a.Name+attachmentExt(f.ContentType, a.Name)))
		w.Header().Set("Cache-Control", "private, max-age=86400")
		w.Write(f.Data)
		return
	}
	u.NotFound(w, r)
}

func attachmentExt(ctype, name string) string {
	ext := map[string]string{openinfo.TypePDF: ".pdf", openinfo.TypePNG: ".png", openinfo.TypeJPEG: ".jpg"}[ctype]
	if strings.HasSuffix(strings.ToLower(name), ext) {
		return ""
	}
	return ext
}

// ProcessName is the process a rating or a report is about.
type ProcessName struct {
	ID     int64
	TH, EN string
}

// Name is the process's name in lang.
func (p *ProcessName) Name(lang string) string {
	if lang == LangEN && p.EN != "" {
		return p.EN
	}
	return p.TH
}

// RatedProcess reads ?process= (or the form field): a process of the
// point's agency or pinned to it. An unknown one is ignored (nil), so an old
// poster keeps working.
func RatedProcess(r *http.Request, db *store.DB, pt *openinfo.ServicePoint) *ProcessName {
	id, err := strconv.ParseInt(r.FormValue("process"), 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	p := &ProcessName{ID: id}
	if p.TH, p.EN, err = db.ProcessAtPoint(r.Context(), id, pt); err != nil {
		return nil
	}
	return p
}
