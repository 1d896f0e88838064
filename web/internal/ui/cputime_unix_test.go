//go:build unix

package ui

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used: a benchmark's figure that
// other programs on a shared machine disturb less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
