package icews

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

var fixture = filepath.Join("testdata", "may2025.tsv")

// outcome is one Record in short: where, and the event id or the error.
type outcome struct {
	Source string
	Line   int
	ID     string
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
			o.ID = rec.Event.ID
		}
		out = append(out, o)
	}
	if err := r.Err(); err != nil {
		t.Fatalf("Err() = %v", err)
	}
	return out
}

// events reads every record of r, failing on a rejected one.
func events(t *testing.T, r *Reader) []Event {
	t.Helper()
	var out []Event
	for r.Scan() {
		rec := r.Record()
		if rec.Err != nil {
			t.Fatalf("line %d rejected: %v", rec.Line, rec.Err)
		}
		out = append(out, rec.Event)
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

func readFixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureLines returns the fixture's lines without line breaks, header
// first.
func fixtureLines(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// fixtureOutcomes is what the fixture reads as, from the named source.
func fixtureOutcomes(src string) []outcome {
	return []outcome{
		{src, 2, "30000001", ""}, {src, 3, "30000002", ""}, {src, 4, "30000003", ""},
		{src, 5, "30000004", ""}, {src, 6, "30000005", ""}, {src, 7, "30000006", ""},
		// line 8 is blank
		{src, 9, "30000007", ""}, {src, 10, "30000008", ""}, {src, 11, "30000009", ""},
		{src, 12, "", src + `:12: Event Date: "2025-05-32" is not a calendar date (YYYY-MM-DD)`},
		{src, 13, "", src + `:13: Intensity: "high" is not a number`},
		{src, 14, "30000012", ""}, {src, 15, "30000013", ""},
	}
}

func TestReaderReadsTheFixtureRejectingBadRowsAndGoingOn(t *testing.T) {
	r := open(t, fixture, Options{})
	if diff := cmp.Diff(fixtureOutcomes(fixture), drain(t, r)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	want := Stats{Lines: 15, Headers: 1, Blank: 1, Parsed: 11, Rejected: 2}
	if diff := cmp.Diff(want, r.Stats()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestReaderRejectionsWrapErrMalformedAndErrInvalid(t *testing.T) {
	r := open(t, fixture, Options{})
	n := 0
	for r.Scan() {
		rec := r.Record()
		if rec.Err == nil {
			continue
		}
		n++
		var le *LineError
		if !errors.As(rec.Err, &le) || le.Source != fixture || le.Line != rec.Line || le.Field == "" {
			t.Errorf("line %d: error %#v lacks its place or column", rec.Line, rec.Err)
		}
		if !errors.Is(rec.Err, ErrMalformed) || !errors.Is(rec.Err, actorgraph.ErrInvalid) {
			t.Errorf("line %d: %v wraps neither ErrMalformed nor ErrInvalid", rec.Line, rec.Err)
		}
	}
	if n != 2 {
		t.Errorf("%d rejected rows, want 2", n)
	}
}

func TestReaderReadsEveryField(t *testing.T) {
	evs := events(t, NewReader(strings.NewReader(strings.Join(fixtureLines(t)[:3], "\n")), "f", Options{}))
	want := []Event{{
		ID:   "30000001",
		Date: actorgraph.MustParseDate("2025-05-19"),
		Source: Party{
			Name:    "Donald Trump",
			Sectors: []string{"Executive", "Executive Office", "Government"},
			Country: "United States",
		},
		Target: Party{
			Name:    "Vladimir Putin",
			Sectors: []string{"Elite", "Executive", "Executive Office", "Government"},
			Country: "Russia",
		},
		Text:           "Discuss by telephone",
		CAMEOCode:      "041",
		GivenCAMEOCode: "041",
		Intensity:      1,
		StoryID:        "50000001",
		SentenceNumber: "1",
		Publisher:      "Reuters",
		City:           "Washington",
		Province:       "District of Columbia",
		Country:        "United States",
		Latitude:       "38.8951",
		Longitude:      "-77.0364",
	}, {
		ID:             "30000002",
		Date:           actorgraph.MustParseDate("2025-05-19"),
		Source:         Party{Name: "Vladimir Putin", Sectors: []string{"Elite", "Executive", "Executive Office", "Government"}, Country: "Russia"},
		Target:         Party{Name: "Government (Ukraine)", Sectors: []string{"Government"}, Country: "Ukraine"},
		Text:           "Consult",
		CAMEOCode:      "040",
		GivenCAMEOCode: "040",
		Intensity:      1,
		StoryID:        "50000002",
		SentenceNumber: "2",
		Publisher:      "Interfax",
		City:           "Moscow",
		Province:       "Moskva",
		Country:        "Russia",
		Latitude:       "55.7522",
		Longitude:      "37.6156",
	}}
	if diff := cmp.Diff(want, evs); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestReaderReadsNAAsEmpty(t *testing.T) {
	lines := fixtureLines(t)
	evs := events(t, NewReader(strings.NewReader(lines[0]+"\n"+lines[10]+"\n"), "f", Options{}))
	want := Event{
		ID:             "30000009",
		Date:           actorgraph.MustParseDate("2025-05-22"),
		Source:         Party{Name: "Military (Ukraine)", Country: "Ukraine"},
		Text:           "Use conventional military force",
		CAMEOCode:      "190",
		GivenCAMEOCode: "190",
		Intensity:      -10,
	}
	if diff := cmp.Diff([]Event{want}, evs); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestReaderRestoresADroppedLeadingZero(t *testing.T) {
	r := open(t, fixture, Options{})
	got := map[string][2]string{}
	for r.Scan() {
		if ev := r.Record().Event; r.Record().Err == nil {
			got[ev.ID] = [2]string{ev.GivenCAMEOCode, ev.CAMEOCode}
		}
	}
	for id, want := range map[string][2]string{
		"30000007": {"46", "046"},   // engage in negotiation
		"30000008": {"841", "0841"}, // return, release persons
		"30000012": {"42", "042"},   // make a visit
		"30000006": {"1312", "1312"},
	} {
		if got[id] != want {
			t.Errorf("event %s: given, normalised code = %q, want %q", id, got[id], want)
		}
	}
}

func TestReaderHandlesBOMAndCRLF(t *testing.T) {
	lines := fixtureLines(t)
	crlf := "\xef\xbb\xbf" + strings.Join(lines, "\r\n") // and no final line break
	r := NewReader(strings.NewReader(crlf), fixture, Options{})
	if diff := cmp.Diff(fixtureOutcomes(fixture), drain(t, r)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	plain := events(t, NewReader(strings.NewReader(strings.Join(lines[:8], "\n")), "a", Options{}))
	windows := events(t, NewReader(strings.NewReader("\xef\xbb\xbf"+strings.Join(lines[:8], "\r\n")+"\r\n"), "b", Options{}))
	if diff := cmp.Diff(plain, windows); diff != "" {
		t.Errorf("CRLF and BOM changed the events (-LF +CRLF):\n%s", diff)
	}
}

// permute rewrites a TSV with its columns in the order perm (indexes into
// the original columns) plus extra columns at the given positions.
func permute(lines []string, perm []int) string {
	var b strings.Builder
	for _, line := range lines {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		fs := strings.Split(line, "\t")
		out := make([]string, len(perm))
		for i, j := range perm {
			if j < 0 {
				out[i] = "extra"
				continue
			}
			out[i] = fs[j]
		}
		b.WriteString(strings.Join(out, "\t"))
		b.WriteString("\n")
	}
	return b.String()
}

func TestReaderAcceptsAnyColumnOrderAndExtraColumns(t *testing.T) {
	lines := fixtureLines(t)
	want := events(t, NewReader(strings.NewReader(strings.Join(lines[:8], "\n")), "a", Options{}))
	// Reversed, with two unknown columns, one named like nothing we read.
	perm := []int{-1}
	for i := int(numColumns) - 1; i >= 0; i-- {
		perm = append(perm, i)
		if i == 10 {
			perm = append(perm, -1)
		}
	}
	shuffled := permute(lines[:8], perm)
	shuffled = strings.Replace(shuffled, "extra", "Notes", 1) // header names the first extra column
	got := events(t, NewReader(strings.NewReader(shuffled), "b", Options{}))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reordered columns changed the events (-want +got):\n%s", diff)
	}
}

func TestReaderTreatsMissingOptionalColumnsAsEmpty(t *testing.T) {
	lines := fixtureLines(t)
	var keep []int // every column but the sectors and the place
	for c := range numColumns {
		switch c {
		case colSourceSectors, colTargetSectors, colCity, colLatitude:
			continue
		}
		keep = append(keep, int(c))
	}
	evs := events(t, NewReader(strings.NewReader(permute(lines[:3], keep)), "f", Options{}))
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2", len(evs))
	}
	ev := evs[0]
	if ev.Source.Sectors != nil || ev.Target.Sectors != nil || ev.City != "" || ev.Latitude != "" || ev.Longitude != "-77.0364" {
		t.Errorf("event = %+v, want no sectors, city or latitude", ev)
	}
}

func TestReaderStopsOnAMissingRequiredColumn(t *testing.T) {
	lines := fixtureLines(t)
	var keep []int // no Intensity, no Target Country
	for c := range numColumns {
		if c != colIntensity && c != colTargetCountry {
			keep = append(keep, int(c))
		}
	}
	r := NewReader(strings.NewReader(permute(lines, keep)), "events.tab", Options{})
	if r.Scan() {
		t.Fatalf("Scan read a record: %+v", r.Record())
	}
	err := r.Err()
	want := `events.tab:1: the header lacks the required column(s) "Intensity", "Target Country"`
	if err == nil || err.Error() != want {
		t.Errorf("Err() = %v, want %s", err, want)
	}
	if !errors.Is(err, ErrHeader) || !errors.Is(err, actorgraph.ErrInvalid) {
		t.Errorf("Err() = %v does not wrap ErrHeader and ErrInvalid", err)
	}
}

func TestReaderStopsOnAGDELTFile(t *testing.T) {
	r := open(t, filepath.Join("..", "gdelt", "testdata", "export20.tsv"), Options{})
	if r.Scan() {
		t.Fatalf("Scan read a record: %+v", r.Record())
	}
	if err := r.Err(); !errors.Is(err, ErrHeader) || !strings.Contains(err.Error(), ":1: the first line is not an ICEWS header") {
		t.Errorf("Err() = %v, want the first line named as not an ICEWS header", err)
	}
}

func TestReaderRejectsADuplicateColumn(t *testing.T) {
	header := fixtureLines(t)[0] + "\tPublisher"
	r := NewReader(strings.NewReader(header+"\n"), "f", Options{})
	if r.Scan() || r.Err() == nil || r.Err().Error() != `f:1: column "Publisher" appears twice` {
		t.Errorf("Err() = %v, want the duplicate column named", r.Err())
	}
}

func TestReaderSkipsBlankLinesBeforeTheHeader(t *testing.T) {
	lines := fixtureLines(t)
	r := NewReader(strings.NewReader("\n  \n"+strings.Join(lines[:3], "\n")), "f", Options{})
	want := []outcome{{"f", 4, "30000001", ""}, {"f", 5, "30000002", ""}}
	if diff := cmp.Diff(want, drain(t, r)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func TestReaderRejectsMalformedRows(t *testing.T) {
	lines := fixtureLines(t)
	good := strings.Split(lines[1], "\t")
	with := func(c column, v string) string {
		fs := append([]string(nil), good...)
		fs[c] = v
		return strings.Join(fs, "\t")
	}
	for _, tc := range []struct {
		name, line, want string
	}{
		{"too few fields", strings.Join(good[:19], "\t"), `19 fields, the header has 20`},
		{"too many fields", lines[1] + "\tx", `21 fields, the header has 20`},
		{"no event id", with(colEventID, ""), `Event ID: missing (required)`},
		{"NA event id", with(colEventID, "NA"), `Event ID: missing (required)`},
		{"long event id", with(colEventID, strings.Repeat("1", MaxEventIDBytes+1)), `Event ID: longer than 100 bytes`},
		{"date in another format", with(colEventDate, "20250519"), `Event Date: "20250519" is not a calendar date (YYYY-MM-DD)`},
		{"impossible day", with(colEventDate, "2025-02-29"), `Event Date: "2025-02-29" is not a calendar date (YYYY-MM-DD)`},
		{"year zero", with(colEventDate, "0000-01-01"), `Event Date: "0000-01-01" is not a calendar date (YYYY-MM-DD)`},
		{"no date", with(colEventDate, "NA"), `Event Date: "" is not a calendar date (YYYY-MM-DD)`},
		{"code with letters", with(colCAMEOCode, "04a"), `CAMEO Code: "04a" is not a CAMEO event code (2 to 4 digits with a root from 01 to 20)`},
		{"five-digit code", with(colCAMEOCode, "04111"), `CAMEO Code: "04111" is not a CAMEO event code (2 to 4 digits with a root from 01 to 20)`},
		{"root out of range", with(colCAMEOCode, "999"), `CAMEO Code: "999" is not a CAMEO event code (2 to 4 digits with a root from 01 to 20)`},
		{"no code", with(colCAMEOCode, ""), `CAMEO Code: "" is not a CAMEO event code (2 to 4 digits with a root from 01 to 20)`},
		{"intensity too high", with(colIntensity, "10.5"), `Intensity: 10.5 is outside [-10, 10]`},
		{"intensity NaN", with(colIntensity, "NaN"), `Intensity: "NaN" is not a number`},
		{"intensity hex", with(colIntensity, "0x1p3"), `Intensity: "0x1p3" is not a number`},
		{"no intensity", with(colIntensity, "NA"), `Intensity: "" is not a number`},
		{"control character", with(colSourceName, "Donald\x00Trump"), `Source Name: control character U+0000`},
		{"invalid UTF-8", with(colPublisher, "Reu\xffters"), `Publisher: invalid UTF-8`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(lines[0]+"\n"+tc.line+"\n"+lines[2]+"\n"), "f", Options{})
			got := drain(t, r)
			want := []outcome{{"f", 2, "", "f:2: " + tc.want}, {"f", 3, "30000002", ""}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReaderRejectsOverlongLinesAndGoesOn(t *testing.T) {
	lines := fixtureLines(t)
	long := strings.Replace(lines[1], "Reuters", strings.Repeat("R", 200<<10), 1)
	input := strings.Join([]string{lines[0], long, lines[2]}, "\n")
	r := NewReader(strings.NewReader(input), "f", Options{MaxLineBytes: 100 << 10})
	want := []outcome{{"f", 2, "", "f:2: line longer than 102400 bytes"}, {"f", 3, "30000002", ""}}
	if diff := cmp.Diff(want, drain(t, r)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if st := r.Stats(); st.Rejected != 1 || st.Lines != 3 {
		t.Errorf("stats = %+v", st)
	}
}

func TestReaderStopsOnAnOverlongHeader(t *testing.T) {
	r := NewReader(strings.NewReader(strings.Repeat("x", 100)+"\n"), "f", Options{MaxLineBytes: 50})
	if r.Scan() || !errors.Is(r.Err(), ErrHeader) {
		t.Errorf("Err() = %v, want ErrHeader", r.Err())
	}
}

func TestReaderOnEmptyInputHasNoRecordsAndNoError(t *testing.T) {
	r := NewReader(strings.NewReader(""), "f", Options{})
	if r.Scan() || r.Err() != nil {
		t.Errorf("Scan on empty input: record %+v, err %v", r.Record(), r.Err())
	}
}

func TestReaderReadsAHeaderOnlyFile(t *testing.T) {
	r := NewReader(strings.NewReader(fixtureLines(t)[0]+"\n"), "f", Options{})
	if r.Scan() || r.Err() != nil || r.Stats() != (Stats{Lines: 1, Headers: 1}) {
		t.Errorf("header only: scan, err %v, stats %+v", r.Err(), r.Stats())
	}
}

type failingReader struct{ data io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err == io.EOF {
		return n, errors.New("disk on fire")
	}
	return n, err
}

func TestReaderStopsOnReadError(t *testing.T) {
	r := NewReader(&failingReader{bytes.NewReader(readFixture(t))}, "f", Options{})
	n := 0
	for r.Scan() {
		n++
	}
	if n != 13 || r.Err() == nil || !strings.Contains(r.Err().Error(), "disk on fire") {
		t.Errorf("read %d records, Err() = %v; want 13 and the read error", n, r.Err())
	}
}

// writeZip writes a zip archive holding members (name, content) in order.
func writeZip(t *testing.T, path string, members ...[2]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenReadsEveryZipMemberWithItsOwnHeader(t *testing.T) {
	data := string(readFixture(t))
	lines := fixtureLines(t)
	path := filepath.Join(t.TempDir(), "events.2025.tab") // a zip, whatever the name says
	writeZip(t, path,
		[2]string{"MANIFEST.TXT", "Files in this bundle: ..."},
		[2]string{"events.2025.05.tab", data},
		[2]string{"__MACOSX/._events.2025.05.tab", "\x00\x05\x16\x07"},
		[2]string{"more/", ""},
		[2]string{"more/events.2025.06.tab", lines[0] + "\n" + lines[1] + "\n"},
	)
	r := open(t, path, Options{})
	want := append(fixtureOutcomes(path+":events.2025.05.tab"), outcome{path + ":more/events.2025.06.tab", 2, "30000001", ""})
	if diff := cmp.Diff(want, drain(t, r)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if st := r.Stats(); st.Headers != 2 || st.Parsed != 12 {
		t.Errorf("stats = %+v, want 2 headers and 12 rows", st)
	}
}

func TestOpenStopsAtAZipMemberWithoutAHeader(t *testing.T) {
	lines := fixtureLines(t)
	path := filepath.Join(t.TempDir(), "events.zip")
	writeZip(t, path,
		[2]string{"a.tab", lines[0] + "\n" + lines[1] + "\n"},
		[2]string{"b.tab", lines[2] + "\n"}, // rows, no header
		[2]string{"c.tab", lines[0] + "\n" + lines[3] + "\n"},
	)
	r := open(t, path, Options{})
	n := 0
	for r.Scan() {
		n++
	}
	if n != 1 || !errors.Is(r.Err(), ErrHeader) || !strings.HasPrefix(r.Err().Error(), path+":b.tab:1: ") {
		t.Errorf("read %d records, Err() = %v; want 1 and b.tab's header error", n, r.Err())
	}
}

func TestOpenReadsGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(readFixture(t))
	zw.Close()
	path := filepath.Join(t.TempDir(), "events.tsv") // gzip, whatever the name says
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fixtureOutcomes(path), drain(t, open(t, path, Options{}))); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func TestOpenRejectsABrokenZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.zip")
	if err := os.WriteFile(path, []byte("PK\x03\x04 not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := Open(path, Options{}); err == nil {
		r.Close()
		t.Error("Open succeeded on a broken zip")
	}
}

func TestOpenReportsAMissingFile(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "nope.tab"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open = %v, want ErrNotExist", err)
	}
}
