package memstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// slowWriter collects a backup slowly, so writes happen while it streams:
// its first Write waits until the writer goroutine has committed a few
// writes (or a second has passed: a write that must grow bbolt's memory map
// waits for the backup's read transaction), and each Write then pauses.
type slowWriter struct {
	buf     bytes.Buffer
	size    int64
	proceed <-chan struct{}
	once    sync.Once
}

func (w *slowWriter) SetSize(n int64) { w.size = n }

func (w *slowWriter) Write(p []byte) (int, error) {
	w.once.Do(func() {
		select {
		case <-w.proceed:
		case <-time.After(time.Second):
		}
	})
	time.Sleep(2 * time.Millisecond)
	return w.buf.Write(p)
}

// A backup taken while another goroutine writes restores into a store equal
// to the store's state between two of those writes: it opens, passes bbolt's
// consistency check, every relationship's endpoints exist, and its counts
// lie between those before and after the backup.
func TestBackupUnderConcurrentWritesRestoresASnapshot(t *testing.T) {
	ctx := t.Context()
	d := mustOpenDriver(t, t.TempDir())
	s := actorgraph.NewGraph(d)
	storetest.MustLoad(t, s, storetest.ArticleFixture(t))
	growThenFree(t, s)

	// snapshots[k] is the store after the writer's k-th transaction; only
	// the writer writes, so between two of them the store is snapshots[k].
	snapshots := []storetest.Fixture{storetest.MustSnapshot(t, s)}
	begin, proceed := make(chan struct{}), make(chan struct{})
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return nil
				default:
				}
				id := fmt.Sprintf("bk-%03d", i)
				err := s.Upsert(ctx, []actorgraph.Actor{{ID: id, Kind: actorgraph.KindGroup, Name: "Backup " + id}},
					[]actorgraph.Relationship{{ID: "rel-" + id, Type: actorgraph.MetWith, From: id, To: "vladimir-putin", Modality: actorgraph.Asserted,
						Evidence: []actorgraph.Evidence{{Quote: "written during a backup", Source: "test"}}}})
				if err != nil {
					return err
				}
				snapshots = append(snapshots, storetest.MustSnapshot(t, s))
				if i%3 == 2 { // delete an earlier actor and, by cascade, its relationship
					if _, err := s.DeleteActor(ctx, fmt.Sprintf("bk-%03d", i-2), true); err != nil {
						return err
					}
					snapshots = append(snapshots, storetest.MustSnapshot(t, s))
				}
				switch i {
				case 10:
					close(begin)
				case 30:
					close(proceed)
				}
			}
		}()
	}()

	<-begin
	// The writer's counts never go down (each write adds an actor and a
	// relationship, every third also deletes one of each), so a snapshot's
	// lie between those read before and after the backup.
	before := storetest.MustStats(t, s)
	w := &slowWriter{proceed: proceed}
	n, err := d.Backup(ctx, w)
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatalf("writer: %v", werr)
	}
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	after := storetest.MustStats(t, s)
	if n != int64(w.buf.Len()) || n != w.size {
		t.Fatalf("Backup wrote %d bytes, the writer got %d, SetSize said %d", n, w.buf.Len(), w.size)
	}
	if len(snapshots) < 40 {
		t.Fatalf("only %d writes happened during the backup", len(snapshots)-1)
	}

	file := filepath.Join(t.TempDir(), "backup.db")
	mustWriteFile(t, file, w.buf.Bytes())
	if _, err := memstore.VerifyFile(file); err != nil {
		t.Fatalf("VerifyFile(backup): %v", err)
	}
	dir := t.TempDir()
	st, err := memstore.Restore(file, dir, memstore.RestoreOptions{})
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	r, _ := MustOpen(t, dir)
	got := storetest.MustSnapshot(t, r)
	if st != storetest.MustStats(t, r) {
		t.Errorf("Restore reported %+v, the restored store holds %+v", st, storetest.MustStats(t, r))
	}
	actors := map[string]bool{}
	for _, a := range got.Actors {
		actors[a.ID] = true
	}
	for _, rel := range got.Relationships {
		if (rel.From != "" && !actors[rel.From]) || (rel.To != "" && !actors[rel.To]) {
			t.Errorf("relationship %s (%s → %s) has an endpoint the backup lacks", rel.ID, rel.From, rel.To)
		}
	}
	if st.Actors < before.Actors || st.Actors > after.Actors || st.Relationships < before.Relationships || st.Relationships > after.Relationships {
		t.Errorf("restored counts %+v, want between %+v and %+v", st, before, after)
	}
	match := -1
	for k, snap := range snapshots {
		if cmp.Diff(snap, got, cmpopts.EquateEmpty()) == "" {
			match = k
			break
		}
	}
	if match < 0 {
		for _, snap := range snapshots {
			if len(snap.Actors) == len(got.Actors) && len(snap.Relationships) == len(got.Relationships) {
				t.Errorf("a state with the same counts (-state +restored):\n%s", cmp.Diff(snap, got, cmpopts.EquateEmpty()))
			}
		}
		t.Fatalf("the restored store (%d actors, %d relationships) equals none of the %d states the store went through",
			len(got.Actors), len(got.Relationships), len(snapshots))
	}
	t.Logf("backup of %d bytes is the state after transaction %d of %d (counts before %+v, restored %+v, after %+v)", n, match, len(snapshots)-1, before, st, after)
}

