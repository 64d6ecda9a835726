package neo4jstore

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Writes run in one managed write transaction each; checks and writes
// share it, so a failed check writes nothing.

// CreateActor stores a new actor.
func (s *Store) CreateActor(ctx context.Context, c *actorgraph.Change, a actorgraph.Actor) error {
	return s.write(ctx, func(tx *txn) error {
		red, err := tx.redirects(ctx, []string{a.ID})
		if err != nil {
			return err
		}
		if to, merged := red[a.ID]; merged {
			return domainError{fmt.Errorf("%w: actor %q was merged into %q; its id answers as that actor", actorgraph.ErrConflict, a.ID, to)}
		}
		recs, err := tx.run(ctx, `OPTIONAL MATCH (x:Actor {id: $id}) WITH x WHERE x IS NULL
			CREATE (a:Actor) SET a = $props RETURN a.id`, map[string]any{"id": a.ID, "props": actorProps(&a)})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return domainError{fmt.Errorf("%w: actor %q already exists", actorgraph.ErrConflict, a.ID)}
		}
		return tx.record(ctx, c)
	})
}

// UpdateActor replaces an actor by update(actor) in one transaction.
func (s *Store) UpdateActor(ctx context.Context, c *actorgraph.Change, id string, update func(actorgraph.Actor) (actorgraph.Actor, error)) (actorgraph.Actor, error) {
	var updated actorgraph.Actor
	err := s.write(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `MATCH (a:Actor {id: $id}) RETURN a {.*} AS a`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return domainError{actorgraph.NotFound("actor", id)}
		}
		old, err := decodeActor(recs[0].Values[0])
		if err != nil {
			return err
		}
		if updated, err = update(old); err != nil {
			return domainError{err}
		}
		if _, err = tx.run(ctx, `MATCH (a:Actor {id: $id}) SET a = $props`, map[string]any{"id": id, "props": actorProps(&updated)}); err != nil {
			return err
		}
		c.ActorUpdated(old, updated)
		return tx.record(ctx, c)
	})
	return updated, err
}

