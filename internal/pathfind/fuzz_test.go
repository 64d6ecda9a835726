package pathfind_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// costedPath is a path with its total weight.
type costedPath struct {
	steps []pathfind.Step
	cost  int64
}

// bruteForcePaths enumerates every simple path of at most maxHops edges by
// exhaustive depth-first search and sorts them by length, then steps.
func bruteForcePaths(g graph, from, to string, maxHops int) []costedPath {
	if from == to {
		return []costedPath{{steps: []pathfind.Step{}}}
	}
	var all []costedPath
	visited := map[string]bool{from: true}
	var path []pathfind.Step
	var walk func(n string, cost int64)
	walk = func(n string, cost int64) {
		if n == to {
			all = append(all, costedPath{slices.Clone(path), cost})
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
			walk(e.To, cost+e.Weight)
			path = path[:len(path)-1]
			visited[e.To] = false
		}
	}
	walk(from, 0)
	slices.SortFunc(all, func(a, b costedPath) int {
		if lessPath(a.steps, b.steps) {
			return -1
		}
		if lessPath(b.steps, a.steps) {
			return +1
		}
		return 0
	})
	return all
}

// stepsOf drops the costs.
func stepsOf(ps []costedPath) [][]pathfind.Step {
	var out [][]pathfind.Step
	for _, p := range ps {
		out = append(out, p.steps)
	}
	return out
}

// bruteForceCheapestWalk finds the cheapest walk (nodes may repeat) of at
// most maxHops edges, ties broken by fewer edges, then steps, by dynamic
// programming over the exact number of edges: the best walk with h edges
// to a node extends a best walk with h-1 edges, since the order compares
// cost and then the steps from the start.
func bruteForceCheapestWalk(g graph, from, to string, maxHops int) (costedPath, bool) {
	better := func(a, b costedPath) bool {
		return a.cost < b.cost || (a.cost == b.cost && lessPath(a.steps, b.steps))
	}
	layer := map[string]costedPath{from: {steps: []pathfind.Step{}}}
	best, found := layer[to]
	for h := 1; h <= maxHops; h++ {
		next := map[string]costedPath{}
		for n, w := range layer {
			for _, e := range g.Forward(n) {
				c := costedPath{append(slices.Clone(w.steps), pathfind.Step{Edge: e.ID, Node: e.To}), w.cost + e.Weight}
				if cur, ok := next[e.To]; !ok || better(c, cur) {
					next[e.To] = c
				}
			}
		}
		layer = next
		if w, ok := layer[to]; ok && (!found || w.cost < best.cost) {
			best, found = w, true
		}
	}
	return best, found
}

// isSimple reports whether a path from start repeats no node.
func isSimple(start string, p []pathfind.Step) bool {
	seen := map[string]bool{start: true}
	for _, st := range p {
		if seen[st.Node] {
			return false
		}
		seen[st.Node] = true
	}
	return true
}

// FuzzBidirectionalMatchesBFS checks BidirectionalShortestPath and
// ShortestPath against the one-sided breadth-first search and exhaustive
// search, tie-break included.
func FuzzBidirectionalMatchesBFS(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		want, wantOK := bruteForcePath(fg.g, fg.from, fg.to, fg.maxHops)
		if fg.count > 4 {
			defer pathfind.SetTinyThresholds()()
		}
		for _, impl := range shortestPathImpls {
			got, ok, err := impl.f(context.Background(), fg.search, fg.from, fg.to, fg.maxHops)
			if err != nil {
				t.Fatalf("%s: %s: %v", fg.desc, impl.name, err)
			}
			if ok != wantOK {
				t.Fatalf("%s: %s ok = %v, brute force says %v (%v)", fg.desc, impl.name, ok, wantOK, want)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: (-brute force +%s):\n%s", fg.desc, impl.name, diff)
			}
		}
	})
}

// FuzzAllShortestPathsMatchesBruteForce checks AllShortestPaths, order,
// limit (0 to 7) and truncation included.
func FuzzAllShortestPathsMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		limit := fg.count - 1
		if len(data) > 0 && data[len(data)-1]&1 != 0 {
			defer pathfind.SetTinyThresholds()()
		}
		all := bruteForcePaths(fg.g, fg.from, fg.to, fg.maxHops)
		var shortest [][]pathfind.Step
		for _, p := range all {
			if len(p.steps) == len(all[0].steps) {
				shortest = append(shortest, p.steps)
			}
		}
		want, wantTruncated := shortest, false
		if len(want) > limit {
			want, wantTruncated = want[:limit], true
		}
		if len(want) == 0 {
			want = nil
		}
		got, truncated, err := pathfind.AllShortestPaths(context.Background(), fg.search, fg.from, fg.to, fg.maxHops, limit)
		if err != nil {
			t.Fatalf("%s: AllShortestPaths: %v", fg.desc, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s, limit %d: (-brute force +AllShortestPaths):\n%s", fg.desc, limit, diff)
		}
		if truncated != wantTruncated {
			t.Fatalf("%s, limit %d: truncated = %v, brute force says %v", fg.desc, limit, truncated, wantTruncated)
		}
	})
}

