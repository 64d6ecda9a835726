package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// The same operations as GraphQL for this server, as GraphQL for
// @neo4j/graphql (bench/peer), and as Cypher (the floor). Each asks for
// the same fields; where a system cannot express an operation, its query
// function returns ok=false.

var ourActorQuery = fmt.Sprintf(`query($id: ID!) { actor(id: $id) { id name kind title country
  relationships(direction: OUTGOING, types: [SPOKE_WITH], first: %[1]d) { edges { node { id type date goldstein
    to { id name kind relationships(direction: OUTGOING, types: [SPOKE_WITH], first: %[1]d) {
      edges { node { id type to { id name } } } } } } } } } }`, relPage)

var ourListQuery = fmt.Sprintf(`query($kind: ActorKind!) { actors(filter: {kinds: [$kind]}, first: %d) {
  edges { node { id name kind country title } } } }`, listPage)

var ourSearchQuery = fmt.Sprintf(`query($text: String!) { search(text: $text, first: %d) { id name kind } }`, searchFirst)

var ourNeighborhoodQuery = fmt.Sprintf(`query($id: ID!) { neighborhood(id: $id, depth: %d, limit: %d) {
  nodes { id name kind } edges { id type source target } truncated } }`, neighborhoodHops, neighborhoodLim)

var ourPathQuery = fmt.Sprintf(`query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxHops: %d) {
  length nodes { id name } relationships { id type } } }`, pathMaxHops)

const ourWriteQuery = `mutation($in: CreateRelationshipInput!) { createRelationship(input: $in) { id } }`

// ourReadBackQuery pages through one cell's writes by their event id.
const ourReadBackQuery = `query($e: String!, $after: String) { relationships(filter: {eventId: $e}, first: 100, after: $after) {
  edges { node { id } } pageInfo { hasNextPage endCursor } } }`

// Fixed fields of every written relationship.
const (
	writeDate      = "2025-06-01"
	writeCAMEO     = "040"
	writeGoldstein = 1.0
	writeQuote     = "Benchmark write."
	writeSource    = "bench"
)

// ourQuery returns this server's query for o.
func ourQuery(o op) (string, map[string]any) {
	switch o.kind {
	case wActor:
		return ourActorQuery, map[string]any{"id": o.id}
	case wList:
		return ourListQuery, map[string]any{"kind": o.actorKnd}
	case wSearch:
		return ourSearchQuery, map[string]any{"text": o.text}
	case wNeighborhood:
		return ourNeighborhoodQuery, map[string]any{"id": o.id}
	case wPath:
		return ourPathQuery, map[string]any{"from": o.from, "to": o.to}
	case wWrite:
		return ourWriteQuery, map[string]any{"in": map[string]any{
			"id": o.relID, "type": "SPOKE_WITH", "from": o.from, "to": o.to, "date": writeDate,
			"cameoCode": writeCAMEO, "goldstein": writeGoldstein, "eventId": o.eventID,
			"evidence": []map[string]any{{"quote": writeQuote, "source": writeSource}},
		}}
	}
	panic("unknown operation " + string(o.kind))
}

var peerActorQuery = fmt.Sprintf(`query($id: ID!) { actors(where: {id: {eq: $id}}) { id name kind title country
  spokeWithConnection(first: %[1]d, sort: [{edge: {id: ASC}}]) { edges { properties { id date goldstein }
    node { id name kind spokeWithConnection(first: %[1]d, sort: [{edge: {id: ASC}}]) {
      edges { properties { id } node { id name } } } } } } } }`, relPage)

var peerListQuery = fmt.Sprintf(`query($kind: String!) { actorsConnection(first: %d, where: {kind: {eq: $kind}}, sort: [{id: ASC}]) {
  edges { node { id name kind country title } } } }`, listPage)

// peerSearchQuery matches the folded name-and-aliases text neo4jstore
// stores (the same text index); @neo4j/graphql cannot rank the matches, so
// it returns the first 10 by id instead of the best 10.
var peerSearchQuery = fmt.Sprintf(`query($q: String!) { actors(where: {searchText: {contains: $q}}, limit: %d, sort: [{id: ASC}]) { id name kind } }`, searchFirst)

const peerWriteQuery = `mutation($from: ID!, $to: ID!, $edge: RelCreateInput!) {
  updateActors(where: {id: {eq: $from}}, update: {spokeWith: [{connect: [{where: {node: {id: {eq: $to}}}, edge: $edge}]}]}) {
    info { relationshipsCreated } } }`

