package server_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// mustNeo4jArticleStore opens the Neo4j store named by the environment,
// empties it, and loads the article dataset. Without NEO4J_URI it skips,
// or fails when ACTORGRAPH_REQUIRE_NEO4J=1 (CI): neo4jtest.Require.
func mustNeo4jArticleStore(t *testing.T) *actorgraph.Graph {
	t.Helper()
	return actorgraph.NewGraph(mustNeo4jArticleDriver(t))
}

// mustNeo4jArticleDriver is mustNeo4jArticleStore's driver.
func mustNeo4jArticleDriver(t *testing.T) *neo4jstore.Store {
	t.Helper()
	neo4jtest.Require(t)
	cfg := neo4jstore.ConfigFromEnv(os.Getenv)
	ctx := context.Background()
	d, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	s := actorgraph.NewGraph(d)
	storetest.MustEmpty(t, s)
	ds, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Upsert(ctx, ds.Actors, ds.Relationships); err != nil {
		t.Fatal(err)
	}
	return d
}

// crossStoreQueries are compared byte for byte between the two stores, on
// top of the README's and the playground's examples.
var crossStoreQueries = []string{
	`{ actors(first: 7) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id name aliases title country cameoCode wikidataId description } } } }`,
	`{ actors(filter: {kinds: [LEADER, MEDIATOR], nameContains: "zelen"}) { totalCount edges { node { id } } } }`,
	`{ actors(after: "YWN0b3I6ZG9uYWxkLXRydW1w", first: 5) { edges { node { id } } pageInfo { hasNextPage } } }`,
	`{ search(text: "pres", first: 10) { id } }`,
	`{ search(text: "TÜRKIYE") { id name } }`,
	`{ relationships(first: 100) { totalCount edges { cursor node { id type source target date cameoCode goldstein quadClass modality eventId summary evidence { quote source } } } } }`,
	`{ relationships(filter: {actor: "ukraine", direction: INCOMING, since: "2025-05-16", modalities: [ASSERTED, CLAIMED]}) { totalCount edges { node { id } } } }`,
	`{ neighborhood(id: "vladimir-putin", depth: 2) { nodes { id } edges { id source target } } }`,
	`{ neighborhood(id: "donald-trump", depth: 1, types: [SPOKE_WITH, LEADS]) { nodes { id } edges { id } } }`,
	`{ shortestPath(from: "john-hendren", to: "holy-see") { length nodes { id } relationships { id } } }`,
	`{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", direction: OUTGOING) { length relationships { id } } }`,
	`{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", maxHops: 1) { length } }`,
	`{ a: actor(id: "vladimir-putin") { relationships(first: 3, direction: OUTGOING) { totalCount pageInfo { hasNextPage endCursor } edges { node { id to { id relationships(first: 2) { edges { node { id } } } } } } } } }`,
	`{ kShortestPaths(from: "alexander-stubb", to: "vladimir-putin", k: 5) { length cost relationships { id } evidenceChain { from { id } to { id } quote } } }`,
	`{ allShortestPaths(from: "john-hendren", to: "holy-see", first: 50) { nodes { id } relationships { id } } }`,
	`{ paths(from: "giorgia-meloni", to: "vladimir-putin", maxHops: 3, first: 7) { pageInfo { hasNextPage endCursor } edges { cursor node { relationships { id } } } } }`,
	`{ paths(from: "giorgia-meloni", to: "vladimir-putin", maxHops: 3, first: 5, after: "cGF0aDo3") { edges { node { relationships { id } } } } }`,
	`{ cheapestPath(from: "alexander-stubb", to: "vladimir-putin") { cost relationships { id goldstein } } }`,
	`{ cheapestPath(from: "yulia-shapovalova", to: "holy-see", weight: HOPS, filter: {direction: OUTGOING}) { cost relationships { id } } }`,
	`{ shortestPath(from: "alexander-stubb", to: "vladimir-putin", filter: {minGoldstein: 0, since: "2025-05-19", modalities: [ASSERTED]}) { relationships { id } } }`,
	`{ kShortestPaths(from: "volodymyr-zelenskyy", to: "vladimir-putin", k: 4, filter: {avoid: ["donald-trump"], intermediateKinds: [GOVERNMENT, LEADER]}) { nodes { id } relationships { id } } }`,
	`{ neighborhood(id: "vladimir-putin", depth: 2, limit: 9, filter: {maxGoldstein: 3}) { truncated nodes { id } edges { id } } }`,
	`{ actor(id: "nobody") { id } }`,
	`{ temporalPath(from: "alexander-stubb", to: "vladimir-putin") { length nodes { id } relationships { id date } } }`,
	`{ temporalPath(from: "alexander-stubb", to: "vladimir-putin", within: "P0D", asOf: "2025-05-18") { length } }`,
	`{ neighborhood(id: "vladimir-putin", depth: 2, asOf: "2025-05-19") { nodes { id } edges { id date } } }`,
	`{ kShortestPaths(from: "alexander-stubb", to: "vladimir-putin", k: 3, asOf: "2025-05-19") { relationships { id } } }`,
	`{ a: actor(id: "ukraine") { relationships(asOf: "2025-05-16", first: 50) { totalCount edges { node { id } } } } }`,
	`{ neighborhood(id: "vladimir-putin", aggregate: true, directed: false) { nodes { id } aggregatedEdges { id source target count types { type count } goldsteinSum goldsteinAvg firstDate lastDate evidence { kind quote source } } nodeStats { actor { id } distance degree weightedDegree } truncatedBy } }`,
	`{ neighborhood(id: "russia", depth: 2, aggregate: true, excludeIds: ["ukraine"], perNodeLimit: 3) { nodes { id } aggregatedEdges { id count } truncatedBy } }`,
	`{ actors(last: 4, before: "YWN0b3I6dmxhZGltaXItcHV0aW4") { totalCount pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { node { id } } } }`,
	`{ relationships(last: 6, filter: {actor: "vladimir-putin"}) { totalCount pageInfo { hasPreviousPage startCursor } edges { node { id } } } }`,
	`{ a: actor(id: "donald-trump") { relationships(last: 2, direction: OUTGOING) { pageInfo { hasPreviousPage } edges { node { id to { relationships(last: 1) { edges { node { id } } } } } } } } }`,
	`{ neighborhood(id: "nobody") { nodes { id } } }`,
}

