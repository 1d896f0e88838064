package main

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func openTestDB(t *testing.T, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestServeDemo starts the binary's serve command on SQLite, as `go run
// ./cmd/openinfo` does, and reads the portal with its demo data.
func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir, "OPENINFO_ADDR": "127.0.0.1:0"})
	serveAndCheck(t, env, filepath.Join(dir, "openinfo.db"))
}

// TestServeDemoPostgres does the same on PostgreSQL: one setting switches the engine.
func TestServeDemoPostgres(t *testing.T) {
	dsn := pgtest.NewDatabase(t, nil)
	env := envOf(map[string]string{"OPENINFO_DATABASE_URL": dsn, "OPENINFO_ADDR": "127.0.0.1:0", "OPENINFO_SECRET": strings.Repeat("s", 32)})
	serveAndCheck(t, env, dsn)
}

func serveAndCheck(t *testing.T, env func(string) string, dsn string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, nil, env, io.Discard, &logs, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	// The site answers at once; it is ready when the search index is loaded.
	for deadline := time.Now().Add(30 * time.Second); ; {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /readyz = %d after 30 s", res.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for path, want := range map[string]string{
		"/":            "ศูนย์รวมข้อมูลเพื่อติดต่อราชการ",
		"/agencies":    "กระทรวงมหาดไทย",
		"/readyz":      "ready",
		"/agencies/18": "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว",
		"/manuals/1":   "การจดทะเบียนสมรส",
		// The home page's example searches find something in the demo.
		"/search?q=" + url.QueryEscape("ทำใบขับขี่"):       "การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว",
		"/search?q=" + url.QueryEscape("จดทะเบียนสมรส"):    "การจดทะเบียนสมรส",
		"/search?q=" + url.QueryEscape("ขออนุญาตก่อสร้าง"): "การขออนุญาตก่อสร้างอาคาร",
		"/services/1": "DLT Smart Queue",
		"/egov":       "ประกาศกรมการขนส่งทางบก เรื่อง กำหนดช่องทางอิเล็กทรอนิกส์",
	} {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		text := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(b)) // hits are marked inside titles
		if res.StatusCode != 200 || !strings.Contains(text, want) {
			t.Fatalf("GET %s = %d, lacks %q", path, res.StatusCode, want)
		}
	}
	// The demo's delay notice answers the citizen lookup.
	res, err := http.PostForm("http://"+addr+"/delays", url.Values{"ref": {app.DemoDelayRef}, "last4": {app.DemoDelayPhone4}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "รอผลการตรวจสอบประวัติจากหน่วยงานภายนอก") {
		t.Fatalf("the demo delay lookup: %d", res.StatusCode)
	}
	demoLogin(t, "http://"+addr, "dltcentral", "กรมการขนส่งทางบก", "เจ้าหน้าที่ส่วนกลาง")
	demoLogin(t, "http://"+addr, "dgaadmin", "ทุกหน่วยงาน", "ผู้ดูแลระบบ")
	// One manual waits at each approval step: in the reviewer's and OPDC's tasks.
	getPage(t, demoLogin(t, "http://"+addr, "dltreviewer", "เจ้าหน้าที่รีวิวคู่มือ"), "http://"+addr+"/admin/tasks", "การจดทะเบียนรถใหม่")
	opdc := demoLogin(t, "http://"+addr, "opdcofficer", "ก.พ.ร.")
	getPage(t, opdc, "http://"+addr+"/admin/tasks", "การแจ้งย้ายรถออกนอกจังหวัด")
	// The demo point's locked month waits for OPDC's decision on its unlock.
	getPage(t, opdc, "http://"+addr+"/admin/licence-unlocks", "ลาป่วยช่วงกำหนดส่ง")
	newcomer := demoLogin(t, "http://"+addr, "newcomer1", "รหัส Token 15 หลัก")
	submitForm(t, newcomer, "http://"+addr+"/admin/token", url.Values{"token": {app.DemoNewcomerToken}}, "สำนักงานขนส่งจังหวัดสงขลา", "เจ้าหน้าที่จุดบริการ")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}
	if !strings.Contains(logs.String(), "demo data loaded") {
		t.Fatalf("first start did not load demo data:\n%s", logs.String())
	}

	// A second start keeps the data and loads no second copy.
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, before, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true})
	db.Close()
	ctx, cancel = context.WithCancel(context.Background())
	logs.Reset()
	go func() { done <- run(ctx, nil, env, io.Discard, &logs, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("second start: %v\n%s", err, logs.String())
	}
	cancel()
	<-done
	db, _ = store.Open(context.Background(), dsn)
	defer db.Close()
	if _, after, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true}); after != before || before == 0 {
		t.Fatalf("agencies: %d after the first start, %d after the second", before, after)
	}
}

