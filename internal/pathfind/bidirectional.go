package pathfind

import (
	"context"
	"slices"
)

// BidirectionalShortestPath returns the same path as ShortestPath: the
// first shortest path of at most maxHops edges in the path order, ok false
// when there is none, an empty path when from == to.
//
// It grows a breadth-first search from each end, one whole level at a
// time, always the one whose next level costs fewer edges, until they
// meet; that fixes the length. It then marks, from the meeting edges back
// to the start, the nodes of the start's search that lie on shortest
// paths, and walks from the start taking the smallest (node, edge) step
// that stays on one. The work is about the edges of the levels both
// searches grew, which on graphs with hubs is far less than one search
// reaching the far end; marking and walking reuse the edges the searches
// fetched, so a hub's edges are not read twice when that can be avoided.
func BidirectionalShortestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, ok bool, err error) {
	if from == to {
		return []Step{}, true, nil
	}
	gr := newGraph(g)
	return shortestPath(&canceler{ctx: ctx}, gr, gr.index(from), gr.index(to), maxHops, nil)
}

// shortestPath is BidirectionalShortestPath on g without detour's nodes
// and edges. from != to.
func shortestPath(c *canceler, g *graph, from, to int32, maxHops int, d *detour) (steps []Step, ok bool, err error) {
	l, err := meet(c, g, from, to, maxHops, d)
	defer l.release()
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
	return allShortestPaths(&canceler{ctx: ctx}, newGraph(g), from, to, maxHops, limit)
}

func allShortestPaths(c *canceler, g *graph, from, to string, maxHops, limit int) (paths [][]Step, truncated bool, err error) {
	start := g.index(from)
	l, err := meet(c, g, start, g.index(to), maxHops, nil)
	defer l.release()
	if err != nil || l == nil {
		return nil, false, err
	}
	e := &enumerator{l: l, c: c, limit: limit, sorted: map[int32][]Arc{}}
	if _, err := e.walk(start, make([]Step, 0, l.length)); err != nil {
		return nil, false, err
	}
	return e.paths, e.truncated, nil
}

// layers describes every shortest path between two nodes, as found by two
// breadth-first searches that met. Positions count edges from the start:
// the nodes at positions 0 … meet lie in the start's search (fwd), those
// at meet+1 … length in the target's (bwd), at distance length-position.
type layers struct {
	g        *graph
	fwd, bwd *bfs
	length   int
	meet     int
	// out holds, for each node at a position ≤ meet on a shortest path,
	// its arcs to the next position on one.
	out map[int32][]Arc
}

// release gives the searches' memory back; l may be nil.
func (l *layers) release() {
	if l != nil {
		l.fwd.release()
		l.bwd.release()
	}
}

// meet grows breadth-first searches from both ends, the cheaper next level
// first, until they meet. It returns nil when they do not within maxHops
// edges. from != to; d, which may be nil, is kept out of the searches and
// has from as its start.
//
// Before a level is grown the two searches' nodes are disjoint, so a
// shortest path is longer than both depths together; every edge from the
// grown frontier to the other search's nodes therefore lies on a shortest
// path, of length depthF + depthB + 1, between positions depthF and
// depthF + 1.
func meet(c *canceler, g *graph, from, to int32, maxHops int, d *detour) (*layers, error) {
	fwd, bwd := newBFS(g, from, false, d), newBFS(g, to, true, d)
	release := func() { fwd.release(); bwd.release() }
	for fwd.depth()+bwd.depth() < maxHops && !fwd.exhausted() && !bwd.exhausted() {
		forward, err := cheaper(c, fwd, bwd)
		if err != nil {
			release()
			return nil, err
		}
		length, meetAt := fwd.depth()+bwd.depth()+1, fwd.depth()
		grow, other := fwd, bwd
		if !forward {
			grow, other = bwd, fwd
		}
		contacts, err := grow.grow(c, other)
		if err != nil {
			release()
			return nil, err
		}
		if len(contacts) == 0 {
			continue
		}
		l := &layers{g: g, fwd: fwd, bwd: bwd, length: length, meet: meetAt, out: map[int32][]Arc{}}
		for _, ct := range contacts {
			near, a := ct.near, ct.a
			if !forward { // ct.a leads back from the target's side
				near, a = a.To, Arc{ID: a.ID, To: ct.near, Weight: a.Weight}
			}
			l.out[near] = append(l.out[near], a)
		}
		return l, l.markFront(c)
	}
	release()
	return nil, nil
}

// markFront fills out for positions below meet, level by level back to the
// start: a node at position p-1 is on a shortest path when an edge leads
// from it to one at position p.
func (l *layers) markFront(c *canceler) error {
	layer := make([]int32, 0, len(l.out))
	for n := range l.out {
		layer = append(layer, n)
	}
	for p := l.meet; p > 0; p-- {
		prev, err := l.stepBack(c, p, layer)
		if err != nil {
			return err
		}
		layer = prev
	}
	return nil
}

