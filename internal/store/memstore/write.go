package memstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/pathfind"
)

// Every write checks what depends on stored data first, then commits to the file (bbolt fsyncs on
// commit), and only then changes memory, all under the write lock: an
// acknowledged write is on disk, a failed one changed nothing.

// CreateActor stores a new actor.
func (s *Store) CreateActor(ctx context.Context, c *actorgraph.Change, a actorgraph.Actor) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.actors[a.ID]; exists {
		return fmt.Errorf("%w: actor %q already exists", actorgraph.ErrConflict, a.ID)
	}
	if to, merged := s.redirects[a.ID]; merged {
		return fmt.Errorf("%w: actor %q was merged into %q; its id answers as that actor", actorgraph.ErrConflict, a.ID, to)
	}
	if err := s.commit(c, func(tx *bolt.Tx) error { return putJSON(tx, bucketActors, a.ID, a) }); err != nil {
		return err
	}
	s.setActor(&a)
	return nil
}

// UpdateActor replaces an actor by update(actor) under the write lock.
func (s *Store) UpdateActor(ctx context.Context, c *actorgraph.Change, id string, update func(actorgraph.Actor) (actorgraph.Actor, error)) (actorgraph.Actor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.actors[id]
	if !ok {
		return actorgraph.Actor{}, actorgraph.NotFound("actor", id)
	}
	a, err := update(old.Clone())
	if err != nil {
		return actorgraph.Actor{}, err
	}
	c.ActorUpdated(*old, a)
	if err := s.commit(c, func(tx *bolt.Tx) error { return putJSON(tx, bucketActors, a.ID, a) }); err != nil {
		return actorgraph.Actor{}, err
	}
	s.setActor(&a)
	return a.Clone(), nil
}

// DeleteActor removes an actor, and with cascade its relationships.
func (s *Store) DeleteActor(ctx context.Context, c *actorgraph.Change, id string, cascade bool) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.actors[id]
	if !ok {
		return nil, actorgraph.NotFound("actor", id)
	}
	relIDs := s.adjacent(id, actorgraph.Both)
	if len(relIDs) > 0 && !cascade {
		return nil, fmt.Errorf("%w: actor %q still has %d relationships; delete them first or ask for a cascade",
			actorgraph.ErrConflict, id, len(relIDs))
	}
	var redirects []string // ids merged into this actor: they go with it
	for old, to := range s.redirects {
		if to == id {
			redirects = append(redirects, old)
		}
	}
	c.ActorDeleted(*old, relIDs)
	err := s.commit(c, func(tx *bolt.Tx) error {
		for _, rid := range relIDs {
			if err := tx.Bucket(bucketRels).Delete([]byte(rid)); err != nil {
				return err
			}
		}
		for _, old := range redirects {
			if err := tx.Bucket(bucketRedirects).Delete([]byte(old)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketActors).Delete([]byte(id))
	})
	if err != nil {
		return nil, err
	}
	for _, old := range redirects {
		delete(s.redirects, old)
	}
	s.unsetRelationships(relIDs)
	delete(s.actors, id)
	delete(s.folded, id)
	s.actorIDs = removeSorted(s.actorIDs, id)
	delete(s.out, id)
	delete(s.in, id) // its walk graph entry went with its last relationship
	return append([]string{}, relIDs...), nil
}

// CreateRelationship stores a new relationship between existing actors.
func (s *Store) CreateRelationship(ctx context.Context, c *actorgraph.Change, r actorgraph.Relationship) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.rels[r.ID]; exists {
		return fmt.Errorf("%w: relationship %q already exists", actorgraph.ErrConflict, r.ID)
	}
	if err := s.checkEnds(&r, nil); err != nil {
		return err
	}
	if err := s.commit(c, func(tx *bolt.Tx) error { return putJSON(tx, bucketRels, r.ID, r) }); err != nil {
		return err
	}
	s.setRelationship(&r)
	return nil
}

