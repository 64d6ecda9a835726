//go:build unix

package memstore

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes the lock bbolt takes on a data file opened for writing
// (flock, exclusive), without waiting, and returns its release. A file
// that does not exist needs no lock.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("memstore: refusing to restore into %s: it is %w (stop the server first); nothing was written", path, ErrInUse)
		}
		return nil, fmt.Errorf("memstore: lock %s: %w", path, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
