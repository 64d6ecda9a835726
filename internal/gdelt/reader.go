package gdelt

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// DefaultMaxLineBytes bounds a line when Options.MaxLineBytes is 0. Real
// GDELT rows are under 2 KiB; the bound stops a corrupt file (no line
// breaks) from being read into memory whole.
const DefaultMaxLineBytes = 1 << 20

// readBufferBytes is the read buffer; longer lines are assembled from it.
const readBufferBytes = 64 << 10

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
	max    int
	parts  []part
	closer io.Closer

	name string
	src  io.ReadCloser
	br   *bufio.Reader
	line int
	buf  []byte

	rec   Record
	stats Stats
	err   error
}

// part is a named stream opened on demand, so a zip member is only
// decompressed when reached.
type part struct {
	name string
	open func() (io.ReadCloser, error)
}

// NewReader reads GDELT rows from r, reporting them as coming from name.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	return newReader([]part{{name, func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}}, nil, opts)
}

func newReader(parts []part, closer io.Closer, opts Options) *Reader {
	max := opts.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	return &Reader{max: max, parts: parts, closer: closer}
}

// Open opens a GDELT export for streaming: a plain file, a zip archive
// (GDELT's *.export.CSV.zip; every member in order, reported as
// "path:member"), or a gzip file. The format is told by the first bytes,
// not the file name. Close the Reader when done.
func Open(path string, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	parts, err := openParts(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return newReader(parts, f, opts), nil
}

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	gzipMagic     = []byte{0x1f, 0x8b}
)

func openParts(f *os.File, path string) ([]part, error) {
	head := make([]byte, 4)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, emptyZipMagic):
		return zipParts(f, path)
	case bytes.HasPrefix(head, gzipMagic):
		return []part{{path, func() (io.ReadCloser, error) {
			return gzip.NewReader(io.NewSectionReader(f, 0, 1<<62))
		}}}, nil
	}
	return []part{{path, func() (io.ReadCloser, error) {
		return io.NopCloser(io.NewSectionReader(f, 0, 1<<62)), nil
	}}}, nil
}

// zipParts lists the archive's files in stored order; archive/zip reads
// members through ReaderAt, so nothing is loaded whole.
func zipParts(f *os.File, path string) ([]part, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var parts []part
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		parts = append(parts, part{path + ":" + zf.Name, zf.Open})
	}
	return parts, nil
}

// Scan advances to the next non-blank line and reports whether there is
// one. It returns false at the end of the input or on an I/O error.
func (r *Reader) Scan() bool {
	for r.err == nil {
		if r.br == nil && !r.nextPart() {
			return false
		}
		line, tooLong, err := r.readLine()
		if err != nil && err != io.EOF {
			r.err = fmt.Errorf("%s: line %d: %w", r.name, r.line+1, err)
			return false
		}
		if line == nil && !tooLong {
			r.endPart()
			continue
		}
		if r.take(line, tooLong) {
			return true
		}
	}
	return false
}

// take turns one line into the current record; false for a blank line.
func (r *Reader) take(line []byte, tooLong bool) bool {
	r.line++
	r.stats.Lines++
	if r.line == 1 {
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a BOM
	}
	r.rec = Record{Source: r.name, Line: r.line}
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
	e.Source, e.Line = r.name, r.line
	r.rec.Err = e
	r.stats.Rejected++
}

// readLine returns the next line with its line break, or tooLong when it
// exceeds the bound (the rest of it is consumed and dropped). A nil line
// without tooLong means the part is exhausted.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if err == nil && len(r.buf) == 0 && !tooLong {
			return r.checkLength(chunk) // the common case: no copy
		}
		if !tooLong {
			r.buf = append(r.buf, chunk...)
			tooLong = contentLen(r.buf) > r.max
			if tooLong {
				r.buf = r.buf[:0]
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case tooLong:
			return nil, true, ignoreEOF(err)
		case len(r.buf) == 0:
			return nil, false, err
		}
		l, long, _ := r.checkLength(r.buf)
		return l, long, ignoreEOF(err)
	}
}

func (r *Reader) checkLength(line []byte) ([]byte, bool, error) {
	if contentLen(line) > r.max {
		return nil, true, nil
	}
	return line, false, nil
}

// contentLen is the length of line without its "\n" or "\r\n".
func contentLen(line []byte) int {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	return n
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

func (r *Reader) nextPart() bool {
	if len(r.parts) == 0 {
		return false
	}
	p := r.parts[0]
	r.parts = r.parts[1:]
	src, err := p.open()
	if err != nil {
		r.err = fmt.Errorf("%s: %w", p.name, err)
		return false
	}
	r.name, r.src, r.line = p.name, src, 0
	r.br = bufio.NewReaderSize(src, readBufferBytes)
	return true
}

// endPart closes the current part. (A zip member's checksum error comes
// from its last read, which Scan reports.)
func (r *Reader) endPart() {
	if err := r.src.Close(); err != nil && r.err == nil {
		r.err = fmt.Errorf("%s: %w", r.name, err)
	}
	r.br, r.src = nil, nil
}

// Record returns the line Scan stopped at.
func (r *Reader) Record() Record { return r.rec }

// Err returns the I/O error that stopped Scan, nil at a clean end.
// Malformed lines are not errors here: they are Records with Err set.
func (r *Reader) Err() error { return r.err }

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Close releases the file behind a Reader from Open.
func (r *Reader) Close() error {
	if r.src != nil {
		r.src.Close()
		r.src, r.br = nil, nil
	}
	if r.closer != nil {
		err := r.closer.Close()
		r.closer = nil
		return err
	}
	return nil
}
