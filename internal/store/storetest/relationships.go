package storetest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func testRelationships(t *testing.T, newStore NewStore) {
	t.Run("Filter", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		types := func(ts ...actorgraph.RelationshipType) []actorgraph.RelationshipType { return ts }
		tests := []struct {
			name   string
			filter actorgraph.RelationshipFilter
			want   []string
		}{
			{"NoFilterListsAllByID", actorgraph.RelationshipFilter{}, []string{"r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08"}},
			{"TypesKeepOneType", actorgraph.RelationshipFilter{Types: types(actorgraph.SpokeWith)}, []string{"r01", "r03", "r05"}},
			{"TypesKeepAnyOfTheTypes", actorgraph.RelationshipFilter{Types: types(actorgraph.MetWith, actorgraph.Leads)}, []string{"r02", "r06", "r08"}},
			{"ActorOutgoingKeepsRelationshipsFromIt", actorgraph.RelationshipFilter{ActorID: "d", Direction: actorgraph.Outgoing}, []string{"r05"}},
			{"ActorIncomingKeepsRelationshipsToIt", actorgraph.RelationshipFilter{ActorID: "d", Direction: actorgraph.Incoming}, []string{"r03", "r04"}},
			{"ActorBothKeepsEitherEnd", actorgraph.RelationshipFilter{ActorID: "d", Direction: actorgraph.Both}, []string{"r03", "r04", "r05"}},
			{"ActorWithoutDirectionMeansBoth", actorgraph.RelationshipFilter{ActorID: "b"}, []string{"r01", "r03", "r07"}},
			{"ActorWithoutRelationshipsGivesEmptyPage", actorgraph.RelationshipFilter{ActorID: "g"}, nil},
			{"SinceIsInclusiveAndDropsUndated", actorgraph.RelationshipFilter{Since: datePtr("2025-05-10")}, []string{"r02", "r03", "r05"}},
			{"UntilIsInclusiveAndDropsUndated", actorgraph.RelationshipFilter{Until: datePtr("2025-05-10")}, []string{"r01", "r02", "r06"}},
			{"SinceAndUntilKeepTheWindow", actorgraph.RelationshipFilter{Since: datePtr("2025-05-01"), Until: datePtr("2025-05-20")}, []string{"r01", "r02", "r03"}},
			{"SinceEqualToUntilKeepsThatDay", actorgraph.RelationshipFilter{Since: datePtr("2025-05-20"), Until: datePtr("2025-05-20")}, []string{"r03"}},
			{"ModalitiesKeepAnyOfThem", actorgraph.RelationshipFilter{Modalities: []actorgraph.Modality{actorgraph.Intended, actorgraph.Threatened}}, []string{"r03", "r05"}},
			{"EventIDKeepsOneEvent", actorgraph.RelationshipFilter{EventID: "call-1"}, []string{"r01", "r03"}},
			{"UnknownEventIDGivesEmptyPage", actorgraph.RelationshipFilter{EventID: "no-such-event"}, nil},
			{"ActorAndTypesCombine", actorgraph.RelationshipFilter{ActorID: "a", Types: types(actorgraph.MetWith)}, []string{"r02", "r06"}},
			{"ActorDirectionAndDateCombine", actorgraph.RelationshipFilter{ActorID: "b", Direction: actorgraph.Outgoing, Since: datePtr("2025-05-15")}, []string{"r03"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := town.Relationships(t.Context(), tc.filter, actorgraph.PageRequest{First: 100})
				mustNoError(t, "Relationships", err)
				want := actorgraph.Page[string]{Items: tc.want, TotalCount: len(tc.want)}
				if diff := cmp.Diff(want, idPage(got, relationshipID), equateEmpty); diff != "" {
					t.Errorf("Relationships(%+v) (-want +got):\n%s", tc.filter, diff)
				}
			})
		}
	})

	t.Run("ReturnsWholeRelationships", func(t *testing.T) {
		fx := TownFixture()
		town := MustOpen(t, newStore, fx)
		got, err := town.Relationships(t.Context(), actorgraph.RelationshipFilter{ActorID: "e"}, actorgraph.PageRequest{First: 100})
		mustNoError(t, "Relationships", err)
		want := []actorgraph.Relationship{fx.Relationships[4], fx.Relationships[7]}
		if diff := cmp.Diff(want, got.Items, equateEmpty); diff != "" {
			t.Errorf("Relationships(ActorID e) (-want +got):\n%s", diff)
		}
	})

	t.Run("ByIDInOrderWithNilForUnknown", func(t *testing.T) {
		fx := TownFixture()
		town := MustOpen(t, newStore, fx)
		got, err := town.RelationshipsByID(t.Context(), []string{"r05", "nope", "r01", "r05"})
		mustNoError(t, "RelationshipsByID", err)
		want := []*actorgraph.Relationship{&fx.Relationships[4], nil, &fx.Relationships[0], &fx.Relationships[4]}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("RelationshipsByID(r05, nope, r01, r05) (-want +got):\n%s", diff)
		}
		empty, err := town.RelationshipsByID(t.Context(), nil)
		mustNoError(t, "RelationshipsByID(nil)", err)
		if len(empty) != 0 {
			t.Errorf("RelationshipsByID(nil) = %v, want none", empty)
		}
	})

	t.Run("UnknownActorIsNotFound", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		_, err := town.Relationships(t.Context(), actorgraph.RelationshipFilter{ActorID: "nobody"}, actorgraph.PageRequest{First: 10})
		assertErrorIs(t, "Relationships(ActorID nobody)", err, actorgraph.ErrNotFound)
	})

	t.Run("BadFilterOrPageIsInvalid", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		tests := []struct {
			name   string
			filter actorgraph.RelationshipFilter
			page   actorgraph.PageRequest
		}{
			{"UntilBeforeSince", actorgraph.RelationshipFilter{Since: datePtr("2025-05-02"), Until: datePtr("2025-05-01")}, actorgraph.PageRequest{First: 10}},
			{"UnknownType", actorgraph.RelationshipFilter{Types: []actorgraph.RelationshipType{"HUGGED"}}, actorgraph.PageRequest{First: 10}},
			{"UnknownDirection", actorgraph.RelationshipFilter{ActorID: "a", Direction: "SIDEWAYS"}, actorgraph.PageRequest{First: 10}},
			{"UnknownModality", actorgraph.RelationshipFilter{Modalities: []actorgraph.Modality{"MAYBE"}}, actorgraph.PageRequest{First: 10}},
			{"NegativeFirst", actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: -1}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := town.Relationships(t.Context(), tc.filter, tc.page)
				assertErrorIs(t, fmt.Sprintf("Relationships(%+v, %+v)", tc.filter, tc.page), err, actorgraph.ErrInvalid)
			})
		}
	})

	t.Run("FirstZeroGivesNoItemsButTotalCount", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		got, err := town.Relationships(t.Context(), actorgraph.RelationshipFilter{ActorID: "a"}, actorgraph.PageRequest{First: 0})
		mustNoError(t, "Relationships", err)
		if len(got.Items) != 0 || got.TotalCount != 3 {
			t.Errorf("Relationships(First 0) = %d items, total %d; want 0 items, total 3", len(got.Items), got.TotalCount)
		}
	})

	t.Run("PagingAfterDeletedIDContinues", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		first, err := s.Relationships(t.Context(), actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: 2})
		mustNoError(t, "Relationships", err)
		if diff := cmp.Diff([]string{"r01", "r02"}, relIDs(first.Items)); diff != "" {
			t.Fatalf("first page (-want +got):\n%s", diff)
		}
		_, err = s.DeleteRelationship(t.Context(), "r02")
		mustNoError(t, `DeleteRelationship("r02")`, err)
		next, err := s.Relationships(t.Context(), actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: 2, After: "r02"})
		mustNoError(t, "Relationships", err)
		want := actorgraph.Page[string]{Items: []string{"r03", "r04"}, HasNextPage: true, TotalCount: 7}
		if diff := cmp.Diff(want, idPage(next, relationshipID), equateEmpty); diff != "" {
			t.Errorf("Relationships(After r02) (-want +got):\n%s", diff)
		}
	})

	t.Run("PagingVisitsEveryRelationshipOnceInIDOrder", func(t *testing.T) {
		article := ArticleFixture(t)
		articleStore := MustOpen(t, newStore, article)
		const actor = "donald-trump"
		filters := []struct {
			name   string
			filter actorgraph.RelationshipFilter
			keep   func(actorgraph.Relationship) bool
		}{
			{"All", actorgraph.RelationshipFilter{}, func(actorgraph.Relationship) bool { return true }},
			{"OfOneActor", actorgraph.RelationshipFilter{ActorID: actor}, func(r actorgraph.Relationship) bool {
				return r.From == actor || r.To == actor
			}},
		}
		for _, f := range filters {
			var want []string
			for _, r := range SortedByID(article).Relationships {
				if f.keep(r) {
					want = append(want, r.ID)
				}
			}
			for _, size := range []int{1, 2, 3, 7} {
				t.Run(fmt.Sprintf("%s/PageSize%d", f.name, size), func(t *testing.T) {
					got := walkPages(t, size, len(want), func(page actorgraph.PageRequest) (actorgraph.Page[string], error) {
						p, err := articleStore.Relationships(t.Context(), f.filter, page)
						return idPage(p, relationshipID), err
					})
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("ids over all pages (-want +got):\n%s", diff)
					}
				})
			}
		}
	})
}

