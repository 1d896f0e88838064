package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// TestLicenceMonthParams: a month in a licence page's or the delay list's
// query that is not one, is in the Common Era, before the Act or still to
// come is refused with status 400 and a message, in Thai and English, that
// says what to write; on the filter pages it stands beside the filter.
func TestLicenceMonthParams(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAdminFixtureOn(t, db)
		now := time.Now()
		next := openinfo.Period{Kind: openinfo.PeriodMonth, Month: openinfo.MonthKey(now.AddDate(0, 1, 0))}.String()
		cur := openinfo.Period{Kind: openinfo.PeriodMonth, Month: openinfo.MonthKey(now)}.String()
		central := f.as(t, openinfo.RoleCentral, f.dept)
		en := f.as(t, openinfo.RoleCentral, f.dept)
		en.Jar.SetCookies(mustURL(t, f.srv.URL+"/admin"), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		ce := fmt.Sprintf("%d-%02d", now.Year(), int(now.Month()))
		for _, tt := range []struct {
			c      *http.Client
			path   string
			want   []string // in the page
			notAny []string
		}{
			{central, "/admin/licence-reports?month=" + ce, []string{"เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ.", cur}, nil},
			{en, "/admin/licence-reports?month=" + ce, []string{"is a Common-Era year: use the Buddhist era, e.g. " + cur}, nil},
			{central, "/admin/licence-reports?month=" + next, []string{"ยังมาไม่ถึง", cur}, nil},
			{en, "/admin/licence-reports?month=2569-13", []string{"The month must be 01 to 12"}, nil},
			{en, "/admin/licence-reports?month=2550-01", []string{"before the Licensing Facilitation Act came into force"}, nil},
			// The summary: told beside each bad filter, the good ones kept, no figures.
			{en, "/admin/licence-reports/summary?from=2569-1O&to=" + next + "&month=" + cur, []string{`id="from-error"`, `id="to-error"`,
				`is not valid: write the Buddhist-era year and the month`, "has not come yet"}, []string{`id="month-error"`, `id="breakdown"`, "summary.csv"}},
			{central, "/admin/licence-reports/summary?month=abc", []string{`id="month-error"`, "ไม่ถูกต้อง กรุณาเขียนเป็น ปี พ.ศ.-เดือน"}, []string{`id="breakdown"`}},
			{central, "/admin/licence-reports/summary?from=2569-11&to=2569-10", []string{`id="from-error"`, "เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด"}, nil},
			{en, "/admin/licence-reports/summary.csv?month=" + next, []string{"has not come yet"}, nil},
			{en, "/admin/licence-reports/summary.xlsx?to=2569", []string{"is not valid"}, nil},
			// The delay list: its month input sends the Common Era; a typed BE month is taken too.
			{en, "/admin/delay-notices?month=2026-13", []string{`id="month-error"`, "The month must be 01 to 12"}, []string{"No application recorded yet"}},
			{central, "/admin/delay-notices?month=" + url.QueryEscape("พฤศจิกายน"), []string{`id="month-error"`, "ไม่ถูกต้อง"}, nil},
			{en, "/admin/delay-notices.csv?month=" + next, []string{"has not come yet"}, nil},
		} {
			st, b, _ := fetch(t, tt.c, f.srv.URL+tt.path)
			if st != http.StatusBadRequest {
				t.Errorf("%s: %d, want 400", tt.path, st)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notAny {
				if strings.Contains(string(b), w) {
					t.Errorf("%s has %q", tt.path, w)
				}
			}
		}
		// Good months still answer.
		for _, path := range []string{"/admin/licence-reports?month=" + cur, "/admin/licence-reports/summary?from=2569-10&to=" + cur + "&month=" + cur,
			"/admin/delay-notices?month=" + ce, "/admin/delay-notices?month=" + cur} {
			if st, b, _ := fetch(t, central, f.srv.URL+path); st != 200 || strings.Contains(string(b), `class="field-error"`) && strings.Contains(string(b), `id="month-error"`) {
				t.Errorf("%s: %d", path, st)
			}
		}
	})
}