// FuzzSimplePathsMatchesBruteForce checks that SimplePaths yields every
// simple path in the path order, and stops when asked to.
func FuzzSimplePathsMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		want := stepsOf(bruteForcePaths(fg.g, fg.from, fg.to, fg.maxHops))
		for _, stop := range []int{len(want) + 1, fg.count} {
			var got [][]pathfind.Step
			err := pathfind.SimplePaths(context.Background(), fg.search, fg.from, fg.to, fg.maxHops, func(p []pathfind.Step) bool {
				if len(got) == stop {
					t.Fatalf("%s: yield called again after it returned false", fg.desc)
				}
				got = append(got, p)
				return len(got) < stop
			})
			if err != nil {
				t.Fatalf("%s: SimplePaths: %v", fg.desc, err)
			}
			w := want[:min(stop, len(want))]
			if len(w) == 0 {
				w = nil
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Fatalf("%s, stop after %d: (-brute force +SimplePaths):\n%s", fg.desc, stop, diff)
			}
		}
	})
}

// FuzzKShortestMatchesBruteForce checks KShortestPaths (k 1 to 8) against
// the first k paths of exhaustive search and of SimplePaths.
func FuzzKShortestMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		k := fg.count
		if len(data) > 0 && data[len(data)-1]&1 != 0 {
			defer pathfind.SetTinyThresholds()()
		}
		want := stepsOf(bruteForcePaths(fg.g, fg.from, fg.to, fg.maxHops))
		want = want[:min(k, len(want))]
		var simple [][]pathfind.Step
		err := pathfind.SimplePaths(context.Background(), fg.search, fg.from, fg.to, fg.maxHops, func(p []pathfind.Step) bool {
			simple = append(simple, p)
			return len(simple) < k
		})
		if err != nil {
			t.Fatalf("%s: SimplePaths: %v", fg.desc, err)
		}
		got, err := pathfind.KShortestPaths(context.Background(), fg.search, fg.from, fg.to, k, fg.maxHops)
		if err != nil {
			t.Fatalf("%s: KShortestPaths: %v", fg.desc, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s, k %d: (-brute force +KShortestPaths):\n%s", fg.desc, k, diff)
		}
		if diff := cmp.Diff(simple, got); diff != "" {
			t.Fatalf("%s, k %d: (-SimplePaths +KShortestPaths):\n%s", fg.desc, k, diff)
		}
	})
}

// FuzzCheapestPathMatchesBruteForce checks CheapestPath against the
// cheapest of all simple paths (cost, then length, then steps), and checks
// the claim it rests on: the cheapest walk, nodes allowed to repeat, with
// the same tie-breaks, is that same simple path.
func FuzzCheapestPathMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Add([]byte{5, 4, 0, 0, 4, 0, 1, 0, 1, 2, 1, 2, 0, 2, 2, 3, 17, 3, 4, 30, 0, 4, 71}) // zero-weight cycle, weighted shortcut
	f.Fuzz(func(t *testing.T, data []byte) {
		fg := decodeFuzzGraph(data)
		var want costedPath
		wantOK := false
		for _, p := range bruteForcePaths(fg.g, fg.from, fg.to, fg.maxHops) {
			if !wantOK || p.cost < want.cost { // sorted by length, then steps
				want, wantOK = p, true
			}
		}
		walk, walkOK := bruteForceCheapestWalk(fg.g, fg.from, fg.to, fg.maxHops)
		if walkOK != wantOK || (walkOK && (!isSimple(fg.from, walk.steps) || walk.cost != want.cost || !cmp.Equal(walk.steps, want.steps))) {
			t.Fatalf("%s: cheapest walk %v (ok %v) is not the cheapest simple path %v (ok %v)", fg.desc, walk, walkOK, want, wantOK)
		}
		got, cost, ok, err := pathfind.CheapestPath(context.Background(), fg.search, fg.from, fg.to, fg.maxHops)
		if err != nil {
			t.Fatalf("%s: CheapestPath: %v", fg.desc, err)
		}
		if ok != wantOK {
			t.Fatalf("%s: ok = %v, brute force says %v (%v)", fg.desc, ok, wantOK, want)
		}
		if diff := cmp.Diff(want.steps, got); diff != "" || cost != want.cost {
			t.Fatalf("%s: cost %d, brute force %d; steps (-brute force +CheapestPath):\n%s", fg.desc, cost, want.cost, diff)
		}
	})
}

// ExampleSimplePaths lists the simple paths of a small graph in the path
// order.
func ExampleSimplePaths() {
	g := undirected(e("r1", "a", "b"), e("r2", "b", "c"), e("r3", "a", "c"))
	_ = pathfind.SimplePaths(context.Background(), g, "a", "c", 3, func(p []pathfind.Step) bool {
		fmt.Println(p)
		return true
	})
	// Output:
	// [{r3 c}]
	// [{r1 b} {r2 c}]
}
