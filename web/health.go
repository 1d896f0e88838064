package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/openinfo/openinfo/store"
)

// handleHealthz: the process is up (liveness); also /livez.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// handleReadyz: the database answers, the schema is current and the search
// index is built, so a load balancer may send traffic here (200, "ready").
//
// When the database cannot be reached (store.Unavailable) a node that was
// ready before answers 200 "degraded" (issue 19): it still serves search,
// cached pages (stale for up to 10 minutes), the rating form and spooled
// ratings, and since the database is shared, every node would be out at
// once, leaving citizens nothing. /readyz?strict=1 answers 503 instead, for
// a balancer that keeps a backup pool. A node that never was ready (still
// starting) stays 503. /healthz (/livez) only says the process runs.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.find.Ready != nil && !s.find.Ready() {
		w.Header().Set("X-Openinfo-Status", "starting")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("search index loading\n"))
		return
	}
	if err := s.db.Ping(ctx); err != nil {
		s.Log.Warn("not ready", "err", err)
		if s.schemaReady.Load() && store.Unavailable(err) && r.URL.Query().Get("strict") == "" {
			s.metrics.degraded.Set(1)
			w.Header().Set("X-Openinfo-Status", "degraded")
			fmt.Fprintf(w, "degraded: database unavailable; serving search, cached pages and the rating form (ratings kept on this node)\n")
			return
		}
		w.Header().Set("X-Openinfo-Status", "unavailable")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	s.metrics.degraded.Set(0)
	if s.schemaReady.Load() {
		s.writeReady(w)
		return
	}
	if _, pending, err := s.db.MigrationStatus(ctx); err != nil || pending > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("schema not migrated\n"))
		return
	}
	s.schemaReady.Store(true) // schemas only move forward
	s.writeReady(w)
}

// writeReady says the node is ready, and how the sign-in provider answered
// last: a provider that is away stops officers signing in but not citizens
// reading, so it is reported, not made a reason to take the node out.
func (s *Server) writeReady(w http.ResponseWriter) {
	w.Header().Set("X-Openinfo-Status", "ready")
	w.Write([]byte("ready\n"))
	if s.rp != nil {
		if err := s.rp.LastError(); err != nil {
			fmt.Fprintf(w, "sign-in provider: not answering (%v)\n", err)
		}
	}
}
