package pathfind_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// paths writes a list of paths, one string each in the form steps reads.
func paths(ps ...string) [][]pathfind.Step {
	out := make([][]pathfind.Step, len(ps))
	for i, p := range ps {
		out[i] = steps(p)
	}
	return out
}

// The paths from s to t in the diamond, in the path order.
var (
	diamondPaths = paths(
		"e2>x e5>t", "e2>x e9>t", "e3>x e5>t", "e3>x e9>t", "e1>y e0>t",
		"e6>a e7>b e8>t",
	)
	diamondBothPaths = paths(
		"e2>x e4>t", "e2>x e5>t", "e2>x e9>t", "e3>x e4>t", "e3>x e5>t", "e3>x e9>t", "e1>y e0>t",
		"e6>a e7>b e8>t",
	)
)

// detour has a shortest path s-a-t and longer ones that must not loop
// back through a or run on past t.
var detour = undirected(
	e("e1", "s", "a"), e("e2", "a", "t"), e("e3", "s", "b"), e("e4", "b", "a"),
	e("e5", "t", "c"), e("e6", "c", "b"),
)

var detourPaths = paths(
	"e1>a e2>t",
	"e3>b e4>a e2>t", "e3>b e6>c e5>t",
	"e1>a e4>b e6>c e5>t",
)

func TestComparePaths(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"EqualPathsAreEqual", "e1>a e2>b", "e1>a e2>b", 0},
		{"EmptyPathsAreEqual", "", "", 0},
		{"FewerEdgesFirst", "e9>z", "e1>a e2>b", -1},
		{"SmallerNodeFirstWhateverTheEdge", "e9>a", "e1>b", -1},
		{"SameNodeSmallerEdgeFirst", "e1>a", "e2>a", -1},
		{"FirstDifferenceDecides", "e1>a e9>z", "e1>b e1>a", -1},
		{"LaterDifferenceDecidesWhenEarlierAgree", "e1>a e2>c", "e1>a e2>b", +1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pathfind.ComparePaths(steps(tc.a), steps(tc.b)); got != tc.want {
				t.Errorf("ComparePaths(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := pathfind.ComparePaths(steps(tc.b), steps(tc.a)); got != -tc.want {
				t.Errorf("ComparePaths(%q, %q) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
		})
	}
}

