package icews

import (
	"bytes"
	"io"
	"path"
	"strings"

	"github.com/actorgraph/actorgraph/internal/textfile"
)

// DefaultMaxLineBytes bounds a line when Options.MaxLineBytes is 0. Real
// ICEWS rows are well under 2 KiB; the bound stops a corrupt file (no line
// breaks) from being read into memory whole.
const DefaultMaxLineBytes = 1 << 20

// Options tune a Reader. The zero value is the default.
type Options struct {
	// MaxLineBytes is the longest line accepted, without its line break;
	// longer rows are rejected (and skipped) with their line number.
	// 0 means DefaultMaxLineBytes.
	MaxLineBytes int
}

// Record is one data line: its place and either the parsed event or why
// it was rejected.
type Record struct {
	Event  Event  // valid when Err is nil
	Err    error  // a *LineError wrapping ErrMalformed, or nil
	Source string // the file, or "archive.zip:member"
	Line   int    // 1-based, counted per file or zip member
}

// Stats counts what a Reader has seen so far.
// Lines = Headers + Blank + Parsed + Rejected.
type Stats struct {
	Lines    int // every line, headers and blank ones included
	Headers  int // header lines, one a file or zip member
	Blank    int // blank lines, skipped without a Record
	Parsed   int // rows parsed into events
	Rejected int // malformed or over-long rows, and a header that stopped the Reader
}

// Reader streams ICEWS rows from one or more parts (a file, or the members
// of a zip archive in order), one line in memory at a time. Every part
// starts with its own header line. Use it like bufio.Scanner:
//
//	for r.Scan() { rec := r.Record(); … }
//	if err := r.Err(); err != nil { … } // a bad header or an I/O error
type Reader struct {
	max   int
	lines *textfile.Lines
	hdr   *header // the current part's header; nil until read

	rec   Record
	stats Stats
	err   error // a bad header
}

// NewReader reads an ICEWS file from r, reporting it as coming from name.
// The input must be uncompressed; Open tells zip and gzip apart.
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

// Open opens an ICEWS event file for streaming: a plain file (Dataverse's
// .tab), a zip archive (every member in stored order, reported as
// "path:member"; a Dataverse bundle's MANIFEST.TXT and macOS "__MACOSX/"
// entries are skipped), or a gzip file. The format is told by the first
// bytes, not the file name. Close the Reader when done.
func Open(name string, opts Options) (*Reader, error) {
	parts, f, err := textfile.Open(name, IsData)
	if err != nil {
		return nil, err
	}
	return newReader(parts, f, opts), nil
}

// IsData reports whether a zip member may be an event file: not the
// MANIFEST.TXT Dataverse adds to a multi-file download, nor the resource
// forks macOS's archiver adds.
func IsData(member string) bool {
	return !strings.EqualFold(path.Base(member), "MANIFEST.TXT") && !strings.HasPrefix(member, "__MACOSX/")
}

// Scan advances to the next data line and reports whether there is one.
// It returns false at the end of the input, on an I/O error, and on a
// part whose first line is not an ICEWS header (Err says which).
func (r *Reader) Scan() bool {
	for r.err == nil {
		line, tooLong, ok := r.lines.Next()
		if !ok {
			return false
		}
		if r.take(line, tooLong) {
			return true
		}
	}
	return false
}

// take turns one line into the current record; false for a blank line or
// the header.
func (r *Reader) take(line []byte, tooLong bool) bool {
	r.stats.Lines++
	if r.lines.Line() == 1 { // a new part: its own header comes first
		r.hdr = nil
		line = bytes.TrimPrefix(line, bom)
	}
	if !tooLong && len(bytes.TrimSpace(line)) == 0 {
		r.stats.Blank++
		return false
	}
	if r.hdr == nil {
		r.takeHeader(line, tooLong)
		return false
	}
	r.rec = Record{Source: r.lines.Part(), Line: r.lines.Line()}
	if tooLong {
		r.reject(malformed("", "line longer than %d bytes", r.max))
		return true
	}
	ev, err := r.hdr.parseRow(line)
	if err != nil {
		r.reject(err.(*LineError))
		return true
	}
	r.rec.Event = ev
	r.stats.Parsed++
	return true
}

// takeHeader reads the part's first non-blank line as its header; a bad
// header stops the Reader, since no row can be read without it.
func (r *Reader) takeHeader(line []byte, tooLong bool) {
	var err error
	if tooLong {
		err = headerError("the first line is longer than %d bytes", r.max)
	} else {
		r.hdr, err = parseHeader(line)
	}
	if err != nil {
		le := err.(*LineError)
		le.Source, le.Line = r.lines.Part(), r.lines.Line()
		r.err = le
		r.stats.Rejected++
		return
	}
	r.stats.Headers++
}

func (r *Reader) reject(e *LineError) {
	e.Source, e.Line = r.rec.Source, r.rec.Line
	r.rec.Err = e
	r.stats.Rejected++
}

// Record returns the line Scan stopped at.
func (r *Reader) Record() Record { return r.rec }

// Err returns what stopped Scan early, nil at a clean end: a *LineError
// wrapping ErrHeader when a part's first line is not a usable header, or
// an I/O error. Malformed rows are not errors here: they are Records with
// Err set.
func (r *Reader) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.lines.Err()
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Close releases the file behind a Reader from Open.
func (r *Reader) Close() error { return r.lines.Close() }
