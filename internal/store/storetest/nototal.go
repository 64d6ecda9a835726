package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// testNoTotal holds PageRequest.NoTotal to its promise: the same items and
// HasNextPage as a counted page, page after page; only TotalCount may go.
func testNoTotal(t *testing.T, newStore NewStore) {
	fx := ArticleFixture(t)
	s := MustOpen(t, newStore, fx)
	ctx := t.Context()
	type page struct {
		IDs  []string
		More bool
	}
	compare := func(t *testing.T, name string, fetch func(actorgraph.PageRequest) (page, error)) {
		t.Helper()
		for _, size := range []int{1, 3, 10, 1000} {
			after := ""
			for n := 0; n < 200; n++ {
				counted, err := fetch(actorgraph.PageRequest{First: size, After: after})
				if err != nil {
					t.Fatalf("%s(first %d after %q): %v", name, size, after, err)
				}
				uncounted, err := fetch(actorgraph.PageRequest{First: size, After: after, NoTotal: true})
				if err != nil {
					t.Fatalf("%s(first %d after %q, NoTotal): %v", name, size, after, err)
				}
				if diff := cmp.Diff(counted, uncounted); diff != "" {
					t.Fatalf("%s(first %d after %q): NoTotal changed the page (-counted +uncounted):\n%s", name, size, after, diff)
				}
				if !counted.More || len(counted.IDs) == 0 {
					break
				}
				after = counted.IDs[len(counted.IDs)-1]
			}
		}
	}
	actorPage := func(p actorgraph.Page[actorgraph.Actor]) page {
		return page{IDs: ids(p.Items, actorID), More: p.HasNextPage}
	}
	relPage := func(p actorgraph.Page[actorgraph.Relationship]) page {
		return page{IDs: ids(p.Items, relationshipID), More: p.HasNextPage}
	}
	for name, f := range map[string]actorgraph.ActorFilter{
		"all":     {},
		"leaders": {Kinds: []actorgraph.ActorKind{actorgraph.KindLeader}},
		"name":    {NameContains: "pu"},
	} {
		t.Run("Actors/"+name, func(t *testing.T) {
			compare(t, "Actors", func(pr actorgraph.PageRequest) (page, error) {
				p, err := s.Actors(ctx, f, pr)
				return actorPage(p), err
			})
		})
	}
	for name, f := range map[string]actorgraph.RelationshipFilter{
		"all":        {},
		"putin":      {ActorID: "vladimir-putin"},
		"putin-out":  {ActorID: "vladimir-putin", Direction: actorgraph.Outgoing},
		"spoke-with": {Types: []actorgraph.RelationshipType{actorgraph.SpokeWith}},
	} {
		t.Run("Relationships/"+name, func(t *testing.T) {
			compare(t, "Relationships", func(pr actorgraph.PageRequest) (page, error) {
				p, err := s.Relationships(ctx, f, pr)
				return relPage(p), err
			})
		})
	}
	for name, q := range map[string]actorgraph.RelationshipsQuery{
		"putin":         {ActorID: "vladimir-putin"},
		"trump-in":      {ActorID: "donald-trump", Direction: actorgraph.Incoming},
		"zelenskyy-out": {ActorID: "volodymyr-zelenskyy", Direction: actorgraph.Outgoing, Types: []actorgraph.RelationshipType{actorgraph.SpokeWith, actorgraph.Proposed}},
	} {
		t.Run("RelationshipsOf/"+name, func(t *testing.T) {
			compare(t, "RelationshipsOf", func(pr actorgraph.PageRequest) (page, error) {
				q := q
				q.Page = pr
				// Two queries in one batch with different page sizes: the
				// top-k bound is the largest.
				other := actorgraph.RelationshipsQuery{ActorID: "donald-trump", Page: actorgraph.PageRequest{First: 50, NoTotal: pr.NoTotal}}
				pages, err := s.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{q, other})
				if err != nil {
					return page{}, err
				}
				return relPage(pages[0]), nil
			})
		})
	}
}
