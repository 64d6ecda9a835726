package storetest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func testActor(t *testing.T, newStore NewStore) {
	fx := TownFixture()
	s := MustOpen(t, newStore, fx)

	t.Run("FoundEqualsStored", func(t *testing.T) {
		for _, want := range fx.Actors {
			got, err := s.Actor(t.Context(), want.ID)
			mustNoError(t, fmt.Sprintf("Actor(%q)", want.ID), err)
			if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
				t.Errorf("Actor(%q) (-want +got):\n%s", want.ID, diff)
			}
		}
	})
	t.Run("UnknownIDIsNotFound", func(t *testing.T) {
		_, err := s.Actor(t.Context(), "nobody")
		assertErrorIs(t, `Actor("nobody")`, err, actorgraph.ErrNotFound)
	})
	t.Run("ActorsByIDKeepsOrderWithNilForUnknown", func(t *testing.T) {
		got, err := s.ActorsByID(t.Context(), []string{"d", "nobody", "a", "d"})
		mustNoError(t, "ActorsByID", err)
		d, a := fx.Actors[3], fx.Actors[0]
		want := []*actorgraph.Actor{&d, nil, &a, &d}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("ActorsByID (-want +got):\n%s", diff)
		}
	})
	t.Run("ActorsByIDOfNoIDsIsEmpty", func(t *testing.T) {
		got, err := s.ActorsByID(t.Context(), nil)
		mustNoError(t, "ActorsByID(nil)", err)
		if len(got) != 0 {
			t.Errorf("ActorsByID(nil) = %v, want no entries", got)
		}
	})
}

