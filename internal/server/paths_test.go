package server_test

import (
	"strings"
	"testing"
)

func TestPathQueriesOverHTTP(t *testing.T) {
	ts := MustStartServer(t)

	r := ts.mustQuery(t, `{ kShortestPaths(from: "alexander-stubb", to: "vladimir-putin", k: 3) {
	  length cost evidenceChain { from { id } to { id } relationship { id } quote } } }`, nil)
	var k struct {
		KShortestPaths []struct {
			Length        int
			Cost          float64
			EvidenceChain []struct {
				From, To     struct{ ID string }
				Relationship struct{ ID string }
				Quote        string
			}
		}
	}
	r.decode(t, &k)
	if len(k.KShortestPaths) != 3 {
		t.Fatalf("k=3 gave %d paths", len(k.KShortestPaths))
	}
	for i, p := range k.KShortestPaths {
		if i > 0 && p.Length < k.KShortestPaths[i-1].Length {
			t.Errorf("path %d is shorter than path %d", i, i-1)
		}
		if p.Cost != float64(p.Length) || len(p.EvidenceChain) != p.Length {
			t.Errorf("path %d: cost %v, %d steps for length %d", i, p.Cost, len(p.EvidenceChain), p.Length)
		}
		prev := "alexander-stubb"
		for _, st := range p.EvidenceChain {
			if st.From.ID != prev || st.Quote == "" {
				t.Errorf("path %d: broken chain at %+v", i, st)
			}
			prev = st.To.ID
		}
		if prev != "vladimir-putin" {
			t.Errorf("path %d ends at %s", i, prev)
		}
	}

	// Paging through paths gives the k shortest first, in order, no repeats.
	var pagedIDs []string
	var after any
	for page := 0; page < 20; page++ {
		r := ts.mustQuery(t, `query($after: String) { paths(from: "alexander-stubb", to: "vladimir-putin", maxHops: 3, first: 4, after: $after) {
		  pageInfo { hasNextPage endCursor } edges { node { relationships { id } } } } }`, map[string]any{"after": after})
		var got struct {
			Paths struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Node struct{ Relationships []struct{ ID string } }
				}
			}
		}
		r.decode(t, &got)
		for _, e := range got.Paths.Edges {
			var ids []string
			for _, rel := range e.Node.Relationships {
				ids = append(ids, rel.ID)
			}
			pagedIDs = append(pagedIDs, strings.Join(ids, ">"))
		}
		if !got.Paths.PageInfo.HasNextPage {
			break
		}
		after = *got.Paths.PageInfo.EndCursor
	}
	seen := map[string]bool{}
	for _, p := range pagedIDs {
		if seen[p] {
			t.Fatalf("path %s paged twice", p)
		}
		seen[p] = true
	}
	if len(pagedIDs) < 3 {
		t.Fatalf("paged %d paths", len(pagedIDs))
	}

	// The most cooperative route costs no more than the shortest one.
	r = ts.mustQuery(t, `{
	  coop: cheapestPath(from: "alexander-stubb", to: "vladimir-putin", weight: COOPERATION) { cost relationships { goldstein } }
	  hops: cheapestPath(from: "alexander-stubb", to: "vladimir-putin", weight: HOPS) { cost length }
	  all: allShortestPaths(from: "alexander-stubb", to: "vladimir-putin") { length }
	  friendly: shortestPath(from: "alexander-stubb", to: "vladimir-putin", filter: {minGoldstein: 0}) { relationships { goldstein } }
	  around: shortestPath(from: "alexander-stubb", to: "vladimir-putin", filter: {avoid: ["donald-trump"]}) { nodes { id } }
	}`, nil)
	var c struct {
		Coop struct {
			Cost          float64
			Relationships []struct{ Goldstein *float64 }
		}
		Hops struct {
			Cost   float64
			Length int
		}
		All      []struct{ Length int }
		Friendly struct {
			Relationships []struct{ Goldstein *float64 }
		}
		Around *struct{ Nodes []struct{ ID string } }
	}
	r.decode(t, &c)
	if c.Hops.Cost != float64(c.Hops.Length) || c.Hops.Length != 2 || len(c.All) == 0 || c.All[0].Length != 2 {
		t.Errorf("hop-count answers disagree: %+v %+v", c.Hops, c.All)
	}
	if c.Coop.Cost <= 0 {
		t.Errorf("cooperation cost %v", c.Coop.Cost)
	}
	for _, rel := range c.Friendly.Relationships {
		if rel.Goldstein == nil || *rel.Goldstein < 0 {
			t.Errorf("minGoldstein 0 let through %v", rel.Goldstein)
		}
	}
	if c.Around != nil {
		for _, n := range c.Around.Nodes {
			if n.ID == "donald-trump" {
				t.Error("avoid did not avoid Trump")
			}
		}
	}

	r = ts.mustQuery(t, `{ neighborhood(id: "donald-trump", depth: 2, limit: 5) { truncated nodes { id } edges { source target } } }`, nil)
	if !strings.Contains(string(r.Data), `"truncated":true`) || strings.Count(string(r.Data), `"id"`) != 5 {
		t.Errorf("limited neighborhood = %s", r.Data)
	}
}

func TestPathQueryLimits(t *testing.T) {
	ts := MustStartServer(t)
	for _, tt := range []struct{ q, code string }{
		{`{ kShortestPaths(from: "alexander-stubb", to: "vladimir-putin", k: 0) { length } }`, "BAD_USER_INPUT"},
		{`{ kShortestPaths(from: "alexander-stubb", to: "vladimir-putin", k: 1000) { length } }`, "PAGE_SIZE_EXCEEDED"},
		{`{ paths(from: "alexander-stubb", to: "vladimir-putin", maxHops: 99) { edges { cursor } } }`, "MAX_HOPS_EXCEEDED"},
		{`{ paths(from: "alexander-stubb", to: "vladimir-putin", after: "bad") { edges { cursor } } }`, "BAD_USER_INPUT"},
		{`{ cheapestPath(from: "alexander-stubb", to: "nobody") { cost } }`, "NOT_FOUND"},
		{`{ shortestPath(from: "a-b", to: "c-d", types: [SPOKE_WITH], filter: {types: [MET_WITH]}) { length } }`, "BAD_USER_INPUT"},
		{`{ allShortestPaths(from: "alexander-stubb", to: "vladimir-putin", filter: {minGoldstein: 3, maxGoldstein: 1}) { length } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(id: "donald-trump", limit: 0) { truncated } }`, "BAD_USER_INPUT"},
	} {
		if r := ts.query(t, tt.q, nil); !r.hasCode(tt.code) {
			t.Errorf("%s: codes %v (%+v), want %s", tt.q, r.codes(), r.Errors, tt.code)
		}
	}
}
