// Package storetest is the conformance suite every actorgraph.Driver runs,
// through an actorgraph.Graph: the executable form of the contracts
// written on Graph. A store package calls Run from one test:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) actorgraph.Driver { … a fresh, empty store … })
//	}
//
// The suite loads its own fixtures through Upsert and uses nothing but
// Graph's methods, so every engine answers the same questions. The Must
// helpers and fixtures are exported for a store's own tests.
package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// NewDriver returns a fresh, empty driver for one test and arranges (with
// t.Cleanup) for it to be closed. It may invalidate the drivers it returned
// before.
type NewDriver func(t *testing.T) actorgraph.Driver

// NewStore returns a fresh, empty Graph for one test: what the suite's
// tests call, made from a NewDriver by Run.
type NewStore func(t *testing.T) *actorgraph.Graph

// Run runs the conformance suite against the drivers newDriver makes, each
// behind a Graph.
//
// newDriver may invalidate the drivers it returned before; the suite uses
// one store at a time, and its subtests do not run in parallel. So
// newDriver may hand out drivers on one shared database, emptying it on
// every call. Run holds the suite to that rule on every engine: a store
// used after a later call to newDriver panics. (Tests open their store in the subtest that uses
// it; table rows on several fixtures are grouped, one store per group.)
func Run(t *testing.T, newDriver NewDriver) {
	ns := oneAtATime(newDriver)
	t.Run("NewStoreIsEmptyAndReady", func(t *testing.T) { testEmpty(t, ns) })
	t.Run("Actor", func(t *testing.T) { testActor(t, ns) })
	t.Run("Actors", func(t *testing.T) { testActors(t, ns) })
	t.Run("Search", func(t *testing.T) { testSearch(t, ns) })
	t.Run("Relationships", func(t *testing.T) { testRelationships(t, ns) })
	t.Run("RelationshipsOf", func(t *testing.T) { testRelationshipsOf(t, ns) })
	t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, ns) })
	t.Run("ShortestPath", func(t *testing.T) { testShortestPath(t, ns) })
	t.Run("PathSearches", func(t *testing.T) { testPathSearches(t, ns) })
	t.Run("Time", func(t *testing.T) { testTime(t, ns) })
	t.Run("Mutations", func(t *testing.T) { testMutations(t, ns) })
	t.Run("Upsert", func(t *testing.T) { testUpsert(t, ns) })
	t.Run("MergeActors", func(t *testing.T) { testMergeActors(t, ns) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, ns) })
	t.Run("OneActorEvents", func(t *testing.T) { testOneActorEvents(t, ns) })
	t.Run("PagesWithoutTotal", func(t *testing.T) { testNoTotal(t, ns) })
	t.Run("PagesBackward", func(t *testing.T) { testBackward(t, ns) })
	t.Run("PagingUnderInserts", func(t *testing.T) { testPagingUnderInserts(t, ns) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, ns) })
	t.Run("ReturnedValuesAreCopies", func(t *testing.T) { testCopies(t, ns) })
	t.Run("CanceledContext", func(t *testing.T) { testCanceled(t, ns) })
}

// equateEmpty treats nil and empty slices alike: whether an engine returns
// a nil or an empty alias list is not part of the contract.
var equateEmpty = cmpopts.EquateEmpty()

// MustOpen returns a fresh store from newStore holding the fixture.
func MustOpen(t *testing.T, newStore NewStore, fx Fixture) *actorgraph.Graph {
	t.Helper()
	s := newStore(t)
	MustLoad(t, s, fx)
	return s
}

// MustLoad upserts a fixture.
func MustLoad(tb testing.TB, s *actorgraph.Graph, fx Fixture) {
	tb.Helper()
	MustUpsert(tb, s, fx.Actors, fx.Relationships)
}

// MustUpsert upserts actors and relationships or stops the test.
func MustUpsert(tb testing.TB, s *actorgraph.Graph, actors []actorgraph.Actor, rels []actorgraph.Relationship) {
	tb.Helper()
	if err := s.Upsert(tb.Context(), actors, rels); err != nil {
		tb.Fatalf("Upsert(%d actors, %d relationships): %v", len(actors), len(rels), err)
	}
}

// MustActor returns the stored actor with id or stops the test.
func MustActor(tb testing.TB, s *actorgraph.Graph, id string) actorgraph.Actor {
	tb.Helper()
	a, err := s.Actor(tb.Context(), id)
	if err != nil {
		tb.Fatalf("Actor(%q): %v", id, err)
	}
	return a
}

// MustRelationship returns the stored relationship with id (read through
// the list, for small fixtures) or stops the test.
func MustRelationship(tb testing.TB, s *actorgraph.Graph, id string) actorgraph.Relationship {
	tb.Helper()
	for _, r := range MustAllRelationships(tb, s, actorgraph.RelationshipFilter{}) {
		if r.ID == id {
			return r
		}
	}
	tb.Fatalf("relationship %q is not stored", id)
	return actorgraph.Relationship{}
}

