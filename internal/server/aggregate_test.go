package server_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

type plainEdge struct {
	ID, Type, Source, Target string
	Date                     *string
	Goldstein                *float64
}

type aggEdge struct {
	ID, Source, Target string
	Count              int
	Types              []struct {
		Type  string
		Count int
	}
	GoldsteinSum        *float64
	GoldsteinAvg        *float64
	FirstDate, LastDate *string
	Evidence            *struct{ Quote, Kind string }
	Relationships       struct {
		Edges    []struct{ Node struct{ ID string } }
		PageInfo struct {
			HasNextPage bool
			EndCursor   string
		}
		TotalCount int
	}
}

type drawn struct {
	Neighborhood struct {
		Nodes           []struct{ ID string }
		Edges           []plainEdge
		AggregatedEdges []aggEdge
		NodeStats       []struct {
			Actor          struct{ ID string }
			Distance       int
			Degree         int
			WeightedDegree float64
		}
		TruncatedBy []string
	}
}

const drawFields = `nodes { id } edges { id type source target date goldstein }
	aggregatedEdges { id source target count types { type count } goldsteinSum goldsteinAvg firstDate lastDate
		evidence { quote kind } }
	nodeStats { actor { id } distance degree weightedDegree } truncatedBy`

func drawQuery(t *testing.T, ts *testServer, args string) drawn {
	t.Helper()
	var got drawn
	ts.mustQuery(t, fmt.Sprintf(`{ neighborhood(%s) { %s } }`, args, drawFields), nil).decode(t, &got)
	return got
}

// oracle aggregates plain edges the obvious way.
func oracle(edges []plainEdge, directed bool) map[string]aggEdge {
	out := map[string]aggEdge{}
	for _, e := range edges {
		s, tg, sep := e.Source, e.Target, ">"
		if !directed {
			sep = "~"
			if tg < s {
				s, tg = tg, s
			}
		}
		id := "agg:" + s + sep + tg
		a := out[id]
		a.ID, a.Source, a.Target = id, s, tg
		a.Count++
		found := false
		for i := range a.Types {
			if a.Types[i].Type == e.Type {
				a.Types[i].Count++
				found = true
			}
		}
		if !found {
			a.Types = append(a.Types, struct {
				Type  string
				Count int
			}{e.Type, 1})
		}
		if e.Goldstein != nil {
			sum := *e.Goldstein
			if a.GoldsteinSum != nil {
				sum += *a.GoldsteinSum
			}
			a.GoldsteinSum = &sum
		}
		if e.Date != nil {
			if a.FirstDate == nil || *e.Date < *a.FirstDate {
				a.FirstDate = e.Date
			}
			if a.LastDate == nil || *e.Date > *a.LastDate {
				a.LastDate = e.Date
			}
		}
		out[id] = a
	}
	return out
}

