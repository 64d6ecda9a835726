// Package config holds the settings of the actorgraph server: one struct,
// Settings, with one default for each field (Default), and the flags and
// environment variables that set them (Register, FlagSet). The command line
// builds Settings; internal/server takes them; tests that construct a
// server directly leave fields zero to mean their default (WithDefaults).
package config

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/auth"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
)

// Settings are the settings of `actorgraph serve` (the other commands use
// the store's part of them).
type Settings struct {
	// Addr is the listen address.
	Addr string
	// DataDir is the embedded store's directory.
	DataDir string
	// NoSeed keeps a new, empty embedded store empty instead of seeding
	// the article dataset into it.
	NoSeed bool
	// Neo4j says how to reach Neo4j; an empty URI means the embedded store.
	Neo4j neo4jstore.Config

	// The GraphQL handler's settings: the API token, the access rules
	// (JWTs, read auth, introspection), the limits, the caches, the loader
	// wait and the Cache-Control of GET answers.
	graph.Settings

	// MetricsToken, when set, is the bearer token /metrics asks for;
	// empty leaves /metrics open.
	MetricsToken string

	// AllowedOrigins lists the origins allowed by CORS ("*" for any);
	// empty allows none.
	AllowedOrigins []string
	// MaxBodyBytes caps a request body; more is REQUEST_TOO_LARGE (413).
	MaxBodyBytes int64
	// RateLimit is the requests per second one client may send to
	// /graphql (token bucket per client); 0 turns rate limiting off. More
	// is RATE_LIMITED (429).
	RateLimit float64
	// RateBurst is the size of each client's bucket: the requests a client
	// may send at once before RateLimit applies.
	RateBurst int
	// MaxExportRecords caps the actors and relationships one /export
	// answer may hold; more is EXPORT_TOO_LARGE (422).
	MaxExportRecords int
	// ShutdownTimeout bounds how long in-flight requests may finish.
	ShutdownTimeout time.Duration

	// LogFormat is text or json; LogLevel debug, info, warn or error.
	LogFormat, LogLevel string
}

// Default returns the settings a server starts with when nothing is set.
func Default() Settings {
	return Settings{
		Addr:    ":8080",
		DataDir: "./data",
		Neo4j: neo4jstore.Config{
			Username:     "neo4j",
			Database:     "neo4j",
			QueryTimeout: 10 * time.Second,
		},
		MaxBodyBytes: 1 << 20,
		RateBurst:    20,
		// An export holds its records in memory while it writes them;
		// 10,000 is a large neighbourhood, a few MiB.
		MaxExportRecords: 10_000,
		Settings: graph.Settings{
			Access: graph.DefaultAccess(),
			// 8 MiB: far above what the default limits let a typical
			// query return, well below the 23 MB a hub's depth-2
			// neighborhood answered before edges were capped; 32 answers
			// at the cap in flight hold 256 MiB.
			MaxResponseBytes: graph.DefaultMaxResponseBytes,
			Limits:           graph.DefaultLimits(),
			QueryCacheSize:   1000,
			APQCacheSize:     1000,
			LoaderWait:       graph.DefaultLoaderWait,
			CacheControl:     "no-cache",
		},
		ShutdownTimeout: 15 * time.Second,
		LogFormat:       "text",
		LogLevel:        "info",
	}
}

