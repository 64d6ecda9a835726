package pathfind_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// edge is one edge of a hand-drawn graph; w is its weight (0 unless set).
type edge struct {
	id, from, to string
	w            int64
}

// e is an unweighted edge.
func e(id, from, to string) edge { return edge{id: id, from: from, to: to} }

// we is a weighted edge.
func we(id, from, to string, w int64) edge { return edge{id, from, to, w} }

// graph is a pathfind.Graph held in adjacency maps.
type graph struct {
	forward, backward map[string][]pathfind.Edge
}

func (g graph) Forward(n string) []pathfind.Edge  { return g.forward[n] }
func (g graph) Backward(n string) []pathfind.Edge { return g.backward[n] }

// directed builds a graph whose edges are walked from `from` to `to` only.
func directed(edges ...edge) graph {
	g := graph{forward: map[string][]pathfind.Edge{}, backward: map[string][]pathfind.Edge{}}
	for _, e := range edges {
		g.forward[e.from] = append(g.forward[e.from], pathfind.Edge{ID: e.id, To: e.to, Weight: e.w})
		g.backward[e.to] = append(g.backward[e.to], pathfind.Edge{ID: e.id, To: e.from, Weight: e.w})
	}
	return g
}

// undirected builds a graph whose edges are walked either way, as the
// stores do for direction BOTH.
func undirected(edges ...edge) graph {
	g := graph{forward: map[string][]pathfind.Edge{}}
	for _, e := range edges {
		g.forward[e.from] = append(g.forward[e.from], pathfind.Edge{ID: e.id, To: e.to, Weight: e.w})
		g.forward[e.to] = append(g.forward[e.to], pathfind.Edge{ID: e.id, To: e.from, Weight: e.w})
	}
	g.backward = g.forward
	return g
}

// steps writes a path as "edge>node edge>node …"; "" is the empty path.
func steps(s string) []pathfind.Step {
	out := []pathfind.Step{}
	for _, hop := range strings.Fields(s) {
		e, n, _ := strings.Cut(hop, ">")
		out = append(out, pathfind.Step{Edge: e, Node: n})
	}
	return out
}

// diamondEdges has equally short ways from s to t: through x (two
// parallel edges each side, one of them pointing back) and through y,
// whose edge ids are smaller; and a longer way through a and b, whose
// node ids are smaller.
var diamondEdges = []edge{
	e("e0", "y", "t"), e("e1", "s", "y"),
	e("e2", "s", "x"), e("e3", "s", "x"), e("e4", "t", "x"), e("e5", "x", "t"), e("e9", "x", "t"),
	e("e6", "s", "a"), e("e7", "a", "b"), e("e8", "b", "t"),
}

