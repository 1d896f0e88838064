package admin

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/poster"
)

// Back office: the QR poster of a service point ("Download QR Code/Link
// Poster", "copy link"). The poster and the QR code carry the point's
// stable rating link, /rate/{code}, optionally for one process.

type posterPage struct {
	Point     *openinfo.ServicePoint
	Agency    *openinfo.Agency
	Code      string
	URL       string // the rating link
	Query     string // "?process=…" for the download links, "" for none
	Process   *ui.ProcessName
	Processes []ui.ProcessName
	words     func(string) []string // the Thai word splitter for the printed lines
}

// posterData loads the point of {id} and its rating link.
func (s *Admin) posterData(r *http.Request) (*posterPage, error) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	pt, err := s.db.ServicePoint(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := s.db.Agency(ctx, pt.AgencyID)
	if err != nil {
		return nil, err
	}
	code, err := s.db.RateCode(ctx, pt.ID)
	if err != nil {
		return nil, err
	}
	p := &posterPage{Point: pt, Agency: a, Code: code, URL: s.AbsURL(r, "/rate/"+code), words: s.ThaiPieces}
	if proc := ui.RatedProcess(r, s.db, pt); proc != nil {
		p.Process = proc
		p.Query = "?process=" + strconv.FormatInt(proc.ID, 10)
		p.URL += p.Query
	}
	return p, nil
}

func (p *posterPage) poster() poster.Poster {
	pp := poster.Poster{AgencyTH: p.Agency.NameTH, AgencyEN: p.Agency.NameEN, PointTH: p.Point.NameTH, PointEN: p.Point.NameEN, URL: p.URL, Words: p.words}
	if p.Process != nil {
		pp.PointTH += " – " + p.Process.TH
		if p.Process.EN != "" && pp.PointEN != "" {
			pp.PointEN += " – " + p.Process.EN
		}
	}
	return pp
}

// handlePosterPage shows the poster, its downloads and the link to copy.
func (s *Admin) handlePosterPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	list, err := s.db.AgencyProcesses(r.Context(), p.Point.AgencyID, 200)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	for _, pn := range list {
		p.Processes = append(p.Processes, ui.ProcessName(pn))
	}
	s.Render(w, r, http.StatusOK, "admin_poster", ui.T(ui.LangFrom(r), "poster.title")+" – "+p.Point.Name(ui.LangFrom(r)), p)
}

