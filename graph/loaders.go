package graph

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Loaders batch the nested fields of one request: every Relationship.from
// and .to in a response is fetched with one ActorsByID call per wave, and
// every Actor.relationships with one RelationshipsOf call per wave, so a
// nested query costs a number of store calls bounded by its depth, not by
// its result size. A fresh set is made for each request (no cache outlives
// a request, so no write is ever hidden from a later read).
type Loaders struct {
	actors        *dataloadgen.Loader[string, *actorgraph.Actor]
	relationships *dataloadgen.Loader[relationshipsKey, actorgraph.Page[actorgraph.Relationship]]
}

// relationshipsKey is a comparable form of actorgraph.RelationshipsQuery.
type relationshipsKey struct {
	actorID   string
	direction actorgraph.Direction
	types     string          // sorted, comma-joined
	asOf      actorgraph.Date // the zero Date: none
	page      actorgraph.PageRequest
}

func (k relationshipsKey) query() actorgraph.RelationshipsQuery {
	q := actorgraph.RelationshipsQuery{
		ActorID:   k.actorID,
		Direction: k.direction,
		Page:      k.page,
	}
	if k.asOf != (actorgraph.Date{}) {
		asOf := k.asOf
		q.AsOf = &asOf
	}
	if k.types != "" {
		for _, t := range strings.Split(k.types, ",") {
			q.Types = append(q.Types, actorgraph.RelationshipType(t))
		}
	}
	return q
}

func typesKey(types []actorgraph.RelationshipType) string {
	s := make([]string, len(types))
	for i, t := range types {
		s[i] = string(t)
	}
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

// DefaultLoaderWait is how long a loader collects keys before it fetches;
// gqlgen resolves sibling fields concurrently, so a short wait gathers a
// level. Every nesting level of a query waits once: at 2 ms a four-level
// query on the embedded store spent 8 of its 10 ms waiting (the load
// harness), so the default is shorter; a wave split in two costs one more
// store call, not a wrong answer. config.Default uses it.
const DefaultLoaderWait = 500 * time.Microsecond

// BatchReader is what the loaders read: the two batch reads of
// *actorgraph.Graph.
type BatchReader interface {
	ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error)
	RelationshipsOf(ctx context.Context, queries []actorgraph.RelationshipsQuery) ([]actorgraph.Page[actorgraph.Relationship], error)
}

// NewLoaders makes the loaders for one request, each gathering keys for
// wait before a store call.
func NewLoaders(store BatchReader, wait time.Duration) *Loaders {
	return &Loaders{
		actors: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*actorgraph.Actor, []error) {
			actors, err := store.ActorsByID(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return actors, nil
		}, dataloadgen.WithWait(wait)),
		relationships: dataloadgen.NewLoader(func(ctx context.Context, keys []relationshipsKey) ([]actorgraph.Page[actorgraph.Relationship], []error) {
			qs := make([]actorgraph.RelationshipsQuery, len(keys))
			for i, k := range keys {
				qs[i] = k.query()
			}
			pages, err := store.RelationshipsOf(ctx, qs)
			if err != nil {
				return nil, []error{err}
			}
			return pages, nil
		}, dataloadgen.WithWait(wait)),
	}
}

type loadersKey struct{}

// WithLoaders returns a context carrying a fresh set of loaders.
func WithLoaders(ctx context.Context, store BatchReader, wait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, NewLoaders(store, wait))
}

func loadersFrom(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	return l
}
