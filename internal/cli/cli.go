// Package cli is the command line: `serve` (the default) and `seed`, with
// flags that fall back to environment variables.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/importer"
	"github.com/actorgraph/actorgraph/internal/server"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
)

const usage = `actorgraph: a GraphQL service for actor-relationship graphs.

Usage:
  actorgraph [serve] [flags]          serve the API (default)
  actorgraph seed [flags]             load the article dataset into the store (idempotent)
  actorgraph import [flags] FILE...   import GDELT event exports (.CSV, .zip, .gz; 57, 58
                                      or 61 fields) or dataset files (idempotent)
  actorgraph export [flags]           write the store as a dataset file (-o, default stdout)
  actorgraph resolve [-dry-run]       re-run actor resolution over the store (one filled before
                                      resolution existed, or after a dictionary update): print
                                      what merges into what and why, then merge it

Every flag can also be set by the environment variable shown in its help.
The embedded store is used unless NEO4J_URI is set; then NEO4J_USERNAME
(default neo4j), NEO4J_PASSWORD and NEO4J_DATABASE (default neo4j) apply.
`

// Run runs the command line with args (without the program name). It
// returns when the command is done or ctx ends (serve shuts down gracefully).
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	cfg, err := parseConfig(cmd, args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	logger := newLogger(cfg.logFormat, cfg.logLevel, stderr)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, logger)
	case "seed":
		return seed(ctx, cfg, logger, stdout)
	case "import":
		return runImport(ctx, cfg, logger, stdout, stderr)
	case "export":
		return runExport(ctx, cfg, logger, stdout)
	case "resolve":
		return runResolve(ctx, cfg, logger, stdout)
	}
	return fmt.Errorf("unknown command %q (want serve, seed, import, export or resolve)", cmd)
}

// config is every setting, after flags and environment.
type config struct {
	addr           string
	dataDir        string
	apiToken       string
	corsOrigins    string
	maxBodyBytes   int64
	limits         graph.Limits
	logFormat      string
	logLevel       string
	neo4j          neo4jstore.Config
	noSeed         bool
	dryRun         bool // resolve: report only
	shutdownTimout time.Duration
	queryCacheSize int
	apqCacheSize   int
	loaderWait     time.Duration
	cmd            string
	imp            importConfig
	export         exportConfig
	// files are import's arguments.
	files []string
}

