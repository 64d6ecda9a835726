// Package instrument wraps a Store so every call is reported to an
// observer: the server counts them for /metrics, and tests count them to
// prove a nested query costs a bounded number of store calls.
package instrument

import (
	"context"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Observer receives one report per store call.
type Observer func(method string, took time.Duration, err error)

// Store forwards to the wrapped store and reports each call.
type Store struct {
	next    actorgraph.Store
	observe Observer
}

var _ actorgraph.Store = (*Store)(nil)

// New wraps next.
func New(next actorgraph.Store, observe Observer) *Store {
	return &Store{next: next, observe: observe}
}

func (s *Store) report(method string, start time.Time, err error) {
	s.observe(method, time.Since(start), err)
}

func (s *Store) Actor(ctx context.Context, id string) (a actorgraph.Actor, err error) {
	defer func(t time.Time) { s.report("Actor", t, err) }(time.Now())
	return s.next.Actor(ctx, id)
}

func (s *Store) ActorsByID(ctx context.Context, ids []string) (as []*actorgraph.Actor, err error) {
	defer func(t time.Time) { s.report("ActorsByID", t, err) }(time.Now())
	return s.next.ActorsByID(ctx, ids)
}

func (s *Store) Actors(ctx context.Context, f actorgraph.ActorFilter, p actorgraph.PageRequest) (page actorgraph.Page[actorgraph.Actor], err error) {
	defer func(t time.Time) { s.report("Actors", t, err) }(time.Now())
	return s.next.Actors(ctx, f, p)
}

func (s *Store) Search(ctx context.Context, text string, limit int) (as []actorgraph.Actor, err error) {
	defer func(t time.Time) { s.report("Search", t, err) }(time.Now())
	return s.next.Search(ctx, text, limit)
}

func (s *Store) Relationships(ctx context.Context, f actorgraph.RelationshipFilter, p actorgraph.PageRequest) (page actorgraph.Page[actorgraph.Relationship], err error) {
	defer func(t time.Time) { s.report("Relationships", t, err) }(time.Now())
	return s.next.Relationships(ctx, f, p)
}

func (s *Store) RelationshipsOf(ctx context.Context, qs []actorgraph.RelationshipsQuery) (pages []actorgraph.Page[actorgraph.Relationship], err error) {
	defer func(t time.Time) { s.report("RelationshipsOf", t, err) }(time.Now())
	return s.next.RelationshipsOf(ctx, qs)
}

func (s *Store) Neighborhood(ctx context.Context, id string, opts actorgraph.NeighborhoodOptions) (sub actorgraph.Subgraph, err error) {
	defer func(t time.Time) { s.report("Neighborhood", t, err) }(time.Now())
	return s.next.Neighborhood(ctx, id, opts)
}

func (s *Store) AllShortestPaths(ctx context.Context, from, to string, o actorgraph.PathOptions, limit int) (ps []actorgraph.Path, more bool, err error) {
	defer func(t time.Time) { s.report("AllShortestPaths", t, err) }(time.Now())
	return s.next.AllShortestPaths(ctx, from, to, o, limit)
}

func (s *Store) KShortestPaths(ctx context.Context, from, to string, k int, o actorgraph.PathOptions) (ps []actorgraph.Path, err error) {
	defer func(t time.Time) { s.report("KShortestPaths", t, err) }(time.Now())
	return s.next.KShortestPaths(ctx, from, to, k, o)
}

func (s *Store) Paths(ctx context.Context, from, to string, o actorgraph.PathOptions, offset, first int) (ps []actorgraph.Path, more bool, err error) {
	defer func(t time.Time) { s.report("Paths", t, err) }(time.Now())
	return s.next.Paths(ctx, from, to, o, offset, first)
}

func (s *Store) CheapestPath(ctx context.Context, from, to string, w actorgraph.Weight, o actorgraph.PathOptions) (p *actorgraph.Path, err error) {
	defer func(t time.Time) { s.report("CheapestPath", t, err) }(time.Now())
	return s.next.CheapestPath(ctx, from, to, w, o)
}

func (s *Store) ShortestPath(ctx context.Context, from, to string, o actorgraph.PathOptions) (p *actorgraph.Path, err error) {
	defer func(t time.Time) { s.report("ShortestPath", t, err) }(time.Now())
	return s.next.ShortestPath(ctx, from, to, o)
}

func (s *Store) CreateActor(ctx context.Context, a actorgraph.Actor) (out actorgraph.Actor, err error) {
	defer func(t time.Time) { s.report("CreateActor", t, err) }(time.Now())
	return s.next.CreateActor(ctx, a)
}

func (s *Store) UpdateActor(ctx context.Context, id string, p actorgraph.ActorPatch) (out actorgraph.Actor, err error) {
	defer func(t time.Time) { s.report("UpdateActor", t, err) }(time.Now())
	return s.next.UpdateActor(ctx, id, p)
}

func (s *Store) DeleteActor(ctx context.Context, id string, cascade bool) (ids []string, err error) {
	defer func(t time.Time) { s.report("DeleteActor", t, err) }(time.Now())
	return s.next.DeleteActor(ctx, id, cascade)
}

func (s *Store) CreateRelationship(ctx context.Context, r actorgraph.Relationship) (out actorgraph.Relationship, err error) {
	defer func(t time.Time) { s.report("CreateRelationship", t, err) }(time.Now())
	return s.next.CreateRelationship(ctx, r)
}

func (s *Store) DeleteRelationship(ctx context.Context, id string) (out actorgraph.Relationship, err error) {
	defer func(t time.Time) { s.report("DeleteRelationship", t, err) }(time.Now())
	return s.next.DeleteRelationship(ctx, id)
}

func (s *Store) Upsert(ctx context.Context, as []actorgraph.Actor, rs []actorgraph.Relationship) (err error) {
	defer func(t time.Time) { s.report("Upsert", t, err) }(time.Now())
	return s.next.Upsert(ctx, as, rs)
}

func (s *Store) Stats(ctx context.Context) (st actorgraph.Stats, err error) {
	defer func(t time.Time) { s.report("Stats", t, err) }(time.Now())
	return s.next.Stats(ctx)
}

func (s *Store) Ready(ctx context.Context) error { return s.next.Ready(ctx) }
func (s *Store) Close() error                    { return s.next.Close() }

func (s *Store) MergeActors(ctx context.Context, into string, from []string) (res actorgraph.MergeResult, err error) {
	defer func(t time.Time) { s.report("MergeActors", t, err) }(time.Now())
	return s.next.MergeActors(ctx, into, from)
}

func (s *Store) Redirects(ctx context.Context, ids []string) (m map[string]string, err error) {
	defer func(t time.Time) { s.report("Redirects", t, err) }(time.Now())
	return s.next.Redirects(ctx, ids)
}
