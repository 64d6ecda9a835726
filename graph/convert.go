package graph

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/graph/model"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
)

// Conversions between GraphQL models and domain values. The GraphQL enums
// are the domain's types (gqlgen.yml binds them), so they need none.

// directionOr returns *d, or BOTH when the argument is absent.
func directionOr(d *actorgraph.Direction) actorgraph.Direction {
	if d == nil {
		return actorgraph.Both
	}
	return *d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func actorFilter(f *model.ActorFilter) actorgraph.ActorFilter {
	if f == nil {
		return actorgraph.ActorFilter{}
	}
	return actorgraph.ActorFilter{Kinds: f.Kinds, Country: deref(f.Country), NameContains: deref(f.NameContains)}
}

func relationshipFilter(f *model.RelationshipFilter) actorgraph.RelationshipFilter {
	if f == nil {
		return actorgraph.RelationshipFilter{}
	}
	return actorgraph.RelationshipFilter{
		Types:      f.Types,
		ActorID:    deref(f.Actor),
		Direction:  directionOr(f.Direction),
		Since:      f.Since,
		Until:      f.Until,
		Modalities: f.Modalities,
		EventID:    deref(f.EventID),
	}
}

func newActor(in model.CreateActorInput) actorgraph.Actor {
	a := actorgraph.Actor{
		ID:          in.ID,
		Kind:        in.Kind,
		Name:        strings.TrimSpace(in.Name),
		Aliases:     in.Aliases,
		Title:       deref(in.Title),
		Country:     deref(in.Country),
		CAMEOCode:   deref(in.CameoCode),
		WikidataID:  deref(in.WikidataID),
		Description: deref(in.Description),
	}
	if a.Aliases == nil {
		a.Aliases = []string{}
	}
	return a
}

func actorPatch(in model.UpdateActorInput) actorgraph.ActorPatch {
	p := actorgraph.ActorPatch{
		Name: in.Name, Title: in.Title, Country: in.Country, CAMEOCode: in.CameoCode,
		WikidataID: in.WikidataID, Description: in.Description, Kind: in.Kind,
	}
	if in.Aliases != nil {
		aliases := in.Aliases
		p.Aliases = &aliases
	}
	return p
}

func newRelationship(in model.CreateRelationshipInput) actorgraph.Relationship {
	r := actorgraph.Relationship{
		ID:        in.ID,
		Type:      in.Type,
		From:      in.From,
		To:        in.To,
		Date:      in.Date,
		CAMEOCode: deref(in.CameoCode),
		Goldstein: in.Goldstein,
		Modality:  actorgraph.Asserted,
		EventID:   deref(in.EventID),
		Summary:   deref(in.Summary),
	}
	if in.Modality != nil {
		r.Modality = *in.Modality
	}
	if in.QuadClass != nil {
		r.QuadClass = *in.QuadClass
	}
	for _, e := range in.Evidence {
		r.Evidence = append(r.Evidence, actorgraph.Evidence{Quote: e.Quote, Source: e.Source})
	}
	return r
}

// mapped returns f applied to a result, or the error that came instead:
// mapped(actorConnection)(r.Graph.Actors(…)).
func mapped[T, U any](f func(T) U) func(T, error) (U, error) {
	return func(v T, err error) (U, error) {
		if err != nil {
			var zero U
			return zero, err
		}
		return f(v), nil
	}
}

// edges turns a page of items into connection edges, each with the cursor
// cursorOf gives it, and fills info's start and end cursors (the first
// and last edge's). Every connection is built by it.
func edges[T, E any](items []T, info model.PageInfo, cursorOf func(i int, item T) string, edge func(cursor string, item T) E) ([]E, *model.PageInfo) {
	out := make([]E, len(items))
	for i, item := range items {
		cur := cursorOf(i, item)
		out[i] = edge(cur, item)
		if i == 0 {
			info.StartCursor = &cur
		}
		info.EndCursor = &cur
	}
	return out, &info
}

// pageInfo is a store page's Relay page information, cursors aside.
func pageInfo[T any](p actorgraph.Page[T]) model.PageInfo {
	return model.PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
}

func actorConnection(p actorgraph.Page[actorgraph.Actor]) *model.ActorConnection {
	es, info := edges(p.Items, pageInfo(p),
		func(_ int, a actorgraph.Actor) string { return encodeCursor(cursorActor, a.ID) },
		func(cur string, a actorgraph.Actor) *model.ActorEdge {
			return &model.ActorEdge{Cursor: cur, Node: model.NewActor(a)}
		})
	return &model.ActorConnection{Edges: es, PageInfo: info, TotalCount: p.TotalCount}
}

func relationshipConnection(p actorgraph.Page[actorgraph.Relationship]) *model.RelationshipConnection {
	es, info := edges(p.Items, pageInfo(p),
		func(_ int, r actorgraph.Relationship) string { return encodeCursor(cursorRelationship, r.ID) },
		func(cur string, r actorgraph.Relationship) *model.RelationshipEdge {
			return &model.RelationshipEdge{Cursor: cur, Node: model.NewRelationship(r)}
		})
	return &model.RelationshipConnection{Edges: es, PageInfo: info, TotalCount: p.TotalCount}
}

// connectionArgs are a connection field's Relay arguments: first and after
// page forwards, last and before backwards.
type connectionArgs struct {
	first  *int
	after  *string
	last   *int
	before *string
}

// pageRequest resolves a connection's arguments (cursors must be of kind)
// into a store page request; totalCount is counted only when the query
// selects it. A request pages one way: first/after or last/before.
func (r *Resolver) pageRequest(ctx context.Context, kind string, args connectionArgs) (actorgraph.PageRequest, error) {
	backward := args.last != nil || args.before != nil
	if backward && (args.first != nil || args.after != nil) {
		return actorgraph.PageRequest{}, actorgraph.Invalid("last", "page one way: give first/after or last/before, not both")
	}
	size, cursor, field := args.first, args.after, "first"
	if backward {
		size, cursor, field = args.last, args.before, "last"
	}
	n, err := r.Limits.pageSize(field, size)
	if err != nil {
		return actorgraph.PageRequest{}, err
	}
	id, err := decodeCursor(kind, cursor)
	return actorgraph.PageRequest{First: n, After: id, Backward: backward, NoTotal: !wantsTotal(ctx)}, err
}

// walkOf turns a PathFilter into a domain walk. The top-level `types` and
// `direction` arguments of shortestPath and neighborhood are shorthands; a
// value given both ways must agree.
func walkOf(f *model.PathFilter, types []actorgraph.RelationshipType, direction *actorgraph.Direction) (actorgraph.Walk, error) {
	var w actorgraph.Walk
	if f == nil {
		f = &model.PathFilter{}
	}
	switch {
	case len(types) > 0 && len(f.Types) > 0:
		return w, actorgraph.Invalid("types", "give the types once: as the argument or in the filter")
	case direction != nil && f.Direction != nil && *direction != *f.Direction:
		return w, actorgraph.Invalid("direction", "the argument and the filter disagree")
	}
	w.Types = slices.Concat(types, f.Types)
	w.Direction = directionOr(direction)
	if f.Direction != nil {
		w.Direction = *f.Direction
	}
	w.Since, w.Until = f.Since, f.Until
	w.Modalities = f.Modalities
	w.MinGoldstein, w.MaxGoldstein = f.MinGoldstein, f.MaxGoldstein
	w.Avoid = f.Avoid
	w.IntermediateKinds = f.IntermediateKinds
	return w, nil
}

// pathOptions resolves maxHops and the filter of a path query.
func (r *Resolver) pathOptions(maxHops *int, f *model.PathFilter, types []actorgraph.RelationshipType, direction *actorgraph.Direction, asOf *actorgraph.Date) (actorgraph.PathOptions, error) {
	hops, err := r.Limits.hops(maxHops)
	if err != nil {
		return actorgraph.PathOptions{}, err
	}
	w, err := walkOf(f, types, direction)
	w.AsOf = asOf
	return actorgraph.PathOptions{MaxHops: hops, Walk: w}, err
}

// isoDuration is an ISO 8601 duration in weeks and days: P7D, P2W, P1W3D.
var isoDuration = regexp.MustCompile(`^P(?:(\d{1,5})W)?(?:(\d{1,6})D)?$`)

// isoDays reads temporalPath's `within`, an ISO 8601 duration, as a number
// of days. Only weeks and days are accepted: months and years have no
// fixed length in days, and a time of day is finer than relationship
// dates, so those are refused rather than approximated.
func isoDays(s string) (int, error) {
	m := isoDuration.FindStringSubmatch(s)
	if m == nil || s == "P" {
		msg := "%q is not an ISO 8601 duration in weeks and days (e.g. P7D, P2W, P1W3D)"
		if strings.HasPrefix(s, "P") && strings.ContainsAny(s, "YMT") {
			msg += "; months, years and times of day are not accepted"
		}
		return 0, actorgraph.Invalid("within", msg, s)
	}
	days := 0
	if m[1] != "" {
		w, _ := strconv.Atoi(m[1])
		days += 7 * w
	}
	if m[2] != "" {
		d, _ := strconv.Atoi(m[2])
		days += d
	}
	return days, nil
}

// Path cursors are positions in the path order ("path:<offset of the
// next path>"): the order is deterministic, so a cursor stays valid while
// the graph does not change.
func decodeOffsetCursor(after *string) (int, error) {
	s, err := decodeCursor(cursorPath, after)
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, actorgraph.Invalid("after", "not a cursor for this list")
	}
	return n, nil
}

