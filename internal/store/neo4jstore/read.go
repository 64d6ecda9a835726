package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// Actor returns one actor by id.
func (s *Store) Actor(ctx context.Context, id string) (actorgraph.Actor, error) {
	var a actorgraph.Actor
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `MATCH (a:Actor {id: $id}) RETURN a {.*} AS a`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return domainError{actorgraph.NotFound("actor", id)}
		}
		a, err = decodeActor(recs[0].Values[0])
		return err
	})
	return a, err
}

// ActorsByID returns actors in the order of ids, nil for unknown ids.
func (s *Store) ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error) {
	out := make([]*actorgraph.Actor, len(ids))
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `UNWIND range(0, size($ids) - 1) AS i
			MATCH (a:Actor {id: $ids[i]}) RETURN i, a {.*} AS a`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			a, err := decodeActor(rec.Values[1])
			if err != nil {
				return err
			}
			out[rec.Values[0].(int64)] = &a
		}
		return nil
	})
	return out, err
}

// actorWhere is the filter shared by the count and page queries.
const actorWhere = `($kinds IS NULL OR a.kind IN $kinds)
	AND ($country IS NULL OR a.country = $country)
	AND ($name IS NULL OR a.searchText CONTAINS $name)`

func actorFilterParams(f actorgraph.ActorFilter) (map[string]any, error) {
	p := map[string]any{"kinds": nil, "country": nullable(f.Country), "name": nil}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			if !k.Valid() {
				return nil, actorgraph.Invalid("kinds", "%q is not a known actor kind", k)
			}
			kinds[i] = string(k)
		}
		p["kinds"] = kinds
	}
	if q := actorgraph.Fold(f.NameContains); q != "" {
		p["name"] = q
	}
	return p, nil
}

// Actors returns a page of matching actors, ordered by id.
func (s *Store) Actors(ctx context.Context, f actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
	var res actorgraph.Page[actorgraph.Actor]
	if err := page.Validate(); err != nil {
		return res, err
	}
	params, err := actorFilterParams(f)
	if err != nil {
		return res, err
	}
	params["after"] = page.After
	params["limit"] = int64(page.First + 1)
	err = s.read(ctx, func(tx *txn) error {
		// One scan gives both the total and the page's ids, so they agree
		// even while other transactions commit (Neo4j reads committed data
		// statement by statement, not from one snapshot).
		recs, err := tx.run(ctx, `MATCH (a:Actor) WHERE `+actorWhere+`
			WITH a.id AS id ORDER BY id
			WITH collect(id) AS ids
			WITH size(ids) AS total, [id IN ids WHERE id > $after][0..$limit] AS page
			CALL (page) {
				UNWIND range(0, size(page) - 1) AS i
				MATCH (a:Actor {id: page[i]})
				RETURN collect(a {.*}) AS actors
			}
			RETURN total, actors`, params)
		if err != nil {
			return err
		}
		res.TotalCount = int(recs[0].Values[0].(int64))
		res.Items = res.Items[:0]
		for _, v := range recs[0].Values[1].([]any) {
			a, err := decodeActor(v)
			if err != nil {
				return err
			}
			res.Items = append(res.Items, a)
		}
		return nil
	})
	if len(res.Items) > page.First {
		res.Items, res.HasNextPage = res.Items[:page.First], true
	}
	return res, err
}

