package pathfind_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// datedGraph gives a fuzz graph's edges dates: an edge's weight is its
// day, 0 meaning undated.
type datedGraph struct {
	pathfind.Graph
	days map[string]int
}

func (g datedGraph) EdgeDay(id string) (int, bool) {
	d, ok := g.days[id]
	return d, ok
}

// datedIndexed is datedGraph for a numbered graph, so the search still
// sees an IndexedGraph.
type datedIndexed struct {
	pathfind.IndexedGraph
	datedGraph
}

func (g datedIndexed) Forward(n string) []pathfind.Edge  { return g.IndexedGraph.Forward(n) }
func (g datedIndexed) Backward(n string) []pathfind.Edge { return g.IndexedGraph.Backward(n) }

// datedFuzzGraph decodes a fuzz graph with dates, and a window (count-2
// days; -1: none).
func datedFuzzGraph(data []byte) (fg fuzzGraph, days map[string]int, within int) {
	fg = decodeFuzzGraph(data)
	days = map[string]int{}
	for _, es := range fg.g.forward {
		for _, e := range es {
			if e.Weight > 0 {
				days[e.ID] = int(e.Weight)
			}
		}
	}
	dg := datedGraph{Graph: fg.search, days: days}
	if ix, ok := fg.search.(pathfind.IndexedGraph); ok {
		fg.search = datedIndexed{IndexedGraph: ix, datedGraph: dg}
	} else {
		fg.search = dg
	}
	return fg, days, fg.count - 2
}

// bruteForceTemporal enumerates every simple path, keeps the
// time-respecting ones (every edge dated, dates not decreasing, all within
// the first date plus within when within >= 0) and returns the one with
// the fewest edges, then the earliest arrival, then first in the path
// order. Temporal paths with the fewest edges are simple, so nothing is
// missed.
func bruteForceTemporal(g graph, days map[string]int, from, to string, maxHops, within int) ([]pathfind.Step, bool) {
	var best []pathfind.Step
	found := false
	arrival := func(p []pathfind.Step) int {
		if len(p) == 0 {
			return 0
		}
		return days[p[len(p)-1].Edge]
	}
	for _, p := range bruteForcePaths(g, from, to, maxHops) {
		ok := true
		for i, st := range p.steps {
			d, dated := days[st.Edge]
			switch {
			case !dated:
				ok = false
			case i > 0 && d < days[p.steps[i-1].Edge]:
				ok = false
			case within >= 0 && d > days[p.steps[0].Edge]+within:
				ok = false
			}
		}
		if !ok {
			continue
		}
		// bruteForcePaths sorts by length, then steps: a later path wins
		// only by arriving earlier at the same length.
		if !found || len(p.steps) == len(best) && arrival(p.steps) < arrival(best) {
			best, found = p.steps, true
		}
	}
	return best, found
}

func checkTemporal(t *testing.T, data []byte) {
	fg, days, within := datedFuzzGraph(data)
	want, wantOK := bruteForceTemporal(fg.g, days, fg.from, fg.to, fg.maxHops, within)
	got, ok, err := pathfind.TemporalPath(context.Background(), fg.search, fg.from, fg.to, fg.maxHops, within)
	if err != nil {
		t.Fatalf("%s: %v", fg.desc, err)
	}
	if ok != wantOK {
		t.Fatalf("%s, days %v, within %d: ok = %v, brute force says %v (%v)", fg.desc, days, within, ok, wantOK, want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s, days %v, within %d: (-brute force +TemporalPath)\n%s", fg.desc, days, within, diff)
	}
}

// FuzzTemporalPathMatchesBruteForce checks TemporalPath, window and
// tie-breaks included, against exhaustive search on small graphs.
func FuzzTemporalPathMatchesBruteForce(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(checkTemporal)
}

// TestTemporalPathMatchesBruteForce runs the oracle on many random graphs
// in every test run, not only under -fuzz.
func TestTemporalPathMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	for range 5000 {
		data := make([]byte, 5+3*r.IntN(15))
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		checkTemporal(t, data)
	}
}

func TestTemporalPath(t *testing.T) {
	// a→b on day 5, b→c on day 3 and day 7, a→d day 1, d→c day 2.
	g := datedGraph{Graph: directed(e("ab", "a", "b"), e("bc3", "b", "c"), e("bc7", "b", "c"), e("ad", "a", "d"), e("dc", "d", "c")),
		days: map[string]int{"ab": 5, "bc3": 3, "bc7": 7, "ad": 1, "dc": 2}}
	path := func(ps ...string) []pathfind.Step {
		var out []pathfind.Step
		for i := 0; i < len(ps); i += 2 {
			out = append(out, pathfind.Step{Edge: ps[i], Node: ps[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		within int
		want   []pathfind.Step
	}{
		{"EarliestArrivalBeatsPathOrder", -1, path("ad", "d", "dc", "c")},
		{"WindowFromTheFirstStep", 1, path("ad", "d", "dc", "c")},
		{"ZeroWindowNeedsOneDay", 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := pathfind.TemporalPath(t.Context(), g, "a", "c", 3, tc.within)
			if err != nil || ok != (tc.want != nil) {
				t.Fatalf("ok %v, err %v", ok, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatal(diff)
			}
		})
	}
	// Without dates nothing is usable.
	if _, ok, _ := pathfind.TemporalPath(t.Context(), g.Graph, "a", "c", 3, -1); ok {
		t.Fatal("an undated graph gave a path")
	}
}
