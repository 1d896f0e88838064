package store_test

import (
	"context"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// renderedFixture: a ministry above a department; the department has two
// published manuals (p pinned at x1, q pinned nowhere), two visible points
// (x1, x2) and an other service pinned at x1; a second department has a
// point and a manual of its own. Every test keeps the pages of all of them
// in Thai and English, makes one change, and checks which were dropped.
type renderedFixture struct {
	ministry, dept, other *openinfo.Agency
	p, q, r               *openinfo.Process
	x1, x2, y             *openinfo.ServicePoint
	svc                   *openinfo.OtherService
}

func newRenderedFixture(t *testing.T, db *store.DB) *renderedFixture {
	t.Helper()
	ctx := context.Background()
	f := &renderedFixture{}
	f.ministry = mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
	f.dept = mustCreateAgency(t, db, f.ministry.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
	f.other = mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
	mkPoint := func(a *openinfo.Agency, name string) *openinfo.ServicePoint {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: name, Kind: openinfo.PointCounter, Visible: true, Address: openinfo.Address{ProvinceCode: "10"}}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.x1, f.x2, f.y = mkPoint(f.dept, "สำนักทะเบียนเขตบางรัก"), mkPoint(f.dept, "สำนักทะเบียนเขตปทุมวัน"), mkPoint(f.other, "สำนักงานขนส่งพื้นที่ 1")
	f.p, f.q, f.r = publishedProcess(t, db, f.dept, "การจดทะเบียนสมรส"), publishedProcess(t, db, f.dept, "การแจ้งเกิด"),
		publishedProcess(t, db, f.other, "การต่อภาษีรถ")
	if _, err := db.Pin(ctx, store.PinProcess, f.p.ID, []int64{f.x1.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pin(ctx, store.PinProcess, f.r.ID, []int64{f.y.ID}); err != nil {
		t.Fatal(err)
	}
	f.svc = &openinfo.OtherService{AgencyID: f.dept.ID, NameTH: "รับเรื่องร้องเรียน", Published: true, Content: openinfo.ServiceContent{Description: "ทดสอบ"}}
	if err := db.CreateService(ctx, f.svc); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pin(ctx, store.PinService, f.svc.ID, []int64{f.x1.ID}); err != nil {
		t.Fatal(err)
	}
	return f
}

// pages are every page of the fixture, as "manual p" and "point x1".
func (f *renderedFixture) pages() map[string]store.RenderedPage {
	out := map[string]store.RenderedPage{}
	add := func(name, kind string, id int64) {
		for _, lang := range []string{"th", "en"} {
			out[name+" "+lang] = store.RenderedPage{Kind: kind, ID: id, Lang: lang, Version: "v1", ETag: `W/"` + name + lang + `"`, Body: []byte(name + " " + lang)}
		}
	}
	add("manual p", store.RenderedManual, f.p.ID)
	add("manual q", store.RenderedManual, f.q.ID)
	add("manual r", store.RenderedManual, f.r.ID)
	add("point x1", store.RenderedPoint, f.x1.ID)
	add("point x2", store.RenderedPoint, f.x2.ID)
	add("point y", store.RenderedPoint, f.y.ID)
	return out
}

// keepAll stores every page of the fixture.
func keepAll(t *testing.T, db *store.DB, f *renderedFixture) {
	t.Helper()
	ctx := context.Background()
	epoch, ok, err := db.RenderEpoch(ctx)
	if err != nil || !ok {
		t.Fatalf("epoch: %v %v", ok, err)
	}
	var pages []store.RenderedPage
	for _, p := range f.pages() {
		p.Epoch = epoch
		pages = append(pages, p)
	}
	n, busy, err := db.StoreRendered(ctx, pages)
	if err != nil || busy || n != len(pages) {
		t.Fatalf("stored %d of %d (busy %v): %v", n, len(pages), busy, err)
	}
}

// dropped lists the fixture's pages that are no longer kept (each in both
// languages, or the test fails), as "manual p".
func dropped(t *testing.T, db *store.DB, f *renderedFixture) []string {
	t.Helper()
	ctx := context.Background()
	gone := map[string]int{}
	for name, p := range f.pages() {
		etag, body, ok, err := db.Rendered(ctx, p.Kind, p.ID, p.Lang, p.Version)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			gone[name[:len(name)-3]]++
			continue
		}
		if etag != p.ETag || string(body) != string(p.Body) {
			t.Errorf("%s: kept %q %q, stored %q %q", name, etag, body, p.ETag, p.Body)
		}
	}
	var out []string
	for name, n := range gone {
		if n != 2 {
			t.Errorf("%s: dropped in one language only", name)
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// TestRenderedInvalidation: each change of what a kept page shows drops
// exactly the pages that show it, in both languages, on both databases,
// whatever code made it (the database's triggers do it, in the change's
// transaction): a publish, a process renamed, a pin and an unpin, a point
// edited and hidden, an agency renamed (its own pages and, for a ministry,
// the points below it, whose pages name it), an agency moved, an other
// service edited and its pin.
func TestRenderedInvalidation(t *testing.T) {
	author := func(a *openinfo.Agency) openinfo.Officer {
		return openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: a.ID, AgencyPath: a.Path}
	}
	cases := []struct {
		name   string
		change func(t *testing.T, db *store.DB, f *renderedFixture) error
		want   []string
	}{
		{"a new revision published", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			republish(t, db, f.dept, f.p)
			return nil
		}, []string{"manual p", "point x1"}},
		{"a draft saved (not published)", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			ctx := context.Background()
			r, err := db.OpenRevision(ctx, f.q.ID)
			if err != nil {
				return err
			}
			_, err = db.SaveDraft(ctx, r.ID, r.Version, completeManual("การแจ้งเกิด (แก้ไข)"), author(f.dept), f.dept.Path)
			return err
		}, nil},
		{"a process renamed", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			p, err := db.Process(context.Background(), f.p.ID)
			if err != nil {
				return err
			}
			p.NameTH = "การจดทะเบียนสมรส (ใหม่)"
			return db.UpdateProcess(context.Background(), p)
		}, []string{"manual p", "point x1"}},
		{"a pin", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			_, err := db.Pin(context.Background(), store.PinProcess, f.q.ID, []int64{f.x2.ID})
			return err
		}, []string{"manual q", "point x2"}},
		{"an unpin", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			_, err := db.Unpin(context.Background(), store.PinProcess, f.p.ID, []int64{f.x1.ID})
			return err
		}, []string{"manual p", "point x1"}},
		{"a point edited", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			pt, err := db.ServicePoint(context.Background(), f.x1.ID)
			if err != nil {
				return err
			}
			pt.NameTH = "สำนักทะเบียนเขตบางรัก (ย้ายที่ตั้ง)"
			return db.UpdateServicePoint(context.Background(), pt)
		}, []string{"manual p", "point x1"}},
		{"a point hidden", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			pt, err := db.ServicePoint(context.Background(), f.x2.ID)
			if err != nil {
				return err
			}
			pt.Visible = false
			return db.UpdateServicePoint(context.Background(), pt)
		}, []string{"point x2"}},
		{"an agency renamed", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			a, err := db.Agency(context.Background(), f.dept.ID)
			if err != nil {
				return err
			}
			a.NameTH = "กรมการปกครอง (ชื่อใหม่)"
			return db.UpdateAgency(context.Background(), a)
		}, []string{"manual p", "manual q", "point x1", "point x2"}},
		{"a ministry renamed", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			a, err := db.Agency(context.Background(), f.ministry.ID)
			if err != nil {
				return err
			}
			a.NameEN = "Ministry of Interior"
			return db.UpdateAgency(context.Background(), a)
		}, []string{"point x1", "point x2"}}, // a point names its agency's ancestors; a manual only its own agency
		{"an agency moved", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			a, err := db.Agency(context.Background(), f.other.ID)
			if err != nil {
				return err
			}
			a.ParentID = f.ministry.ID
			return db.UpdateAgency(context.Background(), a)
		}, []string{"manual r", "point y"}},
		{"an other service edited", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			s, err := db.Service(context.Background(), f.svc.ID)
			if err != nil {
				return err
			}
			s.Published = false
			return db.UpdateService(context.Background(), s)
		}, []string{"point x1"}},
		{"an other service pinned", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			_, err := db.Pin(context.Background(), store.PinService, f.svc.ID, []int64{f.x2.ID})
			return err
		}, []string{"point x2"}},
		{"an other service unpinned", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			_, err := db.Unpin(context.Background(), store.PinService, f.svc.ID, []int64{f.x1.ID})
			return err
		}, []string{"point x1"}},
		{"a change outside the store's methods", func(t *testing.T, db *store.DB, f *renderedFixture) error {
			_, err := db.SQL().ExecContext(context.Background(), `UPDATE service_points SET email = 'x@example.go.th' WHERE id = $1`, f.y.ID)
			return err
		}, []string{"manual r", "point y"}},
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := newRenderedFixture(t, db)
				keepAll(t, db, f)
				if got := dropped(t, db, f); len(got) != 0 {
					t.Fatalf("dropped before the change: %v", got)
				}
				if err := c.change(t, db, f); err != nil {
					t.Fatal(err)
				}
				if got := dropped(t, db, f); !slices.Equal(got, c.want) {
					t.Errorf("dropped %v, want %v", got, c.want)
				}
			})
		}
	})
}

