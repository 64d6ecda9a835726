package pathfind

import (
	"context"
	"math"
	"slices"
)

// Dated is implemented by a Graph whose edges carry dates, for
// TemporalPath. EdgeDay returns the date of an edge (by id) as a day
// number (days since 1970-01-01); ok is false for an undated edge.
type Dated interface {
	EdgeDay(edge string) (day int, ok bool)
}

// TemporalPath finds a time-respecting path from one node to another of
// at most maxHops edges: each edge dated on or after the previous one
// and, when within >= 0, no later than the first edge's date plus within
// days (the window is measured from the first step). Undated edges, and
// every edge of a Graph that does not implement Dated, are not usable.
// Of the time-respecting paths it returns one with the fewest edges, then
// the earliest arrival (the date of the last edge), then the first in the
// path order. ok is false when there is none; from == to gives an empty
// path.
//
// The paths it returns are simple: a time-respecting walk that repeats a
// node can skip the loop (the steps after it are dated on or after the
// first visit too, and skipping a loop through the start only moves the
// window's start later), so a walk with the fewest edges repeats none.
//
// It is a label-setting search over (node, arrival day) states: a
// breadth-first search by hops keeping, per node and hop count, the
// earliest arrival, which finds the fewest hops and the earliest arrival;
// then, backwards from the end, the latest day each node may be left to
// still arrive then; then the path is read from the start, taking at each
// step the smallest (node, edge) that can still arrive then. With a
// window this runs once per distinct date of the edges out of the start
// (a window start): every window-respecting path lies within the window
// of its first edge's date.
func TemporalPath(ctx context.Context, g Graph, from, to string, maxHops, within int) (steps []Step, ok bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if from == to {
		return []Step{}, true, nil
	}
	dated, _ := g.(Dated)
	if dated == nil || maxHops < 1 {
		return nil, false, nil
	}
	t := &temporal{g: newGraph(g), c: &canceler{ctx: ctx}, dated: dated}
	src, dst := t.g.index(from), t.g.index(to)
	windows := []dayRange{{math.MinInt, math.MaxInt}}
	if within >= 0 {
		windows = nil
		var starts []int
		for _, a := range t.g.forward(src) {
			if d, ok := dated.EdgeDay(a.ID); ok {
				starts = append(starts, d)
			}
		}
		slices.Sort(starts)
		for _, d := range slices.Compact(starts) {
			windows = append(windows, dayRange{d, d + within})
		}
	}
	bestHops, bestArrival := maxHops, 0
	for _, w := range windows {
		hops, arrival, found, err := t.earliest(src, dst, bestHops, w)
		if err != nil {
			return nil, false, err
		}
		if !found || (ok && (hops > bestHops || hops == bestHops && arrival > bestArrival)) {
			continue
		}
		path, err := t.first(src, dst, hops, arrival, w)
		if err != nil {
			return nil, false, err
		}
		if ok && hops == bestHops && arrival == bestArrival && ComparePaths(path, steps) >= 0 {
			continue
		}
		steps, ok, bestHops, bestArrival = path, true, hops, arrival
	}
	return steps, ok, nil
}

// dayRange is a closed range of days: a window.
type dayRange struct{ lo, hi int }

type temporal struct {
	g     *graph
	c     *canceler
	dated Dated
}

// day returns an arc's date when it is dated and within w.
func (t *temporal) day(a Arc, w dayRange) (int, bool) {
	d, ok := t.dated.EdgeDay(a.ID)
	return d, ok && d >= w.lo && d <= w.hi
}

// earliest finds the fewest hops (at most maxHops) of a time-respecting
// path from src to dst within w, and the earliest arrival over paths of
// that many hops: level by level, the earliest arrival at each node with
// exactly that many hops.
func (t *temporal) earliest(src, dst int32, maxHops int, w dayRange) (hops, arrival int, found bool, err error) {
	level := map[int32]int{src: w.lo}
	for h := 1; h <= maxHops && len(level) > 0; h++ {
		next := map[int32]int{}
		for u, at := range level {
			if err := t.c.check(); err != nil {
				return 0, 0, false, err
			}
			for _, a := range t.g.forward(u) {
				d, ok := t.day(a, w)
				if !ok || d < at {
					continue
				}
				if cur, seen := next[a.To]; !seen || d < cur {
					next[a.To] = d
				}
			}
		}
		if d, ok := next[dst]; ok {
			return h, d, true, nil
		}
		level = next
	}
	return 0, 0, false, nil
}

// first returns the first path in the path order of hops edges from src
// to dst within w arriving by arrival. latest[k] holds, for the nodes
// from which dst can be reached in k more edges by arrival, the latest
// day the walk may be there (its last arrival) and still do so.
func (t *temporal) first(src, dst int32, hops, arrival int, w dayRange) ([]Step, error) {
	latest := make([]map[int32]int, hops)
	latest[0] = map[int32]int{dst: arrival}
	for k := 1; k < hops; k++ {
		latest[k] = map[int32]int{}
		for v, by := range latest[k-1] {
			if err := t.c.check(); err != nil {
				return nil, err
			}
			for _, a := range t.g.backward(v) {
				d, ok := t.day(a, w)
				if !ok || d > by {
					continue
				}
				if cur, seen := latest[k][a.To]; !seen || d > cur {
					latest[k][a.To] = d
				}
			}
		}
	}
	steps := make([]Step, 0, hops)
	at, u := w.lo, src
	for k := hops - 1; k >= 0; k-- {
		var best Arc
		bestDay, found := 0, false
		for _, a := range t.g.forward(u) {
			d, ok := t.day(a, w)
			if !ok || d < at {
				continue
			}
			if by, can := latest[k][a.To]; !can || d > by {
				continue
			}
			if !found || t.g.compareArcs(a, best) < 0 {
				best, bestDay, found = a, d, true
			}
		}
		if !found { // cannot happen: earliest found a path
			return nil, nil
		}
		steps = append(steps, t.g.step(best))
		at, u = bestDay, best.To
	}
	return steps, nil
}
