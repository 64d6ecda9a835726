// Package memstore is the embedded store: every actor and relationship is
// held in memory with indexes by id and adjacency by direction, and every
// write goes through to one bbolt file (fsync on commit) before it is
// acknowledged, so a killed process loses no acknowledged write.
package memstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// The file layout: a meta bucket with the format marker, one bucket of
// actors and one of relationships, each value the JSON of the domain type.
var (
	bucketMeta   = []byte("meta")
	bucketActors = []byte("actors")
	bucketRels   = []byte("relationships")
	// bucketRedirects maps a merged actor's id to its survivor's (added
	// after format 1 was fixed: Open adds it to older files).
	bucketRedirects = []byte("redirects")
	// bucketChanges is the audit trail: each actorgraph.Change by its id
	// (time order), written in the transaction of its write (added after
	// format 1 was fixed: Open adds it to older files).
	bucketChanges = []byte("changes")
	keyFormat     = []byte("format")
)

// FileFormat is the marker stored in every data file; a file without it
// is refused.
const FileFormat = "actorgraph-memstore/1"

// FileName is the data file's name inside the data directory.
const FileName = "actorgraph.db"

var _ actorgraph.Driver = (*Store)(nil)

// Store is the embedded store. The zero value is not usable; call Open.
type Store struct {
	db   *bolt.DB
	path string

	mu       sync.RWMutex
	actors   map[string]*actorgraph.Actor
	actorIDs []string // sorted
	rels     map[string]*actorgraph.Relationship
	relIDs   []string            // sorted
	out      map[string][]string // actor id → ids of relationships from it, sorted
	in       map[string][]string // actor id → ids of relationships to it, sorted
	// folded holds each actor's folded name and aliases, so a search does
	// not fold every name again (that was 80% of a search's CPU).
	folded map[string]*actorgraph.Folded
	// steps and nodes are the walk graph (graph.go): per actor, its node
	// number and its relationships as pathfind arcs; by node number, the
	// actor. Writes keep them up to date through addSteps and removeSteps.
	steps map[string]*adjacency
	nodes nodeTable
	// redirects maps each merged actor id to the id it was merged into
	// (always a stored actor: merges re-point older redirects).
	redirects map[string]string
}

// Open opens (or creates) the data file in dir and loads it into memory.
// created reports whether the file was new, so the caller can seed it.
// A file that is not an actorgraph data file, or is corrupt, is refused
// with an error and left untouched.
func Open(dir string) (s *Store, created bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, fmt.Errorf("memstore: data directory: %w", err)
	}
	return openFile(dir + string(os.PathSeparator) + FileName)
}

// openFile opens (or creates) the data file at path; see Open.
func openFile(path string) (s *Store, created bool, err error) {
	info, statErr := os.Stat(path)
	created = errors.Is(statErr, os.ErrNotExist) || (statErr == nil && info.Size() == 0)
	if !created {
		if err := checkFile(path); err != nil {
			return nil, false, err
		}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, false, fmt.Errorf("memstore: %s is %w", path, ErrInUse)
		}
		return nil, false, fmt.Errorf("memstore: open %s: %w", path, err)
	}
	s = &Store{db: db, path: path}
	if created {
		err = db.Update(func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketMeta, bucketActors, bucketRels} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return tx.Bucket(bucketMeta).Put(keyFormat, []byte(FileFormat))
		})
		if err != nil {
			db.Close()
			return nil, false, fmt.Errorf("memstore: initialise %s: %w", path, err)
		}
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRedirects, bucketChanges} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, false, fmt.Errorf("memstore: initialise %s: %w", path, err)
	}
	if err := s.load(); err != nil {
		db.Close()
		return nil, false, err
	}
	return s, created, nil
}

// ErrInUse is the error (wrapped) for a data file another process holds
// open: bbolt locks the file while a store has it open.
var ErrInUse = errors.New("in use by another process")

// FileError says why a file is not a usable actorgraph data file.
type FileError struct {
	Path   string
	Reason string // e.g. "truncated: …", "not an actorgraph data file (no format marker)"
}

func (e *FileError) Error() string { return e.Path + ": " + e.Reason }

