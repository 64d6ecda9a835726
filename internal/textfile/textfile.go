// Package textfile streams the lines of event files, as the GDELT and
// ICEWS readers read them: a plain file, a gzip file, or a zip archive
// (every member in stored order, reported as "archive.zip:member"), told
// by the first bytes, not the name; one line in memory at a time, and no
// line longer than a bound (a corrupt file without line breaks is not
// read whole).
package textfile

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

// readBufferBytes is the read buffer; longer lines are assembled from it.
const readBufferBytes = 64 << 10

// Part is a named stream opened on demand, so a zip member is only
// decompressed when reached.
type Part struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// ReaderPart is one part reading r (uncompressed) as name.
func ReaderPart(r io.Reader, name string) Part {
	return Part{name, func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
}

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	gzipMagic     = []byte{0x1f, 0x8b}
)

// Open opens path and lists its parts; keep, if set, says which zip
// members are data (directories are always left out). Close the Lines
// made from them, or the returned file, when done.
func Open(path string, keep func(member string) bool) ([]Part, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	parts, err := openParts(f, path, keep)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return parts, f, nil
}

func openParts(f *os.File, path string, keep func(string) bool) ([]Part, error) {
	head := make([]byte, 4)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	whole := func() io.Reader { return io.NewSectionReader(f, 0, 1<<62) }
	switch {
	case bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, emptyZipMagic):
		return zipParts(f, path, keep)
	case bytes.HasPrefix(head, gzipMagic):
		return []Part{{path, func() (io.ReadCloser, error) { return gzip.NewReader(whole()) }}}, nil
	}
	return []Part{{path, func() (io.ReadCloser, error) { return io.NopCloser(whole()), nil }}}, nil
}

// zipParts lists the archive's files in stored order; archive/zip reads
// members through ReaderAt, so nothing is loaded whole.
func zipParts(f *os.File, path string, keep func(string) bool) ([]Part, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var parts []Part
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() || (keep != nil && !keep(zf.Name)) {
			continue
		}
		parts = append(parts, Part{path + ":" + zf.Name, zf.Open})
	}
	return parts, nil
}

// Lines reads the lines of its parts in order.
type Lines struct {
	max    int
	parts  []Part
	closer io.Closer

	name string
	src  io.ReadCloser
	br   *bufio.Reader
	line int
	buf  []byte
	err  error
}

// NewLines reads parts, no line longer than max bytes (without its line
// break); closer, if set, is closed by Close.
func NewLines(parts []Part, closer io.Closer, max int) *Lines {
	return &Lines{max: max, parts: parts, closer: closer}
}

// Next returns the next line, with its line break, and reports whether
// there was one: false at the end of the input or on an I/O error (Err).
// A line over the bound comes back as tooLong with no bytes (the rest of
// it is consumed and dropped). The bytes are valid until the next call.
// Part and Line say where the line is; Line is 1 on a part's first line.
func (l *Lines) Next() (line []byte, tooLong bool, ok bool) {
	for l.err == nil {
		if l.br == nil && !l.nextPart() {
			return nil, false, false
		}
		line, tooLong, err := l.readLine()
		if err != nil && err != io.EOF {
			l.err = fmt.Errorf("%s: line %d: %w", l.name, l.line+1, err)
			return nil, false, false
		}
		if line == nil && !tooLong {
			l.endPart()
			continue
		}
		l.line++
		return line, tooLong, true
	}
	return nil, false, false
}

// Part names the current part: the file, or "archive.zip:member".
func (l *Lines) Part() string { return l.name }

// Line is the 1-based number of the last line Next returned, in its part.
func (l *Lines) Line() int { return l.line }

// Err returns the I/O error that stopped Next, nil at a clean end.
func (l *Lines) Err() error { return l.err }

// Close releases the current part and the file behind the parts.
func (l *Lines) Close() error {
	if l.src != nil {
		l.src.Close()
		l.src, l.br = nil, nil
	}
	if l.closer != nil {
		err := l.closer.Close()
		l.closer = nil
		return err
	}
	return nil
}

// readLine returns the next line with its line break, or tooLong when it
// exceeds the bound. A nil line without tooLong means the part is
// exhausted.
func (l *Lines) readLine() (line []byte, tooLong bool, err error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		if err == nil && len(l.buf) == 0 && !tooLong {
			return l.checkLength(chunk) // the common case: no copy
		}
		if !tooLong {
			l.buf = append(l.buf, chunk...)
			tooLong = ContentLen(l.buf) > l.max
			if tooLong {
				l.buf = l.buf[:0]
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case tooLong:
			return nil, true, ignoreEOF(err)
		case len(l.buf) == 0:
			return nil, false, err
		}
		line, long, _ := l.checkLength(l.buf)
		return line, long, ignoreEOF(err)
	}
}

func (l *Lines) checkLength(line []byte) ([]byte, bool, error) {
	if ContentLen(line) > l.max {
		return nil, true, nil
	}
	return line, false, nil
}

// ContentLen is the length of line without its "\n" or "\r\n".
func ContentLen(line []byte) int {
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

func (l *Lines) nextPart() bool {
	if len(l.parts) == 0 {
		return false
	}
	p := l.parts[0]
	l.parts = l.parts[1:]
	src, err := p.Open()
	if err != nil {
		l.err = fmt.Errorf("%s: %w", p.Name, err)
		return false
	}
	l.name, l.src, l.line = p.Name, src, 0
	l.br = bufio.NewReaderSize(src, readBufferBytes)
	return true
}

// endPart closes the current part. (A zip member's checksum error comes
// from its last read, which Next reports.)
func (l *Lines) endPart() {
	if err := l.src.Close(); err != nil && l.err == nil {
		l.err = fmt.Errorf("%s: %w", l.name, err)
	}
	l.br, l.src = nil, nil
}

// Decimal reports whether a field is plain decimal notation (digits, an
// optional sign, point and exponent) with at least a digit: no "NaN",
// "Inf", hex or "_", which strconv.ParseFloat would accept.
func Decimal(s string) bool {
	hasDigit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			hasDigit = true
		case c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E':
		default:
			return false
		}
	}
	return hasDigit
}
