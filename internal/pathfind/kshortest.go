package pathfind

import (
	"context"
	"slices"
	"strings"
)

// KShortestPaths returns the first k simple paths from one node to another
// of at most maxHops edges in the path order: the k shortest loopless
// paths, ties broken step by step by (node, edge). It is the first k paths
// SimplePaths yields. Fewer exist: it returns them all; none: nil. from ==
// to gives one empty path; k < 1 gives nil.
//
// It is Yen's algorithm with the path order as its total order. The
// shortest paths come from AllShortestPaths (often they already make k).
// Each accepted path then spawns, for every node on it, the best path that
// shares its prefix up to that node but leaves it by an edge no accepted
// path with that prefix took, avoiding the prefix's nodes (a "spur", found
// by the bidirectional search told to keep off those nodes and edges); the
// best candidate is accepted next. That is about k × maxHops shortest-path searches, which
// benchmarks far cheaper on large graphs than SimplePaths, whose pruning
// needs a breadth-first search from the target to nearly every node.
func KShortestPaths(ctx context.Context, g Graph, from, to string, k, maxHops int) ([][]Step, error) {
	if k < 1 {
		return nil, nil
	}
	if from == to {
		return [][]Step{{}}, nil
	}
	shortest, _, err := AllShortestPaths(ctx, g, from, to, maxHops, k)
	if err != nil || len(shortest) == 0 || len(shortest) == k {
		return shortest, err
	}
	y := &yen{ctx: ctx, g: g, from: from, to: to, maxHops: maxHops, accepted: shortest, seen: map[string]bool{}}
	for _, p := range shortest {
		y.seen[pathKey(p)] = true
	}
	// Each accepted path must have spawned its candidates before the next
	// one is chosen; that it happens after later paths were accepted only
	// removes more edges, which Yen's argument allows.
	for spawned := 0; len(y.accepted) < k; {
		for ; spawned < len(y.accepted); spawned++ {
			if err := y.spawn(y.accepted[spawned]); err != nil {
				return nil, err
			}
		}
		if len(y.candidates) == 0 {
			break
		}
		y.acceptBest()
	}
	return y.accepted, nil
}

// yen is the state of one KShortestPaths call.
type yen struct {
	ctx        context.Context
	g          Graph
	from, to   string
	maxHops    int
	accepted   [][]Step        // the paths found so far, in the path order
	candidates [][]Step        // paths waiting to be accepted
	seen       map[string]bool // keys of every path accepted or a candidate
}

// spawn adds the candidates that leave prev at each of its nodes.
func (y *yen) spawn(prev []Step) error {
	for i := range prev {
		if err := y.ctx.Err(); err != nil {
			return err
		}
		root := prev[:i]
		spurNode, bannedNodes, bannedEdges := y.from, map[string]bool{}, map[string]bool{}
		if i > 0 {
			spurNode = prev[i-1].Node
			bannedNodes[y.from] = true
			for _, st := range root[:i-1] {
				bannedNodes[st.Node] = true
			}
		}
		for _, p := range y.accepted {
			if len(p) > i && slices.Equal(p[:i], root) {
				bannedEdges[p[i].Edge] = true
			}
		}
		d := newDetour(spurNode, bannedNodes, bannedEdges)
		spur, ok, err := shortestPath(&canceler{ctx: y.ctx}, y.g, spurNode, y.to, y.maxHops-i, d)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		candidate := append(slices.Clone(root), spur...)
		if key := pathKey(candidate); !y.seen[key] {
			y.seen[key] = true
			y.candidates = append(y.candidates, candidate)
		}
	}
	return nil
}

// acceptBest moves the first candidate in the path order to the accepted.
func (y *yen) acceptBest() {
	best := 0
	for i, c := range y.candidates {
		if ComparePaths(c, y.candidates[best]) < 0 {
			best = i
		}
	}
	y.accepted = append(y.accepted, y.candidates[best])
	y.candidates = slices.Delete(y.candidates, best, best+1)
}

// pathKey identifies a path by its steps.
func pathKey(p []Step) string {
	var b strings.Builder
	for _, st := range p {
		b.WriteString(st.Edge)
		b.WriteByte(0)
		b.WriteString(st.Node)
		b.WriteByte(0)
	}
	return b.String()
}