// republish publishes a new revision of p's manual.
func republish(t *testing.T, db *store.DB, a *openinfo.Agency, p *openinfo.Process) {
	t.Helper()
	ctx := context.Background()
	author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: a.ID, AgencyPath: a.Path}
	reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: a.ID, AgencyPath: a.Path}
	opdc := openinfo.Officer{UserID: 93, Role: openinfo.RoleOPDC}
	r, err := db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveDraft(ctx, r.ID, r.Version, completeManual(p.NameTH+" ฉบับใหม่"), author, a.Path); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		ev    openinfo.RevisionEvent
		actor openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := db.ApplyRevision(ctx, r.ID, step.ev, step.actor, a.Path, ""); err != nil {
			t.Fatalf("%s: %v", step.ev, err)
		}
	}
}

// TestRenderedAfterChange: a page rendered from what was read before a
// change is not stored after it (its count of changes moved), while one
// rendered after the change is; another renderer's page is a miss.
func TestRenderedAfterChange(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRenderedFixture(t, db)
		before, ok, err := db.RenderEpoch(ctx)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		// The manual is read, then republished, then its page stored.
		republish(t, db, f.dept, f.p)
		page := store.RenderedPage{Kind: store.RenderedManual, ID: f.p.ID, Lang: "th", Version: "v1", ETag: `W/"old"`, Body: []byte("old"), Epoch: before}
		if n, busy, err := db.StoreRendered(ctx, []store.RenderedPage{page}); n != 0 || busy || err != nil {
			t.Fatalf("stored a page read before a change: %d %v %v", n, busy, err)
		}
		after, ok, err := db.RenderEpoch(ctx)
		if err != nil || !ok || after == before {
			t.Fatalf("epoch %d → %d (%v, %v)", before, after, ok, err)
		}
		page.Epoch, page.Body = after, []byte("new")
		if n, _, err := db.StoreRendered(ctx, []store.RenderedPage{page}); n != 1 || err != nil {
			t.Fatalf("stored %d: %v", n, err)
		}
		if _, body, ok, err := db.Rendered(ctx, store.RenderedManual, f.p.ID, "th", "v1"); !ok || err != nil || string(body) != "new" {
			t.Fatalf("kept %q %v %v", body, ok, err)
		}
		if _, _, ok, err := db.Rendered(ctx, store.RenderedManual, f.p.ID, "th", "v2"); ok || err != nil {
			t.Fatalf("another version's page served: %v %v", ok, err)
		}
		// A change that touches nothing a page shows (a draft) moves no count.
		r, err := db.OpenRevision(ctx, f.q.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e, _, _ := db.RenderEpoch(ctx); e != after {
			t.Errorf("a draft moved the count: %d → %d", after, e)
		}
		_ = r
		// The backfill's list: published manuals and visible points without
		// a page by this version.
		missing, err := db.MissingRendered(ctx, store.RenderedManual, "th", "v1", 0, 10)
		if err != nil || !slices.Equal(missing, []int64{f.q.ID, f.r.ID}) {
			t.Errorf("missing manuals %v (%v), want %v", missing, err, []int64{f.q.ID, f.r.ID})
		}
		points, err := db.MissingRendered(ctx, store.RenderedPoint, "th", "v1", f.x1.ID, 10)
		if err != nil || !slices.Equal(points, []int64{f.x2.ID, f.y.ID}) {
			t.Errorf("missing points after x1 %v (%v)", points, err)
		}
		// Pruning takes only another version's old pages.
		page.Version, page.Lang = "v0", "en"
		if n, _, err := db.StoreRendered(ctx, []store.RenderedPage{page}); n != 1 || err != nil {
			t.Fatal(n, err)
		}
		if n, err := db.PruneRendered(ctx, "v1", time.Now().Add(time.Hour), 100); n != 1 || err != nil {
			t.Errorf("pruned %d: %v", n, err)
		}
		if cur, other, _, err := db.RenderedStats(ctx, "v1"); cur != 1 || other != 0 || err != nil {
			t.Errorf("stats %d %d %v", cur, other, err)
		}
	})
}

