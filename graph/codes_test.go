package graph

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// codeRow matches one row of a documented code table:
// | `CODE` | meaning | status as application/json | status as application/graphql-response+json |
var codeRow = regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| (.+) \\| ([^|]+) \\| ([^|]+) \\|$")

// docRow is one row of a documented code table.
type docRow struct {
	Code                  Code
	Meaning               string
	JSON, GraphQLResponse string
}

// documentedCodes returns the rows of the code table in doc.
func documentedCodes(doc string) []docRow {
	var out []docRow
	for _, m := range codeRow.FindAllStringSubmatch(doc, -1) {
		out = append(out, docRow{Code: Code(m[1]), Meaning: m[2], JSON: m[3], GraphQLResponse: m[4]})
	}
	return out
}

// wantRows is Codes as the docs should list them.
func wantRows() []docRow {
	out := make([]docRow, len(Codes))
	for i, c := range Codes {
		json, gr := c.Statuses()
		out[i] = docRow{Code: c.Code, Meaning: c.Meaning, JSON: json, GraphQLResponse: gr}
	}
	return out
}

// codeTable renders Codes as the docs list them.
func codeTable() string {
	var b strings.Builder
	b.WriteString("| code | meaning | HTTP status as `application/json` | as `application/graphql-response+json` |\n|---|---|---|---|\n")
	for _, r := range wantRows() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Code, r.Meaning, r.JSON, r.GraphQLResponse)
	}
	return b.String()
}

// section returns the text of s from the line start up to the line end
// (exclusive), failing if either is missing.
func section(tb testing.TB, s, start, end string) string {
	tb.Helper()
	_, after, ok := strings.Cut(s, start)
	if !ok {
		tb.Fatalf("no %q", start)
	}
	before, _, ok := strings.Cut(after, end)
	if !ok {
		tb.Fatalf("no %q after %q", end, start)
	}
	return before
}

// TestCodesAreDocumented: the README's Errors section and the schema's
// description list exactly the codes of Codes, with the same meaning and
// status, so the docs cannot drift from the code.
func TestCodesAreDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	docs := []struct{ name, text string }{
		{"README.md, section Errors", section(t, string(readme), "\n### Errors\n", "\n## ")},
		{"schema.graphqls, its description", section(t, string(schema), `"""`, `"""`)},
	}
	want := wantRows()
	for _, doc := range docs {
		if diff := cmp.Diff(want, documentedCodes(doc.text)); diff != "" {
			t.Errorf("%s lists other codes than graph.Codes (-Codes +doc):\n%s\nthe table should read:\n%s", doc.name, diff, codeTable())
		}
	}
}

// TestCodesAreUnique: no code appears twice in Codes, and every row has a
// meaning and a status.
func TestCodesAreUnique(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range Codes {
		if seen[c.Code] {
			t.Errorf("%s appears twice", c.Code)
		}
		seen[c.Code] = true
		if c.Meaning == "" || (c.Stage == Refused) != (c.Status != 0) {
			t.Errorf("%s lacks a meaning, or has a status without being Refused (or the reverse)", c.Code)
		}
	}
}
