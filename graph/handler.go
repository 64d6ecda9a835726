package graph

import (
	"context"
	"log/slog"
	"math"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/graph/model"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
)

// Settings are the GraphQL handler's settings (part of config.Settings,
// which gives each its flag, environment variable and default).
type Settings struct {
	// APIToken is the static bearer token: its holder is an admin (see
	// internal/auth). With neither it nor a JWT key (Access) the server is
	// read-only.
	APIToken string
	// Access: the JWTs accepted, read auth, introspection.
	Access Access
	// Limits bound what one request may ask for.
	Limits Limits
	// QueryCacheSize is how many parsed queries are kept; APQCacheSize how
	// many automatic persisted queries. Both must be positive.
	QueryCacheSize, APQCacheSize int
	// LoaderWait is how long the per-request loaders gather keys before
	// a store call.
	LoaderWait time.Duration
	// CacheControl is the Cache-Control header of a successful GET query's
	// answer (which carries an ETag); empty for none.
	CacheControl string
	// MaxResponseBytes caps the bytes of one answer, counted while it is
	// written; more is RESPONSE_TOO_LARGE. Must be positive.
	MaxResponseBytes int64
}

// HandlerConfig configures the GraphQL handler.
type HandlerConfig struct {
	Graph *actorgraph.Graph
	Settings
	Logger *slog.Logger
	// ObserveError is called with the code of every error returned to a
	// client (metrics); nil to ignore.
	ObserveError func(code string)
	// RequestID returns the id of the request a context belongs to, for
	// error logs; nil to leave it out.
	RequestID func(ctx context.Context) string
}

// NewHandler returns the /graphql HTTP handler: POST and GET transports,
// a parsed-query cache, automatic persisted queries, the limits, the access
// rules, and the error presenter. Each request gets fresh loaders and the
// outcome of checking its Authorization header in the context. The
// settings are taken as they are: their defaults are config.Default's,
// applied by internal/server. It fails when the JWT keys cannot be read.
func NewHandler(cfg HandlerConfig) (http.Handler, error) {
	verifier, err := auth.NewVerifier(cfg.Access.VerifierConfig(cfg.APIToken))
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ObserveError == nil {
		cfg.ObserveError = func(string) {}
	}
	res := &Resolver{Graph: cfg.Graph, Limits: cfg.Limits, Writable: verifier.Enabled()}
	es := NewExecutableSchema(Config{Resolvers: res, Complexity: complexityRoot(cfg.Limits)}).(*executableSchema)
	srv := handler.New(streamingSchema{es})
	srv.AddTransport(httpTransport{cacheControl: cfg.CacheControl, maxBytes: int(min(cfg.MaxResponseBytes, math.MaxInt)), observe: cfg.ObserveError,
		varyAuthorization: cfg.Access.ReadAuth == ReadRequired, maxQueryBytes: cfg.Limits.MaxQueryBytes})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](cfg.QueryCacheSize))
	srv.SetParserTokenLimit(cfg.Limits.MaxTokens)
	srv.Use(accessGate{readRequired: cfg.Access.ReadAuth == ReadRequired, introspection: cfg.Access.Introspection})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](cfg.APQCacheSize)})
	srv.Use(shapeLimit{maxDepth: cfg.Limits.MaxQueryDepth, maxAliases: cfg.Limits.MaxAliases, maxSelections: cfg.Limits.MaxComplexity})
	srv.Use(extension.FixedComplexityLimit(cfg.Limits.MaxComplexity))
	srv.Use(admission{slots: make(chan struct{}, max(cfg.Limits.MaxCostly, 1)), cheap: cfg.Limits.CheapComplexity, observe: cfg.ObserveError})
	logger := cfg.Logger
	requestID := cfg.RequestID
	if requestID == nil {
		requestID = func(context.Context) string { return "" }
	}
	srv.SetErrorPresenter(errorPresenter(cfg.ObserveError, func(ctx context.Context, err error) {
		logger.ErrorContext(ctx, "request failed", "request_id", requestID(ctx), "err", err)
	}))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", requestID(ctx), "panic", v)
		return errInternalPanic
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := WithLoaders(r.Context(), cfg.Graph, cfg.LoaderWait)
		ctx = WithAuthorization(ctx, verifier, r.Header.Get("Authorization"))
		srv.ServeHTTP(w, r.WithContext(ctx))
	}), nil
}

