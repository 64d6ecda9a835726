package actorgraph_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// untouchable is a Driver that must not be called: Graph checks every
// argument before a driver sees it. Each method records the call.
type untouchable struct {
	actorgraph.Driver // nil: a method not overridden below panics
	calls             []string
}

func (d *untouchable) touch(m string) error {
	d.calls = append(d.calls, m)
	return errors.New("the driver was called")
}

func (d *untouchable) ActorsByID(context.Context, []string) ([]*actorgraph.Actor, error) {
	return nil, d.touch("ActorsByID")
}
func (d *untouchable) Actors(context.Context, actorgraph.ActorFilter, actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
	return actorgraph.Page[actorgraph.Actor]{}, d.touch("Actors")
}
func (d *untouchable) Search(context.Context, string, int) ([]actorgraph.Actor, error) {
	return nil, d.touch("Search")
}
func (d *untouchable) Relationships(context.Context, actorgraph.RelationshipFilter, actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error) {
	return actorgraph.Page[actorgraph.Relationship]{}, d.touch("Relationships")
}
func (d *untouchable) RelationshipsOf(context.Context, []actorgraph.RelationshipsQuery) ([]actorgraph.Page[actorgraph.Relationship], error) {
	return nil, d.touch("RelationshipsOf")
}
func (d *untouchable) Neighborhood(context.Context, string, actorgraph.NeighborhoodOptions) (actorgraph.Subgraph, error) {
	return actorgraph.Subgraph{}, d.touch("Neighborhood")
}
func (d *untouchable) FindPaths(context.Context, actorgraph.PathQuery) (actorgraph.PathResult, error) {
	return actorgraph.PathResult{}, d.touch("FindPaths")
}
func (d *untouchable) CreateActor(context.Context, *actorgraph.Change, actorgraph.Actor) error {
	return d.touch("CreateActor")
}
func (d *untouchable) CreateRelationship(context.Context, *actorgraph.Change, actorgraph.Relationship) error {
	return d.touch("CreateRelationship")
}
func (d *untouchable) Upsert(context.Context, *actorgraph.Change, []actorgraph.Actor, []actorgraph.Relationship) error {
	return d.touch("Upsert")
}
func (d *untouchable) MergeActors(context.Context, *actorgraph.Change, string, []string) (actorgraph.MergeResult, error) {
	return actorgraph.MergeResult{}, d.touch("MergeActors")
}
func (d *untouchable) Changes(context.Context, actorgraph.ChangeQuery) (actorgraph.Page[actorgraph.Change], error) {
	return actorgraph.Page[actorgraph.Change]{}, d.touch("Changes")
}

