package actorgraph

import (
	"context"
	"math"
	"slices"
)

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
	// Actor returns the actor with the given id or, when the id was
	// merged into another actor (MergeActors), that actor; else
	// ErrNotFound.
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

	// Neighborhood returns the actors within opts.Depth hops of id
	// (walking as opts.Walk allows; actors it may not pass through are
	// neither included nor crossed), at most opts.Limit of them, nearest
	// first, and the allowed relationships among them. ErrNotFound when id
	// names no actor.
	Neighborhood(ctx context.Context, id string, opts NeighborhoodOptions) (Subgraph, error)

	// ShortestPath returns a shortest path from one actor to another
	// within opts.MaxHops hops, or nil when there is none. Among equally
	// short paths it returns the one whose steps, read from the start as
	// (next actor id, relationship id) pairs, sort first. ErrNotFound names
	// a missing endpoint.
	ShortestPath(ctx context.Context, from, to string, opts PathOptions) (*Path, error)

	// AllShortestPaths returns every shortest path (at most limit of them,
	// in the path order) and whether more existed. Nil when none.
	AllShortestPaths(ctx context.Context, from, to string, opts PathOptions, limit int) ([]Path, bool, error)

	// KShortestPaths returns the k first loopless paths in the path order:
	// shorter first, then by their steps as ShortestPath compares them.
	KShortestPaths(ctx context.Context, from, to string, k int, opts PathOptions) ([]Path, error)

	// Paths returns the loopless paths in the path order, skipping offset
	// of them and returning at most first, and whether more follow.
	Paths(ctx context.Context, from, to string, opts PathOptions, offset, first int) ([]Path, bool, error)

	// CheapestPath returns a path of least total weight within MaxHops,
	// or nil. Ties go to the shorter path, then to the path order.
	CheapestPath(ctx context.Context, from, to string, weight Weight, opts PathOptions) (*Path, error)

	// CreateActor stores a new actor. ErrInvalid for bad fields,
	// ErrConflict when the id is taken, by an actor or by one merged into
	// another (its id answers as the survivor).
	CreateActor(ctx context.Context, a Actor) (Actor, error)

	// UpdateActor applies a patch to an actor and returns the result.
	// ErrNotFound, or ErrInvalid when the result would be invalid.
	UpdateActor(ctx context.Context, id string, patch ActorPatch) (Actor, error)

	// DeleteActor removes an actor, and the ids merged into it. If it
	// still has relationships it fails
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

	// MergeActors folds the actors in from into the actor into, in one
	// transaction: every relationship of theirs moves onto into (one that
	// would link into to itself becomes a one-actor event, see
	// RewriteEnds), into's record becomes MergeRecords(into, from), they
	// are deleted, and each merged id (and every id that redirected to one
	// of them) is recorded as a redirect to into, which Actor and
	// Redirects follow. An id in from that already redirects to into is
	// skipped, so a repeated merge changes nothing. ErrInvalid for bad
	// arguments (ValidateMerge); ErrNotFound when into is not an actor or
	// an id in from is neither an actor nor merged into into; ErrConflict
	// when an id in from was merged into another actor.
	MergeActors(ctx context.Context, into string, from []string) (MergeResult, error)

	// Redirects returns, for each of ids that was merged into another
	// actor, the id of the actor it now belongs to. Other ids are absent.
	Redirects(ctx context.Context, ids []string) (map[string]string, error)

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
	// NoTotal says the caller will not read the page's TotalCount, so a
	// store may leave it 0 and stop at the page instead of counting every
	// match (the GraphQL layer sets it when totalCount is not selected).
	NoTotal bool
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

// Walk says which relationships and actors a graph walk (a path search or
// a neighborhood) may use. The zero value allows everything, both ways.
type Walk struct {
	// Types restricts the relationships to these types; empty means all.
	Types []RelationshipType
	// Direction: OUTGOING follows relationships from their From to their
	// To only, INCOMING against them, BOTH (the default, "") either way.
	Direction Direction
	// Since and Until keep relationships dated within [Since, Until];
	// undated ones are left out when either is set.
	Since, Until *Date
	// Modalities keeps relationships of these modalities; empty means all.
	Modalities []Modality
	// MinGoldstein and MaxGoldstein keep relationships whose Goldstein
	// score is within the bounds; those without a score (structural) are
	// left out when either is set.
	MinGoldstein, MaxGoldstein *float64
	// Avoid lists actors the walk must not pass through.
	Avoid []string
	// IntermediateKinds, when set, lists the kinds an actor must have to be
	// passed through (the endpoints of a path are exempt).
	IntermediateKinds []ActorKind
}

// Validate checks the walk's values.
func (w Walk) Validate() error {
	f := RelationshipFilter{Types: w.Types, Direction: w.Direction, Since: w.Since, Until: w.Until, Modalities: w.Modalities}
	if err := f.Validate(); err != nil {
		return err
	}
	if w.MinGoldstein != nil && w.MaxGoldstein != nil && *w.MaxGoldstein < *w.MinGoldstein {
		return invalid("maxGoldstein", "%g is below minGoldstein %g", *w.MaxGoldstein, *w.MinGoldstein)
	}
	for _, k := range w.IntermediateKinds {
		if !k.Valid() {
			return invalid("intermediateKinds", "%q is not a known actor kind", k)
		}
	}
	return nil
}

