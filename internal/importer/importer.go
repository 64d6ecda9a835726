// Package importer loads files into a store: GDELT event exports (plain,
// zip or gzip; 57, 58 or 61 fields, told per line), ICEWS event files
// (told by their header) and the project's own dataset format (what
// `export` writes). Every party an event names is joined to its actor by
// the resolver (internal/resolve), so all sources share one graph. It
// streams: one line or record in memory at a time plus the batch being
// written, so memory stays flat in the size of the input (the resolver
// keeps the actors, which are few next to the events). Batches are
// written with Upsert, which replaces records by id, so importing a
// file twice changes nothing (GDELT's GLOBALEVENTID and ICEWS's Event ID
// are the relationship ids).
package importer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/resolve"
)

// DefaultBatchSize is Options.BatchSize's default.
const DefaultBatchSize = 5000

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
	// Merged counts the actors a curated record absorbed (see
	// resolve.Resolver.Curate).
	Merged int
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

// Store is what an import reads and writes: *actorgraph.Graph has it.
type Store interface {
	resolve.Store
	Redirects(ctx context.Context, ids []string) (map[string]string, error)
}

// Import reads every file and writes it to the store. On a store error it
// stops and returns what was imported so far with the error; since batches
// are idempotent, running the same import again completes it.
func Import(ctx context.Context, store Store, paths []string, opts Options) (Summary, error) {
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
	return o
}

// run makes one pass over the input; a nil store only checks it. Reading
// and writing overlap: this goroutine parses the next batch while another
// writes the last one (at most two batches wait, so memory stays bounded).
func run(ctx context.Context, store Store, paths []string, opts Options) (Summary, error) {
	return runWith(ctx, store, opts, func(w *writer) error { return w.readAll(ctx, paths) })
}

// runWith runs one pass whose reading is read: it feeds the writer, which
// resolves, batches and writes on another goroutine.
func runWith(ctx context.Context, store Store, opts Options, read func(w *writer) error) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tables, err := resolve.LoadTables()
	if err != nil {
		return Summary{}, err
	}
	w := &writer{store: store, opts: opts, start: time.Now(), res: resolve.New(tables)}
	if store != nil {
		if err := w.res.Load(ctx, store); err != nil {
			return Summary{}, err
		}
	}
	w.batches = make(chan batch, 1)
	landed := make(chan error, 1)
	go func() { landed <- w.writeAll(ctx) }()
	err = read(w)
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
		switch detect(path) {
		case formatDataset:
			err = importDataset(ctx, w, path)
		case formatICEWS:
			err = importICEWS(ctx, w, path)
		default:
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
		if b.landed != nil { // a barrier: everything before it has been written
			b.landed <- failed
			continue
		}
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

func importGDELT(ctx context.Context, w *writer, path string) error {
	r, err := gdelt.Open(path, gdelt.Options{MaxLineBytes: w.opts.MaxLineBytes})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer r.Close()
	var rec gdelt.Record
	err = importEvents(ctx, w, eventFile{
		scan: r.Scan,
		next: func() (actorgraph.Relationship, error) {
			if rec = r.Record(); rec.Err != nil {
				return actorgraph.Relationship{}, rec.Err
			}
			rel, err := gdelt.Map(rec.Event)
			var lerr *gdelt.LineError
			if errors.As(err, &lerr) {
				lerr.Source, lerr.Line = rec.Source, rec.Line
			}
			return rel, err
		},
		at: func(reason string, err error) error {
			return &gdelt.LineError{Source: rec.Source, Line: rec.Line, Reason: reason, Err: err}
		},
		blank:   func() int { return r.Stats().Blank },
		noActor: gdelt.ErrNoActor,
	})
	if err == nil {
		if err = r.Err(); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	return err
}

// eventFile is an event reader (GDELT, ICEWS) as importEvents reads it.
type eventFile struct {
	scan func() bool
	// next maps the record scan stopped at: its relationship with
	// mentions, or why it was not read or mapped (with its place).
	next func() (actorgraph.Relationship, error)
	// at makes an error about the current record.
	at func(reason string, err error) error
	// blank counts the blank lines the reader skipped.
	blank func() int
	// noActor is the reader's error for an event that names no party.
	noActor error
}

// importEvents resolves and queues every event of a file: an event
// naming no party is skipped, a bad one rejected with its place.
func importEvents(ctx context.Context, w *writer, f eventFile) error {
	for f.scan() {
		w.sum.Read++
		rel, err := f.next()
		switch {
		case errors.Is(err, f.noActor):
			w.sum.Skipped++
			continue
		case err != nil:
			w.reject(err)
			continue
		}
		if err := w.addEvent(ctx, &rel, func(err error) error {
			return f.at("resolved relationship is invalid: "+err.Error(), err)
		}); err != nil {
			return err
		}
	}
	w.sum.Read += f.blank()
	w.sum.Skipped += f.blank()
	return nil
}

// writer batches records and writes them; with a nil store it only counts.
// The reading goroutine owns sum (but for the landed counts), the batch
// being filled and the resolver; writeAll owns the store.
type writer struct {
	store  Store
	opts   Options
	start  time.Time
	sum    Summary
	res    *resolve.Resolver
	actors []actorgraph.Actor
	rels   []actorgraph.Relationship
	// pending counts the read rows in the batch, imported when it lands.
	pending int
	inBatch map[string]int

	batches chan batch
	mu      sync.Mutex
	landed  Summary // Imported, Actors and Relationships written so far
	stopped error   // set by the writer when a write failed
}

// batch is one Upsert's worth, with the read counts when it was cut (a
// copy: the reading goroutine goes on changing its own). A batch with
// landed set is a barrier: the writer answers on it, with its error, once
// every batch before it is written.
type batch struct {
	actors []actorgraph.Actor
	rels   []actorgraph.Relationship
	rows   int
	counts Summary
	landed chan error
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

// addEvent resolves a coded event's mentions to actors and queues it; a
// relationship that fails validation once resolved is rejected (invalid
// wraps the error with the line it came from).
func (w *writer) addEvent(ctx context.Context, rel *actorgraph.Relationship, invalid func(error) error) error {
	w.res.Ends(rel)
	if err := rel.Validate(); err != nil {
		w.reject(invalid(err))
		return nil
	}
	return w.add(ctx, nil, rel)
}

// sync waits until every queued batch is written, and returns the write
// error if one failed.
func (w *writer) sync(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	landed := make(chan error, 1)
	select {
	case w.batches <- batch{landed: landed}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-landed:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *writer) addActor(a actorgraph.Actor) {
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
	// The actors the resolver made or changed go with the relationships
	// that use them.
	for _, a := range w.res.Take() {
		w.addActor(a)
	}
	if w.pending == 0 && len(w.actors) == 0 {
		return nil
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
