package actorgraph

import (
	"cmp"
	"context"
	"math"
	"slices"
)

// DrawOptions shape a neighborhood for drawing. They are applied by the
// Graph on top of the driver's Neighborhood result, so every store
// answers the same.
type DrawOptions struct {
	// Exclude lists actors the caller already has: they are walked
	// through as usual but left out of Nodes and NodeStats; the edges to
	// them stay. Limit counts the other actors only.
	Exclude []string
	// PerNodeLimit (0: none) lets each node contribute at most this many
	// new neighbours to the walk, the most connected first (by the number
	// of relationships between the two, then id).
	PerNodeLimit int
}

// Validate checks the options.
func (o DrawOptions) Validate() error {
	if o.PerNodeLimit < 0 {
		return invalid("perNodeLimit", "must not be negative")
	}
	return nil
}

// NodeStat is a node's weights for styling.
type NodeStat struct {
	Actor Actor
	// Distance is the number of hops from the centre (0 for the centre).
	Distance int
	// Degree counts the subgraph's edges at the node (a relationship
	// to an excluded actor counts too).
	Degree int
	// WeightedDegree sums |Goldstein| over those edges (a relationship
	// without a score adds 0).
	WeightedDegree float64
}

// Drawing is a neighborhood shaped for drawing.
type Drawing struct {
	Subgraph
	// Stats has one entry per node, in the order of Nodes.
	Stats []NodeStat
}

// DrawNeighborhood is Neighborhood shaped for a frontend: distances and
// weights per node, actors the caller has left out, and a per-node
// expansion limit. Only the nodes change: the walk, the edge cap and the
// walk's filter are Neighborhood's.
//
// Distances are exact: from the returned edges, or, when the edge cap cut
// them, from the node order of shallower walks (a walk of depth k with
// the same limit returns a prefix of the same order). The per-node limit
// is applied to the walk Neighborhood returned; it is exact when that walk
// was not truncated (every edge among the nodes is then known), else it
// prunes what was returned.
func (g *Graph) DrawNeighborhood(ctx context.Context, id string, opts NeighborhoodOptions, draw DrawOptions) (Drawing, error) {
	if err := check(ctx, draw.Validate()); err != nil {
		return Drawing{}, err
	}
	exclude := make(map[string]bool, len(draw.Exclude))
	for _, x := range draw.Exclude {
		exclude[x] = true
	}
	limit := opts.Limit
	base := opts
	if limit > 0 && len(exclude) > 0 {
		base.Limit = limit + len(exclude)
	}
	sub, err := g.Neighborhood(ctx, id, base)
	if err != nil || len(sub.Nodes) == 0 {
		return Drawing{Subgraph: sub}, err
	}
	centre := sub.Nodes[0].ID
	var dist map[string]int
	if draw.PerNodeLimit > 0 {
		dist = limitedWalk(sub, centre, opts.Direction, opts.Depth, draw.PerNodeLimit)
		if len(dist) < len(sub.Nodes) {
			sub.Cut(PerNodeLimit)
		}
	} else if slices.Contains(sub.TruncatedBy, EdgeLimit) {
		if dist, err = g.prefixDistances(ctx, centre, base, sub); err != nil {
			return Drawing{}, err
		}
	} else {
		dist = limitedWalk(sub, centre, opts.Direction, opts.Depth, 0)
	}
	// The nodes kept: reached, by distance then id; excluded ones out;
	// at most limit of the others.
	reached := make([]Actor, 0, len(sub.Nodes))
	for _, a := range sub.Nodes {
		if _, ok := dist[a.ID]; ok {
			reached = append(reached, a)
		}
	}
	slices.SortStableFunc(reached, func(a, b Actor) int {
		return cmp.Or(cmp.Compare(dist[a.ID], dist[b.ID]), cmp.Compare(a.ID, b.ID))
	})
	keep := make(map[string]bool, len(reached))
	nodes := make([]Actor, 0, len(reached))
	for _, a := range reached {
		switch {
		case exclude[a.ID]:
			keep[a.ID] = true
		case limit > 0 && len(nodes) == limit:
			sub.Cut(NodeLimit)
		default:
			keep[a.ID] = true
			nodes = append(nodes, a)
		}
	}
	edges := make([]Relationship, 0, len(sub.Edges))
	for _, r := range sub.Edges {
		if keep[r.From] && keep[r.To] {
			edges = append(edges, r)
		}
	}
	sub.Nodes, sub.Edges = nodes, edges
	d := Drawing{Subgraph: sub, Stats: make([]NodeStat, len(nodes))}
	at := make(map[string]int, len(nodes))
	for i, a := range nodes {
		d.Stats[i] = NodeStat{Actor: a, Distance: dist[a.ID]}
		at[a.ID] = i
	}
	for _, r := range edges {
		w := 0.0
		if r.Goldstein != nil {
			w = math.Abs(*r.Goldstein)
		}
		for _, end := range []string{r.From, r.To} {
			if i, ok := at[end]; ok {
				d.Stats[i].Degree++
				d.Stats[i].WeightedDegree += w
			}
		}
	}
	return d, nil
}

// limitedWalk walks sub's edges breadth-first from centre as dir allows,
// at most depth hops, and returns each reached node's distance. With
// perNode > 0 each node (in distance, then id order) adds at most perNode
// new neighbours, those with the most relationships to it first, then by
// id.
func limitedWalk(sub Subgraph, centre string, dir Direction, depth, perNode int) map[string]int {
	type link struct {
		to    string
		count int
	}
	adj := map[string]map[string]int{}
	add := func(a, b string) {
		if adj[a] == nil {
			adj[a] = map[string]int{}
		}
		adj[a][b]++
	}
	for _, r := range sub.Edges {
		if dir != Incoming {
			add(r.From, r.To)
		}
		if dir != Outgoing {
			add(r.To, r.From)
		}
	}
	dist := map[string]int{centre: 0}
	level := []string{centre}
	for d := 0; d < depth && len(level) > 0; d++ {
		var next []string
		for _, n := range level {
			var cand []link
			for m, c := range adj[n] {
				if _, seen := dist[m]; !seen {
					cand = append(cand, link{m, c})
				}
			}
			slices.SortFunc(cand, func(a, b link) int {
				return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.to, b.to))
			})
			if perNode > 0 && len(cand) > perNode {
				cand = cand[:perNode]
			}
			for _, c := range cand {
				dist[c.to] = d + 1
				next = append(next, c.to)
			}
		}
		slices.Sort(next)
		level = next
	}
	return dist
}

// prefixDistances finds each node's distance from walks of smaller depth
// with the same limit: their nodes are a prefix of sub's, so a node's
// distance is the first depth whose walk reaches it.
func (g *Graph) prefixDistances(ctx context.Context, centre string, opts NeighborhoodOptions, sub Subgraph) (map[string]int, error) {
	dist := make(map[string]int, len(sub.Nodes))
	for _, a := range sub.Nodes {
		dist[a.ID] = opts.Depth
	}
	for k := opts.Depth - 1; k >= 0; k-- {
		o := opts
		o.Depth, o.MaxEdges = k, 1
		s, err := g.Neighborhood(ctx, centre, o)
		if err != nil {
			return nil, err
		}
		for _, a := range s.Nodes {
			dist[a.ID] = k
		}
	}
	return dist, nil
}
