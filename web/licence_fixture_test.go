package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// licenceRouteFixture makes what a licence-report, unlock, holiday or
// reporting-level route acts on in agency where, and sets the form an
// allowed request needs to pass; it returns the {id} of the route, if any.
// The server's clock is the real one: the current month is open for
// drafts, and a month three back is past its deadline.
func licenceRouteFixture(t *testing.T, db *store.DB, method, path string, where *openinfo.Agency, form url.Values) (int64, bool) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	cur := openinfo.MonthKey(now)
	old := openinfo.MonthKey(now.AddDate(0, -3, 0))
	point := func() *openinfo.ServicePoint {
		pt := &openinfo.ServicePoint{AgencyID: where.ID, NameTH: "จุดบริการที่รายงาน", Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, pt); err != nil {
			t.Fatal(err)
		}
		return pt
	}
	switch {
	case method == "POST" && (path == "/admin/licence-reports" || path == "/admin/licence-reports/zero"):
		pt := point()
		proc := publishProcess(t, db, where, "การขออนุญาตที่รายงาน", pt.ID)
		form.Set("point", fmt.Sprint(pt.ID))
		form.Set("month", monthBE(cur))
		form.Set("process_id", fmt.Sprint(proc.ID))
		form.Set("do", "save_draft")
		form.Set("version", "0")
		return 0, false
	case path == "/admin/licence-reports/unlock":
		form.Set("point", fmt.Sprint(point().ID))
		form.Set("month", monthBE(old))
		return 0, false
	case path == "/admin/licence-unlocks/policy":
		form.Set("due_day", "15")
		return 0, false
	case strings.HasPrefix(path, "/admin/licence-unlocks/{id}"):
		admin := openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}
		u, err := db.RequestUnlock(ctx, openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: point().ID}, old, "ทดสอบ", admin, now)
		if err != nil {
			t.Fatal(err)
		}
		form.Set("decision", "approve")
		return u.ID, true
	case strings.HasSuffix(path, "/reporting-level"):
		form.Set("level", string(openinfo.ReporterAgency))
		return 0, false
	case method == "POST" && path == "/admin/holidays":
		holidayN++
		form.Set("day", time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, holidayN).Format(time.DateOnly))
		return 0, false
	case strings.HasPrefix(path, "/admin/holidays/{id}"):
		holidayN++
		h := &store.Holiday{Holiday: thaitime.Holiday{Date: time.Date(2029, 1, 1, 0, 0, 0, 0, thaitime.Bangkok).AddDate(0, 0, holidayN), NameTH: "วันหยุดทดสอบ"}}
		if err := db.AddHoliday(ctx, h, openinfo.Officer{UserID: 1, Role: openinfo.RoleAdmin}); err != nil {
			t.Fatal(err)
		}
		return h.ID, true
	}
	return 0, false
}

// holidayN makes each holiday of the matrix a new day.
var holidayN int
