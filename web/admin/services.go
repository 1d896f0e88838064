package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Back office: other services ("จัดการบริการอื่นๆ") and pinning manuals and
// services to service points ("ปักหมุดคู่มือ", "เชื่อมโยงกระบวนงาน").

func (s *Admin) serviceFromPath(r *http.Request) (*openinfo.OtherService, error) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบบริการ", "Service not found.")
	}
	return s.db.Service(r.Context(), id)
}

type servicesPage struct {
	Services []*openinfo.OtherService
	Pager    *ui.Pager
	Query    string
	CanEdit  bool
}

// handleAdminServices lists the other services of the officer's agencies.
func (s *Admin) handleAdminServices(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	p := servicesPage{Pager: ui.NewPager(r, "page", 50), Query: strings.TrimSpace(r.URL.Query().Get("q")),
		CanEdit: openinfo.Can(u.Officer(), openinfo.ActEditService, u.AgencyPath)}
	list, total, err := s.db.Services(ctx, store.ServiceFilter{AgencyPath: officerScope(u), Query: p.Query,
		Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Services = list
	p.Pager.SetTotal(total)
	s.Render(w, r, http.StatusOK, "admin_services", ui.T(ui.LangFrom(r), "services.title"), p)
}

type serviceFormPage struct {
	Service openinfo.OtherService
	Agency  *openinfo.Agency
	New     bool
	Raw     map[string]string
	Notice  string
	ui.Form
	CanPin bool
}

// Num and Int show number fields as the manual editor does.
func (p serviceFormPage) Num(key string, x float64) string {
	return editorPage{Raw: p.Raw}.Num(key, x)
}
func (p serviceFormPage) Int(key string, n int) string { return p.Num(key, float64(n)) }

// handleServiceNew creates an other service under ?agency= (the officer's
// own agency by default).
func (s *Admin) handleServiceNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := serviceFormPage{New: true, Agency: a, Service: openinfo.OtherService{AgencyID: a.ID}}
	if r.Method == http.MethodPost {
		raw, perr := readServiceForm(r, &p.Service)
		p.Service.AgencyID, p.Raw = a.ID, raw
		err := perr
		if err == nil {
			err = s.db.CreateService(ctx, &p.Service)
		}
		if err != nil {
			s.refuseServiceForm(w, r, p, err)
			return
		}
		http.Redirect(w, r, "/admin/services/"+strconv.FormatInt(p.Service.ID, 10)+"/edit?saved=1", http.StatusSeeOther)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_service_form", ui.T(lang, "services.new"), p)
}

func (s *Admin) refuseServiceForm(w http.ResponseWriter, r *http.Request, p serviceFormPage, err error) {
	title := ui.T(ui.LangFrom(r), "services.edit")
	if p.New {
		title = ui.T(ui.LangFrom(r), "services.new")
	}
	s.refused(w, r, err, &p.Form, "admin_service_form", title, &p)
}

// handleServiceEdit edits, publishes or withdraws an other service; a save
// takes effect at once.
func (s *Admin) handleServiceEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	old, err := s.serviceFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, old.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := serviceFormPage{Agency: a, Service: *old, CanPin: openinfo.Can(currentUser(ctx).Officer(), openinfo.ActPinManual, a.Path)}
	if r.Method == http.MethodPost {
		raw, perr := readServiceForm(r, &p.Service)
		p.Service.ID, p.Service.AgencyID, p.Raw = old.ID, old.AgencyID, raw
		err := perr
		if err == nil {
			err = s.db.UpdateService(ctx, &p.Service)
		}
		if err != nil {
			s.refuseServiceForm(w, r, p, err)
			return
		}
		http.Redirect(w, r, "/admin/services/"+strconv.FormatInt(old.ID, 10)+"/edit?saved=1", http.StatusSeeOther)
		return
	}
	if r.URL.Query().Get("saved") != "" {
		p.Notice = ui.T(lang, "admin.saved")
	}
	s.Render(w, r, http.StatusOK, "admin_service_form", ui.T(lang, "services.edit"), p)
}

type pinsPage struct {
	Title   string
	Back    string
	Action  string
	Points  []*openinfo.ServicePoint
	Pinned  map[int64]bool
	Pager   *ui.Pager
	Query   string
	Notice  string
	Message string
}

// processPinScope is the subtree whose points the officer may pin a
// process's manual to (openinfo.PinScope): the owner's, or, for an officer
// of an agency under the owner, their own when the manual is published.
func (s *Admin) processPinScope(r *http.Request) (p *openinfo.Process, owner, scope string, err error) {
	ctx := r.Context()
	if p, err = s.processFromPath(r); err != nil {
		return nil, "", "", err
	}
	a, err := s.db.Agency(ctx, p.AgencyID)
	if err != nil {
		return nil, "", "", err
	}
	o := currentUser(ctx).Officer()
	published := false
	if !openinfo.Can(o, openinfo.ActPinManual, a.Path) {
		_, perr := s.db.PublishedRevision(ctx, p.ID)
		if perr != nil && openinfo.ErrorCode(perr) != openinfo.ENOTFOUND {
			return nil, "", "", perr
		}
		published = perr == nil
	}
	scope, _ = openinfo.PinScope(o, a.Path, published)
	return p, a.Path, scope, nil
}

// processPinTarget is the pins routes' guard target: the subtree the
// officer pins within, or the owner's (refused) when they may not pin.
func (s *Admin) processPinTarget(r *http.Request) (string, error) {
	_, owner, scope, err := s.processPinScope(r)
	if err != nil || scope == "" {
		return owner, err
	}
	return scope, nil
}

// handleProcessPins pins a process's manual to service points: for an
// officer below the owning agency, to their own points only.
func (s *Admin) handleProcessPins(w http.ResponseWriter, r *http.Request) {
	p, owner, scope, err := s.processPinScope(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if scope == "" { // the guard let no one through without a scope
		s.Fail(w, r, openinfo.Authorize(currentUser(r.Context()).Officer(), openinfo.ActPinManual, owner))
		return
	}
	within := ""
	under := p.AgencyID
	if scope != owner {
		within, under = scope, currentUser(r.Context()).AgencyID
	}
	s.pins(w, r, store.PinProcess, p.ID, under, within, p.Name(ui.LangFrom(r)), "/admin/processes/"+itoa(p.ID))
}

// handleServicePins pins an other service to service points.
func (s *Admin) handleServicePins(w http.ResponseWriter, r *http.Request) {
	svc, err := s.serviceFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.pins(w, r, store.PinService, svc.ID, svc.AgencyID, "", svc.Name(ui.LangFrom(r)), "/admin/services/"+itoa(svc.ID)+"/edit")
}

// pins lists the service points of agencyID's subtree with a checkbox
// each; the officer ticks many and pins or unpins them in one go. within,
// when set, is the subtree every pin and unpin must stay in.
func (s *Admin) pins(w http.ResponseWriter, r *http.Request, t store.PinTarget, id, agencyID int64, within, name, back string) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	p := pinsPage{Title: ui.T(lang, "pins.title") + ": " + name, Back: back, Action: r.URL.Path,
		Pager: ui.NewPager(r, "page", 100), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		var ids []int64
		for _, v := range r.PostForm["points"] {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				ids = append(ids, n)
			}
		}
		var err error
		unpin := r.PostFormValue("do") == "unpin"
		switch {
		case within != "":
			_, err = s.db.PinWithin(ctx, t, id, ids, !unpin, within)
		case unpin:
			_, err = s.db.Unpin(ctx, t, id, ids)
		default:
			_, err = s.db.Pin(ctx, t, id, ids)
		}
		if err == nil {
			http.Redirect(w, r, r.URL.Path+"?saved=1", http.StatusSeeOther)
			return
		}
		if openinfo.ErrorCode(err) == openinfo.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		p.Message, status = openinfo.ErrorMessage(err, lang), ui.FormStatus(err)
	}
	if r.URL.Query().Get("saved") != "" {
		p.Notice = ui.T(lang, "pins.saved")
	}
	points, total, err := s.db.ServicePoints(ctx, store.PointFilter{Under: agencyID, Query: p.Query, WithHidden: true,
		Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Points = points
	p.Pager.SetTotal(total)
	if p.Pinned, err = s.db.PinnedIDs(ctx, t, id); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, status, "admin_pins", p.Title, p)
}
