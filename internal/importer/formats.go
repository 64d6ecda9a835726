package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/internal/icews"
)

// format is what a file holds.
type format int

const (
	formatGDELT   format = iota // GDELT event rows (the default)
	formatICEWS                 // an ICEWS event file: its header line says so
	formatDataset               // the dataset format (JSON: it starts with '{')
)

// detect tells a file's format by its content, not its name: a JSON
// document is a dataset; a file (or the first member of a zip, or a gzip
// stream) whose first line is the ICEWS header is ICEWS; anything else is
// read as GDELT, whose reader reports what is wrong with it.
func detect(name string) format {
	f, err := os.Open(name)
	if err != nil {
		return formatGDELT // the GDELT reader reports the error
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(4)
	var r io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		gz, err := gzip.NewReader(br)
		if err != nil {
			return formatGDELT
		}
		defer gz.Close()
		r = gz
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		info, err := f.Stat()
		if err != nil {
			return formatGDELT
		}
		zr, err := zip.NewReader(f, info.Size())
		if err != nil {
			return formatGDELT
		}
		// The first data member: Dataverse bundles lead with a manifest,
		// and macOS archives carry __MACOSX/ copies.
		i := slices.IndexFunc(zr.File, func(z *zip.File) bool {
			return !z.FileInfo().IsDir() && !strings.EqualFold(path.Base(z.Name), "MANIFEST.TXT") && !strings.HasPrefix(z.Name, "__MACOSX/")
		})
		if i < 0 {
			return formatGDELT
		}
		m, err := zr.File[i].Open()
		if err != nil {
			return formatGDELT
		}
		defer m.Close()
		r = m
	default:
		if b := bytes.TrimLeft(head, " \t\r\n"); len(b) > 0 && b[0] == '{' {
			return formatDataset
		}
		if len(bytes.TrimSpace(head)) == 0 && isJSON(br) {
			return formatDataset
		}
	}
	line, err := bufio.NewReaderSize(r, 64<<10).ReadSlice('\n')
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return formatGDELT
	}
	if icews.IsHeader(line) {
		return formatICEWS
	}
	return formatGDELT
}

// isJSON reports whether the first non-space byte is '{'.
func isJSON(r *bufio.Reader) bool {
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
	for r.Scan() {
		rec := r.Record()
		w.sum.Read++
		if rec.Err != nil {
			w.reject(rec.Err)
			continue
		}
		rel, err := icews.Map(rec.Event)
		var lerr *icews.LineError
		if errors.As(err, &lerr) {
			lerr.Source, lerr.Line = rec.Source, rec.Line
		}
		switch {
		case errors.Is(err, icews.ErrNoActor):
			w.sum.Skipped++
			continue
		case err != nil:
			w.reject(err)
			continue
		}
		if err := w.addEvent(ctx, &rel, func(err error) error {
			return &icews.LineError{Source: rec.Source, Line: rec.Line, Reason: "resolved relationship is invalid: " + err.Error(), Err: err}
		}); err != nil {
			return err
		}
	}
	st := r.Stats()
	w.sum.Read += st.Blank
	w.sum.Skipped += st.Blank
	return r.Err()
}
