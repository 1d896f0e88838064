package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

// ratingFixture is a small tree: a department with a regional office, each
// with a point, and a foreign department with one.
type ratingFixture struct {
	dept, office, foreign            *openinfo.Agency
	deptPoint, officePoint, forPoint *openinfo.ServicePoint
}

func newRatingFixture(t *testing.T, db *store.DB) ratingFixture {
	t.Helper()
	ctx := context.Background()
	var f ratingFixture
	f.dept = mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
	f.office = mustCreateAgency(t, db, f.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
	f.foreign = mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมสรรพากร")
	mk := func(a *openinfo.Agency, name string) *openinfo.ServicePoint {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: name, Kind: openinfo.PointCounter, Visible: true}
		if err := db.CreateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.deptPoint = mk(f.dept, "ศูนย์บริการกรม")
	f.officePoint = mk(f.office, "งานทะเบียนรถ")
	f.forPoint = mk(f.foreign, "สำนักงานสรรพากรพื้นที่")
	return f
}

func TestRateCodes(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		code, err := db.RateCode(ctx, f.officePoint.ID)
		if err != nil || code != openinfo.RateCodeFor(f.officePoint.ID) {
			t.Fatalf("code %q, %v", code, err)
		}
		p, err := db.PointByRateCode(ctx, strings.ToLower(code[:3])+"-"+code[3:])
		if err != nil || p.ID != f.officePoint.ID {
			t.Fatalf("lookup: %v %v", p, err)
		}
		// A renamed point keeps its code.
		p.NameTH = "งานทะเบียนและภาษีรถ"
		if err := db.UpdateServicePoint(ctx, p); err != nil {
			t.Fatal(err)
		}
		if c2, _ := db.RateCode(ctx, p.ID); c2 != code {
			t.Fatalf("code changed on rename: %s -> %s", code, c2)
		}
		typo := code[:6] + string(openinfo.RateCodeAlphabet[(strings.IndexByte(openinfo.RateCodeAlphabet, code[6])+1)%31])
		if _, err := db.PointByRateCode(ctx, typo); err != openinfo.ErrBadRateCode {
			t.Fatalf("typo: %v", err)
		}
		// A valid code no point has.
		if _, err := db.PointByRateCode(ctx, openinfo.RateCodeFor(999999)); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("unknown code: %v", err)
		}
		// Imported points get codes too.
		res, err := db.Import(ctx, &store.Dataset{
			Agencies: []openinfo.Agency{{ID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมที่ดิน", Status: openinfo.StatusActive}},
			Points:   []openinfo.ServicePoint{{ID: 1, AgencyID: 1, NameTH: "สำนักงานที่ดิน", Kind: openinfo.PointCounter, Visible: true}},
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		id := 1 + res.PointOffset
		if c, err := db.RateCode(ctx, id); err != nil || c != openinfo.RateCodeFor(id) {
			t.Fatalf("imported point code %q %v", c, err)
		}
		var nulls int
		db.SQL().QueryRow(`SELECT count(*) FROM service_points WHERE rate_code IS NULL`).Scan(&nulls)
		if nulls != 0 {
			t.Fatalf("%d points without a code", nulls)
		}
	})
}

func TestQuestionSets(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 9, Name: "OPDC"})
		cur, err := db.CurrentQuestionSet(ctx)
		if err != nil || cur.Version != 1 || len(cur.Questions) != 4 {
			t.Fatalf("default: %+v %v", cur, err)
		}
		same := openinfo.DefaultQuestionSet()
		if made, err := db.SaveQuestionSet(ctx, &same); err != nil || made {
			t.Fatalf("unchanged set made a version: %v %v", made, err)
		}
		next := openinfo.DefaultQuestionSet()
		next.Questions = append(next.Questions, openinfo.Question{Dim: openinfo.DimChannel, TH: "ท่านพึงพอใจต่อช่องทางการให้บริการเพียงใด"})
		if made, err := db.SaveQuestionSet(ctx, &next); err != nil || !made || next.Version != 2 {
			t.Fatalf("save: %v %v %+v", made, err, next)
		}
		if cur, _ := db.CurrentQuestionSet(ctx); cur.Version != 2 || !cur.Has(openinfo.DimChannel) {
			t.Fatalf("current: %+v", cur)
		}
		v1, err := db.QuestionSetVersion(ctx, 1)
		if err != nil || v1.Has(openinfo.DimChannel) {
			t.Fatalf("v1: %+v %v", v1, err)
		}
		all, _ := db.QuestionSets(ctx)
		if len(all) != 2 {
			t.Fatalf("%d versions", len(all))
		}
		bad := openinfo.QuestionSet{}
		wantCode(t, func() error { _, err := db.SaveQuestionSet(ctx, &bad); return err }(), openinfo.EINVALID, "questions")
	})
}

