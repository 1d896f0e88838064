package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web"
)

// TestBackOfficeOnAPhone signs in through the Digital ID provider in
// Chromium at 360×740 as a central officer, an OPDC officer and the
// platform administrator, opens every page of their menus (and the forms
// behind them) and checks each with axe-core: no serious or critical
// violation, and no page wider than the phone.
func TestBackOfficeOnAPhone(t *testing.T) {
	exe := chromium(t)
	axe := axeSource(t)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "backoffice.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	demo := gendata.Demo()
	if _, err := db.LoadDemoOnce(ctx, &store.Dataset{Agencies: demo.Agencies, Points: demo.Points}); err != nil {
		t.Fatal(err)
	}
	dlt, err := findAgency(ctx, db, "กรมการขนส่งทางบก")
	if err != nil {
		t.Fatal(err)
	}
	publishManual(t, db)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	office := httptest.NewUnstartedServer(nil)
	officeURL := "http://" + office.Listener.Addr().String()
	idp := httptest.NewUnstartedServer(nil)
	issuer := "http://" + idp.Listener.Addr().String() + "/digitalid"
	did, err := digitalid.New(digitalid.Config{DB: db.SQL(), Dialect: digitalid.Dialect(db.Dialect()), Issuer: issuer, DevMode: true, Logger: quiet,
		Secret: []byte("0123456789abcdef0123456789abcdef"), Insecure: true,
		Clients: []digitalid.Client{{ID: "backoffice", Secret: "backoffice-secret", Name: "openinfo",
			RedirectURIs: []string{officeURL + "/admin/callback"}, PostLogoutRedirectURIs: []string{officeURL + "/"}}}})
	if err != nil {
		t.Fatal(err)
	}
	idp.Config.Handler = did.Handler()
	idp.Start()
	t.Cleanup(idp.Close)
	sealer, _ := auth.NewSealer([]byte("the back office's phone test secret"))
	rp := auth.New(auth.Config{Issuer: issuer, ClientID: "backoffice", ClientSecret: "backoffice-secret", Logger: quiet,
		RedirectURL: officeURL + "/admin/callback", PostLogoutURL: officeURL + "/"})
	site, err := web.New(web.Config{DB: db, Logger: quiet, BaseURL: officeURL, RP: rp, Sealer: sealer, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	office.Config.Handler = site.Handler()
	office.Start()
	t.Cleanup(office.Close)

	// One Digital ID account per role, bound before it signs in.
	given := map[string]string{"central1": "สมชาย", "opdcofficer1": "วิไล", "admin00001": "ประเสริฐ"}
	person := func(n int, username string) *openinfo.User {
		base := fmt.Sprintf("1103700%05d", n)
		check, _ := openinfo.CitizenIDCheckDigit(base)
		sub, err := did.CreateUser(ctx, digitalid.NewUser{CitizenID: base + string(check), GivenName: given[username], FamilyName: "หลังบ้าน",
			BirthDate: time.Date(1985, 1, 10, 0, 0, 0, 0, time.UTC), LaserCode: "JT1-2345678-90",
			Username: username, Password: "Secret123x", Mobile: fmt.Sprintf("08123456%02d", n)})
		if err != nil {
			t.Fatal(err)
		}
		u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: issuer, Subject: sub, Username: username, GivenName: given[username]})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	central := person(11, "central1")
	tok, _ := openinfo.NewToken()
	if err := db.IssueToken(ctx, &openinfo.IssuedToken{Hash: tok, Sealed: "-", AgencyID: dlt.ID, Role: openinfo.RoleCentral}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RedeemToken(ctx, central.ID, tok, time.Now()); err != nil {
		t.Fatal(err)
	}
	for n, c := range []struct {
		user string
		role openinfo.Role
	}{{"opdcofficer1", openinfo.RoleOPDC}, {"admin00001", openinfo.RoleAdmin}} {
		u := person(12+n, c.user)
		if _, err := db.GrantGlobalRole(ctx, u.ID, c.role); err != nil {
			t.Fatal(err)
		}
	}
	pts, _, _ := db.ServicePoints(ctx, store.PointFilter{Under: dlt.ID, Limit: 1})
	if len(pts) == 0 {
		t.Fatal("no point of the department")
	}
	point := pts[0].ID

	for _, who := range []struct {
		username string
		pages    []string
	}{
		{"central1", []string{"/admin", "/admin/profile", "/admin/tasks", "/admin/manuals", "/admin/processes/new", "/admin/services",
			"/admin/summary", "/admin/delay-notices", "/admin/delay-notices/new", "/admin/egov", "/admin/agencies",
			fmt.Sprintf("/admin/agencies/%d", dlt.ID), fmt.Sprintf("/admin/points/%d/edit", point), fmt.Sprintf("/admin/points/%d/poster", point),
			"/admin/posters", "/admin/tokens", "/admin/users", "/admin/reports/ratings", "/admin/licence-reports",
			"/admin/licence-reports/summary", "/admin/audit", "/admin/exports"}},
		{"opdcofficer1", []string{"/admin", "/admin/compliance", "/admin/licence-unlocks", "/admin/catalog", "/admin/questions", "/admin/summary"}},
		{"admin00001", []string{"/admin", "/admin/onboarding", "/admin/holidays", "/admin/jobs", "/admin/tokens", "/admin/audit"}},
	} {
		t.Run(who.username, func(t *testing.T) {
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
				chromedp.WindowSize(360, 740), chromedp.UserDataDir(profile))
			actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
			defer cancel()
			bctx, cancel := chromedp.NewContext(actx)
			defer cancel()
			bctx, cancel = context.WithTimeout(bctx, 180*time.Second)
			defer cancel()

			// Sign in: the landing page's button, the provider's form, consent.
			if err := chromedp.Run(bctx, chromedp.Navigate(officeURL+"/admin/login"), chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
				chromedp.SendKeys(`#f-username`, who.username, chromedp.ByQuery), chromedp.SendKeys(`#f-password`, "Secret123x", chromedp.ByQuery),
				chromedp.Submit(`#f-password`, chromedp.ByQuery)); err != nil {
				t.Fatal(err)
			}
			var loc string
			for deadline := time.Now().Add(60 * time.Second); ; {
				if err := chromedp.Run(bctx, chromedp.Sleep(50*time.Millisecond), chromedp.Location(&loc)); err != nil || time.Now().After(deadline) {
					t.Fatalf("sign-in: at %s: %v", loc, err)
				}
				if strings.HasPrefix(loc, issuer+"/consent") {
					if err := chromedp.Run(bctx, chromedp.WaitReady(`button[value="allow"]`, chromedp.ByQuery),
						chromedp.Click(`button[value="allow"]`, chromedp.ByQuery)); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if loc == officeURL+"/admin" {
					break
				}
			}
			for _, page := range who.pages {
				var status, raw string
				var scrollW, clientW int
				err := chromedp.Run(bctx, chromedp.Navigate(officeURL+page), chromedp.WaitReady("body"),
					chromedp.Evaluate(`document.querySelector('h1') ? document.querySelector('h1').textContent : ''`, &status),
					chromedp.Evaluate(axe, nil),
					chromedp.Evaluate(`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r))`, &raw,
						func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
					chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollW),
					chromedp.Evaluate(`document.documentElement.clientWidth`, &clientW))
				if err != nil {
					t.Fatalf("%s: %v", page, err)
				}
				if strings.Contains(status, "ไม่มีสิทธิ์") || strings.Contains(status, "ไม่พบ") || status == "" {
					t.Errorf("%s: the page shows %q", page, status)
				}
				var res axeResult
				if err := json.Unmarshal([]byte(raw), &res); err != nil {
					t.Fatalf("%s: axe result: %v", page, err)
				}
				for _, v := range res.Violations {
					if v.Impact == "serious" || v.Impact == "critical" {
						var targets []string
						for _, n := range v.Nodes {
							targets = append(targets, fmt.Sprint(n.Target...))
						}
						t.Errorf("%s: %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
					}
				}
				if scrollW > clientW+1 {
					t.Errorf("%s: the page scrolls sideways at 360 px (%d > %d)", page, scrollW, clientW)
				}
			}
		})
	}
}

// findAgency finds a demo agency by its Thai name.
func findAgency(ctx context.Context, db *store.DB, name string) (*openinfo.Agency, error) {
	list, _, err := db.Agencies(ctx, store.AgencyFilter{Query: name, Limit: 5})
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if a.NameTH == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("no agency %q", name)
}
