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
	gr := newGraph(g)
	shortest, _, err := allShortestPaths(&canceler{ctx: ctx}, gr, from, to, maxHops, k)
	if err != nil || len(shortest) == 0 || len(shortest) == k {
		return shortest, err
	}
	y := &yen{ctx: ctx, g: gr, from: from, to: to, toNode: gr.index(to), maxHops: maxHops, k: k, accepted: shortest, seen: map[string]bool{}}
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
	g          *graph
	from, to   string
	toNode     int32
	maxHops    int
	k          int
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
		spurNode, bannedEdges := y.from, map[string]bool{}
		var bannedNodes []int32
		if i > 0 {
			spurNode = prev[i-1].Node
			bannedNodes = append(bannedNodes, y.g.index(y.from))
			for _, st := range root[:i-1] {
				bannedNodes = append(bannedNodes, y.g.index(st.Node))
			}
		}
		var targets []int32
		for _, p := range y.accepted {
			if len(p) > i && slices.Equal(p[:i], root) {
				bannedEdges[p[i].Edge] = true
				targets = append(targets, y.g.index(p[i].Node))
			}
		}
		hops := y.hopBound() - i
		if hops < 1 {
			break // so are the spurs further along prev
		}
		spurIndex := y.g.index(spurNode)
		d := newDetour(spurIndex, bannedNodes, bannedEdges, targets)
		spur, ok, err := shortestPath(&canceler{ctx: y.ctx}, y.g, spurIndex, y.toNode, hops, d)
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

// hopBound returns the most edges a path may have and still be among the
// first k. Once there are as many candidates as paths still needed, the
// answer's remaining paths are no longer than the longest of the shortest
// of those, so a spur search need not look further: the spur searches that
// cost most are those that must go deep around the banned nodes, and most
// of them cannot produce a path short enough anyway.
func (y *yen) hopBound() int {
	need := y.k - len(y.accepted)
	if need < 1 || len(y.candidates) < need {
		return y.maxHops
	}
	lengths := make([]int, len(y.candidates))
	for i, c := range y.candidates {
		lengths[i] = len(c)
	}
	slices.Sort(lengths)
	return min(y.maxHops, lengths[need-1])
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
