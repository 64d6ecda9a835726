package memstore

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// Redirects returns the survivors of the merged ids among ids.
func (s *Store) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string]string{}
	for _, id := range ids {
		if to, ok := s.redirects[id]; ok {
			out[id] = to
		}
	}
	return out, nil
}

// ActorsByID returns actors in the order of ids, nil for unknown ids.
func (s *Store) ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*actorgraph.Actor, len(ids))
	for i, id := range ids {
		if a, ok := s.actors[id]; ok {
			c := a.Clone()
			out[i] = &c
		}
	}
	return out, nil
}

// RelationshipsByID returns the relationships with the given ids, in the
// order of ids; nil for an unknown id.
func (s *Store) RelationshipsByID(ctx context.Context, ids []string) ([]*actorgraph.Relationship, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*actorgraph.Relationship, len(ids))
	for i, id := range ids {
		if r, ok := s.rels[id]; ok {
			c := r.Clone()
			out[i] = &c
		}
	}
	return out, nil
}

// Actors returns a page of the actors matching the filter, by id.
func (s *Store) Actors(ctx context.Context, f actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
	var res actorgraph.Page[actorgraph.Actor]
	if err := ctx.Err(); err != nil {
		return res, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	name := actorgraph.Fold(f.NameContains)
	byName := f.NameContains != "" && name != ""
	f.NameContains = "" // matched below, on the folded names
	match := func(id string) bool {
		return f.MatchesFilter(s.actors[id]) && (!byName || s.folded[id].Rank(name) > 0)
	}
	return pageOf(s.actorIDs, page, match, func(id string) actorgraph.Actor { return s.actors[id].Clone() }), nil
}

// Search ranks actors by name and alias match.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]actorgraph.Actor, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := actorgraph.Fold(text)
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []actorgraph.Hit
	for i, id := range s.actorIDs {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if score := s.folded[id].Rank(q); score > 0 {
			hits = append(hits, actorgraph.Hit{Actor: s.actors[id], Score: score})
		}
	}
	hits = actorgraph.BestHits(hits, limit)
	found := make([]actorgraph.Actor, len(hits))
	for i, h := range hits {
		found[i] = h.Actor.Clone()
	}
	return found, nil
}

// Relationships returns a page of the relationships matching the filter.
func (s *Store) Relationships(ctx context.Context, f actorgraph.RelationshipFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error) {
	var res actorgraph.Page[actorgraph.Relationship]
	if err := ctx.Err(); err != nil {
		return res, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.relIDs
	if f.ActorID != "" {
		if _, ok := s.actors[f.ActorID]; !ok {
			return res, actorgraph.NotFound("actor", f.ActorID)
		}
		ids = s.adjacent(f.ActorID, f.Direction)
	}
	return s.pageRelationships(ids, &f, page), nil
}

// RelationshipsOf answers a batch of per-actor queries.
func (s *Store) RelationshipsOf(ctx context.Context, qs []actorgraph.RelationshipsQuery) ([]actorgraph.Page[actorgraph.Relationship], error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]actorgraph.Page[actorgraph.Relationship], len(qs))
	for i, q := range qs {
		f := actorgraph.RelationshipFilter{Types: q.Types}
		match := func(id string) bool { r := s.rels[id]; return f.Matches(r) && actorgraph.KnownAsOf(r, q.AsOf) }
		out[i] = pageOf(s.adjacent(q.ActorID, q.Direction), q.Page, match,
			func(id string) actorgraph.Relationship { return s.rels[id].Clone() })
	}
	return out, nil
}

// adjacent returns the sorted ids of the relationships at an actor.
func (s *Store) adjacent(actorID string, dir actorgraph.Direction) []string {
	switch dir {
	case actorgraph.Outgoing:
		return s.out[actorID]
	case actorgraph.Incoming:
		return s.in[actorID]
	}
	return mergeSorted(s.out[actorID], s.in[actorID])
}

// mergeSorted merges two sorted id lists into a new sorted list.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// pageRelationships filters sorted ids and cuts one page.
func (s *Store) pageRelationships(ids []string, f *actorgraph.RelationshipFilter, page actorgraph.PageRequest) actorgraph.Page[actorgraph.Relationship] {
	return pageOf(ids, page, func(id string) bool { return f.Matches(s.rels[id]) },
		func(id string) actorgraph.Relationship { return s.rels[id].Clone() })
}

