package web

import (
	"io/fs"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// Handler returns the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /agencies", s.handleAgencies)
	mux.HandleFunc("GET /agencies/{id}", s.handleAgency)
	mux.HandleFunc("GET /points/{id}", s.handlePoint)
	mux.HandleFunc("GET /lang", s.handleLang)
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	mux.HandleFunc("/", s.notFound)

	var h http.Handler = mux
	h = gzhttp.GzipHandler(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.recoverPanics(h)
	h = s.observe(h)
	h = s.securityHeaders(h)
	h = withRequestID(h)
	return h
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
