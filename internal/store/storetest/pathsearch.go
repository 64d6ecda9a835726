package storetest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// WebFixture is a small, dense graph for path searches: cycles, parallel
// relationships, Goldstein scores, dates, modalities and several kinds, so
// every filter of a walk changes some answer.
func WebFixture() Fixture {
	kinds := map[string]actorgraph.ActorKind{
		"a": actorgraph.KindLeader, "b": actorgraph.KindOfficial, "c": actorgraph.KindGovernment,
		"d": actorgraph.KindOfficial, "e": actorgraph.KindLeader, "f": actorgraph.KindMediator,
		"g": actorgraph.KindOfficial, "h": actorgraph.KindGroup, "i": actorgraph.KindJournalist,
	}
	var fx Fixture
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		fx.Actors = append(fx.Actors, actorgraph.Actor{ID: id, Kind: kinds[id], Name: "Web " + id})
	}
	g := func(v float64) func(*actorgraph.Relationship) {
		return func(r *actorgraph.Relationship) { r.Goldstein = &v }
	}
	fx.Relationships = []actorgraph.Relationship{
		rel("w01", "a", actorgraph.SpokeWith, "b", on("2025-05-01"), g(1)),
		rel("w02", "a", actorgraph.Attacked, "c", on("2025-05-02"), g(-10)),
		rel("w03", "b", actorgraph.SpokeWith, "c", on("2025-05-03"), g(1)),
		rel("w04", "b", actorgraph.Praised, "d", on("2025-05-04"), g(3.4)),
		rel("w05", "c", actorgraph.Demanded, "d", on("2025-05-05"), g(-5)),
		rel("w06", "d", actorgraph.MetWith, "e", on("2025-05-06"), g(2.5)),
		rel("w07", "c", actorgraph.ThreatenedSanctions, "e", modality(actorgraph.Threatened), g(-5.8)),
		rel("w08", "e", actorgraph.SpokeWith, "a", on("2025-05-08"), g(1)),
		rel("w09", "f", actorgraph.OfferedToHost, "a", modality(actorgraph.Intended), g(5)),
		rel("w10", "f", actorgraph.OfferedToHost, "e", modality(actorgraph.Intended), g(5)),
		rel("w11", "g", actorgraph.Leads, "c"),
		rel("w12", "b", actorgraph.SpokeWith, "g", on("2025-05-12"), g(1)),
		rel("w13", "g", actorgraph.NegotiatedWith, "e", on("2025-05-13"), g(7)),
		rel("w14", "b", actorgraph.MetWith, "c", on("2025-05-14"), g(2.5)),
		rel("w15", "h", actorgraph.MemberOf, "f"),
		rel("w16", "d", actorgraph.Rejected, "a", on("2025-05-16"), g(-4)),
		rel("w17", "i", actorgraph.ReportedOn, "e", on("2025-05-17"), g(0)),
		rel("w18", "e", actorgraph.Supported, "g", on("2025-05-18"), g(8.3)),
	}
	return fx
}

// oracle answers path questions on a fixture by brute force: every simple
// path, sorted in the path order.
type oracle struct {
	actors map[string]actorgraph.Actor
	rels   []actorgraph.Relationship
}

func newOracle(fx Fixture) *oracle {
	o := &oracle{actors: map[string]actorgraph.Actor{}, rels: fx.Relationships}
	for _, a := range fx.Actors {
		o.actors[a.ID] = a
	}
	return o
}

// refPath is a path as ids and its cost under a weight.
type refPath struct {
	Nodes, Rels []string
	milli       int64
}

func (o *oracle) paths(from, to string, opts actorgraph.PathOptions, weight actorgraph.Weight) []refPath {
	w := opts.Walk
	passable := func(id string) bool {
		a := o.actors[id]
		return id == from || id == to || w.AllowsThrough(&a)
	}
	var out []refPath
	var walk func(cur refPath, seen map[string]bool)
	walk = func(cur refPath, seen map[string]bool) {
		here := cur.Nodes[len(cur.Nodes)-1]
		if here == to {
			out = append(out, refPath{Nodes: slices.Clone(cur.Nodes), Rels: slices.Clone(cur.Rels), milli: cur.milli})
			return
		}
		if len(cur.Rels) == opts.MaxHops {
			return
		}
		for i := range o.rels {
			r := &o.rels[i]
			var next string
			switch {
			case r.From == here && w.Dir() != actorgraph.Incoming:
				next = r.To
			case r.To == here && w.Dir() != actorgraph.Outgoing:
				next = r.From
			default:
				continue
			}
			if seen[next] || !w.AllowsRelationship(r) || !passable(next) {
				continue
			}
			seen[next] = true
			c := cur
			c.Nodes, c.Rels = append(slices.Clone(cur.Nodes), next), append(slices.Clone(cur.Rels), r.ID)
			if weight != "" {
				c.milli += weight.Milli(r)
			}
			walk(c, seen)
			delete(seen, next)
		}
	}
	if from == to {
		return []refPath{{Nodes: []string{from}}}
	}
	walk(refPath{Nodes: []string{from}}, map[string]bool{from: true})
	slices.SortFunc(out, comparePaths)
	return out
}

