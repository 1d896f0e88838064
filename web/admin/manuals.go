package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Back office: processes and their citizen manuals ("จัดการกระบวนงาน",
// "จัดการคู่มือประชาชน"). The workflow's rules are openinfo.Transition; the
// store applies them in a transaction; these handlers only translate HTTP.

func (s *Admin) processFromPath(r *http.Request) (*openinfo.Process, error) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบกระบวนงาน", "Process not found.")
	}
	return s.db.Process(r.Context(), id)
}

// officerScope is the agency subtree an officer's lists cover: their own
// agency's, or every agency ("") for OPDC and the platform administrator.
func officerScope(u *openinfo.User) string {
	if u.Role.Global() {
		return ""
	}
	return u.AgencyPath
}

type manualListPage struct {
	Rows     []store.ManualRow
	Pager    *ui.Pager
	State    string
	Query    string
	CanWrite bool
	Notice   string
}

// handleAdminManuals lists the processes of the officer's agencies with the
// state of each one's latest revision, filtered by state and name.
func (s *Admin) handleAdminManuals(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	q := r.URL.Query()
	p := manualListPage{Pager: ui.NewPager(r, "page", 50), State: q.Get("state"), Query: strings.TrimSpace(q.Get("q")),
		CanWrite: openinfo.Can(u.Officer(), openinfo.ActWriteManual, u.AgencyPath)}
	state := openinfo.RevisionState(p.State)
	if p.State != "none" && !state.Valid() {
		state, p.State = "", ""
	}
	// Whoever pins manuals also sees the published manuals of the agencies
	// above theirs, to pin them to their own points (openinfo.PinScope).
	above := !u.Role.Global() && openinfo.Can(u.Officer(), openinfo.ActPinManual, u.AgencyPath)
	rows, total, err := s.db.Manuals(ctx, store.ManualFilter{AgencyPath: officerScope(u), Above: above, State: state, Query: p.Query,
		Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Rows = rows
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_manuals", ui.T(ui.LangFrom(r), "manuals.title"), p)
}

type processFormPage struct {
	Process     openinfo.Process
	Agency      *openinfo.Agency
	New         bool
	Kinds       []termGroup
	CommonNames string
	ui.Form
}

type termGroup struct {
	Kind  openinfo.CatalogKind
	Title string
	Terms []termChoice
}

type termChoice struct {
	ID       int64
	Name     string
	Selected bool
}

// termGroups lists the active catalog terms by kind, ticking the chosen ones.
func (s *Admin) termGroups(r *http.Request, chosen []int64) ([]termGroup, error) {
	lang := ui.LangFrom(r)
	terms, err := s.db.CatalogTerms(r.Context(), "", false)
	if err != nil {
		return nil, err
	}
	sel := map[int64]bool{}
	for _, id := range chosen {
		sel[id] = true
	}
	var out []termGroup
	for _, k := range openinfo.CatalogKinds {
		g := termGroup{Kind: k.Kind, Title: k.TH}
		if lang == ui.LangEN {
			g.Title = k.EN
		}
		for _, t := range terms {
			if t.Kind == k.Kind {
				g.Terms = append(g.Terms, termChoice{ID: t.ID, Name: t.Name(lang), Selected: sel[t.ID]})
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func readProcessForm(r *http.Request, p *openinfo.Process) {
	p.NameTH, p.NameEN = r.PostFormValue("name_th"), r.PostFormValue("name_en")
	p.CommonNames = splitLines(r.PostFormValue("common_names"))
	p.TermIDs = nil
	for _, v := range r.PostForm["terms"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			p.TermIDs = append(p.TermIDs, id)
		} else {
			p.TermIDs = append(p.TermIDs, -1) // refused by Validate with a message
		}
	}
	p.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
}

// handleProcessNew creates a process under the agency chosen with ?agency=
// (the officer's own by default).
func (s *Admin) handleProcessNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := processFormPage{New: true, Agency: a, Process: openinfo.Process{AgencyID: a.ID}}
	if r.Method == http.MethodPost {
		readProcessForm(r, &p.Process)
		p.Process.AgencyID = a.ID
		p.CommonNames = r.PostFormValue("common_names")
		if err := s.db.CreateProcess(ctx, &p.Process); err != nil {
			s.refuseProcessForm(w, r, p, err)
			return
		}
		http.Redirect(w, r, "/admin/processes/"+strconv.FormatInt(p.Process.ID, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	if p.Kinds, err = s.termGroups(r, nil); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_process_form", ui.T(lang, "process.new"), p)
}

func (s *Admin) refuseProcessForm(w http.ResponseWriter, r *http.Request, p processFormPage, err error) {
	if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
		s.Fail(w, r, err)
		return
	}
	lang := ui.LangFrom(r)
	p.Message, p.Errors = ui.FormErrors(err, lang)
	var gerr error
	if p.Kinds, gerr = s.termGroups(r, p.Process.TermIDs); gerr != nil {
		s.Fail(w, r, gerr)
		return
	}
	title := ui.T(lang, "process.edit")
	if p.New {
		title = ui.T(lang, "process.new")
	}
	s.Render(w, r, ui.FormStatus(err), "admin_process_form", title, p)
}

// handleProcessEdit changes a process's names, common names and catalog
// terms; it takes effect at once (no approval: these feed search and the
// catalog, not the manual's text).
func (s *Admin) handleProcessEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	old, err := s.processFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, old.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := processFormPage{Agency: a, Process: *old, CommonNames: strings.Join(old.CommonNames, "\n")}
	if r.Method == http.MethodPost {
		readProcessForm(r, &p.Process)
		p.Process.ID, p.Process.AgencyID = old.ID, old.AgencyID
		p.CommonNames = r.PostFormValue("common_names")
		if err := s.db.UpdateProcess(ctx, &p.Process); err != nil {
			s.refuseProcessForm(w, r, p, err)
			return
		}
		http.Redirect(w, r, "/admin/processes/"+strconv.FormatInt(old.ID, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	if p.Kinds, err = s.termGroups(r, old.TermIDs); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_process_form", ui.T(lang, "process.edit"), p)
}

type processPage struct {
	Process   *openinfo.Process
	Agency    *openinfo.Agency
	Terms     []string
	Revisions []*openinfo.ManualRevision
	Published *openinfo.ManualRevision
	CanOpen   bool
	Can       map[string]bool
	Pins      []*openinfo.ServicePoint
	PinTotal  int
	Notice    string
}

// handleAdminProcess shows a process: its names and terms, every revision
// of its manual with its state, and the service points it is pinned to.
func (s *Admin) handleAdminProcess(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	proc, err := s.processFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, proc.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	o := currentUser(ctx).Officer()
	p := processPage{Process: proc, Agency: a, Can: map[string]bool{}}
	for _, act := range []openinfo.Action{openinfo.ActWriteManual, openinfo.ActPinManual} {
		p.Can[string(act)] = openinfo.Can(o, act, a.Path)
	}
	terms, err := s.db.CatalogTerms(ctx, "", true)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	for _, t := range terms {
		for _, id := range proc.TermIDs {
			if t.ID == id {
				p.Terms = append(p.Terms, t.Name(lang))
			}
		}
	}
	if p.Revisions, err = s.db.Revisions(ctx, proc.ID); err != nil {
		s.Fail(w, r, err)
		return
	}
	for _, rev := range p.Revisions {
		if rev.State == openinfo.RevPublished {
			p.Published = rev
		}
	}
	latest := openinfo.RevisionState("")
	if len(p.Revisions) > 0 {
		latest = p.Revisions[0].State
	}
	p.CanOpen = p.Can[string(openinfo.ActWriteManual)] && (latest == "" || openinfo.CanOpenRevision(latest) == nil)
	if p.Pins, p.PinTotal, err = s.db.PinnedPoints(ctx, store.PinProcess, proc.ID, false, 20, 0); err != nil {
		s.Fail(w, r, err)
		return
	}
	switch {
	case r.URL.Query().Get("saved") != "":
		p.Notice = ui.T(lang, "admin.saved")
	case r.URL.Query().Get("pinned") != "":
		p.Notice = ui.T(lang, "pins.saved")
	}
	s.Render(w, r, http.StatusOK, "admin_process", proc.Name(lang), p)
}

// handleRevisionOpen starts a new revision: a draft copy of the latest.
func (s *Admin) handleRevisionOpen(w http.ResponseWriter, r *http.Request) {
	proc, err := s.processFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	rev, err := s.db.OpenRevision(r.Context(), proc.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/revisions/"+strconv.FormatInt(rev.ID, 10)+"/edit", http.StatusSeeOther)
}

type tasksPage struct {
	Tasks []store.Task
	Pager *ui.Pager
	None  bool // the officer's role acts on no revision
	// Overdue are the delay notices past their day in the officer's
	// subtree: first on the page, as the Act's seven-day rule does not wait.
	Overdue      []delayRow
	OverdueTotal int
	// Owed are last month's licence reports the officer's reporters have
	// not submitted, while its deadline has not passed.
	Owed licenceOwed
}

// taskStates are the revision states that wait for o: drafts and returned
// revisions for authors, step 1 for reviewers, step 2 for OPDC.
func taskStates(o openinfo.Officer) []openinfo.RevisionState {
	var out []openinfo.RevisionState
	if openinfo.Can(o, openinfo.ActWriteManual, o.AgencyPath) {
		out = append(out, openinfo.RevDraft, openinfo.RevReturned)
	}
	if openinfo.Can(o, openinfo.ActReviewManual, o.AgencyPath) {
		out = append(out, openinfo.RevWaitingStep1)
	}
	if openinfo.Can(o, openinfo.ActApproveManualOPDC, "") {
		out = append(out, openinfo.RevWaitingStep2)
	}
	return out
}

// handleTasks lists what waits for the officer ("งานที่รอดำเนินการ"), the
// oldest first.
func (s *Admin) handleTasks(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	p := tasksPage{Pager: ui.NewPager(r, "page", 50)}
	states := taskStates(u.Officer())
	p.None = len(states) == 0
	tasks, total, err := s.db.Tasks(ctx, states, officerScope(u), p.Pager.Size, p.Pager.Offset())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Tasks = tasks
	p.Pager.SetTotal(total)
	if openinfo.Can(u.Officer(), openinfo.ActRecordDelay, u.AgencyPath) && !u.Role.Global() {
		now := time.Now()
		cases, n, err := s.db.DelayCases(ctx, store.DelayFilter{UnderPath: u.AgencyPath, At: now, Overdue: true, Limit: 20})
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		for _, c := range cases {
			if o, late := c.Overdue(now); late {
				p.Overdue = append(p.Overdue, delayRow{DelayCase: c, Overdue: &o})
			}
		}
		p.OverdueTotal = n
		p.None = p.None && n == 0
	}
	if p.Owed, err = s.licenceOwed(r); err != nil {
		s.Fail(w, r, err)
		return
	}
	p.None = p.None && len(p.Owed.Reporters) == 0
	s.Render(w, r, http.StatusOK, "admin_tasks", ui.T(ui.LangFrom(r), "tasks.title"), p)
}
