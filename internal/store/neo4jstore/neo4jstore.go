// Package neo4jstore is the Store on Neo4j 5 (a single server, a cluster
// through neo4j:// routing, or Aura). It is the only package that imports
// the Neo4j driver. Every query is parameterised; relationship types come
// from a fixed table; every transaction is managed (retried by the driver
// on transient errors) and has a timeout; writes are idempotent.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

var _ actorgraph.Driver = (*Store)(nil)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://host:7687, neo4j://host (routing), neo4j+s://… (Aura)
	Username string
	Password string
	Database string // "" means "neo4j"
	// QueryTimeout bounds each transaction when the caller's context has
	// no earlier deadline.
	QueryTimeout time.Duration
	Logger       *slog.Logger
}

// Store is the Neo4j store.
type Store struct {
	driver  neo4j.DriverWithContext
	db      string
	timeout time.Duration
	log     *slog.Logger

	schemaMu   sync.Mutex
	schemaDone bool

	queries atomic.Int64 // Cypher statements sent, for tests and metrics
}

// Open creates the driver. It does not fail when Neo4j is unreachable: the
// store then reports not ready (Ready) and answers ErrUnavailable until
// Neo4j answers, and sets up its schema on the first successful call. It
// fails only on a malformed configuration.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 10 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = 100
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.SocketConnectTimeout = 5 * time.Second
		c.MaxTransactionRetryTime = 5 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %w", err)
	}
	s := &Store{driver: driver, db: cfg.Database, timeout: cfg.QueryTimeout, log: cfg.Logger}
	if err := s.Ready(ctx); err != nil {
		cfg.Logger.Warn("neo4j not ready at start; serving UNAVAILABLE until it is", "err", err)
	}
	return s, nil
}

// Close closes the driver.
func (s *Store) Close() error { return s.driver.Close(context.Background()) }

// QueryCount returns how many Cypher statements the store has sent.
func (s *Store) QueryCount() int64 { return s.queries.Load() }

// Ready verifies connectivity and that the schema is in place.
func (s *Store) Ready(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("%w: neo4j: %s", actorgraph.ErrUnavailable, briefly(err))
	}
	return s.ensureSchema(ctx)
}

// ensureSchema creates the constraint and indexes once per process.
func (s *Store) ensureSchema(ctx context.Context) error {
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaDone {
		return nil
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	for _, stmt := range schemaStatements() {
		// Schema statements cannot share a transaction with each other's
		// writes; auto-commit each (they are idempotent).
		res, err := session.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		s.queries.Add(1)
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) && strings.Contains(nerr.Code, "AlreadyExists") {
			// Another process created it at the same moment: IF NOT
			// EXISTS does not cover that race.
			err = nil
		}
		if err != nil {
			return s.translate(fmt.Errorf("schema %q: %w", stmt, err))
		}
	}
	res, err := session.Run(ctx, "CALL db.awaitIndexes(60)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return s.translate(fmt.Errorf("awaiting indexes: %w", err))
	}
	res, err = session.Run(ctx, backfillKeys, map[string]any{"version": int64(keyVersion)})
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return s.translate(fmt.Errorf("relationship keys: %w", err))
	}
	s.schemaDone = true
	return nil
}

// txTimeout is the transaction timeout: the context's remaining time, or
// the configured query timeout, whichever is shorter.
func (s *Store) txTimeout(ctx context.Context) time.Duration {
	t := s.timeout
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl); left < t {
			t = max(left, time.Millisecond)
		}
	}
	return t
}

// read runs work in a managed read transaction.
func (s *Store) read(ctx context.Context, work func(tx *txn) error) error {
	return s.execute(ctx, neo4j.AccessModeRead, work)
}

// write runs work in a managed write transaction.
func (s *Store) write(ctx context.Context, work func(tx *txn) error) error {
	return s.execute(ctx, neo4j.AccessModeWrite, work)
}

