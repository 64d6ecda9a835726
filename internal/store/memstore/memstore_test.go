package memstore_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) actorgraph.Driver {
		return mustOpenDriver(t, t.TempDir())
	})
}

func mustOpenDriver(tb testing.TB, dir string) *memstore.Store {
	tb.Helper()
	s, _, err := memstore.Open(dir)
	if err != nil {
		tb.Fatalf("Open(%s): %v", dir, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustOpen opens the store in dir as a Graph, closes it when the test
// ends, and reports whether Open created the data file.
func MustOpen(tb testing.TB, dir string) (*actorgraph.Graph, bool) {
	tb.Helper()
	s, created, err := memstore.Open(dir)
	if err != nil {
		tb.Fatalf("Open(%s): %v", dir, err)
	}
	tb.Cleanup(func() { s.Close() })
	return actorgraph.NewGraph(s), created
}

func TestOpenReportsWhetherItCreatedTheFile(t *testing.T) {
	t.Run("NewNestedDirectoryIsCreated", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nested", "data")
		s, created := MustOpen(t, dir)
		if !created {
			t.Errorf("Open(new dir) created = false, want true")
		}
		if st := storetest.MustStats(t, s); st != (actorgraph.Stats{}) {
			t.Errorf("Stats() of a new store = %+v, want zero", st)
		}
		if _, err := os.Stat(filepath.Join(dir, memstore.FileName)); err != nil {
			t.Errorf("data file not created: %v", err)
		}
	})
	t.Run("ReopenedDirectoryIsNotCreated", func(t *testing.T) {
		dir := t.TempDir()
		s, _ := MustOpen(t, dir)
		if err := s.Close(); err != nil {
			t.Fatalf("Close(): %v", err)
		}
		_, created := MustOpen(t, dir)
		if created {
			t.Errorf("second Open(dir) created = true, want false")
		}
	})
}

func TestReopenReturnsAcknowledgedWrites(t *testing.T) {
	dir := t.TempDir()
	s, _ := MustOpen(t, dir)
	storetest.MustLoad(t, s, storetest.ArticleFixture(t))
	storetest.MustLoad(t, s, storetest.TownFixture())
	ctx := t.Context()
	name := "Aino Aalto-Virtanen"
	steps := []struct {
		what string
		err  error
	}{
		{"CreateActor", second(s.CreateActor(ctx, actorgraph.Actor{ID: "n", Kind: actorgraph.KindGroup, Name: "New", Aliases: []string{"Fresh"}}))},
		{"UpdateActor", second(s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Name: &name}))},
		{"CreateRelationship", second(s.CreateRelationship(ctx, actorgraph.Relationship{
			ID: "r10", Type: actorgraph.MetWith, From: "n", To: "g", Modality: actorgraph.Asserted,
			Date:     &actorgraph.Date{Year: 2025, Month: 5, Day: 2},
			Evidence: []actorgraph.Evidence{{Quote: "they met", Source: "test"}},
		}))},
		{"DeleteRelationship", second(s.DeleteRelationship(ctx, "r01"))},
		{"DeleteActor", second(s.DeleteActor(ctx, "d", true))},
	}
	for _, st := range steps {
		if st.err != nil {
			t.Fatalf("%s: %v", st.what, st.err)
		}
	}
	want, wantStats := storetest.MustSnapshot(t, s), storetest.MustStats(t, s)
	wantChanges := storetest.MustChanges(t, s, actorgraph.ChangeQuery{})
	if len(wantChanges) != 7 {
		t.Fatalf("%d changes recorded, want 7 (2 loads, 5 writes)", len(wantChanges))
	}
	wantPath, err := s.ShortestPath(ctx, "alexander-stubb", "vladimir-putin", actorgraph.PathOptions{MaxHops: 4})
	if err != nil {
		t.Fatalf("ShortestPath: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close(): %v", err)
	}

	reopened, created := MustOpen(t, dir)
	if created {
		t.Errorf("reopen: created = true, want false")
	}
	storetest.AssertSnapshot(t, reopened, want)
	if diff := cmp.Diff(wantChanges, storetest.MustChanges(t, reopened, actorgraph.ChangeQuery{})); diff != "" {
		t.Errorf("changes after reopen (-before +after):\n%s", diff)
	}
	if got := storetest.MustStats(t, reopened); got != wantStats {
		t.Errorf("Stats() after reopen = %+v, want %+v", got, wantStats)
	}
	// The indexes are rebuilt, not just the records.
	gotPath, err := reopened.ShortestPath(ctx, "alexander-stubb", "vladimir-putin", actorgraph.PathOptions{MaxHops: 4})
	if err != nil {
		t.Fatalf("ShortestPath after reopen: %v", err)
	}
	if diff := cmp.Diff(wantPath, gotPath); diff != "" {
		t.Errorf("ShortestPath after reopen (-before +after):\n%s", diff)
	}
	incoming := storetest.MustAllRelationships(t, reopened, actorgraph.RelationshipFilter{ActorID: "g", Direction: actorgraph.Incoming})
	if len(incoming) != 1 || incoming[0].ID != "r10" {
		t.Errorf("Relationships(g, INCOMING) after reopen = %v, want [r10]", incoming)
	}
}

