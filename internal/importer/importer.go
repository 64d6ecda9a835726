// Package importer loads files into a store: GDELT event exports (plain,
// zip or gzip; 57, 58 or 61 fields, told per line) and the project's own
// dataset format (what `export` writes). It streams: one line or record in
// memory at a time plus the batch being written, so memory stays flat in
// the size of the input. Batches are written with Store.Upsert, which
// replaces records by id, so importing a file twice changes nothing
// (GDELT's GLOBALEVENTID is the relationship id).
package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/gdelt"
)

// Defaults for Options.
const (
	DefaultBatchSize  = 5000
	DefaultActorCache = 200_000
)

// Options tune an import. The zero value is usable.
type Options struct {
	// BatchSize is how many relationships one Upsert writes (with their
	// actors). 0 means DefaultBatchSize.
	BatchSize int
	// Strict makes any rejected line or record abort the import before
	// anything is written: the input is read twice, first to check it.
	Strict bool
	// MaxLineBytes bounds a GDELT line (0: gdelt.DefaultMaxLineBytes).
	MaxLineBytes int
	// ActorCache is how many actors the import remembers as written, so
	// a GDELT actor named in thousands of events is written once rather
	// than with every batch. 0 means DefaultActorCache; it bounds memory.
	ActorCache int
	// Reject, if set, is told about every rejected line or record.
	Reject func(err error)
	// Progress, if set, is called after every batch and at the end.
	Progress func(Summary)
}

// Summary counts what an import did. Read = Imported + Skipped + Rejected.
type Summary struct {
	Files int
	// Read counts the lines (GDELT) or records (dataset) read.
	Read int
	// Imported counts those written to the store.
	Imported int
	// Skipped counts blank lines and events with no actor at all.
	Skipped int
	// Rejected counts malformed lines and invalid records.
	Rejected int
	// Actors and Relationships count the records written (an actor may be
	// written more than once when it changes or leaves the cache).
	Actors, Relationships int
	Elapsed               time.Duration
}

// Rate is the imported rows per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Read) / s.Elapsed.Seconds()
}

// ErrRejected is returned by a strict import that found bad input; it
// wraps actorgraph.ErrInvalid.
var ErrRejected = fmt.Errorf("%w: the input has rejected lines (strict import: nothing was written)", actorgraph.ErrInvalid)

// Import reads every file and writes it to the store. On a store error it
// stops and returns what was imported so far with the error; since batches
// are idempotent, running the same import again completes it.
func Import(ctx context.Context, store actorgraph.Store, paths []string, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	start := time.Now()
	if opts.Strict {
		check := opts
		check.Progress = nil
		sum, err := run(ctx, nil, paths, check)
		if err != nil {
			return sum, err
		}
		if sum.Rejected > 0 {
			sum.Imported, sum.Actors, sum.Relationships = 0, 0, 0 // checked, not written
			sum.Elapsed = time.Since(start)
			return sum, fmt.Errorf("%w: %d of %d", ErrRejected, sum.Rejected, sum.Read)
		}
		opts.Reject = nil
	}
	sum, err := run(ctx, store, paths, opts)
	sum.Elapsed = time.Since(start)
	if opts.Progress != nil {
		opts.Progress(sum)
	}
	return sum, err
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.ActorCache <= 0 {
		o.ActorCache = DefaultActorCache
	}
	return o
}

// run makes one pass over the input; a nil store only checks it. Reading
// and writing overlap: this goroutine parses the next batch while another
// writes the last one (at most two batches wait, so memory stays bounded).
func run(ctx context.Context, store actorgraph.Store, paths []string, opts Options) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &writer{store: store, opts: opts, start: time.Now(), written: map[string]actorgraph.Actor{}}
	w.batches = make(chan batch, 1)
	landed := make(chan error, 1)
	go func() { landed <- w.writeAll(ctx) }()
	err := w.readAll(ctx, paths)
	if err == nil {
		err = w.flush(ctx)
	}
	close(w.batches)
	if werr := <-landed; werr != nil {
		err = werr // the write error is the cause; reading stopped because of it
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sum.Imported, w.sum.Actors, w.sum.Relationships = w.landed.Imported, w.landed.Actors, w.landed.Relationships
	return w.sum, err
}