func testRelationshipsOf(t *testing.T, newStore NewStore) {
	s := MustOpen(t, newStore, TownFixture())
	queries := []actorgraph.RelationshipsQuery{
		{ActorID: "a", Page: actorgraph.PageRequest{First: 10}},
		{ActorID: "d", Direction: actorgraph.Incoming, Page: actorgraph.PageRequest{First: 10}},
		{ActorID: "b", Direction: actorgraph.Outgoing, Types: []actorgraph.RelationshipType{actorgraph.SpokeWith}, Page: actorgraph.PageRequest{First: 10}},
		{ActorID: "a", Direction: actorgraph.Both, Page: actorgraph.PageRequest{First: 1}},
		{ActorID: "a", Page: actorgraph.PageRequest{First: 1, After: "r01"}},
		{ActorID: "g", Page: actorgraph.PageRequest{First: 10}},
		{ActorID: "c", Direction: actorgraph.Outgoing, Types: []actorgraph.RelationshipType{actorgraph.Urged, actorgraph.Praised}, Page: actorgraph.PageRequest{First: 1}},
	}

	t.Run("AnswersInQueryOrderLikeRelationships", func(t *testing.T) {
		got, err := s.RelationshipsOf(t.Context(), queries)
		mustNoError(t, "RelationshipsOf", err)
		if len(got) != len(queries) {
			t.Fatalf("RelationshipsOf gave %d pages for %d queries", len(got), len(queries))
		}
		for i, q := range queries {
			filter := actorgraph.RelationshipFilter{ActorID: q.ActorID, Direction: q.Direction, Types: q.Types}
			want, err := s.Relationships(t.Context(), filter, q.Page)
			mustNoError(t, "Relationships", err)
			if diff := cmp.Diff(want, got[i], equateEmpty); diff != "" {
				t.Errorf("query %d %+v (-Relationships +RelationshipsOf):\n%s", i, q, diff)
			}
		}
	})

	t.Run("AnswersMatchTheGraph", func(t *testing.T) {
		got, err := s.RelationshipsOf(t.Context(), queries)
		mustNoError(t, "RelationshipsOf", err)
		want := []actorgraph.Page[string]{
			{Items: []string{"r01", "r02", "r06"}, TotalCount: 3},
			{Items: []string{"r03", "r04"}, TotalCount: 2},
			{Items: []string{"r03"}, TotalCount: 1},
			{Items: []string{"r01"}, HasNextPage: true, TotalCount: 3},
			{Items: []string{"r02"}, HasNextPage: true, TotalCount: 3},
			{TotalCount: 0},
			{Items: []string{"r04"}, HasNextPage: true, TotalCount: 2},
		}
		var gotIDs []actorgraph.Page[string]
		for _, p := range got {
			gotIDs = append(gotIDs, idPage(p, relationshipID))
		}
		if diff := cmp.Diff(want, gotIDs, equateEmpty); diff != "" {
			t.Errorf("RelationshipsOf (-want +got):\n%s", diff)
		}
	})

	t.Run("UnknownActorGivesEmptyPage", func(t *testing.T) {
		got, err := s.RelationshipsOf(t.Context(), []actorgraph.RelationshipsQuery{
			{ActorID: "nobody", Page: actorgraph.PageRequest{First: 10}},
			{ActorID: "e", Page: actorgraph.PageRequest{First: 10}},
		})
		mustNoError(t, "RelationshipsOf", err)
		want := []actorgraph.Page[string]{{}, {Items: []string{"r05", "r08"}, TotalCount: 2}}
		var gotIDs []actorgraph.Page[string]
		for _, p := range got {
			gotIDs = append(gotIDs, idPage(p, relationshipID))
		}
		if diff := cmp.Diff(want, gotIDs, equateEmpty); diff != "" {
			t.Errorf("RelationshipsOf (-want +got):\n%s", diff)
		}
	})

	t.Run("NoQueriesGiveNoPages", func(t *testing.T) {
		got, err := s.RelationshipsOf(t.Context(), nil)
		mustNoError(t, "RelationshipsOf(nil)", err)
		if len(got) != 0 {
			t.Errorf("RelationshipsOf(nil) = %d pages, want none", len(got))
		}
	})
}
