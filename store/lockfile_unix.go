//go:build linux || darwin || freebsd || netbsd || openbsd

package store

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// lockShared takes a shared lock on path (created if missing) for as long
// as the database is open. It fails only while a restore holds the lock.
func lockShared(path string) (io.Closer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("store: the database is being restored; start again when the restore has finished")
		}
		return nil, err
	}
	return f, nil
}

// lockExclusive takes the lock that no open database shares (ErrInUse if one does).
func lockExclusive(path string) (io.Closer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, inUseError(path)
		}
		return nil, err
	}
	return f, nil
}

// inUseBySQLite reports whether another process has the database open in
// WAL mode: SQLite holds a read lock on byte 128 of the "-shm" file (its
// "dead man switch") for every connection. Call it only from a process that
// has not opened the database itself: closing the file here drops this
// process's own SQLite locks on it (POSIX record locks are per process).
func inUseBySQLite(shm string) bool {
	f, err := os.OpenFile(shm, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 128, Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != syscall.F_UNLCK
}