func download(w http.ResponseWriter, ctype, name string, attach bool, b []byte) {
	w.Header().Set("Content-Type", ctype)
	disp := "inline"
	if attach {
		disp = "attachment"
	}
	w.Header().Set("Content-Disposition", disp+`; filename="`+name+`"; filename*=UTF-8''`+url.PathEscape(name))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

func (p *posterPage) fileName(kind, ext string) string {
	name := "rate-" + p.Code
	if p.Process != nil {
		name += "-p" + strconv.FormatInt(p.Process.ID, 10)
	}
	return name + "-" + kind + "." + ext
}

// handlePosterSVG serves the A4 poster as SVG.
func (s *Admin) handlePosterSVG(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	b, err := p.poster().SVG()
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	download(w, "image/svg+xml; charset=utf-8", p.fileName("poster", "svg"), r.URL.Query().Get("download") != "", b)
}

// handlePosterPDF serves the poster as an A4 PDF made here, with its Thai
// font embedded: what is printed does not depend on the officer's fonts.
func (s *Admin) handlePosterPDF(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := p.poster().PDF(&b); err != nil {
		s.Fail(w, r, err)
		return
	}
	download(w, "application/pdf", p.fileName("poster", "pdf"), true, b.Bytes())
}

// handlePosterPrint serves the print-ready A4 page: the browser shapes the
// Thai text with the fonts it has, and "Print" (or "Save as PDF") gives the
// poster at its real size.
func (s *Admin) handlePosterPrint(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	b, err := p.poster().HTML()
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	// The page carries its own @page style and nothing else to run.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// handleQRPNG serves the QR code alone as PNG (?size= pixels, 128–2048).
func (s *Admin) handleQRPNG(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	size, _ := strconv.Atoi(r.URL.Query().Get("size"))
	size = min(max(size, 128), 2048)
	if r.URL.Query().Get("size") == "" {
		size = 1024
	}
	b, err := poster.QRPNG(p.URL, size)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	download(w, "image/png", p.fileName("qr", "png"), r.URL.Query().Get("download") != "", b)
}

// handleQRSVG serves the QR code alone as SVG.
func (s *Admin) handleQRSVG(w http.ResponseWriter, r *http.Request) {
	p, err := s.posterData(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	b, err := poster.QRSVG(p.URL)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	download(w, "image/svg+xml; charset=utf-8", p.fileName("qr", "svg"), r.URL.Query().Get("download") != "", b)
}

func init() { ui.AddMessages(posterMessages) }

var posterMessages = map[string][2]string{
	"poster.title":      {"QR Code / ลิงก์ประเมินความพึงพอใจ", "QR code and rating link"},
	"poster.intro":      {"พิมพ์โปสเตอร์ติดที่จุดบริการ หรือคัดลอกลิงก์ส่งให้ผู้รับบริการ ลิงก์นี้ใช้ได้ตลอดไป แม้เปลี่ยนชื่อจุดบริการ", "Print the poster for the counter, or copy the link for citizens. The link never changes, even when the point is renamed."},
	"poster.link":       {"ลิงก์ประเมิน", "Rating link"},
	"poster.copy":       {"คัดลอกลิงก์", "Copy link"},
	"poster.copied":     {"คัดลอกแล้ว", "Copied"},
	"poster.code":       {"รหัสจุดบริการ", "Point code"},
	"poster.process":    {"เฉพาะงานบริการ", "For one service only"},
	"poster.allprocess": {"ทุกงานบริการของจุดนี้", "All services of this point"},
	"poster.apply":      {"ใช้", "Apply"},
	"poster.print":      {"หน้าพิมพ์ A4 (พิมพ์ / บันทึกเป็น PDF)", "A4 print page (print / save as PDF)"},
	"poster.svg":        {"โปสเตอร์ A4 (SVG)", "A4 poster (SVG)"},
	"poster.qrpng":      {"QR Code (PNG)", "QR code (PNG)"},
	"poster.qrsvg":      {"QR Code (SVG)", "QR code (SVG)"},
	"poster.downloads":  {"ดาวน์โหลด", "Downloads"},
	"poster.open":       {"QR Code / ลิงก์ประเมิน", "QR code / rating link"},
	"poster.pdf":        {"โปสเตอร์ A4 (PDF พร้อมพิมพ์)", "A4 poster (PDF, ready to print)"},
	"poster.menu":       {"ดาวน์โหลด QR Code/Link Poster", "Download QR code/link posters"},
	"poster.list":       {"เลือกจุดบริการเพื่อดาวน์โหลดโปสเตอร์ QR Code หรือคัดลอกลิงก์ประเมินความพึงพอใจ", "Choose a service point to download its QR poster or copy its rating link."},
	"poster.search":     {"ค้นหาจุดบริการ", "Find a service point"},
	"poster.none":       {"ไม่พบจุดบริการตามเงื่อนไข", "No service point matches."},
	"report.ratings":    {"รายงานผลประเมินความพึงพอใจ", "Satisfaction report"},
}

// shortLink is the link without its scheme, as printed.
func shortLink(u string) string {
	return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
}

type postersPage struct {
	Agency *openinfo.Agency
	Points []*openinfo.ServicePoint
	Pager  *ui.Pager
	Query  string
}

// handlePosters lists the points of the officer's agency subtree, each
// with its poster downloads: the menu's "Download QR Code/Link Poster".
func (s *Admin) handlePosters(w http.ResponseWriter, r *http.Request) {
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := postersPage{Agency: a, Pager: ui.NewPager(r, "page", 50), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	points, total, err := s.db.ServicePoints(r.Context(), store.PointFilter{Under: a.ID, Query: p.Query, WithHidden: true,
		Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Points = points
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_posters", ui.T(ui.LangFrom(r), "poster.menu"), p)
}