// pageOf cuts one page from sorted ids: the matching ids after the cursor
// (paging backwards, the last ones before it), in id order, each turned
// into its item, and the count of every match unless page.NoTotal.
func pageOf[T any](ids []string, page actorgraph.PageRequest, match func(id string) bool, item func(id string) T) actorgraph.Page[T] {
	var res actorgraph.Page[T]
	var picked []string
	if page.Backward {
		end := len(ids)
		if page.After != "" {
			end, _ = slices.BinarySearch(ids, page.After)
		}
		for i := end - 1; i >= 0; i-- {
			if !match(ids[i]) {
				continue
			}
			if len(picked) == page.First {
				res.HasPreviousPage = true
				break
			}
			picked = append(picked, ids[i])
		}
		slices.Reverse(picked)
		if !page.NoTotal {
			for _, id := range ids {
				if match(id) {
					res.TotalCount++
				}
			}
		}
	} else {
		start := pageAfter(ids, page.After)
		from := start
		if !page.NoTotal {
			from = 0 // matches before the cursor count too
		}
		for i := from; i < len(ids); i++ {
			if !match(ids[i]) {
				continue
			}
			res.TotalCount++
			switch {
			case i < start:
			case len(picked) < page.First:
				picked = append(picked, ids[i])
			default:
				res.HasNextPage = true
			}
			if res.HasNextPage && page.NoTotal {
				break
			}
		}
		if page.NoTotal {
			res.TotalCount = 0
		}
	}
	res.Items = make([]T, len(picked))
	for i, id := range picked {
		res.Items[i] = item(id)
	}
	return res
}

// Neighborhood returns the actors within depth hops and the edges among them.
func (s *Store) Neighborhood(ctx context.Context, id string, opts actorgraph.NeighborhoodOptions) (actorgraph.Subgraph, error) {
	var sub actorgraph.Subgraph
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.actors[id]; !ok {
		return sub, actorgraph.NotFound("actor", id)
	}
	g := s.view(&opts.Walk, id)
	order, _, truncated, err := pathfind.NeighborhoodLimit(ctx, g, id, opts.Depth, opts.Limit)
	if err != nil {
		return sub, err
	}
	if truncated {
		sub.Cut(actorgraph.NodeLimit)
	}
	in := make([]bool, len(s.nodes.nodes)) // by node number: cheaper than a map for a hub's arcs
	for _, n := range order {
		if a := s.steps[n]; a != nil {
			in[a.node] = true
		}
	}
	// The edges among the nodes, each once (from its From end), read from
	// the walk graph's arcs: a hub's arcs are scanned without looking its
	// relationships up, and only those that stay inside are checked. Nodes
	// are taken in order, each one's edges by id, until the edge cap.
	var edgeIDs []string
	edgesCut := false
	for i, n := range order {
		sub.Nodes = append(sub.Nodes, s.actors[n].Clone())
		a := s.steps[n]
		if a == nil || edgesCut {
			continue
		}
		if i%256 == 255 {
			if err := ctx.Err(); err != nil {
				return actorgraph.Subgraph{}, err
			}
		}
		start := len(edgeIDs)
		for _, arc := range a.out {
			if in[arc.To] && (g.stored || opts.Walk.AllowsRelationship(s.rels[arc.ID])) {
				edgeIDs = append(edgeIDs, arc.ID)
			}
		}
		slices.Sort(edgeIDs[start:])
		if opts.MaxEdges > 0 && len(edgeIDs) > opts.MaxEdges {
			edgeIDs, edgesCut = edgeIDs[:opts.MaxEdges], true
			sub.Cut(actorgraph.EdgeLimit)
		}
	}
	slices.Sort(edgeIDs)
	sub.Edges = make([]actorgraph.Relationship, len(edgeIDs))
	for i, rid := range edgeIDs {
		sub.Edges[i] = s.rels[rid].Clone()
	}
	return sub, nil
}

