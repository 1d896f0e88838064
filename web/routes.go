package web

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Handler returns the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.portal.Register(mux)
	s.api.Register(mux)
	if s.hsds != nil {
		s.hsds.Register(mux)
	}
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /livez", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	if s.metricsToken != "" {
		mux.Handle("GET /metrics", bearerOnly(s.metricsToken, s.metrics.handler()))
	}
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", noListing(cacheForever(http.FileServerFS(static)))))
	mux.HandleFunc("/", s.NotFound)
	if s.admin != nil {
		admin := s.purgeAfterChange(s.admin.Handler())
		mux.Handle("/admin", admin)
		mux.Handle("/admin/", admin)
	}
	if s.digitalID != nil {
		mux.Handle("/digitalid/", s.digitalID)
	}
	for p, h := range s.extra {
		mux.Handle(p, h)
	}

	var h http.Handler = mux
	h = gzhttp.GzipHandler(h)
	h = s.micro.handler(h)
	h = s.limitBodies(h)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginRefused))
	h = cop.Handler(h)
	h = s.recoverPanics(h)
	h = s.observe(h)
	h = s.securityHeaders(h)
	h = withRequestID(h)
	return h
}

// noListing answers 404 for a directory: the file server would list it.
func noListing(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cacheForever: static URLs carry a content hash (?v=), so a changed file is
// a new URL.
func cacheForever(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=3600")
		}
		next.ServeHTTP(w, r)
	})
}

// crossOriginRefused answers a form sent to this site from another one (the
// browser said so): a page in the reader's language, not Go's plain text.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusForbidden, "error", ui.T(lang, "error.title"),
		ui.ErrorPage{Status: http.StatusForbidden, Message: ui.T(lang, "error.crossorigin"), Back: "/"})
}

func init() {
	ui.AddMessages(map[string][2]string{
		"error.crossorigin": {"แบบฟอร์มนี้ถูกส่งมาจากเว็บไซต์อื่น ระบบจึงไม่รับไว้ เพื่อความปลอดภัยของท่าน กรุณาเปิดหน้านี้จากเว็บไซต์นี้แล้วส่งอีกครั้ง",
			"This form was sent from another website, so it was refused for your safety. Open the page on this site and send it again."},
	})
}
