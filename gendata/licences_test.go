package gendata

import (
	"fmt"
	"hash/fnv"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// TestLicences checks the small scale's year of reports: deterministic,
// every report adds up, each state and fate occurs,
// and the reports count the delay notices.
func TestLicences(t *testing.T) {
	ds, err := Generate(ScaleSmall, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 12, 7, 10, 0, 0, 0, thaitime.Bangkok)
	run := func() (*LicenceData, uint64, map[openinfo.LicenceReportState]int, int) {
		h := fnv.New64a()
		states := map[openinfo.LicenceReportState]int{}
		notices := 0
		data, err := Licences(ds, Offsets{}, 1, asOf, 500, func(r *openinfo.LicenceReport) error {
			fmt.Fprint(h, *r)
			if err := r.Validate(asOf); err != nil {
				t.Fatalf("%+v: %v", r, err)
			}
			states[r.State]++
			notices += r.Counts.DelayNotices
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return data, h.Sum64(), states, notices
	}
	a, ha, states, notices := run()
	b, hb, _, _ := run()
	if ha != hb || fmt.Sprint(a.Locks, a.Unlocks, a.Levels) != fmt.Sprint(b.Locks, b.Unlocks, b.Levels) {
		t.Fatal("not deterministic")
	}
	if a.Months[0] != 202512 || a.Months[11] != 202611 {
		t.Errorf("months %v", a.Months)
	}
	if states[openinfo.ReportSubmitted] < 10*states[openinfo.ReportDraft] || states[openinfo.ReportDraft] == 0 {
		t.Errorf("states %v", states)
	}
	status := map[openinfo.UnlockStatus]int{}
	for _, u := range a.Unlocks {
		status[u.Status]++
	}
	if len(a.Locks) == 0 || status[openinfo.UnlockApproved] == 0 || status[openinfo.UnlockRefused] == 0 {
		t.Errorf("%d locks, unlocks %v", len(a.Locks), status)
	}
	if len(a.Cases) != 500 {
		t.Fatalf("%d cases", len(a.Cases))
	}
	overdue, decided, told, sent := 0, 0, 0, 0
	for i := range a.Cases {
		c := &a.Cases[i]
		if _, ok := c.Overdue(asOf); ok {
			overdue++
		}
		if c.Decision != openinfo.DecisionPending {
			decided++
		}
		if !c.ToldOn.IsZero() {
			told++
		}
		for _, n := range c.Notices {
			if openinfo.MonthKey(n.Date) <= a.Months[11] {
				sent++
			}
		}
	}
	if overdue == 0 || decided == 0 || told == 0 || overdue > len(a.Cases)/2 {
		t.Errorf("%d overdue, %d decided, %d told", overdue, decided, told)
	}
	// Reports that were not saved do not count their notices.
	if notices == 0 || notices > sent {
		t.Errorf("reports count %d notices, %d sent", notices, sent)
	}
	t.Logf("%d reports %v, %d locks, unlocks %v, %d levels; cases: %d overdue, %d decided, %d told",
		a.Reports, states, len(a.Locks), status, len(a.Levels), overdue, decided, told)
}
