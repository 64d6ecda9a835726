package pathfind

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
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
// Costs are compared as (cost, edges) pairs, which add up along a path
// like numbers, so "cheapest, then fewest edges" is a shortest path for
// Dijkstra. A hop bound makes plain Dijkstra inexact (the cheapest way to
// a node may use too many edges to continue), so the search runs over
// (node, edges used) states, keeping per node only the states not beaten
// by one with no more edges and no more cost: at most maxHops+1 per node.
//
// It first checks with the breadth-first search that a path exists within
// maxHops at all (else Dijkstra would explore everything reachable). Then
// it runs Dijkstra from both ends at once, each step on the side with the
// smaller queue, and stops once the two queues' least keys add up to more
// than the best path found where the searches touch: every node of every
// cheapest path has then been settled by at least one side, so each side
// explores about half the cost of the path rather than one side all of it.
// Finally it walks from the start taking the smallest (node, edge) step
// that still finishes at the optimum, judged from the settled states. With
// non-negative weights the cheapest walk with the fewest edges never
// repeats a node (dropping a cycle costs no more and saves edges), so the
// result is simple.
func CheapestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, cost int64, ok bool, err error) {
	if from == to {
		return []Step{}, 0, true, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, false, err
	}
	gr := newGraph(g)
	c := &canceler{ctx: ctx}
	start, target := gr.index(from), gr.index(to)
	l, err := meet(c, gr, start, target, maxHops, nil)
	l.release()
	if err != nil || l == nil {
		return nil, 0, false, err
	}
	s := newCostSearch(c, gr, start, target, maxHops)
	defer s.release()
	best, found, err := s.run()
	if err != nil || !found {
		return nil, 0, false, err
	}
	steps, err = s.walk(best)
	if err != nil {
		return nil, 0, false, err
	}
	return steps, best.cost, true, nil
}

// label is the cost and number of edges of a way between a node and one
// end of the search.
type label struct {
	cost int64
	hops int32
}

// less orders labels by cost, then hops.
func (a label) less(b label) bool {
	return a.cost < b.cost || (a.cost == b.cost && a.hops < b.hops)
}

func (a label) plus(b label) label { return label{cost: a.cost + b.cost, hops: a.hops + b.hops} }

// costSide is the Dijkstra search from one end.
type costSide struct {
	arcs func(int32) []Arc
	// fronts holds, per node, the labels of its settled states in the
	// order Dijkstra settled them: cost rising, hops falling.
	fronts *frontMap
	queue  stateHeap
}

// beaten reports whether a state of n with hops edges can be no better
// than one already settled (every settled label costs no more).
func (s *costSide) beaten(n int32, hops int32) bool {
	ls := s.fronts.get(n)
	return len(ls) > 0 && ls[len(ls)-1].hops <= hops
}

// bound returns the cheapest settled label of n with at most hops edges.
func (s *costSide) bound(n int32, hops int32) (label, bool) {
	for _, l := range s.fronts.get(n) {
		if l.hops <= hops {
			return l, true
		}
	}
	return label{}, false
}

// has reports whether n has a settled state of exactly l.
func (s *costSide) has(n int32, l label) bool {
	for _, x := range s.fronts.get(n) {
		if x.hops <= l.hops {
			return x == l
		}
	}
	return false
}

// costSearch is the state of one CheapestPath call.
type costSearch struct {
	c        *canceler
	g        *graph
	from, to int32
	maxHops  int32
	fwd, bwd costSide
	best     label // the cheapest path found so far, when found
	found    bool
	good     map[[2]int32]bool // memo of finishes
}

func newCostSearch(c *canceler, g *graph, from, to int32, maxHops int) *costSearch {
	return &costSearch{
		c: c, g: g, from: from, to: to, maxHops: int32(maxHops),
		fwd: costSide{arcs: g.forward, fronts: getFrontMap(g.count())},
		bwd: costSide{arcs: g.backward, fronts: getFrontMap(g.count())},
	}
}

func (s *costSearch) release() {
	s.fwd.fronts.release()
	s.bwd.fronts.release()
}

// offer records a path of label l if it is the best so far.
func (s *costSearch) offer(l label) {
	if !s.found || l.less(s.best) {
		s.best, s.found = l, true
	}
}

// run settles states from both ends until no cheaper path can exist, and
// returns the optimum.
func (s *costSearch) run() (label, bool, error) {
	s.bwd.queue.push(state{node: s.to})
	s.fwd.queue.push(state{node: s.from})
	// Settle both starts first, so every later meeting is seen.
	if err := s.settleNext(&s.bwd, &s.fwd); err != nil {
		return label{}, false, err
	}
	if err := s.settleNext(&s.fwd, &s.bwd); err != nil {
		return label{}, false, err
	}
	for len(s.fwd.queue) > 0 && len(s.bwd.queue) > 0 {
		if err := s.c.check(); err != nil {
			return label{}, false, err
		}
		if s.found && s.best.less(s.fwd.queue[0].label.plus(s.bwd.queue[0].label)) {
			break
		}
		side, other := &s.fwd, &s.bwd
		if len(s.bwd.queue) < len(s.fwd.queue) {
			side, other = other, side
		}
		if err := s.settleNext(side, other); err != nil {
			return label{}, false, err
		}
	}
	return s.best, s.found, nil
}