// DeleteRelationship removes a relationship.
func (s *Store) DeleteRelationship(ctx context.Context, c *actorgraph.Change, id string) (actorgraph.Relationship, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rels[id]
	if !ok {
		return actorgraph.Relationship{}, actorgraph.NotFound("relationship", id)
	}
	c.RelationshipDeleted(*r)
	if err := s.commit(c, func(tx *bolt.Tx) error { return tx.Bucket(bucketRels).Delete([]byte(id)) }); err != nil {
		return actorgraph.Relationship{}, err
	}
	s.unsetRelationship(id)
	return r.Clone(), nil
}

// Upsert writes a batch in one transaction.
func (s *Store) Upsert(ctx context.Context, c *actorgraph.Change, actors []actorgraph.Actor, rels []actorgraph.Relationship) error {
	batch := make(map[string]bool, len(actors))
	for i := range actors {
		batch[actors[i].ID] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range rels {
		if err := s.checkEnds(&rels[i], batch); err != nil {
			return fmt.Errorf("relationship %d (%q): %w", i, rels[i].ID, err)
		}
	}
	err := s.commit(c, func(tx *bolt.Tx) error {
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
	var newIDs []string
	for i := range actors {
		a := actors[i].Clone()
		if _, exists := s.actors[a.ID]; !exists {
			newIDs = append(newIDs, a.ID) // once: the actor exists from here on
		}
		s.putActor(&a)
	}
	if len(newIDs) > 0 {
		s.actorIDs = mergeInto(s.actorIDs, newIDs)
	}
	batchRels := make([]*actorgraph.Relationship, 0, len(rels))
	seen := make(map[string]int, len(rels))
	for i := range rels {
		r := rels[i].Clone()
		if j, dup := seen[r.ID]; dup { // the last record of an id wins
			batchRels[j] = &r
			continue
		}
		seen[r.ID] = len(batchRels)
		batchRels = append(batchRels, &r)
	}
	s.indexBatch(batchRels)
	return nil
}

// checkEnds verifies the known endpoints exist in the store or the batch
// (a one-actor event has one end empty).
func (s *Store) checkEnds(r *actorgraph.Relationship, batch map[string]bool) error {
	for _, end := range []struct{ field, id string }{{"from", r.From}, {"to", r.To}} {
		if end.id == "" {
			continue
		}
		if _, ok := s.actors[end.id]; !ok && !batch[end.id] {
			return actorgraph.Invalid(end.field, "actor %q does not exist", end.id)
		}
	}
	return nil
}

// commit runs fn in a write transaction and records c in the same one;
// bbolt syncs the file before Update returns.
func (s *Store) commit(c *actorgraph.Change, fn func(tx *bolt.Tx) error) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return putJSON(tx, bucketChanges, c.ID, c)
	})
	if err != nil {
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
	s.putActor(a)
}

// putActor stores an actor and its folded names (not its id in actorIDs).
func (s *Store) putActor(a *actorgraph.Actor) {
	s.actors[a.ID] = a
	f := actorgraph.FoldActor(a)
	s.folded[a.ID] = &f
}

func (s *Store) setRelationship(r *actorgraph.Relationship) {
	s.rels[r.ID] = r
	s.relIDs = insertSorted(s.relIDs, r.ID)
	if r.From != "" {
		s.out[r.From] = insertSorted(s.out[r.From], r.ID)
	}
	if r.To != "" {
		s.in[r.To] = insertSorted(s.in[r.To], r.ID)
	}
	s.addSteps(r)
}

func (s *Store) unsetRelationship(id string) {
	r, ok := s.rels[id]
	if !ok {
		return
	}
	delete(s.rels, id)
	s.relIDs = removeSorted(s.relIDs, id)
	if r.From != "" {
		s.out[r.From] = removeSorted(s.out[r.From], id)
	}
	if r.To != "" {
		s.in[r.To] = removeSorted(s.in[r.To], id)
	}
	s.removeSteps(r)
}

// unsetRelationships removes many relationships from the indexes in one
// pass over each list they are in: removing them one by one (as
// unsetRelationship does) costs a scan of a hub's lists per relationship,
// which made deleting a hub of 57,000 relationships take minutes.
func (s *Store) unsetRelationships(ids []string) {
	gone := make(map[string]bool, len(ids))
	actors := map[string]bool{}
	for _, id := range ids {
		r, ok := s.rels[id]
		if !ok {
			continue
		}
		gone[id] = true
		delete(s.rels, id)
		for _, end := range r.Ends() {
			actors[end] = true
		}
	}
	if len(gone) == 0 {
		return
	}
	isGone := func(id string) bool { return gone[id] }
	s.relIDs = slices.DeleteFunc(s.relIDs, isGone)
	arcGone := func(a pathfind.Arc) bool { return gone[a.ID] }
	for actor := range actors {
		if ids := slices.DeleteFunc(s.out[actor], isGone); len(ids) > 0 {
			s.out[actor] = ids
		} else {
			delete(s.out, actor)
		}
		if ids := slices.DeleteFunc(s.in[actor], isGone); len(ids) > 0 {
			s.in[actor] = ids
		} else {
			delete(s.in, actor)
		}
		if a := s.steps[actor]; a != nil {
			a.out, a.in, a.both = slices.DeleteFunc(a.out, arcGone), slices.DeleteFunc(a.in, arcGone), slices.DeleteFunc(a.both, arcGone)
			s.dropIfEmpty(a)
		}
	}
}

// indexBatch adds a batch of relationships to the indexes. Inserting ids
// one by one into the sorted slices costs a copy of the slice each, which
// made a million-row import quadratic; here the new ids are sorted once and
// merged in one pass per slice. A relationship that replaces one with the
// same ends and Goldstein score keeps its place in the indexes (re-imports
// are mostly that: the walk adjacency, s.steps, must depend on nothing
// else); any other replacement is removed and added again.
func (s *Store) indexBatch(rels []*actorgraph.Relationship) {
	var added []*actorgraph.Relationship
	for _, r := range rels {
		old, exists := s.rels[r.ID]
		switch {
		case !exists:
			added = append(added, r)
		case old.From == r.From && old.To == r.To && sameScore(old.Goldstein, r.Goldstein):
			// The walk adjacency depends on the ends and the score only.
		default:
			s.unsetRelationship(r.ID)
			added = append(added, r)
		}
		s.rels[r.ID] = r
	}
	if len(added) == 0 {
		return
	}
	ids := make([]string, len(added))
	out := map[string][]string{}
	in := map[string][]string{}
	for i, r := range added {
		ids[i] = r.ID
		if r.From != "" {
			out[r.From] = append(out[r.From], r.ID)
		}
		if r.To != "" {
			in[r.To] = append(in[r.To], r.ID)
		}
		s.addSteps(r)
	}
	s.relIDs = mergeInto(s.relIDs, ids)
	for actor, ids := range out {
		s.out[actor] = mergeInto(s.out[actor], ids)
	}
	for actor, ids := range in {
		s.in[actor] = mergeInto(s.in[actor], ids)
	}
}

func sameScore(a, b *float64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// mergeInto returns the sorted union of sorted dst and unsorted, distinct
// add (none already in dst).
func mergeInto(dst, add []string) []string {
	slices.Sort(add)
	if len(dst) == 0 {
		return add
	}
	if dst[len(dst)-1] < add[0] { // appending ids in order: the import case
		return append(dst, add...)
	}
	merged := make([]string, 0, len(dst)+len(add))
	i, j := 0, 0
	for i < len(dst) && j < len(add) {
		if dst[i] < add[j] {
			merged = append(merged, dst[i])
			i++
		} else {
			merged = append(merged, add[j])
			j++
		}
	}
	merged = append(merged, dst[i:]...)
	return append(merged, add[j:]...)
}