func (s *Store) execute(ctx context.Context, mode neo4j.AccessMode, work func(tx *txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode})
	defer session.Close(ctx)
	fn := func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(&txn{tx: tx, s: s}) }
	var err error
	if mode == neo4j.AccessModeRead {
		_, err = session.ExecuteRead(ctx, fn, neo4j.WithTxTimeout(s.txTimeout(ctx)))
	} else {
		_, err = session.ExecuteWrite(ctx, fn, neo4j.WithTxTimeout(s.txTimeout(ctx)))
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			// The driver reports a deadline inside a ConnectivityError that
			// does not unwrap; the context says what happened. Neo4j ends
			// the transaction itself: its timeout is the context's deadline.
			return fmt.Errorf("neo4j: %w", ctxErr)
		}
		return s.translate(err)
	}
	return nil
}

// txn wraps a managed transaction to count statements.
type txn struct {
	tx neo4j.ManagedTransaction
	s  *Store
}

// run sends one statement and collects its records.
func (t *txn) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	t.s.queries.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// each sends one statement and hands its records to fn one at a time as
// they stream in, until fn returns false; the rest is never read.
func (t *txn) each(ctx context.Context, cypher string, params map[string]any, fn func(*neo4j.Record) (bool, error)) error {
	t.s.queries.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		more, err := fn(res.Record())
		if err != nil || !more {
			return err
		}
	}
	return res.Err()
}

// domainError marks errors made by this package's own checks inside a
// transaction, so translate passes them through unchanged.
type domainError struct{ err error }

func (e domainError) Error() string { return e.err.Error() }
func (e domainError) Unwrap() error { return e.err }

// translate maps driver errors onto the domain's sentinels. Clients never
// see driver text: ErrUnavailable and INTERNAL messages are replaced by the
// GraphQL layer; the detail goes to the log.
func (s *Store) translate(err error) error {
	var de domainError
	if errors.As(err, &de) {
		return de.err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		switch {
		case strings.Contains(nerr.Code, "ConstraintValidationFailed"):
			return fmt.Errorf("%w: %s", actorgraph.ErrConflict, "an actor or relationship with this id already exists")
		case strings.Contains(nerr.Code, "TransactionTimedOut"), strings.Contains(nerr.Code, "Transaction.Terminated"):
			return fmt.Errorf("neo4j: %s: %w", nerr.Code, context.DeadlineExceeded)
		case nerr.IsAuthenticationFailed(), strings.Contains(nerr.Code, "Security"):
			s.log.Error("neo4j refused the credentials", "code", nerr.Code)
			return fmt.Errorf("%w: neo4j refused the credentials", actorgraph.ErrUnavailable)
		case strings.Contains(nerr.Code, "DatabaseNotFound"), strings.Contains(nerr.Code, "DatabaseUnavailable"):
			return fmt.Errorf("%w: %s", actorgraph.ErrUnavailable, nerr.Code)
		}
		return fmt.Errorf("neo4jstore: %w", err)
	}
	// The driver's Is* helpers do not unwrap, so use errors.As.
	var connErr *neo4j.ConnectivityError
	var limitErr *neo4j.TransactionExecutionLimit
	if errors.As(err, &connErr) || errors.As(err, &limitErr) {
		return fmt.Errorf("%w: %s", actorgraph.ErrUnavailable, briefly(err))
	}
	return fmt.Errorf("neo4jstore: %w", err)
}

// briefly shortens a driver error for logs and readiness reasons.
func briefly(err error) string {
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USERNAME (default neo4j),
// NEO4J_PASSWORD and NEO4J_DATABASE (default neo4j), the variables the
// official tools and the Docker image use.
func ConfigFromEnv(getenv func(string) string) Config {
	c := Config{
		URI:      getenv("NEO4J_URI"),
		Username: getenv("NEO4J_USERNAME"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: getenv("NEO4J_DATABASE"),
	}
	if c.Username == "" {
		c.Username = "neo4j"
	}
	if c.Database == "" {
		c.Database = "neo4j"
	}
	return c
}
