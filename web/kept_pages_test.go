package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// keptNode is one node of a site whose manual and point pages are kept
// rendered in the database (Config.KeepPages), or, for reference, one that
// renders every page (keep false). The page cache is off, so what a node
// answers is what it keeps or renders.
type keptNode struct {
	site *Server
	srv  *httptest.Server
}

func newKeptNode(t *testing.T, db *store.DB, keep bool) *keptNode {
	t.Helper()
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://info.example.go.th",
		KeepPages: keep, RenderVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	n := &keptNode{site: s, srv: httptest.NewServer(s.Handler())}
	t.Cleanup(n.srv.Close)
	t.Cleanup(s.Close)
	return n
}

// keptAnswer is a page as a browser gets it, decompressed.
type keptAnswer struct {
	status   int
	header   http.Header
	body     string
	encoding string // as sent
}

// get asks for path in lang, accepting gzip (or only identity), with any
// extra headers.
func (n *keptNode) get(t *testing.T, path, lang string, gz bool, extra ...string) keptAnswer {
	t.Helper()
	req, _ := http.NewRequest("GET", n.srv.URL+path, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	if lang == "en" {
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
	}
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := keptAnswer{status: res.StatusCode, header: res.Header, encoding: res.Header.Get("Content-Encoding")}
	if a.encoding == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		raw, _ = io.ReadAll(zr)
	}
	a.body = string(raw)
	return a
}

// waitKept waits until the node's writer stored the page asked for. A
// render that began within a moment of a change is not stored (the node
// read the count of changes before it, store.RenderEpoch), so the page is
// asked for again now and then, as readers would.
func waitKept(t *testing.T, db *store.DB, kind string, id int64, lang string, askAgain func()) {
	t.Helper()
	for deadline, asked := time.Now().Add(10*time.Second), time.Now(); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, _, ok, err := db.Rendered(context.Background(), kind, id, lang, "test"); err != nil {
			t.Fatal(err)
		} else if ok {
			return
		}
		if askAgain != nil && time.Since(asked) > 200*time.Millisecond {
			askAgain()
			asked = time.Now()
		}
	}
	t.Fatalf("%s %d (%s) never kept", kind, id, lang)
}

// sameAnswer fails unless a kept answer equals a fresh render's: status,
// body and the headers a cache or browser reads.
func sameAnswer(t *testing.T, what string, kept, fresh keptAnswer) {
	t.Helper()
	if kept.status != fresh.status || kept.status != http.StatusOK {
		if kept.status != fresh.status {
			t.Fatalf("%s: status %d, fresh %d", what, kept.status, fresh.status)
		}
		return // an error page names its request
	}
	if kept.body != fresh.body {
		t.Fatalf("%s: kept page (%d, %d bytes) differs from a fresh render (%d, %d bytes)\nkept:  %.400s\nfresh: %.400s",
			what, kept.status, len(kept.body), fresh.status, len(fresh.body), kept.body, fresh.body)
	}
	for _, h := range []string{"Content-Type", "Content-Language", "ETag", "Cache-Control"} {
		if kept.header.Get(h) != fresh.header.Get(h) {
			t.Errorf("%s: %s %q, fresh %q", what, h, kept.header.Get(h), fresh.header.Get(h))
		}
	}
	if k, f := strings.Join(kept.header.Values("Vary"), ","), strings.Join(fresh.header.Values("Vary"), ","); k != f {
		t.Errorf("%s: Vary %q, fresh %q", what, k, f)
	}
}

type keptSite struct {
	db               *store.DB
	a, b, fresh      *keptNode // two nodes keeping pages, one rendering every page
	ministry, dept   *openinfo.Agency
	x1, x2           *openinfo.ServicePoint
	p, q             *openinfo.Process
	svc              *openinfo.OtherService
	manualP, pointX1 string
	manualQ, pointX2 string
	allPaths         []string
}