// TestPublicPageData: the pages' one-query reads give what the separate
// reads give.
func TestPublicPageData(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRenderedFixture(t, db)
		p, a, rev, err := db.PublicManual(ctx, f.p.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantP, _ := db.Process(ctx, f.p.ID)
		wantP.TermIDs = nil
		wantA, _ := db.Agency(ctx, f.dept.ID)
		wantR, _ := db.PublishedRevision(ctx, f.p.ID)
		if !reflect.DeepEqual(p, wantP) || !reflect.DeepEqual(a, wantA) || !reflect.DeepEqual(rev, wantR) {
			t.Errorf("PublicManual:\n%+v\n%+v\n%+v\nwant\n%+v\n%+v\n%+v", p, a, rev, wantP, wantA, wantR)
		}
		if _, _, _, err := db.PublicManual(ctx, 1<<40); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Errorf("unknown manual: %v", err)
		}
		pt, pa, err := db.PublicPoint(ctx, f.x1.ID)
		wantPt, _ := db.ServicePoint(ctx, f.x1.ID)
		if err != nil || !reflect.DeepEqual(pt, wantPt) || !reflect.DeepEqual(pa, wantA) {
			t.Errorf("PublicPoint: %+v %+v %v", pt, pa, err)
		}
		if _, _, err := db.PublicPoint(ctx, 1<<40); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Errorf("unknown point: %v", err)
		}
		anc, err := db.PublicAncestors(ctx, wantA)
		wantAnc, _ := db.Ancestors(ctx, wantA)
		if err != nil || !reflect.DeepEqual(anc, wantAnc) || len(anc) != 1 {
			t.Errorf("PublicAncestors: %+v %v", anc, err)
		}
		pins, err := db.PinnedToManual(ctx, f.p.ID, "10", 100)
		wantPts, wantTotal, _ := db.PinnedPointsIn(ctx, store.PinProcess, f.p.ID, "10", 100, 0)
		wantProv, _ := db.PinnedProvinces(ctx, store.PinProcess, f.p.ID)
		if err != nil || pins.Total != wantTotal || !reflect.DeepEqual(pins.Points, wantPts) || !reflect.DeepEqual(pins.Provinces, wantProv) {
			t.Errorf("PinnedToManual: %+v %v", pins, err)
		}
		if none, err := db.PinnedToManual(ctx, f.q.ID, "", 100); err != nil || none.Total != 0 || none.Points != nil {
			t.Errorf("nothing pinned: %+v %v", none, err)
		}
	})
}

