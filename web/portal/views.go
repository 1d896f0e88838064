package portal

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// viewCounter counts manual page views in memory; Background adds them to
// the database now and then, so a page view costs no write.
type viewCounter struct {
	mu sync.Mutex
	n  map[int64]int64
}

func (v *viewCounter) add(processID int64) {
	v.mu.Lock()
	if v.n == nil {
		v.n = map[int64]int64{}
	}
	if len(v.n) < 100000 { // bounded: a crawler must not grow it without end
		v.n[processID]++
	}
	v.mu.Unlock()
}

// CountCachedView counts a view of a manual page served from the page
// cache, as handleManual counts the ones it renders.
func (s *Portal) CountCachedView(r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/manuals/")
	if !ok || rest == "" || len(rest) > 18 {
		return
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err == nil && id > 0 {
		s.views.add(id)
	}
}

func (v *viewCounter) take() map[int64]int64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := v.n
	v.n = nil
	return n
}

// FlushViews writes the counted views; on failure they are counted again.
func (s *Portal) FlushViews(ctx context.Context) error {
	n := s.views.take()
	if err := s.db.AddManualViews(ctx, n); err != nil {
		for id, c := range n {
			s.views.mu.Lock()
			if s.views.n == nil {
				s.views.n = map[int64]int64{}
			}
			s.views.n[id] += c
			s.views.mu.Unlock()
		}
		return err
	}
	return nil
}

// Background runs the site's periodic work until ctx ends: it writes the
// counted manual views every interval, and once more at the end.
func (s *Portal) Background(ctx context.Context, every time.Duration) {
	s.warmHome()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			s.FlushViews(fctx)
			cancel()
			return
		case <-t.C:
			if err := s.FlushViews(ctx); err != nil && ctx.Err() == nil {
				s.Log.Warn("manual views", "err", err)
			}
		}
	}
}
