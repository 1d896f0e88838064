package admin

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/manualtext"
	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
)

// One revision of a manual in the back office: read it with its history,
// edit it (author), move it through the workflow (author, reviewer, OPDC),
// compare it with another revision, attach forms.

type revisionContext struct {
	Rev     *openinfo.ManualRevision
	Process *openinfo.Process
	Agency  *openinfo.Agency
}

func (s *Admin) revisionContext(r *http.Request) (*revisionContext, error) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือฉบับนี้", "Revision not found.")
	}
	ctx := r.Context()
	rev, err := s.db.Revision(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := s.db.Process(ctx, rev.ProcessID)
	if err != nil {
		return nil, err
	}
	a, err := s.db.Agency(ctx, p.AgencyID)
	if err != nil {
		return nil, err
	}
	return &revisionContext{Rev: rev, Process: p, Agency: a}, nil
}

type revisionAction struct {
	Event   openinfo.RevisionEvent
	Label   string
	Comment bool // a return needs a comment
}

type revisionPage struct {
	*revisionContext
	View     ui.ManualPage
	Records  []recordView
	Actions  []revisionAction
	CanEdit  bool
	Others   []*openinfo.ManualRevision // to compare with
	Notice   string
	Message  string
	Problems []string // why it cannot be submitted yet
}

type recordView struct {
	openinfo.RevisionRecord
	Actor string
}

// revisionEvents are the events an officer may post, one route each.
var revisionEvents = []openinfo.RevisionEvent{openinfo.EvSubmit, openinfo.EvApproveStep1, openinfo.EvReturnStep1,
	openinfo.EvApproveStep2, openinfo.EvReturnStep2}

// handleAdminRevision shows a revision in full with its history and the
// workflow actions the officer may take now.
func (s *Admin) handleAdminRevision(w http.ResponseWriter, r *http.Request) {
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p, err := s.revisionPage(r, rc)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Notice = ui.T(ui.LangFrom(r), "admin.saved")
	case "":
	default:
		p.Notice = openinfo.RevisionEvent(r.URL.Query().Get("done")).Label(ui.LangFrom(r)) + " ✓"
	}
	s.Render(w, r, http.StatusOK, "admin_revision", revisionTitle(rc, ui.LangFrom(r)), p)
}

func revisionTitle(rc *revisionContext, lang string) string {
	return rc.Process.Name(lang) + " – " + ui.T(lang, "revision.no") + " " + strconv.Itoa(rc.Rev.Number)
}

func (s *Admin) revisionPage(r *http.Request, rc *revisionContext) (*revisionPage, error) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	o := currentUser(ctx).Officer()
	p := &revisionPage{revisionContext: rc, View: ui.NewManualPage(rc.Process, rc.Agency, rc.Rev, lang)}
	_, err := openinfo.Transition(rc.Rev.State, openinfo.EvEdit, o, rc.Agency.Path, "")
	p.CanEdit = err == nil
	for _, ev := range revisionEvents {
		comment := ev == openinfo.EvReturnStep1 || ev == openinfo.EvReturnStep2
		c := ""
		if comment {
			c = "-"
		}
		if _, err := openinfo.Transition(rc.Rev.State, ev, o, rc.Agency.Path, c); err == nil {
			p.Actions = append(p.Actions, revisionAction{Event: ev, Label: ev.Label(lang), Comment: comment})
		}
	}
	recs, err := s.db.RevisionRecords(ctx, rc.Rev.ID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{0: ui.T(lang, "revision.system")}
	for _, rec := range recs {
		if _, ok := names[rec.ActorID]; !ok {
			names[rec.ActorID] = "#" + strconv.FormatInt(rec.ActorID, 10)
			if u, err := s.db.User(ctx, rec.ActorID); err == nil {
				names[rec.ActorID] = u.FullName()
			}
		}
		p.Records = append(p.Records, recordView{rec, names[rec.ActorID]})
	}
	revs, err := s.db.Revisions(ctx, rc.Process.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range revs {
		if x.ID != rc.Rev.ID {
			p.Others = append(p.Others, x)
		}
	}
	return p, nil
}

// handleRevisionEvent takes the workflow step named by the path's last
// segment. The route's permission checks the role; Transition checks the
// state, the agency and the comment.
func (s *Admin) handleRevisionEvent(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ev := openinfo.RevisionEvent(r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:])
	if ev == openinfo.EvApproveStep2 && rc.Rev.State == openinfo.RevWaitingStep2 &&
		!s.confirmed(w, r, fmt.Sprintf(ui.T(lang, "confirm.publish.q"), revisionTitle(rc, lang)), ui.T(lang, "confirm.publish.detail"),
			ui.T(lang, "confirm.publish.go"), "/admin/revisions/"+strconv.FormatInt(rc.Rev.ID, 10)) {
		return
	}
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	err = s.db.ApplyRevision(ctx, rc.Rev.ID, ev, currentUser(ctx).Officer(), rc.Agency.Path, comment)
	if err == nil {
		http.Redirect(w, r, "/admin/revisions/"+strconv.FormatInt(rc.Rev.ID, 10)+"?done="+string(ev), http.StatusSeeOther)
		return
	}
	code := openinfo.ErrorCode(err)
	if code == openinfo.EINTERNAL || code == openinfo.EFORBIDDEN || code == openinfo.EUNAUTHORIZED || code == openinfo.ENOTFOUND {
		s.Fail(w, r, err)
		return
	}
	// Refused (incomplete manual, missing comment, someone acted first):
	// show the revision again with why, and each missing section.
	fresh, ferr := s.revisionContext(r)
	if ferr != nil {
		s.Fail(w, r, ferr)
		return
	}
	p, perr := s.revisionPage(r, fresh)
	if perr != nil {
		s.Fail(w, r, perr)
		return
	}
	p.Message = openinfo.ErrorMessage(err, lang)
	for _, f := range openinfo.FieldErrors(err) {
		if lang == ui.LangEN {
			p.Problems = append(p.Problems, f.EN)
		} else {
			p.Problems = append(p.Problems, f.TH)
		}
	}
	s.Render(w, r, ui.FormStatus(err), "admin_revision", revisionTitle(fresh, lang), p)
}

