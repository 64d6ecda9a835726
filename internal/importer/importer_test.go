package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/gdelt/gdeltgen"
	"github.com/actorgraph/actorgraph/internal/importer"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// stores runs test on a fresh embedded store and, when NEO4J_URI is set
// (required in CI), on the emptied Neo4j store.
func stores(t *testing.T, test func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph)) {
	t.Run("memstore", func(t *testing.T) {
		test(t, func(t *testing.T) *actorgraph.Graph {
			s, _, err := memstore.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return actorgraph.NewGraph(s)
		})
	})
	t.Run("neo4j", func(t *testing.T) {
		neo4jtest.Require(t)
		cfg := neo4jstore.ConfigFromEnv(os.Getenv)
		test(t, func(t *testing.T) *actorgraph.Graph {
			s, err := neo4jstore.Open(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			g := actorgraph.NewGraph(s)
			storetest.MustEmpty(t, g)
			return g
		})
	})
}

// generated returns n generated GDELT 2.0 rows, one per line.
func generated(t *testing.T, n int, seed int64) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := gdeltgen.Write(&buf, n, seed, gdelt.Layout2); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

// setFields changes fields of a tab-separated row (docs/domain.md's numbering).
func setFields(line string, values map[int]string) string {
	f := strings.Split(line, "\t")
	for i, v := range values {
		f[i] = v
	}
	return strings.Join(f, "\t")
}

// blankActor empties one actor's ten fields (1: fields 5–14, 2: 15–24).
func blankActor(line string, which int) string {
	values := map[int]string{}
	for i := 0; i < 10; i++ {
		values[5+(which-1)*10+i] = ""
	}
	return setFields(line, values)
}

func writeFile(t *testing.T, name string, lines []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mixedFile has 20 good rows (one of them a one-actor event), a blank
// line, an event without actors, and three malformed lines.
func mixedFile(t *testing.T) (path string, oneActorID string) {
	rows := generated(t, 24, 7)
	eventID := func(line string) string { return "gdelt-" + strings.SplitN(line, "\t", 2)[0] }
	oneActor := blankActor(blankActor(rows[3], 2), 2)
	lines := append([]string{}, rows[:3]...)
	lines = append(lines,
		oneActor,
		"",
		blankActor(blankActor(rows[4], 1), 2), // no actor at all: skipped
		"1\t2\t3",                             // 3 fields: rejected
		setFields(rows[5], map[int]string{30: "abc"}),     // Goldstein not a number: rejected
		setFields(rows[6], map[int]string{1: "20251340"}), // no such date: rejected
	)
	lines = append(lines, rows[7:]...)
	return writeFile(t, "mixed.export.CSV", lines), eventID(oneActor)
}

func mustImport(t *testing.T, s *actorgraph.Graph, opts importer.Options, paths ...string) importer.Summary {
	t.Helper()
	sum, err := importer.Import(t.Context(), s, paths, opts)
	if err != nil {
		t.Fatalf("Import(%v): %v", paths, err)
	}
	return sum
}

func mustExport(t *testing.T, s *actorgraph.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := dataset.Export(t.Context(), s, &buf, "test"); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes()
}

func TestImportGDELTCountsAndReportsEveryLine(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		s := newStore(t)
		path, oneActorID := mixedFile(t)
		var rejected []string
		sum := mustImport(t, s, importer.Options{BatchSize: 7, Reject: func(err error) { rejected = append(rejected, err.Error()) }}, path)
		want := importer.Summary{Files: 1, Read: 26, Imported: 21, Skipped: 2, Rejected: 3, Relationships: 21}
		sum.Elapsed, sum.Actors = 0, 0
		if diff := cmp.Diff(want, sum); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
		wantReasons := []string{path + ":7: ", path + ":8: field 30 GoldsteinScale", path + ":9: field 1 SQLDATE"}
		if len(rejected) != len(wantReasons) {
			t.Fatalf("rejected = %q, want 3 reports", rejected)
		}
		for i, prefix := range wantReasons {
			if !strings.HasPrefix(rejected[i], prefix) {
				t.Errorf("report %d = %q, want it to start with %q", i, rejected[i], prefix)
			}
		}
		if st, _ := s.Stats(t.Context()); st.Relationships != 21 {
			t.Errorf("store holds %d relationships, want 21", st.Relationships)
		}
		page, err := s.Relationships(t.Context(), actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range page.Items {
			if r.ID == oneActorID {
				found = true
				if r.From == "" || r.To != "" {
					t.Errorf("one-actor event %s has from %q to %q, want only from", r.ID, r.From, r.To)
				}
			}
			if len(r.Evidence) != 1 || r.Evidence[0].Kind != actorgraph.CodedEvent || r.Evidence[0].Source == "" {
				t.Errorf("relationship %s evidence = %+v, want one coded event with a source", r.ID, r.Evidence)
			}
		}
		if !found {
			t.Errorf("the one-actor event %s was not imported", oneActorID)
		}
	})
}

func TestImportTwiceChangesNothing(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		s := newStore(t)
		path := writeFile(t, "rows.export.CSV", generated(t, 300, 3))
		mustImport(t, s, importer.Options{BatchSize: 64}, path)
		first := mustExport(t, s)
		mustImport(t, s, importer.Options{BatchSize: 100}, path)
		if diff := cmp.Diff(string(first), string(mustExport(t, s))); diff != "" {
			t.Errorf("the store changed on the second import (-first +second):\n%s", diff)
		}
	})
}

