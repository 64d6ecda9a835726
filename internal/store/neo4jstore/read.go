package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// Redirects returns the survivors of the merged ids among ids.
func (s *Store) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	err := s.read(ctx, func(tx *txn) error {
		var err error
		out, err = tx.redirects(ctx, ids)
		return err
	})
	return out, err
}

func (tx *txn) redirects(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (d:Redirect {id: id}) RETURN d.id, d.to`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		out[str(rec.Values[0])] = str(rec.Values[1])
	}
	return out, nil
}

// ActorsByID returns actors in the order of ids, nil for unknown ids.
func (s *Store) ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error) {
	out := make([]*actorgraph.Actor, len(ids))
	err := s.read(ctx, func(tx *txn) error {
		found, err := tx.actorsByIDs(ctx, ids)
		for i, id := range ids {
			if a, ok := found[id]; ok {
				out[i] = &a
			}
		}
		return err
	})
	return out, err
}

// RelationshipsByID returns the relationships with the given ids, in the
// order of ids; nil for an unknown id.
func (s *Store) RelationshipsByID(ctx context.Context, ids []string) ([]*actorgraph.Relationship, error) {
	out := make([]*actorgraph.Relationship, len(ids))
	err := s.read(ctx, func(tx *txn) error {
		found, err := tx.relsByID(ctx, ids)
		for i, id := range ids {
			if r, ok := found[id]; ok {
				out[i] = &r
			}
		}
		return err
	})
	return out, err
}

// actorWhere is the filter shared by the count and page queries.
const actorWhere = `($kinds IS NULL OR a.kind IN $kinds)
	AND ($country IS NULL OR a.country = $country)
	AND ($name IS NULL OR a.searchText CONTAINS $name)`

func actorFilterParams(f actorgraph.ActorFilter) map[string]any {
	p := map[string]any{"kinds": nil, "country": nullable(f.Country), "name": nil}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		p["kinds"] = kinds
	}
	if q := actorgraph.Fold(f.NameContains); q != "" {
		p["name"] = q
	}
	return p
}

// Actors returns a page of matching actors, ordered by id.
func (s *Store) Actors(ctx context.Context, f actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
	var res actorgraph.Page[actorgraph.Actor]
	params := actorFilterParams(f)
	params["after"] = page.After
	params["limit"] = int64(page.First + 1)
	params["noTotal"] = page.NoTotal
	err := s.read(ctx, func(tx *txn) error {
		// The page walks the id index in order and stops at the limit; the
		// total is a count in the same statement (the count store when
		// nothing is filtered). Neo4j reads committed data as it goes, not
		// from one snapshot, so under concurrent writes the count may be
		// taken a moment before or after the page: it is never reported
		// below the page itself.
		count := `CALL () { MATCH (a:Actor) WHERE ` + actorWhere + ` RETURN count(a) AS total }`
		if page.NoTotal {
			count = `WITH actors, 0 AS total`
		}
		cursor, order := keyset(page, "a.id", "$after")
		recs, err := tx.run(ctx, `MATCH (a:Actor) WHERE `+actorWhere+` AND `+cursor+`
			WITH a ORDER BY a.id `+order+` LIMIT $limit
			WITH collect(a {.*}) AS actors
			`+count+`
			RETURN CASE WHEN total < size(actors) AND NOT $noTotal THEN size(actors) ELSE total END, actors`, params)
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
	return finishPage(res, page), err
}

// keyset returns the condition that keeps the ids (the Cypher expression
// id) on the page's side of the cursor (the expression after), and the
// order to read them in: ascending after it, or, paging backwards,
// descending before it (every id when the cursor is "").
func keyset(page actorgraph.PageRequest, id, after string) (cond, order string) {
	if page.Backward {
		return "(" + after + " = '' OR " + id + " < " + after + ")", "DESC"
	}
	return id + " > " + after, "ASC"
}

// finishPage cuts a page read with keyset's order and one item more than
// asked for: the extra item says whether more follow (or, backwards,
// precede), and a backward page, read descending, is put in list order.
func finishPage[T any](p actorgraph.Page[T], page actorgraph.PageRequest) actorgraph.Page[T] {
	more := len(p.Items) > page.First
	if more {
		p.Items = p.Items[:page.First]
	}
	if page.Backward {
		slices.Reverse(p.Items)
		p.HasPreviousPage = more
	} else {
		p.HasNextPage = more
	}
	return p
}

// Search returns the best name and alias matches; candidates come from the
// text index, ranking is the domain's (identical to the embedded store).
func (s *Store) Search(ctx context.Context, text string, limit int) ([]actorgraph.Actor, error) {
	q := actorgraph.Fold(text)
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
		cursor, order := keyset(page, "r.id", "$after")
		query := pattern + ` WHERE ` + relWhere + `
			WITH r ORDER BY r.id ` + order + `
			WITH collect(r) AS rs
			RETURN size(rs) AS total, [r IN [r IN rs WHERE ` + cursor + `][0..$limit] | ` + relProjection + `] AS page`
		if page.NoTotal { // a top-k sort of the matches after the cursor
			query = pattern + ` WHERE ` + relWhere + ` AND ` + cursor + `
			WITH r ORDER BY r.id ` + order + ` LIMIT $limit
			RETURN 0 AS total, collect(` + relProjection + `) AS page`
		}
		recs, err := tx.run(ctx, query, params)
		if err != nil {
			return err
		}
		res.TotalCount = int(recs[0].Values[0].(int64))
		res.Items, err = decodeRels(recs[0].Values[1])
		return err
	})
	return finishPage(res, page), err
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
		types := []string{} // the driver sends nil slices as empty lists; say so
		for _, t := range q.Types {
			types = append(types, relTypes[t])
		}
		dir := q.Direction
		if dir == "" {
			dir = actorgraph.Both
		}
		var asOf any
		if q.AsOf != nil {
			asOf = q.AsOf.String()
		}
		rows[i] = map[string]any{"i": int64(i), "actor": q.ActorID, "dir": string(dir), "types": types, "asOf": asOf,
			"after": q.Page.After, "first": int64(q.Page.First), "back": q.Page.Backward}
	}
	out := make([]actorgraph.Page[actorgraph.Relationship], len(qs))
	// With no total wanted in the whole batch, and every page forwards,
	// each actor's page is a top-k sort of its relationships after the
	// cursor (LIMIT takes no row variable, so the largest page bounds it
	// and each row slices its own), not a sort and collect of all of them.
	// A backward page is read descending (see finishPage).
	page := `WITH DISTINCT r ORDER BY r.id
				WITH collect(r) AS rs
				RETURN size(rs) AS total, CASE WHEN q.back
				  THEN reverse([r IN rs WHERE q.after = '' OR r.id < q.after])[0..q.first + 1]
				  ELSE [r IN rs WHERE r.id > q.after][0..q.first + 1] END AS page`
	limit := 0
	noTotal := true
	for _, q := range qs {
		limit = max(limit, q.Page.First+1)
		noTotal = noTotal && q.Page.NoTotal && !q.Page.Backward
	}
	if noTotal {
		page = `AND r.id > q.after
				WITH r ORDER BY r.id LIMIT $limit
				WITH collect(r) AS rs
				RETURN 0 AS total, rs[0..q.first + 1] AS page`
	}
	err := s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `UNWIND $qs AS q
			MATCH (a:Actor {id: q.actor})
			CALL (a, q) {
				MATCH (a)-[r]-()
				WHERE (q.dir = 'BOTH' OR (q.dir = 'OUTGOING' AND startNode(r) = a) OR (q.dir = 'INCOMING' AND endNode(r) = a))
				  AND (size(q.types) = 0 OR type(r) IN q.types)
				  AND `+knownAsOf+`
				`+page+`
			}
			RETURN q.i AS i, total, [r IN page | `+relProjection+`] AS page`, map[string]any{"qs": rows, "limit": int64(limit)})
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
			out[i] = finishPage(actorgraph.Page[actorgraph.Relationship]{Items: items, TotalCount: int(rec.Values[1].(int64))}, qs[i].Page)
		}
		return nil
	})
	return out, err
}

// knownAsOf is actorgraph.KnownAsOf in Cypher, for the row q: dated on
// or before q.asOf, or undated and structural (dates are stored as
// YYYY-MM-DD strings, which compare as the days do).
var knownAsOf = `(q.asOf IS NULL OR r.date <= q.asOf OR (r.date IS NULL AND type(r) IN ` + structuralTypes() + `))`

// structuralTypes lists the Neo4j types of the structural relationship
// types as a Cypher list literal.
func structuralTypes() string {
	var names []string
	for _, t := range actorgraph.RelationshipTypes {
		if t.Structural() {
			names = append(names, "'"+relTypes[t]+"'")
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// frontierEdges loads, for a set of actors, the relationships a walk may
// follow out of them (one statement per BFS level). The walk's filters are
// applied in Go with the domain's own predicates, so both stores decide
// alike; the type alternation in the pattern keeps the load small.
func (tx *txn) frontierEdges(ctx context.Context, frontier []string, walk *actorgraph.Walk) ([]edge, error) {
	return tx.frontierEdgesDir(ctx, frontier, walk, walk.Dir())
}

// frontierEdgesDir is frontierEdges in a given direction (a backward
// search follows the walk's direction reversed).
func (tx *txn) frontierEdgesDir(ctx context.Context, frontier []string, walk *actorgraph.Walk, dir actorgraph.Direction) ([]edge, error) {
	alt, err := typeAlternation(walk.Types)
	if err != nil {
		return nil, err
	}
	pattern := map[actorgraph.Direction]string{
		actorgraph.Outgoing: "(a)-[r%s]->(b:Actor)", // b:Actor: one-actor events are not walked
		actorgraph.Incoming: "(a)<-[r%s]-(b:Actor)",
		actorgraph.Both:     "(a)-[r%s]-(b:Actor)",
	}[dir]
	recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id})
		MATCH `+fmt.Sprintf(pattern, alt)+`
		RETURN a.id, r {.id, .date, .modality, .goldstein, type: type(r)}, b.id, b.kind`, map[string]any{"ids": frontier})
	if err != nil {
		return nil, err
	}
	out := make([]edge, 0, len(recs))
	for _, rec := range recs {
		r, err := decodeRel(rec.Values[1])
		if err != nil {
			return nil, err
		}
		if !walk.AllowsRelationship(&r) {
			continue
		}
		out = append(out, edge{
			from: rec.Values[0].(string), rel: r,
			to: actorgraph.Actor{ID: rec.Values[2].(string), Kind: actorgraph.ActorKind(str(rec.Values[3]))},
		})
	}
	return out, nil
}

