package storetest

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// oneAtATime makes the suite keep its own rule on every engine: newStore
// may invalidate the stores it returned before, so a test must not use a
// store once it has asked for another. An engine whose stores are
// independent would let such a test pass and leave it to fail, for no
// fault of the store, on one whose newStore empties a shared database.
// The stores oneAtATime returns panic when used after a later call to
// newStore, pointing at the test that broke the rule.
func oneAtATime(newStore NewStore) NewStore {
	var latest atomic.Int64
	return func(t *testing.T) actorgraph.Store {
		t.Helper()
		s := newStore(t)
		return &currentStore{store: s, generation: latest.Add(1), latest: &latest}
	}
}

// currentStore is a store that may be used only while no later store has
// been asked for. It spells out every method, so that a method added to
// actorgraph.Store cannot slip past the check.
type currentStore struct {
	store      actorgraph.Store
	generation int64
	latest     *atomic.Int64
}

func (s *currentStore) current() actorgraph.Store {
	if s.latest.Load() != s.generation {
		panic("storetest: a store was used after a later call to newStore; " +
			"newStore may invalidate the stores it returned before, so the suite must use one store at a time")
	}
	return s.store
}

func (s *currentStore) Actor(ctx context.Context, id string) (actorgraph.Actor, error) {
	return s.current().Actor(ctx, id)
}

func (s *currentStore) ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error) {
	return s.current().ActorsByID(ctx, ids)
}

func (s *currentStore) Actors(ctx context.Context, filter actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
	return s.current().Actors(ctx, filter, page)
}

func (s *currentStore) Search(ctx context.Context, text string, limit int) ([]actorgraph.Actor, error) {
	return s.current().Search(ctx, text, limit)
}

func (s *currentStore) Relationships(ctx context.Context, filter actorgraph.RelationshipFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error) {
	return s.current().Relationships(ctx, filter, page)
}

func (s *currentStore) RelationshipsOf(ctx context.Context, queries []actorgraph.RelationshipsQuery) ([]actorgraph.Page[actorgraph.Relationship], error) {
	return s.current().RelationshipsOf(ctx, queries)
}

func (s *currentStore) Neighborhood(ctx context.Context, id string, opts actorgraph.NeighborhoodOptions) (actorgraph.Subgraph, error) {
	return s.current().Neighborhood(ctx, id, opts)
}

func (s *currentStore) AllShortestPaths(ctx context.Context, from, to string, opts actorgraph.PathOptions, limit int) ([]actorgraph.Path, bool, error) {
	return s.current().AllShortestPaths(ctx, from, to, opts, limit)
}

func (s *currentStore) KShortestPaths(ctx context.Context, from, to string, k int, opts actorgraph.PathOptions) ([]actorgraph.Path, error) {
	return s.current().KShortestPaths(ctx, from, to, k, opts)
}

func (s *currentStore) Paths(ctx context.Context, from, to string, opts actorgraph.PathOptions, offset, first int) ([]actorgraph.Path, bool, error) {
	return s.current().Paths(ctx, from, to, opts, offset, first)
}

func (s *currentStore) CheapestPath(ctx context.Context, from, to string, weight actorgraph.Weight, opts actorgraph.PathOptions) (*actorgraph.Path, error) {
	return s.current().CheapestPath(ctx, from, to, weight, opts)
}

func (s *currentStore) ShortestPath(ctx context.Context, from, to string, opts actorgraph.PathOptions) (*actorgraph.Path, error) {
	return s.current().ShortestPath(ctx, from, to, opts)
}

func (s *currentStore) CreateActor(ctx context.Context, a actorgraph.Actor) (actorgraph.Actor, error) {
	return s.current().CreateActor(ctx, a)
}

func (s *currentStore) UpdateActor(ctx context.Context, id string, patch actorgraph.ActorPatch) (actorgraph.Actor, error) {
	return s.current().UpdateActor(ctx, id, patch)
}

func (s *currentStore) DeleteActor(ctx context.Context, id string, cascade bool) ([]string, error) {
	return s.current().DeleteActor(ctx, id, cascade)
}

func (s *currentStore) CreateRelationship(ctx context.Context, r actorgraph.Relationship) (actorgraph.Relationship, error) {
	return s.current().CreateRelationship(ctx, r)
}

func (s *currentStore) DeleteRelationship(ctx context.Context, id string) (actorgraph.Relationship, error) {
	return s.current().DeleteRelationship(ctx, id)
}

func (s *currentStore) Upsert(ctx context.Context, actors []actorgraph.Actor, relationships []actorgraph.Relationship) error {
	return s.current().Upsert(ctx, actors, relationships)
}

func (s *currentStore) MergeActors(ctx context.Context, into string, from []string) (actorgraph.MergeResult, error) {
	return s.current().MergeActors(ctx, into, from)
}

func (s *currentStore) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	return s.current().Redirects(ctx, ids)
}

func (s *currentStore) Stats(ctx context.Context) (actorgraph.Stats, error) {
	return s.current().Stats(ctx)
}

func (s *currentStore) Ready(ctx context.Context) error {
	return s.current().Ready(ctx)
}

// Close is always allowed: closing a store that a later one replaced is
// how cleanups end.
func (s *currentStore) Close() error {
	return s.store.Close()
}