// checkFile opens an existing file read-only and checks it is ours and
// whole, so a foreign or corrupt file is refused before anything could
// write to it.
func checkFile(path string) error {
	_, err := inspect(path, 2*time.Second)
	var fe *FileError
	if errors.As(err, &fe) {
		return fmt.Errorf("memstore: refusing %s: %s; the file was left untouched (move it away or point -data elsewhere)", path, fe.Reason)
	}
	return err
}

// VerifyFile checks that the file at path is a whole actorgraph data file
// (bbolt's magic and consistency check, the format marker, the buckets) and
// returns what it holds, without writing to it. A file that is not is a
// *FileError saying what is wrong; a file another process holds open for
// writing is ErrInUse.
func VerifyFile(path string) (actorgraph.Stats, error) {
	return inspect(path, 2*time.Second)
}

// bboltMagic is the number at the start of each bbolt meta page (after the
// 16-byte page header), in the machine's byte order.
const bboltMagic = 0xED0CDAED

// hasBboltMagic reports whether the file at path begins with a bbolt meta
// page, to tell a foreign file from a damaged database in messages.
func hasBboltMagic(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [20]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	return binary.LittleEndian.Uint32(head[16:]) == bboltMagic || binary.BigEndian.Uint32(head[16:]) == bboltMagic
}

// headerSize reads the size a bbolt file's current meta page gives it
// (high-water page id × page size), without bbolt, so a truncated file is
// named as such before bbolt maps it (reading a page past the end of a
// mapped file faults). ok is false when neither meta page is valid. The
// meta page after its 16-byte header: magic, version, page size, flags
// (uint32 each), root page id, bucket sequence, freelist page id,
// high-water page id, transaction id, checksum (uint64 each; the checksum
// is FNV-64a of the bytes before it), in the machine's byte order.
func headerSize(path string) (size int64, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var best struct{ txid, size uint64 }
	pageSize := uint64(0)
	for i := 0; i < 2; i++ {
		var m [64]byte
		if _, err := f.ReadAt(m[:], int64(i)*int64(pageSize)+16); err != nil {
			return 0, false
		}
		bo := binary.ByteOrder(binary.LittleEndian)
		if bo.Uint32(m[0:]) != bboltMagic {
			bo = binary.BigEndian
		}
		h := fnv.New64a()
		h.Write(m[:56])
		valid := bo.Uint32(m[0:]) == bboltMagic && h.Sum64() == bo.Uint64(m[56:])
		if i == 0 {
			pageSize = uint64(bo.Uint32(m[8:]))
			if !valid || pageSize < 1024 || pageSize > 1<<20 {
				return 0, false // bbolt falls back to the second meta page, found at the OS page size: leave it to bbolt
			}
		}
		if valid && (!ok || bo.Uint64(m[48:]) > best.txid) {
			best.txid, best.size, ok = bo.Uint64(m[48:]), bo.Uint64(m[40:])*pageSize, true
		}
	}
	return int64(best.size), ok
}

