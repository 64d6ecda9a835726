package gdelt

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outcome is one Record in short: where, and the event id or the error.
type outcome struct {
	Source string
	Line   int
	ID     uint64
	Err    string
}

func drain(t *testing.T, r *Reader) []outcome {
	t.Helper()
	var out []outcome
	for r.Scan() {
		rec := r.Record()
		o := outcome{Source: rec.Source, Line: rec.Line}
		if rec.Err != nil {
			o.Err = rec.Err.Error()
		} else {
			o.ID = rec.Event.GlobalEventID
		}
		out = append(out, o)
	}
	if err := r.Err(); err != nil {
		t.Fatalf("Err() = %v", err)
	}
	return out
}

func open(t *testing.T, path string, opts Options) *Reader {
	t.Helper()
	r, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestReaderNumbersLinesAndSkipsBlankOnes(t *testing.T) {
	path := filepath.Join("testdata", "export20.tsv")
	r := open(t, path, Options{})
	got := drain(t, r)
	want := []outcome{
		{path, 1, 1234567890, ""}, {path, 2, 1234567891, ""}, {path, 3, 1234567892, ""},
		// line 4 is blank
		{path, 5, 1234567893, ""}, {path, 6, 1234567894, ""}, {path, 7, 1234567895, ""},
		{path, 8, 1234567896, ""}, {path, 9, 1234567897, ""}, {path, 10, 1234567898, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Stats{Lines: 10, Blank: 1, Parsed: 9}, r.Stats()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestReaderReportsBadLinesAndContinues(t *testing.T) {
	path := filepath.Join("testdata", "bad.tsv")
	got := drain(t, open(t, path, Options{}))
	if len(got) != 16 {
		t.Fatalf("got %d records, want 16", len(got))
	}
	if want := (outcome{path, 3, 0, path + `:3: field 30 GoldsteinScale: "abc" is not a number`}); got[2] != want {
		t.Errorf("record 3 = %+v, want %+v", got[2], want)
	}
	if got[11].Err != "" || got[11].ID != 1234567899 {
		t.Errorf("record 12 (no actors) = %+v, want parsed", got[11])
	}
}

func TestReaderReadsZipMembersInOrder(t *testing.T) {
	path := filepath.Join("testdata", "20250519000000.export.CSV.zip")
	r := open(t, path, Options{})
	got := drain(t, r)
	m1, m2 := path+":20250519000000.export.CSV", path+":20250519001500.export.CSV"
	want := []outcome{
		{m1, 1, 1234567890, ""}, {m1, 2, 1234567891, ""},
		{m2, 1, 1234567892, ""}, {m2, 2, 0, m2 + `:2: field 30 GoldsteinScale: "abc" is not a number`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Stats{Lines: 4, Parsed: 3, Rejected: 1}, r.Stats()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestOpenDetectsZipByContentNotName(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "20250519000000.export.CSV.zip"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export.CSV")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got := drain(t, open(t, path, Options{}))
	if len(got) != 4 || got[0].Source != path+":20250519000000.export.CSV" || got[0].ID != 1234567890 {
		t.Errorf("records = %+v", got)
	}
}

func TestOpenReadsGzip(t *testing.T) {
	plain, err := os.ReadFile(filepath.Join("testdata", "daily10.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(plain)
	zw.Close()
	path := filepath.Join(t.TempDir(), "20130401.export.CSV.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := drain(t, open(t, path, Options{}))
	want := []outcome{{path, 1, 253030000, ""}, {path, 2, 253030001, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func TestOpenRejectsABrokenZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.zip")
	if err := os.WriteFile(path, []byte("PK\x03\x04 not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); err == nil {
		t.Error("Open succeeded on a broken zip")
	}
}

func TestOpenReportsAMissingFile(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope.CSV"), Options{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open error = %v, want not-exist", err)
	}
}

func TestReaderRejectsOverlongLinesAndContinues(t *testing.T) {
	good := string(fixtureLines(t, "daily10.tsv")[0])
	long := strings.Repeat("x", 200_000) // spans several read buffers
	input := good + "\n" + long + "\n" + good + "\r\n" + strings.Repeat("y", 600) + "\n" + good
	r := NewReader(strings.NewReader(input), "in.CSV", Options{MaxLineBytes: 500})
	got := drain(t, r)
	want := []outcome{
		{"in.CSV", 1, 253030000, ""},
		{"in.CSV", 2, 0, "in.CSV:2: line longer than 500 bytes"},
		{"in.CSV", 3, 253030000, ""},
		{"in.CSV", 4, 0, "in.CSV:4: line longer than 500 bytes"},
		{"in.CSV", 5, 253030000, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func TestReaderAcceptsALineOfExactlyTheLimit(t *testing.T) {
	good := string(fixtureLines(t, "daily10.tsv")[0])
	r := NewReader(strings.NewReader(good+"\r\n"+good+"x\n"), "in", Options{MaxLineBytes: len(good)})
	got := drain(t, r)
	if len(got) != 2 || got[0].Err != "" || got[1].Err != "in:2: line longer than "+strconv.Itoa(len(good))+" bytes" {
		t.Errorf("records = %+v", got)
	}
}

func TestReaderHandlesLastLineWithoutNewlineAndBOM(t *testing.T) {
	good := string(fixtureLines(t, "daily10.tsv")[0])
	r := NewReader(strings.NewReader("\xef\xbb\xbf"+good+"\n \t \n"+good), "in", Options{})
	got := drain(t, r)
	want := []outcome{{"in", 1, 253030000, ""}, {"in", 3, 253030000, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if s := r.Stats(); s.Blank != 1 || s.Lines != 3 {
		t.Errorf("stats = %+v", s)
	}
}

func TestReaderStopsOnReadError(t *testing.T) {
	good := string(fixtureLines(t, "daily10.tsv")[0])
	src := io.MultiReader(strings.NewReader(good+"\n"), errReader{})
	r := NewReader(src, "in", Options{})
	n := 0
	for r.Scan() {
		n++
	}
	if n != 1 || r.Err() == nil || !strings.Contains(r.Err().Error(), "in: line 2: disk on fire") {
		t.Errorf("records %d, Err() = %v", n, r.Err())
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReaderOnEmptyInputHasNoRecords(t *testing.T) {
	r := NewReader(strings.NewReader(""), "empty", Options{})
	if r.Scan() || r.Err() != nil || r.Stats() != (Stats{}) {
		t.Errorf("Scan on empty input: err %v, stats %+v", r.Err(), r.Stats())
	}
}
