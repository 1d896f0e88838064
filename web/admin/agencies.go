package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// Back office: keeping the agency tree and service points current
// ("หน่วยงานและโครงสร้าง", "จุดบริการ"). Every save goes through the store's
// validation and optimistic locking and is audited there.

type adminAgencyPage struct {
	Agency   *openinfo.Agency
	Children []*openinfo.Agency
	Points   []*openinfo.ServicePoint
	Can      map[string]bool
	Notice   string
}

// handleAdminAgency shows an agency for editing, with its sub-agencies and
// all its service points (hidden ones too).
func (s *Admin) handleAdminAgency(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := adminAgencyPage{Agency: a, Can: map[string]bool{}}
	o := currentUser(ctx).Officer()
	for _, act := range []openinfo.Action{openinfo.ActEditAgency, openinfo.ActCreateAgency, openinfo.ActEditServicePoint, openinfo.ActSetReportingLevel, openinfo.ActViewAudit} {
		p.Can[string(act)] = openinfo.Can(o, act, a.Path)
	}
	if p.Children, _, err = s.db.Agencies(ctx, store.AgencyFilter{ParentID: a.ID, WithInactive: true, Limit: 500}); err != nil {
		s.Fail(w, r, err)
		return
	}
	if p.Points, _, err = s.db.ServicePoints(ctx, store.PointFilter{AgencyID: a.ID, WithHidden: true, Limit: 500}); err != nil {
		s.Fail(w, r, err)
		return
	}
	if r.URL.Query().Get("saved") != "" {
		p.Notice = ui.T(ui.LangFrom(r), "admin.saved")
	}
	s.Render(w, r, http.StatusOK, "admin_agency", a.Name(ui.LangFrom(r)), p)
}

// handleAdminAgencyRedirect opens the officer's own agency.
func (s *Admin) handleAdminAgencies(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	if u.AgencyID == 0 {
		http.Redirect(w, r, "/admin/tokens", http.StatusSeeOther) // global roles pick an agency there
		return
	}
	http.Redirect(w, r, "/admin/agencies/"+strconv.FormatInt(u.AgencyID, 10), http.StatusSeeOther)
}

type agencyFormPage struct {
	Agency openinfo.Agency
	Parent *openinfo.Agency
	New    bool
	// Shape: the officer may choose the type (see openinfo.MayShape);
	// otherwise the form shows it and sends it back unchanged.
	Shape  bool
	Phones string
	ui.Form
}

// errShape refuses a type or parent the officer may not give an agency.
var errShape = &openinfo.Error{Code: openinfo.EFORBIDDEN,
	TH: "ท่านเปลี่ยนประเภทหรือหน่วยงานต้นสังกัดนี้ไม่ได้ เพราะประเภทหน่วยงานกำหนดว่าใครออก Token เจ้าหน้าที่ส่วนกลางให้หน่วยงาน จึงเปลี่ยนได้เฉพาะผู้ออก Token ของหน่วยงานทั้งก่อนและหลังการเปลี่ยน (ผู้ดูแลระบบ หรือเจ้าหน้าที่ส่วนกลางของหน่วยงานต้นสังกัด) ข้อมูลอื่นที่กรอกไว้ยังอยู่ครบ",
	EN: "You may not give this agency that type or parent: the type decides who issues the agency's central-officer tokens, so only whoever issues them both before and after the change may make it (the platform administrator, or a central officer of the parent agency). What you typed is kept.",
	Fields: []openinfo.FieldError{{Field: "type",
		TH: "เปลี่ยนเป็นประเภทนี้ไม่ได้ กรุณาติดต่อผู้ดูแลระบบหรือหน่วยงานต้นสังกัด",
		EN: "You may not choose this type; ask the platform administrator or the parent agency."}}}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func readAgencyForm(r *http.Request, a *openinfo.Agency) {
	a.NameTH, a.NameEN, a.ShortName = r.PostFormValue("name_th"), r.PostFormValue("name_en"), r.PostFormValue("short_name")
	a.Type = openinfo.AgencyType(r.PostFormValue("type"))
	a.Status = r.PostFormValue("status")
	a.Contact = openinfo.Contact{Address: openinfo.Address{Line: r.PostFormValue("address"), Subdistrict: r.PostFormValue("subdistrict"),
		District: r.PostFormValue("district"), ProvinceCode: r.PostFormValue("province"), Postcode: r.PostFormValue("postcode")},
		Phones: splitLines(r.PostFormValue("phones")), Email: r.PostFormValue("email"), Website: r.PostFormValue("website")}
	a.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
}