func TestShortestPath(t *testing.T) {
	diamond := directed(diamondEdges...)
	diamondBoth := undirected(diamondEdges...)
	tests := []struct {
		name     string
		g        graph
		from, to string
		maxHops  int
		want     []pathfind.Step // nil: no path
	}{
		{"FromEqualsToIsEmptyPath", diamond, "s", "s", 3, steps("")},
		{"FromEqualsToNeedsNoEdges", directed(), "lonely", "lonely", 1, steps("")},
		{"NeighbourIsOneStep", diamond, "s", "y", 3, steps("e1>y")},
		{"TieBreakPrefersSmallerNodeOverSmallerEdge", diamond, "s", "t", 3, steps("e2>x e5>t")},
		{"TieBreakBetweenParallelEdgesTakesSmallestID", diamondBoth, "s", "t", 3, steps("e2>x e4>t")},
		{"MaxHopsBelowLengthFindsNothing", diamond, "s", "t", 1, nil},
		{"MaxHopsEqualToLengthFinds", diamond, "s", "t", 2, steps("e2>x e5>t")},
		{"DirectedCannotWalkBack", diamond, "t", "s", 5, nil},
		{"UndirectedWalksBack", diamondBoth, "t", "s", 5, steps("e4>x e2>s")},
		{"DirectedFollowsTheOnlyWayOut", diamond, "t", "x", 5, steps("e4>x")},
		{"UnknownNodeIsUnreachable", diamond, "s", "nowhere", 5, nil},
		{"ChainIsFollowedToTheEnd", directed(e("e1", "a", "b"), e("e2", "b", "c"), e("e3", "c", "d")), "a", "d", 3, steps("e1>b e2>c e3>d")},
		{"ChainLongerThanMaxHopsFindsNothing", directed(e("e1", "a", "b"), e("e2", "b", "c"), e("e3", "c", "d")), "a", "d", 2, nil},
		{"EarlierStepDecidesOverLaterSteps", directed(
			e("e1", "s", "x"), e("e2", "x", "z"), e("e3", "z", "t"),
			e("e4", "s", "y"), e("e5", "y", "a"), e("e6", "a", "t"),
		), "s", "t", 5, steps("e1>x e2>z e3>t")},
		{"LaterStepBreaksTieWhenEarlierStepsAgree", directed(
			e("e1", "s", "p"), e("e9", "p", "q1"), e("e2", "p", "q2"),
			e("e3", "q1", "t"), e("e4", "q2", "t"),
		), "s", "t", 5, steps("e1>p e9>q1 e3>t")},
		{"DeadEndWithSmallerIDIsSkipped", directed(
			e("e1", "s", "a"), e("e2", "a", "dead"),
			e("e3", "s", "b"), e("e4", "b", "t"),
		), "s", "t", 5, steps("e3>b e4>t")},
		{"HubStartGrowsTargetSideFirst", directed(
			e("e1", "h", "a"), e("e2", "h", "b"), e("e3", "h", "c"), e("e4", "h", "d"),
			e("e5", "c", "m"), e("e6", "d", "m"), e("e9", "m", "t"), e("e7", "m", "t"), e("e8", "a", "z"),
		), "h", "t", 5, steps("e3>c e5>m e7>t")},
		{"EvenRingTakesTheSmallerSide", undirected(
			e("e1", "s", "p"), e("e2", "p", "q"), e("e3", "q", "t"),
			e("e4", "s", "a"), e("e5", "a", "b"), e("e6", "b", "t"),
		), "s", "t", 3, steps("e4>a e5>b e6>t")},
		{"OddRingTakesTheShorterSide", undirected(
			e("e1", "s", "p"), e("e2", "p", "q"), e("e3", "q", "t"),
			e("e4", "s", "a"), e("e5", "a", "b"), e("e6", "b", "c"), e("e7", "c", "t"),
		), "s", "t", 4, steps("e1>p e2>q e3>t")},
		{"LongChainMeetsInTheMiddle", directed(
			e("e1", "n1", "n2"), e("e2", "n2", "n3"), e("e3", "n3", "n4"), e("e4", "n4", "n5"), e("e5", "n5", "n6"),
		), "n1", "n6", 5, steps("e1>n2 e2>n3 e3>n4 e4>n5 e5>n6")},
		{"LongChainOneHopShortFindsNothing", directed(
			e("e1", "n1", "n2"), e("e2", "n2", "n3"), e("e3", "n3", "n4"), e("e4", "n4", "n5"), e("e5", "n5", "n6"),
		), "n1", "n6", 4, nil},
		{"ZeroMaxHopsFindsNothing", directed(diamondEdges...), "s", "y", 0, nil},
		{"CyclesDoNotConfuseTheSearch", undirected(
			e("e1", "a", "b"), e("e2", "b", "c"), e("e3", "c", "a"), e("e4", "c", "d"),
		), "a", "d", 5, steps("e3>c e4>d")},
	}
	for _, impl := range shortestPathImpls {
		for _, tc := range tests {
			t.Run(impl.name+"/"+tc.name, func(t *testing.T) {
				got, ok, err := impl.f(t.Context(), tc.g, tc.from, tc.to, tc.maxHops)
				if err != nil {
					t.Fatalf("%s: %v", impl.name, err)
				}
				if ok != (tc.want != nil) {
					t.Fatalf("%s(%s → %s, %d) ok = %v, want %v (steps %v)", impl.name, tc.from, tc.to, tc.maxHops, ok, tc.want != nil, got)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s(%s → %s, %d) (-want +got):\n%s", impl.name, tc.from, tc.to, tc.maxHops, diff)
				}
			})
		}
	}
}