func TestAllShortestPaths(t *testing.T) {
	tests := []struct {
		name          string
		g             graph
		from, to      string
		maxHops       int
		limit         int
		want          [][]pathfind.Step
		wantTruncated bool
	}{
		{"FromEqualsToIsOneEmptyPath", directed(diamondEdges...), "s", "s", 3, 10, paths(""), false},
		{"EveryShortestPathInOrder", directed(diamondEdges...), "s", "t", 3, 10, diamondPaths[:5], false},
		{"LimitEqualToCountIsNotTruncated", directed(diamondEdges...), "s", "t", 3, 5, diamondPaths[:5], false},
		{"LimitBelowCountIsTruncated", directed(diamondEdges...), "s", "t", 3, 2, diamondPaths[:2], true},
		{"LimitZeroReportsThatPathsExist", directed(diamondEdges...), "s", "t", 3, 0, nil, true},
		{"ParallelEdgesEachMakeAPath", undirected(diamondEdges...), "s", "t", 3, 10, diamondBothPaths[:7], false},
		{"OnlyTheShortestLength", detour, "s", "t", 4, 10, detourPaths[:1], false},
		{"MaxHopsBelowLengthFindsNothing", directed(diamondEdges...), "s", "t", 1, 10, nil, false},
		{"DirectedCannotWalkBack", directed(diamondEdges...), "t", "s", 5, 10, nil, false},
		{"UnknownNodeIsUnreachable", directed(diamondEdges...), "s", "nowhere", 5, 10, nil, false},
		{"HubStartFindsEveryWay", directed(
			e("e1", "h", "a"), e("e2", "h", "b"), e("e3", "h", "c"), e("e4", "h", "d"),
			e("e5", "c", "m"), e("e6", "d", "m"), e("e9", "m", "t"), e("e7", "m", "t"),
		), "h", "t", 5, 10, paths("e3>c e5>m e7>t", "e3>c e5>m e9>t", "e4>d e6>m e7>t", "e4>d e6>m e9>t"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, truncated, err := pathfind.AllShortestPaths(t.Context(), tc.g, tc.from, tc.to, tc.maxHops, tc.limit)
			if err != nil {
				t.Fatalf("AllShortestPaths: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("AllShortestPaths(%s → %s, %d, limit %d) (-want +got):\n%s", tc.from, tc.to, tc.maxHops, tc.limit, diff)
			}
			if truncated != tc.wantTruncated {
				t.Errorf("truncated = %v, want %v", truncated, tc.wantTruncated)
			}
		})
	}
}

// collectPaths runs SimplePaths to the end or until it has stop paths.
func collectPaths(t *testing.T, g graph, from, to string, maxHops, stop int) [][]pathfind.Step {
	t.Helper()
	var got [][]pathfind.Step
	err := pathfind.SimplePaths(t.Context(), g, from, to, maxHops, func(p []pathfind.Step) bool {
		if len(got) == stop {
			t.Fatalf("SimplePaths yielded path %d after yield returned false", len(got)+1)
		}
		got = append(got, p)
		return len(got) < stop
	})
	if err != nil {
		t.Fatalf("SimplePaths: %v", err)
	}
	return got
}

func TestSimplePaths(t *testing.T) {
	const all = 1 << 30
	tests := []struct {
		name     string
		g        graph
		from, to string
		maxHops  int
		stop     int // yield returns false after this many paths
		want     [][]pathfind.Step
	}{
		{"FromEqualsToIsOneEmptyPath", directed(diamondEdges...), "s", "s", 3, all, paths("")},
		{"EveryPathByLengthThenSteps", directed(diamondEdges...), "s", "t", 3, all, diamondPaths},
		{"UndirectedParallelEdges", undirected(diamondEdges...), "s", "t", 5, all, diamondBothPaths},
		{"MaxHopsCutsLongerPaths", directed(diamondEdges...), "s", "t", 2, all, diamondPaths[:5]},
		{"StopsWhenYieldSaysSo", directed(diamondEdges...), "s", "t", 3, 2, diamondPaths[:2]},
		{"StopsAfterTheLastShortPath", directed(diamondEdges...), "s", "t", 3, 5, diamondPaths[:5]},
		{"NoNodeRepeatsNorPassesTheTarget", detour, "s", "t", 6, all, detourPaths},
		{"LongerPathsNeedMoreHops", detour, "s", "t", 3, all, detourPaths[:3]},
		{"MaxHopsBelowLengthFindsNothing", directed(diamondEdges...), "s", "t", 1, all, nil},
		{"DirectedCannotWalkBack", directed(diamondEdges...), "t", "s", 5, all, nil},
		{"UnknownNodeIsUnreachable", directed(diamondEdges...), "s", "nowhere", 5, all, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := collectPaths(t, tc.g, tc.from, tc.to, tc.maxHops, tc.stop)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("SimplePaths(%s → %s, %d) (-want +got):\n%s", tc.from, tc.to, tc.maxHops, diff)
			}
		})
	}
}

