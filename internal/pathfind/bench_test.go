package pathfind_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// memGraph is an in-memory pathfind.Graph over synth records: adjacency
// lists by node holding both directions of every relationship (an
// undirected search, the stores' default), weighted by cooperation.
type memGraph map[string][]pathfind.Edge

func (g memGraph) Forward(n string) []pathfind.Edge  { return g[n] }
func (g memGraph) Backward(n string) []pathfind.Edge { return g[n] }

// newMemGraph builds a memGraph with exactly sized adjacency lists.
func newMemGraph(actors []actorgraph.Actor, rels []actorgraph.Relationship) memGraph {
	degree := make(map[string]int, len(actors))
	for i := range rels {
		degree[rels[i].From]++
		degree[rels[i].To]++
	}
	g := make(memGraph, len(actors))
	for _, a := range actors {
		g[a.ID] = make([]pathfind.Edge, 0, degree[a.ID])
	}
	for i := range rels {
		r := &rels[i]
		w := actorgraph.WeightCooperation.Milli(r)
		g[r.From] = append(g[r.From], pathfind.Edge{ID: r.ID, To: r.To, Weight: w})
		g[r.To] = append(g[r.To], pathfind.Edge{ID: r.ID, To: r.From, Weight: w})
	}
	return g
}

// indexedMemGraph is memGraph numbered (a pathfind.IndexedGraph), as the
// embedded store's graph view is: the searches run on node numbers
// without interning ids.
type indexedMemGraph struct {
	memGraph
	index map[string]int32
	ids   []string
	arcs  [][]pathfind.Arc
}

func newIndexedMemGraph(g memGraph) *indexedMemGraph {
	ig := &indexedMemGraph{memGraph: g, index: make(map[string]int32, len(g))}
	for id := range g {
		ig.index[id] = int32(len(ig.ids))
		ig.ids = append(ig.ids, id)
	}
	ig.arcs = make([][]pathfind.Arc, len(ig.ids))
	for n, id := range ig.ids {
		for _, e := range g[id] {
			ig.arcs[n] = append(ig.arcs[n], pathfind.Arc{ID: e.ID, Weight: e.Weight, To: ig.index[e.To]})
		}
	}
	return ig
}

func (g *indexedMemGraph) NodeCount() int { return len(g.ids) }
func (g *indexedMemGraph) NodeIndex(id string) (int32, bool) {
	n, ok := g.index[id]
	return n, ok
}
func (g *indexedMemGraph) NodeID(n int32) string               { return g.ids[n] }
func (g *indexedMemGraph) ForwardArcs(n int32) []pathfind.Arc  { return g.arcs[n] }
func (g *indexedMemGraph) BackwardArcs(n int32) []pathfind.Arc { return g.arcs[n] }

// benchMaxHops bounds every benchmarked search.
const benchMaxHops = 6

// benchCase is a graph and the endpoint pairs searched in it.
type benchCase struct {
	g       memGraph
	indexed *indexedMemGraph
	pairs   [][2]string
}

// benchSizes are the graphs, named by their relationship counts.
var benchSizes = []struct {
	name string
	cfg  synth.Config
}{{"10k", synth.Small}, {"100k", synth.Medium}, {"1M", synth.Large}}

// benchCases keeps each size's graph for every benchmark of one run.
var benchCases = map[synth.Config]*benchCase{}

// loadBench builds (once) the graph for cfg and 256 seeded random pairs
// of distinct actors, chosen uniformly, so most ends are ordinary actors
// and a few are hubs.
func loadBench(cfg synth.Config) *benchCase {
	if bc, ok := benchCases[cfg]; ok {
		return bc
	}
	actors, rels := synth.Generate(cfg)
	bc := &benchCase{g: newMemGraph(actors, rels)}
	bc.indexed = newIndexedMemGraph(bc.g)
	r := rand.New(rand.NewPCG(42, 42))
	for len(bc.pairs) < 256 {
		a, b := actors[r.IntN(len(actors))].ID, actors[r.IntN(len(actors))].ID
		if a != b {
			bc.pairs = append(bc.pairs, [2]string{a, b})
		}
	}
	benchCases[cfg] = bc
	return bc
}

// benchSearch runs search over the pairs in turn on every graph size, as
// a plain pathfind.Graph (named by size) and numbered (size-indexed, as
// the embedded store serves it), and reports, besides ns/op (the mean),
// the median and 90th percentile and the share of pairs that found a path.
func benchSearch(b *testing.B, search func(ctx context.Context, g pathfind.Graph, from, to string) (found bool, err error)) {
	for _, size := range benchSizes {
		for _, indexed := range []bool{false, true} {
			name := size.name
			if indexed {
				name += "-indexed"
			}
			b.Run(name, func(b *testing.B) {
				benchOn(b, size.name, size.cfg, indexed, search)
			})
		}
	}
}

func benchOn(b *testing.B, size string, cfg synth.Config, indexed bool, search func(ctx context.Context, g pathfind.Graph, from, to string) (found bool, err error)) {
	if size == "1M" && testing.Short() {
		b.Skip("the 1M graph takes seconds to build")
	}
	bc := loadBench(cfg)
	var g pathfind.Graph = bc.g
	if indexed {
		g = bc.indexed
	}
	ctx := context.Background()
	var took []time.Duration
	found := 0
	for i := 0; b.Loop(); i++ {
		p := bc.pairs[i%len(bc.pairs)]
		start := time.Now()
		ok, err := search(ctx, g, p[0], p[1])
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if ok {
			found++
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(took[len(took)*9/10].Nanoseconds()), "p90-ns")
	b.ReportMetric(float64(found)/float64(len(took)), "found/op")
}

func BenchmarkShortestPath(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		_, ok, err := pathfind.ShortestPath(ctx, g, from, to, benchMaxHops)
		return ok, err
	})
}

func BenchmarkBidirectionalShortestPath(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		_, ok, err := pathfind.BidirectionalShortestPath(ctx, g, from, to, benchMaxHops)
		return ok, err
	})
}

// BenchmarkForwardShortestPath measures the one-sided search ShortestPath
// used before, for comparison.
func BenchmarkForwardShortestPath(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		_, ok, err := pathfind.ForwardShortestPath(ctx, g, from, to, benchMaxHops)
		return ok, err
	})
}

func BenchmarkAllShortestPaths(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		paths, _, err := pathfind.AllShortestPaths(ctx, g, from, to, benchMaxHops, 10)
		return len(paths) > 0, err
	})
}

func BenchmarkKShortestPaths(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		paths, err := pathfind.KShortestPaths(ctx, g, from, to, 5, benchMaxHops)
		return len(paths) == 5, err
	})
}

// BenchmarkKShortestBySimplePaths measures the alternative to Yen's
// algorithm: the first five paths SimplePaths yields.
func BenchmarkKShortestBySimplePaths(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		n := 0
		err := pathfind.SimplePaths(ctx, g, from, to, benchMaxHops, func([]pathfind.Step) bool {
			n++
			return n < 5
		})
		return n == 5, err
	})
}

func BenchmarkCheapestPath(b *testing.B) {
	benchSearch(b, func(ctx context.Context, g pathfind.Graph, from, to string) (bool, error) {
		_, _, ok, err := pathfind.CheapestPath(ctx, g, from, to, benchMaxHops)
		return ok, err
	})
}