// AllowsRelationship reports whether a walk may use r (its type, date,
// modality and Goldstein score; direction is the walker's business).
func (w *Walk) AllowsRelationship(r *Relationship) bool {
	f := RelationshipFilter{Types: w.Types, Since: w.Since, Until: w.Until, Modalities: w.Modalities}
	if !f.Matches(r) {
		return false
	}
	if w.MinGoldstein != nil || w.MaxGoldstein != nil {
		if r.Goldstein == nil {
			return false
		}
		if w.MinGoldstein != nil && *r.Goldstein < *w.MinGoldstein {
			return false
		}
		if w.MaxGoldstein != nil && *r.Goldstein > *w.MaxGoldstein {
			return false
		}
	}
	return true
}

// AllowsThrough reports whether a walk may pass through actor a.
func (w *Walk) AllowsThrough(a *Actor) bool {
	for _, id := range w.Avoid {
		if id == a.ID {
			return false
		}
	}
	if len(w.IntermediateKinds) == 0 {
		return true
	}
	for _, k := range w.IntermediateKinds {
		if k == a.Kind {
			return true
		}
	}
	return false
}

// Unfiltered reports whether the walk allows every relationship and actor
// (its direction aside), so a store may skip the checks.
func (w *Walk) Unfiltered() bool {
	return len(w.Types) == 0 && w.Since == nil && w.Until == nil && len(w.Modalities) == 0 &&
		w.MinGoldstein == nil && w.MaxGoldstein == nil && len(w.Avoid) == 0 && len(w.IntermediateKinds) == 0
}

// Dir returns the direction, BOTH when unset.
func (w *Walk) Dir() Direction {
	if w.Direction == "" {
		return Both
	}
	return w.Direction
}

// ValidateSearch checks Store.Search's arguments.
func ValidateSearch(text string, limit int) error {
	if Fold(text) == "" {
		return invalid("text", "search text must contain a letter or digit")
	}
	if limit < 0 {
		return invalid("first", "must not be negative")
	}
	return nil
}

// Validate checks one Store.RelationshipsOf query.
func (q RelationshipsQuery) Validate() error {
	if err := q.Page.Validate(); err != nil {
		return err
	}
	f := RelationshipFilter{Types: q.Types, Direction: q.Direction}
	return f.Validate()
}

// PathOptions bound and filter a path search.
type PathOptions struct {
	// MaxHops is the largest number of relationships a path may have (> 0).
	MaxHops int
	Walk
}

// Validate checks the options.
func (o PathOptions) Validate() error {
	if o.MaxHops < 1 {
		return invalid("maxHops", "must be at least 1")
	}
	return o.Walk.Validate()
}

// NeighborhoodOptions bound and filter a neighborhood.
type NeighborhoodOptions struct {
	// Depth is how many hops from the centre to go (>= 0).
	Depth int
	// Limit caps the number of nodes (0: no cap); the nearest are kept
	// (by distance, then id) and Subgraph.Truncated says so.
	Limit int
	Walk
}

// Validate checks the options.
func (o NeighborhoodOptions) Validate() error {
	if o.Depth < 0 {
		return invalid("depth", "must not be negative")
	}
	if o.Limit < 0 {
		return invalid("limit", "must not be negative")
	}
	return o.Walk.Validate()
}

// Weight names an edge cost for cheapest-path searches.
type Weight string

// The built-in weights. Costs are non-negative, so Dijkstra-style search
// is exact.
const (
	// WeightHops costs 1 per relationship: the cheapest path is a
	// shortest one.
	WeightHops Weight = "HOPS"
	// WeightCooperation costs 1 + (10 - goldstein) / 10 per relationship
	// (1 for the most cooperative, 3 for the most hostile; 2 for one
	// without a score), so the cheapest path is the most cooperative
	// route, with length as a tie-breaker of last resort.
	WeightCooperation Weight = "COOPERATION"
)

// Weights lists every weight in a fixed order.
var Weights = []Weight{WeightHops, WeightCooperation}

// Valid reports whether w is a known weight.
func (w Weight) Valid() bool { return slices.Contains(Weights, w) }

// Milli returns the cost of r under the weight in thousandths (integers,
// so sums are exact and both stores agree to the last digit).
func (w Weight) Milli(r *Relationship) int64 {
	if w == WeightHops {
		return 1000
	}
	g := 0.0
	if r.Goldstein != nil {
		g = *r.Goldstein
	}
	return 2000 - int64(math.Round(g*100))
}

// Path is a chain of relationships from one actor to another.
// Nodes has one more entry than Relationships; Relationships[i] links
// Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes         []Actor
	Relationships []Relationship
	// Cost is the path's total cost: its length for hop-count searches,
	// the sum of the weight for CheapestPath.
	Cost float64
}

// Length is the number of relationships on the path.
func (p *Path) Length() int { return len(p.Relationships) }

// Subgraph is a set of actors and the relationships among them, ordered:
// nodes by distance from the centre then id, edges by id.
type Subgraph struct {
	Nodes []Actor
	Edges []Relationship
	// Truncated says the node limit left out actors within reach.
	Truncated bool
}

// Stats counts a store's contents.
type Stats struct {
	Actors        int
	Relationships int
}
