package pathfind_test

import (
	"slices"

	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// indexedGraph is a graph that numbers its nodes (a pathfind.IndexedGraph),
// as the embedded store does. Numbers run in reverse id order, so a search
// that compared numbers instead of ids would break ties wrongly, and nodes
// without edges have none, so searches must cope with ends they cannot
// number.
type indexedGraph struct {
	graph
	index map[string]int32
	ids   []string
}

func newIndexedGraph(g graph) *indexedGraph {
	ig := &indexedGraph{graph: g, index: map[string]int32{}}
	seen := map[string]bool{}
	for _, m := range []map[string][]pathfind.Edge{g.forward, g.backward} {
		for n, es := range m {
			seen[n] = true
			for _, e := range es {
				seen[e.To] = true
			}
		}
	}
	for n := range seen {
		ig.ids = append(ig.ids, n)
	}
	slices.Sort(ig.ids)
	slices.Reverse(ig.ids)
	for i, n := range ig.ids {
		ig.index[n] = int32(i)
	}
	return ig
}

func (ig *indexedGraph) NodeCount() int { return len(ig.ids) }

func (ig *indexedGraph) NodeIndex(id string) (int32, bool) {
	n, ok := ig.index[id]
	return n, ok
}

func (ig *indexedGraph) NodeID(n int32) string               { return ig.ids[n] }
func (ig *indexedGraph) ForwardArcs(n int32) []pathfind.Arc  { return ig.arcs(ig.forward[ig.ids[n]]) }
func (ig *indexedGraph) BackwardArcs(n int32) []pathfind.Arc { return ig.arcs(ig.backward[ig.ids[n]]) }

func (ig *indexedGraph) arcs(es []pathfind.Edge) []pathfind.Arc {
	var as []pathfind.Arc
	for _, e := range es {
		as = append(as, pathfind.Arc{ID: e.ID, Weight: e.Weight, To: ig.index[e.To]})
	}
	return as
}