// WithDefaults returns s with every zero field set to its default. Limits
// and Access are taken as a whole (a zero Limits means the default limits),
// since a zero MaxAliases, JWTLeeway or a false Introspection is a setting
// of its own.
func (s Settings) WithDefaults() Settings {
	d := Default()
	orDefault(&s.Addr, d.Addr)
	orDefault(&s.DataDir, d.DataDir)
	orDefault(&s.Neo4j.Username, d.Neo4j.Username)
	orDefault(&s.Neo4j.Database, d.Neo4j.Database)
	orDefault(&s.Neo4j.QueryTimeout, d.Neo4j.QueryTimeout)
	orDefault(&s.MaxBodyBytes, d.MaxBodyBytes)
	orDefault(&s.MaxResponseBytes, d.MaxResponseBytes)
	orDefault(&s.RateBurst, d.RateBurst)
	orDefault(&s.MaxExportRecords, d.MaxExportRecords)
	orDefault(&s.Limits, d.Limits)
	orDefault(&s.Access, d.Access)
	orDefault(&s.QueryCacheSize, d.QueryCacheSize)
	orDefault(&s.APQCacheSize, d.APQCacheSize)
	orDefault(&s.LoaderWait, d.LoaderWait)
	orDefault(&s.CacheControl, d.CacheControl)
	orDefault(&s.ShutdownTimeout, d.ShutdownTimeout)
	orDefault(&s.LogFormat, d.LogFormat)
	orDefault(&s.LogLevel, d.LogLevel)
	return s
}

func orDefault[T comparable](p *T, def T) {
	var zero T
	if *p == zero {
		*p = def
	}
}

