package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// countryN is the country roll-up's count of ratings (agency 0, all
// processes), after folding what is pending, as every roll-up reader does.
func countryN(t *testing.T, db *store.DB) int64 {
	t.Helper()
	if err := db.FoldRatings(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.SQL().QueryRowContext(context.Background(),
		`SELECT COALESCE(sum(n), 0) FROM rating_rollup_agency WHERE agency_id = 0 AND process_id = 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSubmitOnceIdempotent (issue 19): a submission written twice under its
// id is stored and counted once, with or without a device; another
// submission of the same device the same day is still refused.
func TestSubmitOnceIdempotent(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		defer w.Close()
		at := time.Now().UTC().Truncate(time.Microsecond)
		mk := func() *openinfo.Rating {
			return &openinfo.Rating{PointID: f.officePoint.ID, AgencyID: f.office.ID, QuestionSet: 1, CreatedAt: at,
				Answers: [openinfo.NumDimensions]int{5, 4, 3, 5, 0}}
		}
		uid1, uid2, uid3 := store.NewSubmissionID(), store.NewSubmissionID(), store.NewSubmissionID()
		for i := 0; i < 3; i++ {
			if err := w.SubmitOnce(ctx, mk(), "d1", uid1); err != nil {
				t.Fatalf("replay %d with a device: %v", i, err)
			}
			if err := w.SubmitOnce(ctx, mk(), "", uid2); err != nil {
				t.Fatalf("replay %d without a device: %v", i, err)
			}
		}
		if err := w.SubmitOnce(ctx, mk(), "d1", uid3); err != openinfo.ErrAlreadyRated {
			t.Fatalf("a second rating of the device = %v", err)
		}
		// The same id twice in one batch.
		done := make(chan error, 2)
		uid4 := store.NewSubmissionID()
		for i := 0; i < 2; i++ {
			go func() { done <- w.SubmitOnce(ctx, mk(), "d4", uid4) }()
		}
		for i := 0; i < 2; i++ {
			if err := <-done; err != nil {
				t.Fatalf("concurrent replay: %v", err)
			}
		}
		if n, _ := db.RatingCount(ctx); n != 3 {
			t.Fatalf("%d ratings stored, want 3", n)
		}
		if n := countryN(t, db); n != 3 {
			t.Fatalf("roll-up counts %d, want 3", n)
		}
	})
}

// TestRatingSpool (issue 19): ratings kept while the database was away are
// written once when Replay runs, however often it runs and though some
// were written already; a line cut short by a crash is dropped at open; a
// replay that fails keeps the lines.
func TestRatingSpool(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newRatingFixture(t, db)
		w := db.NewRatingWriter(store.RatingWriterOptions{})
		defer w.Close()
		path := filepath.Join(t.TempDir(), "spool", "ratings.jsonl")
		sp, err := store.OpenRatingSpool(path)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing is written until a rating needs the spool.
		if n, err := sp.Replay(ctx, w); n != 0 || err != nil {
			t.Fatalf("replay of no spool: %d, %v", n, err)
		}
		if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
			t.Fatalf("opening the spool created its directory (%v)", err)
		}
		at := time.Now().UTC().Truncate(time.Microsecond)
		var uids []string
		for i := 0; i < 5; i++ {
			r := &openinfo.Rating{PointID: f.officePoint.ID, AgencyID: f.office.ID, QuestionSet: 1, CreatedAt: at,
				Answers: [openinfo.NumDimensions]int{1 + i, 4, 3, 5, 0}, Comment: "ความเห็น", Channel: openinfo.ChannelQR}
			uid := store.NewSubmissionID()
			uids = append(uids, uid)
			if err := sp.Append(r, "dd"+string(rune('0'+i)), uid); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				// The writer committed this one although its caller gave up.
				if err := w.SubmitOnce(ctx, r, "dd0", uid); err != nil {
					t.Fatal(err)
				}
			}
		}
		sp.Close()
		// A crash in the middle of a line.
		fh, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		fh.WriteString(`{"uid":"abc","rating":{"Poin`)
		fh.Close()
		sp, err = store.OpenRatingSpool(path)
		if err != nil {
			t.Fatal(err)
		}
		defer sp.Close()
		if sp.Pending() != 5 {
			t.Fatalf("pending %d after reopening, want 5", sp.Pending())
		}
		// The writer closed: nothing is lost, nothing is replayed.
		closed := db.NewRatingWriter(store.RatingWriterOptions{})
		closed.Close()
		if n, err := sp.Replay(ctx, closed); n != 0 || err == nil || sp.Pending() != 5 {
			t.Fatalf("replay into a closed writer: %d, %v, pending %d", n, err, sp.Pending())
		}
		for i := 0; i < 2; i++ {
			n, err := sp.Replay(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 && n != 5 || i == 1 && n != 0 || sp.Pending() != 0 {
				t.Fatalf("replay %d: %d replayed, %d pending", i, n, sp.Pending())
			}
		}
		if n, _ := db.RatingCount(ctx); n != 5 {
			t.Fatalf("%d ratings stored, want 5", n)
		}
		if n := countryN(t, db); n != 5 {
			t.Fatalf("roll-up counts %d, want 5", n)
		}
		// Appends after a replay go on in the new file.
		r := &openinfo.Rating{PointID: f.deptPoint.ID, AgencyID: f.dept.ID, QuestionSet: 1, CreatedAt: at, Answers: [openinfo.NumDimensions]int{5, 5, 5, 5, 0}}
		if err := sp.Append(r, "", store.NewSubmissionID()); err != nil {
			t.Fatal(err)
		}
		if n, err := sp.Replay(ctx, w); n != 1 || err != nil {
			t.Fatalf("replay after compaction: %d, %v", n, err)
		}
		if b, _ := os.ReadFile(path); len(b) != 0 {
			t.Fatalf("spool not empty: %q", b)
		}
	})
}
