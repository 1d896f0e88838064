package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: an agency's Section 10 announcements and Section 16 orders
// (Electronic Government Act). Its central officers record them as drafts,
// publish one (which supersedes the one before) and revoke it with a reason;
// OPDC and the platform administrator read every agency's. The store applies
// the workflow (openinfo.ApplyEgovEvent) and audits every change, which is
// the record's history here. Reading goes with ActViewAudit: exactly the
// central officers in their subtree, OPDC and the platform administrator,
// and the page shows the audit log.

// egovEntity: a record belongs to its agency.
var egovEntity = owner{param: "id", missing: errNoEgov,
	agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
		r, err := db.EgovRecord(ctx, id)
		if err != nil {
			return 0, err
		}
		return r.AgencyID, nil
	}}

var errNoEgov = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบประกาศหรือคำสั่งนี้", "Record not found.")

type egovListPage struct {
	Rows      []store.EgovRow
	Pager     *ui.Pager
	Agency    *openinfo.Agency // nil: every agency (a global role)
	Section   int
	State     string
	Query     string
	Type      string // agency type and province: for a global role's view of every agency
	Province  string
	CanRecord bool
	NewQuery  template.URL // ?agency= for the "new" links
	Filters   template.URL // every filter, for the exports
	egovChoices
}

// egovChoices are the options of the pages' selects (in the page, as the
// portal's tests parse every template without this package's helpers).
type egovChoices struct{}

func (egovChoices) Sections() any { return openinfo.EgovSections }
func (egovChoices) States() any   { return openinfo.EgovStates }
func (egovChoices) Kinds() any    { return openinfo.EgovChannelKinds }

// egovListFilter reads the list's filters: ?agency= (else the officer's
// own agency; a global role sees every agency), section, state, agency
// type, province and text.
func (s *Admin) egovListFilter(r *http.Request) (*egovListPage, store.EgovFilter, error) {
	u := currentUser(r.Context())
	q := r.URL.Query()
	p := &egovListPage{Pager: ui.NewPager(r, "page", 50), Query: strings.TrimSpace(q.Get("q"))}
	f := store.EgovFilter{AgencyPath: officerScope(u), Query: p.Query, Limit: p.Pager.Size, Offset: p.Pager.Offset()}
	vals := url.Values{}
	if q.Get("agency") != "" || !u.Role.Global() {
		a, err := s.agencyFromRequest(r)
		if err != nil {
			return nil, f, err
		}
		p.Agency, f.AgencyPath = a, a.Path
		p.NewQuery = template.URL(url.Values{"agency": {itoa(a.ID)}}.Encode())
		p.CanRecord = openinfo.Can(u.Officer(), openinfo.ActRecordSection10, a.Path)
		vals.Set("agency", itoa(a.ID))
	}
	if n, _ := strconv.Atoi(q.Get("section")); openinfo.EgovSection(n).Valid() {
		p.Section, f.Section = n, openinfo.EgovSection(n)
		vals.Set("section", strconv.Itoa(n))
	}
	if st := openinfo.EgovState(q.Get("state")); st.Valid() {
		p.State, f.State = string(st), st
		vals.Set("state", p.State)
	}
	if t := openinfo.AgencyType(q.Get("type")); t.Valid() {
		p.Type, f.AgencyType = string(t), t
		vals.Set("type", p.Type)
	}
	if _, ok := openinfo.ProvinceByCode(q.Get("province")); ok {
		p.Province, f.Province = q.Get("province"), q.Get("province")
		vals.Set("province", p.Province)
	}
	if p.Query != "" {
		vals.Set("q", p.Query)
	}
	p.Filters = template.URL(vals.Encode())
	return p, f, nil
}

