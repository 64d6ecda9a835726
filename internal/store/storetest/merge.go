package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func testMergeActors(t *testing.T, newStore NewStore) {
	t.Run("MovesRelationshipsUnionsNamesAndRedirects", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		res, err := s.MergeActors(t.Context(), "a", []string{"c", "b"})
		mustNoError(t, "MergeActors", err)
		if !cmp.Equal(res.Merged, []string{"b", "c"}) || res.MovedRelationships != 5 || res.Actor.ID != "a" {
			t.Errorf("MergeActors = merged %v, moved %d, actor %q; want [b c], 5, a", res.Merged, res.MovedRelationships, res.Actor.ID)
		}
		AssertSnapshot(t, s, mergedTown())
		if diff := cmp.Diff(mergedTown().Actors[0], res.Actor, equateEmpty); diff != "" {
			t.Errorf("returned actor (-want +got):\n%s", diff)
		}
		// The old ids answer the survivor; Redirects names them.
		for _, id := range []string{"a", "b", "c"} {
			if got := MustActor(t, s, id); got.ID != "a" {
				t.Errorf("Actor(%q) = %q, want the survivor a", id, got.ID)
			}
		}
		red, err := s.Redirects(t.Context(), []string{"a", "b", "c", "zz"})
		mustNoError(t, "Redirects", err)
		if want := map[string]string{"b": "a", "c": "a"}; !cmp.Equal(red, want) {
			t.Errorf("Redirects = %v, want %v", red, want)
		}
		// Walks see the merged graph: d is one hop from a now.
		p, err := s.ShortestPath(t.Context(), "a", "d", actorgraph.PathOptions{MaxHops: 3})
		mustNoError(t, "ShortestPath", err)
		if p == nil || p.Length() != 1 {
			t.Errorf("ShortestPath(a, d) = %+v, want one hop", p)
		}
	})

	t.Run("WalksAndNewRelationshipsFollowMergedIDs", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "a", []string{"b"})
		mustNoError(t, "MergeActors", err)
		ctx := t.Context()
		opts := actorgraph.PathOptions{MaxHops: 3, First: 5}
		sub, err := s.Neighborhood(ctx, "b", actorgraph.NeighborhoodOptions{Depth: 1})
		mustNoError(t, "Neighborhood(b)", err)
		if len(sub.Nodes) == 0 || sub.Nodes[0].ID != "a" {
			t.Errorf("Neighborhood(b) centre = %v, want the survivor a", actorIDs(sub.Nodes))
		}
		checks := []struct {
			name string
			run  func() (*actorgraph.Path, error)
		}{
			{"ShortestPath", func() (*actorgraph.Path, error) { return s.ShortestPath(ctx, "b", "d", opts) }},
			{"CheapestPath", func() (*actorgraph.Path, error) {
				return s.CheapestPath(ctx, "d", "b", weighted(opts, actorgraph.WeightHops))
			}},
			{"KShortestPaths", func() (*actorgraph.Path, error) { return firstOf(s.KShortestPaths(ctx, "b", "d", opts)) }},
			{"AllShortestPaths", func() (*actorgraph.Path, error) {
				ps, _, err := s.AllShortestPaths(ctx, "b", "d", opts)
				return firstOf(ps, err)
			}},
			{"Paths", func() (*actorgraph.Path, error) {
				ps, _, err := s.Paths(ctx, "b", "d", opts)
				return firstOf(ps, err)
			}},
		}
		for _, c := range checks {
			p, err := c.run()
			mustNoError(t, c.name, err)
			if p == nil || p.Length() != 1 {
				t.Errorf("%s via merged id b = %+v, want the one hop a–d", c.name, p)
			}
		}
		r, err := s.CreateRelationship(ctx, rel("r99", "b", actorgraph.SpokeWith, "d"))
		mustNoError(t, "CreateRelationship(b → d)", err)
		if r.From != "a" || MustRelationship(t, s, "r99").From != "a" {
			t.Errorf("CreateRelationship from merged b: from = %q, stored %q; want the survivor a", r.From, MustRelationship(t, s, "r99").From)
		}
		_, err = s.Neighborhood(ctx, "zz", actorgraph.NeighborhoodOptions{Depth: 1})
		assertErrorIs(t, "Neighborhood(unknown)", err, actorgraph.ErrNotFound)
	})

	t.Run("RepeatingAMergeChangesNothing", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "a", []string{"b", "c"})
		mustNoError(t, "MergeActors", err)
		res, err := s.MergeActors(t.Context(), "a", []string{"b", "c", "b"})
		mustNoError(t, "MergeActors again", err)
		if len(res.Merged) != 0 || res.MovedRelationships != 0 || res.Actor.ID != "a" {
			t.Errorf("repeat = %+v, want nothing merged", res)
		}
		AssertSnapshot(t, s, mergedTown())
	})

	t.Run("ChainsOfMergesRedirectToTheLastSurvivor", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "c", []string{"b"})
		mustNoError(t, "MergeActors(c, b)", err)
		_, err = s.MergeActors(t.Context(), "a", []string{"c"})
		mustNoError(t, "MergeActors(a, c)", err)
		red, err := s.Redirects(t.Context(), []string{"b", "c"})
		mustNoError(t, "Redirects", err)
		if want := map[string]string{"b": "a", "c": "a"}; !cmp.Equal(red, want) {
			t.Errorf("Redirects = %v, want %v", red, want)
		}
		if got := MustActor(t, s, "b"); got.ID != "a" {
			t.Errorf("Actor(b) = %q, want a", got.ID)
		}
		got := MustActor(t, s, "a")
		if !cmp.Equal(got.Resolution.Merged, []string{"b", "c"}) {
			t.Errorf("a.resolution.merged = %v, want [b c]", got.Resolution.Merged)
		}
	})

	t.Run("CreatingAnActorUnderAMergedIDIsConflict", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "a", []string{"b"})
		mustNoError(t, "MergeActors", err)
		before := MustSnapshot(t, s)
		_, err = s.CreateActor(t.Context(), actorgraph.Actor{ID: "b", Kind: actorgraph.KindOfficial, Name: "Another B"})
		assertErrorIs(t, "CreateActor(b)", err, actorgraph.ErrConflict)
		AssertSnapshot(t, s, before)
	})

	t.Run("DeletingTheSurvivorDeletesItsRedirects", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "a", []string{"b"})
		mustNoError(t, "MergeActors", err)
		_, err = s.DeleteActor(t.Context(), "a", true)
		mustNoError(t, "DeleteActor", err)
		red, err := s.Redirects(t.Context(), []string{"b"})
		mustNoError(t, "Redirects", err)
		if len(red) != 0 {
			t.Errorf("Redirects after deleting the survivor = %v, want none", red)
		}
		_, err = s.Actor(t.Context(), "b")
		assertErrorIs(t, "Actor(b)", err, actorgraph.ErrNotFound)
	})

	t.Run("BadMergesFailAndChangeNothing", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		_, err := s.MergeActors(t.Context(), "c", []string{"b"})
		mustNoError(t, "MergeActors(c, b)", err)
		before := MustSnapshot(t, s)
		tests := []struct {
			name string
			into string
			from []string
			want error
		}{
			{"IntoItself", "a", []string{"d", "a"}, actorgraph.ErrInvalid},
			{"NoneToMerge", "a", nil, actorgraph.ErrInvalid},
			{"BadID", "a", []string{"Not An Id"}, actorgraph.ErrInvalid},
			{"UnknownSurvivor", "zz", []string{"a"}, actorgraph.ErrNotFound},
			{"SurvivorWasMerged", "b", []string{"a"}, actorgraph.ErrNotFound},
			{"UnknownActor", "a", []string{"d", "zz"}, actorgraph.ErrNotFound},
			{"MergedElsewhere", "a", []string{"d", "b"}, actorgraph.ErrConflict},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.MergeActors(t.Context(), tt.into, tt.from)
				assertErrorIs(t, "MergeActors", err, tt.want)
			})
		}
		AssertSnapshot(t, s, before)
	})

	t.Run("MentionsAndResolutionRoundTrip", func(t *testing.T) {
		s := newStore(t)
		actor := actorgraph.Actor{ID: "russia", Kind: actorgraph.KindGovernment, Name: "Russia", Country: "RUS", CAMEOCode: "RUS",
			Resolution: &actorgraph.Resolution{Rule: actorgraph.RuleCountry, Entry: "Phoenix.Countries.actors.txt:39285 RUSSIAN_FEDERATION_",
				Key: "country:RUS", Names: []actorgraph.SourceName{{Source: actorgraph.SourceGDELT, Name: "KREMLIN", Code: "RUSGOV", Rule: actorgraph.RuleCountry}}}}
		other := actorgraph.Actor{ID: "ukraine", Kind: actorgraph.KindGovernment, Name: "Ukraine"}
		r := rel("gdelt-1", "russia", actorgraph.SpokeWith, "ukraine", on("2025-05-19"))
		r.FromMention = &actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: "KREMLIN", Code: "RUSGOV", Country: "RUS",
			Roles: []string{"GOV"}, Religions: []string{"CHR"}, Rule: actorgraph.RuleCountry, Entry: "x"}
		r.ToMention = &actorgraph.Mention{Source: actorgraph.SourceICEWS, Name: "Government (Ukraine)", Country: "Ukraine",
			Sectors: []string{"Government"}, Roles: []string{"GOV"}, Rule: actorgraph.RuleCountry}
		MustUpsert(t, s, []actorgraph.Actor{actor, other}, []actorgraph.Relationship{r})
		AssertSnapshot(t, s, Fixture{Actors: []actorgraph.Actor{actor, other}, Relationships: []actorgraph.Relationship{r}})
	})
}

