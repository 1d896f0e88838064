//go:build unix

package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// serverOSUser is the OS user the cluster runs as when the tests run as
// root, since initdb and postgres refuse to run as root.
const serverOSUser = "postgres"

// owner is the OS user the cluster runs as.
type owner struct {
	uid, gid int
}

// serverOwner returns the user to run the cluster as, or nil to run it as
// the current user.
func serverOwner() (*owner, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(serverOSUser)
	if err != nil {
		return nil, fmt.Errorf("running as root, which initdb refuses, and there is no OS user %q to run PostgreSQL as: %v", serverOSUser, err)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("OS user %q: %v", serverOSUser, err)
	}
	return &owner{uid: uid, gid: gid}, nil
}

func (o *owner) chown(path string) error {
	if o == nil {
		return nil
	}
	return os.Chown(path, o.uid, o.gid)
}

// sysProcAttr returns the attributes for initdb and postgres: their own
// process group (so that a terminal's ^C reaches only the test binary, which
// then stops the server), the owner's credentials, and, for the server, a
// parent-death signal where supported.
func sysProcAttr(o *owner, server bool) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setpgid: true}
	if o != nil {
		a.Credential = &syscall.Credential{Uid: uint32(o.uid), Gid: uint32(o.gid)}
	}
	if server {
		setPdeathsig(a)
	}
	return a
}

// stopProcess asks the postmaster for an immediate shutdown.
func stopProcess(p *os.Process) {
	p.Signal(syscall.SIGQUIT)
}

// killGroup kills the process group led by p, the postmaster. Its children
// (which have their own sessions) exit when they notice it is gone.
func killGroup(p *os.Process) {
	syscall.Kill(-p.Pid, syscall.SIGKILL)
}

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// stopFast asks the postmaster for a fast shutdown: clients are
// disconnected, open transactions rolled back, the data kept.
func stopFast(p *os.Process) {
	p.Signal(syscall.SIGINT)
}