func second[T any](_ T, err error) error { return err }

func TestOpenRefusesForeignFile(t *testing.T) {
	tests := []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"RandomBytes", func(t *testing.T, path string) {
			b := make([]byte, 64<<10)
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			mustWriteFile(t, path, b)
		}},
		{"TextFile", func(t *testing.T, path string) {
			mustWriteFile(t, path, []byte("these are my notes, not a database\n"))
		}},
		{"BboltFileWithoutMarker", func(t *testing.T, path string) {
			mustWriteBolt(t, path, map[string]map[string]string{"settings": {"theme": "dark"}})
		}},
		{"BboltFileWithOtherFormat", func(t *testing.T, path string) {
			mustWriteBolt(t, path, map[string]map[string]string{
				"meta": {"format": "someone-else/1"}, "actors": {}, "relationships": {},
			})
		}},
		{"BboltFileWithMarkerButNoBuckets", func(t *testing.T, path string) {
			mustWriteBolt(t, path, map[string]map[string]string{"meta": {"format": memstore.FileFormat}})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, memstore.FileName)
			tc.write(t, path)
			before := mustHash(t, path)
			s, _, err := memstore.Open(dir)
			if err == nil {
				s.Close()
				t.Fatalf("Open(dir with %s) succeeded, want it refused", tc.name)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("Open error %q does not name the file %s", err, path)
			}
			if after := mustHash(t, path); after != before {
				t.Errorf("Open changed the refused file (sha256 %x → %x)", before, after)
			}
		})
	}
}

// TestOpenRefusesCorruptFile damages a real data file and opens it. Each
// case runs in a child process: bbolt maps the file into memory, and a
// read past the end of a truncated file is a fatal fault (SIGBUS) that no
// recover catches, which would otherwise end the whole test binary.
func TestOpenRefusesCorruptFile(t *testing.T) {
	original, want := mustArticleFile(t)
	tests := []struct {
		name    string
		corrupt func(t *testing.T, b []byte) []byte
	}{
		{"MiddleBytesFlipped", func(t *testing.T, b []byte) []byte {
			mid := len(b) / 2
			for i := mid + 16; i < mid+32; i++ {
				b[i] ^= 0xff
			}
			return b
		}},
		{"TruncatedToHalf", func(t *testing.T, b []byte) []byte { return b[:len(b)/2] }},
		{"TruncatedToThreeQuarters", func(t *testing.T, b []byte) []byte { return b[:len(b)*3/4] }},
		{"RootPageZeroed", func(t *testing.T, b []byte) []byte {
			m := readMeta(t, b)
			clear(b[m.root*m.pageSize : (m.root+1)*m.pageSize])
			return b
		}},
		{"FreelistPageZeroed", func(t *testing.T, b []byte) []byte {
			m := readMeta(t, b)
			clear(b[m.freelist*m.pageSize : (m.freelist+1)*m.pageSize])
			return b
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolated(t, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, memstore.FileName)
				mustWriteFile(t, path, tc.corrupt(t, bytes.Clone(original)))
				before := mustHash(t, path)
				s, _, err := memstore.Open(dir)
				if err == nil {
					// Not refused: acceptable only if nothing was lost.
					defer s.Close()
					storetest.AssertSnapshot(t, actorgraph.NewGraph(s), want)
					return
				}
				t.Logf("refused: %v", err)
				if !strings.Contains(err.Error(), path) {
					t.Errorf("Open error %q does not name the file %s", err, path)
				}
				if after := mustHash(t, path); after != before {
					t.Errorf("Open changed the refused file (sha256 %x → %x)", before, after)
				}
			})
		})
	}
}

