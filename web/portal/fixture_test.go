package portal

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/find"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// fixture is the portal alone, on an empty database, for the pages that need
// no data of their own (guides, FAQ); web/'s tests drive the whole site.
type fixture struct {
	srv *httptest.Server
	db  *store.DB
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	u, err := ui.New(ui.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), StaticHash: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{UI: u, DB: db, Find: &find.Finder{DB: db}})
	t.Cleanup(p.Close)
	mux := http.NewServeMux()
	p.Register(mux)
	f := &fixture{srv: httptest.NewServer(mux), db: db}
	t.Cleanup(f.srv.Close)
	return f
}

// thaiBreaks are the marks ui.ThaiWords puts into Thai text; plainThai
// takes them out, so that tests look for the text as written.
var thaiBreaks = regexp.MustCompile(`<span class="w">([^<]*)</span>|<wbr>`)

func plainThai(s string) string { return thaiBreaks.ReplaceAllString(s, "$1") }

type response struct {
	*http.Response
	body string
}

func (f *fixture) get(t *testing.T, path string, header ...string) response {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res, plainThai(string(b))}
}

func (r response) want(t *testing.T, status int, contains ...string) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", r.Request.URL, r.StatusCode, status, r.body)
	}
	for _, c := range contains {
		if !strings.Contains(r.body, c) {
			t.Fatalf("%s: body lacks %q\n%s", r.Request.URL, c, r.body)
		}
	}
}

func (r response) wantNot(t *testing.T, absent ...string) {
	t.Helper()
	for _, c := range absent {
		if strings.Contains(r.body, c) {
			t.Fatalf("%s: body has %q", r.Request.URL, c)
		}
	}
}
