package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/importer"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
)

type phaseTimer struct {
	cur   bundle.Entity
	start time.Time
}

func (p *phaseTimer) Start(int64) { p.start = time.Now() }
func (p *phaseTimer) Finish() {
	fmt.Fprintf(os.Stderr, "  %s until %s\n", p.cur, time.Since(p.start).Round(time.Millisecond))
}
func (p *phaseTimer) Update(e bundle.Entity, _ int64, _ map[bundle.Entity]*importer.Counts) {
	if e != p.cur {
		fmt.Fprintf(os.Stderr, "  %s until %s\n", p.cur, time.Since(p.start).Round(time.Millisecond))
		p.cur = e
	}
}

func TestPhaseTiming(t *testing.T) {
	if os.Getenv("B18_TIMING") == "" {
		t.Skip("set B18_TIMING=1")
	}
	dir, _ := small(t)
	db := dbtest.Open(t, filepath.Join(t.TempDir(), "t.db"))
	if os.Getenv("B18_TIMING") == "postgres" {
		db = dbtest.Open(t, pgtest.NewDatabase(t, migrate))
	}
	if _, err := importer.Import(context.Background(), db, dir, importer.Options{Progress: &phaseTimer{}}); err != nil {
		t.Fatal(err)
	}
}
