package dataset

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// exportPageSize is how many records Export reads from the store at once.
const exportPageSize = 1000

// Lister is what Export reads: the two list reads of *actorgraph.Graph.
type Lister interface {
	Actors(ctx context.Context, filter actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error)
	Relationships(ctx context.Context, filter actorgraph.RelationshipFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error)
}

// ChangeLister is what ExportWithChanges reads: Lister and the audit
// trail of *actorgraph.Graph.
type ChangeLister interface {
	Lister
	Changes(ctx context.Context, q actorgraph.ChangeQuery) (actorgraph.Page[actorgraph.Change], error)
}

// ExportWithChanges writes what Export writes and then, after the
// relationships, the store's audit trail as a "changes" array, oldest
// first (the `export` command's document). Importing the document loads
// the data and skips the changes: they are the history of the store that
// was exported, and the import records its own batches; so a document
// exported, imported into an empty store and exported again has the same
// actors and relationships, not the same changes.
func ExportWithChanges(ctx context.Context, store ChangeLister, w io.Writer, description string) error {
	return export(ctx, store, w, description, func(bw *bufio.Writer) error {
		bw.WriteString(",\n")
		changes := func(after string) ([]actorgraph.Change, bool, error) {
			p, err := store.Changes(ctx, actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: exportPageSize, After: after, NoTotal: true}})
			return p.Items, p.HasNextPage, err
		}
		return writeArray(bw, "changes", changes, func(c actorgraph.Change) string { return c.ID })
	})
}

// Export writes everything a store holds as one dataset document, in the
// layout Encode uses: actors by id, then relationships by id. It streams
// page by page, so a store of any size is exported in bounded memory. The
// store keeps no sources, so the document lists none; the evidence keeps
// its source names. Importing the document into an empty store and
// exporting again gives the same bytes.
//
// The pages are separate reads: export a store nobody writes to, or the
// document may mix moments (each record is still whole).
//
// Export leaves the audit trail out (ExportWithChanges writes it), so two
// stores with the same data export the same bytes.
func Export(ctx context.Context, store Lister, w io.Writer, description string) error {
	return export(ctx, store, w, description, nil)
}

func export(ctx context.Context, store Lister, w io.Writer, description string, more func(*bufio.Writer) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	head, err := json.Marshal(description)
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"description\": %s,\n  \"sources\": [],\n", Format, Version, head)
	actors := func(after string) ([]actorgraph.Actor, bool, error) {
		p, err := store.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: exportPageSize, After: after})
		return p.Items, p.HasNextPage, err
	}
	if err := writeArray(bw, "actors", actors, func(a actorgraph.Actor) string { return a.ID }); err != nil {
		return err
	}
	bw.WriteString(",\n")
	rels := func(after string) ([]actorgraph.Relationship, bool, error) {
		p, err := store.Relationships(ctx, actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: exportPageSize, After: after})
		return p.Items, p.HasNextPage, err
	}
	if err := writeArray(bw, "relationships", rels, func(r actorgraph.Relationship) string { return r.ID }); err != nil {
		return err
	}
	if more != nil {
		if err := more(bw); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `"name": [ … ]` from pages fetched after each last id.
func writeArray[T any](w *bufio.Writer, name string, page func(after string) ([]T, bool, error), id func(T) string) error {
	fmt.Fprintf(w, "  %q: [", name)
	after, n := "", 0
	for {
		items, more, err := page(after)
		if err != nil {
			return fmt.Errorf("export %s after %q: %w", name, after, err)
		}
		for _, item := range items {
			b, err := marshalRecord(item)
			if err != nil {
				return err
			}
			if n > 0 {
				w.WriteString(",")
			}
			w.WriteString("\n    ")
			w.Write(b)
			n++
			after = id(item)
		}
		if !more || len(items) == 0 {
			break
		}
	}
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
	return nil
}

// marshalRecord indents a record to sit inside the document, without
// HTML escaping (quotes keep their characters).
func marshalRecord(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil // without Encode's newline
}