func TestSimplePathsYieldsPathsTheCallerMayKeep(t *testing.T) {
	var got [][]pathfind.Step
	err := pathfind.SimplePaths(t.Context(), detour, "s", "t", 6, func(p []pathfind.Step) bool {
		got = append(got, p)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	got[0][0].Node = "scribbled"
	got[0] = got[0][:0]
	if diff := cmp.Diff(detourPaths[1:], got[1:]); diff != "" {
		t.Errorf("changing one yielded path changed others (-want +got):\n%s", diff)
	}
}

func TestKShortestPaths(t *testing.T) {
	tests := []struct {
		name     string
		g        graph
		from, to string
		k        int
		maxHops  int
		want     [][]pathfind.Step
	}{
		{"FromEqualsToIsOneEmptyPath", directed(diamondEdges...), "s", "s", 3, 3, paths("")},
		{"KZeroIsNothing", directed(diamondEdges...), "s", "t", 0, 3, nil},
		{"FirstKOfTheShortest", directed(diamondEdges...), "s", "t", 3, 3, diamondPaths[:3]},
		{"ExactlyTheShortest", directed(diamondEdges...), "s", "t", 5, 3, diamondPaths[:5]},
		{"ShortestThenLonger", directed(diamondEdges...), "s", "t", 6, 3, diamondPaths},
		{"FewerThanKExist", directed(diamondEdges...), "s", "t", 10, 3, diamondPaths},
		{"MaxHopsLimitsTheLonger", directed(diamondEdges...), "s", "t", 10, 2, diamondPaths[:5]},
		{"UndirectedParallelEdges", undirected(diamondEdges...), "s", "t", 8, 5, diamondBothPaths},
		{"LongerPathsAreLoopless", detour, "s", "t", 10, 6, detourPaths},
		{"SecondPathDeviatesAtTheStart", detour, "s", "t", 2, 6, detourPaths[:2]},
		{"ThirdPathDeviatesInTheMiddle", detour, "s", "t", 3, 6, detourPaths[:3]},
		{"NoPathIsNil", directed(diamondEdges...), "t", "s", 3, 5, nil},
		{"UnknownNodeIsUnreachable", directed(diamondEdges...), "s", "nowhere", 3, 5, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := pathfind.KShortestPaths(t.Context(), tc.g, tc.from, tc.to, tc.k, tc.maxHops)
			if err != nil {
				t.Fatalf("KShortestPaths: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("KShortestPaths(%s → %s, k %d, %d) (-want +got):\n%s", tc.from, tc.to, tc.k, tc.maxHops, diff)
			}
		})
	}
}

func TestCheapestPath(t *testing.T) {
	// trap is cheap to reach b through a, but that takes too many hops
	// to go on to t when maxHops is 2.
	trap := directed(we("e1", "s", "a", 1), we("e2", "a", "b", 1), we("e3", "b", "t", 1), we("e4", "s", "b", 5), we("e5", "s", "t", 10))
	tests := []struct {
		name     string
		g        graph
		from, to string
		maxHops  int
		want     []pathfind.Step // nil: no path
		wantCost int64
	}{
		{"FromEqualsToIsFree", trap, "s", "s", 3, steps(""), 0},
		{"CheaperLongerPathWins", trap, "s", "t", 3, steps("e1>a e2>b e3>t"), 3},
		{"HopBoundSkipsTheCheapWayToAMiddleNode", trap, "s", "t", 2, steps("e4>b e3>t"), 6},
		{"HopBoundOneTakesTheDirectEdge", trap, "s", "t", 1, steps("e5>t"), 10},
		{"EqualCostFewerEdgesWins", directed(we("e1", "s", "a", 1), we("e2", "a", "t", 1), we("e3", "s", "t", 2)), "s", "t", 3, steps("e3>t"), 2},
		{"EqualCostAndLengthSmallerStepsWin", directed(we("e1", "s", "b", 1), we("e2", "b", "t", 1), we("e3", "s", "a", 1), we("e4", "a", "t", 1)), "s", "t", 3, steps("e3>a e4>t"), 2},
		{"CheapestParallelEdgeNotSmallestID", directed(we("e1", "s", "t", 3), we("e2", "s", "t", 1)), "s", "t", 3, steps("e2>t"), 1},
		{"ZeroWeightCycleIsNotTaken", undirected(we("e1", "s", "a", 0), we("e2", "a", "b", 0), we("e3", "b", "s", 0), we("e4", "b", "t", 0), we("e5", "a", "t", 1)), "s", "t", 5, steps("e3>b e4>t"), 0},
		{"ZeroWeightsGiveTheShortestPath", undirected(diamondEdges...), "s", "t", 3, steps("e2>x e4>t"), 0},
		{"DirectedCannotWalkBack", trap, "t", "s", 3, nil, 0},
		{"UndirectedWalksBack", undirected(we("e1", "s", "a", 1), we("e2", "a", "t", 1), we("e3", "s", "t", 5)), "t", "s", 3, steps("e2>a e1>s"), 2},
		{"UnknownNodeIsUnreachable", trap, "s", "nowhere", 3, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cost, ok, err := pathfind.CheapestPath(t.Context(), tc.g, tc.from, tc.to, tc.maxHops)
			if err != nil {
				t.Fatalf("CheapestPath: %v", err)
			}
			if ok != (tc.want != nil) {
				t.Fatalf("CheapestPath(%s → %s, %d) ok = %v, want %v (steps %v)", tc.from, tc.to, tc.maxHops, ok, tc.want != nil, got)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("CheapestPath(%s → %s, %d) (-want +got):\n%s", tc.from, tc.to, tc.maxHops, diff)
			}
			if cost != tc.wantCost {
				t.Errorf("cost = %d, want %d", cost, tc.wantCost)
			}
		})
	}
}

func TestCheapestPathNegativeWeightIsAnError(t *testing.T) {
	g := directed(we("e1", "s", "a", 1), we("e2", "a", "t", -1))
	_, _, ok, err := pathfind.CheapestPath(t.Context(), g, "s", "t", 3)
	if !errors.Is(err, pathfind.ErrNegativeWeight) || ok {
		t.Errorf("CheapestPath over a negative edge = ok %v, err %v; want ErrNegativeWeight", ok, err)
	}
}

func TestCanceledContextIsAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	g := undirected(diamondEdges...)
	calls := map[string]func() error{
		"BidirectionalShortestPath": func() error {
			_, _, err := pathfind.BidirectionalShortestPath(ctx, g, "s", "t", 3)
			return err
		},
		"AllShortestPaths": func() error {
			_, _, err := pathfind.AllShortestPaths(ctx, g, "s", "t", 3, 10)
			return err
		},
		"SimplePaths": func() error {
			return pathfind.SimplePaths(ctx, g, "s", "t", 3, func([]pathfind.Step) bool { return true })
		},
		"KShortestPaths": func() error {
			_, err := pathfind.KShortestPaths(ctx, g, "s", "t", 10, 3)
			return err
		},
		"CheapestPath": func() error {
			_, _, _, err := pathfind.CheapestPath(ctx, g, "s", "t", 3)
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a canceled context: err = %v, want context.Canceled", name, err)
			}
		})
	}
}

