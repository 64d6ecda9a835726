package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/gdelt/gdeltgen"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
)

// The `export` and `import` commands round-trip a store, which is how a
// Neo4j store is carried between deployments without neo4j-admin (README,
// Backups): fill a store (the article and generated GDELT rows), export it,
// import the file into an empty store, export again: the same actors and
// relationships (each store keeps its own audit trail).
func TestExportImportCommandsRoundTrip(t *testing.T) {
	var rows bytes.Buffer
	if err := gdeltgen.Write(&rows, 200, 5, gdelt.Layout2); err != nil {
		t.Fatal(err)
	}
	events := filepath.Join(t.TempDir(), "rows.export.CSV")
	if err := os.WriteFile(events, rows.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	roundTrip := func(t *testing.T, getenv func(string) string, storeArgs func() []string, empty func(t *testing.T)) {
		cmd := func(name string, args ...string) {
			t.Helper()
			var out, errOut bytes.Buffer
			if err := Run(t.Context(), append(append([]string{name}, storeArgs()...), args...), getenv, &out, &errOut); err != nil {
				t.Fatalf("%s %v: %v\n%s", name, args, err, errOut.String())
			}
		}
		dir := t.TempDir()
		first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
		cmd("seed")
		cmd("import", events)
		cmd("export", "-o", first)
		empty(t)
		cmd("import", first)
		cmd("export", "-o", second)
		a, _ := os.ReadFile(first)
		b, _ := os.ReadFile(second)
		// The audit trail is exported after the data and not imported:
		// the data round-trips, the changes are each store's own.
		const changes = ",\n  \"changes\": ["
		dataA, changesA, okA := bytes.Cut(a, []byte(changes))
		dataB, changesB, okB := bytes.Cut(b, []byte(changes))
		if !okA || !okB {
			t.Fatalf("an export has no changes array")
		}
		if len(a) == 0 || !bytes.Equal(dataA, dataB) {
			t.Fatalf("export → import into an empty store → export differs (%d and %d bytes)", len(a), len(b))
		}
		for _, who := range []string{`"who": "seed"`, `"who": "import"`} {
			if !bytes.Contains(changesA, []byte(who)) {
				t.Errorf("the first export's changes have no %s", who)
			}
		}
		if bytes.Contains(changesB, []byte(`"who": "seed"`)) || !bytes.Contains(changesB, []byte(`"who": "import"`)) {
			t.Errorf("the second export's changes should be the import's only:\n%.2000s", changesB)
		}
		if n := strings.Count(string(a), `"id": "gdelt-`); n < 100 {
			t.Errorf("the export holds %d GDELT relationships, want the import's", n)
		}
	}
	t.Run("memstore", func(t *testing.T) {
		getenv := func(k string) string {
			if strings.HasPrefix(k, "NEO4J_") {
				return ""
			}
			return os.Getenv(k)
		}
		data := t.TempDir()
		roundTrip(t, getenv, func() []string { return []string{"-data", data, "-no-seed"} }, func(t *testing.T) {
			data = t.TempDir() // a new, empty data directory
		})
	})
	t.Run("neo4j", func(t *testing.T) {
		neo4jtest.Require(t)
		// An empty database: no actors, relationships or audit trail (the
		// trail outlives the actors it names, so MustEmpty keeps it).
		empty := func(t *testing.T) {
			cfg := neo4jstore.ConfigFromEnv(os.Getenv)
			drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
			if err != nil {
				t.Fatal(err)
			}
			defer drv.Close(t.Context())
			if _, err := neo4j.ExecuteQuery(t.Context(), drv, "MATCH (n) DETACH DELETE n", nil,
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
				t.Fatal(err)
			}
		}
		empty(t)
		roundTrip(t, os.Getenv, func() []string { return nil }, empty)
	})
}
