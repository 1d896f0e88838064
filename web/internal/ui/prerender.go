package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// RenderPublic renders public page name for an anonymous GET of path (no
// query) in lang, exactly as Render writes it, and returns the HTML with
// the ETag Render sends with it: the portal stores such pages rendered once
// (web/portal/rendered.go) and serves them without rendering. It needs the
// site's BaseURL (the canonical link must not depend on a request).
func (s *UI) RenderPublic(name, title, lang, path string, data any) (html []byte, etag string, err error) {
	if s.BaseURL == "" {
		return nil, "", errors.New("ui: RenderPublic needs a base URL")
	}
	t, ok := s.pages[name]
	if !ok {
		return nil, "", fmt.Errorf("no template %q", name)
	}
	p := Page{Lang: lang, Title: title, Path: path, Data: data, Canonical: s.BaseURL + path, Description: describe(name, title, lang, data)}
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := t.Execute(&buf, p); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), ETag(buf.Bytes()), nil
}

// ETag is the validator Render sends with a public page's body.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// SetPublicHeaders sets what Render sets on a public page's 200 answer, and
// reports whether the request already holds this ETag (answer 304).
func SetPublicHeaders(w http.ResponseWriter, r *http.Request, lang, etag string) (notModified bool) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Add("Vary", "Cookie")
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=0, must-revalidate")
	match := r.Header.Get("If-None-Match")
	return match != "" && strings.Contains(match, etag)
}
