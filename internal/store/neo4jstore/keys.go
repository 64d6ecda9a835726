package neo4jstore

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Relationship keys. Neo4j indexes relationship properties per type only,
// so finding a relationship by id alone costs one index seek per type (27):
// for a batch of 5,000 that was most of an import's time. Each
// relationship therefore has a key node, (:RelKey {id, type}), unique on
// id: one seek tells whether an id exists and under which type, and the
// constraint holds ids unique across types, which the per-type
// constraints cannot. Every write keeps keys and relationships in step in
// the same transaction.

// keyVersion marks a database whose relationships all have keys; a
// database set up before keys existed is backfilled once.
const keyVersion = 1

// backfillKeys gives every relationship without a key one, once per
// database (the marker node records it).
const backfillKeys = `
MERGE (m:ActorgraphSchema {key: 'schema'})
WITH m WHERE coalesce(m.relKeys, 0) < $version
CALL (m) {
  MATCH ()-[r]->() WHERE NOT EXISTS { MATCH (:RelKey {id: r.id}) }
  CREATE (:RelKey {id: r.id, type: type(r)})
}
SET m.relKeys = $version`

// createKey is the Cypher that follows a CREATE of r for row: its key.
const createKey = ` CREATE (:RelKey {id: row.id, type: type(r)})`

// existingTypes returns, for the ids that exist, their relationship type.
func (tx *txn) existingTypes(ctx context.Context, ids []string) (map[string][]string, error) {
	recs, err := tx.run(ctx, `UNWIND $ids AS rid MATCH (k:RelKey {id: rid})
		RETURN k.type AS type, collect(k.id) AS ids`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byType := map[string][]string{}
	for _, rec := range recs {
		byType[str(rec.Values[0])] = strs(rec.Values[1])
	}
	return byType, nil
}

// deleteRels deletes the relationships with these ids, and their keys,
// finding each under its own type.
func (tx *txn) deleteRels(ctx context.Context, ids []string) error {
	byType, err := tx.existingTypes(ctx, ids)
	if err != nil || len(byType) == 0 {
		return err
	}
	for _, t := range actorgraph.RelationshipTypes { // a fixed order keeps runs identical
		name := relTypes[t]
		found := byType[name]
		if len(found) == 0 {
			continue
		}
		if _, err := tx.run(ctx, `UNWIND $ids AS rid MATCH ()-[r:`+name+` {id: rid}]->() DELETE r`,
			map[string]any{"ids": found}); err != nil {
			return err
		}
		delete(byType, name)
	}
	if len(byType) > 0 {
		return fmt.Errorf("neo4jstore: relationship keys name unknown types %v", byType)
	}
	_, err = tx.run(ctx, `UNWIND $ids AS rid MATCH (k:RelKey {id: rid}) DELETE k`, map[string]any{"ids": ids})
	return err
}