// handleAgencyEdit edits an agency's names, type, contact and status.
func (s *Admin) handleAgencyEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	id, _ := ui.PathID(r, "id")
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	o := currentUser(ctx).Officer()
	p := agencyFormPage{Agency: *a, Phones: strings.Join(a.Contact.Phones, "\n"),
		Shape: s.issuers.MayIssue(o, openinfo.RoleCentral, a)}
	if r.Method == http.MethodPost {
		readAgencyForm(r, &p.Agency)
		p.Agency.ID, p.Agency.ParentID, p.Agency.Path = a.ID, a.ParentID, a.Path
		p.Phones = r.PostFormValue("phones")
		err := error(nil)
		if !s.issuers.MayShape(o, a, &p.Agency) {
			err = errShape
		} else {
			err = s.db.UpdateAgency(ctx, &p.Agency)
		}
		if err != nil {
			s.refused(w, r, err, &p.Form, "admin_agency_form", ui.T(lang, "admin.agency.edit"), &p)
			return
		}
		http.Redirect(w, r, "/admin/agencies/"+strconv.FormatInt(a.ID, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_agency_form", ui.T(lang, "admin.agency.edit"), p)
}

// handleAgencyNew creates a sub-agency under {id}.
func (s *Admin) handleAgencyNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	id, _ := ui.PathID(r, "id")
	parent, err := s.db.Agency(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := agencyFormPage{New: true, Parent: parent, Agency: openinfo.Agency{ParentID: parent.ID, Type: openinfo.AgencyUnit,
		Status: openinfo.StatusActive, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: parent.Contact.Address.ProvinceCode}}}}
	o := currentUser(ctx).Officer()
	p.Shape = true // the choice is checked on save: only types whose tokens the officer issues
	if r.Method == http.MethodPost {
		readAgencyForm(r, &p.Agency)
		p.Agency.ParentID = parent.ID
		p.Phones = r.PostFormValue("phones")
		err := error(nil)
		if !s.issuers.MayShape(o, nil, &openinfo.Agency{Type: p.Agency.Type, Path: openinfo.NewAgencyPath(parent.Path)}) {
			err = errShape
		} else {
			err = s.db.CreateAgency(ctx, &p.Agency)
		}
		if err != nil {
			s.refused(w, r, err, &p.Form, "admin_agency_form", ui.T(lang, "admin.agency.new"), &p)
			return
		}
		http.Redirect(w, r, "/admin/agencies/"+strconv.FormatInt(p.Agency.ID, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_agency_form", ui.T(lang, "admin.agency.new"), p)
}

type pointFormPage struct {
	Point  openinfo.ServicePoint
	Agency *openinfo.Agency
	New    bool
	Phones string
	Lat    string
	ui.Form
	Lon string
	// Hours are the opening periods, one row each (days, open, close, a
	// break), with blank rows to add more: a Saturday half-day, an evening
	// counter. Row i's error is the form's "hours[i]".
	Hours []hoursRow
	// Map is the tile source of the map picker ("" : the grid alone).
	Map mapConfig
}

type hoursRow struct {
	Index                           int
	Days                            map[time.Weekday]bool
	Open, Close, BreakFrom, BreakTo string
}

// blankHourRows is how many empty rows the form offers for new periods.
const blankHourRows = 2

// maxHourRows bounds the rows read from a form.
const maxHourRows = 16

// mapConfig is the map picker's tile source.
type mapConfig struct {
	Tiles       string // URL template with {z}, {x}, {y}; "" = the grid alone
	Attribution string
}

// newPointForm starts the point form, and lets the page load the map's
// tiles (the site's policy allows images from itself only).
func (s *Admin) newPointForm(w http.ResponseWriter, p openinfo.ServicePoint, a *openinfo.Agency) pointFormPage {
	f := pointFormPage{Point: p, Agency: a, Phones: strings.Join(p.Phones, "\n"), Map: s.mapTiles}
	if u, err := url.Parse(f.Map.Tiles); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: "+u.Scheme+"://"+u.Host+"; style-src 'self'; script-src 'self'; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	} else {
		f.Map.Tiles = ""
	}
	if p.HasLocation {
		f.Lat, f.Lon = strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64)
	}
	f.setRows(p.Hours.Periods)
	return f
}

// setRows shows periods as rows, then the blank rows.
func (f *pointFormPage) setRows(periods []openinfo.HoursPeriod) {
	f.Hours = nil
	for i, h := range periods {
		row := hoursRow{Index: i, Days: map[time.Weekday]bool{}, Open: h.Open, Close: h.Close, BreakFrom: h.BreakStart, BreakTo: h.BreakEnd}
		for _, d := range h.Days {
			row.Days[d] = true
		}
		f.Hours = append(f.Hours, row)
	}
	for i := 0; i < blankHourRows && len(f.Hours) < maxHourRows; i++ {
		f.Hours = append(f.Hours, hoursRow{Index: len(f.Hours), Days: map[time.Weekday]bool{}})
	}
}

// readPointForm fills p from the form; a number that does not parse is
// reported on its field rather than silently dropped.
func readPointForm(r *http.Request, f *pointFormPage) map[string]string {
	p := &f.Point
	bad := map[string]string{}
	p.NameTH, p.NameEN = r.PostFormValue("name_th"), r.PostFormValue("name_en")
	p.Kind = openinfo.PointKind(r.PostFormValue("kind"))
	p.Address = openinfo.Address{Line: r.PostFormValue("address"), Subdistrict: r.PostFormValue("subdistrict"),
		District: r.PostFormValue("district"), ProvinceCode: r.PostFormValue("province"), Postcode: r.PostFormValue("postcode")}
	f.Phones = r.PostFormValue("phones")
	p.Phones, p.Email, p.URL = splitLines(f.Phones), r.PostFormValue("email"), r.PostFormValue("url")
	p.Visible = r.PostFormValue("visible") == "on"
	p.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	f.Lat, f.Lon = strings.TrimSpace(r.PostFormValue("lat")), strings.TrimSpace(r.PostFormValue("lon"))
	p.HasLocation = f.Lat != "" || f.Lon != ""
	if p.HasLocation {
		var err1, err2 error
		p.Lat, err1 = strconv.ParseFloat(f.Lat, 64)
		p.Lon, err2 = strconv.ParseFloat(f.Lon, 64)
		if err1 != nil || err2 != nil {
			bad["location"] = "location"
		}
	}
	// Every row of the form is a period, except the blank ones and those
	// ticked for removal; what is left keeps its order.
	rows, _ := strconv.Atoi(r.PostFormValue("periods"))
	rows = min(max(rows, 0), maxHourRows)
	p.Hours.Periods = nil
	for i := range rows {
		pre := "p" + strconv.Itoa(i) + "_"
		if r.PostFormValue(pre+"remove") == "on" {
			continue
		}
		var h openinfo.HoursPeriod
		for d := time.Sunday; d <= time.Saturday; d++ {
			if r.PostFormValue(pre+"day"+strconv.Itoa(int(d))) == "on" {
				h.Days = append(h.Days, d)
			}
		}
		h.Open, h.Close = strings.TrimSpace(r.PostFormValue(pre+"open")), strings.TrimSpace(r.PostFormValue(pre+"close"))
		h.BreakStart, h.BreakEnd = strings.TrimSpace(r.PostFormValue(pre+"break_from")), strings.TrimSpace(r.PostFormValue(pre+"break_to"))
		if len(h.Days) == 0 && h.Open == "" && h.Close == "" && h.BreakStart == "" && h.BreakEnd == "" {
			continue
		}
		p.Hours.Periods = append(p.Hours.Periods, h)
	}
	f.setRows(p.Hours.Periods)
	p.Hours.ClosedOnHolidays = r.PostFormValue("closed_on_holidays") == "on"
	p.Hours.Note = r.PostFormValue("hours_note")
	return bad
}

var errBadNumber = &openinfo.Error{Code: openinfo.EINVALID, TH: "ข้อมูลจุดบริการไม่ถูกต้อง กรุณาแก้ไขรายการที่ระบุ",
	EN: "The service point has errors; please correct the fields listed.",
	Fields: []openinfo.FieldError{{Field: "location", TH: "ละติจูดและลองจิจูดต้องเป็นตัวเลข เช่น 13.7563 และ 100.5018",
		EN: "Latitude and longitude must be numbers, e.g. 13.7563 and 100.5018."}}}

func (s *Admin) savePoint(w http.ResponseWriter, r *http.Request, f *pointFormPage, save func() error, done string) {
	lang := ui.LangFrom(r)
	title := ui.T(lang, "admin.point.edit")
	if f.New {
		title = ui.T(lang, "admin.point.new")
	}
	if bad := readPointForm(r, f); len(bad) > 0 {
		f.Message, f.Errors = ui.FormErrors(errBadNumber, lang)
		s.Render(w, r, http.StatusUnprocessableEntity, "admin_point_form", title, f)
		return
	}
	if err := save(); err != nil {
		s.refused(w, r, err, &f.Form, "admin_point_form", title, f)
		return
	}
	http.Redirect(w, r, done, http.StatusSeeOther)
}

// handlePointEdit edits a service point, its pin, hours and visibility.
func (s *Admin) handlePointEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	pt, err := s.db.ServicePoint(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a, err := s.db.Agency(ctx, pt.AgencyID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	f := s.newPointForm(w, *pt, a)
	if r.Method != http.MethodPost {
		s.Render(w, r, http.StatusOK, "admin_point_form", ui.T(ui.LangFrom(r), "admin.point.edit"), f)
		return
	}
	s.savePoint(w, r, &f, func() error {
		f.Point.ID, f.Point.AgencyID = pt.ID, pt.AgencyID
		return s.db.UpdateServicePoint(ctx, &f.Point)
	}, "/admin/agencies/"+strconv.FormatInt(a.ID, 10)+"?saved=1")
}

// handlePointNew adds a service point to agency {id}.
func (s *Admin) handlePointNew(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := ui.PathID(r, "id")
	a, err := s.db.Agency(ctx, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	f := s.newPointForm(w, openinfo.ServicePoint{AgencyID: a.ID, Kind: openinfo.PointCounter, Visible: true, Hours: openinfo.OfficeHours(),
		Address: openinfo.Address{ProvinceCode: a.Contact.Address.ProvinceCode}}, a)
	f.New = true
	if r.Method != http.MethodPost {
		s.Render(w, r, http.StatusOK, "admin_point_form", ui.T(ui.LangFrom(r), "admin.point.new"), f)
		return
	}
	s.savePoint(w, r, &f, func() error {
		f.Point.AgencyID = a.ID
		return s.db.CreateServicePoint(ctx, &f.Point)
	}, "/admin/agencies/"+strconv.FormatInt(a.ID, 10)+"?saved=1")
}
