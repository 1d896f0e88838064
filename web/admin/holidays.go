package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// Back office: the holiday calendar the business-day rules count with (the
// unlock window of licence reports, the delay notices' due dates), kept by
// the platform administrator: a year's days, add one, remove one.

type holidaysPage struct {
	ui.Form
	Year     int // BE
	Years    []int
	Holidays []store.Holiday
	// What was typed in the add form.
	Day, NameTH, NameEN string
	Notice              string
	Lang                string
}

// holidayYear reads ?year= (BE); the default is the current year.
func (s *Admin) holidayYear(r *http.Request) int {
	now := s.now().In(thaitime.Bangkok).Year() + 543
	y, err := strconv.Atoi(r.FormValue("year"))
	if err != nil || y < now-5 || y > now+5 {
		return now
	}
	return y
}

func (s *Admin) holidaysPage(r *http.Request) (*holidaysPage, error) {
	p := &holidaysPage{Year: s.holidayYear(r), Lang: ui.LangFrom(r)}
	cur := s.now().In(thaitime.Bangkok).Year() + 543
	for y := cur - 1; y <= cur+2; y++ {
		p.Years = append(p.Years, y)
	}
	var err error
	p.Holidays, err = s.db.Holidays(r.Context(), p.Year-543)
	return p, err
}

func (s *Admin) renderHolidays(w http.ResponseWriter, r *http.Request, status int, p *holidaysPage) {
	s.Render(w, r, status, "admin_holidays", ui.T(p.Lang, "hol.title"), p)
}

// handleHolidays shows a year's holidays.
func (s *Admin) handleHolidays(w http.ResponseWriter, r *http.Request) {
	p, err := s.holidaysPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") != "" {
		p.Notice = ui.T(p.Lang, "hol.done."+r.URL.Query().Get("done"))
	}
	s.renderHolidays(w, r, http.StatusOK, p)
}

// handleHolidayAdd adds a day; a date that does not parse is said at its
// field, with what was typed kept.
func (s *Admin) handleHolidayAdd(w http.ResponseWriter, r *http.Request) {
	p, err := s.holidaysPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Day, p.NameTH, p.NameEN = r.PostFormValue("day"), r.PostFormValue("name_th"), r.PostFormValue("name_en")
	h := &store.Holiday{Holiday: thaitime.Holiday{NameTH: p.NameTH, NameEN: p.NameEN}}
	if p.Day != "" {
		d, perr := thaitime.ParseDate(p.Day)
		if perr != nil {
			msgTH := "วันที่ \"" + p.Day + "\" ไม่ถูกต้อง (ตัวอย่าง 13/04/2570)"
			msgEN := "\"" + p.Day + "\" is not a valid date (example: 13/04/2570)."
			err = &openinfo.Error{Code: openinfo.EINVALID, TH: "ข้อมูลวันหยุดไม่ถูกต้อง", EN: "The holiday has errors.",
				Fields: []openinfo.FieldError{{Field: "day", TH: msgTH, EN: msgEN}}}
		}
		h.Date = d
	}
	if err == nil {
		err = s.db.AddHoliday(r.Context(), h, currentUser(r.Context()).Officer())
	}
	if err != nil {
		s.refused(w, r, err, &p.Form, "admin_holidays", ui.T(p.Lang, "hol.title"), p)
		return
	}
	y := h.Date.In(thaitime.Bangkok).Year() + 543
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(y)+"&done=add", http.StatusSeeOther)
}

// handleHolidayDelete removes a day.
func (s *Admin) handleHolidayDelete(w http.ResponseWriter, r *http.Request) {
	id, _ := ui.PathID(r, "id")
	if err := s.db.DeleteHoliday(r.Context(), id, currentUser(r.Context()).Officer()); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/holidays?year="+strconv.Itoa(s.holidayYear(r))+"&done=delete", http.StatusSeeOther)
}

// Weekday names the holiday's day of the week.
func (p *holidaysPage) Weekday(t time.Time) string {
	return openinfo.DayName(t.In(thaitime.Bangkok).Weekday(), p.Lang)
}

func init() {
	ui.AddMessages(map[string][2]string{
		"hol.title":       {"ปฏิทินวันหยุดราชการ", "Holiday calendar"},
		"hol.intro":       {"วันหยุดราชการ วันหยุดพิเศษ และวันหยุดชดเชย ที่ใช้นับวันทำการ (เช่น ระยะเวลาปลดล็อครายงาน 5 วันทำการ) วันเสาร์และอาทิตย์เป็นวันหยุดอยู่แล้ว", "The official holidays, extra days and substitution days that business days are counted with (the 5-business-day unlock window, for one). Saturdays and Sundays are off anyway."},
		"hol.year":        {"ปี พ.ศ.", "Year (BE)"},
		"hol.day":         {"วันที่", "Date"},
		"hol.day.help":    {"เช่น 13/04/2570 หรือ 13 เม.ย. 2570", "For example 13/04/2570 or 13 Apr 2027"},
		"hol.weekday":     {"วัน", "Day"},
		"hol.name_th":     {"ชื่อวันหยุด (ภาษาไทย)", "Name (Thai)"},
		"hol.name_en":     {"ชื่อวันหยุด (ภาษาอังกฤษ)", "Name (English)"},
		"hol.add":         {"เพิ่มวันหยุด", "Add the holiday"},
		"hol.delete":      {"ลบ", "Remove"},
		"hol.none":        {"ยังไม่มีวันหยุดในปีนี้", "No holiday in this year yet."},
		"hol.done.add":    {"เพิ่มวันหยุดแล้ว", "The holiday is added."},
		"hol.done.delete": {"ลบวันหยุดแล้ว", "The holiday is removed."},
	})
}