func TestRatingIngestion(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		defer w.Close()
		bkk := time.FixedZone("ICT", 7*3600)
		points := []*openinfo.ServicePoint{f.deptPoint, f.officePoint, f.forPoint}
		// 300 ratings from 30 goroutines over three months, some naming a process.
		var wg sync.WaitGroup
		errs := make(chan error, 300)
		for g := 0; g < 30; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					n := g*10 + i
					p := points[n%3]
					r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1,
						Answers:   [openinfo.NumDimensions]int{1 + n%5, 1 + n*7%5, 1 + n*3%5, 1 + (n/3)%5, 0},
						CreatedAt: time.Date(2025, time.Month(1+n%3), 1+n%28, 10, 0, 0, 0, bkk)}
					if n%4 == 0 {
						r.ProcessID = 77
					}
					if n%10 == 0 {
						r.Comment = fmt.Sprintf("ความเห็นที่ %d", n)
					}
					errs <- w.Submit(ctx, r, fmt.Sprintf("%x", n))
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := db.RatingCount(ctx); n != 300 {
			t.Fatalf("%d ratings stored", n)
		}

		// Once per device per point per day.
		day := time.Date(2025, 3, 5, 9, 0, 0, 0, bkk)
		r1 := &openinfo.Rating{PointID: f.officePoint.ID, AgencyID: f.office.ID, QuestionSet: 1, Answers: [5]int{5, 5, 5, 5}, CreatedAt: day}
		if err := w.Submit(ctx, r1, "abc123"); err != nil {
			t.Fatal(err)
		}
		r2 := *r1
		r2.CreatedAt = day.Add(8 * time.Hour)
		if err := w.Submit(ctx, &r2, "abc123"); err != openinfo.ErrAlreadyRated {
			t.Fatalf("second rating the same day: %v", err)
		}
		r3 := *r1
		r3.PointID = f.deptPoint.ID
		if err := w.Submit(ctx, &r3, "abc123"); err != nil {
			t.Fatalf("another point the same day: %v", err)
		}
		r4 := *r1
		r4.CreatedAt = day.Add(24 * time.Hour)
		if err := w.Submit(ctx, &r4, "abc123"); err != nil {
			t.Fatalf("the next day: %v", err)
		}
		if n, _ := db.RatingCount(ctx); n != 303 {
			t.Fatalf("%d ratings stored, want 303 (the refused one is not stored)", n)
		}
		rej, _ := db.Rejections(ctx, f.officePoint.ID)
		if rej[store.RejectOncePerDay] != 1 {
			t.Fatalf("rejections %v", rej)
		}

		// The roll-ups equal a plain GROUP BY over the raw ratings.
		filters := []store.RatingFilter{
			{},
			{AgencyPath: f.dept.Path},
			{AgencyPath: f.office.Path},
			{AgencyPath: f.foreign.Path, FromMonth: 202503, ToMonth: 202503},
			{AgencyID: f.dept.ID},
			{PointID: f.officePoint.ID},
			{PointID: f.officePoint.ID, ProcessID: 77},
			{AgencyPath: f.dept.Path, ProcessID: 77, FromMonth: 202501, ToMonth: 202503},
		}
		for _, fl := range filters {
			got, err := db.RatingTrend(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.RatingTrendRaw(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || len(want) == 0 {
				t.Errorf("filter %+v:\nroll-up %v\nraw     %v", fl, got, want)
			}
		}
		// The department's children: the regional office with its subtree.
		byChild, _ := db.RatingByChild(ctx, store.RatingFilter{AgencyPath: f.dept.Path})
		officeRaw, _ := db.RatingTrendRaw(ctx, store.RatingFilter{AgencyPath: f.office.Path})
		var officeN int64
		for _, m := range officeRaw {
			officeN += m.N
		}
		if len(byChild) != 1 || byChild[0].ID != f.office.ID || byChild[0].N != officeN {
			t.Errorf("by child %+v", byChild)
		}
		roots, _ := db.RatingByChild(ctx, store.RatingFilter{})
		if len(roots) != 2 || roots[0].N+roots[1].N != 303 {
			t.Errorf("roots %+v", roots)
		}
		byProc, _ := db.RatingByProcess(ctx, store.RatingFilter{AgencyID: f.office.ID})
		if len(byProc) != 1 || byProc[0].ID != 77 {
			t.Errorf("by process %+v", byProc)
		}
		comments, err := db.RatingComments(ctx, store.RatingFilter{AgencyPath: f.dept.Path}, 100)
		if err != nil || len(comments) != 20 || !strings.HasPrefix(comments[0].Comment, "ความเห็นที่") {
			t.Errorf("comments %d %v", len(comments), err)
		}
		// Close flushes and writes nothing twice.
		w.Close()
		if n, _ := db.RatingCount(ctx); n != 303 {
			t.Fatalf("%d ratings after Close", n)
		}
		if err := w.Submit(ctx, r1, "ab"); err != store.ErrWriterClosed {
			t.Fatal("a closed writer accepted a rating")
		}
	})
}