func (w *writer) readAll(ctx context.Context, paths []string) error {
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.sum.Files++
		var err error
		if isDataset(path) {
			err = importDataset(ctx, w, path)
		} else {
			err = importGDELT(ctx, w, path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeAll writes batches as they come, until the channel closes; after a
// failed write it only drains.
func (w *writer) writeAll(ctx context.Context) error {
	var failed error
	for b := range w.batches {
		if failed != nil {
			continue
		}
		if w.store != nil {
			if err := w.store.Upsert(ctx, b.actors, b.rels); err != nil {
				w.mu.Lock()
				done := w.landed.Imported
				w.mu.Unlock()
				failed = fmt.Errorf("writing a batch of %d actors and %d relationships (after %d rows imported): %w",
					len(b.actors), len(b.rels), done, err)
				w.cancelRead(failed)
				continue
			}
		}
		w.mu.Lock()
		w.landed.Imported += b.rows
		w.landed.Actors += len(b.actors)
		w.landed.Relationships += len(b.rels)
		progress := b.counts // what was read when the batch was cut
		progress.Imported, progress.Actors, progress.Relationships = w.landed.Imported, w.landed.Actors, w.landed.Relationships
		w.mu.Unlock()
		if w.opts.Progress != nil {
			progress.Elapsed = time.Since(w.start)
			w.opts.Progress(progress)
		}
	}
	return failed
}

// isDataset reports whether a file is in the dataset format (JSON: its
// first non-space byte is '{'); anything else is read as GDELT.
func isDataset(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // the GDELT reader reports the error
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		b, err := r.ReadByte()
		if err != nil {
			return false
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return b == '{'
	}
}

func importGDELT(ctx context.Context, w *writer, path string) error {
	r, err := gdelt.Open(path, gdelt.Options{MaxLineBytes: w.opts.MaxLineBytes})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer r.Close()
	for r.Scan() {
		rec := r.Record()
		w.sum.Read++
		if rec.Err != nil {
			w.reject(rec.Err)
			continue
		}
		m, err := gdelt.Map(rec.Event)
		var lerr *gdelt.LineError
		if errors.As(err, &lerr) {
			lerr.Source, lerr.Line = rec.Source, rec.Line
		}
		switch {
		case errors.Is(err, gdelt.ErrNoActor):
			w.sum.Skipped++
			continue
		case err != nil:
			w.reject(err)
			continue
		}
		if err := w.add(ctx, m.Actors, &m.Relationship); err != nil {
			return err
		}
	}
	st := r.Stats()
	w.sum.Read += st.Blank
	w.sum.Skipped += st.Blank
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writer batches records and writes them; with a nil store it only counts.
// The reading goroutine owns sum (but for the landed counts), the batch
// being filled and the actor cache; writeAll owns the store.
type writer struct {
	store  actorgraph.Store
	opts   Options
	start  time.Time
	sum    Summary
	actors []actorgraph.Actor
	rels   []actorgraph.Relationship
	// pending counts the read rows in the batch, imported when it lands.
	pending int
	// written remembers actors already written (bounded by ActorCache).
	written map[string]actorgraph.Actor
	inBatch map[string]int

	batches chan batch
	mu      sync.Mutex
	landed  Summary // Imported, Actors and Relationships written so far
	stopped error   // set by the writer when a write failed
}

// batch is one Upsert's worth, with the read counts when it was cut (a
// copy: the reading goroutine goes on changing its own).
type batch struct {
	actors []actorgraph.Actor
	rels   []actorgraph.Relationship
	rows   int
	counts Summary
}

func (w *writer) cancelRead(err error) {
	w.mu.Lock()
	w.stopped = err
	w.mu.Unlock()
}

func (w *writer) writeFailed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stopped
}

func (w *writer) reject(err error) {
	w.sum.Rejected++
	if w.opts.Reject != nil {
		w.opts.Reject(err)
	}
}

// add queues one row's records, writing the batch when it is full.
func (w *writer) add(ctx context.Context, actors []actorgraph.Actor, rel *actorgraph.Relationship) error {
	for _, a := range actors {
		w.addActor(a)
	}
	if rel != nil {
		w.rels = append(w.rels, *rel)
	}
	w.pending++
	if len(w.rels) >= w.opts.BatchSize || len(w.actors) >= w.opts.BatchSize {
		return w.flush(ctx)
	}
	return nil
}

func (w *writer) addActor(a actorgraph.Actor) {
	if prev, ok := w.written[a.ID]; ok && sameActor(&prev, &a) {
		return
	}
	if w.inBatch == nil {
		w.inBatch = map[string]int{}
	}
	if i, ok := w.inBatch[a.ID]; ok {
		w.actors[i] = a // the last version wins, as in Upsert
		return
	}
	w.inBatch[a.ID] = len(w.actors)
	w.actors = append(w.actors, a)
}

// flush hands the batch to the writing goroutine (one Upsert, one
// transaction).
func (w *writer) flush(ctx context.Context) error {
	if err := w.writeFailed(); err != nil {
		return err
	}
	if w.pending == 0 && len(w.actors) == 0 {
		return nil
	}
	if len(w.written)+len(w.actors) > w.opts.ActorCache {
		clear(w.written) // bounded memory: forget, and write again if seen again
	}
	for _, a := range w.actors {
		w.written[a.ID] = a
	}
	b := batch{actors: w.actors, rels: w.rels, rows: w.pending, counts: w.sum}
	select {
	case w.batches <- b:
	case <-ctx.Done():
		return ctx.Err()
	}
	// New slices: the writer owns the old ones now.
	w.actors = make([]actorgraph.Actor, 0, len(b.actors))
	w.rels = make([]actorgraph.Relationship, 0, len(b.rels))
	w.pending = 0
	clear(w.inBatch)
	return nil
}

func sameActor(a, b *actorgraph.Actor) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Name == b.Name && a.Title == b.Title &&
		a.Country == b.Country && a.CAMEOCode == b.CAMEOCode && a.WikidataID == b.WikidataID &&
		a.Description == b.Description && slices.Equal(a.Aliases, b.Aliases)
}
