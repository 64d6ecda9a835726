package export

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// safeCell defuses a cell a spreadsheet would read as a formula (CSV
// injection): one starting with =, +, -, @, a tab or a carriage return
// gets a leading apostrophe, which spreadsheets hide and read as "text".
// A negative number such as a Goldstein score of -2 becomes '-2 too: the
// value is still plain in the GraphML, GEXF and JSON exports.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func safeRow(row []string) []string {
	for i, c := range row {
		row[i] = safeCell(c)
	}
	return row
}

// writeCSVNodes writes one row per actor (RFC 4180: encoding/csv, CRLF
// line ends): id, label and the node attributes.
func writeCSVNodes(out io.Writer, src Source) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	head := []string{"id", "label"}
	for _, a := range nodeAttrs {
		head = append(head, a.name)
	}
	if err := w.Write(head); err != nil {
		return err
	}
	err := src.Actors(func(a actorgraph.Actor) error {
		row := []string{a.ID, label(&a)}
		for _, at := range nodeAttrs {
			v, _ := at.value(&a)
			row = append(row, v)
		}
		return w.Write(safeRow(row))
	})
	if err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeCSVEdges writes one row per relationship: id, source, target and
// the edge attributes. A one-actor event has an empty source or target.
func writeCSVEdges(out io.Writer, src Source) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	head := []string{"id", "source", "target"}
	for _, a := range edgeAttrs {
		head = append(head, a.name)
	}
	if err := w.Write(head); err != nil {
		return err
	}
	err := src.Relationships(func(r actorgraph.Relationship) error {
		row := []string{r.ID, r.From, r.To}
		for _, at := range edgeAttrs {
			v, _ := at.value(&r)
			row = append(row, v)
		}
		return w.Write(safeRow(row))
	})
	if err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
