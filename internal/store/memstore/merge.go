package memstore

import (
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// MergeActors folds actors into another in one bbolt transaction: the
// moved relationships, the survivor, the deletions and the redirects are
// committed together, then memory is updated.
func (s *Store) MergeActors(ctx context.Context, c *actorgraph.Change, into string, from []string) (actorgraph.MergeResult, error) {
	var res actorgraph.MergeResult
	s.mu.Lock()
	defer s.mu.Unlock()
	survivor, ok := s.actors[into]
	if !ok {
		if to, merged := s.redirects[into]; merged {
			return res, fmt.Errorf("%w: actor %q was merged into %q; merge into that one", actorgraph.ErrNotFound, into, to)
		}
		return res, actorgraph.NotFound("actor", into)
	}
	var merged []actorgraph.Actor
	gone := map[string]bool{}
	for _, id := range from {
		if gone[id] {
			continue
		}
		a, ok := s.actors[id]
		switch {
		case ok:
			gone[id] = true
			merged = append(merged, *a)
		case s.redirects[id] == into:
			// merged before: nothing to do
		case s.redirects[id] != "":
			return res, fmt.Errorf("%w: actor %q was merged into %q, not %q", actorgraph.ErrConflict, id, s.redirects[id], into)
		default:
			return res, actorgraph.NotFound("actor", id)
		}
	}
	res.Actor = survivor.Clone()
	if len(merged) == 0 {
		return res, nil
	}
	updated := actorgraph.MergeRecords(*survivor, merged)
	if err := updated.Validate(); err != nil {
		return res, err
	}
	var relIDs []string
	for id := range gone {
		relIDs = append(relIDs, s.adjacent(id, actorgraph.Both)...)
	}
	slices.Sort(relIDs)
	relIDs = slices.Compact(relIDs)
	moved := make([]actorgraph.Relationship, 0, len(relIDs))
	for _, rid := range relIDs {
		r, _ := actorgraph.RewriteEnds(s.rels[rid].Clone(), gone, into)
		moved = append(moved, r)
	}
	redirects := map[string]string{}
	for id := range gone {
		redirects[id] = into
	}
	for old, to := range s.redirects {
		if gone[to] {
			redirects[old] = into
		}
	}
	var mergedIDs []string
	for id := range gone {
		mergedIDs = append(mergedIDs, id)
	}
	slices.Sort(mergedIDs)
	c.ActorsMerged(*survivor, actorgraph.MergeResult{Actor: updated, Merged: mergedIDs, MovedRelationships: len(moved)}, relIDs)
	err := s.commit(c, func(tx *bolt.Tx) error {
		for i := range moved {
			if err := putJSON(tx, bucketRels, moved[i].ID, moved[i]); err != nil {
				return err
			}
		}
		for id := range gone {
			if err := tx.Bucket(bucketActors).Delete([]byte(id)); err != nil {
				return err
			}
		}
		for old, to := range redirects {
			if err := tx.Bucket(bucketRedirects).Put([]byte(old), []byte(to)); err != nil {
				return err
			}
		}
		return putJSON(tx, bucketActors, into, updated)
	})
	if err != nil {
		return res, err
	}
	s.unsetRelationships(relIDs)
	for id := range gone {
		delete(s.actors, id)
		delete(s.folded, id)
		s.actorIDs = removeSorted(s.actorIDs, id)
		delete(s.out, id)
		delete(s.in, id)
	}
	batch := make([]*actorgraph.Relationship, len(moved))
	for i := range moved {
		batch[i] = &moved[i]
	}
	s.indexBatch(batch)
	s.putActor(&updated)
	for old, to := range redirects {
		s.redirects[old] = to
	}
	res.Merged = mergedIDs
	res.Actor = updated.Clone()
	res.MovedRelationships = len(moved)
	return res, nil
}