func parseConfig(cmd string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage+"\nFlags:\n")
		fs.PrintDefaults()
	}
	env := envFlags{fs: fs, getenv: getenv}
	c := config{cmd: cmd}
	lim := graph.DefaultLimits()
	env.String(&c.addr, "addr", "ACTORGRAPH_ADDR", ":8080", "listen address")
	env.String(&c.dataDir, "data", "ACTORGRAPH_DATA", "./data", "data directory of the embedded store")
	env.String(&c.corsOrigins, "cors-origins", "ACTORGRAPH_CORS_ORIGINS", "", "comma-separated origins allowed by CORS (\"*\" for any; empty for none)")
	env.Int64(&c.maxBodyBytes, "max-body-bytes", "ACTORGRAPH_MAX_BODY_BYTES", server.DefaultMaxBodyBytes, "largest request body in bytes")
	env.Int(&lim.DefaultPageSize, "default-page-size", "ACTORGRAPH_DEFAULT_PAGE_SIZE", lim.DefaultPageSize, "page size when `first` is absent")
	env.Int(&lim.MaxPageSize, "max-page-size", "ACTORGRAPH_MAX_PAGE_SIZE", lim.MaxPageSize, "largest `first` accepted")
	env.Int(&lim.MaxHops, "max-hops", "ACTORGRAPH_MAX_HOPS", lim.MaxHops, "largest maxHops of a path search (also its default)")
	env.Int(&lim.MaxNeighborhoodDepth, "max-neighborhood-depth", "ACTORGRAPH_MAX_NEIGHBORHOOD_DEPTH", lim.MaxNeighborhoodDepth, "largest neighborhood depth")
	env.Int(&lim.MaxQueryDepth, "max-query-depth", "ACTORGRAPH_MAX_QUERY_DEPTH", lim.MaxQueryDepth, "deepest selection nesting of a query")
	env.Int(&lim.MaxAliases, "max-aliases", "ACTORGRAPH_MAX_ALIASES", lim.MaxAliases, "most aliased fields in one query")
	env.Int(&lim.MaxTokens, "max-tokens", "ACTORGRAPH_MAX_TOKENS", lim.MaxTokens, "most parser tokens in one query")
	env.Int(&lim.MaxComplexity, "max-complexity", "ACTORGRAPH_MAX_COMPLEXITY", lim.MaxComplexity, "largest query complexity (list fields count their page size)")
	env.Duration(&lim.RequestTimeout, "request-timeout", "ACTORGRAPH_REQUEST_TIMEOUT", lim.RequestTimeout, "time limit of one request")
	env.Int(&c.queryCacheSize, "query-cache-size", "ACTORGRAPH_QUERY_CACHE_SIZE", 1000, "parsed queries kept in the cache")
	env.Int(&c.apqCacheSize, "apq-cache-size", "ACTORGRAPH_APQ_CACHE_SIZE", 1000, "automatic persisted queries kept")
	env.Duration(&c.loaderWait, "loader-wait", "ACTORGRAPH_LOADER_WAIT", graph.DefaultLoaderWait, "how long nested fields gather ids before one batched store call")
	env.Duration(&c.shutdownTimout, "shutdown-timeout", "ACTORGRAPH_SHUTDOWN_TIMEOUT", 15*time.Second, "how long in-flight requests may finish at shutdown")
	env.String(&c.logFormat, "log-format", "ACTORGRAPH_LOG_FORMAT", "text", "log format: text or json")
	env.String(&c.logLevel, "log-level", "ACTORGRAPH_LOG_LEVEL", "info", "log level: debug, info, warn or error")
	neo4jTimeout := 10 * time.Second
	if cmd == "import" || cmd == "resolve" {
		neo4jTimeout = 5 * time.Minute // one transaction writes a whole batch
	}
	env.Duration(&c.neo4j.QueryTimeout, "neo4j-query-timeout", "ACTORGRAPH_NEO4J_QUERY_TIMEOUT", neo4jTimeout, "transaction timeout on Neo4j (a request's own deadline may be shorter)")
	env.Bool(&c.noSeed, "no-seed", "ACTORGRAPH_NO_SEED", false, "do not seed the article dataset into a new, empty embedded store")
	switch cmd {
	case "import":
		c.imp.flags(&env)
	case "export":
		c.export.flags(&env)
	case "resolve":
		env.Bool(&c.dryRun, "dry-run", "ACTORGRAPH_RESOLVE_DRY_RUN", false, "print the merges, write nothing")
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if env.err != nil {
		return c, env.err
	}
	c.files = fs.Args()
	switch {
	case cmd == "import" && len(c.files) == 0:
		return c, errors.New("import: name at least one file (GDELT export or dataset)")
	case cmd != "import" && fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	c.limits = lim
	c.apiToken = getenv("ACTORGRAPH_API_TOKEN")
	timeout := c.neo4j.QueryTimeout
	c.neo4j = neo4jstore.ConfigFromEnv(getenv)
	c.neo4j.QueryTimeout = timeout
	return c, validateConfig(c)
}

func validateConfig(c config) error {
	l := c.limits
	for _, v := range []struct {
		name string
		n    int
	}{
		{"default-page-size", l.DefaultPageSize}, {"max-page-size", l.MaxPageSize}, {"max-hops", l.MaxHops},
		{"max-query-depth", l.MaxQueryDepth}, {"max-tokens", l.MaxTokens}, {"max-complexity", l.MaxComplexity},
		{"query-cache-size", c.queryCacheSize}, {"apq-cache-size", c.apqCacheSize},
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
	case c.loaderWait < 0 || c.loaderWait > time.Second:
		return fmt.Errorf("-loader-wait must be between 0 and 1s, got %s", c.loaderWait)
	case c.maxBodyBytes < 1:
		return errors.New("-max-body-bytes must be positive")
	case c.logFormat != "text" && c.logFormat != "json":
		return fmt.Errorf("-log-format must be text or json, got %q", c.logFormat)
	}
	if c.cmd == "import" {
		return c.imp.validate()
	}
	return nil
}

func newLogger(format, level string, w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the configured store: Neo4j when NEO4J_URI is set, the
// embedded store otherwise. The embedded store is seeded with the article
// dataset when its file is new (unless -no-seed); Neo4j is seeded by the
// seed command.
func openStore(ctx context.Context, c config, logger *slog.Logger) (*actorgraph.Graph, error) {
	if c.neo4j.URI != "" {
		c.neo4j.Logger = logger
		d, err := neo4jstore.Open(ctx, c.neo4j)
		if err != nil {
			return nil, err
		}
		logger.Info("neo4j store", "uri", c.neo4j.URI, "database", c.neo4j.Database)
		return actorgraph.NewGraph(d), nil
	}
	d, created, err := memstore.Open(c.dataDir)
	if err != nil {
		return nil, err
	}
	s := actorgraph.NewGraph(d)
	logger.Info("embedded store open", "dir", c.dataDir, "new", created)
	if created && !c.noSeed {
		if err := loadArticle(ctx, s, logger); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func loadArticle(ctx context.Context, s *actorgraph.Graph, logger *slog.Logger) error {
	ds, err := dataset.Article()
	if err != nil {
		return fmt.Errorf("article dataset: %w", err)
	}
	// Through the importer, so curated actors absorb the actors event
	// imports made for the same parties (actor resolution).
	sum, err := importer.ImportDataset(ctx, s, ds, importer.Options{})
	if err != nil {
		return fmt.Errorf("seeding the article dataset: %w", err)
	}
	logger.Info("seeded the article dataset", "actors", len(ds.Actors), "relationships", len(ds.Relationships), "merged", sum.Merged)
	return nil
}

func serve(ctx context.Context, c config, logger *slog.Logger) error {
	store, err := openStore(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	var origins []string
	for _, o := range strings.Split(c.corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	srv := server.New(server.Config{
		Store:           store,
		Logger:          logger,
		Limits:          c.limits,
		MaxBodyBytes:    c.maxBodyBytes,
		APIToken:        c.apiToken,
		AllowedOrigins:  origins,
		ShutdownTimeout: c.shutdownTimout,
		QueryCacheSize:  c.queryCacheSize,
		LoaderWait:      c.loaderWait,
		APQCacheSize:    c.apqCacheSize,
	})
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+displayAddr(ln.Addr()), "read_only", c.apiToken == "")
	return srv.Serve(ctx, ln)
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func seed(ctx context.Context, c config, logger *slog.Logger, stdout io.Writer) error {
	c.noSeed = true // seed below, also into an existing store
	store, err := openStore(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := loadArticle(ctx, store, logger); err != nil {
		return err
	}
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "store holds %d actors and %d relationships\n", st.Actors, st.Relationships)
	return nil
}

// envFlags registers flags whose defaults come from environment variables.
type envFlags struct {
	fs     *flag.FlagSet
	getenv func(string) string
	err    error
}

func (e *envFlags) help(help, env string) string { return fmt.Sprintf("%s (env %s)", help, env) }

func (e *envFlags) fail(env, v string, err error) {
	if e.err == nil {
		e.err = fmt.Errorf("environment variable %s=%q: %v", env, v, err)
	}
}

func (e *envFlags) String(p *string, name, env, def, help string) {
	if v := e.getenv(env); v != "" {
		def = v
	}
	e.fs.StringVar(p, name, def, e.help(help, env))
}

func (e *envFlags) Int(p *int, name, env string, def int, help string) {
	if v := e.getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			e.fail(env, v, err)
		}
		def = n
	}
	e.fs.IntVar(p, name, def, e.help(help, env))
}

func (e *envFlags) Int64(p *int64, name, env string, def int64, help string) {
	if v := e.getenv(env); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			e.fail(env, v, err)
		}
		def = n
	}
	e.fs.Int64Var(p, name, def, e.help(help, env))
}

func (e *envFlags) Bool(p *bool, name, env string, def bool, help string) {
	if v := e.getenv(env); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			e.fail(env, v, err)
		}
		def = b
	}
	e.fs.BoolVar(p, name, def, e.help(help, env))
}

func (e *envFlags) Duration(p *time.Duration, name, env string, def time.Duration, help string) {
	if v := e.getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			e.fail(env, v, err)
		}
		def = d
	}
	e.fs.DurationVar(p, name, def, e.help(help, env))
}
