package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Merged actors are remembered as (:Redirect {id, to}) nodes: to is the
// surviving actor's id. They are nodes without relationships, so no read
// of the graph meets them; merges re-point older redirects, so to always
// names a stored actor.

// MergeActors folds actors into another in one write transaction.
// Neo4j cannot change a relationship's ends, so the moved relationships
// are deleted and created again (same ids and properties) on the
// survivor.
func (s *Store) MergeActors(ctx context.Context, c *actorgraph.Change, into string, from []string) (actorgraph.MergeResult, error) {
	var res actorgraph.MergeResult
	err := s.write(ctx, func(tx *txn) error {
		res = actorgraph.MergeResult{}
		ids := append([]string{into}, from...)
		actors, err := tx.actorsByIDs(ctx, ids)
		if err != nil {
			return err
		}
		redirects, err := tx.redirects(ctx, ids)
		if err != nil {
			return err
		}
		survivor, ok := actors[into]
		if !ok {
			if to, merged := redirects[into]; merged {
				return domainError{fmt.Errorf("%w: actor %q was merged into %q; merge into that one", actorgraph.ErrNotFound, into, to)}
			}
			return domainError{actorgraph.NotFound("actor", into)}
		}
		gone := map[string]bool{}
		var merged []actorgraph.Actor
		for _, id := range from {
			a, ok := actors[id]
			switch {
			case gone[id]:
			case ok:
				gone[id] = true
				merged = append(merged, a)
			case redirects[id] == into:
			case redirects[id] != "":
				return domainError{fmt.Errorf("%w: actor %q was merged into %q, not %q", actorgraph.ErrConflict, id, redirects[id], into)}
			default:
				return domainError{actorgraph.NotFound("actor", id)}
			}
		}
		res.Actor = survivor
		if len(merged) == 0 {
			return nil
		}
		updated := actorgraph.MergeRecords(survivor, merged)
		if err := updated.Validate(); err != nil {
			return domainError{err}
		}
		goneIDs := make([]string, 0, len(gone))
		for id := range gone {
			goneIDs = append(goneIDs, id)
		}
		slices.Sort(goneIDs)
		recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id})-[r]-()
			WITH DISTINCT r RETURN `+relProjection+` AS r ORDER BY r.id`, map[string]any{"ids": goneIDs})
		if err != nil {
			return err
		}
		rels, err := decodeRecords(recs, 0)
		if err != nil {
			return err
		}
		relIDs := make([]string, len(rels))
		byType := map[string][]actorgraph.Relationship{}
		for i := range rels {
			r, _ := actorgraph.RewriteEnds(rels[i], gone, into)
			relIDs[i] = r.ID
			byType[relTypes[r.Type]] = append(byType[relTypes[r.Type]], r)
		}
		if err := tx.deleteRels(ctx, relIDs); err != nil {
			return err
		}
		if _, err := tx.run(ctx, `MATCH (a:Actor {id: $id}) SET a = $props`,
			map[string]any{"id": into, "props": actorProps(&updated)}); err != nil {
			return err
		}
		for _, t := range actorgraph.RelationshipTypes { // a fixed order keeps runs identical
			if err := tx.createRels(ctx, relTypes[t], byType[relTypes[t]]); err != nil {
				return err
			}
		}
		if _, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id}) DETACH DELETE a
			WITH DISTINCT 1 AS done
			MATCH (d:Redirect) WHERE d.to IN $ids SET d.to = $into`,
			map[string]any{"ids": goneIDs, "into": into}); err != nil {
			return err
		}
		if _, err := tx.run(ctx, `UNWIND $ids AS id MERGE (d:Redirect {id: id}) SET d.to = $into`,
			map[string]any{"ids": goneIDs, "into": into}); err != nil {
			return err
		}
		res.Actor = updated
		res.Merged = goneIDs
		res.MovedRelationships = len(rels)
		c.ActorsMerged(survivor, res, relIDs)
		return tx.record(ctx, c)
	})
	return res, err
}