// MustEmpty deletes every actor, and with them every relationship (a
// one-actor event belongs to its actor), through the Store interface: for
// tests that share a database another test filled.
func MustEmpty(tb testing.TB, s *actorgraph.Graph) {
	tb.Helper()
	for {
		page, err := s.Actors(tb.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 500, NoTotal: true})
		if err != nil {
			tb.Fatal(err)
		}
		if len(page.Items) == 0 {
			return
		}
		for _, a := range page.Items {
			if _, err := s.DeleteActor(tb.Context(), a.ID, true); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// MustStats returns the store's counts or stops the test.
func MustStats(tb testing.TB, s *actorgraph.Graph) actorgraph.Stats {
	tb.Helper()
	st, err := s.Stats(tb.Context())
	if err != nil {
		tb.Fatalf("Stats(): %v", err)
	}
	return st
}

// MustAllActors pages through every actor that matches filter.
func MustAllActors(tb testing.TB, s *actorgraph.Graph, filter actorgraph.ActorFilter) []actorgraph.Actor {
	tb.Helper()
	var all []actorgraph.Actor
	page := actorgraph.PageRequest{First: 50}
	for {
		p, err := s.Actors(tb.Context(), filter, page)
		if err != nil {
			tb.Fatalf("Actors(%+v, %+v): %v", filter, page, err)
		}
		all = append(all, p.Items...)
		if !p.HasNextPage || len(p.Items) == 0 {
			return all
		}
		page.After = p.Items[len(p.Items)-1].ID
	}
}

// MustAllRelationships pages through every relationship that matches filter.
func MustAllRelationships(tb testing.TB, s *actorgraph.Graph, filter actorgraph.RelationshipFilter) []actorgraph.Relationship {
	tb.Helper()
	var all []actorgraph.Relationship
	page := actorgraph.PageRequest{First: 50}
	for {
		p, err := s.Relationships(tb.Context(), filter, page)
		if err != nil {
			tb.Fatalf("Relationships(%+v, %+v): %v", filter, page, err)
		}
		all = append(all, p.Items...)
		if !p.HasNextPage || len(p.Items) == 0 {
			return all
		}
		page.After = p.Items[len(p.Items)-1].ID
	}
}

// MustSnapshot returns everything the store holds, in id order.
func MustSnapshot(tb testing.TB, s *actorgraph.Graph) Fixture {
	tb.Helper()
	return Fixture{
		Actors:        MustAllActors(tb, s, actorgraph.ActorFilter{}),
		Relationships: MustAllRelationships(tb, s, actorgraph.RelationshipFilter{}),
	}
}

// AssertSnapshot fails the test when the store's contents differ from want.
func AssertSnapshot(tb testing.TB, s *actorgraph.Graph, want Fixture) {
	tb.Helper()
	if diff := cmp.Diff(want, MustSnapshot(tb, s), equateEmpty); diff != "" {
		tb.Errorf("store contents (-want +got):\n%s", diff)
	}
}

// SortedByID returns a copy of fx with actors and relationships in id
// order, as the store lists them.
func SortedByID(fx Fixture) Fixture {
	actors := append([]actorgraph.Actor(nil), fx.Actors...)
	rels := append([]actorgraph.Relationship(nil), fx.Relationships...)
	slices.SortFunc(actors, func(x, y actorgraph.Actor) int { return strings.Compare(x.ID, y.ID) })
	slices.SortFunc(rels, func(x, y actorgraph.Relationship) int { return strings.Compare(x.ID, y.ID) })
	return Fixture{Actors: actors, Relationships: rels}
}

// assertErrorIs fails the test unless err wraps want.
func assertErrorIs(tb testing.TB, call string, err, want error) {
	tb.Helper()
	if !errors.Is(err, want) {
		tb.Errorf("%s: error = %v, want one wrapping %q", call, err, want)
	}
}

// mustNoError stops the test when err is not nil.
func mustNoError(tb testing.TB, call string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%s: %v", call, err)
	}
}

func actorIDs(actors []actorgraph.Actor) []string {
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = a.ID
	}
	return ids
}

func relIDs(rels []actorgraph.Relationship) []string {
	ids := make([]string, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
	}
	return ids
}

func testEmpty(t *testing.T, newStore NewStore) {
	s := newStore(t)
	if err := s.Ready(t.Context()); err != nil {
		t.Errorf("Ready() = %v, want nil", err)
	}
	if got := MustStats(t, s); got != (actorgraph.Stats{}) {
		t.Errorf("Stats() = %+v, want zero: newStore must return an empty store", got)
	}
}
