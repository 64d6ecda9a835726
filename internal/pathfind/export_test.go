package pathfind

import "context"

// SetTinyThresholds makes the searches take their large-graph branches
// (unfiltered contact scans, early pricing decisions) on small graphs, and
// returns a function that restores the defaults. Tests using it must not
// run in parallel.
func SetTinyThresholds() (restore func()) {
	filtered, price := maxFiltered, firstPriceLimit
	maxFiltered, firstPriceLimit = 1, 1
	return func() { maxFiltered, firstPriceLimit = filtered, price }
}

// lessEdge reports whether taking a sorts before taking b in the path order.
func lessEdge(a, b Edge) bool { return compareStep(a.To, a.ID, b.To, b.ID) < 0 }

// ForwardShortestPath is the breadth-first search from the start alone
// that ShortestPath used before it became bidirectional. Tests keep it as
// a second oracle and benchmarks compare against it.
func ForwardShortestPath(ctx context.Context, g Graph, from, to string, maxHops int) (steps []Step, ok bool, err error) {
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
		var best Edge
		for _, e := range g.Forward(cur) {
			if !onPath[e.To] || distF[e.To] != d {
				continue
			}
			if best.To == "" || lessEdge(e, best) {
				best = e
			}
		}
		steps = append(steps, Step{Edge: best.ID, Node: best.To})
		cur = best.To
	}
	return steps, true, nil
}
