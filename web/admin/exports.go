package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The raw-ratings export and the background exports: an export small
// enough streams in the request (exportTables); a larger one is offered
// as a background export, queued with a POST, written by the exports.run
// job and downloaded from /admin/exports for a day.

// defaultStreamRows is how many rows an export may have and still stream
// while the officer waits (about 15 s of CSV on this project's machine).
const defaultStreamRows = 200_000

func (s *Admin) streamRows() int64 {
	if s.exportStreamRows > 0 {
		return int64(s.exportStreamRows)
	}
	return defaultStreamRows
}

// rawRatingsFilter resolves the satisfaction report's filters (?period=,
// ?agency= or ?point=, ?process=, ?flagged=) into the raw ratings they
// select; the route's guard has authorized the agency or point.
func (s *Admin) rawRatingsFilter(r *http.Request) (store.RatingFilter, string, error) {
	ctx := r.Context()
	q := satisfaction.Query{}
	period := r.FormValue("period")
	if period == "" {
		period = openinfo.PeriodOf(openinfo.PeriodFY, time.Now()).String()
	}
	p, err := openinfo.ParsePeriod(period)
	if err != nil {
		return store.RatingFilter{}, "", err
	}
	q.Period = p
	if v := r.FormValue("point"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if q.Point, err = s.db.ServicePoint(ctx, id); err != nil {
			return store.RatingFilter{}, "", err
		}
	} else if r.FormValue("agency") != "" || !currentUser(ctx).Role.Global() {
		if q.Agency, err = s.agencyFromRequest(r); err != nil {
			return store.RatingFilter{}, "", err
		}
	}
	if v, _ := strconv.ParseInt(r.FormValue("process"), 10, 64); v > 0 {
		q.Process = v
	}
	q.IncludeSuspect = r.FormValue("flagged") == "include"
	return q.Filter(), "ratings-" + p.String(), nil
}

// rawOffer is the page that offers a background export.
type rawOffer struct {
	Rows   int64
	Limit  int64
	Format string
	Name   string
	Params url.Values // the report's filters, sent back with the POST
}

