package icews

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// DefaultMaxLineBytes bounds a line when Options.MaxLineBytes is 0. Real
// ICEWS rows are well under 2 KiB; the bound stops a corrupt file (no line
// breaks) from being read into memory whole.
const DefaultMaxLineBytes = 1 << 20

// readBufferBytes is the read buffer; longer lines are assembled from it.
const readBufferBytes = 64 << 10

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
	max    int
	parts  []part
	closer io.Closer

	name string
	src  io.ReadCloser
	br   *bufio.Reader
	line int
	hdr  *header // the current part's header; nil until read
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

// NewReader reads an ICEWS file from r, reporting it as coming from name.
// The input must be uncompressed; Open tells zip and gzip apart.
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

// Open opens an ICEWS event file for streaming: a plain file (Dataverse's
// .tab), a zip archive (every member in stored order, reported as
// "path:member"; a Dataverse bundle's MANIFEST.TXT and macOS "__MACOSX/"
// entries are skipped), or a gzip file. The format is told by the first
// bytes, not the file name. Close the Reader when done.
func Open(name string, opts Options) (*Reader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	parts, err := openParts(f, name)
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

func openParts(f *os.File, name string) ([]part, error) {
	head := make([]byte, 4)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	whole := func() io.Reader { return io.NewSectionReader(f, 0, 1<<62) }
	switch {
	case bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, emptyZipMagic):
		return zipParts(f, name)
	case bytes.HasPrefix(head, gzipMagic):
		return []part{{name, func() (io.ReadCloser, error) { return gzip.NewReader(whole()) }}}, nil
	}
	return []part{{name, func() (io.ReadCloser, error) { return io.NopCloser(whole()), nil }}}, nil
}

// zipParts lists the archive's data files in stored order; archive/zip
// reads members through ReaderAt, so nothing is loaded whole.
func zipParts(f *os.File, name string) ([]part, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var parts []part
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() || notData(zf.Name) {
			continue
		}
		parts = append(parts, part{name + ":" + zf.Name, zf.Open})
	}
	return parts, nil
}

// notData reports the zip members that are never event files: the
// MANIFEST.TXT Dataverse adds to a multi-file download, and the resource
// forks macOS's archiver adds.
func notData(member string) bool {
	return strings.EqualFold(path.Base(member), "MANIFEST.TXT") || strings.HasPrefix(member, "__MACOSX/")
}

// Scan advances to the next data line and reports whether there is one.
// It returns false at the end of the input, on an I/O error, and on a
// part whose first line is not an ICEWS header (Err says which).
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

// take turns one line into the current record; false for a blank line or
// the header.
func (r *Reader) take(line []byte, tooLong bool) bool {
	r.line++
	r.stats.Lines++
	if r.line == 1 {
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
	r.rec = Record{Source: r.name, Line: r.line}
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
		le.Source, le.Line = r.name, r.line
		r.err = le
		r.stats.Rejected++
		return
	}
	r.stats.Headers++
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
	r.name, r.src, r.line, r.hdr = p.name, src, 0, nil
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

// Err returns what stopped Scan early, nil at a clean end: a *LineError
// wrapping ErrHeader when a part's first line is not a usable header, or
// an I/O error. Malformed rows are not errors here: they are Records with
// Err set.
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