func pathConnection(paths []actorgraph.Path, offset int, more bool) *model.PathConnection {
	es, info := edges(paths, model.PageInfo{HasNextPage: more, HasPreviousPage: offset > 0},
		func(i int, _ actorgraph.Path) string { return encodeCursor(cursorPath, strconv.Itoa(offset+i+1)) },
		func(cur string, p actorgraph.Path) *model.PathEdge {
			return &model.PathEdge{Cursor: cur, Node: &model.Path{P: p}}
		})
	return &model.PathConnection{Edges: es, PageInfo: info}
}

// actorRelationships resolves Actor.relationships for every object type.
func (r *Resolver) actorRelationships(ctx context.Context, obj model.Actor, direction *actorgraph.Direction, types []actorgraph.RelationshipType, asOf *actorgraph.Date, args connectionArgs) (*model.RelationshipConnection, error) {
	page, err := r.pageRequest(ctx, cursorRelationship, args)
	if err != nil {
		return nil, err
	}
	key := relationshipsKey{
		actorID:   obj.Domain().ID,
		direction: directionOr(direction),
		types:     typesKey(types),
		page:      page,
	}
	if asOf != nil {
		key.asOf = *asOf
	}
	rels, err := loadersFrom(ctx).relationships.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	return relationshipConnection(rels), nil
}