func testActors(t *testing.T, newStore NewStore) {
	t.Run("Filter", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		tests := []struct {
			name   string
			filter actorgraph.ActorFilter
			want   []string
		}{
			{"NoFilterListsAllByID", actorgraph.ActorFilter{}, []string{"a", "b", "c", "d", "e", "f", "g", "h"}},
			{"KindsKeepAnyOfTheKinds", actorgraph.ActorFilter{Kinds: []actorgraph.ActorKind{actorgraph.KindOfficial, actorgraph.KindLeader}}, []string{"a", "b", "c", "f"}},
			{"CountryKeepsThatCode", actorgraph.ActorFilter{Country: "FIN"}, []string{"a", "g"}},
			{"NameContainsMatchesName", actorgraph.ActorFilter{NameContains: "ondar"}, []string{"b"}},
			{"NameContainsMatchesAlias", actorgraph.ActorFilter{NameContains: "chair"}, []string{"a"}},
			{"NameContainsIgnoresCase", actorgraph.ActorFilter{NameContains: "FOMIN"}, []string{"f"}},
			{"NameContainsIgnoresAccentsInName", actorgraph.ActorFilter{NameContains: "celine"}, []string{"c"}},
			{"NameContainsIgnoresAccentsInQuery", actorgraph.ActorFilter{NameContains: "Éskola"}, []string{"e"}},
			{"FiltersCombine", actorgraph.ActorFilter{Kinds: []actorgraph.ActorKind{actorgraph.KindOfficial}, Country: "UKR"}, []string{"b"}},
			{"NoMatchGivesEmptyPage", actorgraph.ActorFilter{Country: "NZL"}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := town.Actors(t.Context(), tc.filter, actorgraph.PageRequest{First: 100})
				mustNoError(t, "Actors", err)
				want := actorgraph.Page[string]{Items: tc.want, TotalCount: len(tc.want)}
				if diff := cmp.Diff(want, idPage(got, actorID), equateEmpty); diff != "" {
					t.Errorf("Actors(%+v) (-want +got):\n%s", tc.filter, diff)
				}
			})
		}
	})

	t.Run("TotalCountIsIndependentOfThePage", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		filter := actorgraph.ActorFilter{Kinds: []actorgraph.ActorKind{actorgraph.KindOfficial, actorgraph.KindLeader}}
		tests := []struct {
			page actorgraph.PageRequest
			want actorgraph.Page[string]
		}{
			{actorgraph.PageRequest{First: 1}, actorgraph.Page[string]{Items: []string{"a"}, HasNextPage: true, TotalCount: 4}},
			{actorgraph.PageRequest{First: 1, After: "b"}, actorgraph.Page[string]{Items: []string{"c"}, HasNextPage: true, TotalCount: 4}},
			{actorgraph.PageRequest{First: 10, After: "c"}, actorgraph.Page[string]{Items: []string{"f"}, TotalCount: 4}},
			{actorgraph.PageRequest{First: 10, After: "f"}, actorgraph.Page[string]{TotalCount: 4}},
		}
		for _, tc := range tests {
			got, err := town.Actors(t.Context(), filter, tc.page)
			mustNoError(t, "Actors", err)
			if diff := cmp.Diff(tc.want, idPage(got, actorID), equateEmpty); diff != "" {
				t.Errorf("Actors(%+v) (-want +got):\n%s", tc.page, diff)
			}
		}
	})

	t.Run("FirstZeroGivesNoItemsButTotalCount", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		got, err := town.Actors(t.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 0})
		mustNoError(t, "Actors", err)
		if len(got.Items) != 0 || got.TotalCount != 8 {
			t.Errorf("Actors(First 0) = %d items, total %d; want 0 items, total 8", len(got.Items), got.TotalCount)
		}
	})

	t.Run("NegativeFirstIsInvalid", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		_, err := town.Actors(t.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: -1})
		assertErrorIs(t, "Actors(First -1)", err, actorgraph.ErrInvalid)
	})

	t.Run("UnknownKindIsInvalid", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		_, err := town.Actors(t.Context(), actorgraph.ActorFilter{Kinds: []actorgraph.ActorKind{"KING"}}, actorgraph.PageRequest{First: 10})
		assertErrorIs(t, "Actors(Kinds KING)", err, actorgraph.ErrInvalid)
	})

	t.Run("PagingAfterDeletedIDContinues", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		first, err := s.Actors(t.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 3})
		mustNoError(t, "Actors", err)
		if diff := cmp.Diff([]string{"a", "b", "c"}, actorIDs(first.Items)); diff != "" {
			t.Fatalf("first page (-want +got):\n%s", diff)
		}
		// Delete the cursor's actor and add one before it: the next page
		// must neither repeat nor skip anything.
		_, err = s.DeleteActor(t.Context(), "c", true)
		mustNoError(t, `DeleteActor("c")`, err)
		_, err = s.CreateActor(t.Context(), actorgraph.Actor{ID: "bb", Kind: actorgraph.KindGroup, Name: "Late Arrivals"})
		mustNoError(t, `CreateActor("bb")`, err)
		for _, after := range []string{"c", "ca"} {
			next, err := s.Actors(t.Context(), actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 3, After: after})
			mustNoError(t, "Actors", err)
			want := actorgraph.Page[string]{Items: []string{"d", "e", "f"}, HasNextPage: true, TotalCount: 8}
			if diff := cmp.Diff(want, idPage(next, actorID), equateEmpty); diff != "" {
				t.Errorf("Actors(After %q) (-want +got):\n%s", after, diff)
			}
		}
	})

	t.Run("PagingVisitsEveryActorOnceInIDOrder", func(t *testing.T) {
		article := ArticleFixture(t)
		articleStore := MustOpen(t, newStore, article)
		kinds := []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindLeader}
		filters := []struct {
			name   string
			filter actorgraph.ActorFilter
			keep   func(actorgraph.Actor) bool
		}{
			{"All", actorgraph.ActorFilter{}, func(actorgraph.Actor) bool { return true }},
			{"GovernmentsAndLeaders", actorgraph.ActorFilter{Kinds: kinds}, func(a actorgraph.Actor) bool {
				return a.Kind == actorgraph.KindGovernment || a.Kind == actorgraph.KindLeader
			}},
		}
		for _, f := range filters {
			var want []string
			for _, a := range SortedByID(article).Actors {
				if f.keep(a) {
					want = append(want, a.ID)
				}
			}
			for _, size := range []int{1, 2, 3, 7} {
				t.Run(fmt.Sprintf("%s/PageSize%d", f.name, size), func(t *testing.T) {
					got := walkPages(t, size, len(want), func(page actorgraph.PageRequest) (actorgraph.Page[string], error) {
						p, err := articleStore.Actors(t.Context(), f.filter, page)
						return idPage(p, actorID), err
					})
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("ids over all pages (-want +got):\n%s", diff)
					}
				})
			}
		}
	})

	t.Run("NameContainsOnArticle", func(t *testing.T) {
		articleStore := MustOpen(t, newStore, ArticleFixture(t))
		tests := []struct {
			text string
			want []string
		}{
			{"zelenskyy", []string{"volodymyr-zelenskyy"}},
			{"ZELÉNSKYY", []string{"volodymyr-zelenskyy"}},
			{"Türkiye", []string{"turkiye"}},
			{"turkiye", []string{"turkiye"}},
		}
		for _, tc := range tests {
			got, err := articleStore.Actors(t.Context(), actorgraph.ActorFilter{NameContains: tc.text}, actorgraph.PageRequest{First: 100})
			mustNoError(t, "Actors", err)
			if diff := cmp.Diff(tc.want, actorIDs(got.Items)); diff != "" {
				t.Errorf("Actors(NameContains %q) (-want +got):\n%s", tc.text, diff)
			}
		}
	})
}

