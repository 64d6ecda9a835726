package memstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Sizer is an optional interface of the writer given to Backup: Backup
// calls SetSize with the copy's exact length before writing its first
// byte (an HTTP handler sets Content-Length from it).
type Sizer interface {
	SetSize(n int64)
}

// Backup writes a consistent copy of the data file to w while the store
// keeps serving: the copy is the file as of one committed transaction (a
// bbolt read transaction's WriteTo), whatever is written meanwhile. It
// returns the bytes written. The copy is a data file Open accepts as is;
// Restore puts one in place.
//
// The read transaction lasts as long as the copy: writes go on, but one
// that must grow the file's memory map waits for the copy to finish.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	return backupDB(ctx, s.db, w)
}

// BackupDir writes a copy of the data file in dir when no process has it
// open (a running server holds it: back up through the server instead,
// which calls Backup). The file is checked first and refused like Open
// refuses it.
func BackupDir(ctx context.Context, dir string, w io.Writer) (int64, error) {
	path := dir + string(os.PathSeparator) + FileName
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		return 0, fmt.Errorf("memstore: no data file to back up at %s", path)
	}
	if err := checkFile(path); err != nil {
		return 0, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return 0, fmt.Errorf("memstore: %s is %w", path, ErrInUse)
		}
		return 0, fmt.Errorf("memstore: open %s: %w", path, err)
	}
	defer db.Close()
	return backupDB(ctx, db, w)
}

func backupDB(ctx context.Context, db *bolt.DB, w io.Writer) (n int64, err error) {
	err = db.View(func(tx *bolt.Tx) error {
		if s, ok := w.(Sizer); ok {
			s.SetSize(tx.Size())
		}
		n, err = tx.WriteTo(ctxWriter{ctx, w})
		return err
	})
	if err != nil {
		return n, fmt.Errorf("memstore: backup after %d bytes: %w", n, err)
	}
	return n, nil
}

// ctxWriter stops a copy once ctx ends (WriteTo cannot be cancelled).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// RestoreOptions say what Restore may replace.
type RestoreOptions struct {
	// Force replaces a data file that holds actors or relationships, or
	// that is not a usable store. A file in use is never replaced.
	Force bool
}

// Restore replaces the data file in dir with a copy of the backup at src
// and returns what it holds. src must be a whole actorgraph data file
// (VerifyFile); else Restore refuses with an error naming src and what is
// wrong, and writes nothing. It refuses too when the data file is in use
// (a server has it open), or, unless opts.Force, when it holds any actor
// or relationship or is not a usable store.
//
// The copy is written to a temporary file in dir, fsynced, opened and
// checked (bbolt's consistency check, the format marker, the counts, every
// record decoded), and only then renamed over the data file, so a failed
// restore leaves the data file as it was.
func Restore(src, dir string, opts RestoreOptions) (st actorgraph.Stats, err error) {
	want, err := inspect(src, time.Second)
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		return st, fmt.Errorf("memstore: refusing to restore %s: %s; nothing was written", src, fe.Reason)
	case errors.Is(err, ErrInUse):
		return st, fmt.Errorf("memstore: refusing to restore %s: it is %w (a running server's data file? back it up with `actorgraph backup` first); nothing was written", src, ErrInUse)
	case err != nil:
		return st, fmt.Errorf("memstore: restore %s: %w; nothing was written", src, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("memstore: data directory: %w", err)
	}
	dst := dir + string(os.PathSeparator) + FileName
	if err := checkTarget(src, dst, opts.Force); err != nil {
		return st, err
	}

	tmp, err := os.CreateTemp(dir, ".restore-*.db")
	if err != nil {
		return st, fmt.Errorf("memstore: restore: %w", err)
	}
	tmpPath := tmp.Name()
	defer func() {
		if err != nil {
			os.Remove(tmpPath)
		}
	}()
	if err := copyFile(tmp, src); err != nil {
		return st, fmt.Errorf("memstore: restore: copying %s to %s: %w; nothing was restored", src, tmpPath, err)
	}
	// Open it as the server will: this also decodes every record.
	s, created, err := openFile(tmpPath)
	if err != nil {
		return st, fmt.Errorf("memstore: restore: the copy of %s failed its check: %w; nothing was restored", src, err)
	}
	st, _ = s.Stats(context.Background())
	if err := s.Close(); err != nil {
		return st, fmt.Errorf("memstore: restore: %w", err)
	}
	if created || st != want {
		return st, fmt.Errorf("memstore: restore: the copy of %s holds %d actors and %d relationships, the file %d and %d; nothing was restored",
			src, st.Actors, st.Relationships, want.Actors, want.Relationships)
	}

	// Hold the data file's lock across the rename, so no server opens
	// the old file meanwhile.
	unlock, err := lockFile(dst)
	if err != nil {
		return st, err
	}
	defer unlock()
	if err := os.Rename(tmpPath, dst); err != nil {
		return st, fmt.Errorf("memstore: restore: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return st, fmt.Errorf("memstore: restore: %s is in place but its directory was not synced: %w", dst, err)
	}
	return st, nil
}

// checkTarget refuses to replace dst when it is src itself, in use, or
// (without force) holds data or is not a usable store.
func checkTarget(src, dst string, force bool) error {
	info, err := os.Stat(dst)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("memstore: restore: %w", err)
	}
	if srcInfo, err := os.Stat(src); err == nil && os.SameFile(info, srcInfo) {
		return fmt.Errorf("memstore: refusing to restore %s over itself", src)
	}
	if info.Size() == 0 {
		return nil
	}
	st, err := inspect(dst, 100*time.Millisecond)
	var fe *FileError
	switch {
	case errors.Is(err, ErrInUse):
		return fmt.Errorf("memstore: refusing to restore into %s: it is %w (stop the server first); nothing was written", dst, ErrInUse)
	case force:
		return nil
	case errors.As(err, &fe):
		return fmt.Errorf("memstore: refusing to restore into %s: it is not a usable store (%s); pass -force to replace it; nothing was written", dst, fe.Reason)
	case err != nil:
		return fmt.Errorf("memstore: restore: %w", err)
	case st != actorgraph.Stats{}:
		return fmt.Errorf("memstore: refusing to restore into %s: it holds %d actors and %d relationships; pass -force to replace them; nothing was written", dst, st.Actors, st.Relationships)
	}
	return nil
}

// copyFile copies the file at src into dst, fsyncs and closes dst.
func copyFile(dst *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		dst.Close()
		return err
	}
	defer in.Close()
	if _, err := io.Copy(dst, in); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// syncDir fsyncs a directory, so a rename in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(filepath.Clean(dir))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