// peerQuery returns @neo4j/graphql's query for o, or ok=false when it has
// no equivalent (neighborhoods and paths: no variable-length traversal).
func peerQuery(o op) (q string, vars map[string]any, ok bool) {
	switch o.kind {
	case wActor:
		return peerActorQuery, map[string]any{"id": o.id}, true
	case wList:
		return peerListQuery, map[string]any{"kind": o.actorKnd}, true
	case wSearch:
		return peerSearchQuery, map[string]any{"q": actorgraph.Fold(o.text)}, true
	case wWrite:
		return peerWriteQuery, map[string]any{"from": o.from, "to": o.to, "edge": map[string]any{
			"id": o.relID, "date": writeDate, "cameoCode": writeCAMEO, "goldstein": writeGoldstein,
			"quadClass": 1, "modality": "ASSERTED", "eventId": o.eventID,
			"evidenceQuotes": []string{writeQuote}, "evidenceSources": []string{writeSource},
		}}, true
	}
	return "", nil, false
}

// peerSupports reports whether @neo4j/graphql can express workload w
// (mixed includes paths, so it cannot).
func peerSupports(w workload) bool {
	switch w {
	case wActor, wList, wSearch, wWrite:
		return true
	}
	return false
}

var cypherActor = fmt.Sprintf(`MATCH (a:Actor {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[r:SPOKE_WITH]->(b:Actor)
  WITH r, b ORDER BY r.id LIMIT %[1]d
  CALL (b) {
    OPTIONAL MATCH (b)-[r2:SPOKE_WITH]->(c:Actor)
    WITH r2, c ORDER BY r2.id LIMIT %[1]d
    RETURN collect({id: r2.id, type: type(r2), to: c {.id, .name}}) AS rels2
  }
  RETURN collect({id: r.id, type: type(r), date: r.date, goldstein: r.goldstein, to: b {.id, .name, .kind}, rels: rels2}) AS rels
}
RETURN a {.id, .name, .kind, .title, .country} AS actor, rels`, relPage)

var cypherList = fmt.Sprintf(`MATCH (a:Actor) WHERE a.kind = $kind
RETURN a {.id, .name, .kind, .country, .title} AS a ORDER BY a.id LIMIT %d`, listPage)

// cypherSearch fetches the candidates; the client ranks them with the
// domain's RankActors, as both stores do.
const cypherSearch = `MATCH (a:Actor) WHERE a.searchText CONTAINS $q RETURN a.id, a.name, a.kind, a.aliases`

// cypherNeighborhood: the nodes within two hops, nearest first then by
// id, at most the limit, and the relationships among them.
var cypherNeighborhood = fmt.Sprintf(`MATCH (c:Actor {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)--(n1:Actor) WHERE n1 <> c
  WITH DISTINCT n1 ORDER BY n1.id
  RETURN collect(n1) AS l1
}
CALL (c, l1) {
  UNWIND l1 AS n1
  MATCH (n1)--(n2:Actor) WHERE n2 <> c
  WITH DISTINCT n2 WHERE NOT n2 IN l1
  WITH n2 ORDER BY n2.id
  RETURN collect(n2) AS l2
}
WITH c, ([c] + l1 + l2)[0..%d] AS ns
CALL (ns) {
  UNWIND ns AS x
  MATCH (x)-[r]->(y) WHERE y IN ns
  WITH r ORDER BY r.id
  RETURN collect({id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id}) AS edges
}
RETURN [n IN ns | n {.id, .name, .kind}] AS nodes, edges`, neighborhoodLim)

var cypherPath = fmt.Sprintf(`MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[*..%d]-(b))
RETURN length(p), [n IN nodes(p) | n {.id, .name}], [r IN relationships(p) | {id: r.id, type: type(r)}]`, pathMaxHops)

const cypherWrite = `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
CREATE (a)-[r:SPOKE_WITH]->(b) SET r = $props RETURN r.id`

// cypherReadBack finds one cell's writes (all are SPOKE_WITH).
const cypherReadBack = `MATCH ()-[r:SPOKE_WITH]->() WHERE r.eventId = $e RETURN r.id`

// writeProps are the stored properties of a written relationship, in
// neo4jstore's shape.
func writeProps(o op) map[string]any {
	return map[string]any{
		"id": o.relID, "date": writeDate, "cameoCode": writeCAMEO, "goldstein": writeGoldstein,
		"quadClass": int64(1), "modality": "ASSERTED", "eventId": o.eventID,
		"evidenceQuotes": []string{writeQuote}, "evidenceSources": []string{writeSource},
	}
}