func newKeptSite(t *testing.T, dsn string) *keptSite {
	t.Helper()
	ctx := context.Background()
	s := &keptSite{db: dbtest.Open(t, dsn)}
	db := s.db
	mk := func(parent int64, typ openinfo.AgencyType, th, en string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: th, NameEN: en, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "50"}}}
		if err := db.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	s.ministry = mk(0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย", "Ministry of Interior")
	s.dept = mk(s.ministry.ID, openinfo.AgencyDepartment, "กรมการปกครอง", "Department of Provincial Administration")
	mkPoint := func(th, en, prov string) *openinfo.ServicePoint {
		p := &openinfo.ServicePoint{AgencyID: s.dept.ID, NameTH: th, NameEN: en, Kind: openinfo.PointCounter, Visible: true,
			Address: openinfo.Address{Line: "ศาลากลาง", ProvinceCode: prov}, HasLocation: true, Lat: 18.79, Lon: 98.98, Hours: openinfo.OfficeHours()}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	s.x1, s.x2 = mkPoint("ที่ว่าการอำเภอเมืองเชียงใหม่", "Mueang Chiang Mai District Office", "50"), mkPoint("ที่ว่าการอำเภอเมืองลำพูน", "Mueang Lamphun District Office", "51")
	s.p = publishProcess(t, db, s.dept, "การจดทะเบียนสมรส", s.x1.ID, s.x2.ID)
	s.q = publishProcess(t, db, s.dept, "การแจ้งเกิด")
	s.svc = &openinfo.OtherService{AgencyID: s.dept.ID, NameTH: "รับแจ้งเรื่องราวร้องทุกข์", Published: true, Content: openinfo.ServiceContent{Description: "ทดสอบ"}}
	if err := db.CreateService(ctx, s.svc); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pin(ctx, store.PinService, s.svc.ID, []int64{s.x1.ID}); err != nil {
		t.Fatal(err)
	}
	s.a, s.b, s.fresh = newKeptNode(t, db, true), newKeptNode(t, db, true), newKeptNode(t, db, false)
	s.manualP, s.manualQ = "/manuals/"+id(s.p.ID), "/manuals/"+id(s.q.ID)
	s.pointX1, s.pointX2 = "/points/"+id(s.x1.ID), "/points/"+id(s.x2.ID)
	s.allPaths = []string{s.manualP, s.manualQ, s.pointX1, s.pointX2}
	return s
}

func keptKey(path string) (string, int64) {
	kind, rest := store.RenderedManual, strings.TrimPrefix(path, "/manuals/")
	if strings.HasPrefix(path, "/points/") {
		kind, rest = store.RenderedPoint, strings.TrimPrefix(path, "/points/")
	}
	var n int64
	for _, c := range rest {
		n = n*10 + int64(c-'0')
	}
	return kind, n
}

// keepAll has node a render and keep every page in both languages, and
// checks that each kept page then served by node b equals a fresh render.
func (s *keptSite) keepAll(t *testing.T) {
	t.Helper()
	for _, path := range s.allPaths {
		for _, lang := range []string{"th", "en"} {
			ask := func() {
				if a := s.a.get(t, path, lang, true); a.status != 200 {
					t.Fatalf("%s: %d", path, a.status)
				}
			}
			ask()
			kind, n := keptKey(path)
			waitKept(t, s.db, kind, n, lang, ask)
		}
	}
}

// check compares what both keeping nodes serve for every page in both
// languages with a fresh render, and returns node b's Thai page of path.
func (s *keptSite) check(t *testing.T, path string) string {
	t.Helper()
	var out string
	for _, p := range s.allPaths {
		for _, lang := range []string{"th", "en"} {
			fresh := s.fresh.get(t, p, lang, true)
			for _, n := range []*keptNode{s.a, s.b} {
				got := n.get(t, p, lang, true)
				sameAnswer(t, p+" ("+lang+")", got, fresh)
				if p == path && lang == "th" {
					out = got.body
				}
			}
		}
	}
	return out
}

// TestKeptPageEqualsFresh: a page served from its kept copy is the page a
// fresh render gives, byte for byte, with the same ETag and headers, in
// Thai and English, to a client that takes gzip (the kept bytes as they are)
// and to one that does not (decompressed); it answers 304 to its ETag; a
// page for a chosen province is rendered as before; a hidden point or an
// unpublished manual is not found.
func TestKeptPageEqualsFresh(t *testing.T) {
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		s := newKeptSite(t, dsn)
		for _, path := range s.allPaths {
			for _, lang := range []string{"th", "en"} {
				fresh := s.fresh.get(t, path, lang, true)
				if fresh.status != 200 {
					t.Fatalf("%s: %d", path, fresh.status)
				}
				miss := s.a.get(t, path, lang, true) // rendered, answered, kept
				sameAnswer(t, path+" first request", miss, fresh)
				kind, n := keptKey(path)
				waitKept(t, s.db, kind, n, lang, nil)
				hit := s.b.get(t, path, lang, true)
				if hit.encoding != "gzip" {
					t.Errorf("%s: kept page sent as %q", path, hit.encoding)
				}
				sameAnswer(t, path+" kept, gzip", hit, fresh)
				sameAnswer(t, path+" kept, identity", s.b.get(t, path, lang, false), s.fresh.get(t, path, lang, false))
				if nm := s.b.get(t, path, lang, true, "If-None-Match", fresh.header.Get("ETag")); nm.status != http.StatusNotModified || nm.body != "" {
					t.Errorf("%s: If-None-Match: %d %q", path, nm.status, nm.body)
				}
			}
		}
		if h, m, _ := s.b.site.portal.KeptPages(); h != 24 || m != 0 {
			t.Errorf("node b: %d hits, %d misses; want every answer from a kept page", h, m)
		}
		if h, m, st := s.a.site.portal.KeptPages(); h != 0 || m != 8 || st != 8 {
			t.Errorf("node a: %d hits, %d misses, %d stored; want 8 pages rendered and kept", h, m, st)
		}
		// A chosen province is rendered each time (not kept), as before.
		prov := s.b.get(t, s.manualP+"?province=51", "th", true)
		sameAnswer(t, "province", prov, s.fresh.get(t, s.manualP+"?province=51", "th", true))
		if !strings.Contains(plainThai(prov.body), `<option value="51" selected>`) {
			t.Error("the province page does not show the chosen province")
		}
		if h, m, _ := s.b.site.portal.KeptPages(); h != 24 || m != 0 {
			t.Errorf("a province page was looked up among the kept ones: %d hits, %d misses", h, m)
		}
		if nf := s.b.get(t, "/manuals/999999", "th", true); nf.status != 404 {
			t.Errorf("unknown manual: %d", nf.status)
		}
	})
}