func checkAgainstOracle(t *testing.T, plain, agg drawn, directed bool) {
	t.Helper()
	want := oracle(plain.Neighborhood.Edges, directed)
	got := agg.Neighborhood.AggregatedEdges
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d aggregated edges, want %d", len(got), len(want))
	}
	if len(agg.Neighborhood.Edges) != 0 {
		t.Errorf("edges not empty without includeEdges: %d", len(agg.Neighborhood.Edges))
	}
	total := 0
	for i, g := range got {
		if i > 0 && got[i-1].ID >= g.ID {
			t.Errorf("aggregated edges not ordered by id: %s, %s", got[i-1].ID, g.ID)
		}
		w, ok := want[g.ID]
		if !ok || g.Source != w.Source || g.Target != w.Target || g.Count != w.Count {
			t.Errorf("edge %s = %s>%s x%d, want %+v", g.ID, g.Source, g.Target, g.Count, w)
			continue
		}
		total += g.Count
		for _, tc := range g.Types {
			i := slices.IndexFunc(w.Types, func(x struct {
				Type  string
				Count int
			}) bool {
				return x.Type == tc.Type
			})
			if i < 0 || w.Types[i].Count != tc.Count {
				t.Errorf("edge %s types %+v, want %+v", g.ID, g.Types, w.Types)
			}
		}
		if len(g.Types) != len(w.Types) {
			t.Errorf("edge %s types %+v, want %+v", g.ID, g.Types, w.Types)
		}
		if (g.GoldsteinSum == nil) != (w.GoldsteinSum == nil) || (g.GoldsteinAvg == nil) != (w.GoldsteinSum == nil) ||
			g.GoldsteinSum != nil && math.Abs(*g.GoldsteinSum-*w.GoldsteinSum) > 1e-9 {
			t.Errorf("edge %s goldstein sum %v, want %v", g.ID, g.GoldsteinSum, w.GoldsteinSum)
		}
		if fmt.Sprint(deref(g.FirstDate), deref(g.LastDate)) != fmt.Sprint(deref(w.FirstDate), deref(w.LastDate)) {
			t.Errorf("edge %s dates %s..%s, want %s..%s", g.ID, deref(g.FirstDate), deref(g.LastDate), deref(w.FirstDate), deref(w.LastDate))
		}
		if g.Evidence == nil || g.Evidence.Quote == "" {
			t.Errorf("edge %s has no evidence", g.ID)
		}
	}
	if total != len(plain.Neighborhood.Edges) {
		t.Errorf("aggregated %d relationships, the plain neighborhood has %d", total, len(plain.Neighborhood.Edges))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestAggregatedNeighborhoodMatchesPlainEdges(t *testing.T) {
	ts := MustStartServer(t)
	plain := drawQuery(t, ts, `id: "russia", depth: 2`)
	if len(plain.Neighborhood.AggregatedEdges) != 0 {
		t.Fatalf("aggregatedEdges without aggregate: %d", len(plain.Neighborhood.AggregatedEdges))
	}
	for _, directed := range []bool{true, false} {
		t.Run(fmt.Sprint("directed=", directed), func(t *testing.T) {
			agg := drawQuery(t, ts, fmt.Sprintf(`id: "russia", depth: 2, aggregate: true, directed: %v`, directed))
			checkAgainstOracle(t, plain, agg, directed)
		})
	}
	with := drawQuery(t, ts, `id: "russia", depth: 2, aggregate: true, includeEdges: true`)
	if len(with.Neighborhood.Edges) != len(plain.Neighborhood.Edges) {
		t.Errorf("includeEdges: %d edges, want %d", len(with.Neighborhood.Edges), len(plain.Neighborhood.Edges))
	}
}

func TestAggregatedEdgeRelationshipsArePaged(t *testing.T) {
	ts := MustStartServer(t)
	q := `query($after: String) { neighborhood(id: "ukraine", aggregate: true) { aggregatedEdges { id count
		relationships(first: 2, after: $after) { edges { node { id source target } } pageInfo { hasNextPage endCursor } totalCount } } } }`
	var seen []string
	var after any
	for range 10 {
		var got struct {
			Neighborhood struct{ AggregatedEdges []aggEdge }
		}
		ts.mustQuery(t, q, map[string]any{"after": after}).decode(t, &got)
		i := slices.IndexFunc(got.Neighborhood.AggregatedEdges, func(e aggEdge) bool { return e.ID == "agg:ukraine>russia" })
		if i < 0 {
			t.Fatalf("no agg:ukraine>russia in %+v", got)
		}
		e := got.Neighborhood.AggregatedEdges[i]
		if e.Relationships.TotalCount != e.Count || len(e.Relationships.Edges) > 2 {
			t.Fatalf("page %+v of %d", e.Relationships, e.Count)
		}
		for _, x := range e.Relationships.Edges {
			seen = append(seen, x.Node.ID)
		}
		if !e.Relationships.PageInfo.HasNextPage {
			if len(seen) != e.Count || !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != len(seen) {
				t.Fatalf("paged %v, want %d distinct relationships by id", seen, e.Count)
			}
			return
		}
		after = e.Relationships.PageInfo.EndCursor
	}
	t.Fatal("paging did not end")
}

func TestNodeStatsAndExcludeIds(t *testing.T) {
	ts := MustStartServer(t)
	full := drawQuery(t, ts, `id: "russia", depth: 2`)
	n := full.Neighborhood
	if len(n.NodeStats) != len(n.Nodes) {
		t.Fatalf("%d node stats for %d nodes", len(n.NodeStats), len(n.Nodes))
	}
	// Oracle: distances by BFS over the (uncut) edges, degrees by counting.
	adj := map[string][]string{}
	deg := map[string]int{}
	wdeg := map[string]float64{}
	for _, e := range n.Edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
		for _, end := range []string{e.Source, e.Target} {
			deg[end]++
			if e.Goldstein != nil {
				wdeg[end] += math.Abs(*e.Goldstein)
			}
		}
	}
	dist := map[string]int{"russia": 0}
	for q := []string{"russia"}; len(q) > 0; q = q[1:] {
		for _, m := range adj[q[0]] {
			if _, ok := dist[m]; !ok {
				dist[m] = dist[q[0]] + 1
				q = append(q, m)
			}
		}
	}
	for i, s := range n.NodeStats {
		id := s.Actor.ID
		if id != n.Nodes[i].ID || s.Distance != dist[id] || s.Degree != deg[id] || math.Abs(s.WeightedDegree-wdeg[id]) > 1e-9 {
			t.Errorf("node %d %s: %+v, want distance %d degree %d weighted %v", i, n.Nodes[i].ID, s, dist[id], deg[id], wdeg[id])
		}
		if i > 0 && n.NodeStats[i-1].Distance > s.Distance {
			t.Errorf("nodes not by distance at %d", i)
		}
	}

	// Excluding the depth-1 ring: none of them comes back, the rest does,
	// and edges to them are still there.
	var ring []string
	for _, s := range n.NodeStats {
		if s.Distance == 1 {
			ring = append(ring, fmt.Sprintf("%q", s.Actor.ID))
		}
	}
	ex := drawQuery(t, ts, fmt.Sprintf(`id: "russia", depth: 2, excludeIds: [%s, "russia"]`, joinComma(ring)))
	got := map[string]bool{}
	for _, a := range ex.Neighborhood.Nodes {
		got[a.ID] = true
	}
	for _, s := range n.NodeStats {
		if want := s.Distance == 2; got[s.Actor.ID] != want {
			t.Errorf("excludeIds: %s returned=%v, want %v", s.Actor.ID, got[s.Actor.ID], want)
		}
	}
	if len(ex.Neighborhood.Edges) != len(n.Edges) {
		t.Errorf("excludeIds: %d edges, want all %d (edges to excluded actors stay)", len(ex.Neighborhood.Edges), len(n.Edges))
	}
	if len(ex.Neighborhood.NodeStats) != len(ex.Neighborhood.Nodes) {
		t.Errorf("excludeIds: node stats %d for %d nodes", len(ex.Neighborhood.NodeStats), len(ex.Neighborhood.Nodes))
	}
	// The limit counts new actors only.
	lim := drawQuery(t, ts, fmt.Sprintf(`id: "russia", depth: 2, limit: 2, excludeIds: [%s, "russia"]`, joinComma(ring)))
	if len(lim.Neighborhood.Nodes) != 2 || !slices.Contains(lim.Neighborhood.TruncatedBy, "NODE_LIMIT") {
		t.Errorf("limit 2 with excludeIds: %+v", lim.Neighborhood.Nodes)
	}
}

