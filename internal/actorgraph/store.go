package actorgraph

import "context"

// Store keeps actors and relationships. Two implementations exist: the
// embedded store (internal/store/memstore) and the Neo4j store. Both pass the
// conformance suite in internal/store/storetest, which is the executable form
// of the contracts written here.
//
// Orders are part of the contract: actor lists are ordered by id,
// relationship lists by id, unless a method says otherwise. All methods are
// safe for concurrent use. Every method returns ErrUnavailable (wrapped)
// when the backing database cannot be reached, and ctx.Err() (wrapped) when
// the context ends first.
type Store interface {
	// Actor returns the actor with the given id, or ErrNotFound.
	Actor(ctx context.Context, id string) (Actor, error)

	// ActorsByID returns the actors with the given ids, in the order of ids;
	// an unknown id gives a nil entry (no error). Used by dataloaders.
	ActorsByID(ctx context.Context, ids []string) ([]*Actor, error)

	// Actors returns one page of the actors that match the filter, ordered
	// by id. ErrInvalid for a bad filter or page.
	Actors(ctx context.Context, filter ActorFilter, page PageRequest) (Page[Actor], error)

	// Search returns up to limit actors whose name or alias matches text,
	// best first (see RankMatch for the ranking, which both stores share).
	// ErrInvalid when text is blank.
	Search(ctx context.Context, text string, limit int) ([]Actor, error)

	// Relationships returns one page of the relationships that match the
	// filter, ordered by id. ErrNotFound when filter.ActorID names no actor.
	Relationships(ctx context.Context, filter RelationshipFilter, page PageRequest) (Page[Relationship], error)

	// RelationshipsOf answers many per-actor relationship queries at once
	// (one result per query, same order): the batch behind the nested
	// Actor.relationships field. An unknown actor gives an empty page.
	RelationshipsOf(ctx context.Context, queries []RelationshipsQuery) ([]Page[Relationship], error)

	// Neighborhood returns the actors within depth hops of id (following
	// relationships of the given types in either direction) and the
	// relationships among them. ErrNotFound when id names no actor.
	Neighborhood(ctx context.Context, id string, depth int, types []RelationshipType) (Subgraph, error)

	// ShortestPath returns a shortest path from one actor to another
	// within opts.MaxHops hops, or nil when there is none. Among equally
	// short paths it returns the one whose steps, read from the start as
	// (next actor id, relationship id) pairs, sort first. ErrNotFound names
	// a missing endpoint.
	ShortestPath(ctx context.Context, from, to string, opts PathOptions) (*Path, error)

	// CreateActor stores a new actor. ErrInvalid for bad fields,
	// ErrConflict when the id is taken.
	CreateActor(ctx context.Context, a Actor) (Actor, error)

	// UpdateActor applies a patch to an actor and returns the result.
	// ErrNotFound, or ErrInvalid when the result would be invalid.
	UpdateActor(ctx context.Context, id string, patch ActorPatch) (Actor, error)

	// DeleteActor removes an actor. If it still has relationships it fails
	// with ErrConflict, unless cascade is set, in which case those
	// relationships are deleted in the same transaction; their ids are
	// returned. ErrNotFound for an unknown id.
	DeleteActor(ctx context.Context, id string, cascade bool) (deletedRelationships []string, err error)

	// CreateRelationship stores a new relationship. ErrInvalid for bad
	// fields or an endpoint that does not exist, ErrConflict when the id is
	// taken.
	CreateRelationship(ctx context.Context, r Relationship) (Relationship, error)

	// DeleteRelationship removes a relationship and returns it.
	// ErrNotFound for an unknown id.
	DeleteRelationship(ctx context.Context, id string) (Relationship, error)

	// Upsert writes many actors and relationships in one transaction: all
	// or nothing. A record whose id exists replaces the stored one, so
	// running the same Upsert twice leaves the same data (seeding and
	// imports rely on it). ErrInvalid names the first bad record,
	// including a relationship whose endpoint is neither stored nor in the
	// batch.
	Upsert(ctx context.Context, actors []Actor, relationships []Relationship) error

	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)

	// Ready returns nil when the store can serve requests, or an error
	// saying why not.
	Ready(ctx context.Context) error

	// Close releases the store's resources.
	Close() error
}

// PageRequest asks for First items after the item with id After ("" for
// the start). Cursors are made by the GraphQL layer from ids; stores page by
// id (keyset pagination), so pages are stable under inserts and deletes.
type PageRequest struct {
	First int
	After string
}

// Validate checks the request.
func (p PageRequest) Validate() error {
	if p.First < 0 {
		return invalid("first", "must not be negative")
	}
	return nil
}

// Page is one page of an ordered list.
type Page[T any] struct {
	Items       []T
	HasNextPage bool
	// TotalCount counts every match, on all pages.
	TotalCount int
}

// RelationshipsQuery asks for the relationships of one actor.
type RelationshipsQuery struct {
	ActorID   string
	Direction Direction
	Types     []RelationshipType
	Page      PageRequest
}

// PathOptions bound and filter a path search.
type PathOptions struct {
	// MaxHops is the largest number of relationships a path may have (> 0).
	MaxHops int
	// Types restricts the relationships a path may use; empty means all.
	Types []RelationshipType
	// Direction: OUTGOING follows relationships from From to To only,
	// INCOMING against them, BOTH (the default) either way.
	Direction Direction
}

// Validate checks the options.
func (o PathOptions) Validate() error {
	if o.MaxHops < 1 {
		return invalid("maxHops", "must be at least 1")
	}
	for _, t := range o.Types {
		if !t.Valid() {
			return invalid("types", "%q is not a known relationship type", t)
		}
	}
	if o.Direction != "" && !o.Direction.Valid() {
		return invalid("direction", "%q is not a direction", o.Direction)
	}
	return nil
}

// Path is a chain of relationships from one actor to another.
// Nodes has one more entry than Relationships; Relationships[i] links
// Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes         []Actor
	Relationships []Relationship
}

// Length is the number of relationships on the path.
func (p *Path) Length() int { return len(p.Relationships) }

// Subgraph is a set of actors and the relationships among them, ordered:
// nodes by distance from the centre then id, edges by id.
type Subgraph struct {
	Nodes []Actor
	Edges []Relationship
}

// Stats counts a store's contents.
type Stats struct {
	Actors        int
	Relationships int
}
