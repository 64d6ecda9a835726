package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"

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
	return writeCSV(out, []string{"id", "label"}, nodeAttrs, src.Actors,
		func(a *actorgraph.Actor) []string { return []string{a.ID, label(a)} })
}

// writeCSVEdges writes one row per relationship: id, source, target and
// the edge attributes. A one-actor event has an empty source or target.
func writeCSVEdges(out io.Writer, src Source) error {
	return writeCSV(out, []string{"id", "source", "target"}, edgeAttrs, src.Relationships,
		func(r *actorgraph.Relationship) []string { return []string{r.ID, r.From, r.To} })
}

// writeCSV writes a header (the leading columns, then the attributes'
// names) and one row per record each gives: its leading cells, then its
// attributes, every cell defused (safeCell).
func writeCSV[T any](out io.Writer, leading []string, attrs []attr[T], each func(func(T) error) error, lead func(*T) []string) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	head := slices.Clone(leading)
	for _, a := range attrs {
		head = append(head, a.name)
	}
	if err := w.Write(head); err != nil {
		return err
	}
	err := each(func(rec T) error {
		row := lead(&rec)
		for _, at := range attrs {
			v, _ := at.value(&rec)
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