// settleNext pops side's least state and, unless it is beaten, settles it:
// it offers the paths through it to the other side's settled states, at
// the node and across each of its arcs, and queues its extensions.
func (s *costSearch) settleNext(side, other *costSide) error {
	st := side.queue.pop()
	if side.beaten(st.node, st.hops) {
		return nil
	}
	side.fronts.add(st.node, st.label)
	if l, ok := other.bound(st.node, s.maxHops-st.hops); ok {
		s.offer(st.label.plus(l))
	}
	if st.hops == s.maxHops {
		return nil
	}
	for _, a := range side.arcs(st.node) {
		if a.Weight < 0 {
			return negative(s.g, a)
		}
		next := label{cost: st.cost + a.Weight, hops: st.hops + 1}
		if s.found && s.best.less(next) {
			continue
		}
		if l, ok := other.bound(a.To, s.maxHops-next.hops); ok {
			s.offer(next.plus(l))
		}
		if !side.beaten(a.To, next.hops) {
			side.queue.push(state{node: a.To, label: next})
		}
	}
	return nil
}

// walk builds the optimal path from the start, taking at each node the
// smallest (node, edge) step after which the path can still finish at
// the optimum.
func (s *costSearch) walk(best label) ([]Step, error) {
	s.good = map[[2]int32]bool{}
	steps := make([]Step, 0, best.hops)
	cur, spent := s.from, label{}
	for spent.hops < best.hops {
		if err := s.c.check(); err != nil {
			return nil, err
		}
		var candidates []Arc
		for _, a := range s.fwd.arcs(cur) {
			if a.Weight < 0 {
				return nil, negative(s.g, a)
			}
			at := spent.plus(label{cost: a.Weight, hops: 1})
			if s.finishes(a.To, at, best) || s.fwd.has(a.To, at) {
				candidates = append(candidates, a)
			}
		}
		slices.SortFunc(candidates, s.g.compareArcs)
		found := false
		for _, a := range candidates {
			at := spent.plus(label{cost: a.Weight, hops: 1})
			ok, err := s.onOptimum(a.To, at, best)
			if err != nil {
				return nil, err
			}
			if ok {
				steps = append(steps, s.g.step(a))
				cur, spent, found = a.To, at, true
				break
			}
		}
		if !found {
			return nil, errNotMirrored
		}
	}
	return steps, nil
}

// finishes reports whether a settled backward state shows that a path
// reaching n at label at can finish at the optimum best.
func (s *costSearch) finishes(n int32, at, best label) bool {
	l, ok := s.bwd.bound(n, best.hops-at.hops)
	return ok && at.cost+l.cost == best.cost
}

// onOptimum reports whether a path reaching n at label at can finish at
// the optimum best. Every state of a cheapest path was settled by one
// side: if the backward side settled it, finishes says so; else the
// forward side did, and one of its arcs leads to the next state of the
// path.
func (s *costSearch) onOptimum(n int32, at, best label) (bool, error) {
	if s.finishes(n, at, best) {
		return true, nil
	}
	if at.hops >= best.hops || !s.fwd.has(n, at) {
		return false, nil
	}
	key := [2]int32{n, at.hops}
	if ok, known := s.good[key]; known {
		return ok, nil
	}
	if err := s.c.check(); err != nil {
		return false, err
	}
	ok := false
	for _, a := range s.fwd.arcs(n) {
		if a.Weight < 0 {
			return false, negative(s.g, a)
		}
		next := at.plus(label{cost: a.Weight, hops: 1})
		if next.cost > best.cost {
			continue
		}
		found, err := s.onOptimum(a.To, next, best)
		if err != nil {
			return false, err
		}
		if found {
			ok = true
			break
		}
	}
	s.good[key] = ok
	return ok, nil
}

func negative(g *graph, a Arc) error {
	return fmt.Errorf("%w: edge %q to %q weighs %d", ErrNegativeWeight, a.ID, g.name(a.To), a.Weight)
}

// state is a node reached with a label.
type state struct {
	label
	node int32
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

// frontMap holds a list of labels per node number, stamped with an epoch
// like nodeMap, so that it is emptied in O(1) and its lists' memory is
// reused by later searches.
type frontMap struct {
	stamps []uint32
	lists  [][]label
	epoch  uint32
}

var frontMaps = sync.Pool{New: func() any { return new(frontMap) }}

func getFrontMap(n int) *frontMap {
	m := frontMaps.Get().(*frontMap)
	m.epoch++
	if m.epoch == 0 {
		clear(m.stamps)
		m.epoch = 1
	}
	if len(m.stamps) < n {
		m.grow(n)
	}
	return m
}

func (m *frontMap) release() { frontMaps.Put(m) }

func (m *frontMap) grow(n int) {
	n = max(n, 2*len(m.stamps), 64)
	stamps, lists := make([]uint32, n), make([][]label, n)
	copy(stamps, m.stamps)
	copy(lists, m.lists)
	m.stamps, m.lists = stamps, lists
}

func (m *frontMap) get(n int32) []label {
	if int(n) < len(m.stamps) && m.stamps[n] == m.epoch {
		return m.lists[n]
	}
	return nil
}

func (m *frontMap) add(n int32, l label) {
	if int(n) >= len(m.stamps) {
		m.grow(int(n) + 1)
	}
	if m.stamps[n] != m.epoch {
		m.stamps[n] = m.epoch
		m.lists[n] = m.lists[n][:0]
	}
	m.lists[n] = append(m.lists[n], l)
}