// shortestPathImpls are the functions that must return the first shortest
// path in the path order.
var shortestPathImpls = []struct {
	name string
	f    func(ctx context.Context, g pathfind.Graph, from, to string, maxHops int) ([]pathfind.Step, bool, error)
}{
	{"ShortestPath", pathfind.ShortestPath},
	{"BidirectionalShortestPath", pathfind.BidirectionalShortestPath},
	{"ForwardShortestPath", pathfind.ForwardShortestPath},
}

func TestShortestPathCanceledContextIsAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, ok, err := pathfind.ShortestPath(ctx, directed(diamondEdges...), "s", "t", 3)
	if !errors.Is(err, context.Canceled) || ok {
		t.Errorf("ShortestPath with a canceled context = ok %v, err %v; want context.Canceled", ok, err)
	}
}

func TestNeighborhood(t *testing.T) {
	tests := []struct {
		name      string
		g         graph
		start     string
		depth     int
		wantOrder []string
		wantDist  map[string]int
	}{
		{"DepthZeroIsTheStart", directed(diamondEdges...), "s", 0, []string{"s"}, map[string]int{"s": 0}},
		{"DirectedFollowsForwardEdgesOnly", directed(diamondEdges...), "x", 1, []string{"x", "t"}, map[string]int{"x": 0, "t": 1}},
		{"OrdersByDistanceThenID", directed(diamondEdges...), "s", 2, []string{"s", "a", "x", "y", "b", "t"},
			map[string]int{"s": 0, "a": 1, "x": 1, "y": 1, "b": 2, "t": 2}},
		{"UndirectedFollowsEveryEdge", undirected(diamondEdges...), "t", 1, []string{"t", "b", "x", "y"},
			map[string]int{"t": 0, "b": 1, "x": 1, "y": 1}},
		{"CyclesAreVisitedOnce", undirected(e("e1", "a", "b"), e("e2", "b", "c"), e("e3", "c", "a")), "a", 5, []string{"a", "b", "c"},
			map[string]int{"a": 0, "b": 1, "c": 1}},
		{"IsolatedNodeIsAlone", directed(), "z", 3, []string{"z"}, map[string]int{"z": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			order, dist, err := pathfind.Neighborhood(t.Context(), tc.g, tc.start, tc.depth)
			if err != nil {
				t.Fatalf("Neighborhood: %v", err)
			}
			if diff := cmp.Diff(tc.wantOrder, order); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantDist, dist); diff != "" {
				t.Errorf("distances (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeighborhoodCanceledContextIsAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := pathfind.Neighborhood(ctx, directed(diamondEdges...), "s", 2); !errors.Is(err, context.Canceled) {
		t.Errorf("Neighborhood with a canceled context: err = %v, want context.Canceled", err)
	}
}

// fuzzGraph is a small graph decoded from fuzz input.
type fuzzGraph struct {
	g        graph
	search   pathfind.Graph // g, or g numbered (flag bit 5): what the searches get
	from, to string
	maxHops  int
	count    int    // 1..8, from the flags: a limit or k
	desc     string // for failure messages
}

// Limits of decoded graphs: small enough for exhaustive search.
const (
	fuzzMaxNodes  = 7
	fuzzMaxEdges  = 14
	fuzzMaxWeight = 5
)

// decodeFuzzGraph reads a graph from fuzz bytes: node count, max hops,
// flags (bit 0 directed, bit 1 adjacency lists reversed, bits 2-4 a count
// for tests that need one, bit 5 searches on a pathfind.IndexedGraph), start, end, then one (from, to, id) triple per
// edge. Nodes are "n0".."n6", edge ids "e00".."e13"; a taken id moves on to
// the next free one; the id byte divided by 14 gives the weight, 0..5;
// self-loops, which stores never hold, are skipped.
func decodeFuzzGraph(data []byte) fuzzGraph {
	at := func(i int) int {
		if i < len(data) {
			return int(data[i])
		}
		return 0
	}
	n := 1 + at(0)%fuzzMaxNodes
	node := func(b int) string { return fmt.Sprintf("n%d", b%n) }
	fg := fuzzGraph{maxHops: 1 + at(1)%fuzzMaxNodes, from: node(at(3)), to: node(at(4))}
	flags := at(2)
	fg.count = 1 + (flags>>2)%8
	var edges []edge
	used := map[int]bool{}
	for i := 5; i+2 < len(data) && len(edges) < fuzzMaxEdges; i += 3 {
		from, to := node(at(i)), node(at(i+1))
		if from == to {
			continue
		}
		id := at(i+2) % fuzzMaxEdges
		for used[id] {
			id = (id + 1) % fuzzMaxEdges
		}
		used[id] = true
		// The id byte's high part is the weight, so graphs decoded before
		// weights existed keep their shape.
		w := int64(at(i+2) / fuzzMaxEdges % (fuzzMaxWeight + 1))
		edges = append(edges, we(fmt.Sprintf("e%02d", id), from, to, w))
	}
	if flags&2 != 0 {
		slices.Reverse(edges)
	}
	if flags&1 != 0 {
		fg.g = directed(edges...)
	} else {
		fg.g = undirected(edges...)
	}
	fg.search = fg.g
	if flags&32 != 0 {
		fg.search = newIndexedGraph(fg.g)
	}
	fg.desc = fmt.Sprintf("%s → %s, maxHops %d, count %d, directed %v, indexed %v, edges %v", fg.from, fg.to, fg.maxHops, fg.count, flags&1 != 0, flags&32 != 0, edges)
	return fg
}

// bruteForcePath enumerates every simple path of at most maxHops edges and
// keeps the shortest, breaking ties by the (node, edge) steps from the
// start. Shortest paths are simple, so nothing is missed.
func bruteForcePath(g graph, from, to string, maxHops int) (best []pathfind.Step, ok bool) {
	if from == to {
		return []pathfind.Step{}, true
	}
	visited := map[string]bool{from: true}
	var path []pathfind.Step
	var walk func(n string)
	walk = func(n string) {
		if n == to {
			if !ok || lessPath(path, best) {
				best, ok = slices.Clone(path), true
			}
			return
		}
		if len(path) == maxHops {
			return
		}
		for _, e := range g.Forward(n) {
			if visited[e.To] {
				continue
			}
			visited[e.To] = true
			path = append(path, pathfind.Step{Edge: e.ID, Node: e.To})
			walk(e.To)
			path = path[:len(path)-1]
			visited[e.To] = false
		}
	}
	walk(from)
	return best, ok
}

// lessPath orders paths by length, then step by step by (node, edge).
func lessPath(a, b []pathfind.Step) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	for i := range a {
		if a[i].Node != b[i].Node {
			return a[i].Node < b[i].Node
		}
		if a[i].Edge != b[i].Edge {
			return a[i].Edge < b[i].Edge
		}
	}
	return false
}

func addFuzzSeeds(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{4, 3, 1, 0, 3, 0, 1, 0, 1, 2, 1, 2, 3, 2, 0, 2, 3})                                   // directed chain and a shortcut
	f.Add([]byte{6, 2, 0, 0, 5, 0, 1, 5, 0, 1, 2, 0, 2, 1, 1, 5, 3, 2, 5, 4, 0, 3, 0, 4, 9, 3, 4, 8})  // parallel edges, equal paths
	f.Add([]byte{6, 6, 3, 0, 6, 0, 1, 13, 1, 2, 12, 2, 3, 11, 3, 4, 10, 4, 5, 9, 5, 6, 8, 6, 0, 7})    // a directed ring, reversed lists
	f.Add([]byte{5, 0, 0, 0, 4, 0, 1, 0, 1, 4, 0})                                                     // maxHops cuts off
	f.Add([]byte{6, 2, 32, 0, 5, 0, 1, 5, 0, 1, 2, 0, 2, 1, 1, 5, 3, 2, 5, 4, 0, 3, 0, 4, 9, 3, 4, 8}) // parallel edges, numbered graph
	f.Add([]byte{6, 6, 35, 0, 6, 0, 1, 13, 1, 2, 12, 2, 3, 11, 3, 4, 10, 4, 5, 9, 5, 6, 8, 6, 0, 7})   // directed ring, numbered graph
}

// FuzzShortestPathMatchesBruteForce checks ShortestPath, tie-break
// included, against exhaustive search on small random graphs.
func FuzzShortestPathMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		want, wantOK := bruteForcePath(fg.g, fg.from, fg.to, fg.maxHops)
		got, ok, err := pathfind.ShortestPath(context.Background(), fg.search, fg.from, fg.to, fg.maxHops)
		if err != nil {
			t.Fatalf("%s: ShortestPath: %v", fg.desc, err)
		}
		if ok != wantOK {
			t.Fatalf("%s: ok = %v, brute force says %v (%v)", fg.desc, ok, wantOK, want)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: (-brute force +ShortestPath):\n%s", fg.desc, diff)
		}
	})
}