// FindPaths runs one path search under the read lock, on a view of the
// walk, after checking both ends exist.
func (s *Store) FindPaths(ctx context.Context, q actorgraph.PathQuery) (actorgraph.PathResult, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range []string{q.From, q.To} {
		if _, ok := s.actors[id]; !ok {
			return actorgraph.PathResult{}, actorgraph.NotFound("actor", id)
		}
	}
	g := s.view(&q.Walk, q.From, q.To)
	switch q.Search {
	case actorgraph.SearchAllShortestPaths:
		all, more, err := pathfind.AllShortestPaths(ctx, g, q.From, q.To, q.MaxHops, q.First)
		return actorgraph.PathResult{Paths: s.toPaths(q.From, all), More: more}, err
	case actorgraph.SearchKShortestPaths:
		all, err := pathfind.KShortestPaths(ctx, g, q.From, q.To, q.First, q.MaxHops)
		return actorgraph.PathResult{Paths: s.toPaths(q.From, all)}, err
	case actorgraph.SearchPaths:
		return s.simplePaths(ctx, g, q)
	case actorgraph.SearchCheapestPath:
		return s.cheapestPath(ctx, g, q)
	case actorgraph.SearchTemporalPath:
		steps, ok, err := pathfind.TemporalPath(ctx, g, q.From, q.To, q.MaxHops, q.WithinDays())
		return s.onePath(q.From, steps, ok, -1), err
	}
	steps, ok, err := pathfind.ShortestPath(ctx, g, q.From, q.To, q.MaxHops)
	return s.onePath(q.From, steps, ok, -1), err
}

// onePath is the result of a search for one path; costMilli < 0 means
// "the length".
func (s *Store) onePath(from string, steps []pathfind.Step, found bool, costMilli int64) actorgraph.PathResult {
	if !found {
		return actorgraph.PathResult{}
	}
	return actorgraph.PathResult{Paths: []actorgraph.Path{s.toPath(from, steps, costMilli)}}
}

// toPath turns pathfind steps into a domain path; costMilli < 0 means "the
// length".
func (s *Store) toPath(from string, steps []pathfind.Step, costMilli int64) actorgraph.Path {
	p := actorgraph.Path{Nodes: []actorgraph.Actor{s.actors[from].Clone()}, Cost: float64(len(steps))}
	for _, st := range steps {
		p.Relationships = append(p.Relationships, s.rels[st.Edge].Clone())
		p.Nodes = append(p.Nodes, s.actors[st.Node].Clone())
	}
	if costMilli >= 0 {
		p.Cost = float64(costMilli) / 1000
	}
	return p
}

func (s *Store) toPaths(from string, all [][]pathfind.Step) []actorgraph.Path {
	if len(all) == 0 {
		return nil
	}
	out := make([]actorgraph.Path, len(all))
	for i, steps := range all {
		out[i] = s.toPath(from, steps, -1)
	}
	return out
}

// simplePaths pages through the loopless paths in the path order.
func (s *Store) simplePaths(ctx context.Context, g graphView, q actorgraph.PathQuery) (actorgraph.PathResult, error) {
	var res actorgraph.PathResult
	seen := 0
	err := pathfind.SimplePaths(ctx, g, q.From, q.To, q.MaxHops, func(steps []pathfind.Step) bool {
		seen++
		switch {
		case seen <= q.Offset:
			return true
		case len(res.Paths) < q.First:
			res.Paths = append(res.Paths, s.toPath(q.From, steps, -1))
			return true
		}
		res.More = true
		return false
	})
	return res, err
}

// cheapestPath returns a path of least total weight.
func (s *Store) cheapestPath(ctx context.Context, g graphView, q actorgraph.PathQuery) (actorgraph.PathResult, error) {
	if q.Weight == actorgraph.WeightHops {
		// Every edge costs the same: the cheapest paths are the shortest,
		// the tie-breaks agree, and the breadth-first search is much
		// faster than Dijkstra.
		steps, ok, err := pathfind.ShortestPath(ctx, g, q.From, q.To, q.MaxHops)
		cost := int64(0)
		for _, st := range steps {
			cost += q.Weight.Milli(s.rels[st.Edge])
		}
		return s.onePath(q.From, steps, ok, cost), err
	}
	steps, cost, ok, err := pathfind.CheapestPath(ctx, g.weighted(q.Weight), q.From, q.To, q.MaxHops)
	return s.onePath(q.From, steps, ok, cost), err
}
