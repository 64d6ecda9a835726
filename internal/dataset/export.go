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

// Export writes everything a store holds as one dataset document, in the
// layout Encode uses: actors by id, then relationships by id. It streams
// page by page, so a store of any size is exported in bounded memory. The
// store keeps no sources, so the document lists none; the evidence keeps
// its source names. Importing the document into an empty store and
// exporting again gives the same bytes.
//
// The pages are separate reads: export a store nobody writes to, or the
// document may mix moments (each record is still whole).
func Export(ctx context.Context, store Lister, w io.Writer, description string) error {
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
