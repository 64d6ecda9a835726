package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/server"
)

func TestWhoSpokeWithPutinIsAnsweredWithQuotes(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{
	  actor(id: "vladimir-putin") {
	    __typename name
	    relationships(types: [SPOKE_WITH]) { totalCount edges { node { from { id } to { id } date cameoCode evidence { quote } } } }
	  } }`, nil)
	var got struct {
		Actor struct {
			Typename      string `json:"__typename"`
			Name          string
			Relationships struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						From, To  struct{ ID string }
						Date      *string
						CameoCode *string
						Evidence  []struct{ Quote string }
					}
				}
			}
		}
	}
	r.decode(t, &got)
	if got.Actor.Typename != "Leader" || got.Actor.Name != "Vladimir Putin" {
		t.Fatalf("actor = %+v", got.Actor)
	}
	found := false
	for _, e := range got.Actor.Relationships.Edges {
		n := e.Node
		if n.From.ID == "donald-trump" && n.To.ID == "vladimir-putin" {
			found = true
			if n.Date == nil || *n.Date != "2025-05-19" || n.CameoCode == nil || *n.CameoCode != "041" || len(n.Evidence) == 0 {
				t.Errorf("Trump–Putin call = %+v", n)
			}
		}
	}
	if !found {
		t.Fatalf("Trump is not among those who spoke with Putin: %+v", got)
	}
}

func TestStubbIsConnectedToPutinThroughTrump(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", types: [SPOKE_WITH]) {
	  length nodes { id } relationships { type evidence { quote } } } }`, nil)
	var got struct {
		ShortestPath struct {
			Length        int
			Nodes         []struct{ ID string }
			Relationships []struct {
				Type     string
				Evidence []struct{ Quote string }
			}
		}
	}
	r.decode(t, &got)
	var ids []string
	for _, n := range got.ShortestPath.Nodes {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"alexander-stubb", "donald-trump", "vladimir-putin"}, ids); diff != "" || got.ShortestPath.Length != 2 {
		t.Fatalf("path (-want +got):\n%s length %d", diff, got.ShortestPath.Length)
	}
	for _, rel := range got.ShortestPath.Relationships {
		if rel.Type != "SPOKE_WITH" || len(rel.Evidence) == 0 || rel.Evidence[0].Quote == "" {
			t.Errorf("step without evidence: %+v", rel)
		}
	}
}

func TestUnknownIDs(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{ actor(id: "nobody") { id } }`, nil)
	if string(r.Data) != `{"actor":null}` {
		t.Errorf("actor(nobody) = %s, want null", r.Data)
	}
	for _, q := range []string{
		`{ shortestPath(from: "nobody", to: "vladimir-putin") { length } }`,
		`{ neighborhood(id: "nobody") { nodes { id } } }`,
	} {
		r := ts.query(t, q, nil)
		if !r.hasCode("NOT_FOUND") || !contains(r.Errors[0].Message, `"nobody"`) {
			t.Errorf("%s: errors = %+v, want NOT_FOUND naming the id", q, r.Errors)
		}
	}
}

func TestNoPathIsNull(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", maxHops: 1) { length } }`, nil)
	if string(r.Data) != `{"shortestPath":null}` {
		t.Errorf("data = %s, want a null path", r.Data)
	}
}