// handleEgovList lists the records of the officer's subtree (or of
// ?agency=), both sections and every state, the latest change first.
func (s *Admin) handleEgovList(w http.ResponseWriter, r *http.Request) {
	p, f, err := s.egovListFilter(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	rows, total, err := s.db.EgovRecords(r.Context(), f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Rows = rows
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_egov_list", ui.T(ui.LangFrom(r), "egova.admin"), p)
}

// handleEgovExport writes the list, with its filters, as CSV or Excel: a
// row per record, read from the store a page at a time.
func (s *Admin) handleEgovExport(w http.ResponseWriter, r *http.Request) {
	_, f, err := s.egovListFilter(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	col := func(key string, k export.Kind, width float64) export.Column {
		return export.Column{Header: ui.T(lang, key), Kind: k, Width: width}
	}
	t := export.Table{Name: ui.T(lang, "egova.admin"), Title: []string{ui.T(lang, "egova.admin"), thaitime.FormatDate(time.Now(), lang)},
		Columns: []export.Column{{Header: "ID", Kind: export.Integer}, col("egova.agency", export.Text, 40), col("egova.section", export.Integer, 0),
			col("egova.title", export.Text, 50), col("egova.docno", export.Text, 16), col("egov.signed", export.Date, 0),
			col("egov.effective", export.Date, 0), col("egova.state", export.Text, 16), col("egova.itemcount", export.Integer, 0),
			col("egova.updated", export.DateTime, 0)},
		Rows: export.Emit(func(emit func([]export.Value) error) error {
			f.Limit = 500 // the store's largest page
			for f.Offset = 0; ; f.Offset += f.Limit {
				rows, total, err := s.db.EgovRecords(r.Context(), f)
				if err != nil {
					return err
				}
				for _, x := range rows {
					name := x.AgencyNameTH
					if lang == ui.LangEN && x.AgencyNameEN != "" {
						name = x.AgencyNameEN
					}
					if err := emit([]export.Value{export.Int(x.ID), export.Str(name), export.Int(int64(x.Section)), export.Str(x.Title),
						export.Str(x.DocumentNo), export.Day(x.SignedOn), export.Day(x.EffectiveOn), export.Str(x.State.Label(lang)),
						export.Int(int64(len(x.Items))), export.Time(x.UpdatedAt)}); err != nil {
						return err
					}
				}
				if len(rows) == 0 || f.Offset+len(rows) >= total {
					return nil
				}
			}
		})}
	s.exportTables(w, r, "egov-records-"+time.Now().Format("2006-01-02"), strings.TrimPrefix(r.Pattern[strings.LastIndex(r.Pattern, "."):], "."), t)
}

// egovFormRow is one row of the items' table as typed.
type egovFormRow struct {
	openinfo.EgovItem
	Index int
	Kept  bool // a saved row (it gets a "remove" tick); else a blank one
}

type egovFormPage struct {
	Record    openinfo.EgovRecord
	Agency    *openinfo.Agency
	New       bool
	Rows      []egovFormRow
	Signed    string // the dates as typed
	Effective string
	Action    string // where the form posts
	egovChoices
	ui.Form
}

// blankEgovRows is how many empty rows the form offers to fill.
const blankEgovRows = 3

func (p *egovFormPage) fill() {
	p.Rows = p.Rows[:0]
	for i, it := range p.Record.Items {
		p.Rows = append(p.Rows, egovFormRow{EgovItem: it, Index: i, Kept: true})
	}
	for i := 0; i < blankEgovRows && len(p.Rows) < openinfo.MaxEgovItems; i++ {
		p.Rows = append(p.Rows, egovFormRow{Index: len(p.Rows)})
	}
}

// egovDateText writes a record's date as Thai officers type it: d/m/yyyy BE.
func egovDateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d/%d", t.Day(), int(t.Month()), t.Year()+543)
}

// handleEgovNew starts a record of ?section= for ?agency= (else the
// officer's own); ?from= copies a record of the same agency, the way to
// change a published one.
func (s *Admin) handleEgovNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := &egovFormPage{Agency: a, New: true, Action: "/admin/egov/new"}
	p.Record.AgencyID = a.ID
	n, _ := strconv.Atoi(r.FormValue("section"))
	p.Record.Section = openinfo.EgovSection(n)
	if from, err := strconv.ParseInt(r.URL.Query().Get("from"), 10, 64); err == nil && r.Method != http.MethodPost {
		if old, err := s.db.EgovRecord(ctx, from); err == nil && old.AgencyID == a.ID {
			p.Record = *old
			p.Record.ID, p.Record.Version, p.Record.State = 0, 0, ""
			p.Signed, p.Effective = egovDateText(old.SignedOn), egovDateText(old.EffectiveOn)
		}
	}
	s.egovForm(w, r, p)
}

// handleEgovEdit edits a draft; a record past draft is changed by saving a
// new one from it, so what the public saw stays on record.
func (s *Admin) handleEgovEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	rec, err := s.db.EgovRecord(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if rec.State != openinfo.EgovDraft {
		http.Redirect(w, r, fmt.Sprintf("/admin/egov/new?agency=%d&section=%d&from=%d", rec.AgencyID, rec.Section, rec.ID), http.StatusSeeOther)
		return
	}
	a, err := s.db.Agency(ctx, rec.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := &egovFormPage{Record: *rec, Agency: a, Action: "/admin/egov/" + itoa(id) + "/edit",
		Signed: egovDateText(rec.SignedOn), Effective: egovDateText(rec.EffectiveOn)}
	s.egovForm(w, r, p)
}

func egovFormTitle(p *egovFormPage, lang string) string {
	if p.New {
		return ui.T(lang, "egova.new")
	}
	return ui.T(lang, "egova.edit") + ": " + p.Record.Title
}

// egovForm shows the form, or reads and saves what was posted: refused at
// the field with what was typed kept, or saved and on to the record.
func (s *Admin) egovForm(w http.ResponseWriter, r *http.Request, p *egovFormPage) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	title := egovFormTitle(p, lang)
	if r.Method != http.MethodPost {
		p.fill()
		s.Render(w, r, http.StatusOK, "admin_egov_form", title, p)
		return
	}
	rec := &p.Record
	rec.Title, rec.DocumentNo = r.PostFormValue("title"), r.PostFormValue("document_no")
	rec.URL, rec.FileKey = strings.TrimSpace(r.PostFormValue("url")), strings.TrimSpace(r.PostFormValue("file_key"))
	if r.PostFormValue("file_remove") != "" {
		rec.FileKey = ""
	}
	rec.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	rec.Items = readEgovItems(r)
	p.Signed, p.Effective = r.PostFormValue("signed_on"), r.PostFormValue("effective_on")
	var bad []openinfo.FieldError
	rec.SignedOn, bad = dateField(p.Signed, "signed_on", false, bad)
	rec.EffectiveOn, bad = dateField(p.Effective, "effective_on", false, bad)
	key, fileErr, err := s.egovUpload(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if fileErr != nil {
		bad = append(bad, *fileErr)
	} else if key != "" {
		rec.FileKey = key // kept in the form from now on, so a refusal does not lose it
	}
	refuse := func(err error) {
		p.fill()
		s.refused(w, r, err, &p.Form, "admin_egov_form", title, p)
	}
	if len(bad) > 0 {
		refuse(&openinfo.Error{Code: openinfo.EINVALID, TH: "กรุณาตรวจสอบข้อมูลที่กรอก", EN: "Please check what you entered.", Fields: bad})
		return
	}
	if err := s.db.SaveEgovRecord(ctx, rec, currentUser(ctx).Officer()); err != nil {
		refuse(err)
		return
	}
	http.Redirect(w, r, "/admin/egov/"+itoa(rec.ID), http.StatusSeeOther)
}

// readEgovItems reads the posted rows, dropping blank and ticked ones, so
// the indexes of the store's field errors are those of the rows shown again.
func readEgovItems(r *http.Request) []openinfo.EgovItem {
	var items []openinfo.EgovItem
	for i := 0; i < maxFormRows; i++ {
		p := fmt.Sprintf("items[%d].", i)
		if _, ok := r.PostForm[p+"name"]; !ok {
			continue
		}
		it := openinfo.EgovItem{Kind: openinfo.EgovChannelKind(r.PostFormValue(p + "kind")), Name: r.PostFormValue(p + "name"),
			Address: r.PostFormValue(p + "address"), Purpose: r.PostFormValue(p + "purpose")}
		blank := strings.TrimSpace(it.Name+it.Address+it.Purpose) == ""
		if blank || r.PostFormValue(p+"remove") != "" {
			continue
		}
		items = append(items, it)
	}
	return items
}

// egovUpload stores the signed document posted as "file", if any: a PDF
// checked by its bytes, kept once by hash. It returns the file's key, or the
// field error to show, or an internal error.
func (s *Admin) egovUpload(r *http.Request) (string, *openinfo.FieldError, error) {
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, nil // none posted (or not a multipart form)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, openinfo.MaxAttachmentSize+1))
	if err != nil {
		return "", nil, err
	}
	if len(data) == 0 {
		return "", nil, nil // the browser sends an empty part when no file was chosen
	}
	ctype, err := openinfo.CheckAttachment(hdr.Filename, data[:min(len(data), 512)], int64(len(data)))
	if err == nil && ctype != "application/pdf" {
		err = openinfo.Errorf(openinfo.EINVALID, "เอกสารที่ลงนามแล้วต้องเป็นไฟล์ PDF", "The signed document must be a PDF file.")
	}
	if err != nil {
		var e *openinfo.Error
		if !errors.As(err, &e) {
			return "", nil, err
		}
		return "", &openinfo.FieldError{Field: "file", TH: e.TH, EN: e.EN}, nil
	}
	key, err := s.db.PutFile(r.Context(), ctype, data)
	return key, nil, err
}

type egovHistory struct {
	At     time.Time
	Actor  string
	Action openinfo.Text
	Reason string
}

type egovPage struct {
	Record    *openinfo.EgovRecord
	Agency    *openinfo.Agency
	History   []egovHistory
	CanRecord bool
	Reason    string // the revocation's reason as typed
	ui.Form
}

var egovCreated = openinfo.Text{TH: "สร้างฉบับร่าง", EN: "Draft created"}

func (s *Admin) egovPage(r *http.Request) (*egovPage, error) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	rec, err := s.db.EgovRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := s.db.Agency(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	p := &egovPage{Record: rec, Agency: a, CanRecord: openinfo.Can(currentUser(ctx).Officer(), openinfo.ActRecordSection10, a.Path)}
	log, err := s.db.AuditLog(ctx, store.AuditFilter{EntityType: "egov_record", EntityID: id, Limit: 100})
	if err != nil {
		return nil, err
	}
	for _, e := range log {
		h := egovHistory{At: e.At, Actor: e.ActorName}
		if ev, ok := strings.CutPrefix(e.Action, "egov."); ok && ev != "create" {
			h.Action = openinfo.Text{TH: openinfo.EgovEvent(ev).Label("th"), EN: openinfo.EgovEvent(ev).Label("en")}
		} else {
			h.Action = egovCreated
		}
		var after struct {
			Reason string `json:"reason"`
		}
		if json.Unmarshal([]byte(e.After), &after) == nil {
			h.Reason = after.Reason
		}
		p.History = append(p.History, h)
	}
	return p, nil
}

// handleEgov shows a record, its document and its history.
func (s *Admin) handleEgov(w http.ResponseWriter, r *http.Request) {
	p, err := s.egovPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_egov", p.Record.Title, p)
}

// handleEgovFile serves the signed document to the officers who may read
// the record (a draft's is not public).
func (s *Admin) handleEgovFile(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	rec, err := s.db.EgovRecord(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if rec.FileKey == "" {
		s.NotFound(w, r)
		return
	}
	name := fmt.Sprintf("section%d-%d.pdf", rec.Section, rec.ID)
	s.ServeAttachment(w, r, s.db, openinfo.ManualContent{Attachments: []openinfo.Attachment{{Name: name, Key: rec.FileKey}}}, rec.FileKey)
}

// handleEgovPublish publishes a draft at the version read. A draft not yet
// complete goes back to its form with each missing field marked.
func (s *Admin) handleEgovPublish(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.egovPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := s.db.PublishEgovRecord(ctx, p.Record.ID, version, currentUser(ctx).Officer()); err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINVALID && p.Record.State == openinfo.EgovDraft {
			f := &egovFormPage{Record: *p.Record, Agency: p.Agency, Action: "/admin/egov/" + itoa(p.Record.ID) + "/edit",
				Signed: egovDateText(p.Record.SignedOn), Effective: egovDateText(p.Record.EffectiveOn)}
			f.fill()
			s.refused(w, r, err, &f.Form, "admin_egov_form", egovFormTitle(f, ui.LangFrom(r)), f)
			return
		}
		s.refused(w, r, err, &p.Form, "admin_egov", p.Record.Title, p)
		return
	}
	http.Redirect(w, r, "/admin/egov/"+itoa(p.Record.ID), http.StatusSeeOther)
}

// handleEgovRevoke withdraws the agency's current record, with a reason.
func (s *Admin) handleEgovRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.egovPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Reason = r.PostFormValue("reason")
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := s.db.RevokeEgovRecord(ctx, p.Record.ID, version, p.Reason, currentUser(ctx).Officer()); err != nil {
		s.refused(w, r, err, &p.Form, "admin_egov", p.Record.Title, p)
		return
	}
	http.Redirect(w, r, "/admin/egov/"+itoa(p.Record.ID), http.StatusSeeOther)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"egova.admin":       {"ประกาศมาตรา 10 และคำสั่งมาตรา 16", "Section 10 and 16 records"},
		"egova.admin.intro": {"พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: หน่วยงานประกาศช่องทางอิเล็กทรอนิกส์ที่ประชาชนใช้ติดต่อราชการ (มาตรา 10) และออกคำสั่งกำหนดระบบที่เจ้าหน้าที่ใช้ปฏิบัติหน้าที่ (มาตรา 16) แล้วบันทึกไว้ที่นี่ ฉบับที่เผยแพร่จะแสดงต่อสาธารณะ", "Electronic Government Act 2022: the agency announces the electronic channels citizens may use (Section 10) and orders the systems its officers use (Section 16), and records both here; the published ones are public."},
		"egova.new":         {"บันทึกประกาศ/คำสั่งใหม่", "New record"},
		"egova.new10":       {"บันทึกประกาศมาตรา 10", "New Section 10 announcement"},
		"egova.new16":       {"บันทึกคำสั่งมาตรา 16", "New Section 16 order"},
		"egova.edit":        {"แก้ไขฉบับร่าง", "Edit draft"},
		"egova.newfrom":     {"แก้ไขโดยบันทึกฉบับใหม่จากฉบับนี้", "Change it: save a new one from this"},
		"egova.section":     {"มาตรา", "Section"},
		"egova.state":       {"สถานะ", "Status"},
		"egova.all":         {"ทั้งหมด", "All"},
		"egova.search":      {"ค้นหาชื่อเรื่อง เลขที่ หรือช่องทาง", "Search title, number or channel"},
		"egova.filter":      {"กรอง", "Filter"},
		"egova.none":        {"ยังไม่มีประกาศหรือคำสั่งที่บันทึกไว้", "No record yet."},
		"egova.agency":      {"หน่วยงาน", "Agency"},
		"egova.title":       {"ชื่อเรื่อง", "Title"},
		"egova.docno":       {"เลขที่เอกสาร", "Document number"},
		"egova.signed":      {"วันที่ลงนาม (วัน/เดือน/ปี พ.ศ.)", "Signed on (d/m/yyyy BE)"},
		"egova.effective":   {"วันที่มีผลใช้บังคับ (เว้นว่างหากมีผลตั้งแต่วันลงนาม)", "In force from (empty: from signing)"},
		"egova.file":        {"เอกสารที่ลงนามแล้ว (PDF ไม่เกิน 10 MB)", "Signed document (PDF, at most 10 MB)"},
		"egova.file.has":    {"มีไฟล์แนบแล้ว", "A file is attached"},
		"egova.file.remove": {"นำไฟล์ออก", "Remove the file"},
		"egova.url":         {"ลิงก์เอกสารบนเว็บไซต์ของหน่วยงาน", "Link to the document on the agency's site"},
		"egova.items10":     {"ช่องทางอิเล็กทรอนิกส์ที่ประชาชนใช้ติดต่อได้", "Electronic channels citizens may use"},
		"egova.items16":     {"ระบบที่เจ้าหน้าที่ใช้ปฏิบัติหน้าที่", "Systems officers use"},
		"egova.items.help":  {"กรอกแถวว่างเพื่อเพิ่ม บันทึกแล้วจะมีแถวว่างเพิ่มให้อีก ติ๊ก \"นำออก\" เพื่อลบแถว", "Fill a blank row to add one (more appear after saving); tick \"remove\" to drop a row."},
		"egova.kind":        {"ประเภท", "Kind"},
		"egova.name":        {"ชื่อ", "Name"},
		"egova.address":     {"ที่อยู่ (ลิงก์ อีเมล หรือ LINE ID)", "Address (link, e-mail or LINE ID)"},
		"egova.purpose":     {"ใช้สำหรับ", "What it serves"},
		"egova.remove":      {"นำออก", "remove"},
		"egova.choose":      {"-- เลือก --", "-- choose --"},
		"egova.save":        {"บันทึกฉบับร่าง", "Save draft"},
		"egova.publish":     {"เผยแพร่ (แทนที่ฉบับที่เผยแพร่ก่อนหน้า)", "Publish (replaces the one published before)"},
		"egova.revoke":      {"ยกเลิกฉบับที่เผยแพร่", "Revoke it"},
		"egova.reason":      {"เหตุผลที่ยกเลิก", "Why it is revoked"},
		"egova.history":     {"ประวัติ", "History"},
		"egova.when":        {"เมื่อ", "When"},
		"egova.who":         {"โดย", "By"},
		"egova.what":        {"การดำเนินการ", "Action"},
		"egova.public":      {"ดูหน้าสาธารณะ", "See the public page"},
		"egova.replacedby":  {"ถูกแทนที่ด้วย", "Replaced by"},
		"egova.updated":     {"แก้ไขล่าสุด", "Last change"},
		"egova.system":      {"ระบบ", "System"},
		"egova.document":    {"เอกสาร", "Document"},
		"egova.itemcount":   {"จำนวนช่องทาง/ระบบ", "Channels or systems"},
		"egova.note":        {"หมายเหตุ", "Note"},
		"egova.cancel":      {"ยกเลิกการแก้ไข", "Cancel"},
	})
}
