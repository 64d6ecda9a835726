package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// testBackward holds PageRequest.Backward (Relay's last/before) to its
// contract: walking a list from the end, page by page, gives the list
// (each page in list order), with HasPreviousPage while items precede and
// the same total as a forward page.
func testBackward(t *testing.T, newStore NewStore) {
	s := MustOpen(t, newStore, ArticleFixture(t))
	ctx := t.Context()
	type fetch func(actorgraph.PageRequest) (actorgraph.Page[string], error)
	check := func(t *testing.T, get fetch) {
		t.Helper()
		all, err := get(actorgraph.PageRequest{First: 10_000})
		mustNoError(t, "forward page of everything", err)
		if all.HasPreviousPage {
			t.Errorf("a forward page says HasPreviousPage")
		}
		for _, size := range []int{1, 3, 1000} {
			for _, noTotal := range []bool{false, true} {
				var pages [][]string
				before := ""
				for range len(all.Items) + 2 {
					p, err := get(actorgraph.PageRequest{First: size, After: before, Backward: true, NoTotal: noTotal})
					mustNoError(t, fmt.Sprintf("last %d before %q", size, before), err)
					if p.HasNextPage {
						t.Errorf("last %d before %q: a backward page says HasNextPage", size, before)
					}
					if !noTotal && p.TotalCount != all.TotalCount {
						t.Errorf("last %d before %q: TotalCount %d, want %d", size, before, p.TotalCount, all.TotalCount)
					}
					if !slices.IsSorted(p.Items) {
						t.Errorf("last %d before %q: page %v is not in list order", size, before, p.Items)
					}
					pages = append(pages, p.Items)
					if !p.HasPreviousPage || len(p.Items) == 0 {
						break
					}
					before = p.Items[0]
				}
				slices.Reverse(pages)
				if diff := cmp.Diff(all.Items, slices.Concat(pages...), equateEmpty); diff != "" {
					t.Errorf("pages of %d from the end (NoTotal %v) do not make the list (-want +got):\n%s", size, noTotal, diff)
				}
			}
		}
	}
	for name, f := range map[string]actorgraph.ActorFilter{
		"all":     {},
		"leaders": {Kinds: []actorgraph.ActorKind{actorgraph.KindLeader}},
		"name":    {NameContains: "pu"},
	} {
		t.Run("Actors/"+name, func(t *testing.T) {
			check(t, func(pr actorgraph.PageRequest) (actorgraph.Page[string], error) {
				p, err := s.Actors(ctx, f, pr)
				return idPage(p, actorID), err
			})
		})
	}
	for name, f := range map[string]actorgraph.RelationshipFilter{
		"all":      {},
		"ofPutin":  {ActorID: "vladimir-putin"},
		"spokeOut": {ActorID: "donald-trump", Direction: actorgraph.Outgoing, Types: []actorgraph.RelationshipType{actorgraph.SpokeWith}},
	} {
		t.Run("Relationships/"+name, func(t *testing.T) {
			check(t, func(pr actorgraph.PageRequest) (actorgraph.Page[string], error) {
				p, err := s.Relationships(ctx, f, pr)
				return idPage(p, relationshipID), err
			})
		})
	}
	t.Run("RelationshipsOf", func(t *testing.T) {
		for _, id := range []string{"vladimir-putin", "volodymyr-zelenskyy"} {
			check(t, func(pr actorgraph.PageRequest) (actorgraph.Page[string], error) {
				// A batch mixing directions of paging: each query keeps its own.
				ps, err := s.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{
					{ActorID: "donald-trump", Page: actorgraph.PageRequest{First: 2}},
					{ActorID: id, Page: pr},
				})
				if err != nil {
					return actorgraph.Page[string]{}, err
				}
				if len(ps[0].Items) != 2 || !ps[0].HasNextPage || ps[0].HasPreviousPage {
					t.Errorf("the forward query beside a backward one: %d items, next %v, previous %v; want 2, true, false",
						len(ps[0].Items), ps[0].HasNextPage, ps[0].HasPreviousPage)
				}
				return idPage(ps[1], relationshipID), nil
			})
		}
	})
}

// testPagingUnderInserts pages forwards and backwards through actors while
// others are inserted between them: keyset pages never repeat an actor
// and never skip one that was there throughout.
func testPagingUnderInserts(t *testing.T, newStore NewStore) {
	s := newStore(t)
	ctx := t.Context()
	var even, odd []actorgraph.Actor
	for i := range 120 {
		a := actorgraph.Actor{ID: fmt.Sprintf("p%03d", i), Kind: actorgraph.KindGroup, Name: fmt.Sprintf("Party %d", i)}
		if i%2 == 0 {
			even = append(even, a)
		} else {
			odd = append(odd, a)
		}
	}
	MustUpsert(t, s, even, nil)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, a := range odd {
			if err := s.Upsert(ctx, []actorgraph.Actor{a}, nil); err != nil {
				t.Errorf("Upsert(%s): %v", a.ID, err)
				return
			}
		}
	}()
	walk := func(backward bool) []string {
		var seen []string
		cursor := ""
		for range 200 {
			p, err := s.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 7, After: cursor, Backward: backward, NoTotal: true})
			mustNoError(t, "Actors", err)
			ids := actorIDs(p.Items)
			if backward {
				seen = append(slices.Clone(ids), seen...)
				if !p.HasPreviousPage || len(ids) == 0 {
					return seen
				}
				cursor = ids[0]
			} else {
				seen = append(seen, ids...)
				if !p.HasNextPage || len(ids) == 0 {
					return seen
				}
				cursor = ids[len(ids)-1]
			}
		}
		t.Fatal("paging did not end")
		return nil
	}
	for _, backward := range []bool{false, true} {
		seen := walk(backward)
		if !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != len(seen) {
			t.Errorf("backward %v: pages repeat or disorder actors: %v", backward, seen)
		}
		for _, a := range even {
			if _, found := slices.BinarySearch(seen, a.ID); !found {
				t.Errorf("backward %v: %s, stored throughout, was skipped", backward, a.ID)
			}
		}
	}
	wg.Wait()
}
