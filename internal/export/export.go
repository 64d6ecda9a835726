// Package export writes actors and relationships in the formats graph
// tools read: GraphML and GEXF 1.3 (Gephi, yEd, networkx), CSV node and
// edge lists (spreadsheets) and Cytoscape.js JSON. Every writer streams:
// it writes each record as it gets it, so the only memory an export holds
// is what its Source holds.
//
// The HTTP route (/export, in internal/server) feeds a Source from the
// actors and relationships of a GraphQL answer; the `export` command
// (internal/cli) feeds one from the whole store, page by page.
package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Format is an export format.
type Format string

// The formats.
const (
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	CSVEdges  Format = "csv-edges"
	CSVNodes  Format = "csv-nodes"
	Cytoscape Format = "cytoscape"
)

// Formats lists the formats, in the order the docs give them.
var Formats = []Format{GraphML, GEXF, CSVEdges, CSVNodes, Cytoscape}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown export format %q: want one of %s", s, FormatNames())
}

// FormatNames returns the formats' names joined by "|".
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, "|")
}

// Ext returns the file name extension of the format.
func (f Format) Ext() string {
	switch f {
	case GraphML:
		return "graphml"
	case GEXF:
		return "gexf"
	case CSVEdges, CSVNodes:
		return "csv"
	}
	return "json"
}

// ContentType returns the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case GEXF:
		return "application/gexf+xml; charset=utf-8"
	case CSVEdges, CSVNodes:
		return "text/csv; charset=utf-8; header=present"
	}
	return "application/json"
}

// FileName is the name an export of the format is offered under.
func (f Format) FileName() string {
	return "actorgraph-" + string(f) + "." + f.Ext()
}

// Source gives the records of one export. Each function calls yield once
// per record and stops at the first error yield returns. Actors are asked
// for before relationships; a format that needs only one of the two asks
// only for it. A relationship whose end is unknown (a one-actor event) is
// left out of the graph formats, which need both ends, and kept in the
// CSV edge list with an empty cell.
type Source struct {
	Actors        func(yield func(actorgraph.Actor) error) error
	Relationships func(yield func(actorgraph.Relationship) error) error
}

// Write writes src to w in format f.
func Write(w io.Writer, f Format, src Source) error {
	switch f {
	case GraphML:
		return writeGraphML(w, src)
	case GEXF:
		return writeGEXF(w, src)
	case CSVEdges:
		return writeCSVEdges(w, src)
	case CSVNodes:
		return writeCSVNodes(w, src)
	case Cytoscape:
		return writeCytoscape(w, src)
	}
	return fmt.Errorf("unknown export format %q", f)
}

// SliceSource is a Source over records in memory.
func SliceSource(actors []actorgraph.Actor, rels []actorgraph.Relationship) Source {
	return Source{
		Actors: func(yield func(actorgraph.Actor) error) error {
			for _, a := range actors {
				if err := yield(a); err != nil {
					return err
				}
			}
			return nil
		},
		Relationships: func(yield func(actorgraph.Relationship) error) error {
			for _, r := range rels {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// attr is one attribute of a node or an edge: its name, its type in the
// XML formats, and its value for a record ("" and ok false when the
// record has none).
type attr[T any] struct {
	name, xmlType string
	value         func(*T) (string, bool)
}

func str[T any](name string, get func(*T) string) attr[T] {
	return attr[T]{name, "string", func(x *T) (string, bool) { v := get(x); return v, v != "" }}
}

// nodeAttrs are the attributes every format writes for an actor.
var nodeAttrs = []attr[actorgraph.Actor]{
	str("name", func(a *actorgraph.Actor) string { return a.Name }),
	str("kind", func(a *actorgraph.Actor) string { return string(a.Kind) }),
	str("title", func(a *actorgraph.Actor) string { return a.Title }),
	str("country", func(a *actorgraph.Actor) string { return a.Country }),
	str("cameoCode", func(a *actorgraph.Actor) string { return a.CAMEOCode }),
	str("wikidataId", func(a *actorgraph.Actor) string { return a.WikidataID }),
	str("aliases", func(a *actorgraph.Actor) string { return strings.Join(a.Aliases, "; ") }),
	str("description", func(a *actorgraph.Actor) string { return a.Description }),
}

// edgeAttrs are the attributes every format writes for a relationship.
var edgeAttrs = []attr[actorgraph.Relationship]{
	str("type", func(r *actorgraph.Relationship) string { return string(r.Type) }),
	str("date", func(r *actorgraph.Relationship) string {
		if r.Date == nil {
			return ""
		}
		return r.Date.String()
	}),
	str("cameoCode", func(r *actorgraph.Relationship) string { return r.CAMEOCode }),
	{"goldstein", "double", func(r *actorgraph.Relationship) (string, bool) {
		if r.Goldstein == nil {
			return "", false
		}
		return strconv.FormatFloat(*r.Goldstein, 'g', -1, 64), true
	}},
	str("modality", func(r *actorgraph.Relationship) string { return string(r.Modality) }),
	str("eventId", func(r *actorgraph.Relationship) string { return r.EventID }),
	str("summary", func(r *actorgraph.Relationship) string { return r.Summary }),
	str("quote", func(r *actorgraph.Relationship) string {
		if len(r.Evidence) == 0 {
			return ""
		}
		return r.Evidence[0].Quote
	}),
	str("quoteSource", func(r *actorgraph.Relationship) string {
		if len(r.Evidence) == 0 {
			return ""
		}
		return r.Evidence[0].Source
	}),
	{"evidenceCount", "int", func(r *actorgraph.Relationship) (string, bool) {
		return strconv.Itoa(len(r.Evidence)), true
	}},
}

// dateOf is a relationship's date, "" when it has none.
func dateOf(r *actorgraph.Relationship) string {
	if r.Date == nil {
		return ""
	}
	return r.Date.String()
}

// label is what a drawing shows for an actor.
func label(a *actorgraph.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}
