package storetest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// subgraphIDs is a Subgraph reduced to ids, for short diffs.
type subgraphIDs struct {
	Nodes, Edges []string
}

func testNeighborhood(t *testing.T, newStore NewStore) {
	types := func(ts ...actorgraph.RelationshipType) []actorgraph.RelationshipType { return ts }

	type neighborhoodTest struct {
		name  string
		id    string
		depth int
		types []actorgraph.RelationshipType
		want  subgraphIDs
	}
	// The cases are grouped by fixture; each group gets its own store.
	groups := []struct {
		fixture Fixture
		tests   []neighborhoodTest
	}{
		{TownFixture(), []neighborhoodTest{
			{"DepthZeroIsJustTheCentre", "a", 0, nil, subgraphIDs{Nodes: []string{"a"}}},
			{"DepthOneListsNeighboursByIDAndEdgesAmongThem", "a", 1, nil, subgraphIDs{
				Nodes: []string{"a", "b", "c", "f"},
				Edges: []string{"r01", "r02", "r06", "r07"},
			}},
			{"DepthTwoOrdersByDistanceThenID", "a", 2, nil, subgraphIDs{
				Nodes: []string{"a", "b", "c", "f", "d"},
				Edges: []string{"r01", "r02", "r03", "r04", "r06", "r07"},
			}},
			{"FollowsRelationshipsInBothDirections", "d", 1, nil, subgraphIDs{
				Nodes: []string{"d", "b", "c", "e"},
				Edges: []string{"r03", "r04", "r05", "r07"},
			}},
			{"DepthBeyondTheGraphStopsAtItsEdge", "a", 10, nil, subgraphIDs{
				Nodes: []string{"a", "b", "c", "f", "d", "e", "h"},
				Edges: []string{"r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08"},
			}},
			{"TypesRestrictTheWalk", "a", 2, types(actorgraph.SpokeWith), subgraphIDs{
				Nodes: []string{"a", "b", "d"},
				Edges: []string{"r01", "r03"},
			}},
			{"IsolatedActorIsAlone", "g", 3, nil, subgraphIDs{Nodes: []string{"g"}}},
		}},
		{DiamondFixture(), []neighborhoodTest{
			{"TypesAlsoFilterTheEdges", "s", 1, types(actorgraph.MetWith), subgraphIDs{
				Nodes: []string{"s", "x"},
				Edges: []string{"r3"},
			}},
			{"ParallelEdgesAppearOnceEach", "x", 1, nil, subgraphIDs{
				Nodes: []string{"x", "s", "t"},
				Edges: []string{"r2", "r3", "r4", "r5", "r9"},
			}},
		}},
	}
	for _, g := range groups {
		s := MustOpen(t, newStore, g.fixture)
		for _, tc := range g.tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Neighborhood(t.Context(), tc.id, actorgraph.NeighborhoodOptions{Depth: tc.depth, Walk: actorgraph.Walk{Types: tc.types}})
				mustNoError(t, "Neighborhood", err)
				if diff := cmp.Diff(tc.want, idSubgraph(got), equateEmpty); diff != "" {
					t.Errorf("Neighborhood(%q, %d, %v) (-want +got):\n%s", tc.id, tc.depth, tc.types, diff)
				}
			})
		}
	}

	t.Run("ReturnsWholeActorsAndRelationships", func(t *testing.T) {
		fx := TownFixture()
		town := MustOpen(t, newStore, fx)
		got, err := town.Neighborhood(t.Context(), "e", actorgraph.NeighborhoodOptions{Depth: 1})
		mustNoError(t, "Neighborhood", err)
		want := actorgraph.Subgraph{
			Nodes: []actorgraph.Actor{fx.Actors[4], fx.Actors[3], fx.Actors[7]},
			Edges: []actorgraph.Relationship{fx.Relationships[4], fx.Relationships[7]},
		}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("Neighborhood(e, 1) (-want +got):\n%s", diff)
		}
	})

	t.Run("UnknownIDIsNotFound", func(t *testing.T) {
		town := MustOpen(t, newStore, TownFixture())
		_, err := town.Neighborhood(t.Context(), "nobody", actorgraph.NeighborhoodOptions{Depth: 1})
		assertErrorIs(t, "Neighborhood(nobody)", err, actorgraph.ErrNotFound)
	})
}

