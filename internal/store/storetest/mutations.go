package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func testMutations(t *testing.T, newStore NewStore) {
	newcomer := actorgraph.Actor{
		ID: "nadia-novak", Kind: actorgraph.KindOfficial, Name: "Nadia Novák",
		Aliases: []string{"Novak"}, Title: "Envoy", Country: "CZE", CAMEOCode: "CZEGOV",
		WikidataID: "Q4242", Description: "A new envoy",
	}

	t.Run("CreateActorThenActorReturnsIt", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		created, err := s.CreateActor(t.Context(), newcomer)
		mustNoError(t, "CreateActor", err)
		if diff := cmp.Diff(newcomer, created, equateEmpty); diff != "" {
			t.Errorf("CreateActor returned (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(newcomer, MustActor(t, s, newcomer.ID), equateEmpty); diff != "" {
			t.Errorf("Actor after CreateActor (-want +got):\n%s", diff)
		}
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 9, Relationships: 8}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})

	t.Run("CreateActorWithTakenIDIsConflict", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		before := MustSnapshot(t, s)
		dup := newcomer
		dup.ID = "a"
		_, err := s.CreateActor(t.Context(), dup)
		assertErrorIs(t, `CreateActor("a")`, err, actorgraph.ErrConflict)
		AssertSnapshot(t, s, before)
	})

	t.Run("CreateActorWithBadFieldIsInvalidAndStoresNothing", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		before := MustSnapshot(t, s)
		tests := []struct {
			name   string
			change func(*actorgraph.Actor)
		}{
			{"BadSlug", func(a *actorgraph.Actor) { a.ID = "Not A Slug" }},
			{"EmptyID", func(a *actorgraph.Actor) { a.ID = "" }},
			{"EmptyName", func(a *actorgraph.Actor) { a.Name = "  " }},
			{"UnknownKind", func(a *actorgraph.Actor) { a.Kind = "KING" }},
			{"BadWikidataID", func(a *actorgraph.Actor) { a.WikidataID = "7747" }},
			{"BadCountry", func(a *actorgraph.Actor) { a.Country = "Czechia" }},
			{"BlankAlias", func(a *actorgraph.Actor) { a.Aliases = []string{""} }},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := newcomer.Clone()
				tc.change(&a)
				_, err := s.CreateActor(t.Context(), a)
				assertErrorIs(t, fmt.Sprintf("CreateActor(%+v)", a), err, actorgraph.ErrInvalid)
				AssertSnapshot(t, s, before)
			})
		}
	})

	t.Run("UpdateActorPatchesOnlyGivenFields", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		name, title := "Aino A. Aalto", ""
		aliases := []string{"The Chair", "Aalto"}
		got, err := s.UpdateActor(t.Context(), "a", actorgraph.ActorPatch{Name: &name, Title: &title, Aliases: &aliases})
		mustNoError(t, "UpdateActor", err)
		want := TownFixture().Actors[0]
		want.Name, want.Title, want.Aliases = name, title, aliases
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("UpdateActor returned (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, MustActor(t, s, "a"), equateEmpty); diff != "" {
			t.Errorf("Actor after UpdateActor (-want +got):\n%s", diff)
		}
	})

	t.Run("UpdateActorWithEmptyPatchChangesNothing", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		got, err := s.UpdateActor(t.Context(), "b", actorgraph.ActorPatch{})
		mustNoError(t, "UpdateActor", err)
		if diff := cmp.Diff(TownFixture().Actors[1], got, equateEmpty); diff != "" {
			t.Errorf("UpdateActor(empty patch) (-want +got):\n%s", diff)
		}
	})

	t.Run("UpdateUnknownActorIsNotFound", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		name := "Nobody"
		_, err := s.UpdateActor(t.Context(), "nobody", actorgraph.ActorPatch{Name: &name})
		assertErrorIs(t, `UpdateActor("nobody")`, err, actorgraph.ErrNotFound)
		if _, err := s.Actor(t.Context(), "nobody"); err == nil {
			t.Errorf("UpdateActor of an unknown id created it")
		}
	})

	t.Run("UpdateActorToInvalidIsInvalidAndLeavesItUnchanged", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		blank, badKind, badCountry, badWikidata := " ", actorgraph.ActorKind("KING"), "Finland", "Q0"
		okName := "Renamed"
		tests := []struct {
			name  string
			patch actorgraph.ActorPatch
		}{
			{"EmptyName", actorgraph.ActorPatch{Name: &blank}},
			{"UnknownKind", actorgraph.ActorPatch{Kind: &badKind}},
			{"BadCountry", actorgraph.ActorPatch{Name: &okName, Country: &badCountry}},
			{"BadWikidataID", actorgraph.ActorPatch{WikidataID: &badWikidata}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.UpdateActor(t.Context(), "a", tc.patch)
				assertErrorIs(t, "UpdateActor", err, actorgraph.ErrInvalid)
				if diff := cmp.Diff(TownFixture().Actors[0], MustActor(t, s, "a"), equateEmpty); diff != "" {
					t.Errorf("actor after a refused update (-want +got):\n%s", diff)
				}
			})
		}
	})

	t.Run("DeleteActorWithRelationshipsWithoutCascadeIsConflict", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		before := MustSnapshot(t, s)
		_, err := s.DeleteActor(t.Context(), "d", false)
		assertErrorIs(t, `DeleteActor("d", false)`, err, actorgraph.ErrConflict)
		AssertSnapshot(t, s, before)
	})

	t.Run("DeleteActorWithCascadeRemovesItsRelationships", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		deleted, err := s.DeleteActor(t.Context(), "d", true)
		mustNoError(t, `DeleteActor("d", true)`, err)
		if diff := cmp.Diff([]string{"r03", "r04", "r05"}, deleted, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("deleted relationship ids (-want +got):\n%s", diff)
		}
		_, err = s.Actor(t.Context(), "d")
		assertErrorIs(t, `Actor("d") after delete`, err, actorgraph.ErrNotFound)
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 7, Relationships: 5}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
		// The other ends forget the relationships too.
		for _, id := range []string{"b", "c", "e"} {
			for _, r := range MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: id}) {
				if r.From == "d" || r.To == "d" {
					t.Errorf("actor %s still lists relationship %s with the deleted actor", id, r.ID)
				}
			}
		}
		if diff := cmp.Diff([]string{"r01", "r02", "r06", "r07", "r08"}, relIDs(MustAllRelationships(t, s, actorgraph.RelationshipFilter{}))); diff != "" {
			t.Errorf("relationships left (-want +got):\n%s", diff)
		}
		if p, err := s.ShortestPath(t.Context(), "a", "e", actorgraph.PathOptions{MaxHops: 6}); err != nil || p != nil {
			t.Errorf("ShortestPath(a, e) through the deleted actor = %+v, %v; want nil, nil", idPath(p), err)
		}
	})

	t.Run("DeleteActorWithoutRelationshipsNeedsNoCascade", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		deleted, err := s.DeleteActor(t.Context(), "g", false)
		mustNoError(t, `DeleteActor("g", false)`, err)
		if len(deleted) != 0 {
			t.Errorf("DeleteActor(g) deleted relationships %v, want none", deleted)
		}
		_, err = s.Actor(t.Context(), "g")
		assertErrorIs(t, `Actor("g") after delete`, err, actorgraph.ErrNotFound)
	})

	t.Run("DeleteUnknownActorIsNotFound", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.DeleteActor(t.Context(), "nobody", true)
		assertErrorIs(t, `DeleteActor("nobody")`, err, actorgraph.ErrNotFound)
	})

	t.Run("CreateRelationshipIsListedAtBothEnds", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		r := rel("r10", "g", actorgraph.Supported, "h", on("2025-07-01"), event("aid-1"))
		g := 2.8
		r.Goldstein, r.CAMEOCode, r.QuadClass, r.Summary = &g, "070", 2, "sent aid"
		created, err := s.CreateRelationship(t.Context(), r)
		mustNoError(t, "CreateRelationship", err)
		if diff := cmp.Diff(r, created, equateEmpty); diff != "" {
			t.Errorf("CreateRelationship returned (-want +got):\n%s", diff)
		}
		r08 := TownFixture().Relationships[7]
		for _, tc := range []struct {
			filter actorgraph.RelationshipFilter
			want   []actorgraph.Relationship
		}{
			{actorgraph.RelationshipFilter{ActorID: "g", Direction: actorgraph.Outgoing}, []actorgraph.Relationship{r}},
			{actorgraph.RelationshipFilter{ActorID: "h", Direction: actorgraph.Incoming}, []actorgraph.Relationship{r08, r}},
			{actorgraph.RelationshipFilter{EventID: "aid-1"}, []actorgraph.Relationship{r}},
		} {
			got := MustAllRelationships(t, s, tc.filter)
			if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
				t.Errorf("Relationships(%+v) (-want +got):\n%s", tc.filter, diff)
			}
		}
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 8, Relationships: 9}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})

	t.Run("CreateRelationshipRefusals", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		before := MustSnapshot(t, s)
		tests := []struct {
			name string
			r    actorgraph.Relationship
			want error
		}{
			{"UnknownFromIsInvalid", rel("r10", "nobody", actorgraph.MetWith, "a"), actorgraph.ErrInvalid},
			{"UnknownToIsInvalid", rel("r10", "a", actorgraph.MetWith, "nobody"), actorgraph.ErrInvalid},
			{"SelfLoopIsInvalid", rel("r10", "a", actorgraph.MetWith, "a"), actorgraph.ErrInvalid},
			{"UnknownTypeIsInvalid", rel("r10", "a", "HUGGED", "b"), actorgraph.ErrInvalid},
			{"BadIDIsInvalid", rel("R 10", "a", actorgraph.MetWith, "b"), actorgraph.ErrInvalid},
			{"NoEvidenceIsInvalid", func() actorgraph.Relationship {
				r := rel("r10", "a", actorgraph.MetWith, "b")
				r.Evidence = nil
				return r
			}(), actorgraph.ErrInvalid},
			{"TakenIDIsConflict", rel("r01", "g", actorgraph.MetWith, "h"), actorgraph.ErrConflict},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.CreateRelationship(t.Context(), tc.r)
				assertErrorIs(t, fmt.Sprintf("CreateRelationship(%s %s→%s)", tc.r.ID, tc.r.From, tc.r.To), err, tc.want)
				AssertSnapshot(t, s, before)
			})
		}
	})

	t.Run("DeleteRelationshipReturnsItThenItIsGone", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		got, err := s.DeleteRelationship(t.Context(), "r03")
		mustNoError(t, `DeleteRelationship("r03")`, err)
		if diff := cmp.Diff(TownFixture().Relationships[2], got, equateEmpty); diff != "" {
			t.Errorf("DeleteRelationship returned (-want +got):\n%s", diff)
		}
		for _, f := range []actorgraph.RelationshipFilter{{}, {ActorID: "b"}, {ActorID: "d"}, {EventID: "call-1"}} {
			for _, r := range MustAllRelationships(t, s, f) {
				if r.ID == "r03" {
					t.Errorf("Relationships(%+v) still lists the deleted relationship", f)
				}
			}
		}
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 8, Relationships: 7}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
		_, err = s.DeleteRelationship(t.Context(), "r03")
		assertErrorIs(t, `DeleteRelationship("r03") again`, err, actorgraph.ErrNotFound)
	})

	t.Run("DeleteUnknownRelationshipIsNotFound", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.DeleteRelationship(t.Context(), "nothing")
		assertErrorIs(t, `DeleteRelationship("nothing")`, err, actorgraph.ErrNotFound)
	})
}

