package actorgraph

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Graph is the actor graph the rest of the program uses: the portable type
// in front of a storage Driver (go-cloud's shape). It checks every argument
// once, so drivers need not; follows ids merged into other actors (rule 1
// of actor resolution: a merged id answers as its survivor); and reports
// every call to an Observer for metrics. What it returns is the driver's
// answer, unchanged. Every accepted write is recorded, in its own
// transaction, as a Change made by the context's caller (WithCaller);
// Changes lists them.
//
// Orders are part of the contract: actor lists are ordered by id,
// relationship lists by id, unless a method says otherwise. All methods are
// safe for concurrent use. Every method returns ErrUnavailable (wrapped)
// when the backing database cannot be reached, and ctx.Err() (wrapped) when
// the context ends first.
type Graph struct {
	d       Driver
	observe Observer
	// maxWrite caps the relationships one cascade or merge may change
	// (0: no cap); see WithWriteLimit.
	maxWrite int
}

// Observer receives one report per Graph call: its method name, how long
// it took and its error.
type Observer func(method string, took time.Duration, err error)

// NewGraph returns a Graph over a driver.
func NewGraph(d Driver) *Graph { return &Graph{d: d} }

// WithWriteLimit returns a Graph on the same driver whose cascading
// deletes and merges refuse, with ErrWriteTooLarge and nothing changed, to
// change more than n relationships (0: no cap). The server's Graph has
// one, so no request holds a write open for long; imports and the
// resolve command do not.
func (g *Graph) WithWriteLimit(n int) *Graph {
	c := *g
	c.maxWrite = n
	return &c
}

// WithObserver returns a Graph on the same driver that reports every call
// to o, after the observers g reports to.
func (g *Graph) WithObserver(o Observer) *Graph {
	c := *g
	if prev := g.observe; prev == nil {
		c.observe = o
	} else {
		c.observe = func(method string, took time.Duration, err error) {
			prev(method, took, err)
			o(method, took, err)
		}
	}
	return &c
}

// report is deferred by every method with its start and error.
func (g *Graph) report(method string, start time.Time, err *error) {
	if g.observe != nil {
		g.observe(method, time.Since(start), *err)
	}
}

// check returns the context's error or the first failed validation.
func check(ctx context.Context, errs ...error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Actor returns the actor with the given id or, when the id was merged
// into another actor (MergeActors), that actor; else ErrNotFound.
func (g *Graph) Actor(ctx context.Context, id string) (a Actor, err error) {
	defer g.report("Actor", time.Now(), &err)
	if err = check(ctx); err != nil {
		return a, err
	}
	found, err := g.d.ActorsByID(ctx, []string{id})
	if err != nil {
		return a, err
	}
	if found[0] != nil {
		return *found[0], nil
	}
	red, err := g.d.Redirects(ctx, []string{id})
	if err != nil {
		return a, err
	}
	if to, ok := red[id]; ok {
		if found, err = g.d.ActorsByID(ctx, []string{to}); err != nil {
			return a, err
		}
		if found[0] != nil {
			return *found[0], nil
		}
	}
	return a, NotFound("actor", id)
}

// ActorsByID returns the actors with the given ids, in the order of ids;
// an unknown id gives a nil entry (no error). Used by dataloaders.
func (g *Graph) ActorsByID(ctx context.Context, ids []string) (as []*Actor, err error) {
	defer g.report("ActorsByID", time.Now(), &err)
	if err = check(ctx); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []*Actor{}, nil
	}
	return g.d.ActorsByID(ctx, ids)
}

// RelationshipsByID returns the relationships with the given ids, in the
// order of ids; an unknown id gives a nil entry (no error). Used by the
// export of a GraphQL answer.
func (g *Graph) RelationshipsByID(ctx context.Context, ids []string) (rs []*Relationship, err error) {
	defer g.report("RelationshipsByID", time.Now(), &err)
	if err = check(ctx); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []*Relationship{}, nil
	}
	return g.d.RelationshipsByID(ctx, ids)
}

// Actors returns one page of the actors that match the filter, ordered by
// id. ErrInvalid for a bad filter or page.
func (g *Graph) Actors(ctx context.Context, filter ActorFilter, page PageRequest) (p Page[Actor], err error) {
	defer g.report("Actors", time.Now(), &err)
	if err = check(ctx, page.Validate(), filter.Validate()); err != nil {
		return p, err
	}
	return g.d.Actors(ctx, filter, page)
}

// Search returns up to limit actors whose name or alias matches text, best
// first (see RankMatch for the ranking, which both stores share).
// ErrInvalid when text is blank.
func (g *Graph) Search(ctx context.Context, text string, limit int) (as []Actor, err error) {
	defer g.report("Search", time.Now(), &err)
	if err = check(ctx, ValidateSearch(text, limit)); err != nil {
		return nil, err
	}
	return g.d.Search(ctx, text, limit)
}

