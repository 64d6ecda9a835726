package gdelt

import (
	"bytes"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/internal/textfile"
)

// DefaultMaxLineBytes bounds a line when Options.MaxLineBytes is 0. Real
// GDELT rows are under 2 KiB; the bound stops a corrupt file (no line
// breaks) from being read into memory whole.
const DefaultMaxLineBytes = 1 << 20

// Options tune a Reader. The zero value is the default.
type Options struct {
	// MaxLineBytes is the longest line accepted, without its line break;
	// longer lines are rejected (and skipped) with their line number.
	// 0 means DefaultMaxLineBytes.
	MaxLineBytes int
}

// Record is one non-blank line: its place and either the parsed event or
// why it was rejected.
type Record struct {
	Source string // the file, or "archive.zip:member.CSV"
	Line   int    // 1-based, counted per file or zip member
	Event  Event  // valid when Err is nil
	Err    *LineError
}

// Stats counts what a Reader has seen so far. Lines = Blank + Parsed +
// Rejected.
type Stats struct {
	Lines    int // every line, blank ones included
	Blank    int // blank lines, skipped without a Record
	Parsed   int // lines parsed into events
	Rejected int // malformed or over-long lines
}

// Reader streams GDELT rows from one or more parts (a file, or the
// members of a zip archive in order), one line in memory at a time. Use
// it like bufio.Scanner:
//
//	for r.Scan() { rec := r.Record(); … }
//	if err := r.Err(); err != nil { … } // I/O errors only
type Reader struct {
	max   int
	lines *textfile.Lines
	rec   Record
	stats Stats
}

// NewReader reads GDELT rows from r, reporting them as coming from name.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	return newReader([]textfile.Part{textfile.ReaderPart(r, name)}, nil, opts)
}

func newReader(parts []textfile.Part, closer io.Closer, opts Options) *Reader {
	max := opts.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	return &Reader{max: max, lines: textfile.NewLines(parts, closer, max)}
}

// Open opens a GDELT export for streaming: a plain file, a zip archive
// (GDELT's *.export.CSV.zip; every member in order, reported as
// "path:member"), or a gzip file. The format is told by the first bytes,
// not the file name. Close the Reader when done.
func Open(path string, opts Options) (*Reader, error) {
	parts, f, err := textfile.Open(path, nil)
	if err != nil {
		return nil, err
	}
	return newReader(parts, f, opts), nil
}

// Scan advances to the next non-blank line and reports whether there is
// one. It returns false at the end of the input or on an I/O error.
func (r *Reader) Scan() bool {
	for {
		line, tooLong, ok := r.lines.Next()
		if !ok {
			return false
		}
		if r.take(line, tooLong) {
			return true
		}
	}
}

// take turns one line into the current record; false for a blank line.
func (r *Reader) take(line []byte, tooLong bool) bool {
	r.stats.Lines++
	if r.lines.Line() == 1 {
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a BOM
	}
	r.rec = Record{Source: r.lines.Part(), Line: r.lines.Line()}
	if tooLong {
		r.reject(&LineError{Reason: fmt.Sprintf("line longer than %d bytes", r.max), Err: ErrMalformed})
		return true
	}
	if len(bytes.TrimSpace(line)) == 0 {
		r.stats.Blank++
		return false
	}
	ev, err := ParseLine(line)
	if err != nil {
		r.reject(err.(*LineError))
		return true
	}
	r.rec.Event = ev
	r.stats.Parsed++
	return true
}

func (r *Reader) reject(e *LineError) {
	e.Source, e.Line = r.rec.Source, r.rec.Line
	r.rec.Err = e
	r.stats.Rejected++
}

// Record returns the line Scan stopped at.
func (r *Reader) Record() Record { return r.rec }

// Err returns the I/O error that stopped Scan, nil at a clean end.
// Malformed lines are not errors here: they are Records with Err set.
func (r *Reader) Err() error { return r.lines.Err() }

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Close releases the file behind a Reader from Open.
func (r *Reader) Close() error { return r.lines.Close() }