func TestStrictImportWithABadLineWritesNothing(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		s := newStore(t)
		good := writeFile(t, "good.export.CSV", generated(t, 50, 11))
		mustImport(t, s, importer.Options{}, good)
		before := mustExport(t, s)
		bad, _ := mixedFile(t)
		sum, err := importer.Import(t.Context(), s, []string{bad}, importer.Options{Strict: true, BatchSize: 2})
		if !errors.Is(err, importer.ErrRejected) || !errors.Is(err, actorgraph.ErrInvalid) {
			t.Fatalf("strict Import = %v, want ErrRejected", err)
		}
		if sum.Rejected != 3 || sum.Imported != 0 {
			t.Errorf("summary = %+v, want 3 rejected and none imported", sum)
		}
		if diff := cmp.Diff(string(before), string(mustExport(t, s))); diff != "" {
			t.Errorf("a failed strict import changed the store (-before +after):\n%s", diff)
		}
	})
}

func TestImportReadsZipArchivesLikePlainFiles(t *testing.T) {
	rows := generated(t, 120, 5)
	plain := writeFile(t, "20250519000000.export.CSV", rows)
	zipped := filepath.Join(t.TempDir(), "20250519000000.export.CSV.zip")
	f, err := os.Create(zipped)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("20250519000000.export.CSV")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(strings.Join(rows, "\n") + "\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	open := func(t *testing.T) *actorgraph.Graph {
		s, _, err := memstore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return actorgraph.NewGraph(s)
	}
	a, b := open(t), open(t)
	sumA := mustImport(t, a, importer.Options{}, plain)
	sumB := mustImport(t, b, importer.Options{}, zipped)
	if sumA.Imported != 120 || sumB.Imported != 120 {
		t.Errorf("imported %d plain and %d zipped rows, want 120 each", sumA.Imported, sumB.Imported)
	}
	if diff := cmp.Diff(string(mustExport(t, a)), string(mustExport(t, b))); diff != "" {
		t.Errorf("zip and plain imports differ (-plain +zip):\n%s", diff)
	}
}

func TestDatasetExportImportRoundTrip(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		ds, err := dataset.Article()
		if err != nil {
			t.Fatal(err)
		}
		src := newStore(t)
		if err := src.Upsert(t.Context(), ds.Actors, ds.Relationships); err != nil {
			t.Fatal(err)
		}
		gdeltRows := writeFile(t, "rows.export.CSV", generated(t, 200, 9))
		mustImport(t, src, importer.Options{}, gdeltRows) // one-actor events, GDELT fields
		exported := mustExport(t, src)
		decoded, err := dataset.Decode(bytes.NewReader(exported))
		if err != nil {
			t.Fatalf("the export is not a valid dataset: %v", err)
		}
		file := filepath.Join(t.TempDir(), "export.json")
		if err := os.WriteFile(file, exported, 0o644); err != nil {
			t.Fatal(err)
		}
		dst := newStore(t) // on Neo4j this empties the database: src is gone
		sum := mustImport(t, dst, importer.Options{BatchSize: 50}, file)
		if want := len(decoded.Actors) + len(decoded.Relationships); sum.Imported != want || sum.Rejected != 0 {
			t.Errorf("summary = %+v, want %d imported", sum, want)
		}
		if diff := cmp.Diff(string(exported), string(mustExport(t, dst))); diff != "" {
			t.Errorf("export → import → export changed the data (-first +second):\n%s", diff)
		}
	})
}