// The durability test: a child process (this test binary, re-executed)
// serves ratings through a RatingWriter; the parent sends ratings, notes
// which were answered "accepted", kills the child with SIGKILL while more
// are in flight, and checks that every accepted rating is in the database
// and that the roll-ups agree with the raw ratings.
const childEnv = "OPENINFO_RATING_CHILD_DSN"

func init() {
	if dsn := os.Getenv(childEnv); dsn != "" {
		runRatingChild(dsn)
		os.Exit(0)
	}
}

func runRatingChild(dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	w := db.NewRatingWriter(store.RatingWriterOptions{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println("ADDR", ln.Addr().String())
	http.Serve(ln, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		point, _ := strconv.ParseInt(r.FormValue("point"), 10, 64)
		agency, _ := strconv.ParseInt(r.FormValue("agency"), 10, 64)
		rt := &openinfo.Rating{PointID: point, AgencyID: agency, QuestionSet: 1, Answers: [5]int{4, 5, 3, 5}, Comment: r.FormValue("token")}
		if err := w.Submit(r.Context(), rt, ""); err != nil {
			http.Error(rw, err.Error(), 500)
			return
		}
		io.WriteString(rw, "accepted")
	}))
}

func TestRatingSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		dsn := filepath.Join(t.TempDir(), "kill.db")
		dbtest.Open(t, dsn).Close()
		kill9(t, dsn)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		kill9(t, pgtest.NewDatabase(t, func(dsn string) error {
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Migrate(context.Background())
		}))
	})
}

func kill9(t *testing.T, dsn string) {
	ctx := context.Background()
	db := dbtest.Open(t, dsn)
	f := newRatingFixture(t, db)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dsn)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "ADDR ") {
		t.Fatalf("child said %q, %v", line, err)
	}
	addr := strings.TrimSpace(strings.TrimPrefix(line, "ADDR "))

	var mu sync.Mutex
	var accepted []string
	killAt := 400
	killed := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-killed:
					return
				default:
				}
				tok := fmt.Sprintf("t%d-%d", g, i)
				p := f.officePoint
				if i%2 == 0 {
					p = f.forPoint
				}
				res, err := client.PostForm("http://"+addr+"/", map[string][]string{"point": {fmt.Sprint(p.ID)},
					"agency": {fmt.Sprint(p.AgencyID)}, "token": {tok}})
				if err != nil {
					return // the child is gone
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode == 200 && string(body) == "accepted" {
					mu.Lock()
					accepted = append(accepted, tok)
					n := len(accepted)
					mu.Unlock()
					if n >= killAt {
						// Kill at once, with other requests still in flight.
						once.Do(func() {
							cmd.Process.Signal(syscall.SIGKILL)
							close(killed)
						})
					}
				}
			}
		}(g)
	}
	wg.Wait()
	cmd.Wait()
	if len(accepted) < killAt {
		t.Fatalf("only %d ratings accepted before the child died", len(accepted))
	}

	// Reopen (a fresh handle, as after a restart) and look for every accepted rating.
	db2, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	stored := map[string]bool{}
	rows, err := db2.SQL().Query(`SELECT comment FROM ratings`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		stored[c] = true
	}
	rows.Close()
	lost := 0
	mu.Lock()
	for _, tok := range accepted {
		if !stored[tok] {
			lost++
		}
	}
	mu.Unlock()
	if lost > 0 {
		t.Fatalf("%d of %d accepted ratings lost", lost, len(accepted))
	}
	got, _ := db2.RatingTrend(ctx, store.RatingFilter{})
	want, _ := db2.RatingTrendRaw(ctx, store.RatingFilter{})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("roll-ups disagree with raw ratings after the kill:\n%v\n%v", got, want)
	}
	t.Logf("%s: %d accepted, %d stored (some answers never reached the client)", db2.Dialect(), len(accepted), len(stored))
}

