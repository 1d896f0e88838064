//go:build unix && !linux

package pgtest

import "syscall"

// setPdeathsig does nothing: there is no parent-death signal here, so a
// server outlives a test binary that dies without running Run's cleanup.
func setPdeathsig(*syscall.SysProcAttr) {}
