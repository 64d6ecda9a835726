package pathfind

import (
	"context"
	"slices"
	"strings"
)

// Edge is one traversable edge out of a node, as the search sees it.
type Edge struct {
	ID string // the relationship id
	To string // the node the edge leads to
	// Weight is the cost of taking the edge, at least 0. Only CheapestPath
	// reads it; the breadth-first searches count edges instead.
	Weight int64
}

// Graph gives the edges a search may follow. Forward(n) lists the edges a
// path may take out of n; Backward(n) the edges a path may take into n,
// with To naming the node at their other end. For an undirected search both
// return the same edges. Implementations filter (types, dates) themselves.
// The searches do not modify the returned slices.
type Graph interface {
	Forward(node string) []Edge
	Backward(node string) []Edge
}

// Step is one hop of a path: the edge taken and the node reached.
type Step struct {
	Edge string
	Node string
}

// ComparePaths orders two paths by the package's path order without cost:
// fewer edges first, then step by step by (node id, edge id). It returns
// -1, 0 or +1.
func ComparePaths(a, b []Step) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return +1
	}
	for i := range a {
		if c := compareStep(a[i].Node, a[i].Edge, b[i].Node, b[i].Edge); c != 0 {
			return c
		}
	}
	return 0
}

// compareStep orders two steps as (node id, edge id) pairs.
func compareStep(nodeA, edgeA, nodeB, edgeB string) int {
	if c := strings.Compare(nodeA, nodeB); c != 0 {
		return c
	}
	return strings.Compare(edgeA, edgeB)
}

// ShortestPath finds a shortest path from one node to another of at most
// maxHops edges. Among equally short paths it returns the first in the
// path order (see the package doc): the one whose steps, compared as
// (node, edge) pairs from the start, sort first, so the answer does not
// depend on map or adjacency order. ok is false when no path exists within
// maxHops. from == to gives an empty path.
//
// It is BidirectionalShortestPath, which benchmarks faster than a
// breadth-first search from the start alone on large graphs (the search
// meets in the middle, so each side explores about the square root of
// what one side would).
func ShortestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, ok bool, err error) {
	return BidirectionalShortestPath(ctx, g, from, to, maxHops)
}

// Neighborhood returns the nodes within depth hops of start, ordered by
// distance, then id, with each node's distance.
func Neighborhood(ctx context.Context, g Graph, start string, depth int) ([]string, map[string]int, error) {
	order, dist, _, err := NeighborhoodLimit(ctx, g, start, depth, 0)
	return order, dist, err
}

// NeighborhoodLimit is Neighborhood keeping only the first limit nodes of
// its order (all of them when limit < 1); truncated reports that it left
// some out. It stops growing the ball at the level that reaches the limit,
// and from the last level it keeps it selects the smallest ids rather than
// sorting them all: around a hub the ball two hops out can be a large part
// of the graph while the limit keeps a few hundred nodes.
func NeighborhoodLimit(ctx context.Context, g Graph, start string, depth, limit int) (order []string, dist map[string]int, truncated bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}
	gr := newGraph(g)
	c := &canceler{ctx: ctx}
	first := gr.index(start)
	seen := getNodeMap(gr.count())
	defer seen.release()
	seen.set(first, 0)
	order = []string{start}
	dist = map[string]int{start: 0}
	frontier := []int32{first}
	for level := 1; level <= depth && len(frontier) > 0; level++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, false, err
		}
		if limit > 0 && len(order) >= limit {
			// Every node of this level would be cut: only whether there
			// is one matters.
			more, err := reachesUnseen(c, gr, frontier, seen)
			if err != nil {
				return nil, nil, false, err
			}
			return order, dist, truncated || more, nil
		}
		var next []int32
		for _, n := range frontier {
			if err := c.check(); err != nil {
				return nil, nil, false, err
			}
			for _, a := range gr.forward(n) {
				if !seen.has(a.To) {
					seen.set(a.To, int32(level))
					next = append(next, a.To)
				}
			}
		}
		names := make([]string, len(next))
		for i, n := range next {
			names[i] = gr.name(n)
		}
		keep := len(names)
		if limit > 0 && len(order)+keep > limit {
			keep, truncated = limit-len(order), true
		}
		selectSmallest(names, keep)
		for _, n := range names[:keep] {
			dist[n] = level
		}
		order = append(order, names[:keep]...)
		frontier = next
	}
	return order, dist, truncated, nil
}

// reachesUnseen reports whether an arc leads from frontier to a node not
// in seen.
func reachesUnseen(c *canceler, g *graph, frontier []int32, seen *nodeMap) (bool, error) {
	for _, n := range frontier {
		if err := c.check(); err != nil {
			return false, err
		}
		for _, a := range g.forward(n) {
			if !seen.has(a.To) {
				return true, nil
			}
		}
	}
	return false, nil
}

// selectSmallest reorders distinct ids so that the first k are the k
// smallest, sorted: a quickselect, then a sort of those k only.
func selectSmallest(ids []string, k int) {
	lo, hi := 0, len(ids)
	for hi-lo > 16 && k > lo && k < hi {
		m := lo + (hi-lo)/2
		p := medianOf3(ids[lo], ids[m], ids[hi-1])
		// Partition [lo, hi) into < p, == p, > p.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch c := strings.Compare(ids[i], p); {
			case c < 0:
				ids[lt], ids[i] = ids[i], ids[lt]
				lt++
				i++
			case c > 0:
				gt--
				ids[i], ids[gt] = ids[gt], ids[i]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k > gt:
			lo = gt
		default: // the first k are the k smallest
			lo, hi = k, k
		}
	}
	if lo < k && k < hi {
		slices.Sort(ids[lo:hi])
	}
	slices.Sort(ids[:k])
}

func medianOf3(a, b, c string) string {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		return a
	}
	return b
}
