package pathfind

import (
	"context"
	"slices"
)

// SimplePaths calls yield with every simple path from one node to another
// of at most maxHops edges, in the path order: by length, then step by
// step by (node, edge). It stops early, returning nil, when yield returns
// false. Each path passed to yield is a fresh slice the caller may keep.
// from == to yields the one empty path. The error is ctx's.
//
// It deepens: for each length L = 1 … maxHops it searches depth-first in
// the path order for paths of exactly L edges, pruning every node whose
// distance to the target (from a breadth-first search backwards from the
// target, grown level by level only as far as L needs) exceeds the hops
// left. The distance ignores the nodes already on the path, so some
// branches still die out; the work is output-sensitive on most graphs but
// can be exponential in maxHops on dense ones: bound it with maxHops and
// by stopping early.
func SimplePaths(ctx context.Context, g Graph, from, to string, maxHops int, yield func([]Step) bool) error {
	if from == to {
		yield([]Step{})
		return nil
	}
	gr := newGraph(g)
	start, target := gr.index(from), gr.index(to)
	s := &simpleSearch{
		c:       &canceler{ctx: ctx},
		g:       gr,
		to:      target,
		toEnd:   newBFS(gr, target, true, nil),
		visited: getNodeMap(gr.count()),
		sorted:  map[[2]int32][]Arc{},
		yield:   yield,
	}
	defer s.toEnd.release()
	defer s.visited.release()
	s.visited.set(start, onPath)
	for length := 1; length <= maxHops; length++ {
		for s.toEnd.depth() < length && !s.toEnd.exhausted() {
			if _, err := s.toEnd.grow(s.c, nil); err != nil {
				return err
			}
		}
		if _, reached := s.toEnd.at(start); !reached {
			if s.toEnd.exhausted() {
				return nil // the target cannot be reached at any length
			}
			continue
		}
		if more, err := s.walk(start, length); !more || err != nil {
			return err
		}
	}
	return nil
}

// simpleSearch is the state of one SimplePaths call.
type simpleSearch struct {
	c       *canceler
	g       *graph
	to      int32
	toEnd   *bfs     // distances to the target, backwards
	visited *nodeMap // onPath for the nodes on path, the start included
	path    []Step
	sorted  map[[2]int32][]Arc // per node and remaining edges: next
	yield   func([]Step) bool
}

// The values of simpleSearch.visited.
const (
	offPath = iota
	onPath
)

// walk extends the path, which ends at cur, by exactly remaining edges to
// the target in every way, in the path order. It returns false once yield
// has asked to stop.
func (s *simpleSearch) walk(cur int32, remaining int) (more bool, err error) {
	if err := s.c.check(); err != nil {
		return false, err
	}
	next := s.next(cur, remaining)
	if remaining == 1 {
		return s.finish(next), nil
	}
	for _, a := range next {
		if v, _ := s.visited.get(a.To); v == onPath {
			continue
		}
		s.visited.set(a.To, onPath)
		s.path = append(s.path, s.g.step(a))
		more, err := s.walk(a.To, remaining-1)
		s.path = s.path[:len(s.path)-1]
		s.visited.set(a.To, offPath)
		if !more || err != nil {
			return false, err
		}
	}
	return true, nil
}

// finish yields the path extended by each arc of next, all to the target.
func (s *simpleSearch) finish(next []Arc) (more bool) {
	for _, a := range next {
		p := make([]Step, len(s.path)+1)
		copy(p, s.path)
		p[len(s.path)] = s.g.step(a)
		if !s.yield(p) {
			return false
		}
	}
	return true
}

// next returns, in the path order, the arcs from n after which the target
// can be reached in exactly remaining-1 more edges as far as distances
// tell: with remaining 1 the arcs to the target, else the arcs to other
// nodes at most remaining-1 edges from it. The answer is kept per node and
// remaining (the distances it reads are final once known: the search from
// the target grows level by level), and it sorts only the arcs that pass,
// a few of a hub's thousands.
func (s *simpleSearch) next(n int32, remaining int) []Arc {
	key := [2]int32{n, int32(remaining)}
	if as, ok := s.sorted[key]; ok {
		return as
	}
	var as []Arc
	for _, a := range s.g.forward(n) {
		if remaining == 1 {
			if a.To == s.to {
				as = append(as, a)
			}
			continue
		}
		if d, seen := s.toEnd.at(a.To); seen && d <= remaining-1 && a.To != s.to {
			as = append(as, a)
		}
	}
	slices.SortFunc(as, s.g.compareArcs)
	s.sorted[key] = as
	return as
}