// comparePaths is the path order: length, then steps as (node, rel) pairs.
func comparePaths(p, q refPath) int {
	if c := cmp.Compare(len(p.Rels), len(q.Rels)); c != 0 {
		return c
	}
	for i := range p.Rels {
		if c := cmp.Compare(p.Nodes[i+1], q.Nodes[i+1]); c != 0 {
			return c
		}
		if c := cmp.Compare(p.Rels[i], q.Rels[i]); c != 0 {
			return c
		}
	}
	return 0
}

func ref(p actorgraph.Path) refPath {
	var r refPath
	for _, n := range p.Nodes {
		r.Nodes = append(r.Nodes, n.ID)
	}
	for _, rel := range p.Relationships {
		r.Rels = append(r.Rels, rel.ID)
	}
	return r
}

func refs(ps []actorgraph.Path) []refPath {
	out := []refPath{}
	for _, p := range ps {
		out = append(out, ref(p))
	}
	return out
}

func clip(ps []refPath, n int) []refPath {
	out := []refPath{}
	for i := 0; i < len(ps) && i < n; i++ {
		out = append(out, refPath{Nodes: ps[i].Nodes, Rels: ps[i].Rels})
	}
	return out
}

var refCmp = gocmp.AllowUnexported(refPath{})

// walks used against the oracle: each changes some answer on WebFixture.
func webWalks() map[string]actorgraph.Walk {
	zero, five := 0.0, 5.0
	return map[string]actorgraph.Walk{
		"Default":                {},
		"Outgoing":               {Direction: actorgraph.Outgoing},
		"Incoming":               {Direction: actorgraph.Incoming},
		"Types":                  {Types: []actorgraph.RelationshipType{actorgraph.SpokeWith, actorgraph.MetWith, actorgraph.NegotiatedWith}},
		"DateWindow":             {Since: datePtr("2025-05-03"), Until: datePtr("2025-05-14")},
		"Modalities":             {Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		"CooperativeOnly":        {MinGoldstein: &zero},
		"GoldsteinBand":          {MinGoldstein: &zero, MaxGoldstein: &five},
		"AvoidC":                 {Avoid: []string{"c"}},
		"OnlyOfficialsBetween":   {IntermediateKinds: []actorgraph.ActorKind{actorgraph.KindOfficial}},
		"OutgoingAvoidingLeader": {Direction: actorgraph.Outgoing, Avoid: []string{"e"}},
		"AsOf":                   {AsOf: datePtr("2025-05-06")},
		"OutgoingAsOf":           {Direction: actorgraph.Outgoing, AsOf: datePtr("2025-05-13")},
	}
}

func testPathSearches(t *testing.T, newStore NewStore) {
	fx := WebFixture()
	o := newOracle(fx)
	s := MustOpen(t, newStore, fx)
	ctx := t.Context()
	sources := []string{"a", "d", "h"}
	targets := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}
	for name, walk := range webWalks() {
		t.Run(name, func(t *testing.T) {
			for _, from := range sources {
				for _, to := range targets {
					opts := actorgraph.PathOptions{MaxHops: 4, Walk: walk}
					want := o.paths(from, to, opts, "")
					where := fmt.Sprintf("%s→%s", from, to)

					sp, err := s.ShortestPath(ctx, from, to, opts)
					mustNoError(t, "ShortestPath "+where, err)
					if len(want) == 0 && sp != nil || len(want) > 0 && (sp == nil || !gocmp.Equal(clip(want, 1)[0], ref(*sp), refCmp)) {
						t.Errorf("ShortestPath %s = %v, want %v", where, sp, clip(want, 1))
					}

					var shortest []refPath
					for _, p := range want {
						if len(p.Rels) == len(want[0].Rels) {
							shortest = append(shortest, p)
						}
					}
					all, more, err := s.AllShortestPaths(ctx, from, to, first(opts, 2))
					mustNoError(t, "AllShortestPaths "+where, err)
					if diff := gocmp.Diff(clip(shortest, 2), refs(all), refCmp); diff != "" || more != (len(shortest) > 2) {
						t.Errorf("AllShortestPaths %s (more=%v) (-want +got):\n%s", where, more, diff)
					}

					k, err := s.KShortestPaths(ctx, from, to, first(opts, 4))
					mustNoError(t, "KShortestPaths "+where, err)
					if diff := gocmp.Diff(clip(want, 4), refs(k), refCmp); diff != "" {
						t.Errorf("KShortestPaths %s (-want +got):\n%s", where, diff)
					}

					var paged []refPath
					for offset := 0; ; offset += 3 {
						page, more, err := s.Paths(ctx, from, to, page(opts, offset, 3))
						mustNoError(t, "Paths "+where, err)
						paged = append(paged, refs(page)...)
						if !more {
							break
						}
						if offset > 1000 {
							t.Fatalf("Paths %s never ends", where)
						}
					}
					if diff := gocmp.Diff(clip(want, len(want)), paged, refCmp, cmpEmpty); diff != "" {
						t.Errorf("Paths %s paged by 3 (-want +got):\n%s", where, diff)
					}

					for _, weight := range []actorgraph.Weight{actorgraph.WeightHops, actorgraph.WeightCooperation} {
						costed := o.paths(from, to, opts, weight)
						slices.SortStableFunc(costed, func(p, q refPath) int { return cmp.Compare(p.milli, q.milli) })
						got, err := s.CheapestPath(ctx, from, to, weighted(opts, weight))
						mustNoError(t, "CheapestPath "+where, err)
						switch {
						case len(costed) == 0 && got != nil:
							t.Errorf("CheapestPath(%s) %s = %v, want none", weight, where, ref(*got))
						case len(costed) > 0 && got == nil:
							t.Errorf("CheapestPath(%s) %s = none, want %v", weight, where, costed[0])
						case got != nil:
							if diff := gocmp.Diff(clip(costed, 1)[0], ref(*got), refCmp); diff != "" || got.Cost != float64(costed[0].milli)/1000 {
								t.Errorf("CheapestPath(%s) %s cost %v want %v (-want +got):\n%s", weight, where, got.Cost, float64(costed[0].milli)/1000, diff)
							}
						}
					}
				}
			}
		})
	}
	t.Run("PathsCarryTheirLengthAsCost", func(t *testing.T) {
		p, err := s.ShortestPath(ctx, "h", "c", actorgraph.PathOptions{MaxHops: 6})
		mustNoError(t, "ShortestPath", err)
		if p == nil || p.Cost != float64(p.Length()) {
			t.Fatalf("path %v: cost %v", p, p.Cost)
		}
	})
	t.Run("InvalidArgumentsAreInvalid", func(t *testing.T) {
		one, two := 1.0, 2.0
		bad := actorgraph.PathOptions{MaxHops: 3, Walk: actorgraph.Walk{MinGoldstein: &two, MaxGoldstein: &one}}
		_, err := s.KShortestPaths(ctx, "a", "e", actorgraph.PathOptions{MaxHops: 3, First: 0})
		assertErrorIs(t, "KShortestPaths k=0", err, actorgraph.ErrInvalid)
		_, err = s.CheapestPath(ctx, "a", "e", actorgraph.PathOptions{MaxHops: 3, Weight: "FASTEST"})
		assertErrorIs(t, "CheapestPath unknown weight", err, actorgraph.ErrInvalid)
		_, err = s.ShortestPath(ctx, "a", "e", bad)
		assertErrorIs(t, "ShortestPath max below min Goldstein", err, actorgraph.ErrInvalid)
		_, _, err = s.AllShortestPaths(ctx, "a", "e", actorgraph.PathOptions{MaxHops: 3, First: 5, Walk: actorgraph.Walk{IntermediateKinds: []actorgraph.ActorKind{"KING"}}})
		assertErrorIs(t, "AllShortestPaths unknown kind", err, actorgraph.ErrInvalid)
		_, _, err = s.Paths(ctx, "a", "nobody", actorgraph.PathOptions{MaxHops: 3, First: 5})
		assertErrorIs(t, "Paths unknown end", err, actorgraph.ErrNotFound)
		if !errors.Is(err, actorgraph.ErrNotFound) {
			return
		}
	})
	t.Run("NeighborhoodLimitKeepsTheNearest", func(t *testing.T) {
		full, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2})
		mustNoError(t, "Neighborhood", err)
		if full.Truncated || len(full.Nodes) < 5 {
			t.Fatalf("unlimited neighborhood: %d nodes, truncated %v", len(full.Nodes), full.Truncated)
		}
		cut, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2, Limit: 4})
		mustNoError(t, "Neighborhood limit 4", err)
		if !cut.Truncated || len(cut.Nodes) != 4 {
			t.Fatalf("limited neighborhood: %d nodes, truncated %v", len(cut.Nodes), cut.Truncated)
		}
		for i, n := range cut.Nodes {
			if n.ID != full.Nodes[i].ID {
				t.Errorf("limited node %d = %s, want %s", i, n.ID, full.Nodes[i].ID)
			}
		}
		kept := map[string]bool{}
		for _, n := range cut.Nodes {
			kept[n.ID] = true
		}
		for _, e := range cut.Edges {
			if !kept[e.From] || !kept[e.To] {
				t.Errorf("edge %s leaves the kept nodes", e.ID)
			}
		}
		exact, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2, Limit: len(full.Nodes)})
		mustNoError(t, "Neighborhood exact limit", err)
		if exact.Truncated {
			t.Error("a limit equal to the size reports truncation")
		}
	})
	t.Run("NeighborhoodEdgeCapKeepsTheNearestNodesEdges", func(t *testing.T) {
		full, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2})
		mustNoError(t, "Neighborhood", err)
		if len(full.Edges) < 4 {
			t.Fatalf("unlimited neighborhood has %d edges; the fixture should give more", len(full.Edges))
		}
		// The rule: an edge belongs to its From node; nodes in the
		// subgraph's order, each one's edges by id; the first MaxEdges.
		pos := map[string]int{}
		for i, n := range full.Nodes {
			pos[n.ID] = i
		}
		ordered := slices.Clone(full.Edges)
		slices.SortStableFunc(ordered, func(x, y actorgraph.Relationship) int { return pos[x.From] - pos[y.From] })
		for _, max := range []int{1, 2, len(full.Edges) - 1, len(full.Edges)} {
			got, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2, MaxEdges: max})
			mustNoError(t, "Neighborhood", err)
			want := relIDs(ordered[:max])
			slices.Sort(want)
			if diff := gocmp.Diff(want, relIDs(got.Edges)); diff != "" {
				t.Errorf("MaxEdges %d: edges (-want +got):\n%s", max, diff)
			}
			if diff := gocmp.Diff(actorIDs(full.Nodes), actorIDs(got.Nodes)); diff != "" {
				t.Errorf("MaxEdges %d: the edge cap changed the nodes (-want +got):\n%s", max, diff)
			}
			cut := max < len(full.Edges)
			if got.Truncated != cut || cut != slices.Equal(got.TruncatedBy, []actorgraph.Truncation{actorgraph.EdgeLimit}) {
				t.Errorf("MaxEdges %d of %d: truncated %v by %v", max, len(full.Edges), got.Truncated, got.TruncatedBy)
			}
		}
		both, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 2, Limit: 3, MaxEdges: 1})
		mustNoError(t, "Neighborhood", err)
		if want := []actorgraph.Truncation{actorgraph.NodeLimit, actorgraph.EdgeLimit}; !slices.Equal(both.TruncatedBy, want) {
			t.Errorf("both caps: truncated by %v, want %v", both.TruncatedBy, want)
		}
	})
	t.Run("NeighborhoodHonoursTheWalk", func(t *testing.T) {
		zero := 0.0
		sub, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 1, Walk: actorgraph.Walk{MinGoldstein: &zero, Avoid: []string{"b"}}})
		mustNoError(t, "Neighborhood", err)
		var ids []string
		for _, n := range sub.Nodes {
			ids = append(ids, n.ID)
		}
		// a's cooperative links: w01 to b (avoided), w08 from e, w09 from f.
		if diff := gocmp.Diff([]string{"a", "e", "f"}, ids); diff != "" {
			t.Errorf("nodes (-want +got):\n%s", diff)
		}
		for _, e := range sub.Edges {
			if e.Goldstein == nil || *e.Goldstein < 0 {
				t.Errorf("edge %s breaks the Goldstein filter", e.ID)
			}
		}
	})
}

var cmpEmpty = equateEmpty

// first returns opts asking for n paths (First).
func first(opts actorgraph.PathOptions, n int) actorgraph.PathOptions {
	opts.First = n
	return opts
}

// page returns opts asking for the page of Paths at offset.
func page(opts actorgraph.PathOptions, offset, n int) actorgraph.PathOptions {
	opts.Offset, opts.First = offset, n
	return opts
}

// weighted returns opts minimising weight w (CheapestPath).
func weighted(opts actorgraph.PathOptions, w actorgraph.Weight) actorgraph.PathOptions {
	opts.Weight = w
	return opts
}