func testSearch(t *testing.T, newStore NewStore) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"RanksNameBeforeAliasAndExactBeforePrefixBeforeWordBeforeSubstring", "mar", 20, searchFixtureOrder},
		{"IgnoresCaseAndAccentsInQuery", "MÁR", 20, searchFixtureOrder},
		{"LimitKeepsTheBest", "mar", 3, searchFixtureOrder[:3]},
		{"MatchesAccentedNameWithPlainQuery", "marino", 20, []string{"name-word"}},
		{"NoMatchGivesNothing", "xyzzy", 20, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := MustOpen(t, newStore, SearchFixture())
			got, err := s.Search(t.Context(), tc.text, tc.limit)
			mustNoError(t, "Search", err)
			if diff := cmp.Diff(tc.want, actorIDs(got), equateEmpty); diff != "" {
				t.Errorf("Search(%q, %d) (-want +got):\n%s", tc.text, tc.limit, diff)
			}
		})
	}

	t.Run("ReturnsWholeActors", func(t *testing.T) {
		s := MustOpen(t, newStore, SearchFixture())
		got, err := s.Search(t.Context(), "Quentin", 1)
		mustNoError(t, "Search", err)
		want := []actorgraph.Actor{MustActor(t, s, "alias-exact")}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("Search(Quentin) (-want +got):\n%s", diff)
		}
	})

	t.Run("BlankTextIsInvalid", func(t *testing.T) {
		s := MustOpen(t, newStore, SearchFixture())
		for _, text := range []string{"", "   ", "?!"} {
			_, err := s.Search(t.Context(), text, 10)
			assertErrorIs(t, fmt.Sprintf("Search(%q)", text), err, actorgraph.ErrInvalid)
		}
	})

	t.Run("AliasOrNameFindsArticleActorFirst", func(t *testing.T) {
		article := MustOpen(t, newStore, ArticleFixture(t))
		tests := []struct{ text, want string }{
			{"Vatican", "holy-see"},
			{"Kremlin", "kremlin"},
			{"the Kremlin", "kremlin"},
			{"Zelensky", "volodymyr-zelenskyy"},
			{"zélenskyy", "volodymyr-zelenskyy"},
			{"Turkey", "turkiye"},
			{"Türkiye", "turkiye"},
		}
		for _, tc := range tests {
			got, err := article.Search(t.Context(), tc.text, 5)
			mustNoError(t, "Search", err)
			if len(got) == 0 || got[0].ID != tc.want {
				t.Errorf("Search(%q) = %v, want %q first", tc.text, actorIDs(got), tc.want)
			}
		}
	})
}

func actorID(a actorgraph.Actor) string               { return a.ID }
func relationshipID(r actorgraph.Relationship) string { return r.ID }

// idPage maps a page to the ids of its items, for short diffs.
func idPage[T any](p actorgraph.Page[T], id func(T) string) actorgraph.Page[string] {
	out := actorgraph.Page[string]{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage, TotalCount: p.TotalCount}
	for _, item := range p.Items {
		out.Items = append(out.Items, id(item))
	}
	return out
}

// walkPages follows a Relay-style list from the start with pages of size
// items and returns every id seen. It checks each page on the way: the
// total stays the same, every page but the last is full and says there is
// a next page, the last one says there is not.
func walkPages(t *testing.T, size, total int, fetch func(actorgraph.PageRequest) (actorgraph.Page[string], error)) []string {
	t.Helper()
	var all []string
	page := actorgraph.PageRequest{First: size}
	for calls := 0; calls <= total+1; calls++ {
		p, err := fetch(page)
		mustNoError(t, fmt.Sprintf("page %+v", page), err)
		if p.TotalCount != total {
			t.Errorf("page %+v: TotalCount = %d, want %d", page, p.TotalCount, total)
		}
		all = append(all, p.Items...)
		last := len(all) >= total
		if p.HasNextPage == last {
			t.Errorf("page %+v: HasNextPage = %v after %d of %d items", page, p.HasNextPage, len(all), total)
		}
		if !last && len(p.Items) != size {
			t.Errorf("page %+v: %d items, want a full page of %d", page, len(p.Items), size)
		}
		if !p.HasNextPage || len(p.Items) == 0 {
			return all
		}
		page.After = p.Items[len(p.Items)-1]
	}
	t.Fatalf("paging did not end after %d pages; ids so far: %v", total+2, all)
	return nil
}
