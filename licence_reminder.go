package openinfo

import (
	"sort"
	"time"

	"github.com/openinfo/openinfo/thaitime"
)

// LicenceReminderDays are the days before a month's due day on which the
// reporters that have not submitted are reminded by e-mail (issue 14):
// early enough to gather the numbers, and once more the day before.
var LicenceReminderDays = []int{5, 1}

// ReminderDue says which reminder is due at t under p: month is last month
// (the one whose deadline comes next), mark the smallest of days that is at
// least the number of days left to the due day. A run that missed a mark's
// day still sends it (marked by the mark, so it is sent once); after the
// deadline, or more than max(days) before the due day, ok is false.
func (p LicencePolicy) ReminderDue(at time.Time, days []int) (month, mark int, ok bool) {
	at = at.In(thaitime.Bangkok)
	month = MonthKey(at)
	if month%100 == 1 {
		month = (month/100-1)*100 + 12
	} else {
		month--
	}
	if !at.Before(p.Deadline(month)) {
		return 0, 0, false
	}
	today := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, thaitime.Bangkok)
	left := int(p.DueDate(month).Sub(today).Hours()+12) / 24 // no DST in Bangkok; +12 rounds
	marks := append([]int(nil), days...)
	sort.Ints(marks)
	for _, d := range marks {
		if d >= 0 && left <= d {
			return month, d, true
		}
	}
	return 0, 0, false
}
