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
		return eachPage(func(page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Relationship], error) {
			return store.Relationships(ctx, filter, page)
		}, func(r *actorgraph.Relationship) string { return r.ID }, yield)
	}
	actors := func(yield func(actorgraph.Actor) error) error {
		return eachPage(func(page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error) {
			return store.Actors(ctx, actorgraph.ActorFilter{}, page)
		}, func(a *actorgraph.Actor) string { return a.ID }, yield)
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

// eachPage reads a list page by page (pageSize items, no totals) and
// hands every item to yield, in list order.
func eachPage[T any](read func(actorgraph.PageRequest) (actorgraph.Page[T], error), id func(*T) string, yield func(T) error) error {
	after := ""
	for {
		p, err := read(actorgraph.PageRequest{First: pageSize, After: after, NoTotal: true})
		if err != nil {
			return err
		}
		for i := range p.Items {
			if err := yield(p.Items[i]); err != nil {
				return err
			}
			after = id(&p.Items[i])
		}
		if !p.HasNextPage || len(p.Items) == 0 {
			return nil
		}
	}
}