// wantsTotal reports whether the connection being resolved selects
// totalCount (in any fragment); if not, stores skip counting every match.
func wantsTotal(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return true
		}
	}
	return false
}

// loadEnd loads one end of a relationship: nil for the unknown end of a
// one-actor event.
func loadEnd(ctx context.Context, id string) (model.Actor, error) {
	if id == "" {
		return nil, nil
	}
	return loadActor(ctx, id)
}

// loadActor resolves Relationship.from and .to through the loader.
func loadActor(ctx context.Context, id string) (model.Actor, error) {
	a, err := loadersFrom(ctx).actors.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		// A relationship whose actor vanished between two reads of one
		// request: report it rather than return a null for a non-null field.
		return nil, actorgraph.NotFound("actor", id)
	}
	return model.NewActor(*a), nil
}

func changeConnection(p actorgraph.Page[actorgraph.Change]) *model.ChangeConnection {
	es, info := edges(p.Items, pageInfo(p),
		func(_ int, c actorgraph.Change) string { return encodeCursor(cursorChange, c.ID) },
		func(cur string, c actorgraph.Change) *model.ChangeEdge {
			return &model.ChangeEdge{Cursor: cur, Node: newChange(c)}
		})
	return &model.ChangeConnection{Edges: es, PageInfo: info, TotalCount: p.TotalCount}
}

func newChange(c actorgraph.Change) *model.Change {
	fields := make([]*model.FieldChange, len(c.Fields))
	for i, f := range c.Fields {
		fields[i] = &model.FieldChange{Field: f.Field, Before: optional(f.Before), After: optional(f.After)}
	}
	ids := c.IDs
	if ids == nil {
		ids = []string{}
	}
	return &model.Change{
		ID: c.ID, At: c.At.UTC().Format(time.RFC3339Nano), Who: c.Who, Op: c.Op,
		Ids: ids, Count: c.Count, Fields: fields,
	}
}

// optional is nil for "", else a pointer to s.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// changes answers the changes field: the audit trail, for admins only.
func (r *Resolver) changes(ctx context.Context, since, actor *string, first *int, after *string) (*model.ChangeConnection, error) {
	if err := require(ctx, auth.Admin, "changes"); err != nil {
		return nil, err
	}
	q, err := r.changeQuery(ctx, since, actor, first, after)
	if err != nil {
		return nil, err
	}
	return mapped(changeConnection)(r.Graph.Changes(ctx, q))
}

// changeQuery resolves the changes field's arguments: since is an RFC 3339
// time, the page forwards only.
func (r *Resolver) changeQuery(ctx context.Context, since, actor *string, first *int, after *string) (actorgraph.ChangeQuery, error) {
	var q actorgraph.ChangeQuery
	if since != nil {
		t, err := time.Parse(time.RFC3339Nano, *since)
		if err != nil {
			return q, actorgraph.Invalid("since", "%q is not an RFC 3339 time (e.g. 2025-05-01T00:00:00Z)", *since)
		}
		q.Since = t
	}
	if actor != nil {
		q.ActorID = *actor
	}
	page, err := r.pageRequest(ctx, cursorChange, connectionArgs{first: first, after: after})
	q.Page = page
	return q, err
}