// stepBack finds the nodes at position p-1 with edges into layer (the
// marked nodes at position p), records those edges and returns the nodes.
// It reads whichever is shorter: the edges into layer, fetched from the
// graph, or the edges out of position p-1, which the start's search kept
// when it grew level p.
func (l *layers) stepBack(c *canceler, p int, layer []int32) ([]int32, error) {
	var prev []int32
	record := func(from int32, a Arc) {
		if _, marked := l.out[from]; !marked {
			prev = append(prev, from)
		}
		l.out[from] = append(l.out[from], a)
	}
	into, ok, err := fetchWithin(c, l.g, layer, countArcs(l.fwd.adj[p-1]))
	if err != nil {
		return nil, err
	}
	if ok {
		for i, n := range layer {
			for _, a := range into[i] {
				if d, seen := l.fwd.at(a.To); seen && d == p-1 && !l.fwd.detour.blocksEdge(a, true) {
					record(a.To, Arc{ID: a.ID, To: n, Weight: a.Weight})
				}
			}
		}
		return prev, nil
	}
	for i, n := range l.fwd.levels[p-1] {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, a := range l.fwd.adj[p-1][i] {
			if _, marked := l.out[a.To]; marked && !l.fwd.blocks(p-1, a) {
				if d, _ := l.fwd.at(a.To); d == p {
					record(n, a)
				}
			}
		}
	}
	return prev, nil
}

// fetchWithin fetches the arc lists of nodes while they hold at most
// budget arcs in all; ok is false when they hold more.
// Counting comes first, so an interner converts nothing when they hold more.
func fetchWithin(c *canceler, g *graph, nodes []int32, budget int) (lists [][]Arc, ok bool, err error) {
	for _, n := range nodes {
		if err := c.check(); err != nil {
			return nil, false, err
		}
		if budget -= g.degreeOf(n, true); budget < 0 {
			return nil, false, nil
		}
	}
	lists = make([][]Arc, 0, len(nodes))
	for _, n := range nodes {
		lists = append(lists, g.backward(n))
	}
	return lists, true, nil
}

// next returns the arcs from cur, at position pos-1 of a shortest path,
// to position pos of one, in no particular order.
//
// Beyond the meeting they lead to the target's search's nodes at distance
// length-pos: found either among cur's arcs or among the arcs that
// search kept for that level, pointing back at cur; it reads the shorter.
func (l *layers) next(c *canceler, cur int32, pos int) ([]Arc, error) {
	if pos <= l.meet+1 {
		return l.out[cur], nil
	}
	dist := l.length - pos
	level, lists := l.bwd.levels[dist], l.bwd.adj[dist]
	var next []Arc
	if l.g.degreeOf(cur, false) <= countArcs(lists) {
		for _, a := range l.g.forward(cur) {
			if d, seen := l.bwd.at(a.To); seen && d == dist {
				next = append(next, a)
			}
		}
		return next, nil
	}
	for i, n := range level {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, a := range lists[i] {
			if a.To == cur {
				next = append(next, Arc{ID: a.ID, To: n, Weight: a.Weight})
			}
		}
	}
	return next, nil
}

// first walks the shortest paths from the start, taking the smallest
// (node, edge) step each time: the first shortest path in the path order.
func (l *layers) first(c *canceler, from int32) ([]Step, error) {
	steps := make([]Step, 0, l.length)
	cur := from
	for pos := 1; pos <= l.length; pos++ {
		next, err := l.next(c, cur, pos)
		if err != nil {
			return nil, err
		}
		if len(next) == 0 {
			return nil, errNotMirrored
		}
		best := next[0]
		for _, a := range next[1:] {
			if l.g.compareArcs(a, best) < 0 {
				best = a
			}
		}
		steps = append(steps, l.g.step(best))
		cur = best.To
	}
	return steps, nil
}

// enumerator lists shortest paths depth-first in the path order.
type enumerator struct {
	l         *layers
	c         *canceler
	limit     int
	paths     [][]Step
	truncated bool
	sorted    map[int32][]Arc // per node: layers.next, sorted
}

// walk extends path, which ends at cur, along shortest paths in the path
// order. It returns false once the enumeration is over.
func (e *enumerator) walk(cur int32, path []Step) (more bool, err error) {
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
	for _, a := range next {
		if more, err := e.walk(a.To, append(path, e.l.g.step(a))); !more || err != nil {
			return false, err
		}
	}
	return true, nil
}

// next returns layers.next in the path order. A node has one position on
// shortest paths, so the answer is kept per node.
func (e *enumerator) next(cur int32, pos int) ([]Arc, error) {
	if next, ok := e.sorted[cur]; ok {
		return next, nil
	}
	next, err := e.l.next(e.c, cur, pos)
	if err != nil {
		return nil, err
	}
	if len(next) == 0 {
		return nil, errNotMirrored
	}
	next = slices.Clone(next)
	slices.SortFunc(next, e.l.g.compareArcs)
	e.sorted[cur] = next
	return next, nil
}