// edge is a traversable step loaded from Neo4j.
type edge struct {
	from string
	rel  actorgraph.Relationship // id, type, date, modality, goldstein only
	to   actorgraph.Actor        // id and kind only
}

// loadedGraph is the part of the graph a bounded search has loaded; it
// implements pathfind.Graph over exactly the edges fetched.
type loadedGraph struct {
	fwd, bwd map[string][]pathfind.Edge
	// days holds the dated edges' days (pathfind.Dated), as expand loads them.
	days map[string]int
}

var _ pathfind.Dated = (*loadedGraph)(nil)

func newLoadedGraph() *loadedGraph {
	return &loadedGraph{fwd: map[string][]pathfind.Edge{}, bwd: map[string][]pathfind.Edge{}, days: map[string]int{}}
}

// EdgeDay gives a loaded relationship's date for pathfind.TemporalPath.
func (g *loadedGraph) EdgeDay(id string) (int, bool) {
	d, ok := g.days[id]
	return d, ok
}

func (g *loadedGraph) add(from, id, to string, weight int64) {
	g.fwd[from] = append(g.fwd[from], pathfind.Edge{ID: id, To: to, Weight: weight})
	g.bwd[to] = append(g.bwd[to], pathfind.Edge{ID: id, To: from, Weight: weight})
}

