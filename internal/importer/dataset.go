package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
)

// importDataset streams a dataset file: the format marker first, then the
// actors and the relationships one record at a time (the order `export`
// writes, and the order relationships need: their actors must exist). A
// record that fails validation is rejected with its place in the file;
// anything else wrong with the document stops the import of that file.
func importDataset(ctx context.Context, w *writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := &datasetReader{dec: json.NewDecoder(f), path: path}
	d.dec.DisallowUnknownFields()
	if err := d.expectDelim('{'); err != nil {
		return err
	}
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		if err := d.field(ctx, w, key); err != nil {
			return err
		}
	}
	if err := d.expectDelim('}'); err != nil {
		return err
	}
	if !d.formatOK {
		return d.errorf("no %q format marker", dataset.Format)
	}
	return nil
}

type datasetReader struct {
	dec      *json.Decoder
	path     string
	format   string
	version  int
	formatOK bool
}

func (d *datasetReader) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s (byte %d): %s", actorgraph.ErrInvalid, d.path, d.dec.InputOffset(), fmt.Sprintf(format, args...))
}

func (d *datasetReader) expectDelim(want json.Delim) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.errorf("%v", err)
	}
	if tok != want {
		return d.errorf("found %v, want %q", tok, want)
	}
	return nil
}

func (d *datasetReader) key() (string, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return "", d.errorf("%v", err)
	}
	key, _ := tok.(string)
	return key, nil
}

func (d *datasetReader) field(ctx context.Context, w *writer, key string) error {
	switch key {
	case "format":
		return d.decode(&d.format)
	case "version":
		if err := d.decode(&d.version); err != nil {
			return err
		}
		if d.format != dataset.Format || d.version != dataset.Version {
			return d.errorf("format %q version %d, want %q version %d", d.format, d.version, dataset.Format, dataset.Version)
		}
		d.formatOK = true
		return nil
	case "description":
		var s string
		return d.decode(&s)
	case "sources":
		var sources []dataset.Source
		return d.decode(&sources) // kept in the file only: the store has no sources
	case "changes":
		// The exported store's audit trail (dataset.ExportWithChanges):
		// checked and skipped; the import records its own batches.
		var changes []actorgraph.Change
		return d.decode(&changes)
	case "actors", "relationships":
		if !d.formatOK {
			return d.errorf("%q comes before the format marker (format, then version)", key)
		}
		return d.records(ctx, w, key)
	}
	return d.errorf("unknown field %q", key)
}

func (d *datasetReader) decode(v any) error {
	if err := d.dec.Decode(v); err != nil {
		return d.errorf("%v", err)
	}
	return nil
}

// records reads one array of actors or relationships.
func (d *datasetReader) records(ctx context.Context, w *writer, key string) error {
	if err := d.expectDelim('['); err != nil {
		return err
	}
	for i := 0; d.dec.More(); i++ {
		w.sum.Read++
		if err := d.record(ctx, w, key, i); err != nil {
			return err
		}
	}
	return d.expectDelim(']')
}

func (d *datasetReader) record(ctx context.Context, w *writer, key string, i int) error {
	offset := d.dec.InputOffset()
	reject := func(err error) {
		w.reject(fmt.Errorf("%s: %s[%d] (byte %d): %w", d.path, key, i, offset, err))
	}
	if key == "actors" {
		var a actorgraph.Actor
		if err := d.dec.Decode(&a); err != nil {
			return d.recordError(err, key, i)
		}
		if err := a.Validate(); err != nil {
			reject(err)
			return nil
		}
		return w.curate(ctx, a)
	}
	var r actorgraph.Relationship
	if err := d.dec.Decode(&r); err != nil {
		return d.recordError(err, key, i)
	}
	if err := r.Validate(); err != nil {
		reject(err)
		return nil
	}
	return w.relationship(ctx, r)
}

// relationship queues a valid dataset relationship (r is a copy: only
// its ends change); ends merged into other actors (rule 1) go to the
// survivors.
func (w *writer) relationship(ctx context.Context, r actorgraph.Relationship) error {
	var err error
	if r.From, err = w.endID(ctx, r.From); err != nil {
		return err
	}
	if r.To, err = w.endID(ctx, r.To); err != nil {
		return err
	}
	if r.From != "" && r.From == r.To {
		r.To = ""
	}
	return w.add(ctx, nil, &r)
}

// ImportDataset writes an in-memory dataset (the embedded article, say)
// as an import of its file would: curated actors absorb the actors that
// earlier imports made for the same party, relationships to merged ids go
// to the survivors, and writing it again changes nothing.
func ImportDataset(ctx context.Context, store Store, ds *dataset.Dataset, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	start := time.Now()
	sum, err := runWith(ctx, store, opts, func(w *writer) error {
		for _, a := range ds.Actors {
			w.sum.Read++
			if err := a.Validate(); err != nil {
				w.reject(fmt.Errorf("actor %q: %w", a.ID, err))
				continue
			}
			if err := w.curate(ctx, a); err != nil {
				return err
			}
		}
		for _, r := range ds.Relationships {
			w.sum.Read++
			if err := r.Validate(); err != nil {
				w.reject(fmt.Errorf("relationship %q: %w", r.ID, err))
				continue
			}
			if err := w.relationship(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	sum.Elapsed = time.Since(start)
	if err == nil && sum.Rejected > 0 {
		err = fmt.Errorf("%w: %d of %d records", ErrRejected, sum.Rejected, sum.Read)
	}
	return sum, err
}

// curate writes a dataset's actor: a curated record absorbs the actors
// the resolver made for the same party (they are merged into it once it
// is written), so loading the curated data after event files gives the
// graph loading it first would have.
func (w *writer) curate(ctx context.Context, a actorgraph.Actor) error {
	if to, err := w.endID(ctx, a.ID); err != nil {
		return err
	} else if to != a.ID {
		return nil // merged into another actor: its relationships go there
	}
	rec, absorb := w.res.Curate(a)
	if err := w.add(ctx, []actorgraph.Actor{rec}, nil); err != nil {
		return err
	}
	if len(absorb) == 0 || w.store == nil {
		return nil
	}
	if err := w.sync(ctx); err != nil {
		return err
	}
	res, err := w.store.MergeActors(ctx, rec.ID, absorb)
	if err != nil {
		return fmt.Errorf("merging %v into the curated actor %q: %w", absorb, rec.ID, err)
	}
	w.res.Merged(res.Actor, absorb)
	w.sum.Merged += len(res.Merged)
	return nil
}

// endID is the id an actor id now lives under: itself, or the actor it
// was merged into.
func (w *writer) endID(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	if w.res.Has(id) {
		return id, nil
	}
	if to := w.res.Redirect(id); to != id {
		return to, nil
	}
	if w.store == nil {
		return id, nil
	}
	red, err := w.store.Redirects(ctx, []string{id})
	if err != nil {
		return "", err
	}
	if to, ok := red[id]; ok {
		w.res.LoadRedirects(red)
		return to, nil
	}
	return id, nil
}

// recordError reports a record that is not even well-formed JSON of the
// right shape: the rest of the document cannot be trusted, so it stops.
func (d *datasetReader) recordError(err error, key string, i int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return d.errorf("%s[%d]: the file ends inside the record", key, i)
	}
	return d.errorf("%s[%d]: %v", key, i, err)
}
