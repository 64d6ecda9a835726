// Package cli is the command line: `serve` (the default), `seed`,
// `import`, `export`, `resolve`, `backup` and `restore`, with flags that fall back to
// environment variables (internal/config).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/config"
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
  actorgraph export [flags]           write the store as a dataset file (-o, default stdout), or
                                      with -format graphml|gexf|csv-edges|csv-nodes|cytoscape
                                      a graph file (-types, -since, -until filter it)
  actorgraph resolve [-dry-run]       re-run actor resolution over the store (one filled before
                                      resolution existed, or after a dictionary update): print
                                      what merges into what and why, then merge it
  actorgraph backup -o FILE [-server URL]
                                      copy the embedded store, consistently, while it serves
                                      (through the server at URL) or not (from -data)
  actorgraph restore [-force] FILE    put a backup in place as the -data store (stopped)

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
	logger := newLogger(cfg.LogFormat, cfg.LogLevel, stderr)
	switch cmd {
	case "seed", "import", "resolve":
		// The audit trail records the command as the writes' author.
		ctx = actorgraph.WithCaller(ctx, cmd)
	}
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
	case "backup":
		return runBackup(ctx, cfg, logger, stdout)
	case "restore":
		return runRestore(ctx, cfg, logger, stdout)
	}
	return fmt.Errorf("unknown command %q (want serve, seed, import, export, resolve, backup or restore)", cmd)
}

// options are a command's settings: the server's, after flags and
// environment, and the command's own.
type options struct {
	config.Settings
	cmd     string
	dryRun  bool // resolve: report only
	imp     importConfig
	export  exportConfig
	backup  backupConfig
	restore restoreConfig
	// files are import's arguments (restore's one file).
	files []string
}

func parseConfig(cmd string, args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	fs := config.NewFlagSet(cmd, usage, stderr)
	c := options{Settings: config.Default(), cmd: cmd}
	if cmd == "import" || cmd == "resolve" {
		c.Neo4j.QueryTimeout = 5 * time.Minute // one transaction writes a whole batch
	}
	c.Settings.Register(fs)
	switch cmd {
	case "import":
		c.imp = defaultImportConfig()
		c.imp.flags(fs)
	case "export":
		c.export = defaultExportConfig()
		c.export.flags(fs)
	case "backup":
		c.backup.flags(fs)
	case "restore":
		c.restore.flags(fs)
	case "resolve":
		fs.Bool(&c.dryRun, "dry-run", "ACTORGRAPH_RESOLVE_DRY_RUN", "print the merges, write nothing")
	}
	if err := fs.Parse(args, getenv); err != nil {
		return c, err
	}
	c.files = fs.Args()
	switch {
	case cmd == "import" && len(c.files) == 0:
		return c, errors.New("import: name at least one file (GDELT export or dataset)")
	case cmd == "restore" && len(c.files) != 1:
		return c, errors.New("restore: name one backup file (restore [-force] FILE)")
	case cmd != "import" && cmd != "restore" && fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	if cmd == "import" {
		return c, c.imp.validate()
	}
	return c, nil
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
func openStore(ctx context.Context, c options, logger *slog.Logger) (*actorgraph.Graph, error) {
	g, _, err := openEngine(ctx, c, logger)
	return g, err
}

// backupFunc writes a consistent copy of a store's file (server.Config.Backup).
type backupFunc = func(ctx context.Context, w io.Writer) (int64, error)

// openEngine is openStore, also returning the store's online backup when it
// has one (the embedded store; nil for Neo4j).
func openEngine(ctx context.Context, c options, logger *slog.Logger) (*actorgraph.Graph, backupFunc, error) {
	if c.Neo4j.URI != "" {
		c.Neo4j.Logger = logger
		d, err := neo4jstore.Open(ctx, c.Neo4j)
		if err != nil {
			return nil, nil, err
		}
		logger.Info("neo4j store", "uri", c.Neo4j.URI, "database", c.Neo4j.Database)
		return actorgraph.NewGraph(d), nil, nil
	}
	d, created, err := memstore.Open(c.DataDir)
	if err != nil {
		return nil, nil, err
	}
	s := actorgraph.NewGraph(d)
	logger.Info("embedded store open", "dir", c.DataDir, "new", created)
	if created && !c.NoSeed {
		if err := loadArticle(ctx, s, logger); err != nil {
			s.Close()
			return nil, nil, err
		}
	}
	return s, d.Backup, nil
}

func loadArticle(ctx context.Context, s *actorgraph.Graph, logger *slog.Logger) error {
	ds, err := dataset.Article()
	if err != nil {
		return fmt.Errorf("article dataset: %w", err)
	}
	// Through the importer, so curated actors absorb the actors event
	// imports made for the same parties (actor resolution).
	ctx = actorgraph.WithCaller(ctx, "seed")
	sum, err := importer.ImportDataset(ctx, s, ds, importer.Options{})
	if err != nil {
		return fmt.Errorf("seeding the article dataset: %w", err)
	}
	logger.Info("seeded the article dataset", "actors", len(ds.Actors), "relationships", len(ds.Relationships), "merged", sum.Merged)
	return nil
}

func serve(ctx context.Context, c options, logger *slog.Logger) error {
	store, backup, err := openEngine(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	if n := len(c.APIToken); n > 0 && n < 32 {
		logger.Warn("ACTORGRAPH_API_TOKEN is short: it grants admin (writes, backups); use at least 32 random bytes, and -rate-limit on a public address", "bytes", n)
	}
	srv, err := server.New(server.Config{Graph: store, Backup: backup, Logger: logger, Settings: c.Settings})
	if err != nil {
		ln.Close()
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+displayAddr(ln.Addr()), "read_only", c.APIToken == "" && c.Access.JWTSecret == "" && c.Access.JWKSFile == "",
		"read_auth", c.Access.ReadAuth, "introspection", c.Access.Introspection)
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

func seed(ctx context.Context, c options, logger *slog.Logger, stdout io.Writer) error {
	c.NoSeed = true // seed below, also into an existing store
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