func idSubgraph(g actorgraph.Subgraph) subgraphIDs {
	return subgraphIDs{Nodes: actorIDs(g.Nodes), Edges: relIDs(g.Edges)}
}

// pathIDs is a Path reduced to ids, for short diffs; nil stands for no path.
type pathIDs struct {
	Nodes, Relationships []string
}

func testShortestPath(t *testing.T, newStore NewStore) {
	types := func(ts ...actorgraph.RelationshipType) []actorgraph.RelationshipType { return ts }
	path := func(nodesAndRels ...string) *pathIDs {
		p := &pathIDs{Nodes: []string{nodesAndRels[0]}}
		for i := 1; i+1 < len(nodesAndRels); i += 2 {
			p.Relationships = append(p.Relationships, nodesAndRels[i])
			p.Nodes = append(p.Nodes, nodesAndRels[i+1])
		}
		return p
	}
	const (
		out  = actorgraph.Outgoing
		in   = actorgraph.Incoming
		both = actorgraph.Both
	)

	type pathTest struct {
		name     string
		from, to string
		opts     actorgraph.PathOptions
		want     *pathIDs // nil: no path
	}
	// The cases are grouped by fixture; each group gets its own store.
	groups := []struct {
		fixture Fixture
		tests   []pathTest
	}{
		{TownFixture(), []pathTest{
			{"NeighboursAreOneHopApart", "a", "b", actorgraph.PathOptions{MaxHops: 3}, path("a", "r01", "b")},
			{"FindsTheShortestOfSeveralWays", "a", "e", actorgraph.PathOptions{MaxHops: 6}, path("a", "r01", "b", "r03", "d", "r05", "e")},
			{"MaxHopsEqualToTheLengthFindsIt", "a", "e", actorgraph.PathOptions{MaxHops: 3}, path("a", "r01", "b", "r03", "d", "r05", "e")},
			{"MaxHopsBelowTheLengthFindsNothing", "a", "e", actorgraph.PathOptions{MaxHops: 2}, nil},
			{"NoPathIsNil", "a", "g", actorgraph.PathOptions{MaxHops: 6}, nil},
			{"SameActorIsAnEmptyPath", "a", "a", actorgraph.PathOptions{MaxHops: 1}, path("a")},
			{"SameIsolatedActorIsAnEmptyPath", "g", "g", actorgraph.PathOptions{MaxHops: 1}, path("g")},
			{"OutgoingFollowsTheArrows", "f", "c", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: out}}, path("f", "r06", "a", "r02", "c")},
			{"IncomingCannotFollowTheArrows", "f", "c", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: in}}, nil},
			{"IncomingWalksTheArrowsBackwards", "c", "f", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: in}}, path("c", "r02", "a", "r06", "f")},
			{"OutgoingCannotWalkTheArrowsBackwards", "c", "f", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: out}}, nil},
			{"BothIgnoresTheArrows", "c", "f", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: both}}, path("c", "r02", "a", "r06", "f")},
			{"DefaultDirectionIsBoth", "b", "c", actorgraph.PathOptions{MaxHops: 6}, path("b", "r07", "c")},
			{"OutgoingFindsNoWayAgainstASingleArrow", "b", "c", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Direction: out}}, nil},
			{"TypesChooseAnotherWay", "a", "d", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Types: types(actorgraph.MetWith, actorgraph.Urged)}}, path("a", "r02", "c", "r04", "d")},
			{"WithoutTypesTheTieBreakChoosesTheOtherWay", "a", "d", actorgraph.PathOptions{MaxHops: 6}, path("a", "r01", "b", "r03", "d")},
			{"TypesCanLeaveNoWay", "a", "e", actorgraph.PathOptions{MaxHops: 6, Walk: actorgraph.Walk{Types: types(actorgraph.MetWith)}}, nil},
		}},
		// Tie-breaks: steps compare as (next actor id, relationship id).
		{DiamondFixture(), []pathTest{
			{"TieBreakPrefersSmallerNextActorOverSmallerRelationshipID", "s", "t", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Direction: out}}, path("s", "r2", "x", "r5", "t")},
			{"TieBreakBetweenParallelRelationshipsTakesSmallestID", "s", "t", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Direction: both}}, path("s", "r2", "x", "r4", "t")},
			{"TieBreakReadsFromTheStartWhenWalkingBackwards", "t", "s", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Direction: in}}, path("t", "r5", "x", "r2", "s")},
			{"TieBreakReadsFromTheStartInBothDirections", "t", "s", actorgraph.PathOptions{MaxHops: 4}, path("t", "r4", "x", "r2", "s")},
			{"TieBreakAppliesWithinTheTypes", "s", "t", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Types: types(actorgraph.MetWith)}}, path("s", "r3", "x", "r9", "t")},
			{"ShorterPathBeatsSmallerIDs", "s", "t", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Types: types(actorgraph.RelatedTo, actorgraph.SpokeWith), Direction: out}}, path("s", "r2", "x", "r5", "t")},
			{"LongerPathWhenTypesLeaveNoShorter", "s", "t", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{Types: types(actorgraph.RelatedTo)}}, path("s", "r6", "a", "r7", "b", "r8", "t")},
			{"MaxHopsOneFindsNoTwoHopPath", "s", "t", actorgraph.PathOptions{MaxHops: 1}, nil},
		}},
	}
	for _, g := range groups {
		s := MustOpen(t, newStore, g.fixture)
		for _, tc := range g.tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.ShortestPath(t.Context(), tc.from, tc.to, tc.opts)
				mustNoError(t, fmt.Sprintf("ShortestPath(%q, %q, %+v)", tc.from, tc.to, tc.opts), err)
				if got != nil {
					checkPathShape(t, got, tc.from, tc.to, tc.opts)
				}
				if diff := cmp.Diff(tc.want, idPath(got), equateEmpty); diff != "" {
					t.Errorf("ShortestPath(%q, %q, %+v) (-want +got):\n%s", tc.from, tc.to, tc.opts, diff)
				}
			})
		}
	}

	t.Run("ReturnsWholeActorsAndRelationships", func(t *testing.T) {
		fx := TownFixture()
		town := MustOpen(t, newStore, fx)
		got, err := town.ShortestPath(t.Context(), "f", "c", actorgraph.PathOptions{MaxHops: 3})
		mustNoError(t, "ShortestPath", err)
		want := &actorgraph.Path{
			Nodes:         []actorgraph.Actor{fx.Actors[5], fx.Actors[0], fx.Actors[2]},
			Relationships: []actorgraph.Relationship{fx.Relationships[5], fx.Relationships[1]},
			Cost:          2,
		}
		if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
			t.Errorf("ShortestPath(f, c) (-want +got):\n%s", diff)
		}
	})

	t.Run("ErrorCases", func(t *testing.T) {
		tests := []struct {
			name     string
			from, to string
			opts     actorgraph.PathOptions
			want     error
		}{
			{"UnknownStartIsNotFound", "nobody", "a", actorgraph.PathOptions{MaxHops: 3}, actorgraph.ErrNotFound},
			{"UnknownEndIsNotFound", "a", "nobody", actorgraph.PathOptions{MaxHops: 3}, actorgraph.ErrNotFound},
			{"MaxHopsZeroIsInvalid", "a", "b", actorgraph.PathOptions{MaxHops: 0}, actorgraph.ErrInvalid},
			{"NegativeMaxHopsIsInvalid", "a", "b", actorgraph.PathOptions{MaxHops: -1}, actorgraph.ErrInvalid},
			{"UnknownTypeIsInvalid", "a", "b", actorgraph.PathOptions{MaxHops: 3, Walk: actorgraph.Walk{Types: types("HUGGED")}}, actorgraph.ErrInvalid},
			{"UnknownDirectionIsInvalid", "a", "b", actorgraph.PathOptions{MaxHops: 3, Walk: actorgraph.Walk{Direction: "SIDEWAYS"}}, actorgraph.ErrInvalid},
		}
		town := MustOpen(t, newStore, TownFixture())
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p, err := town.ShortestPath(t.Context(), tc.from, tc.to, tc.opts)
				assertErrorIs(t, fmt.Sprintf("ShortestPath(%q, %q, %+v)", tc.from, tc.to, tc.opts), err, tc.want)
				if p != nil {
					t.Errorf("ShortestPath returned a path with an error: %+v", idPath(p))
				}
			})
		}
	})

	t.Run("OnTheArticle", func(t *testing.T) {
		article := MustOpen(t, newStore, ArticleFixture(t))
		const stubb, putin = "alexander-stubb", "vladimir-putin"
		opts := actorgraph.PathOptions{MaxHops: 4}
		got, err := article.ShortestPath(t.Context(), stubb, putin, opts)
		mustNoError(t, "ShortestPath(stubb, putin)", err)
		if got == nil || got.Length() != 2 {
			t.Fatalf("ShortestPath(stubb, putin) = %+v, want a path of length 2", idPath(got))
		}
		checkPathShape(t, got, stubb, putin, opts)

		opts.Types = types(actorgraph.SpokeWith)
		got, err = article.ShortestPath(t.Context(), stubb, putin, opts)
		mustNoError(t, "ShortestPath(stubb, putin, SPOKE_WITH)", err)
		want := path(stubb, "stubb-spoke-with-trump", "donald-trump", "trump-spoke-with-putin-2025-05-19", putin)
		if diff := cmp.Diff(want, idPath(got)); diff != "" {
			t.Errorf("ShortestPath(stubb, putin, SPOKE_WITH) (-want +got):\n%s", diff)
		}
	})
}

