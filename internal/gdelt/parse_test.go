package gdelt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

// fixtureLines returns the lines of a testdata file without their "\n",
// blank ones included; a "\r" before the "\n" stays.
func fixtureLines(t testing.TB, name string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
}

func mustParse(t *testing.T, line []byte) Event {
	t.Helper()
	ev, err := ParseLine(line)
	if err != nil {
		t.Fatalf("ParseLine: %v", err)
	}
	return ev
}

func TestParseLineReads2Layout(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	want := Event{
		Layout:        Layout2,
		GlobalEventID: 1234567890,
		Date:          actorgraph.Date{Year: 2025, Month: time.May, Day: 19},
		Actor1:        Actor{Code: "RUSGOV", Name: "VLADIMIR PUTIN", CountryCode: "RUS", Type1Code: "GOV"},
		Actor2:        Actor{Code: "UKR", Name: "UKRAINE", CountryCode: "UKR"},
		IsRootEvent:   true,
		EventCode:     "040",
		EventBaseCode: "040",
		EventRootCode: "04",
		QuadClass:     1,
		Goldstein:     1,
		NumMentions:   10,
		NumSources:    2,
		NumArticles:   10,
		AvgTone:       -2.5,
		Actor1Geo:     Geo{Type: "1", FullName: "Russia", CountryCode: "RS", ADM1Code: "RS", Lat: "60", Long: "100", FeatureID: "RS"},
		Actor2Geo:     Geo{Type: "1", FullName: "Ukraine", CountryCode: "UP", ADM1Code: "UP", Lat: "49", Long: "32", FeatureID: "UP"},
		ActionGeo:     Geo{Type: "4", FullName: "Moscow, Moskva, Russia", CountryCode: "RS", ADM1Code: "RS48", ADM2Code: "25854", Lat: "55.7522", Long: "37.6156", FeatureID: "-2960561"},
		DateAdded:     "20250519120000",
		SourceURL:     "https://example.com/news/putin-ukraine",
	}
	if diff := cmp.Diff(want, ev); diff != "" {
		t.Errorf("ParseLine mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLineReads1DailyLayoutWithoutADM2(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "daily10.tsv")[0])
	want := Event{
		Layout:        Layout1Daily,
		GlobalEventID: 253030000,
		Date:          actorgraph.Date{Year: 2013, Month: time.April, Day: 1},
		Actor1:        Actor{Code: "DEUGOV", Name: "ANGELA MERKEL", CountryCode: "DEU", Type1Code: "GOV"},
		Actor2:        Actor{Code: "USAGOV", Name: "BARACK OBAMA", CountryCode: "USA", Type1Code: "GOV"},
		IsRootEvent:   true,
		EventCode:     "046",
		EventBaseCode: "046",
		EventRootCode: "04",
		QuadClass:     1,
		Goldstein:     7,
		NumMentions:   5,
		NumSources:    1,
		NumArticles:   5,
		AvgTone:       2.33333333333333,
		Actor1Geo:     Geo{Type: "0"},
		Actor2Geo:     Geo{Type: "0"},
		ActionGeo:     Geo{Type: "0"},
		DateAdded:     "20130401",
		SourceURL:     "http://www.example.org/merkel-obama",
	}
	if diff := cmp.Diff(want, ev); diff != "" {
		t.Errorf("ParseLine mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLineReads1HistoricalLayoutWithoutSourceURL(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "historical10.tsv")[0])
	if ev.Layout != Layout1History || ev.SourceURL != "" || ev.DateAdded != "20130203" ||
		ev.EventCode != "112" || ev.Actor1.Name != "SOVIET UNION" || ev.Date.String() != "1979-01-01" {
		t.Errorf("ParseLine = %+v", ev)
	}
}

func TestParseLineAcceptsEveryGoodFixtureLine(t *testing.T) {
	for _, name := range []string{"export20.tsv", "daily10.tsv", "historical10.tsv"} {
		for i, line := range fixtureLines(t, name) {
			if len(line) == 0 {
				continue
			}
			if _, err := ParseLine(line); err != nil {
				t.Errorf("%s:%d: %v", name, i+1, err)
			}
		}
	}
}

func TestParseLineKeepsQuotesAndUnicodeInNames(t *testing.T) {
	lines := fixtureLines(t, "export20.tsv")
	tests := []struct {
		line         int // 1-based, in the file
		name1, name2 string
	}{
		{5, `THE "MEMORIAL" SOCIETY`, "EUROPEAN UNION"},
		{6, "VOLODYMYR ZELENSKYY", "Владимир Путин"},
		{7, "Volodymyr Zélenskyy", "RECEP TAYYİP ERDOĞAN"},
	}
	for _, tt := range tests {
		ev := mustParse(t, lines[tt.line-1])
		if ev.Actor1.Name != tt.name1 || ev.Actor2.Name != tt.name2 {
			t.Errorf("line %d: names %q, %q; want %q, %q", tt.line, ev.Actor1.Name, ev.Actor2.Name, tt.name1, tt.name2)
		}
	}
}

func TestParseLineToleratesCRLF(t *testing.T) {
	lines := fixtureLines(t, "export20.tsv")
	crlf := lines[8] // written with "\r\n"
	if !bytes.HasSuffix(crlf, []byte("\r")) {
		t.Fatalf("fixture line 9 should end in \\r: %q", crlf[len(crlf)-5:])
	}
	ev := mustParse(t, crlf)
	if ev.SourceURL != "https://example.com/news/prisoners" {
		t.Errorf("SourceURL = %q: the \\r was kept", ev.SourceURL)
	}
}

func TestParseLineRejectsBadLinesWithReasons(t *testing.T) {
	want := []string{
		"60 fields, want 57, 58 or 61",
		"1 fields, want 57, 58 or 61",
		`field 30 GoldsteinScale: "abc" is not a number`,
		`field 1 SQLDATE: "20250230" is not a date (YYYYMMDD)`,
		`field 26 EventCode: "4" is not a CAMEO event code (2 to 4 digits)`,
		`field 29 QuadClass: "5" is not a QuadClass (1 to 4)`,
		`field 31 NumMentions: "-3" is not a count (a non-negative integer)`,
		`field 34 AvgTone: "NaN" is not a number`,
		`field 34 AvgTone: 120.5 is outside [-100, 100]`,
		`field 0 GLOBALEVENTID: "12a" is not an event id (digits)`,
		`field 6 Actor1Name: invalid UTF-8`,
		"", // both actors empty: parses; Map skips it
		`field 30 GoldsteinScale: 11 is outside [-10, 10]`,
		`field 5 Actor1Code: "RUS-GOV" is not a CAMEO actor code (letters and digits)`,
		`field 59 DATEADDED: "2025" is not a timestamp (YYYYMMDDHHMMSS or YYYYMMDD)`,
		"62 fields, want 57, 58 or 61",
	}
	lines := fixtureLines(t, "bad.tsv")
	if len(lines) != len(want) {
		t.Fatalf("bad.tsv has %d lines, the test expects %d", len(lines), len(want))
	}
	for i, line := range lines {
		_, err := ParseLine(line)
		got := ""
		if err != nil {
			got = err.Error()
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("line %d: error %v does not wrap ErrMalformed", i+1, err)
			}
		}
		if got != want[i] {
			t.Errorf("line %d: error %q, want %q", i+1, got, want[i])
		}
	}
}

func TestParseLineNamesFieldsInTheLinesOwnLayout(t *testing.T) {
	line := fixtureLines(t, "daily10.tsv")[0]
	fields := bytes.Split(line, []byte("\t"))
	fields[56] = []byte("x") // DATEADDED: 59 in 2.0 numbering, 56 in 1.0
	_, err := ParseLine(bytes.Join(fields, []byte("\t")))
	want := `field 56 DATEADDED: "x" is not a timestamp (YYYYMMDDHHMMSS or YYYYMMDD)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestParseLineRejectsOtherMalformedValues(t *testing.T) {
	base := fixtureLines(t, "export20.tsv")[0]
	tests := []struct {
		col   int
		value string
		want  string
	}{
		{30, "Inf", `field 30 GoldsteinScale: "Inf" is not a number`},
		{30, "0x1p2", `field 30 GoldsteinScale: "0x1p2" is not a number`},
		{30, "", `field 30 GoldsteinScale: "" is not a number`},
		{34, "1e999", `field 34 AvgTone: "1e999" is not a number`},
		{31, "+3", `field 31 NumMentions: "+3" is not a count (a non-negative integer)`},
		{31, "99999999999999999999", `field 31 NumMentions: "99999999999999999999" is not a count (a non-negative integer)`},
		{0, "99999999999999999999", `field 0 GLOBALEVENTID: "99999999999999999999" is not an event id (digits)`},
		{1, "2025519", `field 1 SQLDATE: "2025519" is not a date (YYYYMMDD)`},
		{1, "00000101", `field 1 SQLDATE: "00000101" is not a date (YYYYMMDD)`},
		{25, "2", `field 25 IsRootEvent: "2" is not 0 or 1`},
		{27, "04a", `field 27 EventBaseCode: "04a" is not a CAMEO event code (2 to 4 digits)`},
		{26, "12345", `field 26 EventCode: "12345" is not a CAMEO event code (2 to 4 digits)`},
		{6, "PUTIN\x00", `field 6 Actor1Name: control character U+0000`},
		{16, "A\rB", `field 16 Actor2Name: control character U+000D`},
	}
	for _, tt := range tests {
		fields := bytes.Split(base, []byte("\t"))
		fields[tt.col] = []byte(tt.value)
		_, err := ParseLine(bytes.Join(fields, []byte("\t")))
		if err == nil || err.Error() != tt.want {
			t.Errorf("col %d = %q: error %v, want %s", tt.col, tt.value, err, tt.want)
		}
	}
}

func TestLineErrorPrefixesSourceAndLine(t *testing.T) {
	e := &LineError{Source: "a.zip:b.CSV", Line: 7, Field: 30, FieldName: "GoldsteinScale", Reason: `"abc" is not a number`}
	if got, want := e.Error(), `a.zip:b.CSV:7: field 30 GoldsteinScale: "abc" is not a number`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAppendLineRoundTripsEveryLayout(t *testing.T) {
	for _, name := range []string{"export20.tsv", "daily10.tsv", "historical10.tsv"} {
		for i, line := range fixtureLines(t, name) {
			if len(line) == 0 {
				continue
			}
			ev := mustParse(t, line)
			out := AppendLine(nil, &ev)
			again, err := ParseLine(out)
			if err != nil {
				t.Fatalf("%s:%d: re-encoded line rejected: %v\n%s", name, i+1, err, out)
			}
			if diff := cmp.Diff(ev, again); diff != "" {
				t.Errorf("%s:%d: round trip (-first +second):\n%s", name, i+1, diff)
			}
			if got := bytes.Count(out, []byte("\t")) + 1; got != int(ev.Layout) {
				t.Errorf("%s:%d: re-encoded with %d fields, want %d", name, i+1, got, ev.Layout)
			}
		}
	}
}

func TestAppendLineWritesDerivedDateFields(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	fields := bytes.Split(AppendLine(nil, &ev), []byte("\t"))
	got := string(bytes.Join(fields[:5], []byte(" ")))
	if want := "1234567890 20250519 202505 2025 2025.3781"; got != want {
		t.Errorf("first fields = %q, want %q", got, want)
	}
	if string(fields[30]) != "1.0" {
		t.Errorf("Goldstein written as %q, want 1.0", fields[30])
	}
}

// GDELT writes CAMEO ethnic and religion codes in lower case, also inside
// actor codes ("kur", "idgCOP"); about 1% of real rows have one, and they
// are valid rows.
func TestParseLineAcceptsLowerCaseEthnicAndReligionCodes(t *testing.T) {
	line := string(fixtureLines(t, "export20.tsv")[0])
	f := strings.Split(line, "\t")
	f[5], f[6], f[7], f[9], f[12] = "idgCOP", "POLICE", "", "idg", "COP"
	f[15], f[16], f[17], f[19] = "kur", "KURDISH", "", "kur"
	ev := mustParse(t, []byte(strings.Join(f, "\t")))
	if ev.Actor1.Code != "idgCOP" || ev.Actor1.EthnicCode != "idg" || ev.Actor2.Code != "kur" || ev.Actor2.EthnicCode != "kur" {
		t.Fatalf("actors %+v / %+v: codes not kept as given", ev.Actor1, ev.Actor2)
	}
}
