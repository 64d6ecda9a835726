package memstore

import (
	"slices"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// The walk graph: every actor with traversable relationships has a node
// number and its relationships as pathfind arcs by direction, kept up to
// date by the writes (addSteps, removeSteps), so that a search reads
// adjacency without a map lookup or an allocation and keeps its visited
// sets in slices indexed by node number (pathfind.IndexedGraph) instead
// of maps keyed by string ids.
//
// The arcs depend only on a relationship's ends and Goldstein score (the
// write path relies on this to keep them when a relationship is replaced
// by one that differs in nothing else): each carries the relationship's
// cooperation weight, so the most common weighted search reads them as
// they are.

// storedWeight is the weight the arcs carry.
const storedWeight = actorgraph.WeightCooperation

// adjacency is one actor's traversable relationships by direction.
type adjacency struct {
	id            string
	node          int32
	out, in, both []pathfind.Arc
}

func (a *adjacency) of(d actorgraph.Direction) []pathfind.Arc {
	switch d {
	case actorgraph.Outgoing:
		return a.out
	case actorgraph.Incoming:
		return a.in
	}
	return a.both
}

func (a *adjacency) empty() bool { return len(a.out) == 0 && len(a.in) == 0 && len(a.both) == 0 }

// nodeTable numbers the actors that have traversable relationships.
type nodeTable struct {
	nodes []*adjacency // by node number; nil for a free number
	// ids holds the actors' ids by node number too: searches compare ids
	// to break ties, and a dense slice saves a pointer chase per id.
	ids  []string
	free []int32 // numbers to reuse, so the table stays dense
}

// addSteps and removeSteps keep s.steps and s.nodes in step with the
// relationships. A one-actor event links nothing and is never walked.
func (s *Store) addSteps(r *actorgraph.Relationship) {
	if r.OneActor() {
		return
	}
	w := storedWeight.Milli(r)
	from, to := s.adjacencyOf(r.From), s.adjacencyOf(r.To)
	from.out = append(from.out, pathfind.Arc{ID: r.ID, Weight: w, To: to.node})
	from.both = append(from.both, pathfind.Arc{ID: r.ID, Weight: w, To: to.node})
	to.in = append(to.in, pathfind.Arc{ID: r.ID, Weight: w, To: from.node})
	to.both = append(to.both, pathfind.Arc{ID: r.ID, Weight: w, To: from.node})
}

func (s *Store) removeSteps(r *actorgraph.Relationship) {
	if r.OneActor() {
		return
	}
	drop := func(arcs []pathfind.Arc) []pathfind.Arc {
		return slices.DeleteFunc(arcs, func(a pathfind.Arc) bool { return a.ID == r.ID })
	}
	if a := s.steps[r.From]; a != nil {
		a.out, a.both = drop(a.out), drop(a.both)
		s.dropIfEmpty(a)
	}
	if a := s.steps[r.To]; a != nil {
		a.in, a.both = drop(a.in), drop(a.both)
		s.dropIfEmpty(a)
	}
}

// adjacencyOf returns an actor's adjacency, numbering the actor if it has
// none yet.
func (s *Store) adjacencyOf(id string) *adjacency {
	a := s.steps[id]
	if a == nil {
		a = &adjacency{id: id}
		if n := len(s.nodes.free); n > 0 {
			a.node = s.nodes.free[n-1]
			s.nodes.free = s.nodes.free[:n-1]
			s.nodes.nodes[a.node], s.nodes.ids[a.node] = a, id
		} else {
			a.node = int32(len(s.nodes.nodes))
			s.nodes.nodes = append(s.nodes.nodes, a)
			s.nodes.ids = append(s.nodes.ids, id)
		}
		s.steps[id] = a
	}
	return a
}

// dropIfEmpty frees the number of an actor left without traversable
// relationships, so deleting an actor (which first deletes its
// relationships) leaves nothing behind.
func (s *Store) dropIfEmpty(a *adjacency) {
	if !a.empty() || s.steps[a.id] != a {
		return
	}
	delete(s.steps, a.id)
	s.nodes.nodes[a.node], s.nodes.ids[a.node] = nil, ""
	s.nodes.free = append(s.nodes.free, a.node)
}

// graphView adapts the store's adjacency to pathfind.IndexedGraph,
// applying a walk's filters: relationships it may not use are not there,
// and neither are actors it may not pass through, except the ends of the
// search. With a weight set, arcs carry its cost. The caller holds the
// read lock.
type graphView struct {
	s      *Store
	walk   *actorgraph.Walk
	ends   [2]int32 // node numbers, -1 for none
	weight actorgraph.Weight
	// stored: the arcs can be used as stored (the walk filters nothing,
	// and the weight is none or the one they carry).
	stored bool
	// through: the walk restricts the actors a path may pass through.
	through bool
}

var (
	_ pathfind.IndexedGraph = graphView{}
	_ pathfind.Dated        = graphView{}
)

// view returns the graph of a walk with the given ends (at most two), for
// an unweighted search; set weight with weighted.
func (s *Store) view(walk *actorgraph.Walk, ends ...string) graphView {
	g := graphView{s: s, walk: walk, ends: [2]int32{-1, -1}}
	for i, id := range ends {
		if a := s.steps[id]; a != nil {
			g.ends[i] = a.node
		}
	}
	g.through = len(walk.Avoid) > 0 || len(walk.IntermediateKinds) > 0
	g.stored = walk.Unfiltered()
	return g
}

// weighted returns g with arcs that carry the cost of weight w.
func (g graphView) weighted(w actorgraph.Weight) graphView {
	g.weight = w
	g.stored = g.walk.Unfiltered() && (w == "" || w == storedWeight)
	return g
}

func (g graphView) NodeCount() int { return len(g.s.nodes.nodes) }

func (g graphView) NodeIndex(id string) (int32, bool) {
	if a := g.s.steps[id]; a != nil {
		return a.node, true
	}
	return 0, false
}

func (g graphView) NodeID(n int32) string { return g.s.nodes.ids[n] }

func (g graphView) ForwardArcs(n int32) []pathfind.Arc { return g.arcs(n, g.walk.Dir()) }

func (g graphView) BackwardArcs(n int32) []pathfind.Arc { return g.arcs(n, g.walk.Dir().Reverse()) }

func (g graphView) Forward(id string) []pathfind.Edge { return g.edges(id, g.walk.Dir()) }

func (g graphView) Backward(id string) []pathfind.Edge { return g.edges(id, g.walk.Dir().Reverse()) }

// edges is arcs for callers that know ids only.
func (g graphView) edges(id string, dir actorgraph.Direction) []pathfind.Edge {
	n, ok := g.NodeIndex(id)
	if !ok {
		return nil
	}
	arcs := g.arcs(n, dir)
	out := make([]pathfind.Edge, len(arcs))
	for i, a := range arcs {
		out[i] = pathfind.Edge{ID: a.ID, To: g.NodeID(a.To)}
		if g.weight != "" {
			out[i].Weight = a.Weight
		}
	}
	return out
}

// arcs returns the stored arcs when they can be used as they are (the
// common case, and the hot path of every search), else filters a copy.
func (g graphView) arcs(n int32, dir actorgraph.Direction) []pathfind.Arc {
	all := g.s.nodes.nodes[n].of(dir)
	if g.stored {
		return all
	}
	var out []pathfind.Arc
	for _, a := range all {
		r := g.s.rels[a.ID]
		if !g.walk.AllowsRelationship(r) || (g.through && !g.passable(a.To)) {
			continue
		}
		if g.weight != "" && g.weight != storedWeight {
			a.Weight = g.weight.Milli(r)
		}
		out = append(out, a)
	}
	return out
}

// EdgeDay gives a relationship's date for pathfind.TemporalPath.
func (g graphView) EdgeDay(id string) (int, bool) {
	if r := g.s.rels[id]; r != nil && r.Date != nil {
		return r.Date.Days(), true
	}
	return 0, false
}

func (g graphView) passable(n int32) bool {
	return n == g.ends[0] || n == g.ends[1] || g.walk.AllowsThrough(g.s.actors[g.s.nodes.ids[n]])
}