// Relationships returns one page of the relationships that match the
// filter, ordered by id. ErrNotFound when filter.ActorID names no actor.
func (g *Graph) Relationships(ctx context.Context, filter RelationshipFilter, page PageRequest) (p Page[Relationship], err error) {
	defer g.report("Relationships", time.Now(), &err)
	if err = check(ctx, page.Validate(), filter.Validate()); err != nil {
		return p, err
	}
	return g.d.Relationships(ctx, filter, page)
}

// RelationshipsOf answers many per-actor relationship queries at once (one
// result per query, same order): the batch behind the nested
// Actor.relationships field. An unknown actor gives an empty page.
func (g *Graph) RelationshipsOf(ctx context.Context, queries []RelationshipsQuery) (ps []Page[Relationship], err error) {
	defer g.report("RelationshipsOf", time.Now(), &err)
	if err = check(ctx); err != nil {
		return nil, err
	}
	for _, q := range queries {
		if err = q.Validate(); err != nil {
			return nil, err
		}
	}
	if len(queries) == 0 {
		return []Page[Relationship]{}, nil
	}
	return g.d.RelationshipsOf(ctx, queries)
}

// Neighborhood returns the actors within opts.Depth hops of id (walking as
// opts.Walk allows; actors it may not pass through are neither included
// nor crossed), at most opts.Limit of them, nearest first, and the allowed
// relationships among them. An id merged into another actor walks from
// that actor. ErrNotFound when id names no actor.
func (g *Graph) Neighborhood(ctx context.Context, id string, opts NeighborhoodOptions) (sub Subgraph, err error) {
	defer g.report("Neighborhood", time.Now(), &err)
	if err = check(ctx, opts.Validate()); err != nil {
		return sub, err
	}
	sub, err = g.d.Neighborhood(ctx, id, opts)
	if g.followMerged(ctx, err, &id) {
		sub, err = g.d.Neighborhood(ctx, id, opts)
	}
	return sub, err
}

// ShortestPath returns a shortest path from one actor to another within
// opts.MaxHops hops, or nil when there is none. Among equally short paths
// it returns the one whose steps, read from the start as (next actor id,
// relationship id) pairs, sort first. Ids merged into other actors search
// from and to those actors. ErrNotFound names a missing endpoint; so do
// the searches below, which follow merged ids the same way.
func (g *Graph) ShortestPath(ctx context.Context, from, to string, opts PathOptions) (p *Path, err error) {
	defer g.report("ShortestPath", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchShortestPath, From: from, To: to, PathOptions: opts})
	return res.first(), err
}

// AllShortestPaths returns every shortest path (at most opts.First of
// them, in the path order) and whether more existed. Nil when none.
func (g *Graph) AllShortestPaths(ctx context.Context, from, to string, opts PathOptions) (ps []Path, more bool, err error) {
	defer g.report("AllShortestPaths", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchAllShortestPaths, From: from, To: to, PathOptions: opts})
	return res.Paths, res.More, err
}

// KShortestPaths returns the opts.First (k) first loopless paths in the
// path order: shorter first, then by their steps as ShortestPath compares
// them.
func (g *Graph) KShortestPaths(ctx context.Context, from, to string, opts PathOptions) (ps []Path, err error) {
	defer g.report("KShortestPaths", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchKShortestPaths, From: from, To: to, PathOptions: opts})
	return res.Paths, err
}

// Paths returns the loopless paths in the path order, skipping opts.Offset
// of them and returning at most opts.First, and whether more follow.
func (g *Graph) Paths(ctx context.Context, from, to string, opts PathOptions) (ps []Path, more bool, err error) {
	defer g.report("Paths", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchPaths, From: from, To: to, PathOptions: opts})
	return res.Paths, res.More, err
}

// CheapestPath returns a path of least total opts.Weight within MaxHops,
// or nil. Ties go to the shorter path, then to the path order.
func (g *Graph) CheapestPath(ctx context.Context, from, to string, opts PathOptions) (p *Path, err error) {
	defer g.report("CheapestPath", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchCheapestPath, From: from, To: to, PathOptions: opts})
	return res.first(), err
}

// TemporalPath returns a time-respecting path, nil when none: every step
// dated on or after the previous one, and with opts.Within set no later
// than the first step's date plus Within days; undated relationships are
// not usable. Of those within opts.MaxHops it returns one with the fewest
// hops, then the earliest arrival (the date of the last step), then the
// first in the path order. Dates are days, so steps on the same day
// follow one another in any order.
func (g *Graph) TemporalPath(ctx context.Context, from, to string, opts PathOptions) (p *Path, err error) {
	defer g.report("TemporalPath", time.Now(), &err)
	res, err := g.findPaths(ctx, PathQuery{Search: SearchTemporalPath, From: from, To: to, PathOptions: opts})
	return res.first(), err
}