// Search returns the best name and alias matches; candidates come from the
// text index, ranking is the domain's (identical to the embedded store).
func (s *Store) Search(ctx context.Context, text string, limit int) ([]actorgraph.Actor, error) {
	q := actorgraph.Fold(text)
	if q == "" {
		return nil, actorgraph.Invalid("text", "search text must contain a letter or digit")
	}
	if limit < 0 {
		return nil, actorgraph.Invalid("first", "must not be negative")
	}
	var candidates []actorgraph.Actor
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `MATCH (a:Actor) WHERE a.searchText CONTAINS $q RETURN a {.*} AS a`, map[string]any{"q": q})
		if err != nil {
			return err
		}
		candidates = candidates[:0]
		for _, rec := range recs {
			a, err := decodeActor(rec.Values[0])
			if err != nil {
				return err
			}
			candidates = append(candidates, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return actorgraph.RankActors(candidates, text, limit), nil
}

// relWhere is the filter shared by the count and page relationship queries.
const relWhere = `($since IS NULL OR r.date >= $since)
	AND ($until IS NULL OR r.date <= $until)
	AND ($modalities IS NULL OR r.modality IN $modalities)
	AND ($eventId IS NULL OR r.eventId = $eventId)`

// relPattern returns the MATCH pattern for a filter.
func relPattern(f actorgraph.RelationshipFilter) (string, error) {
	types, err := typeAlternation(f.Types)
	if err != nil {
		return "", err
	}
	if f.ActorID == "" {
		return fmt.Sprintf("MATCH ()-[r%s]->()", types), nil
	}
	switch f.Direction {
	case actorgraph.Outgoing:
		return fmt.Sprintf("MATCH (x:Actor {id: $actor})-[r%s]->()", types), nil
	case actorgraph.Incoming:
		return fmt.Sprintf("MATCH (x:Actor {id: $actor})<-[r%s]-()", types), nil
	}
	return fmt.Sprintf("MATCH (x:Actor {id: $actor})-[r%s]-()", types), nil
}

func relFilterParams(f actorgraph.RelationshipFilter) map[string]any {
	p := map[string]any{"actor": f.ActorID, "since": nil, "until": nil, "modalities": nil, "eventId": nullable(f.EventID)}
	if f.Since != nil {
		p["since"] = f.Since.String()
	}
	if f.Until != nil {
		p["until"] = f.Until.String()
	}
	if len(f.Modalities) > 0 {
		ms := make([]string, len(f.Modalities))
		for i, m := range f.Modalities {
			ms[i] = string(m)
		}
		p["modalities"] = ms
	}
	return p
}

// Relationships returns a page of matching relationships, ordered by id.
func (s *Store) Relationships(ctx context.Context, f actorgraph.RelationshipFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error) {
	var res actorgraph.Page[actorgraph.Relationship]
	if err := page.Validate(); err != nil {
		return res, err
	}
	if err := f.Validate(); err != nil {
		return res, err
	}
	pattern, err := relPattern(f)
	if err != nil {
		return res, err
	}
	params := relFilterParams(f)
	params["after"] = page.After
	params["limit"] = int64(page.First + 1)
	err = s.read(ctx, func(tx *txn) error {
		if f.ActorID != "" {
			recs, err := tx.run(ctx, `MATCH (x:Actor {id: $actor}) RETURN count(x)`, params)
			if err != nil {
				return err
			}
			if recs[0].Values[0].(int64) == 0 {
				return domainError{actorgraph.NotFound("actor", f.ActorID)}
			}
		}
		recs, err := tx.run(ctx, pattern+` WHERE `+relWhere+`
			WITH r ORDER BY r.id
			WITH collect(r) AS rs
			RETURN size(rs) AS total, [r IN [r IN rs WHERE r.id > $after][0..$limit] | `+relProjection+`] AS page`, params)
		if err != nil {
			return err
		}
		res.TotalCount = int(recs[0].Values[0].(int64))
		res.Items, err = decodeRels(recs[0].Values[1])
		return err
	})
	if len(res.Items) > page.First {
		res.Items, res.HasNextPage = res.Items[:page.First], true
	}
	return res, err
}

func decodeRecords(recs []*neo4j.Record, col int) ([]actorgraph.Relationship, error) {
	out := make([]actorgraph.Relationship, 0, len(recs))
	for _, rec := range recs {
		r, err := decodeRel(rec.Values[col])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// RelationshipsOf answers a batch of per-actor queries with one statement.
func (s *Store) RelationshipsOf(ctx context.Context, qs []actorgraph.RelationshipsQuery) ([]actorgraph.Page[actorgraph.Relationship], error) {
	rows := make([]map[string]any, len(qs))
	for i, q := range qs {
		if err := q.Page.Validate(); err != nil {
			return nil, err
		}
		f := actorgraph.RelationshipFilter{Types: q.Types, Direction: q.Direction}
		if err := f.Validate(); err != nil {
			return nil, err
		}
		types := []string{} // the driver sends nil slices as empty lists; say so
		for _, t := range q.Types {
			types = append(types, relTypes[t])
		}
		dir := q.Direction
		if dir == "" {
			dir = actorgraph.Both
		}
		rows[i] = map[string]any{"i": int64(i), "actor": q.ActorID, "dir": string(dir), "types": types,
			"after": q.Page.After, "first": int64(q.Page.First)}
	}
	out := make([]actorgraph.Page[actorgraph.Relationship], len(qs))
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `UNWIND $qs AS q
			MATCH (a:Actor {id: q.actor})
			CALL (a, q) {
				MATCH (a)-[r]-()
				WHERE (q.dir = 'BOTH' OR (q.dir = 'OUTGOING' AND startNode(r) = a) OR (q.dir = 'INCOMING' AND endNode(r) = a))
				  AND (size(q.types) = 0 OR type(r) IN q.types)
				WITH DISTINCT r ORDER BY r.id
				WITH collect(r) AS rs
				RETURN size(rs) AS total, [r IN rs WHERE r.id > q.after][0..q.first + 1] AS page
			}
			RETURN q.i AS i, total, [r IN page | `+relProjection+`] AS page`, map[string]any{"qs": rows})
		if err != nil {
			return err
		}
		for i := range out {
			out[i] = actorgraph.Page[actorgraph.Relationship]{Items: []actorgraph.Relationship{}}
		}
		for _, rec := range recs {
			i := rec.Values[0].(int64)
			items, err := decodeRels(rec.Values[2])
			if err != nil {
				return err
			}
			p := actorgraph.Page[actorgraph.Relationship]{Items: items, TotalCount: int(rec.Values[1].(int64))}
			if first := qs[i].Page.First; len(p.Items) > first {
				p.Items, p.HasNextPage = p.Items[:first], true
			}
			out[i] = p
		}
		return nil
	})
	return out, err
}