func (g *loadedGraph) Forward(n string) []pathfind.Edge  { return g.fwd[n] }
func (g *loadedGraph) Backward(n string) []pathfind.Edge { return g.bwd[n] }

// expansion says how far to load and what to load.
type expansion struct {
	walk   *actorgraph.Walk
	ends   []string          // exempt from the walk's actor filters
	depth  int               // levels to load: edges out of nodes at distance < depth
	weight actorgraph.Weight // edge costs ("" none)
	// limit, when set, stops the expansion after the level that brings
	// more than limit nodes: a neighborhood keeps the nearest limit, so
	// what lies beyond would be cut anyway.
	limit int
}

// expand loads the graph level by level from start, as ex says. Actors the
// walk may not pass through are neither added nor expanded.
func (tx *txn) expand(ctx context.Context, start string, ex expansion) (*loadedGraph, error) {
	g := newLoadedGraph()
	passable := func(a *actorgraph.Actor) bool {
		return slices.Contains(ex.ends, a.ID) || ex.walk.AllowsThrough(a)
	}
	seen := map[string]bool{start: true}
	frontier := []string{start}
	for level := 1; level <= ex.depth && len(frontier) > 0; level++ {
		edges, err := tx.frontierEdges(ctx, frontier, ex.walk)
		if err != nil {
			return nil, err
		}
		var next []string
		for _, e := range edges {
			if !passable(&e.to) {
				continue
			}
			var w int64
			if ex.weight != "" {
				w = ex.weight.Milli(&e.rel)
			}
			g.add(e.from, e.rel.ID, e.to.ID, w)
			if e.rel.Date != nil {
				g.days[e.rel.ID] = e.rel.Date.Days()
			}
			if !seen[e.to.ID] {
				seen[e.to.ID] = true
				next = append(next, e.to.ID)
			}
		}
		frontier = next
		if ex.limit > 0 && len(seen) > ex.limit {
			break
		}
	}
	return g, nil
}

