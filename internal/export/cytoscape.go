package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// writeCytoscape writes Cytoscape.js elements JSON:
// {"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}},
// which cy.json() and cy.add() take as they are. Each element's data has
// id (and source and target for an edge), label and the attributes;
// goldstein and evidenceCount are numbers.
func writeCytoscape(out io.Writer, src Source) error {
	w := bufio.NewWriterSize(out, 1<<16)
	w.WriteString(`{"elements": {"nodes": [`)
	n := 0
	sep := func() {
		if n > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n  ")
		n++
	}
	err := src.Actors(func(a actorgraph.Actor) error {
		data := map[string]any{"id": a.ID, "label": label(&a)}
		for _, at := range nodeAttrs {
			if v, ok := at.value(&a); ok {
				data[at.name] = v
			}
		}
		sep()
		return element(w, data)
	})
	if err != nil {
		return err
	}
	w.WriteString("\n], \"edges\": [")
	n = 0
	err = src.Relationships(func(r actorgraph.Relationship) error {
		if r.OneActor() {
			return nil
		}
		data := map[string]any{"id": r.ID, "source": r.From, "target": r.To, "label": string(r.Type)}
		for _, at := range edgeAttrs {
			if v, ok := at.value(&r); ok {
				data[at.name] = v
				if at.xmlType != "string" {
					data[at.name] = json.Number(v)
				}
			}
		}
		sep()
		return element(w, data)
	})
	if err != nil {
		return err
	}
	w.WriteString("\n]}}\n")
	return w.Flush()
}

// element writes {"data": data} without HTML escaping.
func element(w io.Writer, data map[string]any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"data": data}); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}