// DeleteActor removes an actor, and with cascade its relationships.
func (s *Store) DeleteActor(ctx context.Context, c *actorgraph.Change, id string, cascade bool) ([]string, error) {
	var ids []string
	err := s.write(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, `MATCH (a:Actor {id: $id}) OPTIONAL MATCH (a)-[r]-()
			WITH a, r ORDER BY r.id RETURN a {.*} AS a, collect(r.id)`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return domainError{actorgraph.NotFound("actor", id)}
		}
		old, err := decodeActor(recs[0].Values[0])
		if err != nil {
			return err
		}
		ids = strs(recs[0].Values[1])
		if len(ids) > 0 && !cascade {
			return domainError{fmt.Errorf("%w: actor %q still has %d relationships; delete them first or ask for a cascade",
				actorgraph.ErrConflict, id, len(ids))}
		}
		// One statement: the actor, its relationships' keys, and the ids
		// merged into it, which go with it.
		_, err = tx.run(ctx, `MATCH (a:Actor {id: $id}) CALL (a) {
				MATCH (a)-[r]-() MATCH (k:RelKey {id: r.id}) DELETE k
			} DETACH DELETE a
			WITH count(*) AS deleted
			OPTIONAL MATCH (d:Redirect {to: $id}) DELETE d`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		c.ActorDeleted(old, ids)
		return tx.record(ctx, c)
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// CreateRelationship stores a new relationship between existing actors.
func (s *Store) CreateRelationship(ctx context.Context, c *actorgraph.Change, r actorgraph.Relationship) error {
	return s.write(ctx, func(tx *txn) error {
		if err := tx.checkEnds(ctx, []actorgraph.Relationship{r}, nil); err != nil {
			return err
		}
		existing, err := tx.relsByID(ctx, []string{r.ID})
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return domainError{fmt.Errorf("%w: relationship %q already exists", actorgraph.ErrConflict, r.ID)}
		}
		if err := tx.createRels(ctx, relTypes[r.Type], []actorgraph.Relationship{r}); err != nil {
			return err
		}
		return tx.record(ctx, c)
	})
}

// DeleteRelationship removes a relationship and returns it.
func (s *Store) DeleteRelationship(ctx context.Context, c *actorgraph.Change, id string) (actorgraph.Relationship, error) {
	var deleted actorgraph.Relationship
	err := s.write(ctx, func(tx *txn) error {
		found, err := tx.relsByID(ctx, []string{id})
		if err != nil {
			return err
		}
		r, ok := found[id]
		if !ok {
			return domainError{actorgraph.NotFound("relationship", id)}
		}
		deleted = r
		if err := tx.deleteRels(ctx, []string{id}); err != nil {
			return err
		}
		c.RelationshipDeleted(r)
		return tx.record(ctx, c)
	})
	return deleted, err
}

// checkEnds verifies every endpoint exists in Neo4j or in batch.
func (tx *txn) checkEnds(ctx context.Context, rels []actorgraph.Relationship, batch map[string]bool) error {
	var ends []string
	seen := map[string]bool{}
	for _, r := range rels {
		for _, id := range r.Ends() {
			if !seen[id] && !batch[id] {
				seen[id] = true
				ends = append(ends, id)
			}
		}
	}
	if len(ends) == 0 {
		return nil
	}
	recs, err := tx.run(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id`, map[string]any{"ids": ends})
	if err != nil {
		return err
	}
	found := make(map[string]bool, len(recs))
	for _, rec := range recs {
		found[str(rec.Values[0])] = true
	}
	for i, r := range rels {
		for _, end := range []struct{ field, id string }{{"from", r.From}, {"to", r.To}} {
			if end.id == "" {
				continue
			}
			if !found[end.id] && !batch[end.id] {
				err := actorgraph.Invalid(end.field, "actor %q does not exist", end.id)
				if len(rels) > 1 {
					err = fmt.Errorf("relationship %d (%q): %w", i, r.ID, err)
				}
				return domainError{err}
			}
		}
	}
	return nil
}

// Upsert writes a batch in one transaction: actors are merged on id and
// overwritten; relationships with the batch's ids are deleted and created
// again, so a changed type or endpoint moves them. Running it twice leaves
// the same graph.
func (s *Store) Upsert(ctx context.Context, c *actorgraph.Change, actors []actorgraph.Actor, rels []actorgraph.Relationship) error {
	batch := make(map[string]bool, len(actors))
	actorRows := make([]map[string]any, len(actors))
	for i := range actors {
		batch[actors[i].ID] = true
		actorRows[i] = actorProps(&actors[i])
	}
	rels = lastByID(rels)
	byType := map[string][]actorgraph.Relationship{}
	relIDs := make([]string, len(rels))
	for i := range rels {
		typ := relTypes[rels[i].Type]
		byType[typ] = append(byType[typ], rels[i])
		relIDs[i] = rels[i].ID
	}
	return s.write(ctx, func(tx *txn) error {
		if err := tx.checkEnds(ctx, rels, batch); err != nil {
			return err
		}
		if len(actorRows) > 0 {
			if _, err := tx.run(ctx, `UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a = row`,
				map[string]any{"rows": actorRows}); err != nil {
				return err
			}
		}
		if len(relIDs) == 0 {
			return tx.record(ctx, c)
		}
		if err := tx.deleteRels(ctx, relIDs); err != nil {
			return err
		}
		for _, t := range actorgraph.RelationshipTypes { // a fixed order keeps runs identical
			if err := tx.createRels(ctx, relTypes[t], byType[relTypes[t]]); err != nil {
				return err
			}
		}
		return tx.record(ctx, c)
	})
}

// createRels creates relationships of one Neo4j type, one UNWIND statement
// per shape: between two actors, and one-actor events tied to the unknown
// actor node on their missing side.
func (tx *txn) createRels(ctx context.Context, typ string, rels []actorgraph.Relationship) error {
	var both, noFrom, noTo []map[string]any
	for i := range rels {
		r := &rels[i]
		switch {
		case r.From == "":
			noFrom = append(noFrom, relRow(r))
		case r.To == "":
			noTo = append(noTo, relRow(r))
		default:
			both = append(both, relRow(r))
		}
	}
	statements := []struct {
		rows    []map[string]any
		pattern string
	}{
		{both, `MATCH (a:Actor {id: row.from}), (b:Actor {id: row.to}) CREATE (a)-[r:` + typ + `]->(b)`},
		{noFrom, `MATCH (b:Actor {id: row.to}) CREATE (u)-[r:` + typ + `]->(b)`},
		{noTo, `MATCH (a:Actor {id: row.from}) CREATE (a)-[r:` + typ + `]->(u)`},
	}
	for i, st := range statements {
		if len(st.rows) == 0 {
			continue
		}
		query := `UNWIND $rows AS row ` + st.pattern + ` SET r = row.props` + createKey
		if i > 0 {
			query = `MERGE (u:UnknownActor {key: 'unknown'}) WITH u ` + query
		}
		if _, err := tx.run(ctx, query, map[string]any{"rows": st.rows}); err != nil {
			return err
		}
	}
	return nil
}

// lastByID keeps the last relationship of each id, in first-seen order, as
// the embedded store does when a batch repeats an id.
func lastByID(rels []actorgraph.Relationship) []actorgraph.Relationship {
	last := make(map[string]int, len(rels))
	for i, r := range rels {
		last[r.ID] = i
	}
	if len(last) == len(rels) {
		return rels
	}
	out := make([]actorgraph.Relationship, 0, len(last))
	for i, r := range rels {
		if last[r.ID] == i {
			out = append(out, r)
		}
	}
	return out
}