func testUpsert(t *testing.T, newStore NewStore) {
	t.Run("LoadsEverythingInTheBatch", func(t *testing.T) {
		fx := ArticleFixture(t)
		s := MustOpen(t, newStore, fx)
		AssertSnapshot(t, s, SortedByID(fx))
		want := actorgraph.Stats{Actors: len(fx.Actors), Relationships: len(fx.Relationships)}
		if got := MustStats(t, s); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})

	t.Run("TwiceLeavesTheSameData", func(t *testing.T) {
		fx := ArticleFixture(t)
		s := MustOpen(t, newStore, fx)
		stats, snap := MustStats(t, s), MustSnapshot(t, s)
		MustLoad(t, s, fx)
		if got := MustStats(t, s); got != stats {
			t.Errorf("Stats() after the second Upsert = %+v, want %+v", got, stats)
		}
		AssertSnapshot(t, s, snap)
	})

	t.Run("ReplacesStoredRecords", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		a := TownFixture().Actors[0]
		a.Name, a.Aliases = "Aino Aalto-Virtanen", nil
		r := TownFixture().Relationships[1]
		r.Type, r.Summary = actorgraph.NegotiatedWith, "negotiated"
		MustUpsert(t, s, []actorgraph.Actor{a}, []actorgraph.Relationship{r})
		if diff := cmp.Diff(a, MustActor(t, s, "a"), equateEmpty); diff != "" {
			t.Errorf("actor after Upsert (-want +got):\n%s", diff)
		}
		got := MustAllRelationships(t, s, actorgraph.RelationshipFilter{Types: []actorgraph.RelationshipType{actorgraph.NegotiatedWith}})
		if diff := cmp.Diff([]actorgraph.Relationship{r}, got, equateEmpty); diff != "" {
			t.Errorf("relationship after Upsert (-want +got):\n%s", diff)
		}
		if got, want := MustStats(t, s), (actorgraph.Stats{Actors: 8, Relationships: 8}); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})

	t.Run("RelationshipMayReferToActorInTheSameBatch", func(t *testing.T) {
		s := newStore(t)
		fx := Fixture{
			Actors:        []actorgraph.Actor{{ID: "p", Kind: actorgraph.KindLeader, Name: "P"}, {ID: "q", Kind: actorgraph.KindLeader, Name: "Q"}},
			Relationships: []actorgraph.Relationship{rel("pq", "p", actorgraph.MetWith, "q")},
		}
		MustLoad(t, s, fx)
		AssertSnapshot(t, s, fx)
	})

	t.Run("IsAllOrNothing", func(t *testing.T) {
		renamed := TownFixture().Actors[0]
		renamed.Name = "Renamed"
		extra := actorgraph.Actor{ID: "z", Kind: actorgraph.KindGroup, Name: "Zeta"}
		good := rel("r20", "z", actorgraph.MetWith, "a")
		badType := rel("r21", "a", "HUGGED", "b")
		dangling := rel("r22", "a", actorgraph.MetWith, "nobody")
		badActor := actorgraph.Actor{ID: "y", Kind: actorgraph.KindGroup, Name: ""}
		tests := []struct {
			name   string
			actors []actorgraph.Actor
			rels   []actorgraph.Relationship
		}{
			{"InvalidRelationship", []actorgraph.Actor{renamed, extra}, []actorgraph.Relationship{good, badType}},
			{"DanglingEndpoint", []actorgraph.Actor{renamed, extra}, []actorgraph.Relationship{good, dangling}},
			{"InvalidActor", []actorgraph.Actor{renamed, extra, badActor}, []actorgraph.Relationship{good}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s := MustOpen(t, newStore, TownFixture())
				before, stats := MustSnapshot(t, s), MustStats(t, s)
				err := s.Upsert(t.Context(), tc.actors, tc.rels)
				assertErrorIs(t, "Upsert", err, actorgraph.ErrInvalid)
				AssertSnapshot(t, s, before)
				if got := MustStats(t, s); got != stats {
					t.Errorf("Stats() after a refused Upsert = %+v, want %+v", got, stats)
				}
			})
		}
	})

	t.Run("MovingARelationshipUpdatesAdjacency", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		moved := TownFixture().Relationships[0] // r01 a → b
		moved.To = "g"
		MustUpsert(t, s, nil, []actorgraph.Relationship{moved})
		for _, tc := range []struct {
			actor string
			lists bool
		}{{"a", true}, {"g", true}, {"b", false}} {
			got := relIDs(MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: tc.actor}))
			if listed := slices.Contains(got, "r01"); listed != tc.lists {
				t.Errorf("Relationships(ActorID %s) = %v; lists r01: %v, want %v", tc.actor, got, listed, tc.lists)
			}
		}
		incoming := relIDs(MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: "b", Direction: actorgraph.Incoming}))
		if diff := cmp.Diff([]string{"r07"}, incoming); diff != "" {
			t.Errorf("Relationships(b, INCOMING) (-want +got):\n%s", diff)
		}
		p, err := s.ShortestPath(t.Context(), "a", "g", actorgraph.PathOptions{MaxHops: 2, Walk: actorgraph.Walk{Direction: actorgraph.Outgoing}})
		mustNoError(t, "ShortestPath(a, g)", err)
		if diff := cmp.Diff(&pathIDs{Nodes: []string{"a", "g"}, Relationships: []string{"r01"}}, idPath(p)); diff != "" {
			t.Errorf("ShortestPath(a, g) (-want +got):\n%s", diff)
		}
		sub, err := s.Neighborhood(t.Context(), "b", actorgraph.NeighborhoodOptions{Depth: 1})
		mustNoError(t, "Neighborhood(b)", err)
		if diff := cmp.Diff(subgraphIDs{Nodes: []string{"b", "c", "d"}, Edges: []string{"r03", "r04", "r07"}}, idSubgraph(sub), equateEmpty); diff != "" {
			t.Errorf("Neighborhood(b, 1) (-want +got):\n%s", diff)
		}
	})
}