func TestLoadRatings(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		pts := []*openinfo.ServicePoint{f.deptPoint, f.officePoint, f.forPoint}
		bkk := time.FixedZone("ICT", 7*3600)
		const n = 3000
		got, err := db.LoadRatings(ctx, n, func(emit func(*openinfo.Rating) error) error {
			for i := 0; i < n; i++ {
				p := pts[i%3]
				r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: "qr",
					Answers:   [5]int{1 + i%5, 1 + i%4, 1 + i%3, 5, 0},
					CreatedAt: time.Date(2025, time.Month(1+i%12), 1+i%27, 9, 0, 0, 0, bkk)}
				if i%7 == 0 {
					r.ProcessID = 5
				}
				if i%50 == 0 {
					r.Comment = "it's ok, ไม่มีปัญหา"
				}
				if err := emit(r); err != nil {
					return err
				}
			}
			return nil
		}, nil)
		if err != nil || got != n {
			t.Fatalf("loaded %d, %v", got, err)
		}
		if c, _ := db.RatingCount(ctx); c != n {
			t.Fatalf("%d stored", c)
		}
		for _, fl := range []store.RatingFilter{{}, {AgencyPath: f.dept.Path}, {PointID: f.forPoint.ID, ProcessID: 5}, {AgencyID: f.office.ID, FromMonth: 202503, ToMonth: 202506}} {
			a, _ := db.RatingTrend(ctx, fl)
			b, _ := db.RatingTrendRaw(ctx, fl)
			if fmt.Sprint(a) != fmt.Sprint(b) || len(a) == 0 {
				t.Fatalf("filter %+v: roll-up %v, raw %v", fl, a, b)
			}
		}
		cs, _ := db.RatingComments(ctx, store.RatingFilter{}, 5)
		if len(cs) != 5 || cs[0].Comment != "it's ok, ไม่มีปัญหา" {
			t.Fatalf("comments %+v", cs)
		}
		// Live ingestion goes on on top of loaded data.
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		defer w.Close()
		if err := w.Submit(ctx, &openinfo.Rating{PointID: f.officePoint.ID, AgencyID: f.office.ID, QuestionSet: 1, Answers: [5]int{3, 3, 3, 3}}, ""); err != nil {
			t.Fatal(err)
		}
		a, _ := db.RatingTrend(ctx, store.RatingFilter{})
		b, _ := db.RatingTrendRaw(ctx, store.RatingFilter{})
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatal("roll-ups drifted after a live rating")
		}
	})
}

func TestRebuildRatingRollups(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		for i, p := range []*openinfo.ServicePoint{f.deptPoint, f.officePoint, f.officePoint, f.forPoint} {
			r := &openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Answers: [5]int{1 + i, 5, 4 - i, 3}, ProcessID: int64(i % 2)}
			if err := w.Submit(ctx, r, ""); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		filters := []store.RatingFilter{{}, {AgencyPath: f.dept.Path}, {AgencyPath: f.office.Path, ProcessID: 1}, {PointID: f.officePoint.ID}}
		before := map[int]string{}
		for i, fl := range filters {
			a, _ := db.RatingTrend(ctx, fl)
			before[i] = fmt.Sprint(a)
		}
		if err := db.RebuildRatingRollups(ctx); err != nil {
			t.Fatal(err)
		}
		for i, fl := range filters {
			a, _ := db.RatingTrend(ctx, fl)
			b, _ := db.RatingTrendRaw(ctx, fl)
			if fmt.Sprint(a) != before[i] || fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("filter %+v: rebuilt %v, live %v, raw %v", fl, a, before[i], b)
			}
		}
	})
}

// TestRatingRateLimitPerPoint: a loop at one point is capped at the
// point's limit, and its refused attempts leave the address's overall
// allowance to the citizens at other points behind the same address.
func TestRatingRateLimitPerPoint(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		lim := store.RatingLimits{Point: 5, All: 8}
		accepted := 0
		for i := range 50 {
			ok, retry, recent, err := db.RatingRateLimit(ctx, "203.0.113.7", 1, lim)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				accepted++
				if recent != i {
					t.Fatalf("attempt %d: recent %d", i, recent)
				}
			} else if retry <= 0 || retry > time.Hour {
				t.Fatalf("retry %v", retry)
			}
		}
		if accepted != lim.Point {
			t.Fatalf("%d accepted at one point, want %d", accepted, lim.Point)
		}
		// Another point, same address: 3 more fit the overall 8, then no more.
		for i := range 3 {
			if ok, _, recent, _ := db.RatingRateLimit(ctx, "203.0.113.7", 2, lim); !ok || recent != i {
				t.Fatalf("other point, attempt %d: %v, recent %d", i, ok, recent)
			}
		}
		if ok, _, _, _ := db.RatingRateLimit(ctx, "203.0.113.7", 3, lim); ok {
			t.Fatal("the overall limit did not hold")
		}
		// Another address is not affected.
		if ok, _, _, _ := db.RatingRateLimit(ctx, "198.51.100.1", 1, lim); !ok {
			t.Fatal("another address refused")
		}
	})
}
