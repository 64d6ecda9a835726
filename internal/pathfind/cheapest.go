package pathfind

import (
	"context"
	"errors"
	"fmt"
)

// ErrNegativeWeight is returned (wrapped, naming the edge) by CheapestPath
// when it meets an edge whose Weight is below zero.
var ErrNegativeWeight = errors.New("pathfind: negative edge weight")

// CheapestPath finds a path from one node to another of at most maxHops
// edges whose Weights sum to the least cost; among the cheapest it returns
// the one with the fewest edges, then the first in the path order. ok is
// false when no path exists within maxHops; from == to gives an empty path
// of cost 0. An edge of negative weight met during the search is an error
// wrapping ErrNegativeWeight.
//
// A hop bound makes plain Dijkstra inexact (the cheapest way to a node may
// use too many hops to continue), so it runs Dijkstra backwards from the
// target over (node, hops) states, in (cost, hops) order, keeping for each
// node only the states not beaten by one with no more hops and no more
// cost: at most maxHops+1 per node, so O((V+E)·maxHops·log) at worst, and
// it stops when the start is reached. It then walks from the start taking
// the smallest (node, edge) step that can still reach the target at the
// optimal cost and hops. With non-negative weights the cheapest walk with
// the fewest edges never repeats a node (dropping a cycle costs no more
// and saves edges), so the result is simple.
func CheapestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, cost int64, ok bool, err error) {
	if from == to {
		return []Step{}, 0, true, nil
	}
	s := &costSearch{c: &canceler{ctx: ctx}, g: g, settled: map[string][]label{}}
	best, found, err := s.run(from, to, maxHops)
	if err != nil || !found {
		return nil, 0, false, err
	}
	steps, err = s.walk(from, best)
	if err != nil {
		return nil, 0, false, err
	}
	return steps, best.cost, true, nil
}

// label is a way to the target: its cost and number of edges.
type label struct {
	hops int
	cost int64
}

// less orders labels by cost, then hops.
func (a label) less(b label) bool {
	return a.cost < b.cost || (a.cost == b.cost && a.hops < b.hops)
}

// costSearch is the state of one CheapestPath call.
type costSearch struct {
	c *canceler
	g Graph
	// settled holds, per node, the labels of its cheapest ways to the
	// target in the order Dijkstra settled them: cost rising, hops falling.
	settled map[string][]label
	queue   stateHeap
}

// beaten reports whether a way from n with hops edges can be no better
// than one already settled (every settled label costs no more).
func (s *costSearch) beaten(n string, hops int) bool {
	ls := s.settled[n]
	return len(ls) > 0 && ls[len(ls)-1].hops <= hops
}

// bound returns the least cost of a settled way from n to the target with
// at most hops edges.
func (s *costSearch) bound(n string, hops int) (int64, bool) {
	for _, l := range s.settled[n] {
		if l.hops <= hops {
			return l.cost, true
		}
	}
	return 0, false
}

// run settles states backwards from the target until the start is settled;
// its first label is the optimum.
func (s *costSearch) run(from, to string, maxHops int) (label, bool, error) {
	if err := s.c.ctx.Err(); err != nil {
		return label{}, false, err
	}
	s.queue.push(state{node: to})
	for len(s.queue) > 0 {
		if err := s.c.check(); err != nil {
			return label{}, false, err
		}
		st := s.queue.pop()
		if s.beaten(st.node, st.hops) {
			continue
		}
		s.settled[st.node] = append(s.settled[st.node], st.label)
		if st.node == from {
			return st.label, true, nil
		}
		if st.hops == maxHops {
			continue
		}
		for _, e := range s.g.Backward(st.node) {
			if e.Weight < 0 {
				return label{}, false, negative(e)
			}
			if !s.beaten(e.To, st.hops+1) {
				s.queue.push(state{node: e.To, label: label{hops: st.hops + 1, cost: st.cost + e.Weight}})
			}
		}
	}
	return label{}, false, nil
}

// walk builds the optimal path from the start, taking at each node the
// smallest (node, edge) step after which a settled way finishes at the
// optimal cost within the optimal hops.
func (s *costSearch) walk(from string, best label) ([]Step, error) {
	steps := make([]Step, 0, best.hops)
	cur, spent := from, int64(0)
	for pos := 1; pos <= best.hops; pos++ {
		var next Edge
		found := false
		for _, e := range s.g.Forward(cur) {
			if e.Weight < 0 {
				return nil, negative(e)
			}
			rest, ok := s.bound(e.To, best.hops-pos)
			if ok && spent+e.Weight+rest == best.cost && (!found || lessEdge(e, next)) {
				next, found = e, true
			}
		}
		if !found {
			return nil, errNotMirrored
		}
		steps = append(steps, Step{Edge: next.ID, Node: next.To})
		cur, spent = next.To, spent+next.Weight
	}
	return steps, nil
}

func negative(e Edge) error {
	return fmt.Errorf("%w: edge %q to %q weighs %d", ErrNegativeWeight, e.ID, e.To, e.Weight)
}

// state is a node with one way from it to the target.
type state struct {
	node string
	label
}

// stateHeap is a binary min-heap of states by (cost, hops).
type stateHeap []state

func (h *stateHeap) push(st state) {
	*h = append(*h, st)
	q := *h
	for i := len(q) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q[i].less(q[parent].label) {
			break
		}
		q[i], q[parent] = q[parent], q[i]
		i = parent
	}
}

func (h *stateHeap) pop() state {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		small, l, r := i, 2*i+1, 2*i+2
		if l < len(q) && q[l].less(q[small].label) {
			small = l
		}
		if r < len(q) && q[r].less(q[small].label) {
			small = r
		}
		if small == i {
			break
		}
		q[i], q[small] = q[small], q[i]
		i = small
	}
	*h = q
	return top
}
