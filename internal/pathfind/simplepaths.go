package pathfind

import (
	"context"
	"slices"
	"strings"
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
	s := &simpleSearch{
		c:       &canceler{ctx: ctx},
		g:       g,
		to:      to,
		toEnd:   newBFS(to, g.Backward),
		visited: map[string]bool{from: true},
		sorted:  map[string][]Edge{},
		yield:   yield,
	}
	for length := 1; length <= maxHops; length++ {
		for s.toEnd.depth() < length && !s.toEnd.exhausted() {
			if _, err := s.toEnd.grow(s.c, nil); err != nil {
				return err
			}
		}
		if _, reached := s.toEnd.dist[from]; !reached {
			if s.toEnd.exhausted() {
				return nil // the target cannot be reached at any length
			}
			continue
		}
		if more, err := s.walk(from, length); !more || err != nil {
			return err
		}
	}
	return nil
}

// simpleSearch is the state of one SimplePaths call.
type simpleSearch struct {
	c       *canceler
	g       Graph
	to      string
	toEnd   *bfs            // distances to the target, backwards
	visited map[string]bool // the nodes on path, the start included
	path    []Step
	sorted  map[string][]Edge // per node: Forward sorted in the path order
	yield   func([]Step) bool
}

// walk extends the path, which ends at cur, by exactly remaining edges to
// the target in every way, in the path order. It returns false once yield
// has asked to stop.
func (s *simpleSearch) walk(cur string, remaining int) (more bool, err error) {
	if err := s.c.check(); err != nil {
		return false, err
	}
	next := s.forward(cur)
	if remaining == 1 {
		return s.finish(next), nil
	}
	for _, e := range next {
		if e.To == s.to || s.visited[e.To] {
			continue
		}
		if d, seen := s.toEnd.dist[e.To]; !seen || d > remaining-1 {
			continue
		}
		s.visited[e.To] = true
		s.path = append(s.path, Step{Edge: e.ID, Node: e.To})
		more, err := s.walk(e.To, remaining-1)
		s.path = s.path[:len(s.path)-1]
		delete(s.visited, e.To)
		if !more || err != nil {
			return false, err
		}
	}
	return true, nil
}

// finish yields the path extended by each edge of next (sorted) that
// reaches the target, in edge id order.
func (s *simpleSearch) finish(next []Edge) (more bool) {
	i, _ := slices.BinarySearchFunc(next, s.to, func(e Edge, to string) int { return strings.Compare(e.To, to) })
	for ; i < len(next) && next[i].To == s.to; i++ {
		p := make([]Step, len(s.path)+1)
		copy(p, s.path)
		p[len(s.path)] = Step{Edge: next[i].ID, Node: s.to}
		if !s.yield(p) {
			return false
		}
	}
	return true
}

// forward returns n's edges in the path order, sorting them once per node.
func (s *simpleSearch) forward(n string) []Edge {
	if es, ok := s.sorted[n]; ok {
		return es
	}
	es := slices.Clone(s.g.Forward(n))
	slices.SortFunc(es, func(a, b Edge) int { return compareStep(a.To, a.ID, b.To, b.ID) })
	s.sorted[n] = es
	return es
}