func TestRelayPaginationVisitsEveryActorOnce(t *testing.T) {
	ts := MustStartServer(t)
	seen := map[string]bool{}
	var after any
	total := -1
	for page := 0; page < 100; page++ {
		r := ts.mustQuery(t, `query($after: String) { actors(first: 4, after: $after) {
		  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, map[string]any{"after": after})
		var got struct {
			Actors struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
			}
		}
		r.decode(t, &got)
		total = got.Actors.TotalCount
		for _, e := range got.Actors.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("actor %s seen twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
		}
		if !got.Actors.PageInfo.HasNextPage {
			break
		}
		after = *got.Actors.PageInfo.EndCursor
	}
	if len(seen) != total || total < 20 {
		t.Fatalf("saw %d actors, totalCount %d", len(seen), total)
	}
}

// TestRelayPagesBackwardAndForward pages the Relay way both directions:
// last/before from the end gives the same actors as first/after from the
// start, with Relay's page info, on the top-level list and the nested one.
func TestRelayPagesBackwardAndForward(t *testing.T) {
	ts := MustStartServer(t)
	type conn struct {
		PageInfo struct {
			HasPreviousPage, HasNextPage bool
			StartCursor, EndCursor       *string
		}
		Edges []struct {
			Cursor string
			Node   struct{ ID string }
		}
	}
	walk := func(t *testing.T, field string, backward bool) []string {
		t.Helper()
		var ids []string
		var cursor any
		args := "first: 5, after: $c"
		if backward {
			args = "last: 5, before: $c"
		}
		for range 100 {
			r := ts.mustQuery(t, `query($c: String) { actor(id: "vladimir-putin") { id }
			  list: `+field+`(`+args+`) { pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { cursor node { id } } } }`,
				map[string]any{"c": cursor})
			var got struct{ List conn }
			r.decode(t, &got)
			c := got.List
			page := make([]string, len(c.Edges))
			for i, e := range c.Edges {
				page[i] = e.Node.ID
			}
			if len(c.Edges) > 0 && (*c.PageInfo.StartCursor != c.Edges[0].Cursor || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor) {
				t.Fatalf("%s: startCursor/endCursor are not the first and last edges' cursors: %+v", field, c.PageInfo)
			}
			if backward {
				if c.PageInfo.HasNextPage {
					t.Fatalf("%s: a last/before page says hasNextPage", field)
				}
				ids = append(page, ids...)
				if !c.PageInfo.HasPreviousPage {
					return ids
				}
				cursor = *c.PageInfo.StartCursor
			} else {
				if c.PageInfo.HasPreviousPage {
					t.Fatalf("%s: a first/after page says hasPreviousPage", field)
				}
				ids = append(ids, page...)
				if !c.PageInfo.HasNextPage {
					return ids
				}
				cursor = *c.PageInfo.EndCursor
			}
		}
		t.Fatalf("%s: paging did not end", field)
		return nil
	}
	for _, field := range []string{"actors", "relationships"} {
		t.Run(field, func(t *testing.T) {
			forward, backward := walk(t, field, false), walk(t, field, true)
			if len(forward) < 20 || !slices.Equal(forward, backward) {
				t.Fatalf("forward %v\nbackward %v", forward, backward)
			}
		})
	}
	t.Run("Actor.relationships", func(t *testing.T) {
		q := `query($c: String) { actor(id: "vladimir-putin") { relationships(last: 3, before: $c) {
		  pageInfo { hasPreviousPage startCursor } edges { node { id } } } } }`
		var ids []string
		var cursor any
		for range 50 {
			var got struct {
				Actor struct{ Relationships conn }
			}
			ts.mustQuery(t, q, map[string]any{"c": cursor}).decode(t, &got)
			c := got.Actor.Relationships
			var page []string
			for _, e := range c.Edges {
				page = append(page, e.Node.ID)
			}
			ids = append(page, ids...)
			if !c.PageInfo.HasPreviousPage {
				break
			}
			cursor = *c.PageInfo.StartCursor
		}
		var all struct {
			Actor struct{ Relationships conn }
		}
		ts.mustQuery(t, `{ actor(id: "vladimir-putin") { relationships(first: 100) { edges { node { id } } } } }`, nil).decode(t, &all)
		var want []string
		for _, e := range all.Actor.Relationships.Edges {
			want = append(want, e.Node.ID)
		}
		if len(want) < 5 || !slices.Equal(ids, want) {
			t.Fatalf("backward %v\nforward %v", ids, want)
		}
	})
}

func TestBadInputIsBadUserInput(t *testing.T) {
	ts := MustStartServer(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"garbage cursor", `{ actors(after: "zzz") { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"bad date literal", `{ relationships(filter: {since: "19 May"}) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"bad date variable", `query($d: Date) { relationships(filter: {since: $d}) { totalCount } }`, map[string]any{"d": "2025-02-30"}, "BAD_USER_INPUT"},
		{"until before since", `{ relationships(filter: {since: "2025-05-20", until: "2025-05-01"}) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"unknown enum", `{ relationships(filter: {types: [HUGGED]}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"blank search", `{ search(text: "  ") { id } }`, nil, "BAD_USER_INPUT"},
		{"negative first", `{ actors(first: -1) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"negative last", `{ actors(last: -1) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"both ways at once", `{ relationships(first: 2, last: 2) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"last past the limit", `{ actors(last: 1000) { totalCount } }`, nil, "PAGE_SIZE_EXCEEDED"},
		{"unknown field", `{ actor(id: "x") { shoeSize } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"syntax error", `{ actor(id: "x" { id } }`, nil, "GRAPHQL_PARSE_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.query(t, tt.query, tt.vars)
			if !r.hasCode(tt.code) {
				t.Fatalf("codes = %v (%+v), want %s", r.codes(), r.Errors, tt.code)
			}
		})
	}
}

func TestGETQueries(t *testing.T) {
	ts := MustStartServer(t)
	code, _, body := ts.get(t, "/graphql?query="+url.QueryEscape(`{ actor(id: "giorgia-meloni") { name } }`))
	if code != http.StatusOK || !contains(body, "Giorgia Meloni") {
		t.Fatalf("GET /graphql = %d %s", code, body)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	ts := MustStartServer(t)
	q := `{ actor(id: "emmanuel-macron") { name } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	r := ts.post(t, map[string]any{"extensions": ext})
	if !r.hasCode("PERSISTED_QUERY_NOT_FOUND") {
		t.Fatalf("hash-only before registration: %+v", r.Errors)
	}
	if r := ts.post(t, map[string]any{"query": q, "extensions": ext}); len(r.Errors) > 0 {
		t.Fatalf("registration: %+v", r.Errors)
	}
	r = ts.post(t, map[string]any{"extensions": ext})
	if len(r.Errors) > 0 || !contains(string(r.Data), "Emmanuel Macron") {
		t.Fatalf("hash-only after registration: %s %+v", r.Data, r.Errors)
	}
}

func TestSearchRanksExactNameFirst(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{ search(text: "putin") { id } }`, nil)
	if !strings.HasPrefix(string(r.Data), `{"search":[{"id":"vladimir-putin"}`) {
		t.Fatalf("search(putin) = %s", r.Data)
	}
	r = ts.mustQuery(t, `{ search(text: "Vatican") { id } }`, nil)
	if !contains(string(r.Data), "holy-see") {
		t.Fatalf("alias search = %s", r.Data)
	}
}

func TestNeighborhoodIsShapedForGraphFrontends(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.mustQuery(t, `{ neighborhood(id: "holy-see", depth: 1) { nodes { id } edges { id type source target } } }`, nil)
	var got struct {
		Neighborhood struct {
			Nodes []struct{ ID string }
			Edges []struct{ ID, Type, Source, Target string }
		}
	}
	r.decode(t, &got)
	nodes := map[string]bool{}
	for _, n := range got.Neighborhood.Nodes {
		nodes[n.ID] = true
	}
	if got.Neighborhood.Nodes[0].ID != "holy-see" || len(got.Neighborhood.Edges) == 0 {
		t.Fatalf("neighborhood = %+v", got)
	}
	for _, e := range got.Neighborhood.Edges {
		if !nodes[e.Source] || !nodes[e.Target] || e.ID == "" || e.Type == "" {
			t.Errorf("edge %+v dangles or lacks fields", e)
		}
	}
}

func TestPlaygroundWorksOffline(t *testing.T) {
	ts := MustStartServer(t)
	code, hdr, body := ts.get(t, "/")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", code, hdr.Get("Content-Type"))
	}
	// Everything the page loads comes from this server (web_test.go checks
	// the assets themselves, and web/test the page in a browser offline).
	base, _ := url.Parse(ts.URL + "/")
	for _, m := range htmlRef.FindAllStringSubmatch(body, -1) {
		ref := m[1]
		if !local(ref) {
			t.Errorf("playground loads %q; it must work offline", ref)
			continue
		}
		if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			continue
		}
		u, _ := base.Parse(ref)
		if code, _, _ := ts.get(t, u.Path); code != http.StatusOK {
			t.Errorf("playground loads %s: %d", u.Path, code)
		}
	}
	for _, ex := range server.Examples() {
		if !contains(body, ex.Name) {
			t.Errorf("playground lacks example %q", ex.Name)
		}
	}
}

func TestPlaygroundExamplesRun(t *testing.T) {
	ts := MustStartServer(t, withToken("secret"))
	for _, ex := range server.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			r := ts.mustQuery(t, ex.Query, nil, "Authorization", "Bearer secret")
			if string(r.Data) == "" || string(r.Data) == "null" {
				t.Fatal("no data")
			}
		})
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	ts := MustStartServer(t)
	if code, _, body := ts.get(t, "/readyz"); code != http.StatusOK || !contains(body, "ready") {
		t.Fatalf("readyz = %d %s", code, body)
	}
	ts.query(t, `{ shortestPath(from: "nobody", to: "vladimir-putin") { length } }`, nil)
	_, _, metrics := ts.get(t, "/metrics")
	for _, want := range []string{
		`actorgraph_http_requests_total{code="200",method="POST",route="/graphql"}`,
		`actorgraph_graphql_errors_total{code="NOT_FOUND"} 1`,
		`actorgraph_store_calls_total{method="ShortestPath",outcome="error"} 1`,
		`actorgraph_http_request_duration_seconds_bucket`,
	} {
		if !contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRequestIDIsEchoed(t *testing.T) {
	ts := MustStartServer(t)
	_, hdr, _ := ts.get(t, "/healthz", "X-Request-Id", "abc-123")
	if hdr.Get("X-Request-Id") != "abc-123" {
		t.Errorf("X-Request-Id = %q", hdr.Get("X-Request-Id"))
	}
	_, hdr, _ = ts.get(t, "/healthz")
	if len(hdr.Get("X-Request-Id")) != 16 {
		t.Errorf("generated X-Request-Id = %q", hdr.Get("X-Request-Id"))
	}
}

func TestCORS(t *testing.T) {
	preflight := func(ts *testServer) http.Header {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", "https://viz.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.Header
	}
	if got := preflight(MustStartServer(t)).Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("no origins configured, but Allow-Origin = %q", got)
	}
	if got := preflight(MustStartServer(t, withOrigins("https://viz.example"))).Get("Access-Control-Allow-Origin"); got != "https://viz.example" {
		t.Errorf("configured origin: Allow-Origin = %q", got)
	}
}

// TestNestedQueryCostsBoundedStoreCalls is the N+1 guard: three levels of
// relationships over many actors cost a handful of store calls, however
// many rows come back.
func TestNestedQueryCostsBoundedStoreCalls(t *testing.T) {
	lim := graph.DefaultLimits()
	lim.MaxComplexity = 10_000_000 // the query is wide on purpose
	ts := MustStartServer(t, withLimits(lim))
	q := `{ actors(first: 50) { edges { node { id
	  relationships(first: 50) { edges { node { id to { id
	    relationships(first: 50) { edges { node { from { id
	      relationships(first: 50) { totalCount } } } } } } } } } } } } }`
	ts.Calls.Store(0)
	r := ts.mustQuery(t, q, nil)
	calls := ts.Calls.Load()
	rows := strings.Count(string(r.Data), `"id"`)
	t.Logf("%d store calls for %d ids in the response", calls, rows)
	if rows < 500 {
		t.Fatalf("the query returned only %d ids; the test needs a large result", rows)
	}
	// One Actors call, then per level one RelationshipsOf and one
	// ActorsByID wave: 6. A loader collects keys for a short while
	// (graph.DefaultLoaderWait), and gqlgen starts a wide level's resolvers
	// over a longer time on a slow machine (or under -race), so a wave may
	// split into a few: measured 6–9 calls with a 2 ms wait, 13–18 with
	// 500 µs under -race on a busy machine. The bound is 40, against more
	// than 2,000 rows that would cost 2,000 calls without loaders.
	if calls > 40 {
		t.Fatalf("%d store calls for one nested query; want a bound independent of result size (<= 40)", calls)
	}
}

func TestGraphQLErrorsNeverLeakInternals(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.query(t, `{ shortestPath(from: "a", to: "b", maxHops: 0) { length } }`, nil)
	for _, e := range r.Errors {
		if contains(e.Message, "/") || contains(e.Message, "goroutine") {
			t.Errorf("message leaks detail: %q", e.Message)
		}
	}
	_ = fmt.Sprint(r)
}