// cancelingGraph cancels a context once the search has asked for edges
// a number of times.
type cancelingGraph struct {
	g      graph
	cancel context.CancelFunc
	calls  int
}

func (c *cancelingGraph) tick() {
	if c.calls++; c.calls == 100 {
		c.cancel()
	}
}

func (c *cancelingGraph) Forward(n string) []pathfind.Edge  { c.tick(); return c.g.Forward(n) }
func (c *cancelingGraph) Backward(n string) []pathfind.Edge { c.tick(); return c.g.Backward(n) }

func TestContextCanceledDuringTheSearchStopsIt(t *testing.T) {
	var chain []edge
	for i := range 3000 {
		chain = append(chain, e(fmt.Sprintf("e%d", i), fmt.Sprintf("n%d", i), fmt.Sprintf("n%d", i+1)))
	}
	g := undirected(chain...)
	const from, to, hops = "n0", "n3000", 5000
	searches := map[string]func(ctx context.Context, g pathfind.Graph) error{
		"ShortestPath": func(ctx context.Context, g pathfind.Graph) error {
			_, _, err := pathfind.ShortestPath(ctx, g, from, to, hops)
			return err
		},
		"AllShortestPaths": func(ctx context.Context, g pathfind.Graph) error {
			_, _, err := pathfind.AllShortestPaths(ctx, g, from, to, hops, 10)
			return err
		},
		"SimplePaths": func(ctx context.Context, g pathfind.Graph) error {
			return pathfind.SimplePaths(ctx, g, from, to, hops, func([]pathfind.Step) bool { return true })
		},
		"KShortestPaths": func(ctx context.Context, g pathfind.Graph) error {
			_, err := pathfind.KShortestPaths(ctx, g, from, to, 3, hops)
			return err
		},
		"CheapestPath": func(ctx context.Context, g pathfind.Graph) error {
			_, _, _, err := pathfind.CheapestPath(ctx, g, from, to, hops)
			return err
		},
	}
	for name, search := range searches {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			cg := &cancelingGraph{g: g, cancel: cancel}
			if err := search(ctx, cg); !errors.Is(err, context.Canceled) {
				t.Errorf("%s: err = %v, want context.Canceled", name, err)
			}
			if cg.calls > 100+3*256 {
				t.Errorf("%s asked for edges %d times; it should stop soon after 100", name, cg.calls)
			}
		})
	}
}