type panicError struct{}

func (panicError) Error() string { return "panic in resolver" }

var errInternalPanic error = panicError{}

// complexityRoot makes list fields count as their page size times their
// children, so a wide nested query costs what it would return.
func complexityRoot(l Limits) ComplexityRoot {
	var c ComplexityRoot
	page := func(first *int) int {
		if first != nil && *first > 0 {
			return *first
		}
		return l.DefaultPageSize
	}
	// A connection pages one way; the larger size counts.
	pages := func(first, last *int) int { return max(page(first), page(last)) }
	rels := func(child int, _ *actorgraph.Direction, _ []actorgraph.RelationshipType, _ *actorgraph.Date, first *int, _ *string, last *int, _ *string) int {
		return 1 + child*pages(first, last)
	}
	c.Leader.Relationships = rels
	c.Government.Relationships = rels
	c.Mediator.Relationships = rels
	c.Official.Relationships = rels
	c.Journalist.Relationships = rels
	c.Organization.Relationships = rels
	c.Group.Relationships = rels
	c.Query.Actors = func(child int, _ *model.ActorFilter, first *int, _ *string, last *int, _ *string) int {
		return 1 + child*pages(first, last)
	}
	c.Query.Relationships = func(child int, _ *model.RelationshipFilter, first *int, _ *string, last *int, _ *string) int {
		return 1 + child*pages(first, last)
	}
	c.Query.Search = func(child int, _ string, first *int) int { return 1 + child*page(first) }
	c.Query.Changes = func(child int, _ *string, _ *string, first *int, _ *string) int {
		return 1 + child*page(first)
	}
	hops := func(maxHops *int) int {
		if maxHops != nil && *maxHops > 0 {
			return *maxHops
		}
		return l.MaxHops
	}
	// A subgraph can return up to MaxNodes actors and MaxEdges
	// relationships whatever its arguments: that is what it costs, so ten
	// aliased neighborhoods cost ten times one.
	c.Subgraph.Nodes = func(child int) int { return 1 + child*max(l.MaxNodes, 1) }
	c.Subgraph.Edges = func(child int) int { return 1 + child*max(l.MaxEdges, 1) }
	c.Subgraph.AggregatedEdges = func(child int) int { return 1 + child*max(l.MaxEdges, 1) }
	c.Subgraph.NodeStats = func(child int) int { return 1 + child*max(l.MaxNodes, 1) }
	c.AggregatedEdge.Relationships = func(child int, first *int, _ *string) int { return 1 + child*page(first) }
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []actorgraph.RelationshipType, _ *model.PathFilter, _ *actorgraph.Date, _ *int,
		_, _, _ *bool, _ []string, _ *int) int {
		return 1 + child
	}
	c.Query.ShortestPath = func(child int, _, _ string, maxHops *int, _ []actorgraph.RelationshipType, _ *actorgraph.Direction, _ *model.PathFilter, _ *actorgraph.Date) int {
		return 1 + child*hops(maxHops)
	}
	c.Query.CheapestPath = func(child int, _, _ string, _ *actorgraph.Weight, maxHops *int, _ *model.PathFilter, _ *actorgraph.Date) int {
		return 1 + child*hops(maxHops)
	}
	// One path, like shortestPath.
	c.Query.TemporalPath = func(child int, _, _ string, _ *string, maxHops *int, _ *model.PathFilter, _ *actorgraph.Date) int {
		return 1 + child*hops(maxHops)
	}
	c.Query.AllShortestPaths = func(child int, _, _ string, maxHops *int, _ *model.PathFilter, _ *actorgraph.Date, first *int) int {
		return 1 + child*hops(maxHops)*page(first)
	}
	c.Query.KShortestPaths = func(child int, _, _ string, k *int, maxHops *int, _ *model.PathFilter, _ *actorgraph.Date) int {
		n := 3
		if k != nil && *k > 0 {
			n = *k
		}
		return 1 + child*hops(maxHops)*n
	}
	c.Query.Paths = func(child int, _, _ string, maxHops *int, _ *model.PathFilter, _ *actorgraph.Date, first *int, _ *string) int {
		return 1 + child*hops(maxHops)*page(first)
	}
	return c
}