// TestRenderedChangeInFlight: a page whose data was read while a change
// was uncommitted (so it shows the old data) is not stored once the change
// commits, although the change dropped the page before it was stored. On
// PostgreSQL the store does not wait for the change: it says busy; on SQLite
// it waits for the write lock.
func TestRenderedChangeInFlight(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRenderedFixture(t, db)
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `UPDATE service_points SET name_th = 'ชื่อใหม่' WHERE id = $1`, f.x1.ID); err != nil {
			t.Fatal(err)
		}
		epoch, ok, err := db.RenderEpoch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == store.Postgres && ok {
			t.Error("PostgreSQL: the count was taken as settled while a change was in flight")
		}
		// The page is rendered now, from the old name.
		page := store.RenderedPage{Kind: store.RenderedPoint, ID: f.x1.ID, Lang: "th", Version: "v1", ETag: `W/"old"`, Body: []byte("old name"), Epoch: epoch}
		type result struct {
			n    int
			busy bool
			err  error
		}
		done := make(chan result, 1)
		go func() {
			n, busy, err := db.StoreRendered(ctx, []store.RenderedPage{page})
			done <- result{n, busy, err}
		}()
		if db.Dialect() == store.Postgres {
			r := <-done
			if r.n != 0 || !r.busy || r.err != nil {
				t.Errorf("store while a change is in flight: %+v", r)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == store.SQLite {
			r := <-done
			if r.n != 0 || r.err != nil {
				t.Errorf("store after the change committed: %+v", r)
			}
		} else if n, busy, err := db.StoreRendered(ctx, []store.RenderedPage{page}); n != 0 || busy || err != nil {
			t.Errorf("store after the change committed: %d %v %v", n, busy, err)
		}
		if _, body, ok, _ := db.Rendered(ctx, store.RenderedPoint, f.x1.ID, "th", "v1"); ok {
			t.Errorf("a page read before the change is kept: %q", body)
		}
	})
}