// Register declares a flag, with its environment variable, for each
// setting, and the settings only the environment sets (the API token and
// Neo4j's connection, which the official tools name NEO4J_*). The flags'
// defaults are the values s holds, normally Default().
func (s *Settings) Register(fs *FlagSet) {
	l := &s.Limits
	fs.String(&s.Addr, "addr", "ACTORGRAPH_ADDR", "listen address")
	fs.String(&s.DataDir, "data", "ACTORGRAPH_DATA", "data directory of the embedded store")
	fs.List(&s.AllowedOrigins, "cors-origins", "ACTORGRAPH_CORS_ORIGINS", "comma-separated origins allowed by CORS (\"*\" for any; empty for none)")
	fs.Int64(&s.MaxBodyBytes, "max-body-bytes", "ACTORGRAPH_MAX_BODY_BYTES", "largest request body in bytes")
	fs.Int64(&s.MaxResponseBytes, "max-response-bytes", "ACTORGRAPH_MAX_RESPONSE_BYTES", "largest answer in bytes, counted while it is written")
	fs.Int(&s.MaxExportRecords, "max-export-records", "ACTORGRAPH_MAX_EXPORT_RECORDS", "most actors and relationships one /export answer may hold")
	fs.Float64(&s.RateLimit, "rate-limit", "ACTORGRAPH_RATE_LIMIT", "requests per second one client (its bearer token, else its address) may send to /graphql; 0 for no limit")
	fs.Int(&s.RateBurst, "rate-burst", "ACTORGRAPH_RATE_BURST", "requests one client may send at once before -rate-limit applies")
	fs.Int(&l.MaxCostly, "max-costly", "ACTORGRAPH_MAX_COSTLY", "costly GraphQL operations (complexity above -cheap-complexity) run at once; more wait until their time limit, then answer OVERLOADED")
	fs.Int(&l.CheapComplexity, "cheap-complexity", "ACTORGRAPH_CHEAP_COMPLEXITY", "complexity up to which an operation never waits for a slot")
	fs.Int(&l.DefaultPageSize, "default-page-size", "ACTORGRAPH_DEFAULT_PAGE_SIZE", "page size when `first` is absent")
	fs.Int(&l.MaxPageSize, "max-page-size", "ACTORGRAPH_MAX_PAGE_SIZE", "largest `first` accepted")
	fs.Int(&l.MaxHops, "max-hops", "ACTORGRAPH_MAX_HOPS", "largest maxHops of a path search (also its default)")
	fs.Int(&l.MaxNeighborhoodDepth, "max-neighborhood-depth", "ACTORGRAPH_MAX_NEIGHBORHOOD_DEPTH", "largest neighborhood depth")
	fs.Int(&l.MaxNodes, "max-nodes", "ACTORGRAPH_MAX_NODES", "most actors in a subgraph (a neighborhood's limit when absent, and its largest value)")
	fs.Int(&l.MaxEdges, "max-edges", "ACTORGRAPH_MAX_EDGES", "most relationships in a subgraph; the walk stops reading at the cap")
	fs.Int(&l.MaxWriteRelationships, "max-write-relationships", "ACTORGRAPH_MAX_WRITE_RELATIONSHIPS", "most relationships one cascading deleteActor or mergeActors may change")
	fs.Int(&l.MaxQueryDepth, "max-query-depth", "ACTORGRAPH_MAX_QUERY_DEPTH", "deepest selection nesting of a query")
	fs.Int(&l.MaxAliases, "max-aliases", "ACTORGRAPH_MAX_ALIASES", "most aliased fields in one query")
	fs.Int(&l.MaxTokens, "max-tokens", "ACTORGRAPH_MAX_TOKENS", "most parser tokens in one query")
	fs.Int(&l.MaxQueryBytes, "max-query-bytes", "ACTORGRAPH_MAX_QUERY_BYTES", "longest query text in bytes (comments count); the query caches keep texts, so this bounds them")
	fs.Int(&l.MaxComplexity, "max-complexity", "ACTORGRAPH_MAX_COMPLEXITY", "largest query complexity (list fields count their page size)")
	fs.Duration(&l.RequestTimeout, "request-timeout", "ACTORGRAPH_REQUEST_TIMEOUT", "time limit of one request")
	fs.Int(&s.QueryCacheSize, "query-cache-size", "ACTORGRAPH_QUERY_CACHE_SIZE", "parsed queries kept in the cache")
	fs.Int(&s.APQCacheSize, "apq-cache-size", "ACTORGRAPH_APQ_CACHE_SIZE", "automatic persisted queries kept")
	fs.Duration(&s.LoaderWait, "loader-wait", "ACTORGRAPH_LOADER_WAIT", "how long nested fields gather ids before one batched store call")
	fs.String(&s.CacheControl, "cache-control", "ACTORGRAPH_CACHE_CONTROL", "Cache-Control of successful GET query answers, which carry an ETag (e.g. \"public, max-age=60\" for a public deployment)")
	fs.Duration(&s.ShutdownTimeout, "shutdown-timeout", "ACTORGRAPH_SHUTDOWN_TIMEOUT", "how long in-flight requests may finish at shutdown")
	fs.String(&s.LogFormat, "log-format", "ACTORGRAPH_LOG_FORMAT", "log format: text or json")
	fs.String(&s.LogLevel, "log-level", "ACTORGRAPH_LOG_LEVEL", "log level: debug, info, warn or error")
	fs.Duration(&s.Neo4j.QueryTimeout, "neo4j-query-timeout", "ACTORGRAPH_NEO4J_QUERY_TIMEOUT", "transaction timeout on Neo4j (a request's own deadline may be shorter)")
	fs.Bool(&s.NoSeed, "no-seed", "ACTORGRAPH_NO_SEED", "do not seed the article dataset into a new, empty embedded store")
	a := &s.Access
	fs.String(&a.ReadAuth, "read-auth", "ACTORGRAPH_READ_AUTH", "open: anyone may query; required: every GraphQL operation needs a token with the reader role or higher")
	fs.Bool(&a.Introspection, "introspection", "ACTORGRAPH_INTROSPECTION", "answer introspection (__schema, __type); false for a public deployment")
	fs.String(&a.JWKSFile, "jwks-file", "ACTORGRAPH_JWKS_FILE", "JSON Web Key Set file whose RSA and P-256 EC keys verify RS256 and ES256 JWTs")
	fs.String(&a.JWTIssuer, "jwt-issuer", "ACTORGRAPH_JWT_ISSUER", "iss a JWT must carry (empty: not checked)")
	fs.String(&a.JWTAudience, "jwt-audience", "ACTORGRAPH_JWT_AUDIENCE", "aud a JWT must include (empty: not checked)")
	fs.Duration(&a.JWTLeeway, "jwt-leeway", "ACTORGRAPH_JWT_LEEWAY", "clock skew allowed on a JWT's exp and nbf")

	fs.Env(&s.APIToken, "ACTORGRAPH_API_TOKEN", "static bearer token, with the admin role (unset, and no JWT key: read-only)")
	fs.Env(&a.JWTSecret, "ACTORGRAPH_JWT_SECRET", "HS256 shared secret (at least 32 bytes) that verifies JWTs")
	fs.Env(&s.MetricsToken, "ACTORGRAPH_METRICS_TOKEN", "bearer token /metrics asks for (unset: /metrics is open)")
	fs.Env(&s.Neo4j.URI, "NEO4J_URI", "serve from this Neo4j instead of the embedded store")
	fs.Env(&s.Neo4j.Username, "NEO4J_USERNAME", "Neo4j user")
	fs.Env(&s.Neo4j.Password, "NEO4J_PASSWORD", "Neo4j password")
	fs.Env(&s.Neo4j.Database, "NEO4J_DATABASE", "Neo4j database")
}