// expandBoth loads what a shortest-path search needs, breadth-first from
// both ends at once: each round expands the smaller frontier by one level
// (from `from` along the walk's direction, from `to` against it) until the
// two balls meet or their radii add up to maxHops. Every shortest path then
// lies in what was loaded: with radii rf and rb meeting first, the
// shortest length is rf+rb, and each step of such a path leaves a node
// within rf-1 of `from` or enters one within rb-1 of `to`. The balls are
// far smaller than one ball of radius maxHops, which is what the one-sided
// expansion loaded.
func (tx *txn) expandBoth(ctx context.Context, from, to string, walk *actorgraph.Walk, maxHops int) (*loadedGraph, error) {
	g := newLoadedGraph()
	if from == to {
		return g, nil
	}
	ends := []string{from, to}
	passable := func(a *actorgraph.Actor) bool { return slices.Contains(ends, a.ID) || walk.AllowsThrough(a) }
	type side struct {
		seen     map[string]bool
		frontier []string
		dir      actorgraph.Direction
		forward  bool
	}
	fwd := &side{seen: map[string]bool{from: true}, frontier: []string{from}, dir: walk.Dir(), forward: true}
	bwd := &side{seen: map[string]bool{to: true}, frontier: []string{to}, dir: walk.Dir().Reverse()}
	added := map[[3]string]bool{}
	for radii := 0; radii < maxHops && len(fwd.frontier) > 0 && len(bwd.frontier) > 0; radii++ {
		this, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			this, other = bwd, fwd
		}
		edges, err := tx.frontierEdgesDir(ctx, this.frontier, walk, this.dir)
		if err != nil {
			return nil, err
		}
		var next []string
		met := false
		for _, e := range edges {
			if !passable(&e.to) {
				continue
			}
			a, b := e.from, e.to.ID // the step in the walk's own sense: a → b
			if !this.forward {
				a, b = b, a
			}
			if key := [3]string{a, e.rel.ID, b}; !added[key] {
				added[key] = true
				g.add(a, e.rel.ID, b, 0)
			}
			if !this.seen[e.to.ID] {
				this.seen[e.to.ID] = true
				next = append(next, e.to.ID)
				met = met || other.seen[e.to.ID]
			}
		}
		if met {
			break
		}
		this.frontier = next
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
func (s *Store) Neighborhood(ctx context.Context, id string, opts actorgraph.NeighborhoodOptions) (actorgraph.Subgraph, error) {
	var sub actorgraph.Subgraph
	alt, err := typeAlternation(opts.Types)
	if err != nil {
		return sub, err
	}
	err = s.read(ctx, func(tx *txn) error {
		sub = actorgraph.Subgraph{}
		if err := tx.requireActors(ctx, id); err != nil {
			return err
		}
		g, err := tx.expand(ctx, id, expansion{walk: &opts.Walk, ends: []string{id}, depth: opts.Depth, limit: opts.Limit})
		if err != nil {
			return err
		}
		order, _, err := pathfind.Neighborhood(ctx, g, id, opts.Depth)
		if err != nil {
			return err
		}
		if opts.Limit > 0 && len(order) > opts.Limit {
			order = order[:opts.Limit]
			sub.Cut(actorgraph.NodeLimit)
		}
		actors, err := tx.actorsByIDs(ctx, order)
		if err != nil {
			return err
		}
		sub.Nodes = make([]actorgraph.Actor, 0, len(order))
		for _, n := range order {
			sub.Nodes = append(sub.Nodes, actors[n])
		}
		// The edges among the nodes in the embedded store's order (each
		// from its From node, nodes in order, each one's edges by id),
		// streamed and filtered until the edge cap: what lies past it is
		// never read.
		err = tx.each(ctx, `UNWIND range(0, size($ids) - 1) AS i
			MATCH (a:Actor {id: $ids[i]})-[r`+alt+`]->(b:Actor)
			WHERE b.id IN $ids
			RETURN `+relProjection+` AS r ORDER BY i, r.id`, map[string]any{"ids": order}, func(rec *neo4j.Record) (bool, error) {
			r, err := decodeRel(rec.Values[0])
			if err != nil || !opts.Walk.AllowsRelationship(&r) {
				return err == nil, err
			}
			if opts.MaxEdges > 0 && len(sub.Edges) == opts.MaxEdges {
				sub.Cut(actorgraph.EdgeLimit)
				return false, nil
			}
			sub.Edges = append(sub.Edges, r)
			return true, nil
		})
		slices.SortFunc(sub.Edges, func(x, y actorgraph.Relationship) int { return strings.Compare(x.ID, y.ID) })
		return err
	})
	return sub, err
}

// FindPaths checks both ends exist, loads the graph around the ends as
// the search needs it (see loadFor), and runs the same algorithm as the
// embedded store on what was loaded, so both stores give the same paths,
// tie-breaks included. The paths found, as steps, are then fetched whole
// in two statements.
func (s *Store) FindPaths(ctx context.Context, q actorgraph.PathQuery) (actorgraph.PathResult, error) {
	var res actorgraph.PathResult
	err := s.read(ctx, func(tx *txn) error {
		res = actorgraph.PathResult{}
		if err := tx.requireActors(ctx, q.From, q.To); err != nil {
			return err
		}
		g, err := tx.loadFor(ctx, &q)
		if err != nil {
			return err
		}
		found, costs, more, err := search(ctx, g, &q)
		if err != nil || len(found) == 0 {
			return err
		}
		res.More = more
		res.Paths, err = tx.hydrate(ctx, q.From, found, costs)
		return err
	})
	return res, err
}

// loadFor loads what a search can use. ShortestPath and AllShortestPaths
// load breadth-first from both ends, one statement per level, until they
// meet or MaxHops levels are loaded (expandBoth): that holds every
// shortest path. The other searches load every edge out of nodes within
// MaxHops-1 of `from` (all a path of at most MaxHops can use), with edge
// costs for CheapestPath.
func (tx *txn) loadFor(ctx context.Context, q *actorgraph.PathQuery) (*loadedGraph, error) {
	if q.Search == actorgraph.SearchShortestPath || q.Search == actorgraph.SearchAllShortestPaths {
		return tx.expandBoth(ctx, q.From, q.To, &q.Walk, q.MaxHops)
	}
	ex := expansion{walk: &q.Walk, ends: []string{q.From, q.To}, depth: q.MaxHops}
	if q.Search == actorgraph.SearchCheapestPath {
		ex.weight = q.Weight
	}
	return tx.expand(ctx, q.From, ex)
}

// search runs q's algorithm on a loaded graph and returns the paths as
// steps, with their costs in thousandths (nil for "the length"), and
// whether more paths existed past the cap.
func search(ctx context.Context, g *loadedGraph, q *actorgraph.PathQuery) (found [][]pathfind.Step, costs []int64, more bool, err error) {
	switch q.Search {
	case actorgraph.SearchAllShortestPaths:
		found, more, err = pathfind.AllShortestPaths(ctx, g, q.From, q.To, q.MaxHops, q.First)
		return found, nil, more, err
	case actorgraph.SearchKShortestPaths:
		found, err = pathfind.KShortestPaths(ctx, g, q.From, q.To, q.First, q.MaxHops)
		return found, nil, false, err
	case actorgraph.SearchPaths:
		seen := 0
		err = pathfind.SimplePaths(ctx, g, q.From, q.To, q.MaxHops, func(steps []pathfind.Step) bool {
			seen++
			switch {
			case seen <= q.Offset:
				return true
			case len(found) < q.First:
				found = append(found, slices.Clone(steps))
				return true
			}
			more = true
			return false
		})
		return found, nil, more, err
	case actorgraph.SearchCheapestPath:
		steps, cost, ok, err := pathfind.CheapestPath(ctx, g, q.From, q.To, q.MaxHops)
		if !ok || err != nil {
			return nil, nil, false, err
		}
		return [][]pathfind.Step{steps}, []int64{cost}, false, nil
	case actorgraph.SearchTemporalPath:
		steps, ok, err := pathfind.TemporalPath(ctx, g, q.From, q.To, q.MaxHops, q.WithinDays())
		if !ok || err != nil {
			return nil, nil, false, err
		}
		return [][]pathfind.Step{steps}, nil, false, nil
	}
	steps, ok, err := pathfind.ShortestPath(ctx, g, q.From, q.To, q.MaxHops)
	if !ok || err != nil {
		return nil, nil, false, err
	}
	return [][]pathfind.Step{steps}, nil, false, nil
}

// hydrate turns step lists into whole paths.
func (tx *txn) hydrate(ctx context.Context, from string, found [][]pathfind.Step, costs []int64) ([]actorgraph.Path, error) {
	nodeSet, relSet := map[string]bool{from: true}, map[string]bool{}
	for _, steps := range found {
		for _, st := range steps {
			nodeSet[st.Node], relSet[st.Edge] = true, true
		}
	}
	actors, err := tx.actorsByIDs(ctx, keys(nodeSet))
	if err != nil {
		return nil, err
	}
	rels := map[string]actorgraph.Relationship{}
	if len(relSet) > 0 {
		if rels, err = tx.relsByID(ctx, keys(relSet)); err != nil {
			return nil, err
		}
	}
	out := make([]actorgraph.Path, len(found))
	for i, steps := range found {
		p := actorgraph.Path{Nodes: []actorgraph.Actor{actors[from]}, Cost: float64(len(steps))}
		for _, st := range steps {
			p.Relationships = append(p.Relationships, rels[st.Edge])
			p.Nodes = append(p.Nodes, actors[st.Node])
		}
		if costs != nil && costs[i] >= 0 {
			p.Cost = float64(costs[i]) / 1000
		}
		out[i] = p
	}
	return out, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
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
			OPTIONAL MATCH ()-[r]->() RETURN actors, count(r)`, nil)
		if err != nil {
			return err
		}
		st.Actors = int(recs[0].Values[0].(int64))
		st.Relationships = int(recs[0].Values[1].(int64))
		return nil
	})
	return st, err
}