// mergedTown is TownFixture after MergeActors("a", ["b", "c"]), worked
// out by hand: r01 a→b, r02 a→c and r07 c→b would link a to itself and
// become one-actor events of a; r03 b→d and r04 c→d start at a.
func mergedTown() Fixture {
	fx := TownFixture()
	a := fx.Actors[0]
	a.Aliases = []string{"Chair Aalto", "Bohdan Bondarenko", "Bondarenko", "Céline Corre"}
	a.CAMEOCode = "UKRGOV"  // a had none; b's
	a.Description = "Envoy" // a had none; c's
	a.Resolution = &actorgraph.Resolution{Rule: actorgraph.RuleCurated, Merged: []string{"b", "c"}}
	actors := append([]actorgraph.Actor{a}, fx.Actors[3:]...)
	rels := fx.Relationships
	set := func(id, from, to string) {
		for i := range rels {
			if rels[i].ID == id {
				rels[i].From, rels[i].To = from, to
			}
		}
	}
	set("r01", "a", "")
	set("r02", "a", "")
	set("r03", "a", "d")
	set("r04", "a", "d")
	set("r07", "a", "")
	return Fixture{Actors: actors, Relationships: rels}
}

// firstOf returns the first of paths, or nil.
func firstOf(paths []actorgraph.Path, err error) (*actorgraph.Path, error) {
	if len(paths) == 0 {
		return nil, err
	}
	return &paths[0], err
}
