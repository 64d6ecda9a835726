package graph

import (
	"context"
	"crypto/subtle"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Resolver is the root resolver. Resolvers translate GraphQL to Graph
// calls and back; checks, filtering, ordering and graph algorithms live in
// the domain (actorgraph.Graph) and its drivers. Root fields call the
// Graph; nested fields go through per-request loaders.
type Resolver struct {
	Graph  *actorgraph.Graph
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
