package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
)

// Resolver is the root resolver. Resolvers translate GraphQL to Graph
// calls and back; checks, filtering, ordering and graph algorithms live in
// the domain (actorgraph.Graph) and its drivers. Root fields call the
// Graph; nested fields go through per-request loaders.
type Resolver struct {
	Graph  *actorgraph.Graph
	Limits Limits
	// Writable: some token can be accepted (the static API token or a JWT
	// key is configured); false makes the server read-only.
	Writable bool
}

// WithAuthorization checks the request's Authorization header value with v
// and stores the outcome in ctx (auth.WithResult), where authorize and
// auth.PrincipalFrom read it.
//
// An accepted token's subject (auth.StaticSubject for the static token)
// becomes the caller the audit trail records the request's writes as
// (actorgraph.WithCaller); writes need a token, so none is anonymous.
func WithAuthorization(ctx context.Context, v *auth.Verifier, header string) context.Context {
	ctx = auth.WithResult(ctx, v.Authenticate(ctx, header))
	if p, ok := auth.PrincipalFrom(ctx); ok {
		ctx = actorgraph.WithCaller(ctx, p.Subject)
	}
	return ctx
}

// authorize checks the caller may run the mutation being resolved: the
// role it needs (roleOf: editor for create, update, delete and merge) or
// a higher one.
func (r *Resolver) authorize(ctx context.Context) error {
	if !r.Writable {
		return fmt.Errorf("%w: this server is read-only: mutations are disabled because neither ACTORGRAPH_API_TOKEN nor a JWT key (ACTORGRAPH_JWT_SECRET, ACTORGRAPH_JWKS_FILE) is set", actorgraph.ErrForbidden)
	}
	field := ""
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		field = fc.Field.Name
	}
	what := "this mutation"
	if field != "" {
		what = field
	}
	return require(ctx, roleOf(field), what)
}
