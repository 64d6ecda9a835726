package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func ptr[T any](v T) *T { return &v }

func date(t *testing.T, s string) *actorgraph.Date {
	t.Helper()
	d, err := actorgraph.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// fixture: three actors, two parallel edges between two of them, one
// edge with hostile text, one one-actor event (left out of the graphs).
func fixture(t *testing.T) ([]actorgraph.Actor, []actorgraph.Relationship) {
	actors := []actorgraph.Actor{
		{ID: "trump", Kind: actorgraph.KindLeader, Name: "Donald Trump", Country: "USA", CAMEOCode: "USAGOV", WikidataID: "Q22686", Aliases: []string{"Trump", "POTUS"}},
		{ID: "putin", Kind: actorgraph.KindLeader, Name: "Vladimir Putin", Country: "RUS", WikidataID: "Q7747"},
		{ID: "evil", Kind: actorgraph.KindGroup, Name: `=HYPERLINK("http://x")`, Description: "<tag> & \"quotes\"\tand\nlines"},
	}
	rels := []actorgraph.Relationship{
		{ID: "r1", Type: actorgraph.SpokeWith, From: "trump", To: "putin", Date: date(t, "2025-05-19"), CAMEOCode: "040", Goldstein: ptr(1.0), Modality: actorgraph.Asserted,
			Summary: "a two-hour call", Evidence: []actorgraph.Evidence{{Quote: "Trump said he spoke with Putin", Source: "Reuters"}, {Quote: "second", Source: "AP"}}},
		{ID: "r2", Type: actorgraph.MetWith, From: "trump", To: "putin", Date: date(t, "2025-08-15"), Goldstein: ptr(-2.5), Modality: actorgraph.Intended,
			Evidence: []actorgraph.Evidence{{Quote: "-they will meet", Source: "@wire"}}},
		{ID: "r3", Type: actorgraph.Praised, From: "evil", To: "trump", Modality: actorgraph.Claimed,
			Summary: "+1 <b>bold</b> & \"so\"", Evidence: []actorgraph.Evidence{{Quote: "\rcarriage", Source: "\ttab"}}},
		{ID: "r4", Type: actorgraph.SpokeWith, From: "putin", Modality: actorgraph.Asserted, Evidence: []actorgraph.Evidence{{Quote: "one actor", Source: "TASS"}}},
	}
	return actors, rels
}

func render(t *testing.T, f Format) []byte {
	t.Helper()
	actors, rels := fixture(t)
	var buf bytes.Buffer
	if err := Write(&buf, f, SliceSource(actors, rels)); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

// xmlDoc is the shape both XML formats share enough of to count.
type xmlDoc struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		Mode       string `xml:"mode,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes     []xmlNode `xml:"node"`
		Edges     []xmlEdge `xml:"edge"`
		GEXFNodes []xmlNode `xml:"nodes>node"`
		GEXFEdges []xmlEdge `xml:"edges>edge"`
	} `xml:"graph"`
}

type xmlNode struct {
	ID    string    `xml:"id,attr"`
	Label string    `xml:"label,attr"`
	Data  []xmlData `xml:"data"`
	Vals  []struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	} `xml:"attvalues>attvalue"`
}

type xmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Start  string    `xml:"start,attr"`
	End    string    `xml:"end,attr"`
	Data   []xmlData `xml:"data"`
	Vals   []struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	} `xml:"attvalues>attvalue"`
}

type xmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestGraphMLParsesWithAttributes(t *testing.T) {
	var doc xmlDoc
	if err := xml.Unmarshal(render(t, GraphML), &doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range doc.Keys {
		keys = append(keys, k.For+":"+k.Name)
	}
	for _, want := range []string{"node:name", "node:kind", "node:country", "node:cameoCode", "node:wikidataId", "edge:type", "edge:date", "edge:cameoCode", "edge:goldstein", "edge:modality", "edge:summary", "edge:quote", "edge:quoteSource"} {
		if !slices.Contains(keys, want) {
			t.Errorf("no key %s in %v", want, keys)
		}
	}
	if len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 3 {
		t.Fatalf("nodes %d edges %d, want 3 and 3 (the one-actor event left out)", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	got := map[string]string{}
	for _, d := range doc.Graph.Nodes[2].Data {
		got[d.Key] = d.Value
	}
	if got["n_name"] != `=HYPERLINK("http://x")` || got["n_description"] != "<tag> & \"quotes\"\tand\nlines" {
		t.Errorf("node text did not round-trip: %q", got)
	}
	got = map[string]string{}
	for _, d := range doc.Graph.Edges[0].Data {
		got[d.Key] = d.Value
	}
	if got["e_quote"] != "Trump said he spoke with Putin" || got["e_quoteSource"] != "Reuters" || got["e_goldstein"] != "1" || got["e_date"] != "2025-05-19" {
		t.Errorf("edge r1 data %q", got)
	}
}

func TestGEXFParsesAsDynamicWithAttributes(t *testing.T) {
	var doc xmlDoc
	if err := xml.Unmarshal(render(t, GEXF), &doc); err != nil {
		t.Fatal(err)
	}
	g := doc.Graph
	if g.Mode != "dynamic" || g.TimeFormat != "date" {
		t.Errorf("mode %q timeformat %q, want dynamic and date", g.Mode, g.TimeFormat)
	}
	if len(g.GEXFNodes) != 3 || len(g.GEXFEdges) != 3 {
		t.Fatalf("nodes %d edges %d, want 3 and 3", len(g.GEXFNodes), len(g.GEXFEdges))
	}
	if e := g.GEXFEdges[0]; e.Start != "2025-05-19" || e.End != "2025-05-19" {
		t.Errorf("r1 start %q end %q", e.Start, e.End)
	}
	if e := g.GEXFEdges[2]; e.Start != "" {
		t.Errorf("undated r3 has start %q", e.Start)
	}
	if len(g.Attributes) != 2 || len(g.Attributes[0].Attrs) != len(nodeAttrs) || len(g.Attributes[1].Attrs) != len(edgeAttrs) {
		t.Errorf("attributes %+v", g.Attributes)
	}
	if n := g.GEXFNodes[2]; n.Label != `=HYPERLINK("http://x")` {
		t.Errorf("label %q", n.Label)
	}
}

func TestCSVIsRFC4180AndFormulaSafe(t *testing.T) {
	for _, f := range []Format{CSVNodes, CSVEdges} {
		out := render(t, f)
		if !bytes.Contains(out, []byte("\r\n")) {
			t.Errorf("%s: no CRLF line ends", f)
		}
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q starts a formula", f, cell)
				}
			}
		}
		switch f {
		case CSVNodes:
			if len(rows) != 4 || rows[0][0] != "id" || rows[3][1] != `'=HYPERLINK("http://x")` {
				t.Errorf("nodes %q", rows)
			}
		case CSVEdges:
			if len(rows) != 5 || rows[0][1] != "source" || rows[4][2] != "" {
				t.Errorf("edges %q", rows)
			}
			col := slices.Index(rows[0], "goldstein")
			if rows[2][col] != "'-2.5" {
				t.Errorf("goldstein -2.5 as %q, want '-2.5", rows[2][col])
			}
			if rows[1][slices.Index(rows[0], "quoteSource")] != "Reuters" {
				t.Errorf("r1 quoteSource %q", rows[1])
			}
		}
	}
}

