package neo4jstore

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// relTypes is the fixed table from domain relationship types to Neo4j
// relationship types. Labels and relationship types cannot be Cypher
// parameters, so every query that names one takes it from here, never from
// client text.
var relTypes = func() map[actorgraph.RelationshipType]string {
	m := make(map[actorgraph.RelationshipType]string, len(actorgraph.RelationshipTypes))
	for _, t := range actorgraph.RelationshipTypes {
		m[t] = string(t) // the domain names are valid Cypher identifiers
	}
	return m
}()

// typeAlternation returns ":A|B|C" for a pattern, or "" for all types.
// Graph has validated the types; the check stays because the result is
// spliced into Cypher text.
func typeAlternation(types []actorgraph.RelationshipType) (string, error) {
	if len(types) == 0 {
		return "", nil
	}
	parts := make([]string, 0, len(types))
	for _, t := range types {
		name, ok := relTypes[t]
		if !ok {
			return "", actorgraph.Invalid("types", "%q is not a known relationship type", t)
		}
		parts = append(parts, name)
	}
	return ":" + strings.Join(parts, "|"), nil
}

// findRelByID is a subquery body that finds relationships by the ids in
// `ids`, across every type, each branch served by that type's id index.
// It costs a seek per id and type, which is fine for a few ids; batches
// look ids up in the relationship keys instead (see keys.go).
func findRelByID(ids string) string {
	var b strings.Builder
	for i, t := range actorgraph.RelationshipTypes {
		if i > 0 {
			b.WriteString(" UNION ")
		}
		fmt.Fprintf(&b, "UNWIND %s AS rid MATCH ()-[r:%s {id: rid}]->() RETURN r", ids, relTypes[t])
	}
	return b.String()
}

// schemaStatements create the constraint and indexes; all idempotent.
func schemaStatements() []string {
	stmts := []string{
		"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
		"CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
		"CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country)",
		"CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (a:Actor) ON (a.searchText)",
		"CREATE CONSTRAINT unknown_actor_key IF NOT EXISTS FOR (u:UnknownActor) REQUIRE u.key IS UNIQUE",
		"CREATE CONSTRAINT rel_key_id IF NOT EXISTS FOR (k:RelKey) REQUIRE k.id IS UNIQUE",
		"CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (d:Redirect) REQUIRE d.id IS UNIQUE",
		"CREATE INDEX redirect_to IF NOT EXISTS FOR (d:Redirect) ON (d.to)",
		"CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE",
	}
	for _, t := range actorgraph.RelationshipTypes {
		name := strings.ToLower(relTypes[t])
		stmts = append(stmts,
			fmt.Sprintf("CREATE CONSTRAINT rel_id_%s IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", name, relTypes[t]),
			fmt.Sprintf("CREATE INDEX rel_date_%s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.date)", name, relTypes[t]),
		)
	}
	return stmts
}