// FuzzNeighborhoodMatchesBruteForce checks Neighborhood's nodes, order and
// distances against exhaustive search, with maxHops as the depth.
func FuzzNeighborhoodMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		wantDist := map[string]int{}
		for i := range fuzzMaxNodes {
			n := fmt.Sprintf("n%d", i)
			if p, ok := bruteForcePath(fg.g, fg.from, n, fg.maxHops); ok {
				wantDist[n] = len(p)
			}
		}
		wantOrder := make([]string, 0, len(wantDist))
		for n := range wantDist {
			wantOrder = append(wantOrder, n)
		}
		slices.SortFunc(wantOrder, func(a, b string) int {
			if wantDist[a] != wantDist[b] {
				return wantDist[a] - wantDist[b]
			}
			return strings.Compare(a, b)
		})
		order, dist, err := pathfind.Neighborhood(context.Background(), fg.search, fg.from, fg.maxHops)
		if err != nil {
			t.Fatalf("%s: Neighborhood: %v", fg.desc, err)
		}
		if diff := cmp.Diff(wantOrder, order); diff != "" {
			t.Errorf("%s: order (-brute force +Neighborhood):\n%s", fg.desc, diff)
		}
		if diff := cmp.Diff(wantDist, dist); diff != "" {
			t.Errorf("%s: distances (-brute force +Neighborhood):\n%s", fg.desc, diff)
		}
		// With a limit: the first limit nodes of the same order.
		limit := fg.count
		order, _, truncated, err := pathfind.NeighborhoodLimit(context.Background(), fg.search, fg.from, fg.maxHops, limit)
		if err != nil {
			t.Fatalf("%s: NeighborhoodLimit: %v", fg.desc, err)
		}
		wantTruncated := len(wantOrder) > limit
		if wantTruncated {
			wantOrder = wantOrder[:limit]
		}
		if diff := cmp.Diff(wantOrder, order); diff != "" || truncated != wantTruncated {
			t.Errorf("%s: limit %d: truncated %v, want %v; order (-brute force +NeighborhoodLimit):\n%s", fg.desc, limit, truncated, wantTruncated, diff)
		}
	})
}
