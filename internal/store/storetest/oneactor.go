package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// OneActorFixture is TownFixture plus imported-event records: a one-actor
// event whose target is unknown (s1, from a), one whose source is unknown
// (s2, to b), and a two-actor event carrying GDELT's counts and tone with
// coded-event evidence (g1, a to g). So that every evidence kind is stored
// and read back, the structural r08 (e LEADS h) also carries background
// evidence.
func OneActorFixture() Fixture {
	fx := TownFixture()
	r08 := &fx.Relationships[7]
	r08.Evidence = append(r08.Evidence, actorgraph.Evidence{
		Quote: "Eero Eskola chairs the Helpers.", Source: "https://example.org/town-register", Kind: actorgraph.Background})
	coded := func(r *actorgraph.Relationship) {
		r.Evidence = []actorgraph.Evidence{{Quote: "GDELT event " + r.ID, Source: "https://example.org/" + r.ID, Kind: actorgraph.CodedEvent}}
	}
	counts := func(r *actorgraph.Relationship) {
		tone := -2.5
		g := 1.0
		r.NumMentions, r.NumSources, r.NumArticles, r.AvgTone = 10, 2, 9, &tone
		r.CAMEOCode, r.Goldstein, r.QuadClass = "040", &g, 1
	}
	fx.Relationships = append(fx.Relationships,
		rel("s1", "a", actorgraph.Demanded, "", on("2025-05-02"), coded, counts),
		rel("s2", "", actorgraph.Attacked, "b", on("2025-05-03"), coded),
		rel("g1", "a", actorgraph.SpokeWith, "g", on("2025-05-04"), coded, counts),
	)
	return fx
}