// frontierEdges loads, for a set of actors, the edges a search may follow
// out of them: one statement per BFS level.
func (tx *txn) frontierEdges(ctx context.Context, frontier []string, types []actorgraph.RelationshipType, dir actorgraph.Direction) ([]edge, error) {
	alt, err := typeAlternation(types)
	if err != nil {
		return nil, err
	}
	pattern := map[actorgraph.Direction]string{
		actorgraph.Outgoing: "(a)-[r%s]->(b)",
		actorgraph.Incoming: "(a)<-[r%s]-(b)",
		actorgraph.Both:     "(a)-[r%s]-(b)",
	}[dir]
	recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id})
		MATCH `+fmt.Sprintf(pattern, alt)+` RETURN a.id, r.id, b.id`, map[string]any{"ids": frontier})
	if err != nil {
		return nil, err
	}
	out := make([]edge, len(recs))
	for i, rec := range recs {
		out[i] = edge{from: rec.Values[0].(string), id: rec.Values[1].(string), to: rec.Values[2].(string)}
	}
	return out, nil
}

// edge is a traversable step loaded from Neo4j: from → to via relationship id.
type edge struct{ from, id, to string }

// loadedGraph is the part of the graph a bounded search has loaded; it
// implements pathfind.Graph over exactly the edges fetched.
type loadedGraph struct {
	fwd, bwd map[string][]pathfind.Edge
}

func newLoadedGraph() *loadedGraph {
	return &loadedGraph{fwd: map[string][]pathfind.Edge{}, bwd: map[string][]pathfind.Edge{}}
}

func (g *loadedGraph) add(e edge) {
	g.fwd[e.from] = append(g.fwd[e.from], pathfind.Edge{ID: e.id, To: e.to})
	g.bwd[e.to] = append(g.bwd[e.to], pathfind.Edge{ID: e.id, To: e.from})
}

func (g *loadedGraph) Forward(n string) []pathfind.Edge  { return g.fwd[n] }
func (g *loadedGraph) Backward(n string) []pathfind.Edge { return g.bwd[n] }

// expand loads the graph level by level from start, up to depth levels or
// until stop reports true for a newly reached node. It returns the loaded
// graph; nodes of the last level have no edges loaded.
func (tx *txn) expand(ctx context.Context, start string, depth int, types []actorgraph.RelationshipType, dir actorgraph.Direction, stop func(string) bool) (*loadedGraph, error) {
	g := newLoadedGraph()
	seen := map[string]bool{start: true}
	frontier := []string{start}
	for level := 1; level <= depth && len(frontier) > 0; level++ {
		edges, err := tx.frontierEdges(ctx, frontier, types, dir)
		if err != nil {
			return nil, err
		}
		var next []string
		found := false
		for _, e := range edges {
			g.add(e)
			if !seen[e.to] {
				seen[e.to] = true
				next = append(next, e.to)
				found = found || stop(e.to)
			}
		}
		if found {
			break
		}
		frontier = next
	}
	return g, nil
}

// actorsByIDs fetches actors by id into a map.
func (tx *txn) actorsByIDs(ctx context.Context, ids []string) (map[string]actorgraph.Actor, error) {
	recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a {.*} AS a`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]actorgraph.Actor, len(recs))
	for _, rec := range recs {
		a, err := decodeActor(rec.Values[0])
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, nil
}

