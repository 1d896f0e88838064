//go:build !unix

package pgtest

import (
	"os"
	"syscall"
)

// owner is the OS user the cluster runs as; here always the current user.
type owner struct{}

func serverOwner() (*owner, error) { return nil, nil }

func (o *owner) chown(string) error { return nil }

func sysProcAttr(*owner, bool) *syscall.SysProcAttr { return nil }

func stopProcess(p *os.Process) { p.Kill() }

func killGroup(p *os.Process) { p.Kill() }

// processAlive cannot tell here, so stale directories are kept.
func processAlive(int) bool { return true }

func stopFast(p *os.Process) { p.Kill() }
