package pathfind

import (
	"context"
	"slices"
)

// BidirectionalShortestPath returns the same path as ShortestPath: the
// first shortest path of at most maxHops edges in the path order, ok false
// when there is none, an empty path when from == to.
//
// It grows a breadth-first search from each end, always the one with the
// smaller frontier, one whole level at a time, until they meet; that fixes
// the length. It then marks the nodes that lie on shortest paths and walks
// from the start taking the smallest (node, edge) step that stays on one.
// The work is about the edges of both searches' levels, which on graphs
// with hubs is far less than one search reaching the far end.
func BidirectionalShortestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, ok bool, err error) {
	if from == to {
		return []Step{}, true, nil
	}
	c := &canceler{ctx: ctx}
	l, err := meet(c, g, from, to, maxHops)
	if err != nil || l == nil {
		return nil, false, err
	}
	steps, err = l.first(c, from)
	if err != nil {
		return nil, false, err
	}
	return steps, true, nil
}

// AllShortestPaths returns the shortest paths from one node to another of
// at most maxHops edges, in the path order, at most limit of them;
// truncated reports that more exist. No path gives nil; from == to gives
// one empty path. With limit < 1 no path is returned and truncated
// reports whether one exists.
//
// It finds the shortest-path structure as BidirectionalShortestPath does,
// then enumerates it depth-first in the path order; every branch it enters
// ends at the target, so the enumeration costs about limit × length steps
// beyond the search.
func AllShortestPaths(ctx context.Context, g Graph, from, to string, maxHops, limit int) (paths [][]Step, truncated bool, err error) {
	if from == to {
		if limit < 1 {
			return nil, true, nil
		}
		return [][]Step{{}}, false, nil
	}
	c := &canceler{ctx: ctx}
	l, err := meet(c, g, from, to, maxHops)
	if err != nil || l == nil {
		return nil, false, err
	}
	e := &enumerator{l: l, c: c, limit: limit, successors: map[string][]Edge{}}
	if _, err := e.walk(from, make([]Step, 0, l.length)); err != nil {
		return nil, false, err
	}
	return e.paths, e.truncated, nil
}

// layers describes every shortest path between two nodes, as found by two
// breadth-first searches that met. Positions count edges from the start.
type layers struct {
	g      Graph
	length int             // the edges of a shortest path
	meet   int             // the position where the searches met
	distF  map[string]int  // distances from the start, complete to meet
	distB  map[string]int  // distances to the target, complete to length-meet
	onPath map[string]bool // the nodes at positions ≤ meet on a shortest path
}

// meet grows breadth-first searches from both ends, the one with the
// smaller frontier first, until they meet. It returns nil when they do not
// within maxHops edges. from != to.
//
// Before a level is grown the two searches' nodes are disjoint, so a
// shortest path is longer than both depths together; every node the new
// level shares with the other search therefore lies on a shortest path,
// of length depthF + depthB, at position depthF.
func meet(c *canceler, g Graph, from, to string, maxHops int) (*layers, error) {
	fwd, bwd := newBFS(from, g.Forward), newBFS(to, g.Backward)
	for fwd.depth+bwd.depth < maxHops && !fwd.exhausted() && !bwd.exhausted() {
		grow, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		met, err := grow.grow(c, other.dist)
		if err != nil {
			return nil, err
		}
		if len(met) > 0 {
			l := &layers{g: g, length: fwd.depth + bwd.depth, meet: fwd.depth, distF: fwd.dist, distB: bwd.dist}
			return l, l.markFront(c, met)
		}
	}
	return nil, nil
}

// markFront marks the nodes between the start and the meeting nodes that
// lie on a shortest path, sweeping back from the meeting nodes one level
// of the forward search at a time.
func (l *layers) markFront(c *canceler, met []string) error {
	l.onPath = make(map[string]bool, len(met))
	for _, n := range met {
		l.onPath[n] = true
	}
	layer := met
	for d := l.meet; d > 0; d-- {
		var prev []string
		for _, n := range layer {
			if err := c.check(); err != nil {
				return err
			}
			for _, e := range l.g.Backward(n) {
				if dist, seen := l.distF[e.To]; seen && dist == d-1 && !l.onPath[e.To] {
					l.onPath[e.To] = true
					prev = append(prev, e.To)
				}
			}
		}
		layer = prev
	}
	return nil
}

// next reports whether node n, reached by an edge from a node at position
// pos-1 of a shortest path, is at position pos of a shortest path.
func (l *layers) next(pos int, n string) bool {
	if pos <= l.meet {
		return l.onPath[n] && l.distF[n] == pos
	}
	d, seen := l.distB[n]
	return seen && d == l.length-pos
}

// first walks the shortest paths from the start, taking the smallest
// (node, edge) step each time: the first shortest path in the path order.
func (l *layers) first(c *canceler, from string) ([]Step, error) {
	steps := make([]Step, 0, l.length)
	cur := from
	for pos := 1; pos <= l.length; pos++ {
		if err := c.check(); err != nil {
			return nil, err
		}
		var best Edge
		found := false
		for _, e := range l.g.Forward(cur) {
			if l.next(pos, e.To) && (!found || lessEdge(e, best)) {
				best, found = e, true
			}
		}
		if !found {
			return nil, errNotMirrored
		}
		steps = append(steps, Step{Edge: best.ID, Node: best.To})
		cur = best.To
	}
	return steps, nil
}

// enumerator lists shortest paths depth-first in the path order.
type enumerator struct {
	l          *layers
	c          *canceler
	limit      int
	paths      [][]Step
	truncated  bool
	successors map[string][]Edge // per node: its steps onto shortest paths, sorted
}

// walk extends path, which ends at cur, along shortest paths in the path
// order. It returns false once the enumeration is over.
func (e *enumerator) walk(cur string, path []Step) (more bool, err error) {
	if len(path) == e.l.length {
		if len(e.paths) >= e.limit {
			e.truncated = true
			return false, nil
		}
		e.paths = append(e.paths, slices.Clone(path))
		return true, nil
	}
	if err := e.c.check(); err != nil {
		return false, err
	}
	next, err := e.next(cur, len(path)+1)
	if err != nil {
		return false, err
	}
	for _, ed := range next {
		if more, err := e.walk(ed.To, append(path, Step{Edge: ed.ID, Node: ed.To})); !more || err != nil {
			return false, err
		}
	}
	return true, nil
}

// next returns the edges from cur, at position pos-1, to position pos of
// a shortest path, in the path order. A node has one position on shortest
// paths, so the answer is kept per node.
func (e *enumerator) next(cur string, pos int) ([]Edge, error) {
	if next, ok := e.successors[cur]; ok {
		return next, nil
	}
	var next []Edge
	for _, ed := range e.l.g.Forward(cur) {
		if e.l.next(pos, ed.To) {
			next = append(next, ed)
		}
	}
	if len(next) == 0 {
		return nil, errNotMirrored
	}
	slices.SortFunc(next, func(a, b Edge) int { return compareStep(a.To, a.ID, b.To, b.ID) })
	e.successors[cur] = next
	return next, nil
}