// requireActors returns NotFound for the first id that names no actor.
func (tx *txn) requireActors(ctx context.Context, ids ...string) error {
	found, err := tx.actorsByIDs(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return domainError{actorgraph.NotFound("actor", id)}
		}
	}
	return nil
}

// Neighborhood expands level by level in Go (bounded: depth statements),
// then fetches the nodes and the edges among them.
func (s *Store) Neighborhood(ctx context.Context, id string, depth int, types []actorgraph.RelationshipType) (actorgraph.Subgraph, error) {
	var sub actorgraph.Subgraph
	if depth < 0 {
		return sub, actorgraph.Invalid("depth", "must not be negative")
	}
	alt, err := typeAlternation(types)
	if err != nil {
		return sub, err
	}
	err = s.read(ctx, func(tx *txn) error {
		if err := tx.requireActors(ctx, id); err != nil {
			return err
		}
		g, err := tx.expand(ctx, id, depth, types, actorgraph.Both, func(string) bool { return false })
		if err != nil {
			return err
		}
		order, _, err := pathfind.Neighborhood(ctx, g, id, depth)
		if err != nil {
			return err
		}
		actors, err := tx.actorsByIDs(ctx, order)
		if err != nil {
			return err
		}
		sub.Nodes = make([]actorgraph.Actor, 0, len(order))
		for _, n := range order {
			sub.Nodes = append(sub.Nodes, actors[n])
		}
		recs, err := tx.run(ctx, `MATCH (a:Actor)-[r`+alt+`]->(b:Actor)
			WHERE a.id IN $ids AND b.id IN $ids
			RETURN `+relProjection+` AS r ORDER BY r.id`, map[string]any{"ids": order})
		if err != nil {
			return err
		}
		sub.Edges, err = decodeRecords(recs, 0)
		return err
	})
	return sub, err
}

// ShortestPath loads the graph breadth-first from `from`, one statement per
// level, until `to` is reached or MaxHops levels are loaded, then runs the
// same algorithm as the embedded store on what was loaded, so both stores
// give the same path, tie-breaks included.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opts actorgraph.PathOptions) (*actorgraph.Path, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Direction == "" {
		opts.Direction = actorgraph.Both
	}
	var path *actorgraph.Path
	err := s.read(ctx, func(tx *txn) error {
		path = nil
		if err := tx.requireActors(ctx, from, to); err != nil {
			return err
		}
		g, err := tx.expand(ctx, from, opts.MaxHops, opts.Types, opts.Direction, func(n string) bool { return n == to })
		if err != nil {
			return err
		}
		steps, ok, err := pathfind.ShortestPath(ctx, g, from, to, opts.MaxHops)
		if err != nil || !ok {
			return err
		}
		nodeIDs := []string{from}
		relIDs := make([]string, 0, len(steps))
		for _, st := range steps {
			nodeIDs = append(nodeIDs, st.Node)
			relIDs = append(relIDs, st.Edge)
		}
		actors, err := tx.actorsByIDs(ctx, nodeIDs)
		if err != nil {
			return err
		}
		rels, err := tx.relsByID(ctx, relIDs)
		if err != nil {
			return err
		}
		path = &actorgraph.Path{}
		for _, n := range nodeIDs {
			path.Nodes = append(path.Nodes, actors[n])
		}
		for _, rid := range relIDs {
			path.Relationships = append(path.Relationships, rels[rid])
		}
		return nil
	})
	return path, err
}

// relsByID fetches relationships by id, across types.
func (tx *txn) relsByID(ctx context.Context, ids []string) (map[string]actorgraph.Relationship, error) {
	recs, err := tx.run(ctx, `CALL () { `+findRelByID("$ids")+` } RETURN `+relProjection+` AS r`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	rels, err := decodeRecords(recs, 0)
	if err != nil {
		return nil, err
	}
	out := make(map[string]actorgraph.Relationship, len(rels))
	for _, r := range rels {
		out[r.ID] = r
	}
	return out, nil
}

// Stats counts actors and relationships.
func (s *Store) Stats(ctx context.Context) (actorgraph.Stats, error) {
	var st actorgraph.Stats
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `MATCH (a:Actor) WITH count(a) AS actors
			OPTIONAL MATCH (:Actor)-[r]->(:Actor) RETURN actors, count(r)`, nil)
		if err != nil {
			return err
		}
		st.Actors = int(recs[0].Values[0].(int64))
		st.Relationships = int(recs[0].Values[1].(int64))
		return nil
	})
	return st, err
}
