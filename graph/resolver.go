package graph

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Resolver is the root resolver. Resolvers translate GraphQL to store calls
// and back; filtering, ordering and graph algorithms live in the stores.
// Root fields call the store; nested fields go through per-request loaders.
type Resolver struct {
	Store  actorgraph.Store
	Limits Limits
	// APIToken enables mutations for callers presenting it as a bearer
	// token; empty makes the server read-only.
	APIToken string
}

type authorizationKey struct{}

// WithAuthorization stores the request's Authorization header value.
func WithAuthorization(ctx context.Context, header string) context.Context {
	return context.WithValue(ctx, authorizationKey{}, header)
}

// authorize checks the caller may write.
func (r *Resolver) authorize(ctx context.Context) error {
	if r.APIToken == "" {
		return fmt.Errorf("%w: this server is read-only: mutations are disabled because ACTORGRAPH_API_TOKEN is not set", actorgraph.ErrForbidden)
	}
	header, _ := ctx.Value(authorizationKey{}).(string)
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || token == "" {
		return fmt.Errorf("%w: mutations need an Authorization: Bearer <token> header", actorgraph.ErrUnauthenticated)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(r.APIToken)) != 1 {
		return fmt.Errorf("%w: the bearer token is not valid", actorgraph.ErrUnauthenticated)
	}
	return nil
}

// survivors maps actor ids merged into other actors to those actors (the
// actor resolver's rule 1); other ids, and empty ones, stay as they are.
func (r *Resolver) survivors(ctx context.Context, from, to string) (string, string, error) {
	red, err := r.Store.Redirects(ctx, []string{from, to})
	if err != nil {
		return "", "", err
	}
	if s, ok := red[from]; ok {
		from = s
	}
	if s, ok := red[to]; ok {
		to = s
	}
	return from, to, nil
}

// followMerged is for a graph query that failed: when err is ErrNotFound
// and one of the ids was merged into another actor, it moves the ids to
// the survivors and reports that the query should run again. The lookup
// happens only after a miss, so queries on live ids cost nothing more.
func (r *Resolver) followMerged(ctx context.Context, err error, ids ...*string) bool {
	if !errors.Is(err, actorgraph.ErrNotFound) {
		return false
	}
	var look []string
	for _, id := range ids {
		if id != nil {
			look = append(look, *id)
		}
	}
	red, rerr := r.Store.Redirects(ctx, look)
	if rerr != nil || len(red) == 0 {
		return false
	}
	for _, id := range ids {
		if id == nil {
			continue
		}
		if s, ok := red[*id]; ok {
			*id = s
		}
	}
	return true
}