// Validate reports the first setting out of range, naming its flag.
func (s Settings) Validate() error {
	l := s.Limits
	for _, v := range []struct {
		name string
		n    int
	}{
		{"default-page-size", l.DefaultPageSize}, {"max-page-size", l.MaxPageSize}, {"max-hops", l.MaxHops},
		{"max-query-depth", l.MaxQueryDepth}, {"max-tokens", l.MaxTokens}, {"max-complexity", l.MaxComplexity},
		{"max-nodes", l.MaxNodes}, {"max-edges", l.MaxEdges}, {"max-write-relationships", l.MaxWriteRelationships},
		{"max-costly", l.MaxCostly}, {"max-query-bytes", l.MaxQueryBytes}, {"max-export-records", s.MaxExportRecords},
		{"query-cache-size", s.QueryCacheSize}, {"apq-cache-size", s.APQCacheSize},
	} {
		if v.n < 1 {
			return fmt.Errorf("-%s must be at least 1, got %d", v.name, v.n)
		}
	}
	switch {
	case l.DefaultPageSize > l.MaxPageSize:
		return fmt.Errorf("-default-page-size (%d) must not exceed -max-page-size (%d)", l.DefaultPageSize, l.MaxPageSize)
	case l.MaxNeighborhoodDepth < 0 || l.MaxAliases < 0:
		return errors.New("-max-neighborhood-depth and -max-aliases must not be negative")
	case l.RequestTimeout <= 0:
		return errors.New("-request-timeout must be positive")
	case s.LoaderWait < 0 || s.LoaderWait > time.Second:
		return fmt.Errorf("-loader-wait must be between 0 and 1s, got %s", s.LoaderWait)
	case s.MaxBodyBytes < 1:
		return errors.New("-max-body-bytes must be positive")
	case s.MaxResponseBytes < 1:
		return errors.New("-max-response-bytes must be positive")
	case s.RateLimit < 0 || math.IsNaN(s.RateLimit) || math.IsInf(s.RateLimit, 0):
		return fmt.Errorf("-rate-limit must be 0 (off) or a positive number of requests per second, got %g", s.RateLimit)
	case s.RateLimit > 0 && s.RateBurst < 1:
		return fmt.Errorf("-rate-burst must be at least 1, got %d", s.RateBurst)
	case s.LogFormat != "text" && s.LogFormat != "json":
		return fmt.Errorf("-log-format must be text or json, got %q", s.LogFormat)
	case s.Access.ReadAuth != graph.ReadOpen && s.Access.ReadAuth != graph.ReadRequired:
		return fmt.Errorf("-read-auth must be %s or %s, got %q", graph.ReadOpen, graph.ReadRequired, s.Access.ReadAuth)
	case s.Access.JWTLeeway < 0 || s.Access.JWTLeeway > 10*time.Minute:
		return fmt.Errorf("-jwt-leeway must be between 0 and 10m, got %s", s.Access.JWTLeeway)
	}
	v, err := auth.NewVerifier(s.Access.VerifierConfig(s.APIToken))
	if err != nil {
		return err
	}
	if s.Access.ReadAuth == graph.ReadRequired && !v.Enabled() {
		return errors.New("-read-auth=required needs a way to get a token: set ACTORGRAPH_API_TOKEN, ACTORGRAPH_JWT_SECRET or -jwks-file")
	}
	return nil
}
