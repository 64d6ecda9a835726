package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
)

// Read-auth modes (Access.ReadAuth).
const (
	// ReadOpen lets anyone run queries (the default).
	ReadOpen = "open"
	// ReadRequired makes every operation need a reader (or higher) token.
	ReadRequired = "required"
)

// Access says who may do what, beyond the static API token: the JWTs
// accepted, whether queries need a token, and whether introspection is
// answered. Like Limits it is taken as a whole: a zero Access means
// DefaultAccess().
type Access struct {
	// JWTSecret is the HS256 shared secret (at least 32 bytes); empty for
	// none.
	JWTSecret string
	// JWKSFile is a JSON Web Key Set file of RS256/ES256 public keys;
	// empty for none.
	JWKSFile string
	// JWTIssuer and JWTAudience, when set, must be a JWT's iss and one of
	// its aud.
	JWTIssuer, JWTAudience string
	// JWTLeeway is the clock skew allowed on exp and nbf.
	JWTLeeway time.Duration
	// ReadAuth is ReadOpen or ReadRequired.
	ReadAuth string
	// Introspection answers __schema and __type queries; false refuses
	// them with GRAPHQL_VALIDATION_FAILED.
	Introspection bool
}

// DefaultAccess is the access a server starts with: reads open,
// introspection on, no JWT keys, 30s of leeway.
func DefaultAccess() Access {
	return Access{JWTLeeway: 30 * time.Second, ReadAuth: ReadOpen, Introspection: true}
}

// VerifierConfig is the auth.Config of the static token and a.
func (a Access) VerifierConfig(apiToken string) auth.Config {
	return auth.Config{
		StaticToken: apiToken,
		Secret:      a.JWTSecret,
		JWKSFile:    a.JWKSFile,
		Issuer:      a.JWTIssuer,
		Audience:    a.JWTAudience,
		Leeway:      a.JWTLeeway,
	}
}

// roleOf says which role an operation's root field needs: reader for
// queries, editor for the create, update, delete and merge mutations,
// admin for anything else (a mutation added without a role here is
// admin's until one is given). The `changes` query checks admin itself.
func roleOf(field string) auth.Role {
	switch field {
	case "createActor", "updateActor", "deleteActor", "createRelationship", "deleteRelationship", "mergeActors":
		return auth.Editor
	}
	return auth.Admin
}

// require checks the request's caller has role. No token is
// UNAUTHENTICATED, a refused token UNAUTHENTICATED with the reason, a
// valid token without the role FORBIDDEN naming it.
func require(ctx context.Context, role auth.Role, what string) error {
	res := auth.ResultFrom(ctx)
	switch {
	case res.Err != nil:
		return res.Err
	case !res.Present:
		return fmt.Errorf("%w: %s needs a token with the %s role in an Authorization: Bearer <token> header", actorgraph.ErrUnauthenticated, what, role)
	case !res.Principal.Has(role):
		return fmt.Errorf("%w: %s needs the %s role; the token has %s", actorgraph.ErrForbidden, what, role, rolesText(res.Principal.Roles))
	}
	return nil
}

func rolesText(roles []auth.Role) string {
	if len(roles) == 0 {
		return "no roles"
	}
	s := "roles"
	for i, r := range roles {
		if i == 0 {
			s += " "
		} else {
			s += ", "
		}
		s += string(r)
	}
	return s
}

// accessGate is the handler extension that applies Access to whole
// operations: with ReadRequired every operation needs a reader, checked
// before the query is even parsed (so an anonymous caller learns nothing of
// the schema from validation errors); without Introspection an operation
// selecting __schema or __type is refused after validation.
type accessGate struct {
	readRequired  bool
	introspection bool
}

var (
	_ graphql.HandlerExtension          = accessGate{}
	_ graphql.OperationParameterMutator = accessGate{}
	_ graphql.OperationContextMutator   = accessGate{}
)

func (accessGate) ExtensionName() string                   { return "AccessGate" }
func (accessGate) Validate(graphql.ExecutableSchema) error { return nil }
func (g accessGate) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	if !g.readRequired {
		return nil
	}
	if err := require(ctx, auth.Reader, "this server's API"); err != nil {
		return &gqlerror.Error{Err: err, Message: err.Error()}
	}
	return nil
}

func (g accessGate) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if g.introspection {
		rc.DisableIntrospection = false
		return nil
	}
	rc.DisableIntrospection = true
	if f := introspectionField(rc.Operation.SelectionSet, map[string]bool{}); f != nil {
		err := gqlerror.ErrorPosf(f.Position, "introspection is disabled on this server: %s cannot be queried", f.Name)
		errcode.Set(err, errcode.ValidationFailed)
		return err
	}
	return nil
}

// introspectionField returns the first __schema or __type field under set,
// following fragments (each once).
func introspectionField(set ast.SelectionSet, seen map[string]bool) *ast.Field {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == "__schema" || sel.Name == "__type" {
				return sel
			}
			if f := introspectionField(sel.SelectionSet, seen); f != nil {
				return f
			}
		case *ast.InlineFragment:
			if f := introspectionField(sel.SelectionSet, seen); f != nil {
				return f
			}
		case *ast.FragmentSpread:
			if seen[sel.Name] || sel.Definition == nil {
				continue
			}
			seen[sel.Name] = true
			if f := introspectionField(sel.Definition.SelectionSet, seen); f != nil {
				return f
			}
		}
	}
	return nil
}
