package actorgraph

import (
	"context"
	"math"
	"slices"
)

// Driver is the seam between Graph and a storage engine: it holds only
// what differs between engines. Two drivers exist, the embedded store
// (internal/store/memstore) and Neo4j (internal/store/neo4jstore); both pass
// the conformance suite in internal/store/storetest, run through a Graph.
//
// A driver may assume valid arguments: Graph validates every argument,
// applies defaults and follows merged ids before it calls one, and reports
// each call to its Observer. The contracts below are those of the matching
// Graph methods, which say what each returns and fails with; what is left
// to a driver is reading and writing atomically, in the orders given
// there, and the errors that depend on stored data: ErrNotFound for a
// missing actor or relationship, ErrConflict for a taken id, ErrInvalid for
// an endpoint that does not exist. Every method returns ErrUnavailable
// (wrapped) when the backing database cannot be reached, and ctx.Err()
// (wrapped) when the context ends first. All methods are safe for
// concurrent use.
type Driver interface {
	// ActorsByID returns the actors with the given ids, in the order of
	// ids; an unknown or merged id gives a nil entry.
	ActorsByID(ctx context.Context, ids []string) ([]*Actor, error)
	// Redirects returns, for each of ids that was merged into another
	// actor, the id of the actor it now belongs to.
	Redirects(ctx context.Context, ids []string) (map[string]string, error)
	// Actors returns one page of the actors that match the filter, by id.
	Actors(ctx context.Context, filter ActorFilter, page PageRequest) (Page[Actor], error)
	// Search returns up to limit actors whose name or alias matches text,
	// best first (RankMatch).
	Search(ctx context.Context, text string, limit int) ([]Actor, error)
	// RelationshipsByID returns the relationships with the given ids, in
	// the order of ids; an unknown id gives a nil entry.
	RelationshipsByID(ctx context.Context, ids []string) ([]*Relationship, error)
	// Relationships returns one page of the relationships that match the
	// filter, by id; ErrNotFound when filter.ActorID names no actor.
	Relationships(ctx context.Context, filter RelationshipFilter, page PageRequest) (Page[Relationship], error)
	// RelationshipsOf answers many per-actor queries at once.
	RelationshipsOf(ctx context.Context, queries []RelationshipsQuery) ([]Page[Relationship], error)
	// Neighborhood walks from id; ErrNotFound when id names no actor.
	Neighborhood(ctx context.Context, id string, opts NeighborhoodOptions) (Subgraph, error)
	// FindPaths runs one path search; ErrNotFound names a missing endpoint.
	FindPaths(ctx context.Context, q PathQuery) (PathResult, error)

	// The writes below record each accepted write: they fill in the
	// Change they are given (its setters: ActorUpdated, ActorDeleted, …,
	// as the Change type says for each operation) and store it in the
	// same transaction as the write, so a write that fails records
	// nothing and one that succeeds is never without its record.

	// CreateActor stores a new actor; ErrConflict when its id is taken by
	// an actor or by one merged into another. c is complete.
	CreateActor(ctx context.Context, c *Change, a Actor) error
	// UpdateActor replaces the actor with id by update(stored actor), in
	// one transaction; ErrNotFound for an unknown id. An error from update
	// is returned as it is, with nothing written. The driver calls
	// c.ActorUpdated.
	UpdateActor(ctx context.Context, c *Change, id string, update func(Actor) (Actor, error)) (Actor, error)
	// DeleteActor removes an actor, the ids merged into it and, with
	// cascade, its relationships, whose ids it returns. The driver calls
	// c.ActorDeleted.
	DeleteActor(ctx context.Context, c *Change, id string, cascade bool) (deletedRelationships []string, err error)
	// CreateRelationship stores a new relationship; ErrConflict when its id
	// is taken, ErrInvalid when an endpoint is not an actor. c is complete.
	CreateRelationship(ctx context.Context, c *Change, r Relationship) error
	// DeleteRelationship removes a relationship and returns it. The driver
	// calls c.RelationshipDeleted.
	DeleteRelationship(ctx context.Context, c *Change, id string) (Relationship, error)
	// Upsert writes a batch in one transaction (Graph.Upsert). c is
	// complete.
	Upsert(ctx context.Context, c *Change, actors []Actor, relationships []Relationship) error
	// MergeActors folds actors into another in one transaction
	// (Graph.MergeActors). The driver calls c.ActorsMerged, and records
	// nothing for a merge that changes nothing.
	MergeActors(ctx context.Context, c *Change, into string, from []string) (MergeResult, error)
	// Changes returns one page of the recorded changes that match q, by
	// id (Graph.Changes).
	Changes(ctx context.Context, q ChangeQuery) (Page[Change], error)

	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// Ready returns nil when the store can serve requests.
	Ready(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}

// PageRequest asks for First items after the item with id After ("" for
// the start) or, with Backward, for the First items before the item with
// id After ("" for the end): Relay's first/after and last/before. Either
// way the items come in list order. Cursors are made by the GraphQL layer
// from ids; stores page by id (keyset pagination), so pages are stable
// under inserts and deletes.
type PageRequest struct {
	First int
	After string
	// Backward pages from the end towards the start.
	Backward bool
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
	Items []T
	// HasNextPage says more items follow the page (paging forwards; false
	// when paging backwards), HasPreviousPage that more precede it (paging
	// backwards; false when paging forwards), as Relay allows.
	HasNextPage     bool
	HasPreviousPage bool
	// TotalCount counts every match, on all pages.
	TotalCount int
}

// RelationshipsQuery asks for the relationships of one actor.
type RelationshipsQuery struct {
	ActorID   string
	Direction Direction
	Types     []RelationshipType
	// AsOf, when set, keeps the relationships known on that day (see
	// KnownAsOf).
	AsOf *Date
	Page PageRequest
}

// KnownAsOf reports whether r belongs to the graph as it was known on day
// asOf (always, when asOf is nil): a dated relationship when its date is
// on or before asOf; an undated one only when it is structural (LEADS,
// MEMBER_OF, PART_OF, …: standing relations, timeless). An undated event
// cannot be placed in time, so it is left out, as Since and Until leave
// it out: in the curated datasets most events carry no date of their own
// (only the article's), and counting them as known on any day would make
// asOf answer the same before and after the article.
func KnownAsOf(r *Relationship, asOf *Date) bool {
	if asOf == nil {
		return true
	}
	if r.Date == nil {
		return r.Type.Structural()
	}
	return !asOf.Before(*r.Date)
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
	// AsOf, when set, walks the graph as it was known on that day (see
	// KnownAsOf): relationships dated on or before it, and undated
	// structural ones.
	AsOf *Date
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
	if !f.Matches(r) || !KnownAsOf(r, w.AsOf) {
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
	return len(w.Types) == 0 && w.Since == nil && w.Until == nil && w.AsOf == nil && len(w.Modalities) == 0 &&
		w.MinGoldstein == nil && w.MaxGoldstein == nil && len(w.Avoid) == 0 && len(w.IntermediateKinds) == 0
}

// Dir returns the direction, BOTH when unset.
func (w *Walk) Dir() Direction {
	if w.Direction == "" {
		return Both
	}
	return w.Direction
}

// ValidateSearch checks Graph.Search's arguments.
func ValidateSearch(text string, limit int) error {
	if Fold(text) == "" {
		return invalid("text", "search text must contain a letter or digit")
	}
	if limit < 0 {
		return invalid("first", "must not be negative")
	}
	return nil
}

// Validate checks one Graph.RelationshipsOf query.
func (q RelationshipsQuery) Validate() error {
	if err := q.Page.Validate(); err != nil {
		return err
	}
	f := RelationshipFilter{Types: q.Types, Direction: q.Direction}
	return f.Validate()
}

// PathOptions bound and filter a path search. Every path search takes its
// ends and one PathOptions; the fields below MaxHops and Walk apply to the
// searches that name them.
type PathOptions struct {
	// MaxHops is the largest number of relationships a path may have (> 0).
	MaxHops int
	Walk
	// First caps how many paths a search returns: the cap of
	// AllShortestPaths and the page of Paths (>= 1 and >= 0), k for
	// KShortestPaths (>= 1).
	First int
	// Offset is how many paths Paths skips (>= 0).
	Offset int
	// Weight is the cost CheapestPath minimises.
	Weight Weight
	// Within bounds a TemporalPath's time window, in days (>= 0): every
	// step is dated no later than the first step's date plus Within. Nil:
	// no window.
	Within *int
}

// WithinDays returns Within, -1 when unset (pathfind.TemporalPath's
// "no window").
func (o PathOptions) WithinDays() int {
	if o.Within == nil {
		return -1
	}
	return *o.Within
}

// Validate checks the options every search shares.
func (o PathOptions) Validate() error {
	if o.MaxHops < 1 {
		return invalid("maxHops", "must be at least 1")
	}
	return o.Walk.Validate()
}

// PathSearch names a kind of path search.
type PathSearch int

// The path searches. Each is a Graph method of the same name.
const (
	SearchShortestPath PathSearch = iota
	SearchAllShortestPaths
	SearchKShortestPaths
	SearchPaths
	SearchCheapestPath
	// SearchTemporalPath finds a time-respecting path: each step dated on
	// or after the previous one (undated relationships are not usable),
	// within the window Within when set; shortest by hops, then earliest
	// arrival (the last step's date), then the path order.
	SearchTemporalPath
)

// PathQuery is one path search, as a Driver receives it.
type PathQuery struct {
	Search   PathSearch
	From, To string
	PathOptions
}

// Validate checks the query: the shared options, then the fields its
// search uses.
func (q PathQuery) Validate() error {
	if err := q.PathOptions.Validate(); err != nil {
		return err
	}
	switch q.Search {
	case SearchAllShortestPaths:
		if q.First < 1 {
			return invalid("first", "must be at least 1")
		}
	case SearchKShortestPaths:
		if q.First < 1 {
			return invalid("k", "must be at least 1")
		}
	case SearchPaths:
		if q.Offset < 0 || q.First < 0 {
			return invalid("first", "offset and first must not be negative")
		}
	case SearchCheapestPath:
		if !q.Weight.Valid() {
			return invalid("weight", "%q is not a known weight", q.Weight)
		}
	case SearchTemporalPath:
		if q.Within != nil && *q.Within < 0 {
			return invalid("within", "must not be negative")
		}
	case SearchShortestPath:
	default:
		return invalid("search", "unknown path search %d", q.Search)
	}
	return nil
}

// PathResult is what a path search found: the paths, in the path order,
// and whether more existed past the cap (AllShortestPaths, Paths).
type PathResult struct {
	Paths []Path
	More  bool
}

// first returns the first path, or nil.
func (r PathResult) first() *Path {
	if len(r.Paths) == 0 {
		return nil
	}
	return &r.Paths[0]
}

// NeighborhoodOptions bound and filter a neighborhood.
type NeighborhoodOptions struct {
	// Depth is how many hops from the centre to go (>= 0).
	Depth int
	// Limit caps the number of nodes (0: no cap); the nearest are kept
	// (by distance, then id) and Subgraph.Truncated says so.
	Limit int
	// MaxEdges caps the number of edges (0: no cap). The walk stops
	// reading edges at the cap: an edge belongs to its From node, nodes
	// are taken in the subgraph's order and each node's edges by id, so
	// the edges kept are those of the nearest nodes.
	MaxEdges int
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
	if o.MaxEdges < 0 {
		return invalid("maxEdges", "must not be negative")
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
	// Truncated says a cap left something out: TruncatedBy says which
	// (the node limit left out actors within reach, the edge cap
	// relationships among the nodes).
	Truncated   bool
	TruncatedBy []Truncation
}

// Truncation names the cap that cut a subgraph.
type Truncation string

// The caps.
const (
	NodeLimit Truncation = "NODE_LIMIT"
	EdgeLimit Truncation = "EDGE_LIMIT"
	// PerNodeLimit: a per-node expansion limit (DrawOptions.PerNodeLimit)
	// left out neighbours.
	PerNodeLimit Truncation = "PER_NODE_LIMIT"
)

// Truncations lists every truncation in a fixed order.
var Truncations = []Truncation{NodeLimit, EdgeLimit, PerNodeLimit}

// Cut records that cap t left something out.
func (s *Subgraph) Cut(t Truncation) {
	s.Truncated = true
	if !slices.Contains(s.TruncatedBy, t) {
		s.TruncatedBy = append(s.TruncatedBy, t)
	}
}

// Stats counts a store's contents.
type Stats struct {
	Actors        int
	Relationships int
}
