package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/hsds"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The open data page (/open-data): the HSDS API, the licence, and the daily
// bulk files of the published data, which any node serves from the
// database (hsds.BuildBulk makes them).

type openDataFile struct {
	Kind, Title, About string
	File               *store.OpenDataFile
	SizeMB             string
	Counts             []openDataCount
}

type openDataCount struct {
	Table string
	Rows  int
}

type openDataPage struct {
	Base    string // the site's origin, for the examples
	API     string
	Files   []openDataFile
	Licence string
	Limit   int
}

func (s *Portal) handleOpenData(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	base := strings.TrimSuffix(s.AbsURL(r, "/"), "/")
	p := openDataPage{Base: base, API: base + hsds.Prefix, Licence: hsds.LicenceURL, Limit: s.openDataLimit}
	if p.Limit <= 0 {
		p.Limit = hsds.DefaultPerMinute
	}
	for _, f := range hsds.BulkFormats {
		file, err := s.db.LatestOpenDataFile(r.Context(), f.Kind)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		x := openDataFile{Kind: f.Kind, Title: f.Title[0], About: f.About[0], File: file}
		if lang == ui.LangEN {
			x.Title, x.About = f.Title[1], f.About[1]
		}
		if file != nil {
			x.SizeMB = strconv.FormatFloat(float64(file.Size)/(1<<20), 'f', 2, 64)
			var counts map[string]int
			json.Unmarshal([]byte(file.Counts), &counts)
			for _, t := range f.Tables {
				x.Counts = append(x.Counts, openDataCount{t, counts[t]})
			}
		}
		p.Files = append(p.Files, x)
	}
	s.Render(w, r, http.StatusOK, "opendata", ui.T(lang, "opendata.title"), p)
}

// handleOpenDataFile serves the latest bulk file of a kind
// (/open-data/csv.zip) or its checksum (/open-data/csv.zip.sha256, in
// sha256sum's format): stable URLs for scripts, cached briefly, since the
// file behind them changes every day.
func (s *Portal) handleOpenDataFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	kind, sumOnly := strings.CutSuffix(name, ".zip.sha256")
	if !sumOnly {
		var ok bool
		if kind, ok = strings.CutSuffix(name, ".zip"); !ok {
			s.NotFound(w, r)
			return
		}
	}
	known := false
	for _, f := range hsds.BulkFormats {
		known = known || f.Kind == kind
	}
	if !known {
		s.NotFound(w, r)
		return
	}
	file, err := s.db.LatestOpenDataFile(r.Context(), kind)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if file == nil {
		s.NotFound(w, r)
		return
	}
	s.serveOpenDataFile(w, r, file, sumOnly, "public, max-age=300")
}

// handleOpenDataFileByID serves one made file and its checksum at URLs of
// their own (/open-data/files/{id}/{file name}[.sha256]), which the page
// links: their bytes never change, so they are cached for good, and a zip
// and the checksum next to it always agree, where a cache could pair
// yesterday's /csv.zip.sha256 with today's /csv.zip.
func (s *Portal) handleOpenDataFileByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.NotFound(w, r)
		return
	}
	file, err := s.db.OpenDataFileByID(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err) // not found: a newer file replaced it
		return
	}
	name := r.PathValue("file")
	sumOnly := name == file.FileName+".sha256"
	if !sumOnly && name != file.FileName {
		s.NotFound(w, r)
		return
	}
	s.serveOpenDataFile(w, r, file, sumOnly, "public, max-age=31536000, immutable")
}

func (s *Portal) serveOpenDataFile(w http.ResponseWriter, r *http.Request, file *store.OpenDataFile, sumOnly bool, cache string) {
	h := w.Header()
	h.Set("Cache-Control", cache)
	etag := `"` + file.SHA256 + `"`
	if sumOnly {
		etag = `"` + file.SHA256 + `.sha256"`
	}
	h.Set("ETag", etag)
	h.Set("Access-Control-Allow-Origin", "*")
	if strings.Contains(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if sumOnly {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "%s  %s\n", file.SHA256, file.FileName)
		return
	}
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", `attachment; filename="`+file.FileName+`"`)
	h.Set("Content-Length", strconv.FormatInt(file.Size, 10))
	for chunk, err := range s.db.OpenDataChunks(r.Context(), file.ID) {
		if err != nil {
			// Headers are gone; the client sees a short body against
			// Content-Length and retries.
			return
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}