func (g *Graph) findPaths(ctx context.Context, q PathQuery) (PathResult, error) {
	if err := check(ctx, q.Validate()); err != nil {
		return PathResult{}, err
	}
	res, err := g.d.FindPaths(ctx, q)
	if g.followMerged(ctx, err, &q.From, &q.To) {
		res, err = g.d.FindPaths(ctx, q)
	}
	return res, err
}

// followMerged is for a walk that failed: when err is ErrNotFound and one
// of the ids was merged into another actor, it moves the ids to their
// survivors and reports that the walk should run again. The lookup happens
// only after a miss, so walks from live ids cost nothing more.
func (g *Graph) followMerged(ctx context.Context, err error, ids ...*string) bool {
	if !errors.Is(err, ErrNotFound) {
		return false
	}
	moved, rerr := g.survivors(ctx, ids...)
	return rerr == nil && moved
}

// survivors replaces each id merged into another actor by that actor and
// reports whether any was.
func (g *Graph) survivors(ctx context.Context, ids ...*string) (bool, error) {
	var look []string
	for _, id := range ids {
		if *id != "" {
			look = append(look, *id)
		}
	}
	if len(look) == 0 {
		return false, nil
	}
	red, err := g.d.Redirects(ctx, look)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		if s, ok := red[*id]; ok {
			*id = s
		}
	}
	return len(red) > 0, nil
}

// CreateActor stores a new actor. ErrInvalid for bad fields, ErrConflict
// when the id is taken, by an actor or by one merged into another (its id
// answers as the survivor).
func (g *Graph) CreateActor(ctx context.Context, a Actor) (_ Actor, err error) {
	defer g.report("CreateActor", time.Now(), &err)
	a = a.Clone()
	if err = check(ctx, a.Validate()); err != nil {
		return Actor{}, err
	}
	c := newChange(ctx, OpCreateActor)
	c.Created(a.ID, a)
	if err = g.d.CreateActor(ctx, c, a); err != nil {
		return Actor{}, err
	}
	return a.Clone(), nil
}

// UpdateActor applies a patch to an actor and returns the result.
// ErrNotFound, or ErrInvalid when the result would be invalid.
func (g *Graph) UpdateActor(ctx context.Context, id string, patch ActorPatch) (a Actor, err error) {
	defer g.report("UpdateActor", time.Now(), &err)
	if err = check(ctx); err != nil {
		return a, err
	}
	return g.d.UpdateActor(ctx, newChange(ctx, OpUpdateActor), id, func(old Actor) (Actor, error) {
		updated := patch.Apply(old)
		return updated, updated.Validate()
	})
}

// DeleteActor removes an actor, and the ids merged into it. If it still
// has relationships it fails with ErrConflict, unless cascade is set, in
// which case those relationships are deleted in the same transaction;
// their ids are returned. ErrNotFound for an unknown id.
func (g *Graph) DeleteActor(ctx context.Context, id string, cascade bool) (deleted []string, err error) {
	defer g.report("DeleteActor", time.Now(), &err)
	if err = check(ctx); err != nil {
		return nil, err
	}
	if cascade {
		if err = g.checkWrite(ctx, "deleting actor "+strconv.Quote(id), id); err != nil {
			return nil, err
		}
	}
	return g.d.DeleteActor(ctx, newChange(ctx, OpDeleteActor), id, cascade)
}

// CreateRelationship stores a new relationship; an endpoint merged into
// another actor is stored as that actor. ErrInvalid for bad fields or an
// endpoint that does not exist, ErrConflict when the id is taken.
func (g *Graph) CreateRelationship(ctx context.Context, r Relationship) (_ Relationship, err error) {
	defer g.report("CreateRelationship", time.Now(), &err)
	r = r.Clone()
	if err = check(ctx, r.Validate()); err != nil {
		return Relationship{}, err
	}
	if _, err = g.survivors(ctx, &r.From, &r.To); err != nil {
		return Relationship{}, err
	}
	c := newChange(ctx, OpCreateRelationship)
	c.Created(r.ID, r)
	if err = g.d.CreateRelationship(ctx, c, r); err != nil {
		return Relationship{}, err
	}
	return r.Clone(), nil
}

// DeleteRelationship removes a relationship and returns it. ErrNotFound
// for an unknown id.
func (g *Graph) DeleteRelationship(ctx context.Context, id string) (r Relationship, err error) {
	defer g.report("DeleteRelationship", time.Now(), &err)
	if err = check(ctx); err != nil {
		return r, err
	}
	return g.d.DeleteRelationship(ctx, newChange(ctx, OpDeleteRelationship), id)
}

