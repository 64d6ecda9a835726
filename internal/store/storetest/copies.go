package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// testCopies checks that callers own what they get and what they give:
// changing a returned or passed-in value never changes the store.
func testCopies(t *testing.T, newStore NewStore) {
	first := func(t *testing.T, items int, err error) {
		t.Helper()
		mustNoError(t, "read", err)
		if items == 0 {
			t.Fatal("read returned nothing to mutate")
		}
	}

	actorReads := []struct {
		name string
		read func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor
	}{
		{"Actor", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			a := MustActor(t, s, "a")
			return &a
		}},
		{"ActorsByID", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.ActorsByID(t.Context(), []string{"a"})
			first(t, len(got), err)
			return got[0]
		}},
		{"Actors", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.Actors(t.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 1})
			first(t, len(got.Items), err)
			return &got.Items[0]
		}},
		{"Search", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.Search(t.Context(), "Aino Aalto", 1)
			first(t, len(got), err)
			return &got[0]
		}},
		{"Neighborhood", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.Neighborhood(t.Context(), "a", actorgraph.NeighborhoodOptions{Depth: 1})
			first(t, len(got.Nodes), err)
			return &got.Nodes[0]
		}},
		{"ShortestPath", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.ShortestPath(t.Context(), "a", "b", actorgraph.PathOptions{MaxHops: 1})
			if got == nil {
				t.Fatalf("ShortestPath(a, b) = nil, %v", err)
			}
			return &got.Nodes[0]
		}},
		{"UpdateActor", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Actor {
			got, err := s.UpdateActor(t.Context(), "a", actorgraph.ActorPatch{})
			mustNoError(t, "UpdateActor", err)
			return &got
		}},
	}
	for _, tc := range actorReads {
		t.Run("MutatingActorFrom"+tc.name+"LeavesStoreUnchanged", func(t *testing.T) {
			s := MustOpen(t, newStore, TownFixture())
			a := tc.read(t, s)
			a.Aliases[0] = "MUTATED"
			a.Name = "MUTATED"
			AssertSnapshot(t, s, SortedByID(TownFixture()))
		})
	}

	relReads := []struct {
		name string
		read func(t *testing.T, s *actorgraph.Graph) *actorgraph.Relationship
	}{
		{"Relationships", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Relationship {
			got, err := s.Relationships(t.Context(), actorgraph.RelationshipFilter{ActorID: "b"}, actorgraph.PageRequest{First: 1})
			first(t, len(got.Items), err)
			return &got.Items[0]
		}},
		{"RelationshipsOf", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Relationship {
			got, err := s.RelationshipsOf(t.Context(), []actorgraph.RelationshipsQuery{{ActorID: "a", Page: actorgraph.PageRequest{First: 1}}})
			mustNoError(t, "RelationshipsOf", err)
			first(t, len(got[0].Items), err)
			return &got[0].Items[0]
		}},
		{"Neighborhood", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Relationship {
			got, err := s.Neighborhood(t.Context(), "b", actorgraph.NeighborhoodOptions{Depth: 1})
			first(t, len(got.Edges), err)
			return &got.Edges[0]
		}},
		{"ShortestPath", func(t *testing.T, s *actorgraph.Graph) *actorgraph.Relationship {
			got, err := s.ShortestPath(t.Context(), "a", "b", actorgraph.PathOptions{MaxHops: 1})
			if got == nil {
				t.Fatalf("ShortestPath(a, b) = nil, %v", err)
			}
			return &got.Relationships[0]
		}},
	}
	for _, tc := range relReads {
		t.Run("MutatingRelationshipFrom"+tc.name+"LeavesStoreUnchanged", func(t *testing.T) {
			s := MustOpen(t, newStore, TownFixture())
			r := tc.read(t, s)
			if r.ID != "r01" {
				t.Fatalf("read returned %s, want r01 (dated, with evidence)", r.ID)
			}
			r.Evidence[0].Quote = "MUTATED"
			*r.Date = actorgraph.Date{Year: 1900, Month: 1, Day: 1}
			AssertSnapshot(t, s, SortedByID(TownFixture()))
		})
	}

	t.Run("MutatingWhatWasPassedOrReturnedByCreateLeavesStoreUnchanged", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		a := actorgraph.Actor{ID: "n", Kind: actorgraph.KindGroup, Name: "New", Aliases: []string{"Fresh"}}
		r := rel("r10", "n", actorgraph.MetWith, "a", on("2025-08-01"))
		want := SortedByID(Fixture{
			Actors:        append(TownFixture().Actors, a.Clone()),
			Relationships: append(TownFixture().Relationships, r.Clone()),
		})
		gotA, err := s.CreateActor(t.Context(), a)
		mustNoError(t, "CreateActor", err)
		gotR, err := s.CreateRelationship(t.Context(), r)
		mustNoError(t, "CreateRelationship", err)
		a.Aliases[0], gotA.Aliases[0] = "MUTATED", "MUTATED"
		r.Evidence[0].Quote, gotR.Evidence[0].Quote = "MUTATED", "MUTATED"
		*r.Date, *gotR.Date = actorgraph.Date{Year: 1900, Month: 1, Day: 1}, actorgraph.Date{Year: 1901, Month: 1, Day: 1}
		AssertSnapshot(t, s, want)
	})

	t.Run("MutatingWhatWasPassedToUpsertLeavesStoreUnchanged", func(t *testing.T) {
		s := newStore(t)
		fx := TownFixture()
		MustLoad(t, s, fx)
		fx.Actors[0].Aliases[0] = "MUTATED"
		fx.Relationships[0].Evidence[0].Quote = "MUTATED"
		*fx.Relationships[0].Date = actorgraph.Date{Year: 1900, Month: 1, Day: 1}
		AssertSnapshot(t, s, SortedByID(TownFixture()))
	})
}