// TestKeptPagesDroppedOnChange: two nodes keep pages in one database; after
// each change, made as any node or code makes it, both nodes serve what a
// fresh render shows, in both languages, at once (the database dropped the
// kept pages in the change's transaction): a new revision published, a pin
// and an unpin, a point renamed and hidden, an agency renamed, a ministry
// renamed (the points below name it), an other service withdrawn, a
// process renamed.
func TestKeptPagesDroppedOnChange(t *testing.T) {
	ctx := context.Background()
	dbtest.EachDSN(t, func(t *testing.T, dsn string) {
		s := newKeptSite(t, dsn)
		db := s.db
		steps := []struct {
			name  string
			path  string // the page that must show the change (Thai)
			shows string
			gone  string // what it must no longer show ("": nothing)
			do    func() error
		}{
			{"a new revision published", s.manualP, "สมรส (ฉบับแก้ไข)", "", func() error {
				return republishWeb(t, db, s.dept, s.p, "การจดทะเบียนสมรส (ฉบับแก้ไข)")
			}},
			{"a pin", s.pointX2, s.q.NameTH, "", func() error {
				_, err := db.Pin(ctx, store.PinProcess, s.q.ID, []int64{s.x2.ID})
				return err
			}},
			{"an unpin", s.manualP, "", s.x2.NameTH, func() error {
				_, err := db.Unpin(ctx, store.PinProcess, s.p.ID, []int64{s.x2.ID})
				return err
			}},
			{"a point renamed", s.manualP, "ที่ว่าการอำเภอเมืองเชียงใหม่ (ชั่วคราว)", "", func() error {
				pt, err := db.ServicePoint(ctx, s.x1.ID)
				if err != nil {
					return err
				}
				pt.NameTH += " (ชั่วคราว)"
				return db.UpdateServicePoint(ctx, pt)
			}},
			{"an agency renamed", s.manualQ, "กรมการปกครองส่วนภูมิภาค", "", func() error {
				a, err := db.Agency(ctx, s.dept.ID)
				if err != nil {
					return err
				}
				a.NameTH = "กรมการปกครองส่วนภูมิภาค"
				return db.UpdateAgency(ctx, a)
			}},
			{"a ministry renamed", s.pointX1, "กระทรวงมหาดไทย (ใหม่)", "", func() error {
				a, err := db.Agency(ctx, s.ministry.ID)
				if err != nil {
					return err
				}
				a.NameTH = "กระทรวงมหาดไทย (ใหม่)"
				return db.UpdateAgency(ctx, a)
			}},
			{"an other service withdrawn", s.pointX1, "", s.svc.NameTH, func() error {
				sv, err := db.Service(ctx, s.svc.ID)
				if err != nil {
					return err
				}
				sv.Published = false
				return db.UpdateService(ctx, sv)
			}},
			{"a process renamed", s.pointX1, "การจดทะเบียนสมรส (ชื่อใหม่)", "", func() error {
				p, err := db.Process(ctx, s.p.ID)
				if err != nil {
					return err
				}
				p.NameTH = "การจดทะเบียนสมรส (ชื่อใหม่)"
				return db.UpdateProcess(ctx, p)
			}},
			{"a point hidden", s.manualP, "", "ที่ว่าการอำเภอเมืองเชียงใหม่", func() error {
				pt, err := db.ServicePoint(ctx, s.x1.ID)
				if err != nil {
					return err
				}
				pt.Visible = false
				return db.UpdateServicePoint(ctx, pt)
			}},
		}
		for _, st := range steps {
			s.keepAll(t)
			s.check(t, st.path)
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			body := plainThai(s.check(t, st.path))
			if st.shows != "" && !strings.Contains(body, st.shows) {
				t.Errorf("%s: %s does not show %q", st.name, st.path, st.shows)
			}
			if st.gone != "" && strings.Contains(body, st.gone) {
				t.Errorf("%s: %s still shows %q", st.name, st.path, st.gone)
			}
		}
		// The hidden point is not found on either node, kept or not.
		for _, n := range []*keptNode{s.a, s.b} {
			if a := n.get(t, s.pointX1, "th", true); a.status != 404 {
				t.Errorf("hidden point: %d", a.status)
			}
		}
	})
}

// republishWeb publishes a new revision of p's manual named name.
func republishWeb(t *testing.T, db *store.DB, a *openinfo.Agency, p *openinfo.Process, name string) error {
	t.Helper()
	ctx := context.Background()
	author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: a.ID, AgencyPath: a.Path}
	reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: a.ID, AgencyPath: a.Path}
	opdc := openinfo.Officer{UserID: 93, Role: openinfo.RoleOPDC}
	r, err := db.OpenRevision(ctx, p.ID)
	if err != nil {
		return err
	}
	if _, err := db.SaveDraft(ctx, r.ID, r.Version, testManual(name), author, a.Path); err != nil {
		return err
	}
	for _, st := range []struct {
		ev openinfo.RevisionEvent
		o  openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, r.ID, st.ev, st.o, a.Path, ""); err != nil {
			return err
		}
	}
	return nil
}
