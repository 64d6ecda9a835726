// Package pathfind holds pure graph algorithms over a small interface, so
// the embedded store and tests can share them without any storage concern.
package pathfind

import (
	"context"
	"sort"
)

// Edge is one traversable edge out of a node, as the search sees it.
type Edge struct {
	ID string // the relationship id
	To string // the node the edge leads to
}

// Graph gives the edges a search may follow. Forward(n) lists the edges a
// path may take out of n; Backward(n) the edges a path may take into n,
// with To naming the node at their other end. For an undirected search both
// return the same edges. Implementations filter (types, dates) themselves.
type Graph interface {
	Forward(node string) []Edge
	Backward(node string) []Edge
}

// Step is one hop of a path: the edge taken and the node reached.
type Step struct {
	Edge string
	Node string
}

// ShortestPath finds a shortest path from one node to another of at most
// maxHops edges. Among equally short paths it returns the one whose steps,
// compared as (node, edge) pairs from the start, sort first, so the answer
// does not depend on map or adjacency order. ok is false when no path
// exists within maxHops. from == to gives an empty path.
//
// It runs a breadth-first search forward from the start until the target's
// level, marks the nodes that lie on some shortest path by a backward
// search restricted to that level structure, then walks forward greedily.
func ShortestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, ok bool, err error) {
	if from == to {
		return []Step{}, true, nil
	}
	distF := map[string]int{from: 0}
	frontier := []string{from}
	found := false
	for level := 1; level <= maxHops && len(frontier) > 0 && !found; level++ {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		var next []string
		for _, n := range frontier {
			for _, e := range g.Forward(n) {
				if _, seen := distF[e.To]; seen {
					continue
				}
				distF[e.To] = level
				if e.To == to {
					found = true
				}
				next = append(next, e.To)
			}
		}
		frontier = next
	}
	if !found {
		return nil, false, nil
	}
	length := distF[to]

	// onPath holds the nodes from which `to` is reachable in exactly
	// length - distF[n] steps along the forward level structure.
	onPath := map[string]bool{to: true}
	layer := []string{to}
	for d := length; d > 0; d-- {
		var prev []string
		for _, n := range layer {
			for _, e := range g.Backward(n) {
				if dist, seen := distF[e.To]; seen && dist == d-1 && !onPath[e.To] {
					onPath[e.To] = true
					prev = append(prev, e.To)
				}
			}
		}
		layer = prev
	}

	cur := from
	steps = make([]Step, 0, length)
	for d := 1; d <= length; d++ {
		var best *Edge
		for _, e := range g.Forward(cur) {
			if !onPath[e.To] || distF[e.To] != d {
				continue
			}
			if best == nil || e.To < best.To || (e.To == best.To && e.ID < best.ID) {
				e := e
				best = &e
			}
		}
		steps = append(steps, Step{Edge: best.ID, Node: best.To})
		cur = best.To
	}
	return steps, true, nil
}

// Neighborhood returns the nodes within depth hops of start, ordered by
// distance, then id, with each node's distance.
func Neighborhood(ctx context.Context, g Graph, start string, depth int) ([]string, map[string]int, error) {
	dist := map[string]int{start: 0}
	order := []string{start}
	frontier := []string{start}
	for level := 1; level <= depth && len(frontier) > 0; level++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var next []string
		for _, n := range frontier {
			for _, e := range g.Forward(n) {
				if _, seen := dist[e.To]; !seen {
					dist[e.To] = level
					next = append(next, e.To)
				}
			}
		}
		sort.Strings(next)
		order = append(order, next...)
		frontier = next
	}
	return order, dist, nil
}
