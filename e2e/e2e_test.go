// Package e2e drives the portal in a real headless Chromium (chromedp) on a
// phone-sized viewport and checks accessibility with axe-core from npm.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"
	"github.com/openinfo/openinfo/searchfeed"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
)

// browserRequired: with OPENINFO_TEST_BROWSER=require (set by .ci/run) a
// missing Chromium or axe-core fails instead of skipping.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("OPENINFO_TEST_BROWSER") == "require" {
		t.Fatal(why)
	}
	t.Skip(why)
}

func chromium(t *testing.T) string {
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "no Chromium found (apt-get install chromium)")
	return ""
}

func axeSource(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		skipOrFail(t, "axe-core not installed: run npm ci in e2e/")
	}
	return string(b)
}

func site(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	demo := gendata.Demo()
	if _, err := db.Import(ctx, &store.Dataset{Agencies: demo.Agencies, Points: demo.Points}, nil); err != nil {
		t.Fatal(err)
	}
	publishManual(t, db)
	ix := search.New(thai.Default())
	t.Cleanup(ix.Close)
	feed := searchfeed.New(db, ix, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := feed.Load(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Search: ix, SearchReady: feed.Ready})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// publishManual puts one manual of the Department of Land Transport through
// the approval and pins it to the department's service points.
func publishManual(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	dlts, _, err := db.Agencies(ctx, store.AgencyFilter{Query: "กรมการขนส่งทางบก"})
	if err != nil || len(dlts) == 0 {
		t.Fatalf("no DLT in the demo data: %v", err)
	}
	dlt := dlts[0]
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dlt.ID, AgencyPath: dlt.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dlt.ID, AgencyPath: dlt.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	p := &openinfo.Process{AgencyID: dlt.ID, NameTH: "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", CommonNames: []string{"ทำใบขับขี่"}}
	if err := db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	r, err := db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := openinfo.ManualContent{Name: p.NameTH, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryLicence,
		LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522}},
		Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งจังหวัดทุกแห่ง", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
		Steps: []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ยื่นคำขอและตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute},
			{Type: openinfo.StepConsideration, Detail: "ทดสอบสมรรถภาพ อบรม และสอบ", Duration: 5, Unit: openinfo.UnitHour}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy}},
		Fees:       []openinfo.Fee{{Detail: "ค่าธรรมเนียมใบอนุญาต", Amount: 105, Unit: openinfo.FeeBaht}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
	if _, err := db.SaveDraft(ctx, r.ID, r.Version, c, author, dlt.Path); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		ev  openinfo.RevisionEvent
		who openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, r.ID, s.ev, s.who, dlt.Path, ""); err != nil {
			t.Fatal(err)
		}
	}
	points, _, err := db.ServicePoints(ctx, store.PointFilter{Under: dlt.ID, Limit: 50})
	if err != nil || len(points) == 0 {
		t.Fatalf("no DLT service points: %v", err)
	}
	var ids []int64
	for _, pt := range points {
		ids = append(ids, pt.ID)
	}
	if _, err := db.Pin(ctx, store.PinProcess, p.ID, ids); err != nil {
		t.Fatal(err)
	}
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestPortalOnAPhone opens the portal's pages at 360 px, follows links as a
// citizen would, and runs axe-core on each page: no serious or critical
// violations, and no horizontal scrolling.
func TestPortalOnAPhone(t *testing.T) {
	exe := chromium(t)
	axe := axeSource(t)
	srv := site(t)

	// Chromium may still be writing its profile as it exits, so the profile is
	// removed best-effort after the browser is gone, not by t.TempDir.
	profile, err := os.MkdirTemp("", "openinfo-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(360, 740), chromedp.UserDataDir(profile))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	check := func(name string) {
		t.Helper()
		var raw string
		var scrollW, clientW int
		err := chromedp.Run(ctx,
			chromedp.Evaluate(axe, nil),
			chromedp.Evaluate(`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r))`, &raw,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollW),
			chromedp.Evaluate(`document.documentElement.clientWidth`, &clientW),
		)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var res axeResult
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			t.Fatalf("%s: axe result: %v", name, err)
		}
		for _, v := range res.Violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				var targets []string
				for _, n := range v.Nodes {
					targets = append(targets, fmt.Sprint(n.Target...))
				}
				t.Errorf("%s: %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
			}
		}
		if scrollW > clientW+1 {
			t.Errorf("%s: the page scrolls sideways at 360 px (%d > %d)", name, scrollW, clientW)
		}
	}

	var title, text string
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Title(&title)); err != nil {
		t.Fatal(err)
	}
	if title != "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ" {
		t.Fatalf("home title = %q", title)
	}
	check("home")

	// Search like a citizen, in everyday words: open the manual, then a
	// service point that serves it.
	err = chromedp.Run(ctx,
		chromedp.SendKeys(`#q`, "ทำใบขับขี่"),
		chromedp.Submit(`#q`),
		chromedp.WaitVisible(`ol.hits a`),
		chromedp.Text(`main`, &text),
	)
	if err != nil || !strings.Contains(text, "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว") {
		t.Fatalf("search: %v\n%s", err, text)
	}
	check("search results")
	err = chromedp.Run(ctx,
		chromedp.Click(`ol.hits li:first-child h2 a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#points`),
		chromedp.Title(&title),
		chromedp.Text(`main`, &text),
	)
	if err != nil || !strings.Contains(title, "คู่มือสำหรับประชาชน") || !strings.Contains(text, "ค่าธรรมเนียมใบอนุญาต") {
		t.Fatalf("manual page: %v (title %q)\n%s", err, title, text)
	}
	check("manual")
	err = chromedp.Run(ctx,
		chromedp.Click(`#points ~ ul a`, chromedp.ByQuery),
		chromedp.WaitVisible(`ul.hours`),
		chromedp.Text(`main`, &text),
	)
	if err != nil || !strings.Contains(text, "วันและเวลาให้บริการ") || !strings.Contains(text, "การขอรับใบอนุญาตขับรถ") {
		t.Fatalf("service point page: %v\n%s", err, text)
	}
	check("service point")
	// An agency, found by name on the agencies tab.
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/search?kind=agency&q="+url.QueryEscape("ขนส่ง")),
		chromedp.Click(`//a[normalize-space()="สำนักงานขนส่งจังหวัดเชียงใหม่"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#points`),
		chromedp.Title(&title),
	)
	if err != nil || !strings.Contains(title, "สำนักงานขนส่งจังหวัดเชียงใหม่") {
		t.Fatalf("agency page: %v (title %q)", err, title)
	}
	check("agency")
	// English, then the browse page.
	err = chromedp.Run(ctx, chromedp.Click(`a[lang="en"]`, chromedp.ByQuery), chromedp.WaitVisible(`html[lang="en"]`, chromedp.ByQuery))
	if err != nil {
		t.Fatalf("switch to English: %v", err)
	}
	check("service point (English)")
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/agencies")); err != nil {
		t.Fatal(err)
	}
	check("directory")
	// The guides and the FAQ, in Thai again.
	for _, path := range []string{"/lang?to=th&next=/guide", "/guide/getting-started", "/faq", "/catalog", "/delays", "/egov", "/open-data"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(`h1`)); err != nil {
			t.Fatal(err)
		}
		check(path)
	}
}
