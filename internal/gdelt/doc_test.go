package gdelt

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// docTable returns the first and last cells of the rows between
// <!-- name --> and <!-- /name --> in docs/gdelt.md, code quotes removed.
func docTable(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/gdelt.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- "+name+" -->")
	table, _, ok2 := strings.Cut(rest, "<!-- /"+name+" -->")
	if !ok || !ok2 {
		t.Fatalf("docs/gdelt.md has no %s table markers", name)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		key := strings.Trim(strings.TrimSpace(cells[0]), "`")
		rows[key] = strings.TrimSpace(cells[len(cells)-1])
	}
	return rows
}

func TestDocEventTypeTableMatchesCode(t *testing.T) {
	code := map[string]string{}
	for _, e := range eventTypes {
		code[e.Prefix] = string(e.Type)
	}
	if diff := cmp.Diff(code, docTable(t, "event-types")); diff != "" {
		t.Errorf("docs/gdelt.md event types differ from eventTypes (-code +doc):\n%s", diff)
	}
}
