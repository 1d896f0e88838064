package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/jobs"
)

// TestJobsPage: the platform administrator sees each timed job, when and
// where it last ran and its last error; a job never run is listed too.
func TestJobsPage(t *testing.T) {
	var r *jobs.Runner
	f := newAdminFixture(t, func(c *Config) {
		r = jobs.New(c.DB, slog.New(slog.NewTextHandler(io.Discard, nil)))
		c.Jobs = r
	})
	r.Add(jobs.Job{Name: "outbox.prune", Every: time.Hour, Run: func(context.Context) error { return nil }})
	r.Add(jobs.Job{Name: "reminders.send", Every: 24 * time.Hour, Run: func(context.Context) error { return errors.New("SMTP server refused <script>") }})
	r.Tick(context.Background())
	r.Add(jobs.Job{Name: "digest.weekly", Every: 7 * 24 * time.Hour, Run: func(context.Context) error { return nil }})

	status, body, _ := fetch(t, f.as(t, openinfo.RoleAdmin, nil), f.srv.URL+"/admin/jobs")
	page := string(body)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"outbox.prune", "1h0m0s", "reminders.send", "SMTP server refused &lt;script&gt;", r.Owner(), "digest.weekly", "ยังไม่เคยทำ"} {
		if !strings.Contains(page, want) {
			t.Errorf("the jobs page lacks %q", want)
		}
	}
	if status, _, _ := fetch(t, f.as(t, openinfo.RoleCentral, f.dept), f.srv.URL+"/admin/jobs"); status != http.StatusForbidden {
		t.Errorf("a central officer got %d", status)
	}
}
