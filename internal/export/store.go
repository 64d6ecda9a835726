package export

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// pageSize is how many records a StoreSource reads at once.
const pageSize = 1000

// Lister is what StoreSource reads: list and batch reads of
// *actorgraph.Graph.
type Lister interface {
	Actors(ctx context.Context, filter actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error)
	Relationships(ctx context.Context, filter actorgraph.RelationshipFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error)
	ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error)
}

// StoreSource is a Source over a whole store, read page by page (by id),
// so an export of any size holds one page at a time. With filtered, the
// relationships are those filter keeps and the actors those at their
// ends (one more pass over the relationships collects their ids first);
// without, every actor and every relationship.
//
// The pages are separate reads: export a store nobody writes to, or the
// file may mix moments.
func StoreSource(ctx context.Context, store Lister, filter actorgraph.RelationshipFilter, filtered bool) Source {
	rels := func(yield func(actorgraph.Relationship) error) error {
		after := ""
		for {
			p, err := store.Relationships(ctx, filter, actorgraph.PageRequest{First: pageSize, After: after, NoTotal: true})
			if err != nil {
				return err
			}
			for _, r := range p.Items {
				if err := yield(r); err != nil {
					return err
				}
				after = r.ID
			}
			if !p.HasNextPage || len(p.Items) == 0 {
				return nil
			}
		}
	}
	actors := func(yield func(actorgraph.Actor) error) error {
		after := ""
		for {
			p, err := store.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: pageSize, After: after, NoTotal: true})
			if err != nil {
				return err
			}
			for _, a := range p.Items {
				if err := yield(a); err != nil {
					return err
				}
				after = a.ID
			}
			if !p.HasNextPage || len(p.Items) == 0 {
				return nil
			}
		}
	}
	if filtered {
		actors = func(yield func(actorgraph.Actor) error) error {
			ends := map[string]bool{}
			err := rels(func(r actorgraph.Relationship) error {
				for _, id := range r.Ends() {
					ends[id] = true
				}
				return nil
			})
			if err != nil {
				return err
			}
			ids := make([]string, 0, len(ends))
			for id := range ends {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for chunk := range slices.Chunk(ids, pageSize) {
				got, err := store.ActorsByID(ctx, chunk)
				if err != nil {
					return err
				}
				for _, a := range got {
					if a == nil {
						continue
					}
					if err := yield(*a); err != nil {
						return err
					}
				}
			}
			return nil
		}
	}
	return Source{Actors: actors, Relationships: rels}
}