func TestCytoscapeJSON(t *testing.T) {
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(render(t, Cytoscape), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Elements.Nodes) != 3 || len(doc.Elements.Edges) != 3 {
		t.Fatalf("nodes %d edges %d", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
	e := doc.Elements.Edges[1].Data
	if e["source"] != "trump" || e["target"] != "putin" || e["goldstein"] != -2.5 || e["quote"] != "-they will meet" || e["quoteSource"] != "@wire" {
		t.Errorf("edge r2 %v", e)
	}
	if doc.Elements.Nodes[0].Data["wikidataId"] != "Q22686" {
		t.Errorf("node trump %v", doc.Elements.Nodes[0].Data)
	}
}

// networkxScript reads the GraphML and GEXF files given as arguments and
// prints what networkx found.
const networkxScript = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
x = nx.read_gexf(sys.argv[2])
def edge(G, u, v):
    return sorted((d for _, _, d in G.edges(u, data=True) if _ is not None), key=lambda d: str(d.get("id", "")))
out = {
  "graphml": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
              "name": g.nodes["evil"]["name"], "goldstein": sorted(d.get("goldstein") for _, _, d in g.edges(data=True) if "goldstein" in d),
              "quote": sorted(d.get("quote") for _, _, d in g.edges(data=True))},
  "gexf": {"nodes": x.number_of_nodes(), "edges": x.number_of_edges(), "mode": x.graph.get("mode"),
           "label": x.nodes["evil"]["label"], "country": x.nodes["trump"].get("country"),
           "starts": sorted(str(d.get("start")) for _, _, d in x.edges(data=True) if "start" in d),
           "goldstein": sorted(d.get("goldstein") for _, _, d in x.edges(data=True) if "goldstein" in d)},
}
print(json.dumps(out))
`

// TestNetworkxReadsGraphMLAndGEXF: the exports open in a real reader.
// Without networkx it skips, except in CI (CI=true), where it fails:
// .ci/run installs it.
func TestNetworkxReadsGraphMLAndGEXF(t *testing.T) {
	if err := exec.Command("python3", "-c", "import networkx").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with networkx is needed in CI (.ci/run installs it): %v", err)
		}
		t.Skipf("python3 with networkx is not installed: %v", err)
	}
	dir := t.TempDir()
	gml, gexf := filepath.Join(dir, "a.graphml"), filepath.Join(dir, "a.gexf")
	if err := os.WriteFile(gml, render(t, GraphML), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gexf, render(t, GEXF), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-c", networkxScript, gml, gexf).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx could not read the exports: %v\n%s", err, out)
	}
	var got struct {
		GraphML struct {
			Nodes, Edges int
			Name         string
			Goldstein    []float64
			Quote        []string
		}
		GEXF struct {
			Nodes, Edges int
			Mode, Label  string
			Country      string
			Starts       []string
			Goldstein    []float64
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Logf("networkx: %s", out)
	g, x := got.GraphML, got.GEXF
	if g.Nodes != 3 || g.Edges != 3 || g.Name != `=HYPERLINK("http://x")` || !slices.Equal(g.Goldstein, []float64{-2.5, 1}) {
		t.Errorf("GraphML as networkx reads it: %+v", g)
	}
	if !slices.Equal(g.Quote, []string{"\rcarriage", "-they will meet", "Trump said he spoke with Putin"}) {
		t.Errorf("GraphML quotes %q", g.Quote)
	}
	if x.Nodes != 3 || x.Edges != 3 || x.Mode != "dynamic" || x.Label != `=HYPERLINK("http://x")` || x.Country != "USA" || !slices.Equal(x.Goldstein, []float64{-2.5, 1}) {
		t.Errorf("GEXF as networkx reads it: %+v", x)
	}
	if len(x.Starts) != 2 {
		t.Errorf("GEXF edge starts %q, want the two dated edges'", x.Starts)
	}
}
