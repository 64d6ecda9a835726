package icews

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsHeader(t *testing.T) {
	header := fixtureLines(t)[0]
	gdelt, err := os.ReadFile(filepath.Join("..", "gdelt", "testdata", "export20.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	gdeltFirst, _, _ := strings.Cut(string(gdelt), "\n")
	var required8 []string
	for _, c := range required {
		required8 = append(required8, c.String())
	}
	for _, tc := range []struct {
		name string
		line string
		want bool
	}{
		{"Dataverse header", header, true},
		{"with its line break", header + "\n", true},
		{"CRLF", header + "\r\n", true},
		{"BOM", "\xef\xbb\xbf" + header + "\n", true},
		{"only the required columns", strings.Join(required8, "\t"), true},
		{"reordered, with extra columns", "Notes\t" + strings.Join(reverse(required8), "\t") + "\tSource Sectors\tmore", true},
		{"GDELT row", gdeltFirst, false},
		{"a data row", fixtureLines(t)[1], false},
		{"empty", "", false},
		{"lower-case names", strings.ToLower(header), false},
		{"normalised names (R's icews package)", "event_id\tevent_date\tsource_name\tsource_country\tcameo_code\tintensity\ttarget_name\ttarget_country", false},
		{"comma-separated", strings.ReplaceAll(header, "\t", ","), false},
		{"one required column missing", strings.Replace(header, "Intensity", "Goldstein", 1), false},
		{"a column twice", header + "\tEvent ID", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsHeader([]byte(tc.line)); got != tc.want {
				t.Errorf("IsHeader(%.60q…) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}

func reverse(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func TestHeaderErrorsNameTheMissingColumns(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"1234\t20250519\tRUSGOV", `the first line is not an ICEWS header: it has none of the required columns "Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code", "Intensity", "Target Name", "Target Country"`},
		{"Event ID\tEvent Date\tSource Name\tCAMEO Code\tIntensity\tTarget Name", `the header lacks the required column(s) "Source Country", "Target Country"`},
	} {
		if _, err := parseHeader([]byte(tc.line)); err == nil || err.Error() != tc.want {
			t.Errorf("parseHeader(%q) = %v, want %s", tc.line, err, tc.want)
		}
	}
}
