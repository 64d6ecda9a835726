package memstore

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Every write validates first, then commits to the file (bbolt fsyncs on
// commit), and only then changes memory, all under the write lock: an
// acknowledged write is on disk, a failed one changed nothing.

// CreateActor stores a new actor.
func (s *Store) CreateActor(ctx context.Context, a actorgraph.Actor) (actorgraph.Actor, error) {
	a = a.Clone()
	if err := a.Validate(); err != nil {
		return actorgraph.Actor{}, err
	}
	if err := ctx.Err(); err != nil {
		return actorgraph.Actor{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.actors[a.ID]; exists {
		return actorgraph.Actor{}, fmt.Errorf("%w: actor %q already exists", actorgraph.ErrConflict, a.ID)
	}
	if err := s.commit(func(tx *bolt.Tx) error { return putJSON(tx, bucketActors, a.ID, a) }); err != nil {
		return actorgraph.Actor{}, err
	}
	s.setActor(&a)
	return a.Clone(), nil
}

// UpdateActor patches an actor.
func (s *Store) UpdateActor(ctx context.Context, id string, patch actorgraph.ActorPatch) (actorgraph.Actor, error) {
	if err := ctx.Err(); err != nil {
		return actorgraph.Actor{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.actors[id]
	if !ok {
		return actorgraph.Actor{}, actorgraph.NotFound("actor", id)
	}
	a := patch.Apply(*old)
	if err := a.Validate(); err != nil {
		return actorgraph.Actor{}, err
	}
	if err := s.commit(func(tx *bolt.Tx) error { return putJSON(tx, bucketActors, a.ID, a) }); err != nil {
		return actorgraph.Actor{}, err
	}
	s.setActor(&a)
	return a.Clone(), nil
}

// DeleteActor removes an actor, and with cascade its relationships.
func (s *Store) DeleteActor(ctx context.Context, id string, cascade bool) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.actors[id]; !ok {
		return nil, actorgraph.NotFound("actor", id)
	}
	relIDs := s.adjacent(id, actorgraph.Both)
	if len(relIDs) > 0 && !cascade {
		return nil, fmt.Errorf("%w: actor %q still has %d relationships; delete them first or ask for a cascade",
			actorgraph.ErrConflict, id, len(relIDs))
	}
	err := s.commit(func(tx *bolt.Tx) error {
		for _, rid := range relIDs {
			if err := tx.Bucket(bucketRels).Delete([]byte(rid)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketActors).Delete([]byte(id))
	})
	if err != nil {
		return nil, err
	}
	for _, rid := range relIDs {
		s.unsetRelationship(rid)
	}
	delete(s.actors, id)
	s.actorIDs = removeSorted(s.actorIDs, id)
	delete(s.out, id)
	delete(s.in, id)
	delete(s.steps, id)
	return append([]string{}, relIDs...), nil
}

// CreateRelationship stores a new relationship between existing actors.
func (s *Store) CreateRelationship(ctx context.Context, r actorgraph.Relationship) (actorgraph.Relationship, error) {
	r = r.Clone()
	if err := r.Validate(); err != nil {
		return actorgraph.Relationship{}, err
	}
	if err := ctx.Err(); err != nil {
		return actorgraph.Relationship{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.rels[r.ID]; exists {
		return actorgraph.Relationship{}, fmt.Errorf("%w: relationship %q already exists", actorgraph.ErrConflict, r.ID)
	}
	if err := s.checkEnds(&r, nil); err != nil {
		return actorgraph.Relationship{}, err
	}
	if err := s.commit(func(tx *bolt.Tx) error { return putJSON(tx, bucketRels, r.ID, r) }); err != nil {
		return actorgraph.Relationship{}, err
	}
	s.setRelationship(&r)
	return r.Clone(), nil
}

// DeleteRelationship removes a relationship.
func (s *Store) DeleteRelationship(ctx context.Context, id string) (actorgraph.Relationship, error) {
	if err := ctx.Err(); err != nil {
		return actorgraph.Relationship{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rels[id]
	if !ok {
		return actorgraph.Relationship{}, actorgraph.NotFound("relationship", id)
	}
	if err := s.commit(func(tx *bolt.Tx) error { return tx.Bucket(bucketRels).Delete([]byte(id)) }); err != nil {
		return actorgraph.Relationship{}, err
	}
	s.unsetRelationship(id)
	return r.Clone(), nil
}

// Upsert writes a batch in one transaction.
func (s *Store) Upsert(ctx context.Context, actors []actorgraph.Actor, rels []actorgraph.Relationship) error {
	batch := make(map[string]bool, len(actors))
	for i := range actors {
		if err := actors[i].Validate(); err != nil {
			return fmt.Errorf("actor %d (%q): %w", i, actors[i].ID, err)
		}
		batch[actors[i].ID] = true
	}
	for i := range rels {
		if err := rels[i].Validate(); err != nil {
			return fmt.Errorf("relationship %d (%q): %w", i, rels[i].ID, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range rels {
		if err := s.checkEnds(&rels[i], batch); err != nil {
			return fmt.Errorf("relationship %d (%q): %w", i, rels[i].ID, err)
		}
	}
	err := s.commit(func(tx *bolt.Tx) error {
		for _, a := range actors {
			if err := putJSON(tx, bucketActors, a.ID, a); err != nil {
				return err
			}
		}
		for _, r := range rels {
			if err := putJSON(tx, bucketRels, r.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range actors {
		a := actors[i].Clone()
		s.setActor(&a)
	}
	for i := range rels {
		r := rels[i].Clone()
		s.unsetRelationship(r.ID) // its ends may have changed
		s.setRelationship(&r)
	}
	return nil
}

// checkEnds verifies both endpoints exist in the store or the batch.
func (s *Store) checkEnds(r *actorgraph.Relationship, batch map[string]bool) error {
	for _, end := range []struct{ field, id string }{{"from", r.From}, {"to", r.To}} {
		if _, ok := s.actors[end.id]; !ok && !batch[end.id] {
			return actorgraph.Invalid(end.field, "actor %q does not exist", end.id)
		}
	}
	return nil
}

// commit runs fn in a write transaction; bbolt syncs the file before
// Update returns.
func (s *Store) commit(fn func(tx *bolt.Tx) error) error {
	if err := s.db.Update(fn); err != nil {
		return fmt.Errorf("memstore: write %s: %w", s.path, err)
	}
	return nil
}

func putJSON(tx *bolt.Tx, bucket []byte, id string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put([]byte(id), b)
}

// The set/unset helpers keep the indexes in step; the caller holds the
// write lock.

func (s *Store) setActor(a *actorgraph.Actor) {
	if _, exists := s.actors[a.ID]; !exists {
		s.actorIDs = insertSorted(s.actorIDs, a.ID)
	}
	s.actors[a.ID] = a
}

func (s *Store) setRelationship(r *actorgraph.Relationship) {
	s.rels[r.ID] = r
	s.relIDs = insertSorted(s.relIDs, r.ID)
	s.out[r.From] = insertSorted(s.out[r.From], r.ID)
	s.in[r.To] = insertSorted(s.in[r.To], r.ID)
	s.addSteps(r)
}

func (s *Store) unsetRelationship(id string) {
	r, ok := s.rels[id]
	if !ok {
		return
	}
	delete(s.rels, id)
	s.relIDs = removeSorted(s.relIDs, id)
	s.out[r.From] = removeSorted(s.out[r.From], id)
	s.in[r.To] = removeSorted(s.in[r.To], id)
	s.removeSteps(r)
}