func testOneActorEvents(t *testing.T, newStore NewStore) {
	fx := OneActorFixture()
	relByID := func(id string) actorgraph.Relationship {
		i := slices.IndexFunc(fx.Relationships, func(r actorgraph.Relationship) bool { return r.ID == id })
		return fx.Relationships[i]
	}

	t.Run("RoundTripWithEveryField", func(t *testing.T) {
		s := MustOpen(t, newStore, fx)
		AssertSnapshot(t, s, SortedByID(fx))
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 8, Relationships: 11}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})

	t.Run("ListedOnTheirActorsSideOnly", func(t *testing.T) {
		s := MustOpen(t, newStore, fx)
		tests := []struct {
			actor string
			dir   actorgraph.Direction
			want  []string
		}{
			{"a", actorgraph.Outgoing, []string{"g1", "r01", "r02", "s1"}},
			{"a", actorgraph.Incoming, []string{"r06"}},
			{"a", actorgraph.Both, []string{"g1", "r01", "r02", "r06", "s1"}},
			{"b", actorgraph.Incoming, []string{"r01", "r07", "s2"}},
			{"b", actorgraph.Outgoing, []string{"r03"}},
		}
		for _, tt := range tests {
			queries := []actorgraph.RelationshipsQuery{{ActorID: tt.actor, Direction: tt.dir, Page: actorgraph.PageRequest{First: 100}}}
			pages, err := s.RelationshipsOf(t.Context(), queries)
			if err != nil {
				t.Fatalf("RelationshipsOf(%s, %s): %v", tt.actor, tt.dir, err)
			}
			if diff := cmp.Diff(tt.want, idPage(pages[0], relationshipID).Items); diff != "" {
				t.Errorf("RelationshipsOf(%s, %s) (-want +got):\n%s", tt.actor, tt.dir, diff)
			}
			got := MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: tt.actor, Direction: tt.dir})
			if diff := cmp.Diff(tt.want, ids(got, relationshipID)); diff != "" {
				t.Errorf("Relationships(actor %s, %s) (-want +got):\n%s", tt.actor, tt.dir, diff)
			}
		}
	})

	t.Run("NeverWalked", func(t *testing.T) {
		s := MustOpen(t, newStore, fx)
		sub, err := s.Neighborhood(t.Context(), "a", actorgraph.NeighborhoodOptions{Depth: 1})
		if err != nil {
			t.Fatalf("Neighborhood(a): %v", err)
		}
		for _, r := range sub.Edges {
			if r.OneActor() {
				t.Errorf("Neighborhood(a) has the one-actor event %s", r.ID)
			}
		}
		if got, want := ids(sub.Nodes, actorID), []string{"a", "b", "c", "f", "g"}; !cmp.Equal(sortedCopy(got), want) {
			t.Errorf("Neighborhood(a) nodes = %v, want %v", got, want)
		}
		paths, err := s.KShortestPaths(t.Context(), "a", "b", actorgraph.PathOptions{MaxHops: 4, First: 10})
		if err != nil {
			t.Fatalf("KShortestPaths(a, b): %v", err)
		}
		for _, p := range paths {
			for _, r := range p.Relationships {
				if r.OneActor() {
					t.Errorf("a path from a to b uses the one-actor event %s", r.ID)
				}
			}
		}
	})

	t.Run("CreateAndDelete", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		r := relByID("s2")
		if _, err := s.CreateRelationship(t.Context(), r); err != nil {
			t.Fatalf("CreateRelationship(one-actor event): %v", err)
		}
		got, err := s.DeleteRelationship(t.Context(), "s2")
		if err != nil {
			t.Fatalf("DeleteRelationship(s2): %v", err)
		}
		if diff := cmp.Diff(r, got, equateEmpty); diff != "" {
			t.Errorf("DeleteRelationship(s2) returned (-want +got):\n%s", diff)
		}
		neither := rel("s3", "", actorgraph.Demanded, "")
		if _, err := s.CreateRelationship(t.Context(), neither); !errors.Is(err, actorgraph.ErrInvalid) {
			t.Errorf("CreateRelationship(no actor at all) = %v, want ErrInvalid", err)
		}
		dangling := rel("s4", "", actorgraph.Demanded, "nobody")
		if _, err := s.CreateRelationship(t.Context(), dangling); !errors.Is(err, actorgraph.ErrInvalid) {
			t.Errorf("CreateRelationship(unknown actor) = %v, want ErrInvalid", err)
		}
	})

	t.Run("KeepTheirActorUnlessCascaded", func(t *testing.T) {
		s := MustOpen(t, newStore, fx)
		if _, err := s.DeleteActor(t.Context(), "g", false); !errors.Is(err, actorgraph.ErrConflict) {
			t.Errorf("DeleteActor(g) with an event = %v, want ErrConflict", err)
		}
		fixture := Fixture{Actors: fx.Actors, Relationships: []actorgraph.Relationship{relByID("s1")}}
		s = MustOpen(t, newStore, fixture)
		deleted, err := s.DeleteActor(t.Context(), "a", true)
		if err != nil {
			t.Fatalf("DeleteActor(a, cascade): %v", err)
		}
		if !cmp.Equal(deleted, []string{"s1"}) {
			t.Errorf("DeleteActor(a, cascade) deleted %v, want [s1]", deleted)
		}
		if got := MustStats(t, s).Relationships; got != 0 {
			t.Errorf("relationships left = %d, want 0", got)
		}
	})

	t.Run("UpsertMovesAnEventToTwoActors", func(t *testing.T) {
		s := MustOpen(t, newStore, fx)
		moved := relByID("s1")
		moved.To = "b"
		MustUpsert(t, s, nil, []actorgraph.Relationship{moved})
		got := MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: "b", Direction: actorgraph.Incoming})
		if want := []string{"r01", "r07", "s1", "s2"}; !cmp.Equal(ids(got, relationshipID), want) {
			t.Errorf("b's incoming after the move = %v, want %v", ids(got, relationshipID), want)
		}
		path, err := s.ShortestPath(t.Context(), "a", "b", actorgraph.PathOptions{MaxHops: 1, Walk: actorgraph.Walk{Types: []actorgraph.RelationshipType{actorgraph.Demanded}}})
		if err != nil || path == nil || path.Relationships[0].ID != "s1" {
			t.Errorf("ShortestPath(a, b, DEMANDED) = %v, %v; want the moved event s1", path, err)
		}
	})
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = id(item)
	}
	return out
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
