package storetest

import (
	"fmt"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// temporal answers TemporalPath by brute force: of every simple path the
// walk allows, those whose relationships are all dated, dates not
// decreasing, all within the first date plus within days (within < 0: no
// window); the fewest hops, then the earliest arrival, then the path order.
func (o *oracle) temporal(from, to string, opts actorgraph.PathOptions, within int) (refPath, bool) {
	dates := map[string]actorgraph.Date{}
	for _, r := range o.rels {
		if r.Date != nil {
			dates[r.ID] = *r.Date
		}
	}
	var best refPath
	found := false
	for _, p := range o.paths(from, to, opts, "") { // in the path order
		ok := true
		for i, id := range p.Rels {
			d, dated := dates[id]
			switch {
			case !dated:
				ok = false
			case i > 0 && d.Before(dates[p.Rels[i-1]]):
				ok = false
			case within >= 0 && d.Days() > dates[p.Rels[0]].Days()+within:
				ok = false
			}
		}
		if !ok {
			continue
		}
		arrival := func(q refPath) int {
			if len(q.Rels) == 0 {
				return 0
			}
			return dates[q.Rels[len(q.Rels)-1]].Days()
		}
		if !found || len(p.Rels) == len(best.Rels) && arrival(p) < arrival(best) {
			best, found = refPath{Nodes: p.Nodes, Rels: p.Rels}, true
		}
	}
	return best, found
}

// testTime checks asOf on every walk and RelationshipsOf, and TemporalPath
// against the oracle, on WebFixture: w07 (an undated event), w09, w10
// (undated offers), w11 and w15 (undated structural) are what asOf and
// temporal paths decide about.
func testTime(t *testing.T, newStore NewStore) {
	fx := WebFixture()
	o := newOracle(fx)
	s := MustOpen(t, newStore, fx)
	ctx := t.Context()
	asOf := datePtr("2025-05-05")

	t.Run("AsOfKeepsWhatWasKnownOnTheDay", func(t *testing.T) {
		pages, err := s.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{
			{ActorID: "c", AsOf: asOf, Page: actorgraph.PageRequest{First: 20}},
			{ActorID: "g", AsOf: asOf, Page: actorgraph.PageRequest{First: 20}},
			{ActorID: "c", Page: actorgraph.PageRequest{First: 20}},
			{ActorID: "e", AsOf: datePtr("2025-05-01"), Direction: actorgraph.Outgoing, Page: actorgraph.PageRequest{First: 20}},
		})
		mustNoError(t, "RelationshipsOf", err)
		// c: w02 (05-02), w03 (05-03), w05 (05-05) dated in time; w07 an
		// undated event, out; w11 undated LEADS, in; w14 (05-14) too late.
		want := [][]string{
			{"w02", "w03", "w05", "w11"},
			{"w11"}, // w12, w13, w18 are later
			{"w02", "w03", "w05", "w07", "w11", "w14"},
			{}, // e's outgoing w08, w18 are later
		}
		for i, p := range pages {
			got := []string{}
			for _, r := range p.Items {
				got = append(got, r.ID)
			}
			if diff := gocmp.Diff(want[i], got); diff != "" || p.TotalCount != len(want[i]) {
				t.Errorf("query %d: total %d (-want +got):\n%s", i, p.TotalCount, diff)
			}
		}
	})

	t.Run("AsOfOnNeighborhood", func(t *testing.T) {
		sub, err := s.Neighborhood(ctx, "f", actorgraph.NeighborhoodOptions{Depth: 2, Walk: actorgraph.Walk{AsOf: asOf}})
		mustNoError(t, "Neighborhood", err)
		// f's offers w09, w10 are undated events: only the structural
		// MEMBER_OF w15 from h is left.
		var nodes, edges []string
		for _, n := range sub.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, e := range sub.Edges {
			edges = append(edges, e.ID)
		}
		if diff := gocmp.Diff([]string{"f", "h"}, nodes); diff != "" {
			t.Errorf("nodes (-want +got):\n%s", diff)
		}
		if diff := gocmp.Diff([]string{"w15"}, edges); diff != "" {
			t.Errorf("edges (-want +got):\n%s", diff)
		}
	})

	t.Run("AsOfOnPathSearches", func(t *testing.T) {
		// The undated LEADS w11 stays (a→c→g), the undated event w07
		// (c→e) does not.
		for _, to := range []string{"b", "c", "d", "e", "g"} {
			opts := actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{AsOf: asOf}}
			want := o.paths("a", to, opts, "")
			all, _, err := s.Paths(ctx, "a", to, page(opts, 0, 100))
			mustNoError(t, "Paths", err)
			if diff := gocmp.Diff(clip(want, len(want)), refs(all), refCmp, cmpEmpty); diff != "" {
				t.Errorf("Paths a→%s asOf %s (-want +got):\n%s", to, asOf, diff)
			}
			sp, err := s.ShortestPath(ctx, "a", to, opts)
			mustNoError(t, "ShortestPath", err)
			if (sp == nil) != (len(want) == 0) || sp != nil && !gocmp.Equal(clip(want, 1)[0], ref(*sp), refCmp) {
				t.Errorf("ShortestPath a→%s asOf %s = %v, want %v", to, asOf, sp, clip(want, 1))
			}
		}
		// e is reached only by w07 (undated) and events after the day.
		p, err := s.ShortestPath(ctx, "a", "e", actorgraph.PathOptions{MaxHops: 4, Walk: actorgraph.Walk{AsOf: asOf}})
		mustNoError(t, "ShortestPath a→e", err)
		if p != nil {
			t.Errorf("ShortestPath a→e as of %s = %v, want none (w07 is undated, the rest later)", asOf, ref(*p))
		}
	})

	t.Run("TemporalPathMatchesTheOracle", func(t *testing.T) {
		walks := webWalks()
		walks["AsOf"] = actorgraph.Walk{AsOf: datePtr("2025-05-13")}
		for name, walk := range walks {
			for _, from := range []string{"a", "b", "d", "h"} {
				for _, to := range []string{"a", "b", "c", "d", "e", "g", "i"} {
					for _, within := range []int{-1, 0, 2, 10} {
						opts := actorgraph.PathOptions{MaxHops: 4, Walk: walk}
						if within >= 0 {
							opts.Within = &within
						}
						want, ok := o.temporal(from, to, opts, within)
						got, err := s.TemporalPath(ctx, from, to, opts)
						where := fmt.Sprintf("%s %s→%s within %d", name, from, to, within)
						mustNoError(t, "TemporalPath "+where, err)
						switch {
						case !ok && got != nil:
							t.Errorf("TemporalPath %s = %v, want none", where, ref(*got))
						case ok && got == nil:
							t.Errorf("TemporalPath %s = none, want %v", where, want)
						case ok:
							if diff := gocmp.Diff(want, ref(*got), refCmp); diff != "" {
								t.Errorf("TemporalPath %s (-want +got):\n%s", where, diff)
							}
						}
					}
				}
			}
		}
	})

	t.Run("TemporalPathKnownAnswers", func(t *testing.T) {
		// Following the arrows a→d: a-w01 (05-01)→b-w04 (05-04)→d beats
		// a-w02 (05-02)→c-w05 (05-05)→d by arrival (b < c would agree; the
		// window decides below). Both take 3 days: none within 2.
		out := actorgraph.Walk{Direction: actorgraph.Outgoing}
		p, err := s.TemporalPath(ctx, "a", "d", actorgraph.PathOptions{MaxHops: 4, Walk: out})
		mustNoError(t, "TemporalPath", err)
		if p == nil || !slices.Equal(ref(*p).Rels, []string{"w01", "w04"}) {
			t.Fatalf("TemporalPath a→d = %v, want w01, w04", p)
		}
		two := 2
		p, err = s.TemporalPath(ctx, "a", "d", actorgraph.PathOptions{MaxHops: 2, Within: &two, Walk: out})
		mustNoError(t, "TemporalPath within 2", err)
		if p != nil {
			t.Fatalf("TemporalPath a→d within 2 days, 2 hops = %v, want none", ref(*p))
		}
		// Undated relationships are not usable: h reaches f only by the
		// undated MEMBER_OF w15.
		p, err = s.TemporalPath(ctx, "h", "f", actorgraph.PathOptions{MaxHops: 4})
		mustNoError(t, "TemporalPath h→f", err)
		if p != nil {
			t.Fatalf("TemporalPath h→f = %v, want none", ref(*p))
		}
		neg := -1
		_, err = s.TemporalPath(ctx, "a", "d", actorgraph.PathOptions{MaxHops: 2, Within: &neg})
		assertErrorIs(t, "TemporalPath within -1", err, actorgraph.ErrInvalid)
		_, err = s.TemporalPath(ctx, "a", "nobody", actorgraph.PathOptions{MaxHops: 2})
		assertErrorIs(t, "TemporalPath unknown end", err, actorgraph.ErrNotFound)
	})
}
