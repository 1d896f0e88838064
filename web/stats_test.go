package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// TestStatsFromLicenceReports: the editor fills a manual's section 9 from
// the submitted licence reports of the last 12 months, keeps everything
// else typed, and the months show on the public manual once published.
func TestStatsFromLicenceReports(t *testing.T) {
	f := newAdminFixture(t)
	ctx := context.Background()
	_, procID, pointID := delayFixture(t, f.db, f.office, false)
	now := time.Now()
	last := openinfo.LastMonths(now, 1)[0]
	officer := openinfo.Officer{UserID: 9, Role: openinfo.RolePointOfficer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
	rep := openinfo.LicenceReport{Reporter: openinfo.Reporter{Kind: openinfo.ReporterPoint, ID: pointID}, ProcessID: procID, Month: last,
		Counts: openinfo.LicenceCounts{Received: 120, Issued: 100, Refused: 5, OnTime: 100, Late: 5, PendingEnd: 15}}
	// Submitted on the first of this month: before its deadline whatever today is.
	first := time.Date(now.Year(), now.Month(), 1, 10, 0, 0, 0, thaitime.Bangkok)
	if err := f.db.SaveLicenceReport(ctx, &rep, openinfo.LicSubmit, officer, first); err != nil {
		t.Fatal(err)
	}
	rev, err := f.db.OpenRevision(ctx, procID)
	if err != nil {
		t.Fatal(err)
	}
	author := f.as(t, openinfo.RoleAuthor, f.office)
	form := manualForm(testManual("การต่ออายุใบอนุญาตขับรถ"), rev.Version)
	form.Set("csrf", "test-csrf")
	form.Set("remarks", "หมายเหตุที่พิมพ์ไว้")
	form.Set("action", "stats")
	res, err := author.PostForm(f.srv.URL+fmt.Sprintf("/admin/revisions/%d/edit", rev.ID), form)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(res)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "เติมข้อมูลสถิติจากรายงานการออกใบอนุญาตแล้ว") ||
		!strings.Contains(body, `name="stats.max" type="text" value="120"`) || !strings.Contains(body, `name="stats.avg_per_month" type="text" value="10"`) ||
		!strings.Contains(body, "หมายเหตุที่พิมพ์ไว้") {
		t.Fatalf("fill: %d\n%s", res.StatusCode, body)
	}
	if got, _ := f.db.Revision(ctx, rev.ID); got.Content.Stats.Max == 120 {
		t.Fatal("filling saved the revision")
	}
	// Saved, the months go with the figures.
	form.Del("action")
	form.Set("stats.avg_per_month", "10")
	form.Set("stats.max", "120")
	form.Set("stats.min", "0")
	form.Set("stats.from_month", fmt.Sprint(openinfo.LastMonths(now, 12)[0]))
	form.Set("stats.to_month", fmt.Sprint(last))
	if res, err = author.PostForm(f.srv.URL+fmt.Sprintf("/admin/revisions/%d/edit", rev.ID), form); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %v %d %s", err, res.StatusCode, firstError([]byte(readBody(res))))
	}
	res.Body.Close()
	if got, _ := f.db.Revision(ctx, rev.ID); got.Content.Stats.ToMonth != last || got.Content.Stats.Max != 120 {
		t.Fatalf("saved stats = %+v", got.Content.Stats)
	}
}

func readBody(res *http.Response) string {
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}
