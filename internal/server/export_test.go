package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/server"
)

func withMaxExportRecords(n int) option {
	return func(c *server.Config) { c.MaxExportRecords = n }
}

// exportGet fetches /export with a GraphQL query in the URL.
func (ts *testServer) exportGet(t *testing.T, format, query string, vars map[string]any, header ...string) (int, http.Header, []byte) {
	t.Helper()
	v := url.Values{"format": {format}, "query": {query}}
	if vars != nil {
		b, _ := json.Marshal(vars)
		v.Set("variables", string(b))
	}
	req, err := http.NewRequest(http.MethodGet, ts.URL+"/export?"+v.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, req, header...)
}

// exportPost posts a GraphQL request to /export?format=….
func (ts *testServer) exportPost(t *testing.T, format, query string, vars map[string]any, header ...string) (int, http.Header, []byte) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/export?format="+format, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return send(t, req, header...)
}

// graphCounts parses an export with its format's reader and returns its
// node ids and edge ids.
func graphCounts(t *testing.T, format string, body []byte) (nodes, edges []string) {
	t.Helper()
	switch format {
	case "graphml", "gexf":
		var doc struct {
			Graph struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"node"`
				Edges []struct {
					ID string `xml:"id,attr"`
				} `xml:"edge"`
				GNodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"nodes>node"`
				GEdges []struct {
					ID string `xml:"id,attr"`
				} `xml:"edges>edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("%s: %v\n%s", format, err, body)
		}
		for _, n := range append(doc.Graph.Nodes, doc.Graph.GNodes...) {
			nodes = append(nodes, n.ID)
		}
		for _, e := range append(doc.Graph.Edges, doc.Graph.GEdges...) {
			edges = append(edges, e.ID)
		}
	case "csv-nodes", "csv-edges":
		rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, row := range rows[1:] {
			if format == "csv-nodes" {
				nodes = append(nodes, row[0])
			} else {
				edges = append(edges, row[0])
			}
		}
	case "cytoscape":
		var doc struct {
			Elements struct {
				Nodes []struct{ Data map[string]any } `json:"nodes"`
				Edges []struct{ Data map[string]any } `json:"edges"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, n := range doc.Elements.Nodes {
			nodes = append(nodes, n.Data["id"].(string))
		}
		for _, e := range doc.Elements.Edges {
			edges = append(edges, e.Data["id"].(string))
		}
	}
	return nodes, edges
}

func TestExportNeighborhoodInEveryFormat(t *testing.T) {
	ts := MustStartServer(t)
	q := `query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id name } edges { id type source target } } }`
	vars := map[string]any{"id": "holy-see"}
	var want struct {
		Neighborhood struct {
			Nodes []struct{ ID string }
			Edges []struct{ ID string }
		}
	}
	ts.mustQuery(t, q, vars).decode(t, &want)
	if len(want.Neighborhood.Edges) == 0 {
		t.Fatal("the neighbourhood has no edges: a useless test")
	}
	for _, format := range []string{"graphml", "gexf", "csv-nodes", "csv-edges", "cytoscape"} {
		t.Run(format, func(t *testing.T) {
			status, h, body := ts.exportGet(t, format, q, vars)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			ext := map[string]string{"graphml": "graphml", "gexf": "gexf", "csv-nodes": "csv", "csv-edges": "csv", "cytoscape": "json"}[format]
			if cd := h.Get("Content-Disposition"); cd != `attachment; filename="actorgraph-`+format+"."+ext+`"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			nodes, edges := graphCounts(t, format, body)
			if format != "csv-edges" && len(nodes) != len(want.Neighborhood.Nodes) {
				t.Errorf("%d nodes, want the neighbourhood's %d", len(nodes), len(want.Neighborhood.Nodes))
			}
			if format != "csv-nodes" && len(edges) != len(want.Neighborhood.Edges) {
				t.Errorf("%d edges, want the neighbourhood's %d", len(edges), len(want.Neighborhood.Edges))
			}
		})
	}
}

func TestExportPathAddsTheEnds(t *testing.T) {
	ts := MustStartServer(t)
	// Only the relationships are asked for: their ends come with them.
	q := `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { relationships { __typename id } } }`
	vars := map[string]any{"from": "alexander-stubb", "to": "vladimir-putin"}
	var want struct {
		ShortestPath struct {
			Relationships []struct{ ID string }
		}
	}
	ts.mustQuery(t, q, vars).decode(t, &want)
	hops := len(want.ShortestPath.Relationships)
	if hops == 0 {
		t.Fatal("no path")
	}
	status, _, body := ts.exportPost(t, "gexf", q, vars)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	nodes, edges := graphCounts(t, "gexf", body)
	if len(edges) != hops || len(nodes) != hops+1 {
		t.Errorf("%d nodes and %d edges, want %d and %d", len(nodes), len(edges), hops+1, hops)
	}
	for _, id := range []string{"alexander-stubb", "vladimir-putin"} {
		if !strings.Contains(string(body), `id="`+id+`"`) {
			t.Errorf("no node %s", id)
		}
	}
}

func TestExportLimit(t *testing.T) {
	ts := MustStartServer(t, withMaxExportRecords(3))
	status, _, body := ts.exportGet(t, "csv-nodes", `{ neighborhood(id: "holy-see", depth: 1) { nodes { id } } }`, nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "EXPORT_TOO_LARGE") || !strings.Contains(string(body), "max-export-records") {
		t.Fatalf("status %d: %s, want 422 EXPORT_TOO_LARGE", status, body)
	}
	status, _, body = ts.exportGet(t, "csv-nodes", `{ actor(id: "vladimir-putin") { id } }`, nil)
	if status != http.StatusOK {
		t.Fatalf("one actor under the limit: %d %s", status, body)
	}
}

func TestExportRefusals(t *testing.T) {
	ts := MustStartServer(t)
	for _, tc := range []struct {
		name, format, query string
		status              int
		code                string
	}{
		{"UnknownFormat", "pdf", `{ actor(id: "vladimir-putin") { id } }`, http.StatusBadRequest, "BAD_REQUEST"},
		{"NoQuery", "gexf", "", http.StatusBadRequest, "BAD_REQUEST"},
		{"InvalidQuery", "gexf", `{ noSuchField }`, http.StatusBadRequest, "GRAPHQL_VALIDATION_FAILED"},
		{"LimitOfGraphQL", "gexf", `{ neighborhood(id: "holy-see", depth: 9) { nodes { id } } }`, http.StatusUnprocessableEntity, "DEPTH_EXCEEDED"},
		{"NotFound", "gexf", `{ neighborhood(id: "nobody") { nodes { id } } }`, http.StatusNotFound, "NOT_FOUND"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := ts.exportGet(t, tc.format, tc.query, nil)
			if status != tc.status || !strings.Contains(string(body), tc.code) {
				t.Errorf("status %d: %s, want %d %s", status, body, tc.status, tc.code)
			}
		})
	}
}

func TestExportNeedsReadAuthWhenRequired(t *testing.T) {
	a := graph.DefaultAccess()
	a.ReadAuth = graph.ReadRequired
	token := "an-export-test-token-of-some-length"
	ts := MustStartServer(t, withAccess(a), withToken(token))
	q := `{ actor(id: "vladimir-putin") { id } }`
	status, _, body := ts.exportGet(t, "graphml", q, nil)
	if status != http.StatusUnauthorized || !strings.Contains(string(body), "UNAUTHENTICATED") {
		t.Fatalf("anonymous: %d %s, want 401 UNAUTHENTICATED", status, body)
	}
	status, _, body = ts.exportPost(t, "graphml", q, nil, "Authorization", "Bearer "+token)
	if nodes, _ := graphCounts(t, "graphml", body); status != http.StatusOK || len(nodes) != 1 {
		t.Fatalf("with the token: %d %s", status, body)
	}
}

// TestExportREADMEExamples runs the curl lines of README.md's Exports
// section against a fresh server (with a token, for the one that sends
// one), so they cannot drift from the API.
func TestExportREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Exports\n")
	if !ok {
		t.Fatal("README.md has no Exports section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, _ := strings.Cut(section, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	formatRE := regexp.MustCompile(`/export\?format=([a-z-]+)'`)
	getRE := regexp.MustCompile(`--data-urlencode 'query=([^']*)'`)
	postRE := regexp.MustCompile(`-d '([^']*)'`)
	ts := MustStartServer(t, withToken("readme-export-token"))
	n := 0
	for _, cmd := range strings.Split(block, "curl ")[1:] {
		f := formatRE.FindStringSubmatch(cmd)
		if f == nil {
			t.Errorf("no format in %q", cmd)
			continue
		}
		var status int
		var body []byte
		if m := getRE.FindStringSubmatch(cmd); m != nil {
			status, _, body = ts.exportGet(t, f[1], m[1], nil, "Authorization", "Bearer readme-export-token")
		} else if m := postRE.FindStringSubmatch(cmd); m != nil {
			var req struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}
			if err := json.Unmarshal([]byte(m[1]), &req); err != nil {
				t.Fatalf("%v: %s", err, m[1])
			}
			status, _, body = ts.exportPost(t, f[1], req.Query, req.Variables)
		} else {
			t.Errorf("no query in %q", cmd)
			continue
		}
		_, edges := graphCounts(t, f[1], body)
		if status != http.StatusOK || len(edges) == 0 {
			t.Errorf("%s: %d, %d edges: %.500s", cmd, status, len(edges), body)
		}
		n++
	}
	if n != 3 {
		t.Errorf("ran %d README export examples, want 3", n)
	}
}