// Upsert writes many actors and relationships in one transaction: all or
// nothing. A record whose id exists replaces the stored one, so running
// the same Upsert twice leaves the same data (seeding and imports rely on
// it); of two records with one id in the batch, the last wins. ErrInvalid
// names the first bad record, including a relationship whose endpoint is
// neither stored nor in the batch.
func (g *Graph) Upsert(ctx context.Context, actors []Actor, relationships []Relationship) (err error) {
	defer g.report("Upsert", time.Now(), &err)
	if err = check(ctx); err != nil {
		return err
	}
	for i := range actors {
		if err = actors[i].Validate(); err != nil {
			return fmt.Errorf("actor %d (%q): %w", i, actors[i].ID, err)
		}
	}
	for i := range relationships {
		if err = relationships[i].Validate(); err != nil {
			return fmt.Errorf("relationship %d (%q): %w", i, relationships[i].ID, err)
		}
	}
	c := newChange(ctx, OpUpsert)
	c.Upserted(actors, relationships)
	return g.d.Upsert(ctx, c, actors, relationships)
}

// MergeActors folds the actors in from into the actor into, in one
// transaction: every relationship of theirs moves onto into (one that
// would link into to itself becomes a one-actor event, see RewriteEnds),
// into's record becomes MergeRecords(into, from), they are deleted, and
// each merged id (and every id that redirected to one of them) is recorded
// as a redirect to into, which Actor and Redirects follow. An id in from
// that already redirects to into is skipped, so a repeated merge changes
// nothing. ErrInvalid for bad arguments (ValidateMerge); ErrNotFound when
// into is not an actor or an id in from is neither an actor nor merged
// into into; ErrConflict when an id in from was merged into another actor.
func (g *Graph) MergeActors(ctx context.Context, into string, from []string) (res MergeResult, err error) {
	defer g.report("MergeActors", time.Now(), &err)
	if err = check(ctx, ValidateMerge(into, from)); err != nil {
		return res, err
	}
	if err = g.checkWrite(ctx, "merging into "+strconv.Quote(into), from...); err != nil {
		return res, err
	}
	return g.d.MergeActors(ctx, newChange(ctx, OpMergeActors), into, from)
}

// checkWrite refuses a cascade or merge that would change more
// relationships than the write limit: those of the actors ids (an unknown
// id has none; the driver reports it). The count is read just before the
// write, so a write racing with it may exceed the limit by what was added
// in between.
func (g *Graph) checkWrite(ctx context.Context, what string, ids ...string) error {
	if g.maxWrite <= 0 {
		return nil
	}
	total := 0
	for _, id := range ids {
		page, err := g.d.Relationships(ctx, RelationshipFilter{ActorID: id}, PageRequest{First: 0})
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		total += page.TotalCount
		if total > g.maxWrite {
			return fmt.Errorf("%w: %s would change %d or more relationships, more than the write limit of %d (-max-write-relationships); nothing was changed",
				ErrWriteTooLarge, what, total, g.maxWrite)
		}
	}
	return nil
}

// Changes returns one page of the recorded changes (the audit trail) that
// match q, ordered by id, which is time order: every accepted write
// records one Change (see Change for what each records) in the same
// transaction as the write. ErrInvalid for a bad query (paging backwards
// is refused).
func (g *Graph) Changes(ctx context.Context, q ChangeQuery) (p Page[Change], err error) {
	defer g.report("Changes", time.Now(), &err)
	if err = check(ctx, q.Validate()); err != nil {
		return p, err
	}
	return g.d.Changes(ctx, q)
}

// Redirects returns, for each of ids that was merged into another actor,
// the id of the actor it now belongs to. Other ids are absent.
func (g *Graph) Redirects(ctx context.Context, ids []string) (red map[string]string, err error) {
	defer g.report("Redirects", time.Now(), &err)
	if err = check(ctx); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return map[string]string{}, nil
	}
	return g.d.Redirects(ctx, ids)
}

// Stats counts what the store holds.
func (g *Graph) Stats(ctx context.Context) (st Stats, err error) {
	defer g.report("Stats", time.Now(), &err)
	if err = check(ctx); err != nil {
		return st, err
	}
	return g.d.Stats(ctx)
}

// Ready returns nil when the store can serve requests, or an error saying
// why not.
func (g *Graph) Ready(ctx context.Context) (err error) {
	defer g.report("Ready", time.Now(), &err)
	if err = check(ctx); err != nil {
		return err
	}
	return g.d.Ready(ctx)
}

// Close releases the driver's resources.
func (g *Graph) Close() error { return g.d.Close() }
