package pgtest

import "syscall"

// setPdeathsig makes the kernel kill the server when the test binary dies
// (see launch for the thread caveat).
func setPdeathsig(a *syscall.SysProcAttr) {
	a.Pdeathsig = syscall.SIGKILL
}
