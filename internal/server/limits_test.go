package server_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// Every limit is rejected with its own code, and the server keeps serving.
func TestLimitsAreRejectedWithTheirOwnCode(t *testing.T) {
	lim := graph.DefaultLimits()
	lim.MaxQueryDepth = 7
	lim.MaxAliases = 3
	lim.MaxTokens = 200
	lim.MaxComplexity = 300
	lim.MaxPageSize = 10
	lim.MaxHops = 3
	lim.MaxNeighborhoodDepth = 2
	lim.MaxNodes = 100 // a subgraph costs its caps: keep one under MaxComplexity
	ts := MustStartServer(t, withLimits(lim), withMaxBody(4096))

	tests := []struct {
		name, query, code string
	}{
		{"page size", `{ actors(first: 11) { totalCount } }`, "PAGE_SIZE_EXCEEDED"},
		{"nested page size", `{ actor(id: "vladimir-putin") { relationships(first: 11) { totalCount } } }`, "PAGE_SIZE_EXCEEDED"},
		{"search page size", `{ search(text: "a", first: 11) { id } }`, "PAGE_SIZE_EXCEEDED"},
		{"max hops", `{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", maxHops: 4) { length } }`, "MAX_HOPS_EXCEEDED"},
		{"neighborhood depth", `{ neighborhood(id: "vladimir-putin", depth: 3) { nodes { id } } }`, "DEPTH_EXCEEDED"},
		{"query depth", `{ actor(id: "x") { relationships { edges { node { from { relationships { edges { node { id } } } } } } } } }`, "QUERY_TOO_DEEP"},
		{"aliases", `{ a: actor(id: "x") { id } b: actor(id: "y") { id } c: actor(id: "z") { id } d: actor(id: "w") { id } }`, "TOO_MANY_ALIASES"},
		{"tokens", "{ " + strings.Repeat("__typename ", 250) + "}", "TOO_MANY_TOKENS"},
		{"complexity", `{ actors(first: 10) { edges { node { relationships(first: 10) { edges { node { id type } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.query(t, tt.query, nil)
			if !r.hasCode(tt.code) {
				t.Fatalf("codes = %v (%+v), want %s", r.codes(), r.Errors, tt.code)
			}
			ts.assertHealthy(t)
		})
	}

	t.Run("body size", func(t *testing.T) {
		r := ts.postRaw(t, []byte(`{"query":"{ __typename }","pad":"`+strings.Repeat("x", 5000)+`"}`))
		if r.Status != http.StatusRequestEntityTooLarge || !r.hasCode("REQUEST_TOO_LARGE") {
			t.Fatalf("status %d codes %v", r.Status, r.codes())
		}
		ts.assertHealthy(t)
	})
	t.Run("fragments count toward depth", func(t *testing.T) {
		q := `query { actor(id: "x") { ...deep } }
		fragment deep on Actor { relationships { edges { node { from { relationships { edges { node { id } } } } } } } }`
		if r := ts.query(t, q, nil); !r.hasCode("QUERY_TOO_DEEP") {
			t.Fatalf("codes = %v", r.codes())
		}
	})
}

// TestSubgraphsAreCapped: a neighborhood keeps at most -max-nodes actors and
// -max-edges relationships and says which cap cut it, and its complexity
// counts both caps, so aliased neighborhoods add up to the limit.
func TestSubgraphsAreCapped(t *testing.T) {
	lim := graph.DefaultLimits()
	lim.MaxNodes = 4
	lim.MaxEdges = 3
	ts := MustStartServer(t, withLimits(lim))
	var got struct {
		Neighborhood struct {
			Nodes       []struct{ ID string }
			Edges       []struct{ ID string }
			Truncated   bool
			TruncatedBy []string
		}
	}
	ts.mustQuery(t, `{ neighborhood(id: "vladimir-putin", depth: 2) { nodes { id } edges { id } truncated truncatedBy } }`, nil).decode(t, &got)
	n := got.Neighborhood
	if len(n.Nodes) != 4 || len(n.Edges) != 3 || !n.Truncated || !slices.Equal(n.TruncatedBy, []string{"NODE_LIMIT", "EDGE_LIMIT"}) {
		t.Fatalf("capped neighborhood: %d nodes, %d edges, truncated %v by %v; want 4, 3, true by [NODE_LIMIT EDGE_LIMIT]",
			len(n.Nodes), len(n.Edges), n.Truncated, n.TruncatedBy)
	}
	// A limit above -max-nodes is cut to it.
	ts.mustQuery(t, `{ neighborhood(id: "vladimir-putin", limit: 1000) { nodes { id } truncatedBy } }`, nil).decode(t, &got)
	if len(got.Neighborhood.Nodes) != 4 || !slices.Contains(got.Neighborhood.TruncatedBy, "NODE_LIMIT") {
		t.Fatalf("limit 1000 with -max-nodes 4: %d nodes, truncated by %v", len(got.Neighborhood.Nodes), got.Neighborhood.TruncatedBy)
	}
	ts.mustQuery(t, `{ neighborhood(id: "yulia-shapovalova") { nodes { id } truncated truncatedBy } }`, nil).decode(t, &got)
	if got.Neighborhood.Truncated || len(got.Neighborhood.TruncatedBy) != 0 {
		t.Fatalf("a small neighborhood: truncated %v by %v", got.Neighborhood.Truncated, got.Neighborhood.TruncatedBy)
	}

	// With the default caps, ten aliased neighborhoods of rich edges cost
	// ten times one and pass the default complexity limit no more.
	def := MustStartServer(t)
	one := `{ neighborhood(id: "vladimir-putin", depth: 3) { nodes { id name } edges { id type source target evidence { quote source } } } }`
	def.mustQuery(t, one, nil)
	var ten strings.Builder
	ten.WriteString("{ ")
	for i := range 10 {
		fmt.Fprintf(&ten, `n%d: neighborhood(id: "vladimir-putin", depth: 3) { nodes { id name } edges { id type source target evidence { quote source } } } `, i)
	}
	ten.WriteString("}")
	if r := def.query(t, ten.String(), nil); !r.hasCode("COMPLEXITY_LIMIT_EXCEEDED") {
		t.Fatalf("ten aliased neighborhoods: codes %v, want COMPLEXITY_LIMIT_EXCEEDED", r.codes())
	}
	def.assertHealthy(t)
}

// slowDriver blocks Search until the request's context ends.
type slowDriver struct{ actorgraph.Driver }

func (slowDriver) Search(ctx context.Context, text string, limit int) ([]actorgraph.Actor, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestRequestTimeoutAnswersTIMEOUT(t *testing.T) {
	st, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lim := graph.DefaultLimits()
	lim.RequestTimeout = 200 * time.Millisecond
	ts := MustStartServer(t, withLimits(lim), withStore(actorgraph.NewGraph(slowDriver{st})))
	start := time.Now()
	r := ts.query(t, `{ search(text: "putin") { id } }`, nil)
	if !r.hasCode("TIMEOUT") {
		t.Fatalf("codes = %v (%+v), want TIMEOUT", r.codes(), r.Errors)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("a timed-out request took %v", took)
	}
}

// TestBigWritesAreRefused: a cascade or merge that would change more
// relationships than -max-write-relationships is WRITE_TOO_LARGE, and
// nothing changes; under the limit it goes through.
func TestBigWritesAreRefused(t *testing.T) {
	lim := graph.DefaultLimits()
	lim.MaxWriteRelationships = 3
	ts := MustStartServer(t, withToken("tok"), withLimits(lim))
	auth := []string{"Authorization", "Bearer tok"}
	count := func(id string) int {
		var got struct {
			Actor struct{ Relationships struct{ TotalCount int } }
		}
		ts.mustQuery(t, `query($id: ID!) { actor(id: $id) { relationships { totalCount } } }`, map[string]any{"id": id}).decode(t, &got)
		return got.Actor.Relationships.TotalCount
	}
	before := count("vladimir-putin")
	if before <= 3 {
		t.Fatalf("Putin has %d relationships; the test needs more than 3", before)
	}
	r := ts.query(t, `mutation { deleteActor(id: "vladimir-putin", cascade: true) { id } }`, nil, auth...)
	if !r.hasCode("WRITE_TOO_LARGE") {
		t.Fatalf("cascade of %d: codes %v, want WRITE_TOO_LARGE", before, r.codes())
	}
	r = ts.query(t, `mutation { mergeActors(into: "donald-trump", from: ["vladimir-putin"]) { merged } }`, nil, auth...)
	if !r.hasCode("WRITE_TOO_LARGE") {
		t.Fatalf("merge of %d: codes %v, want WRITE_TOO_LARGE", before, r.codes())
	}
	if after := count("vladimir-putin"); after != before {
		t.Fatalf("a refused write changed Putin's relationships: %d → %d", before, after)
	}
	small := ""
	var list struct {
		Actors struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	ts.mustQuery(t, `{ actors(first: 100) { edges { node { id } } } }`, nil).decode(t, &list)
	for _, e := range list.Actors.Edges {
		if n := count(e.Node.ID); n > 0 && n <= 3 {
			small = e.Node.ID
			break
		}
	}
	if small == "" {
		t.Fatal("no actor with 1 to 3 relationships in the article")
	}
	ts.mustQuery(t, `mutation($id: ID!) { deleteActor(id: $id, cascade: true) { id } }`, map[string]any{"id": small}, auth...)
}

// heldDriver holds Search until release is closed, whatever the context
// says: a request that keeps its slot past its own time limit.
type heldDriver struct {
	actorgraph.Driver
	started chan struct{}
	release chan struct{}
}

func (d heldDriver) Search(context.Context, string, int) ([]actorgraph.Actor, error) {
	d.started <- struct{}{}
	<-d.release
	return nil, nil
}

// TestCostlyOperationsWaitForASlotCheapOnesDoNot: with the one slot for
// costly operations held, another costly operation waits for it until its
// time limit, then answers OVERLOADED; a cheap one runs at once; once the
// slot frees, costly operations run again.
func TestCostlyOperationsWaitForASlotCheapOnesDoNot(t *testing.T) {
	st, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := heldDriver{Driver: st, started: make(chan struct{}), release: make(chan struct{})}
	lim := graph.DefaultLimits()
	lim.RequestTimeout = time.Second
	lim.MaxCostly, lim.CheapComplexity = 1, 3
	ts := MustStartServer(t, withLimits(lim), withStore(actorgraph.NewGraph(d)))
	first := make(chan *gqlResponse)
	go func() { first <- ts.query(t, `{ search(text: "putin") { id } }`, nil) }()
	<-d.started // the first request holds the only slot
	costly := `{ actor(id: "vladimir-putin") { id name kind title country } }`
	second := ts.query(t, costly, nil)
	if !second.hasCode("OVERLOADED") || string(second.Data) != "null" {
		t.Errorf("a costly request while the slot is held: codes %v, data %s; want OVERLOADED, data null", second.codes(), second.Data)
	}
	ts.mustQuery(t, `{ __typename }`, nil) // cheap: no wait
	close(d.release)
	<-first
	ts.mustQuery(t, costly, nil)
}