// growThenFree writes about 2 MB and deletes it again. A write during a
// backup cannot reuse pages freed after the backup's read transaction began,
// and one that must grow bbolt's memory map waits for the backup to end;
// pages freed before it, as here, can be reused, so the writes go on.
func growThenFree(t *testing.T, s *actorgraph.Graph) {
	t.Helper()
	quote := strings.Repeat("filler ", actorgraph.MaxQuoteLen/7)
	var rels []actorgraph.Relationship
	for i := range 8 {
		r := actorgraph.Relationship{ID: fmt.Sprintf("filler-%d", i), Type: actorgraph.MetWith, From: "vladimir-putin", To: "donald-trump", Modality: actorgraph.Asserted}
		for j := range actorgraph.MaxEvidence {
			r.Evidence = append(r.Evidence, actorgraph.Evidence{Quote: fmt.Sprint(j, quote), Source: "test"})
		}
		rels = append(rels, r)
	}
	storetest.MustUpsert(t, s, nil, rels)
	for _, r := range rels {
		if _, err := s.DeleteRelationship(t.Context(), r.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// BackupDir copies a store no process has open; it refuses one in use.
func TestBackupDir(t *testing.T) {
	dir := t.TempDir()
	s, _ := MustOpen(t, dir)
	storetest.MustLoad(t, s, storetest.ArticleFixture(t))
	want := storetest.MustSnapshot(t, s)

	var buf bytes.Buffer
	if _, err := memstore.BackupDir(t.Context(), dir, &buf); !errors.Is(err, memstore.ErrInUse) {
		t.Errorf("BackupDir of an open store: err = %v, want ErrInUse", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := memstore.BackupDir(t.Context(), dir, &buf); err != nil {
		t.Fatalf("BackupDir: %v", err)
	}
	file := filepath.Join(t.TempDir(), "copy.db")
	mustWriteFile(t, file, buf.Bytes())
	target := t.TempDir()
	if _, err := memstore.Restore(file, target, memstore.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	r, _ := MustOpen(t, target)
	storetest.AssertSnapshot(t, r, want)

	if _, err := memstore.BackupDir(t.Context(), t.TempDir(), &buf); err == nil || !strings.Contains(err.Error(), "no data file") {
		t.Errorf("BackupDir of an empty directory: err = %v", err)
	}
}

// mustBackupFile writes a backup of a store holding the article.
func mustBackupFile(t *testing.T) (string, storetest.Fixture) {
	t.Helper()
	d := mustOpenDriver(t, t.TempDir())
	s := actorgraph.NewGraph(d)
	storetest.MustLoad(t, s, storetest.ArticleFixture(t))
	var buf bytes.Buffer
	if _, err := d.Backup(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	mustWriteFile(t, file, buf.Bytes())
	return file, storetest.MustSnapshot(t, s)
}

// listDir names the files in dir with their hashes, to show nothing changed.
func listDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		out[e.Name()] = fmt.Sprintf("%x", mustHash(t, filepath.Join(dir, e.Name())))
	}
	return out
}

// Restore refuses a file that is not a whole actorgraph backup with a
// message naming it and what is wrong, and writes nothing. The truncated
// copy runs in a child process (see TestOpenRefusesCorruptFile).
func TestRestoreRefusesForeignAndCorruptFiles(t *testing.T) {
	good, _ := mustBackupFile(t)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		write func(t *testing.T, path string)
		want  string
	}{
		{"TextFile", func(t *testing.T, path string) {
			mustWriteFile(t, path, []byte("these are my notes, not a backup\n"))
		}, "not a bbolt database"},
		{"TruncatedCopy", func(t *testing.T, path string) {
			mustWriteFile(t, path, goodBytes[:len(goodBytes)/2])
		}, "truncated"},
		{"BboltFileWithoutMarker", func(t *testing.T, path string) {
			mustWriteBolt(t, path, map[string]map[string]string{"settings": {"theme": "dark"}})
		}, "no format marker"},
		{"EmptyFile", func(t *testing.T, path string) { mustWriteFile(t, path, nil) }, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolated(t, func(t *testing.T) {
				src := filepath.Join(t.TempDir(), "backup.db")
				tc.write(t, src)
				srcHash := mustHash(t, src)
				// Into an empty directory and over an existing store, with -force.
				for _, force := range []bool{false, true} {
					dir := t.TempDir()
					if force {
						s, _ := MustOpen(t, dir)
						storetest.MustLoad(t, s, storetest.TownFixture())
						s.Close()
					}
					before := listDir(t, dir)
					_, err := memstore.Restore(src, dir, memstore.RestoreOptions{Force: force})
					if err == nil {
						t.Fatalf("Restore(%s, force=%v) succeeded", tc.name, force)
					}
					t.Logf("refused: %v", err)
					for _, want := range []string{src, tc.want, "nothing was written"} {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("Restore error %q does not say %q", err, want)
						}
					}
					if after := listDir(t, dir); !cmp.Equal(before, after) {
						t.Errorf("Restore changed the data directory: %v → %v", before, after)
					}
				}
				if mustHash(t, src) != srcHash {
					t.Error("Restore changed the file it refused")
				}
			})
		})
	}
}

// Restore refuses a data directory whose store is in use, or holds data,
// unless forced; forced, it replaces the store.
func TestRestoreRefusesStoreInUseOrNotEmpty(t *testing.T) {
	src, want := mustBackupFile(t)

	t.Run("InUse", func(t *testing.T) {
		dir := t.TempDir()
		MustOpen(t, dir) // stays open until the test ends
		before := listDir(t, dir)
		_, err := memstore.Restore(src, dir, memstore.RestoreOptions{Force: true})
		if !errors.Is(err, memstore.ErrInUse) || !strings.Contains(err.Error(), filepath.Join(dir, memstore.FileName)) {
			t.Fatalf("Restore into an open store: err = %v, want it in use, naming the data file", err)
		}
		if after := listDir(t, dir); !cmp.Equal(before, after) {
			t.Errorf("Restore changed the data directory: %v → %v", before, after)
		}
	})
	t.Run("NotEmpty", func(t *testing.T) {
		dir := t.TempDir()
		s, _ := MustOpen(t, dir)
		storetest.MustLoad(t, s, storetest.TownFixture())
		s.Close()
		before := listDir(t, dir)
		_, err := memstore.Restore(src, dir, memstore.RestoreOptions{})
		if err == nil || !strings.Contains(err.Error(), "-force") || !strings.Contains(err.Error(), "holds 8 actors") {
			t.Fatalf("Restore over a store with data: err = %v, want a refusal mentioning -force", err)
		}
		if after := listDir(t, dir); !cmp.Equal(before, after) {
			t.Errorf("Restore changed the data directory: %v → %v", before, after)
		}
		st, err := memstore.Restore(src, dir, memstore.RestoreOptions{Force: true})
		if err != nil {
			t.Fatalf("Restore -force: %v", err)
		}
		if st.Actors != len(want.Actors) || st.Relationships != len(want.Relationships) {
			t.Errorf("Restore -force reported %+v", st)
		}
		r, _ := MustOpen(t, dir)
		storetest.AssertSnapshot(t, r, want)
		if names := listDir(t, dir); len(names) != 1 {
			t.Errorf("data directory after restore holds %v, want the data file only", names)
		}
	})
	t.Run("EmptyStore", func(t *testing.T) {
		dir := t.TempDir()
		s, _ := MustOpen(t, dir) // created, nothing in it
		s.Close()
		if _, err := memstore.Restore(src, dir, memstore.RestoreOptions{}); err != nil {
			t.Fatalf("Restore into an empty store: %v", err)
		}
		r, _ := MustOpen(t, dir)
		storetest.AssertSnapshot(t, r, want)
	})
}
