package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/store"
)

// TestBackupUnderLoad backs a live SQLite database up while ratings are
// being written, restores the backup, and finds a sound database holding
// every rating acknowledged before the backup began. A database in use is
// never overwritten.
func TestBackupUnderLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	db := dbtest.Open(t, live)
	a := &openinfo.Agency{Type: openinfo.AgencyDepartment, NameTH: "กรมทดสอบ"}
	if err := db.CreateAgency(ctx, a); err != nil {
		t.Fatal(err)
	}
	pt := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: "จุดบริการ", Kind: openinfo.PointCounter, Visible: true}
	if err := db.CreateServicePoint(ctx, pt); err != nil {
		t.Fatal(err)
	}
	w := db.NewRatingWriter(store.RatingWriterOptions{})
	defer w.Close()

	var mu sync.Mutex
	var acked []string
	var seq atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				c := fmt.Sprintf("ack-%d", seq.Add(1))
				r := &openinfo.Rating{PointID: pt.ID, AgencyID: a.ID, QuestionSet: 1, Comment: c, Answers: [openinfo.NumDimensions]int{5, 4, 3, 2}}
				if err := w.Submit(ctx, r, ""); err != nil {
					errc <- err
					return
				}
				mu.Lock()
				acked = append(acked, c)
				mu.Unlock()
			}
		}()
	}
	waitFor := func(n int) {
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			mu.Lock()
			k := len(acked)
			mu.Unlock()
			if k >= n {
				return
			}
		}
		t.Fatalf("fewer than %d ratings written", n)
	}
	waitFor(200)
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	backup := filepath.Join(dir, "backup.db")
	info, err := db.Backup(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(len(before) + 200) // the writers went on during and after it
	close(stop)
	wg.Wait()
	select {
	case err := <-errc:
		t.Fatal(err)
	default:
	}
	if info.Size == 0 {
		t.Fatalf("backup %+v", info)
	}
	if _, err := os.Stat(backup + ".partial"); !errors.Is(err, os.ErrNotExist) {
		t.Error("the partial file was left behind")
	}
	if _, err := db.Backup(ctx, backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}

	// The live database is open: restoring over it is refused, and it is untouched.
	if _, err := store.Restore(ctx, backup, live); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("restore over an open database: %v", err)
	}
	if n, err := db.RatingCount(ctx); err != nil || n < int64(len(before)+200) {
		t.Fatalf("the live database after the refused restore: %d ratings, %v", n, err)
	}

	// Into a new place: sound, and every acknowledged rating is there.
	restored := filepath.Join(dir, "restored", "openinfo.db")
	if kept, err := store.Restore(ctx, backup, restored); err != nil || kept != "" {
		t.Fatalf("restore: %q %v", kept, err)
	}
	if err := store.CheckSQLiteFile(ctx, restored); err != nil {
		t.Fatal(err)
	}
	rdb := dbtest.Open(t, restored)
	var ok string
	if err := rdb.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	have := map[string]bool{}
	rows, err := rdb.SQL().QueryContext(ctx, `SELECT comment FROM ratings`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		have[c] = true
	}
	rows.Close()
	for _, c := range before {
		if !have[c] {
			t.Fatalf("rating %q was acknowledged before the backup began but is not in it (%d of %d there)", c, len(have), len(before))
		}
	}
	t.Logf("%d ratings acknowledged before the backup, %d in it, %d written in all; backup %d bytes in %v",
		len(before), len(have), seq.Load(), info.Size, info.Duration)

	// Once the server has stopped, the restore replaces the database and
	// keeps the old one beside it.
	w.Close()
	db.Close()
	kept, err := store.Restore(ctx, backup, live)
	if err != nil || kept == "" {
		t.Fatalf("restore over a closed database: %q %v", kept, err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if st, err := os.Stat(live + suffix); err == nil && st.Size() > 0 && suffix == "-wal" {
			t.Errorf("the old WAL is still beside the restored database (%d bytes)", st.Size())
		}
	}
	again := dbtest.Open(t, live)
	if n, err := again.RatingCount(ctx); err != nil || n != int64(len(have)) {
		t.Fatalf("the restored live database: %d ratings, want %d (%v)", n, len(have), err)
	}
	// A file that is not a database is refused before anything is touched.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	again.Close()
	if _, err := store.Restore(ctx, junk, live); err == nil {
		t.Fatal("a junk file was restored")
	}
}

// TestBackupPostgres: PostgreSQL is backed up with its own tools; the
// command says so.
func TestBackupPostgres(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		if db.Dialect() != store.Postgres {
			return
		}
		if _, err := db.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db")); !errors.Is(err, store.ErrPostgresBackup) {
			t.Fatalf("backup of PostgreSQL: %v", err)
		}
	})
}
