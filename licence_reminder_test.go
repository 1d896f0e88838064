package openinfo

import (
	"testing"
	"time"

	"github.com/openinfo/openinfo/thaitime"
)

func TestReminderDue(t *testing.T) {
	bkk := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, thaitime.Bangkok) }
	p := DefaultLicencePolicy // due on the 15th of the following month
	for _, c := range []struct {
		name        string
		at          time.Time
		month, mark int
		ok          bool
	}{
		{"too early", bkk(2026, 11, 9, 10), 0, 0, false},
		{"five days before", bkk(2026, 11, 10, 0), 202610, 5, true},
		{"a missed day still sends the first", bkk(2026, 11, 12, 9), 202610, 5, true},
		{"the day before", bkk(2026, 11, 14, 8), 202610, 1, true},
		{"the due day itself", bkk(2026, 11, 15, 23), 202610, 1, true},
		{"after the deadline", bkk(2026, 11, 16, 0), 0, 0, false},
		{"across the year end", bkk(2027, 1, 10, 7), 202612, 5, true},
		{"January's report in February", bkk(2027, 2, 14, 7), 202701, 1, true},
		{"UTC instant read in Bangkok", time.Date(2026, 11, 9, 18, 0, 0, 0, time.UTC), 202610, 5, true},
	} {
		m, mark, ok := p.ReminderDue(c.at, LicenceReminderDays)
		if m != c.month || mark != c.mark || ok != c.ok {
			t.Errorf("%s: got %d %d %v, want %d %d %v", c.name, m, mark, ok, c.month, c.mark, c.ok)
		}
	}
	// A due day past a short month's end clamps (28 → 28 Feb).
	p28 := LicencePolicy{DueDay: 28, UnlockDays: 5}
	if m, mark, ok := p28.ReminderDue(bkk(2027, 2, 27, 9), []int{1, 5}); !ok || m != 202701 || mark != 1 {
		t.Errorf("clamped: %d %d %v", m, mark, ok)
	}
}
