package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// The Electronic Government Act's records on the portal: each agency's
// Section 10 announcement (the electronic channels citizens can use to
// contact it) and Section 16 order (the systems its officers use), listed
// and searched at /egov, each with its own page and signed document.

const egovPageSize = 30

type egovListPage struct {
	Rows       []store.EgovRow
	Pager      *ui.Pager
	Query      string
	Section    int
	Type       string
	Ministry   int64
	Province   string
	Ministries []*openinfo.Agency
}

// handleEgovList lists and searches the published announcements and orders.
func (s *Portal) handleEgovList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	p := egovListPage{Pager: ui.NewPager(r, "page", egovPageSize), Query: strings.TrimSpace(q.Get("q")), Type: q.Get("type"), Province: q.Get("province")}
	if len(p.Query) > 200 {
		p.Query = p.Query[:200]
	}
	p.Section, _ = strconv.Atoi(q.Get("section"))
	p.Ministry, _ = strconv.ParseInt(q.Get("ministry"), 10, 64)
	f := store.EgovFilter{State: openinfo.EgovPublished, Query: p.Query, Limit: p.Pager.Size, Offset: p.Pager.Offset()}
	if sec := openinfo.EgovSection(p.Section); sec.Valid() {
		f.Section = sec
	} else {
		p.Section = 0
	}
	if t := openinfo.AgencyType(p.Type); t.Valid() {
		f.AgencyType = t
	} else {
		p.Type = ""
	}
	if _, ok := openinfo.ProvinceByCode(p.Province); ok {
		f.Province = p.Province
	} else {
		p.Province = ""
	}
	if p.Ministry > 0 {
		f.MinistryID = p.Ministry
	}
	rows, total, err := s.db.EgovRecords(ctx, f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Rows = rows
	p.Pager.SetTotal(total)
	if p.Ministries, _, err = s.db.Agencies(ctx, store.AgencyFilter{Type: openinfo.AgencyMinistry, Limit: 100}); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "egov", ui.T(ui.LangFrom(r), "egov.title"), p)
}

type egovRecordPage struct {
	Record *openinfo.EgovRecord
	Agency *openinfo.Agency
}

// handleEgovRecord shows one published record with its items and document.
func (s *Portal) handleEgovRecord(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.publishedEgov(w, r)
	if !ok {
		return
	}
	a, err := s.db.Agency(r.Context(), rec.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	s.Render(w, r, http.StatusOK, "egov_record", rec.Section.Label(lang)+": "+a.Name(lang), egovRecordPage{Record: rec, Agency: a})
}

// handleEgovFile serves the signed document of a published record.
func (s *Portal) handleEgovFile(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.publishedEgov(w, r)
	if !ok {
		return
	}
	if rec.FileKey == "" {
		s.NotFound(w, r)
		return
	}
	name := "section" + strconv.Itoa(int(rec.Section)) + "-" + strconv.FormatInt(rec.ID, 10) + ".pdf"
	s.ServeAttachment(w, r, s.db, openinfo.ManualContent{Attachments: []openinfo.Attachment{{Name: name, Key: rec.FileKey}}}, rec.FileKey)
}

// publishedEgov finds the record of {id}: only what was published (and
// what replaced it since, for old links) is public; a draft is not found.
func (s *Portal) publishedEgov(w http.ResponseWriter, r *http.Request) (*openinfo.EgovRecord, bool) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return nil, false
	}
	rec, err := s.db.EgovRecord(r.Context(), id)
	if err == nil && rec.State == openinfo.EgovDraft {
		err = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบประกาศหรือคำสั่งนี้", "Record not found.")
	}
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.NotFound(w, r)
		} else {
			s.Fail(w, r, err)
		}
		return nil, false
	}
	return rec, true
}

func init() {
	ui.AddMessages(map[string][2]string{
		"egov.title":     {"ประกาศมาตรา 10 และคำสั่งมาตรา 16", "Section 10 announcements and Section 16 orders"},
		"egov.intro":     {"พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: หน่วยงานประกาศช่องทางอิเล็กทรอนิกส์ที่ประชาชนใช้ติดต่อราชการได้ (มาตรา 10) และสั่งกำหนดระบบที่เจ้าหน้าที่ใช้ปฏิบัติหน้าที่ทางอิเล็กทรอนิกส์ (มาตรา 16)", "Electronic Government Administration Act B.E. 2565: agencies announce the electronic channels citizens can use to contact them (Section 10) and order the systems their officers use (Section 16)."},
		"egov.channels":  {"ช่องทางติดต่อทางอิเล็กทรอนิกส์ (ประกาศตามมาตรา 10)", "Contact this agency online (Section 10 announcement)"},
		"egov.systems":   {"ระบบที่เจ้าหน้าที่ใช้ปฏิบัติหน้าที่ (คำสั่งตามมาตรา 16)", "Systems its officers use (Section 16 order)"},
		"egov.none":      {"ไม่พบประกาศหรือคำสั่งที่ตรงกับเงื่อนไข", "No record matches."},
		"egov.section":   {"มาตรา", "Section"},
		"egov.all":       {"ทั้งหมด", "All"},
		"egov.ministry":  {"กระทรวง", "Ministry"},
		"egov.signed":    {"ลงวันที่", "Signed"},
		"egov.effective": {"มีผลตั้งแต่", "In force from"},
		"egov.docno":     {"เลขที่", "Number"},
		"egov.document":  {"เอกสารที่ลงนามแล้ว (PDF)", "The signed document (PDF)"},
		"egov.link":      {"ประกาศบนเว็บไซต์ของหน่วยงาน", "On the agency's website"},
		"egov.purpose":   {"ใช้สำหรับ", "For"},
		"egov.record":    {"ดูประกาศ", "See the record"},
		"egov.ended":     {"ประกาศนี้ไม่มีผลแล้ว", "This record is no longer in force."},
		"egov.search":    {"ค้นหา", "Search"},
	})
}