func TestDatasetImportRejectsInvalidRecordsAndReportsThem(t *testing.T) {
	d, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	s := actorgraph.NewGraph(d)
	doc := `{"format": "actorgraph-dataset", "version": 1, "sources": [],
	  "actors": [
	    {"id": "a", "kind": "LEADER", "name": "A", "aliases": []},
	    {"id": "Bad Id", "kind": "LEADER", "name": "B", "aliases": []},
	    {"id": "c", "kind": "GROUP", "name": "C", "aliases": []}
	  ],
	  "relationships": [
	    {"id": "r1", "type": "MET_WITH", "from": "a", "to": "c", "date": null, "goldstein": null, "modality": "ASSERTED", "evidence": [{"quote": "q", "source": "s"}]}
	  ]}`
	path := filepath.Join(t.TempDir(), "d.json")
	os.WriteFile(path, []byte(doc), 0o644)
	var reports []string
	sum, err := importer.Import(t.Context(), s, []string{path}, importer.Options{Reject: func(err error) { reports = append(reports, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 4 || sum.Imported != 3 || sum.Rejected != 1 {
		t.Errorf("summary = %+v, want 4 read, 3 imported, 1 rejected", sum)
	}
	if len(reports) != 1 || !strings.Contains(reports[0], "actors[1]") || !strings.Contains(reports[0], "Bad Id") {
		t.Errorf("reports = %q, want one naming actors[1] and its id", reports)
	}
	for _, bad := range []string{`{"format": "other", "version": 1}`, `{"actors": []}`, `{"format": "actorgraph-dataset", "version": 1, "actors": [{"id": `} {
		p := filepath.Join(t.TempDir(), "bad.json")
		os.WriteFile(p, []byte(bad), 0o644)
		if _, err := importer.Import(context.Background(), s, []string{p}, importer.Options{}); !errors.Is(err, actorgraph.ErrInvalid) {
			t.Errorf("Import(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestPathBetweenImportedActors(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		s := newStore(t)
		mustImport(t, s, importer.Options{}, writeFile(t, "rows.export.CSV", generated(t, 400, 13)))
		rels, err := s.Relationships(t.Context(), actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: 400})
		if err != nil {
			t.Fatal(err)
		}
		// Find a → b → c with no a–c relationship, so the path must pass b.
		direct := map[[2]string]bool{}
		for _, r := range rels.Items {
			direct[[2]string{r.From, r.To}], direct[[2]string{r.To, r.From}] = true, true
		}
		var from, to string
		for _, r1 := range rels.Items {
			for _, r2 := range rels.Items {
				if !r1.OneActor() && !r2.OneActor() && r1.To == r2.From && r2.To != r1.From && !direct[[2]string{r1.From, r2.To}] {
					from, to = r1.From, r2.To
				}
			}
		}
		if from == "" {
			t.Fatal("the generated graph has no two-step pair")
		}
		p, err := s.ShortestPath(t.Context(), from, to, actorgraph.PathOptions{MaxHops: 4})
		if err != nil || p == nil {
			t.Fatalf("ShortestPath(%s, %s) = %v, %v; want a path", from, to, p, err)
		}
		if p.Length() != 2 || p.Nodes[0].ID != from || p.Nodes[2].ID != to {
			t.Errorf("path = %v, want 2 steps from %s to %s", p.Nodes, from, to)
		}
		for _, r := range p.Relationships {
			if r.Evidence[0].Kind != actorgraph.CodedEvent || !strings.HasPrefix(r.ID, "gdelt-") {
				t.Errorf("step %s is not an imported GDELT event", r.ID)
			}
		}
	})
}
