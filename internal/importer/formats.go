package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/icews"
	"github.com/actorgraph/actorgraph/internal/textfile"
)

// format is what a file holds.
type format int

const (
	formatGDELT   format = iota // GDELT event rows (the default)
	formatICEWS                 // an ICEWS event file: its header line says so
	formatDataset               // the dataset format (JSON: it starts with '{')
)

// detect tells a file's format by its content, not its name: a JSON
// document is a dataset; a file (or the first data member of a zip, or a
// gzip stream) whose first line is the ICEWS header is ICEWS; anything
// else is read as GDELT, whose reader reports what is wrong with it.
func detect(name string) format {
	if isJSON(name) {
		return formatDataset
	}
	parts, f, err := textfile.Open(name, icews.IsData)
	if err != nil {
		return formatGDELT
	}
	lines := textfile.NewLines(parts, f, 1<<20)
	defer lines.Close()
	for {
		line, tooLong, ok := lines.Next()
		switch {
		case !ok || tooLong:
			return formatGDELT
		case len(bytes.TrimSpace(line)) == 0:
			continue // ICEWS allows blank lines before the header
		case icews.IsHeader(line):
			return formatICEWS
		}
		return formatGDELT
	}
}

// isJSON reports whether a file's first non-space byte is '{' (datasets
// are never compressed).
func isJSON(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
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

// importICEWS streams an ICEWS file: each row's source and target are
// resolved to actors like GDELT's.
func importICEWS(ctx context.Context, w *writer, path string) error {
	r, err := icews.Open(path, icews.Options{MaxLineBytes: w.opts.MaxLineBytes})
	if err != nil {
		return err
	}
	defer r.Close()
	var rec icews.Record
	err = importEvents(ctx, w, eventFile{
		scan: r.Scan,
		next: func() (actorgraph.Relationship, error) {
			if rec = r.Record(); rec.Err != nil {
				return actorgraph.Relationship{}, rec.Err
			}
			rel, err := icews.Map(rec.Event)
			var lerr *icews.LineError
			if errors.As(err, &lerr) {
				lerr.Source, lerr.Line = rec.Source, rec.Line
			}
			return rel, err
		},
		at: func(reason string, err error) error {
			return &icews.LineError{Source: rec.Source, Line: rec.Line, Reason: reason, Err: err}
		},
		blank:   func() int { return r.Stats().Blank },
		noActor: icews.ErrNoActor,
	})
	if err == nil {
		err = r.Err()
	}
	return err
}