// inspect opens path read-only (waiting up to timeout for a writer's lock)
// and checks it is ours and whole; see VerifyFile. bbolt reads the file
// through a memory map: a damaged page can fault (SIGBUS, SIGSEGV) rather
// than return an error, so faults are turned into panics for this goroutine
// and recovered.
func inspect(path string, timeout time.Duration) (st actorgraph.Stats, err error) {
	refuse := func(reason string) error { return &FileError{Path: path, Reason: reason} }
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = refuse(fmt.Sprintf("corrupt (%v)", r))
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		return st, fmt.Errorf("memstore: %w", err)
	}
	if info.Size() == 0 {
		return st, refuse("empty (0 bytes)")
	}
	if size, ok := headerSize(path); ok && size > info.Size() {
		return st, refuse(fmt.Sprintf("truncated: %d bytes, its header says %d", info.Size(), size))
	}
	// PreLoadFreelist makes a read-only open read the freelist too, so a
	// damaged freelist is found here and not by the read-write open.
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout, PreLoadFreelist: true})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return st, fmt.Errorf("memstore: %s is %w", path, ErrInUse)
		}
		if !hasBboltMagic(path) {
			return st, refuse("not an actorgraph data file (not a bbolt database: no bbolt magic number)")
		}
		return st, refuse(fmt.Sprintf("not an actorgraph data file or corrupt (%v)", err))
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		if tx.Size() > info.Size() {
			return refuse(fmt.Sprintf("truncated: %d bytes, its header says %d", info.Size(), tx.Size()))
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return refuse("not an actorgraph data file (no format marker)")
		}
		if got := string(meta.Get(keyFormat)); got != FileFormat {
			return refuse(fmt.Sprintf("format %q, want %q", got, FileFormat))
		}
		actors, rels := tx.Bucket(bucketActors), tx.Bucket(bucketRels)
		if actors == nil || rels == nil {
			return refuse("missing buckets")
		}
		var first error
		for cerr := range tx.Check() { // drain: Check's goroutine sends every error
			if first == nil {
				first = cerr
			}
		}
		if first != nil {
			return refuse(fmt.Sprintf("corrupt (%v)", first))
		}
		st = actorgraph.Stats{Actors: actors.Stats().KeyN, Relationships: rels.Stats().KeyN}
		return nil
	})
	return st, err
}

// load reads the whole file into the in-memory indexes.
func (s *Store) load() (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("memstore: %s is corrupt (%v); it was left untouched", s.path, r)
		}
	}()
	s.actors = map[string]*actorgraph.Actor{}
	s.folded = map[string]*actorgraph.Folded{}
	s.rels = map[string]*actorgraph.Relationship{}
	s.out = map[string][]string{}
	s.in = map[string][]string{}
	s.steps = map[string]*adjacency{}
	s.redirects = map[string]string{}
	err = s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketRedirects).ForEach(func(k, v []byte) error {
			s.redirects[string(k)] = string(v)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketActors).ForEach(func(k, v []byte) error {
			var a actorgraph.Actor
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("actor %q: %w", k, err)
			}
			s.actors[a.ID] = &a
			f := actorgraph.FoldActor(&a)
			s.folded[a.ID] = &f
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketRels).ForEach(func(k, v []byte) error {
			var r actorgraph.Relationship
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("relationship %q: %w", k, err)
			}
			s.rels[r.ID] = &r
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("memstore: %s is corrupt: %w; it was left untouched", s.path, err)
	}
	for id := range s.actors {
		s.actorIDs = append(s.actorIDs, id)
	}
	sort.Strings(s.actorIDs)
	for id, r := range s.rels {
		s.relIDs = append(s.relIDs, id)
		if r.From != "" {
			s.out[r.From] = append(s.out[r.From], id)
		}
		if r.To != "" {
			s.in[r.To] = append(s.in[r.To], id)
		}
		s.addSteps(r)
	}
	sort.Strings(s.relIDs)
	for _, m := range []map[string][]string{s.out, s.in} {
		for _, ids := range m {
			sort.Strings(ids)
		}
	}
	return nil
}

// Close closes the data file.
func (s *Store) Close() error { return s.db.Close() }

// Ready reports whether the store can serve; the embedded store always can
// once open.
func (s *Store) Ready(ctx context.Context) error { return ctx.Err() }

// Stats counts actors and relationships.
func (s *Store) Stats(ctx context.Context) (actorgraph.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return actorgraph.Stats{Actors: len(s.actors), Relationships: len(s.rels)}, ctx.Err()
}

// insertSorted adds id to a sorted slice, keeping it sorted and unique.
func insertSorted(ids []string, id string) []string {
	i, found := slices.BinarySearch(ids, id)
	if found {
		return ids
	}
	return slices.Insert(ids, i, id)
}

// removeSorted deletes id from a sorted slice.
func removeSorted(ids []string, id string) []string {
	i, found := slices.BinarySearch(ids, id)
	if !found {
		return ids
	}
	return slices.Delete(ids, i, i+1)
}

// pageAfter returns the index of the first id in sorted ids that comes
// after the cursor id.
func pageAfter(ids []string, after string) int {
	if after == "" {
		return 0
	}
	i, found := slices.BinarySearch(ids, after)
	if found {
		i++
	}
	return i
}