func idPath(p *actorgraph.Path) *pathIDs {
	if p == nil {
		return nil
	}
	return &pathIDs{Nodes: actorIDs(p.Nodes), Relationships: relIDs(p.Relationships)}
}

// checkPathShape checks what holds for every path, whichever it is: it runs
// from `from` to `to`, each relationship links its neighbouring nodes in
// the allowed direction, and only allowed types are used.
func checkPathShape(t *testing.T, p *actorgraph.Path, from, to string, opts actorgraph.PathOptions) {
	t.Helper()
	if len(p.Nodes) != len(p.Relationships)+1 {
		t.Fatalf("path has %d nodes and %d relationships", len(p.Nodes), len(p.Relationships))
	}
	if p.Nodes[0].ID != from || p.Nodes[len(p.Nodes)-1].ID != to {
		t.Errorf("path runs %q → %q, want %q → %q", p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID, from, to)
	}
	if p.Length() > opts.MaxHops {
		t.Errorf("path length %d exceeds MaxHops %d", p.Length(), opts.MaxHops)
	}
	for i, r := range p.Relationships {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		forward, backward := r.From == a && r.To == b, r.From == b && r.To == a
		switch {
		case opts.Direction == actorgraph.Outgoing && !forward,
			opts.Direction == actorgraph.Incoming && !backward,
			!forward && !backward:
			t.Errorf("step %d: relationship %s (%s → %s) does not lead from %s to %s going %s", i, r.ID, r.From, r.To, a, b, opts.Direction)
		}
		if !actorgraph.TypeSet(opts.Types, r.Type) {
			t.Errorf("step %d: relationship %s has type %s, not among %v", i, r.ID, r.Type, opts.Types)
		}
	}
}