// TestGraphChecksArgumentsBeforeTheDriver is the rule list of Graph: each
// row breaks one rule and must fail with ErrInvalid naming the field,
// without the driver being called.
func TestGraphChecksArgumentsBeforeTheDriver(t *testing.T) {
	hops := actorgraph.PathOptions{MaxHops: 3, First: 5}
	lo, hi := 5.0, -5.0
	bad := actorgraph.Actor{ID: "x", Kind: actorgraph.KindLeader} // no name
	goodActor := actorgraph.Actor{ID: "x", Kind: actorgraph.KindLeader, Name: "X"}
	tests := []struct {
		name, field string
		call        func(ctx context.Context, g *actorgraph.Graph) error
	}{
		{"ActorsNegativeFirst", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: -1})
			return err
		}},
		{"ActorsUnknownKind", "kinds", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Actors(ctx, actorgraph.ActorFilter{Kinds: []actorgraph.ActorKind{"KING"}}, actorgraph.PageRequest{First: 1})
			return err
		}},
		{"SearchBlankText", "text", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Search(ctx, " ,. ", 5)
			return err
		}},
		{"SearchNegativeLimit", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Search(ctx, "putin", -1)
			return err
		}},
		{"RelationshipsUnknownType", "types", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Relationships(ctx, actorgraph.RelationshipFilter{Types: []actorgraph.RelationshipType{"HUGGED"}}, actorgraph.PageRequest{First: 1})
			return err
		}},
		{"RelationshipsNegativeFirst", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Relationships(ctx, actorgraph.RelationshipFilter{}, actorgraph.PageRequest{First: -1})
			return err
		}},
		{"RelationshipsOfUnknownDirection", "direction", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{{ActorID: "a", Direction: "SIDEWAYS"}})
			return err
		}},
		{"NeighborhoodNegativeDepth", "depth", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: -1})
			return err
		}},
		{"NeighborhoodNegativeLimit", "limit", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 1, Limit: -1})
			return err
		}},
		{"NeighborhoodGoldsteinBoundsCrossed", "maxGoldstein", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 1, Walk: actorgraph.Walk{MinGoldstein: &lo, MaxGoldstein: &hi}})
			return err
		}},
		{"ShortestPathZeroHops", "maxHops", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.ShortestPath(ctx, "a", "b", actorgraph.PathOptions{})
			return err
		}},
		{"ShortestPathUnknownIntermediateKind", "intermediateKinds", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.ShortestPath(ctx, "a", "b", actorgraph.PathOptions{MaxHops: 2, Walk: actorgraph.Walk{IntermediateKinds: []actorgraph.ActorKind{"KING"}}})
			return err
		}},
		{"AllShortestPathsZeroFirst", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			_, _, err := g.AllShortestPaths(ctx, "a", "b", actorgraph.PathOptions{MaxHops: 3})
			return err
		}},
		{"KShortestPathsZeroK", "k", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.KShortestPaths(ctx, "a", "b", actorgraph.PathOptions{MaxHops: 3})
			return err
		}},
		{"PathsNegativeOffset", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			opts := hops
			opts.Offset = -1
			_, _, err := g.Paths(ctx, "a", "b", opts)
			return err
		}},
		{"CheapestPathUnknownWeight", "weight", func(ctx context.Context, g *actorgraph.Graph) error {
			opts := hops
			opts.Weight = "FASTEST"
			_, err := g.CheapestPath(ctx, "a", "b", opts)
			return err
		}},
		{"CreateActorWithoutName", "name", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.CreateActor(ctx, bad)
			return err
		}},
		{"CreateRelationshipWithoutType", "type", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.CreateRelationship(ctx, actorgraph.Relationship{ID: "r", From: "a", To: "b"})
			return err
		}},
		{"UpsertNamesTheBadRecord", "name", func(ctx context.Context, g *actorgraph.Graph) error {
			err := g.Upsert(ctx, []actorgraph.Actor{goodActor, bad}, nil)
			if err != nil && err.Error() != `actor 1 ("x"): invalid name: must not be empty` {
				return fmt.Errorf("message %q does not name actor 1: %w", err, err)
			}
			return err
		}},
		{"ChangesNegativeFirst", "first", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Changes(ctx, actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: -1}})
			return err
		}},
		{"ChangesBackward", "last", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Changes(ctx, actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: 1, Backward: true}})
			return err
		}},
		{"ChangesBadActor", "actor", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.Changes(ctx, actorgraph.ChangeQuery{ActorID: "Not An Id", Page: actorgraph.PageRequest{First: 1}})
			return err
		}},
		{"MergeIntoItself", "from", func(ctx context.Context, g *actorgraph.Graph) error {
			_, err := g.MergeActors(ctx, "a", []string{"a"})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &untouchable{}
			err := tc.call(t.Context(), actorgraph.NewGraph(d))
			var fe *actorgraph.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, actorgraph.ErrInvalid) {
				t.Fatalf("error = %v, want an ErrInvalid naming field %q", err, tc.field)
			}
			if fe.Field != tc.field {
				t.Errorf("field = %q (%v), want %q", fe.Field, err, tc.field)
			}
			if len(d.calls) > 0 {
				t.Errorf("the driver was called (%v) with an invalid argument", d.calls)
			}
		})
	}
}

// TestGraphStopsAtAnEndedContext: a call with a cancelled context returns
// ctx.Err() and never reaches the driver.
func TestGraphStopsAtAnEndedContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	d := &untouchable{}
	g := actorgraph.NewGraph(d)
	opts := actorgraph.PathOptions{MaxHops: 2, First: 1, Weight: actorgraph.WeightHops}
	errs := map[string]error{}
	_, errs["Actor"] = g.Actor(ctx, "a")
	_, errs["Actors"] = g.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 1})
	_, errs["Search"] = g.Search(ctx, "putin", 1)
	_, errs["Neighborhood"] = g.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 1})
	_, errs["ShortestPath"] = g.ShortestPath(ctx, "a", "b", opts)
	_, errs["CheapestPath"] = g.CheapestPath(ctx, "a", "b", opts)
	_, errs["CreateActor"] = g.CreateActor(ctx, actorgraph.Actor{ID: "x", Kind: actorgraph.KindLeader, Name: "X"})
	errs["Upsert"] = g.Upsert(ctx, nil, nil)
	for m, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v, want context.Canceled", m, err)
		}
	}
	if len(d.calls) > 0 {
		t.Errorf("the driver was called (%v) after the context ended", d.calls)
	}
}

// TestGraphReportsEveryCallToItsObservers: one report per Graph call,
// named by the method, with its error, to every observer in order.
func TestGraphReportsEveryCallToItsObservers(t *testing.T) {
	var first, second []string
	g := actorgraph.NewGraph(&untouchable{}).
		WithObserver(func(m string, _ time.Duration, err error) { first = append(first, m+":"+errName(err)) }).
		WithObserver(func(m string, _ time.Duration, err error) { second = append(second, m+":"+errName(err)) })
	g.Search(t.Context(), "", 1)                                                // invalid: reported too
	g.KShortestPaths(t.Context(), "a", "b", actorgraph.PathOptions{MaxHops: 1}) // invalid k
	g.Search(t.Context(), "putin", 1)                                           // reaches the driver
	want := []string{"Search:invalid", "KShortestPaths:invalid", "Search:other"}
	if !slices.Equal(first, want) || !slices.Equal(second, want) {
		t.Errorf("reports = %v and %v, want %v for both", first, second, want)
	}
}

func errName(err error) string {
	switch {
	case err == nil:
		return "nil"
	case errors.Is(err, actorgraph.ErrInvalid):
		return "invalid"
	}
	return "other"
}