func TestOpenWhileOpenFailsInUse(t *testing.T) {
	dir := t.TempDir()
	s, _ := MustOpen(t, dir)
	// bbolt waits for the file lock for the store's 2s timeout.
	other, _, err := memstore.Open(dir)
	if err == nil {
		other.Close()
		t.Fatal("second Open of an open directory succeeded, want an in-use error")
	}
	path := filepath.Join(dir, memstore.FileName)
	if !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), path) {
		t.Errorf("second Open error = %q, want it to say %s is in use", err, path)
	}
	// The first store is unaffected.
	if _, err := s.CreateActor(t.Context(), actorgraph.Actor{ID: "still-here", Kind: actorgraph.KindGroup, Name: "Still here"}); err != nil {
		t.Errorf("CreateActor on the first store after the refused Open: %v", err)
	}
}

// mustArticleFile writes the article dataset through a real store and
// returns the closed data file's bytes and what the store held.
func mustArticleFile(t *testing.T) ([]byte, storetest.Fixture) {
	t.Helper()
	dir := t.TempDir()
	s, _ := MustOpen(t, dir)
	storetest.MustLoad(t, s, storetest.ArticleFixture(t))
	want := storetest.MustSnapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatalf("Close(): %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, memstore.FileName))
	if err != nil {
		t.Fatal(err)
	}
	return b, want
}

// boltMeta holds the fields of a bbolt meta page the corruptions aim at.
type boltMeta struct {
	pageSize, root, freelist uint64
}

// readMeta decodes the current bbolt meta page (of the two at the start of
// the file, the one with the higher transaction id). Layout after the
// 16-byte page header: magic, version, pageSize, flags (uint32 each), root
// page id, bucket sequence, freelist page id, high-water page id, txid,
// checksum (uint64 each), in the machine's byte order (little-endian here).
func readMeta(t *testing.T, b []byte) boltMeta {
	t.Helper()
	le := binary.LittleEndian
	pageSize := uint64(le.Uint32(b[16+8:]))
	if pageSize == 0 || uint64(len(b)) < 2*pageSize {
		t.Fatalf("not a bbolt file: page size %d, file size %d", pageSize, len(b))
	}
	read := func(off uint64) (boltMeta, uint64) {
		m := b[off+16:]
		return boltMeta{pageSize: pageSize, root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:])}, le.Uint64(m[48:])
	}
	m0, tx0 := read(0)
	m1, tx1 := read(pageSize)
	if tx1 > tx0 {
		return m1
	}
	return m0
}

// childEnv names the subtest a child process of isolated runs.
const childEnv = "MEMSTORE_TEST_ISOLATED"

// isolated runs body in a child process (the test binary, told to run just
// this subtest), so that a crash fails the test instead of the binary.
func isolated(t *testing.T, body func(t *testing.T)) {
	t.Helper()
	if os.Getenv(childEnv) == t.Name() {
		body(t)
		return
	}
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run="+strings.Join(parts, "/"), "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("child process for %s failed (%v); its output begins:\n%s", t.Name(), err, firstLines(out, 25))
		return
	}
	if !bytes.Contains(out, []byte("--- PASS: "+t.Name())) {
		t.Errorf("child process did not run %s; output:\n%s", t.Name(), firstLines(out, 25))
	}
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

func mustWriteFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// mustWriteBolt makes a valid bbolt file holding the given buckets.
func mustWriteBolt(t *testing.T, path string, buckets map[string]map[string]string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for name, kv := range buckets {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			for k, v := range kv {
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustHash(t *testing.T, path string) [sha256.Size]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