// TestBothStoresGiveTheSameJSON runs the same queries against a server on
// the embedded store and one on Neo4j and compares the responses.
func TestBothStoresGiveTheSameJSON(t *testing.T) {
	neo := MustStartServer(t, withStore(mustNeo4jArticleStore(t)), withToken("x"))
	mem := MustStartServer(t, withToken("x"))
	queries := append([]string{}, crossStoreQueries...)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	mutation := regexp.MustCompile(`^\s*mutation`)
	for _, b := range graphqlBlock.FindAllStringSubmatch(string(readme), -1) {
		if !mutation.MatchString(b[1]) {
			queries = append(queries, b[1])
		}
	}
	for _, q := range queries {
		m := mem.query(t, q, nil)
		n := neo.query(t, q, nil)
		if string(m.Data) != string(n.Data) || len(m.Errors) != len(n.Errors) {
			t.Errorf("stores differ on\n%s\nembedded: %s %v\nneo4j:    %s %v", q, m.Data, m.codes(), n.Data, n.codes())
		}
	}
	// The same mutation sequence leaves the same answers.
	for _, q := range []string{
		`mutation { createActor(input: {id: "x-aide", kind: OFFICIAL, name: "X Aide", aliases: ["Aide"]}) { id name aliases } }`,
		`mutation { createRelationship(input: {id: "x-aide-met-putin", type: MET_WITH, from: "x-aide", to: "vladimir-putin", date: "2025-05-22", evidence: [{quote: "q", source: "s"}]}) { id date modality } }`,
		`mutation { updateActor(id: "x-aide", input: {title: "Aide"}) { title } }`,
		`mutation { deleteActor(id: "x-aide") { id } }`,
		`{ shortestPath(from: "x-aide", to: "alexander-stubb") { length relationships { id } } }`,
		`mutation { deleteActor(id: "x-aide", cascade: true) { id deletedRelationships } }`,
		`{ actor(id: "x-aide") { id } }`,
	} {
		m := mem.query(t, q, nil, "Authorization", "Bearer x")
		n := neo.query(t, q, nil, "Authorization", "Bearer x")
		if string(m.Data) != string(n.Data) || !slices.Equal(m.codes(), n.codes()) {
			t.Errorf("stores differ on\n%s\nembedded: %s %v\nneo4j:    %s %v", q, m.Data, m.codes(), n.Data, n.codes())
		}
	}
}

// TestNestedQueryCostsBoundedNeo4jQueries counts the Cypher statements a
// three-level nested query sends to Neo4j.
func TestNestedQueryCostsBoundedNeo4jQueries(t *testing.T) {
	store := mustNeo4jArticleDriver(t)
	lim := graph.DefaultLimits()
	lim.MaxComplexity = 10_000_000
	ts := MustStartServer(t, withStore(actorgraph.NewGraph(store)), withLimits(lim))
	ts.mustQuery(t, `{ __typename }`, nil) // schema set-up done before counting
	before := store.QueryCount()
	r := ts.mustQuery(t, `{ actors(first: 50) { edges { node { id
	  relationships(first: 50) { edges { node { id to { id
	    relationships(first: 50) { edges { node { from { id
	      relationships(first: 50) { totalCount } } } } } } } } } } } } }`, nil)
	sent := store.QueryCount() - before
	rows := strings.Count(string(r.Data), `"id"`)
	t.Logf("%d Cypher statements for %d ids", sent, rows)
	// Actors: a count and a page (2); each of the 3 relationship levels and
	// 2 actor levels: one statement per loader batch (7), and a batch may
	// split into a few on a slow machine (see
	// TestNestedQueryCostsBoundedStoreCalls): at most 40, against more than
	// 2,000 without loaders.
	if rows < 500 || sent > 40 {
		t.Fatalf("%d statements for %d ids; want at most 40 for a result of at least 500 ids", sent, rows)
	}
}
