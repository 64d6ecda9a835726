package resolve

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func TestDocRoleKindTableMatchesCode(t *testing.T) {
	b, err := os.ReadFile("../../docs/resolution.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- role-kinds -->")
	table, _, ok2 := strings.Cut(rest, "<!-- /role-kinds -->")
	if !ok || !ok2 {
		t.Fatal("docs/resolution.md has no role-kinds table markers")
	}
	doc := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		doc[strings.Trim(strings.TrimSpace(cells[0]), "`")] = strings.TrimSpace(cells[len(cells)-1])
	}
	code := map[string]string{}
	for role, kind := range roleKinds {
		code[role] = string(kind)
		if !kind.Valid() || kind == actorgraph.KindLeader {
			t.Errorf("role %s maps to %s", role, kind)
		}
	}
	if diff := cmp.Diff(code, doc); diff != "" {
		t.Errorf("docs/resolution.md role kinds differ from roleKinds (-code +doc):\n%s", diff)
	}
}