// testCanceled checks that every method gives up with the context's error
// when the context has ended, and that a canceled write changes nothing.
func testCanceled(t *testing.T, newStore NewStore) {
	s := MustOpen(t, newStore, TownFixture())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	name := "Renamed"
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Actor", func(ctx context.Context) error { _, err := s.Actor(ctx, "a"); return err }},
		{"ActorsByID", func(ctx context.Context) error { _, err := s.ActorsByID(ctx, []string{"a"}); return err }},
		{"Actors", func(ctx context.Context) error {
			_, err := s.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 5})
			return err
		}},
		{"Search", func(ctx context.Context) error { _, err := s.Search(ctx, "Aino", 5); return err }},
		{"Relationships", func(ctx context.Context) error {
			_, err := s.Relationships(ctx, actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: 5})
			return err
		}},
		{"RelationshipsOf", func(ctx context.Context) error {
			_, err := s.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{{ActorID: "a", Page: actorgraph.PageRequest{First: 5}}})
			return err
		}},
		{"Neighborhood", func(ctx context.Context) error {
			_, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2})
			return err
		}},
		{"ShortestPath", func(ctx context.Context) error {
			_, err := s.ShortestPath(ctx, "a", "e", actorgraph.PathOptions{MaxHops: 5})
			return err
		}},
		{"CreateActor", func(ctx context.Context) error {
			_, err := s.CreateActor(ctx, actorgraph.Actor{ID: "n", Kind: actorgraph.KindGroup, Name: "New"})
			return err
		}},
		{"UpdateActor", func(ctx context.Context) error {
			_, err := s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Name: &name})
			return err
		}},
		{"DeleteActor", func(ctx context.Context) error { _, err := s.DeleteActor(ctx, "d", true); return err }},
		{"CreateRelationship", func(ctx context.Context) error {
			_, err := s.CreateRelationship(ctx, rel("r10", "g", actorgraph.MetWith, "h"))
			return err
		}},
		{"DeleteRelationship", func(ctx context.Context) error { _, err := s.DeleteRelationship(ctx, "r01"); return err }},
		{"Upsert", func(ctx context.Context) error {
			return s.Upsert(ctx, []actorgraph.Actor{{ID: "n", Kind: actorgraph.KindGroup, Name: "New"}}, nil)
		}},
		{"Stats", func(ctx context.Context) error { _, err := s.Stats(ctx); return err }},
		{"Ready", func(ctx context.Context) error { return s.Ready(ctx) }},
	}
	for _, tc := range calls {
		t.Run(tc.name+"ReturnsContextError", func(t *testing.T) {
			if err := tc.call(ctx); !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a canceled context: error = %v, want one wrapping context.Canceled", tc.name, err)
			}
		})
	}
	t.Run("CanceledWritesChangeNothing", func(t *testing.T) {
		AssertSnapshot(t, s, SortedByID(TownFixture()))
	})
}