func TestPerNodeLimit(t *testing.T) {
	ts := MustStartServer(t)
	full := drawQuery(t, ts, `id: "russia", depth: 1`)
	got := drawQuery(t, ts, `id: "russia", depth: 1, perNodeLimit: 2`)
	if len(got.Neighborhood.Nodes) != 3 || !slices.Contains(got.Neighborhood.TruncatedBy, "PER_NODE_LIMIT") {
		t.Fatalf("perNodeLimit 2: nodes %+v truncatedBy %v", got.Neighborhood.Nodes, got.Neighborhood.TruncatedBy)
	}
	// The two kept are the most connected to russia (then by id).
	count := map[string]int{}
	for _, e := range full.Neighborhood.Edges {
		if e.Source == "russia" {
			count[e.Target]++
		} else if e.Target == "russia" {
			count[e.Source]++
		}
	}
	var ids []string
	for id := range count {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return compare(a, b)
	})
	if got.Neighborhood.Nodes[1].ID != min(ids[0], ids[1]) || got.Neighborhood.Nodes[2].ID != max(ids[0], ids[1]) {
		t.Errorf("perNodeLimit kept %+v, want %v (counts %v)", got.Neighborhood.Nodes, ids[:2], count)
	}
	if r := ts.query(t, `{ neighborhood(id: "russia", perNodeLimit: 0) { nodes { id } } }`, nil); !r.hasCode("BAD_USER_INPUT") {
		t.Errorf("perNodeLimit 0: %v", r.codes())
	}
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