type page struct {
	c    *http.Client
	url  *url.URL
	body string
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
var reqIDRe = regexp.MustCompile(`name="id" value="([^"]+)"`)

// submitForm posts a form of the current page like a browser and checks the result.
func submitForm(t *testing.T, p *page, target string, vals url.Values, want ...string) {
	t.Helper()
	if m := csrfRe.FindStringSubmatch(p.body); m != nil {
		vals.Set("csrf", m[1])
	}
	if m := reqIDRe.FindStringSubmatch(p.body); m != nil && vals.Get("id") == "" {
		vals.Set("id", m[1])
	}
	req, _ := http.NewRequest("POST", target, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", p.url.Scheme+"://"+p.url.Host)
	res, err := p.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	p.url, p.body = res.Request.URL, html.UnescapeString(string(b))
	for _, w := range want {
		if !strings.Contains(p.body, w) {
			t.Fatalf("%s: lacks %q\n%s", p.url, w, p.body)
		}
	}
}

// demoLogin signs a demo account in to /admin through the built-in provider
// of the running binary.
func demoLogin(t *testing.T, base, username string, want ...string) *page {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	p := &page{c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
	res, err := p.c.Get(base + "/admin/login") // the landing page's sign-in button
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	p.url, p.body = res.Request.URL, string(b)
	if p.url.Path != "/digitalid/login" {
		t.Fatalf("/admin/login led to %s", p.url)
	}
	submitForm(t, p, base+"/digitalid/login", url.Values{"username": {username}, "password": {app.DemoPassword}})
	if p.url.Path == "/digitalid/consent" {
		submitForm(t, p, base+"/digitalid/consent", url.Values{"decision": {"allow"}})
	}
	for _, w := range want {
		if !strings.Contains(p.body, w) {
			t.Fatalf("%s signed in to %s, page lacks %q\n%s", username, p.url, w, p.body)
		}
	}
	return p
}

func TestHelpListsEverySetting(t *testing.T) {
	var out, settings bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(nil), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	app.PrintSettings(&settings)
	for _, line := range strings.Split(strings.TrimSpace(settings.String()), "\n") {
		if !strings.Contains(out.String(), line) {
			t.Fatalf("help lacks %q", line)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"frobnicate"}, envOf(nil), io.Discard, io.Discard, nil); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestGenDataSmall(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	env := envOf(map[string]string{"OPENINFO_DATA_DIR": dir})
	if err := run(context.Background(), []string{"gen-data", "--scale", "small", "--seed", "3", "--as-of", "2026-12-07"}, env, &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "done:") || !strings.Contains(out.String(), "database size") {
		t.Fatalf("output:\n%s", out.String())
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "openinfo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, n, _ := db.Agencies(context.Background(), store.AgencyFilter{WithInactive: true})
	_, p, _ := db.ServicePoints(context.Background(), store.PointFilter{WithHidden: true})
	if n < 100 || p < 1000 {
		t.Fatalf("small data set: %d agencies, %d points", n, p)
	}
	if r, _ := db.RatingCount(context.Background()); r != 20000 {
		t.Fatalf("small data set: %d satisfaction ratings, want 20,000", r)
	}
	if tot, err := db.LicenceTotals(context.Background(), 0, 202512, 202611); err != nil || len(tot) != 12 {
		t.Fatalf("small data set: licence totals %v, %v", tot, err)
	}
	if _, n, _ := db.DelayCases(context.Background(), store.DelayFilter{Limit: 1}); n != 500 {
		t.Fatalf("small data set: %d delayed applications, want 500", n)
	}
	if c, err := db.EgovCompliance(context.Background(), openinfo.DefaultEgovSettings()); err != nil || c.Both == 0 || c.Both*4 > c.Total {
		t.Fatalf("small data set: %d of %d agencies with both Section 10/16 records (%v)", c.Both, c.Total, err)
	}
	if err := run(context.Background(), []string{"gen-data", "--scale", "galactic"}, env, &out, io.Discard, nil); err == nil {
		t.Fatal("unknown scale accepted")
	}
}

// getPage fetches a page as the signed-in client and checks its text.
func getPage(t *testing.T, p *page, url string, want ...string) {
	t.Helper()
	res, err := p.c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, w := range want {
		if res.StatusCode != 200 || !strings.Contains(string(b), w) {
			t.Fatalf("GET %s = %d, lacks %q", url, res.StatusCode, w)
		}
	}
}

// TestMigrate: the migrate command migrates the built-in provider's tables
// only when the built-in provider is in use.
func TestMigrate(t *testing.T) {
	for _, tt := range []struct {
		env   map[string]string
		didID bool
	}{
		{map[string]string{}, true},
		{map[string]string{"OPENINFO_OIDC_ISSUER": "https://connect.egov.go.th", "OPENINFO_OIDC_CLIENT_SECRET": "s"}, false},
	} {
		dir := t.TempDir()
		tt.env["OPENINFO_DATA_DIR"] = dir
		var out bytes.Buffer
		if err := run(context.Background(), []string{"migrate"}, envOf(tt.env), &out, io.Discard, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "sqlite schema at version ") ||
			strings.Contains(out.String(), "built-in Digital ID schema at version 1\n") != tt.didID {
			t.Errorf("OPENINFO_OIDC_ISSUER=%q: output\n%s", tt.env["OPENINFO_OIDC_ISSUER"], out.String())
		}
		db := openTestDB(t, filepath.Join(dir, "openinfo.db"))
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM did_users`).Scan(&n); (err == nil) != tt.didID {
			t.Errorf("OPENINFO_OIDC_ISSUER=%q: did_users: %v", tt.env["OPENINFO_OIDC_ISSUER"], err)
		}
	}
}