type editorPage struct {
	*revisionContext
	C       openinfo.ManualContent
	Version int64
	Raw     map[string]string
	Notice  string
	ui.Form
}

// Num shows a number field: as typed when it did not parse, blank for zero.
func (p editorPage) Num(key string, x float64) string {
	if v, ok := p.Raw[key]; ok {
		return v
	}
	if x == 0 {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Int is Num for whole numbers.
func (p editorPage) Int(key string, n int) string { return p.Num(key, float64(n)) }

// Err is the message of a field, or of any field under a prefix
// ("steps[2]." for the whole row).
func (p editorPage) Err(key string) string { return p.Errors[key] }

// handleRevisionEdit is the structured editor: every section of the manual
// as its own inputs, rows added by filling the blank ones.
func (s *Admin) handleRevisionEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	o := currentUser(ctx).Officer()
	if _, err := openinfo.Transition(rc.Rev.State, openinfo.EvEdit, o, rc.Agency.Path, ""); err != nil {
		s.Fail(w, r, err)
		return
	}
	p := editorPage{revisionContext: rc, C: rc.Rev.Content, Version: rc.Rev.Version}
	if p.C.AgencyName == "" {
		p.C.AgencyName = rc.Agency.NameTH
	}
	if p.C.Name == "" {
		p.C.Name = rc.Process.NameTH
	}
	if r.Method == http.MethodPost {
		content, raw, perr := readManualForm(r)
		p.C, p.Raw = content, raw
		p.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
		if r.PostFormValue("action") == "stats" {
			s.fillStats(w, r, rc, &p)
			return
		}
		err := perr
		if err == nil {
			_, err = s.db.SaveDraft(ctx, rc.Rev.ID, p.Version, content, o, rc.Agency.Path)
		}
		if err == nil {
			http.Redirect(w, r, "/admin/revisions/"+strconv.FormatInt(rc.Rev.ID, 10)+"?done=saved", http.StatusSeeOther)
			return
		}
		// What was typed stays on the form; nothing saved is touched.
		s.refused(w, r, err, &p.Form, "admin_revision_edit", revisionTitle(rc, lang), &p)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_revision_edit", revisionTitle(rc, lang), p)
}

// fillStats fills section 9 from the submitted licence reports of the last
// 12 months (applications received per month) and shows the editor again,
// everything typed kept: the author saves when the figures look right.
func (s *Admin) fillStats(w http.ResponseWriter, r *http.Request, rc *revisionContext, p *editorPage) {
	lang := ui.LangFrom(r)
	months := openinfo.LastMonths(time.Now(), 12)
	received, err := s.db.LicenceReceivedPerMonth(r.Context(), rc.Process.ID, months[0], months[len(months)-1])
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if len(received) == 0 {
		p.Notice = ui.T(lang, "editor.stats.none")
	} else if st, ok := openinfo.StatsFromReports(received, months); ok {
		st.FromMonth, st.ToMonth = months[0], months[len(months)-1]
		p.C.Stats = st
		delete(p.Raw, "stats.avg_per_month") // show the new figures, not what was typed
		delete(p.Raw, "stats.max")
		delete(p.Raw, "stats.min")
		p.Notice = ui.T(lang, "editor.stats.filled")
	}
	s.Render(w, r, http.StatusOK, "admin_revision_edit", revisionTitle(rc, lang), p)
}

// handleAttachmentUpload adds a form (PDF or image) to section 18 of an
// editable revision. The file is checked by its bytes, stored once by
// hash, and the revision saved over the version the author had open.
func (s *Admin) handleAttachmentUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	o := currentUser(ctx).Officer()
	refuse := func(err error) {
		p := editorPage{revisionContext: rc, C: rc.Rev.Content, Version: rc.Rev.Version}
		p.Message, p.Errors = ui.FormErrors(err, lang)
		if p.Errors["attachment"] == "" {
			p.Errors["attachment"] = p.Message
		}
		s.Render(w, r, ui.FormStatus(err), "admin_revision_edit", revisionTitle(rc, lang), p)
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		refuse(openinfo.Errorf(openinfo.EINVALID, "กรุณาเลือกไฟล์ที่จะแนบ (PDF, PNG หรือ JPEG ไม่เกิน 10 MB)",
			"Choose a file to attach (PDF, PNG or JPEG, at most 10 MB)."))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, openinfo.MaxAttachmentSize+1))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	head := data[:min(len(data), 512)]
	ctype, err := openinfo.CheckAttachment(hdr.Filename, head, int64(len(data)))
	if err != nil {
		refuse(err)
		return
	}
	key, err := s.db.PutFile(ctx, ctype, data)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	name := strings.TrimSpace(r.PostFormValue("title"))
	if name == "" {
		name = hdr.Filename
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	c := rc.Rev.Content
	c.Attachments = append(c.Attachments, openinfo.Attachment{Name: name, ContentType: ctype, Size: int64(len(data)), Key: key})
	if _, err := s.db.SaveDraft(ctx, rc.Rev.ID, version, c, o, rc.Agency.Path); err != nil {
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		refuse(err)
		return
	}
	http.Redirect(w, r, "/admin/revisions/"+strconv.FormatInt(rc.Rev.ID, 10)+"/edit#attachments", http.StatusSeeOther)
}

// handleRevisionFile serves an attachment of a revision to officers who may
// read it (drafts are not public).
func (s *Admin) handleRevisionFile(w http.ResponseWriter, r *http.Request) {
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.ServeAttachment(w, r, s.db, rc.Rev.Content, r.PathValue("key"))
}

type comparePage struct {
	*revisionContext
	With  *openinfo.ManualRevision
	Diffs []manualtext.SectionDiff
	All   []*openinfo.ManualRevision
	Only  bool // show changed sections only
}

// handleRevisionCompare compares the revision with another of the same
// manual (?with=, by default the one before it), section by section.
func (s *Admin) handleRevisionCompare(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	rc, err := s.revisionContext(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	all, err := s.db.Revisions(ctx, rc.Process.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := comparePage{revisionContext: rc, All: all, Only: r.URL.Query().Get("changed") != ""}
	want, _ := strconv.ParseInt(r.URL.Query().Get("with"), 10, 64)
	for _, x := range all { // newest first: the first older one is the one before
		if (want != 0 && x.ID == want) || (want == 0 && x.Number < rc.Rev.Number && p.With == nil) {
			p.With = x
		}
	}
	if p.With == nil {
		p.With = rc.Rev // nothing to compare with: show it against itself, all unchanged
	}
	older, newer := p.With, rc.Rev
	if older.Number > newer.Number {
		older, newer = newer, older
	}
	p.With, p.Rev = older, newer
	p.Diffs = manualtext.DiffSections(older.Content, newer.Content)
	s.Render(w, r, http.StatusOK, "admin_revision_compare", ui.T(lang, "revision.compare")+": "+rc.Process.Name(lang), p)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"editor.stats.fill":   {"เติมจากรายงานการออกใบอนุญาต 12 เดือนล่าสุด", "Fill from the last 12 months' licence reports"},
		"editor.stats.from":   {"คำนวณจากรายงานการออกใบอนุญาต", "From the licence reports of"},
		"editor.stats.filled": {"เติมข้อมูลสถิติจากรายงานการออกใบอนุญาตแล้ว ตรวจสอบแล้วกดบันทึก", "Section 9 was filled from the licence reports: check it, then save."},
		"editor.stats.none":   {"ยังไม่มีรายงานการออกใบอนุญาตที่ส่งแล้วใน 12 เดือนล่าสุด ข้อมูลสถิติไม่เปลี่ยน", "No submitted licence reports in the last 12 months; section 9 is unchanged."},
		"manual.stats.from":   {"จากรายงานการออกใบอนุญาต", "from the licence reports of"},
	})
}
