package admin

import (
	"net/http"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo/store"
)

// jobRow is a timed job as the platform administrator sees it: what it is
// (from this node's runner) and how its runs went (from the shared table).
type jobRow struct {
	store.JobState
	Every   time.Duration
	Running bool
}

// handleJobs lists the timed jobs: when each last ran, on which node, how
// long it took, its last error, and when it runs next.
func (s *Admin) handleJobs(w http.ResponseWriter, r *http.Request) {
	states, err := s.db.Jobs(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	every := map[string]time.Duration{}
	if s.jobs != nil {
		for _, j := range s.jobs.Jobs() {
			every[j.Name] = j.Every
		}
	}
	var rows []jobRow
	seen := map[string]bool{}
	now := time.Now()
	for _, st := range states {
		seen[st.Name] = true
		rows = append(rows, jobRow{JobState: st, Every: every[st.Name], Running: st.LeaseOwner != "" && st.LeaseUntil.After(now)})
	}
	for name, e := range every { // registered here, never run yet
		if !seen[name] {
			rows = append(rows, jobRow{JobState: store.JobState{Name: name}, Every: e})
		}
	}
	s.Render(w, r, http.StatusOK, "admin_jobs", ui.T(ui.LangFrom(r), "admin.jobs"), rows)
}