// handleRawRatings streams every rating the report's filters select, or,
// above streamRows, offers to prepare the file in the background.
func (s *Admin) handleRawRatings(w http.ResponseWriter, r *http.Request) {
	format := "csv"
	if r.URL.Path == "/admin/reports/ratings/raw.xlsx" {
		format = "xlsx"
	}
	f, name, err := s.rawRatingsFilter(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	n, err := s.db.CountRatingRows(r.Context(), f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	if n > s.streamRows() {
		params := url.Values{}
		for _, k := range []string{"period", "agency", "point", "process", "flagged"} {
			if v := r.FormValue(k); v != "" {
				params.Set(k, v)
			}
		}
		s.Render(w, r, http.StatusOK, "admin_export_offer", ui.T(lang, "exports.offer.title"),
			rawOffer{Rows: n, Limit: s.streamRows(), Format: format, Name: name + "." + format, Params: params})
		return
	}
	s.exportTables(w, r, name, format, satisfaction.RawTable(r.Context(), s.db, f, lang))
}

// handleQueueExport queues a background export of the raw ratings.
func (s *Admin) handleQueueExport(w http.ResponseWriter, r *http.Request) {
	format := r.PostFormValue("format")
	if format != "csv" && format != "xlsx" {
		s.Fail(w, r, openinfo.Errorf(openinfo.EINVALID, "รูปแบบไฟล์ต้องเป็น csv หรือ xlsx", "The format must be csv or xlsx."))
		return
	}
	f, name, err := s.rawRatingsFilter(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	n, err := s.db.CountRatingRows(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	e := &store.Export{UserID: currentUser(ctx).ID, Kind: "ratings", Params: satisfaction.FilterParams(f).Encode(),
		Format: format, Lang: ui.LangFrom(r), FileName: name + "." + format, Total: n}
	if err := s.db.CreateExport(ctx, e); err != nil {
		s.Fail(w, r, err)
		return
	}
	if s.exports != nil {
		s.exports.Poke() // start now rather than at the next poll
	}
	http.Redirect(w, r, "/admin/exports?queued="+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

// exportView is one row of the exports page.
type exportView struct {
	store.Export
	Percent int    // of the rows written, while it runs
	Size    string // of the finished file
}

type exportsPage struct {
	Exports []exportView
	Busy    bool // one is queued or running: the page refreshes itself
	Queued  int64
}

// handleExports lists the officer's background exports of the last day.
func (s *Admin) handleExports(w http.ResponseWriter, r *http.Request) {
	list, err := s.db.UserExports(r.Context(), currentUser(r.Context()).ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := exportsPage{}
	p.Queued, _ = strconv.ParseInt(r.FormValue("queued"), 10, 64)
	for _, e := range list {
		v := exportView{Export: e, Size: byteSize(e.Size)}
		if e.Total > 0 {
			v.Percent = int(min(100, 100*e.Done/e.Total))
		}
		if e.State == store.ExportQueued || e.State == store.ExportRunning {
			p.Busy = true
		}
		p.Exports = append(p.Exports, v)
	}
	if p.Busy {
		w.Header().Set("Refresh", "5") // browsers reload it; no script needed
	}
	s.Render(w, r, http.StatusOK, "admin_exports", ui.T(ui.LangFrom(r), "exports.title"), p)
}

// handleExportDownload serves a finished export to the officer who asked
// for it, piece by piece from the database.
func (s *Admin) handleExportDownload(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	ctx := r.Context()
	e, err := s.db.Export(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if e.UserID != currentUser(ctx).ID || e.State != store.ExportDone || !e.Expires.After(time.Now()) {
		s.NotFound(w, r) // another officer's file is none of theirs to know about
		return
	}
	ctype := "text/csv; charset=utf-8"
	if e.Format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.FormatInt(e.Size, 10))
	w.Header().Set("Content-Disposition", `attachment; filename="`+e.FileName+`"; filename*=UTF-8''`+url.PathEscape(e.FileName))
	for chunk, err := range s.db.ExportChunks(ctx, id) {
		if err != nil {
			s.Log.Error("export download cut short", "id", id, "err", err, "request_id", ui.RequestID(ctx))
			return
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// byteSize writes n bytes for people: 12.3 MB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return strconv.FormatInt(n, 10) + " B"
}

func init() {
	ui.AddMessages(map[string][2]string{
		"exports.title":       {"ไฟล์ส่งออก", "Exports"},
		"exports.intro":       {"ไฟล์ส่งออกขนาดใหญ่จะจัดเตรียมเบื้องหลัง เมื่อเสร็จแล้วดาวน์โหลดได้จากหน้านี้ภายใน 1 วัน", "Large exports are prepared in the background; when one is ready, download it here within a day."},
		"exports.file":        {"ไฟล์", "File"},
		"exports.state":       {"สถานะ", "State"},
		"exports.rows":        {"จำนวนแถว", "Rows"},
		"exports.size":        {"ขนาด", "Size"},
		"exports.created":     {"สั่งเมื่อ", "Asked for"},
		"exports.expires":     {"ดาวน์โหลดได้ถึง", "Available until"},
		"exports.download":    {"ดาวน์โหลด", "Download"},
		"exports.none":        {"ยังไม่มีไฟล์ส่งออกเบื้องหลังในวันที่ผ่านมา", "No background exports in the last day."},
		"exports.queued":      {"รอคิว", "Queued"},
		"exports.running":     {"กำลังจัดเตรียม", "Being prepared"},
		"exports.done":        {"พร้อมดาวน์โหลด", "Ready"},
		"exports.failed":      {"ไม่สำเร็จ", "Failed"},
		"exports.refresh":     {"หน้านี้จะปรับปรุงเองทุก 5 วินาทีจนกว่าไฟล์จะพร้อม", "This page refreshes itself every 5 seconds until the files are ready."},
		"exports.queuedmsg":   {"รับคำสั่งแล้ว ไฟล์จะพร้อมในไม่กี่นาที", "Queued: the file will be ready in a few minutes."},
		"exports.offer.title": {"ไฟล์ส่งออกขนาดใหญ่", "A large export"},
		"exports.offer.text":  {"ข้อมูลที่เลือกมี %s แถว เกิน %s แถวที่ส่งออกได้ทันที ระบบจะจัดเตรียมไฟล์เบื้องหลังและแจ้งให้ดาวน์โหลดในหน้าไฟล์ส่งออก", "The rows you chose number %s, more than the %s that can be sent at once: the file will be prepared in the background and listed on the exports page for you to download."},
		"exports.offer.go":    {"จัดเตรียมไฟล์ %s", "Prepare %s"},
		"report.raw":          {"ผลประเมินรายรายการ", "Every rating"},
	})
}
