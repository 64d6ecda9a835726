package icews

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// docTable returns the first and last cells of the rows between
// <!-- name --> and <!-- /name --> in docs/icews.md, code quotes removed.
func docTable(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/icews.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- "+name+" -->")
	table, _, ok2 := strings.Cut(rest, "<!-- /"+name+" -->")
	if !ok || !ok2 {
		t.Fatalf("docs/icews.md has no %s table markers", name)
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

func TestDocRoleTableMatchesCode(t *testing.T) {
	code := map[string]string{}
	for _, row := range sectorRoles {
		code[row.Role] = strings.Join(row.Words, ", ")
	}
	if diff := cmp.Diff(code, docTable(t, "sector-roles")); diff != "" {
		t.Errorf("docs/icews.md sector roles differ from sectorRoles (-code +doc):\n%s", diff)
	}
}

func TestDocRoleTableKeepsTheCodesOrder(t *testing.T) {
	b, err := os.ReadFile("../../docs/icews.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	last := -1
	for _, row := range sectorRoles {
		at := strings.Index(doc, "| `"+row.Role+"` |")
		if at < last {
			t.Errorf("docs/icews.md lists %s out of sectorRoles order (the order is the priority)", row.Role)
		}
		last = at
	}
}
