package web

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// handleHealthz: the process is up (liveness).
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// handleReadyz: the database answers, the schema is current and the search
// index is built, so a load balancer may send traffic here.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.find.Ready != nil && !s.find.Ready() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("search index loading\n"))
		return
	}
	if err := s.db.Ping(ctx); err != nil {
		s.Log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
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
	w.Write([]byte("ready\n"))
	if s.rp != nil {
		if err := s.rp.LastError(); err != nil {
			fmt.Fprintf(w, "sign-in provider: not answering (%v)\n", err)
		}
	}
}
