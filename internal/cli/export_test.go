package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/dataset"
)

// TestExportCommandGraphFormats: `export -format …` writes the whole store
// (the seeded article) in each graph format, and -types/-since/-until keep
// the relationships they name and the actors at their ends.
func TestExportCommandGraphFormats(t *testing.T) {
	data := t.TempDir()
	getenv := func(k string) string {
		if strings.HasPrefix(k, "NEO4J_") {
			return ""
		}
		return os.Getenv(k)
	}
	run := func(t *testing.T, args ...string) []byte {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := Run(t.Context(), append([]string{args[0], "-data", data}, args[1:]...), getenv, &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.Bytes()
	}
	run(t, "seed")
	article, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	nActors, nRels := len(article.Actors), 0
	for _, r := range article.Relationships {
		if !r.OneActor() {
			nRels++
		}
	}

	t.Run("GraphML", func(t *testing.T) {
		var doc struct {
			Graph struct {
				Nodes []struct{} `xml:"node"`
				Edges []struct{} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(run(t, "export", "-format", "graphml"), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Graph.Nodes) != nActors || len(doc.Graph.Edges) != nRels {
			t.Errorf("%d nodes, %d edges; want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), nActors, nRels)
		}
	})
	t.Run("GEXFToAFile", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "g.gexf")
		run(t, "export", "-format", "gexf", "-o", file)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Graph struct {
				Nodes []struct{} `xml:"nodes>node"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Graph.Nodes) != nActors {
			t.Errorf("%v: %d nodes, want %d", err, len(doc.Graph.Nodes), nActors)
		}
	})
	t.Run("CSVEdgesFiltered", func(t *testing.T) {
		rows, err := csv.NewReader(bytes.NewReader(run(t, "export", "-format", "csv-edges", "-types", "SPOKE_WITH", "-since", "2025-01-01"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, r := range article.Relationships {
			if r.Type == "SPOKE_WITH" && r.Date != nil && r.Date.String() >= "2025-01-01" {
				want++
			}
		}
		if want == 0 || len(rows)-1 != want {
			t.Fatalf("%d rows, want %d", len(rows)-1, want)
		}
		for _, row := range rows[1:] {
			if row[3] != "SPOKE_WITH" {
				t.Errorf("row %q is not SPOKE_WITH", row)
			}
		}
	})
	t.Run("CytoscapeFilteredHasOnlyTheEnds", func(t *testing.T) {
		var doc struct {
			Elements struct {
				Nodes []struct{ Data map[string]any } `json:"nodes"`
				Edges []struct{ Data map[string]any } `json:"edges"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(run(t, "export", "-format", "cytoscape", "-types", "SPOKE_WITH"), &doc); err != nil {
			t.Fatal(err)
		}
		ends := map[string]bool{}
		for _, e := range doc.Elements.Edges {
			ends[e.Data["source"].(string)] = true
			ends[e.Data["target"].(string)] = true
		}
		if len(doc.Elements.Edges) == 0 || len(doc.Elements.Nodes) != len(ends) || len(ends) >= nActors {
			t.Errorf("%d nodes for %d ends of %d edges (of %d actors)", len(doc.Elements.Nodes), len(ends), len(doc.Elements.Edges), nActors)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		for _, args := range [][]string{
			{"export", "-format", "pdf"},
			{"export", "-types", "SPOKE_WITH"},
			{"export", "-format", "gexf", "-since", "May"},
			{"export", "-format", "gexf", "-types", "HUGGED"},
		} {
			var out, errOut bytes.Buffer
			if err := Run(t.Context(), append([]string{args[0], "-data", data}, args[1:]...), getenv, &out, &errOut); err == nil {
				t.Errorf("%v: no error", args)
			}
		}
	})
}
